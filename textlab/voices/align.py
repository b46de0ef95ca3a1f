"""Seed and extend: word matching, shingle seeds and the alignment behind :func:`textlab.voices.reuse.find_reuse`.

1. Words are normalised for matching only (:func:`normalize_word`); a :class:`Vocabulary` gives every
   normalised word an id, and a :class:`ParsedText` is one text as word ids, with the character offsets of its
   words and the places of its ellipses (worked out when first needed).
2. :func:`shingle_seeds` hashes every run of ``n`` word ids (a shingle) and pairs the rows that share one
   (the seeds), leaving out stop-shingles; :func:`promising_seeds` keeps the seeds with enough seeds near them.
3. An :class:`Aligner` extends a seed word by word in each direction (equal, near-equal and split words; gaps
   and ellipses resynchronised); :func:`merge_passages` joins the passages of one pair that overlap.

Examples
--------
>>> vocab = Vocabulary()
>>> a, b = vocab.doc("The Party and the class..."), vocab.doc("the party, and the c1ass")
>>> a.ids == b.ids[:3] + a.ids[3:], [vocab.words[i] for i in b.ids]
(True, ['the', 'party', 'and', 'the', 'c1ass'])
>>> Aligner(vocab.words, n=2, max_gap=2, max_ellipsis=10).walk(a.ids, b.ids, a.ell, b.ell, 0, 0, False)
(5, 5, 5, 0)
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import re
import unicodedata
from collections import defaultdict

import numpy as np

log = logging.getLogger(__name__)

__all__ = [
    "normalize_word",
    "Vocabulary",
    "ParsedText",
    "Aligner",
    "shingle_seeds",
    "promising_seeds",
    "merge_passages",
]

_WORD_RE = re.compile(r"[^\W_]+(?:['\u2018\u2019\u02bc][^\W_]+)*")
_ELLIPSIS_RE = re.compile(r"\u2026|\.[ \t]?\.[ \t]?\.")
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


# --------------------------------------------------------------------------- texts as word ids


class ParsedText:
    """One text as normalised word ids; offsets and ellipses are worked out when first needed."""

    __slots__ = ("text", "ids", "_vocab", "_starts", "_ends", "_ell")

    def __init__(self, text: str, ids: list[int], vocab: Vocabulary) -> None:
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


class Vocabulary:
    """The normalised words of a set of texts, each with an id, and the id of every word as written.

    >>> vocab = Vocabulary()
    >>> vocab.doc("Stalin's 1917 Stalin").ids, vocab.words, vocab.raw_ids["1917"]
    ([0, 0], ['stalin'], -1)
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.words: list[str] = []
        self.raw_ids: dict[str, int] = {}  # word as written -> id, or -1 for a number

    def doc(self, text: str) -> ParsedText:
        """One text as the ids of its normalised words (new words get new ids; numbers are left out)."""
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
        return ParsedText(text, ids, self)

    def hashes(self) -> np.ndarray:
        """A stable 64-bit hash per word (independent of the order words were met)."""
        return np.array(
            [int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little") for w in self.words],
            dtype=np.uint64,
        )


# --------------------------------------------------------------------------- alignment


class Aligner:
    """Greedy banded extension of a seed, with resynchronisation after gaps and an X-drop end.

    ``words`` are the normalised words of the :class:`Vocabulary` whose ids the texts hold; ``n``, ``max_gap``
    and ``max_ellipsis`` are :func:`textlab.voices.reuse.find_reuse`'s. :meth:`walk` extends a seed forwards;
    run on the reversed texts (``rev=True``), backwards.

    >>> vocab = Vocabulary()
    >>> a, b = vocab.doc("one two three four five six"), vocab.doc("one two three forr five six")
    >>> Aligner(vocab.words, n=2, max_gap=2, max_ellipsis=10).walk(a.ids, b.ids, a.ell, b.ell, 0, 0, False)
    (6, 6, 6, 0)
    """

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


# --------------------------------------------------------------------------- seeds


def shingle_seeds(
    parsed: list[ParsedText], vocab: Vocabulary, *, n: int, df_limit: int, pairs: str, sources: list, authors: list
):
    """Seeds per pair of rows: {(x, y): [(pos_x, pos_y), ...]} with x < y, from the shingle index.

    A shingle (``n`` word ids) in more than ``df_limit`` rows, or more than ``10 * df_limit`` times in all, is a
    stop-shingle and seeds nothing; ``pairs`` (as in :func:`textlab.voices.reuse.find_reuse`, with each row's
    ``sources`` and ``authors``) says which pairs of rows are compared.

    >>> vocab = Vocabulary()
    >>> parsed = [vocab.doc("a b c d e"), vocab.doc("x a b c y"), vocab.doc("p q r s t")]
    >>> dict(shingle_seeds(parsed, vocab, n=3, df_limit=10, pairs="any", sources=[""] * 3, authors=[None] * 3))
    {(0, 1): [(0, 1)]}
    """
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


def promising_seeds(seeds: list[tuple[int, int]], *, n: int, max_gap: int, max_jump: int, min_cover: int):
    """Seeds (sorted) whose neighbourhood of seeds on nearby diagonals covers at least ``min_cover`` words of A.

    >>> promising_seeds([(0, 5), (1, 6), (40, 2)], n=3, max_gap=2, max_jump=2, min_cover=4)
    [(0, 5), (1, 6)]
    """
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


def merge_passages(passages: list[list]) -> list[tuple]:
    """Passages of one pair with overlaps on both sides merged (their matched words approximated).

    A passage is ``[start_a, end_a, start_b, end_b, matched, omitted]`` in word positions.

    >>> merge_passages([[0, 10, 0, 10, 10, 0], [5, 15, 5, 15, 10, 0], [30, 40, 50, 60, 10, 0]])
    [(0, 15, 0, 15, 15, 0), (30, 40, 50, 60, 10, 0)]
    """
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
