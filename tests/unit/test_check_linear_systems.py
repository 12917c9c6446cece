"""Tests for the Chapter 3 checkers: right answers pass, each typical mistake is named."""

from __future__ import annotations

import doctest
import itertools

import numpy as np
import pytest
import scipy.linalg

from mmlbook import check, linalg
from mmlbook.check import linear_systems


# --- reference solutions, written as a reader would ---------------------------------------

def echelon_reference(A, tol=1e-10):
    """The book's solution: partial pivoting, pivots not scaled."""
    U = np.array(A, dtype=float)
    rows, cols = U.shape
    r = 0
    for c in range(cols):
        if r == rows:
            break
        p = r + np.argmax(np.abs(U[r:, c]))
        if abs(U[p, c]) < tol:
            continue
        U[[r, p]] = U[[p, r]]
        for i in range(r + 1, rows):
            U[i] -= (U[i, c] / U[r, c]) * U[r]
        r += 1
    return U


def echelon_vectorised(A):
    U = np.array(A, dtype=float)
    r = 0
    for c in range(U.shape[1]):
        if r == U.shape[0]:
            break
        p = r + int(np.argmax(np.abs(U[r:, c])))
        if np.isclose(U[p, c], 0, atol=1e-10):
            continue
        U[[r, p]] = U[[p, r]]
        U[r + 1:] -= np.outer(U[r + 1:, c] / U[r, c], U[r])
        r += 1
    return U


def echelon_lists(A):
    """Pure Python lists in, a list of lists out."""
    U = [[float(v) for v in row] for row in np.asarray(A).tolist()]
    rows, cols, r = len(U), len(U[0]), 0
    for c in range(cols):
        if r == rows:
            break
        p = max(range(r, rows), key=lambda i: abs(U[i][c]))
        if abs(U[p][c]) < 1e-10:
            continue
        U[r], U[p] = U[p], U[r]
        for i in range(r + 1, rows):
            m = U[i][c] / U[r][c]
            U[i] = [a - m * b for a, b in zip(U[i], U[r])]
        r += 1
    return U


def scipy_u(A):
    return scipy.linalg.lu(np.asarray(A, dtype=float))[2]


def singular_reference(A, tol=1e-10):
    U = echelon_reference(A, tol)
    return bool(np.any(np.abs(np.diag(U)) < tol))


def singular_numpy_bool(A):
    return np.any(np.abs(np.diag(echelon_reference(A))) < 1e-10)   # np.bool_, fine


def singular_rank(A):
    return np.linalg.matrix_rank(A) < len(A)


# --- row_echelon: right answers ------------------------------------------------------------

@pytest.mark.parametrize("function", [echelon_reference, echelon_vectorised, echelon_lists,
                                      linalg.row_echelon])
def test_row_echelon_accepts_correct_functions(function):
    result = check.row_echelon(function)
    assert result and isinstance(result, check.Result)
    assert "correct" in result.message and str(result).startswith("✔ row_echelon")


def test_scipy_lu_agrees_on_the_square_probes():
    # The convention is SciPy's U for non-singular square matrices. (With a column that has
    # no pivot, LU does not skip it and its U is no staircase, so the two differ there.)
    for A in linear_systems._ECHELON_PROBES:
        if np.shape(A)[0] == np.shape(A)[1] and not linalg.is_singular(A):
            assert np.allclose(scipy_u(A), linalg.row_echelon(A), atol=1e-12)


# --- row_echelon: each typical mistake gets its own message -----------------------------------

def no_pivoting(A):
    return linear_systems._variant(A, pivoting="none")


def no_pivoting_python_floats(A):
    U = [[float(v) for v in row] for row in np.asarray(A).tolist()]
    for c in range(len(U)):
        for i in range(c + 1, len(U)):
            m = U[i][c] / U[c][c]          # ZeroDivisionError on a zero pivot
            U[i] = [a - m * b for a, b in zip(U[i], U[c])]
    return U


def first_nonzero(A):
    return linear_systems._variant(A, pivoting="first")


def in_place(A):
    U = A                                  # no copy: the caller's matrix changes
    U[:] = echelon_reference(A)
    return U


def integer_copy(A):
    U = np.array(A)                        # keeps int for a matrix of ints
    rows, cols = U.shape
    r = 0
    for c in range(cols):
        if r == rows:
            break
        p = r + np.argmax(np.abs(U[r:, c]))
        if abs(U[p, c]) < 1e-10:
            continue
        U[[r, p]] = U[[p, r]]
        for i in range(r + 1, rows):
            U[i] = U[i] - (U[i, c] / U[r, c]) * U[r]   # silently rounded to ints
        r += 1
    return U


def integer_copy_in_place_op(A):
    U = np.array(A)
    U[1:] -= 0.5 * U[0]                    # UFuncTypeError for ints
    return echelon_reference(A)


