"""Checkers for Chapter 15, *Orthogonal projections*.

The reader writes, as in the course's assignment ("Orthogonal projections"),

* ``projection_matrix(B)``: the (D, D) matrix :math:`P = B(B^\\top B)^{-1}B^\\top` of
  the orthogonal projection onto the span of the M columns of the (D, M) matrix
  ``B`` (a 1-column ``B`` is a line);
* ``project(x, B)``: the projection :math:`P\\mathbf{x}` of one vector ``x`` of
  length D (a result of shape (D,) or, as the course writes it, (D, 1)).

Each checker calls the reader's function on fixed bases (MML Example 3.11, a
line, a random basis, the whole space, two columns at an angle of 1e-3 rad)
and on each of them scaled by 1e-6 and 1e6, and compares with
:mod:`mmlbook.pca`. The projection does not change when ``B`` is scaled, so a
tolerance on P is scale-free; a projected vector is compared relative to the
length of ``x``. The tolerance grows with :math:`\\kappa(B)^2`, the error that
forming :math:`(B^\\top B)^{-1}` brings, so the course's formula passes on the
nearly dependent columns (QR, lstsq and ``solve`` pass too). A result in
float32 is compared at single precision, and the nearly dependent probe, which
float32 cannot resolve through :math:`B^\\top B`, is then left out (the message
says so).

A float64 answer must also keep both of two columns at an angle of 1e-6 rad
(:math:`\\kappa(B) \\approx 2 \\times 10^6`): the tolerance there, :math:`100\\varepsilon\\kappa(B)^2 \\approx 0.09`,
admits the course's formula (error about 1e-4) but not a rank cut-off or dependence test that drops
one column, or raises.

Last, a basis with *dependent* columns (column 1 = 2 x column 0): then
:math:`B^\\top B` is singular and the formula has no meaning. The function passes
if it raises an exception (as ``np.linalg.inv`` and ``solve`` do here, and
:func:`mmlbook.pca.projection_matrix` does with a message) or returns the
projection onto the span of the columns (as ``lstsq`` or ``pinv`` give); any
other answer is named as wrong.

When an answer is wrong the checker compares it with typical mistakes (no
inverse, the line formula on a subspace, the residual instead of the
projection, adding the projections onto each column, ...) and names the one
that matches every probe; otherwise it reports which invariant fails
(:math:`P^2 = P`, :math:`P = P^\\top`, :math:`PB = B`) on one probe.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import pca
from ._core import Failure, Result, as_result_array, call, quietly, run

__all__ = ["projection_matrix", "project"]

_EPS64, _EPS32 = float(np.finfo(np.float64).eps), float(np.finfo(np.float32).eps)
_SCALES = (1.0, 1e-6, 1e6)


def _near_dependent(theta: float = 1e-3) -> np.ndarray:
    """Two independent columns at an angle ``theta`` (radians), in R^4."""
    return np.array([[1.0, np.cos(theta)], [0.0, np.sin(theta)], [0.0, 0.0], [0.0, 0.0]])


def _bases() -> list[tuple[str, np.ndarray]]:
    """(description, B) for every probe basis, each at three scales."""
    rng = np.random.default_rng(15)
    base = [
        ("B = [[1, 0], [1, 1], [1, 2]] (MML Example 3.11)", np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])),
        ("the line B = [[1], [2], [2]]", np.array([[1.0], [2.0], [2.0]])),
        ("a random 6 x 3 basis", rng.normal(size=(6, 3))),
        ("a basis of all of R^3, B = [[2, 1, 0], [0, 1, 1], [1, 0, 3]]",
         np.array([[2.0, 1.0, 0.0], [0.0, 1.0, 1.0], [1.0, 0.0, 3.0]])),
        ("two columns at an angle of 1e-3 rad (independent, nearly dependent)", _near_dependent()),
    ]
    return [(f"{text}{'' if c == 1 else f', times {c:g}'}", c * B) for text, B in base for c in _SCALES]


#: The probe with dependent columns: column 1 is twice column 0, so B^T B is exactly singular.
_DEPENDENT = np.array([[1.0, 2.0], [1.0, 2.0], [0.0, 0.0], [1.0, 2.0]])
_DEPENDENT_TEXT = "B = [[1, 2], [1, 2], [0, 0], [1, 2]] (column 1 = 2 × column 0)"


def _tolerance(B: np.ndarray, single: bool) -> float:
    """How far a right P may be from the reference: rounding of (B^T B)^-1, which grows as cond(B)^2."""
    kappa = np.linalg.cond(B)
    return max(1e-9 if not single else 1e-5, 100 * (_EPS32 if single else _EPS64) * kappa**2)


def _resolvable(B: np.ndarray, single: bool) -> bool:
    return _tolerance(B, single) <= 1e-3


# --- the mistakes, as learners write them ---------------------------------------------------

def _inv(A):
    return np.linalg.inv(A)


def _rows(B):
    return B.T @ np.linalg.pinv(B @ B.T) @ B


def _first_normalised(B):
    B = B.copy()
    B[:, 0] = B[:, 0] / np.linalg.norm(B[:, 0])
    return B @ B.T


def _each_normalised(B):
    U = B / np.linalg.norm(B, axis=0)
    return U @ U.T


#: (what a wrong projection matrix computes, what to tell its author)
MATRIX_MISTAKES: tuple[tuple[Callable[[np.ndarray], Any], str], ...] = (
    (lambda B: _inv(B.T @ B) @ B.T @ B,
     "It returns an M × M matrix (the identity): the factors are in the wrong order, such as "
     "(BᵀB)⁻¹BᵀB, or it projects onto the rows of B, Bᵀ(BBᵀ)⁻¹B. The basis vectors are the columns "
     "of B, and P maps R^D to R^D, so it is D × D, with B on the outside: P = B (BᵀB)⁻¹ Bᵀ."),
    (lambda B: B @ B.T,
     "P = BBᵀ misses the inverse (BᵀB)⁻¹: that is right only when the columns of B are orthonormal "
     "(then BᵀB = I). For a line it is bbᵀ without the division by bᵀb; in general P = B (BᵀB)⁻¹ Bᵀ."),
    (lambda B: np.eye(B.shape[0]) - B @ _inv(B.T @ B) @ B.T,
     "It returns I − P, the projection onto the orthogonal complement (it gives the residual "
     "x − Px): the projection is P = B (BᵀB)⁻¹ Bᵀ."),
    (_first_normalised,
     "Only the first column is normalised (and then P = BBᵀ): BBᵀ needs every column of unit length "
     "and orthogonal to the others. Use P = B (BᵀB)⁻¹ Bᵀ, or orthonormalise all columns (QR) first."),
    (_each_normalised,
     "It adds the projections onto each column, Σ bᵢbᵢᵀ/(bᵢᵀbᵢ) (the same as normalising every "
     "column and taking BBᵀ): that is the projection onto the span only when the columns are "
     "orthogonal to each other. Use P = B (BᵀB)⁻¹ Bᵀ, or make the columns orthonormal with QR."),
    (lambda B: B @ B.T / np.sum(B * B),
     "It uses the line formula bbᵀ/(bᵀb) with the whole matrix (BBᵀ divided by the sum of all squared "
     "entries): right for a single column only. For a subspace P = B (BᵀB)⁻¹ Bᵀ."),
    (lambda B: B @ B.T / np.sqrt(np.sum(B * B)),
     "It divides bbᵀ by the length ‖b‖ instead of the squared length bᵀb = ‖b‖²: for a line "
     "P = bbᵀ/(bᵀb), and for a subspace P = B (BᵀB)⁻¹ Bᵀ."),
    (lambda B: np.outer(B[:, 0], B[:, 0]) / (B[:, 0] @ B[:, 0]),
     "It projects onto the first column only, b₁b₁ᵀ/(b₁ᵀb₁): the line formula is right for a single "
     "column, but the subspace is spanned by all M columns of B. Use P = B (BᵀB)⁻¹ Bᵀ."),
    (lambda B: B @ (1 / (B.T @ B)) @ B.T,
     "It takes 1 / (BᵀB) entry by entry instead of the matrix inverse: that is the inverse only for a "
     "single column (a 1 × 1 BᵀB). Use np.linalg.inv(B.T @ B), or better np.linalg.solve."),
)


def _project_with(matrix):
    return lambda x, B: matrix(B) @ x


def _coordinates(x, B):
    return np.linalg.solve(B.T @ B, B.T @ x)


#: (what a wrong project computes, what to tell its author)
PROJECT_MISTAKES: tuple[tuple[Callable[[np.ndarray, np.ndarray], Any], str], ...] = (
    (_coordinates,
     "It returns the coordinates λ = (BᵀB)⁻¹Bᵀx of the projection in the basis B (M numbers), not the "
     "projection itself: π(x) = Bλ, a vector of R^D."),
    (lambda x, B: B.T @ x,
     "It returns Bᵀx, the inner products of x with the columns of B (M numbers): the projection is "
     "π(x) = B (BᵀB)⁻¹ Bᵀ x, a vector of R^D."),
    (lambda x, B: x - B @ _coordinates(x, B),
     "It returns the residual x − π(x), the part of x orthogonal to the subspace, not the projection "
     "π(x) = B (BᵀB)⁻¹ Bᵀ x."),
) + tuple((_project_with(wrong), message) for wrong, message in MATRIX_MISTAKES[1:]
                if not message.startswith("It returns I − P"))


# --- comparing ---------------------------------------------------------------------------------

def _as_output(value: Any, name: str) -> tuple[np.ndarray, bool]:
    """The reader's answer as a float64 array, and whether it was computed in single precision."""
    got = as_result_array(value, name)
    raw = np.asarray(value)
    single = raw.dtype in (np.float32, np.float16)
    return got, single


