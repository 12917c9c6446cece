"""Tests for mmlbook.pca: statistics of data sets, inner products, distances, kNN, projections, PCA.

References are independent of the module: NumPy (np.mean, np.cov, explicit
formulas), SciPy (cdist), scikit-learn (PCA with the full SVD solver,
KNeighborsClassifier, StandardScaler). The MNIST test reads the real test
split from MMLBOOK_DATA and is skipped, saying why, only when the files are missing.
"""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.spatial.distance import cdist
from sklearn.decomposition import PCA
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler

from mmlbook import pca as module
from mmlbook.datasets import load_mnist
from mmlbook.pca import (affine_covariance, affine_mean, angle, cov, distance, inner_product, knn_predict, mean,
                         normalize, norm, pairwise_distances, pca, project, projection_matrix, reconstruct)

ENTRY = st.floats(-10, 10, allow_subnormal=False)
SCALE = st.sampled_from([1e-8, 1e8])


def matrices(rows=(2, 8), cols=(1, 6)):
    return st.tuples(st.integers(*rows), st.integers(*cols)).flatmap(
        lambda shape: hnp.arrays(np.float64, shape, elements=ENTRY))


def spd(n, seed):
    """A random symmetric positive definite n x n matrix."""
    M = np.random.default_rng(seed).normal(size=(n, n))
    return M @ M.T + n * np.eye(n)


def test_docstring_examples():
    failures, _ = doctest.testmod(module)
    assert failures == 0


# --- Chapter 13: mean and covariance ----------------------------------------------------------

def test_course_checks():
    assert np.array_equal(mean([[0, 1, 1], [1, 2, 1]]), [0.5, 1.5, 1.0])
    assert np.array_equal(affine_mean([2, 2], [[0, 1], [2, 3]], [1, 1]), [3.0, 11.0])


@settings(max_examples=100, deadline=None)
@given(matrices())
def test_mean_and_cov_match_numpy(X):
    assert np.allclose(mean(X), np.mean(X, axis=0), rtol=1e-12, atol=1e-12)
    S0, S1 = cov(X), cov(X, ddof=1)
    assert np.allclose(S0, np.atleast_2d(np.cov(X.T, bias=True)), rtol=1e-9, atol=1e-9)
    assert np.allclose(S1, np.atleast_2d(np.cov(X.T, ddof=1)), rtol=1e-9, atol=1e-9)
    assert np.array_equal(S0, S0.T)


def test_constant_column_has_its_value_as_mean_and_zero_variance():
    X = np.array([[0.1, 1.0], [0.1, 2.0], [0.1, 4.0]])
    assert np.mean(X[:, 0]) != 0.1  # the plain mean rounds away from the common value
    assert mean(X)[0] == 0.1
    assert cov(X)[0, 0] == 0.0 and cov(X)[0, 1] == 0.0


@settings(max_examples=100, deadline=None)
@given(matrices(cols=(2, 2)), hnp.arrays(np.float64, (3, 2), elements=ENTRY),
       hnp.arrays(np.float64, 3, elements=ENTRY))
def test_affine_maps_move_mean_and_covariance_as_the_transformed_data(X, A, b):
    Y = X @ A.T + b  # every row x becomes A x + b
    assert np.allclose(affine_mean(mean(X), A, b), mean(Y), rtol=1e-9, atol=1e-9)
    assert np.allclose(affine_covariance(cov(X), A, b), cov(Y), rtol=1e-9, atol=1e-8)


def test_affine_covariance_ignores_the_shift_and_is_symmetric():
    S, A = cov(np.random.default_rng(0).normal(size=(20, 3))), np.random.default_rng(1).normal(size=(4, 3))
    C = affine_covariance(S, A, np.zeros(4))
    assert np.array_equal(C, affine_covariance(S, A, np.full(4, 1e6)))
    assert np.array_equal(C, C.T)


# --- Chapter 14: inner products, norms, distances, angles ---------------------------------------

