"""Checkers for Chapter 20, *Sampling, the CLT, and estimation*: the Gaussian MLE, ridge, Beta posteriors.

The reader writes, as in week 3 of DeepLearning.AI's *Probability & Statistics for
Machine Learning & Data Science* (MLE and MAP),

* ``gaussian_mle(x, weights)``: the maximum-likelihood estimates ``(mu, sigma)`` of a
  normal distribution from the values ``x`` with non-negative ``weights`` (counts, or
  relative frequencies that need not add up to 1): ``mu = Σ w x / Σ w`` and
  ``sigma = sqrt(Σ w (x − mu)² / Σ w)``. Raw data are the case ``weights = 1``.
  It returns the pair ``(mu, sigma)`` (or a dict with the keys ``"mu"`` and ``"sigma"``);
* ``ridge_fit(x, y, degree, lam)``: the MAP coefficients ``w_0, ..., w_degree`` (constant
  first) of the polynomial ``w_0 + w_1 x + ... + w_degree x^degree`` under Gaussian noise and
  a Gaussian prior on *every* coefficient, the intercept included, which minimise
  ``Σ (y_n − f(x_n))² + lam · Σ_j w_j²``: ``w = (XᵀX + lam·I)⁻¹ Xᵀ y``;
* ``beta_posterior(alpha, beta, flips)``: the parameters ``(alpha', beta')`` of the Beta
  posterior after the coin flips ``flips`` (1 for heads, 0 for tails) from a Beta(alpha, beta)
  prior: ``(alpha + heads, beta + tails)``.

Each checker calls the reader's function on several probes (data scaled by 1e6 and 1e-6,
a single observation, weights that add up to 0.995, ties, a nearly collinear design, λ = 0, no flips) and
compares with the right answer within a tolerance relative to the answer's scale, so
that loops, lists, ``np.polyfit``-style solvers and float32 pass. When they differ it
looks for a typical mistake and names it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ._core import Failure, Result, as_result_array, call, close, quietly, run

__all__ = ["gaussian_mle", "ridge_fit", "beta_posterior"]


def _matches(outputs: list, wrong: Callable, compare: Callable) -> bool:
    """Does ``wrong`` reproduce the reader's answer on every probe where it is defined (at least two)?"""
    defined = 0
    for args, got in outputs:
        try:
            with warnings.catch_warnings():   # np.std(x, ddof=1) of one value warns; the mistake is undefined there
                warnings.simplefilter("ignore", RuntimeWarning)
                want = np.asarray(quietly(wrong, *args), dtype=float)
        except (ValueError, np.linalg.LinAlgError, ZeroDivisionError):
            continue
        if not np.all(np.isfinite(want)):
            continue
        defined += 1
        if not compare(got, want):
            return False
    return defined >= 2


def _check(function: Callable, name: str, probes: list, right: Callable, mistakes, convert: Callable,
           compare: Callable, describe: Callable, passed: str) -> str:
    """Call the reader's function on every probe; name a mistake or show the first difference."""
    outputs, failures = [], []
    for args in probes:
        copies = [a.copy() if isinstance(a, np.ndarray) else a for a in args]  # the reader may change arrays
        try:
            # a ddof=1 on weights adding up to 0.995 takes a sqrt of < 0, and np.std(x, ddof=1) of one
            # value warns: the probe, not the reader, caused those, and the verdict names the mistake
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                got = convert(call(function, name, *copies), args)
        except Failure as failure:
            failures.append(failure)
            continue
        outputs.append((args, got))
    if not failures and all(compare(got, right(*args)) for args, got in outputs):
        return f"right on {len(outputs)} {passed}"
    if len(outputs) >= 2:
        for wrong, message in mistakes:
            if _matches(outputs, wrong, compare):
                raise Failure(message)
    if failures:
        raise failures[0]
    for args, got in outputs:
        want = right(*args)
        if not compare(got, want):
            raise Failure(describe(args, got, want))
    raise AssertionError("unreachable")  # pragma: no cover


