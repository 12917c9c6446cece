"""Sandpit surfaces for Chapters 8 and 11: heights with exact gradients and Hessians, and a probe counter.

A :class:`Surface` is a smooth function :math:`f(x, y)` on a rectangle (the
sandpit) together with its gradient and Hessian written out by hand, so a
chapter can compare what a learner estimates from probes with the truth. The
phone is lost at the lowest point of the sand: :attr:`Surface.minimum`.

:func:`sandpit` gives the named surfaces the chapters use; ``sandpit(seed)``
with an integer gives a reproducible random sandpit of Gaussian dips in a
shallow bowl, like the random sandpits of Imperial's lab.

:class:`Probes` wraps a surface and counts every height, gradient and
Hessian asked for: the score in the sandpit game and in Chapter 11's
strategy tournament. It can hold a budget and allow only some kinds of
probe. :class:`Game` is the game itself for a live kernel: probe, read,
guess where the phone is.
"""

from __future__ import annotations

import numbers
import weakref
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable

import numpy as np

from ._validate import as_array, as_number

__all__ = ["Surface", "sandpit", "NAMES", "Probes", "OutOfProbes", "SealedProbes", "ledger", "Game",
           "stationary_type", "Stationary", "stationary_points"]


@dataclass(frozen=True)
class Surface:
    """A height :math:`f(x, y)` over a rectangle, with exact first and second derivatives.

    ``height``, ``gradient`` and ``hessian`` take NumPy arrays ``x`` and ``y``
    of one shape (broadcast) and return arrays of that shape, that shape plus
    ``(2,)``, and that shape plus ``(2, 2)``. Call the surface itself, or
    :meth:`grad` and :meth:`hess`, with numbers or arrays: they validate.
    """

    name: str
    height: Callable[[np.ndarray, np.ndarray], np.ndarray] = field(repr=False)
    gradient: Callable[[np.ndarray, np.ndarray], np.ndarray] = field(repr=False)
    hessian: Callable[[np.ndarray, np.ndarray], np.ndarray] = field(repr=False)
    bounds: tuple[float, float, float, float] = (0.0, 6.0, 0.0, 6.0)
    formula: str = ""

    def _xy(self, x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
        x = as_array("x", x, ndim=None)
        y = as_array("y", y, ndim=None)
        try:
            return np.broadcast_arrays(x, y)
        except ValueError as exc:
            raise ValueError(f"x and y must have shapes that broadcast, got {x.shape} and {y.shape}") from exc

    def __call__(self, x: Any, y: Any) -> np.ndarray | float:
        """The height at (x, y); a float for numbers, an array for arrays."""
        out = self.height(*self._xy(x, y))
        return float(out) if np.ndim(out) == 0 else out

    def grad(self, x: Any, y: Any) -> np.ndarray:
        """The gradient (∂f/∂x, ∂f/∂y) at (x, y): shape (2,) for numbers, (..., 2) for arrays."""
        return self.gradient(*self._xy(x, y))

    def hess(self, x: Any, y: Any) -> np.ndarray:
        """The Hessian [[f_xx, f_xy], [f_yx, f_yy]] at (x, y): shape (2, 2) or (..., 2, 2)."""
        return self.hessian(*self._xy(x, y))

    def grid(self, n: int = 101) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(X, Y, Z)`` on an n x n grid over :attr:`bounds`, for contour plots."""
        n = as_number("n", n, low=2, integer=True)
        x0, x1, y0, y1 = self.bounds
        X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
        return X, Y, self.height(X, Y)

    def contains(self, x: float, y: float) -> bool:
        """Whether (x, y) lies in the sandpit (edges included)."""
        x0, x1, y0, y1 = self.bounds
        return bool(x0 <= x <= x1 and y0 <= y <= y1)

    @property
    def minimum(self) -> tuple[np.ndarray, float]:
        """The lowest point in the sandpit and its height: ``(array([x, y]), f)``.

        Found by a 401 x 401 grid search and then Newton's method from the best
        grid point (kept only if it stays in the sandpit and goes no higher),
        so it is exact to rounding for the smooth minima these surfaces have.
        """
        point, value = self._lowest
        return point.copy(), value

    @cached_property
    def _lowest(self) -> tuple[np.ndarray, float]:
        # cached_property writes the instance's __dict__ directly, so it works on a frozen dataclass.
        return _minimum(self)

    def scaled(self, height: float = 1.0, length: float = 1.0) -> "Surface":
        r"""The same landscape with heights times ``height`` and distances times ``length``.

        The new surface is :math:`g(x, y) = c\,f(x/L, y/L)` on the sandpit
        stretched by :math:`L`, so its gradient is :math:`(c/L)\nabla f` and
        its Hessian :math:`(c/L^2)\mathbf{H}_f` at the matching point, and its
        minima sit at :math:`L` times those of ``f``. A method whose decisions
        are relative to the problem's scale behaves the same on both.

        >>> s = sandpit("valley").scaled(height=1e6, length=1e-3)
        >>> s.bounds, float(s(3e-3, 3e-3))
        ((0.0, 0.006, 0.0, 0.006), 0.0)
        """
        c = as_number("height", height, low=0, low_open=True)
        L = as_number("length", length, low=0, low_open=True)
        f, df, d2f = self.height, self.gradient, self.hessian
        return Surface(
            f"{self.name} (heights x {c:g}, lengths x {L:g})",
            lambda x, y: c * f(x / L, y / L),
            lambda x, y: (c / L) * df(x / L, y / L),
            lambda x, y: (c / L ** 2) * d2f(x / L, y / L),
            bounds=tuple(L * b for b in self.bounds),
            formula=rf"{c:g}\,f(x/{L:g}, y/{L:g}),\ f = {self.formula}" if self.formula else "",
        )


@dataclass(frozen=True)
class Stationary:
    """A stationary point of a surface: where it is, its kind (see :func:`stationary_type`) and its height."""

    point: np.ndarray
    kind: str
    height: float


def stationary_points(surface: Surface, n: int = 21) -> list[Stationary]:
    r"""The stationary points of a surface inside its sandpit, found by Newton's method from a grid.

    Newton's step :math:`\mathbf{x} - \mathbf{H}^{-1}\nabla f` is taken from
    each of the n x n grid points at once (40 steps, with the exact gradient
    and Hessian); a start counts when it stays in the sandpit and its gradient
    falls below :math:`10^{-9}` times the surface's typical slope (height range
    over width), so the test is the same for a surface scaled by any factor.
    Points closer than :math:`10^{-6}` of the width are merged. A stationary
    point whose Newton basin misses every grid point is not found: make ``n``
    larger for a surface with many small features.

    Parameters
    ----------
    surface : Surface
    n : int, default 21
        Grid points per side, 3 to 201.

    Returns
    -------
    list of Stationary
        Minima first, then saddles, maxima and degenerate points; lowest first within a kind
        (equal heights: smaller x first, then smaller y).

    Examples
    --------
    >>> [(p.kind, p.point.round(2).tolist()) for p in stationary_points(sandpit("valley"))]
    [('minimum', [3.0, 3.0])]
    """
    if not isinstance(surface, Surface):
        raise TypeError(f"surface must be a Surface (see surfaces.sandpit), got {type(surface).__name__}")
    n = as_number("n", n, low=3, high=201, integer=True)
    x0, x1, y0, y1 = surface.bounds
    width = max(x1 - x0, y1 - y0)
    X, Y = np.meshgrid(np.linspace(x0, x1, n + 2)[1:-1], np.linspace(y0, y1, n + 2)[1:-1])
    _, _, Z = surface.grid(101)
    slope = float(np.ptp(Z)) / width
    if slope == 0.0:
        return []
    x, y = X.ravel(), Y.ravel()
    with np.errstate(all="ignore"):
        for _ in range(40):
            g = surface.gradient(x, y)
            H = surface.hessian(x, y)
            det = H[:, 0, 0] * H[:, 1, 1] - H[:, 0, 1] ** 2
            x = x - (H[:, 1, 1] * g[:, 0] - H[:, 0, 1] * g[:, 1]) / det
            y = y - (H[:, 0, 0] * g[:, 1] - H[:, 0, 1] * g[:, 0]) / det
            outside = ~((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1))
            x[outside], y[outside] = np.nan, np.nan
        ok = np.isfinite(x) & np.isfinite(y)
        x, y = x[ok], y[ok]
        ok = np.linalg.norm(surface.gradient(x, y), axis=-1) <= 1e-9 * slope
    found: list[Stationary] = []
    for px, py in zip(x[ok], y[ok]):
        point = np.array([px, py])
        if any(np.linalg.norm(point - s.point) <= 1e-6 * width for s in found):
            continue
        kind = stationary_type(surface.hessian(np.float64(px), np.float64(py)))
        found.append(Stationary(point, kind, float(surface.height(np.float64(px), np.float64(py)))))
    order = {"minimum": 0, "saddle": 1, "maximum": 2, "degenerate": 3}
    # Heights equal to 9 digits of the height range (twins by symmetry) are ordered by place instead.
    span = slope * width
    return sorted(found, key=lambda s: (order[s.kind], round(s.height / span, 9),
                                        round((s.point[0] - x0) / width, 9), round((s.point[1] - y0) / width, 9)))


def _minimum(surface: Surface) -> tuple[np.ndarray, float]:
    X, Y, Z = surface.grid(401)
    i = np.unravel_index(np.argmin(Z), Z.shape)
    p = np.array([X[i], Y[i]])
    best = (p.copy(), float(Z[i]))
    for _ in range(30):
        g = surface.gradient(p[0], p[1])
        H = surface.hessian(p[0], p[1])
        if np.linalg.cond(H) > 1e12:
            break
        step = np.linalg.solve(H, g)
        p = p - step
        if not surface.contains(*p):
            break
        if np.linalg.norm(step) <= 1e-15 * max(1.0, np.linalg.norm(p)):
            break
    value = float(surface.height(p[0], p[1]))
    if surface.contains(*p) and value <= best[1]:
        best = (p, value)
    return best


def stationary_type(H: Any) -> str:
    r"""Classify a 2 x 2 Hessian: ``"minimum"``, ``"maximum"``, ``"saddle"`` or ``"degenerate"``.

    The test is on the determinant and the trace, relative to the Hessian's
    scale: :math:`|\det H|` below :math:`10^{-12}\,\|H\|^2` (Frobenius norm)
    is called degenerate, because there the second-derivative test says
    nothing. Otherwise det < 0 is a saddle, and det > 0 a minimum when the
    trace is positive, a maximum when it is negative.
    """
    H = as_array("H", H, shape=(2, 2))
    if not np.allclose(H, H.T, rtol=1e-9, atol=1e-12 * max(np.abs(H).max(), 1e-300)):
        raise ValueError(f"H must be symmetric (a Hessian of a smooth function), got {H.tolist()}")
    scale = float(np.sum(H * H))
    det = float(np.linalg.det(H))
    if scale == 0.0 or abs(det) <= 1e-12 * scale:
        return "degenerate"
    if det < 0:
        return "saddle"
    return "minimum" if np.trace(H) > 0 else "maximum"


# ---------------------------------------------------------------------------
# Building blocks: a bowl, Gaussian dips, a sinc ripple, each with derivatives
# ---------------------------------------------------------------------------

def _stack(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.stack([a, b], axis=-1)


def _stack2(xx: np.ndarray, xy: np.ndarray, yy: np.ndarray) -> np.ndarray:
    return np.stack([np.stack([xx, xy], axis=-1), np.stack([xy, yy], axis=-1)], axis=-2)


def _bowl_and_dips(cx: float, cy: float, a: float, dips: list[tuple[float, float, float, float]]):
    """f = a((x-cx)^2 + (y-cy)^2) - sum_k d_k exp(-((x-u_k)^2 + (y-v_k)^2) / w_k)."""

    def parts(x, y):
        for d, u, v, w in dips:
            e = d * np.exp(-((x - u) ** 2 + (y - v) ** 2) / w)
            yield e, (x - u), (y - v), w

    def height(x, y):
        return a * ((x - cx) ** 2 + (y - cy) ** 2) - sum((e for e, *_ in parts(x, y)), np.zeros_like(x))

    def gradient(x, y):
        gx = 2 * a * (x - cx)
        gy = 2 * a * (y - cy)
        for e, dx, dy, w in parts(x, y):
            gx = gx + 2 * dx / w * e
            gy = gy + 2 * dy / w * e
        return _stack(gx, gy)

    def hessian(x, y):
        xx = np.full_like(x, 2 * a)
        yy = np.full_like(x, 2 * a)
        xy = np.zeros_like(x)
        for e, dx, dy, w in parts(x, y):
            xx = xx + (2 / w - 4 * dx ** 2 / w ** 2) * e
            yy = yy + (2 / w - 4 * dy ** 2 / w ** 2) * e
            xy = xy - 4 * dx * dy / w ** 2 * e
        return _stack2(xx, xy, yy)

    return height, gradient, hessian


def _sinc(t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """sin(t)/t and its first two derivatives, with the series near 0 (no 0/0)."""
    small = np.abs(t) < 1e-3
    safe = np.where(small, 1.0, t)
    s, c = np.sin(safe), np.cos(safe)
    f = np.where(small, 1 - t ** 2 / 6, s / safe)
    df = np.where(small, -t / 3 + t ** 3 / 30, (safe * c - s) / safe ** 2)
    d2f = np.where(small, -1 / 3 + t ** 2 / 10, (-(safe ** 2) * s - 2 * safe * c + 2 * s) / safe ** 3)
    return f, df, d2f


def _ripples(cx: float, cy: float, angle: float, k: tuple[float, float], depth: float, tilt: float):
    """f = -depth * sinc(k1 u) * sinc(k2 v) + tilt * (u^2 + v^2), (u, v) rotated about (cx, cy)."""
    c, s = np.cos(angle), np.sin(angle)
    k1, k2 = k

    def uv(x, y):
        return c * (x - cx) + s * (y - cy), -s * (x - cx) + c * (y - cy)

    def height(x, y):
        u, v = uv(x, y)
        return -depth * _sinc(k1 * u)[0] * _sinc(k2 * v)[0] + tilt * (u ** 2 + v ** 2)

    def gradient(x, y):
        u, v = uv(x, y)
        p, dp, _ = _sinc(k1 * u)
        q, dq, _ = _sinc(k2 * v)
        fu = -depth * k1 * dp * q + 2 * tilt * u
        fv = -depth * k2 * p * dq + 2 * tilt * v
        # (u, v) = R (x, y) with R = [[c, s], [-s, c]], so grad_xy = R^T grad_uv.
        return _stack(c * fu - s * fv, s * fu + c * fv)

    def hessian(x, y):
        u, v = uv(x, y)
        p, dp, ddp = _sinc(k1 * u)
        q, dq, ddq = _sinc(k2 * v)
        fuu = -depth * k1 ** 2 * ddp * q + 2 * tilt
        fvv = -depth * k2 ** 2 * p * ddq + 2 * tilt
        fuv = -depth * k1 * k2 * dp * dq
        # H_xy = R^T H_uv R.
        xx = c * c * fuu - 2 * c * s * fuv + s * s * fvv
        yy = s * s * fuu + 2 * c * s * fuv + c * c * fvv
        xy = c * s * (fuu - fvv) + (c * c - s * s) * fuv
        return _stack2(xx, xy, yy)

    return height, gradient, hessian


def _course():
    """DeepLearning.AI's f(x, y) = x^4 + 0.8 y^4 + 4x^2 + 2y^2 - xy - 0.2 x^2 y."""

    def height(x, y):
        return x ** 4 + 0.8 * y ** 4 + 4 * x ** 2 + 2 * y ** 2 - x * y - 0.2 * x ** 2 * y

    def gradient(x, y):
        return _stack(4 * x ** 3 + 8 * x - y - 0.4 * x * y, 3.2 * y ** 3 + 4 * y - x - 0.2 * x ** 2)

    def hessian(x, y):
        return _stack2(12 * x ** 2 + 8 - 0.4 * y, -1 - 0.4 * x + 0 * y, 9.6 * y ** 2 + 4 + 0 * x)

    return height, gradient, hessian


