"""Book module for *Writings of Leon Trotsky (1930-31)*: segmentation checked against the text.

Expected values were read off ``data/raw/trotsky_writings_1930-31.txt`` (line numbers as
``sed -n`` prints them), not copied from the module's output.
"""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest

from textlab.books import trotsky_writings_1930_31 as book
from textlab.core import paths
from textlab.text.segment import split_lines, validate

RAW = paths.RAW / book.SOURCE


@pytest.fixture(scope="module")
def lines():
    if not RAW.exists():
        pytest.skip(f"{RAW} not present")
    return split_lines(RAW.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seg(lines):
    return book.segment(lines)


@pytest.fixture(scope="module")
def primary(seg):
    return [s for s in seg.spans if s.kind == "primary"]


def _dropped(seg):
    out = {}
    for d in seg.drops:
        for i in range(d.line_start, d.line_end + 1):
            out[i] = d.reason
    return out


def _span_at(seg, line):
    return next(s for s in seg.spans if s.line_start <= line <= s.line_end)


# --------------------------------------------------------------------------- accounting


def test_validates_on_real_file(lines, seg):
    validate(seg, len(lines), book.SOURCE)


def test_segmentation_is_fast(lines):
    t = time.perf_counter()
    book.segment(lines)
    assert time.perf_counter() - t < 3.0


def test_78_articles_79_primary_rows(primary):
    assert len(primary) == 79
    assert len({s.work for s in primary}) == 78
    assert all(s.author == "Leon Trotsky" for s in primary)


def test_every_article_dated_in_range(primary):
    for s in primary:
        assert re.fullmatch(r"193[01]-\d\d", s.date), s
        assert "1930-09" <= s.date <= "1931-12", s


# --------------------------------------------------------------------------- articles read off the text


def test_first_and_last_articles(seg):
    # line 231: "September 1930", 233-234: "Manifesto on China of the / International Left Opposition'"
    first = _span_at(seg, 240)
    assert (first.kind, first.date, first.date_basis) == ("primary", "1930-09", "written")
    assert first.title == "Manifesto on China of the International Left Opposition"
    # line 15082: "December 1 931", title "The White Guard preparation of a terrorist act280"
    last = _span_at(seg, 15100)
    assert (last.date, last.date_basis) == ("1931-12", "written")
    # the title runs over a blank line: 15084-15085, 15087 "against Comrade Trotsky280"
    assert last.title == "The White Guard preparation of a terrorist act against Comrade Trotsky"


def test_published_date_lines(seg):
    # line 1063: "Published September 1 930" -> The Krestintern and the Anti-Imperialist League
    s = _span_at(seg, 1070)
    assert (s.date, s.date_basis, s.title) == (
        "1930-09",
        "published",
        "The Krestintern and the Anti-Imperialist League",
    )
    # line 4063: "Published Decel11ber 1 930" -> Notes of a journalist (source note 111)
    s = _span_at(seg, 4100)
    assert (s.date, s.date_basis, s.title) == ("1930-12", "published", "Notes of a journalist")


# The six articles without a date line, and what their source notes say:
#   2348-2349 "What is to be learned from / the saboteurs' trial?81"
#             note 81 (16089): The Militant, January I [=1], 1931
#   2485-2486 "The fight against war / can allow no illusionss6"
#             note 86 (16145): Biulleten, November-December 1930
#   2600      "Thermidor and Bonapartism91"
#             note 91 (16167): The Militant, January 15, 1931
#   6951      "Nina V. Vorovskaya167"
#             note 167 (16728): Biulleten, March 1931
#   7009-7010 "The five-year plan / in four years?168"
#             note 168 (16731): Biulleten, March 1931
#   7106      "Notes of a journalisf70"
#             note 170 (16740): The Militant, April 15, 1931
UNDATED = {
    "What is to be learned from the saboteurs' trial?": "1931-01",
    "The fight against war can allow no illusions": "1930-12",
    "Thermidor and Bonapartism": "1931-01",
    "Nina V. Vorovskaya": "1931-03",
    "The five-year plan in four years?": "1931-03",
    "Notes of a journalist": "1931-04",
}


def test_six_undated_articles_dated_by_source_note(primary):
    by_note = [s for s in primary if s.date_basis == "source_note"]
    assert sorted((s.title, s.date) for s in by_note) == sorted(UNDATED.items())


def test_undated_article_starts_at_its_title(seg, lines):
    s = _span_at(seg, 7120)
    assert s.line_start == 7106 and "Notes of a journalis" in lines[s.line_start - 1]
    # article 13 ends right where the undated "What is to be learned..." begins (no blank between)
    assert _span_at(seg, 2347).title.startswith("What next in the campaign")
    assert _span_at(seg, 2348).title.startswith("What is to be learned")
    assert s.date_basis == "source_note"


def test_two_letters_share_one_work(primary, lines):
    letters = [s for s in primary if s.title.startswith("Two letters to the Prometeo group")]
    assert len(letters) == 2
    assert letters[0].work == letters[1].work
    assert [s.date for s in letters] == ["1931-04", "1931-05"]
    # the second letter opens at its own date line (raw "MAY 28, 1931", OCR-damaged)
    assert re.sub(r"['`]", "", lines[letters[1].line_start - 1]).strip().startswith("MAY 28")


def test_titles_lose_glued_note_numbers(primary):
    titles = {s.title for s in primary}
    # raw: "German Left Opposition1S4", "Rakovsky declarationS3", "Mona tte-· Ad voca te", "wing??3"
    assert "The crisis in the German Left Opposition" in titles
    assert "Introduction to the Rakovsky declaration" in titles
    assert "Monatte-Advocate of the social-patriots" in titles
    assert "What next in the campaign against the Russian right wing?" in titles
    assert "To friendly, sympathetic, vacillating, skeptical, and antagonistic readers" in titles
    assert "Critical remarks about Prometeo's resolution on democratic demands" in titles  # 5014-5017
    for t in titles:
        assert not re.search(r"\d$", t), t


def test_article_numbering_in_work(primary):
    works = list(dict.fromkeys(s.work for s in primary))
    assert works[0].startswith("Writings 1930-31, 01. Manifesto on China")
    assert works[38].startswith("Writings 1930-31, 39. Two letters to the Prometeo group")
    assert works[-1].startswith("Writings 1930-31, 78. The White Guard")


# --------------------------------------------------------------------------- not Trotsky


def test_editorial_notes_and_list(seg, lines):
    pre = _span_at(seg, 50)
    assert (pre.kind, pre.author, pre.date, pre.date_basis) == ("editorial", "Pathfinder editors", "1973-08", "written")
    assert pre.line_start == 1 and lines[pre.line_end - 1].strip() == "AUGUST 1973"  # line 128
    chrono = _span_at(seg, 150)
    assert chrono.kind == "editorial" and lines[chrono.line_start - 1].strip() == "Chronology"
    notes = _span_at(seg, 16000)
    assert notes.kind == "notes" and notes.author == "Pathfinder editors"
    assert lines[notes.line_start - 1].strip() == "Notes and acknowledgments"  # line 15298
    assert notes.line_end == 17528  # note 282 ends there; 17529-17531 blank
    other = _span_at(seg, 17540)
    assert other.kind == "index" and other.line_end <= len(lines)
    assert Counter(s.kind for s in seg.spans) == Counter(primary=79, editorial=2, notes=1, index=1)
    # not primary, not Trotsky: the volume's apparatus, dated by the preface's "AUGUST 1973"
    for s in (chrono, notes, other):
        assert s.author == "Pathfinder editors" and s.date == "1973-08"


# --------------------------------------------------------------------------- furniture


RUNNING_HEADS = [386, 3525, 4535, 4654, 4739, 5239, 5761, 9179, 9527, 9798, 10076, 11674, 12882, 14248, 17143]


def test_running_heads_dropped(seg, lines):
    dropped = _dropped(seg)
    for i in RUNNING_HEADS:
        assert "/" in lines[i - 1]
        assert dropped.get(i) == "running_head", (i, lines[i - 1])
    # every line of the form "<CAPITALS> / <page>" or "<page> / WRITINGS..." is dropped somewhere
    for i, s in enumerate(lines, 1):
        if re.match(r"^[\d.:]+ / WRIT", s) or re.match(r"^[A-Z' ]{8,} / [\d:.]+\s*$", s):
            assert dropped.get(i) == "running_head", (i, s)


def test_page_numbers_dropped_inside_articles(seg, lines):
    dropped = _dropped(seg)
    for i in (893, 1169, 2158, 4286, 13720, 14201):  # "34", "43", "73", "134", "397", "412"
        assert re.fullmatch(r"\d+\s*", lines[i - 1])
        assert dropped.get(i) == "page_number"
        assert _span_at(seg, i).kind == "primary"  # it sits inside an article


def test_article_text_keeps_running_text(seg, lines):
    dropped = _dropped(seg)
    # lines 3520-3521 and 3527 are article text around the running head at 3525
    for i in (3520, 3521, 3527):
        assert i not in dropped and lines[i - 1].strip()
    assert _span_at(seg, 3521) == _span_at(seg, 3527) == _span_at(seg, 3525)


# --------------------------------------------------------------------------- date-line parser on real lines


@pytest.mark.parametrize(
    "line_no, expected",
    [
        (641, ("1930-09", "written")),  # "September 17, 1930"
        (1063, ("1930-09", "published")),  # "Published September 1 930"
        (1742, ("1930-10", "written")),  # "October 31 , 1 930"
        (1942, ("1930-11", "written")),  # "Novem ber 21 ,  1930"
        (2970, ("1930-12", "written")),  # "Decelnber 9, 1930"
        (4063, ("1930-12", "published")),  # "Published Decel11ber 1 930"
        (5209, ("1931-01", "written")),  # "January 3 1 ,  1931"
        (9202, ("1931-04", "written")),  # "April 14-May 28, 193 1"
        (12775, ("1931-09", "written")),  # "September 25/ 1931"
        (13692, ("1931-11", "written")),  # "Novelnber 10, 1931"
        (14966, ("1931-12", "written")),  # "Decen1ber 25, 1 93 1"
    ],
)
def test_parse_date_line_real(lines, line_no, expected):
    assert book.parse_date_line(lines[line_no - 1]) == expected


@pytest.mark.parametrize("line_no", [128, 2599, 3524, 16089])  # "AUGUST 1973", a title, body text, a note
def test_parse_date_line_rejects(lines, line_no):
    assert book.parse_date_line(lines[line_no - 1]) is None


def test_parse_date_line_rejects_prose():
    assert book.parse_date_line("February 25, 1927, wrote about it") is None
    assert book.parse_date_line("Remember 5, 1930") is None


def test_date_from_note_reads_ocr_day():
    # note 81, line 16090: "tant, January I, 1931 ." (I for 1); the later "November-December 1930" is history
    text = " ".join(ln.strip() for ln in split_lines(RAW.read_text(encoding="utf-8"))[16088:16092])
    assert book.date_from_note(text) == "1931-01"


# --------------------------------------------------------------------------- cleaning


@pytest.fixture(scope="module")
def article_texts(seg, lines):
    dropped = _dropped(seg)
    return [
        "\n".join(lines[i - 1] for i in range(s.line_start, s.line_end + 1) if i not in dropped)
        for s in seg.spans
        if s.kind == "primary"
    ]


@pytest.fixture(scope="module")
def lexicon(article_texts):
    pytest.importorskip("spellchecker")
    from textlab.text.lexicon import Lexicon

    return Lexicon.from_texts(article_texts)


def _clean_lines(lines, a, b, lexicon):
    return book.clean("\n".join(lines[a - 1 : b]), lexicon=lexicon)


def test_clean_output_shape(article_texts, lexicon):
    out = book.clean(article_texts[1], lexicon=lexicon)
    assert out.startswith("September 17, 1930\n\nTo the conference of the German Left Opposition\n\nDear Comrades:")
    for para in out.split("\n\n"):
        assert para and "\n" not in para and "  " not in para and para == para.strip()


def test_clean_joins_word_across_page_break(lines, lexicon):
    # 1246 "...rose up from the destruc" / 1247 blank / 1248 "tion and decline of the early postwar years"
    out = _clean_lines(lines, 1246, 1248, lexicon)
    assert "from the destruction and decline" in out


def test_clean_ocr_confusions_of_this_scan(lines, lexicon):
    # line 6: "September 1930 through December 1931 . His departure frOln"; line 7: "Turkey in Inid-1933"
    out = _clean_lines(lines, 6, 7, lexicon)
    assert "departure from Turkey in mid-1933" in out
    # line 9233 "COlnmunist greetings," / 9234 "L. Tro tsky"
    out = _clean_lines(lines, 9233, 9234, lexicon)
    assert out == "Communist greetings, L. Trotsky"


def test_clean_strips_glued_note_numbers(lines, lexicon):
    # line 1068: "What's the news about the Krestintern ?25 It was set up by the"
    assert "?25" in lines[1068 - 1]
    out = _clean_lines(lines, 1068, 1068, lexicon)
    assert "25" not in out and "Krestintern" in out


def test_book_ocr_step_on_real_tokens(lines, lexicon):
    for line_no, bad, good in [
        (3819, "econonlic", "economic"),
        (1249, "occupationY", "occupation"),
    ]:
        if bad not in lines[line_no - 1]:
            pytest.fail(f"line {line_no} no longer holds {bad!r}: {lines[line_no - 1]!r}")
        assert good in book.fix_book_ocr(lines[line_no - 1], lexicon=lexicon)


def test_lexicon_share_rises_to_clean_level(article_texts, lexicon):
    from textlab.text.lexicon import english_words, lexicon_share

    eng = english_words()
    raw = [lexicon_share(t, eng) for t in article_texts]
    cleaned = [lexicon_share(book.clean(t, lexicon=lexicon), eng) for t in article_texts]
    raw_share = sum(k for k, _ in raw) / sum(n for _, n in raw)
    clean_share = sum(k for k, _ in cleaned) / sum(n for _, n in cleaned)
    assert raw_share < 0.95
    assert clean_share >= 0.965
