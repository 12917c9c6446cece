"""Tests for the Chapter 4 checkers: right answers pass, each typical mistake is named."""

from __future__ import annotations

import doctest
import itertools

import numpy as np
import pytest

from mmlbook import check, shapes
from mmlbook.check import transformations


# --- reference solutions, written as a reader would ------------------------------------

def strokes_reference(A, strokes):
    """The book's solution."""
    return [A @ stroke for stroke in strokes]


def strokes_loop(A, strokes):
    result = []
    for stroke in strokes:
        new = np.zeros_like(stroke, dtype=float)
        for j in range(stroke.shape[1]):
            new[:, j] = A @ stroke[:, j]
        result.append(new)
    return result


def strokes_tuple(A, strokes):
    return tuple(np.matmul(A, s) for s in strokes)


def strokes_via_transposes(A, strokes):
    return [(s.T @ A.T).T for s in strokes]


def strokes_python_lists(A, strokes):
    """Plain Python: every point by the row rule, and each stroke returned as nested lists."""
    result = []
    for stroke in strokes:
        xs, ys = [], []
        for x, y in zip(stroke[0], stroke[1]):
            xs.append(A[0][0] * x + A[0][1] * y)
            ys.append(A[1][0] * x + A[1][1] * y)
        result.append([xs, ys])
    return result


def strokes_float32(A, strokes):
    A32 = np.asarray(A, dtype=np.float32)
    return [A32 @ s.astype(np.float32) for s in strokes]


def strokes_einsum(A, strokes):
    return [np.einsum("ij,jk->ik", A, s) for s in strokes]


def strokes_by_columns(A, strokes):
    """The column view: x1 times the first column plus x2 times the second (Imperial's picture)."""
    return [np.outer(A[:, 0], s[0]) + np.outer(A[:, 1], s[1]) for s in strokes]


def strokes_one_product(A, strokes):
    """One product for the whole drawing, then split it back into strokes."""
    ends = np.cumsum([s.shape[1] for s in strokes])[:-1]
    return np.split(A @ np.hstack(strokes), ends, axis=1)


def forward_reference(W, b, X):
    return W @ X + b


def forward_dot(W, b, X):
    return np.dot(W, X) + b


def forward_transposes(W, b, X):
    return (X.T @ W.T).T + b


def forward_loop(W, b, X):
    m = X.shape[1]
    Y_hat = np.zeros((1, m))
    for j in range(m):
        Y_hat[0, j] = np.sum(W[0] * X[:, j]) + b
    return Y_hat


def forward_float32(W, b, X):
    return W.astype(np.float32) @ X.astype(np.float32) + np.float32(b)


def forward_einsum(W, b, X):
    return np.einsum("in,nm->im", W, X) + b


def forward_python_lists(W, b, X):
    """Plain Python lists: one weighted sum per example; a list of one list is a (1, m) row."""
    n, m = len(X), len(X[0])
    return [[sum(W[0][i] * X[i][j] for i in range(n)) + b for j in range(m)]]


def forward_dlai(W, b, X):
    """DeepLearning.AI's forward_propagation: Z = np.matmul(W, X) + b, works for b a number or (1, 1)."""
    Z = np.matmul(W, X) + b
    Y_hat = Z
    return Y_hat


def Y_row_to_column(Y):
    return Y.reshape(-1, 1)


def cost_reference(Y_hat, Y):
    m = Y.shape[1]
    return np.sum((Y_hat - Y) ** 2) / (2 * m)


def cost_mean(Y_hat, Y):
    return np.mean((Y_hat - Y) ** 2) / 2


def cost_axis1(Y_hat, Y):
    return np.mean((Y - Y_hat) ** 2, axis=1) / 2   # shape (1,): one number in an array


def cost_loop(Y_hat, Y):
    m = Y.shape[1]
    total = 0.0
    for i in range(m):
        total += (Y_hat[0, i] - Y[0, i]) ** 2
    return total / (2 * m)


