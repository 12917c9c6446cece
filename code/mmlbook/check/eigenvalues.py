"""Checkers for Chapter 6, *Eigenvalues, eigenvectors and PageRank*.

The reader writes

* ``power_iteration(A)``: the dominant eigenvalue of the square matrix ``A``
  (the one largest in size) and a unit eigenvector for it, returned as
  ``(eigenvalue, eigenvector)``, the eigenvector of shape ``(n,)`` or ``(n, 1)``;
  extra return values, such as the number of steps that
  :func:`mmlbook.linalg.power_iteration` also returns, are ignored. The probes
  include a matrix with equal row sums, on which a start from all ones finds
  a non-dominant eigenpair, and one with entries of size 1e-6, so tolerances
  are relative to the matrix;
* ``pagerank(L, d=0.85)``: the PageRank vector of the link matrix ``L``
  (column j holds page j's outgoing link probabilities) with damping ``d``, as
  probabilities summing to 1, of shape ``(n,)`` or ``(n, 1)``. A page without links (an all-zero column) sends
  its surfer to a page chosen uniformly at random, as in
  :func:`mmlbook.linalg.pagerank`.

Each checker calls the reader's function on fixed probes and compares the
result with the right answer. When they differ it compares with the answers of
typical mistakes (the links read backwards, the teleport term forgotten, a
vector that is not normalised, ...) and names the mistake it finds; otherwise
it shows one probe with the expected and the returned value. A formulation
that differs from this contract only by choices (the Imperial course's ranks
x 100, its stopping rule "move less than 0.01", no handling of pages without
links) is told each difference at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import linalg
from ._core import Failure, Result, as_result_array, close, run

__all__ = ["power_iteration", "pagerank"]

# Tight enough to tell every mistake below from a right answer, loose enough for a
# reader's loop that stops when a step changes the ranks by less than 1e-8.
_ATOL = 1e-6


_close = functools.partial(close, rtol=1e-6, atol=_ATOL)


def _call(function: Callable, shown: str, *args: Any) -> Any:
    """Call the reader's function; an exception becomes a message that shows the call.

    Like ``_core.call``, but the matrices are shown by name (``L7``), not by their entries.
    """
    try:
        return function(*args)
    except Exception as exc:  # the reader's code may raise anything; name it and the call
        raise Failure(f"{shown} raised {type(exc).__name__}: {exc}") from exc


def _show(vector: np.ndarray) -> str:
    return np.array2string(np.asarray(vector, float), precision=4, suppress_small=True, separator=", ")


# --- PageRank -------------------------------------------------------------------------


def _course_web() -> np.ndarray:
    """Imperial College's micro-internet: six sites A-F; column j holds site j's links."""
    return np.array([[0, 1/2, 1/3, 0, 0, 0],
                     [1/3, 0, 0, 0, 1/2, 0],
                     [1/3, 1/2, 0, 1, 0, 1/2],
                     [1/3, 0, 1/3, 0, 1/2, 1/2],
                     [0, 0, 0, 0, 0, 0],
                     [0, 0, 1/3, 0, 0, 0]])


def _trap_web() -> np.ndarray:
    """The course's seven-site internet: site F also links to G, which links only to itself."""
    L = np.zeros((7, 7))
    L[:6, :5] = _course_web()[:, :5]
    L[[2, 3, 6], 5] = 1 / 3
    L[6, 6] = 1.0
    return L


def _dangling_web() -> np.ndarray:
    """Four pages; page 3 (the last column) has no links at all."""
    return np.array([[0, 0, 1/2, 0],
                     [1/2, 0, 1/2, 0],
                     [1/2, 1/2, 0, 0],
                     [0, 1/2, 0, 0]])


def _slow_web() -> np.ndarray:
    """Eight pages in a ring with a few shortcuts: PageRank converges slowly here (d = 0.9)."""
    n = 8
    L = np.zeros((n, n))
    for j in range(n):
        L[(j + 1) % n, j] = 1.0
    L[:, 0] = 0.0
    L[[1, 4], 0] = 0.5
    return L


# (the link matrix, d or None for "use the default", its name in messages: L and L7 are the
# chapter's six- and seven-site internets)
_RANK_PROBES: tuple[tuple[Callable[[], np.ndarray], float | None, str], ...] = (
    (_course_web, 1.0, "L"),
    (_course_web, 0.85, "L"),
    (_trap_web, 0.7, "L7"),
    (_dangling_web, 0.85, "L_dangling"),
    (_slow_web, 0.9, "L_ring"),
    (_course_web, None, "L"),
)
_DEFAULT_D = 0.85
_DESCRIPTION = {"L": "the course's six sites", "L7": "the seven sites with the trap G",
                "L_dangling": "four pages, page 3 without links", "L_ring": "eight pages in a ring"}


