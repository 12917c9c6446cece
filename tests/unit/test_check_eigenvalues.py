"""Tests for the Chapter 6 checkers: right answers pass, each typical mistake is named."""

from __future__ import annotations

import doctest
import warnings

import numpy as np
import pytest
import scipy.sparse
import scipy.sparse.linalg

from mmlbook import check, linalg
from mmlbook.check import eigenvalues


# --- reference solutions, written as a reader would ------------------------------------------

def pagerank_reference(L, d=0.85, tol=1e-10, max_iter=10_000):
    """The chapter's reference solution."""
    L = np.array(L, dtype=float)
    n = L.shape[0]
    L[:, L.sum(axis=0) == 0] = 1 / n
    r = np.full(n, 1 / n)
    for _ in range(max_iter):
        new = d * (L @ r) + (1 - d) / n
        if np.abs(new - r).sum() < tol:
            return new
        r = new
    raise RuntimeError("did not settle")


def pagerank_google_matrix(L, d=0.85):
    """Builds M = d L + (1 - d)/n ones and takes its eigenvector for the eigenvalue 1."""
    L = np.array(L, dtype=float)
    n = len(L)
    L[:, L.sum(axis=0) == 0] = 1 / n
    M = d * L + (1 - d) / n * np.ones((n, n))
    values, vectors = np.linalg.eig(M)
    r = np.real(vectors[:, np.argmin(np.abs(values - 1))])
    return r / r.sum()


def pagerank_course_style(L, d=0.85):
    """The course's loop (ranks x 100, stop when they move less than 0.01), rescaled to sum 1."""
    L = np.array(L, dtype=float)
    n = L.shape[0]
    L[:, L.sum(axis=0) == 0] = 1 / n
    M = d * L + (1 - d) / n * np.ones((n, n))
    r = 100 * np.ones(n) / n
    last = r
    r = M @ r
    while np.linalg.norm(last - r) > 1e-9:
        last = r
        r = M @ r
    return r / 100


def power_reference(A, tol=1e-12, max_iter=10_000):
    """The chapter's reference solution: a seeded random start."""
    x = np.random.default_rng(0).normal(size=A.shape[0])
    x = x / np.linalg.norm(x)
    for _ in range(max_iter):
        y = A @ x
        y = y / np.linalg.norm(y)
        if y @ x < 0:
            y = -y
        if np.linalg.norm(y - x) < tol:
            return y @ A @ y, y
        x = y
    raise RuntimeError("no convergence")


def power_from_ones(A, tol=1e-12, max_iter=10_000):
    """The same loop started from all ones, as the chapter first suggested: fails on equal row sums."""
    x = np.ones(A.shape[0]) / np.sqrt(A.shape[0])
    for _ in range(max_iter):
        y = A @ x
        y = y / np.linalg.norm(y)
        if y @ x < 0:
            y = -y
        if np.linalg.norm(y - x) < tol:
            break
        x = y
    return y @ A @ y, y


def power_by_eig(A):
    values, vectors = np.linalg.eig(A)
    i = np.argmax(np.abs(values))
    return np.real(values[i]), -np.real(vectors[:, i])   # either sign is an eigenvector


def pagerank_lists(L, d=0.85):
    """Plain Python lists and loops, no NumPy in the loop."""
    L = [[float(v) for v in row] for row in np.asarray(L)]
    n = len(L)
    for j in range(n):
        if sum(L[i][j] for i in range(n)) == 0:
            for i in range(n):
                L[i][j] = 1 / n
    r = [1 / n] * n
    while True:
        new = [d * sum(L[i][j] * r[j] for j in range(n)) + (1 - d) / n for i in range(n)]
        if sum(abs(a - b) for a, b in zip(new, r)) < 1e-12:
            return new
        r = new


