"""Checkers for Chapter 2, *Dot product, projection, basis, independence*.

The reader writes

* ``coordinates_in_basis(x, basis)``: the coordinates of the vector ``x`` in an
  orthogonal basis ``basis`` (a list of mutually orthogonal, non-zero vectors),
  found by projection, ``c_i = x·b_i / (b_i·b_i)``; for a basis that is not
  orthogonal the function raises ``ValueError`` (or returns coordinates that
  rebuild ``x``);
* ``is_independent(vectors, tol=None)``: whether the vectors are linearly
  independent, with a remaining entry counting as zero when it is no larger
  than the book's threshold ``linalg.rank_tolerance`` of the vectors (``tol``
  None) or ``tol`` times the largest entry of the vectors.

Each checker calls the reader's function on fixed probes and compares the
result with the right answer, within rounding: tolerances are relative to the
probe's scale and to the precision of the returned numbers (float64 or
float32). When they differ it looks for the pattern of answers that a typical
mistake leaves (dividing by ``|b|`` instead of ``|b|²``, an exact ``== 0``
test, a threshold that is not relative to the vectors' size, ...) and names the
mistake only when a probe tells it apart; otherwise it shows one probe with the
expected and the returned value, printed with enough digits to see the difference.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import linalg
from ._core import Failure, Result, as_result_array, call, run

__all__ = ["coordinates_in_basis", "is_independent"]

_EPS64, _EPS32 = float(np.finfo(np.float64).eps), float(np.finfo(np.float32).eps)


def _vec(*components: float) -> np.ndarray:
    return np.array(components, dtype=float)


def _show(v: Any, digits: int = 4) -> str:
    return "(" + ", ".join(f"{float(c):.{digits}g}" for c in np.ravel(v)) + ")"


def _shows(vectors: list[np.ndarray]) -> str:
    return "[" + ", ".join(_show(v) for v in vectors) + "]"


def _show_both(want: Any, got: Any) -> tuple[str, str]:
    """``want`` and ``got``, each component with the fewest digits (at least 4) that tell its two
    values apart, so a difference in the 10th digit shows as one."""
    want, got = np.ravel(np.asarray(want, dtype=float)), np.ravel(np.asarray(got, dtype=float))
    if want.shape != got.shape:
        return _show(want), _show(got)
    shown_want, shown_got = [], []
    for w, g in zip(want, got):
        digits = next((d for d in range(4, 18) if f"{w:.{d}g}" != f"{g:.{d}g}"), 4)
        shown_want.append(f"{w:.{digits}g}")
        shown_got.append(f"{g:.{digits}g}")
    return "(" + ", ".join(shown_want) + ")", "(" + ", ".join(shown_got) + ")"


def _eps(dtype: np.dtype) -> float:
    """The rounding unit a returned array is judged at: float32's for float32 (or less), else float64's."""
    if np.issubdtype(dtype, np.floating) and np.finfo(dtype).eps > _EPS64:
        return _EPS32  # float16 is judged at float32 accuracy too, which it cannot reach
    return _EPS64


# --- coordinates_in_basis ---------------------------------------------------------------

def _rotated_basis() -> list[np.ndarray]:
    """An orthonormal basis of R³ in general position: its dot products are ~1e-16, not exactly 0."""
    Q, _ = np.linalg.qr(np.random.default_rng(0).normal(size=(3, 3)))
    return [Q[:, i].copy() for i in range(3)]


_ROTATED = _rotated_basis()
_ROTATED_X = _vec(1, -2, 0.5)

# (x, orthogonal basis, what is special about it). The integer bases have vectors of different
# lengths (so |b| and |b|² differ by different factors) and distinct coordinates (so order
# matters); their dot products are exactly 0. The rotated basis has dot products of about 1e-16
# (an exact != 0 test refuses it); scaled by 1e6 they become about 1e-4 (an absolute threshold
# refuses it), and at 1e-6 every b·b is 1e-12 (an absolute "zero vector" test refuses it).
_COORD_PROBES: tuple[tuple[np.ndarray, list[np.ndarray], str], ...] = (
    (_vec(3, 4), [_vec(2, 1), _vec(-2, 4)], "exact"),                        # coordinates (2, 0.5)
    (_vec(1, 2, 3), [_vec(1, 1, 0), _vec(1, -1, 2), _vec(-2, 2, 2)], "exact"),  # (3/2, 5/6, 2/3)
    (_vec(1, -6), [_vec(0, 3), _vec(0.5, 0)], "exact"),                       # (-2, 2)
    (_vec(2, -1, 0.5, 3), [_vec(1, 1, 1, 1), _vec(1, -1, 0, 0),
                            _vec(0, 0, 3, -3), _vec(2, 2, -2, -2)], "exact"),
    (_ROTATED_X, _ROTATED, "rotated"),
    (1e6 * _ROTATED_X, [1e6 * b for b in _ROTATED], "large"),
    (1e-6 * _ROTATED_X, [1e-6 * b for b in _ROTATED], "small"),
)

# (x, a basis that is NOT orthogonal, what is special about it). Projection gives wrong
# coordinates for each; the reader must raise ValueError or return the true coordinates.
_SKEW_PROBES: tuple[tuple[np.ndarray, list[np.ndarray], str], ...] = (
    (_vec(3, 4), [_vec(1, 0), _vec(1, 1)], "plain"),              # b1·b2 = 1; true coordinates (-1, 4)
    (_vec(3, 4), [_vec(1, -1), _vec(1, 2)], "negative"),          # b1·b2 = -1
    (_vec(1, 2, 3), [_vec(1, 0, 0), _vec(0, 1, 0), _vec(1, 0, 1)], "neighbours"),  # only b1·b3 = 1
    (_vec(1, 2, 3), [_vec(1, 0, 0), _vec(0, 1, 0), _vec(0, 1, 1)], "first"),       # only b2·b3 = 1
    (1e-6 * _vec(3, 4), [1e-6 * _vec(1, 0), 1e-6 * _vec(1, 1)], "small"),          # b1·b2 = 1e-12
    (_vec(3, 4), [_vec(1, 0), _vec(0.001, 1)], "slight"),         # cos = 0.001: 89.94 degrees
)


def _right_coordinates(x, basis):
    return np.array([x @ b / (b @ b) for b in basis])


def _true_coordinates(x, basis):
    return np.linalg.solve(np.column_stack(basis), x)


def _rebuild(coordinates, basis):
    return sum(c * b for c, b in zip(coordinates, basis))


def _coord_tolerance(x: np.ndarray, basis: list[np.ndarray], eps: float) -> np.ndarray:
    """How far a correct c_i may be off: rounding in x·b_i is about n·eps·|x||b_i|, so c_i's is
    n·eps·|x|/|b_i|, times the condition number of the (column-normalised) basis for a reader who
    solves instead of projecting; 64 is headroom. Relative to the probe's scale, never absolute."""
    B = np.column_stack(basis)
    B = B / np.linalg.norm(B, axis=0)
    spread = np.linalg.cond(B)
    return np.array([64 * x.size * eps * spread * np.linalg.norm(x) / np.linalg.norm(b) for b in basis])


