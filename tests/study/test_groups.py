"""Tests for textlab/study/groups.py: which groups a figure compares, their order and colours."""

import pytest

from textlab.corpus.examples import example_corpus
from textlab.study import bundled
from textlab.study.groups import comparison_groups, group_colors, group_order, pick_groups, source_labels
from textlab.viz.style import PALETTE


@pytest.fixture(scope="module")
def example():
    return example_corpus()


def test_the_bundled_corpus_has_its_groups_in_their_usual_order_and_colours(corpus):
    assert comparison_groups(corpus) == list(bundled.GROUPS)
    assert group_order(corpus, reversed(bundled.GROUPS)) == list(bundled.GROUPS)
    assert group_colors(corpus, bundled.GROUPS) == bundled.GROUP_COLORS
    assert group_colors(corpus, bundled.AUTHOR_COLORS) == bundled.AUTHOR_COLORS
    assert group_colors(corpus, ["Leon Trotsky"], over_time=True) == {
        "Leon Trotsky": bundled.GROUP_COLORS["Trotsky 1930-31"]
    }
    assert group_colors(corpus, ["Nobody"]) == {"Nobody": PALETTE[0]}  # a name without a colour of its own
    assert pick_groups(corpus, bundled.PAIR) == list(bundled.PAIR)


def test_the_bundled_corpus_grouped_by_author_keeps_the_authors_colours(corpus):
    by_author = corpus.grouped("author")
    assert bundled.is_bundled(by_author)
    names = comparison_groups(by_author)
    colors = group_colors(by_author, names)
    assert {n: colors[n] for n in bundled.AUTHOR_COLORS} == bundled.AUTHOR_COLORS
    others = sorted(n for n in names if n not in bundled.AUTHOR_COLORS)
    assert [colors[n] for n in others] == [PALETTE[i % len(PALETTE)] for i in range(len(others))]


def test_a_users_corpus_gets_colours_by_sorted_name_whatever_their_order(example):
    names = ["C. Clark", "A. Adams", "B. Brown"]
    assert group_colors(example, names) == {"A. Adams": PALETTE[0], "B. Brown": PALETTE[1], "C. Clark": PALETTE[2]}
    assert group_colors(example, names[::-1]) == group_colors(example, names)
    assert group_order(example, names) == sorted(names)


def test_a_users_corpus_named_like_the_bundled_one_gets_no_bundled_colours(example):
    names = ["Tony Cliff", "Leon Trotsky"]
    assert group_colors(example, names) == {"Leon Trotsky": PALETTE[0], "Tony Cliff": PALETTE[1]}


def test_pick_groups_falls_back_on_the_largest_groups_and_names_a_shortage(example):
    assert pick_groups(example, ["B. Brown", "A. Adams"]) == ["B. Brown", "A. Adams"]
    assert pick_groups(example, bundled.PAIR) == comparison_groups(example)[:2]
    with pytest.raises(ValueError, match="compares 4 groups; the corpus has 3"):
        pick_groups(example, ["w", "x", "y", "z"])


def test_source_labels_name_each_source_by_its_rows_and_years(example):
    labels = source_labels(example)
    assert sorted(labels) == sorted(example.docs["source"].unique())
    assert labels["adams_1.txt"] == "adams_1 (1920)"