def pagerank_sparse(L, d=0.85):
    """scipy.sparse link matrix; dangling pages' rank spread by hand each step."""
    S = scipy.sparse.csr_array(np.asarray(L, dtype=float))
    n = S.shape[0]
    dangling = np.asarray(S.sum(axis=0)).ravel() == 0
    r = np.full(n, 1 / n)
    for _ in range(10_000):
        new = d * (S @ r + r[dangling].sum() / n) + (1 - d) / n
        if np.abs(new - r).sum() < 1e-11:
            return new
        r = new
    raise RuntimeError("did not settle")


def pagerank_float32(L, d=0.85):
    """Single precision throughout, with a stopping rule float32 can meet."""
    L = np.array(L, dtype=np.float32)
    n = L.shape[0]
    L[:, L.sum(axis=0) == 0] = np.float32(1 / n)
    r = np.full(n, 1 / n, dtype=np.float32)
    for _ in range(5_000):
        new = np.float32(d) * (L @ r) + np.float32((1 - d) / n)
        if np.abs(new - r).sum() < 1e-7:
            break
        r = new
    return new / new.sum()


def pagerank_dlai_matrix_power(L, d=0.85):
    """DeepLearning.AI's web-navigation style: X_inf = P^k X_0 with a large k."""
    L = np.array(L, dtype=float)
    n = L.shape[0]
    L[:, L.sum(axis=0) == 0] = 1 / n
    P = d * L + (1 - d) / n
    X0 = np.zeros((n, 1))
    X0[0, 0] = 1                    # the surfer starts on page 0; X is a column, shape (n, 1)
    return np.linalg.matrix_power(P, 2048) @ X0


def pagerank_solve(L, d=0.85):
    """A linear system (I - dL) r = (1 - d)/n 1 when d < 1; the eigenvector for 1 when d = 1."""
    L = np.array(L, dtype=float)
    n = L.shape[0]
    L[:, L.sum(axis=0) == 0] = 1 / n
    if d < 1:
        return np.linalg.solve(np.eye(n) - d * L, np.full(n, (1 - d) / n))
    values, vectors = np.linalg.eig(L)
    r = np.real(vectors[:, np.argmin(np.abs(values - 1))])
    return r / r.sum()


def pagerank_imperial_rescaled(L, d=0.85):
    """Imperial's pageRank (M = d L + (1 - d)/n 11^T, ranks x 100) with a tight stop, dangling fixed, / 100."""
    L = np.array(L, dtype=float)
    n = L.shape[0]
    L[:, L.sum(axis=0) == 0] = 1 / n
    M = d * L + (1 - d) / n * np.ones([n, n])
    r = 100 * np.ones(n) / n
    last, r = r, M @ r
    while np.linalg.norm(last - r) > 1e-10:
        last, r = r, M @ r
    return r / 100


# --- pagerank: right answers -----------------------------------------------------------------

RANK_RIGHT = [pagerank_reference, pagerank_google_matrix, pagerank_course_style, linalg.pagerank,
              pagerank_lists, pagerank_sparse, pagerank_float32, pagerank_dlai_matrix_power,
              pagerank_solve, pagerank_imperial_rescaled]


@pytest.mark.parametrize("function", RANK_RIGHT, ids=lambda f: f.__name__)
def test_pagerank_accepts_correct_functions(function):
    result = check.pagerank(function)
    assert result and result.passed and isinstance(result, check.Result)
    assert "correct" in result.message
    assert str(result).startswith("✔ pagerank")


def test_pagerank_accepts_a_list():
    assert check.pagerank(lambda L, d=0.85: list(pagerank_reference(L, d)))


def test_result_renders_in_a_notebook():
    assert "not yet" in check.pagerank(lambda L, d=0.85: np.ones(len(L)))._repr_html_()


# --- pagerank: each typical mistake gets its own message -------------------------------------

def iterate(step, *, normalise=False, fix=True, start=None, steps=None, final=None):
    """A reader's pagerank built from one update step, with the usual variations."""
    def pagerank(L, d=0.85):
        L = np.array(L, dtype=float)
        n = L.shape[0]
        if fix:
            L[:, L.sum(axis=0) == 0] = 1 / n
        r = np.full(n, 1 / n) if start is None else start(n)
        for _ in range(steps or 5000):
            new = step(L, r, d, n)
            if normalise:
                new = new / new.sum()
            if steps is None and np.abs(new - r).sum() < 1e-12:
                r = new
                break
            r = new
        return final(r) if final else r
    return pagerank