def test_inner_product_norm_distance_known_values():
    A = [[2, 1], [1, 2]]
    assert inner_product([1, 2], [3, 4]) == 11.0
    assert inner_product([1, 2], [3, 4], A) == 1 * (2 * 3 + 4) + 2 * (3 + 2 * 4)
    assert norm([3, 4]) == 5.0
    assert norm([1, 1], A) == pytest.approx(np.sqrt(6))
    assert distance([1, 1], [4, 5]) == 5.0
    assert distance([1, 0], [0, 1], A) == pytest.approx(np.sqrt(2))


def test_angle_known_values_and_clipping():
    assert angle([1, 0], [0, 1]) == pytest.approx(np.pi / 2)
    assert angle([1, 0], [1, 1]) == pytest.approx(np.pi / 4)
    assert angle([1, 0], [0, 1], [[2, -1], [-1, 2]]) == pytest.approx(2 * np.pi / 3)  # cos = -1/2
    # Parallel vectors: 0 and pi to rounding, with no cosine to clip.
    x = np.array([0.1, 0.2, 0.3, 0.7])
    for c in (3.0, 1 / 3, 1e-8, 1e8, 7.1):
        assert angle(x, c * x) <= 1e-15
        assert angle(x, -c * x) >= np.pi - 1e-15
        assert angle(x, c * x, [[2, 1, 0, 0], [1, 2, 0, 0], [0, 0, 1, 0], [0, 0, 0, 3]]) <= 1e-15
    assert angle(x, x) == 0.0 and angle(x, -x) == np.pi and angle(x, 4 * x) == 0.0


def test_angle_is_accurate_for_small_angles():
    for t in (1e-3, 1e-7, 1e-12):   # arccos(cos(1e-12)) is arccos(1.0) = 0.0
        assert angle([1, 0], [np.cos(t), np.sin(t)]) == pytest.approx(t, rel=1e-12)
        assert angle([1, 0], [-np.cos(t), np.sin(t)]) == pytest.approx(np.pi - t, rel=1e-15)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 6).flatmap(lambda n: st.tuples(hnp.arrays(np.float64, n, elements=ENTRY),
                                                       hnp.arrays(np.float64, n, elements=ENTRY))),
       st.integers(0, 2**32 - 1))
def test_against_explicit_formulas(xy, seed):
    x, y = xy
    A = spd(x.size, seed)
    assert inner_product(x, y, A) == pytest.approx(x @ A @ y, rel=1e-9, abs=1e-9)
    assert inner_product(x, y) == pytest.approx(x @ y, rel=1e-12, abs=1e-12)
    assert norm(x, A) == pytest.approx(np.sqrt(x @ A @ x), rel=1e-9, abs=1e-9)
    assert distance(x, y, A) == pytest.approx(np.sqrt((x - y) @ A @ (x - y)), rel=1e-9, abs=1e-9)
    assert distance(x, y) == pytest.approx(np.linalg.norm(x - y), rel=1e-12, abs=1e-12)
    assume(np.linalg.norm(x) > 1e-3 and np.linalg.norm(y) > 1e-3)
    cosine = (x @ A @ y) / np.sqrt((x @ A @ x) * (y @ A @ y))
    assert angle(x, y, A) == pytest.approx(np.arccos(np.clip(cosine, -1, 1)), abs=1e-7)
    assert angle(x, y) == pytest.approx(angle(x, y, np.eye(x.size)), abs=1e-12)


def test_lengths_neither_overflow_nor_underflow():
    A = [[2, 0], [0, 2]]
    assert norm([3e200, 4e200], A) == pytest.approx(5e200 * np.sqrt(2))
    assert norm([3e-200, 4e-200], A) == pytest.approx(5e-200 * np.sqrt(2))
    assert angle([1e200, 0], [1e200, 1e200]) == pytest.approx(np.pi / 4)
    assert angle([1e-200, 0], [1e-200, 1e-200], A) == pytest.approx(np.pi / 4)


