"""Checkers for Chapter 4, *Matrices as linear transformations*: a drawing and a neuron.

The reader writes

* ``transform_strokes(A, strokes)``: apply the 2 x 2 matrix ``A`` to every stroke of
  a drawing (a list of ``(2, k)`` arrays whose columns are points) and return a new
  list of strokes, leaving the old drawing as it was;
* ``neuron_forward(W, b, X)``: the predictions ``W @ X + b`` of a one-neuron linear
  model, with ``W`` of shape ``(1, n)``, ``b`` a number and ``X`` of shape ``(n, m)``
  (one example per column); the result has shape ``(1, m)``;
* ``neuron_cost(Y_hat, Y)``: the cost ``(1/(2m)) * sum((Y_hat - Y)**2)`` of predictions
  ``Y_hat`` against targets ``Y``, both of shape ``(1, m)``; one number.

Each checker calls the reader's function on fixed probes and compares the result with
the right answer. When they differ it compares with the answers of typical mistakes
(``A.T`` instead of ``A``, points as rows, a forgotten bias, a missing 1/2, ...) and
names the mistake it finds; otherwise it shows one probe with the expected and the
returned value.

"The same" means within 1e-5 of the size of the right answer (relative, so float32 work
passes and the probes at scales 1e-6 and 1e6 are judged as strictly as those at 1); the
stroke probes include the chapter's singular frame, the matrix with columns (1, 0), (0.5, 0).
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import numpy as np

from ._core import Failure, Result, as_result_array, call, close, run

__all__ = ["transform_strokes", "neuron_forward", "neuron_cost"]

# "The same numbers" means: every entry within _RTOL of the size of the largest wanted entry.
# Relative to the answer's scale, so a probe at 1e-6 or 1e6 is judged as strictly as one at 1
# (an absolute floor such as 1e-12 would pass anything on a probe of size 1e-6). 1e-5 leaves room
# for a reader who computes in float32 (about 6e-8 per rounding) and is far below every mistake
# the checkers name (those differ by 1% or more).
_RTOL = 1e-5


def _scale(wanted: Any) -> float:
    wanted = np.asarray(wanted, dtype=float)
    biggest = float(np.abs(wanted).max()) if wanted.size else 0.0
    return biggest if biggest > 0 else 1.0


def _close(got: Any, wanted: Any) -> bool:
    """Same shape and the same numbers, at the scale of ``wanted``."""
    return close(got, wanted, rtol=0.0, atol=_RTOL * _scale(wanted))


def _values_close(got: Any, wanted: Any) -> bool:
    """Same numbers, whatever the shape (a size-1 array counts as its number)."""
    got, wanted = np.asarray(got, dtype=float), np.asarray(wanted, dtype=float)
    return got.size == wanted.size and _close(got.ravel(), wanted.ravel())


def _entries_off(got: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Which entries differ, by the same rule as ``_close``."""
    return np.abs(got - wanted) > _RTOL * _scale(wanted)


def _broadcast_error(failure: Failure) -> bool:
    return "could not be broadcast" in str(failure)


_INTEGER_RESULT = (
    "{what} returned whole numbers (an array of integers), so the fractions were cut off. "
    "Usually the result array was made from an integer one (np.zeros_like of an integer array, "
    "np.zeros(..., dtype=int)) or converted with .astype(int): build it as floats, or return "
    "the product directly.")


def _is_integer_array(value: Any) -> bool:
    return isinstance(value, np.ndarray) and value.dtype.kind in "iub"


def _matmul_error(failure: Failure) -> bool:
    return "matmul: Input operand" in str(failure) or "shapes not aligned" in str(failure)


# --- transform_strokes -------------------------------------------------------------

