"""Checkers for Chapter 19, *Describing distributions; random vectors*: dice sums and the bivariate normal.

The reader writes, as in the assignment "Loaded dice" of DeepLearning.AI's
*Probability & Statistics for Machine Learning & Data Science* (week 2),

* ``dice_sum_pmf(die1, die2)``: the PMF of the sum of two *independent* dice.
  ``die1`` has ``k1`` entries, the probabilities of its faces ``1, ..., k1``, or
  non-negative weights proportional to them (a loaded die given as ``[1, 1, 1, 1, 1, 5]``);
  ``die2`` likewise with ``k2`` faces. It returns ``k1 + k2 - 1`` probabilities, those
  of the sums ``2, 3, ..., k1 + k2``, in that order. A dict mapping each sum to its
  probability is accepted too (missing sums count as 0);
* ``copying_dice_pmf(die, q)``: the PMF of the sum of two *dependent* dice with the same PMF
  ``die`` (probabilities or weights, faces ``1..k``): the second die copies the first with
  probability ``q`` and is otherwise thrown independently. Same output as ``dice_sum_pmf``
  (the ``2k - 1`` sums ``2..2k``);
* ``conditional_normal(x, mu_x, mu_y, sigma_x, sigma_y, rho)``: the mean and the
  *variance* of ``Y | X = x`` when ``(X, Y)`` is bivariate normal with means ``mu_x, mu_y``,
  standard deviations ``sigma_x, sigma_y > 0`` and correlation ``-1 < rho < 1``,
  returned as a pair ``(mean, variance)`` (or a dict with the keys ``"mean"`` and ``"variance"``).

Each checker calls the reader's function on several probes (fair, loaded, unequal and
non-six-faced dice, faces of probability 0, weights scaled by 1e6 and 1e-6, copying
probabilities 0 and 1; for the normal, inputs scaled by 1e6 and 1e-6, rho = 0 and
rho = ±0.999) and compares with the right answer within a
tolerance relative to the answer's scale, so that loops, dicts and float32 pass. When
they differ it looks for a typical mistake and names it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ._core import Failure, Result, as_result_array, call, close, quietly, run

__all__ = ["dice_sum_pmf", "copying_dice_pmf", "conditional_normal"]

_RTOL = 1e-5    # float32 products and sums of probabilities stay far below this
_ATOL = 1e-7    # times the largest probability: tails of a heavy load are tiny but not noise


# --- dice_sum_pmf ----------------------------------------------------------------------------


def _dice_probes() -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(what it is, die1, die2): weights for faces 1..k, some not summing to 1."""
    fair = np.full(6, 1 / 6)
    loaded = np.array([0.1, 0.1, 0.1, 0.1, 0.1, 0.5])
    return [
        ("two loaded six-sided dice given as probabilities", loaded, np.array([0.3, 0.14, 0.14, 0.14, 0.14, 0.14])),
        ("a fair and a loaded six-sided die", fair, loaded),
        ("a loaded die and a fair one, the other way round", loaded[::-1].copy(), fair),
        ("two six-sided dice given as weights [1, 1, 1, 1, 1, 5] and [2, 1, 1, 1, 1, 1]",
         np.array([1.0, 1, 1, 1, 1, 5]), np.array([2.0, 1, 1, 1, 1, 1])),
        ("weights scaled by 1e6", 1e6 * np.array([1.0, 2, 3, 4, 5, 6]), 1e6 * np.array([3.0, 1, 1, 1, 1, 1])),
        ("weights scaled by 1e-6", 1e-6 * np.array([6.0, 1, 2, 1, 2, 1]), 1e-6 * np.array([1.0, 1, 1, 1, 1, 4])),
        ("a four-sided die (faces 1-4) and a six-sided one", np.array([0.4, 0.3, 0.2, 0.1]), fair),
        ("two eight-sided dice", np.arange(1.0, 9.0) / 36, np.full(8, 1 / 8)),
        ("a die that never shows 1 (weights [0, 1, 1, 1, 1, 2]) and one that never shows 6",
         np.array([0.0, 1, 1, 1, 1, 2]), np.array([0.25, 0.25, 0.2, 0.15, 0.15, 0.0])),
    ]


