"""Tests for the Chapter 8 checkers (the Sandpit): right answers pass, each typical mistake is named."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize

from mmlbook import calculus, check, surfaces
from mmlbook.check import partial_derivatives

PHONE = surfaces.sandpit("phone")


# --- estimate_gradient: correct, written in different ways -------------------------------

def grad_central(depth, x, y, h):
    return ((depth(x + h, y) - depth(x - h, y)) / (2 * h),
            (depth(x, y + h) - depth(x, y - h)) / (2 * h))


def grad_loop(depth, x, y, h):
    point = np.array([x, y], dtype=float)
    out = []
    for e in np.eye(2):
        out.append((depth(*(point + h * e)) - depth(*(point - h * e))) / (2 * h))
    return out


def grad_numpy(depth, x, y, h):
    steps = h * np.eye(2)
    up = np.array([depth(x + dx, y + dy) for dx, dy in steps])
    down = np.array([depth(x - dx, y - dy) for dx, dy in steps])
    return (up - down) / (2 * h)


def grad_float32_readings(depth, x, y, h):
    f = lambda a, b: np.float32(depth(a, b))  # noqa: E731
    return [(f(x + h, y) - f(x - h, y)) / np.float32(2 * h), (f(x, y + h) - f(x, y - h)) / np.float32(2 * h)]


def grad_richardson(depth, x, y, h):
    # fourth order: (4 D(h/2) - D(h)) / 3
    coarse, fine = np.array(grad_central(depth, x, y, h)), np.array(grad_central(depth, x, y, h / 2))
    return (4 * fine - coarse) / 3


def grad_library(depth, x, y, h):
    return calculus.gradient(lambda v: depth(v[0], v[1]), [x, y], h=h)


def grad_five_point(depth, x, y, h):
    # fourth order: (-f(2h) + 8 f(h) - 8 f(-h) + f(-2h)) / (12h) along each axis
    def along(f):
        return (-f(2 * h) + 8 * f(h) - 8 * f(-h) + f(-2 * h)) / (12 * h)
    return along(lambda k: depth(x + k, y)), along(lambda k: depth(x, y + k))


def grad_half_steps(depth, x, y, h):
    # the central difference over a total width h instead of 2h: finer, and still a central difference
    return np.array([depth(x + h / 2, y) - depth(x - h / 2, y), depth(x, y + h / 2) - depth(x, y - h / 2)]) / h


def grad_column(depth, x, y, h):
    return np.array(grad_central(depth, x, y, h)).reshape(2, 1)      # a column vector, as the book writes ∇f


CORRECT_GRADIENTS = [grad_central, grad_loop, grad_numpy, grad_float32_readings, grad_richardson, grad_library,
                     grad_five_point, grad_half_steps, grad_column]


@pytest.mark.parametrize("function", CORRECT_GRADIENTS)
def test_correct_gradient_estimators_pass(function):
    result = check.estimate_gradient(function)
    assert result, result.message


# --- estimate_gradient: wrong, written as learners write them -----------------------------

def grad_forward(depth, x, y, h):
    f0 = depth(x, y)
    return [(depth(x + h, y) - f0) / h, (depth(x, y + h) - f0) / h]


def grad_backward(depth, x, y, h):
    return [(depth(x, y) - depth(x - h, y)) / h, (depth(x, y) - depth(x, y - h)) / h]


def grad_over_h(depth, x, y, h):
    return [(depth(x + h, y) - depth(x - h, y)) / h, (depth(x, y + h) - depth(x, y - h)) / h]


def grad_no_division(depth, x, y, h):
    return [depth(x + h, y) - depth(x - h, y), depth(x, y + h) - depth(x, y - h)]


def grad_swapped(depth, x, y, h):
    return grad_central(depth, x, y, h)[::-1]


def grad_downhill(depth, x, y, h):
    return [(depth(x - h, y) - depth(x + h, y)) / (2 * h), (depth(x, y - h) - depth(x, y + h)) / (2 * h)]


def grad_copy_paste(depth, x, y, h):
    dx = (depth(x + h, y) - depth(x - h, y)) / (2 * h)
    dy = (depth(x + h, y) - depth(x - h, y)) / (2 * h)
    return dx, dy


def grad_diagonal(depth, x, y, h):
    d = (depth(x + h, y + h) - depth(x - h, y - h)) / (2 * h)
    return d, d


def grad_relative_step(depth, x, y, h):
    hx, hy = h * abs(x), h * abs(y)
    return (depth(x + hx, y) - depth(x - hx, y)) / (2 * hx), (depth(x, y + hy) - depth(x, y - hy)) / (2 * hy)


def grad_fixed_step(depth, x, y, h):
    return grad_central(depth, x, y, 1e-5)


def grad_depth(depth, x, y, h):
    return depth(x, y)


def grad_global(depth, x, y, h):
    return grad_central(lambda a, b: PHONE(a, b), x, y, h)


def grad_norm(depth, x, y, h):
    return float(np.hypot(*grad_central(depth, x, y, h)))


def grad_unit(depth, x, y, h):
    g = np.array(grad_central(depth, x, y, h))
    return g / np.linalg.norm(g)


def grad_arguments_swapped(depth, x, y, h):
    return ((depth(y, x + h) - depth(y, x - h)) / (2 * h), (depth(y + h, x) - depth(y - h, x)) / (2 * h))


def grad_global_exact(depth, x, y, h):
    return PHONE.grad(x, y)


WRONG_GRADIENTS = [
    (grad_forward, "forward difference"), (grad_backward, "backward difference"), (grad_over_h, "divides by 2h"),
    (grad_no_division, "without dividing by 2h"), (grad_swapped, "swapped"), (grad_downhill, "minus the gradient"),
    (grad_copy_paste, "Both components are ∂f/∂x"), (grad_diagonal, "diagonal"),
    (grad_relative_step, "multiplies the step by the coordinates"), (grad_fixed_step, "ignores the argument h"),
    (grad_depth, "one number"), (grad_norm, "one number"), (grad_global, "ignores its depth argument"),
    (grad_global_exact, "ignores its depth argument"), (grad_unit, "unit vector"),
    (grad_arguments_swapped, "depth(y, x)"),
    (lambda depth, x, y, h: None, "return statement"), (lambda depth, x, y, h: (1.0, 2.0, 3.0), "shape (3,)"),
    (lambda depth, x, y, h: "0.1, 0.2", "returned str"),
]


@pytest.mark.parametrize("function, words", WRONG_GRADIENTS)
def test_wrong_gradient_estimators_are_named(function, words):
    result = check.estimate_gradient(function)
    assert not result and words in result.message, result.message


def test_the_forward_difference_message_quantifies_the_error():
    message = check.estimate_gradient(grad_forward).message
    assert "1e-04" in message and "central difference" in message


def test_an_unnamed_mistake_shows_a_point_and_the_right_value():
    def off_on_big_sandpits(depth, x, y, h):
        g = np.array(grad_central(depth, x, y, h))
        return g * 1.01 if abs(x) > 1e5 else g

    message = check.estimate_gradient(off_on_big_sandpits).message
    assert "should be" in message and "wrong only on" in message and "1e6" in message


def test_the_spec_central_passes_and_forward_fails_on_every_sandpit_with_room_to_spare():
    sands, h_of = partial_derivatives._SANDS, partial_derivatives.STEP
    for sand in sands:
        h = h_of * sand.length
        central, forward = [], []
        for u, v in partial_derivatives._POINTS:
            x, y = sand.point(u, v)
            truth = sand.gradient(x, y)
            central.append(np.max(np.abs(np.array(grad_central(sand.depth, x, y, h)) - truth)) / sand.slope)
            forward.append(np.max(np.abs(np.array(grad_forward(sand.depth, x, y, h)) - truth)) / sand.slope)
        assert max(central) < partial_derivatives.GRADIENT_RTOL / 2, sand.name
        assert max(forward) > 5 * partial_derivatives.GRADIENT_RTOL, sand.name


# --- classify_stationary ---------------------------------------------------------------

def classify_det_trace(H):
    det = H[0, 0] * H[1, 1] - H[0, 1] ** 2
    if abs(det) <= 1e-10 * np.sum(H**2):
        return "degenerate"
    if det < 0:
        return "saddle"
    return "minimum" if H[0, 0] + H[1, 1] > 0 else "maximum"


def classify_eigenvalues(H):
    low, high = np.linalg.eigvalsh(H)
    if min(abs(low), abs(high)) <= 1e-9 * max(abs(low), abs(high), 1e-300):
        return "Degenerate"
    if low > 0:
        return "minimum"
    if high < 0:
        return "maximum"
    return "saddle"


def classify_lists(H):
    rows = [[float(v) for v in row] for row in H]
    (a, b), (_, d) = rows
    det = a * d - b * b
    scale = a * a + 2 * b * b + d * d
    if scale == 0 or abs(det) < 1e-12 * scale:
        return "degenerate"
    if det < 0:
        return "saddle"
    return "minimum" if a > 0 else "maximum"


def classify_float32(H):
    H = np.asarray(H, dtype=np.float32) / np.float32(max(np.abs(H).max(), 1e-30))   # scale first, then float32
    det = H[0, 0] * H[1, 1] - H[0, 1] * H[1, 0]
    if abs(det) <= np.float32(3e-8):
        return "degenerate"
    return "saddle" if det < 0 else ("minimum" if H[0, 0] > 0 else "maximum")


def classify_rank(H):
    # NumPy's own relative tolerance for "singular", then Sylvester's criterion on the leading minors
    if np.linalg.matrix_rank(H) < 2:
        return "degenerate"
    det = np.linalg.det(H)
    return "saddle" if det < 0 else ("minimum" if H[0, 0] > 0 else "maximum")


def classify_normalised(H):
    H = np.asarray(H) / max(np.abs(H).max(), 1e-300)      # make the largest entry 1, then an absolute test
    det = H[0, 0] * H[1, 1] - H[0, 1] * H[1, 0]
    if abs(det) < 1e-10:
        return "degenerate"
    return "saddle" if det < 0 else ("minimum" if H[1, 1] > 0 else "maximum")


def classify_general_eigvals(H):
    low, high = sorted(np.linalg.eigvals(H).real)
    if min(abs(low), abs(high)) <= 1e-9 * max(abs(low), abs(high)):
        return "degenerate"
    return "minimum" if low > 0 else "maximum" if high < 0 else "saddle"


CORRECT_CLASSIFIERS = [surfaces.stationary_type, classify_det_trace, classify_eigenvalues, classify_lists,
                       classify_float32, classify_rank, classify_normalised, classify_general_eigvals]


@pytest.mark.parametrize("function", CORRECT_CLASSIFIERS)
def test_correct_classifiers_pass(function):
    result = check.classify_stationary(function)
    assert result, result.message


def classify_trace(H):
    t = np.trace(H)
    return "minimum" if t > 0 else "maximum" if t < 0 else "degenerate"


def classify_fxx(H):
    return "minimum" if H[0, 0] > 0 else "maximum" if H[0, 0] < 0 else "degenerate"


def classify_det_only(H):
    det = np.linalg.det(H)
    return "minimum" if det > 0 else "saddle" if det < 0 else "degenerate"


def classify_swapped(H):
    return {"minimum": "maximum", "maximum": "minimum"}.get(k := classify_det_trace(H), k)


def classify_det_negative_max(H):
    return {"saddle": "maximum"}.get(k := classify_det_trace(H), k)


def classify_diagonal(H):
    if H[0, 0] > 0 and H[1, 1] > 0:
        return "minimum"
    if H[0, 0] < 0 and H[1, 1] < 0:
        return "maximum"
    if H[0, 0] == 0 and H[1, 1] == 0:
        return "degenerate"
    return "saddle"


def classify_never_degenerate(H):
    det = H[0, 0] * H[1, 1] - H[0, 1] ** 2
    if det < 0:
        return "saddle"
    return "minimum" if np.trace(H) > 0 else "maximum"


def classify_exact_zero(H):
    det = H[0, 0] * H[1, 1] - H[0, 1] * H[1, 0]
    if det == 0:
        return "degenerate"
    return "saddle" if det < 0 else ("minimum" if np.trace(H) > 0 else "maximum")


def classify_absolute(H):
    det = H[0, 0] * H[1, 1] - H[0, 1] * H[1, 0]
    if abs(det) < 1e-10:
        return "degenerate"
    return "saddle" if det < 0 else ("minimum" if np.trace(H) > 0 else "maximum")


def classify_loose(H):
    det = H[0, 0] * H[1, 1] - H[0, 1] * H[1, 0]
    if abs(det) <= 1e-3 * np.sum(H * H):
        return "degenerate"
    return "saddle" if det < 0 else ("minimum" if np.trace(H) > 0 else "maximum")


def classify_semidefinite(H):
    low, high = np.linalg.eigvalsh(H)
    if low == 0 and high == 0:
        return "degenerate"
    if low >= -1e-12 * abs(high):
        return "minimum"
    if high <= 1e-12 * abs(low):
        return "maximum"
    return "saddle"


def classify_zero_trace(H):
    det = H[0, 0] * H[1, 1] - H[0, 1] ** 2
    if abs(det) <= 1e-10 * np.sum(H * H) or H[0, 0] + H[1, 1] == 0:
        return "degenerate"
    return "saddle" if det < 0 else ("minimum" if np.trace(H) > 0 else "maximum")


def classify_plus(H):
    det = H[0, 0] * H[1, 1] + H[0, 1] ** 2
    if abs(det) <= 1e-10 * np.sum(H * H):
        return "degenerate"
    return "saddle" if det < 0 else ("minimum" if np.trace(H) > 0 else "maximum")


def classify_eigen_isclose(H):
    low, high = np.linalg.eigvalsh(H)
    if np.isclose(low, 0) or np.isclose(high, 0):
        return "degenerate"
    return "minimum" if low > 0 else "maximum" if high < 0 else "saddle"


def classify_eigen_signs(H):
    low, high = np.linalg.eigvalsh(H)
    if low > 0:
        return "minimum"
    if high < 0:
        return "maximum"
    if low < 0 < high:
        return "saddle"
    return "degenerate"


def classify_strict(H):
    det = H[0, 0] * H[1, 1] - H[0, 1] ** 2
    if abs(det) < 1e-10 * np.sum(H**2):
        return "degenerate"
    return "saddle" if det < 0 else ("minimum" if np.trace(H) > 0 else "maximum")


def classify_saddle_first(H):
    det = H[0, 0] * H[1, 1] - H[0, 1] ** 2
    if det < 0:
        return "saddle"
    if abs(det) <= 1e-10 * np.sum(H**2):
        return "degenerate"
    return "minimum" if np.trace(H) > 0 else "maximum"


def classify_extremum_first(H):
    det = H[0, 0] * H[1, 1] - H[0, 1] ** 2
    if det > 0:
        return "minimum" if H[0, 0] > 0 else "maximum"
    if abs(det) <= 1e-10 * np.sum(H**2):
        return "degenerate"
    return "saddle"


def classify_norm_not_squared(H):
    det = H[0, 0] * H[1, 1] - H[0, 1] ** 2
    if abs(det) <= 1e-10 * np.linalg.norm(H):
        return "degenerate"
    return "saddle" if det < 0 else ("minimum" if np.trace(H) > 0 else "maximum")


def classify_zero_diagonal(H):
    # "a zero on the diagonal means the surface is flat that way": wrong for xy, whose H is [[0, 1], [1, 0]]
    if H[0, 0] == 0 or H[1, 1] == 0:
        return "degenerate"
    return classify_det_trace(H)


def classify_zero_saddle(H):
    return {"degenerate": "saddle"}.get(k := classify_det_trace(H), k)


WRONG_CLASSIFIERS = [
    (classify_trace, "only at the trace"), (classify_fxx, "only at f_xx"), (classify_det_only, "det H > 0 a minimum"),
    (classify_swapped, "swapped"), (classify_det_negative_max, "det H < 0 a maximum"),
    (classify_diagonal, "ignores the cross term"), (classify_never_degenerate, "never answers degenerate"),
    (classify_zero_saddle, "det H = 0 a saddle"), (classify_exact_zero, "det H == 0 exactly"),
    (classify_absolute, "absolute threshold"), (classify_loose, "too loose"),
    (classify_semidefinite, "semidefinite"), (classify_zero_trace, "zero trace"), (classify_plus, "wrong sign"),
    (classify_eigen_isclose, "compares the eigenvalues with a fixed number"),
    (classify_eigen_signs, "eigenvalues' signs with no tolerance"), (classify_strict, "strict '<'"),
    (classify_saddle_first, "saddle as soon as det H < 0"),
    (classify_extremum_first, "minimum or maximum as soon as det H > 0"),
    (classify_norm_not_squared, "not with its square"), (classify_zero_diagonal, "xy (zero diagonal"),
    (lambda H: None, "return statement"), (lambda H: "min", "one of the words"), (lambda H: 1, "returned int"),
]


@pytest.mark.parametrize("function, words", WRONG_CLASSIFIERS)
def test_wrong_classifiers_are_named(function, words):
    result = check.classify_stationary(function)
    assert not result and words in result.message, result.message


def test_every_probe_hessian_is_far_from_the_threshold_or_exactly_singular():
    for H, kind, _ in partial_derivatives._HESSIANS:
        relative = abs(np.linalg.det(H)) / max(np.sum(H * H), 1e-300)
        assert (relative < 1e-15) if kind == "degenerate" else (relative >= 2.5e-7 * (1 - 1e-6))
        assert surfaces.stationary_type(H) == kind


@settings(max_examples=60, deadline=None)
@given(st.floats(-5, 5), st.floats(-5, 5), st.floats(-5, 5), st.sampled_from([1e-8, 1e8]))
def test_stationary_type_and_det_trace_agree_at_every_scale(a, b, d, c):
    H = np.array([[a, b], [b, d]])
    assert classify_det_trace(H) == classify_det_trace(c * H) == surfaces.stationary_type(c * H)


# --- find_phone --------------------------------------------------------------------------

def grid_best(probes, n=9):
    xs = np.linspace(0.25, 5.75, n)
    return np.array(min((probes.depth(x, y), x, y) for x in xs for y in xs)[1:])


def keep_in(probes, p):
    x0, x1, y0, y1 = probes.bounds
    return np.clip(p, [x0, y0], [x1, y1])


def phone_newton_from_depths(probes, h=1e-4):
    p = grid_best(probes)
    for _ in range(15):
        x, y = p
        f0, fxp, fxm = probes.depth(x, y), probes.depth(x + h, y), probes.depth(x - h, y)
        fyp, fym, fpp = probes.depth(x, y + h), probes.depth(x, y - h), probes.depth(x + h, y + h)
        g = np.array([fxp - fxm, fyp - fym]) / (2 * h)
        H = np.array([[fxp - 2 * f0 + fxm, fpp - fxp - fyp + f0], [fpp - fxp - fyp + f0, fyp - 2 * f0 + fym]]) / h**2
        step = np.linalg.solve(H, g) if np.all(np.linalg.eigvalsh(H) > 0) else 0.1 * g
        p = keep_in(probes, p - step)
        if np.linalg.norm(step) < 1e-6:
            break
    return p


def phone_compass(probes):
    p = grid_best(probes)
    f, step = probes.depth(*p), 0.35
    while step > 2e-3:
        for d in [(1, 0), (-1, 0), (0, 1), (0, -1)]:
            q = keep_in(probes, p + step * np.array(d))
            fq = probes.depth(*q)
            if fq < f:
                p, f = q, fq
                break
        else:
            step /= 2
    return tuple(p)


def phone_nelder_mead(probes):
    start = grid_best(probes, 8)
    result = optimize.minimize(lambda p: probes.depth(*keep_in(probes, p)), start, method="Nelder-Mead",
                               options={"xatol": 1e-3, "fatol": 1e-9, "initial_simplex": [start, start + [0.3, 0], start + [0, 0.3]]})
    return keep_in(probes, result.x)


def phone_gradient_descent(probes, lr=0.05):
    p = grid_best(probes, 7)
    for _ in range(140):
        g = probes.gradient(*p)
        if np.linalg.norm(g) < 1e-3:
            break
        p = keep_in(probes, p - lr * g)
    return [float(p[0]), float(p[1])]


def phone_backtracking(probes):
    p = grid_best(probes, 7)
    f, t = probes.depth(*p), 0.2
    for _ in range(40):
        g = probes.gradient(*p)
        if np.linalg.norm(g) < 1e-3:
            break
        while True:
            q = keep_in(probes, p - t * g)
            fq = probes.depth(*q)
            if fq < f:
                p, f, t = q, fq, 1.5 * t
                break
            t /= 2
    return p


def phone_lbfgsb(probes):
    # scipy's L-BFGS-B, with its own finite differences in the depth round and exact gradients otherwise
    x0, x1, y0, y1 = probes.bounds
    start = grid_best(probes, 8)
    jac = (lambda p: probes.gradient(*p)) if "gradient" in probes.kinds else None
    result = optimize.minimize(lambda p: probes.depth(*p), start, jac=jac, method="L-BFGS-B",
                               bounds=[(x0, x1), (y0, y1)], options={"maxfun": 150})
    return result.x


def phone_budget_aware(probes):
    # a compass search that watches probes.total and stops with the best point before the budget runs out
    p = grid_best(probes)
    f, step = probes.depth(*p), 0.3
    while step > 1e-3 and probes.total + 4 <= probes.budget:
        moves = [keep_in(probes, p + step * np.array(d)) for d in [(1, 0), (-1, 0), (0, 1), (0, -1)]]
        fq, q = min((probes.depth(*m), tuple(m)) for m in moves)
        if fq < f:
            p, f = np.array(q), fq
        else:
            step /= 2
    return p


@pytest.mark.parametrize("function", [phone_newton_from_depths, phone_compass, phone_nelder_mead, phone_lbfgsb,
                                      phone_budget_aware])
def test_depth_only_strategies_pass(function):
    result = check.find_phone(function)
    assert result, result.message


@pytest.mark.parametrize("function", [phone_gradient_descent, phone_backtracking, phone_newton_from_depths,
                                      phone_lbfgsb])
def test_gradient_strategies_pass(function):
    result = check.find_phone(function, gradient=True)
    assert result, result.message


def phone_from_centre(probes):
    p = np.array([3.0, 3.0])
    for _ in range(140):
        p = keep_in(probes, p - 0.05 * probes.gradient(*p))
    return p


def phone_grid_only(probes):
    return grid_best(probes, 15)


def phone_uphill(probes):
    p = grid_best(probes, 7)
    for _ in range(60):
        p = keep_in(probes, p + 0.05 * probes.gradient(*p))
    return p


def phone_swapped(probes):
    return phone_newton_from_depths(probes)[::-1]


def phone_depth(probes):
    p = phone_newton_from_depths(probes)
    return probes.depth(*p)


def phone_fine_grid(probes):
    return grid_best(probes, 60)


def phone_no_clip(probes):
    p = grid_best(probes, 7)
    for _ in range(60):
        p = p - 0.5 * probes.gradient(*p)
    return p


def phone_gradient_in_depth_round(probes):
    return phone_gradient_descent(probes)


def phone_cheat(probes):
    return probes.surface.minimum[0]


def phone_cheat_after_a_probe(probes):
    probes.depth(3.0, 3.0)
    return probes.surface.minimum[0]


def phone_cheat_budget(probes):
    probes.budget = None
    return grid_best(probes, 200)


def phone_cheat_kinds(probes):
    probes.kinds = ("depth", "gradient", "hessian")
    return phone_gradient_descent(probes)


def phone_cheat_counts(probes):
    best = None
    for x in np.linspace(0.0, 6.0, 301):
        for y in np.linspace(0.0, 6.0, 301):
            d = probes.depth(x, y)
            probes.counts["depth"] -= 1          # a copy: the checker's count is not changed
            best = min(best or (d, x, y), (d, x, y))
    return best[1:]


def phone_hessian_probe(probes):
    p = grid_best(probes)
    for _ in range(10):
        p = keep_in(probes, p - np.linalg.solve(probes.hessian(*p), probes.gradient(*p)))
    return p


def phone_last_probe(probes):
    xs = np.linspace(0.25, 5.75, 9)
    for x in xs:
        for y in xs:
            here = probes.depth(x, y)             # noqa: F841 (looks at each depth, keeps none)
    return x, y


def phone_early_stop(probes):
    p = grid_best(probes, 7)
    while True:
        g = probes.gradient(*p)
        p = keep_in(probes, p - 0.05 * g)
        if np.linalg.norm(g) < 1.0:
            return p


WRONG_PHONES = [
    (phone_from_centre, True, "local minimum"), (phone_grid_only, False, "one of its probes"),
    (phone_uphill, True, "climbs"), (phone_swapped, False, "swapped"), (phone_depth, False, "the depth there"),
    (phone_fine_grid, False, "used up all 250 probes"), (phone_no_clip, True, "outside the sandpit"),
    (phone_gradient_in_depth_round, False, "depth probes only"), (phone_cheat, False, "surface is hidden"),
    (phone_cheat_after_a_probe, False, "surface is hidden"), (phone_cheat_budget, False, "budget cannot be set"),
    (phone_cheat_kinds, False, "kinds cannot be set"), (phone_cheat_counts, False, "used up all 250 probes"),
    (phone_hessian_probe, True, "asked for a Hessian probe"), (phone_last_probe, False, "higher than its own probe"),
    (phone_early_stop, True, "stopping too early"),
    (lambda probes: None, False, "return statement"),
]


@pytest.mark.parametrize("function, gradient, words", WRONG_PHONES)
def test_wrong_strategies_are_named(function, gradient, words):
    result = check.find_phone(function, gradient=gradient)
    assert not result and words in result.message, result.message


def test_find_phone_rejects_a_non_bool_gradient():
    with pytest.raises(TypeError, match="gradient"):
        check.find_phone(phone_compass, gradient="yes")


def test_the_phone_sandpits_have_an_interior_minimum_and_a_trap():
    for which in partial_derivatives.PHONE_SANDPITS:
        surface = surfaces.sandpit(which)
        point, _ = surface.minimum
        assert 0.1 < point[0] < 5.9 and 0.1 < point[1] < 5.9
        assert np.linalg.norm(surface.grad(*point)) < 1e-8
    assert not check.find_phone(phone_from_centre, gradient=True)


def test_doctests():
    assert doctest.testmod(partial_derivatives).failed == 0


def _relative_classifier(t):
    def classify(H):
        det = H[0, 0] * H[1, 1] - H[0, 1] * H[1, 0]
        if abs(det) <= t * np.sum(H * H):
            return "degenerate"
        return "saddle" if det < 0 else ("minimum" if np.trace(H) > 0 else "maximum")
    return classify


@settings(max_examples=25, deadline=None)
@given(st.floats(-14, -8))
def test_any_relative_threshold_in_the_stated_range_passes(exponent):
    assert check.classify_stationary(_relative_classifier(10.0**exponent))


@settings(max_examples=15, deadline=None)
@given(st.floats(-6, -1))
def test_a_threshold_too_loose_for_the_nearly_flat_bowls_fails(exponent):
    assert not check.classify_stationary(_relative_classifier(10.0**exponent))


def test_the_hunt_probes_hide_the_surface_and_keep_their_count():
    probes = surfaces.SealedProbes(PHONE, budget=3, kinds=("depth",))
    assert probes.depth(3.0, 3.0) == PHONE(3.0, 3.0) and probes.total == 1 and probes.bounds == PHONE.bounds
    assert not hasattr(probes, "__dict__")
    public = [getattr(probes, name) for name in dir(probes) if not name.startswith("__")]
    assert not any(isinstance(v, (surfaces.Surface, surfaces.Probes)) for v in public)
    for name, value in [("budget", None), ("kinds", ("depth", "gradient")), ("total", 0), ("surface", PHONE)]:
        with pytest.raises(AttributeError):
            setattr(probes, name, value)
    probes.counts["depth"] = 0
    probes.points.clear()
    assert probes.total == 1 and probes.counts["depth"] == 1 and probes.points == [(3.0, 3.0)]
    with pytest.raises(ValueError, match="not allowed"):
        probes.gradient(1.0, 1.0)
    probes.depth(1.0, 1.0), probes.depth(2.0, 2.0)
    with pytest.raises(surfaces.OutOfProbes):
        probes.depth(4.0, 4.0)
