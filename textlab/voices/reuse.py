"""Text reuse: passages shared between documents, word for word or nearly so.

:func:`find_reuse` finds passages that two rows of a corpus share, exact or
near-exact (OCR noise, a word split in two, small edits, words left out at
an ellipsis ``...``), and reports them with character offsets into each
row's text and the raw line numbers they came from. :func:`reuse_summary`
counts them per pair of sources; :func:`mark_reused` gives, per row, the
spans it took from an older text by another author (to leave quoted words
out of a comparison of authors).

The method, in the usual seed-and-extend way (as in BLAST or text-reuse
tools such as passim):

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
>>> docs = pd.DataFrame({"doc_id": ["t", "c"], "source": ["trotsky", "cliff"], "date": ["1936", "1993"],
...                      "text": ["He said that " + q + ". Then he left.", "Cliff quotes: " + q + ", he says."]})
>>> t = find_reuse(docs, raw=None)
>>> t[["doc_id_a", "doc_id_b", "start_a", "end_a", "n_words", "similarity", "older"]].values.tolist()
[['c', 't', 14, 142, 23, 1.0, 'b']]
>>> mark_reused(docs, t)
{'c': [(14, 142)], 't': []}
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import logging
import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any, Union

import numpy as np
import pandas as pd

from textlab.corpus.table import count_words

log = logging.getLogger(__name__)

__all__ = ["PAIRS", "RESULT_COLUMNS", "find_reuse", "reuse_summary", "mark_reused", "normalize_word"]

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

RawLines = Union[str, "PathLike[str]", Mapping[str, str | Sequence[str]], None]

_WORD_RE = re.compile(r"[^\W_]+(?:['\u2018\u2019\u02bc][^\W_]+)*")
_ELLIPSIS_RE = re.compile(r"\u2026|\.[ \t]?\.[ \t]?\.")
_NON_LETTERS_RE = re.compile(r"[\W\d_]+")
_NON_LETTERS_LINES_RE = re.compile(r"[^\w\n]+|[\d_]+")
_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'"})
_OCR_KEY = (("rn", "m"), ("ln", "m"), ("n1", "m"), ("1", "l"), ("0", "o"), ("vv", "w"))
_RESYNC = 2  # exact words that must match again after an ordinary gap
_LOOKBACK = 2  # an ellipsis this many words before a mismatch still allows a long skip


# --------------------------------------------------------------------------- words


def normalize_word(word: str) -> str | None:
    """The form of one word token used for matching, or None for a bare number.

    Lower case, accents removed, apostrophes unified, a possessive ``'s``
    and any other apostrophe dropped.

    >>> [normalize_word(w) for w in ["Stalin\u2019s", "don't", "\u00c9migr\u00e9", "1917"]]
    ['stalin', 'dont', 'emigre', None]
    """
    w = word.translate(_APOSTROPHES).lower()
    w = w.removesuffix("'s")
    w = w.replace("'", "")
    if not w.isascii():
        w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    if not w or w.isdigit():
        return None
    return w


def _ocr_key(w: str) -> str:
    for bad, good in _OCR_KEY:
        if bad in w:
            w = w.replace(bad, good)
    return w


def _one_edit(s: str, t: str) -> bool:
    """True if ``s`` and ``t`` are at most one substitution, insertion or deletion apart."""
    ls, lt = len(s), len(t)
    if ls == lt:
        diff = 0
        for c, d in zip(s, t):
            if c != d:
                diff += 1
                if diff > 1:
                    return False
        return True
    if abs(ls - lt) != 1:
        return False
    if ls > lt:
        s, t = t, s
    i = 0
    while i < len(s) and s[i] == t[i]:
        i += 1
    return s[i:] == t[i + 1 :]


def _near_words(s: str, t: str) -> bool:
    """Two different normalised words that are probably one word damaged (OCR) or respelt slightly."""
    ks, kt = _ocr_key(s), _ocr_key(t)
    if ks == kt:
        return True
    if min(len(s), len(t)) < 4:
        return False
    return _one_edit(s, t) or _one_edit(ks, kt)


class _Doc:
    """One text as normalised word ids; offsets and ellipses are worked out when first needed."""

    __slots__ = ("text", "ids", "_vocab", "_starts", "_ends", "_ell")

    def __init__(self, text: str, ids: list[int], vocab: _Vocab) -> None:
        self.text = text
        self.ids = ids  # normalised word ids
        self._vocab = vocab
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        self._ell: list[bool] | None = None

    def _offsets(self) -> None:
        raw_ids = self._vocab.raw_ids
        spans = [m.span() for m in _WORD_RE.finditer(self.text)]
        kept = [sp for sp, t in zip(spans, _WORD_RE.findall(self.text)) if raw_ids[t] >= 0]
        self._starts = [a for a, _ in kept]
        self._ends = [b for _, b in kept]

    @property
    def starts(self) -> list[int]:
        """Character offset of each word in the original text."""
        if self._starts is None:
            self._offsets()
        return self._starts  # type: ignore[return-value]

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._offsets()
        return self._ends  # type: ignore[return-value]

    @property
    def ell(self) -> list[bool]:
        """len(ids) + 1 flags: an ellipsis lies between word k-1 and word k."""
        if self._ell is None:
            ell = [False] * (len(self.ids) + 1)
            if "\u2026" in self.text or "." in self.text:
                raw_ids, k, prev = self._vocab.raw_ids, 0, 0
                for m in _ELLIPSIS_RE.finditer(self.text):
                    # words before the ellipsis (no word runs through it, so findall up to it is exact)
                    k += sum(1 for t in _WORD_RE.findall(self.text, prev, m.start()) if raw_ids[t] >= 0)
                    prev = m.start()
                    ell[k] = True
            self._ell = ell
        return self._ell


class _Vocab:
    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.words: list[str] = []
        self.raw_ids: dict[str, int] = {}  # word as written -> id, or -1 for a number

    def doc(self, text: str) -> _Doc:
        toks = _WORD_RE.findall(text)
        raw_ids = self.raw_ids
        for raw in set(toks).difference(raw_ids):
            w = normalize_word(raw)
            if w is None:
                raw_ids[raw] = -1
                continue
            k = self.ids.get(w)
            if k is None:
                k = self.ids[w] = len(self.words)
                self.words.append(w)
            raw_ids[raw] = k
        ids = [k for k in map(raw_ids.__getitem__, toks) if k >= 0]
        return _Doc(text, ids, self)

    def hashes(self) -> np.ndarray:
        """A stable 64-bit hash per word (independent of the order words were met)."""
        return np.array(
            [int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little") for w in self.words],
            dtype=np.uint64,
        )


# --------------------------------------------------------------------------- alignment


class _Aligner:
    """Greedy banded extension of a seed, with resynchronisation after gaps and an X-drop end."""

    def __init__(self, words: list[str], *, n: int, max_gap: int, max_ellipsis: int) -> None:
        self.words = words
        self.max_gap = max_gap
        self.max_ellipsis = max(max_ellipsis, max_gap)
        self.k_long = max(n, _RESYNC + 1)
        self.xdrop = 2 * max_gap + 2
        self._near: dict[tuple[int, int], bool] = {}

    def near(self, a: int, b: int) -> bool:
        key = (a, b) if a < b else (b, a)
        r = self._near.get(key)
        if r is None:
            r = self._near[key] = _near_words(self.words[a], self.words[b])
        return r

    def joined(self, x1: int, x2: int, y: int, rev: bool) -> bool:
        w = self.words
        return (w[x2] + w[x1] if rev else w[x1] + w[x2]) == w[y]

    def agree(self, A: list[int], B: list[int], i: int, j: int, need: int, rev: bool) -> bool:
        """True if ``need`` words match in a row from (i, j) (equal, near-equal or split words)."""
        n_a, n_b = len(A), len(B)
        near, joined = self.near, self.joined
        for _ in range(need):
            if i >= n_a or j >= n_b:
                return False
            a, b = A[i], B[j]
            if a == b or near(a, b):
                i += 1
                j += 1
            elif i + 1 < n_a and joined(a, A[i + 1], b, rev):
                i += 2
                j += 1
            elif j + 1 < n_b and joined(b, B[j + 1], a, rev):
                i += 1
                j += 2
            else:
                return False
        return True

    def resync(self, A: list[int], B: list[int], EA: list[bool], EB: list[bool], i: int, j: int, rev: bool):
        """Nearest (di, dj) after which the texts match again, with its cost and omitted words; or None."""
        g, big = self.max_gap, self.max_ellipsis
        n_a, n_b = len(A), len(B)
        ell_a = next((e - i for e in range(max(0, i - _LOOKBACK), min(i + g, n_a) + 1) if EA[e]), None)
        ell_b = next((e - j for e in range(max(0, j - _LOOKBACK), min(j + g, n_b) + 1) if EB[e]), None)
        lim_a = big if ell_b is not None else g
        lim_b = big if ell_a is not None else g
        pos: dict[int, list[int]] = {}
        for dj in range(min(lim_b, n_b - j - 1) + 1):
            pos.setdefault(B[j + dj], []).append(dj)
        best = None
        for di in range(min(lim_a, n_a - i - 1) + 1):
            offs = pos.get(A[i + di])
            if not offs:
                continue
            for dj in offs:
                if di == 0 and dj == 0:
                    continue
                long_a, long_b = di > g, dj > g
                if long_a and long_b:
                    continue
                if long_b and not (ell_a is not None and ell_a <= di):
                    continue
                if long_a and not (ell_b is not None and ell_b <= dj):
                    continue
                need = self.k_long if (long_a or long_b) else _RESYNC
                if not self.agree(A, B, i + di + 1, j + dj + 1, need - 1, rev):
                    continue
                if long_b:
                    cost, om = di + 1, dj - di
                elif long_a:
                    cost, om = dj + 1, di - dj
                else:
                    cost, om = max(di, dj) + 1, 0  # a gap costs one more than its words: no 'X of the' tails
                key = (cost, di + dj, di)
                if best is None or key < best[0]:
                    best = (key, di, dj, cost, om)
        return None if best is None else best[1:]

    def walk(self, A: list[int], B: list[int], EA: list[bool], EB: list[bool], i: int, j: int, rev: bool):
        """Extend from (i, j) to the end of A/B; returns (i_end, j_end, matched, omitted) at the best score."""
        n_a, n_b = len(A), len(B)
        score = best = 0
        matched = omitted = 0
        state = (i, j, 0, 0)
        near, joined = self.near, self.joined
        while i < n_a and j < n_b:
            a, b = A[i], B[j]
            if a == b or near(a, b):
                i += 1
                j += 1
            elif i + 1 < n_a and joined(a, A[i + 1], b, rev):
                i += 2
                j += 1
            elif j + 1 < n_b and joined(b, B[j + 1], a, rev):
                i += 1
                j += 2
            else:
                r = self.resync(A, B, EA, EB, i, j, rev)
                if r is None:
                    break
                di, dj, cost, om = r
                i += di
                j += dj
                score -= cost
                omitted += om
                if score < best - self.xdrop:
                    break
                continue
            score += 1
            matched += 1
            if score > best:
                best = score
                state = (i, j, matched, omitted)
        return state


# --------------------------------------------------------------------------- raw lines


class _LineMap:
    """Raw line numbers of character offsets, found by searching the row's raw lines for the passage's letters.

    The cleaned text and the raw lines are both reduced to their letters
    (lower case; digits, punctuation, spaces and line breaks removed), so
    that joined hyphenations, split words, dropped footnote numbers and
    running heads do not matter. A probe of the letters at the offset (24
    letters, made longer, or moved into the passage, until it occurs exactly
    once) is looked for in the raw letters of the row's line span; failing
    that, the occurrence of a short probe nearest the place proportional to
    the offset is taken; if every probe fails (e.g. an OCR repair changed the
    letters) the line is estimated proportionally.
    """

    def __init__(self, raw: RawLines) -> None:
        self.raw = raw
        self._files: dict[str, list[str] | None] = {}
        self._rows: dict[int, tuple] = {}

    def _source_lines(self, source: str) -> list[str] | None:
        if source in self._files:
            return self._files[source]
        lines: list[str] | None = None
        raw = self.raw
        if raw is None or not source:
            pass
        elif isinstance(raw, Mapping):
            v = raw.get(source)
            if isinstance(v, str):
                lines = _split_lines(v)
            elif v is not None:
                lines = list(v)
        else:
            folder = _raw_folder() if isinstance(raw, str) and raw == "auto" else Path(raw)
            path = folder / source
            if path.is_file():
                from textlab.core.io import read_text_strict

                lines = _split_lines(read_text_strict(path))
        if lines is None and raw is not None:
            log.info("find_reuse: no raw lines for source %r; its line numbers are estimated", source)
        self._files[source] = lines
        return lines

    def _row(self, k: int, text: str, source: str, line_start: int, line_end: int):
        got = self._rows.get(k)
        if got is None:
            C = _NON_LETTERS_RE.sub("", text).lower()
            R, line_off = None, None
            lines = self._source_lines(source)
            if lines is not None and 1 <= line_start <= line_end <= len(lines):
                parts = _NON_LETTERS_LINES_RE.sub("", "\n".join(lines[line_start - 1 : line_end])).lower().split("\n")
                line_off = list(itertools.accumulate((len(x) for x in parts[:-1]), initial=0))
                R = "".join(parts)
            block = self._BLOCK
            counts = [len(_NON_LETTERS_RE.sub("", text[i : i + block]).lower()) for i in range(0, len(text), block)]
            checkpoints = list(itertools.accumulate(counts, initial=0))
            got = self._rows[k] = (C, R, line_off, checkpoints)
        return got

    _BLOCK = 2048

    def _c_index(self, text: str, checkpoints: list[int], p: int) -> int:
        """Index in the letter string of the first letter at or after text[p] (letters are counted by blocks)."""
        b = p // self._BLOCK
        return checkpoints[b] + len(_NON_LETTERS_RE.sub("", text[b * self._BLOCK : p]).lower())

    @staticmethod
    def _find(R: str, probe: str, expected: float) -> int | None:
        width = max(400, len(R) // 8)
        for lo, hi in ((int(expected) - width, int(expected) + width + len(probe)), (0, len(R))):
            lo = max(lo, 0)
            hits: list[int] = []
            q = R.find(probe, lo, hi)
            while q != -1 and len(hits) < 50:
                hits.append(q)
                q = R.find(probe, q + 1, hi)
            if hits:
                return min(hits, key=lambda h: (abs(h - expected), h))
        return None

    @staticmethod
    def _unique(C: str, R: str, c: int, forward: bool) -> int | None:
        """Raw letter index of letter ``c`` of C, from the shortest probe near ``c`` found exactly once in R."""
        for shift in (0, 24, 48, 96):
            for length in (24, 48, 96, 192):
                x = c + shift if forward else c - length + 1 - shift
                x = min(max(x, 0), max(len(C) - length, 0))
                probe = C[x : x + length]
                if len(probe) < 12:
                    return None
                q = R.find(probe)
                if q == -1:
                    break  # a longer probe holds this one (or its start moved off the text): try another shift
                if R.find(probe, q + 1) == -1:
                    r = q + (c - x)
                    if x != (c if forward else c - length + 1):
                        # the probe is off the letter: look for the letter's own few letters nearest the probe
                        # (dropped lines, e.g. a running head, may lie between them in the raw text)
                        if forward:
                            piece = C[c : min(c + 8, x)]
                            at = R.rfind(piece, max(0, q - 4 * (x - c) - 200), q) if piece else -1
                            r = at if at != -1 else r
                        else:
                            piece = C[max(c - 7, x + length) : c + 1]
                            end = q + length
                            at = R.find(piece, end, end + 4 * (c - x - length + 1) + 200) if piece else -1
                            r = at + len(piece) - 1 if at != -1 else r
                    return min(max(r, 0), len(R) - 1)
        return None

    def _nearest(self, C: str, R: str, c: int, forward: bool, expected: float) -> int | None:
        """Raw letter index of letter ``c`` from a short probe, the occurrence nearest ``expected``."""
        for length, shift in ((16, 0), (16, 16), (8, 0)):
            x = c + shift if forward else c - length + 1 - shift
            x = min(max(x, 0), max(len(C) - length, 0))
            probe = C[x : x + length]
            if len(probe) < 8:
                return None
            q = self._find(R, probe, expected + (x - c) * len(R) / max(len(C), 1))
            if q is not None:
                return min(max(q + (c - x), 0), len(R) - 1)
        return None

    def locate(self, k: int, text: str, source: str, line_start: int, line_end: int, start: int, end: int):
        """(first line, last line, located by text?) of text[start:end] in row ``k``."""
        C, R, line_off, checkpoints = self._row(k, text, source, line_start, line_end)
        n_lines = line_end - line_start + 1

        def estimate(p: int) -> int:
            return line_start + min(n_lines - 1, int(n_lines * p / max(len(text), 1)))

        if R is None or not C or not R:
            return estimate(start), estimate(max(start, end - 1)), False
        ratio = len(R) / len(C)
        c0 = min(self._c_index(text, checkpoints, start), len(C) - 1)
        c1 = min(max(c0, self._c_index(text, checkpoints, end) - 1), len(C) - 1)
        r0 = self._unique(C, R, c0, True)
        r1 = self._unique(C, R, c1, False)
        if r0 is None:
            r0 = self._nearest(C, R, c0, True, c0 * ratio if r1 is None else r1 - (c1 - c0) * ratio)
        if r1 is None:
            r1 = self._nearest(C, R, c1, False, c1 * ratio if r0 is None else r0 + (c1 - c0) * ratio)
        out = []
        for r, p in ((r0, start), (r1, max(start, end - 1))):
            out.append(estimate(p) if r is None else line_start + bisect.bisect_right(line_off, r) - 1)
        return out[0], max(out[0], out[1]), r0 is not None and r1 is not None


def _raw_folder() -> Path:
    from textlab.core import paths

    return paths.RAW


def _split_lines(text: str) -> list[str]:
    from textlab.text.segment import split_lines

    return split_lines(text)


# --------------------------------------------------------------------------- checks


def _check_int(name: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


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
    n = _check_int("n", n, 2)
    min_words = _check_int("min_words", min_words, 1)
    if min_words < n:
        raise ValueError(f"min_words ({min_words}) must be >= n ({n}): a passage shorter than a shingle has no seed")
    max_gap = _check_int("max_gap", max_gap, 0)
    max_ellipsis = _check_int("max_ellipsis", max_ellipsis, 0)
    max_chars = _check_int("max_chars", max_chars, 10)
    if not isinstance(pairs, str) or pairs not in PAIRS:
        raise ValueError(f"pairs must be one of {PAIRS}, got {pairs!r}")
    if isinstance(max_df, bool) or not isinstance(max_df, (int, float, np.integer, np.floating)):
        raise TypeError(f"max_df must be an int or a float, got {type(max_df).__name__}")
    if isinstance(max_df, (float, np.floating)):
        if not 0 < max_df <= 1:
            raise ValueError(f"max_df as a share of rows must be in (0, 1], got {max_df}")
        df_limit = max(2, int(np.ceil(max_df * len(docs))))
    else:
        df_limit = _check_int("max_df", max_df, 2)
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

    vocab = _Vocab()
    parsed = [vocab.doc(t) for t in texts]
    seeds = _seeds(parsed, vocab, n=n, df_limit=df_limit, pairs=pairs, sources=sources, authors=authors)
    t_seed = time.perf_counter()

    aligner = _Aligner(vocab.words, n=n, max_gap=max_gap, max_ellipsis=max_ellipsis)
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
        for pa, pb in _promising(
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
        for p in _merge(passages):
            found.append((x, y, *p))
    t_align = time.perf_counter()

    lines = _LineMap(raw if has_lines else None)
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


def _seeds(parsed: list[_Doc], vocab: _Vocab, *, n: int, df_limit: int, pairs: str, sources: list, authors: list):
    """Seeds per pair of rows: {(x, y): [(pos_x, pos_y), ...]} with x < y, from the shingle index."""
    seeds: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    wh = vocab.hashes()
    hs: list[np.ndarray] = []  # per row: shingle hashes, row ids, positions
    ds: list[np.ndarray] = []
    ps: list[np.ndarray] = []
    mult = np.uint64(0x100000001B3)
    for k, doc in enumerate(parsed):
        L = len(doc.ids) - n + 1
        if L <= 0:
            continue
        w = wh[np.asarray(doc.ids, dtype=np.int64)]
        h = np.zeros(L, dtype=np.uint64)
        for q in range(n):
            h = h * mult + w[q : q + L]
        hs.append(h)
        ds.append(np.full(L, k, dtype=np.int64))
        ps.append(np.arange(L, dtype=np.int64))
    if not hs:
        return seeds
    H, D, P = np.concatenate(hs), np.concatenate(ds), np.concatenate(ps)
    o = np.lexsort((P, D, H))
    H, D, P = H[o], D[o], P[o]
    new_h = np.r_[True, H[1:] != H[:-1]]
    new_hd = new_h | np.r_[True, D[1:] != D[:-1]]
    group = np.cumsum(new_h) - 1
    df = np.bincount(group, weights=new_hd).astype(np.int64)
    starts = np.flatnonzero(new_h)
    ends = np.r_[starts[1:], len(H)]
    size = ends - starts
    stop = (df > df_limit) | (size > 10 * df_limit)  # in too many rows, or repeated over and over (tables)
    keep = (df >= 2) & ~stop
    if stop.any():
        log.debug("find_reuse: %d stop-shingles ignored", int(stop.sum()))

    def allowed(x: int, y: int) -> bool:
        if pairs == "across_sources":
            return sources[x] != sources[y]
        if pairs == "within_source":
            return sources[x] == sources[y]
        if pairs == "across_authors":
            return authors[x] is None or authors[y] is None or authors[x] != authors[y]
        return True

    ok_pair: dict[tuple[int, int], bool] = {}
    for s, e in zip(starts[keep].tolist(), ends[keep].tolist()):
        dd, pp = D[s:e].tolist(), P[s:e].tolist()
        for u in range(len(dd)):
            for v in range(u + 1, len(dd)):
                x, y = dd[u], dd[v]
                if x == y:
                    continue
                key = (x, y)
                ok = ok_pair.get(key)
                if ok is None:
                    ok = ok_pair[key] = allowed(x, y)
                if not ok:
                    continue
                pa, pb = pp[u], pp[v]
                if parsed[x].ids[pa : pa + n] == parsed[y].ids[pb : pb + n]:  # not a hash collision
                    seeds[key].append((pa, pb))
    return seeds


def _promising(seeds: list[tuple[int, int]], *, n: int, max_gap: int, max_jump: int, min_cover: int):
    """Seeds (sorted) whose neighbourhood of seeds on nearby diagonals covers at least ``min_cover`` words of A."""
    seeds = sorted(set(seeds))
    pa_list = [s[0] for s in seeds]
    reach = 2 * min_cover + max_gap
    out = []
    for pa, pb in seeds:
        diag = pb - pa
        lo = bisect.bisect_left(pa_list, pa - reach)
        hi = bisect.bisect_right(pa_list, pa + reach)
        covered, last = 0, -1
        for qa, qb in seeds[lo:hi]:
            if abs((qb - qa) - diag) > max_jump:
                continue
            s = max(qa, last)
            if qa + n > s:
                covered += qa + n - s
            last = max(last, qa + n)
            if covered >= min_cover:
                break
        if covered >= min_cover:
            out.append((pa, pb))
    return out


def _merge(passages: list[list]) -> list[tuple]:
    """Passages of one pair with overlaps on both sides merged (their matched words approximated)."""
    out: list[list] = []
    for p in sorted(passages, key=lambda p: (p[0], p[2], p[1], p[3])):
        for q in out:
            if p[0] < q[1] and q[0] < p[1] and p[2] < q[3] and q[2] < p[3]:
                ov = min(min(p[1], q[1]) - max(p[0], q[0]), min(p[3], q[3]) - max(p[2], q[2]))
                q[0], q[1] = min(p[0], q[0]), max(p[1], q[1])
                q[2], q[3] = min(p[2], q[2]), max(p[3], q[3])
                q[4] = min(max(p[4] + q[4] - ov, p[4], q[4]), q[1] - q[0], q[3] - q[2])
                q[5] = max(p[5], q[5])
                break
        else:
            out.append(list(p))
    return [tuple(p) for p in out]


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
    ...                   "end_b": [85], "older": ["b"], "author_a": ["Cliff"], "author_b": ["Trotsky"]})
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
