"""Word lists of the tokenizer: stopword lists by language, stopword files, spelling tables (offline).

English stopwords are scikit-learn's ``ENGLISH_STOP_WORDS``; German, French, Dutch, Spanish and Russian ones come
from the ``stop-words`` package; the package's own ``textlab/features/data/stopwords_<language>.txt`` edit them for
every corpus of the language (English: the furniture of notes, ``ibid``, ``op``, ``cit``; the others: a few content
words those lists hold, taken back). A stopword file edits a list (:func:`read_stopword_edits`); a spelling table
unifies the spellings of a corpus's editions (:func:`load_spelling_variants`). Files are read again when they change.

Examples
--------
>>> sorted(default_stopwords("de"))[:3]
['aber', 'alle', 'allem']
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TypeAlias

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from textlab.corpus.table import check_language

__all__ = [
    "PACKAGE_DATA",
    "StopwordsArg",
    "default_stopwords",
    "read_stopword_edits",
    "stopword_set",
    "load_spelling_variants",
]

StopwordsArg: TypeAlias = str | os.PathLike[str] | Iterable[str] | None

#: The folder of the package's word lists, ``textlab/features/data/`` (package data: a wheel carries it):
#: ``stopwords_<language>.txt``, a language's additions to its base stopword list (English: the note furniture).
PACKAGE_DATA = importlib.resources.files(__package__ or "textlab.features") / "data"


def _file_stamp(path: str | os.PathLike[str], option: str) -> tuple[str, int, int]:
    """``(path, mtime, size)``: the cache key of a word-list file (an edited file is read again)."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError:
        raise ValueError(f"{option}={str(path)!r}: no such file") from None
    if not p.is_file():
        raise ValueError(f"{option}={str(path)!r}: not a file")
    return str(p), st.st_mtime_ns, st.st_size


@functools.lru_cache(maxsize=16)
def _read_stopword_file(path: str, _mtime: int, _size: int) -> tuple[frozenset[str], frozenset[str], bool]:
    add: set[str] = set()
    remove: set[str] = set()
    replace = False
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            w = line.split("#", 1)[0].strip().lower().replace("\u2019", "'")
            if w == "-*":
                if add or remove:
                    raise ValueError(f"{path} line {i}: '-*' (start from an empty list) must come before any word")
                replace = True
            elif w.startswith("-"):
                remove.add(w[1:].strip())
            elif w:
                if len(w.split()) > 1:
                    raise ValueError(f"{path} line {i}: one word a line, got {w!r}")
                add.add(w)
    return frozenset(add), frozenset(remove), replace


def read_stopword_edits(path: str | os.PathLike[str]) -> tuple[frozenset[str], frozenset[str], bool]:
    """A stopword file: ``(words added, words taken out, whether it starts from an empty list)``.

    One word a line (lower-cased), ``#`` starts a comment; a line ``-word`` takes a word out of the base list; a
    line ``-*``, before any word, empties the base list first, so that the file's words are the whole list.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "stop.txt"
    >>> _ = f.write_text("# mine\\nibid\\n-front\\n", encoding="utf-8")
    >>> read_stopword_edits(f)
    (frozenset({'ibid'}), frozenset({'front'}), False)
    """
    return _read_stopword_file(*_file_stamp(path, "stopwords"))


@functools.lru_cache(maxsize=8)
def _base_stopwords(language: str) -> frozenset[str]:
    if language == "en":
        base = frozenset(ENGLISH_STOP_WORDS)
    else:
        from stop_words import get_stop_words

        base = frozenset(w.strip().lower().replace("\u2019", "'") for w in get_stop_words(language) if w.strip())
    extra = PACKAGE_DATA / f"stopwords_{language}.txt"
    if extra.is_file():
        with importlib.resources.as_file(extra) as path:
            add, remove, replace = read_stopword_edits(path)
        base = ((frozenset() if replace else base) | add) - remove
    return base


