"""Tests for the Chapter 2 checkers: right answers pass, each typical mistake is named.

The tables below hold functions written the way learners write them (loops, lists, float32,
another algorithm, the conventions of Imperial's and DeepLearning.AI's courses) and, for each
wrong one, a phrase its message must contain: the checker must blame *that* mistake.
"""

from __future__ import annotations

import doctest
import itertools
import sys

import numpy as np
import pytest
from numpy.linalg import matrix_rank  # imported before the check, as a notebook would

from mmlbook import check, linalg
from mmlbook.check import dot_product


def _relatively_orthogonal(basis, tol=1e-10):
    return all(abs(b @ d) <= tol * np.linalg.norm(b) * np.linalg.norm(d)
               for b, d in itertools.combinations(basis, 2))


# --- coordinates_in_basis: correct functions, written differently --------------------------------

def coordinates_reference(x, basis):
    """The book's solution."""
    for b, d in itertools.combinations(basis, 2):
        if abs(b @ d) > 1e-10 * np.linalg.norm(b) * np.linalg.norm(d):
            raise ValueError("the basis is not orthogonal")
    return np.array([x @ b / (b @ b) for b in basis])


def coordinates_loops(x, basis):
    """Plain Python loops and lists; the cosine of each pair tested against 1e-9."""
    for i in range(len(basis)):
        for j in range(i + 1, len(basis)):
            dot = sum(p * q for p, q in zip(basis[i], basis[j]))
            size = (sum(p * p for p in basis[i]) * sum(q * q for q in basis[j])) ** 0.5
            if abs(dot) > 1e-9 * size:
                raise ValueError("not orthogonal")
    coordinates = []
    for b in basis:
        coordinates.append(sum(xi * bi for xi, bi in zip(x, b)) / sum(bi * bi for bi in b))
    return coordinates


def coordinates_by_solving(x, basis):
    """Solving c1 b1 + ... = x: right for every basis, so right for the skew ones too."""
    return np.linalg.solve(np.column_stack(basis), x)


def coordinates_float32(x, basis):
    """Everything in float32 (as on a GPU), the orthogonality test at float32's rounding."""
    x32 = np.asarray(x, dtype=np.float32)
    B = [np.asarray(b, dtype=np.float32) for b in basis]
    for b, d in itertools.combinations(B, 2):
        if abs(b @ d) > 1e-5 * np.linalg.norm(b) * np.linalg.norm(d):
            raise ValueError("not orthogonal")
    return np.array([x32 @ b / (b @ b) for b in B], dtype=np.float32)


def coordinates_gram_matrix(x, basis):
    """Matrix form: the Gram matrix B Bᵀ must be diagonal (relative to its diagonal)."""
    B = np.array(basis, dtype=float)
    G = B @ B.T
    d = np.sqrt(np.diag(G))
    off = G - np.diag(np.diag(G))
    if np.any(np.abs(off) > 1e-10 * np.outer(d, d)):
        raise ValueError("basis vectors are not mutually orthogonal")
    return B @ x / np.diag(G)


def coordinates_imperial(x, basis):
    """Imperial's Coursera week 2: the vector projection's coefficient v·b/|b|², with np.dot and norm."""
    for b1, b2 in itertools.combinations(basis, 2):
        cos = np.dot(b1, b2) / (np.linalg.norm(b1) * np.linalg.norm(b2))
        if not np.isclose(cos, 0, atol=1e-10):
            raise ValueError("The basis vectors must be orthogonal.")
    return np.array([np.dot(x, b) / np.linalg.norm(b) ** 2 for b in basis])


def coordinates_unit_vectors(x, basis):
    """Normalise first: c = (x·u)/|b| with u = b/|b| (DeepLearning.AI's habit of unit vectors)."""
    units = [b / np.linalg.norm(b) for b in basis]
    for u, w in itertools.combinations(units, 2):
        if abs(np.dot(u, w)) > 1e-12:   # unit vectors: an absolute test *is* relative here
            raise ValueError("not orthogonal")
    return np.array([np.dot(x, u) / np.linalg.norm(b) for u, b in zip(units, basis)])


COORD_RIGHT = [coordinates_reference, coordinates_loops, coordinates_by_solving, coordinates_float32,
               coordinates_gram_matrix, coordinates_imperial, coordinates_unit_vectors]


