"""Tokenising: cleaned text -> lists of normalised tokens, offline.

Everything here works on a fresh machine with no downloaded data: nltk's
regular-expression machinery, Punkt trained on the corpus itself, the
Snowball stemmer; lemmas from the registry package ``simplemma`` (its data
ship inside the package); stopwords from scikit-learn's
``ENGLISH_STOP_WORDS`` plus the project list ``data/stopwords_project.txt``;
multi-word phrases learned with gensim's ``Phrases``; spelling variants that
come from editions, not authors, from the editable table
``data/spelling_variants.csv`` and two documented rules (``-ise`` ->
``-ize``, ``-our`` -> ``-or`` where the reference English list prefers them).

Choices, all keyword options of :class:`Tokenizer`:

* a token is a run of letters with inner hyphens or apostrophes kept
  (``petty-bourgeois`` is one token), or a number (``1917``, ``138,000``);
* a possessive ``'s`` goes (``Trotsky's`` -> ``trotsky``);
* phrases are joined with ``_`` (``united_front``) and never stemmed or
  dropped as stopwords.

Examples
--------
>>> tok = Tokenizer(phrases=False)
>>> tok("The Czar's government and Bucharin's organisations in 1917.")
['tsar', 'government', 'bukharin', 'organization']
"""

from __future__ import annotations

import csv
import functools
import logging
import re
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence, Union

from textlab import paths

log = logging.getLogger(__name__)

__all__ = [
    "TOKEN_RE",
    "default_stopwords",
    "load_spelling_variants",
    "normalize_spelling",
    "lemmatize",
    "stem",
    "train_sentence_splitter",
    "Tokenizer",
]

