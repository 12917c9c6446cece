"""Checkers for Chapter 2, *Dot product, projection, basis, independence*.

The reader writes

* ``coordinates_in_basis(x, basis)``: the coordinates of the vector ``x`` in an
  orthogonal basis ``basis`` (a list of mutually orthogonal, non-zero vectors),
  found by projection, ``c_i = x·b_i / (b_i·b_i)``; for a basis that is not
  orthogonal the function raises ``ValueError`` (or returns coordinates that
  rebuild ``x``);
* ``is_independent(vectors, tol=1e-10)``: whether the vectors are linearly
  independent, with a remaining vector counting as zero when it is no larger
  than ``tol`` times the largest entry of the vectors.

Each checker calls the reader's function on fixed probes and compares the
result with the right answer. When they differ it compares with the answers of
typical mistakes (dividing by ``|b|`` instead of ``|b|²``, the coordinates in
the wrong order, an exact ``== 0`` test, ...) and names the mistake it finds;
otherwise it shows one probe with the expected and the returned value.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from unittest import mock

import numpy as np

from ._core import Failure, Result, as_result_array, call, close, run

__all__ = ["coordinates_in_basis", "is_independent"]

_RTOL, _ATOL = 1e-8, 1e-12


_close = functools.partial(close, rtol=_RTOL, atol=_ATOL)


def _vec(*components: float) -> np.ndarray:
    return np.array(components, dtype=float)


def _show(v: np.ndarray) -> str:
    return "(" + ", ".join(f"{float(c):.4g}" for c in np.ravel(v)) + ")"


def _shows(vectors: list[np.ndarray]) -> str:
    return "[" + ", ".join(_show(v) for v in vectors) + "]"


# --- coordinates_in_basis ---------------------------------------------------------------

# (x, orthogonal basis): the basis vectors have different lengths (so |b| and |b|² differ
# by different factors) and the coordinates differ from each other (so order matters).
_COORD_PROBES = (
    (_vec(3, 4), [_vec(2, 1), _vec(-2, 4)]),                        # coordinates (2, 0.5)
    (_vec(1, 2, 3), [_vec(1, 1, 0), _vec(1, -1, 2), _vec(-2, 2, 2)]),  # (3/2, 5/6, 2/3)
    (_vec(1, -6), [_vec(0, 3), _vec(0.5, 0)]),                       # (-2, 2)
    (_vec(2, -1, 0.5, 3), [_vec(1, 1, 1, 1), _vec(1, -1, 0, 0),
                            _vec(0, 0, 3, -3), _vec(2, 2, -2, -2)]),
)

# A basis that is not orthogonal: projection gives (3, 3.5), which rebuilds (6.5, 3.5), not x.
_SKEW_X, _SKEW_BASIS = _vec(3, 4), [_vec(1, 0), _vec(1, 1)]
_SKEW_COORDINATES = _vec(-1, 4)


def _right_coordinates(x, basis):
    return np.array([x @ b / (b @ b) for b in basis])


def _rebuild(coordinates, basis):
    return sum(c * b for c, b in zip(coordinates, basis))


#: (what a wrong function computes, what to tell its author)
COORD_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda x, B: np.array([x @ b / np.linalg.norm(b) for b in B]),
     "It divides by the length |b| instead of the squared length |b|² = b·b: x·b/|b| is the "
     "scalar projection (the length of the shadow), not the coordinate. The coordinate is the "
     "number c with c·b the vector projection: c = x·b / (b·b)."),
    (lambda x, B: np.array([x @ b for b in B]),
     "It returns the dot products x·b without dividing by anything. They are the coordinates "
     "only when every basis vector has length 1; in general divide by b·b: c = x·b / (b·b)."),
    (lambda x, B: np.array([x @ b / (x @ x) for b in B]),
     "It divides by x·x instead of b·b: that projects b onto x, the wrong way round. The "
     "coordinate along b is c = x·b / (b·b)."),
    (lambda x, B: np.array([x @ b / (np.linalg.norm(x) * np.linalg.norm(b)) for b in B]),
     "It returns cos θ = x·b / (|x||b|), the cosine of the angle between x and b, not the "
     "coordinate. The coordinate along b is c = x·b / (b·b)."),
    (lambda x, B: _right_coordinates(x, B)[::-1],
     "The coordinates are right but in the reverse order. The i-th coordinate belongs to "
     "the i-th basis vector: return [c_1, c_2, ...] in the order of the basis."),
)


def _coordinates_output(function: Callable, x: np.ndarray, basis: list[np.ndarray]) -> np.ndarray:
    given_x, given_basis = x.copy(), [b.copy() for b in basis]
    value = call(function, "coordinates_in_basis", given_x, given_basis)
    if not (np.array_equal(given_x, x) and all(map(np.array_equal, given_basis, basis))):
        raise Failure("coordinates_in_basis changed the vectors it was given. Avoid in-place "
                      "operations such as b /= ...: compute new arrays instead.")
    out = as_result_array(value, "coordinates_in_basis", "an array of numbers, one per basis vector")
    k, n = len(basis), x.size
    if out.shape == (k, n) and _close(out, [c * b for c, b in
                                            zip(_right_coordinates(x, basis), basis)]):
        raise Failure("It returns the vector projections c_i b_i (one vector per basis vector) "
                      "instead of the coordinates c_i (one number per basis vector). Return the "
                      "numbers c_i = x·b_i / (b_i·b_i).")
    if out.ndim == 0:
        raise Failure(f"coordinates_in_basis(x={_show(x)}, basis={_shows(basis)}) should return "
                      f"{k} numbers, one per basis vector, but it returned a single number. Put the "
                      "coordinates in an array: np.array([c_1, c_2, ...]).")
    if out.shape != (k,):
        raise Failure(f"coordinates_in_basis(x={_show(x)}, basis={_shows(basis)}) should return "
                      f"{k} numbers, one per basis vector, but it returned shape {out.shape}.")
    if not np.all(np.isfinite(out)):
        raise Failure(f"coordinates_in_basis(x={_show(x)}, basis={_shows(basis)}) returned "
                      f"{_show(out)}, with NaN or inf: check what you divide by.")
    return out


def _check_skew(function: Callable) -> None:
    """A basis that is not orthogonal: raise ValueError, or return coordinates that rebuild x."""
    try:
        value = function(_SKEW_X.copy(), [b.copy() for b in _SKEW_BASIS])
    except ValueError:
        return
    except Exception as exc:  # the reader's code may raise anything
        raise Failure(f"For the basis {_shows(_SKEW_BASIS)}, which is not orthogonal, "
                      f"coordinates_in_basis raised {type(exc).__name__}: {exc}. Raise ValueError "
                      "with a message instead, e.g. raise ValueError('the basis is not "
                      "orthogonal').") from exc
    out = as_result_array(value, "coordinates_in_basis", "an array of numbers, one per basis vector")
    if _close(out, _SKEW_COORDINATES):
        return  # right coordinates by some other method: fine
    rebuilt = _rebuild(out.ravel(), _SKEW_BASIS) if out.size == 2 else None
    shown = f", which rebuild {_show(rebuilt)}" if rebuilt is not None else ""
    raise Failure(f"For x = {_show(_SKEW_X)} and the basis {_shows(_SKEW_BASIS)}, which is NOT "
                  f"orthogonal (their dot product is 1), it returned {_show(out)}{shown}, not x. "
                  "The projection formula gives coordinates only for an orthogonal basis. Check "
                  "that b_i·b_j = 0 (up to rounding) for every pair and raise ValueError if not.")


def _check_coordinates(function: Callable) -> str:
    outputs = [_coordinates_output(function, x, basis) for x, basis in _COORD_PROBES]
    expected = [_right_coordinates(x, basis) for x, basis in _COORD_PROBES]
    if not all(map(_close, outputs, expected)):
        for mistake, message in COORD_MISTAKES:
            if all(_close(out, mistake(x, basis)) for out, (x, basis) in zip(outputs, _COORD_PROBES)):
                raise Failure(message)
        for out, want, (x, basis) in zip(outputs, expected, _COORD_PROBES):
            if not _close(out, want):
                rebuilt = _rebuild(out, basis)
                verdict = ("they do rebuild x, so check your basis order and formula"
                           if _close(rebuilt, x) else f"they rebuild {_show(rebuilt)}, not x")
                raise Failure(f"coordinates_in_basis(x={_show(x)}, basis={_shows(basis)}) should "
                              f"be {_show(want)}, but your function returned {_show(out)}: "
                              f"{verdict}. Each coordinate is c_i = x·b_i / (b_i·b_i).")
    _check_skew(function)
    return (f"correct on {len(_COORD_PROBES)} orthogonal bases in 2 to 4 dimensions (the "
            "coordinates rebuild x), and it refuses a basis that is not orthogonal.")


def coordinates_in_basis(function: Any) -> Result:
    """Check a reader's ``coordinates_in_basis(x, basis)``.

    The function should return the array ``[x·b / (b·b) for b in basis]`` for an
    orthogonal basis (a list of mutually orthogonal, non-zero vectors), and raise
    ``ValueError`` for a basis that is not orthogonal (returning the true
    coordinates, which rebuild ``x``, is accepted too).

    Parameters
    ----------
    function : callable
        ``function(x, basis)`` with ``x`` a 1-D array and ``basis`` a list of 1-D arrays.

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the
        mistake (or shows one input with the expected and the returned value).

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> import itertools
    >>> import numpy as np
    >>> def coordinates(x, basis):
    ...     for b, d in itertools.combinations(basis, 2):
    ...         if abs(b @ d) > 1e-10 * np.linalg.norm(b) * np.linalg.norm(d):
    ...             raise ValueError("the basis is not orthogonal")
    ...     return np.array([x @ b / (b @ b) for b in basis])
    >>> bool(coordinates_in_basis(coordinates))
    True
    """
    return run("coordinates_in_basis", function, _check_coordinates)


# --- is_independent -----------------------------------------------------------------------

# (vectors, tol, independent?, what the probe is about)
_INDEPENDENCE_PROBES: tuple[tuple[list[np.ndarray], float | None, bool, str], ...] = (
    ([_vec(1, 2), _vec(2, 1)], None, True, "two vectors that are not parallel"),
    ([_vec(1, 2), _vec(-2, -4)], None, False, "two parallel vectors"),
    ([_vec(1, 0, 0), _vec(1, 1, 0), _vec(1, 1, 1)], None, True, "three independent vectors"),
    ([_vec(1, 2, 3), _vec(4, 5, 6), _vec(7, 8, 9)], None, False,
     "three vectors in a plane (the third is 2 × the second − the first)"),
    ([_vec(1, 0), _vec(0, 1), _vec(1, 1)], None, False,
     "three vectors in R², no two of them parallel"),
    ([_vec(3, 1, 2)], None, True, "one non-zero vector"),
    ([_vec(1, 2, 0), _vec(0, 0, 0), _vec(0, 1, 5)], None, False,
     "three vectors, one of them the zero vector"),
    ([_vec(0.1, 0.3), _vec(0.3, 0.9)], None, False,
     "(0.1, 0.3) and (0.3, 0.9) = 3 × (0.1, 0.3) on paper, not exactly so in floating point"),
    ([_vec(0.1, 0.2, 0.3), _vec(0.4, 0.5, 0.6), _vec(0.7, 0.8, 0.9)], None, False,
     "three vectors in a plane, with decimals that floating point cannot store exactly"),
    ([_vec(1, 0), _vec(1, 1e-6)], 1e-10, True, "two vectors at a tiny angle, tol = 1e-10"),
    ([_vec(1, 0), _vec(1, 1e-6)], 1e-3, False, "the same two vectors with tol = 1e-3"),
    ([_vec(2e-12, 0), _vec(0, 3e-12)], 1e-10, True, "two tiny but perpendicular vectors"),
)

_ZERO = 6             # the probe with the zero vector
_ROUNDING = (7, 8)    # the probes that need a tolerance
_TOL_PAIR = (9, 10)   # the same vectors, two tolerances
_TINY = 11            # a small scale
_PAIRS_ONLY = 4       # three vectors in R², no two parallel


class _Forbidden(Exception):
    """Raised in place of np.linalg.matrix_rank while the reader's function runs."""


