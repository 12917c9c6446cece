"""Linear algebra of Part I, written to be read: norms, elimination, Gram-Schmidt, eigenvectors, PageRank.

Every function checks what it is given, so a mistake is named in the error
message rather than lost in NumPy. The algorithms are the ones the chapters
teach (Gaussian elimination with partial pivoting, Gram-Schmidt, power
iteration); the tests compare each with an independent reference.
"""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any

import numpy as np
import scipy.sparse

from ._validate import as_array, as_number

__all__ = ["lp_norm", "distance", "rank_tolerance", "is_singular", "row_echelon", "rref", "solve", "determinant",
           "inverse", "gram_schmidt", "dimension", "reflection_matrix", "power_iteration", "pagerank"]


def _as_p(p: Any) -> float:
    """``p`` as a float in [1, inf], or raise naming ``p``."""
    if isinstance(p, numbers.Real) and not isinstance(p, bool) and p == np.inf:
        return np.inf
    p = as_number("p", p)
    if p < 1:
        raise ValueError(f"p must be >= 1 or np.inf, got {p}: for p < 1 the triangle "
                         "inequality fails, so the result would not be a norm")
    return p


def lp_norm(x: Any, p: float = 2) -> float:
    r"""The Lp norm of the vector ``x``: :math:`(\sum_i |x_i|^p)^{1/p}`, or :math:`\max_i |x_i|` for ``p=np.inf``.

    Parameters
    ----------
    x : array_like, shape (n,)
        The vector; finite numbers, at least one.
    p : float or np.inf, default 2
        Which norm: 1 (sum of absolute values), 2 (Euclidean length),
        ``np.inf`` (largest absolute value), or any real p >= 1.

    Returns
    -------
    float
        The norm, >= 0, and 0 only for the zero vector.

    Raises
    ------
    TypeError
        ``x`` is not numbers, or ``p`` is not a number.
    ValueError
        ``x`` is not one-dimensional, is empty or holds NaN or inf; ``p < 1``.

    Notes
    -----
    The entries are divided by the largest absolute value before they are
    raised to the power p, so large p and very large or very small entries
    neither overflow nor underflow.

    Examples
    --------
    >>> lp_norm([3, -4, 12], 1), lp_norm([3, -4, 12]), lp_norm([3, -4, 12], np.inf)
    (19.0, 13.0, 12.0)
    """
    x = as_array("x", x, ndim=1)
    p = _as_p(p)
    size = np.abs(x)
    largest = float(size.max())
    if largest == 0.0:
        return 0.0
    if p == np.inf:
        return largest
    if p == 1:
        return float(size.sum())
    return float(largest * np.sum((size / largest) ** p) ** (1.0 / p))


def distance(x: Any, y: Any, p: float = 2) -> float:
    """The Lp distance between the vectors ``x`` and ``y``: the norm of their difference.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Two vectors of the same length.
    p : float or np.inf, default 2
        Which norm measures the difference (see :func:`lp_norm`).

    Returns
    -------
    float
        ``lp_norm(x - y, p)``.

    Raises
    ------
    ValueError
        ``x`` and ``y`` differ in length, or either is not a finite 1-D vector.

    Examples
    --------
    >>> distance([1, 1], [4, 5])
    5.0
    >>> distance([1, 1], [4, 5], p=1)
    7.0
    """
    x = as_array("x", x, ndim=1)
    y = as_array("y", y, ndim=1)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    with np.errstate(over="ignore"):
        difference = x - y
    if not np.all(np.isfinite(difference)):
        raise ValueError("x - y overflows: the entries are too large to subtract in floating point")
    return lp_norm(difference, p)


# --- Gaussian elimination -------------------------------------------------------------


def _as_matrix(name: str, A: Any, *, square: bool = False) -> np.ndarray:
    A = as_array(name, A, ndim=2)
    if square and A.shape[0] != A.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {A.shape}")
    return A


def _zero_threshold(A: np.ndarray, tol: Any) -> float:
    """The size at or below which an entry of elimination on ``A`` counts as zero.

    ``tol=None`` is the book's convention, :func:`rank_tolerance` of ``A``; an
    explicit ``tol`` (a number >= 0) is relative too: ``tol * max|a_ij|``. Either
    way ``A`` and ``c * A`` get the same answer.
    """
    if tol is None:
        return rank_tolerance(A)
    return as_number("tol", tol, low=0) * float(np.abs(A).max())