def test_metric_checks_are_relative_to_the_scale_of_A():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    for c in (1e-12, 1.0, 1e12):
        assert inner_product([1, 0], [0, 1], c * A) == pytest.approx(c)
        with pytest.raises(ValueError, match="A must be symmetric"):
            inner_product([1, 0], [0, 1], c * np.array([[2.0, 1.0], [0.9, 2.0]]))
        with pytest.raises(ValueError, match="A must be positive definite"):
            inner_product([1, 0], [0, 1], c * np.array([[1.0, 1.0], [1.0, 1.0]]))
    # Symmetric but for rounding is symmetric.
    B = np.array([[2.0, 1.0], [1.0 + 1e-15, 2.0]])
    assert norm([1, 1], B) == pytest.approx(np.sqrt(6))


# --- pairwise distances ---------------------------------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(matrices(rows=(1, 7)), st.integers(1, 7), st.integers(0, 2**32 - 1))
def test_pairwise_distances_match_cdist(X, m, seed):
    rng = np.random.default_rng(seed)
    Y = np.vstack([rng.normal(size=(m, X.shape[1])) * 5, X[:1]])  # one row repeats a row of X
    D = pairwise_distances(X, Y)
    assert D.shape == (X.shape[0], m + 1)
    assert np.allclose(D, cdist(X, Y), rtol=1e-9, atol=1e-12)
    assert D[0, -1] == 0.0
    A = spd(X.shape[1], seed)
    assert np.allclose(pairwise_distances(X, Y, A), cdist(X, Y, "mahalanobis", VI=A), rtol=1e-9, atol=1e-12)


def test_pairwise_distances_are_exact_zero_for_identical_rows_and_accurate_for_close_ones():
    rng = np.random.default_rng(0)
    X = 1e6 + rng.normal(size=(50, 30))        # a big common offset, the hard case for the expansion
    Y = np.vstack([X[::-1], X + 1e-9 * rng.normal(size=X.shape)])
    D = pairwise_distances(X, Y)
    assert np.all(D[np.arange(50), 49 - np.arange(50)] == 0.0)
    assert np.allclose(D, cdist(X, Y), rtol=1e-8, atol=0)
    assert np.all(np.diag(pairwise_distances(X, X)) == 0.0)
    # The plain expansion gets both wrong; this is what the recheck is for.
    naive = np.sqrt(np.maximum((X**2).sum(1)[:, None] + (X**2).sum(1) - 2 * X @ X.T, 0))
    assert not np.allclose(np.diag(naive), 0.0, atol=1e-3)


def test_pairwise_distances_and_knn_neither_overflow_nor_underflow_nor_change_their_input():
    X = np.array([[0.0, 0.0], [3.0, 4.0], [6.0, 8.0]])
    for c in (1e-200, 1.0, 1e200):
        before = c * X
        copy = before.copy()
        assert np.allclose(pairwise_distances(before, before), c * cdist(X, X), rtol=1e-14, atol=0)
        assert list(knn_predict(1, before, [1, 2, 3], before)) == [1, 2, 3]
        assert np.array_equal(before, copy)


def test_pairwise_distances_block_by_block_is_the_same(monkeypatch):
    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(37, 5)), rng.normal(size=(23, 5))
    whole = pairwise_distances(X, Y)
    monkeypatch.setattr(module, "_BLOCK", 50)  # blocks of 2 rows, rechecks in chunks of 10 pairs
    assert np.array_equal(pairwise_distances(X, Y), whole)
    assert np.array_equal(pairwise_distances(X, X)[np.diag_indices(37)], np.zeros(37))


# --- k nearest neighbours --------------------------------------------------------------------------

@pytest.mark.parametrize("k", [1, 3, 4, 7, 15])
def test_knn_matches_scikit_learn(k):
    rng = np.random.default_rng(k)
    X_train = rng.normal(size=(120, 4))
    y_train = rng.integers(0, 3, size=120) * 10 + 1   # labels 1, 11, 21
    X_test = rng.normal(size=(200, 4))
    reference = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X_train, y_train).predict(X_test)
    predicted = knn_predict(k, X_train, y_train, X_test)
    assert predicted.dtype == y_train.dtype
    assert np.array_equal(predicted, reference)


