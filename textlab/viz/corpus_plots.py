"""Figures of what is in a corpus: words by author, kind and year, lexicon coverage, who speaks, line accounting.

Each function draws a table it is given (a pandas DataFrame, as
:mod:`textlab.study.report` makes them) and returns a
:class:`matplotlib.figure.Figure`; labels and colours come in as arguments.

Examples
--------
>>> t = pd.DataFrame({"primary": [900, 300], "notes": [100, 0]}, index=["A", "B"])
>>> [t.get_text() for t in plot_words_by_author_kind(t).axes[0].get_yticklabels()]  # the largest on top
['B', 'A']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from textlab.viz.style import KIND_COLORS, kinds_in, palette_colors, styled

__all__ = [
    "plot_words_by_author_kind",
    "plot_words_by_year",
    "plot_lexicon_share",
    "plot_who_speaks",
    "plot_line_accounting",
]


@styled
def plot_words_by_author_kind(table: pd.DataFrame, *, colors: Mapping[str, Any] = KIND_COLORS) -> Figure:
    """Words by author, one stacked bar each, split by kind of text; the author with most words on top.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per author, one column per kind: words (as :func:`textlab.study.report.words_by` gives with
        ``columns="kind"``).
    colors : mapping
        Kind -> colour; the kinds are drawn in its order, and a kind it lacks is left out.

    Examples
    --------
    >>> t = pd.DataFrame({"primary": [4000, 4000], "quotation": [0, 120]}, index=["A. Adams", "C. Clark"])
    >>> ax = plot_words_by_author_kind(t).axes[0]
    >>> [round(float(bar.get_width()), 2) for bar in ax.patches]  # thousands of words: primary, then quotation
    [4.0, 4.0, 0.0, 0.12]
    """
    t = table.loc[table.sum(axis=1).sort_values().index]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(t) + 1.5))
    left = pd.Series(0.0, index=t.index)
    for k in kinds_in(colors, t.columns):
        ax.barh(t.index, t[k] / 1000, left=left / 1000, color=colors[k], label=k, edgecolor="white", linewidth=0.3)
        left += t[k]
    ax.set_xlabel("words (thousands)")
    ax.set_title("Words in the corpus by author and kind of text")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


@styled
def plot_words_by_year(
    table: pd.DataFrame, *, kinds: Sequence[str] = ("primary",), colors: Mapping[str, Any] | None = None
) -> Figure:
    """Words per year, one stacked bar each, by author.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per year (every year of the span, 0 where none), one column per author: words.
    kinds : sequence of str
        The kinds of rows counted (named in the title).
    colors : mapping, optional
        Author -> colour; default :func:`textlab.viz.style.palette_colors` of the authors.

    Examples
    --------
    >>> t = pd.DataFrame({"A": [1000, 0, 500], "B": [0, 2000, 0]}, index=[1920, 1921, 1922])
    >>> ax = plot_words_by_year(t).axes[0]
    >>> len(ax.patches), ax.get_title(), [t.get_text() for t in ax.get_legend().get_texts()]
    (6, 'Words per year (primary rows)', ['A', 'B'])
    """
    authors = sorted(table.columns)
    colors = palette_colors(authors) if colors is None else colors
    fig, ax = plt.subplots(figsize=(9, 3.5))
    bottom = pd.Series(0.0, index=table.index)
    for a in authors:
        ax.bar(table.index, table[a] / 1000, bottom=bottom / 1000, color=colors[a], label=a, width=0.8)
        bottom += table[a]
    ax.set_xlabel("year (as dated in the corpus table)")
    ax.set_ylabel("words (thousands)")
    ax.set_title(f"Words per year ({', '.join(kinds)} rows)")
    ax.legend(frameon=False, fontsize=7, ncol=2)
    fig.tight_layout()
    return fig


@styled
def plot_lexicon_share(table: pd.DataFrame, *, labels: Mapping[str, str], reference: Sequence[str] = ()) -> Figure:
    """Share of word tokens the English lexicon knows, raw vs cleaned, one pair of bars per source.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per source, columns ``share_raw`` and ``share_clean`` in points (as
        :func:`textlab.study.report.lexicon_table` gives).
    labels : mapping
        Source -> label such as ``"adams_1 (1920)"`` (its first word names the source in the band's legend).
    reference : sequence of str
        Clean sources: their cleaned shares, less one point, are drawn as a band (the target of the others).

    Examples
    --------
    >>> t = pd.DataFrame({"share_raw": [90.0, 80.0], "share_clean": [95.0, 93.5]}, index=["a.txt", "b.txt"])
    >>> ax = plot_lexicon_share(t, labels={"a.txt": "a (1920)", "b.txt": "b (1921)"}, reference=["a.txt"]).axes[0]
    >>> len(ax.patches), [t.get_text() for t in ax.get_legend().get_texts()][0]  # 2 bars a source, a band
    (5, "target: clean sources' range, less one point (a)")
    """
    t = table
    fig, ax = plt.subplots(figsize=(8, 4.2))
    x = range(len(t))
    ax.bar([i - 0.2 for i in x], t["share_raw"], width=0.4, color="#bbbbbb", label="raw (kept lines)")
    ax.bar([i + 0.2 for i in x], t["share_clean"], width=0.4, color="#1f4e79", label="cleaned")
    for i, (a, b) in enumerate(zip(t["share_raw"], t["share_clean"])):
        ax.text(i - 0.2, a + 0.3, f"{a:.1f}", ha="center", fontsize=7)
        ax.text(i + 0.2, b + 0.3, f"{b:.1f}", ha="center", fontsize=7)
    ref = [s for s in reference if s in t.index]
    if ref:
        lo, hi = float(t.loc[ref, "share_clean"].min()), float(t.loc[ref, "share_clean"].max())
        ax.axhspan(
            lo - 1,
            hi,
            color="#2ca02c",
            alpha=0.12,
            label="target: clean sources' range, less one point ("
            + ", ".join(labels[s].split(" ")[0] for s in ref)
            + ")",
        )
    ax.set_xticks(list(x), [labels[s].replace(" (", "\n(") for s in t.index], fontsize=8)
    ax.set_ylim(max(0.0, float(t[["share_raw", "share_clean"]].min().min()) - 5), 100)
    ax.set_ylabel("% of tokens (3+ letters) in lexicon")
    ax.set_title("What cleaning changed: lexicon coverage before and after")
    ax.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(0, -0.12), ncol=3)
    fig.tight_layout()
    return fig


@styled
def plot_who_speaks(
    shares: pd.DataFrame, *, labels: Mapping[str, str], colors: Mapping[str, Any] = KIND_COLORS
) -> Figure:
    """Share of each source's words by kind of text, one bar per source.

    Parameters
    ----------
    shares : pandas.DataFrame
        One row per source, one column per kind: shares that sum to 1 (as
        :func:`textlab.study.report.kind_shares` gives).
    labels : mapping
        Source -> its label on the axis.
    colors : mapping
        Kind -> colour, drawn in its order.

    Examples
    --------
    >>> s = pd.DataFrame({"primary": [0.75, 1.0], "quotation": [0.25, 0.0]}, index=["a.txt", "b.txt"])
    >>> ax = plot_who_speaks(s, labels={"a.txt": "a (1920)", "b.txt": "b (1921)"}).axes[0]
    >>> [t.get_text() for t in ax.get_yticklabels()], [round(bar.get_width()) for bar in ax.patches]
    (['a (1920)', 'b (1921)'], [75, 100, 25, 0])
    """
    t = shares
    fig, ax = plt.subplots(figsize=(8, 3.2))
    left = pd.Series(0.0, index=t.index)
    for k in kinds_in(colors, t.columns):
        ax.barh(t.index, 100 * t[k], left=100 * left, color=colors[k], label=k, edgecolor="white", linewidth=0.3)
        left += t[k]
    ax.set_yticks(range(len(t)), [labels[s] for s in t.index], fontsize=8)
    ax.set_xlabel("% of the source's words")
    ax.set_xlim(0, 100)
    ax.set_title("Who speaks: each source's words by kind of text")
    ax.legend(frameon=False, fontsize=7, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.2))
    fig.tight_layout()
    return fig


@styled
def plot_line_accounting(table: pd.DataFrame, *, labels: Mapping[str, str]) -> Figure:
    """Raw lines per source: kept in rows or dropped, by named reason, as shares of its lines.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per source: ``lines``, ``kept`` and one ``dropped_<reason>`` column per reason (as
        :func:`textlab.study.report.accounting_table` gives).
    labels : mapping
        Source -> its label on the axis.

    Examples
    --------
    >>> t = pd.DataFrame({"lines": [10], "kept": [6], "dropped_blank": [3], "dropped_heading": [1]}, index=["a.txt"])
    >>> ax = plot_line_accounting(t, labels={"a.txt": "a (1920)"}).axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()], [round(bar.get_width()) for bar in ax.patches]
    (['kept', 'blank', 'heading'], [60, 30, 10])
    """
    t = table
    parts = ["kept"] + sorted(c for c in t.columns if c.startswith("dropped_"))
    fig, ax = plt.subplots(figsize=(8, 3.2))
    cmap = plt.get_cmap("tab20")
    left = pd.Series(0.0, index=t.index)
    for i, c in enumerate(parts):
        share = 100 * t[c] / t["lines"]
        ax.barh(t.index, share, left=left, color="#1f4e79" if c == "kept" else cmap(i), label=c.replace("dropped_", ""))
        left += share
    ax.set_yticks(range(len(t)), [labels[s] for s in t.index], fontsize=8)
    ax.set_xlabel("% of raw lines")
    ax.set_xlim(0, 100)
    ax.set_title("Line accounting: every raw line kept or dropped with a reason")
    ax.legend(frameon=False, fontsize=7, ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.2))
    fig.tight_layout()
    return fig
