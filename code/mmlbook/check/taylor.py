"""Checkers for Chapter 10, *Taylor series and linearisation*.

The reader writes

* ``taylor_polynomial(derivatives, a, order, x)``: the Taylor polynomial of
  degree ``order`` about ``a``, :math:`\\sum_{k=0}^{n} f^{(k)}(a)(x-a)^k/k!`,
  at every entry of the array ``x``, where ``derivatives[k]`` is
  :math:`f^{(k)}(a)` (the array may hold more derivatives than the order needs);
* ``quadratic_minimiser(gradient, hessian, x)``: the minimiser
  :math:`\\mathbf{x} - \\mathbf{H}^{-1}\\nabla f` of the second-order model of a
  loss about ``x``, raising ``ValueError`` when the Hessian is not positive
  definite (the model then has no minimum).

Each checker calls the reader's function on fixed probes (expansion points other
than 0, orders 0 to 7, inputs scaled by 1e-3 and 1e6) and compares with the right
answer within a tolerance relative to the answer's scale that a float32
computation meets. When they differ it compares with typical mistakes and names
the one it finds; otherwise it shows one probe with the expected and returned value.
"""

from __future__ import annotations

from collections.abc import Callable
from math import factorial
from typing import Any

import numpy as np

from ._core import Failure, Result, as_result_array, call, close, quietly, run

__all__ = ["taylor_polynomial", "quadratic_minimiser"]

# Far tighter than any mistake below, loose enough for float32 (about 7 digits).
_RTOL = 1e-5


def _scaled_close(got: Any, wanted: Any, right: Any) -> bool:
    """Equal up to rounding relative to the scale of the right answer's terms."""
    scale = float(np.max(np.abs(np.asarray(right, dtype=float)), initial=0.0))
    return close(got, wanted, rtol=_RTOL, atol=_RTOL * scale)


# --- taylor_polynomial ------------------------------------------------------------------


def _terms(d, a, n, x, *, coefficient=lambda k: 1 / factorial(k), centre=True, first=0):
    """The terms d[k] c(k) (x - a)^k for k = first..n, summed: the shape of most mistakes."""
    x = np.asarray(x, dtype=float)
    h = x - a if centre else x
    total = np.zeros_like(h)
    for k in range(first, n + 1):
        total = total + d[k] * coefficient(k) * h**k
    return total


def _reference(d, a, n, x):
    return _terms(d, a, n, x)


def _largest_term(d, a, n, x):
    """The largest |f^(k)(a)(x - a)^k / k!| over k and x: the scale the tolerance is relative to."""
    h = np.asarray(x, dtype=float) - a
    return max(float(np.max(np.abs(d[k] * h**k / factorial(k)))) for k in range(n + 1))


def _exp_derivs(a, count, rate=1.0):
    """Derivatives of exp(rate x) at a: rate^k exp(rate a)."""
    return np.array([rate**k * np.exp(rate * a) for k in range(count)])


def _cos_derivs(a, count):
    return np.array([np.cos(a + k * np.pi / 2) for k in range(count)])


def _log1p_derivs(a, count):
    """Derivatives of ln(1 + x) at a: ln(1 + a), then (-1)^(k-1) (k-1)! / (1 + a)^k."""
    return np.array([np.log1p(a)] + [(-1) ** (k - 1) * factorial(k - 1) / (1 + a) ** k
                                     for k in range(1, count)])


def _probe(derivs, a, order, x):
    return (np.asarray(derivs, dtype=float), float(a), int(order), np.asarray(x, dtype=float))


