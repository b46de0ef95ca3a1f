"""The notebooks' parameters: which corpus, how it is grouped, and which groups each comparison takes.

Every notebook opens with a parameters cell (tagged ``parameters`` for
papermill) and hands it to :func:`open_corpus` and :func:`choices`. With the
defaults it reads the bundled corpus and compares its groups as its
commentary describes; given a folder of texts, a metadata file and a grouping
column it runs unchanged on a user's corpus, and every choice falls back to
one made from the data: the largest groups, the group that quotes most, the
most frequent words, and for a change over time one author's earliest and
latest groups (:func:`period_pair`). Where the corpus offers no such choice
(one group, no quotations, no author at two times) the field is None and the
section says so.

Examples
--------
>>> c = choices_for(["Cliff 1993", "Gorter 1920"], terms_by_frequency=["party", "class"], bundled=False)
>>> c.pair, c.periods, c.node
(('Cliff 1993', 'Gorter 1920'), None, 'party')
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from textlab.core.io import InputError
from textlab.corpus.build import load_corpus
from textlab.corpus.streamed import build_corpus_table
from textlab.features import dtm
from textlab.features.rows import corpus_quoted_share

log = logging.getLogger(__name__)

__all__ = ["Choices", "open_corpus", "choices", "choices_for", "period_pair", "group_spans", "BUNDLED"]


@dataclass(frozen=True)
class Choices:
    """What the notebooks compare. Group names are values of the corpus's ``group`` column.

    Attributes
    ----------
    bundled : bool
        The bundled corpus (its book-specific checks and commentary run only then).
    focus : str
        The group whose distinctive words are tabled (notebook 02).
    pair : (str, str) or None
        Two groups compared head to head (Fightin' Words; topics, notebook 04); None with one group.
    periods : (str, str) or None
        An earlier and a later group of one author, for a change over time (vocabulary and topics); None where
        no author has groups of their own at two distinct times (:func:`period_pair`).
    quoting : str or None
        The group whose quotations are put back (notebooks 02 and 05); None where no group quotes.
    node : str
        A term whose collocates are listed (notebook 02).
    kwic : str
        A regular expression for keyword in context (notebook 02).
    phrase : str
        A second keyword-in-context query, as plain words.
    terms : tuple of str
        Terms followed over time (notebook 02).

    Examples
    --------
    >>> BUNDLED.pair, BUNDLED.periods
    (('Trotsky 1930-31', 'Cliff 1993'), ('Trotsky 1923-25', 'Trotsky 1930-31'))
    >>> import dataclasses
    >>> dataclasses.replace(BUNDLED, node="thermidor").node
    'thermidor'
    """

    bundled: bool
    focus: str
    pair: tuple[str, str] | None
    periods: tuple[str, str] | None
    quoting: str | None
    node: str
    kwic: str
    phrase: str
    terms: tuple[str, ...]


#: The choices the notebooks make for the bundled corpus.
BUNDLED = Choices(
    bundled=True,
    focus="Gorter 1920",
    pair=("Trotsky 1930-31", "Cliff 1993"),
    periods=("Trotsky 1923-25", "Trotsky 1930-31"),
    quoting="Cliff 1993",
    node="bureaucracy",
    kwic=r"thermidor\w*",
    phrase="united front",
    terms=("bureaucracy", "bureaucratism", "thermidor", "united_front"),
)


def open_corpus(
    corpus_folder: str | Path | None = None,
    metadata: str | Path | None = None,
    group_by: Any = None,
    *,
    language: str | None = None,
    stopwords: str | Path | None = None,
    lemmas: bool | None = None,
):
    """The corpus a notebook runs on: the bundled one (``corpus_folder=None``) or a user's, grouped by ``group_by``.

    Parameters
    ----------
    corpus_folder : path, optional
        A folder of UTF-8 ``.txt`` files (see :func:`textlab.corpus.build.build_corpus`). Its table is built once,
        streamed on every core, and kept in ``data/processed/corpora`` under its build key
        (:func:`textlab.corpus.streamed.build_corpus_table`): the next notebook on the same folder reads it back.
    metadata : path, optional
        Its metadata CSV; required with ``corpus_folder``.
    group_by : str or list of str, optional
        A column of the corpus table (``"author"``, ``"author+year"``) that names the groups compared.
        Default: ``data/groups.csv`` for the bundled corpus, for a user's the default of
        :func:`textlab.corpus.streamed.build_corpus_table` (``"author"``).
    language, stopwords, lemmas : optional
        The corpus's text options (:meth:`textlab.corpus.table.Corpus.with_text_options`): a language code
        (``"en"``, ``"de"``, ``"fr"``, ``"nl"``, ``"es"``, ``"ru"``), ``"default"``, ``"none"`` or the path of a
        stopword file, lemmas True or False. None keeps the corpus's own (English, its default list, lemmas).

    Examples
    --------
    A user's folder of texts (here the example corpus, written into a temporary folder):

    >>> import tempfile
    >>> from textlab.corpus.examples import write_example_corpus
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     corpus = open_corpus(folder, write_example_corpus(folder), group_by="author+year", stopwords="none")
    >>> corpus.groups, len(corpus.docs), sorted(set(corpus.docs["author"])), corpus.text_options.stopwords
    ('author+year', 13, ['A. Adams', 'B. Brown', 'C. Clark'], 'none')
    """
    given = {"language": language, "stopwords": stopwords, "lemmas": lemmas}
    text_options = {k: v for k, v in given.items() if v is not None}
    if corpus_folder is None:
        if metadata is not None:
            raise InputError("metadata is given but corpus_folder is not: give both, or neither for the bundled corpus")
        corpus = load_corpus()
        corpus = corpus if group_by is None else corpus.grouped(group_by)
        return corpus.with_text_options(**text_options) if text_options else corpus
    if metadata is None:
        raise InputError(f"corpus_folder={corpus_folder!s} needs metadata (its CSV of file,author,title,date)")
    grouping = {} if group_by is None else {"group_by": group_by}  # else the table's default, "author"
    corpus = build_corpus_table(corpus_folder, metadata, progress=False, **grouping).load()
    return corpus.with_text_options(**text_options) if text_options else corpus


def group_spans(docs: pd.DataFrame) -> pd.DataFrame:
    """Per group of ``docs`` (columns ``group``, ``author``, ``year``, ``n_words``): its author when it has one,
    its first and last year, documents and words; largest groups first.

    Examples
    --------
    >>> docs = pd.DataFrame({"group": ["A 1920", "A 1930", "B", "B"], "author": ["A", "A", "B", "C"],
    ...                      "year": [1920, 1930, 1925, 1926], "n_words": [10, 20, 5, 5]})
    >>> group_spans(docs).values.tolist()
    [['A 1930', 'A', 1930, 1930, 1, 20], ['A 1920', 'A', 1920, 1920, 1, 10], ['B', None, 1925, 1926, 2, 10]]
    """
    d = docs.dropna(subset=["group"])
    rows = []
    for g, x in d.groupby("group", sort=True):
        authors = x["author"].dropna().astype(str).unique()
        years = pd.to_numeric(x["year"], errors="coerce").dropna()
        rows.append(
            {
                "group": str(g),
                "author": str(authors[0]) if len(authors) == 1 else None,
                "first": int(years.min()) if len(years) else None,
                "last": int(years.max()) if len(years) else None,
                "documents": len(x),
                "words": int(x["n_words"].sum()),
            }
        )
    columns = ["group", "author", "first", "last", "documents", "words"]
    out = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=object) for c in columns})
    out = out.astype({"documents": int, "words": int})
    return out.sort_values(["words", "group"], ascending=[False, True], kind="stable").reset_index(drop=True)


def period_pair(spans: pd.DataFrame) -> tuple[str, str] | None:
    """An earlier and a later group of one author (:func:`group_spans`), or None when the corpus has none.

    A group counts as one author's when all its rows are that author's. Of the authors with two or more such
    groups, the one with the most words; of its groups, the earliest (by first year) and the latest (by last
    year), which must not overlap in time. Two groups of different authors are never periods: a difference
    between them is the authors' as much as the times'.

    Examples
    --------
    >>> spans = pd.DataFrame({"group": ["A 1920", "A 1925", "A 1930", "B 1940"], "author": ["A", "A", "A", "B"],
    ...                       "first": [1920, 1925, 1930, 1940], "last": [1920, 1925, 1930, 1940],
    ...                       "words": [5, 9, 5, 50]})
    >>> period_pair(spans)
    ('A 1920', 'A 1930')
    >>> period_pair(spans[spans["author"] == "B"]) is None  # one group of one author: no change over time
    True
    """
    own = spans.dropna(subset=["author", "first", "last"])
    best: tuple[int, str, tuple[str, str]] | None = None
    for author, g in own.groupby("author", sort=True):
        if len(g) < 2:
            continue
        early = g.sort_values(["first", "last", "group"], kind="stable").iloc[0]
        late = g.sort_values(["last", "first", "group"], ascending=[False, False, True], kind="stable").iloc[0]
        if early["group"] == late["group"] or int(early["last"]) >= int(late["first"]):
            continue
        words = int(g["words"].sum())
        if best is None or words > best[0]:
            best = (words, str(author), (str(early["group"]), str(late["group"])))
    return None if best is None else best[2]


def _check_periods(spans: pd.DataFrame, periods: tuple[str, str]) -> None:
    """Raise ValueError unless ``periods`` are an earlier and a later group of one author."""
    rows = spans.set_index("group").to_dict("index")
    early, late = rows[periods[0]], rows[periods[1]]
    if early["author"] is None or early["author"] != late["author"]:
        raise ValueError(
            f"periods={periods!r}: a change over time compares one author's groups, and these are "
            f"{early['author'] or 'several authors'} and {late['author'] or 'several authors'}"
        )
    if None in (early["last"], late["first"]) or int(early["last"]) >= int(late["first"]):
        raise ValueError(
            f"periods={periods!r}: the first group must end before the second begins "
            f"({early['first']}-{early['last']} and {late['first']}-{late['last']})"
        )


_MEMO: dict[tuple, Choices] = {}


def _from_data(corpus) -> Choices:
    """The choices made from the corpus's data (kept in memory for the two latest corpora)."""
    key = (corpus.key, repr(getattr(corpus, "text_options", None)))  # rows, grouping and text options
    if key not in _MEMO:
        m = dtm.corpus_dtm(corpus)
        spans = group_spans(m.docs)
        groups = spans["group"].tolist()
        named = [*(BUNDLED.pair or ()), *(BUNDLED.periods or ())]
        if getattr(corpus, "groups", None) is None and all(g in groups for g in named):
            base = BUNDLED
        else:
            freq = np.asarray(m.X.sum(axis=0)).ravel()
            order = np.argsort(-freq, kind="stable")
            quoted = corpus_quoted_share(corpus).set_index("group")["quoted_share"]
            quoting = str(quoted.idxmax()) if len(quoted) and float(quoted.max()) > 0 else None
            base = choices_for(
                groups,
                terms_by_frequency=[str(m.vocab[i]) for i in order[:10]],
                periods=period_pair(spans),
                quoting=quoting,
            )
        while len(_MEMO) >= 2:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = base
    return _MEMO[key]


def choices(corpus, **given: Any) -> Choices:
    """The comparisons of the notebooks for ``corpus``: :data:`BUNDLED` for the bundled corpus, else chosen from
    its data (:func:`choices_for`, :func:`period_pair`); any field can be given (``pair=("A", "B")``) and is
    checked: groups must be the corpus's, periods one author's at two times.

    Examples
    --------
    On a user's corpus the choices come from its data; Clark's group is the largest and quotes most, and no
    author has two groups, so there are no periods to compare:

    >>> from textlab.corpus.examples import example_corpus
    >>> c = choices(example_corpus())
    >>> c.bundled, c.pair, c.periods, c.quoting, c.terms
    (False, ('C. Clark', 'A. Adams'), None, 'C. Clark', ('party', 'worker', 'class', 'cooperative'))
    >>> choices(example_corpus(), pair=["A. Adams", "B. Brown"]).pair
    ('A. Adams', 'B. Brown')
    >>> choices(example_corpus().grouped("author+year")).periods
    ('C. Clark 1930', 'C. Clark 1931')
    """
    base = _from_data(corpus)
    unknown = set(given) - set(Choices.__dataclass_fields__)
    if unknown:
        raise ValueError(f"unknown choices {sorted(unknown)}; they are {list(Choices.__dataclass_fields__)}")
    fields = {
        **base.__dict__,
        **{k: (tuple(v) if isinstance(v, list) else v) for k, v in given.items() if v is not None},
    }
    spans = group_spans(dtm.corpus_dtm(corpus).docs)
    groups = spans["group"].tolist()
    for name in ("focus", "quoting"):
        if fields[name] is not None and fields[name] not in groups:
            raise ValueError(f"{name}={fields[name]!r} is not a group of this corpus; groups are {groups}")
    for name in ("pair", "periods"):
        value = fields[name]
        if value is not None and (len(value) != 2 or len(set(value)) != 2 or any(g not in groups for g in value)):
            raise ValueError(f"{name}={value!r} must be two groups of this corpus; groups are {groups}")
    if fields["periods"] is not None and "periods" in given and given["periods"] is not None:
        _check_periods(spans, fields["periods"])
    return Choices(**fields)


def choices_for(
    groups: Sequence[str],
    *,
    terms_by_frequency: Sequence[str],
    periods: tuple[str, str] | None = None,
    quoting: str | None = None,
    bundled: bool = False,
) -> Choices:
    """Choices made from data alone: ``groups`` largest first, ``terms_by_frequency`` most frequent first.

    The focus is the largest group; the pair its two largest groups (None with one group); ``periods`` and
    ``quoting`` are passed through (:func:`choices` finds them: one author's earliest and latest groups, the
    group that quotes most); the node and the keyword the most frequent term; the terms over time the four
    most frequent.

    Examples
    --------
    >>> c = choices_for(["A 1930", "A 1920", "B 1925"], terms_by_frequency=["united_front", "party", "class", "war"])
    >>> c.pair, c.periods, c.kwic, c.phrase
    (('A 1930', 'A 1920'), None, 'united\\\\W+front', 'united front')
    >>> choices_for(["A"], terms_by_frequency=["war"]).pair is None
    True
    """
    if len(groups) < 1:
        raise ValueError("the corpus has no groups: no row is labelled with a group")
    if not terms_by_frequency:
        raise ValueError("terms_by_frequency is empty: the corpus has no terms")
    top = [str(t) for t in terms_by_frequency]
    return Choices(
        bundled=bundled,
        focus=str(groups[0]),
        pair=(str(groups[0]), str(groups[1])) if len(groups) >= 2 else None,
        periods=periods,
        quoting=quoting,
        node=top[0],
        kwic=top[0].replace("_", r"\W+"),
        phrase=top[0].replace("_", " "),
        terms=tuple(top[:4]),
    )