def _near(out: np.ndarray, want: np.ndarray, x, basis, eps: float) -> bool:
    """Within rounding of ``want``; the term in |want| matters only for a mistake's answer, which
    can be far larger than the coordinates (a right c_i is at most |x|/|b_i|, by Cauchy–Schwarz)."""
    want = np.asarray(want, dtype=float)
    if out.shape != want.shape:
        return False
    slack = _coord_tolerance(x, basis, eps).reshape((-1,) + (1,) * (want.ndim - 1))
    return bool(np.all(np.abs(out - want) <= slack + 64 * x.size * eps * np.abs(want)))


def _pairs_not_orthogonal(basis: list[np.ndarray]) -> str:
    """'b_1·b_3 = 1' for each pair that is clearly not orthogonal."""
    shown = []
    for (i, b), (j, d) in itertools.combinations(enumerate(basis, 1), 2):
        if abs(b @ d) > 1e-6 * np.linalg.norm(b) * np.linalg.norm(d):
            shown.append(f"b_{i}·b_{j} = {b @ d:.3g}")
    return ", ".join(shown)


def _largest_dot(basis: list[np.ndarray]) -> float:
    return max(abs(b @ d) for b, d in itertools.combinations(basis, 2))


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


def _refusal(x: np.ndarray, basis: list[np.ndarray], kind: str, exc: ValueError) -> Failure:
    """Why a reader's function may have raised ValueError for an orthogonal basis; each reason is
    told apart by the probes before it (the exact bases, then the rotated one at scale 1)."""
    start = (f"coordinates_in_basis(x={_show(x)}, basis={_shows(basis)}) raised ValueError "
             f"({exc}), but this basis is orthogonal")
    largest = _largest_dot(basis)
    if kind == "exact":
        return Failure(f"{start}: every b_i·b_j is exactly 0. Check your orthogonality test.")
    if kind == "rotated":
        return Failure(f"{start} (a rotated orthonormal basis); rounding leaves dot products of "
                       f"about {largest:.1e} instead of an exact 0. An exact test (b @ d != 0) or a "
                       "threshold below rounding refuses it. Call a pair orthogonal when "
                       "|b·d| <= tol·|b||d|, with tol like 1e-10.")
    return Failure(f"{start}: it is the rotated orthonormal basis you accepted, scaled by "
                   f"{'1e6' if kind == 'large' else '1e-6'} (largest |b_i·b_j| = {largest:.1e}, each "
                   f"b·b = {basis[0] @ basis[0]:.1e}). A test against a fixed number is not relative to "
                   "the vectors' size: compare |b·d| with tol·|b||d| (and, if you test for zero "
                   "vectors, |b| with the size of the others, or leave that to the division).")


