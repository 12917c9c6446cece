"""Tests for the Chapter 11 checkers: right answers pass, each typical mistake is named, wrong answers never pass."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlbook import check, surfaces
from mmlbook.check import optimisation
from mmlbook.surfaces import sandpit, stationary_type

# --- hybrid_minimise: correct solutions, written as readers would ---------------------------------


def hm_loop(gradient, hessian, x0, lr, tol, max_iter):
    x = np.array(x0, dtype=float)
    g0 = np.linalg.norm(gradient(x))
    for k in range(max_iter + 1):
        g, H = gradient(x), hessian(x)
        positive = np.all(np.linalg.eigvalsh(H) > 0)
        if np.linalg.norm(g) <= tol * g0:
            if not positive:
                raise ValueError("stopped at a saddle or a maximum")
            return x, k
        if k == max_iter:
            raise ValueError("did not converge")
        x = x - np.linalg.solve(H, g) if positive else x - lr * g


def _is_pd_cholesky(H):
    try:
        np.linalg.cholesky(H)
        return True
    except np.linalg.LinAlgError:
        return False


def hm_while_inverse(gradient, hessian, x0, lr, tol, max_iter):
    x = np.asarray(x0, dtype=float).copy()
    target = tol * np.linalg.norm(gradient(x))
    steps = 0
    while np.linalg.norm(gradient(x)) > target:
        if steps == max_iter:
            raise ValueError(f"no convergence in {max_iter} steps")
        H = hessian(x)
        if _is_pd_cholesky(H):
            x = x - np.linalg.inv(H) @ gradient(x)
        else:
            x = x - lr * gradient(x)
        steps += 1
    if not _is_pd_cholesky(hessian(x)):
        raise ValueError("not a minimum")
    return x, steps


def hm_lists(gradient, hessian, x0, lr, tol, max_iter):
    """Pure Python on lists, the 2 x 2 inverse written out, det > 0 and H[0][0] > 0 as the test."""
    x = [float(x0[0]), float(x0[1])]
    g = list(gradient(np.array(x)))
    g0 = (g[0] ** 2 + g[1] ** 2) ** 0.5
    k = 0
    while True:
        g = list(gradient(np.array(x)))
        H = hessian(np.array(x)).tolist()
        det = H[0][0] * H[1][1] - H[0][1] * H[1][0]
        positive = det > 0 and H[0][0] > 0
        if (g[0] ** 2 + g[1] ** 2) ** 0.5 <= tol * g0:
            if not positive:
                raise ValueError("saddle or maximum")
            return x, k
        if k >= max_iter:
            raise ValueError("too many iterations")
        if positive:
            x = [x[0] - (H[1][1] * g[0] - H[0][1] * g[1]) / det,
                 x[1] - (-H[1][0] * g[0] + H[0][0] * g[1]) / det]
        else:
            x = [x[0] - lr * g[0], x[1] - lr * g[1]]
        k += 1


def hm_float32(gradient, hessian, x0, lr, tol, max_iter):
    x = np.float32(x0)
    g0 = np.linalg.norm(np.float32(gradient(x)))
    for k in range(max_iter + 1):
        g, H = np.float32(gradient(x)), np.float32(hessian(x))
        positive = np.linalg.eigvalsh(H).min() > 0
        if np.linalg.norm(g) <= tol * g0:
            if positive:
                return x, k
            raise ValueError("no minimum here")
        if k == max_iter:
            break
        x = x - (np.linalg.solve(H, g) if positive else np.float32(lr) * g)
    raise ValueError("did not converge")


def hm_update_then_test(gradient, hessian, x0, lr, tol, max_iter):
    """Tests after each update, counting from 1; returns x0 at once when it already passes."""
    x = np.array(x0, dtype=float)
    g = gradient(x)
    threshold = tol * np.sqrt(g @ g)

    def minimum(point):
        return bool(np.all(np.linalg.eigvals(hessian(point)).real > 0))

    if np.sqrt(g @ g) <= threshold:
        if minimum(x):
            return x, 0
        raise ValueError("x0 is a stationary point but not a minimum")
    for step in range(1, max_iter + 1):
        H = hessian(x)
        x = x - np.linalg.solve(H, g) if minimum(x) else x - lr * g
        g = gradient(x)
        if np.sqrt(g @ g) <= threshold:
            if not minimum(x):
                raise ValueError("converged to a saddle or maximum")
            return x, step
    raise ValueError("max_iter reached")


def hm_tuple_steps_float(gradient, hessian, x0, lr, tol, max_iter):
    """Returns a tuple point and a float step count (2.0 is fine); uses g @ inv(H), the same as H^-1 g for symmetric H."""
    x, k = hm_loop(gradient, hessian, x0, lr, tol, max_iter)
    return tuple(x), float(k)


def hm_linalg_error(gradient, hessian, x0, lr, tol, max_iter):
    """Lets np.linalg.cholesky's LinAlgError (a ValueError) say "not a minimum" at the end."""
    x = np.array(x0, dtype=float)
    g0 = np.linalg.norm(gradient(x))
    for k in range(max_iter + 1):
        g = gradient(x)
        if np.linalg.norm(g) <= tol * g0:
            np.linalg.cholesky(hessian(x))
            return x, k
        if k == max_iter:
            raise ValueError("did not converge")
        H = hessian(x)
        x = x - g @ np.linalg.inv(H) if _is_pd_cholesky(H) else x - lr * g