#: A token: letters with inner hyphens/apostrophes, or a number with inner , or .
TOKEN_RE = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['\u2019-][A-Za-z\u00C0-\u024F]+)*|\d+(?:[.,]\d+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$")

StopwordsArg = Union[None, str, Iterable[str]]


@functools.lru_cache(maxsize=4)
def _read_stopword_file(path: str) -> tuple[frozenset[str], frozenset[str]]:
    add, remove = set(), set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            w = line.split("#", 1)[0].strip().lower()
            if w.startswith("-"):
                remove.add(w[1:].strip())
            elif w:
                add.add(w)
    return frozenset(add), frozenset(remove)


def default_stopwords(project_file: Optional[Union[str, Path]] = None) -> frozenset[str]:
    """scikit-learn's English stopwords, edited by the project list ``data/stopwords_project.txt``.

    The project file adds words (one a line) and takes words out of the base
    list (a line ``-front``): "front", "third" and "interest" carry meaning here.

    >>> sw = default_stopwords()
    >>> "the" in sw, "ibid" in sw, "front" in sw, "party" in sw
    (True, True, False, False)
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    path = Path(project_file) if project_file is not None else paths.DATA / "stopwords_project.txt"
    add, remove = _read_stopword_file(str(path))
    return (frozenset(ENGLISH_STOP_WORDS) | add) - remove


@functools.lru_cache(maxsize=4)
def _read_variants(path: str) -> tuple[tuple[str, str], ...]:
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


def load_spelling_variants(path: Optional[Union[str, Path]] = None) -> dict[str, str]:
    """The editable table of edition spellings: variant -> canonical (lower case).

    >>> load_spelling_variants()["czar"]
    'tsar'
    """
    p = Path(path) if path is not None else paths.DATA / "spelling_variants.csv"
    return dict(_read_variants(str(p)))


@functools.lru_cache(maxsize=200_000)
def _spelling_rule(word: str) -> str:
    from textlab.lexicon import english_frequency

    for src, dst in (("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"),
                     ("ises", "izes"), ("ising", "izing"), ("our", "or"), ("ours", "ors")):
        if word.endswith(src) and len(word) - len(src) >= 3:
            cand = word[: -len(src)] + dst
            if english_frequency(cand) > max(english_frequency(word), 0) and english_frequency(cand) >= 1000:
                return cand
    return word


def normalize_spelling(word: str, variants: Optional[dict[str, str]] = None) -> str:
    """Edition spelling -> one form: the table first, then the ``-ise``/``-our`` rules.

    A rule applies only where the reference English list knows the ``-ize``
    (``-or``) form and uses it more often, so ``exercise``, ``rise`` and
    ``four`` stay.

    >>> [normalize_spelling(w) for w in ["czar", "organise", "organisation", "labour", "exercise", "four", "bucharin"]]
    ['tsar', 'organize', 'organization', 'labor', 'exercise', 'four', 'bukharin']
    """
    table = load_spelling_variants() if variants is None else variants
    w = table.get(word, word)
    return _spelling_rule(w)


@functools.lru_cache(maxsize=200_000)
def lemmatize(word: str) -> str:
    """English lemma from ``simplemma`` (cached per word: the lemma of a word repeats, the corpus does not).

    >>> lemmatize("peasants"), lemmatize("bureaucracies")
    ('peasant', 'bureaucracy')
    """
    import simplemma

    lemma = str(simplemma.lemmatize(word, lang="en"))
    return lemma.lower() if word.islower() else lemma


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem, cached per word.

    >>> stem("revolutionary"), stem("revolutions")
    ('revolutionari', 'revolut')
    """

    return _snowball().stem(word)


@functools.lru_cache(maxsize=1)
def _snowball():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


def train_sentence_splitter(texts: Iterable[str]):
    """A Punkt sentence splitter trained on ``texts`` themselves (no downloaded model).

    >>> split = train_sentence_splitter(["Comrade L. Trotsky wrote. The party met in Moscow. It voted."])
    >>> split.tokenize("The party met. It voted.")
    ['The party met.', 'It voted.']
    """
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    for t in texts:
        trainer.train(t, finalize=False)
    trainer.finalize_training()
    return PunktSentenceTokenizer(trainer.get_params())


class Tokenizer:
    """Configurable, offline tokeniser; ``fit`` learns multi-word phrases from a corpus.

    Parameters
    ----------
    lowercase : bool, default True
    min_length : int, default 2
        Shorter tokens are dropped (phrases are kept).
    stopwords : None, "default" or iterable of str
        ``"default"``: :func:`default_stopwords`; ``None``: keep every word.
    normalize : {"lemma", "stem", None}, default "lemma"
    keep_numbers : bool, default False
    phrases : bool, default True
        Learn phrases in :meth:`fit` (gensim ``Phrases``) and join them.
    phrase_min_count, phrase_threshold : gensim ``Phrases`` settings.
    spelling : bool, default True
        Apply :func:`normalize_spelling`.

    Examples
    --------
    >>> texts = ["the united front of the workers"] * 20 + ["a united party", "the front line"]
    >>> tok = Tokenizer(phrase_min_count=5, phrase_threshold=0.1).fit(texts)  # a tiny corpus needs a low threshold
    >>> tok("The United Front of workers")
    ['united_front', 'worker']
    """

    def __init__(
        self,
        *,
        lowercase: bool = True,
        min_length: int = 2,
        stopwords: StopwordsArg = "default",
        normalize: Optional[str] = "lemma",
        keep_numbers: bool = False,
        phrases: bool = True,
        phrase_min_count: int = 10,
        phrase_threshold: float = 10.0,
        spelling: bool = True,
    ) -> None:
        if normalize not in ("lemma", "stem", None):
            raise ValueError(f"normalize must be 'lemma', 'stem' or None, got {normalize!r}")
        if isinstance(stopwords, str) and stopwords != "default":
            raise ValueError(f"stopwords must be None, 'default' or an iterable of words, got {stopwords!r}")
        if min_length < 1:
            raise ValueError(f"min_length must be >= 1, got {min_length}")
        self.lowercase = lowercase
        self.min_length = min_length
        self.stopwords = stopwords
        self.normalize = normalize
        self.keep_numbers = keep_numbers
        self.phrases = phrases
        self.phrase_min_count = phrase_min_count
        self.phrase_threshold = phrase_threshold
        self.spelling = spelling
        self._stop = default_stopwords() if stopwords == "default" else frozenset(w.lower() for w in (stopwords or ()))
        self._variants = load_spelling_variants() if spelling else {}
        self._phraser = None

    def __repr__(self) -> str:
        return (f"Tokenizer(normalize={self.normalize!r}, stopwords={'default' if self.stopwords == 'default' else '...'}, "
                f"min_length={self.min_length}, phrases={self.phrases and self._phraser is not None})")

    # ---- steps
    def words(self, text: str) -> list[str]:
        """Word tokens before phrases, stopwords and normalisation (lower-cased, spellings unified)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        out = []
        for m in TOKEN_RE.finditer(text):
            t = _POSSESSIVE.sub("", m.group(0)).replace("\u2019", "'")
            if self.lowercase:
                t = t.lower()
            if self.spelling:
                t = normalize_spelling(t, self._variants)
            out.append(t)
        if self.spelling and "alma ata" in self._variants:
            out = _join_pairs(out, self._variants)
        return out

    def fit(self, texts: Iterable[str]) -> "Tokenizer":
        """Learn multi-word phrases from ``texts`` (an iterable of str, e.g. ``docs["text"]``)."""
        if isinstance(texts, str):
            raise TypeError("fit expects an iterable of texts, not a single str")
        if not self.phrases:
            return self
        from gensim.models.phrases import ENGLISH_CONNECTOR_WORDS, Phrases

        sentences = [self.words(t) for t in texts]
        # stopwords may sit inside a phrase ("rank_and_file") but not open or close one ("i_have")
        connectors = frozenset(ENGLISH_CONNECTOR_WORDS) | self._stop
        model = Phrases(sentences, min_count=self.phrase_min_count, threshold=self.phrase_threshold,
                        connector_words=connectors)
        self._phraser = model.freeze()
        log.info("learned %d phrases from %d texts", len(self._phraser.phrasegrams), len(sentences))
        return self

    @property
    def phrasegrams(self) -> dict[str, float]:
        """Learned phrases and their scores (empty before :meth:`fit`)."""
        return dict(self._phraser.phrasegrams) if self._phraser is not None else {}

    def __call__(self, text: str) -> list[str]:
        ws = self.words(text)
        if self._phraser is not None:
            ws = self._phraser[ws]
        out = []
        for w in ws:
            if "_" in w:
                out.append(w)
                continue
            if w in self._stop or len(w) < self.min_length:
                continue
            if w[0].isdigit():
                if self.keep_numbers:
                    out.append(w)
                continue
            if self.normalize == "lemma":
                w = lemmatize(w)
                if w in self._stop:
                    continue
            elif self.normalize == "stem":
                w = stem(w)
            out.append(w)
        return out

    tokenize = __call__

    def stream(self, texts: Iterable[str]) -> Iterator[list[str]]:
        """Tokenise texts one at a time (memory bounded by one text)."""
        for t in texts:
            yield self(t)


def _join_pairs(words: Sequence[str], variants: dict[str, str]) -> list[str]:
    """Apply two-word variants of the table (``alma ata`` -> ``alma-ata``)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words):
            pair = f"{words[i]} {words[i + 1]}"
            if pair in variants:
                out.append(variants[pair])
                i += 2
                continue
        out.append(words[i])
        i += 1
    return out
