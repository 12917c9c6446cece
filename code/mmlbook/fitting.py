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

__all__ = ["normal_pdf", "sum_squared_residuals", "residual_grid", "least_squares",
           "steepest_descent_fit", "gauss_newton", "normal_pdf_jacobian", "normal_model",
           "normal_model_jacobian"]


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


# --- Least squares: linear and non-linear ---------------------------------------


def least_squares(X: Any, y: Any) -> np.ndarray:
    r"""The least-squares solution of :math:`X\theta \approx y`: the :math:`\theta` minimising :math:`\lVert y - X\theta\rVert^2`.

    It solves the normal equations :math:`X^\top X\theta = X^\top y` without forming
    :math:`X^\top X` (which would square the condition number): with the reduced QR
    factorisation :math:`X = QR` they become :math:`R\theta = Q^\top y`, a triangular system.

    Parameters
    ----------
    X : array_like, shape (n, p)
        The design matrix, one row per data point; it must have full column rank
        (``n >= p`` and no column a combination of the others).
    y : array_like, shape (n,)
        The targets.

    Returns
    -------
    numpy.ndarray, shape (p,)
        The parameters :math:`\theta`.

    Raises
    ------
    TypeError
        ``X`` or ``y`` is not numbers.
    ValueError
        Wrong shapes, NaN or inf, or ``X`` rank-deficient: a diagonal entry of R at
        or below :func:`mmlbook.linalg.rank_tolerance` of ``X``.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    >>> least_squares(X, [1.0, 3.0, 5.0]).round(12)
    array([1., 2.])
    """
    from .linalg import rank_tolerance

    X = as_array("X", X, ndim=2)
    y = as_array("y", y, ndim=1)
    n, p = X.shape
    if y.size != n:
        raise ValueError(f"y must have one entry per row of X ({n}), got {y.size}")
    if n < p:
        raise ValueError(f"X has fewer rows ({n}) than columns ({p}), so it cannot have full "
                         "column rank: the least-squares solution is not unique")
    Q, R = np.linalg.qr(X, mode="reduced")
    diagonal = np.abs(np.diag(R))
    if np.any(diagonal <= rank_tolerance(X)):
        column = int(np.argmax(diagonal <= rank_tolerance(X)))
        raise ValueError(f"X does not have full column rank: column {column} is (numerically) a "
                         "combination of the columns before it, so X^T X is singular and the "
                         "least-squares solution is not unique")
    return np.linalg.solve(R, Q.T @ y)


