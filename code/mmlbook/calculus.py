"""Calculus of Part II, written to be read: finite differences, dual numbers, Newton's method, gradient descent.

Three ways to get a derivative live here side by side:

* finite differences (:func:`derivative`, :func:`gradient`, :func:`jacobian`,
  :func:`hessian`): evaluate ``f`` near ``x`` and take rise over run;
* forward-mode automatic differentiation with dual numbers (:class:`Dual`,
  :func:`dual_derivative`): exact to rounding, because the chain rule is
  applied operation by operation;
* (symbolic differentiation is SymPy's job; the tests compare against it).

and three iterations that use derivatives: :func:`newton_raphson` (roots),
:func:`gradient_descent` and :func:`newton_minimize` (minima).

Every function checks what it is given, so a mistake is named in the error
message rather than lost in NumPy.

Dual numbers and NumPy
    The elementary functions that understand :class:`Dual` are the module
    functions :func:`exp`, :func:`log`, :func:`sin`, :func:`cos`, :func:`sqrt`
    and :func:`tanh`. They also accept plain numbers and arrays (then they
    are NumPy's). ``np.exp(Dual(...))`` is *not* supported: :class:`Dual`
    sets ``__array_ufunc__ = None``, so NumPy raises a ``TypeError`` rather
    than silently dropping the derivative part.
"""

from __future__ import annotations

import numbers
from typing import Any, Callable

import numpy as np

from ._validate import as_array, as_callable, as_number

__all__ = ["EPS", "default_step", "derivative", "gradient", "jacobian", "hessian",
           "Dual", "exp", "log", "sin", "cos", "sqrt", "tanh", "dual_derivative",
           "ConvergenceError", "newton_raphson", "gradient_descent", "newton_minimize"]

#: Machine epsilon of float64, the spacing of floats just above 1 (about 2.2e-16).
EPS = float(np.finfo(float).eps)


# ---------------------------------------------------------------------------
# Finite differences
# ---------------------------------------------------------------------------

def default_step(x: Any, order: int = 1) -> np.ndarray | float:
    r"""The step h that balances truncation and round-off error for a central difference.

    Parameters
    ----------
    x : float or array_like
        Where the derivative is taken.
    order : {1, 2}, default 1
        1 for the central first difference, 2 for the second difference
        (used by :func:`hessian`).

    Returns
    -------
    float or ndarray
        :math:`\varepsilon^{1/3}\max(1, |x|)` for ``order=1`` and
        :math:`\varepsilon^{1/4}\max(1, |x|)` for ``order=2``, with
        :math:`\varepsilon` the machine epsilon.

    Notes
    -----
    The central difference :math:`(f(x+h)-f(x-h))/(2h)` has truncation error
    about :math:`h^2 |f'''|/6` and round-off error about
    :math:`\varepsilon |f| / h`. Their sum is smallest when
    :math:`h^3 \propto \varepsilon`, so :math:`h \approx \varepsilon^{1/3}`
    (about 6e-6) for a function of size 1 near :math:`x` of size 1. The
    factor :math:`\max(1, |x|)` keeps ``x + h`` distinguishable from ``x``
    when ``|x|`` is large: floats near ``x`` are spaced about
    :math:`\varepsilon |x|` apart. For the second difference, truncation is
    :math:`\propto h^2` and round-off :math:`\propto \varepsilon/h^2`, so
    :math:`h \approx \varepsilon^{1/4}`.

    Examples
    --------
    >>> float(default_step(1.0)) == EPS ** (1 / 3)
    True
    >>> float(default_step(-1e6)) == EPS ** (1 / 3) * 1e6
    True
    """
    if order not in (1, 2):
        raise ValueError(f"order must be 1 or 2, got {order!r}")
    x = as_array("x", x, ndim=None)
    h = EPS ** (1.0 / (2 + order)) * np.maximum(1.0, np.abs(x))
    return float(h) if h.ndim == 0 else h


def _as_step(h: Any, x: np.ndarray, order: int) -> np.ndarray:
    """``h`` as a positive array broadcastable to ``x`` (the default if ``None``), or raise naming ``h``."""
    if h is None:
        return np.asarray(default_step(x, order), dtype=float)
    step = as_array("h", h, ndim=None)
    if np.any(step <= 0):
        raise ValueError(f"h must be > 0, got {h}")
    try:
        np.broadcast_shapes(step.shape, x.shape)
    except ValueError as exc:
        raise ValueError(f"h must be a number or match the shape of x {x.shape}, got shape {step.shape}") from exc
    return step


