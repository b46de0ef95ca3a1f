"""Tokenising: cleaned text -> lists of normalised tokens, offline.

Everything here works on a fresh machine with no downloaded data: nltk's
regular-expression machinery, Punkt trained on the corpus itself, the
Snowball stemmer; lemmas from the registry package ``simplemma`` (its data
ship inside the package); stopwords from scikit-learn's
``ENGLISH_STOP_WORDS`` plus the project list ``stopwords_project.txt``;
multi-word phrases learned with gensim's ``Phrases``; spelling variants that
come from editions, not authors, from the editable table
``spelling_variants.csv`` and two documented rules (``-ise`` ->
``-ize``, ``-our`` -> ``-or`` where the reference English list prefers them).
The two tables are package data, in ``textlab/features/data/`` (:data:`PACKAGE_DATA`).

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
import importlib.resources
import itertools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from textlab.text.lexicon import english_frequency

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

log = logging.getLogger(__name__)

__all__ = [
    "TOKEN_RE",
    "PACKAGE_DATA",
    "default_stopwords",
    "load_spelling_variants",
    "normalize_spelling",
    "lemmatize",
    "stem",
    "train_sentence_splitter",
    "Tokenizer",
    "diversity_tokenizer",
]

#: A token: letters with inner hyphens/apostrophes, or a number with inner , or .
TOKEN_RE = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['\u2019-][A-Za-z\u00C0-\u024F]+)*|\d+(?:[.,]\d+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$")

StopwordsArg: TypeAlias = str | Iterable[str] | None

#: The folder of the package's word lists, ``textlab/features/data/`` (package data: a wheel carries it):
#: ``stopwords_project.txt`` and ``spelling_variants.csv``.
PACKAGE_DATA = importlib.resources.files(__package__ or "textlab.features") / "data"


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


def default_stopwords(project_file: str | Path | None = None) -> frozenset[str]:
    """scikit-learn's English stopwords, edited by the project list ``stopwords_project.txt``.

    The project file adds words (one a line) and takes words out of the base
    list (a line ``-front``): "front", "third" and "interest" carry meaning here. By default the
    file is the package's own, ``textlab/features/data/stopwords_project.txt``.

    >>> sw = default_stopwords()
    >>> "the" in sw, "ibid" in sw, "front" in sw, "party" in sw
    (True, True, False, False)
    """
    if project_file is not None:
        add, remove = _read_stopword_file(str(Path(project_file)))
    else:
        with importlib.resources.as_file(PACKAGE_DATA / "stopwords_project.txt") as path:
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


def load_spelling_variants(path: str | Path | None = None) -> dict[str, str]:
    """The editable table of edition spellings: variant -> canonical (lower case).

    By default the package's own table, ``textlab/features/data/spelling_variants.csv``.

    >>> load_spelling_variants()["czar"]
    'tsar'
    """
    if path is not None:
        return dict(_read_variants(str(Path(path))))
    with importlib.resources.as_file(PACKAGE_DATA / "spelling_variants.csv") as p:
        return dict(_read_variants(str(p)))


@functools.lru_cache(maxsize=200_000)
def _spelling_rule(word: str) -> str:
    for src, dst in (
        ("isation", "ization"),
        ("isations", "izations"),
        ("ise", "ize"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
        ("our", "or"),
        ("ours", "ors"),
    ):
        if word.endswith(src) and len(word) - len(src) >= 3:
            cand = word[: -len(src)] + dst
            # -isation is never an American spelling, so any attested -ization form wins; the short
            # suffixes (-ise, -our) need a common candidate ("rise" must not become "rize")
            floor = 1 if src.startswith("isation") else 1000
            if english_frequency(cand) > max(english_frequency(word), 0) and english_frequency(cand) >= floor:
                return cand
    return word


def normalize_spelling(word: str, variants: dict[str, str] | None = None) -> str:
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


def train_sentence_splitter(texts: Iterable[str]) -> PunktSentenceTokenizer:
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
        normalize: str | None = "lemma",
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
        self._phraser: Any = None  # gensim's FrozenPhrases once fitted
        self._fast: _FastPath | None = None

    def __setattr__(self, name: str, value) -> None:
        # any setting (or the learned phrases) changes: the caches of the fast path go
        object.__setattr__(self, name, value)
        if name in _SETTINGS:
            object.__setattr__(self, "_fast", None)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_fast"] = None  # caches are rebuilt on demand, not pickled or copied
        return state

    def __repr__(self) -> str:
        return (
            f"Tokenizer(normalize={self.normalize!r}, stopwords={'default' if self.stopwords == 'default' else '...'}, "
            f"min_length={self.min_length}, phrases={self.phrases and self._phraser is not None})"
        )

    # ---- steps
    def words(self, text: str) -> list[str]:
        """Word tokens before phrases, stopwords and normalisation (lower-cased, spellings unified)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        out = [self._word(t) for t in TOKEN_RE.findall(text)]
        if self.spelling and "alma ata" in self._variants:
            out = _join_pairs(out, self._variants)
        return out

    def _word(self, raw: str) -> str:
        """One match of :data:`TOKEN_RE` -> its word (possessive off, lower case, spelling unified)."""
        t = _POSSESSIVE.sub("", raw) if raw.endswith(("'s", "\u2019s")) else raw  # a match holds no newline
        t = t.replace("\u2019", "'")
        if self.lowercase:
            t = t.lower()
        if self.spelling:
            t = normalize_spelling(t, self._variants)
        return t

    def _final(self, w: str) -> str | None:
        """A word outside any phrase -> its output token, or None when it is dropped."""
        if "_" in w:
            return w
        if w in self._stop or len(w) < self.min_length:
            return None
        if w[0].isdigit():
            return w if self.keep_numbers else None
        if self.normalize == "lemma":
            w = lemmatize(w)
            if w in self._stop:
                return None
        elif self.normalize == "stem":
            w = stem(w)
        return w

    def fit(self, texts: Iterable[str]) -> Tokenizer:
        """Learn multi-word phrases from ``texts`` (an iterable of str, e.g. ``docs["text"]``)."""
        if isinstance(texts, str):
            raise TypeError("fit expects an iterable of texts, not a single str")
        if not self.phrases:
            return self
        from gensim.models.phrases import ENGLISH_CONNECTOR_WORDS, Phrases

        sentences = [self.words(t) for t in texts]
        # stopwords may sit inside a phrase ("rank_and_file") but not open or close one ("i_have")
        connectors = frozenset(ENGLISH_CONNECTOR_WORDS) | self._stop
        model = Phrases(
            sentences, min_count=self.phrase_min_count, threshold=self.phrase_threshold, connector_words=connectors
        )
        self._phraser = model.freeze()
        log.info("learned %d phrases from %d texts", len(self._phraser.phrasegrams), len(sentences))
        return self

    @property
    def fitted(self) -> bool:
        """Whether it can tokenise as it is: it learns no phrases, or it has learned them (:meth:`fit`).

        >>> Tokenizer(phrases=False).fitted, Tokenizer().fitted, Tokenizer().fit(["the party"]).fitted
        (True, False, True)
        """
        return not self.phrases or self._phraser is not None

    @property
    def phrasegrams(self) -> dict[str, float]:
        """Learned phrases and their scores (empty before :meth:`fit`)."""
        return dict(self._phraser.phrasegrams) if self._phraser is not None else {}

    def __call__(self, text: str) -> list[str]:
        """Tokens of ``text``: words, then phrases joined, then stopwords dropped and lemmas (or stems) taken.

        Gives what :meth:`_call_reference` gives, faster: what repeats is cached
        on the instance (a whitespace-delimited chunk's words, a word's output
        token), never the texts, and the learned phrases are found by one
        regular expression over a code string of the words (see :class:`_FastPath`).

        Parameters
        ----------
        text : str

        Returns
        -------
        list of str
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        fp = self._fast
        if fp is None:
            fp = self._fast = _FastPath(self)
        return fp(text)

    def _call_reference(self, text: str) -> list[str]:
        """The plain, uncached pipeline that :meth:`__call__` must reproduce token for token (tests use it)."""
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


#: Attributes of :class:`Tokenizer` that the caches of its fast path depend on.
_SETTINGS = frozenset(
    {
        "lowercase",
        "min_length",
        "stopwords",
        "normalize",
        "keep_numbers",
        "phrases",
        "spelling",
        "_stop",
        "_variants",
        "_phraser",
    }
)

#: A cache is emptied when it grows past this many entries (memory stays bounded on any corpus).
_CACHE_MAX = 500_000


class _Memo(dict):
    """``memo[key]`` computes ``fn(key)`` once and keeps it (lookups stay in C: ``map(memo.__getitem__, keys)``)."""

    __slots__ = ("_fn",)

    def __init__(self, fn) -> None:
        super().__init__()
        self._fn = fn

    def __missing__(self, key):
        value = self[key] = self._fn(key)
        return value


class _FastPath:
    """The cached pipeline behind :meth:`Tokenizer.__call__` (built on first use, dropped when a setting changes).

    What repeats is cached: a whitespace-delimited chunk of text (``"party,"``)
    -> its words, its output token and a one-character code; a word -> its
    output token. No token spans whitespace, so a text's words are its
    chunks' words in order, and a text is ``str.split``, a dictionary lookup
    or two per chunk and, for the phrases, one regular-expression scan of
    the codes.

    Phrases: gensim's ``FrozenPhrases`` walks the words greedily from the
    left; a word that is not a connector starts a candidate, which runs over
    the connectors that follow up to the next non-connector word, and the
    candidate joined with ``_`` is a phrase when it is one of the
    ``phrasegrams`` scoring above the threshold; a phrase consumes its words,
    otherwise its closing word starts the next candidate. A learned phrase is
    exactly such a candidate (non-connector, connectors, non-connector), so
    "the phrase starting at this word" is "the phrase whose words follow
    literally here", and the leftmost non-overlapping literal matches are the
    greedy walk. Each word of some phrase gets its own code character (from
    ``"\\4"`` on), every other word the filler ``"\\0"``, and a regular
    expression (a trie of the coded phrases) finds the phrases in the codes.

    Chunk codes: one word -> that word's code; no word (``"--"``) -> ``"\\2"``,
    skipped inside a phrase; several words (``"1930s"``, ``"class--the"``)
    -> ``"\\1"``, and such a chunk is replaced by one pseudo-chunk per word
    (``" "`` and the word: no real chunk holds a space). A chunk holding the
    first word of a two-word spelling variant (``"alma"``) -> ``"\\3"``, and
    its text goes word by word (:meth:`_by_word`: the same walk, one code per
    word) so that the pairs are joined first. When the learned phrases do
    not have the connector shape (a model made some other way), gensim's
    phraser itself is used, word by word.
    """

    __slots__ = (
        "word_of",
        "chunk_words",
        "chunk_code",
        "chunk_final",
        "chunk_split",
        "word_code",
        "word_final",
        "phrase_re",
        "phrase_token",
        "phraser",
        "pair_firsts",
        "variants",
        "by_word",
    )

    def __init__(self, tok: Tokenizer) -> None:
        self.variants = tok._variants
        pairs = tok.spelling and "alma ata" in tok._variants
        self.pair_firsts = frozenset(k.split(" ", 1)[0] for k in tok._variants if " " in k) if pairs else frozenset()
        # a word with a space in it could pair up anew or split a phrase: keep to the plain walk
        self.by_word = pairs and any(" " in v for v in tok._variants.values())
        self.phrase_re = self.phraser = None
        chars: dict[str, str] = {}
        tokens: dict[str, str] = {}
        ph = tok._phraser
        if ph is not None:
            phrases = self._phrase_words(ph)
            if phrases is None:
                self.phraser = ph
                self.by_word = True
                log.debug("phrases not of the connector shape: using gensim's phraser")
            elif phrases:
                vocab = sorted({w for p in phrases for w in p})
                chars = {w: chr(i) for i, w in enumerate(vocab, start=4)}
                tokens = {"".join(chars[w] for w in p): "_".join(p) for p in phrases}
                self.phrase_re = self._compile(tokens)
        # matched codes (maybe with "\2" inside) -> the phrase token
        self.phrase_token = _Memo(lambda codes: tokens[codes.replace("\2", "")])
        self.word_code = _Memo(lambda w: chars.get(w, "\0"))
        self.word_final = _Memo(tok._final)
        word_of = self.word_of = _Memo(tok._word)  # a match of TOKEN_RE -> its word
        findall, word = TOKEN_RE.findall, word_of.__getitem__
        self.chunk_words = words = _Memo(lambda c: (c[1:],) if c[0] == " " else tuple(map(word, findall(c))))
        final, firsts = self.word_final, self.pair_firsts

        def chunk_code(c: str) -> str:
            # also fills chunk_words and chunk_final (one pass per new chunk)
            if c.isalpha() and c.isascii():  # most chunks: one plain word, which is its only match
                ws = words[c] = (word(c),)
            else:
                ws = words[c] = (c[1:],) if c[0] == " " else tuple(map(word, findall(c)))
            if len(ws) == 1:
                w = ws[0]
                f = chunk_final[c] = final[w]
                if (firsts and w in firsts) or f == "":
                    return "\3"  # "": the filters below would drop it (no word gives it; the word walk keeps it)
                return chars.get(w, "\0")
            chunk_final[c] = None
            if firsts and not firsts.isdisjoint(ws):
                return "\3"
            return "\1" if ws else "\2"

        self.chunk_code = _Memo(chunk_code)
        self.chunk_final = chunk_final = _Memo(lambda c: final[words[c][0]] if len(words[c]) == 1 else None)
        self.chunk_split = _Memo(lambda c: tuple(" " + w for w in words[c]))

    @staticmethod
    def _phrase_words(ph) -> list[tuple[str, ...]] | None:
        """The learned phrases as word tuples, or None when they cannot be matched literally."""
        if getattr(ph, "delimiter", None) != "_":
            return None
        conn = ph.connector_words
        out = []
        for phrase, score in ph.phrasegrams.items():
            if not score > ph.threshold:
                continue  # FrozenPhrases.score_candidate never accepts it
            parts = tuple(phrase.split("_"))
            if (
                len(parts) < 2
                or not all(parts)
                or parts[0] in conn
                or parts[-1] in conn
                or not all(p in conn for p in parts[1:-1])
            ):
                return None
            out.append(parts)
        return out

    @staticmethod
    def _compile(coded: Iterable[str]) -> re.Pattern[str]:
        """A trie regex of the coded phrases; between two words any run of ``"\\2"`` (chunks with no word)."""
        trie: dict = {}
        for codes in coded:
            node = trie
            for c in codes:
                node = node.setdefault(c, {})
            node[""] = {}

        def pattern(node: dict, first: bool) -> str:
            alts = [re.escape(c) + pattern(child, False) for c, child in sorted(node.items()) if c]
            if not alts:
                return ""
            body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
            if not first:
                body = "\\x02*" + body
            return f"(?:{body})?" if "" in node else body

        return re.compile(pattern(trie, True))

    def clear(self) -> None:
        """Empty every cache (done when one grows past ``_CACHE_MAX`` entries)."""
        for memo in (
            self.word_of,
            self.chunk_words,
            self.chunk_code,
            self.chunk_final,
            self.chunk_split,
            self.word_code,
            self.word_final,
            self.phrase_token,
        ):
            memo.clear()

    def __call__(self, text: str) -> list[str]:
        """:meth:`Tokenizer.__call__` of ``text`` (a str)."""
        if len(self.chunk_words) > _CACHE_MAX or len(self.word_final) > _CACHE_MAX:
            self.clear()
        chunks = text.split()
        if self.by_word:
            return self._by_word(chunks)
        codes = "".join(map(self.chunk_code.__getitem__, chunks))
        if "\3" in codes:
            return self._by_word(chunks)
        if "\1" in codes:
            chunks, codes = self._split(chunks, codes)
        final = self.chunk_final.__getitem__
        if self.phrase_re is None:
            return list(filter(None, map(final, chunks)))
        out = list(map(final, chunks))
        matches = list(self.phrase_re.finditer(codes))
        if not matches:
            return list(filter(None, out))
        token = self.phrase_token.__getitem__
        for m in reversed(matches):  # from the end, so the positions still to come stay put
            out[m.start() : m.end()] = (token(m.group()),)
        return list(filter(None, out))

    def _split(self, chunks: list[str], codes: str) -> tuple[list[str], str]:
        """Chunks of several words (code ``"\\1"``) -> one pseudo-chunk per word, in chunks and codes."""
        split, code = self.chunk_split.__getitem__, self.chunk_code.__getitem__
        new: list[str] = []
        new_codes: list[str] = []
        prev = 0
        i = codes.find("\1")
        while i >= 0:
            new += chunks[prev:i]
            parts = split(chunks[i])
            new += parts
            new_codes.append(codes[prev:i])
            new_codes.extend(map(code, parts))
            prev = i + 1
            i = codes.find("\1", prev)
        new += chunks[prev:]
        new_codes.append(codes[prev:])
        return new, "".join(new_codes)

    def _by_word(self, chunks: list[str]) -> list[str]:
        """The same walk one word at a time (texts with two-word spelling variants, or gensim's phraser)."""
        ws = list(itertools.chain.from_iterable(map(self.chunk_words.__getitem__, chunks)))
        firsts = self.pair_firsts
        if firsts and not firsts.isdisjoint(ws):
            ws = _join_pairs(ws, self.variants)
        final = self.word_final.__getitem__
        if self.phrase_re is None:
            if self.phraser is not None:
                ws = self.phraser[ws]
            return [t for t in map(final, ws) if t is not None]
        codes = "".join(map(self.word_code.__getitem__, ws))
        out: list[str] = []
        prev = 0
        for m in self.phrase_re.finditer(codes):
            start, end = m.span()
            out += [t for t in map(final, ws[prev:start]) if t is not None]
            out.append("_".join(ws[start:end]))
            prev = end
        out += [t for t in map(final, ws[prev:]) if t is not None]
        return out


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


def diversity_tokenizer() -> Tokenizer:
    """The tokeniser for lexical diversity: word forms as written, nothing taken away or merged.

    Lower case, edition spellings unified (an edition's ``-ise`` is not a new form of the
    author's); no stopwords, no lemmas, no phrases, no minimum length. Diversity measures
    (TTR, MATTR, MTLD) count how often an author reuses word forms, so every form counts,
    function words included.

    >>> diversity_tokenizer()("The Party and the parties.")
    ['the', 'party', 'and', 'the', 'parties']
    """
    return Tokenizer(stopwords=None, normalize=None, phrases=False, min_length=1)
