"""Figures: one function per figure, each returning a :class:`matplotlib.figure.Figure`.

No global style is set at import and nothing is shown: the functions build
figures under a local ``rc_context``; :func:`save_figure` writes PNG bytes
without timestamps or software tags, so a rebuild from the same inputs and
versions gives the same file. :data:`FIGURES` lists every figure with the
notebook that shows it; :func:`write_figures` regenerates them all.
"""

from __future__ import annotations

import functools
import io
import logging
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from textlab import topics as topics_mod
from textlab.core import paths
from textlab.core.io import atomic_write_bytes
from textlab.corpus.table import Corpus
from textlab.features import dtm as dtm_mod
from textlab.features.tokenize import diversity_tokenizer
from textlab.study import report
from textlab.vocab import keyness as vocab

log = logging.getLogger(__name__)

__all__ = [
    "KIND_COLORS",
    "source_labels",
    "fig_words_by_author_kind",
    "fig_words_by_year",
    "fig_lexicon_share",
    "fig_who_speaks",
    "fig_line_accounting",
    "GROUP_COLORS",
    "fig_keyness_by_group",
    "fig_log_odds_scatter",
    "fig_vocabulary_shift",
    "fig_lexical_diversity",
    "fig_frequency_over_time",
    "fig_quotations_left_in",
    "fig_choosing_k",
    "fig_topic_overview",
    "fig_backend_agreement",
    "fig_prevalence_by_group",
    "fig_theme_shift",
    "fig_themes_over_time",
    "write_topic_browser",
    "fig_reuse_map",
    "fig_quoted_share",
    "fig_stylometry_map",
    "fig_quotation_prevalence",
    "comparison_groups",
    "pick_groups",
    "AUTHOR_COLORS",
    "save_figure",
    "write_figures",
    "FIGURES",
]

#: Fixed colours per kind, so every figure reads the same way.
KIND_COLORS = {
    "primary": "#1f4e79",
    "quotation": "#e07b39",
    "editorial": "#7f7f7f",
    "notes": "#b9b9b9",
    "table": "#9c6fb6",
    "index": "#d9c77a",
    "front_matter": "#e8e8e8",
}
_STYLE: dict[str, Any] = {
    "figure.dpi": 100,
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "svg.hashsalt": "textlab",
}


def _styled(fn: Callable[..., Figure]) -> Callable[..., Figure]:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs) -> Figure:
        with plt.rc_context(cast(Any, _STYLE)):
            fig = fn(*args, **kwargs)
        # let go of pyplot's reference: the caller owns the figure (a notebook shows the returned value once,
        # not once more as an open pyplot figure, and a loop of figures does not pile up in memory)
        plt.close(fig)
        return fig

    return wrapper


def _kinds_in(order: pd.Index) -> list[str]:
    return [k for k in KIND_COLORS if k in order]


def source_labels(corpus: Corpus) -> dict[str, str]:
    """Short labels for sources: the source id of their rows and the years they span.

    >>> c = Corpus(pd.DataFrame({"source": ["a.txt"], "doc_id": ["gorter1920-00001"], "year": [1920]}),
    ...            pd.DataFrame(), pd.DataFrame(), {"corpus_hash": ""})
    >>> source_labels(c)
    {'a.txt': 'gorter1920 (1920)'}
    """
    out = {}
    for source, d in corpus.docs.groupby("source", sort=True):
        sid = str(d["doc_id"].iloc[0]).rsplit("-", 1)[0]
        lo, hi = int(d["year"].min()), int(d["year"].max())
        out[str(source)] = f"{sid} ({lo})" if lo == hi else f"{sid} ({lo}-{hi})"
    return out


@_styled
def fig_words_by_author_kind(corpus: Corpus) -> Figure:
    """Words by author (as the rows attribute them), split by kind of text.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_words_by_author_kind(example_corpus()).axes[0]
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.get_legend().get_texts()]
    (['A. Adams', 'B. Brown', 'C. Clark'], ['primary', 'quotation'])
    >>> [round(float(bar.get_width()), 2) for bar in ax.patches]  # thousands of words: primary, then quotation
    [4.0, 4.0, 4.04, 0.0, 0.0, 0.12]
    """
    t = report.words_by(corpus.docs, "author", columns="kind")
    t = t.loc[t.sum(axis=1).sort_values().index]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(t) + 1.5))
    left = pd.Series(0.0, index=t.index)
    for k in _kinds_in(t.columns):
        ax.barh(t.index, t[k] / 1000, left=left / 1000, color=KIND_COLORS[k], label=k, edgecolor="white", linewidth=0.3)
        left += t[k]
    ax.set_xlabel("words (thousands)")
    ax.set_title("Words in the corpus by author and kind of text")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


@_styled
def fig_words_by_year(corpus: Corpus, *, kinds: tuple[str, ...] = ("primary",)) -> Figure:
    """Words per year of writing, by author, for the chosen kinds (default: primary text).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_words_by_year(example_corpus()).axes[0]
    >>> len(ax.patches), round(float(sum(bar.get_height() for bar in ax.patches)), 3)  # 12 years x 3 authors; thousands
    (36, 12.036)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['A. Adams', 'B. Brown', 'C. Clark']
    """
    d = corpus.docs[corpus.docs["kind"].isin(kinds)]
    t = d.pivot_table(index="year", columns="author", values="n_words", aggfunc="sum", fill_value=0)
    t = t.reindex(range(int(t.index.min()), int(t.index.max()) + 1), fill_value=0)
    fig, ax = plt.subplots(figsize=(9, 3.5))
    cmap = plt.get_cmap("tab10")
    bottom = pd.Series(0.0, index=t.index)
    for i, a in enumerate(sorted(t.columns)):
        ax.bar(t.index, t[a] / 1000, bottom=bottom / 1000, color=cmap(i % 10), label=a, width=0.8)
        bottom += t[a]
    ax.set_xlabel("year (as dated in the corpus table)")
    ax.set_ylabel("words (thousands)")
    ax.set_title(f"Words per year ({', '.join(kinds)} rows)")
    ax.legend(frameon=False, fontsize=7, ncol=2)
    fig.tight_layout()
    return fig