def _d(d: float | None) -> float:
    return _DEFAULT_D if d is None else d


def _iterate(L: np.ndarray, step: Callable[[np.ndarray], np.ndarray], *,
             normalise: bool = False) -> np.ndarray:
    """Iterate ``r <- step(r)`` from the uniform vector until it settles (or 20,000 times).

    This is how a mistaken version would run; its answer is compared with the reader's.
    """
    n = L.shape[0]
    r = np.full(n, 1.0 / n)
    with np.errstate(all="ignore"):
        for _ in range(20000):
            new = step(r)
            if normalise:
                new = new / new.sum()
            if np.abs(new - r).sum() < 1e-13:
                return new
            r = new
    return r


def _fix_dangling(L: np.ndarray) -> np.ndarray:
    M = L.copy()
    M[:, M.sum(axis=0) == 0] = 1.0 / L.shape[0]
    return M


def _right_ranks(L: np.ndarray, d: float) -> np.ndarray:
    return linalg.pagerank(L, d, tol=1e-14, max_iter=20000)


def _one_step(L: np.ndarray, d: float, r: np.ndarray) -> np.ndarray:
    """One step of the damped surfer, dangling pages sending their rank everywhere."""
    return d * (_fix_dangling(L) @ r) + (1 - d) * r.sum() / L.shape[0]


_BACKWARDS = ("It reads the links backwards: it uses the transpose L.T (rows) where L's columns are "
              "the pages' outgoing links. L[i, j] is the probability of going from page j to page i, "
              "so the new ranks are L @ r, not L.T @ r.")
_SWAPPED = ("d and 1 - d are swapped: with probability d the surfer follows a link (the term "
            "d L r) and with probability 1 - d jumps to a random page (the term (1 - d)/n). With "
            "d = 0.85 your ranks are those of d = 0.15.")
_NO_TELEPORT = ("The teleport term (1 - d)/n is missing: what you compute is the undamped ranking "
                "(d = 1), or ranks that shrink towards zero because each step multiplies the total "
                "by d. Add (1 - d)/n to every page: r = d * L @ r + (1 - d) / n.")
_NOT_BY_N = ("The teleport term is (1 - d) where it should be (1 - d)/n: the random jump lands on "
             "one of the n pages, each with probability 1/n, so each page gets (1 - d)/n. "
             "Divide by n = L.shape[0].")
_LEAK = ("A page without links (an all-zero column of L; page 3 of the four-page test internet) "
         "is not handled: the rank that reaches it disappears. A surfer on such a page jumps to a "
         "page chosen uniformly at random: replace each all-zero column by 1/n before iterating "
         "(on a copy of L).")


_EIGENVECTOR_HINT = ("If you divide an eigenvector by its sum: every eigenvector of a Markov matrix "
                     "for an eigenvalue other than 1 sums to 0 (1ᵀ M v = 1ᵀ v = λ 1ᵀ v). "
                     "np.linalg.eig does not sort its eigenvalues: take the column whose eigenvalue "
                     "is closest to 1, np.argmin(np.abs(values - 1)), not column 0.")


def _other_eigenvector(out: np.ndarray, L: np.ndarray, d: float) -> complex | None:
    """The eigenvalue (not 1) of the Google matrix whose eigenvector ``out`` lies along, or None."""
    n = L.shape[0]
    values, vectors = np.linalg.eig(d * _fix_dangling(L) + (1 - d) / n)
    length = np.linalg.norm(out)
    if length == 0:
        return None
    for value, vector in zip(values, vectors.T):
        if abs(value - 1) < 1e-9:
            continue
        for part in (vector.real, vector.imag):
            size = np.linalg.norm(part)
            if size > 1e-9 and abs(abs(out @ part) / (length * size) - 1) < 1e-6:
                return complex(value)
    return None


