"""The corpus table: the :class:`Corpus` value, its columns, and its form on disk.

One row of :attr:`Corpus.docs` is one contiguous span of raw lines. Its
columns are listed in :data:`COLUMNS`. Every raw line is either kept in a row
or listed in :attr:`Corpus.lines` (the line-accounting report) with a named
reason; :meth:`Corpus.check_accounting` proves it.

A corpus is built by :func:`textlab.corpus.build.load_corpus` (the bundled corpus),
:func:`textlab.corpus.build.build_corpus` (a user's folder of ``.txt`` files, in memory) or
:func:`textlab.corpus.streamed.build_corpus_table` (the same, streamed from disk); on disk it is
the files :data:`TABLE_FILES` (:func:`save_table`, :func:`load_table`).

Two hashes name a corpus. :attr:`Corpus.hash` is the build's: the hash of the table as it was built
(``info["corpus_hash"]``), what ``figures/manifest.json`` records. :attr:`Corpus.key` is the content's: the hash
of the rows the Corpus holds now (every column of ``docs``, in order) and of its grouping; every cache of what is
computed from a corpus is keyed on it, so a Corpus of some of the rows never gets the full corpus's results.
For a corpus as built (no rows left out, no grouping) the two are equal.

How the texts become tokens is the corpus's too: :attr:`Corpus.text_options` (a :class:`TextOptions`: language,
stopwords, lemmas, and the corpus's own stopword edits and spelling table). Every corpus-level count
(:func:`textlab.features.dtm.corpus_dtm`, the topic models' chunks, stylometry's tokens) tokenises with it, and the
caches of those counts key on :attr:`TextOptions.key` beside :attr:`Corpus.key`.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from textlab.core import paths
from textlab.core.io import (
    InputError,
    atomic_write_csv,
    atomic_write_text,
    read_text_strict,
    sha256_bytes,
    sha256_file,
)
from textlab.corpus.groups import group_columns
from textlab.text.segment import Drop, Segmentation, Span, split_lines, validate

log = logging.getLogger(__name__)

__all__ = [
    "COLUMNS",
    "LINE_COLUMNS",
    "LEXICON_COLUMNS",
    "INT_COLUMNS",
    "TABLE_FILES",
    "Corpus",
    "CorpusError",
    "LANGUAGES",
    "TextOptions",
    "check_language",
    "count_words",
    "table_hash",
    "save_table",
    "load_table",
    "read_build_info",
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

#: Columns of the lexicon report ``Corpus.lexicon``.
LEXICON_COLUMNS = ["source", "tokens_raw", "share_raw", "tokens_clean", "share_clean"]

#: Integer columns of ``docs.csv`` (every other column is read back as text).
INT_COLUMNS = ("line_start", "line_end", "year", "n_words")

#: The files of a corpus table on disk (``build.json``, written last, marks a complete one).
TABLE_FILES = ("docs.csv", "line_report.csv", "lexicon_report.csv", "build.json")

_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")

CorpusError = InputError


#: The languages a corpus can be tokenised in: code -> name. Each has a stopword list (scikit-learn's for English,
#: the ``stop-words`` package's for the others) and lemmas (``simplemma``); see :class:`TextOptions`.
LANGUAGES = {"en": "English", "de": "German", "fr": "French", "nl": "Dutch", "es": "Spanish", "ru": "Russian"}


def check_language(language: object, option: str = "language") -> str:
    """``language`` if it is a code of :data:`LANGUAGES`, else an error naming ``option`` and the languages.

    >>> check_language("de")
    'de'
    >>> check_language("it", "--language")
    Traceback (most recent call last):
    ...
    textlab.core.io.InputError: --language='it' is not supported; supported languages: en (English), de (German), \
