"""Do document vectors mean something? Pairs of chunks of one work against pairs of different works of one author.

A topic model gives every chunk a vector of topic shares (``doc_topic``), and comparisons of themes rest on
those vectors being alike for chunks of the same work and less alike for chunks of different works. This
module measures how well they are: the cosine of two chunks' vectors scores each pair, and the AUC (the
Mann-Whitney statistic: the chance that a random pair of the same work scores higher than a random pair of two
works, ties counting 1/2) says how well the score tells the two kinds apart: 1 always, 0.5 no better than
chance. The same AUC for the TF-IDF vectors of the same chunks' word counts is the yardstick: topic vectors
that separate works less well than word counts do are *flagged*.

The pairs (:func:`document_pairs`):

- **positives**: pairs of chunks of the same work (a work is a label of ``works`` within its author);
- **negatives**: pairs of chunks of different works by the same author (basis ``"same_author"``), so the
  measure is about works and not about who wrote them. When fewer than ``min_pairs`` such pairs exist (every
  author has one work, e.g. a corpus of single books), negatives are pairs of different works of any author
  (basis ``"any_author"``), and the result says so.
- every pair of a kind when there are at most ``max_pairs`` of it (default 200,000), else a seeded sample of
  ``max_pairs`` of them (drawn without replacement, uniformly, without listing them all);
- fewer than ``min_pairs`` (default 10) positives or negatives: the measure cannot be computed; the result
  says why (``reason``) and its AUCs are None.

:func:`document_vector_check` does it all on plain arrays; :func:`chunk_vector_check` on what
:func:`textlab.topics.corpus_chunk_dtm` returns and a fitted model, finding the works and authors in the
chunks' columns (:func:`chunk_labels`).

Examples
--------
Four chunks of two works by one author; the topic vectors of a work's chunks point the same way:

>>> theta = np.array([[0.9, 0.1], [0.8, 0.2], [0.1, 0.9], [0.2, 0.8]])
>>> X = np.array([[3, 1, 0, 0], [2, 2, 0, 1], [0, 0, 3, 1], [1, 0, 2, 2]])
>>> check = document_vector_check(theta, X, ["a", "a", "b", "b"], ["X"] * 4, min_pairs=1)
>>> check.auc_topics, check.basis, (check.n_positive, check.n_negative), check.flagged
(1.0, 'same_author', (2, 4), False)
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.stats import rankdata
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize

from textlab.features.dtm import DocumentTermMatrix
from textlab.topics.model import TopicModel

log = logging.getLogger(__name__)

__all__ = [
    "BASES",
    "MAX_PAIRS",
    "MIN_PAIRS",
    "DocumentPairs",
    "document_pairs",
    "auc",
    "tfidf_vectors",
    "pair_cosines",
    "vector_auc",
    "DocVectorCheck",
    "document_vector_check",
    "chunk_labels",
    "chunk_vector_check",
]

#: What the negatives are: pairs of different works of the same author, or of any author (the fallback).
BASES = ("same_author", "any_author")
#: Pairs of each kind scored at most; above it, a seeded sample of this many.
MAX_PAIRS = 200_000
#: Fewer pairs of either kind than this and the measure is not computed.
MIN_PAIRS = 10
#: Rows up to which cosines are read from the full Gram matrix (n x n floats) rather than pair by pair.
_GRAM_ROWS = 3000

Labels = Sequence[Hashable] | np.ndarray | pd.Series


@dataclass(frozen=True)
class DocumentPairs:
    """Pairs of chunks to score (:func:`document_pairs`): row positions, which kind each pair is, and the basis.

    Attributes
    ----------
    first, second : numpy.ndarray of int, shape (P,)
        Row positions of the two chunks of each pair (``first != second``).
    positive : numpy.ndarray of bool, shape (P,)
        True for a pair of the same work, False for a pair of two works.
    basis : {"same_author", "any_author"}
        What the negatives are (see :mod:`textlab.topics.docvectors`).
    n_positive_all, n_negative_all : int
        Pairs of each kind there are (before any sampling).
    n_rows : int
        Chunks the pairs were drawn from.
    reason : str or None
        Why the measure cannot be computed (too few pairs of a kind), else None.

    Examples
    --------
    >>> p = document_pairs(["a", "a", "b"], ["X", "X", "X"], min_pairs=1)
    >>> p.first.tolist(), p.second.tolist(), p.positive.tolist(), p.basis
    ([0, 0, 1], [1, 2, 2], [True, False, False], 'same_author')
    """

    first: np.ndarray
    second: np.ndarray
    positive: np.ndarray
    basis: str
    n_positive_all: int
    n_negative_all: int
    n_rows: int
    reason: str | None = None

    @property
    def n_positive(self) -> int:
        """Pairs of the same work scored."""
        return int(self.positive.sum())

    @property
    def n_negative(self) -> int:
        """Pairs of two works scored."""
        return int((~self.positive).sum())

    @property
    def sampled(self) -> bool:
        """True when a kind had more than ``max_pairs`` pairs and a sample of them is scored."""
        return self.n_positive < self.n_positive_all or self.n_negative < self.n_negative_all

    @property
    def computable(self) -> bool:
        """True when there are enough pairs of both kinds."""
        return self.reason is None


def _codes(values: Labels, name: str) -> np.ndarray:
    """Integer codes of 1-D labels; missing labels are refused."""
    arr = np.asarray(values, dtype=object)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one label per chunk (1-D), got shape {arr.shape}")
    codes, _ = pd.factorize(pd.Series(arr), sort=False)
    missing = int((codes < 0).sum())
    if missing:
        first = int(np.flatnonzero(codes < 0)[0])
        raise ValueError(f"{name} has {missing} missing label(s) (the first at chunk {first}): every chunk needs one")
    return np.asarray(codes, dtype=np.int64)


def _run_ends(keys: np.ndarray) -> np.ndarray:
    """For each position of a sorted array, the position just after the run of equal keys it is in."""
    n = len(keys)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], n]
    return np.repeat(ends, np.diff(np.r_[starts, n])).astype(np.int64)


def _draw(lo: np.ndarray, hi: np.ndarray, cap: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, int]:
    """Pairs (p, j) with lo[p] <= j < hi[p]: all of them, or ``cap`` drawn uniformly without replacement."""
    counts = np.maximum(hi - lo, 0)
    total = int(counts.sum())
    if total <= cap:
        idx = np.arange(total, dtype=np.int64)
    else:
        idx = np.sort(rng.choice(total, size=cap, replace=False)).astype(np.int64)
    ends = np.cumsum(counts)
    p = np.searchsorted(ends, idx, side="right")
    j = lo[p] + idx - (ends[p] - counts[p])
    return p.astype(np.int64), j.astype(np.int64), total


def document_pairs(
    works: Labels,
    authors: Labels,
    *,
    max_pairs: int = MAX_PAIRS,
    min_pairs: int = MIN_PAIRS,
    seed: int = 0,
    basis: str = "auto",
) -> DocumentPairs:
    """Pairs of chunks of the same work (positives) and of two works of one author (negatives).

    A work is a label of ``works`` within its author: two authors' works of the same title are two works.
    Negatives are pairs of chunks of different works by the same author; when there are fewer than
    ``min_pairs`` of them (``basis="auto"``: no author has two works with chunks), pairs of different works of
    any author. Each kind is listed whole when it has at most ``max_pairs`` pairs, else ``max_pairs`` of its
    pairs are drawn uniformly without replacement with ``seed`` (positives first, from the same generator).

    Parameters
    ----------
    works, authors : sequences of hashable labels, shape (n,)
        The work and the author of each chunk (no missing labels).
    max_pairs : int, default 200,000
        Pairs of each kind scored at most.
    min_pairs : int, default 10
        Fewer pairs of either kind than this: ``reason`` says so and nothing is drawn.
    seed : int, default 0
    basis : {"auto", "same_author", "any_author"}
        What the negatives are; ``"auto"`` as above.

    Returns
    -------
    DocumentPairs
        Pairs in a fixed order (positives, then negatives; by position within each).

    Examples
    --------
    Two works of author X and one of author Y; negatives stay within X:

    >>> p = document_pairs(["a", "a", "b", "c", "c"], ["X", "X", "X", "Y", "Y"], min_pairs=1)
    >>> list(zip(p.first.tolist(), p.second.tolist(), p.positive.tolist())), p.basis
    ([(0, 1, True), (3, 4, True), (0, 2, False), (1, 2, False)], 'same_author')

    One work per author: negatives are pairs of works of any two authors, and too few pairs give a reason:

    >>> p = document_pairs(["a", "a", "c", "c"], ["X", "X", "Y", "Y"], min_pairs=1)
    >>> p.basis, p.n_positive, p.n_negative
    ('any_author', 2, 4)
    >>> document_pairs(["a", "a", "c", "c"], ["X", "X", "Y", "Y"]).reason
    'only 2 pairs of chunks of the same work (at least 10 are needed)'
    """
    if basis not in ("auto", *BASES):
        raise ValueError(f"basis must be 'auto' or one of {BASES}, got {basis!r}")
    if int(max_pairs) < 1 or int(min_pairs) < 1:
        raise ValueError(f"max_pairs and min_pairs must be >= 1, got {max_pairs!r} and {min_pairs!r}")
    w, a = _codes(works, "works"), _codes(authors, "authors")
    if len(w) != len(a):
        raise ValueError(f"works has {len(w)} labels but authors has {len(a)}: one of each per chunk")
    n = len(w)
    key = a * (int(w.max()) + 1 if n else 1) + w  # a work within its author
    order = np.lexsort((np.arange(n), key))  # by author, then work, then position
    pos = np.arange(n, dtype=np.int64)
    work_end, author_end = _run_ends(key[order]), _run_ends(a[order])
    same_author = int(np.maximum(author_end - work_end, 0).sum())
    chosen = basis if basis != "auto" else ("same_author" if same_author >= min_pairs else "any_author")
    neg_hi = author_end if chosen == "same_author" else np.full(n, n, dtype=np.int64)
    n_pos_all = int((work_end - pos - 1).sum())
    n_neg_all = int(np.maximum(neg_hi - work_end, 0).sum())
    reason = None
    if n_pos_all < min_pairs:
        reason = f"only {n_pos_all} pairs of chunks of the same work (at least {min_pairs} are needed)"
    elif n_neg_all < min_pairs:
        what = "different works of the same author" if chosen == "same_author" else "different works"
        reason = f"only {n_neg_all} pairs of chunks of {what} (at least {min_pairs} are needed)"
    if reason is not None:
        log.info("document vectors: %s", reason)
        empty = np.zeros(0, dtype=np.int64)
        return DocumentPairs(empty, empty, np.zeros(0, dtype=bool), chosen, n_pos_all, n_neg_all, n, reason)
    rng = np.random.default_rng(seed)
    pp, pj, _ = _draw(pos + 1, work_end, int(max_pairs), rng)
    np_, nj, _ = _draw(work_end, neg_hi, int(max_pairs), rng)
    first = order[np.r_[pp, np_]]
    second = order[np.r_[pj, nj]]
    lo, hi = np.minimum(first, second), np.maximum(first, second)
    positive = np.r_[np.ones(len(pp), dtype=bool), np.zeros(len(np_), dtype=bool)]
    return DocumentPairs(lo, hi, positive, chosen, n_pos_all, n_neg_all, n)


def auc(positive: Sequence[float] | np.ndarray, negative: Sequence[float] | np.ndarray) -> float:
    """Area under the ROC curve of a score: the chance that a positive scores above a negative, ties 1/2.

    The Mann-Whitney U statistic of the positives over ``len(positive) * len(negative)``, from the average
    ranks of all the scores (as :func:`sklearn.metrics.roc_auc_score`).

    Parameters
    ----------
    positive, negative : 1-D arrays of float
        Scores of the positives and of the negatives (neither empty, no NaN).

    Returns
    -------
    float in [0, 1]

    Examples
    --------
    >>> auc([0.9, 0.8], [0.1, 0.8])  # 3 of 4 pairs ordered, one tie
    0.875
    """
    p = np.asarray(positive, dtype=float).ravel()
    q = np.asarray(negative, dtype=float).ravel()
    if not len(p) or not len(q):
        raise ValueError(f"auc needs positives and negatives, got {len(p)} and {len(q)}")
    if np.isnan(p).any() or np.isnan(q).any():
        raise ValueError("auc: scores must not be NaN")
    ranks = rankdata(np.r_[p, q])
    u = float(ranks[: len(p)].sum()) - len(p) * (len(p) + 1) / 2
    return u / (len(p) * len(q))


def tfidf_vectors(X: Any) -> sp.csr_matrix:
    """TF-IDF vectors of counts: scikit-learn's ``TfidfTransformer`` with its defaults, fitted on ``X`` itself.

    Its defaults: raw counts as term frequency, ``idf = ln((1 + n) / (1 + df)) + 1`` (``smooth_idf=True``), each
    row scaled to unit length (``norm="l2"``), so a row's dot product with another is their cosine.

    Parameters
    ----------
    X : array or sparse matrix of counts, shape (n, V)

    Returns
    -------
    scipy.sparse.csr_matrix, shape (n, V)

    Examples
    --------
    >>> T = tfidf_vectors(np.array([[1, 1, 0], [0, 1, 1]]))
    >>> np.round(T.toarray(), 3).tolist()
    [[0.815, 0.58, 0.0], [0.0, 0.58, 0.815]]
    """
    return sp.csr_matrix(TfidfTransformer().fit_transform(sp.csr_matrix(X)))


def pair_cosines(vectors: Any, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Cosine of the rows ``first[i]`` and ``second[i]`` of ``vectors`` (dense or sparse); a zero row gives 0.

    Parameters
    ----------
    vectors : array or sparse matrix, shape (n, D)
    first, second : arrays of int, shape (P,)

    Returns
    -------
    numpy.ndarray of float, shape (P,)

    Examples
    --------
    >>> pair_cosines(np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]), np.array([0, 0]), np.array([1, 2])).round(3)
    array([0.707, 0.   ])
    """
    i, j = np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64)
    if i.shape != j.shape:
        raise ValueError(f"first and second must have the same shape, got {i.shape} and {j.shape}")
    if sp.issparse(vectors):
        V = normalize(sp.csr_matrix(vectors, dtype=float), norm="l2")
        if V.shape[0] <= _GRAM_ROWS:
            return np.asarray((V @ V.T).toarray()[i, j], dtype=float)
        out = np.empty(len(i))
        for s in range(0, len(i), 20_000):
            e = s + 20_000
            out[s:e] = np.asarray(V[i[s:e]].multiply(V[j[s:e]]).sum(axis=1)).ravel()
        return out
    D = normalize(np.asarray(vectors, dtype=float), norm="l2")
    return np.asarray(np.einsum("ij,ij->i", D[i], D[j]), dtype=float)


