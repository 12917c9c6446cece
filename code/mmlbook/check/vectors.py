"""Checkers for Chapter 1, *Vectors and parameter space*: the normal curve and its error.

The reader writes

* ``normal_pdf(x, mu, sigma)``: the normal density at every entry of the array ``x``;
* ``sum_squared_residuals(mu, sigma, heights)``: the sum of squared differences
  between the histogram ``heights`` (a :class:`mmlbook.datasets.Heights`) and
  the normal curve, at the bin centres.

Each checker calls the reader's function on fixed probe inputs (heights in cm and
in metres, sigma from 1e-3 to 1e3) and compares the result with the right answer,
within a tolerance relative to the answer's scale that a correct float32
computation meets. When they differ it compares with the answers of
typical mistakes (a missing factor, a wrong sign, the frequencies instead of
the density, ...) and names the mistake it finds; otherwise it shows one probe
with the expected and the returned value.
"""

from __future__ import annotations

from collections.abc import Callable
from math import erf
from typing import Any

import numpy as np

from .. import datasets, fitting
from ._core import Failure, Result, as_result_array, call, close, quietly, run

__all__ = ["normal_pdf", "sum_squared_residuals"]

# Close enough to count as the same formula, far tighter than any mistake below, and
# loose enough for a correct function computed in float32 (about 7 digits; exp
# magnifies the rounding of its argument by up to |z|^2/2 ~ 8 on these probes).
_RTOL = 2e-5
# Entries below this fraction of a probe's largest density are compared with that
# scale, not with themselves: the far tail is noise to a float32 exp, and a
# tolerance relative to the data's scale keeps the check the same in cm or in m.
_TAIL = 1e-8
_SQRT_2PI = np.sqrt(2 * np.pi)


def _close(got: Any, wanted: Any, right: Any = None) -> bool:
    """The same densities (or the same S) up to rounding, relative to the data's scale.

    The scale is the largest entry of ``right``, the right answer (by default
    ``wanted`` itself): when ``wanted`` is a mistake's answer, its own scale may be
    huge (a sign error grows like exp(+z²/2)) and would make everything "close".
    """
    right = wanted if right is None else right
    scale = float(np.max(np.abs(np.asarray(right, dtype=float)), initial=0.0))
    return close(got, wanted, rtol=_RTOL, atol=_TAIL * scale)


# --- normal_pdf -------------------------------------------------------------------

# (x, mu, sigma): sigma is never 1 and mu never 0, so that sigma, sigma**2,
# sqrt(sigma) and the swapped arguments all give different numbers. Besides
# heights in cm, the probes put heights in metres and sigma at 1e-3 and 1e3: a
# function that works only at the course's scale fails. The x values stay within
# 4 sigma of mu and, where sigma is small, mu is small too, so that float32 (whose
# spacing near 2.5 is 2e-7) can still tell x from mu.
_PDF_PROBES = (
    (np.array([150.0, 160.0, 170.0, 178.5, 185.0, 200.0]), 178.5, 7.5),
    (np.array([-3.0, -1.0, 0.0, 0.5, 2.0, 4.0]), 0.5, 2.0),
    (np.array([-1.0, 0.0, 0.2, 0.5, 1.0]), 0.2, 0.5),
    (np.array([1.55, 1.65, 1.75, 1.785, 1.85, 1.95]), 1.785, 0.075),   # heights in metres
    (np.array([-1.0, 1.0, 2.0, 2.5, 4.0, 5.0]) * 1e-3, 2e-3, 1e-3),
    (np.array([-2500.0, -500.0, 0.0, 300.0, 1500.0, 3000.0]), 300.0, 1e3),
)


def _gauss(x, mu, sigma, *, spread, front):
    """exp(-(x - mu)^2 / spread(sigma)) / front(sigma): the shape of most mistakes."""
    return np.exp(-((x - mu) ** 2) / spread(sigma)) / front(sigma)


def _twice_squared(s):
    return 2 * s**2


def _right_front(s):
    return s * _SQRT_2PI


def _cdf(x, mu, sigma):
    """The normal cumulative distribution function, P(X <= x), without SciPy."""
    return np.vectorize(lambda v: 0.5 * (1 + erf((v - mu) / (sigma * np.sqrt(2)))))(x)


