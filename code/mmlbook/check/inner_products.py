"""Checkers for Chapter 14, *Inner products, lengths, distances, angles*.

The reader writes, as in the course's assignment ("Inner products and angles"),

* ``distance(x, y)``: the Euclidean distance between two vectors;
* ``angle(x, y)``: the angle between two non-zero vectors, in radians, in [0, π];
* ``knn_predict(k, X_train, y_train, X_test)``: the label of each row of
  ``X_test`` by a majority vote of its ``k`` nearest rows of ``X_train``.

The probes include MNIST images as the uint8 arrays the loader returns (so
``x - y`` wraps around modulo 256 unless converted), vectors scaled by 1e6 and
1e-6, parallel, antiparallel and nearly parallel vectors, and, for kNN, tied
distances and tied votes, and a vote that a distance-weighted kNN gets wrong. :mod:`mmlbook.pca` is the reference.

Tolerances (relative to the data's scale, so a correct float32 computation passes):

* distance: ``|got - d| <= 1e-5 * d + 1e-6 * (|x| + |y|)``. The second term admits
  the expansion ``sqrt(|x|^2 + |y|^2 - 2 x.y)`` (scikit-learn's), whose rounding
  is about ``1e-8 * |x|`` when ``x`` and ``y`` nearly coincide;
* angle: within 1e-6 radians of the right angle, *or* with a cosine within
  float32 rounding of the right cosine, ``(n + 4) * 2**-24`` for vectors of
  length ``n`` (the classical bound ``n u`` for a dot product of length ``n``,
  plus a few roundings for the lengths and the division). The second clause is
  for angles near 0 and π, where ``arccos`` magnifies the cosine's rounding: an
  error of 1e-16 in the cosine becomes about 1e-8 radians, and float32's 1e-7
  about 5e-4 radians. It is no wider: an angle 1e-3 rad from 0 or π has a
  cosine only 5e-7 from ±1, more than float32 rounding explains for the short
  parallel probes (n = 3, 4: at most 4.2e-7 and 4.8e-7), so it is rejected;
* kNN: a prediction is right if it is the majority label for *some* admissible
  choice of neighbours and tie break: training points whose squared distances
  differ by less than ``1e-6 * (|x|^2 + max |x_train|^2)`` count as tied, and
  any label with the most votes is accepted. The same input must give the
  same answer, though.
"""

from __future__ import annotations

import functools
import itertools
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import datasets, pca
from ._core import Failure, Result, as_result_array, call, quietly, run

__all__ = ["distance", "angle", "knn_predict"]

_D_RTOL, _D_ATOL = 1e-5, 1e-6   # distance: relative, and times |x| + |y|
_A_TOL = 1e-6                  # angle: radians
_U32 = 2.0**-24                # float32's unit roundoff: the cosine may be off by (n + 4) of them
_TIE = 1e-6                    # kNN: squared distances this close (times the data's squared scale) tie
_UINT8 = ("On MNIST images it is wrong, and right on every float input: the pixels are uint8, and "
          "arithmetic on two uint8 arrays (x - y, x @ y, their squares) stays in uint8 and wraps around "
          "modulo 256 (3 − 5 gives 254). Convert first: x = np.asarray(x, dtype=float).")


@functools.lru_cache(maxsize=1)
def _mnist() -> tuple[np.ndarray, np.ndarray]:
    images, labels = datasets.load_mnist("test")
    return images.reshape(len(images), -1), labels


def _show(v: Any) -> str:
    return np.array2string(np.asarray(v), precision=4, threshold=6)


def _same(got: np.ndarray, want: np.ndarray, ok: Callable[[float, float], bool]) -> bool:
    """A number close to a (possibly NaN) model answer: NaN matches NaN."""
    if np.isnan(want) or np.isnan(got):
        return bool(np.isnan(want) and np.isnan(got))
    return ok(got, want)


