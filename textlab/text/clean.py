"""Cleaning: typed, composable ``str -> str`` repairs of what the sources break.

Every step is a pure function ``str -> str``. Steps that decide by evidence
take a keyword-only ``lexicon`` (:class:`textlab.text.lexicon.Lexicon`) and are
bound with :func:`functools.partial` before composing; :func:`default_pipeline`
does that for the generic steps, which any user corpus runs. Rules that only
one bundled book needs live in its module in :mod:`textlab.books`.

The input of a pipeline is the kept raw lines of one row joined by ``"\\n"``
(blank lines mark paragraphs); its output has paragraphs separated by
``"\\n\\n"``, each one line with single spaces.

The principle throughout: fix what is certain, leave names alone, never
invent text. A repair is made only when its result is a known word (English
list, or attested in the corpus) and the damaged form is not.

Examples
--------
>>> from textlab.text.lexicon import Lexicon
>>> lex = Lexicon(["the", "communist", "party", "revolutionary", "from", "most"])
>>> default_pipeline(lex)("The Com-\\nmunist party, revo\\nlutionary frOln\\nthe lnost.")
'The Communist party, revolutionary from the most.'
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable

from textlab.text.lexicon import JOIN_RATIO, Lexicon

__all__ = [
    "Step",
    "compose",
    "normalize_unicode",
    "normalize_quotes",
    "dehyphenate",
    "join_split_lines",
    "unwrap_paragraphs",
    "strip_footnote_markers",
    "strip_glued_page_numbers",
    "fix_ocr_confusions",
    "join_spaced_words",
    "restore_compound_hyphens",
    "normalize_whitespace",
    "default_pipeline",
    "OCR_CONFUSIONS",
]

Step = Callable[[str], str]


def compose(*steps: Step) -> Step:
    """Compose steps left to right into one ``str -> str`` function.

    >>> compose(str.strip, str.upper)("  left wing ")
    'LEFT WING'
    """
    for s in steps:
        if not callable(s):
            raise TypeError(f"compose: step {s!r} is not callable")

    def pipeline(text: str) -> str:
        for step in steps:
            text = step(text)
        return text

    return pipeline


# --------------------------------------------------------------------------- characters

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"), " "
)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)


def normalize_unicode(text: str) -> str:
    """NFC; ligatures spelled out; odd spaces made plain; soft hyphens and zero-width marks removed.

    U+FFFD (the OCR's unknown glyph) is kept for :func:`fix_ocr_confusions`.

    >>> normalize_unicode("ﬁrst\\u00a0class\\u00adless")
    'first classless'
    """
    text = unicodedata.normalize("NFC", text)
    for lig, rep in _LIGATURES.items():
        if lig in text:
            text = text.replace(lig, rep)
    return text.translate(_SPACES).translate(_INVISIBLE)


_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)


def normalize_quotes(text: str) -> str:
    """Curly quotes and apostrophes made straight (an edition's choice, not an author's).

    >>> normalize_quotes("\\u201cStalin\\u2019s\\u201d")
    '"Stalin\\'s"'
    """
    return text.translate(_QUOTES)


# --------------------------------------------------------------------------- line ends

_HYPHEN_BREAK = re.compile(r"([A-Za-z]+)-[ \t]*\n(?:[ \t]*\n)*[ \t]*([a-z][A-Za-z]*)")


def _hyphen_choice(left: str, right: str, lexicon: Lexicon) -> str:
    joined, hyph = left + right, f"{left}-{right}"
    n_hyph = lexicon.hyphenated.get(hyph.lower(), 0)
    n_joined = lexicon.count(joined)
    if n_hyph > n_joined:
        return hyph  # the corpus writes it with a hyphen elsewhere: a real compound
    if lexicon.known(joined):
        return joined
    if lexicon.known(left) and lexicon.known(right) and len(left) > 2 and len(right) > 2:
        return hyph  # two words and no joined form: a compound (e.g. a rare "left-wing")
    return joined  # a syllable break of a word the lexicon does not know (a name)


def dehyphenate(text: str, *, lexicon: Lexicon) -> str:
    """Mend line-end hyphenation, keeping real compounds.

    ``Com-`` / ``munist`` becomes ``Communist`` (the joined word is known);
    the hyphen stays when the corpus writes the hyphenated form more often
    than the joined one elsewhere (``petty-bourgeois``), or when both halves
    are words and the joined form is unknown. Blank lines between the halves
    (a page break) are crossed. The rest of the second line moves up.

    >>> from textlab.text.lexicon import Lexicon
    >>> lex = Lexicon(["communist", "petty", "bourgeois", "party"], hyphenated={"petty-bourgeois": 3})
    >>> dehyphenate("the Com-\\nmunist party\\nthe petty-\\n\\nbourgeois", lexicon=lex)
    'the Communist party\\nthe petty-bourgeois'
    """
    return _HYPHEN_BREAK.sub(lambda m: _hyphen_choice(m.group(1), m.group(2), lexicon), text)


_LOST_HYPHEN = re.compile(r"([A-Za-z]+)[ \t]*\n[ \t]*([a-z]+)\b")


def join_split_lines(text: str, *, lexicon: Lexicon) -> str:
    """Join a word split across a line end whose hyphen was lost (``revo`` / ``lutionary``).

    The last token of a line and the first of the next (lower-case) are
    joined when the joined form is known and at least one half is not an
    English word (corpus counts cannot vouch for a half: the fragments
    themselves recur); ``the`` / ``revolution`` stays apart.

    >>> from textlab.text.lexicon import Lexicon
    >>> lex = Lexicon(["the", "revolution", "revolutionary", "party"])
    >>> join_split_lines("the revo\\nlutionary party\\nthe\\nrevolution", lexicon=lex)
    'the revolutionary party\\nthe\\nrevolution'
    """

    def repl(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        joined = left + right
        # halves are judged by the English list only: the corpus counts hold the fragments themselves
        if lexicon.known(joined) and not (lexicon.is_english(left) and lexicon.is_english(right)):
            return joined
        return m.group(0)

    return _LOST_HYPHEN.sub(repl, text)


_SENTENCE_END = re.compile(r"""[.!?:;]["')\]]*\s*$""")


def unwrap_paragraphs(text: str) -> str:
    """Join the lines of each paragraph; a page break inside a paragraph does not end it.

    Paragraphs are separated by blank lines. A run of blank lines between a
    line that does not end a sentence and a line that starts in lower case is
    a page break inside a paragraph, and is closed up.

    >>> unwrap_paragraphs("One line\\nand the next.\\n\\nA new one that\\n\\n\\ngoes on.")
    'One line and the next.\\n\\nA new one that goes on.'
    """
    paras: list[list[str]] = [[]]
    pending_break = False
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            if paras[-1]:
                pending_break = True
            continue
        if pending_break:
            prev = paras[-1][-1]
            if not (_SENTENCE_END.search(prev) is None and s[0].islower()):
                paras.append([])
            pending_break = False
        paras[-1].append(s)
    return "\n\n".join(" ".join(p) for p in paras if p)


# --------------------------------------------------------------------------- glued numbers

_GLUED_MARKER = re.compile(r"\b([A-Za-z]{3,}?)(\d{1,3})(?=[\s.,;:!?\"')\]]|$)")
_MARKER_AFTER_PUNCT = re.compile(r"(?<=[a-z][.,;:!?\"')])(\d{1,3})(?=\s|$)")
_OCR_MARKER = re.compile(r"\b([A-Z]?[a-z]{3,}?)([lI]{1,2}|[lI]\d|\d[lI])(?=[\s.,;:!?\"')\]]|$)")


def strip_footnote_markers(text: str, *, lexicon: Lexicon) -> str:
    """Remove note numbers glued to a word (``followed34.``, ``Opposition11``, OCR'd ``Oppositionll``).

    Only when the word without the number is known and the glued form is
    not; numbers that are numbers (``138,000``, ``[1937]``, ``1930-31``)
    have no letters glued to them and stay.

    >>> from textlab.text.lexicon import Lexicon
    >>> lex = Lexicon(["followed", "opposition", "well", "the"])
    >>> strip_footnote_markers("followed34. the Oppositionll well 138,000 [1937]", lexicon=lex)
    'followed. the Opposition well 138,000 [1937]'
    """

    def repl(m: re.Match[str]) -> str:
        word = m.group(1)
        whole = m.group(0)
        if lexicon.known(word) and not lexicon.known(whole):
            return word
        return whole

    text = _GLUED_MARKER.sub(repl, text)
    text = _OCR_MARKER.sub(repl, text)
    return _MARKER_AFTER_PUNCT.sub("", text)


_GLUED_PAGE = re.compile(r"\b(\d{1,3})([A-Za-z][a-z]{1,})\b")


def strip_glued_page_numbers(text: str, *, lexicon: Lexicon) -> str:
    """Remove page numbers glued to the start of a word (``11this``, ``16England``).

    Ordinals (``1st``, ``22nd``, ``3rd``, ``4th``) and unknown remainders stay.

    >>> from textlab.text.lexicon import Lexicon
    >>> strip_glued_page_numbers("11this 16England 4th 22nd", lexicon=Lexicon(["this", "england"]))
    'this England 4th 22nd'
    """

    def repl(m: re.Match[str]) -> str:
        word = m.group(2)
        if word.lower() in ("st", "nd", "rd", "th", "s") or not lexicon.known(word):
            return m.group(0)
        return word

    return _GLUED_PAGE.sub(repl, text)


# --------------------------------------------------------------------------- OCR letters

#: OCR confusions: (damaged, meant). Edit to suit another scan.
OCR_CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("lTI", "m"),
    ("ITI", "m"),
    ("1l1", "m"),
    ("lll", "m"),
    ("rn", "m"),
    ("ln", "m"),
    ("In", "m"),
    ("n1", "m"),
    ("1n", "m"),
    ("lU", "m"),
    ("lu", "m"),
    ("l\ufffd", "r"),
    ("I\ufffd", "r"),
    ("\ufffd", "r"),
    ("\ufffd", ""),
    ("O", "o"),
    ("0", "o"),
    ("1", "l"),
    ("I", "l"),
    ("l", "i"),
    ("c", "e"),
    ("ii", "u"),
)
_OCR_TOKEN = re.compile(r"[A-Za-z0-9\ufffd]*[A-Za-z\ufffd][A-Za-z0-9\ufffd]*")


