"""Tests for mmlbook.calculus against SymPy derivatives, with properties and bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlbook import calculus as C
from mmlbook.calculus import ConvergenceError, Dual

t = sp.Symbol("t", real=True)

# (SymPy expression, the same function written with mmlbook.calculus functions, test points)
CASES = [
    (t**3 - 2 * t, lambda x: x**3 - 2 * x, [-2.0, 0.3, 4.0]),
    (sp.exp(t) * sp.sin(t), lambda x: C.exp(x) * C.sin(x), [-1.0, 0.0, 2.5]),
    (sp.log(t) / t, lambda x: C.log(x) / x, [0.5, 1.0, 7.0]),
    (sp.sqrt(1 + t**2), lambda x: C.sqrt(1 + x**2), [-3.0, 0.0, 1.5]),
    (sp.tanh(2 * t) * sp.cos(t), lambda x: C.tanh(2 * x) * C.cos(x), [-0.7, 0.1, 1.2]),
    (2**t + t**t, lambda x: 2**x + x**x, [0.5, 1.0, 2.0]),
    (1 / (1 + sp.exp(-t)), lambda x: 1 / (1 + C.exp(-x)), [-4.0, 0.0, 3.0]),
]


def _reference(expr, points):
    d = sp.lambdify(t, sp.diff(expr, t), "numpy")
    return np.array([float(d(p)) for p in points])


@pytest.mark.parametrize("expr, f, points", CASES)
def test_derivative_matches_sympy(expr, f, points):
    fn = sp.lambdify(t, expr, "numpy")
    want = _reference(expr, points)
    got = C.derivative(fn, np.array(points))
    scale = np.maximum(1.0, np.abs(want))
    assert np.all(np.abs(got - want) <= 1e-8 * scale)


@pytest.mark.parametrize("expr, f, points", CASES)
def test_dual_derivative_matches_sympy(expr, f, points):
    want = _reference(expr, points)
    got = np.array([C.dual_derivative(f, p) for p in points])
    np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-13)
    # vectorised over an array of points too
    np.testing.assert_allclose(C.dual_derivative(f, np.array(points)), want, rtol=1e-13, atol=1e-13)


def test_derivative_shapes_and_scalar_return():
    assert isinstance(C.derivative(np.sin, 1.0), float)
    out = C.derivative(np.sin, np.zeros((2, 3)))
    assert out.shape == (2, 3)
    np.testing.assert_allclose(out, 1.0, rtol=1e-10)


def test_default_step_formula():
    assert C.default_step(0.5) == C.EPS ** (1 / 3)
    assert C.default_step(-1e8) == pytest.approx(C.EPS ** (1 / 3) * 1e8)
    assert C.default_step(3.0, order=2) == pytest.approx(C.EPS ** 0.25 * 3.0)
    with pytest.raises(ValueError, match="order"):
        C.default_step(1.0, order=3)


def test_default_step_beats_tiny_and_huge_steps():
    x = 1.3
    exact = math.cos(x)
    err = lambda h: abs(C.derivative(np.sin, x, h) - exact)  # noqa: E731
    best = err(None)
    assert best < err(1e-12) and best < err(1e-2)
    assert best < 1e-10


def test_derivative_at_large_x_uses_relative_step():
    # with a fixed h = 6e-6, x + h == x for x = 1e12 and the difference is 0
    x = 1e12
    got = C.derivative(lambda v: v**2, x)
    assert abs(got - 2 * x) <= 1e-6 * 2 * x


def test_gradient_jacobian_hessian_match_sympy():
    x, y, z = sp.symbols("x y z", real=True)
    expr = x**2 * y + sp.sin(y * z) + sp.exp(x - z)
    fn = sp.lambdify([(x, y, z)], expr, "numpy")
    point = np.array([0.4, -1.2, 0.7])
    subs = dict(zip((x, y, z), point))
    grad_ref = np.array([float(sp.diff(expr, v).subs(subs)) for v in (x, y, z)])
    hess_ref = np.array([[float(sp.diff(expr, a, b).subs(subs)) for b in (x, y, z)] for a in (x, y, z)])
    np.testing.assert_allclose(C.gradient(fn, point), grad_ref, rtol=1e-8, atol=1e-9)
    H = C.hessian(fn, point)
    np.testing.assert_allclose(H, hess_ref, rtol=1e-5, atol=1e-6)
    assert np.array_equal(H, H.T)

    vec = sp.Matrix([x * y * z, sp.cos(x) + y**2])
    vfn = sp.lambdify([(x, y, z)], list(vec), "numpy")
    J_ref = np.array(vec.jacobian([x, y, z]).subs(subs), dtype=float)
    J = C.jacobian(lambda v: np.array(vfn(v)), point)
    assert J.shape == (2, 3)
    np.testing.assert_allclose(J, J_ref, rtol=1e-8, atol=1e-9)


def test_jacobian_of_scalar_function_is_one_row():
    J = C.jacobian(lambda v: v[0] * v[1], [2.0, 3.0])
    assert J.shape == (1, 2)
    np.testing.assert_allclose(J, [[3.0, 2.0]], rtol=1e-9)


finite = st.floats(-5, 5, allow_nan=False)
scales = st.sampled_from([1e-6, 1e-3, 1.0, 1e3, 1e6])


@settings(max_examples=100, deadline=None)
@given(x=finite, c=scales)
def test_chain_rule_scaling_property(x, c):
    """d/dx sin(c x) = c cos(c x): both methods, the derivative scales with c."""
    exact = c * math.cos(c * x)
    dual = C.dual_derivative(lambda u: C.sin(c * u), x)
    assert abs(dual - exact) <= 1e-12 * c
    # finite differences: the step must scale with the input, h -> h / c, for the same accuracy
    h = C.default_step(x)
    fd = C.derivative(lambda u: np.sin(c * u), x / c, h=h / c)
    assert abs(fd - c * math.cos(x)) <= 1e-9 * c


@settings(max_examples=100, deadline=None)
@given(x=finite, c=scales)
def test_derivative_of_scaled_quadratic_is_scaled(x, c):
    """A quadratic's central difference is exact up to rounding, at any scale."""
    a = x * c
    got = C.derivative(lambda u: 3 * u**2 - u, a)
    want = 6 * a - 1
    assert abs(got - want) <= 1e-8 * max(1.0, abs(a)) * max(1.0, abs(want)) ** 0


