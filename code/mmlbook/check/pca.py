"""Checkers for Chapter 16, *Principal component analysis*: the reader's ``pca(X, n_components)``.

The reader writes, as in the course's assignment "PCA" (on MNIST),
``pca(X, n_components)`` for a data matrix ``X`` of shape (N, D) whose *rows are
examples*, returning ``(components, variances)`` or ``(components, variances, mean)``:

* ``components``: the ``n_components`` = M principal components as the rows of
  an (M, D) array (the course's convention, components as the *columns* of a
  (D, M) array, is accepted too): unit vectors, orthogonal to each other, the
  eigenvectors of the covariance matrix with the M largest eigenvalues, largest
  first. Either sign of each component is right.
* ``variances``: the M largest eigenvalues of the covariance matrix
  ``S = (X - mean)^T (X - mean) / (N - 1)`` (the 1/(N - 1) of scikit-learn's
  ``explained_variance_``), largest first.
* ``mean`` (optional): the mean of the rows, shape (D,).

How it decides: a vector ``v`` is a right component i when it has length 1 to
within ``_TAU`` = 2e-5, ``||S v - (vᵀ S v) v|| <= _TAU * lambda_1`` (it is an
eigenvector, to rounding) and ``|vᵀ S v - lambda_i| <= _TAU * lambda_1``, with
``lambda_i`` the i-th largest eigenvalue; the components must be orthogonal to
``_TAU`` and each variance within ``_TAU * lambda_1`` of ``lambda_i``. Every test
is relative to the data's scale. ``_TAU`` sits between the two kinds of answer:
a right float64 computation misses by at most about 1e-13 on these probes, a
right float32 one by at most about 7e-6 (the one-pass formula
``(XᵀX - N μμᵀ)/(N - 1)`` in float32, which is also what scikit-learn's
``svd_solver="covariance_eigh"`` does with float32 input); a component turned
so far that its residual is 5e-5 * lambda_1, variances 1e-4 (relative) off, or
components 5e-5 from orthogonal all fail. Either sign passes, and so does *any*
orthonormal basis of an eigenspace where eigenvalues repeat (one probe has
lambda_2 = lambda_3 = lambda_4 and asks for 3 components). The probes are:
distinct variances (N > D), the same data scaled by 1e6 and 1e-6, fewer examples
than features (N < D, where the N x N trick pays and ``np.linalg.eig`` returns
complex numbers), repeated variances, an unstructured random cloud, and 8-bit
integer pixels (dtype uint8, as MNIST comes). When the answer is wrong it says
what the components or variances are instead (eigenvectors of the uncentred
matrix, in ascending order, of length sqrt(lambda (N - 1)), ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import pca as _reference
from ._core import Failure, Result, call, run

__all__ = ["pca"]

# Relative tolerance of every "right" decision (eigen-residual, variances: relative to the largest
# eigenvalue; lengths and dot products of components: to 1; the mean: to its largest entry).
# Measured on the probes: float64 answers miss by <= 1e-13, float32 ones by <= 7e-6; see the docstring.
_TAU = 2e-5


@dataclass(frozen=True)
class Probe:
    """One data set the reader's function is called on."""

    what: str
    X: np.ndarray
    n_components: int

    @property
    def floats(self) -> np.ndarray:
        return self.X.astype(float)


def _cloud(rng, N: int, D: int, variances, offset: float) -> np.ndarray:
    """N points in D dimensions whose covariance (1/(N-1)) has exactly the given leading eigenvalues.

    The coordinates along a random orthonormal basis are centred, mutually orthogonal columns
    scaled to the wanted variances, so the eigenvalues (and their repeats) are exact to rounding.
    """
    r = len(variances)
    A = rng.normal(size=(N, r))
    Qz = np.linalg.qr(A - A.mean(axis=0))[0]               # orthonormal columns, each orthogonal to 1
    Q = np.linalg.qr(rng.normal(size=(D, D)))[0][:, :r]    # orthonormal directions in R^D
    Z = Qz * np.sqrt((N - 1) * np.asarray(variances, dtype=float))
    return Z @ Q.T + offset * rng.uniform(0.5, 1.5, size=D)


