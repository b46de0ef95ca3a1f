"""The corpus table: raw files -> segmented, cleaned, attributed rows.

``load_corpus()`` gives the bundled corpus (built on first use and cached in
``data/processed``); ``build_corpus(folder, metadata_csv)`` builds the same
table from a user's folder of ``.txt`` files.

One row of :attr:`Corpus.docs` is one contiguous span of raw lines. Its
columns are listed in :data:`COLUMNS`. Every raw line is either kept in a row
or listed in :attr:`Corpus.lines` (the line-accounting report) with a named
reason; :meth:`Corpus.check_accounting` proves it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from textlab.core import paths
from textlab.core.io import InputError, atomic_write_csv, atomic_write_text, read_text_strict, sha256_bytes, sha256_file
from textlab.core.pool import map_stream, resolve_n_jobs
from textlab.text.lexicon import Lexicon, consulted_pairs, english_words, lexicon_share, pair_counts, word_counts
from textlab.text.segment import (
    KINDS,
    Drop,
    Segmentation,
    Span,
    kept_lines,
    segment_whole_file,
    split_lines,
    validate,
)

log = logging.getLogger(__name__)

__all__ = [
    "COLUMNS",
    "Corpus",
    "CorpusTable",
    "load_corpus",
    "build_corpus",
    "build_corpus_table",
    "build_bundled",
    "count_words",
    "CorpusError",
]

#: Columns of ``Corpus.docs``, in order.
COLUMNS = [
    "doc_id",
    "source",
    "line_start",
    "line_end",
    "work",
    "book",
    "title",
    "author",
    "date",
    "year",
    "date_basis",
    "kind",
    "quoted_author",
    "text",
    "n_words",
]

#: Columns of the line-accounting report ``Corpus.lines``.
LINE_COLUMNS = ["source", "line_start", "line_end", "n_lines", "reason", "doc_id"]

_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")

Segmenter = Callable[[Sequence[str]], Segmentation]
Cleaner = Callable[..., str]

CorpusError = InputError


def count_words(text: str) -> int:
    """Number of word tokens (letters/digits, inner hyphens and apostrophes kept).

    >>> count_words("The Left-Wing's 138,000 members")
    5
    """
    return len(_WORD_RE.findall(text))


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


def group_columns(spec: Any, docs: pd.DataFrame | None = None) -> list[str] | None:
    """The columns a grouping spec names, or None when it is a table (path, DataFrame or the default).

    A str is a column name when it has no path separator and no ``.csv`` ending (``"author"``,
    ``"author+year"`` for two columns); a list or tuple of str names columns.

    >>> group_columns("author"), group_columns("author+year"), group_columns(["author"])
    (['author'], ['author', 'year'], ['author'])
    >>> group_columns("data/groups.csv") is None
    True
    """
    if spec is None or isinstance(spec, (pd.DataFrame, os.PathLike)):
        return None
    if isinstance(spec, str):
        if "/" in spec or "\\" in spec or spec.endswith(".csv"):
            return None
        return [c.strip() for c in spec.split("+") if c.strip()]
    if isinstance(spec, (list, tuple)) and all(isinstance(c, str) for c in spec):
        return list(spec)
    raise TypeError(
        f"a grouping is a column name, a list of them, a table path or a DataFrame; got {type(spec).__name__}"
    )


class Corpus:
    """A built corpus: the table of documents and the reports beside it.

    Attributes
    ----------
    docs : pandas.DataFrame
        One row per document (span of raw lines), columns :data:`COLUMNS`
        (plus any extra metadata columns of a user's corpus).
    lines : pandas.DataFrame
        Dropped raw lines, one row per run: ``source, line_start, line_end,
        n_lines, reason, doc_id`` (``doc_id`` is the row a dropped line sits
        in, e.g. a running head inside a chapter, else empty).
    lexicon : pandas.DataFrame
        Per source: share of word tokens (3+ letters) the English lexicon
        knows, in the kept raw lines and in the cleaned text.
    info : dict
        Build key, corpus hash, line counts per source, versions.
    groups : str, list of str, path or None
        How comparisons group the rows (:func:`textlab.vocab.keyness.label_groups`):
        ``None`` is the bundled corpus's table ``data/groups.csv``; a column
        name (``"author"``, ``"author+year"``) suits a user's corpus. Set it
        with :meth:`grouped`.

    Examples
    --------
    :func:`load_corpus` and :func:`build_corpus` make one; a small table will do here:

    >>> docs = pd.DataFrame({"doc_id": ["a-00001", "a-00009"], "author": ["Gorter", "Lenin"],
    ...                      "kind": ["primary", "quotation"], "n_words": [120, 30]})
    >>> corpus = Corpus(docs, pd.DataFrame(), pd.DataFrame(), {"corpus_hash": "0123456789abcdef"})
    >>> corpus
    <Corpus 2 docs, 150 words, hash 0123456789ab>
    >>> corpus.select(kind="primary")["doc_id"].tolist()
    ['a-00001']
    >>> corpus.grouped("author")   # doctest: +ELLIPSIS
    <Corpus 2 docs, 150 words, hash ..., grouped by 'author'>
    """

    def __init__(
        self, docs: pd.DataFrame, lines: pd.DataFrame, lexicon: pd.DataFrame, info: dict, groups: Any = None
    ) -> None:
        self.docs = docs
        self.lines = lines
        self.lexicon = lexicon
        self.info = info
        self.groups = groups

    def __repr__(self) -> str:
        by = "" if self.groups is None else f", grouped by {self.groups!r}"
        return f"<Corpus {len(self.docs)} docs, {int(self.docs['n_words'].sum())} words, hash {self.hash[:12]}{by}>"

    @property
    def hash(self) -> str:
        """SHA-256 of the docs table (and of the grouping, when one is set): changes whenever any row or text changes.

        Every cache of comparisons and topic models is keyed on it.
        """
        if self.groups is None:
            return str(self.info["corpus_hash"])
        spec = self.groups if isinstance(self.groups, (str, list, tuple)) else repr(self.groups)
        return sha256_bytes(f"{self.info['corpus_hash']}|groups={json.dumps(spec)}".encode())

    def grouped(self, by: Any) -> Corpus:
        """The same corpus, compared by another grouping (``by`` as :attr:`groups`); the tables are shared.

        >>> c = Corpus(pd.DataFrame({"author": ["A", "B"], "n_words": [3, 4]}), pd.DataFrame(), pd.DataFrame(),
        ...            {"corpus_hash": "abc"})
        >>> g = c.grouped("author")
        >>> g.groups, g.hash != c.hash, c.grouped(None).hash == c.hash
        ('author', True, True)
        """
        cols = group_columns(by)
        if cols is not None and (missing := [x for x in cols if x not in self.docs.columns]):
            raise ValueError(
                f"group_by {missing}: not columns of the corpus table; columns are {list(self.docs.columns)}"
            )
        return Corpus(self.docs, self.lines, self.lexicon, self.info, groups=by)

    def select(self, **criteria: str | Iterable[str] | None) -> pd.DataFrame:
        """Rows whose columns match every criterion (a value or a list of values).

        Examples
        --------
        >>> c = Corpus(pd.DataFrame({"kind": ["primary", "notes"], "author": ["A", "A"]}),
        ...            pd.DataFrame(), pd.DataFrame(), {"corpus_hash": ""})
        >>> len(c.select(kind="primary")), len(c.select(kind=["primary", "notes"], author="B"))
        (1, 0)
        """
        mask = pd.Series(True, index=self.docs.index)
        for col, want in criteria.items():
            if col not in self.docs.columns:
                raise KeyError(f"select: no column {col!r}; columns are {list(self.docs.columns)}")
            if want is None:
                continue
            values = [want] if isinstance(want, str) else list(want)
            mask &= self.docs[col].isin(values)
        return self.docs[mask]

    def accounting(self) -> pd.DataFrame:
        """Lines per source: total, kept in rows, and dropped by reason."""
        rows = []
        for source, n_total in sorted(self.info["n_lines"].items()):
            drops = self.lines[self.lines["source"] == source]
            row: dict[str, Any] = {"source": source, "lines": n_total}
            row["kept"] = n_total - int(drops["n_lines"].sum())
            for reason, n in drops.groupby("reason")["n_lines"].sum().items():
                row[f"dropped_{reason}"] = int(n)
            rows.append(row)
        return pd.DataFrame(rows).fillna(0)

    def raw_lines(self, doc_id: str, *, keep_dropped: bool = False) -> list[str]:
        """The raw lines behind one row (dropped lines left out unless ``keep_dropped``)."""
        row = self.docs.loc[self.docs["doc_id"] == doc_id]
        if row.empty:
            raise KeyError(f"no row with doc_id {doc_id!r}")
        r = row.iloc[0]
        path = Path(self.info["source_paths"][r["source"]])
        if not path.is_absolute():
            path = paths.ROOT / path
        lines = split_lines(read_text_strict(path))
        drops = self.lines[self.lines["doc_id"] == doc_id]
        dropped = {i for a, b in zip(drops["line_start"], drops["line_end"]) for i in range(int(a), int(b) + 1)}
        keep = range(int(r["line_start"]), int(r["line_end"]) + 1)
        return [lines[i - 1] for i in keep if keep_dropped or i not in dropped]

    def check_accounting(self) -> None:
        """Rebuild each source's segmentation from the tables and validate it.

        Raises :class:`textlab.text.segment.SegmentationError` if a raw line is in
        no row and not dropped, or counted twice.
        """
        for source, n_total in self.info["n_lines"].items():
            d = self.docs[self.docs["source"] == source]
            spans = [
                Span(
                    int(r.line_start),
                    int(r.line_end),
                    r.kind,
                    r.author,
                    r.work,
                    r.title,
                    r.date,
                    r.date_basis,
                    r.quoted_author if r.kind == "quotation" else None,
                )
                for r in d.itertuples()
            ]
            lines = self.lines[self.lines["source"] == source]
            drops = [Drop(int(r.line_start), int(r.line_end), r.reason) for r in lines.itertuples()]
            validate(Segmentation(spans, drops), int(n_total), source)


# --------------------------------------------------------------------------- building


def _process_source(spec: SourceSpec, lexicon: Lexicon) -> tuple[list[dict], list[dict], dict, int]:
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


def _build(
    specs: Sequence[SourceSpec], out_dir: Path | None, build_key: str, extra_columns: Sequence[str] = ()
) -> Corpus:
    t0 = time.perf_counter()
    texts = [read_text_strict(s.path) for s in specs]
    lexicon = Lexicon.from_texts(texts, english=english_words())
    all_rows: list[dict] = []
    all_drops: list[dict] = []
    lex_rows: list[dict] = []
    n_lines: dict[str, int] = {}
    for k, spec in enumerate(specs, 1):
        t = time.perf_counter()
        rows, drops, lex, n = _process_source(spec, lexicon)
        log.info(
            "[%d/%d] %s: %d rows, %d lines (%.1f s)", k, len(specs), spec.name, len(rows), n, time.perf_counter() - t
        )
        all_rows += rows
        all_drops += drops
        lex_rows.append(lex)
        n_lines[spec.name] = n
    docs = pd.DataFrame(all_rows, columns=COLUMNS + list(extra_columns))
    ids = docs["doc_id"]
    if ids.duplicated().any():
        raise InputError(f"duplicate doc_id {ids[ids.duplicated()].iloc[0]!r}: two sources share a source id")
    lines = pd.DataFrame(all_drops, columns=LINE_COLUMNS)
    lexicon_df = pd.DataFrame(lex_rows)
    corpus_hash = sha256_bytes(docs.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    info = {
        "build_key": build_key,
        "corpus_hash": corpus_hash,
        "n_lines": n_lines,
        "source_paths": {s.name: _rel(s.path) for s in specs},
        "n_docs": len(docs),
        "n_words": int(docs["n_words"].sum()),
        "versions": {"pandas": pd.__version__},
    }
    corpus = Corpus(docs, lines, lexicon_df, info)
    corpus.check_accounting()
    if out_dir is not None:
        _save(corpus, Path(out_dir))
    log.info("built corpus: %d docs, %d words in %.1f s", len(docs), info["n_words"], time.perf_counter() - t0)
    return corpus


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path.resolve())


def _save(corpus: Corpus, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    # build.json last: its presence with a matching key marks a complete build
    (out_dir / "build.json").unlink(missing_ok=True)
    atomic_write_csv(out_dir / "docs.csv", corpus.docs)
    atomic_write_csv(out_dir / "line_report.csv", corpus.lines)
    atomic_write_csv(out_dir / "lexicon_report.csv", corpus.lexicon)
    atomic_write_text(out_dir / "build.json", json.dumps(corpus.info, indent=2, sort_keys=True) + "\n")


def _load(out_dir: Path, *, text: bool = True) -> Corpus:
    info = json.loads((out_dir / "build.json").read_text(encoding="utf-8"))
    path = out_dir / "docs.csv"
    columns = list(pd.read_csv(path, nrows=0).columns)
    keep = columns if text else [c for c in columns if c != "text"]
    docs = pd.read_csv(path, usecols=keep, dtype=str, keep_default_na=False)[keep]
    for c in INT_COLUMNS:
        docs[c] = docs[c].astype("int64")
    docs["quoted_author"] = docs["quoted_author"].replace("", None)
    lines = pd.read_csv(out_dir / "line_report.csv", dtype={"doc_id": str}, keep_default_na=False)
    lexicon = pd.read_csv(out_dir / "lexicon_report.csv")
    return Corpus(docs, lines, lexicon, info)


#: The modules that shape the corpus table (the book modules too): a change to any of them rebuilds the cache;
#: a change elsewhere (figures, topics, the command line) does not.
CORPUS_CODE = (
    "__init__.py",
    "books/*.py",
    "core/*.py",
    "corpus/*.py",
    "text/*.py",
)


def _code_key() -> str:
    """Hash of the code and data tables that shape the corpus, for the cache."""
    h = []
    files = sorted({p for pattern in CORPUS_CODE for p in paths.PACKAGE.glob(pattern)})
    missing = [pattern for pattern in CORPUS_CODE if not any(paths.PACKAGE.glob(pattern))]
    if missing:  # a moved module must not drop out of the key in silence
        raise RuntimeError(f"CORPUS_CODE names no file for {missing}: update it where the corpus code moved")
    for p in files:
        h.append(f"{p.relative_to(paths.PACKAGE)}:{sha256_file(p)}")
    for p in sorted(paths.DATA.glob("*")):
        if p.is_file():
            h.append(f"data/{p.name}:{sha256_file(p)}")
    return sha256_bytes("\n".join(h).encode())


# --------------------------------------------------------------------------- bundled corpus


def read_manifest(manifest: str | Path | None = None, *, check_hashes: bool = True) -> pd.DataFrame:
    """The manifest of the bundled raw files, with their hashes checked.

    Raises
    ------
    InputError
        If a raw file is missing or its SHA-256 differs from the manifest
        (raw data must never change).
    """
    manifest = Path(manifest) if manifest is not None else paths.MANIFEST
    df = pd.read_csv(manifest, dtype=str, keep_default_na=False)
    if check_hashes:
        for i, r in enumerate(df.itertuples(), start=2):
            path = paths.RAW / str(r.file)
            if not path.exists():
                raise InputError(f"{manifest} line {i}: raw file {path} is missing")
            got = sha256_file(path)
            if got != r.sha256:
                raise InputError(f"{path}: sha256 {got} differs from {manifest} line {i}; raw data must not change")
    return df


def _bundled_specs() -> list[SourceSpec]:
    from textlab.books import get_book

    specs = []
    rows: list[Any] = list(read_manifest().itertuples())
    for r in rows:
        book = get_book(r.segmenter)
        specs.append(SourceSpec(paths.RAW / r.file, r.source_id, book.BOOK, book.segment, book.clean))
    return specs


def build_bundled(out_dir: str | Path | None = None) -> Corpus:
    """Build the bundled corpus from ``data/raw`` and save it to ``out_dir``.

    Examples
    --------
    Skipped in the doctests: it builds the whole bundled corpus.

    >>> import tempfile  # doctest: +SKIP
    >>> out = Path(tempfile.mkdtemp())  # doctest: +SKIP
    >>> corpus = build_bundled(out)  # doctest: +SKIP
    >>> sorted(p.name for p in out.iterdir()), len(corpus.info["n_lines"])  # doctest: +SKIP
    (['build.json', 'docs.csv', 'lexicon_report.csv', 'line_report.csv'], 5)
    """
    out = Path(out_dir) if out_dir is not None else paths.PROCESSED
    key = _code_key()
    return _build(_bundled_specs(), out, key)


def load_corpus(*, rebuild: bool = False) -> Corpus:
    """The bundled corpus, built on first use and cached in ``data/processed``.

    The cache is rebuilt when the raw files, the code or the data tables
    change (a key of their hashes is stored in ``build.json``).

    Examples
    --------
    >>> corpus = load_corpus()            # doctest: +SKIP
    >>> corpus.docs.groupby("author")["n_words"].sum()   # doctest: +SKIP
    """
    out = paths.PROCESSED
    key = _code_key()
    if not rebuild and (out / "build.json").exists():
        try:
            info = json.loads((out / "build.json").read_text(encoding="utf-8"))
            if info.get("build_key") == key:
                return _load(out)
            log.info("corpus cache is stale; rebuilding")
        except (OSError, ValueError) as err:
            log.warning("corpus cache unreadable (%s); rebuilding", err)
    return build_bundled(out)


# --------------------------------------------------------------------------- a user's corpus

REQUIRED_META = ("file", "author", "title", "date")
OPTIONAL_META = ("id", "kind", "work", "book")
_META_DATE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")


def _parse_meta_date(value: str, where: str) -> str:
    m = _META_DATE.match(value.strip())
    if not m:
        raise InputError(f"{where}: cannot parse date {value!r}; use YYYY, YYYY-MM or YYYY-MM-DD")
    return m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")


def _generic_cleaner(text: str, *, lexicon: Lexicon) -> str:
    from textlab.text.clean import default_pipeline

    return default_pipeline(lexicon)(text)


def build_corpus(
    folder: str | Path,
    metadata_csv: str | Path,
    *,
    out_dir: str | Path | None = None,
    extra_columns: Sequence[str] = (),
) -> Corpus:
    """Build a corpus table from a folder of ``.txt`` files and a metadata file.

    Each file becomes one row (the generic segmenter: leading and trailing
    blank lines are dropped) and is cleaned by the generic pipeline of
    :mod:`textlab.text.clean`; no book-specific rule runs.

    Parameters
    ----------
    folder : path
        Folder holding the text files (UTF-8).
    metadata_csv : path
        CSV with one row per file and columns ``file, author, title, date``
        (``date`` as YYYY, YYYY-MM or YYYY-MM-DD) and optionally ``id, kind,
        work, book``.
    out_dir : path, optional
        Where to write ``docs.csv``, ``line_report.csv``,
        ``lexicon_report.csv`` and ``build.json`` (atomically).
    extra_columns : sequence of str
        Further metadata columns to carry into ``docs`` (e.g. ``party``);
        any other unknown column is an error.

    Raises
    ------
    InputError
        Naming the file and line or column: missing or unknown columns,
        unparseable dates, duplicate ids, unknown kinds, missing, empty or
        non-UTF-8 files.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("The party and the class.\\n", encoding="utf-8")
    >>> _ = (d / "meta.csv").write_text("file,author,title,date\\na.txt,A. Author,A title,1921-03\\n")
    >>> c = build_corpus(d, d / "meta.csv")
    >>> c.docs[["doc_id", "author", "date", "n_words"]].values.tolist()
    [['a-00001', 'A. Author', '1921-03', 5]]
    """
    specs, key = _user_specs(Path(folder), Path(metadata_csv), extra_columns)
    return _build(specs, Path(out_dir) if out_dir is not None else None, key, extra_columns)


def _read_meta(metadata_csv: Path, **options: Any) -> Any:
    try:
        return pd.read_csv(metadata_csv, dtype=str, keep_default_na=False, **options)
    except FileNotFoundError:
        raise InputError(f"{metadata_csv}: metadata file not found") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise InputError(f"{metadata_csv}: cannot read as CSV ({err})") from None


def _iter_user_specs(
    folder: Path,
    metadata_csv: Path,
    extra_columns: Sequence[str],
    *,
    check_files: bool = True,
    chunk_rows: int = 10_000,
) -> Iterator[SourceSpec]:
    """The sources a metadata CSV lists, checked (errors naming its line and column), read ``chunk_rows`` at a time."""
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    cols = [c.strip() for c in _read_meta(metadata_csv, nrows=0).columns]
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
        with _read_meta(metadata_csv, chunksize=chunk_rows) as reader:
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


def _user_key(specs: Iterable[SourceSpec], folder: Path, metadata_csv: Path) -> tuple[str, int]:
    """The build key of a user's sources (their ids and file hashes, the code, the metadata) and their number;
    logs the ``.txt`` files of the folder that the metadata does not list."""
    h = hashlib.sha256()
    names: set[str] = set()
    n = 0
    for s in specs:
        h.update(f"{chr(10) if n else ''}{s.source_id}:{sha256_file(s.path)}".encode())  # lines joined by \n
        names.add(s.name)
        n += 1
    h.update((_code_key() + sha256_file(metadata_csv)).encode())
    unlisted = sorted({p.name for p in folder.glob("*.txt")} - names)
    if unlisted:
        log.warning("%s: %d .txt file(s) not in %s, skipped: %s", folder, len(unlisted), metadata_csv, unlisted[:5])
    return h.hexdigest(), n


def _user_specs(folder: Path, metadata_csv: Path, extra_columns: Sequence[str]) -> tuple[list[SourceSpec], str]:
    """The sources a metadata CSV lists (checked, errors naming its line and column) and their build key."""
    specs = list(_iter_user_specs(folder, metadata_csv, extra_columns))
    return specs, _user_key(specs, folder, metadata_csv)[0]


# --------------------------------------------------------------------------- a user's corpus, streamed from disk

#: Integer columns of ``docs.csv`` (every other column is read back as text).
INT_COLUMNS = ("line_start", "line_end", "year", "n_words")

#: The files of a corpus table on disk (``build.json``, written last, marks a complete one).
TABLE_FILES = ("docs.csv", "line_report.csv", "lexicon_report.csv", "build.json")

#: Characters of cleaned text held before a block of rows is written out (:func:`build_corpus_table`).
_BLOCK_CHARS = 8_000_000


class CorpusTable:
    """A corpus table on disk (``docs.csv`` and its reports, as :func:`build_corpus_table` writes them).

    Read it in the way the work needs: :meth:`metadata` (every column but the texts); :attr:`docs_csv` as the
    source of :func:`textlab.scale.sources.iter_texts` and :func:`textlab.scale.build_counts` (``(doc_id, text)``
    pairs streamed a block of rows at a time); or :meth:`load` (the whole :class:`Corpus`, when it fits).

    Attributes
    ----------
    out_dir : Path
        The folder of ``docs.csv``, ``line_report.csv``, ``lexicon_report.csv`` and ``build.json``.
    info : dict
        The contents of ``build.json`` (build key, corpus hash, line counts per source, rows, words).
    cached : bool
        Whether the table was found on disk, built earlier from the same inputs and code.
    """

    def __init__(self, out_dir: str | Path, info: dict, *, cached: bool = False) -> None:
        self.out_dir = Path(out_dir)
        self.info = info
        self.cached = cached

    def __repr__(self) -> str:
        return (
            f"<CorpusTable {self.info['n_docs']} docs, {self.info['n_words']} words, "
            f"hash {str(self.info['corpus_hash'])[:12]}, in {self.out_dir}>"
        )

    @property
    def docs_csv(self) -> Path:
        """``docs.csv``: one row per document, the columns of :data:`COLUMNS` (plus extra metadata columns)."""
        return self.out_dir / "docs.csv"

    def load(self, *, text: bool = True) -> Corpus:
        """The table as a :class:`Corpus` in memory (without the ``text`` column if ``text=False``)."""
        return _load(self.out_dir, text=text)

    def metadata(self) -> pd.DataFrame:
        """Every column of ``docs.csv`` but ``text``."""
        return self.load(text=False).docs


def _file_word_counts(spec: SourceSpec) -> tuple[Counter[str], Counter[str]]:
    return word_counts(read_text_strict(spec.path))


def _file_pair_counts(spec: SourceSpec, *, keep: consulted_pairs) -> Counter[str]:
    return pair_counts(read_text_strict(spec.path), keep)


def _streamed_lexicon(
    files: Callable[[], Iterator[tuple[str, SourceSpec]]], n: int, n_jobs: int, progress: bool
) -> Lexicon:
    """:meth:`Lexicon.from_texts` of the files, read in worker processes, two passes: words and hyphenated
    forms, then only the word pairs cleaning can consult (:func:`textlab.text.lexicon.consulted_pairs`)."""
    words: Counter[str] = Counter()
    hyph: Counter[str] = Counter()
    bar: dict[str, Any] = {"n_jobs": n_jobs, "progress": progress, "total": n}
    for _, (w, h) in map_stream(_file_word_counts, files(), desc="lexicon: words", **bar):
        words.update(w)
        hyph.update(h)
    english = english_words()
    pairs: Counter[str] = Counter()
    count = functools.partial(_file_pair_counts, keep=consulted_pairs(words, english))
    for _, c in map_stream(count, files(), desc="lexicon: pairs", **bar):
        pairs.update(c)
    log.info("lexicon: %d word types, %d hyphenated forms, %d word pairs kept", len(words), len(hyph), len(pairs))
    return Lexicon(english, words, hyphenated=hyph, pairs=pairs)


class _Rows:
    """One CSV written block by block to a temporary file beside its final path, hashed as it goes."""

    def __init__(self, path: Path, columns: Sequence[str]) -> None:
        self.path, self.columns = path, list(columns)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        self.tmp = Path(tmp)
        self.file = os.fdopen(fd, "wb")
        self.hash = hashlib.sha256()
        self.block: list[dict] = []
        self.chars = 0
        self.header = True

    def add(self, rows: Sequence[dict]) -> None:
        self.block += rows
        self.chars += sum(len(r.get("text", "")) for r in rows)
        if self.chars >= _BLOCK_CHARS or len(self.block) >= 10_000:
            self.flush()

    def flush(self) -> None:
        if not self.block and not self.header:
            return
        data = pd.DataFrame(self.block, columns=self.columns).to_csv(
            index=False, header=self.header, lineterminator="\n"
        )
        raw = data.encode("utf-8")
        self.file.write(raw)
        self.hash.update(raw)
        self.block, self.chars, self.header = [], 0, False

    def close(self) -> str:
        self.flush()
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        return self.hash.hexdigest()

    def commit(self) -> None:
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        if not self.file.closed:
            self.file.close()
        self.tmp.unlink(missing_ok=True)


def _read_build(out_dir: Path) -> dict | None:
    try:
        return json.loads((out_dir / "build.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        log.warning("%s: unreadable (%s); building again", out_dir / "build.json", err)
        return None


def build_corpus_table(
    folder: str | Path,
    metadata_csv: str | Path,
    out_dir: str | Path | None = None,
    *,
    extra_columns: Sequence[str] = (),
    n_jobs: int | None = None,
    chunk_chars: int = 4_000_000,
    progress: bool = True,
) -> CorpusTable:
    """:func:`build_corpus` for a corpus larger than memory: streamed from disk, on every core, written once.

    The same table as :func:`build_corpus` (``docs.csv``, ``line_report.csv`` and ``lexicon_report.csv``
    byte for byte, the same corpus hash), built in three passes over the files, each in ``n_jobs`` worker
    processes that read the files themselves, in batches of about ``chunk_chars`` bytes, with the results
    taken in file order (a progress bar per pass):

    1. the words and hyphenated forms of every file (the cleaning lexicon's counts);
    2. the word pairs cleaning can consult (:func:`textlab.text.lexicon.consulted_pairs`), now the counts are known;
    3. segment, clean and attribute each file (as :func:`build_corpus`), its rows appended to ``docs.csv``
       and its dropped lines to ``line_report.csv`` a block at a time.

    Memory holds a few batches of files, a block of rows, the lexicon's counts (word types, not words) and
    each file's id, line count and path (about 0.8 KiB a file), never the texts of the corpus; the metadata
    CSV is read 10,000 rows at a time, once per pass. Files are written beside their final names and
    moved into place when complete, ``build.json`` last: its build key (the hashes of the files, of the
    metadata and of the code) marks a complete table. A second call with the same inputs finds it and
    returns at once (``cached=True``) without cleaning again.

    Parameters
    ----------
    folder, metadata_csv, extra_columns
        As :func:`build_corpus`.
    out_dir : path, optional
        Where the table goes; default ``data/processed/corpora/<first 16 hex digits of the build key>``.
    n_jobs : int, optional
        Worker processes; ``None`` or ``-1`` uses every core, ``1`` runs in this process.
    chunk_chars : int, default 4,000,000
        About how many bytes of files go to a worker at once (at most ``2 * n_jobs`` batches are under way).
    progress : bool, default True
        Show a progress bar (tqdm) for each pass.

    Returns
    -------
    CorpusTable

    Raises
    ------
    InputError
        As :func:`build_corpus`, naming the metadata line and column or the file and line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("The party and the class.\\n", encoding="utf-8")
    >>> _ = (d / "b.txt").write_text("\\nThe class struggle.\\n", encoding="utf-8")
    >>> _ = (d / "meta.csv").write_text("file,author,title,date\\na.txt,A. Author,A,1921\\nb.txt,B. Brown,B,1922\\n")
    >>> table = build_corpus_table(d, d / "meta.csv", d / "built", n_jobs=1, progress=False)
    >>> table.cached, table.metadata()[["doc_id", "author", "n_words"]].values.tolist()
    (False, [['a-00001', 'A. Author', 5], ['b-00002', 'B. Brown', 3]])
    >>> from textlab.scale.sources import iter_texts
    >>> list(iter_texts(table.docs_csv, where={"author": "B. Brown"}))
    [('b-00002', 'The class struggle.')]
    >>> build_corpus_table(d, d / "meta.csv", d / "built", n_jobs=1, progress=False).cached
    True
    """
    jobs = resolve_n_jobs(n_jobs)
    if chunk_chars < 1:
        raise ValueError(f"chunk_chars must be >= 1, got {chunk_chars}")
    folder, metadata_csv = Path(folder), Path(metadata_csv)

    def files() -> Iterator[tuple[str, SourceSpec]]:  # the sources, read from the metadata again at each pass
        return ((s.name, s) for s in _iter_user_specs(folder, metadata_csv, extra_columns, check_files=False))

    key, n_files = _user_key((s for _, s in files()), folder, metadata_csv)
    out = Path(out_dir) if out_dir is not None else paths.PROCESSED / "corpora" / key[:16]
    found = _read_build(out)
    if found is not None and found.get("build_key") == key and all((out / n).is_file() for n in TABLE_FILES):
        log.info("corpus table %s: found, built from the same inputs", out)
        return CorpusTable(out, found, cached=True)
    if not n_files:
        raise InputError(f"{metadata_csv}: no rows under the header; list one .txt file of {folder} per line")
    t0 = time.perf_counter()
    lexicon = _streamed_lexicon(files, n_files, jobs, progress)
    out.mkdir(parents=True, exist_ok=True)
    if found is not None:
        (out / "build.json").unlink(missing_ok=True)  # another build's table: no longer complete
    writers = [
        _Rows(out / "docs.csv", COLUMNS + list(extra_columns)),
        _Rows(out / "line_report.csv", LINE_COLUMNS),
        _Rows(out / "lexicon_report.csv", ["source", "tokens_raw", "share_raw", "tokens_clean", "share_clean"]),
    ]
    docs, lines, lexicon_rows = writers
    n_lines: dict[str, int] = {}
    source_paths: dict[str, str] = {}
    seen: set[str] = set()
    n_docs = n_words = 0
    try:
        work = functools.partial(_process_spec, lexicon=lexicon)
        results = map_stream(
            work,
            files(),
            n_jobs=jobs,
            chunk_chars=chunk_chars,
            progress=progress,
            total=n_files,
            desc="clean and segment",
        )
        for name, (path, rows, drops, lex, n) in results:
            for r in rows:
                if r["doc_id"] in seen:
                    raise InputError(f"duplicate doc_id {r['doc_id']!r} (in {name}): two sources share a source id")
                seen.add(r["doc_id"])
                n_words += r["n_words"]
            n_docs += len(rows)
            docs.add(rows)
            lines.add(drops)
            lexicon_rows.add([lex])
            n_lines[name] = n
            source_paths[name] = path
        corpus_hash = docs.close()
        lines.close()
        lexicon_rows.close()
        for w in writers:
            w.commit()
    finally:
        for w in writers:
            w.discard()
    info = {
        "build_key": key,
        "corpus_hash": corpus_hash,
        "n_lines": n_lines,
        "source_paths": source_paths,
        "n_docs": n_docs,
        "n_words": n_words,
        "versions": {"pandas": pd.__version__},
    }
    atomic_write_text(out / "build.json", json.dumps(info, indent=2, sort_keys=True) + "\n")
    log.info("built corpus table %s: %d docs, %d words in %.1f s", out, n_docs, n_words, time.perf_counter() - t0)
    return CorpusTable(out, info)


def _process_spec(spec: SourceSpec, *, lexicon: Lexicon) -> tuple:
    return (_rel(spec.path), *_process_source(spec, lexicon))
