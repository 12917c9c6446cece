"""Tests for the Chapter 13 checkers: right answers written many ways pass, learners' mistakes are named."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlbook import check, pca
from mmlbook.check import statistics as stats_check

# --- mean: right ones ------------------------------------------------------------------------


def mean_loops(X):
    N, D = len(X), len(X[0])
    total = [0.0] * D
    for row in X:
        for d in range(D):
            total[d] += float(row[d])
    return [t / N for t in total]


def mean_running(X):  # a running update, as some learners write mean_naive
    m = np.zeros(X.shape[1])
    for n, x in enumerate(X):
        m = (n * m + x) / (n + 1)
    return m


def mean_float32(X):
    return np.asarray(X, dtype=np.float32).mean(axis=0)


def mean_keepdims(X):  # the course's first version returned a column (D, 1)
    return np.mean(X, axis=0, keepdims=True).T


def mean_matrix(X):
    X = np.asarray(X, dtype=float)
    return np.ones(len(X)) @ X / len(X)


def mean_squeezed(X):  # a column squeezed to 1-D: a 0-d array when D = 1
    return np.squeeze(np.mean(X, axis=0, keepdims=True).T)


@pytest.mark.parametrize("function", [mean_loops, mean_running, mean_float32, mean_keepdims, mean_matrix,
                                      mean_squeezed, pca.mean, lambda X: np.mean(X, axis=0),
                                      lambda X: np.average(X, axis=0)])
def test_right_means_pass(function):
    result = check.mean(function)
    assert result, result.message


def test_a_column_mean_is_accepted_with_a_note():
    assert "shape (3, 1)" in check.mean(mean_keepdims).message or "(1, 1)" not in check.mean(mean_keepdims).message
    assert "note" in check.mean(mean_keepdims).message
    assert "note" not in check.mean(pca.mean).message


def test_the_course_columns_convention_passes_with_layout_columns():
    def course_mean(X):  # X is (D, N); the mean a column (D, 1)
        D, N = X.shape
        m = np.zeros((D, 1))
        for n in range(N):
            m = m + X[:, n].reshape(D, 1)
        return m / N

    def course_cov(X):
        return np.cov(X, bias=True)

    assert check.mean(course_mean, layout="columns")
    assert "note" not in check.mean(course_mean, layout="columns").message   # a column is what was asked
    assert check.cov(course_cov, layout="columns")
    rows = check.mean(course_mean)
    assert not rows and "layout='columns'" in rows.message
    cov_rows = check.cov(course_cov)
    assert not cov_rows and "every ROW" in cov_rows.message and "layout='columns'" in cov_rows.message
    wrong = check.mean(lambda X: X.mean(axis=0), layout="columns")
    assert not wrong and "swap rows and columns" in wrong.message


# --- mean: wrong ones, as learners write them ------------------------------------------------


def mean_uint8_loop(X):
    total = X[0].copy()
    for x in X[1:]:
        total += x
    return total / len(X)


@pytest.mark.parametrize("function, phrase", [
    (lambda X: np.mean(X, axis=1), "axis=1"),
    (lambda X: np.sum(X, axis=0), "divide by N"),
    (lambda X: np.sum(X, axis=0) / (len(X) - 1), "N − 1"),
    (lambda X: np.sum(X, axis=0) / X.shape[1], "by D"),
    (lambda X: np.sum(X, axis=0) // len(X), "floor"),
    (mean_uint8_loop, "wrapped around"),
    (lambda X: np.mean(X) * np.ones(X.shape[1]), "all N·D entries"),
    (lambda X: None, "return statement"),
    (lambda X: np.median(X, axis=0), "should give"),
    (lambda X: (X.max(axis=0) + X.min(axis=0)) / 2.0, "should give"),   # right on the course's example
    (lambda X: np.mean(X, axis=0, dtype=X.dtype), "wrapped around"),   # uint8 accumulator
    (lambda X: sum(X) / len(X), "wrapped around"),                     # Python's sum keeps uint8
    (lambda X: np.mean(X, axis=0)[:-1], "should return shape"),
])
def test_wrong_means_are_named(function, phrase):
    result = check.mean(function)
    assert not result
    assert phrase in result.message, result.message


def test_a_mean_that_changes_X_in_place_is_named():
    def centring_in_place(X):
        X -= 0  # harmless on its own ...
        X[:] = X - X.mean(axis=0)   # ... but this overwrites the caller's data
        return X.mean(axis=0) + 0

    result = check.mean(centring_in_place)
    assert not result and "in place" in result.message


def test_mean_right_only_at_unit_scale_fails():
    def unit_only(X):
        m = np.mean(X, axis=0)
        return m if np.abs(X).max() < 1e3 else m * (1 + 1e-3)
    assert not check.mean(unit_only)


def test_mean_rounded_to_float16_fails():
    assert not check.mean(lambda X: np.mean(X, axis=0).astype(np.float16))


# --- cov: right ones -------------------------------------------------------------------------


def cov_loops(X):
    X = np.asarray(X, dtype=float)
    N, D = X.shape
    m = mean_loops(X)
    S = [[0.0] * D for _ in range(D)]
    for row in X:
        for i in range(D):
            for j in range(D):
                S[i][j] += (row[i] - m[i]) * (row[j] - m[j]) / N
    return S


def cov_outer_loop(X):  # the course's cov_naive
    X = np.asarray(X, dtype=float)
    m = X.mean(axis=0)
    S = np.zeros((X.shape[1], X.shape[1]))
    for x in X:
        S += np.outer(x - m, x - m)
    return S / len(X)


def cov_float32(X):
    Y = np.asarray(X, dtype=np.float32)
    Y = Y - Y.mean(axis=0)
    return Y.T @ Y / np.float32(len(Y))


def cov_one_pass_float(X):  # E[x x^T] - mean mean^T: right in exact arithmetic, cancels near 1e8
    X = np.asarray(X, dtype=float)
    m = X.mean(axis=0)
    return X.T @ X / len(X) - np.outer(m, m)


def cov_welford(X):  # a one-pass update that stays accurate
    X = np.asarray(X, dtype=float)
    m, M = np.zeros(X.shape[1]), np.zeros((X.shape[1], X.shape[1]))
    for n, x in enumerate(X, start=1):
        d = x - m
        m = m + d / n
        M = M + np.outer(d, x - m)
    return M / len(X)


@pytest.mark.parametrize("function", [cov_loops, cov_outer_loop, cov_welford,
                                      lambda X: np.cov(X.T, bias=True), lambda X: np.cov(X, rowvar=False, ddof=0),
                                      pca.cov])
def test_right_covariances_pass(function):
    result = check.cov(function)
    assert result, result.message


# --- cov: wrong ones -------------------------------------------------------------------------

def _c(X):
    X = np.asarray(X, dtype=float)
    return X - X.mean(axis=0)


def cov_uint8_outer(X):
    m = X.mean(axis=0)
    S = np.zeros((X.shape[1], X.shape[1]))
    for x in X:
        S += np.outer(x, x)     # uint8 x uint8 stays uint8
    return S / len(X) - np.outer(m, m)


def cov_ddof1_loop(X):  # a pure-Python N - 1 version raises ZeroDivisionError when N = 1
    N = len(X)
    return (_c(X).T @ _c(X) / (N - 1)) if N > 1 else 1 / 0


@pytest.mark.parametrize("function, phrase", [
    (lambda X: np.cov(X.T), "N − 1"),
    (cov_ddof1_loop, "N − 1"),
    (lambda X: np.asarray(X, float).T @ np.asarray(X, float) / len(X), "forgets to centre"),
    (lambda X: _c(X) @ _c(X).T / len(X), "transpose on the left"),
    (lambda X: np.cov(X, bias=True), "every ROW"),
    (lambda X: np.cov(X), "every ROW"),
    (lambda X: _c(X).T @ _c(X) / X.shape[1], "by D"),
    (lambda X: _c(X).T @ _c(X), "scatter matrix"),
    (lambda X: np.var(X, axis=0), "only the D variances"),
    (lambda X: np.corrcoef(X.T), "correlation matrix"),
    (lambda X: (X - np.mean(X)).T @ (X - np.mean(X)) / len(X), "mean of all entries"),
    (lambda X: (X - X.mean(axis=1, keepdims=True)).T @ (X - X.mean(axis=1, keepdims=True)) / len(X),
     "mean of its own features"),
    (cov_uint8_outer, "wrapped around"),
    (lambda X: X.T @ X / len(X) - np.outer(X.mean(axis=0), X.mean(axis=0)), "wrapped around"),
    (lambda X: (lambda Y: Y.T @ Y / len(X))(X - X.mean(axis=0).astype(X.dtype)), "wrapped around"),
    (lambda X: np.cov(X.T, bias=True) * 1.001, "should give"),
    (lambda X: None, "return statement"),
    # the chapter's warning: on values near 1e8 with spread 1 these lose every digit
    (cov_one_pass_float, "lost its digits"),
    (lambda X: np.einsum("ni,nj->ij", X, X) / len(X) - np.outer(X.mean(0), X.mean(0)), "centre first"),
    (cov_float32, "float32"),
    (lambda X: np.diag(np.var(np.asarray(X, dtype=float), axis=0)), "should give"),
    (lambda X: np.triu(np.cov(X.T, bias=True)), "should give"),
])
def test_wrong_covariances_are_named(function, phrase):
    result = check.cov(function)
    assert not result
    assert phrase in result.message, result.message


def test_every_named_mistake_differs_from_the_right_answer_somewhere():
    probes = stats_check._data_probes()
    for wrong, _ in stats_check.MEAN_MISTAKES:
        assert not all(stats_check._explains(stats_check._attempt(wrong, X), stats_check._right_mean(X),
                                             stats_check._mean_scale(X)) for _, X in probes)
    for wrong, _ in stats_check.COV_MISTAKES:
        assert not all(stats_check._explains(stats_check._attempt(wrong, X), stats_check._right_cov(X),
                                             stats_check._cov_scale(X)) for _, X in probes)
    for wrong, _ in stats_check.AFFINE_MEAN_MISTAKES:
        assert not all(stats_check._explains(stats_check._attempt(wrong, m, A, b), A @ m + b,
                                             stats_check._affine_mean_scale(m, A, b))
                       for _, m, S, A, b in stats_check._affine_probes())
    for wrong, _ in stats_check.AFFINE_COV_MISTAKES:
        assert not all(stats_check._explains(stats_check._attempt(wrong, S, A, b), A @ S @ A.T,
                                             stats_check._affine_cov_scale(S, A, b))
                       for _, m, S, A, b in stats_check._affine_probes())


def test_the_probes_hold_what_the_docstring_says():
    probes = dict(stats_check._data_probes())
    pixels = next(X for label, X in probes.items() if "uint8" in label)
    assert pixels.dtype == np.uint8 and int(pixels.sum(axis=0).max()) > 255
    assert all(X.shape[0] != X.shape[1] for X in probes.values())
    offset = probes[stats_check._OFFSET_LABEL]   # where the one-pass formula cancels, as in the chapter
    assert np.abs(offset - 1e8).max() < 10 and np.all(np.var(offset, axis=0) > 0.3)
    assert not np.allclose(cov_one_pass_float(offset), stats_check._right_cov(offset), rtol=1e-2, atol=1e-2)
    assert any(X.shape[0] == 1 for X in probes.values()) and any(X.shape[1] == 1 for X in probes.values())


# --- affine maps -----------------------------------------------------------------------------


def affine_mean_loops(m, A, b):
    return [sum(A[k][d] * m[d] for d in range(len(m))) + b[k] for k in range(len(b))]


@pytest.mark.parametrize("function", [affine_mean_loops, pca.affine_mean, lambda m, A, b: A @ m + b,
                                      lambda m, A, b: np.float32(A) @ np.float32(m) + np.float32(b),
                                      lambda m, A, b: (A @ m.reshape(-1, 1) + b.reshape(-1, 1))])
def test_right_affine_means_pass(function):
    result = check.affine_mean(function)
    assert result, result.message


def test_the_course_example_of_affine_mean():
    assert np.array_equal(pca.affine_mean([2, 2], [[0, 1], [2, 3]], [1, 1]), [3, 11])
    assert check.affine_mean(lambda m, A, b: A @ m + b, layout="columns")


@pytest.mark.parametrize("function, phrase", [
    (lambda m, A, b: A @ m, "forgets the shift"),
    (lambda m, A, b: m @ A + b, "Aᵀm"),
    (lambda m, A, b: A.T @ m + b, "Aᵀm"),
    (lambda m, A, b: A @ m - b, "subtracts b"),
    (lambda m, A, b: A @ (m + b), "A(m + b)"),
    (lambda m, A, b: A @ m * b, "multiplies by b"),
    (lambda m, A, b: None, "return statement"),
    (lambda m, A, b: A @ m + 2 * b, "should give"),
])
def test_wrong_affine_means_are_named(function, phrase):
    result = check.affine_mean(function)
    assert not result
    assert phrase in result.message, result.message


def affine_cov_loops(S, A, b):
    K, D = len(A), len(S)
    return [[sum(A[i][p] * S[p][q] * A[j][q] for p in range(D) for q in range(D)) for j in range(K)]
            for i in range(K)]


@pytest.mark.parametrize("function", [affine_cov_loops, pca.affine_covariance, lambda S, A, b: A @ S @ A.T,
                                      lambda S, A, b: np.float32(A) @ np.float32(S) @ np.float32(A).T,
                                      lambda S, A, b: np.einsum("ip,pq,jq->ij", A, S, A)])
def test_right_affine_covariances_pass(function):
    result = check.affine_covariance(function)
    assert result, result.message


@pytest.mark.parametrize("function, phrase", [
    (lambda S, A, b: A @ S, "A S:"),
    (lambda S, A, b: A.T @ S @ A, "Aᵀ S A"),
    (lambda S, A, b: A @ S @ A, "transpose is missing"),
    (lambda S, A, b: A @ S @ A.T + b, "adds b"),
    (lambda S, A, b: A @ S @ A.T + b.reshape(-1, 1), "adds b"),
    (lambda S, A, b: A @ S @ A.T + np.outer(b, b), "b bᵀ"),
    (lambda S, A, b: S, "unchanged"),
    (lambda S, A, b: A @ A.T, "A Aᵀ"),
    (lambda S, A, b: None, "return statement"),
])
def test_wrong_affine_covariances_are_named(function, phrase):
    result = check.affine_covariance(function)
    assert not result
    assert phrase in result.message, result.message


def test_columns_layout_gives_b_as_a_column():
    assert check.affine_covariance(lambda S, A, b: A @ S @ A.T, layout="columns")
    result = check.affine_covariance(lambda S, A, b: A @ S @ A.T + b, layout="columns")
    assert not result and "adds b" in result.message
    assert "X.T" not in result.message          # the affine messages say nothing about X's layout
    column = check.affine_mean(lambda m, A, b: A @ m + b, layout="columns")
    assert column and "note" not in column.message
    wrong = check.affine_mean(lambda m, A, b: A @ m, layout="columns")
    assert not wrong and "forgets the shift" in wrong.message and "X.T" not in wrong.message


@pytest.mark.parametrize("checker", [check.mean, check.cov, check.affine_mean, check.affine_covariance])
def test_a_wrong_layout_is_a_value_error(checker):
    with pytest.raises(ValueError, match="layout"):
        checker(lambda *a: 0, layout="rows_and_columns")


# --- the verdict is relative to the data's scale ----------------------------------------------


@settings(max_examples=25, deadline=None)
@given(delta=st.floats(1e-3, 0.5), sign=st.sampled_from([-1.0, 1.0]))
def test_a_relative_error_of_a_tenth_of_a_percent_always_fails(delta, sign):
    factor = 1 + sign * delta
    assert not check.mean(lambda X: np.mean(X, axis=0) * factor)
    assert not check.cov(lambda X: np.cov(X.T, bias=True) * factor)
    assert not check.affine_mean(lambda m, A, b: (A @ m + b) * factor)
    assert not check.affine_covariance(lambda S, A, b: A @ S @ A.T * factor)


@settings(max_examples=25, deadline=None)
@given(delta=st.floats(-1e-7, 1e-7))
def test_rounding_far_below_float32_precision_always_passes(delta):
    assert check.mean(lambda X: np.mean(X, axis=0) * (1 + delta))
    assert check.cov(lambda X: np.cov(X.T, bias=True) * (1 + delta))


def test_an_error_invisible_at_unit_scale_is_caught_on_the_small_probe():
    # 1e-7 is far below the tolerance for the unit-scale probes, but the data times 1e-6 has a
    # covariance of about 1e-12: the tolerance follows the probe's scale, not a fixed number.
    result = check.cov(lambda X: np.cov(X.T, bias=True) + 1e-7)
    assert not result and "times 1e-6" in result.message, result.message
    assert not check.mean(lambda X: np.mean(X, axis=0) + 1e-7)
