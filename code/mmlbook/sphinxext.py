"""Sphinx extension that makes ``mmlbook.widgets`` produce the static site.

Listed in ``_config.yml`` under ``sphinx.extra_extensions``. It

* sets ``MMLBOOK_STATIC=1`` in the build process, which the kernels that
  execute the chapters inherit, so ``widgets.interact`` pre-renders frames;
* ships the script that swaps the frames and the book's stylesheet;
* after the build, moves every inline frame into its own file under
  ``_images/sliders/`` (named by content hash), so a page loads only the
  frames its reader looks at, and the executed notebooks in the cache keep
  working as they are;
* prunes the offline MathJax package (sphinx-mathjax-offline copies all
  24 MB of it) to what the pages can load.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

from .widgets import STATIC_ENV

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


def _prune_mathjax(app, exception) -> None:
    mathjax = Path(app.outdir) / "_static" / "mathjax"
    if exception is None and app.builder.format == "html" and mathjax.is_dir():
        prune_mathjax(mathjax)


def setup(app):
    # Before any kernel starts: kernels copy the build process's environment.
    os.environ[STATIC_ENV] = "1"
    app.connect("config-inited", _add_static_path)
    app.add_js_file("mmlbook-sliders.js")
    app.add_css_file("mmlbook.css")
    app.connect("html-page-context", _dedupe_scripts)
    app.connect("build-finished", _build_finished)
    # After sphinx-mathjax-offline's own build-finished handler (priority 500) has copied it.
    app.connect("build-finished", _prune_mathjax, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