@_styled
def fig_lexicon_share(corpus: Corpus, *, reference: tuple[str, ...] = ()) -> Figure:
    """Share of word tokens the English lexicon knows, raw vs cleaned, per source.

    ``reference`` names the clean sources whose cleaned share is drawn as a band
    (the target: OCR sources within one point of it).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_lexicon_share(example_corpus(), reference=("adams_1.txt",)).axes[0]
    >>> len(ax.patches), [t.get_text().split()[0] for t in ax.get_xticklabels()][:3]  # 2 bars a source, a band
    (27, ['adams_1', 'adams_2', 'adams_3'])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ["target: clean sources' range, less one point (adams_1)", 'raw (kept lines)', 'cleaned']
    """
    t = report.lexicon_table(corpus)
    fig, ax = plt.subplots(figsize=(8, 4.2))
    x = range(len(t))
    ax.bar([i - 0.2 for i in x], t["share_raw"], width=0.4, color="#bbbbbb", label="raw (kept lines)")
    ax.bar([i + 0.2 for i in x], t["share_clean"], width=0.4, color="#1f4e79", label="cleaned")
    for i, (a, b) in enumerate(zip(t["share_raw"], t["share_clean"])):
        ax.text(i - 0.2, a + 0.3, f"{a:.1f}", ha="center", fontsize=7)
        ax.text(i + 0.2, b + 0.3, f"{b:.1f}", ha="center", fontsize=7)
    ref = [s for s in reference if s in t.index]
    labels = source_labels(corpus)
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


@_styled
def fig_who_speaks(corpus: Corpus) -> Figure:
    """Share of each source's words by kind: primary text, quotation, editorial, notes...

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_who_speaks(example_corpus()).axes[0]
    >>> len(ax.get_yticklabels()), ax.get_yticklabels()[-1].get_text(), round(ax.patches[-1].get_width())
    (13, 'clark_q (1931)', 100)
    """
    t = report.kind_shares(corpus.docs, by="source")
    fig, ax = plt.subplots(figsize=(8, 3.2))
    left = pd.Series(0.0, index=t.index)
    for k in _kinds_in(t.columns):
        ax.barh(t.index, 100 * t[k], left=100 * left, color=KIND_COLORS[k], label=k, edgecolor="white", linewidth=0.3)
        left += t[k]
    ax.set_yticks(range(len(t)), [source_labels(corpus)[s] for s in t.index], fontsize=8)
    ax.set_xlabel("% of the source's words")
    ax.set_xlim(0, 100)
    ax.set_title("Who speaks: each source's words by kind of text")
    ax.legend(frameon=False, fontsize=7, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.2))
    fig.tight_layout()
    return fig


@_styled
def fig_line_accounting(corpus: Corpus) -> Figure:
    """Raw lines per source: kept in rows or dropped, by named reason.

    Examples
    --------
    Each file of the example corpus is one line of text and a closing blank line:

    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_line_accounting(example_corpus()).axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()], [round(bar.get_width()) for bar in ax.patches][:2]
    (['kept', 'blank'], [50, 50])
    """
    t = report.accounting_table(corpus)
    parts = ["kept"] + sorted(c for c in t.columns if c.startswith("dropped_"))
    fig, ax = plt.subplots(figsize=(8, 3.2))
    cmap = plt.get_cmap("tab20")
    left = pd.Series(0.0, index=t.index)
    for i, c in enumerate(parts):
        share = 100 * t[c] / t["lines"]
        ax.barh(t.index, share, left=left, color="#1f4e79" if c == "kept" else cmap(i), label=c.replace("dropped_", ""))
        left += share
    ax.set_yticks(range(len(t)), [source_labels(corpus)[s] for s in t.index], fontsize=8)
    ax.set_xlabel("% of raw lines")
    ax.set_xlim(0, 100)
    ax.set_title("Line accounting: every raw line kept or dropped with a reason")
    ax.legend(frameon=False, fontsize=7, ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.2))
    fig.tight_layout()
    return fig


#: Fixed colours per comparison group (``data/groups.csv``); other groups get grey.
GROUP_COLORS = {
    "Gorter 1920": "#b2182b",
    "Trotsky 1923-25": "#2166ac",
    "Trotsky 1928": "#67a9cf",
    "Trotsky 1930-31": "#053061",
    "Cliff 1993": "#e08214",
}

#: The bundled corpus's authors, in the colour of one of their groups.
AUTHOR_COLORS = {
    "Herman Gorter": GROUP_COLORS["Gorter 1920"],
    "Leon Trotsky": GROUP_COLORS["Trotsky 1923-25"],
    "Tony Cliff": GROUP_COLORS["Cliff 1993"],
}


def _interval_dots(ax, t: pd.DataFrame, color: str) -> None:
    """Log ratio with its interval, one row per term (top row first); hollow if the interval crosses 0."""
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


def comparison_groups(corpus: Corpus) -> list[str]:
    """The corpus's comparison groups (:func:`textlab.features.dtm.corpus_dtm`), the bundled ones in their usual order,
    then the others by words, most first.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> comparison_groups(example_corpus())
    ['C. Clark', 'A. Adams', 'B. Brown']
    """
    d = dtm_mod.corpus_dtm(corpus).docs
    words = d.groupby("group")["n_words"].sum()
    known = [g for g in GROUP_COLORS if g in words.index]
    rest = sorted((g for g in words.index if g not in GROUP_COLORS), key=lambda g: (-int(words[g]), str(g)))
    return known + rest


def pick_groups(corpus: Corpus, wanted: Sequence[str]) -> list[str]:
    """``wanted`` if the corpus has all these groups, else as many of its largest groups (a user's corpus).

    Figures name the bundled corpus's groups as defaults; on another corpus they compare its largest groups,
    so every figure runs on any corpus.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> corpus = example_corpus()
    >>> pick_groups(corpus, ["B. Brown", "A. Adams"]), pick_groups(corpus, ["Trotsky 1930-31", "Cliff 1993"])
    (['B. Brown', 'A. Adams'], ['C. Clark', 'A. Adams'])
    """
    have = comparison_groups(corpus)
    if all(w in have for w in wanted):
        return list(wanted)
    by_words = sorted(
        have, key=lambda g: -int(dtm_mod.corpus_dtm(corpus).docs.loc[lambda d: d["group"] == g, "n_words"].sum())
    )
    if len(by_words) < len(wanted):
        raise ValueError(f"the figure compares {len(wanted)} groups; the corpus has {len(have)}: {have}")
    chosen = by_words[: len(wanted)]
    log.info("groups %s are not in this corpus: using its largest groups %s", list(wanted), chosen)
    return chosen


def _color(name: str, i: int = 0) -> str:
    """A group's colour: the bundled groups' own, else one of matplotlib's cycle by position."""
    return (
        GROUP_COLORS.get(name) or AUTHOR_COLORS.get(name) or plt.rcParams["axes.prop_cycle"].by_key()["color"][i % 10]
    )


