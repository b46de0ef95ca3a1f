"""Tests for textlab/study/bundled.py: the bundled study's facts agree with its data and its narrative."""

import pandas as pd

from textlab.core import paths
from textlab.corpus.examples import example_corpus
from textlab.study import bundled
from textlab.study.choices import BUNDLED


def test_the_facts_name_the_bundled_files_groups_and_authors():
    groups = pd.read_csv(paths.DATA / "groups.csv", dtype=str)
    assert list(bundled.SHORT_SOURCES) == groups["source"].tolist()
    assert [bundled.SHORT_SOURCES[s].rsplit(" (", 1)[0] for s in groups["source"]] == groups["group"].tolist()
    assert set(bundled.GROUPS) == set(groups["group"]) and set(bundled.AUTHOR_COLORS) == set(groups["author"])
    manifest = pd.read_csv(paths.MANIFEST, dtype=str)
    assert sorted(bundled.SHORT_SOURCES) == sorted(manifest["file"])
    assert set(bundled.CLEAN_SOURCES) <= set(bundled.SHORT_SOURCES) and bundled.QUOTING_SOURCE in bundled.SHORT_SOURCES
    assert bundled.ONE_DOCUMENT_GROUP in bundled.GROUPS and bundled.QUOTED_AUTHOR in bundled.QUOTATION_CANDIDATES


def test_the_default_groups_are_the_narratives():
    assert bundled.PAIR == BUNDLED.pair and bundled.PERIODS == BUNDLED.periods
    assert bundled.QUOTING == BUNDLED.quoting and bundled.TERMS == BUNDLED.terms


def test_only_the_bundled_corpus_is_bundled(corpus):
    assert bundled.is_bundled(corpus) and bundled.is_bundled(corpus.grouped("author"))
    assert not bundled.is_bundled(example_corpus())
