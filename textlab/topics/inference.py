"""Topic shares of documents with the topics held fixed: one inference for every backend and every document.

A fitted model's topics (``topic_word``, shape (K, V)) and prior (``alpha``, shape (K,)) give any document's
topic shares by :func:`fold_in`, whether the model saw the document or not. The default backend
(:mod:`textlab.topics.backends.tomotopy_lda`) uses it for the documents it was fitted on too, so that a new text
and a fitted one are inferred the same way; :func:`textlab.topics.model.perplexity` uses it on held-out halves.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["fold_in"]


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