def never_skips(A):
    U = np.array(A, dtype=float)
    for r in range(min(U.shape)):
        p = r + np.argmax(np.abs(U[r:, r]))
        U[[r, p]] = U[[p, r]]
        for i in range(r + 1, U.shape[0]):
            U[i] -= U[i, r] / U[r, r] * U[r]
    return U


def skips_and_moves_row(A):
    # A column without a pivot also moves the pivot row down: not a staircase.
    U = np.array(A, dtype=float)
    for r in range(min(U.shape)):
        p = r + np.argmax(np.abs(U[r:, r]))
        if abs(U[p, r]) < 1e-10:
            continue
        U[[r, p]] = U[[p, r]]
        for i in range(r + 1, U.shape[0]):
            U[i] -= U[i, r] / U[r, r] * U[r]
    return U


def exact_zero_other_order(A):
    # Tests the pivot with == 0 and computes each row operation in another order,
    # so its rounding leftovers differ from the book's: the tiny pivot is still found.
    U = np.array(A, dtype=float)
    rows, cols = U.shape
    r = 0
    for c in range(cols):
        if r == rows:
            break
        p = r + np.argmax(np.abs(U[r:, c]))
        if U[p, c] == 0:
            continue
        U[[r, p]] = U[[p, r]]
        for i in range(r + 1, rows):
            U[i] = U[i] - U[i, c] * U[r] / U[r, c]
        r += 1
    return U


ECHELON_WRONG = {
    "no pivoting (NaN)": (no_pivoting, ["inf or NaN", "swap", "partial pivoting"]),
    "no pivoting (ZeroDivisionError)": (no_pivoting_python_floats,
                                        ["ZeroDivisionError", "zero pivot", "partial pivoting"]),
    "first non-zero row": (first_nonzero, ["first row with a non-zero entry", "largest in absolute value"]),
    "largest signed": (lambda A: linear_systems._variant(A, pivoting="signed"), ["np.abs", "-4"]),
    "pivots scaled to 1": (lambda A: linear_systems._variant(A, scale=True), ["pivot", "1", "scipy.linalg.lu"]),
    "reduced form": (lambda A: linalg.rref(A), ["reduced row echelon form", "below"]),
    "only the next row": (lambda A: linear_systems._variant(A, below="next"), ["directly below", "every row below"]),
    "only the first column": (lambda A: linear_systems._variant(A, columns="first"), ["first column", "every column"]),
    "transposed in and out": (lambda A: echelon_reference(np.asarray(A).T).T, ["Rows and columns look swapped"]),
    "transpose returned": (lambda A: echelon_reference(np.asarray(A).T), ["shape", "swapped"]),
    "in place": (in_place, ["changed the matrix", "copy"]),
    "integer copy": (integer_copy, ["whole numbers", "dtype=float"]),
    "integer copy, in-place op": (integer_copy_in_place_op, ["whole numbers", "dtype=float", "UFuncTypeError"]),
    "never skips a column": (never_skips, ["inf or NaN", "no pivot"]),
    "not a staircase": (skips_and_moves_row, ["not in row echelon form", "row 2"]),
    "returns None": (lambda A: None, ["None", "return"]),
    "returns text": (lambda A: "U", ["should return a matrix of numbers", "str"]),
    "== 0 for the pivot": (lambda A: linear_systems._variant(A, tol=0.0), ["== 0", "1e-16", "abs(U[p, c]) < 1e-10"]),
    "== 0, other arithmetic": (exact_zero_other_order, ["== 0", "rounding leftover"]),
}


@pytest.mark.parametrize("name", ECHELON_WRONG)
def test_row_echelon_names_each_typical_mistake(name):
    function, words = ECHELON_WRONG[name]
    result = check.row_echelon(function)
    assert not result and str(result).startswith("✘ row_echelon")
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_row_echelon_mistake_messages_are_all_different():
    messages = [message for _, message in linear_systems.ECHELON_MISTAKES]
    assert len(set(messages)) == len(messages)


def test_row_echelon_probes_tell_every_mistake_apart():
    answers = [linear_systems._right] + [f for f, _ in linear_systems.ECHELON_MISTAKES]
    for first, second in itertools.combinations(range(len(answers)), 2):
        same = all(np.shape(answers[first](A)) == np.shape(answers[second](A))
                   and np.allclose(answers[first](A), answers[second](A), equal_nan=True)
                   for A in linear_systems._ECHELON_PROBES)
        assert not same, f"answers {first} and {second} agree on every probe"


def test_row_echelon_unknown_mistake_shows_expected_and_got():
    result = check.row_echelon(lambda A: 2 * echelon_reference(A))
    assert not result
    assert "row_echelon([[0, 1], [1, 1]]) should be" in result.message
    assert "[[1., 1.]," in result.message and "[[2., 2.]," in result.message


