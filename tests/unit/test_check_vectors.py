"""Tests for the Chapter 1 checkers: right answers pass, each typical mistake is named."""

from __future__ import annotations

import doctest
import itertools
import math

import numpy as np
import pytest
from scipy import stats

from mmlbook import check, datasets, fitting
from mmlbook.check import vectors

SQRT_2PI = np.sqrt(2 * np.pi)


# --- reference solutions, written as a reader would ------------------------------------

def pdf_reference(x, mu, sigma):
    return np.exp(-(x - mu) ** 2 / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))


def pdf_via_z(x, mu, sigma):
    z = (x - mu) / sigma
    return 1 / np.sqrt(2 * np.pi * sigma**2) * np.exp(-z**2 / 2)


def pdf_list_comprehension(x, mu, sigma):
    # Slow but correct: one math.exp per entry still returns one value per x (a plain list).
    return [math.exp(-(xi - mu) ** 2 / (2 * sigma**2)) / (sigma * math.sqrt(2 * math.pi)) for xi in x]


def pdf_imperial(x, mu, sig):
    # The shape of the Coursera notebook's f(x, mu, sig): two divisions after exp.
    return np.exp(-(x - mu) ** 2 / (2 * sig**2)) / np.sqrt(2 * np.pi) / sig


def pdf_deeplearning_ai(x, mu, sigma):
    # DeepLearning.AI's form: the factor first, then exp of -1/2 z^2.
    return 1 / (sigma * np.sqrt(2 * np.pi)) * np.exp(-0.5 * ((x - mu) / sigma) ** 2)


def pdf_scipy(x, mu, sigma):
    return stats.norm.pdf(x, loc=mu, scale=sigma)


def pdf_float32(x, mu, sigma):
    x, mu, sigma = np.float32(x), np.float32(mu), np.float32(sigma)
    return np.exp(-(x - mu) ** 2 / (np.float32(2) * sigma**2)) / (sigma * np.float32(np.sqrt(2 * np.pi)))


def pdf_loop_into_array(x, mu, sigma):
    out = np.zeros(len(x))
    for i in range(len(x)):
        out[i] = math.exp(-0.5 * ((x[i] - mu) / sigma) ** 2) / (sigma * math.sqrt(2 * math.pi))
    return out


def pdf_log_space(x, mu, sigma):
    return np.exp(-0.5 * ((x - mu) / sigma) ** 2 - np.log(sigma) - 0.5 * np.log(2 * np.pi))


def pdf_vectorize(x, mu, sigma):
    return np.vectorize(lambda xi: math.exp(-(xi - mu) ** 2 / (2 * sigma**2)) / (sigma * math.sqrt(2 * math.pi)))(x)


def pdf_pi_to_five_places(x, mu, sigma):
    # 3.14159 is within 1e-6 of pi: as good as float32 arithmetic, so accepted.
    return np.exp(-(x - mu) ** 2 / (2 * sigma**2)) / (sigma * np.sqrt(2 * 3.14159))


def ssr_reference(mu, sigma, heights):
    residuals = heights.density - pdf_reference(heights.centres, mu, sigma)
    return np.sum(residuals**2)


def ssr_loop(mu, sigma, heights):
    total = 0.0
    for centre, density in zip(heights.centres, heights.density):
        total += (density - pdf_reference(centre, mu, sigma)) ** 2
    return total


def ssr_package(mu, sigma, heights):
    return fitting.sum_squared_residuals(mu, sigma, heights.centres, heights.density)


def ssr_norm_squared(mu, sigma, heights):
    return np.linalg.norm(heights.density - pdf_scipy(heights.centres, mu, sigma)) ** 2


def ssr_dot(mu, sigma, heights):
    r = heights.density - pdf_via_z(heights.centres, mu, sigma)
    return r @ r


def ssr_plain_python(mu, sigma, heights):
    centres, density = heights.centres.tolist(), heights.density.tolist()
    curve = pdf_list_comprehension(centres, mu, sigma)
    return sum((d - f) ** 2 for d, f in zip(density, curve))


def ssr_float32(mu, sigma, heights):
    r = heights.density.astype(np.float32) - pdf_float32(heights.centres, mu, sigma)
    return np.sum(r * r)


def ssr_density_from_frequencies(mu, sigma, heights):
    # Renormalises the printed frequencies itself, exactly as heights.density does.
    density = heights.frequencies / (heights.frequencies.sum() * heights.width)
    return np.sum((density - pdf_reference(heights.centres, mu, sigma)) ** 2)