def _call(function: Callable, name: str, *args: Any) -> Any:
    """The reader's function called without NumPy's warnings: a NaN or a wrap-around is named in the verdict."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return call(function, name, *args)


def _scalar(value: Any, name: str) -> float:
    got = as_result_array(value, name, "a number")
    if got.size != 1:
        raise Failure(f"{name} should return one number, but it returned an array of shape {got.shape}")
    return float(got.reshape(()))


# --- distance ---------------------------------------------------------------------------------

def _distance_probes() -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(14)
    images, _ = _mnist()
    x, y = rng.normal(size=10), rng.normal(size=10)
    return [
        (np.array([0.0, 0.0]), np.array([3.0, 4.0])),
        (np.array([1.0, 2.0, 3.0]), np.array([4.0, 6.0, 3.0])),
        (np.array([-1.0, -2.0]), np.array([2.0, 2.0])),
        (x, y), (1e6 * x, 1e6 * y), (1e-6 * x, 1e-6 * y),
        (x, x + 1e-9 * y),                         # nearly the same point
        (images[0], images[1]), (images[3], images[10]),   # uint8 pixels, as loaded
        (x.astype(np.float32), y.astype(np.float32)),
    ]


def _distance_ok(x: np.ndarray, y: np.ndarray) -> Callable[[float, float], bool]:
    scale = pca.norm(np.asarray(x, float)) + pca.norm(np.asarray(y, float))
    return lambda got, want: abs(got - want) <= _D_RTOL * abs(want) + _D_ATOL * scale


def _right_distance(x, y):
    return pca.distance(np.asarray(x, float), np.asarray(y, float))


def _f(v):
    return np.asarray(v, float)


#: (what a wrong distance computes, what to tell its author)
DISTANCE_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda x, y: _right_distance(x, y) ** 2,
     "It returns the squared distance |x − y|²: take the square root, d(x, y) = √((x − y)·(x − y))."),
    (lambda x, y: float(np.sqrt(np.sum((x - y) ** 2))),
     "On MNIST images it is wrong: the pixels are uint8, and x − y of two uint8 arrays wraps around "
     "modulo 256 (3 − 5 gives 254, not −2). Convert first: x = np.asarray(x, dtype=float)."),
    (lambda x, y: float(np.linalg.norm(x - y)),
     "On MNIST images it is wrong: the pixels are uint8, and x − y of two uint8 arrays wraps around "
     "modulo 256 (3 − 5 gives 254, not −2). Convert first: x = np.asarray(x, dtype=float)."),
    (lambda x, y: float(np.sum(np.abs(_f(x) - _f(y)))),
     "It returns the sum of absolute differences (the L1, 'Manhattan' distance); the Euclidean distance "
     "is the square root of the sum of squared differences."),
    (lambda x, y: float(np.sqrt(np.mean((_f(x) - _f(y)) ** 2))),
     "It averages the squared differences (np.mean) where it must add them (np.sum): that is the "
     "root-mean-square difference, the distance divided by √n."),
    (lambda x, y: abs(pca.norm(_f(x)) - pca.norm(_f(y))),
     "It returns the difference of the two lengths, | |x| − |y| |; the distance is the length of the "
     "difference, |x − y|. Two different vectors of equal length are at distance 0 by your formula."),
    (lambda x, y: float(np.sqrt(np.sum(_f(x) ** 2 - _f(y) ** 2))),
     "It takes the square root of Σ(xᵢ² − yᵢ²), a difference of squares; the distance needs Σ(xᵢ − yᵢ)²."),
    (lambda x, y: float(np.sqrt(np.sum(_f(x) - _f(y)) ** 2)),
     "It squares the sum of the differences, (Σ(xᵢ − yᵢ))², instead of summing the squares: check the "
     "brackets, np.sum((x - y)**2) rather than np.sum(x - y)**2."),
)


def _check_distance(function: Callable) -> str:
    outputs = []
    for x, y in _distance_probes():
        got = _scalar(_call(function, "distance", x.copy(), y.copy()), "distance")
        outputs.append(((x, y), got))
    if all(_same(got, _right_distance(*args), _distance_ok(*args)) for args, got in outputs):
        return (f"right on {len(outputs)} pairs, among them MNIST images as uint8, vectors scaled by "
                "1e6 and 1e-6, and two nearly equal vectors")
    for wrong, message in DISTANCE_MISTAKES:
        if all(_same(got, quietly(wrong, *args), _distance_ok(*args)) for args, got in outputs):
            raise Failure(message)
    if all(_same(got, _right_distance(*args), _distance_ok(*args)) for args, got in outputs
           if args[0].dtype != np.uint8):
        raise Failure(_UINT8)
    for (x, y), got in outputs:
        want = _right_distance(x, y)
        if not _same(got, want, _distance_ok(x, y)):
            raise Failure(f"distance(x, y) for x = {_show(x)}, y = {_show(y)} (dtype {x.dtype}) should "
                          f"be {want:.8g}, but it gave {got:.8g}")
    raise AssertionError("unreachable")  # pragma: no cover


def distance(function: Any) -> Result:
    """Check ``function(x, y)``, the Euclidean distance ``|x - y|`` between two vectors.

    Parameters
    ----------
    function : callable
        ``function(x, y)`` returning one number; ``x`` and ``y`` may be uint8 MNIST images.

    Returns
    -------
    Result
        Truthy if right; otherwise its message names the mistake.

    Examples
    --------
    >>> from mmlbook import pca
    >>> bool(distance(pca.distance))
    True
    """
    return run("distance", function, _check_distance)


# --- angle ------------------------------------------------------------------------------------

def _angle_probes() -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(41)
    images, _ = _mnist()
    x, z = rng.normal(size=10), rng.normal(size=10)
    probes = [
        (np.array([1.0, 0.0]), np.array([1.0, 1.0])),
        (np.array([1.0, 0.0]), np.array([0.0, 2.0])),
        (np.array([1.0, 0.0]), np.array([-1.0, 1.0])),
        (np.array([3.0, 1.0, 2.0]), np.array([-1.0, 0.5, 2.0])),
        (x, z), (1e6 * x, 1e-6 * z), (1e-6 * x, 1e-6 * z),
        (x, x + 1e-7 * z),                                 # nearly parallel
        (images[0], images[1]), (images[2], images[5]),    # uint8 pixels, as loaded
        (x.astype(np.float32), z.astype(np.float32)),
    ]
    # Parallel and antiparallel: a cosine computed without care can round to 1.0000000000000002.
    for c in (3.0, 7.0, 0.1, 1e6, -3.0, -0.7):
        for v in (x, z, np.array([1.0, 2.0, 3.0]), np.array([0.1, 0.7, 0.2, 0.3])):
            probes.append((v, c * v))
    picture = images[7].astype(float)
    probes += [(picture, 3 * picture), (picture, -picture)]
    return probes


def _right_angle(x, y):
    return pca.angle(_f(x), _f(y))


def _angle_ok(n: int) -> Callable[[float, float], bool]:
    """Right within 1e-6 rad, or within float32 rounding of the cosine for vectors of length n."""
    def ok(got: float, want: float) -> bool:
        if not -_A_TOL <= got <= np.pi + _A_TOL:
            return False
        return abs(got - want) <= _A_TOL or abs(np.cos(got) - np.cos(want)) <= (n + 4) * _U32
    return ok


def _like(got: float, model: float) -> bool:
    """The reader's wrong answer is the model's: loosely, as a wrong formula may be computed many ways."""
    return abs(got - model) <= 1e-4 * max(1.0, abs(model))


def _cos(x, y):
    x, y = _f(x), _f(y)
    return (x @ y) / (np.linalg.norm(x) * np.linalg.norm(y))


#: (what a wrong angle computes, what to tell its author)
ANGLE_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda x, y: np.degrees(_right_angle(x, y)),
     "It returns degrees: the checker wants radians, in [0, π] (np.arccos gives radians already; "
     "drop np.degrees or the factor 180/π)."),
    (lambda x, y: float(np.clip(_cos(x, y), -1, 1)),
     "It returns the cosine of the angle; the angle is its arccosine, ω = arccos(⟨x, y⟩ / (|x| |y|))."),
    (lambda x, y: float(np.arccos(_f(x) @ _f(y))),
     "It takes the arccosine of the dot product itself; divide by the lengths first: "
     "cos ω = x·y / (|x| |y|). (arccos of a number above 1 is NaN.)"),
    (lambda x, y: float(np.arccos(np.clip(_f(x) @ _f(y), -1, 1))),
     "It takes the arccosine of the (clipped) dot product itself; divide by the lengths first: "
     "cos ω = x·y / (|x| |y|)."),
    (lambda x, y: float(np.arccos((_f(x) @ _f(y)) / np.linalg.norm(_f(x)) * np.linalg.norm(_f(y)))),
     "Check the brackets: x @ y / np.linalg.norm(x) * np.linalg.norm(y) divides by |x| and then "
     "multiplies by |y|. Write x @ y / (np.linalg.norm(x) * np.linalg.norm(y))."),
    (lambda x, y: float(np.arccos(np.clip((_f(x) @ _f(y)) / np.linalg.norm(_f(x)) * np.linalg.norm(_f(y)),
                                          -1, 1))),
     "Check the brackets: x @ y / np.linalg.norm(x) * np.linalg.norm(y) divides by |x| and then "
     "multiplies by |y|. Write x @ y / (np.linalg.norm(x) * np.linalg.norm(y))."),
    (lambda x, y: float(np.arccos((_f(x) @ _f(y)) / ((_f(x) @ _f(x)) * (_f(y) @ _f(y))))),
     "It divides by |x|² |y|² (the dot products x·x and y·y) instead of the lengths |x| |y|: take "
     "their square roots."),
    (lambda x, y: float(np.arccos(np.clip((_f(x) @ _f(y)) / ((_f(x) @ _f(x)) * (_f(y) @ _f(y))), -1, 1))),
     "It divides by |x|² |y|² (the dot products x·x and y·y) instead of the lengths |x| |y|: take "
     "their square roots."),
    (lambda x, y: float(np.arccos(np.clip(_cos(x, y), 0, 1))),
     "It clips the cosine to [0, 1], so every obtuse angle comes out as π/2: clip to [−1, 1]."),
    (lambda x, y: float(np.arcsin(np.clip(_cos(x, y), -1, 1))),
     "It uses arcsin where it needs arccos: the dot product gives the cosine of the angle."),
    (lambda x, y: float(np.arccos(np.clip(np.dot(x, y) / (np.linalg.norm(x) * np.linalg.norm(y)), -1, 1))),
     "On MNIST images it is wrong: the pixels are uint8, and the dot product of two uint8 arrays is "
     "computed in uint8, wrapping around modulo 256. Convert first: x = np.asarray(x, dtype=float)."),
    (lambda x, y: float(np.arccos(np.clip(np.dot(x, y) / np.sqrt(np.dot(x, x) * np.dot(y, y)), -1, 1))),
     "On MNIST images it is wrong: the pixels are uint8, and the dot product of two uint8 arrays is "
     "computed in uint8, wrapping around modulo 256. Convert first: x = np.asarray(x, dtype=float)."),
)


def _check_angle(function: Callable) -> str:
    outputs = []
    for x, y in _angle_probes():
        got = _scalar(_call(function, "angle", x.copy(), y.copy()), "angle")
        outputs.append(((x, y), got))
    if all(_same(got, _right_angle(*args), _angle_ok(args[0].size)) for args, got in outputs):
        return (f"right on {len(outputs)} pairs, among them parallel, antiparallel and nearly parallel "
                "vectors, MNIST images as uint8 and vectors scaled by 1e6 and 1e-6 (within 1e-6 rad, or "
                "float32 rounding in the cosine near 0 and π)")
    for wrong, message in ANGLE_MISTAKES:
        if all(_same(got, quietly(wrong, *args), _like) for args, got in outputs):
            raise Failure(message)
    for (x, y), got in outputs:
        want = _right_angle(x, y)
        if np.isnan(got) and want in (0.0, np.pi):
            raise Failure(f"angle(x, y) is NaN for the {'parallel' if want == 0 else 'antiparallel'} "
                          f"vectors x = {_show(x)}, y = {_show(y)}: the cosine rounded to just beyond "
                          "±1 (e.g. 1.0000000000000002) and arccos of that is NaN. Clip it: "
                          "np.arccos(np.clip(c, -1, 1)).")
    if all(_same(got, _right_angle(*args), _angle_ok(args[0].size)) for args, got in outputs
           if args[0].dtype != np.uint8):
        raise Failure(_UINT8)
    for (x, y), got in outputs:
        want = _right_angle(x, y)
        if not _same(got, want, _angle_ok(x.size)):
            raise Failure(f"angle(x, y) for x = {_show(x)}, y = {_show(y)} (dtype {x.dtype}) should be "
                          f"{want:.10g} rad, but it gave {got:.10g}")
    raise AssertionError("unreachable")  # pragma: no cover


def angle(function: Any) -> Result:
    """Check ``function(x, y)``, the angle between two non-zero vectors in radians.

    Parameters
    ----------
    function : callable
        ``function(x, y)`` returning one number in [0, π].

    Returns
    -------
    Result
        Truthy if right; otherwise its message names the mistake.

    Examples
    --------
    >>> from mmlbook import pca
    >>> bool(angle(pca.angle))
    True
    """
    return run("angle", function, _check_angle)


# --- knn_predict ------------------------------------------------------------------------------

def _knn_probes() -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
    """(k, X_train, y_train, X_test)."""
    from sklearn.datasets import load_iris

    iris = load_iris()
    X, y = iris.data, iris.target
    train, test = np.arange(0, 150, 2), np.arange(1, 150, 2)
    petals = X[:, 2:]
    images, digits = _mnist()
    # Four training points around the origin, two labels: every neighbour and vote ties there.
    square = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0], [5.0, 5.0], [6.0, 5.0]])
    square_labels = np.array([0, 1, 0, 1, 2, 2])
    centre = np.array([[0.0, 0.0]] * 12 + [[0.1, 0.0], [0.0, 0.1], [5.5, 5.0]])
    # One near point of label 0 against two slightly farther ones of label 1 (and two of label 2 beyond):
    # the majority of the 3 nearest is 1, and of the 5 nearest 1 or 2, but a vote weighted by closeness
    # (1/d, or 1/d^2) gives 0 at every test point. No ties among the distances.
    lopsided = np.array([[1.0, 0.0], [0.0, 2.0], [-2.1, 0.0], [0.0, -3.0], [3.3, 3.0], [9.0, 9.0]])
    lopsided_labels = np.array([0, 1, 1, 2, 2, 0])
    near_origin = np.array([[0.0, 0.0], [0.05, 0.0], [0.1, 0.05], [0.2, -0.1]])
    mn_train, mn_test = images[:300], np.concatenate([images[300:330], images[:10]])
    probes = [(k, X[train], y[train], X[test]) for k in (1, 3, 7)]
    probes += [(k, petals[train], y[train], petals[test]) for k in (4, 6)]     # duplicates: ties
    probes += [(5, 1e6 * X[train], y[train], 1e6 * X[test]), (5, 1e-6 * X[train], y[train], 1e-6 * X[test])]
    probes += [(2, square, square_labels, centre), (4, square, square_labels, centre)]
    probes += [(3, lopsided, lopsided_labels, near_origin), (5, lopsided, lopsided_labels, near_origin)]
    probes += [(3, X[train], y[train], X[train][:20])]                         # test points in the training set
    probes += [(75, X[train], y[train], X[test][:5])]                          # k = N: the overall majority
    probes += [(1, mn_train, digits[:300], mn_test), (3, mn_train, digits[:300], mn_test)]
    return probes


def _squared_distances(X_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    X_train, X_test = _f(X_train), _f(X_test)
    return ((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2)


def _admissible(k: int, X_train, y_train, X_test) -> list[set]:
    """For each test point, every label that wins the vote for some admissible neighbours and tie break."""
    d2 = _squared_distances(X_train, X_test)
    scale = (_f(X_test) ** 2).sum(axis=1) + (_f(X_train) ** 2).sum(axis=1).max()
    classes = np.unique(y_train)
    out = []
    for row, s in zip(d2, scale):
        kth = np.sort(row)[k - 1]
        tie = _TIE * s
        sure = row < kth - tie                    # nearer than every point that ties with the k-th
        maybe = np.abs(row - kth) <= tie
        base = np.array([np.sum(y_train[sure] == c) for c in classes])
        room = k - int(sure.sum())
        caps = [int(np.sum(y_train[maybe] == c)) for c in classes]
        winners = set()
        for extra in itertools.product(*(range(c + 1) for c in caps)):
            if sum(extra) == room:
                counts = base + np.array(extra)
                winners.update(classes[counts == counts.max()].tolist())
        out.append(winners)
    return out


def _knn_model(select: Callable, vote: Callable) -> Callable:
    """A kNN written the plain way, with a neighbour rule and a vote rule to vary."""
    def predict(k, X_train, y_train, X_test):
        d2 = _squared_distances(X_train, X_test)
        return np.array([vote(y_train[select(row, k)]) for row in d2])
    return predict


def _nearest(row, k):
    return np.argsort(row, kind="stable")[:k]


def _majority(labels):
    values, counts = np.unique(labels, return_counts=True)
    return values[counts.argmax()]


def _uint8_knn(k, X_train, y_train, X_test):
    d2 = np.array([[np.sum((x - t) ** 2) for t in X_train] for x in X_test])   # no conversion: wraps
    return np.array([_majority(y_train[_nearest(row, k)]) for row in d2])


def _weighted_knn(power: float) -> Callable:
    """Votes weighted by 1 / d**power (scikit-learn's weights="distance" is power 1; d = 0 wins outright)."""
    def predict(k, X_train, y_train, X_test):
        d = np.sqrt(_squared_distances(X_train, X_test))
        classes, out = np.unique(y_train), []
        for row in d:
            near = np.argsort(row, kind="stable")[:k]
            w = np.where(row[near] == 0, 1.0, 0.0) if np.any(row[near] == 0) else 1 / row[near] ** power
            out.append(classes[np.argmax([w[y_train[near] == c].sum() for c in classes])])
        return np.array(out)
    return predict


#: (what a wrong kNN computes, what to tell its author)
KNN_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (_knn_model(lambda row, k: np.argsort(row, kind="stable")[::-1][:k], _majority),
     "It votes among the k *farthest* training points: np.argsort sorts ascending, so the nearest are "
     "argsort(d)[:k] (argmax of the distances picks the farthest)."),
    (_knn_model(lambda row, k: np.argsort(row, kind="stable")[1:k + 1], _majority),
     "It skips the nearest training point (argsort(d)[1:k + 1]). That is leave-one-out, for scoring a "
     "training point against the others; knn_predict votes among all training points, so take "
     "argsort(d)[:k], and a test point that is also a training point counts as its own neighbour."),
    (_knn_model(lambda row, k: np.argsort(row, kind="stable")[:k + 1], _majority),
     "It votes among k + 1 neighbours: take argsort(d)[:k]."),
    (_knn_model(lambda row, k: np.argsort(row, kind="stable")[:1], _majority),
     "It ignores k: it always predicts the label of the single nearest point."),
    (_knn_model(_nearest, lambda labels: np.round(np.mean(labels)).astype(labels.dtype)),
     "It votes by the mean of the neighbours' labels (rounded): labels are categories, not numbers; "
     "the neighbours of labels 0, 0, 2, 2 are not class 1. Count votes: np.bincount or np.unique(..., "
     "return_counts=True), then the label with the most."),
    (_knn_model(_nearest, lambda labels: np.floor(np.median(labels)).astype(labels.dtype)),
     "It votes by the median of the neighbours' labels: labels are categories, not numbers. Count "
     "votes and take the label with the most."),
    (_knn_model(lambda row, k: np.argsort(np.sqrt(row), kind="stable")[:k], lambda labels: labels.max()),
     "It takes the largest label among the neighbours instead of the most frequent one."),
    (_knn_model(lambda row, k: np.argsort(row, kind="stable")[:k], lambda labels: labels[-1]),
     "It predicts the label of the k-th nearest neighbour instead of the majority of all k."),
    (lambda k, X_train, y_train, X_test: _knn_model(_nearest, _majority)(
        k, X_train, y_train, X_test) if X_train.dtype != np.uint8 else _uint8_knn(k, X_train, y_train, X_test),
     "On MNIST images it is wrong: the pixels are uint8, and X_train - x wraps around modulo 256 "
     "(3 − 5 gives 254), so the wrong points look near. Convert first: np.asarray(X, dtype=float)."),
    (_weighted_knn(1.0),
     "It weights each neighbour's vote by its closeness (1/d, scikit-learn's weights='distance'): that is "
     "distance-weighted kNN. knn_predict counts each of the k nearest as one vote: the majority label."),
    (_weighted_knn(2.0),
     "It weights each neighbour's vote by 1/d²: that is distance-weighted kNN. knn_predict counts each "
     "of the k nearest as one vote: the majority label."),
    (lambda k, X_train, y_train, X_test: np.array([_majority(y_train[np.argsort(
        np.abs(_f(X_train) - _f(x)).sum(axis=1), kind="stable")[:k]]) for x in X_test]),
     "It finds the neighbours by the sum of absolute differences (L1); the checker asks for the "
     "Euclidean distance, √(Σ(xᵢ − yᵢ)²)."),
)


