"""mmlbook.plotting: one style, readable in dark mode and without colour vision."""

import matplotlib as mpl
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest

from mmlbook import plotting, surfaces


def test_style_sets_opaque_backgrounds_and_the_palette():
    with mpl.rc_context():
        plotting.use_book_style()
        assert mpl.rcParams["figure.facecolor"] == "white"
        assert mpl.rcParams["savefig.facecolor"] == "white"
        assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == list(plotting.PALETTE)


def test_palette_colours_are_distinct_and_lines_differ_by_style_too():
    rgb = np.array([mcolors.to_rgb(c) for c in plotting.PALETTE])
    distances = np.linalg.norm(rgb[:, None] - rgb[None, :], axis=-1)
    assert distances[~np.eye(len(rgb), dtype=bool)].min() > 0.15
    assert len(set(plotting.LINESTYLES[:4])) == 4


def test_figure_gives_the_requested_axes():
    fig, axes = plotting.figure(3, 2, width=9, height=5, equal=True)
    assert axes.shape == (2, 3)
    assert all(ax.get_aspect() == 1.0 for ax in fig.axes)
    assert tuple(fig.get_size_inches()) == (9, 5)
    plt.close(fig)


@pytest.mark.parametrize("kwargs, error, words", [
    ({"ncols": 0}, ValueError, "ncols"),
    ({"ncols": 1.5}, TypeError, "ncols"),
    ({"nrows": "2"}, TypeError, "nrows"),
    ({"width": -1}, ValueError, "width"),
    ({"height": float("nan")}, ValueError, "height"),
])
def test_figure_rejects_bad_arguments(kwargs, error, words):
    with pytest.raises(error, match=words):
        plotting.figure(**kwargs)


def test_arrow_draws_an_annotation_and_its_label():
    fig, ax = plotting.figure(equal=True)
    plotting.plane(ax, -1, 4)
    plotting.arrow(ax, (3, 2), label="$v$", backdrop=True)
    plotting.arrow(ax, (0, 0), tail=(1, 1))   # a zero-length arrow still draws, label or not
    assert len(ax.texts) == 3   # two arrows (annotations are texts) and one label
    label = [t for t in ax.texts if t.get_text() == "$v$"][0]
    assert np.hypot(*(np.array(label.get_position()) - (3, 2))) > 0, "the label sits past the tip"
    plt.close(fig)


def test_plane_sets_limits_and_axes():
    fig, ax = plotting.figure()
    plotting.plane(ax, -2, 3, names=("$a$", "$b$"), ylim=(0, 1), grid=False)
    assert ax.get_xlim() == (-2, 3) and ax.get_ylim() == (0, 1)
    assert ax.get_xlabel() == "$a$" and not any(line.get_visible() for line in ax.get_xgridlines())
    plt.close(fig)


@pytest.mark.parametrize("call, error, words", [
    (lambda ax: plotting.arrow(ax, (1, 2, 3)), ValueError, "tip"),
    (lambda ax: plotting.arrow(ax, (1, 2), tail="origin"), TypeError, "tail"),
    (lambda ax: plotting.arrow(ax, (1, np.nan)), ValueError, "tip"),
    (lambda ax: plotting.arrow(ax, (1, 2), lw=0), ValueError, "lw"),
    (lambda ax: plotting.plane(ax, 2, 1), ValueError, "high"),
    (lambda ax: plotting.plane(ax, "a", 1), TypeError, "low"),
    (lambda ax: plotting.sandpit(ax, "phone"), TypeError, "surface"),
    (lambda ax: plotting.sandpit(ax, surfaces.sandpit(), n=1), ValueError, "n"),
    (lambda ax: plotting.sandpit(ax, surfaces.sandpit(), levels=0), ValueError, "levels"),
])
def test_arrow_and_plane_name_bad_arguments(call, error, words):
    fig, ax = plotting.figure()
    with pytest.raises(error, match=words):
        call(ax)
    plt.close(fig)


def test_sandpit_draws_contours_only_when_the_sand_is_shown():
    for sand, count in [(True, 1), (False, 0)]:
        fig, ax = plotting.figure()
        plotting.sandpit(ax, surfaces.sandpit("phone"), sand=sand)
        assert len(ax.collections) == count and ax.get_xlim() == (0.0, 6.0) and ax.get_ylim() == (0.0, 6.0)
        assert ax.get_aspect() == 1.0
        plt.close(fig)
