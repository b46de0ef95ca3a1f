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

import functools
import logging
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from textlab.corpus import Corpus

log = logging.getLogger(__name__)

__all__ = ["Choices", "open_corpus", "choices", "choices_for", "write_notebook_figures", "example_corpus", "BUNDLED"]


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


def open_corpus(corpus_folder: str | Path | None = None, metadata: str | Path | None = None, group_by: Any = None):
    """The corpus a notebook runs on: the bundled one (``corpus_folder=None``) or a user's, grouped by ``group_by``.

    Parameters
    ----------
    corpus_folder : path, optional
        A folder of UTF-8 ``.txt`` files (see :func:`textlab.corpus.build_corpus`). Its table is built once,
        streamed on every core, and kept in ``data/processed/corpora`` under its build key
        (:func:`textlab.corpus.build_corpus_table`): the next notebook on the same folder reads it back.
    metadata : path, optional
        Its metadata CSV; required with ``corpus_folder``.
    group_by : str or list of str, optional
        A column of the corpus table (``"author"``, ``"author+year"``) that names the groups compared.
        Default: ``data/groups.csv`` for the bundled corpus, ``"author"`` for a user's.

    Examples
    --------
    A user's folder of texts (here the example corpus, written into a temporary folder):

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     corpus = open_corpus(folder, _write_example_corpus(folder), group_by="author+year")
    >>> corpus.groups, len(corpus.docs), sorted(set(corpus.docs["author"]))
    ('author+year', 13, ['A. Adams', 'B. Brown', 'C. Clark'])
    """
    from textlab.corpus import build_corpus_table, load_corpus
    from textlab.io import InputError

    if corpus_folder is None:
        if metadata is not None:
            raise InputError("metadata is given but corpus_folder is not: give both, or neither for the bundled corpus")
        corpus = load_corpus()
        return corpus if group_by is None else corpus.grouped(group_by)
    if metadata is None:
        raise InputError(f"corpus_folder={corpus_folder!s} needs metadata (its CSV of file,author,title,date)")
    corpus = build_corpus_table(corpus_folder, metadata, progress=False).load()
    return corpus.grouped(group_by if group_by is not None else "author")


def choices(corpus, **given: Any) -> Choices:
    """The comparisons of the notebooks for ``corpus``: :data:`BUNDLED` for the bundled corpus, else chosen from
    its data (:func:`choices_for`); any field can be given (``pair=("A", "B")``) and is checked.

    Examples
    --------
    On a user's corpus the choices come from its data; Clark's group is the largest and quotes most:

    >>> c = choices(example_corpus())
    >>> c.bundled, c.pair, c.quoting, c.terms
    (False, ('C. Clark', 'A. Adams'), 'C. Clark', ('party', 'worker', 'class', 'cooperative'))
    >>> choices(example_corpus(), pair=["A. Adams", "B. Brown"]).pair
    ('A. Adams', 'B. Brown')
    """
    from textlab import dtm

    m = dtm.corpus_dtm(corpus)
    words = m.docs.groupby("group")["n_words"].sum().sort_values(ascending=False, kind="stable")
    groups = [str(g) for g in words.index]
    if getattr(corpus, "groups", None) is None and all(g in groups for g in (*BUNDLED.pair, *BUNDLED.periods)):
        base = BUNDLED
    else:
        freq = np.asarray(m.X.sum(axis=0)).ravel()
        order = np.argsort(-freq, kind="stable")
        base = choices_for(groups, terms_by_frequency=[str(m.vocab[i]) for i in order[:10]], bundled=False)
        from textlab.quotations import corpus_quoted_share

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
    """Write one notebook's figures (:data:`textlab.figures.FIGURES`) into ``output_dir``; nothing if it is None.

    Examples
    --------
    >>> corpus = example_corpus()
    >>> write_notebook_figures(corpus, "01_corpus.ipynb", None)
    []
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:  # doctest: +SKIP
    ...     print(sorted(p.name for p in write_notebook_figures(corpus, "01_corpus.ipynb", out))[:2])
    ['01_lexicon_share.png', '01_line_accounting.png']
    """
    from textlab import figures

    if output_dir is None:
        return []
    out = Path(output_dir)
    written = []
    for name, (fn, nb, fixed) in sorted(figures.FIGURES.items()):
        if nb == notebook:
            written.append(figures.save_figure(fn(corpus, **fixed), out / name))
    log.info("wrote %d figures of %s into %s", len(written), notebook, out)
    return written


# --------------------------------------------------------------------------- a tiny corpus for the docstrings' examples