def right_step(L, r, d, n):
    return d * (L @ r) + (1 - d) / n


def pagerank_imperial(linkMatrix, d=0.85):
    """Imperial's PageRank assignment, as the course writes it."""
    n = linkMatrix.shape[0]
    M = d * linkMatrix + (1 - d) / n * np.ones([n, n])
    r = 100 * np.ones(n) / n
    lastR = r
    r = M @ r
    while np.linalg.norm(lastR - r) > 0.01:
        lastR = r
        r = M @ r
    return r


def pagerank_imperial_fixed(L, d=0.85):
    L = np.array(L, dtype=float)
    L[:, L.sum(axis=0) == 0] = 1 / len(L)
    return pagerank_imperial(L, d)


def pagerank_loose(L, d=0.85):
    """Right formula, stops when the ranks move less than 1e-4."""
    L = np.array(L, dtype=float)
    n = L.shape[0]
    L[:, L.sum(axis=0) == 0] = 1 / n
    r = np.full(n, 1 / n)
    while True:
        new = d * (L @ r) + (1 - d) / n
        if np.abs(new - r).sum() < 1e-4:
            return new
        r = new


def pagerank_first_eigenvector(L, d=0.85):
    """DeepLearning.AI's X_inf = eigenvecs[:, 0] / sum(...): assumes eig puts the eigenvalue 1 first."""
    L = np.array(L, dtype=float)
    n = L.shape[0]
    L[:, L.sum(axis=0) == 0] = 1 / n
    values, vectors = np.linalg.eig(d * L + (1 - d) / n)
    r = np.real(vectors[:, 0])
    return r / r.sum()


RANK_WRONG = {
    "transpose": (iterate(lambda L, r, d, n: d * (L.T @ r) + (1 - d) / n, normalise=True),
                  ["backwards", "transpose", "L.T"]),
    "transpose, not normalised": (iterate(lambda L, r, d, n: d * (L.T @ r) + (1 - d) / n),
                                  ["backwards", "transpose"]),
    "times 100": (iterate(right_step, final=lambda r: 100 * r), ["not normalised", "sum to 100"]),
    "unit length": (iterate(right_step, final=lambda r: r / np.linalg.norm(r)),
                    ["not normalised", "length 1", "r.sum()"]),
    "ones, never divided": (iterate(right_step, start=np.ones), ["sum to 6", "vector of ones"]),
    "d and 1 - d swapped": (iterate(lambda L, r, d, n: (1 - d) * (L @ r) + d / n), ["swapped"]),
    "no teleport": (iterate(lambda L, r, d, n: d * (L @ r)), ["teleport", "missing"]),
    "no teleport, normalised": (iterate(lambda L, r, d, n: d * (L @ r), normalise=True),
                                ["teleport", "missing", "undamped"]),
    "teleport not divided by n": (iterate(lambda L, r, d, n: d * (L @ r) + (1 - d)),
                                  ["sums to 6", "(1 - d)/n"]),
    "teleport not divided by n, normalised": (
        iterate(lambda L, r, d, n: d * (L @ r) + (1 - d), normalise=True), ["(1 - d)/n", "Divide by n"]),
    "fixed 10 iterations": (iterate(right_step, steps=10), ["exactly 10 iterations", "while"]),
    "fixed 50 iterations": (iterate(right_step, steps=50), ["exactly 50 iterations", "L_ring"]),
    "dangling page leaks": (iterate(right_step, fix=False), ["without links", "less than 1", "1/n"]),
    "dangling page, normalised": (iterate(right_step, fix=False, normalise=True),
                                  ["without links", "all-zero column"]),
    "default d": (lambda L, d=0.5: pagerank_reference(L, d), ["default", "d = 0.5", "d=0.85"]),
    "no default d": (lambda L, d: pagerank_reference(L, d), ["pagerank(L) raised TypeError"]),
    "returns None": (lambda L, d=0.85: None, ["None", "return"]),
    "returns text": (lambda L, d=0.85: "0.16", ["should return", "str"]),
    "wrong shape": (lambda L, d=0.85: pagerank_reference(L, d)[:-1], ["shape", "one rank per page"]),
    "returns NaN": (lambda L, d=0.85: pagerank_reference(L, d) / 0, ["NaN", "division by zero"]),
    "Imperial's pageRank as it is": (pagerank_imperial, ["3 differences", "sum to 100", "divide by 100",
                                                         "0.01", "converged", "without links"]),
    "Imperial's, dangling fixed": (pagerank_imperial_fixed, ["2 differences", "sum to 100", "converged"]),
    "loose tolerance only": (pagerank_loose, ["nearly right", "converged", "1e-10"]),
    "Imperial's x 100, tight": (lambda L, d=0.85: 100 * pagerank_imperial_rescaled(L, d),
                                ["not normalised", "sum to 100"]),
    "first eigenvector of eig": (pagerank_first_eigenvector, ["eigenvalue 1", "does not sort"]),
    "d ignored": (lambda L, d=0.85: pagerank_reference(L, 0.85), ["whatever d", "argument d"]),
}


