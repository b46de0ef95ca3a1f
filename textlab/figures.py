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
from pathlib import Path
from typing import Callable, Union

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from textlab import dtm as dtm_mod
from textlab import paths, report, vocab
from textlab.corpus import Corpus
from textlab.io import atomic_write_bytes
from textlab.tokenize import diversity_tokenizer

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
_STYLE = {
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
        with plt.rc_context(_STYLE):
            return fn(*args, **kwargs)

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
    """Words by author (as the rows attribute them), split by kind of text."""
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
    """Words per year of writing, by author, for the chosen kinds (default: primary text)."""
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
        ax.axhspan(lo - 1, hi, color="#2ca02c", alpha=0.12,
                   label="target: clean sources' range, less one point (" + ", ".join(labels[s].split(" ")[0] for s in ref) + ")")
    ax.set_xticks(list(x), [labels[s].replace(" (", "\n(") for s in t.index], fontsize=8)
    ax.set_ylim(max(0.0, float(t[["share_raw", "share_clean"]].min().min()) - 5), 100)
    ax.set_ylabel("% of tokens (3+ letters) in lexicon")
    ax.set_title("What cleaning changed: lexicon coverage before and after")
    ax.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(0, -0.12), ncol=3)
    fig.tight_layout()
    return fig


@_styled
def fig_who_speaks(corpus: Corpus) -> Figure:
    """Share of each source's words by kind: primary text, quotation, editorial, notes..."""
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
    """Raw lines per source: kept in rows or dropped, by named reason."""
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


def _interval_dots(ax, t: pd.DataFrame, color: str) -> None:
    """Log ratio with its interval, one row per term (top row first); hollow if the interval crosses 0."""
    y = list(range(len(t)))[::-1]
    ax.hlines(y, t["lo"], t["hi"], color=color, linewidth=1.2)
    solid = t["robust"].to_numpy(dtype=bool)
    ax.scatter(t["log_ratio"][solid], [v for v, r in zip(y, solid) if r], color=color, s=18, zorder=3)
    ax.scatter(t["log_ratio"][~solid], [v for v, r in zip(y, solid) if not r], facecolor="white", edgecolor=color, s=18, zorder=3)
    ax.set_yticks(y, [str(w).replace("_", " ") for w in t.index], fontsize=7)
    ax.axvline(0, color="#999999", linewidth=0.6)


@_styled
def fig_keyness_by_group(
    corpus: Corpus, *, n_terms: int = 12, min_doc_share: float = 0.2, n_boot: int = 500, seed: int = 0
) -> Figure:
    """Each group's most distinctive words against all the others: log ratio with a document-bootstrap interval.

    Words qualify by G2 (p < 0.001) and dispersion (in at least ``min_doc_share``
    of the group's documents); see :func:`textlab.vocab.distinctive_terms`.
    """
    m = dtm_mod.corpus_dtm(corpus)
    g = m.docs["group"].to_numpy()
    labels = sorted(set(g.tolist()), key=lambda x: (x not in GROUP_COLORS, list(GROUP_COLORS).index(x) if x in GROUP_COLORS else x))
    fig, axes = plt.subplots(2, 3, figsize=(11, 7.5))
    for ax, lab in zip(axes.flat, labels):
        t = vocab.distinctive_terms(m.X, m.vocab, g, target=lab, n=n_terms, min_doc_share=min_doc_share, n_boot=n_boot, seed=seed)
        _interval_dots(ax, t, GROUP_COLORS.get(lab, "#555555"))
        nd = int((g == lab).sum())
        ax.set_title(f"{lab} ({nd} document{'s' if nd > 1 else ''})", fontsize=9)
        ax.set_xlabel("log ratio vs the rest (log2)")
    last = axes.flat[len(labels)] if len(labels) < axes.size else None
    for ax in list(axes.flat)[len(labels):]:
        ax.axis("off")
    if last is not None:
        last.text(0, 0.5, "Rows: primary text only\n(no editors, notes, quotations).\n"
                  f"Words: G2 p < 0.001, in at least\n{min_doc_share:.0%} of the group's documents.\n"
                  f"Bars: 95% interval, {n_boot} resamples\nof documents. Hollow: crosses 0.\n"
                  "One document (1928): the interval\nholds only the other groups' variation.", fontsize=8, va="center")
    fig.suptitle("What distinguishes each author and period: most distinctive words", fontsize=11)
    fig.tight_layout()
    return fig


