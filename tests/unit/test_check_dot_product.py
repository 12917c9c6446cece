"""Tests for the Chapter 2 checkers: right answers pass, each typical mistake is named."""

from __future__ import annotations

import doctest
import itertools

import numpy as np
import pytest

from mmlbook import check, linalg
from mmlbook.check import dot_product


# --- reference solutions, written as a reader would ------------------------------------------

def coordinates_reference(x, basis):
    """The book's solution."""
    for b, d in itertools.combinations(basis, 2):
        if abs(b @ d) > 1e-10 * np.linalg.norm(b) * np.linalg.norm(d):
            raise ValueError("the basis is not orthogonal")
    return np.array([x @ b / (b @ b) for b in basis])


def coordinates_loops(x, basis):
    """Plain Python loops, a list out, an AssertionError-free ValueError for a skew basis."""
    for i in range(len(basis)):
        for j in range(i + 1, len(basis)):
            if abs(np.dot(basis[i], basis[j])) > 1e-9:
                raise ValueError("not orthogonal")
    coordinates = []
    for b in basis:
        coordinates.append(sum(xi * bi for xi, bi in zip(x, b)) / sum(bi * bi for bi in b))
    return coordinates


def coordinates_by_solving(x, basis):
    """Solving c1 b1 + ... = x: right for every basis, so right for the skew one too."""
    return linalg.solve(np.column_stack(basis), x)


def independent_reference(vectors, tol=1e-10):
    """The book's solution: elimination with the largest remaining entry as pivot."""
    V = np.array(vectors, dtype=float)
    scale = np.max(np.abs(V))
    while len(V) > 0:
        i, p = np.unravel_index(np.argmax(np.abs(V)), V.shape)
        if abs(V[i, p]) <= tol * scale:
            return False
        pivot = V[i]
        V = np.delete(V, i, axis=0)
        for j in range(len(V)):
            V[j] = V[j] - V[j, p] / pivot[p] * pivot
    return True


def independent_package(vectors, tol=1e-10):
    """mmlbook.linalg's dimension, which has the same meaning of 'independent'."""
    return linalg.dimension(np.column_stack(vectors), tol) == len(vectors)


def independent_numpy_bool(vectors, tol=1e-10):
    return np.bool_(independent_reference(vectors, tol))


# --- coordinates_in_basis: right answers ------------------------------------------------------

@pytest.mark.parametrize("function", [coordinates_reference, coordinates_loops, coordinates_by_solving])
def test_coordinates_accepts_correct_functions(function):
    result = check.coordinates_in_basis(function)
    assert result and isinstance(result, check.Result)
    assert "correct" in result.message and str(result).startswith("✔ coordinates_in_basis")


def test_coordinates_probes_are_orthogonal_and_rebuild_x():
    for x, basis in dot_product._COORD_PROBES:
        assert len(basis) == x.size
        for b, d in itertools.combinations(basis, 2):
            assert b @ d == 0
        c = dot_product._right_coordinates(x, basis)
        assert np.allclose(sum(ci * b for ci, b in zip(c, basis)), x)
        assert np.allclose(c, np.linalg.solve(np.column_stack(basis), x))
    skew_x, skew = dot_product._SKEW_X, dot_product._SKEW_BASIS
    assert np.allclose(np.linalg.solve(np.column_stack(skew), skew_x), dot_product._SKEW_COORDINATES)


def test_coordinate_mistakes_differ_from_the_right_answer_and_each_other():
    answers = [dot_product._right_coordinates] + [f for f, _ in dot_product.COORD_MISTAKES]
    for first, second in itertools.combinations(range(len(answers)), 2):
        same = all(np.allclose(answers[first](x, B), answers[second](x, B))
                   for x, B in dot_product._COORD_PROBES)
        assert not same, f"answers {first} and {second} agree on every probe"
    messages = [message for _, message in dot_product.COORD_MISTAKES]
    assert len(set(messages)) == len(messages)


# --- coordinates_in_basis: each typical mistake gets its own message ---------------------------

def _projection_only(x, basis):
    """Right for orthogonal bases, but never checks orthogonality."""
    return np.array([x @ b / (b @ b) for b in basis])


def _guarded(formula):
    def function(x, basis):
        coordinates_reference(x, basis)  # raises for a skew basis
        return formula(x, basis)
    return function


