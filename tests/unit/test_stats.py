"""Tests for mmlbook.stats: distributions, estimation, intervals, tests and Gaussian Naive Bayes.

References are independent of the module: SciPy's distributions (binom, norm, t,
kstest), its tests (ttest_ind_from_stats, ttest_ind, chi2_contingency), its fits
(norm.fit), root finding (brentq) for the Wilson interval's defining equation,
mpmath at high precision for the far normal tail, and scikit-learn's GaussianNB.
"""

from __future__ import annotations

import doctest
import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, special
from scipy import stats as sps
from sklearn.naive_bayes import GaussianNB

from mmlbook import stats as module
from mmlbook.stats import (GaussianNaiveBayes, beta_binomial_update, binomial_pmf, mean_confidence_interval,
                           mle_bernoulli, mle_normal, normal_cdf, normal_pdf, proportion_confidence_interval,
                           sample_inverse_cdf, two_proportion_z_test, welch_t_test)

# Boost's binomial inside SciPy 1.17 raises OverflowError for p near the smallest float (2e-308),
# so the comparison stays above 1e-12 and adds the ends 0 and 1.
PROB = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(1e-12, 1 - 1e-12))
LEVEL = st.floats(0.5, 0.999)
MEAN = st.floats(-1e3, 1e3, allow_subnormal=False)
SD = st.floats(1e-2, 1e2)


def test_docstring_examples():
    failures, _ = doctest.testmod(module)
    assert failures == 0


# --- inverse-CDF sampling -----------------------------------------------------------------------

def test_sample_inverse_cdf_is_ppf_of_the_generators_uniforms():
    x = sample_inverse_cdf(sps.norm.ppf, 7, np.random.default_rng(3))
    assert np.array_equal(x, sps.norm.ppf(np.random.default_rng(3).random(7)))
    assert sample_inverse_cdf(sps.norm.ppf, (2, 3), np.random.default_rng(0)).shape == (2, 3)


@pytest.mark.parametrize("distribution", [sps.norm(2, 3), sps.expon(scale=0.5), sps.beta(2, 5)])
def test_sample_inverse_cdf_has_the_distribution(distribution):
    x = sample_inverse_cdf(distribution.ppf, 20_000, np.random.default_rng(0))
    assert sps.kstest(x, distribution.cdf).pvalue > 0.01  # seeded, so the same p-value every run


# --- binomial PMF ---------------------------------------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(st.integers(0, 400), PROB)
def test_binomial_pmf_matches_scipy_and_sums_to_one(n, p):
    k = np.arange(-2, n + 3)
    ours, theirs = binomial_pmf(k, n, p), sps.binom.pmf(k, n, p)
    assert np.allclose(ours, theirs, rtol=1e-11, atol=1e-300)
    assert math.isclose(ours.sum(), 1.0, rel_tol=1e-11)
    assert ours[0] == ours[1] == ours[-1] == ours[-2] == 0.0  # outside 0..n


