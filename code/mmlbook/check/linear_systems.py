"""Checkers for Chapter 3, *Linear systems, elimination, rank, determinants*.

The reader writes

* ``row_echelon(A)``: a row echelon form of the matrix ``A`` (any shape, for
  example an augmented matrix ``[A | b]``) by Gaussian elimination with partial
  pivoting. The book's convention, which this checker demands: in each column
  the row whose entry is largest in absolute value becomes the pivot row (the
  first such row on a tie), multiples of it are subtracted from every row below,
  a column with no entry larger than about 1e-10 below the current row gets no
  pivot, and the pivots are **not** scaled to 1. The result is then unique (the
  probes have no ties between pivot candidates): it is
  :func:`mmlbook.linalg.row_echelon`, and for a non-singular square matrix the
  ``U`` of SciPy's ``scipy.linalg.lu``.
* ``is_singular(A)``: ``True`` if the square matrix ``A`` is singular, ``False``
  if not, found by elimination (a pivot that is zero up to rounding).

Each checker calls the reader's function on fixed probe matrices and compares
the result with the right answer. When they differ it compares with the answers
of typical mistakes (no row swaps, the first non-zero pivot instead of the
largest, working on the transpose, pivots scaled to 1, ...) and names the
mistake it finds; otherwise it shows one probe with the expected and the
returned value.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import linalg
from ._core import Failure, Result, as_result_array, call, close, run

__all__ = ["row_echelon", "is_singular"]

_RTOL, _ATOL = 1e-7, 1e-9
_TOL = 1e-10


_close = functools.partial(close, rtol=_RTOL, atol=_ATOL)


def _show(A: Any) -> str:
    """A matrix as the reader would type it: [[0, 1], [1, 1]]."""
    rows = np.asarray(A, dtype=float).tolist()
    return "[" + ", ".join("[" + ", ".join(f"{v:g}" for v in row) + "]" for row in rows) + "]"


# --- typical mistakes, as one elimination with switches ------------------------------------


def _variant(A: Any, *, pivoting: str = "partial", scale: bool = False, reduced: bool = False,
             below: str = "all", columns: str = "all", tol: float = _TOL) -> np.ndarray:
    """Elimination as a reader might write it; the defaults give the right answer.

    pivoting: "partial" (largest in size), "none" (never swap), "first" (first
    non-zero row), "signed" (largest value, forgetting abs). below: "all" rows
    under the pivot or only the "next" one. columns: "all" or only the "first".
    tol: entries up to this size count as zero (0.0 is the "== 0" mistake).
    """
    M = np.array(A, dtype=float)
    rows, cols = M.shape
    pivots = []
    r = 0
    with np.errstate(all="ignore"):
        for c in range(cols if columns == "all" else 1):
            if r == rows:
                break
            column = M[r:, c]
            if pivoting == "partial":
                p = r + int(np.argmax(np.abs(column)))
            elif pivoting == "signed":
                p = r + int(np.argmax(column))
            elif pivoting == "first":
                nonzero = np.flatnonzero(np.abs(column) > tol)
                p = r + int(nonzero[0]) if nonzero.size else r
            else:
                p = r
            if pivoting != "none" and abs(M[p, c]) <= tol:
                continue
            M[[r, p]] = M[[p, r]]
            last = rows if below == "all" else min(r + 2, rows)
            for i in range(r + 1, last):
                M[i] = M[i] - M[i, c] / M[r, c] * M[r]
            pivots.append((r, c))
            r += 1
        if scale or reduced:
            for r, c in pivots:
                M[r] = M[r] / M[r, c]
        if reduced:
            for r, c in reversed(pivots):
                for i in range(r):
                    M[i] = M[i] - M[i, c] * M[r]
    return M


def _right(A: Any) -> np.ndarray:
    return linalg.row_echelon(np.asarray(A, dtype=float))


_EXACT_ZERO = ("It tests for a zero pivot with == 0 (or not at all), so it pivots on a rounding "
               "leftover of about 1e-16 where exact arithmetic gives 0, and the rest of the "
               "elimination is meaningless. In floating point, treat an entry as zero when it is "
               "small: if abs(U[p, c]) < 1e-10, the column has no pivot.")

#: (what a wrong function computes, what to tell its author)
ECHELON_MISTAKES: tuple[tuple[Callable[[np.ndarray], np.ndarray], str], ...] = (
    (lambda A: _variant(A, pivoting="first"),
     "It takes the pivot from the diagonal, or from the first row with a non-zero entry, but "
     "partial pivoting swaps in the row whose entry is largest in absolute value (smaller "
     "multipliers, smaller rounding errors): p = r + np.argmax(np.abs(U[r:, c])), then "
     "U[[r, p]] = U[[p, r]]."),
    (lambda A: _variant(A, pivoting="signed"),
     "It picks the pivot with np.argmax(U[r:, c]), the largest value, so -4 loses to 1. "
     "Partial pivoting compares sizes: np.argmax(np.abs(U[r:, c]))."),
    (lambda A: _variant(A, scale=True),
     "It divides each pivot row by its pivot, so every pivot is 1. That is a row echelon form "
     "too, but this book's row_echelon keeps the pivots as elimination leaves them (the U of "
     "PA = LU, as scipy.linalg.lu computes it): leave out the division of the pivot row."),
    (lambda A: _variant(A, reduced=True),
     "It returns the reduced row echelon form (pivots 1, zeros above them too). row_echelon "
     "should only clear the entries below each pivot, and keep the pivots as they are."),
    (lambda A: _variant(A, below="next"),
     "It clears only the row directly below each pivot. Subtract a multiple of the pivot row "
     "from every row below it: for i in range(r + 1, rows)."),
    (lambda A: _variant(A, columns="first"),
     "It clears the first column and then stops. Repeat the step for every column: the pivot "
     "of the next column is found in the rows below the previous pivot."),
    (lambda A: _variant(np.asarray(A, dtype=float).T).T,
     "Rows and columns look swapped: it eliminates in the columns instead of the rows. A row "
     "operation works on a whole row U[i] (or U[i, :]), and U[:, c] is column c."),
)

# Probes: each matrix, given to the reader as a fresh float array (except where noted).
_ZERO_PIVOT = [[0.0, 1.0], [1.0, 1.0]]
_APPLES = [[2.0, 3.0, 8.0], [10.0, 1.0, 13.0]]  # the augmented matrix of apples and bananas
_MIXED = [[1.0, 2.0, 1.0], [-4.0, 1.0, 2.0], [2.0, -3.0, 5.0]]
_SKIP = [[1.0, 2.0, 3.0], [2.0, 4.0, 7.0], [4.0, 8.0, 8.0]]  # the second column has no pivot
_COURSE_SINGULAR = [[2.0, 0.0, 0.0, 0.0], [0.0, 3.0, 0.0, 0.0], [0.0, 0.0, 4.0, 4.0], [0.0, 0.0, 5.0, 5.0]]
_TALL = [[1.0, 2.0], [3.0, -1.0], [-6.0, 2.0], [2.0, 5.0]]
#: Three parallel lines, augmented: rounding leaves about 1e-16 where 0 belongs in column 2.
_REMNANT = [[0.1, 0.3, 1.0], [0.7, 2.1, 2.0], [0.3, 0.9, 5.0]]
#: The chapter's 4x4 system, augmented, typed as whole numbers as a reader would.
_INTEGER = [[1, 0, 1, -2, -6], [1, -2, -1, -1, -5], [1, -4, -4, -2, -9], [2, 2, 3, -4, -9]]

_ECHELON_PROBES = (_ZERO_PIVOT, _APPLES, _MIXED, _SKIP, _COURSE_SINGULAR, _TALL, _REMNANT)


def _echelon_output(function: Callable, A: Any) -> np.ndarray:
    """The reader's echelon form of ``A`` (a fresh copy: float, or int for the integer probe)."""
    given = np.array(A) if A is _INTEGER else np.array(A, dtype=float)
    with np.errstate(all="ignore"):  # the reader's NaN is reported below, not as a warning
        try:
            value = call(function, "row_echelon", given)
        except Failure as failure:
            if isinstance(failure.__cause__, ZeroDivisionError):
                raise Failure(f"{failure}. It divided by a zero pivot: swap a row with a non-zero "
                              "entry into the pivot position first (partial pivoting), and skip a "
                              "column whose entries are all zero from the pivot row down.") from None
            raise
    if not np.array_equal(given, np.asarray(A)):
        raise Failure(f"row_echelon changed the matrix it was given ({_show(A)}). Work on a "
                      "copy: U = np.array(A, dtype=float), then change U.")
    out = as_result_array(value, "row_echelon", "a matrix of numbers")
    if out.shape != given.shape:
        hint = (" Rows and columns look swapped (did you transpose?)."
                if out.shape == given.shape[::-1] else "")
        raise Failure(f"row_echelon({_show(A)}) should return a matrix of shape {given.shape}, "
                      f"like its input, but it returned shape {out.shape}.{hint}")
    if not np.all(np.isfinite(out)):
        if A is _ZERO_PIVOT:
            reason = ("The top-left entry is 0: without a row swap, elimination divides by zero. "
                      "Swap the row with the largest entry (in absolute value) into the pivot "
                      "position first: partial pivoting.")
        else:
            reason = ("A division by a zero pivot gives inf or NaN. If a column has no non-zero "
                      "entry from the pivot row down (abs < 1e-10), it has no pivot: move on to "
                      "the next column and keep the same pivot row.")
        raise Failure(f"row_echelon({_show(A)}) returned inf or NaN. {reason}")
    return out


