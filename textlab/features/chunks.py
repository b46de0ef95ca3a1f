"""Chunks: documents cut into consecutive pieces of a fixed number of words, by one rule.

Topic models and stylometry compare texts of very different lengths; cut into chunks of ``size`` words, a long
chapter and a short letter weigh alike. Every chunking in textlab follows one contract:

- **What is cut**: a document's words (or tokens): a sequence of str. :func:`chunk_words` cuts many documents,
  optionally joining the documents of one *unit* (e.g. the paragraphs of one chapter) before cutting, so that a
  chunk may run across documents and fewer tails are lost.
- **Where**: at word 0, ``size``, ``2 * size``, ... (:func:`chunk_spans`). The last piece is *short* when it
  has fewer than ``min_size`` words (default ``size``: any last piece shorter than a full chunk).
- **The short tail**, by an explicit option ``tail``:

  ``"merge"``
      it joins the previous chunk (so, with ``min_size <= size``, a chunk has ``min_size`` to
      ``size + min_size - 1`` words); a document of fewer than ``min_size`` words has no chunk: it is dropped,
      being all tail.
  ``"keep"``
      it is a chunk of its own (every word is in a chunk).
  ``"drop"``
      it is left out (with the default ``min_size``: every chunk has exactly ``size`` words).

- **Nothing is dropped in silence**: words left out are logged at WARNING (how many tails, of how many
  documents, how many words of how many) and counted in the result (:class:`Chunked`).

:func:`chunk_rows` applies the rule to the texts of a table of rows (each chunk keeps its row's metadata),
:func:`corpus_chunks` to a corpus's comparison rows, and :func:`chunk_dtm` counts the chunks.

Examples
--------
>>> chunk_spans(1150, 500, tail="merge", min_size=200)
[(0, 500), (500, 1150)]
>>> [len(c) for c in chunk_words([["w"] * 1150], 500, tail="drop").words]
[500, 500]
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from textlab.core import validate
from textlab.features.dtm import DocumentTermMatrix, DTMVectorizer
from textlab.features.rows import corpus_rows
from textlab.features.tokenize import Tokenizer

log = logging.getLogger(__name__)

__all__ = ["TAILS", "chunk_spans", "Chunked", "chunk_words", "chunk_rows", "corpus_chunks", "auto_min_df", "chunk_dtm"]

#: What :func:`chunk_spans` can do with a short last piece.
TAILS = ("merge", "keep", "drop")


def _options(size: Any, tail: str, min_size: Any) -> tuple[int, int]:
    size = validate.integer(size, "size")
    if tail not in TAILS:
        raise ValueError(f"tail must be one of {TAILS}, got {tail!r}")
    return size, size if min_size is None else validate.integer(min_size, "min_size")


def chunk_spans(n_words: int, size: int, *, tail: str, min_size: int | None = None) -> list[tuple[int, int]]:
    """Where a document of ``n_words`` words is cut: the ``(start, end)`` word offsets of its chunks.

    The one rule of textlab's chunkings (see the module docstring): pieces of ``size`` words from the start; a
    last piece of fewer than ``min_size`` words (default ``size``) is merged into the previous chunk, kept or
    dropped as ``tail`` says, and with ``tail="merge"`` a document of fewer than ``min_size`` words has no chunk.
    For a caller that cuts documents one at a time (a streamed pipeline); it must report what it drops as
    :func:`chunk_words` does.

    Parameters
    ----------
    n_words : int
        Length of the document.
    size : int
        Words per chunk (>= 1).
    tail : {"merge", "keep", "drop"}
        What becomes of a short last piece (no default: the caller says).
    min_size : int, optional
        A last piece shorter than this is a short tail (default ``size``).

    Returns
    -------
    list of (start, end), consecutive; the words ``end`` of the last span to ``n_words`` are dropped.

    Examples
    --------
    >>> chunk_spans(1230, 500, tail="merge", min_size=250)  # the tail of 230 words joins the chunk before
    [(0, 500), (500, 1230)]
    >>> chunk_spans(1230, 500, tail="keep"), chunk_spans(1230, 500, tail="drop")
    ([(0, 500), (500, 1000), (1000, 1230)], [(0, 500), (500, 1000)])
    >>> chunk_spans(90, 500, tail="merge", min_size=100), chunk_spans(300, 500, tail="merge", min_size=100)
    ([], [(0, 300)])
    """
    size, min_size = _options(size, tail, min_size)
    n = validate.integer(n_words, "n_words", minimum=0)
    if tail == "merge" and n < min_size:
        return []
    starts = list(range(0, n, size))
    if starts and n - starts[-1] < min_size:
        if tail == "drop":
            starts.pop()
            return [(s, s + size) for s in starts]
        if tail == "merge" and len(starts) > 1:
            starts.pop()
    ends = starts[1:] + [n]
    return list(zip(starts, ends))


@dataclass(frozen=True)
class Chunked:
    """Chunks of documents (:func:`chunk_words`), where each comes from, and what was left out.

    Attributes
    ----------
    words : list of list of str
        The chunks, unit by unit (in order of each unit's first document), in order within a unit.
    unit : list
        The unit of each chunk: its label in ``units``, or its document's position when there are no units.
    first, last : numpy.ndarray of int
        Position of the first and of the last document each chunk draws on (equal without units).
    start : numpy.ndarray of int
        Offset of each chunk's first word in its unit (the unit's documents joined in order).
    n_words : int
        Words of all the documents.
    dropped_tails : int
        Units that lost a short tail (units with words but no chunk among them).
    dropped_units : int
        Units with words but no chunk (all tail).
    dropped_words : int
        Words in no chunk.

    Examples
    --------
    >>> c = chunk_words([list("abcde"), list("xy")], 2, tail="drop")
    >>> len(c), c.first.tolist(), c.start.tolist(), (c.dropped_tails, c.dropped_words)
    (3, [0, 0, 1], [0, 2, 0], (1, 1))
    """

    words: list[list[str]]
    unit: list[Any]
    first: np.ndarray
    last: np.ndarray
    start: np.ndarray
    n_words: int
    dropped_tails: int
    dropped_units: int
    dropped_words: int

    def __len__(self) -> int:
        return len(self.words)

    @property
    def sizes(self) -> np.ndarray:
        """Words of each chunk.

        >>> chunk_words([list("abcde")], 2, tail="keep").sizes.tolist()
        [2, 2, 1]
        """
        return np.array([len(w) for w in self.words], dtype=np.int64)


def chunk_words(
    documents: Sequence[Sequence[str]],
    size: int,
    *,
    tail: str,
    min_size: int | None = None,
    units: Sequence[Hashable] | np.ndarray | pd.Series | None = None,
) -> Chunked:
    """Cut each document's words (or its unit's, joined) into consecutive chunks of ``size`` words.

    The rule is :func:`chunk_spans`'s: a last piece shorter than ``min_size`` (default ``size``) is merged into
    the chunk before (``tail="merge"``; a unit of fewer than ``min_size`` words then has no chunk), kept
    (``"keep"``) or dropped (``"drop"``). Dropped words are logged at WARNING and counted in the result.

    Parameters
    ----------
    documents : sequence of sequences of str
        One word (or token) list per document.
    size : int
        Words per chunk (>= 1).
    tail : {"merge", "keep", "drop"}
        What becomes of a short last piece (no default: the caller says).
    min_size : int, optional
        A last piece shorter than this is a short tail (default ``size``).
    units : sequence of hashable labels, optional
        One unit per document: the documents of a unit are joined, in input order, before cutting (a chunk may
        then run across documents). Default: every document is its own unit.

    Returns
    -------
    Chunked

    Examples
    --------
    >>> c = chunk_words([list("abcde"), list("xy")], 2, tail="drop")  # "e" is a short tail
    >>> c.words, c.first.tolist(), c.dropped_words
    ([['a', 'b'], ['c', 'd'], ['x', 'y']], [0, 0, 1], 1)
    >>> c = chunk_words([list("abc"), list("de")], 2, tail="drop", units=["w", "w"])  # one unit: "cd" spans rows
    >>> c.words, c.first.tolist(), c.last.tolist(), c.unit
    ([['a', 'b'], ['c', 'd']], [0, 0], [0, 1], ['w', 'w'])
    >>> chunk_words([["w"] * 1150, ["w"] * 50], 500, tail="merge", min_size=200).sizes.tolist()
    [500, 650]
    """
    size, min_size = _options(size, tail, min_size)
    docs = validate.token_lists(documents, "documents")
    members: dict[Any, list[int]] = {}
    if units is None:
        members = {i: [i] for i in range(len(docs))}
    else:
        u = list(units)
        if len(u) != len(docs):
            raise ValueError(f"units has {len(u)} entries but there are {len(docs)} documents")
        for i, key in enumerate(u):
            members.setdefault(key, []).append(i)
    words: list[list[str]] = []
    unit: list[Any] = []
    first: list[int] = []
    last: list[int] = []
    start: list[int] = []
    n_words = dropped_tails = dropped_units = dropped_words = 0
    for key, idx in members.items():
        toks = docs[idx[0]] if len(idx) == 1 else [t for i in idx for t in docs[i]]
        ends = np.cumsum([len(docs[i]) for i in idx])  # word offset where each member document ends
        spans = chunk_spans(len(toks), size, tail=tail, min_size=min_size)
        for s, e in spans:
            words.append(toks[s:e])
            unit.append(key)
            first.append(idx[int(np.searchsorted(ends, s, side="right"))])
            last.append(idx[int(np.searchsorted(ends, e - 1, side="right"))])
            start.append(s)
        n_words += len(toks)
        lost = len(toks) - sum(e - s for s, e in spans)
        if lost:
            dropped_tails += 1
            dropped_units += not spans
            dropped_words += lost
    if dropped_words:
        log.warning(
            "chunks of %d words (tail=%r, min_size=%d): dropped %d of %d words (%.1f%%), the short tails of %d of %d "
            "documents or units (%d of them wholly: no chunk)",
            size,
            tail,
            min_size,
            dropped_words,
            n_words,
            100 * dropped_words / max(n_words, 1),
            dropped_tails,
            len(members),
            dropped_units,
        )
    return Chunked(
        words=words,
        unit=unit,
        first=np.asarray(first, dtype=np.int64),
        last=np.asarray(last, dtype=np.int64),
        start=np.asarray(start, dtype=np.int64),
        n_words=n_words,
        dropped_tails=dropped_tails,
        dropped_units=dropped_units,
        dropped_words=dropped_words,
    )


# --------------------------------------------------------------------------- tables of rows


def chunk_rows(rows: pd.DataFrame, *, size: int = 500, min_words: int = 100, text_column: str = "text") -> pd.DataFrame:
    """Cut each row's text into chunks of ``size`` words, so that long and short texts weigh alike.

    :func:`chunk_words` with ``tail="merge"`` and ``min_size=min_words`` on each row's whitespace-separated
    words: a remainder shorter than ``min_words`` joins the row's previous chunk; a row shorter than
    ``min_words`` is left out (logged at WARNING). Every chunk keeps its row's metadata and gets ``chunk`` (its
    number within the row), ``chunk_id`` (``"<doc_id>#<chunk>"``) and ``n_words`` (the chunk's words, in place
    of the row's).

    Parameters
    ----------
    rows : pandas.DataFrame
        Corpus rows with ``doc_id`` and ``text_column``.
    size : int, default 500
        Words (whitespace-separated) per chunk.
    min_words : int, default 100
    text_column : str, default "text"

    Returns
    -------
    pandas.DataFrame, one row per chunk, in row order then chunk order.

    Examples
    --------
    >>> rows = pd.DataFrame({"doc_id": ["a", "b"], "author": ["X", "Y"],
    ...                      "text": [" ".join(["w"] * 1150), "short text"]})
    >>> c = chunk_rows(rows, size=500, min_words=200)
    >>> c[["chunk_id", "author", "n_words"]].values.tolist()
    [['a#0', 'X', 500], ['a#1', 'X', 650]]
    """
    if not isinstance(rows, pd.DataFrame):
        raise TypeError(f"rows must be a pandas DataFrame, got {type(rows).__name__}")
    for col in ("doc_id", text_column):
        if col not in rows.columns:
            raise KeyError(f"rows has no column {col!r}; columns are {list(rows.columns)}")
    meta_cols = [c for c in rows.columns if c not in (text_column, "chunk", "chunk_id", "n_words")]
    records = rows.to_dict("records")
    c = chunk_words([str(rec[text_column]).split() for rec in records], size, tail="merge", min_size=min_words)
    out: list[dict[str, Any]] = []
    previous, i = -1, 0
    for words, row in zip(c.words, c.first.tolist()):
        i = i + 1 if row == previous else 0
        previous = row
        rec = records[row]
        piece = {col: rec[col] for col in meta_cols}
        piece.update(
            {"chunk": i, "chunk_id": f"{rec['doc_id']}#{i}", "n_words": len(words), text_column: " ".join(words)}
        )
        out.append(piece)
    cols = meta_cols + ["chunk", "chunk_id", "n_words", text_column]
    return pd.DataFrame(out, columns=cols)


def corpus_chunks(
    corpus: Any,
    *,
    size: int = 500,
    min_words: int = 100,
    kinds: Sequence[str] = ("primary",),
    quotations_of: Sequence[str] = (),
    quotations: str = "drop",
) -> pd.DataFrame:
    """Chunks of a corpus's comparison rows (:func:`~textlab.features.rows.comparison_rows`: who speaks; ``group``).

    ``quotations`` as in :func:`~textlab.features.dtm.corpus_dtm`: ``"drop"`` (default) leaves block quotations out and
    cuts quoted spans out of the rows (inline quotations and passages reused from older texts of other authors),
    ``"rows"`` only leaves block quotation rows out, ``"keep"`` keeps them and puts block quotations back.

    Examples
    --------
    The example corpus has 12 rows of about 1,000 words (its block quotation row stays out):

    >>> from textlab.corpus.examples import example_corpus
    >>> chunks = corpus_chunks(example_corpus(), size=500)
    >>> len(chunks), chunks["chunk_id"].tolist()[:3], chunks.groupby("group").size().to_dict()
    (24, ['adams_1-00001#0', 'adams_1-00001#1', 'adams_2-00001#0'], {'A. Adams': 8, 'B. Brown': 8, 'C. Clark': 8})
    """
    rows = corpus_rows(corpus, kinds=kinds, quotations_of=quotations_of, quotations=quotations)
    return chunk_rows(rows, size=size, min_words=min_words)


def auto_min_df(n_docs: int) -> int:
    """The smallest number of chunks a word must appear in to be counted, by the number of chunks.

    One chunk in a hundred, at least 2 and at most 5: 5 on a corpus of 500 chunks or more (on the bundled
    corpus, 839 chunks, 5 and 2 gave topics and document vectors of the same quality, with 3,548 and 6,465 terms),
    fewer on a small corpus, where a word in 5 chunks is already a large share of them and dropping the rarer
    words costs the document vectors most (``docs/topic_models.md``).

    >>> [auto_min_df(n) for n in (10, 250, 420, 839, 100_000)]
    [2, 2, 4, 5, 5]
    """
    if not isinstance(n_docs, (int, np.integer)) or n_docs < 0:
        raise ValueError(f"n_docs must be an integer >= 0, got {n_docs!r}")
    return int(min(5, max(2, round(n_docs / 100))))


def chunk_dtm(
    chunks: pd.DataFrame,
    *,
    min_df: int | float | str = "auto",
    max_df: int | float = 0.5,
    tokenizer: Tokenizer | None = None,
) -> DocumentTermMatrix:
    """Counts of the chunks (default tokenizer, phrases learned on the chunks).

    ``min_df`` drops words too rare to shape a topic: ``"auto"`` (the default) is :func:`auto_min_df` of the
    number of chunks (5 from 500 chunks on); ``max_df=0.5`` drops words in more than half the chunks, which every
    topic would share.

    Examples
    --------
    >>> chunks = pd.DataFrame({"doc_id": list("abcd"), "text": ["party congress", "party union", "tsar court", "tsar"]})
    >>> m = chunk_dtm(chunks, min_df=2, max_df=0.5, tokenizer=Tokenizer(phrases=False))
    >>> m.vocab.tolist(), m.X.toarray().tolist()
    (['party', 'tsar'], [[1, 0], [1, 0], [0, 1], [0, 1]])
    >>> chunk_dtm(chunks, max_df=0.5, tokenizer=Tokenizer(phrases=False)).vocab.tolist()  # "auto": 2 of 4 chunks
    ['party', 'tsar']
    """
    if isinstance(min_df, str):
        if min_df != "auto":
            raise ValueError(f"min_df must be an int, a share in (0, 1] or 'auto', got {min_df!r}")
        min_df = auto_min_df(len(chunks))
    return DTMVectorizer(tokenizer=tokenizer, min_df=min_df, max_df=max_df).fit_transform(chunks)