def rank_tolerance(A: Any) -> float:
    r"""The book's one threshold for "this pivot is zero": :math:`1000 \cdot \max(m, n) \cdot \varepsilon \cdot \max_{ij} |a_{ij}|`.

    Every rank decision in the book (a pivot, a singular matrix, a dependent
    column) compares with this number. It is relative to the size of ``A``'s
    entries, so ``A`` and ``c * A`` get the same answer for any ``c > 0``, as with
    NumPy's ``matrix_rank`` (which uses ``max(m, n) * eps`` times the largest
    singular value). The factor 1000 is headroom for the rounding that
    elimination lets grow and an SVD does not: on random rank-deficient
    products of up to 12 x 12 it leaves an "exactly zero" pivot below about
    250 times ``max(m, n) * eps * max|a_ij|``.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Finite numbers.

    Returns
    -------
    float
        The threshold; 0.0 for the zero matrix.

    Examples
    --------
    >>> rank_tolerance([[1.0, 2.0], [3.0, 4.0]])   # 1000 * 2 * eps * 4
    1.7763568394002505e-12
    >>> rank_tolerance(1e-11 * np.eye(2)) < 1e-11   # a tiny matrix is not a singular one
    True
    """
    A = _as_matrix("A", A)
    return float(1000 * max(A.shape) * np.finfo(float).eps * np.abs(A).max())


def _eliminate(A: np.ndarray, zero: float, *, reduced: bool,
               pivot_cols: int | None = None) -> tuple[np.ndarray, list[int], int]:
    """Row-reduce a copy of ``A``; return it, the pivot columns and the number of row swaps.

    Partial pivoting: in each column the row with the largest entry becomes the
    pivot row, which keeps the multipliers at most 1 in size and the rounding
    errors small. A candidate no larger than ``zero`` (an absolute size, from
    :func:`_zero_threshold`) counts as zero; ``zero = 0.0`` skips only columns
    whose candidates are all exactly 0. Only the first ``pivot_cols`` columns
    may hold pivots (``solve`` eliminates ``[A | b]`` and must not pivot on b).
    """
    M = A.copy()
    rows, cols = M.shape
    pivot_cols = cols if pivot_cols is None else pivot_cols
    pivots: list[int] = []
    swaps = 0
    row = 0
    for col in range(pivot_cols):
        if row == rows:
            break
        best = row + int(np.argmax(np.abs(M[row:, col])))
        if abs(M[best, col]) <= zero:
            M[row:, col] = 0.0  # no pivot here: the column depends on earlier ones
            continue
        if best != row:
            M[[row, best]] = M[[best, row]]
            swaps += 1
        M[row + 1:] -= np.outer(M[row + 1:, col] / M[row, col], M[row])
        M[row + 1:, col] = 0.0  # exactly zero, not 1e-17
        pivots.append(col)
        row += 1
    if reduced:
        for r, col in reversed(list(enumerate(pivots))):
            M[r] /= M[r, col]
            M[:r] -= np.outer(M[:r, col], M[r])
            M[:r, col] = 0.0
    return M + 0.0, pivots, swaps  # + 0.0 turns -0.0 (from dividing zeros by a negative pivot) into 0.0


_TOL_DOC = """tol : float >= 0 or None, default None
        When a pivot candidate counts as zero. ``None``: at or below
        :func:`rank_tolerance` of ``A`` (the book's convention). A number: at or
        below ``tol`` times the largest ``|a_ij|``. Both are relative to ``A``'s
        scale, so ``A`` and ``c * A`` give the same decision."""


def row_echelon(A: Any, tol: float | None = None) -> np.ndarray:
    """A row echelon form of ``A`` by Gaussian elimination with partial pivoting.

    Below each pivot (the first non-zero entry of a row) the column is zero, and
    each pivot lies to the right of the one above; rows of zeros come last.
    The pivots are not scaled to 1 (that is :func:`rref`). For a matrix whose
    columns all get a pivot (and no ties between pivot candidates) the result is
    the ``U`` of ``PA = LU`` that SciPy's ``scipy.linalg.lu`` computes; where a
    column has no pivot, elimination moves on to the next column and LU does not.

    Parameters
    ----------
    A : array_like, shape (m, n)
    {tol}

    Examples
    --------
    >>> row_echelon([[1, 2], [3, 4]])
    array([[3.        , 4.        ],
           [0.        , 0.66666667]])
    """
    A = _as_matrix("A", A)
    return _eliminate(A, _zero_threshold(A, tol), reduced=False)[0]


