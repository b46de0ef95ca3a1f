"""Tests of textlab.vocab.compare: frequencies, G2, log ratio, keyness, Fightin' Words, bootstrap, tf-idf."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textlab import vocab


def test_log_likelihood_by_hand():
    # a=20 in 1000 words, b=10 in 1000 words: E1 = E2 = 1000*30/2000 = 15
    # G2 = 2 * (20 ln(20/15) + 10 ln(10/15)) = 2 * (5.753641 - 4.054651) = 3.397980
    g2 = vocab.log_likelihood(np.array([20]), np.array([10]), 1000, 1000)[0]
    assert g2 == pytest.approx(3.397980, abs=1e-5)
    # unequal corpora (Rayson's form): a=5 in 10,000, b=1 in 2,000: equal rates -> G2 = 0
    assert vocab.log_likelihood(np.array([5]), np.array([1]), 10_000, 2_000)[0] == pytest.approx(0, abs=1e-12)


def test_log_ratio_by_hand():
    # 20/1000 vs 10/2000: ratio 4 -> log2 = 2; a zero becomes 0.5
    assert vocab.log_ratio(np.array([20]), np.array([10]), 1000, 2000)[0] == pytest.approx(2.0)
    assert vocab.log_ratio(np.array([0]), np.array([8]), 1000, 1000)[0] == pytest.approx(math.log2(0.5 / 8))


def test_keyness_table():
    X = np.array([[10, 0, 90], [10, 0, 90], [0, 20, 80]])
    t = vocab.keyness(X, ["tsar", "kulak", "party"], ["A", "A", "B"], target="A")
    assert list(t.index[:1]) == ["tsar"] and t.loc["kulak", "g2"] < 0  # under-used by A: negative sign
    assert t.loc["tsar", "a"] == 20 and t.loc["tsar", "b"] == 0
    # against the rest (B only here) equals against B
    t2 = vocab.keyness(X, ["tsar", "kulak", "party"], ["A", "A", "B"], target="A", reference="B")
    assert np.allclose(t.sort_index()["g2"], t2.sort_index()["g2"])
    with pytest.raises(ValueError, match="target 'C' is not a group"):
        vocab.keyness(X, ["tsar", "kulak", "party"], ["A", "A", "B"], target="C")
    with pytest.raises(ValueError, match="groups has 2 labels but X has 3 rows"):
        vocab.keyness(X, ["tsar", "kulak", "party"], ["A", "B"], target="A")


def test_fightin_words_by_hand():
    # y_i = (3, 1), y_j = (1, 3); all = (4, 4) -> alpha_w = a0 * 1/2 with a0 = 2 -> alpha_w = 1
    # delta_w1 = log((3+1)/(4+2-3-1)) - log((1+1)/(4+2-1-1)) = log(4/2) - log(2/4) = 2 log 2
    # var_w1 = 1/4 + 1/2 = 0.75 ; z = 2 log 2 / sqrt(0.75)
    X = np.array([[3, 1], [1, 3]])
    t = vocab.fightin_words(X, ["w1", "w2"], ["i", "j"], target="i", alpha0=2)
    assert t.loc["w1", "delta"] == pytest.approx(2 * math.log(2))
    assert t.loc["w1", "z"] == pytest.approx(2 * math.log(2) / math.sqrt(0.75))
    assert t.loc["w2", "z"] == pytest.approx(-t.loc["w1", "z"])


def test_bootstrap_respects_documents():
    # "tsar" fills one long document of A; "party" is spread over every document
    X = np.array([[200, 10], [0, 10], [0, 10], [0, 10], [1, 10], [1, 10], [1, 10], [1, 10]])
    groups = ["A"] * 4 + ["B"] * 4
    t = vocab.bootstrap_log_ratio(X, ["tsar", "party"], groups, target="A", n_boot=300, seed=1)
    assert t.loc["tsar", "lo"] < t.loc["tsar", "log_ratio"] < t.loc["tsar", "hi"] + 1e-9
    assert t.loc["tsar", "hi"] - t.loc["tsar", "lo"] > 3  # one document: a wide interval
    again = vocab.bootstrap_log_ratio(X, ["tsar", "party"], groups, target="A", n_boot=300, seed=1)
    assert t.equals(again)
    d = vocab.dispersion(X, ["tsar", "party"], groups)
    assert d.loc["tsar", "A"] == 1 and d.loc["party", "A"] == 4


counts = st.lists(st.lists(st.integers(0, 30), min_size=3, max_size=3), min_size=2, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 500), st.integers(0, 500), st.integers(1000, 5000), st.integers(1000, 5000))
def test_g2_symmetric_log_ratio_antisymmetric(a, b, na, nb):
    g_ab = vocab.log_likelihood(np.array([a]), np.array([b]), na, nb)[0]
    g_ba = vocab.log_likelihood(np.array([b]), np.array([a]), nb, na)[0]
    assert g_ab == pytest.approx(g_ba) and g_ab >= -1e-9
    assert vocab.log_ratio(np.array([a]), np.array([b]), na, nb)[0] == pytest.approx(
        -vocab.log_ratio(np.array([b]), np.array([a]), nb, na)[0]
    )


@settings(max_examples=40, deadline=None)
@given(counts, st.data())
def test_group_order_and_labels_do_not_matter(rows, data):
    X = np.array(rows)
    groups = data.draw(st.lists(st.sampled_from(["x", "y", "z"]), min_size=len(rows), max_size=len(rows)))
    if len(set(groups)) < 2:
        return
    terms = ["a", "b", "c"]
    perm = np.array(data.draw(st.permutations(range(len(rows)))))
    t1 = vocab.keyness(X, terms, groups, target=groups[0]).sort_index()
    t2 = vocab.keyness(X[perm], terms, np.array(groups)[perm], target=groups[0]).sort_index()
    assert np.allclose(t1["g2"], t2["g2"])
    renamed = ["G_" + g for g in groups]
    t3 = vocab.keyness(X, terms, renamed, target=renamed[0]).sort_index()
    assert np.allclose(t1["g2"], t3["g2"])
    rf = vocab.relative_frequencies(X, terms, groups)
    nonzero = X.sum(axis=1) > 0
    for g in set(np.array(groups)[nonzero]):
        if X[np.array(groups) == g].sum() > 0:
            assert rf[g].sum() == pytest.approx(10_000)


def test_bootstrap_on_a_subset_of_terms_matches_keyness():
    X = np.array([[5, 1, 50], [3, 0, 60], [0, 4, 40], [1, 2, 70]])
    terms = ["a", "b", "c"]
    groups = ["A", "A", "B", "B"]
    k = vocab.keyness(X, terms, groups, target="A")
    b = vocab.bootstrap_log_ratio(X, terms, groups, target="A", terms=["a"], n_boot=50)
    assert b.loc["a", "log_ratio"] == pytest.approx(k.loc["a", "log_ratio"])


def test_tfidf_by_hand():
    # 3 documents; "kulak" in 1 document: idf = ln(4/2) + 1; "party" in 3: idf = ln(4/4) + 1 = 1
    X = np.array([[2, 1], [0, 1], [0, 2]])
    t = vocab.tfidf_by_group(X, ["kulak", "party"], ["a", "a", "b"], per=1)
    assert t.loc["kulak", "a"] == pytest.approx(2 / 4 * (math.log(2) + 1))
    assert t.loc["party", "a"] == pytest.approx(2 / 4 * 1.0)
    assert t.loc["party", "b"] == pytest.approx(1.0) and t.loc["kulak", "b"] == 0


def test_distinctive_terms_need_dispersion():
    # "tsar" only in one of four documents of A (many times); "kulak" in all four
    X = np.array([[40, 3, 50], [0, 3, 50], [0, 3, 50], [0, 3, 50], [0, 0, 200], [1, 0, 200]])
    groups = ["A"] * 4 + ["B"] * 2
    t = vocab.distinctive_terms(
        X, ["tsar", "kulak", "party"], groups, target="A", min_count=1, min_doc_share=0.5, max_p=0.05
    )
    assert "tsar" not in t.index and "kulak" in t.index
    loose = vocab.distinctive_terms(
        X, ["tsar", "kulak", "party"], groups, target="A", min_count=1, min_doc_share=0.0, max_p=0.05
    )
    assert "tsar" in loose.index and bool(loose.loc["tsar", "robust"]) in (True, False)


def test_vocab_package_names_every_public_function():
    from textlab.vocab import compare, context, diversity

    for mod in (compare, diversity, context):
        assert set(mod.__all__) <= set(vocab.__all__), mod.__name__
        for name in mod.__all__:
            assert getattr(vocab, name) is getattr(mod, name)
