"""Topic models: one fitted-model value for every backend, fold-in of new documents, held-out perplexity.

Data flow: chunks of a corpus (:mod:`textlab.features.chunks`) -> counts -> :func:`fit_topics` (a
:class:`TopicModel`, whatever the backend) -> statistics on its plain arrays (:mod:`textlab.topics.coherence`,
:mod:`textlab.topics.labels`, :mod:`textlab.topics.stability`, :mod:`textlab.topics.prevalence`).
:func:`fold_in` infers the topic shares of new documents with the topics held fixed, and :func:`perplexity`
scores held-out documents by it. Sweeps over K are in :mod:`textlab.topics.selection`, a corpus's models in
:mod:`textlab.topics.corpus`.

Examples
--------
>>> import numpy as np, scipy.sparse as sp
>>> X = sp.csr_matrix(np.array([[4, 3, 0, 0], [5, 2, 0, 1], [0, 0, 6, 3], [0, 1, 4, 4]]))
>>> m = fit_topics(X, 2, vocab=["tsar", "court", "party", "congress"], backend="sklearn", seed=0)
>>> m.topic_word.shape, m.doc_topic.shape, bool(np.allclose(m.doc_topic.sum(axis=1), 1))
((2, 4), (4, 2), True)
>>> sorted(sorted(ws) for ws in m.top_words(2))
[['congress', 'party'], ['court', 'tsar']]
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from textlab.core.io import atomic_write_bytes
from textlab.features.dtm import DocumentTermMatrix
from textlab.features.tokenize import Tokenizer
from textlab.scale.counts import StreamedCounts
from textlab.scale.engines import check_engine
from textlab.topics.backends import DEFAULT_BACKEND, get_backend, get_counts_backend
from textlab.topics.inference import fold_in
from textlab.topics.labels import top_words

log = logging.getLogger(__name__)

__all__ = [
    "FORMAT_VERSION",
    "matrix_hash",
    "TopicModel",
    "as_counts",
    "fit_topics",
    "fold_in",
    "heldout_mask",
    "perplexity",
    "counts_in_vocab",
]

#: Version of the ``.npz`` layout :meth:`TopicModel.save` writes (and of the keys of cached fits).
FORMAT_VERSION = 1


def matrix_hash(
    X: sp.spmatrix, vocab: Sequence[str] | np.ndarray, doc_ids: Sequence[str] | np.ndarray | None = None
) -> str:
    """SHA-256 of a count matrix, its vocabulary and its document ids: what a model was fitted on.

    >>> a = matrix_hash(sp.csr_matrix(np.eye(2, dtype=int)), ["x", "y"])
    >>> a == matrix_hash(sp.csr_matrix(np.eye(2, dtype=int)), ["x", "z"])
    False
    """
    X = sp.csr_matrix(X)
    X.sort_indices()
    h = hashlib.sha256()
    h.update(
        json.dumps(
            [list(X.shape), list(map(str, vocab)), None if doc_ids is None else list(map(str, doc_ids))]
        ).encode()
    )
    for a in (X.indptr, X.indices, X.data):
        h.update(np.ascontiguousarray(a, dtype=np.int64).tobytes())
    return h.hexdigest()


@dataclass(frozen=True, eq=False)
class TopicModel:
    """A fitted topic model as plain values, the same whatever backend filled it.

    Attributes
    ----------
    vocab : numpy.ndarray of str, shape (V,)
    topic_word : numpy.ndarray, shape (K, V)
        p(word | topic); rows sum to 1.
    doc_topic : numpy.ndarray, shape (N, K)
        Topic shares of each document (theta); rows sum to 1.
    doc_lengths : numpy.ndarray of int, shape (N,)
        Tokens per document (counted in the vocabulary).
    alpha : numpy.ndarray, shape (K,)
        Document-topic Dirichlet prior the fit ended with.
    doc_ids : numpy.ndarray of str, shape (N,)
    backend : str
    seed : int
    params : dict
        Settings of the fit (``k`` included), JSON values.
    corpus_hash : str
        :func:`matrix_hash` of the counts it was fitted on.

    Examples
    --------
    >>> m = TopicModel(vocab=np.array(["tsar", "court", "party", "congress"]),
    ...                topic_word=np.array([[0.6, 0.4, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5]]),
    ...                doc_topic=np.array([[0.9, 0.1], [0.2, 0.8]]), doc_lengths=np.array([10, 12]),
    ...                alpha=np.array([0.1, 0.1]), doc_ids=np.array(["a", "b"]), backend="sklearn", seed=0)
    >>> m.k, m.top_words(2)
    (2, [['tsar', 'court'], ['party', 'congress']])
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     again = TopicModel.load(m.save(Path(d) / "model.npz"))
    >>> again.top_words(1), again.doc_ids.tolist(), bool(np.array_equal(again.doc_topic, m.doc_topic))
    ([['tsar'], ['party']], ['a', 'b'], True)
    """

    vocab: np.ndarray
    topic_word: np.ndarray
    doc_topic: np.ndarray
    doc_lengths: np.ndarray
    alpha: np.ndarray
    doc_ids: np.ndarray
    backend: str
    seed: int
    params: dict = field(default_factory=dict)
    corpus_hash: str = ""

    def __post_init__(self) -> None:
        k, v = self.topic_word.shape
        n = self.doc_topic.shape[0]
        if (
            self.doc_topic.shape != (n, k)
            or self.vocab.shape != (v,)
            or self.doc_lengths.shape != (n,)
            or self.alpha.shape != (k,)
            or self.doc_ids.shape != (n,)
        ):
            raise ValueError(
                f"inconsistent shapes: topic_word {self.topic_word.shape}, doc_topic {self.doc_topic.shape}, "
                f"vocab {self.vocab.shape}, doc_lengths {self.doc_lengths.shape}, alpha {self.alpha.shape}, "
                f"doc_ids {self.doc_ids.shape}"
            )

    @property
    def k(self) -> int:
        """Number of topics."""
        return int(self.topic_word.shape[0])

    def top_words(self, n: int = 10) -> list[list[str]]:
        """The ``n`` most probable words of each topic (:func:`textlab.topics.labels.top_words`)."""
        return top_words(self.topic_word, self.vocab, n=n)

    def to_bytes(self) -> bytes:
        """The model as a compressed ``.npz`` (arrays, and the rest as JSON text; no pickle)."""
        meta = {
            "format": FORMAT_VERSION,
            "backend": self.backend,
            "seed": int(self.seed),
            "params": self.params,
            "corpus_hash": self.corpus_hash,
        }
        buf = io.BytesIO()
        np.savez_compressed(
            buf,
            vocab=self.vocab.astype(str),
            topic_word=self.topic_word,
            doc_topic=self.doc_topic,
            doc_lengths=self.doc_lengths,
            alpha=self.alpha,
            doc_ids=self.doc_ids.astype(str),
            meta=np.array(json.dumps(meta, sort_keys=True)),
        )
        return buf.getvalue()

    def save(self, path: str | os.PathLike) -> Path:
        """Write :meth:`to_bytes` to ``path`` atomically; load with :meth:`TopicModel.load`."""
        p = Path(path)
        atomic_write_bytes(p, self.to_bytes())
        return p

    @classmethod
    def load(cls, path: str | os.PathLike) -> TopicModel:
        """Read a model written by :meth:`save` (``allow_pickle=False``)."""
        p = Path(path)
        try:
            with np.load(p, allow_pickle=False) as z:
                arrays = {name: z[name] for name in z.files}
        except (OSError, ValueError) as e:
            raise ValueError(f"{p}: not a textlab topic model file ({e})") from e
        missing = {"vocab", "topic_word", "doc_topic", "doc_lengths", "alpha", "doc_ids", "meta"} - set(arrays)
        if missing:
            raise ValueError(f"{p}: not a textlab topic model file (missing {sorted(missing)})")
        meta = json.loads(str(arrays.pop("meta")))
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(f"{p}: model format {meta.get('format')!r}, this textlab reads {FORMAT_VERSION}")
        return cls(
            backend=meta["backend"], seed=meta["seed"], params=meta["params"], corpus_hash=meta["corpus_hash"], **arrays
        )


def as_counts(
    data: DocumentTermMatrix | sp.spmatrix | np.ndarray,
    vocab: Sequence[str] | np.ndarray | None = None,
    doc_ids: Sequence[str] | np.ndarray | None = None,
) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """Counts to fit, checked: ``(X, vocab, doc_ids)`` as an int64 CSR matrix, an array of str, an array of str.

    A :class:`~textlab.features.dtm.DocumentTermMatrix` brings its vocabulary and its documents' ids (its
    ``chunk_id`` column, else ``doc_id``); a bare matrix (scipy sparse or ndarray) needs ``vocab`` and gets the
    row numbers as ids unless ``doc_ids`` are given.

    Examples
    --------
    >>> X, vocab, ids = as_counts(np.array([[1, 0], [2, 3]]), ["party", "tsar"])
    >>> X.dtype.name, vocab.tolist(), ids.tolist()
    ('int64', ['party', 'tsar'], ['0', '1'])
    """
    if isinstance(data, DocumentTermMatrix):
        X, vocab = data.X, data.vocab
        if doc_ids is None:
            col = "chunk_id" if "chunk_id" in data.docs.columns else "doc_id"
            doc_ids = data.docs[col].astype(str).to_numpy() if col in data.docs.columns else None
    elif sp.issparse(data) or isinstance(data, np.ndarray):
        X = sp.csr_matrix(data)
    else:
        raise TypeError(
            f"expected a DocumentTermMatrix, a scipy sparse matrix or an ndarray of counts, got {type(data).__name__}"
        )
    if vocab is None:
        raise ValueError("vocab is required when the counts are a bare matrix")
    vocab = np.asarray(vocab, dtype=str)
    if vocab.shape != (X.shape[1],):
        raise ValueError(f"vocab has {vocab.shape[0]} terms but the matrix has {X.shape[1]} columns")
    doc_ids = np.arange(X.shape[0]).astype(str) if doc_ids is None else np.asarray(doc_ids, dtype=str)
    if doc_ids.shape != (X.shape[0],):
        raise ValueError(f"doc_ids has {doc_ids.shape[0]} entries but the matrix has {X.shape[0]} rows")
    if X.nnz and (X.data < 0).any():
        raise ValueError("counts must be non-negative")
    return X.astype(np.int64).tocsr(), vocab, doc_ids


def fit_topics(
    data,
    k: int,
    *,
    backend: str | None = None,
    seed: int = 0,
    vocab: Sequence[str] | None = None,
    doc_ids: Sequence[str] | None = None,
    engine: str = "local",
    master: str | None = None,
    **params: Any,
) -> TopicModel:
    """Fit LDA with ``k`` topics on document-term counts.

    Parameters
    ----------
    data : DocumentTermMatrix, sparse/dense counts (n_docs x n_terms) with ``vocab``, or counts on disk
        Counts on disk (a :class:`textlab.scale.counts.StreamedCounts`, or the path of a folder that
        :func:`textlab.scale.engines.build_counts` wrote) are fitted by the backend of counts on disk of
        ``engine`` (:data:`textlab.topics.backends.COUNTS_BACKENDS`: gensim's batch VB streamed block by block,
        :mod:`textlab.topics.backends.gensim_streamed`, backend ``"gensim-streamed"``), so a corpus larger than
        memory goes through the same call.
    k : int
        Number of topics (>= 2).
    backend : {"tomotopy", "gensim", "sklearn"}, optional
        See :mod:`textlab.topics.backends`. Default: :data:`~textlab.topics.backends.DEFAULT_BACKEND` ("tomotopy",
        collapsed Gibbs sampling) for counts in memory; counts on disk take "gensim" (streamed batch VB) only.
    seed : int, default 0
        The same inputs and seed give the same matrices.
    engine : {"local", "spark"}, default "local"
        ``"spark"``: Spark MLlib's LDA (:mod:`textlab.topics.backends.spark_lda`, backend ``"spark"``) on counts
        on disk, with ``master`` (a Spark master URL; default the running session or ``local[*]``).
    **params
        Passed to the backend's ``fit`` (e.g. ``passes`` for gensim, ``max_iter`` for scikit-learn; for counts
        on disk ``passes``, ``alpha``, ``eta``, ``chunksize``, ``n_jobs``, ``progress``...: see the backends).

    Examples
    --------
    >>> X = np.array([[4, 3, 0, 0], [5, 2, 0, 1], [0, 0, 6, 3], [0, 1, 4, 4]])
    >>> m = fit_topics(X, 2, vocab=["tsar", "court", "party", "congress"], seed=0)
    >>> m.backend, m.params["k"], sorted(sorted(ws) for ws in m.top_words(2))
    ('tomotopy', 2, [['congress', 'party'], ['court', 'tsar']])
    >>> topic = m.doc_topic.argmax(axis=1)  # the topic of each document
    >>> bool(topic[0] == topic[1] != topic[2] == topic[3])
    True
    """
    if not isinstance(k, (int, np.integer)) or k < 2:
        raise ValueError(f"k must be an integer >= 2, got {k!r}")
    check_engine(engine)
    if isinstance(data, (str, os.PathLike)):
        data = StreamedCounts(data)
    if isinstance(data, StreamedCounts):
        if backend not in (None, "gensim") or vocab is not None or doc_ids is not None:
            raise ValueError(
                "counts on disk are fitted by the streamed backends: backend='gensim', and the vocab and "
                f"doc_ids of the counts folder (got backend={backend!r}, vocab or doc_ids given)"
            )
        if data.n_docs < 2:
            raise ValueError(f"need at least 2 documents to fit topics, got {data.n_docs}")
        streamed = get_counts_backend(engine)
        topic_word, doc_topic, alpha, used = streamed.fit(data, int(k), seed=int(seed), master=master, **params)
        return TopicModel(
            vocab=data.vocab,
            topic_word=topic_word,
            doc_topic=doc_topic,
            doc_lengths=data.doc_lengths(),
            alpha=np.asarray(alpha, dtype=np.float64),
            doc_ids=data.doc_ids,
            backend=streamed.NAME,
            seed=int(seed),
            params={"k": int(k), **used},
            corpus_hash=data.matrix_hash(),
        )
    if engine != "local":
        raise TypeError(
            f"engine={engine!r} fits counts on disk: pass a textlab.scale.counts.StreamedCounts or the folder that "
            f"textlab.scale.engines.build_counts wrote, not a {type(data).__name__}"
        )
    X, vocab_arr, ids = as_counts(data, vocab, doc_ids)
    if X.shape[0] < 2:
        raise ValueError(f"need at least 2 documents to fit topics, got {X.shape[0]}")
    adapter = get_backend(DEFAULT_BACKEND if backend is None else backend)
    topic_word, doc_topic, alpha, used = adapter.fit(X, int(k), seed=int(seed), **params)
    return TopicModel(
        vocab=vocab_arr,
        topic_word=topic_word,
        doc_topic=doc_topic,
        doc_lengths=np.asarray(X.sum(axis=1)).ravel().astype(np.int64),
        alpha=alpha,
        doc_ids=ids,
        backend=adapter.NAME,
        seed=int(seed),
        params={"k": int(k), **used},
        corpus_hash=matrix_hash(X, vocab_arr, ids),
    )


# --------------------------------------------------------------------------- held-out perplexity


def heldout_mask(n_docs: int, *, share: float = 0.1, seed: int = 0) -> np.ndarray:
    """Boolean (n_docs,): a seeded random ``share`` of documents held out of fitting.

    >>> int(heldout_mask(10, share=0.2, seed=1).sum())
    2
    """
    if not 0 < share < 1:
        raise ValueError(f"share must be in (0, 1), got {share}")
    n_out = max(1, int(round(share * n_docs)))
    mask = np.zeros(n_docs, dtype=bool)
    mask[np.random.default_rng(seed).choice(n_docs, size=n_out, replace=False)] = True
    return mask


def perplexity(model: TopicModel, X_heldout, *, seed: int = 0, iterations: int = 100) -> float:
    """Held-out perplexity by document completion (Wallach et al. 2009), the same for every backend.

    Each held-out document's tokens are split at random in two halves (seeded);
    its topic shares are folded in on the first half (:func:`fold_in`, topics
    fixed) and the second half is scored: ``exp(-sum log p(w) / n_tokens)``.
    Lower is better. ``X_heldout`` must use the model's vocabulary.

    Examples
    --------
    Held-out documents that keep to one topic's words are predicted better than one that mixes the topics:

    >>> phi = np.array([[0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5]])
    >>> m = TopicModel(vocab=np.array(["tsar", "court", "party", "congress"]), topic_word=phi,
    ...                doc_topic=np.full((2, 2), 0.5), doc_lengths=np.array([8, 12]), alpha=np.array([0.1, 0.1]),
    ...                doc_ids=np.array(["a", "b"]), backend="sklearn", seed=0)
    >>> round(perplexity(m, np.array([[4, 4, 0, 0], [0, 0, 6, 6]])), 2)
    2.08
    >>> round(perplexity(m, np.array([[4, 4, 0, 0], [0, 1, 5, 6]])), 2)
    2.73
    """
    X = sp.csr_matrix(X_heldout).astype(np.int64)
    if X.shape[1] != model.topic_word.shape[1]:
        raise ValueError(f"X_heldout has {X.shape[1]} columns but the model has {model.topic_word.shape[1]} terms")
    rng = np.random.default_rng(seed)
    first = X.copy()
    first.data = rng.binomial(X.data, 0.5)
    second = (X - first).tocsr()
    second.eliminate_zeros()
    theta = fold_in(model.topic_word, first, model.alpha, iterations=iterations)
    rows = np.repeat(np.arange(second.shape[0]), np.diff(second.indptr))
    p = np.einsum("ik,ki->i", theta[rows], model.topic_word[:, second.indices])
    n = second.data.sum()
    if n == 0:
        raise ValueError("the held-out documents have no tokens to score")
    return float(np.exp(-(second.data * np.log(np.maximum(p, 1e-300))).sum() / n))


# --------------------------------------------------------------------------- new documents


def counts_in_vocab(texts: Sequence[str], tokenizer: Tokenizer, vocab: Sequence[str] | np.ndarray) -> sp.csr_matrix:
    """Counts of ``vocab``'s terms in ``texts`` with a fitted ``tokenizer``: new documents for :func:`fold_in`.

    Tokens outside ``vocab`` are not counted, as the model never saw them.

    >>> X = counts_in_vocab(["the plan and the plan", "a party"], Tokenizer(phrases=False), ["party", "plan"])
    >>> X.toarray().tolist()
    [[0, 2], [1, 0]]
    """
    if isinstance(texts, str):
        raise TypeError("texts must be a sequence of str, not a str")
    index = {w: j for j, w in enumerate(vocab)}
    rows, cols = [], []
    for i, t in enumerate(texts):
        for tok in tokenizer(t):
            j = index.get(tok)
            if j is not None:
                rows.append(i)
                cols.append(j)
    X = sp.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=(len(texts), len(vocab)))
    X.sum_duplicates()
    return X
