"""The on-disk counts format, one for both engines: its layout, its cache key, what was written, and its reader.

A counts folder (written by :func:`textlab.scale.writer.write_counts`, through
:func:`textlab.scale.local.count_to_disk` or the Spark engine) holds ``counts.npz`` (a CSR document-term
matrix that :func:`scipy.sparse.load_npz` reads, stored uncompressed so that it can be memory-mapped),
``vocab.json``, ``doc_ids.json``, optionally the tokenised corpus (``tokens.npy``, ``token_offsets.npy``,
``terms.json``) and ``manifest.json`` (key, settings, sizes), written last: its presence marks a complete
result.

- :data:`FORMAT_VERSION`, :data:`COUNT_FILES`, :data:`TOKEN_FILES`, :data:`MANIFEST`: the layout;
- :func:`counts_key` (with :func:`tokenizer_fingerprint` and :func:`hash_json`): the cache key of counts;
- :class:`CountsInfo`: what was written or found on disk; :func:`cached_counts`: the counts of a folder when they
  were made under a key;
- :func:`check_df`, :func:`df_bound`, :func:`check_vocab`: the vocabulary options (``min_df``, ``max_df``,
  ``vocab``) as both engines read them;
- :class:`StreamedCounts`: the counts read back in row blocks through memory maps, as a gensim streamed corpus.

Examples
--------
>>> import tempfile
>>> from textlab.scale.local import count_to_disk
>>> out = tempfile.mkdtemp()
>>> info = count_to_disk([("a", ["war", "peace", "war"]), ("b", ["land"])], out, key="k1")
>>> cached_counts(out, "k1").n_terms, cached_counts(out, "k2")
(3, None)
>>> StreamedCounts(out).vocab.tolist()
['land', 'peace', 'war']
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import json
import logging
import numbers
import os
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from textlab.core import paths
from textlab.core.io import InputError, sha256_bytes, sha256_file
from textlab.features.chunks import auto_min_df
from textlab.features.dtm import DocumentTermMatrix
from textlab.features.tokenize import Tokenizer

log = logging.getLogger(__name__)

__all__ = [
    "FORMAT_VERSION",
    "COUNT_FILES",
    "TOKEN_FILES",
    "MANIFEST",
    "BLOCK_ENTRIES",
    "package_version",
    "hash_json",
    "tokenizer_fingerprint",
    "counts_key",
    "CountsInfo",
    "cached_counts",
    "check_df",
    "df_bound",
    "check_vocab",
    "StreamedCounts",
]

#: Version of the on-disk layout (part of every cache key).
FORMAT_VERSION = 1

#: The files of a counts folder (``manifest.json`` comes last and marks a complete result).
COUNT_FILES = ("counts.npz", "vocab.json", "doc_ids.json")
TOKEN_FILES = ("tokens.npy", "token_offsets.npy", "terms.json")
MANIFEST = "manifest.json"

#: Entries (term ids) handled at once when blocks of rows are rewritten or read (about 16 MB per array).
BLOCK_ENTRIES = 2_000_000


# --------------------------------------------------------------------------- cache keys


def package_version(dist: str) -> str | None:
    """The installed version of a distribution, or None when it is not installed.

    >>> package_version("numpy") == np.__version__, package_version("no-such-distribution")
    (True, None)
    """
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


#: The libraries whose versions the tokens depend on (lemmas, stems, spellings, phrases, stopword lists).
_VERSIONED = ("gensim", "nltk", "simplemma", "pyspellchecker", "scikit-learn", "stop-words")


def tokenizer_fingerprint(tokenizer: Tokenizer) -> dict[str, Any]:
    """What a tokenizer's output depends on, as JSON values: its settings, word lists, phrases and code.

    Settings are the keyword arguments of ``Tokenizer.__init__`` (read from its signature, so a new
    setting is covered); stopwords and spelling variants are hashed as the sets in use (files named by the
    options count by what they hold, not by their paths); learned phrases are hashed; the code is the
    SHA-256 of ``textlab/features/tokenize.py``, ``textlab/features/wordlists.py`` and ``textlab/text/lexicon.py``
    with the versions of the libraries that make lemmas, stems, spellings, stopword lists and phrases.

    >>> a, b = tokenizer_fingerprint(Tokenizer(phrases=False)), tokenizer_fingerprint(Tokenizer(phrases=False))
    >>> a == b, a == tokenizer_fingerprint(Tokenizer(phrases=False, normalize="stem"))
    (True, False)
    """
    settings: dict[str, Any] = {}
    for name, p in inspect.signature(Tokenizer.__init__).parameters.items():
        if p.kind is not p.KEYWORD_ONLY:
            continue
        value = getattr(tokenizer, name, p.default)
        if name == "stopwords":
            spec = value if value in ("default", "none", None) else "custom"
            value = {"spec": spec, "sha256": hash_json(sorted(tokenizer.stopword_set))}
        elif name in ("stopword_edits", "spelling_table"):
            value = value is not None  # what they hold is hashed: the stopword set, the spelling variants
        elif not isinstance(value, (str, int, float, bool, type(None))):
            value = repr(value)
        settings[name] = value
    if getattr(tokenizer, "spelling", False):
        settings["spelling_variants"] = hash_json(sorted(tokenizer.spelling_variants.items()))
    phrases = sorted(tokenizer.phrasegrams.items())
    return {
        "settings": settings,
        "phrases": {"n": len(phrases), "sha256": hash_json(phrases)} if phrases else None,
        "code": {
            f: sha256_file(paths.PACKAGE / f)
            for f in ("features/tokenize.py", "features/wordlists.py", "text/lexicon.py")
        },
        "versions": {d: package_version(d) for d in _VERSIONED},
    }


def hash_json(value: Any) -> str:
    """SHA-256 of a JSON value (keys sorted; other values as their ``str``).

    >>> hash_json({"b": 1, "a": [2]}) == hash_json({"a": [2], "b": 1})
    True
    """
    return sha256_bytes(json.dumps(value, sort_keys=True, default=str).encode("utf-8"))


def counts_key(input_hash: str, tokenizer: Tokenizer, **settings: Any) -> str:
    """The cache key of counts: the input texts' hash, :func:`tokenizer_fingerprint` and the other ``settings``.

    >>> counts_key("abc", Tokenizer(phrases=False), min_df=1) == counts_key("abc", Tokenizer(phrases=False), min_df=2)
    False
    """
    return hash_json(
        {
            "format": FORMAT_VERSION,
            "input": input_hash,
            "tokenizer": tokenizer_fingerprint(tokenizer),
            "settings": settings,
        }
    )


# --------------------------------------------------------------------------- what was written


@dataclass
class CountsInfo:
    """What :func:`textlab.scale.local.count_to_disk` or :func:`textlab.scale.engines.build_counts` wrote (or found).

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
        """The info of a counts folder from its manifest (``seconds`` only when it was just written)."""
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
    """The counts in ``out_dir`` when they are complete and were made under ``key``, else None.

    >>> import tempfile
    >>> cached_counts(tempfile.mkdtemp(), "any key") is None
    True
    """
    out = Path(out_dir)
    manifest = _read_manifest(out)
    if manifest is None or manifest.get("key") != key:
        return None
    return CountsInfo.from_manifest(out, manifest, cached=True)