def _close(got: np.ndarray, want: np.ndarray, tol: float) -> bool:
    return got.shape == want.shape and bool(np.all(np.abs(got - want) <= tol))


def _show(a: np.ndarray) -> str:
    return np.array2string(np.asarray(a, dtype=float), precision=4, suppress_small=True, threshold=20)


def _invariants(P: np.ndarray, B: np.ndarray, tol: float) -> str:
    """Which defining property of an orthogonal projection onto span(B) the square matrix P breaks."""
    size = max(1.0, float(np.abs(P).max()))
    broken = []
    if np.abs(P @ P - P).max() > tol * size**2:
        broken.append("P² ≠ P (projecting twice should change nothing)")
    if np.abs(P - P.T).max() > tol * size:
        broken.append("P ≠ Pᵀ (an orthogonal projection is symmetric)")
    if np.abs(P @ B - B).max() > tol * size * np.abs(B).max():
        broken.append("PB ≠ B (a vector already in the subspace must stay where it is)")
    return "; ".join(broken) if broken else "P² = P = Pᵀ and PB = B hold, but P has the wrong rank or values"


def _mistaken(wrong: Callable, args: tuple) -> np.ndarray:
    """What a mistaken formula gives on ``args`` (NaN if it cannot even run there)."""
    try:
        return np.asarray(quietly(wrong, *args), dtype=float)
    except (ValueError, np.linalg.LinAlgError):
        return np.array(np.nan)