# --- normal_pdf: right answers ---------------------------------------------------------------

@pytest.mark.parametrize("function", [pdf_reference, pdf_via_z, pdf_list_comprehension, pdf_imperial,
                                      pdf_deeplearning_ai, pdf_scipy, pdf_float32, pdf_loop_into_array,
                                      pdf_log_space, pdf_vectorize, pdf_pi_to_five_places,
                                      fitting.normal_pdf])
def test_normal_pdf_accepts_correct_functions(function):
    result = check.normal_pdf(function)
    assert result and result.passed, result.message
    assert isinstance(result, check.Result)
    assert "correct" in result.message
    assert str(result).startswith("✔ normal_pdf")


def test_result_renders_in_a_notebook():
    good, bad = check.normal_pdf(pdf_reference), check.normal_pdf(lambda x, mu, sigma: x)
    assert "passed" in good._repr_html_() and "not yet" in bad._repr_html_()
    assert not bad and str(bad).startswith("✘ normal_pdf")


# --- normal_pdf: each typical mistake gets its own message -----------------------------------------

PDF_WRONG = {
    "no prefactor": (lambda x, mu, sigma: np.exp(-(x - mu) ** 2 / (2 * sigma**2)),
                     ["1/(σ√(2π))", "missing"]),
    "sigma under the root": (lambda x, mu, sigma: np.exp(-(x - mu) ** 2 / (2 * sigma**2))
                             / np.sqrt(2 * np.pi * sigma), ["1/√(2πσ)", "square root"]),
    "no square root": (lambda x, mu, sigma: np.exp(-(x - mu) ** 2 / (2 * sigma**2)) / (2 * np.pi * sigma),
                       ["square root", "missing"]),
    "precedence in front": (lambda x, mu, sigma: 1 / np.sqrt(2 * np.pi) * sigma
                            * np.exp(-(x - mu) ** 2 / (2 * sigma**2)), ["brackets", "multiplies"]),
    "sigma squared in front": (lambda x, mu, sigma: np.exp(-(x - mu) ** 2 / (2 * sigma**2))
                               / (sigma**2 * SQRT_2PI), ["σ²", "1/(σ√(2π))"]),
    "sigma is the variance": (lambda x, mu, sigma: np.exp(-(x - mu) ** 2 / (2 * sigma))
                              / np.sqrt(2 * np.pi * sigma), ["variance", "standard deviation"]),
    "sigma in the exponent": (lambda x, mu, sigma: np.exp(-(x - mu) ** 2 / (2 * sigma))
                              / (sigma * SQRT_2PI), ["2σ²", "exponent"]),
    "sign error": (lambda x, mu, sigma: np.exp((x - mu) ** 2 / (2 * sigma**2)) / (sigma * SQRT_2PI),
                   ["wrong sign", "exponent"]),
    "missing half": (lambda x, mu, sigma: np.exp(-(x - mu) ** 2 / sigma**2) / (sigma * SQRT_2PI),
                     ["1/2", "exponent"]),
    "precedence in exponent": (lambda x, mu, sigma: np.exp(-(x - mu) ** 2 / 2 * sigma**2)
                               / (sigma * SQRT_2PI), ["brackets", "(2 * sigma**2)"]),
    "swapped arguments": (lambda x, mu, sigma: pdf_reference(x, sigma, mu), ["swapped"]),
    "math.exp": (lambda x, mu, sigma: math.exp(-(x - mu) ** 2 / (2 * sigma**2)) / (sigma * SQRT_2PI),
                 ["not vectorised", "np.exp", "raised TypeError"]),
    "if on x": (lambda x, mu, sigma: 0.0 if x > mu + 10 * sigma else pdf_reference(x, mu, sigma),
                ["not vectorised", "raised ValueError"]),
    "sums to one number": (lambda x, mu, sigma: np.sum(pdf_reference(x, mu, sigma)),
                           ["single number", "one density per entry"]),
    "wrong shape": (lambda x, mu, sigma: pdf_reference(x, mu, sigma)[:-1], ["shape"]),
    "returns NaN": (lambda x, mu, sigma: pdf_reference(x, mu, sigma) * np.sqrt(-sigma),
                    ["NaN", "square root of a negative"]),
    "returns inf": (lambda x, mu, sigma: pdf_reference(x, mu, sigma) / 0.0, ["inf"]),
    "returns None": (lambda x, mu, sigma: None, ["None", "return"]),
    "returns text": (lambda x, mu, sigma: "0.4", ["should return numbers", "str"]),
    "pi as 3.14": (lambda x, mu, sigma: np.exp(-(x - mu) ** 2 / (2 * sigma**2)) / (sigma * np.sqrt(2 * 3.14)),
                   ["3.14", "np.pi"]),
    "pi as 22/7": (lambda x, mu, sigma: np.exp(-(x - mu) ** 2 / (2 * sigma**2)) / (sigma * np.sqrt(2 * 22 / 7)),
                   ["22/7", "np.pi"]),
    "precedence, root multiplies": (lambda x, mu, sigma: 1 / sigma * np.sqrt(2 * np.pi)
                                    * np.exp(-(x - mu) ** 2 / (2 * sigma**2)), ["√(2π) multiplies", "brackets"]),
    "scipy with the variance": (lambda x, mu, sigma: stats.norm.pdf(x, mu, sigma**2), ["σ² where σ", "scale=sigma"]),
    "cdf instead of pdf": (lambda x, mu, sigma: stats.norm.cdf(x, mu, sigma), ["cumulative", "stats.norm.pdf"]),
    "x instead of x - mu": (lambda x, mu, sigma: np.exp(-x**2 / (2 * sigma**2)) / (sigma * SQRT_2PI),
                            ["x - μ", "peaks at 0"]),
    "caret for power": (lambda x, mu, sigma: np.exp(-(x - mu) ^ 2 / (2 * sigma**2)) / (sigma * SQRT_2PI),
                        ["^", "(x - mu)**2", "XOR"]),
    "random samples": (lambda x, mu, sigma: np.random.default_rng().normal(mu, sigma, len(x)),
                       ["called twice", "random"]),
    "multiplies by the factor": (lambda x, mu, sigma: sigma * np.sqrt(2 * np.pi) * np.exp(-(x - mu) ** 2 / (2 * sigma**2)),
                                 ["multiplies by σ√(2π)", "divide"]),
    "sqrt(2) * pi": (lambda x, mu, sigma: np.exp(-(x - mu) ** 2 / (2 * sigma**2)) / (sigma * np.sqrt(2) * np.pi),
                     ["only the 2", "np.sqrt(2 * np.pi)"]),
    "bracket closes early": (lambda x, mu, sigma: np.exp(-(x - mu) ** 2) / (2 * sigma**2) / (sigma * np.sqrt(2 * np.pi)),
                             ["closes too early", "exponent"]),
    "rounded output": (lambda x, mu, sigma: np.round(pdf_reference(x, mu, sigma), 4), ["rounded to 4 decimal"]),
}


