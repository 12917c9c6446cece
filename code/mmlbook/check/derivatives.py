r"""Checkers for Chapter 7, *Derivatives*: the supplier-mix ("cost minimisation") mini-project.

Buy a share :math:`\omega` of an item from supplier A and :math:`1-\omega` from
supplier B. Month :math:`i` costs :math:`f_i(\omega) = \omega a_i + (1-\omega) b_i`
per item, and the risk to minimise is the variance of that price,

.. math:: C(\omega) = \frac1k \sum_{i=1}^k \big(f_i(\omega) - \bar f(\omega)\big)^2 ,

with :math:`\bar f` the mean over the :math:`k` months. The reader writes

* ``cost_derivative(omega, prices_A, prices_B)``: :math:`C'(\omega) =
  \frac2k \sum_i (f_i - \bar f)(d_i - \bar d)` with :math:`d = a - b`;
* ``optimal_mix(prices_A, prices_B)``: the :math:`\omega \in [0, 1]` that
  minimises :math:`C`.

Each checker calls the reader's function on fixed probes (the chapter's synthetic
prices, the same in millionths and in millions of dollars, a tiny hand-made table,
and the degenerate case where the two prices differ by a constant), compares
with the right answer within a tolerance relative to the data's scale, and when
they differ names the typical mistake that gives the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import datasets
from ._core import Failure, Result, as_result_array, call, quietly, run

__all__ = ["cost_derivative", "optimal_mix"]

# C' is compared with the data's scale 2 (Var a + Var b) (the size of C'' and of
# C' over [0, 1]): 1e-5 of it is far tighter than any mistake below and loose
# enough for a float32 computation (off by up to 2e-6 of it on these probes) or a
# central difference. A forward difference with h below about 1e-5 also passes:
# its error h·Var(a − b) is then no larger than float32's rounding.
_RTOL = 1e-5
# The course finds omega on a grid of step 0.001, which is within 0.0005 of the best omega;
# any method that good passes. 6e-4 leaves room for rounding (a float32 grid) but not for a
# grid of step 0.002 (off by up to 0.001), which the old tolerance of 1e-3 accepted.
_OMEGA_TOL = 6e-4


def _tiny() -> tuple[np.ndarray, np.ndarray]:
    return np.array([4.0, 1.0, 3.0, 6.0]), np.array([2.0, 5.0, 3.0, 4.0])


def _course() -> tuple[np.ndarray, np.ndarray]:
    return datasets.supplier_prices()


def _scaled(c: float) -> Callable[[], tuple[np.ndarray, np.ndarray]]:
    def make() -> tuple[np.ndarray, np.ndarray]:
        a, b = datasets.supplier_prices()
        return a * c, b * c
    make.__name__ = f"prices_times_{c:g}"
    return make


def _short() -> tuple[np.ndarray, np.ndarray]:
    return datasets.supplier_prices(months=24, seed=3)


def _constant_gap() -> tuple[np.ndarray, np.ndarray]:
    """B always costs 7 more than A: every mix has the same variance (C is constant).

    Prices in quarter dollars are exact in binary, so a - b is exactly -7 and Var(a - b) exactly 0.
    """
    a, _ = datasets.supplier_prices()
    a = np.round(a * 4) / 4
    return a, a + 7.0


def _b_follows_a() -> tuple[np.ndarray, np.ndarray]:
    """B swings twice as far as A around the same pattern: the unconstrained minimiser is > 1."""
    a, _ = datasets.supplier_prices(seed=5)
    rng = np.random.default_rng(11)
    base = a - a.mean()
    return 100 + 0.5 * base + rng.normal(0, 0.5, a.size), 110 + base


def _a_follows_b() -> tuple[np.ndarray, np.ndarray]:
    a, b = _b_follows_a()
    return b, a


def _variance(x: np.ndarray) -> float:
    return float(np.mean((x - x.mean()) ** 2))


def _right_derivative(w: float, a: np.ndarray, b: np.ndarray) -> float:
    f = w * a + (1 - w) * b
    d = a - b
    return float(2 * np.mean((f - f.mean()) * (d - d.mean())))


def _cost(w: float, a: np.ndarray, b: np.ndarray) -> float:
    return _variance(w * a + (1 - w) * b)


def _unconstrained(a: np.ndarray, b: np.ndarray) -> float:
    d = a - b
    return float(np.mean((b - b.mean()) * (b - a - (b - a).mean())) / _variance(d))


def _right_mix(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.clip(_unconstrained(a, b), 0.0, 1.0))


def _degenerate(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether a - b is constant up to rounding, so that every omega gives the same cost."""
    return _variance(a - b) <= 1e-20 * (_variance(a) + _variance(b))


