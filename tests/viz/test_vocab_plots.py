"""Tests for textlab/viz/vocab_plots.py: each figure draws the tables it is given, in the colours given."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from textlab.viz.vocab_plots import (
    interval_dots,
    plot_frequency_over_time,
    plot_keyness_by_group,
    plot_lexical_diversity,
    plot_log_odds,
    plot_quotations_left_in,
    plot_vocabulary_shift,
)

COLORS = {"A": "#aa0000", "B": "#0000bb", "C": "#00cc00"}


def _terms(words, ratios, robust):
    r = np.array(ratios, dtype=float)
    return pd.DataFrame({"log_ratio": r, "lo": r - 0.5, "hi": r + 0.5, "robust": robust}, index=words)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_interval_dots_draw_solid_and_hollow_points_and_their_intervals():
    fig, ax = plt.subplots()
    interval_dots(ax, _terms(["a", "b", "c"], [2.0, 1.0, 0.2], [True, True, False]), "#123456")
    lines, solid, hollow = ax.collections
    assert [s.tolist() for s in lines.get_segments()] == [
        [[1.5, 2], [2.5, 2]],
        [[0.5, 1], [1.5, 1]],
        [[-0.3, 0], [0.7, 0]],
    ]
    assert solid.get_offsets().tolist() == [[2.0, 2.0], [1.0, 1.0]] and hollow.get_offsets().tolist() == [[0.2, 0.0]]
    assert to_hex(hollow.get_facecolor()[0]) == "#ffffff" and to_hex(hollow.get_edgecolor()[0]) == "#123456"


def test_keyness_draws_one_panel_per_group_and_the_note_in_the_first_free_one():
    t = _terms(["x"], [1.0], [True])
    fig = plot_keyness_by_group(
        {"B": t, "A": t}, {"A": 1, "B": 5}, colors=COLORS, min_doc_share=0.25, n_boot=50, note="extra note"
    )
    assert [ax.get_title() for ax in fig.axes[:2]] == ["B (5 documents)", "A (1 document)"]
    assert to_hex(fig.axes[0].collections[0].get_colors()[0]) == COLORS["B"]
    note = fig.axes[2].texts[0].get_text()
    assert "25% of the group's documents" in note and "50 resamples" in note and note.endswith("extra note")
    assert not any(ax.axison for ax in fig.axes[2:])
    full = plot_keyness_by_group(
        {g: t for g in "ABCDEF"},
        dict.fromkeys("ABCDEF", 2),
        colors=dict.fromkeys("ABCDEF", "k"),
        min_doc_share=0.2,
        n_boot=10,
    )
    assert all(ax.axison for ax in full.axes) and not any(ax.texts for ax in full.axes)


def test_log_odds_draws_each_side_in_its_groups_colour_and_labels_both_ends():
    fw = pd.DataFrame({"z": [3.0, 2.5, 0.5, -2.2, -4.0]}, index=["s", "t", "u", "v", "w"])
    total = pd.Series([10, 20, 30, 40, 50], index=fw.index)
    ax = plot_log_odds(fw, total, target="A", reference="B", colors=COLORS, alpha0=100.0, n_label=1).axes[0]
    grey, a, b = ax.collections
    assert grey.get_offsets().tolist() == [[30, 0.5]]
    assert a.get_offsets().tolist() == [[10, 3.0], [20, 2.5]] and to_hex(a.get_facecolor()[0]) == COLORS["A"]
    assert b.get_offsets().tolist() == [[40, -2.2], [50, -4.0]] and to_hex(b.get_facecolor()[0]) == COLORS["B"]
    assert [x.get_text() for x in ax.texts] == ["s", "w"] and "a0 = 100)" in ax.get_title()


def test_vocabulary_shift_draws_losses_negated():
    lose, gain = _terms(["old"], [2.0], [True]), _terms(["new"], [1.0], [True])
    fig = plot_vocabulary_shift(lose, gain, early="A", late="B", colors=COLORS, n_terms=1)
    assert fig.axes[0].collections[1].get_offsets().tolist() == [[-2.0, 0.0]]
    assert fig.axes[0].collections[0].get_segments()[0].tolist() == [[-2.5, 0.0], [-1.5, 0.0]]
    assert fig.axes[1].collections[1].get_offsets().tolist() == [[1.0, 0.0]]
    assert fig.axes[0].get_xlabel() == "log ratio B / A (log2)"


def test_lexical_diversity_draws_works_and_the_summary_in_its_order():
    per_work = pd.DataFrame({"group": ["B", "A", "B"], "n_tokens": [100, 200, 300], "ttr": [0.6, 0.5, 0.4]})
    summary = pd.DataFrame(
        {
            "mtld": [70.0, 90.0],
            "mtld_lo": [60.0, 80.0],
            "mtld_hi": [80.0, 100.0],
            "mattr": [0.7, 0.8],
            "mattr_lo": [0.6, 0.7],
            "mattr_hi": [0.75, 0.9],
            "n_chunks": [3, 5],
            "n_docs": [1, 2],
        },
        index=["B", "A"],
    )
    fig = plot_lexical_diversity(per_work, summary, colors=COLORS, chunk=500, window=50)
    assert [x.get_text() for x in fig.axes[0].get_legend().get_texts()] == ["A", "B"]
    assert [x.get_text().split("\n")[0] for x in fig.axes[1].get_yticklabels()] == ["B", "A"]
    assert [c.get_offsets().tolist() for c in fig.axes[1].collections[1::2]] == [[[70.0, 1.0]], [[90.0, 0.0]]]
    assert fig.axes[1].get_title() == "on 500-token chunks"


def test_frequency_over_time_places_years_in_order_and_greys_an_author_without_colour():
    t = pd.DataFrame(
        {
            "author": ["A", "A", "Z"],
            "year": [1931, 1920, 1925],
            "rate": [2.0, 1.0, 3.0],
            "lo": [1.0, 0.5, 2.0],
            "hi": [3.0, 1.5, 4.0],
        }
    )
    fig = plot_frequency_over_time({"united_front": t}, colors=COLORS, min_words=100)
    ax = fig.axes[0]
    assert ax.get_title() == "\u201cunited front\u201d"
    assert [x.get_text() for x in ax.get_xticklabels()] == ["1920", "1925", "1931"]
    a, z = ax.lines[0], ax.lines[-1]
    assert (
        a.get_xdata().tolist() == [2, 0] and to_hex(a.get_color()) == COLORS["A"] and to_hex(z.get_color()) == "#555555"
    )


def test_quotations_left_in_bolds_the_words_of_one_list_only():
    own, printed = _terms(["a", "b"], [2.0, 1.0], [True, True]), _terms(["a", "c"], [2.0, 1.5], [True, False])
    fig = plot_quotations_left_in(own, printed, group="A", color=COLORS["A"], n_quotation_rows=4, n_terms=2)
    weight = [{x.get_text(): x.get_fontweight() for x in ax.get_yticklabels()} for ax in fig.axes]
    assert weight == [{"a": "normal", "b": "bold"}, {"a": "normal", "c": "bold"}]
    assert fig.axes[1].get_title() == "as printed: quotations in (4 block quotation rows)"
