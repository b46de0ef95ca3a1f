"""An English lexicon from a registry package, plus the corpus's own vocabulary.

Cleaning decides by evidence: is ``revo`` + ``lutionary`` a word? Is
``petty-bourgeois`` written with its hyphen elsewhere in the corpus? The
evidence is a :class:`Lexicon`: the English word list shipped by the
``pyspellchecker`` package (no download at run time) and the corpus's own
counts of words, hyphenated forms and adjacent word pairs.

Corpus counts include OCR errors (``lnost`` occurs more than once), so a word
known *only* from the corpus needs ``min_count`` occurrences (default 5)
before a cleaning step may produce it; English words need one.

The evidence is English whatever a corpus's language (its text options,
:class:`textlab.corpus.table.TextOptions`, say how its texts become tokens, not
how they are cleaned). On a text in another language the English list knows
few of its words, so the steps decide mostly by the corpus's counts: a word broken at a line
end is still joined (cleaning matches ASCII letters, so Cyrillic text keeps its
breaks), and a rare word with an OCR-like cluster (``rn``, ``ln``) can be
"repaired" into an English word (German ``gern`` -> ``gem``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

__all__ = [
    "WORD_RE",
    "JOIN_RATIO",
    "english_words",
    "english_frequency",
    "Lexicon",
    "lexicon_share",
    "word_counts",
    "pair_counts",
    "consulted_pairs",
]

#: A word token for counting and coverage: a run of ASCII letters.
WORD_RE = re.compile(r"[A-Za-z]+")
_HYPH_RE = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")
_LINE_WORDS_RE = re.compile(r"[A-Za-z]+")

#: :func:`textlab.text.clean.join_spaced_words` joins two English words (``his tory``) only when the corpus has the
#: joined word at least this many times as often as the pair (and at least this many times).
JOIN_RATIO = 20


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-cased English word list shipped by ``pyspellchecker`` (about 160,000 forms).

    Cached once per process.

    >>> "revolutionary" in english_words(), "lution" in english_words()
    (True, False)
    """
    from spellchecker import SpellChecker

    return frozenset(w.lower() for w in SpellChecker(language="en").word_frequency.keys() if w.isalpha())


@functools.lru_cache(maxsize=1)
def _english_frequency_table() -> dict[str, int]:
    from spellchecker import SpellChecker

    return {w.lower(): int(n) for w, n in SpellChecker(language="en").word_frequency.dictionary.items()}


def english_frequency(word: str) -> int:
    """How often ``word`` occurs in the English reference corpus behind pyspellchecker's list (0 if absent).

    >>> english_frequency("the") > english_frequency("dust") > english_frequency("ism") > english_frequency("lution")
    True
    """
    return _english_frequency_table().get(word.lower(), 0)


class Lexicon:
    """English words plus corpus counts, the evidence used by cleaning steps.

    Parameters
    ----------
    english : iterable of str
        English word forms (lower-cased on the way in).
    counts : mapping, optional
        Corpus counts of lower-cased words.
    hyphenated : mapping, optional
        Corpus counts of lower-cased hyphenated forms (``petty-bourgeois``)
        written within a line.
    pairs : mapping, optional
        Corpus counts of lower-cased adjacent word pairs ``"his tory"``.
    min_count : int
        Occurrences a word needs in the corpus to count as known when the
        English list does not have it.

    Examples
    --------
    >>> lex = Lexicon(["the", "history"], {"trotsky": 40, "lnost": 2})
    >>> lex.known("History"), lex.known("Trotsky"), lex.known("lnost")
    (True, True, False)
    """

    def __init__(
        self,
        english: Iterable[str],
        counts: Mapping[str, int] | None = None,
        *,
        hyphenated: Mapping[str, int] | None = None,
        pairs: Mapping[str, int] | None = None,
        min_count: int = 5,
    ) -> None:
        if isinstance(english, str):
            raise TypeError("english must be an iterable of words, not a str")
        self.english_set = english if isinstance(english, frozenset) else frozenset(w.lower() for w in english)
        self.counts: Counter[str] = Counter(counts or {})
        self.hyphenated: Counter[str] = Counter(hyphenated or {})
        self.pairs: Counter[str] = Counter(pairs or {})
        self.min_count = min_count

    @classmethod
    def from_texts(cls, texts: Iterable[str], english: Iterable[str] | None = None, *, min_count: int = 5) -> Lexicon:
        """Count words, hyphenated forms and same-line word pairs in ``texts``.

        >>> lex = Lexicon.from_texts(["the petty-bourgeois party", "the party"], english=["the"])
        >>> lex.count("party"), lex.hyphenated["petty-bourgeois"], lex.pairs["the party"]
        (2, 1, 1)
        """
        if isinstance(texts, str):
            raise TypeError("texts must be an iterable of str, not a single str")
        counts: Counter[str] = Counter()
        hyph: Counter[str] = Counter()
        pairs: Counter[str] = Counter()
        for text in texts:
            c, h = word_counts(text)
            counts.update(c)
            hyph.update(h)
            pairs.update(pair_counts(text))
        return cls(
            english if english is not None else english_words(),
            counts,
            hyphenated=hyph,
            pairs=pairs,
            min_count=min_count,
        )

    def is_english(self, word: str) -> bool:
        """Is ``word`` (any case) in the English list?"""
        return word.lower() in self.english_set

    def count(self, word: str) -> int:
        """Corpus count of ``word`` (any case)."""
        return self.counts.get(word.lower(), 0)

    def known(self, word: str) -> bool:
        """English, or seen at least ``min_count`` times in the corpus."""
        w = word.lower()
        return w in self.english_set or self.counts.get(w, 0) >= self.min_count