@pytest.mark.parametrize("name", RANK_WRONG)
def test_pagerank_names_each_typical_mistake(name):
    function, words = RANK_WRONG[name]
    with np.errstate(all="ignore"):
        result = check.pagerank(function)
    assert not result
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_pagerank_chapter_demo_is_named():
    def pagerank_by_rows(L, d=0.85, tol=1e-10):
        n = L.shape[0]
        r = np.full(n, 1 / n)
        for _ in range(1000):
            r = d * (L.T @ r) + (1 - d) / n
            r = r / r.sum()
        return r

    assert "transpose" in check.pagerank(pagerank_by_rows).message


def test_pagerank_spots_in_place_change_of_L():
    def fills_in_place(L, d=0.85):
        L[:, L.sum(axis=0) == 0] = 1 / len(L)
        return pagerank_reference(L, d)

    result = check.pagerank(fills_in_place)
    assert not result and "changed the matrix L" in result.message and "copy" in result.message


def test_pagerank_not_converged_but_no_fixed_count():
    # Stops when the ranks move less than 1e-4: close, but not converged on the slow ring.
    def loose(L, d=0.85):
        L = np.array(L, dtype=float)
        n = L.shape[0]
        L[:, L.sum(axis=0) == 0] = 1 / n
        r = np.full(n, 1 / n)
        while True:
            new = d * (L @ r) + (1 - d) / n
            if np.abs(new - r).sum() < 1e-4:
                return new
            r = new

    result = check.pagerank(loose)
    assert not result and "not converged" in result.message


def test_pagerank_unknown_mistake_shows_expected_and_got():
    result = check.pagerank(lambda L, d=0.85: pagerank_reference(L, d)[::-1])
    assert not result
    assert "pagerank(L, d=1) (the course's six sites) should be" in result.message
    assert "0.4" in result.message and "but your function returned" in result.message


def test_pagerank_reports_a_function_that_raises():
    def broken(L, d=0.85):
        raise RuntimeError("something broke")

    result = check.pagerank(broken)
    assert not result and "pagerank(L, d=1) raised RuntimeError: something broke" in result.message


def test_pagerank_gives_fresh_matrices():
    # A function that spoils its argument after copying it first is fine: every probe is new.
    seen = []

    def remembers(L, d=0.85):
        seen.append(L)
        return pagerank_reference(L, d)

    assert check.pagerank(remembers)
    assert len({id(L) for L in seen}) == len(seen)


@pytest.mark.parametrize("not_a_function", [None, 0.85, "pagerank", np.eye(2)])
def test_pagerank_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="pagerank must be a function"):
        check.pagerank(not_a_function)


