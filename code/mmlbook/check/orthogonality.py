"""Checkers for Chapter 5, *Orthogonality, Gram-Schmidt, changing basis*.

The reader writes

* ``gram_schmidt(A)``: a matrix of the same shape as ``A`` whose non-zero
  columns are orthonormal and span the column space of ``A``; a column that
  depends on the earlier ones comes back as a column of zeros;
* ``reflection_matrix(basis)``: the matrix of the reflection in the mirror
  (line, plane, hyperplane) spanned by all columns of the square matrix
  ``basis`` but the last: Gram-Schmidt the basis into ``E``, then
  ``E @ diag(1, ..., 1, -1) @ E.T``.

Each checker calls the reader's function on fixed probe matrices and compares
the result with :mod:`mmlbook.linalg`. When they differ it compares with the
answers of typical mistakes (not normalising, projecting onto the original
columns, the basis change in the wrong order, ...) and names the mistake it
finds; otherwise it shows one probe with the expected and the returned value.

A column counts as dependent by the book's one rank convention,
``linalg.rank_tolerance`` (decided with the SVD), so the verdict does not depend
on A's scale. ``gram_schmidt`` is also tried on nearly parallel but independent
columns and on every probe scaled by 1e-6 and 1e6: a dependence threshold that is
too loose, or fixed instead of relative to the column, is named as such. A
function that computes in float32 is compared at single precision, and told which
probes float32 cannot resolve.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import linalg
from ._core import Failure, Result, as_result_array, call, close, quietly, run

__all__ = ["gram_schmidt", "reflection_matrix"]

_RTOL, _ATOL = 1e-7, 1e-9


_close = functools.partial(close, rtol=_RTOL, atol=_ATOL)


def _close_up_to_sign(got: np.ndarray, wanted: np.ndarray, tol: float = _RTOL) -> bool:
    """Equal column by column, allowing a column to point the opposite way.

    The columns compared are unit vectors or zeros, so one tolerance serves as
    relative and absolute; ``tol`` is looser for a reader working in float32.
    """
    if got.shape != wanted.shape:
        return False
    near = functools.partial(close, rtol=tol, atol=_ATOL if tol == _RTOL else tol)
    return all(near(g, w) or near(g, -w) for g, w in zip(got.T, wanted.T))


#: float32 keeps about 7 digits: a float32 result is compared to about 1e4 of its epsilons.
_SINGLE_TOL = 1e4 * float(np.finfo(np.float32).eps)


def _tolerance_for(value: Any) -> float:
    """The comparison tolerance for what the reader returned: tighter for float64 than float32."""
    dtype = np.asarray(value).dtype
    if np.issubdtype(dtype, np.floating) and np.finfo(dtype).eps > np.finfo(float).eps:
        return _SINGLE_TOL
    return _RTOL




def _matrix(value: Any, what: str, shape: tuple[int, int], name: str) -> np.ndarray:
    """What the reader returned, as a float matrix of the expected shape, or a Failure."""
    out = as_result_array(value, what, "a matrix")
    if out.shape == shape:
        return out
    rows, cols = shape
    if out.shape == (cols, rows) and rows != cols:
        raise Failure(f"{what} returned shape {out.shape}, the transpose of {name}'s shape {shape}. "
                      "Return a matrix whose COLUMNS are the vectors: if you collected them in a "
                      "list, use np.column_stack(vectors), not np.array(vectors).")
    raise Failure(f"{what} should return a matrix of the same shape as {name}, {shape}, "
                  f"but it returned shape {out.shape}.")


# --- gram_schmidt ---------------------------------------------------------------------------

def _probe(*columns: Any) -> np.ndarray:
    return np.column_stack([np.asarray(c, dtype=float) for c in columns])


_A0 = np.array([1.0, 1.0, 0.0, 1.0])
_A1 = np.array([0.5, 2.0, 1.0, -1.0])

#: Full column rank: every mistake of the classical algorithm shows on these.
_INDEPENDENT_PROBES = (
    _probe([3, 4, 0], [1, 2, 2], [2, 0, 1]),
    _probe([2, 1], [1, 3]),
    _probe([1, 0, 1, 2], [2, 1, 0, 1], [0, 3, 1, 1]),
)
#: With columns that depend on earlier ones (exactly, and only up to rounding).
_DEPENDENT_PROBES = (
    _probe(_A0, _A1, 0.3 * _A0 - 1.7 * _A1, [1, 0, 2, 1]),
    _probe([1, 2], [3, -1], [2, 5]),
    _probe([1, 2, 2], [2, 4, 4], [0, 1, 3]),
)

_NP_A = np.array([1.0, 2.0, 2.0])
_NP_W = np.array([2.0, 1.0, -2.0]) / 3.0       # a unit vector orthogonal to _NP_A


def _nearly_parallel(delta: float) -> np.ndarray:
    """Column 1 is column 0 tilted by the angle ``delta`` (radians, about): independent, but barely.

    Only the first two columns are close, so even classical Gram-Schmidt keeps the
    result orthonormal to about 1e-16 / delta: the probe tests the tolerance, not
    the rounding of the algorithm.
    """
    return _probe(_NP_A, _NP_A + delta * np.linalg.norm(_NP_A) * _NP_W, [0.0, 1.0, 3.0])


#: Angles that any sensible tolerance (relative, 1e-14 .. 1e-7) resolves; the first also in float32.
_NEARLY_PARALLEL_DELTAS = (1e-2, 1e-6)
#: A correct Gram-Schmidt gives the same E for A and c * A: the dependence test must be relative.
_SCALES = (1e-6, 1e6)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def _not_normalised(A):
    """Orthogonal columns, right directions, but left at their own lengths."""
    U = np.zeros_like(A)
    for j in range(A.shape[1]):
        U[:, j] = A[:, j] - sum((U[:, i] @ A[:, j]) / (U[:, i] @ U[:, i]) * U[:, i] for i in range(j))
    return U


def _normalise_first_modified(A):
    """Scale a_j to length 1, subtract projections onto the earlier (non-unit) outputs, stop.

    The classical form of the same mistake agrees with this one on matrices of up
    to three columns, such as the probes, and gets the same message.
    """
    Q = np.zeros_like(A)
    for j in range(A.shape[1]):
        v = _unit(A[:, j])
        for i in range(j):
            v = v - (Q[:, i] @ v) * Q[:, i]
        Q[:, j] = v
    return Q


def _unnormalised_projection(A):
    """Subtract (u_i . a_j) u_i with u_i not of length 1 (no division by u_i . u_i), normalise at the end."""
    U = np.zeros_like(A)
    for j in range(A.shape[1]):
        U[:, j] = A[:, j] - sum((U[:, i] @ A[:, j]) * U[:, i] for i in range(j))
    return U / np.linalg.norm(U, axis=0)


def _onto_original_columns(A):
    """Subtract the projections of a_j onto the ORIGINAL earlier columns a_i, then normalise."""
    U = np.zeros_like(A)
    for j in range(A.shape[1]):
        U[:, j] = A[:, j] - sum((A[:, i] @ A[:, j]) / (A[:, i] @ A[:, i]) * A[:, i] for i in range(j))
    return U / np.linalg.norm(U, axis=0)


def _on_rows(A):
    return linalg.gram_schmidt(A.T).T


_NOT_NORMALISED = (
    "The columns are orthogonal and point the right way, but they are not of length 1: "
    "after subtracting the projections, divide the remainder by its length, "
    "e_j = u_j / np.linalg.norm(u_j).")
_NORMALISE_FIRST = (
    "It scales each column to length 1 BEFORE subtracting the projections, and not after. "
    "Subtracting shortens the vector, so the result is no longer of length 1, and later columns "
    "are then projected onto vectors that are not unit vectors, which is the wrong formula. "
    "Subtract first, then divide the remainder by its length.")
#: (what a wrong function computes, what to tell its author), compared on the independent probes
GS_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (_normalise_first_modified, _NORMALISE_FIRST),
    (_unnormalised_projection,
     "It subtracts (u_i · a_j) u_i with vectors u_i that are not of length 1. That is the "
     "projection only when u_i is a unit vector; otherwise it is (u_i · a_j) / (u_i · u_i) u_i. "
     "Normalise each new vector before later columns use it, and project onto the unit vectors e_i."),
    (_onto_original_columns,
     "It subtracts the projections onto the ORIGINAL columns a_1, ..., a_(j-1) instead of the "
     "new orthonormal vectors e_1, ..., e_(j-1). The original columns are not orthogonal to each "
     "other, so the projections overlap and too much is taken away. Project onto the e_i you "
     "have already made: u_j = a_j - sum of (e_i · a_j) e_i."),
    (_on_rows,
     "It orthonormalises the ROWS of A instead of the columns (it works on A.T). In NumPy "
     "A[:, j] is column j and A[j] is row j: loop over A[:, j], and fill E[:, j]."),
)


def _rank(M: np.ndarray, tol: float) -> int:
    return int(np.sum(np.linalg.svd(M, compute_uv=False) > tol)) if M.shape[1] else 0


def _dependent_columns(A: np.ndarray) -> list[int]:
    """The columns that do not raise the rank of the columns before them.

    Decided with the SVD against the book's one threshold, ``linalg.rank_tolerance(A)``:
    relative to A's scale, so A and c * A have the same dependent columns.
    """
    tol, rank, dependent = linalg.rank_tolerance(A), 0, []
    for j in range(A.shape[1]):
        new_rank = _rank(A[:, :j + 1], tol)
        if new_rank == rank:
            dependent.append(j)
        rank = new_rank
    return dependent


def _gs_output(function: Callable, A: np.ndarray) -> tuple[np.ndarray, float]:
    """Call the reader's gram_schmidt on one probe; check what comes back; say how precisely to compare."""
    given = A.copy()
    value = call(function, "gram_schmidt", given)
    if not np.array_equal(given, A):
        raise Failure("gram_schmidt changed the matrix A it was given. Work on a copy, "
                      "E = np.zeros_like(A) or v = A[:, j].copy(): a slice such as A[:, j] is a view, "
                      "so v = A[:, j]; v -= ... also changes A.")
    dependent = _dependent_columns(A)
    m, n = A.shape
    out = as_result_array(value, "gram_schmidt", "a matrix")
    if dependent and out.shape == (m, n - len(dependent)):
        raise Failure(f"For a matrix with a dependent column, gram_schmidt returned shape {out.shape} "
                      f"instead of {A.shape}: it leaves dependent columns out. Keep the shape of A "
                      "and put a column of zeros where a column depends on the earlier ones, so "
                      "column j of the result still belongs to column j of A.")
    out = _matrix(out, "gram_schmidt", A.shape, "A")
    bad = ~np.isfinite(out)
    if bad.any():
        first = int(np.argmax(bad.any(axis=0)))
        if dependent and dependent[0] <= first:
            raise Failure(
                f"gram_schmidt returned NaN or inf (in column E[:, {first}]) for a matrix whose column "
                f"A[:, {dependent[0]}] depends on the earlier ones. Its remainder after subtracting the "
                "projections is zero, and 0/0 is NaN. Compare the remainder's length with a small "
                "tolerance (say 1e-10 times the column's own length) and, when it is smaller, leave "
                "the column as zeros instead of dividing.")
        raise Failure(f"gram_schmidt returned NaN or inf in column E[:, {first}]: look for a division "
                      "by a length that is zero.")
    return out, _tolerance_for(value)


