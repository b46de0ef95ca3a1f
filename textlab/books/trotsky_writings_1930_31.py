"""Book module: *Writings of Leon Trotsky (1930-31)*, Pathfinder Press (book OCR).

Layout rules (read off ``trotsky_writings_1930-31.txt``):

* the editors' preface (to the line ``AUGUST 1973``) and the chronology
  are ``editorial`` rows by "Pathfinder editors"; photo captions are
  dropped as ``caption``;
* each article starts after a run of blank lines with a **date line**
  (``September 17, 1930``, ``Published September 1930``, OCR-damaged as
  ``Decelnber 9, 1930`` or ``Novem ber 21 ,  1930``), then a title whose
  endnote number is glued on (``Tasks in the USSR58``). That number points
  to the article's **source note** in "Notes and acknowledgments"
  (``58. "Tasks in the USSR." ...``), which gives venue and date. Articles
  are found from their source notes: the title line is the body line that
  ends with the note's number; the article starts at the date line just
  above it, or at the title when there is none (six articles), and is
  then dated from its source note (``date_basis = "source_note"``);
* the article "Two letters to the Prometeo group" holds two letters
  (April 14 and May 28, 1931): two rows sharing one ``work``;
* running heads (``114 / WRITINGS OF LEON TROTSKY (1930-31)``,
  ``MANIFESTO ON CHINA / 21``) and lone page numbers are dropped, also
  inside articles (a note number alone under a title, line 12133, goes
  with the heading); "Notes and acknowledgments" is one ``notes`` row and
  "Other writings of 1930-31", an annotated list of writings printed
  elsewhere, an ``index`` row (it points to other works; it is neither
  cover nor title page, which ``front_matter`` is for). The chronology,
  notes and list are the editors' apparatus of the volume and carry the
  preface's date, August 1973, as ``inherited``; the preface is signed
  only "The Editors" (no names in the text);
* the date line and the title stay as the first lines of each row (not
  dropped as ``heading``); the row's ``title`` is the heading without its
  note number, with the words of the source note where the heading's OCR
  is worse (``declarationS3``, ``journalisf70``);
* about 75 lines hold bracketed editorial insertions (``[the Comintern]``);
  they are left in the text.

Cleaning: the generic pipeline, then this scan's own repairs
(:func:`fix_book_ocr`, :func:`strip_note_numbers_after_names`).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence

from textlab.text import clean as _clean
from textlab.text.lexicon import Lexicon
from textlab.text.segment import (
    MONTHS,
    Drop,
    Segmentation,
    SegmentationError,
    Span,
    blank_drops,
    merge_drops,
    trim_blank,
)

log = logging.getLogger(__name__)

SOURCE = "trotsky_writings_1930-31.txt"
BOOK = "Writings of Leon Trotsky (1930-31)"
AUTHOR = "Leon Trotsky"
EDITORS = "Pathfinder editors"

_OCR_LETTERS = (("ln", "m"), ("n1", "m"), ("rn", "m"), ("lTI", "m"), ("1", "l"), ("0", "o"))


def _compact(s: str) -> str:
    return re.sub(r"[\s.'`,:;]", "", s)


def parse_date_line(line: str) -> tuple[str, str] | None:
    """``(YYYY-MM, basis)`` if ``line`` is an article's date line, else None.

    Basis is ``written`` for a date, ``published`` for ``Published <Month>
    <year>``. OCR damage inside the month and spaces inside numbers are
    tolerated.

    >>> parse_date_line("Decelnber 9, 1930 ")
    ('1930-12', 'written')
    >>> parse_date_line("Novem ber 21 ,  1930  ")
    ('1930-11', 'written')
    >>> parse_date_line("Published September 1 930 ")
    ('1930-09', 'published')
    >>> parse_date_line("April 14-May 28, 193 1  ")
    ('1931-04', 'written')
    >>> parse_date_line("September 25/ 1931 ")
    ('1931-09', 'written')
    >>> parse_date_line("Decen1ber 25, 1 93 1 ")
    ('1931-12', 'written')
    >>> parse_date_line("February 25, 1927, wrote about it") is None
    True
    """
    s = line.strip()
    if not s or len(s) > 32:
        return None
    basis = "written"
    m = re.match(r"^Published\s+(.*)$", s)
    if m:
        basis, s = "published", m.group(1)
    head = re.match(r"^([A-Za-z0-9 ]+?)\s*(\d[\d ]{0,2})?\s*(?:-\s*[A-Za-z ]+\s*\d[\d ]*)?[,/]?\s*([\d ]{4,8})\s*$", s)
    if not head:
        return None
    word = head.group(1).replace(" ", "")
    for bad, good in _OCR_LETTERS:
        word = word.replace(bad, good)
    word = word.lower()
    if word not in MONTHS:
        # damaged beyond the table ("Decel11ber"): same first three letters and last two, length within 2
        near = [m for m in MONTHS if m[:3] == word[:3] and m[-2:] == word[-2:] and abs(len(m) - len(word)) <= 2]
        if len(near) != 1:
            return None
        word = near[0]
    digits = re.sub(r"\D", "", s[head.end(1) :])
    year = digits[-4:]  # "September 1 930": the day's pattern may take a digit of the year
    if not re.fullmatch(r"19[23]\d", year):
        return None
    return f"{year}-{MONTHS.index(word) + 1:02d}", basis


_NOTE_START = re.compile(r"^\s*(\d{1,3})\s?[.,]\s+(.*)$")
_SOURCE_NOTE = re.compile(r"^\s*(\d{1,3})\s?[.,]\s+[\"'“”]")
_DATE_IN_TEXT = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:[\dIl]{1,2}\s*,\s*)?(19[23]\s?\d)"
)


def _note_blocks(lines: Sequence[str], start: int, end: int) -> dict[int, tuple[int, str]]:
    """Source notes: number -> (line, text of the note)."""
    out: dict[int, tuple[int, str]] = {}
    i = start
    while i <= end:
        m = _SOURCE_NOTE.match(lines[i - 1])
        if m:
            j = i + 1
            while j <= end and lines[j - 1].strip() and not _NOTE_START.match(lines[j - 1]):
                j += 1
            out[int(m.group(1))] = (i, " ".join(x.strip() for x in lines[i - 1 : j - 1]))
            i = j
        else:
            i += 1
    return out


def date_from_note(text: str) -> str | None:
    """First ``Month [day,] year`` in a source note, as YYYY-MM.

    >>> date_from_note('"What is fascism?" The Militant, January 2, 1932. Written in November 1931.')
    '1932-01'
    >>> date_from_note('"What Is to Be Learned" The Militant, January I, 1931. ... in November-December 1930')
    '1931-01'
    """
    m = _DATE_IN_TEXT.search(text)
    if not m:
        return None
    return f"{m.group(2).replace(' ', '')}-{MONTHS.index(m.group(1).lower()) + 1:02d}"


_RUNNING_HEAD = re.compile(r"^[\dA-Z:.' ]*[A-Z]{3}[A-Z0-9 ()':.,-]*\s/\s*[\d:. ]{1,5}\s*$|^[\d:.]{1,5}\s*/\s*WRIT")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_CAPTIONS = re.compile(
    r"^(Leon Trotsky at his desk in Prinkipo, 1931\.|Leon Trotsky in his garden\."
    r"|Trotsky and Alfred Rosmer, 1920 \(left\);.*)\s*$"
)


def _is_running_head(line: str) -> bool:
    s = line.strip()
    return bool(s) and not re.search(r"[a-z]", s) and bool(_RUNNING_HEAD.match(s))


def _furniture(lines: Sequence[str], start: int, end: int) -> list[Drop]:
    """Running heads (with their broken first lines), lone page numbers and captions in ``start..end``."""
    drops = []
    for i in range(start, end + 1):
        s = lines[i - 1]
        if _is_running_head(s):
            drops.append(Drop(i, i, "running_head"))
            k = i - 1  # a head broken over lines: "ON COMRADE TREINT" / "'" / "S DECLARATION / 277"
            while (
                k >= start
                and lines[k - 1].strip()
                and not re.search(r"[a-z]", lines[k - 1])
                and len(lines[k - 1].strip()) < 40
                and i - k <= 2
            ):
                drops.append(Drop(k, k, "running_head"))
                k -= 1
        elif _PAGE_NUMBER.match(s):
            drops.append(Drop(i, i, "page_number"))
        elif _CAPTIONS.match(s):
            drops.append(Drop(i, i, "caption"))
    return drops


def _find_title(lines: Sequence[str], num: int, start: int, end: int) -> int | None:
    """The body line in ``start..end`` that ends with note number ``num`` glued to a title word."""
    digits = str(num)
    ocr = digits.replace("1", "[1lI]").replace("9", "[9f]").replace("6", "[6b]")
    rx = re.compile(rf"[A-Za-z\"'?.,)]\s?{ocr}\s*$")
    for i in range(start, end + 1):
        s = lines[i - 1]
        if len(s.strip()) < 60 and rx.search(s.rstrip()) and not _PAGE_NUMBER.match(s):
            # a title line follows a blank line, a date line or another title line
            prev = lines[i - 2].strip() if i > 1 else ""
            prev2 = lines[i - 3].strip() if i > 2 else ""
            if not prev or parse_date_line(prev) or (len(prev) < 45 and (not prev2 or parse_date_line(prev2))):
                return i
    return None


def segment(lines: Sequence[str]) -> Segmentation:
    """Preface, chronology, 78 articles (79 rows: one article holds two letters), notes, list of writings.

    Examples
    --------
    A miniature of the book: preface, chronology and its caption, an article with a date line, one
    without (dated by its source note), the 70 source notes the rules expect, and the list of writings:

    >>> lines = ["Preface", "These are his writings.", "AUGUST 1973", "", "Chronology", "1930: Prinkipo.",
    ...          "Leon Trotsky in his garden.", "", "", "September 17, 1930", "Tasks in the USSR1", "",
    ...          "The party lives.", "", "", "On the Spanish Revolution2", "", "It has begun.", "", "",
    ...          "Notes and acknowledgments", '1. "Tasks in the USSR." The Militant, October 1, 1930.',
    ...          '2. "On the Spanish Revolution." The Militant, January 1, 1931.']
    >>> lines += [f'{k}. "Article {k}." The Militant, May 1, 1931.' for k in range(3, 71)]
    >>> lines += ["", "Other writings of 1930-31", "A list."]
    >>> seg = segment(lines)
    >>> [(s.line_start, s.line_end, s.kind, s.title, s.date, s.date_basis) for s in seg.spans]
    ... # doctest: +NORMALIZE_WHITESPACE
    [(1, 3, 'editorial', 'Preface', '1973-08', 'written'),
     (5, 6, 'editorial', 'Chronology', '1973-08', 'inherited'),
     (10, 13, 'primary', 'Tasks in the USSR', '1930-09', 'written'),
     (16, 18, 'primary', 'On the Spanish Revolution', '1931-01', 'source_note'),
     (21, 91, 'notes', 'Notes and acknowledgments', '1973-08', 'inherited'),
     (93, 94, 'index', 'Other writings of 1930-31 (bibliography)', '1973-08', 'inherited')]
    >>> [(d.line_start, d.reason) for d in seg.drops if d.reason != "blank"]
    [(7, 'caption')]
    """
    n = len(lines)

    def find(pattern: str, start: int = 1) -> int:
        rx = re.compile(pattern)
        for i in range(start, n + 1):
            if rx.match(lines[i - 1]):
                return i
        raise SegmentationError(f"{SOURCE}: no line matching {pattern!r}")

    sig = find(r"^AUGUST 1973\s*$")
    chrono = find(r"^Chronology\s*$", sig)
    notes_at = find(r"^Notes and acknowledgments\s*$", chrono)
    other_at = find(r"^Other writings of", notes_at)
    notes = _note_blocks(lines, notes_at, other_at - 1)
    if len(notes) < 70:
        raise SegmentationError(f"{SOURCE}: found only {len(notes)} source notes")
    caption = next(i for i in range(chrono, notes_at) if _CAPTIONS.match(lines[i - 1]))
    body_start = caption + 1

    starts = _article_starts(lines, body_start, notes_at - 1, notes)
    note_titles = _note_titles(notes)
    spans: list[Span] = []
    drops: list[Drop] = []
    t0 = trim_blank(lines, 1, sig)
    assert t0 is not None
    spans.append(Span(t0[0], t0[1], "editorial", EDITORS, "Writings 1930-31, Preface", "Preface", "1973-08", "written"))
    drops += blank_drops(lines, t0[1] + 1, chrono - 1)
    t1 = trim_blank(lines, chrono, caption - 1)
    assert t1 is not None
    spans.append(
        Span(t1[0], t1[1], "editorial", EDITORS, "Writings 1930-31, Chronology", "Chronology", "1973-08", "inherited")
    )
    drops += blank_drops(lines, t1[1] + 1, caption - 1)
    drops.append(Drop(caption, caption, "caption"))
    drops += blank_drops(lines, caption + 1, starts[0][0] - 1)

    for k, (start, _t, date, basis) in enumerate(starts, 1):
        end = (starts[k][0] - 1) if k < len(starts) else notes_at - 1
        title = _title(lines, start, note_titles)
        work = f"Writings 1930-31, {k:02d}. {title}"
        fur = _furniture(lines, start, end)
        # a note number alone under the title ("An explanation / in a circle of friends" / "228")
        # belongs to the heading, not to the page
        fur = [
            Drop(d.line_start, d.line_end, "heading") if d.reason == "page_number" and d.line_start <= start + 6 else d
            for d in fur
        ]
        tr = trim_blank(lines, start, end)
        assert tr is not None
        # trailing furniture (a caption or a running head) is dropped after the article
        last = tr[1]
        fur_lines = {d.line_start for d in fur}
        while last > tr[0] and (last in fur_lines or not lines[last - 1].strip()):
            last -= 1
        inner = [d for d in fur if d.line_start <= last]
        outer = [d for d in fur if d.line_start > last]
        letters = _letters(lines, start, last) if "Two letters" in title else []
        if letters:
            pieces = [
                (start, letters[1] - 1, "1931-04", "written", f"{title} (April 14, 1931)"),
                (letters[1], last, "1931-05", "written", f"{title} (May 28, 1931)"),
            ]
        else:
            pieces = [(start, last, date, basis, title)]
        for a, b, d, bs, ttl in pieces:
            tb = trim_blank(lines, a, b)
            assert tb is not None
            spans.append(Span(tb[0], tb[1], "primary", AUTHOR, work, ttl, d, bs))
            drops += blank_drops(lines, a, tb[0] - 1) + blank_drops(lines, tb[1] + 1, b)
        drops += inner
        outer_set = {d.line_start for d in outer}
        drops += outer + [x for x in blank_drops(lines, last + 1, end) if x.line_start not in outer_set]
    # blank runs may overlap furniture drops: keep one drop per line
    tn = trim_blank(lines, notes_at, other_at - 1)
    assert tn is not None
    spans.append(
        Span(
            tn[0],
            tn[1],
            "notes",
            EDITORS,
            "Writings 1930-31, Notes and acknowledgments",
            "Notes and acknowledgments",
            "1973-08",
            "inherited",
        )
    )
    drops += _furniture(lines, tn[0], tn[1])
    drops += blank_drops(lines, tn[1] + 1, other_at - 1)
    to = trim_blank(lines, other_at, n)
    assert to is not None
    spans.append(
        Span(
            to[0],
            to[1],
            "index",
            EDITORS,
            "Writings 1930-31, Other writings of 1930-31",
            "Other writings of 1930-31 (bibliography)",
            "1973-08",
            "inherited",
        )
    )
    drops += blank_drops(lines, to[1] + 1, n)
    drops = merge_drops(drops)
    log.info("%s: %d articles, %d rows", SOURCE, len(starts), len(spans))
    return Segmentation(spans, drops)


def _letters(lines: Sequence[str], start: int, end: int) -> list[int]:
    """Date lines (upper case, OCR-damaged: ``APRIL '14, '193'1``) that open the letters of an article."""
    out = []
    for i in range(start + 1, end + 1):
        s = re.sub(r"['`]", "", lines[i - 1]).strip()
        if re.match(r"^(APRIL|MAY)\s+\d[\d ]*,\s*19\s?3\s?1$", s):
            out.append(i)
    return out


def _words(s: str) -> str:
    return " ".join(re.findall(r"[a-z]+", s.lower())[:3])


def _article_starts(
    lines: Sequence[str], start: int, end: int, notes: dict[int, tuple[int, str]]
) -> list[tuple[int, int, str, str]]:
    """``(first line, last title line, date, basis)`` of every article in ``start..end``.

    An article follows a run of two or more blank lines. If a date line
    comes first, it is dated by it; otherwise the first line is a title only
    if a source note quotes it (the first three words match), and the note
    dates it.
    """
    by_words: dict[str, list[int]] = {}
    for n, (_, text) in sorted(notes.items()):
        m = re.match(r"^\s*\d{1,3}\s?[.,]\s+[\"'“”]\s*(.*)$", text)
        if m:
            by_words.setdefault(_words(m.group(1)), []).append(n)
    out: list[tuple[int, int, str, str]] = []
    for j in range(start, end + 1):
        first = lines[j - 1]
        if not first.strip():
            continue
        after_gap = j - 2 >= start and not lines[j - 2].strip() and not lines[j - 3].strip()
        if not (after_gap or j == start or first.startswith(" ")):
            continue  # articles follow a gap of blank lines, or open a page (a leading space)
        if out and j <= out[-1][1]:
            continue
        got = parse_date_line(first)
        if got:
            t = j + 1
            while t <= end and not lines[t - 1].strip():
                t += 1
            t = _title_end(lines, t)
            out.append((j, t, got[0], got[1]))
        elif re.search(r"[a-z]", first) and not (_PAGE_NUMBER.match(first) or _CAPTIONS.match(first)):
            t = _title_end(lines, j)
            nums = by_words.get(_words(" ".join(lines[j - 1 : t])), [])
            glued = re.search(r"(\d{1,3})\s*$", lines[t - 1])  # a title ends with its note number
            if glued is None:
                continue
            num = next((k for k in nums if str(k).endswith(glued.group(1))), nums[0] if nums else None)
            if num is not None and (j == start or not lines[j - 2].strip().endswith(",")):
                date = date_from_note(notes[num][1])
                if date is None:
                    raise SegmentationError(f"{SOURCE} line {notes[num][0]}: source note {num} gives no date")
                out.append((j, t, date, "source_note"))
    return out


def _title_end(lines: Sequence[str], t: int) -> int:
    """Last line of a title starting at ``t``: up to the blank line or salutation that follows (at most 3 lines)."""
    k = t
    while (
        k < t + 2
        and lines[k].strip()
        and len(lines[k - 1].strip()) < 45
        and not re.search(r"[\dlIfb]\s*$", lines[k - 1].rstrip()[-1:])
    ):
        if lines[k].strip().endswith(":") or len(lines[k].strip()) > 45:
            break
        k += 1
    return k


def _letters_of(s: str) -> str:
    return "".join(c.lower() for c in s if c.isalpha())


def _note_titles(notes: dict[int, tuple[int, str]]) -> dict[int, str]:
    """Quoted titles of the source notes, with the OCR's spaces before punctuation and ``7`` for ``?`` repaired."""
    out = {}
    for num, (_, text) in notes.items():
        m = re.match(r"^\s*\d{1,3}\s?[.,]\s+[\"'“”]\s*(.*?)[\"”\ufffd]", text)
        if not m:
            continue
        t = re.sub(r"\s+", " ", m.group(1)).strip()
        t = re.sub(r" 7$", "?", t)
        t = re.sub(r"\s+([.?!,:])", r"\1", t).rstrip(".").strip()
        out[num] = t
    return out


def _raw_title(lines: Sequence[str], start: int) -> str:
    """The title lines of the article at ``start`` (after its date line), joined. A title
    continues after a blank line when its line ends with a comma (``To friendly, ...
    skeptical,`` / ``and ...``) or the next short line carries the glued note number
    (``of a terrorist act`` / ``against Comrade Trotsky280``)."""
    i = start
    if parse_date_line(lines[i - 1]):
        i += 1
    while i <= len(lines) and not lines[i - 1].strip():
        i += 1
    parts: list[str] = []
    while i <= len(lines) and len(parts) < 4:
        s = lines[i - 1].strip()
        if not s:
            nxt = lines[i].strip() if i < len(lines) else ""
            # a title broken by a blank line: "of a terrorist act" / "" / "against Comrade Trotsky280"
            if (
                parts
                and nxt
                and not re.search(r"\d$", parts[-1])
                and (parts[-1].endswith(",") or (len(nxt) < 45 and re.search(r"[a-z?'\")]\s?\d{2,3}$", nxt)))
            ):
                i += 1
                continue
            break
        if len(s) > 60 or s.endswith(":"):
            break
        parts.append(s)
        i += 1
    return re.sub(r"\s+", " ", " ".join(parts)).replace("\u00b7", "").strip()


def _recase(note_title: str, raw: str) -> str:
    """The note's words with the raw title's letter case and word breaks.

    >>> _recase("Monatte-Advocate of the Social-Patriots", "Mona tte- Ad voca te of the social-patriots138")
    'Monatte-Advocate of the social-patriots'
    >>> _recase("Some Ideas on the Opposi tion", "Some ideas on the Opposition223")
    'Some ideas on the Opposition'
    """
    raw_letters = [c for c in raw if c.isalpha()]
    raw_breaks = set()  # letter indices before which the raw title breaks the word
    k = 0
    for j, c in enumerate(raw):
        if c.isalpha():
            if j and not raw[j - 1].isalpha():
                raw_breaks.add(k)
            k += 1
    out, k = [], 0
    for j, c in enumerate(note_title):
        if c.isalpha():
            if k in raw_breaks and j and note_title[j - 1].islower() and c.isupper():
                out.append(" ")  # "ofThermidor": the note's OCR lost a space the heading has
            out.append(c.upper() if k < len(raw_letters) and raw_letters[k].isupper() else c.lower())
            k += 1
        elif c == " " and k not in raw_breaks:
            continue  # the note's OCR split a word the raw title writes whole
        else:
            out.append(c)
    t = "".join(out)
    return t[:1].upper() + t[1:]


def _title(lines: Sequence[str], start: int, note_titles: dict[int, str]) -> str:
    """Sentence-case title of the article at ``start`` without its glued note number.

    The article's source note gives the words (its OCR is cleaner than the heading's:
    ``declarationS3``, ``journalisf70``, ``Mona tte-· Ad voca te``); the heading gives the
    case. Without a matching note, trailing note digits are cut.
    """
    raw = _raw_title(lines, start)
    rl = _letters_of(raw)
    best, best_len = None, 0
    for nt in note_titles.values():
        nl = _letters_of(nt)
        if not nl:
            continue
        common = 0
        for a, b in zip(nl, rl):
            if a != b:
                break
            common += 1
        if common >= 0.85 * len(nl) and len(rl) - len(nl) <= 4 and common > best_len:
            best, best_len = nt, common
    if best is not None:
        return _recase(best, raw)
    t = re.sub(r"[\s\d'`]+$", "", raw)
    t = re.sub(r"(\w),$", r"\1'", t) if "'" in t else t  # 'Pravda,218 : the closing quote read as a comma
    return t or f"Article at line {start}"


# --------------------------------------------------------------------------- cleaning: this OCR's own damage

#: Confusions of this scan beyond the generic table: ``11``/``111``/``l11``/``ll1`` for ``m``
#: (``c0111munists``, ``ll1uch``, ``funda111ental``), ``11`` for ``n`` (``betwee11``),
#: ``nn`` for ``rm`` (``fonn``, ``anned``, ``annies``), ``nl``/``Sl``/``ill`` for ``m``
#: (``sinlply``, ``econonlic``, ``tunisill``), ``I1`` for ``n`` (``ecoI1omic``) and U+FFFD for
#: ``e`` or ``c`` (``betwe\ufffdn``, ``arti\ufffdles``).
BOOK_CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("l11", "m"),
    ("ll1", "m"),
    ("111", "m"),
    ("1l1", "m"),
    ("l1", "m"),
    ("11", "m"),
    ("11", "n"),
    ("I1", "n"),
    ("nn", "rm"),
    ("nl", "m"),
    ("Sl", "m"),
    ("SlU", "sm"),
    ("ill", "m"),
    ("lU", "m"),
    ("\ufffd", "e"),
    ("\ufffd", "c"),
    ("0", "o"),
    ("1", "l"),
    ("l", "i"),
    ("T", "t"),
    ("Y", ""),
)
_DAMAGED_TOKEN = re.compile(r"[A-Za-z0-9\ufffd]*[A-Za-z\ufffd][A-Za-z0-9\ufffd]*")


