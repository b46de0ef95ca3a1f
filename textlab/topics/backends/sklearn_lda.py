"""scikit-learn ``LatentDirichletAllocation`` behind textlab's topic-model interface.

Batch variational Bayes (Blei et al. 2003) on the whole matrix each iteration.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

NAME = "sklearn"


def fit(
    X: sp.csr_matrix,
    k: int,
    *,
    seed: int = 0,
    max_iter: int = 30,
    learning_method: str = "batch",
    doc_topic_prior: float | None = None,
    topic_word_prior: float | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
    """Fit LDA with scikit-learn; see :mod:`textlab.topics.backends` for the contract.

    Priors default to scikit-learn's symmetric 1/k. ``n_jobs=1``: the sweep
    parallelises across fits.

    Examples
    --------
    Skipped in the doctests, which fit no topic model:

    >>> X = sp.csr_matrix([[3, 0, 1, 0], [0, 2, 2, 1], [4, 1, 0, 0]])  # doctest: +SKIP
    >>> topic_word, doc_topic, alpha, params = fit(X, 2, seed=0, max_iter=5)  # doctest: +SKIP
    >>> topic_word.shape, doc_topic.sum(axis=1).round(6).tolist(), alpha.tolist()  # doctest: +SKIP
    ((2, 4), [1.0, 1.0, 1.0], [0.5, 0.5])
    >>> params  # doctest: +SKIP
    {'max_iter': 5, 'learning_method': 'batch', 'doc_topic_prior': 0.5, 'topic_word_prior': 0.5}
    """
    from sklearn.decomposition import LatentDirichletAllocation

    lda = LatentDirichletAllocation(
        n_components=k,
        random_state=seed,
        max_iter=max_iter,
        learning_method=learning_method,
        doc_topic_prior=doc_topic_prior,
        topic_word_prior=topic_word_prior,
        n_jobs=1,
    )
    doc_topic = lda.fit_transform(X).astype(np.float64)
    doc_topic /= doc_topic.sum(axis=1, keepdims=True)
    topic_word = lda.components_ / lda.components_.sum(axis=1, keepdims=True)
    alpha = np.full(k, lda.doc_topic_prior_, dtype=np.float64)
    params = {
        "max_iter": max_iter,
        "learning_method": learning_method,
        "doc_topic_prior": float(lda.doc_topic_prior_),
        "topic_word_prior": float(lda.topic_word_prior_),
    }
    return np.asarray(topic_word, dtype=np.float64), doc_topic, alpha, params