@pytest.mark.parametrize("function", COORD_RIGHT, ids=lambda f: f.__name__)
def test_coordinates_accepts_correct_functions(function):
    result = check.coordinates_in_basis(function)
    assert result, result.message
    assert isinstance(result, check.Result) and str(result).startswith("✔ coordinates_in_basis")


def test_coordinates_the_zero_vector_probe_shows_no_warning():
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check.coordinates_in_basis(coordinates_reference)


def test_coordinates_success_message_says_only_what_was_tested():
    assert "float64 rounding" in check.coordinates_in_basis(coordinates_reference).message
    assert "raised ValueError for all 6" in check.coordinates_in_basis(coordinates_reference).message
    assert "float32 rounding" in check.coordinates_in_basis(coordinates_float32).message
    solved = check.coordinates_in_basis(coordinates_by_solving).message
    assert "returned the true coordinates for 6" in solved and "refuses" not in solved


# --- coordinates_in_basis: wrong functions, each with its own message ----------------------------

def _guarded(formula):
    """A wrong formula behind the book's (right) orthogonality test."""
    def function(x, basis):
        coordinates_reference(x, basis)  # raises for a skew basis
        return formula(x, basis)
    return function


def _projection(x, basis):
    return np.array([x @ b / (b @ b) for b in basis])


def _tested_by(test):
    """The right formula behind a learner's own orthogonality test ``test(basis)``."""
    def function(x, basis):
        if not test(basis):
            raise ValueError("not orthogonal")
        return _projection(x, basis)
    return function


def _zero_vector_guard(x, basis):
    for b in basis:
        if b @ b < 1e-10:
            raise ValueError("zero vector in the basis")
    return coordinates_reference(x, basis)


def _float32_then_float64(x, basis):
    return coordinates_float32(x, basis).astype(np.float64)


def _asserts(x, basis):
    for b, d in itertools.combinations(basis, 2):
        assert abs(b @ d) <= 1e-10 * np.linalg.norm(b) * np.linalg.norm(d), "not orthogonal"
    return _projection(x, basis)


def _zero_as_zero(x, basis):
    """Guards the division: a zero basis vector gets the coordinate 0 instead of NaN."""
    coordinates_reference(x, basis)  # raises for a skew basis
    return np.array([x @ b / (b @ b) if b @ b > 0 else 0.0 for b in basis])


COORD_WRONG = {
    "divides by |b|": (_guarded(lambda x, B: np.array([x @ b / np.linalg.norm(b) for b in B])),
                       ["|b|²", "scalar projection"]),
    "dots with the unit vector": (_guarded(lambda x, B: np.array([x @ (b / np.linalg.norm(b)) for b in B])),
                                  ["|b|²", "scalar projection"]),
    "no division": (_guarded(lambda x, B: np.array([x @ b for b in B])), ["without dividing", "b·b"]),
    "projects b onto x": (_guarded(lambda x, B: np.array([x @ b / (x @ x) for b in B])),
                          ["x·x", "wrong way round"]),
    "cosine": (_guarded(lambda x, B: np.array([x @ b / np.linalg.norm(x) / np.linalg.norm(b) for b in B])),
               ["cos θ", "angle"]),
    "reversed order": (_guarded(lambda x, B: _projection(x, B)[::-1]), ["reverse order", "i-th basis vector"]),
    "vector projections": (_guarded(lambda x, B: np.array([(x @ b / (b @ b)) * b for b in B])),
                           ["vector projections", "one number per basis vector"]),
    "never tests orthogonality": (_projection, ["NOT orthogonal", "rebuild (6.5, 3.5)", "raise ValueError"]),
    "exact test b @ d != 0": (_tested_by(lambda B: all(b @ d == 0 for b, d in itertools.combinations(B, 2))),
                              ["rotated orthonormal", "exact test", "e-16"]),
    "absolute 1e-10": (_tested_by(lambda B: all(abs(b @ d) <= 1e-10 for b, d in itertools.combinations(B, 2))),
                       ["scaled by 1e6", "not relative to the vectors' size"]),
    "absolute 1e-3": (_tested_by(lambda B: all(abs(b @ d) <= 1e-3 for b, d in itertools.combinations(B, 2))),
                      ["fixed number", "1e-12"]),
    "neighbouring pairs only": (_tested_by(lambda B: _relatively_orthogonal(B[:2]) and all(
        _relatively_orthogonal([b, d]) for b, d in zip(B, B[1:]))), ["neighbouring pairs", "b_1·b_3 = 1"]),
    "pairs with b1 only": (_tested_by(lambda B: all(_relatively_orthogonal([B[0], d]) for d in B[1:])),
                           ["compare b_1 with the others", "b_2·b_3 = 1"]),
    "no abs()": (_tested_by(lambda B: all(b @ d <= 1e-10 * np.linalg.norm(b) * np.linalg.norm(d)
                                          for b, d in itertools.combinations(B, 2))), ["abs()", "-1"]),
    "loose tolerance": (_tested_by(lambda B: _relatively_orthogonal(B, tol=1e-2)), ["89.94°", "too loose"]),
    "absolute zero-vector test": (_zero_vector_guard, ["scaled by 1e-6", "zero vectors"]),
    "assert for a skew basis": (_asserts, ["raised AssertionError", "raise ValueError"]),
    "0/0 replaced by 0": (_zero_as_zero, ["zero vector", "rebuild (3, 0)", "no coordinates exist"]),
    "float32 returned as float64": (_float32_then_float64, ["7 significant digits", "return that float32 array"]),
    "one number": (_guarded(lambda x, B: float(np.sum(_projection(x, B)))),
                   ["should return 2 numbers", "single number"]),
    "one too many": (_guarded(lambda x, B: np.append(_projection(x, B), 0.0)), ["should return 2 numbers", "(3,)"]),
    "returns None": (lambda x, B: None, ["None", "return statement"]),
    "returns text": (lambda x, B: "2, 0.5", ["str"]),
    "nan": (_guarded(lambda x, B: np.array([x @ b / 0.0 for b in B])), ["NaN or inf", "divide"]),
}