def test_binomial_pmf_at_n_ten_thousand_without_overflow():
    n = 10_000
    with pytest.raises(OverflowError):
        float(math.comb(n, n // 2))  # the textbook formula's coefficient is not a float
    k = np.arange(n + 1)
    for p in (0.5, 0.3, 1e-3):
        ours, theirs = binomial_pmf(k, n, p), sps.binom.pmf(k, n, p)
        assert np.all(np.isfinite(ours))
        shown = theirs > 1e-300
        assert np.allclose(ours[shown], theirs[shown], rtol=1e-10, atol=0)
        assert math.isclose(ours.sum(), 1.0, rel_tol=1e-10)
    assert binomial_pmf(5000, n, 0.5) == pytest.approx(0.007978646, rel=1e-7)


def test_binomial_pmf_edge_probabilities_and_scalars():
    assert np.array_equal(binomial_pmf([0, 1, 5], 5, 0.0), [1.0, 0.0, 0.0])
    assert np.array_equal(binomial_pmf([0, 4, 5], 5, 1.0), [0.0, 0.0, 1.0])
    assert binomial_pmf(0, 0, 0.3) == 1.0
    assert isinstance(binomial_pmf(2, 4, 0.5), float) and binomial_pmf(2, 4, 0.5) == pytest.approx(0.375)
    assert binomial_pmf(2.0, 4, 0.5) == pytest.approx(0.375)  # a whole number stored as a float is fine


# --- normal PDF and CDF ---------------------------------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(st.floats(-50, 50), st.floats(-10, 10), st.floats(1e-3, 1e3))
def test_normal_pdf_and_cdf_match_scipy(x, mu, sigma):
    assert normal_pdf(x, mu, sigma) == pytest.approx(sps.norm.pdf(x, mu, sigma), rel=1e-12, abs=1e-300)
    assert normal_cdf(x, mu, sigma) == pytest.approx(sps.norm.cdf(x, mu, sigma), rel=1e-12, abs=1e-300)


def test_normal_cdf_lower_tail_is_accurate_where_the_erf_form_gives_zero():
    naive = lambda z: 0.5 * (1 + math.erf(z / math.sqrt(2)))  # noqa: E731
    for z in (-9.0, -20.0, -30.0, -37.0, -37.5):
        assert naive(z) == 0.0
        exact = float(mpmath.ncdf(z))
        assert normal_cdf(z) == pytest.approx(exact, rel=2e-13)
    # Below about -37.7 the true value is smaller than the smallest float: 0 is the best a double can say.
    assert normal_cdf(-40.0) == 0.0
    assert mpmath.ncdf(-40) < mpmath.mpf(5e-324) and mpmath.ncdf(-40) > mpmath.mpf("3e-351")
    assert normal_cdf(-37.6) > 0  # subnormal, still not 0
    assert normal_cdf(10.0) == 1.0 and normal_cdf(-10.0) == pytest.approx(float(mpmath.ncdf(-10)), rel=1e-14)


def test_normal_functions_are_vectorised():
    x = np.linspace(-3, 3, 7).reshape(7, 1)
    assert normal_pdf(x, 1, 2).shape == (7, 1) and normal_cdf(x).shape == (7, 1)
    assert np.allclose(normal_cdf(x) + normal_cdf(-x), 1.0, rtol=1e-15)


# --- estimation -----------------------------------------------------------------------------------

def test_mle_bernoulli_is_the_fraction_of_ones():
    assert mle_bernoulli([0, 0, 0]) == 0.0 and mle_bernoulli([True, False]) == 0.5
    x = np.random.default_rng(0).random(1000) < 0.3
    assert mle_bernoulli(x) == pytest.approx(x.mean(), rel=1e-15)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(-1e3, 1e3), min_size=2, max_size=40))
def test_mle_normal_matches_scipy_fit_and_uses_one_over_n(x):
    mu, sigma = mle_normal(x)
    assert mu == pytest.approx(np.mean(x), rel=1e-12, abs=1e-9)
    assert sigma == pytest.approx(np.std(x), rel=1e-9, abs=1e-9)  # ddof=0, not ddof=1
    loc, scale = sps.norm.fit(x)  # SciPy's maximum-likelihood fit
    assert mu == pytest.approx(loc, rel=1e-9, abs=1e-9) and sigma == pytest.approx(scale, rel=1e-9, abs=1e-9)


def test_mle_normal_of_one_value_and_bias_factor():
    assert mle_normal([4.0]) == (4.0, 0.0)
    x = [1.0, 2.0, 3.0, 6.0]
    assert mle_normal(x)[1] ** 2 == pytest.approx(np.var(x, ddof=1) * 3 / 4, rel=1e-14)


def test_beta_binomial_update_adds_counts_and_batches_equal_one_by_one():
    assert beta_binomial_update(2, 3, 0, 0) == (2.0, 3.0)
    flips = np.random.default_rng(1).random(50) < 0.7
    a, b = 1.0, 1.0
    for flip in flips:
        a, b = beta_binomial_update(a, b, int(flip), int(not flip))
    assert (a, b) == beta_binomial_update(1, 1, int(flips.sum()), int((~flips).sum()))


