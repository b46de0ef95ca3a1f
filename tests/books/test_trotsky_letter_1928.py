"""Tests for textlab/books/trotsky_letter_1928.py (raw file 003)."""

from textlab.books import trotsky_letter_1928 as book
from textlab.text.segment import validate


def test_letter_and_editors_note_apart(raw_lines):
    lines = raw_lines(book.SOURCE)
    seg = book.segment(lines)
    validate(seg, len(lines), book.SOURCE)
    by_kind = {s.kind: s for s in seg.spans}
    note, letter = by_kind["editorial"], by_kind["primary"]
    # read from the file: the note is lines 13-17, the letter runs from the dateline (19) to 109
    assert (note.line_start, note.line_end, note.date) == (13, 17, "1929-02")
    assert (letter.line_start, letter.line_end, letter.date) == (19, 109, "1928-10")
    assert letter.author == "Leon Trotsky" and letter.date_basis == "written"
    assert lines[letter.line_start - 1].startswith("Alma-Ata, October 21, 1928")


def test_header_and_footer_are_dropped_with_reasons(raw_lines):
    lines = raw_lines(book.SOURCE)
    reasons = {i: d.reason for d in book.segment(lines).drops for i in range(d.line_start, d.line_end + 1)}
    assert reasons[1] == "heading"  # "L.D. Trotsky"
    assert reasons[10] == "archive_furniture"  # "First Published: ..."
    assert reasons[len(lines)] == "archive_furniture"  # "Last updated on: ..."


def test_corpus_rows_for_the_letter(corpus):
    d = corpus.docs[corpus.docs["source"] == book.SOURCE]
    letter = d[d["kind"] == "primary"].iloc[0]
    assert letter["text"].startswith("Alma-Ata, October 21, 1928")
    assert 5500 < letter["n_words"] < 7000  # the seeds README: about 6k words
    assert "\u201c" not in letter["text"]  # curly quotes normalised
