"""A user's corpus larger than memory: :func:`build_corpus_table` streams it from disk, on every core, into a
:class:`CorpusTable` (the same files as :func:`textlab.corpus.build.build_corpus` writes, byte for byte), whose
:meth:`CorpusTable.load` gives the :class:`Corpus`, grouped by author unless told otherwise (``group_by=``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from textlab.core import paths
from textlab.core.io import InputError, atomic_write_text, read_text_strict
from textlab.core.pool import map_stream, resolve_n_jobs
from textlab.corpus.groups import check_group_by
from textlab.corpus.metadata import iter_user_specs, user_key
from textlab.corpus.sources import SourceSpec, process_source, relative_path
from textlab.corpus.table import (
    COLUMNS,
    LEXICON_COLUMNS,
    LINE_COLUMNS,
    TABLE_FILES,
    Corpus,
    load_table,
    read_build_info,
)
from textlab.text.lexicon import Lexicon, consulted_pairs, english_words, pair_counts, word_counts

log = logging.getLogger(__name__)

__all__ = ["CorpusTable", "build_corpus_table"]

#: Characters of cleaned text held before a block of rows is written out (:func:`build_corpus_table`).
_BLOCK_CHARS = 8_000_000


class _TableGrouping:
    """The default of :meth:`CorpusTable.load`'s ``group_by``: the table's own :attr:`CorpusTable.group_by`."""

    def __repr__(self) -> str:
        return "<the table's group_by>"


_TABLE_GROUPING: Any = _TableGrouping()


class CorpusTable:
    """A corpus table on disk (``docs.csv`` and its reports, as :func:`build_corpus_table` writes them).

    Read it in the way the work needs: :meth:`metadata` (every column but the texts); :attr:`docs_csv` as the
    source of :func:`textlab.scale.sources.iter_texts` and :func:`textlab.scale.engines.build_counts`
    (``(doc_id, text)`` pairs streamed a block of rows at a time); or :meth:`load` (the whole :class:`Corpus`,
    when it fits).

    Attributes
    ----------
    out_dir : Path
        The folder of ``docs.csv``, ``line_report.csv``, ``lexicon_report.csv`` and ``build.json``.
    info : dict
        The contents of ``build.json`` (build key, corpus hash, line counts per source, rows, words).
    cached : bool
        Whether the table was found on disk, built earlier from the same inputs and code.
    group_by : str, list of str, path, DataFrame or None
        How the :class:`Corpus` of :meth:`load` groups its rows (``group_by`` of :func:`build_corpus_table`,
        default ``"author"``; the values :func:`~textlab.corpus.build.build_corpus` documents).
    """

    def __init__(self, out_dir: str | Path, info: dict, *, cached: bool = False, group_by: Any = "author") -> None:
        self.out_dir = Path(out_dir)
        self.info = info
        self.cached = cached
        self.group_by = group_by

    def __repr__(self) -> str:
        return (
            f"<CorpusTable {self.info['n_docs']} docs, {self.info['n_words']} words, "
            f"hash {str(self.info['corpus_hash'])[:12]}, in {self.out_dir}>"
        )

    @property
    def docs_csv(self) -> Path:
        """``docs.csv``: one row per document, the columns of :data:`COLUMNS` (plus extra metadata columns)."""
        return self.out_dir / "docs.csv"

    def load(self, *, text: bool = True, group_by: Any = _TABLE_GROUPING) -> Corpus:
        """The table as a :class:`Corpus` in memory (without the ``text`` column if ``text=False``).

        Parameters
        ----------
        text : bool, default True
            Read the ``text`` column too.
        group_by : str, list of str, path, DataFrame or None, optional
            How the Corpus groups its rows (:attr:`Corpus.groups`); default :attr:`group_by`, the grouping the
            table was built with (``"author"`` unless told otherwise). ``None``: the bundled corpus's
            ``data/groups.csv``, which names none of a user's files.

        Raises
        ------
        ValueError
            If ``group_by`` names a column the table does not have.
        """
        by = self.group_by if group_by is _TABLE_GROUPING else group_by
        corpus = load_table(self.out_dir, text=text)
        return corpus if by is None else corpus.grouped(by)

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


def build_corpus_table(
    folder: str | Path,
    metadata_csv: str | Path,
    out_dir: str | Path | None = None,
    *,
    extra_columns: Sequence[str] = (),
    n_jobs: int | None = None,
    chunk_chars: int = 4_000_000,
    progress: bool = True,
    group_by: Any = "author",
) -> CorpusTable:
    """:func:`~textlab.corpus.build.build_corpus` for a corpus larger than memory: streamed from disk, on every core.

    The same table as :func:`~textlab.corpus.build.build_corpus` (``docs.csv``, ``line_report.csv`` and
    ``lexicon_report.csv`` byte for byte, the same corpus hash), built in three passes over the files, each in
    ``n_jobs`` worker processes that read the files themselves, in batches of about ``chunk_chars`` bytes, with
    the results taken in file order (a progress bar per pass):

    1. the words and hyphenated forms of every file (the cleaning lexicon's counts);
    2. the word pairs cleaning can consult (:func:`textlab.text.lexicon.consulted_pairs`), now the counts are known;
    3. segment, clean and attribute each file (as :func:`~textlab.corpus.build.build_corpus`), its rows appended
       to ``docs.csv`` and its dropped lines to ``line_report.csv`` a block at a time.

    Memory holds a few batches of files, a block of rows, the lexicon's counts (word types, not words) and
    each file's id, line count and path (about 0.8 KiB a file), never the texts of the corpus; the metadata
    CSV is read 10,000 rows at a time, once per pass. Files are written beside their final names and
    moved into place when complete, ``build.json`` last: its build key (the hashes of the files, of the
    metadata and of the code) marks a complete table. A second call with the same inputs finds it and
    returns at once (``cached=True``) without cleaning again.

    Parameters
    ----------
    folder, metadata_csv, extra_columns
        As :func:`~textlab.corpus.build.build_corpus`.
    out_dir : path, optional
        Where the table goes; default ``data/processed/corpora/<first 16 hex digits of the build key>``.
    n_jobs : int, optional
        Worker processes; ``None`` or ``-1``: textlab's default (``TEXTLAB_JOBS``, else every core,
        :func:`textlab.core.pool.resolve_n_jobs`), ``1`` runs in this process.
    chunk_chars : int, default 4,000,000
        About how many bytes of files go to a worker at once (at most ``2 * n_jobs`` batches are under way).
    progress : bool, default True
        Show a progress bar (tqdm) for each pass.
    group_by : str, list of str, path, DataFrame or None, default "author"
        How the Corpus of :meth:`CorpusTable.load` groups its rows: a column (``"author"``, ``"year"``), several
        joined with ``+`` (``"author+year"``), a groups table, or ``None`` for ``data/groups.csv``; as
        :func:`~textlab.corpus.build.build_corpus` documents. It does not change the table on disk (nor its key).

    Returns
    -------
    CorpusTable

    Raises
    ------
    InputError
        As :func:`~textlab.corpus.build.build_corpus`, naming the metadata line and column or the file and line.

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
    >>> table.load().groups, table.load(group_by="author+year").groups
    ('author', 'author+year')
    """
    check_group_by(group_by, COLUMNS + list(extra_columns))
    jobs = resolve_n_jobs(n_jobs)
    if chunk_chars < 1:
        raise ValueError(f"chunk_chars must be >= 1, got {chunk_chars}")
    folder, metadata_csv = Path(folder), Path(metadata_csv)

    def files() -> Iterator[tuple[str, SourceSpec]]:  # the sources, read from the metadata again at each pass
        return ((s.name, s) for s in iter_user_specs(folder, metadata_csv, extra_columns, check_files=False))

    key, n_files = user_key((s for _, s in files()), folder, metadata_csv)
    out = Path(out_dir) if out_dir is not None else paths.PROCESSED / "corpora" / key[:16]
    found = read_build_info(out)
    if found is not None and found.get("build_key") == key and all((out / n).is_file() for n in TABLE_FILES):
        log.info("corpus table %s: found, built from the same inputs", out)
        return CorpusTable(out, found, cached=True, group_by=group_by)
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
        _Rows(out / "lexicon_report.csv", LEXICON_COLUMNS),
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
    return CorpusTable(out, info, group_by=group_by)


def _process_spec(spec: SourceSpec, *, lexicon: Lexicon) -> tuple:
    return (relative_path(spec.path), *process_source(spec, lexicon))