def _coordinates_output(function: Callable, x: np.ndarray, basis: list[np.ndarray],
                        kind: str | None = None) -> np.ndarray:
    """The reader's answer for one orthogonal probe (``kind`` given) or skew probe (None: may raise ValueError)."""
    given_x, given_basis = x.copy(), [b.copy() for b in basis]
    try:
        value = function(given_x, given_basis)
    except ValueError as exc:
        if kind is None:
            raise
        raise _refusal(x, basis, kind, exc) from exc
    except Exception as exc:  # the reader's code may raise anything: name it and the call
        skew = ("" if kind is not None else " This basis is not orthogonal: raise ValueError "
                "with a message instead, e.g. raise ValueError('the basis is not orthogonal').")
        raise Failure(f"coordinates_in_basis(x={_show(x)}, basis={_shows(basis)}) raised "
                      f"{type(exc).__name__}: {exc}.{skew}") from exc
    if not (np.array_equal(given_x, x) and all(map(np.array_equal, given_basis, basis))):
        raise Failure("coordinates_in_basis changed the vectors it was given. Avoid in-place "
                      "operations such as b /= ...: compute new arrays instead.")
    try:  # the dtype the reader chose, before as_result_array turns it into float64
        raw = None if isinstance(value, (str, bytes)) or value is None else np.asarray(value)
    except (TypeError, ValueError):  # ragged lists: as_result_array names the problem
        raw = None
    out = as_result_array(value, "coordinates_in_basis", "an array of numbers, one per basis vector")
    eps = _eps(raw.dtype) if raw is not None and raw.dtype != object else _EPS64
    k, n = len(basis), x.size
    if out.shape == (k, n) and _near(out, [c * b for c, b in zip(_right_coordinates(x, basis), basis)],
                                     x, basis, eps):
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
    return out, eps