def _valley(kappa: float):
    """An ill-conditioned bowl f = (x - 3)^2 + kappa (y - 3)^2: condition number kappa."""

    def height(x, y):
        return (x - 3) ** 2 + kappa * (y - 3) ** 2

    def gradient(x, y):
        return _stack(2 * (x - 3), 2 * kappa * (y - 3))

    def hessian(x, y):
        return _stack2(np.full_like(x, 2.0), np.zeros_like(x), np.full_like(x, 2.0 * kappa))

    return height, gradient, hessian


def _named() -> dict[str, Surface]:
    return {
        "phone": Surface("phone", *_bowl_and_dips(4.1, 0.9, 1.0, [(30.0, 1.5, 3.7, 2.8)]),
                         formula=r"(x-4.1)^2 + (y-0.9)^2 - 30\,e^{-((x-1.5)^2 + (y-3.7)^2)/2.8}"),
        "ripples": Surface("ripples", *_ripples(3.4, 2.6, 0.5, (2.2, 1.6), 8.0, 0.15),
                           formula=r"-8\,\mathrm{sinc}(2.2u)\,\mathrm{sinc}(1.6v) + 0.15(u^2+v^2)"),
        "valley": Surface("valley", *_valley(25.0), formula=r"(x-3)^2 + 25(y-3)^2"),
        "course": Surface("course", *_course(), bounds=(-5.0, 5.0, -5.0, 5.0),
                          formula=r"x^4 + 0.8y^4 + 4x^2 + 2y^2 - xy - 0.2x^2y"),
    }