def _call(name: str, f: Callable, x: Any, *, shape: tuple[int, ...] | None = None) -> np.ndarray:
    """``f(x)`` as a finite float array, or raise saying which call went wrong."""
    try:
        # NumPy's warnings (log of a negative, overflow) would only say "invalid value": we check the result instead
        with np.errstate(all="ignore"):
            value = f(x)
    except Exception as exc:
        try:
            wrapped = type(exc)(f"{name}({x!r}) raised {type(exc).__name__}: {exc}")
        except Exception:  # an exception type that wants other arguments: keep the original
            raise exc
        raise wrapped from exc
    try:
        value = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must return numbers, got {type(value).__name__} from {name}({x!r})") from exc
    if shape is not None and value.shape != shape:
        raise ValueError(f"{name}({x!r}) returned shape {value.shape}, expected {shape}")
    if not np.all(np.isfinite(value)):
        raise ValueError(f"{name}({x!r}) returned a non-finite value ({value}); "
                         "is x outside the function's domain?")
    return value


def derivative(f: Callable[[Any], Any], x: Any, h: Any = None) -> float | np.ndarray:
    r"""The derivative of a function of one variable by the central difference.

    .. math:: f'(x) \approx \frac{f(x+h) - f(x-h)}{2h}

    Parameters
    ----------
    f : callable
        A function of one real variable. It is called with arrays of the shape
        of ``x`` (so ``np.sin`` or ``lambda x: x**2`` work elementwise).
    x : float or array_like
        Where to differentiate; finite. An array gives the derivative at each entry.
    h : float or array_like, optional
        Step, > 0. Default :func:`default_step` ``(x)``, that is
        :math:`\varepsilon^{1/3}\max(1,|x|)`: the step at which truncation
        error (:math:`\propto h^2`) and round-off error
        (:math:`\propto \varepsilon/h`) balance.

    Returns
    -------
    float or ndarray
        Same shape as ``x``. Exact for polynomials of degree <= 2 (up to
        rounding); otherwise the error is about :math:`h^2|f'''(x)|/6`, for
        ``f`` three times differentiable near ``x``.

    Raises
    ------
    TypeError
        ``f`` is not callable; ``x`` or ``h`` is not numbers.
    ValueError
        ``x`` or ``h`` holds NaN or inf; ``h <= 0``; ``f`` returns a value of
        another shape or a non-finite value.

    Examples
    --------
    >>> round(derivative(np.sin, 0.0), 9)
    1.0
    >>> np.round(derivative(lambda x: x**3, [1.0, 2.0]), 6)
    array([ 3., 12.])
    """
    f = as_callable("f", f)
    x = as_array("x", x, ndim=None)
    h = _as_step(h, x, 1)
    up = _call("f", f, x + h, shape=x.shape)
    down = _call("f", f, x - h, shape=x.shape)
    result = (up - down) / (2 * h)
    return float(result) if result.ndim == 0 else result


def _as_point(x: Any) -> np.ndarray:
    return as_array("x", x, ndim=1)


def gradient(f: Callable[[np.ndarray], float], x: Any, h: Any = None) -> np.ndarray:
    r"""The gradient of a scalar function of n variables by central differences.

    Entry i is :math:`(f(x + h_i e_i) - f(x - h_i e_i)) / (2h_i)`.

    Parameters
    ----------
    f : callable
        ``f(x)`` takes a 1-D array of length n and returns one number.
    x : array_like, shape (n,)
        The point; finite.
    h : float or array_like of shape (n,), optional
        Steps, > 0. Default :math:`\varepsilon^{1/3}\max(1,|x_i|)` per
        coordinate (see :func:`default_step`).

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    TypeError, ValueError
        As :func:`derivative`; also if ``x`` is not 1-D or ``f`` does not
        return a single number.

    Examples
    --------
    >>> np.round(gradient(lambda v: v[0]**2 + 3*v[1], [1.0, 5.0]), 6)
    array([2., 3.])
    """
    f = as_callable("f", f)
    return jacobian(lambda v: _call("f", f, v, shape=()), x, h)[0]


