r"""Checkers for Chapter 9, *Multivariate chain rule and backpropagation*.

The reader writes the gradients of a network's cost by backpropagation, with the
conventions of :mod:`mmlbook.nn`: ``weights[l]`` of shape ``(n_out, n_in)``,
``biases[l]`` of shape ``(n_out,)``, ``X`` with one example per row, and a
function ``gradients(weights, biases, X, Y) -> (dW, db)`` returning two lists
shaped like ``weights`` and ``biases``.

* :func:`network_gradients`: Imperial's heart network, a sigmoid in every layer
  and any number of layers, cost :math:`C = \frac1m \sum_i \lVert a_i - y_i \rVert^2`.
* :func:`classifier_gradients`: DeepLearning.AI's two-layer classifier, a tanh
  hidden layer and a sigmoid output, cost the mean log loss.

Each checker calls the reader's function on fixed networks and data (the course's
1-6-7-2 network, a single neuron, networks with square layers so that a
transposed matrix still multiplies, inputs scaled by 1e-6, saturated neurons,
one example), compares every array with :meth:`mmlbook.nn.Network.gradients`
(itself checked against central differences in the unit tests) within a
tolerance relative to that array's own size (1e-4 of its largest entry: float32
passes; finite differences do not, on the network whose inputs and so whose dW[0]
are tiny), and when they differ names the typical mistake that gives the same
numbers, or else the first array that is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .. import datasets, nn
from ._core import Failure, Result, as_result_array, call, run

__all__ = ["network_gradients", "classifier_gradients"]

# Relative to the largest entry of each array: far tighter than any mistake named below,
# loose enough for a float32 computation or a different order of summation.
_RTOL = 1e-4


# --- probes ---------------------------------------------------------------------------

class _Probe:
    """One network with fixed parameters and data, and its right gradients."""

    def __init__(self, label: str, sizes: list[int], activations: list[str], loss: str, X: np.ndarray,
                 Y: np.ndarray, seed: int, weight_scale: float = 1.0) -> None:
        self.label, self.sizes, self.activations, self.loss = label, sizes, activations, loss
        self.net = nn.Network(sizes, activation=activations, seed=seed, loss=loss)
        rng = np.random.default_rng(seed + 100)
        self.net.weights = [weight_scale * W for W in self.net.weights]
        self.net.biases = [rng.normal(0.0, 0.5, b.shape) for b in self.net.biases]
        self.X, self.Y = X, Y
        self.dW, self.db = self.net.gradients(X, Y)
        self.tiny_inputs = bool(np.max(np.abs(X)) < 1e-3)

    @property
    def m(self) -> int:
        return self.X.shape[0]


def _regression_probes() -> list[_Probe]:
    rng = np.random.default_rng(9)
    t, heart = datasets.heart_curve()
    sig = lambda L: ["sigmoid"] * L  # noqa: E731
    return [
        _Probe("the course's 1-6-7-2 network on 20 heart points", [1, 6, 7, 2], sig(3), "squared",
               t[::5], heart[::5], seed=0),
        _Probe("a single neuron (sizes [1, 1]) on 5 examples", [1, 1], sig(1), "squared",
               rng.normal(size=(5, 1)), rng.uniform(size=(5, 1)), seed=1),
        _Probe("a [3, 4, 4, 2] network on 7 examples", [3, 4, 4, 2], sig(3), "squared",
               rng.normal(size=(7, 3)), rng.uniform(size=(7, 2)), seed=2),
        _Probe("a [3, 3, 3, 3] network (square layers) on 6 examples", [3, 3, 3, 3], sig(3), "squared",
               rng.normal(size=(6, 3)), rng.uniform(size=(6, 3)), seed=3),
        _Probe("a [2, 5, 1] network on inputs of size 1e-6", [2, 5, 1], sig(2), "squared",
               1e-6 * rng.normal(size=(4, 2)), rng.uniform(size=(4, 1)), seed=4),
        _Probe("a [2, 3, 2] network with large weights (saturated sigmoids)", [2, 3, 2], sig(2), "squared",
               rng.normal(size=(8, 2)), rng.uniform(size=(8, 2)), seed=5, weight_scale=3.0),
        _Probe("a [4, 3, 2, 5, 1] network on 3 examples", [4, 3, 2, 5, 1], sig(4), "squared",
               rng.normal(size=(3, 4)), rng.uniform(size=(3, 1)), seed=6),
        _Probe("a [2, 3, 1] network on a single example", [2, 3, 1], sig(2), "squared",
               rng.normal(size=(1, 2)), rng.uniform(size=(1, 1)), seed=7),
    ]


def _classifier_probes() -> list[_Probe]:
    rng = np.random.default_rng(19)
    X, y = datasets.xor_blobs(per_blob=6, seed=3)
    acts = ["tanh", "sigmoid"]
    labels = lambda m, n: (rng.uniform(size=(m, n)) < 0.5).astype(float)  # noqa: E731
    return [
        _Probe("a [2, 4, 1] classifier on 24 XOR points", [2, 4, 1], acts, "log", X, y, seed=0),
        _Probe("a [2, 1, 1] classifier on 24 XOR points", [2, 1, 1], acts, "log", X, y, seed=1),
        _Probe("a [2, 2, 1] classifier (square hidden layer) on 10 examples", [2, 2, 1], acts, "log",
               rng.normal(size=(10, 2)), labels(10, 1), seed=2),
        _Probe("a [3, 3, 3] classifier with 3 labels per example (square layers)", [3, 3, 3], acts, "log",
               rng.normal(size=(7, 3)), labels(7, 3), seed=3),
        _Probe("a [2, 3, 1] classifier on inputs of size 1e-6", [2, 3, 1], acts, "log",
               1e-6 * rng.normal(size=(5, 2)), labels(5, 1), seed=4),
        _Probe("a [2, 5, 1] classifier with large weights (saturated units)", [2, 5, 1], acts, "log",
               X, y, seed=5, weight_scale=3.0),
        _Probe("a [2, 4, 1] classifier on a single example", [2, 4, 1], acts, "log",
               X[:1], y[:1], seed=6),
    ]


# --- the right computation and the usual mistakes ------------------------------------------

def _slope(name: str, value: np.ndarray) -> np.ndarray:
    s = nn.sigmoid(value)
    return s * (1 - s) if name == "sigmoid" else 1 - np.tanh(value) ** 2


def _variant(probe: _Probe, mistake: str | None) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The gradients as computed with one named mistake (None: the right ones). May raise on shapes."""
    W_, b_, acts = probe.net.weights, probe.net.biases, probe.activations
    X, Y, m, L = probe.X, probe.Y, probe.m, len(W_)
    if mistake == "sigmoid_hidden":                # every layer a sigmoid, slopes a (1 - a) included
        acts = ["sigmoid"] * L
    A, Z = [X], []
    for W, b, name in zip(W_, b_, acts):
        Z.append(A[-1] @ W.T + (0.0 if mistake == "no_bias_forward" else b))
        A.append(nn.sigmoid(Z[-1]) if name == "sigmoid" else np.tanh(Z[-1]))

    def slope(l: int) -> np.ndarray:          # f' of layer l (0-based), as the mistake computes it
        name = acts[l]
        if mistake == "slope_at_activation":
            return _slope(name, A[l + 1])
        if mistake == "slope_formula_on_z":
            return Z[l] * (1 - Z[l]) if name == "sigmoid" else 1 - Z[l] ** 2
        if mistake == "sigmoid_slope_for_tanh" and name == "tanh":
            return A[l + 1] * (1 - A[l + 1])
        return _slope(name, Z[l])

    scale = {"sum": 1.0, "mean_outputs": 1.0 / Y.size, "x_size": 1.0 / X.size,
             "m_from_columns": 1.0 / X.shape[1]}.get(mistake, 1.0 / m)
    error = (Y - A[-1]) if mistake == "sign" else (A[-1] - Y)
    if probe.loss == "squared":
        two = 1.0 if mistake == "no_two" else 2.0
        if mistake == "log_delta":
            delta = scale * error
        elif mistake == "no_output_slope":
            delta = two * scale * error
        else:
            delta = two * scale * error * slope(L - 1)
    else:
        if mistake == "squared_delta":
            delta = 2 * scale * error * slope(L - 1)
        elif mistake == "extra_slope":
            delta = scale * error * slope(L - 1)
        else:
            delta = scale * error
    dW: list[np.ndarray] = [np.empty(0)] * L
    db: list[np.ndarray] = [np.empty(0)] * L
    for l in range(L - 1, -1, -1):
        dW[l] = delta.T @ (Z[l - 1] if mistake == "z_for_a" and l > 0 else A[l])
        db[l] = delta.sum(axis=0)
        if mistake == "double_mean":
            dW[l], db[l] = dW[l] / m, db[l] / m
        if mistake == "bias_mean":
            db[l] = db[l] / m
        if l > 0:
            back = delta @ (W_[l].T if mistake == "untransposed" else W_[l])
            if mistake == "no_hidden_slope":
                delta = back
            elif mistake == "slope_of_wrong_layer":
                delta = back * slope(l)
            else:
                delta = back * slope(l - 1)
    return dW, db