def _case_like(candidate: str, original: str, first_touched: bool) -> str:
    """Case of the original's first letter, unless that letter was itself the confusion."""
    if original[:1].isupper() and not first_touched:
        return candidate[:1].upper() + candidate[1:].lower()
    return candidate.lower()


def _ocr_candidates(token: str, max_sites: int = 4) -> list[tuple[str, bool]]:
    sites: list[tuple[int, int, str]] = []
    for bad, good in OCR_CONFUSIONS:
        start = 0
        while (i := token.find(bad, start)) != -1:
            sites.append((i, i + len(bad), good))
            start = i + 1
    sites = sites[: 4 * max_sites]
    out = []
    for k in range(1, min(max_sites, len(sites)) + 1):
        for combo in itertools.combinations(sites, k):
            spans = sorted(combo)
            if any(a[1] > b[0] for a, b in zip(spans, spans[1:])):
                continue  # overlapping substitutions
            cand, pos = [], 0
            for a, b, good in spans:
                cand.append(token[pos:a] + good)
                pos = b
            cand.append(token[pos:])
            out.append(("".join(cand), spans[0][0] == 0))
    return out


def fix_ocr_confusions(text: str, *, lexicon: Lexicon) -> str:
    """Repair OCR letter confusions (``frOln``, ``lnost``, ``n1ust``, ``develop1l1ents``, ``howevel\\ufffd``).

    A token is touched only if the lexicon does not know it and it carries a
    sign of damage (a digit or U+FFFD among letters, a capital inside a
    lower-case word, or a confusable cluster); candidates come from
    :data:`OCR_CONFUSIONS` and one is accepted only if the lexicon knows it
    (English first, then the most frequent in the corpus). The first
    letter keeps its case unless it was itself the confusion (``Inid`` ->
    ``mid``). Names the corpus attests are known and left alone; nothing
    is invented.

    >>> from textlab.text.lexicon import Lexicon
    >>> lex = Lexicon(["from", "most", "must", "developments", "however", "common", "mid"])
    >>> fix_ocr_confusions("frOln lnost n1ust develop1l1ents howevel\\ufffd COmlTIOn Inid Naville", lexicon=lex)
    'from most must developments however Common mid Naville'
    """

    def repl(m: re.Match[str]) -> str:
        tok = m.group(0)
        if lexicon.is_english(tok) or len(tok) < 2 or len(tok) > 30:
            return tok
        damaged = (
            "\ufffd" in tok
            or any(c.isdigit() for c in tok)
            or re.search(r"[a-z][A-Z]", tok) is not None
            or re.search(r"rn|ln|In|lTI|ITI|lU", tok) is not None
            or (len(tok) > 2 and tok[1:].isupper() and not tok.isupper())
        )
        # corpus counts vouch for an undamaged token (a name); a damaged form recurs in OCR too
        if (
            not damaged
            or lexicon.known(tok)
            and not re.search(r"[a-z][A-Z]|\d|\ufffd", tok)
            and lexicon.count(tok) >= 20
        ):
            return tok
        best, best_n, first = None, -1, False
        for cand, touched in _ocr_candidates(tok):
            if not cand or not cand.isalpha():
                continue
            if lexicon.known(cand):
                n = lexicon.count(cand) + (1000000 if lexicon.is_english(cand) else 0)
                if n > best_n:
                    best, best_n, first = cand, n, touched
        return _case_like(best, tok, first) if best else tok

    return _OCR_TOKEN.sub(repl, text)


