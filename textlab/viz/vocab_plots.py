"""Figures of vocabulary: distinctive words with intervals, Fightin' Words, lexical richness, words over time.

Each function draws the tables it is given (as :mod:`textlab.vocab`
makes them) and returns a :class:`matplotlib.figure.Figure`; group names
and colours come in as arguments.

Examples
--------
>>> t = pd.DataFrame({"log_ratio": [1.5, -0.2], "lo": [1.0, -0.6], "hi": [2.0, 0.1], "robust": [True, False]},
...                  index=["strike", "party"])
>>> fig = plot_quotations_left_in(t, t, group="A", color="#1f77b4", n_quotation_rows=2, n_terms=2)
>>> [ax.get_title() for ax in fig.axes]
['own words: every quotation cut out', 'as printed: quotations in (2 block quotation rows)']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from textlab.viz.style import styled

__all__ = [
    "interval_dots",
    "plot_keyness_by_group",
    "plot_log_odds",
    "plot_vocabulary_shift",
    "plot_lexical_diversity",
    "plot_frequency_over_time",
    "plot_quotations_left_in",
]


def interval_dots(ax: Axes, t: pd.DataFrame, color: Any) -> None:
    """Draw each term's log ratio with its interval, one row per term (top row first); hollow if it crosses 0.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    t : pandas.DataFrame
        Indexed by term: ``log_ratio``, ``lo``, ``hi`` and ``robust`` (the interval excludes 0), as
        :func:`textlab.vocab.distinctive_terms` gives.
    color : colour

    Examples
    --------
    >>> t = pd.DataFrame({"log_ratio": [1.5, -0.2], "lo": [1.0, -0.6], "hi": [2.0, 0.1], "robust": [True, False]},
    ...                  index=["united_front", "party"])
    >>> fig, ax = plt.subplots()
    >>> interval_dots(ax, t, "black")
    >>> [(t.get_text(), int(y)) for t, y in zip(ax.get_yticklabels(), ax.get_yticks())]  # the first term on top
    [('united front', 1), ('party', 0)]
    >>> plt.close(fig)
    """
    y = list(range(len(t)))[::-1]
    ax.hlines(y, t["lo"], t["hi"], color=color, linewidth=1.2)
    solid = t["robust"].to_numpy(dtype=bool)
    ax.scatter(t["log_ratio"][solid], [v for v, r in zip(y, solid) if r], color=color, s=18, zorder=3)
    ax.scatter(
        t["log_ratio"][~solid],
        [v for v, r in zip(y, solid) if not r],
        facecolor="white",
        edgecolor=color,
        s=18,
        zorder=3,
    )
    ax.set_yticks(y, [str(w).replace("_", " ") for w in t.index], fontsize=7)
    ax.axvline(0, color="#999999", linewidth=0.6)


@styled
def plot_keyness_by_group(
    tables: Mapping[str, pd.DataFrame],
    n_docs: Mapping[str, int],
    *,
    colors: Mapping[str, Any],
    min_doc_share: float,
    n_boot: int,
    note: str = "",
) -> Figure:
    """Each group's most distinctive words against all the others, one panel per group (up to six).

    Parameters
    ----------
    tables : mapping
        Group -> its distinctive terms (as :func:`textlab.vocab.distinctive_terms` gives), in panel order.
    n_docs : mapping
        Group -> its number of documents.
    colors : mapping
        Group -> colour.
    min_doc_share, n_boot : float, int
        The thresholds the terms passed, told in the note panel.
    note : str
        More text for the note panel (drawn in the first free panel).

    Examples
    --------
    >>> t = pd.DataFrame({"log_ratio": [1.5], "lo": [1.0], "hi": [2.0], "robust": [True]}, index=["strike"])
    >>> fig = plot_keyness_by_group({"A": t, "B": t}, {"A": 3, "B": 1}, colors={"A": "red", "B": "blue"},
    ...                             min_doc_share=0.2, n_boot=100)
    >>> [ax.get_title() for ax in fig.axes[:2]], fig.axes[2].texts[0].get_text().splitlines()[0]
    (['A (3 documents)', 'B (1 document)'], 'Rows: primary text only')
    """
    labels = list(tables)
    fig, axes = plt.subplots(2, 3, figsize=(11, 7.5))
    for ax, lab in zip(axes.flat, labels):
        interval_dots(ax, tables[lab], colors[lab])
        nd = int(n_docs[lab])
        ax.set_title(f"{lab} ({nd} document{'s' if nd > 1 else ''})", fontsize=9)
        ax.set_xlabel("log ratio vs the rest (log2)")
    last = axes.flat[len(labels)] if len(labels) < axes.size else None
    for ax in list(axes.flat)[len(labels) :]:
        ax.axis("off")
    if last is not None:
        last.text(
            0,
            0.5,
            "Rows: primary text only\n(no editors, notes, quotations).\n"
            f"Words: G2 p < 0.001, in at least\n{min_doc_share:.0%} of the group's documents.\n"
            f"Bars: 95% interval, {n_boot} resamples\nof documents. Hollow: crosses 0.\n" + note,
            fontsize=8,
            va="center",
        )
    fig.suptitle("What distinguishes each author and period: most distinctive words", fontsize=11)
    fig.tight_layout()
    return fig


@styled
def plot_log_odds(
    fw: pd.DataFrame,
    total: pd.Series,
    *,
    target: str,
    reference: str,
    colors: Mapping[str, Any],
    alpha0: float,
    n_label: int = 12,
) -> Figure:
    """Weighted log-odds z-scores of two groups (Monroe et al. 2008) against each word's count, log scale.

    Parameters
    ----------
    fw : pandas.DataFrame
        Indexed by word, ranked (the most ``target``-like first), with column ``z`` (as
        :func:`textlab.vocab.fightin_words` gives).
    total : pandas.Series
        Each word's count in both groups (> 0), aligned with ``fw``.
    target, reference : str
        The two groups.
    colors : mapping
        Group -> colour of its side.
    alpha0 : float
        The prior's weight, told in the title.
    n_label : int
        Words labelled at each end of the ranking.

    Examples
    --------
    >>> fw = pd.DataFrame({"z": [3.0, 0.5, -2.5]}, index=["strike", "party", "peasant"])
    >>> total = pd.Series([40, 100, 30], index=fw.index)
    >>> ax = plot_log_odds(fw, total, target="A", reference="B", colors={"A": "red", "B": "blue"}, alpha0=1000,
    ...                    n_label=1).axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()], [t.get_text() for t in ax.texts]
    (['|z| <= 1.96', 'more in A', 'more in B'], ['strike', 'peasant'])
    """
    fig, ax = plt.subplots(figsize=(9, 5.5))
    sig = fw["z"].abs() > 1.96
    ax.scatter(total[~sig], fw["z"][~sig], s=4, color="#cccccc", linewidths=0, label="|z| <= 1.96")
    for side, color, lab in (
        (fw["z"] > 1.96, colors[target], target),
        (fw["z"] < -1.96, colors[reference], reference),
    ):
        ax.scatter(total[side], fw["z"][side], s=6, color=color, linewidths=0, label=f"more in {lab}")
    for w in list(fw.index[:n_label]) + list(fw.index[-n_label:]):
        ax.annotate(
            str(w).replace("_", " "), (total[w], fw.loc[w, "z"]), fontsize=7, xytext=(3, 0), textcoords="offset points"
        )
    ax.set_xscale("log")
    ax.set_xlabel("count in both groups (log scale)")
    ax.set_ylabel(f"z-score of weighted log-odds ({target} vs {reference})")
    ax.axhline(0, color="#999999", linewidth=0.6)
    ax.set_title(f"Fightin' Words: {target} against {reference} (informative Dirichlet prior, a0 = {alpha0:g})")
    ax.legend(frameon=False, fontsize=7, loc="lower left")
    fig.tight_layout()
    return fig


@styled
def plot_vocabulary_shift(
    lose: pd.DataFrame, gain: pd.DataFrame, *, early: str, late: str, colors: Mapping[str, Any], n_terms: int
) -> Figure:
    """Words a group uses less and more in a later period than in an earlier one, with their intervals.

    Parameters
    ----------
    lose : pandas.DataFrame
        The early period's distinctive terms against the late one (drawn with their log ratio negated, as
        late / early).
    gain : pandas.DataFrame
        The late period's distinctive terms against the early one.
    early, late : str
        The two groups.
    colors : mapping
        Group -> colour.
    n_terms : int
        Terms per side (sets the height).

    Examples
    --------
    >>> t = pd.DataFrame({"log_ratio": [1.5], "lo": [1.0], "hi": [2.0], "robust": [True]}, index=["strike"])
    >>> fig = plot_vocabulary_shift(t, t, early="A", late="B", colors={"A": "red", "B": "blue"}, n_terms=1)
    >>> [ax.get_title() for ax in fig.axes], fig.axes[0].collections[1].get_offsets().tolist()
    (['used less in B', 'used more in B'], [[-1.5, 0.0]])
    """
    lose = lose.assign(log_ratio=-lose["log_ratio"], lo=-lose["hi"], hi=-lose["lo"])
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.28 * n_terms + 1.8), sharex=True)
    interval_dots(axes[0], lose, colors[early])
    interval_dots(axes[1], gain, colors[late])
    axes[0].set_title(f"used less in {late}", fontsize=9)
    axes[1].set_title(f"used more in {late}", fontsize=9)
    for ax in axes:
        ax.set_xlabel(f"log ratio {late} / {early} (log2)")
    fig.suptitle(f"How the vocabulary moves from {early} to {late} (95% intervals over documents)", fontsize=10)
    fig.tight_layout()
    return fig


@styled
def plot_lexical_diversity(
    per_work: pd.DataFrame, summary: pd.DataFrame, *, colors: Mapping[str, Any], chunk: int, window: int
) -> Figure:
    """Lexical richness by group: TTR against length per work, then MTLD and MATTR on equal chunks with intervals.

    Parameters
    ----------
    per_work : pandas.DataFrame
        One row per work: ``group``, ``n_tokens``, ``ttr``.
    summary : pandas.DataFrame
        Indexed by group, in the order drawn (top first): ``mtld``, ``mattr`` and their ``_lo`` and ``_hi``,
        ``n_chunks``, ``n_docs`` (as :func:`textlab.vocab.diversity_by_group` gives).
    colors : mapping
        Group -> colour.
    chunk, window : int
        Chunk length and MATTR window, in tokens (told in the titles).

    Examples
    --------
    >>> per_work = pd.DataFrame({"group": ["A", "B"], "n_tokens": [1000, 3000], "ttr": [0.5, 0.3]})
    >>> summary = pd.DataFrame({"mtld": [80.0], "mtld_lo": [70.0], "mtld_hi": [90.0], "mattr": [0.7],
    ...                         "mattr_lo": [0.6], "mattr_hi": [0.8], "n_chunks": [4], "n_docs": [2]}, index=["A"])
    >>> fig = plot_lexical_diversity(per_work, summary, colors={"A": "red", "B": "blue"}, chunk=1000, window=500)
    >>> [t.get_text().splitlines() for t in fig.axes[1].get_yticklabels()], fig.axes[2].get_xlabel()
    ([['A', '4 chunks / 2 works']], 'MATTR (window 500)')
    """
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.8))
    for lab, d in per_work.groupby("group"):
        axes[0].scatter(d["n_tokens"], d["ttr"], s=8, color=colors[str(lab)], label=lab, alpha=0.7, linewidths=0)
    axes[0].set_xscale("log")
    axes[0].set_xlabel("length of a work (tokens, log scale)")
    axes[0].set_ylabel("type-token ratio")
    axes[0].set_title("TTR falls as texts grow", fontsize=9)
    axes[0].legend(frameon=False, fontsize=6)
    y = list(range(len(summary)))[::-1]
    for ax, mcol, name in ((axes[1], "mtld", "MTLD (threshold 0.72)"), (axes[2], "mattr", f"MATTR (window {window})")):
        for yy, (glab, r) in zip(y, summary.iterrows()):
            ax.hlines(yy, r[f"{mcol}_lo"], r[f"{mcol}_hi"], color=colors[str(glab)])
            ax.scatter([r[mcol]], [yy], color=colors[str(glab)], s=20, zorder=3)
        ax.set_yticks(
            y, [f"{lab}\n{int(r.n_chunks)} chunks / {int(r.n_docs)} works" for lab, r in summary.iterrows()], fontsize=7
        )
        ax.set_xlabel(name)
        ax.set_title(f"on {chunk:,}-token chunks", fontsize=9)
    fig.suptitle(
        "Lexical richness, controlling for length (primary rows, all words, no lemmas; 95% intervals over works)",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


@styled
def plot_frequency_over_time(rates: Mapping[str, pd.DataFrame], *, colors: Mapping[str, Any], min_words: int) -> Figure:
    """A few words' rate per 10,000 words by year and author, with intervals: one panel per word.

    Parameters
    ----------
    rates : mapping
        Term -> its table (as :func:`textlab.vocab.frequency_over_time` gives): ``author``, ``year``,
        ``rate``, ``lo``, ``hi``, in panel order.
    colors : mapping
        Author -> colour (grey for an author it lacks).
    min_words : int
        The fewest words a year had to have (told on the axis).

    Examples
    --------
    >>> t = pd.DataFrame({"author": ["A", "A", "B"], "year": [1920, 1921, 1920], "rate": [5.0, 7.0, 2.0],
    ...                   "lo": [4.0, 6.0, 1.0], "hi": [6.0, 8.0, 3.0]})
    >>> fig = plot_frequency_over_time({"party": t, "united_front": t}, colors={"A": "red"}, min_words=1000)
    >>> [ax.get_title() for ax in fig.axes], [t.get_text() for t in fig.axes[0].get_xticklabels()]
    (['“party”', '“united front”'], ['1920', '1921'])
    """
    terms = list(rates)
    fig, axes_ = plt.subplots(1, len(terms), figsize=(3.2 * len(terms), 3.4), sharey=False)
    axes = [axes_] if len(terms) == 1 else list(axes_)
    for ax, term in zip(axes, terms):
        t = rates[term]
        years = sorted(t["year"].unique())
        for author, d in t.groupby("author"):
            color = colors.get(str(author), "#555555")
            x = [years.index(y) for y in d["year"]]
            ax.errorbar(
                x,
                d["rate"],
                yerr=[d["rate"] - d["lo"], d["hi"] - d["rate"]],
                fmt="o-",
                ms=3,
                lw=0.8,
                capsize=2,
                color=color,
                label=author,
            )
        ax.set_xticks(range(len(years)), [str(y) for y in years], fontsize=7, rotation=45)
        ax.set_title(f"\u201c{term.replace('_', ' ')}\u201d", fontsize=9)
        ax.set_xlabel(f"year (only years with >= {min_words:,} words; not to scale)")
        ax.set_ylabel("per 10,000 words")
    axes[0].legend(frameon=False, fontsize=7)
    fig.suptitle(
        "Words over time, per author (95% intervals: documents resampled; one-document years: Poisson)", fontsize=10
    )
    fig.tight_layout()
    return fig


@styled
def plot_quotations_left_in(
    own: pd.DataFrame, printed: pd.DataFrame, *, group: str, color: Any, n_quotation_rows: int, n_terms: int
) -> Figure:
    """A group's distinctive words in its own words, and as printed (its quotations of others left in).

    A word in one list only is set in bold.

    Parameters
    ----------
    own, printed : pandas.DataFrame
        The group's distinctive terms without and with its quotations (as
        :func:`textlab.vocab.distinctive_terms` gives).
    group : str
    color : colour
    n_quotation_rows : int
        Block quotation rows in the printed text (told in its title).
    n_terms : int
        Terms per side (sets the height).

    Examples
    --------
    >>> own = pd.DataFrame({"log_ratio": [1.5], "lo": [1.0], "hi": [2.0], "robust": [True]}, index=["strike"])
    >>> printed = pd.DataFrame({"log_ratio": [1.2], "lo": [0.8], "hi": [1.6], "robust": [True]}, index=["tsar"])
    >>> fig = plot_quotations_left_in(own, printed, group="A", color="red", n_quotation_rows=3, n_terms=1)
    >>> [(t.get_text(), t.get_fontweight()) for t in fig.axes[1].get_yticklabels()]
    [('tsar', 'bold')]
    """
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.28 * n_terms + 1.8))
    for ax, t, quoted in zip(axes, (own, printed), (False, True)):
        interval_dots(ax, t, color)
        ax.set_title(
            f"as printed: quotations in ({n_quotation_rows} block quotation rows)"
            if quoted
            else "own words: every quotation cut out",
            fontsize=9,
        )
        ax.set_xlabel("log ratio vs the rest (log2)")
    only = [set(printed.index) - set(own.index), set(own.index) - set(printed.index)]
    for ax, new in zip(axes[::-1], only):
        for lab in ax.get_yticklabels():
            if lab.get_text().replace(" ", "_") in new:
                lab.set_fontweight("bold")
    fig.suptitle(
        f"{group}: what quotations do to its distinctive words (units: works; bold: in one list only)", fontsize=10
    )
    fig.tight_layout()
    return fig