def _hm_with(*, positive=None, stop=None, step=None):
    """hm_loop with another (correct) test for a positive definite H, stopping test or Newton solve."""
    positive = positive or (lambda H: np.all(np.linalg.eigvalsh(H) > 0))
    stop = stop or (lambda g, g0, tol: np.linalg.norm(g) <= tol * np.linalg.norm(g0))
    step = step or (lambda H, g: np.linalg.solve(H, g))

    def hybrid(gradient, hessian, x0, lr, tol, max_iter):
        x = np.array(x0, dtype=float)
        g0 = gradient(x)
        for k in range(max_iter + 1):
            g, H = gradient(x), hessian(x)
            if stop(g, g0, tol):
                if not positive(H):
                    raise ValueError("not a minimum")
                return x, k
            if k == max_iter:
                raise ValueError("did not converge")
            x = x - step(H, g) if positive(H) else x - lr * g
    return hybrid


hm_det_and_trace = _hm_with(positive=lambda H: np.linalg.det(H) > 0 and np.trace(H) > 0)
hm_det_and_h11 = _hm_with(positive=lambda H: np.linalg.det(H) > 0 and H[1, 1] > 0)
hm_relative_eigenvalue = _hm_with(positive=lambda H: np.linalg.eigvalsh(H).min() > 1e-12 * np.abs(H).max())
hm_max_norm = _hm_with(stop=lambda g, g0, tol: np.max(np.abs(g)) <= tol * np.max(np.abs(g0)))
hm_squared_norms = _hm_with(stop=lambda g, g0, tol: g @ g <= tol ** 2 * (g0 @ g0))
hm_lstsq = _hm_with(step=lambda H, g: np.linalg.lstsq(H, g, rcond=None)[0])

CORRECT_HYBRID = [hm_loop, hm_while_inverse, hm_lists, hm_float32, hm_update_then_test, hm_tuple_steps_float,
                  hm_linalg_error, hm_det_and_trace, hm_det_and_h11, hm_relative_eigenvalue, hm_max_norm,
                  hm_squared_norms, hm_lstsq]


@pytest.mark.parametrize("function", CORRECT_HYBRID, ids=lambda f: f.__name__)
def test_correct_hybrids_pass(function):
    result = check.hybrid_minimise(function)
    assert result, result.message
    assert "correct" in result.message


# --- hybrid_minimise: wrong solutions, each named ---------------------------------------------------


