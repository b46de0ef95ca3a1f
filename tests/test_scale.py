"""Tests of textlab.scale.local: streamed texts, tokens on several cores, counts on disk, streamed LDA."""

from __future__ import annotations

import functools
import json
import os
import pickle
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from tests.planted import cosine_match, planted, token_lists
from textlab import topics
from textlab.core.io import InputError
from textlab.features.chunks import chunk_rows
from textlab.features.dtm import DTMVectorizer
from textlab.features.tokenize import Tokenizer
from textlab.scale import local as scale
from textlab.topics import coherence
from textlab.topics.labels import top_words


@pytest.fixture(scope="module")
def rows(corpus) -> pd.DataFrame:
    """The first 50 primary rows of the bundled corpus."""
    docs = corpus.docs
    return docs[docs["kind"] == "primary"].head(50)[["doc_id", "text"]].reset_index(drop=True)


@pytest.fixture(scope="module")
def tok(rows) -> Tokenizer:
    """The default tokenizer with phrases learned on the rows (a low count, so that phrases occur)."""
    t = Tokenizer(phrase_min_count=3).fit(rows["text"].tolist())
    assert len(t.phrasegrams) > 20
    return t


# ----------------------------------------------------------------------------- streaming texts


def test_iter_texts_streams_a_sorted_folder_a_csv_in_chunks_and_a_frame(tmp_path, monkeypatch):
    for name, text in [("b.txt", "second"), ("a.txt", "first"), ("c.md", "not text"), ("sub/d.txt", "deep")]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    it = scale.iter_texts(tmp_path)
    assert iter(it) is it  # a stream, not a list
    assert list(it) == [("a", "first"), ("b", "second")]
    assert [d for d, _ in scale.iter_texts(tmp_path, pattern="**/*.txt")] == ["a", "b", "sub/d"]

    table = pd.DataFrame(
        {
            "doc_id": ["x", "y", "z", "w", "v"],
            "kind": ["primary", "notes", "primary", "primary", "quotation"],
            "text": ['with, "quotes"\nand a line', "b", "", "d", "e"],
        }
    )
    table.to_csv(tmp_path / "docs.csv", index=False)
    sizes = []
    read_csv = pd.read_csv

    def spy(*args, **kwargs):
        sizes.append(kwargs.get("chunksize"))
        return read_csv(*args, **kwargs)

    monkeypatch.setattr(pd, "read_csv", spy)
    want = [("x", 'with, "quotes"\nand a line'), ("z", ""), ("w", "d")]
    assert list(scale.iter_texts(tmp_path / "docs.csv", where={"kind": ["primary"]}, chunk_rows=2)) == want
    assert sizes == [2]  # read in chunks of rows, never whole
    assert list(scale.iter_texts(table, where={"kind": "primary"})) == want


def test_chunk_texts_cuts_as_chunk_rows_does():
    rng = np.random.default_rng(0)
    texts = [" ".join(f"w{i}" for i in range(n)) for n in rng.integers(1, 2500, size=30)]
    frame = pd.DataFrame({"doc_id": [f"r{i}" for i in range(30)], "text": texts})
    want = chunk_rows(frame, size=500, min_words=120)
    got = list(scale.chunk_texts(zip(frame["doc_id"], frame["text"]), size=500, min_words=120))
    assert got == list(zip(want["chunk_id"], want["text"]))


# ----------------------------------------------------------------------------- tokenising on several cores


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_tokenize_stream_gives_the_tokenizers_tokens_in_order(rows, tok, n_jobs):
    pairs = list(zip(rows["doc_id"], rows["text"]))
    got = list(scale.tokenize_stream(iter(pairs), tok, n_jobs=n_jobs, chunk_size=7, progress=False))
    assert [d for d, _ in got] == rows["doc_id"].tolist()  # input order, across 8 batches
    assert got == [(d, tok(t)) for d, t in pairs]
    assert any("_" in w for _, ts in got for w in ts)  # the learned phrases are used in the workers


