"""Checkers for Chapter 21, *Confidence intervals, hypothesis tests, A/B testing*.

The reader writes, as in the assignment "A/B testing" of DeepLearning.AI's
*Probability & Statistics for Machine Learning & Data Science* (course 3, week 4),

* ``t_confidence_interval(mean, sd, n, level)``: the t interval
  ``mean ± t · sd / sqrt(n)`` for a population mean, ``t`` the ``(1 + level)/2`` quantile
  of Student's t with ``n - 1`` degrees of freedom; returns ``(low, high)`` (or a dict with
  the keys ``"low"``/``"high"`` or ``"lower"``/``"upper"``);
* ``welch_test(mean1, sd1, n1, mean2, sd2, n2)``: Welch's two-sample t-test from summary
  statistics, ``t = (mean1 - mean2) / sqrt(sd1²/n1 + sd2²/n2)``, the Welch–Satterthwaite
  degrees of freedom and the two-sided p-value; returns ``(t, df, p_value)`` (or a dict
  with the keys ``"t"``, ``"df"`` (or ``"dof"``) and ``"p_value"`` (or ``"p"``));
* ``proportion_z_test(successes1, n1, successes2, n2)``: the pooled two-proportion z-test,
  ``z = (p̂1 - p̂2) / sqrt(p̂(1 - p̂)(1/n1 + 1/n2))`` with ``p̂ = (x1 + x2)/(n1 + n2)``, and
  its two-sided p-value; returns ``(z, p_value)`` (or a dict with ``"z"`` and ``"p_value"``);
* ``sample_size_for_margin(sigma, margin, level)``: the smallest whole ``n`` with
  ``z · sigma / sqrt(n) <= margin``, that is ``ceil((z · sigma / margin)²)``, ``z`` the
  ``(1 + level)/2`` normal quantile.

A ``welch_test`` or ``proportion_z_test`` with a parameter named ``alternative`` is also
asked one-sided questions, with SciPy's names: ``"less"`` (H1: group 1's mean or rate is
below group 2's) and ``"greater"``; then the p-value is one tail, not two.

Each checker calls the reader's function on several probes (the course's A/B data, small
samples where t and z differ, equal means, unequal group sizes, data scaled by 1e6 and
1e-6, which must leave t, df, p and n unchanged) and compares with the right answer within
a tolerance relative to the answer's scale, so that loops, dicts and float32 pass, and the
course's ``2 * (1 - cdf(|t|))`` too. When they differ it looks for a typical mistake and
names it, one quantity at a time (the statistic first, then the degrees of freedom, then
the p-value).
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from scipy import special

from ._core import Failure, Result, as_result_array, call, quietly, run

__all__ = ["t_confidence_interval", "welch_test", "proportion_z_test", "sample_size_for_margin"]

_RTOL = 1e-5          # float32 arithmetic stays far below this; every named mistake far above it
_P_ATOL = 1e-12       # the course's 1 - cdf(|t|) loses about 1e-16 absolutely


def _tq(df: float, q: float) -> float:
    return float(special.stdtrit(df, q))


def _zq(q: float) -> float:
    return float(special.ndtri(q))


def _t_tail(df: float, t: float) -> float:
    """P(T_df <= t)."""
    return float(special.stdtr(df, t))


def _numbers(value: Any, name: str, keys: tuple[tuple[str, ...], ...], shape_text: str) -> np.ndarray:
    """The reader's answer as a float array of len(keys); a dict with one of each key tuple is accepted."""
    if isinstance(value, Mapping):
        lowered = {str(k).lower(): v for k, v in value.items()}
        picked = []
        for options in keys:
            found = [k for k in options if k in lowered]
            if not found:
                raise Failure(f"{name} returned a dict with the keys {sorted(map(str, value))}: return "
                              f"{shape_text}, or a dict with the keys "
                              + ", ".join(repr(o[0]) for o in keys))
            picked.append(lowered[found[0]])
        value = picked
    got = as_result_array(value, name, shape_text)
    if got.shape != (len(keys),):
        raise Failure(f"{name} should return {shape_text}, {len(keys)} numbers, but it returned "
                      f"shape {got.shape}")
    if not np.all(np.isfinite(got)):
        raise Failure(f"{name} returned {np.array2string(got, precision=4)}: not all finite")
    return got


def _near(got: float, want: float, scale: float, rtol: float = _RTOL) -> bool:
    return abs(got - want) <= rtol * scale


def _takes_alternative(function: Callable) -> bool:
    try:
        return "alternative" in inspect.signature(function).parameters
    except (TypeError, ValueError):   # builtins and some callables have no signature
        return False


# --- t_confidence_interval ---------------------------------------------------------------------