def test_pagerank_probes_tell_mistakes_apart():
    # Each named mistake differs from the right answer on at least one probe.
    probes = [(make(), eigenvalues._d(d)) for make, d, _ in eigenvalues._RANK_PROBES]
    for L, d in probes:
        assert np.allclose(L.sum(axis=0)[L.sum(axis=0) > 0], 1)
    messages = eigenvalues._rank_mistakes(*probes[1])
    for message in messages:
        differs = any(not any(np.allclose(wrong, eigenvalues._right_ranks(L, d), atol=1e-6)
                              for wrong in eigenvalues._rank_mistakes(L, d)[message])
                      for L, d in probes)
        assert differs, message


def test_pagerank_probe_ranks_match_an_independent_solve():
    for make, d, _ in eigenvalues._RANK_PROBES:
        L, d = make(), eigenvalues._d(d)
        n = len(L)
        if d < 1:
            M = eigenvalues._fix_dangling(L)
            direct = np.linalg.solve(np.eye(n) - d * M, np.full(n, (1 - d) / n))
            assert np.allclose(eigenvalues._right_ranks(L, d), direct)


def test_pagerank_library_accepts_sparse_like_the_reader_version():
    L = eigenvalues._course_web()
    assert np.allclose(linalg.pagerank(scipy.sparse.csr_array(L)), pagerank_reference(L))


# --- power_iteration: right answers -----------------------------------------------------------

def power_library_seeded(A):
    """The library's power iteration, given a random start (its all-ones default fails on equal row sums)."""
    return linalg.power_iteration(A, x0=np.random.default_rng(1).normal(size=len(A)))


def power_column_vector(A):
    """Keeps x as an n x 1 column, as in courses that write x^T A x: returns shape (n, 1) and a (1, 1) value."""
    n = A.shape[0]
    x = np.random.default_rng(0).normal(size=(n, 1))
    x = x / np.linalg.norm(x)
    for _ in range(10_000):
        y = A @ x
        y = y / np.linalg.norm(y)
        if (y.T @ x).item() < 0:
            y = -y
        if np.linalg.norm(y - x) < 1e-12:
            break
        x = y
    return y.T @ A @ y, y


def power_lists(A):
    """Plain Python lists and loops; a fixed 'random' start (written out) and a while loop."""
    A = [[float(v) for v in row] for row in np.asarray(A)]
    n = len(A)
    x = [0.3, -0.7, 0.2, 0.9, -0.4, 0.6][:n]
    while True:
        y = [sum(A[i][j] * x[j] for j in range(n)) for i in range(n)]
        size = sum(v * v for v in y) ** 0.5
        y = [v / size for v in y]
        if sum(a * b for a, b in zip(y, x)) < 0:
            y = [-v for v in y]
        if sum((a - b) ** 2 for a, b in zip(y, x)) ** 0.5 < 1e-12:
            value = sum(y[i] * sum(A[i][j] * y[j] for j in range(n)) for i in range(n))
            return value, y
        x = y


def power_relative_eigenvalue_change(A):
    """Stops when the Rayleigh quotient changes by less than a tolerance relative to its size."""
    x = np.random.default_rng(3).normal(size=A.shape[0])
    x /= np.linalg.norm(x)
    value = x @ A @ x
    for _ in range(100_000):
        y = A @ x
        x = y / np.linalg.norm(y)
        new = x @ A @ x
        if abs(new - value) <= 1e-15 * abs(new):
            break
        value = new
    return new, x


def power_float32(A):
    """Single precision to get close, double precision to finish; returns float32 results."""
    x = np.random.default_rng(0).normal(size=A.shape[0]).astype(np.float32)
    A32 = A.astype(np.float32)
    for _ in range(2_000):
        y = A32 @ x
        y /= np.linalg.norm(y)
        y = y if y @ x >= 0 else -y
        if np.linalg.norm(y - x) < 1e-6:
            break
        x = y
    x = x.astype(float)
    for _ in range(10_000):   # float32 carries 7 digits; finish in double
        y = A @ x
        y /= np.linalg.norm(y)
        y = y if y @ x >= 0 else -y
        if np.linalg.norm(y - x) < 1e-12:
            break
        x = y
    return np.float32(y @ A @ y), y.astype(np.float32)


