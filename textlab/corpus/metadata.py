"""A user's corpus: the metadata CSV that lists a folder's ``.txt`` files, read and checked, as sources.

Each line of the metadata names one file and its ``author``, ``title`` and ``date`` (and optionally ``id``,
``kind``, ``work``, ``book`` and the caller's extra columns). :func:`iter_user_specs` turns the lines into
:class:`~textlab.corpus.sources.SourceSpec` objects (the generic segmenter and cleaner: a user's files get no
book-specific rule), reading the CSV a block of lines at a time; errors name the file, line and column.
:func:`user_key` is the build key of those sources.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from textlab.core.io import InputError, read_text_strict, sha256_file
from textlab.corpus.sources import SourceSpec, code_key
from textlab.text.clean import default_pipeline
from textlab.text.lexicon import Lexicon
from textlab.text.segment import KINDS, segment_whole_file

log = logging.getLogger(__name__)

__all__ = ["REQUIRED_META", "OPTIONAL_META", "METADATA_TEMPLATE", "iter_user_specs", "user_key", "user_specs"]

REQUIRED_META = ("file", "author", "title", "date")
OPTIONAL_META = ("id", "kind", "work", "book")
#: A metadata CSV to copy and fill in: every column a user's corpus build reads, with example rows
#: (``importlib.resources`` traversable; ``METADATA_TEMPLATE.read_text()`` gives its text).
METADATA_TEMPLATE = importlib.resources.files("textlab.corpus") / "data" / "metadata_template.csv"
_META_DATE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")


def _parse_meta_date(value: str, where: str) -> str:
    m = _META_DATE.match(value.strip())
    if not m:
        raise InputError(f"{where}: cannot parse date {value!r}; use YYYY, YYYY-MM or YYYY-MM-DD")
    return m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")


def _generic_cleaner(text: str, *, lexicon: Lexicon) -> str:
    return default_pipeline(lexicon)(text)


def _read_metadata(metadata_csv: Path, **options: Any) -> Any:
    try:
        return pd.read_csv(metadata_csv, dtype=str, keep_default_na=False, **options)
    except FileNotFoundError:
        raise InputError(f"{metadata_csv}: metadata file not found") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise InputError(f"{metadata_csv}: cannot read as CSV ({err})") from None


def iter_user_specs(
    folder: Path,
    metadata_csv: Path,
    extra_columns: Sequence[str],
    *,
    check_files: bool = True,
    chunk_rows: int = 10_000,
) -> Iterator[SourceSpec]:
    """The sources a metadata CSV lists, checked (errors naming its line and column), read ``chunk_rows`` at a time.

    Parameters
    ----------
    folder : Path
        The folder of the ``.txt`` files.
    metadata_csv : Path
        The metadata (columns :data:`REQUIRED_META`, optionally :data:`OPTIONAL_META` and ``extra_columns``).
    extra_columns : sequence of str
        Further columns to carry into every row of the source.
    check_files : bool, default True
        Read each file once as it is listed, to fail early on a file that is not UTF-8.
    chunk_rows : int, default 10,000
        Lines of the metadata read at a time.

    Raises
    ------
    InputError
        Naming the metadata file and line (and column) or the text file.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("The party.\\n", encoding="utf-8")
    >>> _ = (d / "meta.csv").write_text("file,author,title,date\\na.txt,A. Adams,A,1921-3\\n", encoding="utf-8")
    >>> next(iter_user_specs(d, d / "meta.csv", ()))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    textlab.core.io.InputError: ...meta.csv line 2, column 'date': cannot parse date '1921-3'; use YYYY, ...
    """
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    cols = [c.strip() for c in _read_metadata(metadata_csv, nrows=0).columns]
    missing = [c for c in REQUIRED_META if c not in cols]
    if missing:
        raise InputError(f"{metadata_csv}: missing column(s) {missing}; required: {list(REQUIRED_META)}")
    unknown = [c for c in cols if c not in REQUIRED_META + OPTIONAL_META + tuple(extra_columns)]
    if unknown:
        raise InputError(
            f"{metadata_csv}: unknown column(s) {unknown}; known: {list(REQUIRED_META + OPTIONAL_META)} "
            f"(pass extra_columns= to keep your own)"
        )
    seen: dict[str, int] = {}
    i = 1  # line 1 is the header
    try:
        with _read_metadata(metadata_csv, chunksize=chunk_rows) as reader:
            for chunk in reader:
                chunk.columns = cols
                for r in chunk.to_dict("records"):
                    i += 1
                    yield _user_spec(folder, r, f"{metadata_csv} line {i}", seen, i, extra_columns, check_files)
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise InputError(f"{metadata_csv}: cannot read as CSV ({err})") from None


def _user_spec(
    folder: Path, r: dict, where: str, seen: dict[str, int], line: int, extra_columns: Sequence[str], check_file: bool
) -> SourceSpec:
    for c in REQUIRED_META:
        if not r[c].strip():
            raise InputError(f"{where}: empty {c!r}")
    path = folder / r["file"]
    if not path.is_file():
        raise InputError(f"{where}: file {path} not found")
    sid = (r.get("id") or path.stem).strip()
    if not re.fullmatch(r"[\w.-]+", sid):
        raise InputError(f"{where}: id {sid!r} must be letters, digits, '.', '_' or '-'")
    if sid in seen:
        raise InputError(f"{where}: duplicate id {sid!r} (first on line {seen[sid]})")
    seen[sid] = line
    date = _parse_meta_date(r["date"], f"{where}, column 'date'")
    kind = (r.get("kind") or "primary").strip()
    if kind not in KINDS:
        raise InputError(f"{where}, column 'kind': unknown kind {kind!r}; expected one of {KINDS}")
    if check_file:
        read_text_strict(path)  # fail early, naming the file and line
    author, title = r["author"].strip(), r["title"].strip()
    work = (r.get("work") or title).strip()
    segmenter = functools.partial(segment_whole_file, author=author, title=title, date=date, kind=kind, work=work)
    extra = {c: r[c] for c in extra_columns}
    return SourceSpec(path, sid, (r.get("book") or title).strip(), segmenter, _generic_cleaner, extra)


def user_key(specs: Iterable[SourceSpec], folder: Path, metadata_csv: Path) -> tuple[str, int]:
    """The build key of a user's sources (their ids and file hashes, the code, the metadata) and their number;
    logs the ``.txt`` files of the folder that the metadata does not list.

    The sources are read once, in order (an iterator will do: the streamed build passes them one at a time).
    """
    h = hashlib.sha256()
    names: set[str] = set()
    n = 0
    for s in specs:
        h.update(f"{chr(10) if n else ''}{s.source_id}:{sha256_file(s.path)}".encode())  # lines joined by \n
        names.add(s.name)
        n += 1
    h.update((code_key() + sha256_file(metadata_csv)).encode())
    unlisted = sorted({p.name for p in folder.glob("*.txt")} - names)
    if unlisted:
        log.warning("%s: %d .txt file(s) not in %s, skipped: %s", folder, len(unlisted), metadata_csv, unlisted[:5])
    return h.hexdigest(), n


def user_specs(folder: Path, metadata_csv: Path, extra_columns: Sequence[str]) -> tuple[list[SourceSpec], str]:
    """The sources a metadata CSV lists (checked, errors naming its line and column) and their build key.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("The party.\\n", encoding="utf-8")
    >>> _ = (d / "meta.csv").write_text("file,author,title,date,party\\na.txt,A. Adams,A,1921,X\\n", encoding="utf-8")
    >>> specs, key = user_specs(d, d / "meta.csv", ["party"])
    >>> [(s.source_id, s.book, s.extra) for s in specs], len(key)
    ([('a', 'A', {'party': 'X'})], 64)
    """
    specs = list(iter_user_specs(folder, metadata_csv, extra_columns))
    return specs, user_key(specs, folder, metadata_csv)[0]