# --------------------------------------------------------------------------- split and joined words

_WORD_WITH_PUNCT = re.compile(r"^([\"'(\[]*)([A-Za-z]+)([^A-Za-z]*)$")


#: Suffixes that English word lists carry as entries but that never stand alone in prose
#: (``greet ing``): :func:`join_spaced_words` treats them as fragments.
BOUND_SUFFIXES = frozenset({"ing", "ings", "tion", "tions", "ment", "ments", "ness"})


def join_spaced_words(text: str, *, lexicon: Lexicon) -> str:
    """Join a word the OCR split with a space (``Tro tsky``, ``Novem ber``, ``His tory``).

    Two neighbours are joined when the joined form is known and either
    a half is not an English word, or both are words but the corpus has the
    joined word at least 20 times as often as the pair (``his tory``), with
    neither half a single letter (``a gain`` stays). Every pair of
    neighbours is considered, overlapping ones included (``the destruc
    tion``); a fragment that joins its right neighbour is not taken by its
    left one (``the re sponsibility``). The second half must start in lower
    case and nothing but letters may stand between the two.

    >>> from textlab.text.lexicon import Lexicon
    >>> lex = Lexicon(["november", "his", "tory", "history", "a", "gain", "again", "the", "man", "there",
    ...                "re", "responsibility", "destruction", "from"],
    ...               {"trotsky": 50, "history": 40, "his": 30, "again": 30, "there": 90},
    ...               pairs={"his tory": 1, "a gain": 1})
    >>> join_spaced_words("Tro tsky Novem ber His tory a gain the man", lexicon=lex)
    'Trotsky November History a gain the man'
    >>> join_spaced_words("from the destruc tion, the re sponsibility", lexicon=lex)
    'from the destruction, the responsibility'
    >>> join_spaced_words("greet ing", lexicon=Lexicon(["greet", "ing", "greeting"], {}))
    'greeting'
    """

    def decide(a: str, b: str) -> bool:
        joined = a + b
        if not lexicon.known(joined):
            return False
        if b in BOUND_SUFFIXES or not (lexicon.is_english(a) and lexicon.is_english(b)):
            return True
        return min(len(a), len(b)) >= 2 and lexicon.count(joined) >= JOIN_RATIO * max(
            1, lexicon.pairs.get(f"{a.lower()} {b}", 0)
        )

    def joinable(left: str, right: str) -> bool:
        a, b = _WORD_WITH_PUNCT.match(left), _WORD_WITH_PUNCT.match(right)
        if not (a and b) or a.group(3) or b.group(1) or not b.group(2).islower():
            return False
        return decide(a.group(2), b.group(2))

    out_lines = []
    for line in text.split("\n"):
        toks = line.split(" ")
        out: list[str] = []
        for k, tok in enumerate(toks):
            if out and joinable(out[-1], tok) and not (k + 1 < len(toks) and joinable(tok, toks[k + 1])):
                out[-1] = out[-1] + tok
            else:
                out.append(tok)
        out_lines.append(" ".join(out))
    return "\n".join(out_lines)