def power_dlai_eig(A):
    """DeepLearning.AI style: np.linalg.eig, then the eigenvalue of the largest absolute value."""
    eigenvals, eigenvecs = np.linalg.eig(A)
    i = np.argmax(np.abs(eigenvals))
    v = np.real(eigenvecs[:, i])
    return float(np.real(eigenvals[i])), v / np.linalg.norm(v)


def power_scipy(A):
    """SciPy's Arnoldi iteration for the one eigenvalue of largest magnitude."""
    if A.shape[0] <= 2:   # eigs needs k < n - 1
        return power_dlai_eig(A)
    values, vectors = scipy.sparse.linalg.eigs(A, k=1, which="LM")
    v = np.real(vectors[:, 0])
    return float(np.real(values[0])), v / np.linalg.norm(v)


EIGEN_RIGHT = [power_reference, power_by_eig, power_library_seeded, power_column_vector, power_lists,
               power_relative_eigenvalue_change, power_float32, power_dlai_eig, power_scipy]


@pytest.mark.parametrize("function", EIGEN_RIGHT, ids=lambda f: f.__name__)
def test_power_iteration_accepts_correct_functions(function):
    result = check.power_iteration(function)
    assert result and "correct" in result.message and str(result).startswith("✔ power_iteration")


# --- power_iteration: typical mistakes ------------------------------------------------------

def with_value(how):
    def power_iteration(A):
        _, x = power_reference(A)
        return how(A, x)
    return power_iteration


def no_sign_alignment(A):
    x = np.ones(A.shape[0]) / np.sqrt(A.shape[0])
    for _ in range(1000):
        y = A @ x
        y = y / np.linalg.norm(y)
        if np.linalg.norm(y - x) < 1e-12:
            break
        x = y
    return np.linalg.norm(A @ y), y


def few_steps(A):
    x = np.ones(A.shape[0])
    for _ in range(5):
        x = A @ x
        x = x / np.linalg.norm(x)
    return x @ A @ x, x


def eig_pick(choose):
    """np.linalg.eig and a column chosen by ``choose(values)``: the usual way to pick the wrong one."""
    def power_iteration(A):
        values, vectors = np.linalg.eig(A)
        i = choose(np.real(values))
        v = np.real(vectors[:, i])
        return float(np.real(values[i])), v / np.linalg.norm(v)
    return power_iteration


def eig_row(A):
    values, vectors = np.linalg.eig(A)
    i = np.argmax(np.abs(values))
    v = np.real(vectors[i])   # a row, where the eigenvectors are the columns
    return float(np.real(values[i])), v / np.linalg.norm(v)


def library_from_ones(A):
    # The library may warn that this start is an eigenvector; the checker's verdict is what is tested.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return linalg.power_iteration(A, x0=np.ones(len(A)))


def eigh_everywhere(A):
    values, vectors = np.linalg.eigh(A)
    i = np.argmax(np.abs(values))
    return values[i], vectors[:, i]


def fixed_steps(k):
    def power_iteration(A):
        x = np.random.default_rng(0).normal(size=len(A))
        x /= np.linalg.norm(x)
        for _ in range(k):
            y = A @ x
            y /= np.linalg.norm(y)
            x = y if y @ x >= 0 else -y
        return x @ A @ x, x
    return power_iteration


def absolute_stop(A):
    """Stops when the eigenvalue estimate changes by less than 1e-6: met at once when A is tiny."""
    x = np.random.default_rng(0).normal(size=A.shape[0])
    x /= np.linalg.norm(x)
    value = x @ A @ x
    while True:
        y = A @ x
        y /= np.linalg.norm(y)
        if y @ x < 0:
            y = -y
        x = y
        new = x @ A @ x
        if abs(new - value) < 1e-6:
            return new, x
        value = new