@_styled
def fig_log_odds_scatter(
    corpus: Corpus, *, target: str = "Trotsky 1930-31", reference: str = "Cliff 1993", alpha0: float = 1000.0, n_label: int = 12
) -> Figure:
    """Monroe et al. (2008) weighted log-odds z-scores of two groups against word frequency."""
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
    for side, color, lab in ((fw["z"] > 1.96, GROUP_COLORS.get(target, "#333"), target),
                             (fw["z"] < -1.96, GROUP_COLORS.get(reference, "#999"), reference)):
        ax.scatter(total[side], fw["z"][side], s=6, color=color, linewidths=0, label=f"more in {lab}")
    for w in list(fw.index[:n_label]) + list(fw.index[-n_label:]):
        ax.annotate(str(w).replace("_", " "), (total[w], fw.loc[w, "z"]), fontsize=7, xytext=(3, 0), textcoords="offset points")
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
    corpus: Corpus, *, early: str = "Trotsky 1923-25", late: str = "Trotsky 1930-31", n_terms: int = 15,
    min_doc_share: float = 0.2, n_boot: int = 500, seed: int = 0
) -> Figure:
    """Words one author gains and loses between two periods, with document-bootstrap intervals."""
    m = dtm_mod.corpus_dtm(corpus)
    g = m.docs["group"].to_numpy()
    keep = (g == early) | (g == late)
    X, gg = m.X[keep], g[keep]
    gain = vocab.distinctive_terms(X, m.vocab, gg, target=late, reference=early, n=n_terms, min_doc_share=min_doc_share, n_boot=n_boot, seed=seed)
    lose = vocab.distinctive_terms(X, m.vocab, gg, target=early, reference=late, n=n_terms, min_doc_share=min_doc_share, n_boot=n_boot, seed=seed)
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
def fig_lexical_diversity(corpus: Corpus, *, chunk: int = 1000, window: int = 500, n_boot: int = 1000, seed: int = 0) -> Figure:
    """Lexical richness by group: TTR falls with length; MTLD and MATTR on equal chunks do not.

    The unit is the work (an article, a chapter, a section): a group's rows of
    one work are joined, cut into ``chunk``-token chunks, and works are resampled.
    """
    rows = dtm_mod.comparison_rows(corpus.docs)
    tok = diversity_tokenizer()
    toks = [tok(t) for t in rows["text"]]
    per_work = rows.assign(_t=toks).groupby(["group", "work"], sort=False)["_t"].sum()
    per_doc = vocab.lexical_diversity(per_work.tolist(), window=window).assign(group=per_work.index.get_level_values(0))
    _, summary = vocab.diversity_by_group(toks, rows["group"].to_numpy(), units=rows["work"].to_numpy(), chunk=chunk,
                                          window=window, n_boot=n_boot, seed=seed)
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.8))
    for lab, d in per_doc.groupby("group"):
        axes[0].scatter(d["n_tokens"], d["ttr"], s=8, color=GROUP_COLORS.get(lab, "#555"), label=lab, alpha=0.7, linewidths=0)
    axes[0].set_xscale("log")
    axes[0].set_xlabel("length of a work (tokens, log scale)")
    axes[0].set_ylabel("type-token ratio")
    axes[0].set_title("TTR falls as texts grow", fontsize=9)
    axes[0].legend(frameon=False, fontsize=6)
    summary = summary.set_index("group").loc[[x for x in GROUP_COLORS if x in set(summary["group"])]]
    y = list(range(len(summary)))[::-1]
    for ax, mcol, name in ((axes[1], "mtld", "MTLD (threshold 0.72)"), (axes[2], "mattr", f"MATTR (window {window})")):
        for yy, (lab, r) in zip(y, summary.iterrows()):
            ax.hlines(yy, r[f"{mcol}_lo"], r[f"{mcol}_hi"], color=GROUP_COLORS.get(lab, "#555"))
            ax.scatter([r[mcol]], [yy], color=GROUP_COLORS.get(lab, "#555"), s=20, zorder=3)
        ax.set_yticks(y, [f"{lab}\n{int(r.n_chunks)} chunks / {int(r.n_docs)} works" for lab, r in summary.iterrows()], fontsize=7)
        ax.set_xlabel(name)
        ax.set_title(f"on {chunk:,}-token chunks", fontsize=9)
    fig.suptitle("Lexical richness, controlling for length (primary rows, all words, no lemmas; 95% intervals over works)",
                 fontsize=10)
    fig.tight_layout()
    return fig


