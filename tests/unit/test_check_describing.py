"""Tests for the Chapter 19 checkers: right answers written many ways pass, learners' mistakes are named."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from mmlbook import check


# --- dice_sum_pmf: right ones ---------------------------------------------------------------

def pmf_convolve(a, b):
    return np.convolve(a / a.sum(), b / b.sum())


def pmf_loops(a, b):
    a, b = list(a), list(b)
    ta, tb = sum(a), sum(b)
    out = [0.0] * (len(a) + len(b) - 1)
    for i, pa in enumerate(a):
        for j, pb in enumerate(b):
            out[i + j] += (pa / ta) * (pb / tb)
    return out


def pmf_dict(a, b):
    pa, pb = a / a.sum(), b / b.sum()
    sums = {}
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            sums[i + j] = sums.get(i + j, 0.0) + pa[i - 1] * pb[j - 1]
    return sums


def pmf_float32(a, b):
    a, b = np.float32(a / a.sum()), np.float32(b / b.sum())
    return np.convolve(a, b).astype(np.float32)


def pmf_outer(a, b):
    joint = np.outer(a, b) / (a.sum() * b.sum())
    k1, k2 = joint.shape
    return np.array([np.trace(joint[::-1], offset=s - (k1 - 1)) for s in range(k1 + k2 - 1)])


def pmf_normalised_twice(a, b):
    pa, pb = a / a.sum(), b / b.sum()
    out = np.convolve(pa / pa.sum(), pb / pb.sum())
    return out / out.sum()


@pytest.mark.parametrize("function", [pmf_convolve, pmf_loops, pmf_dict, pmf_float32, pmf_outer, pmf_normalised_twice])
def test_right_dice_pmfs_pass(function):
    result = check.dice_sum_pmf(function)
    assert result, result.message


# --- dice_sum_pmf: wrong ones, as learners write them ---------------------------------------

def _norm(w):
    return w / w.sum()


def hard_coded_11(a, b):
    out = np.zeros(11)
    pa, pb = _norm(a), _norm(b)
    for i in range(len(a)):
        for j in range(len(b)):
            out[i + j] += pa[i] * pb[j]
    return out


def counts(a, b):
    out = np.zeros(len(a) + len(b) - 1)
    for i in range(len(a)):
        for j in range(len(b)):
            out[i + j] += 1
    return out


def from_zero(a, b):
    out = np.zeros(len(a) + len(b) + 1)   # index = the sum, 0..k1+k2
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            out[i + j] += _norm(a)[i - 1] * _norm(b)[j - 1]
    return out


@pytest.mark.parametrize("function, phrase", [
    (lambda a, b: _norm(a) + _norm(b), "added the two PMFs"),
    (lambda a, b: _norm(a) * _norm(b), "multiplied the PMFs"),
    (lambda a, b: (_norm(a) + _norm(b)) / 2, "averaged"),
    (from_zero, "starts at the sum 0"),
    (lambda a, b: np.concatenate([[0], pmf_convolve(a, b)]), "starts at the sum 1"),
    (lambda a, b: np.convolve(a, b), "normalised"),
    (lambda a, b: pmf_convolve(a, a), "first die twice"),
    (lambda a, b: pmf_convolve(b, b), "second die twice"),
    (hard_coded_11, "hard-coded"),
    (counts, "counts"),
    (lambda a, b: counts(a, b) / (len(a) * len(b)), "fair"),
    (lambda a, b: pmf_convolve(a, b)[::-1], "reversed"),
    (lambda a, b: np.convolve(_norm(a), _norm(b)[::-1]), "X − Y"),
    (lambda a, b: np.cumsum(pmf_convolve(a, b)), "cumulative"),
    (lambda a, b: None, "return statement"),
    (lambda a, b: pmf_convolve(a, b)[:-1], "should return"),
    (lambda a, b: pmf_convolve(a, b) * (1 + 1e-3), "add up to"),
    (lambda a, b: {0: 1.0}, "key"),
    (lambda a, b: 1 - np.cumsum(pmf_convolve(a, b)), "tail probabilities"),
    (lambda a, b: np.convolve(_norm(a), b), "only the first die"),
    (lambda a, b: np.convolve(a, _norm(b)), "only the second die"),
])
def test_wrong_dice_pmfs_are_named(function, phrase):
    result = check.dice_sum_pmf(function)
    assert not result
    assert phrase in result.message, result.message


def test_dice_pmf_right_only_for_probabilities_summing_to_one_fails():
    def only_small(a, b):
        return pmf_convolve(a, b) if a.sum() < 10 else np.convolve(a, b)
    assert not check.dice_sum_pmf(only_small)


def test_dropping_impossible_faces_is_caught():
    def trimmed(a, b):       # np.trim_zeros drops a leading impossible face and shifts every sum
        return np.convolve(np.trim_zeros(_norm(a)), np.trim_zeros(_norm(b)))
    assert not check.dice_sum_pmf(trimmed)

    def trimmed_copy(d, q):
        p = np.trim_zeros(_norm(d))
        doubled = np.zeros(2 * p.size - 1)
        doubled[::2] = p
        return q * doubled + (1 - q) * np.convolve(p, p)
    assert not check.copying_dice_pmf(trimmed_copy)


def test_a_tiny_error_in_a_tail_is_caught():
    def tail_off(a, b):
        out = pmf_convolve(a, b)
        out[-1] *= 1.01
        return out
    assert not check.dice_sum_pmf(tail_off)


# --- copying_dice_pmf -----------------------------------------------------------------------

def copy_vectorised(die, q):
    p = die / die.sum()
    doubled = np.zeros(2 * p.size - 1)
    doubled[::2] = p
    return q * doubled + (1 - q) * np.convolve(p, p)


def copy_loops(die, q):
    p = [w / sum(die) for w in die]
    k = len(p)
    out = [0.0] * (2 * k - 1)
    for i in range(k):
        for j in range(k):
            # P(first = i, second = j) = p_i (q [i == j] + (1 - q) p_j)
            out[i + j] += p[i] * (q * (i == j) + (1 - q) * p[j])
    return out


def copy_joint_table(die, q):
    p = np.float32(die / die.sum())
    joint = np.float32(q) * np.diag(p) + np.float32(1 - q) * np.outer(p, p)
    k = p.size
    return {s: float(sum(joint[i, s - 2 - i] for i in range(k) if 0 <= s - 2 - i < k)) for s in range(2, 2 * k + 1)}


@pytest.mark.parametrize("function", [copy_vectorised, copy_loops, copy_joint_table])
def test_right_copying_pmfs_pass(function):
    result = check.copying_dice_pmf(function)
    assert result, result.message


def _dbl(p):
    out = np.zeros(2 * p.size - 1)
    out[::2] = p
    return out


@pytest.mark.parametrize("function, phrase", [
    (lambda d, q: pmf_convolve(d, d), "independent"),
    (lambda d, q: (1 - q) * _dbl(_norm(d)) + q * pmf_convolve(d, d), "swapped"),
    (lambda d, q: q * np.concatenate([_norm(d), np.zeros(d.size - 1)]) + (1 - q) * pmf_convolve(d, d), "2X, not X"),
    (lambda d, q: q * _dbl(_norm(d) ** 2) + (1 - q) * pmf_convolve(d, d), "not P(X = i)²"),
    (lambda d, q: q * _dbl(_norm(d)) + pmf_convolve(d, d), "1 + q"),
    (lambda d, q: _dbl(_norm(d)) + (1 - q) * pmf_convolve(d, d), "lacks the factor q"),
    (lambda d, q: q * _dbl(d) + (1 - q) * np.convolve(d, d), "normalised"),
    (lambda d, q: np.concatenate([[0, 0], copy_vectorised(d, q)]), "sum 0"),
    (lambda d, q: copy_vectorised(d, q) if q < 1 else pmf_convolve(d, d), "q = 1"),
    (lambda d, q: None, "return statement"),
    (lambda d, q: copy_vectorised(d, q) * (1 + 1e-3), "add up to"),
])
def test_wrong_copying_pmfs_are_named(function, phrase):
    result = check.copying_dice_pmf(function)
    assert not result
    assert phrase in result.message, result.message


def test_copying_hard_coded_length_is_named():
    def hard_coded(die, q):
        out = np.zeros(11)
        out[: 2 * die.size - 1] = copy_vectorised(die, q)[:11]
        return out
    result = check.copying_dice_pmf(hard_coded)
    assert not result and "hard-coded" in result.message, result.message


# --- conditional_normal: right ones ---------------------------------------------------------

def cond_formula(x, mu_x, mu_y, sigma_x, sigma_y, rho):
    return mu_y + rho * sigma_y / sigma_x * (x - mu_x), sigma_y**2 * (1 - rho**2)


def cond_covariance(x, mu_x, mu_y, sigma_x, sigma_y, rho):
    S = np.array([[sigma_x**2, rho * sigma_x * sigma_y], [rho * sigma_x * sigma_y, sigma_y**2]])
    mean = mu_y + S[1, 0] / S[0, 0] * (x - mu_x)
    return [mean, S[1, 1] - S[1, 0] ** 2 / S[0, 0]]


def cond_float32(x, mu_x, mu_y, sigma_x, sigma_y, rho):
    x, mu_x, mu_y, sigma_x, sigma_y, rho = map(np.float32, (x, mu_x, mu_y, sigma_x, sigma_y, rho))
    return np.array(cond_formula(x, mu_x, mu_y, sigma_x, sigma_y, rho), dtype=np.float32)


def cond_standardised(x, mu_x, mu_y, sigma_x, sigma_y, rho):
    z = (x - mu_x) / sigma_x
    return np.array([mu_y + sigma_y * rho * z, (sigma_y * math.sqrt(1 - rho**2)) ** 2])


def cond_dict(x, mu_x, mu_y, sigma_x, sigma_y, rho):
    mean, var = cond_formula(x, mu_x, mu_y, sigma_x, sigma_y, rho)
    return {"mean": mean, "variance": var}


def cond_dict_var(x, mu_x, mu_y, sigma_x, sigma_y, rho):
    mean, var = cond_float32(x, mu_x, mu_y, sigma_x, sigma_y, rho)
    return {"Mean": mean, "var": var}


@pytest.mark.parametrize("function", [cond_formula, cond_covariance, cond_float32, cond_standardised, cond_dict,
                                      cond_dict_var])
def test_right_conditionals_pass(function):
    result = check.conditional_normal(function)
    assert result, result.message


def _with(mean=None, var=None):
    def f(x, mx, my, sx, sy, r):
        m, v = cond_formula(x, mx, my, sx, sy, r)
        return (m if mean is None else mean(x, mx, my, sx, sy, r),
                v if var is None else var(x, mx, my, sx, sy, r))
    return f


@pytest.mark.parametrize("function, phrase", [
    (_with(mean=lambda x, mx, my, sx, sy, r: my + r * sx / sy * (x - mx)), "σ_x/σ_y"),
    (_with(var=lambda x, mx, my, sx, sy, r: sy**2), "marginal variance"),
    (_with(var=lambda x, mx, my, sx, sy, r: sy * np.sqrt(1 - r**2)), "standard deviation"),
    (_with(mean=lambda x, mx, my, sx, sy, r: my + r * sy / sx * x), "ignores μ_x"),
    (_with(mean=lambda x, mx, my, sx, sy, r: my + sy / sx * (x - mx)), "lacks the factor ρ"),
    (_with(mean=lambda x, mx, my, sx, sy, r: my + r * (x - mx)), "lacks the factor σ_y/σ_x"),
    (_with(mean=lambda x, mx, my, sx, sy, r: my + r**2 * sy / sx * (x - mx)), "ρ²"),
    (_with(var=lambda x, mx, my, sx, sy, r: sy**2 * (1 - r)), "(1 − ρ)"),
    (_with(var=lambda x, mx, my, sx, sy, r: sx**2 * (1 - r**2)), "σ_x²"),
    (_with(var=lambda x, mx, my, sx, sy, r: sy**2 * (1 - r**2) + (r * sy / sx * (x - mx)) ** 2), "does not"),
    (_with(mean=lambda x, mx, my, sx, sy, r: my), "marginal mean"),
    (_with(mean=lambda x, mx, my, sx, sy, r: my + r * sy / sx * (x - my)), "from μ_y"),
    (_with(mean=lambda x, mx, my, sx, sy, r: my + abs(r) * sy / sx * (x - mx)), "|ρ|"),
    (_with(mean=lambda x, mx, my, sx, sy, r: my + r * sy / sx**2 * (x - mx)), "ρσ_y/σ_x²"),
    (_with(var=lambda x, mx, my, sx, sy, r: (sy**2 * (1 - r**2)) ** 2), "squared the variance"),
    (_with(var=lambda x, mx, my, sx, sy, r: (sy * (1 - r**2)) ** 2), "(1 − ρ²)²"),
    (lambda *p: {"mean": cond_formula(*p)[0], "sd": math.sqrt(cond_formula(*p)[1])}, "keys"),
    (lambda *p: cond_formula(*p)[::-1], "(variance, mean)"),
    (lambda *p: cond_formula(*p)[0], "pair"),
    (lambda *p: None, "return statement"),
    (lambda *p: np.array(cond_formula(*p)) * [1, 1 + 1e-3], "should give"),
])
def test_wrong_conditionals_are_named(function, phrase):
    result = check.conditional_normal(function)
    assert not result
    assert phrase in result.message, result.message


def test_conditional_right_only_at_unit_scale_fails():
    def unit_only(x, mx, my, sx, sy, r):
        return cond_formula(x, mx, my, sx, sy, r) if 0.1 < sy < 100 else (my, sy**2)
    assert not check.conditional_normal(unit_only)


def test_the_conditional_formula_matches_scipy_by_regression():
    """The right answer is what conditioning a scipy multivariate normal gives (Schur complement)."""
    rng = np.random.default_rng(0)
    mean, sx, sy, rho = np.array([1.0, -2.0]), 2.0, 0.5, 0.7
    S = np.array([[sx**2, rho * sx * sy], [rho * sx * sy, sy**2]])
    xy = stats.multivariate_normal(mean, S).rvs(200_000, random_state=rng)
    slope, intercept = np.polyfit(xy[:, 0], xy[:, 1], 1)
    assert abs(slope - rho * sy / sx) < 4 * sy * np.sqrt(1 - rho**2) / (sx * np.sqrt(200_000))
    resid = xy[:, 1] - (intercept + slope * xy[:, 0])
    assert abs(resid.var() - sy**2 * (1 - rho**2)) < 4 * sy**2 * (1 - rho**2) * np.sqrt(2 / 200_000)


# --- scale-free decisions --------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_EXPONENTS = st.integers(min_value=-8, max_value=8)


@settings(max_examples=17, deadline=None)
@given(_EXPONENTS)
def test_dice_decisions_do_not_depend_on_the_scale_of_the_weights(e):
    """A reader who multiplies the weights by c before normalising gets the same verdict."""
    c = 10.0**e
    for function in (pmf_convolve, lambda a, b: pmf_convolve(a, a), lambda a, b: _norm(a) * _norm(b)):
        plain, scaled = check.dice_sum_pmf(function), check.dice_sum_pmf(lambda a, b: function(c * a, c * b))
        assert bool(plain) == bool(scaled) and plain.message == scaled.message, (plain, scaled)


@settings(max_examples=17, deadline=None)
@given(_EXPONENTS)
def test_conditional_decisions_do_not_depend_on_the_units(e):
    c = 10.0**e
    wrong = _with(var=lambda x, mx, my, sx, sy, r: sy**2)
    for function in (cond_formula, wrong):
        def in_other_units(x, mx, my, sx, sy, r, f=function):
            mean, var = f(c * x, c * mx, c * my, c * sx, c * sy, r)
            return mean / c, var / c**2
        plain, scaled = check.conditional_normal(function), check.conditional_normal(in_other_units)
        assert bool(plain) == bool(scaled) and plain.message == scaled.message, (plain, scaled)
