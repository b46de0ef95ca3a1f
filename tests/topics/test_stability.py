"""Tests of textlab.topics.stability: similarity, alignment, stability across seeds, flags."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import jensenshannon

from textlab.topics import labels
from textlab.topics import stability as ts


def test_align_3x3_known_permutation():
    ref = np.array([[0.7, 0.2, 0.1], [0.1, 0.7, 0.2], [0.2, 0.1, 0.7]])
    other = np.array([[0.18, 0.12, 0.7], [0.72, 0.18, 0.1], [0.1, 0.68, 0.22]])  # ref 2, 0, 1, a little moved
    for metric in ("cosine", "jensen_shannon"):
        perm, sim = ts.align_topics(ref, other, metric=metric)
        assert perm.tolist() == [1, 2, 0]
        assert (sim > 0.9).all() and (sim < 1).all()


def test_align_maximises_total_not_greedy():
    # cosines: A = (1, 0.1, 0) -> A.X = 1 / sqrt(1.01) = 0.995037, A.Y = 0.1 / sqrt(1.01) = 0.099504
    #          B = (1, 0, 0.3) -> B.X = 1 / sqrt(1.09) = 0.957826, B.Y = 0
    # greedy takes A-X first (0.995) and leaves B-Y (0): total 0.995;
    # the best one-to-one matching is A-Y + B-X = 0.099504 + 0.957826 = 1.057330
    ref = np.array([[1, 0.1, 0], [1, 0, 0.3]])
    ref = ref / ref.sum(axis=1, keepdims=True)
    perm, sim = ts.align_topics(ref, [[1, 0, 0], [0, 1, 0]])
    assert perm.tolist() == [1, 0]
    assert sim == pytest.approx([0.099504, 0.957826], abs=1e-6)
    # fewer topics in other: X goes to A (0.995 > 0.958); B is left with -1 and similarity 0
    perm, sim = ts.align_topics(ref, [[1, 0, 0]])
    assert perm.tolist() == [0, -1] and sim[1] == 0


def test_jensen_shannon_similarity_by_hand():
    # p = (0.5, 0.5), q = (1, 0): m = (0.75, 0.25)
    # KL(p||m) = 0.5 log2(0.5/0.75) + 0.5 log2(0.5/0.25) = -0.292481 + 0.5 = 0.207519
    # KL(q||m) = log2(1/0.75) = 0.415037 ; JSD = 0.311278 ; similarity = 1 - sqrt(0.311278) = 0.442077
    s = ts.similarity_matrix([[0.5, 0.5]], [[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]], metric="jensen_shannon")
    assert s[0] == pytest.approx([0.442077, 1.0, 0.442077], abs=1e-6)
    assert ts.similarity_matrix([[1.0, 0.0]], [[0.0, 1.0]], metric="jensen_shannon")[0, 0] == pytest.approx(0.0)


def test_stability_split_topic_and_defaults():
    # a topic that comes back split evenly in two disjoint halves: cosine 0.25 / (0.5 * sqrt(0.5)) = 1/sqrt(2) = 0.7071
    ref = np.array([[0.25, 0.25, 0.25, 0.25, 0.0]])
    split = np.array([[0.5, 0.5, 0.0, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5, 0.0]])
    assert ts.align_topics(ref, split)[1][0] == pytest.approx(1 / math.sqrt(2))
    st_ = ts.topic_stability(ref, [split])
    assert st_.columns.tolist() == ["topic", "recurrence", "mean_similarity", "min_similarity", "stable"]
    assert st_.loc[0, "recurrence"] == 1.0  # 0.707 >= 0.7, the cosine default
    # ... but in three pieces it has cosine 1/sqrt(3) = 0.577: it does not come back
    ref3 = np.array([[1 / 3, 1 / 3, 1 / 3]])
    assert ts.topic_stability(ref3, [np.eye(3)]).loc[0, "recurrence"] == 0.0
    assert ts.DEFAULT_THRESHOLDS == {"cosine": 0.7, "jensen_shannon": 0.45}


def test_topic_stability_by_hand():
    ref = np.array([[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8]])
    run1 = ref[[2, 0, 1]]  # the same topics, in another order
    run2 = np.array([[0.8, 0.1, 0.1], [0.1, 0.45, 0.45], [0.45, 0.1, 0.45]])  # topic 0 only
    # run 2: ref 0 - run2 0 = 1; ref 1 - run2 1 = (0.01 + 0.36 + 0.045) / sqrt(0.66 * 0.415) = sqrt(0.415 / 0.66)
    # = 0.792962, and ref 2 - run2 2 the same (the other pairing: 0.17 / sqrt(0.66 * 0.415) = 0.325 + 0.793 is lower)
    t = ts.topic_stability(ref, [run1, run2], threshold=0.9, min_recurrence=0.75)
    assert t["recurrence"].tolist() == [1.0, 0.5, 0.5]
    assert t["min_similarity"].tolist() == pytest.approx([1.0, 0.792962, 0.792962], abs=1e-6)
    assert t.loc[1, "mean_similarity"] == pytest.approx((1 + 0.792962) / 2, abs=1e-6)
    assert t["stable"].tolist() == [True, False, False]
    assert t.loc[0, "mean_similarity"] == pytest.approx(1.0) and t.loc[0, "min_similarity"] == pytest.approx(1.0)
    assert ts.model_stability(ref, [run1]) == pytest.approx(1.0)
    assert ts.model_stability(ref, [run1, run2]) == pytest.approx(t["mean_similarity"].mean())


def test_flag_unstable_marks_label():
    tw = np.array([[0.8, 0.1, 0.1], [0.1, 0.8, 0.1]])
    table = labels.topic_labels(tw, [1, 1, 1], ["land", "party", "war"], n=2, names={0: "Land"})
    stab = ts.topic_stability(tw, [np.array([[0.8, 0.1, 0.1], [0.1, 0.1, 0.8]])])
    out = ts.flag_unstable(table, stab)
    assert out["stable"].tolist() == [True, False]
    assert out["label"].tolist() == ["Land", "† party / land / war"]
    assert "label" not in table.columns  # a copy
    with pytest.raises(ValueError, match=r"stability_df has no row for topic\(s\) \[1\]"):
        ts.flag_unstable(table, stab.iloc[:1])


# --------------------------------------------------------------------------- errors


TW = np.array([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5]])


@pytest.mark.parametrize(
    "call, exc, message",
    [
        (lambda: ts.align_topics(TW, TW[:, :2] / TW[:, :2].sum(1, keepdims=True)), ValueError, r"other has 2 terms"),
        (lambda: ts.align_topics(TW, TW, metric="euclid"), ValueError, r"metric must be one of"),
        (lambda: ts.topic_stability(TW, TW), TypeError, r"others must be a sequence of topic-word matrices"),
        (lambda: ts.topic_stability(TW, []), ValueError, r"others is empty"),
        (lambda: ts.topic_stability(TW, [TW, TW[:, :2]]), ValueError, r"others\[1\]: other rows must sum to 1"),
        (lambda: ts.topic_stability(TW, [TW], threshold=2), ValueError, r"threshold must be between 0 and 1"),
    ],
)
def test_errors_name_the_parameter(call, exc, message):
    with pytest.raises(exc, match=message):
        call()


# --------------------------------------------------------------------------- properties


@st.composite
def topic_matrices(draw, min_k=2, max_k=6):
    k = draw(st.integers(min_k, max_k))
    v = draw(st.integers(3, 12))
    seed = draw(st.integers(0, 2**32 - 1))
    return np.random.default_rng(seed).dirichlet(np.full(v, 0.5), size=k)


@settings(max_examples=40, deadline=None)
@given(topic_matrices(), st.data(), st.sampled_from(["cosine", "jensen_shannon"]))
def test_align_recovers_permutation(ref, data, metric):
    p = np.array(data.draw(st.permutations(range(ref.shape[0]))))
    other = ref[p]  # other[j] = ref[p[j]]: reference topic k sits at j = p^-1(k)
    perm, sim = ts.align_topics(ref, other, metric=metric)
    assert perm.tolist() == np.argsort(p).tolist()
    assert sim == pytest.approx(np.ones(ref.shape[0]), abs=1e-6)


@settings(max_examples=30, deadline=None)
@given(topic_matrices(), st.data())
def test_stability_of_identical_runs_is_one(ref, data):
    p = np.array(data.draw(st.permutations(range(ref.shape[0]))))
    t = ts.topic_stability(ref, [ref, ref[p]])
    assert (t["recurrence"] == 1.0).all() and t["stable"].all()
    assert t["mean_similarity"].to_numpy() == pytest.approx(np.ones(ref.shape[0]), abs=1e-6)
    assert ts.model_stability(ref, [ref[p]], metric="jensen_shannon") == pytest.approx(1.0, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_similarity_bounds_and_js_matches_scipy(data):
    ref = data.draw(topic_matrices(1, 3))
    v = ref.shape[1]
    other = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1))).dirichlet(np.full(v, 0.5), size=2)
    for metric in ("cosine", "jensen_shannon"):
        s = ts.similarity_matrix(ref, other, metric=metric)
        assert s.shape == (ref.shape[0], 2) and (s >= 0).all() and (s <= 1).all()
    s = ts.similarity_matrix(ref, other, metric="jensen_shannon")
    assert s[0, 1] == pytest.approx(1 - jensenshannon(ref[0], other[1], base=2), abs=1e-9)


def test_topic_agreement_finds_a_permuted_copy_and_names_bad_input():
    rng = np.random.default_rng(7)
    ref = rng.dirichlet(np.full(12, 0.3), size=5)
    perm = rng.permutation(5)
    vocab = [f"w{j}" for j in range(12)]
    t = ts.topic_agreement(ref, ref[perm], vocab, n=3)
    assert t["match"].tolist() == np.argsort(perm).tolist()
    assert np.allclose(t["similarity"], 1) and (t["reference_words"] == t["other_words"]).all()
    with pytest.raises(ValueError, match="terms"):
        ts.topic_agreement(ref, ref[:, :-1] / ref[:, :-1].sum(axis=1, keepdims=True), vocab)


def test_similarities_do_not_carry_the_last_bits_of_the_arithmetic():
    """Matching decides ties and thresholds on these values: another BLAS kernel's last bits must not move them."""
    rng = np.random.default_rng(0)
    ref, other = rng.dirichlet(np.ones(40), size=5), rng.dirichlet(np.ones(40), size=5)
    nudged = other.copy()
    nudged[:, 0] *= 1 + 1e-13  # the size of what another summation order leaves after a fit
    plain = ts.similarity_matrix(ref, other)
    assert not np.array_equal(ref @ other.T, ref @ nudged.T)  # the raw products do differ
    np.testing.assert_array_equal(ts.similarity_matrix(ref, nudged), plain)
    assert ts.align_topics(ref, nudged)[0].tolist() == ts.align_topics(ref, other)[0].tolist()