def _rank_mistakes(L: np.ndarray, d: float) -> dict[str, list[np.ndarray]]:
    """The answers of typical mistakes on one probe: {message: [variants]}."""
    n = L.shape[0]
    M = _fix_dangling(L)
    out: dict[str, list[np.ndarray]] = {message: [] for message in
                                        (_BACKWARDS, _SWAPPED, _NO_TELEPORT, _NOT_BY_N, _LEAK)}
    out[_BACKWARDS] += [_iterate(L, lambda r: d * (M.T @ r) + (1 - d) / n, normalise=True),
                        _iterate(L, lambda r: d * (L.T @ r) + (1 - d) / n, normalise=True),
                        _iterate(L, lambda r: d * (L.T @ r) + (1 - d) / n)]
    out[_SWAPPED] += [_right_ranks(L, 1 - d)]
    out[_NO_TELEPORT] += [_iterate(L, lambda r: d * (M @ r)),
                          _iterate(L, lambda r: d * (M @ r), normalise=True),
                          _iterate(L, lambda r: d * (L @ r), normalise=True)]
    out[_NOT_BY_N] += [_iterate(L, lambda r: d * (M @ r) + (1 - d)),
                       _iterate(L, lambda r: d * (M @ r) + (1 - d), normalise=True),
                       _iterate(L, lambda r: d * (L @ r) + (1 - d)),
                       _iterate(L, lambda r: d * (L @ r) + (1 - d), normalise=True)]
    out[_LEAK] += [_iterate(L, lambda r: d * (L @ r) + (1 - d) / n),
                   _iterate(L, lambda r: d * (L @ r) + (1 - d) / n, normalise=True),
                   _iterate(L, lambda r: d * (L @ r) + (1 - d) / n, normalise=True) * n,
                   _iterate(L, lambda r: d * (L @ r) + (1 - d) / n) * 100]
    return out


def _call_text(name: str, d: float | None) -> str:
    return f"pagerank({name})" if d is None else f"pagerank({name}, d={d:g})"


def _ranks_output(function: Callable, make: Callable[[], np.ndarray], d: float | None,
                  name: str) -> np.ndarray:
    L = make()
    given = L.copy()
    value = _call(function, _call_text(name, d), *((L,) if d is None else (L, d)))
    if not np.array_equal(L, given):
        raise Failure("pagerank changed the matrix L it was given (for instance by filling in an "
                      "all-zero column in place). Work on a copy: L = np.array(L, dtype=float).")
    out = as_result_array(value, "pagerank", "an array of ranks")
    n = given.shape[0]
    if out.shape == (n, 1):   # a column, as in DeepLearning.AI's X = P @ X0 with X0 of shape (n, 1)
        out = out.reshape(n)
    if out.shape != (n,):
        raise Failure(f"pagerank should return one rank per page, an array of shape ({n},) (or a "
                      f"column of shape ({n}, 1)), but "
                      f"{_call_text(name, d)}, with {n} pages, returned shape {out.shape}.")
    if not np.all(np.isfinite(out)):
        raise Failure(f"{_call_text(name, d)} returned {_show(out)}, which holds NaN or inf: look "
                      "for a division by zero (a page without links has column sum 0). "
                      + _EIGENVECTOR_HINT)
    return out


def _scale_message(outputs: list[np.ndarray], wanted: list[np.ndarray]) -> str | None:
    """If every answer points the right way but some do not sum to 1, say why; else None."""
    totals = [float(out.sum()) for out in outputs]
    if any(t == 0 for t in totals) or not all(_close(out / t, want)
                                              for out, t, want in zip(outputs, totals, wanted)):
        return None
    for (make, d, name), out, total in zip(_RANK_PROBES, outputs, totals):
        n = out.size
        if np.isclose(total, 1):
            continue
        call_text = _call_text(name, d)
        if np.isclose(total, 100):
            how = ("they sum to 100, as in the course's version, which gives percentages. Here "
                   "ranks are probabilities: divide by 100 (or by r.sum()).")
        elif np.isclose(np.linalg.norm(out), 1):
            how = ("they have length 1 (you divided by np.linalg.norm(r)). Ranks are "
                   "probabilities, so they must sum to 1: divide by r.sum() instead.")
        elif np.isclose(total, n) and _d(d) < 1:
            return (f"{call_text} sums to {n}, the number of pages, not 1: the teleport term is "
                    "(1 - d) where it should be (1 - d)/n. The random jump lands on one of the "
                    "n pages, so each page gets (1 - d)/n.")
        elif np.isclose(total, n):
            how = (f"they sum to {n}, the number of pages: you started from a vector of ones and "
                   "never divided by the total. Start from np.ones(n) / n, or divide by r.sum().")
        elif total < 1 and np.any(make().sum(axis=0) == 0):
            return (f"{call_text} sums to {total:.4g}, less than 1. {_LEAK}")
        else:
            how = f"they sum to {total:.4g}. Divide by r.sum() at the end."
        return f"The ranking of {call_text} is right but the ranks are not normalised: {how}"
    return None


# How far a loosely stopped but otherwise right iteration may be off: ten times the error of the
# Imperial course's rule (stop when the ranks x 100 move less than 0.01), far below any named mistake.
_LOOSE = 2e-3


