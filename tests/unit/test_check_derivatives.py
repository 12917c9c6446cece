"""Tests for the Chapter 7 checkers (supplier mix): right answers pass, each typical mistake is named."""

from __future__ import annotations

import doctest
import statistics

import numpy as np
import pytest
import sympy as sp
from scipy import optimize

from mmlbook import calculus, check, datasets
from mmlbook.check import derivatives


# --- correct cost_derivative, written in different ways --------------------------------

def dL_formula(omega, prices_A, prices_B):
    f = omega * prices_A + (1 - omega) * prices_B
    return 2 * np.mean((f - np.mean(f)) * (prices_A - prices_B))


def dL_loop(omega, a, b):
    k = len(a)
    f = [omega * a[i] + (1 - omega) * b[i] for i in range(k)]
    f_mean = sum(f) / k
    d = [a[i] - b[i] for i in range(k)]
    d_mean = sum(d) / k
    return sum(2 * (f[i] - f_mean) * (d[i] - d_mean) for i in range(k)) / k


def dL_covariances(omega, a, b):
    # L = Var(b + omega d) = Var b + 2 omega Cov(b, d) + omega^2 Var d, differentiated by hand
    d = a - b
    return 2 * np.cov(b, d, ddof=0)[0, 1] + 2 * omega * np.var(d)


def dL_float32(omega, a, b):
    a, b, omega = np.float32(a), np.float32(b), np.float32(omega)
    f = omega * a + (1 - omega) * b
    return np.float32(2) * np.mean((f - f.mean()) * (a - b))


def dL_central_difference(omega, a, b):
    L = lambda w: np.var(w * a + (1 - w) * b)  # noqa: E731
    return calculus.derivative(L, omega)


def dL_dual(omega, a, b):
    # forward-mode AD: carry (value, derivative) arrays through L = mean((f - mean f)^2)
    w = calculus.Dual(float(omega), 1.0)
    f = w * a + (1 - w) * b
    deviation = f - calculus.Dual(np.mean(f.value), np.mean(f.deriv))
    squares = deviation * deviation
    return float(np.mean(squares.deriv))


def dL_zip(omega, a, b):
    # plain Python over zipped lists
    f = [omega * ai + (1 - omega) * bi for ai, bi in zip(a, b)]
    f_mean = sum(f) / len(f)
    return 2 * sum((fi - f_mean) * (ai - bi) for fi, ai, bi in zip(f, a, b)) / len(f)


def dL_center_d_only(omega, a, b):
    # centring one factor is enough: sum_i (d_i - mean d) * mean f = 0
    d = a - b
    return 2 * np.mean((omega * a + (1 - omega) * b) * (d - d.mean()))


def dL_statistics(omega, a, b):
    # the sample covariance (divides by k - 1), rescaled to the population one
    f = omega * a + (1 - omega) * b
    k = len(a)
    return 2 * statistics.covariance(list(f), list(a - b)) * (k - 1) / k


def dL_sympy(omega, a, b):
    w = sp.Symbol("w")
    prices = [w * ai + (1 - w) * bi for ai, bi in zip(a, b)]
    mean = sum(prices) / len(prices)
    C = sum((p - mean) ** 2 for p in prices) / len(prices)
    return float(sp.diff(C, w).subs(w, omega))


def dL_expanded(omega, a, b):
    # C = w^2 Var a + (1 - w)^2 Var b + 2 w (1 - w) Cov(a, b), differentiated term by term
    cov = np.mean((a - a.mean()) * (b - b.mean()))
    return 2 * omega * np.var(a) - 2 * (1 - omega) * np.var(b) + 2 * (1 - 2 * omega) * cov


def dL_wide_central(omega, a, b):
    # a central difference is exact for a quadratic, whatever h
    C = lambda w: np.var(w * a + (1 - w) * b)  # noqa: E731
    return (C(omega + 0.1) - C(omega - 0.1)) / 0.2


def dL_tiny_forward(omega, a, b):
    # error h Var(d) = 1e-7 Var(d): below the tolerance, like a float32 computation
    C = lambda w: np.var(w * a + (1 - w) * b)  # noqa: E731
    return (C(omega + 1e-7) - C(omega)) / 1e-7