_SHARED = {
    "sum": "Every gradient is m times too large (m = number of examples): the cost is a *mean* over the "
           "examples, so the output error needs the factor 1/m (or divide dW and db by m).",
    "mean_outputs": "Every gradient is n_L times too small: the cost adds up the loss over the n_L outputs "
                    "and averages only over the m examples; divide by m, not by m·n_L (np.mean over all entries).",
    "double_mean": "Every gradient is m times too small: the 1/m is applied twice, once in the output error "
                   "and again by np.mean (or / m) in dW and db. Keep one of them.",
    "bias_mean": "The bias gradients are m times too small, the weight gradients right: db must *add up* the "
                 "rows of Δ (delta.sum(axis=0)), because Δ already carries the 1/m; np.mean divides by m again.",
    "x_size": "Your gradients are n_0 times too small (n_0 = number of inputs): they divide by X.size = m·n_0. "
              "That is the number of examples m only when there is one input (as for the heart, where the course "
              "writes x.size); divide by m = X.shape[0], the number of rows.",
    "m_from_columns": "Your gradients are scaled by m/n_0: the number of examples is taken as X.shape[1], which "
                      "is the number of inputs n_0 here. With one example per row, m = X.shape[0] (X.shape[1] is m "
                      "only when the examples are the columns, as in the courses).",
    "z_for_a": "dW pairs the error with the previous layer's pre-activations Z where its activations belong: "
               "∂C/∂W^(l) = Δ^(l)ᵀ A^(l−1), because z^(l) = W^(l) a^(l−1) + b^(l) multiplies the weights by a, "
               "not by z.",
    "sign": "Every gradient has the wrong sign: the output error is a − y, not y − a. With y − a, "
            "gradient descent would climb the cost.",
    "untransposed": "The error is carried back through the transpose of the right matrix: with examples in rows, "
                    "Δ^(l) = (Δ^(l+1) W^(l+1)) ⊙ f'(Z^(l)) (in column form W^(l+1)ᵀ δ^(l+1)); your version "
                    "multiplies by W^(l+1)ᵀ (column form W^(l+1) δ). It only runs because the layers are square here.",
    "slope_of_wrong_layer": "The slope f'(Z) is taken at the wrong layer: going back from layer l+1 to layer l, "
                            "multiply by f'(Z^(l)) of layer l, the layer the error is arriving at, not f'(Z^(l+1)).",
    "no_bias_forward": "The forward pass leaves out the biases (z = W a instead of z = W a + b), so every "
                       "activation and every gradient is computed at the wrong point.",
}