def vector_auc(vectors: Any, pairs: DocumentPairs) -> float | None:
    """AUC of the cosine of the pairs' vectors (:func:`auc`); None when the pairs say it cannot be computed.

    Parameters
    ----------
    vectors : array or sparse matrix, shape (n, D)
        One row per chunk, rows as ``pairs`` counts them.
    pairs : DocumentPairs

    Examples
    --------
    >>> pairs = document_pairs(["a", "a", "b", "b"], ["X"] * 4, min_pairs=1)
    >>> vector_auc(np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.2, 0.8]]), pairs)
    1.0
    """
    if vectors.shape[0] != pairs.n_rows:
        raise ValueError(f"vectors have {vectors.shape[0]} rows but the pairs were drawn from {pairs.n_rows} chunks")
    if not pairs.computable:
        return None
    cos = pair_cosines(vectors, pairs.first, pairs.second)
    return auc(cos[pairs.positive], cos[~pairs.positive])


@dataclass(frozen=True)
class DocVectorCheck:
    """Whether topic vectors tell a work's chunks from other works' chunks, beside TF-IDF vectors.

    Attributes
    ----------
    auc_topics, auc_tfidf : float or None
        AUC of the cosine of topic vectors and of TF-IDF vectors (None when it cannot be computed).
    n_positive, n_negative : int
        Pairs scored of each kind (pairs of the same work; pairs of two works).
    basis : {"same_author", "any_author"}
        What the negatives are.
    flagged : bool
        True when the topic vectors' AUC is below TF-IDF's (False when either is None).
    reason : str or None
        Why the AUCs could not be computed.
    n_chunks : int
    sampled : bool
        True when a kind had more than ``max_pairs`` pairs and a sample was scored.

    Examples
    --------
    >>> c = DocVectorCheck(0.71, 0.83, 120, 900, "same_author", True, None, 30, False)
    >>> c.to_frame()[["auc_topics", "auc_tfidf", "flagged"]].values.tolist()
    [[0.71, 0.83, True]]
    """

    auc_topics: float | None
    auc_tfidf: float | None
    n_positive: int
    n_negative: int
    basis: str
    flagged: bool
    reason: str | None
    n_chunks: int
    sampled: bool

    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict (one row of a table)."""
        return asdict(self)

    def to_frame(self) -> pd.DataFrame:
        """A one-row DataFrame of the fields."""
        return pd.DataFrame([self.to_dict()])


def document_vector_check(
    doc_topic: np.ndarray,
    X: Any,
    works: Labels,
    authors: Labels,
    *,
    seed: int = 0,
    max_pairs: int = MAX_PAIRS,
    min_pairs: int = MIN_PAIRS,
    basis: str = "auto",
) -> DocVectorCheck:
    """AUC of topic vectors' and of TF-IDF vectors' cosine for telling pairs of one work from pairs of two.

    The pairs are :func:`document_pairs` (``seed``, ``max_pairs``, ``min_pairs``, ``basis``); the TF-IDF
    vectors are :func:`tfidf_vectors` of ``X`` (scikit-learn's ``TfidfTransformer`` defaults, l2 norm).
    Topic vectors that do worse than TF-IDF are flagged.

    Parameters
    ----------
    doc_topic : numpy.ndarray, shape (n, K)
        Topic shares of each chunk.
    X : array or sparse matrix, shape (n, V)
        Word counts of the same chunks, rows in the same order.
    works, authors : sequences of labels, shape (n,)
        Each chunk's work (e.g. the corpus table's ``work``) and author.

    Returns
    -------
    DocVectorCheck

    Examples
    --------
    Topic vectors that ignore the works (every chunk alike) do worse than word counts:

    >>> X = np.array([[3, 1, 0, 0], [2, 2, 0, 1], [0, 0, 3, 1], [1, 0, 2, 2]])
    >>> c = document_vector_check(np.full((4, 2), 0.5), X, ["a", "a", "b", "b"], ["X"] * 4, min_pairs=1)
    >>> c.auc_topics, c.auc_tfidf, c.flagged
    (0.5, 1.0, True)
    """
    theta = np.asarray(doc_topic, dtype=float)
    if theta.ndim != 2:
        raise ValueError(f"doc_topic must be 2-D (chunks x topics), got shape {theta.shape}")
    if theta.shape[0] != X.shape[0]:
        raise ValueError(f"doc_topic has {theta.shape[0]} rows but X has {X.shape[0]}: the same chunks are needed")
    pairs = document_pairs(works, authors, max_pairs=max_pairs, min_pairs=min_pairs, seed=seed, basis=basis)
    if pairs.n_rows != theta.shape[0]:
        raise ValueError(f"works and authors have {pairs.n_rows} labels but there are {theta.shape[0]} chunks")
    a_top = vector_auc(theta, pairs)
    a_tf = vector_auc(tfidf_vectors(X), pairs)
    flagged = a_top is not None and a_tf is not None and a_top < a_tf
    return DocVectorCheck(
        auc_topics=a_top,
        auc_tfidf=a_tf,
        n_positive=pairs.n_positive,
        n_negative=pairs.n_negative,
        basis=pairs.basis,
        flagged=bool(flagged),
        reason=pairs.reason,
        n_chunks=pairs.n_rows,
        sampled=pairs.sampled,
    )


def chunk_labels(
    chunks: pd.DataFrame, *, works: str | None = None, authors: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Each chunk's work and author, from the chunks' columns.

    Works: the ``works`` column if given, else ``work`` (the corpus table's work: pieces of one chapter or
    article share it), else ``doc_id`` (the corpus row); a missing work is the chunk's ``doc_id``. Authors: the
    ``authors`` column if given, else ``author``, with ``group`` where it is missing, else ``group``, else one
    author for all.

    Parameters
    ----------
    chunks : pandas.DataFrame
        E.g. the chunks of :func:`textlab.topics.corpus_chunk_dtm`, or a ``DocumentTermMatrix``'s ``docs``.
    works, authors : str, optional
        Columns to use instead.

    Returns
    -------
    (works, authors) : two numpy.ndarray of object, shape (len(chunks),)

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["r1", "r2", "r3"], "work": ["ch1", None, "ch2"], "author": ["A", "A", None],
    ...                   "group": ["A", "A", "B"]})
    >>> [x.tolist() for x in chunk_labels(t)]
    [['ch1', 'r2', 'ch2'], ['A', 'A', 'B']]
    """
    if not isinstance(chunks, pd.DataFrame):
        raise TypeError(f"chunks must be a pandas DataFrame, got {type(chunks).__name__}")
    for name, col in (("works", works), ("authors", authors)):
        if col is not None and col not in chunks.columns:
            raise KeyError(f"{name}: the chunks have no column {col!r}; columns are {list(chunks.columns)}")
    n = len(chunks)
    fallback = chunks["doc_id"] if "doc_id" in chunks.columns else pd.Series(np.arange(n), index=chunks.index)
    wcol = works or ("work" if "work" in chunks.columns else "doc_id" if "doc_id" in chunks.columns else None)
    if wcol is None:
        raise KeyError(
            f"the chunks have no work or doc_id column to tell works apart; columns are {list(chunks.columns)}"
        )
    w = chunks[wcol].where(chunks[wcol].notna(), fallback)
    if authors is not None:
        a = chunks[authors]
    elif "author" in chunks.columns:
        a = chunks["author"]
        if "group" in chunks.columns:
            a = a.where(a.notna(), chunks["group"])
    elif "group" in chunks.columns:
        a = chunks["group"]
    else:
        a = pd.Series(["(one author)"] * n, index=chunks.index)
    return w.to_numpy(dtype=object), a.to_numpy(dtype=object)


