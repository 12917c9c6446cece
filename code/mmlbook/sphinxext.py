"""Sphinx extension that makes ``mmlbook.widgets`` produce the static site.

Listed in ``_config.yml`` under ``sphinx.extra_extensions``. It

* sets ``MMLBOOK_STATIC=1`` in the build process, which the kernels that
  execute the chapters inherit, so ``widgets.interact`` pre-renders frames;
* executes the notebooks that the execution cache lacks side by side, one
  kernel per core, before Sphinx reads them one at a time (myst-nb then finds
  each in the cache);
* ships the script that swaps the frames and the book's stylesheet;
* after the build, moves every inline frame into its own file under
  ``_images/sliders/`` (named by content hash), so a page loads only the
  frames its reader looks at, and the executed notebooks in the cache keep
  working as they are;
* prunes what the site ships and no page loads: the offline MathJax package
  (sphinx-mathjax-offline copies all 24 MB of it) down to what the pages can
  fetch, the themes' source maps (read only by a browser's developer tools)
  and sphinx-book-theme's translation catalogues (used while building).
"""

from __future__ import annotations

import base64
import concurrent.futures
import hashlib
import multiprocessing
import os
import re
import shutil
import sys
from pathlib import Path

from .widgets import PROCESSES_ENV, STATIC_ENV

STATIC_DIR = Path(__file__).parent / "static"
_BLOCK = re.compile(r'<div class="mmlbook-slider" id=.*?</script></div>', re.S)
_DATA_URI = re.compile(r"data:image/(svg\+xml|png);base64,([A-Za-z0-9+/=]+)")
_SUFFIX = {"svg+xml": ".svg", "png": ".png"}


def externalise_frames(html_file: Path, outdir: Path) -> int:
    """Replace the inline frames of ``html_file`` by files; return how many were written."""
    text = html_file.read_text(encoding="utf-8")
    if "mmlbook-slider-data" not in text:
        return 0
    frame_dir = outdir / "_images" / "sliders"
    frame_dir.mkdir(parents=True, exist_ok=True)
    written = 0

    def to_file(match: re.Match) -> str:
        nonlocal written
        data = base64.b64decode(match.group(2))
        target = frame_dir / (hashlib.sha256(data).hexdigest()[:20] + _SUFFIX[match.group(1)])
        if not target.exists():
            target.write_bytes(data)
            written += 1
        return Path(os.path.relpath(target, html_file.parent)).as_posix()

    text = _BLOCK.sub(lambda block: _DATA_URI.sub(to_file, block.group(0)), text)
    html_file.write_text(text, encoding="utf-8")
    return written


#: What a page that loads ``tex-chtml.js`` can fetch: the component itself; the CHTML
#: fonts and, through the menu's "Math Renderer" choice, the SVG output; extensions that
#: TeX's autoload pulls in for a macro; and the menu's accessibility tools (explorer,
#: speech rules, and the MathML input their semantic enrichment parses). The rest are
#: other combined builds (MathML-first, SVG-first, full, Node) that no page names.
MATHJAX_KEEP = ("tex-chtml.js", "output/", "input/tex/extensions/", "input/mml", "a11y/", "sre/", "ui/")


def prune_mathjax(mathjax: Path) -> int:
    """Delete what no page can load from the copied MathJax folder; return the bytes freed."""
    freed = 0
    for path in sorted(mathjax.rglob("*"), reverse=True):
        name = path.relative_to(mathjax).as_posix()
        if path.is_file() and not name.startswith(MATHJAX_KEEP):
            freed += path.stat().st_size
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return freed


def _uncached_notebooks(app, env, docnames) -> list:
    """(docname, path, notebook, read format) of every notebook to read that the cache lacks."""
    from jupyter_cache import get_cache
    from myst_nb.core.read import create_nb_reader

    cache = get_cache(env.mystnb_config.execution_cache_path)
    missing = []
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        reader = create_nb_reader(str(path), env.myst_config, env.mystnb_config, text)
        if reader is None:
            continue  # plain Markdown
        notebook = reader.read(text)
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            missing.append((docname, path, notebook, reader.read_fmt))
    return missing


#: The variables that set how many threads NumPy's BLAS (OpenBLAS, MKL, or OpenMP builds) starts.
BLAS_THREADS_ENV = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