def jacobian(f: Callable[[np.ndarray], Any], x: Any, h: Any = None) -> np.ndarray:
    r"""The Jacobian matrix of a vector function by central differences.

    Column j is :math:`(f(x + h_j e_j) - f(x - h_j e_j)) / (2h_j)`, so entry
    (i, j) approximates :math:`\partial f_i / \partial x_j`.

    Parameters
    ----------
    f : callable
        ``f(x)`` takes a 1-D array of length n and returns a 1-D array of length m
        (a single number counts as m = 1).
    x : array_like, shape (n,)
        The point; finite.
    h : float or array_like of shape (n,), optional
        Steps, > 0. Default :math:`\varepsilon^{1/3}\max(1,|x_j|)`.

    Returns
    -------
    ndarray, shape (m, n)

    Raises
    ------
    TypeError, ValueError
        As :func:`derivative`; also if ``x`` is not 1-D or ``f`` returns
        arrays of different shapes or of more than one dimension.

    Examples
    --------
    >>> np.round(jacobian(lambda v: np.array([v[0] * v[1], v[0] + v[1]]), [2.0, 3.0]), 6)
    array([[3., 2.],
           [1., 1.]])
    """
    f = as_callable("f", f)
    x = _as_point(x)
    h = np.broadcast_to(_as_step(h, x, 1), x.shape)
    first = _call("f", f, x.copy())
    if first.ndim > 1:
        raise ValueError(f"f must return a number or a 1-D array, got shape {first.shape}")
    J = np.empty((first.size, x.size))
    for j in range(x.size):
        step = np.zeros_like(x)
        step[j] = h[j]
        up = _call("f", f, x + step, shape=first.shape).reshape(-1)
        down = _call("f", f, x - step, shape=first.shape).reshape(-1)
        J[:, j] = (up - down) / (2 * h[j])
    return J


def hessian(f: Callable[[np.ndarray], float], x: Any, h: Any = None) -> np.ndarray:
    r"""The Hessian matrix of a scalar function by central second differences.

    .. math::
        H_{ij} \approx \frac{f(x+h_ie_i+h_je_j) - f(x+h_ie_i-h_je_j)
                             - f(x-h_ie_i+h_je_j) + f(x-h_ie_i-h_je_j)}{4h_ih_j}

    Parameters
    ----------
    f : callable
        ``f(x)`` takes a 1-D array of length n and returns one number.
    x : array_like, shape (n,)
        The point; finite.
    h : float or array_like of shape (n,), optional
        Steps, > 0. Default :math:`\varepsilon^{1/4}\max(1,|x_i|)`: a second
        difference divides by :math:`h^2`, so round-off grows like
        :math:`\varepsilon/h^2` while truncation shrinks like :math:`h^2`;
        they balance at :math:`h\approx\varepsilon^{1/4}` (about 1.2e-4).

    Returns
    -------
    ndarray, shape (n, n)
        Symmetric (the formula is symmetric in i and j). For ``f`` twice
        continuously differentiable the true Hessian is symmetric too.

    Raises
    ------
    TypeError, ValueError
        As :func:`gradient`.

    Examples
    --------
    >>> np.round(hessian(lambda v: v[0]**2 * v[1] + v[1]**3, [1.0, 2.0]), 5)
    array([[ 4.,  2.],
           [ 2., 12.]])
    """
    f = as_callable("f", f)
    x = _as_point(x)
    h = np.broadcast_to(_as_step(h, x, 2), x.shape)
    n = x.size

    def value(point: np.ndarray) -> float:
        return float(_call("f", f, point, shape=()))

    H = np.empty((n, n))
    for i in range(n):
        for j in range(i, n):
            ei = np.zeros(n)
            ej = np.zeros(n)
            ei[i] = h[i]
            ej[j] = h[j]
            H[i, j] = H[j, i] = (value(x + ei + ej) - value(x + ei - ej)
                                 - value(x - ei + ej) + value(x - ei - ej)) / (4 * h[i] * h[j])
    return H


# ---------------------------------------------------------------------------
# Forward-mode automatic differentiation
# ---------------------------------------------------------------------------

