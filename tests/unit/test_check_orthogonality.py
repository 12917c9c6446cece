"""Tests for the Chapter 5 checkers: right answers pass, each typical mistake is named."""

from __future__ import annotations

import doctest
import itertools

import numpy as np
import pytest

from mmlbook import check, linalg
from mmlbook.check import orthogonality


# --- reference solutions, written as a reader would -----------------------------------------

def gs_reference(A, tol=1e-10):
    """The book's solution: classical Gram-Schmidt, dependent columns as zeros."""
    A = np.asarray(A, dtype=float)
    E = np.zeros_like(A)
    for j in range(A.shape[1]):
        u = A[:, j] - E[:, :j] @ (E[:, :j].T @ A[:, j])
        length = np.linalg.norm(u)
        if length > tol * np.linalg.norm(A[:, j]):
            E[:, j] = u / length
    return E


def gs_modified(A):
    """Modified Gram-Schmidt: subtract one projection at a time, from what is left."""
    A = np.array(A, dtype=float)
    E = np.zeros_like(A)
    for j in range(A.shape[1]):
        v = A[:, j].copy()
        for i in range(j):
            v -= (E[:, i] @ v) * E[:, i]
        if np.linalg.norm(v) > 1e-10 * np.linalg.norm(A[:, j]):
            E[:, j] = v / np.linalg.norm(v)
    return E


def gs_list_of_vectors(A):
    """NumPy vectors collected in a list, then stacked as columns."""
    basis = []
    for a in np.asarray(A, dtype=float).T:
        u = a - sum((e @ a) * e for e in basis) if basis else a.copy()
        keep = np.linalg.norm(u) > 1e-10 * np.linalg.norm(a)
        basis.append(u / np.linalg.norm(u) if keep else np.zeros_like(a))
    return np.column_stack(basis)


def gs_plain_python(A):
    """No NumPy at all: lists of floats, loops, math.sqrt; returns a list of rows."""
    import math
    rows = [list(map(float, row)) for row in A]
    m, n = len(rows), len(rows[0])
    columns = [[rows[i][j] for i in range(m)] for j in range(n)]
    out = []
    for a in columns:
        u = a[:]
        for e in out:
            c = sum(ei * ai for ei, ai in zip(e, a))
            u = [ui - c * ei for ui, ei in zip(u, e)]
        length, size = math.sqrt(sum(x * x for x in u)), math.sqrt(sum(x * x for x in a))
        out.append([x / length for x in u] if length > 1e-10 * size else [0.0] * m)
    return [[out[j][i] for j in range(n)] for i in range(m)]


def gs_qr(A):
    """NumPy's QR on the independent columns, signs fixed so that R has a positive diagonal."""
    A = np.asarray(A, dtype=float)
    keep = []
    for j in range(A.shape[1]):                       # matrix_rank's default tolerance is relative
        if np.linalg.matrix_rank(A[:, keep + [j]]) > len(keep):
            keep.append(j)
    Q, R = np.linalg.qr(A[:, keep])
    E = np.zeros_like(A)
    E[:, keep] = Q * np.sign(np.diag(R))
    return E


def gs_float32(A):
    """Classical Gram-Schmidt in single precision, with a tolerance fit for it (about 100 float32 eps)."""
    A = np.asarray(A, dtype=np.float32)
    E = np.zeros_like(A)
    for j in range(A.shape[1]):
        u = A[:, j] - E[:, :j] @ (E[:, :j].T @ A[:, j])
        if np.linalg.norm(u) > 1e-5 * np.linalg.norm(A[:, j]):
            E[:, j] = u / np.linalg.norm(u)
    return E


def gs_imperial_relative(A):
    """The Imperial course's gsBasis shape (work on B, modified order, zeros_like), relative tolerance."""
    B = np.array(A, dtype=np.float64)
    for i in range(B.shape[1]):
        size = np.linalg.norm(B[:, i])
        for j in range(i):
            B[:, i] = B[:, i] - B[:, i] @ B[:, j] * B[:, j]
        if np.linalg.norm(B[:, i]) > 1e-10 * size:
            B[:, i] = B[:, i] / np.linalg.norm(B[:, i])
        else:
            B[:, i] = np.zeros_like(B[:, i])
    return B


