"""Tests for the Chapter 10 checkers: right answers pass, each typical mistake is named."""

from __future__ import annotations

import doctest
import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlbook import check
from mmlbook.check import taylor

# --- taylor_polynomial: correct solutions, written as readers would ---------------------------


def tp_loop(d, a, n, x):
    total = np.zeros_like(x, dtype=float)
    for k in range(n + 1):
        total += d[k] * (x - a) ** k / math.factorial(k)
    return total


def tp_horner(d, a, n, x):
    h = x - a
    result = d[n] / math.factorial(n) + 0 * h
    for k in range(n - 1, -1, -1):
        result = result * h + d[k] / math.factorial(k)
    return result


def tp_polyval(d, a, n, x):
    coefficients = [d[k] / math.factorial(k) for k in range(n + 1)]
    return np.polynomial.polynomial.polyval(x - a, coefficients)


def tp_outer(d, a, n, x):
    k = np.arange(n + 1)
    factorials = np.array([math.factorial(i) for i in k], dtype=float)
    powers = (x[np.newaxis, :] - a) ** k[:, np.newaxis]     # row k holds (x - a)^k
    return (np.asarray(d[: n + 1]) / factorials) @ powers


def tp_running_term(d, a, n, x):
    term_power = np.ones_like(x)   # (x - a)^k / k!, updated term by term
    total = d[0] * term_power
    for k in range(1, n + 1):
        term_power = term_power * (x - a) / k
        total = total + d[k] * term_power
    return total


def tp_float32(d, a, n, x):
    x, a, d = np.float32(x), np.float32(a), np.float32(d)
    return sum(d[k] * (x - a) ** k / np.float32(math.factorial(k)) for k in range(n + 1))


def tp_list(d, a, n, x):
    return [sum(d[k] * (xi - a) ** k / math.factorial(k) for k in range(n + 1)) for xi in x]


def tp_constant_first(d, a, n, x):
    # At order 0 this returns the one number f(a): right, as T_0 is constant.
    return d[0] + sum(d[k] * (x - a) ** k / math.factorial(k) for k in range(1, n + 1))


CORRECT_TAYLOR = [tp_constant_first, tp_loop, tp_horner, tp_polyval, tp_outer, tp_running_term, tp_float32, tp_list]


@pytest.mark.parametrize("function", CORRECT_TAYLOR, ids=lambda f: f.__name__)
def test_correct_taylor_polynomials_pass(function):
    result = check.taylor_polynomial(function)
    assert result, result.message
    assert "correct" in result.message


# --- taylor_polynomial: wrong solutions, each named -----------------------------------------


def _sum(d, a, n, x, coefficient=math.factorial, ks=None, h=None):
    h = x - a if h is None else h
    ks = range(n + 1) if ks is None else ks
    return sum(d[k] * h**k / coefficient(k) for k in ks) + 0 * x


def _last_term_only(d, a, n, x):
    for k in range(n + 1):
        result = d[k] * (x - a) ** k / math.factorial(k)
    return result


def _in_place(d, a, n, x):
    x -= a
    return _sum(d, 0.0, n, x)


def _math_pow(d, a, n, x):
    return sum(d[k] * math.pow(x - a, k) / math.factorial(k) for k in range(n + 1))


WRONG_TAYLOR = [
    ("one over k", lambda d, a, n, x: _sum(d, a, n, x, coefficient=lambda k: max(k, 1)), "not by k!"),
    ("no factorial", lambda d, a, n, x: _sum(d, a, n, x, coefficient=lambda k: 1), "factorials are missing"),
    ("(k+1)!", lambda d, a, n, x: _sum(d, a, n, x, coefficient=lambda k: math.factorial(k + 1)), "(k + 1)!"),
    ("x not x-a", lambda d, a, n, x: _sum(d, a, n, x, h=x), "Maclaurin form"),
    ("x+a", lambda d, a, n, x: _sum(d, a, n, x, h=x + a), "x + a"),
    ("a-x", lambda d, a, n, x: _sum(d, a, n, x, h=a - x), "a − x"),
    ("range(order)", lambda d, a, n, x: _sum(d, a, n, x, ks=range(n)), "One term is missing"),
    ("range(order+2)", lambda d, a, n, x: _sum(d, a, n, x, ks=range(n + 2)), "One term too many"),
    ("all derivatives", lambda d, a, n, x: _sum(d, a, n, x, ks=range(len(d))), "ignores order"),
    ("no constant", lambda d, a, n, x: _sum(d, a, n, x, ks=range(1, n + 1)), "constant term f(a) is missing"),
    ("last term only", _last_term_only, "Only the last term"),
    ("shifted derivatives", lambda d, a, n, x: sum(d[k + 1] * (x - a) ** k / math.factorial(k)
                                                   for k in range(n + 1)), "shifted by one"),
    ("2^k", lambda d, a, n, x: _sum(d, a, n, x, coefficient=lambda k: 2**k), "2ᵏ"),
    ("sums over x", lambda d, a, n, x: np.sum(_sum(d, a, n, x)), "single number"),
    ("in place", _in_place, "changed an array"),
    ("math.pow", _math_pow, "not for an array"),
    ("returns None", lambda d, a, n, x: None, "returned None"),
]