def _dependent_not_zero(out: np.ndarray, A: np.ndarray) -> tuple[int, float] | None:
    """The first column that depends on earlier ones but came back non-zero, and its length."""
    for j in _dependent_columns(A):
        size = float(np.linalg.norm(out[:, j]))
        if size > 1e-6:
            return j, size
    return None


_ABSOLUTE = (
    "Your dependence test does not scale with A: it compares the remainder's length with a fixed "
    "number, such as 1e-10 or 1e-14. Gram-Schmidt of c * A is the same as of A for any c > 0, but "
    "{what}. Compare with a tolerance relative to the column, e.g. "
    "np.linalg.norm(u) > 1e-10 * np.linalg.norm(A[:, j]).")


def _check_scaled_and_nearly_parallel(function: Callable, tol: float) -> bool:
    """The probes a dependence threshold must survive; True if the float64-only probes were run."""
    full = tol == _RTOL
    deltas = _NEARLY_PARALLEL_DELTAS if full else _NEARLY_PARALLEL_DELTAS[:1]
    for delta in deltas:                              # at A's own scale: is the threshold too loose?
        A = _nearly_parallel(delta)
        out, _ = _gs_output(function, A)
        if np.linalg.norm(out[:, 1]) < 0.5:
            raise Failure(
                f"For A = {_show(A)}, column A[:, 1] is at an angle of about {delta:g} radians to A[:, 0]: "
                "nearly parallel but independent (A has rank 3), so E[:, 1] should be a unit vector, "
                "but yours is zeros. Your tolerance for 'the remainder is zero' is too loose: a "
                "dependent column leaves a remainder of about 1e-16 times its length, so a tolerance "
                "of about 1e-10 times the column's length, np.linalg.norm(A[:, j]), separates the two.")
        if not _close_up_to_sign(out, linalg.gram_schmidt(A), tol):
            _first_difference([out], [linalg.gram_schmidt(A)], [A], tol)
    for scale in _SCALES:
        for A in (*_DEPENDENT_PROBES, *(_nearly_parallel(d) for d in deltas)):
            out, _ = _gs_output(function, scale * A)
            wrong = _dependent_not_zero(out, A)
            if wrong:
                j, size = wrong
                raise Failure(_ABSOLUTE.format(what=(
                    f"for {scale:g} * A with A = {_show(A)}, column A[:, {j}] depends on the earlier "
                    f"ones and your E[:, {j}] has length {size:.3g} instead of 0: the rounding error "
                    f"of its remainder, about {scale:g} * 1e-16, passed your fixed threshold")))
            if not _dependent_columns(A) and np.any(np.linalg.norm(out, axis=0) < 0.5):
                j = int(np.argmax(np.linalg.norm(out, axis=0) < 0.5))
                raise Failure(_ABSOLUTE.format(what=(
                    f"for {scale:g} * A with A = {_show(A)}, whose columns are independent, your "
                    f"E[:, {j}] is zeros: its remainder is small because the whole matrix is small, "
                    "not because the column depends on the others")))
            if not _close_up_to_sign(out, linalg.gram_schmidt(A), tol):
                _first_difference([out], [linalg.gram_schmidt(A)], [scale * A], tol)
    return full