def _staircase_problem(U: np.ndarray) -> str | None:
    """Why U is not in row echelon form, or None if it is."""
    last = -1
    for i, row in enumerate(U):
        nonzero = np.flatnonzero(np.abs(row) > 1e-8)
        if nonzero.size == 0:
            last = U.shape[1]
            continue
        if nonzero[0] <= last:
            return (f"row {i} (counting from 0) starts in column {nonzero[0]}, not to the right of "
                    "the pivot in the row above (zero rows count as lying furthest right)")
        last = nonzero[0]
    return None


def _check_echelon(function: Callable) -> str:
    outputs = [_echelon_output(function, A) for A in _ECHELON_PROBES]
    expected = [_right(A) for A in _ECHELON_PROBES]
    if all(map(_close, outputs, expected)):
        advice = ("It is right for matrices of floats but not for the 4x4 system typed with whole "
                  f"numbers, {_show(_INTEGER)}: a copy made with np.array(A) keeps NumPy's integer "
                  "type, so a row operation either fails or rounds its result to whole numbers. "
                  "Copy with U = np.array(A, dtype=float).")
        try:
            integer = _echelon_output(function, _INTEGER)
        except Failure as failure:
            raise Failure(f"{advice} (Your function: {failure})") from None
        if not _close(integer, _right(_INTEGER)):
            raise Failure(advice)
        return (f"correct on {len(_ECHELON_PROBES) + 1} matrices: a zero pivot, the augmented "
                "apples-and-bananas system, negative entries, a column without a pivot, the "
                "course's singular 4x4, a tall matrix, rounding leftovers and a matrix of integers.")
    # Right everywhere but on the probe whose exact zeros are rounded to about 1e-16?
    if all(_close(out, want) for A, out, want in zip(_ECHELON_PROBES, outputs, expected)
           if A is not _REMNANT):
        raise Failure(_EXACT_ZERO)
    for mistake, message in ECHELON_MISTAKES:
        wrong = [mistake(A) for A in _ECHELON_PROBES]
        if all(map(_close, outputs, wrong)):  # the reader's outputs are finite: so must the mistake's be
            raise Failure(message)
    for out, want, A in zip(outputs, expected, _ECHELON_PROBES):
        if not _close(out, want):
            problem = _staircase_problem(out)
            shown = np.array2string(out, precision=4, suppress_small=True, separator=", ")
            wanted = np.array2string(want, precision=4, suppress_small=True, separator=", ")
            if problem:
                raise Failure(f"row_echelon({_show(A)}) returned {shown}, which is not in row "
                              f"echelon form: {problem}. The book's answer is {wanted}.")
            raise Failure(f"row_echelon({_show(A)}) should be {wanted}, but your function "
                          f"returned {shown}. Follow the elimination by hand on this matrix.")
    raise AssertionError("unreachable: some probe differs")  # pragma: no cover


