"""Tests for the Chapter 14 checkers: right answers written many ways pass, learners' mistakes are named."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from scipy.spatial.distance import cosine, euclidean
from sklearn.metrics.pairwise import euclidean_distances
from sklearn.neighbors import KNeighborsClassifier

from mmlbook import check, pca

# --- distance: right ones --------------------------------------------------------------------


def distance_loops(x, y):
    total = 0.0
    for xi, yi in zip(x, y):
        total += (float(xi) - float(yi)) ** 2
    return math.sqrt(total)


def distance_lists(x, y):
    return sum((a - b) ** 2 for a, b in zip(list(map(float, x)), list(map(float, y)))) ** 0.5


def distance_float32(x, y):
    return np.linalg.norm(np.asarray(x, np.float32) - np.asarray(y, np.float32))


def distance_norm(x, y):
    return np.linalg.norm(np.asarray(x, float) - np.asarray(y, float))


def distance_sklearn(x, y):   # the expansion |x|^2 + |y|^2 - 2 x.y
    return euclidean_distances(np.asarray(x, float)[None], np.asarray(y, float)[None])[0, 0]


def distance_scipy(x, y):
    return euclidean(np.asarray(x, float), np.asarray(y, float))


def distance_int64(x, y):     # a conversion to a signed integer type is right for pixels too
    d = np.asarray(x).astype(np.int64) - np.asarray(y).astype(np.int64) if np.asarray(x).dtype == np.uint8 \
        else np.asarray(x) - np.asarray(y)
    return np.sqrt(np.sum(d * d))


@pytest.mark.parametrize("function", [distance_loops, distance_lists, distance_float32, distance_norm,
                                      distance_sklearn, distance_scipy, distance_int64, pca.distance])
def test_right_distances_pass(function):
    result = check.distance(function)
    assert result, result.message


# --- distance: wrong ones, as learners write them --------------------------------------------

@pytest.mark.parametrize("function, phrase", [
    (lambda x, y: np.sum((np.asarray(x, float) - y) ** 2), "squared distance"),
    (lambda x, y: np.sqrt(np.sum((x - y) ** 2)), "uint8"),
    (lambda x, y: np.linalg.norm(x - y), "uint8"),
    (lambda x, y: np.sqrt(np.dot(x - y, x - y)), "uint8"),       # a wrap-around no model copies exactly
    (lambda x, y: np.sum(np.abs(np.asarray(x, float) - y)), "L1"),
    (lambda x, y: np.sqrt(np.mean((np.asarray(x, float) - y) ** 2)), "np.mean"),
    (lambda x, y: abs(np.linalg.norm(np.asarray(x, float)) - np.linalg.norm(np.asarray(y, float))),
     "difference of the two lengths"),
    (lambda x, y: np.sqrt(np.sum(np.asarray(x, float) ** 2 - np.asarray(y, float) ** 2)), "difference of squares"),
    (lambda x, y: np.sqrt(np.sum(np.asarray(x, float) - y) ** 2), "brackets"),
    (lambda x, y: np.array([1.0, 2.0]), "one number"),
    (lambda x, y: None, "return statement"),
    (lambda x, y: 1.001 * distance_norm(x, y), "should be"),
])
def test_wrong_distances_are_named(function, phrase):
    result = check.distance(function)
    assert not result
    assert phrase in result.message, result.message


# --- angle: right ones -----------------------------------------------------------------------


def angle_arccos_clip(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    return np.arccos(np.clip(x @ y / (np.linalg.norm(x) * np.linalg.norm(y)), -1.0, 1.0))


def angle_loops(x, y):
    xy = xx = yy = 0.0
    for a, b in zip(x, y):
        a, b = float(a), float(b)
        xy, xx, yy = xy + a * b, xx + a * a, yy + b * b
    c = xy / math.sqrt(xx * yy)
    return math.acos(max(-1.0, min(1.0, c)))


def angle_float32(x, y):
    x, y = np.asarray(x, np.float32), np.asarray(y, np.float32)
    return np.arccos(np.clip(np.dot(x, y) / (np.linalg.norm(x) * np.linalg.norm(y)), -1, 1))


def angle_scipy(x, y):   # scipy's cosine *distance* is 1 - cos
    return np.arccos(np.clip(1 - cosine(np.asarray(x, float), np.asarray(y, float)), -1, 1))


def angle_arctan2(x, y):  # the stable formula: the lengths of u - v and u + v
    x, y = np.asarray(x, float), np.asarray(y, float)
    u, v = x / np.linalg.norm(x), y / np.linalg.norm(y)
    return 2 * np.arctan2(np.linalg.norm(u - v), np.linalg.norm(u + v))


def angle_normalise_first(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    u, v = x / np.linalg.norm(x), y / np.linalg.norm(y)
    return float(np.arccos(np.clip(u @ v, -1, 1)))


def angle_float32_loops(x, y):   # float32 accumulated one term at a time: the least accurate right way
    xy = xx = yy = np.float32(0)
    for a, b in zip(np.asarray(x, np.float32), np.asarray(y, np.float32)):
        xy, xx, yy = xy + a * b, xx + a * a, yy + b * b
    return float(np.arccos(np.clip(xy / np.sqrt(xx * yy), -1, 1)))


def angle_clip_inside(x, y):     # clipping to 1 - 1e-7 is an error float32 rounding makes anyway
    x, y = np.asarray(x, float), np.asarray(y, float)
    return np.arccos(np.clip(x @ y / (np.linalg.norm(x) * np.linalg.norm(y)), -1 + 1e-7, 1 - 1e-7))


@pytest.mark.parametrize("function", [angle_arccos_clip, angle_loops, angle_float32, angle_scipy,
                                      angle_arctan2, angle_normalise_first, angle_float32_loops,
                                      angle_clip_inside, pca.angle])
def test_right_angles_pass(function):
    result = check.angle(function)
    assert result, result.message


def _fl(v):
    return np.asarray(v, float)


def _off_near(end, by):
    """A right angle, except within 0.01 rad of ``end`` (0 or π), where it is moved by ``by`` towards π/2."""
    def wrong(x, y):
        a = pca.angle(_fl(x), _fl(y))
        return a + np.sign(np.pi / 2 - end) * by if abs(a - end) < 1e-2 else a
    return wrong


@pytest.mark.parametrize("function, phrase", [
    (lambda x, y: np.degrees(angle_arccos_clip(x, y)), "degrees"),
    (lambda x, y: angle_arccos_clip(x, y) * 180 / np.pi, "degrees"),
    (lambda x, y: np.arccos(_fl(x) @ _fl(y) / (np.linalg.norm(_fl(x)) * np.linalg.norm(_fl(y)))), "NaN"),
    (lambda x, y: np.arccos(_fl(x) @ _fl(y)), "arccosine of the dot product"),
    (lambda x, y: np.arccos(np.clip(_fl(x) @ _fl(y), -1, 1)), "dot product itself"),
    (lambda x, y: np.clip(_fl(x) @ _fl(y) / (np.linalg.norm(_fl(x)) * np.linalg.norm(_fl(y))), -1, 1), "cosine"),
    (lambda x, y: np.arccos(np.clip(_fl(x) @ _fl(y) / np.linalg.norm(_fl(x)) * np.linalg.norm(_fl(y)), -1, 1)),
     "brackets"),
    (lambda x, y: np.arccos(np.clip(_fl(x) @ _fl(y) / (_fl(x) @ _fl(x) * (_fl(y) @ _fl(y))), -1, 1)), "|x|² |y|²"),
    (lambda x, y: np.arccos(np.clip(_fl(x) @ _fl(y) / (np.linalg.norm(_fl(x)) * np.linalg.norm(_fl(y))), 0, 1)),
     "obtuse"),
    (lambda x, y: np.arcsin(np.clip(_fl(x) @ _fl(y) / (np.linalg.norm(_fl(x)) * np.linalg.norm(_fl(y))), -1, 1)),
     "arcsin"),
    (lambda x, y: np.arccos(np.clip(x @ y / (np.linalg.norm(x) * np.linalg.norm(y)), -1, 1)), "uint8"),
    (lambda x, y: np.arccos(np.clip(x @ y / np.sqrt(np.sum(x * x) * np.sum(y * y)), -1, 1)), "uint8"),
    (lambda x, y: np.arctan2(x[1], x[0]) - np.arctan2(y[1], y[0]), "should be"),   # 2-D only, signed
    (lambda x, y: None, "return statement"),
    # 1e-3 rad from 0 or π the cosine is only 5e-7 from ±1; float32 rounding does not explain that.
    (_off_near(0.0, 1e-3), "should be 0 rad"),
    (_off_near(np.pi, 1e-3), "should be 3.14"),
    (_off_near(0.0, 2e-3), "should be"),
    (lambda x, y: np.arccos(np.clip(_fl(x) @ _fl(y) / (np.linalg.norm(_fl(x)) * np.linalg.norm(_fl(y))),
                                    -1 + 1e-6, 1 - 1e-6)), "should be"),       # clipped too far inside
])
def test_wrong_angles_are_named(function, phrase):
    result = check.angle(function)
    assert not result
    assert phrase in result.message, result.message


# --- knn_predict: right ones -----------------------------------------------------------------


def knn_loops(k, X_train, y_train, X_test):
    predictions = []
    for x in X_test:
        distances = [math.dist(list(map(float, x)), list(map(float, t))) for t in X_train]
        order = sorted(range(len(distances)), key=lambda i: distances[i])[:k]
        votes = Counter(int(y_train[i]) for i in order)
        predictions.append(votes.most_common(1)[0][0])   # ties: the label met first (the nearer)
    return predictions


def knn_vectorised(k, X_train, y_train, X_test):
    X_train, X_test = np.asarray(X_train, float), np.asarray(X_test, float)
    d = np.linalg.norm(X_test[:, None, :] - X_train[None, :, :], axis=2)
    nearest = np.argsort(d, axis=1)[:, :k]
    return np.array([np.bincount(y_train[row]).argmax() for row in nearest])


def knn_float32(k, X_train, y_train, X_test):
    X_train, X_test = np.asarray(X_train, np.float32), np.asarray(X_test, np.float32)
    d2 = (X_test ** 2).sum(1)[:, None] - 2 * X_test @ X_train.T + (X_train ** 2).sum(1)[None, :]
    nearest = np.argpartition(d2, k - 1, axis=1)[:, :k]
    return np.array([np.bincount(y_train[row]).argmax() for row in nearest])


def knn_largest_label_on_ties(k, X_train, y_train, X_test):   # another fixed rule for tied votes
    X_train, X_test = np.asarray(X_train, float), np.asarray(X_test, float)
    out = []
    for x in X_test:
        labels = y_train[np.argsort(((X_train - x) ** 2).sum(1), kind="stable")[:k]]
        counts = np.bincount(labels)
        out.append(np.flatnonzero(counts == counts.max()).max())
    return np.array(out)


def knn_sklearn(k, X_train, y_train, X_test):
    return KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train).predict(X_test)


@pytest.mark.parametrize("function", [knn_loops, knn_vectorised, knn_float32, knn_largest_label_on_ties,
                                      knn_sklearn, pca.knn_predict])
def test_right_knn_pass(function):
    result = check.knn_predict(function)
    assert result, result.message


# --- knn_predict: wrong ones -----------------------------------------------------------------

def _knn(select, vote, convert=True):
    def predict(k, X_train, y_train, X_test):
        if convert:
            X_train, X_test = np.asarray(X_train, float), np.asarray(X_test, float)
        out = []
        for x in X_test:
            d = np.sqrt(np.sum((X_train - x) ** 2, axis=1))
            out.append(vote(y_train[select(d, k)]))
        return np.array(out)
    return predict


def _mode(labels):
    return np.bincount(labels).argmax()


def _random_tie(labels):
    counts = np.bincount(labels)
    return np.random.default_rng().choice(np.flatnonzero(counts == counts.max()))


@pytest.mark.parametrize("function, phrase", [
    (_knn(lambda d, k: np.argsort(d)[-k:], _mode), "farthest"),
    (_knn(lambda d, k: [np.argmax(d)] * k, _mode), "farthest"),
    (_knn(lambda d, k: np.argsort(d)[1:k + 1], _mode), "skips the nearest"),
    (_knn(lambda d, k: np.argsort(d)[:k + 1], _mode), "k + 1"),
    (_knn(lambda d, k: np.argsort(d)[:1], _mode), "ignores k"),
    (_knn(lambda d, k: np.argsort(d)[:k], lambda v: int(round(v.mean()))), "mean"),
    (_knn(lambda d, k: np.argsort(d)[:k], lambda v: int(np.median(v))), "median"),
    (_knn(lambda d, k: np.argsort(d)[:k], lambda v: v.max()), "largest label"),
    (_knn(lambda d, k: np.argsort(d)[:k], lambda v: v[-1]), "k-th nearest"),
    (_knn(lambda d, k: np.argsort(d)[:k], _mode, convert=False), "uint8"),
    (lambda k, X_train, y_train, X_test: np.array([_mode(y_train[np.argsort(np.linalg.norm(X_train - x, axis=1))[:k]])
                                                  for x in X_test]), "uint8"),
    (_knn(lambda d, k: np.argsort(d)[:k], _random_tie), "at random"),
    (lambda k, X_train, y_train, X_test: np.array([_mode(y_train[np.argsort(np.abs(
        np.asarray(X_train, float) - x).sum(1))[:k]]) for x in np.asarray(X_test, float)]), "L1"),
    (lambda k, X_train, y_train, X_test: np.array([y_train[np.argsort(((np.asarray(X_train, float) - x) ** 2)
        .sum(1))[:k]] for x in np.asarray(X_test, float)]), "neighbours' labels rather than"),
    (lambda k, X_train, y_train, X_test: None, "return statement"),
    (lambda k, X_train, y_train, X_test: KNeighborsClassifier(n_neighbors=k, weights="distance").fit(
        X_train, y_train).predict(X_test), "weights"),
    (_knn(lambda d, k: np.argsort(d)[:k], lambda v: v[0]), "ignores k"),        # only the nearest label
])
def test_wrong_knn_are_named(function, phrase):
    result = check.knn_predict(function)
    assert not result
    assert phrase in result.message, result.message


def test_knn_wrong_only_somewhere_gets_a_concrete_message():
    def wrong_on_big_scale(k, X_train, y_train, X_test):
        out = pca.knn_predict(k, X_train, y_train, X_test)
        if np.abs(X_train).max() > 1e3:
            out = (out + 1) % 3
        return out
    result = check.knn_predict(wrong_on_big_scale)
    assert not result and "nearest training points have labels" in result.message, result.message


def test_checkers_leave_no_warnings(recwarn):
    check.angle(lambda x, y: np.arccos(np.asarray(x, float) @ np.asarray(y, float)))
    check.distance(lambda x, y: np.sqrt(np.sum((x - y) ** 2)))
    check.knn_predict(lambda k, X_train, y_train, X_test: [np.bincount(y_train[np.argsort(
        np.sum((X_train - x) ** 2, axis=1))[:k]]).argmax() for x in X_test])
    assert not recwarn.list, [str(w.message) for w in recwarn]


@pytest.mark.parametrize("c", [1e-8, 1e8])
def test_a_right_function_working_in_other_units_passes(c):
    """The verdicts are relative to the data's scale: rescaling inside a right function changes nothing."""
    assert check.distance(lambda x, y: pca.distance(c * np.asarray(x, float), c * np.asarray(y, float)) / c)
    assert check.angle(lambda x, y: pca.angle(c * np.asarray(x, float), np.asarray(y, float) / c))
    assert check.knn_predict(lambda k, X_train, y_train, X_test: pca.knn_predict(
        k, c * np.asarray(X_train, float), y_train, c * np.asarray(X_test, float)))