_NAMED = _named()

#: The named surfaces :func:`sandpit` knows.
NAMES = tuple(_NAMED)


def sandpit(which: str | int = "phone", *, dips: int = 4) -> Surface:
    r"""A sandpit surface by name, or a random one by seed.

    Parameters
    ----------
    which : str or int, default "phone"
        ``"phone"``: a bowl centred at (4.1, 0.9) with a deep dip at
        (1.5, 3.7), the outline's surface; the dip's tail tilts the bowl's
        centre, so the sandpit holds one minimum, at (1.730, 3.452);
        ``"ripples"``: a rotated product of sinc bumps in a shallow bowl: in the sandpit, two
        minima, three maxima and four saddles;
        ``"valley"``: the quadratic :math:`(x-3)^2 + 25(y-3)^2`, condition
        number 25; ``"course"``: DeepLearning.AI's quartic on [-5, 5]^2.
        An integer: a random sandpit on [0, 6]^2 from that seed, a bowl
        plus ``dips`` Gaussian dips of random depth, width and place.
    dips : int, default 4
        Number of dips in a random sandpit (1 to 12); ignored for a name.

    Returns
    -------
    Surface
    """
    if isinstance(which, str):
        if which not in _NAMED:
            raise ValueError(f"which must be one of {', '.join(NAMES)} or an integer seed, got {which!r}")
        return _NAMED[which]
    if isinstance(which, bool) or not isinstance(which, numbers.Integral):
        raise TypeError(f"which must be a surface name or an integer seed, got {type(which).__name__}")
    if which < 0:
        raise ValueError(f"which (a seed) must be >= 0, got {which}")
    dips = as_number("dips", dips, low=1, high=12, integer=True)
    rng = np.random.default_rng(int(which))
    centre = rng.uniform(1.5, 4.5, size=2)
    a = rng.uniform(0.1, 0.4)
    holes = [(float(rng.uniform(2.0, 10.0)), float(rng.uniform(0.6, 5.4)), float(rng.uniform(0.6, 5.4)),
              float(rng.uniform(0.4, 2.5))) for _ in range(dips)]
    formula = (f"{a:.2f}((x-{centre[0]:.2f})^2 + (y-{centre[1]:.2f})^2) - "
               + " - ".join(f"{d:.1f}e^{{-((x-{u:.2f})^2+(y-{v:.2f})^2)/{w:.2f}}}" for d, u, v, w in holes))
    return Surface(f"sandpit {int(which)}", *_bowl_and_dips(float(centre[0]), float(centre[1]), a, holes),
                   formula=formula)


