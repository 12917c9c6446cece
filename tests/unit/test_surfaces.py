"""Tests for mmlbook.surfaces: exact derivatives against SymPy, minima, the probe counter, bad input."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from scipy import optimize
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlbook import surfaces

x, y = sp.symbols("x y", real=True)

# The named surfaces written independently in SymPy (sinc via sin(t)/t, rotated coordinates spelled out).
_u = sp.cos(0.5) * (x - 3.4) + sp.sin(0.5) * (y - 2.6)
_v = -sp.sin(0.5) * (x - 3.4) + sp.cos(0.5) * (y - 2.6)
SYMPY = {
    "phone": (x - 4.1) ** 2 + (y - 0.9) ** 2 - 30 * sp.exp(-((x - 1.5) ** 2 + (y - 3.7) ** 2) / 2.8),
    "ripples": -8 * sp.sin(2.2 * _u) / (2.2 * _u) * sp.sin(1.6 * _v) / (1.6 * _v) + 0.15 * (_u ** 2 + _v ** 2),
    "valley": (x - 3) ** 2 + 25 * (y - 3) ** 2,
    "course": x ** 4 + 0.8 * y ** 4 + 4 * x ** 2 + 2 * y ** 2 - x * y - 0.2 * x ** 2 * y,
}


@pytest.mark.parametrize("name", surfaces.NAMES)
def test_named_surfaces_match_sympy(name):
    expr = SYMPY[name]
    f = sp.lambdify((x, y), expr, "numpy")
    g = sp.lambdify((x, y), [sp.diff(expr, x), sp.diff(expr, y)], "numpy")
    h = sp.lambdify((x, y), sp.hessian(expr, (x, y)).tolist(), "numpy")
    s = surfaces.sandpit(name)
    rng = np.random.default_rng(3)
    x0, x1, y0, y1 = s.bounds
    for px, py in zip(rng.uniform(x0, x1, 40), rng.uniform(y0, y1, 40)):
        assert s(px, py) == pytest.approx(f(px, py), rel=1e-12, abs=1e-12)
        np.testing.assert_allclose(s.grad(px, py), g(px, py), rtol=1e-10, atol=1e-10)
        np.testing.assert_allclose(s.hess(px, py), np.array(h(px, py), dtype=float), rtol=1e-9, atol=1e-9)


def test_sinc_is_smooth_through_zero():
    s = surfaces.sandpit("ripples")
    # At the centre u = v = 0 the series branch is used; just off it, the closed form.
    centre, near = s.hess(3.4, 2.6), s.hess(3.4 + 1.1e-3 / 2.2, 2.6)
    np.testing.assert_allclose(centre, near, rtol=1e-3)
    np.testing.assert_allclose(s.grad(3.4, 2.6), [0.0, 0.0], atol=1e-15)


@pytest.mark.parametrize("which", [*surfaces.NAMES, 0, 5, 11])
def test_minimum_is_the_lowest_point_and_stationary(which):
    s = surfaces.sandpit(which)
    point, value = s.minimum
    _, _, Z = s.grid(301)
    assert value <= Z.min() + 1e-12 * max(1.0, abs(value))
    assert s.contains(*point)
    if s.contains(*point) and np.all(np.abs(point - np.array(s.bounds)[[0, 2]]) > 1e-9):
        assert np.linalg.norm(s.grad(*point)) < 1e-8 * max(1.0, abs(value))
        assert surfaces.stationary_type(s.hess(*point)) == "minimum"


def test_phone_has_one_minimum():
    s = surfaces.sandpit("phone")
    point, value = s.minimum
    np.testing.assert_allclose(point, [1.7304, 3.4519], atol=1e-4)
    assert value == pytest.approx(-16.6693, abs=1e-4)
    # The docstring says the dip's tail leaves the bowl no minimum of its own: every descent ends at the phone.
    starts = [(a, b) for a in np.linspace(0.5, 5.5, 5) for b in np.linspace(0.5, 5.5, 5)]
    ends = [optimize.minimize(lambda p: s(*p), start, jac=lambda p: s.grad(*p), bounds=[(0, 6), (0, 6)]).x
            for start in starts]
    assert max(np.linalg.norm(end - point) for end in ends) < 1e-4


def test_random_sandpits_are_reproducible_and_different():
    a, b, c = surfaces.sandpit(4), surfaces.sandpit(4), surfaces.sandpit(5)
    assert a(2.0, 3.0) == b(2.0, 3.0)
    assert a(2.0, 3.0) != c(2.0, 3.0)
    assert surfaces.sandpit(4, dips=1)(2.0, 3.0) != a(2.0, 3.0)


@pytest.mark.parametrize("H, kind", [
    ([[2, 0], [0, 3]], "minimum"), ([[-2, 1], [1, -3]], "maximum"), ([[2, 0], [0, -3]], "saddle"),
    ([[1, 1], [1, 1]], "degenerate"), ([[0, 0], [0, 0]], "degenerate"),
])
@pytest.mark.parametrize("scale", [1e-8, 1.0, 1e8])
def test_stationary_type_is_scale_free(H, kind, scale):
    assert surfaces.stationary_type(scale * np.array(H, dtype=float)) == kind


@settings(max_examples=40, deadline=None)
@given(st.floats(-1e3, 1e3), st.floats(-1e3, 1e3), st.floats(-1e3, 1e3),
       st.sampled_from([1e-8, 1.0, 1e8]))
def test_stationary_type_property(a, b, d, c):
    H = np.array([[a, b], [b, d]])
    assert surfaces.stationary_type(H) == surfaces.stationary_type(c * H)


def test_probes_count_and_refuse_outside():
    p = surfaces.Probes(surfaces.sandpit("phone"))
    p.depth(1.0, 2.0)
    p.gradient(1.0, 2.0)
    p.gradient(3, 4)
    p.hessian(np.float32(1.5), 2.5)
    assert p.counts == {"depth": 1, "gradient": 2, "hessian": 1} and p.total == 4
    assert p.points[2] == (3.0, 4.0)
    with pytest.raises(ValueError, match="outside the sandpit"):
        p.depth(7.0, 1.0)
    assert p.total == 4


def test_vectorised_shapes():
    s = surfaces.sandpit("phone")
    X, Y, Z = s.grid(11)
    assert Z.shape == (11, 11)
    assert s.grad(X, Y).shape == (11, 11, 2)
    assert s.hess(X, 1.0).shape == (11, 11, 2, 2)
    assert isinstance(s(1.0, 2.0), float)


@pytest.mark.parametrize("call, error, match", [
    (lambda: surfaces.sandpit("lost"), ValueError, "which must be one of"),
    (lambda: surfaces.sandpit(2.5), TypeError, "which must be"),
    (lambda: surfaces.sandpit(-1), ValueError, "seed"),
    (lambda: surfaces.sandpit(1, dips=0), ValueError, "dips"),
    (lambda: surfaces.sandpit("phone")(np.nan, 1.0), ValueError, "x must contain only finite"),
    (lambda: surfaces.sandpit("phone").grad([1, 2], [1, 2, 3]), ValueError, "broadcast"),
    (lambda: surfaces.sandpit("phone")("a", 1.0), TypeError, "x must be"),
    (lambda: surfaces.Probes("phone"), TypeError, "surface must be a Surface"),
    (lambda: surfaces.Probes(surfaces.sandpit()).depth("1", 2), TypeError, "x must be a number"),
    (lambda: surfaces.stationary_type([[1, 2], [0, 1]]), ValueError, "symmetric"),
    (lambda: surfaces.stationary_type([1, 2]), ValueError, "H must have shape"),
    (lambda: surfaces.sandpit("valley").scaled(height=0), ValueError, "height must be > 0"),
    (lambda: surfaces.sandpit("valley").scaled(length=np.inf), ValueError, "length must be finite"),
    (lambda: surfaces.sandpit("valley").scaled(height="2"), TypeError, "height must be a number"),
    (lambda: surfaces.stationary_points("valley"), TypeError, "surface must be a Surface"),
    (lambda: surfaces.stationary_points(surfaces.sandpit("valley"), n=2), ValueError, "n must be >= 3"),
])
def test_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_probes_budget_and_kinds():
    p = surfaces.Probes(surfaces.sandpit("phone"), budget=3, kinds=("depth", "gradient"))
    p.depth(1.0, 1.0)
    p.gradient(2.0, 2.0)
    with pytest.raises(ValueError, match="hessian probes are not allowed"):
        p.hessian(1.0, 1.0)
    p.depth(3.0, 3.0)
    with pytest.raises(surfaces.OutOfProbes, match="budget is 3"):
        p.depth(4.0, 4.0)
    assert p.total == 3 and len(p.points) == 3


@pytest.mark.parametrize("kwargs, error, match", [
    ({"budget": 0}, ValueError, "budget"),
    ({"budget": 2.5}, TypeError, "budget"),
    ({"kinds": "depth"}, TypeError, "kinds"),
    ({"kinds": ("depth", "slope")}, ValueError, "kinds"),
    ({"kinds": ()}, ValueError, "kinds"),
])
def test_probes_bad_options(kwargs, error, match):
    with pytest.raises(error, match=match):
        surfaces.Probes(surfaces.sandpit("phone"), **kwargs)


def test_game_counts_readings_and_finds_the_phone(capsys):
    s = surfaces.sandpit(2)
    game = surfaces.Game(s, gradient=True, radius=0.05)
    depth, g = game.probe(3.0, 3.0)
    assert depth == s(3.0, 3.0) and np.array_equal(g, s.grad(3.0, 3.0))
    assert game.probes.counts == {"depth": 1, "gradient": 1, "hessian": 0}
    assert "probe 1 at (3, 3)" in capsys.readouterr().out
    far = game.guess(3.0, 3.0)
    assert not game.found and far == pytest.approx(np.linalg.norm(s.minimum[0] - [3, 3]))
    assert game.guess(*(s.minimum[0] + [0.03, 0.0])) == pytest.approx(0.03) and game.found
    assert "found the phone" in capsys.readouterr().out
    fig = game.figure(reveal=True)
    assert "1 probes" in fig.axes[0].get_title()


@pytest.mark.parametrize("call, error, match", [
    (lambda: surfaces.Game("phone"), TypeError, "surface must be a Surface"),
    (lambda: surfaces.Game(surfaces.sandpit(), gradient=1), TypeError, "gradient"),
    (lambda: surfaces.Game(surfaces.sandpit(), radius=0), ValueError, "radius"),
    (lambda: surfaces.Game(surfaces.sandpit()).guess("a", 1), TypeError, "x must be a number"),
])
def test_game_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_game_play_drives_probes_and_digs(monkeypatch):
    monkeypatch.delenv("MMLBOOK_STATIC", raising=False)
    s = surfaces.sandpit(3)
    game = surfaces.Game(s)
    box = game.play()
    controls = box.controls
    controls["x"].value, controls["y"].value = 2.0, 3.0
    controls["probe"].click()
    assert game.probes.counts["depth"] == 1 and "probe 1 at (2, 3)" in controls["status"].value
    controls["x"].value, controls["y"].value = (float(c) for c in s.minimum[0])
    controls["dig"].click()
    assert game.found and "found the phone" in controls["status"].value
    controls["reveal"].value = True
    assert box.children[-1].value[:4] == b"\x89PNG"


def test_game_play_is_a_note_on_the_static_site(monkeypatch):
    monkeypatch.setenv("MMLBOOK_STATIC", "1")
    note = surfaces.Game(surfaces.sandpit()).play()
    assert "live notebook" in note._repr_html_() and "live notebook" in repr(note)


# --- Surface.scaled and stationary_points ---------------------------------------------------


@pytest.mark.parametrize("c, L", [(1e6, 1.0), (1e-6, 1.0), (1.0, 1e-3), (1e-6, 1e6), (3.0, 2.0)])
def test_scaled_surface_chain_rule(c, L):
    s = surfaces.sandpit(4)
    t = s.scaled(height=c, length=L)
    assert t.bounds == tuple(L * b for b in s.bounds)
    for px, py in [(1.0, 2.0), (4.5, 0.5), (3.3, 5.9)]:
        assert t(L * px, L * py) == pytest.approx(c * s(px, py), rel=1e-12)
        np.testing.assert_allclose(t.grad(L * px, L * py), c / L * s.grad(px, py), rtol=1e-12)
        np.testing.assert_allclose(t.hess(L * px, L * py), c / L**2 * s.hess(px, py), rtol=1e-12)
    # The gradient is that of the scaled heights: a central difference agrees.
    h = 1e-6 * L
    fd = (t(L * 2 + h, L * 3.0) - t(L * 2 - h, L * 3.0)) / (2 * h)
    assert fd == pytest.approx(t.grad(L * 2.0, L * 3.0)[0], rel=1e-6)


def test_phone_has_one_minimum_in_the_sandpit():
    found = surfaces.stationary_points(surfaces.sandpit("phone"))
    assert [p.kind for p in found] == ["minimum"]
    np.testing.assert_allclose(found[0].point, surfaces.sandpit("phone").minimum[0], atol=1e-9)


@pytest.mark.parametrize("which", ["phone", "ripples", "valley", "course", 0, 4, 8])
def test_stationary_points_are_stationary_and_classified(which):
    s = surfaces.sandpit(which)
    found = surfaces.stationary_points(s)
    assert found and found[0].kind == "minimum"
    np.testing.assert_allclose(found[0].point, s.minimum[0], atol=1e-8)   # the lowest minimum comes first
    for p in found:
        assert s.contains(*p.point)
        assert np.linalg.norm(s.grad(*p.point)) < 1e-7
        assert p.kind == surfaces.stationary_type(s.hess(*p.point))
        assert p.height == pytest.approx(s(*p.point), rel=1e-12, abs=1e-12)
    points = np.array([p.point for p in found])
    gaps = np.linalg.norm(points[:, None] - points[None], axis=-1) + np.eye(len(found)) * 1e9
    assert gaps.min() > 1e-3


def test_stationary_points_of_named_surfaces():
    kinds = lambda which: [p.kind for p in surfaces.stationary_points(surfaces.sandpit(which))]
    assert kinds("valley") == ["minimum"] and kinds("course") == ["minimum"]
    assert kinds(0) == ["minimum", "minimum", "saddle"]
    ripples = kinds("ripples")
    assert ripples.count("minimum") == 2 and "saddle" in ripples and "maximum" in ripples


@settings(max_examples=8, deadline=None)
@given(st.sampled_from([0, 4, 8, "ripples"]), st.sampled_from([1e-8, 1.0, 1e8]), st.sampled_from([1e-6, 1.0, 1e6]))
def test_stationary_points_are_scale_free(which, c, L):
    s = surfaces.sandpit(which)
    base = surfaces.stationary_points(s)
    scaled = surfaces.stationary_points(s.scaled(height=c, length=L))
    assert [p.kind for p in scaled] == [p.kind for p in base]
    np.testing.assert_allclose([p.point for p in scaled], [L * p.point for p in base], rtol=1e-9, atol=1e-12 * L)


def test_sealed_probes_answer_count_and_keep_their_record_apart():
    sealed = surfaces.SealedProbes(surfaces.sandpit("phone"), budget=2, kinds=("depth", "hessian"))
    assert sealed.depth(1.0, 1.0) == surfaces.sandpit("phone")(1.0, 1.0)
    with pytest.raises(ValueError, match="gradient probes are not allowed"):
        sealed.gradient(1.0, 1.0)
    assert sealed.hessian(2.0, 2.0).shape == (2, 2)
    with pytest.raises(surfaces.OutOfProbes):
        sealed.depth(3.0, 3.0)
    record = surfaces.ledger(sealed)
    assert (sealed.total, sealed.attempts, record.over_budget) == (2, 4, 1)
    assert sealed.counts == {"depth": 1, "gradient": 0, "hessian": 1} and sealed.kinds == ("depth", "hessian")
    with pytest.raises(AttributeError, match="surface is hidden"):
        sealed.surface
    with pytest.raises(AttributeError, match="cannot be set"):
        sealed.budget = None
    with pytest.raises(TypeError, match="probes must be SealedProbes"):
        surfaces.ledger(surfaces.Probes(surfaces.sandpit()))


def test_ripples_has_the_stationary_points_its_docstring_counts():
    kinds = [p.kind for p in surfaces.stationary_points(surfaces.sandpit("ripples"))]
    assert (kinds.count("minimum"), kinds.count("maximum"), kinds.count("saddle")) == (2, 3, 4)
