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

def echelon_reference(A, tol=None):
    """The book's solution: partial pivoting, pivots not scaled, the tolerance relative to A."""
    U = np.array(A, dtype=float)
    if tol is None:
        tol = linalg.rank_tolerance(U)
    rows, cols = U.shape
    r = 0
    for c in range(cols):
        if r == rows:
            break
        p = r + np.argmax(np.abs(U[r:, c]))
        if abs(U[p, c]) <= tol:
            continue
        U[[r, p]] = U[[p, r]]
        for i in range(r + 1, rows):
            U[i] -= (U[i, c] / U[r, c]) * U[r]
        r += 1
    return U


def echelon_vectorised(A):
    """Row operations as one outer product; the tolerance written out, as in NumPy's matrix_rank."""
    U = np.array(A, dtype=float)
    tol = 1000 * max(U.shape) * np.finfo(U.dtype).eps * np.abs(U).max()
    r = 0
    for c in range(U.shape[1]):
        if r == U.shape[0]:
            break
        p = r + int(np.argmax(np.abs(U[r:, c])))
        if np.isclose(U[p, c], 0, rtol=0, atol=tol):
            continue
        U[[r, p]] = U[[p, r]]
        U[r + 1:] -= np.outer(U[r + 1:, c] / U[r, c], U[r])
        r += 1
    return U


def echelon_lists(A):
    """Pure Python lists in, a list of lists out."""
    U = [[float(v) for v in row] for row in np.asarray(A).tolist()]
    rows, cols, r = len(U), len(U[0]), 0
    tol = 1000 * max(rows, cols) * 2.220446049250313e-16 * max(abs(v) for row in U for v in row)
    for c in range(cols):
        if r == rows:
            break
        p = max(range(r, rows), key=lambda i: abs(U[i][c]))
        if abs(U[p][c]) <= tol:
            continue
        U[r], U[p] = U[p], U[r]
        for i in range(r + 1, rows):
            m = U[i][c] / U[r][c]
            U[i] = [a - m * b for a, b in zip(U[i], U[r])]
        r += 1
    return U


def echelon_float32(A):
    """Computed in float32, with float32's epsilon in the tolerance: agrees to about 1e-6."""
    U = np.array(A, dtype=np.float32)
    tol = 1000 * max(U.shape) * np.finfo(np.float32).eps * np.abs(U).max()
    rows, cols = U.shape
    r = 0
    for c in range(cols):
        if r == rows:
            break
        p = r + int(np.argmax(np.abs(U[r:, c])))
        if abs(U[p, c]) <= tol:
            continue
        U[[r, p]] = U[[p, r]]
        U[r + 1:] -= np.outer(U[r + 1:, c] / U[r, c], U[r])
        r += 1
    return U


def echelon_svd_tolerance(A):
    """Another scale-relative threshold: NumPy's matrix_rank rule (times 1000) on the singular values."""
    U = np.array(A, dtype=float)
    tol = 1000 * max(U.shape) * np.finfo(float).eps * np.linalg.svd(U, compute_uv=False).max()
    rows, cols = U.shape
    r = 0
    for c in range(cols):
        if r < rows:
            p = r + np.argmax(np.abs(U[r:, c]))
            if abs(U[p, c]) > tol:
                U[[r, p]] = U[[p, r]]
                for i in range(r + 1, rows):
                    U[i, :] = U[i, :] - U[i, c] / U[r, c] * U[r, :]
                r += 1
    return U


def echelon_while_loop(A):
    """A while loop over (row, column), as in many course forum answers."""
    U = np.array(A, dtype=float)
    tol = linalg.rank_tolerance(A)
    r = c = 0
    while r < U.shape[0] and c < U.shape[1]:
        p = r + np.argmax(np.abs(U[r:, c]))
        if abs(U[p, c]) > tol:
            U[[r, p]] = U[[p, r]]
            multipliers = U[r + 1:, c] / U[r, c]
            U[r + 1:] -= multipliers[:, None] * U[r]
            r += 1
        c += 1
    return U


def scipy_u(A):
    return scipy.linalg.lu(np.asarray(A, dtype=float))[2]


def singular_reference(A, tol=None):
    if tol is None:
        tol = linalg.rank_tolerance(A)
    U = echelon_reference(A, tol)
    return bool(np.any(np.abs(np.diag(U)) <= tol))


def singular_numpy_bool(A):
    return np.any(np.abs(np.diag(echelon_reference(A))) <= linalg.rank_tolerance(A))   # np.bool_, fine


def singular_rank(A):
    return np.linalg.matrix_rank(A) < len(A)


