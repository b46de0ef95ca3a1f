"""Figures of who speaks: passages a corpus reuses, the quoted share of each group, a stylometric map.

Each function draws the tables and arrays it is given (as
:mod:`textlab.voices` and :mod:`textlab.stylometry` make them) and returns a
:class:`matplotlib.figure.Figure`; names and colours come in as arguments.

Examples
--------
>>> t = pd.DataFrame({"words": [100, 200], "quotation_rows": [0, 50], "quoted_spans": [10, 0],
...                   "quoted_share": [0.1, 0.25]}, index=["A", "B"])
>>> [t.get_text() for t in plot_quoted_share(t).axes[0].texts]
['10.0% quoted', '25.0% quoted']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from textlab.viz.style import styled

__all__ = ["plot_reuse_map", "plot_quoted_share", "plot_stylometry_map"]


@styled
def plot_reuse_map(passages: pd.DataFrame, works: Sequence[str]) -> Figure:
    """Passages shared between and within works: count and words per pair of works, and the 12 longest passages.

    Parameters
    ----------
    passages : pandas.DataFrame
        One row per shared passage: ``source_a`` and ``source_b`` (the two works, as named on the axes),
        ``doc_id_a``, ``doc_id_b`` and ``n_words`` (as :func:`textlab.features.rows.corpus_reuse` gives,
        sources renamed).
    works : sequence of str
        Every work, in the order of the axes.

    Examples
    --------
    >>> p = pd.DataFrame({"source_a": ["a", "a"], "source_b": ["b", "a"], "doc_id_a": ["a-1", "a-2"],
    ...                   "doc_id_b": ["b-7", "a-9"], "n_words": [120, 30]})
    >>> fig = plot_reuse_map(p, ["a", "b"])
    >>> fig.texts[0].get_text(), [t.get_text() for t in fig.axes[1].get_yticklabels()]
    ('Where the corpus reuses itself: 2 passages, 150 words', ['a-2 : a-9', 'a-1 : b-7'])
    """
    t = passages
    names = list(works)
    idx = {n: i for i, n in enumerate(names)}
    words = np.zeros((len(names), len(names)))
    count = np.zeros_like(words, dtype=int)
    for r in t.itertuples():
        a, b = sorted((idx[str(r.source_a)], idx[str(r.source_b)]))
        words[b, a] += r.n_words
        count[b, a] += 1
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.6), gridspec_kw={"width_ratios": [1.1, 1.3]})
    masked = np.ma.masked_where(np.triu(np.ones_like(words), 1) > 0, words)
    im = axes[0].imshow(masked, cmap="Oranges")
    for i in range(len(names)):
        for j in range(i + 1):
            if count[i, j]:
                axes[0].text(j, i, f"{count[i, j]}\n{int(words[i, j]):,} w", ha="center", va="center", fontsize=7)
    axes[0].set_xticks(range(len(names)), names, rotation=30, ha="right", fontsize=7)
    axes[0].set_yticks(range(len(names)), names, fontsize=7)
    axes[0].set_title("passages of >= 20 words shared (count, words)", fontsize=9)
    axes[0].set_xlabel("source")
    fig.colorbar(im, ax=axes[0], fraction=0.04, label="words")
    top = t.sort_values(["n_words", "doc_id_a", "doc_id_b"], ascending=[False, True, True]).head(12).iloc[::-1]
    labels = [f"{a} : {b}" for a, b in zip(top["doc_id_a"], top["doc_id_b"])]
    across = ["#e07b39" if x != y else "#1f4e79" for x, y in zip(top["source_a"], top["source_b"])]
    axes[1].barh(range(len(top)), top["n_words"], color=across)
    axes[1].set_yticks(range(len(top)), labels, fontsize=7)
    axes[1].set_xlabel("words (orange: across works, blue: within one)")
    axes[1].set_title("the 12 longest shared passages", fontsize=9)
    fig.suptitle(f"Where the corpus reuses itself: {len(t)} passages, {int(t['n_words'].sum()):,} words", fontsize=10)
    fig.tight_layout()
    return fig


@styled
def plot_quoted_share(table: pd.DataFrame) -> Figure:
    """How much of each group's text is someone else's words: block quotation rows, and quoted spans of its rows.

    Parameters
    ----------
    table : pandas.DataFrame
        Indexed by group, in the order drawn (top first): ``words``, ``quotation_rows`` and ``quoted_spans``
        (words) and ``quoted_share`` (as :func:`textlab.features.rows.corpus_quoted_share` gives).

    Examples
    --------
    >>> t = pd.DataFrame({"words": [100], "quotation_rows": [20], "quoted_spans": [5], "quoted_share": [0.25]},
    ...                  index=["A"])
    >>> ax = plot_quoted_share(t).axes[0]
    >>> [round(float(bar.get_width()), 2) for bar in ax.patches]  # own words, quoted spans, quotation rows
    [0.75, 0.05, 0.2]
    """
    t = table
    own = t["words"] - t["quotation_rows"] - t["quoted_spans"]
    fig, ax = plt.subplots(figsize=(9, 3.8))
    y = np.arange(len(t))[::-1]
    left = np.zeros(len(t))
    for part, color, label in (
        (own, "#1f4e79", "own words"),
        (t["quoted_spans"], "#f4a582", "quoted inline or reused (spans of its rows)"),
        (t["quotation_rows"], "#e07b39", "block quotations (quotation rows)"),
    ):
        share = (part / t["words"]).to_numpy()
        ax.barh(y, share, left=left, color=color, label=label)
        left += share
    for yi, share in zip(y, t["quoted_share"]):
        ax.text(1.01, yi, f"{share:.1%} quoted", va="center", fontsize=7)
    ax.set_yticks(y, t.index)
    ax.set_xlim(0, 1.15)
    ax.set_xlabel("share of the group's words")
    ax.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3)
    fig.suptitle("Who speaks: the quoted share of each author and period", fontsize=10)
    fig.tight_layout()
    return fig


@styled
def plot_stylometry_map(
    xy: np.ndarray,
    labels: Sequence[str],
    *,
    colors: Mapping[str, Any],
    explained: Sequence[float],
    title: str,
    marked: np.ndarray | None = None,
    marked_label: str = "",
) -> Figure:
    """Chunks of text on two principal components, one colour per label; ``marked`` chunks drawn as black stars.

    Parameters
    ----------
    xy : array, shape (n_chunks, 2)
        Each chunk's coordinates.
    labels : sequence of str
        Each chunk's label (its author); the legend counts the chunks of each.
    colors : mapping
        Label -> colour.
    explained : sequence of float
        Share of variance of each component (told on the axes).
    title : str
    marked : array, shape (n_marked, 2), optional
        More chunks to mark (projected the same way), such as quotations.
    marked_label : str
        Their legend entry.

    Examples
    --------
    >>> xy = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]])
    >>> ax = plot_stylometry_map(xy, ["B", "A", "B"], colors={"A": "red", "B": "blue"}, explained=[0.4, 0.2],
    ...                          title="map", marked=np.array([[1.0, 1.0]]), marked_label="quotations (1)").axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()], ax.get_xlabel()
    (['A (1 chunks)', 'B (2 chunks)', 'quotations (1)'], 'PC1 (40% of variance)')
    """
    lab_arr = np.asarray(labels)
    fig, ax = plt.subplots(figsize=(7.5, 5.5))
    for lab in sorted(set(lab_arr.tolist())):
        m = lab_arr == lab
        ax.scatter(xy[m, 0], xy[m, 1], s=12, alpha=0.6, color=colors[lab], label=f"{lab} ({int(m.sum())} chunks)")
    if marked is not None and len(marked):
        ax.scatter(marked[:, 0], marked[:, 1], s=60, marker="*", color="black", label=marked_label)
    ax.set_xlabel(f"PC1 ({explained[0]:.0%} of variance)")
    ax.set_ylabel(f"PC2 ({explained[1]:.0%})")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title(title, fontsize=8)
    fig.tight_layout()
    return fig
