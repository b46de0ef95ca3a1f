"""Building a corpus table in memory: the bundled corpus (:func:`load_corpus`), a user's folder (:func:`build_corpus`).

``load_corpus()`` gives the bundled corpus (built on first use from ``data/raw`` by the book modules and cached
in ``data/processed``) and compares the groups of its table ``data/groups.csv``; ``build_corpus(folder,
metadata_csv)`` builds the same table from a user's folder of ``.txt`` files, grouped by author unless told
otherwise (``group_by=``). For a corpus larger than memory, :func:`textlab.corpus.streamed.build_corpus_table`
builds the same table streamed from disk.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from textlab.books import get_book
from textlab.core import paths
from textlab.core.io import InputError, read_text_strict, sha256_file
from textlab.corpus.groups import check_group_by
from textlab.corpus.metadata import user_specs
from textlab.corpus.sources import SourceSpec, code_key, process_source, relative_path
from textlab.corpus.table import COLUMNS, LINE_COLUMNS, Corpus, TextOptions, load_table, save_table, table_hash
from textlab.text.lexicon import Lexicon, english_words

log = logging.getLogger(__name__)

__all__ = ["load_corpus", "build_corpus", "build_bundled", "bundled_text_options", "read_manifest"]


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
        rows, drops, lex, n = process_source(spec, lexicon)
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
    corpus_hash = table_hash(docs)
    info = {
        "build_key": build_key,
        "corpus_hash": corpus_hash,
        "n_lines": n_lines,
        "source_paths": {s.name: relative_path(s.path) for s in specs},
        "n_docs": len(docs),
        "n_words": int(docs["n_words"].sum()),
        "versions": {"pandas": pd.__version__},
    }
    corpus = Corpus(docs, lines, lexicon_df, info)
    corpus.check_accounting()
    if out_dir is not None:
        save_table(corpus, Path(out_dir))
    log.info("built corpus: %d docs, %d words in %.1f s", len(docs), info["n_words"], time.perf_counter() - t0)
    return corpus


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
    specs = []
    rows: list[Any] = list(read_manifest().itertuples())
    for r in rows:
        book = get_book(r.segmenter)
        specs.append(SourceSpec(paths.RAW / r.file, r.source_id, book.BOOK, book.segment, book.clean))
    return specs


#: The bundled corpus's names for its topics (an editable table; a user's corpus has none unless given one).
BUNDLED_TOPIC_NAMES = paths.DATA / "topic_names.csv"
#: The bundled corpus's edits of the English stopword list and its editions' spelling table (a user's corpus
#: has neither unless given them: :meth:`textlab.corpus.table.Corpus.with_text_options`).
BUNDLED_STOPWORD_EDITS = paths.DATA / "stopwords.txt"
BUNDLED_SPELLING_TABLE = paths.DATA / "spelling_variants.csv"


def bundled_text_options() -> TextOptions:
    """The bundled corpus's text options: English, lemmas, and its editions' choices from ``data/``.

    ``data/stopwords.txt`` edits the English list ("front", "third", "interest" and other words that carry meaning
    in its texts taken back; "mr", "st", "shall" added); ``data/spelling_variants.csv`` unifies its editions'
    spellings (``czar`` -> ``tsar``, ``Bucharin`` -> ``Bukharin``, ``Alma Ata`` -> ``Alma-Ata``).

    >>> o = bundled_text_options()
    >>> o.language, o.stopwords, Path(o.stopword_edits).name, Path(o.spelling_table).name
    ('en', 'default', 'stopwords.txt', 'spelling_variants.csv')
    """
    return TextOptions(stopword_edits=str(BUNDLED_STOPWORD_EDITS), spelling_table=str(BUNDLED_SPELLING_TABLE))


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
    key = code_key(data_tables=True)
    corpus = _build(_bundled_specs(), out, key)
    corpus.topic_names = BUNDLED_TOPIC_NAMES
    corpus.text_options = bundled_text_options()
    return corpus


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
    key = code_key(data_tables=True)
    if not rebuild and (out / "build.json").exists():
        try:
            info = json.loads((out / "build.json").read_text(encoding="utf-8"))
            if info.get("build_key") == key:
                corpus = load_table(out)
                corpus.topic_names = BUNDLED_TOPIC_NAMES
                corpus.text_options = bundled_text_options()
                return corpus
            log.info("corpus cache is stale; rebuilding")
        except (OSError, ValueError) as err:
            log.warning("corpus cache unreadable (%s); rebuilding", err)
    return build_bundled(out)


def build_corpus(
    folder: str | Path,
    metadata_csv: str | Path,
    *,
    out_dir: str | Path | None = None,
    extra_columns: Sequence[str] = (),
    group_by: Any = "author",
) -> Corpus:
    """Build a corpus table from a folder of ``.txt`` files and a metadata file, grouped by author.

    Each file becomes one row (the generic segmenter: leading and trailing
    blank lines are dropped) and is cleaned by the generic pipeline of
    :mod:`textlab.text.clean`; no book-specific rule runs. The metadata is read
    and checked by :func:`textlab.corpus.metadata.iter_user_specs`.

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
    group_by : str, list of str, path, DataFrame or None, default "author"
        How comparisons group the rows (:attr:`Corpus.groups`, :func:`textlab.corpus.groups.label_groups`): a
        column of the table (``"author"``, ``"year"``, ``"work"``, an extra column such as ``"party"``), several
        joined with ``+`` (``"author+year"``: one group per author and year) or listed (``["author", "year"]``),
        or a groups table (a CSV path or a DataFrame with key columns and a ``group`` column). ``None`` is the
        bundled corpus's table ``data/groups.csv``, which names none of a user's files: every comparison then
        fails with :class:`textlab.corpus.groups.NoGroupsError`. :meth:`Corpus.grouped` regroups a corpus.

    Raises
    ------
    InputError
        Naming the file and line or column: missing or unknown columns,
        unparseable dates, duplicate ids, unknown kinds, missing, empty or
        non-UTF-8 files.
    ValueError
        If ``group_by`` names a column the table does not have (before anything is built).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("The party and the class.\\n", encoding="utf-8")
    >>> _ = (d / "meta.csv").write_text("file,author,title,date\\na.txt,A. Author,A title,1921-03\\n")
    >>> c = build_corpus(d, d / "meta.csv")
    >>> c.docs[["doc_id", "author", "date", "n_words"]].values.tolist(), c.groups
    ([['a-00001', 'A. Author', '1921-03', 5]], 'author')
    >>> build_corpus(d, d / "meta.csv", group_by="author+year").groups
    'author+year'
    """
    check_group_by(group_by, COLUMNS + list(extra_columns))
    specs, key = user_specs(Path(folder), Path(metadata_csv), extra_columns)
    corpus = _build(specs, Path(out_dir) if out_dir is not None else None, key, extra_columns)
    return corpus if group_by is None else corpus.grouped(group_by)