def _convention_message(outputs: list[np.ndarray], wanted: list[np.ndarray],
                        probes: list[tuple[np.ndarray, float, str, float | None]]) -> str | None:
    """Name every way the answers differ from the contract, if they are the course's kind of answer.

    The Imperial course's ``pageRank`` returns percentages (summing to 100), stops when the
    ranks x 100 move less than 0.01 (so they are off by up to about 1e-4 as probabilities) and
    leaves pages without links alone (their rank leaks away). Each of those alone has its own
    message; together, a reader needs all of them at once.
    """
    totals = [float(out.sum()) for out in outputs]
    dangling = [bool(np.any(L.sum(axis=0) == 0)) for L, _, _, _ in probes]
    kept = [t for t, leak in zip(totals, dangling) if not leak]
    if not kept or min(kept) <= 0:
        return None
    if np.allclose(kept, 100, rtol=1e-6):
        percent = True
    elif np.allclose(kept, 1, rtol=1e-6):
        percent = False
    else:
        return None
    worst, worst_i, leaks = 0.0, None, False
    for i, (out, total, want, leak) in enumerate(zip(outputs, totals, wanted, dangling)):
        L, d, _, _ = probes[i]
        shape = out / total if total > 0 else out
        if leak and np.abs(shape - want).max() > _LOOSE:
            n = L.shape[0]
            leaked = _iterate(L, lambda r: d * (L @ r) + (1 - d) / n, normalise=True)
            if total < (100 if percent else 1) * (1 - 1e-6) or np.abs(shape - leaked).max() <= _LOOSE:
                leaks = True
                continue
            return None
        error = float(np.abs(shape - want).max())
        if error > _LOOSE:
            return None
        if error > worst:
            worst, worst_i = error, i
    loose = worst_i is not None and not _close(outputs[worst_i] / totals[worst_i], wanted[worst_i])
    if not loose and not (percent and leaks):
        return None   # a single difference: the messages above name it
    parts = []
    if percent:
        parts.append("the ranks sum to 100 (percentages, as in the Imperial course's pageRank); "
                     "here they are probabilities summing to 1: divide by 100, or start from "
                     "np.ones(n) / n")
    if loose:
        L, d, name, given_d = probes[worst_i]
        parts.append(f"the loop stops too early, so the ranks have not converged: {_call_text(name, given_d)} "
                     f"is off by {worst:.2g} (as a probability), which a loose stopping rule allows "
                     "(the course's \"ranks x 100 move less than 0.01\" is one); the checker wants "
                     "1e-6, so stop when the L1 change of the ranks (summing to 1) is below 1e-10")
    if leaks:
        parts.append("a page without links (an all-zero column; page 3 of the four-page test "
                     "internet) loses the rank that reaches it; replace each all-zero column by "
                     "1/n, on a copy of L, before iterating")
    if len(parts) == 1:
        return "Your ranks are nearly right, but " + parts[0] + "."
    listed = "; ".join(f"({k}) {part}" for k, part in enumerate(parts, 1))
    return f"Your ranks are right up to {len(parts)} differences: {listed}."


