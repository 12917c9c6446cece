"""Tests for mmlbook.linalg: the Lp norms and distances."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mmlbook import linalg
from mmlbook.linalg import distance, lp_norm

# Entries are 0 or of moderate size, so that NumPy's unscaled reference neither
# overflows nor underflows (lp_norm itself handles both: see the tests below).
ENTRY = st.one_of(st.just(0.0), st.floats(1e-6, 1e6), st.floats(-1e6, -1e-6))
VECTOR = hnp.arrays(np.float64, st.integers(1, 8), elements=ENTRY)
P = st.one_of(st.sampled_from([1, 1.5, 2, 3, 4, 8, np.inf]), st.floats(1, 20))


def pair(n_min=1):
    return st.integers(n_min, 8).flatmap(
        lambda n: st.tuples(hnp.arrays(np.float64, n, elements=ENTRY),
                            hnp.arrays(np.float64, n, elements=ENTRY)))


# --- known values -----------------------------------------------------------------------

@pytest.mark.parametrize("x, p, expected", [
    ([3, -4, 12], 1, 19.0), ([3, -4, 12], 2, 13.0), ([3, -4, 12], np.inf, 12.0),
    ([3, 4], 2, 5.0), ([1, -2, 2], 1, 5.0), ([1, -2, 2], 2, 3.0), ([1, -2, 2], np.inf, 2.0),
    ([0, 0, 0], 3, 0.0), ([-7], 2.5, 7.0), ([1, 1], 3, 2 ** (1 / 3)), ([1, 1, 1, 1], 4, np.sqrt(2)),
])
def test_lp_norm_known_values(x, p, expected):
    assert lp_norm(x, p) == pytest.approx(expected, rel=1e-12)


def test_lp_norm_default_is_euclidean_and_returns_float():
    value = lp_norm(np.array([3, 4]))
    assert value == 5.0 and type(value) is float


@pytest.mark.parametrize("p", [np.inf, float("inf"), np.float64("inf")])
def test_lp_norm_accepts_every_spelling_of_infinity(p):
    assert lp_norm([1, -5, 2], p) == 5.0


def test_lp_norm_neither_overflows_nor_underflows():
    assert lp_norm([1e200, 1e200]) == pytest.approx(np.sqrt(2) * 1e200)
    assert lp_norm([1e-200, 1e-200], 3) == pytest.approx(2 ** (1 / 3) * 1e-200)
    assert lp_norm([3.0, 4.0], 1000) == pytest.approx(4.0, rel=1e-3)
    assert lp_norm([1e300, -1e300], 1) == 2e300


# --- against NumPy ------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(VECTOR, P)
def test_lp_norm_matches_numpy(x, p):
    assert lp_norm(x, p) == pytest.approx(np.linalg.norm(x, ord=p), rel=1e-9, abs=1e-300)


# --- the properties of a norm ----------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(VECTOR, P)
def test_positive_and_zero_only_for_zero_vector(x, p):
    value = lp_norm(x, p)
    assert value >= 0
    assert (value == 0) == bool(np.all(x == 0))


@settings(max_examples=200, deadline=None)
@given(VECTOR, st.floats(-1e3, 1e3), P)
def test_absolute_homogeneity(x, a, p):
    assert lp_norm(a * x, p) == pytest.approx(abs(a) * lp_norm(x, p), rel=1e-9, abs=1e-300)


@settings(max_examples=200, deadline=None)
@given(pair(), P)
def test_triangle_inequality(xy, p):
    x, y = xy
    assert lp_norm(x + y, p) <= (lp_norm(x, p) + lp_norm(y, p)) * (1 + 1e-12)


@settings(max_examples=200, deadline=None)
@given(VECTOR)
def test_norm_ordering(x):
    n = x.size
    inf, two, one = lp_norm(x, np.inf), lp_norm(x, 2), lp_norm(x, 1)
    slack = 1 + 1e-12
    assert inf <= two * slack and two <= one * slack and one <= n * inf * slack
    assert two <= np.sqrt(n) * inf * slack


@settings(max_examples=200, deadline=None)
@given(VECTOR, st.floats(1, 10), st.floats(1, 10))
def test_norm_falls_as_p_grows(x, p, q):
    small, large = sorted((p, q))
    assert lp_norm(x, large) <= lp_norm(x, small) * (1 + 1e-12)


def test_triangle_inequality_fails_below_one_which_is_why_p_is_rejected():
    x, y = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    half = lambda v: np.sum(np.abs(v) ** 0.5) ** 2  # noqa: E731  (the p = 1/2 "norm")
    assert half(x + y) == 4.0 > half(x) + half(y) == 2.0
    with pytest.raises(ValueError, match="triangle inequality"):
        lp_norm(x, 0.5)


# --- distance ----------------------------------------------------------------------------------

def test_distance_known_values():
    assert distance([1, 1], [4, 5]) == 5.0
    assert distance([1, 1], [4, 5], p=1) == 7.0
    assert distance([1, 1], [4, 5], p=np.inf) == 4.0


@settings(max_examples=200, deadline=None)
@given(pair(), P)
def test_distance_is_symmetric_and_zero_only_for_equal_vectors(xy, p):
    x, y = xy
    assert distance(x, y, p) == distance(y, x, p)
    assert distance(x, x, p) == 0.0
    assert (distance(x, y, p) == 0) == bool(np.all(x == y))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 6).flatmap(lambda n: st.tuples(*[hnp.arrays(np.float64, n, elements=ENTRY)] * 3)), P)
def test_distance_triangle_inequality(xyz, p):
    x, y, z = xyz
    assert distance(x, z, p) <= (distance(x, y, p) + distance(y, z, p)) * (1 + 1e-12) + 1e-300


# --- bad input ------------------------------------------------------------------------------------

@pytest.mark.parametrize("x, error, match", [
    ([[1, 2], [3, 4]], ValueError, r"x must have 1 dimension\(s\), got shape \(2, 2\)"),
    (5.0, ValueError, "x must have 1 dimension"),
    ([], ValueError, "x must not be empty"),
    ([1.0, np.nan], ValueError, "x must contain only finite numbers"),
    ([1.0, np.inf], ValueError, "x must contain only finite numbers"),
    ("12", TypeError, "x must be an array of numbers, got str"),
    (None, TypeError, "x must be an array of numbers, got NoneType"),
    ([1, "a"], TypeError, "x must be an array of numbers"),
])
def test_lp_norm_rejects_bad_x(x, error, match):
    with pytest.raises(error, match=match):
        lp_norm(x)


@pytest.mark.parametrize("p, error, match", [
    (0.5, ValueError, "p must be >= 1"), (0, ValueError, "p must be >= 1"),
    (-np.inf, ValueError, "p must be finite"), (np.nan, ValueError, "p must be finite"),
    ("2", TypeError, "p must be a number, got str"), (True, TypeError, "p must be a number"),
    (None, TypeError, "p must be a number"), ([2], TypeError, "p must be a number"),
])
def test_lp_norm_rejects_bad_p(p, error, match):
    with pytest.raises(error, match=match):
        lp_norm([1.0, 2.0], p)


@pytest.mark.parametrize("x, y, error, match", [
    ([1, 2], [1, 2, 3], ValueError, "x and y must have the same length, got 2 and 3"),
    ([1, 2], [[1, 2]], ValueError, "y must have 1 dimension"),
    ([np.nan, 2], [1, 2], ValueError, "x must contain only finite numbers"),
    ([1, 2], "ab", TypeError, "y must be an array of numbers"),
    ([1e308, 0], [-1e308, 0], ValueError, "overflows"),
])
def test_distance_rejects_bad_input(x, y, error, match):
    with pytest.raises(error, match=match):
        distance(x, y)


def test_docstring_examples():
    failures, _ = doctest.testmod(linalg)
    assert failures == 0