def _normalised(w: np.ndarray) -> np.ndarray:
    return w / w.sum()


def _right_sum(d1: np.ndarray, d2: np.ndarray) -> np.ndarray:
    return np.convolve(_normalised(d1), _normalised(d2))


def _fixed_length(values: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros(n)
    out[: min(n, values.size)] = values[:n]
    return out


#: (what a wrong PMF of the sum computes, what to tell its author)
DICE_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda a, b: _normalised(a) + _normalised(b),
     "You added the two PMFs. The PMF of a sum is not the sum of the PMFs: P(S = s) adds "
     "P(X = i)·P(Y = s − i) over all faces i, which is the convolution np.convolve(p1, p2)."),
    (lambda a, b: _normalised(a) * _normalised(b),
     "You multiplied the PMFs face by face, which gives P(X = i and Y = i), the probability of a "
     "double i, not of a sum. P(S = s) adds P(X = i)·P(Y = s − i) over all i: np.convolve(p1, p2)."),
    (lambda a, b: (_normalised(a) + _normalised(b)) / 2,
     "You averaged the two PMFs: that is the PMF of a die chosen at random, not of the sum of two "
     "dice. P(S = s) adds P(X = i)·P(Y = s − i) over all i: np.convolve(p1, p2)."),
    (lambda a, b: np.concatenate([[0.0, 0.0], _right_sum(a, b)]),
     "Your array starts at the sum 0: it has two leading zeros for the impossible sums 0 and 1. "
     "Return the sums 2, ..., k1 + k2 only (k1 + k2 − 1 entries): np.convolve(p1, p2) already starts at 2."),
    (lambda a, b: np.concatenate([[0.0], _right_sum(a, b)]),
     "Your array starts at the sum 1: it has a leading zero for the impossible sum 1. Return the "
     "sums 2, ..., k1 + k2 only (k1 + k2 − 1 entries)."),
    (lambda a, b: np.convolve(a, b),
     "Right for probabilities, but a die given as weights (such as [1, 1, 1, 1, 1, 5]) must be "
     "normalised first: divide each die's weights by their sum, so that its probabilities add up to 1."),
    (lambda a, b: np.convolve(_normalised(a), _normalised(a)),
     "You used the first die twice: the second die has its own PMF (and maybe its own number of faces)."),
    (lambda a, b: np.convolve(_normalised(b), _normalised(b)),
     "You used the second die twice: the first die has its own PMF (and maybe its own number of faces)."),
    (lambda a, b: _fixed_length(_right_sum(a, b), 11),
     "Right for two six-sided dice only: the length 11 (sums 2..12) is hard-coded. Two dice with k1 "
     "and k2 faces have k1 + k2 − 1 possible sums, 2, ..., k1 + k2."),
    (lambda a, b: np.convolve(np.ones(a.size), np.ones(b.size)),
     "You returned counts of the pairs of faces with each sum, not probabilities: divide by the "
     "number of pairs, and weight each pair by its probability P(X = i)·P(Y = j) (the dice may be loaded)."),
    (lambda a, b: np.convolve(np.ones(a.size), np.ones(b.size)) / (a.size * b.size),
     "You treated both dice as fair: the fraction of pairs of faces with each sum ignores the load. "
     "Weight each pair by its probability P(X = i)·P(Y = j)."),
    (lambda a, b: _right_sum(a, b)[::-1],
     "Your array is reversed: entry 0 must be the sum 2 and the last entry the sum k1 + k2."),
    (lambda a, b: np.convolve(_normalised(a), _normalised(b)[::-1]),
     "You convolved with the second die reversed, which gives the PMF of X − Y (shifted), not X + Y. "
     "np.convolve(p1, p2) already flips one argument as convolution needs."),
    (lambda a, b: np.cumsum(_right_sum(a, b)),
     "You returned the cumulative distribution P(S ≤ s), not the PMF P(S = s)."),
    (lambda a, b: 1 - np.cumsum(_right_sum(a, b)),
     "You returned the tail probabilities P(S > s), not the PMF P(S = s)."),
    (lambda a, b: np.convolve(_normalised(a), b),
     "You normalised only the first die: divide each die's weights by their own sum, so that both "
     "PMFs add up to 1."),
    (lambda a, b: np.convolve(a, _normalised(b)),
     "You normalised only the second die: divide each die's weights by their own sum, so that both "
     "PMFs add up to 1."),
)


