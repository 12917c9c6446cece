"""Tests for the Chapter 18 checkers: right answers written many ways pass, learners' mistakes are named."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats

from mmlbook import check
from mmlbook.check import random_variables as rv

def _assert_named(checker, function, phrase):
    result = checker(function)
    assert not result and phrase in result.message, result.message


# --- inverse_cdf_sampler: right ones -----------------------------------------------------------


def smp_searchsorted(probs, size, rng):
    return np.searchsorted(np.cumsum(probs), rng.random(size), side="right")


def smp_left_side(probs, size, rng):           # min{k : F(k) >= u}: differs only when u hits F(k) exactly
    return np.searchsorted(np.cumsum(probs), rng.random(size), side="left")


def smp_loop(probs, size, rng):
    out = []
    for u in rng.random(size):
        total, k = 0.0, 0
        for k, p in enumerate(probs):
            total += p
            if u < total:
                break
        out.append(k)
    return np.array(out)


def smp_count(probs, size, rng):               # the number of F(k) <= u is the outcome
    u = rng.random(size)
    return (np.cumsum(probs)[None, :] <= u[:, None]).sum(axis=1)


def smp_float32(probs, size, rng):
    cdf = np.cumsum(np.asarray(probs, dtype=np.float32))
    return np.minimum(np.searchsorted(cdf, rng.random(size).astype(np.float32), side="right"), len(probs) - 1)


def smp_other_tail(probs, size, rng):          # F^{-1}(1 - U): 1 - U is uniform too
    return np.minimum(np.searchsorted(np.cumsum(probs), 1 - rng.random(size), side="left"), len(probs) - 1)


def smp_left_edges(probs, size, rng):
    left = np.concatenate([[0.0], np.cumsum(probs)[:-1]])
    return np.searchsorted(left, rng.random(size), side="right") - 1


def smp_scalar_draws(probs, size, rng):        # one rng.random() per sample, in a loop
    cdf = np.cumsum(probs)
    return np.array([int(np.sum(cdf <= rng.random())) for _ in range(size)])


def smp_uniform_method(probs, size, rng):
    return np.digitize(rng.uniform(0, 1, size), np.cumsum(probs))


@pytest.mark.parametrize("function", [smp_searchsorted, smp_left_side, smp_loop, smp_count, smp_float32,
                                      smp_other_tail, smp_left_edges, smp_uniform_method,
                                      smp_scalar_draws])
def test_right_samplers_pass(function):
    result = check.inverse_cdf_sampler(function)
    assert result, result.message


# --- inverse_cdf_sampler: wrong ones --------------------------------------------------------------


def smp_plus_one(probs, size, rng):
    return np.searchsorted(np.cumsum(probs), rng.random(size), side="right") + 1


def smp_minus_one(probs, size, rng):
    return np.searchsorted(np.cumsum(probs), rng.random(size), side="right") - 1


def smp_left_edges_no_shift(probs, size, rng):
    left = np.concatenate([[0.0], np.cumsum(probs)[:-1]])
    return np.searchsorted(left, rng.random(size), side="right")


def smp_pmf(probs, size, rng):
    return np.minimum(np.searchsorted(probs, rng.random(size), side="right"), len(probs) - 1)


def smp_reversed(probs, size, rng):
    return np.minimum(np.searchsorted(np.cumsum(probs[::-1]), rng.random(size), side="right"), len(probs) - 1)


def smp_sorted(probs, size, rng):
    return np.minimum(np.searchsorted(np.cumsum(np.sort(probs)), rng.random(size), side="right"), len(probs) - 1)


def smp_floor(probs, size, rng):
    return (rng.random(size) * len(probs)).astype(int)


def smp_round(probs, size, rng):
    return np.round(rng.random(size) * (len(probs) - 1)).astype(int)


def smp_one_uniform(probs, size, rng):
    return np.full(size, np.searchsorted(np.cumsum(probs), rng.random(), side="right"))


def smp_global_rng(probs, size, rng):
    return np.searchsorted(np.cumsum(probs), np.random.random(size), side="right")


def smp_choice(probs, size, rng):
    return rng.choice(len(probs), size=size, p=probs)


def smp_F(probs, size, rng):
    return np.cumsum(probs)[(rng.random(size) * len(probs)).astype(int)]


def smp_own_generator(probs, size, rng):
    rng.random(size)
    return np.searchsorted(np.cumsum(probs), np.random.default_rng().random(size), side="right")


def smp_returns_none(probs, size, rng):
    rng.random(size)


def smp_sorted_draws(probs, size, rng):     # right counts, but draw i is not F^-1(u_i): not independent
    return np.sort(np.searchsorted(np.cumsum(probs), rng.random(size), side="right"))


def smp_from_counts(probs, size, rng):
    draws = np.searchsorted(np.cumsum(probs), rng.random(size), side="right")
    return np.repeat(np.arange(len(probs)), np.bincount(draws, minlength=len(probs)))


@pytest.mark.parametrize("function, phrase", [
    (smp_plus_one, "one too high (1, …, K"),
    (smp_minus_one, "one too low"),
    (smp_left_edges_no_shift, "left ends"),
    (smp_pmf, "running sum"),
    (lambda probs, size, rng: np.searchsorted(probs, rng.random(size)), "running sum"),
    (lambda probs, size, rng: np.searchsorted(np.cumsum(probs[::-1]), rng.random(size)), "from the last outcome"),
    (smp_reversed, "from the last outcome"),
    (smp_sorted, "sorted the probabilities"),
    (smp_floor, "floor(u K)"),
    (smp_round, "rounded"),
    (smp_one_uniform, "one uniform, rng.random(), was drawn and reused"),
    (smp_global_rng, "never called rng.random"),
    (smp_choice, "you called rng.choice"),
    (smp_F, "values of the CDF F"),
    (smp_own_generator, "with probs"),
    (smp_returns_none, "return statement"),
    (smp_sorted_draws, "increasing order"),
    (smp_from_counts, "increasing order"),
])
def test_wrong_samplers_are_named(function, phrase):
    _assert_named(check.inverse_cdf_sampler, function, phrase)


def test_a_sampler_right_on_known_uniforms_but_wrong_statistically_is_caught():
    def sneaky(probs, size, rng):       # right for the fake generator, biased with a real one
        u = rng.random(size)
        if isinstance(rng, np.random.Generator):
            u = u**1.05
        return np.searchsorted(np.cumsum(probs), u, side="right")
    result = check.inverse_cdf_sampler(sneaky)
    assert not result and "chi-squared test rejects" in result.message, result.message


def test_sampler_alpha_is_the_stated_false_reject_rate():
    assert rv.SAMPLER_ALPHA == 1e-6
    assert "1e-06" in check.inverse_cdf_sampler(smp_searchsorted).message


def test_fake_generator_refuses_other_methods_and_sizes():
    g = rv.FakeGenerator(np.array([0.1, 0.2]))
    with pytest.raises(AttributeError, match="rng.normal"):
        g.normal()
    with pytest.raises(ValueError, match="size=2"):
        g.random(3)
    assert (g.random(), g.random()) == (0.1, 0.2)
    with pytest.raises(ValueError, match="more"):
        g.random()


# --- naive_bayes_log_posterior ----------------------------------------------------------------------


def nb_scipy(X, y, x):
    s = np.array([np.log(np.mean(y == c)) + stats.norm.logpdf(x, X[y == c].mean(0), X[y == c].std(0)).sum()
                  for c in np.unique(y)])
    return s - special.logsumexp(s)


def nb_loops(X, y, x):
    scores = []
    for c in sorted(set(y.tolist())):
        rows = [X[i] for i in range(len(y)) if y[i] == c]
        s = math.log(len(rows) / len(y))
        for d in range(len(x)):
            col = [r[d] for r in rows]
            mu = sum(col) / len(col)
            var = sum((v - mu) ** 2 for v in col) / len(col)
            s += -0.5 * math.log(2 * math.pi * var) - (x[d] - mu) ** 2 / (2 * var)
        scores.append(s)
    m = max(scores)
    lse = m + math.log(sum(math.exp(s - m) for s in scores))
    return [s - lse for s in scores]


def nb_no_two_pi(X, y, x):   # the constant cancels
    s = np.array([np.log(np.mean(y == c)) - np.log(X[y == c].std(0)).sum()
                  - 0.5 * (((x - X[y == c].mean(0)) / X[y == c].std(0)) ** 2).sum() for c in np.unique(y)])
    return s - special.logsumexp(s)


def nb_library(X, y, x):
    from mmlbook.stats import GaussianNaiveBayes
    return GaussianNaiveBayes(var_smoothing=0).fit(X, y).predict_log_proba(x[None, :])[0]


def nb_float32(X, y, x):
    X, x = X.astype(np.float32), x.astype(np.float32)
    s = np.array([np.log(np.float32(np.mean(y == c))) + stats.norm.logpdf(x, X[y == c].mean(0), X[y == c].std(0)).sum()
                  for c in np.unique(y)], dtype=np.float64)
    return s - special.logsumexp(s)


@pytest.mark.parametrize("function", [nb_scipy, nb_loops, nb_no_two_pi, nb_library])
def test_right_log_posteriors_pass(function):
    result = check.naive_bayes_log_posterior(function)
    assert result, result.message


def nb_no_prior(X, y, x):
    s = np.array([stats.norm.logpdf(x, X[y == c].mean(0), X[y == c].std(0)).sum() for c in np.unique(y)])
    return s - special.logsumexp(s)


def nb_ddof1(X, y, x):
    s = np.array([np.log(np.mean(y == c)) + stats.norm.logpdf(x, X[y == c].mean(0), X[y == c].std(0, ddof=1)).sum()
                  for c in np.unique(y)])
    return s - special.logsumexp(s)


def nb_var_scale(X, y, x):
    s = np.array([np.log(np.mean(y == c)) + stats.norm.logpdf(x, X[y == c].mean(0), X[y == c].var(0)).sum()
                  for c in np.unique(y)])
    return s - special.logsumexp(s)


def nb_no_log_sigma(X, y, x):
    s = np.array([np.log(np.mean(y == c)) - 0.5 * (((x - X[y == c].mean(0)) / X[y == c].std(0)) ** 2).sum()
                  for c in np.unique(y)])
    return s - special.logsumexp(s)


def nb_pooled_sd(X, y, x):
    s = np.array([np.log(np.mean(y == c)) + stats.norm.logpdf(x, X[y == c].mean(0), X.std(0)).sum()
                  for c in np.unique(y)])
    return s - special.logsumexp(s)


def nb_unnormalised(X, y, x):
    return np.array([np.log(np.mean(y == c)) + stats.norm.logpdf(x, X[y == c].mean(0), X[y == c].std(0)).sum()
                     for c in np.unique(y)])


def nb_sum_normalised(X, y, x):
    s = nb_unnormalised(X, y, x)
    return s - s.sum()


def nb_probabilities(X, y, x):
    return np.exp(nb_scipy(X, y, x))


def nb_product(X, y, x):   # right formula, multiplied out: underflows far from the classes
    joint = np.array([np.mean(y == c) * np.prod(stats.norm.pdf(x, X[y == c].mean(0), X[y == c].std(0)))
                      for c in np.unique(y)])
    with np.errstate(all="ignore"):
        return np.log(joint / joint.sum())


def nb_naive_lse(X, y, x):
    s = nb_unnormalised(X, y, x)
    with np.errstate(all="ignore"):
        return s - np.log(np.sum(np.exp(s)))


def nb_prior_twice(X, y, x):
    s = nb_unnormalised(X, y, x) + np.log([np.mean(y == c) for c in np.unique(y)])
    return s - special.logsumexp(s)


def nb_uniform_prior(X, y, x):   # 1/C cancels in the normalisation, just like no prior
    C = len(np.unique(y))
    s = np.array([np.log(1 / C) + stats.norm.logpdf(x, X[y == c].mean(0), X[y == c].std(0)).sum()
                  for c in np.unique(y)])
    return s - special.logsumexp(s)


def nb_first_appearance(X, y, x):   # classes in order of first appearance, not 0, 1, ..., C - 1
    s = np.array([np.log(np.mean(y == c)) + stats.norm.logpdf(x, X[y == c].mean(0), X[y == c].std(0)).sum()
                  for c in dict.fromkeys(y.tolist())])
    return s - special.logsumexp(s)


def nb_pooled_mean(X, y, x):
    s = np.array([np.log(np.mean(y == c)) + stats.norm.logpdf(x, X.mean(0), X[y == c].std(0)).sum()
                  for c in np.unique(y)])
    return s - special.logsumexp(s)


def nb_minus_max(X, y, x):
    s = np.array([np.log(np.mean(y == c)) + stats.norm.logpdf(x, X[y == c].mean(0), X[y == c].std(0)).sum()
                  for c in np.unique(y)])
    return s - s.max()


def nb_wrong_shape(X, y, x):
    return nb_scipy(X, y, x)[:, None]


@pytest.mark.parametrize("function, phrase", [
    (nb_no_prior, "prior is missing"),
    (nb_uniform_prior, "prior is missing"),
    (nb_ddof1, "ddof=1"),
    (nb_pooled_sd, "whole training set"),
    (nb_var_scale, "variance σ² where the standard deviation"),
    (nb_no_log_sigma, "−ln σ_cd term"),
    (nb_unnormalised, "joint log scores"),
    (nb_sum_normalised, "SUM of the log scores"),
    (nb_probabilities, "posterior probabilities; the mini-project asks for their logarithms"),
    (nb_product, "underflow"),
    (nb_naive_lse, "underflow"),
    (nb_prior_twice, "prior is counted twice"),
    (nb_wrong_shape, "shape (3,)"),
    (nb_first_appearance, "order they first appear"),
    (nb_minus_max, "first step of the log-sum-exp"),
    (nb_pooled_mean, "means are those of the whole training set"),
])
def test_wrong_log_posteriors_are_named(function, phrase):
    _assert_named(check.naive_bayes_log_posterior, function, phrase)


def test_float32_log_posterior_passes_or_is_close():
    result = check.naive_bayes_log_posterior(nb_float32)
    assert result, result.message


@settings(max_examples=20, deadline=None)
@given(st.sampled_from([1e-8, 1e-3, 1.0, 1e3, 1e8]))
def test_reference_log_posterior_is_scale_free(c):
    X, y, x = rv._nb_probes()[0]
    assert np.allclose(rv._nb_right(X * c, y, x * c), rv._nb_right(X, y, x), atol=1e-9)


# --- spam_log_odds -------------------------------------------------------------------------------------


def spam_counter(docs, labels, doc):
    spam, ham = Counter(), Counter()
    for d, lab in zip(docs, labels):
        (spam if lab == 1 else ham).update(d)
    vocab = set(spam) | set(ham)
    ns, nh = sum(spam.values()), sum(ham.values())
    score = math.log(sum(labels) / (len(labels) - sum(labels)))
    for w in doc:
        if w in vocab:
            score += math.log((spam[w] + 1) / (ns + len(vocab))) - math.log((ham[w] + 1) / (nh + len(vocab)))
    return score


def spam_matrix(docs, labels, doc):
    vocab = sorted({w for d in docs for w in d})
    index = {w: i for i, w in enumerate(vocab)}
    counts = np.zeros((2, len(vocab)))
    for d, lab in zip(docs, labels):
        for w in d:
            counts[lab, index[w]] += 1
    logp = np.log((counts + 1) / (counts.sum(axis=1, keepdims=True) + len(vocab)))
    labels = np.asarray(labels)
    x = np.zeros(len(vocab))
    for w in doc:
        if w in index:
            x[index[w]] += 1
    return float(np.log(labels.mean() / (1 - labels.mean())) + x @ (logp[1] - logp[0]))


def spam_sklearn(docs, labels, doc):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.naive_bayes import MultinomialNB
    vec = CountVectorizer(analyzer=lambda d: d)
    model = MultinomialNB(alpha=1.0).fit(vec.fit_transform(docs), labels)
    lp = model.predict_log_proba(vec.transform([doc]))[0]
    return float(lp[1] - lp[0])


def spam_numpy_labels(docs, labels, doc):   # labels == 1 needs an array, as datasets.messages() gives
    counts = {c: Counter(w for d, lab in zip(docs, labels) if lab == c for w in d) for c in (0, 1)}
    vocab = set(counts[0]) | set(counts[1])
    logp = {c: {w: np.log((counts[c][w] + 1) / (counts[c].total() + len(vocab))) for w in vocab} for c in (0, 1)}
    return np.log(np.mean(labels == 1) / np.mean(labels == 0)) + sum(logp[1][w] - logp[0][w] for w in doc if w in vocab)


@pytest.mark.parametrize("function", [spam_counter, spam_matrix, spam_sklearn, spam_numpy_labels])
def test_right_spam_filters_pass(function):
    result = check.spam_log_odds(function)
    assert result, result.message


def _wrap(**kw):
    return lambda D, L, d: rv._spam(D, L, d, **kw)


def spam_product(docs, labels, doc):
    spam, ham = Counter(), Counter()
    for d, lab in zip(docs, labels):
        (spam if lab == 1 else ham).update(d)
    vocab = set(spam) | set(ham)
    ns, nh = sum(spam.values()), sum(ham.values())
    ps, ph = sum(labels) / len(labels), 1 - sum(labels) / len(labels)
    for w in doc:
        if w in vocab:
            ps *= (spam[w] + 1) / (ns + len(vocab))
            ph *= (ham[w] + 1) / (nh + len(vocab))
    with np.errstate(all="ignore"):
        return float(np.log(np.float64(ps)) - np.log(np.float64(ph)))


def spam_no_smoothing(docs, labels, doc):
    spam, ham = Counter(), Counter()
    for d, lab in zip(docs, labels):
        (spam if lab == 1 else ham).update(d)
    vocab = set(spam) | set(ham)
    ns, nh = sum(spam.values()), sum(ham.values())
    score = math.log(sum(labels) / (len(labels) - sum(labels)))
    with np.errstate(all="ignore"):
        for w in doc:
            if w in vocab:
                score += np.log(np.float64(spam[w] / ns)) - np.log(np.float64(ham[w] / nh))
    return score


@pytest.mark.parametrize("function, phrase", [
    (spam_no_smoothing, "no Laplace smoothing"),
    (_wrap(denom="0"), "not V to the class's total"),
    (_wrap(denom="1"), "added 1 to the class's total"),
    (_wrap(prior=False), "prior log odds"),
    (lambda D, L, d: -spam_counter(D, L, d), "wrong sign"),
    (_wrap(vocab="class"), "each class's own vocabulary"),
    (_wrap(skip_unknown=False), "should be skipped"),
    (_wrap(distinct=True), "each distinct word"),
    (_wrap(docfreq=True), "numbers of messages containing"),
    (lambda D, L, d: spam_counter(D, L, d) - np.logaddexp(0, spam_counter(D, L, d)), "not the log odds"),
    (lambda D, L, d: special.expit(spam_counter(D, L, d)), "probability P(spam | doc)"),
    (spam_product, "underflows"),
    (lambda D, L, d: None, "return statement"),
    (_wrap(only_shared=True), "keeping only words seen in both"),
    (_wrap(word_prior=True), "numbers of WORDS"),
    (_wrap(vocab="with_doc"), "includes the new message's own words"),
    (_wrap(distinct_total=True), "number of DISTINCT words"),
    (_wrap(prior_not_odds=True), "your prior term is ln P(spam)"),
])
def test_wrong_spam_filters_are_named(function, phrase):
    _assert_named(check.spam_log_odds, function, phrase)


def test_every_named_mistake_differs_from_the_right_answer_on_every_probe():
    for wrong, _ in rv.SPAM_MISTAKES:
        assert any(not math.isclose(rv._spam(rv._SPAM_DOCS, rv._SPAM_LABELS, d),
                                    rv.quietly(wrong, rv._SPAM_DOCS, rv._SPAM_LABELS, d), rel_tol=1e-3)
                   for d in rv._SPAM_PROBES[:-1])
    for wrong, _ in rv.NB_MISTAKES:
        assert any(not np.allclose(rv.quietly(wrong, *p), rv._nb_right(*p), rtol=1e-3) for p in rv._nb_probes()[:-1])


def test_checkers_refuse_non_callables():
    for checker in (check.inverse_cdf_sampler, check.naive_bayes_log_posterior, check.spam_log_odds):
        with pytest.raises(TypeError):
            checker(3)
