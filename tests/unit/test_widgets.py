"""mmlbook.widgets: one call gives live sliders in a kernel and static frames on the site."""

import base64
import json
import re
import warnings

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mmlbook import plotting, sphinxext, widgets
from mmlbook.widgets import Slider


def draw_line(a, b):
    fig, ax = plotting.figure(width=3, height=2)
    ax.plot([0, 1], [b, a + b])
    ax.set_ylim(-5, 10)
    return fig


SLIDERS = {"a": Slider("slope a", [0, 1, 2]), "b": Slider("intercept b", [-1.0, 0.5], value=0.5)}


def static_html(**kwargs):
    args = {"alt": "slope {a}, intercept {b}", "caption": "Move a & b", "mode": "static"} | kwargs
    return widgets.interact(draw_line, SLIDERS, **args)._repr_html_()


def frame_data(html_text):
    return json.loads(re.search(r'class="mmlbook-slider-data">(.*?)</script>', html_text).group(1))


# Slider ---------------------------------------------------------------------

def test_slider_starts_in_the_middle_unless_told():
    assert Slider("k", [1, 2, 3, 4]).start == 1
    assert Slider("k", [1, 2, 3, 4], value=4).start == 3


def test_labels_replace_the_formatted_values():
    slider = Slider("p", [1, 2, 1000], labels=["1", "2", "∞"], value=1000)
    assert slider.value_labels() == ["1", "2", "∞"] and slider.start == 2
    html_text = widgets.interact(lambda p: draw_line(p, 0), {"p": slider}, alt="p = {p}", mode="static")._repr_html_()
    assert "<output for=" in html_text and ">∞</output>" in html_text


def test_integer_values_stay_integers():
    assert Slider("index", np.arange(3))._values == (0, 1, 2)
    assert all(isinstance(v, int) for v in Slider("index", np.arange(3))._values)
    assert Slider("x", [0.0, 1.0])._values == (0.0, 1.0)


@pytest.mark.parametrize("kwargs, error, words", [
    ({"label": "", "values": [1, 2]}, TypeError, "label"),
    ({"label": 3, "values": [1, 2]}, TypeError, "label"),
    ({"label": "k", "values": [1]}, ValueError, "at least two"),
    ({"label": "k", "values": []}, ValueError, "values"),
    ({"label": "k", "values": [[1, 2], [3, 4]]}, ValueError, "dimension"),
    ({"label": "k", "values": [1, np.nan]}, ValueError, "finite"),
    ({"label": "k", "values": [1, np.inf]}, ValueError, "finite"),
    ({"label": "k", "values": "12"}, TypeError, "values"),
    ({"label": "k", "values": [1, 1, 2]}, ValueError, "repeat"),
    ({"label": "k", "values": [1, 2], "value": 3}, ValueError, "not one of"),
    ({"label": "k", "values": [1.1, 1.2], "fmt": "{:.0f}"}, ValueError, "alike"),
    ({"label": "k", "values": [1, 2], "labels": ["a"]}, ValueError, "one string per value"),
    ({"label": "k", "values": [1, 2], "labels": ["a", "a"]}, ValueError, "alike"),
    ({"label": "k", "values": [1, 2], "labels": "ab"}, TypeError, "labels"),
    ({"label": "k", "values": [1, 2], "labels": [1, 2]}, TypeError, "labels"),
    ({"label": "k", "values": [1, 2], "fmt": "{:q}"}, ValueError, "fmt"),
])
def test_slider_rejects_bad_arguments(kwargs, error, words):
    with pytest.raises(error, match=words):
        Slider(**kwargs)


@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=30, unique=True))
def test_slider_start_and_labels_fit_any_values(values):
    slider = Slider("x", values, fmt="{!r}")
    assert 0 <= slider.start < len(values)
    assert len(slider.value_labels()) == len(values)


# interact: argument checks ---------------------------------------------------

