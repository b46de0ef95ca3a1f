"""Lexical diversity: type-token ratio, MATTR and MTLD, per token list and per group on chunks of equal length.

Examples
--------
>>> tokens = "the party and the class and the state".split()
>>> ttr(tokens), round(mtld(tokens), 3)
(0.625, 8.0)
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from textlab.features.chunks import chunk_words

log = logging.getLogger(__name__)

__all__ = ["ttr", "mattr", "mtld", "chunk_tokens", "lexical_diversity", "diversity_by_group"]


def ttr(tokens: Sequence[str]) -> float:
    """Type-token ratio: distinct tokens / tokens. Falls as a text grows; shown only for contrast.

    >>> ttr("a b a c".split())
    0.75
    """
    return len(set(tokens)) / len(tokens) if len(tokens) else float("nan")


def mattr(tokens: Sequence[str], *, window: int = 500) -> float:
    """Moving-average type-token ratio (Covington and McFall 2010) over windows of ``window`` tokens.

    A text shorter than the window gets its plain TTR.

    >>> mattr("a b a c".split(), window=2)   # windows ab, ba, ac: all 1.0
    1.0
    >>> round(mattr("a a b b".split(), window=3), 4)   # aab, abb: 2/3 each
    0.6667
    """
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window}")
    n = len(tokens)
    if n == 0:
        return float("nan")
    if n <= window:
        return ttr(tokens)
    counts: dict[str, int] = {}
    for t in tokens[:window]:
        counts[t] = counts.get(t, 0) + 1
    total = len(counts)
    for i in range(window, n):
        new, old = tokens[i], tokens[i - window]
        counts[new] = counts.get(new, 0) + 1
        c = counts[old] - 1
        if c:
            counts[old] = c
        else:
            del counts[old]
        total += len(counts)
    return total / ((n - window + 1) * window)


def _mtld_pass(tokens: Sequence[str], threshold: float) -> float:
    factors = 0.0
    types: set[str] = set()
    count = 0
    for t in tokens:
        count += 1
        types.add(t)
        if len(types) / count <= threshold:
            factors += 1
            types, count = set(), 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    return len(tokens) / factors if factors > 0 else float("nan")


def mtld(tokens: Sequence[str], *, threshold: float = 0.72) -> float:
    """Measure of textual lexical diversity (McCarthy and Jarvis 2010), mean of a forward and a backward pass.

    A pass counts *factors*: stretches over which the running TTR falls to
    ``threshold``; a last, unfinished stretch counts in proportion
    ``(1 - TTR) / (1 - threshold)``. MTLD = tokens / factors. NaN when no
    stretch lowers the TTR at all (every token new).

    >>> mtld("a a b b".split())   # each pass: aa, bb -> 2 factors; 4 / 2
    2.0
    >>> round(mtld("a b a c".split()), 4)   # forward 4 / 1; backward 4 / (0.25 / 0.28); mean
    4.24
    """
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
    tokens = list(tokens)
    return (_mtld_pass(tokens, threshold) + _mtld_pass(tokens[::-1], threshold)) / 2


def chunk_tokens(token_lists: Sequence[Sequence[str]], size: int) -> tuple[list[list[str]], np.ndarray]:
    """Cut each document's tokens into consecutive chunks of exactly ``size`` (a shorter tail is left out, logged).

    textlab's one chunker (:func:`textlab.features.chunks.chunk_words`) with ``tail="drop"``. Returns the chunks
    and, for each, the index of its document.

    >>> chunks, doc = chunk_tokens([list("abcde"), list("xy")], 2)  # "e" is a short tail
    >>> chunks, doc.tolist()
    ([['a', 'b'], ['c', 'd'], ['x', 'y']], [0, 0, 1])
    """
    c = chunk_words(token_lists, size, tail="drop")
    return c.words, c.first


def lexical_diversity(
    token_lists: Sequence[Sequence[str]],
    *,
    window: int = 500,
    threshold: float = 0.72,
) -> pd.DataFrame:
    """TTR, MATTR and MTLD of each token list: DataFrame with ``n_tokens``, ``ttr``, ``mattr``, ``mtld``.

    >>> lexical_diversity([["a", "a", "b", "b"]], window=3).round(4).to_dict("records")
    [{'n_tokens': 4, 'ttr': 0.5, 'mattr': 0.6667, 'mtld': 2.0}]
    """
    if isinstance(token_lists, str):
        raise TypeError("token_lists must be a sequence of token lists, not a str")
    rows = [
        {"n_tokens": len(t), "ttr": ttr(t), "mattr": mattr(t, window=window), "mtld": mtld(t, threshold=threshold)}
        for t in token_lists
    ]
    return pd.DataFrame(rows, columns=["n_tokens", "ttr", "mattr", "mtld"])


def diversity_by_group(
    token_lists: Sequence[Sequence[str]],
    groups: Sequence[Any] | np.ndarray | pd.Series,
    *,
    chunk: int = 2000,
    window: int = 500,
    threshold: float = 0.72,
    units: Sequence[Any] | np.ndarray | pd.Series | None = None,
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Lexical diversity per group on chunks of equal length, with intervals that respect documents.

    Each document is cut into chunks of ``chunk`` tokens (:func:`chunk_tokens`),
    so every measure is taken on the same length; a group's value is the mean
    over its chunks, and its interval comes from resampling the group's
    *documents* (with all their chunks). Returns ``(per_chunk, summary)``:
    ``per_chunk`` has ``group``, ``doc`` (row position), and the measures;
    ``summary`` has, per group, ``n_docs``, ``n_chunks`` and for each measure
    its mean, ``_lo`` and ``_hi``.

    ``units`` (one label per token list, e.g. ``docs["work"]``) joins the
    token lists of one unit, in order, before chunking, and makes the unit
    what is resampled: use it when rows are paragraphs of a chapter.

    Examples
    --------
    >>> docs = [("the party and the class " * 20).split(), ("a tsar a court a tsar " * 20).split(),
    ...         ("we we we " * 30).split()]
    >>> per_chunk, summary = diversity_by_group(docs, ["A", "A", "B"], chunk=50, window=10, n_boot=100)
    >>> per_chunk["group"].tolist(), summary[["group", "n_docs", "n_chunks", "mattr"]].round(3).values.tolist()
    (['A', 'A', 'A', 'A', 'B'], [['A', 2, 4, 0.35], ['B', 1, 1, 0.1]])
    """
    g = np.asarray(groups)
    if len(g) != len(token_lists):
        raise ValueError(f"groups has {len(g)} labels but there are {len(token_lists)} token lists")
    if units is not None:
        u = np.asarray(units)
        if len(u) != len(token_lists):
            raise ValueError(f"units has {len(u)} labels but there are {len(token_lists)} token lists")
        order = list(dict.fromkeys(zip(g.tolist(), u.tolist())))
        joined: dict = {k: [] for k in order}
        for toks, key in zip(token_lists, zip(g.tolist(), u.tolist())):
            joined[key].extend(toks)
        token_lists, g = [joined[k] for k in order], np.asarray([k[0] for k in order])
    chunks, owner = chunk_tokens(token_lists, chunk)
    per = lexical_diversity(chunks, window=window, threshold=threshold)
    per.insert(0, "doc", owner)
    per.insert(0, "group", g[owner] if len(owner) else [])
    rng = np.random.default_rng(seed)
    q = (1 - ci) / 2
    rows = []
    for lab, d in per.groupby("group", sort=True):
        docs = np.unique(d["doc"].to_numpy())
        row = {"group": lab, "n_docs": len(docs), "n_chunks": len(d)}
        by_doc = {k: v for k, v in d.groupby("doc")}
        for m in ("ttr", "mattr", "mtld"):
            sums = np.array([by_doc[k][m].sum() for k in docs])
            ns = np.array([len(by_doc[k]) for k in docs])
            boots = []
            for _ in range(n_boot):
                w = np.bincount(rng.integers(0, len(docs), len(docs)), minlength=len(docs))
                boots.append((sums @ w) / (ns @ w))
            row[m] = d[m].mean()
            row[f"{m}_lo"], row[f"{m}_hi"] = np.quantile(boots, q), np.quantile(boots, 1 - q)
        rows.append(row)
    return per, pd.DataFrame(rows)