# --- mean confidence interval -----------------------------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(MEAN, SD, st.integers(2, 500), LEVEL)
def test_mean_interval_matches_scipy_t_and_z(mean, sd, n, level):
    low, high = mean_confidence_interval(mean, sd, n, level)
    ref = sps.t.interval(level, n - 1, loc=mean, scale=sd / math.sqrt(n))
    assert (low, high) == pytest.approx(ref, rel=1e-10, abs=1e-10)
    zlow, zhigh = mean_confidence_interval(mean, sd, n, level, known_sigma=True)
    zref = sps.norm.interval(level, loc=mean, scale=sd / math.sqrt(n))
    assert (zlow, zhigh) == pytest.approx(zref, rel=1e-10, abs=1e-10)
    assert low <= zlow <= mean <= zhigh <= high  # t is wider than z


def test_mean_interval_textbook_critical_values():
    low, high = mean_confidence_interval(0.0, 3.0, 9)  # sd / sqrt(n) = 1, so the half-width is the critical value
    assert high == pytest.approx(2.306004, abs=1e-6) and low == -high  # t_{0.975, 8}
    assert mean_confidence_interval(0.0, 1.0, 1, known_sigma=True)[1] == pytest.approx(1.959964, abs=1e-6)
    assert mean_confidence_interval(0.0, 1.0, 1, 0.99, known_sigma=True)[1] == pytest.approx(2.575829, abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(MEAN, SD, st.integers(2, 10_000), LEVEL, st.booleans())
def test_mean_interval_contains_the_mean_and_narrows_with_n(mean, sd, n, level, known):
    low, high = mean_confidence_interval(mean, sd, n, level, known)
    low2, high2 = mean_confidence_interval(mean, sd, n + 1, level, known)
    assert low < mean < high
    assert high2 - low2 < high - low


@pytest.mark.parametrize("known_sigma", [False, True])
def test_mean_interval_coverage_simulation(known_sigma):
    rng = np.random.default_rng(2026)
    mu, sigma, n, trials = 5.0, 2.0, 10, 2000
    samples = rng.normal(mu, sigma, size=(trials, n))
    covered = 0
    for sample in samples:
        sd = sigma if known_sigma else sample.std(ddof=1)
        low, high = mean_confidence_interval(sample.mean(), sd, n, 0.95, known_sigma)
        covered += low <= mu <= high
    # 4 binomial standard errors of a coverage estimated from 2,000 intervals: about 0.0195.
    assert abs(covered / trials - 0.95) < 4 * math.sqrt(0.95 * 0.05 / trials)


def test_mean_interval_with_z_for_an_estimated_sd_undercovers_at_small_n():
    # Why the t interval: with s in place of sigma, z intervals from n = 4 cover well below 95%.
    rng = np.random.default_rng(7)
    samples = rng.normal(0.0, 1.0, size=(4000, 4))
    covered_t = covered_z = 0
    for sample in samples:
        m, s = sample.mean(), sample.std(ddof=1)
        low, high = mean_confidence_interval(m, s, 4)
        covered_t += low <= 0 <= high
        low, high = mean_confidence_interval(m, s, 4, known_sigma=True)
        covered_z += low <= 0 <= high
    se = 4 * math.sqrt(0.95 * 0.05 / 4000)
    assert abs(covered_t / 4000 - 0.95) < se and covered_z / 4000 < 0.95 - se  # about 0.88


# --- Wilson interval for a proportion -----------------------------------------------------------------

def wilson_by_root_finding(successes, n, level):
    """The Wilson endpoints as the roots of (p_hat - p)^2 = z^2 p (1 - p) / n, found numerically."""
    z = sps.norm.ppf((1 + level) / 2)
    p_hat = successes / n
    f = lambda p: (p_hat - p) ** 2 - z * z * p * (1 - p) / n  # noqa: E731
    # f < 0 at p_hat (moved off 0 or 1, which are roots themselves when p_hat is 0 or 1) and f >= 0 at 0 and 1.
    inside = min(max(p_hat, 1e-300), 1 - 1e-16)
    low = 0.0 if successes == 0 else optimize.brentq(f, 0.0, inside, xtol=1e-300, rtol=1e-15)
    high = 1.0 if successes == n else optimize.brentq(f, inside, 1.0, xtol=1e-300, rtol=1e-15)
    return low, high


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))), LEVEL)
def test_wilson_interval_matches_its_defining_equation(counts, level):
    successes, n = counts
    low, high = proportion_confidence_interval(successes, n, level)
    ref = wilson_by_root_finding(successes, n, level)
    assert low == pytest.approx(ref[0], rel=1e-9, abs=1e-12) and high == pytest.approx(ref[1], rel=1e-9, abs=1e-12)
    assert 0.0 <= low <= successes / n <= high <= 1.0


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))), LEVEL,
       st.integers(2, 20))