def cost_float32(Y_hat, Y):
    r = (Y_hat - Y).astype(np.float32)
    return np.float32(0.5) * np.mean(r * r)


def cost_norm_squared(Y_hat, Y):
    return np.linalg.norm(Y_hat - Y) ** 2 / (2 * Y.size)


def cost_dlai(Y_hat, Y):
    """DeepLearning.AI's compute_cost, as in the assignment."""
    m = Y.shape[1]
    cost = np.sum((Y_hat - Y) ** 2) / (2 * m)
    return cost


def cost_dot(Y_hat, Y):
    r = (Y_hat - Y).ravel()
    return float(r @ r) / (2 * len(r))


# --- transform_strokes --------------------------------------------------------------------

@pytest.mark.parametrize("function", [strokes_reference, strokes_loop, strokes_tuple, strokes_via_transposes,
                                      strokes_python_lists, strokes_float32, strokes_einsum,
                                      strokes_by_columns, strokes_one_product])
def test_transform_strokes_accepts_correct_functions(function):
    result = check.transform_strokes(function)
    assert result and isinstance(result, check.Result)
    assert "correct" in result.message
    assert str(result).startswith("✔ transform_strokes")


def test_the_reference_moves_the_book_drawings():
    A = np.array([[1.0, 0.5], [0.0, 1.0]])
    for drawing in (shapes.letter_f(), shapes.bear()):
        moved = strokes_reference(A, drawing)
        assert len(moved) == len(drawing) and all(m.shape == s.shape for m, s in zip(moved, drawing))


def in_place(A, strokes):
    for stroke in strokes:
        stroke[:] = A @ stroke
    return strokes


def only_last(A, strokes):
    for stroke in strokes:
        result = A @ stroke
    return result


def replaces_list_items(A, strokes):
    for i, stroke in enumerate(strokes):
        strokes[i] = A @ stroke        # the caller's list now holds the moved drawing
    return strokes


def loop_indices_swapped(A, strokes):
    """The row rule with A[j][i] for A[i][j]: a forum classic, it applies A.T."""
    return [np.array([[A[0][0] * s[0, j] + A[1][0] * s[1, j] for j in range(s.shape[1])],
                      [A[0][1] * s[0, j] + A[1][1] * s[1, j] for j in range(s.shape[1])]]) for s in strokes]


STROKES_WRONG = {
    "loop with A[j][i]": (loop_indices_swapped, ["transpose A.T"]),
    "transposed strokes in and out": (lambda A, strokes: [(A @ s.T).T for s in strokes], ["as rows", "COLUMNS"]),
    "replaces the caller's list items": (replaces_list_items, ["in place", "original drawing"]),
    "rounded": (lambda A, strokes: [np.round(A @ s, 3) for s in strokes], ["should move to", "gave [0, 0]"]),
    "integer result": (lambda A, strokes: [(A @ s).astype(int) for s in strokes], ["whole numbers", "astype(int)"]),
    "zeros_like of an integer stroke": (lambda A, strokes: [np.zeros_like(s, dtype=int) + (A @ s).astype(int)
                                                            for s in strokes], ["whole numbers", "zeros_like"]),
    "stroke @ A (matmul mismatch)": (lambda A, strokes: [s @ A for s in strokes], ["inner sizes", "A @ stroke"]),
    "A transposed": (lambda A, strokes: [A.T @ s for s in strokes], ["transpose A.T", "A @ stroke"]),
    "x @ A": (lambda A, strokes: [(s.T @ A).T for s in strokes], ["transpose A.T", "stroke.T @ A"]),
    "x @ A, rows out": (lambda A, strokes: [s.T @ A for s in strokes], ["transpose A.T", "columns"]),
    "points as rows (k, 2) in": (lambda A, strokes: [s @ A.T for s in strokes], ["as rows", "COLUMNS"]),
    "rows out": (lambda A, strokes: [(A @ s).T for s in strokes], ["points as rows", "drop the final .T"]),
    "in place": (in_place, ["in place", "original drawing"]),
    "one joined array": (lambda A, strokes: A @ np.hstack(strokes), ["one array", "joined", "list"]),
    "only the last stroke": (only_last, ["single array", "one stroke", "inside the for loop"]),
    "generator": (lambda A, strokes: (A @ s for s in strokes), ["generator", "list("]),
    "map": (lambda A, strokes: map(lambda s: A @ s, strokes), ["map", "list("]),
    "elementwise": (lambda A, strokes: [A * s for s in strokes], ["raised ValueError", "A @ stroke", "*"]),
    "unchanged": (lambda A, strokes: [s.copy() for s in strokes], ["unchanged"]),
    "missing return": (lambda A, strokes: None, ["None", "return"]),
    "too few strokes": (lambda A, strokes: [A @ strokes[0]], ["given 2 strokes", "returned 1"]),
    "a dict": (lambda A, strokes: {0: A}, ["list", "dict"]),
    "changes A": (lambda A, strokes: [A.__imul__(1.0001) @ s for s in strokes], ["changed the matrix A"]),
}