# --- cost_derivative ----------------------------------------------------------------

_DERIVATIVE_PROBES = (_course, _tiny, _scaled(1e-6), _scaled(1e6), _short, _constant_gap)
_OMEGAS = (0.0, 0.3, 0.7, 1.0, 1.4)


def _mix(w, a, b):
    return w * a + (1 - w) * b


#: (what a wrong function computes, what to tell its author)
DERIVATIVE_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda w, a, b: _right_derivative(w, a, b) / 2,
     "It is half the derivative: the factor 2 from differentiating the square is missing. "
     "d/dω (f_i − f̄)² = 2 (f_i − f̄) · d/dω (f_i − f̄)."),
    (lambda w, a, b: _right_derivative(w, a, b) * a.size / (a.size - 1),
     "It divides by k − 1 (the sample variance, np.var(..., ddof=1) or np.cov's default) "
     "where C divides by k, the number of months (np.var's default, ddof=0). The minimiser "
     "is the same, but C' is not: use np.mean, or divide by len(prices_A)."),
    (lambda w, a, b: _right_derivative(w, a, b) * a.size,
     "It adds up the terms without dividing by k, the number of months: C is a mean "
     "over the months, so its derivative is too (np.mean, not np.sum)."),
    (lambda w, a, b: -_right_derivative(w, a, b),
     "The sign is wrong. f_i(ω) = ω a_i + (1 − ω) b_i, so df_i/dω = a_i − b_i, not b_i − a_i."),
    (lambda w, a, b: 2 * np.mean(_mix(w, a, b) * (a - b)),
     "It leaves out the mean: it differentiates (1/k) Σ f_i² instead of the variance "
     "(1/k) Σ (f_i − f̄)². Subtract the mean price f̄ before multiplying."),
    (lambda w, a, b: 2 * np.mean(_mix(w, a, b) - np.mean(_mix(w, a, b))),
     "It returns 2·mean(f − f̄), which is always 0: the chain rule's inner derivative is "
     "missing. d/dω (f_i − f̄)² = 2 (f_i − f̄)(a_i − b_i − (ā − b̄)): multiply by a_i − b_i."),
    (lambda w, a, b: _cost(w, a, b),
     "It returns the cost C(ω) itself, the variance of the mixed price, not its derivative dC/dω."),
    (lambda w, a, b: float(np.mean(a - b)),
     "It returns the derivative of the average price, d f̄/dω = mean(a − b). The cost is the "
     "variance of the price, whose derivative is (2/k) Σ (f_i − f̄)(a_i − b_i)."),
    (lambda w, a, b: 2 * _variance(a - b),
     "It returns the second derivative C''(ω) = 2 Var(a − b), the same for every ω. "
     "C'(ω) depends on ω: (2/k) Σ (f_i − f̄)(a_i − b_i)."),
    (lambda w, a, b: -_right_derivative(1 - w, a, b),
     "ω weights supplier B here (f = ω b + (1 − ω) a). In this project ω is the share of "
     "supplier A: f_i(ω) = ω a_i + (1 − ω) b_i."),
    (lambda w, a, b: 2 * np.mean((_mix(w, b, a) - np.mean(_mix(w, b, a))) * (a - b)),
     "Its price f = ω b + (1 − ω) a weights supplier B by ω, but its inner derivative a − b belongs "
     "to f = ω a + (1 − ω) b: the two halves of the chain rule use different mixes. ω is the share "
     "of A, f_i(ω) = ω a_i + (1 − ω) b_i, and then df_i/dω = a_i − b_i."),
    (lambda w, a, b: _right_derivative(w, a, b) / (2 * np.sqrt(_cost(w, a, b))),
     "It is the derivative of the standard deviation √C(ω), not of the variance C(ω): "
     "C'(ω) = (2/k) Σ (f_i − f̄)(a_i − b_i). (Both have the same minimiser, but the project's "
     "cost is the variance.)"),
    (lambda w, a, b: _right_derivative(min(max(w, 0.0), 1.0), a, b),
     "It clips ω to [0, 1] before differentiating: C'(ω) is a formula valid for every ω (the "
     "checker also asks at ω = 1.4). Clip only the final answer of optimal_mix."),
)


