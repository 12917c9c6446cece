"""Sliders that work in a live kernel and on the static site.

A chapter writes one call::

    widgets.interact(draw, {"mu": Slider("mean μ (cm)", np.arange(160, 191, 5)),
                            "sigma": Slider("spread σ (cm)", np.arange(4, 13, 2))},
                     alt=lambda mu, sigma: f"Normal curve with μ = {mu} cm, σ = {sigma} cm",
                     caption="Move μ and σ until the curve hugs the histogram.")

``draw(**values)`` returns a matplotlib figure for one setting of the sliders.
In Jupyter, Binder or Colab the call shows ipywidgets sliders that redraw.
When the book is built, ``mmlbook.sphinxext`` sets ``MMLBOOK_STATIC=1`` in the
build process, the kernels inherit it, and the same call pre-renders one frame
per combination of slider values behind HTML range inputs; a small script
(``static/mmlbook-sliders.js``) swaps the frames, so the page needs no kernel and no
network. Frames are SVG for line plots and PNG for images (``fmt``).
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import html
import io
import itertools
import json
import multiprocessing
import os
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib as mpl
import matplotlib.mathtext
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import _tight_bbox
from matplotlib.backend_bases import _get_renderer
from matplotlib.transforms import Bbox

from ._validate import as_array, as_callable

#: More frames than this makes a page too heavy to load: coarsen a slider instead.
MAX_FRAMES = 400
STATIC_ENV = "MMLBOOK_STATIC"
PROCESSES_ENV = "MMLBOOK_FRAME_PROCESSES"
_COUNT = itertools.count()
_MIME = {"svg": "image/svg+xml", "png": "image/png"}


def _share_mathtext_cache() -> None:
    """Parse each math label once per process, not once per figure.

    matplotlib caches parsed mathtext per parser object, and every renderer
    (so every saved frame) makes a new parser: the cache never hits, and
    re-parsing the same labels was about a third of a frame's time. The
    result depends only on the parser's output type, so the cache is keyed on
    that instead.
    """
    parser = matplotlib.mathtext.MathTextParser
    parse = getattr(parser._parse_cached, "__wrapped__", None)
    if parse is None or getattr(parser._parse_cached, "_mmlbook_shared", False):
        return  # already shared, or a matplotlib whose cache works differently

    class _ByOutput:
        def __init__(self, owner):
            self.owner = owner

        def __hash__(self):
            return hash(self.owner._output_type)

        def __eq__(self, other):
            return self.owner._output_type == other.owner._output_type

    @functools.lru_cache(maxsize=4096)
    def shared(key, s, dpi, prop, antialiased, load_glyph_flags):
        return parse(key.owner, s, dpi, prop, antialiased, load_glyph_flags)

    def _parse_cached(self, s, dpi, prop, antialiased, load_glyph_flags):
        return shared(_ByOutput(self), s, dpi, prop, antialiased, load_glyph_flags)

    _parse_cached._mmlbook_shared = True
    parser._parse_cached = _parse_cached


_share_mathtext_cache()


@dataclass(frozen=True)
class Slider:
    """One slider: a label and the values it steps through.

    ``values`` are the exact values ``draw`` receives, in order; ``value`` is the
    starting one (default: the middle); ``fmt`` formats a value for display,
    unless ``labels`` gives the text shown for each value (e.g. "∞").

    >>> Slider("step k", np.arange(0, 5), value=0).value_labels()
    ['0', '1', '2', '3', '4']
    >>> Slider("p", [1, 2, 1000], labels=["1", "2", "∞"]).value_labels()[-1]
    '∞'
    """

    label: str
    values: Sequence[float] | np.ndarray
    value: float | None = None
    fmt: str = "{:g}"
    labels: Sequence[str] | None = None
    _values: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label.strip():
            raise TypeError("label must be a non-empty string")
        values = as_array("values", self.values, ndim=1)
        if len(values) < 2:
            raise ValueError(f"values must hold at least two values, got {len(values)}")
        if len(np.unique(values)) != len(values):
            raise ValueError("values must not repeat")
        if self.value is not None and not np.any(np.isclose(values, self.value)):
            raise ValueError(f"value {self.value!r} is not one of the slider's values")
        try:
            self.fmt.format(values[0])
        except (AttributeError, ValueError, IndexError, KeyError) as exc:
            raise ValueError(f"fmt {self.fmt!r} cannot format a number") from exc
        if self.labels is not None:
            if isinstance(self.labels, str) or not all(isinstance(t, str) for t in self.labels):
                raise TypeError("labels must be a list of strings, one per value")
            if len(self.labels) != len(values):
                raise ValueError(f"labels must hold one string per value: {len(values)} values, "
                                 f"{len(self.labels)} labels")
        if len(set(self._labels_of(values))) != len(values):
            raise ValueError("two values would be shown alike: give fmt more digits or distinct labels")
        # Integers stay integers so that draw() can use them as indices.
        whole = np.all(values == np.round(values)) and np.issubdtype(np.asarray(self.values).dtype, np.integer)
        object.__setattr__(self, "_values", tuple(int(v) if whole else float(v) for v in values))

    @property
    def start(self) -> int:
        """Index of the starting value."""
        if self.value is None:
            return (len(self._values) - 1) // 2
        return int(np.argmin(np.abs(np.asarray(self._values) - self.value)))

    def value_labels(self) -> list[str]:
        """The values as shown to the reader."""
        return self._labels_of(self._values)

    def _labels_of(self, values) -> list[str]:
        if self.labels is not None:
            return list(self.labels)
        return [self.fmt.format(v) for v in values]


def interact(draw: Callable[..., Any], sliders: Mapping[str, Slider], *,
             alt: str | Callable[..., str], caption: str | None = None,
             fmt: str = "svg", mode: str | None = None):
    """Show ``draw`` with one slider per entry of ``sliders``.

    Parameters
    ----------
    draw : callable
        ``draw(**values)`` returns a matplotlib ``Figure``; it receives one
        keyword argument per slider, named by the keys of ``sliders``.
    sliders : mapping of str to Slider
        The sliders, in display order.
    alt : str or callable
        Text alternative of a frame: a format string over the slider names
        (``"μ = {mu} cm"``) or a function of the slider values returning a str.
    caption : str, optional
        Shown under the figure; say what to move and what to notice.
    fmt : {"svg", "png"}
        Frame format: SVG for line plots, PNG for images and dense plots.
    mode : {"live", "static"}, optional
        Forces a mode; by default static when ``MMLBOOK_STATIC`` is set.

    Returns
    -------
    An object that displays itself: ipywidgets in live mode, HTML in static mode.

    Examples
    --------
    >>> def draw(a, b):
    ...     fig, ax = plotting.figure()
    ...     ax.plot([0, 1], [b, a + b])
    ...     return fig
    >>> interact(draw, {"a": Slider("slope", [0, 1, 2]), "b": Slider("intercept", [0, 1])},
    ...          alt="Line with slope {a} and intercept {b}")  # doctest: +SKIP
    """
    as_callable("draw", draw)
    if not isinstance(sliders, Mapping) or not sliders:
        raise TypeError("sliders must be a non-empty dict mapping names to Slider objects")
    for name, slider in sliders.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"slider name {name!r} must be a valid Python identifier")
        if not isinstance(slider, Slider):
            raise TypeError(f"sliders[{name!r}] must be a Slider, got {type(slider).__name__}")
    if not (isinstance(alt, str) or callable(alt)):
        raise TypeError("alt must be a format string or a function returning a string")
    if fmt not in _MIME:
        raise ValueError(f"fmt must be one of {sorted(_MIME)}, got {fmt!r}")
    if mode is None:
        mode = "static" if os.environ.get(STATIC_ENV) else "live"
    if mode not in ("live", "static"):
        raise ValueError(f"mode must be 'live' or 'static', got {mode!r}")
    render = _Renderer(draw, dict(sliders), alt, fmt)
    return StaticSliders(render, caption) if mode == "static" else _live(render, caption)


class _Layout:
    """Where the starting frame's layout put everything, to reuse for every other frame.

    Solving the constrained layout and the tight bounding box costs a whole
    extra draw per frame, and re-solving it for each frame makes the axes jitter
    as tick labels change. So the starting frame is saved exactly as before, its
    solution is recorded, and later frames whose figure has the same axes are
    placed the same way and cut to the same box (same size: the page does not
    jump either), grown where a frame draws outside it (a label above the
    axes, say), so nothing is cut off. A frame with other axes is laid out on
    its own.
    """

    def __init__(self, fig, bbox, fmt):
        self.positions = [ax.get_position(original=True).frozen() for ax in fig.axes]
        self.texts = {name: text.get_position() for name, text in _sup_texts(fig)}
        self.bbox, self.fmt = bbox, fmt
        # Measured here as for every later frame, so that the start frame itself fits exactly.
        self.slack = self._extent(fig)

    def _extent(self, fig):
        """How far the frame's ink reaches past the recorded box on each side (inches, + = beyond)."""
        with fig.canvas._switch_canvas_and_return_print_method(self.fmt) as print_method:
            renderer = _get_renderer(fig, print_method)
            ink = fig.get_tightbbox(renderer).padded(mpl.rcParams["savefig.pad_inches"])
        return np.array([self.bbox.x0 - ink.x0, self.bbox.y0 - ink.y0, ink.x1 - self.bbox.x1, ink.y1 - self.bbox.y1])

    def box(self, fig):
        """The recorded box, grown on any side where this frame reaches further than the start frame did."""
        grow = np.maximum(self._extent(fig) - self.slack, 0.0)
        if not np.any(grow > 0.5 / fig.dpi):  # half a pixel: rounding, not ink
            return self.bbox
        return Bbox.from_extents(self.bbox.x0 - grow[0], self.bbox.y0 - grow[1],
                                 self.bbox.x1 + grow[2], self.bbox.y1 + grow[3])

    def fits(self, fig) -> bool:
        return (len(fig.axes) == len(self.positions)
                and {name for name, _ in _sup_texts(fig)} == set(self.texts))

    def apply(self, fig) -> None:
        fig.set_layout_engine("none")
        for ax, position in zip(fig.axes, self.positions):
            ax._set_position(position)  # "original" and "active" both, as the layout engine does
        for name, text in _sup_texts(fig):
            text.set_position(self.texts[name])