class Dual:
    r"""A dual number :math:`a + b\,\epsilon` with :math:`\epsilon^2 = 0`: a value and its derivative.

    Arithmetic on dual numbers is the sum, product, quotient and chain rules:
    if ``u = Dual(u(x), u'(x))`` and ``v = Dual(v(x), v'(x))`` then
    ``u * v`` is ``Dual(u v, u' v + u v')``. Evaluating a function on
    ``Dual(x, 1)`` therefore carries :math:`f'(x)` along with :math:`f(x)`.

    Supported: ``+ - * /`` with numbers or duals (either side), unary ``-``
    and ``abs`` (away from 0), ``**`` with a number or dual exponent, and the
    module functions :func:`exp`, :func:`log`, :func:`sin`, :func:`cos`,
    :func:`sqrt`, :func:`tanh`. NumPy ufuncs (``np.sin(d)``) raise a TypeError
    on purpose: use ``mmlbook.calculus.sin(d)``.

    Parameters
    ----------
    value : float or ndarray
        The real part :math:`a` (the function value).
    deriv : float or ndarray, default 0
        The dual part :math:`b` (the derivative).

    Examples
    --------
    >>> d = Dual(3.0, 1.0) ** 2 + 1
    >>> d.value, d.deriv
    (10.0, 6.0)
    """

    __slots__ = ("value", "deriv")
    __array_ufunc__ = None  # make NumPy defer to us (and np.sin(Dual) raise) instead of building object arrays

    def __init__(self, value: Any, deriv: Any = 0.0) -> None:
        for name, part in (("value", value), ("deriv", deriv)):
            if isinstance(part, Dual):
                raise TypeError(f"{name} must be a number or array, not a Dual (nested duals are not supported)")
            if isinstance(part, bool) or not isinstance(part, (numbers.Real, np.ndarray, np.generic)):
                raise TypeError(f"{name} must be a real number or array, got {type(part).__name__}")
        self.value = value
        self.deriv = deriv

    def __repr__(self) -> str:
        return f"Dual({self.value!r}, {self.deriv!r})"

    @staticmethod
    def _lift(other: Any) -> "Dual":
        if isinstance(other, Dual):
            return other
        if isinstance(other, (numbers.Real, np.ndarray, np.generic)) and not isinstance(other, bool):
            return Dual(other, 0.0)
        return NotImplemented

    def __add__(self, other: Any) -> "Dual":
        o = self._lift(other)
        if o is NotImplemented:
            return o
        return Dual(self.value + o.value, self.deriv + o.deriv)

    __radd__ = __add__

    def __sub__(self, other: Any) -> "Dual":
        o = self._lift(other)
        if o is NotImplemented:
            return o
        return Dual(self.value - o.value, self.deriv - o.deriv)

    def __rsub__(self, other: Any) -> "Dual":
        o = self._lift(other)
        if o is NotImplemented:
            return o
        return o - self

    def __neg__(self) -> "Dual":
        return Dual(-self.value, -self.deriv)

    def __pos__(self) -> "Dual":
        return self

    def __mul__(self, other: Any) -> "Dual":
        o = self._lift(other)
        if o is NotImplemented:
            return o
        # product rule
        return Dual(self.value * o.value, self.deriv * o.value + self.value * o.deriv)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> "Dual":
        o = self._lift(other)
        if o is NotImplemented:
            return o
        if np.any(np.asarray(o.value) == 0):
            raise ZeroDivisionError("division of a Dual by zero")
        # quotient rule: (u/v)' = (u' v - u v') / v^2
        return Dual(self.value / o.value, (self.deriv * o.value - self.value * o.deriv) / o.value ** 2)

    def __rtruediv__(self, other: Any) -> "Dual":
        o = self._lift(other)
        if o is NotImplemented:
            return o
        return o / self

    def __pow__(self, other: Any) -> "Dual":
        if isinstance(other, Dual):
            # u^v = exp(v log u): needs u > 0
            return exp(other * log(self))
        if isinstance(other, bool) or not isinstance(other, (numbers.Real, np.generic)):
            return NotImplemented
        n = float(other)
        if n == 0:
            return Dual(np.ones_like(np.asarray(self.value, dtype=float))[()], 0.0 * np.asarray(self.deriv))
        # power rule: (u^n)' = n u^(n-1) u'
        return Dual(self.value ** n, n * self.value ** (n - 1) * self.deriv)

    def __rpow__(self, other: Any) -> "Dual":
        if isinstance(other, bool) or not isinstance(other, (numbers.Real, np.generic)):
            return NotImplemented
        if other <= 0:
            raise ValueError(f"base ** Dual needs a base > 0, got {other}")
        # a^u = exp(u ln a)
        return exp(self * float(np.log(other)))

    def __abs__(self) -> "Dual":
        if np.any(np.asarray(self.value) == 0):
            raise ValueError("abs is not differentiable at 0")
        sign = np.sign(self.value)
        return Dual(abs(self.value), sign * self.deriv)