# (derivatives, a, order, x): expansion points other than 0, every order 0..7, more
# derivatives than the order needs (so that "used them all" and "one too many" differ
# from the right answer), and probes scaled by 1e-3 (x and a) and by 1e6 (the values).
_TAYLOR_PROBES = (
    _probe(_exp_derivs(0.5, 3), 0.5, 0, [-1.0, 0.5, 1.5, 2.0]),
    _probe(_exp_derivs(0.5, 4), 0.5, 1, [-1.0, 0.0, 1.5, 2.5]),
    _probe(_cos_derivs(1.0, 6), 1.0, 2, [-0.5, 0.0, 1.0, 2.0, 3.0]),
    _probe(_exp_derivs(0.5, 7), 0.5, 4, [-1.5, -0.5, 0.5, 1.0, 2.5]),
    _probe(_log1p_derivs(0.3, 9), 0.3, 6, [-0.4, 0.0, 0.3, 0.8, 1.1]),
    _probe(_cos_derivs(-2.0, 10), -2.0, 7, [-4.0, -3.0, -2.0, 0.0, 1.0]),
    _probe(_cos_derivs(2.0, 7), 2.0, 5, [-1.0, 0.5, 2.0, 3.5, 5.0]),   # the course's cos(x) about 2
    _probe(1e6 * _exp_derivs(2e-3, 7, rate=1e3), 2e-3, 5,                # small x and a, large values
           [1e-3, 1.5e-3, 2e-3, 3e-3, 4e-3]),
    _probe(_exp_derivs(300.0, 6, rate=1e-2), 300.0, 3, [100.0, 250.0, 300.0, 420.0]),
    _probe(_log1p_derivs(-0.2, 10), -0.2, 7, [-0.9, 0.5, 1.5, 2.5]),   # beyond the radius 0.8: still a polynomial
)

#: (what a wrong function computes, what to tell its author)
TAYLOR_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda d, a, n, x: _terms(d, a, n, x, coefficient=lambda k: 1 / max(k, 1)),
     "The coefficients are divided by k, not by k! (k factorial): the k-th term is "
     "f⁽ᵏ⁾(a)(x − a)ᵏ / k!, so use math.factorial(k) (for k = 0 and 1 both give 1, "
     "so the mistake shows from the x² term on)."),
    (lambda d, a, n, x: _terms(d, a, n, x, coefficient=lambda k: 1.0),
     "The factorials are missing: the k-th term is f⁽ᵏ⁾(a)(x − a)ᵏ / k!, not f⁽ᵏ⁾(a)(x − a)ᵏ. "
     "Divide each term by math.factorial(k)."),
    (lambda d, a, n, x: _terms(d, a, n, x, coefficient=lambda k: 1 / factorial(k + 1)),
     "Each term is divided by (k + 1)! instead of k!: the constant term f(a) has 0! = 1 below it. "
     "If you loop over range(1, order + 2), shift the factorial too."),
    (lambda d, a, n, x: _terms(d, a, n, x, centre=False),
     "The powers are of x, not of x − a: that is the Maclaurin form, right only when a = 0. "
     "About a point a, every term has (x − a)ᵏ."),
    (lambda d, a, n, x: _terms(d, -a, n, x),
     "The powers are of x + a: the Taylor polynomial about a uses the distance x − a."),
    (lambda d, a, n, x: _terms(d, a, n, 2 * a - np.asarray(x, dtype=float)),
     "The powers are of a − x: the terms with odd k have the wrong sign. Use (x - a)**k."),
    (lambda d, a, n, x: _terms(d, a, n - 1, x),
     "One term is missing: a polynomial of order n has the n + 1 terms k = 0, 1, ..., n, "
     "so loop over range(order + 1), not range(order)."),
    (lambda d, a, n, x: _terms(d, a, n + 1, x),
     "One term too many: order n means the terms k = 0, 1, ..., n, so loop over "
     "range(order + 1), not range(order + 2)."),
    (lambda d, a, n, x: _terms(d, a, len(d) - 1, x),
     "It uses every derivative it is given and ignores order: sum only the terms "
     "k = 0, 1, ..., order."),
    (lambda d, a, n, x: _terms(d, a, n, x, first=1),
     "The constant term f(a) is missing: the sum starts at k = 0, with (x − a)⁰/0! = 1."),
    (lambda d, a, n, x: _terms(d, a, n, x, first=n),
     "Only the last term is returned: inside the loop, add each term to a running total "
     "(total = total + term) instead of overwriting it."),
    (lambda d, a, n, x: _terms(np.concatenate([d[1:], [0.0]]), a, n, x),
     "The derivatives are shifted by one: derivatives[0] is f(a) itself and derivatives[k] "
     "is f⁽ᵏ⁾(a), so the k-th term uses derivatives[k]."),
    (lambda d, a, n, x: _terms(d, a, n, x, coefficient=lambda k: 1 / 2**k),
     "The terms are divided by 2ᵏ instead of k!: the coefficient of (x − a)ᵏ is f⁽ᵏ⁾(a)/k!."),
)


