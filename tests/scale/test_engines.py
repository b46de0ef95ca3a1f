"""Tests of textlab.scale.engines: build_counts on the local engine (cached, cleaned, chunked) and corpus_counts.

The Spark engine's build_counts is tested in test_spark.py.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from textlab import topics
from textlab.core.io import InputError
from textlab.corpus.build import build_corpus
from textlab.corpus.streamed import build_corpus_table
from textlab.features.chunks import chunk_rows
from textlab.features.dtm import DTMVectorizer
from textlab.features.tokenize import Tokenizer
from textlab.scale import engines, local
from textlab.scale.counts import StreamedCounts
from textlab.scale.engines import build_counts, corpus_counts
from textlab.scale.local import TextPipeline, count_to_disk, counts_metadata

SMALL = Path(__file__).parent.parent / "data" / "small_corpus"


def test_build_counts_runs_once_and_then_answers_from_disk(tmp_path, rows, monkeypatch):
    folder = tmp_path / "texts"
    folder.mkdir()
    for d, t in zip(rows["doc_id"], rows["text"]):
        (folder / f"{d}.txt").write_text(t, encoding="utf-8")
    calls = []
    real = local.map_stream

    def counting(fn, *args, **kwargs):
        if isinstance(fn, TextPipeline):  # the pass that reads, cleans and tokenises (not the hashing pass)
            calls.append(1)
        return real(fn, *args, **kwargs)

    monkeypatch.setattr(local, "map_stream", counting)
    given = Tokenizer(phrase_min_count=3)
    out = tmp_path / "counts"
    first = build_counts(folder, out, tokenizer=given, n_jobs=2, min_df=2, progress=False)
    assert not first.cached and calls == [1]
    assert given.phrasegrams == {}  # the tokenizer passed in is not changed (a copy learns the phrases)
    # 50 documents <= sample_docs: the sample is the corpus, so the counts are the in-memory path's
    by_name = rows.sort_values("doc_id").reset_index(drop=True)  # the files are read in name order
    m = DTMVectorizer(tokenizer=Tokenizer(phrase_min_count=3), min_df=2).fit_transform(by_name)
    c = first.counts()
    assert c.vocab.tolist() == m.vocab.tolist() and (c.to_dtm().X != m.X).nnz == 0
    assert sorted(first.manifest["settings"]["phrases"]) == sorted(m.tokenizer.phrasegrams)
    assert {"scan", "phrases", "tokenise_count", "count", "finalise"} <= set(first.seconds)
    stamp = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    second = build_counts(folder, out, tokenizer=Tokenizer(phrase_min_count=3), n_jobs=2, min_df=2)
    assert second.cached and second.key == first.key and calls == [1]  # nothing tokenised
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamp  # nothing rewritten
    assert second.seconds == {"scan": second.seconds["scan"]}

    # the lower-level call with the same key does not even read its token stream
    def never():
        raise AssertionError("the token stream was read")
        yield

    assert count_to_disk(never(), out, key=first.key).cached

    # any change of texts, tokenizer settings or counting settings makes a new result
    (folder / f"{rows['doc_id'][0]}.txt").write_text("A new text about the party.", encoding="utf-8")
    assert not build_counts(folder, out, tokenizer=Tokenizer(phrase_min_count=3), min_df=2, progress=False).cached
    assert not build_counts(folder, out, tokenizer=Tokenizer(phrase_min_count=4), min_df=2, progress=False).cached
    assert not build_counts(folder, out, tokenizer=Tokenizer(phrase_min_count=4), min_df=1, progress=False).cached
    assert calls == [1, 1, 1, 1]


def test_build_counts_cleans_and_chunks_in_the_workers_as_the_in_memory_path_does(tmp_path, rows):
    clean = functools.partial(re.sub, r"(?i)\bpart(?:y|ies)\b", "movement")
    with pytest.raises(ValueError, match="clean_key"):
        build_counts(rows, tmp_path / "c", clean=clean)
    opts = dict(chunk_words=200, min_words=50, clean=clean, clean_key="party->movement v1", min_df=2, progress=False)
    info = build_counts(rows, tmp_path / "c", tokenizer=Tokenizer(phrase_min_count=3), n_jobs=2, **opts)
    cleaned = rows.assign(text=[clean(t) for t in rows["text"]])
    chunks = chunk_rows(cleaned, size=200, min_words=50)
    m = DTMVectorizer(tokenizer=Tokenizer(phrase_min_count=3), min_df=2).fit_transform(chunks)
    c = info.counts()
    assert c.doc_ids.tolist() == chunks["chunk_id"].tolist()
    assert c.vocab.tolist() == m.vocab.tolist() and (c.to_dtm().X != m.X).nnz == 0
    assert "movement" in c.vocab and "party" not in c.vocab
    # fewer documents than the sample holds: a seeded draw of them, the same on every run
    few = dict(opts, sample_docs=10)
    a = build_counts(rows, tmp_path / "a", tokenizer=Tokenizer(phrase_min_count=3), n_jobs=1, **few)
    b = build_counts(rows, tmp_path / "b", tokenizer=Tokenizer(phrase_min_count=3), n_jobs=2, **few)
    assert a.key == b.key and a.manifest["settings"]["phrases"] == b.manifest["settings"]["phrases"]
    assert a.key != info.key and len(a.manifest["settings"]["phrases"]) < len(info.manifest["settings"]["phrases"])
    assert (a.counts().to_dtm().X != b.counts().to_dtm().X).nnz == 0


def test_errors_name_the_engine_and_the_file_the_workers_read(tmp_path):
    with pytest.raises(ValueError, match="engine must be 'local' or 'spark', got 'dask'"):
        build_counts(SMALL, tmp_path / "x", engine="dask")
    with pytest.raises(ValueError, match="engine must be"):
        engines.check_engine("Spark")
    (tmp_path / "good.txt").write_text("The party met.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("first line\ncaf\xe9 au lait\n".encode("latin-1"))
    for n_jobs in (1, 2):  # through the whole pipeline, where the workers read the files
        with pytest.raises(InputError, match=r"latin1\.txt line 2"):
            build_counts(tmp_path, tmp_path / "out", tokenizer=Tokenizer(phrases=False), n_jobs=n_jobs)
    assert not (tmp_path / "out").exists()


def test_corpus_counts_are_the_in_memory_chunk_counts_of_the_bundled_corpus(corpus, tmp_path):
    info = corpus_counts(corpus, tmp_path / "c", n_jobs=2)
    chunks, m = topics.corpus_chunk_dtm(corpus)
    c = info.counts()
    assert c.doc_ids.tolist() == chunks["chunk_id"].tolist() and c.vocab.tolist() == m.vocab.tolist()
    assert (c.to_dtm().X != m.X).nnz == 0 and c.n_docs > 800
    assert corpus_counts(corpus, tmp_path / "c", n_jobs=2).cached


def test_a_corpus_table_on_disk_feeds_the_streamed_counts_and_their_metadata(tmp_path):
    """build_corpus_table -> build_counts(docs.csv, primary rows) -> counts_metadata: the counts equal those of the
    in-memory table's rows, and every chunk gets its document's author, with no corpus in memory."""
    table = build_corpus_table(SMALL, SMALL / "metadata.csv", tmp_path / "table", n_jobs=2, progress=False)
    tok = Tokenizer(phrases=False)
    settings = dict(tokenizer=tok, chunk_words=500, min_df=2, n_jobs=2, progress=False)
    info = build_counts(table.docs_csv, tmp_path / "counts", where={"kind": ["primary"]}, **settings)
    docs = build_corpus(SMALL, SMALL / "metadata.csv").docs
    primary = docs[docs["kind"] == "primary"][["doc_id", "text"]]
    ref = build_counts(primary, tmp_path / "ref", **settings)
    got, want = StreamedCounts(info.out_dir), StreamedCounts(ref.out_dir)
    assert got.doc_ids.tolist() == want.doc_ids.tolist() and got.vocab.tolist() == want.vocab.tolist()
    assert (got.to_dtm().X != want.to_dtm().X).nnz == 0
    meta = counts_metadata(got, table.metadata(), id_column="doc_id")
    author = dict(zip(docs["doc_id"], docs["author"]))
    assert meta["author"].tolist() == [author[d] for d in meta["doc_id"]]
    assert set(meta["doc_id"]) == set(primary["doc_id"])  # the 2 quotation files stay out
