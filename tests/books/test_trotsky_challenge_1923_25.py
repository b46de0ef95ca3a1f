"""Tests for textlab/books/trotsky_challenge_1923_25.py (raw file 002, book OCR)."""

from collections import Counter

import pytest

from textlab.books import trotsky_challenge_1923_25 as book


@pytest.fixture(scope="module")
def seg(segmented):
    return segmented(book)


def test_fourteen_selections_dated_1920_02_to_1925_12(seg):
    text_rows = [s for s in seg.spans if s.kind in ("primary", "quotation", "table")]
    works = {s.work for s in text_rows}
    # the contents pages (43-273) list 12 selections and the two appendices A and B
    assert len(works) == 14
    assert min(s.date for s in text_rows) == "1920-02"  # The New Course, appendix: proposal of February 1920
    assert max(s.date for s in text_rows) == "1925-12"  # A Split in the Triumvirate (congress of December 1925)


def test_chapters_and_appendices_inherit_their_selection(seg):
    lessons = [s for s in seg.spans if s.work.endswith("The Lessons Of October") and s.kind == "primary"]
    assert len({s.title for s in lessons}) == 8  # chapters 1-8
    assert {s.date for s in lessons} == {"1924-09"} and {s.date_basis for s in lessons} == {"inherited"}
    new_course = {s.title for s in seg.spans if s.work.endswith("The New Course") and s.kind == "primary"}
    assert sum("Chapter" in t for t in new_course) == 7 and sum("Appendix" in t for t in new_course) == 5


def test_naomi_allen_editorial(seg):
    ed = [s for s in seg.spans if s.kind == "editorial"]
    assert {s.author for s in ed} == {"Naomi Allen"}
    # the note about the author, preface and introduction (one row, dated by her signature) + 14 NOTE blocks
    assert len(ed) == 15
    front = min(ed, key=lambda s: s.line_start)
    assert front.date == "1974-12" and front.line_end == 2138
    assert front.line_start == 275  # "LEON TROTSKY was born ..."; 253-272 are the end of the contents


def test_documents_by_others(seg):
    authors = Counter(s.author for s in seg.spans if s.kind == "primary")
    assert authors["The Forty-six"] == 1 and authors["Central Committee of the RCP"] == 1
    assert authors["Eight Young Communists"] == 1
    by_author = {s.author: s for s in seg.spans if s.kind == "primary"}
    assert 6734 <= by_author["Eight Young Communists"].line_start <= 6740  # "Appendix 4 / Two Generations"
    assert 19590 <= by_author["The Forty-six"].line_start <= 19605
    assert 19932 <= by_author["Central Committee of the RCP"].line_start <= 19950


def test_letters_known_through_the_vestnik(seg):
    rows = [s for s in seg.spans if "Letter To The Central Committee" in s.work and s.kind in ("primary", "quotation")]
    assert {s.author for s in rows} == {"Sotsialistichesky Vestnik"}
    quotes = [s for s in rows if s.kind == "quotation"]
    assert quotes and {s.quoted_author for s in quotes} == {"Leon Trotsky"}


def test_tables_index_and_notes(seg):
    tables = [s for s in seg.spans if s.kind == "table"]
    assert tables and all(18300 <= s.line_start and s.line_end <= 18920 for s in tables)
    # "Table 1" (line 18344), "Table 2" (18627), "Table 3" (18704) up to the last table line 18915:
    # sideways-printed tables, nothing of it is prose
    assert sorted(s.line_start for s in tables) == [18344, 18627, 18704]
    assert not [s for s in seg.spans if s.kind == "primary" and s.line_end >= 18344 and s.line_start <= 18917]
    idx = [s for s in seg.spans if s.kind == "index"]
    assert len(idx) == 1 and idx[0].line_start == 20906
    assert any(s.kind == "notes" and s.line_start == 20440 for s in seg.spans)


def test_running_heads_and_page_numbers(seg, raw_lines):
    lines = raw_lines(book.SOURCE)
    r = {i: d.reason for d in seg.drops for i in range(d.line_start, d.line_end + 1)}
    for line in (
        356,
        486,
        1393,
        2182,
    ):  # "14 Challenge of the ...", "Introduction 17", "P Introduction 35", "First Letter to the CC 51"
        assert r.get(line) == "running_head", (line, lines[line - 1])
    kept = [lines[i - 1] for s in seg.spans for i in range(s.line_start, s.line_end + 1) if i not in r]
    assert not any(book._EVEN_HEAD.match(x) for x in kept)
    assert 380 <= sum(v == "running_head" for v in r.values()) <= 440  # seeds README: about 430 heads and page numbers
    assert r.get(2973) is None  # "Chapter 1" opens a chapter: kept


@pytest.mark.parametrize(
    "line, expected",
    [
        ("October 8, 1923 ", "1923-10"),
        ("December 1923", "1923-12"),
        ("May 26, 1924 ", "1924-05"),
        ("In December 1923 we", None),
    ],
)
def test_parse_date(line, expected):
    assert book.parse_date(line) == expected


def test_separately_dated_pieces(seg):
    dated = {(s.line_start, s.date, s.date_basis) for s in seg.spans if s.kind == "primary"}
    # date lines 7864 "April 11, 1924", 8031 "June 21, 1924", 15069 "July 1, 1925", 15349 "September 8, 1925",
    # 18965 "December 9, 1925"
    for start, date in (
        (7861, "1924-04"),
        (8028, "1924-06"),
        (15066, "1925-07"),
        (15346, "1925-09"),
        (18962, "1925-12"),
    ):
        assert (start, date, "written") in dated, start


def test_one_editorial_row_per_note_block(seg, raw_lines):
    lines = raw_lines(book.SOURCE)
    n_notes = sum(x.startswith("NOTE:") for x in lines)
    assert n_notes == 14  # grep -c '^NOTE:' on the raw file
    ed = [s for s in seg.spans if s.kind == "editorial"]
    assert sum(lines[s.line_start - 1].startswith("NOTE:") for s in ed) == n_notes
    assert len(ed) == n_notes + 1


@pytest.mark.parametrize(
    "lineno, expected",
    [
        (2145, "1923-10"),
        (6934, "1924-05"),
        (9645, "1924-09"),
        (19936, "1923-12"),
        (2977, "1923-12"),
        (2141, None),
        (8453, None),
        (2148, None),
    ],
)
def test_parse_date_on_real_lines(raw_lines, lineno, expected):
    assert book.parse_date(raw_lines(book.SOURCE)[lineno - 1]) == expected


def test_running_head_recognisers_on_real_lines(raw_lines):
    lines = raw_lines(book.SOURCE)
    assert book._EVEN_HEAD.match(lines[356 - 1]) and book._EVEN_HEAD.match(
        lines[2435 - 1]
    )  # "14 Challenge ...", "56 ..."
    assert not book._EVEN_HEAD.match(lines[8453 - 1])  # prose
    heads = book.running_heads(lines)
    # odd-page heads read off lines 486 "Introduction 17", 4589 "The New Course 99",
    # 16954 "Toward Capitalism or Socialism? 349"
    assert {"Introduction", "The New Course", "Toward Capitalism or Socialism?"} <= heads
    assert "Chapter" not in heads and "Table" not in heads


def test_clean_fixes_this_scan():
    from textlab.text.lexicon import Lexicon

    lex = Lexicon(["notized", "by", "soviet", "legality"], {})
    # line 10753
    assert "soviet legality" in book.clean("notized by sovict legality, and", lexicon=lex)