def _diagnose_ranks(outputs: list[np.ndarray]) -> None:
    """Raise a Failure naming what is wrong with the answers to the probes."""
    probes = [(make(), _d(d), name, d) for make, d, name in _RANK_PROBES]
    wanted = [_right_ranks(L, d) for L, d, _, _ in probes]
    right = [_close(out, want) for out, want in zip(outputs, wanted)]
    # Right for every given d, wrong only when d is left out: the default.
    if all(right[:-1]):
        for other in (1.0, 0.5, 0.15, 0.9, 0.8):
            if _close(outputs[-1], _right_ranks(probes[-1][0], other)):
                raise Failure(f"pagerank(L) gives the ranks for d = {other:g}: the default "
                              f"damping should be d = {_DEFAULT_D}. Write def pagerank(L, d=0.85).")
    if not all(right) and all(_close(out, _right_ranks(L, _DEFAULT_D))
                              for out, (L, _, _, _) in zip(outputs, probes)):
        raise Failure(f"pagerank gives the ranks for d = {_DEFAULT_D} whatever d it is given: "
                      "pagerank(L, d=1) should differ from pagerank(L, d=0.85). Use the argument d "
                      "in the update step instead of a fixed number.")
    message = _scale_message(outputs, wanted)
    if message:
        raise Failure(message)
    # A typical mistake: it explains every answer (some mistakes are right on some probes).
    mistakes = [_rank_mistakes(L, d) for L, d, _, _ in probes]
    for message in mistakes[0]:
        if all(ok or any(_close(out, wrong) for wrong in m[message])
               for out, ok, m in zip(outputs, right, mistakes)):
            raise Failure(message)
    # Stopped too soon: the answers after a fixed number of steps of the right map.
    steps = [np.full(L.shape[0], 1.0 / L.shape[0]) for L, _, _, _ in probes]
    for k in range(1, 201):
        steps = [_one_step(L, d, r) for (L, d, _, _), r in zip(probes, steps)]
        if all(_close(out, s, atol=1e-9) for out, s in zip(outputs, steps)):
            i = right.index(False)
            raise Failure(f"Your answers are those after exactly {k} iterations, which have not "
                          f"converged: {_call_text(probes[i][2], probes[i][3])} should be "
                          f"{_show(wanted[i])}, not {_show(outputs[i])}. Repeat the step until the "
                          "ranks change by less than a small tolerance (say 1e-10), with a while "
                          "loop, not a fixed number of times.")
    message = _convention_message(outputs, wanted, probes)
    if message:
        raise Failure(message)
    for (L, d, name, given_d), out, ok in zip(probes, outputs, right):
        value = None if ok else _other_eigenvector(out, L, d)
        if value is not None:
            shown = f"{value.real:.4g}" if abs(value.imag) < 1e-12 else f"{value:.4g}"
            raise Failure(f"{_call_text(name, given_d)} returned an eigenvector of the Google matrix "
                          f"M = d L + (1 - d)/n 11ᵀ for the eigenvalue {shown}, not for the eigenvalue "
                          f"1. {_EIGENVECTOR_HINT}")
    i = right.index(False)
    L, d, name, given_d = probes[i]
    out, call_text = outputs[i], _call_text(name, given_d)
    moved = float(np.abs(_one_step(L, d, out) - out).sum())
    nearly = np.abs(out - wanted[i]).sum() < 0.05   # close to the answer, but still moving
    if nearly and np.all(out >= -1e-12) and np.isclose(out.sum(), 1) and moved > 1e-7:
        raise Failure(f"{call_text} has not converged: one more step of r = d L r + (1 - d)/n "
                      f"changes it by {moved:.2g} (in the L1 norm). Keep iterating until a step "
                      "changes the ranks by less than a small tolerance such as 1e-10.")
    raise Failure(f"{call_text} ({_DESCRIPTION[name]}) should be {_show(wanted[i])}, but your "
                  f"function returned {_show(out)}. Compare your update step with "
                  "r = d L r + (1 - d)/n, term by term.")


def _check_ranks(function: Callable) -> str:
    outputs = [_ranks_output(function, make, d, name) for make, d, name in _RANK_PROBES]
    wanted = [_right_ranks(make(), _d(d)) for make, d, _ in _RANK_PROBES]
    if not all(_close(out, want) for out, want in zip(outputs, wanted)):
        _diagnose_ranks(outputs)
    return (f"correct on {len(_RANK_PROBES)} internets: the course's six sites (undamped, damped "
            "and with the default d = 0.85), the seven sites with the trap G, a page without links "
            "and a slowly converging ring.")


def pagerank(function: Any) -> Result:
    """Check a reader's ``pagerank(L, d=0.85)``: PageRank by power iteration, summing to 1.

    Parameters
    ----------
    function : callable
        ``function(L, d)`` with ``L`` a square NumPy array whose columns sum
        to 1 (or are all zero: a page without links) and ``d`` in [0, 1]; also
        called as ``function(L)``, which should use ``d = 0.85``. It should
        return the ranks as an array of shape ``(n,)`` summing to 1.

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the
        mistake (or shows one input with the expected and the returned value).

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> from mmlbook import linalg
    >>> bool(pagerank(linalg.pagerank))
    True
    """
    return run("pagerank", function, _check_ranks)


# --- power iteration ------------------------------------------------------------------


def _symmetric_probe() -> np.ndarray:
    rng = np.random.default_rng(6)
    B = rng.normal(size=(5, 5))
    return B + B.T + 6 * np.eye(5)


