"""Checkers for Chapter 13, *Statistics of datasets*: the mean, the covariance and affine maps.

The reader writes, as in the assignment "Mean/covariance of a dataset and effect
of a linear transformation" of Imperial College's *Mathematics for Machine
Learning: PCA* (week 1),

* ``mean(X)``: the mean of the examples, shape (D,);
* ``cov(X)``: their covariance matrix with the factor 1/N, shape (D, D);
* ``affine_mean(m, A, b)``: the mean ``A m + b`` of the data after ``x -> A x + b``;
* ``affine_covariance(S, A, b)``: its covariance ``A S A^T``.

``X`` has shape (N, D): rows are examples, as in this book and in the current
version of the course. The course's first version passed ``X`` as (D, N), examples
as columns, and returned the mean as a column (D, 1): a column mean is accepted
(and said so), and ``layout="columns"`` makes the checker pass ``X`` (and the
vectors of the affine functions) in that older layout.

Every checker calls the reader's function on several probes (the course's
examples, data scaled by 1e6 and 1e-6, a constant column, one example, one
feature, uint8 pixels whose sum overflows 8 bits, and values near 1e8 with a
spread of 1, where the one-pass formula E[x xᵀ] − x̄ x̄ᵀ cancels) and compares with the right
answer within a tolerance relative to the probe's scale, so that a correct float32
or loop computation passes (a float32 covariance fails only the values near 1e8,
which float32 cannot even store to the nearest unit, and is told so). When they differ it looks for a typical mistake and
names it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from ._core import Failure, Result, as_result_array, call, run

__all__ = ["mean", "cov", "affine_mean", "affine_covariance"]

_OFFSET_LABEL = "20 examples of 2 features near 1e8 with a spread of about 1"
_RTOL = 1e-4   # float32 rounding of a mean or of centred products stays far below this
_ATOL = 1e-5   # times the probe's scale (largest |x| for a mean, largest (x - mean)**2 for a covariance)
_LAYOUTS = ("rows", "columns")


# --- probes ----------------------------------------------------------------------------------


def _data_probes() -> list[tuple[str, np.ndarray]]:
    """(what it is, X of shape (N, D)): N != D everywhere, so that a transpose cannot pass."""
    rng = np.random.default_rng(13)
    base = rng.normal(3.0, 1.0, size=(30, 4)) @ np.array([[1.0, 0.5, 0, 0], [0, 1, 0.3, 0],
                                                          [0, 0, 2, 0], [0, 0, 0, 0.5]])
    constant = rng.normal(0.0, 2.0, size=(12, 3))
    constant[:, 1] = 0.1
    pixels = rng.integers(150, 256, size=(40, 5)).astype(np.uint8)   # the sum of a column exceeds 255
    pixels[:, 2] = 0
    # The chapter's warning: values near 1e8 with a spread of about 1 (timestamps in seconds), where
    # E[x xᵀ] − x̄ x̄ᵀ cancels to rounding noise and only centring first keeps the digits.
    offset = 1e8 + rng.normal(0.0, 1.0, size=(20, 2)) @ np.array([[1.0, 0.6], [0.0, 0.8]])
    return [
        ("the course's example [[0, 1, 1], [1, 2, 1]]", np.array([[0.0, 1.0, 1.0], [1.0, 2.0, 1.0]])),
        ("30 random examples of 4 features", base),
        ("the same data times 1e6", base * 1e6),
        ("the same data times 1e-6", base * 1e-6),
        ("12 examples whose second feature is the constant 0.1", constant),
        ("25 examples of a single feature (D = 1)", rng.normal(-2.0, 0.5, size=(25, 1))),
        ("uint8 pixels (40 examples of 5 pixels, values up to 255)", pixels),
        (_OFFSET_LABEL, offset),
        ("a single example (N = 1)", np.array([[1.5, -2.0, 4.0]])),
    ]


def _right_mean(X: np.ndarray) -> np.ndarray:
    return np.asarray(X, dtype=float).mean(axis=0)


def _right_cov(X: np.ndarray) -> np.ndarray:
    Y = np.asarray(X, dtype=float)
    Y = Y - Y.mean(axis=0)
    return Y.T @ Y / len(Y)


def _mean_scale(X: np.ndarray) -> float:
    return max(float(np.abs(np.asarray(X, dtype=float)).max()), np.finfo(float).tiny)


def _cov_scale(X: np.ndarray) -> float:
    Y = np.asarray(X, dtype=float)
    return max(float(np.abs(Y - Y.mean(axis=0)).max()) ** 2, _mean_scale(X) ** 2 * 1e-12)


# --- mistakes, written the way learners write them ---------------------------------------------


def _mean_wrapping_loop(X):
    total = np.zeros(X.shape[1], dtype=X.dtype)   # uint8 zeros for uint8 pixels
    for x in X:
        total += x
    return total / len(X)


_OVERFLOW = ("on uint8 pixels your sums wrapped around: a uint8 holds only 0 to 255, so 200 + 100 "
             "gives 44. MNIST images are uint8. Convert before adding or multiplying: "
             "X = np.asarray(X, dtype=float) (np.mean and np.sum of uint8 accumulate in a wider "
             "type, but +=, @ and np.outer on uint8 arrays stay uint8).")

_COLUMNS = ("That is what you get if you take X as (D, N), examples as columns, as the first version "
            "of Imperial's course did. In this book (and the course's current version) X is (N, D): "
            "each row is an example. If you want the columns convention, run the check with "
            "layout='columns'.")

_CANCELLATION = ("on data near 1e8 with a spread of about 1 (the chapter's timestamps) your covariance "
                 "lost its digits. If you use E[x xᵀ] − x̄ x̄ᵀ (X.T @ X / N − np.outer(m, m)), both terms are "
                 "about 1e16, where neighbouring doubles are 2 apart, and their difference is rounding: "
                 "centre first, Xc = X − mean, then Xc.T @ Xc / N. If you compute in float32 (about 7 "
                 "significant digits), 1e8 + 0.5 cannot even be stored: use float64.")

#: (what a wrong mean computes, what to tell its author)
MEAN_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda X: X.mean(axis=1),
     "Your function averages each example over its features (axis=1), giving N numbers, one per "
     "example; the mean example averages each feature over the examples (axis=0), D numbers. "
     + _COLUMNS),
    (lambda X: X.sum(axis=0),
     "It returns the sum of the examples: divide by N, the number of examples (rows)."),
    (lambda X: X.sum(axis=0) / (len(X) - 1),
     "It divides the sum by N − 1: the mean divides by N. (N − 1 belongs to the unbiased "
     "estimate of a variance, because the deviations are measured from the sample's own mean; "
     "a mean has no such correction.)"),
    (lambda X: X.sum(axis=0) / X.shape[1],
     "It divides the sum of the examples by D, the number of features: divide by N, the number "
     "of examples (rows)."),
    (lambda X: np.asarray(X).sum(axis=0) // len(X),
     "It rounds the mean down: // is integer (floor) division. Use / ."),
    (_mean_wrapping_loop, "It is right on floats, but " + _OVERFLOW),
    (lambda X: np.full(X.shape[1], X.mean()),
     "It gives every feature the mean of all N·D entries of X: average each column separately "
     "(axis=0)."),
)


def _outer_sum_uint8(X):
    m = X.mean(axis=0)
    return X.T @ X / len(X) - np.outer(m, m)     # uint8 @ uint8 stays uint8


def _centred(X):
    Y = np.asarray(X, dtype=float)
    return Y - Y.mean(axis=0)


#: (what a wrong covariance computes, what to tell its author)
COV_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda X: _centred(X).T @ _centred(X) / (len(X) - 1),
     "It divides by N − 1 (np.cov's default, ddof=1, the unbiased estimate of a population's "
     "covariance from a sample); this checker asks for the covariance of the data set itself, "
     "which divides by N: np.cov(X.T, bias=True), or Xc.T @ Xc / N with Xc = X − mean. "
     "(With a single example N − 1 = 0, and your answer is not even finite.)"),
    (lambda X: np.asarray(X, dtype=float).T @ np.asarray(X, dtype=float) / len(X),
     "It forgets to centre: X.T @ X / N is the average of x xᵀ, not of (x − x̄)(x − x̄)ᵀ. "
     "Subtract the mean from every row first (the two differ by x̄ x̄ᵀ)."),
    (lambda X: _centred(X) @ _centred(X).T / len(X),
     "It returns an N×N matrix: (X − x̄)(X − x̄)ᵀ compares examples with examples. With examples "
     "as rows the D×D covariance is (X − x̄)ᵀ(X − x̄)/N: transpose on the left."),
    (lambda X: np.cov(X, bias=True),
     "It returns an N×N matrix: np.cov treats every ROW as a variable, so np.cov(X) with examples "
     "as rows computes the covariance between examples. Pass np.cov(X.T, bias=True). " + _COLUMNS),
    (lambda X: np.cov(X),
     "It returns an N×N matrix: np.cov treats every ROW as a variable, and divides by N − 1 "
     "unless bias=True. Use np.cov(X.T, bias=True)."),
    (lambda X: _centred(X).T @ _centred(X) / X.shape[1],
     "It divides by D, the number of features: divide by N, the number of examples (rows)."),
    (lambda X: _centred(X).T @ _centred(X),
     "It returns Σ (x − x̄)(x − x̄)ᵀ, the scatter matrix: divide by N to get the covariance."),
    (lambda X: np.var(np.asarray(X, dtype=float), axis=0),
     "It returns only the D variances; the covariance matrix is D×D: its diagonal holds the "
     "variances and entry (i, j) the covariance of features i and j."),
    (lambda X: np.corrcoef(np.asarray(X, dtype=float).T),
     "It returns the correlation matrix (ones on the diagonal): that is the covariance divided by "
     "the standard deviations σᵢσⱼ. The checker asks for the covariance itself."),
    (lambda X: (lambda Y: Y.T @ Y / len(Y))(np.asarray(X, dtype=float) - np.asarray(X, dtype=float).mean()),
     "It centres with the mean of all entries of X (one number); centre each feature with its own "
     "mean, X − X.mean(axis=0)."),
    (lambda X: (lambda Y: Y.T @ Y / len(Y))(np.asarray(X, dtype=float)
                                          - np.asarray(X, dtype=float).mean(axis=1, keepdims=True)),
     "It centres each example with the mean of its own features (axis=1); centre each feature "
     "with its mean over the examples, X − X.mean(axis=0)."),
    (_outer_sum_uint8,
     "The formula E[x xᵀ] − x̄ x̄ᵀ is right in exact arithmetic, but " + _OVERFLOW
     + " (The formula also loses every digit when the mean is large compared with the spread, as on "
       "data near 1e8 with a spread of 1; centre first.)"),
)


# --- comparing and diagnosing ----------------------------------------------------------------


def _close(got: np.ndarray, want: np.ndarray, scale: float) -> bool:
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    return got.shape == want.shape and bool(np.allclose(got, want, rtol=_RTOL, atol=_ATOL * scale,
                                                        equal_nan=True))


def _attempt(function: Callable, *args: Any) -> np.ndarray | None:
    """What a (mistaken) formula gives, or None if it raises; without NumPy's warnings."""
    try:
        with np.errstate(all="ignore"):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return np.asarray(function(*args), dtype=float)
    except Exception:  # a mistaken formula may fail on some probe; then it did not produce the answer
        return None