def _sup_texts(fig):
    """The figure-level titles whose place the layout engine chooses."""
    for name in ("_suptitle", "_supxlabel", "_supylabel"):
        text = getattr(fig, name, None)
        if text is not None and getattr(text, "_autopos", False):
            yield name, text


@contextlib.contextmanager
def _record_tight_bbox():
    """Catch the box that ``savefig(bbox_inches="tight")`` computes, padding included."""
    seen = []
    adjust = _tight_bbox.adjust_bbox

    def recording(fig, bbox_inches, *args, **kwargs):
        seen.append(bbox_inches.frozen())
        return adjust(fig, bbox_inches, *args, **kwargs)

    _tight_bbox.adjust_bbox = recording
    try:
        yield seen
    finally:
        _tight_bbox.adjust_bbox = adjust


class _Renderer:
    """Turns one combination of slider values into image bytes and alt text."""

    def __init__(self, draw, sliders, alt, fmt):
        self.draw, self.sliders, self.alt, self.fmt = draw, sliders, alt, fmt
        self.layout: _Layout | None = None

    def values(self, indices: Sequence[int]) -> dict[str, Any]:
        return {name: s._values[i] for (name, s), i in zip(self.sliders.items(), indices)}

    def frame(self, indices: Sequence[int]) -> tuple[bytes, str]:
        values = self.values(indices)
        fig = self.draw(**values)
        if not isinstance(fig, plt.Figure):
            raise TypeError(f"draw must return a matplotlib Figure, got {type(fig).__name__}")
        buffer = io.BytesIO()
        # No date in the file, so a rebuilt frame is byte-identical.
        metadata = {"Date": None} if self.fmt == "svg" else {"Software": None}
        # A fixed salt replaces the random ids of SVG clip paths, for the same reason.
        with mpl.rc_context({"svg.hashsalt": "mmlbook"}):
            if self.layout is not None and self.layout.fits(fig):
                self.layout.apply(fig)
                fig.savefig(buffer, format=self.fmt, metadata=metadata, bbox_inches=self.layout.box(fig))
            else:
                with _record_tight_bbox() as boxes:
                    fig.savefig(buffer, format=self.fmt, metadata=metadata)
                # A rasterised artist in an SVG re-applies the same box: the first one is it.
                if self.layout is None and boxes:
                    self.layout = _Layout(fig, boxes[0], self.fmt)
        self.width_px = int(fig.get_size_inches()[0] * fig.dpi)
        plt.close(fig)
        text = self.alt(**values) if callable(self.alt) else self.alt.format(**values)
        if not isinstance(text, str) or not text.strip():
            raise TypeError("alt must produce a non-empty string")
        return buffer.getvalue(), text


