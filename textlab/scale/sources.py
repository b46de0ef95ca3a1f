"""Text sources of the streamed path: a folder of ``.txt`` files, a CSV table, a DataFrame, or a function of pairs.

:func:`iter_texts` streams ``(doc_id, text)`` pairs from a source one at a time, never the whole corpus in
memory; :func:`folder_files` and :func:`file_id` are how a folder's documents are listed and named (the
local workers and Spark's executors read the files themselves, so they list a folder the same way);
:func:`source_units` gives the units the workers read (a folder's files, or the texts of a table) and
:func:`read_unit` reads one; :func:`scan_texts` and :func:`hash_texts` hash and count a stream;
:func:`describe_source` names a source in messages and manifests.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "b.txt").write_text("second text", encoding="utf-8")
>>> _ = (d / "a.txt").write_text("first", encoding="utf-8")
>>> list(iter_texts(d)), [file_id(d, p) for p in folder_files(d, "*.txt")]
([('a', 'first'), ('b', 'second text')], ['a', 'b'])
>>> scan_texts(iter_texts(d)).n_words
3
"""

from __future__ import annotations

import hashlib
import os
import random
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import pandas as pd

from textlab.core.io import InputError, read_text_strict

__all__ = [
    "Pair",
    "Source",
    "iter_texts",
    "folder_files",
    "file_id",
    "describe_source",
    "source_units",
    "read_unit",
    "scan_texts",
    "hash_texts",
    "ScanResult",
]

#: A document: ``(doc_id, text)``.
Pair: TypeAlias = tuple[str, str]

#: A source of documents: a folder of text files, a ``.csv`` table or a DataFrame (:func:`iter_texts`).
Source: TypeAlias = "str | os.PathLike[str] | pd.DataFrame"


def iter_texts(
    source: Source,
    *,
    pattern: str = "*.txt",
    id_column: str = "doc_id",
    text_column: str = "text",
    where: Mapping[str, str | Sequence[str]] | None = None,
    chunk_rows: int = 1000,
) -> Iterator[Pair]:
    """Stream ``(doc_id, text)`` pairs from a folder of text files or from a table, one at a time.

    Parameters
    ----------
    source : path or pandas.DataFrame
        A folder: its files matching ``pattern``, sorted by their path relative to the folder; the
        document id is that path without its suffix (``"a"`` for ``a.txt``); each file is read as strict
        UTF-8 (:func:`textlab.core.io.read_text_strict`). A ``.csv`` file: read ``chunk_rows`` rows at a
        time (pandas ``chunksize``), so the whole table is never in memory. A DataFrame: its rows.
    pattern : str, default "*.txt"
        Glob of the files of a folder (``"**/*.txt"`` to descend into subfolders).
    id_column, text_column : str
        Columns of a table.
    where : mapping, optional
        Keep only the table rows whose columns hold one of the given values, e.g.
        ``{"kind": ["primary"]}`` for the primary rows of ``data/processed/docs.csv``.
    chunk_rows : int, default 1000
        Rows of a CSV read at a time.

    Yields
    ------
    (str, str)

    Raises
    ------
    InputError
        Naming the path: a missing folder or file, a folder with no matching file, a file that is
        empty or not UTF-8 (with its line), a table without the columns.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name, text in [("b.txt", "second"), ("a.txt", "first"), ("notes.md", "skipped")]:
    ...     _ = (d / name).write_text(text, encoding="utf-8")
    >>> list(iter_texts(d))
    [('a', 'first'), ('b', 'second')]
    >>> _ = (d / "t.csv").write_text("doc_id,kind,text\\nx,primary,one\\ny,notes,two\\nz,primary,three\\n")
    >>> list(iter_texts(d / "t.csv", where={"kind": "primary"}, chunk_rows=1))
    [('x', 'one'), ('z', 'three')]
    """
    if isinstance(source, pd.DataFrame):
        return _iter_frame(source, id_column, text_column, where, "DataFrame")
    path = Path(source)
    if path.is_dir():
        return _iter_files(path, folder_files(path, pattern))
    if path.is_file():
        if path.suffix.lower() != ".csv":
            raise InputError(f"{path}: a source is a folder of text files or a .csv table, not a {path.suffix} file")
        if chunk_rows < 1:
            raise ValueError(f"chunk_rows must be >= 1, got {chunk_rows}")
        return _iter_csv(path, id_column, text_column, where, chunk_rows)
    raise InputError(f"{path}: no such folder or file")


