"""Checkers for Chapter 17, *Probability and Bayes' theorem*.

The reader writes

* ``birthday_probability(n)``: the probability that at least two of ``n`` people
  share a birthday, with 365 equally likely days, independent birthdays and no
  leap days (the chapter's assumptions);
* ``posterior(prior, sensitivity, specificity)``: the probability of being ill
  given a positive test, by Bayes' theorem.

Each checker calls the reader's function on probes chosen to separate the right
answer from the mistakes learners make (n = 0 and 1, n past 365, priors of 0, 1
and 1e-6), compares within a tolerance far below any mistake's error but above
float32 rounding, and names the first mistake that reproduces every probe.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from ._core import Failure, Result, as_result_array, call, quietly, run

__all__ = ["birthday_probability", "posterior"]

_DAYS = 365
_RTOL = 1e-4    # for naming a mistake, and for the posterior (float32 stays far below it)
_ATOL = 1e-6    # for naming a mistake only: a right answer is judged by _birthday_close


def _birthday_tolerance(n: int, right: float) -> float:
    """What float32 may be off by at n: a few roundings per factor of P(no match), plus 1 − q.

    A float32 running product of n factors errs by at most about 2n float32 roundings
    (1.2e-7 each) relative to q = P(no match), and 1 − q adds one more absolute rounding.
    A fixed relative tolerance of 1e-4 let plain Stirling's formula for the factorials
    (relative error about n/(12·365²) in q, 7.6e-6 absolute at n = 23) pass.
    """
    return 1e-7 + 2.5e-7 * max(n, 1) * (1.0 - right)


def _birthday_close(n: int, value: float, right: float) -> bool:
    return bool(np.isfinite(value)) and abs(value - right) <= _birthday_tolerance(n, right)


def _no_match(n: int, days: int = _DAYS) -> float:
    """P(all n birthdays differ), as a running product (exactly 0 for n > days)."""
    p = 1.0
    for i in range(n):
        p *= (days - i) / days
    return p


def _stirling_ln_factorial(m: int) -> float:
    """Plain Stirling, ln m! ≈ m ln m − m + ½ ln(2πm) (and ln 0! = 0): a learner's approximation."""
    return 0.0 if m <= 0 else m * math.log(m) - m + 0.5 * math.log(2 * math.pi * m)


def _birthday(n: int) -> float:
    return 1.0 - _no_match(n)


_BIRTHDAY_PROBES = (0, 1, 2, 3, 5, 10, 22, 23, 30, 41, 57, 70, 100, 200, 365, 366, 367, 400, 1000)