def _diagnose_in(layout: str, *args: Any) -> None:
    """:func:`_diagnose`, saying for the columns layout that the messages speak of (N, D) arrays."""
    try:
        _diagnose(*args)
    except Failure as failure:
        if layout == "columns":
            raise Failure(f"{failure} (The messages describe X as (N, D), rows as examples; with "
                          "layout='columns' your function received X.T, so swap rows and columns, "
                          "axis=0 and axis=1, when you read them.)") from None
        raise


def _diagnose(outputs: list, mistakes, right, scale, shown: Callable[[tuple], str], name: str) -> None:
    """Raise a Failure naming the first mistake that explains every answer, else showing a probe.

    ``outputs`` holds ``(label, args, got)``, ``got`` being the reader's array or the Failure
    their function raised. A mistake explains an answer if it gives the same numbers, or fails
    (raises, or gives a non-finite result) where the reader's function raised.
    """
    answered = [o for o in outputs if not isinstance(o[2], Failure)]
    if answered:
        for wrong, message in mistakes:
            if all(_explains(_attempt(wrong, *args), got, scale(*args)) for _, args, got in outputs):
                raise Failure(message)
        wrong_on = {label for label, args, got in answered if not _close(got, right(*args), scale(*args))}
        uint8 = {label for label, args, _ in outputs if np.asarray(args[0]).dtype == np.uint8}
        if len(answered) == len(outputs) and wrong_on and wrong_on <= uint8 | {_OFFSET_LABEL}:
            # Right on every ordinary probe: name the trap(s) the chapter warns about.
            parts = ["It is right on ordinary float data, but"]
            if wrong_on & uint8:
                parts.append(_OVERFLOW)
            if _OFFSET_LABEL in wrong_on:
                parts.append(("Also, " if wrong_on & uint8 else "") + _CANCELLATION)
            raise Failure(" ".join(parts))
    for label, args, got in outputs:
        if isinstance(got, Failure):
            raise Failure(f"on {label}: {got}")
        want = right(*args)
        if not _close(got, want, scale(*args)):
            if got.shape != want.shape:
                raise Failure(f"{name} on {label} ({shown(args)}) should return shape {want.shape}, "
                              f"but it returned shape {got.shape}")
            raise Failure(f"{name} on {label} ({shown(args)}) should give "
                          f"{np.array2string(want, precision=5, threshold=8)}, but it gave "
                          f"{np.array2string(got, precision=5, threshold=8)}")
    raise AssertionError("unreachable")  # pragma: no cover


