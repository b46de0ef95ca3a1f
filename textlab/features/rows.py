"""The rows a comparison of authors uses: who speaks, grouped, with other people's words cut out.

:func:`comparison_rows` selects and labels the rows of a docs table (its ``kind``, its group, quotations
dropped, kept or put back); :func:`corpus_rows` does it for a corpus, cutting out the passages the corpus's
rows reuse from older texts of other authors too. The reuse of a corpus (:func:`corpus_reuse`), its quoted
spans (:func:`corpus_spans`) and each group's quoted share (:func:`corpus_quoted_share`) are found once and
kept in memory, keyed on the corpus's content (:attr:`textlab.corpus.table.Corpus.key`).

Examples
--------
>>> from textlab.corpus.examples import example_corpus
>>> rows = corpus_rows(example_corpus())
>>> rows.groupby("group")["quoted_words"].sum().to_dict()
{'A. Adams': 0, 'B. Brown': 0, 'C. Clark': 30}
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from textlab.corpus.groups import label_groups, require_groups
from textlab.corpus.table import Corpus, count_words
from textlab.voices.quotations import drop_spans, inline_quotations, quoted_share, quoted_spans
from textlab.voices.reuse import find_reuse

log = logging.getLogger(__name__)

__all__ = ["comparison_rows", "corpus_rows", "corpus_reuse", "corpus_spans", "corpus_quoted_share"]

#: Per corpus key (:attr:`textlab.corpus.table.Corpus.key`): its reuse table and what is derived from it.
_MEMO: dict[str, tuple[pd.DataFrame, dict]] = {}


def comparison_rows(
    docs: pd.DataFrame,
    *,
    kinds: Sequence[str] = ("primary",),
    groups: str | Sequence[str] | Path | pd.DataFrame | None = None,
    quotations_of: Sequence[str] = (),
    quotations: str = "drop",
    spans: dict | None = None,
    min_quote_words: int = 15,
) -> pd.DataFrame:
    """The rows an author comparison uses, labelled with their group in a ``group`` column.

    Who speaks: by default only ``primary`` rows, so editors' matter, notes,
    tables, indexes and block quotations of others stay out. ``groups`` is
    a grouping as :func:`textlab.corpus.groups.label_groups` reads it: a table
    (default ``data/groups.csv``; rows that no entry names are left out) or a
    column name such as ``"author"``.

    Parameters
    ----------
    quotations : {"drop", "rows", "keep"}, default "drop"
        ``"drop"``: the block quotation rows stay out and the quoted
        words inside the rows are cut out of their text,
        namely inline quotations of at least ``min_quote_words`` words
        (:func:`textlab.voices.quotations.inline_quotations`) and any ``spans`` given
        (doc_id -> character spans, e.g. passages reused from older texts of
        other authors: :func:`corpus_spans`); ``n_words``
        is recounted and ``quoted_words`` says how many words went.
        ``"rows"``: only the block quotation rows stay out, the rows' own
        text is unchanged (inline quotations stay in it; no ``quoted_words``
        column). ``"keep"``: the rows as they are, and the ``quotation`` rows of every
        group put back (``quoted_words`` is 0).
    quotations_of : sequence of str
        Also put back the ``quotation`` rows of these groups (to show what quoting does to one group).

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "author": ["A", "A", "B"],
    ...                      "kind": ["primary", "quotation", "primary"],
    ...                      "text": ['he wrote "one two three four" and left', "a block quotation", "own words"]})
    >>> table = pd.DataFrame({"author": ["A"], "group": ["A 1920"]})
    >>> rows = comparison_rows(docs, groups=table, quotations="drop", min_quote_words=3)
    >>> rows[["kind", "group", "text", "quoted_words"]].values.tolist()
    [['primary', 'A 1920', 'he wrote and left', 4]]
    >>> a = comparison_rows(docs, groups=table, quotations_of=["A 1920"])
    >>> len(a), len(comparison_rows(docs, groups=table, quotations="keep"))
    (2, 2)
    """
    if isinstance(kinds, str) or isinstance(quotations_of, str):
        raise TypeError("kinds and quotations_of must be sequences of str, not a str")
    if quotations not in ("rows", "drop", "keep"):
        raise ValueError(f"quotations must be 'rows', 'drop' or 'keep', got {quotations!r}")
    labelled = docs.assign(group=require_groups(label_groups(docs, groups), docs, groups))
    back = labelled["group"].notna() if quotations == "keep" else labelled["group"].isin(list(quotations_of))
    keep = labelled["kind"].isin(list(kinds)) | (labelled["kind"].eq("quotation") & back)
    keep &= labelled["group"].notna()
    if quotations == "rows":
        return labelled[keep]
    rows = labelled[keep].copy()
    rows["quoted_words"] = 0
    if quotations == "drop" and "text" in rows.columns and len(rows):
        extra = spans or {}
        texts, counts, dropped = [], [], []
        for d, kind, text in zip(rows["doc_id"].astype(str), rows["kind"], rows["text"]):
            cut = (
                []
                if kind == "quotation"
                else inline_quotations(text, min_words=min_quote_words) + list(extra.get(d, []))
            )
            new = drop_spans(text, cut) if cut else text
            texts.append(new)
            n_new = count_words(new) if cut else count_words(text)
            counts.append(n_new)
            dropped.append(count_words(text) - n_new)
        rows["text"] = texts
        if "n_words" in rows.columns:
            rows["n_words"] = counts
        rows["quoted_words"] = dropped
    return rows


def corpus_rows(
    corpus: Corpus,
    *,
    kinds: Sequence[str] = ("primary",),
    quotations_of: Sequence[str] = (),
    quotations: str = "drop",
) -> pd.DataFrame:
    """:func:`comparison_rows` of a corpus; with ``quotations="drop"`` the cut spans include passages reused
    from older texts of other authors (:func:`corpus_spans`), not only inline quotations.

    A corpus object (``.docs``, ``.key``) is needed: reuse is found across the whole corpus. Rows are
    grouped by the corpus's grouping (:attr:`textlab.corpus.table.Corpus.groups`).

    Examples
    --------
    A tiny corpus of three authors, grouped by author; Clark quotes 30 words of Adams inline, and once in a
    block quotation row:

    >>> from textlab.corpus.examples import example_corpus
    >>> corpus = example_corpus()
    >>> rows = corpus_rows(corpus)
    >>> rows["group"].value_counts().to_dict()
    {'A. Adams': 4, 'B. Brown': 4, 'C. Clark': 4}
    >>> rows.loc[rows["quoted_words"] > 0, ["doc_id", "n_words", "quoted_words"]].values.tolist()
    [['clark_3-00001', 1006, 30]]
    >>> len(corpus_rows(corpus, quotations="keep"))  # the block quotation row is back
    13
    """
    if not hasattr(corpus, "docs"):
        raise TypeError(f"corpus must be a Corpus (with .docs), got {type(corpus).__name__}")
    spans = corpus_spans(corpus) if quotations == "drop" else None
    return comparison_rows(
        corpus.docs,
        kinds=kinds,
        groups=getattr(corpus, "groups", None),
        quotations_of=quotations_of,
        quotations=quotations,
        spans=spans,
    )


def corpus_reuse(corpus: Corpus) -> pd.DataFrame:
    """:func:`textlab.voices.reuse.find_reuse` over every row of a corpus, default settings (kept in memory).

    Examples
    --------
    In the example corpus Clark repeats Adams twice, inline (30 words) and in a block quotation (120 words):

    >>> from textlab.corpus.examples import example_corpus
    >>> t = corpus_reuse(example_corpus())
    >>> t[["doc_id_a", "doc_id_b", "n_words", "older"]].values.tolist()
    [['adams_1-00001', 'clark_3-00001', 30, 'a'], ['adams_3-00001', 'clark_q-00001', 120, 'a']]
    """
    return _corpus(corpus)[0]


def corpus_spans(corpus: Corpus) -> dict[str, list[tuple[int, int]]]:
    """Per ``doc_id`` of a corpus, the spans of other people's words: inline quotations and reuse (kept in memory).

    :func:`~textlab.voices.quotations.quoted_spans` of the corpus's rows with its reuse (:func:`corpus_reuse`).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> spans = corpus_spans(example_corpus())
    >>> {doc: s for doc, s in spans.items() if s}
    {'clark_3-00001': [(5877, 6042)], 'clark_q-00001': [(0, 664)]}
    """
    memo = _corpus(corpus)[1]
    if "spans" not in memo:
        memo["spans"] = quoted_spans(corpus.docs, reuse=corpus_reuse(corpus))
    return memo["spans"]


def corpus_quoted_share(corpus: Corpus) -> pd.DataFrame:
    """:func:`~textlab.voices.quotations.quoted_share` of each comparison group (its primary and quotation rows),
    spans of :func:`corpus_spans`.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> t = corpus_quoted_share(example_corpus())
    >>> t.round(3).values.tolist()
    [['A. Adams', 4000, 0, 0, 0.0], ['B. Brown', 4000, 0, 0, 0.0], ['C. Clark', 4156, 120, 30, 0.036]]
    """
    rows = comparison_rows(corpus.docs, quotations="keep", groups=getattr(corpus, "groups", None))
    return quoted_share(rows, corpus_spans(corpus))


def _corpus(corpus: Corpus) -> tuple[pd.DataFrame, dict]:
    key = corpus.key
    if key not in _MEMO:
        while len(_MEMO) >= 2:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = (find_reuse(corpus.docs), {})
    return _MEMO[key]
