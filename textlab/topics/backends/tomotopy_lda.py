"""tomotopy ``LDAModel`` (collapsed Gibbs sampling, C++) behind textlab's topic-model interface: optional.

Not a dependency of textlab: ``pip install tomotopy`` to use it. It is here because
``benchmarks/bench_topics.py`` measured it against the two backends users asked for
(gensim, the default, and scikit-learn); see the README for the figures.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

NAME = "tomotopy"


def fit(
    X: sp.csr_matrix,
    k: int,
    *,
    seed: int = 0,
    iterations: int = 500,
    alpha: float = 0.1,
    eta: float = 0.01,
    burn_in: int = 100,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
    """Fit LDA with tomotopy (one worker, so a seed gives the same matrices); see :mod:`textlab.topics.backends`.

    Examples
    --------
    Skipped in the doctests, which fit no topic model (and tomotopy is optional):

    >>> X = sp.csr_matrix([[3, 0, 1, 0], [0, 2, 2, 1], [4, 1, 0, 0]])  # doctest: +SKIP
    >>> topic_word, doc_topic, alpha, params = fit(X, 2, seed=0, iterations=20, burn_in=5)  # doctest: +SKIP
    >>> topic_word.shape, doc_topic.shape, doc_topic.sum(axis=1).round(6).tolist()  # doctest: +SKIP
    ((2, 4), (3, 2), [1.0, 1.0, 1.0])
    >>> params  # doctest: +SKIP
    {'iterations': 20, 'alpha': 0.1, 'eta': 0.01, 'burn_in': 5}
    """
    try:
        import tomotopy as tp
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("backend 'tomotopy' needs the tomotopy package: pip install tomotopy") from e

    X = sp.csr_matrix(X)
    n_docs, n_terms = X.shape
    mdl = tp.LDAModel(k=k, alpha=alpha, eta=eta, seed=seed, min_cf=0, rm_top=0)
    mdl.burn_in = burn_in
    slot = np.full(n_docs, -1)
    added = 0
    for d in range(n_docs):
        row = X.indices[X.indptr[d] : X.indptr[d + 1]]
        counts = X.data[X.indptr[d] : X.indptr[d + 1]]
        words = [str(j) for j, c in zip(row.tolist(), counts.tolist()) for _ in range(int(c))]
        if words:
            mdl.add_doc(words)
            slot[d] = added  # documents are kept in the order added
            added += 1
    mdl.train(iterations, workers=1, parallel=tp.ParallelScheme.NONE, show_progress=False)
    col = np.array([int(w) for w in mdl.used_vocabs])
    topic_word = np.zeros((k, n_terms))
    for t in range(k):
        topic_word[t, col] = mdl.get_topic_word_dist(t)
    floor = eta / (np.asarray(mdl.get_count_by_topics(), dtype=float) + n_terms * eta)  # an unseen word's smoothed p
    topic_word = np.where(topic_word > 0, topic_word, floor[:, None])
    topic_word /= topic_word.sum(axis=1, keepdims=True)
    a = np.asarray(mdl.alpha, dtype=np.float64).reshape(-1)
    alpha_vec = np.full(k, a[0]) if a.size == 1 else a
    doc_topic = np.tile(alpha_vec / alpha_vec.sum(), (n_docs, 1))
    docs = list(mdl.docs)  # (indexing mdl.docs by position fails in tomotopy 0.14; iterating works)
    for i in np.flatnonzero(slot >= 0):
        doc_topic[i] = docs[int(slot[i])].get_topic_dist()
    doc_topic /= doc_topic.sum(axis=1, keepdims=True)
    params = {"iterations": iterations, "alpha": alpha, "eta": eta, "burn_in": burn_in}
    return topic_word, doc_topic, alpha_vec, params
