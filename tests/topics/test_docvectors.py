"""Tests of textlab.topics.docvectors: pairs of chunks, the AUC, topic vectors against TF-IDF, the sweep."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import roc_auc_score

from textlab.features.dtm import DocumentTermMatrix
from textlab.topics import docvectors as dv
from textlab.topics import selection


def _works(n_authors: int = 3, works_per_author: int = 4, chunks_per_work: int = 10):
    works = [f"a{a}w{w}" for a in range(n_authors) for w in range(works_per_author) for _ in range(chunks_per_work)]
    authors = [w.split("w")[0] for w in works]
    return np.array(works, dtype=object), np.array(authors, dtype=object)


def _planted(works: np.ndarray, *, k: int = 8, v: int = 200, doc_len: int = 300, seed: int = 0):
    """Chunks whose topic mixture is their work's (distinct per work), and counts drawn from it."""
    rng = np.random.default_rng(seed)
    labels, codes = np.unique(works, return_inverse=True)
    work_mix = rng.dirichlet(np.full(k, 0.3), size=len(labels))
    theta = np.vstack([rng.dirichlet(50 * work_mix[c] + 1e-3) for c in codes])
    phi = rng.dirichlet(np.full(v, 0.05), size=k)
    X = sp.csr_matrix(np.stack([rng.multinomial(doc_len, t @ phi / (t @ phi).sum()) for t in theta]))
    return theta, X


def _brute_pairs(works, authors, basis):
    pos, neg = set(), set()
    for i, j in itertools.combinations(range(len(works)), 2):
        same_work = works[i] == works[j] and authors[i] == authors[j]
        if same_work:
            pos.add((i, j))
        elif basis == "any_author" or authors[i] == authors[j]:
            neg.add((i, j))
    return pos, neg


def _as_sets(p: dv.DocumentPairs):
    pairs = list(zip(p.first.tolist(), p.second.tolist(), p.positive.tolist()))
    return {(i, j) for i, j, y in pairs if y}, {(i, j) for i, j, y in pairs if not y}, pairs


# --------------------------------------------------------------------------- the AUC

scores = st.lists(st.integers(0, 6).map(float), min_size=1, max_size=25)  # few values: many ties


@settings(max_examples=200, deadline=None)
@given(scores, scores)
def test_auc_is_the_share_of_ordered_pairs_with_ties_counting_half(pos, neg):
    brute = np.mean([1.0 if p > q else 0.5 if p == q else 0.0 for p in pos for q in neg])
    assert dv.auc(pos, neg) == pytest.approx(brute, abs=1e-12)
    y = np.r_[np.ones(len(pos)), np.zeros(len(neg))]
    assert dv.auc(pos, neg) == pytest.approx(roc_auc_score(y, np.r_[pos, neg]), abs=1e-12)


def test_auc_refuses_empty_and_nan_scores():
    with pytest.raises(ValueError, match="positives and negatives"):
        dv.auc([], [0.1])
    with pytest.raises(ValueError, match="NaN"):
        dv.auc([np.nan], [0.1])


# --------------------------------------------------------------------------- the pairs


labels = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3)), min_size=0, max_size=30)


@settings(max_examples=150, deadline=None)
@given(labels, st.sampled_from(["same_author", "any_author"]))
def test_pairs_are_every_pair_of_their_kind_once(rows, basis):
    authors = [f"A{a}" for a, _ in rows]
    works = [f"w{w}" for _, w in rows]  # the same title under two authors: two works
    p = dv.document_pairs(works, authors, basis=basis, min_pairs=1)
    pos, neg = _brute_pairs(works, authors, basis)
    if p.computable:
        got_pos, got_neg, listed = _as_sets(p)
        assert (got_pos, got_neg) == (pos, neg) and len(listed) == len(pos) + len(neg)
        assert all(i < j for i, j, _ in listed)
    else:
        assert min(len(pos), len(neg)) < 1 and p.n_positive == p.n_negative == 0
    assert (p.n_positive_all, p.n_negative_all) == (len(pos), len(neg))


def test_a_kind_above_the_cap_is_a_seeded_sample_without_repeats():
    works, authors = _works(3, 4, 10)  # 540 positive pairs, 3 * (780 - 180) = 1800 negative
    full = dv.document_pairs(works, authors)
    assert (full.n_positive, full.n_negative, full.sampled) == (540, 1800, False)
    p = dv.document_pairs(works, authors, max_pairs=300, seed=1)
    assert (p.n_positive, p.n_negative, p.sampled) == (300, 300, True)
    pos, neg, listed = _as_sets(p)
    all_pos, all_neg, _ = _as_sets(full)
    assert len(pos) == len(neg) == 300 and pos <= all_pos and neg <= all_neg
    again = dv.document_pairs(works, authors, max_pairs=300, seed=1)
    other = dv.document_pairs(works, authors, max_pairs=300, seed=2)
    assert np.array_equal(p.first, again.first) and np.array_equal(p.second, again.second)
    assert not (np.array_equal(p.first, other.first) and np.array_equal(p.second, other.second))
    # uniform over the class: the chunk pairs of each author turn up in proportion (a third each)
    per_author = pd.Series(authors[p.first[~p.positive]]).value_counts(normalize=True)
    assert per_author.between(0.2, 0.47).all()