def test_row_echelon_reports_a_function_that_raises():
    def broken(A):
        raise RuntimeError("something broke")

    result = check.row_echelon(broken)
    assert not result
    assert "row_echelon(" in result.message and "raised RuntimeError: something broke" in result.message


@pytest.mark.parametrize("not_a_function", [None, 3, "row_echelon", np.eye(2)])
def test_row_echelon_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="row_echelon must be a function"):
        check.row_echelon(not_a_function)


# --- is_singular ---------------------------------------------------------------------------

@pytest.mark.parametrize("function", [singular_reference, singular_numpy_bool, singular_rank,
                                      linalg.is_singular])
def test_is_singular_accepts_correct_functions(function):
    result = check.is_singular(function)
    assert result and "correct" in result.message


def test_is_singular_probes_are_right():
    for A, want, _ in linear_systems._SINGULAR_PROBES:
        assert linalg.is_singular(A) == want
        assert (np.linalg.matrix_rank(A) < len(A)) == want


def exact_zero(A):
    return bool(np.any(np.diag(echelon_reference(A, tol=0.0)) == 0))


def no_swaps(A):
    U = np.array(A, dtype=float)
    n = len(U)
    for c in range(n):
        if U[c, c] == 0:
            return True                    # gives up at a zero pivot instead of swapping
        for i in range(c + 1, n):
            U[i] -= U[i, c] / U[c, c] * U[c]
    return bool(np.any(np.abs(np.diag(U)) < 1e-10))


def diagonal_only(A):
    return bool(np.any(np.abs(np.diag(A)) < 1e-10))


def forgets_skipped_columns(A):
    # Looks only at the pivots it found, never noticing a column without one.
    U = echelon_reference(A)
    pivots = [row[np.flatnonzero(np.abs(row) > 1e-10)[0]] for row in U if np.any(np.abs(row) > 1e-10)]
    return bool(np.any(np.abs(pivots) < 1e-10))


def singular_in_place(A):
    A[:] = echelon_reference(A)
    return singular_reference(A)


SINGULAR_WRONG = {
    "opposite": (lambda A: not singular_reference(A), ["opposite", "True when the matrix IS singular"]),
    "== 0": (exact_zero, ["1e-16", "== 0", "abs(pivot) < 1e-10"]),
    "np.linalg.det == 0": (lambda A: bool(np.linalg.det(A) == 0), ["== 0", "floating point"]),
    "no swaps": (no_swaps, ["[[0, 1], [1, 1]]) should be False", "swap rows"]),
    "diagonal of A": (diagonal_only, ["[[1, 2], [2, 4]]) should be True", "twice the first"]),
    "never singular": (forgets_skipped_columns, ["says no matrix is singular"]),
    "always singular": (lambda A: True, ["every matrix is singular"]),
    "returns the determinant": (lambda A: np.linalg.det(A), ["should return True or False", "float"]),
    "returns an int": (lambda A: int(singular_reference(A)), ["True or False", "int"]),
    "returns an array": (lambda A: np.abs(np.diag(echelon_reference(A))) < 1e-10, ["True or False", "ndarray"]),
    "returns None": (lambda A: None, ["None", "return"]),
    "in place": (singular_in_place, ["changed the matrix", "copy"]),
    "zero division": (lambda A: no_pivoting_python_floats(A) and False, ["ZeroDivisionError", "swap"]),
}


@pytest.mark.parametrize("name", SINGULAR_WRONG)
def test_is_singular_names_each_typical_mistake(name):
    function, words = SINGULAR_WRONG[name]
    with np.errstate(all="ignore"):
        result = check.is_singular(function)
    assert not result and str(result).startswith("✘ is_singular")
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_is_singular_names_the_course_matrix():
    def misses_course_matrix(A):
        return False if np.array_equal(A, linear_systems._COURSE_SINGULAR) else singular_reference(A)

    result = check.is_singular(misses_course_matrix)
    assert not result and "course's singular 4x4" in result.message


def test_is_singular_reports_a_function_that_raises():
    result = check.is_singular(lambda A: A.inverse())
    assert not result and "is_singular(" in result.message and "raised AttributeError" in result.message


@pytest.mark.parametrize("not_a_function", [None, True, "is_singular", [singular_reference]])
def test_is_singular_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="is_singular must be a function"):
        check.is_singular(not_a_function)


def test_checkers_are_exported():
    assert {"row_echelon", "is_singular"} <= set(check.__all__)
    assert check.row_echelon is linear_systems.row_echelon and check.is_singular is linear_systems.is_singular


def test_docstring_examples():
    failures, _ = doctest.testmod(linear_systems)
    assert failures == 0
