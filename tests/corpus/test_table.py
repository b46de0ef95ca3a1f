"""Tests of textlab.corpus.table: the bundled corpus table, the Corpus value, its hashes, its files on disk."""

import pandas as pd
import pytest

from textlab.core import paths
from textlab.corpus.examples import example_corpus
from textlab.corpus.table import COLUMNS, TABLE_FILES, Corpus, load_table, save_table, table_hash
from textlab.text.segment import DATE_BASES, KINDS, SegmentationError

# ----------------------------------------------------------------------------- bundled


def test_columns_and_types(corpus):
    d = corpus.docs
    assert list(d.columns[: len(COLUMNS)]) == COLUMNS
    assert d["doc_id"].is_unique
    assert set(d["kind"]) <= set(KINDS)
    assert set(d["date_basis"]) <= set(DATE_BASES)
    assert d["date"].str.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?").all()
    assert (d["year"] == d["date"].str[:4].astype(int)).all()
    assert (d["line_start"] <= d["line_end"]).all()
    assert d.loc[d["kind"] != "quotation", "quoted_author"].isna().all()


def test_every_source_is_in_the_table(corpus):
    m = pd.read_csv(paths.MANIFEST)
    assert sorted(corpus.docs["source"].unique()) == sorted(m["file"])
    assert set(corpus.info["n_lines"]) == set(m["file"])


def test_line_accounting_covers_every_raw_line_once(corpus, raw_lines):
    corpus.check_accounting()
    for source, n in corpus.info["n_lines"].items():
        assert n == len(raw_lines(source))
        d = corpus.docs[corpus.docs["source"] == source]
        dropped = corpus.lines[corpus.lines["source"] == source]
        marks = [0] * (n + 1)
        for a, b in zip(d["line_start"], d["line_end"]):
            for i in range(a, b + 1):
                marks[i] += 1
        for a, b in zip(dropped["line_start"], dropped["line_end"]):
            for i in range(a, b + 1):
                marks[i] += 1 if marks[i] == 0 else 0  # a drop inside a row replaces, not adds
        assert marks[1:] == [1] * n, f"{source}: a line is missing from rows and report"


def test_check_accounting_fails_when_a_row_is_lost(corpus):
    broken = Corpus(corpus.docs.iloc[1:], corpus.lines, corpus.lexicon, corpus.info)
    with pytest.raises(SegmentationError, match="not in any row and not dropped"):
        broken.check_accounting()


def test_drop_reasons_are_named(corpus):
    assert corpus.lines["reason"].ne("").all()
    assert (corpus.lines["n_lines"] == corpus.lines["line_end"] - corpus.lines["line_start"] + 1).all()


def test_text_is_cleaned_and_counted(corpus):
    d = corpus.docs
    assert (d["n_words"] > 0).mean() > 0.99
    assert not d["text"].str.contains("\n\n\n", regex=False).any()
    assert not d["text"].str.contains(r"[ \t]{2,}").any()


def test_raw_lines_gives_back_the_source(corpus, raw_lines):
    r = corpus.docs.iloc[0]
    got = corpus.raw_lines(r["doc_id"], keep_dropped=True)
    assert got == raw_lines(r["source"])[r["line_start"] - 1 : r["line_end"]]


def test_select(corpus):
    sel = corpus.select(kind="primary", author="Leon Trotsky")
    assert len(sel) > 0 and set(sel["kind"]) == {"primary"}
    with pytest.raises(KeyError, match="no column 'speaker'"):
        corpus.select(speaker="x")


# ----------------------------------------------------------------------------- hashes


def test_key_of_a_built_corpus_is_its_hash_and_follows_its_rows(corpus):
    """The content key equals the build's hash for the table as built; a selection of rows has its own key."""
    assert corpus.key == corpus.hash == corpus.info["corpus_hash"] == table_hash(corpus.docs)
    part = Corpus(corpus.docs[corpus.docs["kind"] == "primary"], corpus.lines, corpus.lexicon, corpus.info)
    assert part.hash == corpus.hash and part.key != corpus.key
    assert part.key == Corpus(part.docs.copy(), part.lines, part.lexicon, part.info).key  # the rows, not the object
    grouped = corpus.grouped("author")
    assert grouped.key != corpus.key and grouped.key == corpus.grouped("author").key


def test_key_follows_a_changed_text_and_a_new_docs_table():
    c = example_corpus()
    before = c.key
    edited = c.docs.copy()
    edited.loc[edited.index[0], "text"] += " One more word."
    assert Corpus(edited, c.lines, c.lexicon, c.info, groups=c.groups).key != before
    c.docs = edited  # a new table assigned: hashed again
    assert c.key != before and c.hash == example_corpus().hash
    docs = example_corpus().docs
    reordered = docs[list(reversed(COLUMNS))]  # the same cells, columns in another order
    assert Corpus(reordered, c.lines, c.lexicon, c.info).key != Corpus(docs, c.lines, c.lexicon, c.info).key


def test_save_and_load_table_give_back_the_corpus(tmp_path):
    c = example_corpus()
    save_table(c, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(TABLE_FILES)
    back = load_table(tmp_path)
    pd.testing.assert_frame_equal(back.docs, c.docs.astype(back.docs.dtypes.to_dict()))
    assert back.key == back.hash == c.info["corpus_hash"]
    assert "text" not in load_table(tmp_path, text=False).docs.columns


def test_topic_names_belong_to_a_corpus_and_follow_its_groupings(tmp_path):
    assert example_corpus().topic_names is None  # a user's corpus: topics named by their words
    names = tmp_path / "names.csv"
    c = Corpus(pd.DataFrame({"author": ["A"], "n_words": [3]}), pd.DataFrame(), pd.DataFrame(), {}, topic_names=names)
    assert c.grouped("author").topic_names == names
