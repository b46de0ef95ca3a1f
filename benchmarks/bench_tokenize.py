"""Benchmark: tokens per second on the bundled corpus, one core.

Run: .venv/bin/python benchmarks/bench_tokenize.py
Prints textlab's default tokeniser (stopwords and lemmas on, phrases learned) beside
gensim's simple_preprocess and nltk's Punkt (trained on the corpus) + Treebank tokeniser.
"""

from __future__ import annotations

import time

import textlab
from textlab.tokenize import Tokenizer, train_sentence_splitter


def rate(name: str, fn, texts: list[str]) -> None:
    t0 = time.perf_counter()
    n = sum(len(fn(t)) for t in texts)
    dt = time.perf_counter() - t0
    print(f"{name:<46s} {n:>9,d} tokens {dt:7.2f} s {n / dt:>12,.0f} tokens/s")


def main() -> None:
    texts = textlab.load_corpus().docs["text"].tolist()
    words = sum(len(t.split()) for t in texts)
    print(f"bundled corpus: {len(texts)} rows, {words:,} whitespace words")
    from gensim.utils import simple_preprocess
    from nltk.tokenize import TreebankWordTokenizer

    t0 = time.perf_counter()
    tok = Tokenizer().fit(texts)
    print(f"{'textlab Tokenizer.fit (phrases)':<46s} {time.perf_counter() - t0:7.2f} s")
    rate("textlab Tokenizer (lemma, stopwords, phrases)", tok, texts)
    rate("textlab Tokenizer (no phrases, no lemmas)", Tokenizer(phrases=False, normalize=None), texts)
    rate("gensim simple_preprocess", simple_preprocess, texts)
    punkt = train_sentence_splitter(texts)
    tb = TreebankWordTokenizer()
    rate("nltk Punkt (trained here) + Treebank", lambda t: [w for s in punkt.tokenize(t) for w in tb.tokenize(s)], texts)


if __name__ == "__main__":
    main()
