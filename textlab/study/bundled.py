"""The bundled study's own facts: what the figures know about its five books, used only on the bundled corpus.

The bundled corpus (``data/raw``, grouped by ``data/groups.csv``) is Gorter's
open letter of 1920, three books of Trotsky's (1923-25, 1928, 1930-31) and
Cliff's biography of Trotsky (1993). Its figures give each group and author a
fixed colour, name its works shortly, compare the groups its narrative
compares and point at Cliff's quotations of Trotsky. A user's corpus gets none
of this: :func:`is_bundled` tells the two apart, and the figures of
:mod:`textlab.study.figures` fall back on colours by sorted group name and on
choices made from the data.

The default groups here are those of :data:`textlab.study.choices.BUNDLED`,
the notebooks' narrative.

Examples
--------
>>> from textlab.corpus.examples import example_corpus
>>> is_bundled(example_corpus()), GROUPS[0], SHORT_SOURCES[QUOTING_SOURCE]
(False, 'Gorter 1920', 'Cliff 1993 (004)')
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "GROUP_COLORS",
    "GROUPS",
    "AUTHOR_COLORS",
    "AUTHOR_COLORS_OVER_TIME",
    "SHORT_SOURCES",
    "CLEAN_SOURCES",
    "PAIR",
    "PERIODS",
    "QUOTING",
    "TERMS",
    "AUTHOR",
    "ONE_DOCUMENT_GROUP",
    "ONE_DOCUMENT_NOTE",
    "GORTER_SOURCE",
    "QUOTING_SOURCE",
    "QUOTED",
    "QUOTED_AUTHOR",
    "QUOTATION_CANDIDATES",
    "QUOTATIONS_LABEL",
    "QUOTATIONS_NOTE",
    "is_bundled",
]

#: Fixed colours of the comparison groups (``data/groups.csv``), in their usual order.
GROUP_COLORS = {
    "Gorter 1920": "#b2182b",
    "Trotsky 1923-25": "#2166ac",
    "Trotsky 1928": "#67a9cf",
    "Trotsky 1930-31": "#053061",
    "Cliff 1993": "#e08214",
}

#: The comparison groups in their usual order: the figures list them so, before any other.
GROUPS = tuple(GROUP_COLORS)

#: The authors, in the colour of one of their groups.
AUTHOR_COLORS = {
    "Herman Gorter": GROUP_COLORS["Gorter 1920"],
    "Leon Trotsky": GROUP_COLORS["Trotsky 1923-25"],
    "Tony Cliff": GROUP_COLORS["Cliff 1993"],
}

#: The authors in the figure of words over time: Trotsky in the colour of his later period.
AUTHOR_COLORS_OVER_TIME = {
    "Herman Gorter": GROUP_COLORS["Gorter 1920"],
    "Leon Trotsky": GROUP_COLORS["Trotsky 1930-31"],
    "Tony Cliff": GROUP_COLORS["Cliff 1993"],
}

#: The five source files and their short names (group and source number), in the figures' order.
SHORT_SOURCES = {
    "gorter_1920_open_letter_to_lenin.txt": "Gorter 1920 (000)",
    "trotsky_challenge_of_the_left_opposition_1923-25.txt": "Trotsky 1923-25 (002)",
    "trotsky_letter_on_the_situation_in_russia_1928.txt": "Trotsky 1928 (003)",
    "trotsky_writings_1930-31.txt": "Trotsky 1930-31 (001)",
    "cliff_1993_trotsky_darker_the_night.txt": "Cliff 1993 (004)",
}

#: Sources that needed no OCR repair: their lexicon coverage is the target of the others.
CLEAN_SOURCES = (
    "trotsky_letter_on_the_situation_in_russia_1928.txt",
    "cliff_1993_trotsky_darker_the_night.txt",
)

#: Two groups compared head to head.
PAIR = ("Trotsky 1930-31", "Cliff 1993")
#: An earlier and a later group of one author.
PERIODS = ("Trotsky 1923-25", "Trotsky 1930-31")
#: The group whose quotations are put back.
QUOTING = "Cliff 1993"
#: Terms followed over time.
TERMS = ("bureaucracy", "bureaucratism", "thermidor", "united_front")
#: The author whose themes are followed by year.
AUTHOR = "Leon Trotsky"

#: The group of one document, and the note the keyness figure gives it.
ONE_DOCUMENT_GROUP = "Trotsky 1928"
ONE_DOCUMENT_NOTE = "One document (1928): the interval\nholds only the other groups' variation."

#: Gorter's open letter, with Wildcat's introduction in stretches of it.
GORTER_SOURCE = "gorter_1920_open_letter_to_lenin.txt"
#: Cliff's book, whose quotation rows quote Trotsky.
QUOTING_SOURCE = "cliff_1993_trotsky_darker_the_night.txt"
#: A quotation row of Trotsky's names him so in its ``quoted_author``.
QUOTED = "Trotsky"
#: The author of the quotations, as the corpus names him.
QUOTED_AUTHOR = "Leon Trotsky"
#: The authors a quotation chunk is attributed to.
QUOTATION_CANDIDATES = ("Leon Trotsky", "Tony Cliff")
#: The legend entry of the quotation chunks on the stylometric map.
QUOTATIONS_LABEL = "Cliff's quotations of Trotsky"
#: The stylometric map's note after the share of quotation chunks attributed to Trotsky.
QUOTATIONS_NOTE = "of Cliff's quotation chunks of Trotsky are nearer Trotsky than Cliff (cosine Delta)"


def is_bundled(corpus: Any) -> bool:
    """Whether ``corpus`` holds the bundled books (rows from each of the five sources), so their facts apply.

    The grouping does not matter: the bundled corpus grouped by author is still the bundled corpus.

    Parameters
    ----------
    corpus : textlab.Corpus
        Any corpus (only ``corpus.docs["source"]`` is read).

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> is_bundled(SimpleNamespace(docs=pd.DataFrame({"source": list(SHORT_SOURCES)})))
    True
    >>> is_bundled(SimpleNamespace(docs=pd.DataFrame({"source": list(SHORT_SOURCES)[:4]})))
    False
    >>> is_bundled(SimpleNamespace(docs=pd.DataFrame({"author": ["A"]})))
    False
    """
    docs = corpus.docs
    return "source" in docs.columns and set(SHORT_SOURCES) <= set(docs["source"].astype(str))
