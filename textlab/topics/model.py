"""Topic models: chunked documents, one fitted-model value for every backend, held-out perplexity, sweeps over K.

Data flow: corpus rows -> :func:`chunk_rows` (chunks of a fixed number of
words, each with its row's metadata) -> :func:`chunk_dtm` (counts) ->
:func:`fit_topics` (a :class:`TopicModel`, whatever the backend) ->
statistics on its plain arrays (:mod:`textlab.topics.coherence`,
:mod:`textlab.topics.stats`). :func:`sweep` fits many K and seeds, caches every
fit on disk and tabulates coherence, held-out perplexity and stability.

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

import concurrent.futures as cf
import hashlib
import io
import json
import logging
import multiprocessing
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from textlab.core import paths
from textlab.core.io import atomic_write_bytes
from textlab.features.dtm import DocumentTermMatrix, DTMVectorizer
from textlab.features.tokenize import Tokenizer
from textlab.scale.counts import StreamedCounts
from textlab.scale.engines import check_engine
from textlab.topics.backends import get_backend, get_counts_backend

log = logging.getLogger(__name__)

__all__ = [
    "chunk_rows",
    "corpus_chunks",
    "chunk_dtm",
    "matrix_hash",
    "TopicModel",
    "fit_topics",
    "fold_in",
    "heldout_mask",
    "perplexity",
    "Sweep",
    "sweep",
    "suggest_k",
    "chosen_k",
    "corpus_chunk_dtm",
    "corpus_sweep",
    "corpus_models",
    "corpus_model",
    "load_corpus_topic_names",
    "counts_in_vocab",
    "corpus_quotation_prevalence",
    "known_share",
    "corpus_topics",
    "corpus_prevalence",
    "corpus_prevalence_difference",
]

FORMAT_VERSION = 1


# --------------------------------------------------------------------------- documents for modelling


def chunk_rows(rows: pd.DataFrame, *, size: int = 500, min_words: int = 100, text_column: str = "text") -> pd.DataFrame:
    """Cut each row's text into chunks of ``size`` words, so that long and short texts weigh alike.

    A remainder shorter than ``min_words`` joins the row's previous chunk; a
    row shorter than ``min_words`` is left out (logged). Every chunk keeps its
    row's metadata and gets ``chunk`` (its number within the row), ``chunk_id``
    (``"<doc_id>#<chunk>"``) and ``n_words`` (the chunk's words, in place of the row's).

    Parameters
    ----------
    rows : pandas.DataFrame
        Corpus rows with ``doc_id`` and ``text_column``.
    size : int, default 500
        Words (whitespace-separated) per chunk.
    min_words : int, default 100

    Returns
    -------
    pandas.DataFrame, one row per chunk, in row order then chunk order.

    Examples
    --------
    >>> rows = pd.DataFrame({"doc_id": ["a", "b"], "author": ["X", "Y"],
    ...                      "text": [" ".join(["w"] * 1150), "short text"]})
    >>> c = chunk_rows(rows, size=500, min_words=200)
    >>> c[["chunk_id", "author", "n_words"]].values.tolist()
    [['a#0', 'X', 500], ['a#1', 'X', 650]]
    """
    if not isinstance(rows, pd.DataFrame):
        raise TypeError(f"rows must be a pandas DataFrame, got {type(rows).__name__}")
    for col in ("doc_id", text_column):
        if col not in rows.columns:
            raise KeyError(f"rows has no column {col!r}; columns are {list(rows.columns)}")
    if size < 1 or min_words < 1:
        raise ValueError(f"size and min_words must be >= 1, got size={size}, min_words={min_words}")
    out: list[dict[str, Any]] = []
    dropped = dropped_words = 0
    meta_cols = [c for c in rows.columns if c not in (text_column, "chunk", "chunk_id", "n_words")]
    for rec in rows.to_dict("records"):
        words = str(rec[text_column]).split()
        if len(words) < min_words:
            dropped += 1
            dropped_words += len(words)
            continue
        starts = list(range(0, len(words), size))
        if len(starts) > 1 and len(words) - starts[-1] < min_words:
            starts.pop()
        for i, s in enumerate(starts):
            e = starts[i + 1] if i + 1 < len(starts) else len(words)
            piece = {c: rec[c] for c in meta_cols}
            piece.update(chunk=i, chunk_id=f"{rec['doc_id']}#{i}", n_words=e - s, text=" ".join(words[s:e]))
            out.append(piece)
    if dropped:
        log.info("chunks: %d rows under %d words left out (%d words)", dropped, min_words, dropped_words)
    cols = meta_cols + ["chunk", "chunk_id", "n_words", text_column]
    return pd.DataFrame(out, columns=cols)


def corpus_chunks(
    corpus,
    *,
    size: int = 500,
    min_words: int = 100,
    kinds: Sequence[str] = ("primary",),
    quotations_of: Sequence[str] = (),
    quotations: str = "drop",
) -> pd.DataFrame:
    """Chunks of a corpus's comparison rows (:func:`~textlab.features.dtm.comparison_rows`: who speaks; ``group``).

    ``quotations`` as in :func:`~textlab.features.dtm.corpus_dtm`: ``"drop"`` (default) leaves block quotations out and
    cuts quoted spans out of the rows (inline quotations and passages reused from older texts of other authors),
    ``"rows"`` only leaves block quotation rows out, ``"keep"`` keeps them and puts block quotations back.

    Examples
    --------
    The example corpus has 12 rows of about 1,000 words (its block quotation row stays out):

    >>> from textlab.corpus.examples import example_corpus
    >>> chunks = corpus_chunks(example_corpus(), size=500)
    >>> len(chunks), chunks["chunk_id"].tolist()[:3], chunks.groupby("group").size().to_dict()
    (24, ['adams_1-00001#0', 'adams_1-00001#1', 'adams_2-00001#0'], {'A. Adams': 8, 'B. Brown': 8, 'C. Clark': 8})
    """
    from textlab.features.rows import corpus_rows

    rows = corpus_rows(corpus, kinds=kinds, quotations_of=quotations_of, quotations=quotations)
    return chunk_rows(rows, size=size, min_words=min_words)


def chunk_dtm(
    chunks: pd.DataFrame,
    *,
    min_df: int | float = 5,
    max_df: int | float = 0.5,
    tokenizer: Tokenizer | None = None,
) -> DocumentTermMatrix:
    """Counts of the chunks (default tokenizer, phrases learned on the chunks).

    ``min_df=5`` drops words too rare to shape a topic; ``max_df=0.5`` drops
    words in more than half the chunks, which every topic would share.

    Examples
    --------
    >>> chunks = pd.DataFrame({"doc_id": list("abcd"), "text": ["party congress", "party union", "tsar court", "tsar"]})
    >>> m = chunk_dtm(chunks, min_df=2, max_df=0.5, tokenizer=Tokenizer(phrases=False))
    >>> m.vocab.tolist(), m.X.toarray().tolist()
    (['party', 'tsar'], [[1, 0], [1, 0], [0, 1], [0, 1]])
    """
    return DTMVectorizer(tokenizer=tokenizer, min_df=min_df, max_df=max_df).fit_transform(chunks)


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


# --------------------------------------------------------------------------- the fitted model


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
        """The ``n`` most probable words of each topic."""
        idx = np.argsort(-self.topic_word, axis=1, kind="stable")[:, :n]
        return [[str(self.vocab[j]) for j in row] for row in idx]

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


def _as_counts(data, vocab, doc_ids) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
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
    backend: str = "gensim",
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
    backend : {"gensim", "sklearn", "tomotopy"}, default "gensim"
        See :mod:`textlab.topics.backends`. Counts on disk take "gensim" (streamed batch VB) only.
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
    ('gensim', 2, [['congress', 'party'], ['court', 'tsar']])
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
        if backend != "gensim" or vocab is not None or doc_ids is not None:
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
    X, vocab_arr, ids = _as_counts(data, vocab, doc_ids)
    if X.shape[0] < 2:
        raise ValueError(f"need at least 2 documents to fit topics, got {X.shape[0]}")
    adapter = get_backend(backend)
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


def fold_in(topic_word: np.ndarray, X, alpha: np.ndarray, *, iterations: int = 100, tol: float = 1e-6) -> np.ndarray:
    """Topic shares of new documents with the topics held fixed.

    The fixed point of ``theta_d ∝ alpha + sum_w n_dw r_dwk`` with
    ``r_dwk ∝ theta_dk phi_kw``: the posterior mean of the shares given the
    topics (the update of the variational E-step, with means in place of
    ``exp(digamma)``). The prior keeps a topic unseen in a short document from
    getting a share of exactly 0, as the backends' own inference does.

    Parameters
    ----------
    topic_word : (K, V) ; X : (N, V) counts ; alpha : (K,)

    Returns
    -------
    numpy.ndarray (N, K), rows sum to 1.

    >>> phi = np.array([[0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5]])
    >>> fold_in(phi, np.array([[3, 1, 0, 0]]), np.array([0.01, 0.01])).round(4).tolist()  # (4.01, 0.01) / 4.02
    [[0.9975, 0.0025]]
    """
    phi = np.asarray(topic_word, dtype=np.float64)
    X = sp.csr_matrix(X, dtype=np.float64)
    if X.shape[1] != phi.shape[1]:
        raise ValueError(f"X has {X.shape[1]} columns but topic_word has {phi.shape[1]}")
    alpha = np.asarray(alpha, dtype=np.float64)
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    cols = X.indices
    theta = np.full((X.shape[0], phi.shape[0]), 1.0 / phi.shape[0])
    for _ in range(iterations):
        denom = np.einsum("ik,ki->i", theta[rows], phi[:, cols])
        S = sp.csr_matrix((X.data / np.maximum(denom, 1e-300), cols, X.indptr), shape=X.shape)
        new = theta * (S @ phi.T) + alpha
        new /= np.maximum(new.sum(axis=1, keepdims=True), 1e-300)
        done = np.abs(new - theta).max() < tol
        theta = new
        if done:
            break
    empty = np.asarray(X.sum(axis=1)).ravel() == 0
    theta[empty] = alpha / alpha.sum()
    return theta


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


# --------------------------------------------------------------------------- sweeps over K and seeds


@dataclass
class Sweep:
    """The result of :func:`sweep`.

    Attributes
    ----------
    runs : pandas.DataFrame
        One row per (k, seed): ``npmi``, ``umass`` (mean over topics), ``perplexity`` (held-out),
        ``stability`` (mean similarity of the run's topics to their matches in the other seeds' runs),
        ``stable_share`` (share of its topics that come back in at least half the other runs).
    by_k : pandas.DataFrame
        Per k: means over seeds, and the spread (``*_sd``).
    models : dict
        (k, seed) -> :class:`TopicModel` fitted on the training documents.
    heldout : numpy.ndarray of bool
        Documents left out of every fit.

    Examples
    --------
    >>> X = sp.csr_matrix(np.array([[0, 3, 0, 4], [1, 2, 0, 5], [0, 4, 1, 3], [0, 4, 0, 4],
    ...                             [3, 0, 6, 0], [4, 1, 4, 0], [5, 0, 3, 1], [4, 0, 4, 0]]))
    >>> m = DocumentTermMatrix(X, np.array(["congress", "court", "party", "tsar"]),
    ...                        pd.DataFrame({"doc_id": list("abcdefgh")}))
    >>> sw = sweep(m, ks=(2,), seeds=(0, 1), holdout=0.25, top_n=2, cache_dir=None, n_jobs=1, progress=False)
    >>> sw.runs[["k", "seed"]].values.tolist(), sorted(sw.models), int(sw.heldout.sum())
    ([[2, 0], [2, 1]], [(2, 0), (2, 1)], 2)
    """

    runs: pd.DataFrame
    by_k: pd.DataFrame
    models: dict
    heldout: np.ndarray


def _effective_params(backend: str, params: dict) -> dict:
    """The settings a fit really uses: the backend's defaults updated with ``params``, and the library's version.

    A cached fit is found again only with the same settings, so changing a backend's default or
    upgrading its library refits instead of loading a model made another way.
    """
    import importlib.metadata
    import inspect

    adapter = get_backend(backend)
    sig = inspect.signature(adapter.fit)
    unknown = set(params) - set(sig.parameters)
    if unknown:
        raise TypeError(
            f"backend {backend!r} takes no parameter(s) {sorted(unknown)}; it takes "
            f"{sorted(p for p in sig.parameters if p not in ('X', 'k', 'seed'))}"
        )
    out = {n: p.default for n, p in sig.parameters.items() if p.kind is p.KEYWORD_ONLY and n != "seed"}
    out.update(params)
    dist = {"gensim": "gensim", "sklearn": "scikit-learn", "tomotopy": "tomotopy"}.get(backend, backend)
    try:
        out["_version"] = importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        out["_version"] = None
    return out


def _cache_key(corpus_hash: str, backend: str, k: int, seed: int, params: dict) -> str:
    blob = json.dumps(
        {
            "corpus": corpus_hash,
            "backend": backend,
            "k": k,
            "seed": seed,
            "params": _effective_params(backend, params),
            "format": FORMAT_VERSION,
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


def _fit_one(job: tuple) -> TopicModel:
    X, vocab, ids, k, backend, seed, params, path = job
    if path is not None and Path(path).exists():
        try:
            return TopicModel.load(path)
        except ValueError as e:  # a damaged cache file is refitted, not trusted
            log.warning("refitting: %s", e)
    model = fit_topics(X, k, backend=backend, seed=seed, vocab=vocab, doc_ids=ids, **params)
    if path is not None:
        model.save(path)
    return model


def _run_jobs(jobs: list[tuple], *, n_jobs: int, progress: bool, desc: str) -> dict[tuple[int, int], TopicModel]:
    """Run :func:`_fit_one` jobs (cached ones are loaded), in ``n_jobs`` processes; -> (k, seed) -> model."""
    from tqdm.auto import tqdm

    cached = sum(1 for j in jobs if j[-1] is not None and Path(j[-1]).exists())
    log.info("%s: %d fits, %d of them cached", desc, len(jobs), cached)
    models: dict[tuple[int, int], TopicModel] = {}
    with tqdm(total=len(jobs), desc=desc, disable=not progress) as bar:
        if n_jobs > 1 and len(jobs) - cached > 1:
            ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
            with cf.ProcessPoolExecutor(max_workers=n_jobs, mp_context=ctx) as pool:
                futures = {pool.submit(_fit_one, j): (j[3], j[5]) for j in jobs}
                for fut in cf.as_completed(futures):
                    models[futures[fut]] = fut.result()
                    bar.update()
        else:
            for j in jobs:
                models[(j[3], j[5])] = _fit_one(j)
                bar.update()
    return dict(sorted(models.items()))


def _cache_path(cache_dir, X, vocab, ids, backend: str, k: int, seed: int, params: dict, tag: str = "") -> Path | None:
    if cache_dir is None:
        return None
    folder = paths.PROCESSED / "topics" if cache_dir == "default" else Path(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    key = _cache_key(matrix_hash(X, vocab, ids), backend, k, seed, params)
    return folder / f"{backend}-k{k}-s{seed}{tag}-{key}.npz"


def sweep(
    data: DocumentTermMatrix,
    *,
    ks: Sequence[int] = (5, 10, 15, 20, 25, 30, 40),
    seeds: Sequence[int] = (0, 1, 2),
    backend: str = "gensim",
    holdout: float = 0.1,
    split_seed: int = 0,
    top_n: int = 10,
    cache_dir: str | os.PathLike | None = "default",
    n_jobs: int = 2,
    progress: bool = True,
    **params: Any,
) -> Sweep:
    """Fit every (k, seed) on the same training documents; coherence, held-out perplexity and stability per run.

    Coherence (NPMI and UMass over each topic's ``top_n`` words) uses the
    co-occurrence of all the documents, counted once
    (:class:`textlab.topics.coherence.Cooccurrence`) and reused for every run.
    Stability aligns each run's topics with those of the other seeds at the
    same k (:func:`textlab.topics.stats.topic_stability`). Each fit is cached
    in ``cache_dir`` (default ``data/processed/topics``; ``None``: no cache)
    under a key of the counts' hash, the backend, k, seed and ``params``, so a
    second sweep with the same inputs fits nothing. ``n_jobs`` fits run in
    parallel processes; each fit is single-threaded and seeded, so results do
    not depend on ``n_jobs``.

    Examples
    --------
    The example corpus's three authors write about three subjects; nothing is cached (``cache_dir=None``):

    >>> from textlab.corpus.examples import example_corpus
    >>> m = chunk_dtm(corpus_chunks(example_corpus()))
    >>> sw = sweep(m, ks=(2, 3), seeds=(0, 1), cache_dir=None, n_jobs=1, progress=False)
    >>> sw.by_k["k"].tolist(), sorted(sw.models), int(sw.heldout.sum()), suggest_k(sw.by_k)
    ([2, 3], [(2, 0), (2, 1), (3, 0), (3, 1)], 2, 3)
    """
    from textlab.topics import coherence
    from textlab.topics import stats as topic_stats

    if not isinstance(data, DocumentTermMatrix):
        raise TypeError(
            f"data must be a DocumentTermMatrix (textlab.topics.model.chunk_dtm), got {type(data).__name__}"
        )
    ks = [int(k) for k in ks]
    seeds = [int(s) for s in seeds]
    if not ks or not seeds or min(ks) < 2:
        raise ValueError(f"ks (each >= 2) and seeds must be non-empty, got ks={ks}, seeds={seeds}")
    X, vocab, ids = _as_counts(data, None, None)
    mask = heldout_mask(X.shape[0], share=holdout, seed=split_seed)
    Xtr, Xte, ids_tr = X[~mask], X[mask], ids[~mask]
    jobs = [
        (Xtr, vocab, ids_tr, k, backend, s, params, _cache_path(cache_dir, Xtr, vocab, ids_tr, backend, k, s, params))
        for k in ks
        for s in seeds
    ]
    log.info(
        "sweep: %d fits of %s on %d training documents, %d held out", len(jobs), backend, Xtr.shape[0], Xte.shape[0]
    )
    models = _run_jobs(jobs, n_jobs=n_jobs, progress=progress, desc=f"fitting {backend} LDA")
    cooc = coherence.Cooccurrence(X, vocab)
    rows = []
    for k in ks:
        for s in seeds:
            m = models[(k, s)]
            others = [models[(k, o)].topic_word for o in seeds if o != s]
            stab = topic_stats.model_stability(m.topic_word, others) if others else np.nan
            share = float(topic_stats.topic_stability(m.topic_word, others)["stable"].mean()) if others else np.nan
            rows.append(
                {
                    "k": k,
                    "seed": s,
                    "stable_share": share,
                    "npmi": float(np.mean(coherence.topic_coherence(m.topic_word, cooc, measure="npmi", top_n=top_n))),
                    "umass": float(
                        np.mean(coherence.topic_coherence(m.topic_word, cooc, measure="umass", top_n=top_n))
                    ),
                    "perplexity": perplexity(m, Xte, seed=split_seed),
                    "stability": stab,
                }
            )
    runs = pd.DataFrame(rows)
    agg = runs.groupby("k")[["npmi", "umass", "perplexity", "stability", "stable_share"]]
    by_k = agg.mean().join(agg.std(ddof=1).add_suffix("_sd")).reset_index()
    return Sweep(runs=runs, by_k=by_k, models=models, heldout=mask)


# --------------------------------------------------------------------------- the bundled corpus's models

#: Seeds of the sweep; the corpus model is the first seed's fit on every chunk.
DEFAULT_SEEDS = (0, 1, 2)
#: K values of the sweep in notebook 03.
DEFAULT_KS = (5, 10, 15, 20, 25, 30, 40)

_MEMO: dict[tuple, Any] = {}


def _memo(key: tuple, make):
    if key not in _MEMO:
        while len(_MEMO) >= 8:  # bounded memory
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = make()
    return _MEMO[key]


def corpus_chunk_dtm(
    corpus, *, size: int = 500, min_df: int | float = 5, max_df: int | float = 0.5, quotations: str = "drop"
) -> tuple[pd.DataFrame, DocumentTermMatrix]:
    """Chunks of a corpus's comparison rows (:func:`corpus_chunks`) and their counts (kept in memory).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> chunks, m = corpus_chunk_dtm(example_corpus())
    >>> len(chunks), m.X.shape, m.vocab[:3].tolist()
    (24, (24, 33), ['army', 'congress', 'cooperative'])
    """

    def make():
        chunks = corpus_chunks(corpus, size=size, quotations=quotations)
        return chunks, chunk_dtm(chunks, min_df=min_df, max_df=max_df)

    return _memo(("chunks", corpus.hash, size, min_df, max_df, quotations), make)


def corpus_sweep(
    corpus,
    *,
    ks: Sequence[int] = DEFAULT_KS,
    seeds: Sequence[int] = DEFAULT_SEEDS,
    backend: str = "gensim",
    size: int = 500,
    quotations: str = "drop",
    progress: bool = False,
    **params: Any,
) -> Sweep:
    """:func:`sweep` over a corpus's chunks (:func:`corpus_chunk_dtm`); fits are cached on disk.

    Examples
    --------
    Keywords of :func:`sweep` are passed on: here nothing is cached (``cache_dir=None``), in this process:

    >>> from textlab.corpus.examples import example_corpus
    >>> sw = corpus_sweep(example_corpus(), ks=(2, 3), seeds=(0, 1), cache_dir=None, n_jobs=1)
    >>> sw.runs[["k", "seed"]].values.tolist(), suggest_k(sw.by_k)
    ([[2, 0], [2, 1], [3, 0], [3, 1]], 3)
    """
    _, m = corpus_chunk_dtm(corpus, size=size, quotations=quotations)
    key = ("sweep", corpus.hash, tuple(ks), tuple(seeds), backend, size, quotations, json.dumps(params, sort_keys=True))
    return _memo(key, lambda: sweep(m, ks=ks, seeds=seeds, backend=backend, progress=progress, **params))


def suggest_k(by_k: pd.DataFrame, *, tolerance: float = 0.01) -> int:
    """The K a sweep supports: among the K whose held-out perplexity is within reach of the best,
    the one whose topics most often come back (``stable_share``); ties go to the higher mean NPMI,
    then to the smaller K.

    Within reach means no more than the best perplexity plus the larger of
    ``tolerance`` (a share of it) and the spread over seeds at the best K
    (``perplexity_sd``, when the table has it): perplexities closer than the
    seeds' own spread are not told apart, so a change of one seed's fit cannot
    move the choice from one K to another.

    Perplexity alone keeps rising in K long after the topics stop being
    reproducible; stability alone prefers the fewest topics. The rule takes
    the models that predict held-out text about as well as any, and of those
    the most reproducible.

    >>> t = pd.DataFrame({"k": [5, 10, 15], "perplexity": [120.0, 100.5, 100.0],
    ...                   "stable_share": [1.0, 0.8, 0.6], "npmi": [0.1, 0.1, 0.1]})
    >>> suggest_k(t)
    10
    >>> suggest_k(t.assign(perplexity_sd=[1.0, 1.0, 25.0]))  # seeds spread more than K=5's gap
    5
    """
    need = {"k", "perplexity", "stable_share", "npmi"}
    if not isinstance(by_k, pd.DataFrame) or not need <= set(by_k.columns):
        raise ValueError(f"by_k must be Sweep.by_k, a DataFrame with columns {sorted(need)}")
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be a share in [0, 1), got {tolerance!r}")
    best = by_k.iloc[int(np.argmin(by_k["perplexity"].to_numpy()))]
    spread = (
        float(best["perplexity_sd"]) if "perplexity_sd" in by_k.columns and pd.notna(best.get("perplexity_sd")) else 0.0
    )
    ok = by_k[by_k["perplexity"] <= best["perplexity"] + max(tolerance * best["perplexity"], spread)]
    ranked = ok.sort_values(["stable_share", "npmi", "k"], ascending=[False, False, True], kind="stable")
    return int(ranked["k"].iloc[0])


def chosen_k(corpus, *, quotations: str = "drop") -> int:
    """:func:`suggest_k` of the corpus's default sweep (:func:`corpus_sweep`): the K of the corpus model.

    Examples
    --------
    The default sweep (K from 5 to 40, three seeds) is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> chosen_k(example_corpus())  # doctest: +SKIP
    5
    """
    return suggest_k(corpus_sweep(corpus, quotations=quotations).by_k)


def corpus_models(
    corpus,
    *,
    k: int | None = None,
    seeds: Sequence[int] = (0, 1, 2, 3, 4),
    backend: str = "gensim",
    quotations: str = "drop",
    size: int = 500,
    cache_dir: str | os.PathLike | None = "default",
    n_jobs: int = 2,
    progress: bool = False,
    **params: Any,
) -> list[TopicModel]:
    """Models of a corpus's chunks (all of them) with ``k`` topics, one per seed, in seed order.

    The first is the corpus model (:func:`corpus_model`); the others show which of its topics
    come back (:func:`textlab.topics.stats.topic_stability`). ``k=None``: :func:`chosen_k`.
    Cached on disk and in memory.

    Examples
    --------
    Two seeds find the same three topics (``cache_dir=None``: nothing is written):

    >>> from textlab.corpus.examples import example_corpus
    >>> models = corpus_models(example_corpus(), k=3, seeds=(0, 1), cache_dir=None, n_jobs=1)
    >>> [m.seed for m in models], len({frozenset(ws) for m in models for ws in m.top_words(3)})
    ([0, 1], 3)
    """
    _, m = corpus_chunk_dtm(corpus, size=size, quotations=quotations)
    k = chosen_k(corpus, quotations=quotations) if k is None else int(k)

    def make() -> list[TopicModel]:
        X, vocab, ids = _as_counts(m, None, None)
        jobs = [
            (X, vocab, ids, k, backend, s, params, _cache_path(cache_dir, X, vocab, ids, backend, k, s, params, "-all"))
            for s in seeds
        ]
        fitted = _run_jobs(jobs, n_jobs=n_jobs, progress=progress, desc=f"fitting {backend} LDA, k={k}")
        return [fitted[(k, s)] for s in seeds]

    key = (
        "models",
        corpus.hash,
        k,
        tuple(seeds),
        backend,
        size,
        quotations,
        json.dumps(params, sort_keys=True),
        str(cache_dir),
    )
    return _memo(key, make)


def corpus_model(
    corpus,
    *,
    k: int | None = None,
    seed: int = 0,
    backend: str = "gensim",
    size: int = 500,
    quotations: str = "drop",
    cache_dir: str | os.PathLike | None = "default",
    **params: Any,
) -> tuple[pd.DataFrame, DocumentTermMatrix, TopicModel]:
    """The corpus's topic model on every chunk: ``(chunks, dtm, model)``, rows aligned (cached on disk, in memory).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> chunks, m, model = corpus_model(example_corpus(), k=3, cache_dir=None)
    >>> model.doc_topic.shape, sorted(sorted(ws) for ws in model.top_words(3))
    ((24, 3), [['army', 'defense', 'soldier'], ['congress', 'program', 'union'], ['cooperative', 'market', 'tax']])
    >>> chunks.assign(topic=model.doc_topic.argmax(axis=1)).groupby("group")["topic"].nunique().tolist()
    [1, 1, 1]
    """
    chunks, m = corpus_chunk_dtm(corpus, size=size, quotations=quotations)
    k = chosen_k(corpus, quotations=quotations) if k is None else int(k)
    model = corpus_models(
        corpus, k=k, seeds=(seed,), backend=backend, size=size, quotations=quotations, cache_dir=cache_dir, **params
    )[0]
    return chunks, m, model


def load_corpus_topic_names(
    path: str | os.PathLike | None = None, *, k: int, seed: int = 0, backend: str = "gensim", quotations: str = "drop"
) -> dict[int, str]:
    """Names a reader gave the corpus model's topics: the editable ``data/topic_names.csv``.

    Columns ``k,seed,backend,topic,name``, and optionally ``quotations`` (the
    selection the model was fitted on; a table without the column means
    ``"rows"``) and ``top_words`` (the topic's top words by relevance when it
    was named, space-separated: :func:`corpus_topics` applies a name only while
    at least :data:`NAME_MIN_WORDS` of them are among its top 10). Only the rows of the model asked for count, so names
    written for one model never land on another's topics.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = Path(d) / "topic_names.csv"
    ...     _ = path.write_text("k,seed,backend,topic,name,quotations\\n3,0,gensim,0,farming,drop\\n"
    ...                         "3,0,gensim,2,war,drop\\n5,0,gensim,0,other,drop\\n", encoding="utf-8")
    ...     names = load_corpus_topic_names(path, k=3), load_corpus_topic_names(path, k=3, quotations="rows")
    >>> names
    ({0: 'farming', 2: 'war'}, {})
    """
    return {
        t: name
        for t, (name, _) in _topic_name_rows(path, k=k, seed=seed, backend=backend, quotations=quotations).items()
    }


def _topic_name_rows(
    path: str | os.PathLike | None, *, k: int, seed: int, backend: str, quotations: str
) -> dict[int, tuple[str, tuple[str, ...]]]:
    p = Path(path) if path is not None else paths.DATA / "topic_names.csv"
    if not p.exists():
        return {}
    t = pd.read_csv(p, dtype=str, keep_default_na=False)
    need = {"k", "seed", "backend", "topic", "name"}
    if not need <= set(t.columns):
        raise ValueError(f"{p}: needs columns {sorted(need)}, has {list(t.columns)}")
    out: dict[int, tuple[str, tuple[str, ...]]] = {}
    for i, r in enumerate(t.to_dict("records"), start=2):
        try:
            rk, rs, rt = int(r["k"]), int(r["seed"]), int(r["topic"])
        except ValueError as e:
            raise ValueError(f"{p} line {i}: k, seed and topic must be integers ({e})") from e
        rq = r.get("quotations", "") or "rows"
        if rq not in ("rows", "drop", "keep"):
            raise ValueError(f"{p} line {i}: quotations must be rows, drop or keep, got {rq!r}")
        if (rk, rs, r["backend"], rq) != (k, seed, backend, quotations):
            continue
        if rt in out:
            raise ValueError(f"{p} line {i}: topic {rt} of k={k}, seed={seed}, {backend} is named twice")
        if not 0 <= rt < k:
            raise ValueError(f"{p} line {i}: topic {rt} is out of range for k={k}")
        out[rt] = (r["name"].strip(), tuple(r.get("top_words", "").split()))
    return out


#: A name from the names table stays on its topic while this many of the words it was named by
#: are among the topic's 10 top words by relevance (lambda 0.6).
NAME_MIN_WORDS = 3


def known_share(words: Sequence[str], english: frozenset | None = None) -> float:
    """Share of ``words`` that the English lexicon knows: a topic of OCR fragments ("tio ill ith") scores low.

    A phrase or hyphenated word is known when each part is (or is a number).

    >>> known_share(["united_front", "five-year_plan", "tio", "ith"])
    0.5
    """
    from textlab.text.lexicon import english_words

    E = english_words() if english is None else english
    if not words:
        raise ValueError("words is empty")
    ok = [all(p in E or p.isdigit() for p in re.split(r"[_\-']", w.lower()) if p) for w in words]
    return sum(ok) / len(ok)


def corpus_topics(
    corpus,
    *,
    k: int | None = None,
    seed: int = 0,
    backend: str = "gensim",
    n_words: int = 8,
    quotations: str = "drop",
    stability_seeds: Sequence[int] = (1, 2, 3, 4),
    names: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """One row per topic of the corpus model: name, flagged label, top words, coherence, stability, prevalence.

    Columns: ``topic``, ``name`` (from ``data/topic_names.csv``, else its top 3 words by relevance),
    ``named`` (True where the name comes from the table),
    ``label`` (the name, with "† " when the topic does not come back), ``prob``,
    ``relevance`` (lambda 0.6), ``frex``, ``npmi`` (top 10 words), ``recurrence``
    and ``mean_similarity`` (against fits with ``stability_seeds``), ``stable``,
    ``prevalence`` (mean share over chunks), ``known_share`` (:func:`known_share` of its
    10 most probable words: no topic should be mostly OCR fragments).

    Examples
    --------
    The model and its refits are cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> t = corpus_topics(example_corpus(), k=3)  # doctest: +SKIP
    >>> t["name"].tolist(), t["stable"].tolist()  # doctest: +SKIP
    (['cooperative / tax / market', 'program / union / congress', 'soldier / defense / army'], [True, True, True])
    """
    from textlab.topics import coherence
    from textlab.topics import stats as topic_stats

    k = chosen_k(corpus, quotations=quotations) if k is None else int(k)
    chunks, m, model = corpus_model(corpus, k=k, seed=seed, backend=backend, quotations=quotations)
    others = corpus_models(corpus, k=k, seeds=tuple(stability_seeds), backend=backend, quotations=quotations)
    term_freq = np.asarray(m.X.sum(axis=0)).ravel()
    # names from the table, for this model and selection, and only while the topic keeps the words it was named by
    given = {}
    top10 = topic_stats.top_relevant(model.topic_word, term_freq, model.vocab, n=10)
    for t, (name, words) in _topic_name_rows(names, k=k, seed=seed, backend=backend, quotations=quotations).items():
        if words and len(set(words) & set(top10[t])) < min(NAME_MIN_WORDS, len(words)):
            log.warning(
                "topic %d is no longer the topic named %r (its top words were %s, now %s): name not used",
                t,
                name,
                " ".join(words),
                " ".join(top10[t][:5]),
            )
            continue
        given[t] = name
    # a topic nobody named is called by its top 3 words by relevance (lambda 0.6): its most probable
    # words ("trotsky", "question") are shared by many topics and tell them apart badly
    auto = {
        i: " / ".join(w.replace("_", " ") for w in ws[:3])
        for i, ws in enumerate(topic_stats.top_relevant(model.topic_word, term_freq, model.vocab, n=3))
    }
    topic_names = {i: given.get(i) or auto[i] for i in range(k)}
    seen: dict[str, int] = {}
    for i in range(k):  # labels are keys of tables: two topics never share one
        seen[topic_names[i]] = seen.get(topic_names[i], 0) + 1
        if seen[topic_names[i]] > 1:
            topic_names[i] = f"{topic_names[i]} ({i})"
    labels = topic_stats.topic_labels(model.topic_word, term_freq, model.vocab, n=n_words, names=topic_names)
    labels["named"] = [bool(given.get(i)) for i in labels["topic"]]
    stab = topic_stats.topic_stability(model.topic_word, [o.topic_word for o in others])
    out = topic_stats.flag_unstable(labels, stab)
    out["npmi"] = coherence.topic_coherence(
        model.topic_word, coherence.Cooccurrence(m.X, m.vocab), measure="npmi", top_n=10
    )
    out = out.merge(stab[["topic", "recurrence", "mean_similarity"]], on="topic")
    out["prevalence"] = model.doc_topic.mean(axis=0)
    out["known_share"] = [known_share(ws) for ws in model.top_words(10)]
    return out[
        [
            "topic",
            "name",
            "named",
            "label",
            "prob",
            "relevance",
            "frex",
            "npmi",
            "recurrence",
            "mean_similarity",
            "stable",
            "prevalence",
            "known_share",
        ]
    ]


def corpus_prevalence(
    corpus,
    *,
    by: str = "group",
    k: int | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    quotations: str = "drop",
    time: str | None = None,
    min_docs: int = 1,
) -> pd.DataFrame:
    """Topic prevalence in the corpus model by a chunk column, with document-bootstrap intervals.

    The resampled unit is the corpus row (``doc_id``) a chunk was cut from, so
    the chunks of one long chapter are not counted as independent evidence; a
    group of one row (Trotsky 1928) has no interval. With ``time`` ("year" or
    "month"), prevalence by ``by`` and time (:func:`textlab.topics.stats.prevalence_over_time`).
    Every chunk weighs alike. Adds the topic ``label`` (with its stability flag).

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> p = corpus_prevalence(example_corpus(), k=3, n_boot=100)  # doctest: +SKIP
    >>> p.loc[p["group"] == "A. Adams", ["label", "prevalence"]].round(2).values.tolist()  # doctest: +SKIP
    [['cooperative / tax / market', 0.0], ['program / union / congress', 1.0], ['soldier / defense / army', 0.0]]
    """
    from textlab.topics import stats as topic_stats

    chunks, _, model = corpus_model(corpus, k=k, quotations=quotations)
    labels = corpus_topics(corpus, k=model.k, quotations=quotations).set_index("topic")["label"]
    if time is None:
        t = topic_stats.bootstrap_prevalence(
            model.doc_topic, chunks[by].to_numpy(), units=chunks["doc_id"].to_numpy(), n_boot=n_boot, seed=seed
        )
    else:
        t = topic_stats.prevalence_over_time(
            model.doc_topic, chunks, by=by, time=time, units="doc_id", n_boot=n_boot, seed=seed, min_docs=min_docs
        )
    return t.assign(label=t["topic"].map(labels))


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


def corpus_quotation_prevalence(
    corpus, group: str = "Cliff 1993", *, k: int | None = None, n_boot: int = 1000, seed: int = 0
) -> pd.DataFrame:
    """A group's topic prevalence in its own words and with its quotations of others put back, under one model.

    The corpus model (fitted with ``quotations="drop"``) is kept fixed. "Own words" are the
    group's chunks the model was fitted on; "with quotations" are the chunks of the group's
    rows as printed (inline quotations kept, block quotations put back:
    ``quotations="rows", quotations_of=[group]``). The topic shares of both are inferred
    the same way with the topics held fixed (:func:`fold_in`), so the difference is what
    the quotations add, not a difference of inference. Intervals resample corpus rows.

    Returns one row per topic: ``topic``, ``label``, ``own`` / ``own_low`` / ``own_high``,
    ``with_quotations`` / ``with_low`` / ``with_high``, ``change`` (with minus own) and
    ``change_low`` / ``change_high`` (a paired interval: the works, Cliff's chapters, are
    resampled and both sides recomputed on the same draw), ``n_own`` and ``n_with`` (chunks).

    Examples
    --------
    Clark quotes Adams; with the quotations put back, Adams's topic gains in Clark's text. The corpus model is
    cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> t = corpus_quotation_prevalence(example_corpus(), "C. Clark", k=3, n_boot=100)  # doctest: +SKIP
    >>> t[["own", "with_quotations"]].round(2).values.tolist(), t["label"].iloc[1]  # doctest: +SKIP
    ([[0.0, 0.0], [0.0, 0.11], [1.0, 0.88]], 'program / union / congress')
    """
    from textlab.topics import stats as topic_stats

    chunks, m, model = corpus_model(corpus, k=k)
    labels = corpus_topics(corpus, k=model.k).set_index("topic")["label"]
    mine = (chunks["group"] == group).to_numpy()
    if not mine.any():
        raise ValueError(f"group {group!r} has no chunks; groups are {sorted(chunks['group'].dropna().unique())}")
    # both sides inferred the same way (fold_in), so the difference is the text's, not the inference's
    own = fold_in(model.topic_word, m.X[mine], model.alpha)
    printed = corpus_chunks(corpus, quotations="rows", quotations_of=[group])
    printed = printed[printed["group"] == group].reset_index(drop=True)
    if m.tokenizer is None:
        raise ValueError("the corpus chunks' counts carry no tokenizer")
    theta = fold_in(model.topic_word, counts_in_vocab(printed["text"].tolist(), m.tokenizer, model.vocab), model.alpha)
    a = topic_stats.bootstrap_prevalence(
        own,
        np.array([group] * len(own)),
        units=chunks.loc[chunks["group"] == group, "doc_id"].to_numpy(),
        n_boot=n_boot,
        seed=seed,
    )
    b = topic_stats.bootstrap_prevalence(
        theta, np.array([group] * len(theta)), units=printed["doc_id"].to_numpy(), n_boot=n_boot, seed=seed
    )
    out = pd.DataFrame({"topic": np.arange(model.k)})
    out["label"] = out["topic"].map(labels)
    out["own"], out["own_low"], out["own_high"] = a["prevalence"].to_numpy(), a["low"].to_numpy(), a["high"].to_numpy()
    out["with_quotations"], out["with_low"], out["with_high"] = (
        b["prevalence"].to_numpy(),
        b["low"].to_numpy(),
        b["high"].to_numpy(),
    )
    out["change"] = out["with_quotations"] - out["own"]
    out["change_low"], out["change_high"] = _paired_change_interval(
        own, chunks.loc[mine, "work"].to_numpy(), theta, printed["work"].to_numpy(), n_boot=n_boot, seed=seed
    )
    out["n_own"], out["n_with"] = len(own), len(theta)
    return out


def _paired_change_interval(
    a: np.ndarray, units_a: np.ndarray, b: np.ndarray, units_b: np.ndarray, *, n_boot: int, seed: int, ci: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of mean(b) - mean(a) per column, resampling the units (works) both sides share."""
    units = np.array(sorted(set(units_a) | set(units_b)), dtype=object)
    ia = {u: np.flatnonzero(units_a == u) for u in units}
    ib = {u: np.flatnonzero(units_b == u) for u in units}
    rng = np.random.default_rng(seed)
    diffs = np.empty((n_boot, a.shape[1]))
    for r in range(n_boot):
        draw = rng.integers(0, len(units), len(units))
        ra = np.concatenate([ia[units[i]] for i in draw])
        rb = np.concatenate([ib[units[i]] for i in draw])
        diffs[r] = b[rb].mean(axis=0) - a[ra].mean(axis=0)
    q = (1 - ci) / 2
    return np.quantile(diffs, q, axis=0), np.quantile(diffs, 1 - q, axis=0)


def corpus_prevalence_difference(
    corpus,
    a: str,
    b: str,
    *,
    by: str = "group",
    k: int | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    quotations: str = "drop",
) -> pd.DataFrame:
    """Prevalence of each topic in group ``a`` minus group ``b`` (rows of column ``by``), with its interval.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> t = corpus_prevalence_difference(example_corpus(), "A. Adams", "B. Brown", k=3, n_boot=100)  # doctest: +SKIP
    >>> t[["label", "difference"]].round(2).values.tolist()  # doctest: +SKIP
    [['cooperative / tax / market', -0.99], ['program / union / congress', 0.99], ['soldier / defense / army', 0.0]]
    """
    from textlab.topics import stats as topic_stats

    chunks, _, model = corpus_model(corpus, k=k, quotations=quotations)
    labels = corpus_topics(corpus, k=model.k, quotations=quotations).set_index("topic")["label"]
    t = topic_stats.prevalence_difference(
        model.doc_topic, chunks[by].to_numpy(), a, b, units=chunks["doc_id"].to_numpy(), n_boot=n_boot, seed=seed
    )
    return t.assign(label=t["topic"].map(labels))