def _elementary(name: str, fn: Callable, dfn: Callable, domain: Callable | None = None,
                domain_text: str = "") -> Callable:
    """A function that applies ``fn`` to numbers and applies ``fn`` with the chain rule to a :class:`Dual`."""

    def apply(u: Any) -> Any:
        x = u.value if isinstance(u, Dual) else u
        if domain is not None and not np.all(domain(np.asarray(x, dtype=float))):
            raise ValueError(f"{name} needs {domain_text}, got {x}")
        if isinstance(u, Dual):
            # chain rule: (g(u))' = g'(u) u'
            return Dual(fn(u.value), dfn(u.value) * u.deriv)
        return fn(u)

    apply.__name__ = name
    apply.__qualname__ = name
    apply.__doc__ = (f"``{name}`` of a number, an array or a :class:`Dual` (with the chain rule).\n\n"
                     f"Examples\n--------\n>>> d = {name}(Dual(0.5, 1.0))\n"
                     f">>> bool(np.isclose(d.deriv, derivative(np.{name}, 0.5)))\nTrue\n")
    return apply


exp = _elementary("exp", np.exp, np.exp)
log = _elementary("log", np.log, lambda x: 1.0 / x, lambda x: x > 0, "x > 0")
sin = _elementary("sin", np.sin, np.cos)
cos = _elementary("cos", np.cos, lambda x: -np.sin(x))
sqrt = _elementary("sqrt", np.sqrt, lambda x: 0.5 / np.sqrt(x), lambda x: x > 0,
                   "x > 0 (sqrt is not differentiable at 0)")
tanh = _elementary("tanh", np.tanh, lambda x: 1.0 - np.tanh(x) ** 2)


def dual_derivative(f: Callable[[Any], Any], x: Any) -> float | np.ndarray:
    r"""The derivative :math:`f'(x)` by forward-mode automatic differentiation.

    ``f`` is evaluated once on ``Dual(x, 1)``; the dual part of the result is
    :math:`f'(x)`, exact up to rounding (no step h, no truncation error).

    Parameters
    ----------
    f : callable
        A function of one variable written with ``+ - * / **`` and the
        elementary functions of this module (``calculus.exp``, not ``np.exp``).
    x : float or array_like
        Where to differentiate; finite. An array gives the derivative at each
        entry (``f`` must then work elementwise).

    Returns
    -------
    float or ndarray
        Same shape as ``x``.

    Raises
    ------
    TypeError
        ``f`` is not callable, or ``f`` uses a function that does not know
        about dual numbers (e.g. ``np.sin`` or ``math.sin``).
    ValueError
        ``x`` holds NaN or inf, or is outside the domain of a function ``f`` uses.

    Examples
    --------
    >>> dual_derivative(lambda x: x**3 + 2*x, 2.0)
    14.0
    >>> dual_derivative(lambda x: sin(x) * exp(x), 0.0)
    1.0
    """
    f = as_callable("f", f)
    x = as_array("x", x, ndim=None)
    seed = Dual(x[()] if x.ndim == 0 else x, np.ones_like(x)[()] if x.ndim == 0 else np.ones_like(x))
    try:
        out = f(seed)
    except TypeError as exc:
        raise TypeError(f"f(Dual) raised TypeError: {exc}. Write f with mmlbook.calculus.exp, log, sin, cos, "
                        "sqrt, tanh rather than np.* or math.* functions") from exc
    if isinstance(out, Dual):
        d = np.broadcast_to(np.asarray(out.deriv, dtype=float), x.shape)
    else:  # f ignored its argument: a constant
        d = np.zeros(x.shape)
    return float(d) if d.ndim == 0 else d.copy()


# ---------------------------------------------------------------------------
# Iterations
# ---------------------------------------------------------------------------

class ConvergenceError(ValueError):
    """An iteration did not converge; ``history`` holds the iterates computed so far (an array)."""

    def __init__(self, message: str, history: Any) -> None:
        super().__init__(message)
        self.history = np.asarray(history, dtype=float)