COORD_WRONG = {
    "divides by |b|": (_guarded(lambda x, B: np.array([x @ b / np.linalg.norm(b) for b in B])),
                       ["|b|²", "scalar projection"]),
    "divides by unit vectors' |b|": (_guarded(lambda x, B: np.array([x @ (b / np.linalg.norm(b)) for b in B])),
                                     ["|b|²", "scalar projection"]),
    "no division": (_guarded(lambda x, B: np.array([x @ b for b in B])), ["without dividing", "b·b"]),
    "projects b onto x": (_guarded(lambda x, B: np.array([x @ b / (x @ x) for b in B])),
                          ["x·x", "wrong way round"]),
    "cosine": (_guarded(lambda x, B: np.array([x @ b / np.linalg.norm(x) / np.linalg.norm(b) for b in B])),
               ["cos θ", "angle"]),
    "reversed order": (_guarded(lambda x, B: np.array([x @ b / (b @ b) for b in B][::-1])),
                       ["reverse order", "i-th basis vector"]),
    "vector projections": (_guarded(lambda x, B: np.array([(x @ b / (b @ b)) * b for b in B])),
                           ["vector projections", "one number per basis vector"]),
    "not orthogonal": (_projection_only, ["NOT orthogonal", "rebuild (6.5, 3.5)", "raise ValueError"]),
    "wrong exception for skew": (lambda x, B: (_projection_only(x, B) if all(
        b @ d == 0 for b, d in itertools.combinations(B, 2)) else 1 / 0),
        ["raised ZeroDivisionError", "Raise ValueError"]),
    "one number": (_guarded(lambda x, B: float(np.sum([x @ b / (b @ b) for b in B]))),
                   ["should return 2 numbers", "single number"]),
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


def test_coordinates_unknown_mistake_shows_expected_got_and_the_rebuild():
    result = check.coordinates_in_basis(_guarded(lambda x, B: 1.1 * coordinates_reference(x, B)))
    assert not result
    assert "x=(3, 4)" in result.message and "should be (2, 0.5)" in result.message
    assert "returned (2.2, 0.55)" in result.message and "rebuild (3.3, 4.4), not x" in result.message


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


# --- is_independent: right answers ----------------------------------------------------------

@pytest.mark.parametrize("function", [independent_reference, independent_package, independent_numpy_bool])
def test_is_independent_accepts_correct_functions(function):
    result = check.is_independent(function)
    assert result and "correct" in result.message and str(result).startswith("✔ is_independent")


def test_independence_probes_agree_with_numpy_rank():
    for vectors, tol, independent, _ in dot_product._INDEPENDENCE_PROBES:
        A = np.column_stack(vectors)
        tol = 1e-10 if tol is None else tol
        singular_values = np.linalg.svd(A, compute_uv=False)
        rank = int(np.sum(singular_values > tol * max(np.abs(A).max(), 1e-300)))
        assert (rank == len(vectors)) == independent, vectors


def test_rounding_probes_defeat_exact_tests():
    # On paper dependent, yet elimination and the 2 x 2 determinant leave a tiny non-zero remainder.
    u, v = dot_product._INDEPENDENCE_PROBES[7][0]
    assert u[0] * v[1] - u[1] * v[0] != 0 and np.any(v - v[0] / u[0] * u != 0)


# --- is_independent: each typical mistake gets its own message -------------------------------

def _exact(vectors, tol=1e-10):
    """Elimination with an exact test for zero."""
    return independent_reference(vectors, tol=0.0)


def _absolute(vectors, tol=1e-10):
    """A remainder counts as zero when it is below tol itself, whatever the scale."""
    V = np.array(vectors, dtype=float)
    return independent_reference(V / max(np.max(np.abs(V)), 1e-300), tol) and np.max(np.abs(V)) > tol \
        and min(np.linalg.norm(V, axis=1)) > tol


def _pairwise(vectors, tol=1e-10):
    """No two vectors parallel, and none zero: right for two vectors, wrong for three in R²."""
    V = np.array(vectors, dtype=float)
    if np.max(np.abs(V)) <= tol * np.max(np.abs(V)) or any(np.max(np.abs(v)) == 0 for v in V):
        return False
    return all(independent_reference([u, v], tol) for u, v in itertools.combinations(V, 2))


def _zero_blind(vectors, tol=1e-10):
    """Drops zero vectors before eliminating."""
    kept = [v for v in vectors if np.any(v != 0)]
    return independent_reference(kept, tol)


IND_WRONG = {
    "zero vector": (_zero_blind, ["zero vector", "dependent", "1·0 = 0"]),
    "exact == 0": (_exact, ["rounding", "== 0", "tol * scale"]),
    "determinant == 0 for two vectors": (
        lambda vs, tol=1e-10: (vs[0][0] * vs[1][1] - vs[0][1] * vs[1][0] != 0) if len(vs) == 2 and
        len(vs[0]) == 2 else independent_reference(vs, tol), ["rounding", "1e-16", "(0.1, 0.3)"]),
    "ignores tol": (lambda vs, tol=1e-10: independent_reference(vs), ["ignores tol", "1e-3"]),
    "fixed big threshold": (lambda vs, tol=1e-10: independent_reference(vs, 1e-3),
                            ["1e-10", "use the tol"]),
    "absolute tolerance": (_absolute, ["tiny", "size of the vectors"]),
    "pairs only": (_pairwise, ["no two are parallel", "whole set", "(1, 1) = (1, 0) + (0, 1)"]),
    "reversed answers": (lambda vs, tol=1e-10: not independent_reference(vs, tol), ["opposite"]),
    "returns the rank": (lambda vs, tol=1e-10: linalg.dimension(np.column_stack(vs), tol),
                         ["returned 2 (of type int)", "True and False"]),
    "returns 0 or 1": (lambda vs, tol=1e-10: int(independent_reference(vs, tol)), ["True and False", "of type int"]),
    "returns None": (lambda vs, tol=1e-10: None, ["None", "return statement"]),
    "uses matrix_rank": (lambda vs, tol=1e-10: bool(np.linalg.matrix_rank(np.array(vs)) == len(vs)),
                         ["np.linalg.matrix_rank", "yourself"]),
    "always True": (lambda vs, tol=1e-10: True, ["should be False", "wrong on"]),
}


@pytest.mark.parametrize("name", IND_WRONG)
def test_is_independent_names_each_typical_mistake(name):
    function, words = IND_WRONG[name]
    with np.errstate(all="ignore"):
        result = check.is_independent(function)
    assert not result and str(result).startswith("✘ is_independent")
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_matrix_rank_is_restored_after_the_check():
    original = np.linalg.matrix_rank
    check.is_independent(IND_WRONG["uses matrix_rank"][0])
    assert np.linalg.matrix_rank is original and np.linalg.matrix_rank(np.eye(2)) == 2


def test_is_independent_spots_in_place_changes():
    def eliminates_in_place(vectors, tol=1e-10):
        answer = independent_reference(vectors, tol)
        vectors[0][0] += 1.0
        return answer

    result = check.is_independent(eliminates_in_place)
    assert not result and "changed the vectors" in result.message


def test_is_independent_reports_an_exception_with_the_call():
    result = check.is_independent(lambda vectors, tol=1e-10: 1 / 0)
    assert not result and "is_independent(" in result.message
    assert "raised ZeroDivisionError" in result.message


def test_is_independent_reports_a_missing_tol_argument():
    result = check.is_independent(lambda vectors: independent_reference(vectors))
    assert not result and "1e-10) raised TypeError" in result.message


@pytest.mark.parametrize("not_a_function", [None, 3, "is_independent", [1, 2]])
def test_is_independent_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="must be a function"):
        check.is_independent(not_a_function)


def test_module_exports_and_doctests():
    assert dot_product.__all__ == ["coordinates_in_basis", "is_independent"]
    assert check.coordinates_in_basis is dot_product.coordinates_in_basis
    assert check.is_independent is dot_product.is_independent
    failures, tried = doctest.testmod(dot_product, optionflags=doctest.ELLIPSIS)
    assert tried >= 2 and failures == 0


def test_coordinates_reports_a_wrong_shape():
    result = check.coordinates_in_basis(_guarded(lambda x, B: np.append(coordinates_reference(x, B), 0.0)))
    assert not result and "should return 2 numbers" in result.message and "shape (3,)" in result.message