def frame_processes() -> int:
    """How many processes render static frames: ``MMLBOOK_FRAME_PROCESSES``, else one per core.

    Processes are forked, so ``draw`` functions defined in a notebook work
    unchanged; where fork is not the safe default (macOS, Windows) frames are
    rendered in the kernel itself.
    """
    setting = os.environ.get(PROCESSES_ENV, "").strip()
    if setting:
        try:
            count = int(setting)
        except ValueError:
            raise ValueError(f"{PROCESSES_ENV} must be a whole number, got {setting!r}") from None
        if count < 1:
            raise ValueError(f"{PROCESSES_ENV} must be at least 1, got {count}")
        return count
    if sys.platform != "linux":
        return 1
    return len(os.sched_getaffinity(0))


#: The renderer forked workers draw with (fork copies it; a lambda would not pickle).
_ACTIVE: _Renderer | None = None


def _render_chunk(todo):
    # Warnings are carried back so that the kernel shows them as if it drew the frame.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frames = [_ACTIVE.frame(indices) for indices in todo]
    return frames, [(str(w.message), w.category) for w in caught]


def _render_all(render: _Renderer, todo: list, processes: int) -> list:
    """The frames for ``todo`` in order, drawn by ``processes`` forked copies of this process."""
    global _ACTIVE
    processes = min(processes, len(todo))
    if processes <= 1:
        return [render.frame(indices) for indices in todo]
    # Every k-th frame to worker k: the same split on every build, work spread evenly.
    chunks = [todo[k::processes] for k in range(processes)]
    _ACTIVE = render
    try:
        with multiprocessing.get_context("fork").Pool(processes, maxtasksperchild=1) as pool:
            results = pool.map(_render_chunk, chunks, chunksize=1)
    finally:
        _ACTIVE = None
    seen = set()
    for _, caught in results:
        for message, category in caught:
            if (message, category) not in seen:
                seen.add((message, category))
                warnings.warn(message, category, stacklevel=3)
    frames = [None] * len(todo)
    for k, (chunk_frames, _) in enumerate(results):
        frames[k::processes] = chunk_frames
    return frames