# --------------------------------------------------------------------------- vocabulary options


def check_df(name: str, value: Any) -> None:
    """Check ``min_df`` or ``max_df``: an int counts documents (>= 0), a float is a share of them (in [0, 1]).

    >>> check_df("min_df", 2), check_df("max_df", 0.5)
    (None, None)
    >>> check_df("max_df", 1.5)
    Traceback (most recent call last):
    ...
    ValueError: max_df as a share must be in [0, 1], got 1.5

    ``min_df="auto"``: :func:`textlab.features.chunks.auto_min_df` of the number of documents, as in memory.
    """
    if name == "min_df" and value == "auto":
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be an int (documents) or a float (share), got {type(value).__name__}")
    if isinstance(value, numbers.Integral):
        if value < 0:
            raise ValueError(f"{name} must be >= 0, got {value}")
    elif not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"{name} as a share must be in [0, 1], got {value}")


def df_bound(value: int | float | str, n_docs: int) -> float:
    """``min_df`` or ``max_df`` as a number of documents among ``n_docs`` (an int as it is, a float times ``n_docs``,
    ``"auto"`` by :func:`textlab.features.chunks.auto_min_df`).

    >>> df_bound(3, 40), df_bound(0.5, 40), df_bound("auto", 839)
    (3.0, 20.0, 5.0)
    """
    if value == "auto":
        return float(auto_min_df(int(n_docs)))
    return float(value) if isinstance(value, numbers.Integral) else float(value) * n_docs


def check_vocab(vocab: Sequence[str] | None, min_df: int | float | str, max_df: int | float) -> list[str] | None:
    """The vocabulary options of a count, checked: a fixed ``vocab`` as a list, else ``min_df``/``max_df`` checked.

    A fixed vocabulary must be a non-empty sequence of distinct terms (``min_df``/``max_df`` then do not apply).

    >>> check_vocab(None, 1, 1.0), check_vocab(("war", "peace"), 1, 1.0)
    (None, ['war', 'peace'])
    >>> check_vocab(["war", "war"], 1, 1.0)
    Traceback (most recent call last):
    ...
    ValueError: vocab must hold distinct terms
    """
    if vocab is None:
        check_df("min_df", min_df)
        check_df("max_df", max_df)
        return None
    if isinstance(vocab, str):
        raise TypeError("vocab must be a sequence of str terms, not a single str")
    vocab = list(vocab)
    if len(set(vocab)) != len(vocab):
        raise ValueError("vocab must hold distinct terms")
    if not vocab:
        raise ValueError("vocab is empty")
    return vocab


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
    """Counts on disk (:mod:`textlab.scale.counts`), read in row blocks from memory maps: a gensim streamed corpus.

    Iterating yields each document's bag of words, a list of ``(term_id, count)`` pairs in column
    order (gensim's format; empty rows give ``[]``); ``len`` is the number of documents. Nothing is
    densified and no more than a block of rows is materialised at a time, so gensim models (``LdaModel``,
    ``TfidfModel``...) can train on a corpus larger than memory. The operating system pages the
    memory-mapped arrays in and out as needed.

    Parameters
    ----------
    counts_dir : path
        A folder written by :func:`~textlab.scale.local.count_to_disk` (with ``manifest.json``).
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
    >>> from textlab.scale.local import count_to_disk
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
        for s in range(0, self.nnz, BLOCK_ENTRIES):
            out += np.bincount(self.indices[s : s + BLOCK_ENTRIES], minlength=self.shape[1])
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
        X = self.rows(0, self.shape[0])
        return DocumentTermMatrix(X, self.vocab, pd.DataFrame({"doc_id": self.doc_ids}))

    def matrix_hash(self) -> str:
        """:func:`textlab.topics.model.matrix_hash` of the counts, computed block by block (the same digest)."""
        h = hashlib.sha256()
        h.update(json.dumps([list(self.shape), self.vocab.tolist(), self.doc_ids.tolist()]).encode())
        for a in (self.indptr, self.indices, self.data):
            for s in range(0, a.shape[0], BLOCK_ENTRIES):
                h.update(np.ascontiguousarray(a[s : s + BLOCK_ENTRIES], dtype=np.int64).tobytes())
        return h.hexdigest()

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
