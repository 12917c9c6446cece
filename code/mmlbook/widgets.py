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
import hashlib
import html
import io
import itertools
import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from ._validate import as_array, as_callable

#: More frames than this makes a page too heavy to load: coarsen a slider instead.
MAX_FRAMES = 400
STATIC_ENV = "MMLBOOK_STATIC"
_COUNT = itertools.count()
_MIME = {"svg": "image/svg+xml", "png": "image/png"}


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


class _Renderer:
    """Turns one combination of slider values into image bytes and alt text."""

    def __init__(self, draw, sliders, alt, fmt):
        self.draw, self.sliders, self.alt, self.fmt = draw, sliders, alt, fmt

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
            fig.savefig(buffer, format=self.fmt, metadata=metadata)
        self.width_px = int(fig.get_size_inches()[0] * fig.dpi)
        plt.close(fig)
        text = self.alt(**values) if callable(self.alt) else self.alt.format(**values)
        if not isinstance(text, str) or not text.strip():
            raise TypeError("alt must produce a non-empty string")
        return buffer.getvalue(), text


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
        self.frames = [render.frame(idx) for idx in itertools.product(*map(range, shape))]

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
