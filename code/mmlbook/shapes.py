"""Line drawings to transform: the book's own bear and an asymmetric letter F.

A drawing is a list of strokes; each stroke is a ``(2, k)`` array whose columns
are points, so a matrix ``A`` transforms a whole stroke at once as ``A @ stroke``.

>>> strokes = bear()
>>> all(stroke.shape[0] == 2 for stroke in strokes)
True
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array

__all__ = ["bear", "letter_f", "draw"]


def _ellipse(centre: tuple[float, float], width: float, height: float, points: int = 60) -> np.ndarray:
    t = np.linspace(0, 2 * np.pi, points)
    return np.array([centre[0] + width * np.cos(t), centre[1] + height * np.sin(t)])


def bear() -> list[np.ndarray]:
    """The book's bear, facing you, about 2 units across and centred near the origin.

    It is deliberately lopsided (one ear flops, a patch over the right eye, a
    smile to one side), so that a reflection or a rotation shows which it was.
    """
    head = _ellipse((0.0, 0.0), 1.0, 0.9)
    left_ear = _ellipse((-0.72, 0.78), 0.28, 0.28)
    right_ear = _ellipse((0.8, 0.62), 0.3, 0.2)          # the floppy one
    left_eye = _ellipse((-0.35, 0.2), 0.09, 0.11, 20)
    right_patch = _ellipse((0.38, 0.22), 0.2, 0.16, 30)
    right_eye = _ellipse((0.38, 0.22), 0.07, 0.09, 20)
    snout = _ellipse((0.0, -0.35), 0.38, 0.28)
    nose = _ellipse((0.0, -0.22), 0.12, 0.08, 20)
    t = np.linspace(-0.3, 1.0, 20)
    smile = np.array([0.28 * t, -0.48 - 0.12 * np.sin(np.pi * (t + 0.3) / 1.3)])
    return [head, left_ear, right_ear, left_eye, right_patch, right_eye, snout, nose, smile]


def letter_f() -> list[np.ndarray]:
    """A capital F in the unit square: no symmetry at all, so every transformation shows."""
    return [np.array([[0.2, 0.2, 0.8], [0.0, 1.0, 1.0]]), np.array([[0.2, 0.6], [0.55, 0.55]])]


def draw(ax, strokes: list[np.ndarray], **style) -> None:
    """Plot every stroke of a drawing on ``ax`` (style passed on to ``ax.plot``)."""
    if isinstance(strokes, np.ndarray) or not isinstance(strokes, (list, tuple)):
        raise TypeError("strokes must be a list of (2, k) arrays, one per stroke")
    strokes = [as_array(f"strokes[{k}]", s, shape=(2, None)) for k, s in enumerate(strokes)]
    # Solid lines: the book's style cycles line styles, which would dash some strokes.
    style = {"color": "black", "linewidth": 1.5, "linestyle": "-"} | style
    label = style.pop("label", None)
    for k, stroke in enumerate(strokes):
        ax.plot(stroke[0], stroke[1], label=label if k == 0 else None, **style)