def test_knn_string_labels_and_k_equal_to_n():
    X_train = [[0, 0], [1, 0], [5, 5], [6, 5], [7, 5]]
    labels = np.array(["ant", "ant", "bee", "bee", "bee"])
    assert list(knn_predict(1, X_train, labels, [[0, 1], [6, 6]])) == ["ant", "bee"]
    assert list(knn_predict(5, X_train, labels, [[0, 1]])) == ["bee"]   # everyone votes


def test_knn_vote_tie_goes_to_the_smallest_label_as_in_scikit_learn():
    X_train = np.array([[0.0], [1.1], [-1.3], [3.4]])
    y_train = np.array([7, 2, 9, 2])
    X_test = np.array([[0.5], [-0.5]])
    # k = 2: [0.5] has neighbours 0.0 (7) and 1.1 (2); [-0.5] has 0.0 (7) and -1.3 (9).
    predicted = knn_predict(2, X_train, y_train, X_test)
    assert list(predicted) == [2, 7]
    reference = KNeighborsClassifier(n_neighbors=2, algorithm="brute").fit(X_train, y_train).predict(X_test)
    assert np.array_equal(predicted, reference)


def test_knn_distance_tie_at_the_kth_neighbour_takes_the_smaller_index():
    X_train = [[2.0], [-1.0], [1.0], [0.0]]   # -1 and 1 are equally far from 0
    assert knn_predict(1, X_train, [5, 6, 4, 3], [[0.1]]).item() == 3
    assert knn_predict(2, X_train, [5, 6, 4, 3], [[0.0]]).item() == 3   # 0.0 itself, then a tie
    # Three neighbours: 0.0 (label 3) and both tied points, -1 (6) and 1 (4): one vote each, 3 wins.
    assert knn_predict(3, X_train, [5, 6, 4, 3], [[0.0]]).item() == 3
    # Two neighbours out of the tie: only the first of -1 and 1 (index 1) is taken, with 0.0.
    assert knn_predict(2, X_train, [5, 6, 4, 9], [[0.0]]).item() == 6


def test_knn_neighbours_are_decided_by_direct_distances():
    # Far-flung training points make the norms in the expansion large (~1e6 after centring) against
    # two near neighbours whose squared distances, 1e-8 and 1.00002e-8, differ by 2e-13: far below
    # the expansion's rounding (about 1e-10 here), not below that of the direct differences.
    rng = np.random.default_rng(3)
    far = rng.choice([-1e3, 1e3], size=(20, 3)) + rng.normal(size=(20, 3))
    t = np.array([0.3, -0.2, 0.1])
    for first, second in [(1e-4, 1.00001e-4), (1.00001e-4, 1e-4)]:
        X_train = np.vstack([far, t + [first, 0, 0], t + [0, second, 0]])
        y_train = np.r_[np.zeros(20, int), 1, 2]
        expected = 1 if first < second else 2
        assert knn_predict(1, X_train, y_train, [t]).item() == expected
        assert np.argmin(cdist([t], X_train)) == 19 + expected


@pytest.mark.parametrize("block", [30, 100, 2**22])
def test_knn_block_by_block_is_the_same(monkeypatch, block):
    rng = np.random.default_rng(4)
    X_train, X_test = rng.normal(size=(25, 3)), rng.normal(size=(40, 3))
    y_train = rng.integers(0, 4, size=25)
    expected = KNeighborsClassifier(n_neighbors=3, algorithm="brute").fit(X_train, y_train).predict(X_test)
    monkeypatch.setattr(module, "_BLOCK", block)
    assert np.array_equal(knn_predict(3, X_train, y_train, X_test), expected)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6), SCALE)