# Matrices that are not symmetric (so A and A.T differ) and drawings whose strokes
# have 3, 2, 4 and 5 points (a stroke with 2 points is square, so points as rows
# cannot always raise; the others catch it).
_STROKE_PROBES: tuple[tuple[np.ndarray, tuple[np.ndarray, ...]], ...] = (
    (np.array([[1.0, 2.0], [-0.5, 1.5]]),
     (np.array([[0.2, 0.2, 0.8], [0.0, 1.0, 1.0]]), np.array([[0.2, 0.6], [0.55, 0.55]]))),
    (np.array([[0.0, -1.0], [2.0, 0.5]]),
     (np.array([[1.0, -2.0, 0.5, 3.0], [0.0, 1.0, -1.0, 2.0]]),
      np.array([[0.3, -0.7, 1.1, 2.0, -1.5], [0.9, 0.4, -0.2, -1.0, 0.6]]))),
    # The chapter's singular frame (s = 0, k = 0.5), on a drawing of size 1e-6: a function that
    # rounds, or compares with a fixed tolerance, fails here.
    (np.array([[1.0, 0.5], [0.0, 0.0]]),
     (1e-6 * np.array([[0.25, -1.5, 0.75], [1.0, 0.5, -2.0]]),)),
    # A matrix of size 1e6 that is not symmetric.
    (1e6 * np.array([[0.3, -1.2], [0.8, 0.1]]),
     (np.array([[0.5, 1.5, -1.0, 2.5], [-0.5, 0.25, 1.0, 2.0]]),)),
)


def _show(v: np.ndarray) -> str:
    """A short vector for a message, with 6 significant digits whatever its scale."""
    return "[" + ", ".join(f"{float(x):.6g}" for x in v) + "]"


def _show_strokes(strokes: tuple[np.ndarray, ...]) -> str:
    return "[" + ", ".join(f"<stroke of shape {s.shape}>" for s in strokes) + "]"


def _call_strokes(function: Callable, A: np.ndarray, strokes: list[np.ndarray]) -> Any:
    """Call the reader's function, naming the arguments in a message by shapes."""
    try:
        return function(A, strokes)
    except Exception as exc:  # the reader's code may raise anything
        raise Failure(f"transform_strokes(A, {_show_strokes(tuple(strokes))}) with "
                      f"A = {A.tolist()} raised {type(exc).__name__}: {exc}") from exc


def _strokes_output(function: Callable, A: np.ndarray, strokes: tuple[np.ndarray, ...]) -> list[np.ndarray]:
    given = [s.copy() for s in strokes]
    A_given = A.copy()
    try:
        value = _call_strokes(function, A_given, given)
    except Failure as failure:
        # Does it work when every stroke holds its points as rows, shape (k, 2)?
        try:
            as_rows = function(A.copy(), [s.T.copy() for s in strokes])
            if (isinstance(as_rows, (list, tuple)) and len(as_rows) == len(strokes)
                    and all(_close(got, (A @ s).T) for got, s in zip(as_rows, strokes))):
                raise Failure(
                    "Your function treats the points of a stroke as rows, shape (k, 2), but "
                    "here each stroke is a (2, k) array whose COLUMNS are the points (x "
                    "coordinates in row 0, y coordinates in row 1). Then A @ stroke moves "
                    "every point at once: return [A @ stroke for stroke in strokes].") from None
        except Failure:
            raise
        except Exception:  # it fails that way too: report the original call
            pass
        if _broadcast_error(failure):
            raise Failure(f"{failure}. The * operator multiplies entry by entry; the matrix "
                          "times a vector (or times a stroke of column vectors) is written "
                          "A @ stroke.") from None
        if _matmul_error(failure):
            raise Failure(f"{failure}. In a product the inner sizes must agree: A is (2, 2) and a "
                          "stroke (2, k), so A @ stroke is (2, k), while stroke @ A or A @ stroke.T "
                          "do not fit. Use A @ stroke, with A on the left.") from None
        raise
    if not np.array_equal(A_given, A):
        raise Failure("transform_strokes changed the matrix A it was given: leave A as it is.")
    if not all(s.shape == g.shape and np.array_equal(s, g) for s, g in zip(strokes, given)):
        raise Failure(
            "transform_strokes changed the strokes it was given, in place (with stroke[:] = "
            "..., stroke *= ..., strokes[i] = ... or similar), so the original drawing is lost. Build new arrays "
            "instead: return [A @ stroke for stroke in strokes].")
    if value is None:
        raise Failure("transform_strokes returned None: is the return statement missing?")
    if isinstance(value, np.ndarray):
        joined = A @ np.hstack(strokes)
        if _close(value, joined) or _close(value, joined.T):
            raise Failure(
                f"transform_strokes returned one array of shape {value.shape}: all the strokes "
                "joined together, so the drawing can no longer be told apart into strokes "
                "(np.hstack or np.concatenate). Return a list with one transformed array per "
                "stroke: [A @ stroke for stroke in strokes].")
        if any(_close(value, A @ s) for s in strokes):
            raise Failure(
                "transform_strokes returned a single array, the image of just one stroke. "
                "Probably the return sits inside the for loop, or each pass overwrites the "
                "same variable. Collect every stroke: [A @ stroke for stroke in strokes].")
        raise Failure(f"transform_strokes should return a list of strokes, one (2, k) array "
                      f"each, but it returned one array of shape {value.shape}.")
    if isinstance(value, (types.GeneratorType, map, filter, zip)):
        raise Failure(f"transform_strokes returned a {type(value).__name__}, which can be read "
                      "only once: wrap it in list(...), or use a list comprehension in square "
                      "brackets, [A @ stroke for stroke in strokes].")
    if not isinstance(value, (list, tuple)):
        raise Failure(f"transform_strokes should return a list of (2, k) arrays, but it "
                      f"returned {type(value).__name__}.")
    if len(value) != len(strokes):
        raise Failure(f"transform_strokes was given {len(strokes)} strokes but returned "
                      f"{len(value)}: return one transformed stroke for each stroke.")
    arrays = [as_result_array(v, "transform_strokes", "a list of arrays of numbers") for v in value]
    for v, got, stroke in zip(value, arrays, strokes):
        if _is_integer_array(v) and not _close(got, A @ stroke):
            raise Failure(_INTEGER_RESULT.format(what="transform_strokes"))
    return arrays