def rref(A: Any, tol: float | None = None) -> np.ndarray:
    """The reduced row echelon form of ``A``: every pivot is 1 and alone in its column.

    Parameters
    ----------
    A : array_like, shape (m, n)
    {tol}

    Examples
    --------
    >>> rref([[1, 2, 3], [2, 4, 7]])
    array([[1., 2., 0.],
           [0., 0., 1.]])
    """
    A = _as_matrix("A", A)
    return _eliminate(A, _zero_threshold(A, tol), reduced=True)[0]


def is_singular(A: Any, tol: float | None = None) -> bool:
    """Whether the square matrix ``A`` is singular: elimination leaves a row of zeros.

    Parameters
    ----------
    A : array_like, shape (n, n)
    {tol}

    Examples
    --------
    >>> is_singular([[2, 0, 0, 0], [0, 3, 0, 0], [0, 0, 4, 4], [0, 0, 5, 5]])
    True
    >>> is_singular([[2, 3], [10, 1]])
    False
    >>> is_singular(1e-11 * np.eye(2))    # small is not singular
    False
    """
    A = _as_matrix("A", A, square=True)
    return len(_eliminate(A, _zero_threshold(A, tol), reduced=False)[1]) < A.shape[0]


def _singular_error(name: str) -> ValueError:
    return ValueError(f"{name} is singular (elimination leaves a row of zeros): it has no inverse, "
                      "and A x = b has either no solution or infinitely many")


def solve(A: Any, b: Any, tol: float | None = None) -> np.ndarray:
    """The solution ``x`` of ``A x = b`` by elimination and back-substitution.

    ``b`` may be a vector (shape ``(n,)``) or several right-hand sides as columns
    (shape ``(n, k)``); ``x`` has the same shape. Whether ``A`` is singular is
    decided from ``A`` alone: the size of ``b`` plays no part.

    Parameters
    ----------
    A : array_like, shape (n, n)
    b : array_like, shape (n,) or (n, k)
    {tol}

    Raises
    ------
    ValueError
        ``A`` is not square or is singular; ``b`` does not have ``n`` rows.

    Examples
    --------
    >>> solve([[2, 3], [10, 1]], [8, 13])   # apples and bananas: a = 31/28, b = 27/14
    array([1.10714286, 1.92857143])
    """
    A = _as_matrix("A", A, square=True)
    b = as_array("b", b, ndim=(1, 2))
    if b.shape[0] != A.shape[0]:
        raise ValueError(f"b must have {A.shape[0]} rows to match A, got shape {b.shape}")
    n = A.shape[0]
    zero = _zero_threshold(A, tol)  # from A alone: scaling b must not make A singular
    reduced, pivots, _ = _eliminate(np.column_stack([A, b]), zero, reduced=True, pivot_cols=n)
    if len(pivots) < n:
        raise _singular_error("A")
    return reduced[:, n:].reshape(b.shape)


def determinant(A: Any) -> float:
    """The determinant of the square matrix ``A``: the product of the pivots, signed by the row swaps.

    No pivot is rounded to zero (a determinant is a number, not a rank
    decision): the result is exactly 0.0 only when a column has no non-zero
    pivot candidate at all. For a singular matrix it is therefore usually a
    rounding-sized number such as 1e-17 rather than 0.0; use :func:`is_singular`
    to decide singularity. The product is formed on mantissas and exponents
    separately, so it overflows (to +-inf) or underflows (to 0.0) only when the
    determinant itself is out of floating-point range.

    Examples
    --------
    >>> round(determinant([[1, 2], [3, 4]]), 12)
    -2.0
    >>> determinant([[1e6, 0], [0, 1e-5]])    # not 0: small pivots are kept
    10.0
    """
    A = _as_matrix("A", A, square=True)
    U, pivots, swaps = _eliminate(A, 0.0, reduced=False)
    if len(pivots) < A.shape[0]:
        return 0.0
    mantissa, exponent = (-1.0) ** swaps, 0
    for pivot in np.diag(U):
        m, e = math.frexp(mantissa * float(pivot))
        mantissa, exponent = m, exponent + e
    try:
        return float(math.ldexp(mantissa, exponent))
    except OverflowError:
        return math.copysign(math.inf, mantissa)