def test_wilson_interval_narrows_with_n(counts, level, m):
    successes, n = counts
    low, high = proportion_confidence_interval(successes, n, level)
    low2, high2 = proportion_confidence_interval(m * successes, m * n, level)  # same p_hat, m times the data
    assert high2 - low2 < high - low


def test_wilson_at_the_edges_and_wald_for_comparison():
    z = sps.norm.ppf(0.975)
    assert proportion_confidence_interval(0, 20) == (0.0, pytest.approx(z * z / (20 + z * z), rel=1e-14))
    assert proportion_confidence_interval(20, 20) == (pytest.approx(20 / (20 + z * z), rel=1e-14), 1.0)
    # The Wald interval p_hat +- z sqrt(p_hat (1 - p_hat) / n) is (0, 0) here; Wilson is not.
    # For the large A/B samples the two agree to 4e-4 (Wilson's centre moves towards 1/2 by about z^2 / (2n)).
    s, n = 576, 4632
    p_hat = s / n
    wald = p_hat - z * math.sqrt(p_hat * (1 - p_hat) / n), p_hat + z * math.sqrt(p_hat * (1 - p_hat) / n)
    assert np.allclose(proportion_confidence_interval(s, n), wald, atol=4e-4, rtol=0)


def test_wilson_covers_where_wald_does_not_exact_coverage_at_small_n():
    # Exact coverage: the probability, over K ~ Binomial(n, p), that the interval from K contains p.
    n, p, z = 20, 0.05, sps.norm.ppf(0.975)
    k = np.arange(n + 1)
    weights = sps.binom.pmf(k, n, p)
    wilson = [proportion_confidence_interval(int(j), n) for j in k]
    wald = [(j / n - z * math.sqrt(j / n * (1 - j / n) / n), j / n + z * math.sqrt(j / n * (1 - j / n) / n))
            for j in k]
    cover = lambda intervals: sum(w for w, (lo, hi) in zip(weights, intervals) if lo <= p <= hi)  # noqa: E731
    assert cover(wilson) == pytest.approx(0.9245, abs=1e-4)  # P(K <= 2)
    assert cover(wald) == pytest.approx(0.6389, abs=1e-4)    # P(1 <= K <= 4): K = 0 gives (0, 0)


# --- Welch's t-test -----------------------------------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(MEAN, SD, st.integers(2, 5000), MEAN, SD, st.integers(2, 5000))
def test_welch_matches_scipy_from_stats(m1, s1, n1, m2, s2, n2):
    t, df, p = welch_t_test(m1, s1, n1, m2, s2, n2)
    ref = sps.ttest_ind_from_stats(m1, s1, n1, m2, s2, n2, equal_var=False)
    assert t == pytest.approx(ref.statistic, rel=1e-12, abs=1e-12)
    assert p == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-300)
    assert min(n1, n2) - 1 <= df * (1 + 1e-12) and df <= (n1 + n2 - 2) * (1 + 1e-12)


def test_welch_degrees_of_freedom_match_scipy_on_raw_data():
    rng = np.random.default_rng(4)
    a, b = rng.normal(0, 1, 12), rng.normal(0.5, 3, 30)
    t, df, p = welch_t_test(a.mean(), a.std(ddof=1), a.size, b.mean(), b.std(ddof=1), b.size)
    ref = sps.ttest_ind(a, b, equal_var=False)
    assert (t, df, p) == pytest.approx((ref.statistic, ref.df, ref.pvalue), rel=1e-12)


def test_welch_with_extreme_sds_neither_underflows_nor_overflows():
    for c in (1e-170, 1e170):
        t, df, p = welch_t_test(0.0, 1.0, 10, 1.0, 2.0, 12)
        assert welch_t_test(0.0, c, 10, c, 2 * c, 12) == pytest.approx((t, df, p), rel=1e-12)


