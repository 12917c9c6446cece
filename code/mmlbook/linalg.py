"""Vectors and their sizes: the Lp norms and the distances they give.

The functions take one vector (a 1-D array) at a time and check what they are
given, so a mistake is named in the error message rather than lost in NumPy.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ._validate import as_array, as_number

__all__ = ["lp_norm", "distance"]


def _as_p(p: Any) -> float:
    """``p`` as a float in [1, inf], or raise naming ``p``."""
    if isinstance(p, numbers.Real) and not isinstance(p, bool) and p == np.inf:
        return np.inf
    p = as_number("p", p)
    if p < 1:
        raise ValueError(f"p must be >= 1 or np.inf, got {p}: for p < 1 the triangle "
                         "inequality fails, so the result would not be a norm")
    return p


def lp_norm(x: Any, p: float = 2) -> float:
    r"""The Lp norm of the vector ``x``: :math:`(\sum_i |x_i|^p)^{1/p}`, or :math:`\max_i |x_i|` for ``p=np.inf``.

    Parameters
    ----------
    x : array_like, shape (n,)
        The vector; finite numbers, at least one.
    p : float or np.inf, default 2
        Which norm: 1 (sum of absolute values), 2 (Euclidean length),
        ``np.inf`` (largest absolute value), or any real p >= 1.

    Returns
    -------
    float
        The norm, >= 0, and 0 only for the zero vector.

    Raises
    ------
    TypeError
        ``x`` is not numbers, or ``p`` is not a number.
    ValueError
        ``x`` is not one-dimensional, is empty or holds NaN or inf; ``p < 1``.

    Notes
    -----
    The entries are divided by the largest absolute value before they are
    raised to the power p, so large p and very large or very small entries
    neither overflow nor underflow.

    Examples
    --------
    >>> lp_norm([3, -4, 12], 1), lp_norm([3, -4, 12]), lp_norm([3, -4, 12], np.inf)
    (19.0, 13.0, 12.0)
    """
    x = as_array("x", x, ndim=1)
    p = _as_p(p)
    size = np.abs(x)
    largest = float(size.max())
    if largest == 0.0:
        return 0.0
    if p == np.inf:
        return largest
    if p == 1:
        return float(size.sum())
    return float(largest * np.sum((size / largest) ** p) ** (1.0 / p))


def distance(x: Any, y: Any, p: float = 2) -> float:
    """The Lp distance between the vectors ``x`` and ``y``: the norm of their difference.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Two vectors of the same length.
    p : float or np.inf, default 2
        Which norm measures the difference (see :func:`lp_norm`).

    Returns
    -------
    float
        ``lp_norm(x - y, p)``.

    Raises
    ------
    ValueError
        ``x`` and ``y`` differ in length, or either is not a finite 1-D vector.

    Examples
    --------
    >>> distance([1, 1], [4, 5])
    5.0
    >>> distance([1, 1], [4, 5], p=1)
    7.0
    """
    x = as_array("x", x, ndim=1)
    y = as_array("y", y, ndim=1)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    with np.errstate(over="ignore"):
        difference = x - y
    if not np.all(np.isfinite(difference)):
        raise ValueError("x - y overflows: the entries are too large to subtract in floating point")
    return lp_norm(difference, p)