fr (French), nl (Dutch), es (Spanish), ru (Russian)
    """
    if not isinstance(language, str) or language not in LANGUAGES:
        supported = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
        raise InputError(f"{option}={language!r} is not supported; supported languages: {supported}")
    return language


def _checked_file(value: object, option: str) -> str:
    if not isinstance(value, (str, os.PathLike)):
        raise InputError(f"{option} must be the path of a file, got {value!r}")
    path = Path(value)
    if not path.is_file():
        raise InputError(f"{option}={str(value)!r}: no such file")
    return str(path)


@dataclass(frozen=True)
class TextOptions:
    """How a corpus's texts become tokens: its language, stopwords, lemmas and edition spellings.

    A Corpus carries one (:attr:`Corpus.text_options`); every corpus-level count tokenises with it
    (:meth:`textlab.features.tokenize.Tokenizer.from_options`). A user's corpus gets the defaults: English, the
    language's stopword list, lemmas, no spelling table. The bundled corpus carries its editions' choices
    (:func:`textlab.corpus.build.bundled_text_options`): stopword edits and a spelling table in ``data/``.

    Attributes
    ----------
    language : str, default "en"
        A code of :data:`LANGUAGES`: it picks the stopword list, the lemmas and the stems; the English spelling
        rules (``-ise`` -> ``-ize``, ``-our`` -> ``-or``) apply to English only.
    stopwords : str, default "default"
        ``"default"``: the language's list, edited by ``stopword_edits`` when the corpus has them; ``"none"``: no
        word is removed; else the path of a word list (one word a line, ``#`` starts a comment): its words are
        added to the language's list, a line ``-word`` takes a word out of it, a line ``-*`` empties it first
        (so that the file is the whole list). The corpus's ``stopword_edits`` are not applied to a file's list.
    lemmas : bool, default True
        Count lemmas (``simplemma``, in ``language``) rather than word forms.
    stopword_edits : str, optional
        The corpus's own edits of the language's list (a word list as above), applied with ``"default"``.
    spelling_table : str, optional
        A CSV with columns ``variant,canonical`` (lower case; a variant may be two words, ``alma ata``): spellings
        of editions unified before counting.

    Examples
    --------
    >>> o = TextOptions()
    >>> o.language, o.stopwords, o.lemmas
    ('en', 'default', True)
    >>> o.key == TextOptions(language="en").key, o.key == TextOptions(lemmas=False).key
    (True, False)
    >>> TextOptions(stopwords="no/such/list.txt")
    Traceback (most recent call last):
    ...
    textlab.core.io.InputError: stopwords='no/such/list.txt': no such file; give 'default', 'none' or a word list
    """

    language: str = "en"
    stopwords: str = "default"
    lemmas: bool = True
    stopword_edits: str | None = None
    spelling_table: str | None = None

    def __post_init__(self) -> None:
        check_language(self.language)
        sw = self.stopwords
        if isinstance(sw, os.PathLike):
            sw = os.fspath(sw)
        if not isinstance(sw, str):
            raise InputError(f"stopwords must be 'default', 'none' or the path of a word list, got {sw!r}")
        if sw not in ("default", "none"):
            if not Path(sw).is_file():
                raise InputError(f"stopwords={sw!r}: no such file; give 'default', 'none' or a word list")
            sw = str(Path(sw))
        object.__setattr__(self, "stopwords", sw)
        if not isinstance(self.lemmas, bool):
            raise InputError(f"lemmas must be True or False, got {self.lemmas!r}")
        for name in ("stopword_edits", "spelling_table"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, _checked_file(value, name))

    @property
    def key(self) -> str:
        """What the tokens depend on, for the caches of corpus-level counts: the options, files by their content.

        A file named by an option counts by its SHA-256 (read now), so an edited word list is a new key.

        >>> TextOptions().key == TextOptions().key, TextOptions().key == TextOptions(stopwords="none").key
        (True, False)
        """
        spec: dict[str, Any] = dataclasses.asdict(self)
        for name in ("stopwords", "stopword_edits", "spelling_table"):
            value = spec[name]
            if value is not None and value not in ("default", "none"):
                spec[name] = {"sha256": sha256_file(value)}
        return sha256_bytes(json.dumps(spec, sort_keys=True).encode())

    def replace(self, **changes: Any) -> TextOptions:
        """These options with some changed (checked); an unknown name is an error that lists the names.

        >>> TextOptions().replace(language="fr", lemmas=False)
        TextOptions(language='fr', stopwords='default', lemmas=False, stopword_edits=None, spelling_table=None)
        """
        unknown = sorted(set(changes) - set(self.__dataclass_fields__))
        if unknown:
            raise InputError(f"unknown text options {unknown}; they are {list(self.__dataclass_fields__)}")
        return dataclasses.replace(self, **changes)


def count_words(text: str) -> int:
    """Number of word tokens (letters/digits, inner hyphens and apostrophes kept).

    >>> count_words("The Left-Wing's 138,000 members")
    5
    """
    return len(_WORD_RE.findall(text))


def table_hash(docs: pd.DataFrame) -> str:
    """SHA-256 of a docs table: every column, in order, written as CSV (UTF-8, ``\\n`` line ends, no index).

    A build records it as ``info["corpus_hash"]`` (the bytes of ``docs.csv``); :attr:`Corpus.key` hashes the
    rows a Corpus holds the same way.

    >>> docs = pd.DataFrame({"doc_id": ["a-00001"], "text": ["The party."]})
    >>> table_hash(docs) == table_hash(docs.copy()), table_hash(docs) == table_hash(docs.iloc[:0])
    (True, False)
    """
    return sha256_bytes(docs.to_csv(index=False, lineterminator="\n").encode("utf-8"))


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
        How comparisons group the rows (:func:`textlab.corpus.groups.label_groups`):
        ``None`` is the bundled corpus's table ``data/groups.csv``; a column
        name (``"author"``, ``"author+year"``) suits a user's corpus. Set it
        with :meth:`grouped`.
    topic_names : path or None
        A reader's names for the topics of this corpus's models (a CSV, read by
        :func:`textlab.topics.corpus.load_corpus_topic_names`); ``None``: topics are named by their words. The
        bundled corpus has ``data/topic_names.csv``.
    text_options : TextOptions
        How its texts become tokens (language, stopwords, lemmas, edition spellings); every corpus-level count
        uses them. A user's corpus has the defaults, the bundled corpus its editions' choices. Change them with
        :meth:`with_text_options`.

    Examples
    --------
    :func:`load_corpus` and :func:`build_corpus` make one; a small table will do here:

    >>> docs = pd.DataFrame({"doc_id": ["a-00001", "a-00009"], "author": ["A. Adams", "B. Brown"],
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
        self,
        docs: pd.DataFrame,
        lines: pd.DataFrame,
        lexicon: pd.DataFrame,
        info: dict,
        groups: Any = None,
        topic_names: str | Path | None = None,
        text_options: TextOptions | None = None,
    ) -> None:
        self.docs = docs
        self.lines = lines
        self.lexicon = lexicon
        self.info = info
        self.groups = groups
        self.topic_names = topic_names
        if text_options is not None and not isinstance(text_options, TextOptions):
            raise TypeError(f"text_options must be a TextOptions, got {type(text_options).__name__}")
        self.text_options = text_options if text_options is not None else TextOptions()
        self._hashed: tuple[pd.DataFrame, str] | None = None  # (the docs table hashed, its table_hash)

    def __repr__(self) -> str:
        by = "" if self.groups is None else f", grouped by {self.groups!r}"
        return f"<Corpus {len(self.docs)} docs, {int(self.docs['n_words'].sum())} words, hash {self.hash[:12]}{by}>"

    @property
    def hash(self) -> str:
        """The build's hash: SHA-256 of the docs table as built (``info["corpus_hash"]``), and of the grouping when
        one is set.

        It names the corpus a result was made from (``figures/manifest.json`` records it); it stays the same in a
        Corpus made of some of the built rows. Caches key on :attr:`key`, which follows the rows.
        """
        return self._with_groups(str(self.info["corpus_hash"]))

    @property
    def key(self) -> str:
        """The key of every cache of what is computed from this corpus (matrices, reuse, topic models).

        It covers the rows the Corpus holds and their grouping: the SHA-256 of :attr:`docs` (every column, in
        order, as :func:`table_hash` writes it) and of :attr:`groups` when one is set. So a Corpus with rows
        left out, or with a text changed, has its own key, and a cache never hands it the results of another
        table. For a corpus as built it equals :attr:`hash`. The docs table is hashed once per table: to change
        the rows, make a new Corpus (or assign a new ``docs``) rather than editing ``docs`` in place.

        Examples
        --------
        >>> c = Corpus(pd.DataFrame({"author": ["A", "B"], "n_words": [3, 4]}), pd.DataFrame(), pd.DataFrame(), {})
        >>> c.info["corpus_hash"] = table_hash(c.docs)   # as a build records it
        >>> part = Corpus(c.docs[c.docs["author"] == "A"], c.lines, c.lexicon, c.info)
        >>> c.key == c.hash, part.hash == c.hash, part.key == c.key
        (True, True, False)
        >>> c.grouped("author").key == c.key
        False
        """
        docs = self.docs
        if self._hashed is None or self._hashed[0] is not docs:
            self._hashed = (docs, table_hash(docs))
        return self._with_groups(self._hashed[1])

    def _with_groups(self, table: str) -> str:
        if self.groups is None:
            return table
        spec = self.groups if isinstance(self.groups, (str, list, tuple)) else repr(self.groups)
        return sha256_bytes(f"{table}|groups={json.dumps(spec)}".encode())

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
        out = Corpus(
            self.docs,
            self.lines,
            self.lexicon,
            self.info,
            groups=by,
            topic_names=self.topic_names,
            text_options=self.text_options,
        )
        out._hashed = self._hashed  # the same docs table: hashed once
        return out

    def with_text_options(self, **options: Any) -> Corpus:
        """The same corpus, tokenised with other text options (names and values of :class:`TextOptions`).

        The tables and the grouping are shared; options not named stay. Every corpus-level count
        (:func:`textlab.features.dtm.corpus_dtm`, the topic models' chunks) then uses the new options, and its
        caches key on them (:attr:`TextOptions.key`).

        Examples
        --------
        >>> c = Corpus(pd.DataFrame({"author": ["A"], "n_words": [3]}), pd.DataFrame(), pd.DataFrame(), {})
        >>> de = c.with_text_options(language="de", stopwords="none")
        >>> de.text_options.language, de.text_options.stopwords, de.text_options.lemmas, c.text_options.language
        ('de', 'none', True, 'en')
        >>> c.with_text_options(language="it")
        Traceback (most recent call last):
        ...
        textlab.core.io.InputError: language='it' is not supported; supported languages: en (English), \
de (German), fr (French), nl (Dutch), es (Spanish), ru (Russian)
        """
        out = Corpus(
            self.docs,
            self.lines,
            self.lexicon,
            self.info,
            groups=self.groups,
            topic_names=self.topic_names,
            text_options=self.text_options.replace(**options),
        )
        out._hashed = self._hashed
        return out

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


# --------------------------------------------------------------------------- on disk


def save_table(corpus: Corpus, out_dir: Path) -> None:
    """Write a corpus's tables into ``out_dir`` (each file atomically), ``build.json`` (its ``info``) last.

    >>> import tempfile
    >>> docs = pd.DataFrame({c: [] for c in COLUMNS})
    >>> out = Path(tempfile.mkdtemp())
    >>> save_table(Corpus(docs, pd.DataFrame(columns=LINE_COLUMNS), pd.DataFrame(), {"n_lines": {}}), out)
    >>> sorted(p.name for p in out.iterdir()) == sorted(TABLE_FILES)
    True
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    # build.json last: its presence with a matching key marks a complete build
    (out_dir / "build.json").unlink(missing_ok=True)
    atomic_write_csv(out_dir / "docs.csv", corpus.docs)
    atomic_write_csv(out_dir / "line_report.csv", corpus.lines)
    atomic_write_csv(out_dir / "lexicon_report.csv", corpus.lexicon)
    atomic_write_text(out_dir / "build.json", json.dumps(corpus.info, indent=2, sort_keys=True) + "\n")


def load_table(out_dir: Path, *, text: bool = True) -> Corpus:
    """The corpus table saved in ``out_dir`` (:func:`save_table`), without the ``text`` column if ``text=False``.

    Every column but :data:`INT_COLUMNS` is read as text (an empty ``quoted_author`` as missing).

    >>> import tempfile
    >>> docs = pd.DataFrame([["a-00001", "a.txt", 1, 2, "W", "B", "T", "A", "1920", 1920, "text", "primary", None,
    ...                       "The party.", 2]], columns=COLUMNS)
    >>> out = Path(tempfile.mkdtemp())
    >>> save_table(Corpus(docs, pd.DataFrame(columns=LINE_COLUMNS), pd.DataFrame(columns=LEXICON_COLUMNS),
    ...                   {"corpus_hash": table_hash(docs)}), out)
    >>> back = load_table(out)
    >>> back.docs[["doc_id", "year", "text"]].values.tolist(), back.docs["quoted_author"].isna().tolist()
    ([['a-00001', 1920, 'The party.']], [True])
    >>> back.key == back.hash == table_hash(docs)
    True
    >>> "text" in load_table(out, text=False).docs.columns
    False
    """
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


def read_build_info(out_dir: Path) -> dict | None:
    """The ``build.json`` of a corpus table in ``out_dir``, or None if there is none (or it cannot be read).

    >>> import tempfile
    >>> read_build_info(Path(tempfile.mkdtemp())) is None
    True
    """
    try:
        return json.loads((out_dir / "build.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        log.warning("%s: unreadable (%s); building again", out_dir / "build.json", err)
        return None