@pytest.mark.parametrize("name", COORD_WRONG)
def test_coordinates_names_each_typical_mistake(name):
    function, words = COORD_WRONG[name]
    with np.errstate(all="ignore"):
        result = check.coordinates_in_basis(function)
    assert not result and str(result).startswith("✘ coordinates_in_basis")
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_coordinates_float16_is_refused_with_digits_that_show_the_difference():
    result = check.coordinates_in_basis(lambda x, B: coordinates_float32(x, B).astype(np.float16))
    assert not result and "should be" in result.message
    want = result.message.split("should be ")[1].split(", but")[0]
    got = result.message.split("returned ")[1].split(":")[0]
    assert want != got, result.message


def test_coordinates_unknown_mistake_shows_expected_got_and_the_rebuild():
    result = check.coordinates_in_basis(_guarded(lambda x, B: 1.1 * _projection(x, B)))
    assert not result
    assert "x=(3, 4)" in result.message and "should be (2, 0.5)" in result.message
    assert "returned (2.2, 0.55)" in result.message and "rebuild (3.3, 4.4), not x" in result.message


def test_coordinates_a_tiny_error_prints_enough_digits():
    result = check.coordinates_in_basis(_guarded(lambda x, B: (1 + 1e-9) * _projection(x, B)))
    assert not result and "should be (2, 0.5)" in result.message
    assert "returned (2.000000002, 0.500000001)" in result.message


def test_coordinates_spots_in_place_changes():
    def normalises_in_place(x, basis):
        for b in basis:
            b /= np.linalg.norm(b)
        return coordinates_reference(x, basis)

    result = check.coordinates_in_basis(normalises_in_place)
    assert not result and "changed the vectors" in result.message


def test_coordinates_reports_an_exception_with_the_call():
    def broken(x, basis):
        raise RuntimeError("something broke")

    result = check.coordinates_in_basis(broken)
    assert not result
    assert "coordinates_in_basis(" in result.message and "RuntimeError: something broke" in result.message


@pytest.mark.parametrize("not_a_function", [None, 3, "coordinates_in_basis", np.array([1.0])])
def test_coordinates_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="must be a function"):
        check.coordinates_in_basis(not_a_function)


# --- coordinates_in_basis: the probes are what they claim ----------------------------------------