class StaticSliders:
    """Pre-rendered frames behind HTML range inputs (see ``static/mmlbook-sliders.js``)."""

    def __init__(self, render: _Renderer, caption: str | None):
        shape = [len(s._values) for s in render.sliders.values()]
        count = int(np.prod(shape))
        if count > MAX_FRAMES:
            raise ValueError(f"the sliders make {count} frames, more than {MAX_FRAMES}: "
                             "give a slider fewer values")
        self.render, self.caption, self.shape = render, caption, shape
        # Row-major order: the last slider varies fastest, as in the script.
        order = list(itertools.product(*map(range, shape)))
        # The starting frame first: its layout is the one every frame reuses.
        start = tuple(s.start for s in render.sliders.values())
        first = render.frame(start)
        rest = [idx for idx in order if idx != start]
        drawn = dict(zip(rest, _render_all(render, rest, frame_processes())))
        drawn[start] = first
        self.frames = [drawn[idx] for idx in order]

    def _repr_html_(self) -> str:
        mime = _MIME[self.render.fmt]
        frames = [{"src": f"data:{mime};base64,{base64.b64encode(data).decode()}", "alt": alt}
                  for data, alt in self.frames]
        # Content hash plus a per-kernel count: stable across rebuilds, unique on a page.
        uid = f"mmlbook-slider-{hashlib.sha1(json.dumps(frames).encode()).hexdigest()[:10]}-{next(_COUNT)}"
        start = [s.start for s in self.render.sliders.values()]
        first = frames[int(np.ravel_multi_index(start, self.shape))]
        controls = []
        for k, (slider, i) in enumerate(zip(self.render.sliders.values(), start)):
            labels = slider.value_labels()
            controls.append(
                f'<div class="mmlbook-slider-control">'
                f'<label for="{uid}-{k}">{html.escape(slider.label)}</label>'
                f'<input type="range" id="{uid}-{k}" min="0" max="{len(labels) - 1}" step="1" '
                f'value="{i}" aria-valuetext="{html.escape(labels[i])}" '
                f'data-labels="{html.escape(json.dumps(labels))}">'
                f'<output for="{uid}-{k}">{html.escape(labels[i])}</output></div>')
        caption = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        data = json.dumps({"shape": self.shape, "frames": frames}).replace("</", "<\\/")
        return (f'<div class="mmlbook-slider" id="{uid}">'
                f'<figure><img class="mmlbook-slider-frame" src="{first["src"]}" '
                f'alt="{html.escape(first["alt"])}">{caption}</figure>'
                f'<div class="mmlbook-slider-controls">{"".join(controls)}</div>'
                f'<script type="application/json" class="mmlbook-slider-data">{data}</script></div>')

    def __repr__(self) -> str:
        names = ", ".join(s.label for s in self.render.sliders.values())
        return f"<{len(self.frames)} pre-rendered frames over {names}>"


