"""Stage 6, topic models: one TopicModel value, backends behind one interface, sweeps over K, a corpus's models.

The functions users call are here: ``from textlab import topics; topics.fit_topics(X, 10, vocab=vocab)``, or on a
Corpus ``topics.corpus_topics(corpus)``. The statistics on a model's plain arrays stay submodules:
:mod:`textlab.topics.coherence` (NPMI, UMass), :mod:`textlab.topics.labels` (top words, relevance, FREX, names),
:mod:`textlab.topics.stability` (do topics come back with other seeds?) and :mod:`textlab.topics.prevalence`
(topic shares by group and over time, with intervals): ``from textlab.topics import prevalence``.

Modules: :mod:`~textlab.topics.model` (the model value, fitting, fold-in, perplexity),
:mod:`~textlab.topics.selection` (many fits, cached; the sweep over K, choosing K),
:mod:`~textlab.topics.corpus` (a corpus's chunks, sweep, models and tables), :mod:`~textlab.topics.backends`
(one adapter per library).

Examples
--------
>>> import numpy as np
>>> from textlab import topics
>>> m = topics.fit_topics(np.array([[4, 3, 0], [0, 1, 5], [5, 2, 0]]), 2, vocab=["tsar", "court", "party"], seed=0)
>>> m.k, len(m.top_words(2))
(2, 2)
"""

from textlab.topics.corpus import (
    DEFAULT_KS,
    DEFAULT_SEEDS,
    NAME_MIN_WORDS,
    chosen_k,
    corpus_chunk_dtm,
    corpus_model,
    corpus_models,
    corpus_prevalence,
    corpus_prevalence_difference,
    corpus_quotation_prevalence,
    corpus_sweep,
    corpus_topics,
    known_share,
    load_corpus_topic_names,
    topic_name_rows,
)
from textlab.topics.model import (
    TopicModel,
    as_counts,
    counts_in_vocab,
    fit_topics,
    fold_in,
    heldout_mask,
    matrix_hash,
    perplexity,
)
from textlab.topics.selection import Sweep, cache_key, fit_models, suggest_k, sweep

__all__ = [
    "TopicModel",
    "as_counts",
    "fit_topics",
    "fold_in",
    "heldout_mask",
    "matrix_hash",
    "perplexity",
    "counts_in_vocab",
    "Sweep",
    "cache_key",
    "fit_models",
    "sweep",
    "suggest_k",
    "DEFAULT_KS",
    "DEFAULT_SEEDS",
    "NAME_MIN_WORDS",
    "corpus_chunk_dtm",
    "corpus_sweep",
    "chosen_k",
    "corpus_models",
    "corpus_model",
    "load_corpus_topic_names",
    "topic_name_rows",
    "known_share",
    "corpus_topics",
    "corpus_prevalence",
    "corpus_prevalence_difference",
    "corpus_quotation_prevalence",
]
