"""Topic-model backends: one adapter module per library, one interface.

Each adapter module has ``NAME`` and ``fit(X, k, *, seed, **params) -> (topic_word, doc_topic, alpha, params)``:

- ``X``: scipy.sparse.csr_matrix, shape (n_docs, n_terms), term counts;
- ``topic_word``: float64 (k, n_terms), rows sum to 1 (p(w | topic));
- ``doc_topic``: float64 (n_docs, k), rows sum to 1 (theta);
- ``alpha``: float64 (k,), the document-topic Dirichlet prior the model ended with
  (used to fold in held-out documents the same way for every backend);
- ``params``: the settings actually used (JSON-serialisable).

:func:`textlab.topics.model.fit_topics` turns that into a :class:`textlab.topics.model.TopicModel`.
A new backend is one new module here and one line in :data:`BACKENDS`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: backend name -> module (imported on first use: a backend's library loads only if asked for)
BACKENDS = {
    "gensim": "textlab.topics.backends.gensim_lda",
    "sklearn": "textlab.topics.backends.sklearn_lda",
    "tomotopy": "textlab.topics.backends.tomotopy_lda",
}  # tomotopy: optional, pip install tomotopy


def get_backend(name: str) -> ModuleType:
    """The adapter module of backend ``name``.

    >>> get_backend("sklearn").NAME
    'sklearn'
    """
    if name not in BACKENDS:
        raise ValueError(f"backend must be one of {sorted(BACKENDS)}, got {name!r}")
    return importlib.import_module(BACKENDS[name])