def _ci_probes() -> list[tuple[float, float, int, float]]:
    """(mean, sd, n, level): small n where t and z, n and n - 1 differ; levels 0.8 to 0.99.

    n = 40, 200 and 2069 with a mean small beside sd make t and z differ by more than the
    tolerance there too, so "z once n >= 30" (or any threshold up to n = 2069) is caught.
    """
    base = [(32.92, 17.54, 2069, 0.95), (10.0, 2.0, 25, 0.95), (5.0, 1.5, 6, 0.90),
            (-3.2, 0.8, 4, 0.99), (100.0, 15.0, 12, 0.80), (0.0, 1.0, 3, 0.95),
            (2.0, 3.0, 40, 0.95), (1.0, 5.0, 200, 0.90), (0.5, 17.54, 2069, 0.95)]
    scaled = [(c * m, c * s, n, lv) for c in (1e6, 1e-6) for m, s, n, lv in base[1:4]]
    return base + scaled


def _interval(mean, half):
    return np.array([mean - half, mean + half])


def _right_ci(mean, sd, n, level):
    return _interval(mean, _tq(n - 1, (1 + level) / 2) * sd / math.sqrt(n))


#: (a wrong interval, what to tell its author)
CI_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda m, s, n, lv: _interval(m, 1.96 * s / math.sqrt(n)),
     "You used z = 1.96 whatever the level and n. The critical value is the (1 + level)/2 quantile "
     "of Student's t with n − 1 degrees of freedom (stats.t.ppf((1 + level) / 2, n - 1)): σ is "
     "estimated by s, and for 90% or 99% even z would not be 1.96."),
    (lambda m, s, n, lv: _interval(m, _zq((1 + lv) / 2) * s / math.sqrt(n)),
     "You used the normal quantile z: σ is unknown and estimated by s, so the critical value is "
     "Student's t with n − 1 degrees of freedom, stats.t.ppf((1 + level) / 2, n - 1), which is larger "
     "than z, most of all for small n (4.30 against 1.96 at n = 3)."),
    (lambda m, s, n, lv: _interval(m, (_zq((1 + lv) / 2) if n >= 30 else _tq(n - 1, (1 + lv) / 2)) * s / math.sqrt(n)),
     "You switched to the normal quantile z for n ≥ 30. The t interval uses Student's t with n − 1 "
     "degrees of freedom at every n (stats.t.ppf((1 + level) / 2, n - 1)); t and z are close for "
     "large n but not equal (2.023 against 1.960 at n = 40, 95%)."),
    (lambda m, s, n, lv: _interval(m, _tq(n - 1, (1 + lv) / 2) * s),
     "You multiplied by the sample standard deviation s instead of the standard error s/√n: the "
     "interval is for the mean, whose spread shrinks like 1/√n."),
    (lambda m, s, n, lv: _interval(m, _tq(n - 1, (1 + lv) / 2) * s / n),
     "You divided s by n instead of √n (the square root is missing): the standard error of the mean "
     "is s/√n."),
    (lambda m, s, n, lv: _interval(m, _tq(n - 1, (1 + lv) / 2) * s / math.sqrt(n - 1)),
     "You divided s by √(n − 1): s already divides by n − 1 inside; the standard error of the mean is s/√n."),
    (lambda m, s, n, lv: _interval(m, _tq(n, (1 + lv) / 2) * s / math.sqrt(n)),
     "You used n degrees of freedom: s estimates σ from n values around their own mean, which "
     "leaves n − 1, so use stats.t.ppf((1 + level) / 2, n - 1)."),
    (lambda m, s, n, lv: _interval(m, _tq(n - 1, lv) * s / math.sqrt(n)),
     "You used the level-quantile t.ppf(level, ...): the interval leaves α = 1 − level outside, α/2 "
     "in each tail, so the critical value is the (1 + level)/2 = 1 − α/2 quantile."),
    (lambda m, s, n, lv: _interval(m, _tq(n - 1, 1 - (1 - lv) / 4) * s / math.sqrt(n)),
     "You halved α twice: the critical value is the 1 − α/2 quantile (0.975 for 95%), not 1 − α/4."),
    (lambda m, s, n, lv: _interval(m, 2 * _tq(n - 1, (1 + lv) / 2) * s / math.sqrt(n)),
     "Your margin is twice too wide: the margin of error is t·s/√n on each side; 2·t·s/√n is the "
     "width of the whole interval."),
    (lambda m, s, n, lv: np.array([m, _tq(n - 1, (1 + lv) / 2) * s / math.sqrt(n)]),
     "You returned (mean, margin): return the interval itself, (mean − margin, mean + margin)."),
    (lambda m, s, n, lv: _right_ci(m, s, n, lv)[::-1],
     "You returned (high, low): return (low, high), the lower end first."),
)