@pytest.mark.parametrize("args, kwargs, error, words", [
    (("not callable", SLIDERS), {"alt": "x"}, TypeError, "draw"),
    ((draw_line, {}), {"alt": "x"}, TypeError, "sliders"),
    ((draw_line, [("a", SLIDERS["a"])]), {"alt": "x"}, TypeError, "sliders"),
    ((draw_line, {"a": (0, 1)}), {"alt": "x"}, TypeError, "Slider"),
    ((draw_line, {"not a name": SLIDERS["a"]}), {"alt": "x"}, ValueError, "identifier"),
    ((draw_line, SLIDERS), {"alt": 3}, TypeError, "alt"),
    ((draw_line, SLIDERS), {"alt": "x", "fmt": "gif"}, ValueError, "fmt"),
    ((draw_line, SLIDERS), {"alt": "x", "mode": "print"}, ValueError, "mode"),
])
def test_interact_rejects_bad_arguments(args, kwargs, error, words):
    with pytest.raises(error, match=words):
        widgets.interact(*args, **kwargs)


def test_draw_must_return_a_figure():
    with pytest.raises(TypeError, match="Figure"):
        widgets.interact(lambda a: None, {"a": Slider("a", [0, 1])}, alt="x", mode="static")


def test_alt_must_not_be_empty():
    with pytest.raises(TypeError, match="alt"):
        widgets.interact(draw_line, SLIDERS, alt=lambda a, b: "", mode="static")


def test_too_many_frames_is_refused_before_drawing():
    calls = []
    many = {"a": Slider("a", np.arange(30)), "b": Slider("b", np.arange(30))}
    with pytest.raises(ValueError, match="900 frames"):
        widgets.interact(lambda a, b: calls.append(1), many, alt="x", mode="static")
    assert not calls


# Static mode ----------------------------------------------------------------

def test_static_mode_renders_every_combination_in_row_major_order():
    data = frame_data(static_html())
    assert data["shape"] == [3, 2]
    alts = [frame["alt"] for frame in data["frames"]]
    assert alts == [f"slope {a}, intercept {b}" for a in (0, 1, 2) for b in (-1.0, 0.5)]
    sources = [frame["src"] for frame in data["frames"]]
    assert len(set(sources)) == 6, "every combination draws a different figure"
    assert all(src.startswith("data:image/svg+xml;base64,") for src in sources)


def test_static_html_is_labelled_and_starts_at_the_start_values():
    text = static_html()
    inputs = re.findall(r'<input type="range" id="([^"]+)" min="0" max="(\d+)" step="1" value="(\d+)"', text)
    assert [(mx, v) for _, mx, v in inputs] == [("2", "1"), ("1", "1")]
    for input_id, _, _ in inputs:
        assert f'<label for="{input_id}">' in text and f'<output for="{input_id}">' in text
    assert 'alt="slope 1, intercept 0.5"' in text
    assert "<figcaption>Move a &amp; b</figcaption>" in text


def test_static_html_is_deterministic_and_has_no_widget_state():
    first, second = static_html(), static_html()
    assert frame_data(first) == frame_data(second), "frames are byte-for-byte the same"
    ids = [re.search(r'class="mmlbook-slider" id="([^"]+)"', text).group(1) for text in (first, second)]
    assert ids[0] != ids[1], "two identical sliders on one page still get their own ids"
    assert "widget-view" not in first and "require" not in first


def test_png_frames_and_alt_functions():
    text = static_html(fmt="png", alt=lambda a, b: f"line through (0, {b}) and (1, {a + b})")
    data = frame_data(text)
    assert data["frames"][0]["src"].startswith("data:image/png;base64,")
    assert data["frames"][-1]["alt"] == "line through (0, 0.5) and (1, 2.5)"


def test_static_mode_follows_the_environment(monkeypatch):
    monkeypatch.setenv(widgets.STATIC_ENV, "1")
    assert isinstance(widgets.interact(draw_line, SLIDERS, alt="x"), widgets.StaticSliders)
    monkeypatch.delenv(widgets.STATIC_ENV)
    assert isinstance(widgets.interact(draw_line, SLIDERS, alt="x"), ipywidgets.VBox)


def test_frames_close_their_figures():
    before = len(plt.get_fignums())
    static_html()
    assert len(plt.get_fignums()) == before


