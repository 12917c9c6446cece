"""Tests for the Chapter 21 checkers: right answers written many ways pass, learners' mistakes are named."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mmlbook import check
from mmlbook.check import inference


# --- t_confidence_interval: right ones ---------------------------------------------------------

def ci_scipy(mean, sd, n, level):
    return stats.t.interval(level, n - 1, loc=mean, scale=sd / math.sqrt(n))


def ci_dict(mean, sd, n, level):
    alpha = 1 - level
    margin = stats.t.ppf(1 - alpha / 2, df=n - 1) * sd / np.sqrt(n)
    return {"lower": mean - margin, "upper": mean + margin}


def ci_float32(mean, sd, n, level):
    t = np.float32(stats.t.ppf((1 + level) / 2, n - 1))
    se = np.float32(sd) / np.sqrt(np.float32(n))
    return np.array([np.float32(mean) - t * se, np.float32(mean) + t * se], dtype=np.float32)


def ci_lower_tail(mean, sd, n, level):
    t = -stats.t.ppf((1 - level) / 2, n - 1)          # the lower quantile, negated
    return [mean - t * sd / n**0.5, mean + t * sd / n**0.5]


def ci_mmlbook(mean, sd, n, level):
    from mmlbook.stats import mean_confidence_interval
    return mean_confidence_interval(mean, sd, n, level)


@pytest.mark.parametrize("function", [ci_scipy, ci_dict, ci_float32, ci_lower_tail, ci_mmlbook])
def test_right_intervals_pass(function):
    result = check.t_confidence_interval(function)
    assert result, result.message


# --- t_confidence_interval: wrong ones, as learners write them ----------------------------------

def _margin(crit, sd, n):
    return crit * sd / math.sqrt(n)


@pytest.mark.parametrize("function, phrase", [
    (lambda m, s, n, lv: (m - 1.96 * s / math.sqrt(n), m + 1.96 * s / math.sqrt(n)), "z = 1.96 whatever"),
    (lambda m, s, n, lv: stats.norm.interval(lv, loc=m, scale=s / math.sqrt(n)), "normal quantile z"),
    (lambda m, s, n, lv: (stats.norm.interval(lv, loc=m, scale=s / math.sqrt(n)) if n >= 30
                          else ci_scipy(m, s, n, lv)), "z for n ≥ 30"),
    (lambda m, s, n, lv: (stats.norm.interval(lv, loc=m, scale=s / math.sqrt(n)) if n > 1000
                          else ci_scipy(m, s, n, lv)), "should give"),          # z only for huge n: still caught
    (lambda m, s, n, lv: stats.t.interval(lv, n - 1, loc=m, scale=s), "instead of the standard error"),
    (lambda m, s, n, lv: stats.t.interval(lv, n - 1, loc=m, scale=s / n), "square root is missing"),
    (lambda m, s, n, lv: stats.t.interval(lv, n - 1, loc=m, scale=s / math.sqrt(n - 1)), "√(n − 1)"),
    (lambda m, s, n, lv: stats.t.interval(lv, n, loc=m, scale=s / math.sqrt(n)), "n degrees of freedom"),
    (lambda m, s, n, lv: (m - _margin(stats.t.ppf(lv, n - 1), s, n), m + _margin(stats.t.ppf(lv, n - 1), s, n)),
     "α/2 in each tail"),
    (lambda m, s, n, lv: (m - _margin(stats.t.ppf(1 - (1 - lv) / 4, n - 1), s, n),
                          m + _margin(stats.t.ppf(1 - (1 - lv) / 4, n - 1), s, n)), "halved α twice"),
    (lambda m, s, n, lv: (m - 2 * _margin(stats.t.ppf((1 + lv) / 2, n - 1), s, n),
                          m + 2 * _margin(stats.t.ppf((1 + lv) / 2, n - 1), s, n)), "twice too wide"),
    (lambda m, s, n, lv: (m, _margin(stats.t.ppf((1 + lv) / 2, n - 1), s, n)), "(mean, margin)"),
    (lambda m, s, n, lv: ci_scipy(m, s, n, lv)[::-1], "(high, low)"),
    (lambda m, s, n, lv: _margin(stats.t.ppf((1 + lv) / 2, n - 1), s, n), "shape"),
    (lambda m, s, n, lv: None, "return statement"),
    (lambda m, s, n, lv: {"centre": m}, "keys"),
    (lambda m, s, n, lv: np.array(ci_scipy(m, s, n, lv)) * (1 + 1e-3), "should give"),
    (lambda m, s, n, lv: stats.t.interval(lv, n - 2, loc=m, scale=s / math.sqrt(n)), "should give"),
    (lambda m, s, n, lv: ci_scipy(m, s * math.sqrt((n - 1) / n), n, lv), "should give"),                                             # s turned into the 1/n standard deviation
])
def test_wrong_intervals_are_named(function, phrase):
    result = check.t_confidence_interval(function)
    assert not result
    assert phrase in result.message, result.message


# --- welch_test: right ones --------------------------------------------------------------------

def welch_df(s1, n1, s2, n2):
    v1, v2 = s1**2 / n1, s2**2 / n2
    return (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))


def welch_scipy(m1, s1, n1, m2, s2, n2):
    result = stats.ttest_ind_from_stats(m1, s1, n1, m2, s2, n2, equal_var=False)
    return result.statistic, welch_df(s1, n1, s2, n2), result.pvalue


def welch_course(m1, s1, n1, m2, s2, n2):
    """The course's helpers: t, dof, then p = 2 * (1 - cdf(|t|)), returned as a dict."""
    t = (m1 - m2) / np.sqrt(s1**2 / n1 + s2**2 / n2)
    dof = np.square(s1**2 / n1 + s2**2 / n2) / ((s1**2 / n1) ** 2 / (n1 - 1) + (s2**2 / n2) ** 2 / (n2 - 1))
    return {"t_statistic": t, "dof": dof, "p_value": 2 * (1 - stats.t.cdf(abs(t), df=dof))}