def _check_ci(function: Callable) -> str:
    outputs = []
    for probe in _ci_probes():
        got = _numbers(call(function, "t_confidence_interval", *probe), "t_confidence_interval",
                       (("low", "lower"), ("high", "upper")), "a pair (low, high)")
        outputs.append((probe, got))

    def matches(got, want, probe):
        mean, sd = probe[0], probe[1]
        return all(_near(g, w, abs(mean) + sd) for g, w in zip(got, want))

    if all(matches(got, _right_ci(*p), p) for p, got in outputs):
        return (f"right at {len(outputs)} settings (n = 3 to 2069, levels 80% to 99%, data scaled by "
                "1e±6): x̄ ± t_{n−1, (1+level)/2} · s/√n")
    for wrong, message in CI_MISTAKES:
        if all(matches(got, quietly(wrong, *p), p) for p, got in outputs):
            raise Failure(message)
    for p, got in outputs:
        want = _right_ci(*p)
        if not matches(got, want, p):
            mean, sd, n, level = p
            raise Failure(f"t_confidence_interval(mean={mean:g}, sd={sd:g}, n={n}, level={level:g}) should "
                          f"give ({want[0]:.6g}, {want[1]:.6g}), but it gave ({got[0]:.6g}, {got[1]:.6g})")
    raise AssertionError("unreachable")  # pragma: no cover


def t_confidence_interval(function: Callable) -> Result:
    """Check ``function(mean, sd, n, level)``: the t confidence interval for a population mean.

    ``sd`` is the sample standard deviation (dividing by ``n - 1``); the answer is
    ``(low, high)`` = ``mean ∓ t · sd / sqrt(n)``, ``t`` the ``(1 + level)/2`` quantile of
    Student's t with ``n - 1`` degrees of freedom.

    Examples
    --------
    >>> from scipy import stats
    >>> def interval(mean, sd, n, level):
    ...     margin = stats.t.ppf((1 + level) / 2, n - 1) * sd / n ** 0.5
    ...     return mean - margin, mean + margin
    >>> bool(t_confidence_interval(interval))
    True
    """
    return run("t_confidence_interval", function, _check_ci)


# --- welch_test ----------------------------------------------------------------------------------


def _welch_probes() -> list[tuple[float, float, int, float, float, int]]:
    """(mean1, sd1, n1, mean2, sd2, n2): the course's, small and unequal samples, equal means, scaled."""
    base = [(32.92, 17.54, 2069, 33.83, 18.24, 2117),   # the course's session durations
            (10.0, 2.0, 5, 12.0, 6.0, 8),
            (5.0, 1.0, 10, 5.5, 3.0, 30),
            (0.0, 1.0, 3, 1.2, 1.0, 4),
            (7.0, 2.0, 20, 7.0, 2.5, 15),                  # equal means: t = 0, p = 1
            (3.0, 0.5, 40, 2.0, 2.0, 6),
            (-1.0, 0.3, 12, -1.4, 0.4, 9)]
    scaled = [(c * m1, c * s1, n1, c * m2, c * s2, n2) for c in (1e6, 1e-6)
              for m1, s1, n1, m2, s2, n2 in (base[0], base[1], base[5])]
    return base + scaled


def _welch_parts(m1, s1, n1, m2, s2, n2):
    v1, v2 = s1 * s1 / n1, s2 * s2 / n2
    t = (m1 - m2) / math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    return t, df