def _as_sum_array(value: Any, n: int, name: str = "dice_sum_pmf") -> np.ndarray:
    """The reader's answer as an array over the sums 2..n+1; a dict {sum: probability} is accepted."""
    if isinstance(value, Mapping):
        out = np.zeros(n)
        for key, prob in value.items():
            try:
                s = int(key)
            except (TypeError, ValueError):
                raise Failure(f"{name} returned a dict with the key {key!r}: its keys should be "
                              f"the sums 2, ..., {n + 1}") from None
            if s != key or not 2 <= s <= n + 1:
                if float(prob) != 0:
                    raise Failure(f"{name} returned a dict with the key {key!r}: its keys should "
                                  f"be the sums 2, ..., {n + 1}")
                continue
            out[s - 2] = float(prob)
        return out
    return as_result_array(value, name, "an array of probabilities")


def _check_pmf(function: Callable, name: str, probes, right: Callable, mistakes, passed: str) -> str:
    """Compare the reader's PMF of a sum with the right one on every (label, a, b) probe.

    A probe on which the reader's function raises is left out of the search for a named
    mistake (adding PMFs of dice with different numbers of faces raises, for instance).
    """
    outputs, failures = [], []
    for label, a, b in probes:
        n = right(a, b).size
        try:
            second = b.copy() if isinstance(b, np.ndarray) else b   # the reader may change arrays in place
            got = _as_sum_array(call(function, name, a.copy(), second), n, name)
        except Failure as failure:
            failures.append(failure)
            continue
        outputs.append((label, a, b, got))
    if not failures and all(_close_pmf(got, right(a, b)) for _, a, b, got in outputs):
        return f"right on {len(outputs)} {passed}"
    if len(outputs) >= 2:
        for wrong, message in mistakes:
            if all(_close_pmf(got, _mistake(wrong, a, b)) for _, a, b, got in outputs):
                raise Failure(message)
    if failures:
        raise failures[0]
    _show_first_difference(outputs, right, name)
    raise AssertionError("unreachable")  # pragma: no cover


def _check_dice(function: Callable) -> str:
    return _check_pmf(function, "dice_sum_pmf", _dice_probes(), _right_sum, DICE_MISTAKES,
                      "pairs of dice (fair, loaded, with impossible faces, given as weights scaled by 1e±6, "
                      "4, 6 and 8 faces): "
                      "P(S = s) = Σᵢ P(X = i)·P(Y = s − i)")


def _show_first_difference(outputs: list, right: Callable, name: str) -> None:
    """Raise a Failure showing the first probe where the reader's PMF differs from the right one."""
    for label, a, b, got in outputs:
        want = right(a, b)
        if got.shape != want.shape:
            raise Failure(f"for {label}, {name} should return {want.size} probabilities (the sums "
                          f"2, ..., {want.size + 1}), but it returned shape {got.shape}")
        if not _close_pmf(got, want):
            total = float(np.sum(got))
            hint = "" if abs(total - 1) < 1e-6 else f" (your probabilities add up to {total:.6g}, not 1)"
            raise Failure(f"for {label}, {name} should give "
                          f"{np.array2string(want, precision=4, threshold=16)}, but it gave "
                          f"{np.array2string(got, precision=4, threshold=16)}{hint}")


def _mistake(wrong: Callable, *args: Any) -> np.ndarray | None:
    try:
        return np.asarray(quietly(wrong, *args), dtype=float)
    except ValueError:   # e.g. adding PMFs of dice with different numbers of faces
        return None