def _explains(wrong: np.ndarray | None, got, scale: float) -> bool:
    if isinstance(got, Failure):
        return wrong is None or not np.all(np.isfinite(wrong))
    if wrong is not None and wrong.ndim == 1 and got.ndim == 2 and 1 in got.shape:
        got = got.ravel()   # a column (k, 1) of the numbers a mistake gives as a vector
    if wrong is not None and wrong.size == 1 and got.size == 1:
        got, wrong = got.reshape(1), wrong.reshape(1)   # NumPy gives one variable a 0-d answer
    return wrong is not None and _close(got, wrong, scale)


def _call_kept(function: Callable, name: str, *args: Any) -> Any:
    """Call the reader's function on copies, and fail if it changed them in place."""
    copies = [np.array(a, copy=True) for a in args]
    # The probes include N = 1 and a constant feature, where a mistaken 1/(N - 1) or a
    # correlation divides by zero: the checker's message says so, NumPy's warnings need not.
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value = call(function, name, *copies)
    for i, (a, c) in enumerate(zip(args, copies)):
        if a.shape != c.shape or not np.array_equal(a, c, equal_nan=True):
            raise Failure(f"{name} changed its argument number {i + 1} in place (for example "
                          "X -= mu or X[:] = ...): the caller's data must come back unchanged; "
                          "compute on a copy, e.g. Xc = X - mu.")
    return value


