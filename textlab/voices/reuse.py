"""Text reuse: passages shared between documents, word for word or nearly so.

:func:`find_reuse` finds passages that two rows of a corpus share, exact or
near-exact (OCR noise, a word split in two, small edits, words left out at
an ellipsis ``...``), and reports them with character offsets into each
row's text and the raw line numbers they came from. :func:`reuse_summary`
counts them per pair of sources; :func:`mark_reused` gives, per row, the
spans it took from an older text by another author (to leave quoted words
out of a comparison of authors).

The method, in the usual seed-and-extend way (as in BLAST or text-reuse
tools such as passim; the steps are in :mod:`textlab.voices.align`, the raw
line numbers in :mod:`textlab.voices.lines`):

1. Words are normalised for matching only (lower case, accents, curly and
   straight apostrophes made one, possessive ``'s`` and other apostrophes
   dropped, numbers left out); offsets always refer to the original text.
2. Every run of ``n`` normalised words (a shingle) is hashed (a stable
   64-bit hash, so results do not depend on the order of the rows) and put
   in an index: hash -> postings (row, word position). Shingles found in
   more than ``max_df`` rows (formulae such as "on the other hand the") are
   stop-shingles and are ignored.
3. Shingles shared by two rows are seeds. Only the pairs of rows that share
   a seed are looked at; a seed is tried only if enough seeds near it, on
   a nearby diagonal, cover at least ``max(n, min_words // 2)`` words.
4. From a seed the alignment is extended in both directions word by word:
   equal words, near-equal words (one edit apart, or equal once OCR
   confusions such as ``rn``/``m`` are undone) and words split in two
   (``His tory``/``history``) match; after a mismatch it resynchronises at
   the nearest place within ``max_gap`` words on each side where two words
   match again; at an ellipsis the other side may skip up to
   ``max_ellipsis`` words if ``n`` words then match. A passage ends where
   its score (matched words minus words skipped or changed) is highest, so
   its ends are the real ends of the shared text, not the seed's.

Examples
--------
>>> import pandas as pd
>>> q = ("the bureaucracy has raised itself above the masses and the party and now "
...      "rules over both by means of the apparatus of repression")
>>> docs = pd.DataFrame({"doc_id": ["t", "c"], "source": ["adams", "clark"], "date": ["1936", "1993"],
...                      "text": ["He said that " + q + ". Then he left.", "Clark quotes: " + q + ", he says."]})
>>> t = find_reuse(docs, raw=None)
>>> t[["doc_id_a", "doc_id_b", "start_a", "end_a", "n_words", "similarity", "older"]].values.tolist()
[['c', 't', 14, 142, 23, 1.0, 'b']]
>>> mark_reused(docs, t)
{'c': [(14, 142)], 't': []}
"""

from __future__ import annotations

import logging
import re
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from textlab.core import validate
from textlab.corpus.table import count_words
from textlab.voices.align import Aligner, Vocabulary, merge_passages, promising_seeds, shingle_seeds
from textlab.voices.lines import LineMap, RawLines

log = logging.getLogger(__name__)

__all__ = ["PAIRS", "RESULT_COLUMNS", "find_reuse", "reuse_summary", "mark_reused"]

#: Values of ``pairs=`` in :func:`find_reuse`.
PAIRS = ("any", "across_sources", "across_authors", "within_source")

#: Columns of the table :func:`find_reuse` returns, in order.
RESULT_COLUMNS = [
    "doc_id_a",
    "doc_id_b",
    "source_a",
    "source_b",
    "author_a",
    "author_b",
    "start_a",
    "end_a",
    "start_b",
    "end_b",
    "line_start_a",
    "line_end_a",
    "line_start_b",
    "line_end_b",
    "n_words",
    "n_words_a",
    "n_words_b",
    "matched",
    "omitted",
    "similarity",
    "older",
    "line_basis",
    "text_a",
    "text_b",
]


# --------------------------------------------------------------------------- checks


