"""A tiny corpus to try textlab on: the docstrings' examples use it.

Three made-up authors, 13 rows, written into a temporary folder and built with
:func:`textlab.corpus.build.build_corpus` the first time it is asked for.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from textlab.corpus.build import build_corpus
from textlab.corpus.table import Corpus

__all__ = ["example_corpus", "write_example_corpus"]

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


def write_example_corpus(folder: str | Path) -> Path:
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
    with tempfile.TemporaryDirectory() as d:
        return build_corpus(d, write_example_corpus(d))


def example_corpus() -> Corpus:
    """A tiny corpus to try textlab on (the docstrings use it), grouped by author; built once, in a temporary folder.

    13 rows of made-up text (:func:`write_example_corpus`) by three authors; every call returns fresh copies of
    the tables, so an example that changes them changes no other.

    >>> c = example_corpus()
    >>> c.docs.groupby("author")["n_words"].sum().to_dict(), c.groups
    ({'A. Adams': 4000, 'B. Brown': 4000, 'C. Clark': 4156}, 'author')
    """
    c = _example_built()
    return Corpus(c.docs.copy(), c.lines.copy(), c.lexicon.copy(), dict(c.info), groups="author")
