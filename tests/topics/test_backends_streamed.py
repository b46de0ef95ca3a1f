"""Tests of the topic backend of counts on disk, textlab.topics.backends.gensim_streamed, through fit_topics.

(The Spark backend, textlab.topics.backends.spark_lda, is tested in tests/scale/test_spark.py, with Spark.)
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from tests.planted import cosine_match, planted, token_lists
from textlab import topics
from textlab.scale.counts import StreamedCounts
from textlab.scale.local import count_to_disk
from textlab.topics.backends import COUNTS_BACKENDS, gensim_lda, gensim_streamed, get_counts_backend, spark_lda


def test_the_streamed_fit_recovers_planted_topics_whatever_the_workers(tmp_path):
    X, vocab, phi = planted(n_docs=150, seed=4)
    count_to_disk(token_lists(X, vocab), tmp_path, vocab=vocab)
    opts = dict(seed=1, chunksize=40, passes=8, progress=False)
    one = topics.fit_topics(tmp_path, 3, n_jobs=1, **opts)
    two = topics.fit_topics(tmp_path, 3, n_jobs=2, **opts)
    assert np.array_equal(one.topic_word, two.topic_word) and np.array_equal(one.doc_topic, two.doc_topic)
    assert cosine_match(phi, two.topic_word).min() > 0.9
    assert isinstance(two, topics.TopicModel) and two.k == 3 and two.backend == "gensim-streamed"
    assert np.allclose(two.topic_word.sum(axis=1), 1) and np.allclose(two.doc_topic.sum(axis=1), 1)
    assert two.doc_lengths.tolist() == np.asarray(X.sum(axis=1)).ravel().tolist()
    assert two.doc_ids[0] == "d000" and two.vocab.tolist() == vocab
    assert two.corpus_hash == topics.matrix_hash(X, vocab, two.doc_ids)
    assert list(two.params)[0] == "k"  # as the in-memory backends' models
    assert two.params["k"] == 3 and two.params["update"] == "batch" and two.params["counts"] == str(tmp_path)
    # the backend's own arrays are the model's
    topic_word, doc_topic, alpha, used = gensim_streamed.fit(StreamedCounts(tmp_path), 3, n_jobs=1, **opts)
    assert np.array_equal(topic_word, one.topic_word) and np.array_equal(doc_topic, one.doc_topic)
    assert alpha.dtype == np.float64 and np.array_equal(alpha, one.alpha) and {"k": 3, **used} == one.params
    # every later textlab function takes it
    assert np.isfinite(topics.perplexity(two, X))
    assert np.array_equal(topics.TopicModel.load(two.save(tmp_path / "m.npz")).topic_word, two.topic_word)
    other = topics.fit_topics(tmp_path, 3, n_jobs=2, **{**opts, "seed": 2})
    assert not np.array_equal(other.topic_word, two.topic_word)


def test_the_streamed_backend_has_the_gensim_backends_defaults():
    backend = inspect.signature(gensim_lda.fit).parameters
    streamed = inspect.signature(gensim_streamed.fit).parameters
    shared = {"passes", "iterations", "alpha", "eta", "decay", "offset"}
    assert shared <= set(backend) and shared <= set(streamed)
    assert {p: streamed[p].default for p in shared} == {p: backend[p].default for p in shared}


def test_the_registry_gives_one_backend_of_counts_on_disk_per_engine():
    assert {e: get_counts_backend(e).NAME for e in COUNTS_BACKENDS} == {"local": "gensim-streamed", "spark": "spark"}
    with pytest.raises(ValueError, match="engine must be one of"):
        get_counts_backend("dask")
    # one call runs on either engine: the Spark backend takes the local backend's options it has no use for
    local = set(inspect.signature(gensim_streamed.fit).parameters) - {"counts", "k"}
    spark = set(inspect.signature(spark_lda.fit).parameters) - {"counts", "k", "gensim_options"}
    assert local - spark == set(spark_lda.IGNORED)


def test_fit_topics_checks_counts_on_disk_before_fitting(tmp_path):
    count_to_disk([("a", ["war", "peace"])], tmp_path / "one")
    with pytest.raises(ValueError, match="at least 2 documents"):
        topics.fit_topics(tmp_path / "one", 2)
    X, vocab, _ = planted(n_docs=10)
    count_to_disk(token_lists(X, vocab), tmp_path / "c", vocab=vocab)
    with pytest.raises(ValueError, match="k must be"):
        topics.fit_topics(tmp_path / "c", 1)
    with pytest.raises(ValueError, match="passes, iterations and chunksize"):
        topics.fit_topics(tmp_path / "c", 2, passes=0)
    with pytest.raises(TypeError):
        topics.fit_topics(tmp_path / "c", 2, max_iter=3)  # not an option of the streamed gensim backend
