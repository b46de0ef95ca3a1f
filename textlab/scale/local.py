"""Corpora larger than memory on one machine: stream texts from disk, tokenise on every core, count to disk once.

The local path, each step bounded in memory by a batch (a chunk of documents), never by the corpus:

1. :func:`iter_texts` streams ``(doc_id, text)`` pairs from a folder of ``.txt`` files (sorted by name)
   or from a table (a CSV with ``doc_id`` and ``text`` columns, read ``chunk_rows`` rows at a time);
   :func:`chunk_texts` cuts them into fixed-size chunks as :func:`textlab.topics.model.chunk_rows` does.
2. :func:`tokenize_stream` tokenises them in a process pool (``n_jobs`` workers, ``fork`` where the
   platform has it), batch by batch, and yields ``(doc_id, tokens)`` in input order: exactly what the
   serial :class:`~textlab.features.tokenize.Tokenizer` gives. :func:`map_stream` is the same ordered pool for any
   text -> value function (cleaning, for one).
3. :func:`count_to_disk` counts the token stream into a sparse document-term matrix, row block by row
   block, and writes it atomically to a folder: ``counts.npz`` (CSR, readable by
   :func:`scipy.sparse.load_npz`), ``vocab.json``, ``doc_ids.json``, the token ids of every document
   (``tokens.npy``, ``token_offsets.npy``, ``terms.json``) and ``manifest.json`` (the input key and the
   settings; written last, so its presence marks a complete result).
4. :func:`build_counts` runs 1-3 on a source, keyed on a hash of the texts and of the tokenizer's
   settings and code: a second call with the same inputs returns the result on disk without
   tokenising again (``CountsInfo.cached``).
5. :class:`StreamedCounts` reads the counts back in row blocks through memory maps, as a gensim
   streamed corpus (bag-of-words rows, ``len``); :func:`fit_streamed` fits LDA on it (gensim's
   variational Bayes, batch updates, the E-step spread over ``n_jobs`` processes) and returns a
   :class:`textlab.topics.model.TopicModel`; :func:`streamed_coherence` scores its topics from document
   co-occurrence counted block by block.

Phrases. :class:`~textlab.features.tokenize.Tokenizer` learns its phrases (gensim ``Phrases``) from texts it
holds in memory, so :func:`build_counts` fits it on a sample: at most ``sample_docs`` documents drawn
at random (seeded) after the hashing pass has counted them (memory: the sample). A corpus of at most
``sample_docs`` documents is its own sample, and then the counts equal the in-memory path's
(:class:`textlab.features.dtm.DTMVectorizer` fitting phrases on all the texts). :func:`tokenize_stream` itself
takes a tokenizer fitted beforehand (or one with ``phrases=False``), on whatever texts the caller chose.

Examples
--------
>>> import tempfile, pathlib
>>> from textlab.features.tokenize import Tokenizer
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "b.txt").write_text("The class struggle.", encoding="utf-8")
>>> _ = (d / "a.txt").write_text("The party and the class.", encoding="utf-8")
>>> info = build_counts(d, d / "counts", tokenizer=Tokenizer(phrases=False), n_jobs=1, progress=False)
>>> info.cached, info.n_docs, info.n_terms
(False, 2, 3)
>>> counts = StreamedCounts(info.out_dir)
>>> counts.vocab.tolist(), list(counts)
(['class', 'party', 'struggle'], [[(0, 1), (1, 1)], [(0, 1), (2, 1)]])
>>> build_counts(d, d / "counts", tokenizer=Tokenizer(phrases=False), n_jobs=1, progress=False).cached
True
"""

from __future__ import annotations

import copy
import functools
import hashlib
import importlib.metadata
import inspect
import itertools
import json
import logging
import numbers
import os
import random
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
import scipy.sparse as sp

from textlab.core import paths
from textlab.core.io import InputError, atomic_write_text, read_text_strict, sha256_bytes, sha256_file
from textlab.core.pool import map_stream, ordered_imap, resolve_n_jobs
from textlab.features.tokenize import Tokenizer

log = logging.getLogger(__name__)

__all__ = [
    "iter_texts",
    "chunk_texts",
    "scan_texts",
    "hash_texts",
    "ScanResult",
    "map_stream",
    "tokenize_stream",
    "tokenizer_fingerprint",
    "counts_key",
    "count_to_disk",
    "cached_counts",
    "build_counts",
    "CountsInfo",
    "StreamedCounts",
    "fit_streamed",
    "streamed_coherence",
    "corpus_counts",
    "counts_metadata",
]

#: Version of the on-disk layout written by :func:`count_to_disk` (part of every cache key).
FORMAT_VERSION = 1

#: The files of a counts folder (``manifest.json`` comes last and marks a complete result).
COUNT_FILES = ("counts.npz", "vocab.json", "doc_ids.json")
TOKEN_FILES = ("tokens.npy", "token_offsets.npy", "terms.json")
MANIFEST = "manifest.json"

Pair: TypeAlias = tuple[str, str]
Source: TypeAlias = "str | os.PathLike[str] | pd.DataFrame"

#: Entries (term ids) handled at once when blocks of rows are rewritten or read (about 16 MB per array).
_BLOCK_ENTRIES = 2_000_000


# --------------------------------------------------------------------------- streaming texts


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
        return _iter_files(path, _folder_files(path, pattern))
    if path.is_file():
        if path.suffix.lower() != ".csv":
            raise InputError(f"{path}: a source is a folder of text files or a .csv table, not a {path.suffix} file")
        if chunk_rows < 1:
            raise ValueError(f"chunk_rows must be >= 1, got {chunk_rows}")
        return _iter_csv(path, id_column, text_column, where, chunk_rows)
    raise InputError(f"{path}: no such folder or file")