@_styled
def fig_keyness_by_group(
    corpus: Corpus, *, n_terms: int = 12, min_doc_share: float = 0.2, n_boot: int = 500, seed: int = 0
) -> Figure:
    """Each group's most distinctive words against all the others: log ratio with a document-bootstrap interval.

    Words qualify by G2 (p < 0.001) and dispersion (in at least ``min_doc_share``
    of the group's documents); see :func:`textlab.vocab.keyness.distinctive_terms`.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_keyness_by_group(example_corpus(), n_terms=5, n_boot=100)
    >>> [ax.get_title() for ax in fig.axes[:3]]
    ['C. Clark (4 documents)', 'A. Adams (4 documents)', 'B. Brown (4 documents)']
    >>> [t.get_text() for t in fig.axes[1].get_yticklabels()]
    ['program', 'union', 'congress', 'leader', 'member']
    """
    m = dtm_mod.corpus_dtm(corpus)
    g = m.docs["group"].to_numpy()
    labels = comparison_groups(corpus)[:6]
    fig, axes = plt.subplots(2, 3, figsize=(11, 7.5))
    for ax, lab in zip(axes.flat, labels):
        t = vocab.distinctive_terms(
            m.X, m.vocab, g, target=lab, n=n_terms, min_doc_share=min_doc_share, n_boot=n_boot, seed=seed
        )
        _interval_dots(ax, t, GROUP_COLORS.get(lab, "#555555"))
        nd = int((g == lab).sum())
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
            f"Bars: 95% interval, {n_boot} resamples\nof documents. Hollow: crosses 0.\n"
            + (
                "One document (1928): the interval\nholds only the other groups' variation."
                if "Trotsky 1928" in labels
                else ""
            ),
            fontsize=8,
            va="center",
        )
    fig.suptitle("What distinguishes each author and period: most distinctive words", fontsize=11)
    fig.tight_layout()
    return fig


@_styled
def fig_log_odds_scatter(
    corpus: Corpus,
    *,
    target: str = "Trotsky 1930-31",
    reference: str = "Cliff 1993",
    alpha0: float = 1000.0,
    n_label: int = 12,
) -> Figure:
    """Monroe et al. (2008) weighted log-odds z-scores of two groups against word frequency.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_log_odds_scatter(example_corpus(), target="B. Brown", reference="A. Adams", n_label=2).axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['|z| <= 1.96', 'more in B. Brown', 'more in A. Adams']
    >>> [t.get_text() for t in ax.texts]  # the two words at each end
    ['cooperative', 'tax', 'union', 'program']
    """
    target, reference = pick_groups(corpus, (target, reference))
    m = dtm_mod.corpus_dtm(corpus)
    g = m.docs["group"].to_numpy()
    keep = (g == target) | (g == reference)
    fw = vocab.fightin_words(m.X[keep], m.vocab, g[keep], target=target, reference=reference, alpha0=alpha0)
    total = pd.Series(np.asarray(m.X[keep].sum(axis=0)).ravel(), index=m.vocab).loc[fw.index]
    fw = fw[total > 0]
    total = total[total > 0]
    fig, ax = plt.subplots(figsize=(9, 5.5))
    sig = fw["z"].abs() > 1.96
    ax.scatter(total[~sig], fw["z"][~sig], s=4, color="#cccccc", linewidths=0, label="|z| <= 1.96")
    for side, color, lab in (
        (fw["z"] > 1.96, GROUP_COLORS.get(target, "#333"), target),
        (fw["z"] < -1.96, GROUP_COLORS.get(reference, "#999"), reference),
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


@_styled
def fig_vocabulary_shift(
    corpus: Corpus,
    *,
    early: str = "Trotsky 1923-25",
    late: str = "Trotsky 1930-31",
    n_terms: int = 15,
    min_doc_share: float = 0.2,
    n_boot: int = 500,
    seed: int = 0,
) -> Figure:
    """Words one author gains and loses between two periods, with document-bootstrap intervals.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_vocabulary_shift(example_corpus(), early="A. Adams", late="C. Clark", n_terms=3, n_boot=100)
    >>> [ax.get_title() for ax in fig.axes], [t.get_text() for t in fig.axes[1].get_yticklabels()]
    (['used less in C. Clark', 'used more in C. Clark'], ['soldier', 'defense', 'army'])
    """
    early, late = pick_groups(corpus, (early, late))
    m = dtm_mod.corpus_dtm(corpus)
    g = m.docs["group"].to_numpy()
    keep = (g == early) | (g == late)
    X, gg = m.X[keep], g[keep]
    gain = vocab.distinctive_terms(
        X, m.vocab, gg, target=late, reference=early, n=n_terms, min_doc_share=min_doc_share, n_boot=n_boot, seed=seed
    )
    lose = vocab.distinctive_terms(
        X, m.vocab, gg, target=early, reference=late, n=n_terms, min_doc_share=min_doc_share, n_boot=n_boot, seed=seed
    )
    lose = lose.assign(log_ratio=-lose["log_ratio"], lo=-lose["hi"], hi=-lose["lo"])
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.28 * n_terms + 1.8), sharex=True)
    _interval_dots(axes[0], lose, GROUP_COLORS.get(early, "#2166ac"))
    _interval_dots(axes[1], gain, GROUP_COLORS.get(late, "#053061"))
    axes[0].set_title(f"used less in {late}", fontsize=9)
    axes[1].set_title(f"used more in {late}", fontsize=9)
    for ax in axes:
        ax.set_xlabel(f"log ratio {late} / {early} (log2)")
    fig.suptitle(f"How the vocabulary moves from {early} to {late} (95% intervals over documents)", fontsize=10)
    fig.tight_layout()
    return fig


