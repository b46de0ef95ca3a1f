"""Which groups a figure compares, in what order and colour, and how it names a corpus's sources.

On the bundled corpus the groups come in their usual order and colours
(:mod:`textlab.study.bundled`); on any other corpus, the largest groups
first, and colours from :data:`textlab.viz.style.PALETTE` by sorted name.

Examples
--------
>>> from textlab.corpus.examples import example_corpus
>>> corpus = example_corpus()
>>> comparison_groups(corpus), group_colors(corpus, ["C. Clark", "A. Adams"])
(['C. Clark', 'A. Adams', 'B. Brown'], {'C. Clark': '#ff7f0e', 'A. Adams': '#1f77b4'})
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from textlab.corpus.table import Corpus
from textlab.features.dtm import corpus_dtm
from textlab.study import bundled
from textlab.viz.style import palette_colors

log = logging.getLogger(__name__)

__all__ = ["source_labels", "comparison_groups", "pick_groups", "group_order", "group_colors"]


def source_labels(corpus: Corpus) -> dict[str, str]:
    """Short labels for sources: the source id of their rows and the years they span.

    Examples
    --------
    >>> import pandas as pd
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


def comparison_groups(corpus: Corpus) -> list[str]:
    """The corpus's comparison groups (:func:`textlab.features.dtm.corpus_dtm`): on the bundled corpus its groups
    in their usual order first; then the others by words, most first.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> comparison_groups(example_corpus())
    ['C. Clark', 'A. Adams', 'B. Brown']
    """
    d = corpus_dtm(corpus).docs
    words = d.groupby("group")["n_words"].sum()
    usual = bundled.GROUPS if bundled.is_bundled(corpus) else ()
    known = [g for g in usual if g in words.index]
    rest = sorted((g for g in words.index if g not in known), key=lambda g: (-int(words[g]), str(g)))
    return known + rest


def pick_groups(corpus: Corpus, wanted: Sequence[str]) -> list[str]:
    """``wanted`` if the corpus has all these groups, else as many of its largest groups (a user's corpus).

    Figures name the bundled corpus's groups as defaults; on another corpus they compare its largest groups,
    so every figure runs on any corpus.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> corpus = example_corpus()
    >>> pick_groups(corpus, ["B. Brown", "A. Adams"]), pick_groups(corpus, bundled.PAIR)
    (['B. Brown', 'A. Adams'], ['C. Clark', 'A. Adams'])
    """
    have = comparison_groups(corpus)
    if all(w in have for w in wanted):
        return list(wanted)
    docs = corpus_dtm(corpus).docs
    by_words = sorted(have, key=lambda g: -int(docs.loc[docs["group"] == g, "n_words"].sum()))
    if len(by_words) < len(wanted):
        raise ValueError(f"the figure compares {len(wanted)} groups; the corpus has {len(have)}: {have}")
    chosen = by_words[: len(wanted)]
    log.info("groups %s are not in this corpus: using its largest groups %s", list(wanted), chosen)
    return chosen


def group_order(corpus: Corpus, labels: Iterable[str]) -> list[str]:
    """The distinct ``labels`` in the figures' order: on the bundled corpus its groups in their usual order
    first; then the others by name.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> group_order(example_corpus(), ["C. Clark", "A. Adams", "C. Clark"])
    ['A. Adams', 'C. Clark']
    """
    usual = bundled.GROUPS if bundled.is_bundled(corpus) else ()
    present = set(labels)
    return [g for g in usual if g in present] + sorted(g for g in present if g not in usual)


def group_colors(corpus: Corpus, names: Iterable[str], *, over_time: bool = False) -> dict[str, str]:
    """A colour for each of ``names`` (groups or authors): on the bundled corpus its own
    (:data:`textlab.study.bundled.GROUP_COLORS` and ``AUTHOR_COLORS``); otherwise, and for a name without one,
    :func:`textlab.viz.style.palette_colors` of the names by sorted name.

    ``over_time`` takes the authors' colours of the figure of words over time
    (:data:`textlab.study.bundled.AUTHOR_COLORS_OVER_TIME`).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> group_colors(example_corpus(), ["B. Brown", "A. Adams"])
    {'B. Brown': '#ff7f0e', 'A. Adams': '#1f77b4'}
    """
    names = list(dict.fromkeys(names))
    own: dict[str, str] = {}
    if bundled.is_bundled(corpus):
        own = {**bundled.AUTHOR_COLORS, **bundled.GROUP_COLORS}
        if over_time:
            own.update(bundled.AUTHOR_COLORS_OVER_TIME)
    rest = palette_colors(n for n in names if n not in own)
    return {n: own.get(n) or rest[n] for n in names}