def welch_float32(m1, s1, n1, m2, s2, n2):
    m1, s1, m2, s2 = (np.float32(v) for v in (m1, s1, m2, s2))
    v1, v2 = s1 * s1 / np.float32(n1), s2 * s2 / np.float32(n2)
    t = (m1 - m2) / np.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1 * v1 / np.float32(n1 - 1) + v2 * v2 / np.float32(n2 - 1))
    return [t, df, 2 * stats.t.sf(abs(float(t)), float(df))]


def welch_one_sided(m1, s1, n1, m2, s2, n2, alternative="two-sided"):
    """SciPy's convention for the alternative, as the chapter asks of the one-sided question."""
    t, df, _ = welch_scipy(m1, s1, n1, m2, s2, n2)
    p = {"two-sided": 2 * stats.t.sf(abs(t), df), "less": stats.t.cdf(t, df),
         "greater": stats.t.sf(t, df)}[alternative]
    return t, df, p


def welch_mmlbook(m1, s1, n1, m2, s2, n2):
    from mmlbook.stats import welch_t_test
    return welch_t_test(m1, s1, n1, m2, s2, n2)


@pytest.mark.parametrize("function", [welch_scipy, welch_course, welch_float32, welch_one_sided, welch_mmlbook])
def test_right_welch_tests_pass(function):
    result = check.welch_test(function)
    assert result, result.message


def test_a_one_sided_welch_function_is_asked_one_sided_questions():
    assert "one-sided" in check.welch_test(welch_one_sided).message
    assert "one-sided" not in check.welch_test(welch_scipy).message


# --- welch_test: wrong ones ---------------------------------------------------------------------

def student(m1, s1, n1, m2, s2, n2):
    r = stats.ttest_ind_from_stats(m1, s1, n1, m2, s2, n2, equal_var=True)
    return r.statistic, n1 + n2 - 2, r.pvalue


def with_t(t_of, m1, s1, n1, m2, s2, n2):
    t, df = t_of(m1, s1, n1, m2, s2, n2), welch_df(s1, n1, s2, n2)
    return t, df, 2 * stats.t.sf(abs(t), df)


def with_df(df_of, m1, s1, n1, m2, s2, n2):
    t = welch_scipy(m1, s1, n1, m2, s2, n2)[0]
    df = df_of(s1, n1, s2, n2)
    return t, df, 2 * stats.t.sf(abs(t), df)