def test_coordinate_probes_are_orthogonal_and_rebuild_x():
    for x, basis, kind in dot_product._COORD_PROBES:
        assert len(basis) == x.size and _relatively_orthogonal(basis, 1e-14)
        exact = all(b @ d == 0 for b, d in itertools.combinations(basis, 2))
        assert exact == (kind == "exact"), kind   # the rotated ones have rounding in b·d
        c = dot_product._right_coordinates(x, basis)
        assert np.allclose(c, np.linalg.solve(np.column_stack(basis), x), rtol=1e-12, atol=0)
    large = dot_product._COORD_PROBES[5][1]
    assert dot_product._largest_dot(large) > 1e-10   # an absolute 1e-10 test refuses it


def test_skew_probes_are_not_orthogonal_and_projection_is_wrong_there():
    for x, basis, kind in dot_product._SKEW_PROBES:
        assert not _relatively_orthogonal(basis), kind
        true = dot_product._true_coordinates(x, basis)
        assert np.allclose(dot_product._rebuild(true, basis), x)
        assert not np.allclose(dot_product._right_coordinates(x, basis), true, rtol=1e-6, atol=0)
    neighbours, first = dot_product._SKEW_PROBES[2][1], dot_product._SKEW_PROBES[3][1]
    assert all(b @ d == 0 for b, d in zip(neighbours, neighbours[1:]))
    assert all(neighbours[0] @ d == 0 for d in first[1:])


def test_coordinate_mistakes_differ_from_the_right_answer_and_each_other():
    answers = [dot_product._right_coordinates] + [f for f, _ in dot_product.COORD_MISTAKES]
    probes = [(x, B) for x, B, _ in dot_product._COORD_PROBES]
    for first, second in itertools.combinations(range(len(answers)), 2):
        same = all(np.allclose(answers[first](x, B), answers[second](x, B)) for x, B in probes)
        assert not same, f"answers {first} and {second} agree on every probe"


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_coordinates_tolerance_is_relative_to_scale(scale):
    # A wrong answer by 1e-6 relative is refused at every scale; rounding-size errors are not.
    x, basis, _ = dot_product._COORD_PROBES[4]
    x, basis = scale * x, [scale * b for b in basis]
    right = dot_product._right_coordinates(x, basis)
    assert dot_product._near(right * (1 + 1e-14), right, x, basis, dot_product._EPS64)
    assert not dot_product._near(right + 1e-6 * np.abs(right).max(), right, x, basis, dot_product._EPS64)


# --- is_independent: correct functions, written differently --------------------------------------

def _threshold(V, tol):
    return linalg.rank_tolerance(V) if tol is None else tol * np.abs(V).max()


def independent_reference(vectors, tol=None):
    """The book's solution: elimination with the largest remaining entry as pivot."""
    V = np.array(vectors, dtype=float)
    threshold = _threshold(V, tol)
    while len(V) > 0:
        i, p = np.unravel_index(np.argmax(np.abs(V)), V.shape)
        if abs(V[i, p]) <= threshold:
            return False
        pivot = V[i]
        V = np.delete(V, i, axis=0)
        for j in range(len(V)):
            V[j] = V[j] - V[j, p] / pivot[p] * pivot
    return True


def independent_svd(vectors, tol=None):
    """Another algorithm: count the singular values above the threshold."""
    V = np.array(vectors, dtype=float)
    return bool(np.sum(np.linalg.svd(V, compute_uv=False) > _threshold(V, tol)) == len(V))


def independent_qr(vectors, tol=None):
    """QR of the vectors as columns: independent when every |R_ii| is above the threshold."""
    V = np.array(vectors, dtype=float)
    if len(V) > V.shape[1]:
        return False
    R = np.linalg.qr(V.T, mode="r")
    return bool(np.all(np.abs(np.diag(R)) > _threshold(V, tol)))


def independent_plain_lists(vectors, tol=None):
    """DeepLearning.AI style row reduction, column by column, in plain Python lists."""
    rows = [[float(a) for a in v] for v in vectors]
    threshold = _threshold(np.array(rows), tol)
    n, rank = len(rows[0]), 0
    for col in range(n):
        best = max(range(rank, len(rows)), key=lambda r: abs(rows[r][col]), default=None)
        if best is None or abs(rows[best][col]) <= threshold:
            continue
        rows[rank], rows[best] = rows[best], rows[rank]
        for r in range(rank + 1, len(rows)):
            factor = rows[r][col] / rows[rank][col]
            rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank])]
        rank += 1
    return rank == len(rows)


