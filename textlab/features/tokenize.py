"""Tokenising: cleaned text -> lists of normalised tokens, offline, in one of six languages.

Everything here works on a fresh machine with no downloaded data: nltk's
regular-expression machinery, Punkt trained on the corpus itself, the
Snowball stemmer; lemmas from the registry package ``simplemma`` (its data
ship inside the package); multi-word phrases learned with gensim's ``Phrases``.

Languages (:data:`textlab.corpus.table.LANGUAGES`): English (``en``), German (``de``), French (``fr``), Dutch
(``nl``), Spanish (``es``) and Russian (``ru``). The language picks the stopword list (:func:`default_stopwords`:
scikit-learn's ``ENGLISH_STOP_WORDS`` with the note furniture of ``textlab/features/data/stopwords_en.txt`` for
English, the lists shipped in the ``stop-words`` package for the others), the lemmas and the stems; French
elisions (``l'état``) lose their article; the English spelling rules (``-ise`` -> ``-ize``, ``-our`` -> ``-or``
where the reference English list prefers them) apply to English only. A stopword file edits the list
(:func:`read_stopword_edits`), and a spelling table (:func:`load_spelling_variants`) unifies the spellings of a
corpus's editions: the bundled corpus has both (:func:`textlab.corpus.build.bundled_text_options`), a user's
corpus neither unless it is given them. A corpus's choices travel with it
(:class:`textlab.corpus.table.TextOptions`; :meth:`Tokenizer.from_options`).

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
['czar', 'government', 'bucharin', 'organization']
>>> Tokenizer(phrases=False, language="de")("Die Arbeiter der Parteien gingen.")
['arbeiter', 'partei', 'gehen']
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textlab.corpus.table import TextOptions, check_language
from textlab.features.wordlists import (
    PACKAGE_DATA,
    StopwordsArg,
    default_stopwords,
    load_spelling_variants,
    read_stopword_edits,
    stopword_set,
)
from textlab.text.lexicon import english_frequency

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

log = logging.getLogger(__name__)

__all__ = [
    "TOKEN_RE",
    "PACKAGE_DATA",
    "default_stopwords",
    "read_stopword_edits",
    "stopword_set",
    "load_spelling_variants",
    "normalize_spelling",
    "lemmatize",
    "stem",
    "train_sentence_splitter",
    "Tokenizer",
    "diversity_tokenizer",
]

#: Letters of a token: Latin (with accents) and Cyrillic.
_LETTERS = "A-Za-z\u00c0-\u024f\u0400-\u04ff"
#: A token: letters with inner hyphens/apostrophes, or a number with inner , or .
TOKEN_RE = re.compile(rf"[{_LETTERS}]+(?:['\u2019-][{_LETTERS}]+)*|\d+(?:[.,]\d+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$")
#: French elision: the article or pronoun before an apostrophe goes (``l'état`` -> ``état``).
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)'(?=.)", re.IGNORECASE)

#: Snowball stemmers by language code.
_SNOWBALL = {"en": "english", "de": "german", "fr": "french", "nl": "dutch", "es": "spanish", "ru": "russian"}


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


def normalize_spelling(word: str, variants: dict[str, str] | None = None, language: str = "en") -> str:
    """Edition spelling -> one form: the table ``variants`` first (none by default), then, for English, the
    ``-ise``/``-our`` rules.

    A rule applies only where the reference English list knows the ``-ize``
    (``-or``) form and uses it more often, so ``exercise``, ``rise`` and
    ``four`` stay.

    >>> [normalize_spelling(w) for w in ["czar", "organise", "organisation", "labour", "exercise", "four"]]
    ['czar', 'organize', 'organization', 'labor', 'exercise', 'four']
    >>> normalize_spelling("czar", {"czar": "tsar"}), normalize_spelling("organise", language="fr")
    ('tsar', 'organise')
    """
    w = variants.get(word, word) if variants else word
    return _spelling_rule(w) if language == "en" else w


@functools.lru_cache(maxsize=200_000)
def lemmatize(word: str, language: str = "en") -> str:
    """Lemma from ``simplemma`` in ``language`` (cached per word: the lemma of a word repeats, the corpus does not).

    >>> lemmatize("peasants"), lemmatize("bureaucracies"), lemmatize("parteien", "de"), lemmatize("рабочих", "ru")
    ('peasant', 'bureaucracy', 'partei', 'рабочий')
    """
    import simplemma

    lemma = str(simplemma.lemmatize(word, lang=language))
    return lemma.lower() if word.islower() else lemma


@functools.lru_cache(maxsize=200_000)
def stem(word: str, language: str = "en") -> str:
    """Snowball stem in ``language`` (Porter 2 for English), cached per word.

    >>> stem("revolutionary"), stem("revolutions"), stem("revolutionären", "de")
    ('revolutionari', 'revolut', 'revolutionar')
    """

    return _snowball(language).stem(word)


@functools.lru_cache(maxsize=8)
def _snowball(language: str = "en"):
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer(_SNOWBALL[check_language(language)])


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

    A corpus's tokenizer is made from its text options (:meth:`from_options`, with
    :attr:`textlab.corpus.table.Corpus.text_options`); ``Tokenizer()`` has the defaults of a user's English corpus.

    Parameters
    ----------
    lowercase : bool, default True
    min_length : int, default 2
        Shorter tokens are dropped (phrases are kept).
    language : str, default "en"
        A code of :data:`textlab.corpus.table.LANGUAGES` (``en``, ``de``, ``fr``, ``nl``, ``es``, ``ru``): the
        stopword list, lemmas and stems of that language; the English spelling rules apply to ``en`` only.
    stopwords : "default", "none", None, path or iterable of str, default "default"
        ``"default"``: the language's list (:func:`default_stopwords`) edited by ``stopword_edits``;
        ``"none"`` or ``None``: keep every word; a path: the language's list edited by that stopword file
        (:func:`read_stopword_edits`); an iterable: exactly those words (:func:`stopword_set`).
    stopword_edits : path, optional
        A corpus's own edits of the language's list, applied with ``stopwords="default"``.
    lemmas : bool, default True
        Count lemmas (``simplemma``); False: word forms (``normalize="lemma"`` becomes None).
    normalize : {"lemma", "stem", None}, default "lemma"
    keep_numbers : bool, default False
    phrases : bool, default True
        Learn phrases in :meth:`fit` (gensim ``Phrases``) and join them.
    phrase_min_count, phrase_threshold : gensim ``Phrases`` settings.
    spelling : bool, default True
        Apply :func:`normalize_spelling`: the ``spelling_table`` and, for English, the ``-ise``/``-our`` rules.
    spelling_table : path, optional
        A CSV of edition spellings (:func:`load_spelling_variants`); none by default.

    Examples
    --------
    >>> texts = ["the working class of the towns"] * 20 + ["a working party", "the class line"]
    >>> tok = Tokenizer(phrase_min_count=5, phrase_threshold=0.1).fit(texts)  # a tiny corpus needs a low threshold
    >>> tok("The Working Class of towns")
    ['working_class', 'town']
    >>> Tokenizer(phrases=False, language="fr")("L'État et les ouvriers luttaient.")
    ['état', 'ouvrier', 'lutter']
    >>> Tokenizer(phrases=False, stopwords="none", lemmas=False)("Upon the workers")
    ['upon', 'the', 'workers']
    """

    def __init__(
        self,
        *,
        lowercase: bool = True,
        min_length: int = 2,
        language: str = "en",
        stopwords: StopwordsArg = "default",
        stopword_edits: str | os.PathLike[str] | None = None,
        lemmas: bool = True,
        normalize: str | None = "lemma",
        keep_numbers: bool = False,
        phrases: bool = True,
        phrase_min_count: int = 10,
        phrase_threshold: float = 10.0,
        spelling: bool = True,
        spelling_table: str | os.PathLike[str] | None = None,
    ) -> None:
        check_language(language)
        if normalize not in ("lemma", "stem", None):
            raise ValueError(f"normalize must be 'lemma', 'stem' or None, got {normalize!r}")
        if not isinstance(lemmas, bool):
            raise ValueError(f"lemmas must be True or False, got {lemmas!r}")
        if min_length < 1:
            raise ValueError(f"min_length must be >= 1, got {min_length}")
        self.lowercase = lowercase
        self.min_length = min_length
        self.language = language
        self.stopwords = stopwords
        self.stopword_edits = None if stopword_edits is None else str(stopword_edits)
        self.lemmas = lemmas
        self.normalize = None if normalize == "lemma" and not lemmas else normalize
        self.keep_numbers = keep_numbers
        self.phrases = phrases
        self.phrase_min_count = phrase_min_count
        self.phrase_threshold = phrase_threshold
        self.spelling = spelling
        self.spelling_table = None if spelling_table is None else str(spelling_table)
        self._stop = stopword_set(stopwords, language, stopword_edits)
        table = load_spelling_variants(spelling_table) if spelling_table is not None else {}
        self._variants = table if spelling else {}
        self._phraser: Any = None  # gensim's FrozenPhrases once fitted
        self._fast: _FastPath | None = None

    @classmethod
    def from_options(cls, options: TextOptions | None = None, **settings: Any) -> Tokenizer:
        """The tokenizer of a corpus's text options (:attr:`textlab.corpus.table.Corpus.text_options`).

        ``options`` gives the language, stopwords, lemmas, stopword edits and spelling table (default: those of a
        user's English corpus, :class:`~textlab.corpus.table.TextOptions`); ``settings`` the other keywords (and
        override the options they name).

        >>> from textlab.corpus.table import TextOptions
        >>> Tokenizer.from_options(TextOptions(language="nl", lemmas=False), phrases=False)("De arbeiders waren daar")
        ['arbeiders']
        """
        o = options if options is not None else TextOptions()
        if not isinstance(o, TextOptions):
            raise TypeError(f"options must be a TextOptions, got {type(o).__name__}")
        kwargs: dict[str, Any] = {
            "language": o.language,
            "stopwords": o.stopwords,
            "stopword_edits": o.stopword_edits,
            "lemmas": o.lemmas,
            "spelling_table": o.spelling_table,
        }
        return cls(**{**kwargs, **settings})

    @property
    def stopword_set(self) -> frozenset[str]:
        """The words it drops (:func:`stopword_set` of its options)."""
        return self._stop

    @property
    def spelling_variants(self) -> dict[str, str]:
        """The spelling table it applies, variant -> canonical (empty without one, or with ``spelling=False``)."""
        return dict(self._variants)

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
        sw = self.stopwords
        if isinstance(sw, (str, os.PathLike)) and sw not in ("default", "none"):
            shown = Path(sw).name
        else:
            shown = "none" if sw is None else sw if isinstance(sw, str) else "..."
        language = "" if self.language == "en" else f"language={self.language!r}, "
        return (
            f"Tokenizer({language}normalize={self.normalize!r}, stopwords={shown}, "
            f"min_length={self.min_length}, phrases={self.phrases and self._phraser is not None})"
        )

    # ---- steps
    def words(self, text: str) -> list[str]:
        """Word tokens before phrases, stopwords and normalisation (lower-cased, spellings unified)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        out = [self._word(t) for t in TOKEN_RE.findall(text)]
        if self.spelling and _has_pairs(self._variants):
            out = _join_pairs(out, self._variants)
        return out

    def _word(self, raw: str) -> str:
        """One match of :data:`TOKEN_RE` -> its word (possessive off, lower case, spelling unified)."""
        t = _POSSESSIVE.sub("", raw) if raw.endswith(("'s", "\u2019s")) else raw  # a match holds no newline
        t = t.replace("\u2019", "'")
        if self.language == "fr" and "'" in t:
            t = _ELISION.sub("", t)
        if self.lowercase:
            t = t.lower()
        if self.spelling:
            t = normalize_spelling(t, self._variants, self.language)
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
            w = lemmatize(w, self.language)
            if w in self._stop:
                return None
        elif self.normalize == "stem":
            w = stem(w, self.language)
        return w

    def fit(self, texts: Iterable[str]) -> Tokenizer:
        """Learn multi-word phrases from ``texts`` (an iterable of str, e.g. ``docs["text"]``).

        The words come from the caches that tokenising uses (each whitespace-delimited chunk of text is looked up
        once), and the caches stay filled for the tokenising that follows.
        """
        if isinstance(texts, str):
            raise TypeError("fit expects an iterable of texts, not a single str")
        if not self.phrases:
            return self
        from gensim.models.phrases import ENGLISH_CONNECTOR_WORDS, Phrases

        # the words of the fast path's caches (what :meth:`words` gives, a chunk of text looked up once); they do
        # not depend on the phrases, so the fast path made after the phrases are learned keeps them
        fast = self._fast if self._fast is not None else _FastPath(self)
        sentences = [fast.words(t) if isinstance(t, str) else self.words(t) for t in texts]  # (words: the error)
        # stopwords may sit inside a phrase ("rank_and_file") but not open or close one ("i_have"); the
        # connectors of another language are its function words (its stopword list)
        base = frozenset(ENGLISH_CONNECTOR_WORDS) if self.language == "en" else default_stopwords(self.language)
        connectors = base | self._stop
        model = Phrases(
            sentences, min_count=self.phrase_min_count, threshold=self.phrase_threshold, connector_words=connectors
        )
        self._phraser = _freeze(model)  # (drops the fast path: its phrases change)
        self._fast = _FastPath(self, words_of=fast)
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
                w = lemmatize(w, self.language)
                if w in self._stop:
                    continue
            elif self.normalize == "stem":
                w = stem(w, self.language)
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
        "language",
        "stopwords",
        "lemmas",
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

    word_of: _Memo
    chunk_words: _Memo
    chunk_final: _Memo

    def __init__(self, tok: Tokenizer, words_of: _FastPath | None = None) -> None:
        # words_of: a fast path of the same tokenizer before its phrases changed, whose caches of words it keeps
        self.variants = tok._variants
        pairs = tok.spelling and _has_pairs(tok._variants)
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
        findall = TOKEN_RE.findall
        if words_of is not None:  # the words depend on no phrase: those already found stay
            word_of, words = words_of.word_of, words_of.chunk_words
            word = word_of.__getitem__
        else:
            word_of = _Memo(tok._word)  # a match of TOKEN_RE -> its word
            word = word_of.__getitem__
            words = _Memo(lambda c: (c[1:],) if c[0] == " " else tuple(map(word, findall(c))))
        self.word_of, self.chunk_words = word_of, words
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

    def words(self, text: str) -> list[str]:
        """:meth:`Tokenizer.words` of ``text`` (a str) from the caches: each chunk's words, two-word variants joined."""
        if len(self.chunk_words) > _CACHE_MAX or len(self.word_final) > _CACHE_MAX:
            self.clear()
        ws = list(itertools.chain.from_iterable(map(self.chunk_words.__getitem__, text.split())))
        firsts = self.pair_firsts
        if firsts and not firsts.isdisjoint(ws):
            ws = _join_pairs(ws, self.variants)
        return ws

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