_REGRESSION = {
    "no_two": "Every gradient is half the right one: the factor 2 from differentiating the square is missing, "
              "d/da (a − y)² = 2 (a − y).",
    "no_output_slope": "The output layer's error lacks the sigmoid's slope: δ^(L) = 2 (a − y) ⊙ σ'(z^(L)), "
                       "and σ'(z) = a (1 − a) for the output layer too.",
    "log_delta": "The output error is a − y without 2 and without σ'(z): that shortcut belongs to the log loss. "
                 "For the squared error, δ^(L) = (2/m) (A − Y) ⊙ A ⊙ (1 − A).",
    "no_hidden_slope": "The hidden layers' errors lack the sigmoid's slope: after multiplying by the weights, "
                       "multiply by σ'(Z^(l)) = A^(l) ⊙ (1 − A^(l)) of the layer the error arrives at.",
    "slope_at_activation": "σ' is evaluated at the activation instead of the pre-activation: you compute "
                           "σ(a)(1 − σ(a)), applying sigmoid_prime to A. σ'(z) = σ(z)(1 − σ(z)) = a(1 − a): "
                           "either apply it to Z, or use a(1 − a) directly.",
    "slope_formula_on_z": "The slope is computed as z (1 − z): the formula a (1 − a) belongs to the activation "
                          "a = σ(z), not to the pre-activation z.",
}