def gs_rank_tolerance(A):
    """The book's rank convention: a remainder below linalg.rank_tolerance(A) is zero."""
    A = np.asarray(A, dtype=float)
    E, tol = np.zeros_like(A), linalg.rank_tolerance(A)
    for j in range(A.shape[1]):
        u = A[:, j] - E[:, :j] @ (E[:, :j].T @ A[:, j])
        u -= E[:, :j] @ (E[:, :j].T @ u)
        if np.linalg.norm(u) > tol:
            E[:, j] = u / np.linalg.norm(u)
    return E


def gs_flipped_signs(A):
    return -gs_reference(A)


def reflection_reference(basis):
    E = gs_reference(basis)
    T_E = np.diag([1.0] * (len(E) - 1) + [-1.0])
    return E @ T_E @ E.T


def reflection_householder(basis):
    E = gs_reference(basis)
    n = E[:, -1]
    return np.eye(len(n)) - 2 * np.outer(n, n)


# --- gram_schmidt: right answers ---------------------------------------------------------

GS_RIGHT = [gs_reference, gs_modified, gs_list_of_vectors, gs_plain_python, gs_qr, gs_imperial_relative,
            gs_rank_tolerance, linalg.gram_schmidt]


@pytest.mark.parametrize("function", GS_RIGHT)
def test_gram_schmidt_accepts_correct_functions(function):
    result = check.gram_schmidt(function)
    assert result and isinstance(result, check.Result), result.message
    assert "correct" in result.message and "sign" not in result.message
    assert "scaled by 1e-6 and 1e6" in result.message and "float32" not in result.message
    assert str(result).startswith("✔ gram_schmidt")


def test_gram_schmidt_accepts_float32_and_says_what_was_not_tested():
    result = check.gram_schmidt(gs_float32)
    assert result, result.message
    assert "single precision (float32)" in result.message and "were not tested" in result.message


def test_gram_schmidt_accepts_opposite_signs_and_says_so():
    result = check.gram_schmidt(gs_flipped_signs)
    assert result and "sign" in result.message


# --- gram_schmidt: each typical mistake gets its own message --------------------------------

def gs_not_normalised(A):
    A = np.asarray(A, dtype=float)
    U = np.zeros_like(A)
    for j in range(A.shape[1]):
        u = A[:, j].copy()
        for i in range(j):
            if U[:, i] @ U[:, i] > 1e-20:
                u -= (U[:, i] @ A[:, j]) / (U[:, i] @ U[:, i]) * U[:, i]
        U[:, j] = u if np.linalg.norm(u) > 1e-10 else 0.0
    return U


def gs_normalise_first(A):
    A = np.asarray(A, dtype=float)
    Q = np.zeros_like(A)
    for j in range(A.shape[1]):
        v = A[:, j] / np.linalg.norm(A[:, j])
        for i in range(j):
            v = v - (Q[:, i] @ v) * Q[:, i]
        Q[:, j] = v
    return Q


def gs_unnormalised_projection(A):
    A = np.asarray(A, dtype=float)
    U = np.zeros_like(A)
    for j in range(A.shape[1]):
        U[:, j] = A[:, j] - sum((U[:, i] @ A[:, j]) * U[:, i] for i in range(j))
    return U / np.linalg.norm(U, axis=0)


def gs_onto_original(A):
    A = np.asarray(A, dtype=float)
    E = np.zeros_like(A)
    for j in range(A.shape[1]):
        u = A[:, j] - sum((A[:, i] @ A[:, j]) / (A[:, i] @ A[:, i]) * A[:, i] for i in range(j))
        E[:, j] = u / np.linalg.norm(u)
    return E


def gs_no_tolerance(A):
    A = np.asarray(A, dtype=float)
    E = np.zeros_like(A)
    for j in range(A.shape[1]):
        u = A[:, j] - E[:, :j] @ (E[:, :j].T @ A[:, j])
        if np.linalg.norm(u) != 0:
            E[:, j] = u / np.linalg.norm(u)
    return E


