"""Tests for textlab/study/choices.py: the notebooks' corpus, grouping and comparisons, bundled or a user's."""

from pathlib import Path

import pytest

from textlab.core.io import InputError
from textlab.features import dtm
from textlab.features.rows import corpus_rows
from textlab.study import choices as suite

SMALL = Path(__file__).parents[1] / "data" / "small_corpus"


@pytest.fixture(scope="module")
def small():
    return suite.open_corpus(SMALL, SMALL / "metadata.csv")


def test_bundled_corpus_gets_the_choices_its_narrative_makes(corpus):
    assert suite.choices(corpus) == suite.BUNDLED
    chosen = suite.choices(corpus, pair=["Gorter 1920", "Cliff 1993"])
    assert chosen.pair == ("Gorter 1920", "Cliff 1993") and chosen.periods == suite.BUNDLED.periods


def test_a_users_corpus_is_grouped_by_author_and_choices_come_from_its_data(small):
    assert small.groups == "author"
    rows = corpus_rows(small)
    assert set(rows["group"]) == set(small.docs.loc[small.docs["kind"] == "primary", "author"])
    c = suite.choices(small)
    words = rows.groupby("group")["n_words"].sum().sort_values(ascending=False)
    assert not c.bundled and c.pair == tuple(words.index[:2]) and c.focus == words.index[0]
    assert c.terms and all(t in set(dtm.corpus_dtm(small).vocab) for t in c.terms)
    # the group that quotes most is the one whose quotations are put back (Cliff's block quotations)
    assert c.quoting == "Tony Cliff"


def test_grouping_by_two_columns_splits_periods(small):
    by_year = small.grouped("author+year")
    assert by_year.hash != small.hash
    groups = set(corpus_rows(by_year)["group"])
    assert {"Leon Trotsky 1923", "Leon Trotsky 1931"} <= groups
    with pytest.raises(ValueError, match="party"):
        small.grouped("party")


def test_bad_choices_and_inputs_are_named(small):
    with pytest.raises(ValueError, match="pair=.*groups are"):
        suite.choices(small, pair=("Leon Trotsky", "Nobody"))
    with pytest.raises(ValueError, match="unknown choices"):
        suite.choices(small, colour="red")
    with pytest.raises(InputError, match="needs metadata"):
        suite.open_corpus(SMALL)
    with pytest.raises(InputError, match="corpus_folder is not"):
        suite.open_corpus(None, SMALL / "metadata.csv")
    with pytest.raises(ValueError, match="at least 2"):
        suite.choices_for(["only"], terms_by_frequency=["a"])
