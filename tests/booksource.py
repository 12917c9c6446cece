"""The book's sources as ``_toc.yml`` lists them: one answer for nbval and every test.

Imported as ``tests.booksource`` (the repository root is on ``sys.path`` because the
root ``conftest.py`` lives there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def toc_docnames(root: Path = ROOT) -> list[str]:
    """The root and every ``file:`` entry of ``_toc.yml``, in order, without suffix."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names: list[str] = [toc["root"]]

    def walk(node) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("file"), str):
                names.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({key: value for key, value in toc.items() if key != "root"})
    return list(dict.fromkeys(re.sub(r"\.(md|ipynb|rst)$", "", name) for name in names))


def is_notebook(path: Path | str) -> bool:
    """A ``.md`` page is a notebook when its front matter names a kernel; an ``.ipynb`` always is."""
    path = Path(path)
    if path.suffix == ".ipynb":
        return True
    head = path.read_text(encoding="utf-8")[:4000]
    return head.startswith("---") and "kernelspec:" in head.split("\n---", 1)[0]


_NOTEBOOK = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# {title}

```{{code-cell}} ipython3
{code}
```
"""


def one_cell_notebook(title: str, code: str) -> str:
    """The text of a MyST Markdown notebook with a title and one code cell (for test and twin books)."""
    return _NOTEBOOK.format(title=title, code=code)


# "Chapter 12", "Chapters 13–16", "Chapters 1, 2 and 5": a chapter named by its number.
CHAPTER_NUMBERS = re.compile(r"(?<![`<%])\bChapters? (\d+)((?:(?:, and |, | and | or |–)\d+)*)(?![\d.]*\s*<)")
_SENTENCE_START = re.compile(r"(?:[.!?]\s|\n\n|^)(?!.*(?:[.!?]\s|\n\n))", re.S)


def plain_chapter_numbers(markdown: str) -> list[re.Match]:
    """This book's chapters named by a bare number in ``markdown``, which should be ``{numref}`` roles.

    Other books' chapters ("MML Chapter 7", "{cite:t}`apostol1967calculus`, Chapter 11") are not
    this book's, so a number is skipped when MML or a citation comes just before it in its sentence.
    """
    found = []
    for match in CHAPTER_NUMBERS.finditer(markdown):
        before = markdown[max(0, match.start() - 300):match.start()]
        sentence = before[_SENTENCE_START.search(before).end():][-40:]
        if "MML" not in sentence and "{cite" not in sentence:
            found.append(match)
    return found


@dataclass(frozen=True)
class Census:
    """What one chapter holds, counted the way the issues' floor counts it."""

    words: int  # prose only: maths and code blocks are not counted
    exercises: tuple[str, ...]  # labels of the exercises
    solved: frozenset[str]  # labels that have a solution
    code_cells: int
    hidden_asserts: int  # code cells tagged remove-cell that assert something
    sliders_per_figure: tuple[int, ...]  # Slider( calls in each interact( cell
    checkers: tuple[str, ...]  # check.<name>( calls, in order of first use


def census(chapter: str, root: Path = ROOT) -> Census:
    """Count ``chapter`` (a docname such as ``book/pca/pca``)."""
    import jupytext  # only the chapter tests and benchmarks need it

    cells = jupytext.read(root / f"{chapter}.md").cells
    markdown = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    code = [c for c in cells if c.cell_type == "code"]
    prose = re.sub(r"\$\$.*?\$\$|\$[^$\n]*\$|```.*?```", " ", markdown, flags=re.S)
    # a role counts as the text it shows: {numref}`Chapter %s <chap-pca>` is "Chapter", {eq}`eq-x` nothing
    prose = re.sub(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^`]*>)?`", lambda m: "" if "<" not in m.group(0) else m.group(1),
                   prose)
    fence = r"^(?:`{3,}|:{3,})"
    return Census(
        words=len(re.findall(r"[A-Za-z][A-Za-z'’-]*", prose)),
        exercises=tuple(re.findall(fence + r"\{exercise(?:-start)?\}[^\n]*\n:label: *(\S+)", markdown, re.M)),
        solved=frozenset(re.findall(fence + r"\{solution(?:-start)?\} *(\S+)", markdown, re.M)),
        code_cells=len(code),
        hidden_asserts=sum("remove-cell" in c.metadata.get("tags", []) and "assert" in c.source for c in code),
        sliders_per_figure=tuple(c.source.count("Slider(") for c in code if "interact(" in c.source),
        checkers=tuple(dict.fromkeys(re.findall(r"\bcheck\.(\w+)\(", "\n".join(c.source for c in code)))),
    )
