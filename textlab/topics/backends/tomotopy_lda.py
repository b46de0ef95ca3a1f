"""tomotopy ``LDAModel`` (collapsed Gibbs sampling, C++) behind textlab's topic-model interface: the default.

Why the default: on the bundled corpus (839 chunks x 3,548 terms; ``benchmarks/bench_topics.py``) its topics are
the most coherent of the backends (NPMI 0.14 against gensim's 0.10 at K = 20, 0.08 at K = 50) at gensim's speed,
and its document vectors tell chunks of one work from chunks of another work by the same author as well as
TF-IDF does, where gensim's and scikit-learn's do worse (:mod:`textlab.topics.docvectors`).
``docs/topic_models.md`` gives the measurements behind every setting below.

Same numbers on every machine:

- one worker (``ParallelScheme.NONE``): tomotopy's parallel schemes give another chain on every run; textlab
  runs several fits at once in processes instead (:func:`textlab.topics.selection.sweep`);
- one SIMD build (:data:`ISA`): tomotopy ships builds for SSE2, AVX2 and AVX-512 and picks one by the CPU, and
  the chain depends on it (here AVX2 and AVX-512 gave one fit, SSE2 another). Every x86-64 CPU runs the SSE2
  build, at the same speed on this corpus, so it is chosen (``TOMOTOPY_ISA`` is set before tomotopy loads,
  unless the user set it; a warning says when the build in use is another);
- the document vectors are inferred by :func:`textlab.topics.inference.fold_in` from the fitted topics and
  prior, a deterministic fixed point, rather than read off the chain's last state.
"""

from __future__ import annotations

import logging
import os
import platform
from typing import Any

import numpy as np
import scipy.sparse as sp

from textlab.topics.inference import fold_in

log = logging.getLogger(__name__)

NAME = "tomotopy"

#: tomotopy's SIMD build used on x86-64 (``TOMOTOPY_ISA``): the one every x86-64 CPU has.
ISA = "sse2"

X86 = platform.machine().lower() in {"x86_64", "amd64", "x64"}
if X86:
    os.environ.setdefault("TOMOTOPY_ISA", ISA)  # read by tomotopy when it loads, so set before the import

import tomotopy as tp  # noqa: E402  (after TOMOTOPY_ISA is set)

#: ways to give the documents' topic shares: ``"fold-in"`` (:func:`~textlab.topics.inference.fold_in`, the
#: default) or ``"sample"`` (the Gibbs chain's last state, as tomotopy reports it)
DOC_VECTORS = ("fold-in", "sample")


def check_isa() -> str:
    """The SIMD build tomotopy runs on; logs a warning when it is not :data:`ISA` on x86-64.

    >>> check_isa() in {"sse2", "avx2", "avx512", "none", ""}
    True
    """
    isa = str(getattr(tp, "isa", ""))
    if X86 and isa != ISA:
        log.warning(
            "tomotopy runs its %r build (TOMOTOPY_ISA=%r): fits can differ from those of other machines, which run %r",
            isa,
            os.environ.get("TOMOTOPY_ISA"),
            ISA,
        )
    return isa


def fit(
    X: sp.csr_matrix,
    k: int,
    *,
    seed: int = 0,
    iterations: int = 500,
    alpha: float = 0.01,
    eta: float = 0.05,
    burn_in: int = 100,
    optim_interval: int = 10,
    doc_vectors: str = "fold-in",
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
    """Fit LDA by collapsed Gibbs sampling; see :mod:`textlab.topics.backends` for the contract.

    Parameters
    ----------
    X : scipy.sparse.csr_matrix, shape (n_docs, n_terms)
        Term counts.
    k : int
        Number of topics.
    seed : int, default 0
        The sampler's seed: one seed, one fit, on every machine (see the module's notes).
    iterations : int, default 500
        Gibbs sweeps over every token.
    alpha : float, default 0.01
        Starting value of the symmetric document-topic prior; from ``burn_in`` on it is re-estimated every
        ``optim_interval`` sweeps (an asymmetric prior, Wallach et al. 2009). 0.01 gave more coherent topics and
        document vectors that separate works better than tomotopy's 0.1 (``docs/topic_models.md``).
    eta : float, default 0.05
        The topic-word prior. 0.05 against tomotopy's 0.01: topics that come back across seeds far more often
        (on the bundled corpus, 0.77 of them against 0.46 over K = 10-40), more coherent, with better held-out
        perplexity and document vectors (``docs/topic_models.md``).
    burn_in : int, default 100
        Sweeps before the prior is first re-estimated.
    optim_interval : int, default 10
        Sweeps between re-estimates of the prior; 0 keeps it fixed.
    doc_vectors : {"fold-in", "sample"}, default "fold-in"
        How the documents' topic shares are given: :func:`~textlab.topics.inference.fold_in` (the posterior mean
        with the fitted topics held fixed, the same inference as for new texts; it agrees with the average of
        ten Gibbs samples) or the chain's last state.

    Examples
    --------
    >>> X = sp.csr_matrix([[3, 0, 1, 0], [0, 2, 2, 1], [4, 1, 0, 0]])
    >>> topic_word, doc_topic, alpha, params = fit(X, 2, seed=0, iterations=20, burn_in=5)
    >>> topic_word.shape, doc_topic.shape, doc_topic.sum(axis=1).round(6).tolist()
    ((2, 4), (3, 2), [1.0, 1.0, 1.0])
    >>> params["iterations"], params["doc_vectors"], params["isa"] in {"sse2", "avx2", "avx512", "none", ""}
    (20, 'fold-in', True)
    """
    if doc_vectors not in DOC_VECTORS:
        raise ValueError(f"doc_vectors must be one of {list(DOC_VECTORS)}, got {doc_vectors!r}")
    for name, value in (("iterations", iterations), ("burn_in", burn_in), ("optim_interval", optim_interval)):
        if not isinstance(value, (int, np.integer)) or value < 0:
            raise ValueError(f"{name} must be an integer >= 0, got {value!r}")
    if not alpha > 0 or not eta > 0:
        raise ValueError(f"alpha and eta must be > 0, got alpha={alpha!r}, eta={eta!r}")
    isa = check_isa()
    X = sp.csr_matrix(X)
    n_docs, n_terms = X.shape
    mdl = tp.LDAModel(k=k, alpha=alpha, eta=eta, seed=seed, min_cf=0, rm_top=0)
    mdl.burn_in = burn_in
    mdl.optim_interval = optim_interval
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
    if doc_vectors == "fold-in":
        doc_topic = fold_in(topic_word, X, alpha_vec)
    else:
        doc_topic = np.tile(alpha_vec / alpha_vec.sum(), (n_docs, 1))
        docs = list(mdl.docs)  # (indexing mdl.docs by position fails in tomotopy 0.14; iterating works)
        for i in np.flatnonzero(slot >= 0):
            doc_topic[i] = docs[int(slot[i])].get_topic_dist()
        doc_topic /= doc_topic.sum(axis=1, keepdims=True)
    params = {
        "iterations": iterations,
        "alpha": float(alpha),
        "eta": float(eta),
        "burn_in": burn_in,
        "optim_interval": optim_interval,
        "doc_vectors": doc_vectors,
        "isa": isa,
    }
    return topic_word, doc_topic, alpha_vec, params