EIGEN_WRONG = {
    "not normalised": (with_value(lambda A, x: (x @ A @ x, 3 * x)), ["not normalised", "length 3"]),
    "sums to 1": (with_value(lambda A, x: (x @ A @ x, x / x.sum())), ["not normalised", "sums to 1"]),
    "ratio of one component": (with_value(lambda A, x: ((A @ x)[0] / x[0], x)),
                               ["ratio of one component", "Rayleigh"]),
    "ratio that is 0/0": (with_value(lambda A, x: ((A @ x)[0] / 0.0 * 0.0, x)), ["NaN", "0/0"]),
    "norm as eigenvalue": (with_value(lambda A, x: (np.linalg.norm(A @ x), x)), ["wrong sign", "Rayleigh"]),
    "no sign alignment": (no_sign_alignment, ["wrong sign", "[[-4, 1], [0, 1]]"]),
    "fixed few steps": (few_steps, ["not converged", "fixed number"]),
    "swapped order": (lambda A: power_reference(A)[::-1], ["(eigenvalue, eigenvector)"]),
    "vector only": (lambda A: power_reference(A)[1], ["two things"]),
    "returns None": (lambda A: None, ["None"]),
    "wrong vector shape": (with_value(lambda A, x: (x @ A @ x, x[:-1])), ["shape"]),
    "wrong eigenvector": (with_value(lambda A, x: (x @ A @ x, np.roll(x, 1))), ["eigenvector along"]),
    "start from ones": (power_from_ones, ["not the dominant", "sums to -2", "np.ones(n)", "random"]),
    "library default start": (library_from_ones,
                              ["not the dominant", "[[1, -3], [-3, 1]]", "random"]),
    "largest, not largest in size": (eig_pick(np.argmax), ["not the dominant", "largest in size",
                                                          "np.abs"]),
    "first column of eig": (eig_pick(lambda values: 0), ["not the dominant", "does not sort"]),
    "row of the eigenvector matrix": (eig_row, ["row", "columns"]),
    "absolute stopping rule": (absolute_stop, ["not converged", "eigenvalue alone"]),
    "signs lost by np.abs": (with_value(lambda A, x: (x @ A @ x, np.abs(x))), ["signs", "np.abs"]),
    "eigenvalue by trace / 2": (with_value(lambda A, x: (np.trace(A) / 2, x)),
                                ["should return the eigenvalue 3", "returned 2"]),
    "eigh on a non-symmetric matrix": (eigh_everywhere, ["eigh", "not symmetric"]),
    "fixed 50 steps": (fixed_steps(50), ["not converged", "fixed number"]),
    "row vector (1, n)": (with_value(lambda A, x: (x @ A @ x, x.reshape(1, -1))), ["shape", "(2, 1), a column"]),
}


@pytest.mark.parametrize("name", EIGEN_WRONG)
def test_power_iteration_names_each_typical_mistake(name):
    function, words = EIGEN_WRONG[name]
    with np.errstate(all="ignore"):
        result = check.power_iteration(function)
    assert not result
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_power_iteration_unknown_mistake_shows_expected_and_got():
    result = check.power_iteration(with_value(lambda A, x: (x @ A @ x + 1, x)))
    assert not result and "should return the eigenvalue 3" in result.message
    assert "returned 4" in result.message


def test_power_iteration_reports_a_function_that_raises():
    result = check.power_iteration(lambda A: np.linalg.inv(A - A))
    assert not result and "power_iteration([[2, 1], [1, 2]]) raised LinAlgError" in result.message


def test_power_iteration_spots_in_place_change_of_A():
    def scales_A(A):
        A /= np.abs(A).max()
        return power_reference(A)

    assert "changed the matrix A" in check.power_iteration(scales_A).message


@pytest.mark.parametrize("not_a_function", [None, 3, "power_iteration", np.eye(2)])
def test_power_iteration_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="power_iteration must be a function"):
        check.power_iteration(not_a_function)


def test_power_iteration_probes_have_a_strictly_dominant_eigenvalue():
    for make, _ in eigenvalues._EIGEN_PROBES:
        sizes = np.sort(np.abs(np.linalg.eigvals(make())))
        assert sizes[-1] > 1.05 * sizes[-2]   # strictly dominant; one probe (0.95) is slow on purpose


