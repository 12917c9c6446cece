"""Checkers for the mini-projects: ``check.<name>(your_function)`` says what is right or wrong.

Each chapter's checkers live in a module named after the chapter and are
re-exported here, so a chapter only needs ``from mmlbook import check``.
"""

from ._core import Result
from .vectors import normal_pdf, sum_squared_residuals

__all__ = ["Result", "normal_pdf", "sum_squared_residuals"]
