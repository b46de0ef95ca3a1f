"""Writing the counts format of :mod:`textlab.scale.counts`, atomically, for both engines.

:func:`write_counts` makes a counts folder: a fill step adds rows to a :class:`CountsWriter` (the local engine
counts token lists, :meth:`CountsWriter.add`; Spark sends rows it counted, :meth:`CountsWriter.add_counted`),
then the vocabulary is sorted or pruned (``min_df``/``max_df``), the rows and tokens are rewritten block by block
into the final files in a temporary folder, and those are moved into place, ``manifest.json`` last. Memory: a
block of rows, the vocabulary and its document frequencies; never the corpus.

Examples
--------
>>> import tempfile
>>> from textlab.scale.counts import StreamedCounts
>>> out = Path(tempfile.mkdtemp())
>>> def fill(w):
...     w.add([("a", ["war", "peace", "war"]), ("b", ["land"])])
...     return {}
>>> info = write_counts(out, fill, vocab=None, min_df=1, max_df=1.0, key="k", settings=None, keep_tokens=False)
>>> info.n_docs, StreamedCounts(out).to_dtm().X.toarray().tolist()
(2, [[0, 1, 2], [1, 0, 0]])
"""

from __future__ import annotations

import io
import itertools
import json
import logging
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from textlab.core.io import atomic_write_text
from textlab.scale.counts import (
    BLOCK_ENTRIES,
    COUNT_FILES,
    FORMAT_VERSION,
    MANIFEST,
    TOKEN_FILES,
    CountsInfo,
    df_bound,
    package_version,
)

log = logging.getLogger(__name__)

__all__ = ["CountsWriter", "write_counts"]


class _Ids(dict):
    """term -> provisional id, a new id (the next integer) for each new term (lookups stay in C)."""

    def __missing__(self, key: str) -> int:
        value = self[key] = len(self)
        return value


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


class CountsWriter:
    """The first pass of :func:`write_counts`: row blocks of provisional ids appended to raw files in ``tmp``.

    :func:`write_counts` makes it and hands it to its fill step, which adds the rows in order: token lists
    (:meth:`add`) or rows counted elsewhere (:meth:`add_counted`). New terms get provisional ids in the order
    they are met; the final, sorted column ids are given when the counts are finalised.

    Examples
    --------
    >>> import tempfile
    >>> w = CountsWriter(Path(tempfile.mkdtemp()), keep_tokens=False)
    >>> w.add([("a", ["war", "peace", "war"]), ("b", ["land"])])
    >>> w.close()
    >>> w.n_docs, w.n_tokens, w.nnz, dict(w.ids)
    (2, 4, 3, {'war': 0, 'peace': 1, 'land': 2})
    """

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
        """Close the raw files (again: a no-op)."""
        for f in (self.f_cols, self.f_data, self.f_rownnz, self.f_ids, self.f_tokens, self.f_lens):
            if f is not None and not f.closed:
                f.close()

    def add(self, block: list[tuple[str, Sequence[str]]]) -> None:
        """Append a block of documents, ``(doc_id, tokens)`` pairs, counting their tokens."""
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


def _row_blocks(rownnz: np.ndarray, max_entries: int = BLOCK_ENTRIES) -> Iterator[tuple[int, int, int, int]]:
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
    w: CountsWriter,
    tmp: Path,
    vocab: Sequence[str] | None,
    min_df: int | float | str,
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
        hi, lo = df_bound(max_df, w.n_docs), df_bound(min_df, w.n_docs)
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
        for s in range(0, w.n_tokens, BLOCK_ENTRIES):
            tokens[s : s + BLOCK_ENTRIES] = full_of[tokens_raw[s : s + BLOCK_ENTRIES]]
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


def write_counts(
    out: Path,
    fill: Callable[[CountsWriter], dict[str, float]],
    *,
    vocab: Sequence[str] | None,
    min_df: int | float | str,
    max_df: int | float,
    key: str | None,
    settings: Mapping[str, Any] | None,
    keep_tokens: bool,
    pruned: bool = False,
    n_types: int | None = None,
) -> CountsInfo:
    """Write a counts folder: ``fill(writer)`` adds the rows (and returns its timings), then the vocabulary is
    sorted or pruned, the final files are written in a temporary folder and moved into ``out`` atomically,
    ``manifest.json`` last.

    On any error nothing of the new result is left (nor ``out`` itself when this call made it), and a previous
    result stays. Both engines write through it: :func:`textlab.scale.local.count_to_disk` and
    :func:`textlab.scale.spark.count_frame`.

    Parameters
    ----------
    out : pathlib.Path
    fill : callable CountsWriter -> dict of float
        Adds every row, in order; returns timings for ``CountsInfo.seconds`` (``count``: seconds spent counting).
    vocab, min_df, max_df, key, settings, keep_tokens
        As :func:`textlab.scale.local.count_to_disk` (checked by the caller: :func:`textlab.scale.counts.check_vocab`).
    pruned : bool, default False
        The fixed ``vocab`` is the result of ``min_df``/``max_df`` applied elsewhere (by Spark), and the
        manifest records those.
    n_types : int, optional
        The distinct tokens, when the writer did not see every token.

    Returns
    -------
    textlab.scale.counts.CountsInfo
    """
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    _clean_stale_tmp(out)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{os.getpid()}-", dir=out))
    t0 = time.perf_counter()
    w = CountsWriter(tmp, keep_tokens)
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
            "versions": {"textlab": package_version("textlab"), "numpy": np.__version__},
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