def independent_gram_schmidt(vectors, tol=None):
    """Gram-Schmidt (twice, for stability): a remainder no longer than the threshold means dependent."""
    V = np.array(vectors, dtype=float)
    threshold, basis = _threshold(V, tol), []
    for v in V:
        w = v.copy()
        for _ in range(2):
            for q in basis:
                w = w - (w @ q) * q
        if np.linalg.norm(w) <= threshold:
            return False
        basis.append(w / np.linalg.norm(w))
    return True


def independent_numpy_bool(vectors, tol=None):
    return np.bool_(independent_reference(vectors, tol))


IND_RIGHT = [independent_reference, independent_svd, independent_qr, independent_plain_lists,
             independent_gram_schmidt, independent_numpy_bool]


@pytest.mark.parametrize("function", IND_RIGHT, ids=lambda f: f.__name__)
def test_is_independent_accepts_correct_functions(function):
    result = check.is_independent(function)
    assert result, result.message
    assert str(result).startswith("✔ is_independent") and "right on 17" in result.message


# --- is_independent: wrong functions, each with its own message ----------------------------------

def _exact(vectors, tol=None):
    """Elimination with an exact test for zero."""
    return independent_reference(vectors, tol=0.0)


def _absolute(vectors, tol=None):
    """A remainder counts as zero when it is below 1e-10 (or tol) itself, whatever the scale."""
    V = np.array(vectors, dtype=float)
    limit = 1e-10 if tol is None else tol
    return independent_reference(V / np.abs(V).max(), 0.0) if np.abs(V).max() > limit and \
        independent_reference(V, limit / np.abs(V).max()) else False


def _tol_on_its_own(vectors, tol=None):
    """The book's default, but an explicit tol used as an absolute threshold."""
    V = np.array(vectors, dtype=float)
    return independent_reference(V) if tol is None else independent_reference(V, tol / np.abs(V).max())


def _pairwise(vectors, tol=None):
    """No two vectors parallel, and none zero: right for two vectors, wrong for three in R²."""
    if any(not np.any(v) for v in vectors):
        return False
    return all(independent_reference([u, v], tol) for u, v in itertools.combinations(vectors, 2))


def _zero_blind(vectors, tol=None):
    """Drops zero vectors before eliminating."""
    return independent_reference([v for v in vectors if np.any(v != 0)], tol)


def _no_abs(vectors, tol=None):
    """The book's elimination with `if V[i, p] <= threshold`: a negative pivot counts as zero."""
    V = np.array(vectors, dtype=float)
    threshold = _threshold(V, tol)
    while len(V) > 0:
        i, p = np.unravel_index(np.argmax(np.abs(V)), V.shape)
        if V[i, p] <= threshold:
            return False
        pivot = V[i]
        V = np.delete(V, i, axis=0)
        V = V - np.outer(V[:, p] / pivot[p], pivot)
    return True


def _determinant_for_pairs(vectors, tol=None):
    """The 2 x 2 determinant compared with 0 exactly (pairs in R²), elimination otherwise."""
    if len(vectors) == 2 and len(vectors[0]) == 2:
        (a, b), (c, d) = vectors
        return bool(a * d - b * c != 0)
    return independent_reference(vectors, tol)


def _uses_imported_matrix_rank(vectors, tol=None):
    return bool(matrix_rank(np.array(vectors)) == len(vectors))