class OutOfProbes(RuntimeError):
    """Raised by :class:`Probes` when a probe would go over its budget."""


_KINDS = ("depth", "gradient", "hessian")


class Probes:
    """A surface behind a counter: every height, gradient or Hessian asked for is one probe.

    ``Probes(surface)`` answers ``depth(x, y)``, ``gradient(x, y)`` and
    ``hessian(x, y)`` for points in the sandpit only (a probe outside raises
    ValueError), counts them in :attr:`counts`, and keeps every probed point
    in :attr:`points` in order.

    Parameters
    ----------
    surface : Surface
    budget : int, optional
        At most this many probes of all kinds together; the probe after the
        last one allowed raises :class:`OutOfProbes` (and is not counted).
    kinds : sequence of {"depth", "gradient", "hessian"}, optional
        The kinds of probe allowed (default all three); asking for another
        kind raises ValueError naming it.

    Examples
    --------
    >>> probes = Probes(sandpit("phone"), budget=2, kinds=("depth",))
    >>> round(probes.depth(1.5, 3.7), 3), probes.total
    (-15.4, 1)
    """

    def __init__(self, surface: Surface, *, budget: int | None = None, kinds: Any = _KINDS):
        if not isinstance(surface, Surface):
            raise TypeError(f"surface must be a Surface (see surfaces.sandpit), got {type(surface).__name__}")
        if budget is not None:
            budget = as_number("budget", budget, low=1, integer=True)
        if isinstance(kinds, str) or not all(isinstance(k, str) for k in kinds):
            raise TypeError(f"kinds must be a sequence of names among {', '.join(_KINDS)}, got {kinds!r}")
        unknown = [k for k in kinds if k not in _KINDS]
        if unknown or not kinds:
            raise ValueError(f"kinds must be a non-empty sequence of names among {', '.join(_KINDS)}, got {list(kinds)!r}")
        self.surface = surface
        self.budget = budget
        self.kinds = tuple(kinds)
        self.counts = {"depth": 0, "gradient": 0, "hessian": 0}
        self.points: list[tuple[float, float]] = []

    def _point(self, kind: str, x: Any, y: Any) -> tuple[float, float]:
        if kind not in self.kinds:
            raise ValueError(f"{kind} probes are not allowed here: only {', '.join(self.kinds)}")
        x = as_number("x", x)
        y = as_number("y", y)
        if not self.surface.contains(x, y):
            x0, x1, y0, y1 = self.surface.bounds
            raise ValueError(f"the probe ({x}, {y}) is outside the sandpit [{x0}, {x1}] x [{y0}, {y1}]")
        if self.budget is not None and self.total >= self.budget:
            raise OutOfProbes(f"out of probes: the budget is {self.budget} and all of them are used")
        self.points.append((x, y))
        self.counts[kind] += 1
        return x, y

    def depth(self, x: Any, y: Any) -> float:
        """The height of the sand at (x, y); one probe."""
        x, y = self._point("depth", x, y)
        return float(self.surface.height(np.float64(x), np.float64(y)))

    def gradient(self, x: Any, y: Any) -> np.ndarray:
        """The gradient at (x, y); one probe."""
        x, y = self._point("gradient", x, y)
        return self.surface.gradient(np.float64(x), np.float64(y))

    def hessian(self, x: Any, y: Any) -> np.ndarray:
        """The Hessian at (x, y); one probe."""
        x, y = self._point("hessian", x, y)
        return self.surface.hessian(np.float64(x), np.float64(y))

    @property
    def total(self) -> int:
        """All probes of every kind."""
        return sum(self.counts.values())



