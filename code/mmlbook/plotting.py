"""The book's one figure style.

Colours come from the Okabe-Ito palette, which stays distinguishable under the
common forms of colour blindness; backgrounds are opaque white so a figure
stays readable when the site is in dark mode.

>>> from mmlbook import plotting
>>> plotting.use_book_style()
>>> fig, ax = plotting.figure()
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
from cycler import cycler

import numpy as np

from ._validate import as_array, as_number

#: Okabe & Ito (2008), "Color Universal Design"; black moved last.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, YELLOW, BLACK = PALETTE

#: Line styles cycle with the colours, so lines differ by more than colour alone.
LINESTYLES = ("-", "--", "-.", ":", "-", "--", "-.", ":")

STYLE = {
    "axes.prop_cycle": cycler(color=PALETTE) + cycler(linestyle=LINESTYLES),
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.bbox": "tight",
    "figure.figsize": (6.0, 3.6),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    # Matplotlib ships DejaVu Sans, so it is the font every frame is laid out
    # in; naming only it (the browser's own sans-serif is the fallback) keeps
    # the default list of ten fonts out of every text element, 14 % of a frame.
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "image.cmap": "viridis",
    # Text stays text in SVG (smaller frames, selectable); a fixed salt keeps
    # element ids, and so every rebuilt page, byte-for-byte the same.
    "svg.fonttype": "none",
    "svg.hashsalt": "mmlbook",
}


def use_book_style() -> None:
    """Apply the book's style to every later figure in this session."""
    mpl.rcParams.update(STYLE)


def figure(ncols: int = 1, nrows: int = 1, *, width: float = 6.0, height: float = 3.6,
           equal: bool = False, **kwargs):
    """A figure in the book's style with ``nrows x ncols`` axes.

    ``equal=True`` gives every axes equal aspect, as geometry needs.

    >>> fig, (left, right) = figure(2, width=8)
    """
    ncols = as_number("ncols", ncols, low=1, integer=True)
    nrows = as_number("nrows", nrows, low=1, integer=True)
    width = as_number("width", width, low=0, low_open=True)
    height = as_number("height", height, low=0, low_open=True)
    # No rc_context here: leaving one restores matplotlib's "interactive" flag, which the
    # inline backend sets while the first figure is made, and later figures stop showing.
    # The style comes from use_book_style(), which every chapter calls in its first cell.
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained", **kwargs)
    if equal:
        for ax in fig.axes:
            ax.set_aspect("equal")
    return fig, axes


def arrow(ax, tip, tail=(0, 0), colour: str = BLUE, label: str | None = None,
          linestyle: str = "-", lw: float = 2.0, backdrop: bool = False) -> None:
    """Draw the vector from ``tail`` to ``tip`` as an arrow, with an optional label just past its tip.

    ``backdrop=True`` puts the label on a translucent white patch, for busy figures.

    >>> fig, ax = figure(equal=True)
    >>> plane(ax, -1, 4)
    >>> arrow(ax, (3, 2), label="$(3, 2)$")
    """
    tip = as_array("tip", tip, shape=(2,))
    tail = as_array("tail", tail, shape=(2,))
    lw = as_number("lw", lw, low=0, low_open=True)
    ax.annotate("", xy=tip, xytext=tail,
                arrowprops=dict(arrowstyle="-|>", color=colour, lw=lw, shrinkA=0, shrinkB=0,
                                mutation_scale=11 + 2 * lw, linestyle=linestyle))
    if label:
        step = tip - tail
        length = float(np.hypot(*step))
        gap = 0.06 * float(np.diff(ax.get_xlim())[0])
        where = tip + gap * step / length if length > 1e-9 else tip
        extra = {"bbox": dict(facecolor="white", edgecolor="none", alpha=0.7, pad=0.5)} if backdrop else {}
        ax.text(*where, label, color=colour, fontsize=12, ha="center", va="center", **extra)


def plane(ax, low: float, high: float, names: tuple[str, str] = ("$x_1$", "$x_2$"),
          ylim: tuple[float, float] | None = None, grid: bool = True) -> None:
    """Axes from ``low`` to ``high`` both ways (or ``ylim`` upwards), with the coordinate axes drawn in.

    >>> fig, ax = figure(equal=True)
    >>> plane(ax, -2, 2, names=("$x$", "$y$"))
    """
    low = as_number("low", low)
    high = as_number("high", high)
    if high <= low:
        raise ValueError(f"high must be larger than low, got low = {low}, high = {high}")
    ax.set_xlim(low, high)
    ax.set_ylim(*(ylim if ylim is not None else (low, high)))
    ax.axhline(0, color="0.6", lw=0.8, zorder=0)
    ax.axvline(0, color="0.6", lw=0.8, zorder=0)
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.grid(grid)


def sandpit(ax, surface, *, sand: bool = True, n: int = 61, levels: int = 14) -> None:
    """The sandpit of a ``surfaces.Surface`` seen from above: contour lines of the sand if ``sand``.

    Draws ``levels`` solid grey contour lines of the height on an ``n`` x ``n`` grid
    (a coarse grid keeps slider frames small), sets the axes to the sandpit's
    bounds with equal aspect, and labels them; ``sand=False`` draws only the
    empty box, for the game before the sand is revealed.

    >>> from mmlbook import surfaces
    >>> fig, ax = figure(equal=True)
    >>> sandpit(ax, surfaces.sandpit("phone"))
    """
    from .surfaces import Surface

    if not isinstance(surface, Surface):
        raise TypeError(f"surface must be a Surface (see surfaces.sandpit), got {type(surface).__name__}")
    n = as_number("n", n, low=2, integer=True)
    levels = as_number("levels", levels, low=1, integer=True)
    x0, x1, y0, y1 = surface.bounds
    if sand:
        X, Y, Z = surface.grid(n)
        ax.contour(X, Y, Z, levels=levels, colors="0.55", linewidths=0.8, linestyles="solid")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xlabel("$x$ (m)")
    ax.set_ylabel("$y$ (m)")