def _live(render: _Renderer, caption: str | None):
    """Real ipywidgets sliders that redraw an image in a live kernel."""
    import ipywidgets as w

    controls = [w.SelectionSlider(options=list(zip(s.value_labels(), range(len(s._values)))),
                                  value=s.start, description=s.label,
                                  style={"description_width": "initial"},
                                  layout=w.Layout(width="420px"))
                for s in render.sliders.values()]
    data, text = render.frame([c.value for c in controls])
    # At the figure's own size: an SVG would otherwise stretch to the notebook's width.
    image = w.Image(value=data, format="svg+xml" if render.fmt == "svg" else "png",
                    layout=w.Layout(width=f"{render.width_px}px", max_width="100%"))
    description = w.HTML(f"<small>{html.escape(text)}</small>")

    def redraw(_change=None):
        # Fresh bytes into one Image widget: no Output widget and no display() of
        # figures, the two redraw paths that broke in JupyterLab (toolchain notes).
        image.value, alt = render.frame([c.value for c in controls])
        description.value = f"<small>{html.escape(alt)}</small>"

    for control in controls:
        control.observe(redraw, names="value")
    parts = [image, description, *controls]
    if caption:
        parts.insert(2, w.HTML(f"<em>{html.escape(caption)}</em>"))
    box = w.VBox(parts)
    box.redraw = redraw  # lets tests drive a redraw without a frontend
    return box