IND_WRONG = {
    "zero vector dropped": (_zero_blind, ["zero vector", "1·0 = 0"]),
    "exact == 0": (_exact, ["rounding", "exact (== 0, != 0)", "(0.1, 0.3)"]),
    "determinant == 0 for pairs": (_determinant_for_pairs, ["rounding", "1e-16", "(0.1, 0.3)"]),
    "threshold below rounding": (lambda vs, tol=None: independent_reference(vs, 1e-20),
                                 ["below rounding", "rank_tolerance"]),
    "ignores tol": (lambda vs, tol=None: independent_reference(vs), ["ignores tol", "1e-3"]),
    "fixed big threshold": (lambda vs, tol=None: independent_reference(vs, 1e-3),
                            ["1e-10", "larger fixed threshold"]),
    "absolute threshold": (_absolute, ["changes when every vector is scaled", "scaled by 1e-12"]),
    "explicit tol absolute": (_tol_on_its_own, ["tiny", "not with tol on its own"]),
    "the old default 1e-10": (lambda vs, tol=None: independent_reference(vs, 1e-10 if tol is None else tol),
                              ["above the book's", "rank_tolerance"]),
    "pairs only": (_pairwise, ["no two are parallel", "whole set", "(1, 1) = (1, 0) + (0, 1)"]),
    "no abs() on the pivot": (_no_abs, ["largest entry is negative", "abs()"]),
    "reversed answers": (lambda vs, tol=None: not independent_reference(vs, tol), ["opposite"]),
    "returns the rank": (lambda vs, tol=None: linalg.dimension(np.column_stack(vs)),
                         ["mmlbook.linalg.dimension"]),
    "returns 0 or 1": (lambda vs, tol=None: int(independent_reference(vs, tol)), ["True and False", "of type int"]),
    "returns None": (lambda vs, tol=None: None, ["None", "return statement"]),
    "np.linalg.matrix_rank": (lambda vs, tol=None: bool(np.linalg.matrix_rank(np.array(vs)) == len(vs)),
                              ["np.linalg.matrix_rank", "yourself"]),
    "imported matrix_rank": (_uses_imported_matrix_rank, ["np.linalg.matrix_rank", "however it is imported"]),
    "always True": (lambda vs, tol=None: True, ["should be False", "wrong on"]),
}


@pytest.mark.parametrize("name", IND_WRONG)
def test_is_independent_names_each_typical_mistake(name):
    function, words = IND_WRONG[name]
    with np.errstate(all="ignore"):
        result = check.is_independent(function)
    assert not result and str(result).startswith("✘ is_independent")
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_the_watch_on_matrix_rank_leaves_no_trace():
    before = sys.getprofile()
    check.is_independent(_uses_imported_matrix_rank)
    check.is_independent(lambda vs, tol=None: 1 / 0)
    assert sys.getprofile() is before and np.linalg.matrix_rank(np.eye(2)) == 2


def test_is_independent_spots_in_place_changes():
    def eliminates_in_place(vectors, tol=None):
        answer = independent_reference(vectors, tol)
        vectors[0][0] += 1.0
        return answer

    result = check.is_independent(eliminates_in_place)
    assert not result and "changed the vectors" in result.message


def test_is_independent_reports_an_exception_with_the_call():
    result = check.is_independent(lambda vectors, tol=None: 1 / 0)
    assert not result and "is_independent(" in result.message
    assert "raised ZeroDivisionError" in result.message


def test_is_independent_reports_a_missing_tol_argument():
    result = check.is_independent(lambda vectors: independent_reference(vectors))
    assert not result and "1e-10) raised TypeError" in result.message


@pytest.mark.parametrize("not_a_function", [None, 3, "is_independent", [1, 2]])
def test_is_independent_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="must be a function"):
        check.is_independent(not_a_function)


# --- is_independent: the probes are what they claim ----------------------------------------------

def test_independence_probes_agree_with_an_svd_far_from_the_threshold():
    for vectors, tol, independent, about in dot_product._INDEPENDENCE_PROBES:
        V = np.array(vectors)
        threshold = _threshold(V, tol)
        s = np.linalg.svd(V, compute_uv=False)
        assert (np.sum(s > threshold) == len(V)) == independent, about
        # no singular value within a factor 10 of the threshold: the answer is not a coin toss
        assert np.all((s > 10 * threshold) | (s < threshold / 10)), about


def test_rounding_probes_defeat_exact_tests():
    # On paper dependent, yet elimination and the 2 x 2 determinant leave a tiny non-zero remainder.
    u, v = dot_product._INDEPENDENCE_PROBES[7][0]
    assert u[0] * v[1] - u[1] * v[0] != 0 and np.any(v - v[0] / u[0] * u != 0)
    assert not independent_reference(dot_product._INDEPENDENCE_PROBES[1][0], tol=0.0)   # exact 0 there


def test_module_exports_and_doctests():
    assert dot_product.__all__ == ["coordinates_in_basis", "is_independent"]
    assert check.coordinates_in_basis is dot_product.coordinates_in_basis
    assert check.is_independent is dot_product.is_independent
    failures, tried = doctest.testmod(dot_product, optionflags=doctest.ELLIPSIS)
    assert tried >= 2 and failures == 0