def _skew_diagnosis(accepted: dict[str, tuple], refused: set[str]) -> Failure:
    """A skew basis got projection-style (wrong) coordinates; say which test let it through, as far
    as the other skew probes tell."""
    order = ("plain", "negative", "neighbours", "first", "small", "slight")
    kind = next(k for k in order if k in accepted)
    x, basis, out = accepted[kind]
    rebuilt = _rebuild(out, basis)
    want, got = _show_both(_true_coordinates(x, basis), out)
    start = (f"For x = {_show(x)} and the basis {_shows(basis)}, which is NOT orthogonal "
             f"({_pairs_not_orthogonal(basis) or 'cos θ = 0.001 between b_1 and b_2'}), it returned "
             f"{got}, which rebuild {_show(rebuilt)}, not x (the true coordinates are {want}). ")
    if kind == "plain":
        why = ("The projection formula gives coordinates only for an orthogonal basis. Check "
               "that b_i·b_j = 0 (up to rounding) for every pair and raise ValueError if not.")
    elif kind == "negative":
        why = ("It refused the basis whose dot product is +1, so the test probably lacks abs(): "
               "b·d = -1 is far from 0 too. Test abs(b @ d) > tol·|b||d|.")
    elif kind == "neighbours":
        why = ("Only the pair b_1, b_3 is not orthogonal: the test seems to look at neighbouring "
               "pairs (b_1, b_2), (b_2, b_3) only. Test every pair i < j, e.g. with "
               "itertools.combinations(basis, 2).")
    elif kind == "first":
        why = ("Only the pair b_2, b_3 is not orthogonal: the test seems to compare b_1 with the "
               "others only. Test every pair i < j, e.g. with itertools.combinations(basis, 2).")
    elif kind == "small":
        why = ("It refused the same basis at scale 1, so its threshold is a fixed number: at scale "
               "1e-6 the dot product is 1e-12 and slips under it. Compare |b·d| with tol·|b||d|.")
    else:
        why = ("It refused the clearly skew bases, but its orthogonality threshold is too loose: the "
               "angle between b_1 and b_2 is 89.94°, not 90°, and projection then gives wrong "
               "coordinates. Refuse |b·d| > tol·|b||d| with a tol near rounding, like 1e-10.")
    return Failure(start + why)


# The degenerate input the chapter warns about: the zero vector is orthogonal to every vector, so an
# orthogonality test lets it through, but it is no basis vector and x = (3, 4) is not in the span.
_ZERO_X, _ZERO_BASIS = _vec(3, 4), [_vec(1, 0), _vec(0, 0)]


def _check_zero_vector(function: Callable) -> None:
    """ValueError, ZeroDivisionError or a NaN/inf answer are all loud; finite coordinates are not."""
    try:
        with np.errstate(all="ignore"):  # the book's solution divides 0 by 0 here: no warning shown
            value = function(_ZERO_X.copy(), [b.copy() for b in _ZERO_BASIS])
    except (ValueError, ZeroDivisionError, FloatingPointError):
        return
    except Exception as exc:  # the reader's code may raise anything
        raise Failure(f"For the 'basis' {_shows(_ZERO_BASIS)}, which contains the zero vector, "
                      f"coordinates_in_basis raised {type(exc).__name__}: {exc}. Raise ValueError "
                      "with a message instead.") from exc
    out = as_result_array(value, "coordinates_in_basis", "an array of numbers, one per basis vector")
    if np.all(np.isfinite(out)):
        rebuilt = f", which rebuild {_show(_rebuild(out, _ZERO_BASIS))}" if out.shape == (2,) else ""
        raise Failure(f"For x = {_show(_ZERO_X)} and the 'basis' {_shows(_ZERO_BASIS)}, it returned "
                      f"the numbers {_show(out)}{rebuilt}, not x. The zero vector is orthogonal to "
                      "every vector, but it is no basis vector, and x is not in the span here: no "
                      "coordinates exist. Do not replace 0/0 by a number; raise ValueError for a "
                      "zero basis vector (or let the division by b·b = 0 fail).")