def _variant(*, step=None, gd=None, positive=None, final=True, absolute=False, count=0, last=None,
             previous=False, final_positive=None, passes=None):
    """A learner's loop with one thing changed."""
    step = step or (lambda H, g: np.linalg.solve(H, g))
    gd = gd or (lambda lr, g: lr * g)
    positive = positive or (lambda H: np.all(np.linalg.eigvalsh(H) > 0))
    final_positive = final_positive or positive
    passes = passes or (lambda g, g0, tol: np.linalg.norm(g) <= tol * g0)

    def hybrid(gradient, hessian, x0, lr, tol, max_iter):
        x = np.array(x0, dtype=float)
        before = x
        g0 = 1.0 if absolute else np.linalg.norm(gradient(x))
        stop = max_iter if last is None else max_iter + last
        for k in range(stop + 1):
            g, H = gradient(x), hessian(x)
            if passes(g, g0, tol):
                if final and not final_positive(H):
                    raise ValueError("not a minimum")
                return (before if previous else x), k + count
            if k == stop:
                raise ValueError("did not converge")
            before = x
            x = x - step(H, g) if positive(H) else x - gd(lr, g)
    return hybrid


def hm_returns_at_max_iter(gradient, hessian, x0, lr, tol, max_iter):
    """Forgets to raise when max_iter steps are not enough."""
    x = np.array(x0, dtype=float)
    g0 = np.linalg.norm(gradient(x))
    for k in range(max_iter):
        g, H = gradient(x), hessian(x)
        if np.linalg.norm(g) <= tol * g0:
            break
        x = x - np.linalg.solve(H, g) if np.all(np.linalg.eigvalsh(H) > 0) else x - lr * g
    else:
        k = max_iter
        if np.linalg.norm(gradient(x)) > tol * g0:
            return x, k
    if not np.all(np.linalg.eigvalsh(hessian(x)) > 0):
        raise ValueError("not a minimum")
    return x, k


def hm_plain_gd_then_newton_inverted(gradient, hessian, x0, lr, tol, max_iter):
    """Swaps the branches: Newton where H is NOT positive definite."""
    x = np.array(x0, dtype=float)
    g0 = np.linalg.norm(gradient(x))
    for k in range(max_iter + 1):
        g, H = gradient(x), hessian(x)
        pd = np.all(np.linalg.eigvalsh(H) > 0)
        if np.linalg.norm(g) <= tol * g0:
            if not pd:
                raise ValueError("not a minimum")
            return x, k
        if k == max_iter:
            raise ValueError("no convergence")
        x = x - lr * g if pd else x - np.linalg.solve(H, g)


WRONG_HYBRID = [
    ("plus Newton step", _variant(step=lambda H, g: -np.linalg.solve(H, g)), "wrong sign"),
    ("H instead of inverse", _variant(step=lambda H, g: H @ g), "instead of by H⁻¹"),
    ("forgot learning rate", _variant(gd=lambda lr, g: g), "forgets the learning rate"),
    ("gradient ascent", _variant(gd=lambda lr, g: -lr * g), "goes uphill"),
    ("no definiteness test", _variant(positive=lambda H: True), "even where the Hessian is not positive definite"),
    ("det > 0 only", _variant(positive=lambda H: np.linalg.det(H) > 0), "det H > 0 alone"),
    ("diagonal only", _variant(positive=lambda H: H[0, 0] > 0 and H[1, 1] > 0), "diagonal alone"),
    ("trace only", _variant(positive=lambda H: np.trace(H) > 0), "trace alone"),
    ("accepts a saddle", _variant(final=False), "without checking that it is a minimum"),
    ("absolute tolerance", _variant(absolute=True), "absolute"),
    ("steps plus one", _variant(count=1), "one too many"),
    ("steps minus one", _variant(count=-1), "one too few"),
    ("range(max_iter)", _variant(last=-1), "one step too early"),
    ("one step extra", _variant(last=1), "one step more than max_iter"),
    ("returns previous iterate", _variant(previous=True), "iterate before the last"),
    ("never Newton", _variant(positive=lambda H: False), "never takes Newton's step"),
    ("no raise at max_iter", hm_returns_at_max_iter, "should raise ValueError, so that nobody"),
    ("returns None", lambda *args: None, "returned None"),
    ("returns x only", lambda *args: hm_loop(*args)[0], "pair (x, steps)"),
    ("branches swapped", hm_plain_gd_then_newton_inverted, "your function should"),
    ("eigenvalues >= 0", _variant(positive=lambda H: np.all(np.linalg.eigvalsh(H) >= 0)), "≥ 0 instead of > 0"),
    ("final test det > 0", _variant(final_positive=lambda H: np.linalg.det(H) > 0), "final test for a minimum is det"),
    ("final test diagonal", _variant(final_positive=lambda H: H[0, 0] > 0 and H[1, 1] > 0),
     "final test for a minimum looks at the diagonal"),
    ("final test trace", _variant(final_positive=lambda H: np.trace(H) > 0), "final test for a minimum looks at the trace"),
    ("det >= 0", _variant(positive=lambda H: np.linalg.det(H) >= 0), "det H ≥ 0 alone"),
    ("all entries positive", _variant(positive=lambda H: np.all(H > 0)), "your function should"),
    ("absolute eigenvalue threshold", _variant(positive=lambda H: np.linalg.eigvalsh(H).min() > 1e-8),
     "heights x 1e-6"),
    ("tol * max(1, |g0|)", _variant(passes=lambda g, g0, tol: np.linalg.norm(g) <= tol * max(1.0, g0)), "heights x 1e-6"),
    ("squared norm against tol", _variant(passes=lambda g, g0, tol: g @ g <= tol * g0 ** 2), "your function should"),
    ("strict < in the test", _variant(passes=lambda g, g0, tol: np.linalg.norm(g) < tol * g0), "from its minimum (3, 3)"),
    ("damped Newton step", _variant(step=lambda H, g: 0.5 * np.linalg.solve(H, g)), "your function should"),
]