def folder_files(folder: Path, pattern: str) -> list[Path]:
    """The files of a folder source matching ``pattern``, sorted by their path relative to it (:func:`iter_texts`).

    Raises
    ------
    InputError
        When no file matches, naming the folder and the pattern.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ["b.txt", "a.txt", "c.md"]:
    ...     _ = (d / name).write_text("x", encoding="utf-8")
    >>> [p.name for p in folder_files(d, "*.txt")]
    ['a.txt', 'b.txt']
    """
    files = sorted((p for p in folder.glob(pattern) if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())
    if not files:
        raise InputError(f"{folder}: no files matching {pattern!r}")
    return files


def file_id(folder: Path, path: Path) -> str:
    """The document id of a file of a folder source: its path relative to the folder, without its suffix.

    >>> file_id(Path("texts"), Path("texts/1920/open_letter.txt"))
    '1920/open_letter'
    """
    return path.relative_to(folder).with_suffix("").as_posix()


def _iter_files(folder: Path, files: list[Path]) -> Iterator[Pair]:
    for p in files:
        yield file_id(folder, p), read_text_strict(p)


def _where_mask(frame: pd.DataFrame, where: Mapping[str, str | Sequence[str]] | None, name: str) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for col, want in (where or {}).items():
        if col not in frame.columns:
            raise InputError(f"{name}: no column {col!r} to select on; columns are {list(frame.columns)}")
        mask &= frame[col].isin([want] if isinstance(want, str) else list(want))
    return mask


def _iter_frame(
    frame: pd.DataFrame, id_column: str, text_column: str, where: Mapping[str, Any] | None, name: str
) -> Iterator[Pair]:
    missing = [c for c in (id_column, text_column) if c not in frame.columns]
    if missing:
        raise InputError(f"{name}: no column(s) {missing}; columns are {list(frame.columns)}")
    rows = frame[_where_mask(frame, where, name)]
    for doc_id, text in zip(rows[id_column].astype(str), rows[text_column]):
        if not isinstance(text, str):
            raise InputError(f"{name}: the text of document {doc_id!r} is not a str ({type(text).__name__})")
        yield doc_id, text


def _iter_csv(
    path: Path, id_column: str, text_column: str, where: Mapping[str, Any] | None, chunk_rows: int
) -> Iterator[Pair]:
    try:
        reader = pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=chunk_rows, encoding="utf-8")
        with reader:
            for frame in reader:
                yield from _iter_frame(frame, id_column, text_column, where, str(path))
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start} of a block)") from None
    except pd.errors.ParserError as err:
        raise InputError(f"{path}: cannot read as CSV ({err})") from None
    except pd.errors.EmptyDataError:
        raise InputError(f"{path}: file is empty") from None


def describe_source(source: Any) -> str:
    """A source as messages and manifests name it: its path, a DataFrame's size, or a function's repr.

    >>> describe_source(pd.DataFrame({"doc_id": ["a"], "text": ["x"]})), describe_source("texts/")
    ('DataFrame of 1 rows', 'texts/')
    """
    if isinstance(source, pd.DataFrame):
        return f"DataFrame of {len(source)} rows"
    return repr(source) if callable(source) else str(source)


def source_units(
    source: Source | Callable[[], Iterable[Pair]], **source_options: Any
) -> Iterator[tuple[str, str | Path]]:
    """The units of a source that workers read: ``(doc_id, file)`` for a folder, else ``(doc_id, text)``.

    A folder's files are listed here (as :func:`iter_texts` lists them: only ``pattern`` applies) and read
    by whoever takes the unit (:func:`read_unit`); a table's texts are read here (:func:`iter_texts` with
    ``source_options``); a function is called and its pairs taken as they are.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("first", encoding="utf-8")
    >>> [(doc_id, read_unit(unit)) for doc_id, unit in source_units(d)]
    [('a', 'first')]
    >>> list(source_units(lambda: [("x", "a text")]))
    [('x', 'a text')]
    """
    if callable(source) and not isinstance(source, pd.DataFrame):
        return iter(source())
    if not isinstance(source, pd.DataFrame):
        path = Path(source)
        if path.is_dir():
            pattern = source_options.get("pattern", "*.txt")
            unknown = set(source_options) - {"pattern"}
            if unknown:
                raise TypeError(f"options {sorted(unknown)} apply to tables, and {path} is a folder")
            return ((file_id(path, p), p) for p in folder_files(path, pattern))
    return iter_texts(source, **source_options)


def read_unit(payload: str | Path) -> str:
    """The text of a unit of :func:`source_units`: a text as it is, or a file read as strict UTF-8.

    >>> read_unit("a text")
    'a text'
    """
    return read_text_strict(payload) if isinstance(payload, Path) else payload


@dataclass
class ScanResult:
    """One pass over a text stream: its hash, its size and a sample of its texts (:func:`scan_texts`)."""

    sha256: str
    n_docs: int
    n_chars: int
    n_words: int
    sample: list[str] = field(repr=False, default_factory=list)


def scan_texts(pairs: Iterable[Pair], *, sample_docs: int = 0, seed: int = 0) -> ScanResult:
    """Hash a stream of ``(doc_id, text)`` pairs, count it, and draw a seeded sample of its texts.

    The hash covers the ids, the texts and their order. The sample is a reservoir sample (Algorithm R)
    of at most ``sample_docs`` texts, kept in stream order: every text when there are no more than that.
    Memory: the sample.

    >>> s = scan_texts([("a", "one two"), ("b", "three")], sample_docs=5)
    >>> s.n_docs, s.n_words, s.sample, s.sha256 == hash_texts([("a", "one two"), ("b", "three")])
    (2, 3, ['one two', 'three'], True)
    """
    h = hashlib.sha256()
    rng = random.Random(seed)
    reservoir: list[tuple[int, str]] = []
    n = n_chars = n_words = 0
    for doc_id, text in pairs:
        if not isinstance(text, str):
            raise TypeError(f"text of document {doc_id!r} must be str, got {type(text).__name__}")
        d = str(doc_id).encode("utf-8")
        t = text.encode("utf-8")
        h.update(b"%d:%d:" % (len(d), len(t)))
        h.update(d)
        h.update(t)
        if sample_docs > 0:
            if n < sample_docs:
                reservoir.append((n, text))
            else:
                j = rng.randint(0, n)
                if j < sample_docs:
                    reservoir[j] = (n, text)
        n += 1
        n_chars += len(text)
        n_words += len(text.split())
    reservoir.sort()
    return ScanResult(h.hexdigest(), n, n_chars, n_words, [t for _, t in reservoir])


def hash_texts(pairs: Iterable[Pair]) -> str:
    """SHA-256 of a stream of ``(doc_id, text)`` pairs (ids, texts and order), read once.

    >>> hash_texts([("a", "x")]) == hash_texts([("a", "x")]) != hash_texts([("b", "x")])
    True
    """
    return scan_texts(pairs).sha256