def _close_pmf(got: np.ndarray, want: np.ndarray | None) -> bool:
    if want is None:
        return False
    return close(got, want, rtol=_RTOL, atol=_ATOL * float(np.abs(want).max()))


def dice_sum_pmf(function: Callable) -> Result:
    """Check ``function(die1, die2)``, the PMF of the sum of two independent dice.

    ``die1`` and ``die2`` give the probabilities (or non-negative weights) of the faces
    ``1..k1`` and ``1..k2``; the answer is the ``k1 + k2 - 1`` probabilities of the sums
    ``2..k1 + k2`` (an array, or a dict mapping each sum to its probability).

    Examples
    --------
    >>> import numpy as np
    >>> def pmf(a, b):
    ...     return np.convolve(a / a.sum(), b / b.sum())
    >>> bool(dice_sum_pmf(pmf))
    True
    """
    return run("dice_sum_pmf", function, _check_dice)


# --- copying_dice_pmf ------------------------------------------------------------------------


def _copying_probes() -> list[tuple[str, np.ndarray, float]]:
    fair = np.full(6, 1 / 6)
    return [
        ("a fair die with q = 0.3", fair, 0.3),
        ("a loaded die [0.1, 0.1, 0.1, 0.1, 0.1, 0.5] with q = 0.6", np.array([0.1, 0.1, 0.1, 0.1, 0.1, 0.5]), 0.6),
        ("a die given as weights [3, 1, 1, 1, 1, 1] with q = 0.25", np.array([3.0, 1, 1, 1, 1, 1]), 0.25),
        ("weights scaled by 1e6 with q = 0.5", 1e6 * np.array([1.0, 2, 3, 4, 5, 6]), 0.5),
        ("weights scaled by 1e-6 with q = 0.8", 1e-6 * np.array([6.0, 1, 2, 1, 2, 1]), 0.8),
        ("a four-sided die with q = 0.4", np.array([0.4, 0.3, 0.2, 0.1]), 0.4),
        ("an eight-sided die with q = 0.1", np.arange(1.0, 9.0) / 36, 0.1),
        ("a fair die with q = 0 (independent dice)", fair, 0.0),
        ("a fair die with q = 1 (the second always copies)", fair, 1.0),
        ("a die that never shows 1 or 6 (weights [0, 1, 2, 2, 1, 0]) with q = 0.35",
         np.array([0.0, 1, 2, 2, 1, 0]), 0.35),
    ]


def _doubled(p: np.ndarray) -> np.ndarray:
    out = np.zeros(2 * p.size - 1)
    out[::2] = p
    return out


def _right_copying(die: np.ndarray, q: float) -> np.ndarray:
    p = _normalised(die)
    return q * _doubled(p) + (1 - q) * np.convolve(p, p)


#: (what a wrong PMF of the copying dice computes, what to tell its author)
COPYING_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda d, q: np.convolve(_normalised(d), _normalised(d)),
     "You treated the dice as independent: with probability q the second die copies the first, so "
     "the sum is 2X then, and P(S = s) = q·P(X = s/2) + (1 − q)·Σᵢ P(X = i)·P(X = s − i)."),
    (lambda d, q: (1 - q) * _doubled(_normalised(d)) + q * np.convolve(_normalised(d), _normalised(d)),
     "q and 1 − q are swapped: q is the probability that the second die copies the first (sum 2X), "
     "1 − q that it is thrown independently."),
    (lambda d, q: q * np.concatenate([_normalised(d), np.zeros(d.size - 1)])
     + (1 - q) * np.convolve(_normalised(d), _normalised(d)),
     "When the second die copies the first, the sum is 2X, not X: put q·P(X = i) at the sum 2i "
     "(every other entry, starting at the sum 2)."),
    (lambda d, q: q * _doubled(_normalised(d) ** 2) + (1 - q) * np.convolve(_normalised(d), _normalised(d)),
     "When the second die copies the first, a double i has probability P(X = i), not P(X = i)²: the "
     "copy is certain, not a second independent throw."),
    (lambda d, q: q * _doubled(_normalised(d)) + np.convolve(_normalised(d), _normalised(d)),
     "The independent part lacks the factor 1 − q: your probabilities add up to 1 + q. The second "
     "die is thrown independently only with probability 1 − q."),
    (lambda d, q: _doubled(_normalised(d)) + (1 - q) * np.convolve(_normalised(d), _normalised(d)),
     "The copying part lacks the factor q: the second die copies the first only with probability q."),
    (lambda d, q: q * _doubled(d) + (1 - q) * np.convolve(d, d),
     "Right for probabilities, but a die given as weights must be normalised first: divide its "
     "weights by their sum."),
    (lambda d, q: np.concatenate([[0.0, 0.0], _right_copying(d, q)]),
     "Your array starts at the sum 0: return the sums 2, ..., 2k only (2k − 1 entries)."),
    (lambda d, q: _fixed_length(_right_copying(d, q), 11),
     "Right for six-sided dice only: the length 11 is hard-coded. A k-sided die gives 2k − 1 sums."),
)