@pytest.mark.parametrize("name, function, phrase", WRONG_HYBRID, ids=[w[0] for w in WRONG_HYBRID])
def test_wrong_hybrids_are_named(name, function, phrase):
    result = check.hybrid_minimise(function)
    assert not result
    assert phrase in result.message, result.message


def test_every_named_mistake_differs_from_the_contract_somewhere():
    for name, switches, _ in optimisation.HYBRID_MISTAKES:
        assert not all(
            optimisation._same(optimisation._outcome_of(lambda p=p: optimisation._hybrid(p, **switches)),
                               optimisation._reference(p), p)
            for p in optimisation._PROBLEMS), name


def test_stopping_decisions_have_a_margin():
    """Where the reference stops, the gradient ratio is far below tol, and one step earlier far above it,
    so float32 arithmetic or another way of solving H d = g cannot change the step count."""
    for p in optimisation._PROBLEMS:
        x = np.array(p.x0)
        g0 = np.linalg.norm(p.gradient(x))
        if g0 == 0:
            continue
        ratios = []
        for _ in range(p.max_iter + 1):
            g, H = p.gradient(x), p.hessian(x)
            ratios.append(np.linalg.norm(g) / g0)
            if ratios[-1] <= p.tol:
                break
            x = x - np.linalg.solve(H, g) if np.all(np.linalg.eigvalsh(H) > 0) else x - p.lr * g
        if ratios[-1] <= p.tol:
            assert ratios[-1] < p.tol / 10 and ratios[-2] > 10 * p.tol, (p.about, ratios[-2:])


def test_reference_results_are_the_known_minima():
    results = {p.about: optimisation._reference(p) for p in optimisation._PROBLEMS}
    for p in optimisation._PROBLEMS:
        r = results[p.about]
        if r[0] == "returns":
            x = r[1]
            assert stationary_type(p.hessian(x)) == "minimum"
            assert np.linalg.norm(p.gradient(x)) <= p.tol * np.linalg.norm(p.gradient(np.array(p.x0)))
    assert np.allclose(results[optimisation._PROBLEMS[0].about][1], [3, 3]) and results[optimisation._PROBLEMS[0].about][2] == 1
    assert results[optimisation._PROBLEMS[1].about][2] == 7       # DeepLearning.AI's quartic: 7 Newton steps
    # saddle, maximum, too few steps, the singular stationary point of x^3 + y^2, the saddle x^2 + 4xy + y^2
    assert [r[0] for r in results.values()].count("raises") == 5


