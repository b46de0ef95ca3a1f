"""Tests of textlab.scale.local: chunks, tokens on several cores, counts on disk, metadata of the rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from textlab import topics
from textlab.core.io import InputError
from textlab.features.chunks import chunk_rows
from textlab.features.dtm import DTMVectorizer
from textlab.features.tokenize import Tokenizer
from textlab.scale.counts import StreamedCounts
from textlab.scale.local import (
    TextPipeline,
    chunk_texts,
    count_to_disk,
    counts_metadata,
    is_fitted,
    tokenize_stream,
)
from textlab.scale.sources import iter_texts

# ----------------------------------------------------------------------------- chunks and the pipeline


def test_chunk_texts_cuts_as_chunk_rows_does():
    rng = np.random.default_rng(0)
    texts = [" ".join(f"w{i}" for i in range(n)) for n in rng.integers(1, 2500, size=30)]
    frame = pd.DataFrame({"doc_id": [f"r{i}" for i in range(30)], "text": texts})
    want = chunk_rows(frame, size=500, min_words=120)
    got = list(chunk_texts(zip(frame["doc_id"], frame["text"]), size=500, min_words=120))
    assert got == list(zip(want["chunk_id"], want["text"]))


def test_the_pipeline_cleans_cuts_and_tokenises_as_chunk_texts_and_the_tokenizer_do(tmp_path, tok):
    text = " ".join(["The parties of the workers met in congress."] * 40)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    steps = TextPipeline(tok, str.lower, 90, 30)
    want = [(i, tok(t)) for i, (_, t) in enumerate(chunk_texts([("a", text.lower())], size=90, min_words=30))]
    assert steps(text) == steps(tmp_path / "a.txt") == want  # a text, or a file read by the worker
    assert is_fitted(tok) and is_fitted(Tokenizer(phrases=False)) and not is_fitted(Tokenizer())


# ----------------------------------------------------------------------------- tokenising on several cores


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_tokenize_stream_gives_the_tokenizers_tokens_in_order(rows, tok, n_jobs):
    pairs = list(zip(rows["doc_id"], rows["text"]))
    got = list(tokenize_stream(iter(pairs), tok, n_jobs=n_jobs, chunk_size=7, progress=False))
    assert [d for d, _ in got] == rows["doc_id"].tolist()  # input order, across 8 batches
    assert got == [(d, tok(t)) for d, t in pairs]
    assert any("_" in w for _, ts in got for w in ts)  # the learned phrases are used in the workers


def test_tokenize_stream_reads_a_folder_of_files(tmp_path, rows, tok):
    # names whose sorted order is not the order they were written in
    for i, (d, t) in enumerate(zip(rows["doc_id"], rows["text"])):
        (tmp_path / f"{(i * 37) % 50:02d}-{d}.txt").write_text(t, encoding="utf-8")
    files = sorted(tmp_path.glob("*.txt"))
    want = [(p.stem, tok(p.read_text(encoding="utf-8"))) for p in files]
    got = list(tokenize_stream(iter_texts(tmp_path), tok, n_jobs=2, chunk_chars=20_000, progress=False))
    assert got == want


def test_tokenize_stream_needs_a_fitted_tokenizer_and_names_a_failing_document(tok):
    with pytest.raises(ValueError, match="not fitted"):
        tokenize_stream([("a", "text")], Tokenizer(), n_jobs=1)
    bad = [("fine", "The party."), ("broken", None), ("later", "x")]
    for n_jobs in (1, 2):
        with pytest.raises(RuntimeError, match="'broken'.*TypeError"):
            list(tokenize_stream(bad, tok, n_jobs=n_jobs, chunk_size=1, progress=False))


# ----------------------------------------------------------------------------- counts on disk


@pytest.mark.parametrize(("min_df", "max_df"), [(1, 1.0), (2, 0.5), (0.1, 30)])
def test_counts_on_disk_equal_the_dtm_vectorizers(tmp_path, rows, tok, min_df, max_df):
    m = DTMVectorizer(tokenizer=tok, min_df=min_df, max_df=max_df).fit_transform(rows)
    stream = tokenize_stream(zip(rows["doc_id"], rows["text"]), tok, n_jobs=2, chunk_size=9, progress=False)
    info = count_to_disk(stream, tmp_path / "c", min_df=min_df, max_df=max_df, block_docs=8)
    c = StreamedCounts(info.out_dir)
    assert c.vocab.tolist() == m.vocab.tolist()
    assert c.doc_ids.tolist() == rows["doc_id"].tolist()
    X = sp.load_npz(tmp_path / "c" / "counts.npz")  # scipy reads the file as it is
    assert X.format == "csr" and X.shape == m.X.shape and (X != m.X).nnz == 0
    assert (c.to_dtm().X != m.X).nnz == 0 and X.has_sorted_indices
    assert c.matrix_hash() == topics.matrix_hash(m.X, m.vocab, rows["doc_id"])
    assert (info.n_docs, info.n_terms, info.nnz, info.n_tokens) == (50, m.X.shape[1], m.X.nnz, int(m.X.sum()))
    # the tokenised corpus is on disk too, every token kept (also those min_df/max_df leave out of the counts)
    assert list(c.iter_tokens()) == [(d, tok(t)) for d, t in zip(rows["doc_id"], rows["text"])]


def test_counts_with_a_fixed_vocabulary_keep_its_order(tmp_path):
    docs = [("a", ["war", "peace", "war", "bread"]), ("b", ["land"]), ("c", [])]
    info = count_to_disk(docs, tmp_path / "c", vocab=["war", "land", "unseen"])
    c = StreamedCounts(info.out_dir)
    assert c.vocab.tolist() == ["war", "land", "unseen"]
    assert c.to_dtm().X.toarray().tolist() == [[2, 0, 0], [0, 1, 0], [0, 0, 0]]
    with pytest.raises(ValueError, match="distinct"):
        count_to_disk(docs, tmp_path / "d", vocab=["war", "war"])


def test_count_to_disk_with_the_same_key_does_not_read_its_stream(tmp_path):
    first = count_to_disk([("a", ["war"]), ("b", ["peace"])], tmp_path, key="k1")

    def never():
        raise AssertionError("the token stream was read")
        yield

    again = count_to_disk(never(), tmp_path, key="k1")
    assert again.cached and not first.cached and again.key == "k1"


# ----------------------------------------------------------------------------- metadata of the rows


def test_counts_metadata_gives_each_chunk_its_documents_row_and_names_what_is_missing(tmp_path):
    count_to_disk([("x/a#0", ["tsar"]), ("x/a#1", ["court"]), ("b", ["party"])], tmp_path / "c")
    meta = pd.DataFrame({"file": ["b.txt", "x/a.txt"], "year": [1923, 1920]})
    got = counts_metadata(tmp_path / "c", meta)
    assert got.values.tolist() == [["x/a#0", "x/a", "1920"], ["x/a#1", "x/a", "1920"], ["b", "b", "1923"]]
    (tmp_path / "m.csv").write_text("doc,year\nb,1923\n")
    with pytest.raises(InputError, match=r"m\.csv: no column 'file'"):
        counts_metadata(tmp_path / "c", tmp_path / "m.csv")
    with pytest.raises(InputError, match=r"m\.csv: 1 documents .* not listed in doc, e\.g\. \['x/a'\]"):
        counts_metadata(tmp_path / "c", tmp_path / "m.csv", id_column="doc")
    with pytest.raises(InputError, match="more than once"):
        counts_metadata(tmp_path / "c", pd.DataFrame({"file": ["b", "b.txt", "x/a"]}))