def _diagnose(outputs, mistakes, right_of, name: str) -> None:
    """Raise a Failure naming the first mistake that matches every probe, else describing one probe."""
    for wrong, message in mistakes:
        if all(_close(got, wrong_got, tol + 1e-6 * float(np.abs(wrong_got).max(initial=0)))
               for args, got, tol, _ in outputs for wrong_got in [_mistaken(wrong, args)]):
            raise Failure(message)
    for args, got, tol, text in outputs:
        want = right_of(*args)
        if got.shape != want.shape:
            D, M = args[-1].shape
            raise Failure(f"{name} for {text} (D = {D}, M = {M}) returned shape {got.shape}; it should be "
                          f"{want.shape}: " + ("P maps R^D to R^D, so it is D × D." if want.ndim == 2 else
                                              "the projection of x is a vector of R^D."))
        if not _close(got, want, tol):
            detail = f" ({_invariants(got, args[-1], tol)})" if got.ndim == 2 else ""
            raise Failure(f"{name} for {text} should give {_show(want)}, but it gave {_show(got)}{detail}")


def _call(function: Callable, name: str, text: str, *args: Any) -> Any:
    """``call`` on the probe described by ``text``, with a hint on the errors a wrong formula raises."""
    try:
        return call(function, name, *[a.copy() for a in args])
    except Failure as failure:
        cause = failure.__cause__
        hint = ""
        if "1e-3 rad" in text:
            hint = (" These columns are independent (at an angle of 1e-3 rad), so the projection exists; "
                    "a test for dependence must be relative to B's scale and far tighter than this.")
        elif isinstance(cause, np.linalg.LinAlgError):
            hint = (" For a basis B (independent columns) BᵀB (M × M) is invertible; BBᵀ (D × D, rank M) "
                    "is not when M < D: did you invert BBᵀ, or project onto the rows?")
        elif isinstance(cause, ValueError) and ("matmul" in str(cause) or "shapes" in str(cause)
                                                or "broadcast" in str(cause)):
            hint = (" Check the shapes: B is (D, M), BᵀB is (M, M), P = B (BᵀB)⁻¹ Bᵀ is (D, D); "
                    "a transpose may be missing or misplaced.")
        raise Failure(f"For {text}: {failure}.{hint}") from cause


