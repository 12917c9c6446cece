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


# --- least squares -----------------------------------------------------------------------------

from scipy.optimize import curve_fit  # noqa: E402

from mmlbook.fitting import (gauss_newton, least_squares, normal_model,  # noqa: E402
                             normal_model_jacobian, normal_pdf_jacobian, steepest_descent_fit)

DESIGNS = hnp.arrays(np.float64, st.tuples(st.integers(3, 8), st.integers(1, 3)),
                     elements=st.floats(-10, 10))


def _line(x, p):
    return p[0] + p[1] * x


def _line_jac(x, p):
    return np.column_stack([np.ones_like(x), x])


@settings(max_examples=100, deadline=None)
@given(DESIGNS, st.integers(0, 2**32 - 1))
def test_least_squares_matches_numpy_lstsq(X, seed):
    if np.linalg.matrix_rank(X) < X.shape[1] or np.linalg.cond(X) > 1e8:
        return
    y = np.random.default_rng(seed).normal(size=X.shape[0])
    expected = np.linalg.lstsq(X, y, rcond=None)[0]
    scale = np.abs(expected).max() + np.abs(y).max()
    np.testing.assert_allclose(least_squares(X, y), expected, atol=1e-8 * scale)


@settings(max_examples=60, deadline=None)
@given(DESIGNS, st.integers(0, 2**32 - 1), st.sampled_from([1e-6, 1e-3, 1e3, 1e6]))
def test_least_squares_scaling_y_scales_theta_and_residual_is_orthogonal(X, seed, c):
    if np.linalg.matrix_rank(X) < X.shape[1] or np.linalg.cond(X) > 1e8:
        return
    y = np.random.default_rng(seed).normal(size=X.shape[0])
    theta = least_squares(X, y)
    np.testing.assert_allclose(least_squares(X, c * y), c * theta, atol=1e-9 * c * (np.abs(theta).max() + 1))
    residual = y - X @ theta
    assert np.abs(X.T @ residual).max() <= 1e-9 * np.abs(X).max() * np.abs(y).max() * X.shape[0]


def test_least_squares_rank_deficient_is_a_clear_error():
    X = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])
    with pytest.raises(ValueError, match="full column rank"):
        least_squares(X, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="full column rank"):
        least_squares(1e-9 * X, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="fewer rows"):
        least_squares(np.ones((1, 2)), [1.0])


@pytest.mark.parametrize("X, y, error, phrase", [
    ([1.0, 2.0], [1.0, 2.0], ValueError, "X must have 2"),
    ([[1.0], [2.0]], [1.0, 2.0, 3.0], ValueError, "one entry per row"),
    ([[1.0], [np.nan]], [1.0, 2.0], ValueError, "finite"),
    ([[1.0], [2.0]], [1.0, np.inf], ValueError, "finite"),
    ("X", [1.0], TypeError, "X must be an array"),
])
def test_least_squares_bad_input(X, y, error, phrase):
    with pytest.raises(error, match=phrase):
        least_squares(X, y)


def test_fits_of_a_line_match_least_squares():
    x = np.linspace(0, 2, 9)
    y = 1 + 2 * x + np.random.default_rng(0).normal(scale=0.1, size=x.size)
    theta = least_squares(np.column_stack([np.ones_like(x), x]), y)
    gn = gauss_newton(_line, _line_jac, x, y, [0.0, 0.0], 2)
    np.testing.assert_allclose(gn[1], theta, rtol=1e-10)   # linear model: one step is exact
    sd = steepest_descent_fit(_line, _line_jac, x, y, [0.0, 0.0], 0.02, 3000)
    np.testing.assert_allclose(sd[-1], theta, rtol=1e-8)
    assert sd.shape == (3001, 2) and np.array_equal(sd[0], [0.0, 0.0])


def test_heights_fits_match_curve_fit():
    x, y = datasets.heights()
    expected, _ = curve_fit(lambda x, m, s: normal_pdf(x, m, s), x, y, p0=[170.0, 8.0])
    gn = gauss_newton(normal_model, normal_model_jacobian, x, y, [170.0, 8.0], 10)
    np.testing.assert_allclose(gn[-1], expected, rtol=1e-6)
    sd = steepest_descent_fit(normal_model, normal_model_jacobian, x, y, [155.0, 6.0], 2000, 500)
    np.testing.assert_allclose(sd[-1], expected, rtol=1e-6)


