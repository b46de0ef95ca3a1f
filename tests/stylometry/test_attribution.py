"""Tests of textlab.stylometry.attribution: cross-validation holding out works, planted signals, a corpus's authors."""

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.stylometry.synthetic import synthetic_authors
from textlab.corpus.examples import example_corpus
from textlab.stylometry import attribution as sty
from textlab.stylometry.delta import METRICS

metrics = st.sampled_from(METRICS)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), metric=metrics)
def test_planted_author_signal_is_found(seed, metric):
    tokens, labels, groups = synthetic_authors(seed)
    r = sty.cross_validate(tokens, labels, groups, n_splits=4, n_mfw=30, metric=metric, seed=seed % 1000)
    assert r.accuracy >= 0.9
    # no signal: the same rates for both "authors" -> about chance
    tokens, labels, groups = synthetic_authors(seed, shift=0.0)
    r0 = sty.cross_validate(tokens, labels, groups, n_splits=4, n_mfw=30, metric=metric, seed=seed % 1000)
    assert r0.accuracy < r.accuracy


@pytest.mark.filterwarnings("ignore:The least populated class:UserWarning")  # tiny random label sets
@settings(max_examples=60, deadline=None)
@given(data=st.data(), n_splits=st.sampled_from([2, 3, 4, None]), seed=st.integers(0, 1000))
def test_cross_validation_never_splits_a_group(data, n_splits, seed):
    n = data.draw(st.integers(8, 40))
    groups = np.array(data.draw(st.lists(st.integers(0, 9), min_size=n, max_size=n)))
    labels = np.array([g % 2 for g in groups])  # a group has one author
    n_groups = len(set(groups.tolist()))
    assume(n_groups >= (n_splits or 2))
    seen_test = np.zeros(n, dtype=int)
    for train, test in sty.group_folds(labels, groups, n_splits=n_splits, seed=seed):
        assert not set(groups[train].tolist()) & set(groups[test].tolist())
        assert len(set(train.tolist()) | set(test.tolist())) == n
        seen_test[test] += 1
    assert (seen_test == 1).all()  # every chunk is tested exactly once


def test_cross_validate_result_tables():
    tokens, labels, groups = synthetic_authors(3, n_docs=4, chunks_per_doc=2, size=300)
    r = sty.cross_validate(tokens, labels, groups, n_splits=4, n_mfw=40, seed=1)
    assert len(r.predictions) == len(tokens) and r.folds["n_test"].sum() == len(tokens)
    assert r.confusion.values.sum() == len(tokens)
    assert set(r.per_label["label"]) == {"A", "B"}
    for train, test in r.splits:
        assert not set(np.asarray(groups)[train]) & set(np.asarray(groups)[test])
    # the same seed gives the same folds
    r2 = sty.cross_validate(tokens, labels, groups, n_splits=4, n_mfw=40, seed=1)
    assert r2.predictions.equals(r.predictions)


# --------------------------------------------------------------------------- the corpus


@pytest.fixture(scope="module")
def attribution(corpus):
    # settings fixed before measuring: Cosine Delta, 200 MFW, chunks of 1000 tokens, 5 folds holding out works
    return sty.author_attribution(corpus, size=1000, n_mfw=200, metric="cosine", n_splits=5, seed=0)


def test_corpus_attribution_by_author_is_high(attribution):
    # measured: 0.914 overall (Gorter 0.95 of 20 chunks, Trotsky 0.89 of 220, Cliff 0.97 of 87)
    r = attribution
    assert set(r.per_label["label"]) == {"Herman Gorter", "Leon Trotsky", "Tony Cliff"}
    assert r.accuracy > 0.8
    assert (r.per_label["accuracy"] > 0.8).all()


def test_corpus_folds_hold_out_whole_works(attribution):
    p = attribution.predictions
    assert (p.groupby("group")["fold"].nunique() == 1).all()
    for train, test in attribution.splits:
        assert not set(p["group"].iloc[train]) & set(p["group"].iloc[test])


def test_folds_check_their_options():
    with pytest.raises(ValueError, match="n_splits=5 is more than the number of groups"):
        list(sty.group_folds(["a", "b"], [1, 2], n_splits=5))
    with pytest.raises(ValueError, match="n_splits must be >= 2"):
        list(sty.group_folds(["a", "b"], [1, 2], n_splits=1))


def test_author_chunks_keep_their_provenance_and_count_tails():
    chunks, t = sty.author_chunks(example_corpus(), size=300)
    assert t.columns.tolist() == ["label", "unit", "row", "row_end", "start", "n_tokens", "group", "source", "doc_id"]
    assert all(len(c) == 300 for c in chunks) and (t["n_tokens"] == 300).all()
    assert (t["start"] % 300 == 0).all() and (t["row"] <= t["row_end"]).all()
    assert t.attrs["tail_tokens"] > 0  # each work's short tail is left out, and counted
    docs = example_corpus().docs
    assert sty.corpus_docs(docs) is docs
    with pytest.raises(ValueError, match="lack columns"):
        sty.corpus_docs(docs.drop(columns="work"))