# --- the module -----------------------------------------------------------------------------

def test_checkers_are_exported():
    assert {"pagerank", "power_iteration"} <= set(check.__all__)
    assert check.pagerank is eigenvalues.pagerank and check.power_iteration is eigenvalues.power_iteration
    assert eigenvalues.__all__ == ["power_iteration", "pagerank"]


def test_docstring_examples():
    failures, _ = doctest.testmod(eigenvalues)
    assert failures == 0


# --- trying to break the checkers -------------------------------------------------------------

def test_power_iteration_tolerance_is_relative_to_the_matrix():
    # On the probe with entries of size 1e-6 an absolute tolerance of 1e-6 would accept 0.
    def zero_when_tiny(A):
        value, x = power_reference(A)
        return (0.0 if np.abs(A).max() < 1e-3 else value), x

    result = check.power_iteration(zero_when_tiny)
    assert not result and "1e-6 * [[4, 1, 0]" in result.message and "returned 0" in result.message


def test_power_iteration_absolute_stop_on_the_tiny_probe_gets_the_scale_hint():
    # Right on every probe but the tiny one, where a stop at |change| < 1e-6 is met at once.
    def absolute_only_hurts_tiny(A):
        return absolute_stop(A) if np.abs(A).max() < 1e-3 else power_reference(A)

    result = check.power_iteration(absolute_only_hurts_tiny)
    assert not result and "not converged" in result.message and "relative to the size of A" in result.message


def test_power_iteration_accepts_tiny_rounding_on_every_probe():
    # A right answer perturbed by one part in 1e9 (float rounding in another algorithm) passes.
    def perturbed(A):
        value, x = power_dlai_eig(A)
        x = x * (1 + 1e-9 * np.random.default_rng(0).normal(size=x.size))
        return value * (1 + 1e-9), x / np.linalg.norm(x)

    assert check.power_iteration(perturbed)


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_power_iteration_reference_is_scale_free(scale):
    # The book's reference stops on unit vectors, so A and c A give the same eigenvector.
    for make, _ in eigenvalues._EIGEN_PROBES:
        A = make()
        value, x = power_reference(A)
        value_c, x_c = power_reference(scale * A)
        assert np.isclose(value_c, scale * value, rtol=1e-9) and np.isclose(abs(x @ x_c), 1)


def test_power_iteration_probes_include_the_chapter_warnings():
    names = [name for _, name in eigenvalues._EIGEN_PROBES]
    A = dict((name, make()) for make, name in eigenvalues._EIGEN_PROBES)["[[1, -3], [-3, 1]]"]
    assert np.allclose(A @ np.ones(2), -2 * np.ones(2))            # all ones is a non-dominant eigenvector
    assert any(name.startswith("U =") for name in names)             # eig's column 0 is not dominant
    U = next(make() for make, name in eigenvalues._EIGEN_PROBES if name.startswith("U ="))
    assert np.argmax(np.abs(np.linalg.eig(U)[0])) != 0


def test_pagerank_hard_coded_course_answer_is_rejected():
    course = np.array([16, 16 / 3, 40, 76 / 3, 0, 40 / 3]) / 100
    result = check.pagerank(lambda L, d=0.85: course[:len(L)] if len(L) == 6 else np.ones(len(L)) / len(L))
    assert not result


def test_pagerank_float32_without_a_reachable_stop_still_names_convergence():
    # float32 cannot meet an L1 change of 1e-12; with a cap of 30 steps the answer is off, and the
    # checker says the ranks have not converged (not that the formula is wrong).
    def float32_capped(L, d=0.85):
        L = np.array(L, dtype=np.float32)
        n = L.shape[0]
        L[:, L.sum(axis=0) == 0] = np.float32(1 / n)
        r = np.full(n, 1 / n, dtype=np.float32)
        for _ in range(30):
            r = np.float32(d) * (L @ r) + np.float32((1 - d) / n)
        return r

    result = check.pagerank(float32_capped)
    assert not result and ("converged" in result.message or "iterations" in result.message)