def with_p(p_of, m1, s1, n1, m2, s2, n2):
    t, df, _ = welch_scipy(m1, s1, n1, m2, s2, n2)
    return t, df, p_of(t, df)


def welch_p_of_wrong_side(m1, s1, n1, m2, s2, n2, alternative="two-sided"):
    t, df, p = welch_scipy(m1, s1, n1, m2, s2, n2)
    if alternative == "less":
        return t, df, stats.t.sf(t, df)
    if alternative == "greater":
        return t, df, stats.t.cdf(t, df)
    return t, df, p


def welch_ignores_alternative(m1, s1, n1, m2, s2, n2, alternative="two-sided"):
    return welch_scipy(m1, s1, n1, m2, s2, n2)


def welch_sign_flips_one_sided(m1, s1, n1, m2, s2, n2, alternative="two-sided"):
    """Right two-sided; for a one-sided question it swaps the groups (so t changes sign)."""
    if alternative == "two-sided":
        return welch_scipy(m1, s1, n1, m2, s2, n2)
    return welch_one_sided(m2, s2, n2, m1, s1, n1, "greater" if alternative == "less" else "less")


@pytest.mark.parametrize("function, phrase", [
    (student, "pooled variance"),
    (lambda *a: with_t(lambda m1, s1, n1, m2, s2, n2: (m2 - m1) / math.sqrt(s1**2 / n1 + s2**2 / n2), *a),
     "opposite sign"),
    (lambda *a: with_t(lambda m1, s1, n1, m2, s2, n2: (m1 - m2) / math.sqrt(s1**2 + s2**2), *a),
     "not the standard errors"),
    (lambda *a: with_t(lambda m1, s1, n1, m2, s2, n2: (m1 - m2) / (s1**2 / n1 + s2**2 / n2), *a),
     "square root is missing"),
    (lambda *a: with_t(lambda m1, s1, n1, m2, s2, n2: (m1 - m2) / math.sqrt(s1 / n1 + s2 / n2), *a),
     "standard deviations where the variances"),
    (lambda *a: with_t(lambda m1, s1, n1, m2, s2, n2: (m1 - m2) / (s1 / n1**0.5 + s2 / n2**0.5), *a),
     "added the standard errors"),
    (lambda *a: with_t(lambda m1, s1, n1, m2, s2, n2: (m1 - m2) / math.sqrt(s1**2 / (n1 - 1) + s2**2 / (n2 - 1)), *a),
     "divided the variances by n − 1"),
    (lambda *a: with_df(lambda s1, n1, s2, n2: n1 + n2 - 2, *a), "n1 + n2 − 2"),
    (lambda *a: with_df(lambda s1, n1, s2, n2: min(n1, n2) - 1, *a), "min(n1, n2) − 1"),
    (lambda *a: with_df(lambda s1, n1, s2, n2: (s1**2 / n1 + s2**2 / n2) ** 2
                        / ((s1**2 / n1) ** 2 / n1 + (s2**2 / n2) ** 2 / n2), *a), "with n − 1"),
    (lambda *a: with_df(lambda s1, n1, s2, n2: (s1**2 / n1 + s2**2 / n2)
                        / ((s1**2 / n1) ** 2 / (n1 - 1) + (s2**2 / n2) ** 2 / (n2 - 1)), *a), "not squared"),
    (lambda *a: with_df(lambda s1, n1, s2, n2: math.floor(welch_df(s1, n1, s2, n2)), *a), "rounded the Welch"),
    (lambda *a: with_p(lambda t, df: stats.t.sf(abs(t), df), *a), "double it"),
    (lambda *a: with_p(lambda t, df: stats.t.cdf(t, df), *a), "one-sided p-value for H1: group 1 below"),
    (lambda *a: with_p(lambda t, df: 1 - stats.t.cdf(t, df), *a), "one-sided p-value for H1: group 1 above"),
    (lambda *a: with_p(lambda t, df: 2 * (1 - stats.t.cdf(t, df)), *a), "without the absolute value"),
    (lambda *a: with_p(lambda t, df: 2 * stats.norm.sf(abs(t)), *a), "normal distribution"),
    (lambda *a: with_p(lambda t, df: 1 - 2 * stats.t.sf(abs(t), df), *a), "1 − p"),
    (lambda *a: with_p(lambda t, df: 4 * stats.t.sf(abs(t), df), *a), "doubled twice"),
    (welch_p_of_wrong_side, "other tail"),
    (welch_ignores_alternative, "returned the two-sided"),
    (welch_sign_flips_one_sided, "should give t"),
    (lambda *a: welch_scipy(*a)[:2], "shape"),
    (lambda *a: {"t": 0.0, "p": 1.0}, "keys"),
    (lambda *a: None, "return statement"),
    (lambda *a: with_p(lambda t, df: 2 * stats.t.sf(abs(t), df) * 1.01, *a), "should give p_value"),
    (lambda *a: with_df(lambda s1, n1, s2, n2: round(welch_df(s1, n1, s2, n2)), *a), "should give df"),
    (lambda *a: with_df(lambda s1, n1, s2, n2: math.ceil(welch_df(s1, n1, s2, n2)), *a), "should give df"),
    (lambda *a: with_df(lambda s1, n1, s2, n2: n1 + n2, *a), "should give df"),
    (lambda *a: with_df(lambda s1, n1, s2, n2: welch_df(s1, n2, s2, n1), *a), "should give df"),  # n swapped
    (lambda *a: with_t(lambda m1, s1, n1, m2, s2, n2: (m1 - m2) / math.sqrt(s1**2 / n2 + s2**2 / n1), *a),
     "should give t"),                                                                   # n swapped
    (lambda *a: with_p(lambda t, df: 2 * (stats.norm.sf(abs(t)) if df > 30 else stats.t.sf(abs(t), df)), *a),
     "should give p_value"),                                                # "normal for large df"
])
def test_wrong_welch_tests_are_named(function, phrase):
    result = check.welch_test(function)
    assert not result
    assert phrase in result.message, result.message