_CLASSIFIER = {
    "extra_slope": "The output error has a factor σ'(z) = a (1 − a) too many: with the log loss and a sigmoid "
                   "output the slope cancels, δ^(2) = (a − y)/m.",
    "squared_delta": "That is the gradient of the squared error, 2 (a − y) σ'(z) per output: for the log loss "
                     "with a sigmoid output, δ^(2) = (a − y)/m (the σ' cancels and there is no 2).",
    "no_hidden_slope": "The hidden layer's error lacks the tanh's slope: Δ^(1) = (Δ^(2) W^(2)) ⊙ (1 − A^(1)²).",
    "slope_at_activation": "tanh' is evaluated at the activation instead of the pre-activation: you compute "
                           "1 − tanh(a)²; tanh'(z) = 1 − tanh(z)² = 1 − a², so use 1 − A1**2.",
    "slope_formula_on_z": "The slope is computed as 1 − z²: the formula 1 − a² belongs to the activation "
                          "a = tanh(z), not to the pre-activation z.",
    "sigmoid_slope_for_tanh": "The hidden layer uses the sigmoid's slope a (1 − a), but its activation is tanh, "
                              "whose slope is 1 − a².",
    "sigmoid_hidden": "Your hidden layer is a sigmoid (forward and backward), but this classifier's hidden layer is "
                      "tanh: A1 = np.tanh(X @ W1.T + b1), with slope 1 − A1². (The sigmoid belongs to the output "
                      "layer only.)",
}


# --- calling the reader's function ---------------------------------------------------------

def _as_list(value: Any, what: str, probe: _Probe, name: str) -> list[np.ndarray]:
    L = len(probe.net.weights)
    if isinstance(value, np.ndarray) and value.dtype == object and value.ndim == 1:
        value = list(value)                   # np.array([dW1, dW2, ...], dtype=object): a list in disguise
    if isinstance(value, np.ndarray):
        raise Failure(f"{name} should return a pair (dW, db) of lists, one array per layer, but its {what} is "
                      f"one array of shape {value.shape}. Return ([dW_1, dW_2, ...], [db_1, db_2, ...]).")
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise Failure(f"{name} should return two lists (dW, db), but its {what} is {type(value).__name__}.")
    items = list(value)
    if len(items) != L:
        raise Failure(f"{name} returned {len(items)} arrays in {what}; the network {probe.sizes} has {L} layers, "
                      f"so it needs {L}: one per weight matrix / bias vector.")
    return [as_result_array(item, f"{name}'s {what}[{l}]", "an array") for l, item in enumerate(items)]


def _output(function: Callable, name: str, probe: _Probe) -> tuple[list[np.ndarray], list[np.ndarray]]:
    weights = [W.copy() for W in probe.net.weights]
    biases = [b.copy() for b in probe.net.biases]
    X, Y = probe.X.copy(), probe.Y.copy()
    value = call(function, name, weights, biases, X, Y)
    if not (all(np.array_equal(a, b) for a, b in zip(weights, probe.net.weights))
            and all(np.array_equal(a, b) for a, b in zip(biases, probe.net.biases))
            and np.array_equal(X, probe.X) and np.array_equal(Y, probe.Y)):
        raise Failure(f"{name} changed the weights, biases or data it was given: compute new arrays "
                      "(W - lr * dW belongs in the training loop, not in the gradient function).")
    if value is None:
        raise Failure(f"{name} returned None: is the return statement missing?")
    W_shapes, b_shapes = [W.shape for W in probe.net.weights], [b.shape for b in probe.net.biases]
    right_shapes = _shapes_are(value, [W_shapes, b_shapes])   # (on a single neuron, (db, dW) can look the same)
    if not right_shapes and _shapes_are(value, list(zip(W_shapes, b_shapes))):
        raise Failure(f"{name} returned one (dW, db) pair per layer; return the two lists instead, "
                      "([dW_1, dW_2, ...], [db_1, db_2, ...]): for example dW, db = zip(*pairs), then lists.")
    if not right_shapes and isinstance(value, Sequence) and _shapes_are(value[::-1], [W_shapes, b_shapes]):
        raise Failure(f"{name} returned (db, dW), the bias gradients first: return (dW, db), the weight "
                      "gradients first, in the order of (weights, biases).")
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2:
        raise Failure(f"{name} should return a pair (dW, db) of lists, but it returned {type(value).__name__}"
                      + (f" of length {len(value)}" if isinstance(value, Sequence) else "") + ".")
    dW = _as_list(value[0], "dW", probe, name)
    db = _as_list(value[1], "db", probe, name)
    return dW, _shaped(dW, db, probe)