def chunk_vector_check(
    chunks: pd.DataFrame,
    dtm: DocumentTermMatrix,
    model: TopicModel | np.ndarray,
    *,
    works: str | None = None,
    authors: str | None = None,
    seed: int = 0,
    max_pairs: int = MAX_PAIRS,
    min_pairs: int = MIN_PAIRS,
    basis: str = "auto",
) -> DocVectorCheck:
    """:func:`document_vector_check` of a corpus's chunks and counts (:func:`textlab.topics.corpus_chunk_dtm`).

    Works and authors come from the chunks' columns (:func:`chunk_labels`). A :class:`TopicModel` fitted on
    some of the chunks (a sweep's fit leaves some out) is scored on those chunks, found by their ids (the
    chunks' ``chunk_id``, else ``doc_id``); a ``doc_topic`` array must have one row per chunk.

    Parameters
    ----------
    chunks : pandas.DataFrame
    dtm : DocumentTermMatrix
        Counts of the chunks, rows aligned with ``chunks``.
    model : TopicModel or numpy.ndarray of shape (n, K)
    works, authors : str, optional
        Columns of ``chunks`` to use (:func:`chunk_labels`).

    Examples
    --------
    The example corpus's three authors each write two works of four chunks, each author on one subject, so word
    counts hardly tell an author's works apart; vectors that put each work on a topic of its own do:

    >>> from textlab.corpus.examples import example_corpus
    >>> from textlab.topics.corpus import corpus_chunk_dtm
    >>> chunks, m = corpus_chunk_dtm(example_corpus())
    >>> theta = np.eye(6)[pd.factorize(chunks["work"])[0]]
    >>> c = chunk_vector_check(chunks, m, theta)
    >>> c.basis, c.n_positive, c.n_negative, c.auc_topics, round(c.auc_tfidf, 2), c.flagged
    ('same_author', 36, 48, 1.0, 0.46, False)
    """
    if len(chunks) != dtm.X.shape[0]:
        raise ValueError(f"chunks has {len(chunks)} rows but the counts have {dtm.X.shape[0]}: pass the same chunks")
    w, a = chunk_labels(chunks, works=works, authors=authors)
    X = dtm.X
    if isinstance(model, TopicModel):
        theta = model.doc_topic
        col = "chunk_id" if "chunk_id" in chunks.columns else "doc_id"
        ids = chunks[col].astype(str).to_numpy() if col in chunks.columns else np.arange(len(chunks)).astype(str)
        if theta.shape[0] != len(ids) or not np.array_equal(model.doc_ids.astype(str), ids):
            where = pd.Series(np.arange(len(ids)), index=ids)
            missing = [d for d in model.doc_ids.astype(str) if d not in where.index]
            if missing or where.index.has_duplicates:
                raise ValueError(
                    f"the model's documents are not among the chunks ({len(missing)} ids not found, e.g. "
                    f"{missing[:3]}): pass the chunks it was fitted on"
                )
            rows = where.loc[model.doc_ids.astype(str)].to_numpy()
            X, w, a = X[rows], w[rows], a[rows]
    else:
        theta = np.asarray(model, dtype=float)
    return document_vector_check(theta, X, w, a, seed=seed, max_pairs=max_pairs, min_pairs=min_pairs, basis=basis)