def _taylor_output(function: Callable, probe: tuple) -> np.ndarray:
    derivs, a, order, x = probe
    given_d, given_x = derivs.copy(), x.copy()
    try:
        value = call(function, "taylor_polynomial", given_d, a, order, given_x)
    except Failure as failure:
        try:  # Works for one number? Then it is not vectorised.
            function(derivs.copy(), a, order, float(x[0]))
        except Exception:  # the reader's code may raise anything: report the array call
            raise failure from None
        raise Failure(f"{failure}. It works for one number x but not for an array of them: use "
                      "NumPy operations on the whole array x (x - a, ** k), not math.pow or an "
                      "if on x.") from None
    if not (np.array_equal(given_d, derivs) and np.array_equal(given_x, x)):
        raise Failure("taylor_polynomial changed an array it was given (x or derivatives). Avoid "
                      "in-place operations such as x -= a: write h = x - a instead.")
    out = as_result_array(value, "taylor_polynomial")
    if out.size == 1 and order == 0:
        # f(a) + sum(... for k in range(1, 1)) is one number: right, since T_0 is a constant.
        out = np.full(x.shape, float(out.reshape(-1)[0]))
    if out.size == 1 and x.size > 1:
        raise Failure(f"taylor_polynomial with an array x of {x.size} values returned a single "
                      "number: it should return the polynomial's value at every entry of x. "
                      "Sum over the terms k, not over x (no np.sum over the x axis).")
    if out.shape != x.shape:
        raise Failure(f"taylor_polynomial should return an array shaped like x, {x.shape}, "
                      f"but it returned shape {out.shape}.")
    return out


def _check_taylor(function: Callable) -> str:
    outputs = [_taylor_output(function, probe) for probe in _TAYLOR_PROBES]
    expected = [_reference(*probe) for probe in _TAYLOR_PROBES]
    # The scale of a probe is its largest term, so cancellation does not hide a mistake.
    scales = [_largest_term(*probe) for probe in _TAYLOR_PROBES]
    if all(_scaled_close(out, want, s) for out, want, s in zip(outputs, expected, scales)):
        return (f"correct on {len(_TAYLOR_PROBES)} probes: orders 0 to 7, expansion points "
                "from -2 to 300 (never 0), x beyond the radius of convergence, arrays of x, values scaled by up to 1e6.")
    for mistake, message in TAYLOR_MISTAKES:
        if all(_scaled_close(out, quietly(mistake, *probe), s)
               for out, probe, s in zip(outputs, _TAYLOR_PROBES, scales)):
            raise Failure(message)
    for out, want, s, (derivs, a, order, x) in zip(outputs, expected, scales, _TAYLOR_PROBES):
        if not _scaled_close(out, want, s):
            i = int(np.argmax(np.abs(out - want) / (np.abs(want) + s)))
            raise Failure(f"With derivatives {np.array2string(derivs[:order + 1], precision=4)}, "
                          f"a = {a:g}, order = {order}: at x = {x[i]:g} the polynomial is "
                          f"{want[i]:.6g}, but your function returned {out[i]:.6g}. Compare your "
                          "code with the formula term by term.")
    raise AssertionError("unreachable: some probe differs")  # pragma: no cover


def taylor_polynomial(function: Any) -> Result:
    """Check a reader's ``taylor_polynomial(derivatives, a, order, x)``.

    Parameters
    ----------
    function : callable
        ``function(derivatives, a, order, x)`` with ``derivatives[k]`` the k-th
        derivative at ``a`` (``len(derivatives) > order``), ``a`` a number,
        ``order`` an int and ``x`` a 1-D array; it should return
        :math:`\\sum_{k=0}^{order} f^{(k)}(a)(x-a)^k/k!` at each entry of ``x``.

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
    >>> import numpy as np
    >>> from math import factorial
    >>> def taylor(d, a, n, x):
    ...     return sum(d[k] * (x - a) ** k / factorial(k) for k in range(n + 1)) + 0 * x
    >>> bool(taylor_polynomial(taylor))
    True
    """
    return run("taylor_polynomial", function, _check_taylor)