_LONG_TOKEN = re.compile(r"\b[A-Za-z]{7,}\b")


def restore_compound_hyphens(text: str, *, lexicon: Lexicon) -> str:
    """Put back a hyphen a compound lost (``pettybourgeois``, ``antiStalinist``).

    For an unknown token, the split whose hyphenated form the corpus writes
    elsewhere wins; failing that, a split before an inner capital into two
    known halves (``anti`` + ``Stalinist``).

    >>> from textlab.text.lexicon import Lexicon
    >>> lex = Lexicon(["petty", "bourgeois", "anti", "stalinist"], hyphenated={"petty-bourgeois": 4})
    >>> restore_compound_hyphens("the pettybourgeois antiStalinist Opposition", lexicon=lex)
    'the petty-bourgeois anti-Stalinist Opposition'
    """

    def repl(m: re.Match[str]) -> str:
        tok = m.group(0)
        if lexicon.known(tok):
            return tok
        low = tok.lower()
        best, best_n = None, 0
        for i in range(2, len(tok) - 2):
            n = lexicon.hyphenated.get(f"{low[:i]}-{low[i:]}", 0)
            if n > best_n:
                best, best_n = f"{tok[:i]}-{tok[i:]}", n
        if best:
            return best
        for i in range(2, len(tok) - 2):
            if tok[i].isupper() and tok[i - 1].islower() and lexicon.known(tok[:i]) and lexicon.known(tok[i:]):
                return f"{tok[:i]}-{tok[i:]}"
        return tok

    return _LONG_TOKEN.sub(repl, text)