def gs_divides_always(A):
    A = np.asarray(A, dtype=float)
    E = np.zeros_like(A)
    for j in range(A.shape[1]):
        u = A[:, j] - E[:, :j] @ (E[:, :j].T @ A[:, j])
        E[:, j] = u / np.linalg.norm(u)
    return E


def gs_in_place(A):
    for j in range(A.shape[1]):
        A[:, j] -= A[:, :j] @ (A[:, :j].T @ A[:, j])
        length = np.linalg.norm(A[:, j])
        A[:, j] = A[:, j] / length if length > 1e-10 else 0.0
    return A


def gs_drops_dependent(A):
    E = gs_reference(A)
    return E[:, np.linalg.norm(E, axis=0) > 0]


def gs_loose_tolerance(A, tol=0.5):
    """A relative test, but "half its length" is far too loose: nearly parallel columns vanish."""
    A = np.asarray(A, dtype=float)
    E = np.zeros_like(A)
    for j in range(A.shape[1]):
        u = A[:, j] - E[:, :j] @ (E[:, :j].T @ A[:, j])
        if np.linalg.norm(u) > tol * np.linalg.norm(A[:, j]):
            E[:, j] = u / np.linalg.norm(u)
    return E


def gs_absolute(A, threshold=1e-10):
    """The forum favourite: if np.linalg.norm(u) > 1e-10, a threshold that ignores A's scale."""
    A = np.asarray(A, dtype=float)
    E = np.zeros_like(A)
    for j in range(A.shape[1]):
        u = A[:, j] - E[:, :j] @ (E[:, :j].T @ A[:, j])
        if np.linalg.norm(u) > threshold:
            E[:, j] = u / np.linalg.norm(u)
    return E


verySmallNumber = 1e-14   # the Imperial course's name and value


def gs_imperial_original(A):
    """The Imperial course's gsBasis as given: modified order, an ABSOLUTE threshold of 1e-14."""
    B = np.array(A, dtype=np.float64)
    for i in range(B.shape[1]):
        for j in range(i):
            B[:, i] = B[:, i] - B[:, i] @ B[:, j] * B[:, j]
        if np.linalg.norm(B[:, i]) > verySmallNumber:
            B[:, i] = B[:, i] / np.linalg.norm(B[:, i])
        else:
            B[:, i] = np.zeros_like(B[:, i])
    return B


GS_WRONG = {
    "not normalised": (gs_not_normalised, ["not of length 1", "divide"]),
    "normalise first": (gs_normalise_first, ["BEFORE subtracting", "Subtract first"]),
    "unnormalised projection": (gs_unnormalised_projection, ["not of length 1", "(u_i · u_i)"]),
    "onto original columns": (gs_onto_original, ["ORIGINAL columns", "e_i"]),
    "rows": (lambda A: gs_reference(np.asarray(A).T).T, ["ROWS", "A[:, j]"]),
    "rows, row-wise code": (lambda A: gs_list_of_vectors(np.asarray(A).T).T, ["ROWS"]),
    "dependent not zeroed (== 0)": (gs_no_tolerance, ["depends on the earlier", "tolerance", "== 0"]),
    "dependent gives NaN": (gs_divides_always, ["NaN", "0/0", "tolerance"]),
    "in place": (gs_in_place, ["changed the matrix A", "copy"]),
    "drops dependent columns": (gs_drops_dependent, ["leaves dependent columns out", "zeros"]),
    "returns rows": (lambda A: gs_reference(A).T, ["transpose", "np.column_stack"]),
    "wrong shape": (lambda A: gs_reference(A)[:-1], ["same shape as A"]),
    "returns None": (lambda A: None, ["None", "return"]),
    "returns text": (lambda A: "E", ["should return a matrix", "str"]),
    "tolerance 0.5 of the length": (gs_loose_tolerance, ["too loose", "nearly parallel but independent"]),
    "tolerance 1e-4 of the length": (lambda A: gs_loose_tolerance(A, 1e-4), ["too loose", "about 1e-06 radians"]),
    "absolute 1e-3": (lambda A: gs_absolute(A, 1e-3), ["too loose"]),
    "absolute 1e-10": (gs_absolute, ["does not scale with A", "1e-06 * A", "is zeros"]),
    "absolute 1e-14 (Imperial gsBasis)": (gs_imperial_original, ["does not scale with A", "1e+06 * A",
                                                                 "passed your fixed threshold"]),
    "absolute 1e-12": (lambda A: gs_absolute(A, 1e-12), ["does not scale with A"]),
}