def _independence_output(function: Callable, vectors: list[np.ndarray], tol: float | None,
                         about: str) -> bool:
    given = [v.copy() for v in vectors]
    args = (given,) if tol is None else (given, tol)

    def forbidden(*_args, **_kwargs):
        raise _Forbidden("It calls np.linalg.matrix_rank, which does the whole job for you. "
                         "Write the elimination yourself: that is the point of the exercise.")

    try:
        with mock.patch.object(np.linalg, "matrix_rank", forbidden):
            value = call(function, "is_independent", *args)
    except Failure as failure:
        if isinstance(failure.__cause__, _Forbidden):
            raise Failure(str(failure.__cause__)) from None
        raise
    if not all(map(np.array_equal, given, vectors)):
        raise Failure("is_independent changed the vectors it was given. Eliminate on a copy: "
                      "V = np.array(vectors, dtype=float) makes a new array.")
    if not isinstance(value, (bool, np.bool_)):
        shown = "None" if value is None else f"{value!r} (of type {type(value).__name__})"
        hint = ("is the return statement missing?" if value is None
                else "return the result of a comparison, such as abs(pivot) <= tol * scale, "
                     "or the constants True and False.")
        raise Failure(f"is_independent({_shows(vectors)}{'' if tol is None else f', tol={tol:g}'}) "
                      f"returned {shown}, but it should return True or False: {hint}")
    return bool(value)


