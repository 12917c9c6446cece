"""The table of contents, the chapters and nbval agree: a listed chapter is a tested chapter."""

import re
import subprocess
import sys
import tomllib

import jupytext
import pytest
import yaml

from tests.booksource import ROOT, census, is_notebook, plain_chapter_numbers, toc_docnames


CHAPTERS = [f for f in toc_docnames() if is_notebook(ROOT / f"{f}.md")]


def test_every_toc_entry_exists_and_every_page_is_listed():
    listed = {ROOT / f"{f}.md" for f in toc_docnames()}
    assert all(path.exists() for path in listed), sorted(str(p) for p in listed if not p.exists())
    pages = set((ROOT / "book").rglob("*.md"))
    assert pages == listed, f"pages missing from _toc.yml: {sorted(str(p) for p in pages - listed)}"


def test_there_are_chapters():
    assert CHAPTERS, "_toc.yml lists no notebook chapter"


def test_nbval_collects_every_chapter_in_the_toc():
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "book"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    collected = set(re.findall(r"^(book/\S+\.md)::Cell \d+", out.stdout, re.M))
    missing = [f for f in CHAPTERS if f"{f}.md" not in collected]
    assert not missing, f"chapters listed in _toc.yml that nbval did not collect: {missing}\n{out.stdout[-2000:]}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_installs_mmlbook_when_missing(chapter):
    repo = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    cells = [c for c in jupytext.read(ROOT / f"{chapter}.md").cells if c.cell_type == "code"]
    first = cells[0].source
    assert "import mmlbook" in first and "except ImportError" in first
    assert f"git+{repo}#subdirectory=code" in first, "the install fallback must point at this repository"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_pins_its_claims_with_hidden_asserts(chapter):
    hidden = census(chapter).hidden_asserts
    assert hidden >= 3, f"{chapter} has {hidden} hidden assert cells"


def _markdown(chapter):
    return "\n".join(c.source for c in jupytext.read(ROOT / f"{chapter}.md").cells if c.cell_type == "markdown")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_meets_the_floor_for_prose_and_exercises(chapter):
    """The issues' floor: >= 1,500 words of prose (maths not counted), >= 4 exercises, each solved."""
    counts = census(chapter)
    assert counts.words >= 1500, f"{chapter} has {counts.words} words of prose"
    assert len(counts.exercises) >= 4, f"{chapter} has {len(counts.exercises)} labelled exercises"
    unsolved = set(counts.exercises) - counts.solved
    assert not unsolved, f"{chapter}: exercises without a solution: {unsolved}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_has_two_slider_figures_with_two_sliders(chapter):
    figures = census(chapter).sliders_per_figure
    assert sum(n >= 2 for n in figures) >= 2, f"{chapter}: sliders per interact cell {figures}"


# Modules a chapter may import on a machine that installed only mmlbook (its first cell's fallback):
# the standard library, mmlbook and its dependencies (import name -> distribution in code/pyproject.toml).
_PROVIDED = {"numpy": "numpy", "matplotlib": "matplotlib", "ipywidgets": "ipywidgets", "scipy": "scipy",
             "sympy": "sympy", "mpmath": "sympy", "sklearn": "scikit-learn", "platformdirs": "platformdirs",
             "IPython": "ipywidgets", "threadpoolctl": "scikit-learn"}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_imports_only_what_installing_mmlbook_brings(chapter):
    project = tomllib.loads((ROOT / "code" / "pyproject.toml").read_text())["project"]
    declared = {re.match(r"[A-Za-z0-9_.-]+", d).group(0).lower() for d in project["dependencies"]}
    cells = [c.source for c in jupytext.read(ROOT / f"{chapter}.md").cells if c.cell_type == "code"]
    imported = {m for cell in cells for m in re.findall(r"^\s*(?:import|from)\s+(\w+)", cell, re.M)}
    missing = sorted(m for m in imported - set(sys.stdlib_module_names) - {"mmlbook"}
                     if _PROVIDED.get(m, "?") not in declared)
    assert not missing, f"{chapter} imports {missing}, which installing mmlbook does not bring (code/pyproject.toml)"


@pytest.mark.parametrize("page", toc_docnames())
def test_chapters_are_cited_by_cross_reference_not_by_number(page):
    """A bare "Chapter 12" goes stale when chapters move and is not a link: use {numref}`Chapter %s <chap-…>`."""
    path = ROOT / f"{page}.md"
    text = _markdown(page) if is_notebook(path) else path.read_text(encoding="utf-8")
    bare = [text[max(0, m.start() - 40):m.end() + 10].replace("\n", " ") for m in plain_chapter_numbers(text)]
    assert not bare, f"{page} names chapters by bare number: {bare}"


@pytest.mark.parametrize("text, bare", [
    ("as Chapter 12 showed", ["Chapter 12"]),
    ("Chapters 13–16 and Chapter 2's proof", ["Chapters 13–16", "Chapter 2"]),
    ("Chapters 1, 2 and 5", ["Chapters 1, 2 and 5"]),
    ("{numref}`Chapter %s <chap-vectors>` and {ref}`Chapter 3 <chap-linear-systems>`", []),
    ("(MML Chapter 7; this book's calculus part)", []),
    ("see {cite:t}`apostol1967calculus`, Chapter 11.", []),
    ("MML 10.2.2 calls it deflation, and power iteration from Chapter 6 finds it.", ["Chapter 6"]),
])
def test_bare_chapter_numbers_are_found_and_other_books_chapters_are_not(text, bare):
    assert [m.group(0) for m in plain_chapter_numbers(text)] == bare