def _check_gs(function: Callable) -> str:
    # Independent columns first: a mistake in the algorithm shows there, before any 0/0.
    checked = [_gs_output(function, A) for A in _INDEPENDENT_PROBES]
    independent = [out for out, _ in checked]
    tol = max(t for _, t in checked)
    expected_ind = [linalg.gram_schmidt(A) for A in _INDEPENDENT_PROBES]
    if not all(_close_up_to_sign(out, want, tol) for out, want in zip(independent, expected_ind)):
        lengths = [np.linalg.norm(out, axis=0) for out in independent]
        if all(np.all(length > 1e-12) for length in lengths) and all(
                _close_up_to_sign(out / length, want, tol)
                for out, length, want in zip(independent, lengths, expected_ind)):
            raise Failure(_NOT_NORMALISED)
        for mistake, message in GS_MISTAKES:
            if all(_close_up_to_sign(out, np.asarray(quietly(mistake, A), dtype=float), tol)
                   for out, A in zip(independent, _INDEPENDENT_PROBES)):
                raise Failure(message)
        _first_difference(independent, expected_ind, _INDEPENDENT_PROBES, tol)
    dependent = [_gs_output(function, A)[0] for A in _DEPENDENT_PROBES]
    expected_dep = [linalg.gram_schmidt(A) for A in _DEPENDENT_PROBES]
    for out, A in zip(dependent, _DEPENDENT_PROBES):
        wrong = _dependent_not_zero(out, A)
        if wrong:
            j, size = wrong
            raise Failure(
                f"Column A[:, {j}] of A = {_show(A)} depends on the earlier columns, so its "
                f"remainder is zero, up to rounding (about 1e-16), and column E[:, {j}] of the "
                f"result should be zeros. Yours has length {size:.3g}: dividing a rounding "
                "error by its own tiny length blows it up into a unit vector of noise. "
                "Test the remainder's length against a tolerance, e.g. "
                "np.linalg.norm(u) > 1e-10 * np.linalg.norm(A[:, j]), not against == 0.")
    _first_difference(dependent, expected_dep, _DEPENDENT_PROBES, tol)
    full = _check_scaled_and_nearly_parallel(function, tol)
    outputs, expected = independent + dependent, expected_ind + expected_dep
    count = len(outputs) + (len(_NEARLY_PARALLEL_DELTAS) if full else 1) * (1 + len(_SCALES)) \
        + len(_DEPENDENT_PROBES) * len(_SCALES)
    what = (f"correct on {count} matrices, including dependent columns (returned as zeros), "
            "nearly parallel columns, matrices scaled by 1e-6 and 1e6, and tall and wide shapes")
    if not full:
        what += (". Your function works in single precision (float32), about 7 digits, so it was "
                 "compared to about 1e-3, and columns closer than about 1e-2 radians, which float32 "
                 "cannot orthogonalise to that accuracy, were not tested; use float64 for those")
    if all(close(o, w, rtol=tol, atol=_ATOL if full else tol) for o, w in zip(outputs, expected)):
        return what + "."
    return (what + ", up to the sign of some columns: a column that points the opposite way is "
            "still a unit vector orthogonal to the others, but the Gram-Schmidt of this chapter "
            "gives the remainder itself, divided by its length.")