def _check_docs(docs, text_column: str) -> None:
    if not isinstance(docs, pd.DataFrame):
        raise TypeError(f"docs must be a pandas DataFrame, got {type(docs).__name__}")
    if not isinstance(text_column, str):
        raise TypeError(f"text_column must be a str, got {type(text_column).__name__}")
    missing = [c for c in ("doc_id", text_column) if c not in docs.columns]
    if missing:
        raise ValueError(f"docs is missing column(s) {missing}; columns are {list(docs.columns)}")
    ids = docs["doc_id"].astype(str)
    if ids.duplicated().any():
        raise ValueError(f"docs has duplicate doc_id {ids[ids.duplicated()].iloc[0]!r}")


def _texts(docs: pd.DataFrame, text_column: str) -> list[str]:
    out = []
    for doc_id, t in zip(docs["doc_id"], docs[text_column]):
        if isinstance(t, str):
            out.append(t)
        elif t is None or (isinstance(t, float) and np.isnan(t)):
            out.append("")
        else:
            raise TypeError(f"{text_column} of doc_id {doc_id!r} must be a str, got {type(t).__name__}")
    return out


def _dates(docs: pd.DataFrame) -> list[str | None]:
    dates = docs["date"].tolist() if "date" in docs.columns else [None] * len(docs)
    years = docs["year"].tolist() if "year" in docs.columns else [None] * len(docs)
    out: list[str | None] = []
    for d, y in zip(dates, years):
        if isinstance(d, str) and re.match(r"^\d{4}", d.strip()):
            out.append(d.strip())
        elif y is not None and not pd.isna(y):
            out.append(f"{int(y):04d}")
        else:
            out.append(None)
    return out


def _older(da: str | None, db: str | None) -> str:
    """'a', 'b', 'same' (equal at the precision both dates have) or 'unknown'."""
    if da is None or db is None:
        return "unknown"
    k = min(len(da), len(db))
    a, b = da[:k], db[:k]
    return "same" if a == b else ("a" if a < b else "b")