def test_welch_on_the_chapter_21_sessions():
    t, df, p = welch_t_test(32.92, 17.54, 2069, 33.83, 18.24, 2117)
    ref = sps.ttest_ind_from_stats(32.92, 17.54, 2069, 33.83, 18.24, 2117, equal_var=False)
    assert t == pytest.approx(ref.statistic, rel=1e-13) and p == pytest.approx(ref.pvalue, rel=1e-10)
    assert p > 0.05  # not significant at alpha = 0.05


@settings(max_examples=100, deadline=None)
@given(MEAN, SD, st.integers(2, 500), MEAN, SD, st.integers(2, 500), st.floats(1e-3, 1e3))
def test_welch_is_unchanged_by_a_change_of_units(m1, s1, n1, m2, s2, n2, c):
    t, df, p = welch_t_test(m1, s1, n1, m2, s2, n2)
    tc, dfc, pc = welch_t_test(c * m1, c * s1, n1, c * m2, c * s2, n2)
    assert tc == pytest.approx(t, rel=1e-9, abs=1e-9)
    assert dfc == pytest.approx(df, rel=1e-12)
    assert pc == pytest.approx(p, rel=1e-7, abs=1e-300)


# --- two-proportion z-test ---------------------------------------------------------------------

def groups():
    return st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))


@settings(max_examples=200, deadline=None)
@given(groups(), groups())
def test_z_test_squared_is_the_chi_squared_of_the_two_by_two_table(g1, g2):
    (x1, n1), (x2, n2) = g1, g2
    if x1 + x2 in (0, n1 + n2):
        with pytest.raises(ValueError, match="pooled standard error is 0"):
            two_proportion_z_test(x1, n1, x2, n2)
        return
    z, p = two_proportion_z_test(x1, n1, x2, n2)
    table = [[x1, n1 - x1], [x2, n2 - x2]]
    chi2, p_chi2, dof, _ = sps.chi2_contingency(table, correction=False)
    assert dof == 1
    assert z * z == pytest.approx(chi2, rel=1e-9, abs=1e-12)
    assert p == pytest.approx(p_chi2, rel=1e-8, abs=1e-300)
    assert np.sign(z) == np.sign(x1 / n1 - x2 / n2)


@settings(max_examples=200, deadline=None)
@given(groups(), groups())
def test_z_test_swapping_groups_negates_z_and_keeps_p(g1, g2):
    (x1, n1), (x2, n2) = g1, g2
    if x1 + x2 in (0, n1 + n2):
        return
    z, p = two_proportion_z_test(x1, n1, x2, n2)
    assert two_proportion_z_test(x2, n2, x1, n1) == (-z, p)


def test_z_test_on_the_chapter_21_conversions():
    z, p = two_proportion_z_test(576, 4632, 718, 4728)
    p1, p2, pooled = 576 / 4632, 718 / 4728, (576 + 718) / (4632 + 4728)
    z_ref = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / 4632 + 1 / 4728))
    assert z == pytest.approx(z_ref, rel=1e-14)
    assert p == pytest.approx(2 * sps.norm.sf(abs(z_ref)), rel=1e-12)
    assert p < 0.05


# --- Gaussian Naive Bayes ---------------------------------------------------------------------------

def blobs(seed, n=60, d=3, classes=3):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, n)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, d) + 2.0 * y[:, None]
    return X, y


def assert_matches_sklearn(model, reference, X):
    assert np.array_equal(model.classes_, reference.classes_)
    for name in ("class_prior_", "theta_", "var_"):
        assert np.allclose(getattr(model, name), getattr(reference, name), rtol=1e-12, atol=0)
    assert model.epsilon_ == pytest.approx(reference.epsilon_, rel=1e-12)
    assert np.allclose(model.predict_log_proba(X), reference.predict_log_proba(X), rtol=1e-9, atol=1e-9)
    assert np.array_equal(model.predict(X), reference.predict(X))