@pytest.mark.parametrize("c", [1e-8, 1, 1e8])
def test_a_small_relative_error_fails_at_every_scale(c):
    assert not check.distance(lambda x, y: (1 + 1e-3) * pca.distance(c * np.asarray(x, float), c * np.asarray(y, float)) / c)
    assert not check.angle(lambda x, y: (1 + 1e-3) * pca.angle(c * np.asarray(x, float), np.asarray(y, float)))


def test_distance_weighted_knn_is_named():
    """Weighted by 1/d, as a learner writes it, is not the majority vote of the k nearest."""
    def weighted(k, X_train, y_train, X_test):
        X_train, X_test = np.asarray(X_train, float), np.asarray(X_test, float)
        out = []
        for x in X_test:
            d = np.sqrt(((X_train - x) ** 2).sum(1))
            near = np.argsort(d)[:k]
            out.append(np.bincount(y_train[near], weights=1 / (d[near] + 1e-9)).argmax())
        return np.array(out)
    result = check.knn_predict(weighted)
    assert not result and "weights" in result.message, result.message


def test_angle_tolerance_is_float32_rounding_of_the_cosine():
    from mmlbook.check.inner_products import _angle_ok
    for n in (3, 4):                                   # the short parallel probes
        ok = _angle_ok(n)
        assert ok(4e-4, 0.0) and ok(np.pi - 4e-4, np.pi)          # float32: about 5e-4 rad
        assert not ok(1e-3, 0.0) and not ok(np.pi - 1e-3, np.pi)   # cos differs by only 5e-7, still wrong
    assert _angle_ok(10)(1.0 + 9e-7, 1.0) and not _angle_ok(10)(1.0 + 1e-4, 1.0)
