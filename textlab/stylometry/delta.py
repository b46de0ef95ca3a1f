"""Authorship evidence: Burrows' Delta and Cosine Delta on the most frequent words.

Stylometry compares *how* authors write, not what about: the relative
frequencies of the most frequent words (mostly function words: ``the``,
``of``, ``which``, ``we``) in chunks of equal length. The steps, each a
function on plain arrays:

1. :func:`chunk_texts` cuts token lists (use
   :func:`textlab.features.tokenize.diversity_tokenizer`: word forms as written, no
   stopwords removed) into consecutive chunks of ``size`` tokens;
2. :func:`most_frequent_words` picks the ``n_mfw`` most frequent words of the
   *training* chunks, :func:`frequency_matrix` gives their relative
   frequencies per chunk (``F``, n_chunks x n_words);
3. :func:`zscores` standardises each word column with the training mean and
   standard deviation (``Z``, same shape), optionally weighting the training
   chunks so that each author counts the same (:func:`balanced_weights`);
4. :func:`delta_matrix` gives the distance of every chunk of ``Z_a`` to every
   chunk of ``Z_b``: Burrows' Delta (mean absolute difference of z-scores,
   Burrows 2002) or Cosine Delta (cosine distance of the z-score vectors,
   Smith & Aldridge 2011; Evert et al. 2017).

:class:`DeltaClassifier` wraps these in the scikit-learn style (``fit`` /
``transform`` / ``predict``): a chunk is attributed to the author whose mean
z-profile (centroid) is nearest. :func:`cross_validate` measures attribution
accuracy with folds that hold out whole works (:func:`group_folds`), so no
chapter has chunks on both sides. :func:`pca_projection` and
:func:`linkage_matrix` give the data of a map and of a dendrogram of chunks.

The corpus checks return tables: :func:`author_attribution` and
:func:`attribution_grid` (Gorter, Trotsky, Cliff by cross-validation),
:func:`quotation_check` (are Cliff's block quotations of Trotsky closer to
Trotsky than to Cliff?) and :func:`wildcat_check` (do the rows of the Gorter
file assigned to Wildcat's 1989 introduction read like each other or like
Gorter's letter?). In this corpus author, period, edition and translator are
confounded (Trotsky and Gorter are read in translation): a Delta signal is
evidence about the English text in hand, not about the author alone.

Examples
--------
>>> import numpy as np
>>> F = np.array([[0.06, 0.03, 0.01], [0.04, 0.03, 0.03], [0.05, 0.03, 0.02]])
>>> Z = zscores(F)
>>> np.round(delta_matrix(Z[:1], Z[1:], metric="burrows"), 4).tolist()
[[1.3333, 0.6667]]
>>> clf = DeltaClassifier(n_mfw=2).fit([list("aab"), list("abb"), list("aaab"), list("abbb")], ["x", "y", "x", "y"])
>>> clf.predict([list("aaaab")]).tolist()
['x']
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias, cast

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.cluster.hierarchy import linkage as _scipy_linkage
from scipy.spatial.distance import cdist, squareform
from sklearn.base import BaseEstimator, ClassifierMixin

log = logging.getLogger(__name__)

__all__ = [
    "METRICS",
    "chunk_texts",
    "most_frequent_words",
    "frequency_matrix",
    "zscores",
    "balanced_weights",
    "delta_matrix",
    "DeltaClassifier",
    "group_folds",
    "CVResult",
    "cross_validate",
    "pca_projection",
    "linkage_matrix",
    "plot_projection",
    "author_chunks",
    "author_attribution",
    "attribution_grid",
    "quotation_check",
    "wildcat_check",
]

#: Distances :func:`delta_matrix` knows.
METRICS = ("burrows", "cosine")

#: Source files of the bundled corpus used by the checks.
CLIFF_SOURCE = "cliff_1993_trotsky_darker_the_night.txt"
GORTER_SOURCE = "gorter_1920_open_letter_to_lenin.txt"

TokenLists = Sequence[Sequence[str]]
Counts: TypeAlias = np.ndarray | sp.spmatrix


# --------------------------------------------------------------------------- chunks and frequencies


def _check_token_lists(token_lists: Any, name: str = "token_lists") -> list[list[str]]:
    if isinstance(token_lists, str):
        raise TypeError(f"{name} must be a sequence of token lists, not a str")
    out = []
    for i, toks in enumerate(token_lists):
        if isinstance(toks, str):
            raise TypeError(f"{name}[{i}] is a str; each item must be a list of tokens")
        out.append(list(toks))
    return out


def chunk_texts(
    token_lists: TokenLists,
    labels: Sequence[Any] | np.ndarray | pd.Series,
    *,
    size: int = 1000,
    units: Sequence[Any] | np.ndarray | pd.Series | None = None,
) -> tuple[list[list[str]], pd.DataFrame]:
    """Cut each document's tokens into consecutive chunks of exactly ``size`` tokens.

    A document's tail shorter than ``size`` is left out (logged, and counted
    in ``table.attrs["tail_tokens"]``). ``units`` (one label per token list,
    e.g. ``docs["work"]``) joins the token lists of one (label, unit) pair, in
    input order, before cutting: use it when rows are paragraphs of one
    chapter, so that a chunk may run across rows and fewer tails are lost.

    Parameters
    ----------
    token_lists : sequence of sequences of str
        One token list per document (row).
    labels : sequence
        One label (e.g. author) per token list.
    size : int, default 1000
        Tokens per chunk.
    units : sequence, optional
        One unit label per token list; default: every token list is its own unit.

    Returns
    -------
    chunks : list of list of str
        The chunks, in input order.
    table : pandas.DataFrame
        One row per chunk: ``label``, ``unit`` (the unit label, or the row
        position when ``units`` is None), ``row`` and ``row_end`` (positions of
        the first and last token list the chunk draws on), ``start`` (token
        offset in its unit) and ``n_tokens``.

    Examples
    --------
    >>> chunks, t = chunk_texts([list("abcde"), list("xy")], ["A", "B"], size=2)  # "e" is a short tail
    >>> chunks, t["label"].tolist(), t["row"].tolist()
    ([['a', 'b'], ['c', 'd'], ['x', 'y']], ['A', 'A', 'B'], [0, 0, 1])
    >>> chunks, t = chunk_texts([list("abc"), list("de")], ["A", "A"], size=2, units=["w", "w"])
    >>> chunks, t["row"].tolist(), t["row_end"].tolist()
    ([['a', 'b'], ['c', 'd']], [0, 0], [0, 1])
    """
    tl = _check_token_lists(token_lists)
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
        raise ValueError(f"size must be an int >= 1, got {size!r}")
    lab = list(labels)
    if len(lab) != len(tl):
        raise ValueError(f"labels has {len(lab)} entries but there are {len(tl)} token lists")
    if units is None:
        keys: list = [(lab[i], i) for i in range(len(tl))]
    else:
        u = list(units)
        if len(u) != len(tl):
            raise ValueError(f"units has {len(u)} entries but there are {len(tl)} token lists")
        keys = list(zip(lab, u))
    members: dict = {}
    for i, k in enumerate(keys):
        members.setdefault(k, []).append(i)
    chunks: list[list[str]] = []
    rows: list[dict] = []
    tail = n_docs_tail = 0
    for (label, unit), idx in members.items():
        toks = [t for i in idx for t in tl[i]]
        ends = np.cumsum([len(tl[i]) for i in idx])  # token offset where each member row ends
        for s in range(0, len(toks) - size + 1, size):
            chunks.append(toks[s : s + size])
            first = idx[int(np.searchsorted(ends, s, side="right"))]
            last = idx[int(np.searchsorted(ends, s + size - 1, side="right"))]
            rows.append({"label": label, "unit": unit, "row": first, "row_end": last, "start": s, "n_tokens": size})
        rest = len(toks) % size
        if rest:
            tail += rest
            n_docs_tail += 1
    table = pd.DataFrame(rows, columns=["label", "unit", "row", "row_end", "start", "n_tokens"])
    table.attrs["tail_tokens"] = tail
    n_tok = sum(len(t) for t in tl)
    if tail:
        log.info(
            "chunk_texts: %d of %d tokens (%.1f%%) left out as short tails (< %d) of %d units",
            tail,
            n_tok,
            100 * tail / max(n_tok, 1),
            size,
            n_docs_tail,
        )
    return chunks, table


def most_frequent_words(token_lists: TokenLists, n: int, *, exclude: Sequence[str] = ()) -> list[str]:
    """The ``n`` most frequent words of all the token lists together, most frequent first.

    Ties are broken alphabetically, so the list does not depend on the order
    of the token lists. Words in ``exclude`` (e.g. names: ``"gorter"``) are
    left out.

    >>> most_frequent_words([["the", "of", "the"], ["of", "a", "the", "b"]], 3)
    ['the', 'of', 'a']
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be an int >= 1, got {n!r}")
    if isinstance(exclude, str):
        raise TypeError("exclude must be a sequence of words, not a str")
    counts = Counter(t for toks in _check_token_lists(token_lists) for t in toks)
    for w in exclude:
        counts.pop(w, None)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) < n:
        log.info("most_frequent_words: only %d distinct words (asked for %d)", len(ranked), n)
    return [w for w, _ in ranked[:n]]


