"""Benchmark: the document-term matrix end to end, and tokens per second, on the bundled corpus, one core.

Run: .venv/bin/python benchmarks/bench_tokenize.py

Part 1, the document-term matrix of every row of the bundled corpus (``corpus.docs``), each timing the best of
three runs, every per-word cache empty at the start of each (a new ``Tokenizer``, the ``lemmatize``, ``stem`` and
spelling-rule caches cleared; the one-time data loads of ``simplemma`` and the English frequency list are timed on
their own line first):

* scikit-learn's ``CountVectorizer().fit_transform`` alone (its own regular expression, no stopwords, lemmas or
  phrases): the floor;
* textlab end to end, ``DTMVectorizer.fit_transform`` with the corpus's tokenizer (phrases learned, every text
  tokenised once, counted), and the ratio of the two;
* the two-pass path it replaced, ``DTMVectorizer.fit(docs).transform(docs)`` (every text tokenised in ``fit`` and
  again in ``transform``): the before figure, with today's ``Tokenizer.fit``;
* ``Tokenizer.fit`` (words from the cached path, then gensim's ``Phrases``) and the tokenising after it
  (``transform``: every text through the fitted tokenizer, the word caches filled by ``fit``).

Part 2, tokens per second: textlab's default tokeniser (stopwords and lemmas on, phrases learned) beside gensim's
simple_preprocess and nltk's Punkt (trained on the corpus) + Treebank tokeniser. The default tokeniser is timed
four times on one instance: the first pass starts with empty per-word caches (its own and ``lemmatize``'s; the
phrases are learned by another instance, whose ``fit`` fills the word caches), the
next three find them filled (the best of them counts). The plain uncached pipeline (``Tokenizer._call_reference``,
what the fast path must reproduce) is timed after them, on a cleared ``lemmatize`` cache (simplemma's own cache is
warm by then).

Two rates are printed. ``in/s`` counts the word tokens of the input text (``TOKEN_RE``
matches: the same count for every tokeniser, so the rows compare like with like); ``out/s``
counts the tokens each one returns (textlab's default returns fewer: it drops stopwords and
joins phrases). The last line says whether the target of 1,000,000 tokens/s (input tokens,
one core) is met, on the first pass and with the caches filled.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import textlab
from textlab.features import tokenize as tk
from textlab.features.dtm import DTMVectorizer
from textlab.features.tokenize import TOKEN_RE, Tokenizer, lemmatize, stem, train_sentence_splitter
from textlab.text.lexicon import english_frequency

TARGET = 1_000_000
REPEATS = 3

N_IN = 0  # word tokens of the input text, set in main()


def rate(name: str, fn, texts: list[str]) -> float:
    t0 = time.perf_counter()
    n = sum(len(fn(t)) for t in texts)
    dt = time.perf_counter() - t0
    print(f"{name:<52s} {n:>9,d} out {dt:6.2f} s {N_IN / dt:>11,.0f} in/s {n / dt:>11,.0f} out/s")
    return N_IN / dt


def cold() -> None:
    """Empty the per-word caches shared by every tokenizer (a new Tokenizer brings empty caches of its own)."""
    lemmatize.cache_clear()
    stem.cache_clear()
    tk._spelling_rule.cache_clear()


def best(name: str, run: Callable[[], object]) -> float:
    """The best of ``REPEATS`` timings of ``run()``, each from cold caches; printed on one line."""
    times = []
    for _ in range(REPEATS):
        cold()
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    print(f"{name:<60s} {min(times):7.2f} s   (runs: {', '.join(f'{t:.2f}' for t in times)})")
    return min(times)


def dtm_section(corpus) -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    docs = corpus.docs
    texts = docs["text"].tolist()
    print(f"-- document-term matrix of {len(texts)} rows, best of {REPEATS}, caches empty at the start of each run")
    t0 = time.perf_counter()
    lemmatize("loading"), english_frequency("loading")  # first calls: simplemma's and the frequency list's data
    print(f"{'one-time data loads (simplemma, English frequency list)':<60s} {time.perf_counter() - t0:7.2f} s")

    def tokenizer() -> Tokenizer:
        return Tokenizer.from_options(corpus.text_options)

    alone = best("scikit-learn CountVectorizer().fit_transform alone", lambda: CountVectorizer().fit_transform(texts))
    one = best(
        "textlab DTMVectorizer.fit_transform (one pass)",
        lambda: DTMVectorizer(tokenizer=tokenizer()).fit_transform(docs),
    )
    two = best(
        "textlab fit(docs).transform(docs) (two passes, before)",
        lambda: DTMVectorizer(tokenizer=tokenizer()).fit(docs).transform(docs),
    )
    fit = best("textlab Tokenizer.fit (phrases)", lambda: tokenizer().fit(texts))
    times = []
    for _ in range(REPEATS):  # every text through a tokenizer just fitted (its word caches filled by fit)
        cold()
        tok = tokenizer().fit(texts)
        t0 = time.perf_counter()
        for t in texts:
            tok(t)
        times.append(time.perf_counter() - t0)
    print(
        f"{'textlab Tokenizer transform (all texts, after fit)':<60s} {min(times):7.2f} s   "
        f"(runs: {', '.join(f'{t:.2f}' for t in times)})"
    )
    print(
        f"ratio end to end / CountVectorizer alone: {one / alone:.1f}x (two passes: {two / alone:.1f}x); "
        f"one pass saves {two - one:.2f} s ({1 - one / two:.0%}); fit + transform = {fit + min(times):.2f} s"
    )


def main() -> None:
    corpus = textlab.load_corpus()
    texts = corpus.docs["text"].tolist()
    global N_IN
    words = sum(len(t.split()) for t in texts)
    N_IN = sum(len(TOKEN_RE.findall(t)) for t in texts)
    print(f"bundled corpus: {len(texts)} rows, {words:,} whitespace words, {N_IN:,} word tokens (TOKEN_RE)")
    dtm_section(corpus)

    print("-- tokens per second")
    from gensim.utils import simple_preprocess
    from nltk.tokenize import TreebankWordTokenizer

    tok = Tokenizer.from_options(corpus.text_options)  # the bundled corpus's own tokenizer, fitted, its caches empty
    tok._phraser = Tokenizer.from_options(corpus.text_options).fit(texts)._phraser
    lemmatize.cache_clear()
    first = rate("textlab Tokenizer (lemma, stopwords, phrases) 1st", tok, texts)
    again = max(rate("textlab Tokenizer (lemma, stopwords, phrases) again", tok, texts) for _ in range(3))
    lemmatize.cache_clear()  # (simplemma's own cache of lemmas stays filled: this flatters the reference)
    reference = rate("textlab reference path (uncached pipeline)", tok._call_reference, texts)
    plain = Tokenizer.from_options(corpus.text_options, phrases=False, normalize=None)
    rate("textlab Tokenizer (no phrases, no lemmas)", plain, texts)
    rate("gensim simple_preprocess", simple_preprocess, texts)
    punkt = train_sentence_splitter(texts)
    tb = TreebankWordTokenizer()
    rate(
        "nltk Punkt (trained here) + Treebank", lambda t: [w for s in punkt.tokenize(t) for w in tb.tokenize(s)], texts
    )

    def verdict(r: float) -> str:
        return f"{'met' if r >= TARGET else 'NOT met'} ({r:,.0f}, {r / reference:.1f}x the reference path)"

    print(
        f"target {TARGET:,} input tokens/s, default Tokenizer: first pass {verdict(first)}; "
        f"caches filled (best of 3) {verdict(again)}"
    )


if __name__ == "__main__":
    main()