@pytest.mark.parametrize("name", STROKES_WRONG)
def test_transform_strokes_names_each_typical_mistake(name):
    function, words = STROKES_WRONG[name]
    result = check.transform_strokes(function)
    assert not result
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_transform_strokes_unknown_mistake_shows_expected_and_got():
    result = check.transform_strokes(lambda A, strokes: [A @ s + 0.01 for s in strokes])
    assert not result
    assert "With A = [[1.0, 2.0], [-0.5, 1.5]]" in result.message
    assert "the point [0.2, 0.0] (column 0 of stroke 0) should move to [0.2, -0.1]" in result.message
    assert "gave [0.21, -0.09]" in result.message


def test_transform_strokes_wrong_shape_is_reported():
    result = check.transform_strokes(lambda A, strokes: [(A @ s)[:, :-1] for s in strokes])
    assert not result and "should have the same shape" in result.message


def test_transform_strokes_reports_an_exception_with_the_call():
    def broken(A, strokes):
        raise RuntimeError("something broke")

    result = check.transform_strokes(broken)
    assert not result
    assert "transform_strokes(A, [<stroke of shape (2, 3)>, <stroke of shape (2, 2)>])" in result.message
    assert "RuntimeError: something broke" in result.message


@pytest.mark.parametrize("not_a_function", [None, 3, "transform_strokes", np.eye(2)])
def test_transform_strokes_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="transform_strokes must be a function"):
        check.transform_strokes(not_a_function)


# --- neuron_forward ---------------------------------------------------------------------------

@pytest.mark.parametrize("function", [forward_reference, forward_dot, forward_transposes, forward_loop,
                                      forward_float32, forward_einsum, forward_python_lists, forward_dlai])
def test_neuron_forward_accepts_correct_functions(function):
    result = check.neuron_forward(function)
    assert result and "correct" in result.message


X_GLOBAL = np.ones((1, 40))      # a notebook's global X, used by mistake inside the function