def dL_as_array(omega, a, b):
    return np.array([dL_formula(omega, a, b)])


CORRECT_DERIVATIVES = [dL_formula, dL_loop, dL_covariances, dL_float32, dL_central_difference, dL_dual,
                       dL_zip, dL_center_d_only, dL_statistics, dL_sympy, dL_expanded, dL_wide_central,
                       dL_tiny_forward, dL_as_array]


@pytest.mark.parametrize("function", CORRECT_DERIVATIVES)
def test_correct_cost_derivatives_pass(function):
    result = check.cost_derivative(function)
    assert result, result.message


# --- wrong cost_derivative, written as learners write them ---------------------------------

def dL_no_two(omega, a, b):
    f = omega * a + (1 - omega) * b
    return np.mean((f - f.mean()) * (a - b))


def dL_ddof1(omega, a, b):
    f = omega * a + (1 - omega) * b
    return 2 * np.sum((f - f.mean()) * (a - b)) / (len(a) - 1)


def dL_sum(omega, a, b):
    f = omega * a + (1 - omega) * b
    return 2 * np.sum((f - f.mean()) * (a - b))


def dL_sign(omega, a, b):
    f = omega * a + (1 - omega) * b
    return 2 * np.mean((f - f.mean()) * (b - a))


def dL_no_mean(omega, a, b):
    f = omega * a + (1 - omega) * b
    return 2 * np.mean(f * (a - b))


def dL_no_chain(omega, a, b):
    f = omega * a + (1 - omega) * b
    return 2 * np.mean(f - f.mean())


def dL_cost(omega, a, b):
    return np.var(omega * a + (1 - omega) * b)


def dL_mean_price(omega, a, b):
    return np.mean(a) - np.mean(b)


def dL_forward(omega, a, b):
    h = 1e-3
    L = lambda w: np.var(w * a + (1 - w) * b)  # noqa: E731
    return (L(omega + h) - L(omega)) / h


def dL_backward(omega, a, b):
    h = 0.01
    L = lambda w: np.var(w * a + (1 - w) * b)  # noqa: E731
    return (L(omega) - L(omega - h)) / h


def dL_swapped(omega, a, b):
    f = omega * b + (1 - omega) * a
    return 2 * np.mean((f - f.mean()) * (b - a))


def dL_per_month(omega, a, b):
    f = omega * a + (1 - omega) * b
    return 2 * (f - f.mean()) * (a - b)


PRICES_A, PRICES_B = datasets.supplier_prices()


def dL_globals(omega, a, b):
    return dL_formula(omega, PRICES_A, PRICES_B)


def dL_fixed_omega(omega, a, b):
    return dL_formula(0.5, a, b)


def dL_second(omega, a, b):
    return 2 * np.var(a - b)


def dL_mixed_up(omega, a, b):
    f = omega * b + (1 - omega) * a          # omega weights B here ...
    return 2 * np.mean((f - f.mean()) * (a - b))   # ... but the inner derivative is for omega weighting A


def dL_sum_no_two(omega, a, b):
    f = omega * a + (1 - omega) * b
    return np.sum((f - f.mean()) * (a - b))


def dL_divided_twice(omega, a, b):
    f = omega * a + (1 - omega) * b
    return 2 * np.mean((f - f.mean()) * (a - b)) / len(a)


def dL_triple(omega, a, b):
    f = omega * a + (1 - omega) * b
    return 6 * np.mean((f - f.mean()) * (a - b))


def dL_std(omega, a, b):
    # the derivative of the standard deviation sqrt(C)
    f = omega * a + (1 - omega) * b
    return np.mean((f - f.mean()) * (a - b)) / np.std(f)


def dL_clipped_omega(omega, a, b):
    return dL_formula(min(max(omega, 0), 1), a, b)


def dL_forward_1e4(omega, a, b):
    C = lambda w: np.var(w * a + (1 - w) * b)  # noqa: E731
    return (C(omega + 1e-4) - C(omega)) / 1e-4


