r"""Checkers for Chapter 8, *Partial derivatives, Jacobians, Hessians: the Sandpit*.

The reader writes

* ``estimate_gradient(depth, x, y, h)``: the gradient
  :math:`(\partial f/\partial x, \partial f/\partial y)` at (x, y) from depth
  readings ``depth(x', y')`` only, with the step ``h`` it is given;
* ``classify_stationary(H)``: ``"minimum"``, ``"maximum"``, ``"saddle"`` or
  ``"degenerate"`` for the 2 x 2 Hessian ``H`` at a stationary point;
* ``find_phone(probes)``: the place (x, y) of the lost phone, the lowest
  point of a sandpit, from the probes of a :class:`mmlbook.surfaces.SealedProbes` object (a
  ``surfaces.Probes`` with a budget that hides the surface).

The specifications, which the chapter states too:

* the gradient estimate must be within :data:`GRADIENT_RTOL` of the steepest
  slope in the sandpit, componentwise, for the step :math:`h = L/100` the
  checker passes (L the length over which the sand bends: 1 m in the
  chapter's sandpits). A central difference meets this (its error is about
  :math:`h^2 f'''/6`, at most 4e-5 of the slope at the points checked); a
  forward difference (error about :math:`h f''/2`, up to 6e-3 there) does not;
* the classifier must say ``"degenerate"`` when :math:`\det H` is zero in
  exact arithmetic (its computed value may be ~1e-17 from rounding); every
  other Hessian checked has :math:`|\det H| \ge 2.5 \cdot 10^{-7}\|H\|_F^2`, so
  any threshold relative to the scale of H between about 1e-14 and 1e-8
  passes; each Hessian is also checked times :math:`10^{8}` and :math:`10^{-8}`;
* the phone must be found within :data:`PHONE_DISTANCE` of
  ``Surface.minimum`` in at most :data:`DEPTH_BUDGET` probes with depths
  only, or :data:`GRADIENT_BUDGET` probes when gradient probes are allowed,
  on every one of several sandpits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import surfaces
from ._core import Failure, Result, as_result_array, call, quietly, run

__all__ = ["estimate_gradient", "classify_stationary", "find_phone"]

#: The gradient estimate's allowed error, relative to the steepest slope in the sandpit.
GRADIENT_RTOL = 1e-4
#: The step the checker passes, relative to the sandpit's length scale.
STEP = 1e-2
#: How close to the phone (Surface.minimum) a strategy must land, in metres.
PHONE_DISTANCE = 0.01
#: Probes allowed when only depths may be read, and when gradients may be read too.
DEPTH_BUDGET = 250
GRADIENT_BUDGET = 150


# --- estimate_gradient ----------------------------------------------------------------

@dataclass(frozen=True)
class _Sand:
    """A sandpit surface scaled in height and length and moved: depth(x, y) = height · f((x − shift)/length)."""

    name: str
    base: surfaces.Surface
    height: float = 1.0
    length: float = 1.0
    shift: tuple[float, float] = (0.0, 0.0)

    def depth(self, x: Any, y: Any) -> Any:
        return self.height * self.base((x - self.shift[0]) / self.length, (y - self.shift[1]) / self.length)

    def gradient(self, x: float, y: float) -> np.ndarray:
        u, v = (x - self.shift[0]) / self.length, (y - self.shift[1]) / self.length
        return self.height / self.length * self.base.grad(u, v)

    def point(self, u: float, v: float) -> tuple[float, float]:
        return self.shift[0] + self.length * u, self.shift[1] + self.length * v

    @property
    def slope(self) -> float:
        """The steepest slope in the sandpit (on a 61 x 61 grid): the scale of every gradient."""
        X, Y, _ = self.base.grid(61)
        return self.height / self.length * float(np.max(np.linalg.norm(self.base.grad(X, Y), axis=-1)))


_PHONE = surfaces.sandpit("phone")
_SANDS = (
    _Sand("phone", _PHONE),
    _Sand("ripples", surfaces.sandpit("ripples")),
    _Sand("random (seed 3)", surfaces.sandpit(3)),
    _Sand("phone, depths times 1e6", _PHONE, height=1e6),
    _Sand("phone, depths times 1e-6", _PHONE, height=1e-6),
    _Sand("phone shrunk to micrometres (length 1e-6)", _PHONE, length=1e-6),
    _Sand("phone stretched to 1e6 m", _PHONE, length=1e6),
    _Sand("phone moved to x = 1e6, y = -2e6", _PHONE, shift=(1e6, -2e6)),
)
# In sandpit units: a steep wall, the far bank, a slope, next to the minimum, a ridge.
_POINTS = ((0.8, 1.2), (2.5, 4.5), (4.6, 2.0), (1.73, 3.45), (3.3, 0.4))


def _central(depth, x, y, h):
    return np.array([(depth(x + h, y) - depth(x - h, y)) / (2 * h), (depth(x, y + h) - depth(x, y - h)) / (2 * h)])


def _forward(depth, x, y, h):
    f0 = depth(x, y)
    return np.array([(depth(x + h, y) - f0) / h, (depth(x, y + h) - f0) / h])


def _backward(depth, x, y, h):
    f0 = depth(x, y)
    return np.array([(f0 - depth(x - h, y)) / h, (f0 - depth(x, y - h)) / h])


def _fixed(rule, step):
    return lambda depth, x, y, h: rule(depth, x, y, step)


#: (what a wrong estimator computes from (depth, x, y, h), what to tell its author)
GRADIENT_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (_forward,
     "It is a forward difference, (f(x + h, y) − f(x, y))/h. Its error is about h·f_xx/2, here up to {forward:.0e} "
     "of the steepest slope, and the task asks for {rtol:.0e}. Use the central difference "
     "(f(x + h, y) − f(x − h, y))/(2h), whose error is about h²·f_xxx/6 (Chapter 7): two more depth probes, "
     "far more accuracy."),
    (_backward,
     "It is a backward difference, (f(x, y) − f(x − h, y))/h: one-sided, so its error is about h·f_xx/2, too large "
     "for the task. Use the central difference (f(x + h, y) − f(x − h, y))/(2h)."),
    (lambda d, x, y, h: 2 * _central(d, x, y, h),
     "It is twice the gradient: the central difference divides by 2h, the distance between x − h and x + h, "
     "not by h."),
    (lambda d, x, y, h: 2 * h * _central(d, x, y, h),
     "It returns the differences f(x + h, y) − f(x − h, y) without dividing by 2h: a rise without its run."),
    (lambda d, x, y, h: h * _forward(d, x, y, h),
     "It returns the differences f(x + h, y) − f(x, y) without dividing by h: a rise without its run."),
    (lambda d, x, y, h: _central(d, x, y, h)[::-1],
     "The two components are swapped: it returns (∂f/∂y, ∂f/∂x). The first entry of the gradient is ∂f/∂x, "
     "the change when x moves and y stays fixed."),
    (lambda d, x, y, h: -_central(d, x, y, h),
     "It returns minus the gradient, the direction of steepest descent: (f(x + h, y) − f(x − h, y))/(2h), "
     "not (f(x − h, y) − f(x + h, y))/(2h). (Descent steps use −∇f, but the gradient itself points uphill.)"),
    (lambda d, x, y, h: np.repeat(_central(d, x, y, h)[0], 2),
     "Both components are ∂f/∂x: the second one also moves x. For ∂f/∂y keep x fixed and move y: "
     "(f(x, y + h) − f(x, y − h))/(2h)."),
    (lambda d, x, y, h: np.repeat((d(x + h, y + h) - d(x - h, y - h)) / (2 * h), 2),
     "It moves x and y together, (f(x + h, y + h) − f(x − h, y − h))/(2h): that is the rate of change along the "
     "diagonal, ∂f/∂x + ∂f/∂y, not a partial derivative. A partial derivative moves one variable and holds "
     "the other constant."),
    (lambda d, x, y, h: _central(d, x, y, h) / np.linalg.norm(_central(d, x, y, h)),
     "It returns a unit vector, the direction of the gradient, not the gradient: the gradient's length is "
     "the slope in that direction and must be kept. Return the two partial derivatives as they are."),
    (lambda d, x, y, h: _central(lambda a, b: d(b, a), x, y, h),
     "It calls depth(y, x): the arguments are the wrong way round, so it probes the sand at the mirror "
     "point. depth takes x first, then y, and ∂f/∂x moves the first argument."),
    (lambda d, x, y, h: np.array([(d(x + h * abs(x), y) - d(x - h * abs(x), y)) / (2 * h * abs(x)),
                                  (d(x, y + h * abs(y)) - d(x, y - h * abs(y))) / (2 * h * abs(y))]),
     "It multiplies the step by the coordinates (h·|x|): far from the origin the step is huge, near it tiny. "
     "Use the step h you are given: the checker already scales it with the sandpit."),
    *((_fixed(_central, step),
       f"It ignores the argument h and always steps by {step:g}: on a sandpit a million times larger or smaller "
       "that step is far too small or too large. Use the h you are given.") for step in (1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8)),
    *((_fixed(_forward, step),
       f"It ignores the argument h and takes a forward difference with step {step:g}: one-sided, and wrong for "
       "sandpits of another size. Use the central difference with the h you are given.") for step in (1e-4, 1e-6, 1e-8)),
)


def _gradient_output(function, sand: _Sand, x: float, y: float, h: float) -> np.ndarray:
    value = call(function, "estimate_gradient", sand.depth, x, y, h)
    out = as_result_array(value, "estimate_gradient", "two numbers (∂f/∂x, ∂f/∂y)")
    if out.size == 1:
        raise Failure("estimate_gradient returned one number; it should return two, (∂f/∂x, ∂f/∂y): the gradient "
                      "has one entry per variable (is it returning the depth, or the length of the gradient?).")
    if out.size != 2:
        raise Failure(f"estimate_gradient should return two numbers (∂f/∂x, ∂f/∂y), but it returned shape {out.shape}.")
    out = out.reshape(2)
    if not np.all(np.isfinite(out)):
        raise Failure(f"estimate_gradient returned {out.tolist()} at ({x:g}, {y:g}) on the {sand.name} sandpit: "
                      "check what you divide by (is the step you use zero there?).")
    return out


def _check_gradient(function: Callable) -> str:
    probes = []
    for sand in _SANDS:
        h = STEP * sand.length
        for u, v in _POINTS:
            x, y = sand.point(u, v)
            probes.append((sand, x, y, h))
    outputs = np.array([_gradient_output(function, *p) for p in probes])
    truth = np.array([sand.gradient(x, y) for sand, x, y, _ in probes])
    slopes = np.array([[sand.slope] * 2 for sand, *_ in probes])
    errors = np.abs(outputs - truth) / slopes
    if np.all(errors <= GRADIENT_RTOL):
        return (f"within {np.max(errors):.0e} of the steepest slope (the task asks for {GRADIENT_RTOL:.0e}) at "
                f"{len(probes)} points on {len(_SANDS)} sandpits, from depths times 1e±6 to sandpits a million "
                "times larger or smaller and one moved two million metres away.")
    # Tilting the sand (adding x to every depth) adds 1 to ∂f/∂x: answers that do not change at all
    # mean the depth function was never used.
    tilt = lambda x, y: _PHONE(x, y) + x  # noqa: E731
    try:
        plain = [quietly(lambda: np.asarray(function(_PHONE, u, v, STEP), dtype=float)) for u, v in _POINTS]
        moved = [quietly(lambda: np.asarray(function(tilt, u, v, STEP), dtype=float)) for u, v in _POINTS]
    except Exception:  # it ran on the checker's sandpits; if it cannot run on these, skip this diagnosis
        plain, moved = [np.zeros(1)], [np.ones(1)]
    if all(a.shape == b.shape and np.array_equal(a, b) for a, b in zip(plain, moved)):
        raise Failure("It gives the same slopes whatever depth function it is given: it ignores its depth "
                      "argument (does it call a global surface?). Probe with depth(x, y).")
    args = [(sand.depth, x, y, h) for sand, x, y, h in probes]
    forward = float(np.max(np.abs(np.array([_forward(*a) for a in args]) - truth) / slopes))
    for mistake, message in GRADIENT_MISTAKES:
        wrong = np.array([quietly(mistake, *a) for a in args], dtype=float)
        if wrong.shape == outputs.shape and np.all(np.abs(wrong - outputs) <= 1e-6 * slopes):
            raise Failure(message.format(forward=forward, rtol=GRADIENT_RTOL))
    i, j = np.unravel_index(np.argmax(errors), errors.shape)
    sand, x, y, h = probes[i]
    part = "∂f/∂x" if j == 0 else "∂f/∂y"
    bad = sorted({probes[k][0].name for k in np.flatnonzero(np.any(errors > GRADIENT_RTOL, axis=1))})
    where = f" It is wrong only on: {'; '.join(bad)}." if len(bad) < len(_SANDS) else ""
    raise Failure(f"On the {sand.name} sandpit at ({x:.10g}, {y:.10g}) with h = {h:g}, {part} should be "
                  f"{truth[i, j]:.6g}, but your function returned {outputs[i, j]:.6g} (the task allows an error of "
                  f"{GRADIENT_RTOL:g} × the steepest slope, {GRADIENT_RTOL * slopes[i, j]:.3g} there).{where} "
                  "Compare with (f(x + h, y) − f(x − h, y))/(2h) and (f(x, y + h) − f(x, y − h))/(2h).")


def estimate_gradient(function: Any) -> Result:
    r"""Check a reader's ``estimate_gradient(depth, x, y, h)``: the gradient from depth readings.

    The function gets ``depth``, a function of two numbers returning the height
    of the sand, a point ``(x, y)`` and a step ``h > 0``, and must return
    :math:`(\partial f/\partial x, \partial f/\partial y)` at the point, within
    :data:`GRADIENT_RTOL` times the steepest slope of the sandpit. The checker
    passes :math:`h` = 1/100 of the sandpit's length scale; a central
    difference meets the task, a forward difference does not.

    Parameters
    ----------
    function : callable
        ``function(depth, x, y, h)`` returning two numbers.

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
    >>> def grad(depth, x, y, h):
    ...     return ((depth(x + h, y) - depth(x - h, y)) / (2 * h),
    ...             (depth(x, y + h) - depth(x, y - h)) / (2 * h))
    >>> bool(estimate_gradient(grad))
    True
    """
    return run("estimate_gradient", function, _check_gradient)


# --- classify_stationary ----------------------------------------------------------------

_LABELS = ("minimum", "maximum", "saddle", "degenerate")


def _h(a, b, d):
    return np.array([[a, b], [b, d]], dtype=float)


# (Hessian, right answer, what it is): every determinant is either zero in exact arithmetic or at
# least 2.5e-7 of |H|_F^2, so any threshold relative to H's scale between ~1e-14 and 1e-8 is right.
_BASE_HESSIANS = (
    (_h(2, 0, 3), "minimum", "x² + 1.5y²"),
    (_h(2, 1, 2), "minimum", "a bowl with a cross term"),
    (_h(2, 0, 2), "minimum", "x² + y² (equal eigenvalues)"),
    (_h(-2, 0, -1), "maximum", "−x² − y²/2"),
    (_h(-2, 1.5, -2), "maximum", "a cap with a cross term"),
    (_h(1, 0, -1), "saddle", "x²/2 − y²/2 (trace 0)"),
    (_h(3, 0, -1), "saddle", "a saddle with a positive trace"),
    (_h(-3, 0, 1), "saddle", "a saddle with a negative trace"),
    (_h(1, 3, 3), "saddle", "a saddle with positive diagonal entries"),
    (_h(-1, -3, -1), "saddle", "a saddle with negative diagonal entries"),
    (_h(0, 0, 0), "degenerate", "x⁴ + y⁴ or x⁴ − y⁴ at the origin (H = 0)"),
    (_h(0, 0, 2), "degenerate", "x⁴ + y² at the origin (det 0, trace 2)"),
    (_h(1, 1, 1), "degenerate", "(x + y)² (a valley floor, det 0)"),
    (_h(0.1, 0.3, 0.9), "degenerate", "(x + 3y)²/20: det is 0, but rounding leaves about 1e-17"),
    (_h(-0.7, 0.1, -1 / 70), "degenerate", "−(7x − y)²/140: det 0, rounding leaves a tiny number"),
    (_h(2, 0, 2e-6), "minimum", "a nearly flat bowl, det 4e-6 (relative 1e-6)"),
    (_h(-1, 1, -1 - 1e-6), "maximum", "a nearly flat cap, det 1e-6"),
    (_h(1e-3, 1, 1e-3), "saddle", "a saddle with tiny diagonal entries"),
    (_h(0, 1, 0), "saddle", "xy (zero diagonal: f_xx = f_yy = 0)"),
    (_h(0, 2, 3), "saddle", "a saddle with f_xx = 0"),
)
_SCALES = (1.0, 1e8, 1e-8)
_HESSIANS = tuple((c * H, kind, what if c == 1 else f"{what}, times {c:g}")
                  for c in _SCALES for H, kind, what in _BASE_HESSIANS)


def _det(H):
    return H[0, 0] * H[1, 1] - H[0, 1] * H[1, 0]


def _by_det(H, degenerate):
    det, trace = _det(H), H[0, 0] + H[1, 1]
    if degenerate(det, H):
        return "degenerate"
    if det < 0:
        return "saddle"
    return "minimum" if trace > 0 else "maximum"


def _sign_label(value, zero="degenerate"):
    return "minimum" if value > 0 else "maximum" if value < 0 else zero


def _by_eigenvalues(H, zero):
    low, high = np.linalg.eigvalsh(H)
    if zero(low, high):
        return "degenerate"
    return "minimum" if low > 0 else "maximum" if high < 0 else "saddle"


def _saddle_first(H):
    return "saddle" if _det(H) < 0 else _by_det(H, _relative)


def _extremum_first(H):
    return ("minimum" if H[0, 0] + H[1, 1] > 0 else "maximum") if _det(H) > 0 else _by_det(H, _relative)


def _semidefinite(H):
    low, high = np.linalg.eigvalsh(H)
    scale = max(abs(low), abs(high))
    if scale == 0:
        return "degenerate"
    if low >= -1e-12 * scale:
        return "minimum"
    if high <= 1e-12 * scale:
        return "maximum"
    return "saddle"


#: (what a wrong classifier answers for H, what to tell its author)
STATIONARY_MISTAKES: tuple[tuple[Callable[[np.ndarray], str], str], ...] = (
    (lambda H: _sign_label(H[0, 0] + H[1, 1]),
     "It looks only at the trace (f_xx + f_yy). A saddle can have any trace: H = [[3, 0], [0, −1]] curves up "
     "along x and down along y. Test the determinant first: det H < 0 means a saddle."),
    (lambda H: _sign_label(H[0, 0]),
     "It looks only at f_xx. That decides between minimum and maximum only once det H > 0; with det H < 0 the "
     "point is a saddle whatever f_xx is."),
    (lambda H: "minimum" if _det(H) > 0 else "saddle" if _det(H) < 0 else "degenerate",
     "It calls every point with det H > 0 a minimum. det H > 0 means both curvatures have the same sign: "
     "a minimum if the trace (or f_xx) is positive, a maximum if it is negative."),
    (lambda H: {"minimum": "maximum", "maximum": "minimum"}.get(k := _by_det(H, _relative), k),
     "Minimum and maximum are swapped: with det H > 0, a positive trace means the surface curves up in every "
     "direction, a minimum (like x² + y²)."),
    (lambda H: {"saddle": "maximum"}.get(k := _by_det(H, _relative), k),
     "It calls det H < 0 a maximum. A negative determinant means the two curvatures have opposite signs: "
     "up along one direction, down along another, a saddle."),
    (lambda H: ("minimum" if H[0, 0] > 0 and H[1, 1] > 0 else "maximum" if H[0, 0] < 0 and H[1, 1] < 0
                else "degenerate" if H[0, 0] == 0 and H[1, 1] == 0 else "saddle"),
     "It looks at the signs of f_xx and f_yy and ignores the cross term f_xy. H = [[1, 3], [3, 3]] has both "
     "positive but det = 3 − 9 < 0: along the direction (1, −1) the surface curves down, a saddle."),
    (lambda H: _by_det(H, lambda det, H: False),
     "It never answers degenerate: when det H = 0 (H = 0 for x⁴ + y⁴ and for x⁴ − y⁴) the second-derivative "
     "test says nothing, and the answer must be 'degenerate'."),
    (lambda H: {"degenerate": "saddle"}.get(k := _by_det(H, _relative), k),
     "It calls det H = 0 a saddle. When det H = 0 the test says nothing: x⁴ + y⁴ (a minimum) and x⁴ − y⁴ "
     "(a saddle) both have H = 0 at the origin. Answer 'degenerate'."),
    (lambda H: _by_det(H, _exact_zero),
     "It tests det H == 0 exactly. A Hessian that is singular in exact arithmetic, like [[0.1, 0.3], [0.3, 0.9]], "
     "has a computed determinant of about 1e-17, not 0, from rounding. Compare |det H| with the scale of H "
     "instead: |det H| ≤ 1e-10 · (sum of the squares of H's entries), say."),
    *((lambda H, t=t: _by_det(H, lambda det, H: abs(det) <= t),
       "It compares |det H| with a fixed number: an absolute threshold, which depends on the units. Multiply the "
       "sand's height by 1e-8 and clear minima and saddles are called degenerate; by 1e8 and the rounding error "
       "in a singular H's determinant grows by 1e16 and can pass for real curvature. Compare |det H| with the "
       "scale of H: |det H| ≤ 1e-10 · (sum of squares of H's entries).")
      for t in (1e-16, 1e-14, 1e-12, 1e-10, 1e-9, 1e-8, 1e-6, 1e-4, 1e-3)),
    *((lambda H, t=t: _by_det(H, lambda det, H: abs(det) <= t * np.sum(H * H)),
       "Its threshold for degenerate is too loose: a bowl whose determinant is 1e-6 "
       "of its scale is still a strict minimum that floating point resolves easily. Use a threshold near "
       "rounding level, 1e-10 · (sum of squares of H's entries).")
      for t in (1e-2, 1e-3, 1e-4, 1e-5, 1e-6)),
    (lambda H: _by_eigenvalues(H, lambda low, high: not (low > 0 or high < 0 or low < 0 < high)),
     "It tests the eigenvalues' signs with no tolerance (λ > 0, λ < 0, else degenerate). A Hessian that is "
     "singular in exact arithmetic, like [[0.1, 0.3], [0.3, 0.9]], has a computed eigenvalue of about 1e-17, "
     "not 0, so it is called a minimum. Call H degenerate when the smaller |λ| is tiny compared with the "
     "larger, say |λ_min| ≤ 1e-9 |λ_max|."),
    *((lambda H, t=t, strict=strict: _by_eigenvalues(
          H, lambda low, high: min(abs(low), abs(high)) < t if strict else min(abs(low), abs(high)) <= t),
       "It compares the eigenvalues with a fixed number (np.isclose(λ, 0) does that too, with 1e-8): an "
       "absolute threshold, which depends on the units. Multiply the sand's height by 1e-8 and a clear "
       "minimum's eigenvalues fall below it. Compare the smaller |λ| with the larger: |λ_min| ≤ 1e-9 |λ_max|.")
      for t in (1e-12, 1e-10, 1e-8, 1e-6, 1e-4) for strict in (False, True)),
    *((lambda H, t=t: _by_det(H, lambda det, H: abs(det) <= t * float(np.linalg.norm(H))),
       "It compares |det H| with the scale of H, ‖H‖, not with its square. The determinant of a 2 x 2 matrix "
       "is a product of two entries, so it scales as ‖H‖²: multiply H by 1e-8 and det H shrinks by 1e-16 but "
       "‖H‖ only by 1e-8, and a clear minimum is called degenerate. Use |det H| ≤ 1e-10 · (sum of the "
       "squares of H's entries).")
      for t in (1e-12, 1e-10, 1e-8)),
    (lambda H: _by_det(H, lambda det, H: abs(det) < 1e-10 * float(np.sum(H * H))),
     "It tests |det H| < threshold · (scale of H) with a strict '<': for H = 0 (x⁴ ± y⁴ at the origin) both "
     "sides are 0 and 0 < 0 is false, so H = 0 is not called degenerate. Use ≤, or answer degenerate for "
     "H = 0 first."),
    (_saddle_first,
     "It answers saddle as soon as det H < 0, before testing for degenerate. Rounding can leave a singular "
     "Hessian's determinant slightly negative: [[-0.7, 0.1], [0.1, -1/70]] has det 0 in exact arithmetic and "
     "about -3e-18 computed. Test 'degenerate' (|det H| tiny compared with the scale of H) first."),
    (_extremum_first,
     "It answers minimum or maximum as soon as det H > 0, before testing for degenerate. Rounding can leave "
     "a singular Hessian's determinant slightly positive: [[0.1, 0.3], [0.3, 0.9]] has det 0 in exact "
     "arithmetic and about 1e-17 computed. Test 'degenerate' (|det H| tiny compared with the scale of H) first."),
    (_semidefinite,
     "It calls a positive semidefinite Hessian (eigenvalues ≥ 0, one of them 0) a minimum. With a zero "
     "eigenvalue the test says nothing: x² + y³ has H = [[2, 0], [0, 0]] at the origin and no minimum there."),
    (lambda H: _by_det(H, lambda det, H: det == 0 or H[0, 0] + H[1, 1] == 0),
     "It calls a zero trace degenerate. [[1, 0], [0, −1]] has trace 0 but det −1 < 0: a saddle. Degenerate "
     "means det H = 0."),
    (lambda H: _by_det(np.array([[H[0, 0], H[0, 1]], [-H[0, 1], H[1, 1]]]), _relative),
     "Its determinant has the wrong sign on the cross term: det H = f_xx f_yy − f_xy², not f_xx f_yy + f_xy²."),
)


def _exact_zero(det, H):
    return det == 0


def _relative(det, H):
    return abs(det) <= 1e-10 * float(np.sum(H * H))


def _label(function, H: np.ndarray, what: str) -> str:
    value = call(function, "classify_stationary", H.copy())
    if value is None:
        raise Failure("classify_stationary returned None: is the return statement missing?")
    if not isinstance(value, str):
        raise Failure(f"classify_stationary should return one of the words {', '.join(map(repr, _LABELS))}, "
                      f"but for {what} it returned {type(value).__name__} {value!r}.")
    label = value.strip().lower()
    if label not in _LABELS:
        raise Failure(f"classify_stationary returned {value!r} for {what}; it should return one of the words "
                      f"{', '.join(map(repr, _LABELS))}.")
    return label


def _check_stationary(function: Callable) -> str:
    answers = [_label(function, H, what) for H, _, what in _HESSIANS]
    wanted = [kind for _, kind, _ in _HESSIANS]
    if answers == wanted:
        return (f"right on {len(answers)} Hessians: minima, maxima, saddles of every trace, the degenerate "
                "H = 0 of x⁴ ± y⁴, Hessians that are singular up to rounding, nearly flat bowls, and all of "
                "them times 1e8 and 1e-8.")
    guesses = [[quietly(mistake, H) for H, _, _ in _HESSIANS] for mistake, _ in STATIONARY_MISTAKES]
    for guess, (_, message) in zip(guesses, STATIONARY_MISTAKES):
        if guess == answers:
            raise Failure(message)
    # A mistake in the logic may come with either test for det = 0: compare where det is clearly not 0.
    clear = [k for k, kind in enumerate(wanted) if kind != "degenerate"]
    if any(answers[k] != wanted[k] for k in clear):
        for guess, (_, message) in zip(guesses, STATIONARY_MISTAKES):
            if all(guess[k] == answers[k] for k in clear):
                raise Failure(message)
    i = next(k for k, (a, b) in enumerate(zip(answers, wanted)) if a != b)
    H, kind, what = _HESSIANS[i]
    det, trace = _det(H), H[0, 0] + H[1, 1]
    raise Failure(f"For H = {np.array2string(H, precision=4)} ({what}; det {det:.3g}, trace {trace:.3g}) the answer "
                  f"is {kind!r}, but your function returned {answers[i]!r}. The test: |det H| tiny compared with "
                  "the scale of H → degenerate; det < 0 → saddle; det > 0 → minimum if the trace is positive, "
                  "maximum if negative.")


def classify_stationary(function: Any) -> Result:
    r"""Check a reader's ``classify_stationary(H)`` for a 2 x 2 Hessian at a stationary point.

    The function must return ``"minimum"``, ``"maximum"``, ``"saddle"`` or
    ``"degenerate"`` (any capitalisation). ``"degenerate"`` is right exactly
    when :math:`\det H` is zero in exact arithmetic; the other Hessians checked
    have :math:`|\det H| \ge 2.5 \cdot 10^{-7}\|H\|_F^2`, and each is checked at its
    scale, times :math:`10^8` and times :math:`10^{-8}`.

    Parameters
    ----------
    function : callable
        ``function(H)`` with ``H`` a symmetric (2, 2) NumPy array.

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
    >>> from mmlbook import surfaces
    >>> bool(classify_stationary(surfaces.stationary_type))
    True
    """
    return run("classify_stationary", function, _check_stationary)


# --- find_phone ---------------------------------------------------------------------

#: The sandpits of the phone hunt: the chapter's, the ripples, and seeded random ones with
#: several local minima (seed 17's includes one that traps a descent from the centre).
PHONE_SANDPITS = ("phone", "ripples", 2, 4, 6, 9, 12, 17)


def _local_minimum_near(surface: surfaces.Surface, point: np.ndarray) -> bool:
    """Whether ``point`` is (close to) a local minimum: small gradient, positive definite Hessian."""
    X, Y, _ = surface.grid(61)
    slope = float(np.max(np.linalg.norm(surface.grad(X, Y), axis=-1)))
    return (float(np.linalg.norm(surface.grad(*point))) <= 0.02 * slope
            and surfaces.stationary_type(surface.hess(*point)) == "minimum")


def _hunt(function, which, gradient: bool):
    surface = surfaces.sandpit(which)
    kinds = ("depth", "gradient") if gradient else ("depth",)
    budget = GRADIENT_BUDGET if gradient else DEPTH_BUDGET
    probes = surfaces.SealedProbes(surface, budget=budget, kinds=kinds)
    where, on = f"On the sandpit {surface.name!r}", f"on the sandpit {surface.name!r}"
    try:
        value = function(probes)
    except surfaces.OutOfProbes:
        raise Failure(f"{where} it used up all {budget} probes without answering. Search coarsely first (a grid "
                      "of about 50 to 100 depths), then refine near the deepest probe with a method that "
                      "converges fast, and stop once the steps are below a few millimetres.") from None
    except ValueError as exc:
        if "not allowed" in str(exc):
            kind = "a Hessian" if str(exc).startswith("hessian") else "a gradient"
            allowed = "depth and gradient probes" if gradient else "depth probes only"
            hint = ("estimate the Hessian from gradients (the Jacobian of the gradient)" if gradient else
                    "estimate the slope from depths (your estimate_gradient)")
            raise Failure(f"{where} it asked for {kind} probe, but this round allows {allowed}: {hint}.") from None
        if "outside the sandpit" in str(exc):
            raise Failure(f"{where} it probed outside the sandpit ({exc}). Keep every probe inside "
                          f"{surface.bounds}: clip the point (np.clip) or shorten a step that would leave.") from None
        raise Failure(f"find_phone(probes) {on} raised ValueError: {exc}") from exc
    except AttributeError as exc:
        if "surface is hidden" in str(exc) or "cannot be set" in str(exc):
            raise Failure(f"{where} it tried to use the probes object in a way the hunt does not allow ({exc}). "
                          "The phone must be found by probing: probes.depth(x, y) (and probes.gradient(x, y) "
                          "when allowed).") from None
        raise Failure(f"find_phone(probes) {on} raised AttributeError: {exc}") from exc
    except Exception as exc:  # the reader's code may raise anything; name it
        raise Failure(f"find_phone(probes) {on} raised {type(exc).__name__}: {exc}") from exc
    out = as_result_array(value, "find_phone", "a point (x, y)")
    if out.size != 2:
        raise Failure(f"find_phone should return the point (x, y) where the phone is, two numbers, but it returned "
                      f"shape {out.shape}" + (" (is it the depth there?)." if out.size == 1 else "."))
    return surface, probes, out.reshape(2)


def _check_phone(function: Callable, gradient: bool) -> str:
    budget = GRADIENT_BUDGET if gradient else DEPTH_BUDGET
    counts = []
    for which in PHONE_SANDPITS:
        surface, probes, point = _hunt(function, which, gradient)
        phone, deepest = surface.minimum
        distance = float(np.linalg.norm(point - phone))
        name = surface.name
        if probes.total == 0:
            raise Failure(f"On the sandpit {name!r} it made no probes: the phone must be found from probes "
                          "(probes.depth), not read off the surface.")
        if not np.all(np.isfinite(point)):
            raise Failure(f"On the sandpit {name!r} it returned {point.tolist()}: not a place in the sandpit.")
        if distance <= PHONE_DISTANCE:
            counts.append(probes.total)
            continue
        shown = f"({point[0]:.4g}, {point[1]:.4g})"
        if np.linalg.norm(point[::-1] - phone) <= PHONE_DISTANCE:
            raise Failure(f"On the sandpit {name!r} it returned {shown}, which is the phone's place with x and y "
                          "swapped: return (x, y).")
        if not surface.contains(*point):
            raise Failure(f"On the sandpit {name!r} it returned {shown}, outside the sandpit {surface.bounds}.")
        here = surface(*point)
        near_probe = min(float(np.hypot(point[0] - px, point[1] - py)) for px, py in probes.points)
        low = min(probes.points, key=lambda p: surface(*p))
        if here > surface(*low) + 1e-9 * max(1.0, abs(deepest)):
            raise Failure(f"On the sandpit {name!r} it returned {shown}, depth {here:.3g}, higher than its own probe "
                          f"at ({low[0]:.4g}, {low[1]:.4g}), depth {surface(*low):.3g}: it climbs, or returns the "
                          "wrong point. The gradient points uphill: step along −∇f to go down, and keep the "
                          "deepest point found.")
        if _local_minimum_near(surface, point) and distance > 0.2:
            raise Failure(f"On the sandpit {name!r} it found a local minimum at {shown} (depth {here:.3g}), "
                          f"but the phone is at ({phone[0]:.4g}, {phone[1]:.4g}), deeper ({deepest:.3g}). A "
                          "descent goes to the bottom of the dip it starts in: explore the whole sandpit "
                          "first (a coarse grid of depths), then descend from the deepest probe.")
        if near_probe < 1e-12 and distance <= 0.6:
            raise Failure(f"On the sandpit {name!r} it returned one of its probes, {shown}, {distance:.3f} m from "
                          f"the phone, which must be within {PHONE_DISTANCE} m. A grid only gets as close as its "
                          "spacing: refine near the deepest probe (a descent, or a finer search around it).")
        raise Failure(f"On the sandpit {name!r} it returned {shown}, {distance:.3f} m from the phone at "
                      f"({phone[0]:.4g}, {phone[1]:.4g}); it must be within {PHONE_DISTANCE} m. Is it stopping too "
                      "early, or too far from the deepest probe?")
    kind = "depth and gradient probes" if gradient else "depth probes only"
    return (f"found the phone within {PHONE_DISTANCE} m on all {len(counts)} sandpits with {kind}, in "
            f"{min(counts)} to {max(counts)} probes (budget {budget}; {np.mean(counts):.0f} on average).")


def find_phone(function: Any, *, gradient: bool = False) -> Result:
    r"""Check a reader's phone-finding strategy ``find_phone(probes)`` on several sandpits.

    ``probes`` is a :class:`mmlbook.surfaces.SealedProbes`: ``probes.depth(x, y)`` only
    (:data:`DEPTH_BUDGET` probes) or, with ``gradient=True``, also
    ``probes.gradient(x, y)`` (:data:`GRADIENT_BUDGET` probes in all), and
    ``probes.bounds``; the surface itself is hidden. The strategy must return
    (x, y) within :data:`PHONE_DISTANCE` of the lowest point of every sandpit
    in :data:`PHONE_SANDPITS`.

    Parameters
    ----------
    function : callable
        ``function(probes)`` returning two numbers.
    gradient : bool, default False
        Whether gradient probes are allowed.

    Returns
    -------
    Result
        Truthy when the strategy finds every phone; otherwise its message says why not.

    Raises
    ------
    TypeError
        ``function`` is not callable, or ``gradient`` is not a bool.
    """
    if not isinstance(gradient, bool):
        raise TypeError(f"gradient must be True or False, got {type(gradient).__name__}")
    return run("find_phone", function, lambda f: _check_phone(f, gradient))