def _shorten(s: str, width: int) -> str:
    s = " ".join(s.split())
    if len(s) <= width:
        return s
    half = max((width - 3) // 2, 1)
    return s[:half].rstrip() + " \u2026 " + s[-half:].lstrip()


def _column(docs: pd.DataFrame, name: str, default=None) -> list:
    if name not in docs.columns:
        return [default] * len(docs)
    return [None if (v is None or (isinstance(v, float) and np.isnan(v))) else v for v in docs[name].tolist()]


# --------------------------------------------------------------------------- find_reuse


def find_reuse(
    docs: pd.DataFrame,
    *,
    n: int = 5,
    min_words: int = 20,
    max_gap: int = 8,
    max_ellipsis: int = 100,
    max_df: int | float = 10,
    pairs: str = "any",
    text_column: str = "text",
    raw: RawLines = "auto",
    max_chars: int = 160,
) -> pd.DataFrame:
    """Passages shared between two rows of ``docs``, exact or near-exact.

    Parameters
    ----------
    docs : pandas.DataFrame
        One row per document, with ``doc_id`` and ``text_column``; ``source``,
        ``author``, ``date`` (or ``year``), ``line_start`` and ``line_end``
        are used when present (``corpus.docs`` has them all).
    n : int
        Shingle size in normalised words (numbers are not words here).
    min_words : int
        Shortest passage reported, in words of its shorter side (counted as
        :func:`textlab.corpus.table.count_words` counts them). At least ``n``.
    max_gap : int
        Words that may be skipped or changed, on each side, between two
        matching stretches of one passage.
    max_ellipsis : int
        Words the other side may have where one side has an ellipsis
        (``...`` or ``\u2026``), provided ``n`` words then match again.
    max_df : int or float
        Shingles found in more than this many rows (an int >= 2), or in more
        than this share of the rows (a float in (0, 1], at least 2 rows),
        are stop-shingles and seed nothing; so are shingles found more than
        ``10 * max_df`` times in all (the rows of a table, say).
    pairs : {"any", "across_sources", "across_authors", "within_source"}
        Which pairs of rows to compare: all, those of different ``source``,
        of different ``author`` (a row without an author differs from
        every other), or of the same ``source``.
    text_column : str
        The column holding the text.
    raw : "auto", folder, mapping or None
        Where the raw files are, to give each passage its raw line numbers:
        ``"auto"`` looks for a file named by ``source`` in the bundled
        ``data/raw``; a folder looks there; a mapping gives ``source ->``
        raw text or list of raw lines; None skips the search.
    max_chars : int
        Length of the passage texts ``text_a``/``text_b`` (shortened in the
        middle with " \u2026 ").

    Returns
    -------
    pandas.DataFrame
        One row per passage, columns :data:`RESULT_COLUMNS`: ``doc_id_a <
        doc_id_b`` (as strings), with each side's ``source`` and ``author``
        (None where ``docs`` has none); ``start``/``end`` are character offsets in
        each row's text (from the first matched word's first character to
        the last matched word's last); ``line_start``/``line_end`` are
        1-based raw lines of the passage's first and last letters:
        the cleaned text carries no offset-to-line map, so they are found
        by looking for the passage's first and last letters in the raw
        lines of the row's span (``line_basis == "text"``), or, where the
        raw file is unavailable or the letters differ (an OCR repair),
        estimated in proportion to the offset within the row's span
        (``"estimate"``); missing when ``docs`` has no line columns
        (``"none"``).
        ``n_words`` is the shorter side's word count (``n_words_a``,
        ``n_words_b`` each side's), ``matched`` the
        aligned word pairs, ``omitted`` the words one side leaves out at
        ellipses, ``similarity = matched / (longer side's words -
        omitted)`` in normalised words, ``older`` is ``"a"``, ``"b"``,
        ``"same"`` (equal dates at the precision both have) or
        ``"unknown"``; ``text_a``/``text_b`` are the passages, shortened.
        Sorted by ``doc_id_a, doc_id_b, start_a, start_b``.

    Raises
    ------
    TypeError
        If ``docs`` is not a DataFrame, a parameter has the wrong type, or a
        text is not a string.
    ValueError
        If a required column is missing, ``doc_id`` is duplicated, or a
        parameter is out of range.

    Examples
    --------
    >>> shared = "one two three four five six seven eight nine ten"
    >>> docs = pd.DataFrame({"doc_id": ["x", "y"], "text": ["Alpha beta. " + shared, shared + " gamma."]})
    >>> found = find_reuse(docs, n=3, min_words=10, raw=None)
    >>> found[["start_a", "end_a", "start_b", "end_b", "n_words"]].values.tolist()
    [[12, 60, 0, 48, 10]]
    """
    t0 = time.perf_counter()
    _check_docs(docs, text_column)
    n = validate.integer(n, "n", 2)
    min_words = validate.integer(min_words, "min_words", 1)
    if min_words < n:
        raise ValueError(f"min_words ({min_words}) must be >= n ({n}): a passage shorter than a shingle has no seed")
    max_gap = validate.integer(max_gap, "max_gap", 0)
    max_ellipsis = validate.integer(max_ellipsis, "max_ellipsis", 0)
    max_chars = validate.integer(max_chars, "max_chars", 10)
    if not isinstance(pairs, str) or pairs not in PAIRS:
        raise ValueError(f"pairs must be one of {PAIRS}, got {pairs!r}")
    if isinstance(max_df, bool) or not isinstance(max_df, (int, float, np.integer, np.floating)):
        raise TypeError(f"max_df must be an int or a float, got {type(max_df).__name__}")
    if isinstance(max_df, (float, np.floating)):
        if not 0 < max_df <= 1:
            raise ValueError(f"max_df as a share of rows must be in (0, 1], got {max_df}")
        df_limit = max(2, int(np.ceil(max_df * len(docs))))
    else:
        df_limit = validate.integer(max_df, "max_df", 2)
    need_col = {"across_sources": "source", "within_source": "source", "across_authors": "author"}.get(pairs)
    if need_col and need_col not in docs.columns:
        raise ValueError(f"pairs={pairs!r} needs a column {need_col!r} in docs")
    if not (raw is None or isinstance(raw, (str, PathLike, Mapping))):
        raise TypeError(f"raw must be 'auto', a folder, a mapping or None, got {type(raw).__name__}")
    if isinstance(raw, (str, PathLike)) and raw != "auto" and not Path(raw).is_dir():
        raise ValueError(f"raw: folder {str(raw)!r} does not exist")

    # rows in doc_id order: the result does not depend on the order of docs
    id_list = [str(x) for x in docs["doc_id"]]
    order = sorted(range(len(docs)), key=id_list.__getitem__)
    d = docs.iloc[order].reset_index(drop=True)
    doc_ids = [str(x) for x in d["doc_id"]]
    texts = _texts(d, text_column)
    sources = ["" if v is None else str(v) for v in _column(d, "source")]
    authors = _column(d, "author")
    dates = _dates(d)
    has_lines = "line_start" in d.columns and "line_end" in d.columns
    if has_lines:
        line_starts, line_ends = d["line_start"].tolist(), d["line_end"].tolist()

    vocab = Vocabulary()
    parsed = [vocab.doc(t) for t in texts]
    seeds = shingle_seeds(parsed, vocab, n=n, df_limit=df_limit, pairs=pairs, sources=sources, authors=authors)
    t_seed = time.perf_counter()

    aligner = Aligner(vocab.words, n=n, max_gap=max_gap, max_ellipsis=max_ellipsis)
    rev_cache: dict[int, tuple[list[int], list[bool]]] = {}

    def rev(k: int):
        if k not in rev_cache:
            rev_cache[k] = (parsed[k].ids[::-1], parsed[k].ell[::-1])
        return rev_cache[k]

    min_cover = max(n, min_words // 2)
    found: list[tuple] = []
    n_tried = 0
    for x, y in sorted(seeds):
        A, B = parsed[x], parsed[y]
        passages: list[list] = []
        for pa, pb in promising_seeds(
            seeds[(x, y)], n=n, max_gap=max_gap, max_jump=max(max_gap, max_ellipsis), min_cover=min_cover
        ):
            if any(p[0] <= pa < p[1] and p[2] <= pb < p[3] for p in passages):
                continue
            n_tried += 1
            fi, fj, fm, fo = aligner.walk(A.ids, B.ids, A.ell, B.ell, pa, pb, False)
            ra, ea = rev(x)
            rb, eb = rev(y)
            la, lb = len(A.ids), len(B.ids)
            bi, bj, bm, bo = aligner.walk(ra, rb, ea, eb, la - pa, lb - pb, True)
            passages.append([la - bi, fi, lb - bj, fj, fm + bm, fo + bo])
        for p in merge_passages(passages):
            found.append((x, y, *p))
    t_align = time.perf_counter()

    lines = LineMap(raw if has_lines else None)
    rows = []
    for x, y, sa, ea, sb, eb, matched, omitted in found:
        if min(ea - sa, eb - sb) < min_words // 2:  # surely too short (words and normalised words differ a little)
            continue
        A, B = parsed[x], parsed[y]
        s_a, e_a = A.starts[sa], A.ends[ea - 1]
        s_b, e_b = B.starts[sb], B.ends[eb - 1]
        nw_a = count_words(texts[x][s_a:e_a])
        nw_b = count_words(texts[y][s_b:e_b])
        if min(nw_a, nw_b) < min_words:
            continue
        longer = max(ea - sa, eb - sb) - omitted
        sim = min(1.0, matched / max(longer, 1))
        row = {
            "doc_id_a": doc_ids[x],
            "doc_id_b": doc_ids[y],
            "source_a": sources[x],
            "source_b": sources[y],
            "author_a": authors[x],
            "author_b": authors[y],
            "start_a": s_a,
            "end_a": e_a,
            "start_b": s_b,
            "end_b": e_b,
            "n_words": min(nw_a, nw_b),
            "n_words_a": nw_a,
            "n_words_b": nw_b,
            "matched": matched,
            "omitted": omitted,
            "similarity": round(sim, 4),
            "older": _older(dates[x], dates[y]),
            "text_a": _shorten(texts[x][s_a:e_a], max_chars),
            "text_b": _shorten(texts[y][s_b:e_b], max_chars),
        }
        basis = "text" if has_lines else "none"
        for side, k, s, e in (("a", x, s_a, e_a), ("b", y, s_b, e_b)):
            if not has_lines or pd.isna(line_starts[k]) or pd.isna(line_ends[k]):
                basis = "none"
                continue
            l0, l1, ok = lines.locate(k, texts[k], sources[k], int(line_starts[k]), int(line_ends[k]), s, e)
            row[f"line_start_{side}"], row[f"line_end_{side}"] = l0, l1
            if not ok and basis == "text":
                basis = "estimate"
        row["line_basis"] = basis
        rows.append(row)
    out = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    for c in ("line_start_a", "line_end_a", "line_start_b", "line_end_b"):
        out[c] = out[c].astype("Int64")
    for c in ("start_a", "end_a", "start_b", "end_b", "n_words", "n_words_a", "n_words_b", "matched", "omitted"):
        out[c] = out[c].astype("int64")
    out["similarity"] = out["similarity"].astype(float)
    out = out.sort_values(["doc_id_a", "doc_id_b", "start_a", "start_b"], kind="mergesort").reset_index(drop=True)
    log.info(
        "find_reuse: %d rows, %d row pairs with seeds, %d extensions, %d passages "
        "(seeds %.2f s, align %.2f s, total %.2f s)",
        len(docs),
        len(seeds),
        n_tried,
        len(out),
        t_seed - t0,
        t_align - t_seed,
        time.perf_counter() - t0,
    )
    return out


# --------------------------------------------------------------------------- summaries


_TABLE_NEEDS = ("doc_id_a", "doc_id_b", "start_a", "end_a", "start_b", "end_b")


def _check_table(table, extra: Sequence[str] = ()) -> None:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame (from find_reuse), got {type(table).__name__}")
    missing = [c for c in (*_TABLE_NEEDS, *extra) if c not in table.columns]
    if missing:
        raise ValueError(f"table is missing column(s) {missing}; pass the table find_reuse returns")


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def reuse_summary(table: pd.DataFrame, docs: pd.DataFrame, *, text_column: str = "text") -> pd.DataFrame:
    """Passages and words reused per pair of sources.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`find_reuse`.
    docs : pandas.DataFrame
        The rows it was run on (``doc_id``, ``source``, ``text_column``).
    text_column : str
        The column holding the text.

    Returns
    -------
    pandas.DataFrame
        One row per pair of sources (``source_a <= source_b``): ``n_passages``,
        ``n_doc_pairs``, ``words`` (sum of the passages' ``n_words``),
        ``reused_a``/``reused_b`` (words of each source's text inside those
        passages, each word counted once), ``words_a``/``words_b`` (all
        words of each source) and ``share_a``/``share_b``. For a source
        paired with itself both sides count together. Sorted by source pair.

    Examples
    --------
    >>> s = "one two three four five six seven eight nine ten"
    >>> docs = pd.DataFrame({"doc_id": ["x", "y"], "source": ["S", "T"], "text": [s + " more", "less " + s]})
    >>> t = find_reuse(docs, n=3, min_words=10, raw=None)
    >>> reuse_summary(t, docs)[["source_a", "source_b", "n_passages", "reused_a", "share_b"]].values.tolist()
    [['S', 'T', 1, 10, 0.9091]]
    """
    _check_table(table, ("n_words",))
    _check_docs(docs, text_column)
    if "source" not in docs.columns:
        raise ValueError("reuse_summary needs a column 'source' in docs")
    texts = dict(zip(docs["doc_id"].astype(str), _texts(docs, text_column)))
    source_of = dict(zip(docs["doc_id"].astype(str), docs["source"].astype(str)))
    totals: dict[str, int] = defaultdict(int)
    for i, t in texts.items():
        totals[source_of[i]] += count_words(t)
    groups: dict[tuple[str, str], dict] = {}
    r: Any  # a row of table (its cells are typed as any scalar)
    for r in table.itertuples(index=False):
        ia, ib = str(r.doc_id_a), str(r.doc_id_b)
        for i in (ia, ib):
            if i not in texts:
                raise ValueError(f"table names doc_id {i!r}, which docs does not have")
        sa, sb = source_of[ia], source_of[ib]
        side_a, side_b = (ia, int(r.start_a), int(r.end_a)), (ib, int(r.start_b), int(r.end_b))
        if sb < sa:
            sa, sb, side_a, side_b = sb, sa, side_b, side_a
        g = groups.setdefault(
            (sa, sb), {"n": 0, "pairs": set(), "words": 0, "a": defaultdict(list), "b": defaultdict(list)}
        )
        g["n"] += 1
        g["pairs"].add((ia, ib))
        g["words"] += int(r.n_words)
        same = sa == sb
        g["a"][side_a[0]].append(side_a[1:])
        g["a" if same else "b"][side_b[0]].append(side_b[1:])
    rows = []
    for (sa, sb), g in sorted(groups.items()):
        reused = {}
        for side in ("a", "b"):
            spans = g["a"] if (side == "b" and sa == sb) else g[side]
            reused[side] = sum(count_words(texts[i][s:e]) for i, sp in spans.items() for s, e in _union(sp))
        rows.append(
            {
                "source_a": sa,
                "source_b": sb,
                "n_passages": g["n"],
                "n_doc_pairs": len(g["pairs"]),
                "words": g["words"],
                "reused_a": reused["a"],
                "reused_b": reused["b"],
                "words_a": totals[sa],
                "words_b": totals[sb],
                "share_a": round(reused["a"] / max(totals[sa], 1), 4),
                "share_b": round(reused["b"] / max(totals[sb], 1), 4),
            }
        )
    cols = [
        "source_a",
        "source_b",
        "n_passages",
        "n_doc_pairs",
        "words",
        "reused_a",
        "reused_b",
        "words_a",
        "words_b",
        "share_a",
        "share_b",
    ]
    return pd.DataFrame(rows, columns=cols)


def mark_reused(
    docs: pd.DataFrame,
    table: pd.DataFrame,
    *,
    older_only: bool = True,
    other_author: bool = True,
) -> dict[str, list[tuple[int, int]]]:
    """Per row, the character spans of its text that it shares with (takes from) another row.

    With ``older_only`` (the default) a passage marks only its younger side,
    and only if the other side is strictly older (``older`` is ``"a"`` or
    ``"b"``; passages of the same or unknown age mark nothing); without it,
    every passage marks both sides. With ``other_author`` only passages
    whose two sides have different authors count (a quotation, not an
    author repeating himself).

    Parameters
    ----------
    docs : pandas.DataFrame
        The rows (``doc_id``; ``author`` when the table has no author columns).
    table : pandas.DataFrame
        The result of :func:`find_reuse`.
    older_only, other_author : bool
        The filters above.

    Returns
    -------
    dict
        ``doc_id -> [(start, end), ...]`` for every row of ``docs`` (keys in
        ``doc_id`` order), spans merged and sorted (an empty list where
        nothing was found).

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id_a": ["c"], "doc_id_b": ["t"], "start_a": [5], "end_a": [90], "start_b": [0],
    ...                   "end_b": [85], "older": ["b"], "author_a": ["C. Clark"], "author_b": ["A. Adams"]})
    >>> mark_reused(pd.DataFrame({"doc_id": ["c", "t"]}), t)
    {'c': [(5, 90)], 't': []}
    """
    _check_table(table, ("older",) if older_only else ())
    if not isinstance(docs, pd.DataFrame) or "doc_id" not in docs.columns:
        raise ValueError("docs must be a DataFrame with a column 'doc_id'")
    for name, v in (("older_only", older_only), ("other_author", other_author)):
        if not isinstance(v, bool):
            raise TypeError(f"{name} must be a bool, got {type(v).__name__}")
    authors: dict | None = None
    if other_author and not {"author_a", "author_b"} <= set(table.columns):
        if "author" not in docs.columns:
            raise ValueError("other_author=True needs author_a/author_b in table or a column 'author' in docs")
        authors = dict(zip(docs["doc_id"].astype(str), docs["author"]))
    spans: dict[str, list[tuple[int, int]]] = {str(i): [] for i in docs["doc_id"]}
    for r in table.to_dict("records"):
        ia, ib = str(r["doc_id_a"]), str(r["doc_id_b"])
        if other_author:
            aa = authors.get(ia) if authors is not None else r["author_a"]
            ab = authors.get(ib) if authors is not None else r["author_b"]
            if aa is not None and ab is not None and not pd.isna(aa) and not pd.isna(ab) and aa == ab:
                continue
        older = r.get("older")
        marks = []
        if not older_only:
            marks = [(ia, r["start_a"], r["end_a"]), (ib, r["start_b"], r["end_b"])]
        elif older == "b":
            marks = [(ia, r["start_a"], r["end_a"])]
        elif older == "a":
            marks = [(ib, r["start_b"], r["end_b"])]
        for i, s, e in marks:
            if i in spans:
                spans[i].append((int(s), int(e)))
    return {i: _union(spans[i]) for i in sorted(spans)}