def draw_tick_labels(a, b):
    """A figure whose y tick labels widen with a: a re-solved layout would move the axes."""
    fig, ax = plotting.figure(width=3, height=2)
    ax.plot([0, 1], [b, 10.0 ** a])
    ax.set_ylabel("$y$ (units)")
    ax.set_title(r"$\mathbf{a} = %d$" % a)
    return fig


WIDE = {"a": Slider("a", [0, 3, 6]), "b": Slider("b", [0.0, 1.0])}


@pytest.fixture
def book_style():
    """The chapters' style, whose tight bounding box is what the layout reuse is about."""
    with plt.rc_context(plotting.STYLE):
        yield


def svg_size(data: bytes) -> tuple[str, str]:
    return re.search(rb'<svg[^>]* width="([^"]+)" height="([^"]+)"', data).groups()


def test_every_frame_reuses_the_starting_frames_layout(monkeypatch, book_style):
    monkeypatch.setenv(widgets.PROCESSES_ENV, "1")
    shown = widgets.interact(draw_tick_labels, WIDE, alt="a = {a}", mode="static")
    sizes = [tuple(float(v.rstrip(b"pt")) for v in svg_size(data)) for data, _ in shown.frames]
    start_size = sizes[int(np.ravel_multi_index([1, 0], shown.shape))]
    assert len({h for _, h in sizes}) == 1, "the axes stay put: one height for every frame"
    # Frames whose tick labels are no wider keep the start's box; wider ones (a = 6) would be
    # cut off, so their box grows to the left, never shrinks.
    assert all(w >= start_size[0] for w, _ in sizes) and sizes.count(start_size) > 1
    assert max(w for w, _ in sizes) > start_size[0]
    start = shown.frames[int(np.ravel_multi_index([1, 0], shown.shape))][0]
    # The starting frame is saved exactly as a plain savefig with a tight box saves it.
    fig = draw_tick_labels(3, 0.0)
    buffer = __import__("io").BytesIO()
    with plt.rc_context({"svg.hashsalt": "mmlbook"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    assert start == buffer.getvalue()


def test_a_frame_that_draws_outside_the_box_gets_a_bigger_one(monkeypatch, book_style):
    monkeypatch.setenv(widgets.PROCESSES_ENV, "1")

    def draw(height, b):
        fig = draw_line(1, b)
        # A label above the axes, clip_on=False: the higher, the further past the start frame's box.
        fig.axes[0].text(0.5, height, "a label above the axes", clip_on=False)
        return fig

    shown = widgets.interact(draw, {"height": Slider("h", [10.0, 14.0, 18.0], value=10.0),
                                    "b": Slider("b", [0.0, 1.0])}, alt="{height}", mode="static")
    heights = [float(svg_size(data)[1].rstrip(b"pt")) for data, _ in shown.frames[::2]]
    assert heights[0] < heights[1] < heights[2], f"nothing is cut off: the box grows with the label, {heights}"


def test_a_frame_with_other_axes_is_laid_out_on_its_own(monkeypatch, book_style):
    monkeypatch.setenv(widgets.PROCESSES_ENV, "1")

    def draw(n):
        fig, _ = plotting.figure(n, width=2 * n, height=2)
        return fig

    shown = widgets.interact(draw, {"n": Slider("panels", [1, 2, 3], value=1)}, alt="{n}", mode="static")
    widths = [float(svg_size(data)[0].rstrip(b"pt")) for data, _ in shown.frames]
    assert widths[0] < widths[1] < widths[2], "each panel count gets its own layout and box"


def test_forked_workers_draw_the_same_bytes_as_one_process(monkeypatch, book_style):
    monkeypatch.setenv(widgets.PROCESSES_ENV, "1")
    serial = widgets.interact(draw_tick_labels, WIDE, alt="a = {a}, b = {b}", mode="static").frames
    monkeypatch.setenv(widgets.PROCESSES_ENV, "3")
    forked = widgets.interact(draw_tick_labels, WIDE, alt="a = {a}, b = {b}", mode="static").frames
    assert forked == serial


def test_warnings_in_forked_workers_reach_the_caller(monkeypatch):
    monkeypatch.setenv(widgets.PROCESSES_ENV, "2")

    def draw(a, b):
        if a != 1:
            warnings.warn(f"frame a={a} is odd", UserWarning)
        return draw_line(a, b)

    with pytest.warns(UserWarning) as caught:
        widgets.interact(draw, SLIDERS, alt="x", mode="static")
    # Each frame's warning once (a = 0 and a = 2 each draw two frames in the workers).
    assert sorted(str(w.message) for w in caught) == ["frame a=0 is odd", "frame a=2 is odd"]


def test_errors_in_forked_workers_reach_the_caller(monkeypatch):
    monkeypatch.setenv(widgets.PROCESSES_ENV, "2")

    def draw(a, b):
        if a == 2:
            raise ZeroDivisionError("a deliberate mistake in draw")
        return draw_line(a, b)

    with pytest.raises(ZeroDivisionError, match="deliberate"):
        widgets.interact(draw, SLIDERS, alt="x", mode="static")


@pytest.mark.parametrize("setting, words", [("zero", "whole number"), ("0", "at least 1"), ("-2", "at least 1")])
def test_frame_processes_setting_is_checked(monkeypatch, setting, words):
    monkeypatch.setenv(widgets.PROCESSES_ENV, setting)
    with pytest.raises(ValueError, match=words):
        widgets.frame_processes()


def test_mathtext_is_parsed_once_per_process():
    from matplotlib import mathtext

    parse = mathtext.MathTextParser._parse_cached
    assert getattr(parse, "_mmlbook_shared", False)
    first = mathtext.MathTextParser("path").parse(r"$\sigma_{12}$", 72)
    second = mathtext.MathTextParser("path").parse(r"$\sigma_{12}$", 72)
    assert first is second, "a new parser object (a new renderer) reuses the parse"
    assert mathtext.MathTextParser("agg").parse(r"$\sigma_{12}$", 72) is not first


# Live mode ------------------------------------------------------------------

def test_live_mode_redraws_when_a_slider_moves():
    box = widgets.interact(draw_line, SLIDERS, alt="slope {a}, intercept {b}", caption="c", mode="live")
    image = next(child for child in box.children if isinstance(child, ipywidgets.Image))
    controls = [child for child in box.children if isinstance(child, ipywidgets.SelectionSlider)]
    assert [c.description for c in controls] == ["slope a", "intercept b"]
    assert [c.value for c in controls] == [1, 1]
    before = image.value
    controls[0].value = 2
    assert image.value != before
    assert "slope 2, intercept 0.5" in box.children[1].value


# The build step that moves frames into files ---------------------------------

def test_externalise_frames_writes_each_frame_once(tmp_path):
    page = tmp_path / "book" / "part" / "chapter.html"
    page.parent.mkdir(parents=True)
    other = '<img src="data:image/png;base64,AAAA">'
    page.write_text(f"<html>{other}{static_html()}{static_html()}</html>")
    written = sphinxext.externalise_frames(page, tmp_path)
    assert written == 6, "identical frames are stored once"
    text = page.read_text()
    assert other in text, "images outside sliders stay inline"
    sources = [f["src"] for f in frame_data(text)["frames"]]
    assert all(src.startswith("../../_images/sliders/") and src.endswith(".svg") for src in sources)
    for src in sources:
        saved = (page.parent / src).resolve()
        assert saved.read_bytes().startswith(b"<?xml")
    first = re.search(r'class="mmlbook-slider-frame" src="([^"]+)"', text).group(1)
    assert first in sources


def test_externalised_frames_keep_their_bytes(tmp_path):
    html_text = static_html()
    inline = [base64.b64decode(f["src"].split(",", 1)[1]) for f in frame_data(html_text)["frames"]]
    page = tmp_path / "page.html"
    page.write_text(html_text)
    sphinxext.externalise_frames(page, tmp_path)
    saved = [(tmp_path / f["src"]).read_bytes() for f in frame_data(page.read_text())["frames"]]
    assert saved == inline