def test_scaled_problems_give_the_same_steps():
    """Heights and lengths scaled by 1e±6: the relative test takes the same steps to the scaled minimum."""
    by_surface = {}
    for p in optimisation._PROBLEMS:
        by_surface.setdefault(p.surface.name.split(" (")[0], []).append(optimisation._reference(p))
    course = [r for r in by_surface["course"] if r[0] == "returns"]
    well = [r for r in by_surface["double well"] if r[0] == "returns"]
    assert course[0][2] == course[1][2] and np.allclose(course[1][1], 1e-3 * course[0][1], rtol=1e-6, atol=1e-15)
    assert well[0][2] == well[1][2] and np.allclose(well[1][1], 1e6 * well[0][1], rtol=1e-6)


def test_reader_exceptions_other_than_value_error_are_reported_with_the_call():
    def broken(gradient, hessian, x0, lr, tol, max_iter):
        return hessian(x0)[2, 2], 0

    result = check.hybrid_minimise(broken)
    assert not result and "IndexError" in result.message and "hybrid_minimise(gradient, hessian" in result.message


# --- sandpit_strategy -------------------------------------------------------------------------------


def _inside(probes, p):
    x0, x1, y0, y1 = probes.bounds
    return x0 <= p[0] <= x1 and y0 <= p[1] <= y1


def _st_hybrid(stop_below=lambda width: 1e-12 * width):
    """The book's strategy, stopping once Newton's step is at most stop_below(width)."""
    def strategy(probes, start):
        x0, x1, y0, y1 = probes.bounds
        width = max(x1 - x0, y1 - y0)
        x = np.array(start, dtype=float)
        f = probes.depth(*x)
        for _ in range(40):
            g, H = probes.gradient(*x), probes.hessian(*x)
            positive = np.all(np.linalg.eigvalsh(H) > 0)
            d = -np.linalg.solve(H, g) if positive else -0.1 * width * g / np.linalg.norm(g)
            if positive and np.linalg.norm(d) <= stop_below(width):
                return x
            t = 1.0
            for _ in range(30):
                new = x + t * d
                if _inside(probes, new):
                    f_new = probes.depth(*new)
                    if f_new < f or (positive and f_new <= f):
                        break
                t /= 2
            else:
                return x
            x, f = new, f_new
        return x
    return strategy


#: Newton where H is positive definite, else steepest descent a tenth of the width; halve until lower.
st_hybrid_line_search = _st_hybrid()
st_hybrid_line_search.__name__ = "st_hybrid_line_search"


def st_grid_then_newton(probes, start):
    """Written differently: ignores the start, probes a 5 x 5 grid of depths, then Newton (with Cholesky as
    the test) from the lowest, falling back to a gradient step cut to a tenth of the width, halved until lower."""
    x0, x1, y0, y1 = probes.bounds
    width = max(x1 - x0, y1 - y0)
    grid = [(x0 + (i + 0.5) * (x1 - x0) / 5, y0 + (j + 0.5) * (y1 - y0) / 5) for i in range(5) for j in range(5)]
    depths = [probes.depth(*p) for p in grid]
    x = np.array(grid[int(np.argmin(depths))])
    depth = min(depths)
    for _ in range(30):
        g, H = probes.gradient(*x), probes.hessian(*x)
        try:
            np.linalg.cholesky(H)
            d = -np.linalg.inv(H) @ g
        except np.linalg.LinAlgError:
            d = -g * (0.1 * width / np.sqrt(g @ g))
        else:
            if np.sqrt(d @ d) <= 1e-12 * width:
                return x
        while d @ d > (1e-15 * width) ** 2:
            new = x + d
            if _inside(probes, new) and (value := probes.depth(*new)) <= depth:
                break
            d = d / 2
        else:
            return x
        x, depth = new, value
    return x


def st_float32(probes, start):
    x = np.float32(start)
    found = st_hybrid_line_search(probes, x)
    return np.float64(found)