def _check_strokes(function: Callable) -> str:
    outputs = [_strokes_output(function, A, strokes) for A, strokes in _STROKE_PROBES]

    def matches(make: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> bool:
        return all(_close(got, make(A, s)) for out, (A, strokes) in zip(outputs, _STROKE_PROBES)
                   for got, s in zip(out, strokes))

    if matches(lambda A, s: A @ s):
        count = sum(len(strokes) for _, strokes in _STROKE_PROBES)
        return (f"correct on {count} strokes under {len(_STROKE_PROBES)} matrices: a new list of "
                "(2, k) arrays, and the original drawing left as it was.")
    if matches(lambda A, s: A.T @ s) or matches(lambda A, s: s.T @ A):
        raise Failure(
            "It applies the transpose A.T instead of A: rows and columns are swapped. This is "
            "what stroke.T @ A does (the points as rows, multiplied by A from the right): it "
            "equals (A.T @ stroke).T. The columns of A are where e1 and e2 go, so a point x "
            "moves to A @ x: use A @ stroke.")
    if matches(lambda A, s: (A @ s).T):
        raise Failure(
            "The numbers are right, but each stroke comes back with its points as rows, shape "
            "(k, 2). Keep the book's layout, points as columns (2, k): A @ stroke is already "
            "that shape, so drop the final .T.")
    if matches(lambda A, s: s):
        raise Failure("It returns the strokes unchanged: apply A to each of them, A @ stroke.")
    for out, (A, strokes) in zip(outputs, _STROKE_PROBES):
        for k, (got, s) in enumerate(zip(out, strokes)):
            want = A @ s
            if got.shape != want.shape:
                raise Failure(f"With A = {A.tolist()}, stroke {k} has shape {s.shape} and its image "
                              f"A @ stroke should have the same shape, but your function returned "
                              f"shape {got.shape}.")
            if not _close(got, want):
                j = int(np.argmax(_entries_off(got, want).any(axis=0)))
                raise Failure(f"With A = {A.tolist()}, the point {s[:, j].tolist()} (column {j} of "
                              f"stroke {k}) should move to {_show(want[:, j])}, but your function "
                              f"gave {_show(got[:, j])}.")
    raise AssertionError("unreachable: some probe differs")  # pragma: no cover


def transform_strokes(function: Any) -> Result:
    """Check a reader's ``transform_strokes(A, strokes)``: ``[A @ s for s in strokes]``.

    Parameters
    ----------
    function : callable
        ``function(A, strokes)`` with ``A`` a 2 x 2 array and ``strokes`` a list of
        ``(2, k)`` arrays (points as columns); it should return a new list of the
        transformed strokes and leave its arguments unchanged.

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the
        mistake (or shows one point with where it should go and where it went).

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> bool(transform_strokes(lambda A, strokes: [A @ s for s in strokes]))
    True
    """
    return run("transform_strokes", function, _check_strokes)


# --- neuron_forward ----------------------------------------------------------------

# (W, b, X): n features by m examples, with n != m so transposes cannot hide; b non-zero.
_FORWARD_PROBES: tuple[tuple[np.ndarray, float, np.ndarray], ...] = (
    (np.array([[2.5]]), 1.5, np.array([[0.5, 1.0, 1.5, 2.0, 3.0]])),
    (np.array([[0.5, -1.0]]), -2.0, np.array([[1.0, 2.0, -1.0, 0.5, 4.0, 3.0],
                                               [0.0, 1.5, 2.0, -1.0, 1.0, -2.5]])),
    (np.array([[1.0, 2.0, -0.5]]), 0.75, np.array([[1.0, 0.0, 2.0, -1.0],
                                                   [3.0, 1.0, 0.5, 2.0],
                                                   [-2.0, 4.0, 1.0, 0.0]])),
    # Predictions of size 1e-6 and 1e6: rounding, or an absolute tolerance, fails one of them.
    (np.array([[2e-6, -1e-6]]), 3e-6, np.array([[0.5, 1.25, -2.0], [1.5, -0.5, 0.75]])),
    (np.array([[1.5e6]]), -2.5e6, np.array([[0.2, -1.0, 3.0]])),
)


def _right_forward(W, b, X):
    return W @ X + b


#: (what a wrong function computes, what to tell its author)
FORWARD_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda W, b, X: W @ X,
     "The bias b is missing: the prediction is W @ X + b. Without b every prediction for "
     "x = 0 is 0, so the model's line has to pass through the origin."),
    (lambda W, b, X: W @ (X + b),
     "b is added to every feature before the weights act, so it is multiplied by the sum of "
     "the weights. Add b once to each prediction, after the product: W @ X + b."),
    (lambda W, b, X: (W + b) @ X,
     "b is added to the weights instead of the output, so it gets multiplied by the features. "
     "Add it after the product: W @ X + b."),
    (lambda W, b, X: W @ X - b,
     "b is subtracted: the prediction is W @ X + b."),
    (lambda W, b, X: b * (W @ X),
     "b multiplies the product instead of being added to it: the prediction is W @ X + b."),
)


