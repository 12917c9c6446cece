"""Test-wide setup: nbval runs the book's MyST Markdown chapters; property tests are reproducible.

nbval 0.11 collects only ``.ipynb`` files and reads them through its
module-level ``nbformat``; chapters are ``.md`` files with a jupytext header,
so we collect those too and hand nbval a reader that goes through jupytext.
nbval is pinned in requirements.txt because this relies on that detail.
"""

from __future__ import annotations

import jupytext
import nbformat
import nbval.plugin
from hypothesis import settings
from nbval.plugin import IPyNbFile

from tests.booksource import is_notebook


class _JupytextReader:
    """Stands in for ``nbformat`` inside nbval: reads ``.md`` notebooks with jupytext."""

    def __getattr__(self, name):
        return getattr(nbformat, name)

    @staticmethod
    def read(path, as_version):
        if str(path).endswith(".md"):
            return jupytext.read(path)
        return nbformat.read(path, as_version=as_version)


nbval.plugin.nbformat = _JupytextReader()

# Property tests draw the same examples on every run, like the book's seeded randomness:
# CI never fails on an example that no local run has seen.
settings.register_profile("book", derandomize=True)
settings.load_profile("book")


def pytest_collect_file(file_path, parent):
    option = parent.config.option
    if (option.nbval or option.nbval_lax) and file_path.suffix == ".md" and is_notebook(file_path):
        return IPyNbFile.from_parent(parent, path=file_path)
    return None