@pytest.mark.parametrize("name", PDF_WRONG)
def test_normal_pdf_names_each_typical_mistake(name):
    function, words = PDF_WRONG[name]
    with np.errstate(all="ignore"):
        result = check.normal_pdf(function)
    assert not result
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_normal_pdf_mistake_messages_are_all_different():
    messages = [message for _, message in vectors.PDF_MISTAKES]
    assert len(set(messages)) == len(messages)


def test_normal_pdf_probes_tell_every_mistake_apart():
    # Each mistake must differ from the right answer, and from every other mistake,
    # on at least one probe: otherwise the checker could name the wrong one.
    answers = [lambda x, m, s: fitting.normal_pdf(x, m, s)] + [f for f, _ in vectors.PDF_MISTAKES]
    for first, second in itertools.combinations(range(len(answers)), 2):
        with np.errstate(all="ignore"):
            same = all(vectors._close(answers[first](*probe), answers[second](*probe))
                       for probe in vectors._PDF_PROBES)
        assert not same, f"answers {first} and {second} agree on every probe"


def test_normal_pdf_spots_in_place_change_of_x():
    def shifts_x(x, mu, sigma):
        x -= mu
        return np.exp(-x**2 / (2 * sigma**2)) / (sigma * SQRT_2PI)

    result = check.normal_pdf(shifts_x)
    assert not result and "changed the array x" in result.message and "x -= mu" in result.message


def test_normal_pdf_unknown_mistake_shows_expected_and_got():
    result = check.normal_pdf(lambda x, mu, sigma: 1.01 * pdf_reference(x, mu, sigma))
    assert not result
    want = pdf_reference(150.0, 178.5, 7.5)
    assert "normal_pdf(150, 178.5, 7.5)" in result.message
    assert f"should be {want:.6g}" in result.message
    assert f"returned {1.01 * want:.6g}" in result.message