def _layout(layout: Any) -> str:
    if layout not in _LAYOUTS:
        raise ValueError(f"layout must be 'rows' (X of shape (N, D), examples as rows) or 'columns' "
                         f"(X of shape (D, N), as in the first version of Imperial's course), got {layout!r}")
    return layout


def _as_vector(got: np.ndarray, size: int, notes: set, what: str) -> np.ndarray:
    """A column (size, 1) or a row (1, size) is read as the vector it holds, noting it."""
    if got.ndim == 2 and got.shape in ((size, 1), (1, size)) and size > 1:
        kind = "column (D, 1)" if got.shape[1] == 1 else "row (1, D)"
        notes.add(f"your {what} comes back as a {kind}; accepted as the vector it holds, but this "
                  "book uses 1-D vectors of shape (D,), which broadcast against the rows of an (N, D) X "
                  "(a column would not)")
        return got.ravel()
    if got.ndim == 2 and got.shape == (1, 1) and size == 1:
        return got.ravel()
    return got


def _stats_outputs(function: Callable, name: str, layout: str, shape_of) -> tuple[list, set]:
    notes: set = set()
    outputs = []
    for label, X in _data_probes():
        given = X.T if layout == "columns" else X
        try:
            got = _call_kept(function, name, np.ascontiguousarray(given))
            # With layout="columns" a column (D, 1) is what the reader was asked for: no note.
            got = shape_of(as_result_array(got, name), X, notes if layout == "rows" else set())
        except Failure as failure:
            if "returned None" in str(failure) or "in place" in str(failure) or "should return" in str(failure):
                raise
            got = failure
        outputs.append((label, (X,), got))
    return outputs, notes


