"""Words in context: keywords in context, collocations, and a term's frequency over time with intervals.

Examples
--------
>>> docs = pd.DataFrame({"doc_id": ["d1"], "author": ["A"], "date": ["1930"], "kind": ["primary"],
...                      "text": ["The party of the class, the party of the state."]})
>>> kwic(docs, "party", width=10)[["left", "match", "right"]].values.tolist()
[['The ', 'party', ' of the cl'], ['class, the ', 'party', ' of the st']]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from textlab.vocab.compare import ArrayLike, as_counts

log = logging.getLogger(__name__)

__all__ = ["kwic", "collocations", "frequency_over_time"]


def _query_pattern(query: str, regex: bool) -> re.Pattern[str]:
    if not isinstance(query, str) or not query.strip():
        raise ValueError(f"query must be a non-empty str, got {query!r}")
    body = query if regex else r"[\s-]+".join(re.escape(w) for w in query.split())
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def kwic(
    docs: pd.DataFrame,
    query: str,
    *,
    width: int = 60,
    regex: bool = False,
    text_column: str = "text",
    columns: Sequence[str] = ("doc_id", "author", "date", "kind"),
) -> pd.DataFrame:
    """Keyword in context: every occurrence of a word or phrase, with its document, speaker and date.

    ``query`` is matched case-insensitively as whole words (a phrase may run
    across spaces, line breaks or a hyphen: ``"united front"`` finds
    ``united-front``); with ``regex=True`` it is a regular expression
    (``r"thermidor\\w*"``). Returns the ``columns`` of the row, ``offset``
    (character offset in the row's text), ``left``, ``match``, ``right``.

    >>> docs = pd.DataFrame({"doc_id": ["d1"], "author": ["A"], "date": ["1930"], "kind": ["primary"],
    ...                      "text": ["For the united\\nfront, against Thermidor."]})
    >>> kwic(docs, "united front", width=8)[["left", "match", "right"]].values.tolist()
    [['For the ', 'united front', ', agains']]
    """
    missing = [c for c in (text_column, *columns) if c not in docs.columns]
    if missing:
        raise KeyError(f"kwic: docs has no column(s) {missing}; columns are {list(docs.columns)}")
    pat = _query_pattern(query, regex)
    rows = []
    for rec in docs[[*columns, text_column]].itertuples(index=False):
        text = getattr(rec, text_column)
        for m in pat.finditer(text):
            s, e = m.span()
            flat = lambda t: " ".join(t.split())  # noqa: E731 - one line of layout
            left = flat(text[max(0, s - width * 2) : s])[-width:]
            if text[max(0, s - 1) : s].isspace():
                left = left + " "
            right = flat(text[e : e + width * 2])[:width]
            if text[e : e + 1].isspace():
                right = " " + right[: width - 1]
            rows.append(
                {
                    **{c: getattr(rec, c) for c in columns},
                    "offset": s,
                    "left": left,
                    "match": flat(m.group(0)),
                    "right": right,
                }
            )
    return pd.DataFrame(rows, columns=[*columns, "offset", "left", "match", "right"])


# --------------------------------------------------------------------------- collocations


def collocations(
    token_lists: Sequence[Sequence[str]],
    node: str,
    *,
    groups: Sequence[Any] | np.ndarray | pd.Series | None = None,
    window: int = 5,
    min_count: int = 3,
) -> pd.DataFrame:
    """Words that keep company with ``node`` within ``window`` tokens either side, per group.

    For each group: ``N`` tokens, ``f_node`` occurrences of the node, span
    ``R = 2 * window * f_node`` positions around them, ``O`` = occurrences of
    the collocate inside those spans (windows do not cross documents),
    ``f_coll`` its frequency. ``pmi = log2(O / E)`` with ``E = R * f_coll / N``;
    ``g2`` = log-likelihood of the 2x2 table ``[[O, R-O], [f_coll-O, N-R-f_coll+O]]``
    (signed: negative if the collocate is rarer near the node than elsewhere).
    Collocates seen fewer than ``min_count`` times near the node are left out
    (PMI overrates rare words). Sorted by group, then ``g2`` descending.

    >>> toks = [["a", "x", "b", "c", "a", "x", "d", "e"]]
    >>> t = collocations(toks, "a", window=1, min_count=2)
    >>> t[["collocate", "O", "f_coll", "N"]].values.tolist()
    [['x', 2, 2, 8]]
    """
    if isinstance(token_lists, str):
        raise TypeError("token_lists must be a sequence of token lists, not a str")
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window}")
    g = np.asarray(groups) if groups is not None else np.array(["all"] * len(token_lists))
    if len(g) != len(token_lists):
        raise ValueError(f"groups has {len(g)} labels but there are {len(token_lists)} token lists")
    rows = []
    for lab in sorted(set(g.tolist()), key=str):
        near: dict[str, int] = {}
        freq: dict[str, int] = {}
        n_tok = f_node = 0
        for toks, gl in zip(token_lists, g):
            if gl != lab:
                continue
            toks = list(toks)
            n_tok += len(toks)
            for t in toks:
                freq[t] = freq.get(t, 0) + 1
            for i, t in enumerate(toks):
                if t != node:
                    continue
                f_node += 1
                for j in range(max(0, i - window), min(len(toks), i + window + 1)):
                    if j != i:
                        near[toks[j]] = near.get(toks[j], 0) + 1
        span = 2 * window * f_node
        for coll, o in near.items():
            if o < min_count or coll == node:
                continue
            fc = freq[coll]
            e = span * fc / n_tok
            obs = np.array([[o, span - o], [fc - o, n_tok - span - fc + o]], dtype=float)
            exp = np.outer(obs.sum(axis=1), obs.sum(axis=0)) / obs.sum()
            with np.errstate(divide="ignore", invalid="ignore"):
                g2 = 2 * np.nansum(np.where(obs > 0, obs * np.log(obs / exp), 0.0))
            rows.append(
                {
                    "group": lab,
                    "collocate": coll,
                    "O": o,
                    "f_coll": fc,
                    "f_node": f_node,
                    "N": n_tok,
                    "E": e,
                    "pmi": np.log2(o / e),
                    "g2": g2 if o >= e else -g2,
                }
            )
    out = pd.DataFrame(rows, columns=["group", "collocate", "O", "f_coll", "f_node", "N", "E", "pmi", "g2"])
    return out.sort_values(["group", "g2", "collocate"], ascending=[True, False, True], kind="mergesort").reset_index(
        drop=True
    )


# --------------------------------------------------------------------------- over time


def frequency_over_time(
    X: ArrayLike,
    vocab: Sequence[str] | np.ndarray,
    docs: pd.DataFrame,
    term: str,
    *,
    by: Sequence[str] = ("author", "year"),
    lengths: Sequence[float] | np.ndarray | pd.Series | None = None,
    per: float = 10_000,
    min_words: float = 0,
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """A term's frequency per ``per`` words in each cell of ``by`` (author x year), with intervals.

    ``lengths`` are the documents' lengths in words (default: their token
    counts in ``X``). The interval resamples the cell's documents; a cell of
    one document gets the exact Poisson interval of its count instead
    (``method`` says which), since one document cannot be resampled; so
    does a cell where the term never occurs, whose bootstrap would be [0, 0].
    Cells with fewer than ``min_words`` words are left out (a rate on a few
    hundred words says little). Returns ``by`` columns, ``n_docs``, ``count``, ``words``, ``rate``, ``lo``, ``hi``,
    ``method``.

    Examples
    --------
    >>> docs = pd.DataFrame({"author": ["A", "A", "A", "B"], "year": [1920, 1920, 1921, 1920]})
    >>> X = np.array([[2, 98], [1, 99], [5, 95], [0, 100]])
    >>> t = frequency_over_time(X, ["tsar", "other"], docs, "tsar", per=100, n_boot=200)
    >>> t[["author", "year", "n_docs", "rate", "method"]].values.tolist()
    [['A', 1920, 2, 1.5, 'bootstrap'], ['A', 1921, 1, 5.0, 'poisson'], ['B', 1920, 1, 0.0, 'poisson']]
    """
    X = as_counts(X)
    if len(docs) != X.shape[0]:
        raise ValueError(f"docs has {len(docs)} rows but X has {X.shape[0]}")
    vocab = list(vocab)
    if term not in vocab:
        raise KeyError(f"term {term!r} is not in the vocabulary ({len(vocab)} terms)")
    counts = np.asarray(X[:, vocab.index(term)].todense()).ravel().astype(float)
    lens = np.asarray(lengths, dtype=float) if lengths is not None else np.asarray(X.sum(axis=1)).ravel().astype(float)
    if len(lens) != len(counts):
        raise ValueError(f"lengths has {len(lens)} values but X has {len(counts)} rows")
    rng = np.random.default_rng(seed)
    q = (1 - ci) / 2
    frame = docs[list(by)].reset_index(drop=True).assign(_c=counts, _n=lens)
    rows = []
    for key, d in frame.groupby(list(by), sort=True):
        c, n = d["_c"].to_numpy(), d["_n"].to_numpy()
        if n.sum() < min_words or n.sum() == 0:
            continue
        rate = c.sum() / n.sum() * per if n.sum() else float("nan")
        if len(d) > 1 and c.sum() > 0:
            w = np.stack([np.bincount(rng.integers(0, len(d), len(d)), minlength=len(d)) for _ in range(n_boot)])
            boots = (w @ c) / np.maximum(w @ n, 1) * per
            lo, hi, method = np.quantile(boots, q), np.quantile(boots, 1 - q), "bootstrap"
        else:
            k = c.sum()
            lo = stats.chi2.ppf(q, 2 * k) / 2 if k > 0 else 0.0
            hi = stats.chi2.ppf(1 - q, 2 * k + 2) / 2
            lo, hi, method = lo / n.sum() * per, hi / n.sum() * per, "poisson"
        key = key if isinstance(key, tuple) else (key,)
        rows.append(
            {
                **dict(zip(by, key)),
                "n_docs": len(d),
                "count": int(c.sum()),
                "words": int(n.sum()),
                "rate": rate,
                "lo": lo,
                "hi": hi,
                "method": method,
            }
        )
    return pd.DataFrame(rows, columns=[*by, "n_docs", "count", "words", "rate", "lo", "hi", "method"])