def newton_raphson(f: Callable[[float], float], df: Callable[[float], float], x0: float,
                   tol: float = 1e-12, max_iter: int = 100) -> tuple[float, np.ndarray]:
    r"""A root of ``f`` by Newton-Raphson: :math:`x_{k+1} = x_k - f(x_k)/f'(x_k)`.

    Parameters
    ----------
    f, df : callable
        The function and its derivative, each taking and returning one number.
    x0 : float
        The starting point.
    tol : float, default 1e-12
        Stop when the step is small relative to the iterate,
        :math:`|x_{k+1}-x_k| \le \mathrm{tol}\cdot\max(1,|x_{k+1}|)`, or when
        :math:`f(x_k) = 0` exactly. Must be > 0.
    max_iter : int, default 100
        The most steps taken, >= 1.

    Returns
    -------
    root : float
        The last iterate.
    history : ndarray, shape (k+1,)
        Every iterate, ``history[0] == x0`` and ``history[-1] == root``.

    Raises
    ------
    ValueError
        ``df`` is zero at an iterate (the tangent is flat: the message names
        the iterate); ``f`` or ``df`` returns NaN or inf.
    ConvergenceError
        (a ValueError) no convergence within ``max_iter`` steps (e.g. the
        iterates cycle, as for :math:`x^3-2x+2` from :math:`x_0=0`) or an
        iterate overflows. Its ``history`` attribute holds the iterates, so a
        chapter can draw the cycle.

    Notes
    -----
    Near a simple root (:math:`f(r)=0\ne f'(r)`, ``f`` twice continuously
    differentiable) and from a start close enough, the number of correct
    digits roughly doubles each step. Far from a root nothing is guaranteed.

    Examples
    --------
    >>> root, history = newton_raphson(lambda x: x**2 - 2, lambda x: 2*x, 1.0)
    >>> bool(abs(root - 2**0.5) < 1e-15), len(history)
    (True, 7)
    """
    f = as_callable("f", f)
    df = as_callable("df", df)
    x = as_number("x0", x0)
    tol = as_number("tol", tol, low=0, low_open=True)
    max_iter = as_number("max_iter", max_iter, low=1, integer=True)
    history = [x]
    for k in range(max_iter):
        fx = float(_call("f", f, x, shape=()))
        if fx == 0.0:
            return x, np.array(history)
        slope = float(_call("df", df, x, shape=()))
        if slope == 0.0:
            raise ValueError(f"df is zero at iterate {k}, x = {x!r}: the tangent is flat and "
                             "Newton-Raphson's step f(x)/df(x) is undefined; try another x0")
        with np.errstate(over="ignore"):
            x_new = x - fx / slope
        if not np.isfinite(x_new):
            raise ConvergenceError(f"iterate {k + 1} overflowed (from x = {x!r}, f = {fx!r}, df = {slope!r})",
                                   history)
        history.append(x_new)
        if abs(x_new - x) <= tol * max(1.0, abs(x_new)):
            return x_new, np.array(history)
        x = x_new
    raise ConvergenceError(f"Newton-Raphson did not converge in max_iter = {max_iter} steps from x0 = {x0!r}; "
                           f"the last iterates were {history[-3:]} (a cycle or a divergence?). "
                           "The iterates are in this error's .history", history)


def _as_start(x0: Any) -> np.ndarray:
    return as_array("x0", x0, ndim=(0, 1))


def _as_steps(steps: Any) -> int:
    return as_number("steps", steps, low=1, integer=True)