# --- quadratic_minimiser -------------------------------------------------------------------


def _spd(eigenvalues, angle):
    c, s = np.cos(angle), np.sin(angle)
    rotation = np.array([[c, -s], [s, c]])
    return rotation @ np.diag(eigenvalues) @ rotation.T


_H3 = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, -0.8], [0.5, -0.8, 2.0]])

# (gradient, hessian, x): positive definite Hessians, never diagonal (so that
# dividing by the diagonal is wrong), never the identity, and scaled by 1e±6.
_QUAD_PROBES = (
    (np.array([1.0, -2.0]), _spd([3.0, 0.5], 0.4), np.array([0.5, 1.5])),
    (np.array([-0.3, 0.8]), _spd([10.0, 2.0], -1.0), np.array([-2.0, 3.0])),
    (np.array([2.0, 1.0, -1.5]), _H3, np.array([1.0, -1.0, 2.0])),
    (np.array([1e-6, -3e-6]), 1e-6 * _spd([2.0, 0.7], 0.9), np.array([4.0, -1.0])),
    (np.array([5e5, 2e5]), 1e6 * _spd([1.5, 4.0], 2.0), np.array([1e-3, 2e-3])),
)

# Hessians with no minimum: indefinite (a saddle), negative definite (a maximum), and a
# saddle whose diagonal is positive (which a test of the diagonal alone misses).
_NOT_PD = (
    (np.array([1.0, 0.5]), np.array([[2.0, 0.0], [0.0, -1.0]]), np.array([0.3, -0.2])),
    (np.array([0.2, -1.0]), -_spd([2.0, 1.0], 0.3), np.array([1.0, 1.0])),
    (np.array([-0.5, 0.4]), np.array([[1.0, 2.0], [2.0, 1.0]]), np.array([2.0, 0.0])),  # diagonal > 0
)


def _solve(H, g):
    return np.linalg.solve(H, g)


QUAD_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda g, H, x: x + _solve(H, g),
     "The step has the wrong sign: the minimiser is x − H⁻¹∇f. Adding H⁻¹∇f walks uphill."),
    (lambda g, H, x: -_solve(H, g),
     "It returns the step −H⁻¹∇f, not the new point: add it to x, x − H⁻¹∇f."),
    (lambda g, H, x: x - H @ g,
     "It multiplies by the Hessian instead of its inverse: x − H∇f. Solve H d = ∇f for d "
     "(np.linalg.solve(hessian, gradient)) and return x − d."),
    (lambda g, H, x: x - g,
     "It takes a gradient step x − ∇f, which ignores the curvature: the quadratic model's "
     "minimiser is x − H⁻¹∇f."),
    (lambda g, H, x: x - g / np.diag(H),
     "It divides the gradient by the diagonal of H entry by entry, which ignores the "
     "off-diagonal entries: use the inverse of the whole matrix, np.linalg.solve(hessian, gradient)."),
    (lambda g, H, x: x - 0.5 * _solve(H, g),
     "The step is half the right one: with the model f + ∇fᵀd + ½ dᵀHd, setting the gradient "
     "∇f + Hd to zero gives d = −H⁻¹∇f (the ½ cancels against the 2 from differentiating dᵀHd)."),
    (lambda g, H, x: x - 2 * _solve(H, g),
     "The step is twice the right one: the model is f + ∇fᵀd + ½ dᵀHd, and its minimiser is "
     "d = −H⁻¹∇f."),
    (lambda g, H, x: x - _solve(H, x),
     "It applies H⁻¹ to x instead of to the gradient: the step is −H⁻¹∇f."),
    (lambda g, H, x: x - np.linalg.inv(H).sum(axis=1) * g,
     "It multiplies H⁻¹ and the gradient entry by entry (*): use the matrix product @ "
     "(np.linalg.inv(hessian) @ gradient), or better np.linalg.solve(hessian, gradient)."),
)


