"""Tests of textlab.corpus.build: the bundled corpus built again, and build_corpus on a user's folder."""

import pandas as pd
import pytest

from textlab.core import paths
from textlab.core.io import InputError
from textlab.corpus.build import BUNDLED_TOPIC_NAMES, build_bundled, build_corpus
from textlab.corpus.groups import label_groups


def test_doc_ids_are_stable_across_rebuilds(corpus, tmp_path):
    again = build_bundled(tmp_path)
    pd.testing.assert_frame_equal(
        again.docs.reset_index(drop=True), corpus.docs.reset_index(drop=True), check_dtype=False
    )
    assert again.hash == corpus.hash
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "build.json",
        "docs.csv",
        "lexicon_report.csv",
        "line_report.csv",
    ]


def test_the_bundled_corpus_carries_its_topic_names(corpus):
    assert corpus.topic_names == BUNDLED_TOPIC_NAMES == paths.DATA / "topic_names.csv"
    assert corpus.topic_names.is_file()


def test_lexicon_target_ocr_within_one_point_of_clean_sources(corpus):
    """Issue target: each OCR source, cleaned, within one point of the clean sources (003, 004)."""
    t = corpus.lexicon.set_index("source")
    clean_sources = ["trotsky_letter_on_the_situation_in_russia_1928.txt", "cliff_1993_trotsky_darker_the_night.txt"]
    ocr = [
        "trotsky_writings_1930-31.txt",
        "trotsky_challenge_of_the_left_opposition_1923-25.txt",
        "gorter_1920_open_letter_to_lenin.txt",
    ]
    floor = t.loc[clean_sources, "share_clean"].min() - 0.01
    for s in ocr:
        assert t.loc[s, "share_clean"] >= floor, s
        assert t.loc[s, "share_clean"] > t.loc[s, "share_raw"], s
    # cleaning must not damage the clean sources
    for s in clean_sources:
        assert t.loc[s, "share_clean"] >= t.loc[s, "share_raw"] - 0.001


def test_build_corpus_from_folder(user_folder, tmp_path):
    out = tmp_path / "out"
    c = build_corpus(user_folder, user_folder / "meta.csv", out_dir=out, extra_columns=["party"])
    d = c.docs.set_index("doc_id")
    assert list(d.index) == ["a-00002", "b-00001"]
    assert d.loc["a-00002", "date"] == "1921-03" and d.loc["b-00001", "date"] == "1922"
    assert d.loc["b-00001", "kind"] == "editorial" and d.loc["a-00002", "party"] == "KAPD"
    assert d.loc["a-00002", "line_end"] == 5
    c.check_accounting()
    assert (out / "build.json").exists()
    assert c.lines["reason"].tolist() == ["blank"]  # the leading blank line of a.txt


def test_build_corpus_rejects_non_utf8_and_empty_files(user_folder, write_meta):
    (user_folder / "a.txt").write_bytes(b"fine\nstill fine\ncaf\xe9\n")
    with pytest.raises(InputError, match=r"a.txt line 3: not UTF-8"):
        build_corpus(user_folder, write_meta(user_folder, "file,author,title,date\na.txt,A,T,1921\n"))
    (user_folder / "a.txt").write_text("  \n")
    with pytest.raises(InputError, match=r"a.txt: file is empty"):
        build_corpus(user_folder, write_meta(user_folder, "file,author,title,date\na.txt,A,T,1921\n"))


def test_a_users_corpus_is_grouped_by_author_unless_told_otherwise(user_folder, tmp_path):
    meta = user_folder / "meta.csv"
    c = build_corpus(user_folder, meta, extra_columns=["party"])
    assert c.groups == "author"
    assert label_groups(c.docs, c.groups).tolist() == ["A. Author", "B. Author"]
    assert build_corpus(user_folder, meta, extra_columns=["party"], group_by="author+year").groups == "author+year"
    assert build_corpus(user_folder, meta, extra_columns=["party"], group_by=["party"]).groups == ["party"]
    assert build_corpus(user_folder, meta, extra_columns=["party"], group_by=None).groups is None  # data/groups.csv


def test_build_corpus_checks_group_by_before_building(user_folder, tmp_path):
    (user_folder / "a.txt").unlink()  # a build would fail on the missing file: the grouping is checked first
    with pytest.raises(ValueError, match=r"group_by 'party': \['party'\] is not a column of the corpus table"):
        build_corpus(user_folder, user_folder / "meta.csv", out_dir=tmp_path / "out", group_by="party")
    assert not (tmp_path / "out").exists()


def test_the_bundled_corpus_keeps_its_groups_table(corpus):
    assert corpus.groups is None  # data/groups.csv
    assert set(label_groups(corpus.docs, corpus.groups).dropna()) >= {"Gorter 1920", "Cliff 1993"}
