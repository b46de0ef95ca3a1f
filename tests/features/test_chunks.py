"""Tests of textlab.features.chunks: the one chunking rule (by hand and Hypothesis), rows of a table, a corpus."""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textlab.features.chunks import TAILS, chunk_rows, chunk_spans, chunk_words, corpus_chunks

# ----------------------------------------------------------------------------- the rule, by hand


def test_spans_by_hand():
    # 1230 words in chunks of 500: pieces 500, 500, 230
    assert chunk_spans(1230, 500, tail="keep") == [(0, 500), (500, 1000), (1000, 1230)]
    assert chunk_spans(1230, 500, tail="drop") == [(0, 500), (500, 1000)]
    assert chunk_spans(1230, 500, tail="merge") == [(0, 500), (500, 1230)]  # min_size defaults to size
    assert chunk_spans(1230, 500, tail="merge", min_size=200) == [(0, 500), (500, 1000), (1000, 1230)]
    assert chunk_spans(1230, 500, tail="drop", min_size=200) == [(0, 500), (500, 1000), (1000, 1230)]
    # a whole number of chunks has no tail
    assert chunk_spans(1000, 500, tail="drop") == chunk_spans(1000, 500, tail="merge") == [(0, 500), (500, 1000)]
    # a document shorter than min_size is all tail: merged into nothing, it has no chunk
    assert chunk_spans(90, 500, tail="merge", min_size=100) == []
    assert chunk_spans(300, 500, tail="merge", min_size=100) == [(0, 300)]
    assert chunk_spans(90, 500, tail="keep") == [(0, 90)] and chunk_spans(90, 500, tail="drop") == []
    assert chunk_spans(0, 5, tail="keep") == []


def test_spans_check_their_options():
    with pytest.raises(ValueError, match="tail must be one of"):
        chunk_spans(10, 5, tail="pad")
    with pytest.raises(ValueError, match="size must be >= 1"):
        chunk_spans(10, 0, tail="keep")
    with pytest.raises(ValueError, match="min_size must be >= 1"):
        chunk_spans(10, 5, tail="keep", min_size=0)
    with pytest.raises(TypeError, match="size must be an int"):
        chunk_spans(10, 2.5, tail="keep")
    with pytest.raises(TypeError, match="tail"):
        chunk_words([["a"]], 1)  # the caller says what becomes of a short tail


# ----------------------------------------------------------------------------- the rule, Hypothesis