@_styled
def fig_frequency_over_time(
    corpus: Corpus, *, terms: tuple[str, ...] = ("bureaucracy", "bureaucratism", "thermidor", "united_front"), min_words: int = 2000,
    n_boot: int = 1000, seed: int = 0
) -> Figure:
    """A few words' frequency per 10,000 words by year and author, with intervals (primary rows)."""
    m = dtm_mod.corpus_dtm(corpus)
    fig, axes = plt.subplots(1, len(terms), figsize=(3.2 * len(terms), 3.4), sharey=False)
    axes = [axes] if len(terms) == 1 else list(axes)
    cmap = {"Herman Gorter": GROUP_COLORS["Gorter 1920"], "Leon Trotsky": GROUP_COLORS["Trotsky 1930-31"], "Tony Cliff": GROUP_COLORS["Cliff 1993"]}
    for ax, term in zip(axes, terms):
        t = vocab.frequency_over_time(m.X, m.vocab, m.docs, term, lengths=m.docs["n_words"], min_words=min_words,
                                      n_boot=n_boot, seed=seed)
        years = sorted(t["year"].unique())
        for author, d in t.groupby("author"):
            color = cmap.get(author, "#555555")
            x = [years.index(y) for y in d["year"]]
            ax.errorbar(x, d["rate"], yerr=[d["rate"] - d["lo"], d["hi"] - d["rate"]], fmt="o-", ms=3, lw=0.8,
                        capsize=2, color=color, label=author)
        ax.set_xticks(range(len(years)), [str(y) for y in years], fontsize=7, rotation=45)
        ax.set_title(f"\u201c{term.replace('_', ' ')}\u201d", fontsize=9)
        ax.set_xlabel(f"year (only years with >= {min_words:,} words; not to scale)")
        ax.set_ylabel("per 10,000 words")
    axes[0].legend(frameon=False, fontsize=7)
    fig.suptitle("Words over time, per author (95% intervals: documents resampled; one-document years: Poisson)", fontsize=10)
    fig.tight_layout()
    return fig


@_styled
def fig_quotations_left_in(corpus: Corpus, *, group: str = "Cliff 1993", n_terms: int = 15, n_boot: int = 500, seed: int = 0) -> Figure:
    """A group's distinctive words from its own rows, and with its quotations of others left in.

    Both panels count works (chapters, articles), not rows, so that the
    quotation rows, which cut a chapter into more pieces, do not change the
    units of dispersion and of the bootstrap.
    """
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.28 * n_terms + 1.8))
    tables = []
    for ax, quoted in zip(axes, ((), (group,))):
        rows = dtm_mod.corpus_dtm(corpus, quotations_of=quoted)
        m = rows.aggregate(["group", "work"])
        g = m.docs["group"].to_numpy()
        t = vocab.distinctive_terms(m.X, m.vocab, g, target=group, n=n_terms, n_boot=n_boot, seed=seed)
        tables.append(t)
        _interval_dots(ax, t, GROUP_COLORS.get(group, "#555555"))
        nq = int((rows.docs["kind"] == "quotation").sum())
        ax.set_title(f"{'with' if quoted else 'without'} its quotations ({nq} quotation rows)", fontsize=9)
        ax.set_xlabel("log ratio vs the rest (log2)")
    only = [set(tables[1].index) - set(tables[0].index), set(tables[0].index) - set(tables[1].index)]
    for ax, new in zip(axes[::-1], only):
        for lab in ax.get_yticklabels():
            if lab.get_text().replace(" ", "_") in new:
                lab.set_fontweight("bold")
    fig.suptitle(f"{group}: what quotations do to its distinctive words (units: works; bold: in one list only)", fontsize=10)
    fig.tight_layout()
    return fig


def save_figure(fig: Figure, path: Union[str, Path], *, dpi: int = 150) -> Path:
    """Write ``fig`` as PNG atomically, without timestamp or software metadata; close it."""
    path = Path(path)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
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
        {"reference": ("trotsky_letter_on_the_situation_in_russia_1928.txt", "cliff_1993_trotsky_darker_the_night.txt")},
    ),
    "01_who_speaks.png": (fig_who_speaks, "01_corpus.ipynb", {}),
    "01_line_accounting.png": (fig_line_accounting, "01_corpus.ipynb", {}),
    "02_keyness_by_group.png": (fig_keyness_by_group, "02_vocabulary.ipynb", {}),
    "02_log_odds_trotsky_cliff.png": (fig_log_odds_scatter, "02_vocabulary.ipynb", {}),
    "02_trotsky_1923_vs_1930.png": (fig_vocabulary_shift, "02_vocabulary.ipynb", {}),
    "02_lexical_diversity.png": (fig_lexical_diversity, "02_vocabulary.ipynb", {}),
    "02_words_over_time.png": (fig_frequency_over_time, "02_vocabulary.ipynb", {}),
    "02_cliff_quotations_left_in.png": (fig_quotations_left_in, "02_vocabulary.ipynb", {}),
}


def write_figures(corpus: Corpus, out_dir: Union[str, Path, None] = None) -> list[Path]:
    """Regenerate every figure in :data:`FIGURES` into ``out_dir`` (default ``figures/``)."""
    out = Path(out_dir) if out_dir is not None else paths.FIGURES
    written = []
    for i, (name, (fn, notebook, kwargs)) in enumerate(sorted(FIGURES.items()), 1):
        log.info("[%d/%d] %s (%s)", i, len(FIGURES), name, fn.__name__)
        written.append(save_figure(fn(corpus, **kwargs), out / name))
    return written