def _x_for(B: np.ndarray, k: int) -> np.ndarray:
    """A fixed vector of length D with parts inside and outside span(B), of size about 10^(3k - 3)."""
    rng = np.random.default_rng(100 + B.shape[0] + k)
    return rng.normal(size=B.shape[0]) * 10.0 ** (3 * k - 3)


def _dependent_verdict(function: Callable, name: str, args: tuple, right: np.ndarray) -> str:
    """'raised' or 'spanned' if the answer on dependent columns is acceptable; else a Failure."""
    try:
        with np.errstate(all="ignore"):
            value = function(*[a.copy() for a in args])
    except Exception:  # any error is the honest answer: B^T B is singular
        return "raised an error"
    got, single = _as_output(value, name)
    if right.ndim == 1 and got.shape == (right.size, 1):
        got = got[:, 0]
    scale = float(np.linalg.norm(args[0])) if right.ndim == 1 else 1.0
    # The span is a line with a perfectly conditioned basis: the same tolerance as any well-conditioned
    # probe (1e-9 in float64, 1e-5 in float32), relative to the size of x.
    tol = _tolerance(_DEPENDENT[:, :1], single) * scale
    if got.shape == right.shape and np.all(np.abs(got - right) <= tol):
        return "returned the projection onto their span (a line)"
    nan = (" (NaN or inf: a division by a zero pivot? Stop with an error instead)"
           if not np.all(np.isfinite(got)) else "")
    raise Failure(f"{name} for {_DEPENDENT_TEXT}: these columns are dependent, so BᵀB is singular and "
                  f"B (BᵀB)⁻¹ Bᵀ does not exist. Your function returned {_show(got)}{nan}, which is not the "
                  f"projection onto their span, {_show(right)}. It should raise an error (for example: "
                  "QR, then stop if a diagonal entry of R is tiny relative to B) or return the projection "
                  "onto the span (np.linalg.lstsq or pinv do that).")


#: Columns at an angle of 1e-6 rad: independent, but a rank cut-off or dependence test that is not at
#: the level of rounding drops one. The tolerance there, 100 ε κ(B)² ≈ 0.09, still admits the course's
#: (BᵀB)⁻¹ (error ~1e-4) and rejects a projection onto one column (error 1). Float64 answers only:
#: float32 cannot tell these columns apart at all.
_VERY_NEAR = _near_dependent(1e-6)
_VERY_NEAR_TEXT = "two columns at an angle of 1e-6 rad (independent, κ(B) ≈ 2e6)"


def _rank_verdict(function: Callable, name: str, args: tuple, right: np.ndarray) -> None:
    """Fail if the float64 answer on ``_VERY_NEAR`` raises or is not the projection onto the plane."""
    try:
        with np.errstate(all="ignore"):
            value = function(*[a.copy() for a in args])
    except Exception as error:
        raise Failure(f"{name} raised {type(error).__name__} for {_VERY_NEAR_TEXT}. These columns are "
                      "independent, so the projection exists (even B (BᵀB)⁻¹ Bᵀ gets it to about 1e-4, QR "
                      "to 1e-10): a test for dependence must be relative to B's scale and at the level of "
                      "rounding, such as a diagonal entry of R below D·ε·max|B|.") from None
    got = as_result_array(value, name)
    if right.ndim == 1 and got.shape == (right.size, 1):
        got = got[:, 0]
    scale = float(np.linalg.norm(args[0])) if right.ndim == 1 else 1.0
    if not _close(got, right, _tolerance(_VERY_NEAR, False) * scale):
        raise Failure(f"{name} for {_VERY_NEAR_TEXT} should give {_show(right)}, but it gave {_show(got)}. "
                      "These columns are independent: did a rank cut-off (rcond in pinv or lstsq) or a "
                      "dependence test treat them as dependent and drop one?")