@pytest.mark.parametrize("name", GS_WRONG)
def test_gram_schmidt_names_each_typical_mistake(name):
    function, words = GS_WRONG[name]
    with np.errstate(all="ignore"):
        result = check.gram_schmidt(function)
    assert not result
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_gram_schmidt_mistakes_differ_on_the_probes():
    # Each variant must differ from the right answer, and from every other variant.
    answers = [linalg.gram_schmidt] + [f for f, _ in orthogonality.GS_MISTAKES]
    for first, second in itertools.combinations(range(len(answers)), 2):
        same = all(np.allclose(answers[first](A), answers[second](A), atol=1e-6)
                   for A in orthogonality._INDEPENDENT_PROBES)
        assert not same, f"answers {first} and {second} agree on every probe"


def test_gram_schmidt_unknown_mistake_shows_expected_and_got():
    def almost(A):
        E = gs_reference(A)
        E[0, -1] += 0.01
        return E

    result = check.gram_schmidt(almost)
    assert not result
    assert "For A = [[3., 1., 2.]" in result.message and "column E[:, 2]" in result.message
    assert "should be" in result.message and "returned" in result.message


def test_gram_schmidt_reports_a_function_that_raises():
    result = check.gram_schmidt(lambda A: np.linalg.qr(A, mode="bogus"))
    assert not result and "gram_schmidt([[3. 1. 2.]" in result.message and "raised ValueError" in result.message


@pytest.mark.parametrize("not_a_function", [None, 3, "gram_schmidt", np.eye(2)])
def test_gram_schmidt_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="gram_schmidt must be a function"):
        check.gram_schmidt(not_a_function)


# --- reflection_matrix ---------------------------------------------------------------------

def reflection_normal_formula(basis):
    """I - 2 n n^T / (n^T n) with the unnormalised remainder n: no Gram-Schmidt of the mirror needed."""
    B = np.asarray(basis, dtype=float)
    M = B[:, :-1]
    n = B[:, -1] - M @ np.linalg.solve(M.T @ M, M.T @ B[:, -1])    # last column minus its projection
    return np.eye(len(B)) - 2 * np.outer(n, n) / (n @ n)


def reflection_qr(basis):
    """NumPy's QR for the orthonormal basis: column signs do not matter, they cancel in E T_E E^T."""
    Q, _ = np.linalg.qr(np.asarray(basis, dtype=float))
    return Q @ np.diag([1.0] * (len(Q) - 1) + [-1.0]) @ Q.T


def reflection_plain_python(basis):
    """Lists and loops: T[i][k] = delta_ik - 2 n_i n_k with the unit normal from the book's Gram-Schmidt."""
    E = gs_plain_python(basis)
    size = len(E)
    n = [E[i][size - 1] for i in range(size)]
    return [[(1.0 if i == k else 0.0) - 2 * n[i] * n[k] for k in range(size)] for i in range(size)]


def reflection_imperial(basis):
    """The course's Reflecting Bear: E = gsBasis(bearBasis); T = E @ TE @ transpose(E)."""
    E = gs_imperial_original(basis)
    TE = np.diag([1] * (len(E) - 1) + [-1])
    return E @ TE @ np.transpose(E)


def reflection_float32(basis):
    E = gs_float32(basis)
    return E @ np.diag(np.array([1] * (len(E) - 1) + [-1], dtype=np.float32)) @ E.T


REFLECTION_RIGHT = [reflection_reference, reflection_householder, reflection_normal_formula, reflection_qr,
                    reflection_plain_python, reflection_imperial, linalg.reflection_matrix]


@pytest.mark.parametrize("function", REFLECTION_RIGHT)
def test_reflection_matrix_accepts_correct_functions(function):
    result = check.reflection_matrix(function)
    assert result and "correct" in result.message, result.message
    assert "float32" not in result.message


def test_reflection_matrix_accepts_float32_and_says_so():
    result = check.reflection_matrix(reflection_float32)
    assert result and "single precision, float32" in result.message


