"""Tests for mmlbook.fitting: the normal density and the least-squares error of a fit."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import stats

from mmlbook import datasets, fitting
from mmlbook.fitting import normal_pdf, residual_grid, sum_squared_residuals
from mmlbook.linalg import lp_norm

MU = st.floats(-1e3, 1e3)
SIGMA = st.floats(1e-2, 1e2)
XS = hnp.arrays(np.float64, st.integers(1, 10), elements=st.floats(-1e3, 1e3))


# --- normal_pdf ------------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(XS, MU, SIGMA)
def test_normal_pdf_matches_scipy(x, mu, sigma):
    np.testing.assert_allclose(normal_pdf(x, mu, sigma), stats.norm.pdf(x, loc=mu, scale=sigma),
                               rtol=1e-10, atol=1e-300)


@settings(max_examples=100, deadline=None)
@given(MU, SIGMA)
def test_normal_pdf_peak_symmetry_and_area(mu, sigma):
    assert normal_pdf(mu, mu, sigma) == pytest.approx(1 / (sigma * np.sqrt(2 * np.pi)))
    d = np.array([0.3, 1.0, 2.5]) * sigma
    np.testing.assert_allclose(normal_pdf(mu - d, mu, sigma), normal_pdf(mu + d, mu, sigma), rtol=1e-12)
    x = np.linspace(mu - 10 * sigma, mu + 10 * sigma, 4001)
    assert np.trapezoid(normal_pdf(x, mu, sigma), x) == pytest.approx(1.0, rel=1e-6)


def test_normal_pdf_returns_float_for_numbers_and_broadcasts_arrays():
    assert type(normal_pdf(0.0, 0.0, 1.0)) is float
    assert normal_pdf(0.0, 0.0, 1.0) == pytest.approx(0.3989422804014327, rel=1e-15)
    mus = np.array([[0.0], [1.0]])           # shape (2, 1)
    sigmas = np.array([1.0, 2.0, 3.0])       # shape (3,)
    out = normal_pdf(0.5, mus, sigmas)
    assert out.shape == (2, 3)
    np.testing.assert_allclose(out, stats.norm.pdf(0.5, mus, sigmas))


@pytest.mark.parametrize("args, error, match", [
    (([1.0], 0.0, 0.0), ValueError, "sigma must be positive"),
    (([1.0], 0.0, -2.0), ValueError, "sigma must be positive"),
    (([1.0], 0.0, [1.0, -1.0]), ValueError, "sigma must be positive"),
    (([1.0], 0.0, np.nan), ValueError, "sigma must contain only finite numbers"),
    (([1.0], np.inf, 1.0), ValueError, "mu must contain only finite numbers"),
    (([np.nan], 0.0, 1.0), ValueError, "x must contain only finite numbers"),
    (([], 0.0, 1.0), ValueError, "x must not be empty"),
    (("1.0", 0.0, 1.0), TypeError, "x must be an array of numbers, got str"),
    (([1.0], None, 1.0), TypeError, "mu must be an array of numbers"),
    (([1.0, 2.0, 3.0], [0.0, 1.0], 1.0), ValueError, r"must broadcast together, got shapes \(3,\), \(2,\)"),
])
def test_normal_pdf_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        normal_pdf(*args)


# --- sum_squared_residuals ---------------------------------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(st.integers(1, 12).flatmap(lambda n: st.tuples(
    hnp.arrays(np.float64, n, elements=st.floats(150, 200)),
    hnp.arrays(np.float64, n, elements=st.floats(0, 0.1)))), st.floats(150, 200), st.floats(1, 20))
def test_ssr_is_the_squared_l2_distance_to_the_curve(xy, mu, sigma):
    x, y = xy
    residual = y - stats.norm.pdf(x, mu, sigma)
    expected = np.sum(residual**2)
    assert sum_squared_residuals(mu, sigma, x, y) == pytest.approx(expected, rel=1e-10, abs=1e-300)
    assert sum_squared_residuals(mu, sigma, x, y) == pytest.approx(lp_norm(residual, 2) ** 2,
                                                                   rel=1e-10, abs=1e-300)


def test_ssr_is_zero_when_the_data_lie_on_the_curve():
    x = np.linspace(-3, 3, 7)
    assert sum_squared_residuals(0.5, 2.0, x, normal_pdf(x, 0.5, 2.0)) == 0.0


def test_ssr_broadcasts_over_parameter_arrays():
    h = datasets.heights_histogram()
    mus, sigmas = np.array([170.0, 178.5, 185.0]), np.array([5.0, 7.5, 10.0])
    out = sum_squared_residuals(mus, sigmas, h.centres, h.density)
    assert out.shape == (3,)
    for value, mu, sigma in zip(out, mus, sigmas):
        assert value == pytest.approx(sum_squared_residuals(mu, sigma, h.centres, h.density))
    assert sum_squared_residuals(mus, 7.5, h.centres, h.density).shape == (3,)


@pytest.mark.parametrize("args, error, match", [
    ((0.0, 1.0, [1.0, 2.0], [1.0]), ValueError, "x and y must have the same length, got 2 and 1"),
    ((0.0, 1.0, [[1.0, 2.0]], [1.0, 2.0]), ValueError, "x must have 1 dimension"),
    ((0.0, 1.0, [1.0], [np.inf]), ValueError, "y must contain only finite numbers"),
    ((0.0, 1.0, [], []), ValueError, "x must not be empty"),
    ((0.0, 0.0, [1.0], [1.0]), ValueError, "sigma must be positive"),
    (([0.0, 1.0], [1.0, 2.0, 3.0], [1.0], [1.0]), ValueError, "mu and sigma must broadcast together"),
    (("a", 1.0, [1.0], [1.0]), TypeError, "mu must be an array of numbers"),
])
def test_ssr_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        sum_squared_residuals(*args)


# --- residual_grid --------------------------------------------------------------------------------

def test_residual_grid_rows_follow_sigma_and_columns_follow_mu():
    h = datasets.heights_histogram()
    mus, sigmas = np.array([160.0, 170.0, 180.0]), np.array([4.0, 8.0])
    S = residual_grid(mus, sigmas, h.centres, h.density)
    assert S.shape == (2, 3)
    for j, sigma in enumerate(sigmas):
        for i, mu in enumerate(mus):
            assert S[j, i] == pytest.approx(sum_squared_residuals(mu, sigma, h.centres, h.density))


def test_residual_grid_minimum_on_the_heights_data():
    # The least-squares fit of the heights histogram lies near (178.5 cm, 7.6 cm).
    h = datasets.heights_histogram()
    mus, sigmas = np.arange(155, 185.01, 0.5), np.arange(4, 14.001, 0.1)
    S = residual_grid(mus, sigmas, h.centres, h.density)
    j, i = np.unravel_index(np.argmin(S), S.shape)
    assert mus[i] == pytest.approx(178.5) and sigmas[j] == pytest.approx(7.6)


@pytest.mark.parametrize("mus, sigmas, match", [
    ([[1.0]], [1.0], "mus must have 1 dimension"),
    ([1.0], [0.0, 1.0], "sigmas must be positive"),
    ([], [1.0], "mus must not be empty"),
    ([1.0], [np.nan], "sigmas must contain only finite numbers"),
])
def test_residual_grid_rejects_bad_input(mus, sigmas, match):
    with pytest.raises(ValueError, match=match):
        residual_grid(mus, sigmas, [1.0], [1.0])


def test_docstring_examples():
    failures, _ = doctest.testmod(fitting)
    assert failures == 0