def probes() -> list[Probe]:
    """The data sets, in the order they are tried (the ones that name most mistakes first)."""
    rng = np.random.default_rng(16)
    distinct = _cloud(rng, 40, 6, (9.0, 5.0, 3.0, 2.0, 1.0, 0.5), offset=5.0)
    wide = _cloud(rng, 8, 30, (16.0, 9.0, 6.0, 4.0, 3.0, 2.0, 1.0), offset=3.0)
    repeated = _cloud(rng, 30, 6, (9.0, 4.0, 4.0, 4.0, 1.0, 0.5), offset=2.0)
    random = rng.normal(size=(20, 12)) * np.linspace(3.0, 1.0, 12) + 4.0
    pixels = np.clip(np.rint(_cloud(rng, 60, 16, tuple(np.geomspace(900.0, 60.0, 15)), offset=0.0)
                             + 128.0), 0, 255).astype(np.uint8)
    return [
        Probe("40 examples of dimension 6 with distinct variances", distinct, 3),
        Probe("the same 40 examples scaled by 1e6", distinct * 1e6, 3),
        Probe("the same 40 examples scaled by 1e-6", distinct * 1e-6, 3),
        Probe("8 examples of dimension 30 (N < D)", wide, 4),
        Probe("30 examples of dimension 6 whose variances 2, 3 and 4 are equal (4, 4, 4)", repeated, 3),
        Probe("20 random examples of dimension 12", random, 10),
        Probe("60 examples of 16 pixels stored as uint8 (0..255), as MNIST is", pixels, 5),
    ]


# --- what the right answer is, and what wrong ones look like ------------------------------


def _covariance(X: np.ndarray) -> np.ndarray:
    return _reference.cov(X, ddof=1)