def _pooled_parts(m1, s1, n1, m2, s2, n2):
    sp2 = ((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / (n1 + n2 - 2)
    return (m1 - m2) / math.sqrt(sp2 * (1 / n1 + 1 / n2)), n1 + n2 - 2


#: Wrong statistics t(mean1, sd1, n1, mean2, sd2, n2), named when the reader's t is wrong.
WELCH_T_MISTAKES: tuple[tuple[Callable[..., float], str], ...] = (
    (lambda m1, s1, n1, m2, s2, n2: _pooled_parts(m1, s1, n1, m2, s2, n2)[0],
     "Your t uses the pooled variance s_p² = ((n1 − 1)s1² + (n2 − 1)s2²)/(n1 + n2 − 2), Student's "
     "test, which assumes equal variances. Welch's test does not: its standard error is "
     "√(s1²/n1 + s2²/n2)."),
    (lambda m1, s1, n1, m2, s2, n2: -_welch_parts(m1, s1, n1, m2, s2, n2)[0],
     "Your t has the opposite sign: t = (mean1 − mean2)/SE, group 1 (the control) first, as in the course."),
    (lambda m1, s1, n1, m2, s2, n2: (m1 - m2) / math.sqrt(s1 * s1 + s2 * s2),
     "Your denominator √(s1² + s2²) uses the standard deviations of the data, not the standard errors "
     "of the means: divide each variance by its sample size, √(s1²/n1 + s2²/n2)."),
    (lambda m1, s1, n1, m2, s2, n2: (m1 - m2) / (s1 * s1 / n1 + s2 * s2 / n2),
     "The square root is missing: the standard error of mean1 − mean2 is √(s1²/n1 + s2²/n2), "
     "you divided by s1²/n1 + s2²/n2."),
    (lambda m1, s1, n1, m2, s2, n2: (m1 - m2) / math.sqrt(s1 / n1 + s2 / n2),
     "You used the standard deviations where the variances belong: √(s1/n1 + s2/n2) should be "
     "√(s1²/n1 + s2²/n2) (your t changes when the data are rescaled, which t must not)."),
    (lambda m1, s1, n1, m2, s2, n2: (m1 - m2) / (s1 / math.sqrt(n1) + s2 / math.sqrt(n2)),
     "You added the standard errors s1/√n1 + s2/√n2: variances add for independent means, standard "
     "errors do not, so SE = √(s1²/n1 + s2²/n2)."),
    (lambda m1, s1, n1, m2, s2, n2: (m1 - m2) / math.sqrt(s1 * s1 / (n1 - 1) + s2 * s2 / (n2 - 1)),
     "You divided the variances by n − 1: s1 and s2 already divide by n − 1 inside; the standard "
     "error is √(s1²/n1 + s2²/n2)."),
)

#: Wrong degrees of freedom, named when t is right and df is wrong.
WELCH_DF_MISTAKES: tuple[tuple[Callable[..., float], str], ...] = (
    (lambda m1, s1, n1, m2, s2, n2: n1 + n2 - 2,
     "Your degrees of freedom are n1 + n2 − 2, Student's pooled test's. Welch's test uses the "
     "Welch–Satterthwaite df = (v1 + v2)² / (v1²/(n1 − 1) + v2²/(n2 − 1)) with vᵢ = sᵢ²/nᵢ."),
    (lambda m1, s1, n1, m2, s2, n2: min(n1, n2) - 1,
     "Your degrees of freedom are min(n1, n2) − 1, the conservative textbook shortcut. Use the "
     "Welch–Satterthwaite df = (v1 + v2)² / (v1²/(n1 − 1) + v2²/(n2 − 1)) with vᵢ = sᵢ²/nᵢ."),
    (lambda m1, s1, n1, m2, s2, n2: (s1**2 / n1 + s2**2 / n2) ** 2 / ((s1**2 / n1) ** 2 / n1 + (s2**2 / n2) ** 2 / n2),
     "Your df divides by n1 and n2 in the denominator: it is (v1²/(n1 − 1) + v2²/(n2 − 1)), with n − 1."),
    (lambda m1, s1, n1, m2, s2, n2: (s1**2 / n1 + s2**2 / n2) / ((s1**2 / n1) ** 2 / (n1 - 1) + (s2**2 / n2) ** 2 / (n2 - 1)),
     "The numerator of your df is not squared: df = (v1 + v2)² / (v1²/(n1 − 1) + v2²/(n2 − 1))."),
    (lambda m1, s1, n1, m2, s2, n2: (s1 / n1 + s2 / n2) ** 2 / ((s1 / n1) ** 2 / (n1 - 1) + (s2 / n2) ** 2 / (n2 - 1)),
     "Your df uses vᵢ = sᵢ/nᵢ: it should be the variance of each mean, vᵢ = sᵢ²/nᵢ."),
    (lambda *p: math.floor(_welch_parts(*p)[1]),
     "You rounded the Welch–Satterthwaite df down to a whole number, as printed t tables need. "
     "stats.t accepts any positive df: keep (v1 + v2)² / (v1²/(n1 − 1) + v2²/(n2 − 1)) as it is."),
)

def _p_mistakes(tail: Callable[[Any, float], float], x: str, normal_for_t: bool):
    """Wrong two-sided p-values p(statistic, df), worded for the statistic x ("t" or "z").

    ``tail(df, s)`` is P(X <= s) under H0 (Student's t with df, or the standard normal,
    which ignores df); they are named when the statistic (and df) are right.
    """
    X = x.upper()
    mistakes = [
        (lambda s, df: tail(df, -abs(s)),
         f"Your p-value is one tail, P({X} ≥ |{x}|): the test is two-sided (H1: the two groups differ, in "
         f"either direction), so double it: p = 2·P({X} ≥ |{x}|)."),
        (lambda s, df: tail(df, s),
         f"Your p-value is P({X} ≤ {x}), a one-sided p-value for H1: group 1 below group 2. The question "
         f"is two-sided: p = 2·P({X} ≥ |{x}|) = 2·(1 − cdf(|{x}|))."),
        (lambda s, df: 1 - tail(df, s),
         f"Your p-value is P({X} ≥ {x}), a one-sided p-value for H1: group 1 above group 2. The question "
         f"is two-sided: p = 2·P({X} ≥ |{x}|) = 2·(1 − cdf(|{x}|))."),
        (lambda s, df: 2 * (1 - tail(df, s)),
         f"You doubled 1 − cdf({x}) without the absolute value: for a negative {x} that exceeds 1. "
         f"Use p = 2·(1 − cdf(|{x}|))."),
        (lambda s, df: 1 - 2 * tail(df, -abs(s)),
         f"You returned 1 − p: the p-value is the probability, under H0, of a statistic at least as "
         f"extreme as the one seen, 2·P({X} ≥ |{x}|), small when {x} is far from 0."),
        (lambda s, df: 4 * tail(df, -abs(s)),
         f"You doubled twice: p = 2·P({X} ≥ |{x}|)."),
    ]
    if normal_for_t:
        mistakes.append(
            (lambda s, df: 2 * float(special.ndtr(-abs(s))),
             "Your p-value comes from the normal distribution: the statistic has Student's t distribution "
             "with the Welch–Satterthwaite df, so use stats.t.cdf(|t|, df), not stats.norm.cdf."))
    return tuple(mistakes)


def _one_sided_message(alternative: str, statistic: str) -> str:
    side = "below" if alternative == "less" else "above"
    cdf = f"cdf({statistic})" if alternative == "less" else f"1 − cdf({statistic})"
    return (f"Asked alternative={alternative!r} (H1: group 1's value is {side} group 2's), your p-value is "
            f"not the one tail {cdf}: a one-sided p-value counts only the direction H1 names, and is "
            "not doubled.")


def _test_outputs(function, name, probes, keys, shape_text, alternatives):
    outputs = []
    for probe in probes:
        for alternative in alternatives:
            kwargs = {} if alternative is None else {"alternative": alternative}
            got = _numbers(call(function, name, *probe, **kwargs), name, keys, shape_text)
            outputs.append((probe, alternative, got))
    return outputs


def _check_welch(function: Callable) -> str:
    alternatives = (None, "two-sided", "less", "greater") if _takes_alternative(function) else (None,)
    outputs = _test_outputs(function, "welch_test", _welch_probes(),
                            (("t", "t_statistic", "statistic"), ("df", "dof", "degrees_of_freedom"),
                             ("p_value", "p", "pvalue", "p-value")),
                            "a triple (t, df, p_value)", alternatives)
    every = [(p, got) for p, _, got in outputs]      # t and df do not depend on the alternative
    t_ok = lambda got, want: _near(got, want, max(abs(want), 1e-3))   # noqa: E731

    # 1. The statistic.
    if not all(t_ok(got[0], _welch_parts(*p)[0]) for p, got in every):
        for wrong, message in WELCH_T_MISTAKES:
            if all(t_ok(got[0], quietly(wrong, *p)) for p, got in every):
                raise Failure(message)
        _first_wrong(every, 0, lambda p: _welch_parts(*p)[0], "t", "welch_test", t_ok, _welch_call)
    # 2. The degrees of freedom.
    df_ok = lambda got, want: _near(got, want, want, 1e-4)   # noqa: E731
    if not all(df_ok(got[1], _welch_parts(*p)[1]) for p, got in every):
        for wrong, message in WELCH_DF_MISTAKES:
            if all(df_ok(got[1], quietly(wrong, *p)) for p, got in every):
                raise Failure(message)
        _first_wrong(every, 1, lambda p: _welch_parts(*p)[1], "df", "welch_test", df_ok, _welch_call)
    # 3. The p-value, two-sided, then one-sided if asked.
    _check_p(outputs, lambda p: _welch_parts(*p)[0], lambda p: _welch_parts(*p)[1], "t", "welch_test",
             _welch_call)
    asked = "two-sided and one-sided ('less', 'greater')" if len(alternatives) > 1 else "two-sided"
    return (f"right on {len(_welch_probes())} pairs of samples (the course's, n = 3 to 2117, equal means, data "
            f"scaled by 1e±6), {asked}: t = (x̄1 − x̄2)/√(s1²/n1 + s2²/n2), Welch–Satterthwaite df")


def _p_ok(got: float, want: float) -> bool:
    return abs(got - want) <= 1e-4 * want + _P_ATOL


def _check_p(outputs, statistic_of, df_of, x: str, name: str, show: Callable) -> None:
    """Compare the p-values (each output's last entry) with the right ones, given a right statistic.

    ``df_of(probe)`` is the degrees of freedom for a t-test and None for a z-test.
    """
    if df_of(outputs[0][0]) is None:
        tail = lambda df, s: float(special.ndtr(s))   # noqa: E731
    else:
        tail = _t_tail

    def right_p(probe, alternative):
        s, df = statistic_of(probe), df_of(probe)
        if alternative == "less":
            return tail(df, s)
        if alternative == "greater":
            return tail(df, -s)
        return 2 * tail(df, -abs(s))

    two_sided = [(pr, got) for pr, alt, got in outputs if alt in (None, "two-sided")]
    if not all(_p_ok(got[-1], right_p(pr, None)) for pr, got in two_sided):
        for wrong, message in _p_mistakes(tail, x, normal_for_t=tail is _t_tail):
            if all(_p_ok(got[-1], quietly(wrong, statistic_of(pr), df_of(pr))) for pr, got in two_sided):
                raise Failure(message)
        _first_wrong(two_sided, -1, lambda pr: right_p(pr, None), "p_value", name, _p_ok, show)
    for alternative in ("less", "greater"):
        asked = [(pr, got) for pr, alt, got in outputs if alt == alternative]
        if not asked or all(_p_ok(got[-1], right_p(pr, alternative)) for pr, got in asked):
            continue
        if all(_p_ok(got[-1], right_p(pr, None)) for pr, got in asked):
            raise Failure(f"Asked alternative={alternative!r}, your function returned the two-sided "
                          "p-value: a one-sided test counts only the tail H1 names, "
                          + ("cdf(" if alternative == "less" else "1 − cdf(") + f"{x}), not doubled.")
        other = "greater" if alternative == "less" else "less"
        if all(_p_ok(got[-1], right_p(pr, other)) for pr, got in asked):
            raise Failure(f"Asked alternative={alternative!r}, you returned the other tail: 'less' means "
                          f"H1: group 1 below group 2, p = P({x.upper()} ≤ {x}); 'greater' means "
                          f"p = P({x.upper()} ≥ {x}).")
        raise Failure(_one_sided_message(alternative, x))


def _welch_call(p) -> str:
    m1, s1, n1, m2, s2, n2 = p
    return f"welch_test({m1:g}, {s1:g}, {n1}, {m2:g}, {s2:g}, {n2})"


def _first_wrong(outputs, index, right, what, name, ok, show):
    for p, got in outputs:
        want = right(p)
        if not ok(got[index], want):
            raise Failure(f"{show(p)} should give {what} = {want:.6g}, but it gave {got[index]:.6g}")
    raise AssertionError("unreachable")  # pragma: no cover


def welch_test(function: Callable) -> Result:
    """Check ``function(mean1, sd1, n1, mean2, sd2, n2)``: Welch's t-test from summary statistics.

    The answer is ``(t, df, p_value)`` with ``t = (mean1 - mean2) / sqrt(sd1²/n1 + sd2²/n2)``,
    the Welch–Satterthwaite ``df`` and the two-sided p-value. A function with an
    ``alternative`` parameter is also asked ``"less"`` and ``"greater"``.

    Examples
    --------
    >>> from scipy import stats
    >>> def welch(m1, s1, n1, m2, s2, n2):
    ...     v1, v2 = s1**2 / n1, s2**2 / n2
    ...     t = (m1 - m2) / (v1 + v2) ** 0.5
    ...     df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
    ...     return t, df, 2 * stats.t.sf(abs(t), df)
    >>> bool(welch_test(welch))
    True
    """
    return run("welch_test", function, _check_welch)


# --- proportion_z_test ---------------------------------------------------------------------------


def _prop_probes() -> list[tuple[int, int, int, int]]:
    """(successes1, n1, successes2, n2): the course's conversions, unequal sizes, equal rates, small counts."""
    return [(576, 4632, 718, 4728),     # the course's conversions
            (30, 200, 45, 180),
            (12, 40, 30, 300),
            (50, 100, 50, 100),          # equal rates: z = 0, p = 1
            (5, 60, 1, 80),
            (900, 1000, 1020, 1200),
            (3, 10, 9, 12)]


def _prop_z(x1, n1, x2, n2):
    p = (x1 + x2) / (n1 + n2)
    return (x1 / n1 - x2 / n2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))


#: Wrong statistics z(x1, n1, x2, n2), named when the reader's z is wrong.
Z_MISTAKES: tuple[tuple[Callable[..., float], str], ...] = (
    (lambda x1, n1, x2, n2: (x1 / n1 - x2 / n2) / math.sqrt(x1 / n1 * (1 - x1 / n1) / n1 + x2 / n2 * (1 - x2 / n2) / n2),
     "Your standard error is unpooled, √(p̂1(1 − p̂1)/n1 + p̂2(1 − p̂2)/n2). The test asks for the "
     "pooled one: under H0 both groups share one rate, estimated by p̂ = (x1 + x2)/(n1 + n2), so "
     "SE = √(p̂(1 − p̂)(1/n1 + 1/n2))."),
    (lambda x1, n1, x2, n2: _avg_pooled(x1, n1, x2, n2),
     "Your pooled rate is the average of the two rates, (p̂1 + p̂2)/2: pool the counts, "
     "p̂ = (x1 + x2)/(n1 + n2), which weights each group by its size."),
    (lambda x1, n1, x2, n2: -_prop_z(x1, n1, x2, n2),
     "Your z has the opposite sign: z = (p̂1 − p̂2)/SE, group 1 (the control) first, as in the course."),
    (lambda x1, n1, x2, n2: _prop_z(x1, n1, x2, n2) / math.sqrt(_se2(x1, n1, x2, n2)),
     "The square root is missing: SE = √(p̂(1 − p̂)(1/n1 + 1/n2)); you divided by p̂(1 − p̂)(1/n1 + 1/n2)."),
    (lambda x1, n1, x2, n2: (x1 / n1 - x2 / n2) / math.sqrt(_pool(x1, n1, x2, n2) * (1 - _pool(x1, n1, x2, n2))),
     "Your denominator √(p̂(1 − p̂)) is the standard deviation of a single conversion, not the standard "
     "error of p̂1 − p̂2: multiply p̂(1 − p̂) by (1/n1 + 1/n2) under the square root."),
    (lambda x1, n1, x2, n2: (x1 / n1 - x2 / n2) / math.sqrt(_pool(x1, n1, x2, n2) * (1 - _pool(x1, n1, x2, n2)) / (n1 + n2)),
     "Your standard error uses 1/(n1 + n2): the variance of p̂1 − p̂2 is p̂(1 − p̂)(1/n1 + 1/n2), a "
     "sum of one term per group."),
    (lambda x1, n1, x2, n2: (x1 - x2) / math.sqrt(_se2(x1, n1, x2, n2)),
     "Your numerator is the difference of the counts x1 − x2: the test compares rates, "
     "p̂1 − p̂2 = x1/n1 − x2/n2."),
)


def _pool(x1, n1, x2, n2):
    return (x1 + x2) / (n1 + n2)


def _se2(x1, n1, x2, n2):
    p = _pool(x1, n1, x2, n2)
    return p * (1 - p) * (1 / n1 + 1 / n2)


def _avg_pooled(x1, n1, x2, n2):
    p = (x1 / n1 + x2 / n2) / 2
    return (x1 / n1 - x2 / n2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))


