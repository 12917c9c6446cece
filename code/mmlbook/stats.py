r"""Part IV, probability and statistics: distributions, sampling, estimation, intervals, tests, Naive Bayes.

Chapter 18 uses :func:`sample_inverse_cdf`, :func:`binomial_pmf`, :func:`normal_pdf`,
:func:`normal_cdf` and :class:`GaussianNaiveBayes`; Chapter 20 :func:`mle_bernoulli`,
:func:`mle_normal` and :func:`beta_binomial_update`; Chapter 21
:func:`mean_confidence_interval`, :func:`proportion_confidence_interval`,
:func:`welch_t_test` and :func:`two_proportion_z_test`.

Probabilities that can be tiny are computed in log space (the binomial PMF,
the Naive Bayes posteriors) or with the complementary error function (the
normal CDF), so nothing underflows to 0 before it has to. Every function checks
what it is given and names the argument that is wrong; the tests compare each
with SciPy or scikit-learn.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
from scipy import special

from ._validate import as_array, as_callable, as_number

__all__ = ["sample_inverse_cdf", "binomial_pmf", "normal_pdf", "normal_cdf", "mle_bernoulli", "mle_normal",
           "beta_binomial_update", "mean_confidence_interval", "proportion_confidence_interval",
           "welch_t_test", "two_proportion_z_test", "GaussianNaiveBayes"]


# --- argument checks ---------------------------------------------------------------------


def _count(name: str, value: Any, *, low: int = 0) -> int:
    """``value`` as an integer count >= ``low``, or raise naming ``name``."""
    return as_number(name, value, low=low, integer=True)


def _level(level: Any) -> float:
    """A confidence level strictly between 0 and 1, or raise."""
    level = as_number("level", level)
    if not 0 < level < 1:
        raise ValueError(f"level must be strictly between 0 and 1 (0.95 for a 95% interval), got {level}")
    return level


def _successes(name: str, successes: Any, n_name: str, n: int) -> int:
    """A number of successes in 0..n, or raise naming ``name``."""
    successes = _count(name, successes)
    if successes > n:
        raise ValueError(f"{name} must be at most {n_name} = {n} (the number of trials), got {successes}")
    return successes


def _scalar_or_array(values: np.ndarray) -> np.ndarray | float:
    """A float for 0-d input, the array otherwise."""
    return float(values) if values.ndim == 0 else values


def _standardised(x: Any, mu: Any, sigma: Any) -> tuple[np.ndarray, float]:
    """``(x - mu) / sigma`` and ``sigma``, after checking all three (``sigma`` > 0)."""
    x = as_array("x", x)
    mu = as_number("mu", mu)
    sigma = as_number("sigma", sigma, low=0, low_open=True)
    return (x - mu) / sigma, sigma


# --- Chapter 18: distributions and sampling ------------------------------------------------


def sample_inverse_cdf(ppf: Callable[[np.ndarray], Any], size: int | tuple[int, ...],
                       rng: np.random.Generator) -> np.ndarray:
    r"""Draw samples by inverse-transform sampling: :math:`X = F^{-1}(U)` with :math:`U \sim \mathrm{Uniform}(0, 1)`.

    If :math:`F` is the CDF of a distribution and :math:`F^{-1}` its inverse
    (the quantile function, SciPy's ``ppf``), then :math:`P(F^{-1}(U) \le x) =
    P(U \le F(x)) = F(x)`, so :math:`F^{-1}(U)` has the distribution :math:`F`.

    Parameters
    ----------
    ppf : callable
        The quantile function; called once on an array of uniforms and must
        return an array of the same shape (write it with NumPy, not ``math``).
    size : int or tuple of int
        How many samples (or the shape of the sample array); each >= 1.
    rng : numpy.random.Generator
        The source of randomness, e.g. ``np.random.default_rng(0)``. The
        uniforms are ``rng.random(size)``, which lie in :math:`[0, 1)`; 0 itself
        comes up with probability :math:`2^{-53}` per draw.

    Returns
    -------
    numpy.ndarray, shape ``size``
        ``ppf(rng.random(size))`` as floats.

    Raises
    ------
    TypeError
        ``ppf`` is not callable, raises TypeError on an array (``math.log``
        instead of ``np.log``) or returns something that is not numbers;
        ``size`` is not an integer or tuple of integers; ``rng`` is not a
        ``numpy.random.Generator`` (the legacy ``np.random.RandomState`` and
        ``np.random`` itself are refused).
    ValueError
        A size below 1; ``ppf`` returns an array of another shape.

    Examples
    --------
    Exponential samples with rate 2, whose quantile function is :math:`-\ln(1-u)/2`:

    >>> x = sample_inverse_cdf(lambda u: -np.log1p(-u) / 2, 100_000, np.random.default_rng(0))
    >>> x.shape, bool(abs(x.mean() - 0.5) < 0.01)
    ((100000,), True)
    """
    ppf = as_callable("ppf", ppf)
    if isinstance(size, tuple):
        shape = tuple(_count(f"size[{i}]", s, low=1) for i, s in enumerate(size))
        if not shape:
            raise ValueError("size must not be an empty tuple; give the number of samples, e.g. 1000")
    else:
        shape = (_count("size", size, low=1),)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator such as np.random.default_rng(0), "
                        f"got {type(rng).__name__}")
    u = rng.random(shape)
    try:
        x = ppf(u)
    except TypeError as exc:  # math.log on an array, say
        raise TypeError(f"ppf must accept a NumPy array of uniforms and return an array; calling it on one "
                        f"raised TypeError: {exc}") from exc
    x = as_array("ppf(u)", x, finite=False)
    if x.shape != u.shape:
        raise ValueError(f"ppf must return one value per uniform: given shape {u.shape} it returned shape "
                         f"{x.shape}")
    return x


def binomial_pmf(k: Any, n: int, p: float) -> np.ndarray | float:
    r"""The binomial PMF :math:`P(K = k) = \binom{n}{k} p^k (1-p)^{n-k}`, computed through logarithms.

    The binomial coefficient overflows a float already at :math:`n \approx 1030`
    and :math:`p^k` underflows, but their logarithms do not:
    :math:`\ln P = \ln\Gamma(n+1) - \ln\Gamma(k+1) - \ln\Gamma(n-k+1) + k\ln p + (n-k)\ln(1-p)`,
    exponentiated at the end (``scipy.special.gammaln``, ``xlogy`` and
    ``xlog1py``, so that :math:`0 \cdot \ln 0 = 0` when :math:`p` is 0 or 1).
    The relative error grows with :math:`\ln\Gamma(n+1)`: up to about
    :math:`3 \times 10^{-11}` at :math:`n = 10^4` (measured against ``scipy.stats.binom``).

    Parameters
    ----------
    k : int or array_like of int
        Numbers of successes, whole numbers (``3`` or ``3.0``); values outside
        ``0..n`` get probability 0.
    n : int
        The number of trials, >= 0.
    p : float
        The probability of success of each trial, in [0, 1].

    Returns
    -------
    float or numpy.ndarray
        A float for a single ``k``, else an array of the shape of ``k``.

    Raises
    ------
    TypeError
        ``n`` is not an integer; ``p`` or ``k`` is not numbers.
    ValueError
        ``n < 0``; ``p`` outside [0, 1]; ``k`` empty, not whole numbers, NaN or inf.

    Examples
    --------
    >>> binomial_pmf([0, 1, 2, 3], 2, 0.5)
    array([0.25, 0.5 , 0.25, 0.  ])
    >>> bool(binomial_pmf(5000, 10_000, 0.5) > 0)   # about 0.008; the coefficient alone is 1e3008
    True
    """
    n = _count("n", n)
    p = as_number("p", p, low=0, high=1)
    k = as_array("k", k)
    if not np.all(k == np.round(k)):
        raise ValueError("k must hold whole numbers of successes (0, 1, ..., n), got a fraction")
    inside = (k >= 0) & (k <= n)
    kk = np.where(inside, k, 0.0)
    log_pmf = (special.gammaln(n + 1) - special.gammaln(kk + 1) - special.gammaln(n - kk + 1)
               + special.xlogy(kk, p) + special.xlog1py(n - kk, -p))
    return _scalar_or_array(np.where(inside, np.exp(log_pmf), 0.0))


def normal_pdf(x: Any, mu: float = 0.0, sigma: float = 1.0) -> np.ndarray | float:
    r"""The normal density :math:`\frac{1}{\sigma\sqrt{2\pi}} \exp\!\big(-\frac{(x-\mu)^2}{2\sigma^2}\big)`.

    Parameters
    ----------
    x : float or array_like
        Where to evaluate it.
    mu : float, default 0
        The mean.
    sigma : float, default 1
        The standard deviation (not the variance), > 0.

    Returns
    -------
    float or numpy.ndarray
        A float for a single ``x``, else an array of the shape of ``x``.

    Raises
    ------
    TypeError
        An argument that is not numbers.
    ValueError
        ``sigma <= 0``; NaN or inf; empty ``x``.

    Examples
    --------
    >>> round(normal_pdf(0.0), 6)
    0.398942
    >>> normal_pdf([1.0, 3.0], mu=1.0, sigma=2.0).round(6)
    array([0.199471, 0.120985])
    """
    z, sigma = _standardised(x, mu, sigma)
    return _scalar_or_array(np.exp(-0.5 * z * z) / (sigma * math.sqrt(2 * math.pi)))


def normal_cdf(x: Any, mu: float = 0.0, sigma: float = 1.0) -> np.ndarray | float:
    r"""The normal CDF :math:`\Phi\big(\frac{x-\mu}{\sigma}\big)`, accurate far into the lower tail.

    It is computed as :math:`\Phi(z) = \tfrac12\,\mathrm{erfc}(-z/\sqrt2)`. The
    textbook form :math:`\tfrac12(1 + \mathrm{erf}(z/\sqrt2))` subtracts two
    numbers near 1 when :math:`z` is very negative and loses every digit: it
    gives 0 already at :math:`z = -9` (true value :math:`1.1 \times 10^{-19}`).
    ``erfc`` keeps a relative error of about :math:`10^{-13}` (measured against
    mpmath) down to :math:`z \approx -37.5`, where :math:`\Phi \approx 5 \times 10^{-308}`
    is the smallest normal float; it still gives subnormal values a little
    further, and below :math:`z \approx -37.7` the result underflows to 0.
    That is the floor of double precision, not an error of the method: the
    true value there is below :math:`6 \times 10^{-311}` (:math:`3.7 \times 10^{-351}`
    at :math:`z = -40`). Work with :math:`\ln\Phi` (``scipy.special.log_ndtr``)
    if you need to go further. In the upper tail :math:`\Phi(z)` is within
    rounding of 1; for an upper-tail probability :math:`1 - \Phi(z)` use
    ``normal_cdf(-z)``, which is accurate, instead of ``1 - normal_cdf(z)``.

    Parameters
    ----------
    x : float or array_like
        Where to evaluate it.
    mu : float, default 0
        The mean.
    sigma : float, default 1
        The standard deviation, > 0.

    Returns
    -------
    float or numpy.ndarray
        A float for a single ``x``, else an array of the shape of ``x``.

    Raises
    ------
    TypeError
        An argument that is not numbers.
    ValueError
        ``sigma <= 0``; NaN or inf; empty ``x``.

    Examples
    --------
    >>> normal_cdf(0.0)
    0.5
    >>> round(normal_cdf(1.96), 4)
    0.975
    >>> f"{normal_cdf(-20.0):.4e}"   # 0.5 * (1 + erf(-20 / sqrt(2))) is 0.0
    '2.7536e-89'
    """
    z, _ = _standardised(x, mu, sigma)
    return _scalar_or_array(0.5 * special.erfc(-z / math.sqrt(2)))


# --- Chapter 20: estimation ----------------------------------------------------------------


def mle_bernoulli(x: Any) -> float:
    r"""The maximum-likelihood estimate of a Bernoulli parameter: the fraction of ones.

    :math:`\hat p = \frac1N \sum_n x_n` maximises :math:`\prod_n p^{x_n}(1-p)^{1-x_n}`.

    Parameters
    ----------
    x : array_like, shape (N,)
        Outcomes, each 0 or 1 (``True``/``False`` are accepted).

    Returns
    -------
    float

    Raises
    ------
    TypeError
        ``x`` is not numbers.
    ValueError
        ``x`` is empty, not 1-D, or holds a value other than 0 and 1.

    Examples
    --------
    >>> mle_bernoulli([1, 0, 1, 1])
    0.75
    """
    x = as_array("x", x, ndim=1)
    if not np.all((x == 0) | (x == 1)):
        bad = x[(x != 0) & (x != 1)][0]
        raise ValueError(f"x must hold only 0s and 1s (failures and successes), got {bad}")
    return float(x.mean())


def mle_normal(x: Any) -> tuple[float, float]:
    r"""The maximum-likelihood estimates of a normal's mean and standard deviation.

    :math:`\hat\mu = \frac1N \sum_n x_n` and :math:`\hat\sigma = \sqrt{\frac1N \sum_n (x_n - \hat\mu)^2}`.
    The variance divides by :math:`N`, not :math:`N - 1`: this is the maximum
    of the likelihood, and it is biased (its expectation is
    :math:`\frac{N-1}{N}\sigma^2`). ``np.std(x)`` computes the same;
    ``np.std(x, ddof=1)`` the unbiased-variance version.

    Parameters
    ----------
    x : array_like, shape (N,)
        The observations; N >= 1.

    Returns
    -------
    (float, float)
        ``(mu, sigma)``. One observation gives ``sigma = 0``.

    Raises
    ------
    TypeError
        ``x`` is not numbers.
    ValueError
        ``x`` is empty, not 1-D, or holds NaN or inf.

    Examples
    --------
    >>> mle_normal([1.0, 2.0, 3.0, 6.0])
    (3.0, 1.8708286933869707)
    """
    x = as_array("x", x, ndim=1)
    mu = float(x.mean())
    return mu, float(np.sqrt(np.mean((x - mu) ** 2)))


def beta_binomial_update(alpha: float, beta: float, heads: int, tails: int) -> tuple[float, float]:
    r"""The Beta posterior after coin flips: a Beta(alpha, beta) prior becomes Beta(alpha + heads, beta + tails).

    The Beta prior is conjugate to the binomial likelihood (:math:`h` heads, :math:`t` tails):
    :math:`p^{\alpha-1}(1-p)^{\beta-1} \cdot p^h (1-p)^t = p^{\alpha+h-1}(1-p)^{\beta+t-1}`.

    Parameters
    ----------
    alpha, beta : float
        The prior's parameters, > 0 (``1, 1`` is the uniform prior).
    heads, tails : int
        The numbers of successes and failures observed, >= 0.

    Returns
    -------
    (float, float)
        The posterior's ``(alpha, beta)``.

    Raises
    ------
    TypeError
        ``alpha`` or ``beta`` is not a number; ``heads`` or ``tails`` is not an integer.
    ValueError
        ``alpha <= 0`` or ``beta <= 0``; a negative count; NaN or inf.

    Examples
    --------
    >>> beta_binomial_update(1, 1, 7, 3)
    (8.0, 4.0)
    """
    alpha = as_number("alpha", alpha, low=0, low_open=True)
    beta = as_number("beta", beta, low=0, low_open=True)
    heads, tails = _count("heads", heads), _count("tails", tails)
    return alpha + heads, beta + tails


# --- Chapter 21: confidence intervals and tests --------------------------------------------


def mean_confidence_interval(mean: float, sd: float, n: int, level: float = 0.95,
                             known_sigma: bool = False) -> tuple[float, float]:
    r"""A confidence interval for a population mean: :math:`\bar x \pm c \cdot s / \sqrt n`.

    With ``known_sigma=False`` (the usual case: ``sd`` is the sample standard
    deviation :math:`s`, dividing by :math:`n - 1`) the critical value
    :math:`c` is the :math:`\frac{1 + \text{level}}{2}` quantile of Student's t
    with :math:`n - 1` degrees of freedom; with ``known_sigma=True`` (``sd`` is
    the population's :math:`\sigma`) it is the normal quantile :math:`z`
    (1.96 for 95%). The t interval is exact for normal data and wider than the
    z interval, most of all for small n.

    Parameters
    ----------
    mean : float
        The sample mean :math:`\bar x`.
    sd : float
        The sample standard deviation, or the known population one; > 0.
    n : int
        The sample size: >= 2 for a t interval (one degree of freedom at
        least), >= 1 with ``known_sigma``.
    level : float, default 0.95
        The confidence level, strictly between 0 and 1.
    known_sigma : bool, default False
        Whether ``sd`` is the known population standard deviation.

    Returns
    -------
    (float, float)
        ``(low, high)``.

    Raises
    ------
    TypeError
        A number that is not one; ``n`` not an integer; ``known_sigma`` not a bool.
    ValueError
        ``sd <= 0``; ``n`` too small; ``level`` outside (0, 1); NaN or inf.

    Examples
    --------
    >>> low, high = mean_confidence_interval(10.0, 2.0, 25)
    >>> round(low, 4), round(high, 4)
    (9.1744, 10.8256)
    >>> low, high = mean_confidence_interval(10.0, 2.0, 25, known_sigma=True)
    >>> round(low, 4), round(high, 4)
    (9.216, 10.784)
    """
    mean = as_number("mean", mean)
    sd = as_number("sd", sd, low=0, low_open=True)
    if not isinstance(known_sigma, (bool, np.bool_)):
        raise TypeError(f"known_sigma must be True or False, got {type(known_sigma).__name__}")
    n = _count("n", n, low=1 if known_sigma else 2)
    level = _level(level)
    q = (1 + level) / 2
    critical = float(special.ndtri(q)) if known_sigma else float(special.stdtrit(n - 1, q))
    half = critical * sd / math.sqrt(n)
    return mean - half, mean + half


def proportion_confidence_interval(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    r"""The Wilson score confidence interval for a proportion.

    With :math:`\hat p = \text{successes}/n` and :math:`z` the
    :math:`\frac{1+\text{level}}{2}` normal quantile, the interval is

    .. math:: \frac{\hat p + \frac{z^2}{2n}}{1 + \frac{z^2}{n}} \pm
              \frac{z}{1 + \frac{z^2}{n}} \sqrt{\frac{\hat p(1-\hat p)}{n} + \frac{z^2}{4n^2}} ,

    the set of :math:`p` with :math:`|\hat p - p| \le z\sqrt{p(1-p)/n}` (the
    standard error taken at :math:`p`, not at :math:`\hat p`). We use it rather
    than the Wald interval :math:`\hat p \pm z\sqrt{\hat p(1-\hat p)/n}` because
    the Wald interval has width 0 when :math:`\hat p` is 0 or 1, can reach
    outside [0, 1], and covers the true :math:`p` well below the stated level
    for small n or :math:`p` near 0 or 1 (Brown, Cai and DasGupta, *Statistical
    Science* 16, 2001): at :math:`n = 20`, :math:`p = 0.05` the nominal 95%
    Wald interval contains :math:`p` with probability 0.64, Wilson's 0.92. For
    the large samples of an A/B test the two agree closely. The endpoints lie
    in [0, 1] mathematically and are clipped there against rounding.

    Parameters
    ----------
    successes : int
        The number of successes, in 0..n.
    n : int
        The number of trials, >= 1.
    level : float, default 0.95
        The confidence level, strictly between 0 and 1.

    Returns
    -------
    (float, float)
        ``(low, high)``, with ``low <= successes / n <= high``.

    Raises
    ------
    TypeError
        A count that is not an integer; ``level`` not a number.
    ValueError
        A negative count, ``n = 0``, ``successes > n``, ``level`` outside (0, 1).

    Examples
    --------
    >>> low, high = proportion_confidence_interval(576, 4632)
    >>> round(low, 4), round(high, 4)
    (0.1152, 0.1342)
    >>> proportion_confidence_interval(0, 10)[0]
    0.0
    """
    n = _count("n", n, low=1)
    successes = _successes("successes", successes, "n", n)
    level = _level(level)
    z = float(special.ndtri((1 + level) / 2))
    p_hat = successes / n
    shrink = 1 + z * z / n
    centre = (p_hat + z * z / (2 * n)) / shrink
    half = z / shrink * math.sqrt(p_hat * (1 - p_hat) / n + z * z / (4 * n * n))
    low, high = centre - half, centre + half
    # Exactly 0 (1) when there are no successes (failures); min/max keep p_hat inside against rounding.
    low = 0.0 if successes == 0 else min(max(low, 0.0), p_hat)
    high = 1.0 if successes == n else max(min(high, 1.0), p_hat)
    return low, high


def welch_t_test(mean1: float, sd1: float, n1: int, mean2: float, sd2: float, n2: int
                 ) -> tuple[float, float, float]:
    r"""Welch's two-sample t-test of equal means from summary statistics, two-sided.

    .. math:: t = \frac{\bar x_1 - \bar x_2}{\sqrt{s_1^2/n_1 + s_2^2/n_2}}, \qquad
              \nu = \frac{(s_1^2/n_1 + s_2^2/n_2)^2}{\frac{(s_1^2/n_1)^2}{n_1 - 1} + \frac{(s_2^2/n_2)^2}{n_2 - 1}}

    (the Welch–Satterthwaite degrees of freedom, not a whole number in
    general), and the p-value is :math:`2\,P(T_\nu \ge |t|)`. Unlike Student's
    test it does not assume the two groups have equal variances. The same as
    ``scipy.stats.ttest_ind_from_stats(..., equal_var=False)``.

    Parameters
    ----------
    mean1, sd1, n1 : float, float, int
        Group 1's sample mean, sample standard deviation (> 0, dividing
        by :math:`n_1 - 1`) and size (>= 2).
    mean2, sd2, n2 : float, float, int
        The same for group 2.

    Returns
    -------
    (float, float, float)
        ``(t, df, p_value)``.

    Raises
    ------
    TypeError
        A number that is not one; a size that is not an integer.
    ValueError
        An ``sd <= 0``; a size below 2; NaN or inf.

    Examples
    --------
    The session durations of the Chapter 21 A/B test:

    >>> t, df, p = welch_t_test(32.92, 17.54, 2069, 33.83, 18.24, 2117)
    >>> round(t, 3), round(df, 1), round(p, 5)
    (-1.645, 4182.9, 0.09995)
    """
    mean1, mean2 = as_number("mean1", mean1), as_number("mean2", mean2)
    sd1 = as_number("sd1", sd1, low=0, low_open=True)
    sd2 = as_number("sd2", sd2, low=0, low_open=True)
    n1, n2 = _count("n1", n1, low=2), _count("n2", n2, low=2)
    # The variances of the two means, in units of the larger sd squared: tiny or huge sds
    # (1e-170, 1e170) would underflow or overflow when squared, and df does not depend on the unit.
    unit = max(sd1, sd2)
    v1, v2 = (sd1 / unit) ** 2 / n1, (sd2 / unit) ** 2 / n2
    t = (mean1 - mean2) / unit / math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    p_value = 2 * float(special.stdtr(df, -abs(t)))
    return t, df, p_value


def two_proportion_z_test(successes1: int, n1: int, successes2: int, n2: int) -> tuple[float, float]:
    r"""The two-proportion z-test of equal success rates, pooled, two-sided.

    With :math:`\hat p_i = x_i / n_i` and the pooled :math:`\hat p = (x_1 + x_2)/(n_1 + n_2)`
    (the common rate if :math:`H_0` holds),

    .. math:: z = \frac{\hat p_1 - \hat p_2}{\sqrt{\hat p(1-\hat p)\,(1/n_1 + 1/n_2)}},

    and the p-value is :math:`2\,P(Z \ge |z|) = 2\,\Phi(-|z|)`.

    Parameters
    ----------
    successes1, n1 : int
        Group 1's successes (0..n1) and trials (>= 1).
    successes2, n2 : int
        The same for group 2.

    Returns
    -------
    (float, float)
        ``(z, p_value)``.

    Raises
    ------
    TypeError
        A count that is not an integer.
    ValueError
        A negative count, a group with no trials, more successes than trials,
        or no successes or no failures in either group (then the pooled
        standard error is 0 and z is undefined).

    Examples
    --------
    The conversions of the Chapter 21 A/B test:

    >>> z, p = two_proportion_z_test(576, 4632, 718, 4728)
    >>> round(z, 3), f"{p:.2e}"
    (-3.855, '1.16e-04')
    """
    n1, n2 = _count("n1", n1, low=1), _count("n2", n2, low=1)
    successes1 = _successes("successes1", successes1, "n1", n1)
    successes2 = _successes("successes2", successes2, "n2", n2)
    pooled = (successes1 + successes2) / (n1 + n2)
    if pooled in (0.0, 1.0):
        raise ValueError("the two groups together have no " + ("successes" if pooled == 0 else "failures")
                         + ": the pooled standard error is 0 and z is undefined (both rates are "
                         + f"{pooled:g}, so there is no evidence of a difference)")
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = (successes1 / n1 - successes2 / n2) / se
    return z, float(special.erfc(abs(z) / math.sqrt(2)))


# --- Chapter 18: Gaussian Naive Bayes ------------------------------------------------------


class GaussianNaiveBayes:
    r"""A Naive Bayes classifier with a normal distribution per class and feature, in log space.

    ``fit`` estimates each class's prior :math:`P(c)` (its share of the
    examples) and, for each feature :math:`d`, the mean :math:`\mu_{cd}` and
    the 1/N variance :math:`\sigma^2_{cd}` of that feature within the class.
    The "naive" assumption is that features are independent given the class, so

    .. math:: \ln P(c \mid \mathbf x) = \ln P(c) + \sum_d \ln \mathcal N(x_d \mid \mu_{cd}, \sigma^2_{cd})
              - \ln \sum_{c'} \exp\big(\text{the same for } c'\big).

    Everything stays in log space and the normaliser is a ``logsumexp``: a
    product of densities underflows to 0 for a point far from every class,
    and 0/0 is NaN, whereas the log-probabilities stay finite.

    Variance smoothing is scikit-learn's ``GaussianNB``: ``var_smoothing``
    times the largest variance of any feature over all of ``X`` is added to
    every variance. It keeps a class with one example (variance 0) or a
    feature constant within a class from dividing by zero, and with the same
    ``var_smoothing`` the results equal ``GaussianNB``'s to rounding.

    Parameters
    ----------
    var_smoothing : float, default 1e-9
        The fraction of the largest feature variance added to each variance, >= 0.

    Attributes
    ----------
    classes_ : numpy.ndarray, shape (C,)
        The class labels, sorted.
    class_prior_ : numpy.ndarray, shape (C,)
        Each class's share of the training examples.
    theta_ : numpy.ndarray, shape (C, D)
        The per-class feature means.
    var_ : numpy.ndarray, shape (C, D)
        The per-class feature variances (1/N), smoothing included.
    epsilon_ : float
        The smoothing added to each variance.

    Raises
    ------
    TypeError, ValueError
        ``var_smoothing`` is not a number >= 0.

    Examples
    --------
    >>> model = GaussianNaiveBayes().fit([[0.0], [0.2], [1.0], [1.2]], ["a", "a", "b", "b"])
    >>> model.predict([[0.1], [5.0]])
    array(['a', 'b'], dtype='<U1')
    >>> np.exp(model.predict_log_proba([[0.6]])).round(3)   # half-way: equally likely
    array([[0.5, 0.5]])
    """

    def __init__(self, var_smoothing: float = 1e-9) -> None:
        self.var_smoothing = as_number("var_smoothing", var_smoothing, low=0)

    def __repr__(self) -> str:
        return f"GaussianNaiveBayes(var_smoothing={self.var_smoothing!r})"

    def fit(self, X: Any, y: Any) -> "GaussianNaiveBayes":
        """Estimate the priors, means and variances from examples ``X`` (N, D) with labels ``y`` (N,).

        Returns
        -------
        GaussianNaiveBayes
            The model itself, so that ``GaussianNaiveBayes().fit(X, y).predict(Z)`` works.

        Raises
        ------
        TypeError
            ``X`` is not numbers; ``y`` mixes labels that cannot be sorted (numbers and strings).
        ValueError
            ``X`` is not a finite, non-empty 2-D array; ``y`` is not 1-D, has
            another length than ``X`` has rows, or holds NaN; every feature of
            ``X`` is constant (then the smoothing is 0 and each variance is 0);
            ``var_smoothing = 0`` and a feature is constant within a class.
        """
        X = as_array("X", X, ndim=2)
        labels = np.asarray(y)
        if labels.ndim != 1:
            raise ValueError(f"y must be 1-D, one label per row of X, got shape {labels.shape}")
        if labels.shape[0] != X.shape[0]:
            raise ValueError(f"y must have one label per row of X ({X.shape[0]} rows), got {labels.shape[0]}")
        if labels.dtype.kind == "f" and not np.all(np.isfinite(labels)):
            raise ValueError("y must not hold NaN or inf labels")
        largest = float(np.var(X, axis=0).max())
        if largest == 0:
            raise ValueError("X must have at least one feature that varies: every column is constant, so "
                             "every variance and the smoothing (var_smoothing x the largest variance) are 0")
        try:
            classes, index = np.unique(labels, return_inverse=True)
        except TypeError as exc:  # labels of mixed types, such as 1 and "a", cannot be sorted
            raise TypeError(f"y must hold labels of one kind (all numbers or all strings): {exc}") from exc
        counts = np.bincount(index, minlength=len(classes))
        theta = np.zeros((len(classes), X.shape[1]))
        var = np.zeros_like(theta)
        for c in range(len(classes)):
            rows = X[index == c]
            theta[c] = rows.mean(axis=0)
            var[c] = np.var(rows, axis=0)
        epsilon = self.var_smoothing * largest
        if np.any(var + epsilon == 0):
            c, d = np.argwhere(var + epsilon == 0)[0]
            raise ValueError(f"feature {d} has variance 0 within class {classes.tolist()[c]!r} (one example, or equal "
                             f"values) and var_smoothing is {self.var_smoothing}: the density would divide "
                             "by 0. Use var_smoothing > 0 (the default is 1e-9)")
        self.epsilon_ = epsilon
        self.classes_, self.class_prior_ = classes, counts / X.shape[0]
        self.theta_, self.var_ = theta, var + self.epsilon_
        return self

    def _joint_log_likelihood(self, X: Any) -> np.ndarray:
        r""":math:`\ln P(c) + \sum_d \ln \mathcal N(x_d \mid \mu_{cd}, \sigma^2_{cd})`, shape (M, C)."""
        if not hasattr(self, "classes_"):
            raise ValueError("this GaussianNaiveBayes is not fitted yet: call fit(X, y) before predicting")
        D = self.theta_.shape[1]
        X = as_array("X", X, ndim=2)
        if X.shape[1] != D:
            raise ValueError(f"X must have {D} columns, as the data the model was fitted on, got shape {X.shape}")
        log_norm = -0.5 * np.sum(np.log(2 * np.pi * self.var_), axis=1)  # (C,)
        # One class at a time keeps the memory at M x D (all at once, MNIST's 10,000 x 10 x 784 is 0.6 GB).
        squares = np.column_stack([((X - mu) ** 2 / var).sum(axis=1)
                                   for mu, var in zip(self.theta_, self.var_)])  # (M, C)
        return np.log(self.class_prior_) + log_norm - 0.5 * squares

    def predict_log_proba(self, X: Any) -> np.ndarray:
        r"""The log posterior :math:`\ln P(c \mid \mathbf x)` of each class for each row of ``X``.

        Returns
        -------
        numpy.ndarray, shape (M, C)
            Column ``j`` is the class ``classes_[j]``; each row's exponentials sum to 1.

        Raises
        ------
        ValueError
            The model is not fitted; ``X`` is not a finite, non-empty 2-D
            array with as many columns as the training data.
        """
        jll = self._joint_log_likelihood(X)
        return jll - special.logsumexp(jll, axis=1, keepdims=True)

    def predict(self, X: Any) -> np.ndarray:
        """The most probable class for each row of ``X``.

        Returns
        -------
        numpy.ndarray, shape (M,)
            Labels from ``classes_``.

        Raises
        ------
        ValueError
            As :meth:`predict_log_proba`.
        """
        jll = self._joint_log_likelihood(X)  # first: it says so if the model is not fitted
        return self.classes_[np.argmax(jll, axis=1)]
