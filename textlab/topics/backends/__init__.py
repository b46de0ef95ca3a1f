"""Topic-model backends: one adapter module per library, one interface.

Backends of a matrix in memory (:data:`BACKENDS`, by name) have ``NAME`` and
``fit(X, k, *, seed, **params) -> (topic_word, doc_topic, alpha, params)``:

- ``X``: scipy.sparse.csr_matrix, shape (n_docs, n_terms), term counts;
- ``topic_word``: float64 (k, n_terms), rows sum to 1 (p(w | topic));
- ``doc_topic``: float64 (n_docs, k), rows sum to 1 (theta);
- ``alpha``: float64 (k,), the document-topic Dirichlet prior the model ended with
  (used to fold in held-out documents the same way for every backend);
- ``params``: the settings actually used (JSON-serialisable).

Backends of counts on disk (:data:`COUNTS_BACKENDS`, by engine) fit a corpus larger than memory. They have
``NAME`` and ``fit(counts, k, *, seed, master, **params)``, returning the same four values, where:

- ``counts``: a :class:`textlab.scale.counts.StreamedCounts` (rows read block by block from the files on disk,
  never the whole matrix in memory); the rows of ``doc_topic`` and the columns of ``topic_word`` follow its
  ``doc_ids`` and ``vocab``;
- ``master``: where the engine runs (a Spark master URL; None: its default); a backend that runs here takes it
  and ignores it;
- ``params``: the options of the local backend (:mod:`~textlab.topics.backends.gensim_streamed`) are the shared
  names: ``passes`` (full passes over the documents), ``alpha``, ``eta``; another engine's backend takes the
  local backend's options that have no meaning for it and ignores them (its ``IGNORED``), so that one call runs
  on either engine.

:func:`textlab.topics.model.fit_topics` turns either into a :class:`textlab.topics.model.TopicModel` (for counts
on disk, with the counts' vocabulary, ids, document lengths and hash). It checks ``k`` and that there are at
least two documents before it calls a backend. A new backend is one new module here and one line in
:data:`BACKENDS` or :data:`COUNTS_BACKENDS`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: backend name -> module (imported on first use: a backend's library loads only if asked for)
BACKENDS = {
    "gensim": "textlab.topics.backends.gensim_lda",
    "sklearn": "textlab.topics.backends.sklearn_lda",
    "tomotopy": "textlab.topics.backends.tomotopy_lda",
}

#: how the backends are named to readers (the library's own name)
LABELS = {
    "gensim": "gensim",
    "sklearn": "scikit-learn",
    "tomotopy": "tomotopy",
    "gensim-streamed": "gensim",
    "spark": "Spark",
}

#: the backend of a matrix in memory when none is named: the one that measured best (``docs/topic_models.md``)
DEFAULT_BACKEND = "tomotopy"

#: engine -> module of the backend that fits counts on disk (spark: optional, pip install textlab[spark])
COUNTS_BACKENDS = {
    "local": "textlab.topics.backends.gensim_streamed",
    "spark": "textlab.topics.backends.spark_lda",
}


def backend_label(name: str) -> str:
    """The name readers know a backend by.

    >>> backend_label("sklearn"), backend_label(DEFAULT_BACKEND)
    ('scikit-learn', 'tomotopy')
    """
    return LABELS.get(name, name)


def get_backend(name: str) -> ModuleType:
    """The adapter module of backend ``name``.

    >>> get_backend("sklearn").NAME
    'sklearn'
    """
    if name not in BACKENDS:
        raise ValueError(f"backend must be one of {sorted(BACKENDS)}, got {name!r}")
    return importlib.import_module(BACKENDS[name])


def get_counts_backend(engine: str) -> ModuleType:
    """The adapter module that fits counts on disk on ``engine``.

    >>> get_counts_backend("local").NAME, get_counts_backend("spark").NAME
    ('gensim-streamed', 'spark')
    """
    if engine not in COUNTS_BACKENDS:
        raise ValueError(f"engine must be one of {sorted(COUNTS_BACKENDS)}, got {engine!r}")
    return importlib.import_module(COUNTS_BACKENDS[engine])