@settings(max_examples=100, deadline=None)
@given(a=st.floats(0.1, 10), b=st.floats(-3, 3), x=st.floats(0.2, 3))
def test_dual_product_and_quotient_rules(a, b, x):
    u = lambda v: a * v**2 + b  # noqa: E731
    w = lambda v: C.exp(v) + 1  # noqa: E731
    du, dw = 2 * a * x, math.exp(x)
    assert C.dual_derivative(lambda v: u(v) * w(v), x) == pytest.approx(du * w(x) + u(x) * dw, rel=1e-12)
    assert C.dual_derivative(lambda v: u(v) / w(v), x) == pytest.approx((du * w(x) - u(x) * dw) / w(x) ** 2,
                                                                        rel=1e-12, abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(c=scales)
def test_gradient_scaled_inputs(c):
    """The gradient of f(v) = sum(v^2) at c*(1, -2) is 2c*(1, -2), to relative accuracy."""
    point = c * np.array([1.0, -2.0])
    g = C.gradient(lambda v: float(v @ v), point)
    np.testing.assert_allclose(g, 2 * point, rtol=1e-8)


def test_dual_arithmetic():
    d = Dual(2.0, 1.0)
    for expr, value, deriv in [
        (d + 1, 3.0, 1.0), (1 + d, 3.0, 1.0), (d - 5, -3.0, 1.0), (5 - d, 3.0, -1.0),
        (-d, -2.0, -1.0), (3 * d, 6.0, 3.0), (d * d, 4.0, 4.0), (1 / d, 0.5, -0.25),
        (d / 4, 0.5, 0.25), (d**0, 1.0, 0.0), (d**-1, 0.5, -0.25), (d**0.5, math.sqrt(2), 0.5 / math.sqrt(2)),
        (2**d, 4.0, 4 * math.log(2)), (abs(-d), 2.0, 1.0),
    ]:
        assert expr.value == pytest.approx(value) and expr.deriv == pytest.approx(deriv)
    assert "Dual(2.0, 1.0)" == repr(d)


def test_dual_constant_function_and_plain_numbers():
    assert C.dual_derivative(lambda x: 3.0, 1.0) == 0.0
    assert C.exp(0.0) == 1.0 and C.log(np.e) == pytest.approx(1.0)


def test_dual_refuses_numpy_ufuncs_and_bad_parts():
    with pytest.raises(TypeError, match="mmlbook.calculus"):
        C.dual_derivative(np.sin, 1.0)
    with pytest.raises(TypeError, match="mmlbook.calculus"):
        C.dual_derivative(lambda x: math.sin(x), 1.0)
    with pytest.raises(TypeError, match="value"):
        Dual("a", 1.0)
    with pytest.raises(TypeError, match="nested"):
        Dual(Dual(1.0), 1.0)


def test_dual_domain_errors():
    with pytest.raises(ValueError, match="x > 0"):
        C.dual_derivative(C.log, -1.0)
    with pytest.raises(ValueError, match="sqrt"):
        C.dual_derivative(C.sqrt, 0.0)
    with pytest.raises(ZeroDivisionError):
        C.dual_derivative(lambda x: 1 / x, 0.0)
    with pytest.raises(ValueError, match="abs"):
        C.dual_derivative(abs, 0.0)
    with pytest.raises(ValueError, match="base"):
        C.dual_derivative(lambda x: (-2) ** x, 1.0)


@pytest.mark.parametrize("fn", [C.derivative, C.gradient, C.hessian, C.jacobian, C.dual_derivative])
def test_finite_difference_bad_input(fn):
    point = 1.0 if fn in (C.derivative, C.dual_derivative) else [1.0, 2.0]
    with pytest.raises(TypeError, match="f must be a function"):
        fn("sin", point)
    with pytest.raises(ValueError, match="x must contain only finite"):
        fn(lambda v: 0.0, np.nan if fn in (C.derivative, C.dual_derivative) else [np.inf, 1.0])
    with pytest.raises(TypeError, match="x must be"):
        fn(lambda v: 0.0, "1.0")


@pytest.mark.parametrize("fn", [C.gradient, C.hessian, C.jacobian])
def test_multivariate_shape_errors(fn):
    with pytest.raises(ValueError, match="x must have 1 dimension"):
        fn(lambda v: 0.0, [[1.0, 2.0]])
    with pytest.raises(ValueError, match="h must be > 0"):
        fn(lambda v: 0.0, [1.0, 2.0], h=0.0)
    with pytest.raises(ValueError, match="h must be a number or match"):
        fn(lambda v: 0.0, [1.0, 2.0], h=[1e-3, 1e-3, 1e-3])


def test_f_returning_wrong_things():
    with pytest.raises(ValueError, match="returned shape"):
        C.gradient(lambda v: v, [1.0, 2.0])
    with pytest.raises(ValueError, match="non-finite"):
        C.derivative(np.log, -1.0)
    with pytest.raises(ValueError, match="returned shape"):
        C.derivative(lambda v: 1.0, np.array([1.0, 2.0]))
    with pytest.raises(TypeError, match="must return numbers"):
        C.derivative(lambda v: "x", 1.0)
    with pytest.raises(ValueError, match="returned shape"):
        calls = iter([np.ones(2), np.ones(2), np.ones(3)])
        C.jacobian(lambda v: next(calls), [1.0])
    with pytest.raises(ValueError, match="1-D"):
        C.jacobian(lambda v: np.ones((2, 2)), [1.0])
    with pytest.raises(ZeroDivisionError, match=r"f\("):
        C.derivative(lambda v: 1 / 0, 1.0)
    with pytest.raises(ValueError, match="h must be > 0"):
        C.derivative(np.sin, 1.0, h=-1e-3)


# --- Newton-Raphson -------------------------------------------------------------------

def test_newton_raphson_sqrt2_and_history():
    root, history = C.newton_raphson(lambda x: x * x - 2, lambda x: 2 * x, 1.0)
    assert root == pytest.approx(math.sqrt(2), rel=1e-15)
    assert history[0] == 1.0 and history[-1] == root
    errors = np.abs(history - math.sqrt(2))
    assert errors[3] < errors[2] ** 2  # quadratic convergence


def test_newton_raphson_cubic_from_minus_two():
    f = lambda x: x**3 - 2 * x + 2  # noqa: E731
    df = lambda x: 3 * x**2 - 2  # noqa: E731
    root, _ = C.newton_raphson(f, df, -2.0)
    want = sp.nsolve(t**3 - 2 * t + 2, t, -1.8)
    assert root == pytest.approx(float(want), rel=1e-14)


def test_newton_raphson_cycle_raises_with_history():
    f = lambda x: x**3 - 2 * x + 2  # noqa: E731
    df = lambda x: 3 * x**2 - 2  # noqa: E731
    with pytest.raises(ConvergenceError, match="did not converge") as info:
        C.newton_raphson(f, df, 0.0, max_iter=20)
    assert info.value.history.shape == (21,)
    np.testing.assert_array_equal(info.value.history[:4], [0.0, 1.0, 0.0, 1.0])
    assert isinstance(info.value, ValueError)


def test_newton_raphson_zero_derivative_names_iterate():
    with pytest.raises(ValueError, match=r"df is zero at iterate 0, x = 0\.0"):
        C.newton_raphson(lambda x: x * x + 1, lambda x: 2 * x, 0.0)


def test_newton_raphson_exact_root_returns_at_once():
    root, history = C.newton_raphson(lambda x: x - 3, lambda x: 1.0, 3.0)
    assert root == 3.0 and history.tolist() == [3.0]


def test_newton_raphson_overflow_raises():
    with pytest.raises(ConvergenceError, match="overflow"):
        C.newton_raphson(lambda x: 1.0, lambda x: 1e-320, 0.0)


def test_newton_raphson_bad_input():
    ok = dict(f=lambda x: x, df=lambda x: 1.0, x0=1.0)
    for change, err, phrase in [
        (dict(f=1), TypeError, "f must be a function"), (dict(df=None), TypeError, "df must be a function"),
        (dict(x0=np.nan), ValueError, "x0 must be finite"), (dict(x0="1"), TypeError, "x0 must be a number"),
        (dict(tol=0), ValueError, "tol must be >"), (dict(max_iter=0), ValueError, "max_iter must be >="),
        (dict(max_iter=2.5), TypeError, "max_iter must be an integer"),
    ]:
        with pytest.raises(err, match=phrase):
            C.newton_raphson(**{**ok, **change})
    with pytest.raises(ValueError, match="non-finite"):
        C.newton_raphson(lambda x: np.nan, lambda x: 1.0, 1.0)


@settings(max_examples=50, deadline=None)
@given(a=st.floats(1e-3, 1e6))
def test_newton_raphson_square_roots_at_any_scale(a):
    root, _ = C.newton_raphson(lambda x: x * x - a, lambda x: 2 * x, max(a, 1.0))
    assert root == pytest.approx(math.sqrt(a), rel=1e-12)


# --- gradient descent and Newton minimisation --------------------------------------------

def test_gradient_descent_quadratic_closed_form():
    # f = 0.5 x^T A x, iterates x_k = (I - lr A)^k x0
    A = np.diag([1.0, 10.0])
    x0 = np.array([1.0, 1.0])
    path = C.gradient_descent(lambda x: A @ x, x0, lr=0.05, steps=30)
    assert path.shape == (31, 2)
    np.testing.assert_array_equal(path[0], x0)
    want = np.array([np.linalg.matrix_power(np.eye(2) - 0.05 * A, k) @ x0 for k in range(31)])
    np.testing.assert_allclose(path, want, rtol=1e-12, atol=1e-15)


def test_gradient_descent_scalar_and_list_start():
    path = C.gradient_descent(lambda x: 2 * (x - 3), 0.0, lr=0.1, steps=100)
    assert path.shape == (101,)
    assert path[-1] == pytest.approx(3.0, rel=1e-8)
    assert C.gradient_descent(lambda v: v, [1, 2], 0.5, 1).tolist() == [[1.0, 2.0], [0.5, 1.0]]


def test_gradient_descent_diverges_with_clear_error():
    with pytest.raises(ConvergenceError, match="smaller learning rate") as info:
        C.gradient_descent(lambda x: 2 * x, 1.0, lr=10.0, steps=1000)
    assert np.all(np.isfinite(info.value.history)) and info.value.history[0] == 1.0


def test_gradient_descent_bad_input():
    g = lambda x: x  # noqa: E731
    for args, err, phrase in [
        ((1, 1.0, 0.1, 5), TypeError, "grad must be a function"),
        ((g, 1.0, 0.0, 5), ValueError, "lr must be >"), ((g, 1.0, -0.1, 5), ValueError, "lr must be >"),
        ((g, 1.0, 0.1, 0), ValueError, "steps must be >="), ((g, 1.0, 0.1, 2.0), TypeError, "steps must be an integer"),
        ((g, [np.nan], 0.1, 5), ValueError, "x0 must contain only finite"),
        ((g, [[1.0]], 0.1, 5), ValueError, "x0 must have"),
        ((lambda x: np.ones(3), [1.0, 2.0], 0.1, 5), ValueError, "returned shape"),
        ((lambda x: np.nan, 1.0, 0.1, 5), ValueError, "non-finite"),
    ]:
        with pytest.raises(err, match=phrase):
            C.gradient_descent(*args)


def test_newton_minimize_quadratic_one_step_and_nonquadratic():
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, -1.0])
    path = C.newton_minimize(lambda x: A @ x - b, lambda x: A, [5.0, 5.0], 2)
    np.testing.assert_allclose(path[1], np.linalg.solve(A, b), rtol=1e-14)
    # f(x) = x^4/4 - x, minimum at x = 1, f'' = 3x^2 > 0 away from 0
    path = C.newton_minimize(lambda x: x**3 - 1, lambda x: 3 * x**2, 2.0, 12)
    assert path.shape == (13,) and path[-1] == pytest.approx(1.0, rel=1e-14)


