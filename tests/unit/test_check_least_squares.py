"""Tests for the Chapter 12 checkers: right answers written many ways pass, learners' mistakes are named."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from mmlbook import check, fitting


def _f(x, mu, sig):
    return np.exp(-(x - mu) ** 2 / (2 * sig**2)) / np.sqrt(2 * np.pi) / sig


# --- normal_jacobian: right ones ------------------------------------------------------------

def jac_course_style(x, mu, sig):  # the course's two functions, returned as a pair
    dfdmu = _f(x, mu, sig) * (x - mu) / sig**2
    dfdsig = -_f(x, mu, sig) / sig + _f(x, mu, sig) * (x - mu) ** 2 / sig**3
    return dfdmu, dfdsig


def jac_loops(x, mu, sigma):
    rows = []
    for xi in x:
        f = math.exp(-((xi - mu) ** 2) / (2 * sigma**2)) / (sigma * math.sqrt(2 * math.pi))
        rows.append([f * (xi - mu) / sigma**2, f * ((xi - mu) ** 2 - sigma**2) / sigma**3])
    return rows


def jac_float32(x, mu, sigma):
    x, mu, sigma = np.float32(x), np.float32(mu), np.float32(sigma)
    z = (x - mu) / sigma
    f = stats.norm.pdf(z).astype(np.float32) / sigma
    return np.stack([f * z / sigma, f * (z**2 - 1) / sigma], axis=1)


def jac_scipy(x, mu, sigma):
    f = stats.norm.pdf(x, loc=mu, scale=sigma)
    return np.column_stack([f * (x - mu) / sigma**2, f * ((x - mu) ** 2 / sigma**3 - 1 / sigma)])


@pytest.mark.parametrize("function", [jac_course_style, jac_loops, jac_float32, jac_scipy,
                                      fitting.normal_pdf_jacobian])
def test_right_jacobians_pass(function):
    result = check.normal_jacobian(function)
    assert result, result.message


# --- normal_jacobian: wrong ones, as learners write them -----------------------------------

def _pair(dmu, dsig):
    return lambda x, mu, sig: (dmu(x, mu, sig), dsig(x, mu, sig))


_DSIG = lambda x, mu, sig: _f(x, mu, sig) * ((x - mu) ** 2 / sig**3 - 1 / sig)  # noqa: E731
_DMU = lambda x, mu, sig: _f(x, mu, sig) * (x - mu) / sig**2  # noqa: E731


@pytest.mark.parametrize("function, phrase", [
    (_pair(lambda x, mu, sig: _f(x, mu, sig) * (mu - x) / sig**2, _DSIG), "df/dx"),
    (_pair(lambda x, mu, sig: (x - mu) / sig**2, _DSIG), "lacks the factor f"),
    (_pair(lambda x, mu, sig: _f(x, mu, sig) * (x - mu) / sig, _DSIG), "divide by σ²"),
    (_pair(lambda x, mu, sig: _f(x, mu, sig) * (x - mu) / 2 / sig**2, _DSIG), "factor 1/2 too many"),
    (_pair(_DMU, lambda x, mu, sig: _f(x, mu, sig) * (x - mu) ** 2 / sig**3), "misses the term −f/σ"),
    (_pair(_DMU, lambda x, mu, sig: _f(x, mu, sig) * (x - mu) ** 2 / sig**3 + _f(x, mu, sig) / sig),
     "wrong sign on its second term"),
    (_pair(_DMU, lambda x, mu, sig: _f(x, mu, sig) * ((x - mu) ** 2 / sig**2 - 1 / sig)), "by σ³"),
    (_pair(_DMU, lambda x, mu, sig: _f(x, mu, sig) * ((x - mu) ** 2 / sig**3 - 1)), "needs −f/σ"),
    (_pair(_DMU, lambda x, mu, sig: _f(x, mu, sig) * ((x - mu) ** 2 - sig**2) / (2 * sig**4)),
     "variance"),
    (lambda x, mu, sig: np.sqrt(2 * np.pi) * fitting.normal_pdf_jacobian(x, mu, sig), "1/√(2π)"),
    (lambda x, mu, sig: (_DSIG(x, mu, sig), _DMU(x, mu, sig)), "swapped"),
    (lambda x, mu, sig: -fitting.normal_pdf_jacobian(x, mu, sig), "residual"),
    (lambda x, mu, sig: _DMU(x, mu, sig), "shape"),
    (lambda x, mu, sig: None, "return statement"),
    (lambda x, mu, sig: fitting.normal_pdf_jacobian(x, mu, sig) * (1 + 1e-3), "should give"),
])
def test_wrong_jacobians_are_named(function, phrase):
    result = check.normal_jacobian(function)
    assert not result
    assert phrase in result.message, result.message


def test_jacobian_right_only_in_cm_fails():
    def only_cm(x, mu, sig):
        return fitting.normal_pdf_jacobian(x, mu, sig) if sig > 1 and sig < 100 else np.zeros((x.size, 2))
    assert not check.normal_jacobian(only_cm)


# --- steepest_step ---------------------------------------------------------------------------

def step_course_style(x, y, mu, sig, aggression):
    J = np.array([-2 * (y - _f(x, mu, sig)) @ _DMU(x, mu, sig),
                  -2 * (y - _f(x, mu, sig)) @ _DSIG(x, mu, sig)])
    return -J * aggression


def step_loops(x, y, mu, sigma, step):
    gmu = gsig = 0.0
    for xi, yi in zip(x, y):
        f = float(_f(xi, mu, sigma))
        gmu += -2 * (yi - f) * f * (xi - mu) / sigma**2
        gsig += -2 * (yi - f) * f * ((xi - mu) ** 2 / sigma**3 - 1 / sigma)
    return [-step * gmu, -step * gsig]


def step_library(x, y, mu, sigma, step):
    r = y - fitting.normal_pdf(x, mu, sigma)
    return 2 * step * fitting.normal_pdf_jacobian(x, mu, sigma).T @ r


def step_float32(x, y, mu, sigma, step):
    x, y = np.float32(x), np.float32(y)
    J = np.float32(fitting.normal_pdf_jacobian(x, mu, sigma))
    return np.float32(2 * step) * (J.T @ (y - np.float32(_f(x, mu, sigma))))


@pytest.mark.parametrize("function", [step_course_style, step_loops, step_library, step_float32])
def test_right_steps_pass(function):
    result = check.steepest_step(function)
    assert result, result.message


@pytest.mark.parametrize("function, phrase", [
    (lambda x, y, mu, sig, a: -step_library(x, y, mu, sig, a), "uphill"),
    (lambda x, y, mu, sig, a: a * fitting.normal_pdf_jacobian(x, mu, sig).T @ (y - _f(x, mu, sig)),
     "factor 2"),
    (lambda x, y, mu, sig, a: 2 * a * np.mean(fitting.normal_pdf_jacobian(x, mu, sig)
                                              * (y - _f(x, mu, sig))[:, None], axis=0), "mean"),
    (lambda x, y, mu, sig, a: np.array([mu, sig]) + step_library(x, y, mu, sig, a), "new parameters"),
    (lambda x, y, mu, sig, a: 2 * a * fitting.normal_pdf_jacobian(x, mu, sig).sum(axis=0), "weighted"),
    (lambda x, y, mu, sig, a: 2 * a * fitting.normal_pdf_jacobian(x, mu, sig).T @ (y - _f(x, mu, sig)) ** 2,
     "squared residuals"),
    (lambda x, y, mu, sig, a: 2 * a * np.array([(y - _f(x, mu, sig)) @ _DMU(x, mu, sig),
                                                (y - _f(x, mu, sig)) @ (_f(x, mu, sig) * (x - mu) ** 2 / sig**3)]),
     "misses the term −f/σ"),
    (lambda x, y, mu, sig, a: 2 * a * np.array([(y - _f(x, mu, sig)) @ -_DMU(x, mu, sig),
                                                (y - _f(x, mu, sig)) @ _DSIG(x, mu, sig)]), "df/dx"),
    (lambda x, y, mu, sig, a: step_library(x, y, mu, sig, a)[::-1], "swapped"),
    (lambda x, y, mu, sig, a: 0.0, "2 numbers"),
])
def test_wrong_steps_are_named(function, phrase):
    result = check.steepest_step(function)
    assert not result
    assert phrase in result.message, result.message