def _check_copying(function: Callable) -> str:
    return _check_pmf(function, "copying_dice_pmf", _copying_probes(), _right_copying, COPYING_MISTAKES,
                      "dice and copying probabilities (q = 0 to 1, loaded, with impossible faces, "
                      "weights scaled by 1e±6, 4, 6 "
                      "and 8 faces): P(S = s) = q·P(X = s/2) + (1 − q)·Σᵢ P(X = i)·P(X = s − i)")


def copying_dice_pmf(function: Callable) -> Result:
    """Check ``function(die, q)``: the PMF of the sum of two dice, the second copying the first w.p. ``q``.

    ``die`` gives the probabilities (or non-negative weights) of the faces ``1..k`` of both
    dice; with probability ``q`` the second shows the same face as the first, otherwise it is
    thrown independently. The answer is the ``2k - 1`` probabilities of the sums ``2..2k``.

    Examples
    --------
    >>> import numpy as np
    >>> def pmf(die, q):
    ...     p = die / die.sum()
    ...     doubled = np.zeros(2 * p.size - 1)
    ...     doubled[::2] = p
    ...     return q * doubled + (1 - q) * np.convolve(p, p)
    >>> bool(copying_dice_pmf(pmf))
    True
    """
    return run("copying_dice_pmf", function, _check_copying)


# --- conditional_normal ----------------------------------------------------------------------

_MEAN_RTOL = 1e-5   # times the scale |mu_y| + sigma_y + |slope·(x − mu_x)|: float32 passes
_VAR_RTOL = 2e-4    # float32 1 − rho² at rho = 0.999 loses about 6e-5 of its digits


def _normal_probes() -> list[tuple[float, float, float, float, float, float]]:
    """(x, mu_x, mu_y, sigma_x, sigma_y, rho): sigma_x != sigma_y and mu_x != 0 in most."""
    base = [(180.0, 170.0, 65.0, 8.0, 12.0, 0.6),     # heights (cm) and weights (kg)
            (-1.0, 2.0, -3.0, 0.5, 3.0, -0.4),
            (4.0, 1.0, 2.0, 2.0, 0.25, 0.8),
            (3.0, -1.0, 5.0, 1.5, 2.5, 0.0),
            (0.7, 0.2, 1.0, 0.3, 4.0, 0.999),
            (-2.0, 0.5, 0.0, 1.2, 0.7, -0.999)]
    out = list(base)
    for c in (1e6, 1e-6):
        for x, mx, my, sx, sy, r in base[:3]:
            out.append((c * x, c * mx, c * my, c * sx, c * sy, r))
    return out


def _right_conditional(x, mx, my, sx, sy, r):
    return np.array([my + r * sy / sx * (x - mx), sy**2 * (1 - r**2)])


def _pair(mean, var):
    return lambda *p: np.array([mean(*p), var(*p)])


_MEAN = lambda x, mx, my, sx, sy, r: my + r * sy / sx * (x - mx)  # noqa: E731
_VAR = lambda x, mx, my, sx, sy, r: sy**2 * (1 - r**2)  # noqa: E731