def _first_difference(outputs, expected, probes, tol: float = _RTOL) -> None:
    """Raise a Failure showing the first column that differs (up to sign), if any."""
    for out, want, A in zip(outputs, expected, probes):
        if not _close_up_to_sign(out, want, tol):
            j = next(j for j in range(A.shape[1])
                     if not _close_up_to_sign(out[:, [j]], want[:, [j]], tol))
            raise Failure(f"For A = {_show(A)}, column E[:, {j}] of the result should be "
                          f"{_show(want[:, j])}, but your function returned {_show(out[:, j])}. "
                          "Work through that column by hand: subtract its projections onto the "
                          "earlier unit vectors, then divide by the remainder's length.")


def _show(value: np.ndarray) -> str:
    value = np.asarray(value, dtype=float)
    biggest = float(np.abs(value).max()) if value.size else 0.0
    # A probe scaled by 1e-6 or 1e6 would print as zeros or as 1e+06 noise in fixed point.
    formatter = {"float_kind": lambda x: f"{x:.4g}"} if biggest and not 1e-3 <= biggest <= 1e4 else None
    return np.array2string(value, precision=4, suppress_small=formatter is None, separator=", ",
                           max_line_width=10_000, formatter=formatter).replace("\n", "")


def gram_schmidt(function: Any) -> Result:
    """Check a reader's ``gram_schmidt(A)``: orthonormalise the columns of ``A``, left to right.

    Parameters
    ----------
    function : callable
        ``function(A)`` with ``A`` a 2-D array; it should return an array of the
        same shape whose column ``j`` is the unit vector Gram-Schmidt makes from
        column ``j`` of ``A``, or zeros if that column depends on the earlier ones.

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the
        mistake (or shows one column with the expected and the returned value).

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> from mmlbook import linalg
    >>> bool(gram_schmidt(linalg.gram_schmidt))
    True
    """
    return run("gram_schmidt", function, _check_gs)


