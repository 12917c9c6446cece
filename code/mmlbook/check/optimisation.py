"""Checkers for Chapter 11, *Optimisation: Newton-Raphson, gradient descent, Lagrange multipliers*.

The reader writes

* ``hybrid_minimise(gradient, hessian, x0, lr, tol, max_iter)``: Newton's step
  :math:`\\mathbf{x} - \\mathbf{H}^{-1}\\nabla f` where the Hessian is positive
  definite, a gradient step :math:`\\mathbf{x} - \\eta\\nabla f` elsewhere, until
  :math:`\\lVert\\nabla f(\\mathbf{x}_k)\\rVert \\le \\mathrm{tol}\\,\\lVert\\nabla f(\\mathbf{x}_0)\\rVert`;
  it returns ``(x, steps)`` and raises ``ValueError`` when it has not converged
  after ``max_iter`` steps or has stopped at a point that is not a minimum;
* ``sandpit_strategy(probes, start)``: any strategy that finds a minimum of a
  sandpit by probing depths, gradients and Hessians, played in a tournament.

:func:`hybrid_minimise` runs the reader's function on fixed problems (a
quadratic valley, DeepLearning.AI's quartic, a double well with a saddle at the
origin, an egg crate with a maximum at the origin, x³ + y² whose stationary point
has a singular Hessian, a saddle with a positive diagonal, and problems with
heights scaled by 1e±6 and lengths by 1e-3 and 1e6) and compares outcome, point and step count with the contract's;
when they differ it compares with typical mistakes and names the one it finds.
:func:`sandpit_strategy` plays the reader's strategy on seeded sandpits and
reports a table. The probes object a strategy is handed has no attribute that
leads to the surface or to the counts the tournament scores.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..surfaces import OutOfProbes, SealedProbes, Surface, ledger, sandpit, stationary_points, stationary_type
from .._validate import as_callable
from ._core import Failure, Result, as_result_array, run

__all__ = ["hybrid_minimise", "sandpit_strategy"]


# ---------------------------------------------------------------------------------------------
# hybrid_minimise
# ---------------------------------------------------------------------------------------------

def _double_well() -> Surface:
    """(x^2 - 1)^2 / 4 + (y - x/2)^2: minima at ±(1, 0.5), a saddle exactly at the origin."""
    return Surface(
        "double well",
        lambda x, y: (x ** 2 - 1) ** 2 / 4 + (y - x / 2) ** 2,
        lambda x, y: np.stack([x * (x ** 2 - 1) - (y - x / 2), 2 * (y - x / 2)], axis=-1),
        lambda x, y: np.stack([np.stack([3 * x ** 2 - 0.5, -1.0 + 0 * x], axis=-1),
                               np.stack([-1.0 + 0 * x, 2.0 + 0 * x], axis=-1)], axis=-2),
        bounds=(-2.0, 2.0, -2.0, 2.0), formula=r"(x^2-1)^2/4 + (y-x/2)^2")


def _egg_crate() -> Surface:
    """cos x + cos y: a maximum exactly at the origin, minima at (±pi, ±pi)."""
    return Surface(
        "egg crate",
        lambda x, y: np.cos(x) + np.cos(y),
        lambda x, y: np.stack([-np.sin(x), -np.sin(y)], axis=-1),
        lambda x, y: np.stack([np.stack([-np.cos(x), 0 * x], axis=-1),
                               np.stack([0 * y, -np.cos(y)], axis=-1)], axis=-2),
        bounds=(-4.0, 4.0, -4.0, 4.0), formula=r"\cos x + \cos y")


def _cubic_trough() -> Surface:
    """x^3 + y^2: at the origin the gradient is zero and H = diag(0, 2) is singular; no minimum there."""
    return Surface(
        "cubic trough",
        lambda x, y: x ** 3 + y ** 2,
        lambda x, y: np.stack([3 * x ** 2, 2 * y], axis=-1),
        lambda x, y: np.stack([np.stack([6 * x, 0 * x], axis=-1),
                               np.stack([0 * y, 2.0 + 0 * y], axis=-1)], axis=-2),
        bounds=(-1.0, 1.0, -1.0, 1.0), formula=r"x^3 + y^2")


def _tilted_saddle() -> Surface:
    """x^2 + 4xy + y^2: a saddle at the origin whose Hessian [[2, 4], [4, 2]] has a positive diagonal and trace."""
    return Surface(
        "tilted saddle",
        lambda x, y: x ** 2 + 4 * x * y + y ** 2,
        lambda x, y: np.stack([2 * x + 4 * y, 4 * x + 2 * y], axis=-1),
        lambda x, y: np.stack([np.stack([2.0 + 0 * x, 4.0 + 0 * x], axis=-1),
                               np.stack([4.0 + 0 * y, 2.0 + 0 * y], axis=-1)], axis=-2),
        bounds=(-1.0, 1.0, -1.0, 1.0), formula=r"x^2 + 4xy + y^2")


@dataclass(frozen=True)
class _Problem:
    """One call of hybrid_minimise: a surface, a start, a learning rate, a tolerance and a step limit."""

    surface: Surface
    x0: tuple[float, float]
    lr: float
    tol: float
    max_iter: int
    about: str

    def gradient(self, x):
        x = np.asarray(x, dtype=float)
        return self.surface.gradient(x[0], x[1])

    def hessian(self, x):
        x = np.asarray(x, dtype=float)
        return self.surface.hessian(x[0], x[1])


def _problems() -> tuple[_Problem, ...]:
    valley, course, well, egg = sandpit("valley"), sandpit("course"), _double_well(), _egg_crate()
    big = course.scaled(height=1e6, length=1e-3)       # gradients 1e9 times larger
    tiny = well.scaled(height=1e-6, length=1e6)         # gradients 1e-12 times smaller
    return (
        _Problem(valley, (0.0, 0.0), 0.01, 1e-6, 20, "the valley (x-3)² + 25(y-3)² from (0, 0)"),
        _Problem(course, (4.0, 4.0), 0.01, 1e-6, 50, "DeepLearning.AI's quartic from (4, 4)"),
        _Problem(valley, (2.0, 3.0), 0.2, 1e-6, 50, "the valley from (2, 3)"),
        _Problem(valley, (3.0, 3.0), 0.01, 1e-6, 20, "the valley from its minimum (3, 3), where ∇f = 0"),
        _Problem(well, (0.1, 0.0), 0.5, 1e-5, 100, "the double well from (0.1, 0), where H is indefinite"),
        _Problem(egg, (0.3, 2.9), 1.0, 1e-6, 100, "cos x + cos y from (0.3, 2.9), where H is indefinite"),
        _Problem(egg, (0.4, 0.3), 1.0, 1e-6, 100, "cos x + cos y from (0.4, 0.3), where H is negative definite"),
        _Problem(well, (0.0, 0.0), 0.5, 1e-6, 100, "the double well from its saddle (0, 0), where ∇f = 0"),
        _Problem(egg, (0.0, 0.0), 1.0, 1e-6, 100, "cos x + cos y from its maximum (0, 0), where ∇f = 0"),
        _Problem(valley, (0.0, 0.0), 0.01, 1e-6, 1, "the valley from (0, 0) with max_iter = 1 (one Newton step is enough)"),
        _Problem(course, (4.0, 4.0), 0.01, 1e-6, 6, "DeepLearning.AI's quartic from (4, 4) with max_iter = 6 (it needs 7)"),
        _Problem(big, (4e-3, 4e-3), 0.01 * 1e-12, 1e-6, 50,
                 "the quartic with heights x 1e6 and lengths x 1e-3, from (0.004, 0.004)"),
        _Problem(tiny, (1e5, 0.0), 0.5 * 1e18, 1e-5, 100,
                 "the double well with heights x 1e-6 and lengths x 1e6, from (1e5, 0)"),
        _Problem(sandpit(8), (3.6, 2.2), 0.3, 1e-6, 100, "sandpit 8 from (3.6, 2.2)"),
        _Problem(_cubic_trough(), (0.0, 0.0), 0.1, 1e-6, 20,
                 "x³ + y² from (0, 0), where ∇f = 0 and H = diag(0, 2) is singular: not a minimum"),
        _Problem(_tilted_saddle(), (0.0, 0.0), 0.1, 1e-6, 20,
                 "x² + 4xy + y² from its saddle (0, 0), where H = [[2, 4], [4, 2]] has a positive diagonal"),
    )


_PROBLEMS = _problems()


class _Stop(Exception):
    """The contract says: raise ValueError here."""


def _hybrid(p: _Problem, *, newton=lambda H, g: np.linalg.solve(H, g), gd=lambda lr, g: lr * g,
            pd=lambda H: bool(np.all(np.linalg.eigvalsh(H) > 0)), final_check=True, absolute=False,
            count=lambda k: k, checks=0, previous=False, gd_sign=1.0, give_up=False,
            final_pd=None) -> tuple[np.ndarray, int]:
    """The contract, with switches for the mistakes: raises _Stop where it should raise ValueError.

    ``pd`` is the test for a positive definite Hessian that chooses the step, ``final_pd`` (default: the
    same) the one that decides whether the end point is a minimum.
    """
    final_pd = pd if final_pd is None else final_pd
    x = np.array(p.x0, dtype=float)
    old = x.copy()
    reference = 1.0 if absolute else float(np.linalg.norm(p.gradient(x)))
    for k in range(p.max_iter + 1 + checks):
        g = p.gradient(x)
        if np.linalg.norm(g) <= p.tol * reference:
            if final_check and not final_pd(p.hessian(x)):
                raise _Stop("converged to a point that is not a minimum")
            return (old if previous else x), count(k)
        if k >= p.max_iter + checks:
            if give_up:
                return x, k
            break
        H = p.hessian(x)
        old = x
        x = x - newton(H, g) if pd(H) else x - gd_sign * gd(p.lr, g)
    raise _Stop("no convergence")


def _reference(p: _Problem):
    return _outcome_of(lambda: _hybrid(p))


def _outcome_of(thunk: Callable[[], Any]):
    """('raises',) or ('returns', x, steps), computed quietly."""
    with np.errstate(all="ignore"):
        try:
            x, steps = thunk()
        except (_Stop, ValueError, np.linalg.LinAlgError):
            return ("raises",)
    return ("returns", np.asarray(x, dtype=float), int(steps))


def _tr_pd(H):
    return bool(np.trace(H) > 0)


#: (name, how a wrong function behaves, what to tell its author)
HYBRID_MISTAKES: tuple[tuple[str, dict, str], ...] = (
    ("newton sign", {"newton": lambda H, g: -np.linalg.solve(H, g)},
     "Your Newton step has the wrong sign: the step to the minimum of the quadratic model is "
     "x_new = x − H⁻¹∇f(x) (solve H d = ∇f and subtract d), not x + H⁻¹∇f(x)."),
    ("H not inverse", {"newton": lambda H, g: H @ g},
     "Your Newton step multiplies the gradient by H instead of by H⁻¹: the step solves H d = ∇f, "
     "so use d = np.linalg.solve(H, g) (or np.linalg.inv(H) @ g), then x − d."),
    ("no lr", {"gd": lambda lr, g: g},
     "Your gradient step forgets the learning rate: where H is not positive definite the step is "
     "x − lr·∇f(x), not x − ∇f(x)."),
    ("gd sign", {"gd_sign": -1.0},
     "Your gradient step goes uphill: it should be x − lr·∇f(x), not x + lr·∇f(x)."),
    ("always newton", {"pd": lambda H: True},
     "You take Newton's step even where the Hessian is not positive definite. There the quadratic "
     "model has no minimum and Newton's step heads for a saddle or a maximum: test that H is positive "
     "definite (both eigenvalues > 0, or np.linalg.cholesky succeeds) and take a gradient step otherwise."),
    ("det only", {"pd": lambda H: bool(np.linalg.det(H) > 0)},
     "Your test for a positive definite Hessian is det H > 0 alone, which a negative definite H (a maximum "
     "of the model: both eigenvalues negative) also passes. A 2 x 2 H is positive definite when "
     "det H > 0 AND H[0, 0] > 0; or test that every eigenvalue is > 0."),
    ("det >= 0", {"pd": lambda H: bool(np.linalg.det(H) >= 0)},
     "Your test for a positive definite Hessian is det H ≥ 0 alone, which a negative definite H (a maximum of "
     "the model) and a singular one (x³ + y² at the origin, H = diag(0, 2), not a minimum) also pass. "
     "A 2 x 2 H is positive definite when det H > 0 AND H[0, 0] > 0; or test that every eigenvalue is > 0."),
    ("diagonal only", {"pd": lambda H: bool(H[0, 0] > 0 and H[1, 1] > 0)},
     "Your test for a positive definite Hessian looks at the diagonal alone, which an indefinite H such as "
     "[[1, 2], [2, 1]] passes. Test every eigenvalue (np.linalg.eigvalsh(H) > 0), or det H > 0 and H[0, 0] > 0."),
    ("semidefinite", {"pd": lambda H: bool(np.all(np.linalg.eigvalsh(H) >= 0))},
     "Your test for a positive definite Hessian lets an eigenvalue be zero (≥ 0 instead of > 0). Where H is "
     "singular the quadratic model has no unique minimum, and a zero gradient there need not be a minimum: "
     "x³ + y² at the origin has ∇f = 0 and H = diag(0, 2), and it is not a minimum. Test every eigenvalue > 0."),
    ("final det only", {"final_pd": lambda H: bool(np.linalg.det(H) > 0)},
     "Your steps are right, but your final test for a minimum is det H > 0 alone, which a maximum passes "
     "(both eigenvalues negative, as for cos x + cos y at the origin). Test every eigenvalue > 0 there too."),
    ("final diagonal only", {"final_pd": lambda H: bool(H[0, 0] > 0 and H[1, 1] > 0)},
     "Your steps are right, but your final test for a minimum looks at the diagonal of H alone, which a saddle "
     "such as x² + 4xy + y² (H = [[2, 4], [4, 2]], eigenvalues 6 and −2) passes. Test every eigenvalue > 0."),
    ("final trace only", {"final_pd": _tr_pd},
     "Your steps are right, but your final test for a minimum looks at the trace of H alone, which a saddle "
     "such as x² + 4xy + y² (trace 4, eigenvalues 6 and −2) passes. Test every eigenvalue > 0."),
    ("trace only", {"pd": _tr_pd},
     "Your test for a positive definite Hessian looks at the trace alone, which an "
     "indefinite H can pass. Test every eigenvalue (np.linalg.eigvalsh(H) > 0), or det H > 0 and H[0, 0] > 0."),
    ("no final check", {"final_check": False},
     "Your function accepts a point where ∇f = 0 without checking that it is a minimum: started at a saddle "
     "or a maximum it returns it at once. When the gradient test passes, check that H there is positive "
     "definite and raise ValueError if it is not."),
    ("absolute tol", {"absolute": True},
     "Your stopping test is absolute, ‖∇f(x)‖ ≤ tol. Then a function with heights scaled by 1e6 never "
     "stops and one scaled by 1e-6 stops at once. Stop when ‖∇f(x_k)‖ ≤ tol·‖∇f(x_0)‖: relative to the "
     "gradient at the start, so the decision does not depend on the units."),
    ("count plus one", {"count": lambda k: k + 1},
     "Your step count is one too many: steps is the number of updates made, 0 if x0 already passes "
     "the test, 1 after one Newton step."),
    ("count minus one", {"count": lambda k: k - 1},
     "Your step count is one too few: steps is the number of updates made (1 after one Newton step)."),
    ("max_iter too early", {"checks": -1},
     "You give up one step too early: with max_iter steps allowed, test the gradient after the last "
     "step too before raising (a loop of max_iter + 1 gradient tests, max_iter updates)."),
    ("max_iter too late", {"checks": 1},
     "You allow one step more than max_iter: after max_iter updates, test the gradient once more and "
     "raise ValueError if it still fails."),
    ("no raise at max_iter", {"give_up": True},
     "When max_iter steps are not enough your function returns the last x; it should raise ValueError, "
     "so that nobody mistakes an unfinished run for a minimum."),
    ("previous iterate", {"previous": True},
     "You return the iterate before the last update: return the x that passed the gradient test."),
    ("always gradient", {"pd": lambda H: False},
     "Your function never takes Newton's step, only gradient steps, and refuses even a true minimum: "
     "does your test for a positive definite H ever succeed? Where H is positive definite, step "
     "x − H⁻¹∇f(x), and accept the point when the gradient test passes."),
)


def _same(got, want, p: _Problem) -> bool:
    if got[0] != want[0]:
        return False
    if got[0] == "raises":
        return True
    _, x, steps = got
    _, x_ref, steps_ref = want
    scale = float(np.linalg.norm(x_ref) + np.linalg.norm(np.asarray(p.x0) - x_ref))
    scale = scale if scale > 0 else 1.0
    return steps == steps_ref and x.shape == x_ref.shape and bool(np.linalg.norm(x - x_ref) <= 1e-4 * scale)


def _reader_outcome(function: Callable, p: _Problem):
    shown = f"hybrid_minimise(gradient, hessian, x0={list(p.x0)}, lr={p.lr:g}, tol={p.tol:g}, max_iter={p.max_iter})"
    x0 = np.array(p.x0, dtype=float)
    with np.errstate(all="ignore"):
        try:
            # Plain functions, not p's bound methods: the reader's code gets no handle on the problem.
            value = function(lambda x: p.gradient(x), lambda x: p.hessian(x), x0, p.lr, p.tol, p.max_iter)
        except ValueError:  # np.linalg.LinAlgError too: the contract's way of saying "no minimum"
            return ("raises",)
        except Exception as exc:  # the reader's code may raise anything: name it and the call
            raise Failure(f"{shown} raised {type(exc).__name__}: {exc}") from exc
    if value is None:
        raise Failure(f"{shown} returned None: is the return statement missing? Return (x, steps).")
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise Failure(f"{shown} returned {type(value).__name__}; it should return a pair (x, steps).")
    x = as_result_array(value[0], "hybrid_minimise's x", "an array of two numbers")
    if x.shape != (2,):
        raise Failure(f"{shown} returned x of shape {x.shape}; it should be the point, shape (2,).")
    steps = value[1]
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer, float, np.floating)) \
            or not float(steps).is_integer():
        raise Failure(f"{shown} returned steps = {steps!r}; it should be the number of updates, an int.")
    return ("returns", x, int(steps))


def _describe(outcome) -> str:
    if outcome[0] == "raises":
        return "raise ValueError"
    _, x, steps = outcome
    return f"return x = ({x[0]:.6g}, {x[1]:.6g}) after {steps} step{'s' if steps != 1 else ''}"


def _check_hybrid(function: Callable) -> str:
    outcomes = [_reader_outcome(function, p) for p in _PROBLEMS]
    wanted = [_reference(p) for p in _PROBLEMS]
    if all(_same(got, want, p) for got, want, p in zip(outcomes, wanted, _PROBLEMS)):
        return (f"correct on {len(_PROBLEMS)} problems: Newton and gradient steps, starts at a saddle and at "
                "a maximum and at a singular stationary point (raised ValueError), too few steps (raised), exactly "
                "enough steps, and heights scaled by 1e±6 and lengths by 1e-3 and 1e6.")
    for _, switches, message in HYBRID_MISTAKES:
        if all(_same(got, _outcome_of(lambda p=p: _hybrid(p, **switches)), p)
               for got, p in zip(outcomes, _PROBLEMS)):
            raise Failure(message)
    for got, want, p in zip(outcomes, wanted, _PROBLEMS):
        if not _same(got, want, p):
            raise Failure(f"On {p.about} (lr = {p.lr:g}, tol = {p.tol:g}, max_iter = {p.max_iter}) your function "
                          f"should {_describe(want)}, but it would {_describe(got)}. "
                          "Compare your loop with the contract step by step.")
    raise AssertionError("unreachable: some problem differs")  # pragma: no cover


def hybrid_minimise(function: Any) -> Result:
    """Check a reader's ``hybrid_minimise(gradient, hessian, x0, lr, tol, max_iter)``.

    Parameters
    ----------
    function : callable
        ``function(gradient, hessian, x0, lr, tol, max_iter)``, with ``gradient(x)``
        and ``hessian(x)`` functions of a point (shape (2,)) returning shapes (2,)
        and (2, 2). From ``x0`` it repeats: if
        :math:`\\lVert\\nabla f(\\mathbf{x}_k)\\rVert \\le \\mathrm{tol}\\,\\lVert\\nabla f(\\mathbf{x}_0)\\rVert`,
        return ``(x_k, k)`` when :math:`\\mathbf{H}(\\mathbf{x}_k)` is positive
        definite and raise ``ValueError`` when it is not (a saddle or a maximum);
        if k = ``max_iter``, raise ``ValueError``; otherwise take Newton's step
        :math:`\\mathbf{x} - \\mathbf{H}^{-1}\\nabla f` where the Hessian is
        positive definite and the step :math:`\\mathbf{x} - \\mathrm{lr}\\,\\nabla f`
        where it is not.

    Returns
    -------
    Result
        Truthy when the function keeps the contract on every problem; otherwise its
        message names the mistake.

    Raises
    ------
    TypeError
        ``function`` is not callable.

    Examples
    --------
    >>> import numpy as np
    >>> def hybrid(gradient, hessian, x0, lr, tol, max_iter):
    ...     x = np.array(x0, dtype=float)
    ...     g0 = np.linalg.norm(gradient(x))
    ...     for k in range(max_iter + 1):
    ...         g, H = gradient(x), hessian(x)
    ...         positive = np.all(np.linalg.eigvalsh(H) > 0)
    ...         if np.linalg.norm(g) <= tol * g0:
    ...             if not positive:
    ...                 raise ValueError("stopped at a saddle or a maximum")
    ...             return x, k
    ...         if k == max_iter:
    ...             raise ValueError("did not converge")
    ...         x = x - np.linalg.solve(H, g) if positive else x - lr * g
    >>> bool(hybrid_minimise(hybrid))
    True
    """
    return run("hybrid_minimise", function, _check_hybrid)


# ---------------------------------------------------------------------------------------------
# sandpit_strategy: the tournament
# ---------------------------------------------------------------------------------------------

#: Probes (depths, gradients and Hessians together) a strategy may use on one run.
BUDGET = 150
#: A run succeeds when the point returned is within this fraction of the sandpit's width of a true minimum.
DISTANCE = 1e-4


@dataclass(frozen=True)
class _Run:
    surface: Surface
    start: tuple[float, float]


def _runs() -> tuple[_Run, ...]:
    s0, s8, ripples = sandpit(0), sandpit(8), sandpit("ripples")
    return (
        _Run(s0, (1.0, 1.0)),
        _Run(s0, (4.55, 1.72)),                       # 0.05 from the saddle between the two minima
        _Run(s8, (3.3, 2.85)),                        # near sandpit 8's saddle
        _Run(s8, (5.5, 0.5)),
        _Run(ripples, (1.5, 1.6)),                    # next to a maximum
        _Run(ripples, (4.9, 5.1)),                    # next to a saddle
        _Run(sandpit("valley"), (0.5, 5.5)),          # condition number 25
        _Run(sandpit("course"), (4.0, 4.0)),          # DeepLearning.AI's start
        _Run(s8.scaled(height=1e6), (5.5, 0.5)),      # gradients a million times larger
        _Run(s0.scaled(height=1e-6), (1.0, 1.0)),     # a million times flatter
        _Run(sandpit(4).scaled(length=1e-6), (1e-6, 5e-6)),  # a sandpit 6 µm wide: Hessians 1e12 times larger
        _Run(s0.scaled(length=1e6), (1e6, 1e6)),      # 6000 km wide: an absolute step or gradient test never passes
    )


_RUNS = _runs()
_TRUE: dict[int, list] = {}


def _stationary(surface: Surface) -> list:
    found = _TRUE.get(id(surface))
    if found is None:
        found = _TRUE[id(surface)] = stationary_points(surface, n=31)
    return found


def _width(surface: Surface) -> float:
    x0, x1, y0, y1 = surface.bounds
    return max(x1 - x0, y1 - y0)


def _polish(surface: Surface, p: np.ndarray) -> np.ndarray | None:
    """Exact Newton from p to the stationary point next to it, or None if it leaves or does not settle."""
    x = p.copy()
    with np.errstate(all="ignore"):
        for _ in range(50):
            H = surface.hessian(np.float64(x[0]), np.float64(x[1]))
            if not np.all(np.isfinite(H)) or np.linalg.cond(H) > 1e12:
                return None
            step = np.linalg.solve(H, surface.gradient(np.float64(x[0]), np.float64(x[1])))
            x = x - step
            if not np.all(np.isfinite(x)) or not surface.contains(*x):
                return None
            if np.linalg.norm(step) <= 1e-13 * _width(surface):
                return x
    return None


@dataclass(frozen=True)
class _Row:
    surface: str
    start: tuple[float, float]
    probes: int
    point: tuple[float, float] | None
    distance: float
    success: bool
    note: str


def _verdict(surface: Surface, probes: SealedProbes, value: Any) -> tuple[tuple | None, float, bool, str]:
    """(point, distance to the nearest minimum, success, what went wrong) for what a strategy returned."""
    width = _width(surface)
    minima = [s.point for s in _stationary(surface) if s.kind == "minimum"]
    if value is None:
        return None, np.inf, False, "returned None: is the return statement missing? Return the best point (x, y)."
    try:
        p = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None, np.inf, False, f"returned {type(value).__name__}; return the point as (x, y)."
    if p.shape != (2,) or not np.all(np.isfinite(p)):
        return None, np.inf, False, f"returned {np.array2string(p, precision=3)}; return one finite point (x, y)."
    nearest = min(float(np.linalg.norm(p - m)) for m in minima) if minima else np.inf
    if not surface.contains(*p):
        return tuple(p), nearest, False, "returned a point outside the sandpit."
    scale = float(np.ptp(surface.grid(101)[2])) / width
    q = _polish(surface, p)
    if q is not None and np.linalg.norm(q - p) <= DISTANCE * width:
        kind = stationary_type(surface.hessian(np.float64(q[0]), np.float64(q[1])))
        small = np.linalg.norm(surface.gradient(np.float64(q[0]), np.float64(q[1]))) <= 1e-9 * scale
        if kind == "minimum" and small:
            return tuple(p), float(np.linalg.norm(q - p)), True, ""
        if kind in ("saddle", "maximum"):
            ev = np.linalg.eigvalsh(surface.hessian(np.float64(q[0]), np.float64(q[1])))
            return tuple(p), nearest, False, (
                f"stopped at a {kind}: the gradient is zero there but the Hessian's eigenvalues are "
                f"{ev[0]:.3g} and {ev[1]:.3g}, not both positive. Check that H is positive definite before "
                "you stop, and take a downhill step when it is not.")
    note = f"the point is {nearest:.3g} from the nearest minimum; it must be within {DISTANCE * width:.3g}."
    pts = np.array(probes.points) if probes.points else np.empty((0, 2))
    if len(pts) and minima:
        best = min(float(np.min(np.linalg.norm(pts - m, axis=1))) for m in minima)
        if best <= DISTANCE * width:
            note += (" You probed a point close enough to a minimum but returned another: return the best point "
                     "you found (the lowest depth, or the last accepted iterate), not the last point probed.")
    return tuple(p), nearest, False, note


def _play(strategy: Callable, run_: _Run) -> _Row:
    surface = run_.surface
    probes = SealedProbes(surface, budget=BUDGET)
    record = ledger(probes)   # the scorer's counts: nothing the strategy holds can change them
    start = np.array(run_.start, dtype=float)
    with np.errstate(all="ignore"):
        try:
            value = strategy(probes, start.copy())
        except OutOfProbes:
            return _Row(surface.name, run_.start, record.probes.total, None, np.inf, False,
                        f"ran out of probes: the budget is {BUDGET} and it asked for more. Newton's steps need "
                        "far fewer than fixed small gradient steps; and does your stopping test ever pass?")
        except ValueError as exc:
            text = str(exc)
            if "outside the sandpit" in text:
                return _Row(surface.name, run_.start, record.probes.total, None, np.inf, False,
                            f"{text}. That step was too long for this surface (a fixed learning rate on a steep or "
                            "scaled sandpit, or a Newton step where H is not positive definite, can jump out): "
                            "shorten a step, halving it, until the new point is inside and lower.")
            raise Failure(f"sandpit_strategy(probes, start={list(run_.start)}) on {surface.name} raised "
                          f"ValueError: {exc}") from exc
        except Exception as exc:  # the reader's code may raise anything: name it and the call
            raise Failure(f"sandpit_strategy(probes, start={list(run_.start)}) on {surface.name} raised "
                          f"{type(exc).__name__}: {exc}") from exc
    # A strategy that caught OutOfProbes and returned knows no more than its BUDGET answered probes tell
    # it, so its point is judged like any other.
    point, distance, success, note = _verdict(surface, probes, value)
    if record.over_budget and not success:
        note += (f" It also asked for {record.over_budget} probe{'s' if record.over_budget != 1 else ''} after "
                 f"the budget of {BUDGET} was spent (refused): does your stopping test ever pass?")
    return _Row(surface.name, run_.start, record.probes.total, point, distance, success, note)


@dataclass(frozen=True)
class TournamentResult(Result):
    """A :class:`Result` with the tournament's table: one row per run."""

    rows: tuple = ()

    def table(self) -> str:
        """The table as plain text."""
        lines = [f"{'sandpit':<44} {'start':>18} {'probes':>6} {'distance':>9}  result"]
        for r in self.rows:
            start = f"({r.start[0]:g}, {r.start[1]:g})"
            why = r.note.split(". ")[0].split("; ")[0].split(": ")[0]
            lines.append(f"{r.surface:<44} {start:>18} {r.probes:>6} {r.distance:>9.2g}  "
                         f"{'found a minimum' if r.success else 'failed: ' + why}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = super()._repr_html_()
        cells = "".join(
            f"<tr><td>{html.escape(r.surface)}</td><td>({r.start[0]:g}, {r.start[1]:g})</td>"
            f"<td>{r.probes}</td><td>{r.distance:.2g}</td>"
            f"<td>{'✔ found a minimum' if r.success else '✘ ' + html.escape(r.note)}</td></tr>"
            for r in self.rows)
        return (head + "<table><thead><tr><th>sandpit</th><th>start</th><th>probes</th>"
                "<th>distance to a minimum</th><th>result</th></tr></thead><tbody>" + cells + "</tbody></table>")

    def __str__(self) -> str:
        return super().__str__() + "\n" + self.table()

    __repr__ = __str__


def sandpit_strategy(function: Any) -> Result:
    """Play a reader's ``sandpit_strategy(probes, start)`` on twelve runs and report the table.

    Parameters
    ----------
    function : callable
        ``function(probes, start)``: ``start`` is a point (shape (2,)) in the
        sandpit ``probes.bounds = (x0, x1, y0, y1)``; ``probes.depth(x, y)``,
        ``probes.gradient(x, y)`` and ``probes.hessian(x, y)`` each cost one
        probe (``probes.total`` counts them; probing outside the sandpit raises
        ValueError and costs nothing; a probe beyond the budget raises
        :class:`mmlbook.surfaces.OutOfProbes`, which a strategy may catch before
        returning its best point). It returns its best point (x, y).

    Returns
    -------
    Result
        Truthy when every run lands within ``DISTANCE`` (1e-4) times the sandpit's
        width of a true local minimum (zero gradient relative to the sandpit's
        slopes, positive definite Hessian: never a saddle or a maximum) using at
        most ``BUDGET`` (150) probes. Sandpits include saddles and maxima near the
        start, a condition number of 25, DeepLearning.AI's quartic from (4, 4), and
        heights and lengths scaled by 1e6 and 1e-6. Its ``rows`` (and the table it
        displays) give each run's probes, distance and success.

    Raises
    ------
    TypeError
        ``function`` is not callable.
    """
    name = "sandpit_strategy"
    as_callable(name, function)
    try:
        rows = tuple(_play(function, r) for r in _RUNS)
    except Failure as failure:
        return TournamentResult(False, name, str(failure))
    failed = [r for r in rows if not r.success]
    if failed:
        first = failed[0]
        return TournamentResult(False, name, (
            f"{len(failed)} of {len(rows)} runs failed. First, on {first.surface} from "
            f"({first.start[0]:g}, {first.start[1]:g}): {first.note}"), rows)
    used = [r.probes for r in rows]
    return TournamentResult(True, name, (
        f"all {len(rows)} runs found a true minimum (within {DISTANCE:g} of the sandpit's width) with "
        f"{min(used)} to {max(used)} probes ({sum(used)} in all; the budget is {BUDGET} a run)."), rows)