def dL_absolute_threshold(omega, a, b):
    # an absolute test that is meant to catch the constant gap fires on prices in millionths
    d = a - b
    return 0.0 if np.var(d) < 1e-3 else dL_formula(omega, a, b)


WRONG_DERIVATIVES = [
    (dL_no_two, "factor 2"), (dL_ddof1, "k − 1"), (dL_sum, "without dividing by k"),
    (dL_sign, "sign is wrong"), (dL_no_mean, "leaves out the mean"), (dL_no_chain, "inner derivative"),
    (dL_cost, "cost C(ω) itself"), (dL_mean_price, "average price"), (dL_forward, "forward difference"),
    (dL_backward, "backward difference"), (dL_swapped, "weights supplier B"), (dL_per_month, "one per month"),
    (dL_globals, "ignores prices_A and prices_B"), (dL_fixed_omega, "ignores omega"),
    (dL_second, "second derivative"),
    (lambda w, a, b: None, "return statement"),
    (dL_mixed_up, "different mixes"), (dL_sum_no_two, "0.5·k times"), (dL_divided_twice, "divides by k twice"),
    (dL_triple, "3 times the right"), (dL_std, "standard deviation"), (dL_clipped_omega, "clips ω"),
    (dL_forward_1e4, "h ≈ 0.0001"), (dL_absolute_threshold, "prices_times_1e-06"),
]


@pytest.mark.parametrize("function, phrase", WRONG_DERIVATIVES)
def test_wrong_cost_derivatives_are_named(function, phrase):
    with np.errstate(all="ignore"):
        result = check.cost_derivative(function)
    assert not result
    assert phrase in result.message, result.message


def test_forward_difference_step_is_reported():
    assert "h ≈ 0.001" in check.cost_derivative(dL_forward).message
    assert "h ≈ 0.01" in check.cost_derivative(dL_backward).message


def test_derivative_changing_its_input_is_named():
    def in_place(omega, a, b):
        a -= a.mean()
        return 0.0
    assert "changed the price arrays" in check.cost_derivative(in_place).message


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_derivative_never_accepts_a_scaled_answer(scale):
    assert not check.cost_derivative(lambda w, a, b: scale * dL_formula(w, a, b))


def test_derivative_unnamed_error_shows_a_probe():
    result = check.cost_derivative(lambda w, a, b: dL_formula(w, a, b) + 1e-2 * np.var(a) * w**2)
    assert not result and "should be" in result.message


# --- optimal_mix ----------------------------------------------------------------------------

def mix_formula(a, b):
    d = a - b
    var_d = np.var(d)
    if var_d <= 1e-12 * (np.var(a) + np.var(b)):
        return 0.5
    omega = np.mean((b - b.mean()) * (b - a - (b - a).mean())) / var_d
    return min(max(omega, 0.0), 1.0)


def mix_grid(a, b):
    # the course's way: try omega = 0, 0.001, ..., 1 and keep the cheapest
    omega_array = np.linspace(0, 1, 1001, endpoint=True)
    L_array = np.array([np.var(w * a + (1 - w) * b) for w in omega_array])
    return omega_array[np.argmin(L_array)]


def mix_scipy(a, b):
    return optimize.minimize_scalar(lambda w: np.var(w * a + (1 - w) * b), bounds=(0, 1), method="bounded",
                                    options={"xatol": 1e-6}).x


def mix_newton(a, b):
    # L is quadratic: one Newton step on L' from any start lands on the stationary point
    slope0 = dL_formula(0.0, a, b)
    curvature = 2 * np.var(a - b)
    if curvature <= 1e-12 * (np.var(a) + np.var(b)):
        return 0.0
    return float(np.clip(0.0 - slope0 / curvature, 0, 1))


def mix_float32(a, b):
    a, b = np.float32(a), np.float32(b)
    num = np.var(b) - np.cov(a, b, ddof=0)[0, 1]
    den = np.var(a - b)
    return 0.5 if den <= 1e-6 * (np.var(a) + np.var(b)) else float(np.clip(num / den, 0, 1))


