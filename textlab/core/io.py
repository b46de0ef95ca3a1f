"""Small input/output helpers: hashing, atomic writes, strict UTF-8 reads."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Union

import pandas as pd

PathLike = Union[str, "os.PathLike[str]"]

__all__ = [
    "sha256_file",
    "sha256_bytes",
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_write_csv",
    "read_text_strict",
    "InputError",
]


class InputError(ValueError):
    """Bad input: the message names the file and, where it applies, the line or column.

    A subclass of :class:`ValueError`, so ``except ValueError`` catches it too.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> empty = pathlib.Path(tempfile.mkdtemp()) / "empty.txt"
    >>> _ = empty.write_bytes(b"")
    >>> try:
    ...     read_text_strict(empty)
    ... except ValueError as err:
    ...     print(type(err).__name__, str(err).endswith("empty.txt: file is empty"))
    InputError True
    """


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``.

    >>> sha256_bytes(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: PathLike) -> str:
    """Hex SHA-256 of a file's bytes, read in blocks.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "abc.txt"
    >>> _ = f.write_bytes(b"abc")
    >>> sha256_file(f)[:12], sha256_file(f) == sha256_bytes(b"abc")
    ('ba7816bf8f01', True)
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def atomic_write_bytes(path: PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    A reader never sees a half-written file, and a failure leaves the old
    file (or none) in place.

    Examples
    --------
    >>> import os, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> atomic_write_bytes(d / "sub" / "a.bin", b"old")
    >>> atomic_write_bytes(d / "sub" / "a.bin", b"new")   # replaces the file; missing folders are made
    >>> (d / "sub" / "a.bin").read_bytes(), os.listdir(d / "sub")   # no temporary file left behind
    (b'new', ['a.bin'])
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual mode
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write_text(path: PathLike, text: str) -> None:
    """Atomically write UTF-8 text (``\\n`` line ends).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
    >>> atomic_write_text(f, "café\\n")
    >>> f.read_bytes()
    b'caf\\xc3\\xa9\\n'
    """
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_csv(path: PathLike, df: pd.DataFrame) -> None:
    """Atomically write a DataFrame as UTF-8 CSV without its index.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> atomic_write_csv(f, pd.DataFrame({"author": ["Gorter", "Trotsky"], "words": [120, 95]}, index=[7, 8]))
    >>> f.read_bytes()
    b'author,words\\nGorter,120\\nTrotsky,95\\n'
    """
    atomic_write_text(path, df.to_csv(index=False, lineterminator="\n"))


def read_text_strict(path: PathLike) -> str:
    """Read a UTF-8 text file; raise :class:`InputError` naming file and line if it is not.

    Raises
    ------
    InputError
        If the file is empty, not UTF-8, or contains NUL bytes (binary).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "bad.txt"
    >>> _ = f.write_bytes(b"\\xef\\xbb\\xbfline one\\nline two\\n")
    >>> read_text_strict(f)   # a byte-order mark is dropped
    'line one\\nline two\\n'
    >>> _ = f.write_bytes(b"ok\\ncaf\\xe9\\n")   # Latin-1, not UTF-8
    >>> read_text_strict(f)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    textlab.core.io.InputError: ...bad.txt line 2: not UTF-8 text (byte 6: invalid continuation byte)
    """
    path = Path(path)
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(f"{path} line {line}: NUL byte; this is not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(f"{path} line {line}: not UTF-8 text (byte {err.start}: {err.reason})") from None
    return text[1:] if text.startswith("\ufeff") else text
