"""Part III, dimensionality reduction: statistics of data sets, inner products, projections and PCA.

Rows of a data matrix ``X`` are examples and columns are features everywhere in
this module: ``X`` of shape ``(N, D)`` holds N examples of dimension D, as in
NumPy and scikit-learn (MML writes the transpose). Every function checks what
it is given and names the argument that is wrong; the tests compare each
function with an independent reference (NumPy, SciPy, scikit-learn).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._validate import as_array, as_number
from .linalg import _largest_entry_positive, lp_norm, rank_tolerance
from .linalg import distance as _euclidean_distance

__all__ = ["mean", "cov", "affine_mean", "affine_covariance", "inner_product", "norm", "distance", "angle",
           "pairwise_distances", "knn_predict", "projection_matrix", "project", "normalize", "pca",
           "reconstruct"]


# --- argument checks ---------------------------------------------------------------------


def _data(name: str, X: Any, *, min_rows: int = 1) -> np.ndarray:
    """``X`` as a finite float matrix of shape (N, D) with at least ``min_rows`` rows, or raise naming it."""
    X = as_array(name, X, ndim=2)
    if X.shape[0] < min_rows:
        raise ValueError(f"{name} must have at least {min_rows} rows (examples), got shape {X.shape}")
    return X


def _vector(name: str, x: Any, size: int | None = None, *, of: str = "") -> np.ndarray:
    """``x`` as a finite 1-D float vector (of length ``size`` if given), or raise naming it."""
    x = as_array(name, x, ndim=1)
    if size is not None and x.size != size:
        raise ValueError(f"{name} must have length {size}{of}, got {x.size}")
    return x


def _power_of_two_near(largest: float) -> float:
    """A power of two close to ``largest`` (> 0): dividing by it is exact and brings entries near 1."""
    return math.ldexp(1.0, math.frexp(largest)[1])


def _require_symmetric(name: str, M: np.ndarray, why: str) -> None:
    """Raise unless the square ``M`` is symmetric to within :func:`mmlbook.linalg.rank_tolerance` of ``M``."""
    tol = rank_tolerance(M)
    asymmetry = float(np.abs(M - M.T).max())
    if asymmetry > tol:
        raise ValueError(f"{name} must be symmetric ({why}): |{name}[i, j] - {name}[j, i]| is up to "
                         f"{asymmetry:.3g}, above the tolerance {tol:.3g} for a matrix of this size "
                         f"(rank_tolerance({name}))")


def _metric(A: Any, n: int) -> np.ndarray:
    """``A`` as a symmetric positive definite (n, n) matrix, or raise saying which property fails.

    Both tests are relative to the size of ``A``'s entries (:func:`mmlbook.linalg.rank_tolerance`),
    so ``A`` and ``c * A`` (c > 0) get the same answer. Returns the exactly symmetric ``(A + A^T) / 2``.
    """
    A = as_array("A", A, ndim=2)
    if A.shape != (n, n):
        raise ValueError(f"A must have shape ({n}, {n}) to match the vectors, got {A.shape}")
    _require_symmetric("A", A, "else x^T A y and y^T A x would differ")
    tol = rank_tolerance(A)
    A = (A + A.T) / 2
    smallest = float(np.linalg.eigvalsh(A)[0])
    if smallest <= tol:
        raise ValueError(f"A must be positive definite: its smallest eigenvalue is {smallest:.3g}, not above "
                         f"the tolerance {tol:.3g} for a matrix of this size (rank_tolerance(A)), so "
                         "some non-zero x has x^T A x <= 0 and the 'length' of x would not be positive")
    return A


# --- Chapter 13: statistics of data sets --------------------------------------------------


def _column_means(X: np.ndarray) -> np.ndarray:
    """The mean of each column; exactly the common value for a constant column."""
    mu = X.mean(axis=0)
    # The mean of equal numbers can round away from them (0.1, 0.1, 0.1 -> 0.10000000000000002);
    # then a constant feature would not centre to exactly zero and normalize would blow its rounding up.
    constant = np.all(X == X[0], axis=0)
    mu[constant] = X[0, constant]
    return mu


def mean(X: Any) -> np.ndarray:
    r"""The mean of the rows of ``X``: :math:`\bar{\mathbf{x}} = \frac{1}{N}\sum_{n=1}^N \mathbf{x}_n`.

    Parameters
    ----------
    X : array_like, shape (N, D)
        N examples (rows) of dimension D; finite numbers.

    Returns
    -------
    numpy.ndarray, shape (D,)
        The mean example. A column whose entries are all equal gets exactly that value.

    Raises
    ------
    TypeError
        ``X`` is not numbers.
    ValueError
        ``X`` is not 2-D (one example ``x`` is ``[x]``; N numbers, one feature
        each, are ``np.c_[x]``), is empty, or holds NaN or inf.

    Examples
    --------
    >>> mean([[0, 1, 1], [1, 2, 1]])
    array([0.5, 1.5, 1. ])
    """
    return _column_means(_data("X", X))


def cov(X: Any, ddof: int = 0) -> np.ndarray:
    r"""The covariance matrix of the rows of ``X``: :math:`S = \frac{1}{N - \text{ddof}}\sum_n (\mathbf{x}_n - \bar{\mathbf{x}})(\mathbf{x}_n - \bar{\mathbf{x}})^\top`.

    Parameters
    ----------
    X : array_like, shape (N, D)
        N examples (rows) of dimension D.
    ddof : int, default 0
        "Delta degrees of freedom": divide by ``N - ddof``. 0 gives the 1/N
        covariance of the data set itself (MML's definition, and ``np.cov(X.T,
        bias=True)``); 1 the unbiased estimate of a population's covariance
        from a sample (``np.cov(X.T)``). Must be below N.

    Returns
    -------
    numpy.ndarray, shape (D, D)
        The covariance matrix, exactly symmetric.

    Raises
    ------
    TypeError
        ``X`` is not numbers; ``ddof`` is not an integer.
    ValueError
        ``X`` is not a finite 2-D array; ``ddof < 0`` or ``ddof >= N``.

    Examples
    --------
    >>> cov([[0, 1], [2, 3]])
    array([[1., 1.],
           [1., 1.]])
    >>> cov([[0, 1], [2, 3]], ddof=1)
    array([[2., 2.],
           [2., 2.]])
    """
    X = _data("X", X)
    ddof = as_number("ddof", ddof, low=0, integer=True)
    if ddof >= X.shape[0]:
        raise ValueError(f"ddof must be less than the number of rows of X ({X.shape[0]}), got {ddof}: "
                         "the covariance divides by N - ddof")
    centred = X - _column_means(X)
    S = centred.T @ centred / (X.shape[0] - ddof)
    return (S + S.T) / 2


def affine_mean(m: Any, A: Any, b: Any) -> np.ndarray:
    r"""The mean of the data after the affine map :math:`\mathbf{x} \mapsto A\mathbf{x} + \mathbf{b}`: it is :math:`A\mathbf{m} + \mathbf{b}`.

    Parameters
    ----------
    m : array_like, shape (D,)
        The mean of the original data.
    A : array_like, shape (K, D)
        The linear part of the map.
    b : array_like, shape (K,)
        The shift.

    Returns
    -------
    numpy.ndarray, shape (K,)

    Raises
    ------
    ValueError
        Shapes that do not fit together (``A`` must have ``len(m)`` columns
        and ``len(b)`` rows), or NaN or inf.

    Examples
    --------
    >>> affine_mean([2, 2], [[0, 1], [2, 3]], [1, 1])
    array([ 3., 11.])
    """
    A, b = _affine_map(A, b)
    m = _vector("m", m, A.shape[1], of=" (the number of columns of A)")
    return A @ m + b


def _affine_map(A: Any, b: Any) -> tuple[np.ndarray, np.ndarray]:
    """``A`` (K, D) and ``b`` (K,) of an affine map ``x -> A x + b``, checked."""
    A = as_array("A", A, ndim=2)
    return A, _vector("b", b, A.shape[0], of=" (the number of rows of A)")


def affine_covariance(S: Any, A: Any, b: Any) -> np.ndarray:
    r"""The covariance of the data after the affine map :math:`\mathbf{x} \mapsto A\mathbf{x} + \mathbf{b}`: it is :math:`A S A^\top`.

    The shift ``b`` moves every point by the same amount, so it does not change
    the spread: it is checked but plays no part in the result.

    Parameters
    ----------
    S : array_like, shape (D, D)
        The covariance matrix of the original data (symmetric).
    A, b : array_like, shapes (K, D) and (K,)
        The map, as in :func:`affine_mean`.

    Returns
    -------
    numpy.ndarray, shape (K, K)
        :math:`A S A^\top`, made exactly symmetric.

    Raises
    ------
    ValueError
        Shapes that do not fit together, NaN or inf, or ``S`` not symmetric
        (beyond :func:`mmlbook.linalg.rank_tolerance` of ``S``).

    Examples
    --------
    >>> affine_covariance([[1, 0], [0, 4]], [[2, 0], [0, 1]], [5, 5])
    array([[4., 0.],
           [0., 4.]])
    """
    A, b = _affine_map(A, b)
    D = A.shape[1]
    S = as_array("S", S, ndim=2)
    if S.shape != (D, D):
        raise ValueError(f"S must have shape ({D}, {D}) to match the {D} columns of A, got {S.shape}")
    _require_symmetric("S", S, "a covariance matrix")
    C = A @ S @ A.T
    return (C + C.T) / 2


# --- Chapter 14: inner products, lengths, distances, angles --------------------------------


def _pair(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    x = _vector("x", x)
    y = _vector("y", y, x.size, of=" (the length of x)")
    return x, y


def inner_product(x: Any, y: Any, A: Any = None) -> float:
    r"""The inner product :math:`\langle \mathbf{x}, \mathbf{y}\rangle_A = \mathbf{x}^\top A \mathbf{y}`.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Two vectors of the same length.
    A : array_like, shape (n, n), optional
        A symmetric positive definite matrix. ``None`` (the default) is the
        identity: the dot product :math:`\mathbf{x}^\top\mathbf{y}`.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        An argument is not numbers.
    ValueError
        ``x`` and ``y`` differ in length or are not finite 1-D vectors; ``A``
        has the wrong shape, is not symmetric, or is not positive definite
        (both judged relative to the size of its entries, with
        :func:`mmlbook.linalg.rank_tolerance`); the message says which.

    Examples
    --------
    >>> inner_product([1, 2], [3, 4])
    11.0
    >>> inner_product([1, 0], [1, 0], [[2, 1], [1, 2]])
    2.0
    """
    x, y = _pair(x, y)
    if A is None:
        return float(x @ y)
    return float(x @ _metric(A, x.size) @ y)


def _metric_norm(v: np.ndarray, A: np.ndarray | None) -> float:
    """:math:`\\sqrt{v^\\top A v}` for a checked metric ``A`` (``None``: the identity), free of over- and underflow."""
    largest = float(np.abs(v).max())
    if largest == 0.0:
        return 0.0
    scale = _power_of_two_near(largest)
    u = v / scale
    square = u @ u if A is None else u @ A @ u
    return float(np.sqrt(max(float(square), 0.0)) * scale)  # max: rounding can leave -1e-17 for tiny lengths


def norm(x: Any, A: Any = None) -> float:
    r"""The length of ``x`` induced by the inner product: :math:`\lVert\mathbf{x}\rVert_A = \sqrt{\mathbf{x}^\top A\mathbf{x}}`.

    Parameters
    ----------
    x : array_like, shape (n,)
    A : array_like, shape (n, n), optional
        As in :func:`inner_product`; ``None`` gives the Euclidean length.

    Returns
    -------
    float
        >= 0, and 0 only for the zero vector. ``x`` is divided by a power of
        two near its largest entry first (exact), so entries as large as 1e200
        or as small as 1e-200 neither overflow nor underflow.

    Raises
    ------
    ValueError
        As in :func:`inner_product`.

    Examples
    --------
    >>> norm([3, 4])
    5.0
    >>> norm([1, 1], [[2, 0], [0, 7]])
    3.0
    """
    x = _vector("x", x)
    if A is None:
        return lp_norm(x)
    return _metric_norm(x, _metric(A, x.size))


def distance(x: Any, y: Any, A: Any = None) -> float:
    r"""The distance :math:`d_A(\mathbf{x}, \mathbf{y}) = \lVert\mathbf{x} - \mathbf{y}\rVert_A`.

    Parameters
    ----------
    x, y : array_like, shape (n,)
    A : array_like, shape (n, n), optional
        As in :func:`inner_product`; ``None`` gives the Euclidean distance.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        As in :func:`inner_product`, or ``x - y`` overflows.

    Examples
    --------
    >>> distance([1, 1], [4, 5])
    5.0
    >>> distance([1, 0], [0, 1], [[2, 1], [1, 2]])   # (1, -1) A (1, -1)^T = 2
    1.4142135623730951
    """
    x, y = _pair(x, y)
    if A is None:
        return _euclidean_distance(x, y)
    A = _metric(A, x.size)
    with np.errstate(over="ignore"):
        difference = x - y
    if not np.all(np.isfinite(difference)):
        raise ValueError("x - y overflows: the entries are too large to subtract in floating point")
    return _metric_norm(difference, A)


def angle(x: Any, y: Any, A: Any = None) -> float:
    r"""The angle between ``x`` and ``y`` in radians: :math:`\cos\omega = \frac{\langle\mathbf{x},\mathbf{y}\rangle_A}{\lVert\mathbf{x}\rVert_A\lVert\mathbf{y}\rVert_A}`.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Two non-zero vectors of the same length.
    A : array_like, shape (n, n), optional
        As in :func:`inner_product`; ``None`` gives the usual angle.

    Returns
    -------
    float
        In [0, pi]: 0 for vectors in the same direction, pi for opposite ones.

    Raises
    ------
    ValueError
        ``x`` or ``y`` is the zero vector (it has no direction), or as in
        :func:`inner_product`.

    Notes
    -----
    Not computed as ``arccos`` of the cosine: near 0 and pi the cosine is
    within rounding of +-1, where the arccosine magnifies an error of 1e-16 to
    one of 1e-8 radians (and a cosine that rounds to 1.0000000000000002 must be
    clipped back into [-1, 1] to give any angle at all). Instead, with the unit
    vectors :math:`\mathbf{u} = \mathbf{x}/\lVert\mathbf{x}\rVert_A` and
    :math:`\mathbf{v} = \mathbf{y}/\lVert\mathbf{y}\rVert_A`,

    .. math:: \omega = 2\arctan\frac{\lVert\mathbf{u}-\mathbf{v}\rVert_A}{\lVert\mathbf{u}+\mathbf{v}\rVert_A},

    the same angle (the two lengths are :math:`2\sin(\omega/2)` and
    :math:`2\cos(\omega/2)`), accurate to about 1e-15 radians everywhere
    (W. Kahan, "How futile are mindless assessments of roundoff", 2006, p. 47).
    Each vector is first divided by a power of two near its largest entry
    (exact, and the angle does not change), so no length overflows.

    Examples
    --------
    >>> round(angle([1, 0], [1, 1]), 12) == round(np.pi / 4, 12)
    True
    >>> round(angle([1, 0], [0, 1], [[2, -1], [-1, 2]]), 12) == round(2 * np.pi / 3, 12)   # cos = -1/2
    True
    >>> angle([1, 2], [2, 4]), angle([1, 2], [-1, -2])
    (0.0, 3.141592653589793)
    """
    x, y = _pair(x, y)
    M = None if A is None else _metric(A, x.size)
    units = []
    for name, v in (("x", x), ("y", y)):
        largest = float(np.abs(v).max())
        if largest == 0.0:
            raise ValueError(f"{name} must not be the zero vector: it has no direction, so no angle")
        v = v / _power_of_two_near(largest)
        units.append(v / _metric_norm(v, M))
    u, v = units
    return float(2.0 * np.arctan2(_metric_norm(u - v, M), _metric_norm(u + v, M)))


# The close-pair recheck of pairwise distances: a pair whose expanded squared distance is below
# _CLOSE * (|x|^2 + |y|^2) is recomputed from the difference x - y. See pairwise_distances.
_CLOSE = 1e-2
_BLOCK = 2**22  # entries of a distance block (32 MB of float64): bounds the temporary memory


def _rows_matching(name: str, Y: Any, X: np.ndarray, other: str) -> np.ndarray:
    Y = _data(name, Y)
    if Y.shape[1] != X.shape[1]:
        raise ValueError(f"{name} must have {X.shape[1]} columns to match {other}, got shape {Y.shape}")
    return Y


def _prepared(X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """``X`` and ``Y`` shifted by the mean of ``X``'s rows and, if need be, divided by a power of two.

    Distances do not change under the shift, and centring makes the norms in the
    expansion |x|^2 + |y|^2 - 2 x.y as small as the spread of the data, not its
    offset. Entries beyond 1e+-100 are divided by a power of two near the largest
    (exact, and undone by multiplying the distances by the returned ``scale``), so
    that squares neither overflow nor underflow. ``X`` and ``Y`` are changed in
    place: pass arrays you own (those from ``as_array`` are always fresh copies).
    """
    shift = X.mean(axis=0)
    X -= shift
    Y -= shift
    largest = max(float(X.max()), -float(X.min()), float(Y.max()), -float(Y.min()))
    scale = 1.0
    if largest > 0 and not 1e-100 < largest < 1e100:
        scale = _power_of_two_near(largest)
        X /= scale
        Y /= scale
    return X, Y, scale


def _squared_norms(X: np.ndarray) -> np.ndarray:
    return np.einsum("ij,ij->i", X, X)


def _direct_squared_distances(X: np.ndarray, Y: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """``|X[i] - Y[j]|^2`` for the index pairs ``(i, j)``, from the differences, a chunk of pairs at a time."""
    result = np.empty(i.size)
    pairs = max(1, _BLOCK // X.shape[1])  # a (pairs, D) temporary at most
    for start in range(0, i.size, pairs):
        difference = X[i[start:start + pairs]] - Y[j[start:start + pairs]]
        result[start:start + pairs] = _squared_norms(difference)
    return result


def pairwise_distances(X: Any, Y: Any, A: Any = None) -> np.ndarray:
    r"""The matrix of distances between every row of ``X`` and every row of ``Y``: ``out[i, j] = distance(X[i], Y[j], A)``.

    Computed as in scikit-learn, from the expansion
    :math:`\lVert\mathbf{x}-\mathbf{y}\rVert^2 = \lVert\mathbf{x}\rVert^2 + \lVert\mathbf{y}\rVert^2 - 2\,\mathbf{x}^\top\mathbf{y}`,
    so that the bulk of the work is one matrix product ``X @ Y.T`` (BLAS),
    with three safeguards for accuracy (see Notes). For ``A`` the rows are first
    mapped by the Cholesky factor ``L`` of ``A = L L^T``:
    :math:`d_A(\mathbf{x},\mathbf{y}) = \lVert L^\top(\mathbf{x}-\mathbf{y})\rVert`.

    Parameters
    ----------
    X : array_like, shape (N, D)
    Y : array_like, shape (M, D)
    A : array_like, shape (D, D), optional
        As in :func:`inner_product`; ``None`` gives Euclidean distances.

    Returns
    -------
    numpy.ndarray, shape (N, M)
        Non-negative; exactly 0.0 where a row of ``X`` equals a row of ``Y``.

    Raises
    ------
    TypeError
        An argument is not numbers.
    ValueError
        ``X`` or ``Y`` is not a finite 2-D array, their numbers of columns
        differ, or ``A`` is not symmetric positive definite.

    Notes
    -----
    Accuracy. The expansion subtracts numbers of the size of the squared
    norms, so on its own it has an absolute error of up to about
    :math:`(D+3)\varepsilon(\lVert\mathbf{x}\rVert^2+\lVert\mathbf{y}\rVert^2)` in the squared
    distance, which swamps small distances (identical rows would come out as
    1e-7 rather than 0). Therefore: (1) both ``X`` and ``Y`` are shifted by
    the mean of ``X``'s rows first, so the norms are those of the spread of
    the data, not of its offset; (2) every pair whose expanded squared
    distance is below 1/100 of :math:`\lVert\mathbf{x}\rVert^2+\lVert\mathbf{y}\rVert^2` is
    recomputed directly from :math:`\mathbf{x}-\mathbf{y}`, which gives an exact 0
    for identical rows and full relative accuracy for close pairs; (3) data
    with entries beyond 1e+-100 are divided by a power of two near the largest
    (exact), so squares neither overflow nor underflow. Every distance then has a relative
    error of at most about :math:`50(D+3)\varepsilon` (about 1e-11 for
    D = 784), and in practice near :math:`\sqrt{D}\varepsilon`. The recheck costs
    little unless many pairs are close: its work is D operations a close pair.

    Memory: the result (N * M floats) and temporaries of at most 32 MB.

    Examples
    --------
    >>> pairwise_distances([[0, 0], [3, 4]], [[0, 0], [6, 8], [3, 4]])
    array([[ 0., 10.,  5.],
           [ 5.,  5.,  0.]])
    """
    X = _data("X", X)
    Y = _rows_matching("Y", Y, X, "X")
    if A is not None:
        L = np.linalg.cholesky(_metric(A, X.shape[1]))   # A = L L^T, so x^T A y = (x L) . (y L)
        X, Y = X @ L, Y @ L
    X, Y, scale = _prepared(X, Y)
    xx, yy = _squared_norms(X), _squared_norms(Y)
    out = np.empty((X.shape[0], Y.shape[0]))
    rows = max(1, _BLOCK // Y.shape[0])
    for start in range(0, X.shape[0], rows):
        stop = min(start + rows, X.shape[0])
        D2 = np.matmul(X[start:stop], Y.T, out=out[start:stop])
        D2 *= -2.0
        D2 += xx[start:stop, np.newaxis]
        D2 += yy
        size = xx[start:stop, np.newaxis] + yy
        size *= _CLOSE
        i, j = np.nonzero(D2 <= size)
        del size
        D2[i, j] = _direct_squared_distances(X, Y, start + i, j)
        np.maximum(D2, 0.0, out=D2)  # what is left negative is rounding in a pair that is not close
    np.sqrt(out, out=out)
    out *= scale
    return out


def _labels(name: str, y: Any, n: int) -> np.ndarray:
    """``y`` as a 1-D array of ``n`` labels (numbers or strings), or raise naming it."""
    if y is None or isinstance(y, (str, bytes, dict, set)):
        raise TypeError(f"{name} must be an array of labels, got {type(y).__name__}")
    labels = np.asarray(y)
    if labels.ndim != 1 or labels.size != n:
        raise ValueError(f"{name} must be a 1-D array with one label per row of X_train ({n}), "
                         f"got shape {labels.shape}")
    if labels.dtype.kind in "fc" and not np.all(np.isfinite(labels)):
        raise ValueError(f"{name} must not contain NaN or inf")
    if labels.dtype.kind == "O":
        raise TypeError(f"{name} must hold numbers or strings of one kind, got mixed objects")
    return labels


def _nearest(X: np.ndarray, X_train: np.ndarray, yy: np.ndarray, k: int) -> np.ndarray:
    """Indices (one row per row of X, k) of the k nearest rows of X_train: screen, then decide exactly.

    ``yy`` holds the squared norms of the rows of ``X_train``. The expansion ranks
    training points by ``|y|^2 - 2 x.y`` (``|x - y|^2`` less the constant ``|x|^2``) with
    an absolute error below ``slack / 2``, so every point that could be among the k
    nearest is within ``slack`` of the k-th smallest value. Those candidates (nearly
    always just k) get their squared distance from the differences, and the k smallest
    by (that distance, training index) are the neighbours.
    """
    rows_here, N = X.shape[0], X_train.shape[0]
    slack = 4 * (X.shape[1] + 2) * np.finfo(float).eps * (_squared_norms(X) + yy.max())
    R = np.matmul(-2.0 * X, X_train.T)   # the factor -2 on the small block, not on the product
    R += yy
    if k == N:
        rows, cols = np.repeat(np.arange(rows_here), N), np.tile(np.arange(N), rows_here)
    else:
        # The k smallest (in any order) in front of the (k+1)-th smallest. A single kth: asking
        # argpartition for both k - 1 and k costs four times as much.
        part = np.argpartition(R, k, axis=1)
        kth = np.take_along_axis(R, part[:, :k], axis=1).max(axis=1)
        next_ = np.take_along_axis(R, part[:, k:k + 1], axis=1)[:, 0]
        crowded = next_ <= kth + slack   # rare: more than k candidates, so look at the whole row
        rows, cols = np.repeat(np.arange(rows_here), k), part[:, :k].ravel()
        rows, cols = rows[~crowded[rows]], cols[~crowded[rows]]
        extra_rows, extra_cols = np.nonzero(R[crowded] <= (kth + slack)[crowded, np.newaxis])
        rows = np.concatenate([rows, np.flatnonzero(crowded)[extra_rows]])
        cols = np.concatenate([cols, extra_cols])
    del R
    exact = _direct_squared_distances(X, X_train, rows, cols)
    order = np.lexsort((cols, exact, rows))   # by row, then distance, then index
    rows, cols = rows[order], cols[order]
    first = np.searchsorted(rows, np.arange(rows_here))
    keep = np.arange(rows.size) - first[rows] < k
    return cols[keep].reshape(rows_here, k)


def knn_predict(k: int, X_train: Any, y_train: Any, X_test: Any) -> np.ndarray:
    """The label of each row of ``X_test`` by a majority vote of its ``k`` nearest training points.

    Nearness is Euclidean distance. The matrix product ``X_test @ X_train.T``
    (BLAS) screens the training points; the few that could be among the k
    nearest are then compared by their distance computed directly from the
    differences, so rounding in the screen never changes the neighbours.
    It works block by block, so memory stays small for any number of test points.

    Tie rules, both deterministic:

    * neighbours: if several training points are as far as the k-th nearest
      (the same directly computed distance), those with the smaller index in
      ``X_train`` are taken;
    * the vote: if several labels get the most votes, the smallest label
      wins (as with scikit-learn's ``KNeighborsClassifier``, whose vote
      breaks ties the same way).

    Parameters
    ----------
    k : int
        The number of neighbours, 1 <= k <= N (the number of training points).
    X_train : array_like, shape (N, D)
    y_train : array_like, shape (N,)
        Labels: numbers or strings (anything ``np.unique`` can sort).
    X_test : array_like, shape (M, D)

    Returns
    -------
    numpy.ndarray, shape (M,)
        Predicted labels, of the same dtype as ``y_train``.

    Raises
    ------
    TypeError
        ``k`` is not an integer; an array is not numbers (labels: numbers or strings).
    ValueError
        ``k < 1`` or ``k > N``; shapes that do not fit; NaN or inf.

    Examples
    --------
    >>> X_train = [[0, 0], [1, 0], [10, 10], [11, 10]]
    >>> knn_predict(1, X_train, [0, 0, 1, 1], [[0.4, 0.2], [9, 9]])
    array([0, 1])
    >>> knn_predict(2, X_train, [5, 3, 1, 1], [[0, 0]])   # one vote each for 5 and 3: the smaller wins
    array([3])
    """
    X_train = _data("X_train", X_train)
    y_train = _labels("y_train", y_train, X_train.shape[0])
    X_test = _rows_matching("X_test", X_test, X_train, "X_train")
    k = as_number("k", k, integer=True)
    if not 1 <= k <= X_train.shape[0]:
        raise ValueError(f"k must be between 1 and the number of training points ({X_train.shape[0]}), got {k}")
    classes, codes = np.unique(y_train, return_inverse=True)
    X_train, X_test, _ = _prepared(X_train, X_test)
    yy = _squared_norms(X_train)
    predictions = np.empty(X_test.shape[0], dtype=np.intp)
    block = max(1, _BLOCK // X_train.shape[0])
    for start in range(0, X_test.shape[0], block):
        stop = min(start + block, X_test.shape[0])
        votes = codes[_nearest(X_test[start:stop], X_train, yy, k)]  # (rows, k)
        rows = stop - start
        counts = np.bincount((np.arange(rows)[:, np.newaxis] * classes.size + votes).ravel(),
                             minlength=rows * classes.size).reshape(rows, classes.size)
        predictions[start:stop] = counts.argmax(axis=1)  # the first maximum: the smallest label
    return classes[predictions]


# --- Chapter 15: orthogonal projections ----------------------------------------------------


def _orthonormal_basis(B: Any) -> np.ndarray:
    """An orthonormal basis ``Q`` (D, M) of the columns of ``B`` by QR, or raise if they are dependent."""
    B = as_array("B", B, ndim=2)
    D, M = B.shape
    if M > D:
        raise ValueError(f"B has more columns ({M}) than rows ({D}), so its columns are dependent: "
                         "they must be a basis of the subspace")
    Q, R = np.linalg.qr(B)
    diagonal = np.abs(np.diag(R))
    tol = rank_tolerance(B)
    if np.any(diagonal <= tol):
        column = int(np.argmax(diagonal <= tol))
        raise ValueError(f"B must have independent columns (a basis of the subspace): column {column} "
                         "is (numerically) a combination of the columns before it, so B^T B is singular; "
                         "drop it")
    return Q


def projection_matrix(B: Any) -> np.ndarray:
    r"""The matrix of the orthogonal projection onto the span of the columns of ``B``: :math:`P = B(B^\top B)^{-1}B^\top`.

    It is computed without forming :math:`B^\top B` (which squares the condition
    number) or any inverse: with the reduced QR factorisation :math:`B = QR`,
    :math:`B^\top B = R^\top R` and :math:`P = QQ^\top`.

    Parameters
    ----------
    B : array_like, shape (D, M)
        Its M columns are a basis of the subspace: independent, so M <= D.

    Returns
    -------
    numpy.ndarray, shape (D, D)
        P, with :math:`P^2 = P = P^\top` (to rounding) and rank M.

    Raises
    ------
    TypeError
        ``B`` is not numbers.
    ValueError
        ``B`` is not a finite 2-D array, or its columns are dependent: a
        diagonal entry of R at or below :func:`mmlbook.linalg.rank_tolerance`
        of ``B`` (a scale-free decision: ``B`` and ``c * B`` agree).

    Examples
    --------
    >>> projection_matrix([[1], [1]])
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    Q = _orthonormal_basis(B)
    P = Q @ Q.T
    return (P + P.T) / 2