@_styled
def fig_lexical_diversity(
    corpus: Corpus, *, chunk: int = 1000, window: int = 500, n_boot: int = 1000, seed: int = 0
) -> Figure:
    """Lexical richness by group: TTR falls with length; MTLD and MATTR on equal chunks do not.

    The unit is the work (an article, a chapter, a section): a group's rows of
    one work are joined, cut into ``chunk``-token chunks, and works are resampled.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_lexical_diversity(example_corpus(), n_boot=100)
    >>> [t.get_text().splitlines() for t in fig.axes[1].get_yticklabels()][0]
    ['C. Clark', '4 chunks / 2 works']
    """
    rows = dtm_mod.corpus_rows(corpus)
    tok = diversity_tokenizer()
    toks = [tok(t) for t in rows["text"]]
    per_work = rows.assign(_t=pd.Series(toks, index=rows.index)).groupby(["group", "work"], sort=False)["_t"].sum()
    per_doc = vocab.lexical_diversity(per_work.tolist(), window=window).assign(group=per_work.index.get_level_values(0))
    _, summary = vocab.diversity_by_group(
        toks,
        rows["group"].to_numpy(),
        units=rows["work"].to_numpy(),
        chunk=chunk,
        window=window,
        n_boot=n_boot,
        seed=seed,
    )
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.8))
    for lab, d in per_doc.groupby("group"):
        axes[0].scatter(
            d["n_tokens"], d["ttr"], s=8, color=GROUP_COLORS.get(str(lab), "#555"), label=lab, alpha=0.7, linewidths=0
        )
    axes[0].set_xscale("log")
    axes[0].set_xlabel("length of a work (tokens, log scale)")
    axes[0].set_ylabel("type-token ratio")
    axes[0].set_title("TTR falls as texts grow", fontsize=9)
    axes[0].legend(frameon=False, fontsize=6)
    summary = summary.set_index("group").loc[[x for x in comparison_groups(corpus) if x in set(summary["group"])]]
    y = list(range(len(summary)))[::-1]
    for ax, mcol, name in ((axes[1], "mtld", "MTLD (threshold 0.72)"), (axes[2], "mattr", f"MATTR (window {window})")):
        for yy, (glab, r) in zip(y, summary.iterrows()):
            ax.hlines(yy, r[f"{mcol}_lo"], r[f"{mcol}_hi"], color=GROUP_COLORS.get(str(glab), "#555"))
            ax.scatter([r[mcol]], [yy], color=GROUP_COLORS.get(str(glab), "#555"), s=20, zorder=3)
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


@_styled
def fig_frequency_over_time(
    corpus: Corpus,
    *,
    terms: tuple[str, ...] = ("bureaucracy", "bureaucratism", "thermidor", "united_front"),
    min_words: int = 2000,
    n_boot: int = 1000,
    seed: int = 0,
) -> Figure:
    """A few words' frequency per 10,000 words by year and author, with intervals (primary rows).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_frequency_over_time(example_corpus(), terms=("party", "war"), min_words=1000, n_boot=100)
    >>> [ax.get_title() for ax in fig.axes], [t.get_text() for t in fig.axes[0].get_xticklabels()]
    (['“party”', '“war”'], ['1920', '1921', '1923', '1925', '1930', '1931'])
    """
    m = dtm_mod.corpus_dtm(corpus)
    if not all(t in set(m.vocab) for t in terms):  # another corpus: its most frequent terms
        known = [t for t in terms if t in set(m.vocab)]
        top = [str(m.vocab[i]) for i in np.argsort(-np.asarray(m.X.sum(axis=0)).ravel(), kind="stable")]
        terms = tuple(known + [t for t in top if t not in known][: len(terms) - len(known)])
        log.info("terms not in this corpus's vocabulary: following %s", terms)
    fig, axes = plt.subplots(1, len(terms), figsize=(3.2 * len(terms), 3.4), sharey=False)
    axes = [axes] if len(terms) == 1 else list(axes)
    cmap = {
        "Herman Gorter": GROUP_COLORS["Gorter 1920"],
        "Leon Trotsky": GROUP_COLORS["Trotsky 1930-31"],
        "Tony Cliff": GROUP_COLORS["Cliff 1993"],
    }
    authors = sorted(m.docs["author"].dropna().unique())
    cmap.update({a: _color(a, i) for i, a in enumerate(authors) if a not in cmap})
    for ax, term in zip(axes, terms):
        t = vocab.frequency_over_time(
            m.X, m.vocab, m.docs, term, lengths=m.docs["n_words"], min_words=min_words, n_boot=n_boot, seed=seed
        )
        years = sorted(t["year"].unique())
        for author, d in t.groupby("author"):
            color = cmap.get(str(author), "#555555")
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


@_styled
def fig_quotations_left_in(
    corpus: Corpus, *, group: str = "Cliff 1993", n_terms: int = 15, n_boot: int = 500, seed: int = 0
) -> Figure:
    """A group's distinctive words in its own words (quotations dropped), and with its quotations of others left in.

    Both panels count works (chapters, articles), not rows, so that the
    quotation rows, which cut a chapter into more pieces, do not change the
    units of dispersion and of the bootstrap.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_quotations_left_in(example_corpus(), group="C. Clark", n_terms=5, n_boot=100)
    >>> [ax.get_title() for ax in fig.axes]
    ['own words: every quotation cut out', 'as printed: quotations in (1 block quotation rows)']
    """
    (group,) = pick_groups(corpus, (group,))
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.28 * n_terms + 1.8))
    tables = []
    for ax, quoted in zip(axes, ((), (group,))):
        # own words: every quotation cut out (the default); as printed: inline quotations and block quotations in
        rows = dtm_mod.corpus_dtm(corpus, quotations_of=quoted, quotations="rows" if quoted else "drop")
        m = rows.aggregate(["group", "work"])
        g = m.docs["group"].to_numpy()
        t = vocab.distinctive_terms(m.X, m.vocab, g, target=group, n=n_terms, n_boot=n_boot, seed=seed)
        tables.append(t)
        _interval_dots(ax, t, GROUP_COLORS.get(group, "#555555"))
        nq = int((rows.docs["kind"] == "quotation").sum())
        ax.set_title(
            f"as printed: quotations in ({nq} block quotation rows)"
            if quoted
            else "own words: every quotation cut out",
            fontsize=9,
        )
        ax.set_xlabel("log ratio vs the rest (log2)")
    only = [set(tables[1].index) - set(tables[0].index), set(tables[0].index) - set(tables[1].index)]
    for ax, new in zip(axes[::-1], only):
        for lab in ax.get_yticklabels():
            if lab.get_text().replace(" ", "_") in new:
                lab.set_fontweight("bold")
    fig.suptitle(
        f"{group}: what quotations do to its distinctive words (units: works; bold: in one list only)", fontsize=10
    )
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- topics (notebooks 03 and 04)


def _group_order(labels) -> list[str]:
    return sorted(
        set(labels), key=lambda x: (x not in GROUP_COLORS, list(GROUP_COLORS).index(x) if x in GROUP_COLORS else x)
    )


