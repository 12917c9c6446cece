"""Tests for mmlbook.nn: every backpropagated gradient against central differences, training, bad input."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlbook import calculus, datasets, nn
from mmlbook.nn import Network

ARCHITECTURES = [[1, 1], [1, 6, 7, 2], [2, 3, 1], [3, 4, 4, 2], [2, 5, 3, 4, 1]]
ACTIVATIONS = ["sigmoid", "tanh", "identity"]


def data(sizes, m, seed):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(m, sizes[0])), rng.uniform(-0.5, 1.0, size=(m, sizes[-1]))


def flat_cost(net, X, Y):
    """The cost as a function of all parameters stacked in one vector, written independently of nn."""
    shapes = [W.shape for W in net.weights] + [b.shape for b in net.biases]
    L = len(net.weights)

    def cost(theta):
        parts, start = [], 0
        for shape in shapes:
            size = int(np.prod(shape))
            parts.append(theta[start:start + size].reshape(shape))
            start += size
        A = X
        for W, b, f in zip(parts[:L], parts[L:], net.activations):
            Z = A @ W.T + b
            A = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh, "identity": lambda z: z}[f](Z)
        return np.mean(np.sum((A - Y) ** 2, axis=1))

    theta = np.concatenate([p.ravel() for p in net.weights + net.biases])
    return cost, theta


def max_relative_error(got, wanted):
    scale = max(np.max(np.abs(w)) for w in wanted)
    return max(np.max(np.abs(g - w)) for g, w in zip(got, wanted)) / scale


@pytest.mark.parametrize("sizes", ARCHITECTURES)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_every_gradient_matches_central_differences(sizes, activation):
    net = Network(sizes, activation=activation, seed=3)
    for l in range(len(net.biases)):  # non-zero biases, so their gradients are exercised away from 0
        net.biases[l] = np.random.default_rng(l).normal(size=net.biases[l].shape)
    X, Y = data(sizes, 7, seed=1)
    dW, db = net.gradients(X, Y)
    cost, theta = flat_cost(net, X, Y)
    numeric = calculus.gradient(cost, theta)
    backprop = np.concatenate([g.ravel() for g in dW + db])
    assert backprop.shape == theta.shape
    assert np.max(np.abs(backprop - numeric)) <= 1e-7 * np.max(np.abs(numeric))
    # and the shapes are those of the parameters, entry by entry
    assert [g.shape for g in dW] == [W.shape for W in net.weights]
    assert [g.shape for g in db] == [b.shape for b in net.biases]


@pytest.mark.parametrize("sizes", [[2, 3, 1], [3, 5, 2], [1, 4, 4, 3]])
@pytest.mark.parametrize("hidden", ["sigmoid", "tanh"])
def test_log_loss_gradients_match_central_differences(sizes, hidden):
    L = len(sizes) - 1
    net = Network(sizes, activation=[hidden] * (L - 1) + ["sigmoid"], seed=2, loss="log")
    rng = np.random.default_rng(5)
    X = rng.normal(size=(9, sizes[0]))
    Y = rng.uniform(0, 1, size=(9, sizes[-1])).round()
    dW, db = net.gradients(X, Y)
    nW, nb = nn.numerical_gradients(net, X, Y)
    assert max_relative_error(dW + db, nW + nb) < 1e-7


def test_log_loss_formula():
    net = Network([2, 3, 1], activation=["tanh", "sigmoid"], seed=0, loss="log")
    X, Y = datasets.xor_blobs(per_blob=5)
    a = net.forward(X)
    assert np.isclose(net.cost(X, Y), -np.mean(Y * np.log(a) + (1 - Y) * np.log(1 - a)), rtol=1e-12)


def test_log_loss_stays_finite_when_an_output_saturates():
    net = Network([1, 1], seed=0, loss="log")
    net.weights[0][:] = 100.0
    X, Y = np.array([[10.0]]), np.array([[0.0]])       # z = 1000: sigma(z) rounds to 1, ln(1 - a) = -inf
    assert np.isclose(net.cost(X, Y), 1000.0)
    assert np.all(np.isfinite(net.gradients(X, Y)[0][0]))


def test_cost_is_mean_over_examples_of_squared_error_summed_over_outputs():
    net = Network([1, 6, 7, 2], seed=0)
    X, Y = datasets.heart_curve()
    A = net.forward(X)
    wanted = sum(sum((A[i, j] - Y[i, j]) ** 2 for j in range(2)) for i in range(len(X))) / len(X)
    assert np.isclose(net.cost(X, Y), wanted, rtol=1e-12)


def test_forward_is_the_layer_formula():
    net = Network([3, 4, 2], activation=["tanh", "identity"], seed=4)
    x = np.array([0.3, -1.2, 2.0])
    a1 = np.tanh(net.weights[0] @ x + net.biases[0])
    a2 = net.weights[1] @ a1 + net.biases[1]
    assert np.allclose(net.forward(x[None, :])[0], a2, rtol=1e-14)


def test_initialisation_is_seeded_and_scaled():
    a, b, c = Network([50, 400, 3], seed=7), Network([50, 400, 3], seed=7), Network([50, 400, 3], seed=8)
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights))
    assert not np.array_equal(a.weights[0], c.weights[0])
    assert np.isclose(a.weights[0].std(), 1 / np.sqrt(50), rtol=0.05)
    assert np.isclose(a.weights[1].std(), 1 / np.sqrt(400), rtol=0.05)
    assert all(np.all(bias == 0) for bias in a.biases)
    assert [W.shape for W in a.weights] == [(400, 50), (3, 400)] and [b.shape for b in a.biases] == [(400,), (3,)]


def test_train_decreases_the_cost_and_reports_cost_before_each_step():
    X, Y = datasets.heart_curve(40)
    net = Network([1, 6, 7, 2], seed=0)
    start = net.cost(X, Y)
    twin = net.copy()
    costs = net.train(X, Y, lr=3.0, iterations=2000)
    assert costs.shape == (2000,) and costs[0] == start
    assert net.cost(X, Y) < costs[-1] < 0.2 * start
    assert np.all(np.diff(costs) < 0)              # a small enough step lowers the cost every time
    # costs[k] is the cost after k steps: one more step from the copy gives costs[1]
    twin.train(X, Y, lr=3.0, iterations=1)
    assert np.isclose(twin.cost(X, Y), costs[1], rtol=1e-13)


def test_train_step_is_gradient_descent():
    X, Y = data([2, 3, 2], 6, seed=0)
    net = Network([2, 3, 2], activation="tanh", seed=1)
    before = net.copy()
    dW, db = before.gradients(X, Y)
    net.train(X, Y, 0.1, 1)
    assert all(np.allclose(W, W0 - 0.1 * g) for W, W0, g in zip(net.weights, before.weights, dW))
    assert all(np.allclose(b, b0 - 0.1 * g) for b, b0, g in zip(net.biases, before.biases, db))


def test_xor_classifier_learns():
    X, y = datasets.xor_blobs()
    net = Network([2, 4, 1], activation=["tanh", "sigmoid"], seed=0, loss="log")
    costs = net.train(X, y, 1.0, 1000)
    assert costs[-1] < 0.25 * costs[0]
    assert np.mean((net.forward(X) > 0.5) == y) > 0.95


def test_train_diverging_is_reported():
    X, Y = datasets.heart_curve(20)
    net = Network([1, 3, 2], activation="identity", seed=0)
    with pytest.raises(ValueError, match="lr"):
        with np.errstate(all="ignore"):
            net.train(X * 1e3, Y, 10.0, 200)


def test_copy_is_independent():
    net = Network([2, 2, 1])
    twin = net.copy()
    twin.weights[0][0, 0] += 1
    assert net.weights[0][0, 0] != twin.weights[0][0, 0]


def test_doctests():
    assert doctest.testmod(nn, extraglobs={"np": np}).failed == 0
    assert doctest.run_docstring_examples is not None


# --- properties ------------------------------------------------------------------------

@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), m=st.integers(1, 6),
       sizes=st.lists(st.integers(1, 4), min_size=2, max_size=4),
       activation=st.sampled_from(["sigmoid", "tanh"]))
def test_gradient_check_at_random_seeds(seed, m, sizes, activation):
    net = Network(sizes, activation=activation, seed=seed)
    X, Y = data(sizes, m, seed)
    dW, db = net.gradients(X, Y)
    nW, nb = nn.numerical_gradients(net, X, Y)
    scale = max(max(np.max(np.abs(g)) for g in nW + nb), 1e-3 * net.cost(X, Y))
    assert max(np.max(np.abs(a - b)) for a, b in zip(dW + db, nW + nb)) <= 1e-6 * scale + 1e-12


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), m=st.integers(1, 8), activation=st.sampled_from(["sigmoid", "tanh"]))
def test_batch_is_the_mean_of_single_examples(seed, m, activation):
    net = Network([2, 3, 2], activation=activation, seed=seed)
    X, Y = data([2, 3, 2], m, seed)
    cost = net.cost(X, Y)
    dW, db = net.gradients(X, Y)
    singles = [net.gradients(X[i:i + 1], Y[i:i + 1]) for i in range(m)]
    assert np.isclose(cost, np.mean([net.cost(X[i:i + 1], Y[i:i + 1]) for i in range(m)]), rtol=1e-12)
    for l in range(2):
        assert np.allclose(dW[l], np.mean([s[0][l] for s in singles], axis=0), rtol=1e-10, atol=1e-15)
        assert np.allclose(db[l], np.mean([s[1][l] for s in singles], axis=0), rtol=1e-10, atol=1e-15)
    # the forward pass of a batch is the forward pass of each row
    assert np.allclose(net.forward(X), np.vstack([net.forward(X[i:i + 1]) for i in range(m)]), rtol=1e-14)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), permutation_seed=st.integers(0, 100))
def test_cost_and_gradients_do_not_depend_on_the_order_of_examples(seed, permutation_seed):
    net = Network([1, 6, 7, 2], seed=seed)
    X, Y = datasets.heart_curve(30)
    order = np.random.default_rng(permutation_seed).permutation(len(X))
    assert np.isclose(net.cost(X, Y), net.cost(X[order], Y[order]), rtol=1e-12)
    for g, h in zip(sum(net.gradients(X, Y), []), sum(net.gradients(X[order], Y[order]), [])):
        assert np.allclose(g, h, rtol=1e-10, atol=1e-15)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), repeat=st.integers(2, 4))
def test_repeating_the_data_changes_nothing(seed, repeat):
    """The cost and gradients are means over examples: copies of the data set leave them alone."""
    net = Network([2, 4, 1], activation="tanh", seed=seed)
    X, Y = data([2, 4, 1], 5, seed)
    Xr, Yr = np.tile(X, (repeat, 1)), np.tile(Y, (repeat, 1))
    assert np.isclose(net.cost(X, Y), net.cost(Xr, Yr), rtol=1e-12)
    for g, h in zip(sum(net.gradients(X, Y), []), sum(net.gradients(Xr, Yr), [])):
        assert np.allclose(g, h, rtol=1e-10, atol=1e-15)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), exponent=st.sampled_from([-8, -4, 4, 8]))
def test_identity_network_gradients_scale_with_the_data(seed, exponent):
    """A linear network: scaling X, Y and the biases by c scales the cost by c² and dW by c²."""
    c = 10.0**exponent
    net = Network([2, 2], activation="identity", seed=seed)
    net.biases[0] = np.array([0.3, -0.2])
    X, Y = data([2, 2], 4, seed)
    scaled = net.copy()
    scaled.biases[0] = c * net.biases[0]
    assert np.isclose(scaled.cost(c * X, c * Y), c**2 * net.cost(X, Y), rtol=1e-10)
    dW, db = net.gradients(X, Y)
    sW, sb = scaled.gradients(c * X, c * Y)
    assert np.allclose(sW[0], c**2 * dW[0], rtol=1e-9) and np.allclose(sb[0], c * db[0], rtol=1e-9)


# --- bad input ---------------------------------------------------------------------------

BAD_NETWORKS = [
    (dict(layer_sizes=[3]), ValueError, "layer_sizes"),
    (dict(layer_sizes=[]), ValueError, "layer_sizes"),
    (dict(layer_sizes=[2, 0, 1]), ValueError, r"layer_sizes\[1\]"),
    (dict(layer_sizes=[2, -3, 1]), ValueError, r"layer_sizes\[1\]"),
    (dict(layer_sizes=[2, 2.5, 1]), TypeError, r"layer_sizes\[1\]"),
    (dict(layer_sizes=[2, True]), TypeError, r"layer_sizes\[1\]"),
    (dict(layer_sizes="1-6-7-2"), TypeError, "layer_sizes"),
    (dict(layer_sizes=4), TypeError, "layer_sizes"),
    (dict(layer_sizes=[1, 2], activation="relu"), ValueError, "activation"),
    (dict(layer_sizes=[1, 2], activation="Sigmoid"), ValueError, "activation"),
    (dict(layer_sizes=[1, 2], activation=3), TypeError, "activation"),
    (dict(layer_sizes=[1, 2, 1], activation=["tanh"] * 3), ValueError, "activation"),
    (dict(layer_sizes=[1, 2, 1], activation=["tanh", None]), TypeError, "activation"),
    (dict(layer_sizes=[1, 2], seed=1.5), TypeError, "seed"),
    (dict(layer_sizes=[1, 2], seed=-1), ValueError, "seed"),
    (dict(layer_sizes=[1, 2], seed="0"), TypeError, "seed"),
    (dict(layer_sizes=[1, 2], loss="cross-entropy"), ValueError, "loss"),
    (dict(layer_sizes=[1, 2], loss=None), TypeError, "loss"),
    (dict(layer_sizes=[1, 2], activation="tanh", loss="log"), ValueError, "loss"),
]


@pytest.mark.parametrize("kwargs, error, name", BAD_NETWORKS)
def test_bad_network_arguments_are_named(kwargs, error, name):
    with pytest.raises(error, match=name):
        Network(**kwargs)


GOOD_X, GOOD_Y = np.zeros((4, 2)), np.zeros((4, 3))
BAD_DATA = [
    (np.zeros((4, 3)), GOOD_Y, ValueError, r"X must have shape \(m, 2\)"),
    (np.zeros((2, 4)), np.zeros((2, 3)), ValueError, "X must have shape"),
    (np.zeros(2), GOOD_Y, ValueError, "X must have 2 dimension"),
    (np.zeros((0, 2)), np.zeros((0, 3)), ValueError, "X must not be empty"),
    (np.array([[np.nan, 0.0]] * 4), GOOD_Y, ValueError, "X must contain only finite"),
    (np.array([[np.inf, 0.0]] * 4), GOOD_Y, ValueError, "X must contain only finite"),
    ("data", GOOD_Y, TypeError, "X"),
    (GOOD_X, np.zeros((4, 2)), ValueError, r"Y must have shape \(m, n_L\) = \(4, 3\)"),
    (GOOD_X, np.zeros((3, 3)), ValueError, "Y must have shape"),
    (GOOD_X, np.zeros(4), ValueError, "Y must have 2 dimension"),
    (GOOD_X, np.full((4, 3), np.nan), ValueError, "Y must contain only finite"),
    (GOOD_X, np.zeros((4, 3), dtype=complex), TypeError, "Y"),
]


@pytest.mark.parametrize("X, Y, error, message", BAD_DATA)
@pytest.mark.parametrize("method", ["cost", "gradients", "train", "numerical"])
def test_bad_data_is_named(X, Y, error, message, method):
    net = Network([2, 3, 3])
    with pytest.raises(error, match=message):
        if method == "train":
            net.train(X, Y, 0.1, 1)
        elif method == "numerical":
            nn.numerical_gradients(net, X, Y)
        else:
            getattr(net, method)(X, Y)


@pytest.mark.parametrize("X, error, message", [(np.zeros((4, 3)), ValueError, "X must have shape"),
                                                (np.array([[np.nan, 1.0]]), ValueError, "X must contain")])
def test_bad_forward_input_is_named(X, error, message):
    with pytest.raises(error, match=message):
        Network([2, 3, 3]).forward(X)


@pytest.mark.parametrize("lr, iterations, error, name", [
    (0.0, 10, ValueError, "lr"), (-0.1, 10, ValueError, "lr"), (np.nan, 10, ValueError, "lr"),
    (np.inf, 10, ValueError, "lr"), ("0.1", 10, TypeError, "lr"), (None, 10, TypeError, "lr"),
    (0.1, 0, ValueError, "iterations"), (0.1, -5, ValueError, "iterations"),
    (0.1, 2.0, TypeError, "iterations"), (0.1, 2.5, TypeError, "iterations"),
    (0.1, True, TypeError, "iterations"), (0.1, "10", TypeError, "iterations"),
])
def test_bad_training_arguments_are_named(lr, iterations, error, name):
    with pytest.raises(error, match=name):
        Network([2, 3, 3]).train(GOOD_X, GOOD_Y, lr, iterations)


@pytest.mark.parametrize("sizes, X, Y, method, message", [
    ([2, 3, 1], np.array([0.5, -1.0]), None, "forward", r"single example use X\.reshape\(1, -1\)"),
    ([1, 3, 2], np.linspace(0, 1, 5), None, "forward", r"5 examples of one value each use X\.reshape\(-1, 1\)"),
    ([2, 3, 1], np.zeros((4, 2)), np.zeros(4), "cost", r"Y must have 2 dimensions.*Y\.reshape\(-1, 1\)"),
    ([2, 3, 1], np.zeros((4, 2)), np.zeros(4), "gradients", r"Y\.reshape\(-1, 1\)"),
    ([2, 3, 1], np.zeros((4, 2)), np.zeros(4), "train", r"Y\.reshape\(-1, 1\)"),
    ([2, 3, 2], np.zeros((1, 2)), np.zeros(2), "cost", r"single example use Y\.reshape\(1, -1\)"),
])
def test_one_dimensional_data_is_refused_with_the_reshape_it_needs(sizes, X, Y, method, message):
    """No silent broadcasting: Y of shape (m,) against outputs (m, 1) would make an (m, m) error matrix."""
    net = Network(sizes, seed=0)
    with pytest.raises(ValueError, match=message):
        if method == "forward":
            net.forward(X)
        elif method == "train":
            net.train(X, Y, 0.1, 1)
        else:
            getattr(net, method)(X, Y)


def test_float32_and_list_data_give_the_float64_results():
    net = Network([2, 3, 1], activation=["tanh", "sigmoid"], seed=3, loss="log")
    X, Y = datasets.xor_blobs(per_blob=4)
    dW, db = net.gradients(X, Y)
    for X_, Y_ in [(X.astype(np.float32), Y.astype(np.float32)), (X.tolist(), Y.tolist())]:
        assert net.forward(X_).dtype == np.float64
        gW, gb = net.gradients(X_, Y_)
        assert max_relative_error(gW + gb, dW + db) < 1e-6
        assert np.isclose(net.cost(X_, Y_), net.cost(X, Y), rtol=1e-6)


def test_log_loss_gradient_at_saturated_outputs_is_a_minus_y():
    """a = 1 against y = 0 and a = 0 against y = 1: dC/dz = (a - y)/m exactly, no 0/0 from 1/(a(1 - a))."""
    net = Network([1, 1], seed=0, loss="log")
    net.weights[0][:] = 1000.0
    X, Y = np.array([[1.0], [-1.0]]), np.array([[0.0], [1.0]])
    with np.errstate(divide="raise", over="raise", invalid="raise"):   # underflow to 0 is fine
        dW, db = net.gradients(X, Y)
        assert net.cost(X, Y) == 1000.0
    assert np.array_equal(dW[0], [[1.0]]) and np.array_equal(db[0], [0.0])


def test_divergence_on_the_last_step_is_reported():
    """The cost before the step is finite, the step itself overflows: the weights must not come back as inf."""
    X, Y = datasets.heart_curve(20)
    net = Network([1, 3, 2], activation="identity", seed=0)
    assert max(np.max(np.abs(g)) for g in sum(net.gradients(X * 100, Y), [])) > 10   # so lr * gradient overflows
    with np.errstate(all="ignore"):
        with pytest.raises(ValueError, match="training diverged at step 0"):
            net.train(X * 100, Y, 1e308, 1)


def test_activations_changed_by_hand_are_checked():
    net = Network([2, 3, 1], activation=["tanh", "sigmoid"], seed=0, loss="log")
    net.activations = ("tanh", "tanh")
    with pytest.raises(ValueError, match="loss='log' needs a sigmoid output layer"):
        net.gradients(np.zeros((2, 2)), np.zeros((2, 1)))
    net.activations = ("tanh",)
    with pytest.raises(ValueError, match="2 layers but 1 activations"):
        net.forward(np.zeros((2, 2)))


def test_log_loss_targets_outside_unit_interval():
    net = Network([2, 1], seed=0, loss="log")
    with pytest.raises(ValueError, match=r"Y must hold values in \[0, 1\]"):
        net.cost(np.zeros((2, 2)), np.array([[0.0], [2.0]]))


@pytest.mark.parametrize("change, message", [
    (lambda net: net.weights.__setitem__(0, net.weights[0].T), r"weights\[0\] must have shape \(n_out, n_in\) = \(3, 2\)"),
    (lambda net: net.biases.__setitem__(1, net.biases[1][:, None]), r"biases\[1\] must have shape \(3,\)"),
    (lambda net: net.weights.pop(), "2 layers but 1 weight"),
    (lambda net: net.weights[1].__setitem__((0, 0), np.nan), r"weights\[1\] or biases\[1\] holds NaN"),
])
def test_parameters_set_by_hand_are_checked(change, message):
    net = Network([2, 3, 3])
    change(net)
    with pytest.raises(ValueError, match=message):
        net.forward(GOOD_X)


def test_numerical_gradients_bad_arguments():
    with pytest.raises(TypeError, match="network"):
        nn.numerical_gradients("net", GOOD_X, GOOD_Y)
    with pytest.raises(ValueError, match="h"):
        nn.numerical_gradients(Network([2, 3, 3]), GOOD_X, GOOD_Y, h=0.0)


@pytest.mark.parametrize("z", ["0.5", None, [1 + 2j], {"a": 1}])
def test_sigmoid_bad_input(z):
    with pytest.raises(TypeError, match="z"):
        nn.sigmoid(z)


def test_sigmoid_shapes_and_infinities():
    assert isinstance(nn.sigmoid(0.0), float) and nn.sigmoid(np.zeros((2, 3))).shape == (2, 3)
    assert nn.sigmoid(-np.inf) == 0.0 and nn.sigmoid(np.inf) == 1.0 and nn.sigmoid([]).shape == (0,)


def test_sigmoid_does_not_overflow():
    with np.errstate(over="raise"):
        assert nn.sigmoid(-1000.0) == 0.0 and nn.sigmoid(1000.0) == 1.0
    z = np.linspace(-30, 30, 61)
    assert np.allclose(nn.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-13, atol=0)


# --- the data sets of the chapter ---------------------------------------------------

def test_heart_curve():
    t, uv = datasets.heart_curve()
    assert t.shape == (100, 1) and uv.shape == (100, 2)
    assert t[0, 0] == 0 and t[-1, 0] == 1 and np.allclose(uv[0], uv[-1])
    assert np.all((uv > 0.09) & (uv < 0.91))
    # the ranges the docstring states, on a fine sampling of the whole curve
    _, fine = datasets.heart_curve(200_001)
    assert np.allclose(fine.min(axis=0), [0.1, 0.1375], atol=1e-9)
    assert np.isclose(fine[:, 0].max(), 0.9, atol=1e-9) and 0.8605 < fine[:, 1].max() < 0.861
    s = 2 * np.pi * t[:, 0]
    assert np.allclose((uv[:, 0] - 0.5) * 40, 16 * np.sin(s) ** 3)
    with pytest.raises(ValueError, match="points"):
        datasets.heart_curve(1)
    with pytest.raises(TypeError, match="points"):
        datasets.heart_curve(10.0)


def test_xor_blobs():
    X, y = datasets.xor_blobs(per_blob=30, seed=2)
    assert X.shape == (120, 2) and y.shape == (120, 1) and set(np.unique(y)) == {0.0, 1.0}
    X2, y2 = datasets.xor_blobs(per_blob=30, seed=2)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    centres = X.reshape(4, 30, 2).mean(axis=1)
    assert np.allclose(centres, [[1, 1], [-1, -1], [1, -1], [-1, 1]], atol=0.3)
    for kwargs, error in [(dict(per_blob=0), ValueError), (dict(spread=0.0), ValueError),
                          (dict(seed=-1), ValueError), (dict(per_blob=2.5), TypeError)]:
        with pytest.raises(error, match=next(iter(kwargs))):
            datasets.xor_blobs(**kwargs)