def project(x: Any, B: Any) -> np.ndarray:
    """The orthogonal projection of ``x`` onto the span of the columns of ``B``: ``projection_matrix(B) @ x``.

    ``x`` is one vector, or several as the rows of a matrix (rows are examples,
    as everywhere in this module); the D x D matrix P is never formed.

    Parameters
    ----------
    x : array_like, shape (D,) or (N, D)
        A vector, or N vectors as rows.
    B : array_like, shape (D, M)
        A basis of the subspace, as in :func:`projection_matrix`.

    Returns
    -------
    numpy.ndarray, the shape of ``x``
        The projection(s): the closest point(s) of the subspace.

    Raises
    ------
    ValueError
        As in :func:`projection_matrix`; ``x`` is not 1-D or 2-D, or its length
        (number of columns) is not the number of rows of ``B``.

    Examples
    --------
    >>> project([6, 0, 0], [[1, 0], [1, 1], [1, 2]]).round(12)     # MML Example 3.11
    array([ 5.,  2., -1.])
    """
    Q = _orthonormal_basis(B)
    x = as_array("x", x, ndim=(1, 2))
    if x.shape[-1] != Q.shape[0]:
        raise ValueError(f"x must have length {Q.shape[0]} (the number of rows of B), or rows of that "
                         f"length, got shape {x.shape}")
    return (x @ Q) @ Q.T