def _book_candidates(tok: str) -> list[str]:
    sites = []
    for bad, good in BOOK_CONFUSIONS:
        start = 0
        while (k := tok.find(bad, start)) != -1:
            sites.append((k, k + len(bad), good))
            start = k + 1
    out = []
    for a in range(len(sites)):
        out.append(tok[: sites[a][0]] + sites[a][2] + tok[sites[a][1] :])
        for b in range(a + 1, len(sites)):
            x, y = sorted((sites[a], sites[b]))
            if x[1] <= y[0]:
                out.append(tok[: x[0]] + x[2] + tok[x[1] : y[0]] + y[2] + tok[y[1] :])
    return out


def fix_book_ocr(text: str, *, lexicon: Lexicon) -> str:
    """Repair this scan's letter confusions that the generic table leaves (see :data:`BOOK_CONFUSIONS`).

    Only tokens the lexicon does not know and that show damage (a digit or U+FFFD among
    letters, a capital after a lower-case letter, ``nn``/``nl``) are touched, and only an
    English word is accepted; names stay.

    >>> from textlab.text.lexicon import Lexicon
    >>> lex = Lexicon(["communists", "much", "between", "form", "armed", "simply", "economic", "articles",
    ...                "fundamental"])
    >>> fix_book_ocr("c0111munists ll1uch betwee11 fonn anned sinlply econonlic arti\ufffdles funda111ental Naville",
    ...              lexicon=lex)
    'communists much between form armed simply economic articles fundamental Naville'
    """

    def repl(m: re.Match[str]) -> str:
        tok = m.group(0)
        if lexicon.known(tok) or len(tok) < 3 or len(tok) > 30:
            return tok
        if not ("\ufffd" in tok or re.search(r"\d", tok) or re.search(r"[a-z][A-Z]|nn|nl", tok)):
            return tok
        best, best_n = None, -1
        for cand in _book_candidates(tok):
            if cand.isalpha() and lexicon.known(cand):
                n = lexicon.count(cand)
                if n > best_n:
                    best, best_n = cand, n
        if best is None:
            return tok
        keep_cap = tok[:1].isupper() and not (len(tok) > 2 and tok[1:].replace("1", "").replace("0", "").isupper())
        return best[:1].upper() + best[1:].lower() if keep_cap else best.lower()

    return _DAMAGED_TOKEN.sub(repl, text)


