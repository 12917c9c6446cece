"""Test-wide setup: nbval runs the book's MyST Markdown chapters; property tests are reproducible.

nbval 0.11 collects only ``.ipynb`` files and reads them through its
module-level ``nbformat``; chapters are ``.md`` files with a jupytext header,
so we collect those too and hand nbval a reader that goes through jupytext.
Each chapter's kernel starts in an empty folder of its own, in live mode, as
a reader's downloaded notebook does: this one run also proves that the
site's ``.ipynb`` downloads run on their own (tests/site checks that they
hold the same code). nbval is pinned in requirements.txt because this relies
on its internals.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import jupytext
import nbformat
import nbval.plugin
from hypothesis import settings
from nbval.plugin import CURRENT_ENV_KERNEL_NAME, IPyNbFile, RunningKernel

from mmlbook.sphinxext import BLAS_THREADS_ENV
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


class ChapterFile(IPyNbFile):
    """A chapter run cell by cell in a kernel that starts in a fresh, empty folder."""

    def setup(self):
        # nbval starts the kernel in the notebook's own folder; a reader's download has
        # no book around it, so a chapter that reads a file next to it must fail here.
        self.folder = tempfile.mkdtemp(prefix=f"nbval-{self.path.stem}-")
        option = self.parent.config.option
        kernel_name = CURRENT_ENV_KERNEL_NAME if option.nbval_current_env else (
            option.nbval_kernel_name or self.nb.metadata.get("kernelspec", {}).get("name", "python"))
        self.kernel = RunningKernel(kernel_name, cwd=self.folder,
                                    startup_timeout=option.nbval_kernel_startup_timeout)
        self.setup_sanitize_files()

    def teardown(self):
        super().teardown()
        shutil.rmtree(self.folder, ignore_errors=True)


# The kernels inherit this process's environment: they show live sliders, as a reader's do.
os.environ.pop("MMLBOOK_STATIC", None)
# One chapter per core (pytest-xdist), so one BLAS thread per kernel: more would fight over the cores.
for _name in BLAS_THREADS_ENV:
    os.environ.setdefault(_name, "1")


def pytest_collect_file(file_path, parent):
    option = parent.config.option
    if (option.nbval or option.nbval_lax) and file_path.suffix == ".md" and is_notebook(file_path):
        return ChapterFile.from_parent(parent, path=file_path)
    return None
