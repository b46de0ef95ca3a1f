"""Tests for textlab/lexicon.py."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textlab.core import paths
from textlab.text.lexicon import (
    JOIN_RATIO,
    Lexicon,
    consulted_pairs,
    english_words,
    lexicon_share,
    pair_counts,
    word_counts,
)


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


def test_consulted_pairs_boundary():
    english = frozenset({"his", "tory", "history"})
    assert consulted_pairs({"history": JOIN_RATIO}, english)("his", "tory")
    assert not consulted_pairs({"history": JOIN_RATIO - 1}, english)("his", "tory")
    assert not consulted_pairs({"trotsky": 99}, frozenset({"trot"}))("trot", "sky")  # "sky" is not English


def test_consulted_pairs_leave_every_join_unchanged():
    """Raw OCR: join_spaced_words (the one step that reads the pair table) with only the consulted pairs gives
    the same text as with every pair, and the pairs matter (with no pair table, some text differs: "so on"
    becomes "soon"), so the comparison can fail."""
    from textlab.text.clean import join_spaced_words

    lines = (paths.RAW / "trotsky_writings_1930-31.txt").read_text(encoding="utf-8").split("\n")
    texts = ["\n".join(lines[k : k + 300]) for k in range(0, len(lines), 300)]
    full = Lexicon.from_texts(texts)
    keep = consulted_pairs(full.counts, full.english_set)
    kept = {k: n for k, n in full.pairs.items() if keep(*k.split(" "))}
    assert 0 < len(kept) < len(full.pairs) / 100
    reduced = Lexicon(full.english_set, full.counts, hyphenated=full.hyphenated, pairs=kept)
    no_pairs = Lexicon(full.english_set, full.counts, hyphenated=full.hyphenated)
    joined = [join_spaced_words(t, lexicon=full) for t in texts]
    assert [join_spaced_words(t, lexicon=reduced) for t in texts] == joined
    assert [join_spaced_words(t, lexicon=no_pairs) for t in texts] != joined


def test_word_and_pair_counts_add_up_to_from_texts():
    texts = ["The petty-bourgeois party.\nThe party", "the Party of the his tory"]
    lex = Lexicon.from_texts(texts, english=["the"])
    words, hyph, pairs = Counter(), Counter(), Counter()
    for t in texts:
        w, h = word_counts(t)
        words.update(w)
        hyph.update(h)
        pairs.update(pair_counts(t))
    assert (words, hyph, pairs) == (lex.counts, lex.hyphenated, lex.pairs)
