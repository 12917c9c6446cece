"""Checkers for Chapter 18, *Random variables and distributions; Naive Bayes*.

The reader writes

* ``sample_discrete(probs, size, rng)``: ``size`` draws from the outcomes
  0, 1, ..., K − 1 with probabilities ``probs``, by inverse-CDF sampling from
  ``rng.random(size)``;
* ``log_posterior(X, y, x)``: a Gaussian Naive Bayes classifier's log posterior
  ln P(c | x) for every class c = 0, ..., C − 1, fitted to training data
  ``X`` (N, D), ``y`` (N,) with 1/N variances;
* ``spam_log_odds(docs, labels, doc)``: a multinomial Naive Bayes spam filter's
  log odds ln P(spam | doc) − ln P(ham | doc), with Laplace (add-one) smoothing
  over the training vocabulary and words outside it skipped.

The sampler is checked twice: exactly, with a fake ``rng`` whose uniforms are
known (then each draw must be F⁻¹(u), or F⁻¹(1 − u), which has the same
distribution), and statistically, with a real seeded generator and a
chi-squared goodness-of-fit test whose false-reject rate is 1e-6.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy import special
from scipy import stats as _stats

from ._core import Failure, Result, as_result_array, call, quietly, run

__all__ = ["inverse_cdf_sampler", "naive_bayes_log_posterior", "spam_log_odds"]

#: The false-reject rate of the sampler's chi-squared test (for a correct sampler, over seeds).
SAMPLER_ALPHA = 1e-6
_SAMPLER_DRAWS = 20_000


# --- inverse_cdf_sampler ---------------------------------------------------------------------------


class FakeGenerator:
    """A stand-in for ``np.random.Generator`` whose ``random`` returns known uniforms.

    ``random(size)`` returns all of them at once; ``random()`` returns the next one,
    so a loop drawing one uniform at a time sees the same numbers in the same order.
    """

    def __init__(self, uniforms: np.ndarray) -> None:
        self.uniforms = np.asarray(uniforms, dtype=float)
        self.calls = 0
        self._next = 0

    def random(self, size: Any = None, dtype: Any = np.float64, out: Any = None) -> Any:
        self.calls += 1
        if size is None:
            if self._next >= self.uniforms.size:
                raise ValueError(f"this checker's generator holds {self.uniforms.size} uniforms, one per "
                                 "draw; you asked for more")
            self._next += 1
            return float(self.uniforms[self._next - 1])
        shape = (size,) if np.ndim(size) == 0 else tuple(size)
        if int(np.prod(shape)) != self.uniforms.size:
            raise ValueError(f"this checker's generator was asked for size {size}; "
                             f"ask for exactly size={self.uniforms.size}")
        return self.uniforms.reshape(shape).astype(dtype)

    def uniform(self, low: float = 0.0, high: float = 1.0, size: Any = None) -> Any:
        if low != 0.0 or high != 1.0:
            raise ValueError("this checker's generator only draws Uniform(0, 1)")
        return self.random(size)

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"the checker's generator offers only random() and uniform(): you called "
                             f"rng.{name}. The mini-project asks you to turn uniforms rng.random(size) "
                             f"into draws through the inverse CDF, not to use a ready-made sampler")


def _inverse_cdf(probs: np.ndarray, u: np.ndarray) -> np.ndarray:
    """The generalised inverse F⁻¹(u) = min{k : F(k) > u} for u in [0, 1) (min{k: F(k) ≥ u} a.s.)."""
    cdf = np.cumsum(probs)
    return np.minimum(np.searchsorted(cdf, u, side="right"), len(probs) - 1)


def _sampler_probes() -> list[tuple[np.ndarray, np.ndarray]]:
    """(probs, uniforms) pairs; every uniform lies at least 1e-3 from every F(k).

    The uniforms are shuffled (seeded), so that a sampler returning its draws sorted, or
    rebuilt from counts with np.repeat, does not match F⁻¹(u) draw by draw.
    """
    shuffle = np.random.default_rng(18)
    probes = []
    for probs in ([0.2, 0.5, 0.3], [0.1, 0.0, 0.6, 0.3], [0.05, 0.05, 0.05, 0.05, 0.8], [1.0],
                  [0.5, 0.5], [0.7, 0.2, 0.1]):
        p = np.array(probs)
        edges = np.concatenate([[0.0], np.cumsum(p)])
        u = []
        for a, b in zip(edges[:-1], edges[1:]):
            if b - a > 0:
                u += [a + 0.01 * (b - a), a + 0.37 * (b - a), a + 0.99 * (b - a)]
        probes.append((p, shuffle.permutation(np.array(u))))
    return probes


def _as_draws(value: Any, what: str, size: int) -> np.ndarray:
    got = as_result_array(value, what, "an array of outcomes 0, 1, …, K − 1")
    if got.shape != (size,):
        raise Failure(f"{what} returned shape {got.shape}; it should return {size} draws, shape ({size},)")
    return got


# Wrong samplers: (function(probs, u) -> draws, message)
def _pmf_search(p, u):
    return np.searchsorted(p, u, side="right")


def _reversed_cdf(p, u):
    return np.searchsorted(np.cumsum(p[::-1]), u, side="right")


def _sorted_probs(p, u):
    return np.searchsorted(np.cumsum(np.sort(p)), u, side="right")


SAMPLER_MISTAKES: tuple[tuple[Callable, str], ...] = (
    (lambda p, u: _inverse_cdf(p, u) + 1,
     "your draws are one too high (1, …, K instead of 0, …, K − 1): an off-by-one in the inverse CDF. "
     "The draw is the FIRST k with F(k) > u, counting from 0; np.searchsorted(np.cumsum(probs), u, "
     "side='right') is that k. (Searching the left ends 0, F(0), …, F(K − 2) of the intervals gives this "
     "too, unless you subtract 1.)"),
    (lambda p, u: _inverse_cdf(p, u) - 1,
     "your draws are one too low (−1 appears): an off-by-one. The count of CDF values F(k) ≤ u is "
     "already the right outcome; do not subtract 1."),
    (lambda p, u: np.cumsum(p)[np.minimum((u * len(p)).astype(int), len(p) - 1)],
     "your draws are values of the CDF F, not outcomes: inverse-CDF sampling maps u to F⁻¹(u), the "
     "first outcome k with F(k) > u, not to F of something."),
    (_pmf_search,
     "you searched the probabilities themselves instead of their running sum: F(k) = probs[0] + … + "
     "probs[k] is np.cumsum(probs)."),
    (_reversed_cdf,
     "you accumulated the probabilities from the last outcome, np.cumsum(probs[::-1]), so outcome k "
     "comes out with the probability of outcome K − 1 − k. Accumulate from outcome 0."),
    (_sorted_probs,
     "you sorted the probabilities before summing them, so the outcomes no longer carry their own "
     "probabilities: keep probs in the order of the outcomes."),
    (lambda p, u: np.minimum((u * len(p)).astype(int), len(p) - 1),
     "your draws ignore the probabilities: floor(u K) gives every outcome probability 1/K. Use the "
     "CDF: the draw is the first k with F(k) > u."),
    (lambda p, u: np.minimum(np.round(u * (len(p) - 1)).astype(int), len(p) - 1),
     "you rounded u (K − 1) to the nearest outcome: that ignores probs and gives the end outcomes half "
     "the share of the others. Use the CDF: the draw is the first k with F(k) > u."),
    (lambda p, u: np.sort(_inverse_cdf(p, u)),
     "your draws are in increasing order (sorted, or rebuilt from counts with np.repeat): the counts "
     "are right but the i-th draw is not F⁻¹ of the i-th uniform, so the draws are not independent. "
     "Return F⁻¹(u) for each u in the order rng.random(size) gave them."),
    (lambda p, u: np.full(u.shape, _inverse_cdf(p, u[:1])[0]),
     "every draw is the same outcome: one uniform, rng.random(), was drawn and reused. Draw "
     "rng.random(size), one uniform per sample."),
)


def _sampler_matches(probes_got, wrong) -> bool:
    for (p, u), got in probes_got:
        expected = np.asarray(quietly(wrong, p, u), dtype=float)
        # with or without clipping to the last outcome, as learners write both
        if expected.shape != got.shape or not (np.array_equal(expected, got)
                                                or np.array_equal(np.minimum(expected, len(p) - 1), got)):
            return False
    return True


def inverse_cdf_sampler(function: Any) -> Result:
    """Check ``function(probs, size, rng)``: ``size`` inverse-CDF draws from outcomes 0..K−1.

    First exactly: a fake ``rng`` supplies known uniforms, and the draws must be
    F⁻¹(u) = min{k : F(k) > u} for each u (or F⁻¹(1 − u) for each, which has the
    same distribution). Then statistically: 20,000 draws from
    ``np.random.default_rng(2026)`` pass a chi-squared goodness-of-fit test at
    level ``SAMPLER_ALPHA`` = 1e-6, outcomes of probability 0 never appear, and
    the same seed gives the same draws.

    >>> def sample(probs, size, rng):
    ...     return np.searchsorted(np.cumsum(probs), rng.random(size), side="right")
    >>> inverse_cdf_sampler(sample).passed
    True
    """

    def checks(f: Callable) -> str:
        probes_got = []
        for p, u in _sampler_probes():
            rng = FakeGenerator(u)
            shown = f"sample_discrete({p.tolist()}, {u.size}, rng)"
            value = call(f, "inverse_cdf_sampler", p.copy(), u.size, rng)
            if rng.calls == 0:
                raise Failure(f"{shown} never called rng.random: your draws ignore the generator you "
                              "were given (np.random.random or a fresh default_rng?), so a seed "
                              "cannot reproduce them. Draw the uniforms with rng.random(size).")
            probes_got.append(((p, u), _as_draws(value, shown, u.size)))
        if not all(np.array_equal(g, _inverse_cdf(p, u)) or np.array_equal(g, _inverse_cdf(p, 1 - u))
                   for (p, u), g in probes_got):
            for wrong, message in SAMPLER_MISTAKES:
                if _sampler_matches(probes_got, wrong):
                    raise Failure(message)
            for (p, u), g in probes_got:
                want = _inverse_cdf(p, u)
                if not np.array_equal(g, want):
                    i = int(np.flatnonzero(g != want)[0])
                    raise Failure(f"with probs = {p.tolist()} and uniform u = {u[i]:.4f} your draw is "
                                  f"{g[i]:g}; F⁻¹(u), the first k with F(k) = probs[0] + … + probs[k] "
                                  f"> u, is {want[i]} (F = {np.round(np.cumsum(p), 4).tolist()}).")
        # statistical check with a real generator
        p = np.array([0.1, 0.0, 0.25, 0.4, 0.05, 0.2])
        first = _as_draws(call(f, "inverse_cdf_sampler", p.copy(), _SAMPLER_DRAWS, np.random.default_rng(2026)),
                          "sample_discrete(probs, 20000, np.random.default_rng(2026))", _SAMPLER_DRAWS)
        again = _as_draws(call(f, "inverse_cdf_sampler", p.copy(), _SAMPLER_DRAWS, np.random.default_rng(2026)),
                          "sample_discrete(probs, 20000, np.random.default_rng(2026))", _SAMPLER_DRAWS)
        if not np.array_equal(first, again):
            raise Failure("two calls with np.random.default_rng(2026) gave different draws: use the rng "
                          "you are given, not np.random or a generator of your own.")
        if not np.all(np.isin(first, np.arange(len(p)))):
            bad = first[~np.isin(first, np.arange(len(p)))][0]
            raise Failure(f"a draw was {bad:g}, not one of the outcomes 0, …, {len(p) - 1}.")
        counts = np.bincount(first.astype(int), minlength=len(p))
        if counts[1]:
            raise Failure(f"outcome 1 has probability 0 but came out {counts[1]} times in "
                          f"{_SAMPLER_DRAWS:,} draws.")
        keep = p > 0
        chi2 = float(np.sum((counts[keep] - _SAMPLER_DRAWS * p[keep]) ** 2 / (_SAMPLER_DRAWS * p[keep])))
        p_value = float(_stats.chi2.sf(chi2, keep.sum() - 1))
        if p_value < SAMPLER_ALPHA:
            raise Failure(f"with probs = {p.tolist()} your {_SAMPLER_DRAWS:,} draws came out "
                          f"{counts.tolist()} times; expected about {(_SAMPLER_DRAWS * p).round().tolist()}. "
                          f"A chi-squared test rejects that at level {SAMPLER_ALPHA:g} "
                          f"(statistic {chi2:.1f}, p-value {p_value:.1e}).")
        return (f"exact on {len(probes_got)} sets of known uniforms, and {_SAMPLER_DRAWS:,} seeded draws "
                f"pass a chi-squared test (p-value {p_value:.2f}; it wrongly rejects a right sampler "
                f"with probability {SAMPLER_ALPHA:g}).")

    return run("inverse_cdf_sampler", function, checks)


# --- naive_bayes_log_posterior ---------------------------------------------------------------------


def _nb_parts(X, y, x, *, ddof=0, prior=True, var_as_sd=False, log_sigma=True, pooled=False,
              appearance=False, pooled_mean=False):
    classes = list(dict.fromkeys(np.asarray(y).tolist())) if appearance else np.unique(y)
    out = []
    for c in classes:
        Xc = X[y == c]
        mu, sd = (X if pooled_mean else Xc).mean(axis=0), (X if pooled else Xc).std(axis=0, ddof=ddof)
        scale = sd**2 if var_as_sd else sd
        term = -0.5 * ((x - mu) / scale) ** 2 - (np.log(scale) if log_sigma else 0) - 0.5 * np.log(2 * np.pi)
        out.append((np.log(len(Xc) / len(y)) if prior else 0.0) + term.sum())
    return np.array(out)


def _nb_right(X, y, x):
    joint = _nb_parts(X, y, x)
    return joint - special.logsumexp(joint)


NB_MISTAKES: tuple[tuple[Callable, str], ...] = (
    (lambda X, y, x: (lambda j: j - special.logsumexp(j))(_nb_parts(X, y, x, prior=False)),
     "the prior is missing (or is the same 1/C for every class, which cancels just the same): "
     "ln P(c) = ln(N_c / N), each class's share of the training data, belongs in every class's score, "
     "ln P(c) + Σ_d ln N(x_d | μ_cd, σ²_cd)."),
    (lambda X, y, x: (lambda j: j - special.logsumexp(j))(_nb_parts(X, y, x, ddof=1)),
     "your standard deviations use 1/(N_c − 1) (ddof=1, as pandas' .std() does); the chapter's "
     "maximum-likelihood fit, like GaussianNaiveBayes and np.std, uses 1/N_c (ddof=0)."),
    (lambda X, y, x: (lambda j: j - special.logsumexp(j))(_nb_parts(X, y, x, pooled=True)),
     "your standard deviations are those of the whole training set, X.std(axis=0); Naive Bayes fits "
     "each class separately: σ_cd is the standard deviation of feature d among the examples of class c."),
    (lambda X, y, x: (lambda j: j - special.logsumexp(j))(_nb_parts(X, y, x, pooled_mean=True)),
     "your means are those of the whole training set, X.mean(axis=0); each class has its own mean: μ_cd "
     "is the mean of feature d among the examples of class c."),
    (lambda X, y, x: (lambda j: j - special.logsumexp(j))(_nb_parts(X, y, x, var_as_sd=True)),
     "you used the variance σ² where the standard deviation σ belongs (or passed the variance as "
     "scale to a normal density): N(x | μ, σ²) = exp(−(x − μ)²/(2σ²)) / (σ√(2π))."),
    (lambda X, y, x: (lambda j: j - special.logsumexp(j))(_nb_parts(X, y, x, log_sigma=False)),
     "the −ln σ_cd term of the normal log density is missing. The −½ ln 2π term may go (it is the "
     "same for every class and cancels), but σ differs between classes."),
    (lambda X, y, x: _nb_parts(X, y, x),
     "you returned the joint log scores ln P(c) + Σ ln N(x_d | …), not the log posterior: subtract "
     "their logsumexp so that the posteriors exp(…) add up to 1."),
    (lambda X, y, x: (lambda j: j - j.sum())(_nb_parts(X, y, x)),
     "you normalised by subtracting the SUM of the log scores; the normaliser is ln Σ_c exp(score_c), "
     "a logsumexp."),
    (lambda X, y, x: (lambda j: j - j.max())(_nb_parts(X, y, x)),
     "you subtracted the largest log score, max_c s_c, and stopped: that is only the first step of the "
     "log-sum-exp. The log posterior is s_c − (m + ln Σ_c' exp(s_c' − m)) with m = max_c s_c, so that "
     "the posteriors add up to 1."),
    (lambda X, y, x: (lambda j: j - special.logsumexp(j))(_nb_parts(X, y, x, appearance=True)),
     "your classes come in the order they first appear in y (set(y), dict.fromkeys, pandas' unique), "
     "not in the order 0, 1, …, C − 1: entry c of the answer must be ln P(c | x). Loop over "
     "np.unique(y), which is sorted."),
    (lambda X, y, x: np.exp(_nb_right(X, y, x)),
     "you returned the posterior probabilities; the mini-project asks for their logarithms."),
    (lambda X, y, x: (lambda j: j - special.logsumexp(j))(
        np.array([_nb_parts(X, y, x)[i] + np.log(np.mean(y == c)) for i, c in enumerate(np.unique(y))])),
     "the prior is counted twice: add ln P(c) once."),
)


def _nb_probes():
    rng = np.random.default_rng(18)
    probes = []
    # three classes, two features, unequal sizes and spreads
    X = np.vstack([rng.normal([0, 0], [1, 2], (7, 2)), rng.normal([3, 1], [0.5, 1], (4, 2)),
                   rng.normal([-2, 4], [2, 0.7], (12, 2))])
    y = np.repeat([0, 1, 2], [7, 4, 12])
    for x in ([0.5, 0.5], [2.5, 1.5], [-1, 3], [1, 2]):
        probes.append((X, y, np.array(x, float)))
    probes.append((X * 1e6, y, np.array([0.5e6, 0.5e6])))      # scale-free
    probes.append((X * 1e-6, y, np.array([2.5e-6, 1.5e-6])))
    order = np.random.default_rng(3).permutation(len(y))       # rows shuffled: classes first appear as 1, 2, 0
    probes.append((X[order], y[order], np.array([2.5, 1.5])))
    probes.append((X, y, np.array([60.0, -80.0])))             # far away: every density underflows
    return probes


def naive_bayes_log_posterior(function: Any) -> Result:
    """Check ``function(X, y, x)``: Gaussian Naive Bayes log posteriors ln P(c | x), c = 0..C−1.

    ``X`` (N, D) training features, ``y`` (N,) labels 0..C−1, ``x`` (D,) a new point.
    Priors N_c / N, per-class means and 1/N_c standard deviations, features
    independent given the class. A point far from every class (where a product of
    densities underflows to 0) must still give finite log posteriors.

    >>> from scipy.special import logsumexp
    >>> from scipy.stats import norm
    >>> def log_post(X, y, x):
    ...     s = np.array([np.log(np.mean(y == c)) + norm.logpdf(x, X[y == c].mean(0), X[y == c].std(0)).sum()
    ...                   for c in np.unique(y)])
    ...     return s - logsumexp(s)
    >>> naive_bayes_log_posterior(log_post).passed
    True
    """

    def checks(f: Callable) -> str:
        got = []
        for X, y, x in _nb_probes():
            shown = f"log_posterior(X, y, x={x.tolist()})"
            value = as_result_array(call(f, "naive_bayes_log_posterior", X.copy(), y.copy(), x.copy()), shown,
                                    "an array of C log posteriors")
            if value.shape != (3,):
                raise Failure(f"{shown} returned shape {value.shape}; it should return one log "
                              f"posterior per class, shape (3,)")
            got.append(((X, y, x), value))

        def same(value, want):
            return bool(np.all(np.isfinite(value))) and bool(
                np.all(np.abs(value - want) <= 1e-5 * np.maximum(1.0, np.abs(want))))

        if all(same(v, _nb_right(*args)) for args, v in got):
            post = np.exp(got[0][1])
            return (f"right on {len(got)} points, including features scaled by 1e±6 and a point far from "
                    f"every class: posteriors at x = [0.5, 0.5] are {np.round(post, 3).tolist()}.")
        near = got[:-1]
        for wrong, message in NB_MISTAKES:
            if all(same(v, quietly(wrong, *args)) for args, v in near):
                raise Failure(message)
        args, value = got[-1]
        if all(same(v, _nb_right(*a)) for a, v in near) and not np.all(np.isfinite(value)):
            raise Failure(f"at x = {args[2].tolist()}, far from every class, you returned "
                          f"{value.tolist()}: the densities underflow to 0 when multiplied, and "
                          "log(0) = −inf, 0/0 = nan. Add log densities (norm.logpdf) and normalise "
                          "with scipy.special.logsumexp.")
        for args, value in got:
            want = _nb_right(*args)
            if not same(value, want):
                raise Failure(f"at x = {args[2].tolist()} you returned {np.round(value, 4).tolist()}; "
                              f"the log posteriors are {np.round(want, 4).tolist()}.")
        raise AssertionError("unreachable")   # pragma: no cover

    return run("naive_bayes_log_posterior", function, checks)


# --- spam_log_odds ----------------------------------------------------------------------------------


def _spam(docs, labels, doc, *, alpha=1.0, prior=True, vocab="all", skip_unknown=True, distinct=False,
          denom="V", docfreq=False, only_shared=False, word_prior=False, prior_not_odds=False,
          distinct_total=False):
    labels = np.asarray(labels)
    counts = {c: Counter() for c in (0, 1)}
    for d, c in zip(docs, labels):
        counts[int(c)].update(set(d) if docfreq else d)
    V_all = set(counts[0]) | set(counts[1])
    if word_prior:
        score = math.log(sum(counts[1].values()) / sum(counts[0].values()))
    else:
        score = math.log(np.mean(labels == 1) / np.mean(labels == 0)) if prior else 0.0
        if prior_not_odds:
            score = math.log(np.mean(labels == 1))
    words = set(doc) if distinct else doc
    for w in words:
        if skip_unknown and w not in V_all:
            continue
        if only_shared and not (w in counts[0] and w in counts[1]):
            continue
        logs = []
        for c in (1, 0):
            V = {"all": len(V_all), "with_doc": len(V_all | set(doc))}.get(vocab, len(counts[c]))
            total = len(counts[c]) if distinct_total else sum(counts[c].values())
            bottom = total + (alpha * V if denom == "V" else alpha if denom == "1" else 0)
            logs.append(math.log((counts[c][w] + alpha) / bottom) if counts[c][w] + alpha > 0 else -math.inf)
        score += logs[0] - logs[1]
    return score


SPAM_MISTAKES: tuple[tuple[Callable, str], ...] = (
    (lambda D, L, d: _spam(D, L, d, alpha=0.0),
     "no Laplace smoothing: a word never seen in one class gets probability 0 there, and one such word "
     "makes the log odds ±inf (or nan). Add 1 to every count and V (the vocabulary size) to each total."),
    (lambda D, L, d: _spam(D, L, d, denom="0"),
     "you added 1 to each word count but not V to the class's total: the smoothed probabilities "
     "(count + 1)/(total + V) must add up to 1 over the V vocabulary words."),
    (lambda D, L, d: _spam(D, L, d, denom="1"),
     "you added 1 to the class's total where V, the size of the vocabulary, belongs: "
     "P(w | c) = (count + 1)/(total + V)."),
    (lambda D, L, d: _spam(D, L, d, distinct_total=True),
     "your total_c is the number of DISTINCT words of class c (len of its Counter); it is the number of "
     "word occurrences, the sum of the counts, so that the probabilities add up to 1."),
    (lambda D, L, d: _spam(D, L, d, prior_not_odds=True),
     "your prior term is ln P(spam); the log odds need the prior log odds ln P(spam) − ln P(ham) = "
     "ln(N_spam / N_ham)."),
    (lambda D, L, d: _spam(D, L, d, prior=False),
     "the prior log odds ln(N_spam / N_ham) are missing."),
    (lambda D, L, d: -_spam(D, L, d),
     "your log odds have the wrong sign: ln P(spam | doc) − ln P(ham | doc), spam on top."),
    (lambda D, L, d: _spam(D, L, d, vocab="class"),
     "your V is each class's own vocabulary; it must be the vocabulary of the whole training set, the "
     "same for both classes."),
    (lambda D, L, d: _spam(D, L, d, vocab="with_doc"),
     "your vocabulary V includes the new message's own words; V is the set of words of the TRAINING "
     "messages, fixed before any message is scored (words outside it are skipped)."),
    (lambda D, L, d: _spam(D, L, d, skip_unknown=False),
     "words that never occur in training should be skipped (the chapter's rule); you smoothed them, "
     "giving each a spurious factor (total_ham + V)/(total_spam + V)."),
    (lambda D, L, d: _spam(D, L, d, only_shared=True),
     "you skipped every word missing from either class, keeping only words seen in both: those are "
     "exactly the words smoothing is for, and often the most telling ('prize' never in ham). Skip only "
     "words outside the whole training vocabulary V; smoothing makes the others finite."),
    (lambda D, L, d: _spam(D, L, d, word_prior=True),
     "your prior odds are the ratio of the numbers of WORDS in spam and ham; the prior P(c) is the share "
     "of MESSAGES: ln(N_spam / N_ham), with N_c the number of training messages labelled c."),
    (lambda D, L, d: _spam(D, L, d, distinct=True),
     "you counted each distinct word of the message once; in the multinomial model a word that occurs "
     "three times contributes its log ratio three times."),
    (lambda D, L, d: _spam(D, L, d, docfreq=True),
     "your counts are the numbers of messages containing each word, not the numbers of times each "
     "word occurs: the multinomial model counts occurrences."),
    (lambda D, L, d: (lambda s: s - math.log1p(math.exp(s)) if s < 30 else -math.log1p(math.exp(-s)))(
        _spam(D, L, d)),
     "you returned ln P(spam | doc), not the log odds ln P(spam | doc) − ln P(ham | doc)."),
    (lambda D, L, d: 1 / (1 + math.exp(-_spam(D, L, d))) if _spam(D, L, d) > -700 else 0.0,
     "you returned the probability P(spam | doc), not the log odds."),
)

_SPAM_DOCS = [["win", "cash", "now"], ["free", "prize", "win", "win"], ["claim", "free", "cash"],
              ["lunch", "tomorrow", "free"], ["see", "you", "at", "lunch"], ["call", "me", "tomorrow"],
              ["the", "notes", "from", "class"], ["see", "you", "in", "class", "tomorrow"]]
_SPAM_LABELS = [1, 1, 1, 0, 0, 0, 0, 0]
_SPAM_PROBES = (["win", "free", "cash"], ["see", "you", "tomorrow"], ["win", "win", "win", "lunch"],
                ["free", "lunch", "zebra"], ["zebra"], ["claim", "the", "notes", "prize", "now", "call"],
                ["win", "cash", "free", "prize", "claim"] * 80)   # long: a product underflows


def spam_log_odds(function: Any) -> Result:
    """Check ``function(docs, labels, doc)``: a multinomial Naive Bayes spam filter's log odds.

    ``docs`` is a list of training messages, each a list of words; ``labels`` a
    NumPy array of integers, 1 for spam and 0 for ham (as ``datasets.messages()`` gives them); ``doc`` a message (list of words). The answer is
    ln(N_spam/N_ham) + Σ_{w in doc, w in V} ln[P(w | spam) / P(w | ham)] with
    P(w | c) = (count_c(w) + 1) / (total_c + |V|), V the training vocabulary;
    repeated words count each time; words outside V are skipped. A long message
    (400 words, where a product of probabilities underflows) must give finite log odds.

    >>> def log_odds(docs, labels, doc):
    ...     words = {c: Counter(w for d, l in zip(docs, labels) if l == c for w in d) for c in (0, 1)}
    ...     V = set(words[0]) | set(words[1])
    ...     log_p = lambda w, c: math.log((words[c][w] + 1) / (sum(words[c].values()) + len(V)))
    ...     return math.log(sum(labels) / (len(labels) - sum(labels))) + sum(
    ...         log_p(w, 1) - log_p(w, 0) for w in doc if w in V)
    >>> spam_log_odds(log_odds).passed
    True
    """

    def checks(f: Callable) -> str:
        got = []
        for doc in _SPAM_PROBES:
            shown = f"spam_log_odds(docs, labels, {doc if len(doc) < 10 else '[400 words]'})"
            value = as_result_array(call(f, "spam_log_odds", [list(d) for d in _SPAM_DOCS],
                                         np.array(_SPAM_LABELS), list(doc)), shown, "a number")
            if value.size != 1:
                raise Failure(f"{shown} should return one number, got shape {value.shape}")
            got.append((doc, float(value.reshape(()))))

        def same(value, want):
            return bool(np.isfinite(value)) and abs(value - want) <= 1e-6 * max(1.0, abs(want))

        if all(same(v, _spam(_SPAM_DOCS, _SPAM_LABELS, d)) for d, v in got):
            return (f"right on {len(got)} messages, including repeated and unseen words and a 400-word "
                    f"message: log odds of 'win free cash' = {got[0][1]:.3f}.")
        short = got[:-1]

        def agrees(wrong):
            for d, v in short:
                w = quietly(wrong, _SPAM_DOCS, _SPAM_LABELS, d)
                if np.isfinite(w) or np.isfinite(v):
                    if not same(v, w):
                        return False
                elif not (v == w or (np.isnan(v) and np.isnan(w))):
                    return False
            return True

        for wrong, message in SPAM_MISTAKES:
            if agrees(wrong):
                raise Failure(message)
        doc, value = got[-1]
        if all(same(v, _spam(_SPAM_DOCS, _SPAM_LABELS, d)) for d, v in short):
            raise Failure(f"for a 400-word message you returned {value}; it should be "
                          f"{_spam(_SPAM_DOCS, _SPAM_LABELS, doc):.6g}. A product of 400 probabilities "
                          "underflows to 0 (then log 0 = −inf, and −inf − (−inf) = nan): add logarithms "
                          "instead of multiplying probabilities.")
        for d, v in got:
            want = _spam(_SPAM_DOCS, _SPAM_LABELS, d)
            if not same(v, want):
                raise Failure(f"for the message {d} you returned {v:.6g}; the log odds are {want:.6g}.")
        raise AssertionError("unreachable")   # pragma: no cover

    return run("spam_log_odds", function, checks)