def st_spends_the_budget(probes, start):
    """Converges, then keeps probing the answer until the budget runs out, and returns it: it never knew more
    than 150 probes told it, so it wins."""
    x = st_hybrid_line_search(probes, start)
    try:
        while True:
            probes.depth(*x)
    except surfaces.OutOfProbes:
        return x


def st_many_refused(probes, start):
    """Tries 200 points outside the sandpit first (each refused with a ValueError, none counted), then plays
    the hybrid: more calls than the budget, but never more than 150 probes answered."""
    x0, x1, y0, y1 = probes.bounds
    for k in range(200):
        try:
            probes.depth(x1 + (k + 1) * (x1 - x0), y0)
        except ValueError:
            pass
    return st_hybrid_line_search(probes, start)


CORRECT_STRATEGIES = [st_hybrid_line_search, st_grid_then_newton, st_float32, st_spends_the_budget,
                      st_many_refused]


@pytest.mark.parametrize("function", CORRECT_STRATEGIES, ids=lambda f: f.__name__)
def test_good_strategies_win(function):
    result = check.sandpit_strategy(function)
    assert result, result.message + "\n" + result.table()
    assert len(result.rows) == len(optimisation._RUNS) and all(r.success for r in result.rows)
    assert all(r.probes <= optimisation.BUDGET for r in result.rows)


def st_fixed_gd(probes, start):
    x = np.array(start, dtype=float)
    for _ in range(140):
        x = x - 0.01 * probes.gradient(*x)
    return x


def st_plain_newton(probes, start):
    x = np.array(start, dtype=float)
    for _ in range(30):
        x = x - np.linalg.solve(probes.hessian(*x), probes.gradient(*x))
    return x


def st_newton_sign(probes, start):
    x = np.array(start, dtype=float)
    for _ in range(30):
        x = x + np.linalg.solve(probes.hessian(*x), probes.gradient(*x))
    return x


def st_ascent(probes, start):
    x = np.array(start, dtype=float)
    for _ in range(60):
        new = x + 0.01 * probes.gradient(*x)
        if not _inside(probes, new):
            break
        x = new
    return x


def st_tiny_lr_forever(probes, start):
    x = np.array(start, dtype=float)
    while True:
        g = probes.gradient(*x)
        if np.linalg.norm(g) < 1e-10:
            return x
        x = x - 1e-3 * g


def st_absolute_tolerance(probes, start):
    """The hybrid, but stopping when the Newton step is shorter than 1e-3 (absolute): too early at 6 µm wide."""
    x = np.array(start, dtype=float)
    for _ in range(40):
        g, H = probes.gradient(*x), probes.hessian(*x)
        if np.all(np.linalg.eigvalsh(H) > 0):
            d = -np.linalg.solve(H, g)
            if np.linalg.norm(d) < 1e-3:
                return x
        else:
            d = -0.1 * g / np.linalg.norm(g)
        t = 1.0
        while not (_inside(probes, x + t * d) and probes.depth(*(x + t * d)) < probes.depth(*x)) and t > 1e-9:
            t /= 2
        x = x + t * d
    return x


def st_returns_last_probe(probes, start):
    """Runs the hybrid, then 'checks' a neighbour and returns the last point probed."""
    st_hybrid_line_search(probes, start)
    x = probes.points[-1]
    probes.depth(min(x[0] + 0.01 * (probes.bounds[1] - probes.bounds[0]), probes.bounds[1]), x[1])
    return probes.points[-1]


def st_catches_budget(probes, start):
    x = np.array(start, dtype=float)
    for _ in range(500):
        try:
            x = x - 1e-3 * probes.gradient(*x)
        except Exception:
            pass
    return x


def st_start(probes, start):
    return start


def st_none(probes, start):
    st_hybrid_line_search(probes, start)


def st_saddle_gradient_only(probes, start):
    """Gradient descent that stops where the gradient is small relative to the start: fine, unless it starts
    near a saddle, where the gradient is small at once."""
    x = np.array(start, dtype=float)
    g0 = np.linalg.norm(probes.gradient(*x))
    for _ in range(100):
        g = probes.gradient(*x)
        if np.linalg.norm(g) <= 0.5 * g0:
            return x
        x = x - 0.001 * g
    return x