def _prop_call(p) -> str:
    return "proportion_z_test({}, {}, {}, {})".format(*p)


def _check_prop(function: Callable) -> str:
    alternatives = (None, "two-sided", "less", "greater") if _takes_alternative(function) else (None,)
    outputs = _test_outputs(function, "proportion_z_test", _prop_probes(),
                            (("z", "z_statistic", "statistic"), ("p_value", "p", "pvalue", "p-value")),
                            "a pair (z, p_value)", alternatives)
    every = [(p, got) for p, _, got in outputs]      # z does not depend on the alternative
    z_ok = lambda got, want: _near(got, want, max(abs(want), 1e-3))   # noqa: E731
    if not all(z_ok(got[0], _prop_z(*p)) for p, got in every):
        for wrong, message in Z_MISTAKES:
            if all(z_ok(got[0], quietly(wrong, *p)) for p, got in every):
                raise Failure(message)
        _first_wrong(every, 0, lambda p: _prop_z(*p), "z", "proportion_z_test", z_ok, _prop_call)
    _check_p(outputs, lambda p: _prop_z(*p), lambda p: None, "z", "proportion_z_test", _prop_call)
    asked = "two-sided and one-sided ('less', 'greater')" if len(alternatives) > 1 else "two-sided"
    return (f"right on {len(_prop_probes())} pairs of groups (the course's conversions, unequal sizes, equal "
            f"rates, 1 to 1020 successes), {asked}: z = (p̂1 − p̂2)/√(p̂(1 − p̂)(1/n1 + 1/n2)), pooled p̂")


