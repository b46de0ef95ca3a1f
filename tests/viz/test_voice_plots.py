"""Tests for textlab/viz/voice_plots.py: the reuse map, the quoted share and the stylometric map draw what they get."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from textlab.viz.voice_plots import plot_quoted_share, plot_reuse_map, plot_stylometry_map


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_reuse_map_counts_passages_per_pair_of_works_below_the_diagonal():
    p = pd.DataFrame(
        {
            "source_a": ["x", "y", "x"],
            "source_b": ["y", "x", "x"],
            "doc_id_a": ["x-1", "y-2", "x-3"],
            "doc_id_b": ["y-5", "x-6", "x-9"],
            "n_words": [100, 50, 30],
        }
    )
    fig = plot_reuse_map(p, ["x", "y", "z"])
    heat = fig.axes[0].images[0].get_array()
    assert heat.filled(-1).tolist() == [[30, -1, -1], [150, 0, -1], [0, 0, 0]]
    assert [t.get_text() for t in fig.axes[0].texts] == ["1\n30 w", "2\n150 w"]
    assert [t.get_text() for t in fig.axes[1].get_yticklabels()] == ["x-3 : x-9", "y-2 : x-6", "x-1 : y-5"]
    assert [to_hex(b.get_facecolor()) for b in fig.axes[1].patches] == ["#1f4e79", "#e07b39", "#e07b39"]
    assert fig.get_suptitle() == "Where the corpus reuses itself: 3 passages, 180 words"


def test_quoted_share_stacks_own_words_spans_and_quotation_rows_in_the_given_order():
    t = pd.DataFrame(
        {"words": [100, 200], "quotation_rows": [0, 50], "quoted_spans": [10, 0], "quoted_share": [0.1, 0.25]},
        index=["B", "A"],
    )
    ax = plot_quoted_share(t).axes[0]
    assert [x.get_text() for x in ax.get_yticklabels()] == ["B", "A"]
    assert [round(p.get_width(), 3) for p in ax.patches] == [0.9, 0.75, 0.1, 0.0, 0.0, 0.25]
    assert [p.get_y() + p.get_height() / 2 for p in ax.patches[:2]] == [1.0, 0.0]  # the first group on top
    assert [x.get_text() for x in ax.texts] == ["10.0% quoted", "25.0% quoted"]


def test_stylometry_map_draws_each_label_in_its_colour_and_the_marked_chunks():
    xy = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]])
    colors = {"A": "#aa0000", "B": "#0000bb"}
    ax = plot_stylometry_map(xy, ["B", "A", "B"], colors=colors, explained=[0.42, 0.1], title="t").axes[0]
    a, b = ax.collections
    assert a.get_offsets().tolist() == [[1.0, 0.0]] and to_hex(a.get_facecolor()[0]) == colors["A"]
    assert b.get_offsets().tolist() == [[0.0, 1.0], [2.0, 2.0]]
    assert ax.get_xlabel() == "PC1 (42% of variance)" and ax.get_ylabel() == "PC2 (10%)" and ax.get_title() == "t"
    marked = plot_stylometry_map(
        xy,
        ["A"] * 3,
        colors=colors,
        explained=[0.4, 0.2],
        title="t",
        marked=np.array([[5.0, 5.0]]),
        marked_label="q (1)",
    ).axes[0]
    assert marked.collections[-1].get_offsets().tolist() == [[5.0, 5.0]]
    assert [x.get_text() for x in marked.get_legend().get_texts()] == ["A (3 chunks)", "q (1)"]
