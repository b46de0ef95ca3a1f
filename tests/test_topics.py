"""Tests of textlab.topics.model and textlab.topics.backends: chunks, the model value, fold-in, perplexity, sweeps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from tests.planted import cosine_match, planted
from textlab.features.dtm import DocumentTermMatrix
from textlab.topics import model as topics
from textlab.topics.model import TopicModel, chunk_rows, fit_topics, fold_in, perplexity

# ----------------------------------------------------------------------------- chunks


def test_chunk_rows_cuts_fixed_sizes_keeps_metadata_and_merges_the_tail():
    rows = pd.DataFrame(
        {
            "doc_id": ["ch", "letter", "note"],
            "author": ["T", "T", "E"],
            "year": [1930, 1928, 1931],
            "text": [" ".join(f"a{i}" for i in range(1230)), " ".join(["b"] * 300), "too short"],
        }
    )
    c = chunk_rows(rows, size=500, min_words=250)
    # 1230 words: 500 + 500 + 230; 230 < 250 joins the previous chunk -> 500, 730
    assert c["chunk_id"].tolist() == ["ch#0", "ch#1", "letter#0"]
    assert c["n_words"].tolist() == [500, 730, 300]
    assert c["author"].tolist() == ["T", "T", "T"] and c["year"].tolist() == [1930, 1930, 1928]
    assert c.loc[1, "text"].split()[0] == "a500" and c.loc[1, "text"].split()[-1] == "a1229"
    # every word of the kept rows is in exactly one chunk
    assert sum(len(t.split()) for t in c["text"]) == 1230 + 300


def test_chunk_rows_errors_name_the_problem():
    with pytest.raises(KeyError, match="text"):
        chunk_rows(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(ValueError, match="size"):
        chunk_rows(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), size=0)
    with pytest.raises(TypeError, match="DataFrame"):
        chunk_rows(["some text"])


def test_corpus_chunks_are_primary_rows_of_the_groups(corpus):
    c = topics.corpus_chunks(corpus, size=500)
    assert set(c["kind"]) == {"primary"}
    assert set(c["group"]) == {"Gorter 1920", "Trotsky 1923-25", "Trotsky 1928", "Trotsky 1930-31", "Cliff 1993"}
    assert c["chunk_id"].is_unique
    assert c["n_words"].between(100, 999).all()


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
    from tests.planted import token_lists
    from textlab.scale import local as scale

    X, vocab, phi = planted(n_docs=90, seed=4)
    scale.count_to_disk(token_lists(X, vocab), tmp_path, vocab=vocab)
    streamed = scale.fit_streamed(tmp_path, 3, seed=1, chunksize=30, passes=6, n_jobs=1, progress=False)
    for counts in (tmp_path, str(tmp_path), scale.StreamedCounts(tmp_path)):
        m = fit_topics(counts, 3, seed=1, chunksize=30, passes=6, n_jobs=1, progress=False)
        assert m.backend == "gensim-streamed" and np.array_equal(m.topic_word, streamed.topic_word)
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


# ----------------------------------------------------------------------------- sweeps


def _dtm(X, vocab) -> DocumentTermMatrix:
    n = X.shape[0]
    return DocumentTermMatrix(X, np.asarray(vocab), pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)]}))


def test_sweep_tabulates_every_run_and_reuses_its_cache(tmp_path, monkeypatch):
    X, vocab, _ = planted(n_docs=80, k=3, seed=5)
    m = _dtm(X, vocab)
    s = topics.sweep(
        m,
        ks=(2, 3, 5),
        seeds=(0, 1),
        backend="sklearn",
        cache_dir=tmp_path,
        n_jobs=2,
        progress=False,
        top_n=5,
        max_iter=20,
    )
    assert s.runs[["k", "seed"]].values.tolist() == [[2, 0], [2, 1], [3, 0], [3, 1], [5, 0], [5, 1]]
    assert s.runs[["npmi", "umass", "perplexity", "stability"]].notna().all().all()
    assert s.by_k["k"].tolist() == [2, 3, 5]
    assert s.heldout.sum() == 8 and not s.models[(3, 0)].doc_ids.tolist().count(f"d{np.flatnonzero(s.heldout)[0]}")
    # the planted k=3 is the most coherent, reproducible across seeds, and predicts held-out text best
    best = s.by_k.set_index("k")
    assert best["npmi"].idxmax() == 3 and best["perplexity"].idxmin() == 3
    assert best.loc[3, "stability"] == pytest.approx(1.0) and best.loc[2, "stability"] < 0.9
    assert topics.suggest_k(s.by_k) == 3
    assert len(list(tmp_path.glob("*.npz"))) == 6

    def refuse(X, k, *, seed=0, max_iter=30, learning_method="batch", doc_topic_prior=None, topic_word_prior=None):
        raise AssertionError("refitted although cached")  # (same settings as the real one: same cache key)

    monkeypatch.setattr("textlab.topics.backends.sklearn_lda.fit", refuse)
    again = topics.sweep(
        m,
        ks=(2, 3, 5),
        seeds=(0, 1),
        backend="sklearn",
        cache_dir=tmp_path,
        n_jobs=1,
        progress=False,
        top_n=5,
        max_iter=20,
    )
    pd.testing.assert_frame_equal(s.runs, again.runs)


def test_sweep_results_do_not_depend_on_parallel_jobs():
    X, vocab, _ = planted(n_docs=50, seed=6)
    kw = dict(ks=(2, 3), seeds=(0, 1), backend="sklearn", cache_dir=None, progress=False, top_n=5, max_iter=10)
    pd.testing.assert_frame_equal(
        topics.sweep(_dtm(X, vocab), n_jobs=1, **kw).runs, topics.sweep(_dtm(X, vocab), n_jobs=2, **kw).runs
    )


def test_sweep_checks_its_input():
    X, vocab, _ = planted(n_docs=20)
    with pytest.raises(TypeError, match="DocumentTermMatrix"):
        topics.sweep(X)
    with pytest.raises(ValueError, match="ks"):
        topics.sweep(_dtm(X, vocab), ks=(1,), cache_dir=None)


# ----------------------------------------------------------------------------- choosing K and the corpus model


def test_known_share_counts_phrases_by_their_parts():
    assert topics.known_share(["party", "tio", "ith", "ria"], english=frozenset({"party"})) == 0.25
    assert topics.known_share(["five-year_plan", "1042"], english=frozenset({"five", "year", "plan"})) == 1.0
    with pytest.raises(ValueError, match="empty"):
        topics.known_share([])


def test_suggest_k_takes_the_most_stable_of_the_nearly_best_perplexities():
    # perplexity within 1% of the best (100.0): k 15 (100.0), 20 (100.9), 25 (100.2); k 10 is 2% off.
    # of those the highest stable_share is 20 (0.7); 10 is more stable but predicts worse
    t = pd.DataFrame(
        {
            "k": [10, 15, 20, 25],
            "perplexity": [102.0, 100.0, 100.9, 100.2],
            "stable_share": [0.9, 0.6, 0.7, 0.7],
            "npmi": [0.1, 0.1, 0.08, 0.09],
        }
    )
    assert topics.suggest_k(t) == 25  # 20 and 25 tie on stability; 25 has the higher NPMI
    assert topics.suggest_k(t.assign(npmi=0.1)) == 20  # a full tie goes to the smaller K
    assert topics.suggest_k(t, tolerance=0.05) == 10
    with pytest.raises(ValueError, match="by_k"):
        topics.suggest_k(t.drop(columns="npmi"))


def test_topic_names_table_applies_only_to_its_model(tmp_path):
    p = tmp_path / "names.csv"
    p.write_text("k,seed,backend,topic,name\n3,0,gensim,0,land\n3,0,gensim,2, party \n4,0,gensim,0,other model\n")
    # a table without a quotations column was written for models of quotations="rows"
    assert topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim", quotations="rows") == {
        0: "land",
        2: "party",
    }
    assert topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim") == {}
    assert topics.load_corpus_topic_names(p, k=3, seed=1, backend="gensim", quotations="rows") == {}
    assert topics.load_corpus_topic_names(tmp_path / "none.csv", k=3, seed=0, backend="gensim") == {}
    p.write_text("k,seed,backend,topic,name\n3,0,gensim,0,land\n3,0,gensim,0,again\n")
    with pytest.raises(ValueError, match="names.csv line 3: topic 0"):
        topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim", quotations="rows")
    p.write_text("k,seed,backend,topic,name\n3,0,gensim,7,land\n")
    with pytest.raises(ValueError, match="line 2: topic 7 is out of range"):
        topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim", quotations="rows")
    p.write_text("k,seed,backend,topic,name\n3,0,gensim,x,land\n")
    with pytest.raises(ValueError, match="line 2"):
        topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim")
    # names are kept per selection of the text: a table without the column was written for "rows"
    p.write_text(
        "k,seed,backend,quotations,topic,name,top_words\n3,0,gensim,drop,1,land,land peasant\n"
        "3,0,gensim,rows,1,other,x\n"
    )
    assert topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim") == {1: "land"}
    assert topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim", quotations="rows") == {1: "other"}
    p.write_text("k,seed,backend,quotations,topic,name\n3,0,gensim,all,1,land\n")
    with pytest.raises(ValueError, match="line 2: quotations"):
        topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim")


def test_corpus_topics_flag_every_unstable_topic(corpus):
    t = topics.corpus_topics(corpus)
    k = topics.chosen_k(corpus)
    assert t["topic"].tolist() == list(range(k))
    assert (t["label"].str.startswith("† ") == ~t["stable"]).all()
    assert t["stable"].tolist() == (t["recurrence"] >= 0.5).tolist()
    assert t["npmi"].between(-1, 1).all()
    assert t["prevalence"].sum() == pytest.approx(1.0)
    # no topic is mostly OCR fragments: most of its 10 most probable words are English (or names the lexicon knows)
    assert (t["known_share"] >= 0.5).all(), t.loc[t["known_share"] < 0.5, ["topic", "prob"]]
    # names from data/topic_names.csv where they are given for this model, else the top words by relevance
    named = topics.load_corpus_topic_names(k=k, seed=0, backend="gensim")
    rows = topics._topic_name_rows(None, k=k, seed=0, backend="gensim", quotations="drop")
    # a name stays on its topic only while the topic keeps the words it was named by
    from textlab.topics import stats as topic_stats

    _, m, model = topics.corpus_model(corpus)
    top10 = topic_stats.top_relevant(model.topic_word, np.asarray(m.X.sum(axis=0)).ravel(), model.vocab, n=10)
    keeps = {
        i: not words or len(set(words) & set(top10[i])) >= min(topics.NAME_MIN_WORDS, len(words))
        for i, (_, words) in rows.items()
    }
    assert t["named"].tolist() == [i in named and keeps[i] for i in range(k)]
    for r in t.itertuples():
        assert r.name == (
            named[r.topic] if r.named else " / ".join(w.replace("_", " ") for w in r.relevance.split(", ")[:3])
        )


def test_corpus_prevalence_intervals_resample_rows(corpus):
    p = topics.corpus_prevalence(corpus, n_boot=200)
    k = topics.chosen_k(corpus)
    assert len(p) == 5 * k
    assert p.groupby("group")["prevalence"].sum().round(6).eq(1).all()
    one_row = p[p["group"] == "Trotsky 1928"]
    assert one_row["low"].isna().all()  # one letter: no interval, not a false [p, p]
    rest = p[p["group"] != "Trotsky 1928"]
    assert ((rest["low"] <= rest["prevalence"] + 1e-12) & (rest["prevalence"] <= rest["high"] + 1e-12)).all()


def test_cache_key_follows_the_backend_defaults_and_rejects_unknown_settings(monkeypatch):
    from textlab.topics.backends import sklearn_lda

    a = topics._cache_key("h", "sklearn", 3, 0, {})
    assert a == topics._cache_key("h", "sklearn", 3, 0, {"max_iter": 30})  # the default, said or not
    assert a != topics._cache_key("h", "sklearn", 3, 0, {"max_iter": 31})
    original = sklearn_lda.fit

    def fit(X, k, *, seed=0, max_iter=99, learning_method="batch", doc_topic_prior=None, topic_word_prior=None):
        return original(X, k, seed=seed, max_iter=max_iter)

    monkeypatch.setattr(sklearn_lda, "fit", fit)
    assert topics._cache_key("h", "sklearn", 3, 0, {}) != a  # a changed default means a refit
    with pytest.raises(TypeError, match="passes"):
        topics._cache_key("h", "sklearn", 3, 0, {"passes": 3})


def test_counts_in_vocab_counts_only_known_terms():
    from textlab.features.tokenize import Tokenizer

    X = topics.counts_in_vocab(["plan plan party unknown", ""], Tokenizer(phrases=False), ["party", "plan"])
    assert X.shape == (2, 2) and X.toarray().tolist() == [[1, 2], [0, 0]]
    with pytest.raises(TypeError, match="sequence of str"):
        topics.counts_in_vocab("plan", Tokenizer(phrases=False), ["plan"])


def test_quotations_put_back_move_cliff_towards_trotsky(corpus):
    t = topics.corpus_quotation_prevalence(corpus, n_boot=200)
    chunks, _, model = topics.corpus_model(corpus)
    assert len(t) == model.k and t["n_with"].iloc[0] > t["n_own"].iloc[0]  # block quotations add chunks
    assert t["own"].sum() == pytest.approx(1) and t["with_quotations"].sum() == pytest.approx(1)
    assert np.allclose(t["change"], t["with_quotations"] - t["own"])
    assert ((t["change_low"] <= t["change"] + 1e-12) & (t["change"] <= t["change_high"] + 1e-12)).all()
    # fold-in of Cliff's own chunks agrees with the model's own inference of them
    fitted = model.doc_topic[(chunks["group"] == "Cliff 1993").to_numpy()].mean(axis=0)
    assert np.abs(fitted - t["own"].to_numpy()).max() < 0.03
    # most of Cliff's quotations are Trotsky's: put back, they bring Cliff's themes nearer Trotsky's own
    trotsky = model.doc_topic[(chunks["group"] == "Trotsky 1930-31").to_numpy()].mean(axis=0)
    assert np.abs(t["with_quotations"] - trotsky).sum() < np.abs(t["own"] - trotsky).sum()
    with pytest.raises(ValueError, match="no chunks"):
        topics.corpus_quotation_prevalence(corpus, "Nobody 2000", n_boot=10)


def _topic_with(table, word):
    """The topic whose top words by relevance include ``word`` (topics are found by their words, not by number)."""
    hits = table[table["relevance"].str.split(", ").apply(lambda ws: word in ws)]
    assert len(hits) == 1, f"{word!r} is a top word of {len(hits)} topics"
    return int(hits["topic"].iloc[0])


def test_notebook_04_claims_hold(corpus):
    """What notebook 04 says in prose, checked on the model it describes (a refit that breaks a claim fails here)."""
    table = topics.corpus_topics(corpus)
    prev = topics.corpus_prevalence(corpus, n_boot=200)
    gorter = prev[prev["group"] == "Gorter 1920"].set_index("topic")["prevalence"]
    assert gorter.idxmax() == _topic_with(table, "western_europe") and gorter.max() > 0.6  # "two-thirds one topic"
    shift = topics.corpus_prevalence_difference(corpus, "Trotsky 1930-31", "Trotsky 1923-25", n_boot=200).set_index(
        "topic"
    )
    economy, apparatus = _topic_with(table, "economic"), _topic_with(table, "apparatus")
    assert shift.loc[economy, "high"] < 0 < shift.loc[apparatus, "low"]  # the economy falls, the apparatus rises
    assert table.set_index("topic").loc[[economy, apparatus], "stable"].all()
