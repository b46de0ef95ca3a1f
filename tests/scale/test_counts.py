"""Tests of textlab.scale.counts: the counts format on disk, its cache key, its checks and its reader."""

from __future__ import annotations

import json
import os
import pickle

import numpy as np
import pytest
import scipy.sparse as sp

from tests.planted import planted, token_lists
from textlab import topics
from textlab.core.io import InputError
from textlab.features.tokenize import Tokenizer
from textlab.scale.counts import (
    COUNT_FILES,
    TOKEN_FILES,
    StreamedCounts,
    cached_counts,
    check_df,
    check_vocab,
    counts_key,
    df_bound,
    tokenizer_fingerprint,
)
from textlab.scale.local import count_to_disk


def test_streamed_counts_are_the_matrix_rows_as_a_gensim_corpus(tmp_path):
    X, vocab, _ = planted(n_docs=23, seed=2)
    X = X.tolil()
    X[5, :] = 0  # an empty document
    X = X.tocsr()
    X.eliminate_zeros()
    ids = [f"d{i:03d}" for i in range(23)]
    count_to_disk(token_lists(X, vocab), tmp_path, vocab=vocab)
    c = StreamedCounts(tmp_path, block_docs=4)  # blocks end inside the corpus
    assert len(c) == 23 and c.shape == X.shape and c.nnz == X.nnz
    assert isinstance(c.indices, np.memmap) and isinstance(c.data, np.memmap)  # read from disk, not loaded
    bows = list(c)
    assert bows == [list(zip(X[i].indices.tolist(), X[i].data.tolist())) for i in range(23)]
    assert bows[5] == [] and c.bow(20, 99) == bows[20:]
    blocks = list(c.iter_blocks())
    assert [s for s, _ in blocks] == [0, 4, 8, 12, 16, 20]
    assert (sp.vstack([b for _, b in blocks]) != X).nnz == 0
    assert c.doc_lengths().tolist() == np.asarray(X.sum(axis=1)).ravel().tolist()
    assert c.doc_freq().tolist() == np.asarray((X > 0).sum(axis=0)).ravel().tolist()
    B = (X[:, [3, 0, 17]] > 0).astype(int)
    assert c.co_doc_freq([3, 0, 17]).tolist() == (B.T @ B).toarray().tolist()
    assert c.matrix_hash() == topics.matrix_hash(X, vocab, ids)
    again = pickle.loads(pickle.dumps(c))  # for workers that are spawned, not forked
    assert list(again) == bows

    from gensim.models import LdaModel

    lda = LdaModel(c, num_topics=2, id2word=c.id2word, passes=1, random_state=0)
    assert lda.get_topics().shape == (2, len(vocab))


def test_manifest_records_the_inputs_and_the_files(tmp_path):
    info = count_to_disk([("a", ["war"]), ("b", ["war", "peace"])], tmp_path, key="abc", settings={"x": 1})
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["key"] == "abc" and manifest["settings"] == {"x": 1} and manifest == info.manifest
    assert set(manifest["files"]) == set(COUNT_FILES + TOKEN_FILES)
    assert sorted(os.listdir(tmp_path)) == sorted(list(manifest["files"]) + ["manifest.json"])
    assert cached_counts(tmp_path, "abc").manifest == manifest and cached_counts(tmp_path, "other") is None
    (tmp_path / "vocab.json").write_text("[]", encoding="utf-8")  # a file resized: no longer a complete result
    assert cached_counts(tmp_path, "abc") is None


def test_a_folder_without_complete_counts_is_named(tmp_path):
    with pytest.raises(InputError, match="no complete counts"):
        StreamedCounts(tmp_path)


def test_the_key_changes_with_the_input_the_tokenizer_and_the_settings():
    tok = Tokenizer(phrases=False)
    key = counts_key("abc", tok, min_df=1)
    assert key == counts_key("abc", Tokenizer(phrases=False), min_df=1)
    assert key != counts_key("abd", tok, min_df=1) and key != counts_key("abc", tok, min_df=2)
    assert key != counts_key("abc", Tokenizer(phrases=False, normalize="stem"), min_df=1)
    assert set(tokenizer_fingerprint(tok)) == {"settings", "phrases", "code", "versions"}


def test_the_vocabulary_options_are_checked_as_both_engines_read_them():
    assert check_vocab(None, 2, 0.5) is None and check_vocab(("b", "a"), 2, 0.5) == ["b", "a"]
    for bad, error in [("ab", TypeError), ([], ValueError), (["a", "a"], ValueError)]:
        with pytest.raises(error):
            check_vocab(bad, 1, 1.0)
    for value, error in [(True, TypeError), ("1", TypeError), (-1, ValueError), (1.5, ValueError)]:
        with pytest.raises(error):
            check_df("min_df", value)
    assert (df_bound(3, 40), df_bound(0.25, 40)) == (3.0, 10.0)
