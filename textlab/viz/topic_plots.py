"""Figures of topic models: choosing K, the topics, two backends compared, prevalence by group and over time.

Each function draws the tables it is given (as :mod:`textlab.topics.model`
and :mod:`textlab.topics.prevalence` make them) and returns a
:class:`matplotlib.figure.Figure`; group names and colours come in as arguments.

Examples
--------
>>> table = pd.DataFrame({"topic": [0, 1], "label": ["strike / union", "army / war"], "named": [False, False],
...                       "relevance": ["strike, union", "army, war"]})
>>> topic_ticks(table)
['0: strike / union', '1: army / war']
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from textlab.viz.style import styled

__all__ = [
    "topic_ticks",
    "plot_choosing_k",
    "plot_topic_overview",
    "plot_backend_agreement",
    "plot_prevalence_by_group",
    "plot_theme_shift",
    "plot_themes_over_time",
    "plot_quotation_prevalence",
]


def topic_ticks(table: pd.DataFrame, n_words: int = 4) -> list[str]:
    """Each topic's tick label: number and label, and its top words by relevance when a reader named it.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per topic: ``topic``, ``label``, ``named`` (a reader's name, not its top words) and
        ``relevance`` (its words, comma-separated), as :func:`textlab.topics.model.corpus_topics` gives.
    n_words : int
        Words shown after a reader's name.

    Examples
    --------
    >>> table = pd.DataFrame({"topic": [3], "label": ["labour"], "named": [True],
    ...                       "relevance": ["strike, union_dues, wages, factory, hours"]})
    >>> topic_ticks(table, n_words=2)
    ['3: labour (strike, union dues)']
    """
    out = []
    for r in table.itertuples():
        words = ", ".join(str(r.relevance).replace("_", " ").split(", ")[:n_words])
        out.append(f"{r.topic}: {r.label} ({words})" if r.named else f"{r.topic}: {r.label}")
    return out


@styled
def plot_choosing_k(runs: pd.DataFrame, by_k: pd.DataFrame, *, k_star: int, heldout: Sequence[bool]) -> Figure:
    """Coherence, held-out perplexity and stability against the number of topics: each seed, and their mean.

    Parameters
    ----------
    runs : pandas.DataFrame
        One row per fit: ``k``, ``seed``, ``npmi``, ``umass``, ``perplexity``, ``stable_share``.
    by_k : pandas.DataFrame
        The same columns averaged over seeds, one row per K.
    k_star : int
        The suggested K (a dashed line).
    heldout : sequence of bool
        Which chunks were held out for perplexity.

    Examples
    --------
    >>> runs = pd.DataFrame({"k": [2, 2, 3, 3], "seed": [0, 1, 0, 1], "npmi": [0.1, 0.2, 0.15, 0.1],
    ...                      "umass": [-1.0, -1.2, -1.1, -1.3], "perplexity": [900, 910, 880, 890],
    ...                      "stable_share": [1.0, 1.0, 0.67, 0.67]})
    >>> by_k = runs.groupby("k", as_index=False).mean()
    >>> fig = plot_choosing_k(runs, by_k, k_star=3, heldout=[True, False, False, False])
    >>> len(fig.axes), fig.texts[0].get_text().split(";")[0]
    (4, 'Choosing K: 2 seeds per K on 3 chunks, 1 held out')
    """
    held = np.asarray(heldout, dtype=bool)
    panels = [
        ("npmi", "NPMI coherence (top 10 words)", "higher is better"),
        ("umass", "UMass coherence", "higher is better"),
        ("perplexity", "held-out perplexity", "lower is better"),
        ("stable_share", "share of topics that come back", "across the other seeds (cosine >= 0.7)"),
    ]
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.4))
    for ax, (col, title, note) in zip(axes, panels):
        ax.scatter(runs["k"], runs[col], s=10, color="#1f4e79", alpha=0.5, label="one seed")
        ax.plot(by_k["k"], by_k[col], color="#1f4e79", linewidth=1.2, label="mean over seeds")
        ax.axvline(k_star, color="#e07b39", linewidth=1, linestyle="--")
        ax.set_title(title, fontsize=9)
        ax.set_xlabel(f"number of topics K ({note})", fontsize=7)
        ax.set_xticks(by_k["k"])
    axes[0].legend(fontsize=7, frameon=False)
    n_docs = len(held)
    fig.suptitle(
        f"Choosing K: {len(runs['seed'].unique())} seeds per K on {n_docs - int(held.sum())} chunks, "
        f"{int(held.sum())} held out; dashed: K = {k_star} "
        "(perplexity within reach of the best, then the most stable)",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


@styled
def plot_topic_overview(table: pd.DataFrame, *, backend: str = "tomotopy") -> Figure:
    """A model's topics, the most prevalent on top: prevalence, coherence and recurrence; grey: unstable.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per topic (as :func:`textlab.topics.model.corpus_topics` gives): ``topic``, ``label``,
        ``named``, ``relevance``, ``prevalence``, ``npmi``, ``recurrence`` (share of 4 refits it comes back
        in) and ``stable``.
    backend : str, default "tomotopy"
        The library that fitted the model, as the title names it.

    Examples
    --------
    >>> table = pd.DataFrame({"topic": [0, 1], "label": ["strike / union", "† army / war"], "named": [False, False],
    ...                       "relevance": ["strike, union", "army, war"], "prevalence": [0.7, 0.3],
    ...                       "npmi": [0.2, 0.05], "recurrence": [1.0, 0.25], "stable": [True, False]})
    >>> fig = plot_topic_overview(table)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()], fig.texts[0].get_text().split(";")[0]
    (['1: † army / war', '0: strike / union'], 'The 2 topics of the corpus model (tomotopy LDA, seed 0)')
    """
    t = table.sort_values("prevalence")
    y = np.arange(len(t))
    colors = ["#1f4e79" if s else "#b9b9b9" for s in t["stable"]]
    fig, axes = plt.subplots(
        1, 3, figsize=(12, 0.32 * len(t) + 1.6), sharey=True, gridspec_kw={"width_ratios": [3, 1, 1]}
    )
    axes[0].barh(y, t["prevalence"], color=colors)
    axes[0].set_yticks(y, topic_ticks(t), fontsize=7)
    axes[0].set_xlabel("mean share of a chunk")
    axes[1].scatter(t["npmi"], y, color=colors, s=14)
    axes[1].axvline(0, color="#999999", linewidth=0.6)
    axes[1].set_xlabel("NPMI, top 10 words")
    axes[2].scatter(t["recurrence"], y, color=colors, s=14)
    axes[2].set_xlim(-0.05, 1.05)
    axes[2].set_xlabel("comes back in\n(share of 4 refits)")
    n_bad = int((~t["stable"]).sum())
    fig.suptitle(
        f"The {len(t)} topics of the corpus model ({backend} LDA, seed 0); grey and †: {n_bad} topics that do not "
        "come back in at least half of 4 refits",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


@styled
def plot_backend_agreement(
    similarity: np.ndarray,
    matched: np.ndarray,
    table: pd.DataFrame,
    matched_words: Sequence[str],
    *,
    names: tuple[str, str] = ("tomotopy", "gensim"),
) -> Figure:
    """How well a model's topics match their best matches among another backend's, the closest first.

    Parameters
    ----------
    similarity : array, shape (K, K)
        Cosine similarity of topic i (rows) to the other backend's topic matched to topic j (columns).
    matched : array, shape (K,)
        Each topic's similarity to its match (the diagonal).
    table : pandas.DataFrame
        The model's topics (as :func:`textlab.topics.corpus.corpus_topics` gives), one row per topic in order.
    matched_words : sequence of str
        For each topic, the top words of its match.
    names : (str, str)
        The two backends as readers know them: the model's, then the other's.

    Examples
    --------
    >>> table = pd.DataFrame({"topic": [0, 1], "label": ["strike", "army"], "named": [False, False],
    ...                       "relevance": ["strike", "army"]})
    >>> sim = np.array([[0.6, 0.1], [0.2, 0.9]])
    >>> fig = plot_backend_agreement(sim, np.diag(sim), table, ["strike / union", "army / war"])
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()], fig.texts[0].get_text()[:45]
    (['1: army', '0: strike'], 'Do the backends agree? 1 of 2 tomotopy topics')
    """
    k = len(matched)
    order = np.argsort(-matched, kind="stable")
    fig, axes = plt.subplots(1, 2, figsize=(12, 0.3 * k + 2), gridspec_kw={"width_ratios": [2.2, 1]})
    im = axes[0].imshow(similarity[order][:, order], cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ticks = topic_ticks(table.set_index("topic").loc[order].reset_index(), n_words=3)
    axes[0].set_yticks(range(k), ticks, fontsize=7)
    axes[0].set_xticks(range(k), [matched_words[i] for i in order], rotation=90, fontsize=6)
    axes[0].set_xlabel(f"{names[1]} topic matched to each {names[0]} topic (Hungarian matching)")
    fig.colorbar(im, ax=axes[0], fraction=0.03, label="cosine similarity")
    y = np.arange(k)[::-1]
    axes[1].barh(y, matched[order], color=["#1f4e79" if s >= 0.7 else "#b9b9b9" for s in matched[order]])
    axes[1].axvline(0.7, color="#e07b39", linewidth=1, linestyle="--")
    axes[1].set_yticks([])
    axes[1].set_xlim(0, 1)
    axes[1].set_xlabel("similarity of the match (dashed: 0.7)")
    fig.suptitle(
        f"Do the backends agree? {int((matched >= 0.7).sum())} of {k} {names[0]} topics have a {names[1]} match "
        "with cosine >= 0.7",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


@styled
def plot_prevalence_by_group(
    prevalence: pd.DataFrame, table: pd.DataFrame, *, groups: Sequence[str], colors: Mapping[str, Any]
) -> Figure:
    """Each topic's share of each group with its interval; topics by prevalence, the largest on top.

    Parameters
    ----------
    prevalence : pandas.DataFrame
        ``group``, ``topic``, ``prevalence``, ``low``, ``high``
        (as :func:`textlab.topics.prevalence.bootstrap_prevalence` gives).
    table : pandas.DataFrame
        The topics (as :func:`textlab.topics.model.corpus_topics` gives).
    groups : sequence of str
        The groups drawn, first on top of each topic.
    colors : mapping
        Group -> colour.

    Examples
    --------
    >>> table = pd.DataFrame({"topic": [0, 1], "label": ["strike", "army"], "named": [False, False],
    ...                       "relevance": ["strike", "army"], "prevalence": [0.6, 0.4]})
    >>> prev = pd.DataFrame({"group": ["A", "A", "B", "B"], "topic": [0, 1, 0, 1], "prevalence": [0.7, 0.3, 0.5, 0.5],
    ...                      "low": [0.6, 0.2, 0.4, 0.4], "high": [0.8, 0.4, 0.6, 0.6]})
    >>> ax = plot_prevalence_by_group(prev, table, groups=["B", "A"], colors={"A": "red", "B": "blue"}).axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()], [t.get_text() for t in ax.get_yticklabels()]
    (['B', 'A'], ['1: army', '0: strike'])
    """
    table = table.sort_values("prevalence")
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(table) + 1.8))
    step = 0.8 / len(groups)
    for j, grp in enumerate(groups):
        d = prevalence[prevalence["group"] == grp].set_index("topic").loc[table["topic"]]
        y = np.arange(len(table)) + 0.4 - step * (j + 0.5)  # first group on top
        ax.hlines(y, d["low"], d["high"], color=colors[grp], linewidth=1)
        ax.scatter(d["prevalence"], y, color=colors[grp], s=12, label=grp, zorder=3)
    ax.set_yticks(np.arange(len(table)), topic_ticks(table), fontsize=7)
    ax.set_xlabel("mean topic share of the group's chunks (95% interval over corpus rows)")
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    fig.suptitle("Which themes each author and period dwells on (a group of one row has no interval)", fontsize=10)
    fig.tight_layout()
    return fig


@styled
def plot_theme_shift(
    difference: pd.DataFrame, table: pd.DataFrame, *, a: str, b: str, colors: Mapping[str, Any]
) -> Figure:
    """Difference in each topic's share between two groups, with its interval; hollow where it includes 0.

    Parameters
    ----------
    difference : pandas.DataFrame
        ``topic``, ``difference`` (share in ``a`` minus share in ``b``), ``low``, ``high`` and
        ``excludes_zero`` (as :func:`textlab.topics.prevalence.prevalence_difference` gives).
    table : pandas.DataFrame
        The topics (as :func:`textlab.topics.model.corpus_topics` gives).
    a, b : str
        The two groups.
    colors : mapping
        Group -> colour of the topics it has more of.

    Examples
    --------
    >>> table = pd.DataFrame({"topic": [0, 1], "label": ["strike", "army"], "named": [False, False],
    ...                       "relevance": ["strike", "army"]})
    >>> d = pd.DataFrame({"topic": [0, 1], "difference": [0.2, -0.05], "low": [0.1, -0.15], "high": [0.3, 0.05],
    ...                   "excludes_zero": [True, False]})
    >>> fig = plot_theme_shift(d, table, a="A", b="B", colors={"A": "red", "B": "blue"})
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()], fig.texts[0].get_text()
    (['1: army', '0: strike'], 'How the themes move: A against B')
    """
    d = difference.sort_values("difference")
    table = table.set_index("topic").loc[d["topic"]].reset_index()
    y = np.arange(len(d))
    solid = d["excludes_zero"].to_numpy(dtype=bool)
    color = np.where(d["difference"] > 0, colors[a], colors[b])
    fig, ax = plt.subplots(figsize=(9, 0.34 * len(d) + 1.6))
    ax.hlines(y, d["low"], d["high"], color=color, linewidth=1.2)
    ax.scatter(d["difference"][solid], y[solid], color=color[solid], s=18, zorder=3)
    ax.scatter(d["difference"][~solid], y[~solid], facecolor="white", edgecolor=color[~solid], s=18, zorder=3)
    ax.axvline(0, color="#999999", linewidth=0.6)
    ax.set_yticks(y, topic_ticks(table), fontsize=7)
    ax.set_xlabel(f"share in {a} minus share in {b}\n(95% interval over corpus rows; hollow: includes 0)")
    fig.suptitle(f"How the themes move: {a} against {b}", fontsize=10)
    fig.tight_layout()
    return fig


@styled
def plot_themes_over_time(
    yearly: pd.DataFrame,
    monthly: pd.DataFrame,
    topics: Sequence[Any],
    *,
    author: str,
    group: str,
    n_topics: int | None = None,
) -> Figure:
    """Some topics' shares of one author by year (top row) and of one group by month (bottom row), with intervals.

    Parameters
    ----------
    yearly : pandas.DataFrame
        The author's prevalence by year: ``topic``, ``label``, ``year``, ``prevalence``, ``low``, ``high``.
    monthly : pandas.DataFrame
        The group's prevalence by month: ``topic``, ``month`` (``"1930-04"``), ``prevalence``, ``low``, ``high``.
    topics : sequence
        The topics drawn, one column each.
    author, group : str
        Named on the axes and in the title (the author by the last word of the name).
    n_topics : int, optional
        Columns of panels (default: one per topic), told in the title.

    Examples
    --------
    >>> yearly = pd.DataFrame({"topic": [0, 0], "label": ["strike"] * 2, "year": [1920, 1923],
    ...                        "prevalence": [0.3, 0.5], "low": [0.2, 0.4], "high": [0.4, 0.6]})
    >>> monthly = pd.DataFrame({"topic": [0, 0], "month": ["1920-03", "1920-09"], "prevalence": [0.3, 0.4],
    ...                         "low": [0.2, 0.3], "high": [0.4, 0.5]})
    >>> fig = plot_themes_over_time(yearly, monthly, [0], author="A. Adams", group="Adams 1920")
    >>> fig.axes[0].get_title(), [t.get_text() for t in fig.axes[1].get_xticklabels()]
    ('0: strike', ['20-03', '20-09'])
    """
    n_topics = len(topics) if n_topics is None else n_topics
    fig, axes = plt.subplots(2, n_topics, figsize=(2.1 * n_topics, 5.2), sharey="row", squeeze=False)
    for j, topic in enumerate(topics):
        for ax, d, col in ((axes[0, j], yearly, "year"), (axes[1, j], monthly, "month")):
            d = d[d["topic"] == topic].sort_values(col)
            x = d[col].to_numpy(dtype=float) if col == "year" else np.arange(len(d))  # years at their distance
            ax.fill_between(x, d["low"].astype(float), d["high"].astype(float), color="#2166ac", alpha=0.2, linewidth=0)
            ax.plot(x, d["prevalence"], color="#053061", marker="o", markersize=2.5, linewidth=1)
            labels = [str(v) if col == "year" else str(v)[2:] for v in d[col]]
            ax.set_xticks(x, labels, rotation=90, fontsize=6)
        label = yearly.loc[yearly["topic"] == topic, "label"].iloc[0]
        axes[0, j].set_title(textwrap.fill(f"{topic}: {label}", 28), fontsize=7)
    axes[0, 0].set_ylabel(f"share, {author.split()[-1]} by year")
    axes[1, 0].set_ylabel(f"share, {group} by month")
    fig.suptitle(
        f"{author.split()[-1]}'s {n_topics} most changing themes, by year and by month of {group} "
        "(95% intervals over corpus rows; none for a single row)",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


@styled
def plot_quotation_prevalence(table: pd.DataFrame, *, group: str, color: Any) -> Figure:
    """A group's topic prevalence in its own words and with its quotations put back, and the change, with intervals.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per topic (as :func:`textlab.topics.model.corpus_quotation_prevalence` gives): ``label``,
        ``own``, ``own_low``, ``own_high``, ``with_quotations``, ``with_low``, ``with_high``, ``change``,
        ``change_low``, ``change_high``. Drawn by ``own``, the largest on top.
    group : str
    color : colour

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["strike", "army"], "own": [0.6, 0.4], "own_low": [0.5, 0.3],
    ...                   "own_high": [0.7, 0.5], "with_quotations": [0.5, 0.5], "with_low": [0.4, 0.4],
    ...                   "with_high": [0.6, 0.6], "change": [-0.1, 0.1], "change_low": [-0.2, -0.01],
    ...                   "change_high": [-0.05, 0.2]})
    >>> fig = plot_quotation_prevalence(t, group="A", color="red")
    >>> len(fig.axes), [t.get_text() for t in fig.axes[0].get_yticklabels()]
    (2, ['army', 'strike'])
    """
    t = table.sort_values("own")
    y = np.arange(len(t))
    fig, (ax, bx) = plt.subplots(
        1, 2, figsize=(11, 0.32 * len(t) + 1.6), sharey=True, gridspec_kw={"width_ratios": [3, 2]}
    )
    ax.errorbar(
        t["own"],
        y - 0.12,
        xerr=[t["own"] - t["own_low"], t["own_high"] - t["own"]],
        fmt="o",
        color=color,
        ms=5,
        lw=1,
        label="own words (quotations dropped)",
    )
    ax.errorbar(
        t["with_quotations"],
        y + 0.12,
        xerr=[t["with_quotations"] - t["with_low"], t["with_high"] - t["with_quotations"]],
        fmt="s",
        mfc="white",
        color="#444444",
        ms=5,
        lw=1,
        label="as printed (quotations in)",
    )
    ax.set_yticks(y)
    ax.set_yticklabels(t["label"], fontsize=8)
    ax.set_xlabel("prevalence: mean topic share of chunks\n(95% interval over rows)")
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    clear = (t["change_low"] > 0) | (t["change_high"] < 0)
    bx.axvline(0, color="#999999", lw=0.8)
    for yy, (c, lo, hi, ok) in zip(y, t[["change", "change_low", "change_high"]].assign(ok=clear).to_numpy()):
        bx.plot([lo, hi], [yy, yy], color=color, lw=1)
        bx.plot([c], [yy], "o", color=color, mfc=color if ok else "white", ms=5)
    bx.set_xlabel("change when quotations are put back\n(95% paired interval over works)")
    fig.suptitle(
        f"{group}: topics in its own words and with its quotations (same model; hollow: interval crosses 0)",
        fontsize=10,
    )
    fig.tight_layout()
    return fig