def _freeze(model: Any) -> Any:
    """``model.freeze()`` of a gensim ``Phrases``: the same ``FrozenPhrases``, the same phrases and scores, with
    only the candidates that can pass scored.

    With gensim's default scoring, ``(count - min_count) / (count_a * count_b) * len(vocab)``, a candidate seen at
    most ``min_count`` times scores at most 0, and the threshold is above 0 (gensim refuses any other): gensim's
    ``export_phrases`` scores every entry of the vocabulary, this the few seen more often, in the same order, each
    with gensim's own ``score_candidate``.
    """
    from gensim.models.phrases import original_scorer

    if model.scoring is not original_scorer or not model.threshold > 0:
        return model.freeze()
    delimiter, floor = model.delimiter, model.min_count

    def export_phrases() -> dict[str, float]:
        out = {}
        for token in [t for t, n in model.vocab.items() if n > floor and delimiter in t]:
            words = token.split(delimiter)
            phrase, score = model.score_candidate(words[0], words[-1], words[1:-1])
            if score is not None:
                out[phrase] = score
        return out

    model.export_phrases = export_phrases  # what FrozenPhrases(model) calls
    return model.freeze()


def _has_pairs(variants: dict[str, str]) -> bool:
    """Whether a spelling table has two-word variants (``alma ata``)."""
    return any(" " in k for k in variants)


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


def diversity_tokenizer(options: TextOptions | None = None) -> Tokenizer:
    """The tokeniser for lexical diversity and stylometry: word forms as written, nothing taken away or merged.

    Lower case, edition spellings unified (an edition's ``-ise`` is not a new form of the
    author's; the spelling table of ``options``, a corpus's text options, when it has one); no stopwords,
    no lemmas, no phrases, no minimum length, whatever ``options`` say of them. Diversity measures
    (TTR, MATTR, MTLD) count how often an author reuses word forms, so every form counts,
    function words included.

    >>> diversity_tokenizer()("The Party and the parties.")
    ['the', 'party', 'and', 'the', 'parties']
    """
    o = options if options is not None else TextOptions()
    return Tokenizer(
        language=o.language,
        stopwords=None,
        normalize=None,
        phrases=False,
        min_length=1,
        spelling_table=o.spelling_table,
    )