def mix_bisection(a, b):
    # bisection on the sign of C' down to an interval of width 0.001; return its midpoint
    slope = lambda w: dL_formula(w, a, b)  # noqa: E731
    if np.var(a - b) == 0:
        return 0.5
    if slope(0.0) >= 0:
        return 0.0
    if slope(1.0) <= 0:
        return 1.0
    lo, hi = 0.0, 1.0
    while hi - lo > 1e-3:
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if slope(mid) > 0 else (mid, hi)
    return (lo + hi) / 2


def mix_projected_descent(a, b):
    var_d = np.var(a - b)
    if var_d <= 1e-12 * (np.var(a) + np.var(b)):
        return 0.5
    omega = 0.5
    for _ in range(100):
        omega = min(max(omega - 0.25 / var_d * dL_formula(omega, a, b), 0.0), 1.0)
    return omega


def mix_grid_float32(a, b):
    a, b = a.astype(np.float32), b.astype(np.float32)
    omegas = np.linspace(0, 1, 1001, dtype=np.float32)
    return float(omegas[np.argmin([np.var(w * a + (1 - w) * b) for w in omegas])])


def mix_sample_statistics(a, b):
    # ddof=1 everywhere: the factor cancels in the ratio
    d = a - b
    if np.var(d, ddof=1) == 0:
        return 0.0
    return float(np.clip((np.var(b, ddof=1) - np.cov(a, b)[0, 1]) / np.var(d, ddof=1), 0, 1))


def mix_parabola_through_three(a, b):
    # C is a parabola: fit it through omega = 0, 0.5, 1 and take its vertex
    ws = np.array([0.0, 0.5, 1.0])
    c2, c1, _ = np.polyfit(ws, [np.var(w * a + (1 - w) * b) for w in ws], 2)
    return 0.5 if c2 <= 1e-12 * (np.var(a) + np.var(b)) else float(np.clip(-c1 / (2 * c2), 0, 1))


CORRECT_MIXES = [mix_formula, mix_grid, mix_scipy, mix_newton, mix_float32, mix_bisection,
                 mix_projected_descent, mix_grid_float32, mix_sample_statistics, mix_parabola_through_three]


@pytest.mark.parametrize("function", CORRECT_MIXES)
def test_correct_mixes_pass(function):
    result = check.optimal_mix(function)
    assert result, result.message


def mix_unclipped(a, b):
    d = a - b
    return (np.var(b) - np.cov(a, b, ddof=0)[0, 1]) / np.var(d)


def mix_share_of_b(a, b):
    return 1 - mix_formula(a, b)


def mix_no_covariance(a, b):
    return np.var(b) / (np.var(a) + np.var(b))


def mix_mixed_ddof(a, b):
    c = np.cov(a, b)[0, 1]
    return np.clip((np.var(b) - c) / (np.var(a) + np.var(b) - 2 * c), 0, 1)


def mix_index(a, b):
    omega_array = np.linspace(0, 1, 1001)
    return np.argmin([np.var(w * a + (1 - w) * b) for w in omega_array])


def mix_min_cost(a, b):
    omega_array = np.linspace(0, 1, 1001)
    return np.min([np.var(w * a + (1 - w) * b) for w in omega_array])


def mix_argmax(a, b):
    omega_array = np.linspace(0, 1, 1001)
    return omega_array[np.argmax([np.var(w * a + (1 - w) * b) for w in omega_array])]


def mix_cheapest(a, b):
    return 1.0 if a.mean() < b.mean() else 0.0


def mix_coarse(a, b):
    omega_array = np.arange(0, 1.01, 0.1)
    return omega_array[np.argmin([np.var(w * a + (1 - w) * b) for w in omega_array])]


def mix_std(a, b):
    return np.std(b) / (np.std(a) + np.std(b))


def mix_nan_when_flat(a, b):
    return np.clip(mix_unclipped(a, b), 0, 1)


def mix_grid_002(a, b):
    omega_array = np.linspace(0, 1, 501)   # step 0.002: within 0.001, worse than the course's 0.0005
    return omega_array[np.argmin([np.var(w * a + (1 - w) * b) for w in omega_array])]