#: Per author of the example corpus: the function words (a style) and the content words (a subject) of its texts.
_EXAMPLE_WORDS = {
    "A. Adams": (
        "the the of of and to a in is that it we which not as by",
        "party class workers struggle union strike wages factory members leaders congress program",
    ),
    "B. Brown": (
        "and and we we the of to a in is that it which not our they",
        "peasants land harvest village grain market prices cooperative soil famine tax plough",
    ),
    "C. Clark": (
        "which which that that the of and to a in is it but this with",
        "army war front soldiers officers discipline victory retreat generals defence orders trenches",
    ),
}
#: Rows of the example corpus: file, author, date, work, kind, seed of its text.
_EXAMPLE_ROWS = [
    ("adams_1", "A. Adams", "1920-03", "Letters", "primary", 1),
    ("adams_2", "A. Adams", "1920-09", "Letters", "primary", 2),
    ("adams_3", "A. Adams", "1921-05", "Theses", "primary", 3),
    ("adams_4", "A. Adams", "1921-11", "Theses", "primary", 4),
    ("brown_1", "B. Brown", "1923-02", "Notes", "primary", 5),
    ("brown_2", "B. Brown", "1923-08", "Notes", "primary", 6),
    ("brown_3", "B. Brown", "1925-04", "Essays", "primary", 7),
    ("brown_4", "B. Brown", "1925-10", "Essays", "primary", 8),
    ("clark_1", "C. Clark", "1930-01", "Diary", "primary", 9),
    ("clark_2", "C. Clark", "1930-06", "Diary", "primary", 10),
    ("clark_3", "C. Clark", "1931-02", "Memoir", "primary", 11),
    ("clark_4", "C. Clark", "1931-09", "Memoir", "primary", 12),
    ("clark_q", "C. Clark", "1931-09", "Memoir", "quotation", 3),
]


def _example_text(author: str, seed: int, n_words: int = 1000) -> str:
    """Sentences of ten words, alternately an author's content and function words.

    The words are picked by a linear congruential sequence written out here (no random generator), so the text is
    the same on every platform and library version.
    """
    function, content = (ws.split() for ws in _EXAMPLE_WORDS[author])
    content = content + _EXAMPLE_WORDS["A. Adams"][1].split()[:3]  # a few words every author uses
    x, words = seed, []
    for i in range(n_words):
        x = (1103515245 * x + 12345) % 2**31
        pool = function if i % 2 else content
        words.append(pool[(x >> 8) % len(pool)])
    return " ".join(" ".join(words[i : i + 10]).capitalize() + "." for i in range(0, n_words, 10))


def _write_example_corpus(folder: str | Path) -> Path:
    """Write the example corpus's ``.txt`` files and ``metadata.csv`` into ``folder``; returns the metadata path.

    Three authors, four rows each, two works each (1920-21, 1923-25, 1930-31), 1,000 words a row; Clark quotes
    Adams twice: inline in ``clark_3`` (the first 30 words of ``adams_1``, in quotation marks) and in a block
    quotation, the row ``clark_q`` (the first 120 words of ``adams_3``).
    """
    folder = Path(folder)
    meta = ["file,author,title,date,kind,work"]
    for name, author, date, work, kind, seed in _EXAMPLE_ROWS:
        if kind == "quotation":
            text = _example_text("A. Adams", seed, 120)
        else:
            text = _example_text(author, seed)
        if name == "clark_3":
            text += ' As Adams wrote, "' + " ".join(_example_text("A. Adams", 1).split()[:30]) + '" and we agree.'
        (folder / f"{name}.txt").write_text(text + "\n\n", encoding="utf-8")  # a closing blank line, dropped
        meta.append(f"{name}.txt,{author},{work} ({name}),{date},{kind},{work}")
    path = folder / "metadata.csv"
    path.write_text("\n".join(meta) + "\n", encoding="utf-8")
    return path


@functools.lru_cache(maxsize=1)
def _example_built() -> Corpus:
    from textlab.corpus import build_corpus

    with tempfile.TemporaryDirectory() as d:
        return build_corpus(d, _write_example_corpus(d))


def example_corpus() -> Corpus:
    """A tiny corpus to try textlab on (the docstrings use it), grouped by author; built once, in a temporary folder.

    13 rows of made-up text (:func:`_write_example_corpus`) by three authors; every call returns fresh copies of
    the tables, so an example that changes them changes no other.

    >>> c = example_corpus()
    >>> c.docs.groupby("author")["n_words"].sum().to_dict(), c.groups
    ({'A. Adams': 4000, 'B. Brown': 4000, 'C. Clark': 4156}, 'author')
    """
    from textlab.corpus import Corpus

    c = _example_built()
    return Corpus(c.docs.copy(), c.lines.copy(), c.lexicon.copy(), dict(c.info), groups="author")
