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
import pandas as pd
from matplotlib.figure import Figure

from textlab import paths, report
from textlab.corpus import Corpus
from textlab.io import atomic_write_bytes

log = logging.getLogger(__name__)

__all__ = [
    "KIND_COLORS",
    "source_labels",
    "fig_words_by_author_kind",
    "fig_words_by_year",
    "fig_lexicon_share",
    "fig_who_speaks",
    "fig_line_accounting",
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
}


def write_figures(corpus: Corpus, out_dir: Union[str, Path, None] = None) -> list[Path]:
    """Regenerate every figure in :data:`FIGURES` into ``out_dir`` (default ``figures/``)."""
    out = Path(out_dir) if out_dir is not None else paths.FIGURES
    written = []
    for i, (name, (fn, notebook, kwargs)) in enumerate(sorted(FIGURES.items()), 1):
        log.info("[%d/%d] %s (%s)", i, len(FIGURES), name, fn.__name__)
        written.append(save_figure(fn(corpus, **kwargs), out / name))
    return written