def lexicon_share(text: str, english: frozenset[str], *, min_len: int = 3) -> tuple[int, int]:
    """``(known, total)``: word tokens of ``min_len`` letters or more, and how many ``english`` has.

    >>> lexicon_share("The revo lution of 1917 is on", frozenset({"the", "revolution"}))
    (1, 3)
    """
    toks = [t.lower() for t in WORD_RE.findall(text) if len(t) >= min_len]
    return sum(t in english for t in toks), len(toks)


def word_counts(text: str) -> tuple[Counter[str], Counter[str]]:
    """Lower-cased words and hyphenated forms of one text, as :meth:`Lexicon.from_texts` counts them.

    >>> word_counts("The petty-bourgeois, the party")
    (Counter({'the': 2, 'petty': 1, 'bourgeois': 1, 'party': 1}), Counter({'petty-bourgeois': 1}))
    """
    low = text.lower()
    return Counter(WORD_RE.findall(low)), Counter(_HYPH_RE.findall(low))


def pair_counts(text: str, keep: Callable[[str, str], bool] | None = None) -> Counter[str]:
    """Lower-cased adjacent word pairs ``"a b"`` within each line of one text (those ``keep(a, b)`` accepts).

    >>> pair_counts("his tory of\\nthe party")
    Counter({'his tory': 1, 'tory of': 1, 'the party': 1})
    >>> pair_counts("his tory of\\nthe party", keep=lambda a, b: a == "his")
    Counter({'his tory': 1})
    """
    pairs: Counter[str] = Counter()
    for line in text.lower().split("\n"):
        ws = _LINE_WORDS_RE.findall(line)
        pairs.update(f"{a} {b}" for a, b in zip(ws, ws[1:]) if keep is None or keep(a, b))
    return pairs


class consulted_pairs:  # noqa: N801 - used as a function that returns a predicate
    """The pairs whose count cleaning can consult, given the corpus's word ``counts``: both words English and
    their join in the corpus at least :data:`JOIN_RATIO` times (:func:`textlab.text.clean.join_spaced_words`).

    A corpus streamed from disk counts only these pairs (a second pass over the texts, once the word counts
    are known), so the pair table stays small while every cleaning decision is the one the whole table gives.
    (A class, so that the predicate pickles to worker processes.)

    >>> keep = consulted_pairs({"history": 40, "again": 3}, frozenset({"his", "tory", "a", "gain"}))
    >>> keep("his", "tory"), keep("a", "gain")
    (True, False)
    """

    def __init__(self, counts: Mapping[str, int], english: frozenset[str]) -> None:
        self.counts = counts
        self.english = english

    def __call__(self, a: str, b: str) -> bool:
        return a in self.english and b in self.english and self.counts.get(a + b, 0) >= JOIN_RATIO