def _as_pair(value: Any, name: str, keys: tuple[str, str]) -> np.ndarray:
    if isinstance(value, Mapping):
        if set(value) != set(keys):
            raise Failure(f"{name} returned a dict with the keys {sorted(map(str, value))}: "
                          f"it should have the keys {list(keys)}")
        value = [value[keys[0]], value[keys[1]]]
    got = as_result_array(value, name, f"a pair ({keys[0]}, {keys[1]})")
    if got.shape != (2,):
        raise Failure(f"{name} should return a pair ({keys[0]}, {keys[1]}), but it returned "
                      f"{got.size} number(s) of shape {got.shape}")
    return got


# --- gaussian_mle ----------------------------------------------------------------------------

_MLE_RTOL = 1e-5   # float32 sums of a few hundred terms stay below 1e-6 relative to |mu| + sigma


def _heights() -> tuple[np.ndarray, np.ndarray]:
    from ..datasets import heights_histogram   # imported here: check must not load data at import
    h = heights_histogram()
    return h.centres, h.frequencies


def _mle_probes() -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(20)
    raw = rng.normal(3.0, 2.0, 25)
    centres, freqs = _heights()
    counts = np.array([3.0, 7.0, 12.0, 6.0, 2.0])
    bins = np.array([-2.0, -1.0, 0.0, 1.0, 2.0]) + 10.0
    probes = [
        (raw, np.ones(raw.size)),                                   # raw data, weights 1
        (np.array([1.0, 2.0, 3.0, 6.0]), np.ones(4)),
        (centres, freqs),                                           # relative frequencies adding up to 0.995
        (bins, counts),                                             # counts
        (np.array([5.0, 5.0, 7.0, 9.0]), np.array([0.1, 0.2, 0.3, 0.4])),  # ties in x, weights adding up to 1
        (1e6 * raw[:10], np.ones(10)),                              # data in units 1e6 larger
        (1e-6 * bins, counts),                                      # and 1e6 smaller
        (centres, 1e-6 * freqs),                                    # weights scaled by 1e-6
        (np.array([4.0, -1.0, 2.5]), np.array([2.0, 0.0, 1.0])),    # a weight of 0
        (np.array([-7.5]), np.array([1.0])),                        # one observation: sigma = 0
    ]
    return probes


def _wmean(x, w):
    return np.sum(w * x) / np.sum(w)


def _right_mle(x, w):
    mu = _wmean(x, w)
    return np.array([mu, np.sqrt(np.sum(w * (x - mu) ** 2) / np.sum(w))])


def _mle_compare(got: np.ndarray, want: np.ndarray) -> bool:
    """mu within 1e-5 of |mu| + sigma; sigma within 5e-5 of sigma itself (plus 1e-7 of |mu| + sigma).

    sigma gets its own scale: for the heights |mu| is 24 times sigma, and a tolerance on
    |mu| + sigma would let a sigma off by 2.5e-4 of itself pass. 5e-5 admits the one-pass
    float32 formula sqrt(E[x²] − E[x]²), which loses 3e-5 of sigma on the heights.
    """
    if got.shape != want.shape:
        return False
    scale = abs(float(want[0])) + abs(float(want[1]))
    return (abs(float(got[0] - want[0])) <= _MLE_RTOL * scale
            and abs(float(got[1] - want[1])) <= 5 * _MLE_RTOL * abs(float(want[1])) + 1e-7 * scale)


def _raw_only(x, w, sd):
    """(mean, sd(x)) where every weight is 1; undefined (ValueError) elsewhere, so _matches skips those probes."""
    if not np.all(w == 1):
        raise ValueError("defined on raw data only")
    return np.array([np.mean(x), sd(x)])


def _var(x, w):
    return np.sum(w * (x - _wmean(x, w)) ** 2) / np.sum(w)