# --- proportion_z_test: right ones -----------------------------------------------------------

def z_loops(x1, n1, x2, n2):
    rates = [x / n for x, n in ((x1, n1), (x2, n2))]
    pooled = sum([x1, x2]) / sum([n1, n2])
    se = math.sqrt(pooled * (1 - pooled) * sum(1 / n for n in (n1, n2)))
    z = (rates[0] - rates[1]) / se
    return z, 2 * (1 - stats.norm.cdf(abs(z)))          # the course's p-value


def z_dict(x1, n1, x2, n2):
    p = (x1 + x2) / (n1 + n2)
    z = (x1 / n1 - x2 / n2) / np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    return {"z_statistic": z, "p_value": 2 * stats.norm.sf(abs(z))}


def z_float32(x1, n1, x2, n2):
    x1, n1, x2, n2 = (np.float32(v) for v in (x1, n1, x2, n2))
    p = (x1 + x2) / (n1 + n2)
    z = (x1 / n1 - x2 / n2) / np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    return np.array([z, 2 * stats.norm.sf(abs(float(z)))], dtype=np.float32)


def z_alternative(x1, n1, x2, n2, alternative="two-sided"):
    z, _ = z_dict(x1, n1, x2, n2).values()
    return z, {"two-sided": 2 * stats.norm.sf(abs(z)), "less": stats.norm.cdf(z),
               "greater": stats.norm.sf(z)}[alternative]


def z_mmlbook(x1, n1, x2, n2):
    from mmlbook.stats import two_proportion_z_test
    return two_proportion_z_test(x1, n1, x2, n2)


def z_chi2(x1, n1, x2, n2):
    # z² is the chi-squared statistic of the 2×2 table without continuity correction: the same p-value
    p = stats.chi2_contingency([[x1, n1 - x1], [x2, n2 - x2]], correction=False).pvalue
    return z_dict(x1, n1, x2, n2)["z_statistic"], p


@pytest.mark.parametrize("function", [z_loops, z_dict, z_float32, z_alternative, z_mmlbook, z_chi2])
def test_right_proportion_tests_pass(function):
    result = check.proportion_z_test(function)
    assert result, result.message


# --- proportion_z_test: wrong ones ------------------------------------------------------------

def z_with(z_of, x1, n1, x2, n2):
    z = z_of(x1, n1, x2, n2)
    return z, 2 * stats.norm.sf(abs(z))


