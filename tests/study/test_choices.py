"""Tests for textlab/study/choices.py: the notebooks' corpus, grouping and comparisons, bundled or a user's."""

from pathlib import Path

import pandas as pd
import pytest

from textlab.core.io import InputError
from textlab.corpus.table import Corpus
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
    # grouped by author, no group is one author at two times: no periods, rather than two authors
    assert c.periods is None


def test_grouping_by_two_columns_splits_periods(small):
    by_year = small.grouped("author+year")
    assert by_year.hash != small.hash
    groups = set(corpus_rows(by_year)["group"])
    assert {"Leon Trotsky 1923", "Leon Trotsky 1931"} <= groups
    with pytest.raises(ValueError, match="party"):
        small.grouped("party")
    # periods are one author's earliest and latest groups: the author with most words over two groups or more
    assert suite.choices(by_year).periods == ("Leon Trotsky 1923", "Leon Trotsky 1931")


def test_periods_are_one_author_at_two_times_never_two_authors(small):
    by_year = small.grouped("author+year")
    assert suite.choices(by_year, periods=["Leon Trotsky 1924", "Leon Trotsky 1930"]).periods == (
        "Leon Trotsky 1924",
        "Leon Trotsky 1930",
    )
    with pytest.raises(ValueError, match="one author's groups, and these are Herman Gorter and Tony Cliff"):
        suite.choices(by_year, periods=("Herman Gorter 1920", "Tony Cliff 1993"))
    with pytest.raises(ValueError, match="must end before the second begins"):
        suite.choices(by_year, periods=("Leon Trotsky 1931", "Leon Trotsky 1923"))
    spans = suite.group_spans(
        pd.DataFrame(
            {
                "group": ["A", "B", "A y", "A z"],
                "author": ["A", "B", "A", "A"],
                "year": [1900, 1950, 1910, 1910],
                "n_words": [1, 100, 1, 1],
            }
        )
    )
    assert suite.period_pair(spans) == ("A", "A y")  # the author with several groups, not the largest group's
    assert suite.period_pair(spans[spans["group"] != "A"]) is None  # two groups of one author, the same year


def test_a_corpus_of_one_group_has_no_pair(small):
    one = Corpus(
        small.docs[small.docs["author"] == "Herman Gorter"], small.lines, small.lexicon, small.info, groups="author"
    )
    c = suite.choices(one)
    assert (c.focus, c.pair, c.periods) == ("Herman Gorter", None, None)


def test_bad_choices_and_inputs_are_named(small):
    with pytest.raises(ValueError, match="pair=.*groups are"):
        suite.choices(small, pair=("Leon Trotsky", "Nobody"))
    with pytest.raises(ValueError, match="unknown choices"):
        suite.choices(small, colour="red")
    with pytest.raises(InputError, match="needs metadata"):
        suite.open_corpus(SMALL)
    with pytest.raises(InputError, match="corpus_folder is not"):
        suite.open_corpus(None, SMALL / "metadata.csv")
    with pytest.raises(ValueError, match="periods=.*must be two groups"):
        suite.choices(small, periods=("Leon Trotsky", "Leon Trotsky"))
    with pytest.raises(ValueError, match="no groups"):
        suite.choices_for([], terms_by_frequency=["a"])
    assert suite.choices_for(["only"], terms_by_frequency=["a"]).pair is None