_NOTE_AFTER_QMARK = re.compile(r"(?<=[?!])\d{1,3}(?=[\s\"')]|$)")
_GLUED_NOTE_AFTER_NAME = re.compile(r"\b([A-Za-z][a-z]{2,})(\d{2,3})(?=[\s,.;:)\-\"']|$)")


def strip_note_numbers_after_names(text: str) -> str:
    """Drop endnote numbers glued to a word, mostly names (``Kasparova54``, ``Muenzenberg30``).

    In this book a number glued after letters is always an endnote marker (the notes run
    1..282; ordinals are written ``22nd``); the generic step only strips it when the bare
    word is known, which names often are not.

    Single digits stay: ``Smera1`` is ``Smeral`` with ``l`` read as ``1``.

    >>> strip_note_numbers_after_names("Kasparova54 and Preobrazhensky130, in 1930 and 22nd; epigones26 Smera1")
    'Kasparova and Preobrazhensky, in 1930 and 22nd; epigones Smera1'
    >>> strip_note_numbers_after_names("the Krestintern ?25 It was")
    'the Krestintern ? It was'
    """
    return _NOTE_AFTER_QMARK.sub("", _GLUED_NOTE_AFTER_NAME.sub(r"\1", text))


def clean(text: str, *, lexicon: Lexicon) -> str:
    """The generic pipeline, then this scan's own repairs, then whitespace again.

    Bracketed editorial insertions (``[the Comintern]``) are left in the text.

    Examples
    --------
    >>> lex = Lexicon(["the", "communists", "and", "in"])
    >>> clean("the c0111munists and Kasparova54 in [the Comintern]", lexicon=lex)
    'the communists and Kasparova in [the Comintern]'
    """
    p = functools.partial
    return _clean.compose(
        _clean.default_pipeline(lexicon),
        p(fix_book_ocr, lexicon=lexicon),
        strip_note_numbers_after_names,
        _clean.normalize_whitespace,
    )(text)