#: (what a wrong Gaussian MLE computes, what to tell its author)
MLE_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda x, w: np.array([_wmean(x, w), np.sqrt(np.sum(w * (x - _wmean(x, w)) ** 2) / (np.sum(w) - 1))]),
     "Your σ divides by n − 1 (Bessel's correction, np.std(x, ddof=1)): that makes the variance unbiased, "
     "but the maximum of the likelihood divides by n (for weights, by Σ w): σ̂² = Σ w (x − μ̂)² / Σ w."),
    (lambda x, w: np.array([_wmean(x, w), _var(x, w)]),
     "You returned the variance σ̂² where the checker asks for the standard deviation σ̂: take the square root."),
    (lambda x, w: np.array([_wmean(x, w), np.sum(w * (x - _wmean(x, w)) ** 2)]),
     "Your σ is the weighted sum of squares Σ w (x − μ̂)²: divide it by Σ w and take the square root."),
    (lambda x, w: np.array([np.mean(x), np.std(x)]),
     "You ignored the weights: the mean and standard deviation of the values alone treat every bin as "
     "equally common. Each value counts w times: μ̂ = Σ w x / Σ w."),
    (lambda x, w: np.array([np.mean(x), np.std(x, ddof=1)]),
     "You ignored the weights and divided by n − 1: each value counts w times (μ̂ = Σ w x / Σ w), and the "
     "maximum of the likelihood divides by Σ w, not Σ w − 1 (np.std(x, ddof=1) is not the MLE)."),
    (lambda x, w: np.array([np.sum(w * x), np.sqrt(np.sum(w * (x - np.sum(w * x)) ** 2))]),
     "You did not normalise the weights: relative frequencies need not add up to 1 (the heights' add up to "
     "0.995) and counts never do. Divide by their sum: μ̂ = Σ w x / Σ w, σ̂² = Σ w (x − μ̂)² / Σ w."),
    (lambda x, w: np.array([_wmean(x, w), np.sqrt(np.sum(w * (x - _wmean(x, w)) ** 2))]),
     "Your μ̂ is right but your σ̂² = Σ w (x − μ̂)² is not divided by Σ w: with weights that do not add up "
     "to 1 (counts, or the heights' 0.995) that matters."),
    (lambda x, w: np.array([_wmean(x, w), np.sqrt(np.mean(w * (x - _wmean(x, w)) ** 2))]),
     "Your σ̂² averages w (x − μ̂)² over the values (np.mean): divide Σ w (x − μ̂)² by Σ w, not by the "
     "number of values."),
    (lambda x, w: np.array([np.mean(w * x), np.sqrt(_var(x, w))]),
     "Your μ̂ is np.mean(w * x), which divides by the number of values: the weighted mean is Σ w x / Σ w."),
    (lambda x, w: np.array([_wmean(x, w), np.sqrt(np.sum(w * (x - np.mean(x)) ** 2) / np.sum(w))]),
     "Your σ̂ measures the spread around the unweighted mean of the values: measure it around the "
     "weighted mean μ̂ = Σ w x / Σ w."),
    (lambda x, w: np.array([_wmean(x, w), np.sqrt(np.sum(w**2 * (x - _wmean(x, w)) ** 2) / np.sum(w))]),
     "Your σ̂² weights the squared deviations by w²: each value counts w times, so σ̂² = Σ w (x − μ̂)² / Σ w."),
    (lambda x, w: np.array([_wmean(x, w), np.sum(w * np.abs(x - _wmean(x, w))) / np.sum(w)]),
     "Your σ̂ is the mean absolute deviation: the MLE is the root of the mean squared deviation, "
     "sqrt(Σ w (x − μ̂)² / Σ w)."),
    (lambda x, w: _right_mle(x, w)[::-1],
     "You returned (σ, μ): the checker expects the pair (μ, σ)."),
    # last, being the loosest: defined on raw data only (weights all 1), so it names np.std(x, ddof=1),
    # a divisor len(x) − 1 and np.cov(x, aweights=w) (ddof=1) whatever they do with real weights
    (lambda x, w: _raw_only(x, w, lambda v: np.std(v, ddof=1)),
     "On raw data (weights all 1) your σ divides by n − 1 (np.std(x, ddof=1), or a divisor len(x) − 1): that "
     "makes the variance unbiased, but the maximum of the likelihood divides by n (for weights, by Σ w): "
     "σ̂² = Σ w (x − μ̂)² / Σ w."),
)