def row_echelon(function: Any) -> Result:
    """Check a reader's ``row_echelon(A)``: Gaussian elimination with partial pivoting.

    The book's convention: the largest entry (in absolute value) of each column,
    from the pivot row down, becomes the pivot; a column whose entries there are
    all zero (below about 1e-10) gets no pivot; pivots are not scaled to 1.

    Parameters
    ----------
    function : callable
        ``function(A)`` with ``A`` a 2-D array of any shape; returns an array of
        the same shape and leaves ``A`` unchanged.

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the
        mistake (or shows one matrix with the expected and the returned value).

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> from mmlbook import linalg
    >>> bool(row_echelon(linalg.row_echelon))
    True
    """
    return run("row_echelon", function, _check_echelon)


# --- is_singular ----------------------------------------------------------------------

_FLOAT_SINGULAR = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]

#: (matrix, the right answer, what to say when the reader's answer is the other one)
_SINGULAR_PROBES: tuple[tuple[list, bool, str], ...] = (
    ([[2.0, 3.0], [10.0, 1.0]], False,
     "The apples-and-bananas matrix has one solution, so it is not singular. "),
    ([[1.0, 2.0], [2.0, 4.0]], True,
     "The second row is twice the first, so elimination leaves a row of zeros. "),
    (_ZERO_PIVOT, False,
     "A zero in the pivot position does not make a matrix singular: swap rows (partial "
     "pivoting) and the pivots are 1 and 1. Only a column with no non-zero entry from the "
     "pivot row down means singular. "),
    (_COURSE_SINGULAR, True,
     "This is the course's singular 4x4: its last two rows, (0, 0, 4, 4) and (0, 0, 5, 5), are "
     "multiples of each other, so elimination leaves a row of zeros. Look at what your function "
     "does when a column has no pivot. "),
    ([[0.0, 7.0, -5.0, 3.0], [2.0, 8.0, 0.0, 4.0], [3.0, 12.0, 0.0, 5.0], [1.0, 3.0, 1.0, 3.0]], False,
     "This 4x4 has determinant -4, so it is not singular; it needs a row swap at the start. "),
    (_SKIP, True,
     "Its second column is twice the first, so the second column has no pivot. "),
    (_FLOAT_SINGULAR, True,
     "This matrix is singular (row 2 is the average of rows 1 and 3), but in floating point "
     "elimination leaves a last pivot of about 1e-16 instead of 0. Never test a float with "
     "== 0: treat a pivot as zero when abs(pivot) < 1e-10. "),
    ([[4.0, 1.0, 2.0], [1.0, 5.0, 3.0], [2.0, 3.0, 6.0]], False,
     "This symmetric 3x3 has determinant 70, so it is not singular. "),
)