#: (what a wrong birthday_probability computes, what to tell its author)
BIRTHDAY_MISTAKES: tuple[tuple[Callable[[int], float], str], ...] = (
    (lambda n: 1 - (364 / 365) ** n,
     "you computed 1 − (364/365)ⁿ, the probability that someone among n people has one GIVEN birthday "
     "(yours, or 1 January). The question is whether ANY two of the n people match: the k-th person "
     "must avoid the k − 1 birthdays before them, so P(no match) = (365/365)(364/365)⋯((365 − n + 1)/365)."),
    (lambda n: 1 - (364 / 365) ** (n * (n - 1) / 2),
     "you computed 1 − (364/365)^(n(n−1)/2), as if the n(n−1)/2 pairs matched independently of each "
     "other. They do not (if A matches B and B matches C, then A matches C); multiply the factors "
     "(365 − i)/365 for i = 0, …, n − 1 instead."),
    (lambda n: min(1.0, 1 - math.exp(-n * (n - 1) / (2 * _DAYS))) if n else 0.0,
     "you used the approximation 1 − exp(−n(n−1)/730). It is close, but the checker asks for the exact "
     "probability, 1 − ∏ (365 − i)/365 over i = 0, …, n − 1."),
    (lambda n: n * (n - 1) / (2 * _DAYS),
     "you added the probabilities 1/365 of the n(n−1)/2 pairs. That is the expected number of matching "
     "pairs, not a probability: the pair events overlap, so adding them counts some outcomes more than "
     "once (inclusion–exclusion), and the sum passes 1 at n = 28."),
    (_no_match,
     "you returned the probability that NO two people share a birthday, ∏ (365 − i)/365; the question "
     "asks for the complement, 1 minus that."),
    (lambda n: 1 - _no_match(n + 1),
     "your product has one factor too many: for n people it runs over i = 0, …, n − 1 (n factors, the "
     "first 365/365), not i = 0, …, n or i = 1, …, n. Check with n = 1: one person cannot share."),
    (lambda n: 1 - _no_match(max(n - 1, 0)),
     "your product has one factor too few: for n people there are n factors (365 − i)/365, i = 0, …, "
     "n − 1. Check with n = 2: the answer is 1/365."),
    (lambda n: 1 - ((_DAYS - n) / _DAYS) ** n if n <= _DAYS else 1.0,
     "you wrote (365 − n)/365 in every factor: the i-th person must avoid the i birthdays before them, "
     "so the factors are (365 − i)/365 with i = 0, …, n − 1, each different."),
    (lambda n: 1.0 if n >= 2 else 0.0,
     "your answer is 1 for every n ≥ 2: integer division? (365 − i) // 365 is 0 for i ≥ 1. Use / "
     "(true division), or math.perm(365, n) / 365**n."),
    (lambda n: 1 - _no_match(n, 366),
     "you used 366 days: the chapter ignores leap days, so there are 365 equally likely birthdays."),
    (lambda n: 1 - math.exp(_stirling_ln_factorial(_DAYS) - _stirling_ln_factorial(_DAYS - n)
                            - n * math.log(_DAYS)),
     "your values are close but not exact (off by about 1e-6 to 1e-5): an approximation to the factorials, "
     "such as Stirling's formula n! ≈ √(2πn)(n/e)ⁿ, whose relative error is about 1/(12n)? Use exact "
     "integers (math.perm(365, n) / 365**n), a running product of (365 − i)/365, or math.lgamma."),
)


def _birthday_value(function: Callable, n: int) -> float:
    try:
        value = call(function, "birthday_probability", n)
    except Failure as failure:
        if "OverflowError" in str(failure):
            raise Failure(f"{failure}. 365! has 779 digits and overflows a float: use a running product "
                          "of the factors (365 − i)/365, math.perm(365, n) / 365**n with exact integers, "
                          "or logarithms (math.lgamma).") from failure
        raise
    got = as_result_array(value, f"birthday_probability({n})", "a number")
    if got.size != 1:
        raise Failure(f"birthday_probability({n}) should return one number, got shape {got.shape}")
    return float(got.reshape(()))


def _matches(got: dict[int, float], wrong: Callable[[int], float]) -> bool:
    for n, value in got.items():
        expected = quietly(wrong, n)
        if not np.isfinite(value) or not math.isclose(value, expected, rel_tol=_RTOL, abs_tol=_ATOL):
            return False
    return True