def _st_stop_below(threshold):
    """The hybrid with an absolute stopping test: stop once Newton's step is shorter than `threshold`."""
    return _st_hybrid(lambda width: threshold)


def st_reads_the_surface(probes, start):
    """Cheats: looks for the surface behind the probes and returns its nearest minimum without probing."""
    surface = next(v for v in (getattr(probes, a) for a in dir(probes)) if isinstance(v, surfaces.Surface)) \
        if any(isinstance(getattr(probes, a), surfaces.Surface) for a in dir(probes)) else probes._probes.surface
    minima = [s.point for s in surfaces.stationary_points(surface, n=31) if s.kind == "minimum"]
    return min(minima, key=lambda m: np.linalg.norm(m - start))


def st_resets_the_budget(probes, start):
    """Cheats: lifts the budget, takes 1000 small gradient steps, then zeroes the counters."""
    probes.budget = None
    x = np.array(start, dtype=float)
    for _ in range(1000):
        x = x - 1e-3 * probes.gradient(*x)
    probes.attempts = 0
    return x


def st_det_only(probes, start):
    """The hybrid, but 'positive definite' tested by det H > 0 alone: takes Newton's step to a maximum."""
    x = np.array(start, dtype=float)
    for _ in range(40):
        g, H = probes.gradient(*x), probes.hessian(*x)
        if np.linalg.det(H) > 0:
            new = x - np.linalg.solve(H, g)
        else:
            new = x - 0.01 * g / np.linalg.norm(g)
        if not _inside(probes, new):
            return x
        x = new
    return x


WRONG_STRATEGIES = [
    ("absolute stop 1e-6", _st_stop_below(1e-6), "it must be within"),
    ("absolute stop 1e-10", _st_stop_below(1e-10), "ran out of probes"),
    ("reads the surface", st_reads_the_surface, "AttributeError"),
    ("resets the budget", st_resets_the_budget, "AttributeError"),
    ("det > 0 only", st_det_only, "stopped at a maximum"),
    ("fixed learning rate", st_fixed_gd, "outside the sandpit"),
    ("plain Newton", st_plain_newton, "runs failed"),
    ("Newton uphill", st_newton_sign, "runs failed"),
    ("gradient ascent", st_ascent, "from the nearest minimum"),
    ("tiny learning rate", st_tiny_lr_forever, "ran out of probes"),
    ("absolute tolerance", st_absolute_tolerance, "it must be within"),
    ("returns the last probe", st_returns_last_probe, "not the last point probed"),
    ("swallows the budget", st_catches_budget, "after the budget of 150 was spent"),
    ("returns the start", st_start, "from the nearest minimum"),
    ("returns None", st_none, "returned None"),
    ("stops near a saddle", st_saddle_gradient_only, "runs failed"),
]


@pytest.mark.parametrize("name, function, phrase", WRONG_STRATEGIES, ids=[w[0] for w in WRONG_STRATEGIES])
def test_losing_strategies_are_told_why(name, function, phrase):
    result = check.sandpit_strategy(function)
    assert not result
    assert phrase in result.message or any(phrase in r.note for r in result.rows), \
        result.message + "\n" + "\n".join(r.note for r in result.rows)


def test_plain_newton_is_told_about_saddles_and_maxima():
    notes = " ".join(r.note for r in check.sandpit_strategy(st_plain_newton).rows)
    assert "stopped at a saddle" in notes and "stopped at a maximum" in notes


@pytest.mark.parametrize("kind", ["saddle", "maximum"])
def test_a_stationary_point_that_is_not_a_minimum_is_never_accepted(kind):
    """Return the exact saddle or maximum of each sandpit: gradient zero, yet it must fail."""
    for run in optimisation._RUNS:
        others = [s.point for s in optimisation._stationary(run.surface) if s.kind == kind]
        for point in others:
            probes = surfaces.SealedProbes(run.surface)
            _, _, success, note = optimisation._verdict(run.surface, probes, point)
            assert not success and f"stopped at a {kind}" in note


