"""The book's own configuration refuses to publish a chapter whose cell raises.

The book has two chapters, so mmlbook.sphinxext executes them side by side first:
the good one reaches the cache; the raising one does not, so myst-nb runs it again
and fails the build as it would alone.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import booksource

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.site


def test_a_raising_cell_fails_the_plain_build(tmp_path):
    shutil.copy(ROOT / "_config.yml", tmp_path)
    (tmp_path / "book").mkdir()
    shutil.copy(ROOT / "book" / "references.bib", tmp_path / "book")
    (tmp_path / "book" / "broken.md").write_text(booksource.one_cell_notebook(
        "A chapter with a mistake", 'raise ZeroDivisionError("a deliberate mistake in a chapter")'))
    (tmp_path / "book" / "fine.md").write_text(booksource.one_cell_notebook("A fine chapter", 'print("fine")'))
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/fine\nchapters:\n  - file: book/broken\n")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    # The plain command a reader runs: no -W, so only the configuration can stop it.
    result = subprocess.run([str(jupyter_book), "build", str(tmp_path)], capture_output=True,
                            text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert "a deliberate mistake in a chapter" in output
    assert "executing 2 notebooks, 2 at a time" in output, output[-3000:]
    assert "mmlbook: executed book/fine" in output and "book/broken failed; myst-nb will run it again" in output
