"""Fitting a normal curve to a histogram by least squares.

The model is the normal density with mean ``mu`` and standard deviation
``sigma``; the error of a choice of ``(mu, sigma)`` is the sum of squared
residuals between the curve and the histogram's densities at the bin centres.
Chapter 1 maps this error over the ``(mu, sigma)`` plane; Chapter 12
walks downhill on it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._validate import as_array

__all__ = ["normal_pdf", "sum_squared_residuals", "residual_grid"]


def _positive(name: str, value: Any) -> np.ndarray:
    array = as_array(name, value)
    if np.any(array <= 0):
        raise ValueError(f"{name} must be positive (a standard deviation), got {array.min():g}")
    return array


def _scalar_or_array(array: np.ndarray) -> float | np.ndarray:
    return float(array) if array.ndim == 0 else array


def normal_pdf(x: Any, mu: Any, sigma: Any) -> float | np.ndarray:
    r"""The normal (Gaussian) density with mean ``mu`` and standard deviation ``sigma`` at ``x``.

    .. math:: f(x; \mu, \sigma) = \frac{1}{\sigma\sqrt{2\pi}}
              \exp\!\left(-\frac{(x - \mu)^2}{2\sigma^2}\right)

    Parameters
    ----------
    x : float or array_like
        Where to evaluate the density.
    mu : float or array_like
        The mean: where the curve peaks.
    sigma : float or array_like
        The standard deviation: how wide the curve is; must be positive.
        ``x``, ``mu`` and ``sigma`` are broadcast against each other.

    Returns
    -------
    float or numpy.ndarray
        The density, with the broadcast shape of the arguments (a float if all
        three are numbers). It is in units of 1/(units of ``x``).

    Raises
    ------
    TypeError
        An argument is not numbers.
    ValueError
        An argument is empty or holds NaN or inf; ``sigma <= 0``; the shapes
        do not broadcast.

    Examples
    --------
    >>> round(normal_pdf(0.0, 0.0, 1.0), 6)
    0.398942
    >>> normal_pdf(np.array([-1.0, 0.0, 1.0]), 0.0, 1.0).round(4)
    array([0.242 , 0.3989, 0.242 ])
    """
    x = as_array("x", x)
    mu = as_array("mu", mu)
    sigma = _positive("sigma", sigma)
    try:
        np.broadcast_shapes(x.shape, mu.shape, sigma.shape)
    except ValueError:
        raise ValueError(f"x, mu and sigma must broadcast together, got shapes "
                         f"{x.shape}, {mu.shape} and {sigma.shape}") from None
    z = (x - mu) / sigma
    return _scalar_or_array(np.exp(-0.5 * z**2) / (sigma * np.sqrt(2 * np.pi)))


def sum_squared_residuals(mu: Any, sigma: Any, x: Any, y: Any) -> float | np.ndarray:
    r"""The sum of squared residuals between the data ``y`` and the normal curve at ``x``.

    .. math:: S(\mu, \sigma) = \sum_i \bigl(y_i - f(x_i; \mu, \sigma)\bigr)^2
              = \lVert \mathbf{y} - \mathbf{f}(\mu, \sigma) \rVert_2^2

    Parameters
    ----------
    mu, sigma : float or array_like
        The parameters (``sigma > 0``). Arrays of the same (or broadcastable)
        shape give one value of S per pair, so a whole grid is one call.
    x : array_like, shape (n,)
        Where the curve is compared with the data (for a histogram: the bin centres).
    y : array_like, shape (n,)
        The data at ``x`` (for a histogram: the densities, so the areas match the curve's).

    Returns
    -------
    float or numpy.ndarray
        S, with the broadcast shape of ``mu`` and ``sigma`` (a float for numbers).

    Raises
    ------
    ValueError
        ``x`` and ``y`` differ in length or are not finite 1-D vectors;
        ``sigma <= 0``; ``mu`` and ``sigma`` do not broadcast.

    Examples
    --------
    >>> x = np.array([-1.0, 0.0, 1.0])
    >>> y = normal_pdf(x, 0.0, 1.0)
    >>> sum_squared_residuals(0.0, 1.0, x, y)
    0.0
    >>> sum_squared_residuals(np.array([0.0, 0.5]), np.array([1.0, 1.0]), x, y).round(4)
    array([0.   , 0.027])
    """
    x = as_array("x", x, ndim=1)
    y = as_array("y", y, ndim=1)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    mu = as_array("mu", mu)
    sigma = _positive("sigma", sigma)
    try:
        mu, sigma = np.broadcast_arrays(mu, sigma)
    except ValueError:
        raise ValueError(f"mu and sigma must broadcast together, got shapes "
                         f"{mu.shape} and {sigma.shape}") from None
    # One row of predictions per (mu, sigma): shape (..., n).
    residuals = y - normal_pdf(x, mu[..., np.newaxis], sigma[..., np.newaxis])
    return _scalar_or_array(np.sum(residuals**2, axis=-1))


def residual_grid(mus: Any, sigmas: Any, x: Any, y: Any) -> np.ndarray:
    """The sum of squared residuals at every point of a ``(mu, sigma)`` grid.

    Parameters
    ----------
    mus : array_like, shape (m,)
        The values of ``mu`` along the horizontal axis.
    sigmas : array_like, shape (k,)
        The values of ``sigma`` along the vertical axis (all positive).
    x, y : array_like, shape (n,)
        As in :func:`sum_squared_residuals`.

    Returns
    -------
    numpy.ndarray, shape (k, m)
        ``S[j, i]`` is the error at ``(mus[i], sigmas[j])``: rows follow sigma,
        columns follow mu, as ``plt.contour(mus, sigmas, S)`` expects.

    Examples
    --------
    >>> x = np.array([-1.0, 0.0, 1.0])
    >>> S = residual_grid([-0.5, 0.0, 0.5], [0.5, 1.0], x, normal_pdf(x, 0.0, 1.0))
    >>> S.shape
    (2, 3)
    >>> np.unravel_index(S.argmin(), S.shape)  # row 1 (sigma = 1), column 1 (mu = 0)
    (np.int64(1), np.int64(1))
    """
    mus = as_array("mus", mus, ndim=1)
    sigmas = _positive("sigmas", as_array("sigmas", sigmas, ndim=1))
    grid_mu, grid_sigma = np.meshgrid(mus, sigmas)
    return np.asarray(sum_squared_residuals(grid_mu, grid_sigma, x, y))
