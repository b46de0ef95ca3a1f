"""Topic coherence from a corpus's own document co-occurrence, counted once per corpus.

A :class:`Cooccurrence` holds the document frequencies ``D(w)`` (in how many
documents ``w`` occurs) of a count matrix ``X`` (n_docs x n_terms, dense or
scipy sparse) and, on demand, the co-document frequencies ``D(wi, wj)`` (in
how many documents both occur) of the words asked for. The pair counts are
kept, so scoring the next model of a sweep only counts the pairs of its new
top words. :func:`topic_coherence` scores each topic of a model (a K x V
topic-word array, or lists of top words) from it:

* ``measure="npmi"``: the mean normalised pointwise mutual information of the
  top words, each pair once, the document as the window;
* ``measure="umass"``: Mimno et al.'s (2011) UMass coherence, the mean of
  ``log((D(wi, wj) / N + eps) / (D(wj) / N))`` over the pairs ``j < i`` of
  the top words in rank order.

Both agree with gensim's ``CoherenceModel`` to rounding (about 1e-15); see
:func:`topic_coherence` for the exact gensim configuration and the two
degenerate cases where textlab departs from it on purpose.

Examples
--------
>>> import numpy as np
>>> X = np.array([[1, 1, 1, 0], [1, 1, 0, 0], [0, 1, 1, 1], [1, 0, 0, 1]])
>>> cooc = Cooccurrence(X, ["a", "b", "c", "d"])
>>> topics = [["a", "b", "c"], ["d", "a", "c"]]
>>> topic_coherence(topics, cooc, measure="npmi", top_n=3).round(4).tolist()
[-0.0158, -0.195]
>>> topic_coherence(topics, cooc, measure="umass", top_n=3).round(4).tolist()
[-0.6365, -0.8283]
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from typing import Any, TypeAlias

import numpy as np
import scipy.sparse as sp

from textlab.core import validate
from textlab.scale.counts import StreamedCounts
from textlab.topics.labels import top_words

log = logging.getLogger(__name__)

__all__ = ["EPSILON", "MEASURES", "Cooccurrence", "topic_coherence", "model_coherence"]

#: Added to the joint probability inside the logarithms, as gensim does
#: (``gensim.topic_coherence.direct_confirmation_measure.EPSILON``).
EPSILON = 1e-12

#: Accepted names of the measures (gensim's names are aliases).
MEASURES = {"npmi": "npmi", "c_npmi": "npmi", "umass": "umass", "u_mass": "umass"}

ArrayLike: TypeAlias = np.ndarray | sp.spmatrix
Topics: TypeAlias = np.ndarray | sp.spmatrix | Sequence[Sequence[str]]


def _boolean_csc(X: ArrayLike) -> sp.csc_matrix:
    """``X > 0`` as an int32 CSC matrix (one 1 per document a term occurs in), after checks."""
    if sp.issparse(X):
        X = sp.csr_matrix(X)
        if not X.has_canonical_format:
            X = X.copy()  # (never change the caller's matrix)
            X.sum_duplicates()
        data = X.data
    else:
        X = np.asarray(X)
        if X.ndim != 2:
            raise ValueError(f"X must be 2-dimensional (n_docs x n_terms), got shape {X.shape}")
        data = X
    if data.dtype == object or not (np.issubdtype(data.dtype, np.number) or data.dtype == bool):
        raise TypeError(f"X must hold numeric counts, got dtype {data.dtype}")
    if np.issubdtype(data.dtype, np.complexfloating):
        raise TypeError("X must hold real counts, got complex values")
    if data.size and not np.isfinite(data).all():
        raise ValueError("X must hold finite counts (found nan or inf)")
    if data.size and (data < 0).any():
        raise ValueError("X must hold counts (no negative values)")
    if X.shape[0] == 0:
        raise ValueError("X has no documents (0 rows)")
    B = X > 0
    return sp.csc_matrix(B, dtype=np.int32)


class Cooccurrence:
    """Document frequencies and co-document frequencies of a corpus, counted once, reused for every model.

    A word occurs in a document when its count there is positive (boolean
    document co-occurrence: the document is the window). ``D(w)`` is the number
    of documents that hold ``w``; ``D(wi, wj)`` the number that hold both.
    Documents with no words count in ``n_docs``.

    Pair counts are computed for the words asked for and kept (for the union
    of all words asked for so far), so a sweep over many models costs little
    more than one. Memory: 4 bytes per pair of cached words (``n_cached`` ** 2,
    with room to grow, at most 2.25 times that), e.g. 16 MB for 2,000 distinct
    top words; :meth:`clear_cache` frees it. Not thread-safe.

    Parameters
    ----------
    X : numpy.ndarray or scipy.sparse matrix, shape (n_docs, n_terms)
        Term counts (any non-negative numbers; only ``X > 0`` is used).
    vocab : sequence of str, length n_terms
        The terms of the columns (distinct).

    Attributes
    ----------
    n_docs : int
        Documents (rows of ``X``), the denominator of every probability.
    n_terms : int
    vocab : numpy.ndarray of str, shape (n_terms,)

    Examples
    --------
    >>> cooc = Cooccurrence([[2, 1, 0], [1, 0, 0], [0, 3, 1]], ["war", "peace", "land"])
    >>> cooc.n_docs, cooc.doc_freq(["war", "peace"]).tolist()
    (3, [2, 2])
    >>> cooc.co_doc_freq([0, 1, 2]).tolist()
    [[2, 1, 0], [1, 2, 1], [0, 1, 1]]
    """

    def __init__(self, X: ArrayLike, vocab: Sequence[str] | np.ndarray) -> None:
        B = _boolean_csc(X)
        terms = validate.terms(vocab, B.shape[1])
        self._B = B
        self.vocab = terms.copy() if terms is vocab else terms
        words = self.vocab.tolist()
        self._index = dict(zip(words, range(len(words))))  # word -> column id
        if len(self._index) != len(words):
            seen: set[str] = set()
            for dup in words:  # the first term seen twice
                if dup in seen:
                    break
                seen.add(dup)
            raise ValueError(f"vocab must hold distinct terms; {dup!r} appears more than once")
        self.n_docs = int(B.shape[0])
        self.n_terms = int(B.shape[1])
        self._df = np.diff(B.indptr).astype(np.int64)  # (n_terms,) documents holding each term
        self._pos = np.full(self.n_terms, -1, dtype=np.int64)  # term id -> row of the pair-count cache
        self._cached = np.empty(0, dtype=np.int64)  # term ids in cache order
        self._C = np.zeros((0, 0), dtype=np.int32)  # (capacity x capacity) D(wi, wj), top-left n_cached used
        log.info("co-occurrence of %d documents x %d terms (%d term-document pairs)", self.n_docs, self.n_terms, B.nnz)

    @classmethod
    def from_texts(cls, texts: Iterable[Sequence[str]], vocab: Sequence[str] | None = None) -> Cooccurrence:
        """Build from token lists (one list per document), as gensim's ``texts``.

        ``vocab`` defaults to the sorted distinct tokens; tokens outside a given
        ``vocab`` are ignored (as ``CountVectorizer.transform`` does). An empty
        list is a document with no words: it counts in ``n_docs``.

        >>> cooc = Cooccurrence.from_texts([["war", "peace", "war"], [], ["land"]])
        >>> cooc.vocab.tolist(), cooc.n_docs, cooc.doc_freq(["war"]).tolist()
        (['land', 'peace', 'war'], 3, [1])
        """
        docs = []
        for i, t in enumerate(texts):
            if isinstance(t, (str, bytes)):
                raise TypeError(f"texts must be token lists (one list of str per document); text {i} is a str")
            docs.append(list(t))
        if vocab is None:
            bad = next((w for d in docs for w in d if not isinstance(w, str)), None)
            if bad is not None:
                raise TypeError(f"texts must hold str tokens, found {bad!r} ({type(bad).__name__})")
            vocab = sorted({w for d in docs for w in d})
        terms = validate.terms(vocab)
        index = {t: i for i, t in enumerate(terms.tolist())}
        if len(index) != len(terms):
            raise ValueError("vocab must hold distinct terms")
        rows: list[int] = []
        cols: list[int] = []
        for r, d in enumerate(docs):
            ids = {index[w] for w in d if w in index}
            rows.extend([r] * len(ids))
            cols.extend(ids)
        X = sp.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(docs), len(terms)))
        return cls(X, terms)

    def __repr__(self) -> str:
        return f"Cooccurrence(n_docs={self.n_docs}, n_terms={self.n_terms}, n_cached={self.n_cached})"

    @property
    def n_cached(self) -> int:
        """How many words' pair counts are kept."""
        return int(self._cached.size)

    def ids(self, words: Iterable[str], *, name: str = "words") -> np.ndarray:
        """Column ids of ``words`` (str); ValueError naming the words not in the vocabulary.

        >>> Cooccurrence([[1, 0]], ["a", "b"]).ids(["b", "a"]).tolist()
        [1, 0]
        """
        words = list(words)
        bad = next((w for w in words if not isinstance(w, str)), None)
        if bad is not None:
            raise TypeError(f"{name} must hold str words, found {bad!r} ({type(bad).__name__})")
        missing = [w for w in dict.fromkeys(words) if w not in self._index]
        if missing:
            shown = ", ".join(repr(w) for w in missing[:10]) + (", ..." if len(missing) > 10 else "")
            raise ValueError(f"{name}: {len(missing)} word(s) not in the vocabulary ({self.n_terms} terms): {shown}")
        return np.fromiter((self._index[w] for w in words), dtype=np.int64, count=len(words))

    def _as_ids(self, ids, name: str = "ids") -> np.ndarray:
        if isinstance(ids, str):
            raise TypeError(f"{name} must be a sequence of column ids or of words, not a single str")
        arr = np.asarray(list(ids) if not isinstance(ids, np.ndarray) else ids)
        if arr.ndim != 1:
            raise ValueError(f"{name} must be 1-dimensional, got shape {arr.shape}")
        if arr.size and (arr.dtype.kind in "US" or arr.dtype == object):
            return self.ids(arr.tolist(), name=name)
        if arr.size == 0:
            return arr.astype(np.int64)
        if arr.dtype.kind not in "iu":
            raise TypeError(f"{name} must hold int column ids or str words, got dtype {arr.dtype}")
        if arr.min() < 0 or arr.max() >= self.n_terms:
            raise ValueError(
                f"{name} must be column ids in [0, {self.n_terms}), got values from {arr.min()} to {arr.max()}"
            )
        return arr.astype(np.int64)

    def doc_freq(self, ids=None) -> np.ndarray:
        """``D(w)``: documents holding each word, shape (m,) (all n_terms when ``ids`` is None).

        ``ids`` are column ids (int) or words (str).
        """
        if ids is None:
            return self._df.copy()
        return self._df[self._as_ids(ids)]

    def co_doc_freq(self, ids) -> np.ndarray:
        """``D(wi, wj)``: documents holding both words, shape (m, m), symmetric; the diagonal is ``D(w)``.

        ``ids`` are column ids (int) or words (str). Counts of new words are
        computed and kept; words seen before cost a look-up.
        """
        ids = self._as_ids(ids)
        self._extend(ids)
        p = self._pos[ids]
        return self._C[np.ix_(p, p)].astype(np.int64)

    def clear_cache(self) -> None:
        """Forget the kept pair counts (frees their memory)."""
        self._pos[:] = -1
        self._cached = np.empty(0, dtype=np.int64)
        self._C = np.zeros((0, 0), dtype=np.int32)

    def _extend(self, ids: np.ndarray) -> None:
        """Count the pairs of the words of ``ids`` not cached yet, with each other and with the cached words."""
        if ids.size == 0:
            return
        uniq = np.unique(ids)
        new = uniq[self._pos[uniq] < 0]
        if new.size == 0:
            return
        m, b = self._cached.size, new.size
        if m + b > self._C.shape[0]:
            cap = max(self._C.shape[0] * 3 // 2, m + b, 64)
            C = np.zeros((cap, cap), dtype=np.int32)
            C[:m, :m] = self._C[:m, :m]
            self._C = C
        every = np.concatenate([self._cached, new])
        Bn = self._B[:, new]
        block = (Bn.T @ self._B[:, every]).toarray()  # (b, m + b) D(new, every)
        self._C[m : m + b, : m + b] = block
        self._C[:m, m : m + b] = block[:, :m].T
        self._pos[new] = np.arange(m, m + b)
        self._cached = every
        log.debug("co-document counts: %d new words, %d kept", b, m + b)


def _check_top_n(top_n) -> int:
    if isinstance(top_n, bool) or not isinstance(top_n, (int, np.integer)):
        raise TypeError(f"top_n must be an int, got {type(top_n).__name__}")
    if top_n < 2:
        raise ValueError(f"top_n must be at least 2 (coherence scores pairs of words), got {top_n}")
    return int(top_n)


def _is_word_lists(topic_word) -> bool:
    """True for a sequence of sequences of str (gensim's ``topics``)."""
    if sp.issparse(topic_word) or isinstance(topic_word, np.ndarray) and topic_word.dtype.kind not in "USO":
        return False
    if hasattr(topic_word, "to_numpy") and getattr(topic_word, "ndim", 0) == 2:  # a DataFrame of weights
        return False
    if isinstance(topic_word, (str, bytes)):
        raise TypeError("topic_word must be a (K x V) array of word weights or a list of top-word lists, not a str")
    try:
        first = next(iter(topic_word))
    except StopIteration:
        raise ValueError("topic_word holds no topic") from None
    except TypeError:
        raise TypeError(
            f"topic_word must be a (K x V) array or a list of top-word lists, got {type(topic_word).__name__}"
        ) from None
    if isinstance(first, str):
        raise TypeError(
            "topic_word must be a list of top-word lists (one list per topic), not one list of words: "
            "wrap a single topic as [words]"
        )
    try:
        return any(isinstance(w, str) for w in first)
    except TypeError:
        return False


def _topic_ids(topic_word: Topics, cooc: Cooccurrence, top_n: int, vocab: Sequence[str] | None) -> np.ndarray:
    """(K, top_n) column ids of cooc for the top words of each topic."""
    if _is_word_lists(topic_word):
        if vocab is not None:
            raise ValueError(
                "vocab names the columns of a (K x V) topic_word array; "
                "top-word lists are looked up in cooc.vocab directly"
            )
        flat: list = []
        for k, topic in enumerate(topic_word):
            if isinstance(topic, (str, bytes)):
                raise TypeError(f"topic_word[{k}] is a str; give each topic as a list of words")
            words = list(topic)
            if len(words) < top_n:
                raise ValueError(f"topic_word[{k}] has {len(words)} words, fewer than top_n={top_n}")
            flat.extend(words[:top_n])
        index = cooc._index
        try:
            ids = [index[w] for w in flat]
        except (KeyError, TypeError):  # name the first topic at fault
            for k in range(len(flat) // top_n):
                cooc.ids(flat[k * top_n : (k + 1) * top_n], name=f"topic_word[{k}]")
            raise
        return np.array(ids, dtype=np.int64).reshape(-1, top_n)
    W = validate.finite_matrix(topic_word, "topic_word", "K topics x V words")
    if W.shape[0] == 0:
        raise ValueError("topic_word holds no topic (0 rows)")
    if top_n > W.shape[1]:
        raise ValueError(f"top_n={top_n} is larger than the {W.shape[1]} words of topic_word")
    if vocab is None:
        if W.shape[1] != cooc.n_terms:
            raise ValueError(
                f"topic_word has {W.shape[1]} columns but cooc has {cooc.n_terms} terms; "
                "pass vocab= (the terms of topic_word's columns) if the vocabularies differ"
            )
    top = top_words(W, cooc.vocab if vocab is None else vocab, n=top_n)
    return cooc.ids([w for ws in top for w in ws], name="topic_word (top words)").reshape(len(top), top_n)


def _measure(measure) -> str:
    if not isinstance(measure, str) or measure.lower() not in MEASURES:
        raise ValueError(f"measure must be 'npmi' or 'umass' (or gensim's 'c_npmi', 'u_mass'), got {measure!r}")
    return MEASURES[measure.lower()]


def topic_coherence(
    topic_word: Topics,
    cooc: Cooccurrence,
    *,
    measure: str = "npmi",
    top_n: int = 10,
    vocab: Sequence[str] | None = None,
) -> np.ndarray:
    """Coherence of each topic's ``top_n`` words in the corpus of ``cooc``: shape (K,).

    Parameters
    ----------
    topic_word : array (K, V) or list of K lists of str
        Word weights of each topic (rows of ``lda.components_``, dense or
        sparse): its ``top_n`` heaviest words, heaviest first, ties to the lower
        column (:func:`textlab.topics.labels.top_words`). Or each topic's top words as strings, most
        important first (as gensim's ``topics``); the first ``top_n`` are used.
    cooc : Cooccurrence
        The reference corpus (usually the one the model was fitted on).
    measure : {"npmi", "umass"}
        ``"c_npmi"`` and ``"u_mass"`` (gensim's names) are accepted too.
    top_n : int, default 10
        Words per topic, at least 2.
    vocab : sequence of str, optional
        The terms of ``topic_word``'s V columns, when they are not
        ``cooc.vocab`` (a model scored on another corpus): top words are then
        looked up in ``cooc`` by name.

    Returns
    -------
    numpy.ndarray of float, shape (K,)

    Notes
    -----
    With ``N`` documents, ``p(w) = D(w) / N``, ``p(wi, wj) = D(wi, wj) / N``,
    ``eps = 1e-12`` and the top words ``w1 .. wn`` in rank order:

    * ``npmi``: mean over the pairs ``i != j`` of
      ``log((p(wi, wj) + eps) / (p(wi) p(wj))) / -log(p(wi, wj) + eps)``;
      in [-1, 1] up to ~1e-12 N (the ``eps``); 1 for words always in the same
      documents, 0 for independent words; words never in the same document get
      ``-1 + log(1 / (p(wi) p(wj))) / log(1 / eps)``, near -1 (the ``eps`` keeps it finite).
    * ``umass``: mean over the pairs ``j < i`` of
      ``log((p(wi, wj) + eps) / p(wj))`` (at most ~0; more negative is less
      coherent). A pair whose ``wj`` occurs in no document scores 0, as in gensim.

    **Agreement with gensim** (``gensim.models.coherencemodel.CoherenceModel``,
    gensim 4.x), to about 1e-15, with ``texts`` the token lists whose counts are
    ``X``, ``dictionary = Dictionary(texts)``, ``topics`` the top-word lists
    (:func:`textlab.topics.labels.top_words`):

    * ``"umass"`` equals ``CoherenceModel(topics=topics, corpus=[dictionary.doc2bow(t) for t in texts],
      dictionary=dictionary, coherence="u_mass", topn=top_n).get_coherence_per_topic()``
      (gensim's ``u_mass`` is itself boolean-document based).
    * ``"npmi"`` equals ``CoherenceModel(topics=topics, texts=texts, dictionary=dictionary,
      coherence="c_npmi", topn=top_n, window_size=max(len(t) for t in texts)).get_coherence_per_topic()``.
      Any ``window_size`` at least the length of the longest text works: gensim
      then makes each text one window (a text shorter than the window is one
      window, ``ignore_below_size=False``; an empty text is a window too), so
      its window count is the number of documents and its counts are
      document counts. Any ``processes`` gives the same. gensim's default
      ``window_size=10`` is a different measure (sliding windows of 10 tokens).

    Two degenerate cases where gensim returns an artefact of its ``eps``, and
    textlab does not: (a) ``npmi`` of a pair of words that are both in *every*
    document (``p(wi, wj) = 1``, so 0/0): gensim gives -1 ("never together"),
    textlab 0 (a word in every document tells nothing about another word: the
    value that pairs with one such word get in both); (b) ``npmi`` with a word that is
    in no document (a vocabulary column of zeros): gensim gives inf, textlab
    nan for that topic (logged as a warning). Neither can happen when the
    vocabulary is built from the same texts and no word is in every document.
    Unlike gensim, words missing from the vocabulary raise ValueError (gensim
    silently drops them and scores the remaining words).

    Examples
    --------
    >>> cooc = Cooccurrence([[1, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 1]], ["a", "b", "c"])
    >>> W = [[0.5, 0.4, 0.1], [0.1, 0.3, 0.6]]
    >>> topic_coherence(W, cooc, measure="npmi", top_n=2).round(4).tolist()  # [a, b] and [c, b]
    [0.415, -0.9498]
    >>> topic_coherence(W, cooc, measure="umass", top_n=2).round(4).tolist()
    [-0.4055, -26.9379]
    """
    if not isinstance(cooc, Cooccurrence):
        raise TypeError(f"cooc must be a Cooccurrence (Cooccurrence(X, vocab)), got {type(cooc).__name__}")
    measure = _measure(measure)
    top_n = _check_top_n(top_n)
    T = _topic_ids(topic_word, cooc, top_n, vocab)  # (K, n)
    cooc._extend(T.ravel())
    p = cooc._pos[T]  # (K, n) rows of the cache
    D = cooc._df[T].astype(np.float64)  # (K, n) D(w)
    N = float(cooc.n_docs)
    n = T.shape[1]
    if measure == "umass":
        i, j = np.tril_indices(n, -1)  # gensim's s_one_pre: (w_i, w_j) for j < i
        co = cooc._C[p[:, i], p[:, j]].astype(np.float64)  # (K, n_pairs) D(w_i, w_j)
        d_star = D[:, j]
        with np.errstate(divide="ignore", invalid="ignore"):
            s = np.log((co / N + EPSILON) / (d_star / N))
        s[d_star == 0] = 0.0  # gensim: ZeroDivisionError -> 0.0
    else:
        i, j = np.triu_indices(n, 1)  # each unordered pair once (npmi is symmetric; gensim scores both orders)
        co = cooc._C[p[:, i], p[:, j]].astype(np.float64)
        p_co = co / N
        with np.errstate(divide="ignore", invalid="ignore"):
            pmi = np.log((p_co + EPSILON) / ((D[:, i] / N) * (D[:, j] / N)))
            s = pmi / -np.log(p_co + EPSILON)
        s[co == N] = 0.0  # both words in every document
        absent = (D[:, i] == 0) | (D[:, j] == 0)
        if absent.any():
            s[absent] = np.nan
            words = cooc.vocab[np.unique(T[D == 0])].tolist()
            log.warning(
                "npmi: %d top word(s) occur in no document (%s): their topics score nan",
                len(words),
                ", ".join(words[:10]),
            )
    return s.mean(axis=1)


def model_coherence(
    topic_word: Topics,
    cooc: Cooccurrence,
    *,
    measure: str = "npmi",
    top_n: int = 10,
    vocab: Sequence[str] | None = None,
) -> float:
    """The mean of :func:`topic_coherence` over the topics (gensim's ``get_coherence``).

    >>> cooc = Cooccurrence([[1, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 1]], ["a", "b", "c"])
    >>> round(model_coherence([["a", "b"], ["b", "c"]], cooc, measure="npmi", top_n=2), 4)
    -0.2674
    """
    return float(np.mean(topic_coherence(topic_word, cooc, measure=measure, top_n=top_n, vocab=vocab)))


# --------------------------------------------------------------------------- counts on disk


__all__ += ["streamed_coherence"]


def streamed_coherence(
    topics: Any,
    counts: StreamedCounts | str | os.PathLike[str],
    *,
    measure: str = "npmi",
    top_n: int = 10,
) -> np.ndarray:
    """Coherence of each topic's ``top_n`` words, from document co-occurrence counted block by block on disk.

    The same measures and formulas as :func:`textlab.topics.coherence.topic_coherence` (``"npmi"``, ``"umass"``;
    the document is the window; equal to it, and so to gensim's ``CoherenceModel``, to rounding), but the
    counts ``D(w)`` and ``D(wi, wj)`` of the top words come from one pass over the streamed rows of counts on disk
    (:class:`textlab.scale.counts.StreamedCounts`), never the whole matrix in memory.

    Parameters
    ----------
    topics : TopicModel, (K, V) array of word weights over the counts' vocabulary, or lists of top words
    counts : StreamedCounts or path
    measure : {"npmi", "umass"}
    top_n : int, default 10

    Returns
    -------
    numpy.ndarray of float, shape (K,)

    Examples
    --------
    >>> import tempfile
    >>> from textlab.scale.local import count_to_disk
    >>> out = tempfile.mkdtemp()
    >>> _ = count_to_disk([("1", ["a", "b"]), ("2", ["a", "b"]), ("3", ["c"]), ("4", ["a", "c"])], out)
    >>> streamed_coherence([["a", "b"], ["c", "b"]], out, top_n=2).round(4).tolist()
    [0.415, -0.9498]
    """
    c = counts if isinstance(counts, StreamedCounts) else StreamedCounts(counts)
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {sorted(MEASURES)}, got {measure!r}")
    kind = MEASURES[measure]
    if top_n < 2:
        raise ValueError(f"top_n must be at least 2, got {top_n}")
    index = {t: i for i, t in enumerate(c.vocab.tolist())}
    if hasattr(topics, "topic_word") and hasattr(topics, "vocab"):
        words = top_words(topics.topic_word, topics.vocab, n=top_n)
    elif isinstance(topics, np.ndarray) or sp.issparse(topics):
        words = top_words(topics, c.vocab.tolist(), n=top_n)
    else:
        words = [list(ws)[:top_n] for ws in topics]
    missing = sorted({w for ws in words for w in ws if w not in index})
    if missing:
        raise ValueError(f"{len(missing)} top word(s) not in the counts' vocabulary: {missing[:10]}")
    if any(len(ws) < top_n for ws in words):
        raise ValueError(f"every topic needs {top_n} top words")
    T = np.array([[index[w] for w in ws] for ws in words], dtype=np.int64)  # (K, n)
    uniq, pos = np.unique(T, return_inverse=True)
    pos = pos.reshape(T.shape)
    C = c.co_doc_freq(uniq).astype(np.float64)  # (m, m), diagonal D(w)
    D = np.diag(C)[pos]  # (K, n)
    N = float(c.n_docs)
    n = T.shape[1]
    if kind == "umass":
        i, j = np.tril_indices(n, -1)
        co = C[pos[:, i], pos[:, j]]
        d_star = D[:, j]
        with np.errstate(divide="ignore", invalid="ignore"):
            s = np.log((co / N + EPSILON) / (d_star / N))
        s[d_star == 0] = 0.0
    else:
        i, j = np.triu_indices(n, 1)
        co = C[pos[:, i], pos[:, j]]
        p_co = co / N
        with np.errstate(divide="ignore", invalid="ignore"):
            pmi = np.log((p_co + EPSILON) / ((D[:, i] / N) * (D[:, j] / N)))
            s = pmi / -np.log(p_co + EPSILON)
        s[co == N] = 0.0
        absent = (D[:, i] == 0) | (D[:, j] == 0)
        if absent.any():
            s[absent] = np.nan
            log.warning("npmi: top words that occur in no document: their topics score nan")
    return np.asarray(s.mean(axis=1), dtype=np.float64)