def _topic_ticks(table: pd.DataFrame, n_words: int = 4) -> list[str]:
    """A topic's tick label: number and (flagged) label, and its top words by relevance when a reader named it."""
    out = []
    for r in table.itertuples():
        words = ", ".join(str(r.relevance).replace("_", " ").split(", ")[:n_words])
        out.append(f"{r.topic}: {r.label} ({words})" if r.named else f"{r.topic}: {r.label}")
    return out


@_styled
def fig_choosing_k(corpus: Corpus, *, ks: Sequence[int] = topics_mod.DEFAULT_KS) -> Figure:
    """Coherence, held-out perplexity and stability against the number of topics, per seed (gensim sweep).

    Examples
    --------
    The sweep's fits are cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_choosing_k(example_corpus(), ks=(2, 3, 4))  # doctest: +SKIP
    >>> len(fig.axes), "dashed: K = 3 " in fig.texts[0].get_text()  # doctest: +SKIP
    (4, True)
    """
    sw = topics_mod.corpus_sweep(corpus, ks=tuple(ks))
    k_star = topics_mod.suggest_k(sw.by_k)
    panels = [
        ("npmi", "NPMI coherence (top 10 words)", "higher is better"),
        ("umass", "UMass coherence", "higher is better"),
        ("perplexity", "held-out perplexity", "lower is better"),
        ("stable_share", "share of topics that come back", "across the other seeds (cosine >= 0.7)"),
    ]
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.4))
    for ax, (col, title, note) in zip(axes, panels):
        ax.scatter(sw.runs["k"], sw.runs[col], s=10, color="#1f4e79", alpha=0.5, label="one seed")
        ax.plot(sw.by_k["k"], sw.by_k[col], color="#1f4e79", linewidth=1.2, label="mean over seeds")
        ax.axvline(k_star, color="#e07b39", linewidth=1, linestyle="--")
        ax.set_title(title, fontsize=9)
        ax.set_xlabel(f"number of topics K ({note})", fontsize=7)
        ax.set_xticks(sw.by_k["k"])
    axes[0].legend(fontsize=7, frameon=False)
    n_docs = len(sw.heldout)
    fig.suptitle(
        f"Choosing K: {len(sw.runs['seed'].unique())} seeds per K on {n_docs - int(sw.heldout.sum())} chunks, "
        f"{int(sw.heldout.sum())} held out; dashed: K = {k_star} "
        "(perplexity within reach of the best, then the most stable)",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


@_styled
def fig_topic_overview(corpus: Corpus, *, k: int | None = None) -> Figure:
    """The corpus model's topics: prevalence, coherence and how often each comes back; † marks the unstable.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_topic_overview(example_corpus(), k=3)  # doctest: +SKIP
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]  # doctest: +SKIP
    ['2: soldier / defense / army', '1: program / union / congress', '0: cooperative / tax / market']
    """
    t = topics_mod.corpus_topics(corpus, k=k).sort_values("prevalence")
    y = np.arange(len(t))
    colors = ["#1f4e79" if s else "#b9b9b9" for s in t["stable"]]
    fig, axes = plt.subplots(
        1, 3, figsize=(12, 0.32 * len(t) + 1.6), sharey=True, gridspec_kw={"width_ratios": [3, 1, 1]}
    )
    axes[0].barh(y, t["prevalence"], color=colors)
    axes[0].set_yticks(y, _topic_ticks(t), fontsize=7)
    axes[0].set_xlabel("mean share of a chunk")
    axes[1].scatter(t["npmi"], y, color=colors, s=14)
    axes[1].axvline(0, color="#999999", linewidth=0.6)
    axes[1].set_xlabel("NPMI, top 10 words")
    axes[2].scatter(t["recurrence"], y, color=colors, s=14)
    axes[2].set_xlim(-0.05, 1.05)
    axes[2].set_xlabel("comes back in\n(share of 4 refits)")
    n_bad = int((~t["stable"]).sum())
    fig.suptitle(
        f"The {len(t)} topics of the corpus model (gensim LDA, seed 0); grey and †: {n_bad} topics that do not "
        "come back in at least half of 4 refits",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


@_styled
def fig_backend_agreement(corpus: Corpus, *, k: int | None = None) -> Figure:
    """Cosine similarity of the gensim model's topics to their best matches among scikit-learn's (same chunks and K).

    Examples
    --------
    The models are cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_backend_agreement(example_corpus(), k=3)  # doctest: +SKIP
    >>> fig.texts[0].get_text()  # doctest: +SKIP
    'Do the backends agree? 3 of 3 gensim topics have a scikit-learn match with cosine >= 0.7'
    """
    from textlab.topics import stability as topic_stability

    t = topics_mod.corpus_topics(corpus, k=k)
    g = topics_mod.corpus_models(corpus, k=k, seeds=(0,))[0]
    sk = topics_mod.corpus_models(corpus, k=g.k, seeds=(0,), backend="sklearn")[0]
    perm, sim = topic_stability.align_topics(g.topic_word, sk.topic_word)
    full = topic_stability.similarity_matrix(g.topic_word, sk.topic_word)[:, perm]
    order = np.argsort(-sim, kind="stable")
    fig, axes = plt.subplots(1, 2, figsize=(12, 0.3 * g.k + 2), gridspec_kw={"width_ratios": [2.2, 1]})
    im = axes[0].imshow(full[order][:, order], cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ticks = _topic_ticks(t.set_index("topic").loc[order].reset_index(), n_words=3)
    axes[0].set_yticks(range(g.k), ticks, fontsize=7)
    sk_words = [" / ".join(w.replace("_", " ") for w in ws[:3]) for ws in sk.top_words(3)]
    axes[0].set_xticks(range(g.k), [sk_words[perm[i]] for i in order], rotation=90, fontsize=6)
    axes[0].set_xlabel("scikit-learn topic matched to each gensim topic (Hungarian matching)")
    fig.colorbar(im, ax=axes[0], fraction=0.03, label="cosine similarity")
    y = np.arange(g.k)[::-1]
    axes[1].barh(y, sim[order], color=["#1f4e79" if s >= 0.7 else "#b9b9b9" for s in sim[order]])
    axes[1].axvline(0.7, color="#e07b39", linewidth=1, linestyle="--")
    axes[1].set_yticks([])
    axes[1].set_xlim(0, 1)
    axes[1].set_xlabel("similarity of the match (dashed: 0.7)")
    fig.suptitle(
        f"Do the backends agree? {int((sim >= 0.7).sum())} of {g.k} gensim topics have a scikit-learn match "
        "with cosine >= 0.7",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


@_styled
def fig_prevalence_by_group(corpus: Corpus, *, k: int | None = None, n_boot: int = 1000, seed: int = 0) -> Figure:
    """Each topic's share of each author and period, with intervals that resample corpus rows.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_prevalence_by_group(example_corpus(), k=3, n_boot=100)  # doctest: +SKIP
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]  # doctest: +SKIP
    ['A. Adams', 'B. Brown', 'C. Clark']
    """
    prev = topics_mod.corpus_prevalence(corpus, k=k, n_boot=n_boot, seed=seed)
    table = topics_mod.corpus_topics(corpus, k=k).sort_values("prevalence")
    groups = _group_order(prev["group"])
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(table) + 1.8))
    step = 0.8 / len(groups)
    for j, grp in enumerate(groups):
        d = prev[prev["group"] == grp].set_index("topic").loc[table["topic"]]
        y = np.arange(len(table)) + 0.4 - step * (j + 0.5)  # first group on top
        ax.hlines(y, d["low"], d["high"], color=_color(grp, j), linewidth=1)
        ax.scatter(d["prevalence"], y, color=_color(grp, j), s=12, label=grp, zorder=3)
    ax.set_yticks(np.arange(len(table)), _topic_ticks(table), fontsize=7)
    ax.set_xlabel("mean topic share of the group's chunks (95% interval over corpus rows)")
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    fig.suptitle("Which themes each author and period dwells on (a group of one row has no interval)", fontsize=10)
    fig.tight_layout()
    return fig


@_styled
def fig_theme_shift(
    corpus: Corpus,
    *,
    a: str = "Trotsky 1930-31",
    b: str = "Trotsky 1923-25",
    k: int | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> Figure:
    """Difference in each topic's share between two groups, with its interval; hollow where it includes 0.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_theme_shift(example_corpus(), a="A. Adams", b="B. Brown", k=3, n_boot=100)  # doctest: +SKIP
    >>> fig.texts[0].get_text()  # doctest: +SKIP
    'How the themes move: A. Adams against B. Brown'
    """
    a, b = pick_groups(corpus, (a, b))
    d = topics_mod.corpus_prevalence_difference(corpus, a, b, k=k, n_boot=n_boot, seed=seed).sort_values("difference")
    table = topics_mod.corpus_topics(corpus, k=k).set_index("topic").loc[d["topic"]].reset_index()
    y = np.arange(len(d))
    solid = d["excludes_zero"].to_numpy(dtype=bool)
    color = np.where(d["difference"] > 0, GROUP_COLORS.get(a, "#053061"), GROUP_COLORS.get(b, "#2166ac"))
    fig, ax = plt.subplots(figsize=(9, 0.34 * len(d) + 1.6))
    ax.hlines(y, d["low"], d["high"], color=color, linewidth=1.2)
    ax.scatter(d["difference"][solid], y[solid], color=color[solid], s=18, zorder=3)
    ax.scatter(d["difference"][~solid], y[~solid], facecolor="white", edgecolor=color[~solid], s=18, zorder=3)
    ax.axvline(0, color="#999999", linewidth=0.6)
    ax.set_yticks(y, _topic_ticks(table), fontsize=7)
    ax.set_xlabel(f"share in {a} minus share in {b}\n(95% interval over corpus rows; hollow: includes 0)")
    fig.suptitle(f"How the themes move: {a} against {b}", fontsize=10)
    fig.tight_layout()
    return fig


@_styled
def fig_themes_over_time(
    corpus: Corpus,
    *,
    author: str = "Leon Trotsky",
    group: str = "Trotsky 1930-31",
    k: int | None = None,
    n_topics: int = 6,
    n_boot: int = 1000,
    seed: int = 0,
) -> Figure:
    """Trotsky's most changing themes by year (all his groups) and by month in 1930-31, with intervals.

    On another corpus: the author with the most words, and the largest group, by month where dates have months.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_themes_over_time(example_corpus(), author="A. Adams", group="A. Adams", k=3, n_topics=3,
    ...                            n_boot=100)  # doctest: +SKIP
    >>> len(fig.axes), fig.axes[2].get_title()  # doctest: +SKIP
    (6, '2: soldier / defense / army')
    """
    prev = topics_mod.corpus_prevalence(corpus, by="author", time="year", k=k, n_boot=n_boot, seed=seed)
    if author not in set(prev["author"]):
        author = str(dtm_mod.corpus_dtm(corpus).docs.groupby("author")["n_words"].sum().idxmax())
    (group,) = pick_groups(corpus, (group,))
    prev = prev[prev["author"] == author]
    spread = prev.groupby("topic")["prevalence"].agg(lambda v: v.max() - v.min()).sort_values(ascending=False)
    chosen = spread.index[:n_topics].tolist()
    monthly = topics_mod.corpus_prevalence(corpus, by="group", time="month", k=k, n_boot=n_boot, seed=seed)
    monthly = monthly[monthly["group"] == group]
    fig, axes = plt.subplots(2, n_topics, figsize=(2.1 * n_topics, 5.2), sharey="row")
    for j, topic in enumerate(chosen):
        for ax, d, col in ((axes[0, j], prev, "year"), (axes[1, j], monthly, "month")):
            d = d[d["topic"] == topic].sort_values(col)
            x = d[col].to_numpy(dtype=float) if col == "year" else np.arange(len(d))  # years at their distance
            ax.fill_between(x, d["low"].astype(float), d["high"].astype(float), color="#2166ac", alpha=0.2, linewidth=0)
            ax.plot(x, d["prevalence"], color="#053061", marker="o", markersize=2.5, linewidth=1)
            labels = [str(v) if col == "year" else str(v)[2:] for v in d[col]]
            ax.set_xticks(x, labels, rotation=90, fontsize=6)
        label = prev.loc[prev["topic"] == topic, "label"].iloc[0]
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


def write_topic_browser(corpus: Corpus, path: str | Path | None = None, *, k: int | None = None) -> Path:
    """Write the corpus model's interactive topic browser (``figures/topic_browser.html``).

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> import tempfile
    >>> from textlab.corpus.examples import example_corpus
    >>> with tempfile.TemporaryDirectory() as d:  # doctest: +SKIP
    ...     path = write_topic_browser(example_corpus(), Path(d) / "browser.html", k=3)
    ...     print(path.name, "<html" in path.read_text(encoding="utf-8").lower())
    browser.html True
    """
    from textlab.viz import browser

    _, m, model = topics_mod.corpus_model(corpus, k=k)
    table = topics_mod.corpus_topics(corpus, k=k)
    prev = topics_mod.corpus_prevalence(corpus, k=k)
    order = {g: i for i, g in enumerate(_group_order(prev["group"]))}
    prev = prev.sort_values(["group", "topic"], key=lambda c: c.map(order) if c.name == "group" else c)
    target = Path(path) if path is not None else paths.FIGURES / "topic_browser.html"
    return browser.write_topic_browser(
        target,
        topic_word=model.topic_word,
        vocab=model.vocab,
        term_freq=np.asarray(m.X.sum(axis=0)).ravel(),
        prevalence=prev[["group", "topic", "prevalence", "low", "high"]],
        labels=table["name"].tolist(),
        stable=table["stable"].tolist(),
        title=f"textlab: {model.k} topics of the {'bundled ' if corpus.groups is None else ''}corpus "
        "(gensim LDA, seed 0)",
    )


# --------------------------------------------------------------------------- who speaks (notebook 05)

_SHORT_SOURCE = {
    "gorter": "Gorter 1920 (000)",
    "trotsky_challenge": "Trotsky 1923-25 (002)",
    "trotsky_letter": "Trotsky 1928 (003)",
    "trotsky_writings": "Trotsky 1930-31 (001)",
    "cliff": "Cliff 1993 (004)",
}


def _short_source(source: str) -> str:
    return next((v for k, v in _SHORT_SOURCE.items() if str(source).startswith(k)), str(source))


@_styled
def fig_reuse_map(corpus: Corpus) -> Figure:
    """Passages shared between and within the works (text reuse): count and words per pair of sources.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_reuse_map(example_corpus())
    >>> fig.texts[0].get_text()
    'Where the corpus reuses itself: 2 passages, 150 words'
    >>> [t.get_text() for t in fig.axes[1].get_yticklabels()]
    ['adams_1-00001 : clark_3-00001', 'adams_3-00001 : clark_q-00001']
    """
    from textlab.voices import quotations

    t = quotations.corpus_reuse(corpus)
    present = sorted({_short_source(x) for x in corpus.docs["source"]})
    names = [n for n in _SHORT_SOURCE.values() if n in present] + [
        n for n in present if n not in _SHORT_SOURCE.values()
    ]
    idx = {n: i for i, n in enumerate(names)}
    words = np.zeros((len(names), len(names)))
    count = np.zeros_like(words, dtype=int)
    for r in t.itertuples():
        a, b = sorted((idx[_short_source(str(r.source_a))], idx[_short_source(str(r.source_b))]))
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
    across = [
        "#e07b39" if _short_source(x) != _short_source(y) else "#1f4e79"
        for x, y in zip(top["source_a"], top["source_b"])
    ]
    axes[1].barh(range(len(top)), top["n_words"], color=across)
    axes[1].set_yticks(range(len(top)), labels, fontsize=7)
    axes[1].set_xlabel("words (orange: across works, blue: within one)")
    axes[1].set_title("the 12 longest shared passages", fontsize=9)
    fig.suptitle(f"Where the corpus reuses itself: {len(t)} passages, {int(t['n_words'].sum()):,} words", fontsize=10)
    fig.tight_layout()
    return fig


@_styled
def fig_quoted_share(corpus: Corpus) -> Figure:
    """How much of each group's text is someone else's words: block quotation rows, and quoted spans in its own rows.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_quoted_share(example_corpus()).axes[0]
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['A. Adams', 'B. Brown', 'C. Clark'], ['0.0% quoted', '0.0% quoted', '3.6% quoted'])
    """
    from textlab.voices import quotations

    t = quotations.corpus_quoted_share(corpus).set_index("group")
    t = t.loc[_group_order(t.index)]
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


@_styled
def fig_stylometry_map(corpus: Corpus, *, size: int = 1000, n_mfw: int = 200) -> Figure:
    """Chunks of each author's own writing, and Cliff's quotations of Trotsky, on the first two principal
    components of their most-frequent-word z-scores (author-balanced).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_stylometry_map(example_corpus()).axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['A. Adams (4 chunks)', 'B. Brown (4 chunks)', 'C. Clark (4 chunks)']
    """
    from sklearn.decomposition import PCA

    from textlab import stylometry
    from textlab.features.chunks import chunk_words
    from textlab.study import checks

    chunks, t = stylometry.author_chunks(corpus, size=size)
    clf = stylometry.DeltaClassifier(n_mfw=n_mfw).fit(chunks, t["label"])
    pca = PCA(n_components=2, random_state=0).fit(clf.transform(chunks))
    xy = pca.transform(clf.transform(chunks))
    d = corpus.docs
    if checks.CLIFF_SOURCE in set(d["source"]):  # the bundled corpus: where Cliff's quotations of Trotsky fall
        per_chunk, _ = checks.quotation_check(corpus, size=size, n_mfw=n_mfw)
    else:
        per_chunk = pd.DataFrame()
    q = d[
        (d["kind"] == "quotation")
        & (d["source"] == checks.CLIFF_SOURCE)
        & d["quoted_author"].fillna("").str.contains("Trotsky")
    ].sort_values("line_start")
    tok = diversity_tokenizer()
    q_tokens = chunk_words([tok(x) for x in q["text"]], size, tail="drop", units=[0] * len(q)).words
    fig, ax = plt.subplots(figsize=(7.5, 5.5))
    for i, lab in enumerate(sorted(set(t["label"]))):
        m = (t["label"] == lab).to_numpy()
        ax.scatter(xy[m, 0], xy[m, 1], s=12, alpha=0.6, color=_color(lab, i), label=f"{lab} ({int(m.sum())} chunks)")
    if q_tokens:
        qxy = pca.transform(clf.transform(q_tokens))
        ax.scatter(
            qxy[:, 0],
            qxy[:, 1],
            s=60,
            marker="*",
            color="black",
            label=f"Cliff's quotations of Trotsky ({len(q_tokens)})",
        )
    ev = pca.explained_variance_ratio_
    ax.set_xlabel(f"PC1 ({ev[0]:.0%} of variance)")
    ax.set_ylabel(f"PC2 ({ev[1]:.0%})")
    ax.legend(fontsize=7, frameon=False)
    title = f"Stylometric map: {n_mfw} most frequent words, chunks of {size} tokens"
    if len(per_chunk):
        share = float(per_chunk["attributed"].eq("Leon Trotsky").mean())
        title += f";\n{share:.0%} of Cliff's quotation chunks of Trotsky are nearer Trotsky than Cliff (cosine Delta)"
    ax.set_title(title, fontsize=8)
    fig.tight_layout()
    return fig


@_styled
def fig_quotation_prevalence(
    corpus: Corpus, *, group: str = "Cliff 1993", k: int | None = None, n_boot: int = 1000, seed: int = 0
) -> Figure:
    """A group's topic prevalence in its own words and with its quotations put back, under the same corpus model.

    :func:`textlab.topics.corpus.corpus_quotation_prevalence`: both sides inferred with the topics held fixed;
    the right panel is the change with its paired interval over works.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_quotation_prevalence(example_corpus(), group="C. Clark", k=3, n_boot=100)  # doctest: +SKIP
    >>> len(fig.axes), fig.axes[0].get_yticklabels()[1].get_text()  # doctest: +SKIP
    (2, 'program / union / congress')
    """
    (group,) = pick_groups(corpus, (group,))
    t = topics_mod.corpus_quotation_prevalence(corpus, group, k=k, n_boot=n_boot, seed=seed).sort_values("own")
    y = np.arange(len(t))
    fig, (ax, bx) = plt.subplots(
        1, 2, figsize=(11, 0.32 * len(t) + 1.6), sharey=True, gridspec_kw={"width_ratios": [3, 2]}
    )
    color = GROUP_COLORS.get(group, "#555555")
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


def save_figure(fig: Figure, path: str | Path, *, dpi: int = 150) -> Path:
    """Write ``fig`` as PNG atomically, without timestamp or software metadata; close it.

    Examples
    --------
    The same figure gives the same bytes:

    >>> import tempfile
    >>> from textlab.corpus.examples import example_corpus
    >>> corpus = example_corpus()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     a = save_figure(fig_words_by_author_kind(corpus), Path(d) / "a.png", dpi=50).read_bytes()
    ...     b = save_figure(fig_words_by_author_kind(corpus), Path(d) / "b.png", dpi=50).read_bytes()
    >>> a[1:4], a == b
    (b'PNG', True)
    """
    path = Path(path)
    buf = io.BytesIO()
    # tight: the canvas grows to hold long tick labels (topic labels) rather than cutting them at the edge
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None}, bbox_inches="tight", pad_inches=0.15)
    plt.close(fig)
    atomic_write_bytes(path, buf.getvalue())
    return path


#: Every figure: file name -> (function, notebook that shows it, keyword arguments).
FIGURES: dict[str, tuple[Callable[..., Figure], str, dict]] = {
    "01_words_by_author_kind.png": (fig_words_by_author_kind, "01_corpus.ipynb", {}),
    "01_words_by_year.png": (fig_words_by_year, "01_corpus.ipynb", {}),
    "01_lexicon_share.png": (
        fig_lexicon_share,
        "01_corpus.ipynb",
        {
            "reference": (
                "trotsky_letter_on_the_situation_in_russia_1928.txt",
                "cliff_1993_trotsky_darker_the_night.txt",
            )
        },
    ),
    "01_who_speaks.png": (fig_who_speaks, "01_corpus.ipynb", {}),
    "01_line_accounting.png": (fig_line_accounting, "01_corpus.ipynb", {}),
    "02_keyness_by_group.png": (fig_keyness_by_group, "02_vocabulary.ipynb", {}),
    "02_log_odds_trotsky_cliff.png": (fig_log_odds_scatter, "02_vocabulary.ipynb", {}),
    "02_trotsky_1923_vs_1930.png": (fig_vocabulary_shift, "02_vocabulary.ipynb", {}),
    "02_lexical_diversity.png": (fig_lexical_diversity, "02_vocabulary.ipynb", {}),
    "02_words_over_time.png": (fig_frequency_over_time, "02_vocabulary.ipynb", {}),
    "02_cliff_quotations_left_in.png": (fig_quotations_left_in, "02_vocabulary.ipynb", {}),
    "03_choosing_k.png": (fig_choosing_k, "03_topics.ipynb", {}),
    "03_topic_overview.png": (fig_topic_overview, "03_topics.ipynb", {}),
    "03_backend_agreement.png": (fig_backend_agreement, "03_topics.ipynb", {}),
    "04_prevalence_by_group.png": (fig_prevalence_by_group, "04_themes.ipynb", {}),
    "04_trotsky_theme_shift.png": (fig_theme_shift, "04_themes.ipynb", {}),
    "04_themes_over_time.png": (fig_themes_over_time, "04_themes.ipynb", {}),
    "05_reuse_map.png": (fig_reuse_map, "05_who_speaks.ipynb", {}),
    "05_quoted_share.png": (fig_quoted_share, "05_who_speaks.ipynb", {}),
    "05_stylometry_map.png": (fig_stylometry_map, "05_who_speaks.ipynb", {}),
    "05_cliff_topics_with_quotations.png": (fig_quotation_prevalence, "05_who_speaks.ipynb", {}),
}


def write_figures(corpus: Corpus, out_dir: str | Path | None = None) -> list[Path]:
    """Regenerate every figure in :data:`FIGURES` into ``out_dir`` (default ``figures/``), the topic browser,
    and ``manifest.json``: one provenance record per file (:func:`textlab.study.provenance.figure_record`).

    Returns the paths written, the manifest last.

    Examples
    --------
    Every figure, the topic models' among them (cached in ``data/processed/topics``; some 30 s on the example
    corpus), so this is not run here:

    >>> import tempfile
    >>> from textlab.corpus.examples import example_corpus
    >>> with tempfile.TemporaryDirectory() as d:  # doctest: +SKIP
    ...     written = write_figures(example_corpus(), d)
    >>> len(written), written[-2].name, written[-1].name  # doctest: +SKIP
    (23, 'topic_browser.html', 'manifest.json')
    """
    from textlab.study import provenance

    out = Path(out_dir) if out_dir is not None else paths.FIGURES
    written, records = [], []
    for i, (name, (fn, notebook, kwargs)) in enumerate(sorted(FIGURES.items()), 1):
        log.info("[%d/%d] %s (%s)", i, len(FIGURES), name, fn.__name__)
        fig = fn(corpus, **kwargs)
        records.append(provenance.figure_record(name, fn, notebook, kwargs, corpus, fig))  # before save closes it
        written.append(save_figure(fig, out / name))
    written.append(write_topic_browser(corpus, out / "topic_browser.html"))
    log.info("wrote %s", written[-1])
    records.append(
        provenance.figure_record(
            written[-1].name, write_topic_browser, "04_themes.ipynb", {}, corpus, written[-1].read_bytes()
        )
    )
    written.append(provenance.write_manifest(records, out / provenance.MANIFEST_NAME))
    return written