# --- reflection_matrix ----------------------------------------------------------------------

#: Square bases, columns are the basis vectors: the course's 2-D mirror and 3-D plane first.
_REFLECTION_PROBES = (
    _probe([1, 1.5], [-1, 2]),
    _probe([1, 1, 1], [2, 0, 1], [3, 1, -1]),
    _probe([2, 1], [1, 3]),
    _probe([1, 2, 0], [0, 1, 1], [1, 0, 1]),
    # A reflection depends on the mirror only, not on the basis's scale or skew: these catch a
    # threshold that ignores the scale, and use of the (nearly parallel) last vector as the normal.
    1e6 * _probe([1, 1.5], [-1, 2]),
    1e-6 * _probe([1, 1, 1], [2, 0, 1], [3, 1, -1]),
    _probe([1, 1.5], [1.001, 1.5]),
)


def _flip(n: int, where: int = -1) -> np.ndarray:
    signs = np.ones(n)
    signs[where] = -1.0
    return np.diag(signs)


def _orthonormal(basis):
    return linalg.gram_schmidt(basis)


def _normalised_columns(basis):
    return basis / np.linalg.norm(basis, axis=0)


def _normal(basis):
    """The mirror's unit normal: the last column of the Gram-Schmidt of the basis."""
    return _orthonormal(basis)[:, -1]


def _last_remainder(basis):
    """The last column minus its projections onto the mirror: the normal before it is normalised."""
    E = _orthonormal(basis)
    b = basis[:, -1]
    return b - E[:, :-1] @ (E[:, :-1].T @ b)