def _check_independence(function: Callable) -> str:
    outputs = [_independence_output(function, vectors, tol, about)
               for vectors, tol, _, about in _INDEPENDENCE_PROBES]
    wanted = [independent for _, _, independent, _ in _INDEPENDENCE_PROBES]
    if outputs == wanted:
        return (f"correct on {len(outputs)} sets of vectors: parallel and not, more vectors than "
                "dimensions, the zero vector, rounding errors and both tolerances.")
    wrong = [i for i, (out, want) in enumerate(zip(outputs, wanted)) if out != want]
    if len(wrong) == len(outputs):
        raise Failure("Every answer is the opposite of the right one: True should mean "
                      "independent (no vector is a combination of the others) and False dependent.")
    if wrong == [_ZERO]:
        raise Failure("It says a set containing the zero vector is independent. Any set with the "
                      "zero vector is dependent: 1·0 = 0 is a combination with a non-zero "
                      "coefficient. A zero vector must count as 'nothing new' (its largest entry "
                      "is 0, which is at most tol times the scale).")
    if set(wrong) & set(_ROUNDING) and set(wrong) <= {*_ROUNDING, _TOL_PAIR[1]}:
        raise Failure(f"It says {_shows(_INDEPENDENCE_PROBES[wrong[0]][0])} are independent. On "
                      "paper they are dependent, but rounding leaves a remainder like 1e-16 "
                      "instead of an exact 0, and an exact test (== 0 or != 0) misses it. Treat a "
                      "remainder as zero when abs(remainder) <= tol * scale, with scale the "
                      "largest entry of the vectors.")
    if wrong == [_TOL_PAIR[1]]:
        raise Failure("It ignores tol: with tol = 1e-3 the vectors (1, 0) and (1, 1e-6) should "
                      "count as dependent, because the remainder 1e-6 is below 1e-3 × their "
                      "scale. Use the tol argument in your zero test instead of a fixed number.")
    if wrong == [_TOL_PAIR[0]]:
        raise Failure("It says (1, 0) and (1, 1e-6) are dependent with tol = 1e-10, but the "
                      "remainder 1e-6 is far above 1e-10 × their scale: use the tol it is given "
                      "rather than a larger fixed threshold.")
    if wrong == [_TINY]:
        raise Failure("It says the tiny vectors (2e-12, 0) and (0, 3e-12) are dependent, though "
                      "they are perpendicular. Compare with tol times the size of the vectors "
                      "(for example their largest entry), not with tol on its own: independence "
                      "does not change when all the vectors are scaled.")
    several = {i for i, (vectors, *_) in enumerate(_INDEPENDENCE_PROBES) if len(vectors) >= 3}
    if _PAIRS_ONLY in wrong and set(wrong) <= several and all(outputs[i] for i in wrong):
        raise Failure("It says (1, 0), (0, 1), (1, 1) are independent, probably because no two are parallel. "
                      "Independence is about the whole set: (1, 1) = (1, 0) + (0, 1). Eliminate "
                      "with all the vectors, not pair by pair (more than n vectors in Rⁿ are "
                      "always dependent).")
    vectors, tol, want, about = _INDEPENDENCE_PROBES[wrong[0]]
    raise Failure(f"is_independent({_shows(vectors)}{'' if tol is None else f', tol={tol:g}'}), "
                  f"{about}, should be {want}, but your function returned {outputs[wrong[0]]}."
                  f"{'' if len(wrong) == 1 else f' It is wrong on {len(wrong)} of {len(outputs)} probes.'}")


def is_independent(function: Any) -> Result:
    """Check a reader's ``is_independent(vectors, tol=1e-10)``.

    The function should return ``True`` when the vectors (a list of 1-D arrays
    of one length) are linearly independent and ``False`` when they are not,
    treating a remainder as zero when it is at most ``tol`` times the largest
    entry of the vectors. It must return a bool and may not call
    ``np.linalg.matrix_rank``.

    Parameters
    ----------
    function : callable
        ``function(vectors)`` and ``function(vectors, tol)``.

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the
        mistake (or shows one input with the expected and the returned value).

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> from mmlbook import linalg
    >>> def independent(vectors, tol=1e-10):
    ...     return linalg.dimension(np.column_stack(vectors), tol) == len(vectors)
    >>> bool(is_independent(independent))
    True
    """
    return run("is_independent", function, _check_independence)
