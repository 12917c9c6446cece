"""Checkers for the mini-projects: ``check.<name>(your_function)`` says what is right or wrong.

Each chapter's checkers live in a module named after the chapter, listed in its
``__all__``; they are all re-exported here, so a chapter only needs
``from mmlbook import check``. Two chapters may not use the same name.
"""

from . import (backpropagation, bayes, derivatives, describing, dot_product, eigenvalues, inference,
               inner_products, least_squares, linear_systems, optimisation, orthogonality, partial_derivatives, pca,
               projections, statistics, taylor, transformations, vectors)
from ._core import Result

_CHAPTERS = (vectors, dot_product, linear_systems, transformations, orthogonality, eigenvalues, derivatives,
             partial_derivatives, backpropagation, taylor, optimisation, least_squares, statistics,
             inner_products, projections, pca, bayes, describing, inference)

__all__ = ["Result"]
for _module in _CHAPTERS:
    for _name in _module.__all__:
        if _name in __all__:
            raise ImportError(f"check.{_name} is defined twice (again in {_module.__name__})")
        globals()[_name] = getattr(_module, _name)
        __all__.append(_name)
