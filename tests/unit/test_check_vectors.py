"""Tests for the Chapter 1 checkers: right answers pass, each typical mistake is named."""

from __future__ import annotations

import doctest
import itertools
import math

import numpy as np
import pytest

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
    # Slow but correct: one math.exp per entry still returns one value per x.
    return [math.exp(-(xi - mu) ** 2 / (2 * sigma**2)) / (sigma * math.sqrt(2 * math.pi)) for xi in x]


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


# --- normal_pdf: right answers ---------------------------------------------------------------

@pytest.mark.parametrize("function", [pdf_reference, pdf_via_z, pdf_list_comprehension,
                                      fitting.normal_pdf])
def test_normal_pdf_accepts_correct_functions(function):
    result = check.normal_pdf(function)
    assert result and result.passed
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
        same = all(np.allclose(answers[first](*probe), answers[second](*probe), rtol=1e-4)
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

@pytest.mark.parametrize("function", [ssr_reference, ssr_loop, ssr_package])
def test_ssr_accepts_correct_functions(function):
    result = check.sum_squared_residuals(function)
    assert result and "correct" in result.message


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
        same = all(np.isclose(answers[first](mu, sigma, make()), answers[second](mu, sigma, make()),
                              rtol=1e-4)
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
