"""Who speaks inside a row: spans of other people's words, and each author's quoted share.

Three kinds of evidence mark a span as someone else's words:

- the row itself is a ``quotation`` row (the block quotations the book modules found);
- an **inline quotation**: a span between quotation marks of at least ``min_words`` words
  (:func:`inline_quotations`);
- **reuse**: a passage the row shares with an older text of another author
  (:func:`textlab.voices.reuse.mark_reused`).

:func:`quoted_spans` joins the last two per row; :func:`drop_spans` removes spans from a
text; :func:`quoted_share` reports, per group, how much of an author's text is quotation. These work on
rows; the same for a whole corpus (its reuse found once and kept in memory) is in
:mod:`textlab.features.rows`.

Examples
--------
>>> text = "He wrote: 'the party is not a debating club, and its members must act as one body', and left."
>>> inline_quotations(text, min_words=10)
[(10, 82)]
>>> drop_spans(text, [(10, 82)])
'He wrote: , and left.'
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from textlab.corpus.table import count_words
from textlab.voices.reuse import mark_reused

log = logging.getLogger(__name__)

__all__ = ["inline_quotations", "drop_spans", "quoted_spans", "quoted_share"]

# an opening mark: not inside a word, followed by a letter, digit or opening bracket; a closing mark: after a
# letter, digit or punctuation, not followed by a letter (so the apostrophe of "Trotsky's" is neither)
_OPEN = {"double": re.compile(r'(?<![\w])["\u201c](?=[\w(\[])'), "single": re.compile(r"(?<![\w])['\u2018](?=[\w(\[])")}
_CLOSE = {
    "double": re.compile(r'(?<=[\w.,;:!?)\]])["\u201d](?![\w])'),
    "single": re.compile(r"(?<=[\w.,;:!?)\]])['\u2019](?![\w])"),
}


def inline_quotations(
    text: str, *, min_words: int = 15, marks: Sequence[str] = ("double", "single"), max_words: int = 400
) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of quotations between quotation marks, marks included.

    Each opening mark is paired with the next closing mark of the same kind; a
    span of fewer than ``min_words`` words (a phrase, a title, a term) or more
    than ``max_words`` (an unpaired mark running on) is not reported. Single
    marks are ambiguous with apostrophes: a plural possessive (*the workers'
    party*) can close a quotation early, so a quotation may be found shorter
    than it is, never longer than ``max_words``.

    >>> text = ('He said "all power to the soviets" and '
    ...         '"the land to those who till it, now and for ever, in every province".')
    >>> inline_quotations(text, min_words=8)
    [(39, 107)]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    if min_words < 1 or max_words < min_words:
        raise ValueError(f"need 1 <= min_words <= max_words, got min_words={min_words}, max_words={max_words}")
    spans: list[tuple[int, int]] = []
    for kind in marks:
        if kind not in _OPEN:
            raise ValueError(f"marks must be among {sorted(_OPEN)}, got {kind!r}")
        closes = [m.start() for m in _CLOSE[kind].finditer(text)]
        pos, ci = 0, 0
        for m in _OPEN[kind].finditer(text):
            if m.start() < pos:
                continue
            while ci < len(closes) and closes[ci] <= m.start():
                ci += 1
            if ci == len(closes):
                break
            end = closes[ci] + 1
            n = count_words(text[m.end() : end - 1])
            if min_words <= n <= max_words:
                spans.append((m.start(), end))
                pos = end
    return _union(spans)


def _union(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def drop_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` without the character ``spans`` (overlapping spans are joined).

    >>> drop_spans("abc def ghi", [(4, 8)])
    'abc ghi'
    """
    out, prev = [], 0
    for s, e in _union(spans):
        if not 0 <= s <= e <= len(text):
            raise ValueError(f"span ({s}, {e}) is outside a text of {len(text)} characters")
        out.append(text[prev:s])
        prev = e
    out.append(text[prev:])
    return re.sub(r"[ \t]{2,}", " ", "".join(out))


def quoted_spans(
    docs: pd.DataFrame, *, reuse: pd.DataFrame | None = None, min_words: int = 15
) -> dict[str, list[tuple[int, int]]]:
    """Per ``doc_id``: the spans of its text that are someone else's words (inline quotations, and reuse).

    ``reuse`` is a table of :func:`textlab.voices.reuse.find_reuse` over the same rows;
    its passages count where the other side is an older text of another author
    (:func:`textlab.voices.reuse.mark_reused`). ``None``: inline quotations only.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"],
    ...                      "text": ['He said "all power to the soviets" and left.', "No quotation here."]})
    >>> quoted_spans(docs, min_words=3)
    {'a': [(8, 34)], 'b': []}
    """
    for col in ("doc_id", "text"):
        if col not in docs.columns:
            raise KeyError(f"docs has no column {col!r}")
    spans = {str(d): inline_quotations(t, min_words=min_words) for d, t in zip(docs["doc_id"], docs["text"])}
    if reuse is not None:
        for d, extra in mark_reused(docs, reuse).items():
            if str(d) in spans and extra:
                spans[str(d)] = _union(spans[str(d)] + [(int(x[0]), int(x[1])) for x in extra])
    return spans


def quoted_share(docs: pd.DataFrame, spans: dict[str, list[tuple[int, int]]], *, by: str = "group") -> pd.DataFrame:
    """Words of each group's text, and how many are quotation: in ``quotation`` rows, or in ``spans`` of other rows.

    Returns one row per value of ``by``: ``words`` (all rows), ``quotation_rows`` (words of its
    quotation rows), ``quoted_spans`` (words inside the spans of its other rows), ``quoted_share``.

    Examples
    --------
    Group A has 8 words: 2 in a quotation row, 3 in a quoted span of its other row; 5 of 8 are quotation:

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "group": ["A", "A", "B"],
    ...                      "kind": ["primary", "quotation", "primary"],
    ...                      "text": ["one two three four five six", "seven eight", "nine ten"]})
    >>> quoted_share(docs, {"a": [(0, 13)]}).values.tolist()
    [['A', 8, 2, 3, 0.625], ['B', 2, 0, 0, 0.0]]
    """
    for col in (by, "kind", "text", "doc_id"):
        if col not in docs.columns:
            raise KeyError(f"docs has no column {col!r}")
    rows = []
    records: list[Any] = list(docs.itertuples(index=False))
    for r in records:
        n = count_words(r.text)
        q_rows = n if r.kind == "quotation" else 0
        q_spans = 0 if r.kind == "quotation" else sum(count_words(r.text[s:e]) for s, e in spans.get(str(r.doc_id), []))
        rows.append({by: getattr(r, by), "words": n, "quotation_rows": q_rows, "quoted_spans": q_spans})
    t = pd.DataFrame(rows).groupby(by, sort=False).sum()
    t["quoted_share"] = (t["quotation_rows"] + t["quoted_spans"]) / t["words"]
    return t.reset_index()
