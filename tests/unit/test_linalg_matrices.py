"""mmlbook.linalg for matrices: elimination, Gram-Schmidt, reflections, power iteration, PageRank.

Each function is compared with an independent reference (NumPy, SciPy, SymPy's
exact rref, networkx's PageRank) and checked for its defining properties.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
import scipy.linalg
import scipy.sparse
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlbook import linalg

SEEDS = st.integers(0, 2**32 - 1)
SIZES = st.integers(1, 7)


def random_matrix(seed, rows, cols, rank=None):
    """A random matrix; with ``rank``, a product of thin factors of that rank."""
    rng = np.random.default_rng(seed)
    if rank is None:
        return rng.normal(size=(rows, cols))
    return rng.normal(size=(rows, rank)) @ rng.normal(size=(rank, cols))


def well_conditioned(seed, n):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, n)) + n * np.eye(n)


# --- elimination ------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(SEEDS, SIZES, SIZES)
def test_row_echelon_is_the_u_of_scipys_lu(seed, rows, cols):
    A = random_matrix(seed, rows, cols)
    U = linalg.row_echelon(A)
    k = min(rows, cols)
    assert np.allclose(U[:k], scipy.linalg.lu(A)[2][:k], atol=1e-9)
    assert np.all(U[k:] == 0)
    assert np.all(np.tril(U, -1) == 0), "zeros below every pivot"


@settings(max_examples=60, deadline=None)
@given(SEEDS, SIZES, SIZES, st.integers(0, 7))
def test_elimination_preserves_rank(seed, rows, cols, rank):
    rank = min(rank, rows, cols)
    A = random_matrix(seed, rows, cols, rank=rank)
    U = linalg.row_echelon(A)
    nonzero_rows = int(np.count_nonzero(np.abs(U).max(axis=1) > 1e-9))
    assert nonzero_rows == np.linalg.matrix_rank(A) == rank


@settings(max_examples=40, deadline=None)
@given(SEEDS, SIZES, SIZES, st.integers(0, 7))
def test_rref_matches_sympy_exactly(seed, rows, cols, rank):
    rng = np.random.default_rng(seed)
    rank = min(rank, rows, cols)
    A = rng.integers(-4, 5, size=(rows, rank)) @ rng.integers(-4, 5, size=(rank, cols))
    exact, _ = sympy.Matrix(A.tolist()).rref()
    assert np.allclose(linalg.rref(A), np.array(exact.tolist(), dtype=float), atol=1e-9)


def test_the_course_matrices():
    assert linalg.is_singular([[2, 0, 0, 0], [0, 3, 0, 0], [0, 0, 4, 4], [0, 0, 5, 5]])
    assert not linalg.is_singular([[2, 0, 0, 0], [0, 3, 0, 0], [0, 0, 4, 4], [0, 0, 5, 6]])
    assert np.allclose(linalg.solve([[2, 3], [10, 1]], [8, 13]), [31 / 28, 27 / 14])  # apples and bananas


@settings(max_examples=60, deadline=None)
@given(SEEDS, SIZES)
def test_solve_determinant_inverse_match_numpy(seed, n):
    A = well_conditioned(seed, n)
    b = np.random.default_rng(seed + 1).normal(size=n)
    B = np.random.default_rng(seed + 2).normal(size=(n, 3))
    assert np.allclose(linalg.solve(A, b), np.linalg.solve(A, b))
    assert linalg.solve(A, B).shape == (n, 3) and np.allclose(linalg.solve(A, B), np.linalg.solve(A, B))
    assert linalg.determinant(A) == pytest.approx(np.linalg.det(A), rel=1e-9)
    assert np.allclose(linalg.inverse(A), np.linalg.inv(A))
    assert np.allclose(linalg.inverse(A) @ A, np.eye(n))


@settings(max_examples=40, deadline=None)
@given(SEEDS, st.integers(2, 7))
def test_singular_matrices_are_recognised_and_refused(seed, n):
    A = random_matrix(seed, n, n, rank=n - 1)
    assert linalg.is_singular(A)
    # determinant keeps every pivot, so a singular matrix gives a rounding-sized number, not 0.0
    assert abs(linalg.determinant(A)) <= linalg.rank_tolerance(A) * np.abs(A).max() ** (n - 1)
    with pytest.raises(ValueError, match="singular"):
        linalg.inverse(A)
    with pytest.raises(ValueError, match="singular"):
        linalg.solve(A, np.ones(n))


def test_determinant_signs_and_products():
    assert linalg.determinant([[0, 1], [1, 0]]) == pytest.approx(-1)  # one swap
    A, B = well_conditioned(1, 4), well_conditioned(2, 4)
    assert linalg.determinant(A @ B) == pytest.approx(linalg.determinant(A) * linalg.determinant(B))
    assert linalg.determinant(linalg.inverse(A)) == pytest.approx(1 / linalg.determinant(A))


# --- Gram-Schmidt and reflections -----------------------------------------------------

@settings(max_examples=80, deadline=None)
@given(SEEDS, st.integers(1, 7), st.integers(1, 7), st.integers(0, 7))
def test_gram_schmidt_is_orthonormal_and_spans_the_columns(seed, rows, cols, rank):
    rank = min(rank, rows, cols)
    A = random_matrix(seed, rows, cols, rank=rank)
    E = linalg.gram_schmidt(A)
    assert E.shape == A.shape
    kept = np.linalg.norm(E, axis=0) > 0
    Q = E[:, kept]
    assert np.allclose(Q.T @ Q, np.eye(Q.shape[1]), atol=1e-10)
    assert np.allclose(Q @ (Q.T @ A), A, atol=1e-8), "every column of A lies in the span"
    assert kept.sum() == rank == linalg.dimension(A) == np.linalg.matrix_rank(A)


def test_gram_schmidt_zeroes_a_dependent_column():
    A = np.array([[1.0, 2.0, 0.0], [1.0, 2.0, 1.0], [0.0, 0.0, 1.0]])   # column 2 = 2 * column 1
    E = linalg.gram_schmidt(A)
    assert np.all(E[:, 1] == 0) and np.linalg.norm(E[:, 0]) == pytest.approx(1)
    assert linalg.dimension(A) == 2


def test_gram_schmidt_stays_orthonormal_for_nearly_dependent_columns():
    eps = 1e-8
    A = np.array([[1, 1, 1], [eps, 0, 0], [0, eps, 0], [0, 0, eps]], dtype=float)  # Läuchli
    E = linalg.gram_schmidt(A, tol=1e-12)
    assert np.allclose(E.T @ E, np.eye(3), atol=1e-10)


def test_reflection_in_the_course_plane():
    basis = np.array([[1, 2, 3], [1, 0, 1], [1, 1, -1]], dtype=float)   # (1,1,1), (2,0,1) | (3,1,-1)
    T = linalg.reflection_matrix(basis)
    assert np.allclose(T @ basis[:, 0], basis[:, 0]) and np.allclose(T @ basis[:, 1], basis[:, 1])
    normal = np.cross(basis[:, 0], basis[:, 1])
    assert np.allclose(T @ normal, -normal)


@settings(max_examples=60, deadline=None)
@given(SEEDS, st.integers(2, 6))
def test_reflections_are_orthogonal_involutions(seed, n):
    T = linalg.reflection_matrix(well_conditioned(seed, n))
    assert np.allclose(T @ T, np.eye(n)) and np.allclose(T, T.T)
    assert np.linalg.det(T) == pytest.approx(-1)
    assert np.allclose(np.sort(np.linalg.eigvalsh(T)), [-1] + [1] * (n - 1))


# --- power iteration and PageRank -------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(SEEDS, st.integers(2, 6), st.booleans())
def test_power_iteration_finds_the_dominant_eigenpair(seed, n, negative):
    rng = np.random.default_rng(seed)
    Q = np.linalg.qr(rng.normal(size=(n, n)))[0]
    values = np.concatenate([[(-1 if negative else 1) * 5.0], rng.uniform(-2, 2, n - 1)])
    A = Q @ np.diag(values) @ Q.T
    value, vector, steps = linalg.power_iteration(A, x0=rng.normal(size=n))
    assert value == pytest.approx(values[0], rel=1e-8)
    assert np.allclose(A @ vector, value * vector, atol=1e-7)
    assert np.linalg.norm(vector) == pytest.approx(1) and 1 <= steps < 1000


def test_power_iteration_refuses_a_rotation():
    with pytest.raises(ValueError, match="did not converge"):
        linalg.power_iteration([[0, -1], [1, 0]], x0=[1.0, 0.0], max_iter=200)


#: The course's micro-internet of six sites A-F: column j holds site j's outgoing links.
MICRO_INTERNET = np.array([
    [0, 1 / 2, 1 / 3, 0, 0, 0],
    [1 / 3, 0, 0, 0, 1 / 2, 0],
    [1 / 3, 1 / 2, 0, 1, 0, 1 / 2],
    [1 / 3, 0, 1 / 3, 0, 1 / 2, 1 / 2],
    [0, 0, 0, 0, 0, 0],
    [0, 0, 1 / 3, 0, 0, 0],
])


def test_pagerank_of_the_course_micro_internet():
    ranks = linalg.pagerank(MICRO_INTERNET, d=1)
    assert np.allclose(100 * ranks, [16, 16 / 3, 40, 76 / 3, 0, 40 / 3], atol=1e-6)
    assert "".join("ABCDEF"[i] for i in np.argsort(-ranks)) == "CDAFBE"


def random_links(seed, n, density=0.3):
    """A random link matrix with some pages that link nowhere (all-zero columns)."""
    rng = np.random.default_rng(seed)
    links = (rng.random((n, n)) < density).astype(float)
    np.fill_diagonal(links, 0)
    links[:, rng.random(n) < 0.2] = 0
    sums = links.sum(axis=0)
    return np.divide(links, sums, out=np.zeros_like(links), where=sums > 0)


@settings(max_examples=40, deadline=None)
@given(SEEDS, st.integers(1, 30), st.floats(0.0, 0.95))
def test_pagerank_sums_to_one_and_is_a_fixed_point(seed, n, d):
    L = random_links(seed, n)
    r = linalg.pagerank(L, d=d, tol=1e-13)
    assert r.sum() == pytest.approx(1) and np.all(r >= 0)
    dangling = L.sum(axis=0) == 0
    step = d * (L @ r + r[dangling].sum() / n) + (1 - d) / n
    assert np.allclose(step, r, atol=1e-11)


@settings(max_examples=25, deadline=None)
@given(SEEDS, st.integers(2, 40), st.sampled_from([0.5, 0.85, 0.95]))
def test_pagerank_matches_networkx(seed, n, d):
    L = random_links(seed, n)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from((j, i, L[i, j]) for i, j in zip(*np.nonzero(L)))
    reference = nx.pagerank(graph, alpha=d, tol=1e-14, max_iter=10_000)
    assert np.allclose(linalg.pagerank(L, d=d, tol=1e-13), [reference[i] for i in range(n)], atol=1e-9)


def test_pagerank_sparse_equals_dense():
    L = random_links(7, 60)
    assert np.allclose(linalg.pagerank(scipy.sparse.csc_matrix(L)), linalg.pagerank(L), atol=1e-12)
    assert np.allclose(linalg.pagerank(scipy.sparse.coo_array(L)), linalg.pagerank(L), atol=1e-12)


# --- bad input -----------------------------------------------------------------------------

MATRIX_FUNCTIONS = [linalg.row_echelon, linalg.rref, linalg.is_singular, linalg.determinant,
                    linalg.inverse, linalg.gram_schmidt, linalg.dimension, linalg.reflection_matrix,
                    linalg.power_iteration, linalg.pagerank]
SQUARE_ONLY = {linalg.is_singular, linalg.determinant, linalg.inverse, linalg.reflection_matrix,
               linalg.power_iteration, linalg.pagerank}


@pytest.mark.parametrize("function", MATRIX_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad, error, words", [
    ("abc", TypeError, "array of numbers"),
    (None, TypeError, "array of numbers"),
    ([1.0, 2.0], ValueError, "dimension"),
    ([[1.0, np.nan], [0.0, 1.0]], ValueError, "finite"),
    ([[1.0, np.inf], [0.0, 1.0]], ValueError, "finite"),
    (np.zeros((0, 0)), ValueError, "empty"),
])
def test_matrix_functions_name_bad_matrices(function, bad, error, words):
    with pytest.raises(error, match=words):
        function(bad)


@pytest.mark.parametrize("function", sorted(SQUARE_ONLY, key=lambda f: f.__name__), ids=lambda f: f.__name__)
def test_square_only_functions_refuse_rectangles(function):
    with pytest.raises(ValueError, match="square"):
        function(np.ones((2, 3)) / 2)


@pytest.mark.parametrize("call, error, words", [
    (lambda: linalg.solve(np.eye(2), [1.0, 2.0, 3.0]), ValueError, "b must have 2 rows"),
    (lambda: linalg.solve(np.eye(2), "ab"), TypeError, "b"),
    (lambda: linalg.row_echelon(np.eye(2), tol=-1), ValueError, "tol"),
    (lambda: linalg.gram_schmidt(np.eye(2), tol="small"), TypeError, "tol"),
    (lambda: linalg.reflection_matrix([[1.0, 2.0], [2.0, 4.0]]), ValueError, "independent"),
    (lambda: linalg.power_iteration(np.eye(2), x0=[0.0, 0.0]), ValueError, "zero vector"),
    (lambda: linalg.power_iteration(np.eye(2), x0=[1.0]), ValueError, "x0"),
    (lambda: linalg.power_iteration(np.eye(2), max_iter=0), ValueError, "max_iter"),
    (lambda: linalg.power_iteration(np.eye(2), max_iter=2.5), TypeError, "max_iter"),
    (lambda: linalg.pagerank(MICRO_INTERNET.T), ValueError, "transpose"),
    (lambda: linalg.pagerank(-MICRO_INTERNET), ValueError, "negative"),
    (lambda: linalg.pagerank(MICRO_INTERNET, d=1.5), ValueError, "d must be"),
    (lambda: linalg.pagerank(MICRO_INTERNET, d="0.85"), TypeError, "d must be"),
    (lambda: linalg.pagerank(MICRO_INTERNET, tol=0), ValueError, "tol"),
    (lambda: linalg.pagerank(scipy.sparse.csr_array(np.array([[np.nan, 1.0], [1.0, 0.0]]))), ValueError,
     "finite"),
    (lambda: linalg.pagerank([[0, 1, 1], [1, 0, 0], [0, 0, 0]], d=1, max_iter=50), ValueError,
     "did not converge"),  # pages 0 and 1 swap rank for ever
])
def test_bad_arguments_are_named(call, error, words):
    with pytest.raises(error, match=words):
        call()


# --- scale: A and c * A get the same rank decisions (rank_tolerance) ------------------------

#: From tiny to huge; none is a power of two, so c * A is rounded and not just re-exponented.
SCALES = st.sampled_from([1e-8, 1e-3, 1.0, 1e3, 1e8])


def pivot_columns(R):
    """The column of the first non-zero entry of each non-zero row of an echelon form."""
    return [int(np.flatnonzero(row)[0]) for row in R if np.any(row)]


@settings(max_examples=80, deadline=None)
@given(SEEDS, st.integers(1, 8), st.integers(1, 8), st.integers(0, 8), SCALES)
def test_rank_and_pivots_do_not_depend_on_scale(seed, rows, cols, rank, c):
    rank = min(rank, rows, cols)
    A = random_matrix(seed, rows, cols, rank=rank)
    pivots = pivot_columns(linalg.rref(A))
    assert len(pivots) == rank == np.linalg.matrix_rank(A)
    assert pivot_columns(linalg.rref(c * A)) == pivots
    assert pivot_columns(linalg.row_echelon(c * A)) == pivot_columns(linalg.row_echelon(A)) == pivots
    if rows == cols:
        assert linalg.is_singular(c * A) == linalg.is_singular(A) == (rank < rows)


@settings(max_examples=60, deadline=None)
@given(SEEDS, st.integers(2, 8), st.integers(1, 7), SCALES)
def test_rank_deficient_products_are_singular_at_every_scale(seed, n, r, c):
    r = min(r, n - 1)
    rng = np.random.default_rng(seed)
    A = c * (rng.normal(size=(n, r)) @ rng.normal(size=(r, n)))   # B @ C of rank r < n
    assert linalg.is_singular(A)
    assert len(pivot_columns(linalg.row_echelon(A))) == r == linalg.dimension(A)
    with pytest.raises(ValueError, match="singular"):
        linalg.solve(A, rng.normal(size=n))
    with pytest.raises(ValueError, match="singular"):
        linalg.inverse(A)


@settings(max_examples=60, deadline=None)
@given(SEEDS, SIZES, SCALES)
def test_solve_inverse_determinant_scale_as_they_should(seed, n, c):
    A = well_conditioned(seed, n)
    b = np.random.default_rng(seed + 1).normal(size=n)
    x = linalg.solve(A, b)
    assert np.allclose(linalg.solve(c * A, b) * c, x, rtol=1e-9, atol=0)
    assert np.allclose(linalg.solve(A, c * b), c * x, rtol=1e-9, atol=0)   # b's size decides nothing
    assert np.allclose(linalg.inverse(c * A) * c, linalg.inverse(A), rtol=1e-8, atol=1e-12)
    assert linalg.determinant(c * A) == pytest.approx(c ** n * linalg.determinant(A), rel=1e-9)
    assert linalg.determinant(c * A) == pytest.approx(np.linalg.det(c * A), rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(SEEDS, st.integers(1, 8), st.integers(1, 8), st.integers(0, 8), SCALES)
def test_gram_schmidt_does_not_depend_on_scale(seed, rows, cols, rank, c):
    rank = min(rank, rows, cols)
    A = random_matrix(seed, rows, cols, rank=rank)
    E = linalg.gram_schmidt(A)
    scaled = linalg.gram_schmidt(c * A)
    assert np.array_equal(np.linalg.norm(scaled, axis=0) > 0, np.linalg.norm(E, axis=0) > 0)
    assert np.allclose(scaled, E, atol=1e-8)
    assert linalg.dimension(c * A) == rank


# --- regressions: the review's examples -----------------------------------------------------

def test_solve_decides_singularity_from_a_alone():
    assert np.allclose(linalg.solve([[2, 3], [10, 1]], [8e10, 13e10]), [31e10 / 28, 27e10 / 14], rtol=1e-12)
    assert np.array_equal(linalg.solve(np.eye(2), [1e11, 1]), [1e11, 1])
    assert np.allclose(linalg.solve(np.eye(2), [[1e11, 0], [1, 1e-11]]), [[1e11, 0], [1, 1e-11]], rtol=1e-15)


def test_a_small_matrix_is_not_a_singular_one():
    tiny = 1e-11 * np.eye(2)
    assert not linalg.is_singular(tiny)
    assert np.allclose(linalg.inverse(tiny), 1e11 * np.eye(2), rtol=1e-12)
    assert np.array_equal(linalg.rref(tiny), np.eye(2))
    assert linalg.is_singular(np.zeros((2, 2)))


def test_row_echelon_keeps_a_small_pivot_as_scipy_lu_does():
    A = np.array([[1e3, 0, 0], [0, 1e-8, 1], [0, 0, 1]])
    assert np.allclose(linalg.row_echelon(A), scipy.linalg.lu(A)[2], rtol=1e-12, atol=0)
    assert not linalg.is_singular(A)


def test_an_explicit_tol_is_relative_to_the_largest_entry():
    A = np.array([[1.0, 0.0], [0.0, 1e-6]])
    assert not linalg.is_singular(A) and linalg.is_singular(A, tol=1e-5)
    assert linalg.is_singular(1e9 * A, tol=1e-5) and not linalg.is_singular(1e-9 * A, tol=1e-7)
    assert linalg.is_singular(A, tol=1e-6)   # "no larger than": tol * max|a_ij| itself counts as zero
    with pytest.raises(ValueError, match="singular"):
        linalg.solve(A, [1.0, 1.0], tol=1e-5)
    assert linalg.dimension(A, tol=1e-5) == 1 and linalg.dimension(A) == 2


@pytest.mark.parametrize("A, expected", [
    (np.diag([1e6, 1e-5]), 10.0),
    ([[1e-12]], 1e-12),
    (1e-11 * np.eye(2), 1e-22),
    (np.diag([1e200, 1e-200, 3.0]), 3.0),        # the pivots' product is formed without overflow
    (np.diag([1e-200, 1e-200, 1e250]), 1e-150),  # ... and without underflow
    ([[0, 0], [0, 1]], 0.0), ([[1, 2], [2, 4]], 0.0),   # no non-zero candidate at all: exactly 0
])
def test_determinant_keeps_small_pivots(A, expected):
    value = linalg.determinant(A)
    assert value == pytest.approx(expected, rel=1e-12) and type(value) is float
    if expected == 0.0:
        assert value == 0.0


def test_determinant_out_of_range_is_infinite_or_zero_like_the_number_itself():
    assert linalg.determinant(np.diag([1e200, -1e200])) == -np.inf
    assert linalg.determinant(np.diag([1e-200, 1e-200])) == 0.0


@pytest.mark.parametrize("c", [1e-200, 1e-100, 1.0, 1e100, 1e200])
def test_gram_schmidt_neither_overflows_nor_underflows(c):
    A = np.array([[1.0, 2.0], [1.0, 0.0]])
    assert np.allclose(linalg.gram_schmidt(c * A), np.array([[1, 1], [1, -1]]) / np.sqrt(2), atol=1e-14)
    assert linalg.dimension(c * np.array([[1.0, 2.0], [1.0, 2.0]])) == 1


@pytest.mark.parametrize("call", [
    lambda: linalg.gram_schmidt(np.array([[1, 1j], [0, 1]])),
    lambda: linalg.dimension([[1 + 1j, 0], [0, 1]]),
    lambda: linalg.solve(np.eye(2), np.array([1, 1j])),
    lambda: linalg.row_echelon(np.eye(2, dtype=complex)),
    lambda: linalg.power_iteration(np.eye(2), x0=[1, 1j]),
    lambda: linalg.pagerank(scipy.sparse.csr_array(np.array([[0, 1], [1, 0]], dtype=complex))),
    lambda: linalg.pagerank(np.array([[0, 1], [1, 0]], dtype=complex)),
    lambda: linalg.lp_norm([3, 4j]),
])
def test_complex_input_is_refused_not_truncated(call):
    with pytest.raises(TypeError, match="real numbers"):
        call()


# --- power iteration: the start and the diagnoses ---------------------------------------------

def test_a_start_on_an_eigenvector_when_no_dominant_one_exists_is_flagged_as_unknown():
    # +1 and -1 tie in size: a random start does not converge, so whether -1 is dominant is not known
    with pytest.warns(UserWarning, match="may not be the dominant eigenvalue"):
        assert linalg.power_iteration([[1, 0], [0, -1]], x0=[0, 1])[0] == pytest.approx(-1.0)


def test_the_default_start_is_not_all_ones():
    # all ones is an eigenvector (for -2) of every matrix with row sums -2, like this one
    value, vector, _ = linalg.power_iteration([[1, -3], [-3, 1]])
    assert value == pytest.approx(4.0, rel=1e-12)
    assert np.allclose(vector, [1, -1] / np.sqrt(2))   # the default start's result: largest entry positive
    assert linalg.power_iteration([[1, -3], [-3, 1]])[2] == linalg.power_iteration([[1, -3], [-3, 1]])[2]


def test_the_default_start_gives_a_positive_perron_vector():
    value, vector, _ = linalg.power_iteration(MICRO_INTERNET + 0.01)
    assert np.all(vector > 0) and value == pytest.approx(np.max(np.abs(np.linalg.eigvals(MICRO_INTERNET + 0.01))))


def test_a_start_on_a_smaller_eigenvector_is_named():
    with pytest.warns(UserWarning, match=r"eigenvalue 1, which is not the dominant one.*finds 3"):
        value, vector, steps = linalg.power_iteration([[2, 1], [1, 2]], x0=[1, -1])
    assert value == pytest.approx(1.0) and steps == 1   # what power iteration from x0 does


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("A, x0, expected", [
    ([[2, 1], [1, 2]], [1, 1], 3.0),            # the dominant eigenvector itself: no warning
    ([[5.0]], [2.0], 5.0),                       # 1 x 1: every start is the dominant eigenvector
    (3 * np.eye(3), [1, 2, 3], 3.0),
])
def test_a_start_on_a_dominant_eigenvector_is_not_warned_about(A, x0, expected):
    assert linalg.power_iteration(A, x0=x0)[0] == pytest.approx(expected)


@pytest.mark.parametrize("A, words", [
    ([[2, 1], [0, 2]], "defective"),                        # Jordan block: error like 1/k
    ([[1, 0], [0, 0.999]], "close in size"),                # rate 0.999: too slow for 1000 steps
    ([[0, -1], [1, 0]], "keeps moving"),                    # rotation: complex pair of size 1
    ([[1, 0], [0, -1]], "lambda and -lambda"),              # +1 and -1
    ([[0, 0, 1], [1, 0, 0], [0, 1, 0]], "share the largest size"),   # a 3-cycle
])
def test_no_convergence_is_diagnosed_honestly(A, words):
    with pytest.raises(ValueError, match="did not converge") as info:
        linalg.power_iteration(A)
    assert words in str(info.value)


def test_a_jordan_block_is_not_blamed_on_equal_eigenvalues():
    with pytest.raises(ValueError) as info:
        linalg.power_iteration([[2, 1], [0, 2]])
    assert "keeps moving" not in str(info.value) and "cannot tell these apart" in str(info.value)


# --- PageRank: the iteration budget follows d --------------------------------------------------

def star_web(n=10):
    """Page 0 links to every other page, and every other page links only to page 0."""
    L = np.zeros((n, n))
    L[0, 1:] = 1.0
    L[1:, 0] = 1.0 / (n - 1)
    return L


def test_pagerank_with_d_near_one_gets_enough_iterations():
    r = linalg.pagerank(star_web(), d=0.99)
    G = nx.DiGraph([(0, i) for i in range(1, 10)] + [(i, 0) for i in range(1, 10)])
    reference = nx.pagerank(G, alpha=0.99, tol=1e-13, max_iter=100_000)
    assert np.allclose(r, [reference[i] for i in range(10)], atol=1e-8)


def test_pagerank_names_the_iterations_d_needs():
    with pytest.raises(ValueError, match=r"d = 0.99 the change shrinks by a factor of about d.*2430 iterations"):
        linalg.pagerank(star_web(), d=0.99, max_iter=1000)


@settings(max_examples=40, deadline=None)
@given(SEEDS, st.integers(1, 30), st.floats(0.0, 0.995), st.sampled_from([1e-6, 1e-10, 1e-13]))
def test_pagerank_default_budget_is_enough(seed, n, d, tol):
    r = linalg.pagerank(random_links(seed, n), d=d, tol=tol)    # must not raise
    assert r.sum() == pytest.approx(1)


# --- bad tolerances ----------------------------------------------------------------------------

TOL_FUNCTIONS = [linalg.row_echelon, linalg.rref, linalg.is_singular, linalg.inverse, linalg.gram_schmidt,
                 linalg.dimension, lambda A, tol: linalg.solve(A, np.ones(2), tol)]


@pytest.mark.parametrize("function", TOL_FUNCTIONS)
@pytest.mark.parametrize("tol, error, words", [
    (-1e-10, ValueError, "tol must be >= 0"),
    (np.nan, ValueError, "tol must be finite"),
    (np.inf, ValueError, "tol must be finite"),
    (1e-10 + 0j, TypeError, "tol must be a number, got complex"),
    ("1e-10", TypeError, "tol must be a number, got str"),
    (True, TypeError, "tol must be a number"),
    ([1e-10], TypeError, "tol must be a number"),
])
def test_bad_tol_is_named(function, tol, error, words):
    with pytest.raises(error, match=words):
        function(np.eye(2), tol=tol)


@pytest.mark.parametrize("max_iter, error", [(0, ValueError), (2.5, TypeError), ("100", TypeError),
                                             (np.nan, TypeError)])
def test_pagerank_bad_max_iter_is_named(max_iter, error):
    with pytest.raises(error, match="max_iter"):
        linalg.pagerank(MICRO_INTERNET, max_iter=max_iter)


@settings(max_examples=40, deadline=None)
@given(SEEDS, st.integers(2, 6), st.booleans(), SCALES)
def test_power_iteration_default_start_finds_the_dominant_eigenpair_at_every_scale(seed, n, negative, c):
    rng = np.random.default_rng(seed)
    Q = np.linalg.qr(rng.normal(size=(n, n)))[0]
    values = np.concatenate([[(-1 if negative else 1) * 5.0], rng.uniform(-2, 2, n - 1)])
    A = c * (Q @ np.diag(values) @ Q.T)
    value, vector, _ = linalg.power_iteration(A)
    assert value == pytest.approx(c * values[0], rel=1e-8)
    assert np.allclose(A @ vector, value * vector, atol=1e-7 * c)
    assert vector[np.argmax(np.abs(vector))] > 0


def test_undamped_pagerank_that_cycles_says_so():
    with pytest.raises(ValueError, match="with d = 1: undamped.*periodic"):
        linalg.pagerank([[0, 1, 1], [1, 0, 0], [0, 0, 0]], d=1)   # pages 0 and 1 swap rank for ever
