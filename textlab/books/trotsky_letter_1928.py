"""Book module: Trotsky, *On the Situation in Russia: A Letter to a Comrade* (1928).

Raw file ``trotsky_letter_on_the_situation_in_russia_1928.txt`` is a clean web
transcription (Trotsky Internet Archive): an archive header (title lines and
the "Written / First Published / Translated / Transcription" block), an
editors' note by *The Militant* (February 1929), then the letter, dated
"Alma-Ata, October 21, 1928", in ten sections with crossheads, and a footer.

Rules:

* lines before the first "Written:" line are the archive's title block
  (dropped as ``heading``); the "Written/First Published/..." lines and the
  "Last updated on" footer are ``archive_furniture``;
* the paragraphs between the header and the dateline ``Alma-Ata, ...`` are
  the editors' note (``editorial``, The Militant, 1929-02, from the
  "First Published" line);
* from the dateline on it is the letter (``primary``, Leon Trotsky, 1928-10,
  from the dateline).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from textlab.text import clean as _clean
from textlab.text.lexicon import Lexicon
from textlab.text.segment import MONTHS, Drop, Segmentation, SegmentationError, Span, blank_drops

log = logging.getLogger(__name__)

SOURCE = "trotsky_letter_on_the_situation_in_russia_1928.txt"
BOOK = "On the Situation in Russia: A Letter to a Comrade (1928)"

_MONTHS = {m: i for i, m in enumerate(MONTHS, 1)}
_DATELINE = re.compile(r"^Alma-Ata, (\w+) (\d{1,2}), (\d{4})\s*$")
_PUBLISHED = re.compile(r"^First Published:.*?(\d{1,2}) (\w+) (\d{4})")
_FURNITURE = re.compile(r"^(Written|First Published|Translated|Transcription/HTML Markup|Last updated on):")


def _find(lines: Sequence[str], pattern: re.Pattern[str], what: str) -> int:
    for i, line in enumerate(lines, 1):
        if pattern.search(line):
            return i
    raise SegmentationError(f"{SOURCE}: no {what} line found")


def segment(lines: Sequence[str]) -> Segmentation:
    """Split the archive page into the editors' note and the letter.

    Examples
    --------
    A page laid out as the archive's (header, editors' note, dated letter, footer):

    >>> lines = ["On the Situation in Russia", "", "Written: 21 October 1928",
    ...          "First Published: The Militant, 1 February 1929", "", "We print the letter below.", "",
    ...          "Alma-Ata, October 21, 1928", "Dear Comrade,", "", "Last updated on: 1 May 2020"]
    >>> seg = segment(lines)
    >>> [(s.kind, s.line_start, s.line_end, s.date, s.date_basis) for s in seg.spans]
    [('editorial', 5, 6, '1929-02', 'published'), ('primary', 8, 9, '1928-10', 'written')]
    >>> [(d.line_start, d.reason) for d in seg.drops if d.reason != "blank"]
    [(1, 'heading'), (3, 'archive_furniture'), (4, 'archive_furniture'), (11, 'archive_furniture')]
    """
    n = len(lines)
    written = _find(lines, re.compile(r"^Written:"), "'Written:'")
    pub_line = _find(lines, _PUBLISHED, "'First Published:'")
    m = _PUBLISHED.search(lines[pub_line - 1])
    assert m is not None
    pub_date = f"{m.group(3)}-{_MONTHS[m.group(2).lower()]:02d}"
    dl = _find(lines, _DATELINE, "dateline 'Alma-Ata, <Month> <day>, <year>'")
    d = _DATELINE.match(lines[dl - 1])
    assert d is not None
    letter_date = f"{d.group(3)}-{_MONTHS[d.group(1).lower()]:02d}"

    furniture = [i for i in range(1, n + 1) if _FURNITURE.match(lines[i - 1])]
    header_end = max(i for i in furniture if i < dl)
    footer = [i for i in furniture if i > dl]
    body_end = (min(footer) - 1) if footer else n
    while not lines[body_end - 1].strip():
        body_end -= 1
    note_end = dl - 1
    while not lines[note_end - 1].strip():
        note_end -= 1

    drops = [Drop(i, i, "heading") for i in range(1, written) if lines[i - 1].strip()]
    drops += blank_drops(lines, 1, written - 1)
    drops += [Drop(i, i, "archive_furniture") for i in furniture]
    drops += blank_drops(lines, note_end + 1, dl - 1)
    drops += blank_drops(lines, body_end + 1, n)
    drops = [dr for dr in drops if not (dr.reason == "blank" and dr.line_start in furniture)]
    spans = [
        Span(
            header_end + 1,
            note_end,
            "editorial",
            "The Militant (editors)",
            "Editors' note to Trotsky's letter",
            "Editors' note",
            pub_date,
            "published",
        ),
        Span(
            dl,
            body_end,
            "primary",
            "Leon Trotsky",
            "On the Situation in Russia",
            "On the Situation in Russia: A Letter to a Comrade",
            letter_date,
            "written",
        ),
    ]
    log.debug("%s: %d spans, %d drops", SOURCE, len(spans), len(drops))
    return Segmentation(spans, sorted(drops, key=lambda x: x.line_start))


def clean(text: str, *, lexicon: Lexicon) -> str:
    """Clean one row: the generic pipeline is all this transcription needs.

    Examples
    --------
    >>> lex = Lexicon(["dear", "comrade", "the", "opposition", "lives"])
    >>> clean("Dear Com-\\nrade, the Op-\\nposition\\n\\nlives .", lexicon=lex)
    'Dear Comrade, the Opposition lives.'
    """
    return _clean.default_pipeline(lexicon)(text)
