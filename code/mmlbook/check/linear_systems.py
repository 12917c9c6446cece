"""Checkers for Chapter 3, *Linear systems, elimination, rank, determinants*.

The reader writes

* ``row_echelon(A)``: a row echelon form of the matrix ``A`` (any shape, for
  example an augmented matrix ``[A | b]``) by Gaussian elimination with partial
  pivoting. The book's convention, which this checker demands: in each column
  the row whose entry is largest in absolute value becomes the pivot row (the
  first such row on a tie), multiples of it are subtracted from every row below,
  a column with no entry larger than the book's tolerance
  :func:`mmlbook.linalg.rank_tolerance` of ``A`` (``1000 * max(m, n) * eps *
  max|a_ij|``, relative to ``A``'s scale) from the current row down gets no pivot,
  and the pivots are **not** scaled to 1. The result is then unique (the probes
  have no ties between pivot candidates); for a matrix whose columns all get a
  pivot it is the ``U`` of SciPy's ``scipy.linalg.lu``.
* ``is_singular(A)``: ``True`` if the square matrix ``A`` is singular, ``False``
  if not: a pivot no larger than ``rank_tolerance(A)``, the same verdict as
  ``np.linalg.matrix_rank(A) < n`` on every probe.

The courses' conventions are named, not accepted: DeepLearning.AI's assignment
takes the first non-zero entry as the pivot and divides each pivot row by its
pivot; Imperial's "Identifying special matrices" makes every pivot 1 and mends
a zero on the diagonal by adding a lower row. Both give a valid row echelon
form, but not this book's (partial pivoting, pivots as elimination leaves them),
and the message says exactly which of the two rules differs.

The probes include scaled matrices (``1e-11``, ``0.1`` and ``1e8`` times a
probe), so that a fixed threshold (``1e-10``, ``np.isclose(x, 0)``) or a test on
the determinant is caught and named. They stay within float32's resolution, so
a float32 ``row_echelon`` that uses float32's epsilon in its tolerance is
accepted. ``is_singular`` is also asked about the nearly parallel rows (1, 1) and
(1, 1 + 1e-9), which float64 tells apart and float32 cannot.

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

#: Agreement demanded, relative to each probe's scale: loose enough for a float32 solution
#: (about 1e-7 relative rounding, grown a little by elimination), far tighter than any mistake.
_RTOL = 1e-5


def _close(got: Any, wanted: Any, scale: float = 1.0) -> bool:
    """Equal in shape and, relative to ``scale`` (the probe's largest entry), in value."""
    return close(got, wanted, rtol=_RTOL, atol=_RTOL * scale)


def _scale(A: Any) -> float:
    return float(np.abs(np.asarray(A, dtype=float)).max())


def _show(A: Any) -> str:
    """A matrix as the reader would type it: [[0, 1], [1, 1]]."""
    rows = np.asarray(A, dtype=float).tolist()
    return "[" + ", ".join("[" + ", ".join(f"{v:.12g}" for v in row) + "]" for row in rows) + "]"


# --- typical mistakes, as one elimination with switches ------------------------------------


def _variant(A: Any, *, pivoting: str = "partial", scale: bool = False, reduced: bool = False,
             below: str = "all", columns: str = "all", tol: float | None = None) -> np.ndarray:
    """Elimination as a reader might write it; the defaults give the right answer.

    pivoting: "partial" (largest in size), "none" (never swap), "first" (first
    non-zero row, DeepLearning.AI's rule), "signed" (largest value, forgetting
    abs), "add" (Imperial's rule: a zero on the diagonal is mended by adding the
    rows below, one after another, until it is not zero). below: "all" rows under
    the pivot or only the "next" one. columns: "all", only the "first", or the
    first "min"(rows, cols) of them. tol: entries up to this size count as zero;
    None is the book's ``rank_tolerance(A)``, 0.0 is the "== 0" mistake.
    """
    M = np.array(A, dtype=float)
    rows, cols = M.shape
    if tol is None:
        tol = linalg.rank_tolerance(M)
    pivots = []
    r = 0
    last_column = {"all": cols, "first": 1, "min": min(rows, cols)}[columns]
    with np.errstate(all="ignore"):
        for c in range(last_column):
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
            if pivoting == "add":
                for i in range(r + 1, rows):
                    if abs(M[r, c]) > tol:
                        break
                    M[r] = M[r] + M[i]
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
    """The book's answer, computed here with the book's tolerance (not with linalg's default)."""
    return _variant(A)


_TAU = "tol = 1000 * max(A.shape) * np.finfo(float).eps * np.abs(A).max() (linalg.rank_tolerance(A))"

_EXACT_ZERO = ("It tests for a zero pivot with == 0 (or not at all, or with a tolerance far below "
               "the rounding, such as float64's where it computes in float32), so it pivots on a "
               "rounding leftover of about 1e-16 times the entries where exact arithmetic gives 0, "
               "and the rest of the elimination is meaningless. In floating point, treat an entry as "
               "zero when it is small relative to the matrix: if abs(U[p, c]) <= tol, with "
               f"{_TAU} computed once from A, the column has no pivot.")

_FIXED = ("It decides whether a pivot is zero with a fixed threshold (such as abs(x) < 1e-10, or "
          "np.isclose(x, 0), whose default atol is 1e-8), so the answer depends on the units: "
          "{probe}. Make the threshold relative to the matrix's scale: {tau}, computed once from "
          "the A you were given (as np.linalg.matrix_rank does).")

_DLAI = ("This is the convention of DeepLearning.AI's assignment: the pivot is the first non-zero "
         "entry of the column (a swap only when the diagonal entry is zero), and each pivot row "
         "is divided by its pivot. That is a valid row echelon form, but this book's differs in "
         "both rules: (1) partial pivoting: swap up the row whose entry is largest in absolute "
         "value, p = r + np.argmax(np.abs(U[r:, c])), which keeps every multiplier at most 1; "
         "(2) pivots are left as elimination makes them (the U of scipy.linalg.lu): do not divide "
         "the pivot row.")

_IMPERIAL = ("This is the convention of Imperial College's 'Identifying special matrices': a zero "
             "on the diagonal is mended by adding the rows below to it, and each pivot row is "
             "divided by its pivot, so the diagonal holds 1s. That is a valid row echelon form, "
             "but this book's differs in both rules: (1) partial pivoting: swap (do not add) the "
             "row whose entry is largest in absolute value into the pivot position, "
             "p = r + np.argmax(np.abs(U[r:, c])); then U[[r, p]] = U[[p, r]]; (2) pivots are "
             "left as elimination makes them (the U of scipy.linalg.lu): do not divide the "
             "pivot row.")

#: (what a wrong function computes, what to tell its author)
ECHELON_MISTAKES: tuple[tuple[Callable[[np.ndarray], np.ndarray], str], ...] = (
    (lambda A: _variant(A, pivoting="first", scale=True), _DLAI),
    (lambda A: _variant(A, pivoting="add", scale=True), _IMPERIAL),
    (lambda A: _variant(A, columns="min"),
     "It loops over the columns with range(min(rows, cols)), so on a wide matrix whose early "
     f"columns have no pivot, such as {{wide}}, the later columns are never reached and the rows "
     "below are not cleared. Loop over every column, for c in range(cols), and stop when the "
     "pivot row r has passed the last row."),
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

#: Wide, with two pivot-less columns (1 and 2 are multiples of column 0): pivots in columns 0, 3, 4.
_WIDE = [[1.0, 2.0, 3.0, 1.0, 0.0], [2.0, 4.0, 6.0, 0.0, 1.0], [3.0, 6.0, 9.0, 2.0, 2.0]]
#: Scaled probes: a fixed threshold answers them differently from the unscaled ones.
_TINY = (1e-11 * np.array(_MIXED)).tolist()           # every entry below 1e-10, yet three pivots
#: 1e8 times a 4x4 augmented matrix whose third column is 2 * (second) - (first): elimination leaves
#: rounding leftovers of about 1e-8 (> 1e-10) in that column, with a row below them.
_BIG_REMNANT = (1e8 * np.array([[0.1, 0.2, 0.3, 1.0], [0.4, 0.5, 0.6, 2.0], [0.7, 0.8, 0.9, 5.0],
                                [0.2, 0.1, 0.0, 3.0]])).tolist()
# Not [[1e3, 0, 0], [0, 1e-8, 1], [0, 0, 1]] (the chapter's example of a small pivot next to a large
# entry): below float32's resolution, it would reject a float32 solution that is right for float32.
# _TINY already catches np.isclose(x, 0) and every other fixed threshold above 1e-11.
_SCALED = (_TINY, _BIG_REMNANT)

_ECHELON_PROBES = (_ZERO_PIVOT, _APPLES, _MIXED, _SKIP, _COURSE_SINGULAR, _TALL, _REMNANT, _WIDE,
                   *_SCALED)


def _is_scaled(A: Any) -> bool:
    return any(A is probe for probe in _SCALED)


_SCALE_NAMES = {id(_TINY): "1e-11 times a matrix with three pivots, all of whose entries are below 1e-10",
                id(_BIG_REMNANT): "1e8 times a matrix whose elimination leaves rounding leftovers, "
                                  "now of about 1e-8"}


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
                      "entry from the pivot row down (abs <= linalg.rank_tolerance(A)), it has no "
                      "pivot: move on to "
                      "the next column and keep the same pivot row.")
        raise Failure(f"row_echelon({_show(A)}) returned inf or NaN. {reason}")
    return out


def _staircase_problem(U: np.ndarray, scale: float) -> str | None:
    """Why U is not in row echelon form (entries below _RTOL * scale count as zero), or None."""
    last = -1
    for i, row in enumerate(U):
        nonzero = np.flatnonzero(np.abs(row) > _RTOL * scale)
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
    scales = [_scale(A) for A in _ECHELON_PROBES]
    right = [_close(out, want, sc) for out, want, sc in zip(outputs, expected, scales)]
    if all(right):
        advice = ("It is right for matrices of floats but not for the 4x4 system typed with whole "
                  f"numbers, {_show(_INTEGER)}: a copy made with np.array(A) keeps NumPy's integer "
                  "type, so a row operation either fails or rounds its result to whole numbers. "
                  "Copy with U = np.array(A, dtype=float).")
        try:
            integer = _echelon_output(function, _INTEGER)
        except Failure as failure:
            raise Failure(f"{advice} (Your function: {failure})") from None
        if not _close(integer, _right(_INTEGER), _scale(_INTEGER)):
            raise Failure(advice)
        return (f"correct on {len(_ECHELON_PROBES) + 1} matrices: a zero pivot, the augmented "
                "apples-and-bananas system, negative entries, a column without a pivot, the "
                "course's singular 4x4, a tall and a wide matrix, rounding leftovers, matrices "
                "scaled by 1e-11 and 1e8, a small pivot next to a large entry and a matrix of "
                "integers.")
    unscaled = [ok for A, ok in zip(_ECHELON_PROBES, right) if not _is_scaled(A) and A is not _REMNANT]
    if all(unscaled):
        # Right at unit scale: is it the rounding leftovers (== 0), or a threshold in fixed units?
        if not right[_ECHELON_PROBES.index(_REMNANT)]:
            raise Failure(_EXACT_ZERO)
        wrong_scaled = [A for A, ok in zip(_ECHELON_PROBES, right) if _is_scaled(A) and not ok]
        if wrong_scaled:
            raise Failure(_FIXED.format(probe="it is wrong on " + _SCALE_NAMES[id(wrong_scaled[0])],
                                        tau=_TAU))
    for mistake, message in ECHELON_MISTAKES:
        wrong = [mistake(A) for A in _ECHELON_PROBES]
        if all(map(_close, outputs, wrong, scales)):  # the reader's outputs are finite: so must the mistake's be
            raise Failure(message.format(wide=_show(_WIDE)))
    for out, want, A, sc in zip(outputs, expected, _ECHELON_PROBES, scales):
        if not _close(out, want, sc):
            problem = _staircase_problem(out, sc)
            # Not suppress_small: a result wrong only in scale (1e-6 times the answer) must show it.
            shown = np.array2string(out, precision=4, separator=", ")
            wanted = np.array2string(want, precision=4, separator=", ")
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
    all zero (no larger than ``linalg.rank_tolerance(A)``, relative to ``A``'s
    scale) gets no pivot; pivots are not scaled to 1. Outputs are compared
    relative to each probe's scale (``1e-5``), so a float32 solution passes.

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
    >>> import numpy as np
    >>> bool(row_echelon(lambda A: np.array(A, dtype=float)))   # returns A unchanged
    False
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
     "== 0: treat a pivot as zero when abs(pivot) <= tol, with tol = 1000 * max(A.shape) * "
     "np.finfo(float).eps * np.abs(A).max() (linalg.rank_tolerance(A)). "),
    ([[4.0, 1.0, 2.0], [1.0, 5.0, 3.0], [2.0, 3.0, 6.0]], False,
     "This symmetric 3x3 has determinant 70, so it is not singular. "),
    ([[1.0, 1.0], [1.0, 1.0 + 1e-9]], False,
     "Its rows are nearly parallel but not parallel: the last pivot is about 1e-9, far above "
     "the rounding of about 1e-16 (linalg.rank_tolerance(A) is about 4e-13). Nearly singular is "
     "not singular (np.linalg.cond measures how near). A fixed threshold such as "
     "np.isclose(x, 0) (atol 1e-8), on a pivot or on the determinant, or float32 arithmetic "
     "(which resolves only about 1e-7), "
     "cannot tell these rows apart: work in float64 with a tolerance relative to A. "),
)

