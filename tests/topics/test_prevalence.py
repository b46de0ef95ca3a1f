"""Tests of textlab.topics.prevalence: hand-computed prevalence and intervals, Hypothesis properties."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textlab.topics import prevalence as ts

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


@pytest.mark.parametrize(
    "call, exc, message",
    [
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
