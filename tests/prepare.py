"""Set up what the tests need besides Python packages: a Chromium and the npm test tools.

Run by the README's test command (``python tests/prepare.py && python -m pytest``) and so by
``.ci/run``; safe to run again (it does nothing when all is in place). It never downloads a
browser through a test tool (no ``playwright install``).

* Chromium, first found wins: ``$MMLBOOK_CHROMIUM`` (a path; an error when it is not an
  executable file), Debian's ``chromium`` (``/usr/bin/chromium`` or on ``PATH``), then a
  Chromium or Google Chrome the reader already has in the usual places. With none, on
  Debian/Ubuntu as root or with ``sudo``, ``apt-get install chromium``; otherwise it stops and
  says exactly what to run.
* ``npm ci --prefix tests`` when ``tests/node_modules`` is missing or does not match
  ``tests/package-lock.json`` (Node and npm are installed with apt first when missing, as above).

The site tests (``tests/site/conftest.py``) find the browser with the same ``find_chromium``.
Exit status: 0 when everything is ready, 1 with a message on stderr otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ENV_VAR = "MMLBOOK_CHROMIUM"

# Where a Chromium or Chrome usually lives when it is not Debian's package.
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_PLACES = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/opt/google/chrome/chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    os.path.expanduser("~/Applications/Chromium.app/Contents/MacOS/Chromium"),
    os.path.expanduser("~/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"),
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
)


class SetupError(RuntimeError):
    """A tool the tests need is missing and could not be installed; the message says what to run."""


def _executable(path: str | os.PathLike) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_chromium() -> str | None:
    """The Chromium to drive: ``$MMLBOOK_CHROMIUM``, else Debian's, else one in the usual places.

    Returns None when there is none. Raises SetupError when ``$MMLBOOK_CHROMIUM`` is set but
    is not an executable file: a path the reader chose that is wrong must not be replaced by
    another browser silently.
    """
    chosen = os.environ.get(ENV_VAR, "").strip()
    if chosen:
        if not _executable(chosen):
            raise SetupError(f"{ENV_VAR}={chosen!r} is not an executable file: point it at a "
                             "Chromium or Chrome binary, or unset it")
        return chosen
    for place in (*(shutil.which(name) for name in _NAMES), *_PLACES):
        if place and _executable(place):
            return place
    return None


def _apt_prefix() -> list[str] | None:
    """How to run apt-get here (as root, or through sudo), or None off Debian/Ubuntu."""
    if shutil.which("apt-get") is None:
        return None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return []
    if shutil.which("sudo") is not None:
        return ["sudo"]
    return None


def _apt_install(prefix: list[str], packages: list[str]) -> None:
    print(f"prepare: installing {' '.join(packages)} with apt-get", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
                   check=True, env=env)


_NO_BROWSER = (
    "no Chromium or Chrome found for the browser tests (tests/site). Either\n"
    "  * on Debian/Ubuntu: sudo apt-get install chromium   (then run the test command again), or\n"
    f"  * point {ENV_VAR} at a Chromium/Chrome you have, e.g.\n"
    f"      export {ENV_VAR}=/path/to/chromium\n"
    "Do not use `playwright install`: the tests never download a browser."
)


def ensure_chromium() -> str:
    """A Chromium path, installing Debian's ``chromium`` with apt when none is found and apt can."""
    found = find_chromium()
    if found:
        return found
    prefix = _apt_prefix()
    if prefix is not None:
        try:
            _apt_install(prefix, ["chromium"])
        except (subprocess.CalledProcessError, OSError) as exc:
            raise SetupError(f"`{' '.join([*prefix, 'apt-get install chromium'])}` failed ({exc}).\n"
                             + _NO_BROWSER) from exc
        found = find_chromium()
        if found:
            return found
    raise SetupError(_NO_BROWSER)


def node_modules_current(tests: Path = TESTS) -> bool:
    """Does ``tests/node_modules`` hold exactly what ``tests/package-lock.json`` pins?

    npm records what it installed in ``node_modules/.package-lock.json``; compare each
    package's version with the lock file (a missing or older install is stale).
    """
    installed_record = tests / "node_modules" / ".package-lock.json"
    try:
        wanted = json.loads((tests / "package-lock.json").read_text(encoding="utf-8"))["packages"]
        installed = json.loads(installed_record.read_text(encoding="utf-8"))["packages"]
    except (OSError, ValueError, KeyError):
        return False
    for name, entry in wanted.items():
        if not name:  # "" is the project itself, not an installed package
            continue
        if installed.get(name, {}).get("version") != entry.get("version"):
            return False
        if not (tests / name).is_dir():
            return False
    return True


def ensure_node_modules(tests: Path = TESTS) -> None:
    """Run ``npm ci --prefix tests`` when the installed npm tools are missing or stale."""
    if node_modules_current(tests):
        return
    if shutil.which("npm") is None:
        prefix = _apt_prefix()
        if prefix is None:
            raise SetupError("npm is missing: install Node.js 18 or newer (https://nodejs.org, or "
                             "`sudo apt-get install nodejs npm` on Debian/Ubuntu), then run the test "
                             "command again")
        _apt_install(prefix, ["nodejs", "npm"])
    print("prepare: npm ci --prefix tests", file=sys.stderr)
    subprocess.run(["npm", "ci", "--prefix", str(tests), "--no-audit", "--no-fund", "--loglevel=error"],
                   check=True)
    if not node_modules_current(tests):
        raise SetupError("`npm ci --prefix tests` ran but tests/node_modules still does not match "
                         "tests/package-lock.json")


def main() -> int:
    try:
        ensure_node_modules()
        browser = ensure_chromium()
    except (SetupError, subprocess.CalledProcessError) as exc:
        print(f"prepare: {exc}", file=sys.stderr)
        return 1
    print(f"prepare: ready (browser: {browser}; npm tools: tests/node_modules)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