#: (what a wrong conditional computes, what to tell its author)
NORMAL_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (_pair(lambda x, mx, my, sx, sy, r: my + r * sx / sy * (x - mx), _VAR),
     "Your mean has σ_x/σ_y where it needs σ_y/σ_x: the slope of the regression of Y on X is "
     "ρ·σ_y/σ_x (it has the units of y per unit of x)."),
    (_pair(_MEAN, lambda x, mx, my, sx, sy, r: sy**2),
     "Your variance is σ_y², the marginal variance: knowing X = x removes part of Y's spread, "
     "so Var(Y | X = x) = σ_y²(1 − ρ²)."),
    (_pair(_MEAN, lambda x, mx, my, sx, sy, r: sy * np.sqrt(1 - r**2)),
     "You returned the standard deviation σ_y·√(1 − ρ²); the checker asks for the variance "
     "σ_y²(1 − ρ²)."),
    (_pair(lambda x, mx, my, sx, sy, r: my + r * sy / sx * x, _VAR),
     "Your mean ignores μ_x: it is μ_y + ρ(σ_y/σ_x)(x − μ_x), measured from X's mean."),
    (_pair(lambda x, mx, my, sx, sy, r: my + sy / sx * (x - mx), _VAR),
     "Your mean lacks the factor ρ: E[Y | X = x] = μ_y + ρ(σ_y/σ_x)(x − μ_x)."),
    (_pair(lambda x, mx, my, sx, sy, r: my + r * (x - mx), _VAR),
     "Your mean lacks the factor σ_y/σ_x: E[Y | X = x] = μ_y + ρ(σ_y/σ_x)(x − μ_x); ρ alone is the "
     "slope only for standardised variables."),
    (_pair(lambda x, mx, my, sx, sy, r: my + r**2 * sy / sx * (x - mx), _VAR),
     "Your mean has ρ² where it needs ρ: E[Y | X = x] = μ_y + ρ(σ_y/σ_x)(x − μ_x)."),
    (_pair(_MEAN, lambda x, mx, my, sx, sy, r: sy**2 * (1 - r)),
     "Your variance has (1 − ρ) where it needs (1 − ρ²): Var(Y | X = x) = σ_y²(1 − ρ²)."),
    (_pair(_MEAN, lambda x, mx, my, sx, sy, r: sx**2 * (1 - r**2)),
     "Your variance uses σ_x² where it needs σ_y²: it is the spread of Y that is left, "
     "Var(Y | X = x) = σ_y²(1 − ρ²)."),
    (_pair(_MEAN, lambda x, mx, my, sx, sy, r: sy**2 * (1 - r**2) * np.ones_like(x) + (r * sy / sx * (x - mx))**2),
     "Your variance adds the squared shift of the mean: Var(Y | X = x) = σ_y²(1 − ρ²) does not "
     "depend on x."),
    (_pair(lambda x, mx, my, sx, sy, r: my, _VAR),
     "Your mean is μ_y, the marginal mean: knowing X = x moves it by ρ(σ_y/σ_x)(x − μ_x)."),
    (_pair(lambda x, mx, my, sx, sy, r: my + r * sy / sx * (x - my), _VAR),
     "Your mean measures x from μ_y: it is μ_y + ρ(σ_y/σ_x)(x − μ_x), with x measured from X's own mean μ_x."),
    (_pair(lambda x, mx, my, sx, sy, r: my + abs(r) * sy / sx * (x - mx), _VAR),
     "Your mean uses |ρ|: for a negative correlation the regression line falls, "
     "E[Y | X = x] = μ_y + ρ(σ_y/σ_x)(x − μ_x) with the sign of ρ."),
    (_pair(lambda x, mx, my, sx, sy, r: my + r * sy / sx**2 * (x - mx), _VAR),
     "Your slope is ρσ_y/σ_x², the covariance ρσ_xσ_y divided by σ_x³: the slope is "
     "Cov(X, Y)/Var(X) = ρσ_xσ_y/σ_x² = ρσ_y/σ_x."),
    (_pair(_MEAN, lambda x, mx, my, sx, sy, r: (sy**2 * (1 - r**2)) ** 2),
     "You squared the variance: Var(Y | X = x) = σ_y²(1 − ρ²) itself, not its square."),
    (_pair(_MEAN, lambda x, mx, my, sx, sy, r: (sy * (1 - r**2)) ** 2),
     "Your variance is σ_y²(1 − ρ²)²: the conditional standard deviation is σ_y·√(1 − ρ²), so the "
     "variance is σ_y²(1 − ρ²)."),
    (lambda *p: _right_conditional(*p)[::-1],
     "You returned (variance, mean): the checker expects the pair (mean, variance)."),
)