def test_normal_pdf_reports_an_exception_with_the_call():
    def broken(x, mu, sigma):
        raise RuntimeError("something broke")

    result = check.normal_pdf(broken)
    assert not result
    assert "normal_pdf(" in result.message and "178.5, 7.5)" in result.message
    assert "RuntimeError: something broke" in result.message
    assert "not vectorised" not in result.message  # it fails for numbers too


def test_normal_pdf_reports_a_lambda_that_raises():
    result = check.normal_pdf(lambda x, mu, sigma: 1 / 0)
    assert not result and "raised ZeroDivisionError: division by zero" in result.message


@pytest.mark.parametrize("not_a_function", [None, 3, "normal_pdf", np.array([1.0])])
def test_normal_pdf_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="normal_pdf must be a function"):
        check.normal_pdf(not_a_function)


# --- sum_squared_residuals: right answers -----------------------------------------------------------

@pytest.mark.parametrize("function", [ssr_reference, ssr_loop, ssr_package, ssr_norm_squared, ssr_dot,
                                      ssr_plain_python, ssr_float32, ssr_density_from_frequencies])
def test_ssr_accepts_correct_functions(function):
    result = check.sum_squared_residuals(function)
    assert result and "correct" in result.message, result.message


def test_ssr_accepts_a_one_element_array():
    assert check.sum_squared_residuals(lambda mu, sigma, h: np.array([ssr_reference(mu, sigma, h)]))


# --- sum_squared_residuals: each typical mistake gets its own message ----------------------------------

def residuals(mu, sigma, h):
    return h.density - pdf_reference(h.centres, mu, sigma)


HEIGHTS = datasets.heights_histogram()

SSR_WRONG = {
    "not squared": (lambda mu, sigma, h: np.sum(residuals(mu, sigma, h)), ["without squaring"]),
    "not squared, other sign": (lambda mu, sigma, h: np.sum(pdf_reference(h.centres, mu, sigma) - h.density),
                                ["without squaring"]),
    "absolute values": (lambda mu, sigma, h: np.sum(np.abs(residuals(mu, sigma, h))),
                        ["absolute values", "L1 norm"]),
    "largest residual": (lambda mu, sigma, h: np.linalg.norm(residuals(mu, sigma, h), np.inf),
                         ["largest absolute residual", "L∞"]),
    "mean": (lambda mu, sigma, h: np.mean(residuals(mu, sigma, h) ** 2), ["mean", "np.sum"]),
    "frequencies": (lambda mu, sigma, h: np.sum((h.frequencies - pdf_reference(h.centres, mu, sigma)) ** 2),
                    ["frequencies", "heights.density"]),
    "square root": (lambda mu, sigma, h: np.sqrt(np.sum(residuals(mu, sigma, h) ** 2)),
                    ["square root", "L2 norm"]),
    "linalg norm": (lambda mu, sigma, h: np.linalg.norm(residuals(mu, sigma, h)), ["square root", "L2 norm"]),
    "left edges": (lambda mu, sigma, h: np.sum((h.density - pdf_reference(h.left_edges, mu, sigma)) ** 2),
                   ["left edges", "centres"]),
    "square of the sum": (lambda mu, sigma, h: np.sum(residuals(mu, sigma, h)) ** 2,
                          ["squares the sum"]),
    "no sum": (lambda mu, sigma, h: residuals(mu, sigma, h) ** 2, ["17 numbers", "np.sum"]),
    "global data": (lambda mu, sigma, h: ssr_reference(mu, sigma, HEIGHTS), ["global", "ignores"]),
    "returns None": (lambda mu, sigma, h: None, ["None", "return"]),
    "returns NaN": (lambda mu, sigma, h: float("nan"), ["nan", "check.normal_pdf"]),
    "returns text": (lambda mu, sigma, h: "0.1", ["should return a number", "str"]),
    "wrong shape": (lambda mu, sigma, h: np.zeros((2, 2)), ["one number", "(2, 2)"]),
    "half the sum": (lambda mu, sigma, h: 0.5 * np.sum(residuals(mu, sigma, h) ** 2), ["halves", "convention"]),
    "1/(2m) cost": (lambda mu, sigma, h: np.sum(residuals(mu, sigma, h) ** 2) / (2 * len(h.centres)),
                    ["(1/(2m))", "plain sum"]),
    "no renormalisation": (lambda mu, sigma, h: np.sum((h.frequencies / h.width
                                                        - pdf_reference(h.centres, mu, sigma)) ** 2),
                           ["not by their sum", "0.995"]),
    "fractions per bin": (lambda mu, sigma, h: np.sum((h.frequencies - h.width * pdf_reference(h.centres, mu, sigma)) ** 2),
                          ["curve times the bin width", "width²"]),
    "hard-coded width": (lambda mu, sigma, h: np.sum((h.frequencies / (h.frequencies.sum() * 2.5)
                                                      - pdf_reference(h.centres, mu, sigma)) ** 2),
                         ["2.5", "heights.width"]),
    "right edges": (lambda mu, sigma, h: np.sum((h.density - pdf_reference(h.left_edges + h.width, mu, sigma)) ** 2),
                    ["right edges", "centres"]),
    "swapped in the call": (lambda mu, sigma, h: np.sum((h.density - pdf_reference(h.centres, sigma, mu)) ** 2),
                            ["wrong order", "normal_pdf(heights.centres, mu, sigma)"]),
    "variance in the call": (lambda mu, sigma, h: np.sum((h.density - pdf_reference(h.centres, mu, sigma**2)) ** 2),
                             ["sigma**2", "standard deviation"]),
    "fixed mu and sigma": (lambda mu, sigma, h: ssr_reference(178.5, 7.5, h), ["every mu and sigma", "ignores"]),
}