# (the matrix, a short name for messages). Each has one eigenvalue strictly largest in size.
_EIGEN_PROBES: tuple[tuple[Callable[[], np.ndarray], str], ...] = (
    (lambda: np.array([[2.0, 1.0], [1.0, 2.0]]), "[[2, 1], [1, 2]]"),
    (lambda: np.array([[1.0, 0.0, 0.0], [0.0, 3.0, 1.0], [0.0, 1.0, 3.0]]),
     "[[1, 0, 0], [0, 3, 1], [0, 1, 3]]"),
    (lambda: np.array([[-4.0, 1.0], [0.0, 1.0]]), "[[-4, 1], [0, 1]]"),
    (lambda: np.array([[0.5, 0.2, 0.3], [0.3, 0.8, 0.3], [0.2, 0.0, 0.4]]), "M (a 3 x 3 Markov matrix)"),
    (_symmetric_probe, "S (a symmetric 5 x 5 matrix)"),
    # Eigenvalues 1 and 0.95: the error shrinks by only 0.95 a step, so a loop with a fixed,
    # small number of steps (or a loose stopping rule) is caught.
    (lambda: np.array([[0.975, 0.025], [0.025, 0.975]]), "[[0.975, 0.025], [0.025, 0.975]]"),
    # Triangular: np.linalg.eig lists the eigenvalues 1, 2, 5 in diagonal order, so its column 0
    # is not the dominant eigenvector (on the other probes LAPACK happens to put it first).
    (lambda: np.array([[1.0, 2.0, 0.0], [0.0, 2.0, 1.0], [0.0, 0.0, 5.0]]),
     "U = [[1, 2, 0], [0, 2, 1], [0, 0, 5]]"),
    # Every row sums to -2, so np.ones(2) is an eigenvector for -2; the dominant eigenvalue is 4.
    (lambda: np.array([[1.0, -3.0], [-3.0, 1.0]]), "[[1, -3], [-3, 1]]"),
    # Entries about 1e-6: a stopping test against an absolute number is met at once.
    (lambda: 1e-6 * np.array([[4.0, 1.0, 0.0], [2.0, 3.0, 1.0], [0.0, 1.0, 2.0]]),
     "1e-6 * [[4, 1, 0], [2, 3, 1], [0, 1, 2]]"),
)


def _along(x: np.ndarray, v: np.ndarray) -> bool:
    """The unit vector x is the unit vector v or -v, to 1e-6 in length.

    Not ``|x @ v| = 1``: that is 1 - θ²/2 for a small angle θ, so it would pass a
    vector 1e-3 radians off.
    """
    return bool(min(np.linalg.norm(x - v), np.linalg.norm(x + v)) < 1e-6)


def _scale(A: np.ndarray) -> float:
    """The size of A's entries: eigenvalue tolerances are relative to it."""
    return float(np.abs(A).max())


def _value_close(lam: float, want: float, A: np.ndarray) -> bool:
    return bool(np.isclose(lam, want, rtol=1e-6, atol=1e-9 * _scale(A)))


def _dominant(A: np.ndarray) -> tuple[float, np.ndarray]:
    values, vectors = np.linalg.eig(A)
    i = int(np.argmax(np.abs(values)))
    v = np.real(vectors[:, i])
    return float(np.real(values[i])), v / np.linalg.norm(v)


def _eigen_output(function: Callable, A: np.ndarray, name: str) -> tuple[float, np.ndarray]:
    given = A.copy()
    value = _call(function, f"power_iteration({name})", A)
    if not np.array_equal(A, given):
        raise Failure("power_iteration changed the matrix A it was given: work on a copy.")
    if value is None:
        raise Failure("power_iteration returned None: is the return statement missing?")
    if not isinstance(value, (tuple, list)) or len(value) < 2:
        raise Failure("power_iteration should return two things, the eigenvalue and the "
                      "eigenvector, as a tuple: return eigenvalue, x. It returned one "
                      f"{type(value).__name__}.")
    first, second = value[0], value[1]
    if np.ndim(first) == 1 and np.ndim(second) == 0:
        raise Failure("power_iteration returns (eigenvector, eigenvalue): the order is "
                      "(eigenvalue, eigenvector). Write return eigenvalue, x.")
    eigenvalue = as_result_array(first, "power_iteration's eigenvalue", "a number")
    vector = as_result_array(second, "power_iteration's eigenvector", "an array")
    if eigenvalue.size != 1:
        raise Failure(f"The eigenvalue should be one number, but power_iteration({name}) returned "
                      f"an array of shape {eigenvalue.shape} in its place.")
    n = A.shape[0]
    if vector.shape == (n, 1):   # a column vector, as in courses that keep x as an n x 1 matrix
        vector = vector.reshape(n)
    if vector.shape != (n,):
        raise Failure(f"The eigenvector of the {n} x {n} matrix {name} should have shape ({n},) "
                      f"(or ({n}, 1), a column), but power_iteration returned shape {vector.shape}.")
    lam = float(eigenvalue.reshape(()))
    if not np.isfinite(lam) or not np.all(np.isfinite(vector)):
        raise Failure(f"power_iteration({name}) returned NaN or inf ({lam}, {_show(vector)}). If the "
                      "eigenvalue is a ratio of one component, (A x)[i] / x[i], it is 0/0 when that "
                      "component of the eigenvector is 0. Use the Rayleigh quotient x @ A @ x "
                      "(with x of length 1) instead.")
    return lam, vector