def test_knn_predictions_do_not_change_with_scale(seed, k, c):
    rng = np.random.default_rng(seed)
    X_train, X_test = rng.normal(size=(30, 3)), rng.normal(size=(10, 3))
    y_train = rng.integers(0, 3, size=30)
    gaps = np.diff(np.sort(cdist(X_test, X_train), axis=1)[:, k - 1:k + 1], axis=1)
    assume(np.all(gaps > 1e-9))  # no near-tie at the k-th neighbour that rounding could flip
    assert np.array_equal(knn_predict(k, c * X_train, y_train, c * X_test),
                          knn_predict(k, X_train, y_train, X_test))


# --- Chapter 15: projections ------------------------------------------------------------------------

EXAMPLE_B = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])


def test_mml_example_3_11():
    assert np.allclose(project([6, 0, 0], EXAMPLE_B), [5, 2, -1], rtol=0, atol=1e-12)
    P = projection_matrix(EXAMPLE_B)
    assert np.allclose(P, np.array([[5, 2, -1], [2, 2, 2], [-1, 2, 5]]) / 6, rtol=0, atol=1e-14)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 6).flatmap(lambda d: st.tuples(st.just(d), st.integers(1, d))), st.integers(0, 2**32 - 1),
       SCALE)
def test_projection_invariants(shape, seed, c):
    D, M = shape
    rng = np.random.default_rng(seed)
    B = rng.normal(size=(D, M))
    x = rng.normal(size=(4, D))
    P = projection_matrix(B)
    assert np.allclose(P @ P, P, atol=1e-12) and np.allclose(P, P.T, atol=0)
    assert np.linalg.matrix_rank(P) == M
    assert np.allclose(P, B @ np.linalg.solve(B.T @ B, B.T), atol=1e-8)   # the textbook formula
    residual = x - project(x, B)
    assert np.allclose(residual @ B, 0, atol=1e-10 * np.abs(B).max())
    assert np.allclose(project(x, B), x @ P, atol=1e-12)
    assert np.allclose(project(x[0], B), P @ x[0], atol=1e-12)
    # Scaled inputs: the same subspace, and the projection scales with x.
    assert np.allclose(projection_matrix(c * B), P, atol=1e-12)
    assert np.allclose(project(c * x, B), c * project(x, B), rtol=1e-12, atol=1e-14 * c * np.abs(x).max())


@pytest.mark.parametrize("c", [1e-8, 1.0, 1e8])
def test_dependent_columns_are_refused_at_every_scale(c):
    B = c * np.array([[1.0, 2.0, 0.0], [0.0, 0.0, 1.0], [1.0, 2.0, 3.0]])   # column 1 = 2 * column 0
    with pytest.raises(ValueError, match=r"B must have independent columns \(a basis of the subspace\): column 1"):
        projection_matrix(B)
    with pytest.raises(ValueError, match="independent columns"):
        project([1, 2, 3], B)
    # Rounding-level dependence counts too; a small but genuine column does not.
    with pytest.raises(ValueError, match="independent columns"):
        projection_matrix(c * np.array([[1.0, 1.0 + 1e-15], [1.0, 1.0]]))
    assert projection_matrix(c * np.array([[1.0, 0.0], [0.0, 1e-6]])) == pytest.approx(np.eye(2))


# --- Chapter 16: normalisation, PCA and reconstruction ------------------------------------------------

def test_normalize_matches_standard_scaler():
    X = np.random.default_rng(0).normal(3, 5, size=(40, 4))
    X[:, 2] = 0.1   # a constant feature: std 0 replaced by 1, the column becomes exact zeros
    Xbar, mu, std = normalize(X)
    scaler = StandardScaler().fit(X)
    assert np.allclose(Xbar, scaler.transform(X), atol=1e-12)
    assert np.allclose(mu, scaler.mean_, rtol=1e-14) and np.allclose(std, scaler.scale_, rtol=1e-12)
    assert std[2] == 1.0 and np.all(Xbar[:, 2] == 0.0)