def _derivative_output(function: Callable, w: float, make: Callable) -> tuple[float, np.ndarray, np.ndarray]:
    a, b = make()
    given_a, given_b = a.copy(), b.copy()
    value = call(function, "cost_derivative", w, given_a, given_b)
    if not (np.array_equal(given_a, a) and np.array_equal(given_b, b)):
        raise Failure("cost_derivative changed the price arrays it was given: avoid in-place "
                      "operations such as prices_A -= prices_A.mean().")
    out = as_result_array(value, "cost_derivative", "a number")
    if out.size != 1:
        if out.size == a.size:
            raise Failure(f"cost_derivative returned {a.size} numbers, one per month: C'(ω) is one "
                          "number, the mean (np.mean) of the monthly terms.")
        raise Failure(f"cost_derivative should return one number, but it returned shape {out.shape}.")
    result = float(out.reshape(()))
    if not np.isfinite(result):
        raise Failure(f"cost_derivative({w!r}, prices_A, prices_B) returned {result} on the "
                      f"{make.__name__.strip('_')} prices: check what you divide by.")
    return result, a, b


def _constant_factor(outputs: np.ndarray, wanted: np.ndarray, scales: np.ndarray, data: list) -> None:
    """Raise a Failure if the outputs are the right ones times one factor c, or times c·k or c/k."""
    big = np.abs(wanted) > 1e-3 * scales           # where a ratio is well defined
    if big.sum() < 2:
        return
    months = np.array([a.size for _, a, _, _ in data], dtype=float)

    def factor(growth):
        """The c with outputs = c · growth · wanted at every probe, or None."""
        c = np.median(outputs[big] / (growth[big] * wanted[big]))
        if np.all(np.abs(outputs - c * growth * wanted) <= _RTOL * scales * max(1.0, abs(c) * growth.max())):
            return float(c)
        return None

    c = factor(np.ones_like(months))
    if c is not None and not np.isclose(c, 1.0, rtol=1e-4):
        raise Failure(f"It is {c:.4g} times the right C'(ω) at every probe: a constant factor is wrong. "
                      "C'(ω) = (2/k) Σ (f_i − f̄)(a_i − b_i): the 2 comes from differentiating the square, "
                      "the 1/k from the mean over the months.")
    c = factor(months)
    if c is not None:
        raise Failure(f"It is {c:.4g}·k times the right C'(ω), with k the number of months: it adds up the "
                      "monthly terms (np.sum) where C averages them (np.mean), and a constant factor is "
                      "off too. C'(ω) = (2/k) Σ (f_i − f̄)(a_i − b_i).")
    c = factor(1 / months)
    if c is not None:
        raise Failure(f"It is {c:.4g}/k times the right C'(ω), with k the number of months: it divides by "
                      "k twice (np.mean of terms already divided by k, say). C'(ω) = (2/k) Σ (f_i − f̄)(a_i − b_i) "
                      "divides once.")