def _conditional_output(function: Callable, probe) -> np.ndarray:
    value = call(function, "conditional_normal", *probe)
    if isinstance(value, Mapping):          # {"mean": ..., "variance": ...} (or "var") is accepted
        keys = {str(k).lower(): v for k, v in value.items()}
        var_key = next((k for k in ("variance", "var") if k in keys), None)
        if "mean" not in keys or var_key is None or len(keys) != 2:
            raise Failure(f"conditional_normal returned a dict with the keys {sorted(map(str, value))}: "
                          "return a pair (mean, variance), or a dict with the keys 'mean' and 'variance'")
        value = (keys["mean"], keys[var_key])
    got = as_result_array(value, "conditional_normal", "a pair (mean, variance)")
    if got.shape != (2,):
        raise Failure(f"conditional_normal should return a pair (mean, variance), two numbers, "
                      f"but it returned shape {got.shape}")
    return got


def _close_conditional(got, want, probe) -> bool:
    x, mx, my, sx, sy, r = probe
    scale = abs(my) + sy + abs(r * sy / sx * (x - mx))
    return (bool(np.isfinite(got).all()) and abs(got[0] - want[0]) <= _MEAN_RTOL * scale
            and abs(got[1] - want[1]) <= _VAR_RTOL * abs(want[1]) + 1e-12 * sy**2)


def _check_conditional(function: Callable) -> str:
    outputs = [(p, _conditional_output(function, p)) for p in _normal_probes()]
    if all(_close_conditional(got, _right_conditional(*p), p) for p, got in outputs):
        return (f"right at {len(outputs)} settings (inputs scaled by 1e±6, ρ = 0, ρ = ±0.999): "
                "E[Y | X = x] = μ_y + ρ(σ_y/σ_x)(x − μ_x), Var(Y | X = x) = σ_y²(1 − ρ²)")
    for wrong, message in NORMAL_MISTAKES:
        if all(_close_conditional(got, quietly(wrong, *p), p) for p, got in outputs):
            raise Failure(message)
    for p, got in outputs:
        want = _right_conditional(*p)
        if not _close_conditional(got, want, p):
            x, mx, my, sx, sy, r = p
            raise Failure(f"conditional_normal(x={x:g}, mu_x={mx:g}, mu_y={my:g}, sigma_x={sx:g}, "
                          f"sigma_y={sy:g}, rho={r:g}) should give (mean, variance) = "
                          f"({want[0]:.6g}, {want[1]:.6g}), but it gave ({got[0]:.6g}, {got[1]:.6g})")
    raise AssertionError("unreachable")  # pragma: no cover


def conditional_normal(function: Callable) -> Result:
    """Check ``function(x, mu_x, mu_y, sigma_x, sigma_y, rho)``: the mean and variance of Y | X = x.

    ``(X, Y)`` is bivariate normal with standard deviations ``sigma_x, sigma_y > 0`` and
    correlation ``-1 < rho < 1``; the answer is the pair ``(mean, variance)``.

    Examples
    --------
    >>> def conditional(x, mu_x, mu_y, sigma_x, sigma_y, rho):
    ...     return mu_y + rho * sigma_y / sigma_x * (x - mu_x), sigma_y**2 * (1 - rho**2)
    >>> bool(conditional_normal(conditional))
    True
    """
    return run("conditional_normal", function, _check_conditional)