@settings(max_examples=200, deadline=None)
@given(
    lengths=st.lists(st.integers(0, 60), max_size=8),
    size=st.integers(1, 20),
    min_size=st.one_of(st.none(), st.integers(1, 25)),
    tail=st.sampled_from(TAILS),
)
def test_every_word_is_in_one_chunk_or_in_the_reported_tail(lengths, size, min_size, tail):
    docs = [[f"d{d}w{i}" for i in range(n)] for d, n in enumerate(lengths)]
    c = chunk_words(docs, size, tail=tail, min_size=min_size)
    m = size if min_size is None else min_size
    # chunks are consecutive pieces of their document, in order
    for words, doc, start in zip(c.words, c.first.tolist(), c.start.tolist()):
        assert words == docs[doc][start : start + len(words)]
    # every word lands in exactly one chunk, or in the dropped tail the result reports
    seen = [w for words in c.words for w in words]
    assert len(seen) == len(set(seen))
    assert len(seen) + c.dropped_words == c.n_words == sum(lengths)
    lost = [n - sum(len(w) for w, d in zip(c.words, c.first) if d == i) for i, n in enumerate(lengths)]
    assert c.dropped_tails == sum(x > 0 for x in lost)
    assert c.dropped_units == sum(n > 0 and i not in set(c.first.tolist()) for i, n in enumerate(lengths))
    # a chunk is cut at multiples of size and its length is within bounds
    for words, start in zip(c.words, c.start.tolist()):
        assert start % size == 0
        assert 1 <= len(words)
        if tail == "merge":
            assert len(words) < size + m and (len(words) >= m or len(words) >= size)
        else:
            assert len(words) <= size
        if tail == "drop":
            assert len(words) >= min(size, m)
    # what is dropped is only ever a last piece shorter than min_size (or, merged into nothing, a short document)
    for i, n in enumerate(lengths):
        if lost[i]:
            assert tail != "keep"
            assert lost[i] < m or (tail == "merge" and n < m)
            assert lost[i] == n or (tail == "drop" and lost[i] == n - (n - 1) // size * size)  # the last piece


@settings(max_examples=100, deadline=None)
@given(lengths=st.lists(st.integers(0, 30), min_size=1, max_size=8), size=st.integers(1, 12), data=st.data())
def test_units_join_their_documents_in_order(lengths, size, data):
    units = data.draw(st.lists(st.sampled_from("uvw"), min_size=len(lengths), max_size=len(lengths)))
    docs = [[f"d{d}w{i}" for i in range(n)] for d, n in enumerate(lengths)]
    c = chunk_words(docs, size, tail="drop", units=units)
    for words, unit, first, last, start in zip(c.words, c.unit, c.first.tolist(), c.last.tolist(), c.start.tolist()):
        joined = [w for d, u in zip(docs, units) if u == unit for w in d]
        assert words == joined[start : start + size] and len(words) == size
        assert units[first] == unit == units[last] and words[0] in docs[first] and words[-1] in docs[last]
    per_unit = {u: sum(n for n, v in zip(lengths, units) if v == u) for u in set(units)}
    assert c.dropped_words == sum(n % size for n in per_unit.values())


# ----------------------------------------------------------------------------- chunk_words


def test_dropped_tails_are_logged_as_warnings_with_their_counts(caplog):
    toks = [list("abcdefg"), list("xy"), list("pqrs")]
    with caplog.at_level(logging.WARNING, logger="textlab.features.chunks"):
        c = chunk_words(toks, 3, tail="drop")
    assert c.words == [list("abc"), list("def"), list("pqr")]
    assert c.first.tolist() == [0, 0, 2] and (c.dropped_tails, c.dropped_units, c.dropped_words) == (3, 1, 4)
    assert (
        "dropped 4 of 13 words (30.8%), the short tails of 3 of 3 documents or units (1 of them wholly" in caplog.text
    )
    assert all(r.levelno == logging.WARNING for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="textlab.features.chunks"):
        kept = chunk_words(toks, 3, tail="keep")
    assert kept.dropped_words == 0 and not caplog.records  # nothing dropped, nothing said
    assert kept.sizes.tolist() == [3, 3, 1, 2, 3, 1]


def test_units_let_a_chunk_run_across_documents():
    toks = [list("abcdefg"), list("xy"), list("pqrs")]
    c = chunk_words(toks, 3, tail="drop", units=["w", "v", "w"])
    assert c.words == [list("abc"), list("def"), list("gpq")]
    assert c.unit == ["w", "w", "w"] and c.first.tolist() == [0, 0, 0] and c.last.tolist() == [0, 0, 2]
    assert (c.dropped_tails, c.dropped_words) == (2, 2 + 2)  # "rs" of unit w, "xy" of unit v


def test_chunk_words_checks_its_input():
    with pytest.raises(TypeError, match="documents must be a sequence of token lists"):
        chunk_words("some text", 2, tail="keep")
    with pytest.raises(TypeError, match=r"documents\[1\] is a str"):
        chunk_words([["a"], "b c"], 2, tail="keep")
    with pytest.raises(ValueError, match="units has 1 entries but there are 2 documents"):
        chunk_words([["a"], ["b"]], 1, tail="keep", units=["u"])
    with pytest.raises(ValueError, match="size must be >= 1"):
        chunk_words([["a"]], 0, tail="keep")


# ----------------------------------------------------------------------------- rows of a table


def test_chunk_rows_cuts_fixed_sizes_keeps_metadata_and_merges_the_tail(caplog):
    rows = pd.DataFrame(
        {
            "doc_id": ["ch", "letter", "note"],
            "author": ["T", "T", "E"],
            "year": [1930, 1928, 1931],
            "text": [" ".join(f"a{i}" for i in range(1230)), " ".join(["b"] * 300), "too short"],
        }
    )
    with caplog.at_level(logging.WARNING, logger="textlab.features.chunks"):
        c = chunk_rows(rows, size=500, min_words=250)
    # 1230 words: 500 + 500 + 230; 230 < 250 joins the previous chunk -> 500, 730
    assert c["chunk_id"].tolist() == ["ch#0", "ch#1", "letter#0"]
    assert c["chunk"].tolist() == [0, 1, 0]
    assert c["n_words"].tolist() == [500, 730, 300]
    assert c["author"].tolist() == ["T", "T", "T"] and c["year"].tolist() == [1930, 1930, 1928]
    assert c.loc[1, "text"].split()[0] == "a500" and c.loc[1, "text"].split()[-1] == "a1229"
    # every word of the kept rows is in exactly one chunk; the short row is dropped, and said so
    assert sum(len(t.split()) for t in c["text"]) == 1230 + 300
    assert "dropped 2 of 1532 words" in caplog.text


def test_chunk_rows_errors_name_the_problem():
    with pytest.raises(KeyError, match="text"):
        chunk_rows(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(ValueError, match="size"):
        chunk_rows(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), size=0)
    with pytest.raises(TypeError, match="DataFrame"):
        chunk_rows(["some text"])


def test_chunk_rows_writes_the_text_column_it_read():
    rows = pd.DataFrame({"doc_id": ["a"], "body": [" ".join(["w"] * 7)]})
    c = chunk_rows(rows, size=5, min_words=2, text_column="body")
    assert c.columns.tolist() == ["doc_id", "chunk", "chunk_id", "n_words", "body"]
    assert c["body"].str.split().str.len().tolist() == [5, 2]


def test_corpus_chunks_are_primary_rows_of_the_groups(corpus):
    c = corpus_chunks(corpus, size=500)
    assert set(c["kind"]) == {"primary"}
    assert set(c["group"]) == {"Gorter 1920", "Trotsky 1923-25", "Trotsky 1928", "Trotsky 1930-31", "Cliff 1993"}
    assert c["chunk_id"].is_unique
    assert c["n_words"].between(100, 999).all()