def assert_same_components(ours, theirs, atol):
    """Equal up to the sign of each row, and our sign rule holds."""
    signs = np.sign(np.sum(ours * theirs, axis=1))
    assert np.allclose(ours, signs[:, None] * theirs, atol=atol)
    for row in ours:
        size = np.abs(row)
        assert row[np.argmax(size >= size.max() * (1 - 1e-6))] > 0


def spectrum_data(seed, N, D):
    """Data with standard deviations from 1 down to 1/8 along random orthogonal directions, plus an offset."""
    rng = np.random.default_rng(seed)
    Q = np.linalg.qr(rng.normal(size=(D, D)))[0]
    return 7.0 + (rng.normal(size=(N, D)) * 8.0 ** -np.linspace(0, 1, D)) @ Q.T


@pytest.mark.parametrize("N, D", [(200, 6), (6, 40), (40, 40), (3, 8), (9, 1)])
def test_pca_matches_scikit_learn(N, D):
    X = spectrum_data(N + D, N, D)
    n = min(N - 1, D)   # the last direction has no variance when N <= D: not comparable
    components, variance, mu = pca(X, n)
    reference = PCA(n, svd_solver="full").fit(X)
    assert components.shape == (n, D)
    assert np.allclose(components @ components.T, np.eye(n), atol=1e-12)
    assert np.all(np.diff(variance) <= 0)
    assert_same_components(components, reference.components_, atol=1e-8)
    assert np.allclose(variance, reference.explained_variance_, rtol=1e-9)
    assert np.allclose(mu, reference.mean_, rtol=1e-14)


@pytest.mark.parametrize("N, D", [(5, 30), (30, 5), (12, 12)])
def test_the_n_by_n_route_equals_the_d_by_d_route(N, D):
    X = spectrum_data(0, N, D)
    centred = X - X.mean(axis=0)
    n = min(N - 1, D)
    gram, gram_values = module._pca_gram(centred, n)
    covariance, covariance_values = module._pca_covariance(centred, n)
    assert_same_components(module._largest_entry_positive(gram), covariance, atol=1e-8)
    assert np.allclose(gram_values, covariance_values, rtol=1e-9)


def test_zero_variance_directions_are_completed_orthonormally():
    X = spectrum_data(3, 4, 10)   # centred, 4 points span only 3 directions
    components, variance, _ = pca(X, 4)
    assert np.allclose(components @ components.T, np.eye(4), atol=1e-12)
    assert variance[3] == 0.0
    assert np.allclose(reconstruct(X, 3), X, atol=1e-10) and np.allclose(reconstruct(X, 4), X, atol=1e-10)
    assert np.array_equal(pca(X, 4)[0], components)   # the completion is seeded: reproducible


@settings(max_examples=50, deadline=None)
@given(matrices(rows=(3, 10), cols=(2, 5)), SCALE)
def test_pca_with_scaled_inputs(X, c):
    n = min(X.shape[0] - 1, X.shape[1])
    components, variance, mu = pca(X, n)
    values = np.linalg.eigvalsh(cov(X, ddof=1))[::-1]
    assume(values[0] > 1e-3)
    # Only components with a variance clearly apart from the others are unique.
    gaps = np.abs(np.diff(np.append(values, -np.inf)))
    gaps = np.minimum(gaps, np.append(np.inf, gaps[:-1]))[:n]
    unique = gaps > 1e-3 * values[0]
    scaled_components, scaled_variance, scaled_mu = pca(c * X, n)
    assert np.allclose(scaled_variance, c**2 * variance, rtol=1e-9, atol=1e-12 * c**2 * values[0])
    assert np.allclose(scaled_components[unique], components[unique], atol=1e-8)
    assert np.allclose(scaled_mu, c * mu, rtol=1e-12, atol=1e-300)
    assert np.allclose(variance, values[:n], rtol=1e-8, atol=1e-12 * values[0])