@settings(max_examples=50, deadline=None)
@given(MU, SIGMA, st.sampled_from([1e-3, 1.0, 1e3]))
def test_normal_pdf_jacobian_matches_finite_differences(mu, sigma, c):
    mu, sigma = c * mu, c * sigma
    x = mu + sigma * np.linspace(-3, 3, 7)
    J = normal_pdf_jacobian(x, mu, sigma)
    h = 1e-6 * sigma
    dmu = (normal_pdf(x, mu + h, sigma) - normal_pdf(x, mu - h, sigma)) / (2 * h)
    dsigma = (normal_pdf(x, mu, sigma + h) - normal_pdf(x, mu, sigma - h)) / (2 * h)
    scale = 1 / sigma**2
    np.testing.assert_allclose(J, np.column_stack([dmu, dsigma]), atol=1e-6 * scale)


def test_gauss_newton_singular_jacobian_is_a_clear_error():
    x = np.linspace(0, 1, 5)
    with pytest.raises(ValueError, match="singular"):
        gauss_newton(lambda x, p: p[0] * p[1] * x, lambda x, p: np.column_stack([p[1] * x, p[0] * x]),
                     x, x, [0.0, 0.0], 3)


@pytest.mark.parametrize("fit", ["sd", "gn"])
@pytest.mark.parametrize("change, error, phrase", [
    ({"f": 3}, TypeError, "f must be a function"),
    ({"jac": None}, TypeError, "jac must be a function"),
    ({"y": [1.0, 2.0]}, ValueError, "same length"),
    ({"x": [0.0, np.nan, 1.0]}, ValueError, "finite"),
    ({"p0": [[0.0, 0.0]]}, ValueError, "p0 must have 1"),
    ({"iterations": 0}, ValueError, "iterations must be >= 1"),
    ({"iterations": 2.5}, TypeError, "iterations must be an integer"),
    ({"jac": lambda x, p: np.ones((3, 3))}, ValueError, "jac\\(x, p\\) must return shape"),
    ({"f": lambda x, p: np.ones(2)}, ValueError, "f\\(x, p\\) must return shape"),
])
def test_fit_bad_input(fit, change, error, phrase):
    args = {"f": _line, "jac": _line_jac, "x": [0.0, 1.0, 2.0], "y": [1.0, 3.0, 5.0],
            "p0": [0.0, 0.0], "iterations": 3}
    args.update(change)
    with pytest.raises(error, match=phrase):
        if fit == "sd":
            steepest_descent_fit(step=0.1, **args)
        else:
            gauss_newton(**args)


@pytest.mark.parametrize("step, error", [(0.0, ValueError), (-1.0, ValueError), ("0.1", TypeError)])
def test_steepest_descent_bad_step(step, error):
    with pytest.raises(error, match="step"):
        steepest_descent_fit(_line, _line_jac, [0.0, 1.0], [1.0, 2.0], [0.0, 0.0], step, 3)


def test_steepest_descent_too_big_a_step_is_reported():
    with pytest.raises(ValueError, match="smaller step"):
        steepest_descent_fit(_line, _line_jac, [0.0, 1.0, 2.0], [1.0, 3.0, 5.0], [0.0, 0.0], 10.0, 2000)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([1e-6, 1e-3, 1e3, 1e6]))
def test_gauss_newton_on_a_line_scales_with_y_and_matches_least_squares(seed, c):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-5, 5, 12)
    y = rng.normal(size=12)
    X = np.column_stack([np.ones_like(x), x])
    theta = least_squares(X, y)
    fit = gauss_newton(_line, _line_jac, x, c * y, [0.0, 0.0], 1)[-1]
    np.testing.assert_allclose(fit, c * theta, atol=1e-10 * c * (np.abs(theta).max() + 1))


@pytest.mark.parametrize("p", [[1.0], [1.0, 2.0, 3.0], [[0.0, 1.0]]])
def test_normal_model_needs_two_parameters(p):
    with pytest.raises(ValueError, match="p must have shape"):
        normal_model(np.array([0.0, 1.0]), p)
    with pytest.raises(ValueError, match="p must have shape"):
        normal_model_jacobian(np.array([0.0, 1.0]), p)


def test_normal_pdf_jacobian_rejects_bad_sigma():
    with pytest.raises(ValueError, match="sigma must be positive"):
        normal_pdf_jacobian([0.0, 1.0], 0.0, -1.0)