def _check_coordinates(function: Callable) -> str:
    results = [_coordinates_output(function, x, basis, kind) for x, basis, kind in _COORD_PROBES]
    outputs = [out for out, _ in results]
    eps = max(e for _, e in results)
    expected = [_right_coordinates(x, basis) for x, basis, _ in _COORD_PROBES]
    probes = [(x, basis) for x, basis, _ in _COORD_PROBES]

    def matches(answers) -> bool:
        return all(_near(out, want, x, basis, eps) for out, want, (x, basis) in zip(outputs, answers, probes))

    if not matches(expected):
        for mistake, message in COORD_MISTAKES:
            if matches([mistake(x, basis) for x, basis in probes]):
                raise Failure(message)
        float32_close = eps == _EPS64 and all(_near(out, want, x, basis, _EPS32)
                                              for out, want, (x, basis) in zip(outputs, expected, probes))
        for out, want, (x, basis) in zip(outputs, expected, probes):
            if not _near(out, want, x, basis, eps):
                rebuilt = _rebuild(out, basis)
                verdict = ("they do rebuild x, so check your basis order and formula"
                           if _near(np.array([np.linalg.norm(rebuilt - x)]), [0.0], x, basis, eps)
                           else f"they rebuild {_show(rebuilt)}, not x")
                shown_want, shown_out = _show_both(want, out)
                if float32_close:
                    verdict = ("close, within float32 rounding (about 7 significant digits) but not "
                               "within the float64 rounding that float64 numbers are judged at. If you "
                               "compute in float32, return that float32 array (it is then judged at "
                               "float32 accuracy), or compute in float64; otherwise look for a small "
                               "error in the formula")
                raise Failure(f"coordinates_in_basis(x={_show(x)}, basis={_shows(basis)}) should "
                              f"be {shown_want}, but your function returned {shown_out}: "
                              f"{verdict}. Each coordinate is c_i = x·b_i / (b_i·b_i).")
    accepted, refused, solved = {}, set(), 0
    for x, basis, kind in _SKEW_PROBES:
        try:
            out, skew_eps = _coordinates_output(function, x, basis)
        except ValueError:
            refused.add(kind)
            continue
        if _near(out, _true_coordinates(x, basis), x, basis, skew_eps):
            solved += 1  # the true coordinates, by some other method: fine
        else:
            accepted[kind] = (x, basis, out)
    if accepted:
        raise _skew_diagnosis(accepted, refused)
    _check_zero_vector(function)
    precision = "float32" if eps == _EPS32 else "float64"
    dims = sorted({x.size for x, _, _ in _COORD_PROBES})
    skew = (f"raised ValueError for all {len(refused)}" if not solved else
            f"raised ValueError for {len(refused)} and returned the true coordinates for {solved}")
    return (f"it returns x·b_i / (b_i·b_i), to within {precision} rounding, for {len(_COORD_PROBES)} "
            f"orthogonal bases in {dims[0]} to {dims[-1]} dimensions (integer ones, a rotated "
            "orthonormal one whose dot products are 1e-16 rather than 0, and that one scaled by 1e6 "
            f"and 1e-6); of {len(_SKEW_PROBES)} bases that are not orthogonal it {skew}; for a "
            "'basis' containing the zero vector it gave no finite coordinates.")