def flip(n, where=-1):
    signs = np.ones(n)
    signs[where] = -1
    return np.diag(signs)


REFLECTION_WRONG = {
    "wrong order": (lambda B: gs_reference(B).T @ flip(len(B)) @ gs_reference(B), ["wrong way round", "E @ T_E @ E.T"]),
    "no Gram-Schmidt, inverse": (lambda B: B @ flip(len(B)) @ np.linalg.inv(B), ["not an orthogonal matrix", "gram_schmidt"]),
    "no Gram-Schmidt, transpose": (lambda B: B @ flip(len(B)) @ B.T, ["without Gram-Schmidt"]),
    "normalised, not orthogonalised": (
        lambda B: (B / np.linalg.norm(B, axis=0)) @ flip(len(B)) @ (B / np.linalg.norm(B, axis=0)).T,
        ["not made orthogonal", "Gram-Schmidt"]),
    "flips the first": (lambda B: gs_reference(B) @ flip(len(B), 0) @ gs_reference(B).T, ["FIRST coordinate"]),
    "keeps the normal": (lambda B: -reflection_reference(B), ["diag(-1, ..., -1, 1)"]),
    "identity": (lambda B: gs_reference(B) @ gs_reference(B).T, ["identity"]),
    "T_E only": (lambda B: flip(len(B)), ["NEW basis", "E @ T_E @ E.T"]),
    "rows": (lambda B: reflection_reference(np.asarray(B).T), ["ROWS"]),
    "in place": (lambda B: gs_in_place(B) @ flip(len(B)) @ B.T, ["changed the basis", "copy"]),
    "wrong shape": (lambda B: reflection_reference(B)[:, :-1], ["same shape as basis"]),
    "not symmetric": (lambda B: reflection_reference(B) + np.triu(np.ones_like(B), 1) * 0.1,
                      ["not symmetric", "Expected"]),
    "not orthogonal": (lambda B: 1.1 * reflection_reference(B), ["not orthogonal", "Expected"]),
    "NaN": (lambda B: reflection_reference(B) * np.nan, ["NaN"]),
    "returns None": (lambda B: None, ["None", "return"]),
    "E diag(1, .., 1, 0) E^T": (lambda B: gs_reference(B) @ np.diag([1.0] * (len(B) - 1) + [0.0]) @ gs_reference(B).T,
                               ["projection onto the mirror", "-1, not 0", "to 0"]),
    "I - n n^T": (lambda B: np.eye(len(B)) - np.outer(gs_reference(B)[:, -1], gs_reference(B)[:, -1]),
                  ["projection onto the mirror", "twice"]),
    "n n^T": (lambda B: np.outer(gs_reference(B)[:, -1], gs_reference(B)[:, -1]), ["projection onto the mirror's normal"]),
    "I - 2 u u^T, u not unit": (lambda B: np.eye(len(B)) - 2 * np.outer(*[reflection_remainder(B)] * 2),
                                ["not of length 1", "UNIT normal"]),
    "I - 2 b b^T, last basis vector": (
        lambda B: np.eye(len(B)) - 2 * np.outer(*[np.asarray(B)[:, -1] / np.linalg.norm(np.asarray(B)[:, -1])] * 2),
        ["LAST BASIS VECTOR", "wrong mirror"]),
    "I - 3 n n^T": (lambda B: np.eye(len(B)) - 3 * np.outer(gs_reference(B)[:, -1], gs_reference(B)[:, -1]),
                    ["keeps the mirror", "to -2 n instead of -n"]),
    "E diag(1, 0) E^T in 2-D, diag(1, 1, 0.5) in 3-D": (
        lambda B: gs_reference(B) @ np.diag([1.0] * (len(B) - 1) + [0.0 if len(B) == 2 else 0.5]) @ gs_reference(B).T,
        ["keeps the mirror", "That is the projection onto the mirror (factor 0)"]),
}


def reflection_remainder(B):
    """The last column minus its projections onto the mirror, not normalised."""
    E = gs_reference(B)
    b = np.asarray(B, dtype=float)[:, -1]
    return b - E[:, :-1] @ (E[:, :-1].T @ b)