#: (what a wrong function computes, what to tell its author)
PDF_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda x, m, s: _gauss(x, m, s, spread=_twice_squared, front=lambda s: 1.0),
     "The factor 1/(σ√(2π)) in front of exp is missing. Without it the peak is 1 and the "
     "area under the curve is σ√(2π) instead of 1: divide by sigma * np.sqrt(2 * np.pi)."),
    (lambda x, m, s: _gauss(x, m, s, spread=_twice_squared, front=lambda s: np.sqrt(2 * np.pi * s)),
     "The factor in front is 1/√(2πσ): σ has slipped under the square root. The factor is "
     "1/(σ√(2π)) = 1/√(2πσ²): divide by sigma * np.sqrt(2 * np.pi)."),
    (lambda x, m, s: _gauss(x, m, s, spread=_twice_squared, front=lambda s: 2 * np.pi * s),
     "The square root over 2π is missing: the factor in front is 1/(σ√(2π)), not 1/(2πσ)."),
    (lambda x, m, s: _gauss(x, m, s, spread=_twice_squared, front=lambda s: _SQRT_2PI / s),
     "σ multiplies instead of dividing: Python reads 1 / np.sqrt(2 * np.pi) * sigma as "
     "(1/√(2π))·σ. Put the whole denominator in brackets: 1 / (sigma * np.sqrt(2 * np.pi))."),
    (lambda x, m, s: _gauss(x, m, s, spread=_twice_squared, front=lambda s: s / _SQRT_2PI),
     "√(2π) multiplies instead of dividing: Python reads 1 / sigma * np.sqrt(2 * np.pi) as "
     "(1/σ)·√(2π). Put the whole denominator in brackets: 1 / (sigma * np.sqrt(2 * np.pi))."),
    (lambda x, m, s: _gauss(x, m, s, spread=_twice_squared, front=lambda s: 1 / (s * _SQRT_2PI)),
     "It multiplies by σ√(2π) where it must divide: the factor in front is 1/(σ√(2π)). "
     "Write np.exp(...) / (sigma * np.sqrt(2 * np.pi))."),
    (lambda x, m, s: _gauss(x, m, s, spread=_twice_squared, front=lambda s: s * np.sqrt(2) * np.pi),
     "The square root covers only the 2: np.sqrt(2) * np.pi is √2·π, but the factor needs "
     "√(2π) = np.sqrt(2 * np.pi)."),
    (lambda x, m, s: _gauss(x, m, s, spread=lambda s: 1.0, front=lambda s: 2 * s**2 * s * _SQRT_2PI),
     "A bracket closes too early: np.exp(-(x - mu)**2) / (2 * sigma**2) divides the result of "
     "exp by 2σ² instead of dividing the exponent. Write np.exp(-(x - mu)**2 / (2 * sigma**2))."),
    (lambda x, m, s: _gauss(x, m, s, spread=_twice_squared, front=lambda s: s**2 * _SQRT_2PI),
     "The factor in front has σ² where it needs σ: it is 1/(σ√(2π)), not 1/(σ²√(2π))."),
    (lambda x, m, s: _gauss(x, m, s, spread=_twice_squared, front=lambda s: s * np.sqrt(2 * 3.14)),
     "It uses 3.14 for π, which puts every value 0.025% too high: use np.pi."),
    (lambda x, m, s: _gauss(x, m, s, spread=_twice_squared, front=lambda s: s * np.sqrt(2 * 22 / 7)),
     "It uses 22/7 for π, which puts every value 0.02% too low: use np.pi."),
    (lambda x, m, s: _gauss(x, m, s, spread=lambda s: 2 * s, front=lambda s: np.sqrt(2 * np.pi * s)),
     "Your function treats sigma as the variance σ², but sigma is the standard deviation σ "
     "(the variance is sigma**2). Divide by 2 * sigma**2 in the exponent and by "
     "sigma * np.sqrt(2 * np.pi) in front."),
    (lambda x, m, s: _gauss(x, m, s, spread=lambda s: 2 * s**4, front=lambda s: s**2 * _SQRT_2PI),
     "It uses σ² where σ belongs, everywhere: the curve it computes has standard deviation "
     "sigma**2. (With SciPy: the scale of stats.norm.pdf is the standard deviation, so pass "
     "scale=sigma, not sigma**2.)"),
    (lambda x, m, s: _gauss(x, m, s, spread=lambda s: 2 * s, front=_right_front),
     "The exponent divides by 2σ where it must divide by 2σ² (σ where σ² is expected): "
     "write -(x - mu)**2 / (2 * sigma**2)."),
    (lambda x, m, s: _gauss(x, m, s, spread=lambda s: -2 * s**2, front=_right_front),
     "The exponent has the wrong sign: exp(+(x - μ)²/(2σ²)) grows away from μ instead of "
     "falling. Write np.exp(-(x - mu)**2 / (2 * sigma**2))."),
    (lambda x, m, s: _gauss(x, m, s, spread=lambda s: s**2, front=_right_front),
     "The 1/2 in the exponent is missing: the exponent is -(x - μ)²/(2σ²), not -(x - μ)²/σ²."),
    (lambda x, m, s: _gauss(x, m, s, spread=lambda s: 2 / s**2, front=_right_front),
     "σ² multiplies instead of dividing in the exponent: Python reads (x - mu)**2 / 2 * sigma**2 "
     "as ((x - μ)²/2)·σ². Put the denominator in brackets: (x - mu)**2 / (2 * sigma**2)."),
    (lambda x, m, s: _gauss(x, 0.0, s, spread=_twice_squared, front=_right_front),
     "The exponent uses x where it needs x - μ: the curve peaks at 0 instead of at mu. "
     "Write -(x - mu)**2 / (2 * sigma**2)."),
    (lambda x, m, s: fitting.normal_pdf(x, s, m),
     "mu and sigma look swapped: the arguments come in the order normal_pdf(x, mu, sigma)."),
    (_cdf,
     "It returns the cumulative distribution function, the area under the curve to the left "
     "of x (stats.norm.cdf), which rises from 0 to 1. The density is the height of the "
     "curve: stats.norm.pdf, or the formula with np.exp."),
)