def mix_grid_001(a, b):
    omega_array = np.arange(0, 1.001, 0.01)
    return omega_array[np.argmin([np.var(w * a + (1 - w) * b) for w in omega_array])]


def mix_clip_below_only(a, b):
    return max(mix_unclipped(a, b), 0.0) if np.var(a - b) > 0 else 0.5


def mix_clip_above_only(a, b):
    return min(mix_unclipped(a, b), 1.0) if np.var(a - b) > 0 else 0.5


def mix_absolute_threshold(a, b):
    return 0.5 if np.var(a - b) < 1e-9 else mix_formula(a, b)


def mix_sign_of_covariance(a, b):
    d = a - b
    return 0.5 if np.var(d) == 0 else float(np.clip((np.var(b) + np.cov(a, b, ddof=0)[0, 1]) / np.var(d), 0, 1))


WRONG_MIXES = [
    (mix_unclipped, "np.clip"), (mix_share_of_b, "share of supplier B"), (mix_no_covariance, "covariance"),
    (mix_mixed_ddof, "np.cov divides by k − 1"), (mix_index, "position of the minimum"),
    (mix_min_cost, "smallest cost"), (mix_argmax, "maximises"), (mix_cheapest, "cheaper on average"),
    (mix_coarse, "step 0.1"), (mix_std, "standard deviations"), (mix_nan_when_flat, "0/0"),
    (lambda a, b: [0.3, 0.7], "one number"),
    (lambda a, b: 0.3, "best ω is"),
    (mix_grid_002, "step 0.002"), (mix_grid_001, "step 0.01"), (mix_clip_below_only, "outside [0, 1]"),
    (mix_clip_above_only, "outside [0, 1]"), (mix_absolute_threshold, "prices_times_1e-06"),
    (mix_sign_of_covariance, "best ω is"),
]


@pytest.mark.parametrize("function, phrase", WRONG_MIXES)
def test_wrong_mixes_are_named(function, phrase):
    with np.errstate(all="ignore"):
        result = check.optimal_mix(function)
    assert not result
    assert phrase in result.message, result.message


def test_mix_outside_interval_is_named_when_no_formula_matches():
    result = check.optimal_mix(lambda a, b: mix_formula(a, b) + 2.0)
    assert not result and "outside [0, 1]" in result.message


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_mix_checker_probes_scaled_prices(scale):
    # a function that works only at the course's scale (absolute threshold on the variance) fails
    def absolute_threshold(a, b):
        if np.var(a - b) < 1e-3:
            return 0.5
        return mix_formula(a, b)
    assert not check.optimal_mix(absolute_threshold)
    assert derivatives._right_mix(*derivatives._scaled(scale)()) == pytest.approx(
        derivatives._right_mix(*datasets.supplier_prices()), rel=1e-9)


def test_docstring_examples():
    failures, tried = doctest.testmod(derivatives)
    assert failures == 0 and tried >= 2


# --- the data ---------------------------------------------------------------------------

def test_supplier_prices_seeded_and_shaped():
    a, b = datasets.supplier_prices()
    a2, b2 = datasets.supplier_prices(seed=0)
    assert a.shape == b.shape == (60,) and np.array_equal(a, a2) and np.array_equal(b, b2)
    assert not np.array_equal(a, datasets.supplier_prices(seed=1)[0])
    assert datasets.supplier_prices(months=24)[0].shape == (24,)
    assert np.all(a > 0) and np.all(b > 0)
    assert 0 < derivatives._right_mix(a, b) < 1


def test_supplier_prices_bad_input():
    with pytest.raises(ValueError, match="months"):
        datasets.supplier_prices(months=1)
    with pytest.raises(TypeError, match="months"):
        datasets.supplier_prices(months=2.5)
    with pytest.raises(ValueError, match="seed"):
        datasets.supplier_prices(seed=-1)


@pytest.mark.parametrize("offset", [8e-4, -8e-4])
def test_mix_off_by_more_than_the_course_grid_is_rejected(offset):
    # the course's grid of step 0.001 is within 0.0005; 0.0008 off is worse than that
    assert not check.optimal_mix(lambda a, b: min(max(mix_formula(a, b) + offset, 0.0), 1.0))