def test_tokenize_stream_reads_a_folder_of_files(tmp_path, rows, tok):
    # names whose sorted order is not the order they were written in
    for i, (d, t) in enumerate(zip(rows["doc_id"], rows["text"])):
        (tmp_path / f"{(i * 37) % 50:02d}-{d}.txt").write_text(t, encoding="utf-8")
    files = sorted(tmp_path.glob("*.txt"))
    want = [(p.stem, tok(p.read_text(encoding="utf-8"))) for p in files]
    got = list(scale.tokenize_stream(scale.iter_texts(tmp_path), tok, n_jobs=2, chunk_chars=20_000, progress=False))
    assert got == want


def test_tokenize_stream_needs_a_fitted_tokenizer_and_names_a_failing_document(tok):
    with pytest.raises(ValueError, match="not fitted"):
        scale.tokenize_stream([("a", "text")], Tokenizer(), n_jobs=1)
    bad = [("fine", "The party."), ("broken", None), ("later", "x")]
    for n_jobs in (1, 2):
        with pytest.raises(RuntimeError, match="'broken'.*TypeError"):
            list(scale.tokenize_stream(bad, tok, n_jobs=n_jobs, chunk_size=1, progress=False))


# ----------------------------------------------------------------------------- counts on disk


@pytest.mark.parametrize(("min_df", "max_df"), [(1, 1.0), (2, 0.5), (0.1, 30)])
def test_counts_on_disk_equal_the_dtm_vectorizers(tmp_path, rows, tok, min_df, max_df):
    m = DTMVectorizer(tokenizer=tok, min_df=min_df, max_df=max_df).fit_transform(rows)
    stream = scale.tokenize_stream(zip(rows["doc_id"], rows["text"]), tok, n_jobs=2, chunk_size=9, progress=False)
    info = scale.count_to_disk(stream, tmp_path / "c", min_df=min_df, max_df=max_df, block_docs=8)
    c = scale.StreamedCounts(info.out_dir)
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
    info = scale.count_to_disk(docs, tmp_path / "c", vocab=["war", "land", "unseen"])
    c = scale.StreamedCounts(info.out_dir)
    assert c.vocab.tolist() == ["war", "land", "unseen"]
    assert c.to_dtm().X.toarray().tolist() == [[2, 0, 0], [0, 1, 0], [0, 0, 0]]


def test_build_counts_runs_once_and_then_answers_from_disk(tmp_path, rows, monkeypatch):
    folder = tmp_path / "texts"
    folder.mkdir()
    for d, t in zip(rows["doc_id"], rows["text"]):
        (folder / f"{d}.txt").write_text(t, encoding="utf-8")
    calls = []
    real = scale.map_stream

    def counting(fn, *args, **kwargs):
        if isinstance(fn, scale._Pipeline):  # the pass that reads, cleans and tokenises (not the hashing pass)
            calls.append(1)
        return real(fn, *args, **kwargs)

    monkeypatch.setattr(scale, "map_stream", counting)
    given = Tokenizer(phrase_min_count=3)
    out = tmp_path / "counts"
    first = scale.build_counts(folder, out, tokenizer=given, n_jobs=2, min_df=2, progress=False)
    assert not first.cached and calls == [1]
    assert given.phrasegrams == {}  # the tokenizer passed in is not changed (a copy learns the phrases)
    # 50 documents <= sample_docs: the sample is the corpus, so the counts are the in-memory path's
    by_name = rows.sort_values("doc_id").reset_index(drop=True)  # the files are read in name order
    m = DTMVectorizer(tokenizer=Tokenizer(phrase_min_count=3), min_df=2).fit_transform(by_name)
    c = first.counts()
    assert c.vocab.tolist() == m.vocab.tolist() and (c.to_dtm().X != m.X).nnz == 0
    assert sorted(first.manifest["settings"]["phrases"]) == sorted(m.tokenizer.phrasegrams)
    stamp = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    second = scale.build_counts(folder, out, tokenizer=Tokenizer(phrase_min_count=3), n_jobs=2, min_df=2)
    assert second.cached and second.key == first.key and calls == [1]  # nothing tokenised
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamp  # nothing rewritten

    # the lower-level call with the same key does not even read its token stream
    def never():
        raise AssertionError("the token stream was read")
        yield

    assert scale.count_to_disk(never(), out, key=first.key).cached

    # any change of texts, tokenizer settings or counting settings makes a new result
    (folder / f"{rows['doc_id'][0]}.txt").write_text("A new text about the party.", encoding="utf-8")
    assert not scale.build_counts(folder, out, tokenizer=Tokenizer(phrase_min_count=3), min_df=2, progress=False).cached
    assert not scale.build_counts(folder, out, tokenizer=Tokenizer(phrase_min_count=4), min_df=2, progress=False).cached
    assert not scale.build_counts(folder, out, tokenizer=Tokenizer(phrase_min_count=4), min_df=1, progress=False).cached
    assert calls == [1, 1, 1, 1]