def _describe_mle(args, got, want) -> str:
    x, w = args
    return (f"for x = {np.array2string(x, precision=4, threshold=8)} with weights "
            f"{np.array2string(w, precision=4, threshold=8)}, gaussian_mle should give (μ, σ) = "
            f"({want[0]:.6g}, {want[1]:.6g}), but it gave ({got[0]:.6g}, {got[1]:.6g})")


def _check_mle(function: Callable) -> str:
    return _check(function, "gaussian_mle", _mle_probes(), _right_mle, MLE_MISTAKES,
                  lambda value, args: _as_pair(value, "gaussian_mle", ("mu", "sigma")),
                  _mle_compare, _describe_mle,
                  "data sets (raw, counts, the heights' relative frequencies adding up to 0.995, ties, a weight "
                  "of 0, one observation, data and weights scaled by 1e±6): μ̂ = Σ w x / Σ w, σ̂ = sqrt(Σ w (x − μ̂)² / Σ w)")


def gaussian_mle(function: Callable) -> Result:
    """Check ``function(x, weights)``, the Gaussian MLE ``(mu, sigma)`` of weighted data.

    ``x`` holds the values and ``weights`` their non-negative weights (counts or relative
    frequencies, not necessarily adding up to 1; all 1 for raw data). The answer is
    ``mu = Σ w x / Σ w`` and ``sigma = sqrt(Σ w (x − mu)² / Σ w)`` (dividing by Σ w, not
    Σ w − 1), as a pair or a dict with the keys ``"mu"`` and ``"sigma"``.

    Examples
    --------
    >>> import numpy as np
    >>> def mle(x, w):
    ...     mu = np.average(x, weights=w)
    ...     return mu, np.sqrt(np.average((x - mu) ** 2, weights=w))
    >>> bool(gaussian_mle(mle))
    True
    """
    return run("gaussian_mle", function, _check_mle)


# --- ridge_fit -------------------------------------------------------------------------------

_RIDGE_RTOL = 2e-4   # times max |w|: float32 normal equations on these probes stay below 3e-5


def _design(x: np.ndarray, degree: int) -> np.ndarray:
    return np.vander(x, degree + 1, increasing=True)


def _ridge(x, y, degree, lam, penalty=None):
    phi = _design(x, degree)
    p = np.eye(degree + 1) if penalty is None else penalty
    return np.linalg.solve(phi.T @ phi + lam * p, phi.T @ y)


def _ridge_probes() -> list[tuple[np.ndarray, np.ndarray, int, float]]:
    rng = np.random.default_rng(2020)
    x = np.linspace(-1, 1, 15)
    y = 2.0 + np.sin(3 * x) + 0.2 * rng.standard_normal(x.size)     # an intercept far from 0
    x2 = rng.uniform(0, 2, 12)
    y2 = 5.0 - 1.5 * x2 + 0.5 * x2**2 + 0.3 * rng.standard_normal(x2.size)
    near = np.array([1.0, 1.0 + 1e-4, 1.0 + 2e-4, 2.0, 2.0 + 1e-4])   # ties and near-collinear columns
    return [
        (x, y, 3, 1.0),
        (x, y, 5, 0.5),
        (x2, y2, 2, 2.0),
        (x2, y2, 1, 4.0),
        (x, 1e6 * y, 3, 1.0),            # y in units 1e6 larger: w scales with y
        (x2, 1e-6 * y2, 2, 2.0),         # and 1e6 smaller
        (near, np.array([1.0, 1.1, 0.9, 3.0, 3.2]), 2, 0.3),
        (np.array([0.5]), np.array([2.0]), 2, 1.0),   # one point, three coefficients: only lam > 0 makes it unique
        (x, y, 0, 3.0),                  # degree 0: a shrunk mean
        (x2, y2, 2, 0.0),                # λ = 0, independent columns: the MLE, which the chapter's slider draws
    ]


def _ridge_compare(got: np.ndarray, want: np.ndarray) -> bool:
    scale = float(np.abs(want).max())
    return close(got, want, rtol=_RIDGE_RTOL, atol=_RIDGE_RTOL * scale)


