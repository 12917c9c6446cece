"""Checkers for Chapter 12, *Regression and least squares*: fitting the normal curve by steepest descent.

The reader writes, as in the course's assignment ("Fitting the distribution of
height data"),

* ``normal_jacobian(x, mu, sigma)``: the derivatives of the normal curve
  ``f(x; mu, sigma)`` with respect to its *parameters*, one row per entry of ``x``
  and the columns ``(df/dmu, df/dsigma)``. A pair ``(df_dmu, df_dsigma)`` or an
  array of shape (2, n) is accepted too (the course writes two functions);
* ``steepest_step(x, y, mu, sigma, step)``: the change ``(d_mu, d_sigma)`` that one
  step of steepest descent makes on ``S(mu, sigma) = sum((y - f(x; mu, sigma))**2)``,
  that is ``-step * grad S``.

Each checker calls the reader's function at several ``(mu, sigma)`` on heights in
cm, in metres and scaled by 1e3, and compares with the right answer within a
tolerance relative to the answer's scale (a correct float32 computation passes).
When they differ it looks for a typical mistake and names it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import datasets, fitting
from ._core import Failure, Result, as_result_array, call, close, quietly, run

__all__ = ["normal_jacobian", "steepest_step"]

_RTOL = 1e-4   # float32 rounding of exp and of (x - mu)**2 stays far below this
_ATOL = 1e-6   # times the largest entry of the right answer: tails are noise
_SQRT_2PI = np.sqrt(2 * np.pi)


def _probes() -> list[tuple[np.ndarray, np.ndarray, float, float]]:
    """(x, y, mu, sigma): the heights in cm, in metres and times 1e3, at several (mu, sigma)."""
    x, y = datasets.heights()
    out = []
    for scale in (1.0, 0.01, 1e3):
        for mu, sigma in ((155.0, 6.0), (178.5, 7.6), (170.0, 12.0)):
            out.append((x * scale, y / scale, mu * scale, sigma * scale))
    return out


def _right(x, mu, sigma):
    return fitting.normal_pdf_jacobian(x, mu, sigma)


def _f(x, m, s):
    return np.exp(-((x - m) ** 2) / (2 * s**2)) / (s * _SQRT_2PI)


def _jac(dmu, dsigma):
    return lambda x, m, s: np.column_stack([dmu(x, m, s), dsigma(x, m, s)])


def _dmu(x, m, s):
    return _f(x, m, s) * (x - m) / s**2


def _dsigma(x, m, s):
    return _f(x, m, s) * ((x - m) ** 2 / s**3 - 1 / s)


#: (what a wrong Jacobian computes, what to tell its author)
JACOBIAN_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (_jac(lambda x, m, s: -_dmu(x, m, s), _dsigma),
     "df/dmu has the wrong sign: it is f·(x − μ)/σ². The derivative −f·(x − μ)/σ² is df/dx, "
     "the slope of the curve along x; the checker asks for the derivative with respect to the "
     "parameter μ (the chain rule on −(x − μ)²/(2σ²) gives +(x − μ)/σ²)."),
    (_jac(lambda x, m, s: (x - m) / s**2, _dsigma),
     "df/dmu lacks the factor f: the derivative of exp(g) is exp(g)·g', so df/dmu = f·(x − μ)/σ², "
     "not just (x − μ)/σ²."),
    (_jac(lambda x, m, s: _f(x, m, s) * (x - m) / s, _dsigma),
     "df/dmu divides by σ where it must divide by σ²: df/dmu = f·(x − μ)/σ²."),
    (_jac(lambda x, m, s: _f(x, m, s) * (x - m) / (2 * s**2), _dsigma),
     "df/dmu has a factor 1/2 too many: the 2 from differentiating (x − μ)² cancels the 2 in "
     "2σ², so df/dmu = f·(x − μ)/σ²."),
    (_jac(_dmu, lambda x, m, s: _f(x, m, s) * (x - m) ** 2 / s**3),
     "df/dsigma misses the term −f/σ, which comes from the factor 1/σ in front of exp (product "
     "rule): df/dsigma = f·((x − μ)²/σ³ − 1/σ)."),
    (_jac(_dmu, lambda x, m, s: _f(x, m, s) * ((x - m) ** 2 / s**3 + 1 / s)),
     "df/dsigma has the wrong sign on its second term: the factor 1/σ in front of exp gives "
     "−f/σ, so df/dsigma = f·((x − μ)²/σ³ − 1/σ)."),
    (_jac(_dmu, lambda x, m, s: _f(x, m, s) * ((x - m) ** 2 / s**2 - 1 / s)),
     "df/dsigma divides (x − μ)² by σ² where it must divide by σ³: the derivative of "
     "−(x − μ)²/(2σ²) with respect to σ is +(x − μ)²/σ³."),
    (_jac(_dmu, lambda x, m, s: _f(x, m, s) * ((x - m) ** 2 / s**3 - 1)),
     "df/dsigma has −f where it needs −f/σ: the derivative of 1/σ is −1/σ², so "
     "df/dsigma = f·((x − μ)²/σ³ − 1/σ)."),
    (_jac(_dmu, lambda x, m, s: _f(x, m, s) * ((x - m) ** 2 / (2 * s**4) - 1 / (2 * s**2))),
     "df/dsigma is the derivative with respect to the variance σ², not the standard deviation σ "
     "(σ² for σ): with respect to σ it is f·((x − μ)²/σ³ − 1/σ), twice σ times what you have."),
    (lambda x, m, s: _SQRT_2PI * _right(x, m, s),
     "Both columns are √(2π) times too big: the factor 1/√(2π) of the normal curve is dropped. "
     "It is a constant, so it stays in front of every derivative."),
    (lambda x, m, s: _right(x, m, s)[:, ::-1],
     "The columns are swapped: column 0 must be df/dmu and column 1 df/dsigma."),
    (lambda x, m, s: -_right(x, m, s),
     "Both columns have the wrong sign: did you differentiate the residual y − f instead of the "
     "curve f? The Jacobian here is of f itself."),
)


def _jacobian_output(function: Callable, x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    got = as_result_array(call(function, "normal_jacobian", x.copy(), mu, sigma), "normal_jacobian")
    if got.shape == (2, x.size):   # the course's two functions, stacked
        got = got.T
    if got.shape != (x.size, 2):
        raise Failure(f"normal_jacobian should return an array of shape ({x.size}, 2) for an x of "
                      f"{x.size} values (or a pair of arrays of {x.size} values), got shape {got.shape}")
    return got


def _diagnose(outputs: list, mistakes, right_of, label: str, mu_at: int, scale_of) -> None:
    """Raise a Failure naming the first mistake that matches every probe, else showing a probe."""
    for wrong, message in mistakes:
        if all(_close(got, quietly(wrong, *args), scale_of(*args)) for args, got in outputs):
            raise Failure(message)
    for args, got in outputs:
        want = right_of(*args)
        if not _close(got, want, scale_of(*args)):
            raise Failure(f"{label} at mu = {args[mu_at]:g}, sigma = {args[mu_at + 1]:g} should "
                          f"give {np.array2string(want, precision=4, threshold=6)}, but it gave "
                          f"{np.array2string(got, precision=4, threshold=6)}")


def _close(got, wanted, scale: float) -> bool:
    return close(got, wanted, rtol=_RTOL, atol=_ATOL * scale)


def _jacobian_scale(x, mu, sigma) -> float:
    return float(np.abs(_right(x, mu, sigma)).max())


def _step_scale(x, y, mu, sigma, a) -> float:
    """The size of the terms the step adds up: near the minimum they cancel, rounding does not."""
    # 10 times the factor: float32 heights in metres round x - mu to about 2e-6 of this scale.
    return 10 * float((2 * a * np.abs(_right(x, mu, sigma)).T @ np.abs(y - _f(x, mu, sigma))).max())


def _check_jacobian(function: Callable) -> str:
    outputs = [((x, mu, sigma), _jacobian_output(function, x, mu, sigma)) for x, _, mu, sigma in _probes()]
    if all(_close(got, _right(*args), _jacobian_scale(*args)) for args, got in outputs):
        return ("right at 9 (mu, sigma) on heights in cm, in metres and scaled by 1000: "
                "df/dmu = f·(x − μ)/σ², df/dsigma = f·((x − μ)²/σ³ − 1/σ)")
    _diagnose(outputs, JACOBIAN_MISTAKES, _right, "normal_jacobian", 1, _jacobian_scale)
    raise AssertionError("unreachable")  # pragma: no cover


def normal_jacobian(function: Any) -> Result:
    """Check ``function(x, mu, sigma)``, the Jacobian of the normal curve with respect to ``(mu, sigma)``.

    Parameters
    ----------
    function : callable
        ``function(x, mu, sigma)`` returning an array of shape (len(x), 2) with
        columns ``df/dmu`` and ``df/dsigma`` (a pair of arrays is accepted too).

    Returns
    -------
    Result
        Truthy if right; otherwise its message names the mistake.

    Examples
    --------
    >>> from mmlbook import fitting
    >>> bool(normal_jacobian(fitting.normal_pdf_jacobian))
    True
    """
    return run("normal_jacobian", function, _check_jacobian)


# --- steepest_step ----------------------------------------------------------------------

_STEPS = (0.5, 2.0)


def _step_with(jacobian):
    def step(x, y, m, s, a):
        J = jacobian(x, m, s)
        return a * 2 * J.T @ (y - _f(x, m, s))
    return step


_right_step = _step_with(_right)


def _step_probes():
    for x, y, mu, sigma in _probes():
        for a in _STEPS:
            # Scale the step with the data so that it is of the size of the parameters in every unit.
            yield x, y, mu, sigma, a * (x[1] - x[0]) ** 3 / 2.5**3


#: (what a wrong step computes, what to tell its author)
STEP_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda x, y, m, s, a: -_right_step(x, y, m, s, a),
     "The step goes uphill: it is +step·∇S instead of −step·∇S. With ∇S = −2 Jᵀ(y − f), the "
     "step is +2·step·Jᵀ(y − f). (Or the residual is f − y instead of y − f.)"),
    (lambda x, y, m, s, a: _right_step(x, y, m, s, a) / 2,
     "The factor 2 from differentiating the square is missing: ∇S = −2 Jᵀ(y − f), so the step "
     "is 2·step·Jᵀ(y − f)."),
    (lambda x, y, m, s, a: _right_step(x, y, m, s, a) / x.size,
     "The step divides by the number of points: S is the sum of squared residuals, not their mean."),
    (lambda x, y, m, s, a: np.array([m, s]) + _right_step(x, y, m, s, a),
     "It returns the new parameters (μ, σ) + step; the function should return only the change "
     "(d_mu, d_sigma), which the caller adds."),
    (lambda x, y, m, s, a: a * 2 * _right(x, m, s).sum(axis=0),
     "The Jacobian is not weighted by the residuals: ∇S = −2 Σᵢ (yᵢ − fᵢ)·∂fᵢ/∂p, so use "
     "J.T @ (y - f), not J summed over the points."),
    (lambda x, y, m, s, a: a * 2 * _right(x, m, s).T @ (y - _f(x, m, s)) ** 2,
     "It weights the Jacobian by the squared residuals: the chain rule on (yᵢ − fᵢ)² gives "
     "2(yᵢ − fᵢ)·(−∂fᵢ/∂p), the residual to the first power."),
) + tuple((_step_with(wrong), "The step uses a wrong Jacobian. " + message)
          for wrong, message in JACOBIAN_MISTAKES)


def _check_step(function: Callable) -> str:
    outputs = []
    for x, y, mu, sigma, a in _step_probes():
        got = as_result_array(call(function, "steepest_step", x.copy(), y.copy(), mu, sigma, a),
                              "steepest_step")
        if got.shape != (2,):
            raise Failure(f"steepest_step should return 2 numbers (d_mu, d_sigma), got shape {got.shape}")
        outputs.append(((x, y, mu, sigma, a), got))
    if all(_close(got, _right_step(*args), _step_scale(*args)) for args, got in outputs):
        return ("right at 18 probes (heights in cm, m and ×1000, several mu, sigma and step sizes): "
                "the step is 2·step·Jᵀ(y − f)")
    _diagnose(outputs, STEP_MISTAKES, _right_step, "steepest_step", 2, _step_scale)
    raise AssertionError("unreachable")  # pragma: no cover


def steepest_step(function: Any) -> Result:
    """Check ``function(x, y, mu, sigma, step)``, one steepest-descent step on the normal-curve fit.

    Parameters
    ----------
    function : callable
        ``function(x, y, mu, sigma, step)`` returning ``(d_mu, d_sigma)`` =
        ``-step * grad S(mu, sigma)`` with ``S = sum((y - normal_pdf(x, mu, sigma))**2)``.

    Returns
    -------
    Result
        Truthy if right; otherwise its message names the mistake.

    Examples
    --------
    >>> from mmlbook import fitting
    >>> def step(x, y, mu, sigma, step):
    ...     r = y - fitting.normal_pdf(x, mu, sigma)
    ...     return 2 * step * fitting.normal_pdf_jacobian(x, mu, sigma).T @ r
    >>> bool(steepest_step(step))
    True
    """
    return run("steepest_step", function, _check_step)