def _forward_output(function: Callable, W: np.ndarray, b: float, X: np.ndarray) -> np.ndarray:
    n, m = X.shape
    given_W, given_X = W.copy(), X.copy()
    try:
        value = call(function, "neuron_forward", given_W, b, given_X)
    except Failure as failure:
        try:  # does it work with the examples as rows, X of shape (m, n)?
            as_rows = function(W.copy(), b, X.T.copy())
            got = np.asarray(as_rows, dtype=float)
            right = _right_forward(W, b, X)
            if _values_close(got, right):
                raise Failure(
                    f"Your function expects X with one example per ROW, shape (m, n), but here X "
                    f"has one example per COLUMN: shape (n, m) = {X.shape} for n = {n} features and "
                    f"m = {m} examples. Each column is an input vector x, and W @ X applies W to all "
                    "of them at once: return W @ X + b, with no transposes.") from None
        except Failure:
            raise
        except Exception:  # it fails that way too: report the original call
            pass
        try:  # does it expect b as a (1, 1) array, as DeepLearning.AI's parameters["b"]?
            with_array_b = function(W.copy(), np.array([[b]]), X.copy())
            if _close(np.asarray(with_array_b, dtype=float), _right_forward(W, b, X)):
                raise Failure(
                    "Your function works when b is a (1, 1) array (as parameters[\"b\"] in the "
                    "DeepLearning.AI assignment), but here b is a plain number, such as 0.0, so "
                    "b[0, 0], b.item() or b.shape fail. Use b as it is: W @ X + b works for a "
                    "number and for a (1, 1) array alike.") from None
        except Failure:
            raise
        except Exception:  # it fails that way too: report the original call
            pass
        if _broadcast_error(failure):
            raise Failure(f"{failure}. The * operator multiplies entry by entry; the weighted sum "
                          "of the features is the matrix product W @ X.") from None
        if _matmul_error(failure):
            raise Failure(f"{failure}. In a product the inner sizes must agree: W is (1, n) and X is "
                          "(n, m), so W @ X is (1, m). A .T too many (W.T @ X, W @ X.T) breaks that "
                          "whenever n > 1: use W @ X + b, with no transposes.") from None
        raise
    if not (np.array_equal(given_W, W) and np.array_equal(given_X, X)):
        raise Failure("neuron_forward changed W or X in place: leave its arguments as they are "
                      "and build a new array, W @ X + b.")
    out = as_result_array(value, "neuron_forward", "an array of predictions")
    if _is_integer_array(value) and not _values_close(out, _right_forward(W, b, X)):
        raise Failure(_INTEGER_RESULT.format(what="neuron_forward"))
    right = _right_forward(W, b, X)
    if out.shape == (1, m):
        return out
    if out.shape == (m, 1) and _close(out, right.T):
        raise Failure(
            f"The predictions are right, but they come back as a column, shape ({m}, 1): probably "
            "X.T @ W.T (examples as rows). Keep one example per column, as in X: W @ X + b has "
            f"shape (1, {m}), one prediction per example.")
    if out.shape == (m,) and _values_close(out, right):
        raise Failure(
            f"The predictions are right, but as a flat array of shape ({m},). Return them as a "
            f"row of shape (1, {m}), like the targets Y: W @ X + b already has that shape, so "
            "drop .ravel(), .flatten() or [0].")
    if out.shape == (n, m) and n > 1 and _close(out, W.T * X + b):
        raise Failure(
            f"It returns shape {out.shape}: each feature times its weight, but not added up "
            "(W.T * X multiplies entry by entry and broadcasts). The prediction is the weighted "
            "SUM of the features, the matrix product: W @ X + b.")
    if out.shape == (m, m):
        raise Failure(
            f"It returns shape ({m}, {m}), a table instead of one row: a row of shape (1, {m}) and "
            f"a column of shape ({m}, 1) were added, and NumPy broadcast them into every pair. "
            f"Keep everything a row: W @ X has shape (1, {m}), and b is one number added to each "
            "entry.")
    if out.size == 1:
        raise Failure(f"neuron_forward returned a single number for {m} examples: it should "
                      f"return one prediction per example, an array of shape (1, {m}).")
    raise Failure(f"neuron_forward(W, b, X) with W of shape {W.shape} and X of shape {X.shape} "
                  f"should return shape (1, {m}), one prediction per example, but it returned "
                  f"shape {out.shape}.")