def _execute(path: Path, notebook, timeout: int, frame_processes: int):
    """In a worker: run one notebook as myst-nb would (in its folder); the outputs, or the error."""
    from jupyter_cache.executors.utils import single_nb_execution

    # Kernels inherit these: the cores are shared between notebooks, not given to each
    # (frames and BLAS threads alike; two BLAS threads per kernel on two cores doubled a chapter's time).
    for name in (PROCESSES_ENV, *BLAS_THREADS_ENV):
        os.environ.setdefault(name, str(frame_processes))
    result = single_nb_execution(notebook, cwd=str(path.parent), allow_errors=False, timeout=timeout,
                                 meta_override=True)
    return result.nb, result.time, None if result.err is None else result.exc_string


def execute_side_by_side(app, env, docnames) -> None:
    """Fill the execution cache with every uncached notebook, several kernels at a time.

    myst-nb executes each notebook when Sphinx reads it, one after another,
    so a many-core machine runs one kernel at a time. Here the notebooks
    missing from the cache run first in parallel (largest first, so the last
    one to finish is short), and their outputs go into the same cache that
    myst-nb then reads. A notebook that fails is not cached: myst-nb runs it
    again as usual and reports the failure as it always does.
    """
    config = env.mystnb_config
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if config.execution_mode != "cache" or cores < 2 or sys.platform != "linux":
        return
    missing = _uncached_notebooks(app, env, docnames)
    if len(missing) < 2:
        return
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    missing.sort(key=lambda item: item[1].stat().st_size, reverse=True)
    workers = min(cores, len(missing))
    logger.info(f"mmlbook: executing {len(missing)} notebooks, {workers} at a time")
    cache = get_cache(config.execution_cache_path)
    # Forked, not spawned: the workers need nothing but this process's imports.
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {pool.submit(_execute, path, notebook, config.execution_timeout, max(1, cores // workers)):
                   (docname, path, read_fmt) for docname, path, notebook, read_fmt in missing}
        for future in concurrent.futures.as_completed(futures):
            docname, path, read_fmt = futures[future]
            executed, seconds, error = future.result()
            if error is not None:
                logger.info(f"mmlbook: {docname} failed; myst-nb will run it again and report it")
                continue
            record = cache.add_nb_to_project(str(path), read_data=read_fmt)
            cache.cache_notebook_bundle(CacheBundleIn(executed, record.uri, data={"execution_seconds": seconds}),
                                        check_validity=False, overwrite=True)
            logger.info(f"mmlbook: executed {docname} in {seconds:.1f} s")


def _add_static_path(app, config) -> None:
    config.html_static_path.append(str(STATIC_DIR))


def _dedupe_scripts(app, pagename, templatename, context, doctree) -> None:
    """Drop repeated scripts from a page.

    With Sphinx 7.4, Jupyter Book 1 registers sphinx-thebe's inline script twice
    (once with filename None, once with ''), and the second ``const THEBE_JS_URL``
    is a SyntaxError in every page's console.
    """
    seen, unique = set(), []
    for script in context.get("script_files", []):
        key = (getattr(script, "filename", None) or "",
               tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def _build_finished(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        outdir = Path(app.outdir)
        for html_file in outdir.rglob("*.html"):
            externalise_frames(html_file, outdir)


def _prune_static(app, exception) -> None:
    static = Path(app.outdir) / "_static"
    if exception is None and app.builder.format == "html" and static.is_dir():
        if (static / "mathjax").is_dir():
            prune_mathjax(static / "mathjax")
        for unused in [*static.glob("**/*.js.map"), *static.glob("**/*.css.map")]:
            unused.unlink()
        shutil.rmtree(static / "locales", ignore_errors=True)


def setup(app):
    # Before any kernel starts: kernels copy the build process's environment.
    os.environ[STATIC_ENV] = "1"
    app.connect("config-inited", _add_static_path)
    app.connect("env-before-read-docs", execute_side_by_side)
    app.add_js_file("mmlbook-sliders.js")
    app.add_css_file("mmlbook.css")
    app.connect("html-page-context", _dedupe_scripts)
    app.connect("build-finished", _build_finished)
    # After sphinx-mathjax-offline's own build-finished handler (priority 500) has copied it.
    app.connect("build-finished", _prune_static, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