def test_build_counts_cleans_and_chunks_in_the_workers_as_the_in_memory_path_does(tmp_path, rows):
    clean = functools.partial(re.sub, r"(?i)\bpart(?:y|ies)\b", "movement")
    with pytest.raises(ValueError, match="clean_key"):
        scale.build_counts(rows, tmp_path / "c", clean=clean)
    opts = dict(chunk_words=200, min_words=50, clean=clean, clean_key="party->movement v1", min_df=2, progress=False)
    info = scale.build_counts(rows, tmp_path / "c", tokenizer=Tokenizer(phrase_min_count=3), n_jobs=2, **opts)
    cleaned = rows.assign(text=[clean(t) for t in rows["text"]])
    chunks = chunk_rows(cleaned, size=200, min_words=50)
    m = DTMVectorizer(tokenizer=Tokenizer(phrase_min_count=3), min_df=2).fit_transform(chunks)
    c = info.counts()
    assert c.doc_ids.tolist() == chunks["chunk_id"].tolist()
    assert c.vocab.tolist() == m.vocab.tolist() and (c.to_dtm().X != m.X).nnz == 0
    assert "movement" in c.vocab and "party" not in c.vocab
    # fewer documents than the sample holds: a seeded draw of them, the same on every run
    few = dict(opts, sample_docs=10)
    a = scale.build_counts(rows, tmp_path / "a", tokenizer=Tokenizer(phrase_min_count=3), n_jobs=1, **few)
    b = scale.build_counts(rows, tmp_path / "b", tokenizer=Tokenizer(phrase_min_count=3), n_jobs=2, **few)
    assert a.key == b.key and a.manifest["settings"]["phrases"] == b.manifest["settings"]["phrases"]
    assert a.key != info.key and len(a.manifest["settings"]["phrases"]) < len(info.manifest["settings"]["phrases"])
    assert (a.counts().to_dtm().X != b.counts().to_dtm().X).nnz == 0


def test_a_failed_write_leaves_no_partial_files_and_keeps_the_previous_result(tmp_path):
    def failing(n):
        for i in range(n):
            yield f"d{i}", ["war", "peace"]
        raise RuntimeError("the source broke")

    out = tmp_path / "counts"
    with pytest.raises(RuntimeError, match="the source broke"):
        scale.count_to_disk(failing(5000), out, key="k", block_docs=100)
    assert not out.exists()  # the folder it made is gone, with every temporary file

    good = scale.count_to_disk([("a", ["war"]), ("b", ["peace"])], out, key="old")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(RuntimeError, match="the source broke"):
        scale.count_to_disk(failing(3000), out, key="new", block_docs=100)
    with pytest.raises(ValueError, match="no terms remain"):  # an error while writing the final files
        scale.count_to_disk([("a", ["war"]), ("b", ["peace"])], out, key="new", min_df=2)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no partial or temporary files
    assert scale.cached_counts(out, "old") is not None and scale.cached_counts(out, "new") is None
    assert scale.StreamedCounts(out).to_dtm().X.toarray().tolist() == [[0, 1], [1, 0]]
    assert good.n_docs == 2