def _show_X(args: tuple) -> str:
    X = args[0]
    return f"X of shape {X.shape}"


def _verdict(layout: str, outputs: list, notes: set, right, scale, mistakes, shown, name: str,
             praise: str) -> str:
    """``praise`` (with any notes) if every answer is right, else a Failure naming what is wrong."""
    if all(not isinstance(got, Failure) and _close(got, right(*args), scale(*args)) for _, args, got in outputs):
        return praise + ("; note: " + "; ".join(sorted(notes)) if notes else "")
    _diagnose_in(layout, outputs, mistakes, right, scale, shown, name)
    raise AssertionError("unreachable")  # pragma: no cover


# --- mean ------------------------------------------------------------------------------------


def _check_mean(function: Callable, layout: str) -> str:
    def shape_of(got, X, notes):
        if X.shape[1] == 1 and got.ndim == 0:   # one feature: a 0-d mean holds the one number
            return got.reshape(1)
        return _as_vector(got, X.shape[1], notes, "mean")

    outputs, notes = _stats_outputs(function, "mean", layout, shape_of)
    return _verdict(layout, outputs, notes, _right_mean, _mean_scale, MEAN_MISTAKES, _show_X, "mean",
                    "right on 9 data sets (the course's example, data scaled by 1e6 and 1e-6, a "
                    "constant feature, one feature, uint8 pixels, values near 1e8, one example): the mean is "
                    "(1/N) Σₙ xₙ, one number per feature")


def mean(function: Any, layout: str = "rows") -> Result:
    """Check ``function(X)``, the mean of the examples of a data set.

    Parameters
    ----------
    function : callable
        ``function(X)`` with ``X`` of shape (N, D), returning the mean example,
        shape (D,) (a column (D, 1) is accepted, with a note).
    layout : {"rows", "columns"}
        "columns" passes ``X`` transposed, (D, N), examples as columns, as in the
        first version of Imperial's course.

    Returns
    -------
    Result
        Truthy if right; otherwise its message names the mistake.

    Examples
    --------
    >>> bool(mean(lambda X: X.mean(axis=0)))
    True
    >>> bool(mean(lambda X: X.mean(axis=1, keepdims=True), layout="columns"))
    True
    """
    layout = _layout(layout)
    return run("mean", function, lambda f: _check_mean(f, layout))


# --- cov -------------------------------------------------------------------------------------


def _check_cov(function: Callable, layout: str) -> str:
    def shape_of(got, X, notes):
        if X.shape[1] == 1 and got.size == 1:   # np.cov of one variable returns a 0-d array
            return got.reshape(1, 1)
        return got

    outputs, notes = _stats_outputs(function, "cov", layout, shape_of)
    return _verdict(layout, outputs, notes, _right_cov, _cov_scale, COV_MISTAKES, _show_X, "cov",
                    "right on 9 data sets (the course's example, data scaled by 1e6 and 1e-6, a "
                    "constant feature, one feature, uint8 pixels, values near 1e8, one example): "
                    "S = (1/N) Σₙ (xₙ − x̄)(xₙ − x̄)ᵀ")


def cov(function: Any, layout: str = "rows") -> Result:
    """Check ``function(X)``, the covariance matrix (factor 1/N) of the examples of a data set.

    Parameters
    ----------
    function : callable
        ``function(X)`` with ``X`` of shape (N, D), returning the D×D matrix
        ``(1/N) Σ (x_n − x̄)(x_n − x̄)^T``, as ``np.cov(X.T, bias=True)``.
    layout : {"rows", "columns"}
        As in :func:`mean`.

    Returns
    -------
    Result
        Truthy if right; otherwise its message names the mistake.

    Examples
    --------
    >>> import numpy as np
    >>> bool(cov(lambda X: np.cov(X.T, bias=True)))
    True
    >>> "N − 1" in cov(lambda X: np.cov(X.T)).message
    True
    """
    layout = _layout(layout)
    return run("cov", function, lambda f: _check_cov(f, layout))


