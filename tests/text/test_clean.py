"""Tests for textlab/clean.py, on snippets cut from the real raw files (file and line in comments)."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textlab.text import clean
from textlab.text.lexicon import Lexicon, english_words


@pytest.fixture(scope="module")
def lex():
    """English words plus counts of a few corpus forms, as the corpus build gives them."""
    counts = {"trotsky": 900, "history": 150, "his": 2000, "tory": 1, "naville": 75, "lnost": 6, "froln": 6}
    hyph = {"petty-bourgeois": 40, "so-called": 60, "left-wing": 12}
    return Lexicon(english_words(), counts, hyphenated=hyph, pairs={"his tory": 1})


def test_dehyphenate_joins_syllables_and_keeps_compounds(lex):
    # 002 lines 2209-2210: "...make it obli-" / "gatory for party members"
    assert clean.dehyphenate("make it obli-\ngatory for party", lexicon=lex) == "make it obligatory for party"
    # a compound the corpus writes with its hyphen elsewhere stays hyphenated
    assert clean.dehyphenate("the petty-\nbourgeois parties", lexicon=lex) == "the petty-bourgeois parties"
    assert clean.dehyphenate("the so-\ncalled leaders", lexicon=lex) == "the so-called leaders"
    # a page break (blank lines) between the halves
    assert clean.dehyphenate("Com-\n\n\nmunist Party", lexicon=lex) == "Communist Party"
    # a hyphen inside a line is not a line-end hyphen
    assert clean.dehyphenate("West-European capital", lexicon=lex) == "West-European capital"


def test_join_split_lines(lex):
    # 001 lines 6-7: "...a new revo" / "lutionary International was needed"
    assert (
        clean.join_split_lines("a new revo\nlutionary International", lexicon=lex)
        == "a new revolutionary International"
    )
    # two words stay two words
    assert clean.join_split_lines("against the\nrevolution", lexicon=lex) == "against the\nrevolution"
    assert clean.join_split_lines("in\nformation", lexicon=lex) == "in\nformation"  # both English: not certain


def test_unwrap_paragraphs_closes_page_breaks():
    # 004 lines 250-252: a page break inside a paragraph, the next line continues in lower case
    assert clean.unwrap_paragraphs(
        "bureaucracy vacillated between the proletariat on the one hand and\n\nthe kulaks"
    ) == ("bureaucracy vacillated between the proletariat on the one hand and the kulaks")
    assert clean.unwrap_paragraphs("revolutionary courage.\n\nThe cause") == "revolutionary courage.\n\nThe cause"


def test_strip_footnote_markers(lex):
    # 001 line 644: "German Left Oppositionll" (note 11); 000: "followed34."
    assert clean.strip_footnote_markers("German Left Oppositionll", lexicon=lex) == "German Left Opposition"
    assert clean.strip_footnote_markers("had followed34. Then", lexicon=lex) == "had followed. Then"
    assert (
        clean.strip_footnote_markers("Tasks in the USSR58", lexicon=lex) == "Tasks in the USSR58"
    )  # USSR is no English word: left alone
    # numbers that are numbers stay
    for s in ("138,000 members", "[1937]", "1930-31", "Article 3", "in 1929 and 1930"):
        assert clean.strip_footnote_markers(s, lexicon=lex) == s
    assert clean.strip_footnote_markers("small well", lexicon=lex) == "small well"


def test_strip_glued_page_numbers(lex):
    # 000 line 5366 "11this is it" and line 12849 "16England, and as I firmly intend"
    assert clean.strip_glued_page_numbers("11this is it. 16England, and", lexicon=lex) == "this is it. England, and"
    assert clean.strip_glued_page_numbers("the 4th and 22nd", lexicon=lex) == "the 4th and 22nd"


@pytest.mark.parametrize(
    "damaged, repaired",
    [
        ("frOln", "from"),  # 001 line 6
        ("Inid", "mid"),  # 001 line 7: "in Inid-1933"
        ("lnost", "most"),
        ("n1ust", "must"),
        ("develop1l1ents", "developments"),
        ("COmlTIOn", "Common"),
        ("howevel\ufffd", "however"),  # 001: U+FFFD for r, 11 times
        ("ThermidOl\ufffd", "Thermidor"),
        ("movelnent", "movement"),  # 001 line 239: "a peasant movelnent"
    ],
)
def test_fix_ocr_confusions(lex, damaged, repaired):
    assert clean.fix_ocr_confusions(damaged, lexicon=lex) == repaired


def test_fix_ocr_confusions_leaves_names_and_words(lex):
    for s in ("Naville", "Kornilov", "Bernstein", "Trotsky", "learn", "modern", "Lincoln"):
        assert clean.fix_ocr_confusions(s, lexicon=lex) == s


def test_join_spaced_words(lex):
    # 001: "Tro tsky", "His tory", "Novem ber"
    assert clean.join_spaced_words("Leon Tro tsky: A Bibliography", lexicon=lex) == "Leon Trotsky: A Bibliography"
    assert clean.join_spaced_words("Novem ber 21", lexicon=lex) == "November 21"
    assert clean.join_spaced_words("His tory of the Russian", lexicon=lex) == "History of the Russian"
    assert clean.join_spaced_words("a gain of ten", lexicon=lex) == "a gain of ten"
    assert clean.join_spaced_words("the party and the class", lexicon=lex) == "the party and the class"


def test_restore_compound_hyphens(lex):
    # 004: "pettybourgeois", "antiStalinist"
    assert clean.restore_compound_hyphens("the pettybourgeois and antiStalinist groups", lexicon=lex) == (
        "the petty-bourgeois and anti-Stalinist groups"
    )
    assert clean.restore_compound_hyphens("revolutionary", lexicon=lex) == "revolutionary"


def test_default_pipeline_on_a_real_passage(lex):
    # 001 lines 4-10, the preface
    raw = (
        "five dealing with his writings in Turkey, covers the period from \n"
        "September 1930 through December 1931 . His departure frOln \n"
        "Turkey in Inid-1933 coincided with his decision that a new revo\n"
        "lutionary International was needed to replace the Communist In\n"
        "ternational. "
    )
    out = clean.default_pipeline(lex)(raw)
    assert out == (
        "five dealing with his writings in Turkey, covers the period from September 1930 through December 1931. "
        "His departure from Turkey in mid-1933 coincided with his decision that a new revolutionary International "
        "was needed to replace the Communist International."
    )


def test_default_pipeline_rejects_a_non_lexicon():
    with pytest.raises(TypeError, match="lexicon must be a Lexicon"):
        clean.default_pipeline({"the"})


def test_compose_rejects_non_callables():
    with pytest.raises(TypeError, match="is not callable"):
        clean.compose(str.strip, "upper")


TEXT = st.text(alphabet=string.ascii_letters + " \n.,-'", max_size=200)


@given(TEXT)
def test_normalize_whitespace_is_idempotent_and_tidy(text):
    once = clean.normalize_whitespace(text)
    assert clean.normalize_whitespace(once) == once
    assert "\n\n\n" not in once and "  " not in once


@given(TEXT)
def test_pipeline_is_idempotent_on_its_output_and_never_adds_letters(lex, text):
    pipe = clean.default_pipeline(lex)
    out = pipe(text)
    assert "\n\n\n" not in out
    # repairs join, strip and re-case; they never invent letters
    assert sum(c.isalpha() for c in out) <= sum(c.isalpha() for c in text)
