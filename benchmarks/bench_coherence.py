"""Benchmark: topic coherence over a sweep of models, textlab against gensim's CoherenceModel.

Run: .venv/bin/python benchmarks/bench_coherence.py [--topics lda|random] [--top-n 10] [--repeat 3]

Input: the bundled corpus's comparison document-term matrix
(``textlab.features.dtm.corpus_dtm(textlab.load_corpus())``, with its token lists from
``corpus_tokens``) and a sweep of 10 models, K = 5, 8, 12, ..., 40 topics: the
topic-word matrices of seeded scikit-learn LDA fits (``--topics lda``, the
default, ~15 s of fitting, not timed) or seeded random weights that favour
frequent words (``--topics random``, instant).

Timed, for each measure (``umass``, ``npmi``) over the whole sweep:

* textlab: building the :class:`~textlab.topics.coherence.Cooccurrence` once from ``X``,
  then :func:`~textlab.topics.coherence.topic_coherence` for each model, from the same
  top-word lists gensim gets ("textlab"), and from the K x V matrices, taking
  the top words inside the timing ("from K x V");
* gensim, one ``CoherenceModel`` per model (the usual way), from the top-word lists;
* gensim, one accumulator shared by the sweep (gensim's own reuse: its
  accumulator for the union of all top words, kept when ``topics`` is reset).

gensim gets its ``Dictionary``, bag-of-words corpus and top-word lists ready-made
(not timed). Its configuration is the one textlab equals (see
``topic_coherence``): ``u_mass`` with ``corpus``; ``c_npmi`` with ``texts`` and
``window_size`` = the longest text (one window per document), ``processes=1``.
textlab's times are the best of ``--repeat`` runs; gensim's are single runs.
Speed-ups are gensim's time over textlab's (from the word lists). The last
column is the largest absolute difference of the per-topic values, over every
topic of the sweep and both gensim ways.
"""

from __future__ import annotations

import argparse
import logging
import time

import numpy as np

import textlab
from textlab.features.dtm import corpus_dtm, corpus_tokens
from textlab.topics.coherence import Cooccurrence, topic_coherence
from textlab.topics.labels import top_words

KS = np.linspace(5, 40, 10).round().astype(int).tolist()


def sweep_topics(X, kind: str) -> list[np.ndarray]:
    """K x V topic-word matrices of the sweep (seeded)."""
    if kind == "lda":
        from sklearn.decomposition import LatentDirichletAllocation

        return [LatentDirichletAllocation(n_components=k, random_state=0, max_iter=5).fit(X).components_ for k in KS]
    rng = np.random.default_rng(0)
    df = np.asarray((X > 0).sum(axis=0)).ravel().astype(float)
    return [rng.gamma(0.1, size=(k, X.shape[1])) * df for k in KS]  # heavy-tailed, weighted by document frequency


def time_textlab(
    X, vocab, models, measure: str, top_n: int, repeat: int
) -> tuple[float, list[np.ndarray], Cooccurrence]:
    """Best time of: build a Cooccurrence, score every model of the sweep (K x V arrays or word lists)."""
    best, out, cooc = np.inf, None, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        cooc = Cooccurrence(X, vocab)
        out = [topic_coherence(W, cooc, measure=measure, top_n=top_n) for W in models]
        best = min(best, time.perf_counter() - t0)
    return best, out, cooc


def gensim_kwargs(measure: str, texts, bow, dictionary, top_n: int) -> dict:
    if measure == "umass":
        return dict(corpus=bow, dictionary=dictionary, coherence="u_mass", topn=top_n)
    return dict(
        texts=texts,
        dictionary=dictionary,
        coherence="c_npmi",
        topn=top_n,
        window_size=max(len(t) for t in texts),
        processes=1,
    )


def time_gensim_per_model(word_lists, kw: dict) -> tuple[float, list[np.ndarray]]:
    from gensim.models.coherencemodel import CoherenceModel

    t0 = time.perf_counter()
    out = [np.array(CoherenceModel(topics=topics, **kw).get_coherence_per_topic()) for topics in word_lists]
    return time.perf_counter() - t0, out


def time_gensim_shared(word_lists, kw: dict, dictionary) -> tuple[float, list[np.ndarray]]:
    from gensim.models.coherencemodel import CoherenceModel

    t0 = time.perf_counter()
    cm = CoherenceModel(topics=word_lists[0], **kw)
    union = sorted({dictionary.token2id[w] for topics in word_lists for t in topics for w in t})
    cm.estimate_probabilities(segmented_topics=[[(i, i) for i in union]])  # accumulate every word of the sweep once
    out = []
    for topics in word_lists:
        cm.topics = topics  # the accumulator is kept: it holds all these words
        out.append(np.array(cm.get_coherence_per_topic()))
    return time.perf_counter() - t0, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--topics", choices=["lda", "random"], default="lda")
    ap.add_argument("--top-n", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    logging.getLogger("gensim").setLevel(logging.WARNING)
    from gensim.corpora import Dictionary

    corpus = textlab.load_corpus()
    m = corpus_dtm(corpus)
    texts = corpus_tokens(corpus)
    print(
        f"comparison DTM: {m.X.shape[0]} documents x {m.X.shape[1]} terms, {sum(map(len, texts)):,} tokens, "
        f"longest text {max(map(len, texts)):,} tokens"
    )
    t0 = time.perf_counter()
    models = sweep_topics(m.X, args.topics)
    print(
        f"sweep: {len(models)} models ({args.topics}), K = {KS}, {sum(KS)} topics, top_n = {args.top_n} "
        f"(made in {time.perf_counter() - t0:.1f} s, not timed)"
    )
    word_lists = [top_words(W, m.vocab, n=args.top_n) for W in models]
    n_words = len({w for topics in word_lists for t in topics for w in t})
    dictionary = Dictionary(texts)
    bow = [dictionary.doc2bow(t) for t in texts]

    print(
        f"\n{'measure':<8s} {'textlab':>9s} {'from K x V':>11s} {'gensim/model':>13s} {'speed-up':>9s} "
        f"{'gensim shared':>14s} {'speed-up':>9s} {'max |diff|':>11s}"
    )
    for measure in ("umass", "npmi"):
        t_ours, ours, cooc = time_textlab(m.X, m.vocab, word_lists, measure, args.top_n, args.repeat)
        t_mat, ours_mat, _ = time_textlab(m.X, m.vocab, models, measure, args.top_n, args.repeat)
        kw = gensim_kwargs(measure, texts, bow, dictionary, args.top_n)
        t_g1, g1 = time_gensim_per_model(word_lists, kw)
        t_g2, g2 = time_gensim_shared(word_lists, kw, dictionary)
        diff = max(
            float(np.max(np.abs(a - b)))
            for mine in (ours, ours_mat)
            for theirs in (g1, g2)
            for a, b in zip(mine, theirs)
        )
        print(
            f"{measure:<8s} {t_ours:8.3f}s {t_mat:10.3f}s {t_g1:12.2f}s {t_g1 / t_ours:8.0f}x "
            f"{t_g2:13.2f}s {t_g2 / t_ours:8.0f}x {diff:11.1e}"
        )
    print(
        f"\n{n_words} distinct top words over the sweep; textlab keeps {cooc.n_cached} words' pair counts "
        f"({cooc._C.nbytes / 2**20:.1f} MB)"
    )


if __name__ == "__main__":
    main()
