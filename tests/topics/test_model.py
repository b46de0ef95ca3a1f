"""Tests of textlab.topics.model and textlab.topics.backends: the model value, fitting, fold-in, perplexity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from tests.planted import cosine_match, planted, token_lists
from textlab.features.dtm import DocumentTermMatrix
from textlab.features.tokenize import Tokenizer
from textlab.scale.counts import StreamedCounts
from textlab.scale.local import count_to_disk
from textlab.topics import model as topics
from textlab.topics.backends import gensim_streamed
from textlab.topics.labels import top_words
from textlab.topics.model import TopicModel, fit_topics, fold_in, perplexity

# ----------------------------------------------------------------------------- fitting and the model value


@pytest.mark.parametrize("backend", ["gensim", "sklearn", "tomotopy"])
def test_backends_recover_planted_topics_and_repeat_with_a_seed(backend):
    if backend == "tomotopy":
        pytest.importorskip("tomotopy", reason="optional backend: pip install tomotopy")
    X, vocab, phi = planted()
    a = fit_topics(X, 3, vocab=vocab, backend=backend, seed=1)
    b = fit_topics(X, 3, vocab=vocab, backend=backend, seed=1)
    assert np.array_equal(a.topic_word, b.topic_word) and np.array_equal(a.doc_topic, b.doc_topic)
    assert np.allclose(a.topic_word.sum(axis=1), 1) and np.allclose(a.doc_topic.sum(axis=1), 1)
    assert cosine_match(phi, a.topic_word).min() > 0.9
    assert a.doc_lengths.tolist() == np.asarray(X.sum(axis=1)).ravel().tolist()
    assert a.backend == backend and a.params["k"] == 3 and a.seed == 1
    c = fit_topics(X, 3, vocab=vocab, backend=backend, seed=2)
    assert not np.array_equal(a.topic_word, c.topic_word)


def test_model_saves_and_loads_without_pickle(tmp_path):
    X, vocab, _ = planted(n_docs=20)
    m = fit_topics(X, 3, vocab=vocab, backend="sklearn", seed=0, max_iter=5)
    p = m.save(tmp_path / "m.npz")
    back = TopicModel.load(p)
    for name in ("vocab", "topic_word", "doc_topic", "doc_lengths", "alpha", "doc_ids"):
        assert np.array_equal(getattr(m, name), getattr(back, name)), name
    assert (back.backend, back.seed, back.params, back.corpus_hash) == (m.backend, m.seed, m.params, m.corpus_hash)
    assert m.to_bytes() == back.to_bytes()  # same bytes: no timestamps
    with np.load(p, allow_pickle=False) as z:
        assert all(z[f].dtype != object for f in z.files)


def test_load_rejects_other_files_naming_the_path(tmp_path):
    bad = tmp_path / "notes.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="notes.npz"):
        TopicModel.load(bad)
    np.savez(tmp_path / "other.npz", a=np.arange(3))
    with pytest.raises(ValueError, match="missing"):
        TopicModel.load(tmp_path / "other.npz")


def test_fit_topics_checks_its_input():
    X, vocab, _ = planted(n_docs=10)
    with pytest.raises(ValueError, match="backend"):
        fit_topics(X, 3, vocab=vocab, backend="mallet")
    with pytest.raises(ValueError, match="k must"):
        fit_topics(X, 1, vocab=vocab)
    with pytest.raises(ValueError, match="vocab has"):
        fit_topics(X, 3, vocab=vocab[:-1])
    with pytest.raises(TypeError, match="DocumentTermMatrix"):
        fit_topics([[1, 2]], 2, vocab=["a", "b"])
    with pytest.raises(ValueError, match="non-negative"):
        fit_topics(sp.csr_matrix(np.array([[1, -1], [2, 0]])), 2, vocab=["a", "b"])


def test_fit_topics_takes_a_document_term_matrix_with_its_chunk_ids():
    X, vocab, _ = planted(n_docs=12)
    docs = pd.DataFrame(
        {"doc_id": [f"d{i // 2}" for i in range(12)], "chunk_id": [f"d{i // 2}#{i % 2}" for i in range(12)]}
    )
    m = fit_topics(DocumentTermMatrix(X, np.asarray(vocab), docs), 2, backend="sklearn", max_iter=5)
    assert m.doc_ids.tolist() == docs["chunk_id"].tolist()
    assert m.corpus_hash == topics.matrix_hash(X, vocab, docs["chunk_id"])


def test_fit_topics_fits_counts_on_disk_by_the_streamed_path(tmp_path):
    X, vocab, phi = planted(n_docs=90, seed=4)
    count_to_disk(token_lists(X, vocab), tmp_path, vocab=vocab)
    streamed, *_ = gensim_streamed.fit(
        StreamedCounts(tmp_path), 3, seed=1, chunksize=30, passes=6, n_jobs=1, progress=False
    )
    for counts in (tmp_path, str(tmp_path), StreamedCounts(tmp_path)):
        m = fit_topics(counts, 3, seed=1, chunksize=30, passes=6, n_jobs=1, progress=False)
        assert m.backend == "gensim-streamed" and np.array_equal(m.topic_word, streamed)
    assert cosine_match(phi, m.topic_word).min() > 0.9
    with pytest.raises(ValueError, match="backend='gensim'"):
        fit_topics(tmp_path, 3, backend="sklearn")
    with pytest.raises(ValueError, match="engine must be"):
        fit_topics(tmp_path, 3, engine="dask")
    with pytest.raises(TypeError, match="counts on disk"):
        fit_topics(X, 3, vocab=vocab, engine="spark")


# ----------------------------------------------------------------------------- fold-in and perplexity


def test_fold_in_by_hand():
    # topic 0 = {a: .5, b: .5}, topic 1 = {b: .5, c: .5}, alpha = (1, 1): theta ∝ alpha + expected counts.
    # "a a c c": 2 counts each -> (1 + 2, 1 + 2) / 6 = (.5, .5); "a a a": all to topic 0 -> (1 + 3, 1) / 5 = (.8, .2);
    # "b b": b is equally likely under both, the fixed point is symmetric -> (.5, .5)
    phi = np.array([[0.5, 0.5, 0.0], [0.0, 0.5, 0.5]])
    theta = fold_in(phi, np.array([[2, 0, 2], [3, 0, 0], [0, 2, 0]]), np.array([1.0, 1.0]))
    assert np.allclose(theta, [[0.5, 0.5], [0.8, 0.2], [0.5, 0.5]], atol=1e-6)


def test_perplexity_of_uniform_topics_is_the_vocabulary_size():
    # every word has p = 1/V whatever theta is, so exp(-mean log p) = V exactly
    X, vocab, _ = planted(n_docs=30)
    v = len(vocab)
    m = TopicModel(
        vocab=np.asarray(vocab),
        topic_word=np.full((2, v), 1 / v),
        doc_topic=np.full((30, 2), 0.5),
        doc_lengths=np.asarray(X.sum(axis=1)).ravel(),
        alpha=np.ones(2),
        doc_ids=np.arange(30).astype(str),
        backend="none",
        seed=0,
    )
    assert perplexity(m, X) == pytest.approx(v, rel=1e-12)


def test_heldout_perplexity_prefers_the_planted_topics():
    X, vocab, phi = planted(n_docs=120, seed=3)
    train, test = X[:100], X[100:]
    fitted = fit_topics(train, 3, vocab=vocab, backend="gensim", seed=0)
    true = TopicModel(
        vocab=np.asarray(vocab),
        topic_word=phi + 1e-12,
        doc_topic=np.full((100, 3), 1 / 3),
        doc_lengths=np.asarray(train.sum(axis=1)).ravel(),
        alpha=np.full(3, 0.2),
        doc_ids=np.arange(100).astype(str),
        backend="truth",
        seed=0,
    )
    wrong = fit_topics(train[:, np.random.default_rng(0).permutation(train.shape[1])], 3, vocab=vocab, backend="gensim")
    p_true, p_fit, p_wrong = perplexity(true, test), perplexity(fitted, test), perplexity(wrong, test)
    assert p_true <= p_fit * 1.05  # the fit is about as good as the truth
    assert p_fit < p_wrong  # and better than topics of scrambled words
    assert perplexity(fitted, test, seed=0) == perplexity(fitted, test, seed=0)


def test_counts_in_vocab_counts_only_known_terms():
    X = topics.counts_in_vocab(["plan plan party unknown", ""], Tokenizer(phrases=False), ["party", "plan"])
    assert X.shape == (2, 2) and X.toarray().tolist() == [[1, 2], [0, 0]]
    with pytest.raises(TypeError, match="sequence of str"):
        topics.counts_in_vocab("plan", Tokenizer(phrases=False), ["plan"])


def test_model_top_words_are_the_one_ranking():
    X, vocab, _ = planted(n_docs=20)
    m = fit_topics(X, 3, vocab=vocab, backend="sklearn", seed=0, max_iter=5)
    assert m.top_words(7) == top_words(m.topic_word, m.vocab, n=7)
    assert m.top_words(7) == [
        [str(m.vocab[j]) for j in row] for row in np.argsort(-m.topic_word, axis=1, kind="stable")[:, :7]
    ]


def test_as_counts_takes_a_dtm_or_a_matrix_with_its_vocabulary():
    X, vocab, _ = planted(n_docs=6)
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(6)]})
    C, v, ids = topics.as_counts(DocumentTermMatrix(X, np.asarray(vocab), docs))
    assert C.dtype == np.int64 and v.tolist() == vocab and ids.tolist() == docs["doc_id"].tolist()
    with pytest.raises(ValueError, match="vocab is required"):
        topics.as_counts(X)
    with pytest.raises(ValueError, match="doc_ids has 2 entries"):
        topics.as_counts(X, vocab, ["a", "b"])