# --- affine maps -----------------------------------------------------------------------------


def _affine_probes() -> list[tuple[str, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """(label, m, S, A, b): square and non-square A, scaled by 1e6 and 1e-6."""
    rng = np.random.default_rng(31)
    L = rng.normal(size=(3, 3))
    S3 = L @ L.T
    S2 = np.array([[2.0, 0.6], [0.6, 1.0]])
    A2 = np.array([[1.0, 2.0], [-0.5, 3.0]])
    A32 = np.array([[1.0, 0.0], [2.0, -1.0], [0.5, 4.0]])
    A13 = np.array([[1.0, -2.0, 0.5]])
    out = [("the course's example m = [2, 2], A = [[0, 1], [2, 3]], b = [1, 1]",
            np.array([2.0, 2.0]), S2, np.array([[0.0, 1.0], [2.0, 3.0]]), np.array([1.0, 1.0])),
           ("a 2×2 A that is not symmetric", np.array([1.0, -3.0]), S2, A2, np.array([0.5, 2.0])),
           ("a 3×2 A (from 2-D to 3-D)", np.array([1.0, -3.0]), S2, A32, np.array([1.0, -1.0, 2.0])),
           ("a 1×3 A (from 3-D to a line)", np.array([0.5, 1.0, -1.0]), S3, A13, np.array([4.0]))]
    for c in (1e6, 1e-6):
        out.append((f"the 3×2 case with data scaled by {c:g}", np.array([1.0, -3.0]) * c, S2 * c**2, A32,
                    np.array([1.0, -1.0, 2.0]) * c))
    return out


def _right_affine_mean(m, A, b):
    return A @ m + b


def _right_affine_cov(S, A, b):
    return A @ S @ A.T


def _affine_mean_scale(m, A, b):
    return max(float(np.abs(np.abs(A) @ np.abs(m) + np.abs(b)).max()), np.finfo(float).tiny)


def _affine_cov_scale(S, A, b):
    return max(float((np.abs(A) @ np.abs(S) @ np.abs(A).T).max()), np.finfo(float).tiny)


AFFINE_MEAN_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda m, A, b: A @ m,
     "It forgets the shift: x ↦ Ax + b moves every point, and so the mean, by b: Am + b."),
    (lambda m, A, b: m @ A + b,
     "It multiplies by Aᵀ: m @ A is Aᵀm. The mean maps like each point, Am + b (A @ m + b)."),
    (lambda m, A, b: A @ m - b,
     "It subtracts b: the map is x ↦ Ax + b, so the new mean is Am + b."),
    (lambda m, A, b: A @ (m + b),
     "It computes A(m + b): the map shifts after multiplying, Am + b."),
    (lambda m, A, b: A @ m * b,
     "It multiplies by b: b is added, Am + b."),
)

AFFINE_COV_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda S, A, b: A @ S,
     "It computes A S: each deviation x − x̄ becomes A(x − x̄), and the average of "
     "A(x − x̄)(x − x̄)ᵀAᵀ is A S Aᵀ: A appears on both sides."),
    (lambda S, A, b: A.T @ S @ A,
     "It computes Aᵀ S A: with y = Ax + b the new covariance is A S Aᵀ (A on the left, Aᵀ on the "
     "right); Aᵀ S A is what you would use for the map x ↦ Aᵀx."),
    (lambda S, A, b: A @ S @ A,
     "It computes A S A: the transpose is missing on the right, A S Aᵀ (for a symmetric A the two "
     "agree, which is why a test with a symmetric A does not catch it)."),
    (lambda S, A, b: A @ S @ A.T + b,
     "It adds b to the covariance: the shift moves every point by the same b, so the deviations "
     "from the mean, and hence the covariance, do not change. The answer is A S Aᵀ, with no b."),
    (lambda S, A, b: A @ S @ A.T + b[:, None],
     "It adds b to the covariance: the shift moves every point by the same b, so the deviations "
     "from the mean, and hence the covariance, do not change. The answer is A S Aᵀ, with no b."),
    (lambda S, A, b: A @ S @ A.T + np.outer(b, b),
     "It adds b bᵀ: the shift b does not change the covariance (it cancels in (y − ȳ)), so the "
     "answer is A S Aᵀ."),
    (lambda S, A, b: S,
     "It returns S unchanged: a linear map stretches and turns the data, so the covariance "
     "becomes A S Aᵀ; only the shift b leaves it alone."),
    (lambda S, A, b: A @ A.T,
     "It returns A Aᵀ, the covariance of the map applied to data with covariance I: use the data's "
     "S, A S Aᵀ."),
)