def _check_forward(function: Callable) -> str:
    outputs = [_forward_output(function, W, b, X) for W, b, X in _FORWARD_PROBES]
    expected = [_right_forward(W, b, X) for W, b, X in _FORWARD_PROBES]
    if all(map(_close, outputs, expected)):
        return (f"correct on {len(_FORWARD_PROBES)} models with 1 to 3 features: one prediction "
                "per example, as a row of shape (1, m).")
    for mistake, message in FORWARD_MISTAKES:
        if all(_close(out, mistake(W, b, X)) for out, (W, b, X) in zip(outputs, _FORWARD_PROBES)):
            raise Failure(message)
    for out, want, (W, b, X) in zip(outputs, expected, _FORWARD_PROBES):
        if not _close(out, want):
            j = int(np.argmax(_entries_off(out, want)[0]))
            raise Failure(f"With W = {W.tolist()} and b = {b:g}, the example x = {X[:, j].tolist()} "
                          f"(column {j} of X) should get the prediction {want[0, j]:.6g}, but your "
                          f"function returned {out[0, j]:.6g}.")
    raise AssertionError("unreachable: some probe differs")  # pragma: no cover


def neuron_forward(function: Any) -> Result:
    """Check a reader's ``neuron_forward(W, b, X)``: ``W @ X + b``, shape ``(1, m)``.

    Parameters
    ----------
    function : callable
        ``function(W, b, X)`` with ``W`` of shape ``(1, n)``, ``b`` a number and ``X``
        of shape ``(n, m)``, one example per column.

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the
        mistake (or shows one example with the expected and the returned prediction).

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> bool(neuron_forward(lambda W, b, X: W @ X + b))
    True
    """
    return run("neuron_forward", function, _check_forward)


# --- neuron_cost -------------------------------------------------------------------