@settings(max_examples=50, deadline=None)
@given(matrices(rows=(2, 10), cols=(1, 6)))
def test_reconstruction_error_falls_to_zero(X):
    errors = [np.sum((X - reconstruct(X, n)) ** 2) for n in range(1, min(X.shape) + 1)]
    scale = np.sum((X - X.mean(0)) ** 2) + 1e-300
    assert all(later <= earlier + 1e-9 * scale for earlier, later in zip(errors, errors[1:]))
    rank = min(X.shape[0] - 1, X.shape[1])
    if rank >= 1:
        assert errors[rank - 1] <= 1e-9 * scale


def test_reconstruct_matches_scikit_learn():
    X = spectrum_data(5, 60, 8)
    reference = PCA(3, svd_solver="full").fit(X)
    expected = reference.inverse_transform(reference.transform(X))
    assert np.allclose(reconstruct(X, 3), expected, rtol=0, atol=1e-10)


def test_mnist_pca_equals_scikit_learn():
    try:
        images, _ = load_mnist("test", download=False)
    except FileNotFoundError as error:
        pytest.skip(f"MNIST test images not available (set MMLBOOK_DATA to a folder holding them): {error}")
    # The first 2,500 images keep scikit-learn's SVD (the slow side) to a few seconds;
    # benchmarks/pca.py compares all 10,000.
    X = images.reshape(len(images), -1).astype(float)[:2500]
    n = 50
    reference = PCA(n, svd_solver="full").fit(X)
    expected = reference.inverse_transform(reference.transform(X))
    ours = reconstruct(X, n)
    assert np.linalg.norm(ours - expected) <= 1e-8 * np.linalg.norm(expected)
    components, variance, _ = pca(X, n)
    assert np.allclose(variance, reference.explained_variance_, rtol=1e-9)
    assert_same_components(components, reference.components_, atol=1e-7)


# --- bad input ------------------------------------------------------------------------------------------