def _shapes_are(value: Any, shapes: Any) -> bool:
    """``value`` is nested sequences of arrays with exactly these nested shapes (bias columns (n, 1) allowed)."""
    if isinstance(shapes, tuple) and all(isinstance(n, int) for n in shapes):     # one array's shape
        try:
            got = np.shape(value)
        except ValueError:                                     # a ragged list
            return False
        return (got == shapes or (len(shapes) == 1 and got in ((shapes[0], 1), (1, shapes[0]))))
    if isinstance(value, (str, bytes, np.ndarray)) or not isinstance(value, Sequence) or len(value) != len(shapes):
        return False
    return all(_shapes_are(v, s) for v, s in zip(value, shapes))


def _shaped(dW: list[np.ndarray], db: list[np.ndarray], probe: _Probe) -> list[np.ndarray]:
    """Check the shapes (naming the usual mistakes); return db with (n_out, 1) or (1, n_out) read as (n_out,)."""
    L, sizes = len(dW), probe.sizes
    wanted_W = [(sizes[l + 1], sizes[l]) for l in range(L)]
    got_W = [g.shape for g in dW]
    where = f"on {probe.label}"
    if got_W != wanted_W and L > 1 and got_W == wanted_W[::-1]:
        raise Failure(f"Your dW list is in reverse order {where}: dW[0] has shape {got_W[0]}, the shape of the "
                      f"last layer's weights. dW[l] must go with weights[l], so fill the list from the back "
                      f"(dW[l] = ...) or reverse it before returning.")
    for l in range(L):
        n_out, n_in = wanted_W[l]
        if got_W[l] == wanted_W[l]:
            continue
        if got_W[l] == (n_in, n_out):
            raise Failure(f"Your dW[{l}] has shape {got_W[l]} {where}; it should be {wanted_W[l]}: W[l] is "
                          f"(n_out, n_in), and so is its gradient. With examples in rows, dW[l] = Δᵀ A "
                          f"(delta.T @ A_prev), not Aᵀ Δ.")
        if got_W[l] == (n_out, n_out):
            raise Failure(f"Your dW[{l}] has shape {got_W[l]} {where}; it should be {wanted_W[l]}. It pairs the "
                          f"error of layer {l + 1} with that layer's own activations: ∂C/∂W^(l) = δ^(l) a^(l−1)ᵀ "
                          f"uses the layer's *input* a^(l−1) (A[l] in a list that starts with A[0] = X).")
        raise Failure(f"Your dW[{l}] has shape {got_W[l]} {where}; it should be {wanted_W[l]}, the shape of "
                      f"weights[{l}] (n_out, n_in).")
    fixed = []
    for l in range(L):
        n_out = sizes[l + 1]
        shape = db[l].shape
        if shape == (n_out,):
            fixed.append(db[l])
        elif shape in ((n_out, 1), (1, n_out)):   # a column (the courses' convention) or a keepdims row
            fixed.append(db[l].reshape(n_out))
        elif shape == (probe.m, n_out) or shape == (n_out, probe.m):
            raise Failure(f"Your db[{l}] has shape {shape} {where}, one row per example: the bias gradient must "
                          f"be summed over the examples (delta.sum(axis=0)), giving shape ({n_out},). "
                          "Each bias is added to every example, so its derivative collects all their terms.")
        else:
            raise Failure(f"Your db[{l}] has shape {shape} {where}; it should be ({n_out},), the shape of biases[{l}].")
    return fixed