def birthday_probability(function: Any) -> Result:
    """Check ``function(n)``: the probability that at least two of ``n`` people share a birthday.

    365 equally likely, independent birthdays (no leap days). Loops, ``math.perm``,
    logarithms and float32 pass; the answer must be 0 for n = 0 and 1 and exactly 1
    for n > 365.

    >>> birthday_probability(lambda n: 1 - math.prod((365 - i) / 365 for i in range(n))).passed
    True
    """

    def checks(f: Callable) -> str:
        got, raised = {}, {}
        for n in _BIRTHDAY_PROBES:
            try:
                got[n] = _birthday_value(f, n)
            except Failure as failure:
                raised[n] = failure
        right = {n: _birthday(n) for n in _BIRTHDAY_PROBES}
        inner = [n for n in _BIRTHDAY_PROBES if 2 <= n <= _DAYS]
        if not raised and all(_birthday_close(n, v, right[n]) for n, v in got.items()) and all(got[n] == 1.0 for n in got if n > _DAYS):
            return (f"right for n = {', '.join(map(str, _BIRTHDAY_PROBES))}: "
                    f"P(match) = {got[23]:.4f} for 23 people and exactly 1 past 365 people.")
        for n in inner:
            if n in raised:
                raise raised[n]
        # A mistake is named from 2 ≤ n ≤ 365, where every mistake differs from the right answer.
        for wrong, message in BIRTHDAY_MISTAKES:
            if _matches({n: got[n] for n in inner}, wrong):
                raise Failure(message)
        for n, failure in raised.items():
            hint = (" With n > 365 the answer is 1 (pigeonhole), so no formula is needed there." if n > _DAYS
                    else " With n = 0 or 1 people no two can share: the answer is 0.")
            raise Failure(str(failure) + hint)
        for n, value in got.items():
            if not np.isfinite(value):
                raise Failure(f"birthday_probability({n}) returned {value}: an overflow? 365! "
                              "(about 2.5e778) is inf as a float, and inf/inf is nan. Use a running "
                              "product of (365 − i)/365, exact integers with math.perm, or logarithms.")
        for n, value in got.items():
            if value > 1 or value < -_ATOL:
                raise Failure(f"birthday_probability({n}) returned {value:.6g}, which is not a "
                              f"probability (it must lie in [0, 1]).")
        for n, value in got.items():
            if n > _DAYS and value != 1.0:
                raise Failure(f"birthday_probability({n}) returned {value!r}; with {n} people and only "
                              "365 days two must share (the pigeonhole principle), so the answer is "
                              "exactly 1. Does your product stop at 365, or does a logarithm fail there?")
        for n, value in got.items():
            want = right[n]
            if not _birthday_close(n, value, want):
                if n <= 1:
                    raise Failure(f"birthday_probability({n}) returned {value:.6g}; with {n} "
                                  f"{'person' if n == 1 else 'people'} no two can share, so it must be 0 "
                                  "(an empty product is 1, and 1 − 1 = 0).")
                raise Failure(f"birthday_probability({n}) returned {value:.6g}; it should be {want:.6g} "
                              f"= 1 − ∏ (365 − i)/365 over i = 0, …, {n - 1}.")
        raise AssertionError("unreachable: some probe differs")   # pragma: no cover

    return run("birthday_probability", function, checks)


def _bayes(prior: float, sensitivity: float, specificity: float) -> float:
    true_pos = sensitivity * prior
    false_pos = (1 - specificity) * (1 - prior)
    return true_pos / (true_pos + false_pos)


# (prior, sensitivity, specificity): P(positive) > 0 in every one
_POSTERIOR_PROBES = ((0.01, 0.95, 0.90), (0.001, 0.99, 0.95), (0.3, 0.8, 0.7), (1e-6, 0.999, 0.999),
                     (0.5, 0.6, 0.9), (0.2, 0.9, 0.6), (0.0, 0.9, 0.8), (1.0, 0.9, 0.8), (0.05, 0.7, 0.99))
_POSTERIOR_RTOL = _RTOL   # float32 1 − 0.999 keeps only about 4 digits (1.3e-5 relative error seen)

#: (what a wrong posterior computes, what to tell its author)
POSTERIOR_MISTAKES: tuple[tuple[Callable[[float, float, float], float], str], ...] = (
    (lambda p, se, sp: _bayes(p, sp, se),
     "sensitivity and specificity are swapped: sensitivity is P(positive | ill), specificity is "
     "P(negative | healthy), so P(positive | healthy) = 1 − specificity."),
    (lambda p, se, sp: se,
     "you returned the sensitivity P(positive | ill), the reverse conditional. Bayes' theorem turns it "
     "round: P(ill | positive) = P(positive | ill) P(ill) / P(positive)."),
    (lambda p, se, sp: se * p,
     "you returned P(ill and positive) = sensitivity × prior without dividing by P(positive): "
     "normalise by P(positive) = sensitivity × prior + (1 − specificity) × (1 − prior)."),
    (lambda p, se, sp: se * p / (se * p + sp * (1 - p)),
     "in P(positive) you used the specificity where the false-positive rate 1 − specificity belongs: "
     "a healthy person tests positive with probability 1 − specificity."),
    (lambda p, se, sp: se * p / (se * p + (1 - se) * (1 - p)),
     "in P(positive) you used 1 − sensitivity (the false-NEGATIVE rate, P(negative | ill)) for healthy "
     "people; a healthy person tests positive with probability 1 − specificity."),
    (lambda p, se, sp: se * p / (se * p + (1 - sp)),
     "the false positives are not weighted by P(healthy) = 1 − prior: P(positive) = sensitivity × prior "
     "+ (1 − specificity) × (1 − prior) (the law of total probability)."),
    (lambda p, se, sp: se * p / (se * p + (1 - sp) * p),
     "the false positives are weighted by the prior where P(healthy) = 1 − prior belongs."),
    (lambda p, se, sp: 1.0 if p else 0.0,
     "you forgot the false positives: with only ill people testing positive the posterior is 1. "
     "P(positive) = sensitivity × prior + (1 − specificity) × (1 − prior)."),
    (lambda p, se, sp: p,
     "your answer is the prior: the test result has not been used. Multiply by the likelihood "
     "P(positive | ill) = sensitivity and divide by P(positive)."),
    (lambda p, se, sp: 1 - _bayes(p, se, sp),
     "you returned P(healthy | positive), the complement of the answer."),
    (lambda p, se, sp: (1 - se) * p / ((1 - se) * p + sp * (1 - p)),
     "you returned P(ill | negative), the posterior after a NEGATIVE test."),
    (lambda p, se, sp: se * p / ((1 - sp) * (1 - p)),
     "you divided by P(positive and healthy) alone: P(positive) also includes the true positives, "
     "sensitivity × prior."),
)