@pytest.mark.parametrize("seed", range(5))
def test_naive_bayes_matches_scikit_learn(seed):
    X, y = blobs(seed)
    model, reference = GaussianNaiveBayes().fit(X, y), GaussianNB().fit(X, y)
    test_points = np.random.default_rng(seed + 100).normal(0, 4, size=(40, X.shape[1]))
    assert_matches_sklearn(model, reference, test_points)
    assert np.allclose(np.exp(model.predict_log_proba(test_points)).sum(axis=1), 1.0, rtol=1e-12)


def test_naive_bayes_far_out_points_do_not_underflow_where_a_naive_product_gives_nan():
    X, y = blobs(0)
    model, reference = GaussianNaiveBayes().fit(X, y), GaussianNB().fit(X, y)
    far = np.array([[60.0, -60.0, 60.0], [1e3, 1e3, 1e3], [-500.0, 0.0, 0.0]])
    # The product of densities is 0 for every class, and 0 / 0 is NaN.
    with np.errstate(invalid="ignore"):
        likelihood = np.stack([np.prod(sps.norm.pdf(far, model.theta_[c], np.sqrt(model.var_[c])), axis=1)
                               for c in range(3)], axis=1)
        naive = likelihood * model.class_prior_ / (likelihood * model.class_prior_).sum(axis=1, keepdims=True)
    assert np.all(likelihood == 0) and np.all(np.isnan(naive))
    ours = model.predict_log_proba(far)
    assert np.all(np.isfinite(ours)) and np.allclose(special.logsumexp(ours, axis=1), 0.0, atol=1e-12)
    assert np.allclose(ours, reference.predict_log_proba(far), rtol=1e-9, atol=1e-9)
    assert np.array_equal(model.predict(far), reference.predict(far))


def test_naive_bayes_class_with_one_example_is_smoothed():
    X = np.array([[0.0, 1.0], [0.5, 1.5], [1.0, 0.5], [10.0, 10.0]])
    y = np.array(["a", "a", "a", "b"])
    model, reference = GaussianNaiveBayes().fit(X, y), GaussianNB().fit(X, y)
    assert np.array_equal(model.var_[1], [model.epsilon_, model.epsilon_]) and model.epsilon_ > 0
    points = np.array([[10.0, 10.0], [0.5, 1.0], [9.9, 10.1]])
    assert_matches_sklearn(model, reference, points)
    assert list(model.predict(points)) == ["b", "a", "a"]  # 0.1 away from b is 1e7 of b's tiny sds


def test_naive_bayes_var_smoothing_and_a_single_class():
    X, y = blobs(2)
    for smoothing in (0.0, 1e-3, 0.5):
        model, reference = GaussianNaiveBayes(smoothing).fit(X, y), GaussianNB(var_smoothing=smoothing).fit(X, y)
        assert_matches_sklearn(model, reference, X)
    one = GaussianNaiveBayes().fit(X, np.zeros(len(X)))
    assert np.array_equal(one.predict_log_proba(X[:3]), np.zeros((3, 1)))
    assert repr(GaussianNaiveBayes()) == "GaussianNaiveBayes(var_smoothing=1e-09)"


# --- bad input ----------------------------------------------------------------------------------

RNG = np.random.default_rng(0)
FITTED = GaussianNaiveBayes().fit([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]], [0, 1, 1])