_PROJECTION_ONTO_MIRROR = (
    "It returns the projection onto the mirror, not the reflection: I - n n^T (the same matrix as "
    "E diag(1, ..., 1, 0) E^T), with n the unit normal. It keeps the mirror but sends the normal n "
    "to 0, so every point lands ON the mirror. A reflection goes as far again to the other side, "
    "sending n to -n: subtract the normal component twice, I - 2 n n^T, that is, put -1, not 0, "
    "as the last entry of T_E.")


_NOT_ORTHONORMAL = (
    "The result is not an orthogonal matrix: the basis was used without Gram-Schmidt. In a "
    "skewed basis E, E^(-1) is not E^T, and E diag(1, ..., 1, -1) E^(-1) is a slanted (oblique) "
    "reflection: it fixes the mirror but flips along the last basis vector, which is not "
    "perpendicular to the mirror, so lengths and angles change. First make the basis orthonormal "
    "with gram_schmidt; then the last column is the mirror's normal and E^(-1) = E^T.")
#: (what a wrong function computes, what to tell its author)
REFLECTION_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda B: _orthonormal(B).T @ _flip(len(B)) @ _orthonormal(B),
     "The basis change is the wrong way round: it computes E^T T_E E instead of E T_E E^T. "
     "Read the product from the right: E^T takes a vector into the new basis, T_E acts there, "
     "and E brings the result back. So T = E @ T_E @ E.T."),
    # (Scaling the columns first changes nothing here: diagonal matrices commute.)
    (lambda B: B @ _flip(len(B)) @ np.linalg.inv(B), _NOT_ORTHONORMAL),
    (lambda B: B @ _flip(len(B)) @ B.T, _NOT_ORTHONORMAL),
    (lambda B: _normalised_columns(B) @ _flip(len(B)) @ _normalised_columns(B).T,
     "The columns were scaled to length 1 but not made orthogonal to each other, so E is not an "
     "orthogonal matrix and E T_E E^T is not a reflection. Use Gram-Schmidt, which also removes "
     "from each column its components along the earlier ones."),
    (lambda B: _orthonormal(B) @ _flip(len(B), 0) @ _orthonormal(B).T,
     "It flips the FIRST coordinate instead of the last: T_E should be diag(1, ..., 1, -1). "
     "The mirror is spanned by all basis vectors but the last; the last one (after "
     "Gram-Schmidt, the normal to the mirror) is the direction that flips."),
    (lambda B: -(_orthonormal(B) @ _flip(len(B)) @ _orthonormal(B).T),
     "It flips the mirror's directions and keeps the normal: T_E should be diag(1, ..., 1, -1), "
     "keeping every coordinate but the last, not diag(-1, ..., -1, 1)."),
    (lambda B: np.eye(len(B)),
     "It returns the identity matrix, which changes nothing. E @ E.T is I for an orthonormal E: "
     "put T_E = diag(1, ..., 1, -1) between them, E @ T_E @ E.T, to flip the last coordinate."),
    (lambda B: _flip(len(B)),
     "It returns T_E = diag(1, ..., 1, -1) itself, the reflection in the NEW basis. Bring it back "
     "to the standard basis: T = E @ T_E @ E.T, with E the Gram-Schmidt of the basis."),
    (lambda B: linalg.reflection_matrix(B.T),
     "It uses the ROWS of basis as the basis vectors. The basis vectors are the columns, "
     "basis[:, j]: Gram-Schmidt the columns."),
    (lambda B: np.eye(len(B)) - np.outer(_normal(B), _normal(B)), _PROJECTION_ONTO_MIRROR),
    (lambda B: np.outer(_normal(B), _normal(B)),
     "It returns n n^T, the projection onto the mirror's normal n: it sends every point of the "
     "mirror to 0, where a reflection keeps it. The reflection is I - 2 n n^T: keep the point and "
     "subtract twice its component along n."),
    (lambda B: np.eye(len(B)) - 2 * np.outer(_last_remainder(B), _last_remainder(B)),
     "It uses I - 2 u u^T with u the remainder of the last column, which is perpendicular to the "
     "mirror but not of length 1. The formula needs a UNIT normal: divide u by its length first "
     "(the last column of the Gram-Schmidt), or use I - 2 u u^T / (u^T u)."),
    (lambda B: np.eye(len(B)) - 2 * np.outer(_unit(B[:, -1]), _unit(B[:, -1])),
     "It reflects in the plane perpendicular to the LAST BASIS VECTOR, I - 2 b b^T with b = "
     "basis[:, -1] / |basis[:, -1]|. That is a true reflection, but in the wrong mirror: the last "
     "basis vector is not perpendicular to the mirror spanned by the other columns (it need not "
     "be). Use its Gram-Schmidt remainder, the last column of E, as the normal."),
)


