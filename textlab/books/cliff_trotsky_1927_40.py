"""Book module: Tony Cliff, *Trotsky: The Darker the Night the Brighter the Star, 1927-1940* (1993).

Raw file ``cliff_1993_trotsky_darker_the_night.txt``: a clean ebook of the
Marxists Internet Archive transcription. Paragraphs are not separated by
blank lines; blank lines are page breaks.

Layout rules (read off the file):

* lines 1-17: cover and transcription notes (``cover``); ``Contents`` to the
  line before ``Acknowledgements``: the table of contents (``contents``);
  the acknowledgements, signed "Tony Cliff / April 1993" (``front_matter``);
* ``Introduction`` then chapters headed ``1. Title`` (from chapter 2 on the
  heading begins with a space; a long heading wraps onto a second line);
  the introduction ends with its ``Notes`` (the only endnotes present:
  ``notes``); a chapter may end with a ``Footnote``/``Footnotes`` section
  of the author's starred notes (``notes``). ``Footnote to the 'French
  Turn'`` and ``The Legacy`` are sections of the text, not notes;
* **block quotations** carry no quote marks: they follow a lead-in line
  ending in a colon, their lines are at most about 68 characters wide
  (Cliff's own reach 69-72), and they end with a note marker ``[n]``.
  A run after a lead-in is a quotation when it reaches a note marker
  within :data:`MAX_QUOTE_LINES` lines and at most one of its lines is
  wider than 68 characters (lines over 90 are unwrapped paragraphs of the
  ebook and say nothing about width). The quoted author is the person the
  lead-in names (``Trotsky wrote:``, ``As Reiman put it:``); for ``he
  wrote:`` the last person named in the lines before; None if no one is.

Every row's author is Tony Cliff, dated 1993 (``published``); the
acknowledgements are dated April 1993 (``written``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from textlab.text import clean as _clean
from textlab.text.lexicon import Lexicon
from textlab.text.segment import Drop, Segmentation, SegmentationError, Span, blank_drops, fill_region, trim_blank

log = logging.getLogger(__name__)

SOURCE = "cliff_1993_trotsky_darker_the_night.txt"
BOOK = "Trotsky: The Darker the Night the Brighter the Star, 1927-1940"
AUTHOR = "Tony Cliff"
DATE = "1993"

#: Widest line of a block quotation, in characters.
QUOTE_WIDTH = 68
#: Longest block quotation searched for, in lines.
MAX_QUOTE_LINES = 120

_CHAPTER = re.compile(r"^ ?(\d{1,2})\. ([A-Z].*\S)\s*$")
_NOTES_HEAD = re.compile(r"^(Notes|Footnotes?)\s*$")
_MARKER = re.compile(r"\[\d+\*?\]\s*$")

#: Names a lead-in may give, and the canonical name of the quoted author.
QUOTED_NAMES: dict[str, str] = {
    "Trotsky": "Leon Trotsky",
    "Stalin": "Joseph Stalin",
    "Bukharin": "Nikolai Bukharin",
    "Lenin": "V.I. Lenin",
    "Rakovsky": "Christian Rakovsky",
    "Natalia": "Natalia Sedova",
    "Sedova": "Natalia Sedova",
    "Sedov": "Leon Sedov",
    "Lyova": "Leon Sedov",
    "Zinoviev": "Grigory Zinoviev",
    "Kamenev": "Lev Kamenev",
    "Radek": "Karl Radek",
    "Preobrazhensky": "Evgeny Preobrazhensky",
    "Molotov": "Vyacheslav Molotov",
    "Kaganovich": "Lazar Kaganovich",
    "Deutscher": "Isaac Deutscher",
    "Serge": "Victor Serge",
    "Reiman": "Michal Reiman",
    "Carr": "E.H. Carr",
    "Nove": "Alec Nove",
    "Marx": "Karl Marx",
    "Engels": "Friedrich Engels",
    "Hitler": "Adolf Hitler",
    "Thaelmann": "Ernst Thaelmann",
    "Shachtman": "Max Shachtman",
    "Cannon": "James P. Cannon",
    "Glotzer": "Albert Glotzer",
    "Nin": "Andres Nin",
    "Victor Serge": "Victor Serge",
    "Ciliga": "Ante Ciliga",
    "Souvarine": "Boris Souvarine",
    "Molinier": "Raymond Molinier",
    "Naville": "Pierre Naville",
    "Rosmer": "Alfred Rosmer",
    "Kirov": "Sergei Kirov",
    "Vyshinsky": "Andrei Vyshinsky",
    "Khrushchev": "Nikita Khrushchev",
    "Blum": "Leon Blum",
    "Thorez": "Maurice Thorez",
    "Dewey": "John Dewey",
    "Kollontai": "Alexandra Kollontai",
    "Pyatakov": "Yuri Pyatakov",
    "Smilga": "Ivar Smilga",
    "Sosnovsky": "Lev Sosnovsky",
    "Joffe": "Adolf Joffe",
    "Urbahns": "Hugo Urbahns",
    "Brandler": "Heinrich Brandler",
    "Walcher": "Jakob Walcher",
}
_NAME_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, QUOTED_NAMES), key=len, reverse=True)) + r")(?:'s|’s)?\b")


_SPEECH = re.compile(
    r"((?:[A-Z][\w'.-]+ ){0,2}[A-Z][\w'-]+)(?:,[^,:]{1,80},)? (?:himself |herself |also |then |later )?"
    r"(?:writes|wrote|said|says|stated|states|adds|added|declared|explained|argued|put it|recalled|remembered|"
    r"commented|concluded|summed up|noted|notes|remarked|told|replied|answered|insisted|warned|asked|continued)\b"
)
_NOT_NAMES = {
    "The",
    "In",
    "And",
    "But",
    "As",
    "On",
    "At",
    "When",
    "This",
    "It",
    "He",
    "She",
    "They",
    "We",
    "A",
    "An",
    "Then",
    "So",
    "Thus",
    "Later",
    "Here",
    "There",
    "What",
    "Yet",
    "One",
    "If",
    "His",
    "Her",
    "Their",
}
_SENTENCE_START = re.compile(r"(?:[.!?]['\u2019\"]?(?: \[\d+\*?\])?) (?=[A-Z'\u2018])")


def quoted_author(lead_in: str, before: str = "") -> str | None:
    """Whose words follow a lead-in: the speaker it names, or for ``he``/``she`` the last named before.

    ``lead_in`` is the text up to the colon (several lines joined); only its
    last sentence counts. A name before a verb of speech wins (``Craipeau
    writes:``, ``Nin himself stated:``); names in :data:`QUOTED_NAMES` are
    given canonically, others as written.

    >>> quoted_author("ruling class, the bureaucracy. As Reiman put it:")
    'Michal Reiman'
    >>> quoted_author("In a letter of 28 January 1928, Trotsky wrote:")
    'Leon Trotsky'
    >>> quoted_author("quite the contrary. Craipeau writes:")
    'Craipeau'
    >>> quoted_author("he wrote:", before="Trotsky was in Alma Ata. In May")
    'Leon Trotsky'
    >>> quoted_author("The resolution said:") is None
    True
    """
    lead_in = lead_in.replace("\u2019", "'")
    sentence = _SENTENCE_START.split(lead_in)[-1]
    for m in reversed(list(_SPEECH.finditer(sentence))):
        words = [w for w in m.group(1).split() if w not in _NOT_NAMES]
        if not words:
            continue
        name = " ".join(words)
        if name.endswith("'s"):
            name = name[:-2]
        if words[-1] in QUOTED_NAMES:
            return QUOTED_NAMES[words[-1]]
        if name in QUOTED_NAMES:
            return QUOTED_NAMES[name]
        if _NAME_RE.search(name) is None and not any(w.isupper() for w in words):
            return name
    names = _NAME_RE.findall(sentence)
    if names:
        return QUOTED_NAMES[names[-1]]
    if re.search(r"\b(he|she|He|She|his|her|His|Her)\b", sentence):
        names = _NAME_RE.findall(before.replace("\u2019", "'"))
        if names:
            return QUOTED_NAMES[names[-1]]
    return None


def find_block_quote(lines: Sequence[str], lead: int, stop: int) -> int | None:
    """Last line of the block quotation after the lead-in on line ``lead`` (1-based), or None.

    The run must reach a line ending in a note marker ``[n]`` before
    ``stop`` and within :data:`MAX_QUOTE_LINES` lines, and have at most one
    line wider than :data:`QUOTE_WIDTH` (ignoring lines over 90 wide).

    Examples
    --------
    >>> find_block_quote(["Stalin replied:", "A line of the quotation", "", "and its end. [3]"], 1, 4)
    4
    >>> wide = "x" * 80   # wider than QUOTE_WIDTH: Cliff's own lines
    >>> find_block_quote(["He wrote:", wide, wide, "the end. [3]"], 1, 4) is None
    True
    """
    wide = 0
    n_text = 0
    for j in range(lead + 1, min(stop, lead + MAX_QUOTE_LINES) + 1):
        s = lines[j - 1].rstrip()
        if not s:
            continue
        if _CHAPTER.match(lines[j - 1]) or _NOTES_HEAD.match(s):
            return None
        n_text += 1
        if QUOTE_WIDTH < len(s) <= 90:
            wide += 1
            if wide > 1:
                return None
        if _MARKER.search(s):
            if n_text == 1 and len(s) < 8:
                return None  # only the marker: the lead-in was the quotation's end
            return j
        if s.endswith(":") and n_text > 1:
            return None  # a new lead-in before any marker: Cliff's text
    return None


def _find(lines: Sequence[str], pattern: str, start: int = 1) -> int:
    rx = re.compile(pattern)
    for i in range(start, len(lines) + 1):
        if rx.match(lines[i - 1]):
            return i
    raise SegmentationError(f"{SOURCE}: no line matching {pattern!r} after line {start}")


def _chapters(lines: Sequence[str], start: int) -> list[tuple[int, int, str]]:
    """(heading line, number, title) of chapters 1..15."""
    out = []
    expect = 1
    for i in range(start, len(lines) + 1):
        m = _CHAPTER.match(lines[i - 1])
        if m and int(m.group(1)) == expect and (i + 1 > len(lines) or not lines[i].startswith(f"{expect + 1}.")):
            title = m.group(2)
            nxt = lines[i].strip() if i < len(lines) else ""
            if nxt and len(nxt) < 20 and nxt[0].isupper() and not nxt.endswith("."):
                title += " " + nxt  # a heading wrapped onto a second line ("... to Take" / "Off")
            out.append((i, expect, title.replace("’", "'")))
            expect += 1
    if len(out) != 15:
        raise SegmentationError(f"{SOURCE}: found {len(out)} chapter headings, expected 15")
    return out


def segment(lines: Sequence[str]) -> Segmentation:
    """Cover, contents, acknowledgements, introduction, 15 chapters, their quotations and notes.

    Examples
    --------
    A miniature of the book's layout, with one block quotation in chapter 1:

    >>> lines = ["Cover", "Contents", "Introduction", "Acknowledgements", "Thanks to all.", "Tony Cliff / April 1993",
    ...          "", "Introduction", "Intro text.", "Notes", "[1] A source.",
    ...          "1. Exile", "Trotsky left Moscow in 1928.", "As Trotsky wrote:", "The Opposition lives. [1]", "Cliff."]
    >>> lines += [line for k in range(2, 16) for line in (f" {k}. Chapter {k}", "Text.")]
    >>> seg = segment(lines)
    >>> [(s.kind, s.line_start, s.line_end, s.work) for s in seg.spans[:4]]  # doctest: +NORMALIZE_WHITESPACE
    [('front_matter', 4, 6, 'Acknowledgements'), ('primary', 8, 9, 'Cliff 1993, Introduction'),
     ('notes', 10, 11, 'Cliff 1993, Introduction'), ('primary', 12, 14, 'Cliff 1993, ch. 1: Exile')]
    >>> [(s.line_start, s.quoted_author) for s in seg.spans if s.kind == "quotation"]
    [(15, 'Leon Trotsky')]
    >>> len(seg.spans), [(d.line_start, d.reason) for d in seg.drops]
    (20, [(1, 'cover'), (2, 'contents'), (3, 'contents'), (7, 'blank')])
    """
    n = len(lines)
    contents = _find(lines, r"^Contents\s*$")
    ack = _find(lines, r"^Acknowledgements\s*$", contents)
    intro = _find(lines, r"^Introduction\s*$", ack)
    chapters = _chapters(lines, intro)
    spans: list[Span] = []
    drops: list[Drop] = []
    drops += [Drop(i, i, "cover") for i in range(1, contents) if lines[i - 1].strip()]
    drops += blank_drops(lines, 1, contents - 1)
    drops += [Drop(i, i, "contents") for i in range(contents, ack) if lines[i - 1].strip()]
    drops += blank_drops(lines, contents, ack - 1)
    t = trim_blank(lines, ack, intro - 1)
    assert t is not None
    spans.append(Span(t[0], t[1], "front_matter", AUTHOR, "Acknowledgements", "Acknowledgements", "1993-04", "written"))
    drops += blank_drops(lines, t[1] + 1, intro - 1)

    # units: (start, end, number, title); the introduction is number 0
    units = [(intro, chapters[0][0] - 1, 0, "Introduction")]
    for k, (line, num, title) in enumerate(chapters):
        end = chapters[k + 1][0] - 1 if k + 1 < len(chapters) else n
        units.append((line, end, num, title))

    n_quotes = 0
    for start, end, num, title in units:
        work = f"Cliff 1993, {'Introduction' if num == 0 else f'ch. {num}: {title}'}"
        notes_at = next((i for i in range(start + 1, end + 1) if _NOTES_HEAD.match(lines[i - 1])), None)
        body_end = (notes_at - 1) if notes_at else end
        quotes: list[Span] = []
        i = start + 1
        while i <= body_end:
            s = lines[i - 1].rstrip()
            if s.endswith(":") and len(s) > 3:
                q_end = find_block_quote(lines, i, body_end)
                if q_end is not None:
                    q = trim_blank(lines, i + 1, q_end)
                    assert q is not None
                    lead = " ".join(x.strip() for x in lines[max(start, i - 4) - 1 : i])
                    before = " ".join(lines[max(start, i - 12) - 1 : i - 4])
                    who = quoted_author(lead, before)
                    quotes.append(
                        Span(q[0], q[1], "quotation", AUTHOR, work, f"{title}: quotation", DATE, "published", who)
                    )
                    i = q_end + 1
                    continue
            i += 1
        n_quotes += len(quotes)

        def make(a: int, b: int, _w: str = work, _t: str = title) -> Span:
            return Span(a, b, "primary", AUTHOR, _w, _t, DATE, "published")

        s2, d2 = fill_region(lines, start, body_end, quotes, make)
        spans += s2
        drops += d2
        if notes_at:
            t = trim_blank(lines, notes_at, end)
            assert t is not None
            label = "Notes" if lines[notes_at - 1].strip() == "Notes" else "Footnotes"
            spans.append(Span(t[0], t[1], "notes", AUTHOR, work, f"{title}: {label}", DATE, "published"))
            drops += blank_drops(lines, t[1] + 1, end)
    log.info("%s: %d rows, %d block quotations", SOURCE, len(spans), n_quotes)
    return Segmentation(spans, sorted(drops, key=lambda d: d.line_start))


_MARKERS = re.compile(r"\s?\[\d+\*?\]")
_YEAR_PAIR = re.compile(r"\b(1[89]\d\d)(\d\d)\b")


def strip_note_markers(text: str) -> str:
    """Remove endnote ``[12]`` and footnote ``[3*]`` markers (the notes are rows of their own).

    >>> strip_note_markers("by Stalin'. [1] Zina's sister [3*] died")
    "by Stalin'. Zina's sister died"
    """
    return _MARKERS.sub("", text)


def split_year_pairs(text: str) -> str:
    """Restore the hyphen of year ranges that lost it (``192930`` -> ``1929-30``).

    Only when the second year follows the first (``1929`` -> ``30``).

    >>> split_year_pairs("in 192930 and 1928-9, not 193012")
    'in 1929-30 and 1928-9, not 193012'
    """

    def repl(m: re.Match[str]) -> str:
        first, second = m.group(1), m.group(2)
        return f"{first}-{second}" if 0 < int(second) - int(first[2:]) <= 10 else m.group(0)

    return _YEAR_PAIR.sub(repl, text)


def clean(text: str, *, lexicon: Lexicon) -> str:
    """Note markers and year ranges (this book's), then the generic pipeline.

    Examples
    --------
    >>> clean("In 192930 the Op-\\nposition [12] grew.", lexicon=Lexicon(["in", "the", "opposition", "grew"]))
    'In 1929-30 the Opposition grew.'
    """
    return _clean.compose(strip_note_markers, split_year_pairs, _clean.default_pipeline(lexicon))(text)