# --- comparing ---------------------------------------------------------------------------

def _close(got: list[np.ndarray], wanted: list[np.ndarray]) -> list[bool]:
    return [g.shape == w.shape and bool(np.all(np.abs(g - w) <= _RTOL * max(np.max(np.abs(w)), 1e-300)))
            for g, w in zip(got, wanted)]


_SHAPE_HINT = (" A shape error inside a backpropagation usually means a matrix used untransposed or the "
               "activations of the wrong layer: with examples in rows, Z = A_prev @ W.T + b is (m, n_out), "
               "delta @ W is (m, n_in), and delta.T @ A_prev is (n_out, n_in).")


def _run_all(function: Callable, name: str, probes: list[_Probe]) -> list[Any]:
    """The reader's (dW, db) per probe, or the Failure its call raised there (a wrong shape still stops at once)."""
    outputs: list[Any] = []
    for probe in probes:
        try:
            outputs.append(_output(function, name, probe))
        except Failure as failure:
            if failure.__cause__ is None:         # not an exception in the reader's code: report it now
                raise
            exc = failure.__cause__
            outputs.append(Failure(f"{name}(weights, biases, X, Y) raised {type(exc).__name__}: {exc}"))
    return outputs


def _matches(outputs: list[Any], variants: list[Any]) -> bool:
    """The reader's outputs are the variant's: the same probes raise, and the rest agree."""
    for out, var in zip(outputs, variants):
        if isinstance(out, Failure) or isinstance(var, Exception):
            if isinstance(out, Failure) != isinstance(var, Exception):
                return False
            continue
        if not all(_close(out[0] + out[1], var[0] + var[1])):
            return False
    return True


def _variants(probe: _Probe, mistake: str) -> Any:
    try:
        with np.errstate(all="ignore"):
            return _variant(probe, mistake)
    except ValueError as exc:                     # shapes that do not fit
        return exc


def _check(function: Callable, name: str, probes: list[_Probe], messages: dict[str, str], passed: str) -> str:
    outputs = _run_all(function, name, probes)
    raised = [i for i, out in enumerate(outputs) if isinstance(out, Failure)]
    right = [i not in raised and all(_close(outputs[i][0] + outputs[i][1], p.dW + p.db))
             for i, p in enumerate(probes)]
    if all(right):
        return f"right on all {len(probes)} {passed}"
    if len(raised) < len(probes):                 # some calls ran: is it a mistake we can name?
        for mistake, message in messages.items():
            if _matches(outputs, [_variants(probe, mistake) for probe in probes]):
                if raised:
                    message += (f" (On {probes[raised[0]].label} your function even raised an error, because "
                                "the shapes do not fit there.)")
                raise Failure(message)
    if raised:
        i = raised[0]
        others = [j for j in range(len(probes)) if j not in raised]
        if others and all(right[j] for j in others):
            depths = sorted({len(probes[j].sizes) - 1 for j in others})
            raise Failure(f"Right on every network it ran on ({', '.join(map(str, depths))} layers), but on "
                          f"{probes[i].label}, {outputs[i]}. The function must work for any number of layers and "
                          "examples: loop over the layers instead of naming W1, W2, W3.")
        cause = str(outputs[i])
        shapes = any(word in cause for word in ("shape", "matmul", "broadcast", "aligned"))
        raise Failure(f"On {probes[i].label}, {cause}." + (_SHAPE_HINT if shapes else ""))
    i = right.index(False)
    probe, (dW, db) = probes[i], outputs[i]
    L = len(dW)
    ok_W, ok_b = _close(dW, probe.dW), _close(db, probe.db)
    names = [f"dW[{l}]" for l in range(L) if not ok_W[l]] + [f"db[{l}]" for l in range(L) if not ok_b[l]]
    first = next(l for l in range(L - 1, -1, -1) if not (ok_W[l] and ok_b[l]))
    wrong, want = (dW[first], probe.dW[first]) if not ok_W[first] else (db[first], probe.db[first])
    k = np.unravel_index(np.argmax(np.abs(wrong - want)), want.shape)
    label = f"{'dW' if not ok_W[first] else 'db'}[{first}]"
    hint = (" The output layer is wrong: look at δ^(L), the error at the output's pre-activation."
            if first == L - 1 else
            f" The arrays of the later layers are right, so look at the step that carries the error back "
            f"from layer {first + 2} to layer {first + 1} (Δ^(l) = (Δ^(l+1) W^(l+1)) ⊙ f'(Z^(l))).")
    only_here = all(right[j] for j in range(len(probes)) if j != i)
    if only_here and not probe.tiny_inputs:
        hint = (f" It is right on every other network, so look for what is special about this one, {probe.label}: "
                "does your code assume a number of inputs, outputs, layers or examples?")
    if only_here and probe.tiny_inputs:
        hint = (" It is right on every other network. Here the inputs are of size 1e-6, so dW[0] is about a "
                "million times smaller than the other gradients, and it must still be right to 1e-4 of its own "
                "size: finite differences, or arithmetic in float16, cannot get it that accurately; "
                "backpropagation in float32 or float64 can.")
    raise Failure(f"On {probe.label}, {', '.join(names)} {'differs' if len(names) == 1 else 'differ'} from the "
                  "right gradients. For example "
                  f"{label}{list(map(int, k))} should be {want[k]:.6g}, but yours is {wrong[k]:.6g}.{hint}")


