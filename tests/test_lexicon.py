"""Tests for textlab/lexicon.py."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textlab.lexicon import Lexicon, english_words, lexicon_share


def test_english_words_ships_offline_with_inflections():
    e = english_words()
    assert len(e) > 100_000
    for w in ("revolution", "revolutionary", "workers", "bureaucracy", "proletariat"):
        assert w in e
    for w in ("lution", "revo", "lnost", "froln"):  # OCR fragments of the corpus
        assert w not in e
    assert english_words() is e  # cached once per process


def test_known_needs_min_count_for_corpus_only_words():
    lex = Lexicon(["the"], {"naville": 75, "lnost": 4}, min_count=5)
    assert lex.known("Naville") and not lex.known("lnost") and lex.known("THE")
    assert lex.count("NAVILLE") == 75 and lex.count("absent") == 0


def test_from_texts_counts_words_hyphenated_forms_and_pairs():
    lex = Lexicon.from_texts(["The petty-bourgeois party.\nThe party", "the Party"], english=["the"])
    assert lex.count("party") == 3
    assert lex.hyphenated["petty-bourgeois"] == 1
    assert lex.pairs["the party"] == 2  # pairs never cross a line end
    assert lex.pairs["party the"] == 0


def test_from_texts_rejects_a_single_string():
    with pytest.raises(TypeError, match="iterable of str"):
        Lexicon.from_texts("a text")
    with pytest.raises(TypeError, match="not a str"):
        Lexicon("the")


@given(st.lists(st.sampled_from(["the", "revo", "lution", "of", "workers", "xq", "Trotsky"]), max_size=30))
def test_lexicon_share_counts(words):
    english = frozenset({"the", "workers", "trotsky"})
    known, total = lexicon_share(" ".join(words), english)
    assert total == sum(len(w) >= 3 for w in words)
    assert known == sum(w.lower() in english for w in words)
    assert 0 <= known <= total
