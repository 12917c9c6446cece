"""Shared machinery for the site tests: the strict build, a local server, headless Chromium.

* ``site_build`` runs ``jupyter-book build <root> -W -n --keep-going`` once per session on a
  clean ``_build/html`` (executed notebooks in ``_build/.jupyter_cache`` are reused);
  ``built_site`` is what other tests use: it fails them when the build failed.
* ``site_server`` serves ``_build/html`` on 127.0.0.1 (a free port).
* ``chromium`` is the browser ``tests/prepare.py`` finds (``$MMLBOOK_CHROMIUM``, Debian's
  ``chromium``, or a Chromium/Chrome in the usual places) driven by Playwright (never
  ``playwright install``); ``open_page`` opens a page in a fresh context that lets
  only the local server through and records everything else, plus console errors.
* At the end of a session that built the site, a size report (HTML and slider frames,
  raw and gzipped) is printed and written to ``_build/site-report.txt``.
"""

from __future__ import annotations

import dataclasses
import fcntl
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from tests import booksource
from tests.prepare import SetupError, find_chromium

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "_build"
HTML = BUILD / "html"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BUILD_TIMEOUT = 3600  # seconds; a cold build executes every chapter
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# ipykernel 7 logs this on every kernel start (jupyter-book runs kernels over local TCP);
# it is the kernel's log, not a warning about the book, and would fail every cold build.
_KERNEL_TCP_NOTICE = re.compile(r"^\[IPKernelApp\] WARNING \| Kernel is running over TCP without encryption\.")
_SLIDER_DATA = re.compile(r'<script type="application/json" class="mmlbook-slider-data">(.*?)</script>',
                          re.S)


# --------------------------------------------------------------------------- the book's pages

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n.*?^(?P=fence)[ \t]*$", re.S | re.M)


class Book:
    """What the tests need to know about the book's sources and its built pages."""

    def __init__(self, root: Path = ROOT):
        self.root = root
        self.html = root / "_build" / "html"
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
        self.repository_url: str = (config.get("repository") or {}).get("url", "")
        self.pages: list[str] = self.toc_docnames()
        self.notebook_pages: list[str] = [name for name in self.pages if self.is_notebook(name)]

    def toc_docnames(self) -> list[str]:
        return booksource.toc_docnames(self.root)

    def source_of(self, docname: str) -> Path | None:
        """The page's source file, or None when _toc.yml lists a file that does not exist."""
        for suffix in (".md", ".ipynb", ".rst"):
            if (self.root / (docname + suffix)).is_file():
                return self.root / (docname + suffix)
        return None

    def source_text(self, docname: str) -> str:
        """The text an author wrote: prose and code alike (cells joined for .ipynb)."""
        path = self.source_of(docname)
        if path is None:
            return ""
        if path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            return "\n\n".join("".join(cell["source"]) for cell in cells)
        return path.read_text(encoding="utf-8")

    def is_notebook(self, docname: str) -> bool:
        path = self.source_of(docname)
        return path is not None and booksource.is_notebook(path)

    def has_math(self, docname: str) -> bool:
        """Does the page's prose hold math (``$...$``, ``$$``, ``{math}``, amsmath environments)?

        Code cells and code fences are ignored (a ``$`` in a shell snippet is not math);
        ``{math}`` fences are directives and count.
        """
        text = self.source_text(docname)
        if "{math}" in text:
            return True
        prose = _FENCE.sub(lambda m: m.group(0) if m.group("info").strip().startswith("{")
                           and not m.group("info").strip().startswith("{code-cell}") else "", text)
        prose = re.sub(r"`[^`\n]*`", "", prose)
        return bool(re.search(r"\$\$|\$[^$\s][^$\n]*\$|\\begin\{", prose))

    def has_interact_call(self, docname: str) -> bool:
        """Does the page's source call ``mmlbook.widgets.interact``?"""
        text = self.source_text(docname)
        return bool(re.search(r"\bwidgets\.interact\s*\(", text)
                    or re.search(r"from\s+mmlbook\.widgets\s+import\s[^\n]*\binteract\b", text))

    def page(self, docname: str) -> Path:
        return self.html / f"{docname}.html"

    def downloaded_notebook(self, docname: str) -> Path:
        return self.html / "_sources" / f"{docname}.ipynb"

    def slider_frames(self, docname: str) -> list[Path]:
        """The frame files the built page's sliders point to (resolved on disk)."""
        page = self.page(docname)
        frames: list[Path] = []
        for block in _SLIDER_DATA.findall(page.read_text(encoding="utf-8")):
            for frame in json.loads(block.replace("<\\/", "</"))["frames"]:
                if not frame["src"].startswith("data:"):
                    frames.append((page.parent / frame["src"]).resolve())
        return frames