# (Y_hat, Y) as rows of shape (1, m); the residuals do not sum to zero, and m differs.
_COST_PROBES: tuple[tuple[np.ndarray, np.ndarray], ...] = (
    (np.array([[2.0, 3.5, 1.0, 4.0, 6.0]]), np.array([[1.0, 4.0, 1.5, 2.0, 5.0]])),
    (np.array([[0.5, -1.0, 2.0, 0.0]]), np.array([[1.5, -2.0, 0.5, 3.0]])),
    (np.array([[10.0, 12.0, 9.0, 15.0, 11.0, 14.0, 8.0]]),
     np.array([[11.0, 12.5, 7.0, 14.0, 13.0, 13.5, 8.5]])),
    # The same residuals at scales 1e-6 and 1e6 (costs near 1e-12 and 1e12): a function that
    # rounds, clips or compares with a fixed threshold fails one of them.
    (1e-6 * np.array([[0.5, -1.0, 2.0, 0.0]]), 1e-6 * np.array([[1.5, -2.0, 0.5, 3.0]])),
    (1e6 * np.array([[2.0, 3.5, 1.0, 4.0, 6.0, 0.5]]), 1e6 * np.array([[1.0, 4.0, 1.5, 2.0, 5.0, 2.0]])),
)


def _m(Y):
    return Y.shape[1]


def _right_cost(Y_hat, Y):
    return float(np.sum((Y_hat - Y) ** 2) / (2 * _m(Y)))


_NOT_SQUARED = ("It adds up the residuals ŷ - y without squaring them, so positive and negative "
                "errors cancel out. Square each residual first: np.sum((Y_hat - Y)**2) / (2 * m).")

#: (what a wrong function computes, what to tell its author)
COST_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda Yh, Y: np.mean((Yh - Y) ** 2),
     "It is the mean of the squared errors, without the 1/2: the cost is "
     "(1/(2m)) Σ (ŷ - y)², so divide by 2 * m (or take half of the mean). The 1/2 makes its "
     "derivative come out without a factor 2 (Part II)."),
    (lambda Yh, Y: np.sum((Yh - Y) ** 2) / 2,
     "It divides by 2 instead of 2m: either it sums the squared errors without dividing by the "
     "number of examples m, or it takes m = Y.shape[0] or len(Y), which is 1 (the number of ROWS), instead "
     "of m = Y.shape[1], the number of examples (columns)."),
    (lambda Yh, Y: np.sum((Yh - Y) ** 2),
     "It is the sum of the squared errors: divide it by 2m, where m = Y.shape[1] is the number "
     "of examples, to get the cost (1/(2m)) Σ (ŷ - y)²."),
    (lambda Yh, Y: np.sum((Yh - Y) ** 2) / 2 * _m(Y),
     "It multiplies by m instead of dividing by it: Python reads s / 2 * m as (s / 2) * m, "
     "from left to right. Put brackets around the denominator: s / (2 * m)."),
    (lambda Yh, Y: np.mean((Yh - Y) ** 2) / (2 * _m(Y)),
     "It divides by m twice: np.mean already divides the sum by m. Use either "
     "np.mean((Y_hat - Y)**2) / 2 or np.sum((Y_hat - Y)**2) / (2 * m)."),
    (lambda Yh, Y: np.linalg.norm(Yh - Y) / (2 * _m(Y)),
     "It uses the length ||ŷ - y|| of the residual vector, which is the square root of the sum "
     "of squares: the cost needs its square, np.linalg.norm(Y_hat - Y)**2 / (2 * m)."),
    (lambda Yh, Y: np.sum(Yh - Y) / (2 * _m(Y)), _NOT_SQUARED),
    (lambda Yh, Y: np.sum(Y - Yh) / (2 * _m(Y)), _NOT_SQUARED),
    (lambda Yh, Y: np.sum(np.abs(Yh - Y)) / (2 * _m(Y)),
     "It uses the absolute errors |ŷ - y| instead of their squares: the cost is "
     "(1/(2m)) Σ (ŷ - y)², so write (Y_hat - Y)**2."),
    (lambda Yh, Y: np.sum(Yh - Y) ** 2 / (2 * _m(Y)),
     "It squares the sum of the residuals instead of summing their squares: square each "
     "residual first, then add, np.sum((Y_hat - Y)**2)."),
    (lambda Yh, Y: np.sqrt(np.sum((Yh - Y) ** 2) / (2 * _m(Y))),
     "It takes a square root at the end: the cost is (1/(2m)) Σ (ŷ - y)², with no root."),
    (lambda Yh, Y: np.sum(Yh**2 - Y**2) / (2 * _m(Y)),
     "It squares the predictions and the targets separately, Y_hat**2 - Y**2: the cost squares "
     "their difference, (Y_hat - Y)**2."),
    (lambda Yh, Y: np.sum((Yh - Y.T) ** 2) / (2 * _m(Y)),
     "It subtracts a row and a column: one of Y_hat and Y was transposed (or reshaped), so NumPy "
     "broadcast Y_hat - Y into an m x m table of every prediction minus every target. Keep both "
     "the same shape, (1, m), so that each prediction meets its own target."),
)