def default_stopwords(language: str = "en", edits: str | os.PathLike[str] | None = None) -> frozenset[str]:
    """The stopword list of ``language``, edited by the stopword file ``edits`` if given.

    English: scikit-learn's ``ENGLISH_STOP_WORDS`` plus the note furniture of the package's
    ``textlab/features/data/stopwords_en.txt`` (``ibid``, ``op``, ``cit``, ``pp``, ``vol``...); German, French,
    Dutch, Spanish, Russian: the lists shipped in the ``stop-words`` package. ``edits`` (a file read by
    :func:`read_stopword_edits`) adds words and takes words out: the bundled corpus's ``data/stopwords.txt`` takes
    back "front", "third" and "interest", which carry meaning in its texts.

    >>> sw = default_stopwords()
    >>> "the" in sw, "ibid" in sw, "front" in sw, "party" in sw
    (True, True, True, False)
    >>> "der" in default_stopwords("de"), "партия" in default_stopwords("ru"), "и" in default_stopwords("ru")
    (True, False, True)
    """
    base = _base_stopwords(check_language(language))
    if edits is None:
        return base
    add, remove, replace = read_stopword_edits(edits)
    return ((frozenset() if replace else base) | add) - remove


def stopword_set(
    stopwords: StopwordsArg = "default",
    language: str = "en",
    edits: str | os.PathLike[str] | None = None,
) -> frozenset[str]:
    """The words a :class:`Tokenizer` drops for its ``stopwords`` option.

    ``"default"``: :func:`default_stopwords` of ``language`` edited by ``edits`` (a corpus's own edits);
    ``"none"`` or None: no word; a path: the language's list edited by that file (``edits`` not applied); an
    iterable of words: exactly those.

    >>> len(stopword_set("none")), stopword_set(["The", "of"]) == {"the", "of"}
    (0, True)
    >>> stopword_set("no/such/file.txt")
    Traceback (most recent call last):
    ...
    ValueError: stopwords='no/such/file.txt': no such file
    """
    if stopwords is None or stopwords == "none":
        return frozenset()
    if stopwords == "default":
        return default_stopwords(language, edits)
    if isinstance(stopwords, (str, os.PathLike)):
        _file_stamp(stopwords, "stopwords")
        return default_stopwords(language, stopwords)
    if isinstance(stopwords, bytes):
        raise TypeError("stopwords must be 'default', 'none', a path or an iterable of str, not bytes")
    return frozenset(str(w).lower() for w in stopwords)


@functools.lru_cache(maxsize=8)
def _read_variants(path: str, _mtime: int = 0, _size: int = 0) -> tuple[tuple[str, str], ...]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or not {"variant", "canonical"} <= set(reader.fieldnames):
            raise ValueError(f"{path}: needs columns 'variant' and 'canonical', has {reader.fieldnames}")
        out = []
        for i, row in enumerate(reader, start=2):
            v, c = (row["variant"] or "").strip().lower(), (row["canonical"] or "").strip().lower()
            if not v or not c:
                raise ValueError(f"{path} line {i}: empty variant or canonical")
            out.append((v, c))
    return tuple(out)


def load_spelling_variants(path: str | os.PathLike[str]) -> dict[str, str]:
    """A table of edition spellings, a CSV with columns ``variant,canonical``: variant -> canonical (lower case).

    The bundled corpus's is ``data/spelling_variants.csv`` (``czar`` -> ``tsar``, ``bucharin`` -> ``bukharin``);
    a user's corpus has none unless given one (:class:`textlab.corpus.table.TextOptions`).

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "spellings.csv"
    >>> _ = f.write_text("variant,canonical\\nczar,tsar\\nalma ata,alma-ata\\n", encoding="utf-8")
    >>> load_spelling_variants(f)
    {'czar': 'tsar', 'alma ata': 'alma-ata'}
    """
    return dict(_read_variants(*_file_stamp(path, "spelling_table")))
