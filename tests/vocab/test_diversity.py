"""Tests of textlab.vocab.diversity: TTR, MATTR, MTLD and diversity by group on chunks."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textlab import vocab


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