def _cost_output(function: Callable, Y_hat: np.ndarray, Y: np.ndarray) -> float:
    m = Y.shape[1]
    given_hat, given_Y = Y_hat.copy(), Y.copy()
    try:
        value = call(function, "neuron_cost", given_hat, given_Y)
    except Failure as failure:
        if "bitwise_xor" in str(failure):  # (Y_hat - Y)^2: ^ is "exclusive or" in Python
            raise Failure(f"{failure}. In Python ^ is not a power (it is the bitwise 'exclusive or'): "
                          "write the square as (Y_hat - Y)**2 or np.square(Y_hat - Y).") from None
        raise
    if not (np.array_equal(given_hat, Y_hat) and np.array_equal(given_Y, Y)):
        raise Failure("neuron_cost changed Y_hat or Y in place (with -=, **= or similar): leave "
                      "them as they are and compute new arrays, (Y_hat - Y)**2.")
    out = as_result_array(value, "neuron_cost", "a number")
    if out.size != 1:
        squared = (Y_hat - Y) ** 2
        if out.size == m and (_values_close(out, squared / 2) or _values_close(out, squared)
                              or _values_close(out, np.mean(squared, axis=0))):
            raise Failure(
                f"neuron_cost returned {m} numbers, one per example: it averaged over axis 0, the "
                f"rows, and a (1, {m}) array has only one row. The examples lie along axis 1: "
                "average over all of them, np.sum((Y_hat - Y)**2) / (2 * m) with m = Y.shape[1].")
        if out.size == m:
            raise Failure(f"neuron_cost returned {m} numbers, one per example: add them up "
                          "(np.sum) and divide by 2m to get the single number the cost is.")
        if out.size == m * m:
            raise Failure(
                f"neuron_cost returned {out.size} numbers, shape {out.shape}: a row and a column were "
                "subtracted, and NumPy broadcast them into an m x m table. Make Y_hat and Y the same "
                f"shape, (1, {m}), before subtracting.")
        raise Failure(f"neuron_cost should return one number, but it returned an array of shape "
                      f"{out.shape}.")
    result = float(out.reshape(()))
    if not np.isfinite(result):
        raise Failure(f"neuron_cost returned {result} for finite Y_hat and Y: check what you "
                      "divide by.")
    return result


def _check_cost(function: Callable) -> str:
    outputs = [_cost_output(function, Y_hat, Y) for Y_hat, Y in _COST_PROBES]
    expected = [_right_cost(Y_hat, Y) for Y_hat, Y in _COST_PROBES]
    if all(map(_close, outputs, expected)):
        return (f"correct on {len(_COST_PROBES)} sets of predictions and targets: "
                "(1/(2m)) Σ (ŷ - y)², one number.")
    for mistake, message in COST_MISTAKES:
        if all(_close(out, mistake(*probe)) for out, probe in zip(outputs, _COST_PROBES)):
            raise Failure(message)
    for out, want, (Y_hat, Y) in zip(outputs, expected, _COST_PROBES):
        if not _close(out, want):
            raise Failure(f"neuron_cost(Y_hat, Y) with Y_hat = {Y_hat.tolist()} and Y = {Y.tolist()} "
                          f"should be {want:.6g}, but your function returned {out:.6g}.")
    raise AssertionError("unreachable: some probe differs")  # pragma: no cover


def neuron_cost(function: Any) -> Result:
    """Check a reader's ``neuron_cost(Y_hat, Y)``: ``sum((Y_hat - Y)**2) / (2 * m)``.

    Parameters
    ----------
    function : callable
        ``function(Y_hat, Y)`` with both arguments of shape ``(1, m)``; it should
        return one number.

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the
        mistake (or shows one probe with the expected and the returned cost).

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> bool(neuron_cost(lambda Y_hat, Y: ((Y_hat - Y) ** 2).sum() / (2 * Y.shape[1])))
    True
    """
    return run("neuron_cost", function, _check_cost)
