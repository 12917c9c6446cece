"""mmlbook.shapes: drawings as strokes of points that matrices can transform."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mmlbook import plotting, shapes


@pytest.mark.parametrize("drawing", [shapes.bear, shapes.letter_f])
def test_drawings_are_lists_of_point_columns(drawing):
    strokes = drawing()
    assert strokes and all(s.ndim == 2 and s.shape[0] == 2 and s.shape[1] >= 2 for s in strokes)
    assert all(np.all(np.isfinite(s)) for s in strokes)


@pytest.mark.parametrize("drawing", [shapes.bear, shapes.letter_f])
def test_drawings_have_no_mirror_symmetry(drawing):
    """A reflection must show: the mirror image differs from the drawing."""
    points = np.hstack(drawing())
    centre = points.mean(axis=1, keepdims=True)
    mirrored = np.array([[-1.0], [1.0]]) * (points - centre) + centre
    distances = np.linalg.norm(mirrored[:, :, None] - points[:, None, :], axis=0).min(axis=1)
    assert distances.max() > 0.1


def test_draw_plots_every_stroke_solid():
    fig, ax = plotting.figure()
    shapes.draw(ax, shapes.bear(), color="red", label="bear")
    assert len(ax.lines) == len(shapes.bear())
    assert {line.get_linestyle() for line in ax.lines} == {"-"}
    assert [line.get_label() for line in ax.lines][0] == "bear"
    plt.close(fig)


@pytest.mark.parametrize("strokes, error, words", [
    (np.zeros((2, 3)), TypeError, "list"),
    ("bear", TypeError, "list"),
    ([np.zeros((3, 4))], ValueError, r"strokes\[0\]"),
    ([np.array([[0.0, np.nan], [0.0, 1.0]])], ValueError, "finite"),
])
def test_draw_names_bad_strokes(strokes, error, words):
    fig, ax = plotting.figure()
    with pytest.raises(error, match=words):
        shapes.draw(ax, strokes)
    plt.close(fig)