def z_p_with(p_of, x1, n1, x2, n2):
    z = z_dict(x1, n1, x2, n2)["z_statistic"]
    return z, p_of(z)


def _pool(x1, n1, x2, n2):
    return (x1 + x2) / (n1 + n2)


@pytest.mark.parametrize("function, phrase", [
    (lambda *a: z_with(lambda x1, n1, x2, n2: (x1 / n1 - x2 / n2) / math.sqrt(
        x1 / n1 * (1 - x1 / n1) / n1 + x2 / n2 * (1 - x2 / n2) / n2), *a), "unpooled"),
    (lambda *a: z_with(lambda x1, n1, x2, n2: (x1 / n1 - x2 / n2) / math.sqrt(
        (x1 / n1 + x2 / n2) / 2 * (1 - (x1 / n1 + x2 / n2) / 2) * (1 / n1 + 1 / n2)), *a), "average of the two rates"),
    (lambda *a: z_with(lambda *b: -z_dict(*b)["z_statistic"], *a), "opposite sign"),
    (lambda *a: z_with(lambda x1, n1, x2, n2: (x1 / n1 - x2 / n2) / (
        _pool(x1, n1, x2, n2) * (1 - _pool(x1, n1, x2, n2)) * (1 / n1 + 1 / n2)), *a), "square root is missing"),
    (lambda *a: z_with(lambda x1, n1, x2, n2: (x1 / n1 - x2 / n2) / math.sqrt(
        _pool(x1, n1, x2, n2) * (1 - _pool(x1, n1, x2, n2))), *a), "single conversion"),
    (lambda *a: z_with(lambda x1, n1, x2, n2: (x1 / n1 - x2 / n2) / math.sqrt(
        _pool(x1, n1, x2, n2) * (1 - _pool(x1, n1, x2, n2)) / (n1 + n2)), *a), "1/(n1 + n2)"),
    (lambda *a: z_with(lambda x1, n1, x2, n2: (x1 - x2) / math.sqrt(
        _pool(x1, n1, x2, n2) * (1 - _pool(x1, n1, x2, n2)) * (1 / n1 + 1 / n2)), *a), "counts"),
    (lambda *a: z_p_with(lambda z: stats.norm.sf(abs(z)), *a), "double it"),
    (lambda *a: z_p_with(lambda z: stats.norm.cdf(z), *a), "group 1 below"),
    (lambda *a: z_p_with(lambda z: 1 - stats.norm.cdf(z), *a), "group 1 above"),
    (lambda *a: z_p_with(lambda z: 2 * (1 - stats.norm.cdf(z)), *a), "without the absolute value"),
    (lambda *a: z_p_with(lambda z: 1 - 2 * stats.norm.sf(abs(z)), *a), "1 − p"),
    (lambda *a: z_p_with(lambda z: 2 * stats.t.sf(abs(z), 5), *a), "should give p_value"),
    (lambda x1, n1, x2, n2, alternative="two-sided": z_dict(x1, n1, x2, n2), "returned the two-sided"),
    (lambda *a: z_dict(*a)["z_statistic"], "shape"),
    (lambda *a: z_with(lambda x1, n1, x2, n2: (x1 / n2 - x2 / n2) / math.sqrt(
        _pool(x1, n1, x2, n2) * (1 - _pool(x1, n1, x2, n2)) * (1 / n1 + 1 / n2)), *a), "should give z"),
    (lambda *a: z_with(lambda x1, n1, x2, n2: (x1 / n1 - x2 / n2) / math.sqrt(
        _pool(x1, n1, x2, n2) * (1 - _pool(x1, n1, x2, n2)) * (1 / (n1 - 1) + 1 / (n2 - 1))), *a), "should give z"),
    (lambda *a: z_with(lambda x1, n1, x2, n2: np.sign(x1 / n1 - x2 / n2) * (abs(x1 / n1 - x2 / n2)
        - (1 / n1 + 1 / n2) / 2) / math.sqrt(_pool(x1, n1, x2, n2) * (1 - _pool(x1, n1, x2, n2)) * (1 / n1 + 1 / n2)),
        *a), "should give z"),                                             # Yates' continuity correction
])
def test_wrong_proportion_tests_are_named(function, phrase):
    result = check.proportion_z_test(function)
    assert not result
    assert phrase in result.message, result.message


