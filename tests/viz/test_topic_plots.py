"""Tests for textlab/viz/topic_plots.py: each figure draws the topic tables it is given."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from textlab.viz.topic_plots import (
    plot_backend_agreement,
    plot_choosing_k,
    plot_prevalence_by_group,
    plot_quotation_prevalence,
    plot_theme_shift,
    plot_themes_over_time,
    plot_topic_overview,
    topic_ticks,
)

TABLE = pd.DataFrame(
    {
        "topic": [0, 1, 2],
        "label": ["labour", "army / war", "† land / grain"],
        "named": [True, False, False],
        "relevance": ["strike, union_dues, wages", "army, war", "land, grain"],
        "prevalence": [0.5, 0.2, 0.3],
        "npmi": [0.2, 0.1, -0.05],
        "recurrence": [1.0, 0.75, 0.25],
        "stable": [True, True, False],
    }
)
COLORS = {"A": "#aa0000", "B": "#0000bb"}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_topic_ticks_add_the_words_of_a_named_topic():
    assert topic_ticks(TABLE) == ["0: labour (strike, union dues, wages)", "1: army / war", "2: † land / grain"]
    assert topic_ticks(TABLE, n_words=1)[0] == "0: labour (strike)"


def test_choosing_k_marks_the_suggested_k_and_counts_chunks():
    runs = pd.DataFrame(
        {
            "k": [2, 2, 4, 4],
            "seed": [0, 1, 0, 1],
            "npmi": [0.1, 0.2, 0.3, 0.4],
            "umass": [-1.0, -1.1, -1.2, -1.3],
            "perplexity": [900, 910, 890, 880],
            "stable_share": [1.0, 0.5, 0.75, 0.75],
        }
    )
    by_k = runs.groupby("k", as_index=False).mean()
    fig = plot_choosing_k(runs, by_k, k_star=4, heldout=np.array([True, True, False, False, False]))
    ax = fig.axes[0]
    assert ax.lines[0].get_xdata().tolist() == [2, 4] and ax.lines[0].get_ydata().tolist() == pytest.approx(
        [0.15, 0.35]
    )
    assert list(ax.lines[1].get_xdata()) == [4, 4]  # the dashed line at K = 4
    assert fig.get_suptitle().startswith("Choosing K: 2 seeds per K on 3 chunks, 2 held out; dashed: K = 4 ")


def test_topic_overview_sorts_by_prevalence_and_greys_the_unstable():
    fig = plot_topic_overview(TABLE)
    ax = fig.axes[0]
    assert [x.get_text() for x in ax.get_yticklabels()] == [
        "1: army / war",
        "2: † land / grain",
        topic_ticks(TABLE)[0],
    ]
    assert [p.get_width() for p in ax.patches] == [0.2, 0.3, 0.5]
    assert [to_hex(p.get_facecolor()) for p in ax.patches] == ["#1f4e79", "#b9b9b9", "#1f4e79"]
    assert "grey and †: 1 topics" in fig.get_suptitle()


def test_backend_agreement_orders_topics_by_their_match():
    sim = np.array([[0.5, 0.1, 0.0], [0.2, 0.9, 0.1], [0.0, 0.3, 0.75]])
    fig = plot_backend_agreement(sim, np.diag(sim), TABLE, ["a / b", "c / d", "e / f"])
    ax, bx = fig.axes[0], fig.axes[1]
    assert [x.get_text() for x in ax.get_xticklabels()] == ["c / d", "e / f", "a / b"]
    assert ax.images[0].get_array().tolist() == sim[[1, 2, 0]][:, [1, 2, 0]].tolist()
    assert [p.get_width() for p in bx.patches] == [0.9, 0.75, 0.5]
    assert fig.get_suptitle().startswith("Do the backends agree? 2 of 3 tomotopy topics have a gensim match")


def test_prevalence_by_group_draws_each_group_in_order_and_colour():
    prev = pd.DataFrame(
        {
            "group": ["A"] * 3 + ["B"] * 3,
            "topic": [0, 1, 2] * 2,
            "prevalence": [0.5, 0.2, 0.3, 0.1, 0.6, 0.3],
            "low": [0.4, 0.1, 0.2, 0.0, 0.5, 0.2],
            "high": [0.6, 0.3, 0.4, 0.2, 0.7, 0.4],
        }
    )
    ax = plot_prevalence_by_group(prev, TABLE, groups=["B", "A"], colors=COLORS).axes[0]
    b, a = ax.collections[1], ax.collections[3]
    assert b.get_offsets()[:, 0].tolist() == [0.6, 0.3, 0.1]  # topics 1, 2, 0 (by prevalence)
    assert a.get_offsets()[:, 0].tolist() == [0.2, 0.3, 0.5]
    assert (b.get_offsets()[:, 1] > a.get_offsets()[:, 1]).all()  # the first group on top
    assert to_hex(b.get_facecolor()[0]) == COLORS["B"]


def test_theme_shift_colours_each_topic_by_the_group_that_has_more_of_it():
    d = pd.DataFrame(
        {
            "topic": [0, 1, 2],
            "difference": [0.2, -0.1, 0.01],
            "low": [0.1, -0.2, -0.05],
            "high": [0.3, -0.05, 0.07],
            "excludes_zero": [True, True, False],
        }
    )
    ax = plot_theme_shift(d, TABLE, a="A", b="B", colors=COLORS).axes[0]
    assert [x.get_text() for x in ax.get_yticklabels()] == ["1: army / war", "2: † land / grain", topic_ticks(TABLE)[0]]
    assert [to_hex(c) for c in ax.collections[0].get_colors()] == [COLORS["B"], COLORS["A"], COLORS["A"]]
    assert ax.collections[2].get_offsets().tolist() == [[0.01, 1.0]]  # hollow: includes 0


def test_themes_over_time_draws_years_at_their_distance_and_months_in_order():
    yearly = pd.DataFrame(
        {
            "topic": [1, 1, 0, 0],
            "label": ["war"] * 2 + ["labour"] * 2,
            "year": [1931, 1920, 1920, 1931],
            "prevalence": [0.4, 0.2, 0.5, 0.5],
            "low": [0.3, 0.1, 0.4, 0.4],
            "high": [0.5, 0.3, 0.6, 0.6],
        }
    )
    monthly = pd.DataFrame(
        {
            "topic": [1, 1],
            "month": ["1931-05", "1930-11"],
            "prevalence": [0.3, 0.2],
            "low": [0.2, 0.1],
            "high": [0.4, 0.3],
        }
    )
    fig = plot_themes_over_time(yearly, monthly, [1], author="Ann Adams", group="Adams 1930-31", n_topics=2)
    assert len(fig.axes) == 4 and fig.axes[0].get_title() == "1: war"
    assert fig.axes[0].lines[0].get_xdata().tolist() == [1920.0, 1931.0]
    assert [x.get_text() for x in fig.axes[2].get_xticklabels()] == ["30-11", "31-05"]
    assert fig.axes[0].get_ylabel() == "share, Adams by year"
    assert fig.get_suptitle().startswith("Adams's 2 most changing themes, by year and by month of Adams 1930-31")


def test_quotation_prevalence_draws_both_sides_and_hollows_a_change_that_crosses_zero():
    t = pd.DataFrame(
        {
            "label": ["strike", "army"],
            "own": [0.6, 0.4],
            "own_low": [0.5, 0.3],
            "own_high": [0.7, 0.5],
            "with_quotations": [0.5, 0.5],
            "with_low": [0.4, 0.4],
            "with_high": [0.6, 0.6],
            "change": [-0.1, 0.1],
            "change_low": [-0.2, -0.01],
            "change_high": [-0.05, 0.2],
        }
    )
    fig = plot_quotation_prevalence(t, group="A", color=COLORS["A"])
    points = [line for line in fig.axes[1].lines if line.get_marker() == "o"]
    assert [line.get_xdata().tolist() for line in points] == [[0.1], [-0.1]]  # army (own 0.4) first: at the bottom
    assert [line.get_markerfacecolor() for line in points] == ["white", COLORS["A"]]
    assert fig.get_suptitle().startswith("A: topics in its own words")