@pytest.mark.parametrize("name, function, phrase", WRONG_TAYLOR, ids=[w[0] for w in WRONG_TAYLOR])
def test_wrong_taylor_polynomials_are_named(name, function, phrase):
    result = check.taylor_polynomial(function)
    assert not result
    assert phrase in result.message, result.message


def test_an_unnamed_mistake_shows_a_probe():
    result = check.taylor_polynomial(lambda d, a, n, x: tp_loop(d, a, n, x) + 1e-3 * (x - a) ** 3)
    assert not result and "your function returned" in result.message


def test_mistakes_differ_from_the_right_answer_on_some_probe():
    for mistake, _ in taylor.TAYLOR_MISTAKES:
        assert not all(
            taylor._scaled_close(taylor.quietly(mistake, *p), taylor._reference(*p), taylor._largest_term(*p))
            for p in taylor._TAYLOR_PROBES)


def test_probes_match_sympy_series():
    """The probe derivatives are those of exp, cos and ln(1 + x): compare with SymPy."""
    t = sympy.symbols("t")
    for expr, maker, a in [(sympy.exp(t), taylor._exp_derivs, 0.5), (sympy.cos(t), taylor._cos_derivs, -2.0),
                           (sympy.log(1 + t), taylor._log1p_derivs, 0.3)]:
        exact = [float(sympy.diff(expr, t, k).subs(t, a)) for k in range(6)]
        assert np.allclose(maker(a, 6), exact, rtol=1e-12, atol=0)


@settings(max_examples=40, deadline=None)
@given(st.floats(-3, 3), st.integers(0, 7), st.floats(1e-3, 1e3))
def test_reference_is_exact_for_polynomials_and_scales(a, n, scale):
    """A degree-n polynomial is its own Taylor polynomial of order n, at any scale of its values."""
    rng = np.random.default_rng(n)
    coefficients = rng.normal(size=n + 1) * scale
    poly = np.polynomial.Polynomial(coefficients)
    derivs = np.array([poly.deriv(k)(a) if k else poly(a) for k in range(n + 1)])
    x = np.linspace(a - 1, a + 1, 7)
    want = poly(x)
    assert np.allclose(taylor._reference(derivs, a, n, x), want, rtol=1e-9,
                       atol=1e-9 * np.max(np.abs(want)) + 1e-12 * scale)


# --- quadratic_minimiser ------------------------------------------------------------------------


def qm_solve(g, H, x):
    if np.min(np.linalg.eigvalsh(H)) <= 0:
        raise ValueError("hessian is not positive definite")
    return x - np.linalg.solve(H, g)


def qm_cholesky(g, H, x):
    L = np.linalg.cholesky(H)   # raises LinAlgError (a ValueError) unless H is positive definite
    y = np.linalg.solve(L, g)
    return x - np.linalg.solve(L.T, y)


def qm_inverse(g, H, x):
    if not np.all(np.linalg.eigvals(H).real > 0):
        raise ValueError("not positive definite")
    return x - np.linalg.inv(H) @ g


def qm_float32(g, H, x):
    g, H, x = np.float32(g), np.float32(H), np.float32(x)
    np.linalg.cholesky(H)
    return x - np.linalg.solve(H, g)


def qm_lists(g, H, x):
    if np.linalg.det(H) <= 0 or H[0][0] <= 0 or len(x) > 2 and np.min(np.linalg.eigvalsh(H)) <= 0:
        raise ValueError("not a minimum")
    step = np.linalg.solve(H, g)
    return [x[i] - step[i] for i in range(len(x))]


