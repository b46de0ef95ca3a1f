"""Segmentation: raw lines -> dated, attributed spans, and the lines dropped.

A *segmenter* turns the raw lines of one source file into a
:class:`Segmentation`: a list of :class:`Span` (one future row of
``corpus.docs`` each) and a list of :class:`Drop` (raw lines that are not
text: blanks, running heads, page numbers, garbled zones, covers...).

The rules of accounting, checked by :func:`validate`:

* line numbers are 1-based and inclusive, as ``sed -n`` prints them;
* spans of one source never overlap;
* a dropped line may lie inside a span (a running head inside a chapter) or
  outside every span, but never in two drops;
* every raw line is *kept* (inside a span and not dropped) or *dropped*,
  exactly once.

Generic segmenters live here; rules that only one bundled book needs live in
``textlab.books.<module>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "KINDS",
    "DATE_BASES",
    "DROP_REASONS",
    "MONTHS",
    "Span",
    "Drop",
    "Segmentation",
    "SegmentationError",
    "validate",
    "kept_lines",
    "split_lines",
    "segment_whole_file",
    "blank_drops",
    "trim_blank",
    "fill_region",
    "merge_drops",
]

#: Allowed values of ``Span.kind``.
KINDS = (
    "primary",
    "editorial",
    "notes",
    "quotation",
    "table",
    "index",
    "front_matter",
)

#: Allowed values of ``Span.date_basis``.
DATE_BASES = (
    "written",  # the text gives the date it was written (a date line, a dateline)
    "published",  # the text gives only the publication date
    "inherited",  # taken from the enclosing work (a chapter of a dated selection)
    "source_note",  # taken from an editor's source note
    "metadata",  # taken from a user's metadata file
)

#: Allowed values of ``Drop.reason``.
DROP_REASONS = (
    "blank",  # empty or whitespace-only line
    "running_head",  # a book's running head (title or chapter at the page top/foot)
    "page_number",  # a page number alone on a line
    "garbled",  # text too damaged to repair (interleaved pages, mirrored tables)
    "cover",  # cover, price, title page, copyright, colophon, advertisements
    "contents",  # a table of contents
    "archive_furniture",  # a web archive's header/footer ("Last updated on")
    "heading",  # a heading line that is recorded as a row's title, not as text
    "caption",  # a photo caption
)

#: English month names, lower case, in calendar order (``MONTHS.index(m) + 1`` is the month number).
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

_DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")


class SegmentationError(ValueError):
    """A segmentation breaks the accounting rules; the message names file and line.

    Examples
    --------
    >>> seg = Segmentation([Span(1, 1, "chapter", "A", "w", "t", "1920", "written")])
    >>> try:
    ...     validate(seg, 1, "x.txt")
    ... except SegmentationError as err:
    ...     print(str(err).split(";")[0])
    x.txt lines 1-1: unknown kind 'chapter'
    """


@dataclass(frozen=True)
class Span:
    """One contiguous span of raw lines that becomes one row of ``corpus.docs``.

    Parameters
    ----------
    line_start, line_end : int
        First and last raw line, 1-based, inclusive.
    kind : str
        One of :data:`KINDS`.
    author : str
        Who wrote the enclosing work (for a quotation: the quoting author).
    work : str
        The article, chapter, letter or section the span belongs to; the
        pieces of one work share it.
    title : str
        Title of the span (often the work's title).
    date : str
        ``"YYYY-MM"`` where the text gives the month, else ``"YYYY"``.
    date_basis : str
        One of :data:`DATE_BASES`.
    quoted_author : str or None
        For ``kind == "quotation"``: whose words these are, when the text
        names them.

    Examples
    --------
    >>> sp = Span(3, 7, "quotation", "Tony Cliff", "ch. 1", "ch. 1: quotation", "1993", "published", "Leon Trotsky")
    >>> sp.line_end - sp.line_start + 1, sp.kind in KINDS, sp.date_basis in DATE_BASES
    (5, True, True)
    >>> Span(1, 2, "primary", "A", "w", "t", "1920", "written").quoted_author is None
    True
    """

    line_start: int
    line_end: int
    kind: str
    author: str
    work: str
    title: str
    date: str
    date_basis: str
    quoted_author: str | None = None


@dataclass(frozen=True)
class Drop:
    """A run of raw lines that is not kept as text, with a named reason.

    Examples
    --------
    >>> d = Drop(12, 13, "running_head")
    >>> d.line_end - d.line_start + 1, d.reason in DROP_REASONS
    (2, True)
    """

    line_start: int
    line_end: int
    reason: str


@dataclass
class Segmentation:
    """What a segmenter returns for one source file.

    Examples
    --------
    >>> seg = Segmentation()
    >>> seg.spans.append(Span(1, 3, "primary", "A", "w", "t", "1920-05", "written"))
    >>> seg.drops.append(Drop(4, 4, "page_number"))
    >>> validate(seg, 4, "x.txt")   # lines 1-3 kept, line 4 dropped: every line accounted for
    >>> len(seg.spans), len(seg.drops), len(Segmentation().spans)
    (1, 1, 0)
    """

    spans: list[Span] = field(default_factory=list)
    drops: list[Drop] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    """Split a raw file into lines the way ``sed``/``wc -l`` count them.

    Only ``\\n`` ends a line (``str.splitlines`` would also split on form
    feeds and Unicode separators, shifting every later line number); a
    trailing ``\\r`` is removed.

    Examples
    --------
    >>> split_lines("a\\nb\\r\\n\\nc\\n")
    ['a', 'b', '', 'c']
    """
    if not isinstance(text, str):
        raise TypeError(f"split_lines expects str, got {type(text).__name__}")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [ln[:-1] if ln.endswith("\r") else ln for ln in lines]


def blank_drops(lines: Sequence[str], start: int = 1, end: int | None = None) -> list[Drop]:
    """Drops (reason ``blank``) for every whitespace-only line in ``start..end``.

    Consecutive blank lines are merged into one :class:`Drop`.

    Examples
    --------
    >>> blank_drops(["a", "", " ", "b", ""])
    [Drop(line_start=2, line_end=3, reason='blank'), Drop(line_start=5, line_end=5, reason='blank')]
    """
    end = len(lines) if end is None else end
    out: list[Drop] = []
    run_start = None
    for i in range(start, end + 1):
        if not lines[i - 1].strip():
            if run_start is None:
                run_start = i
        elif run_start is not None:
            out.append(Drop(run_start, i - 1, "blank"))
            run_start = None
    if run_start is not None:
        out.append(Drop(run_start, end, "blank"))
    return out


def kept_lines(span: Span, dropped: set[int]) -> list[int]:
    """Line numbers of ``span`` that are not dropped.

    Examples
    --------
    >>> kept_lines(Span(10, 14, "primary", "A", "w", "t", "1920", "written"), {11, 12, 20})
    [10, 13, 14]
    """
    return [i for i in range(span.line_start, span.line_end + 1) if i not in dropped]


def validate(seg: Segmentation, n_lines: int, source: str) -> None:
    """Check the accounting rules; raise :class:`SegmentationError` naming the line.

    Examples
    --------
    >>> seg = Segmentation([Span(1, 2, "primary", "A", "w", "t", "1920", "written")],
    ...                    [Drop(3, 3, "blank")])
    >>> validate(seg, 3, "x.txt")
    >>> validate(seg, 4, "x.txt")
    Traceback (most recent call last):
    ...
    textlab.text.segment.SegmentationError: x.txt line 4: not in any row and not dropped
    """
    covered = [0] * (n_lines + 2)  # span membership
    dropped = [0] * (n_lines + 2)
    for sp in seg.spans:
        where = f"{source} lines {sp.line_start}-{sp.line_end}"
        if not (1 <= sp.line_start <= sp.line_end <= n_lines):
            raise SegmentationError(f"{where}: span outside 1..{n_lines}")
        if sp.kind not in KINDS:
            raise SegmentationError(f"{where}: unknown kind {sp.kind!r}; expected one of {KINDS}")
        if sp.date_basis not in DATE_BASES:
            raise SegmentationError(f"{where}: unknown date_basis {sp.date_basis!r}")
        if not _DATE_RE.match(sp.date or ""):
            raise SegmentationError(f"{where}: date {sp.date!r} is not YYYY or YYYY-MM")
        if not sp.author or not sp.work or not sp.title:
            raise SegmentationError(f"{where}: empty author, work or title")
        if sp.quoted_author is not None and sp.kind != "quotation":
            raise SegmentationError(f"{where}: quoted_author set on a {sp.kind!r} row")
        for i in range(sp.line_start, sp.line_end + 1):
            if covered[i]:
                raise SegmentationError(f"{source} line {i}: in two rows")
            covered[i] = 1
    for dr in seg.drops:
        where = f"{source} lines {dr.line_start}-{dr.line_end}"
        if not (1 <= dr.line_start <= dr.line_end <= n_lines):
            raise SegmentationError(f"{where}: drop outside 1..{n_lines}")
        if dr.reason not in DROP_REASONS:
            raise SegmentationError(f"{where}: unknown drop reason {dr.reason!r}; expected one of {DROP_REASONS}")
        for i in range(dr.line_start, dr.line_end + 1):
            if dropped[i]:
                raise SegmentationError(f"{source} line {i}: dropped twice")
            dropped[i] = 1
    for i in range(1, n_lines + 1):
        if not covered[i] and not dropped[i]:
            raise SegmentationError(f"{source} line {i}: not in any row and not dropped")
    for sp in seg.spans:
        if all(dropped[i] for i in range(sp.line_start, sp.line_end + 1)):
            raise SegmentationError(f"{source} lines {sp.line_start}-{sp.line_end}: row keeps no line")


def segment_whole_file(
    lines: Sequence[str],
    *,
    author: str,
    title: str,
    date: str,
    kind: str = "primary",
    work: str | None = None,
    date_basis: str = "metadata",
) -> Segmentation:
    """The generic segmenter: one file is one row; leading/trailing blanks dropped.

    Blank lines inside the row are kept: they mark paragraphs.

    Examples
    --------
    >>> seg = segment_whole_file(["", "Hello", "", "world", ""], author="A", title="T", date="1920")
    >>> seg.spans[0].line_start, seg.spans[0].line_end, [d.line_start for d in seg.drops]
    (2, 4, [1, 5])
    """
    n = len(lines)
    nonblank = [i for i in range(1, n + 1) if lines[i - 1].strip()]
    if not nonblank:
        return Segmentation([], blank_drops(lines))
    first, last = nonblank[0], nonblank[-1]
    span = Span(first, last, kind, author, work or title, title, date, date_basis)
    drops = blank_drops(lines, 1, first - 1) + blank_drops(lines, last + 1, n)
    return Segmentation([span], drops)


def trim_blank(lines: Sequence[str], start: int, end: int) -> tuple[int, int] | None:
    """The span ``start..end`` without its leading and trailing blank lines (None if all blank).

    >>> trim_blank(["", "a", "", "b", ""], 1, 5)
    (2, 4)
    """
    while start <= end and not lines[start - 1].strip():
        start += 1
    while end >= start and not lines[end - 1].strip():
        end -= 1
    return (start, end) if start <= end else None


def fill_region(
    lines: Sequence[str],
    start: int,
    end: int,
    inner: Sequence[Span],
    make: Callable[[int, int], Span],
) -> tuple[list[Span], list[Drop]]:
    """Cover the region ``start..end``: the ``inner`` spans (e.g. quotations) and, in the gaps,
    spans made by ``make(a, b)``; blank lines at the edges of gaps are dropped as ``blank``.

    Returns ``(spans, drops)`` that account for every line of the region once.

    Examples
    --------
    >>> q = Span(3, 3, "quotation", "A", "w", "t", "1920", "written", "B")
    >>> mk = lambda a, b: Span(a, b, "primary", "A", "w", "t", "1920", "written")
    >>> spans, drops = fill_region(["x", "", "q", "", "y"], 1, 5, [q], mk)
    >>> [(s.line_start, s.line_end, s.kind) for s in spans], drops  # doctest: +NORMALIZE_WHITESPACE
    ([(1, 1, 'primary'), (3, 3, 'quotation'), (5, 5, 'primary')],
     [Drop(line_start=2, line_end=2, reason='blank'), Drop(line_start=4, line_end=4, reason='blank')])
    """
    spans: list[Span] = []
    drops: list[Drop] = []
    pos = start
    for sp in sorted(inner, key=lambda s: s.line_start) + [None]:
        gap_end = (sp.line_start - 1) if sp is not None else end
        if gap_end >= pos:
            t = trim_blank(lines, pos, gap_end)
            if t is None:
                drops.append(Drop(pos, gap_end, "blank"))
            else:
                if t[0] > pos:
                    drops.append(Drop(pos, t[0] - 1, "blank"))
                spans.append(make(t[0], t[1]))
                if t[1] < gap_end:
                    drops.append(Drop(t[1] + 1, gap_end, "blank"))
        if sp is not None:
            spans.append(sp)
            pos = sp.line_end + 1
    return spans, drops


def merge_drops(drops: Sequence[Drop]) -> list[Drop]:
    """One drop per line, runs of one reason merged; a named reason wins over ``blank``.

    Book modules collect drops from several rules (blank runs, running heads) that
    may claim the same line; this makes them account for each line once.

    >>> merge_drops([Drop(1, 3, "blank"), Drop(2, 2, "running_head"), Drop(4, 4, "blank")])
    ... # doctest: +NORMALIZE_WHITESPACE
    [Drop(line_start=1, line_end=1, reason='blank'), Drop(line_start=2, line_end=2, reason='running_head'),
     Drop(line_start=3, line_end=4, reason='blank')]
    """
    by_line: dict[int, str] = {}
    for d in drops:
        for i in range(d.line_start, d.line_end + 1):
            if i not in by_line or by_line[i] == "blank":
                by_line[i] = d.reason
    out: list[Drop] = []
    for i in sorted(by_line):
        r = by_line[i]
        if out and out[-1].reason == r and out[-1].line_end == i - 1:
            out[-1] = Drop(out[-1].line_start, i, r)
        else:
            out.append(Drop(i, i, r))
    return out