def _no_intercept_penalty(d: int) -> np.ndarray:
    p = np.eye(d + 1)
    p[0, 0] = 0.0
    return p


def _only_intercept_penalty(d: int) -> np.ndarray:
    p = np.zeros((d + 1, d + 1))
    p[0, 0] = 1.0
    return p


#: (what a wrong ridge fit computes, what to tell its author)
RIDGE_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda x, y, d, lam: _ridge(x, y, d, 0.0),
     "You ignored λ: that is the maximum-likelihood (least-squares) fit. The MAP fit adds λ to the "
     "diagonal of XᵀX: w = (XᵀX + λI)⁻¹ Xᵀ y."),
    (lambda x, y, d, lam: _ridge(x, y, d, lam, _no_intercept_penalty(d)),
     "You left the intercept w₀ unpenalised: this chapter puts the Gaussian prior on every coefficient, "
     "the intercept too, so λ is added to every diagonal entry of XᵀX (λI, not λ·diag(0, 1, ..., 1))."),
    (lambda x, y, d, lam: _ridge(x, y, d, 2 * lam),
     "Your λ is doubled: you minimised ½‖y − Xw‖² + λ‖w‖². The chapter's objective is ‖y − Xw‖² + λ‖w‖², "
     "whose gradient 2Xᵀ(Xw − y) + 2λw vanishes at w = (XᵀX + λI)⁻¹ Xᵀ y."),
    (lambda x, y, d, lam: _ridge(x, y, d, lam / 2),
     "Your λ is halved: you minimised ‖y − Xw‖² + (λ/2)‖w‖². The chapter's objective is "
     "‖y − Xw‖² + λ‖w‖²: w = (XᵀX + λI)⁻¹ Xᵀ y."),
    (lambda x, y, d, lam: _ridge(x, y, d, lam * x.size),
     "Your λ is multiplied by n: you minimised the mean squared error (1/n)‖y − Xw‖² + λ‖w‖². The "
     "chapter's objective, like scikit-learn's Ridge, is the sum ‖y − Xw‖² + λ‖w‖²."),
    (lambda x, y, d, lam: _ridge(x, y, d, lam / x.size),
     "Your λ is divided by n: the chapter's objective is the sum ‖y − Xw‖² + λ‖w‖², not the mean, so λ is "
     "added to XᵀX as it is: w = (XᵀX + λI)⁻¹ Xᵀ y."),
    (lambda x, y, d, lam: _ridge(x, y, d, lam, _only_intercept_penalty(d)),
     "You penalised only the intercept w₀: the prior is on every coefficient, so λ is added to every "
     "diagonal entry of XᵀX, λ·np.eye(degree + 1)."),
    (lambda x, y, d, lam: _ridge(x, y, d, lam**2),
     "You used λ² where the objective has λ: w = (XᵀX + λI)⁻¹ Xᵀ y."),
    (lambda x, y, d, lam: _ridge(x, y, d, np.sqrt(lam)),
     "You used √λ where the objective has λ: w = (XᵀX + λI)⁻¹ Xᵀ y."),
    (lambda x, y, d, lam: _ridge(x, y, d, lam, np.ones((d + 1, d + 1))),
     "You added λ to every entry of XᵀX (a matrix of ones): the penalty λ‖w‖² = λ wᵀIw adds λ only to "
     "the diagonal, λ·np.eye(degree + 1)."),
    (lambda x, y, d, lam: _ridge(x, y, d, lam)[::-1],
     "Your coefficients are in np.polyfit's order, highest power first: return w₀, w₁, ..., w_degree "
     "(constant first), so that the fit is Σ_j w_j x^j."),
    (lambda x, y, d, lam: np.linalg.solve(_design(x, d).T @ _design(x, d) + lam * np.eye(d + 1),
                                          _design(x, d).T @ (y - y.mean())),
     "You centred y but did not put its mean back: with the prior on every coefficient, fit the raw y, "
     "w = (XᵀX + λI)⁻¹ Xᵀ y."),
    (lambda x, y, d, lam: _ridge(x, y, d, lam)[:-1] if d >= 1 else None,
     "You returned one coefficient too few: a polynomial of degree d has d + 1 coefficients w₀, ..., w_d."),
    (lambda x, y, d, lam: _ridge(x, y, d + 1, lam),
     "You fitted degree + 1: a polynomial of degree d has the d + 1 columns 1, x, ..., x^d."),
)