def singular_svd(A):
    """The smallest singular value against NumPy's relative rule."""
    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)
    return bool(s[-1] <= max(np.shape(A)) * np.finfo(float).eps * s[0])


def singular_float32(A):
    """Elimination in float32 with float32's tolerance."""
    U = echelon_float32(A)
    tol = 1000 * len(U) * np.finfo(np.float32).eps * np.abs(np.asarray(A, dtype=np.float32)).max()
    return bool(np.min(np.abs(np.diag(U))) <= tol)


def singular_lists(A):
    """Plain Python: count the non-zero rows of the echelon form."""
    U = echelon_lists(A)
    tol = 1000 * len(U) * 2.220446049250313e-16 * max(abs(v) for row in A for v in row)
    nonzero_rows = sum(1 for row in U if max(abs(v) for v in row) > tol)
    return nonzero_rows < len(U)


# --- row_echelon: right answers ------------------------------------------------------------

@pytest.mark.parametrize("function", [echelon_reference, echelon_vectorised, echelon_lists,
                                      echelon_float32, echelon_svd_tolerance, echelon_while_loop])
def test_row_echelon_accepts_correct_functions(function):
    result = check.row_echelon(function)
    assert result and isinstance(result, check.Result), result
    assert "correct" in result.message and str(result).startswith("✔ row_echelon")


def test_row_echelon_accepts_linalg():
    assert check.row_echelon(linalg.row_echelon)


def test_scipy_lu_agrees_on_the_square_probes():
    # The convention is SciPy's U where every column gets a pivot (and no ties). (With a column
    # that has no pivot, LU does not skip it and its U is no staircase, so the two differ there.)
    compared = 0
    for A in linear_systems._ECHELON_PROBES:
        if np.shape(A)[0] == np.shape(A)[1] and np.linalg.matrix_rank(A) == len(A):
            scale = np.abs(A).max()
            assert np.allclose(scipy_u(A), linear_systems._right(A), rtol=1e-12, atol=1e-12 * scale)
            compared += 1
    assert compared >= 3   # the zero pivot, the mixed signs, 1e-11 times it
    # The chapter's small pivot next to a large entry: a pivot under the book's tolerance, as in LU.
    T3 = [[1e3, 0.0, 0.0], [0.0, 1e-8, 1.0], [0.0, 0.0, 1.0]]
    assert np.allclose(scipy_u(T3), linear_systems._right(T3), rtol=1e-12, atol=1e-12 * 1e3)
    assert np.allclose(linear_systems._right(T3), T3)


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
    tol = linalg.rank_tolerance(A)
    r = 0
    for c in range(cols):
        if r == rows:
            break
        p = r + np.argmax(np.abs(U[r:, c]))
        if abs(U[p, c]) <= tol:
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


def rref_learner(A):
    """The reduced form: the book's echelon form, then pivots 1 and zeros above them."""
    U = echelon_reference(A)
    tol = linalg.rank_tolerance(A)
    for r in reversed(range(U.shape[0])):
        nonzero = np.flatnonzero(np.abs(U[r]) > tol)
        if nonzero.size:
            c = nonzero[0]
            U[r] /= U[r, c]
            for i in range(r):
                U[i] -= U[i, c] * U[r]
    return U


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


def loops_to_min(A):
    """for c in range(min(rows, cols)): right on square and tall matrices, not on a wide one."""
    U = np.array(A, dtype=float)
    rows, cols = U.shape
    tol = linalg.rank_tolerance(A)
    r = 0
    for c in range(min(rows, cols)):
        p = r + np.argmax(np.abs(U[r:, c]))
        if abs(U[p, c]) <= tol:
            continue
        U[[r, p]] = U[[p, r]]
        for i in range(r + 1, rows):
            U[i] -= U[i, c] / U[r, c] * U[r]
        r += 1
    return U


def deeplearning_ai(A):
    """DeepLearning.AI's lab: the first non-zero entry is the pivot, and the pivot row is divided by it."""
    M = np.array(A, dtype=float)
    rows, cols = M.shape
    row = 0
    for col in range(cols):
        if row == rows:
            break
        candidates = [i for i in range(row, rows) if not np.isclose(M[i, col], 0, rtol=0,
                                                                   atol=linalg.rank_tolerance(A))]
        if not candidates:
            continue
        M[[row, candidates[0]]] = M[[candidates[0], row]]
        M[row] = M[row] / M[row, col]
        for i in range(row + 1, rows):
            M[i] = M[i] - M[i, col] * M[row]
        row += 1
    return M