def _check_derivative(function: Callable) -> str:
    outputs, wanted, scales, data = [], [], [], []
    for make in _DERIVATIVE_PROBES:
        for w in _OMEGAS:
            out, a, b = _derivative_output(function, w, make)
            outputs.append(out)
            wanted.append(_right_derivative(w, a, b))
            scales.append(2 * (_variance(a) + _variance(b)))
            data.append((w, a, b, make))
    outputs, wanted, scales = map(np.array, (outputs, wanted, scales))

    def close(got, want):
        return bool(np.all(np.abs(np.asarray(got) - np.asarray(want)) <= _RTOL * scales))

    course = [i for i, item in enumerate(data) if item[3] is _course]

    if close(outputs, wanted):
        return (f"correct at {len(outputs)} pairs (ω, prices), from prices in millionths to millions of "
                "dollars, including two suppliers whose prices differ by a constant (C' = 0).")
    on_course_data = np.array([_right_derivative(w, *_course()) for w, *_ in data])
    if np.all(np.abs(outputs - on_course_data) <= _RTOL * scales[course[0]]):
        raise Failure("It gives the answer for the chapter's prices whatever prices it is given: "
                      "it ignores prices_A and prices_B (probably it uses global variables).")
    for mistake, message in DERIVATIVE_MISTAKES:
        if close(outputs, [quietly(mistake, w, a, b) for w, a, b, _ in data]):
            raise Failure(message)
    _constant_factor(outputs, wanted, scales, data)
    if np.ptp(outputs[course]) <= _RTOL * scales[course[0]]:
        raise Failure(f"It returns {outputs[course[0]]:.6g} for every ω: it ignores omega "
                      "(perhaps it uses a fixed number or a global variable).")
    # A one-sided difference quotient of the quadratic C is off by exactly h·C''/2 = h·Var(a − b).
    curvature = np.array([_variance(a - b) for _, a, b, _ in data])
    moving = curvature > 1e-12 * scales
    steps = (outputs - wanted)[moving] / curvature[moving]
    if np.ptp(steps) <= 1e-3 * np.max(np.abs(steps)) and np.max(np.abs(steps)) > 0:
        h = float(np.median(steps))
        kind = "forward" if h > 0 else "backward"
        raise Failure(f"It looks like a {kind} difference (C(ω + h) − C(ω))/h with h ≈ {abs(h):.2g}: "
                      f"for this quadratic C its error is h·C''/2 = h·Var(a − b), too large here. "
                      "Use the exact derivative, or a central difference (C(ω + h) − C(ω − h))/(2h).")
    i = int(np.argmax(np.abs(outputs - wanted) / scales))
    w, _, _, make = data[i]
    raise Failure(f"cost_derivative({w!r}, prices_A, prices_B) on the {make.__name__.strip('_')} prices "
                  f"should be {wanted[i]:.6g}, but your function returned {outputs[i]:.6g}. "
                  "Compare your code with C'(ω) = (2/k) Σ (f_i − f̄)(a_i − b_i) term by term.")


def cost_derivative(function: Any) -> Result:
    r"""Check a reader's ``cost_derivative(omega, prices_A, prices_B)``: :math:`C'(\omega)`.

    Parameters
    ----------
    function : callable
        ``function(omega, prices_A, prices_B)`` with ``omega`` a number and the
        prices 1-D arrays of equal length; it should return one number,
        :math:`\frac2k\sum_i (f_i - \bar f)(a_i - b_i)`.

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the mistake.

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> def dL(omega, a, b):
    ...     f = omega * a + (1 - omega) * b
    ...     return 2 * np.mean((f - f.mean()) * (a - b))
    >>> bool(cost_derivative(dL))
    True
    """
    return run("cost_derivative", function, _check_derivative)


# --- optimal_mix ---------------------------------------------------------------------