FORWARD_WRONG = {
    "integer predictions": (lambda W, b, X: (W @ X + b).astype(int), ["whole numbers"]),
    "rounded to 2 decimals": (lambda W, b, X: np.round(W @ X + b, 2), ["should get the prediction", "2e-06"]),
    "expects b as (1, 1) array": (lambda W, b, X: W @ X + b[0, 0], ["(1, 1) array", "plain number"]),
    "b.item()": (lambda W, b, X: W @ X + b.item(), ["(1, 1) array", "W @ X + b"]),
    "uses the global X": (lambda W, b, X: W @ X_GLOBAL + b, ["should return shape (1, 5)", "(1, 40)"]),
    "W.T @ X": (lambda W, b, X: W.T @ X + b, ["inner sizes", "W @ X"]),
    "dot with X.T": (lambda W, b, X: np.dot(W, X.T) + b, ["one example per ROW"]),
    "X transposed (examples as rows)": (lambda W, b, X: X.T @ W.T + b, ["column", "(5, 1)", "W @ X + b"]),
    "expects X as (m, n)": (lambda W, b, X: W @ X.T + b, ["one example per ROW", "COLUMN", "no transposes"]),
    "expects X as (m, n), other way": (lambda W, b, X: (X @ W.T).T + b, ["one example per ROW"]),
    "no bias": (lambda W, b, X: W @ X, ["bias b is missing"]),
    "bias before the weights": (lambda W, b, X: W @ (X + b), ["before the weights", "W @ X + b"]),
    "bias added to the weights": (lambda W, b, X: (W + b) @ X, ["added to the weights"]),
    "bias subtracted": (lambda W, b, X: W @ X - b, ["subtracted"]),
    "bias multiplies": (lambda W, b, X: b * (W @ X), ["multiplies the product"]),
    "elementwise, not summed": (lambda W, b, X: W.T * X + b, ["not added up", "W @ X + b"]),
    "elementwise *": (lambda W, b, X: W * X + b, ["raised ValueError", "entry by entry", "W @ X"]),
    "flat output": (lambda W, b, X: (W @ X + b).ravel(), ["flat array", "(1, 5)"]),
    "broadcast into a table": (lambda W, b, X: (W @ X).T + (W @ X) + b - (W @ X).T, ["(5, 5)", "broadcast"]),
    "one number": (lambda W, b, X: np.sum(W @ X + b), ["single number", "one prediction per example"]),
    "returns None": (lambda W, b, X: None, ["None", "return"]),
    "in place": (lambda W, b, X: W.__iadd__(0.0).__imul__(1) @ X.__iadd__(b) , ["in place"]),
}


@pytest.mark.parametrize("name", FORWARD_WRONG)
def test_neuron_forward_names_each_typical_mistake(name):
    function, words = FORWARD_WRONG[name]
    result = check.neuron_forward(function)
    assert not result
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_neuron_forward_probes_tell_every_mistake_apart():
    answers = [transformations._right_forward] + [f for f, _ in transformations.FORWARD_MISTAKES]
    for first, second in itertools.combinations(range(len(answers)), 2):
        same = all(np.allclose(answers[first](*probe), answers[second](*probe))
                   for probe in transformations._FORWARD_PROBES)
        assert not same, f"answers {first} and {second} agree on every probe"


def test_neuron_forward_unknown_mistake_shows_expected_and_got():
    result = check.neuron_forward(lambda W, b, X: 1.1 * (W @ X) + b)
    assert not result
    assert "With W = [[2.5]] and b = 1.5, the example x = [0.5] (column 0 of X)" in result.message
    assert "should get the prediction 2.75" in result.message and "returned 2.875" in result.message


def test_neuron_forward_reports_an_exception_with_the_call():
    result = check.neuron_forward(lambda W, b, X: W @ X + undefined_name)  # noqa: F821
    assert not result
    assert "neuron_forward(" in result.message and "raised NameError" in result.message


@pytest.mark.parametrize("not_a_function", [None, 1.5, "neuron_forward", [forward_reference]])
def test_neuron_forward_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="neuron_forward must be a function"):
        check.neuron_forward(not_a_function)


# --- neuron_cost -----------------------------------------------------------------------------

@pytest.mark.parametrize("function", [cost_reference, cost_mean, cost_axis1, cost_loop, cost_float32,
                                      cost_norm_squared, cost_dlai, cost_dot])
def test_neuron_cost_accepts_correct_functions(function):
    result = check.neuron_cost(function)
    assert result and "correct" in result.message


