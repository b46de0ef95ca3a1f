"""Tests for textlab/viz/corpus_plots.py: each figure draws the table it is given."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from textlab.viz.corpus_plots import (
    plot_lexicon_share,
    plot_line_accounting,
    plot_who_speaks,
    plot_words_by_author_kind,
    plot_words_by_year,
)
from textlab.viz.style import KIND_COLORS, PALETTE

LABELS = {"a.txt": "a (1920)", "b.txt": "b (1921-1922)"}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_words_by_author_kind_stacks_the_kinds_in_their_order_largest_author_on_top():
    t = pd.DataFrame({"quotation": [0, 500], "primary": [3000, 1000], "odd": [7, 7]}, index=["A", "B"])
    ax = plot_words_by_author_kind(t).axes[0]
    assert [x.get_text() for x in ax.get_yticklabels()] == ["B", "A"]
    assert [x.get_text() for x in ax.get_legend().get_texts()] == ["primary", "quotation"]  # no colour: left out
    assert [round(p.get_width(), 3) for p in ax.patches] == [1.0, 3.0, 0.5, 0.0]
    assert [round(p.get_x(), 3) for p in ax.patches] == [0.0, 0.0, 1.0, 3.0]


def test_words_by_year_stacks_authors_by_sorted_name_in_the_palette():
    t = pd.DataFrame({"B": [0, 2000], "A": [1000, 500]}, index=[1920, 1921])
    ax = plot_words_by_year(t, kinds=("primary", "notes")).axes[0]
    assert ax.get_title() == "Words per year (primary, notes rows)"
    assert [p.get_height() for p in ax.patches] == [1.0, 0.5, 0.0, 2.0]
    assert [p.get_y() for p in ax.patches] == [0.0, 0.0, 1.0, 0.5]
    assert [p.get_facecolor() for p in ax.patches[::2]] == [plt.matplotlib.colors.to_rgba(c) for c in PALETTE[:2]]


def test_lexicon_share_draws_both_shares_and_the_reference_band():
    t = pd.DataFrame({"share_raw": [90.0, 80.0], "share_clean": [95.0, 93.5]}, index=["a.txt", "b.txt"])
    ax = plot_lexicon_share(t, labels=LABELS, reference=["a.txt", "missing.txt"]).axes[0]
    bars, band = ax.patches[:4], ax.patches[4]
    assert [p.get_height() for p in bars] == [90.0, 80.0, 95.0, 93.5]
    assert [round(p.get_x() + p.get_width() / 2, 3) for p in bars] == [-0.2, 0.8, 0.2, 1.2]
    assert band.get_xy()[1] == 94.0 and band.get_height() == 1.0  # a's cleaned share, less one point
    assert [x.get_text() for x in ax.texts] == ["90.0", "95.0", "80.0", "93.5"]
    assert [x.get_text() for x in ax.get_xticklabels()] == ["a\n(1920)", "b\n(1921-1922)"]
    assert ax.get_ylim() == (75.0, 100.0)
    no_band = plot_lexicon_share(t, labels=LABELS).axes[0]
    assert len(no_band.patches) == 4 and len(no_band.get_legend().get_texts()) == 2


def test_who_speaks_and_line_accounting_draw_shares_of_each_source():
    s = pd.DataFrame({"quotation": [0.25, 0.0], "primary": [0.75, 1.0]}, index=["a.txt", "b.txt"])
    ax = plot_who_speaks(s, labels=LABELS).axes[0]
    assert [p.get_width() for p in ax.patches] == [75.0, 100.0, 25.0, 0.0]
    assert ax.patches[0].get_facecolor() == plt.matplotlib.colors.to_rgba(KIND_COLORS["primary"])
    t = pd.DataFrame(
        {"lines": [10, 4], "kept": [6, 4], "dropped_heading": [1, 0], "dropped_blank": [3, 0]}, index=["a.txt", "b.txt"]
    )
    ax = plot_line_accounting(t, labels=LABELS).axes[0]
    assert [x.get_text() for x in ax.get_legend().get_texts()] == ["kept", "blank", "heading"]
    assert [p.get_width() for p in ax.patches] == [60.0, 100.0, 30.0, 0.0, 10.0, 0.0]
    assert [x.get_text() for x in ax.get_yticklabels()] == list(LABELS.values())
