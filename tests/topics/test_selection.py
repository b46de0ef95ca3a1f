"""Tests of textlab.topics.selection: many fits cached on disk, the sweep over K, choosing K."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.planted import planted
from textlab.features.dtm import DocumentTermMatrix
from textlab.topics import selection as topics
from textlab.topics.backends import sklearn_lda


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


def test_cache_key_follows_the_backend_defaults_and_rejects_unknown_settings(monkeypatch):
    a = topics.cache_key("h", "sklearn", 3, 0, {})
    assert a == topics.cache_key("h", "sklearn", 3, 0, {"max_iter": 30})  # the default, said or not
    assert a != topics.cache_key("h", "sklearn", 3, 0, {"max_iter": 31})
    original = sklearn_lda.fit

    def fit(X, k, *, seed=0, max_iter=99, learning_method="batch", doc_topic_prior=None, topic_word_prior=None):
        return original(X, k, seed=seed, max_iter=max_iter)

    monkeypatch.setattr(sklearn_lda, "fit", fit)
    assert topics.cache_key("h", "sklearn", 3, 0, {}) != a  # a changed default means a refit
    with pytest.raises(TypeError, match="passes"):
        topics.cache_key("h", "sklearn", 3, 0, {"passes": 3})


def test_fit_models_caches_each_fit_under_its_key(tmp_path):
    X, vocab, _ = planted(n_docs=30, seed=2)
    first = topics.fit_models(X, [2, 3], [0], vocab=vocab, backend="sklearn", cache_dir=tmp_path, tag="-x", n_jobs=1)
    assert sorted(first) == [(2, 0), (3, 0)]
    files = sorted(p.name for p in tmp_path.glob("*.npz"))
    assert [f.split("-")[:4] for f in files] == [["sklearn", "k2", "s0", "x"], ["sklearn", "k3", "s0", "x"]]
    again = topics.fit_models(X, [2, 3], [0], vocab=vocab, backend="sklearn", cache_dir=tmp_path, tag="-x", n_jobs=1)
    assert all(np.array_equal(first[k].topic_word, again[k].topic_word) for k in first)
    none = topics.fit_models(X, [2], [0], vocab=vocab, backend="sklearn", cache_dir=None, n_jobs=1)
    assert np.array_equal(none[(2, 0)].topic_word, first[(2, 0)].topic_word)