def proportion_z_test(function: Callable) -> Result:
    """Check ``function(successes1, n1, successes2, n2)``: the pooled two-proportion z-test.

    The answer is ``(z, p_value)`` with ``z = (p̂1 - p̂2) / sqrt(p̂(1 - p̂)(1/n1 + 1/n2))``,
    ``p̂`` the pooled rate, and the two-sided p-value. A function with an
    ``alternative`` parameter is also asked ``"less"`` and ``"greater"``.

    Examples
    --------
    >>> from scipy import stats
    >>> def z_test(x1, n1, x2, n2):
    ...     p = (x1 + x2) / (n1 + n2)
    ...     z = (x1 / n1 - x2 / n2) / (p * (1 - p) * (1 / n1 + 1 / n2)) ** 0.5
    ...     return z, 2 * stats.norm.sf(abs(z))
    >>> bool(proportion_z_test(z_test))
    True
    """
    return run("proportion_z_test", function, _check_prop)


# --- sample_size_for_margin --------------------------------------------------------------------


def _size_probes() -> list[tuple[float, float, float]]:
    """(sigma, margin, level): (zσ/E)² is never within 2e-4 of itself of a whole number, so z from a table
    (1.645, 1.96, 2.576 for 90%, 95%, 99%, within 1.8e-4 of the squared quantile) gives the same n."""
    base = [(15.0, 2.0, 0.95), (17.54, 1.5, 0.95), (10.0, 1.5, 0.90), (3.0, 0.25, 0.99),
            (8.0, 3.0, 0.80), (1.0, 0.1, 0.95), (2.0, 1.0, 0.99)]
    return base + [(c * s, c * e, lv) for c in (1e6, 1e-6) for s, e, lv in base[:3]]