def _singular_output(function: Callable, A: list) -> bool:
    given = np.array(A, dtype=float)
    with np.errstate(all="ignore"):
        try:
            value = call(function, "is_singular", given)
        except Failure as failure:
            if isinstance(failure.__cause__, ZeroDivisionError):
                raise Failure(f"{failure}. It divided by a zero pivot: swap a row with a non-zero "
                              "entry into the pivot position first (partial pivoting).") from None
            raise
    if not np.array_equal(given, np.asarray(A, dtype=float)):
        raise Failure(f"is_singular changed the matrix it was given ({_show(A)}). Work on a "
                      "copy: U = np.array(A, dtype=float), then change U.")
    if value is None:
        raise Failure("is_singular returned None: is the return statement missing?")
    if not isinstance(value, (bool, np.bool_)):
        raise Failure(f"is_singular({_show(A)}) returned {value!r} ({type(value).__name__}), "
                      "but it should return True or False. Return the answer to a question, such "
                      "as bool(np.any(np.abs(np.diag(U)) < 1e-10)), not a number or an array.")
    return bool(value)


def _check_singular(function: Callable) -> str:
    answers = [_singular_output(function, A) for A, _, _ in _SINGULAR_PROBES]
    right = [want for _, want, _ in _SINGULAR_PROBES]
    if answers == right:
        return (f"correct on {len(answers)} matrices, singular and not, including a zero pivot, "
                "the course's singular 4x4 and a singular matrix that rounding hides.")
    if all(a != r for a, r in zip(answers, right)):
        raise Failure("Every answer is the opposite of the right one: is_singular should return "
                      "True when the matrix IS singular (a zero pivot), False when it is not.")
    if not any(answers):
        raise Failure("It says no matrix is singular, not even [[1, 2], [2, 4]], whose second "
                      "row is twice the first. After elimination, check each pivot: a pivot "
                      "with abs(pivot) < 1e-10 means singular.")
    if all(answers):
        raise Failure("It says every matrix is singular, even [[2, 3], [10, 1]], whose pivots "
                      "are 10 and 2.8. Check the pivots only after eliminating, and compare "
                      "their size with a small tolerance, abs(pivot) < 1e-10.")
    for (A, want, hint), got in zip(_SINGULAR_PROBES, answers):
        if got != want:
            raise Failure(f"is_singular({_show(A)}) should be {want}, but your function returned "
                          f"{got}. {hint}")
    raise AssertionError("unreachable: some probe differs")  # pragma: no cover


def is_singular(function: Any) -> Result:
    """Check a reader's ``is_singular(A)``: True for a singular square matrix, False otherwise.

    Parameters
    ----------
    function : callable
        ``function(A)`` with ``A`` a square 2-D array; returns ``True`` or
        ``False`` and leaves ``A`` unchanged.

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the
        mistake (or shows one matrix with the expected and the returned answer).

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> from mmlbook import linalg
    >>> bool(is_singular(linalg.is_singular))
    True
    """
    return run("is_singular", function, _check_singular)
