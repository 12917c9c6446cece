r"""Fully connected neural networks in NumPy, trained by backpropagation (Chapter 9).

A :class:`Network` with layer sizes :math:`(n_0, n_1, \dots, n_L)` holds, for
each layer :math:`l = 1, \dots, L`, a weight matrix :math:`W^{(l)}` of shape
``(n_l, n_{l-1})`` (one row per output neuron, one column per input) and a bias
vector :math:`b^{(l)}` of shape ``(n_l,)``. Python lists count from 0, so
``weights[0]`` is :math:`W^{(1)}`.

Examples are the **rows** of ``X`` (shape ``(m, n_0)``). Layer by layer,

.. math::
    Z^{(l)} = A^{(l-1)} W^{(l)\top} + \mathbf 1\, b^{(l)\top}, \qquad
    A^{(l)} = f_l\big(Z^{(l)}\big), \qquad A^{(0)} = X,

so row :math:`i` of :math:`Z^{(l)}` is :math:`W^{(l)} a_i^{(l-1)} + b^{(l)}`,
the column-vector formula of the chapter applied to example :math:`i`.
The cost is the squared error summed over the outputs and averaged over the examples,

.. math:: C = \frac1m \sum_{i=1}^m \sum_{j=1}^{n_L} \big(a^{(L)}_{ij} - y_{ij}\big)^2 ,

or, with ``loss="log"`` (sigmoid output only), the log loss (cross-entropy)
:math:`-\frac1m \sum_i \sum_j [y_{ij}\ln a_{ij} + (1-y_{ij})\ln(1-a_{ij})]`.

:meth:`Network.gradients` applies the chain rule backwards (backpropagation);
:func:`numerical_gradients` gets the same numbers by central differences
(:func:`mmlbook.calculus.gradient`), which is how the tests check every gradient.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from . import calculus
from ._validate import as_array, as_number

__all__ = ["ACTIVATIONS", "LOSSES", "Network", "sigmoid", "numerical_gradients"]

#: The activation functions a layer may use.
ACTIVATIONS = ("sigmoid", "tanh", "identity")
#: The costs a network may be trained on.
LOSSES = ("squared", "log")


def sigmoid(z: Any) -> np.ndarray:
    r"""The logistic sigmoid :math:`\sigma(z) = 1/(1+e^{-z})`, elementwise, without overflow.

    For :math:`z \ge 0` it computes :math:`1/(1+e^{-z})`; for :math:`z < 0` the equal
    :math:`e^{z}/(1+e^{z})`. Neither exponential can overflow, and both keep full
    relative accuracy (``np.exp(-z)`` alone overflows for ``z < -709``).

    >>> float(sigmoid(0.0))
    0.5
    >>> bool(sigmoid(-1000.0) == 0.0 and sigmoid(1000.0) == 1.0)
    True

    Raises
    ------
    TypeError
        ``z`` is not numbers (a string, complex numbers).
    """
    return _sigmoid(as_array("z", z, ndim=None, finite=False, allow_empty=True))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))                  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))[()]   # [()]: a number for a number


def _activate(name: str, z: np.ndarray) -> np.ndarray:
    if name == "sigmoid":
        return _sigmoid(z)
    if name == "tanh":
        return np.tanh(z)
    return z.copy()


def _slope(name: str, z: np.ndarray) -> np.ndarray:
    """The activation's derivative f'(z), evaluated at the pre-activation z."""
    if name == "sigmoid":
        s = _sigmoid(z)
        return s * (1.0 - s)
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    return np.ones_like(z)


def _as_layer_sizes(layer_sizes: Any) -> tuple[int, ...]:
    if isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Sequence | np.ndarray):
        raise TypeError(f"layer_sizes must be a list of integers such as [1, 6, 7, 2], "
                        f"got {type(layer_sizes).__name__}")
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes must list at least two sizes (inputs and outputs), got {sizes}")
    for k, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise TypeError(f"layer_sizes[{k}] must be an integer, got {type(n).__name__} {n!r}")
        if n < 1:
            raise ValueError(f"layer_sizes[{k}] must be >= 1, got {n}")
    return tuple(int(n) for n in sizes)


def _as_activations(activation: Any, layers: int) -> tuple[str, ...]:
    names = [activation] if isinstance(activation, str) else activation
    if isinstance(names, (bytes, dict, set)) or not isinstance(names, Sequence):
        raise TypeError(f"activation must be a name such as 'sigmoid' or a list of names, one per layer, "
                        f"got {type(activation).__name__}")
    names = list(names)
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"activation names must be strings, got {type(name).__name__} {name!r}")
        if name not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}; got {name!r}")
    if len(names) == 1:
        names = names * layers
    if len(names) != layers:
        raise ValueError(f"activation must be one name or one per layer ({layers} layers), got {len(names)} names")
    return tuple(names)


def _reshape_hint(name: str, array: np.ndarray, width: int) -> str:
    """For a 1-D array where one row per example was wanted, the reshape that was probably meant."""
    if array.ndim != 1:
        return ""
    hints = []
    if width == 1:
        hints.append(f"for {array.size} examples of one value each use {name}.reshape(-1, 1)")
    if array.size == width:
        hints.append(f"for a single example use {name}.reshape(1, -1)")
    return (": " + "; ".join(hints)) if hints else ""


class Network:
    r"""A fully connected feed-forward network with a seeded initialisation.

    Parameters
    ----------
    layer_sizes : sequence of int
        :math:`(n_0, n_1, \dots, n_L)`, at least two entries, each >= 1: the
        number of inputs, the widths of the hidden layers, the number of outputs.
        ``[1, 6, 7, 2]`` is Imperial's heart-drawing network.
    activation : str or sequence of str, default "sigmoid"
        One of ``"sigmoid"``, ``"tanh"``, ``"identity"`` for every layer, output
        layer included (as in Imperial's network), or a list of :math:`L` names,
        one per layer (e.g. ``["tanh", "sigmoid"]`` for DeepLearning.AI's
        two-layer classifier).
    seed : int, default 0
        Seed of ``np.random.default_rng``. **Initialisation:** every entry of
        :math:`W^{(l)}` is drawn independently from the normal distribution with
        mean 0 and standard deviation :math:`1/\sqrt{n_{l-1}}`, layer by layer
        from the first; biases start at 0. (With that scale a pre-activation
        has variance about the mean square of the layer's inputs, whatever the
        layer's width.)
    loss : {"squared", "log"}, default "squared"
        ``"squared"``: :math:`C = \frac1m\sum_i\sum_j (a_{ij}-y_{ij})^2`.
        ``"log"``: the log loss (cross-entropy), summed over outputs and
        averaged over examples; needs a sigmoid output layer and targets in [0, 1].

    Attributes
    ----------
    weights : list of ndarray
        ``weights[l]`` has shape ``(layer_sizes[l+1], layer_sizes[l])`` = (n_out, n_in).
    biases : list of ndarray
        ``biases[l]`` has shape ``(layer_sizes[l+1],)``.
    layer_sizes, activations, loss
        As given (``activations`` always one name per layer).

    Raises
    ------
    TypeError, ValueError
        A bad argument, named in the message.

    Examples
    --------
    >>> net = Network([1, 6, 7, 2], seed=0)
    >>> [W.shape for W in net.weights], [b.shape for b in net.biases]
    ([(6, 1), (7, 6), (2, 7)], [(6,), (7,), (2,)])
    >>> net.forward(np.array([[0.0], [0.5]])).shape
    (2, 2)
    """

    def __init__(self, layer_sizes: Sequence[int], activation: str | Sequence[str] = "sigmoid",
                 seed: int = 0, loss: str = "squared") -> None:
        self.layer_sizes = _as_layer_sizes(layer_sizes)
        self.activations = _as_activations(activation, len(self.layer_sizes) - 1)
        if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
            raise TypeError(f"seed must be an integer, got {type(seed).__name__}")
        if seed < 0:
            raise ValueError(f"seed must be >= 0, got {seed}")
        if not isinstance(loss, str):
            raise TypeError(f"loss must be 'squared' or 'log', got {type(loss).__name__}")
        if loss not in LOSSES:
            raise ValueError(f"loss must be 'squared' or 'log', got {loss!r}")
        if loss == "log" and self.activations[-1] != "sigmoid":
            raise ValueError(f"loss='log' needs a sigmoid output layer (its outputs are probabilities), "
                             f"got activation {self.activations[-1]!r} for the last layer")
        self.loss = loss
        self.seed = int(seed)
        rng = np.random.default_rng(self.seed)
        self.weights = [rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_out, n_in))
                        for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:])]
        self.biases = [np.zeros(n_out) for n_out in self.layer_sizes[1:]]

    def __repr__(self) -> str:
        return (f"Network({list(self.layer_sizes)}, activation={list(self.activations)}, "
                f"seed={self.seed}, loss={self.loss!r})")

    # --- checks --------------------------------------------------------------------

    def _check_parameters(self) -> None:
        """The weights and biases, possibly set by hand, still fit the layer sizes."""
        L = len(self.layer_sizes) - 1
        if len(self.activations) != L:
            raise ValueError(f"the network has {L} layers but {len(self.activations)} activations")
        if self.loss == "log" and self.activations[-1] != "sigmoid":
            raise ValueError(f"loss='log' needs a sigmoid output layer, but activations[-1] is "
                             f"{self.activations[-1]!r}")
        if len(self.weights) != L or len(self.biases) != L:
            raise ValueError(f"the network has {L} layers but {len(self.weights)} weight matrices "
                             f"and {len(self.biases)} bias vectors")
        for l, (W, b) in enumerate(zip(self.weights, self.biases)):
            n_in, n_out = self.layer_sizes[l], self.layer_sizes[l + 1]
            if np.shape(W) != (n_out, n_in):
                raise ValueError(f"weights[{l}] must have shape (n_out, n_in) = ({n_out}, {n_in}), "
                                 f"got {np.shape(W)}")
            if np.shape(b) != (n_out,):
                raise ValueError(f"biases[{l}] must have shape ({n_out},), got {np.shape(b)}")
            if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
                raise ValueError(f"weights[{l}] or biases[{l}] holds NaN or inf (did training diverge? "
                                 "try a smaller lr)")

    def _inputs(self, X: Any) -> np.ndarray:
        n0 = self.layer_sizes[0]
        X = as_array("X", X)
        if X.ndim != 2:
            raise ValueError(f"X must have 2 dimensions, one row per example and one column per input, "
                             f"got shape {X.shape}" + _reshape_hint("X", X, n0))
        if X.shape[1] != n0:
            raise ValueError(f"X must have shape (m, {n0}), one row per example and one column per input, "
                             f"got {X.shape}" + (" (transposed?)" if X.shape[0] == n0 else ""))
        return X

    def _targets(self, X: np.ndarray, Y: Any) -> np.ndarray:
        nL = self.layer_sizes[-1]
        Y = as_array("Y", Y)
        if Y.ndim != 2:
            raise ValueError(f"Y must have 2 dimensions, one row per example and one column per output, "
                             f"got shape {Y.shape}" + _reshape_hint("Y", Y, nL))
        if Y.shape != (X.shape[0], nL):
            raise ValueError(f"Y must have shape (m, n_L) = ({X.shape[0]}, {nL}), one row per row of X, "
                             f"got {Y.shape}")
        if self.loss == "log" and (np.any(Y < 0) or np.any(Y > 1)):
            raise ValueError("Y must hold values in [0, 1] (labels or probabilities) for loss='log'")
        return Y

    # --- the computation ---------------------------------------------------------------

    def _forward_all(self, X: np.ndarray, checked: bool = False) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Pre-activations Z[l] (l = 1..L, stored from index 0) and activations A[0..L]."""
        if not checked:
            self._check_parameters()
        A, Z = [X], []
        for W, b, f in zip(self.weights, self.biases, self.activations):
            Z.append(A[-1] @ np.asarray(W, dtype=float).T + np.asarray(b, dtype=float))
            A.append(_activate(f, Z[-1]))
        return Z, A

    def _run(self, X: Any, Y: Any) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        """Checked targets, and the forward pass on checked inputs."""
        X = self._inputs(X)
        Y = self._targets(X, Y)
        return (Y, *self._forward_all(X))

    def forward(self, X: Any) -> np.ndarray:
        r"""The network's outputs :math:`A^{(L)}`, one row per example.

        Parameters
        ----------
        X : array_like, shape (m, n_0)
            One example per row; finite.

        Returns
        -------
        ndarray, shape (m, n_L)
        """
        X = self._inputs(X)
        return self._forward_all(X)[1][-1]

    def _cost(self, Z: list[np.ndarray], A: list[np.ndarray], Y: np.ndarray) -> float:
        m = Y.shape[0]
        if self.loss == "squared":
            return float(np.sum((A[-1] - Y) ** 2) / m)
        # ln σ(z) = -ln(1 + e^{-z}) and ln(1 - σ(z)) = -ln(1 + e^{z}), both without overflow or log(0).
        z = Z[-1]
        return float(np.sum(Y * np.logaddexp(0.0, -z) + (1.0 - Y) * np.logaddexp(0.0, z)) / m)

    def cost(self, X: Any, Y: Any) -> float:
        r"""The cost C on the examples ``X`` with targets ``Y``.

        ``loss="squared"``: :math:`\frac1m\sum_{i=1}^m\sum_{j=1}^{n_L}(a_{ij}-y_{ij})^2`,
        the mean over examples of the squared error summed over outputs.
        ``loss="log"``: :math:`-\frac1m\sum_i\sum_j[y_{ij}\ln a_{ij}+(1-y_{ij})\ln(1-a_{ij})]`,
        computed from the pre-activations so that it stays finite when an output saturates.

        Parameters
        ----------
        X, Y : array_like, shapes (m, n_0) and (m, n_L)
            Inputs and targets, one example per row; finite.

        Returns
        -------
        float
        """
        Y, Z, A = self._run(X, Y)
        return self._cost(Z, A, Y)

    def _backward(self, Z: list[np.ndarray], A: list[np.ndarray],
                  Y: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        m = Y.shape[0]
        L = len(self.weights)
        if self.loss == "squared":
            # dC/dA^(L) = (2/m)(A^(L) - Y), then the output activation's slope at Z^(L).
            delta = 2.0 / m * (A[-1] - Y) * _slope(self.activations[-1], Z[-1])
        else:
            # Log loss with a sigmoid output: the slope σ'(z) cancels, dC/dZ^(L) = (A^(L) - Y)/m.
            delta = (A[-1] - Y) / m
        dW: list[np.ndarray] = [np.empty(0)] * L
        db: list[np.ndarray] = [np.empty(0)] * L
        for l in range(L - 1, -1, -1):           # layer l + 1 in the chapter's numbering
            dW[l] = delta.T @ A[l]                # (n_out, m) @ (m, n_in) = (n_out, n_in)
            db[l] = delta.sum(axis=0)             # a bias feeds every example: add their terms
            if l > 0:
                delta = (delta @ np.asarray(self.weights[l], dtype=float)) * _slope(self.activations[l - 1], Z[l - 1])
        return dW, db

    def gradients(self, X: Any, Y: Any) -> tuple[list[np.ndarray], list[np.ndarray]]:
        r"""The gradient of :meth:`cost` with respect to every weight and bias, by backpropagation.

        With :math:`\Delta^{(l)} = \partial C / \partial Z^{(l)}` (shape ``(m, n_l)``):
        :math:`\Delta^{(L)} = \frac2m (A^{(L)} - Y) \odot f_L'(Z^{(L)})` for the
        squared loss (:math:`\frac1m (A^{(L)} - Y)` for the log loss with a sigmoid
        output), :math:`\Delta^{(l-1)} = (\Delta^{(l)} W^{(l)}) \odot f_{l-1}'(Z^{(l-1)})`,
        and :math:`\partial C/\partial W^{(l)} = \Delta^{(l)\top} A^{(l-1)}`,
        :math:`\partial C/\partial b^{(l)} = \Delta^{(l)\top}\mathbf 1` (the sum over examples).

        Parameters
        ----------
        X : array_like, shape (m, n_0)
        Y : array_like, shape (m, n_L)

        Returns
        -------
        dW, db : lists of ndarray
            ``dW[l]`` has the shape of ``weights[l]`` and ``db[l]`` that of ``biases[l]``.

        Examples
        --------
        >>> net = Network([2, 3, 1], activation="tanh", seed=1)
        >>> X, Y = np.array([[0.5, -1.0], [2.0, 0.0]]), np.array([[1.0], [0.0]])
        >>> dW, db = net.gradients(X, Y)
        >>> nW, nb = numerical_gradients(net, X, Y)
        >>> all(np.allclose(a, b, rtol=1e-7, atol=1e-9) for a, b in zip(dW + db, nW + nb))
        True
        """
        Y, Z, A = self._run(X, Y)
        return self._backward(Z, A, Y)

    def train(self, X: Any, Y: Any, lr: float, iterations: int) -> np.ndarray:
        r"""Full-batch gradient descent: ``iterations`` steps of size ``lr``, in place.

        Each step computes the cost and its gradient on all of ``X`` at the
        current parameters, then sets :math:`W^{(l)} \leftarrow W^{(l)} - \eta\,
        \partial C/\partial W^{(l)}` and likewise for every bias.

        Parameters
        ----------
        X : array_like, shape (m, n_0)
        Y : array_like, shape (m, n_L)
        lr : float
            The learning rate :math:`\eta`, > 0.
        iterations : int
            Number of steps, >= 1.

        Returns
        -------
        ndarray, shape (iterations,)
            ``costs[k]`` is the cost **before** step k, i.e. after k steps:
            ``costs[0]`` is the cost of the network as it was passed in, and the
            cost after the last step is ``self.cost(X, Y)``, not in the array.

        Raises
        ------
        ValueError
            Training diverged (the cost or a weight became NaN or inf): use a smaller
            ``lr``. The network keeps the parameters of the step where it happened.
        """
        X = self._inputs(X)
        Y = self._targets(X, Y)
        lr = as_number("lr", lr, low=0.0, low_open=True)
        iterations = as_number("iterations", iterations, low=1, integer=True)
        self._check_parameters()
        self.weights = [np.array(W, dtype=float) for W in self.weights]
        self.biases = [np.array(b, dtype=float) for b in self.biases]
        costs = np.empty(iterations)
        for k in range(iterations):
            Z, A = self._forward_all(X, checked=True)
            costs[k] = self._cost(Z, A, Y)
            dW, db = self._backward(Z, A, Y)
            for l in range(len(self.weights)):
                self.weights[l] -= lr * dW[l]
                self.biases[l] -= lr * db[l]
            if not np.isfinite(costs[k]):
                raise ValueError(f"training diverged at step {k} (the cost is {costs[k]}): use a smaller lr")
        if not all(np.all(np.isfinite(p)) for p in self.weights + self.biases):   # the last step overflowed
            raise ValueError(f"training diverged at step {iterations - 1} (a weight or bias became NaN or inf): "
                             "use a smaller lr")
        return costs

    def copy(self) -> "Network":
        """An independent copy (same sizes, activations, loss and current parameters)."""
        twin = Network(self.layer_sizes, list(self.activations), self.seed, self.loss)
        twin.weights = [np.array(W, dtype=float) for W in self.weights]
        twin.biases = [np.array(b, dtype=float) for b in self.biases]
        return twin


def numerical_gradients(network: Network, X: Any, Y: Any,
                        h: float | None = None) -> tuple[list[np.ndarray], list[np.ndarray]]:
    r"""The gradients of ``network.cost(X, Y)`` by central differences, shaped like :meth:`Network.gradients`.

    Every weight and bias is nudged by :math:`\pm h` in turn
    (:func:`mmlbook.calculus.gradient` on the flattened parameters), so this
    costs two forward passes per parameter: a check, not a way to train.

    Parameters
    ----------
    network : Network
        Left unchanged.
    X, Y : array_like
        As for :meth:`Network.cost`.
    h : float, optional
        Step, > 0; default :func:`mmlbook.calculus.default_step` per parameter.

    Returns
    -------
    dW, db : lists of ndarray
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be a Network, got {type(network).__name__}")
    X = network._inputs(X)
    Y = network._targets(X, Y)
    network._check_parameters()
    shapes = [np.shape(W) for W in network.weights] + [np.shape(b) for b in network.biases]
    theta = np.concatenate([np.ravel(p) for p in network.weights + network.biases]).astype(float)
    probe = network.copy()
    L = len(network.weights)

    def unpack(vector: np.ndarray) -> list[np.ndarray]:
        parts, start = [], 0
        for shape in shapes:
            size = int(np.prod(shape))
            parts.append(vector[start:start + size].reshape(shape))
            start += size
        return parts

    def cost(vector: np.ndarray) -> float:
        parts = unpack(vector)
        probe.weights, probe.biases = parts[:L], parts[L:]
        Z, A = probe._forward_all(X, checked=True)
        return probe._cost(Z, A, Y)

    if h is not None:
        h = as_number("h", h, low=0.0, low_open=True)
    grad = unpack(calculus.gradient(cost, theta, h))
    return grad[:L], grad[L:]
