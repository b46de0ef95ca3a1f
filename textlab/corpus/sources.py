"""The sources of a corpus: one raw file and the rules that turn it into rows, and the code that shapes them.

:class:`SourceSpec` names a file, its source id and its segmenter and cleaner (a bundled book's, or the
generic ones of a user's corpus); :func:`process_source` reads, segments, cleans and attributes it (both
builds, in memory and streamed, go through it); :func:`code_key` hashes the modules and data tables that
shape the rows (:data:`CORPUS_CODE`), so that a cached table is rebuilt when they change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textlab.core import paths
from textlab.core.io import read_text_strict, sha256_bytes, sha256_file
from textlab.corpus.table import count_words
from textlab.text.lexicon import Lexicon, lexicon_share
from textlab.text.segment import Drop, Segmentation, kept_lines, split_lines, validate

log = logging.getLogger(__name__)

__all__ = ["Segmenter", "Cleaner", "SourceSpec", "process_source", "relative_path", "CORPUS_CODE", "code_key"]

#: A segmenter: the raw lines of a file -> its :class:`~textlab.text.segment.Segmentation`.
Segmenter = Callable[[Sequence[str]], Segmentation]
#: A cleaner: ``cleaner(raw_text, lexicon=...) -> cleaned text``.
Cleaner = Callable[..., str]


@dataclass
class SourceSpec:
    """One raw file and the rules that turn it into rows."""

    path: Path
    source_id: str
    book: str
    segmenter: Segmenter
    cleaner: Cleaner
    extra: Mapping[str, Any] | None = None  # extra metadata columns for every row

    @property
    def name(self) -> str:
        return self.path.name

    def __fspath__(self) -> str:
        """The raw file's path: a spec stands for its file (the process pool sizes its batches by it)."""
        return str(self.path)


def process_source(spec: SourceSpec, lexicon: Lexicon) -> tuple[list[dict], list[dict], dict, int]:
    """Read, segment, clean and attribute one source: its rows, its dropped lines, its lexicon row, its line count.

    The rows have the columns of :data:`textlab.corpus.table.COLUMNS` (and the spec's extra metadata), the
    dropped lines those of :data:`textlab.corpus.table.LINE_COLUMNS`, the lexicon row those of
    :data:`textlab.corpus.table.LEXICON_COLUMNS`.

    Examples
    --------
    >>> import functools, tempfile
    >>> from textlab.text.segment import segment_whole_file
    >>> path = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = path.write_text("\\nThe party and the class.\\n", encoding="utf-8")
    >>> seg = functools.partial(segment_whole_file, author="A. Adams", title="T", date="1920", kind="primary", work="T")
    >>> spec = SourceSpec(path, "a", "Book", seg, lambda text, lexicon: text)
    >>> rows, drops, lex, n = process_source(spec, Lexicon.from_texts([]))
    >>> [(r["doc_id"], r["text"], r["n_words"]) for r in rows], [d["reason"] for d in drops], n
    ([('a-00002', 'The party and the class.', 5)], ['blank'], 2)
    """
    text = read_text_strict(spec.path)
    lines = split_lines(text)
    seg = spec.segmenter(lines)
    validate(seg, len(lines), spec.name)
    dropped: dict[int, Drop] = {}
    for dr in seg.drops:
        for i in range(dr.line_start, dr.line_end + 1):
            dropped[i] = dr
    english = lexicon.english_set
    rows: list[dict] = []
    raw_known = raw_total = clean_known = clean_total = 0
    for sp in sorted(seg.spans, key=lambda s: s.line_start):
        kept = kept_lines(sp, set(dropped))
        raw = "\n".join(lines[i - 1] for i in kept)
        cleaned = spec.cleaner(raw, lexicon=lexicon)
        k, t = lexicon_share(raw, english)
        raw_known, raw_total = raw_known + k, raw_total + t
        k, t = lexicon_share(cleaned, english)
        clean_known, clean_total = clean_known + k, clean_total + t
        row = {
            "doc_id": f"{spec.source_id}-{sp.line_start:05d}",
            "source": spec.name,
            "line_start": sp.line_start,
            "line_end": sp.line_end,
            "work": sp.work,
            "book": spec.book,
            "title": sp.title,
            "author": sp.author,
            "date": sp.date,
            "year": int(sp.date[:4]),
            "date_basis": sp.date_basis,
            "kind": sp.kind,
            "quoted_author": sp.quoted_author,
            "text": cleaned,
            "n_words": count_words(cleaned),
        }
        if spec.extra:
            row.update(spec.extra)
        rows.append(row)
    doc_at = {}
    for r in rows:
        doc_at[(r["line_start"], r["line_end"])] = r["doc_id"]
    drop_rows = []
    for dr in sorted(seg.drops, key=lambda x: x.line_start):
        inside = next((doc for (a, b), doc in doc_at.items() if a <= dr.line_start and dr.line_end <= b), "")
        drop_rows.append(
            {
                "source": spec.name,
                "line_start": dr.line_start,
                "line_end": dr.line_end,
                "n_lines": dr.line_end - dr.line_start + 1,
                "reason": dr.reason,
                "doc_id": inside,
            }
        )
    lex = {
        "source": spec.name,
        "tokens_raw": raw_total,
        "share_raw": raw_known / raw_total if raw_total else float("nan"),
        "tokens_clean": clean_total,
        "share_clean": clean_known / clean_total if clean_total else float("nan"),
    }
    return rows, drop_rows, lex, len(lines)


def relative_path(path: Path) -> str:
    """``path`` relative to the repository root (:data:`textlab.core.paths.ROOT`) if it is inside it, else absolute.

    >>> relative_path(paths.ROOT / "data" / "raw" / "a.txt")
    'data/raw/a.txt'
    """
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path.resolve())


#: The modules that shape the corpus table (the book modules too): a change to any of them rebuilds the cache;
#: a change elsewhere (figures, topics, the command line) does not.
CORPUS_CODE = (
    "__init__.py",
    "books/*.py",
    "core/*.py",
    "corpus/*.py",
    "text/*.py",
)


def code_key(*, data_tables: bool = False) -> str:
    """Hash of the code that shapes the corpus (:data:`CORPUS_CODE`), for the cache of a built table.

    ``data_tables=True`` (the bundled corpus) adds the repository's data tables (``data/*``: the manifest of the raw
    files, the groups); a user's corpus is keyed on the code alone, so editing the bundled tables rebuilds no
    user's table.

    Raises
    ------
    RuntimeError
        If a pattern of :data:`CORPUS_CODE` names no file (a moved module must not drop out of the key in silence).

    >>> len(code_key()), code_key() == code_key(data_tables=False)
    (64, True)
    """
    h = []
    files = sorted({p for pattern in CORPUS_CODE for p in paths.PACKAGE.glob(pattern)})
    missing = [pattern for pattern in CORPUS_CODE if not any(paths.PACKAGE.glob(pattern))]
    if missing:  # a moved module must not drop out of the key in silence
        raise RuntimeError(f"CORPUS_CODE names no file for {missing}: update it where the corpus code moved")
    for p in files:
        h.append(f"{p.relative_to(paths.PACKAGE)}:{sha256_file(p)}")
    for p in sorted(paths.DATA.glob("*")) if data_tables else ():
        if p.is_file():
            h.append(f"data/{p.name}:{sha256_file(p)}")
    return sha256_bytes("\n".join(h).encode())
