"""Stage 5, scale: corpora larger than memory: texts streamed from disk and counted once, locally or on Spark.

Modules, in the order the data flows:

- :mod:`textlab.scale.sources`: the texts of a folder, a CSV table or a DataFrame, streamed (:func:`iter_texts`);
- :mod:`textlab.scale.counts`: the counts format on disk, its cache key, and its reader (:class:`StreamedCounts`);
- :mod:`textlab.scale.writer`: writing that format, atomically (both engines write through it);
- :mod:`textlab.scale.local`: the local engine (tokenising on every core, :func:`count_to_disk`) and
  :func:`counts_metadata`;
- :mod:`textlab.scale.spark`: the Spark engine (pyspark imported inside its functions only);
- :mod:`textlab.scale.engines`: :func:`build_counts` and :func:`corpus_counts`, the one place that chooses
  the engine.

Topic models on counts on disk are fitted by :func:`textlab.topics.model.fit_topics` (the backends
:mod:`textlab.topics.backends.gensim_streamed` and :mod:`textlab.topics.backends.spark_lda`), and scored by
:func:`textlab.topics.coherence.streamed_coherence`.

The names users call are here too:

>>> from textlab import scale
>>> scale.build_counts is scale.engines.build_counts, scale.StreamedCounts is scale.counts.StreamedCounts
(True, True)
"""

from textlab.scale.counts import (
    COUNT_FILES,
    MANIFEST,
    TOKEN_FILES,
    CountsInfo,
    StreamedCounts,
    cached_counts,
    counts_key,
    tokenizer_fingerprint,
)
from textlab.scale.engines import build_counts, corpus_counts
from textlab.scale.local import chunk_texts, count_to_disk, counts_metadata, tokenize_stream
from textlab.scale.sources import ScanResult, hash_texts, iter_texts, scan_texts

__all__ = [
    "iter_texts",
    "chunk_texts",
    "scan_texts",
    "hash_texts",
    "ScanResult",
    "tokenize_stream",
    "tokenizer_fingerprint",
    "counts_key",
    "count_to_disk",
    "cached_counts",
    "build_counts",
    "corpus_counts",
    "CountsInfo",
    "StreamedCounts",
    "counts_metadata",
    "COUNT_FILES",
    "TOKEN_FILES",
    "MANIFEST",
]