def network_gradients(function: Any) -> Result:
    r"""Check a reader's backpropagation for a sigmoid network with the squared-error cost.

    Parameters
    ----------
    function : callable
        ``function(weights, biases, X, Y) -> (dW, db)`` for a network with a
        sigmoid in every layer and any number of layers: ``weights[l]`` has
        shape ``(n_out, n_in)``, ``biases[l]`` shape ``(n_out,)``, ``X`` is
        ``(m, n_0)`` (one example per row) and ``Y`` is ``(m, n_L)``. It returns
        the gradients of :math:`C = \frac1m\sum_i\lVert a_i - y_i\rVert^2` as two
        lists shaped like ``weights`` and ``biases`` (bias gradients of shape
        ``(n_out, 1)``, the course's convention, or ``(1, n_out)``, a sum with
        ``keepdims=True``, are accepted too).

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the mistake.

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> def grads(weights, biases, X, Y):
    ...     net = nn.Network([W.shape[1] for W in weights] + [weights[-1].shape[0]])
    ...     net.weights, net.biases = weights, biases
    ...     return net.gradients(X, Y)
    >>> bool(network_gradients(grads))
    True
    """
    return run("network_gradients", function,
               lambda f: _check(f, "network_gradients", _regression_probes(), {**_SHARED, **_REGRESSION},
                                "networks, from a single neuron to 4 layers, with square layers, inputs of size "
                                "1e-6, saturated units and a single example."))


def classifier_gradients(function: Any) -> Result:
    r"""Check a reader's backpropagation for a two-layer classifier (tanh hidden layer, sigmoid output, log loss).

    Parameters
    ----------
    function : callable
        ``function(weights, biases, X, Y) -> (dW, db)`` for a network with
        layer sizes ``(n_0, n_h, n_out)``: ``weights = [W1, W2]`` of shapes
        ``(n_h, n_0)`` and ``(n_out, n_h)``, ``biases = [b1, b2]``, ``X`` of shape
        ``(m, n_0)`` and labels ``Y`` of shape ``(m, n_out)`` in {0, 1}. The cost
        is the log loss summed over the outputs and averaged over the examples.
        Bias gradients of shape ``(n, 1)`` or ``(1, n)`` are accepted too.

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the mistake.

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> def grads(weights, biases, X, Y):
    ...     sizes = [weights[0].shape[1], weights[0].shape[0], weights[1].shape[0]]
    ...     net = nn.Network(sizes, ["tanh", "sigmoid"], loss="log")
    ...     net.weights, net.biases = weights, biases
    ...     return net.gradients(X, Y)
    >>> bool(classifier_gradients(grads))
    True
    """
    return run("classifier_gradients", function,
               lambda f: _check(f, "classifier_gradients", _classifier_probes(), {**_SHARED, **_CLASSIFIER},
                                "classifiers, from one hidden unit to three inputs and three outputs, with square "
                                "layers, inputs of size 1e-6, saturated units and a single example."))