_MIX_PROBES = (_course, _tiny, _scaled(1e-6), _scaled(1e6), _short, _b_follows_a, _a_follows_b,
               _constant_gap)


def _grid(a, b, step):
    omegas = np.linspace(0, 1, int(round(1 / step)) + 1)
    return omegas, np.array([_cost(w, a, b) for w in omegas])


def _coarse_grid(step: float) -> Callable[[np.ndarray, np.ndarray], float]:
    def search(a: np.ndarray, b: np.ndarray) -> float:
        omegas, costs = _grid(a, b, step)
        return float(omegas[np.argmin(costs)])
    return search


#: (what a wrong function computes, what to tell its author)
MIX_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda a, b: _unconstrained(a, b),
     "It returns the unconstrained minimiser, which can leave [0, 1]: ω > 1 would mean buying a "
     "negative amount from supplier B. C is a convex parabola in ω, so the best ω in [0, 1] is the "
     "unconstrained one clipped to the interval: np.clip(omega, 0, 1)."),
    (lambda a, b: 1 - _right_mix(a, b),
     "It returns the share of supplier B, 1 − ω. ω is the share of A: f = ω a + (1 − ω) b, and "
     "C'(ω) = 0 at ω = Cov(b, b − a) / Var(a − b)."),
    (lambda a, b: float(np.clip(np.var(b) / (np.var(a) + np.var(b)), 0, 1)),
     "It ignores the covariance of the two prices (ω = Var b / (Var a + Var b) assumes they move "
     "independently). They share a market trend: ω = (Var b − Cov(a, b)) / Var(a − b)."),
    (lambda a, b: float(np.clip((np.var(b) - np.cov(a, b)[0, 1])
                                / (np.var(a) + np.var(b) - 2 * np.cov(a, b)[0, 1]), 0, 1)),
     "It mixes two conventions: np.var divides by k but np.cov divides by k − 1 by default. "
     "Use np.cov(a, b, ddof=0)[0, 1] with np.var, or np.cov for all three."),
    (lambda a, b: float(np.argmin(_grid(a, b, 1e-3)[1])),
     "It returns the position of the minimum in the grid (np.argmin), not the value of ω there: "
     "index it, omegas[np.argmin(costs)]."),
    (lambda a, b: _cost(_right_mix(a, b), a, b),
     "It returns the smallest cost C(ω*), the variance of the best mix, not the mix ω* itself."),
    (lambda a, b: float(_grid(a, b, 1e-3)[0][np.argmax(_grid(a, b, 1e-3)[1])]),
     "It maximises the variance (np.argmax): the best mix is where C is smallest, np.argmin."),
    (lambda a, b: 1.0 if np.mean(a) < np.mean(b) else 0.0,
     "It buys everything from the supplier that is cheaper on average. The project minimises "
     "the variance (the risk) of the price, not its mean."),
    *((_coarse_grid(step),
       f"It searches ω on a grid of step {step:g}, too coarse: the answer is only good to "
       f"±{step / 2:g}. Use a step of 0.001 or less, or solve C'(ω) = 0 exactly.")
      for step in (0.1, 0.05, 0.025, 0.02, 0.01, 0.005, 0.0025, 0.002)),
    (lambda a, b: float(np.std(b) / (np.std(a) + np.std(b))),
     "It weights the suppliers by standard deviations, ω = σ_b / (σ_a + σ_b): a rule of thumb, not the "
     "minimiser. Solve C'(ω) = 0: ω = (Var b − Cov(a, b)) / Var(a − b), clipped to [0, 1]."),
)


def _mix_output(function: Callable, make: Callable) -> tuple[float, np.ndarray, np.ndarray]:
    a, b = make()
    value = call(function, "optimal_mix", a.copy(), b.copy())
    out = as_result_array(value, "optimal_mix", "a number")
    if out.size != 1:
        raise Failure(f"optimal_mix should return one number ω, but it returned shape {out.shape}.")
    return float(out.reshape(())), a, b


