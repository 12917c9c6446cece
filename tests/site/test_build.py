"""The strict build, and what it writes to disk: pages, slider frames, notebook downloads.

The browser tests are in test_pages.py; both use the one build of ``conftest.site_build``.
"""

from __future__ import annotations

import re

import jupytext
import nbformat
import pytest

pytestmark = pytest.mark.site

# ``docname`` runs over every page of _toc.yml and ``notebook`` over its notebook chapters
# (conftest.pytest_generate_tests); ``book`` knows the sources and the built pages.


def test_strict_build(site_build):
    """``jupyter-book build . -W -n --keep-going`` on a clean _build/html: exit 0, no warning."""
    if site_build.returncode == 0 and not site_build.warnings:
        return
    report = [f"the strict build exited {site_build.returncode} after {site_build.seconds:.0f} s "
              f"with {len(site_build.warnings)} warning(s):", *site_build.warnings]
    if site_build.returncode != 0:
        report += ["", "last lines of its output:", *site_build.output.splitlines()[-25:]]
    pytest.fail("\n".join(report), pytrace=False)


def test_page_has_a_source(book, docname):
    assert book.source_of(docname), f"_toc.yml lists {docname} but no .md/.ipynb/.rst file exists"


def test_page_is_built(built_site, docname):
    assert (built_site / f"{docname}.html").is_file(), f"{docname}.html is missing from _build/html"


def test_slider_markup(built_site, book, docname):
    """Static sliders, not ipywidgets: frames are files under _images/sliders/, no widget state."""
    html = (built_site / f"{docname}.html").read_text(encoding="utf-8")
    blocks = html.count('<div class="mmlbook-slider"')
    if book.has_interact_call(docname):
        assert blocks, (f"{book.source_of(docname).relative_to(book.root)} calls widgets.interact but "
                        f"{docname}.html has no .mmlbook-slider: static mode did not kick in "
                        "(is mmlbook.sphinxext in _config.yml's sphinx.extra_extensions?)")
    # Embedded widget state makes the page fetch require.js and the widget manager from a CDN.
    assert "application/vnd.jupyter.widget-state+json" not in html, \
        f"{docname}.html embeds ipywidgets state: widgets would need a CDN and a kernel"
    assert "application/vnd.jupyter.widget-view+json" not in html
    if not blocks:
        return
    assert 'src="data:image' not in html and '"src": "data:' not in html, \
        f"{docname}.html still holds inline frames: mmlbook.sphinxext did not externalise them"
    frames = book.slider_frames(docname)
    assert frames, f"{docname}.html has sliders but no frames"
    sliders_dir = (built_site / "_images" / "sliders").resolve()
    missing = [str(f) for f in frames if not f.is_file()]
    assert not missing, f"frames referenced by {docname}.html are missing:\n" + "\n".join(missing[:10])
    outside = [str(f) for f in frames if f.parent != sliders_dir]
    assert not outside, "frames outside _images/sliders/:\n" + "\n".join(outside[:10])


# --------------------------------------------------------------------------- notebook downloads

def test_notebook_download_is_offered(built_site, book, notebook):
    download = book.downloaded_notebook(notebook)
    assert download.is_file(), f"_sources/{notebook}.ipynb is missing from the built site"
    nbformat.validate(nbformat.read(download, as_version=4))
    html = book.page(notebook).read_text(encoding="utf-8")
    assert re.search(rf'href="[./]*_sources/{re.escape(notebook)}\.ipynb"', html), \
        f"{notebook}.html has no download link to _sources/{notebook}.ipynb"


def test_notebook_download_installs_mmlbook(built_site, book, notebook):
    """The first code cell can install mmlbook where it is missing (Colab, a bare Jupyter)."""
    cells = nbformat.read(book.downloaded_notebook(notebook), as_version=4).cells
    code = [cell for cell in cells if cell.cell_type == "code"]
    assert code, f"{notebook}.ipynb has no code cell"
    url = book.repository_url.rstrip("/")
    assert url, "_config.yml has no repository.url"
    wanted = re.compile(r"%pip install\b.*\bgit\+" + re.escape(url)
                        + r"(?:\.git)?(?:@[^\s#\"']+)?#subdirectory=code\b")
    assert any(wanted.search(line) for line in code[0].source.splitlines()), (
        f"the first code cell of {notebook} should hold the fallback "
        f"`%pip install \"mmlbook @ git+{url}#subdirectory=code\"` (guarded by an "
        f"ImportError check); it reads:\n{code[0].source}")


def test_notebook_download_holds_the_chapters_code(built_site, book, notebook):
    """The downloaded .ipynb has exactly the chapter's code cells.

    nbval runs every chapter's cells in a fresh, empty folder and in live mode
    (the root conftest.py), which is how a reader runs the download: with the
    same code, that run proves the download runs on its own, without
    executing every chapter a third time here.
    """
    download = [cell.source for cell in nbformat.read(book.downloaded_notebook(notebook), as_version=4).cells
                if cell.cell_type == "code"]
    source = [cell.source for cell in jupytext.read(book.source_of(notebook)).cells if cell.cell_type == "code"]
    assert download == source, f"_sources/{notebook}.ipynb does not hold the code cells of its chapter"


def test_site_ships_only_what_pages_load(built_site):
    """mmlbook.sphinxext prunes MathJax's unused builds, source maps and build-time catalogues."""
    static = built_site / "_static"
    assert (static / "mathjax" / "tex-chtml.js").is_file()
    unused = [p.relative_to(static).as_posix() for p in static.rglob("*")
              if p.suffix == ".map" or p.name in ("tex-svg-full.js", "mml-chtml.js") or "locales" in p.parts]
    assert not unused, f"{len(unused)} file(s) no page loads, e.g. {unused[:5]}"
