"""Tests of textlab.scale.spark and the Spark topic backend: the local engine's tokens, counts and (agreeing) topics.

Spark runs in local mode (``local[2]``, loopback only) in one session for the whole file. These tests
need pyspark and Java 17 and are never skipped: without them they fail.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from tests.planted import cosine_match, planted, token_lists
from textlab import scale, topics
from textlab.core.io import InputError
from textlab.features.tokenize import Tokenizer
from textlab.scale import spark as tspark
from textlab.topics.backends import spark_lda
from textlab.topics.coherence import streamed_coherence
from textlab.topics.labels import top_frex
from textlab.topics.prevalence import prevalence
from textlab.topics.stability import align_topics

SMALL = Path(__file__).parent.parent / "data" / "small_corpus"

# pyspark 4.3 warns that it does not yet fully support pandas 3 (the tests check the results themselves)
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")


@pytest.fixture(scope="session")
def spark():
    session = tspark.spark_session("local[2]", app_name="textlab-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def jobs(session) -> int:
    """Spark jobs run so far in the session."""
    return len(session.sparkContext.statusTracker().getJobIdsForGroup())


def assert_same_counts(a: scale.CountsInfo, b: scale.CountsInfo, keep_tokens: bool = True) -> None:
    """Two counts folders hold the same matrix, vocabulary, ids, tokens and sizes."""
    ca, cb = a.counts(), b.counts()
    assert cb.vocab.tolist() == ca.vocab.tolist()
    assert cb.doc_ids.tolist() == ca.doc_ids.tolist()
    Xa, Xb = sp.load_npz(a.out_dir / "counts.npz"), sp.load_npz(b.out_dir / "counts.npz")
    assert Xb.format == "csr" and Xb.shape == Xa.shape and (Xa != Xb).nnz == 0 and Xb.has_sorted_indices
    assert Xb.dtype == Xa.dtype and cb.matrix_hash() == ca.matrix_hash()
    for name in ("n_docs", "n_terms", "n_types", "nnz", "n_tokens", "n_tokens_all", "vocab", "keep_tokens", "files"):
        assert b.manifest[name] == a.manifest[name], name
    if keep_tokens:
        assert list(cb.iter_tokens()) == list(ca.iter_tokens())
        for name in scale.TOKEN_FILES + ("vocab.json", "doc_ids.json"):
            assert (b.out_dir / name).read_bytes() == (a.out_dir / name).read_bytes(), name
    assert b.key == a.key  # the same inputs: one cache key, whichever engine made the counts
    assert b.manifest["settings"]["engine"] == "spark" and "engine" not in a.manifest["settings"]


# ----------------------------------------------------------------------------- tokens and counts


@pytest.mark.parametrize(
    "opts",
    [
        {},
        {"chunk_words": 300, "min_words": 50, "min_df": 2, "max_df": 0.5},
        {"chunk_words": 200, "min_words": 150, "min_df": 0.03, "max_df": 40},
    ],
    ids=["documents", "chunks-int-min_df", "chunks-share-min_df"],
)
def test_folder_tokens_and_counts_equal_the_local_paths(spark, tmp_path, opts):
    tok = Tokenizer(phrase_min_count=3)
    local = scale.build_counts(SMALL, tmp_path / "local", tokenizer=tok, n_jobs=1, progress=False, **opts)
    dist = scale.build_counts(
        SMALL, tmp_path / "spark", tokenizer=tok, n_jobs=1, progress=False, engine="spark", **opts
    )
    assert not dist.cached and dist.n_docs == local.n_docs > 30
    assert tok.phrasegrams == {}  # the tokenizer passed in is not changed
    assert_same_counts(local, dist)
    c = dist.counts()
    assert any("_" in w for w in c.vocab)  # the phrases learned on the driver are used on the executors
    if "chunk_words" in opts:
        assert all("#" in d for d in c.doc_ids)
    assert {"tokenise", "vocab", "count", "finalise"} <= set(dist.seconds)


def test_table_sources_and_a_sample_smaller_than_the_corpus(spark, tmp_path):
    files = sorted(SMALL.glob("*.txt"))
    table = pd.DataFrame(
        {
            "doc_id": [p.stem for p in files],
            "kind": ["quotation" if "_q_" in p.name else "primary" for p in files],
            "text": [p.read_text(encoding="utf-8") for p in files],
        }
    ).sample(frac=1.0, random_state=3)  # not in name order: the table's order is kept
    table.to_csv(tmp_path / "docs.csv", index=False)
    # a seeded phrase sample of 12 of the documents, no tokens kept, only the primary rows
    opts = dict(
        where={"kind": ["primary"]}, sample_docs=12, seed=5, min_df=2, keep_tokens=False, n_jobs=1, progress=False
    )
    for i, source in enumerate([table, tmp_path / "docs.csv"]):
        local = scale.build_counts(source, tmp_path / f"l{i}", tokenizer=Tokenizer(phrase_min_count=2), **opts)
        dist = scale.build_counts(
            source, tmp_path / f"s{i}", tokenizer=Tokenizer(phrase_min_count=2), engine="spark", **opts
        )
        assert_same_counts(local, dist, keep_tokens=False)
        primary = table[table["kind"] == "primary"]
        assert dist.counts().doc_ids.tolist() == primary["doc_id"].tolist()
        assert 0 < len(dist.manifest["settings"]["phrases"])
        assert not (dist.out_dir / "tokens.npy").exists()
    # a function returning (doc_id, text) pairs
    pairs = list(zip(table["doc_id"], table["text"]))
    fn_opts = dict(tokenizer=Tokenizer(phrases=False), min_df=3, n_jobs=1, progress=False)
    local = scale.build_counts(lambda: iter(pairs), tmp_path / "lf", **fn_opts)
    dist = scale.build_counts(lambda: iter(pairs), tmp_path / "sf", engine="spark", **fn_opts)
    assert_same_counts(local, dist)
    assert dist.counts().doc_ids.tolist() == table["doc_id"].tolist()


def test_frames_step_by_step(spark, tmp_path):
    tok = Tokenizer(phrases=False)
    texts = tspark.texts_frame(spark, SMALL)
    got = texts.orderBy("pos").collect()
    want = list(scale.iter_texts(SMALL))
    assert [(r.doc_id, r.text) for r in got] == want and [r.pos for r in got] == list(range(len(want)))
    tokens = tspark.tokens_frame(texts, tok, chunk_words=400, min_words=100).orderBy("pos", "chunk").collect()
    local = [(d, tok(t)) for d, t in scale.chunk_texts(want, size=400, min_words=100)]
    assert [(r.doc_id, list(r.tokens)) for r in tokens] == local
    with pytest.raises(ValueError, match="not fitted"):
        tspark.tokens_frame(texts, Tokenizer())
    # a fixed vocabulary, in its own order, as count_to_disk keeps it
    vocab = ["worker", "party", "unseen-term", "trotsky"]
    info = tspark.count_frame(tspark.tokens_frame(texts, tok), tmp_path / "c", vocab=vocab)
    ref = scale.count_to_disk(((d, tok(t)) for d, t in want), tmp_path / "ref", vocab=vocab)
    assert info.counts().vocab.tolist() == vocab and info.manifest["vocab"] == "fixed"
    assert (info.counts().to_dtm().X != ref.counts().to_dtm().X).nnz == 0
    assert (tmp_path / "c" / "terms.json").read_bytes() == (tmp_path / "ref" / "terms.json").read_bytes()
    with pytest.raises(ValueError, match="no terms remain"):
        tspark.count_frame(tspark.tokens_frame(texts, tok), tmp_path / "none", min_df=0.9, max_df=0.95)
    assert not (tmp_path / "none").exists()


# ----------------------------------------------------------------------------- the cache


def test_a_second_build_answers_from_disk_without_spark_jobs(spark, tmp_path, monkeypatch):
    folder = tmp_path / "texts"
    shutil.copytree(SMALL, folder)
    opts = dict(chunk_words=300, min_words=50, min_df=2, n_jobs=1, progress=False, engine="spark")
    first = scale.build_counts(folder, tmp_path / "c", tokenizer=Tokenizer(phrase_min_count=3), **opts)
    stamp = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "c").iterdir()}
    before = jobs(spark)
    assert before > 0  # the tracker sees the jobs of the first build

    def fail(*args, **kwargs):
        raise AssertionError("Spark was asked to tokenise again")

    monkeypatch.setattr(tspark, "count_spark", fail)
    second = scale.build_counts(folder, tmp_path / "c", tokenizer=Tokenizer(phrase_min_count=3), **opts)
    assert second.cached and second.key == first.key and jobs(spark) == before
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "c").iterdir()} == stamp
    # the local engine finds the same counts (one key), and a changed text is counted again
    assert scale.build_counts(
        folder, tmp_path / "c", tokenizer=Tokenizer(phrase_min_count=3), **{**opts, "engine": "local"}
    ).cached
    (folder / "gorter_1920_01.txt").write_text("A new text about the party.", encoding="utf-8")
    with pytest.raises(AssertionError, match="tokenise again"):
        scale.build_counts(folder, tmp_path / "c", tokenizer=Tokenizer(phrase_min_count=3), **opts)


# ----------------------------------------------------------------------------- topics


@pytest.fixture(scope="module")
def planted_counts(tmp_path_factory):
    X, vocab, phi = planted(n_docs=150, seed=4)
    out = tmp_path_factory.mktemp("planted")
    scale.count_to_disk(token_lists(X, vocab), out, vocab=vocab)
    return out, X, vocab, phi


def test_spark_lda_recovers_planted_topics_and_aligns_with_the_local_backend(spark, planted_counts, tmp_path):
    out, X, vocab, phi = planted_counts
    model = topics.fit_topics(out, 3, seed=1, engine="spark")
    assert isinstance(model, topics.TopicModel) and model.backend == "spark" and model.k == 3
    assert cosine_match(phi, model.topic_word).min() > 0.9
    local = topics.fit_topics(out, 3, seed=1, chunksize=40, passes=8, n_jobs=1, progress=False)
    assert cosine_match(local.topic_word, model.topic_word).min() > 0.95
    # matched topics, and the documents' shares of them agree too
    perm, sim = align_topics(local.topic_word, model.topic_word)
    assert sim.min() > 0.95
    assert np.abs(local.doc_topic - model.doc_topic[:, perm]).mean() < 0.05

    assert np.allclose(model.topic_word.sum(axis=1), 1) and np.allclose(model.doc_topic.sum(axis=1), 1)
    assert model.doc_lengths.tolist() == np.asarray(X.sum(axis=1)).ravel().tolist()
    assert model.doc_ids.tolist() == [f"d{i:03d}" for i in range(150)] and model.vocab.tolist() == vocab
    assert model.corpus_hash == topics.matrix_hash(X, vocab, model.doc_ids)
    assert model.alpha.shape == (3,) and (model.alpha > 0).all() and model.params["k"] == 3
    # every later textlab function takes it
    again = topics.TopicModel.load(model.save(tmp_path / "m.npz"))
    assert np.array_equal(again.topic_word, model.topic_word) and np.array_equal(again.doc_topic, model.doc_topic)
    assert again.backend == "spark" and again.params == json.loads(json.dumps(model.params))
    assert np.isfinite(topics.perplexity(model, X))
    assert np.isfinite(streamed_coherence(model, out)).all()
    prev = prevalence(model.doc_topic, ["a" if i < 75 else "b" for i in range(150)])
    assert prev.shape == (2, 3) and np.allclose(prev.sum(axis=1), 1)
    assert len(top_frex(model.topic_word, model.vocab, n=5)) == 3


def test_fit_topics_with_engine_spark_is_the_spark_fit(spark, planted_counts):
    out, _, _, phi = planted_counts
    # the local engine's options (n_jobs, progress...) are taken and not used: one call runs on either engine
    model = topics.fit_topics(out, 3, seed=1, engine="spark", passes=5, n_jobs=1, progress=False)
    topic_word, doc_topic, _, params = spark_lda.fit(scale.StreamedCounts(out), 3, seed=1, passes=5, spark=spark)
    assert model.backend == "spark" and np.allclose(model.topic_word, topic_word)
    assert np.allclose(model.doc_topic, doc_topic) and model.params == {"k": 3, **params}
    assert cosine_match(phi, model.topic_word).min() > 0.9
    with pytest.raises(TypeError, match="max_iter"):
        topics.fit_topics(out, 3, engine="spark", max_iter=5)  # Spark's name: passes is the option


def test_spark_lda_settings_and_an_empty_document(spark, tmp_path):
    X, vocab, _ = planted(n_docs=40, seed=2)
    X = X.tolil()
    X[7, :] = 0
    X = X.tocsr()
    X.eliminate_zeros()
    scale.count_to_disk(token_lists(X, vocab), tmp_path, vocab=vocab)
    model = topics.fit_topics(tmp_path, 2, seed=3, engine="spark", passes=3, alpha=0.3, eta=0.05, spark=spark)
    assert np.allclose(model.alpha, 0.3) and model.params["eta"] == 0.05 and model.params["max_iter"] == 3
    assert np.allclose(model.doc_topic[7], [0.5, 0.5])  # an empty document: the prior mean
    with pytest.raises(ValueError, match="k must be"):
        topics.fit_topics(tmp_path, 1, engine="spark", spark=spark)


# ----------------------------------------------------------------------------- errors


def test_errors_name_the_engine_parameter_and_the_file(spark, tmp_path):
    with pytest.raises(ValueError, match="engine must be 'local' or 'spark', got 'dask'"):
        scale.build_counts(SMALL, tmp_path / "x", engine="dask")
    with pytest.raises(ValueError, match="engine must be"):
        topics.fit_topics(tmp_path, 3, engine="Spark")
    (tmp_path / "good.txt").write_text("The party met.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("first line\ncaf\xe9 au lait\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.txt line 2: not UTF-8"):
        scale.build_counts(tmp_path, tmp_path / "out", tokenizer=Tokenizer(phrases=False), engine="spark", n_jobs=1)
    assert not (tmp_path / "out").exists()
    # read on the executors: the error comes back naming the file and its line
    tokens = tspark.tokens_frame(tspark.texts_frame(spark, tmp_path), Tokenizer(phrases=False))
    with pytest.raises(InputError, match=r"latin1\.txt line 2: not UTF-8"):
        tspark.count_frame(tokens, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    with pytest.raises(InputError, match="no files matching"):
        tspark.texts_frame(spark, tmp_path, pattern="*.md")


def test_the_counts_command_runs_on_spark_and_gives_the_local_counts(spark, tmp_path, capsys):
    from textlab.cli import main

    opts = ["--chunk-words", "300", "--min-df", "2", "-q"]
    assert main(["counts", str(SMALL), str(tmp_path / "local"), *opts]) == 0
    assert (
        main(["counts", str(SMALL), str(tmp_path / "spark"), "--engine", "spark", "--master", "local[2]", *opts]) == 0
    )
    assert "counted by the spark engine" in capsys.readouterr().out
    a, b = scale.StreamedCounts(tmp_path / "local"), scale.StreamedCounts(tmp_path / "spark")
    assert a.vocab.tolist() == b.vocab.tolist() and a.doc_ids.tolist() == b.doc_ids.tolist()
    assert a.matrix_hash() == b.matrix_hash()


def test_a_corpus_tables_docs_csv_is_read_by_spark_itself_and_gives_the_local_counts(spark, tmp_path):
    """docs.csv of a corpus table (quoted texts with commas, quotes and paragraph breaks) read by Spark's CSV
    reader: the same documents in the same order, in partitions of consecutive positions, and the same counts."""
    from textlab.corpus.streamed import build_corpus_table

    table = build_corpus_table(SMALL, SMALL / "metadata.csv", tmp_path / "table", n_jobs=1, progress=False)
    raw = table.docs_csv.read_text(encoding="utf-8")
    assert '""' in raw and "\n\n" in raw  # quotes inside quoted fields, texts across lines
    want = list(scale.iter_texts(table.docs_csv))
    frame = tspark.texts_frame(spark, table.docs_csv, partition_docs=5)
    parts = frame.rdd.glom().map(lambda rows: [r.pos for r in rows]).collect()
    assert len(parts) == 8 and [p for part in parts for p in part] == list(range(len(want)))
    assert [(r.doc_id, r.text) for r in frame.orderBy("pos").collect()] == want
    opts = dict(where={"kind": ["primary"]}, chunk_words=300, min_df=2, n_jobs=1, progress=False)
    local = scale.build_counts(table.docs_csv, tmp_path / "l", tokenizer=Tokenizer(phrase_min_count=3), **opts)
    dist = scale.build_counts(
        table.docs_csv, tmp_path / "s", tokenizer=Tokenizer(phrase_min_count=3), engine="spark", **opts
    )
    assert_same_counts(local, dist)
    assert dist.counts().n_docs > 60