@pytest.mark.parametrize("name", SSR_WRONG)
def test_ssr_names_each_typical_mistake(name):
    function, words = SSR_WRONG[name]
    result = check.sum_squared_residuals(function)
    assert not result
    for word in words:
        assert word in result.message, f"{name}: {word!r} not in {result.message!r}"


def test_ssr_probes_tell_every_mistake_apart():
    answers = [vectors._right_ssr] + [f for f, _ in vectors.SSR_MISTAKES]
    for first, second in itertools.combinations(range(len(answers)), 2):
        same = all(vectors._close(answers[first](mu, sigma, make()), answers[second](mu, sigma, make()))
                   for mu, sigma, make in vectors._SSR_PROBES)
        if {first, second} != {1, 2}:  # +sum and -sum of the residuals share one message
            assert not same, f"answers {first} and {second} agree on every probe"


def test_ssr_unknown_mistake_shows_expected_and_got():
    result = check.sum_squared_residuals(lambda mu, sigma, h: 2 * ssr_reference(mu, sigma, h))
    want = ssr_reference(178.5, 7.5, HEIGHTS)
    assert not result
    assert "sum_squared_residuals(178.5, 7.5, heights)" in result.message
    assert f"should be {want:.6g}" in result.message and f"returned {2 * want:.6g}" in result.message


def test_ssr_reports_a_lambda_that_raises():
    result = check.sum_squared_residuals(lambda mu, sigma, heights: heights.centers)
    assert not result
    assert "sum_squared_residuals(178.5, 7.5, heights) raised AttributeError" in result.message
    assert "centers" in result.message


def test_ssr_gives_the_reader_a_fresh_histogram_each_call():
    def spoils(mu, sigma, heights):
        answer = ssr_reference(mu, sigma, heights)
        heights.density[:] = 0.0  # a later probe must not see this
        return answer

    assert check.sum_squared_residuals(spoils)
    assert datasets.heights_histogram().density.sum() > 0


@pytest.mark.parametrize("not_a_function", [None, 0.5, "sum_squared_residuals", [ssr_reference]])
def test_ssr_rejects_non_callables(not_a_function):
    with pytest.raises(TypeError, match="sum_squared_residuals must be a function"):
        check.sum_squared_residuals(not_a_function)


def test_checkers_are_exported():
    assert {"Result", "normal_pdf", "sum_squared_residuals"} <= set(check.__all__)
    assert check.normal_pdf is vectors.normal_pdf


def test_docstring_examples():
    failures, _ = doctest.testmod(vectors)
    assert failures == 0


# --- every mistake the checkers know is reported with its own message ---------------------------

@pytest.mark.parametrize("index", range(len(vectors.PDF_MISTAKES)))
def test_normal_pdf_reports_each_known_mistake_with_its_message(index):
    mistake, message = vectors.PDF_MISTAKES[index]
    with np.errstate(all="ignore"):
        result = check.normal_pdf(mistake)
    assert not result and result.message == message