def _affine_outputs(function: Callable, name: str, layout: str, first: str) -> tuple[list, set]:
    notes: set = set()
    outputs = []
    for label, m, S, A, b in _affine_probes():
        x = m if first == "m" else S
        args = (x, A, b)
        given = list(args)
        if layout == "columns":
            given = [x[:, None] if first == "m" else x, A, b[:, None]]
        try:
            got = as_result_array(_call_kept(function, name, *given), name)
            if first == "m":
                got = _as_vector(got, A.shape[0], notes if layout == "rows" else set(), "mean")
            elif A.shape[0] == 1 and got.size == 1:
                got = got.reshape(1, 1)
        except Failure as failure:
            if "returned None" in str(failure) or "in place" in str(failure):
                raise
            got = failure
        outputs.append((label, args, got))
    return outputs, notes


def _show_affine(args: tuple) -> str:
    x, A, b = args
    return f"A of shape {A.shape}"


def _check_affine_mean(function: Callable, layout: str) -> str:
    outputs, notes = _affine_outputs(function, "affine_mean", layout, "m")
    # "rows": the messages speak of m, A and b, so the note on X's layout does not apply
    return _verdict("rows", outputs, notes, _right_affine_mean, _affine_mean_scale, AFFINE_MEAN_MISTAKES,
                    _show_affine, "affine_mean",
                    "right on 6 maps (the course's example, a non-symmetric A, non-square A, "
                    "scaled by 1e6 and 1e-6): the mean moves to A m + b")


def affine_mean(function: Any, layout: str = "rows") -> Result:
    """Check ``function(m, A, b)``, the mean of the data after the map ``x -> A x + b``.

    Parameters
    ----------
    function : callable
        ``function(m, A, b)`` with ``m`` of shape (D,), ``A`` (K, D), ``b`` (K,),
        returning the new mean, shape (K,) (a column (K, 1) is accepted, with a note).
    layout : {"rows", "columns"}
        "columns" passes ``m`` and ``b`` as columns (D, 1) and (K, 1), as in the
        first version of Imperial's course.

    Returns
    -------
    Result
        Truthy if right; otherwise its message names the mistake.

    Examples
    --------
    >>> bool(affine_mean(lambda m, A, b: A @ m + b))
    True
    """
    layout = _layout(layout)
    return run("affine_mean", function, lambda f: _check_affine_mean(f, layout))


def _check_affine_cov(function: Callable, layout: str) -> str:
    outputs, notes = _affine_outputs(function, "affine_covariance", layout, "S")
    # "rows": the messages speak of m, A and b, so the note on X's layout does not apply
    return _verdict("rows", outputs, notes, _right_affine_cov, _affine_cov_scale, AFFINE_COV_MISTAKES,
                    _show_affine, "affine_covariance",
                    "right on 6 maps (the course's example, a non-symmetric A, non-square A, "
                    "scaled by 1e6 and 1e-6): the covariance becomes A S Aᵀ, whatever b is")


def affine_covariance(function: Any, layout: str = "rows") -> Result:
    """Check ``function(S, A, b)``, the covariance of the data after the map ``x -> A x + b``.

    Parameters
    ----------
    function : callable
        ``function(S, A, b)`` with ``S`` of shape (D, D), ``A`` (K, D), ``b`` (K,),
        returning the K×K covariance ``A S A^T``.
    layout : {"rows", "columns"}
        "columns" passes ``b`` as a column (K, 1), as in the first version of
        Imperial's course.

    Returns
    -------
    Result
        Truthy if right; otherwise its message names the mistake.

    Examples
    --------
    >>> bool(affine_covariance(lambda S, A, b: A @ S @ A.T))
    True
    """
    layout = _layout(layout)
    return run("affine_covariance", function, lambda f: _check_affine_cov(f, layout))
