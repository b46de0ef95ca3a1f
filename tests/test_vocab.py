"""Tests for textlab/vocab.py: hand-computed cases and Hypothesis properties of the maths."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textlab.vocab import keyness as vocab


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


# ---------------------------------------------------------------- tf-idf, diversity, KWIC, collocations, time


def test_tfidf_by_hand():
    # 3 documents; "kulak" in 1 document: idf = ln(4/2) + 1; "party" in 3: idf = ln(4/4) + 1 = 1
    X = np.array([[2, 1], [0, 1], [0, 2]])
    t = vocab.tfidf_by_group(X, ["kulak", "party"], ["a", "a", "b"], per=1)
    assert t.loc["kulak", "a"] == pytest.approx(2 / 4 * (math.log(2) + 1))
    assert t.loc["party", "a"] == pytest.approx(2 / 4 * 1.0)
    assert t.loc["party", "b"] == pytest.approx(1.0) and t.loc["kulak", "b"] == 0


def test_ttr_mattr_mtld_by_hand():
    toks = "the party and the class and the party".split()  # 8 tokens, 4 types
    assert vocab.ttr(toks) == 0.5
    # windows of 4: [the party and the]=3/4, [party and the class]=1, [and the class and]=3/4,
    # [the class and the]=3/4, [class and the party]=1 -> mean 4.25/5 = 0.85
    assert vocab.mattr(toks, window=4) == pytest.approx(0.85)
    assert vocab.mattr(toks, window=100) == vocab.ttr(toks)
    # forward: the party and the -> 3/4 = 0.75 > .72; +class 4/5 ; +and 4/6 = .667 <= .72: factor 1 (6 tokens)
    #   then "the party": TTR 1 -> partial (1-1)/.28 = 0: factors 1 -> 8 / 1 = 8
    # backward: party the and class the and -> 4/6 at the 6th token: factor 1; "party the": 1 -> 0 -> 8
    assert vocab.mtld(toks) == pytest.approx(8.0)
    assert vocab.mtld("a b a c".split()) == pytest.approx((4 + 4 / (0.25 / 0.28)) / 2)
    assert math.isnan(vocab.mtld("a b c".split()))  # no factor completed, no partial: undefined
    with pytest.raises(ValueError, match="threshold"):
        vocab.mtld(toks, threshold=1.5)


def _mattr_naive(toks, window):
    if len(toks) <= window:
        return len(set(toks)) / len(toks)
    vals = [len(set(toks[i : i + window])) / window for i in range(len(toks) - window + 1)]
    return sum(vals) / len(vals)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(list("abcdefg")), min_size=1, max_size=60), st.integers(1, 20))
def test_mattr_equals_the_naive_definition_and_measures_ignore_names(toks, window):
    assert vocab.mattr(toks, window=window) == pytest.approx(_mattr_naive(toks, window))
    renamed = ["w_" + t for t in toks]
    assert vocab.mattr(renamed, window=window) == pytest.approx(vocab.mattr(toks, window=window))
    a, b = vocab.mtld(toks), vocab.mtld(renamed)
    assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)
    c = vocab.mtld(toks[::-1])  # bidirectional: reading backwards gives the same value
    assert (math.isnan(a) and math.isnan(c)) or a == pytest.approx(c)


def test_diversity_by_group_resamples_units_and_ignores_row_order():
    rng = np.random.default_rng(0)
    lists = [[f"w{int(x)}" for x in rng.integers(0, k, 300)] for k in (50, 50, 200, 200, 200)]
    groups = ["poor", "poor", "rich", "rich", "rich"]
    per, summary = vocab.diversity_by_group(lists, groups, chunk=100, window=50, n_boot=200)
    assert summary["group"].tolist() == ["poor", "rich"] and summary["n_chunks"].tolist() == [6, 9]
    assert summary.set_index("group").loc["rich", "mattr"] > summary.set_index("group").loc["poor", "mattr"]
    order = [4, 2, 0, 3, 1]
    _, again = vocab.diversity_by_group(
        [lists[i] for i in order], [groups[i] for i in order], chunk=100, window=50, n_boot=200
    )
    assert np.allclose(summary[["ttr", "mattr", "mtld"]], again[["ttr", "mattr", "mtld"]])
    _, joined = vocab.diversity_by_group(
        lists, groups, units=["p", "p", "r1", "r1", "r2"], chunk=100, window=50, n_boot=50
    )
    assert joined["n_docs"].tolist() == [1, 2] and joined["n_chunks"].tolist() == [6, 9]


def _kdocs():
    return pd.DataFrame(
        {
            "doc_id": ["d1", "d2"],
            "author": ["Trotsky", "Cliff"],
            "date": ["1930-10", "1993"],
            "kind": ["primary", "quotation"],
            "text": [
                "Against the Thermidorean danger, for the united\nfront.",
                "The united-front policy; a Thermidor.",
            ],
        }
    )


def test_kwic_finds_phrases_across_lines_and_hyphens_and_names_the_speaker():
    hits = vocab.kwic(_kdocs(), "united front", width=10)
    assert hits["doc_id"].tolist() == ["d1", "d2"] and hits["match"].tolist() == ["united front", "united-front"]
    assert hits.loc[0, "left"].endswith("for the ") and hits.loc[0, "right"].startswith(".")
    assert hits.loc[1, "kind"] == "quotation" and hits.loc[1, "author"] == "Cliff"
    assert vocab.kwic(_kdocs(), "thermidor")["doc_id"].tolist() == ["d2"]  # whole words only
    assert len(vocab.kwic(_kdocs(), r"thermidor\w*", regex=True)) == 2
    with pytest.raises(KeyError, match="no column"):
        vocab.kwic(_kdocs().drop(columns="kind"), "front")
    with pytest.raises(ValueError, match="non-empty"):
        vocab.kwic(_kdocs(), " ")


def test_collocations_by_hand():
    toks = [["a", "x", "b", "c", "a", "x", "d", "e"], ["x", "y"]]
    t = vocab.collocations(toks, "a", window=1, min_count=2)
    row = t.set_index("collocate").loc["x"]
    # N = 10, f_node = 2, span R = 2*1*2 = 4 positions, O = 2 (x after each a), f_x = 3
    assert (row["N"], row["f_node"], row["O"], row["f_coll"]) == (10, 2, 2, 3)
    assert row["E"] == pytest.approx(4 * 3 / 10) and row["pmi"] == pytest.approx(math.log2(2 / 1.2))
    obs = np.array([[2, 2], [1, 5]])
    exp = np.outer(obs.sum(1), obs.sum(0)) / obs.sum()
    assert row["g2"] == pytest.approx(2 * (obs * np.log(obs / exp)).sum())
    by_group = vocab.collocations(toks, "x", groups=["g1", "g2"], window=1, min_count=1)
    assert set(by_group["group"]) == {"g1", "g2"}
    assert by_group.set_index(["group", "collocate"]).loc[("g2", "y"), "O"] == 1  # windows stay inside documents


def test_frequency_over_time_by_hand():
    X = np.array([[2, 8], [0, 10], [4, 6], [0, 5]])
    docs = pd.DataFrame({"author": ["T", "T", "T", "C"], "year": [1923, 1923, 1930, 1993]})
    t = vocab.frequency_over_time(X, ["tsar", "party"], docs, "tsar", per=100, n_boot=200).set_index(["author", "year"])
    assert t.loc[("T", 1923), "rate"] == pytest.approx(2 / 20 * 100) and t.loc[("T", 1923), "method"] == "bootstrap"
    lo, hi = t.loc[("T", 1923), ["lo", "hi"]]
    assert 0 <= lo <= 10 <= hi <= 20
    # one document: exact Poisson interval of 4 in 10 words
    assert t.loc[("T", 1930), "method"] == "poisson"
    assert t.loc[("T", 1930), "hi"] == pytest.approx(stats_chi2(0.975, 10) / 2 / 10 * 100)
    # never seen: Poisson upper bound 3.689 / words, not a zero-width bootstrap
    assert t.loc[("C", 1993), "lo"] == 0 and t.loc[("C", 1993), "hi"] == pytest.approx(-math.log(0.025) / 5 * 100)
    assert len(vocab.frequency_over_time(X, ["tsar", "party"], docs, "tsar", min_words=15)) == 1
    with pytest.raises(KeyError, match="'kulak' is not in the vocabulary"):
        vocab.frequency_over_time(X, ["tsar", "party"], docs, "kulak")


def stats_chi2(p, df):
    from scipy import stats

    return stats.chi2.ppf(p, df)


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


def test_label_groups_errors_name_the_table(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text("source,grp\nx.txt,G\n")
    with pytest.raises(ValueError, match="g.csv: no 'group' column"):
        vocab.label_groups(pd.DataFrame({"source": ["x.txt"]}), p)
    p.write_text("shelf,group\n1,G\n")
    with pytest.raises(ValueError, match=r"g.csv: key columns \['shelf'\]"):
        vocab.label_groups(pd.DataFrame({"source": ["x.txt"]}), p)