def imperial(A):
    """Imperial's "fixRow" style: add lower rows to mend a zero diagonal, then make the pivot 1."""
    U = np.array(A, dtype=float)
    rows, cols = U.shape
    tol = linalg.rank_tolerance(A)
    r = 0
    for c in range(cols):
        if r == rows:
            break
        for i in range(r + 1, rows):
            if abs(U[r, c]) > tol:
                break
            U[r] = U[r] + U[i]
        if abs(U[r, c]) <= tol:
            continue
        U[r] = U[r] / U[r, c]
        for i in range(r + 1, rows):
            U[i] = U[i] - U[i, c] * U[r]
        r += 1
    return U


def fixed_threshold(A):
    U = np.array(A, dtype=float)
    rows, cols = U.shape
    r = 0
    for c in range(cols):
        if r == rows:
            break
        p = r + np.argmax(np.abs(U[r:, c]))
        if abs(U[p, c]) < 1e-10:          # fixed units: wrong for 1e-11 A and for 1e8 A
            continue
        U[[r, p]] = U[[p, r]]
        for i in range(r + 1, rows):
            U[i] -= U[i, c] / U[r, c] * U[r]
        r += 1
    return U


def isclose_default(A):
    U = np.array(A, dtype=float)
    r = 0
    for c in range(U.shape[1]):
        if r == U.shape[0]:
            break
        p = r + int(np.argmax(np.abs(U[r:, c])))
        if np.isclose(U[p, c], 0):        # default atol=1e-8: a fixed threshold
            continue
        U[[r, p]] = U[[p, r]]
        U[r + 1:] -= np.outer(U[r + 1:, c] / U[r, c], U[r])
        r += 1
    return U


def float32_with_float64_tolerance(A):
    U = np.array(A, dtype=np.float32)
    tol = linalg.rank_tolerance(A)        # made for float64: far below float32's rounding
    rows, cols = U.shape
    r = 0
    for c in range(cols):
        if r == rows:
            break
        p = r + int(np.argmax(np.abs(U[r:, c])))
        if abs(U[p, c]) <= tol:
            continue
        U[[r, p]] = U[[p, r]]
        U[r + 1:] -= np.outer(U[r + 1:, c] / U[r, c], U[r])
        r += 1
    return U


ECHELON_WRONG = {
    "range(min(rows, cols))": (loops_to_min, ["range(min(rows, cols))", "wide matrix", "for c in range(cols)"]),
    "DeepLearning.AI convention": (deeplearning_ai, ["DeepLearning.AI", "first non-zero", "partial pivoting",
                                                     "do not divide the pivot row"]),
    "Imperial convention": (imperial, ["Imperial College", "adding the rows below", "swap (do not add)",
                                       "do not divide the pivot row"]),
    "fixed 1e-10": (fixed_threshold, ["fixed threshold", "1e-11 times", "rank_tolerance"]),
    "np.isclose(x, 0)": (isclose_default, ["fixed threshold", "np.isclose(x, 0)", "relative to the matrix"]),
    "float32 with float64's tolerance": (float32_with_float64_tolerance, ["rounding leftover", "float32"]),
    "no pivoting (NaN)": (no_pivoting, ["inf or NaN", "swap", "partial pivoting"]),
    "no pivoting (ZeroDivisionError)": (no_pivoting_python_floats,
                                        ["ZeroDivisionError", "zero pivot", "partial pivoting"]),
    "first non-zero row": (first_nonzero, ["first row with a non-zero entry", "largest in absolute value"]),
    "largest signed": (lambda A: linear_systems._variant(A, pivoting="signed"), ["np.abs", "-4"]),
    "pivots scaled to 1": (lambda A: linear_systems._variant(A, scale=True), ["pivot", "1", "scipy.linalg.lu"]),
    "reduced form": (rref_learner, ["reduced row echelon form", "below"]),
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
    "== 0 for the pivot": (lambda A: linear_systems._variant(A, tol=0.0), ["== 0", "1e-16", "abs(U[p, c]) <= tol"]),
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
                                      singular_svd, singular_lists])
def test_is_singular_accepts_correct_functions(function):
    result = check.is_singular(function)
    assert result and "correct" in result.message, result


def test_is_singular_accepts_linalg():
    assert check.is_singular(linalg.is_singular)


def test_is_singular_probes_are_right():
    for A, want, _ in linear_systems._SINGULAR_PROBES:
        assert linalg.is_singular(A) == want
    for A, want, _ in linear_systems._SINGULAR_PROBES + linear_systems._SCALED_SINGULAR:
        assert (np.linalg.matrix_rank(A) < len(A)) == want, A
        assert singular_reference(A) == want and singular_svd(A) == want