def inverse(A: Any, tol: float | None = None) -> np.ndarray:
    """The inverse of the square matrix ``A`` by Gauss-Jordan elimination on ``[A | I]``.

    Parameters
    ----------
    A : array_like, shape (n, n)
    {tol}

    Raises
    ------
    ValueError
        ``A`` is not square or is singular.

    Examples
    --------
    >>> inverse([[2, 0], [0, 4]])
    array([[0.5 , 0.  ],
           [0.  , 0.25]])
    """
    A = _as_matrix("A", A, square=True)
    return solve(A, np.eye(A.shape[0]), tol)


for _function in (row_echelon, rref, is_singular, solve, inverse):
    if _function.__doc__:  # None under python -OO
        _function.__doc__ = _function.__doc__.replace("{tol}", _TOL_DOC)


# --- Orthogonality --------------------------------------------------------------------


def gram_schmidt(A: Any, tol: float | None = None) -> np.ndarray:
    """Orthonormalise the columns of ``A`` from left to right (Gram-Schmidt).

    Each column loses its components along the earlier basis vectors and is
    then scaled to length 1. A column whose remainder is no longer than the
    threshold depends on the earlier columns and comes back as zeros, so the
    non-zero columns are an orthonormal basis of the column space.
    Each column is orthogonalised twice ("twice is enough"), so the result stays
    orthonormal to rounding error even for nearly dependent columns.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Real, finite numbers (complex input is refused: this is the real
        algorithm, with transposes where the complex one needs conjugates).
    tol : float >= 0 or None, default None
        When a remainder counts as zero. ``None``: its length is at most
        :func:`rank_tolerance` of ``A`` (the book's convention). A number: at
        most ``tol`` times the largest ``|a_ij|``. Both are relative to ``A``'s
        scale, so ``A`` and ``c * A`` give the same basis.

    Notes
    -----
    ``A`` is first divided by a power of two near its largest entry (exact in
    floating point), so entries as large as 1e200 or as small as 1e-200
    neither overflow nor underflow when squared.

    Examples
    --------
    >>> gram_schmidt([[1, 2], [0, 0]])     # the second column is twice the first
    array([[1., 0.],
           [0., 0.]])
    """
    A = _as_matrix("A", A)
    largest = float(np.abs(A).max())
    if largest == 0.0:
        _zero_threshold(A, tol)  # still validate tol
        return np.zeros_like(A)
    # Dividing by a power of two changes no digit, and neither the basis nor the
    # relative threshold depends on A's scale.
    A = A * 2.0 ** -math.frexp(largest)[1]
    zero = _zero_threshold(A, tol)
    E = np.zeros_like(A)
    for j in range(A.shape[1]):
        v = A[:, j].copy()
        for _ in range(2):
            v -= E[:, :j] @ (E[:, :j].T @ v)
        length = np.linalg.norm(v)
        if length > zero:
            E[:, j] = v / length
    return E


def dimension(A: Any, tol: float | None = None) -> int:
    """The dimension of the span of the columns of ``A``: the non-zero columns Gram-Schmidt leaves.

    ``tol`` is that of :func:`gram_schmidt`.

    Examples
    --------
    >>> dimension([[1, 2, 0], [0, 0, 1], [0, 0, 0]])
    2
    """
    E = gram_schmidt(A, tol)
    return int(np.count_nonzero(np.linalg.norm(E, axis=0)))


def reflection_matrix(basis: Any) -> np.ndarray:
    """The reflection in the hyperplane spanned by all columns of ``basis`` but the last.

    The columns are orthonormalised with :func:`gram_schmidt` into ``E``; in that
    basis the reflection keeps the first n - 1 coordinates and flips the last, so
    the matrix is ``E @ diag(1, ..., 1, -1) @ E.T``.

    Raises
    ------
    ValueError
        ``basis`` is not square, or its columns are dependent (no hyperplane).

    Examples
    --------
    >>> reflection_matrix([[1, 0], [0, 1]])     # reflect in the x-axis
    array([[ 1.,  0.],
           [ 0., -1.]])
    """
    basis = _as_matrix("basis", basis, square=True)
    E = gram_schmidt(basis)
    if not np.all(np.linalg.norm(E, axis=0) > 0):
        raise ValueError("basis must have independent columns: a dependent column leaves no "
                         "hyperplane and no normal direction to reflect in")
    flip = np.ones(basis.shape[0])
    flip[-1] = -1.0
    return (E * flip) @ E.T