def _fit_arguments(f: Any, jac: Any, x: Any, y: Any, p0: Any,
                   iterations: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    from ._validate import as_callable, as_number

    as_callable("f", f)
    as_callable("jac", jac)
    x = as_array("x", x, ndim=1)
    y = as_array("y", y, ndim=1)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    p0 = as_array("p0", p0, ndim=1)
    iterations = as_number("iterations", iterations, low=1, integer=True)
    return x, y, p0, iterations


def _evaluate(f: Any, jac: Any, x: np.ndarray, y: np.ndarray,
              p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The residual y - f(x, p) and the Jacobian of f, checked for shape and finiteness."""
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging iteration is reported below
        fx = np.asarray(f(x, p), dtype=float)
        J = np.asarray(jac(x, p), dtype=float)
        r = y - fx if fx.shape == y.shape else fx
    if fx.shape != y.shape:
        raise ValueError(f"f(x, p) must return shape {y.shape}, got {fx.shape}")
    if J.shape != (x.size, p.size):
        raise ValueError(f"jac(x, p) must return shape {(x.size, p.size)}, got {J.shape}")
    if not (np.all(np.isfinite(r)) and np.all(np.isfinite(J))):
        raise ValueError(f"f or jac returned NaN or inf at p = {p}: the iteration has diverged "
                         "(for steepest descent, try a smaller step)")
    return r, J


def steepest_descent_fit(f: Any, jac: Any, x: Any, y: Any, p0: Any, step: Any,
                         iterations: Any) -> np.ndarray:
    r"""Fit ``f(x, p)`` to ``y`` by steepest descent on :math:`S(p) = \sum_i (y_i - f(x_i, p))^2`.

    Each step is :math:`p \leftarrow p - \text{step}\cdot\nabla S(p)` with
    :math:`\nabla S = -2 J^\top r`, where :math:`r = y - f(x, p)` and :math:`J` is the
    Jacobian of :math:`f` with respect to :math:`p`. It goes downhill only if ``step`` is
    small enough for the curvature of :math:`S`.

    Parameters
    ----------
    f : callable
        ``f(x, p)``: the model's predictions, shape (n,).
    jac : callable
        ``jac(x, p)``: :math:`\partial f_i / \partial p_j`, shape (n, len(p)).
    x, y : array_like, shape (n,)
        The data.
    p0 : array_like, shape (k,)
        The starting parameters.
    step : float
        The step size (learning rate), > 0.
    iterations : int
        The number of steps, >= 1.

    Returns
    -------
    numpy.ndarray, shape (iterations + 1, k)
        The parameters after 0, 1, ..., ``iterations`` steps (row 0 is ``p0``).

    Raises
    ------
    TypeError
        ``f`` or ``jac`` is not callable, or ``iterations`` is not an integer.
    ValueError
        Bad shapes, NaN or inf, ``step <= 0``, ``iterations < 1``, or the iteration diverged.

    Examples
    --------
    >>> line = lambda x, p: p[0] + p[1] * x
    >>> jac = lambda x, p: np.column_stack([np.ones_like(x), x])
    >>> x = np.array([0.0, 1.0, 2.0])
    >>> steepest_descent_fit(line, jac, x, 1 + 2 * x, [0.0, 0.0], 0.1, 500)[-1].round(6)
    array([1., 2.])
    """
    from ._validate import as_number

    x, y, p, iterations = _fit_arguments(f, jac, x, y, p0, iterations)
    step = as_number("step", step, low=0, low_open=True)
    history = [p]
    for _ in range(iterations):
        r, J = _evaluate(f, jac, x, y, p)
        with np.errstate(over="ignore", invalid="ignore"):
            p = p + step * 2 * (J.T @ r)
        if not np.all(np.isfinite(p)):
            break
        history.append(p)
    if not np.all(np.isfinite(p)):
        raise ValueError("steepest descent diverged (the parameters overflowed): try a smaller step")
    return np.array(history)


def gauss_newton(f: Any, jac: Any, x: Any, y: Any, p0: Any, iterations: Any) -> np.ndarray:
    r"""Fit ``f(x, p)`` to ``y`` by Gauss–Newton: each step solves a linear least-squares problem.

    Near :math:`p` the model is :math:`f(x, p + \delta) \approx f(x, p) + J\delta`; the step
    :math:`\delta` is the least-squares solution of :math:`J\delta \approx r`, i.e. of
    :math:`J^\top J\,\delta = J^\top r` (solved by :func:`least_squares`), so it needs
    :math:`J` of full column rank at every iterate. Without a line search it converges
    only from a start close enough to the minimum.

    Parameters
    ----------
    f, jac, x, y, p0, iterations
        As in :func:`steepest_descent_fit`.

    Returns
    -------
    numpy.ndarray, shape (iterations + 1, k)
        The parameters after 0, 1, ..., ``iterations`` steps (row 0 is ``p0``).

    Raises
    ------
    ValueError
        As in :func:`steepest_descent_fit`, and when :math:`J^\top J` is singular
        (:math:`J` rank-deficient) at an iterate.

    Examples
    --------
    >>> x = np.array([0.0, 1.0, 2.0, 3.0])
    >>> f = lambda x, p: p[0] * np.exp(p[1] * x)
    >>> jac = lambda x, p: np.column_stack([np.exp(p[1] * x), p[0] * x * np.exp(p[1] * x)])
    >>> gauss_newton(f, jac, x, 2 * np.exp(0.5 * x), [1.5, 0.4], 10)[-1].round(8)
    array([2. , 0.5])
    """
    x, y, p, iterations = _fit_arguments(f, jac, x, y, p0, iterations)
    history = [p]
    for k in range(iterations):
        r, J = _evaluate(f, jac, x, y, p)
        try:
            delta = least_squares(J, r)
        except ValueError:
            raise ValueError(f"J^T J is singular at iteration {k} (p = {p}): the Jacobian does "
                             "not have full column rank, so the Gauss-Newton step is not defined") from None
        p = p + delta
        history.append(p)
    return np.array(history)


def normal_pdf_jacobian(x: Any, mu: float, sigma: float) -> np.ndarray:
    r"""The Jacobian of the normal curve at ``x`` with respect to its parameters ``(mu, sigma)``.

    .. math:: \frac{\partial f}{\partial\mu} = f\,\frac{x - \mu}{\sigma^2}, \qquad
              \frac{\partial f}{\partial\sigma} = f\left(\frac{(x - \mu)^2}{\sigma^3} - \frac{1}{\sigma}\right)

    Parameters
    ----------
    x : array_like, shape (n,)
        Where to evaluate.
    mu, sigma : float
        The parameters (``sigma > 0``).

    Returns
    -------
    numpy.ndarray, shape (n, 2)
        Column 0 is :math:`\partial f/\partial\mu`, column 1 :math:`\partial f/\partial\sigma`.

    Examples
    --------
    >>> normal_pdf_jacobian([1.0], 0.0, 1.0).round(4)
    array([[0.242, 0.   ]])
    """
    x = as_array("x", x, ndim=1)
    mu = float(as_array("mu", mu, ndim=0))
    sigma = float(_positive("sigma", as_array("sigma", sigma, ndim=0)))
    f = np.asarray(normal_pdf(x, mu, sigma))
    return np.column_stack([f * (x - mu) / sigma**2, f * ((x - mu) ** 2 / sigma**3 - 1 / sigma)])


def normal_model(x: Any, p: Any) -> np.ndarray:
    """``normal_pdf(x, p[0], p[1])``: the normal curve as a model ``f(x, p)`` for the fitting functions.

    Examples
    --------
    >>> normal_model(np.array([0.0]), [0.0, 1.0]).round(6)
    array([0.398942])
    """
    p = as_array("p", p, shape=(2,))
    return np.atleast_1d(normal_pdf(as_array("x", x, ndim=1), p[0], p[1]))


def normal_model_jacobian(x: Any, p: Any) -> np.ndarray:
    """``normal_pdf_jacobian(x, p[0], p[1])``, as ``jac(x, p)`` for the fitting functions.

    Examples
    --------
    >>> normal_model_jacobian(np.array([0.0, 1.0]), [0.0, 1.0]).shape
    (2, 2)
    """
    p = as_array("p", p, shape=(2,))
    return normal_pdf_jacobian(x, p[0], p[1])