def test_negatives_fall_back_to_any_author_when_no_author_has_two_works():
    works = ["a"] * 5 + ["b"] * 5 + ["c"] * 5
    authors = ["X"] * 5 + ["Y"] * 5 + ["Z"] * 5
    p = dv.document_pairs(works, authors)
    assert p.basis == "any_author" and p.computable
    assert (p.n_positive, p.n_negative) == (30, 75)
    assert all(authors[i] != authors[j] for i, j in zip(p.first[~p.positive], p.second[~p.positive]))
    # one author with a second work: the negatives stay within authors
    p2 = dv.document_pairs(works[:10] + ["a2"] * 5, authors[:10] + ["X"] * 5)
    assert p2.basis == "same_author" and p2.n_negative == 25


def test_too_few_pairs_cannot_be_computed_and_say_why():
    one_chunk_each = dv.document_vector_check(np.eye(4), np.eye(4), ["a", "b", "c", "d"], ["X"] * 4)
    assert one_chunk_each.auc_topics is None and one_chunk_each.auc_tfidf is None and not one_chunk_each.flagged
    assert "same work" in one_chunk_each.reason
    one_work = dv.document_pairs(["a"] * 8, ["X"] * 8)
    assert not one_work.computable and "different works" in one_work.reason and one_work.n_positive_all == 28


def test_bad_labels_are_refused_by_name():
    with pytest.raises(ValueError, match="works has 2 labels but authors has 3"):
        dv.document_pairs(["a", "b"], ["X", "X", "Y"])
    with pytest.raises(ValueError, match="works has 1 missing"):
        dv.document_pairs(["a", None], ["X", "X"])
    with pytest.raises(ValueError, match="basis"):
        dv.document_pairs(["a"], ["X"], basis="same_work")
    with pytest.raises(ValueError, match="the same chunks"):
        dv.document_vector_check(np.eye(3), np.eye(2), ["a", "a"], ["X", "X"])


# --------------------------------------------------------------------------- planted structure


def test_topic_vectors_of_planted_works_separate_them_and_shuffled_ones_do_not():
    works, authors = _works()
    theta, X = _planted(works)
    good = dv.document_vector_check(theta, X, works, authors)
    assert good.basis == "same_author" and (good.n_positive, good.n_negative) == (540, 1800)
    assert good.auc_topics > 0.95 and good.auc_tfidf > 0.8
    rng = np.random.default_rng(0)
    shuffled = dv.document_vector_check(theta[rng.permutation(len(theta))], X, works, authors)
    assert abs(shuffled.auc_topics - 0.5) < 0.05
    assert shuffled.flagged and shuffled.auc_tfidf == good.auc_tfidf
    # the labels matter: the same vectors, works permuted among chunks, no longer tell works apart
    permuted = dv.document_vector_check(theta, X, works[rng.permutation(len(works))], authors)
    assert permuted.auc_topics < good.auc_topics - 0.3


def test_flagged_means_topic_vectors_below_tfidf():
    works, authors = _works(2, 3, 8)
    theta, X = _planted(works, seed=3)
    flat = np.full_like(theta, 1 / theta.shape[1])  # every chunk alike: AUC exactly 1/2
    bad = dv.document_vector_check(flat, X, works, authors)
    assert bad.auc_topics == 0.5 and bad.auc_tfidf > 0.5 and bad.flagged
    good = dv.document_vector_check(theta, X, works, authors)
    assert good.flagged is (good.auc_topics < good.auc_tfidf) and not good.flagged
    row = good.to_frame()
    assert row.shape == (1, 9) and row.loc[0, "basis"] == "same_author" and row.loc[0, "n_positive"] == 168


def test_tfidf_vectors_are_sklearn_defaults_and_cosines_handle_empty_rows():
    X = np.array([[2, 0, 1], [0, 0, 0], [1, 3, 0]])
    T = dv.tfidf_vectors(X).toarray()
    idf = np.log((1 + 3) / (1 + np.array([2, 1, 1]))) + 1
    raw = X * idf
    expected = raw / np.maximum(np.linalg.norm(raw, axis=1, keepdims=True), 1e-300)
    assert np.allclose(T, expected)
    i, j = np.array([0, 0, 1]), np.array([1, 2, 2])
    cos = dv.pair_cosines(sp.csr_matrix(T), i, j)
    assert cos[0] == 0 and cos[2] == 0 and cos[1] == pytest.approx(T[0] @ T[2])
    assert np.allclose(dv.pair_cosines(T, i, j), cos)