# --- Eigenvectors and PageRank --------------------------------------------------------


def _largest_entry_positive(V: np.ndarray) -> np.ndarray:
    """``V`` with each row's sign chosen so that its largest entry (in size) is positive.

    "Largest" is the first entry within a factor 1 - 1e-6 of the row's largest
    size, so that entries equal but for rounding (as in [1, -1] / sqrt(2)) do
    not let the last bit decide the sign. A row of zeros is left alone.
    """
    size = np.abs(V)
    first_largest = np.argmax(size >= size.max(axis=1, keepdims=True) * (1 - 1e-6), axis=1)
    signs = np.where(V[np.arange(V.shape[0]), first_largest] < 0, -1.0, 1.0)
    return V * signs[:, np.newaxis]


def _iterate(A: np.ndarray, x: np.ndarray, tol: float, max_iter: int) -> tuple[float, np.ndarray, int, list[float]]:
    """Power iteration from the unit vector ``x``; returns (value, vector, steps, the step sizes).

    ``steps == max_iter + 1`` means no convergence.
    """
    moves: list[float] = []
    for step in range(1, max_iter + 1):
        y = A @ x
        length = np.linalg.norm(y)
        if length == 0:
            raise ValueError("A maps the vector to zero: x0 has no component along an eigenvector "
                             "with a non-zero eigenvalue")
        y /= length
        if y @ x < 0:
            y = -y  # a negative eigenvalue flips the vector each step
        moves.append(float(np.linalg.norm(y - x)))
        if moves[-1] < tol:
            return float(y @ A @ y), y, step, moves
        x = y
    return float(x @ A @ x), x, max_iter + 1, moves


def _no_convergence(max_iter: int, value: float, moves: list[float]) -> ValueError:
    """The honest diagnosis of a power iteration that used up ``max_iter`` steps."""
    head = f"power iteration did not converge in {max_iter} steps"
    if len(moves) < 20:
        return ValueError(f"{head} (the last step moved the vector by {moves[-1]:.2g}); "
                          "raise max_iter")
    # The largest move in the second quarter of the run against that in the last quarter: a
    # periodic or rotating vector moves as much late as early, a converging one less.
    quarter = len(moves) // 4
    middle = max(moves[quarter:2 * quarter])
    late = max(moves[3 * quarter:])
    if late > 0.95 * middle:
        return ValueError(f"{head}: the vector keeps moving (by up to {late:.2g} a step, within 5% "
                          f"of what it moved {2 * quarter} steps earlier), so there is no single dominant "
                          "direction: two or more eigenvalues share the largest size (a rotation, a "
                          "pair lambda and -lambda, a periodic chain), or are too close in size for "
                          f"{max_iter} steps to separate them")
    rate = (late / middle) ** (1.0 / (2 * quarter))
    return ValueError(f"{head}: the steps shrink, but slowly (by a factor of about {rate:.6f} a step; "
                      f"the last moved the vector by {late:.2g}). Either the two largest eigenvalues "
                      "are close in size (the factor then tends to |lambda_2 / lambda_1|) or the "
                      "dominant eigenvalue is defective (a Jordan block: fewer independent "
                      "eigenvectors than its multiplicity, and the error shrinks only like 1/k); "
                      "the iterates alone cannot tell these apart. The current estimate is "
                      f"{value:.10g}; raise max_iter, or look at the eigenvalues")