def _posterior_value(function: Callable, args: tuple[float, float, float]) -> float:
    value = call(function, "posterior", *args)
    shown = f"posterior({args[0]:g}, {args[1]:g}, {args[2]:g})"
    got = as_result_array(value, shown, "a number")
    if got.size != 1:
        raise Failure(f"{shown} should return one number, got shape {got.shape}")
    return float(got.reshape(()))


def posterior(function: Any) -> Result:
    """Check ``function(prior, sensitivity, specificity)``: P(ill | positive test) by Bayes' theorem.

    Probes include priors of 0, 1 and 1e-6; the answer must be 0 when the prior
    is 0 and 1 when it is 1.

    >>> posterior(lambda p, se, sp: se * p / (se * p + (1 - sp) * (1 - p))).passed
    True
    """

    def checks(f: Callable) -> str:
        got, raised = [], []
        for args in _POSTERIOR_PROBES:
            try:
                got.append((args, _posterior_value(f, args)))
            except Failure as failure:
                raised.append((args, failure))

        def same(value: float, expected: float) -> bool:
            return bool(np.isfinite(value)) and math.isclose(value, expected, rel_tol=_POSTERIOR_RTOL, abs_tol=1e-12)

        if not raised and all(same(v, _bayes(*args)) for args, v in got):
            return (f"right on all {len(_POSTERIOR_PROBES)} probes, from prior 0 to prior 1, including prior 1e-6: "
                    f"posterior(0.01, 0.95, 0.90) = {got[0][1]:.4f}.")
        for args, failure in raised:
            if 0 < args[0] < 1:
                raise failure
        inner = [(args, v) for args, v in got if 0 < args[0] < 1]
        # A mistake is named from the priors strictly between 0 and 1, where each differs from the answer.
        for wrong, message in POSTERIOR_MISTAKES:
            if all(same(v, quietly(wrong, *args)) for args, v in inner):
                raise Failure(message)
        for args, failure in raised:
            raise Failure(f"{failure}. With prior {args[0]:g}, P(positive) = "
                          f"{args[1] * args[0] + (1 - args[2]) * (1 - args[0]):g} is not 0, and the "
                          f"posterior is {_bayes(*args):g}; divide by P(positive) only.")
        for args, value in got:
            want = _bayes(*args)
            shown = f"posterior({args[0]:g}, {args[1]:g}, {args[2]:g})"
            if not np.isfinite(value):
                raise Failure(f"{shown} returned {value}; it should be {want:.6g}. With a prior of 0 or 1 "
                              "P(positive) is still positive here, so nothing needs to divide by zero.")
            if not same(value, want):
                raise Failure(f"{shown} returned {value:.6g}; it should be {want:.6g} = "
                              "sensitivity × prior / (sensitivity × prior + (1 − specificity)(1 − prior)).")
        raise AssertionError("unreachable: some probe differs")   # pragma: no cover

    return run("posterior", function, checks)