def _knn_output(function: Callable, probe) -> np.ndarray:
    k, X_train, y_train, X_test = probe
    got = _call(function, "knn_predict", k, X_train.copy(), y_train.copy(), X_test.copy())
    got = as_result_array(got, "knn_predict", "labels")
    if got.shape != (X_test.shape[0],):
        raise Failure(f"knn_predict should return one label per row of X_test, shape ({X_test.shape[0]},), "
                      f"but it returned shape {got.shape}" + (
                          " — the neighbours' labels rather than their vote?"
                          if got.shape == (X_test.shape[0], k) else ""))
    return got


def _wrong_points(probe, got, allowed) -> np.ndarray:
    return np.array([g not in a for g, a in zip(got.tolist(), allowed)])


def _check_knn(function: Callable) -> str:
    probes = _knn_probes()
    allowed = [_admissible(*p) for p in probes]
    outputs = [_knn_output(function, p) for p in probes]
    # The tie probes again: a fixed rule gives the same answer every time, and the same answer for
    # the twelve copies of the centre point.
    for i, probe in enumerate(probes):
        if probe[0] in (2, 4) and probe[1].shape == (6, 2):
            again = _knn_output(function, probe)
            same_point = outputs[i][:12]
            if not np.array_equal(again, outputs[i]) or np.unique(same_point).size > 1:
                raise Failure("the predictions change for the same input (the same test point, or the "
                              "same call twice): ties are broken at random. Break them by a fixed rule, "
                              "e.g. the smaller label wins (scikit-learn's rule).")
    wrong = [_wrong_points(p, g, a) for p, g, a in zip(probes, outputs, allowed)]
    if not any(w.any() for w in wrong):
        return (f"right on {len(probes)} problems: Iris (4 and 2 features, scaled by 1e6 and 1e-6, k from 1 "
                "to N), MNIST digits as uint8, test points in the training set, tied distances and votes, and votes "
                "that weighting by distance would change")
    for model, message in KNN_MISTAKES:
        predicted = [quietly(model, *p) for p in probes]
        model_wrong = [_wrong_points(p, m, a) for p, m, a in zip(probes, predicted, allowed)]
        hits = sum(int(np.sum(w & (g == m))) for w, g, m in zip(wrong, outputs, predicted))
        if hits >= 0.9 * sum(int(w.sum()) for w in wrong) and \
                hits >= 0.5 * sum(int(w.sum()) for w in model_wrong) and hits > 0:   # ties: picks differ
            raise Failure(message)
    if not any(w.any() for p, w in zip(probes, wrong) if p[1].dtype != np.uint8):
        raise Failure(_UINT8.replace("(x - y, x @ y, their squares)", "(X_train - x, its square)"))
    for (k, X_train, y_train, X_test), got, w, a in zip(probes, outputs, wrong, allowed):
        if w.any():
            i = int(np.flatnonzero(w)[0])
            d2 = _squared_distances(X_train, X_test[i:i + 1])[0]
            near = np.argsort(d2, kind="stable")[:k]
            raise Failure(f"with k = {k}, for X_test[{i}] = {_show(X_test[i])} the {k} nearest training "
                          f"points have labels {_show(y_train[near])} (distances "
                          f"{_show(np.sqrt(d2[near]))}), so the vote gives "
                          f"{' or '.join(str(v) for v in sorted(a[i]))}; your function returned {got[i]:g}")
    raise AssertionError("unreachable")  # pragma: no cover


def knn_predict(function: Any) -> Result:
    """Check ``function(k, X_train, y_train, X_test)``, k-nearest-neighbour classification.

    Parameters
    ----------
    function : callable
        ``function(k, X_train, y_train, X_test)`` returning one label per row of
        ``X_test``: the most frequent label among its ``k`` nearest rows of
        ``X_train`` (Euclidean distance).

    Returns
    -------
    Result
        Truthy if right; otherwise its message names the mistake.

    Examples
    --------
    >>> from mmlbook import pca
    >>> bool(knn_predict(pca.knn_predict))
    True
    """
    return run("knn_predict", function, _check_knn)
