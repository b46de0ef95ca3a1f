"""Tests for textlab/topic_stats.py: hand-computed cases and Hypothesis properties of the maths."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import jensenshannon

from textlab.topics import stats as ts

# --------------------------------------------------------------------------- labels


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


# --------------------------------------------------------------------------- stability


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
    labels = ts.topic_labels(tw, [1, 1, 1], ["land", "party", "war"], n=2, names={0: "Land"})
    stab = ts.topic_stability(tw, [np.array([[0.8, 0.1, 0.1], [0.1, 0.1, 0.8]])])
    out = ts.flag_unstable(labels, stab)
    assert out["stable"].tolist() == [True, False]
    assert out["label"].tolist() == ["Land", "† party / land / war"]
    assert "label" not in labels.columns  # a copy
    with pytest.raises(ValueError, match=r"stability_df has no row for topic\(s\) \[1\]"):
        ts.flag_unstable(labels, stab.iloc[:1])


# --------------------------------------------------------------------------- prevalence


THETA4 = np.array([[0.8, 0.2], [0.4, 0.6], [0.3, 0.7], [0.1, 0.9]])


def test_prevalence_by_hand():
    # unweighted: A = mean((0.8, 0.2), (0.4, 0.6)) = (0.6, 0.4); B = mean((0.3, 0.7), (0.1, 0.9)) = (0.2, 0.8)
    p = ts.prevalence(THETA4, ["A", "A", "B", "B"])
    assert p.index.tolist() == ["A", "B"] and p.columns.tolist() == [0, 1]
    assert np.allclose(p.values, [[0.6, 0.4], [0.2, 0.8]])
    # weighted by length (100, 300, 200, 200): A = (100*0.8 + 300*0.4) / 400 = 200 / 400 = 0.5
    #                                          B = (200*0.3 + 200*0.1) / 400 = 0.2
    pw = ts.prevalence(THETA4, ["A", "A", "B", "B"], weights=[100, 300, 200, 200])
    assert np.allclose(pw.values, [[0.5, 0.5], [0.2, 0.8]])
    # a row without a group is left out
    pn = ts.prevalence(THETA4, ["A", None, "B", np.nan])
    assert np.allclose(pn.values, [[0.8, 0.2], [0.3, 0.7]])


def test_bootstrap_units_resample_chunks_together():
    # group A: two works of 10 chunks each, one all topic 0, the other all topic 1
    theta = np.array([[0.9, 0.1]] * 10 + [[0.1, 0.9]] * 10 + [[0.5, 0.5]] * 4)
    groups = ["A"] * 20 + ["B"] * 4
    work = ["w1"] * 10 + ["w2"] * 10 + ["b1", "b2", "b3", "b4"]
    by_chunk = ts.bootstrap_prevalence(theta, groups, n_boot=400, seed=3)
    by_work = ts.bootstrap_prevalence(theta, groups, n_boot=400, seed=3, units=work)
    a_chunk, a_work = by_chunk.iloc[0], by_work.iloc[0]
    assert a_chunk["prevalence"] == pytest.approx(0.5) and a_work["prevalence"] == pytest.approx(0.5)
    assert (a_chunk["n_docs"], a_chunk["n_units"], a_work["n_units"]) == (20, 20, 2)
    # two works: each resample has 0, 1 or 2 copies of w1 -> prevalence 0.1, 0.5 or 0.9
    assert a_work["low"] == pytest.approx(0.1) and a_work["high"] == pytest.approx(0.9)
    assert a_chunk["high"] - a_chunk["low"] < 0.5 * (a_work["high"] - a_work["low"])
    # a group of one unit has no interval
    one = ts.bootstrap_prevalence(theta, groups, n_boot=50, units=["w"] * 20 + ["b"] * 4)
    assert one["low"].isna().all()


def test_bootstrap_seed_changes_interval():
    rng = np.random.default_rng(0)
    theta = rng.dirichlet([0.5] * 3, size=40)
    groups = ["A"] * 20 + ["B"] * 20
    t0 = ts.bootstrap_prevalence(theta, groups, n_boot=200, seed=0)
    assert t0.equals(ts.bootstrap_prevalence(theta, groups, n_boot=200, seed=0))
    t1 = ts.bootstrap_prevalence(theta, groups, n_boot=200, seed=1)
    assert not np.allclose(t0[["low", "high"]], t1[["low", "high"]])
    assert np.allclose(t0["prevalence"], t1["prevalence"])
    # a group's interval does not depend on the other groups
    only_a = ts.bootstrap_prevalence(theta[:20], groups[:20], n_boot=200, seed=0)
    assert np.allclose(only_a[["low", "high"]], t0[t0.group == "A"][["low", "high"]])


def test_prevalence_difference_by_hand():
    d = ts.prevalence_difference(THETA4, ["A", "A", "B", "B"], "A", "B", n_boot=300)
    assert d.columns.tolist() == ["topic", "a", "b", "difference", "low", "high", "excludes_zero"]
    # 0.6 - 0.2 = 0.4 ; 0.4 - 0.8 = -0.4; each resample of A gives 0.8, 0.6 or 0.4, of B 0.3, 0.2 or 0.1:
    # the difference lies in [0.1, 0.7]
    assert d["difference"].tolist() == pytest.approx([0.4, -0.4])
    assert d.loc[0, "low"] >= 0.1 - 1e-12 and d.loc[0, "high"] <= 0.7 + 1e-12
    assert d["excludes_zero"].tolist() == [True, True]
    with pytest.raises(ValueError, match=r"b='C' is not a group; groups are \['A', 'B'\]"):
        ts.prevalence_difference(THETA4, ["A", "A", "B", "B"], "A", "C")


def test_prevalence_over_time_year_month_min_docs():
    meta = pd.DataFrame(
        {
            "author": ["T", "T", "T", "S", "S"],
            "year": [1930, 1930, 1931, 1930, 1930],
            "date": ["1930-01", "1930-01-20", "1931", "1930-02-01", "1930-02"],
            "work": ["w1", "w1", "w2", "w3", "w4"],
        }
    )
    theta = np.array([[0.9, 0.1], [0.7, 0.3], [0.5, 0.5], [0.2, 0.8], [0.4, 0.6]])
    t = ts.prevalence_over_time(theta, meta, time="year", n_boot=50, units="work")
    assert t.columns.tolist() == ["author", "year", "topic", "prevalence", "low", "high", "n_docs", "n_units"]
    top0 = t[t.topic == 0]
    assert top0[["author", "year", "n_docs", "n_units"]].values.tolist() == [
        ["S", 1930, 2, 2],
        ["T", 1930, 2, 1],
        ["T", 1931, 1, 1],
    ]
    assert top0["prevalence"].tolist() == pytest.approx([0.3, 0.8, 0.5])
    # T 1930 is one work: no interval; S 1930 has two
    assert top0["low"].isna().tolist() == [False, True, True]
    m = ts.prevalence_over_time(theta, meta, time="month", n_boot=50, min_docs=2)
    assert m[m.topic == 0][["author", "month", "n_docs"]].values.tolist() == [["S", "1930-02", 2], ["T", "1930-01", 2]]
    allm = ts.prevalence_over_time(theta, meta, by=None, time="year", n_boot=20)
    assert allm.columns.tolist()[:2] == ["year", "topic"] and allm["n_docs"].tolist() == [4, 4, 1, 1]
    with pytest.raises(ValueError, match=r"meta\['date'\], row 0: 'Jan 1930'"):
        ts.prevalence_over_time(theta, meta.assign(date=["Jan 1930"] + ["1930"] * 4), time="month")
    with pytest.raises(KeyError, match="time: meta has no column 'decade'"):
        ts.prevalence_over_time(theta, meta, time="decade")


# --------------------------------------------------------------------------- documents


def test_representative_documents_passage_and_order():
    text = "The kulak question is the grain question, and the grain question is the question of the party."
    meta = pd.DataFrame(
        {
            "doc_id": ["d1", "d2", "d3", "d4"],
            "author": ["A", "B", "A", "B"],
            "text": [text, "Short\n text.", "Brief.", None],
        }
    )
    theta = np.array([[0.6, 0.4], [0.3, 0.7], [0.9, 0.1], [0.9, 0.1]])
    r = ts.representative_documents(theta, meta, 0, n=2, passage_chars=20)
    assert r.columns.tolist() == ["row", "doc_id", "author", "share", "passage"]
    assert r["row"].tolist() == [2, 3]  # tie at 0.9: row order
    assert r["passage"].tolist() == ["Brief.", ""]
    # min_length on doc_lengths leaves the short ones out
    r = ts.representative_documents(theta, meta, 0, n=5, passage_chars=20, min_length=10, doc_lengths=[17, 2, 1, 0])
    assert r["doc_id"].tolist() == ["d1"] and r["length"].tolist() == [17]
    # 20 characters "The kulak question i" end inside "is": cut back to "The kulak question" + "…"
    assert r.loc[0, "passage"] == "The kulak question…"
    # exactly at a word end: "The kulak question" is 18 characters, followed by a space
    assert (
        ts.representative_documents(theta, meta, 0, n=1, passage_chars=18, min_length=10)["passage"][0]
        == "The kulak question…"
    )
    # whitespace collapsed; not cut: no ellipsis; without doc_lengths, min_length counts words
    r = ts.representative_documents(theta, meta, 1, n=1, passage_chars=100)
    assert r["passage"].tolist() == ["Short text."]
    with pytest.raises(ValueError, match="topic must be an int from 0 to 1, got 2"):
        ts.representative_documents(theta, meta, 2)


# --------------------------------------------------------------------------- errors


TW = np.array([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5]])


@pytest.mark.parametrize(
    "call, exc, message",
    [
        (lambda: ts.top_words(np.array([0.5, 0.5]), ["a", "b"]), ValueError, r"topic_word must be 2-dimensional"),
        (lambda: ts.top_words(TW, ["a", "b"]), ValueError, r"vocab has 2 terms but topic_word has 3 columns"),
        (lambda: ts.top_words(TW, "abc"), TypeError, r"vocab must be a sequence"),
        (lambda: ts.top_words(TW * 2, ["a", "b", "c"]), ValueError, r"topic_word rows must sum to 1.*row 0 sums to 2"),
        (lambda: ts.top_words(-TW, ["a", "b", "c"]), ValueError, r"topic_word must hold probabilities"),
        (lambda: ts.top_words(TW, ["a", "b", "c"], n=0), ValueError, r"n must be >= 1"),
        (lambda: ts.relevance(TW, [1, 2]), ValueError, r"term_freq has shape \(2,\)"),
        (lambda: ts.relevance(TW, [1, 0, 2]), ValueError, r"term_freq is 0 for 1 term"),
        (lambda: ts.relevance(TW, [1, 1, 1], lam=1.5), ValueError, r"lam must be between 0 and 1"),
        (lambda: ts.frex(TW, weight=-0.1), ValueError, r"weight must be between 0 and 1"),
        (lambda: ts.align_topics(TW, TW[:, :2] / TW[:, :2].sum(1, keepdims=True)), ValueError, r"other has 2 terms"),
        (lambda: ts.align_topics(TW, TW, metric="euclid"), ValueError, r"metric must be one of"),
        (lambda: ts.topic_stability(TW, TW), TypeError, r"others must be a sequence of topic-word matrices"),
        (lambda: ts.topic_stability(TW, []), ValueError, r"others is empty"),
        (lambda: ts.topic_stability(TW, [TW, TW[:, :2]]), ValueError, r"others\[1\]: other rows must sum to 1"),
        (lambda: ts.topic_stability(TW, [TW], threshold=2), ValueError, r"threshold must be between 0 and 1"),
        (lambda: ts.prevalence(THETA4, ["A", "B"]), ValueError, r"groups has 2 labels but doc_topic has 4 rows"),
        (lambda: ts.prevalence(THETA4, "AABB"), TypeError, r"groups must be a sequence"),
        (
            lambda: ts.prevalence(THETA4[:, :1], list("AABB")),
            ValueError,
            r"doc_topic rows must sum to 1.*minimum_probability",
        ),
        (lambda: ts.prevalence(THETA4, list("AABB"), weights=[1, 2]), ValueError, r"weights has shape \(2,\)"),
        (
            lambda: ts.prevalence(THETA4, list("AABB"), weights=[1, 1, 0, 0]),
            ValueError,
            r"weights sum to 0 in group 'B'",
        ),
        (lambda: ts.bootstrap_prevalence(THETA4, list("AABB"), units=[1, 2]), ValueError, r"units has 2 labels"),
        (
            lambda: ts.bootstrap_prevalence(THETA4, list("AABB"), units=[1, 2, None, 3]),
            ValueError,
            r"units has missing labels",
        ),
        (lambda: ts.bootstrap_prevalence(THETA4, list("AABB"), n_boot=0), ValueError, r"n_boot must be >= 1"),
        (
            lambda: ts.bootstrap_prevalence(THETA4, list("AABB"), ci=1.0),
            ValueError,
            r"ci must be strictly between 0 and 1",
        ),
        (
            lambda: ts.bootstrap_prevalence(THETA4, list("AABB"), seed=-1),
            ValueError,
            r"seed must be a non-negative int",
        ),
        (
            lambda: ts.prevalence_over_time(THETA4, pd.DataFrame({"author": list("AB"), "year": [1, 2]})),
            ValueError,
            r"meta has 2 rows but doc_topic has 4",
        ),
        (lambda: ts.representative_documents(THETA4, [1, 2, 3, 4], 0), TypeError, r"meta must be a pandas DataFrame"),
        (lambda: ts.representative_documents(THETA4, pd.DataFrame({"t": list("abcd")}), 0), KeyError, r"text_column"),
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


@settings(max_examples=40, deadline=None)
@given(topic_matrices(1, 5), st.floats(0, 1))
def test_frex_limits(tw, weight):
    f = ts.frex(tw, weight=weight)
    assert f.shape == tw.shape and (f > 0).all() and (f <= 1 + 1e-12).all()
    v = tw.shape[1]
    # weight 1: the frequency ECDF rank; its top word is the most probable one (rank 1)
    assert ts.frex(tw, weight=1.0).max(axis=1) == pytest.approx(np.ones(tw.shape[0]))
    assert np.allclose(ts.frex(tw, weight=1.0) * v, np.argsort(np.argsort(tw, axis=1), axis=1) + 1)


@st.composite
def grouped_theta(draw, min_per_group=1):
    n_groups = draw(st.integers(1, 4))
    sizes = draw(st.lists(st.integers(min_per_group, 6), min_size=n_groups, max_size=n_groups))
    k = draw(st.integers(2, 5))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    theta = rng.dirichlet(np.full(k, 0.7), size=sum(sizes))
    groups = [f"g{i}" for i, s in enumerate(sizes) for _ in range(s)]
    weights = rng.integers(1, 500, size=len(groups)).astype(float)
    return theta, groups, weights


@settings(max_examples=50, deadline=None)
@given(grouped_theta(), st.data(), st.booleans())
def test_prevalence_rows_sum_to_one_and_order_invariance(case, data, weighted):
    theta, groups, weights = case
    w = weights if weighted else None
    p = ts.prevalence(theta, groups, weights=w)
    assert p.sum(axis=1).to_numpy() == pytest.approx(np.ones(len(p)))
    # order of the documents
    order = np.array(data.draw(st.permutations(range(len(groups)))))
    q = ts.prevalence(theta[order], [groups[i] for i in order], weights=None if w is None else w[order])
    pd.testing.assert_frame_equal(p, q, check_exact=False, rtol=1e-12, atol=1e-12)
    # names of the groups: renamed by a bijection, each group keeps its row
    names = sorted(set(groups))
    shuffled = data.draw(st.permutations(names))
    rename = dict(zip(names, [f"h{n}" for n in shuffled]))
    r = ts.prevalence(theta, [rename[g] for g in groups], weights=w)
    assert np.allclose(r.loc[[rename[g] for g in names]].to_numpy(), p.to_numpy())


@settings(max_examples=25, deadline=None)
@given(grouped_theta(min_per_group=2), st.integers(0, 1000), st.booleans())
def test_bootstrap_contains_estimate_and_is_reproducible(case, seed, weighted):
    theta, groups, weights = case
    w = weights if weighted else None
    t = ts.bootstrap_prevalence(theta, groups, weights=w, n_boot=60, seed=seed)
    assert t[["low", "high"]].notna().all().all()
    assert (t["low"] <= t["prevalence"] + 1e-12).all() and (t["prevalence"] <= t["high"] + 1e-12).all()
    p = ts.prevalence(theta, groups, weights=w)
    assert t["prevalence"].to_numpy() == pytest.approx(p.to_numpy().ravel())
    pd.testing.assert_frame_equal(t, ts.bootstrap_prevalence(theta, groups, weights=w, n_boot=60, seed=seed))


@settings(max_examples=25, deadline=None)
@given(grouped_theta(min_per_group=2), st.integers(0, 1000))
def test_difference_of_a_group_with_itself_contains_zero(case, seed):
    theta, groups, weights = case
    d = ts.prevalence_difference(theta, groups, groups[0], groups[0], weights=weights, n_boot=200, seed=seed)
    assert d["difference"].to_numpy() == pytest.approx(np.zeros(theta.shape[1]), abs=1e-12)
    assert (d["low"] <= 1e-12).all() and (d["high"] >= -1e-12).all()
    assert not d["excludes_zero"].any()


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