def test_bad_input_raises_an_error_naming_the_file(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(InputError, match="nowhere: no such folder"):
        scale.iter_texts(missing)
    with pytest.raises(InputError, match="no files matching"):
        scale.iter_texts(tmp_path)
    (tmp_path / "good.txt").write_text("The party met.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("first line\ncaf\xe9 au lait\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.txt line 2: not UTF-8"):
        list(scale.iter_texts(tmp_path))
    for n_jobs in (1, 2):  # through the whole pipeline too, where the workers read the files
        with pytest.raises(InputError, match=r"latin1\.txt line 2"):
            scale.build_counts(tmp_path, tmp_path / "out", tokenizer=Tokenizer(phrases=False), n_jobs=n_jobs)
    assert not (tmp_path / "out").exists()
    (tmp_path / "t.csv").write_text("id,body\na,text\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.csv: no column\(s\) \['doc_id', 'text'\]"):
        list(scale.iter_texts(tmp_path / "t.csv"))
    (tmp_path / "u.csv").write_bytes("doc_id,text\na,caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"u\.csv: not UTF-8"):
        list(scale.iter_texts(tmp_path / "u.csv"))
    with pytest.raises(InputError, match="no complete counts"):
        scale.StreamedCounts(tmp_path)


# ----------------------------------------------------------------------------- reading back, topics, coherence


def test_streamed_counts_are_the_matrix_rows_as_a_gensim_corpus(tmp_path):
    X, vocab, _ = planted(n_docs=23, seed=2)
    X = X.tolil()
    X[5, :] = 0  # an empty document
    X = X.tocsr()
    X.eliminate_zeros()
    ids = [f"d{i:03d}" for i in range(23)]
    scale.count_to_disk(token_lists(X, vocab), tmp_path, vocab=vocab)
    c = scale.StreamedCounts(tmp_path, block_docs=4)  # blocks end inside the corpus
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


def test_fit_streamed_recovers_planted_topics_whatever_the_workers(tmp_path):
    X, vocab, phi = planted(n_docs=150, seed=4)
    scale.count_to_disk(token_lists(X, vocab), tmp_path, vocab=vocab)
    one = scale.fit_streamed(tmp_path, 3, seed=1, chunksize=40, passes=8, n_jobs=1, progress=False)
    two = scale.fit_streamed(tmp_path, 3, seed=1, chunksize=40, passes=8, n_jobs=2, progress=False)
    assert np.array_equal(one.topic_word, two.topic_word) and np.array_equal(one.doc_topic, two.doc_topic)
    assert cosine_match(phi, two.topic_word).min() > 0.9
    assert isinstance(two, topics.TopicModel) and two.k == 3 and two.backend == "gensim-streamed"
    assert np.allclose(two.topic_word.sum(axis=1), 1) and np.allclose(two.doc_topic.sum(axis=1), 1)
    assert two.doc_lengths.tolist() == np.asarray(X.sum(axis=1)).ravel().tolist()
    assert two.doc_ids[0] == "d000" and two.vocab.tolist() == vocab
    assert two.corpus_hash == topics.matrix_hash(X, vocab, two.doc_ids)
    # every later textlab function takes it
    assert np.isfinite(topics.perplexity(two, X))
    assert np.array_equal(topics.TopicModel.load(two.save(tmp_path / "m.npz")).topic_word, two.topic_word)
    other = scale.fit_streamed(tmp_path, 3, seed=2, chunksize=40, passes=8, n_jobs=2, progress=False)
    assert not np.array_equal(other.topic_word, two.topic_word)


@pytest.mark.parametrize("measure", ["npmi", "umass"])
def test_streamed_coherence_equals_textlab_coherence(tmp_path, measure):
    X, vocab, _ = planted(n_docs=60, seed=5)
    scale.count_to_disk(token_lists(X, vocab), tmp_path, vocab=vocab)
    W = np.random.default_rng(0).random((4, len(vocab)))
    cooc = coherence.Cooccurrence(X, vocab)
    want = coherence.topic_coherence(W, cooc, measure=measure, top_n=6)
    c = scale.StreamedCounts(tmp_path, block_docs=7)
    assert np.allclose(scale.streamed_coherence(W, c, measure=measure, top_n=6), want, rtol=0, atol=1e-12)
    words = top_words(W, vocab, n=6)
    assert np.allclose(scale.streamed_coherence(words, c, measure=measure, top_n=6), want, rtol=0, atol=1e-12)


def test_manifest_records_the_inputs_and_the_files(tmp_path):
    info = scale.count_to_disk([("a", ["war"]), ("b", ["war", "peace"])], tmp_path, key="abc", settings={"x": 1})
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["key"] == "abc" and manifest["settings"] == {"x": 1} and manifest == info.manifest
    assert set(manifest["files"]) == set(scale.COUNT_FILES + scale.TOKEN_FILES)
    assert sorted(os.listdir(tmp_path)) == sorted(list(manifest["files"]) + ["manifest.json"])


def test_corpus_counts_are_the_in_memory_chunk_counts_of_the_bundled_corpus(corpus, tmp_path):
    info = scale.corpus_counts(corpus, tmp_path / "c", n_jobs=2)
    chunks, m = topics.corpus_chunk_dtm(corpus)
    c = info.counts()
    assert c.doc_ids.tolist() == chunks["chunk_id"].tolist() and c.vocab.tolist() == m.vocab.tolist()
    assert (c.to_dtm().X != m.X).nnz == 0 and c.n_docs > 800
    assert scale.corpus_counts(corpus, tmp_path / "c", n_jobs=2).cached


def test_counts_metadata_gives_each_chunk_its_documents_row_and_names_what_is_missing(tmp_path):
    scale.count_to_disk([("x/a#0", ["tsar"]), ("x/a#1", ["court"]), ("b", ["party"])], tmp_path / "c")
    meta = pd.DataFrame({"file": ["b.txt", "x/a.txt"], "year": [1923, 1920]})
    got = scale.counts_metadata(tmp_path / "c", meta)
    assert got.values.tolist() == [["x/a#0", "x/a", "1920"], ["x/a#1", "x/a", "1920"], ["b", "b", "1923"]]
    (tmp_path / "m.csv").write_text("doc,year\nb,1923\n")
    with pytest.raises(InputError, match=r"m\.csv: no column 'file'"):
        scale.counts_metadata(tmp_path / "c", tmp_path / "m.csv")
    with pytest.raises(InputError, match=r"m\.csv: 1 documents .* not listed in doc, e\.g\. \['x/a'\]"):
        scale.counts_metadata(tmp_path / "c", tmp_path / "m.csv", id_column="doc")
    with pytest.raises(InputError, match="more than once"):
        scale.counts_metadata(tmp_path / "c", pd.DataFrame({"file": ["b", "b.txt", "x/a"]}))


def test_fit_streamed_has_the_gensim_backends_defaults():
    import inspect

    from textlab.topics.backends import gensim_lda

    backend = inspect.signature(gensim_lda.fit).parameters
    streamed = inspect.signature(scale.fit_streamed).parameters
    shared = {"passes", "iterations", "alpha", "eta", "decay", "offset"}
    assert shared <= set(backend) and shared <= set(streamed)
    assert {p: streamed[p].default for p in shared} == {p: backend[p].default for p in shared}


# ----------------------------------------------------------------------------- from a corpus table on disk


def test_a_corpus_table_on_disk_feeds_the_streamed_counts_and_their_metadata(tmp_path):
    """build_corpus_table -> build_counts(docs.csv, primary rows) -> counts_metadata: the counts equal those of the
    in-memory table's rows, and every chunk gets its document's author, with no corpus in memory."""
    from textlab.corpus.table import build_corpus, build_corpus_table

    small = Path(__file__).parent / "data" / "small_corpus"
    table = build_corpus_table(small, small / "metadata.csv", tmp_path / "table", n_jobs=2, progress=False)
    tok = Tokenizer(phrases=False)
    settings = dict(tokenizer=tok, chunk_words=500, min_df=2, n_jobs=2, progress=False)
    info = scale.build_counts(table.docs_csv, tmp_path / "counts", where={"kind": ["primary"]}, **settings)
    docs = build_corpus(small, small / "metadata.csv").docs
    primary = docs[docs["kind"] == "primary"][["doc_id", "text"]]
    ref = scale.build_counts(primary, tmp_path / "ref", **settings)
    got, want = scale.StreamedCounts(info.out_dir), scale.StreamedCounts(ref.out_dir)
    assert got.doc_ids.tolist() == want.doc_ids.tolist() and got.vocab.tolist() == want.vocab.tolist()
    assert (got.to_dtm().X != want.to_dtm().X).nnz == 0
    meta = scale.counts_metadata(got, table.metadata(), id_column="doc_id")
    author = dict(zip(docs["doc_id"], docs["author"]))
    assert meta["author"].tolist() == [author[d] for d in meta["doc_id"]]
    assert set(meta["doc_id"]) == set(primary["doc_id"])  # the 2 quotation files stay out