BAD = [
    # inverse-CDF sampling
    (lambda: sample_inverse_cdf("norm", 5, RNG), TypeError, "ppf must be a function"),
    (lambda: sample_inverse_cdf(sps.norm.ppf, 0, RNG), ValueError, "size must be >= 1"),
    (lambda: sample_inverse_cdf(sps.norm.ppf, 2.5, RNG), TypeError, "size must be an integer"),
    (lambda: sample_inverse_cdf(sps.norm.ppf, (3, 0), RNG), ValueError, r"size\[1\] must be >= 1"),
    (lambda: sample_inverse_cdf(sps.norm.ppf, (), RNG), ValueError, "size must not be an empty tuple"),
    (lambda: sample_inverse_cdf(sps.norm.ppf, 5, 0), TypeError, "rng must be a numpy.random.Generator"),
    (lambda: sample_inverse_cdf(sps.norm.ppf, 5, np.random.RandomState(0)), TypeError, "rng must be"),
    (lambda: sample_inverse_cdf(lambda u: math.log(u), 5, RNG), TypeError, "ppf must accept a NumPy array"),
    (lambda: sample_inverse_cdf(lambda u: u[0], 5, RNG), ValueError, "ppf must return one value per uniform"),
    # binomial PMF
    (lambda: binomial_pmf(2, -1, 0.5), ValueError, "n must be >= 0"),
    (lambda: binomial_pmf(2, 4.0, 0.5), TypeError, "n must be an integer"),
    (lambda: binomial_pmf(2, 4, 1.5), ValueError, "p must be <= 1"),
    (lambda: binomial_pmf(2, 4, -0.1), ValueError, "p must be >= 0"),
    (lambda: binomial_pmf(2, 4, float("nan")), ValueError, "p must be finite"),
    (lambda: binomial_pmf(2.5, 4, 0.5), ValueError, "k must hold whole numbers"),
    (lambda: binomial_pmf([1, np.nan], 4, 0.5), ValueError, "k must contain only finite"),
    (lambda: binomial_pmf([], 4, 0.5), ValueError, "k must not be empty"),
    (lambda: binomial_pmf("2", 4, 0.5), TypeError, "k must be an array of numbers"),
    # normal
    (lambda: normal_pdf(0.0, 0.0, 0.0), ValueError, "sigma must be > 0"),
    (lambda: normal_cdf(0.0, 0.0, -1.0), ValueError, "sigma must be > 0"),
    (lambda: normal_pdf([0.0, np.inf]), ValueError, "x must contain only finite"),
    (lambda: normal_cdf(0.0, np.nan), ValueError, "mu must be finite"),
    (lambda: normal_cdf([]), ValueError, "x must not be empty"),
    (lambda: normal_pdf(0.0, "0"), TypeError, "mu must be a number"),
    # estimation
    (lambda: mle_bernoulli([0, 1, 2]), ValueError, "x must hold only 0s and 1s"),
    (lambda: mle_bernoulli([0, 0.5]), ValueError, "x must hold only 0s and 1s"),
    (lambda: mle_bernoulli([]), ValueError, "x must not be empty"),
    (lambda: mle_bernoulli([1, np.nan]), ValueError, "x must contain only finite"),
    (lambda: mle_normal([]), ValueError, "x must not be empty"),
    (lambda: mle_normal([[1.0, 2.0]]), ValueError, "x must have 1 dimension"),
    (lambda: mle_normal([1.0, np.inf]), ValueError, "x must contain only finite"),
    (lambda: beta_binomial_update(0, 1, 1, 1), ValueError, "alpha must be > 0"),
    (lambda: beta_binomial_update(1, -2, 1, 1), ValueError, "beta must be > 0"),
    (lambda: beta_binomial_update(1, 1, -1, 1), ValueError, "heads must be >= 0"),
    (lambda: beta_binomial_update(1, 1, 1, 2.5), TypeError, "tails must be an integer"),
    (lambda: beta_binomial_update(np.inf, 1, 1, 1), ValueError, "alpha must be finite"),
    # mean interval
    (lambda: mean_confidence_interval(0.0, 0.0, 10), ValueError, "sd must be > 0"),
    (lambda: mean_confidence_interval(0.0, 1.0, 1), ValueError, "n must be >= 2"),
    (lambda: mean_confidence_interval(0.0, 1.0, 0, known_sigma=True), ValueError, "n must be >= 1"),
    (lambda: mean_confidence_interval(0.0, 1.0, 10.0), TypeError, "n must be an integer"),
    (lambda: mean_confidence_interval(0.0, 1.0, 10, 1.0), ValueError, "level must be strictly between 0 and 1"),
    (lambda: mean_confidence_interval(0.0, 1.0, 10, 0.0), ValueError, "level must be strictly between 0 and 1"),
    (lambda: mean_confidence_interval(0.0, 1.0, 10, 95), ValueError, "level must be strictly between"),
    (lambda: mean_confidence_interval(np.nan, 1.0, 10), ValueError, "mean must be finite"),
    (lambda: mean_confidence_interval(0.0, 1.0, 10, known_sigma="yes"), TypeError, "known_sigma must be True"),
    # proportion interval
    (lambda: proportion_confidence_interval(5, 0), ValueError, "n must be >= 1"),
    (lambda: proportion_confidence_interval(11, 10), ValueError, "successes must be at most n = 10"),
    (lambda: proportion_confidence_interval(-1, 10), ValueError, "successes must be >= 0"),
    (lambda: proportion_confidence_interval(2.0, 10), TypeError, "successes must be an integer"),
    (lambda: proportion_confidence_interval(2, 10, -0.5), ValueError, "level must be strictly between"),
    # Welch
    (lambda: welch_t_test(0.0, 0.0, 10, 1.0, 1.0, 10), ValueError, "sd1 must be > 0"),
    (lambda: welch_t_test(0.0, 1.0, 10, 1.0, -1.0, 10), ValueError, "sd2 must be > 0"),
    (lambda: welch_t_test(0.0, 1.0, 1, 1.0, 1.0, 10), ValueError, "n1 must be >= 2"),
    (lambda: welch_t_test(0.0, 1.0, 10, 1.0, 1.0, 9.5), TypeError, "n2 must be an integer"),
    (lambda: welch_t_test(np.inf, 1.0, 10, 1.0, 1.0, 10), ValueError, "mean1 must be finite"),
    # z-test
    (lambda: two_proportion_z_test(5, 0, 3, 10), ValueError, "n1 must be >= 1"),
    (lambda: two_proportion_z_test(5, 10, 11, 10), ValueError, "successes2 must be at most n2 = 10"),
    (lambda: two_proportion_z_test(-5, 10, 3, 10), ValueError, "successes1 must be >= 0"),
    (lambda: two_proportion_z_test(5, 10, 3.0, 10), TypeError, "successes2 must be an integer"),
    (lambda: two_proportion_z_test(0, 10, 0, 20), ValueError, "no successes"),
    (lambda: two_proportion_z_test(10, 10, 20, 20), ValueError, "no failures"),
    # Naive Bayes
    (lambda: GaussianNaiveBayes(-1.0), ValueError, "var_smoothing must be >= 0"),
    (lambda: GaussianNaiveBayes().predict([[0.0, 1.0]]), ValueError, "not fitted yet"),
    (lambda: GaussianNaiveBayes().predict_log_proba([[0.0, 1.0]]), ValueError, "not fitted yet"),
    (lambda: GaussianNaiveBayes().fit([], []), ValueError, "X must have 2 dimension"),
    (lambda: GaussianNaiveBayes().fit(np.zeros((0, 2)), []), ValueError, "X must not be empty"),
    (lambda: GaussianNaiveBayes().fit([[0.0], [1.0]], [0]), ValueError, "y must have one label per row"),
    (lambda: GaussianNaiveBayes().fit([[0.0], [1.0]], [[0], [1]]), ValueError, "y must be 1-D"),
    (lambda: GaussianNaiveBayes().fit([[0.0], [1.0]], [0.0, np.nan]), ValueError, "y must not hold NaN"),
    (lambda: GaussianNaiveBayes().fit([[0.0], [np.nan]], [0, 1]), ValueError, "X must contain only finite"),
    (lambda: GaussianNaiveBayes().fit([[1.0, 2.0], [1.0, 2.0]], [0, 1]), ValueError, "at least one feature"),
    (lambda: GaussianNaiveBayes().fit([[0.0], [1.0]], np.array([1, "a"], dtype=object)),
     TypeError, "y must hold labels of one kind"),
    (lambda: GaussianNaiveBayes(0.0).fit([[0.0], [1.0], [3.0]], [0, 0, 1]), ValueError,
     "feature 0 has variance 0 within class 1"),
    (lambda: FITTED.predict([[0.0, 1.0, 2.0]]), ValueError, r"X must have 2 columns"),
    (lambda: FITTED.predict([0.0, 1.0]), ValueError, "X must have 2 dimension"),
    (lambda: FITTED.predict_log_proba([[0.0, np.inf]]), ValueError, "X must contain only finite"),
]


@pytest.mark.parametrize("call, error, message", BAD, ids=[f"bad{i}" for i in range(len(BAD))])
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
