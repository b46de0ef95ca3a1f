"""Tests of textlab.topics.coherence.streamed_coherence: coherence from co-occurrence counted on disk."""

from __future__ import annotations

import numpy as np
import pytest

from tests.planted import planted, token_lists
from textlab.scale.counts import StreamedCounts
from textlab.scale.local import count_to_disk
from textlab.topics import coherence
from textlab.topics.labels import top_words


@pytest.mark.parametrize("measure", ["npmi", "umass"])
def test_streamed_coherence_equals_textlab_coherence(tmp_path, measure):
    X, vocab, _ = planted(n_docs=60, seed=5)
    count_to_disk(token_lists(X, vocab), tmp_path, vocab=vocab)
    W = np.random.default_rng(0).random((4, len(vocab)))
    cooc = coherence.Cooccurrence(X, vocab)
    want = coherence.topic_coherence(W, cooc, measure=measure, top_n=6)
    c = StreamedCounts(tmp_path, block_docs=7)
    assert np.allclose(coherence.streamed_coherence(W, c, measure=measure, top_n=6), want, rtol=0, atol=1e-12)
    words = top_words(W, vocab, n=6)
    assert np.allclose(coherence.streamed_coherence(words, c, measure=measure, top_n=6), want, rtol=0, atol=1e-12)
    assert np.allclose(coherence.streamed_coherence(words, tmp_path, measure=measure, top_n=6), want)  # a path