def test_newton_minimize_singular_hessian():
    with pytest.raises(ValueError, match=r"Hessian is singular at iterate 0"):
        C.newton_minimize(lambda x: x**3, lambda x: 3 * x**2, 0.0, 5)
    with pytest.raises(ValueError, match="singular"):
        C.newton_minimize(lambda v: v, lambda v: np.array([[1.0, 1.0], [1.0, 1.0]]), [1.0, 2.0], 3)
    with pytest.raises(ValueError, match="singular"):
        C.newton_minimize(lambda v: v, lambda v: np.array([[1.0, 0.0], [0.0, 1e-20]]), [1.0, 2.0], 3)


def test_newton_minimize_bad_input():
    with pytest.raises(TypeError, match="hess must be a function"):
        C.newton_minimize(lambda x: x, 3, 1.0, 2)
    with pytest.raises(ValueError, match="returned shape"):
        C.newton_minimize(lambda v: v, lambda v: np.eye(3), [1.0, 2.0], 2)
    with pytest.raises(ValueError, match="steps must be >="):
        C.newton_minimize(lambda v: v, lambda v: np.eye(2), [1.0, 2.0], -1)


@settings(max_examples=50, deadline=None)
@given(c=scales, lr=st.floats(0.01, 0.9))
def test_gradient_descent_scales_with_start(c, lr):
    """On f = x^2/2 (gradient x), the path is linear in x0: path(c x0) = c path(x0)."""
    base = C.gradient_descent(lambda x: x, [1.0, -2.0], lr, 20)
    scaled = C.gradient_descent(lambda x: x, [c, -2 * c], lr, 20)
    np.testing.assert_allclose(scaled, c * base, rtol=1e-12)


def test_docstring_examples_run():
    import doctest

    failures, tried = doctest.testmod(C)
    assert failures == 0 and tried > 10