def gradient_descent(grad: Callable[[Any], Any], x0: Any, lr: float, steps: int) -> np.ndarray:
    r"""Gradient descent with a fixed learning rate: :math:`x_{k+1} = x_k - \eta\,\nabla f(x_k)`.

    Parameters
    ----------
    grad : callable
        The gradient: takes an iterate (a number, or a 1-D array of length n)
        and returns one of the same shape.
    x0 : float or array_like, shape (n,)
        The starting point; finite.
    lr : float
        The learning rate (step size) :math:`\eta`, > 0.
    steps : int
        How many steps, >= 1.

    Returns
    -------
    path : ndarray, shape (steps+1,) for a number ``x0``, else (steps+1, n)
        Every iterate; ``path[0]`` is ``x0``.

    Raises
    ------
    TypeError
        ``grad`` is not callable; ``steps`` is not an int.
    ValueError
        ``lr <= 0``; ``x0`` is not finite or has more than one dimension;
        ``grad`` returns another shape or NaN/inf.
    ConvergenceError
        (a ValueError) an iterate overflowed: the learning rate is too large
        for this function. ``history`` holds the finite part of the path.

    Notes
    -----
    For ``f`` with an L-Lipschitz gradient (e.g. a quadratic whose Hessian has
    largest eigenvalue L), ``0 < lr < 2/L`` makes ``f`` decrease every step;
    larger steps can oscillate and diverge.

    Examples
    --------
    >>> gradient_descent(lambda x: 2 * x, 1.0, lr=0.25, steps=3)
    array([1.   , 0.5  , 0.25 , 0.125])
    """
    grad = as_callable("grad", grad)
    x = _as_start(x0)
    lr = as_number("lr", lr, low=0, low_open=True)
    steps = _as_steps(steps)
    path = np.empty((steps + 1,) + x.shape)
    path[0] = x
    for k in range(steps):
        try:
            g = _call("grad", grad, x[()] if x.ndim == 0 else x.copy(), shape=x.shape)
        except ValueError as exc:
            if "non-finite" not in str(exc) or k == 0:
                raise
            raise ConvergenceError(f"gradient descent diverged: the gradient at iterate {k} is non-finite "
                                   f"(lr = {lr}); try a smaller learning rate. The finite iterates are in "
                                   "this error's .history", path[:k + 1]) from exc
        with np.errstate(over="ignore", invalid="ignore"):
            x = x - lr * g
        if not np.all(np.isfinite(x)):
            raise ConvergenceError(f"gradient descent diverged: iterate {k + 1} overflowed with lr = {lr}; "
                                   "try a smaller learning rate. The finite iterates are in this error's .history",
                                   path[:k + 1])
        path[k + 1] = x
    return path


def newton_minimize(grad: Callable[[Any], Any], hess: Callable[[Any], Any], x0: Any, steps: int) -> np.ndarray:
    r"""Newton's method for a stationary point: :math:`x_{k+1} = x_k - H(x_k)^{-1}\nabla f(x_k)`.

    Parameters
    ----------
    grad : callable
        The gradient: an iterate (number, or 1-D array of length n) to the same shape.
    hess : callable
        The Hessian: an iterate to a number (n = 1) or an n x n array.
    x0 : float or array_like, shape (n,)
        The starting point; finite.
    steps : int
        How many steps, >= 1.

    Returns
    -------
    path : ndarray, shape (steps+1,) for a number ``x0``, else (steps+1, n)
        Every iterate; ``path[0]`` is ``x0``.

    Raises
    ------
    ValueError
        The Hessian is singular (or numerically so: smallest singular value
        below :math:`n\varepsilon` times the largest) at an iterate: the message
        names the iterate. Bad shapes or non-finite values from ``grad``/``hess``.
    ConvergenceError
        (a ValueError) an iterate overflowed.

    Notes
    -----
    Newton's step jumps to the stationary point of the local quadratic model,
    so it finds maxima and saddles as readily as minima: it descends only
    where the Hessian is positive definite. For a strictly convex quadratic
    it lands on the minimum in one step.

    Examples
    --------
    >>> newton_minimize(lambda v: np.array([2*v[0], 8*v[1]]), lambda v: np.diag([2.0, 8.0]), [3.0, -1.0], 1)
    array([[ 3., -1.],
           [ 0.,  0.]])
    """
    grad = as_callable("grad", grad)
    hess = as_callable("hess", hess)
    x = _as_start(x0)
    steps = _as_steps(steps)
    n = max(x.size, 1)
    path = np.empty((steps + 1,) + x.shape)
    path[0] = x
    for k in range(steps):
        point = x[()] if x.ndim == 0 else x.copy()
        g = _call("grad", grad, point, shape=x.shape).reshape(n)
        H = _call("hess", hess, point, shape=() if x.ndim == 0 else (n, n)).reshape(n, n)
        s = np.linalg.svd(H, compute_uv=False)
        if s[-1] <= n * EPS * s[0] or s[0] == 0.0:
            raise ValueError(f"the Hessian is singular at iterate {k}, x = {point!r} (singular values {s}): "
                             "Newton's step H^-1 grad is undefined; start elsewhere or use gradient descent")
        with np.errstate(over="ignore", invalid="ignore"):
            x = x - np.linalg.solve(H, g).reshape(x.shape)
        if not np.all(np.isfinite(x)):
            raise ConvergenceError(f"Newton's method diverged: iterate {k + 1} overflowed", path[:k + 1])
        path[k + 1] = x
    return path
