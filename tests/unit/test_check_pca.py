"""Tests for the Chapter 16 checker: right PCAs written many ways pass, learners' mistakes are named."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.decomposition import PCA

from mmlbook import check
from mmlbook import pca as reference
import importlib

module = importlib.import_module("mmlbook.check.pca")  # check.pca is the checker function


def _centred(X):
    X = np.asarray(X, dtype=float)
    return X - X.mean(axis=0)


def _cov(X):
    Xc = _centred(X)
    return Xc.T @ Xc / (len(Xc) - 1)


# --- right ones ------------------------------------------------------------------------------

def pca_eigh(X, M):
    values, vectors = np.linalg.eigh(_cov(X))
    order = np.argsort(values)[::-1][:M]
    return vectors[:, order].T, values[order]


def pca_eig_sorted(X, M):
    values, vectors = np.linalg.eig(_cov(X))
    values, vectors = values.real, vectors.real
    order = np.argsort(-values)[:M]
    return vectors[:, order].T, values[order], np.asarray(X, dtype=float).mean(axis=0)


def pca_eig_sorted_orthonormalised(X, M):
    values, vectors = np.linalg.eig(_cov(X))
    values, vectors = values.real, vectors.real
    order = np.argsort(-values)
    Q = np.linalg.qr(vectors[:, order])[0]   # within a repeated eigenvalue eig's vectors may be skewed
    return Q[:, :M].T, values[order][:M]


def pca_svd(X, M):
    Xc = _centred(X)
    _, sigma, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt[:M], sigma[:M] ** 2 / (len(Xc) - 1)


def pca_gram_trick(X, M):
    Xc = _centred(X)
    values, U = np.linalg.eigh(Xc @ Xc.T)
    values, U = values[::-1][:M], U[:, ::-1][:, :M]
    V = Xc.T @ U / np.sqrt(values)
    return V.T, values / (len(Xc) - 1)


def pca_float32(X, M):
    Xc = np.asarray(X, dtype=np.float32)
    Xc = Xc - Xc.mean(axis=0)
    values, vectors = np.linalg.eigh(Xc.T @ Xc / np.float32(len(Xc) - 1))
    return vectors[:, ::-1][:, :M].T, values[::-1][:M]


def pca_gram_trick_float32(X, M):
    Xc = np.asarray(X, dtype=np.float32)
    Xc = Xc - Xc.mean(axis=0)
    values, U = np.linalg.eigh(Xc @ Xc.T)
    values, U = values[::-1][:M], U[:, ::-1][:, :M]
    V = Xc.T @ U
    return (V / np.linalg.norm(V, axis=0)).T, values / np.float32(len(Xc) - 1)


def pca_svd_float32(X, M):
    Xc = np.asarray(X, dtype=np.float32)
    Xc = Xc - Xc.mean(axis=0)
    _, sigma, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt[:M], sigma[:M] ** 2 / np.float32(len(Xc) - 1)


def pca_one_pass_float32(X, M):   # S = (XᵀX - N μμᵀ)/(N - 1) in float32: the worst rounding the checker must allow
    X = np.asarray(X, dtype=np.float32)
    N, mu = len(X), X.mean(axis=0)
    values, vectors = np.linalg.eigh((X.T @ X - N * np.outer(mu, mu)) / np.float32(N - 1))
    return vectors[:, ::-1][:, :M].T, values[::-1][:M]


def pca_np_cov_float32(X, M):
    S = np.cov(np.asarray(X, dtype=np.float32), rowvar=False).astype(np.float32)
    values, vectors = np.linalg.eigh(S)
    return vectors[:, ::-1][:, :M].T, values[::-1][:M]


def pca_eigsh(X, M):   # a sparse/iterative eigensolver for the top M only
    from scipy.sparse.linalg import eigsh
    values, vectors = eigsh(_cov(X), k=M, which="LA")
    order = np.argsort(-values)
    return vectors[:, order].T, values[order]


def pca_power_loose(X, M):   # power iteration stopped when a step moves less than 1e-6, as a learner would
    S = _cov(X)
    rng = np.random.default_rng(1)
    components, variances = [], []
    for _ in range(M):
        v = rng.normal(size=len(S))
        v /= np.linalg.norm(v)
        for _ in range(100_000):
            w = S @ v
            w /= np.linalg.norm(w)
            if np.linalg.norm(w - v) < 1e-6:
                break
            v = w
        components.append(v)
        variances.append(v @ S @ v)
        S = S - variances[-1] * np.outer(v, v)
    return np.array(components), np.array(variances)


def sklearn_with(solver, dtype=float):
    def pca_sklearn_solver(X, M):
        model = PCA(n_components=M, svd_solver=solver, random_state=0).fit(np.asarray(X, dtype=dtype))
        return model.components_, model.explained_variance_
    pca_sklearn_solver.__name__ = f"pca_sklearn_{solver}_{np.dtype(dtype).name}"
    return pca_sklearn_solver


def pca_course_columns(X, M):   # the course: components as the columns of a (D, M) matrix, np.cov
    S = np.cov(np.asarray(X, dtype=float), rowvar=False)
    values, vectors = np.linalg.eigh(S)
    idx = values.argsort()[::-1]
    return vectors[:, idx][:, :M], values[idx][:M]


def pca_sklearn(X, M):
    model = PCA(n_components=M, svd_solver="full").fit(np.asarray(X, dtype=float))
    return model.components_, model.explained_variance_, model.mean_


def pca_loops(X, M):   # power iteration with deflation, in lists and loops
    S = _cov(X)
    components, variances = [], []
    rng = np.random.default_rng(0)
    for _ in range(M):
        v = rng.normal(size=len(S))
        for _ in range(5000):
            w = S @ v
            w = w / np.linalg.norm(w)
            if np.linalg.norm(w - v) < 1e-13:
                break
            v = w
        lam = float(v @ S @ v)
        components.append(list(v))
        variances.append(lam)
        S = S - lam * np.outer(v, v)
    return components, variances


def pca_flipped_signs(X, M):
    components, variances, mean = reference.pca(X, M)
    return components * (-1) ** np.arange(M)[:, None], variances, mean


def pca_rotated_in_eigenspace(X, M):
    """The reference, with equal-variance components turned within their eigenspace."""
    components, variances, _ = reference.pca(X, min(X.shape))
    components, variances = components.copy(), variances.copy()
    for i in range(len(variances) - 1):
        if abs(variances[i] - variances[i + 1]) < 1e-9 * variances[0]:
            c, s = np.cos(0.7), np.sin(0.7)
            components[[i, i + 1]] = [c * components[i] + s * components[i + 1],
                                      -s * components[i] + c * components[i + 1]]
    return components[:M], variances[:M]


@pytest.mark.parametrize("function", [
    pca_eigh, pca_eig_sorted_orthonormalised, pca_svd, pca_gram_trick, pca_course_columns, pca_sklearn, pca_loops,
    pca_flipped_signs, pca_rotated_in_eigenspace, reference.pca, pca_eigsh, pca_power_loose,
    sklearn_with("randomized"), sklearn_with("arpack"), sklearn_with("covariance_eigh"),
    # float32 must pass, in every way of computing it
    pca_float32, pca_gram_trick_float32, pca_svd_float32, pca_one_pass_float32, pca_np_cov_float32,
    sklearn_with("full", np.float32), sklearn_with("covariance_eigh", np.float32),
], ids=lambda f: f.__name__)
def test_right_pcas_pass(function):
    result = check.pca(function)
    assert result, result.message


def test_eig_sorted_passes_except_where_its_eigenvectors_are_skewed():
    """np.linalg.eig + sorting is right for distinct eigenvalues; at a repeated one it is not orthonormal."""
    result = check.pca(pca_eig_sorted)
    assert not result and "equal" in result.message and "np.linalg.eig returns eigenvectors that need not be " \
        "orthogonal" in result.message, result.message
    probe = next(p for p in module.probes() if "equal" in p.what)
    V = pca_eig_sorted(probe.X, 3)[0]
    assert abs(V[1] @ V[2]) > 0.1   # really skewed, not a tolerance artefact


def test_the_repeated_probe_really_has_a_free_eigenspace():
    probe = next(p for p in module.probes() if "equal" in p.what)
    lam = np.linalg.eigvalsh(_cov(probe.X))[::-1]
    assert np.allclose(lam[1:4], 4.0, rtol=1e-12) and probe.n_components == 3
    # A rotated basis really differs from the reference, and is still accepted.
    assert not np.allclose(np.abs(pca_rotated_in_eigenspace(probe.X, 3)[0]), np.abs(reference.pca(probe.X, 3)[0]))


def test_eig_is_complex_on_the_wide_probe():
    probe = next(p for p in module.probes() if "N < D" in p.what)
    assert np.linalg.eig(_cov(probe.X))[0].dtype.kind == "c"


# --- wrong ones, as learners write them ------------------------------------------------------

def no_centring(X, M):
    X = np.asarray(X, dtype=float)
    values, vectors = np.linalg.eigh(X.T @ X / (len(X) - 1))
    return vectors[:, ::-1][:, :M].T, values[::-1][:M]


def eig_unsorted(X, M):
    values, vectors = np.linalg.eig(_cov(X))
    return vectors.real[:, :M].T, values.real[:M]


def eigh_ascending(X, M):
    values, vectors = np.linalg.eigh(_cov(X))
    return vectors[:, :M].T, values[:M]


def eigh_last_not_reversed(X, M):
    values, vectors = np.linalg.eigh(_cov(X))
    return vectors[:, -M:].T, values[-M:]


def rows_not_columns(X, M):
    values, vectors = np.linalg.eigh(_cov(X))
    order = np.argsort(values)[::-1]
    return vectors[order[:M]], values[order[:M]]


def gram_without_back_transform(X, M):
    Xc = _centred(X)
    values, U = np.linalg.eigh(Xc @ Xc.T)
    return U[:, ::-1][:, :M].T, values[::-1][:M] / (len(Xc) - 1)


def gram_not_normalised(X, M):
    Xc = _centred(X)
    values, U = np.linalg.eigh(Xc @ Xc.T)
    values, U = values[::-1][:M], U[:, ::-1][:, :M]
    return (Xc.T @ U).T, values / (len(Xc) - 1)


def eig_complex(X, M):
    values, vectors = np.linalg.eig(_cov(X))
    order = np.argsort(-values.real)[:M]
    return vectors[:, order].T, values[order]


def divide_by_n(X, M):
    Xc = _centred(X)
    values, vectors = np.linalg.eigh(Xc.T @ Xc / len(Xc))
    return vectors[:, ::-1][:, :M].T, values[::-1][:M]


def svd_singular_values(X, M):
    _, sigma, Vt = np.linalg.svd(_centred(X), full_matrices=False)
    return Vt[:M], sigma[:M]


def svd_u_columns(X, M):
    U, sigma, _ = np.linalg.svd(_centred(X), full_matrices=False)
    return U[:, :M].T, sigma[:M] ** 2 / (len(X) - 1)


def uint8_overflow(X, M):   # the "computational formula" E[xxᵀ] - μμᵀ, with Xᵀ X in uint8
    N = len(X)
    mu = X.mean(axis=0)
    S = ((X.T @ X) / N - np.outer(mu, mu)) * N / (N - 1)
    values, vectors = np.linalg.eigh(S)
    return vectors[:, ::-1][:, :M].T, values[::-1][:M]


def columns_as_examples(X, M):  # MML's D x N convention applied to an N x D array
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=1, keepdims=True)
    values, vectors = np.linalg.eigh(Xc @ Xc.T / (X.shape[1] - 1))
    return vectors[:, ::-1][:, :M].T, values[::-1][:M]


def centre_each_example(X, M):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=1, keepdims=True)
    values, vectors = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
    return vectors[:, ::-1][:, :M].T, values[::-1][:M]


def standardised(X, M):
    Z = reference.normalize(X)[0]
    values, vectors = np.linalg.eigh(Z.T @ Z / (len(Z) - 1))
    return vectors[:, ::-1][:, :M].T, values[::-1][:M]


def in_place(X, M):
    X -= X.mean(axis=0)
    return pca_eigh(X, M)


def all_components(X, M):
    return pca_eigh(X, min(X.shape) if X.shape[0] > X.shape[1] else X.shape[1])[0].T, pca_eigh(X, M)[1]


def ratios(X, M):
    components, variances = pca_eigh(X, M)
    return components, variances / np.trace(_cov(X))


def absolute_threshold(X, M):  # drops "small" eigenvalues with an absolute cut-off
    values, vectors = np.linalg.eigh(_cov(X))
    keep = values > 1e-3
    values, vectors = values[keep][::-1], vectors[:, keep][:, ::-1]
    out = np.zeros((M, X.shape[1]))
    out[:min(M, len(values))] = vectors[:, :M].T
    return out, np.pad(values[:M], (0, M - min(M, len(values))))


def svd_vt_columns(X, M):   # columns of Vᵀ are rows of V, not components
    _, sigma, Vt = np.linalg.svd(_centred(X), full_matrices=False)
    return Vt[:, :M], sigma[:M] ** 2 / (len(X) - 1)


def np_cov_without_rowvar(X, M):   # np.cov(X) takes the rows as the variables: an N x N matrix
    values, vectors = np.linalg.eigh(np.cov(np.asarray(X, dtype=float)))
    return vectors[:, ::-1][:, :M].T, values[::-1][:M]


def centred_by_one_number(X, M):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean()
    values, vectors = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
    return vectors[:, ::-1][:, :M].T, values[::-1][:M]


def variances_first(X, M):
    components, variances = pca_eigh(X, M)
    return variances, components


def gram_divided_by_lambda(X, M):
    Xc = _centred(X)
    values, U = np.linalg.eigh(Xc @ Xc.T)
    values, U = values[::-1][:M], U[:, ::-1][:, :M]
    return (Xc.T @ U / values).T, values / (len(Xc) - 1)


def gram_of_the_covariance(X, M):   # eigenvalues of X̄X̄ᵀ/(N - 1), but X̄ᵀu divided by their square root
    Xc = _centred(X)
    values, U = np.linalg.eigh(Xc @ Xc.T / (len(Xc) - 1))
    values, U = values[::-1][:M], U[:, ::-1][:, :M]
    return (Xc.T @ U / np.sqrt(values)).T, values


def pixels_scaled_inside(X, M):   # the MNIST habit X / 255 inside the function
    return pca_eigh(np.asarray(X, dtype=float) / 255, M)


def tilted(residual):
    """The reference with component 0 turned towards component 1 until ||S v - (vᵀSv) v|| = residual * lambda_1."""
    def pca_tilted(X, M):
        components, variances, _ = reference.pca(X, M)
        lam0, lam1 = variances[:2]
        t = 0.5 * np.arcsin(2 * residual * lam0 / (lam0 - lam1))
        c, s = np.cos(t), np.sin(t)
        turned = components.copy()
        turned[[0, 1]] = [c * components[0] + s * components[1], -s * components[0] + c * components[1]]
        return turned, variances
    return pca_tilted


def skewed_in_the_repeated_eigenspace(X, M):   # still eigenvectors, but 5e-5 from orthogonal
    components, variances, _ = reference.pca(X, M)
    components = components.copy()
    if np.isclose(variances[1], variances[2], rtol=1e-9, atol=0):
        components[2] = components[2] + 5e-5 * components[1]
        components[2] /= np.linalg.norm(components[2])
    return components, variances


@pytest.mark.parametrize("function, phrase", [
    (svd_vt_columns, "Vt[:M]"),
    (np_cov_without_rowvar, "rowvar=False"),
    (centred_by_one_number, "X.mean(), the mean of every entry"),
    (variances_first, "(variances, components)"),
    (gram_divided_by_lambda, "you divided X̄ᵀu by λ_u"),
    (gram_of_the_covariance, "√(N - 1)"),
    (pixels_scaled_inside, "times the right ones"),
    # only rounding-level errors pass: each of these misses by a few times the tolerance 2e-5
    (tilted(5e-5), "times the largest eigenvalue"),
    (skewed_in_the_repeated_eigenspace, "not orthogonal"),
    (lambda X, M: (reference.pca(X, M)[0], reference.pca(X, M)[1] * (1 + 1e-4)), "should be"),
    (lambda X, M: (reference.pca(X, M)[0] * (1 + 5e-5), reference.pca(X, M)[1]), "not 1"),
    (lambda X, M: (*reference.pca(X, M)[:2], reference.pca(X, M)[2] * (1 + 5e-5)), "the mean should be"),
    (no_centring, "not centred"),
    (eig_unsorted, "no particular order"),
    (eigh_ascending, "SMALLEST"),
    (eigh_last_not_reversed, "ascending order of variance"),
    (rows_not_columns, "COLUMNS"),
    (gram_without_back_transform, "X̄ᵀ u / ||X̄ᵀ u||"),
    (gram_not_normalised, "not yet normalised"),
    (eig_complex, "complex"),
    (divide_by_n, "you divided by N"),
    (svd_singular_values, "singular values σᵢ of X̄"),
    (svd_u_columns, "columns of U"),
    (uint8_overflow, "uint8"),
    (columns_as_examples, "columns of X as the examples"),
    (centre_each_example, "axis=1"),
    (standardised, "standardised"),
    (in_place, "changed its argument"),
    (all_components, "only the first n_components"),
    (ratios, "RATIOS"),
    (absolute_threshold, "relative to the data's scale"),
    (lambda X, M: pca_eigh(X, M)[0], "should return a pair"),
    (lambda X, M: None, "return statement"),
    (lambda X, M: (None, None, None, None), "4 things"),
    (lambda X, M: (pca_eigh(X, M)[0], pca_eigh(X, M)[1], np.asarray(X, float).mean(axis=1)), "axis=1"),
    (lambda X, M: (pca_eigh(X, M)[0], pca_eigh(X, M)[1] * 1.001), "should be"),
])
def test_wrong_pcas_are_named(function, phrase):
    result = check.pca(function)
    assert not result
    assert phrase in result.message, result.message


def test_a_right_answer_on_easy_data_only_fails():
    def only_distinct(X, M):
        if X.shape == (40, 6):
            return reference.pca(X, M)
        return eigh_ascending(X, M)
    assert not check.pca(only_distinct)


def test_a_wrong_vector_in_a_repeated_eigenspace_is_explained():
    def leaves_the_eigenspace(X, M):
        components, variances, _ = reference.pca(X, min(X.shape))
        components = components.copy()
        if np.isclose(variances[1], variances[2], rtol=1e-9, atol=0):   # the repeated probe: tilt component 2 out
            components[2] = np.cos(0.3) * components[2] + np.sin(0.3) * components[4]
        return components[:M], variances[:M]
    result = check.pca(leaves_the_eigenspace)
    assert not result and "repeats 3 times" in result.message, result.message


def test_a_slightly_wrong_component_fails():
    def tilted(X, M):
        components, variances, _ = reference.pca(X, M)
        components = components.copy()
        components[0] = components[0] + 1e-2 * components[1]
        return components / np.linalg.norm(components, axis=1, keepdims=True), variances
    assert not check.pca(tilted)


def test_probes_are_reproducible_and_fast():
    a, b = module.probes(), module.probes()
    assert all(np.array_equal(p.X, q.X) for p, q in zip(a, b))
    assert any(p.X.dtype == np.uint8 for p in a) and any(p.X.shape[0] < p.X.shape[1] for p in a)


# --- scale-free decisions --------------------------------------------------------------------

@settings(max_examples=15, deadline=None)
@given(st.floats(min_value=-9, max_value=-5.7))
def test_rounding_level_errors_pass(k):
    """A component turned by a residual of up to 2e-6 λ₁ (float32 rounding) and variances 1e-6 off pass."""
    size = 10.0**k

    def nearly(X, M):
        components, variances = tilted(size)(X, M)
        return components, variances * (1 + size)
    result = check.pca(nearly)
    assert result, result.message


@settings(max_examples=15, deadline=None)
@given(st.floats(min_value=-4.3, max_value=-1))
def test_errors_above_rounding_fail(k):
    """A residual of 5e-5 λ₁ or more, or variances 5e-5 (relative) or more off, fail."""
    size = 10.0**k
    assert not check.pca(tilted(size))
    assert not check.pca(lambda X, M: (reference.pca(X, M)[0], reference.pca(X, M)[1] * (1 + size)))
    assert not check.pca(lambda X, M: (reference.pca(X, M)[0], reference.pca(X, M)[1] * (1 - size)))


@settings(max_examples=12, deadline=None)
@given(st.integers(min_value=-8, max_value=8))
def test_a_right_answer_computed_at_another_scale_passes(k):
    """PCA of c X has the components of X and c² times the variances: the checker agrees at every c."""
    c = 10.0**k

    def rescaled(X, M):
        components, variances, _ = reference.pca(c * np.asarray(X, dtype=float), M)
        return components, variances / c**2
    result = check.pca(rescaled)
    assert result, result.message


@settings(max_examples=8, deadline=None)
@given(st.sampled_from([-8, -4, -1, 1, 4, 8]))
def test_variances_of_the_scaled_data_fail(k):
    def unscaled_variances(X, M):
        return reference.pca(10.0**k * np.asarray(X, dtype=float), M)[:2]
    assert not check.pca(unscaled_variances)