BOOK = Book()


@pytest.fixture(scope="session")
def book() -> Book:
    return BOOK


def pytest_generate_tests(metafunc):
    """``docname``: every page in _toc.yml; ``notebook``: every notebook chapter among them."""
    if "docname" in metafunc.fixturenames:
        metafunc.parametrize("docname", BOOK.pages)
    if "notebook" in metafunc.fixturenames:
        metafunc.parametrize("notebook", BOOK.notebook_pages)


# --------------------------------------------------------------------------- the strict build

@dataclass
class BuildResult:
    returncode: int
    output: str
    seconds: float

    @property
    def warnings(self) -> list[str]:
        """Output lines that say WARNING, except ipykernel's notice when a kernel starts."""
        return [line for line in self.output.splitlines()
                if "WARNING" in line and not _KERNEL_TCP_NOTICE.match(line)]


_BUILT = pytest.StashKey[BuildResult]()


def run_strict_build() -> BuildResult:
    """Clean _build/html and the doctrees (keep the execution cache), then build with -W -n."""
    for stale in (HTML, BUILD / "doctrees", BUILD / ".doctrees"):
        shutil.rmtree(stale, ignore_errors=True)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    start = time.monotonic()
    try:
        proc = subprocess.run([str(jupyter_book), "build", str(ROOT), "-W", "-n", "--keep-going"],
                              cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
        output, returncode = proc.stdout + proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as exc:
        output = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else exc.stdout or ""
        output, returncode = output + f"\n[timed out after {BUILD_TIMEOUT} s]", -1
    return BuildResult(returncode, _ANSI.sub("", output), time.monotonic() - start)


@pytest.fixture(scope="session")
def site_build(request) -> BuildResult:
    """The strict build, run once per test run."""
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if run_id is None:
        result = run_strict_build()
    else:
        # Under pytest-xdist each worker has a session of its own: the first one builds,
        # the others wait for it and reuse its result.
        BUILD.mkdir(exist_ok=True)
        record = BUILD / ".site-build.json"
        with open(BUILD / ".site-build.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                saved = json.loads(record.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                saved = {}
            if saved.get("run") == run_id:
                result = BuildResult(**saved["result"])
            else:
                result = run_strict_build()
                record.write_text(json.dumps({"run": run_id, "result": dataclasses.asdict(result)}),
                                  encoding="utf-8")
    request.config.stash[_BUILT] = result
    return result


@pytest.fixture(scope="session")
def built_site(site_build) -> Path:
    """The built HTML folder; every test that needs it fails when the strict build failed."""
    if site_build.returncode != 0 or not (HTML / "index.html").is_file():
        pytest.fail(f"the strict build failed (exit {site_build.returncode}): its output is in "
                    "the failure of test_build.py::test_strict_build", pytrace=False)
    return HTML


# --------------------------------------------------------------------------- serving and browsing

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def site_server(built_site) -> str:
    """Base URL (ending in /) of ``_build/html`` served on 127.0.0.1."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(built_site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium per session (the one tests/prepare.py finds; never downloaded)."""
    try:
        from playwright import sync_api
    except ImportError:
        pytest.fail("playwright (Python) is not installed: pip install -r requirements.txt", pytrace=False)
    try:
        executable = find_chromium()
    except SetupError as exc:
        pytest.fail(str(exc), pytrace=False)
    if executable is None:
        pytest.fail("no Chromium found: run `python tests/prepare.py` (the README's test command "
                    "does), which installs Debian's chromium or says what to run", pytrace=False)
    with sync_api.sync_playwright() as playwright:
        # Plain launch() gives Chromium a fresh temporary profile (user data dir).
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()


@dataclass
class Probe:
    """A page in its own browser context, and what it did on the network and the console."""
    context: object
    page: object
    base: str
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)

    def goto(self, docname: str):
        return self.page.goto(urljoin(self.base, f"{docname}.html"), wait_until="load")

    def mark(self) -> tuple[int, int, int]:
        """Where the records stand now: pass it to ``problems`` to see only what came after."""
        return len(self.blocked), len(self.console_errors), len(self.bad_responses)

    def problems(self, since: tuple[int, int, int] = (0, 0, 0)) -> str:
        """Blocked requests, console errors and failed local requests, or '' when clean."""
        lines = []
        for title, records, start in (("requests to other hosts (blocked):", self.blocked, since[0]),
                                      ("console errors:", self.console_errors, since[1]),
                                      ("failed local requests:", self.bad_responses, since[2])):
            if records[start:]:
                lines += [title, *(f"  {record}" for record in records[start:])]
        return "\n".join(lines)

    def close(self) -> None:
        self.context.close()


def new_probe(browser, base: str) -> Probe:
    """A fresh context and page that reach only ``base``; everything else is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(15_000)
    probe = Probe(context=context, page=context.new_page(), base=base)

    def route(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            probe.blocked.append(route.request.url)
            route.abort()

    def console(message):
        if message.type == "error":
            where = message.location or {}
            probe.console_errors.append(
                f"{message.text} ({where.get('url', '')}:{where.get('lineNumber', '')})")

    def response(resp):
        if resp.status >= 400 and resp.url.startswith(base):
            probe.bad_responses.append(f"HTTP {resp.status} {resp.url}")

    def request_failed(request):
        # Blocked requests fail too (already listed); ERR_ABORTED is the page itself cancelling
        # a load it no longer needs, such as a slider frame passed over while dragging.
        if request.url.startswith(base) and "ERR_ABORTED" not in (request.failure or ""):
            probe.bad_responses.append(f"{request.failure} {request.url}")

    context.route("**/*", route)
    probe.page.on("console", console)
    probe.page.on("pageerror", lambda exc: probe.console_errors.append(f"uncaught exception: {exc}"))
    probe.page.on("response", response)
    probe.page.on("requestfailed", request_failed)
    return probe


@pytest.fixture(scope="session")
def make_probe(chromium, site_server):
    """Factory of probes for session-scoped users, who close them themselves."""
    return lambda: new_probe(chromium, site_server)


@pytest.fixture
def open_page(make_probe):
    """Factory of probes (fresh context + page) closed at the end of the test."""
    probes: list[Probe] = []

    def factory() -> Probe:
        probes.append(make_probe())
        return probes[-1]

    yield factory
    for probe in probes:
        probe.close()


# --------------------------------------------------------------------------- size report

def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def size_report() -> list[str]:
    rows = [f"{'page':40} {'HTML':>10} {'HTML gz':>10} {'frames':>7} {'frames B':>11} {'frames gz':>10}"]
    totals = [0, 0, 0, 0, 0]
    for name in BOOK.pages:
        page = BOOK.page(name)
        if not page.is_file():
            rows.append(f"{name:40} (not built)")
            continue
        html = page.read_bytes()
        frames = [f for f in dict.fromkeys(BOOK.slider_frames(name)) if f.is_file()]
        frame_bytes = [f.read_bytes() for f in frames]
        sizes = [len(html), _gz(html), len(frames), sum(map(len, frame_bytes)),
                 sum(map(_gz, frame_bytes))]
        totals = [t + s for t, s in zip(totals, sizes)]
        rows.append(f"{name:40} {sizes[0]:>10,} {sizes[1]:>10,} {sizes[2]:>7} {sizes[3]:>11,} {sizes[4]:>10,}")
    rows.append(f"{'total':40} {totals[0]:>10,} {totals[1]:>10,} {totals[2]:>7} {totals[3]:>11,} {totals[4]:>10,}")
    rows.append("(bytes; gzip level 6, each file on its own; frames = distinct slider frames a page can show)")
    return rows


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    build = config.stash.get(_BUILT, None)
    if build is None or not HTML.is_dir():
        return
    rows = [f"strict build: exit {build.returncode} in {build.seconds:.1f} s, "
            f"{len(build.warnings)} warning line(s)", *size_report()]
    (BUILD / "site-report.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    terminalreporter.write_sep("-", "built site: page and slider-frame sizes (_build/site-report.txt)")
    for row in rows:
        terminalreporter.write_line(row)