def coordinates_in_basis(function: Any) -> Result:
    """Check a reader's ``coordinates_in_basis(x, basis)``.

    The function should return the array ``[x·b / (b·b) for b in basis]`` for an
    orthogonal basis (a list of mutually orthogonal, non-zero vectors), and raise
    ``ValueError`` for a basis that is not orthogonal (returning the true
    coordinates, which rebuild ``x``, is accepted too). Answers are compared
    within rounding relative to the probe's scale, at float32 accuracy when the
    function returns float32 numbers and float64 accuracy otherwise.

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

def _scaled(factor: float, vectors: list[np.ndarray]) -> list[np.ndarray]:
    return [factor * v for v in vectors]


_DECIMALS_3 = [_vec(0.1, 0.2, 0.3), _vec(0.4, 0.5, 0.6), _vec(0.7, 0.8, 0.9)]

# (vectors, tol, independent?, what the probe is about). The answers agree with an SVD whose
# threshold is rank_tolerance (tol None) or tol times the largest entry, far from the borderline
# (the unit tests check both).
_INDEPENDENCE_PROBES: tuple[tuple[list[np.ndarray], float | None, bool, str], ...] = (
    ([_vec(1, 2), _vec(2, 1)], None, True, "two vectors that are not parallel"),
    ([_vec(1, 2), _vec(-2, -4)], None, False, "two parallel vectors pointing opposite ways"),
    ([_vec(1, 0, 0), _vec(1, 1, 0), _vec(1, 1, 1)], None, True, "three independent vectors"),
    ([_vec(1, 2, 3), _vec(4, 5, 6), _vec(7, 8, 9)], None, False,
     "three vectors in a plane (the third is 2 × the second − the first)"),
    ([_vec(1, 0), _vec(0, 1), _vec(1, 1)], None, False,
     "three vectors in R², no two of them parallel"),
    ([_vec(3, 1, 2)], None, True, "one non-zero vector"),
    ([_vec(1, 2, 0), _vec(0, 0, 0), _vec(0, 1, 5)], None, False,
     "three vectors, one of them the zero vector"),
    ([_vec(0.1, 0.3), _vec(0.3, 0.9)], None, False,
     "the second is 3 × the first on paper, not exactly so in floating point"),
    (_DECIMALS_3, None, False,
     "three vectors in a plane, with decimals that floating point cannot store exactly"),
    ([_vec(1, 0), _vec(1, 1e-6)], 1e-10, True, "two vectors at a tiny angle, tol = 1e-10"),
    ([_vec(1, 0), _vec(1, 1e-6)], 1e-3, False, "the same two vectors with tol = 1e-3"),
    ([_vec(2e-12, 0), _vec(0, 3e-12)], 1e-10, True, "two tiny but perpendicular vectors, tol = 1e-10"),
    (_scaled(1e6, _DECIMALS_3), None, False, "the three decimal vectors in a plane, scaled by 1e6"),
    (_scaled(1e-12, [_vec(1, 2), _vec(2, 1)]), None, True,
     "the two vectors (1, 2) and (2, 1), scaled by 1e-12"),
    ([_vec(1, 0), _vec(1, 1e-11)], None, True,
     "two vectors at an angle of 1e-11 radians, no tol (the book's rank_tolerance, about 4e-13 here)"),
    ([_vec(-3, 1), _vec(1, 2)], None, True, "two vectors whose largest entry is negative"),
    ([_vec(1, 1, 1), _vec(1, -1, 1), _vec(2, 0, 2)], None, False,
     "three vectors whose entries tie in size (the third is the sum of the others)"),
)

_PARALLEL_INTEGERS = 1       # dependent, and elimination leaves an exact 0
_PAIRS_ONLY = 4              # three vectors in R², no two parallel
_ZERO = 6                    # the probe with the zero vector
_ROUNDING = (7, 8)           # dependent on paper, a remainder of ~1e-16 in floating point
_TOL_PAIR = (9, 10)          # the same vectors, two tolerances
_TINY = 11                   # tiny perpendicular vectors with tol = 1e-10
_SAME_SCALED = ((8, 12), (0, 13))   # (probe, the same probe scaled): the answers must agree
_DEFAULT = 14                # decided by the default threshold
_NEGATIVE = 15               # the largest entry (the first pivot) is negative
# What an exact test or a threshold below rounding gets wrong (all by saying True).
_ROUNDING_VICTIMS = {3, *_ROUNDING, _TOL_PAIR[1], 12}

#: The functions that answer the whole question in one call; the exercise is to write elimination.
_ONE_CALL_RANK = {"np.linalg.matrix_rank": np.linalg.matrix_rank, "mmlbook.linalg.dimension": linalg.dimension}


def _code_of(function: Any) -> Any:
    """The Python code object behind ``function`` (NumPy wraps matrix_rank in a C dispatcher)."""
    function = getattr(function, "__wrapped__", function)
    return getattr(function, "__code__", None)


_BANNED_CODE = {_code_of(f): name for name, f in _ONE_CALL_RANK.items() if _code_of(f) is not None}


def _call_watching(function: Callable, *args: Any) -> tuple[Any, str | None]:
    """Call the reader's function and report whether it reached a banned one-call rank function.

    The watch is on the functions' code, through sys.setprofile, so it sees every route to them:
    ``np.linalg.matrix_rank``, ``from numpy.linalg import matrix_rank``, an alias, a helper that
    calls it. (Replacing ``np.linalg.matrix_rank`` for the call, as this checker once did, misses a
    name imported before the check.)
    """
    seen: list[str] = []
    previous = sys.getprofile()

    def watch(frame, event, arg):
        if event == "call" and frame.f_code in _BANNED_CODE and not seen:
            seen.append(_BANNED_CODE[frame.f_code])
        if previous is not None:
            previous(frame, event, arg)

    sys.setprofile(watch)
    try:
        value = call(function, "is_independent", *args)
    finally:
        sys.setprofile(previous)
    return value, (seen[0] if seen else None)


def _independence_output(function: Callable, vectors: list[np.ndarray], tol: float | None) -> bool:
    given = [v.copy() for v in vectors]
    args = (given,) if tol is None else (given, tol)
    value, banned = _call_watching(function, *args)
    if banned:
        raise Failure(f"It calls {banned}, which answers the whole question in one call. Write the "
                      "elimination yourself: that is the point of the exercise (the checker "
                      "watches for this call however it is imported).")
    if not all(map(np.array_equal, given, vectors)):
        raise Failure("is_independent changed the vectors it was given. Eliminate on a copy: "
                      "V = np.array(vectors, dtype=float) makes a new array.")
    if not isinstance(value, (bool, np.bool_)):
        shown = "None" if value is None else f"{value!r} (of type {type(value).__name__})"
        hint = ("is the return statement missing?" if value is None
                else "return the result of a comparison, such as abs(pivot) <= threshold, "
                     "or the constants True and False.")
        raise Failure(f"is_independent({_shows(vectors)}{'' if tol is None else f', tol={tol:g}'}) "
                      f"returned {shown}, but it should return True or False: {hint}")
    return bool(value)


def _probe_call(i: int) -> str:
    vectors, tol, _, about = _INDEPENDENCE_PROBES[i]
    return f"is_independent({_shows(vectors)}{'' if tol is None else f', tol={tol:g}'}) ({about})"


def _check_independence(function: Callable) -> str:
    outputs = [_independence_output(function, vectors, tol) for vectors, tol, _, _ in _INDEPENDENCE_PROBES]
    wanted = [independent for _, _, independent, _ in _INDEPENDENCE_PROBES]
    if outputs == wanted:
        return (f"right on {len(outputs)} sets of vectors: parallel and not, more vectors than "
                "dimensions, the zero vector, rounding remainders, scales from 1e-12 to 1e6, "
                "an explicit tol (two values) and the default threshold.")
    wrong = {i for i, (out, want) in enumerate(zip(outputs, wanted)) if out != want}
    # Each diagnosis below is backed by a probe that tells it apart from the others.
    if len(wrong) == len(outputs):
        raise Failure("Every answer is the opposite of the right one: True should mean "
                      "independent (no vector is a combination of the others) and False dependent.")
    if wrong == {_ZERO}:
        raise Failure("It says a set containing the zero vector is independent, and is right "
                      "everywhere else. Any set with the zero vector is dependent: 1·0 = 0 is a "
                      "combination with a non-zero coefficient. A zero vector must count as "
                      "'nothing new': its largest entry is 0, below any threshold.")
    for probe, scaled in _SAME_SCALED:
        if outputs[probe] != outputs[scaled]:
            raise Failure(f"Its answer changes when every vector is scaled: {_probe_call(probe)} "
                          f"returned {outputs[probe]}, but {_probe_call(scaled)} returned "
                          f"{outputs[scaled]}. Independence does not depend on scale, so the zero "
                          "test must not compare with a fixed number: compare with the threshold "
                          "relative to the vectors' size (rank_tolerance, or tol × the largest entry).")
    if _TINY in wrong and not outputs[_TINY]:
        raise Failure(f"{_probe_call(_TINY)} returned False, though the vectors are perpendicular. "
                      "With tol given, compare with tol times the size of the vectors (their "
                      "largest entry), not with tol on its own: independence does not change when "
                      "all the vectors are scaled.")
    if (wrong & set(_ROUNDING) and wrong <= _ROUNDING_VICTIMS and all(outputs[i] for i in wrong)
            and _PARALLEL_INTEGERS not in wrong):
        raise Failure(f"{_probe_call(min(wrong & set(_ROUNDING)))} returned True. On paper they are "
                      "dependent; elimination in floating point leaves a remainder like 1e-16 "
                      "instead of 0 (for (1, 2), (-2, -4), where the remainder is exactly 0, it is "
                      "right). So its zero test is exact (== 0, != 0) or its threshold is below "
                      "rounding: count a remainder as zero when abs(remainder) <= threshold, with "
                      "threshold = linalg.rank_tolerance(V), or tol × the largest entry when tol is given.")
    if outputs[_TOL_PAIR[0]] == outputs[_TOL_PAIR[1]] and wrong <= {*_TOL_PAIR, _DEFAULT}:
        if outputs[_TOL_PAIR[0]]:
            raise Failure("It ignores tol: with tol = 1e-3 the vectors (1, 0) and (1, 1e-6) should "
                          "count as dependent, because the remainder 1e-6 is below 1e-3 × their "
                          "scale. Use the tol argument in your zero test instead of a fixed number.")
        raise Failure("It says (1, 0) and (1, 1e-6) are dependent with tol = 1e-10, but the "
                      "remainder 1e-6 is far above 1e-10 × their scale: use the tol it is given "
                      "rather than a larger fixed threshold.")
    if wrong == {_DEFAULT}:
        raise Failure(f"{_probe_call(_DEFAULT)} returned False, and everything else is right: "
                      "without tol it uses a threshold above the book's. The book's convention is "
                      "threshold = linalg.rank_tolerance(V) = 1000 · max(m, n) · ε · max|v_ij| "
                      "(about 4e-13 here) when tol is None; a fixed relative 1e-10 calls the "
                      "remainder 1e-11 zero.")
    if wrong == {_NEGATIVE}:
        raise Failure(f"{_probe_call(_NEGATIVE)} returned False, and everything else is right: the "
                      "largest entry here is -3, so a zero test without abs() (pivot <= threshold) "
                      "calls it zero. Compare abs(pivot) <= threshold.")
    several = {i for i, (vectors, *_) in enumerate(_INDEPENDENCE_PROBES) if len(vectors) >= 3}
    if _PAIRS_ONLY in wrong and wrong <= several and all(outputs[i] for i in wrong):
        raise Failure("It says (1, 0), (0, 1), (1, 1) are independent, and it is right on every "
                      "pair of vectors: probably because no two are parallel. Independence is "
                      "about the whole set: (1, 1) = (1, 0) + (0, 1). Eliminate with all the "
                      "vectors, not pair by pair (more than n vectors in Rⁿ are always dependent).")
    first = min(wrong)
    _, _, want, _ = _INDEPENDENCE_PROBES[first]
    raise Failure(f"{_probe_call(first)} should be {want}, but your function returned {outputs[first]}."
                  f"{'' if len(wrong) == 1 else f' It is wrong on {len(wrong)} of {len(outputs)} probes.'}")


def is_independent(function: Any) -> Result:
    """Check a reader's ``is_independent(vectors, tol=None)``.

    The function should return ``True`` when the vectors (a list of 1-D arrays
    of one length) are linearly independent and ``False`` when they are not,
    treating a remaining entry as zero when it is at most the threshold: the
    book's ``linalg.rank_tolerance`` of the vectors when ``tol`` is None, else
    ``tol`` times their largest entry. It must return a bool.

    The checker judges answers. It also refuses the two one-call answers,
    ``np.linalg.matrix_rank`` and ``mmlbook.linalg.dimension``, however they are
    imported (it watches their code run); other algorithms (an SVD, a QR
    factorisation, Gram-Schmidt) are accepted when their answers are right, as
    the checker cannot and does not claim to tell how an answer was found.

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
    >>> def independent(vectors, tol=None):
    ...     V = np.array(vectors, dtype=float)
    ...     s = np.linalg.svd(V, compute_uv=False)
    ...     threshold = linalg.rank_tolerance(V) if tol is None else tol * np.abs(V).max()
    ...     return bool(np.sum(s > threshold) == len(V))
    >>> bool(is_independent(independent))
    True
    """
    return run("is_independent", function, _check_independence)