def frequency_matrix(token_lists: TokenLists, words: Sequence[str]) -> np.ndarray:
    """Relative frequency of each word in each token list: array (n_lists x n_words).

    The denominator is the list's length (all its tokens), not only the
    counted words.

    >>> frequency_matrix([["the", "of", "the", "war"]], ["the", "of"]).tolist()
    [[0.5, 0.25]]
    """
    if isinstance(words, str):
        raise TypeError("words must be a sequence of words, not a str")
    tl = _check_token_lists(token_lists)
    col = {w: j for j, w in enumerate(words)}
    if len(col) != len(words):
        raise ValueError("words holds duplicates")
    F = np.zeros((len(tl), len(col)))
    for i, toks in enumerate(tl):
        if not toks:
            raise ValueError(f"token_lists[{i}] is empty: no relative frequencies")
        for t in toks:
            j = col.get(t)
            if j is not None:
                F[i, j] += 1
        F[i] /= len(toks)
    return F


def _as_2d(F: Any, name: str) -> np.ndarray:
    if sp.issparse(F):
        F = F.toarray()
    F = np.asarray(F, dtype=float)
    if F.ndim != 2:
        raise ValueError(f"{name} must be 2-dimensional (n_chunks x n_words), got shape {F.shape}")
    if not np.isfinite(F).all():
        raise ValueError(f"{name} holds NaN or infinite values")
    return F