def _folder_files(folder: Path, pattern: str) -> list[Path]:
    """The files of a folder source, sorted by their path relative to it (:func:`iter_texts`)."""
    files = sorted((p for p in folder.glob(pattern) if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())
    if not files:
        raise InputError(f"{folder}: no files matching {pattern!r}")
    return files


def _file_id(folder: Path, path: Path) -> str:
    """The document id of a file of a folder source: its path relative to the folder, without its suffix."""
    return path.relative_to(folder).with_suffix("").as_posix()


def _iter_files(folder: Path, files: list[Path]) -> Iterator[Pair]:
    for p in files:
        yield _file_id(folder, p), read_text_strict(p)


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


def chunk_texts(pairs: Iterable[Pair], *, size: int = 500, min_words: int = 100) -> Iterator[Pair]:
    """Cut each text into chunks of ``size`` words, as :func:`~textlab.topics.model.chunk_rows` does.

    A remainder shorter than ``min_words`` joins the previous chunk; a text shorter than ``min_words``
    is left out (counted in the log). Chunk ids are ``"<doc_id>#<n>"``; chunk texts are the words
    joined by single spaces.

    >>> list(chunk_texts([("a", "w " * 1150), ("b", "short text")], size=500, min_words=200))[1][0]
    'a#1'
    >>> [len(t.split()) for _, t in chunk_texts([("a", "w " * 1150)], size=500, min_words=200)]
    [500, 650]
    """
    if size < 1 or min_words < 1:
        raise ValueError(f"size and min_words must be >= 1, got size={size}, min_words={min_words}")
    return _chunk_pairs(pairs, size, min_words)


def _chunk_pairs(pairs: Iterable[Pair], size: int, min_words: int) -> Iterator[Pair]:
    dropped = dropped_words = 0
    for doc_id, text in pairs:
        chunks = _chunks(text, size, min_words)
        if not chunks:
            dropped += 1
            dropped_words += len(text.split())
        for i, chunk in enumerate(chunks):
            yield f"{doc_id}#{i}", chunk
    if dropped:
        log.info("chunks: %d texts under %d words left out (%d words)", dropped, min_words, dropped_words)


def _chunks(text: str, size: int, min_words: int) -> list[str]:
    """The chunks of one text (:func:`chunk_texts`): none when it is shorter than ``min_words``."""
    words = text.split()
    if len(words) < min_words:
        return []
    starts = list(range(0, len(words), size))
    if len(starts) > 1 and len(words) - starts[-1] < min_words:
        starts.pop()
    ends = starts[1:] + [len(words)]
    return [" ".join(words[s:e]) for s, e in zip(starts, ends)]


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


def _is_fitted(tok: Tokenizer) -> bool:
    return not tok.phrases or bool(tok.phrasegrams) or getattr(tok, "_phraser", None) is not None


def tokenize_stream(
    pairs: Iterable[Pair],
    tokenizer: Tokenizer,
    *,
    n_jobs: int | None = 2,
    chunk_size: int = 256,
    chunk_chars: int = 4_000_000,
    progress: bool = True,
    total: int | None = None,
) -> Iterator[tuple[str, list[str]]]:
    """Tokenise ``(doc_id, text)`` pairs on ``n_jobs`` cores; yield ``(doc_id, tokens)`` in input order.

    The tokens are exactly ``tokenizer(text)``. The tokenizer must be fitted first when it learns
    phrases (``Tokenizer.fit`` on a sample or a first pass: see the module notes); it is copied into
    each worker with its settings, phrases and caches. Memory and batching as :func:`map_stream`.

    Raises
    ------
    ValueError
        If the tokenizer learns phrases and has not been fitted.

    >>> tok = Tokenizer(phrases=False)
    >>> list(tokenize_stream([("a", "The parties met."), ("b", "Workers!")], tok, n_jobs=1, progress=False))
    [('a', ['party', 'meet']), ('b', ['worker'])]
    """
    if not isinstance(tokenizer, Tokenizer) and not callable(tokenizer):
        raise TypeError(f"tokenizer must be a Tokenizer, got {type(tokenizer).__name__}")
    if isinstance(tokenizer, Tokenizer) and not _is_fitted(tokenizer):
        raise ValueError(
            "the tokenizer learns phrases but is not fitted: call tokenizer.fit(texts) on a sample first "
            "(build_counts does it on a reservoir sample), or use Tokenizer(phrases=False)"
        )
    return map_stream(
        tokenizer,
        pairs,
        n_jobs=n_jobs,
        chunk_size=chunk_size,
        chunk_chars=chunk_chars,
        progress=progress,
        total=total,
        desc="tokenising",
    )


# --------------------------------------------------------------------------- cache keys


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def tokenizer_fingerprint(tokenizer: Tokenizer) -> dict[str, Any]:
    """What a tokenizer's output depends on, as JSON values: its settings, word lists, phrases and code.

    Settings are the keyword arguments of ``Tokenizer.__init__`` (read from its signature, so a new
    setting is covered); stopwords and spelling variants are hashed as the sets in use; learned phrases
    are hashed; the code is the SHA-256 of ``textlab/tokenize.py`` and ``textlab/lexicon.py`` with the
    versions of the libraries that make lemmas, stems, spellings and phrases.

    >>> a, b = tokenizer_fingerprint(Tokenizer(phrases=False)), tokenizer_fingerprint(Tokenizer(phrases=False))
    >>> a == b, a == tokenizer_fingerprint(Tokenizer(phrases=False, normalize="stem"))
    (True, False)
    """
    from textlab.features.tokenize import default_stopwords, load_spelling_variants

    settings: dict[str, Any] = {}
    for name, p in inspect.signature(Tokenizer.__init__).parameters.items():
        if p.kind is not p.KEYWORD_ONLY:
            continue
        value = getattr(tokenizer, name, p.default)
        if name == "stopwords":
            stop = default_stopwords() if value == "default" else frozenset(w.lower() for w in (value or ()))
            value = {"spec": "default" if value == "default" else "custom", "sha256": _hash_json(sorted(stop))}
        elif not isinstance(value, (str, int, float, bool, type(None))):
            value = repr(value)
        settings[name] = value
    if getattr(tokenizer, "spelling", False):
        settings["spelling_variants"] = _hash_json(sorted(load_spelling_variants().items()))
    phrases = sorted(tokenizer.phrasegrams.items())
    return {
        "settings": settings,
        "phrases": {"n": len(phrases), "sha256": _hash_json(phrases)} if phrases else None,
        "code": {f: sha256_file(paths.PACKAGE / f) for f in ("features/tokenize.py", "text/lexicon.py")},
        "versions": {d: _version(d) for d in ("gensim", "nltk", "simplemma", "pyspellchecker", "scikit-learn")},
    }


def _hash_json(value: Any) -> str:
    return sha256_bytes(json.dumps(value, sort_keys=True, default=str).encode("utf-8"))


def counts_key(input_hash: str, tokenizer: Tokenizer, **settings: Any) -> str:
    """The cache key of counts: the input texts' hash, :func:`tokenizer_fingerprint` and the other ``settings``.

    >>> counts_key("abc", Tokenizer(phrases=False), min_df=1) == counts_key("abc", Tokenizer(phrases=False), min_df=2)
    False
    """
    return _hash_json(
        {
            "format": FORMAT_VERSION,
            "input": input_hash,
            "tokenizer": tokenizer_fingerprint(tokenizer),
            "settings": settings,
        }
    )


# --------------------------------------------------------------------------- counting to disk


@dataclass
class CountsInfo:
    """What :func:`count_to_disk` or :func:`build_counts` wrote (or found on disk).

    Attributes
    ----------
    out_dir : pathlib.Path
    key : str
        The cache key the result is stored under.
    cached : bool
        True when the result was already on disk and nothing was tokenised or counted.
    n_docs, n_terms, nnz, n_tokens : int
        Rows, columns, stored entries and tokens counted (tokens outside the vocabulary excluded).
    seconds : dict
        Wall time of the steps that ran (``scan``, ``phrases``, ``tokenise_count``, ``count``,
        ``finalise``); ``count`` is the part of ``tokenise_count`` spent counting in this process.
    manifest : dict
        The contents of ``manifest.json``.
    """

    out_dir: Path
    key: str
    cached: bool
    n_docs: int
    n_terms: int
    nnz: int
    n_tokens: int
    seconds: dict[str, float] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_manifest(cls, out_dir: Path, manifest: dict[str, Any], cached: bool) -> CountsInfo:
        return cls(
            out_dir=Path(out_dir),
            key=str(manifest["key"]),
            cached=cached,
            n_docs=int(manifest["n_docs"]),
            n_terms=int(manifest["n_terms"]),
            nnz=int(manifest["nnz"]),
            n_tokens=int(manifest["n_tokens"]),
            seconds=dict(manifest.get("seconds", {})) if not cached else {},
            manifest=manifest,
        )

    def counts(self, **kwargs: Any) -> StreamedCounts:
        """The counts as a :class:`StreamedCounts`."""
        return StreamedCounts(self.out_dir, **kwargs)


def _read_manifest(out_dir: Path) -> dict[str, Any] | None:
    """The manifest of a complete result in ``out_dir``, or None (none, unreadable, or a file missing or resized)."""
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT_VERSION:
            return None
        for name, size in manifest["files"].items():
            if (out_dir / name).stat().st_size != size:
                return None
        return dict(manifest)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def cached_counts(out_dir: str | os.PathLike[str], key: str) -> CountsInfo | None:
    """The counts in ``out_dir`` when they are complete and were made under ``key``, else None."""
    out = Path(out_dir)
    manifest = _read_manifest(out)
    if manifest is None or manifest.get("key") != key:
        return None
    return CountsInfo.from_manifest(out, manifest, cached=True)


class _Ids(dict):
    """term -> provisional id, a new id (the next integer) for each new term (lookups stay in C)."""

    def __missing__(self, key: str) -> int:
        value = self[key] = len(self)
        return value


def _check_df(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be an int (documents) or a float (share), got {type(value).__name__}")
    if isinstance(value, numbers.Integral):
        if value < 0:
            raise ValueError(f"{name} must be >= 0, got {value}")
    elif not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"{name} as a share must be in [0, 1], got {value}")


def _df_bound(value: int | float, n_docs: int) -> float:
    return float(value) if isinstance(value, numbers.Integral) else float(value) * n_docs


def _clean_stale_tmp(out_dir: Path) -> None:
    """Remove temporary folders left by a writer that died: its process is gone (Linux), or a day has passed."""
    proc = Path("/proc")
    for d in out_dir.glob(".tmp-*"):
        try:
            pid = d.name.split("-")[1]
            gone = (proc / "self").exists() and not (proc / pid).exists()
            if gone or time.time() - d.stat().st_mtime > 86_400:
                shutil.rmtree(d, ignore_errors=True)
        except (OSError, IndexError):
            pass


def _npy_bytes(a: np.ndarray) -> bytes:
    import io

    buf = io.BytesIO()
    np.save(buf, a, allow_pickle=False)
    return buf.getvalue()


def _open_npy(path: Path, dtype: Any, n: int) -> np.ndarray:
    """A new ``.npy`` file of ``n`` values as a writable memory map (an empty file holds an empty array)."""
    if n == 0:
        np.save(path, np.zeros(0, dtype=dtype))
        return np.zeros(0, dtype=dtype)
    return np.lib.format.open_memmap(path, mode="w+", dtype=dtype, shape=(n,))


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


class _Writer:
    """The first pass of :func:`count_to_disk`: row blocks of provisional ids appended to raw files in ``tmp``."""

    def __init__(self, tmp: Path, keep_tokens: bool) -> None:
        self.tmp = tmp
        self.ids = _Ids()
        self.df = np.zeros(1024, dtype=np.int64)
        self.n_docs = 0
        self.n_tokens = 0
        self.nnz = 0
        self.keep_tokens = keep_tokens
        self.f_cols = open(tmp / "cols.raw", "wb")
        self.f_data = open(tmp / "data.raw", "wb")
        self.f_rownnz = open(tmp / "rownnz.raw", "wb")
        self.f_ids = open(tmp / "doc_ids.json", "w", encoding="utf-8")
        self.f_ids.write("[")
        self.f_tokens = open(tmp / "tokens.raw", "wb") if keep_tokens else None
        self.f_lens = open(tmp / "lens.raw", "wb") if keep_tokens else None
        self.colmap: np.ndarray | None = None

    def close(self) -> None:
        for f in (self.f_cols, self.f_data, self.f_rownnz, self.f_ids, self.f_tokens, self.f_lens):
            if f is not None and not f.closed:
                f.close()

    def add(self, block: list[tuple[str, Sequence[str]]]) -> None:
        doc_ids: list[str] = []
        toks: list[Sequence[str]] = []
        for doc_id, tokens in block:
            if isinstance(tokens, (str, bytes)) or not isinstance(tokens, (list, tuple)):
                raise TypeError(
                    f"document {doc_id!r}: tokens must be a list of str, got {type(tokens).__name__} "
                    "(the stream holds (doc_id, tokens) pairs)"
                )
            doc_ids.append(str(doc_id))
            toks.append(tokens)
        nb = len(toks)
        flat, lens = self._token_ids(toks)
        v = len(self.ids)
        rows = np.repeat(np.arange(nb, dtype=np.int64), lens)
        uniq, cnt = np.unique(rows * v + flat, return_counts=True)  # sorted by row, then id
        r = uniq // v if v else uniq
        c = uniq - r * v
        self._add_rows(doc_ids, np.bincount(r, minlength=nb), c, cnt, int(lens.sum()))

    def _token_ids(self, toks: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Provisional ids of the tokens of a block (new terms get new ids) and the tokens per document.

        The ids are written to the tokens files when they are kept.
        """
        lens = np.fromiter(map(len, toks), dtype=np.int64, count=len(toks))
        n = int(lens.sum())
        flat = np.fromiter(map(self.ids.__getitem__, itertools.chain.from_iterable(toks)), dtype=np.int64, count=n)
        if self.f_tokens is not None and self.f_lens is not None:
            flat.astype(np.int32).tofile(self.f_tokens)
            lens.tofile(self.f_lens)
        return flat, lens

    def _add_rows(self, doc_ids: list[str], rownnz: np.ndarray, c: np.ndarray, cnt: np.ndarray, n_tokens: int) -> None:
        """Append rows: ``rownnz`` entries each, provisional column ids ``c`` and counts ``cnt`` (row by row)."""
        v = len(self.ids)
        if v > self.df.size:
            self.df = np.concatenate([self.df, np.zeros(max(v, 2 * self.df.size) - self.df.size, dtype=np.int64)])
        self.df[:v] += np.bincount(c, minlength=v)
        c.astype(np.int32).tofile(self.f_cols)
        cnt.astype(np.int32).tofile(self.f_data)
        np.asarray(rownnz, dtype=np.int64).tofile(self.f_rownnz)
        sep = "," if self.n_docs else ""
        self.f_ids.write(sep + ",".join(json.dumps(d, ensure_ascii=False) for d in doc_ids))
        self.n_docs += len(doc_ids)
        self.n_tokens += n_tokens
        self.nnz += len(c)

    def add_counted(
        self,
        doc_ids: list[str],
        rownnz: np.ndarray,
        cols: np.ndarray,
        cnt: np.ndarray,
        columns: Sequence[str],
        n_tokens: int,
        tokens: Sequence[Sequence[str]] | None = None,
    ) -> None:
        """Append rows counted elsewhere (by Spark): column ids ``cols`` into ``columns``, with ``cnt`` counts.

        ``tokens`` (the documents' tokens, needed when they are kept) are registered first, so that the
        provisional ids, and so every file, are those :meth:`add` gives for the same documents.
        """
        if tokens is not None:
            _, lens = self._token_ids(tokens)
            n_tokens = int(lens.sum())
        if self.colmap is None:
            self.colmap = np.full(len(columns), -1, dtype=np.int64)  # column id -> provisional id
        colmap = self.colmap
        new = np.unique(cols[colmap[cols] < 0])
        for j in new.tolist():
            colmap[j] = self.ids[columns[j]]
        self._add_rows(doc_ids, rownnz, colmap[cols], cnt, n_tokens)


def _raw(path: Path, dtype: Any) -> np.ndarray:
    """A raw file of ``dtype`` values as a read-only memory map (an empty array for an empty file)."""
    if path.stat().st_size == 0:
        return np.zeros(0, dtype=dtype)
    return np.memmap(path, dtype=dtype, mode="r")


def _row_blocks(rownnz: np.ndarray, max_entries: int = _BLOCK_ENTRIES) -> Iterator[tuple[int, int, int, int]]:
    """Blocks of rows ``(row_start, row_stop, entry_start, entry_stop)``, each with about ``max_entries`` entries."""
    n = rownnz.size
    start = 0
    entry = 0
    while start < n:
        stop = start + 1
        total = int(rownnz[start])
        # extend in strides (rows are many and small)
        while stop < n and total < max_entries:
            step = min(n, stop + 4096)
            add = np.cumsum(rownnz[stop:step])
            k = int(np.searchsorted(add, max_entries - total, side="right"))
            if k == 0:
                break
            total += int(add[k - 1])
            stop += k
            if k < add.size:
                break
        yield start, stop, entry, entry + total
        entry += total
        start = stop


def _finalise(
    w: _Writer,
    tmp: Path,
    vocab: Sequence[str] | None,
    min_df: int | float,
    max_df: int | float,
) -> tuple[list[str], int, int]:
    """Second pass: sort the vocabulary, drop rare and common terms, rewrite the rows and tokens into the final files.

    Returns the vocabulary (column order), the stored entries and the tokens counted.
    """
    terms_prov = list(w.ids)
    bad = next((t for t in terms_prov if not isinstance(t, str)), None)
    if bad is not None:
        raise TypeError(f"tokens must be str, found {bad!r} ({type(bad).__name__})")
    v = len(terms_prov)
    df = w.df[:v]
    order = np.argsort(np.array(terms_prov, dtype=str), kind="stable") if v else np.zeros(0, dtype=np.int64)
    col_of = np.full(v, -1, dtype=np.int64)
    if vocab is None:
        if v == 0:
            raise ValueError("empty vocabulary: the documents hold no tokens (only stopwords, or empty texts?)")
        hi, lo = _df_bound(max_df, w.n_docs), _df_bound(min_df, w.n_docs)
        if hi < lo:
            raise ValueError("max_df corresponds to < documents than min_df")
        keep_sorted = order[(df[order] >= lo) & (df[order] <= hi)]
        if keep_sorted.size == 0:
            raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
        col_of[keep_sorted] = np.arange(keep_sorted.size)
        columns = [terms_prov[i] for i in keep_sorted.tolist()]
    else:
        columns = list(vocab)
        for j, t in enumerate(columns):
            i = w.ids.get(t)
            if i is not None:
                col_of[i] = j
    n_cols = len(columns)
    nnz = int(df[col_of >= 0].sum())
    rownnz = _raw(tmp / "rownnz.raw", np.int64)
    cols_raw = _raw(tmp / "cols.raw", np.int32)
    data_raw = _raw(tmp / "data.raw", np.int32)
    indices = _open_npy(tmp / "indices.npy", np.int32, nnz)
    data = _open_npy(tmp / "data.npy", np.int32, nnz)
    indptr = _open_npy(tmp / "indptr.npy", np.int64, w.n_docs + 1)
    indptr[0] = 0
    out = 0
    n_counted = 0
    for a, b, s, e in _row_blocks(rownnz):
        col = col_of[cols_raw[s:e]]
        keep = col >= 0
        rows = np.repeat(np.arange(b - a, dtype=np.int64), rownnz[a:b])[keep]
        col = col[keep]
        dat = np.asarray(data_raw[s:e])[keep]
        o = np.lexsort((col, rows))
        k = col.size
        indices[out : out + k] = col[o]
        data[out : out + k] = dat[o]
        indptr[a + 1 : b + 1] = out + np.cumsum(np.bincount(rows, minlength=b - a))
        out += k
        n_counted += int(dat.sum())
    if out != nnz:
        raise RuntimeError(f"internal error: wrote {out} entries, expected {nnz}")
    for a_ in (indices, data, indptr):
        if isinstance(a_, np.memmap):
            a_.flush()
    del indices, data, indptr, rownnz, cols_raw, data_raw
    with zipfile.ZipFile(tmp / "counts.npz", "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        # the members scipy.sparse.save_npz writes for a csr_matrix, uncompressed so they can be memory-mapped
        zf.writestr("format.npy", _npy_bytes(np.array(b"csr")))
        zf.writestr("shape.npy", _npy_bytes(np.array([w.n_docs, n_cols], dtype=np.int64)))
        for name in ("data", "indices", "indptr"):
            zf.write(tmp / f"{name}.npy", f"{name}.npy")
    for name in ("data", "indices", "indptr"):
        (tmp / f"{name}.npy").unlink()
    (tmp / "vocab.json").write_text(json.dumps(columns, ensure_ascii=False), encoding="utf-8")
    if w.keep_tokens:
        full_of = np.empty(v, dtype=np.int32)
        full_of[order] = np.arange(v, dtype=np.int32)
        tokens_raw = _raw(tmp / "tokens.raw", np.int32)
        tokens = _open_npy(tmp / "tokens.npy", np.int32, w.n_tokens)
        for s in range(0, w.n_tokens, _BLOCK_ENTRIES):
            tokens[s : s + _BLOCK_ENTRIES] = full_of[tokens_raw[s : s + _BLOCK_ENTRIES]]
        if isinstance(tokens, np.memmap):
            tokens.flush()
        lens = _raw(tmp / "lens.raw", np.int64)
        offsets = np.zeros(w.n_docs + 1, dtype=np.int64)
        np.cumsum(lens, out=offsets[1:])
        np.save(tmp / "token_offsets.npy", offsets)
        del tokens, tokens_raw, lens
        (tmp / "terms.json").write_text(
            json.dumps([terms_prov[i] for i in order.tolist()], ensure_ascii=False), encoding="utf-8"
        )
    for name in ("cols.raw", "data.raw", "rownnz.raw", "tokens.raw", "lens.raw"):
        (tmp / name).unlink(missing_ok=True)
    return columns, nnz, n_counted


def count_to_disk(
    token_stream: Iterable[tuple[str, Sequence[str]]],
    out_dir: str | os.PathLike[str],
    *,
    vocab: Sequence[str] | None = None,
    min_df: int | float = 1,
    max_df: int | float = 1.0,
    key: str | None = None,
    settings: Mapping[str, Any] | None = None,
    keep_tokens: bool = True,
    block_docs: int = 2000,
) -> CountsInfo:
    """Count a stream of ``(doc_id, tokens)`` into a sparse document-term matrix on disk, written atomically.

    One pass over the stream: each block of ``block_docs`` documents becomes CSR rows of provisional term
    ids, appended to files; then the vocabulary is sorted (and pruned with ``min_df``/``max_df``, as
    scikit-learn's ``CountVectorizer`` does) and the rows are rewritten block by block into the final
    files. Memory: a block of documents, the vocabulary and its document frequencies; never the corpus.

    Files in ``out_dir``: ``counts.npz`` (a CSR matrix that :func:`scipy.sparse.load_npz` reads: int32
    counts and column ids, int64 row pointers; stored uncompressed so :class:`StreamedCounts` can memory-map
    it), ``vocab.json`` (the column terms, sorted), ``doc_ids.json``, with ``keep_tokens`` the tokenised corpus
    (``tokens.npy``: the token ids of all documents in order, into ``terms.json``, every distinct token sorted;
    ``token_offsets.npy``: where each document starts), and ``manifest.json`` (key, settings, sizes), written
    last. The files are built in a temporary folder inside ``out_dir`` and moved into place only when
    complete; on any error nothing of the new result is left, and a previous result stays.

    Parameters
    ----------
    token_stream : iterable of (str, list of str)
        E.g. :func:`tokenize_stream`; it is not read at all when the cache answers.
    out_dir : path
    vocab : sequence of str, optional
        Fixed columns, in this order (tokens outside are not counted; ``min_df``/``max_df`` are not applied).
    min_df, max_df : int or float
        Drop terms in fewer / more documents than this (an int counts documents, a float is a share).
    key : str, optional
        The inputs' cache key (:func:`counts_key`). When ``out_dir`` holds a complete result made under
        the same key, it is returned (``cached=True``) without reading the stream.
    settings : mapping, optional
        Extra JSON values to record in the manifest.
    keep_tokens : bool, default True
        Also write the tokenised corpus.
    block_docs : int, default 2000
        Documents counted at a time.

    Returns
    -------
    CountsInfo

    Examples
    --------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> info = count_to_disk([("a", ["war", "peace", "war"]), ("b", ["land"])], out, key="k1")
    >>> info.cached, info.n_docs, info.n_terms, info.nnz
    (False, 2, 3, 3)
    >>> StreamedCounts(out).to_dtm().X.toarray().tolist()
    [[0, 1, 2], [1, 0, 0]]
    >>> count_to_disk(iter(()), out, key="k1").cached  # same key: the stream is not read
    True
    """
    out = Path(out_dir)
    if key is not None:
        hit = cached_counts(out, key)
        if hit is not None:
            log.info("counts in %s are up to date (key %s): not tokenising or counting again", out, key[:12])
            return hit
    if vocab is None:
        _check_df("min_df", min_df)
        _check_df("max_df", max_df)
    else:
        if isinstance(vocab, str):
            raise TypeError("vocab must be a sequence of str terms, not a single str")
        vocab = list(vocab)
        if len(set(vocab)) != len(vocab):
            raise ValueError("vocab must hold distinct terms")
        if not vocab:
            raise ValueError("vocab is empty")
    if block_docs < 1:
        raise ValueError(f"block_docs must be >= 1, got {block_docs}")
    it: Iterator[tuple[str, Sequence[str]]] = iter(())

    def fill(w: _Writer) -> dict[str, float]:
        nonlocal it
        t_count = 0.0
        it = iter(token_stream)
        while True:
            block = list(itertools.islice(it, block_docs))  # waits for the tokenisers
            if not block:
                break
            t = time.perf_counter()
            w.add(block)
            t_count += time.perf_counter() - t
        return {"count": t_count}

    try:
        return _write_counts(
            out, fill, vocab=vocab, min_df=min_df, max_df=max_df, key=key, settings=settings, keep_tokens=keep_tokens
        )
    finally:
        close = getattr(it, "close", None)
        if close is not None:
            close()  # a generator of tokenize_stream: its workers stop now, not when it is collected


def _write_counts(
    out: Path,
    fill: Callable[[_Writer], dict[str, float]],
    *,
    vocab: Sequence[str] | None,
    min_df: int | float,
    max_df: int | float,
    key: str | None,
    settings: Mapping[str, Any] | None,
    keep_tokens: bool,
    pruned: bool = False,
    n_types: int | None = None,
) -> CountsInfo:
    """The writing of :func:`count_to_disk`: ``fill(writer)`` adds the rows (and returns its timings), then
    the vocabulary is sorted or pruned, the final files are written in a temporary folder and moved into
    ``out`` atomically, ``manifest.json`` last.

    ``pruned``: the fixed ``vocab`` is the result of ``min_df``/``max_df`` applied elsewhere (by Spark), and
    the manifest records those; ``n_types``: the distinct tokens, when the writer did not see every token.
    """
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    _clean_stale_tmp(out)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{os.getpid()}-", dir=out))
    t0 = time.perf_counter()
    w = _Writer(tmp, keep_tokens)
    ok = False
    try:
        fill_seconds = fill(w)
        w.f_ids.write("]")
        w.close()
        if w.n_docs == 0:
            raise ValueError("the token stream holds no documents")
        t_pass = time.perf_counter() - t0
        t = time.perf_counter()
        columns, nnz, n_counted = _finalise(w, tmp, vocab, min_df, max_df)
        files = COUNT_FILES + (TOKEN_FILES if keep_tokens else ())
        for name in files:
            _fsync(tmp / name)
        seconds = {"tokenise_count": t_pass, **fill_seconds, "finalise": time.perf_counter() - t}
        manifest = {
            "format": FORMAT_VERSION,
            "key": key if key is not None else "",
            "n_docs": w.n_docs,
            "n_terms": len(columns),
            "n_types": len(w.ids) if n_types is None else int(n_types),
            "nnz": nnz,
            "n_tokens": n_counted,
            "n_tokens_all": w.n_tokens,
            "vocab": "fixed" if vocab is not None and not pruned else {"min_df": min_df, "max_df": max_df},
            "keep_tokens": keep_tokens,
            "settings": dict(settings or {}),
            "files": {name: (tmp / name).stat().st_size for name in files},
            "seconds": seconds,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "versions": {"textlab": _version("textlab"), "numpy": np.__version__},
        }
        # the old manifest goes first: while files are swapped, the folder holds no valid result
        (out / MANIFEST).unlink(missing_ok=True)
        for name in COUNT_FILES + TOKEN_FILES:
            if name in files:
                os.replace(tmp / name, out / name)
            else:
                (out / name).unlink(missing_ok=True)
        atomic_write_text(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True, default=str) + "\n")
        ok = True
    finally:
        w.close()
        shutil.rmtree(tmp, ignore_errors=True)
        if not ok and created:
            try:
                out.rmdir()  # only if empty
            except OSError:
                pass
    log.info(
        "counted %d documents, %d terms, %d tokens into %s (%.1f s, %.1f s of it counting here)",
        w.n_docs,
        len(columns),
        n_counted,
        out,
        time.perf_counter() - t0,
        fill_seconds.get("count", 0.0),
    )
    return CountsInfo.from_manifest(out, manifest, cached=False)


def _load(payload: str | Path) -> str:
    """A text, or the text of a file (strict UTF-8)."""
    return read_text_strict(payload) if isinstance(payload, Path) else payload


def _units(source: Any, source_options: dict[str, Any]) -> Iterator[tuple[str, str | Path]]:
    """``(doc_id, text or file)``: a folder's files are listed here and read by the workers."""
    if callable(source) and not isinstance(source, pd.DataFrame):
        return iter(source())
    if not isinstance(source, pd.DataFrame):
        path = Path(source)
        if path.is_dir():
            pattern = source_options.get("pattern", "*.txt")
            unknown = set(source_options) - {"pattern"}
            if unknown:
                raise TypeError(f"options {sorted(unknown)} apply to tables, and {path} is a folder")
            return ((_file_id(path, p), p) for p in _folder_files(path, pattern))
    return iter_texts(source, **source_options)


class _Digest:
    """Worker step of the hashing pass: a text's (or file's) SHA-256, characters and words."""

    def __call__(self, payload: str | Path) -> tuple[bytes, int, int]:
        text = _load(payload)
        return hashlib.sha256(text.encode("utf-8")).digest(), len(text), len(text.split())


class _Pipeline:
    """Worker step of the counting pass: read, clean, cut into chunks, tokenise -> ``[(chunk or None, tokens)]``."""

    def __init__(
        self,
        tokenizer: Callable[[str], list[str]],
        clean: Callable[[str], str] | None,
        size: int | None,
        min_words: int,
    ) -> None:
        self.tokenizer = tokenizer
        self.clean = clean
        self.size = size
        self.min_words = min_words

    def texts(self, payload: str | Path) -> list[tuple[int | None, str]]:
        text = _load(payload)
        if self.clean is not None:
            text = self.clean(text)
        if self.size is None:
            return [(None, text)]
        return list(enumerate(_chunks(text, self.size, self.min_words)))

    def __call__(self, payload: str | Path) -> list[tuple[int | None, list[str]]]:
        return [(i, self.tokenizer(t)) for i, t in self.texts(payload)]


def build_counts(
    source: Source | Callable[[], Iterable[Pair]],
    out_dir: str | os.PathLike[str],
    *,
    tokenizer: Tokenizer | None = None,
    clean: Callable[[str], str] | None = None,
    clean_key: str | None = None,
    n_jobs: int | None = 2,
    chunk_words: int | None = None,
    min_words: int = 100,
    min_df: int | float = 1,
    max_df: int | float = 1.0,
    vocab: Sequence[str] | None = None,
    sample_docs: int = 1000,
    seed: int = 0,
    keep_tokens: bool = True,
    chunk_size: int = 64,
    progress: bool = True,
    engine: str = "local",
    master: str | None = None,
    **source_options: Any,
) -> CountsInfo:
    """Stream a corpus from disk, clean and tokenise it on ``n_jobs`` cores and count it into ``out_dir``, once.

    Steps, each on ``n_jobs`` processes that read the files themselves (a folder source; a table is
    read here and its texts sent to them):

    1. a hashing pass: the SHA-256 of every text, combined in order with the ids;
    2. if ``out_dir`` holds counts made from the same texts with the same tokenizer, cleaning and
       settings (:func:`counts_key`), they are returned at once (``cached=True``; logged): nothing is
       cleaned, tokenised or counted;
    3. else a copy of the tokenizer learns its phrases on a sample: ``sample_docs`` documents drawn at
       random (seeded) once their number is known, read again, cleaned and cut into chunks as the corpus
       will be (the tokenizer passed in is not changed; a fitted tokenizer, or one with
       ``phrases=False``, is used as it is);
    4. each document is read, cleaned, cut into chunks and tokenised in the workers, in order, and
       :func:`count_to_disk` counts the stream.

    Parameters
    ----------
    source : path, DataFrame, or a function returning an iterable of (doc_id, text)
        As :func:`iter_texts` takes (``source_options`` go to it); a function is called once per pass.
    tokenizer : Tokenizer, optional
        Default ``Tokenizer()`` (lemmas, default stopwords, phrases).
    clean : callable str -> str, optional
        Cleaning applied to each text first, in the workers (e.g.
        ``textlab.text.clean.default_pipeline(lexicon)``).
    clean_key : str
        Required with ``clean``: a string that changes whenever the cleaning does (a version, a hash of
        its lexicon); it is part of the cache key, since a function's result cannot be hashed up front.
    chunk_words : int, optional
        Cut texts into chunks of this many words (:func:`chunk_texts`, with ``min_words``), as the topic
        models of :mod:`textlab.topics.model` do (500). Chunk ids are ``"<doc_id>#<n>"``.
    min_df, max_df, vocab, keep_tokens
        As :func:`count_to_disk`.
    sample_docs, seed : int
        The phrase sample: documents (before chunking). A corpus of at most ``sample_docs`` documents
        is its own sample, and its counts equal the in-memory path's. Memory: the sample's texts.
    n_jobs, chunk_size, progress
        As :func:`map_stream` (``chunk_size`` documents go to a worker at a time).
    engine : {"local", "spark"}, default "local"
        ``"spark"``: steps 1-3 run here as above (the same cache key: counts made by either engine answer
        both), and step 4 runs on Spark (:func:`textlab.scale.spark.count_spark`): the texts are cleaned, cut and
        tokenised by the same functions in pandas UDFs on the executors, counted by Spark ML's
        ``CountVectorizer`` and written here in the same files. The counts equal the local engine's.
    master : str, optional
        With ``engine="spark"``: the Spark master URL (``"local[2]"``, ``"spark://host:7077"``, ``"yarn"``);
        None uses the running SparkSession, else the master ``spark-submit`` was given, else ``local[*]``.

    Returns
    -------
    CountsInfo
        ``seconds`` has ``scan`` (hashing pass), ``phrases`` (fitting on the sample) and the steps of
        :func:`count_to_disk` (with Spark: also ``tokenise`` and ``vocab``, the Spark jobs).
    """
    _check_engine(engine)
    if clean is not None and not clean_key:
        raise ValueError("clean needs a clean_key: a string that changes whenever the cleaning does")
    if vocab is None:
        _check_df("min_df", min_df)
        _check_df("max_df", max_df)
    if chunk_words is not None and (chunk_words < 1 or min_words < 1):
        raise ValueError(f"chunk_words and min_words must be >= 1, got {chunk_words}, {min_words}")
    jobs = resolve_n_jobs(n_jobs)
    tok = tokenizer if tokenizer is not None else Tokenizer()
    needs_fit = not _is_fitted(tok)

    t0 = time.perf_counter()
    h = hashlib.sha256()
    n_docs = n_chars = n_words = 0
    for doc_id, (digest, nc, nw) in map_stream(
        _Digest(), _units(source, source_options), n_jobs=jobs, chunk_size=chunk_size, progress=progress, desc="hashing"
    ):
        d = str(doc_id).encode("utf-8")
        h.update(b"%d:" % len(d) + d + digest)
        n_chars += nc
        n_words += nw
        n_docs += 1
    t_scan = time.perf_counter() - t0
    if n_docs == 0:
        raise InputError(f"{_describe(source)}: no documents")
    settings = {
        "chunk_words": chunk_words,
        "min_words": min_words if chunk_words is not None else None,
        "clean": clean_key,
        "min_df": min_df,
        "max_df": max_df,
        "vocab": _hash_json(list(vocab)) if vocab is not None else None,
        "phrase_sample": {"docs": sample_docs, "seed": seed} if needs_fit else None,
        "keep_tokens": keep_tokens,
    }
    input_hash = h.hexdigest()
    key = counts_key(input_hash, tok, **settings)
    hit = cached_counts(out_dir, key)
    if hit is not None:
        log.info("counts in %s are up to date (input %s): not tokenising again", out_dir, input_hash[:12])
        hit.seconds = {"scan": t_scan}
        return hit

    t = time.perf_counter()
    steps = _Pipeline(tok, clean, chunk_words, min_words)
    if needs_fit:
        # the sample: a seeded choice of documents, drawn now that their number is known
        picks = range(n_docs) if n_docs <= sample_docs else set(random.Random(seed).sample(range(n_docs), sample_docs))
        chosen = [payload for i, (_, payload) in enumerate(_units(source, source_options)) if i in picks]
        sample = [text for payload in chosen for _, text in steps.texts(payload)]
        del chosen
        tok = copy.deepcopy(tok)
        tok.fit(sample)
        steps = _Pipeline(tok, clean, chunk_words, min_words)
        log.info("phrases learned on %d texts from %d of %d documents", len(sample), len(picks), n_docs)
        del sample
    t_phrases = time.perf_counter() - t
    record = {
        **settings,
        "input_sha256": input_hash,
        "input_docs": n_docs,
        "input_words": n_words,
        "input_chars": n_chars,
        "source": _describe(source),
        "phrases": sorted(tok.phrasegrams),
    }
    counting: dict[str, Any] = dict(
        vocab=vocab, min_df=min_df, max_df=max_df, key=key, settings=record, keep_tokens=keep_tokens
    )
    if engine == "spark":
        from textlab.scale import spark

        record["engine"] = "spark"
        info = spark.count_spark(
            source, out_dir, steps, chunked=chunk_words is not None, master=master, **counting, **source_options
        )
        info.seconds = {"scan": t_scan, "phrases": t_phrases, **info.seconds}
        return info
    info = count_to_disk(
        _flatten(
            map_stream(
                steps,
                _units(source, source_options),
                n_jobs=jobs,
                chunk_size=chunk_size,
                progress=progress,
                total=n_docs,
                desc="tokenising",
            ),
            chunk_words is not None,
            min_words,
        ),
        out_dir,
        **counting,
    )
    info.seconds = {"scan": t_scan, "phrases": t_phrases, **info.seconds}
    return info


def _check_engine(engine: str) -> None:
    if engine not in ("local", "spark"):
        raise ValueError(f"engine must be 'local' or 'spark', got {engine!r}")


def _flatten(
    results: Iterable[tuple[str, list[tuple[int | None, list[str]]]]], chunked: bool, min_words: int
) -> Iterator[tuple[str, list[str]]]:
    """``(doc_id, [(chunk, tokens), ...])`` -> ``(doc_id or "doc_id#chunk", tokens)``; logs the texts left out."""
    dropped = 0
    for doc_id, parts in results:
        if not parts:
            dropped += 1
        for i, tokens in parts:
            yield (f"{doc_id}#{i}" if chunked else doc_id), tokens
    if dropped:
        log.info("chunks: %d texts under %d words left out", dropped, min_words)


def _describe(source: Any) -> str:
    if isinstance(source, pd.DataFrame):
        return f"DataFrame of {len(source)} rows"
    return repr(source) if callable(source) else str(source)


# --------------------------------------------------------------------------- reading the counts back


def _npz_member(path: Path, name: str) -> np.ndarray:
    """A member of an ``.npz`` file as a read-only memory map (an uncompressed member) or loaded (compressed)."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
        if info.compress_type != zipfile.ZIP_STORED:
            log.warning(
                "%s: %s is compressed, so it is read into memory (count_to_disk writes it uncompressed)", path, name
            )
            with zf.open(name) as fh:
                return np.asarray(np.lib.format.read_array(fh, allow_pickle=False))
    with open(path, "rb") as fh:
        fh.seek(info.header_offset)
        local = fh.read(30)
        if local[:4] != b"PK\x03\x04":
            raise ValueError(f"{path}: damaged zip header of {name}")
        n_name = int.from_bytes(local[26:28], "little")
        n_extra = int.from_bytes(local[28:30], "little")
        fh.seek(info.header_offset + 30 + n_name + n_extra)
        version = np.lib.format.read_magic(fh)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(fh)
        else:
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(fh)
        offset = fh.tell()
    if fortran or dtype.hasobject:
        raise ValueError(f"{path}: {name} is not a plain array")
    if int(np.prod(shape)) == 0:
        return np.zeros(shape, dtype=dtype)
    return np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=shape)


class StreamedCounts:
    """Counts written by :func:`count_to_disk`, read in row blocks from memory maps: a gensim streamed corpus.

    Iterating yields each document's bag of words, a list of ``(term_id, count)`` pairs in column
    order (gensim's format; empty rows give ``[]``); ``len`` is the number of documents. Nothing is
    densified and no more than a block of rows is materialised at a time, so gensim models (``LdaModel``,
    ``TfidfModel``...) can train on a corpus larger than memory. The operating system pages the
    memory-mapped arrays in and out as needed.

    Parameters
    ----------
    counts_dir : path
        A folder written by :func:`count_to_disk` (with ``manifest.json``).
    block_docs : int, default 2000
        Rows read at a time by iteration and by the block methods.

    Attributes
    ----------
    shape : (int, int)
    vocab : numpy.ndarray of str
    doc_ids : numpy.ndarray of str
    manifest : dict

    Examples
    --------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> _ = count_to_disk([("a", ["war", "peace", "war"]), ("b", []), ("c", ["land"])], out)
    >>> c = StreamedCounts(out)
    >>> len(c), c.shape, list(c)
    (3, (3, 3), [[(1, 1), (2, 2)], [], [(0, 1)]])
    >>> c.doc_lengths().tolist(), c.doc_freq().tolist()
    ([3, 0, 1], [1, 1, 1])
    """

    def __init__(self, counts_dir: str | os.PathLike[str], *, block_docs: int = 2000) -> None:
        self.path = Path(counts_dir)
        if block_docs < 1:
            raise ValueError(f"block_docs must be >= 1, got {block_docs}")
        self.block_docs = int(block_docs)
        self._open()

    def _open(self) -> None:
        manifest = _read_manifest(self.path)
        if manifest is None:
            raise InputError(f"{self.path}: no complete counts here (no valid {MANIFEST}; run count_to_disk)")
        self.manifest = manifest
        npz = self.path / "counts.npz"
        fmt = np.asarray(_npz_member(npz, "format.npy")).item()
        if (fmt.decode("ascii") if isinstance(fmt, bytes) else str(fmt)) != "csr":
            raise InputError(f"{npz}: not a CSR matrix (format {fmt!r})")
        shape = _npz_member(npz, "shape.npy")
        self.shape: tuple[int, int] = (int(shape[0]), int(shape[1]))
        self.indptr = _npz_member(npz, "indptr.npy")
        self.indices = _npz_member(npz, "indices.npy")
        self.data = _npz_member(npz, "data.npy")
        if self.indptr.shape != (self.shape[0] + 1,) or self.indices.shape != self.data.shape:
            raise InputError(f"{npz}: arrays of inconsistent shapes")
        self._vocab: np.ndarray | None = None
        self._doc_ids: np.ndarray | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "block_docs": self.block_docs}  # the memory maps are reopened, not pickled

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path = state["path"]
        self.block_docs = state["block_docs"]
        self._open()

    def __repr__(self) -> str:
        return f"StreamedCounts({str(self.path)!r}: {self.shape[0]} docs x {self.shape[1]} terms, {self.nnz} entries)"

    def __len__(self) -> int:
        return self.shape[0]

    @property
    def n_docs(self) -> int:
        return self.shape[0]

    @property
    def n_terms(self) -> int:
        return self.shape[1]

    @property
    def nnz(self) -> int:
        return int(self.indices.shape[0])

    @property
    def vocab(self) -> np.ndarray:
        """The column terms (read from ``vocab.json`` on first use)."""
        if self._vocab is None:
            self._vocab = np.asarray(json.loads((self.path / "vocab.json").read_text(encoding="utf-8")), dtype=str)
        return self._vocab

    @property
    def doc_ids(self) -> np.ndarray:
        """The row ids (read from ``doc_ids.json`` on first use)."""
        if self._doc_ids is None:
            ids = json.loads((self.path / "doc_ids.json").read_text(encoding="utf-8"))
            self._doc_ids = np.asarray(ids, dtype=str) if ids else np.zeros(0, dtype=str)
        return self._doc_ids

    @property
    def id2word(self) -> dict[int, str]:
        """Column id -> term, as gensim models take it."""
        return dict(enumerate(self.vocab.tolist()))

    def rows(self, start: int, stop: int) -> sp.csr_matrix:
        """Rows ``start:stop`` as an in-memory CSR matrix (int64 counts)."""
        start, stop = max(0, int(start)), min(self.shape[0], int(stop))
        stop = max(start, stop)
        p = np.asarray(self.indptr[start : stop + 1], dtype=np.int64)
        a, b = int(p[0]), int(p[-1])
        return sp.csr_matrix(
            (np.asarray(self.data[a:b], dtype=np.int64), np.asarray(self.indices[a:b]), p - a),
            shape=(stop - start, self.shape[1]),
        )

    def iter_blocks(self, block_docs: int | None = None) -> Iterator[tuple[int, sp.csr_matrix]]:
        """``(first_row, csr_block)`` for consecutive blocks of ``block_docs`` rows."""
        n = block_docs or self.block_docs
        for s in range(0, self.shape[0], n):
            yield s, self.rows(s, s + n)

    def bow(self, start: int, stop: int) -> list[list[tuple[int, int]]]:
        """Rows ``start:stop`` as gensim bags of words."""
        start, stop = max(0, int(start)), min(self.shape[0], int(stop))
        p = np.asarray(self.indptr[start : max(start, stop) + 1], dtype=np.int64)
        if p.size < 2:
            return []
        a = int(p[0])
        idx = self.indices[a : int(p[-1])].tolist()
        dat = self.data[a : int(p[-1])].tolist()
        rel = (p - a).tolist()
        return [list(zip(idx[rel[i] : rel[i + 1]], dat[rel[i] : rel[i + 1]])) for i in range(len(rel) - 1)]

    def __iter__(self) -> Iterator[list[tuple[int, int]]]:
        for s in range(0, self.shape[0], self.block_docs):
            yield from self.bow(s, s + self.block_docs)

    def doc_lengths(self) -> np.ndarray:
        """Tokens counted per document, shape (n_docs,), int64."""
        out = np.zeros(self.shape[0], dtype=np.int64)
        for s, block in self.iter_blocks():
            out[s : s + block.shape[0]] = np.asarray(block.sum(axis=1)).ravel()
        return out

    def doc_freq(self) -> np.ndarray:
        """Documents holding each term (``D(w)``), shape (n_terms,), int64."""
        out = np.zeros(self.shape[1], dtype=np.int64)
        for s in range(0, self.nnz, _BLOCK_ENTRIES):
            out += np.bincount(self.indices[s : s + _BLOCK_ENTRIES], minlength=self.shape[1])
        return out

    def co_doc_freq(self, ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """``D(wi, wj)``, the documents holding both words, for column ids ``ids``: (m, m), the diagonal ``D(w)``.

        Counted block by block (a boolean block of the m columns times its transpose).
        """
        ids = np.asarray(ids, dtype=np.int64)
        if ids.ndim != 1 or (ids.size and (ids.min() < 0 or ids.max() >= self.shape[1])):
            raise ValueError(f"ids must be column ids in [0, {self.shape[1]})")
        C = np.zeros((ids.size, ids.size), dtype=np.int64)
        for _, block in self.iter_blocks():
            B = (block[:, ids] > 0).astype(np.int32)
            C += (B.T @ B).toarray()
        return C

    def to_dtm(self) -> Any:
        """The matrix in memory: a :class:`~textlab.features.dtm.DocumentTermMatrix` (``docs`` has ``doc_id``)."""
        from textlab.features.dtm import DocumentTermMatrix

        X = self.rows(0, self.shape[0])
        return DocumentTermMatrix(X, self.vocab, pd.DataFrame({"doc_id": self.doc_ids}))

    def matrix_hash(self) -> str:
        """:func:`textlab.topics.model.matrix_hash` of the counts, computed block by block (the same digest)."""
        h = hashlib.sha256()
        h.update(json.dumps([list(self.shape), self.vocab.tolist(), self.doc_ids.tolist()]).encode())
        for a in (self.indptr, self.indices, self.data):
            for s in range(0, a.shape[0], _BLOCK_ENTRIES):
                h.update(np.ascontiguousarray(a[s : s + _BLOCK_ENTRIES], dtype=np.int64).tobytes())
        return h.hexdigest()

    def topic_model(
        self,
        topic_word: np.ndarray,
        doc_topic: np.ndarray,
        alpha: np.ndarray,
        *,
        backend: str,
        seed: int,
        params: dict[str, Any],
    ) -> Any:
        """A :class:`textlab.topics.model.TopicModel` fitted on these counts: their vocab, ids, lengths and hash."""
        from textlab.topics.model import TopicModel

        return TopicModel(
            vocab=self.vocab,
            topic_word=topic_word,
            doc_topic=doc_topic,
            doc_lengths=self.doc_lengths(),
            alpha=np.asarray(alpha, dtype=np.float64),
            doc_ids=self.doc_ids,
            backend=backend,
            seed=int(seed),
            params=params,
            corpus_hash=self.matrix_hash(),
        )

    def iter_tokens(self) -> Iterator[tuple[str, list[str]]]:
        """The tokenised corpus, ``(doc_id, tokens)`` in order, read back from ``tokens.npy`` (no tokenising)."""
        if not (self.path / "tokens.npy").exists():
            raise InputError(f"{self.path}: the tokens were not kept (count_to_disk(..., keep_tokens=False))")
        terms = json.loads((self.path / "terms.json").read_text(encoding="utf-8"))
        tokens = np.load(self.path / "tokens.npy", mmap_mode="r")
        offsets = np.load(self.path / "token_offsets.npy", mmap_mode="r")
        ids = self.doc_ids
        get = terms.__getitem__
        for s in range(0, len(ids), self.block_docs):
            e = min(len(ids), s + self.block_docs)
            off = np.asarray(offsets[s : e + 1])
            flat = tokens[int(off[0]) : int(off[-1])].tolist()
            rel = (off - off[0]).tolist()
            for i in range(e - s):
                yield str(ids[s + i]), list(map(get, flat[rel[i] : rel[i + 1]]))


# --------------------------------------------------------------------------- topics on the streamed counts


_FIT: dict[str, Any] = {}


def _init_fit(lda: Any, counts: StreamedCounts) -> None:
    _FIT["lda"] = lda
    _FIT["counts"] = counts


def _estep(task: tuple[int, int, list[int], bool]) -> tuple[Any, ...]:
    return _estep_with(_FIT["lda"], _FIT["counts"], task)


def _estep_with(lda: Any, counts: StreamedCounts, task: tuple[int, int, list[int], bool]) -> tuple[Any, ...]:
    """E-step of rows ``start:stop`` with the current topics; a seed of its own makes it independent of the workers."""
    from gensim.matutils import dirichlet_expectation

    start, stop, seed, collect = task
    lda.random_state = np.random.RandomState(seed)
    bow = counts.bow(start, stop)
    if collect:
        gamma, sstats = lda.inference(bow, collect_sstats=True)
        return sstats, dirichlet_expectation(gamma).sum(axis=0, dtype=np.float64), gamma.shape[0]
    gamma, _ = lda.inference(bow)
    return (gamma,)


def _fit_input(counts: StreamedCounts | str | os.PathLike[str], k: Any) -> tuple[StreamedCounts, int]:
    """The counts (opened from a folder if need be) and ``k``, checked for a topic fit by any engine."""
    c = counts if isinstance(counts, StreamedCounts) else StreamedCounts(counts)
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 2:
        raise ValueError(f"k must be an integer >= 2, got {k!r}")
    if c.n_docs < 2:
        raise ValueError(f"need at least 2 documents to fit topics, got {c.n_docs}")
    return c, int(k)


def fit_streamed(
    counts: StreamedCounts | str | os.PathLike[str],
    k: int,
    seed: int = 0,
    *,
    passes: int = 10,
    iterations: int = 100,
    alpha: str | float = "auto",
    eta: str | float | None = None,
    chunksize: int = 1000,
    decay: float = 0.0,
    offset: float = 1.0,
    gamma_threshold: float = 0.001,
    n_jobs: int | None = 2,
    progress: bool = True,
    engine: str = "local",
    master: str | None = None,
) -> Any:
    """LDA with ``k`` topics on counts on disk: a :class:`~textlab.topics.model.TopicModel` ("gensim-streamed").

    gensim's ``LdaModel`` (variational Bayes, Hoffman et al. 2010) with the settings of textlab's gensim
    backend (:mod:`textlab.topics.backends.gensim_lda`: ``alpha="auto"``, ``eta`` 1/k, ``decay=0``, 10 passes of
    up to 100 iterations), run in batch mode so that it stays batch VB whatever the corpus size: each
    pass runs the E-step over every document, ``chunksize`` rows at a time, read from the memory-mapped
    counts, adds up the sufficient statistics and then makes one full M-step (``rho`` = 1 with
    ``decay=0``) and one update of ``alpha``. (The in-memory backend reaches batch VB by making the one
    chunk hold every document, which a streamed corpus cannot.) Memory: a chunk of rows and a few K x V
    arrays, plus the N x K topic shares returned.

    The E-step of the chunks runs in ``n_jobs`` processes. Each chunk starts its document shares from a
    random state seeded with ``(seed, pass, chunk)``, and the statistics are added in chunk order, so the
    result depends on ``seed`` and ``chunksize`` but not on ``n_jobs``. It is not identical to
    :func:`textlab.topics.model.fit_topics` with the gensim backend (whose random draws run in one sequence),
    only equivalent.

    Parameters
    ----------
    counts : StreamedCounts or path of a counts folder
    k : int
        Topics (>= 2).
    seed : int
    passes, iterations, alpha, eta, decay, offset, gamma_threshold
        As gensim's ``LdaModel``.
    chunksize : int, default 1000
        Rows per E-step task.
    n_jobs : int, default 2
    progress : bool
    engine : {"local", "spark"}, default "local"
        ``"spark"``: Spark MLlib's LDA (:func:`textlab.scale.spark.fit_lda`, backend ``"spark"``), ``passes``
        full-batch iterations (``maxIter``), ``alpha`` and ``eta`` as the priors (``"auto"``: learned);
        ``iterations``, ``chunksize``, ``decay``, ``offset``, ``gamma_threshold`` and ``n_jobs`` are
        gensim's and not used.
    master : str, optional
        With ``engine="spark"``: as :func:`build_counts`.

    Returns
    -------
    textlab.topics.model.TopicModel
        ``doc_ids``, ``vocab`` and ``doc_lengths`` from the counts; ``corpus_hash`` is
        :func:`textlab.topics.model.matrix_hash` of the counts.
    """
    _check_engine(engine)
    if engine == "spark":
        from textlab.scale import spark

        return spark.fit_lda(counts, k, seed, max_iter=passes, alpha=alpha, eta=eta, master=master)
    from gensim.models import LdaModel
    from gensim.models.ldamodel import LdaState, update_dir_prior
    from tqdm.auto import tqdm

    c, k = _fit_input(counts, k)
    if passes < 1 or iterations < 1 or chunksize < 1:
        raise ValueError(f"passes, iterations and chunksize must be >= 1, got {passes}, {iterations}, {chunksize}")
    jobs = resolve_n_jobs(n_jobs)
    n = c.n_docs
    spans = [(s, min(n, s + chunksize)) for s in range(0, n, chunksize)]
    jobs = min(jobs, len(spans))
    glog = logging.getLogger("gensim")
    level = glog.level
    glog.setLevel(max(level, logging.ERROR))  # as the backend: gensim's per-pass chatter stays out of the log
    t0 = time.perf_counter()
    try:
        lda = LdaModel(
            None,
            num_topics=int(k),
            id2word=c.id2word,
            random_state=int(seed),
            passes=passes,
            iterations=iterations,
            alpha=alpha,
            eta=eta,
            chunksize=chunksize,
            eval_every=None,
            update_every=0,
            decay=decay,
            offset=offset,
            gamma_threshold=gamma_threshold,
        )
        lda.state.numdocs = n  # what LdaModel.update does first
        with tqdm(total=(passes + 1) * len(spans), desc=f"LDA K={k}", unit="chunk", disable=not progress) as bar:
            for pass_ in range(passes):
                sstats = np.zeros(lda.state.sstats.shape, dtype=lda.dtype)
                logphat = np.zeros(int(k), dtype=np.float64)
                tasks = ((a, b, [int(seed), pass_, i], True) for i, (a, b) in enumerate(spans))
                local = functools.partial(_estep_with, lda, c)
                for part, lp, _ in ordered_imap(
                    _estep, tasks, n_jobs=jobs, initializer=_init_fit, initargs=(lda, c), local=local
                ):
                    sstats += part
                    logphat += lp
                    bar.update()
                rho = pow(offset + pass_ + (lda.num_updates / chunksize), -decay)
                if lda.optimize_alpha:
                    lda.alpha = update_dir_prior(lda.alpha, float(n), (logphat / n).astype(lda.dtype), rho)
                other = LdaState(lda.eta, lda.state.sstats.shape, lda.dtype)
                other.sstats[...] = sstats
                other.numdocs = n
                lda.do_mstep(rho, other, pass_ > 0)
            gamma = np.empty((n, int(k)), dtype=np.float64)
            tasks = ((a, b, [int(seed), passes, i], False) for i, (a, b) in enumerate(spans))
            local = functools.partial(_estep_with, lda, c)
            results = ordered_imap(_estep, tasks, n_jobs=jobs, initializer=_init_fit, initargs=(lda, c), local=local)
            for (a, b), (g,) in zip(spans, results):
                gamma[a:b] = g
                bar.update()
    finally:
        glog.setLevel(level)
    topic_word = np.asarray(lda.get_topics(), dtype=np.float64)
    topic_word /= topic_word.sum(axis=1, keepdims=True)
    gamma /= gamma.sum(axis=1, keepdims=True)
    params = {
        "k": int(k),
        "passes": passes,
        "iterations": iterations,
        "alpha": alpha if isinstance(alpha, str) else float(alpha),
        "eta": eta if eta is None or isinstance(eta, str) else float(eta),
        "chunksize": chunksize,
        "decay": decay,
        "offset": offset,
        "gamma_threshold": gamma_threshold,
        "update": "batch",
        "counts": str(c.path),
    }
    log.info(
        "LDA K=%d on %d streamed documents: %d passes in %.1f s (%d processes)",
        k,
        n,
        passes,
        time.perf_counter() - t0,
        jobs,
    )
    return c.topic_model(topic_word, gamma, lda.alpha, backend="gensim-streamed", seed=seed, params=params)


def streamed_coherence(
    topics: Any,
    counts: StreamedCounts | str | os.PathLike[str],
    *,
    measure: str = "npmi",
    top_n: int = 10,
) -> np.ndarray:
    """Coherence of each topic's ``top_n`` words, from document co-occurrence counted block by block on disk.

    The same measures and formulas as :func:`textlab.topics.coherence.topic_coherence` (``"npmi"``, ``"umass"``;
    the document is the window; equal to it, and so to gensim's ``CoherenceModel``, to rounding), but the
    counts ``D(w)`` and ``D(wi, wj)`` of the top words come from one pass over the streamed rows, never the
    whole matrix in memory.

    Parameters
    ----------
    topics : TopicModel, (K, V) array of word weights over the counts' vocabulary, or lists of top words
    counts : StreamedCounts or path
    measure : {"npmi", "umass"}
    top_n : int, default 10

    Returns
    -------
    numpy.ndarray of float, shape (K,)

    Examples
    --------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> _ = count_to_disk([("1", ["a", "b"]), ("2", ["a", "b"]), ("3", ["c"]), ("4", ["a", "c"])], out)
    >>> streamed_coherence([["a", "b"], ["c", "b"]], out, top_n=2).round(4).tolist()
    [0.415, -0.9498]
    """
    from textlab.topics.coherence import EPSILON, MEASURES
    from textlab.topics.labels import top_words

    c = counts if isinstance(counts, StreamedCounts) else StreamedCounts(counts)
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {sorted(MEASURES)}, got {measure!r}")
    kind = MEASURES[measure]
    if top_n < 2:
        raise ValueError(f"top_n must be at least 2, got {top_n}")
    index = {t: i for i, t in enumerate(c.vocab.tolist())}
    if hasattr(topics, "topic_word") and hasattr(topics, "vocab"):
        words = top_words(topics.topic_word, topics.vocab, n=top_n)
    elif isinstance(topics, np.ndarray) or sp.issparse(topics):
        words = top_words(topics, c.vocab.tolist(), n=top_n)
    else:
        words = [list(ws)[:top_n] for ws in topics]
    missing = sorted({w for ws in words for w in ws if w not in index})
    if missing:
        raise ValueError(f"{len(missing)} top word(s) not in the counts' vocabulary: {missing[:10]}")
    if any(len(ws) < top_n for ws in words):
        raise ValueError(f"every topic needs {top_n} top words")
    T = np.array([[index[w] for w in ws] for ws in words], dtype=np.int64)  # (K, n)
    uniq, pos = np.unique(T, return_inverse=True)
    pos = pos.reshape(T.shape)
    C = c.co_doc_freq(uniq).astype(np.float64)  # (m, m), diagonal D(w)
    D = np.diag(C)[pos]  # (K, n)
    N = float(c.n_docs)
    n = T.shape[1]
    if kind == "umass":
        i, j = np.tril_indices(n, -1)
        co = C[pos[:, i], pos[:, j]]
        d_star = D[:, j]
        with np.errstate(divide="ignore", invalid="ignore"):
            s = np.log((co / N + EPSILON) / (d_star / N))
        s[d_star == 0] = 0.0
    else:
        i, j = np.triu_indices(n, 1)
        co = C[pos[:, i], pos[:, j]]
        p_co = co / N
        with np.errstate(divide="ignore", invalid="ignore"):
            pmi = np.log((p_co + EPSILON) / ((D[:, i] / N) * (D[:, j] / N)))
            s = pmi / -np.log(p_co + EPSILON)
        s[co == N] = 0.0
        absent = (D[:, i] == 0) | (D[:, j] == 0)
        if absent.any():
            s[absent] = np.nan
            log.warning("npmi: top words that occur in no document: their topics score nan")
    return np.asarray(s.mean(axis=1), dtype=np.float64)


def corpus_counts(
    corpus: Any,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    size: int = 500,
    min_words: int = 100,
    min_df: int | float = 5,
    max_df: int | float = 0.5,
    quotations: str = "drop",
    engine: str = "local",
    master: str | None = None,
    n_jobs: int | None = 2,
    progress: bool = False,
) -> CountsInfo:
    """The counts of :func:`~textlab.topics.model.corpus_chunk_dtm` (the topic models' chunks), by the streamed path.

    The corpus's comparison rows (:func:`textlab.features.dtm.corpus_rows`, with ``quotations``) go through
    :func:`build_counts`: chunks of ``size`` words, the default tokenizer, ``min_df``/``max_df``, on ``engine``.
    The chunk ids, the vocabulary and the counts equal the in-memory path's (while the corpus has at most
    ``build_counts``' ``sample_docs`` rows, so that its phrases are learned on every chunk).

    Parameters
    ----------
    corpus : textlab.corpus.table.Corpus
    out_dir : path, optional
        The counts folder; default ``data/processed/counts/<corpus hash>-<settings>`` (reused when up to date).
    engine, master
        As :func:`build_counts`.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> from textlab.topics.corpus import corpus_chunk_dtm
    >>> corpus = example_corpus()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     counts = corpus_counts(corpus, d, n_jobs=1).counts()
    ...     chunks, m = corpus_chunk_dtm(corpus)
    ...     same = counts.vocab.tolist() == m.vocab.tolist() and (counts.to_dtm().X != m.X).nnz == 0
    >>> counts.n_docs, same, counts.doc_ids[:2].tolist()
    (24, True, ['adams_1-00001#0', 'adams_1-00001#1'])
    """
    from textlab.features.dtm import corpus_rows

    rows = corpus_rows(corpus, quotations=quotations)
    if out_dir is None:
        tag = _hash_json([size, min_words, min_df, max_df, quotations])[:8]
        out_dir = paths.PROCESSED / "counts" / f"{corpus.hash[:16]}-{tag}"
    return build_counts(
        rows[["doc_id", "text"]],
        out_dir,
        chunk_words=size,
        min_words=min_words,
        min_df=min_df,
        max_df=max_df,
        engine=engine,
        master=master,
        n_jobs=n_jobs,
        progress=progress,
    )


def counts_metadata(
    counts: StreamedCounts | str | os.PathLike[str],
    metadata: str | os.PathLike[str] | pd.DataFrame,
    *,
    id_column: str = "file",
) -> pd.DataFrame:
    """The metadata of the document of each row of counts on disk (a chunk's document is its id before ``#``).

    For grouping a streamed model's topic shares (e.g. ``topic_stats.prevalence(model.doc_topic,
    meta["author"])``) without a corpus table in memory: only the metadata table is read.

    Parameters
    ----------
    counts : StreamedCounts or path of a counts folder
    metadata : path of a CSV, or DataFrame
        One row per document; ``id_column`` holds the document ids of :func:`iter_texts` (a folder's file
        names, with or without ``.txt``, or a table's ``doc_id``).
    id_column : str, default "file"

    Returns
    -------
    pandas.DataFrame
        One row per row of the counts, in their order: ``row_id`` (the chunk or document id), ``doc_id`` and the
        metadata columns (as strings).

    Raises
    ------
    InputError
        Naming the metadata file and its missing column, or the first documents it does not list.

    Examples
    --------
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = count_to_disk([("a#0", ["tsar"]), ("a#1", ["court"]), ("b#0", ["party"])], d)
    >>> meta = pd.DataFrame({"file": ["a.txt", "b.txt"], "author": ["Gorter", "Trotsky"]})
    >>> counts_metadata(d, meta)[["row_id", "doc_id", "author"]].values.tolist()
    [['a#0', 'a', 'Gorter'], ['a#1', 'a', 'Gorter'], ['b#0', 'b', 'Trotsky']]
    """
    c = counts if isinstance(counts, StreamedCounts) else StreamedCounts(counts)
    name = "DataFrame" if isinstance(metadata, pd.DataFrame) else str(metadata)
    if isinstance(metadata, pd.DataFrame):
        meta = metadata.astype(str)
    else:
        try:
            meta = pd.read_csv(metadata, dtype=str, keep_default_na=False)
        except (OSError, ValueError) as err:
            raise InputError(f"{name}: cannot read the metadata ({err})") from err
    if id_column not in meta.columns:
        raise InputError(f"{name}: no column {id_column!r} (columns: {list(meta.columns)})")
    ids = meta[id_column].str.replace(r"\.txt$", "", regex=True)
    if ids.duplicated().any():
        raise InputError(f"{name}: {id_column} {sorted(set(ids[ids.duplicated()]))[:5]} listed more than once")
    rows = pd.Series(c.doc_ids, name="row_id")
    docs = rows.str.replace(r"#\d+$", "", regex=True).rename("doc_id")
    missing = sorted(set(docs) - set(ids))
    if missing:
        raise InputError(f"{name}: {len(missing)} documents of {c.path} not listed in {id_column}, e.g. {missing[:5]}")
    table = meta.drop(columns=[id_column]).set_index(ids.to_numpy())
    out = table.loc[docs.tolist()].reset_index(drop=True)
    out.insert(0, "doc_id", docs.to_numpy())
    out.insert(0, "row_id", rows.to_numpy())
    return out