def _spectrum(S: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues descending and the eigenvectors as columns."""
    values, vectors = np.linalg.eigh(S)
    return values[::-1], vectors[:, ::-1]


def _eigen_residuals(S: np.ndarray, V: np.ndarray, values: np.ndarray) -> np.ndarray:
    """||S v_i - values_i v_i|| / lambda_1(S) for each row v_i of V."""
    top = max(float(np.linalg.eigvalsh(S)[-1]), np.finfo(float).tiny)
    return np.linalg.norm(V @ S - values[:, np.newaxis] * V, axis=1) / top


def _eigenvectors_of(S: np.ndarray, V: np.ndarray) -> bool:
    """Every row of V, normalised, is an eigenvector of S (to _TAU of S's largest eigenvalue)."""
    norms = np.linalg.norm(V, axis=1)
    if np.any(norms == 0):
        return False
    U = V / norms[:, np.newaxis]
    rayleigh = np.einsum("ij,jk,ik->i", U, S, U)
    return bool(np.all(_eigen_residuals(S, U, rayleigh) <= _TAU))


def _near(got: np.ndarray, want: np.ndarray) -> bool:
    """Equal to _TAU relative to the largest entry of ``want``."""
    scale = float(np.abs(want).max()) or 1.0
    return got.shape == want.shape and bool(np.all(np.abs(got - want) <= _TAU * scale))


def _show(values: np.ndarray) -> str:
    return np.array2string(np.asarray(values), precision=4, threshold=8)


# --- reading what the reader returned ------------------------------------------------------


def _real(value: Any, what: str, probe: Probe) -> np.ndarray:
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        raise Failure(f"your {what} should be an array of numbers, got {type(value).__name__}") from None
    if array.dtype.kind == "c":
        raise Failure(
            f"for {probe.what}, your {what} are complex numbers (dtype {array.dtype}). np.linalg.eig works "
            "for any square matrix, so it returns complex results whenever rounding makes eigenvalues look complex, as it "
            "does for a covariance matrix with many (near) zero eigenvalues. S is symmetric, so its "
            "eigenvalues and eigenvectors are real: use np.linalg.eigh (or take .real of eig's output).")
    try:
        return array.astype(float)
    except (TypeError, ValueError):
        raise Failure(f"your {what} should be an array of numbers, got {type(value).__name__}") from None


def _parts(value: Any, probe: Probe):
    """(components as (M, D) rows, variances (M,), mean or None), or a Failure about the shapes."""
    N, D = probe.X.shape
    M = probe.n_components
    if value is None:
        raise Failure("pca returned None: is the return statement missing?")
    if not isinstance(value, (tuple, list)) or len(value) not in (2, 3):
        if isinstance(value, (tuple, list)) and len(value) == 4:
            raise Failure("pca returned 4 things. The course's PCA returned (reconstructions, mean, "
                          "principal_values, principal_components); here return (components, variances) or "
                          "(components, variances, mean), with components as rows (or columns) and the "
                          "variances divided by N - 1.")
        raise Failure("pca should return a pair (components, variances) or a triple (components, variances, "
                      f"mean), but it returned {type(value).__name__}"
                      + (f" of shape {np.shape(value)}" if isinstance(value, np.ndarray) else ""))
    components = _real(value[0], "components", probe)
    variances = _real(value[1], "variances", probe)
    mean = None if len(value) == 2 or value[2] is None else _real(value[2], "mean", probe)
    if components.shape == (M,) and variances.shape in ((M, D), (D, M)):
        raise Failure(f"for {probe.what}, your first output has shape ({M},) and your second shape "
                      f"{variances.shape}: did you return (variances, components)? The order is "
                      "(components, variances), or (components, variances, mean).")
    if components.shape == (D, M):           # components as columns, as the course writes them
        components = components.T
    if components.shape != (M, D):
        raise Failure(_shape_message(components, probe))
    if variances.shape != (M,):
        raise Failure(f"for {probe.what} and n_components = {M}, variances should have shape ({M},), one "
                      f"variance per component, got shape {variances.shape}")
    if mean is not None and mean.shape != (D,):
        axis = " (mean over axis=1, one number per example: the mean must be over axis=0, per feature)" \
            if mean.shape == (N,) else ""
        raise Failure(f"mean should have shape ({D},), one entry per feature, got shape {mean.shape}{axis}")
    return components, variances, mean


def _shape_message(components: np.ndarray, probe: Probe) -> str:
    N, D = probe.X.shape
    M = probe.n_components
    head = (f"for {probe.what} (X of shape {probe.X.shape}) and n_components = {M}, components should have "
            f"shape ({M}, {D}) (or ({D}, {M}), one component a column), got shape {components.shape}")
    if components.shape in ((D, D),):
        return head + f": return only the first n_components = {M} components, not all {D}."
    if components.shape in ((M, N), (N, M)):
        G = components if components.shape == (M, N) else components.T
        X = probe.floats
        centred = X - X.mean(axis=0)
        if np.all(np.isfinite(G)) and _eigenvectors_of(centred @ centred.T, G):
            return head + (". Your components have N entries: they are eigenvectors u of the N x N matrix "
                           "X̄ X̄ᵀ (or columns of U of the SVD X̄ = U Σ Vᵀ). With the N x N trick, turn each "
                           "into a component in R^D with v = X̄ᵀ u / ||X̄ᵀ u||; with the SVD, the components "
                           "are the rows of Vᵀ.")
        by_example = X - X.mean(axis=1, keepdims=True)
        if np.all(np.isfinite(G)) and _eigenvectors_of(by_example @ by_example.T, G):
            return head + (". Your function treats the columns of X as the examples (MML's text writes the "
                           "data as a D x N matrix; np.cov(X) takes each ROW as one variable unless you pass "
                           "rowvar=False); here X has shape (N, D): each row is one example, so centre with "
                           "X.mean(axis=0) and use the D x D covariance X̄ᵀ X̄ / (N - 1).")
        return head + ". Components with N entries live in the wrong space: a component is a direction in R^D."
    return head + "."


# --- diagnosing one probe ------------------------------------------------------------------


def _rows_of_eigenvector_matrix(G: np.ndarray, S: np.ndarray) -> bool:
    """Each row of G is (up to signs of entries) a row of S's eigenvector matrix, in some column order."""
    ascending = np.linalg.eigh(S)[1]
    values, vectors = np.linalg.eig(S)
    orders = [ascending, ascending[:, ::-1], np.real(vectors[:, np.argsort(-values.real)]), np.real(vectors)]
    for W in orders:
        rows = np.abs(W)
        if all(np.any(np.all(np.abs(np.abs(g) - rows) <= 10 * _TAU, axis=1)) for g in G):
            return True
    return False


def _diagnose_components(G: np.ndarray, probe: Probe) -> str | None:
    """Why G is not the top components of probe (None if it is)."""
    X = probe.floats
    N, D = X.shape
    M = probe.n_components
    S = _covariance(X)
    lam, W = _spectrum(S)
    where = f"for {probe.what}, n_components = {M}"
    if not np.all(np.isfinite(G)):
        return (f"{where}, your components contain NaN or inf. With the N x N trick, a zero eigenvalue "
                "gives X̄ᵀu = 0 and 0/0 when you normalise: keep only eigenvalues above a tolerance.")
    norms = np.linalg.norm(G, axis=1)
    if not np.all(np.abs(norms - 1) <= _TAU):
        unit = G / np.where(norms == 0, 1, norms)[:, np.newaxis]
        if _near(norms, np.sqrt((N - 1) * lam[:M])) or _near(norms, np.sqrt(lam[:M])) \
                or _near(norms, np.sqrt(N * lam[:M])):
            return (f"{where}, your components have lengths {_show(norms)}, the square roots of (a multiple of) "
                    "their variances: they are X̄ᵀu for unit eigenvectors u of the N x N matrix, not yet "
                    "normalised. ||X̄ᵀu||² = uᵀX̄X̄ᵀu = λ_u, so divide X̄ᵀu by √λ_u (or by its norm).")
        if _near(norms, 1 / np.sqrt((N - 1) * lam[:M])):
            return (f"{where}, your components have lengths {_show(norms)}, 1/√λ_u for the eigenvalues λ_u of "
                    "the N x N matrix X̄ X̄ᵀ: you divided X̄ᵀu by λ_u. Its length is √λ_u "
                    "(||X̄ᵀu||² = uᵀX̄X̄ᵀu = λ_u), so divide by √λ_u instead.")
        if _eigenvectors_of(S, unit) and _near(norms, np.full(M, np.sqrt(N - 1))):
            return (f"{where}, your components point in the right directions but have lengths √(N - 1) = "
                    f"{np.sqrt(N - 1):.4g}: X̄ᵀu has length √λ_u for the eigenvalue λ_u of X̄ X̄ᵀ itself, not of "
                    "X̄ X̄ᵀ/(N - 1). Divide by √λ_u of X̄ X̄ᵀ, or simply by np.linalg.norm of each vector.")
        if _eigenvectors_of(S, unit):
            return (f"{where}, your components point in the right directions but have lengths {_show(norms)}, "
                    "not 1: normalise each one (v / np.linalg.norm(v)).")
        return f"{where}, the components should have length 1, yours have lengths {_show(norms)}."
    if not _eigenvectors_of(S, G):
        if _rows_of_eigenvector_matrix(G, S):
            return (f"{where}, your components are rows of the eigenvector matrix: np.linalg.eigh and eig "
                    "return the eigenvectors as the COLUMNS of their second output, vectors[:, i] goes with "
                    "values[i]. Take columns (vectors[:, order[:M]]) and transpose if you return rows. (With "
                    "the SVD X̄ = U Σ Vᵀ it is the other way round: np.linalg.svd returns Vᵀ, whose ROWS "
                    "Vt[:M] are the components, not its columns.)")
        raw = X.T @ X
        if _eigenvectors_of(raw, G):
            return (f"{where}, your components are eigenvectors of Xᵀ X, with X not centred: subtract the "
                    "mean example (X.mean(axis=0)) from every row first. Without centring the first "
                    "'component' mostly points at the mean, not along the direction of largest variance.")
        by_example = X - X.mean(axis=1, keepdims=True)
        if _eigenvectors_of(by_example.T @ by_example, G):
            return (f"{where}, you centred each example (row) by its own mean, X.mean(axis=1): centre each "
                    "feature instead, X - X.mean(axis=0), the mean example.")
        one_number = X - X.mean()
        if _eigenvectors_of(one_number.T @ one_number, G):
            return (f"{where}, you subtracted one number from all of X, X.mean(), the mean of every entry: "
                    "centre each feature by its own mean, X - X.mean(axis=0), the mean example.")
        standardised = _reference.normalize(X)[0]
        if _eigenvectors_of(standardised.T @ standardised, G):
            return (f"{where}, your components are those of the standardised data (each feature divided by "
                    "its standard deviation): the correlation matrix's eigenvectors. Standardising changes "
                    "the components; this checker asks for PCA of the covariance of X as given.")
        for i, v in enumerate(G):
            if np.linalg.norm(S @ v - lam[i] * v) > _TAU * lam[0]:
                repeats = int(np.sum(np.abs(lam - lam[i]) <= _TAU * lam[0]))
                if repeats > 1:
                    return (f"{where}, component {i} is not in the eigenspace of the covariance S for its "
                            f"eigenvalue λ_{i} = {lam[i]:.4g}, which repeats {repeats} times: any unit vector "
                            f"of that {repeats}-dimensional eigenspace (orthogonal to the other components) "
                            f"is right, yours has ||S v − λ v|| = {np.linalg.norm(S @ v - lam[i] * v):.3g}")
                shown = W[:, i] * np.sign(W[:, i] @ v or 1.0)
                miss = np.linalg.norm(S @ v - lam[i] * v) / lam[0]
                return (f"{where}, component {i} is not an eigenvector of the covariance S with eigenvalue "
                        f"λ_{i} = {lam[i]:.4g}: it should be (up to sign) {_show(shown)}, got {_show(v)}; "
                        f"||S v − λ_{i} v|| is {miss:.2g} times the largest eigenvalue, where rounding "
                        f"(even in float32) leaves at most {_TAU:g}")
    rayleigh = np.einsum("ij,jk,ik->i", G, S, G)
    if not _near(rayleigh, lam[:M]):
        tolerance = _TAU * lam[0]
        if np.all(np.abs(np.sort(rayleigh)[::-1] - lam[:M]) <= tolerance):
            return (f"{where}, you have the right components in ascending order of variance "
                    f"({_show(rayleigh)}): put the largest first.")
        if np.all(np.abs(np.sort(rayleigh) - np.sort(lam[-M:])) <= tolerance):
            return (f"{where}, your components are the ones with the SMALLEST variances ({_show(rayleigh)}): "
                    "np.linalg.eigh returns eigenvalues in ascending order, so the largest are at the end; "
                    "take order = np.argsort(values)[::-1] and the first M of it.")
        return (f"{where}, your components are eigenvectors of S, but with the eigenvalues {_show(rayleigh)}, "
                f"not the {M} largest, {_show(lam[:M])}, in descending order. np.linalg.eig returns "
                "eigenvalues in no particular order: sort them, largest first (np.argsort(-values)), and "
                "reorder the eigenvector columns the same way.")
    gram = G @ G.T
    if not np.all(np.abs(gram - np.eye(M)) <= _TAU):
        i, j = np.unravel_index(np.argmax(np.abs(gram - np.eye(M))), gram.shape)
        return (f"{where}, components {i} and {j} are not orthogonal (their dot product is {gram[i, j]:.3g}): "
                "where variances are equal, any orthonormal basis of the eigenspace is right, but not a "
                "skewed one. np.linalg.eig returns eigenvectors that need not be orthogonal when an "
                "eigenvalue repeats; np.linalg.eigh (for symmetric matrices) always returns orthonormal "
                "ones (or orthonormalise eig's with np.linalg.qr).")
    return None


def _diagnose_variances(variances: np.ndarray, probe: Probe) -> str | None:
    X = probe.floats
    N = X.shape[0]
    M = probe.n_components
    lam = _spectrum(_covariance(X))[0]
    want = lam[:M]
    if _near(variances, want):
        return None
    where = f"for {probe.what}, n_components = {M}, the variances should be {_show(want)}"
    named = [
        (want * (N - 1) / N, f"they are (N - 1)/N = {(N - 1) / N:.4g} times too small: you divided by N. "
                             "The variance the checker asks for (scikit-learn's explained_variance_) is "
                             "the unbiased 1/(N - 1) one, S = X̄ᵀX̄/(N - 1); the components do not change."),
        (want * (N - 1), "you did not divide by N - 1: these are the eigenvalues of X̄ᵀX̄ (or the squared "
                         "singular values σᵢ²). The variances are σᵢ²/(N - 1)."),
        (np.sqrt(want * (N - 1)), "these are the singular values σᵢ of X̄; the variances are σᵢ²/(N - 1)."),
        (np.sqrt(want), "these are standard deviations (square roots of the variances): do not take the root."),
        (want / lam.sum(), "these are the explained variance RATIOS (variance / total variance); return the "
                           "variances themselves."),
        (want[::-1], "they are in ascending order: largest first."),
    ]
    for wrong, message in named:
        if _near(variances, wrong):
            return f"{where}: {message}"
    factor = float(variances[0] / want[0]) if want[0] > 0 else 0.0
    if factor > 0 and _near(variances, factor * want):
        return (f"{where}, got {_show(variances)}: {factor:.4g} times the right ones. Did you rescale X inside "
                "your function (X / 255, standardising) or divide by something other than N - 1? Return the "
                "variances of X as given.")
    return f"{where}, got {_show(variances)}"


def _check_probe(function: Callable, probe: Probe) -> str | None:
    X = probe.X.copy()
    value = call(function, "pca", X, probe.n_components)
    if not np.array_equal(X, probe.X):
        raise Failure(f"for {probe.what}, pca changed its argument X (did it centre in place with X -= ...?): "
                      "work on a copy, X - X.mean(axis=0), so the caller's data stay as they were.")
    components, variances, mean = _parts(value, probe)
    message = _diagnose_components(components, probe) or _diagnose_variances(variances, probe)
    if message is None and mean is not None:
        want = probe.floats.mean(axis=0)
        if not _near(mean, want):
            message = f"for {probe.what}, the mean should be {_show(want)} (X.mean(axis=0)), got {_show(mean)}"
    return message


def _check(function: Callable) -> str:
    everything = probes()
    passed = []
    for probe in everything:
        message = _check_probe(function, probe)
        if message is None:
            passed.append(probe)
            continue
        if probe.X.dtype == np.uint8 and _check_probe(function, Probe(probe.what, probe.floats,
                                                                      probe.n_components)) is None:
            raise Failure(f"{message.rstrip('.')}. Your function is right when the same pixels are given "
                          "as floats, so integer arithmetic went wrong: uint8 holds only 0..255 and wraps around "
                          "(np.uint8(3) - np.uint8(5) is 254, and X.T @ X overflows). Convert first: "
                          "X = np.asarray(X, dtype=float).")
        if "scaled" in probe.what and passed and passed[0] is everything[0]:   # the unscaled data passed
            message = message.rstrip(".") + (". It was right on the unscaled data: is a tolerance or threshold "
                                             "in your code absolute instead of relative to the data's scale?")
        raise Failure(message)
    return (f"right on all {len(everything)} probes (distinct variances, scaled by 1e±6, N < D, repeated "
            "variances where any orthonormal basis of the eigenspace is accepted, a random cloud, uint8 "
            "pixels): unit, orthogonal eigenvectors of S = X̄ᵀX̄/(N - 1), largest variance first, either sign")


def pca(function: Any) -> Result:
    """Check ``function(X, n_components)``, principal component analysis of the rows of ``X``.

    Parameters
    ----------
    function : callable
        ``function(X, n_components)`` for ``X`` of shape (N, D), rows the
        examples, returning ``(components, variances)`` or ``(components,
        variances, mean)``: components as the rows of an (M, D) array (or the
        columns of a (D, M) array), unit, orthogonal, largest variance first,
        either sign; variances the eigenvalues of the covariance with 1/(N - 1).

    Returns
    -------
    Result
        Truthy if right; otherwise its message names the mistake.

    Examples
    --------
    >>> from mmlbook import pca as reference
    >>> bool(pca(reference.pca))
    True
    """
    return run("pca", function, _check)