class _Ledger:
    """The record behind a :class:`SealedProbes`: the counting probes, and the calls refused."""

    def __init__(self, probes: Probes):
        self.probes = probes
        self.attempts = 0      # every call, refused ones included
        self.over_budget = 0   # calls refused because the budget was spent


#: Each SealedProbes' ledger, kept here rather than on the object a strategy is handed.
_LEDGERS: "weakref.WeakKeyDictionary[SealedProbes, _Ledger]" = weakref.WeakKeyDictionary()


class SealedProbes:
    """:class:`Probes` behind a seal: what a strategy under test is handed by a checker.

    It answers ``depth``, ``gradient`` and ``hessian`` (those of ``kinds``)
    at points in the sandpit, and reports ``bounds``, ``budget``, ``kinds``,
    ``total``, ``counts``, ``points`` and ``attempts`` (copies). Nothing on it
    leads to the surface (so to its minimum) or to the counts the checker
    scores, and no attribute can be set: the record lives in this module
    (:func:`ledger`). Each answered call is one probe; once the budget is
    spent a call raises :class:`OutOfProbes` (not a ValueError, so
    ``except ValueError`` misses it). A probe outside the sandpit raises
    ValueError and is not counted; ``attempts`` counts every call.
    """

    __slots__ = ("__weakref__",)

    def __init__(self, surface: Surface, *, budget: int | None = None, kinds: Any = _KINDS):
        _LEDGERS[self] = _Ledger(Probes(surface, budget=budget, kinds=kinds))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"probes.{name} cannot be set: the checker keeps the count, the budget and the "
                             "kinds of probe allowed")

    def __getattr__(self, name: str) -> Any:
        if name == "surface":
            raise AttributeError("probes.surface is hidden: find the minimum from probes, not from the surface "
                                 "itself; the sandpit's edges are probes.bounds")
        raise AttributeError(f"probes has no {name!r}: it offers depth(x, y), gradient(x, y), hessian(x, y) "
                             "(those allowed), bounds, budget, kinds, total, counts, points and attempts")

    def _ask(self, kind: str, x: Any, y: Any):
        record = _LEDGERS[self]
        record.attempts += 1
        try:
            return getattr(record.probes, kind)(x, y)
        except OutOfProbes:
            record.over_budget += 1
            raise

    def depth(self, x: Any, y: Any) -> float:
        """The height of the sand at (x, y); one probe."""
        return self._ask("depth", x, y)

    def gradient(self, x: Any, y: Any) -> np.ndarray:
        """The gradient (∂f/∂x, ∂f/∂y) at (x, y), shape (2,); one probe."""
        return self._ask("gradient", x, y)

    def hessian(self, x: Any, y: Any) -> np.ndarray:
        """The Hessian at (x, y), shape (2, 2); one probe."""
        return self._ask("hessian", x, y)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """The sandpit (x0, x1, y0, y1)."""
        return tuple(_LEDGERS[self].probes.surface.bounds)

    @property
    def budget(self) -> int | None:
        """Probes allowed (None: no limit)."""
        return _LEDGERS[self].probes.budget

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of probe allowed."""
        return _LEDGERS[self].probes.kinds

    @property
    def total(self) -> int:
        """Probes answered so far."""
        return _LEDGERS[self].probes.total

    @property
    def counts(self) -> dict[str, int]:
        """Probes answered so far by kind (a copy)."""
        return dict(_LEDGERS[self].probes.counts)

    @property
    def points(self) -> list[tuple[float, float]]:
        """Every point probed, in order (a copy)."""
        return list(_LEDGERS[self].probes.points)

    @property
    def attempts(self) -> int:
        """Calls so far, refused ones (outside the sandpit, over the budget, a kind not allowed) included."""
        return _LEDGERS[self].attempts


def ledger(probes: SealedProbes) -> _Ledger:
    """The record behind ``probes``, for the checker that handed them out: ``.probes`` (the counting
    :class:`Probes`), ``.attempts`` and ``.over_budget``."""
    if not isinstance(probes, SealedProbes):
        raise TypeError(f"probes must be SealedProbes, got {type(probes).__name__}")
    return _LEDGERS[probes]


class Game:
    """The sandpit game: the phone is lost at the lowest point of the sand; probe, then guess.

    ``probe(x, y)`` reads the depth there (and the gradient too when
    ``gradient=True``), prints the reading with the count so far, and returns
    it; ``guess(x, y)`` says how far the phone is and whether that is within
    ``radius``; ``figure(reveal=False)`` draws the probes so far, with the
    sand's contours and the phone only when ``reveal=True``; ``play()`` gives
    the same game as boxes and buttons in a live notebook.

    Parameters
    ----------
    surface : Surface
    gradient : bool, default False
        Whether a probe also reads the gradient (the Jacobian of the depth);
        then each probe counts twice, one depth and one gradient.
    radius : float, default 0.05
        How close a guess must be to :attr:`Surface.minimum` to find the phone.
    """

    def __init__(self, surface: Surface, *, gradient: bool = False, radius: float = 0.05):
        if not isinstance(gradient, bool):
            raise TypeError(f"gradient must be True or False, got {type(gradient).__name__}")
        self.radius = as_number("radius", radius, low=0, low_open=True)
        self.probes = Probes(surface)
        self.with_gradient = gradient
        self.readings: list[tuple[float, float, float, np.ndarray | None]] = []
        self.found = False
        self.last = ""

    def probe(self, x: Any, y: Any, *, quiet: bool = False) -> float | tuple[float, np.ndarray]:
        """Read the depth (and gradient) at (x, y); prints the reading unless ``quiet``."""
        depth = self.probes.depth(x, y)
        g = self.probes.gradient(x, y) if self.with_gradient else None
        self.readings.append((float(x), float(y), depth, g))
        text = f"probe {len(self.readings)} at ({float(x):.3g}, {float(y):.3g}): depth {depth:.3f}"
        if g is not None:
            text += f", gradient ({g[0]:.3f}, {g[1]:.3f})"
        self.last = text
        if not quiet:
            print(text)
        return depth if g is None else (depth, g)

    def guess(self, x: Any, y: Any, *, quiet: bool = False) -> float:
        """Dig at (x, y): returns the distance to the phone, and prints it unless ``quiet``."""
        point = np.array([as_number("x", x), as_number("y", y)])
        phone, _ = self.probes.surface.minimum
        distance = float(np.linalg.norm(point - phone))
        self.found = self.found or distance <= self.radius
        verdict = "found the phone!" if distance <= self.radius else "no phone here."
        self.last = (f"dug at ({point[0]:.3g}, {point[1]:.3g}): {verdict} It is {distance:.3f} m away; "
                     f"{len(self.readings)} probes ({self.probes.total} readings) so far.")
        if not quiet:
            print(self.last)
        return distance

    def play(self):
        """A small interface for a live notebook: x and y boxes, Probe and Dig buttons, the picture, the count.

        On the static site (``MMLBOOK_STATIC`` set, as in the book's build) it
        returns a short note instead, because the buttons need a live kernel.
        """
        import io
        import os

        from .widgets import STATIC_ENV

        if os.environ.get(STATIC_ENV):
            return _Note("In a live notebook (Jupyter, Binder, Colab) this cell shows the sandpit game: "
                         "boxes for x and y, buttons to probe and to dig, and the picture of your probes.")
        import ipywidgets as w
        import matplotlib.pyplot as plt

        x0, x1, y0, y1 = self.probes.surface.bounds
        x = w.BoundedFloatText(value=(x0 + x1) / 2, min=x0, max=x1, step=0.1, description="x (m)")
        y = w.BoundedFloatText(value=(y0 + y1) / 2, min=y0, max=y1, step=0.1, description="y (m)")
        probe, dig = w.Button(description="probe here"), w.Button(description="dig here")
        reveal = w.Checkbox(value=False, description="reveal the sand")
        image = w.Image(format="png")
        status = w.HTML("Probe the sand, then dig where you think the phone is.")

        def redraw(_change=None):
            fig = self.figure(reveal=reveal.value)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png")
            plt.close(fig)
            image.value = buffer.getvalue()

        def on_probe(_button):
            self.probe(x.value, y.value, quiet=True)
            status.value = self.last
            redraw()

        def on_dig(_button):
            self.guess(x.value, y.value, quiet=True)
            status.value = self.last
            redraw()

        probe.on_click(on_probe)
        dig.on_click(on_dig)
        reveal.observe(redraw, names="value")
        redraw()
        box = w.VBox([w.HBox([x, y]), w.HBox([probe, dig, reveal]), status, image])
        box.controls = {"x": x, "y": y, "probe": probe, "dig": dig, "reveal": reveal, "status": status}
        return box

    def figure(self, reveal: bool = False):
        """The sandpit seen from above: probes (numbered), and the sand and the phone if ``reveal``."""
        from . import plotting

        fig, ax = plotting.figure(width=5.2, height=4.6, equal=True)
        if reveal:
            plotting.sandpit(ax, self.probes.surface)
            phone, _ = self.probes.surface.minimum
            ax.plot(*phone, "*", color=plotting.VERMILLION, ms=14, label="the phone")
        else:
            plotting.sandpit(ax, self.probes.surface, sand=False)
        for k, (x, y, depth, g) in enumerate(self.readings, 1):
            ax.plot(x, y, "o", color=plotting.BLACK, ms=4)
            ax.annotate(f"{k}: {depth:.1f}", (x, y), textcoords="offset points", xytext=(4, 4), fontsize=7)
        ax.set_title(f"{len(self.readings)} probes, {self.probes.total} readings"
                     + (" (sand revealed)" if reveal else ""))
        if reveal:
            ax.legend(loc="upper right", fontsize=8)
        return fig


class _Note:
    """A line of text that a notebook shows as HTML (the static stand-in for :meth:`Game.play`)."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        import html

        return f"<p><em>{html.escape(self.text)}</em></p>"

    def __repr__(self) -> str:
        return self.text