def test_sparse_cosines_pair_by_pair_equal_the_gram_matrix(monkeypatch):
    rng = np.random.default_rng(4)
    V = sp.random(50, 30, density=0.2, random_state=4, format="csr")
    i, j = rng.integers(0, 50, 200), rng.integers(0, 50, 200)
    gram = dv.pair_cosines(V, i, j)
    monkeypatch.setattr(dv, "_GRAM_ROWS", 10)
    assert np.allclose(dv.pair_cosines(V, i, j), gram)


# --------------------------------------------------------------------------- chunks and the sweep


def test_chunk_labels_take_work_and_author_with_fallbacks():
    t = pd.DataFrame(
        {"doc_id": ["r1", "r2", "r3"], "work": ["w", None, "w"], "author": ["A", None, "B"], "group": ["g1"] * 3}
    )
    w, a = dv.chunk_labels(t)
    assert w.tolist() == ["w", "r2", "w"] and a.tolist() == ["A", "g1", "B"]
    w, a = dv.chunk_labels(t.drop(columns=["work", "author"]))
    assert w.tolist() == ["r1", "r2", "r3"] and a.tolist() == ["g1"] * 3
    assert dv.chunk_labels(t, works="doc_id", authors="group")[0].tolist() == ["r1", "r2", "r3"]
    with pytest.raises(KeyError, match="'chapter'"):
        dv.chunk_labels(t, works="chapter")


def _chunk_dtm(seed: int = 0):
    works, authors = _works(3, 3, 8)
    theta, X = _planted(works, k=5, v=120, doc_len=200, seed=seed)
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(works))], "work": works, "author": authors})
    docs["chunk_id"] = docs["doc_id"] + "#0"
    return docs, DocumentTermMatrix(X, np.array([f"t{j:03d}" for j in range(X.shape[1])]), docs), theta


def test_the_sweep_checks_each_runs_vectors_against_tfidf_once_and_from_its_cache(tmp_path, monkeypatch):
    docs, m, _ = _chunk_dtm()
    works, authors = dv.chunk_labels(docs)
    kw = dict(ks=(2, 5), seeds=(0, 1), backend="sklearn", cache_dir=tmp_path, n_jobs=1, progress=False, top_n=5)
    s = selection.sweep(m, works=works, authors=authors, **kw)
    assert s.pairs is not None and s.pairs.basis == "same_author" and s.pairs.n_rows == int((~s.heldout).sum())
    assert s.runs["auc_topics"].between(0.5, 1).all() and 0.5 < s.auc_tfidf <= 1
    assert (s.runs["below_tfidf"] == (s.runs["auc_topics"] < s.auc_tfidf)).all()
    assert {"auc_topics", "auc_topics_sd", "below_tfidf"} <= set(s.by_k.columns)
    # more planted topics, better vectors
    assert s.by_k.set_index("k").loc[5, "auc_topics"] > s.by_k.set_index("k").loc[2, "auc_topics"]
    # the run's AUC is the helper's on the chunks the model was fitted on (found by id)
    one = dv.chunk_vector_check(docs, m, s.models[(5, 1)])
    assert one.auc_topics == pytest.approx(s.runs.set_index(["k", "seed"]).loc[(5, 1), "auc_topics"])
    assert one.auc_tfidf == pytest.approx(s.auc_tfidf)

    def refuse(*args, **kwargs):
        raise AssertionError("refitted although cached")

    monkeypatch.setattr(selection, "fit_topics", refuse)
    again = selection.sweep(m, works=works, authors=authors, **kw)
    pd.testing.assert_frame_equal(s.runs, again.runs)
    # labels that do not follow the works: the same fits separate them worse
    shuffled = selection.sweep(m, works=np.random.default_rng(0).permutation(works), authors=authors, **kw)
    assert (shuffled.runs["auc_topics"] < s.runs["auc_topics"] - 0.2).all()


def test_a_sweep_without_works_has_no_auc():
    docs, m, _ = _chunk_dtm()
    s = selection.sweep(m, ks=(2,), seeds=(0,), backend="sklearn", cache_dir=None, n_jobs=1, progress=False)
    assert s.auc_tfidf is None and s.pairs is None
    assert s.runs["auc_topics"].isna().all() and not s.runs["below_tfidf"].any()
    with pytest.raises(ValueError, match="works has 3 labels but there are 72 documents"):
        selection.sweep(m, ks=(2,), seeds=(0,), backend="sklearn", cache_dir=None, n_jobs=1, works=["a"] * 3)


def test_chunk_vector_check_refuses_a_model_of_other_chunks():
    docs, m, theta = _chunk_dtm()
    s = selection.sweep(
        m, ks=(2,), seeds=(0,), backend="sklearn", cache_dir=None, n_jobs=1, progress=False, holdout=0.2
    )
    other = docs.assign(chunk_id=docs["chunk_id"] + "x")
    with pytest.raises(ValueError, match="not among the chunks"):
        dv.chunk_vector_check(other, m, s.models[(2, 0)])
    assert dv.chunk_vector_check(docs, m, theta).auc_topics > 0.9