CORRECT_QUAD = [qm_solve, qm_cholesky, qm_inverse, qm_float32, qm_lists]


@pytest.mark.parametrize("function", CORRECT_QUAD, ids=lambda f: f.__name__)
def test_correct_quadratic_minimisers_pass(function):
    result = check.quadratic_minimiser(function)
    assert result, result.message


def _pd(step):
    """A wrong step, guarded correctly, so that only the step is wrong."""
    def minimiser(g, H, x):
        np.linalg.cholesky(H)
        return step(g, H, x)
    return minimiser


def _diagonal_check(g, H, x):
    if np.any(np.diag(H) <= 0):
        raise ValueError("not positive definite")
    return x - np.linalg.solve(H, g)


WRONG_QUAD = [
    ("plus", _pd(lambda g, H, x: x + np.linalg.solve(H, g)), "wrong sign"),
    ("step only", _pd(lambda g, H, x: -np.linalg.solve(H, g)), "not the new point"),
    ("times H", _pd(lambda g, H, x: x - H @ g), "instead of its inverse"),
    ("gradient step", _pd(lambda g, H, x: x - g), "gradient step"),
    ("diagonal", _pd(lambda g, H, x: x - g / np.diag(H)), "diagonal"),
    ("half", _pd(lambda g, H, x: x - 0.5 * np.linalg.solve(H, g)), "half the right one"),
    ("twice", _pd(lambda g, H, x: x - 2 * np.linalg.solve(H, g)), "twice the right one"),
    ("H^-1 x", _pd(lambda g, H, x: x - np.linalg.solve(H, x)), "to x instead of to the gradient"),
    ("elementwise", _pd(lambda g, H, x: x - np.linalg.inv(H) * g), "matrix instead of a point"),
    ("no check", lambda g, H, x: x - np.linalg.solve(H, g), "no minimum"),
    ("check with wrong error", lambda g, H, x: (_ for _ in ()).throw(RuntimeError("bad"))
     if np.min(np.linalg.eigvalsh(H)) <= 0 else x - np.linalg.solve(H, g), "should raise ValueError"),
    ("checks only the diagonal", lambda g, H, x: _diagonal_check(g, H, x), "saddle"),
    ("in place", _pd(lambda g, H, x: np.subtract(x, np.linalg.solve(H, g), out=x)), "changed an array"),
]


@pytest.mark.parametrize("name, function, phrase", WRONG_QUAD, ids=[w[0] for w in WRONG_QUAD])
def test_wrong_quadratic_minimisers_are_named(name, function, phrase):
    result = check.quadratic_minimiser(function)
    assert not result
    assert phrase in result.message, result.message


def test_quadratic_mistakes_differ_from_the_right_answer():
    for mistake, _ in taylor.QUAD_MISTAKES:
        assert not all(np.allclose(mistake(g, H, x), x - np.linalg.solve(H, g), rtol=1e-3, atol=0)
                       for g, H, x in taylor._QUAD_PROBES)


def test_not_positive_definite_probes_are_a_saddle_and_a_maximum():
    signs = [np.sign(np.linalg.eigvalsh(H)) for _, H, _ in taylor._NOT_PD]
    assert sorted(signs[0]) == [-1, 1] and list(signs[1]) == [-1, -1] and sorted(signs[2]) == [-1, 1]
    assert np.all(np.diag(taylor._NOT_PD[2][1]) > 0), "a saddle that a diagonal test misses"


def test_docstring_examples_run():
    failures, tests = doctest.testmod(taylor)
    assert tests >= 2 and failures == 0


@settings(max_examples=40, deadline=None)
@given(st.floats(-6, 6), st.integers(0, 2**31 - 1))
def test_the_tolerance_is_relative_to_the_scale(exponent, seed):
    """Scaling the answer, the mistake and the scale together never changes a verdict."""
    rng = np.random.default_rng(seed)
    want = rng.normal(size=5)
    got = want * (1 + rng.choice([1e-7, 1e-3]) * rng.normal(size=5))
    right = np.max(np.abs(want))
    c = 10.0**exponent
    assert taylor._scaled_close(got, want, right) == taylor._scaled_close(c * got, c * want, c * right)