def _reflection_output(function: Callable, basis: np.ndarray) -> np.ndarray:
    given = basis.copy()
    value = call(function, "reflection_matrix", given)
    if not np.array_equal(given, basis):
        raise Failure("reflection_matrix changed the basis it was given. Work on a copy: "
                      "does your gram_schmidt change its argument in place?")
    out = _matrix(value, "reflection_matrix", basis.shape, "basis")
    if not np.all(np.isfinite(out)):
        raise Failure("reflection_matrix returned NaN or inf: look for a division by a length that is zero.")
    return out, _tolerance_for(value)


def _check_reflection(function: Callable) -> str:
    checked = [_reflection_output(function, B) for B in _REFLECTION_PROBES]
    outputs = [out for out, _ in checked]
    tol = max(t for _, t in checked)
    # The entries of a reflection are at most 1 in size, so one tolerance is relative and absolute.
    _close = functools.partial(close, rtol=tol, atol=_ATOL if tol == _RTOL else tol)
    expected = [linalg.reflection_matrix(B) for B in _REFLECTION_PROBES]
    if all(map(_close, outputs, expected)):
        precision = "" if tol == _RTOL else " (compared to single precision, float32)"
        return (f"correct for {len(_REFLECTION_PROBES)} skewed bases, a line in the plane and a "
                f"plane in space among them: the mirror stays, its normal flips{precision}.")
    for mistake, message in REFLECTION_MISTAKES:
        if all(_close(out, quietly(mistake, B)) for out, B in zip(outputs, _REFLECTION_PROBES)):
            raise Failure(message)
    for out, want, B in zip(outputs, expected, _REFLECTION_PROBES):
        if _close(out, want):
            continue
        n, normal, mirror = len(B), _normal(B), B[:, :-1]
        image = out @ normal
        if _close(out @ mirror, mirror) and _close(image, (normal @ image) * normal):
            # The mirror is kept and the normal stays on its line: only the factor on the normal is wrong.
            factor = float(normal @ image)
            raise Failure(
                f"For basis = {_show(B)}, your matrix {_show(out)} keeps the mirror, but sends its "
                f"unit normal n = {_show(normal)} to {factor:.4g} n instead of -n. "
                + ("That is the projection onto the mirror (factor 0): put -1, not 0, in T_E, "
                   "or subtract the normal component twice, I - 2 n n^T." if abs(factor) < 1e-6 else
                   "A reflection flips the normal exactly: T = I - 2 n n^T, with n of length 1."))
        if not _close(out, out.T):
            problem = ("is not symmetric, but a reflection in a mirror through the origin is: T^T = T. "
                       "Check the order E @ T_E @ E.T and that E has orthonormal columns")
        elif not _close(out.T @ out, np.eye(n)):
            problem = ("is not orthogonal (T^T T is not I), so it changes lengths, which a mirror never "
                       "does. Check that E has orthonormal columns")
        else:
            problem = "differs from the reflection in the mirror spanned by all columns of basis but the last"
        raise Failure(f"For basis = {_show(B)}, your matrix {_show(out)} {problem}. "
                      f"Expected {_show(want)}.")
    raise AssertionError("unreachable: some probe differs")  # pragma: no cover


def reflection_matrix(function: Any) -> Result:
    """Check a reader's ``reflection_matrix(basis)``: the reflection in a mirror given by a basis.

    Parameters
    ----------
    function : callable
        ``function(basis)`` with ``basis`` a square 2-D array whose columns are
        a basis; it should return the matrix of the reflection in the mirror
        spanned by all columns but the last.

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the
        mistake (or shows one basis with the expected and the returned matrix).

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> from mmlbook import linalg
    >>> bool(reflection_matrix(linalg.reflection_matrix))
    True
    """
    return run("reflection_matrix", function, _check_reflection)
