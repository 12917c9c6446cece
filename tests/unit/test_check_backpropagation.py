"""Tests for the Chapter 9 checkers: right backpropagations pass, each typical mistake is named."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlbook import check, nn
from mmlbook.check import backpropagation


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(weights, biases, X):
    A, Z = [X], []
    for W, b in zip(weights, biases):
        Z.append(A[-1] @ W.T + b)
        A.append(sigmoid(Z[-1]))
    return A, Z


# --- network_gradients: right answers written in different ways -----------------------------

def grads_vectorised(weights, biases, X, Y):
    A, Z = forward(weights, biases, X)
    delta = 2 / len(X) * (A[-1] - Y) * A[-1] * (1 - A[-1])
    dW, db = [None] * len(weights), [None] * len(weights)
    for l in reversed(range(len(weights))):
        dW[l] = delta.T @ A[l]
        db[l] = delta.sum(axis=0)
        if l > 0:
            delta = (delta @ weights[l]) * A[l] * (1 - A[l])
    return dW, db


def grads_loops(weights, biases, X, Y):
    # one example at a time, column vectors, plain Python sums
    L, m = len(weights), len(X)
    dW = [np.zeros_like(W) for W in weights]
    db = [np.zeros_like(b) for b in biases]
    for i in range(m):
        a, acts, zs = X[i], [X[i]], []
        for W, b in zip(weights, biases):
            zs.append(W @ a + b)
            a = sigmoid(zs[-1])
            acts.append(a)
        delta = 2 * (a - Y[i]) * a * (1 - a)
        for l in range(L - 1, -1, -1):
            dW[l] += np.outer(delta, acts[l]) / m
            db[l] += delta / m
            if l > 0:
                delta = (weights[l].T @ delta) * acts[l] * (1 - acts[l])
    return dW, db


def grads_float32(weights, biases, X, Y):
    weights = [np.float32(W) for W in weights]
    biases = [np.float32(b) for b in biases]
    dW, db = grads_vectorised(weights, biases, np.float32(X), np.float32(Y))
    return [np.float32(g) for g in dW], [np.float32(g) for g in db]


def grads_columns(weights, biases, X, Y):
    # the Imperial course's convention: examples in columns, biases as columns
    A = [X.T]
    for W, b in zip(weights, biases):
        A.append(sigmoid(W @ A[-1] + b.reshape(-1, 1)))
    delta = 2 / X.shape[0] * (A[-1] - Y.T) * A[-1] * (1 - A[-1])
    dW, db = [None] * len(weights), [None] * len(weights)
    for l in reversed(range(len(weights))):
        dW[l] = delta @ A[l].T
        db[l] = np.sum(delta, axis=1, keepdims=True)
        if l > 0:
            delta = (weights[l].T @ delta) * A[l] * (1 - A[l])
    return dW, db


def grads_with_network(weights, biases, X, Y):
    net = nn.Network([weights[0].shape[1]] + [W.shape[0] for W in weights])
    net.weights, net.biases = weights, biases
    return net.gradients(X, Y)


def grads_tuples(weights, biases, X, Y):
    dW, db = grads_vectorised(weights, biases, X, Y)
    return tuple(dW), tuple(g.tolist() for g in db)


def grads_keepdims(weights, biases, X, Y):
    # bias gradients summed with keepdims=True: rows of shape (1, n_out), harmless in b - lr * db
    dW, db = grads_vectorised(weights, biases, X, Y)
    return dW, [g[None, :] for g in db]


def grads_object_arrays(weights, biases, X, Y):
    # np.array([...], dtype=object) where lists were asked for
    dW, db = grads_vectorised(weights, biases, X, Y)
    out = np.empty(len(dW), dtype=object), np.empty(len(db), dtype=object)
    out[0][:], out[1][:] = dW, db
    return out


def grads_chain_of_jacobians(weights, biases, X, Y):
    # another valid algorithm: per example, the full Jacobian product of the chapter's theorem, forward mode
    # in the parameters of each layer (d a^(L) / d W^(l) accumulated as an explicit tensor)
    L, m = len(weights), len(X)
    dW = [np.zeros(W.shape) for W in weights]
    db = [np.zeros(b.shape) for b in biases]
    for x, y in zip(X, Y):
        acts, zs = [x], []
        for W, b in zip(weights, biases):
            zs.append(W @ acts[-1] + b)
            acts.append(sigmoid(zs[-1]))
        for l in range(L):
            # J: d z^(l+1) / d (W^(l+1), b^(l+1)), then multiply by each later layer's Jacobian in turn
            n_out, n_in = weights[l].shape
            J = np.zeros((n_out, n_out * n_in + n_out))
            for j in range(n_out):
                J[j, j * n_in:(j + 1) * n_in] = acts[l]
                J[j, n_out * n_in + j] = 1.0
            for k in range(l, L):
                J = np.diag(sigmoid_prime(zs[k])) @ J
                if k + 1 < L:
                    J = weights[k + 1] @ J
            g = 2 * (acts[-1] - y) @ J / m
            dW[l] += g[:n_out * n_in].reshape(n_out, n_in)
            db[l] += g[n_out * n_in:]
    return dW, db


CORRECT_NETWORK = [grads_vectorised, grads_loops, grads_float32, grads_columns, grads_with_network, grads_tuples,
                   grads_keepdims, grads_object_arrays, grads_chain_of_jacobians]


@pytest.mark.parametrize("function", CORRECT_NETWORK)
def test_correct_network_gradients_pass(function):
    result = check.network_gradients(function)
    assert result, result.message


# --- network_gradients: wrong answers as learners write them ---------------------------------

def backprop(weights, biases, X, Y, *, output=None, hidden=None, scale=None, dW_of=None, db_of=None,
             back=None, order=None):
    """A configurable backpropagation, so that each wrong version below changes one line of it."""
    A, Z = forward(weights, biases, X)
    m = len(X)
    delta = output(A, Z, Y, m) if output else 2 / m * (A[-1] - Y) * A[-1] * (1 - A[-1])
    dW, db = [None] * len(weights), [None] * len(weights)
    for l in reversed(range(len(weights))):
        dW[l] = dW_of(delta, A, l) if dW_of else delta.T @ A[l]
        db[l] = db_of(delta) if db_of else delta.sum(axis=0)
        if l > 0:
            carried = back(delta, weights[l]) if back else delta @ weights[l]
            delta = carried * (hidden(A, Z, l) if hidden else A[l] * (1 - A[l]))
    return (dW[::-1], db[::-1]) if order == "reversed" else (dW, db)


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


def wrong_transposed_back(w, b, X, Y):
    return backprop(w, b, X, Y, back=lambda d, W: d @ W.T)


def wrong_no_output_slope(w, b, X, Y):
    return backprop(w, b, X, Y, output=lambda A, Z, Y, m: 2 / m * (A[-1] - Y))


def wrong_no_hidden_slope(w, b, X, Y):
    return backprop(w, b, X, Y, hidden=lambda A, Z, l: 1.0)


def wrong_slope_of_activation(w, b, X, Y):
    return backprop(w, b, X, Y, output=lambda A, Z, Y, m: 2 / m * (A[-1] - Y) * sigmoid_prime(A[-1]),
                    hidden=lambda A, Z, l: sigmoid_prime(A[l]))


def wrong_slope_formula_on_z(w, b, X, Y):
    return backprop(w, b, X, Y, output=lambda A, Z, Y, m: 2 / m * (A[-1] - Y) * Z[-1] * (1 - Z[-1]),
                    hidden=lambda A, Z, l: Z[l - 1] * (1 - Z[l - 1]))


def wrong_sum(w, b, X, Y):
    return backprop(w, b, X, Y, output=lambda A, Z, Y, m: 2 * (A[-1] - Y) * A[-1] * (1 - A[-1]))


def wrong_no_two(w, b, X, Y):
    return backprop(w, b, X, Y, output=lambda A, Z, Y, m: (A[-1] - Y) * A[-1] * (1 - A[-1]) / m)


def wrong_bias_not_summed(w, b, X, Y):
    return backprop(w, b, X, Y, db_of=lambda d: d)


def wrong_bias_mean(w, b, X, Y):
    return backprop(w, b, X, Y, db_of=lambda d: d.mean(axis=0))


def wrong_double_mean(w, b, X, Y):
    return backprop(w, b, X, Y, dW_of=lambda d, A, l: d.T @ A[l] / len(d), db_of=lambda d: d.mean(axis=0))


def wrong_reversed(w, b, X, Y):
    return backprop(w, b, X, Y, order="reversed")


def wrong_shapes_in_out(w, b, X, Y):
    return backprop(w, b, X, Y, dW_of=lambda d, A, l: A[l].T @ d)


def wrong_off_by_one_activation(w, b, X, Y):
    return backprop(w, b, X, Y, dW_of=lambda d, A, l: d.T @ A[l + 1])


def wrong_slope_of_wrong_layer(w, b, X, Y):
    return backprop(w, b, X, Y, hidden=lambda A, Z, l: A[l + 1] * (1 - A[l + 1]))


def wrong_sign(w, b, X, Y):
    return backprop(w, b, X, Y, output=lambda A, Z, Y, m: 2 / m * (Y - A[-1]) * A[-1] * (1 - A[-1]))


def wrong_log_shortcut(w, b, X, Y):
    return backprop(w, b, X, Y, output=lambda A, Z, Y, m: (A[-1] - Y) / m)


def wrong_mean_over_outputs(w, b, X, Y):
    return backprop(w, b, X, Y, output=lambda A, Z, Y, m: 2 / Y.size * (A[-1] - Y) * A[-1] * (1 - A[-1]))


def wrong_no_bias_in_forward(w, b, X, Y):
    return grads_vectorised(w, [0 * bias for bias in b], X, Y)


def wrong_three_layers_only(weights, biases, X, Y):
    W1, W2, W3 = weights                          # the course's network only
    return grads_vectorised([W1, W2, W3], biases, X, Y)


def wrong_in_place(weights, biases, X, Y):
    dW, db = grads_vectorised(weights, biases, X, Y)
    for W, g in zip(weights, dW):
        W -= 0.1 * g
    return dW, db


def wrong_missing_return(weights, biases, X, Y):
    grads_vectorised(weights, biases, X, Y)


def wrong_one_list(weights, biases, X, Y):
    return grads_vectorised(weights, biases, X, Y)[0]


def wrong_x_size(w, b, X, Y):
    # the course divides by x.size, which is m only for its one-input network
    return backprop(w, b, X, Y, output=lambda A, Z, Y, m: 2 / X.size * (A[-1] - Y) * A[-1] * (1 - A[-1]))


def wrong_m_from_columns(w, b, X, Y):
    # m = X.shape[1], the habit of the courses' examples-in-columns convention
    return backprop(w, b, X, Y, output=lambda A, Z, Y, m: 2 / X.shape[1] * (A[-1] - Y) * A[-1] * (1 - A[-1]))


def wrong_z_for_a(w, b, X, Y):
    _, Z = forward(w, b, X)
    return backprop(w, b, X, Y, dW_of=lambda d, A, l: d.T @ (Z[l - 1] if l > 0 else X))


def wrong_swapped(w, b, X, Y):
    dW, db = grads_vectorised(w, b, X, Y)
    return db, dW


def wrong_pairs_per_layer(w, b, X, Y):
    return list(zip(*grads_vectorised(w, b, X, Y)))


def wrong_input_layer_included(w, b, X, Y):
    dW, db = grads_vectorised(w, b, X, Y)
    return [np.zeros((X.shape[1], X.shape[1]))] + dW, [np.zeros(X.shape[1])] + db


def wrong_finite_differences(weights, biases, X, Y):
    # central differences with h = 1e-6: right to ~1e-7 on ordinary networks, not on gradients of size 1e-9
    def cost():
        A, _ = forward(weights, biases, X)
        return np.mean(np.sum((A[-1] - Y) ** 2, axis=1))
    grads = []
    for P in [W.copy() for W in weights] + [v.copy() for v in biases]:
        grads.append(np.zeros_like(P))
    params = list(weights) + list(biases)
    for P, G in zip(params, grads):
        for idx in np.ndindex(P.shape):
            old = P[idx]
            P[idx] = old + 1e-6
            up = cost()
            P[idx] = old - 1e-6
            down = cost()
            P[idx] = old
            G[idx] = (up - down) / 2e-6
    return grads[:len(weights)], grads[len(weights):]


def wrong_unnamed(weights, biases, X, Y):
    dW, db = grads_vectorised(weights, biases, X, Y)
    dW[0] = dW[0] * 1.01
    return dW, db


WRONG_NETWORK = [
    (wrong_transposed_back, "transpose"), (wrong_no_output_slope, "output layer's error lacks"),
    (wrong_no_hidden_slope, "hidden layers' errors lack"), (wrong_slope_of_activation, "pre-activation"),
    (wrong_slope_formula_on_z, "z (1 − z)"), (wrong_sum, "m times too large"), (wrong_no_two, "factor 2"),
    (wrong_bias_not_summed, "summed over the examples"), (wrong_bias_mean, "bias gradients are m times too small"),
    (wrong_double_mean, "applied twice"), (wrong_reversed, "reverse order"),
    (wrong_shapes_in_out, "it should be (6, 1): W[l] is (n_out, n_in)"),
    (wrong_off_by_one_activation, "*input*"), (wrong_slope_of_wrong_layer, "wrong layer"),
    (wrong_sign, "wrong sign"), (wrong_log_shortcut, "log loss"), (wrong_mean_over_outputs, "n_L times too small"),
    (wrong_no_bias_in_forward, "leaves out the biases"), (wrong_three_layers_only, "any number of layers"),
    (wrong_in_place, "changed the weights"), (wrong_missing_return, "return statement"),
    (wrong_one_list, "pair (dW, db)"), (wrong_unnamed, "dW[0] differs"),
    (wrong_x_size, "X.size = m·n_0"), (wrong_m_from_columns, "taken as X.shape[1]"),
    (wrong_z_for_a, "pre-activations Z where its activations belong"), (wrong_swapped, "returned (db, dW)"),
    (wrong_pairs_per_layer, "one (dW, db) pair per layer"), (wrong_input_layer_included, "returned 4 arrays in dW"),
    (wrong_finite_differences, "finite differences"),
]


@pytest.mark.parametrize("function, phrase", WRONG_NETWORK)
def test_wrong_network_gradients_are_named(function, phrase):
    with np.errstate(all="ignore"):
        result = check.network_gradients(function)
    assert not result
    assert phrase in result.message, result.message


def test_transposed_back_pass_is_named_though_it_raises_on_most_networks():
    message = check.network_gradients(wrong_transposed_back).message
    assert "square" in message and "raised an error" in message


def test_shape_message_gives_both_shapes():
    message = check.network_gradients(wrong_shapes_in_out).message
    assert "has shape (1, 6)" in message and "should be (6, 1)" in message


def test_unnamed_error_shows_an_entry_and_where_to_look():
    message = check.network_gradients(wrong_unnamed).message
    assert "should be" in message and "carries the error back" in message


@pytest.mark.parametrize("scale", [1e-6, 0.999, 1.001, 1e6])
def test_network_never_accepts_a_scaled_answer(scale):
    def scaled(w, b, X, Y):
        dW, db = grads_vectorised(w, b, X, Y)
        return [scale * g for g in dW], [scale * g for g in db]
    assert not check.network_gradients(scaled)


def test_network_never_accepts_one_wrong_entry():
    def one_entry(w, b, X, Y):
        dW, db = grads_vectorised(w, b, X, Y)
        db[-1] = db[-1].copy()
        db[-1][0] += 1e-3 * np.max(np.abs(db[-1]))
        return dW, db
    assert not check.network_gradients(one_entry)


# --- classifier_gradients ---------------------------------------------------------------------

def classifier(weights, biases, X, Y, *, out=None, hidden=None, scale=None, back=None, db_of=None):
    (W1, W2), (b1, b2) = weights, biases
    Z1 = X @ W1.T + b1
    A1 = np.tanh(Z1)
    Z2 = A1 @ W2.T + b2
    A2 = sigmoid(Z2)
    m = len(X)
    d2 = out(A2, Z2, Y, m) if out else (A2 - Y) / m
    carried = back(d2, W2) if back else d2 @ W2
    d1 = carried * (hidden(A1, Z1) if hidden else 1 - A1**2)
    db_of = db_of or (lambda d: d.sum(axis=0))
    return [d1.T @ X, d2.T @ A1], [db_of(d1), db_of(d2)]


def cls_right(w, b, X, Y):
    return classifier(w, b, X, Y)


def cls_loops(weights, biases, X, Y):
    (W1, W2), (b1, b2) = weights, biases
    g = [np.zeros_like(W1), np.zeros_like(W2), np.zeros_like(b1), np.zeros_like(b2)]
    for x, y in zip(X, Y):
        a1 = np.tanh(W1 @ x + b1)
        a2 = sigmoid(W2 @ a1 + b2)
        d2 = a2 - y
        d1 = (W2.T @ d2) * (1 - a1**2)
        for k, term in enumerate([np.outer(d1, x), np.outer(d2, a1), d1, d2]):
            g[k] += term / len(X)
    return [g[0], g[1]], [g[2], g[3]]


def cls_float32(w, b, X, Y):
    dW, db = classifier([np.float32(W) for W in w], [np.float32(v) for v in b], np.float32(X), np.float32(Y))
    return dW, db


def cls_chain_of_jacobians(weights, biases, X, Y):
    # dC/da2 * da2/dz2 written out, as a learner who does not know the cancellation would
    (W1, W2), (b1, b2) = weights, biases
    A1 = np.tanh(X @ W1.T + b1)
    A2 = sigmoid(A1 @ W2.T + b2)
    dC_dA2 = (-(Y / A2) + (1 - Y) / (1 - A2)) / len(X)
    d2 = dC_dA2 * A2 * (1 - A2)
    d1 = (d2 @ W2) * (1 - np.tanh(X @ W1.T + b1) ** 2)
    return [d1.T @ X, d2.T @ A1], [d1.sum(0), d2.sum(0)]


def cls_columns(weights, biases, X, Y):
    # DeepLearning.AI's convention: examples in columns, m = X.shape[1], biases as (n, 1) columns
    (W1, W2), (b1, b2) = weights, biases
    X, Y = X.T, Y.T
    m = X.shape[1]
    A1 = np.tanh(W1 @ X + b1.reshape(-1, 1))
    A2 = sigmoid(W2 @ A1 + b2.reshape(-1, 1))
    dZ2 = A2 - Y
    dZ1 = (W2.T @ dZ2) * (1 - np.power(A1, 2))
    return ([dZ1 @ X.T / m, dZ2 @ A1.T / m],
            [np.sum(dZ1, axis=1, keepdims=True) / m, np.sum(dZ2, axis=1, keepdims=True) / m])


def cls_keepdims(w, b, X, Y):
    return classifier(w, b, X, Y, db_of=lambda d: d.sum(axis=0, keepdims=True))


CORRECT_CLASSIFIER = [cls_right, cls_loops, cls_float32, cls_chain_of_jacobians, cls_columns, cls_keepdims]


@pytest.mark.parametrize("function", CORRECT_CLASSIFIER)
def test_correct_classifier_gradients_pass(function):
    result = check.classifier_gradients(function)
    assert result, result.message


def cls_sigmoid_hidden(weights, biases, X, Y):
    # a sigmoid hidden layer, forward and backward, where the classifier's is tanh
    (W1, W2), (b1, b2) = weights, biases
    A1 = sigmoid(X @ W1.T + b1)
    A2 = sigmoid(A1 @ W2.T + b2)
    d2 = (A2 - Y) / len(X)
    d1 = (d2 @ W2) * A1 * (1 - A1)
    return [d1.T @ X, d2.T @ A1], [d1.sum(axis=0), d2.sum(axis=0)]


def cls_two_inputs_only(weights, biases, X, Y):
    # the two input columns written out: right for the XOR data, wrong for three inputs
    (W1, W2), (b1, b2) = weights, biases
    A1 = np.tanh(np.outer(X[:, 0], W1[:, 0]) + np.outer(X[:, 1], W1[:, 1]) + b1)
    d2 = (sigmoid(A1 @ W2.T + b2) - Y) / len(X)
    d1 = (d2 @ W2) * (1 - A1**2)
    return [d1.T @ X, d2.T @ A1], [d1.sum(axis=0), d2.sum(axis=0)]


def cls_z_for_a(weights, biases, X, Y):
    (W1, W2), (b1, b2) = weights, biases
    Z1 = X @ W1.T + b1
    A1 = np.tanh(Z1)
    d2 = (sigmoid(A1 @ W2.T + b2) - Y) / len(X)
    d1 = (d2 @ W2) * (1 - A1**2)
    return [d1.T @ X, d2.T @ Z1], [d1.sum(axis=0), d2.sum(axis=0)]


WRONG_CLASSIFIER = [
    (lambda w, b, X, Y: classifier(w, b, X, Y, out=lambda A, Z, Y, m: (A - Y) / m * A * (1 - A)), "cancels"),
    (lambda w, b, X, Y: classifier(w, b, X, Y, out=lambda A, Z, Y, m: 2 * (A - Y) / m * A * (1 - A)),
     "squared error"),
    (lambda w, b, X, Y: classifier(w, b, X, Y, hidden=lambda A, Z: 1.0), "lacks the tanh's slope"),
    (lambda w, b, X, Y: classifier(w, b, X, Y, hidden=lambda A, Z: 1 - np.tanh(A) ** 2), "1 − tanh(a)²"),
    (lambda w, b, X, Y: classifier(w, b, X, Y, hidden=lambda A, Z: 1 - Z**2), "1 − z²"),
    (lambda w, b, X, Y: classifier(w, b, X, Y, hidden=lambda A, Z: A * (1 - A)), "sigmoid's slope"),
    (lambda w, b, X, Y: classifier(w, b, X, Y, out=lambda A, Z, Y, m: A - Y), "m times too large"),
    (lambda w, b, X, Y: classifier(w, b, X, Y, out=lambda A, Z, Y, m: (Y - A) / m), "wrong sign"),
    (lambda w, b, X, Y: classifier(w, b, X, Y, back=lambda d, W: d @ W.T), "transpose"),
    (lambda w, b, X, Y: classifier(w, b, X, Y, db_of=lambda d: d), "summed over the examples"),
    (lambda w, b, X, Y: classifier(w, b, X, Y, db_of=lambda d: d.mean(axis=0)), "bias gradients are m times"),
    (lambda w, b, X, Y: [g.T if g.ndim == 2 else g for g in classifier(w, b, X, Y)[0]], "pair (dW, db)"),
    (lambda w, b, X, Y: ([g.T for g in classifier(w, b, X, Y)[0]], classifier(w, b, X, Y)[1]), "(n_out, n_in)"),
    (lambda w, b, X, Y: classifier(w, b, X, Y, out=lambda A, Z, Y, m: (A - Y) / Y.size), "n_L times too small"),
    (lambda w, b, X, Y: classifier(w, b, X, Y, out=lambda A, Z, Y, m: (A - Y) / X.shape[1]), "taken as X.shape[1]"),
    (lambda w, b, X, Y: classifier(w, b, X, Y, out=lambda A, Z, Y, m: (A - Y) / X.size), "X.size = m·n_0"),
    (lambda w, b, X, Y: classifier(w, b, X, Y)[::-1], "returned (db, dW)"),
    (cls_sigmoid_hidden, "hidden layer is a sigmoid"),
    (cls_two_inputs_only, "does your code assume a number of inputs"),
    (cls_z_for_a, "pre-activations Z where its activations belong"),
]


@pytest.mark.parametrize("function, phrase", WRONG_CLASSIFIER)
def test_wrong_classifier_gradients_are_named(function, phrase):
    with np.errstate(all="ignore"):
        result = check.classifier_gradients(function)
    assert not result
    assert phrase in result.message, result.message


def test_the_squared_loss_network_fails_the_classifier_check_and_vice_versa():
    assert not check.classifier_gradients(grads_vectorised)
    assert not check.network_gradients(cls_right)


def test_success_messages_describe_the_networks_tried():
    assert "from a single neuron to 4 layers" in check.network_gradients(grads_vectorised).message
    message = check.classifier_gradients(cls_right).message
    assert "7 classifiers" in message and "single neuron" not in message and "three outputs" in message


def test_finite_differences_are_told_why_they_fail():
    message = check.network_gradients(wrong_finite_differences).message
    assert "inputs of size 1e-6" in message and "right on every other network" in message


def test_doctests():
    assert doctest.testmod(backpropagation, extraglobs={"nn": nn}).failed == 0


# --- the tolerance is relative to each array's size --------------------------------------------

@settings(max_examples=15, deadline=None)
@given(exponent=st.floats(-9, -5.5), sign=st.sampled_from([-1.0, 1.0]))
def test_rounding_sized_relative_errors_pass(exponent, sign):
    factor = 1 + sign * 10.0**exponent

    def nearly(w, b, X, Y):
        dW, db = grads_vectorised(w, b, X, Y)
        return [factor * g for g in dW], [factor * g for g in db]
    assert check.network_gradients(nearly)


@settings(max_examples=15, deadline=None)
@given(exponent=st.floats(-3, 1), sign=st.sampled_from([-1.0, 1.0]), layer=st.integers(0, 2))
def test_relative_errors_far_above_rounding_fail_in_any_layer(exponent, sign, layer):
    factor = 1 + sign * 10.0**exponent

    def off(w, b, X, Y):
        dW, db = grads_vectorised(w, b, X, Y)
        k = min(layer, len(dW) - 1)
        dW[k] = factor * dW[k]
        return dW, db
    assert not check.network_gradients(off)
