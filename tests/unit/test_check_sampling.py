"""Tests for the Chapter 20 checkers: right answers written many ways pass, learners' mistakes are named."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlbook import check
from mmlbook.check import sampling


# --- gaussian_mle: right ones ---------------------------------------------------------------

def mle_average(x, w):
    mu = np.average(x, weights=w)
    return mu, np.sqrt(np.average((x - mu) ** 2, weights=w))


def mle_loops(x, w):
    total = sum(w)
    mu = sum(wi * xi for xi, wi in zip(x, w)) / total
    var = sum(wi * (xi - mu) ** 2 for xi, wi in zip(x, w)) / total
    return [mu, math.sqrt(var)]


def mle_float32(x, w):
    x, w = np.float32(x), np.float32(w / w.sum())
    mu = np.sum(w * x, dtype=np.float32)
    return np.float32(mu), np.sqrt(np.sum(w * (x - mu) ** 2, dtype=np.float32))


def mle_moments(x, w):                 # E[X^2] - E[X]^2, after normalising the weights
    p = w / w.sum()
    m1 = p @ x
    return {"mu": m1, "sigma": np.sqrt(max(p @ (x - m1) ** 2, 0.0))}


def mle_one_pass_float32(x, w):         # sqrt(E[x^2] - E[x]^2) in float32: loses digits, still right enough
    p, x = np.float32(w / w.sum()), np.float32(x)
    m1 = p @ x
    return m1, np.sqrt(max(p @ x**2 - m1**2, np.float32(0)))


def mle_repeat(x, w):                  # integer counts expanded into raw data, else np.average
    if np.all(w == np.round(w)) and w.sum() < 1e4:
        data = np.repeat(x, w.astype(int))
        return float(np.mean(data)), float(np.std(data))
    return mle_average(x, w)


def mle_stats(x, w):                   # the package's mle_normal on raw data
    from mmlbook import stats
    if np.all(w == 1):
        return stats.mle_normal(x)
    return mle_average(x, w)


@pytest.mark.parametrize("function", [mle_average, mle_loops, mle_float32, mle_moments, mle_one_pass_float32,
                                      mle_repeat, mle_stats])
def test_right_gaussian_mles_pass(function):
    result = check.gaussian_mle(function)
    assert result, result.message


# --- gaussian_mle: wrong ones, as learners write them ---------------------------------------

def ddof1(x, w):
    with np.errstate(all="ignore"):     # Σ w − 1 < 0 for relative frequencies
        return _ddof1(x, w)


def _ddof1(x, w):
    mu = np.sum(w * x) / np.sum(w)
    return mu, np.sqrt(np.sum(w * (x - mu) ** 2) / (np.sum(w) - 1))


def variance(x, w):
    mu = np.average(x, weights=w)
    return mu, np.average((x - mu) ** 2, weights=w)


def unweighted(x, w):
    return np.mean(x), np.std(x)


def not_normalised(x, w):
    mu = np.sum(w * x)
    return mu, np.sqrt(np.sum(w * (x - mu) ** 2))


def sd_not_normalised(x, w):
    mu = np.average(x, weights=w)
    return mu, np.sqrt(np.sum(w * (x - mu) ** 2))


@pytest.mark.parametrize("function, phrase", [
    (ddof1, "n − 1"),
    (variance, "variance"),
    (lambda x, w: (np.average(x, weights=w), np.sum(w * (x - np.average(x, weights=w)) ** 2)), "sum of squares"),
    (unweighted, "ignored the weights"),
    (lambda x, w: (np.mean(x), np.std(x, ddof=1)), "ignored the weights and divided by n − 1"),
    (not_normalised, "did not normalise"),
    (sd_not_normalised, "not divided by Σ w"),
    (lambda x, w: (np.average(x, weights=w), np.sqrt(np.mean(w * (x - np.average(x, weights=w)) ** 2))), "np.mean"),
    (lambda x, w: (np.mean(w * x), mle_average(x, w)[1]), "np.mean(w * x)"),
    (lambda x, w: (np.average(x, weights=w), np.sqrt(np.average((x - np.mean(x)) ** 2, weights=w))),
     "unweighted mean"),
    (lambda x, w: (np.average(x, weights=w), np.sqrt(np.sum(w**2 * (x - np.average(x, weights=w)) ** 2) / w.sum())),
     "w²"),
    (lambda x, w: (np.average(x, weights=w), np.average(np.abs(x - np.average(x, weights=w)), weights=w)),
     "absolute"),
    (lambda x, w: mle_average(x, w)[::-1], "(σ, μ)"),
    # n − 1 written as learners write it: only the raw-data probes see the same n − 1 in all of these
    (lambda x, w: (np.average(x, weights=w), np.sqrt(np.sum(w * (x - np.average(x, weights=w)) ** 2) / (len(x) - 1))),
     "n − 1"),
    (lambda x, w: (np.average(x, weights=w), np.sqrt(np.cov(x, aweights=w))), "n − 1"),
    (lambda x, w: (np.average(x, weights=w),
                   np.std(x, ddof=1) if np.all(w == 1) else mle_average(x, w)[1]), "On raw data"),
    (lambda x, w: None, "return statement"),
    (lambda x, w: np.average(x, weights=w), "pair"),
    (lambda x, w: {"mean": 0.0, "sd": 1.0}, "keys"),
    (lambda x, w: (mle_average(x, w)[0] * (1 + 1e-3), mle_average(x, w)[1]), "should give"),
])
def test_wrong_gaussian_mles_are_named(function, phrase):
    result = check.gaussian_mle(function)
    assert not result
    assert phrase in result.message, result.message


def test_mle_right_only_at_small_scale_fails():
    def small_only(x, w):
        return mle_average(x, w) if np.abs(x).max() < 1e3 else (np.mean(x), np.std(x, ddof=1))
    assert not check.gaussian_mle(small_only)


def test_mle_sigma_off_by_a_ten_thousandth_fails():   # |mu| >> sigma must not loosen the check on sigma
    def slightly_off(x, w):
        mu, s = mle_average(x, w)
        return mu, s * (1 + 1e-4)
    assert not check.gaussian_mle(slightly_off)


def test_mle_sheppard_correction_fails():   # a correct estimate of something else is still not the MLE
    def sheppard(x, w):
        mu, s = mle_average(x, w)
        return mu, np.sqrt(max(s**2 - 2.5**2 / 12, 0.0))
    assert not check.gaussian_mle(sheppard)


# --- ridge_fit -------------------------------------------------------------------------------

def ridge_solve(x, y, d, lam):
    phi = np.vander(x, d + 1, increasing=True)
    return np.linalg.solve(phi.T @ phi + lam * np.eye(d + 1), phi.T @ y)


def ridge_augmented_lstsq(x, y, d, lam):       # least squares on [X; √λ I] w ≈ [y; 0]
    phi = np.vander(x, d + 1, increasing=True)
    a = np.vstack([phi, np.sqrt(lam) * np.eye(d + 1)])
    b = np.concatenate([y, np.zeros(d + 1)])
    return np.linalg.lstsq(a, b, rcond=None)[0]


def ridge_loops(x, y, d, lam):
    phi = [[xi**j for j in range(d + 1)] for xi in x]
    A = [[sum(r[i] * r[j] for r in phi) + (lam if i == j else 0.0) for j in range(d + 1)] for i in range(d + 1)]
    b = [sum(r[i] * yi for r, yi in zip(phi, y)) for i in range(d + 1)]
    return list(np.linalg.solve(np.array(A), np.array(b)))


def ridge_float32(x, y, d, lam):
    scale = np.abs(y).max()
    phi = np.vander(x, d + 1, increasing=True).astype(np.float32)
    yy = (y / scale).astype(np.float32)             # float32 users rescale, or 1e-6 data underflow
    w = np.linalg.solve(phi.T @ phi + np.float32(lam) * np.eye(d + 1, dtype=np.float32), phi.T @ yy)
    return w.astype(np.float32) * scale


def ridge_svd(x, y, d, lam):                     # w = V diag(s / (s² + λ)) Uᵀ y
    phi = np.vander(x, d + 1, increasing=True)
    u, s, vt = np.linalg.svd(phi, full_matrices=True)
    k = s.size
    coef = np.zeros(d + 1)
    coef[:k] = s / (s**2 + lam) * (u[:, :k].T @ y)
    return vt.T @ coef


def ridge_column(x, y, d, lam):                  # a (d + 1, 1) column vector
    return ridge_solve(x, y, d, lam).reshape(-1, 1)


def ridge_gradient_descent_free(x, y, d, lam):   # polynomial.polyvander, the course's numpy convention
    phi = np.polynomial.polynomial.polyvander(x, d)
    return np.linalg.inv(phi.T @ phi + lam * np.identity(d + 1)) @ phi.T @ y


def ridge_dual(x, y, d, lam):                    # w = Xᵀ (XXᵀ + λI)⁻¹ y, the n × n system: the same w for λ > 0
    phi = np.vander(x, d + 1, increasing=True)
    if lam == 0:                                 # XXᵀ is singular when n > d + 1: the MLE by least squares
        return np.linalg.lstsq(phi, y, rcond=None)[0]
    return phi.T @ np.linalg.solve(phi @ phi.T + lam * np.eye(len(x)), y)


def ridge_sklearn(x, y, d, lam):
    from sklearn.linear_model import Ridge
    return Ridge(alpha=lam, fit_intercept=False).fit(np.vander(x, d + 1, increasing=True), y).coef_


def ridge_polyfit_order_reversed(x, y, d, lam):  # highest power first, then reversed: right
    a = np.vstack([np.vander(x, d + 1), np.sqrt(lam) * np.eye(d + 1)])
    return np.linalg.lstsq(a, np.r_[y, np.zeros(d + 1)], rcond=None)[0][::-1]


def ridge_float32_augmented(x, y, d, lam):
    a = np.vstack([np.vander(x, d + 1, increasing=True), np.sqrt(lam) * np.eye(d + 1)]).astype(np.float32)
    return np.linalg.lstsq(a, np.r_[y, np.zeros(d + 1)].astype(np.float32), rcond=None)[0]


@pytest.mark.parametrize("function", [ridge_solve, ridge_augmented_lstsq, ridge_loops, ridge_float32, ridge_svd,
                                      ridge_column, ridge_gradient_descent_free, ridge_dual, ridge_sklearn,
                                      ridge_polyfit_order_reversed, ridge_float32_augmented])
def test_right_ridge_fits_pass(function):
    result = check.ridge_fit(function)
    assert result, result.message


def ridge_penalty(x, y, d, lam, p):
    phi = np.vander(x, d + 1, increasing=True)
    return np.linalg.solve(phi.T @ phi + p, phi.T @ y)


def no_intercept(x, y, d, lam):
    p = lam * np.eye(d + 1)
    p[0, 0] = 0
    return ridge_penalty(x, y, d, lam, p)


def plain_lstsq(x, y, d, lam):
    return np.linalg.lstsq(np.vander(x, d + 1, increasing=True), y, rcond=None)[0]


def sklearn_intercept(x, y, d, lam):          # scikit-learn's own intercept: fitted, never penalised
    from sklearn.linear_model import Ridge
    if d == 0:
        return np.array([np.mean(y)])
    model = Ridge(alpha=lam).fit(np.vander(x, d + 1, increasing=True)[:, 1:], y)
    return np.r_[model.intercept_, model.coef_]


@pytest.mark.parametrize("function, phrase", [
    (plain_lstsq, "ignored λ"),
    (no_intercept, "intercept"),
    (lambda x, y, d, lam: ridge_solve(x, y, d, 2 * lam), "doubled"),
    (lambda x, y, d, lam: ridge_solve(x, y, d, lam / 2), "halved"),
    (lambda x, y, d, lam: ridge_solve(x, y, d, lam * len(x)), "multiplied by n"),
    (lambda x, y, d, lam: ridge_solve(x, y, d, lam / len(x)), "divided by n"),
    (lambda x, y, d, lam: ridge_penalty(x, y, d, lam, lam * np.diag([1.0] + [0.0] * d)), "only the intercept"),
    (sklearn_intercept, "intercept"),
    (lambda x, y, d, lam: ridge_solve(x, y, d, lam**2), "λ²"),
    (lambda x, y, d, lam: ridge_solve(x, y, d, np.sqrt(lam)), "√λ"),
    (lambda x, y, d, lam: ridge_penalty(x, y, d, lam, lam * np.ones((d + 1, d + 1))), "every entry"),
    (lambda x, y, d, lam: ridge_solve(x, y, d, lam)[::-1], "np.polyfit's order"),
    (lambda x, y, d, lam: ridge_solve(x, y - y.mean(), d, lam), "centred y"),
    (lambda x, y, d, lam: ridge_solve(x, y, d + 1, lam), "degree + 1"),
    (lambda x, y, d, lam: None, "return statement"),
    (lambda x, y, d, lam: ridge_solve(x, y, d, lam) * (1 + 1e-3), "should give"),
    (lambda x, y, d, lam: np.zeros(d + 3), "returned shape"),
])
def test_wrong_ridge_fits_are_named(function, phrase):
    result = check.ridge_fit(function)
    assert not result
    assert phrase in result.message, result.message


def test_ridge_one_coefficient_too_few_is_named():
    result = check.ridge_fit(lambda x, y, d, lam: ridge_solve(x, y, d, lam)[:-1])
    assert not result and "too few" in result.message, result.message


def test_ridge_wrong_only_for_large_y_fails():
    def big_wrong(x, y, d, lam):
        return ridge_solve(x, y, d, lam) if np.abs(y).max() < 1e3 else plain_lstsq(x, y, d, lam)
    assert not check.ridge_fit(big_wrong)


def test_ridge_that_divides_by_lambda_fails_at_lambda_0():   # the chapter's slider starts at λ = 0, the MLE
    def over_lambda(x, y, d, lam):
        phi = np.vander(x, d + 1, increasing=True)
        return np.linalg.solve(phi.T @ phi / lam + np.eye(d + 1), phi.T @ y / lam)
    with np.errstate(all="ignore"):
        result = check.ridge_fit(over_lambda)
    assert not result and "λ = 0," in result.message, result.message


def test_ridge_pinv_without_lambda_fails_on_the_single_point():
    def pinv(x, y, d, lam):    # right whenever XᵀX is invertible... except it ignores λ
        return np.linalg.pinv(np.vander(x, d + 1, increasing=True)) @ y
    assert not check.ridge_fit(pinv)


# --- beta_posterior --------------------------------------------------------------------------

@pytest.mark.parametrize("function", [
    lambda a, b, f: (a + f.sum(), b + len(f) - f.sum()),
    lambda a, b, f: (a + sum(1 for v in f if v == 1), b + sum(1 for v in f if v == 0)),
    lambda a, b, f: {"alpha": a + np.count_nonzero(f), "beta": b + np.count_nonzero(f == 0)},
    lambda a, b, f: np.float32([a + f.sum(), b + (1 - f).sum()]),
    lambda a, b, f: (a + list(f).count(1), b + list(f).count(0)),
    lambda a, b, f: (a + np.sum(f == 1), b + np.sum(f == 0)),
])
def test_right_beta_posteriors_pass(function):
    result = check.beta_posterior(function)
    assert result, result.message


def _h(f):
    return f.sum()


def _t(f):
    return len(f) - f.sum()


@pytest.mark.parametrize("function, phrase", [
    (lambda a, b, f: (a + _t(f), b + _h(f)), "tails to α"),
    (lambda a, b, f: (b + _t(f), a + _h(f)), "(β', α')"),
    (lambda a, b, f: (_h(f), _t(f)), "forgot the prior"),
    (lambda a, b, f: (a + len(f), b + len(f)), "both parameters"),
    (lambda a, b, f: (a + _h(f), b + len(f)), "all n flips"),
    (lambda a, b, f: (a + _h(f) - 1, b + _t(f) - 1), "subtracted 1"),
    (lambda a, b, f: (a + _h(f) + 1, b + _t(f) + 1), "added 1"),
    (lambda a, b, f: (a * _h(f), b * _t(f)), "multiplied"),
    (lambda a, b, f: (a + f.mean(), b + 1 - f.mean()) if len(f) else (a, b), "fractions"),
    (lambda a, b, f: (a + _h(f), b), "left β"),
    (lambda a, b, f: (a + _h(f), b + _h(f)), "heads to both"),
    (lambda a, b, f: (a + _h(f) + 1, b + _t(f)), "one too large"),
    (lambda a, b, f: (a, b), "returned the prior"),
    (lambda a, b, f: ((a + _h(f)) / (a + b + len(f)),
                      (a + _h(f)) * (b + _t(f)) / ((a + b + len(f)) ** 2 * (a + b + len(f) + 1))), "mean and variance"),
    (lambda a, b, f: ((a + _h(f) - 1) / (a + b + len(f) - 2),), "pair"),      # the posterior mode
    (lambda a, b, f: (a + _h(f)) / (a + b + len(f)), "pair"),
    (lambda a, b, f: None, "return statement"),
])
def test_wrong_beta_posteriors_are_named(function, phrase):
    result = check.beta_posterior(function)
    assert not result
    assert phrase in result.message, result.message


# --- scale: the same decision for rescaled data -------------------------------------------------

@settings(max_examples=25, deadline=None)
@given(st.sampled_from([1e-8, 1e-3, 1.0, 1e3, 1e8]))
def test_mle_comparison_is_scale_free(c):
    x, w = np.array([1.0, 2.0, 4.0]), np.array([1.0, 2.0, 1.0])
    want = sampling._right_mle(c * x, w)
    assert sampling._mle_compare(want * (1 + 1e-7), want)
    assert not sampling._mle_compare(want * (1 + 1e-3), want)
    assert not sampling._mle_compare(sampling.MLE_MISTAKES[0][0](c * x, w), want)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([1e-8, 1e-3, 1.0, 1e3, 1e8]))
def test_ridge_comparison_is_scale_free(c):
    x, y = np.linspace(0, 1, 6), np.array([1.0, 2.0, 1.5, 3.0, 2.0, 4.0])
    want = sampling._ridge(x, c * y, 2, 0.5)
    assert sampling._ridge_compare(want * (1 + 1e-6), want)
    assert not sampling._ridge_compare(sampling._ridge(x, c * y, 2, 1.0), want)


def test_mistake_tables_are_long_enough():
    assert len(sampling.MLE_MISTAKES) >= 8 and len(sampling.RIDGE_MISTAKES) >= 8 and len(sampling.BETA_MISTAKES) >= 8


def test_no_mistake_is_accepted_as_right():
    for table, probes, right, compare in [
            (sampling.MLE_MISTAKES, sampling._mle_probes(), sampling._right_mle, sampling._mle_compare),
            (sampling.RIDGE_MISTAKES, sampling._ridge_probes(), sampling._ridge, sampling._ridge_compare),
            (sampling.BETA_MISTAKES, sampling._beta_probes(), sampling._right_beta, sampling._beta_compare)]:
        for wrong, message in table:
            differs = False
            for args in probes:
                try:
                    got = np.asarray(wrong(*args), dtype=float)
                except Exception:
                    differs = True
                    break
                if not compare(got, right(*args)):
                    differs = True
                    break
            assert differs, message