def test_row_echelon_reference_is_the_book_convention():
    # The checker's answers come from its own elimination with rank_tolerance, not from linalg's
    # default: they agree with a reader-style solution and have matrix_rank's number of pivots.
    for A in linear_systems._ECHELON_PROBES:
        want = linear_systems._right(A)
        scale = np.abs(A).max()
        assert np.allclose(want, echelon_reference(A), rtol=1e-12, atol=1e-12 * scale)
        nonzero_rows = int(np.sum(np.abs(want).max(axis=1) > linalg.rank_tolerance(A)))
        assert nonzero_rows == np.linalg.matrix_rank(A), A


@pytest.mark.parametrize("c", [1e-6, 1e6])
def test_correct_solutions_pass_on_scaled_copies_of_the_probes(c, monkeypatch):
    # Scale every probe by 1e-6 or 1e6: the book's answers scale with it, and correct solutions,
    # whose tolerance is relative, still pass; a fixed threshold would not.
    scaled = tuple((c * np.array(A)).tolist() for A in linear_systems._ECHELON_PROBES)
    monkeypatch.setattr(linear_systems, "_ECHELON_PROBES", scaled)
    for function in (echelon_reference, echelon_vectorised, echelon_lists, echelon_while_loop):
        assert check.row_echelon(function), function.__name__
    for A in scaled:
        assert np.allclose(linear_systems._right(A), c * linear_systems._right(np.array(A) / c),
                           rtol=1e-9, atol=1e-9 * np.abs(A).max())


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


def singular_det_threshold(A):
    return bool(abs(np.linalg.det(A)) < 1e-10)     # the misconception of the chapter's warning box


def singular_fixed_pivot(A):
    U = fixed_threshold(A)
    return bool(np.any(np.abs(np.diag(U)) < 1e-10))


def singular_isclose(A):
    return bool(np.any(np.isclose(np.diag(isclose_default(A)), 0)))


SINGULAR_WRONG = {
    "abs(det) < 1e-10": (singular_det_threshold, ["size of the determinant", "1e-20", "c**n", "rank_tolerance"]),
    "abs(det) < 1e-12": (lambda A: bool(abs(np.linalg.det(A)) < 1e-12),
                         ["size of the determinant", "0.1 times the 20x20"]),
    "det relative to max|a|**n": (lambda A: bool(abs(np.linalg.det(A)) < 1e-10 * np.abs(A).max() ** len(A)),
                                  ["size of the determinant", "1e-38", "Count the pivots"]),
    "det(A) close to 0": (lambda A: bool(np.isclose(np.linalg.det(A), 0)), ["nearly parallel", "1.000000001",
                                                                           "on the determinant"]),
    "fixed pivot threshold": (singular_fixed_pivot, ["fixed threshold", "1e-11 times the identity", "rank_tolerance"]),
    "np.isclose pivot": (singular_isclose, ["nearly parallel", "fixed threshold", "np.isclose(x, 0)"]),
    "float32": (singular_float32, ["nearly parallel", "float32", "work in float64"]),
    "matrix_rank with tol=1e-10": (lambda A: np.linalg.matrix_rank(A, tol=1e-10) < len(A), ["fixed threshold"]),
    "opposite": (lambda A: not singular_reference(A), ["opposite", "True when the matrix IS singular"]),
    "== 0": (exact_zero, ["1e-16", "== 0", "abs(pivot) <= tol"]),
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


def _pivot_candidates(A):
    """For each pivot of the book's elimination: the sizes of the candidates it was chosen from."""
    U = np.array(A, dtype=float)
    tol = linalg.rank_tolerance(U)
    rows, cols = U.shape
    r, chosen = 0, []
    for c in range(cols):
        if r == rows:
            break
        sizes = np.abs(U[r:, c])
        if sizes.max() <= tol:
            continue
        chosen.append(np.sort(sizes)[::-1])
        p = r + int(np.argmax(sizes))
        U[[r, p]] = U[[p, r]]
        U[r + 1:] -= np.outer(U[r + 1:, c] / U[r, c], U[r])
        r += 1
    return chosen


@pytest.mark.parametrize("index", range(len(linear_systems._ECHELON_PROBES)))
def test_row_echelon_probes_have_no_ties(index):
    # The convention's answer is unique only without ties; a float32 solution may break a tie
    # the other way, so no probe may come near one.
    for sizes in _pivot_candidates(linear_systems._ECHELON_PROBES[index]):
        if sizes.size > 1:
            assert sizes[1] < (1 - 1e-3) * sizes[0], sizes
