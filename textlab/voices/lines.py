"""Raw line numbers of passages: where in a row's raw lines a span of its cleaned text lies.

The cleaned text of a row carries no map from offsets to raw lines; :class:`LineMap` finds them by looking
for the passage's letters in the raw lines of the row's span (:func:`textlab.voices.reuse.find_reuse` gives
every passage its raw line numbers this way).
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections.abc import Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Union

from textlab.core import paths
from textlab.core.io import read_text_strict
from textlab.text.segment import split_lines

log = logging.getLogger(__name__)

__all__ = ["RawLines", "LineMap"]

#: Where the raw lines are: ``"auto"`` (the bundled ``data/raw``), a folder, a mapping ``source ->`` raw text or
#: list of raw lines, or None (no raw lines: line numbers are estimated).
RawLines = Union[str, "PathLike[str]", Mapping[str, str | Sequence[str]], None]

_NON_LETTERS_RE = re.compile(r"[\W\d_]+")
_NON_LETTERS_LINES_RE = re.compile(r"[^\w\n]+|[\d_]+")


class LineMap:
    """Raw line numbers of character offsets, found by searching the row's raw lines for the passage's letters.

    The cleaned text and the raw lines are both reduced to their letters
    (lower case; digits, punctuation, spaces and line breaks removed), so
    that joined hyphenations, split words, dropped footnote numbers and
    running heads do not matter. A probe of the letters at the offset (24
    letters, made longer, or moved into the passage, until it occurs exactly
    once) is looked for in the raw letters of the row's line span; failing
    that, the occurrence of a short probe nearest the place proportional to
    the offset is taken; if every probe fails (e.g. an OCR repair changed the
    letters) the line is estimated proportionally.

    Examples
    --------
    >>> lines = {"a.txt": ["The party of the", "working class and the", "class struggle of workers."]}
    >>> text = "The party of the working class and the class struggle of workers."
    >>> LineMap(lines).locate(0, text, "a.txt", 1, 3, 39, 65)   # text[39:65]: found on line 3
    (3, 3, True)
    >>> LineMap(None).locate(0, text, "a.txt", 1, 3, 39, 65)    # no raw lines: estimated
    (2, 3, False)
    """

    def __init__(self, raw: RawLines) -> None:
        self.raw = raw
        self._files: dict[str, list[str] | None] = {}
        self._rows: dict[int, tuple] = {}

    def _source_lines(self, source: str) -> list[str] | None:
        if source in self._files:
            return self._files[source]
        lines: list[str] | None = None
        raw = self.raw
        if raw is None or not source:
            pass
        elif isinstance(raw, Mapping):
            v = raw.get(source)
            if isinstance(v, str):
                lines = split_lines(v)
            elif v is not None:
                lines = list(v)
        else:
            folder = paths.RAW if isinstance(raw, str) and raw == "auto" else Path(raw)
            path = folder / source
            if path.is_file():
                lines = split_lines(read_text_strict(path))
        if lines is None and raw is not None:
            log.info("find_reuse: no raw lines for source %r; its line numbers are estimated", source)
        self._files[source] = lines
        return lines

    def _row(self, k: int, text: str, source: str, line_start: int, line_end: int):
        got = self._rows.get(k)
        if got is None:
            C = _NON_LETTERS_RE.sub("", text).lower()
            R, line_off = None, None
            lines = self._source_lines(source)
            if lines is not None and 1 <= line_start <= line_end <= len(lines):
                parts = _NON_LETTERS_LINES_RE.sub("", "\n".join(lines[line_start - 1 : line_end])).lower().split("\n")
                line_off = list(itertools.accumulate((len(x) for x in parts[:-1]), initial=0))
                R = "".join(parts)
            block = self._BLOCK
            counts = [len(_NON_LETTERS_RE.sub("", text[i : i + block]).lower()) for i in range(0, len(text), block)]
            checkpoints = list(itertools.accumulate(counts, initial=0))
            got = self._rows[k] = (C, R, line_off, checkpoints)
        return got

    _BLOCK = 2048

    def _c_index(self, text: str, checkpoints: list[int], p: int) -> int:
        """Index in the letter string of the first letter at or after text[p] (letters are counted by blocks)."""
        b = p // self._BLOCK
        return checkpoints[b] + len(_NON_LETTERS_RE.sub("", text[b * self._BLOCK : p]).lower())

    @staticmethod
    def _find(R: str, probe: str, expected: float) -> int | None:
        width = max(400, len(R) // 8)
        for lo, hi in ((int(expected) - width, int(expected) + width + len(probe)), (0, len(R))):
            lo = max(lo, 0)
            hits: list[int] = []
            q = R.find(probe, lo, hi)
            while q != -1 and len(hits) < 50:
                hits.append(q)
                q = R.find(probe, q + 1, hi)
            if hits:
                return min(hits, key=lambda h: (abs(h - expected), h))
        return None

    @staticmethod
    def _unique(C: str, R: str, c: int, forward: bool) -> int | None:
        """Raw letter index of letter ``c`` of C, from the shortest probe near ``c`` found exactly once in R."""
        for shift in (0, 24, 48, 96):
            for length in (24, 48, 96, 192):
                x = c + shift if forward else c - length + 1 - shift
                x = min(max(x, 0), max(len(C) - length, 0))
                probe = C[x : x + length]
                if len(probe) < 12:
                    return None
                q = R.find(probe)
                if q == -1:
                    break  # a longer probe holds this one (or its start moved off the text): try another shift
                if R.find(probe, q + 1) == -1:
                    r = q + (c - x)
                    if x != (c if forward else c - length + 1):
                        # the probe is off the letter: look for the letter's own few letters nearest the probe
                        # (dropped lines, e.g. a running head, may lie between them in the raw text)
                        if forward:
                            piece = C[c : min(c + 8, x)]
                            at = R.rfind(piece, max(0, q - 4 * (x - c) - 200), q) if piece else -1
                            r = at if at != -1 else r
                        else:
                            piece = C[max(c - 7, x + length) : c + 1]
                            end = q + length
                            at = R.find(piece, end, end + 4 * (c - x - length + 1) + 200) if piece else -1
                            r = at + len(piece) - 1 if at != -1 else r
                    return min(max(r, 0), len(R) - 1)
        return None

    def _nearest(self, C: str, R: str, c: int, forward: bool, expected: float) -> int | None:
        """Raw letter index of letter ``c`` from a short probe, the occurrence nearest ``expected``."""
        for length, shift in ((16, 0), (16, 16), (8, 0)):
            x = c + shift if forward else c - length + 1 - shift
            x = min(max(x, 0), max(len(C) - length, 0))
            probe = C[x : x + length]
            if len(probe) < 8:
                return None
            q = self._find(R, probe, expected + (x - c) * len(R) / max(len(C), 1))
            if q is not None:
                return min(max(q + (c - x), 0), len(R) - 1)
        return None

    def locate(self, k: int, text: str, source: str, line_start: int, line_end: int, start: int, end: int):
        """(first line, last line, located by text?) of text[start:end] in row ``k``."""
        C, R, line_off, checkpoints = self._row(k, text, source, line_start, line_end)
        n_lines = line_end - line_start + 1

        def estimate(p: int) -> int:
            return line_start + min(n_lines - 1, int(n_lines * p / max(len(text), 1)))

        if R is None or not C or not R:
            return estimate(start), estimate(max(start, end - 1)), False
        ratio = len(R) / len(C)
        c0 = min(self._c_index(text, checkpoints, start), len(C) - 1)
        c1 = min(max(c0, self._c_index(text, checkpoints, end) - 1), len(C) - 1)
        r0 = self._unique(C, R, c0, True)
        r1 = self._unique(C, R, c1, False)
        if r0 is None:
            r0 = self._nearest(C, R, c0, True, c0 * ratio if r1 is None else r1 - (c1 - c0) * ratio)
        if r1 is None:
            r1 = self._nearest(C, R, c1, False, c1 * ratio if r0 is None else r0 + (c1 - c0) * ratio)
        out = []
        for r, p in ((r0, start), (r1, max(start, end - 1))):
            out.append(estimate(p) if r is None else line_start + bisect.bisect_right(line_off, r) - 1)
        return out[0], max(out[0], out[1]), r0 is not None and r1 is not None