def _zscore_params(F: np.ndarray, ddof: int, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    if ddof not in (0, 1):
        raise ValueError(f"ddof must be 0 or 1, got {ddof!r}")
    if F.shape[0] <= ddof:
        raise ValueError(f"the reference needs more than ddof={ddof} chunks for a standard deviation, got {F.shape[0]}")
    if weights is None:
        return _clean_sd(F.mean(axis=0), F.std(axis=0, ddof=ddof))
    w = np.asarray(weights, dtype=float)
    if w.shape != (F.shape[0],):
        raise ValueError(f"weights must have one entry per reference row ({F.shape[0]}), got shape {w.shape}")
    if (w < 0).any() or w.sum() <= 0:
        raise ValueError("weights must be >= 0 with a positive sum")
    w = w / w.sum()
    mean = w @ F
    var = w @ (F - mean) ** 2
    if ddof == 1:  # unbiased for reliability weights; equal weights give the sample variance
        denom = 1.0 - float(w @ w)
        if denom <= 0:
            raise ValueError("the weights put everything on one reference row: no standard deviation")
        var = var / denom
    return _clean_sd(mean, np.sqrt(var))


def _clean_sd(mean: np.ndarray, sd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An sd that is rounding noise (a constant column summed in some order) becomes exactly 0."""
    sd = sd.copy()
    sd[sd <= 1e-9 * np.abs(mean)] = 0.0
    return mean, sd


def balanced_weights(labels: Sequence[Any] | np.ndarray | pd.Series) -> np.ndarray:
    """Weight ``1 / n_label`` for each row, so that every label weighs the same in a mean: array (n,).

    >>> balanced_weights(["a", "a", "a", "b"]).tolist()
    [0.3333333333333333, 0.3333333333333333, 0.3333333333333333, 1.0]
    """
    y = np.asarray(labels)
    _, inv, n = np.unique(y, return_inverse=True, return_counts=True)
    return 1.0 / n[inv]


def _standardise(F: np.ndarray, mean: np.ndarray, sd: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        Z = (F - mean) / sd
    Z[:, ~(sd > 0)] = 0.0  # a word of constant frequency in the reference carries no evidence
    return Z


def zscores(
    F: Any, *, reference: Any = None, weights: Sequence[float] | np.ndarray | pd.Series | None = None, ddof: int = 1
) -> np.ndarray:
    """Standardise each column of ``F`` with the mean and sd of the ``reference`` chunks: array like ``F``.

    ``z_ij = (F_ij - mean_j) / sd_j`` with ``mean`` and ``sd`` (``ddof=1``: the
    sample standard deviation, as in Burrows 2002 and R's ``stylo``) of
    column ``j`` of ``reference`` (default: ``F`` itself, i.e. the training
    chunks). A column of constant value in the reference (sd 0, or below
    1e-9 of the mean: rounding noise) gets z = 0.

    Parameters
    ----------
    F : array (n_chunks x n_words)
        Relative frequencies (:func:`frequency_matrix`).
    reference : array (n_ref x n_words), optional
        The training chunks' frequencies.
    weights : array (n_ref,), optional
        Weights of the reference rows in the mean and sd (e.g.
        :func:`balanced_weights` of the authors, so that an author with many
        chunks does not define "average"); with ``ddof=1`` the variance is
        the unbiased one for reliability weights. Default: equal weights.
    ddof : {0, 1}, default 1

    Examples
    --------
    >>> zscores([[0.1, 0.5], [0.3, 0.5]]).round(4).tolist()
    [[-0.7071, 0.0], [0.7071, 0.0]]
    >>> zscores([[0.5, 0.5]], reference=[[0.1, 0.5], [0.3, 0.5]]).round(4).tolist()
    [[2.1213, 0.0]]
    """
    F = _as_2d(F, "F")
    R = F if reference is None else _as_2d(reference, "reference")
    if R.shape[1] != F.shape[1]:
        raise ValueError(f"reference has {R.shape[1]} columns but F has {F.shape[1]}")
    mean, sd = _zscore_params(R, ddof, None if weights is None else np.asarray(weights, dtype=float))
    return _standardise(F, mean, sd)


def delta_matrix(Z_a: Any, Z_b: Any = None, *, metric: str = "burrows") -> np.ndarray:
    """Delta distance of every row of ``Z_a`` to every row of ``Z_b``: array (n_a x n_b).

    ``metric="burrows"``: ``mean_j |Z_a[i, j] - Z_b[k, j]|`` (Burrows' Delta,
    the Manhattan distance divided by the number of words).
    ``metric="cosine"``: ``1 - cos(Z_a[i], Z_b[k])`` (Cosine Delta, Smith &
    Aldridge 2011, Evert et al. 2017), in [0, 2]; a row of all zeros has no
    direction and gives NaN.

    Parameters
    ----------
    Z_a : array (n_a x n_words)
        z-scores (:func:`zscores`).
    Z_b : array (n_b x n_words), optional
        Default ``Z_a`` (all pairwise distances).
    metric : {"burrows", "cosine"}

    Examples
    --------
    >>> Z = [[1.0, -1.0, 0.0], [-1.0, 1.0, 0.0], [1.0, 0.0, -1.0]]
    >>> np.round(delta_matrix(Z, metric="burrows"), 4).tolist()
    [[0.0, 1.3333, 0.6667], [1.3333, 0.0, 1.3333], [0.6667, 1.3333, 0.0]]
    >>> np.round(delta_matrix(Z, metric="cosine"), 4).tolist()
    [[0.0, 2.0, 0.5], [2.0, 0.0, 1.5], [0.5, 1.5, 0.0]]
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}, got {metric!r}")
    A = _as_2d(Z_a, "Z_a")
    B = A if Z_b is None else _as_2d(Z_b, "Z_b")
    if A.shape[1] != B.shape[1]:
        raise ValueError(f"Z_a has {A.shape[1]} columns but Z_b has {B.shape[1]}")
    if A.shape[1] == 0:
        raise ValueError("Z_a and Z_b have no columns (no words)")
    if metric == "burrows":
        return cdist(A, B, "cityblock") / A.shape[1]
    na = np.linalg.norm(A, axis=1)
    nb = np.linalg.norm(B, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        cos = (A @ B.T) / np.outer(na, nb)
    return np.clip(1.0 - cos, 0.0, 2.0)


# --------------------------------------------------------------------------- classifier


def _is_counts(X: Any) -> bool:
    """A count matrix (array of numbers, or sparse) rather than a sequence of token lists."""
    if sp.issparse(X):
        return True
    if isinstance(X, np.ndarray) and X.dtype.kind in "biuf":
        return True
    if isinstance(X, str):
        raise TypeError("X must be a sequence of token lists or a count matrix, not a str")
    for item in X:
        for t in item:
            return not isinstance(t, str)
    return False  # empty token lists


def _take(X: Any, idx: np.ndarray) -> Any:
    if sp.issparse(X):
        return sp.csr_matrix(X)[idx]
    if isinstance(X, np.ndarray):
        return X[idx]
    return [X[i] for i in idx]


class DeltaClassifier(BaseEstimator, ClassifierMixin):
    """Nearest-author attribution by Burrows' Delta or Cosine Delta, scikit-learn style.

    ``fit`` picks the ``n_mfw`` most frequent words of the training chunks,
    standardises their relative frequencies with the training mean and sd,
    and keeps each author's centroid (mean z-profile over the author's chunks;
    the same as the z-scored mean frequencies). ``predict`` gives each chunk
    the author of the nearest centroid.

    Parameters
    ----------
    n_mfw : int, default 200
        Number of most frequent words.
    metric : {"cosine", "burrows"}, default "cosine"
        Cosine Delta is the more robust to ``n_mfw`` (Evert et al. 2017).
    balanced : bool, default True
        Standardise with every author weighing the same in the training
        mean and sd (:func:`balanced_weights`), whatever their number of
        chunks. With ``False`` an author who supplies most chunks defines
        "average": that author's centroid sits near the origin of z-space,
        where a cosine has no stable direction (in this corpus Trotsky gives
        two thirds of the chunks, and unbalanced Cosine Delta attributes a
        third of his chunks elsewhere).
    exclude : sequence of str, default ()
        Words never used as features (e.g. names).
    ddof : int, default 1
        Degrees of freedom of the training sd.

    Attributes
    ----------
    words_ : list of str
        The feature words (words of zero training sd dropped).
    mean_, sd_ : array (n_words,)
        Training mean and sd of each word's relative frequency (author-balanced
        if ``balanced``).
    classes_ : array (n_classes,)
        Author labels, sorted.
    centroids_ : array (n_classes x n_words)
        Mean z-profile of each author.
    n_chunks_ : array (n_classes,)
        Training chunks per author.

    Examples
    --------
    >>> X = [list("aab"), list("abb"), list("aaab"), list("abbb")]
    >>> clf = DeltaClassifier(n_mfw=2, metric="burrows").fit(X, ["x", "y", "x", "y"])
    >>> clf.words_, clf.classes_.tolist()
    (['a', 'b'], ['x', 'y'])
    >>> np.round(clf.distances([list("aab")]), 3).tolist()
    [[0.17, 1.529]]
    """

    def __init__(
        self,
        *,
        n_mfw: int = 200,
        metric: str = "cosine",
        balanced: bool = True,
        exclude: Sequence[str] = (),
        ddof: int = 1,
    ) -> None:
        self.n_mfw = n_mfw
        self.metric = metric
        self.balanced = balanced
        self.exclude = exclude
        self.ddof = ddof

    def _check_params(self) -> None:
        if isinstance(self.n_mfw, bool) or not isinstance(self.n_mfw, (int, np.integer)) or self.n_mfw < 1:
            raise ValueError(f"n_mfw must be an int >= 1, got {self.n_mfw!r}")
        if self.metric not in METRICS:
            raise ValueError(f"metric must be one of {METRICS}, got {self.metric!r}")
        if isinstance(self.exclude, str):
            raise TypeError("exclude must be a sequence of words, not a str")

    def fit(
        self, X: TokenLists | Counts, y: Sequence[Any] | np.ndarray | pd.Series, *, vocab: Sequence[str] | None = None
    ) -> DeltaClassifier:
        """Learn the words, the z-score parameters and the author centroids.

        Parameters
        ----------
        X : sequence of token lists, or count matrix (n_chunks x n_vocab)
            Training chunks. A count matrix must count *every* token of a
            chunk (its row sums are the chunk lengths).
        y : sequence (n_chunks,)
            Author of each chunk.
        vocab : sequence of str, optional
            Column names of a count matrix (default ``"0"``, ``"1"``, ...).
        """
        self._check_params()
        y = np.asarray(y)
        self.counts_input_ = _is_counts(X)
        if self.counts_input_:
            C = sp.csr_matrix(X, dtype=float)
            if (C.data < 0).any():
                raise ValueError("X must hold counts (no negative values)")
            if vocab is None:
                vocab = [str(j) for j in range(C.shape[1])]
            vocab = [str(v) for v in vocab]
            if len(vocab) != C.shape[1]:
                raise ValueError(f"vocab has {len(vocab)} words but X has {C.shape[1]} columns")
            self.vocab_: list[str] | None = vocab
            self.n_features_in_ = C.shape[1]
            n_rows = C.shape[0]
            totals = np.asarray(C.sum(axis=0)).ravel()
            skip = set(self.exclude)
            order = sorted(
                (j for j in range(len(vocab)) if totals[j] > 0 and vocab[j] not in skip),
                key=lambda j: (-totals[j], vocab[j]),
            )
            words = [vocab[j] for j in order[: self.n_mfw]]
        else:
            X = _check_token_lists(X, "X")
            self.vocab_ = None
            n_rows = len(X)
            words = most_frequent_words(X, self.n_mfw, exclude=self.exclude)
        if len(y) != n_rows:
            raise ValueError(f"y has {len(y)} labels but X has {n_rows} chunks")
        if n_rows <= self.ddof:
            raise ValueError(f"X needs more than ddof={self.ddof} chunks, got {n_rows}")
        self.words_ = words
        F = self._frequencies(X)
        mean, sd = _zscore_params(F, self.ddof, balanced_weights(y) if self.balanced else None)
        keep = sd > 0
        if not keep.all():
            log.info("DeltaClassifier: %d words of constant training frequency dropped", int((~keep).sum()))
            self.words_ = [w for w, k in zip(words, keep) if k]
            F, mean, sd = F[:, keep], mean[keep], sd[keep]
        if not self.words_:
            raise ValueError("no word varies across the training chunks: nothing to compare")
        self.mean_, self.sd_ = mean, sd
        Z = _standardise(F, mean, sd)
        self.classes_ = np.unique(y)
        self.centroids_ = np.vstack([Z[y == c].mean(axis=0) for c in self.classes_])
        self.n_chunks_ = np.array([(y == c).sum() for c in self.classes_])
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "centroids_"):
            raise ValueError("this DeltaClassifier is not fitted yet: call fit first")

    def _frequencies(self, X: TokenLists | Counts) -> np.ndarray:
        if _is_counts(X):
            if not getattr(self, "counts_input_", False):
                raise TypeError("the classifier was fitted on token lists: give token lists, not counts")
            C = sp.csr_matrix(X, dtype=float)
            if C.shape[1] != self.n_features_in_:
                raise ValueError(f"X has {C.shape[1]} columns but the classifier was fitted on {self.n_features_in_}")
            pos = {w: j for j, w in enumerate(self.vocab_ or [])}
            cols = [pos[w] for w in self.words_]
            tot = np.asarray(C.sum(axis=1)).ravel()
            if (tot <= 0).any():
                raise ValueError("a row of X holds no tokens: no relative frequencies")
            return np.asarray(C[:, cols].todense()) / tot[:, None]
        return frequency_matrix(cast(TokenLists, X), self.words_)

    def transform(self, X: TokenLists | Counts) -> np.ndarray:
        """z-scores of the chunks on the training words: array (n_chunks x n_words)."""
        self._check_fitted()
        return _standardise(self._frequencies(X), self.mean_, self.sd_)

    def distances(self, X: TokenLists | Counts) -> np.ndarray:
        """Delta of each chunk to each author centroid: array (n_chunks x n_classes), columns ``classes_``."""
        return delta_matrix(self.transform(X), self.centroids_, metric=self.metric)

    def distance_table(self, X: TokenLists | Counts) -> pd.DataFrame:
        """:meth:`distances` as a DataFrame with one column per author plus ``attributed`` and ``margin``.

        ``margin`` is the distance to the second-nearest author minus the
        distance to the nearest (larger: a clearer attribution).
        """
        D = self.distances(X)
        t = pd.DataFrame(D, columns=list(self.classes_))
        t["attributed"] = self.classes_[np.argmin(D, axis=1)]
        srt = np.sort(D, axis=1)
        t["margin"] = srt[:, 1] - srt[:, 0] if D.shape[1] > 1 else np.nan
        return t

    def decision_function(self, X: TokenLists | Counts) -> np.ndarray:
        """Minus :meth:`distances` (larger: nearer), scikit-learn's convention."""
        return -self.distances(X)

    def predict(self, X: TokenLists | Counts) -> np.ndarray:
        """The nearest author of each chunk: array (n_chunks,)."""
        D = self.distances(X)
        return self.classes_[np.argmin(D, axis=1)]


# --------------------------------------------------------------------------- cross-validation


def group_folds(
    labels: Sequence[Any] | np.ndarray | pd.Series,
    groups: Sequence[Any] | np.ndarray | pd.Series,
    *,
    n_splits: int | None = 5,
    seed: int = 0,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(train, test) index arrays in which every group (work, document) is wholly on one side.

    ``n_splits=None``: leave one group out. Otherwise scikit-learn's
    ``StratifiedGroupKFold`` (shuffled with ``seed``): about equal label
    shares per fold, every group in exactly one test fold.

    >>> folds = list(group_folds(["a", "a", "b", "b"], ["w1", "w2", "w3", "w4"], n_splits=2))
    >>> sorted(len(test) for _, test in folds)
    [2, 2]
    """
    from sklearn.model_selection import LeaveOneGroupOut, StratifiedGroupKFold

    y = np.asarray(labels)
    g = np.asarray(groups)
    if len(g) != len(y):
        raise ValueError(f"groups has {len(g)} entries but labels has {len(y)}")
    n_groups = len(np.unique(g))
    if n_splits is None:
        if n_groups < 2:
            raise ValueError(f"leave-one-group-out needs at least 2 groups, got {n_groups}")
        splitter = LeaveOneGroupOut()
    else:
        if isinstance(n_splits, bool) or not isinstance(n_splits, (int, np.integer)) or n_splits < 2:
            raise ValueError(f"n_splits must be an int >= 2 or None, got {n_splits!r}")
        if n_splits > n_groups:
            raise ValueError(f"n_splits={n_splits} is more than the number of groups ({n_groups})")
        splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    dummy = np.zeros((len(y), 1))
    yield from splitter.split(dummy, y, g)


@dataclass
class CVResult:
    """Cross-validated attribution.

    Attributes
    ----------
    predictions : pandas.DataFrame
        One row per chunk (input order): ``label``, ``group``, ``fold``,
        ``predicted``, ``correct``, and ``d_<author>`` (distance to each
        author's centroid in the chunk's fold).
    folds : pandas.DataFrame
        Per fold: ``fold``, ``n_train``, ``n_test``, ``n_test_groups``, ``accuracy``.
    splits : list of (train, test) index arrays

    Examples
    --------
    >>> X = [list("aab"), list("abb"), list("aaab"), list("abbb"), list("aaaab"), list("abbbb")]
    >>> r = cross_validate(X, list("xyxyxy"), [1, 2, 3, 4, 5, 6], n_splits=3, n_mfw=2)
    >>> r.per_label.values.tolist(), r.balanced_accuracy, r.folds["n_test"].tolist(), len(r.splits)
    ([['x', 3, 3, 1.0], ['y', 3, 3, 1.0]], 1.0, [2, 2, 2], 3)
    """

    predictions: pd.DataFrame
    folds: pd.DataFrame
    splits: list = field(repr=False)

    @property
    def accuracy(self) -> float:
        """Share of all chunks attributed to their author."""
        return float(self.predictions["correct"].mean())

    @property
    def per_label(self) -> pd.DataFrame:
        """Per author: ``n_chunks``, ``n_groups`` and ``accuracy`` (recall)."""
        p = self.predictions
        return (
            p.groupby("label")
            .agg(n_chunks=("correct", "size"), n_groups=("group", "nunique"), accuracy=("correct", "mean"))
            .reset_index()
        )

    @property
    def balanced_accuracy(self) -> float:
        """Mean of the per-author accuracies (each author counts once, whatever its size)."""
        return float(self.per_label["accuracy"].mean())

    @property
    def confusion(self) -> pd.DataFrame:
        """Chunks by author (rows) and attribution (columns)."""
        p = self.predictions
        return pd.crosstab(p["label"], p["predicted"], rownames=["author"], colnames=["attributed"])


def cross_validate(
    X: TokenLists | Counts,
    labels: Sequence[Any] | np.ndarray | pd.Series,
    groups: Sequence[Any] | np.ndarray | pd.Series,
    *,
    n_splits: int | None = 5,
    n_mfw: int = 200,
    metric: str = "cosine",
    balanced: bool = True,
    exclude: Sequence[str] = (),
    vocab: Sequence[str] | None = None,
    seed: int = 0,
) -> CVResult:
    """Attribution accuracy by cross-validation that holds out whole groups (works, documents).

    In each fold (:func:`group_folds`) a :class:`DeltaClassifier` is fitted
    on the training chunks only (words, z-score parameters, centroids) and
    predicts the held-out chunks. An author with no chunk left in training
    cannot be attributed (logged).

    Parameters
    ----------
    X : sequence of token lists, or count matrix (n_chunks x n_vocab)
    labels : sequence (n_chunks,)
        Author of each chunk.
    groups : sequence (n_chunks,)
        Unit held out together, e.g. the work each chunk comes from.
    n_splits : int or None, default 5
        None: leave one group out.
    n_mfw, metric, balanced, exclude : see :class:`DeltaClassifier`.
    vocab : column names of a count matrix.
    seed : int, default 0
        Seed of the fold shuffle.

    Examples
    --------
    >>> X = [list("aab"), list("abb"), list("aaab"), list("abbb"), list("aaaab"), list("abbbb")]
    >>> r = cross_validate(X, list("xyxyxy"), [1, 2, 3, 4, 5, 6], n_splits=3, n_mfw=2)
    >>> r.accuracy, r.confusion.values.tolist()
    (1.0, [[3, 0], [0, 3]])
    """
    y = np.asarray(labels)
    g = np.asarray(groups)
    counts = _is_counts(X)
    if counts and not sp.issparse(X):
        X = np.asarray(X, dtype=float)
    n = cast(Any, X).shape[0] if counts else len(X)
    if len(y) != n:
        raise ValueError(f"labels has {len(y)} entries but X has {n} chunks")
    if not counts:
        X = _check_token_lists(X, "X")
    classes = list(np.unique(y))
    dist = np.full((n, len(classes)), np.nan)
    fold = np.full(n, -1)
    pred = np.empty(n, dtype=object)
    folds, splits = [], []
    for k, (train, test) in enumerate(group_folds(y, g, n_splits=n_splits, seed=seed)):
        splits.append((train, test))
        missing = set(y[test].tolist()) - set(y[train].tolist())
        if missing:
            log.warning(
                "fold %d: no training chunk of %s; their chunks cannot be attributed to them", k, sorted(missing)
            )
        clf = DeltaClassifier(n_mfw=n_mfw, metric=metric, balanced=balanced, exclude=exclude)
        clf.fit(_take(X, train), y[train], vocab=vocab)
        D = clf.distances(_take(X, test))
        for j, c in enumerate(clf.classes_):
            dist[test, classes.index(c)] = D[:, j]
        pred[test] = clf.classes_[np.argmin(D, axis=1)]
        fold[test] = k
        folds.append(
            {
                "fold": k,
                "n_train": len(train),
                "n_test": len(test),
                "n_test_groups": len(np.unique(g[test])),
                "accuracy": float((pred[test] == y[test]).mean()),
            }
        )
    p = pd.DataFrame({"label": y, "group": g, "fold": fold, "predicted": pred})
    p["correct"] = p["predicted"] == p["label"]
    for j, c in enumerate(classes):
        p[f"d_{c}"] = dist[:, j]
    result = CVResult(p, pd.DataFrame(folds), splits)
    log.info(
        "cross_validate: %d chunks, %d folds, accuracy %.3f (balanced %.3f), n_mfw=%d, %s",
        n,
        len(folds),
        result.accuracy,
        result.balanced_accuracy,
        n_mfw,
        metric,
    )
    return result


# --------------------------------------------------------------------------- maps of chunks


def pca_projection(Z: Any, *, labels: Sequence | None = None, n_components: int = 2) -> pd.DataFrame:
    """Principal components of the z-scores: DataFrame (n_chunks x ``pc1..pcK``), plus ``label`` if given.

    Centred columns, SVD; each component's sign is fixed so that its largest
    loading is positive (the same data give the same map).
    ``attrs["explained_variance_ratio"]`` holds each component's share of the
    variance.

    >>> t = pca_projection([[1.0, 2.0], [3.0, 2.0]], labels=["a", "b"], n_components=1)
    >>> t.round(3).values.tolist(), t.attrs["explained_variance_ratio"]
    ([[-1.0, 'a'], [1.0, 'b']], [1.0])
    """
    Z = _as_2d(Z, "Z")
    k_max = min(Z.shape)
    if (
        isinstance(n_components, bool)
        or not isinstance(n_components, (int, np.integer))
        or not 1 <= n_components <= k_max
    ):
        raise ValueError(f"n_components must be an int in 1..{k_max}, got {n_components!r}")
    C = Z - Z.mean(axis=0)
    U, S, Vt = np.linalg.svd(C, full_matrices=False)
    sign = np.sign(Vt[np.arange(len(Vt)), np.argmax(np.abs(Vt), axis=1)])
    sign[sign == 0] = 1
    coords = (U * S * sign)[:, :n_components]
    t = pd.DataFrame(coords, columns=[f"pc{i + 1}" for i in range(n_components)])
    if labels is not None:
        lab = list(labels)
        if len(lab) != len(t):
            raise ValueError(f"labels has {len(lab)} entries but Z has {len(t)} rows")
        t["label"] = lab
    var = S**2
    t.attrs["explained_variance_ratio"] = (
        (var / var.sum())[:n_components].tolist() if var.sum() > 0 else [0.0] * n_components
    )
    return t


def linkage_matrix(Z: Any, *, metric: str = "cosine", method: str = "average") -> np.ndarray:
    """Hierarchical clustering of chunks on their Delta distances: scipy linkage array ((n-1) x 4).

    For :func:`scipy.cluster.hierarchy.dendrogram`. ``method`` is one of
    scipy's methods for arbitrary distances (``"average"``, ``"complete"``,
    ``"single"``, ``"weighted"``); Ward needs Euclidean distances and is refused.

    >>> linkage_matrix([[1.0, 0.0], [0.9, 0.1], [-1.0, 0.0]], metric="burrows").round(2).tolist()
    [[0.0, 1.0, 0.1, 2.0], [2.0, 3.0, 1.0, 3.0]]
    """
    if method not in ("average", "complete", "single", "weighted"):
        raise ValueError(f"method must be 'average', 'complete', 'single' or 'weighted', got {method!r}")
    D = delta_matrix(Z, metric=metric)
    if D.shape[0] < 2:
        raise ValueError("Z needs at least 2 rows to cluster")
    if np.isnan(D).any():
        raise ValueError("some distances are NaN (a z-score row of all zeros under metric='cosine')")
    D = (D + D.T) / 2
    np.fill_diagonal(D, 0.0)
    return _scipy_linkage(squareform(D, checks=False), method=method)


def plot_projection(coords: pd.DataFrame, *, hue: str = "label", title: str | None = None):
    """Scatter plot of :func:`pca_projection` coordinates, one colour per ``hue`` value: a matplotlib Figure.

    The figure is not shown and no global style is set.

    >>> fig = plot_projection(pca_projection([[1.0, 0.0], [-1.0, 0.2], [0.0, 0.5]], labels=["a", "b", "a"]))
    >>> len(fig.axes[0].collections)
    2
    """
    from matplotlib.figure import Figure

    for col in ("pc1", "pc2"):
        if col not in coords.columns:
            raise ValueError(f"coords has no column {col!r}: use pca_projection(..., n_components=2)")
    fig = Figure(figsize=(6, 5))
    ax = fig.add_subplot()
    groups = coords.groupby(hue, sort=True) if hue in coords.columns else [("chunks", coords)]
    for name, d in groups:
        ax.scatter(d["pc1"], d["pc2"], s=14, alpha=0.7, label=str(name))
    ev = coords.attrs.get("explained_variance_ratio", [])
    ax.set_xlabel("PC1" + (f" ({ev[0]:.0%})" if len(ev) > 0 else ""))
    ax.set_ylabel("PC2" + (f" ({ev[1]:.0%})" if len(ev) > 1 else ""))
    ax.legend(fontsize="small")
    if title:
        ax.set_title(title)
    return fig


# --------------------------------------------------------------------------- the corpus


@functools.lru_cache(maxsize=1)
def _tokenizer():
    from textlab.features.tokenize import diversity_tokenizer

    return diversity_tokenizer()


def _docs(corpus: Any) -> pd.DataFrame:
    docs = corpus.docs if hasattr(corpus, "docs") else corpus
    if not isinstance(docs, pd.DataFrame):
        raise TypeError(f"corpus must be a Corpus or a docs DataFrame, got {type(corpus).__name__}")
    need = {"source", "author", "kind", "work", "text", "doc_id", "line_start"}
    if need - set(docs.columns):
        raise ValueError(f"corpus docs lack columns {sorted(need - set(docs.columns))}")
    return docs


def _tokens(texts: Sequence[str]) -> list[list[str]]:
    tok = _tokenizer()
    return [tok(t) for t in texts]


def author_chunks(
    corpus: Any,
    *,
    authors: Sequence[str] | None = None,
    kinds: Sequence[str] = ("primary",),
    size: int = 1000,
    exclude_groups: Sequence[str] = (),
    quotations: str = "drop",
) -> tuple[list[list[str]], pd.DataFrame]:
    """Chunks of the authors' own writing: the comparison rows (:func:`~textlab.features.dtm.comparison_rows`), by work.

    Rows of one work are joined in order and cut into chunks of ``size``
    tokens of :func:`textlab.features.tokenize.diversity_tokenizer`.

    Parameters
    ----------
    corpus : Corpus or its docs DataFrame
    authors : sequence of str, optional
        Keep these authors (default: every author of the comparison groups).
    kinds : row kinds to use, default primary only.
    size : tokens per chunk.
    exclude_groups : comparison groups to leave out (e.g. ``["Trotsky 1930-31"]``).
    quotations : {"drop", "rows", "keep"}, default "drop"
        As :func:`textlab.features.dtm.comparison_rows`: by default quoted spans are cut out of the rows
        (for a Corpus, passages reused from older texts of other authors too), so a chunk is the author's own words.

    Returns
    -------
    chunks, table
        As :func:`chunk_texts`, the table with ``label`` (author), ``unit``
        (work), ``group``, ``source`` and ``doc_id`` (the chunk's first row).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> chunks, t = author_chunks(example_corpus(), size=500)
    >>> len(chunks), len(chunks[0]), t.groupby("label").size().to_dict()
    (24, 500, {'A. Adams': 8, 'B. Brown': 8, 'C. Clark': 8})
    >>> t[["label", "unit", "doc_id"]].iloc[0].tolist()
    ['A. Adams', 'Letters', 'adams_1-00001']
    """
    from textlab.features.rows import comparison_rows, corpus_rows

    if isinstance(authors, str) or isinstance(exclude_groups, str):
        raise TypeError("authors and exclude_groups must be sequences of str, not a str")
    docs = _docs(corpus)
    rows = (
        corpus_rows(corpus, kinds=kinds, quotations=quotations)
        if hasattr(corpus, "docs")
        else comparison_rows(docs, kinds=kinds, quotations=quotations)
    )
    if authors is not None:
        unknown = set(authors) - set(rows["author"])
        if unknown:
            raise ValueError(
                f"authors {sorted(unknown)} have no comparison rows; authors are {sorted(set(rows['author']))}"
            )
        rows = rows[rows["author"].isin(list(authors))]
    rows = rows[~rows["group"].isin(list(exclude_groups))].sort_values(["source", "line_start"])
    chunks, t = chunk_texts(
        _tokens(rows["text"].tolist()), rows["author"].tolist(), size=size, units=rows["work"].tolist()
    )
    for col in ("group", "source", "doc_id"):
        t[col] = rows[col].to_numpy()[t["row"].to_numpy()] if len(t) else []
    return chunks, t


def author_attribution(
    corpus: Any,
    *,
    authors: Sequence[str] | None = None,
    size: int = 1000,
    n_mfw: int = 200,
    metric: str = "cosine",
    balanced: bool = True,
    n_splits: int | None = 5,
    seed: int = 0,
) -> CVResult:
    """Cross-validated attribution of the authors' chunks (:func:`author_chunks`), holding out whole works.

    ``predictions`` gains the chunks' ``source`` and ``doc_id``.

    Examples
    --------
    Leave one work out, on the 10 most frequent words: one of Brown's 16 chunks is attributed to Clark.

    >>> from textlab.corpus.examples import example_corpus
    >>> r = author_attribution(example_corpus(), size=250, n_mfw=10, n_splits=None)
    >>> round(r.accuracy, 3), r.confusion.values.tolist()
    (0.979, [[16, 0, 0], [0, 15, 1], [0, 0, 16]])
    """
    chunks, t = author_chunks(corpus, authors=authors, size=size)
    r = cross_validate(
        chunks, t["label"], t["unit"], n_splits=n_splits, n_mfw=n_mfw, metric=metric, balanced=balanced, seed=seed
    )
    r.predictions.insert(2, "source", t["source"].to_numpy())
    r.predictions.insert(3, "doc_id", t["doc_id"].to_numpy())
    return r


def attribution_grid(
    corpus: Any,
    *,
    sizes: Sequence[int] = (500, 1000, 2000),
    n_mfws: Sequence[int] = (50, 100, 200, 500),
    metrics: Sequence[str] = ("cosine", "burrows"),
    balanced: bool = True,
    n_splits: int | None = 5,
    seed: int = 0,
) -> pd.DataFrame:
    """Cross-validated accuracy for each chunk size, ``n_mfw`` and metric: one row per setting.

    Columns ``size``, ``n_mfw``, ``metric``, ``n_chunks``, ``accuracy``,
    ``balanced_accuracy`` and one ``acc_<author>`` column per author.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> g = attribution_grid(example_corpus(), sizes=(100, 500), n_mfws=(5, 20), metrics=("cosine",), n_splits=None)
    >>> g[["size", "n_mfw", "n_chunks"]].values.tolist()
    [[100, 5, 120], [100, 20, 120], [500, 5, 24], [500, 20, 24]]
    >>> g["accuracy"].round(3).tolist()
    [0.733, 1.0, 0.792, 1.0]
    """
    rows = []
    for size in sizes:
        chunks, t = author_chunks(corpus, size=size)
        for n_mfw in n_mfws:
            for metric in metrics:
                r = cross_validate(
                    chunks,
                    t["label"],
                    t["unit"],
                    n_splits=n_splits,
                    n_mfw=n_mfw,
                    metric=metric,
                    balanced=balanced,
                    seed=seed,
                )
                row = {
                    "size": size,
                    "n_mfw": n_mfw,
                    "metric": metric,
                    "n_chunks": len(chunks),
                    "accuracy": r.accuracy,
                    "balanced_accuracy": r.balanced_accuracy,
                }
                row.update({f"acc_{a}": acc for a, acc in zip(r.per_label["label"], r.per_label["accuracy"])})
                rows.append(row)
    return pd.DataFrame(rows)


def quotation_check(
    corpus: Any,
    *,
    quoted: str = "Trotsky",
    source: str = CLIFF_SOURCE,
    candidates: Sequence[str] = ("Leon Trotsky", "Tony Cliff"),
    size: int = 500,
    n_mfw: int = 200,
    metric: str = "cosine",
    balanced: bool = True,
    exclude_groups: Sequence[str] = (),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Are the block quotations of ``source`` that quote ``quoted`` closer to one candidate author than the others?

    The quotation rows (``kind == "quotation"``) of ``source`` whose
    ``quoted_author`` matches the regular expression ``quoted`` (case
    ignored; rows with no quoted author are left out) are joined in book order and cut into chunks of ``size`` tokens
    (a chunk may span several quotations). A :class:`DeltaClassifier` fitted
    on the candidates' own chunks (:func:`author_chunks`, same ``size``)
    gives each chunk its distance to each candidate and its attribution.
    ``exclude_groups`` leaves comparison groups out of training (e.g.
    ``["Trotsky 1930-31"]``, which Cliff quotes word for word). A control:
    ``quoted=r"^(?!.*Trotsky)"`` takes the quotations of everyone else.

    Returns
    -------
    per_chunk : pandas.DataFrame
        ``chunk``, ``n_tokens``, ``n_quotations`` (rows drawn on),
        ``first_doc``, ``last_doc``, ``quoted`` (authors quoted), one distance
        column per candidate, ``attributed``, ``margin``.
    summary : pandas.DataFrame
        Per candidate: ``n_chunks`` attributed and ``share``.

    Examples
    --------
    The candidates' own chunks are the rows the bundled table ``data/groups.csv`` groups (by source and
    author), so here the example corpus's rows of Adams and Clark take the names of two bundled books, and
    Clark's block quotation of Adams is said to quote Trotsky:

    >>> from textlab.corpus.examples import example_corpus
    >>> docs = example_corpus().docs
    >>> books = {"A. Adams": ("Leon Trotsky", "trotsky_writings_1930-31.txt"), "C. Clark": ("Tony Cliff", CLIFF_SOURCE)}
    >>> docs = docs[docs["author"].isin(books)]
    >>> docs = docs.assign(author=[books[a][0] for a in docs["author"]], source=[books[a][1] for a in docs["author"]],
    ...                    quoted_author=docs["kind"].map({"quotation": "Leon Trotsky"}))
    >>> per_chunk, summary = quotation_check(docs, size=50, n_mfw=20)
    >>> per_chunk["attributed"].tolist(), summary[["attributed", "n_chunks"]].values.tolist()
    (['Leon Trotsky', 'Leon Trotsky'], [['Leon Trotsky', 2], ['Tony Cliff', 0]])
    """
    if isinstance(candidates, str):
        raise TypeError("candidates must be a sequence of author names, not a str")
    if len(candidates) < 2:
        raise ValueError(f"candidates needs at least 2 authors, got {list(candidates)}")
    docs = _docs(corpus)
    try:
        pattern = re.compile(quoted, re.IGNORECASE)
    except re.error as e:
        raise ValueError(f"quoted is not a valid regular expression: {quoted!r} ({e})") from None
    q = docs[(docs["kind"] == "quotation") & (docs["source"] == source)]
    if q.empty:
        raise ValueError(f"no quotation rows of {source!r} in this corpus")
    q = q[q["quoted_author"].map(lambda s: isinstance(s, str) and bool(pattern.search(s)))].sort_values("line_start")
    if q.empty:
        raise ValueError(f"no quotation rows of {source!r} quote an author matching {quoted!r}")
    chunks, t = chunk_texts(_tokens(q["text"].tolist()), ["quotation"] * len(q), size=size, units=[0] * len(q))
    if not chunks:
        raise ValueError(f"the quotations hold fewer than size={size} tokens")
    train, tt = author_chunks(docs, authors=candidates, size=size, exclude_groups=exclude_groups)
    clf = DeltaClassifier(n_mfw=n_mfw, metric=metric, balanced=balanced).fit(train, tt["label"])
    d = clf.distance_table(chunks)
    ids, who = q["doc_id"].to_numpy(), q["quoted_author"].to_numpy()
    per = pd.DataFrame(
        {
            "chunk": np.arange(len(chunks)),
            "n_tokens": t["n_tokens"].to_numpy(),
            "n_quotations": (t["row_end"] - t["row"] + 1).to_numpy(),
            "first_doc": ids[t["row"].to_numpy()],
            "last_doc": ids[t["row_end"].to_numpy()],
            "quoted": ["; ".join(sorted(set(who[a : b + 1]))) for a, b in zip(t["row"], t["row_end"])],
        }
    )
    per = pd.concat([per, d], axis=1)
    counts = per["attributed"].value_counts()
    summary = pd.DataFrame({"attributed": list(clf.classes_)})
    summary["n_chunks"] = [int(counts.get(c, 0)) for c in clf.classes_]
    summary["share"] = summary["n_chunks"] / len(per)
    log.info(
        "quotation_check: %d chunks of quotations of %r; shares %s",
        len(per),
        quoted,
        dict(zip(summary["attributed"], summary["share"].round(3))),
    )
    return per, summary


def wildcat_check(
    corpus: Any,
    *,
    source: str = GORTER_SOURCE,
    authors: Sequence[str] = ("Wildcat", "Herman Gorter"),
    size: int | None = None,
    min_tokens: int = 150,
    n_mfw: int = 100,
    metric: str = "cosine",
    balanced: bool = True,
    exclude: Sequence[str] = (),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Do the rows assigned to Wildcat's introduction read like each other, or like Gorter's letter?

    Pieces: the primary rows of ``source`` by ``authors`` with at least
    ``min_tokens`` tokens; ``size`` (optional) cuts each row into
    consecutive windows of ``size`` tokens (a last window shorter than
    ``min_tokens`` joins the one before), to see *where* in a row the
    attribution changes. Each row is tested leave-one-row-out: the
    :class:`DeltaClassifier` is fitted on the pieces of all other rows,
    labelled by the segmentation, so a piece is never compared with itself or
    with its own row.

    Returns
    -------
    per_piece : pandas.DataFrame
        ``doc_id``, ``line_start``, ``line_end``, ``segment`` (the author the
        segmentation gives), ``start`` (token offset in the row), ``n_tokens``;
        ``d_<author>``: distance to each author's centroid; ``mean_d_<author>``:
        mean distance to that author's pieces; ``attributed``, ``margin``,
        ``agrees`` (attribution == segment) and ``nearest`` (segment of the
        nearest other piece).
    summary : pandas.DataFrame
        Per segment author: ``n_pieces``, ``n_tokens``, ``agree_share`` and
        the mean of each distance column.

    Examples
    --------
    The example corpus's rows of two authors, as if one file held them all:

    >>> from textlab.corpus.examples import example_corpus
    >>> docs = example_corpus().docs.assign(source="one.txt")
    >>> per_piece, summary = wildcat_check(docs, source="one.txt", authors=("A. Adams", "C. Clark"),
    ...                                    min_tokens=100, n_mfw=20)
    >>> len(per_piece), summary[["segment", "n_pieces", "agree_share"]].values.tolist()
    (8, [['A. Adams', 4, 1.0], ['C. Clark', 4, 1.0]])
    """
    if isinstance(authors, str) or isinstance(exclude, str):
        raise TypeError("authors and exclude must be sequences of str, not a str")
    if size is not None and (isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < min_tokens):
        raise ValueError(f"size must be None or an int >= min_tokens ({min_tokens}), got {size!r}")
    docs = _docs(corpus)
    rows = docs[(docs["source"] == source) & (docs["kind"] == "primary") & docs["author"].isin(list(authors))]
    rows = rows.sort_values("line_start")
    toks = _tokens(rows["text"].tolist())
    pieces, meta = [], []
    for r, tk in zip(rows.itertuples(index=False), toks):
        if len(tk) < min_tokens:
            continue
        starts = [0] if size is None else list(range(0, len(tk), size))
        if len(starts) > 1 and len(tk) - starts[-1] < min_tokens:
            starts.pop()
        bounds = starts[1:] + [len(tk)]
        for s, e in zip(starts, bounds):
            pieces.append(tk[s:e])
            meta.append(
                {
                    "doc_id": r.doc_id,
                    "line_start": r.line_start,
                    "line_end": r.line_end,
                    "segment": r.author,
                    "start": s,
                    "n_tokens": e - s,
                }
            )
    per = pd.DataFrame(meta)
    if per.empty or per["segment"].nunique() < 2:
        raise ValueError(f"need pieces of at least two of {list(authors)} with >= {min_tokens} tokens")
    seg = per["segment"].to_numpy()
    labels = sorted(set(seg))
    D_c = np.full((len(per), len(labels)), np.nan)
    D_m = np.full((len(per), len(labels)), np.nan)
    nearest = np.empty(len(per), dtype=object)
    for doc_id in per["doc_id"].unique():
        test = np.flatnonzero(per["doc_id"].to_numpy() == doc_id)
        train = np.flatnonzero(per["doc_id"].to_numpy() != doc_id)
        clf = DeltaClassifier(n_mfw=n_mfw, metric=metric, balanced=balanced, exclude=exclude)
        clf.fit([pieces[i] for i in train], seg[train])
        Zt = clf.transform([pieces[i] for i in test])
        Dc = delta_matrix(Zt, clf.centroids_, metric=metric)
        Dp = delta_matrix(Zt, clf.transform([pieces[i] for i in train]), metric=metric)
        for j, c in enumerate(clf.classes_):
            D_c[test, labels.index(c)] = Dc[:, j]
            D_m[test, labels.index(c)] = Dp[:, seg[train] == c].mean(axis=1)
        nearest[test] = seg[train][np.argmin(Dp, axis=1)]
    for j, c in enumerate(labels):
        per[f"d_{c}"] = D_c[:, j]
    for j, c in enumerate(labels):
        per[f"mean_d_{c}"] = D_m[:, j]
    srt = np.sort(D_c, axis=1)
    per["attributed"] = np.asarray(labels, dtype=object)[np.nanargmin(D_c, axis=1)]
    per["margin"] = srt[:, 1] - srt[:, 0]
    per["agrees"] = per["attributed"] == per["segment"]
    per["nearest"] = nearest
    dist_cols = [c for c in per.columns if c.startswith(("d_", "mean_d_"))]
    summary = per.groupby("segment").agg(
        n_pieces=("doc_id", "size"),
        n_tokens=("n_tokens", "sum"),
        agree_share=("agrees", "mean"),
        **{c: (c, "mean") for c in dist_cols},
    )
    summary = summary.reset_index()
    log.info(
        "wildcat_check: %d pieces; agreement with the segmentation %s",
        len(per),
        dict(zip(summary["segment"], summary["agree_share"].round(3))),
    )
    return per, summary