def power_iteration(A: Any, x0: Any = None, tol: float = 1e-10,
                    max_iter: int = 1000) -> tuple[float, np.ndarray, int]:
    """The dominant eigenvalue and eigenvector of ``A`` by power iteration.

    Repeatedly multiply by ``A`` and rescale to length 1: the component along
    the eigenvector of the largest eigenvalue (in size) grows fastest and takes
    over. Stops when the vector moves less than ``tol`` in one step (its sign is
    aligned first, so a negative eigenvalue converges too).

    Parameters
    ----------
    A : array_like, shape (n, n)
    x0 : array_like, shape (n,), optional
        The start. By default a random unit vector from
        ``np.random.default_rng(0)`` (the same on every run): it has a component
        along every eigenvector with probability 1, which a fixed vector such as
        all ones does not (all ones is an eigenvector of every matrix with equal
        row sums). With the default start the returned vector's largest entry
        is positive.
    tol : float > 0
    max_iter : int >= 1

    Returns
    -------
    eigenvalue : float
        The Rayleigh quotient ``x @ A @ x`` of the final unit vector.
    eigenvector : numpy.ndarray
        A unit vector.
    iterations : int
        How many multiplications by ``A`` it took.

    Raises
    ------
    ValueError
        Bad arguments; ``x0`` is (or becomes) the zero vector; no convergence
        within ``max_iter`` steps. The message says which of two things it
        saw: a vector that keeps moving (several eigenvalues of the largest
        size, as in a rotation) or steps that shrink too slowly (two eigenvalues
        close in size, or a defective dominant eigenvalue: these two cannot be
        told apart from the iterates).

    Warns
    -----
    UserWarning
        ``x0`` is already (to ``tol``) an eigenvector, but of an eigenvalue
        smaller in size than the one a run from a random start finds. Power
        iteration cannot leave an eigenvector, so the pair returned is that of
        ``x0`` (what the algorithm does); the warning names the dominant
        eigenvalue. The check costs one more run, and only when the first run
        converges in a single step.

    Examples
    --------
    >>> value, vector, steps = power_iteration([[2, 0], [0, 1]])
    >>> round(value, 8), np.allclose(vector, [1, 0])
    (2.0, True)
    >>> round(power_iteration([[1, -3], [-3, 1]])[0], 8)   # all ones is an eigenvector here, for -2
    4.0
    """
    A = _as_matrix("A", A, square=True)
    n = A.shape[0]
    tol = as_number("tol", tol, low=0, low_open=True)
    max_iter = as_number("max_iter", max_iter, low=1, integer=True)
    if x0 is None:
        x = np.random.default_rng(0).normal(size=n)
    else:
        x = as_array("x0", x0, shape=(n,))
        if not np.any(x):
            raise ValueError("x0 must not be the zero vector")
    x = x / np.linalg.norm(x)
    value, vector, steps, moves = _iterate(A, x, tol, max_iter)
    if steps > max_iter:
        raise _no_convergence(max_iter, value, moves)
    if x0 is None:
        # The random start has no meaning of its own, so neither has the sign it leaves.
        vector = _largest_entry_positive(vector[np.newaxis])[0]
    elif steps == 1 and n > 1:
        # Converged at once: x0 is an eigenvector, maybe not the dominant one. Run from a random start.
        start = np.random.default_rng(0).normal(size=n)
        try:
            other, _, other_steps, _ = _iterate(A, start / np.linalg.norm(start), tol, max_iter)
        except ValueError:
            other_steps = max_iter + 1
        if other_steps > max_iter:
            warnings.warn(f"x0 is an eigenvector of A with eigenvalue {value:.10g}, so power iteration "
                          "stays there; from a random start it does not converge, so this may not be "
                          "the dominant eigenvalue", UserWarning, stacklevel=2)
        elif abs(other) > abs(value) * (1 + 1e-6) + rank_tolerance(A):
            warnings.warn(f"x0 is an eigenvector of A with eigenvalue {value:.10g}, which is not the "
                          f"dominant one: from a random start power iteration finds {other:.10g}. "
                          "Power iteration cannot leave an eigenvector; start elsewhere "
                          "(x0=None) for the dominant pair", UserWarning, stacklevel=2)
    return value, vector, steps


def _as_link_matrix(L: Any) -> tuple[Any, np.ndarray]:
    """``L`` as a float matrix (sparse stays sparse) and its dangling columns, or raise naming ``L``."""
    if scipy.sparse.issparse(L):
        if L.dtype.kind == "c":
            raise TypeError("L must hold real numbers (link probabilities), got complex entries")
        L = scipy.sparse.csr_array(L, dtype=float)
        values = L.data
    else:
        L = _as_matrix("L", L)
        values = L.ravel()
    if L.shape[0] != L.shape[1]:
        raise ValueError(f"L must be square (pages x pages), got shape {L.shape}")
    if L.shape[0] == 0:
        raise ValueError("L must not be empty")
    if not np.all(np.isfinite(values)):
        raise ValueError("L must contain only finite numbers (no NaN or inf)")
    if np.any(values < 0):
        raise ValueError("L must not have negative entries: they are link probabilities")
    sums = np.asarray(L.sum(axis=0)).ravel()
    dangling = sums == 0
    if not np.allclose(sums[~dangling], 1.0, atol=1e-8):
        j = int(np.argmax(~dangling & ~np.isclose(sums, 1.0, atol=1e-8)))
        raise ValueError(f"each column of L must sum to 1 (or be all zero, a page without links); "
                         f"column {j} sums to {sums[j]:.6g}. L[i, j] is the probability of "
                         "following a link from page j to page i: did you pass the transpose?")
    return L, dangling