def _check_mix(function: Callable) -> str:
    results = [_mix_output(function, make) for make in _MIX_PROBES]
    names = [make.__name__.strip("_") for make in _MIX_PROBES]
    outputs = np.array([r[0] for r in results])
    flat = np.array([_degenerate(a, b) for _, a, b in results])
    # Where a - b is constant every omega in [0, 1] is right; 0.5 stands in for "any".
    wanted = np.array([0.5 if f else _right_mix(a, b) for f, (_, a, b) in zip(flat, results)])

    def right(got, i):
        if flat[i]:
            return bool(-_OMEGA_TOL <= got <= 1 + _OMEGA_TOL)
        return bool(abs(got - wanted[i]) <= _OMEGA_TOL)

    wrong = [i for i in range(len(outputs)) if not right(outputs[i], i)]
    if not wrong:
        return (f"correct on {len(outputs)} price tables, including mixes whose unconstrained "
                "optimum lies outside [0, 1] and two suppliers whose prices differ by a constant.")
    # Mistakes are recognised on the tables with one best omega (on the flat one many formulas give 0/0).
    for mistake, message in MIX_MISTAKES:
        # relative for large values: one mistake returns the cost, in dollars squared
        if all(abs((m := quietly(mistake, a, b)) - outputs[i]) <= _OMEGA_TOL * max(1.0, abs(m))
               for i, (_, a, b) in enumerate(results) if not flat[i]):
            raise Failure(message)
    i = wrong[0]
    _, a, b = results[i]
    if flat[i]:
        raise Failure(f"optimal_mix returned {outputs[i]:.6g} when supplier B always costs 7 more than A. "
                      "Then a − b is constant and every ω gives the same variance: any ω in [0, 1] is "
                      "optimal, but the formula ω = Cov(b, b − a) / Var(a − b) is 0/0 there. Test for "
                      "Var(a − b) == 0 (or tiny compared with Var a + Var b) and return, say, 0.5.")
    if not np.isfinite(outputs[i]):
        raise Failure(f"optimal_mix returned {outputs[i]} on the {names[i]} prices: check what you divide by.")
    if not 0 <= outputs[i] <= 1:
        raise Failure(f"optimal_mix returned ω = {outputs[i]:.6g} on the {names[i]} prices, outside [0, 1]: "
                      f"ω is a share of the order. The best ω in [0, 1] there is {wanted[i]:.4f}.")
    raise Failure(f"On the {names[i]} prices the best ω is {wanted[i]:.4f} (C = {_cost(wanted[i], a, b):.6g}), "
                  f"but optimal_mix returned {outputs[i]:.6g} (C = {_cost(outputs[i], a, b):.6g}). "
                  "Check your cost_derivative with check.cost_derivative, then solve C'(ω) = 0.")


def optimal_mix(function: Any) -> Result:
    r"""Check a reader's ``optimal_mix(prices_A, prices_B)``: the share of A in [0, 1] that minimises C.

    Any method is fine (the exact formula, a grid of step 0.001 like the course's,
    Newton's method on :math:`C'`): the answer must be within 0.0006 of the best
    :math:`\omega` (the course's grid is within 0.0005). When :math:`a - b` is constant every :math:`\omega` is best,
    and any value in [0, 1] is accepted.

    Parameters
    ----------
    function : callable
        ``function(prices_A, prices_B)`` with 1-D arrays of equal length; it
        should return one number in [0, 1].

    Returns
    -------
    Result
        Truthy when the function is right; otherwise its message names the mistake.

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> def best(a, b):
    ...     omegas = np.linspace(0, 1, 1001)
    ...     costs = [np.var(w * a + (1 - w) * b) for w in omegas]
    ...     return omegas[np.argmin(costs)]
    >>> bool(optimal_mix(best))
    True
    """
    return run("optimal_mix", function, _check_mix)