def test_the_normal_p_value_mistake_is_not_offered_for_a_z_test():
    messages = [m for _, m in inference._p_mistakes(lambda df, s: 0.5, "z", normal_for_t=False)]
    assert not any("normal distribution" in m for m in messages)
    assert all("|z|" in m or "z is" in m or "cdf(z)" in m for m in messages)


# --- sample_size_for_margin ------------------------------------------------------------------

def size_ceil(sigma, margin, level):
    return math.ceil((stats.norm.ppf((1 + level) / 2) * sigma / margin) ** 2)


def size_loop(sigma, margin, level):
    z = stats.norm.ppf(1 - (1 - level) / 2)
    n = 1
    while z * sigma / math.sqrt(n) > margin:
        n += 1
    return n


def size_numpy(sigma, margin, level):
    z = np.float32(stats.norm.ppf((1 + level) / 2))
    return np.ceil((z * np.float32(sigma) / np.float32(margin)) ** 2)     # a float array scalar, whole


def size_table(sigma, margin, level):
    """z from a printed table (1.2816 where the usual 1.28 would be 0.2% off in z²)."""
    z = {0.80: 1.2816, 0.90: 1.645, 0.95: 1.96, 0.99: 2.576}[level]
    return int(math.ceil((z * sigma / margin) ** 2))


@pytest.mark.parametrize("function", [size_ceil, size_loop, size_numpy, size_table])
def test_right_sample_sizes_pass(function):
    result = check.sample_size_for_margin(function)
    assert result, result.message


def test_probes_stay_clear_of_whole_numbers_so_table_z_values_agree():
    """Table values (1.645, 1.96, 2.576) move (zσ/E)² by at most 1.8e-4 of itself; no probe is that close."""
    for sigma, margin, level in inference._size_probes():
        exact = inference._exact_size(sigma, margin, level)
        assert 0.05 < exact - math.floor(exact) < 0.95
        assert exact - math.floor(exact) > 2e-4 * exact and math.ceil(exact) - exact > 2e-4 * exact
    fractions = [inference._exact_size(*p) % 1 for p in inference._size_probes()]
    assert min(fractions) < 0.5 < max(fractions)       # so floor, round and ceil all differ somewhere


@pytest.mark.parametrize("function, phrase", [
    (lambda s, e, lv: math.floor((stats.norm.ppf((1 + lv) / 2) * s / e) ** 2), "rounded down"),
    (lambda s, e, lv: int((stats.norm.ppf((1 + lv) / 2) * s / e) ** 2), "rounded down"),
    (lambda s, e, lv: round((stats.norm.ppf((1 + lv) / 2) * s / e) ** 2), "nearest"),
    (lambda s, e, lv: (stats.norm.ppf((1 + lv) / 2) * s / e) ** 2, "not a whole number"),
    (lambda s, e, lv: math.ceil(stats.norm.ppf((1 + lv) / 2) * s / e), "forgot to square"),
    (lambda s, e, lv: math.ceil((stats.norm.ppf(lv) * s / e) ** 2), "α/2 in each tail"),
    (lambda s, e, lv: math.ceil((1.96 * s / e) ** 2), "1.96 whatever"),
    (lambda s, e, lv: math.ceil((stats.norm.ppf((1 + lv) / 2) * e / s) ** 2), "inverted"),
    (lambda s, e, lv: math.ceil((2 * stats.norm.ppf((1 + lv) / 2) * s / e) ** 2), "full width"),
    (lambda s, e, lv: math.ceil((stats.norm.ppf((1 + lv) / 2) * s**2 / e) ** 2), "variance"),
    (lambda s, e, lv: size_ceil(s, e, lv) + 1, "should give"),
    (lambda s, e, lv: True, "bool"),
    (lambda s, e, lv: [1, 2], "one number"),
    (lambda s, e, lv: None, "return statement"),
])
def test_wrong_sample_sizes_are_named(function, phrase):
    result = check.sample_size_for_margin(function)
    assert not result
    assert phrase in result.message, result.message


# --- every checker: never accepts wrong; scale-free -------------------------------------------