@pytest.mark.parametrize("index", range(len(vectors.SSR_MISTAKES)))
def test_ssr_reports_each_known_mistake_with_its_message(index):
    mistake, message = vectors.SSR_MISTAKES[index]
    result = check.sum_squared_residuals(mistake)
    assert not result and result.message == message


# --- trying to break the checkers: nothing wrong may pass ------------------------------------------

def _ssr_skipping_last_bin(mu, sigma, h):
    total = 0.0
    for i in range(len(h.centres) - 1):   # an off-by-one loop: the last bin is left out
        total += (h.density[i] - pdf_reference(h.centres[i], mu, sigma)) ** 2
    return total


FALSE_ACCEPTS = {
    "pdf in float16": (check.normal_pdf,
                       lambda x, mu, sigma: pdf_reference(x, mu, sigma).astype(np.float16)),
    "pdf cut off at 3 sigma": (check.normal_pdf,
                               lambda x, mu, sigma: np.where(np.abs(x - mu) < 3 * sigma, pdf_reference(x, mu, sigma), 0.0)),
    "pdf with the mean of x for mu": (check.normal_pdf, lambda x, mu, sigma: pdf_reference(x, np.mean(x), sigma)),
    "pdf with the sd of x for sigma": (check.normal_pdf, lambda x, mu, sigma: pdf_reference(x, mu, np.std(x))),
    "pdf right only in cm": (check.normal_pdf,
                             lambda x, mu, sigma: pdf_reference(x, mu, sigma) if mu > 100 else pdf_reference(x, mu, 7.5)),
    "pdf 0.1% off": (check.normal_pdf, lambda x, mu, sigma: 1.001 * pdf_reference(x, mu, sigma)),
    "ssr 0.1% off": (check.sum_squared_residuals, lambda mu, sigma, h: 1.001 * ssr_reference(mu, sigma, h)),
    "ssr without the last bin": (check.sum_squared_residuals, _ssr_skipping_last_bin),
    "ssr in cm for a metres histogram": (check.sum_squared_residuals,
                                         lambda mu, sigma, h: ssr_reference(mu, sigma, HEIGHTS)
                                         if h.width < 1 else ssr_reference(mu, sigma, h)),
    "ssr rounded": (check.sum_squared_residuals, lambda mu, sigma, h: round(float(ssr_reference(mu, sigma, h)), 4)),
}


@pytest.mark.parametrize("name", FALSE_ACCEPTS)
def test_checkers_reject_wrong_functions_that_are_nearly_right(name):
    checker, function = FALSE_ACCEPTS[name]
    with np.errstate(all="ignore"):
        result = checker(function)
    assert not result, f"{name} was accepted"


def test_probes_span_the_scales_the_chapter_warns_about():
    sigmas = [sigma for _, _, sigma in vectors._PDF_PROBES]
    assert min(sigmas) <= 1e-3 and max(sigmas) >= 1e3
    assert any(abs(mu) < 3 for _, mu, _ in vectors._PDF_PROBES if mu > 1)   # heights in metres
    ssr_sigmas = [sigma for _, sigma, _ in vectors._SSR_PROBES]
    assert min(ssr_sigmas) <= 1e-3 and max(ssr_sigmas) >= 1e3
    metres = vectors._small_histogram_in_metres()
    assert np.isclose(np.sum(metres.density) * metres.width, 1, rtol=1e-12, atol=0)
    assert np.allclose(metres.density, vectors._small_histogram().density * 100, rtol=1e-12, atol=0)


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_the_comparison_is_relative_to_the_data_scale(scale):
    # Heights in other units (x, mu, sigma times c) give densities divided by c: the verdict
    # on every known mistake, and on the right answer, must not change with c.
    for x, mu, sigma in vectors._PDF_PROBES:
        want = fitting.normal_pdf(x, mu, sigma)
        scaled_want = fitting.normal_pdf(scale * x, scale * mu, scale * sigma)
        assert vectors._close(scaled_want, want / scale)
        with np.errstate(all="ignore"):
            for mistake, _ in vectors.PDF_MISTAKES:
                got = mistake(x, mu, sigma)
                assert vectors._close(got / scale, want / scale) == vectors._close(got, want)
        assert not vectors._close(want * (1 + 1e-4), want) and vectors._close(want * (1 + 1e-6), want)