def _non_dominant(lam: float, x: np.ndarray, A: np.ndarray, name: str, want_value: float,
                  want_vector: np.ndarray) -> None:
    """The reader returned a true eigenpair of A: if it is not the dominant one, say why."""
    if _value_close(abs(lam), abs(want_value), A):
        return   # the dominant one after all (the caller looks at the sign)
    values = np.linalg.eigvals(A)
    start = (f"power_iteration({name}) returned a true eigenpair, λ = {lam:.6g} with A x = λ x, "
             f"but not the dominant one: the eigenvalue largest in size is {want_value:.6g}, along "
             f"{_show(want_vector)}. ")
    ones = np.ones(A.shape[0])
    row_sums = A @ ones
    if np.allclose(row_sums, row_sums[0], rtol=1e-9, atol=1e-12 * _scale(A)) and \
            _value_close(lam, float(row_sums[0]), A):
        raise Failure(start + f"Every row of this matrix sums to {row_sums[0]:.6g}, so the start "
                      f"np.ones(n) is itself an eigenvector (A 1 = {row_sums[0]:.6g} · 1) with no "
                      "component along the dominant one, and power iteration never leaves it. "
                      "Start from a seeded random vector instead: "
                      "x = np.random.default_rng(0).normal(size=n).")
    if np.all(np.isclose(values.imag, 0)) and _value_close(lam, float(values.real.max()), A) \
            and want_value < 0:
        raise Failure(start + "You took the largest eigenvalue, not the largest in size: the "
                      f"dominant eigenvalue here is negative. Compare sizes, as in "
                      "np.argmax(np.abs(values)).")
    raise Failure(start + "If you used np.linalg.eig, it does not sort its eigenvalues: pick the "
                  "column with np.argmax(np.abs(values)). If you iterated, your start vector had "
                  "(almost) no component along the dominant eigenvector: start from a seeded "
                  "random vector.")