X3 = [[0.0, 1.0], [2.0, 3.0], [4.0, 7.0]]
BAD = [
    (mean, ([1, 2, 3],), ValueError, "X must have 2 dimension"),
    (mean, ([[1, np.nan]],), ValueError, "X must contain only finite"),
    (mean, ("abc",), TypeError, "X must be an array"),
    (mean, (np.zeros((0, 3)),), ValueError, "X must not be empty"),
    (cov, (X3, 3), ValueError, "ddof must be less than the number of rows"),
    (cov, (X3, -1), ValueError, "ddof must be >= 0"),
    (cov, (X3, 1.0), TypeError, "ddof must be an integer"),
    (affine_mean, ([1, 2, 3], [[1, 0], [0, 1]], [0, 0]), ValueError, r"m must have length 2 \(the number of columns"),
    (affine_mean, ([1, 2], [[1, 0], [0, 1]], [0, 0, 0]), ValueError, r"b must have length 2 \(the number of rows"),
    (affine_mean, ([1, 2], [1, 0], [0]), ValueError, "A must have 2 dimension"),
    (affine_mean, ([1, np.inf], [[1, 0]], [0]), ValueError, "m must contain only finite"),
    (affine_covariance, ([[1, 0], [0, 1]], [[1, 0, 0]], [0]), ValueError, r"S must have shape \(3, 3\)"),
    (affine_covariance, ([[1, 2], [0, 1]], [[1, 0]], [0]), ValueError, "S must be symmetric"),
    (inner_product, ([1, 2], [1, 2, 3]), ValueError, "y must have length 2"),
    (inner_product, ([[1, 2]], [1, 2]), ValueError, "x must have 1 dimension"),
    (inner_product, ([1, 2], [1, 2], [[1, 0], [2, 1]]), ValueError, "A must be symmetric"),
    (inner_product, ([1, 2], [1, 2], [[1, 0], [0, -1]]), ValueError, "A must be positive definite"),
    (inner_product, ([1, 2], [1, 2], np.eye(3)), ValueError, r"A must have shape \(2, 2\)"),
    (inner_product, ([1, 2], [1, 2], [[1, 0], [0, np.nan]]), ValueError, "A must contain only finite"),
    (norm, ([1, 2], [[0, 0], [0, 1]]), ValueError, "A must be positive definite"),
    (distance, ([1e308, 0], [-1e308, 0], np.eye(2)), ValueError, "x - y overflows"),
    (distance, ([1, 2], [np.nan, 2]), ValueError, "y must contain only finite"),
    (angle, ([0, 0], [1, 2]), ValueError, "x must not be the zero vector"),
    (angle, ([1, 2], [0, 0], np.eye(2)), ValueError, "y must not be the zero vector"),
    (pairwise_distances, (X3, [[1, 2, 3]]), ValueError, "Y must have 2 columns to match X"),
    (pairwise_distances, ([1, 2], X3), ValueError, "X must have 2 dimension"),
    (pairwise_distances, (X3, X3, [[1, 1], [1, 1]]), ValueError, "A must be positive definite"),
    (pairwise_distances, (X3, [[np.inf, 0]]), ValueError, "Y must contain only finite"),
    (knn_predict, (0, X3, [0, 1, 0], X3), ValueError, "k must be between 1 and the number of training points"),
    (knn_predict, (4, X3, [0, 1, 0], X3), ValueError, r"k must be between 1 and the number of training points \(3\), got 4"),
    (knn_predict, (1.0, X3, [0, 1, 0], X3), TypeError, "k must be an integer"),
    (knn_predict, (1, X3, [0, 1], X3), ValueError, "y_train must be a 1-D array with one label per row"),
    (knn_predict, (1, X3, [0, np.nan, 1], X3), ValueError, "y_train must not contain NaN"),
    (knn_predict, (1, X3, None, X3), TypeError, "y_train must be an array of labels"),
    (knn_predict, (1, X3, [0, 1, 0], [[1, 2, 3]]), ValueError, "X_test must have 2 columns to match X_train"),
    (knn_predict, (1, X3, [0, 1, 0], [1, 2]), ValueError, "X_test must have 2 dimension"),
    (projection_matrix, ([1, 2, 3],), ValueError, "B must have 2 dimension"),
    (projection_matrix, ([[1, 2, 3], [4, 5, 6]],), ValueError, r"B has more columns \(3\) than rows \(2\)"),
    (projection_matrix, ([[1, 2], [2, 4], [3, 6]],), ValueError, r"B must have independent columns \(a basis of the subspace\): column 1"),
    (projection_matrix, ([[1, 0], [0, 0]],), ValueError, "B must have independent columns"),
    (projection_matrix, ([[1, np.nan], [0, 1]],), ValueError, "B must contain only finite"),
    (project, ([1, 2], EXAMPLE_B), ValueError, r"x must have length 3 \(the number of rows of B\)"),
    (project, ([[[1, 2, 3]]], EXAMPLE_B), ValueError, "x must have 1 or 2 dimension"),
    (normalize, ([1, 2, 3],), ValueError, "X must have 2 dimension"),
    (pca, (X3, 0), ValueError, r"n_components must be between 1 and min\(N, D\) = 2"),
    (pca, (X3, 3), ValueError, r"n_components must be between 1 and min\(N, D\) = 2 for X of shape \(3, 2\), got 3"),
    (pca, (X3, 1.5), TypeError, "n_components must be an integer"),
    (pca, ([[1, 2, 3]], 1), ValueError, "X must have at least 2 rows"),
    (pca, ([1, 2, 3], 1), ValueError, "X must have 2 dimension"),
    (pca, ([[1, 2], [np.inf, 3]], 1), ValueError, "X must contain only finite"),
    (reconstruct, (X3, 5), ValueError, "n_components must be between 1 and"),
    (reconstruct, ([[1, 2], [3, 1j]], 1), TypeError, "X must hold real numbers"),
]


@pytest.mark.parametrize("function, args, error, message", BAD,
                         ids=[f"{f.__name__}-{i}" for i, (f, *_) in enumerate(BAD)])
def test_bad_input_is_named(function, args, error, message):
    with pytest.raises(error, match=message):
        function(*args)


def test_every_public_function_has_a_bad_input_case():
    assert {f.__name__ for f, *_ in BAD} == set(module.__all__)
