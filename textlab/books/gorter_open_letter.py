"""Book module: Herman Gorter, *Open Letter to Comrade Lenin* (1920), with Wildcat's introduction (1989).

The raw file ``gorter_1920_open_letter_to_lenin.txt`` is a PDF extraction in
which a raw line ends after almost every glyph run. A raw line that ends in
a space closes a *printed line*; one that does not continues the word on
the next non-blank raw line (``W`` / ``estern``). All rules below work on
printed lines (:func:`printed_lines`), each a run of raw lines.

* **Who speaks.** From the first raw line to ``GORTER_ONLY_FROM - 1`` the
  pages of Wildcat's 1989 introduction are interleaved with late pages of
  the letter; from ``GORTER_ONLY_FROM`` on it is Gorter only. In the mixed
  part each printed line is assigned to Gorter or Wildcat by a two-state
  Viterbi path over evidence: Wildcat writes of Gorter in the third person
  (``Gorter``, ``Gorter's``) and of 1921-1989 events; Gorter addresses Lenin
  (``Comrade``, ``you``, ``your``) and speaks for "us" of the Left. A switch
  between speakers costs ``SWITCH_COST`` in log-odds, so a piece changes
  hands only on evidence, not on one stray word. Words inside quotation
  marks are not evidence (Wildcat quotes Lenin's "You must ..."). A page
  ends at a footnote, and pages are what the extraction shuffled: right
  after a footnote, and at either edge of a garbled zone (two pages
  interleaved), a switch costs only ``PAGE_SWITCH_COST``. Pieces are
  rows; the letter's pieces share the work of their section.
* **Sections**: headings such as ``IV. OPPORTUNISM IN THE THIRD
  INTERNATIONAL`` (a Roman numeral, a stop, capitals) open the letter's
  sections; the heading's raw lines stay in the row they open.
* **Footnotes**: a raw line of many spaces introduces a footnote body
  (``32 In Halle, in one day alone, ...``), and so does a printed line
  that opens with a note number and a capital (``34 The English
  Communists ...``, :data:`_NOTE_START`); it runs to the first printed
  line that ends a sentence: a ``notes`` row by Gorter.
* **Garbled zones**: where two pages were interleaved letter by letter,
  printed lines are mostly fragments that are not words (30% or more of
  their words, at least two); runs of two or more such lines (allowing
  three clean lines between) are dropped as ``garbled``.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Sequence
from typing import NamedTuple

from textlab.text import clean as _clean
from textlab.text.lexicon import Lexicon, english_frequency, english_words
from textlab.text.segment import Drop, Segmentation, Span

log = logging.getLogger(__name__)

SOURCE = "gorter_1920_open_letter_to_lenin.txt"
BOOK = "Open Letter to Comrade Lenin (1920), with Wildcat's introduction (1989)"
GORTER = "Herman Gorter"
WILDCAT = "Wildcat"
WORK_WILDCAT = "Wildcat, Introduction (1989)"
LETTER = "Open Letter to Comrade Lenin"

#: First raw line after which only Gorter speaks (seeds README, checked by reading).
GORTER_ONLY_FROM = 12364
#: Log-odds cost of switching speaker between two printed lines.
SWITCH_COST = 6.0
#: Cost of a switch on the first printed line after a footnote, where a page ends.
PAGE_SWITCH_COST = 1.0

_SHORT_WORDS = frozenset("a i of to in on at by is it be we he or as an no so up us my me do if go am oh".split())
_WILDCAT_EVIDENCE = re.compile(r"\bGorter\b|\bGorter[’']s\b|\b19[2-8]\d\b|\bLenin[’']s\b|\bhe\b|\bhis\b")
_GORTER_EVIDENCE = re.compile(
    r"\bComrade\b|\byou\b|\byour\b|\bYou\b|\bYour\b|\bI\b"
    r"|(?:^|[\d\s])(?:I|II|III|IV|V|VI|VII|VIII)\. ?[A-Z]{3,} [A-Z]{2,}"  # a section heading of the letter, even glued
)
_HEADING = re.compile(r"^\s*(I|II|III|IV|V|VI|VII|VIII)\s?\.\s*([A-Z][A-Z ,’'-]{4,}?)\s*(?=[A-Z][a-z]|$)")
#: A footnote body that opens a printed line: its number (1-40) and a capital (`` 34 The English ...``).
_NOTE_START = re.compile(r"^\s?([1-9]|[1-3]\d|40) +[A-Z]")
_SENTENCE_END = re.compile(r"[.!?][”\"’')]?\s*$")


class PrintedLine(NamedTuple):
    """A printed line of the PDF: raw lines ``start..end`` and their joined text.

    Examples
    --------
    >>> p = PrintedLine(3, 5, "in Western Europe ")
    >>> p.end - p.start + 1, p.text.strip()
    (3, 'in Western Europe')
    """

    start: int
    end: int
    text: str


def join_fragments(text: str) -> str:
    """Join the extractor's glyph runs: a raw line without a trailing space continues the word.

    Blank raw lines between fragments are artefacts and go; a raw line that
    ends in a space ends a printed line.

    >>> join_fragments("in W\\nestern Europe \\nC\\n\\nom\\nm\\n\\nunist party \\n")
    'in Western Europe\\nCommunist party\\n'
    """
    out: list[str] = []
    buf = ""
    for line in text.split("\n"):
        if not line.strip():
            continue
        buf += line
        if line.endswith(" "):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return "\n".join(out) + ("\n" if out else "")


def printed_lines(lines: Sequence[str]) -> list[PrintedLine]:
    """Group raw lines into printed lines (blank raw lines are left out of every group).

    Examples
    --------
    >>> printed_lines(["in W", "estern ", "", "Europe ", "the end"])  # doctest: +NORMALIZE_WHITESPACE
    [PrintedLine(start=1, end=2, text='in Western '), PrintedLine(start=4, end=4, text='Europe '),
     PrintedLine(start=5, end=5, text='the end')]
    """
    out: list[PrintedLine] = []
    buf = ""
    start = None
    last = 0
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if start is None:
            start = i
        buf += line
        last = i
        if line.endswith(" "):
            out.append(PrintedLine(start, i, buf))
            buf, start = "", None
    if start is not None:
        out.append(PrintedLine(start, last, buf))
    return out


def _junk_share(text: str, english: frozenset[str]) -> tuple[int, int]:
    words = re.findall(r"[A-Za-z]+", text.replace("-", ""))
    junk = 0
    for w in words:
        low = w.lower()
        if len(w) <= 2:
            junk += low not in _SHORT_WORDS
        elif low not in english and not w[:1].isupper():
            junk += 1
    return junk, len(words)


def garbled_zones(plines: Sequence[PrintedLine], english: frozenset[str]) -> list[tuple[int, int]]:
    """Indices (first, last) of runs of garbled printed lines.

    Examples
    --------
    >>> texts = ["the party and the class ", "xqv zzv wrt plk ", "gh tk the party ", "the class "]
    >>> garbled_zones([PrintedLine(i, i, t) for i, t in enumerate(texts, 1)], frozenset({"the", "party", "class"}))
    [(1, 2)]
    """
    flags = []
    for p in plines:
        j, n = _junk_share(p.text, english)
        flags.append(n >= 2 and j >= 2 and j / n >= 0.3)
    zones: list[list[int]] = []
    for k, f in enumerate(flags):
        if f:
            if zones and k - zones[-1][1] <= 3:
                zones[-1][1] = k
            else:
                zones.append([k, k])
    return [(a, b) for a, b in zones if b - a >= 1]


def unquoted(plines: Sequence[PrintedLine], *, max_lines: int = 15) -> list[str]:
    """Each printed line's text without the words inside curly quotation marks.

    A quotation may run over several printed lines; one left open for more
    than ``max_lines`` lines is taken to be a lost closing mark and closed.

    >>> unquoted([PrintedLine(1, 1, 'as: “You must not'), PrintedLine(2, 2, 'sink.” [p43]. His')])
    ['as: ', ' [p43]. His']
    """
    out, open_for = [], 0
    for p in plines:
        keep, text = [], p.text
        for ch in text:
            if open_for:
                if ch == "”":
                    open_for = 0
            elif ch == "“":
                open_for = 1
            else:
                keep.append(ch)
        if open_for:
            open_for += 1
            if open_for > max_lines:
                open_for = 0
        out.append("".join(keep))
    return out


def speakers(
    plines: Sequence[PrintedLine], first: int, last: int, *, page_ends: frozenset[int] = frozenset()
) -> list[str]:
    """Gorter or Wildcat for printed lines ``first..last``: a two-state Viterbi path over evidence.

    Evidence is read outside quotation marks (:func:`unquoted`); a switch
    costs ``SWITCH_COST``, or ``PAGE_SWITCH_COST`` on a printed line whose
    index is in ``page_ends`` (the first line after a footnote).

    Examples
    --------
    Three lines of Wildcat's evidence (``Gorter``, years, ``he``) between lines addressed to Lenin: not
    enough to pay two switches, unless a page ends before them.

    >>> texts = ["Comrade Lenin, you say that we must ", "join the parliaments. Your tactic is ", "wrong for us. ",
    ...          "Gorter wrote this in 1920. His letter ", "was answered by Lenin in 1921; he ",
    ...          "called Gorter's group infantile. ", "Comrade, I say to you "]
    >>> pl = [PrintedLine(i, i, t) for i, t in enumerate(texts, 1)]
    >>> "".join(s[0] for s in speakers(pl, 0, 6)), "".join(s[0] for s in speakers(pl, 0, 6, page_ends=frozenset({3})))
    ('HHHHHHH', 'HHHWWWH')
    """
    n = last - first + 1
    score = []
    for text in unquoted(plines[first : last + 1]):
        w = len(_WILDCAT_EVIDENCE.findall(text))
        g = len(_GORTER_EVIDENCE.findall(text))
        score.append(2.0 * (w - g))  # log-odds for Wildcat
    states = (GORTER, WILDCAT)
    best = [[0.0, -math.inf]]  # start with Gorter (the file opens with the letter)
    back: list[list[int]] = []
    for k in range(n):
        prev = best[-1]
        row, bk = [], []
        for s in (0, 1):
            emit = score[k] if s == 1 else -score[k]
            cost = PAGE_SWITCH_COST if first + k in page_ends else SWITCH_COST
            stay, switch = prev[s], prev[1 - s] - cost
            bk.append(s if stay > switch else 1 - s)  # ties: the speaker goes on until evidence says otherwise
            row.append(max(stay, switch) + emit / 2)
        best.append(row)
        back.append(bk)
    s = 0 if best[-1][0] >= best[-1][1] else 1
    path = [s]
    for k in range(n - 1, 0, -1):
        s = back[k][s]
        path.append(s)
    return [states[x] for x in reversed(path)]


#: People whose words the letter and the introduction quote, by the name a lead-in uses.
QUOTED = {"Pannekoek": "Anton Pannekoek", "Gorter": GORTER, "Lenin": "V.I. Lenin"}
_OPEN_QUOTE = re.compile(r"^\s*[“\"]")
_CLOSE_QUOTE = re.compile(r"[”\"][.,;]?\s*$")


def block_quotations(plines: Sequence[PrintedLine], max_lines: int = 40) -> list[tuple[int, int, str]]:
    """(first, last, speaker) printed-line indices of quotations set off after a lead-in.

    A lead-in is a printed line ending in a colon whose last three lines name
    a person in :data:`QUOTED` (``Comrade Pannekoek in the / Viennese
    periodical, Communismus:``); the next printed line opens with a quotation
    mark; the quotation runs to the line that closes it, or to the next page
    (a line opening with a space and a lower-case letter), at most
    ``max_lines`` lines. Imagined speech (``The lesson they teach is this:``)
    names no one and is left alone.

    Examples
    --------
    >>> texts = ["As Comrade Pannekoek wrote in Communismus: ", "“The masses must act ", "for themselves.” ",
    ...          "We agree. ", "The lesson they teach is this: ", "“Act alone.” "]
    >>> block_quotations([PrintedLine(i, i, t) for i, t in enumerate(texts, 1)])
    [(1, 2, 'Anton Pannekoek')]
    """
    out = []
    for k in range(len(plines) - 1):
        if not plines[k].text.rstrip().endswith(":") or not _OPEN_QUOTE.match(plines[k + 1].text):
            continue
        lead = " ".join(p.text for p in plines[max(0, k - 2) : k + 1])
        names = re.findall(r"\b(" + "|".join(QUOTED) + r")\b", lead)
        if not names:
            continue
        last = k + 1
        while last < min(len(plines) - 1, k + max_lines):
            if _CLOSE_QUOTE.search(plines[last].text):
                break
            nxt = plines[last + 1].text
            if re.match(r"^\s[a-z]", nxt):
                break
            last += 1
        out.append((k + 1, last, QUOTED[names[-1]]))
    return out


def segment(lines: Sequence[str]) -> Segmentation:
    """Gorter's letter and Wildcat's introduction in pieces, footnotes, garbled zones dropped.

    Examples
    --------
    A miniature of the extraction: a section heading, Gorter's text, a footnote, a piece of Wildcat's
    introduction after it (a page end), a garbled zone, and Gorter again:

    >>> lines = ["IV. OPPORTUNISM IN THE THIRD INTERNATIONAL ", "", "Comrade, you say that we must ",
    ...          "join the parliaments. ", "", "34 The English Communists say so. ",
    ...          "Gorter wrote this in 1920. His letter ", "was answered by Lenin in 1921; he ",
    ...          "called Gorter's group infantile. ", "", "xqv zzv wrt plk ", "gh tk the party ",
    ...          "Comrade, I say to you "]
    >>> seg = segment(lines)
    >>> [(s.line_start, s.line_end, s.kind, s.author) for s in seg.spans]  # doctest: +NORMALIZE_WHITESPACE
    [(1, 4, 'primary', 'Herman Gorter'), (6, 6, 'notes', 'Herman Gorter'), (7, 9, 'primary', 'Wildcat'),
     (13, 13, 'primary', 'Herman Gorter')]
    >>> seg.spans[0].work
    'Open Letter to Comrade Lenin, IV. Opportunism In The Third International'
    >>> [(d.line_start, d.line_end, d.reason) for d in seg.drops]
    [(5, 5, 'blank'), (10, 10, 'blank'), (11, 12, 'garbled')]
    """
    english = english_words()
    pl = printed_lines(lines)
    zones = garbled_zones(pl, english)
    garbled: set[int] = set()
    for a, b in zones:
        garbled.update(range(a, b + 1))
    # footnotes: printed lines after a raw line of many spaces, to the end of the sentence
    spaces = {i for i, s in enumerate(lines, 1) if len(s) >= 20 and not s.strip()}
    note = set()
    page_ends = set()
    for k, p in enumerate(pl):
        opens = any(p.start - d in spaces for d in (1, 2, 3)) or bool(_NOTE_START.match(p.text))
        if opens and k not in garbled and k not in note:
            j = k
            while j < len(pl) and j - k < 12 and j not in garbled:
                note.add(j)
                if _SENTENCE_END.search(pl[j].text):
                    break
                j += 1
            page_ends.add(j + 1)
    for a, b in zones:  # two pages interleaved: the text on either side may be another page
        page_ends.update((a, b + 1))
    mixed_last = max((k for k, p in enumerate(pl) if p.start < GORTER_ONLY_FROM), default=-1)
    who = speakers(pl, 0, mixed_last, page_ends=frozenset(page_ends)) + [GORTER] * (len(pl) - mixed_last - 1)

    # sections of the letter
    section = f"{LETTER}, late pages (out of order)"
    labels: list[tuple[str, str, str, str | None] | None] = []
    for k, p in enumerate(pl):
        m = _HEADING.match(p.text)
        if m and who[k] == GORTER:
            section = f"{LETTER}, {m.group(1)}. {m.group(2).strip().title()}"
        if k in garbled:
            labels.append(None)
        elif k in note:
            labels.append(("notes", GORTER, section, None))
        elif who[k] == WILDCAT:
            labels.append(("primary", WILDCAT, WORK_WILDCAT, None))
        else:
            labels.append(("primary", GORTER, section, None))
    for first, last, speaker in block_quotations(pl):
        for j in range(first, last + 1):
            lab = labels[j]
            if lab is not None and lab[0] == "primary":
                labels[j] = ("quotation", lab[1], lab[2], speaker)

    spans: list[Span] = []
    drops: list[Drop] = []
    k = 0
    while k < len(pl):
        lab = labels[k]
        j = k
        while j + 1 < len(pl) and labels[j + 1] == lab:
            j += 1
        a, b = pl[k].start, pl[j].end
        if lab is None:
            drops.append(Drop(a, b, "garbled"))
        else:
            kind, author, work, quoted = lab
            date, basis = ("1989", "published") if author == WILDCAT else ("1920", "written")
            title = "Introduction (1989)" if author == WILDCAT else (f"{work}: footnote" if kind == "notes" else work)
            if kind == "quotation":
                title = f"{title}: quotation"
            spans.append(Span(a, b, kind, author, work, title, date, basis, quoted))
        k = j + 1
    # blank raw lines between rows (and before/after) are dropped; inside a row they stay
    covered = [False] * (len(lines) + 2)
    for s in spans:
        for i in range(s.line_start, s.line_end + 1):
            covered[i] = True
    for d in drops:
        for i in range(d.line_start, d.line_end + 1):
            covered[i] = True
    run = None
    for i in range(1, len(lines) + 2):
        free = i <= len(lines) and not covered[i]
        if free and run is None:
            run = i
        elif not free and run is not None:
            drops.append(Drop(run, i - 1, "blank"))
            run = None
    for d in drops:
        if d.reason == "blank":
            assert all(not lines[i - 1].strip() for i in range(d.line_start, d.line_end + 1)), d
    log.info("%s: %d printed lines, %d rows, %d garbled zones", SOURCE, len(pl), len(spans), len(zones))
    return Segmentation(spans, sorted(drops, key=lambda d: d.line_start))


#: English frequency (pyspellchecker's counts) each half of a glued pair needs (see
#: :func:`split_glued_words`): common words only, so that fragments (``ar``+``ism``) stay whole.
MIN_PART_FREQUENCY = 50_000

_INLINE_HYPHEN = re.compile(r"\b([A-Za-z]+)-([a-z]+)\b")
_LONG_WORD = re.compile(r"\b[a-z]{5,}\b")


def join_inline_hyphens(text: str, *, lexicon: Lexicon) -> str:
    """Mend syllable hyphens the extractor moved inside a printed line (``weap-ons``).

    Joined when the joined word is English and a half is not, and the corpus
    does not write the hyphenated form elsewhere; ``petty-bourgeois`` stays.

    >>> lex = Lexicon(["weapons", "petty", "bourgeois", "pettybourgeois"], hyphenated={"petty-bourgeois": 5})
    >>> join_inline_hyphens("weap-ons of the petty-bourgeois", lexicon=lex)
    'weapons of the petty-bourgeois'
    """

    def repl(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        if lexicon.hyphenated.get(f"{a}-{b}".lower(), 0) > 1:
            return m.group(0)
        if lexicon.is_english(a + b) and not (lexicon.is_english(a) and lexicon.is_english(b)):
            return a + b
        return m.group(0)

    return _INLINE_HYPHEN.sub(repl, text)


def split_glued_words(text: str, *, lexicon: Lexicon) -> str:
    """Split two words the extractor glued when it lost a trailing space (``sothan``, ``andwhich``).

    Only an unknown lower-case token that splits into two common English
    words (:data:`MIN_PART_FREQUENCY`), where exactly one split does: a
    fragment such as ``tunism`` or ``ition`` stays as it is.

    >>> lex = Lexicon(["so", "than", "and", "which", "it", "ion", "tun", "ism", "ar"])
    >>> split_glued_words("more sothan they did, andwhich ition tunism arism", lexicon=lex)
    'more so than they did, and which ition tunism arism'
    """

    def repl(m: re.Match[str]) -> str:
        tok = m.group(0)
        if lexicon.known(tok):
            return tok
        splits = [
            (tok[:i], tok[i:])
            for i in range(2, len(tok) - 1)
            if all(lexicon.is_english(x) and english_frequency(x) >= MIN_PART_FREQUENCY for x in (tok[:i], tok[i:]))
        ]
        return " ".join(splits[0]) if len(splits) == 1 else tok

    return _LONG_WORD.sub(repl, text)


_GLUED_PAGE_AT_START = re.compile(r"(?m)^\s*\d{1,3}\s+(?=\d{1,2}\s+[A-Z])")


def clean(text: str, *, lexicon: Lexicon) -> str:
    """Join the glyph runs into printed lines, the generic pipeline, then this extraction's
    inline hyphens and glued words.

    Examples
    --------
    >>> lex = Lexicon(["the", "western", "communist", "parties", "weapons"])
    >>> clean("the W\\nestern C\\n\\nom\\nmunist \\nparties weap-ons \\n", lexicon=lex)
    'the Western Communist parties weapons'
    """
    p = functools.partial
    return _clean.compose(
        join_fragments,
        lambda t: _GLUED_PAGE_AT_START.sub("", t),
        _clean.default_pipeline(lexicon),
        p(join_inline_hyphens, lexicon=lexicon),
        p(split_glued_words, lexicon=lexicon),
    )(text)
