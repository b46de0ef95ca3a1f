"""Authorship evidence: Burrows' Delta and Cosine Delta on the most frequent words.

Stylometry compares *how* authors write, not what about: the relative
frequencies of the most frequent words (mostly function words: ``the``,
``of``, ``which``, ``we``) in chunks of equal length. The steps, each a
function on plain arrays:

1. :func:`textlab.features.chunks.chunk_words` cuts token lists (use
   :func:`textlab.features.tokenize.diversity_tokenizer`: word forms as written, no
   stopwords removed) into consecutive chunks of ``size`` tokens (``tail="drop"``: every chunk is full);
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
z-profile (centroid) is nearest. Cross-validation and a corpus's authors are in
:mod:`textlab.stylometry.attribution`, maps of chunks in :mod:`textlab.stylometry.maps`.

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

import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any, TypeAlias, cast

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.spatial.distance import cdist
from sklearn.base import BaseEstimator, ClassifierMixin

from textlab.core import validate

log = logging.getLogger(__name__)

__all__ = [
    "METRICS",
    "TokenLists",
    "Counts",
    "most_frequent_words",
    "frequency_matrix",
    "zscores",
    "balanced_weights",
    "delta_matrix",
    "is_count_matrix",
    "DeltaClassifier",
]

#: Distances :func:`delta_matrix` knows.
METRICS = ("burrows", "cosine")

#: Token lists: one list of str per chunk.
TokenLists: TypeAlias = Sequence[Sequence[str]]
#: A count matrix (n_chunks x n_vocab), dense or scipy sparse.
Counts: TypeAlias = np.ndarray | sp.spmatrix


# --------------------------------------------------------------------------- frequencies


def most_frequent_words(token_lists: TokenLists, n: int, *, exclude: Sequence[str] = ()) -> list[str]:
    """The ``n`` most frequent words of all the token lists together, most frequent first.

    Ties are broken alphabetically, so the list does not depend on the order
    of the token lists. Words in ``exclude`` (e.g. the authors' names) are
    left out.

    >>> most_frequent_words([["the", "of", "the"], ["of", "a", "the", "b"]], 3)
    ['the', 'of', 'a']
    """
    n = validate.integer(n, "n")
    if isinstance(exclude, str):
        raise TypeError("exclude must be a sequence of words, not a str")
    counts = Counter(t for toks in validate.token_lists(token_lists) for t in toks)
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
    tl = validate.token_lists(token_lists)
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
    F = validate.finite_matrix(F, "F", "n_chunks x n_words")
    R = F if reference is None else validate.finite_matrix(reference, "reference", "n_chunks x n_words")
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
    A = validate.finite_matrix(Z_a, "Z_a", "n_chunks x n_words")
    B = A if Z_b is None else validate.finite_matrix(Z_b, "Z_b", "n_chunks x n_words")
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


def is_count_matrix(X: Any) -> bool:
    """True for a count matrix (a numeric ndarray, or scipy sparse), False for a sequence of token lists.

    The classifier and cross-validation take either; a str is refused (TypeError).

    >>> is_count_matrix(np.array([[1, 2], [0, 3]])), is_count_matrix([["the", "of"], ["we"]])
    (True, False)
    """
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
        where a cosine has no stable direction (in the bundled corpus one author
        gives two thirds of the chunks, and unbalanced Cosine Delta attributes a
        third of that author's chunks elsewhere).
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
        validate.integer(self.n_mfw, "n_mfw")
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
        self.counts_input_ = is_count_matrix(X)
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
            X = validate.token_lists(X, "X")
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
        if is_count_matrix(X):
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
