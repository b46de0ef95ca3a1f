"""The notebooks' parameters: which corpus, how it is grouped, and which groups each comparison takes.

Every notebook opens with a parameters cell (tagged ``parameters`` for
papermill) and hands it to :func:`open_corpus` and :func:`choices`. With the
defaults it reads the bundled corpus and compares its groups as the
narrative describes; given a folder of texts, a metadata file and a grouping
column it runs unchanged on a user's corpus, and every choice the narrative
makes for the bundled corpus (which two groups to compare, which word to
follow) falls back to one made from the data: the largest groups, the most
frequent words.

Examples
--------
>>> c = choices_for(["Cliff 1993", "Gorter 1920"], terms_by_frequency=["party", "class"], bundled=False)
>>> c.pair, c.node
(('Cliff 1993', 'Gorter 1920'), 'party')
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from textlab.core.io import InputError
from textlab.corpus.build import load_corpus
from textlab.corpus.streamed import build_corpus_table
from textlab.features import dtm
from textlab.features.rows import corpus_quoted_share
from textlab.study.figures import FIGURES
from textlab.viz.style import save_figure

log = logging.getLogger(__name__)

__all__ = ["Choices", "open_corpus", "choices", "choices_for", "write_notebook_figures", "BUNDLED"]


@dataclass(frozen=True)
class Choices:
    """What the notebooks compare. Group names are values of the corpus's ``group`` column.

    Attributes
    ----------
    bundled : bool
        The bundled corpus (its book-specific checks run only then).
    focus : str
        The group whose distinctive words are tabled (notebook 02).
    pair : (str, str)
        Two groups compared head to head (Fightin' Words; topics, notebook 04).
    periods : (str, str)
        An earlier and a later group, for a shift over time (vocabulary and topics).
    quoting : str
        The group whose quotations are put back (notebooks 02 and 05).
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
    >>> import dataclasses
    >>> BUNDLED.pair, BUNDLED.periods
    (('Trotsky 1930-31', 'Cliff 1993'), ('Trotsky 1923-25', 'Trotsky 1930-31'))
    >>> dataclasses.replace(BUNDLED, node="thermidor").node
    'thermidor'
    """

    bundled: bool
    focus: str
    pair: tuple[str, str]
    periods: tuple[str, str]
    quoting: str
    node: str
    kwic: str
    phrase: str
    terms: tuple[str, ...]


#: The choices the notebooks' narrative makes for the bundled corpus.
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


def choices(corpus, **given: Any) -> Choices:
    """The comparisons of the notebooks for ``corpus``: :data:`BUNDLED` for the bundled corpus, else chosen from
    its data (:func:`choices_for`); any field can be given (``pair=("A", "B")``) and is checked.

    Examples
    --------
    On a user's corpus the choices come from its data; Clark's group is the largest and quotes most:

    >>> from textlab.corpus.examples import example_corpus
    >>> c = choices(example_corpus())
    >>> c.bundled, c.pair, c.quoting, c.terms
    (False, ('C. Clark', 'A. Adams'), 'C. Clark', ('party', 'worker', 'class', 'cooperative'))
    >>> choices(example_corpus(), pair=["A. Adams", "B. Brown"]).pair
    ('A. Adams', 'B. Brown')
    """
    m = dtm.corpus_dtm(corpus)
    words = m.docs.groupby("group")["n_words"].sum().sort_values(ascending=False, kind="stable")
    groups = [str(g) for g in words.index]
    if getattr(corpus, "groups", None) is None and all(g in groups for g in (*BUNDLED.pair, *BUNDLED.periods)):
        base = BUNDLED
    else:
        freq = np.asarray(m.X.sum(axis=0)).ravel()
        order = np.argsort(-freq, kind="stable")
        base = choices_for(groups, terms_by_frequency=[str(m.vocab[i]) for i in order[:10]], bundled=False)
        quoted = corpus_quoted_share(corpus).set_index("group")["quoted_share"]
        if len(quoted) and float(quoted.max()) > 0:  # the group that quotes most is the one to put quotations back
            base = Choices(**{**base.__dict__, "quoting": str(quoted.idxmax())})
    unknown = set(given) - set(Choices.__dataclass_fields__)
    if unknown:
        raise ValueError(f"unknown choices {sorted(unknown)}; they are {list(Choices.__dataclass_fields__)}")
    fields = {
        **base.__dict__,
        **{k: (tuple(v) if isinstance(v, list) else v) for k, v in given.items() if v is not None},
    }
    for name in ("focus", "quoting"):
        if fields[name] not in groups:
            raise ValueError(f"{name}={fields[name]!r} is not a group of this corpus; groups are {groups}")
    for name in ("pair", "periods"):
        if len(fields[name]) != 2 or any(g not in groups for g in fields[name]):
            raise ValueError(f"{name}={fields[name]!r} must be two groups of this corpus; groups are {groups}")
    return Choices(**fields)


def choices_for(groups: Sequence[str], *, terms_by_frequency: Sequence[str], bundled: bool = False) -> Choices:
    """Choices made from data alone: ``groups`` largest first, ``terms_by_frequency`` most frequent first.

    The focus and the quoting group are the largest group (:func:`choices` makes the quoting group the one that
    quotes most, when any does); the pair and the periods its two largest groups (in
    name order for the periods, which puts "A 1920" before "A 1930"); the node and the keyword the most frequent
    term; the terms over time the four most frequent.

    Examples
    --------
    >>> c = choices_for(["A 1930", "A 1920", "B 1925"], terms_by_frequency=["united_front", "party", "class", "war"])
    >>> c.pair, c.periods, c.kwic, c.phrase
    (('A 1930', 'A 1920'), ('A 1920', 'A 1930'), 'united\\\\W+front', 'united front')
    """
    if len(groups) < 2:
        raise ValueError(f"the notebooks compare groups: the corpus needs at least 2, it has {list(groups)}")
    if not terms_by_frequency:
        raise ValueError("terms_by_frequency is empty: the corpus has no terms")
    a, b = str(groups[0]), str(groups[1])
    top = [str(t) for t in terms_by_frequency]
    return Choices(
        bundled=bundled,
        focus=a,
        pair=(a, b),
        periods=(min(a, b), max(a, b)),
        quoting=a,
        node=top[0],
        kwic=top[0].replace("_", r"\W+"),
        phrase=top[0].replace("_", " "),
        terms=tuple(top[:4]),
    )


def write_notebook_figures(corpus, notebook: str, output_dir: str | Path | None, **kwargs: Any) -> list[Path]:
    """Write one notebook's figures (:data:`textlab.study.figures.FIGURES`) into ``output_dir``; nothing if it is None.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> corpus = example_corpus()
    >>> write_notebook_figures(corpus, "01_corpus.ipynb", None)
    []
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:  # doctest: +SKIP
    ...     print(sorted(p.name for p in write_notebook_figures(corpus, "01_corpus.ipynb", out))[:2])
    ['01_lexicon_share.png', '01_line_accounting.png']
    """
    if output_dir is None:
        return []
    out = Path(output_dir)
    written = []
    for name, (fn, nb, fixed) in sorted(FIGURES.items()):
        if nb == notebook:
            written.append(save_figure(fn(corpus, **fixed), out / name))
    log.info("wrote %d figures of %s into %s", len(written), notebook, out)
    return written