def _exact_size(sigma, margin, level):
    return (_zq((1 + level) / 2) * sigma / margin) ** 2


def _right_size(sigma, margin, level):
    return math.ceil(_exact_size(sigma, margin, level))


#: (a wrong sample size, what to tell its author)
SIZE_MISTAKES: tuple[tuple[Callable[..., float], str], ...] = (
    (lambda s, e, lv: math.floor(_exact_size(s, e, lv)),
     "You rounded down: with n = floor((zσ/E)²) the margin z·σ/√n is a little larger than E. Round up, "
     "math.ceil, to the smallest n whose margin is at most E."),
    (lambda s, e, lv: round(_exact_size(s, e, lv)),
     "You rounded to the nearest whole number: when (zσ/E)² has a fractional part below 0.5 that rounds "
     "down and the margin exceeds E. Round up with math.ceil."),
    (lambda s, e, lv: _exact_size(s, e, lv),
     "Your n is not a whole number: you cannot observe a fraction of a unit. Round (zσ/E)² up with "
     "math.ceil."),
    (lambda s, e, lv: math.ceil(_zq((1 + lv) / 2) * s / e),
     "You forgot to square: the margin z·σ/√n ≤ E gives √n ≥ zσ/E, so n ≥ (zσ/E)²."),
    (lambda s, e, lv: math.ceil((_zq(lv) * s / e) ** 2),
     "You used the level-quantile z = norm.ppf(level) (1.645 for 95%): a two-sided interval leaves "
     "α/2 in each tail, so z is the (1 + level)/2 quantile (1.96 for 95%)."),
    (lambda s, e, lv: math.ceil((1.96 * s / e) ** 2),
     "You used z = 1.96 whatever the level: z is the (1 + level)/2 normal quantile, "
     "norm.ppf((1 + level) / 2) (1.645 for 90%, 2.576 for 99%)."),
    (lambda s, e, lv: math.ceil((_zq((1 + lv) / 2) * e / s) ** 2),
     "You inverted σ/E: n = (zσ/E)² grows with the spread σ and with a smaller margin E."),
    (lambda s, e, lv: math.ceil((2 * _zq((1 + lv) / 2) * s / e) ** 2),
     "You treated E as the full width of the interval: the margin of error is the half-width, "
     "z·σ/√n ≤ E, so n = (zσ/E)², not (2zσ/E)²."),
    (lambda s, e, lv: math.ceil((_zq((1 + lv) / 2) * s * s / e) ** 2),
     "You used the variance σ² where the standard deviation σ belongs: n = (zσ/E)² (yours changes "
     "when σ and E are rescaled together, which n must not)."),
)