def _check(function: Callable, name: str, probes, right_of, mistakes) -> tuple[int, str, bool]:
    """Call ``function`` on every probe, compare, and name a mistake; (probes compared, a note, single)."""
    outputs, skipped, any_single = [], 0, False
    for args, text in probes:
        got, single = _as_output(_call(function, name, text, *args), name)
        any_single = any_single or single
        want = right_of(*args)
        if want.ndim == 1 and got.shape == (want.size, 1):   # the course's column vector
            got = got[:, 0]
        B = args[-1]
        if not _resolvable(B, single):
            skipped += 1
            continue
        scale = float(np.linalg.norm(args[0])) if want.ndim == 1 else 1.0
        outputs.append((args, got, _tolerance(B, single) * scale, text))
    if not all(_close(got, right_of(*args), tol) for args, got, tol, _ in outputs):
        _diagnose(outputs, mistakes, right_of, name)
    return len(outputs), ("" if not skipped else
                          f" (float32 cannot resolve the columns at an angle of 1e-3 rad through "
                          f"BᵀB: {skipped} probes left out)"), any_single


def _right_matrix(B: np.ndarray) -> np.ndarray:
    return pca.projection_matrix(B)


def _right_project(x: np.ndarray, B: np.ndarray) -> np.ndarray:
    return pca.project(x, B)


def _check_matrix(function: Callable) -> str:
    probes = [((B,), text) for text, B in _bases()]
    n, note, single = _check(function, "projection_matrix", probes, _right_matrix, MATRIX_MISTAKES)
    if not single:
        _rank_verdict(function, "projection_matrix", (_VERY_NEAR,), _right_matrix(_VERY_NEAR))
    verdict = _dependent_verdict(function, "projection_matrix", (_DEPENDENT,),
                                 pca.projection_matrix(_DEPENDENT[:, :1]))
    return (f"right on {n} bases (MML Example 3.11, a line, a random basis, all of R^3, nearly parallel "
            f"columns; each also times 1e-6 and 1e6){note}"
            f"{'' if single else ', and it keeps both columns at an angle of 1e-6 rad'}; "
            f"on dependent columns it {verdict}")


def _check_project(function: Callable) -> str:
    probes = [((_x_for(B, k), B), f"{text}, x of size ~1e{3 * k - 3}") for text, B in _bases() for k in (0, 1, 2)
              if k == 1 or "Example" in text or "line" in text]
    n, note, single = _check(function, "project", probes, _right_project, PROJECT_MISTAKES)
    if not single:
        x = _x_for(_VERY_NEAR, 1)
        _rank_verdict(function, "project", (x, _VERY_NEAR), _right_project(x, _VERY_NEAR))
    x = np.array([1.0, 2.0, 3.0, 4.0])
    verdict = _dependent_verdict(function, "project", (x, _DEPENDENT), pca.project(x, _DEPENDENT[:, :1]))
    return (f"right on {n} probes (MML Example 3.11, a line, a random basis, all of R^3, nearly parallel "
            f"columns; B times 1e-6 and 1e6, x from 1e-3 to 1e3){note}"
            f"{'' if single else ', and it keeps both columns at an angle of 1e-6 rad'}; "
            f"on dependent columns it {verdict}")


def projection_matrix(function: Any) -> Result:
    """Check ``function(B)``, the matrix of the orthogonal projection onto the span of B's columns.

    Parameters
    ----------
    function : callable
        ``function(B)`` for a (D, M) array ``B`` with independent columns,
        returning the (D, D) matrix :math:`P = B(B^\\top B)^{-1}B^\\top`. For
        dependent columns it may raise, or return the projection onto their span.

    Returns
    -------
    Result
        Truthy if right; otherwise its message names the mistake.

    Examples
    --------
    >>> import numpy as np
    >>> bool(projection_matrix(lambda B: B @ np.linalg.inv(B.T @ B) @ B.T))
    True
    >>> print(projection_matrix(lambda B: B @ B.T).message)   # doctest: +ELLIPSIS
    P = BBᵀ misses the inverse (BᵀB)⁻¹: that is right only when the columns of B are orthonormal ...
    """
    return run("projection_matrix", function, _check_matrix)


def project(function: Any) -> Result:
    """Check ``function(x, B)``, the orthogonal projection of the vector x onto the span of B's columns.

    Parameters
    ----------
    function : callable
        ``function(x, B)`` for ``x`` of shape (D,) and a (D, M) array ``B`` with
        independent columns, returning :math:`B(B^\\top B)^{-1}B^\\top\\mathbf{x}` of
        shape (D,) (or (D, 1)). For dependent columns it may raise, or return the
        projection onto their span.

    Returns
    -------
    Result
        Truthy if right; otherwise its message names the mistake.

    Examples
    --------
    >>> import numpy as np
    >>> bool(project(lambda x, B: B @ np.linalg.solve(B.T @ B, B.T @ x)))
    True
    """
    return run("project", function, _check_project)