# --------------------------------------------------------------------------- whitespace and pipeline

_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +(?=[,.;:!?](?:\s|$))")


def normalize_whitespace(text: str) -> str:
    """Single spaces inside paragraphs, paragraphs separated by one blank line, no space before , . ; :

    >>> normalize_whitespace("  a  b , c\\n\\n\\n\\nd\\te \\n")
    'a b, c\\n\\nd e'
    """
    paras = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", text)]
    return "\n\n".join(_SPACE_BEFORE_PUNCT.sub("", p) for p in paras if p)


def default_pipeline(lexicon: Lexicon) -> Step:
    """The generic pipeline that a user's corpus runs, bound to ``lexicon``.

    Order: characters, then line-end repairs (which need the line
    structure), then paragraphs, then token repairs, then whitespace.

    Examples
    --------
    >>> from textlab.text.lexicon import Lexicon
    >>> clean = default_pipeline(Lexicon(["the", "communist", "party", "must", "lead"]))
    >>> clean("The Com-\\nmunist\\n\\nparty  n1ust \\u201clead\\u201d.\\n\\n\\nNext.")
    'The Communist party must "lead".\\n\\nNext.'
    """
    if not isinstance(lexicon, Lexicon):
        raise TypeError(f"default_pipeline: lexicon must be a Lexicon, got {type(lexicon).__name__}")
    p = functools.partial
    return compose(
        normalize_unicode,
        normalize_quotes,
        p(dehyphenate, lexicon=lexicon),
        p(join_split_lines, lexicon=lexicon),
        unwrap_paragraphs,
        p(strip_glued_page_numbers, lexicon=lexicon),
        p(strip_footnote_markers, lexicon=lexicon),
        p(fix_ocr_confusions, lexicon=lexicon),
        p(join_spaced_words, lexicon=lexicon),
        p(restore_compound_hyphens, lexicon=lexicon),
        normalize_whitespace,
    )