def _as_coefficients(value: Any, args) -> np.ndarray:
    got = as_result_array(value, "ridge_fit", "an array of coefficients")
    if got.ndim == 2 and 1 in got.shape:
        got = got.ravel()
    return got


def _describe_ridge(args, got, want) -> str:
    x, y, d, lam = args
    if got.shape != want.shape:
        return (f"for degree {d}, ridge_fit should return the {d + 1} coefficients w₀, ..., w_{d}, but it "
                f"returned shape {got.shape}")
    return (f"for x = {np.array2string(x, precision=3, threshold=6)}, degree {d} and λ = {lam:g}, ridge_fit "
            f"should give {np.array2string(want, precision=5)}, but it gave {np.array2string(got, precision=5)}")


def _check_ridge(function: Callable) -> str:
    return _check(function, "ridge_fit", _ridge_probes(), _ridge, RIDGE_MISTAKES, _as_coefficients,
                  _ridge_compare, _describe_ridge,
                  "fits (degrees 0 to 5, λ = 0 and from 0.3 to 4, y scaled by 1e±6, near-tied x, one point and three "
                  "coefficients): w = (XᵀX + λI)⁻¹ Xᵀ y, the intercept penalised too")


def ridge_fit(function: Callable) -> Result:
    """Check ``function(x, y, degree, lam)``, the MAP (ridge) coefficients of a polynomial fit.

    The answer is the ``degree + 1`` coefficients ``w_0, ..., w_degree`` (constant first)
    minimising ``Σ (y_n − Σ_j w_j x_n^j)² + lam · Σ_j w_j²``, every coefficient penalised,
    that is ``w = (XᵀX + lam·I)⁻¹ Xᵀ y`` with ``X[n, j] = x_n ** j``.

    Examples
    --------
    >>> import numpy as np
    >>> def fit(x, y, degree, lam):
    ...     phi = np.vander(x, degree + 1, increasing=True)
    ...     return np.linalg.solve(phi.T @ phi + lam * np.eye(degree + 1), phi.T @ y)
    >>> bool(ridge_fit(fit))
    True
    """
    return run("ridge_fit", function, _check_ridge)


# --- beta_posterior --------------------------------------------------------------------------


def _beta_probes() -> list[tuple[float, float, np.ndarray]]:
    rng = np.random.default_rng(7)
    return [
        (1.0, 1.0, np.array([1, 0, 1, 1, 0, 1, 1])),
        (2.0, 5.0, np.array([1, 1, 1, 0])),
        (0.5, 0.5, np.array([0, 0, 0, 0, 0, 1])),
        (3.0, 1.5, np.array([1] * 9 + [0])),
        (1e6, 2e6, (rng.random(40) < 0.3).astype(int)),     # a strong prior
        (1e-6, 3e-6, np.array([1, 0, 0])),                  # a very weak one
        (4.0, 2.0, np.array([], dtype=int)),               # no data: the posterior is the prior
        (2.5, 2.5, np.array([0, 0, 0, 0])),                 # tails only
    ]


def _right_beta(a, b, flips):
    h = float(np.sum(flips))
    return np.array([a + h, b + flips.size - h])


def _beta_compare(got: np.ndarray, want: np.ndarray) -> bool:
    return close(got, want, rtol=1e-6, atol=1e-6 * float(np.abs(want).min()))


def _heads(f):
    return float(np.sum(f))


def _tails(f):
    return float(f.size - np.sum(f))