@pytest.mark.parametrize("name", REFLECTION_WRONG)
def test_reflection_matrix_names_each_typical_mistake(name):
    function, words = REFLECTION_WRONG[name]
    with np.errstate(all="ignore"):
        result = check.reflection_matrix(function)
    assert not result
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_reflection_mistakes_differ_on_the_probes():
    answers = [linalg.reflection_matrix] + [f for f, _ in orthogonality.REFLECTION_MISTAKES]
    for first, second in itertools.combinations(range(len(answers)), 2):
        same = all(np.allclose(answers[first](B), answers[second](B), atol=1e-6)
                   for B in orthogonality._REFLECTION_PROBES)
        assert not same, f"answers {first} and {second} agree on every probe"


def test_reflection_matrix_reports_a_function_that_raises():
    result = check.reflection_matrix(lambda basis: basis @ np.ones(5))
    assert not result and "reflection_matrix([[ 1.  -1. ]" in result.message and "raised ValueError" in result.message


@pytest.mark.parametrize("not_a_function", [None, 1.5, "reflection_matrix", [reflection_reference]])
def test_reflection_matrix_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="reflection_matrix must be a function"):
        check.reflection_matrix(not_a_function)


def test_checkers_are_exported():
    assert {"gram_schmidt", "reflection_matrix"} <= set(check.__all__)
    assert check.gram_schmidt is orthogonality.gram_schmidt
    assert check.reflection_matrix is orthogonality.reflection_matrix


def test_docstring_examples():
    failures, _ = doctest.testmod(orthogonality)
    assert failures == 0


# --- the checker's own references -------------------------------------------------------------

ALL_GS_PROBES = [*orthogonality._INDEPENDENT_PROBES, *orthogonality._DEPENDENT_PROBES,
                 *(orthogonality._nearly_parallel(d) for d in orthogonality._NEARLY_PARALLEL_DELTAS)]


@pytest.mark.parametrize("A", ALL_GS_PROBES)
@pytest.mark.parametrize("scale", [1.0, 1e-8, 1e-6, 1e6, 1e8])
def test_dependent_columns_follow_the_rank_convention_at_every_scale(A, scale):
    # Decided by the SVD against rank_tolerance: the same columns for A and c * A, and the same
    # as the zero columns of the book's Gram-Schmidt and as NumPy's matrix_rank, column by column.
    dependent = orthogonality._dependent_columns(scale * A)
    assert dependent == orthogonality._dependent_columns(A)
    assert dependent == [j for j, e in enumerate(linalg.gram_schmidt(A).T) if not e.any()]
    ranks = [np.linalg.matrix_rank(A[:, :j + 1]) for j in range(A.shape[1])]
    assert dependent == [j for j in range(A.shape[1]) if ranks[j] == (ranks[j - 1] if j else 0)]


def test_nearly_parallel_probes_are_independent_but_close():
    for delta in orthogonality._NEARLY_PARALLEL_DELTAS:
        A = orthogonality._nearly_parallel(delta)
        angle = np.arccos(A[:, 0] @ A[:, 1] / np.linalg.norm(A[:, 0]) / np.linalg.norm(A[:, 1]))
        assert np.isclose(angle, delta, rtol=1e-3) and np.linalg.matrix_rank(A) == 3


@pytest.mark.parametrize("tol", [0.5, 1e-2, 1e-4, 1e-5])
def test_every_too_loose_relative_tolerance_is_rejected(tol):
    result = check.gram_schmidt(lambda A: gs_loose_tolerance(A, tol))
    assert not result and "too loose" in result.message


@pytest.mark.parametrize("tol", [1e-8, 1e-10, 1e-12, 1e-14])
def test_every_sensible_relative_tolerance_is_accepted(tol):
    assert check.gram_schmidt(lambda A: gs_loose_tolerance(A, tol))


@pytest.mark.parametrize("threshold", [1e-2, 1e-6, 1e-9, 1e-10, 1e-12, 1e-14])
def test_every_absolute_threshold_is_rejected(threshold):
    result = check.gram_schmidt(lambda A: gs_absolute(A, threshold))
    assert not result and ("does not scale with A" in result.message or "too loose" in result.message)