# --- Chapter 16: principal component analysis ----------------------------------------------


def normalize(X: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Standardise each feature (column) of ``X`` to mean 0 and standard deviation 1.

    Parameters
    ----------
    X : array_like, shape (N, D)

    Returns
    -------
    Xbar : numpy.ndarray, shape (N, D)
        :math:`(X - \mu) / \sigma`, column by column.
    mu : numpy.ndarray, shape (D,)
        The mean of each column (:func:`mean`).
    std : numpy.ndarray, shape (D,)
        The standard deviation of each column (1/N, ``ddof=0``), with 0
        replaced by 1: a constant feature (a pixel that is always black)
        carries no information, and comes out as a column of exact zeros
        instead of a division by zero.

    Raises
    ------
    TypeError
        ``X`` is not numbers.
    ValueError
        ``X`` is not a finite 2-D array.

    Examples
    --------
    >>> Xbar, mu, std = normalize([[1, 5], [3, 5]])
    >>> Xbar, mu, std
    (array([[-1.,  0.],
           [ 1.,  0.]]), array([2., 5.]), array([1., 1.]))
    """
    X = _data("X", X)
    mu = _column_means(X)
    centred = X - mu
    std = np.sqrt(np.mean(centred**2, axis=0))
    std[std == 0] = 1.0
    return centred / std, mu, std


def _n_components(n_components: Any, X: np.ndarray) -> int:
    n = as_number("n_components", n_components, integer=True)
    if not 1 <= n <= min(X.shape):
        raise ValueError(f"n_components must be between 1 and min(N, D) = {min(X.shape)} for X of shape "
                         f"{X.shape}, got {n}")
    return n


def _complete(V: np.ndarray, n: int) -> np.ndarray:
    """``V`` (r orthonormal rows) extended to ``n`` orthonormal rows, by QR against seeded random vectors."""
    r, D = V.shape
    if r == n:
        return V
    extra = np.random.default_rng(0).normal(size=(D, n - r))
    Q = np.linalg.qr(np.column_stack([V.T, extra]))[0]
    return np.vstack([V, Q[:, r:n].T])


def _pca_covariance(centred: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The top ``n`` eigenpairs of the D x D matrix ``centred^T centred``: (components as rows, eigenvalues)."""
    C = centred.T @ centred
    values, vectors = np.linalg.eigh((C + C.T) / 2)  # ascending
    return vectors[:, ::-1][:, :n].T, values[::-1][:n]


def _pca_gram(centred: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The same from the N x N Gram matrix ``centred centred^T`` (the trick for N < D).

    If ``u`` is a unit eigenvector of the Gram matrix with eigenvalue ``lam > 0``, then
    ``v = centred^T u / sqrt(lam)`` is a unit eigenvector of ``centred^T centred`` with the
    same eigenvalue. Eigenvalues at or below :func:`mmlbook.linalg.rank_tolerance` of the
    Gram matrix are zero variance: their v would be rounding noise, so those components are
    an orthonormal completion instead.
    """
    K = centred @ centred.T
    K = (K + K.T) / 2
    values, vectors = np.linalg.eigh(K)
    values, vectors = values[::-1][:n], vectors[:, ::-1][:, :n]
    kept = int(np.count_nonzero(values > rank_tolerance(K)))
    V = (centred.T @ vectors[:, :kept]).T / np.sqrt(values[:kept])[:, np.newaxis]
    values[kept:] = 0.0
    return _complete(V, n), values


def pca(X: Any, n_components: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Principal component analysis: the ``n_components`` directions of largest variance of the rows of ``X``.

    The principal components are the eigenvectors of the covariance matrix
    :math:`S = \frac{1}{N-1}\sum_n (\mathbf{x}_n-\bar{\mathbf{x}})(\mathbf{x}_n-\bar{\mathbf{x}})^\top`
    with the largest eigenvalues; the eigenvalues are the variances of the data
    along them. Writing :math:`\bar X` for ``X`` with its mean subtracted,
    :math:`S = \bar X^\top \bar X / (N-1)` is D x D. When there are fewer
    examples than features (N < D) the N x N matrix :math:`\bar X\bar X^\top`
    has the same non-zero eigenvalues and is cheaper: if
    :math:`\bar X\bar X^\top\mathbf{u} = \lambda\mathbf{u}` then
    :math:`\mathbf{v} = \bar X^\top\mathbf{u}/\sqrt{\lambda}` is a unit eigenvector of
    :math:`\bar X^\top\bar X`. This function takes the smaller of the two.

    Parameters
    ----------
    X : array_like, shape (N, D)
        N >= 2 examples (rows) of dimension D.
    n_components : int
        How many components, 1 <= n_components <= min(N, D).

    Returns
    -------
    components : numpy.ndarray, shape (n_components, D)
        One unit vector a row, orthogonal to each other, by variance from
        largest to smallest. Sign rule: in each row the first entry whose
        magnitude is within a factor 1 - 1e-6 of the row's largest is
        positive (the same rule as :func:`mmlbook.linalg.power_iteration`), so
        ``X`` and ``c * X`` give the same components.
    explained_variance : numpy.ndarray, shape (n_components,)
        The variance of the data along each component, with the 1/(N - 1) of
        the unbiased estimate (``ddof=1``, as scikit-learn's
        ``explained_variance_``); divide by ``cov(X, ddof=1).trace()`` for the
        fraction of the total.
    mean : numpy.ndarray, shape (D,)
        The mean of the rows (:func:`mean`), subtracted before the analysis.

    Raises
    ------
    TypeError
        ``X`` is not numbers or ``n_components`` is not an integer.
    ValueError
        ``X`` is not a finite 2-D array with at least 2 rows;
        ``n_components`` is outside 1..min(N, D).

    Notes
    -----
    Where variances are equal (or zero) the components spanning them are not
    unique; any orthonormal basis of that eigenspace is a right answer, and
    which one comes out is not specified (directions of zero variance found
    by the N x N route come from a seeded, reproducible completion).
    The eigen-decomposition of :math:`\bar X^\top\bar X` has absolute
    errors of about :math:`\varepsilon\lambda_1`: a variance much smaller than
    the largest, and its component, are less accurate than an SVD of
    :math:`\bar X` would give them (relative error about
    :math:`\varepsilon\lambda_1/\lambda_i`); for the leading components that
    PCA keeps this is far below anything visible, and the route is several
    times faster than the SVD. On the N x N route the same holds for the
    orthogonality of components with small variances (about
    :math:`\varepsilon\lambda_1/\lambda_i`).

    Examples
    --------
    >>> X = [[-1, -1], [1, 1], [-2, -2.2], [2, 2.2]]
    >>> components, variance, mu = pca(X, 1)
    >>> components.round(4), variance.round(4), mu
    (array([[0.6791, 0.734 ]]), array([7.2242]), array([0., 0.]))
    """
    X = _data("X", X, min_rows=2)
    return _pca(X, _n_components(n_components, X))


def _pca(X: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`pca` of a checked ``X``; the smaller of the D x D and N x N eigenproblems."""
    mu = _column_means(X)
    centred = X - mu
    N, D = X.shape
    route = _pca_gram if N < D else _pca_covariance
    components, values = route(centred, n)
    variance = np.maximum(values, 0.0) / (N - 1)  # max: a zero variance can come out as -1e-18
    return _largest_entry_positive(components), variance, mu


def reconstruct(X: Any, n_components: int) -> np.ndarray:
    r"""Each row of ``X`` rebuilt from its first ``n_components`` principal coordinates.

    :math:`\hat{\mathbf{x}}_n = \bar{\mathbf{x}} + \sum_{i=1}^{M} (\mathbf{b}_i^\top(\mathbf{x}_n - \bar{\mathbf{x}}))\,\mathbf{b}_i`,
    with :math:`\mathbf{b}_i` the components of :func:`pca` (M = ``n_components``):
    the orthogonal projection of each centred example onto the principal
    subspace, shifted back by the mean. The mean squared error falls as
    components are added and is 0 (to rounding) at the rank of the centred data.

    Parameters
    ----------
    X : array_like, shape (N, D)
    n_components : int
        As in :func:`pca`.

    Returns
    -------
    numpy.ndarray, shape (N, D)

    Raises
    ------
    TypeError, ValueError
        As in :func:`pca`.

    Examples
    --------
    >>> reconstruct([[0, 0], [2, 2], [4, 4.2]], 1).round(3)
    array([[ 0.017, -0.016],
           [ 1.967,  2.032],
           [ 4.016,  4.185]])
    """
    X = _data("X", X, min_rows=2)
    components, _, mu = _pca(X, _n_components(n_components, X))
    coordinates = (X - mu) @ components.T
    return coordinates @ components + mu