def _diagnose_eigen(lam: float, x: np.ndarray, A: np.ndarray, name: str) -> None:
    want_value, want_vector = _dominant(A)
    length = float(np.linalg.norm(x))
    if not np.allclose(A, A.T):
        values_h, vectors_h = np.linalg.eigh(A)
        true_pair = length > 0 and np.linalg.norm(A @ x - lam * x) <= 1e-7 * _scale(A) * length
        if not true_pair and any(_value_close(lam, value, A) and length > 0 and _along(x / length, vector)
                                 for value, vector in zip(values_h, vectors_h.T)):
            raise Failure(f"power_iteration({name}) returned an eigenpair of np.linalg.eigh, which "
                          "assumes a symmetric matrix (it reads only one triangle of A). This A is "
                          "not symmetric: use np.linalg.eig, or iterate.")
    parallel = length > 0 and _along(x / length, want_vector)
    if parallel and not np.isclose(length, 1, atol=1e-6):
        if np.isclose(x.sum(), 1) or np.isclose(x.sum(), -1):
            how = "it sums to 1 instead (that is how ranks are scaled, not eigenvectors here)"
        else:
            how = f"it has length {length:.4g}"
        raise Failure(f"The eigenvector of {name} points the right way but is not normalised: "
                      f"{how}. Return a unit vector: x / np.linalg.norm(x).")
    unit = np.isclose(length, 1, atol=1e-6)
    scale = _scale(A)
    residual = float(np.linalg.norm(A @ x - (x @ A @ x) * x)) if unit else np.inf
    if unit and residual <= 1e-7 * scale and _value_close(lam, float(x @ A @ x), A):
        _non_dominant(lam, x, A, name, want_value, want_vector)
    if unit and not parallel and np.all(x >= 0) and np.allclose(x, np.abs(want_vector), atol=1e-6):
        raise Failure(f"power_iteration({name}) returned {_show(x)}: the sizes of the entries are "
                      f"right, but some signs are lost (the eigenvector is {_show(want_vector)}). "
                      "Did you take np.abs(x)? Eigenvectors may have entries of both signs; only the "
                      "sign of the whole vector is free.")
    # Not an eigenvector, but the eigenvalue is its Rayleigh quotient: the formula is right and
    # the loop stopped too soon (a fixed count, or a test on the eigenvalue alone).
    rayleigh = unit and _value_close(lam, float(x @ A @ x), A)
    if unit and residual > 1e-7 * scale and (rayleigh or (np.isclose(lam, want_value, rtol=0.05)
                                                          and abs(x @ want_vector) > 0.95)):
        absolute = (" Its entries are about 1e-6: if your loop stops when something changes by less "
                    "than a fixed number, that test is met at once on a matrix this small. Compare "
                    "unit vectors (scale-free), or make the threshold relative to the size of A."
                    if scale < 1e-3 else "")
        raise Failure(f"power_iteration({name}) is close but has not converged: it returned "
                      f"{lam:.6g} for the eigenvalue {want_value:.6g}, and A x differs from "
                      f"λ x by {residual:.2g}. Repeat the step until x changes by less than a small "
                      "tolerance (say 1e-12, after aligning its sign with the previous x), not a "
                      "fixed number of times; a test on the change of the eigenvalue alone is not "
                      f"enough, since the eigenvalue settles long before the vector.{absolute}")
    if not _value_close(lam, want_value, A):
        if np.isclose(lam, -want_value, rtol=1e-6):
            raise Failure(f"The eigenvalue of {name} has the right size but the wrong sign: "
                          f"{lam:.6g} instead of {want_value:.6g}. A length such as "
                          "np.linalg.norm(A @ x) is never negative, but eigenvalues can be: A x "
                          "then points against x. Use the Rayleigh quotient x @ A @ x (x of length 1).")
        A_x = A @ x
        ratios = [A_x[i] / x[i] for i in range(len(x)) if abs(x[i]) > 1e-300]
        if any(np.isclose(lam, ratio, rtol=1e-6) for ratio in ratios) or np.any(np.abs(x) < 1e-6):
            raise Failure(f"The eigenvalue of {name} should be {want_value:.6g}, but your function "
                          f"returned {lam:.6g}. It looks like the ratio of one component, "
                          "(A x)[i] / x[i], which fails when that component of the eigenvector is 0 "
                          f"(here the eigenvector is {_show(want_vector)}). Use the Rayleigh "
                          "quotient x @ A @ x with x of length 1.")
        raise Failure(f"power_iteration({name}) should return the eigenvalue {want_value:.6g}, but "
                      f"it returned {lam:.6g}. Check how you compute the eigenvalue from x.")
    if not parallel:
        rows = np.real(np.linalg.eig(A)[1])
        if length > 0 and any(abs(abs(x @ row) / (length * np.linalg.norm(row)) - 1) < 1e-6
                              for row in rows if np.linalg.norm(row) > 0):
            raise Failure(f"power_iteration({name}) returned a row of the eigenvector matrix of "
                          "np.linalg.eig: eigenvectors are its columns, vectors[:, i], not its "
                          "rows, vectors[i].")
        raise Failure(f"power_iteration({name}) should return an eigenvector along "
                      f"{_show(want_vector)} (or its negative), but it returned {_show(x)}. Has "
                      "the loop run long enough? Stop when x changes by less than a small "
                      "tolerance, after aligning its sign with the previous x.")
    raise AssertionError("unreachable")  # pragma: no cover


def _check_eigen(function: Callable) -> str:
    for make, name in _EIGEN_PROBES:
        A = make()
        lam, x = _eigen_output(function, A, name)
        want_value, want_vector = _dominant(A)
        ok_value = _value_close(lam, want_value, A)
        ok_vector = np.isclose(np.linalg.norm(x), 1, atol=1e-6) and _along(x, want_vector)
        if not (ok_value and ok_vector):
            _diagnose_eigen(lam, x, A, name)
    return (f"correct on {len(_EIGEN_PROBES)} matrices, including a negative dominant eigenvalue, "
            "an eigenvector with a zero component, a triangular matrix, equal row sums (where a start from all ones "
            "fails) and entries of size 1e-6.")


def power_iteration(function: Any) -> Result:
    """Check a reader's ``power_iteration(A)``: the dominant eigenvalue and a unit eigenvector.

    Parameters
    ----------
    function : callable
        ``function(A)`` with ``A`` a square NumPy array with one eigenvalue
        largest in size; it should return ``(eigenvalue, eigenvector)`` with
        the eigenvector of length 1 (either sign). Further return values
        are ignored.

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the
        mistake (or shows one input with the expected and the returned value).

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook import linalg
    >>> def seeded(A):   # a random start: all ones fails when A's rows have equal sums
    ...     return linalg.power_iteration(A, x0=np.random.default_rng(0).normal(size=len(A)))
    >>> bool(power_iteration(seeded))
    True
    """
    return run("power_iteration", function, _check_eigen)
