"""Tests of textlab.stylometry.delta: hand-computed Delta, the classifier, Hypothesis properties."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.spatial.distance import cosine as scipy_cosine

from textlab.stylometry import delta as sty

# --------------------------------------------------------------------------- hand-computed cases

# 3 chunks x 3 words of relative frequencies
F_HAND = np.array(
    [
        [0.05, 0.02, 0.01],
        [0.03, 0.04, 0.01],
        [0.04, 0.03, 0.04],
    ]
)


def test_delta_by_hand():
    # column means: 0.04, 0.03, 0.02
    # sample sds (ddof=1): w1: sqrt((.01^2 + .01^2 + 0) / 2) = .01
    #                      w2: sqrt((.01^2 + .01^2 + 0) / 2) = .01
    #                      w3: sqrt((.01^2 + .01^2 + .02^2) / 2) = sqrt(.0003) = .0173205
    # z-scores: chunk 0: ( 1, -1, -0.57735)
    #           chunk 1: (-1,  1, -0.57735)
    #           chunk 2: ( 0,  0,  1.15470)
    # Burrows' Delta(0, 1) = (|1+1| + |-1-1| + 0) / 3 = 4/3 = 1.333333
    # Delta(0, 2) = (1 + 1 + 1.732051) / 3 = 1.244017 = Delta(1, 2)
    Z = sty.zscores(F_HAND)
    c = 1 / math.sqrt(3)
    assert Z == pytest.approx(np.array([[1, -1, -c], [-1, 1, -c], [0, 0, 2 * c]]))
    D = sty.delta_matrix(Z, metric="burrows")
    assert D[0, 1] == pytest.approx(4 / 3)
    assert D[0, 2] == pytest.approx((2 + math.sqrt(3)) / 3) == pytest.approx(1.244017, abs=1e-6)
    assert D[1, 2] == pytest.approx(D[0, 2])
    # Cosine Delta: z0 . z1 = -1 - 1 + 1/3 = -5/3; |z0|^2 = |z1|^2 = 2 + 1/3 = 7/3 -> cos = -5/7 -> 1 + 5/7 = 12/7
    # z0 . z2 = -2/3; |z2| = 2/sqrt(3) -> cos = (-2/3) / (sqrt(7/3) * 2/sqrt(3)) = -1/sqrt(7) -> 1 + 0.377964
    Dc = sty.delta_matrix(Z, metric="cosine")
    assert Dc[0, 1] == pytest.approx(12 / 7)
    assert Dc[0, 2] == pytest.approx(1 + 1 / math.sqrt(7))
    assert np.diag(Dc) == pytest.approx(np.zeros(3), abs=1e-12)


def test_zscores_with_a_training_reference_and_weights():
    # a new chunk (0.06, 0.03, 0.02) against the training chunks above: z = (2, 0, 0)
    z = sty.zscores([[0.06, 0.03, 0.02]], reference=F_HAND)
    assert z == pytest.approx(np.array([[2.0, 0.0, 0.0]]))
    # equal weights are the plain sample mean and sd
    assert sty.zscores(F_HAND, weights=[5, 5, 5]) == pytest.approx(sty.zscores(F_HAND))
    # balanced weights: rows (a, a, b) -> 1/2, 1/2, 1; the mean of w1 is (.05/2 + .03/2 + .04) / 2 = .04
    w = sty.balanced_weights(["a", "a", "b"])
    assert w.tolist() == [0.5, 0.5, 1.0]
    z = sty.zscores(F_HAND, weights=w)
    assert z[2, 0] == pytest.approx(0.0)
    # a word of constant frequency gets z = 0, not a division by zero
    assert sty.zscores([[0.1, 0.5], [0.3, 0.5]])[:, 1].tolist() == [0.0, 0.0]
    # ... also when summing in another memory order leaves an sd of rounding noise (~1e-19)
    const = np.full((8, 2), 0.003)
    assert (sty.zscores(np.asfortranarray(const)) == 0).all() and (sty.zscores(const[::-1]) == 0).all()


def test_classifier_by_hand_on_token_lists():
    # "a" is 2/3, 3/4 of the x chunks and 1/3, 1/4 of the y chunks; "b" the rest
    X = [list("aab"), list("aaab"), list("abb"), list("abbb")]
    clf = sty.DeltaClassifier(n_mfw=2, metric="burrows").fit(X, ["x", "x", "y", "y"])
    assert clf.words_ == ["a", "b"]
    assert clf.predict([list("aaaab"), list("abbbbb")]).tolist() == ["x", "y"]
    D = clf.distances([list("ab")])  # exactly at the mean: equally far from both
    assert D[0, 0] == pytest.approx(D[0, 1])
    assert clf.score(X, ["x", "x", "y", "y"]) == 1.0
    t = clf.distance_table([list("aaaab")])
    assert list(t.columns) == ["x", "y", "attributed", "margin"] and t.loc[0, "margin"] > 0


def test_errors_name_the_parameter():
    with pytest.raises(ValueError, match="metric"):
        sty.delta_matrix(np.eye(2), metric="euclid")
    with pytest.raises(ValueError, match="Z_a has 2 columns but Z_b has 3"):
        sty.delta_matrix(np.eye(2), np.eye(3))
    with pytest.raises(ValueError, match="n_mfw"):
        sty.DeltaClassifier(n_mfw=0).fit([["a"], ["b"]], ["x", "y"])
    with pytest.raises(ValueError, match="not fitted"):
        sty.DeltaClassifier().predict([["a"]])
    with pytest.raises(ValueError, match="y has 1 labels but X has 2 chunks"):
        sty.DeltaClassifier().fit([["a"], ["b"]], ["x"])
    with pytest.raises(TypeError, match="fitted on token lists"):
        sty.DeltaClassifier(n_mfw=2).fit([list("aab"), list("abb")], ["x", "y"]).predict(np.array([[1, 2]]))
    with pytest.raises(ValueError, match="F must hold finite values"):
        sty.zscores([[0.1, np.nan], [0.2, 0.3]])
    with pytest.raises(TypeError, match=r"token_lists\[0\] is a str"):
        sty.frequency_matrix(["the of"], ["the"])


def test_classifier_is_a_scikit_learn_estimator():
    from sklearn.base import clone

    clf = sty.DeltaClassifier(n_mfw=50, metric="burrows", exclude=("gorter",))
    assert clone(clf).get_params() == clf.get_params()
    # counts and token lists give the same model
    X = [list("aab"), list("aaab"), list("abb"), list("abbb")]
    C = np.array([[2, 1], [3, 1], [1, 2], [1, 3]])
    a = sty.DeltaClassifier(n_mfw=2).fit(X, list("xxyy")).distances([list("aabbb")])
    b = sty.DeltaClassifier(n_mfw=2).fit(C, list("xxyy"), vocab=["a", "b"]).distances(np.array([[2, 3]]))
    assert a == pytest.approx(b)


# --------------------------------------------------------------------------- Hypothesis properties

freqs = st.integers(3, 8).flatmap(
    lambda n: st.integers(2, 10).flatmap(
        lambda m: arrays(np.int64, (n, m), elements=st.integers(0, 50)).map(lambda a: a / 1000)
    )
)
metrics = st.sampled_from(sty.METRICS)


def _nonzero_rows(Z):
    return bool((np.linalg.norm(Z, axis=1) > 1e-6).all())


@settings(max_examples=60, deadline=None)
@given(F=freqs, metric=metrics)
def test_delta_symmetric_and_zero_on_identical(F, metric):
    Z = sty.zscores(F)
    assume(metric == "burrows" or _nonzero_rows(Z))
    D = sty.delta_matrix(Z, metric=metric)
    assert np.allclose(D, D.T, atol=1e-12)
    assert np.allclose(np.diag(D), 0, atol=1e-9)
    assert (D >= 0).all()
    # two halves: D(A, B) is D(B, A) transposed
    a, b = Z[: len(Z) // 2], Z[len(Z) // 2 :]
    assert np.allclose(sty.delta_matrix(a, b, metric=metric), sty.delta_matrix(b, a, metric=metric).T)


@settings(max_examples=60, deadline=None)
@given(F=freqs, metric=metrics, data=st.data())
def test_delta_invariant_to_chunk_and_word_order(F, metric, data):
    Z = sty.zscores(F)
    assume(metric == "burrows" or _nonzero_rows(Z))
    D = sty.delta_matrix(Z, metric=metric)
    rows = np.array(data.draw(st.permutations(range(F.shape[0]))))
    cols = np.array(data.draw(st.permutations(range(F.shape[1]))))
    Zp = sty.zscores(F[rows][:, cols])  # mean and sd do not depend on the order of the chunks
    assert np.allclose(sty.delta_matrix(Zp, metric=metric), D[np.ix_(rows, rows)], atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(
    F=arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(2, 8)),
        elements=st.floats(-3, 3, allow_nan=False, width=32),
    ),
    G=st.integers(0, 2**32 - 1),
)
def test_cosine_delta_is_scipy_cosine_distance(F, G):
    rng = np.random.default_rng(G)
    B = rng.normal(size=(3, F.shape[1]))
    assume(_nonzero_rows(F))
    D = sty.delta_matrix(F, B, metric="cosine")
    for i in range(F.shape[0]):
        for j in range(B.shape[0]):
            assert D[i, j] == pytest.approx(scipy_cosine(F[i], B[j]), abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), data=st.data())
def test_classifier_invariant_to_chunk_and_vocab_order(seed, data):
    rng = np.random.default_rng(seed)
    C = rng.integers(0, 20, size=(8, 12))
    C[:, 0] += 1  # no empty chunk
    y = np.array(list("aaaabbbb"))
    vocab = [f"w{j}" for j in range(12)]
    test = rng.integers(0, 20, size=(3, 12)) + 1
    base = sty.DeltaClassifier(n_mfw=6).fit(C, y, vocab=vocab).distances(test)
    rows = np.array(data.draw(st.permutations(range(8))))
    cols = np.array(data.draw(st.permutations(range(12))))
    clf = sty.DeltaClassifier(n_mfw=6).fit(C[rows][:, cols], y[rows], vocab=[vocab[j] for j in cols])
    assert np.allclose(clf.distances(test[:, cols]), base)


def test_is_count_matrix_tells_counts_from_token_lists():
    assert sty.is_count_matrix(np.array([[1, 2]])) and not sty.is_count_matrix([["the", "of"]])
    with pytest.raises(TypeError, match="not a str"):
        sty.is_count_matrix("the of")
