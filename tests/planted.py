"""Synthetic corpora with planted topics, shared by the topic-model tests (not a test module)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment


def planted(n_docs: int = 60, k: int = 3, words_per_topic: int = 8, doc_len: int = 80, seed: int = 0):
    """Documents drawn from k planted topics on disjoint words; each document mostly one topic.

    Returns the counts (csr, n_docs x k * words_per_topic), the vocabulary and the planted topics (k x V).
    """
    rng = np.random.default_rng(seed)
    v = k * words_per_topic
    phi = np.zeros((k, v))
    for t in range(k):
        phi[t, t * words_per_topic : (t + 1) * words_per_topic] = rng.dirichlet(np.ones(words_per_topic) * 2)
    theta = rng.dirichlet(np.full(k, 0.2), size=n_docs)
    X = np.stack([rng.multinomial(doc_len, theta[d] @ phi) for d in range(n_docs)])
    vocab = [f"w{j:02d}" for j in range(v)]
    return sp.csr_matrix(X), vocab, phi


def cosine_match(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity of each row of ``a`` with its match in ``b`` (Hungarian matching), shape (k,)."""
    na = a / np.linalg.norm(a, axis=1, keepdims=True)
    nb = b / np.linalg.norm(b, axis=1, keepdims=True)
    sim = na @ nb.T
    r, c = linear_sum_assignment(-sim)
    return sim[r, c]


def token_lists(X: sp.csr_matrix, vocab: list[str]) -> list[tuple[str, list[str]]]:
    """Token lists ``("d000", tokens)`` whose counts are the rows of X (tokens in column order)."""
    return [(f"d{i:03d}", [vocab[j] for j in np.repeat(X[i].indices, X[i].data)]) for i in range(X.shape[0])]