_TINY_I = (1e-11 * np.eye(3)).tolist()
_TENTH_I20 = (0.1 * np.eye(20)).tolist()
_GRADED = np.diag([1.0] + [0.01] * 19).tolist()   # condition number 100, determinant 1e-38
_BIG_SINGULAR = (1e8 * np.array(_FLOAT_SINGULAR)).tolist()
_BIG_COURSE = (1e8 * np.array(_COURSE_SINGULAR)).tolist()

#: Probes of scale: the same answers as at unit scale, under the book's relative tolerance.
_SCALED_SINGULAR: tuple[tuple[list, bool, str], ...] = (
    (_TINY_I, False, "1e-11 times the identity is not singular: its pivots are all 1e-11, as "
                     "large as its entries (condition number 1)"),
    (_TENTH_I20, False, "0.1 times the 20x20 identity is not singular (x = 10 b solves A x = b), "
                        "though its determinant is 0.1**20 = 1e-20"),
    (_GRADED, False, "the 20x20 diagonal matrix with entries 1 and nineteen times 0.01 is not "
                     "singular (condition number 100), though its determinant is 1e-38, far below "
                     "1e-10 even relative to its largest entry, 1"),
    (_BIG_SINGULAR, True, "1e8 times the singular matrix of 0.1 to 0.9 is still singular, but "
                          "elimination leaves a rounding leftover of several times 1e-9 as its last pivot"),
    (_BIG_COURSE, True, "1e8 times the course's singular 4x4 is still singular"),
)