def test_each_checker_names_at_least_eight_mistakes():
    assert len(inference.CI_MISTAKES) >= 8
    assert len(inference.WELCH_T_MISTAKES) + len(inference.WELCH_DF_MISTAKES) >= 8
    assert len(inference.Z_MISTAKES) + len(inference._p_mistakes(lambda df, s: 0.5, "z", False)) >= 8
    assert len(inference.SIZE_MISTAKES) >= 8


def test_the_probes_are_scale_free():
    """Rescaling durations by 1e±6 leaves t, df and p unchanged, and sigma with E leaves n unchanged."""
    probes = inference._welch_probes()
    for c in (1e6, 1e-6):
        m1, s1, n1, m2, s2, n2 = probes[0]
        assert (c * m1, c * s1, n1, c * m2, c * s2, n2) in probes
        assert np.allclose(welch_scipy(c * m1, c * s1, n1, c * m2, c * s2, n2), welch_scipy(*probes[0]), rtol=1e-12)
    assert size_ceil(15e6, 2e6, 0.95) == size_ceil(15e-6, 2e-6, 0.95) == size_ceil(15, 2, 0.95)


def test_the_right_answers_agree_with_scipy():
    for probe in inference._welch_probes():
        t, df = inference._welch_parts(*probe)
        ref = stats.ttest_ind_from_stats(*probe, equal_var=False)
        assert math.isclose(t, ref.statistic, rel_tol=1e-10, abs_tol=1e-12)
    for probe in inference._ci_probes():
        assert np.allclose(inference._right_ci(*probe), ci_scipy(*probe), rtol=1e-12)


def test_every_mistake_differs_from_the_right_answer_somewhere():
    """So that a named mistake is never an accepted answer."""
    for wrong, _ in inference.CI_MISTAKES:
        assert not all(np.allclose(wrong(*p), inference._right_ci(*p), rtol=1e-4) for p in inference._ci_probes())
    for wrong, _ in inference.WELCH_T_MISTAKES:
        assert not all(math.isclose(wrong(*p), inference._welch_parts(*p)[0], rel_tol=1e-4, abs_tol=1e-6)
                       for p in inference._welch_probes())
    for wrong, _ in inference.WELCH_DF_MISTAKES:
        assert not all(math.isclose(wrong(*p), inference._welch_parts(*p)[1], rel_tol=1e-4)
                       for p in inference._welch_probes())
    for wrong, _ in inference.Z_MISTAKES:
        assert not all(math.isclose(wrong(*p), inference._prop_z(*p), rel_tol=1e-4, abs_tol=1e-6)
                       for p in inference._prop_probes())
    for wrong, _ in inference.SIZE_MISTAKES:
        assert not all(wrong(*p) == inference._right_size(*p) for p in inference._size_probes())


def test_the_checkers_pass_the_chapters_own_course_numbers():
    t, df, p = welch_scipy(32.92, 17.54, 2069, 33.83, 18.24, 2117)
    assert (round(t, 3), round(df, 1), round(p, 5)) == (-1.645, 4182.9, 0.09995)
    z, p = z_dict(576, 4632, 718, 4728).values()
    assert round(z, 3) == -3.855 and f"{p:.2e}" == "1.16e-04"


@settings(max_examples=60, deadline=None)
@given(st.floats(-100, 100), st.floats(0.1, 50), st.integers(2, 500), st.floats(-100, 100),
       st.floats(0.1, 50), st.integers(2, 500), st.sampled_from([1e-8, 1e-6, 1e6, 1e8]))
def test_the_reference_welch_answer_is_scale_free(m1, s1, n1, m2, s2, n2, c):
    """c times the durations leaves t, df and the p-value unchanged, so the decision does not move."""
    t, df = inference._welch_parts(m1, s1, n1, m2, s2, n2)
    tc, dfc = inference._welch_parts(c * m1, c * s1, n1, c * m2, c * s2, n2)
    assert math.isclose(t, tc, rel_tol=1e-9, abs_tol=1e-12) and math.isclose(df, dfc, rel_tol=1e-9)
    p, pc = 2 * stats.t.sf(abs(t), df), 2 * stats.t.sf(abs(tc), dfc)
    assert math.isclose(p, pc, rel_tol=1e-6, abs_tol=1e-300) and (p < 0.05) == (pc < 0.05) or abs(p - 0.05) < 1e-9
