"""Tests for textlab/books/cliff_trotsky_1927_40.py (raw file 004, clean ebook, block quotations)."""

import re
from collections import Counter

import pytest

from textlab.books import cliff_trotsky_1927_40 as book


@pytest.fixture(scope="module")
def seg(segmented):
    return segmented(book)


def _words(lines, span):
    return sum(len(re.findall(r"\w+", lines[i - 1])) for i in range(span.line_start, span.line_end + 1))


def test_introduction_and_15_chapters(seg):
    works = sorted({s.work for s in seg.spans if s.kind == "primary"})
    assert len(works) == 16
    # titles as the contents (lines 20-133) give them
    for title in (
        "Introduction",
        "ch. 1: Stalin Turns to Forced Collectivisation",
        "ch. 7: Trotsky as Historian of the Russian Revolution",
        "ch. 12: Why the Fourth International Failed to Take Off",
        "ch. 15: Sliding Towards the Second World War",
    ):
        assert f"Cliff 1993, {title}" in works
    assert {s.author for s in seg.spans} == {"Tony Cliff"}


def test_block_quotations_share_and_speakers(seg, raw_lines):
    lines = raw_lines(book.SOURCE)
    words = Counter()
    for s in seg.spans:
        words[s.kind] += _words(lines, s)
    share = words["quotation"] / (words["quotation"] + words["primary"])
    assert 0.15 <= share <= 0.30  # the seeds README: about 20% block quotations (read, not measured)
    who = Counter(s.quoted_author for s in seg.spans if s.kind == "quotation")
    assert who.most_common(1)[0][0] == "Leon Trotsky"
    named = sum(v for k, v in who.items() if k is not None)
    assert named / sum(who.values()) > 0.6


@pytest.mark.parametrize(
    "first, last, speaker",
    [
        (410, 415, "Leon Trotsky"),  # "As a young man of 21 he wrote:" / "Dum spiro, spero! ..." [6]
        (418, 423, "Leon Trotsky"),  # "in his testament, Trotsky reasserted his optimism ..." [7]
        (784, 802, "Uglanov"),  # "N.A. Uglanov, Secretary of the Moscow Party and supporter of / Bukharin, said:" [24]
        (2031, 2044, "Leon Trotsky"),  # "... Trotsky / wrote:" (the lead-in runs over two lines) ... [36]
    ],
)
def test_known_block_quotations(seg, first, last, speaker):
    q = [s for s in seg.spans if s.kind == "quotation" and s.line_start == first]
    assert q, f"no quotation row starting at line {first}"
    assert q[0].line_end == last and q[0].quoted_author == speaker


def test_cliffs_own_paragraphs_are_not_quotations(seg):
    kind_at = {i: s.kind for s in seg.spans for i in range(s.line_start, s.line_end + 1)}
    for line in (155, 228, 300, 416, 1150):  # Cliff's narrative: introduction, chapter 2 opening
        assert kind_at[line] == "primary", line


def test_notes_and_footnotes_apart(seg):
    notes = [s for s in seg.spans if s.kind == "notes"]
    starts = {s.line_start for s in notes}
    assert 424 in starts  # the introduction's "Notes"
    assert 14345 in starts and 3792 in starts  # "Footnotes" sections of chapters 15 and 4
    kind_at = {i: s.kind for s in seg.spans for i in range(s.line_start, s.line_end + 1)}
    assert kind_at[8277] == "primary"  # "Footnote to the 'French Turn'" is a section, not a note
    assert kind_at[14227] == "primary"  # "The Legacy" closes chapter 15


def test_quoted_author_lead_ins():
    assert book.quoted_author("The resolution of the plenum stated:") is None
    assert book.quoted_author("Nin himself stated:") == "Andres Nin"
    assert book.quoted_author("quite the contrary. Craipeau writes:") == "Craipeau"
    assert book.quoted_author("he said:", before="Thus, in a discussion with Albert Glotzer, Trotsky") == "Leon Trotsky"


def test_find_block_quote_needs_a_note_marker_and_narrow_lines():
    narrow = ["Trotsky wrote:", "a" * 60, "b" * 60 + " [3]", "Cliff goes on " + "c" * 60]
    assert book.find_block_quote(narrow, 1, 4) == 3
    wide = ["Trotsky wrote:", "a" * 71, "b" * 72, "c" * 40 + " [3]"]
    assert book.find_block_quote(wide, 1, 4) is None  # Cliff's own width: an inline quotation
    no_marker = ["Trotsky wrote:", "a" * 60, "b" * 60]
    assert book.find_block_quote(no_marker, 1, 3) is None


def test_clean_strips_markers_and_restores_year_ranges(corpus):
    d = corpus.docs[corpus.docs["source"] == book.SOURCE]
    text = " ".join(d["text"])
    assert not re.search(r"\[\d+\*?\]", text)
    assert "192930" not in text