COST_WRONG = {
    "/ 2 * m": (lambda Yh, Y: np.sum((Yh - Y) ** 2) / 2 * Y.shape[1], ["multiplies by m", "(2 * m)"]),
    "1/2*m * sum": (lambda Yh, Y: 1 / 2 * Y.shape[1] * np.sum((Yh - Y) ** 2), ["multiplies by m"]),
    "mean / (2m)": (lambda Yh, Y: np.mean((Yh - Y) ** 2) / (2 * Y.shape[1]), ["divides by m twice"]),
    "norm not squared": (lambda Yh, Y: np.linalg.norm(Yh - Y) / (2 * Y.shape[1]), ["square root", "**2"]),
    "^ for the power": (lambda Yh, Y: np.sum((Yh - Y) ^ 2) / (2 * Y.shape[1]), ["exclusive or", "**2"]),
    "rounded": (lambda Yh, Y: round(float(cost_reference(Yh, Y)), 4), ["should be 1.65625", "returned 1.6562"]),
    "global m = 40": (lambda Yh, Y: np.sum((Yh - Y) ** 2) / (2 * 40), ["should be"]),
    "no 1/2": (lambda Yh, Y: np.mean((Yh - Y) ** 2), ["without the 1/2", "2 * m"]),
    "sum instead of mean": (lambda Yh, Y: np.sum((Yh - Y) ** 2) / 2, ["divides by 2 instead of 2m"]),
    "m from the rows": (lambda Yh, Y: np.sum((Yh - Y) ** 2) / (2 * len(Y)), ["Y.shape[0]", "Y.shape[1]"]),
    "plain sum": (lambda Yh, Y: np.sum((Yh - Y) ** 2), ["sum of the squared errors", "2m"]),
    "not squared": (lambda Yh, Y: np.sum(Yh - Y) / (2 * Y.shape[1]), ["without squaring"]),
    "not squared, other sign": (lambda Yh, Y: np.sum(Y - Yh) / (2 * Y.shape[1]), ["without squaring"]),
    "absolute": (lambda Yh, Y: np.sum(np.abs(Yh - Y)) / (2 * Y.shape[1]), ["absolute errors"]),
    "square of the sum": (lambda Yh, Y: np.sum(Yh - Y) ** 2 / (2 * Y.shape[1]), ["squares the sum"]),
    "square root": (lambda Yh, Y: np.sqrt(cost_reference(Yh, Y)), ["square root"]),
    "squares apart": (lambda Yh, Y: np.sum(Yh**2 - Y**2) / (2 * Y.shape[1]), ["separately"]),
    "mean over axis 0": (lambda Yh, Y: np.mean((Yh - Y) ** 2, axis=0) / 2, ["axis 0", "one per example"]),
    "no sum at all": (lambda Yh, Y: (Yh - Y) ** 2 / (2 * Y.shape[1]), ["one per example", "np.sum"]),
    "row minus column, no sum": (lambda Yh, Y: (Yh - Y.T) ** 2, ["broadcast", "same shape"]),
    "row minus column": (lambda Yh, Y: np.sum((Y_row_to_column(Yh) - Y) ** 2) / (2 * Y.shape[1]),
                         ["row and a column", "broadcast", "(1, m)"]),
    "returns None": (lambda Yh, Y: None, ["None", "return"]),
    "returns text": (lambda Yh, Y: "0.5", ["should return a number", "str"]),
    "divides by zero": (lambda Yh, Y: np.float64(1.0) / np.float64(0.0), ["inf", "divide"]),
    "in place": (lambda Yh, Y: cost_reference(Yh.__isub__(Y), 0 * Y), ["in place"]),
}


@pytest.mark.parametrize("name", COST_WRONG)
def test_neuron_cost_names_each_typical_mistake(name):
    function, words = COST_WRONG[name]
    with np.errstate(all="ignore"):
        result = check.neuron_cost(function)
    assert not result
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_neuron_cost_probes_tell_every_mistake_apart():
    answers = [transformations._right_cost] + [f for f, _ in transformations.COST_MISTAKES]
    for first, second in itertools.combinations(range(len(answers)), 2):
        same = all(np.isclose(answers[first](*probe), answers[second](*probe))
                   for probe in transformations._COST_PROBES)
        if {first, second} != {4, 5}:  # +sum and -sum of the residuals share one message
            assert not same, f"answers {first} and {second} agree on every probe"


