"""Tests for the Chapter 17 checkers: right answers written many ways pass, learners' mistakes are named."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special

from mmlbook import check

# --- birthday_probability: right ones ----------------------------------------------------------


def bd_loop(n):
    p_none = 1.0
    for i in range(n):
        p_none *= (365 - i) / 365
    return 1 - p_none


def bd_perm(n):   # exact integers: math.perm(365, n) is 0 for n > 365
    return 1 - math.perm(365, n) / 365**n


def bd_fraction(n):
    return float(1 - Fraction(math.perm(365, n), 365**n))


def bd_logs(n):
    if n > 365:
        return 1.0
    return 1 - math.exp(math.lgamma(366) - math.lgamma(366 - n) - n * math.log(365))


def bd_float32(n):
    factors = (np.float32(365) - np.arange(n, dtype=np.float32)) / np.float32(365)
    return np.float32(1) - np.prod(factors, dtype=np.float32)


def bd_numpy_vector(n):
    return float(1 - np.prod(np.arange(365, 365 - n, -1) / 365)) if n <= 365 else 1.0


def bd_scipy_logs(n):
    return 1.0 if n > 365 else float(-np.expm1(special.gammaln(366) - special.gammaln(366 - n) - n * np.log(365)))


def bd_cumprod_float32(n):
    return float(1 - np.cumprod((365 - np.arange(n, dtype=np.float32)) / np.float32(365))[-1]) if n else 0.0


def bd_log_sum_float32(n):   # float32 logarithms, summed in float32
    if n > 365:
        return 1.0
    factors = (np.float32(365) - np.arange(n, dtype=np.float32)) / np.float32(365)
    return np.float32(1) - np.exp(np.sum(np.log(factors), dtype=np.float32))


def bd_scipy_perm_exact(n):
    return 1 - special.perm(365, n, exact=True) / 365**n


def bd_comb(n):   # choose the n days, then order them
    return 1 - math.comb(365, n) * math.factorial(n) / 365**n


def _stirling_series(m):   # ln m! with Stirling's series to the 1/(12m) term: accurate to about 1/(360 m³)
    return 0.0 if m == 0 else m * math.log(m) - m + 0.5 * math.log(2 * math.pi * m) + 1 / (12 * m)


def bd_stirling_series(n):
    return 1.0 if n > 365 else 1 - math.exp(_stirling_series(365) - _stirling_series(365 - n) - n * math.log(365))


@pytest.mark.parametrize("function", [bd_loop, bd_perm, bd_fraction, bd_logs, bd_float32, bd_numpy_vector,
                                      bd_scipy_logs, bd_cumprod_float32, bd_log_sum_float32, bd_scipy_perm_exact,
                                      bd_comb, bd_stirling_series])
def test_right_birthday_functions_pass(function):
    result = check.birthday_probability(function)
    assert result, result.message


# --- birthday_probability: wrong ones, as learners write them ------------------------------------

def bd_factorial_floats(n):   # scipy.special.factorial(365) is inf
    with np.errstate(all="ignore"):
        return 1 - special.factorial(365) / special.factorial(365 - n) / 365.0**n


def bd_factorial_ints(n):     # Python ints: 365!/(365 - n)! as a float overflows for small n
    return 1 - math.factorial(365) / math.factorial(max(365 - n, 0)) / 365**n


def bd_zero_past_365(n):   # "all different is impossible", so returns the wrong one
    return 0.0 if n > 365 else bd_loop(n)


def bd_no_edge(n):
    return bd_loop(n) if n >= 2 else 1 / 365


def _stirling_plain(m):   # ln m! ≈ m ln m − m + ½ ln(2πm): relative error about 1/(12m)
    return 0.0 if m == 0 else m * math.log(m) - m + 0.5 * math.log(2 * math.pi * m)


def bd_stirling_plain(n):   # off by 1.3e-6 at n = 2 and 7.6e-6 at n = 23: passed the old 1e-4 relative tolerance
    return 1.0 if n > 365 else 1 - math.exp(_stirling_plain(365) - _stirling_plain(365 - n) - n * math.log(365))


def bd_stirling_plain_no_special_case(n):
    return 1 - math.exp(_stirling_plain(365) - _stirling_plain(max(365 - n, 0)) - n * math.log(365))


def bd_right_to_60(n):   # "the probability is essentially 1 past 60"
    return bd_loop(n) if n <= 60 else 1.0


def bd_capped_at_60(n):
    return 1 - math.prod((365 - i) / 365 for i in range(min(n, 60)))


def bd_complement_past_365(n):
    return bd_loop(n) if n <= 365 else 1 - bd_loop(n)


def bd_taylor(n):   # ln(1 − i/365) ≈ −i/365 − i²/(2·365²)
    return 1.0 if n > 365 else 1 - math.exp(sum(-i / 365 - i * i / (2 * 365**2) for i in range(n)))


@pytest.mark.parametrize("function, phrase", [
    (lambda n: 1 - (364 / 365) ** n, "GIVEN birthday"),
    (lambda n: 1 - (364 / 365) ** math.comb(n, 2), "independently"),
    (lambda n: 1 - math.exp(-n * (n - 1) / 730), "approximation"),
    (lambda n: n * (n - 1) / 730, "expected number"),
    (lambda n: 1 - bd_loop(n), "NO two"),
    (lambda n: bd_loop(n + 1), "one factor too many"),
    (lambda n: bd_loop(n - 1) if n else 0.0, "one factor too few"),
    (lambda n: 1 - np.prod([(365 - n) / 365 for _ in range(n)]), "(365 − n)/365 in every factor"),
    (lambda n: 1 - math.prod((365 - i) // 365 for i in range(n)), "integer division"),
    (lambda n: 1 - math.prod((366 - i) / 366 for i in range(n)), "366 days"),
    (bd_factorial_floats, "overflow"),
    (bd_factorial_ints, "OverflowError"),
    (bd_zero_past_365, "pigeonhole"),
    (bd_no_edge, "must be 0"),
    (lambda n: bd_loop(n) * (1 - 1e-3) if n <= 365 else 1.0, "it should be"),
    (lambda n: 2 * bd_loop(n), "not a probability"),
    (lambda n: None, "return statement"),
    (lambda n: bd_logs(n) if n <= 365 else math.lgamma(366 - n), "pigeonhole"),
    (lambda n: [bd_loop(n)] * 2, "one number"),
    (lambda n: "0.5", "returned str"),
    (bd_stirling_plain, "Stirling"),
    (bd_stirling_plain_no_special_case, "Stirling"),
    (bd_right_to_60, "birthday_probability(70) returned 1"),
    (bd_capped_at_60, "pigeonhole"),
    (bd_complement_past_365, "pigeonhole"),
    (bd_taylor, "it should be"),
    (lambda n: 1 - math.prod((365.25 - i) / 365.25 for i in range(n)) if n <= 365 else 1.0, "it should be"),
    (lambda n: bd_loop(n) + 5e-7 if 2 <= n <= 60 else bd_loop(n), "it should be"),   # passed the old 1e-6 absolute tolerance
])
def test_wrong_birthday_functions_are_named(function, phrase):
    result = check.birthday_probability(function)
    assert not result
    assert phrase in result.message, result.message


# --- posterior ----------------------------------------------------------------------------------

def post_formula(prior, sensitivity, specificity):
    return sensitivity * prior / (sensitivity * prior + (1 - specificity) * (1 - prior))


def post_frequencies(prior, sensitivity, specificity, people=1_000_000):   # natural frequencies
    ill = people * prior
    true_pos, false_pos = ill * sensitivity, (people - ill) * (1 - specificity)
    return true_pos / (true_pos + false_pos)


def post_odds(prior, sensitivity, specificity):   # posterior odds = likelihood ratio × prior odds
    if prior == 1:
        return 1.0
    odds = sensitivity / (1 - specificity) * prior / (1 - prior)
    return odds / (1 + odds)


def post_float32(prior, sensitivity, specificity):
    p, se, sp = np.float32(prior), np.float32(sensitivity), np.float32(specificity)
    return se * p / (se * p + (np.float32(1) - sp) * (np.float32(1) - p))


def post_arrays(prior, sensitivity, specificity):  # a table: rows ill/healthy, columns P(+)
    joint = np.array([prior, 1 - prior]) * np.array([sensitivity, 1 - specificity])
    return (joint / joint.sum())[0]


@pytest.mark.parametrize("function", [post_formula, post_frequencies, post_odds, post_float32, post_arrays])
def test_right_posteriors_pass(function):
    result = check.posterior(function)
    assert result, result.message


@pytest.mark.parametrize("function, phrase", [
    (lambda p, se, sp: post_formula(p, sp, se), "swapped"),
    (lambda p, se, sp: se, "reverse conditional"),
    (lambda p, se, sp: se * p, "without dividing"),
    (lambda p, se, sp: se * p / (se * p + sp * (1 - p)), "false-positive rate 1 − specificity belongs"),
    (lambda p, se, sp: se * p / (se * p + (1 - se) * (1 - p)), "false-NEGATIVE"),
    (lambda p, se, sp: se * p / (se * p + (1 - sp)), "not weighted by P(healthy)"),
    (lambda p, se, sp: se * p / (se * p + (1 - sp) * p), "weighted by the prior"),
    (lambda p, se, sp: se * p / (se * p), "forgot the false positives"),
    (lambda p, se, sp: p, "the prior"),
    (lambda p, se, sp: 1 - post_formula(p, se, sp), "P(healthy | positive)"),
    (lambda p, se, sp: (1 - se) * p / ((1 - se) * p + sp * (1 - p)), "NEGATIVE test"),
    (lambda p, se, sp: se * p / ((1 - sp) * (1 - p)), "true positives"),
    (lambda p, se, sp: post_formula(p, se, sp) * (1 + 1e-3), "it should be"),
    (lambda p, se, sp: round(post_formula(p, se, sp), 4), "it should be"),
    (lambda p, se, sp: 100 * post_formula(p, se, sp), "it should be"),
    (lambda p, se, sp: se * p / (1 - sp) if p < 0.01 else post_formula(p, se, sp), "it should be"),
    (lambda p, se, sp: None, "return statement"),
])
def test_wrong_posteriors_are_named(function, phrase):
    with np.errstate(all="ignore"):
        result = check.posterior(function)
    assert not result
    assert phrase in result.message, result.message


def test_a_nan_at_prior_one_is_named():
    def odds_without_care(prior, sensitivity, specificity):
        odds = sensitivity / (1 - specificity) * prior / (1 - prior)
        return odds / (1 + odds)
    with np.errstate(all="ignore"):
        result = check.posterior(odds_without_care)
    assert not result and "posterior(1.0, 0.9, 0.8)" in result.message


@settings(max_examples=25, deadline=None)
@given(st.floats(1e-8, 1e8))
def test_posterior_is_scale_free_in_the_population(people):
    # counting natural frequencies in any population size gives the same verdict
    assert check.posterior(lambda p, se, sp: post_frequencies(p, se, sp, people))


def test_the_chapters_example_is_19_over_217():
    assert Fraction(95, 100) * Fraction(1, 100) / (Fraction(95, 100) * Fraction(1, 100)
                                                   + Fraction(10, 100) * Fraction(99, 100)) == Fraction(19, 217)
    assert math.isclose(post_formula(0.01, 0.95, 0.90), 19 / 217, rel_tol=1e-12)
