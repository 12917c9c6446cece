"""Tests for the Chapter 15 checkers: right projections written many ways pass, learners' mistakes are named."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlbook import check, pca


# --- projection_matrix: right ones -----------------------------------------------------------

def matrix_course(B):  # the course's own formula
    return B @ np.linalg.inv(B.T @ B) @ B.T


def matrix_course_dot(B):  # the same, as the course's notebooks write it with np.dot
    return np.dot(np.dot(B, np.linalg.inv(np.dot(B.T, B))), B.T)


def matrix_solve(B):
    return B @ np.linalg.solve(B.T @ B, B.T)


def matrix_float32(B):
    B = np.asarray(B, dtype=np.float32)
    return B @ np.linalg.inv(B.T @ B) @ B.T


def matrix_qr(B):  # QR, refusing dependent columns by a tolerance relative to B
    Q, R = np.linalg.qr(B)
    if np.any(np.abs(np.diag(R)) <= 1e-10 * np.abs(B).max()):
        raise ValueError("the columns of B are dependent")
    return Q @ Q.T


def matrix_lstsq(B):  # the least-squares coefficients of every unit vector, mapped back
    return B @ np.linalg.lstsq(B, np.eye(B.shape[0]), rcond=None)[0]


def matrix_pinv(B):
    return B @ np.linalg.pinv(B)


def _solve_lists(A, rhs):
    """Gauss-Jordan elimination with partial pivoting on lists: A (M x M) X = rhs (M x K)."""
    n = len(A)
    rows = [list(A[i]) + list(rhs[i]) for i in range(n)]
    for j in range(n):
        p = max(range(j, n), key=lambda i: abs(rows[i][j]))
        if rows[p][j] == 0:
            raise ZeroDivisionError("B^T B is singular")
        rows[j], rows[p] = rows[p], rows[j]
        for i in range(n):
            if i != j:
                f = rows[i][j] / rows[j][j]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[j])]
    return [[v / rows[i][i] for v in rows[i][n:]] for i in range(n)]


def matrix_loops(B):  # lists and loops only; returns a list of lists
    D, M = len(B), len(B[0])
    BtB = [[sum(B[k][i] * B[k][j] for k in range(D)) for j in range(M)] for i in range(M)]
    Bt = [[B[k][i] for k in range(D)] for i in range(M)]
    C = _solve_lists(BtB, Bt)  # (B^T B)^-1 B^T, M x D
    return [[sum(B[i][m] * C[m][j] for m in range(M)) for j in range(D)] for i in range(D)]


def matrix_pinv_gram(B):  # the pseudo-inverse of BᵀB in place of the inverse
    return B @ np.linalg.pinv(B.T @ B) @ B.T


def matrix_cholesky(B):  # BᵀB = LLᵀ, two triangular solves (scipy)
    return B @ scipy.linalg.cho_solve(scipy.linalg.cho_factor(B.T @ B), B.T)


def matrix_orth(B):  # an orthonormal basis of the span from scipy (SVD, drops dependent directions)
    U = scipy.linalg.orth(B)
    return U @ U.T


def matrix_pinv_float32(B):
    B = np.asarray(B, dtype=np.float32)
    return B @ np.linalg.pinv(B)


@pytest.mark.parametrize("function", [matrix_course, matrix_course_dot, matrix_solve, matrix_float32,
                                      matrix_qr, matrix_lstsq, matrix_pinv, matrix_loops,
                                      matrix_pinv_gram, matrix_cholesky, matrix_orth, matrix_pinv_float32,
                                      pca.projection_matrix])
def test_right_projection_matrices_pass(function):
    result = check.projection_matrix(function)
    assert result, result.message


def test_float32_is_told_which_probes_it_cannot_resolve():
    assert "float32 cannot resolve" in check.projection_matrix(matrix_float32).message
    assert "float32" not in check.projection_matrix(matrix_course).message


def test_the_very_nearly_parallel_probe_is_stated_and_left_out_for_float32():
    assert "keeps both columns at an angle of 1e-6 rad" in check.projection_matrix(matrix_course).message
    assert "1e-6 rad" not in check.projection_matrix(matrix_float32).message
    assert "keeps both columns" in check.project(project_course).message


def test_the_verdict_on_dependent_columns_is_stated():
    assert "on dependent columns it raised an error" in check.projection_matrix(matrix_solve).message
    assert "projection onto their span" in check.projection_matrix(matrix_pinv).message


# --- projection_matrix: wrong ones, as learners write them ----------------------------------

def normalise_first_only(B):
    B = B.copy()
    B[:, 0] /= np.linalg.norm(B[:, 0])
    return B @ B.T


def sum_of_line_projections(B):
    P = np.zeros((B.shape[0], B.shape[0]))
    for i in range(B.shape[1]):
        b = B[:, i]
        P += np.outer(b, b) / np.dot(b, b)
    return P


def qr_without_rank_check(B):
    Q = np.linalg.qr(B)[0]
    return Q @ Q.T


def inverse_missing_transpose(B):
    return B @ np.linalg.inv(B.T @ B) @ B


def _nearly_parallel(B):  # the checker's probe with columns at an angle of 1e-3 rad, at any scale
    return B.shape == (4, 2) and np.linalg.cond(B) > 100


def off_on_nearly_parallel(B):  # right, except 1e-4 (relative) off on the ill-conditioned probe
    return matrix_course(B) * (1 + 1e-4) if _nearly_parallel(B) else matrix_course(B)


def _dependent(B):
    return np.linalg.matrix_rank(B) < B.shape[1]


def off_on_dependent(B):  # the span's projection, but 1e-6 (relative) off, on dependent columns
    return matrix_pinv(B) * (1 + 1e-6) if _dependent(B) else matrix_pinv(B)


def elimination_without_pivot_check(B):  # Gauss-Jordan on BᵀB in NumPy: 0/0 = NaN when it is singular
    B = np.asarray(B, dtype=float)
    G = np.hstack([B.T @ B, B.T])
    M = B.shape[1]
    with np.errstate(all="ignore"):
        for j in range(M):
            G[j] = G[j] / G[j, j]
            for i in range(M):
                if i != j:
                    G[i] = G[i] - G[i, j] * G[j]
    return B @ G[:, M:]


def pinv_with_loose_cutoff(B):  # rcond = 1e-8 on BᵀB: treats columns closer than ~2e-4 rad as dependent
    return B @ np.linalg.pinv(B.T @ B, rcond=1e-8) @ B.T


def qr_with_loose_dependence_test(B):  # refuses a diagonal entry of R below 1e-5 of B's scale
    Q, R = np.linalg.qr(B)
    if np.any(np.abs(np.diag(R)) <= 1e-5 * np.abs(B).max()):
        raise ValueError("the columns of B are dependent")
    return Q @ Q.T


def svd_without_rank_check(B):  # U of the thin SVD keeps a direction with singular value 0
    U = np.linalg.svd(B, full_matrices=False)[0]
    return U @ U.T


@pytest.mark.parametrize("function, phrase", [
    (lambda B: np.linalg.inv(B.T @ B) @ B.T @ B, "M × M"),                     # B^T B order swapped
    (lambda B: B.T @ np.linalg.pinv(B @ B.T) @ B, "rows of B"),                 # onto the rows
    (lambda B: B @ B.T, "right only when the columns of B are orthonormal"),   # no inverse
    (lambda B: np.outer(B, B) if B.shape[1] == 1 else B @ B.T, "without the division by bᵀb"),
    (lambda B: np.eye(len(B)) - matrix_course(B), "I − P"),                    # the residual
    (normalise_first_only, "Only the first column is normalised"),
    (lambda B: (B / np.linalg.norm(B, axis=0)) @ (B / np.linalg.norm(B, axis=0)).T, "orthogonal"),
    (sum_of_line_projections, "adds the projections onto each column"),
    (lambda B: B @ B.T / np.sum(B**2), "line formula"),                        # bb^T/b^Tb on a subspace
    (lambda B: B @ B.T / np.linalg.norm(B), "squared length"),                 # divides by |b|
    (lambda B: B @ (1 / (B.T @ B)) @ B.T, "entry by entry"),                   # 1/(B^T B)
    (lambda B: np.outer(B[:, 0], B[:, 0]) / (B[:, 0] @ B[:, 0]), "first column only"),  # the 1-d function
    (inverse_missing_transpose, "a transpose may be missing"),                 # shapes do not fit
    (lambda B: np.linalg.inv(B @ B.T), "did you invert BBᵀ"),                  # inverts the singular BB^T
    (lambda B: None, "return statement"),
    (lambda B: matrix_course(B)[:, : B.shape[1]], "shape"),
    (lambda B: matrix_course(B) * (1 + 1e-4), "should give"),
    (qr_without_rank_check, "not the projection onto their span"),             # silent on dependence
    (svd_without_rank_check, "not the projection onto their span"),
    (off_on_nearly_parallel, "two columns at an angle of 1e-3 rad"),            # the κ² tolerance is not loose
    (off_on_dependent, "not the projection onto their span"),                  # nor is the dependent one
    (elimination_without_pivot_check, "NaN or inf"),
    (pinv_with_loose_cutoff, "rank cut-off"),                                  # drops a column at 1e-6 rad
    (qr_with_loose_dependence_test, "raised ValueError for two columns at an angle of 1e-6 rad"),
])
def test_wrong_projection_matrices_are_named(function, phrase):
    result = check.projection_matrix(function)
    assert not result
    assert phrase in result.message, result.message


def test_a_fixed_threshold_that_refuses_nearly_parallel_columns_fails():
    def fussy(B):  # treats columns at 1e-3 rad as dependent
        if np.linalg.cond(B) > 1e3:
            raise ValueError("columns are dependent")
        return matrix_course(B)
    result = check.projection_matrix(fussy)
    assert not result and "1e-3 rad" in result.message and "raised ValueError" in result.message


def test_right_only_at_unit_scale_fails():
    def unit_scale_only(B):
        return matrix_course(B) if 1e-3 < np.abs(B).max() < 1e3 else B @ B.T
    result = check.projection_matrix(unit_scale_only)
    assert not result and "times 1e-06" in result.message


def test_the_invariant_that_fails_is_reported():
    def not_symmetric(B):
        P = matrix_course(B)
        return P + 1e-3 * np.triu(np.ones_like(P), 1) if B.shape[1] == 3 else P
    message = check.projection_matrix(not_symmetric).message
    assert "P ≠ Pᵀ" in message and "random 6 x 3" in message


# --- project -----------------------------------------------------------------------------------

def project_course(x, B):  # the course's project_general: P @ x
    return matrix_course(B) @ x


def project_column(x, B):  # returns the course's (D, 1) column
    return matrix_solve(B) @ x.reshape(-1, 1)


def project_lstsq(x, B):
    return B @ np.linalg.lstsq(B, x, rcond=None)[0]


def project_float32(x, B):
    x, B = np.float32(x), np.float32(B)
    return B @ np.linalg.solve(B.T @ B, B.T @ x)


def project_qr(x, B):
    Q, R = np.linalg.qr(B)
    if np.any(np.abs(np.diag(R)) <= 1e-10 * np.abs(B).max()):
        raise ValueError("dependent columns")
    return Q @ (Q.T @ x)


def project_loops(x, B):
    P = matrix_loops(B.tolist())
    return [sum(P[i][j] * x[j] for j in range(len(x))) for i in range(len(x))]


@pytest.mark.parametrize("function", [project_course, project_column, project_lstsq, project_float32,
                                      project_qr, project_loops, pca.project])
def test_right_projections_pass(function):
    result = check.project(function)
    assert result, result.message


@pytest.mark.parametrize("function, phrase", [
    (lambda x, B: np.linalg.solve(B.T @ B, B.T @ x), "coordinates λ"),
    (lambda x, B: B.T @ x, "inner products"),
    (lambda x, B: x - project_course(x, B), "residual"),
    (lambda x, B: B @ (B.T @ x), "right only when the columns of B are orthonormal"),
    (lambda x, B: normalise_first_only(B) @ x, "Only the first column"),
    (lambda x, B: sum_of_line_projections(B) @ x, "adds the projections"),
    (lambda x, B: B @ B.T @ x / np.sum(B * B), "line formula"),
    (lambda x, B: B @ B.T @ x / np.linalg.norm(B), "squared length"),
    (lambda x, B: B @ (1 / (B.T @ B)) @ B.T @ x, "entry by entry"),
    (lambda x, B: (B[:, 0] @ x) / (B[:, 0] @ B[:, 0]) * B[:, 0], "first column only"),
    (lambda x, B: float(np.linalg.norm(project_course(x, B))), "shape"),
    (lambda x, B: project_course(x, B) + 1e-4 * np.linalg.norm(x), "should give"),
    (lambda x, B: qr_without_rank_check(B) @ x, "not the projection onto their span"),
    (lambda x, B: off_on_nearly_parallel(B) @ x, "two columns at an angle of 1e-3 rad"),
    (lambda x, B: off_on_dependent(B) @ x, "not the projection onto their span"),
    (lambda x, B: elimination_without_pivot_check(B) @ x, "NaN or inf"),
    (lambda x, B: pinv_with_loose_cutoff(B) @ x, "rank cut-off"),
    (lambda x, B: qr_with_loose_dependence_test(B) @ x, "raised ValueError for two columns at an angle of 1e-6"),
])
def test_wrong_projections_are_named(function, phrase):
    result = check.project(function)
    assert not result
    assert phrase in result.message, result.message


def test_project_is_compared_relative_to_x():
    # An error of 1e-7 of |x| is rounding-sized for a float32 computation but not below the float64
    # tolerance, whatever the size of x.
    def off(x, B):
        return project_course(x, B) + 1e-7 * np.linalg.norm(x) * np.ones_like(x)
    assert not check.project(off)


# --- scale-free decisions ------------------------------------------------------------------

@pytest.mark.parametrize("c", [1e-8, 1e8])
def test_scaling_b_inside_the_readers_function_changes_no_verdict(c):
    assert check.projection_matrix(lambda B: matrix_course(c * B))
    assert check.project(lambda x, B: project_course(x, c * B))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), c=st.sampled_from([1e-8, 1e8]), single=st.booleans(),
       shape=st.sampled_from([(3, 1), (4, 2), (6, 3), (3, 3)]))
def test_the_tolerance_is_the_same_for_c_times_b(seed, c, single, shape):
    from mmlbook.check import projections
    B = np.random.default_rng(seed).normal(size=shape)
    assert projections._tolerance(c * B, single) == pytest.approx(projections._tolerance(B, single), rel=1e-6)
    assert projections._resolvable(c * B, single) == projections._resolvable(B, single)