#: (what a wrong Beta posterior computes, what to tell its author)
BETA_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda a, b, f: np.array([a + _tails(f), b + _heads(f)]),
     "You added the tails to α and the heads to β: α counts heads (p is the probability of heads, "
     "p^(α−1) meets p^heads), so the posterior is Beta(α + heads, β + tails)."),
    (lambda a, b, f: np.array([b + _tails(f), a + _heads(f)]),
     "You returned (β', α'): the checker expects the pair (α + heads, β + tails), α first."),
    (lambda a, b, f: np.array([_heads(f), _tails(f)]),
     "You forgot the prior: the posterior adds the counts to the prior's parameters, Beta(α + heads, β + tails)."),
    (lambda a, b, f: np.array([a + f.size, b + f.size]),
     "You added every flip to both parameters: heads go to α and tails to β."),
    (lambda a, b, f: np.array([a + _heads(f), b + f.size]),
     "You added all n flips to β: β gains only the tails, n − heads."),
    (lambda a, b, f: np.array([a + _heads(f) - 1, b + _tails(f) - 1]),
     "You subtracted 1 from each: the exponents of the posterior density are α + heads − 1 and β + tails − 1, "
     "so its parameters are α + heads and β + tails."),
    (lambda a, b, f: np.array([a + _heads(f) + 1, b + _tails(f) + 1]),
     "You added 1 to each: with a uniform prior Beta(1, 1) the posterior is Beta(heads + 1, tails + 1), "
     "but the prior's α and β already hold that 1: Beta(α + heads, β + tails)."),
    (lambda a, b, f: np.array([a * _heads(f), b * _tails(f)]),
     "You multiplied the prior's parameters by the counts: conjugacy multiplies densities, which adds "
     "exponents: Beta(α + heads, β + tails)."),
    (lambda a, b, f: np.array([a + _heads(f) / f.size, b + _tails(f) / f.size]),
     "You added the fractions of heads and tails: add the counts, Beta(α + heads, β + tails)."),
    (lambda a, b, f: np.array([a + _heads(f), b]),
     "You added the heads to α but left β as it was: the tails go to β, Beta(α + heads, β + tails)."),
    (lambda a, b, f: np.array([a + _heads(f), b + _heads(f)]),
     "You added the heads to both parameters: β gains the tails, n − heads."),
    (lambda a, b, f: np.array([a + _heads(f) + 1, b + _tails(f)]) if f.size else None,
     "Your α is one too large: the posterior is Beta(α + heads, β + tails), with no extra 1."),
    (lambda a, b, f: np.array([a, b]) if f.size else None,
     "You returned the prior: the posterior adds the heads to α and the tails to β."),
    (lambda a, b, f: np.array([(a + _heads(f)) / (a + b + f.size),
                               (a + _heads(f)) * (b + _tails(f)) / ((a + b + f.size) ** 2 * (a + b + f.size + 1))]),
     "You returned the posterior's mean and variance: the checker asks for its parameters "
     "(α + heads, β + tails)."),
)


def _as_beta(value: Any, args) -> np.ndarray:
    return _as_pair(value, "beta_posterior", ("alpha", "beta"))


def _describe_beta(args, got, want) -> str:
    a, b, f = args
    return (f"from Beta({a:g}, {b:g}) after {int(_heads(f))} heads and {int(_tails(f))} tails, beta_posterior "
            f"should give ({want[0]:g}, {want[1]:g}), but it gave ({got[0]:g}, {got[1]:g})")


def _check_beta(function: Callable) -> str:
    return _check(function, "beta_posterior", _beta_probes(), _right_beta, BETA_MISTAKES, _as_beta,
                  _beta_compare, _describe_beta,
                  "priors and flips (uniform, Jeffreys, strong and weak priors, no flips, tails only): "
                  "Beta(α + heads, β + tails)")


def beta_posterior(function: Callable) -> Result:
    """Check ``function(alpha, beta, flips)``, the Beta posterior's parameters after coin flips.

    ``flips`` is an array of 0s (tails) and 1s (heads); the answer is the pair
    ``(alpha + heads, beta + tails)`` (or a dict with the keys ``"alpha"`` and ``"beta"``).

    Examples
    --------
    >>> import numpy as np
    >>> def post(a, b, flips):
    ...     return a + flips.sum(), b + len(flips) - flips.sum()
    >>> bool(beta_posterior(post))
    True
    """
    return run("beta_posterior", function, _check_beta)