def pagerank(L: Any, d: float = 0.85, tol: float = 1e-10, max_iter: int | None = None) -> np.ndarray:
    r"""The PageRank of every page: the stationary distribution of a damped random surfer.

    With probability ``d`` the surfer follows a random link of the current page
    (``L[i, j]`` is the probability of going from page j to page i); otherwise,
    and always from a page with no links (an all-zero column), they jump to a
    page chosen uniformly. The ranks ``r`` solve

    .. math:: \mathbf{r} = d \left(L \mathbf{r} + \frac{s}{n}\mathbf{1}\right) + \frac{1-d}{n}\mathbf{1},

    where ``s`` is the rank sitting on pages without links; they are found by
    iterating that map (power iteration) until the ranks change by less than
    ``tol`` in the L1 norm.

    Parameters
    ----------
    L : array_like or scipy.sparse matrix, shape (n, n)
        Link probabilities; each column sums to 1 or is all zero. Sparse
        matrices stay sparse, so a million links take a fraction of a second a step.
    d : float in [0, 1]
        The damping factor; ``d = 1`` is the undamped surfer of the eigenvector view.
    tol : float > 0
        Stop when an iteration changes the ranks by less than ``tol`` (L1 norm).
    max_iter : int >= 1 or None, default None
        Give up (ValueError) after this many iterations. ``None``: for
        ``d < 1``, enough to guarantee ``tol``: the map shrinks the L1 distance
        to the answer by a factor ``d`` each iteration and a change is at most
        twice that distance, so ``ceil(log(tol / 4) / log(d))`` iterations
        suffice (2,300 for ``d = 0.99``, 150 for ``d = 0.85``, with
        ``tol = 1e-10``); for ``d = 1`` there is no such bound, and ``None``
        means 1000.

    Returns
    -------
    numpy.ndarray, shape (n,)
        The ranks, non-negative and summing to 1.

    Examples
    --------
    >>> L = [[0, 1/2, 1], [1/2, 0, 0], [1/2, 1/2, 0]]
    >>> pagerank(L, d=1).round(4)
    array([0.4444, 0.2222, 0.3333])
    """
    L, dangling = _as_link_matrix(L)
    d = as_number("d", d, low=0, high=1)
    tol = as_number("tol", tol, low=0, low_open=True)
    if max_iter is None:
        max_iter = _pagerank_iterations(d, tol)
    else:
        max_iter = as_number("max_iter", max_iter, low=1, integer=True)
    n = L.shape[0]
    r = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        following = L @ r + r[dangling].sum() / n
        new = d * following + (1.0 - d) / n
        new /= new.sum()  # keeps the total at 1 against rounding drift
        if np.abs(new - r).sum() < tol:
            return new
        r = new
    if d < 1:
        raise ValueError(f"PageRank did not converge in {max_iter} iterations: with d = {d:g} the "
                         f"change shrinks by a factor of about d each iteration, so tol = {tol:g} needs "
                         f"about log(tol / 4) / log(d) = {_pagerank_iterations(d, tol)} iterations; "
                         "raise max_iter (or leave it None, which chooses that number)")
    raise ValueError(f"PageRank did not converge in {max_iter} iterations with d = 1: undamped, the "
                     "convergence depends on the links alone, and a periodic link structure makes "
                     "the ranks cycle for ever; use d < 1 or a larger max_iter")


def _pagerank_iterations(d: float, tol: float) -> int:
    """Iterations that guarantee an L1 change below ``tol`` at contraction ``d`` (1000 for d = 1)."""
    if d >= 1:
        return 1000
    if d == 0:
        return 2  # the first step lands on the uniform ranks, the second confirms it
    return max(2, math.ceil(math.log(tol / 4) / math.log(d)) + 1)
