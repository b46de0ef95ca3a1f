"""Book module: Leon Trotsky, *The Challenge of the Left Opposition (1923-25)*, ed. Naomi Allen (1975).

Layout rules (read off ``trotsky_challenge_of_the_left_opposition_1923-25.txt``, book OCR):

* cover and title pages (before ``CONTENTS``: ``cover``), the contents
  (``contents``); the note about the author, preface and introduction,
  signed "Naomi Allen / December 1974" (``editorial``, Naomi Allen, 1974-12);
* a **selection** opens with an ALL-CAPS title (one or two lines, perhaps
  after ``Appendix A``), a date line, and an editor's ``NOTE: ... —Ed.``
  block; titles and date lines are dropped as ``heading`` (they are the
  rows' metadata), NOTE blocks are ``editorial`` rows by Naomi Allen
  (1975, published). A selection without a date line is dated by the first
  date its NOTE gives (``source_note``);
* inside a selection, ``Preface``, ``Chapter N``, ``Appendix`` and
  ``Appendix N`` open its chapters, and a short title over a date line opens
  a separately dated piece (the two speeches of "On the Defeat of the German
  Revolution", the "Two Statements", the three notes of "A Split in the
  Triumvirate"); all are rows sharing the selection's ``work``,
  dated by a date line or a ``(... in February 1920)`` in their first lines
  (``written``), else by the selection (``inherited``);
* written by others: "Two Generations" (an appendix of *The New Course*,
  eight Young Communists), the Platform of the Forty-six and the Central
  Committee's New Course resolution (appendices A and B);
* the tables of *Toward Capitalism or Socialism?* (``Table 1`` at line 18344
  to the selection's end, printed sideways, OCR mostly mirrored garbage with
  legible numbers and headings) are ``table`` rows, one per ``Table N``;
  elsewhere, runs of lines whose words the lexicon mostly does not know;
* notes, glossary and further reading (``NOTES`` to ``INDEX``) are
  ``notes`` rows by Naomi Allen; ``INDEX`` is ``index``; the publisher's
  list and back cover after it are dropped as ``cover``;
* running heads (``14 Challenge of the Left Opposition (1923-25)``,
  ``Introduction 17``: a short title repeated with page numbers) and lone
  page numbers are dropped wherever they stand.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence

from textlab.text import clean as _clean
from textlab.text.lexicon import Lexicon, english_words
from textlab.text.segment import (
    MONTHS,
    Drop,
    Segmentation,
    SegmentationError,
    Span,
    blank_drops,
    fill_region,
    merge_drops,
    trim_blank,
)

log = logging.getLogger(__name__)

SOURCE = "trotsky_challenge_of_the_left_opposition_1923-25.txt"
BOOK = "The Challenge of the Left Opposition (1923-25)"
AUTHOR = "Leon Trotsky"
EDITOR = "Naomi Allen"

_DATE_LINE = re.compile(r"^\s*(?:([A-Z][a-z]+)\s+)?([A-Z][a-z]+)\s+(?:(\d{1,2})(?:-\d{1,2})?,\s*)?(19[12]\d)\s*$")
_DATE_TEXT = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:\d{1,2}(?:-\d{1,2})?,\s*)?(19[12]\d)\b"
)
_CAPS = re.compile(r"^[A-Z0-9][A-Z0-9 ’'‘“”\",:;?.—&-]{5,}\s*$")
_CHAPTER = re.compile(r"^(Preface|Chapter \d{1,2}|Appendix(?: \d)?)\s*$")
_PAGE = re.compile(r"^\s*\d{1,3}\s*$")
_EVEN_HEAD = re.compile(r"^\s*\d{1,3}\s+Challenge of the Left Opposition")
_ODD_HEAD = re.compile(r"^(.{3,55}?)\s+(\d{1,3})\s*$")

#: Selections and chapters written by others than Trotsky (matched in their title).
#: The paper through which the two 1923 letters survive (it quotes, paraphrases and summarises them).
VESTNIK = "Sotsialistichesky Vestnik"
_NUMBERED = re.compile(r"^\d{1,2}\.\s")
_QUOTE_OPEN = re.compile(r"^\d{1,2}\.\s+[“\"‘']")

OTHER_AUTHORS = {
    "FORTY-SIX": "The Forty-six",
    "NEW COURSE RESOLUTION": "Central Committee of the RCP",
    "Two Generations": "Eight Young Communists",
}


def parse_date(line: str) -> str | None:
    """YYYY-MM from a date line (``October 8, 1923``, ``December 1923``), else None.

    >>> parse_date("October 8, 1923 "), parse_date("December 1923"), parse_date("In December 1923 we")
    ('1923-10', '1923-12', None)
    """
    m = _DATE_LINE.match(line)
    if not m or m.group(2).lower() not in MONTHS or (m.group(1) and m.group(1).lower() not in ("published", "written")):
        return None
    return f"{m.group(4)}-{MONTHS.index(m.group(2).lower()) + 1:02d}"


def date_in_text(text: str) -> str | None:
    """First ``Month [day,] year`` in ``text`` as YYYY-MM.

    >>> date_in_text("(A Proposal Made to the Central Committee of the Party in February 1920)")
    '1920-02'
    """
    m = _DATE_TEXT.search(text)
    return f"{m.group(2)}-{MONTHS.index(m.group(1).lower()) + 1:02d}" if m else None


def running_heads(lines: Sequence[str]) -> set[str]:
    """Short titles that recur at line ends with page numbers (the odd-page running heads).

    Examples
    --------
    >>> running_heads(["The New Course 21", "The party lives.", "The New Course 23", "Chapter 3",
    ...                "The New Course 25", "Chapter 4", "Chapter 5", "Introduction 17"])
    {'The New Course'}
    """
    c: Counter[str] = Counter()
    for s in lines:
        m = _ODD_HEAD.match(s.strip())
        if m and not re.search(r"[.,;:]$", m.group(1)) and m.group(1)[:1].isupper():
            c[m.group(1)] += 1
    # "Chapter 7", "Appendix 2", "Table 3" recur with numbers too, but they open chapters and tables
    return {t for t, k in c.items() if k >= 3 and t not in ("Chapter", "Appendix", "Table")}


def _furniture(lines: Sequence[str], start: int, end: int, heads: set[str]) -> list[Drop]:
    out = []
    for i in range(start, end + 1):
        s = lines[i - 1].strip()
        if not s:
            continue
        if _EVEN_HEAD.match(s):
            out.append(Drop(i, i, "running_head"))
            continue
        m = _ODD_HEAD.match(s)
        if m and any(m.group(1).endswith(h) for h in heads):
            out.append(Drop(i, i, "running_head"))
        elif _PAGE.match(s):
            out.append(Drop(i, i, "page_number"))
    return out


def _selection_heads(lines: Sequence[str], start: int, end: int) -> list[tuple[int, int]]:
    """(first, last) line of each selection title: caps lines followed by a date line or NOTE."""
    out: list[tuple[int, int]] = []
    i = start
    while i <= end:
        s = lines[i - 1].strip()
        if _CAPS.match(s) and re.search(r"[A-Z]{3}", s) and not _EVEN_HEAD.match(s):
            first = i
            if i > 1 and re.match(r"^Appendix [A-Z]\s*$", lines[i - 2].strip()):
                first = i - 1
            last = i
            k = i + 1
            while k <= end and (not lines[k - 1].strip() or _CAPS.match(lines[k - 1].strip())) and k - last <= 2:
                if lines[k - 1].strip():
                    last = k
                k += 1
            ahead = [lines[j - 1].strip() for j in range(last + 1, min(end, last + 8) + 1) if lines[j - 1].strip()]
            if ahead and (parse_date(ahead[0]) or ahead[0].startswith("NOTE:")):
                out.append((first, last))
                i = last + 1
                continue
        i += 1
    return out


def _table_runs(lines: Sequence[str], start: int, end: int, english: frozenset[str]) -> list[tuple[int, int]]:
    """Runs of mirrored garbage: lines whose words (3+ letters) are mostly unknown to the lexicon."""
    bad = []
    for i in range(start, end + 1):
        words = re.findall(r"[A-Za-z]{3,}", lines[i - 1])
        if len(words) >= 2 and sum(w.lower() in english for w in words) / len(words) < 0.34:
            bad.append(i)
    runs: list[list[int]] = []
    for i in bad:
        if runs and i - runs[-1][1] <= 6:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return [(a, b) for a, b in runs if b - a >= 15]


def _piece_marks(lines: Sequence[str], start: int, end: int, heads: set[str]) -> list[int]:
    """First lines of a selection's chapters and pieces: ``Preface``, ``Chapter N``, ``Appendix [N]``,
    and a short title line whose next non-blank line is a date line (the separately dated pieces of
    "On the Defeat of the German Revolution", "Two Statements" and "A Split in the Triumvirate").
    A titled date line just after a chapter mark belongs to that chapter."""
    marks: list[int] = []
    since = 99  # non-blank lines since the last mark
    for j in range(start, end + 1):
        s = lines[j - 1].strip()
        if not s:
            continue
        since += 1
        if _CHAPTER.match(lines[j - 1]):
            marks.append(j)
            since = 0
            continue
        if since <= 5 or len(s) > 60 or re.search(r"[.,;:]$", s) or not s[:1].isupper() or parse_date(s):
            continue
        if (head := _ODD_HEAD.match(s)) and any(head.group(1).endswith(h) for h in heads):
            continue
        nxt = next((lines[k - 1] for k in range(j + 1, min(end, j + 4) + 1) if lines[k - 1].strip()), "")
        if parse_date(nxt):
            marks.append(j)
            since = 0
    return marks


_TABLE_HEAD = re.compile(r"^Table (\d{1,2})\s*$")


def _table_zone(lines: Sequence[str], start: int, end: int) -> list[tuple[int, int]]:
    """The appended tables of a selection: from its ``Table 1`` heading to the selection's end,
    one table per ``Table N`` heading (``Table 1, continued.`` stays with table 1). The scan
    printed them sideways, so the OCR is mostly mirrored garbage with legible numbers and
    headings; they are all ``table`` rows, none is prose."""
    heads = [j for j in range(start, end + 1) if _TABLE_HEAD.match(lines[j - 1].strip())]
    first = _TABLE_HEAD.match(lines[heads[0] - 1].strip()) if heads else None
    if first is None or first.group(1) != "1":
        return []
    out = []
    for k, j in enumerate(heads):
        t = trim_blank(lines, j, (heads[k + 1] - 1) if k + 1 < len(heads) else end)
        if t:
            out.append(t)
    return out


def segment(lines: Sequence[str]) -> Segmentation:
    """Front matter, selections with NOTE blocks and chapters, documents by others, tables, notes, index.

    Examples
    --------
    A miniature of the book: cover, contents, the editor's front matter, one dated selection with its
    NOTE and a page number inside, notes, index and the publisher's list:

    >>> lines = ["THE CHALLENGE", "CONTENTS", "The New Course 9", "LEON TROTSKY was born in 1879.", "Naomi Allen",
    ...          "December 1974", "", "THE NEW COURSE", "December 8, 1923", "", "NOTE: Written for Pravda. —Ed.", "",
    ...          "Comrades, the party lives.", "10", "It must change.", "NOTES", "1. A note.", "INDEX",
    ...          "Allen, Naomi, 5", "BOOKS AND PAMPHLETS BY LEON TROTSKY", "The Revolution Betrayed"]
    >>> seg = segment(lines)
    >>> [(s.line_start, s.line_end, s.kind, s.author, s.date) for s in seg.spans]  # doctest: +NORMALIZE_WHITESPACE
    [(4, 6, 'editorial', 'Naomi Allen', '1974-12'), (11, 11, 'editorial', 'Naomi Allen', '1975'),
     (13, 15, 'primary', 'Leon Trotsky', '1923-12'), (16, 17, 'notes', 'Naomi Allen', '1975'),
     (18, 19, 'index', 'Naomi Allen', '1975')]
    >>> [(d.line_start, d.line_end, d.reason) for d in seg.drops if d.reason != "blank"]
    [(1, 1, 'cover'), (2, 3, 'contents'), (8, 9, 'heading'), (14, 14, 'page_number'), (20, 21, 'cover')]
    """
    n = len(lines)

    def find(pattern: str, start: int = 1, end: int | None = None) -> int:
        rx = re.compile(pattern)
        for i in range(start, (end or n) + 1):
            if rx.search(lines[i - 1]):
                return i
        raise SegmentationError(f"{SOURCE}: no line matching {pattern!r} after line {start}")

    contents = find(r"^CONTENTS\s*$")
    born = find(r"^LEON TROTSKY was born")
    about = born  # the note about the author has no heading; the contents' page-number column ends just above it
    signed = find(r"^December 1974\s*$", born)
    notes_at = find(r"^NOTES\s*$", signed)
    index_at = find(r"^INDEX\s*$", notes_at)
    books_at = find(r"^BOOKS AND PAMPHLETS BY LEON TROTSKY", index_at)
    heads = running_heads(lines)
    english = english_words()

    spans: list[Span] = []
    drops: list[Drop] = []
    drops += [Drop(i, i, "cover") for i in range(1, contents) if lines[i - 1].strip()]
    drops += blank_drops(lines, 1, contents - 1)
    drops += [Drop(i, i, "contents") for i in range(contents, about) if lines[i - 1].strip()]
    drops += blank_drops(lines, contents, about - 1)

    sels = _selection_heads(lines, signed + 1, notes_at - 1)
    if not sels:
        raise SegmentationError(f"{SOURCE}: no selection titles found")

    def region(a: int, b: int, make, inner=()) -> None:
        fur = _furniture(lines, a, b, heads)
        s2, d2 = fill_region(lines, a, b, list(inner), make)
        spans.extend(s2)
        drops.extend(d2 + fur)

    # editor's front matter: note about the author, preface, introduction
    region(
        about,
        sels[0][0] - 1,
        lambda a, b: Span(
            a,
            b,
            "editorial",
            EDITOR,
            "Challenge 1923-25, Editor's front matter",
            "Note about the author, Preface, Introduction",
            "1974-12",
            "written",
        ),
    )

    for k, (h0, h1) in enumerate(sels):
        end = (sels[k + 1][0] - 1) if k + 1 < len(sels) else notes_at - 1
        title = " ".join(lines[i - 1].strip() for i in range(h0, h1 + 1) if lines[i - 1].strip())
        title = re.sub(r"^Appendix [A-Z] ", "", title).title().replace("’S", "’s").replace("'S", "'s")
        work = f"Challenge 1923-25, {title}"
        author = next((v for key, v in OTHER_AUTHORS.items() if key.lower() in title.lower()), AUTHOR)
        drops.extend(Drop(i, i, "heading") for i in range(h0, h1 + 1) if lines[i - 1].strip())
        drops.extend(blank_drops(lines, h0, h1))
        pos = h1 + 1
        date, basis = None, "written"
        nxt = next(j for j in range(pos, end + 1) if lines[j - 1].strip())
        if parse_date(lines[nxt - 1]):
            date = parse_date(lines[nxt - 1])
            drops.extend(blank_drops(lines, pos, nxt - 1))
            drops.append(Drop(nxt, nxt, "heading"))
            pos = nxt + 1
        note_start = next((j for j in range(pos, min(end, pos + 10) + 1) if lines[j - 1].startswith("NOTE:")), None)
        if note_start is not None:
            note_end = find(r"[—-]\s?Ed\.\s*$", note_start, end)
            drops.extend(blank_drops(lines, pos, note_start - 1))
            note_text = " ".join(lines[j - 1] for j in range(note_start, note_end + 1))
            region(
                note_start,
                note_end,
                lambda a, b, _w=work, _t=title: Span(
                    a, b, "editorial", EDITOR, _w, f"{_t}: editor's note", "1975", "published"
                ),
            )
            pos = note_end + 1
            if date is None:
                date, basis = date_in_text(note_text), "source_note"
        if date is None:
            raise SegmentationError(f"{SOURCE} line {h0}: selection {title!r} has no date line and no dated NOTE")
        # chapters
        marks = _piece_marks(lines, pos, end, heads)
        bounds = [pos] + marks
        tables = _table_zone(lines, pos, end) or _table_runs(lines, pos, end, english)
        for c, a in enumerate(bounds):
            b = (bounds[c + 1] - 1) if c + 1 < len(bounds) else end
            if b < a:
                continue
            fur = {i for d in _furniture(lines, a, b, heads) for i in range(d.line_start, d.line_end + 1)}
            if all(i in fur or not lines[i - 1].strip() for i in range(a, b + 1)):
                # only page furniture before the first piece: no row
                drops.extend(_furniture(lines, a, b, heads) + blank_drops(lines, a, b))
                continue
            head = [lines[j - 1].strip() for j in range(a, min(b, a + 8) + 1) if lines[j - 1].strip()]
            ch_title = title
            c_author = author
            c_date, c_basis = date, ("inherited" if c > 0 else basis)
            if a in marks:
                ch_title = f"{title}: {' '.join([h for h in head[:2] if not parse_date(h)])}"
                for key, v in OTHER_AUTHORS.items():
                    if key.lower() in " ".join(head[:3]).lower():
                        c_author = v
                for h in head[1:6]:
                    d = parse_date(h) or (date_in_text(h) if h.endswith(")") else None)
                    if d:
                        c_date, c_basis = d, "written"
                        break
            inner = [
                Span(
                    x,
                    y,
                    "table",
                    c_author,
                    work,
                    f"{ch_title}: " + (lines[x - 1].strip() if _TABLE_HEAD.match(lines[x - 1].strip()) else "table"),
                    c_date,
                    c_basis,
                )
                for x, y in tables
                if a <= x and y <= b
            ]
            if note_start is not None and "Vestnik" in note_text:
                c_author, inner = VESTNIK, _vestnik_quotes(lines, a, b, work, ch_title, c_date)
            region(
                a,
                b,
                lambda p, q, _w=work, _t=ch_title, _a=c_author, _d=c_date, _b=c_basis: Span(
                    p, q, "primary", _a, _w, _t, _d, _b
                ),
                inner,
            )

    region(
        notes_at,
        index_at - 1,
        lambda a, b: Span(
            a,
            b,
            "notes",
            EDITOR,
            "Challenge 1923-25, Notes",
            "Notes, glossary and further reading",
            "1975",
            "published",
        ),
    )
    region(
        index_at,
        books_at - 1,
        lambda a, b: Span(a, b, "index", EDITOR, "Challenge 1923-25, Index", "Index", "1975", "published"),
    )
    drops += [Drop(i, i, "cover") for i in range(books_at, n + 1) if lines[i - 1].strip()]
    drops += blank_drops(lines, books_at, n)
    drops = merge_drops(drops)
    log.info("%s: %d selections, %d rows", SOURCE, len(sels), len(spans))
    return Segmentation(spans, drops)


def _vestnik_quotes(lines: Sequence[str], a: int, b: int, work: str, title: str, date: str) -> list[Span]:
    """Numbered paragraphs of a letter known through the Vestnik that open with a quotation mark:
    Trotsky's own words, quoted by the paper (``quotation`` rows). The others paraphrase or summarise."""
    starts = [j for j in range(a, b + 1) if _NUMBERED.match(lines[j - 1])]
    out = []
    for k, j in enumerate(starts):
        if not _QUOTE_OPEN.match(lines[j - 1]):
            continue
        end = (starts[k + 1] - 1) if k + 1 < len(starts) else b
        t = trim_blank(lines, j, end)
        if t:
            out.append(Span(t[0], t[1], "quotation", VESTNIK, work, f"{title}: quoted", date, "written", AUTHOR))
    return out


_SCAN_ERRORS = {"sovict": "soviet", "Sovict": "Soviet"}
_SCAN_ERRORS_RE = re.compile(r"\b(" + "|".join(_SCAN_ERRORS) + r")\b")


def fix_scan_errors(text: str) -> str:
    """OCR misreadings of this scan that the generic corrector leaves (``sovict`` for ``soviet``, line 10753).

    >>> fix_scan_errors("notized by sovict legality")
    'notized by soviet legality'
    """
    return _SCAN_ERRORS_RE.sub(lambda m: _SCAN_ERRORS[m.group(1)], text)


def clean(text: str, *, lexicon: Lexicon) -> str:
    """The generic pipeline (hyphenated line ends, OCR errors, page breaks), then this scan's OCR errors.

    Examples
    --------
    >>> clean("the sovict Com-\\nmunist party", lexicon=Lexicon(["the", "communist", "party"]))
    'the soviet Communist party'
    """
    return _clean.compose(_clean.default_pipeline(lexicon), fix_scan_errors)(text)