def _pdf_output(function: Callable, x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    """Call the reader's normal_pdf on one probe and check what comes back."""
    given = x.copy()
    try:
        value = call(function, "normal_pdf", given, mu, sigma)
    except Failure as failure:
        if _used_caret(failure.__cause__):
            raise Failure(f"{failure}. In Python ^ is not a power but bitwise XOR, which is not "
                          "defined for floats: write (x - mu)**2, not (x - mu)^2.") from None
        try:  # Does it work for one number? Then it is not vectorised.
            function(float(x[0]), mu, sigma)
        except Exception:  # the reader's code may raise anything: report the array call
            raise failure from None
        raise Failure(
            f"{failure}. It works for one number x but not for an array of them, so it is not "
            "vectorised: use NumPy's np.exp and np.sqrt (not math.exp and math.sqrt) and no "
            "if or for on x.") from None
    if not np.array_equal(given, x):
        raise Failure("normal_pdf changed the array x it was given. Avoid in-place operations "
                      "such as x -= mu: write z = (x - mu) / sigma instead.")
    out = as_result_array(value, "normal_pdf")
    if out.size == 1 and x.size > 1:
        raise Failure(f"normal_pdf(x, {mu!r}, {sigma!r}) with an array x of {x.size} values "
                      "returned a single number: it should return one density per entry of x. "
                      "Avoid math.exp, sum and loops that keep only the last value; NumPy "
                      "operations on the whole array x give one value per entry.")
    if out.shape != x.shape:
        raise Failure(f"normal_pdf should return an array of the same shape as x, {x.shape}, "
                      f"but it returned shape {out.shape}.")
    for kind, bad in (("NaN (not a number)", np.isnan(out)), ("inf", np.isinf(out))):
        if bad.any():
            where = float(x[np.argmax(bad)])
            raise Failure(
                f"normal_pdf returned {kind} at x = {where:g} (mu = {mu:g}, sigma = {sigma:g}). "
                "NaN and inf come from operations such as 0/0, dividing by zero or the square "
                "root of a negative number: check the signs inside np.sqrt and what you divide by.")
    return out


def _used_caret(exc: BaseException | None) -> bool:
    """Whether an exception is what x ** 2 written as x ^ 2 raises, for arrays or for floats."""
    return isinstance(exc, TypeError) and ("bitwise_xor" in str(exc) or "for ^" in str(exc))


def _check_pdf(function: Callable) -> str:
    outputs = [_pdf_output(function, x, mu, sigma) for x, mu, sigma in _PDF_PROBES]
    again = _pdf_output(function, *_PDF_PROBES[0])
    if not np.array_equal(again, outputs[0], equal_nan=True):
        raise Failure("normal_pdf gave different values when called twice with the same x, mu "
                      "and sigma: it seems to draw random numbers. np.random.normal(mu, sigma, "
                      "size) draws samples of heights; the density is a formula in x.")
    expected = [fitting.normal_pdf(x, mu, sigma) for x, mu, sigma in _PDF_PROBES]
    if all(_close(out, want) for out, want in zip(outputs, expected)):
        values = sum(x.size for x, _, _ in _PDF_PROBES)
        return (f"correct at {values} values of x over {len(_PDF_PROBES)} choices of "
                "(mu, sigma), from heights in metres to sigma = 1000, arrays in and arrays out.")
    for mistake, message in PDF_MISTAKES:
        if all(_close(out, quietly(mistake, *probe), want)
               for out, probe, want in zip(outputs, _PDF_PROBES, expected)):
            raise Failure(message)
    for decimals in range(1, 9):
        if all(_close(out, np.round(want, decimals), want) for out, want in zip(outputs, expected)):
            raise Failure(f"The values are rounded to {decimals} decimal places, which loses the "
                          "small densities in the tails (and every digit when sigma is large): "
                          "return the unrounded values and round only when you print them.")
    for out, want, (x, mu, sigma) in zip(outputs, expected, _PDF_PROBES):
        if not _close(out, want):
            off = np.abs(out - want) > _RTOL * np.abs(want) + _TAIL * np.max(np.abs(want))
            i = int(np.argmax(off))
            raise Failure(f"normal_pdf({x[i]:g}, {mu:g}, {sigma:g}) should be {want[i]:.6g}, "
                          f"but your function returned {out[i]:.6g}. Compare your code with "
                          "the formula term by term.")
    raise AssertionError("unreachable: some probe differs")  # pragma: no cover


def normal_pdf(function: Any) -> Result:
    """Check a reader's ``normal_pdf(x, mu, sigma)``: the normal density at each entry of ``x``.

    Parameters
    ----------
    function : callable
        ``function(x, mu, sigma)`` with ``x`` a 1-D array and ``mu``, ``sigma``
        numbers; it should return an array shaped like ``x``.

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
    >>> from mmlbook import fitting
    >>> bool(normal_pdf(fitting.normal_pdf))
    True
    """
    return run("normal_pdf", function, _check_pdf)


# --- sum_squared_residuals ------------------------------------------------------------


class Heights(datasets.Heights):
    """A histogram (as :class:`mmlbook.datasets.Heights`) shown by a short name in messages.

    The reader's code sees an ordinary ``Heights``; a message about a call reads
    ``sum_squared_residuals(178.5, 7.5, heights)`` rather than the arrays.
    """

    def __init__(self, name: str, **fields: Any) -> None:
        super().__init__(**fields)
        object.__setattr__(self, "_name", name)

    def __repr__(self) -> str:
        return self._name


def _course_histogram() -> Heights:
    h = datasets.heights_histogram()  # fresh arrays: the reader's code cannot spoil later probes
    return Heights("heights", left_edges=h.left_edges, width=h.width, centres=h.centres,
                   frequencies=h.frequencies, density=h.density, source=h.source)


def _small(name: str, first_edge: float, width: float) -> Heights:
    """A made-up five-bin histogram whose frequencies add up to 0.95, not 1 (as the course's
    add up to 0.995), so that forgetting the renormalisation shows."""
    frequencies = np.array([0.1, 0.2, 0.35, 0.2, 0.1])
    left_edges = first_edge + width * np.arange(5)
    return Heights(name, left_edges=left_edges, width=width, centres=left_edges + width / 2,
                   frequencies=frequencies, density=frequencies / (frequencies.sum() * width),
                   source="made up for the check")


def _small_histogram() -> Heights:
    return _small("small_histogram", 165.0, 5.0)


def _small_histogram_in_metres() -> Heights:
    """The same five bins in metres: centres in m, density per m (100 times that per cm)."""
    return _small("small_histogram_in_metres", 1.65, 0.05)


# (mu, sigma, which histogram). Besides the course data in cm, a histogram of other
# heights and bin width, the same in metres, a needle-thin bell (sigma = 1e-3 cm) on a
# bin centre and a bell far wider than the data (sigma = 1000 cm).
_SSR_PROBES = ((178.5, 7.5, _course_histogram), (165.0, 5.0, _course_histogram),
               (172.0, 12.0, _course_histogram), (177.5, 6.0, _small_histogram),
               (1.775, 0.06, _small_histogram_in_metres), (178.75, 1e-3, _course_histogram),
               (180.0, 1e3, _course_histogram))


def _residuals(mu, sigma, h, *, at="centres", data="density"):
    return getattr(h, data) - fitting.normal_pdf(getattr(h, at), mu, sigma)


def _right_ssr(mu, sigma, h):
    return float(np.sum(_residuals(mu, sigma, h) ** 2))


def _right_edges(h):
    return h.left_edges + h.width


_UNSQUARED = ("It adds up the residuals without squaring them, so positive and negative "
              "residuals cancel out. Square each residual, then add: np.sum(residuals**2).")

#: (what a wrong function computes, what to tell its author)
SSR_MISTAKES: tuple[tuple[Callable[..., Any], str], ...] = (
    (lambda m, s, h: np.sum(_residuals(m, s, h)), _UNSQUARED),
    (lambda m, s, h: -np.sum(_residuals(m, s, h)), _UNSQUARED),
    (lambda m, s, h: np.sum(np.abs(_residuals(m, s, h))),
     "It adds up the absolute values of the residuals: that is the L1 norm of the residual "
     "vector. This error is the sum of their squares: np.sum(residuals**2)."),
    (lambda m, s, h: np.max(np.abs(_residuals(m, s, h))),
     "It returns the largest absolute residual: the L∞ norm of the residual vector. This "
     "error is the sum of the squares of all the residuals: np.sum(residuals**2)."),
    (lambda m, s, h: np.mean(_residuals(m, s, h) ** 2),
     "It takes the mean of the squared residuals, which divides by the number of bins. "
     "Use their sum: np.sum, not np.mean."),
    (lambda m, s, h: np.sum(_residuals(m, s, h) ** 2) / 2,
     "It halves the sum of squares. The 1/2 of many machine-learning cost functions "
     "(½Σr², which makes the derivative neater) is a different convention; "
     "S here is the plain sum: np.sum(residuals**2)."),
    (lambda m, s, h: np.mean(_residuals(m, s, h) ** 2) / 2,
     "It computes (1/(2m))·Σr², the cost-function convention of many machine-learning "
     "courses (m = number of bins). S here is the plain sum: np.sum(residuals**2), with no "
     "division."),
    (lambda m, s, h: np.sqrt(np.sum(_residuals(m, s, h) ** 2)),
     "It returns the square root of the sum of squares: the L2 norm (the length) of the "
     "residual vector. The error S is the norm squared: drop the square root."),
    (lambda m, s, h: np.sum(_residuals(m, s, h)) ** 2,
     "It squares the sum of the residuals instead of adding up their squares: square each "
     "residual first, then add: np.sum(residuals**2)."),
    (lambda m, s, h: np.sum(_residuals(m, s, h, data="frequencies") ** 2),
     "It compares the curve with heights.frequencies, the fraction of people in each bin, "
     "instead of heights.density, the fraction per cm. The normal curve is a density (per cm), "
     "so compare it with heights.density."),
    (lambda m, s, h: np.sum((h.frequencies / h.width - fitting.normal_pdf(h.centres, m, s)) ** 2),
     "It divides the frequencies by the bin width but not by their sum, which is not exactly 1 "
     "(0.995 for the course data): its bar areas do not add up to 1, like the curve's. "
     "heights.density is frequency / (sum of frequencies × width): use it."),
    (lambda m, s, h: np.sum((h.frequencies - h.width * fitting.normal_pdf(h.centres, m, s)) ** 2),
     "It compares the frequencies with the curve times the bin width: fractions of people per "
     "bin, not per cm. That S is (about) width² times the one asked for, and it skips the "
     "renormalisation of the frequencies. Compare heights.density with normal_pdf(heights.centres, ...)."),
    (lambda m, s, h: np.sum((h.frequencies / (h.frequencies.sum() * 2.5)
                             - fitting.normal_pdf(h.centres, m, s)) ** 2),
     "It divides by 2.5, the course data's bin width, as a fixed number, so it is wrong for "
     "a histogram with other bins: use heights.width, or simply heights.density."),
    (lambda m, s, h: np.sum(_residuals(m, s, h, at="left_edges") ** 2),
     "It evaluates the curve at the left edges of the bins (heights.left_edges) instead of "
     "their centres (heights.centres): the histogram's bar stands for the middle of its bin."),
    (lambda m, s, h: np.sum((h.density - fitting.normal_pdf(_right_edges(h), m, s)) ** 2),
     "It evaluates the curve at the right edges of the bins (left_edges + width) instead of "
     "their centres (heights.centres): the histogram's bar stands for the middle of its bin."),
    (lambda m, s, h: np.sum((h.density - fitting.normal_pdf(h.centres, s, m)) ** 2),
     "It passes mu and sigma to normal_pdf in the wrong order: call "
     "normal_pdf(heights.centres, mu, sigma)."),
    (lambda m, s, h: np.sum(_residuals(m, s**2, h) ** 2),
     "It passes sigma**2, the variance, to normal_pdf, whose third argument is the standard "
     "deviation: call normal_pdf(heights.centres, mu, sigma)."),
)


def _ssr_output(function: Callable, mu: float, sigma: float, make: Callable[[], Heights]) -> float:
    heights = make()
    value = call(function, "sum_squared_residuals", mu, sigma, heights)
    out = as_result_array(value, "sum_squared_residuals", "a number")
    if out.size != 1:
        bins = heights.centres.size
        if out.size == bins:
            raise Failure(f"sum_squared_residuals returned {bins} numbers, one per bin: add "
                          "them up (np.sum) to get the single number S.")
        raise Failure(f"sum_squared_residuals should return one number, but it returned an "
                      f"array of shape {out.shape}.")
    result = float(out.reshape(()))
    if not np.isfinite(result):
        raise Failure(f"sum_squared_residuals({mu:g}, {sigma:g}, {heights!r}) returned "
                      f"{result}. Check your normal_pdf with check.normal_pdf first.")
    return result


def _check_ssr(function: Callable) -> str:
    outputs = [_ssr_output(function, mu, sigma, make) for mu, sigma, make in _SSR_PROBES]
    expected = [_right_ssr(mu, sigma, make()) for mu, sigma, make in _SSR_PROBES]
    if all(map(_close, outputs, expected)):
        return (f"correct at {len(_SSR_PROBES)} points (mu, sigma), on the heights histogram, "
                "on a small test histogram in cm and in metres, and for a needle-thin and a "
                "very wide curve. You are ready to map the error surface.")
    course = [i for i, (_, _, make) in enumerate(_SSR_PROBES) if make is _course_histogram]
    other = [i for i in range(len(_SSR_PROBES)) if i not in course]
    # Right on the course data but, on the other histograms, the course data's answer?
    if (all(_close(outputs[i], expected[i]) for i in course)
            and all(_close(outputs[i], _right_ssr(*_SSR_PROBES[i][:2], _course_histogram()), expected[i])
                    for i in other)):
        raise Failure("It gives the course histogram's answer for a different histogram: it "
                      "ignores its heights argument (probably it uses a global variable). Use "
                      "heights.centres and heights.density of the histogram it is given.")
    # The same answer for every (mu, sigma) on the course data: mu and sigma are not used.
    if np.ptp([outputs[i] for i in course]) <= _RTOL * abs(outputs[course[0]]):
        raise Failure(f"It returns {outputs[course[0]]:.6g} for every mu and sigma: it ignores "
                      "its arguments mu and sigma (perhaps it uses fixed numbers or global "
                      "variables). Pass mu and sigma on to normal_pdf.")
    for mistake, message in SSR_MISTAKES:
        wrong = [quietly(mistake, mu, sigma, make()) for mu, sigma, make in _SSR_PROBES]
        if all(map(_close, outputs, wrong, expected)):
            raise Failure(message)
    for out, want, (mu, sigma, make) in zip(outputs, expected, _SSR_PROBES):
        if not _close(out, want):
            raise Failure(f"sum_squared_residuals({mu:g}, {sigma:g}, {make()!r}) should be "
                          f"{want:.6g}, but your function returned {out:.6g}. If "
                          "check.normal_pdf passes, look at how you form and add up the residuals.")
    raise AssertionError("unreachable: some probe differs")  # pragma: no cover


def sum_squared_residuals(function: Any) -> Result:
    """Check a reader's ``sum_squared_residuals(mu, sigma, heights)``.

    The function should return
    ``sum((heights.density - normal_pdf(heights.centres, mu, sigma))**2)``,
    one number, for any histogram ``heights`` with the fields of
    :class:`mmlbook.datasets.Heights`.

    Parameters
    ----------
    function : callable
        ``function(mu, sigma, heights)`` with ``mu``, ``sigma`` numbers.

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
    >>> from mmlbook import fitting
    >>> def ssr(mu, sigma, heights):
    ...     return fitting.sum_squared_residuals(mu, sigma, heights.centres, heights.density)
    >>> bool(sum_squared_residuals(ssr))
    True
    """
    return run("sum_squared_residuals", function, _check_ssr)