_DETERMINANT = ("It decides by the size of the determinant (such as abs(np.linalg.det(A)) < 1e-10), "
                "the misconception the chapter warns about: {probe}. The determinant of c * A is "
                "c**n * det(A), so its size measures units, not singularity. Count the pivots "
                "instead: singular when a pivot of the echelon form has abs(pivot) <= tol, with "
                f"{_TAU}.")


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
                      "as bool(np.any(np.abs(np.diag(U)) <= tol)), not a number or an array.")
    return bool(value)


def _check_singular(function: Callable) -> str:
    answers = [_singular_output(function, A) for A, _, _ in _SINGULAR_PROBES]
    right = [want for _, want, _ in _SINGULAR_PROBES]
    if answers == right:
        scaled = [(A, want, name) for A, want, name in _SCALED_SINGULAR
                  if _singular_output(function, A) != want]
        if not scaled:
            return (f"correct on {len(answers) + len(_SCALED_SINGULAR)} matrices, singular and "
                    "not, including a zero pivot, the course's singular 4x4, a singular matrix "
                    "that rounding hides, nearly parallel rows, matrices scaled by 1e-11, 0.1 "
                    "and 1e8, and a diagonal matrix whose determinant is 1e-38.")
        determinant_like = [name for A, want, name in scaled if A is _TENTH_I20 or A is _GRADED]
        if determinant_like:
            return _fail(_DETERMINANT.format(probe=determinant_like[0]))
        return _fail(_FIXED.format(probe=scaled[0][2], tau=_TAU))
    if all(a != r for a, r in zip(answers, right)):
        raise Failure("Every answer is the opposite of the right one: is_singular should return "
                      "True when the matrix IS singular (a zero pivot), False when it is not.")
    if not any(answers):
        raise Failure("It says no matrix is singular, not even [[1, 2], [2, 4]], whose second "
                      "row is twice the first. After elimination, check each pivot: a pivot "
                      "with abs(pivot) <= linalg.rank_tolerance(A) means singular.")
    if all(answers):
        raise Failure("It says every matrix is singular, even [[2, 3], [10, 1]], whose pivots "
                      "are 10 and 2.8. Check the pivots only after eliminating, and compare "
                      "their size with a tolerance relative to A, abs(pivot) <= "
                      "linalg.rank_tolerance(A).")
    for (A, want, hint), got in zip(_SINGULAR_PROBES, answers):
        if got != want:
            raise Failure(f"is_singular({_show(A)}) should be {want}, but your function returned "
                          f"{got}. {hint}")
    raise AssertionError("unreachable: some probe differs")  # pragma: no cover


def _fail(message: str) -> str:
    raise Failure(message)


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
    >>> import numpy as np
    >>> bool(is_singular(lambda A: np.linalg.matrix_rank(A) < len(A)))
    True
    >>> print(is_singular(lambda A: bool(abs(np.linalg.det(A)) < 1e-10)).message[:45])
    It decides by the size of the determinant (su
    """
    return run("is_singular", function, _check_singular)