def test_neuron_cost_unknown_mistake_shows_expected_and_got():
    result = check.neuron_cost(lambda Yh, Y: 1.5 * cost_reference(Yh, Y))
    want = cost_reference(*transformations._COST_PROBES[0])
    assert not result
    assert "neuron_cost(Y_hat, Y) with Y_hat = [[2.0, 3.5, 1.0, 4.0, 6.0]]" in result.message
    assert f"should be {want:.6g}" in result.message and f"returned {1.5 * want:.6g}" in result.message


def test_neuron_cost_reports_an_exception_with_the_call():
    result = check.neuron_cost(lambda Yh, Y: Yh.m)
    assert not result and "neuron_cost(" in result.message and "raised AttributeError" in result.message


@pytest.mark.parametrize("not_a_function", [None, 0.0, "neuron_cost", (cost_reference,)])
def test_neuron_cost_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="neuron_cost must be a function"):
        check.neuron_cost(not_a_function)


# --- the module ---------------------------------------------------------------------------------

def test_mistake_messages_are_all_different():
    for table in (transformations.FORWARD_MISTAKES, transformations.COST_MISTAKES[:3]):
        messages = [message for _, message in table]
        assert len(set(messages)) == len(messages)


def test_checkers_are_exported():
    assert {"transform_strokes", "neuron_forward", "neuron_cost"} <= set(check.__all__)
    assert check.transform_strokes is transformations.transform_strokes
    assert check.neuron_forward is transformations.neuron_forward
    assert check.neuron_cost is transformations.neuron_cost


def test_docstring_examples():
    failures, _ = doctest.testmod(transformations)
    assert failures == 0


# --- breaking the checkers: scale, tiny offsets, the singular frame --------------------------

@pytest.mark.parametrize("c", [1e-6, 1e6])
def test_tolerance_is_relative_to_the_answer(c):
    """A reader's error of 1e-4 of the answer fails at every scale; float32 rounding passes."""
    assert not check.neuron_cost(lambda Yh, Y: cost_reference(Yh, Y) * (1 + 1e-4))
    assert not check.neuron_forward(lambda W, b, X: (W @ X + b) * (1 + 1e-4))
    assert not check.transform_strokes(lambda A, strokes: [(A @ s) * (1 + 1e-4) for s in strokes])
    # An absolute offset that an absolute tolerance of 1e-12 would hide on the small probes.
    assert not check.neuron_cost(lambda Yh, Y: cost_reference(Yh, Y) + 1e-13)
    assert not check.neuron_forward(lambda W, b, X: W @ X + b + 1e-9)
    assert not check.transform_strokes(lambda A, strokes: [A @ s + 1e-9 for s in strokes])
    # The reference at that scale (the probes include 1e-6 and 1e6, and this is the same formula).
    Y_hat, Y = c * np.array([[1.0, 2.0, 3.5]]), c * np.array([[1.5, 2.0, 3.0]])
    assert np.isclose(cost_reference(Y_hat, Y), c**2 * 0.5 / 6, rtol=1e-12)


def test_probes_include_the_singular_frame_and_both_scales():
    assert any(np.linalg.matrix_rank(A) == 1 for A, _ in transformations._STROKE_PROBES)
    sizes = [np.abs(A @ np.hstack(strokes)).max() for A, strokes in transformations._STROKE_PROBES]
    assert min(sizes) < 1e-5 and max(sizes) > 1e5
    sizes = [np.abs(W @ X + b).max() for W, b, X in transformations._FORWARD_PROBES]
    assert min(sizes) < 1e-5 and max(sizes) > 1e5
    costs = [transformations._right_cost(*probe) for probe in transformations._COST_PROBES]
    assert min(costs) < 1e-10 and max(costs) > 1e10


def test_projection_only_function_fails_on_invertible_probes():
    """A function that flattens everything, right on the singular frame only, is caught."""
    def flatten(A, strokes):
        return [np.vstack([(A @ s)[0], np.zeros(s.shape[1])]) for s in strokes]
    result = check.transform_strokes(flatten)
    assert not result and "should move to" in result.message
