"""Tests of textlab.topics.labels: top words (the one ranking), relevance, FREX, labels and names."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from textlab.topics import labels as ts

# --------------------------------------------------------------------------- top words


def test_top_words_ties_keep_vocabulary_order():
    tw = [[0.4, 0.2, 0.4], [0.1, 0.3, 0.6]]
    assert ts.top_words(tw, ["a", "b", "c"], n=2) == [["a", "c"], ["c", "b"]]
    assert ts.top_words(tw, ["a", "b", "c"], n=10) == [["a", "c", "b"], ["c", "b", "a"]]  # n > n_terms: all


def test_relevance_by_hand():
    # p(w) = (30, 30, 40) / 100 = (0.3, 0.3, 0.4)
    # r(a, 0) = 0.6 ln 0.5 + 0.4 ln(0.5 / 0.3) = -0.415888 + 0.204330 = -0.211558
    # r(c, 1) = 0.6 ln 0.6 + 0.4 ln(0.6 / 0.4) = -0.306495 + 0.162186 = -0.144309
    # r(a, 1) = 0.6 ln 0.3 + 0.4 ln(0.3 / 0.3) = -0.722384
    tw = np.array([[0.5, 0.3, 0.2], [0.3, 0.1, 0.6]])
    r = ts.relevance(tw, [30, 30, 40], lam=0.6)
    assert r.shape == (2, 3)
    assert r[0, 0] == pytest.approx(-0.211558, abs=1e-6)
    assert r[1, 2] == pytest.approx(-0.144309, abs=1e-6)
    assert r[1, 0] == pytest.approx(-0.722384, abs=1e-6)
    # lam = 1: log p(w|k); lam = 0: log lift
    assert np.allclose(ts.relevance(tw, [30, 30, 40], lam=1.0), np.log(tw))
    assert np.allclose(ts.relevance(tw, [30, 30, 40], lam=0.0), np.log(tw / [0.3, 0.3, 0.4]))
    # lift of topic 1: a 1.0, b 0.333, c 1.5 -> c, a ; probability: c, a too ; topic 0 by lift: a 1.667, b 1.0, c 0.5
    assert ts.top_relevant(tw, [30, 30, 40], ["a", "b", "c"], lam=0.0, n=2) == [["a", "b"], ["c", "a"]]
    # a word no topic uses gets -inf, not NaN
    r0 = ts.relevance([[0.5, 0.5, 0.0]], [1, 1, 1], lam=1.0)
    assert r0[0, 2] == -np.inf


def test_frex_by_hand_stm_definition():
    # beta = [[0.5, 0.4, 0.1], [0.5, 0.1, 0.4]]; column sums (1.0, 0.5, 0.5)
    # exclusivity, topic 0: (0.5, 0.8, 0.2) -> ECDF ranks (2, 3, 1) / 3 ; frequency ranks (3, 2, 1) / 3
    # weight 0.7 on frequency:
    #   a: 1 / (0.7 / 1   + 0.3 / (2/3)) = 1 / 1.15 = 0.869565
    #   b: 1 / (0.7 / (2/3) + 0.3 / 1)   = 1 / 1.35 = 0.740741
    #   c: 1 / (0.7 * 3 + 0.3 * 3)                  = 0.333333
    # topic 1 is topic 0 with b and c swapped
    f = ts.frex([[0.5, 0.4, 0.1], [0.5, 0.1, 0.4]], weight=0.7)
    assert f[0] == pytest.approx([1 / 1.15, 1 / 1.35, 1 / 3])
    assert f[1] == pytest.approx([1 / 1.15, 1 / 3, 1 / 1.35])
    assert ts.top_frex([[0.5, 0.4, 0.1], [0.5, 0.1, 0.4]], ["a", "b", "c"], weight=0.7, n=2) == [["a", "b"], ["a", "c"]]
    # ties get their average rank (stm's rank/frank default):
    # beta row 0 = (0.25, 0.25, 0.5): frequency ranks (1.5, 1.5, 3) / 3 = (0.5, 0.5, 1)
    # column sums (0.75, 0.5, 0.75): exclusivity (1/3, 1/2, 2/3) -> ranks (1, 2, 3) / 3
    # weight 0.5: a 1 / (0.5/0.5 + 0.5/(1/3)) = 0.4 ; b 1 / (1 + 0.75) = 0.571429 ; c 1 / (0.5 + 0.5) = 1
    f = ts.frex([[0.25, 0.25, 0.5], [0.5, 0.25, 0.25]], weight=0.5)
    assert f[0] == pytest.approx([0.4, 1 / 1.75, 1.0])


def test_topic_labels_names_and_fallback(tmp_path):
    tw = [[0.5, 0.3, 0.15, 0.05], [0.1, 0.1, 0.2, 0.6]]
    vocab = ["land", "grain", "kulak", "party"]
    t = ts.topic_labels(tw, [10, 10, 10, 10], vocab, n=2, names={1: "The party", 0: "  "})
    assert t.columns.tolist() == ["topic", "prob", "relevance", "frex", "name"]
    assert t["topic"].tolist() == [0, 1]
    assert t.loc[0, "prob"] == "land, grain"
    assert t.loc[0, "name"] == "land / grain / kulak"  # blank name: top 3 words
    assert t.loc[1, "name"] == "The party"
    with pytest.raises(ValueError, match="names has topic 5"):
        ts.topic_labels(tw, [10, 10, 10, 10], vocab, names={5: "x"})
    with pytest.raises(TypeError, match="names must be a mapping"):
        ts.topic_labels(tw, [10, 10, 10, 10], vocab, names=["x", "y"])


def test_load_topic_names(tmp_path):
    good = tmp_path / "names.csv"
    good.write_text(
        '\ufefftopic,name,note\n\n0,Agrarian question,\n2,"Party, and state",checked\n5,\n', encoding="utf-8"
    )
    assert ts.load_topic_names(good) == {0: "Agrarian question", 2: "Party, and state", 5: ""}
    bad = tmp_path / "bad.csv"
    bad.write_text("topic,name\n0,Land\n\nx1,Grain\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.csv, line 4: topic 'x1' is not an integer"):
        ts.load_topic_names(bad)
    dup = tmp_path / "dup.csv"
    dup.write_text("topic,name\n0,Land\n1,Grain\n0,Soil\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"dup\.csv, line 4: topic 0 is named twice \(first on line 2\)"):
        ts.load_topic_names(dup)
    comma = tmp_path / "comma.csv"
    comma.write_text("topic,name\n0,Party, and state\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"comma\.csv, line 2: 3 fields.*double quotes"):
        ts.load_topic_names(comma)
    nohead = tmp_path / "nohead.csv"
    nohead.write_text("0,Land\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"nohead\.csv, line 1: the header must name the columns topic,name"):
        ts.load_topic_names(nohead)


def test_top_words_takes_any_weights_of_the_words():
    # counts, scikit-learn's components_ or log-probabilities: only the order counts
    assert ts.top_words([[3, 9, 9]], ["a", "b", "c"], n=2) == [["b", "c"]]
    assert ts.top_words(np.log([[0.2, 0.5, 0.3]]), ["a", "b", "c"], n=3) == [["b", "c", "a"]]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_top_words_is_a_stable_sort(data):
    """Heaviest first, ties to the lower column (also on the partition path, V > 8 n)."""
    K, V = data.draw(st.integers(1, 5)), data.draw(st.integers(2, 80))
    W = data.draw(arrays(np.float64, (K, V), elements=st.integers(0, 3).map(float)))  # many ties
    n = data.draw(st.integers(1, V + 2))
    vocab = [f"w{j}" for j in range(V)]
    want = [[vocab[j] for j in row] for row in np.argsort(-W, axis=1, kind="stable")[:, :n]]
    assert ts.top_words(W, vocab, n=n) == want


def test_top_words_partition_path():
    rng = np.random.default_rng(7)
    vocab = np.array([f"w{j}" for j in range(300)])
    for W in (rng.integers(0, 4, (6, 300)).astype(float), rng.random((6, 300)), np.zeros((2, 300))):
        for n in (2, 5, 10, 37):
            assert ts.top_words(W, vocab, n=n) == vocab[np.argsort(-W, axis=1, kind="stable")[:, :n]].tolist()


# --------------------------------------------------------------------------- errors


TW = np.array([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5]])


@pytest.mark.parametrize(
    "call, exc, message",
    [
        (lambda: ts.top_words(np.array([0.5, 0.5]), ["a", "b"]), ValueError, r"topic_word must be 2-dimensional"),
        (lambda: ts.top_words(TW, ["a", "b"]), ValueError, r"vocab has 2 terms but topic_word has 3 columns"),
        (lambda: ts.top_words(TW, "abc"), TypeError, r"vocab must be a sequence"),
        (lambda: ts.relevance(TW * 2, [1, 1, 1]), ValueError, r"topic_word rows must sum to 1.*row 0 sums to 2"),
        (lambda: ts.frex(-TW), ValueError, r"topic_word must hold probabilities"),
        (lambda: ts.top_words(TW * np.nan, ["a", "b", "c"]), ValueError, r"topic_word must hold finite values"),
        (lambda: ts.top_words(TW, ["a", 2, "c"]), TypeError, r"vocab must hold str terms"),
        (lambda: ts.top_words(TW, ["a", "b", "c"], n=0), ValueError, r"n must be >= 1"),
        (lambda: ts.relevance(TW, [1, 2]), ValueError, r"term_freq has shape \(2,\)"),
        (lambda: ts.relevance(TW, [1, 0, 2]), ValueError, r"term_freq is 0 for 1 term"),
        (lambda: ts.relevance(TW, [1, 1, 1], lam=1.5), ValueError, r"lam must be between 0 and 1"),
        (lambda: ts.frex(TW, weight=-0.1), ValueError, r"weight must be between 0 and 1"),
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
@given(topic_matrices(1, 5), st.floats(0, 1))
def test_frex_limits(tw, weight):
    f = ts.frex(tw, weight=weight)
    assert f.shape == tw.shape and (f > 0).all() and (f <= 1 + 1e-12).all()
    v = tw.shape[1]
    # weight 1: the frequency ECDF rank; its top word is the most probable one (rank 1)
    assert ts.frex(tw, weight=1.0).max(axis=1) == pytest.approx(np.ones(tw.shape[0]))
    assert np.allclose(ts.frex(tw, weight=1.0) * v, np.argsort(np.argsort(tw, axis=1), axis=1) + 1)