def _check_size(function: Callable) -> str:
    outputs = []
    for probe in _size_probes():
        value = call(function, "sample_size_for_margin", *probe)
        if isinstance(value, (bool, np.bool_)):
            raise Failure("sample_size_for_margin returned a bool: return the sample size n, a whole number")
        got = as_result_array(value, "sample_size_for_margin", "a whole number")
        if got.shape not in ((), (1,)):
            raise Failure(f"sample_size_for_margin should return one number, n, but it returned shape {got.shape}")
        outputs.append((probe, float(got.reshape(-1)[0])))
    if all(got == _right_size(*p) for p, got in outputs):
        return (f"right at {len(outputs)} settings (levels 80% to 99%, σ and E scaled by 1e±6): "
                "n = ⌈(zσ/E)²⌉")
    for wrong, message in SIZE_MISTAKES:
        if all(math.isclose(got, quietly(wrong, *p), rel_tol=1e-9) for p, got in outputs):
            raise Failure(message)
    for p, got in outputs:
        if got != _right_size(*p):
            sigma, margin, level = p
            raise Failure(f"sample_size_for_margin(sigma={sigma:g}, margin={margin:g}, level={level:g}) should "
                          f"give {_right_size(*p)} (= ⌈{_exact_size(*p):.4f}⌉), but it gave {got:g}")
    raise AssertionError("unreachable")  # pragma: no cover


def sample_size_for_margin(function: Callable) -> Result:
    """Check ``function(sigma, margin, level)``: the smallest n giving a z interval no wider than ``± margin``.

    The answer is ``ceil((z · sigma / margin)**2)`` with ``z`` the ``(1 + level)/2``
    normal quantile, a whole number.

    Examples
    --------
    >>> import math
    >>> from scipy import stats
    >>> def size(sigma, margin, level):
    ...     return math.ceil((stats.norm.ppf((1 + level) / 2) * sigma / margin) ** 2)
    >>> bool(sample_size_for_margin(size))
    True
    """
    return run("sample_size_for_margin", function, _check_size)