def _quad_output(function: Callable, probe: tuple) -> np.ndarray:
    g, H, x = probe
    given = [g.copy(), H.copy(), x.copy()]
    value = call(function, "quadratic_minimiser", *given)
    if not all(np.array_equal(a, b) for a, b in zip(given, probe)):
        raise Failure("quadratic_minimiser changed an array it was given: avoid in-place "
                      "operations such as x -= step; return x - step.")
    out = as_result_array(value, "quadratic_minimiser", "a point (an array like x)")
    if out.shape == (x.size, x.size):
        raise Failure(f"quadratic_minimiser returned a {x.size}×{x.size} matrix instead of a point: "
                      "* multiplies entry by entry (and broadcasts); use @ for the matrix-vector "
                      "product, or np.linalg.solve(hessian, gradient).")
    if out.shape != x.shape:
        raise Failure(f"quadratic_minimiser should return a point shaped like x, {x.shape}, "
                      f"but it returned shape {out.shape}.")
    return out


def _check_quadratic(function: Callable) -> str:
    outputs = [_quad_output(function, probe) for probe in _QUAD_PROBES]
    expected = [x - _solve(H, g) for g, H, x in _QUAD_PROBES]

    def scale(probe, want):
        g, H, x = probe
        return np.concatenate([np.abs(x), np.abs(_solve(H, g)), np.abs(want)])

    scales = [scale(p, w) for p, w in zip(_QUAD_PROBES, expected)]
    if not all(_scaled_close(o, w, s) for o, w, s in zip(outputs, expected, scales)):
        for mistake, message in QUAD_MISTAKES:
            if all(_scaled_close(o, quietly(mistake, *p), s) for o, p, s in zip(outputs, _QUAD_PROBES, scales)):
                raise Failure(message)
        for o, w, s, (g, H, x) in zip(outputs, expected, scales, _QUAD_PROBES):
            if not _scaled_close(o, w, s):
                raise Failure(f"With gradient {np.array2string(g, precision=4)}, hessian "
                              f"{np.array2string(H, precision=4)} and x = {np.array2string(x, precision=4)} "
                              f"the minimiser is {np.array2string(w, precision=6)}, but your function "
                              f"returned {np.array2string(o, precision=6)}.")
    for g, H, x in _NOT_PD:
        try:
            value = function(g.copy(), H.copy(), x.copy())
        except ValueError:  # np.linalg.LinAlgError is a ValueError too
            continue
        except Exception as exc:  # the reader's code may raise anything: name it
            raise Failure(f"For a Hessian that is not positive definite, quadratic_minimiser should "
                          f"raise ValueError, but it raised {type(exc).__name__}: {exc}") from None
        kind = "a saddle" if np.min(np.linalg.eigvalsh(H)) * np.max(np.linalg.eigvalsh(H)) < 0 else "a maximum"
        raise Failure(f"With hessian {np.array2string(H, precision=3)} (eigenvalues "
                      f"{np.array2string(np.linalg.eigvalsh(H), precision=3)}) the quadratic model has "
                      f"no minimum: its stationary point is {kind}, yet your function returned "
                      f"{_shown(value)}. Check that every eigenvalue of the Hessian is positive "
                      "(np.linalg.eigvalsh, or np.linalg.cholesky) and raise ValueError if not.")
    return (f"correct on {len(_QUAD_PROBES)} positive definite Hessians (2-D and 3-D, scaled by "
            "1e±6), and it refuses Hessians with a saddle or a maximum.")


def _shown(value: Any) -> str:
    try:
        return np.array2string(np.asarray(value, dtype=float), precision=4)
    except (TypeError, ValueError):
        return repr(value)


def quadratic_minimiser(function: Any) -> Result:
    """Check a reader's ``quadratic_minimiser(gradient, hessian, x)``: x − H⁻¹∇f.

    Parameters
    ----------
    function : callable
        ``function(gradient, hessian, x)`` with 1-D arrays ``gradient`` and ``x``
        and a symmetric matrix ``hessian``; it should return the minimiser of
        the quadratic model about ``x``, and raise ``ValueError`` when
        ``hessian`` is not positive definite.

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
    >>> import numpy as np
    >>> def minimiser(g, H, x):
    ...     if np.min(np.linalg.eigvalsh(H)) <= 0:
    ...         raise ValueError("hessian is not positive definite")
    ...     return x - np.linalg.solve(H, g)
    >>> bool(quadratic_minimiser(minimiser))
    True
    """
    return run("quadratic_minimiser", function, _check_quadratic)
