"""Tests of textlab.vocab.context: keywords in context, collocations, frequency over time."""

import math

import numpy as np
import pandas as pd
import pytest

from textlab import vocab


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