def test_true_minima_are_accepted_and_near_misses_refused():
    for run in optimisation._RUNS:
        width = optimisation._width(run.surface)
        for s in optimisation._stationary(run.surface):
            if s.kind != "minimum":
                continue
            probes = surfaces.SealedProbes(run.surface)
            assert optimisation._verdict(run.surface, probes, s.point)[2]
            near = s.point + 0.5 * optimisation.DISTANCE * width * np.array([0.6, 0.8])
            far = s.point + 3 * optimisation.DISTANCE * width * np.array([0.6, 0.8])
            assert optimisation._verdict(run.surface, probes, near)[2]
            assert not optimisation._verdict(run.surface, probes, far)[2]


def test_tournament_probes_count_and_hide_the_surface():
    probes = surfaces.SealedProbes(sandpit(0), budget=3)
    probes.depth(1, 1)
    probes.gradient(2, 2)
    with pytest.raises(ValueError, match="outside the sandpit"):
        probes.hessian(7, 1)
    probes.hessian(3, 3)
    assert probes.total == 3 and probes.attempts == 4 and not hasattr(probes, "surface")
    with pytest.raises(surfaces.OutOfProbes):
        probes.depth(1, 1)
    assert probes.total == 3 and probes.attempts == 5 and probes.points == [(1.0, 1.0), (2.0, 2.0), (3.0, 3.0)]
    # Nothing on the object leads to the surface or to the scorer's counts, and nothing can be set on it.
    assert not hasattr(probes, "__dict__")
    for name in dir(probes):
        value = getattr(probes, name)
        assert not isinstance(value, (surfaces.Surface, surfaces.Probes)), name
        assert not any(isinstance(v, (surfaces.Surface, surfaces.Probes)) for v in getattr(value, "__dict__", {}).values())
    for name, value in [("budget", None), ("attempts", 0), ("total", 0), ("bounds", (0, 1e9, 0, 1e9)), ("x", 1)]:
        with pytest.raises(AttributeError):
            setattr(probes, name, value)
    assert probes.bounds == (0.0, 6.0, 0.0, 6.0) and probes.budget == 3


def test_table_and_html():
    result = check.sandpit_strategy(st_fixed_gd)
    text = str(result)
    assert "sandpit" in text and "probes" in text and "failed" in text
    page = result._repr_html_()
    assert "<table>" in page and page.count("<tr>") == len(optimisation._RUNS) + 1


def test_bad_input():
    with pytest.raises(ValueError, match="budget must be >= 1"):
        surfaces.SealedProbes(sandpit(0), budget=0)
    with pytest.raises(TypeError, match="surface must be a Surface"):
        surfaces.SealedProbes("sandpit 0")
    with pytest.raises(TypeError, match="sandpit_strategy"):
        check.sandpit_strategy(3)
    with pytest.raises(TypeError, match="hybrid_minimise"):
        check.hybrid_minimise("hybrid")


def test_doctests():
    failures, _ = doctest.testmod(optimisation)
    assert failures == 0


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([0, 8, "ripples"]), st.floats(-3, 3).filter(lambda t: abs(t) > 0.01),  # not on the boundary
       st.floats(0, 2 * np.pi),
       st.sampled_from([1e-8, 1.0, 1e8]), st.sampled_from([1e-6, 1.0, 1e6]))
def test_the_verdict_is_scale_free(which, log_offset, angle, c, L):
    """A point at a given distance from a stationary point gets the same verdict on the surface scaled by c and L."""
    surface = sandpit(which)
    scaled = surface.scaled(height=c, length=L)
    width = optimisation._width(surface)
    for s in optimisation._stationary(surface):
        p = s.point + 10 ** log_offset * optimisation.DISTANCE * width * np.array([np.cos(angle), np.sin(angle)])
        if not surface.contains(*p):
            continue
        base = optimisation._verdict(surface, surfaces.SealedProbes(surface), p)[2]
        other = optimisation._verdict(scaled, surfaces.SealedProbes(scaled), L * p)[2]
        assert base == other
