"""Benchmark: LDA backends side by side, and a full sweep, on the bundled corpus (2 cores).

Run: .venv/bin/python benchmarks/bench_topics.py [--seeds 3] [--no-sweep]

1. K = 20 and K = 50 with each backend (tomotopy, the default; gensim; scikit-learn), one fit per seed on the
   same 90% of the chunks: wall time; NPMI (top 10 words, co-occurrence in all chunks,
   ``textlab.topics.coherence``); c_v (gensim's ``CoherenceModel``, sliding windows of 110 tokens over the
   chunks' token sequences); held-out perplexity (document completion on the other 10%); and the
   document-vector AUC (``textlab.topics.docvectors``: pairs of chunks of one work against pairs of two works
   of the same author, on the training chunks), beside TF-IDF's AUC on the same pairs. Medians over the seeds.
2. The full sweep that notebook 03 makes (K = 5..40 step 5, 3 seeds, two processes, nothing cached) with the
   default backend and with gensim, timed with its coherence, then the default's models' coherence scored
   again with gensim's ``CoherenceModel`` (NPMI over whole documents and UMass, as textlab computes them).

The last lines say whether the targets are met: the default's NPMI at least 0.95 of the best backend's at
K = 20 and 50 at no more than 1.2x its time, and its document-vector AUC at least TF-IDF's.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

import numpy as np
from gensim.corpora import Dictionary
from gensim.models.coherencemodel import CoherenceModel

import textlab
from textlab import topics
from textlab.topics import coherence
from textlab.topics.backends import BACKENDS, DEFAULT_BACKEND
from textlab.topics.docvectors import chunk_labels, chunk_vector_check
from textlab.topics.labels import top_words


def c_v(model, texts, dictionary) -> float:
    """gensim's c_v of the model's top 10 words over ``texts`` (token sequences)."""
    top = top_words(model.topic_word, model.vocab, n=10)
    cm = CoherenceModel(topics=top, texts=texts, dictionary=dictionary, coherence="c_v", topn=10, processes=1)
    return float(cm.get_coherence())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3, help="fits per backend and K (median reported)")
    ap.add_argument("--ks", type=int, nargs="+", default=[20, 50], help="numbers of topics (default 20 50)")
    ap.add_argument("--no-sweep", action="store_true", help="skip the full sweeps")
    args = ap.parse_args()
    corpus = textlab.load_corpus()
    chunks, m = topics.corpus_chunk_dtm(corpus)
    mask = topics.heldout_mask(m.X.shape[0], share=0.1, seed=0)
    Xtr, Xte = m.X[~mask], m.X[mask]
    ids_tr = chunks["chunk_id"].to_numpy()[~mask]
    cooc = coherence.Cooccurrence(m.X, m.vocab)
    known = set(m.vocab.tolist())
    texts = [[t for t in m.tokenizer(text) if t in known] for text in chunks["text"]]
    dictionary = Dictionary(texts)
    print(
        f"bundled corpus: {m.X.shape[0]} chunks x {m.X.shape[1]} terms ({int(m.X.sum()):,} tokens); "
        f"{int(mask.sum())} held out; {os.cpu_count()} cores"
    )
    backends = [DEFAULT_BACKEND] + sorted(set(BACKENDS) - {DEFAULT_BACKEND})
    results: dict[tuple[str, int], np.ndarray] = {}
    tfidf = None
    for k in args.ks:
        print(f"\nK = {k}, median over seeds 0..{args.seeds - 1}")
        print(f"{'backend':<10s} {'s/fit':>6s} {'NPMI':>7s} {'c_v':>6s} {'perplexity':>10s} {'doc AUC':>8s}")
        for be in backends:
            rows = []
            for seed in range(args.seeds):
                t0 = time.perf_counter()
                mdl = topics.fit_topics(Xtr, k, vocab=m.vocab, doc_ids=ids_tr, backend=be, seed=seed)
                dt = time.perf_counter() - t0
                check = chunk_vector_check(chunks, m, mdl)
                tfidf = check.auc_tfidf
                rows.append(
                    (
                        dt,
                        coherence.model_coherence(mdl.topic_word, cooc, measure="npmi"),
                        c_v(mdl, texts, dictionary),
                        topics.perplexity(mdl, Xte),
                        check.auc_topics,
                    )
                )
            med = np.median(np.array(rows, dtype=float), axis=0)
            results[(be, k)] = med
            print(f"{be:<10s} {med[0]:6.1f} {med[1]:7.4f} {med[2]:6.3f} {med[3]:10.0f} {med[4]:8.3f}")
        print(f"{'TF-IDF':<10s} {'':>6s} {'':>7s} {'':>6s} {'':>10s} {tfidf:8.3f}  (cosine of the same chunks)")
    for k in args.ks:
        best = max(backends, key=lambda be: results[(be, k)][1])
        d, b = results[(DEFAULT_BACKEND, k)], results[(best, k)]
        ok = d[1] >= 0.95 * b[1] and d[0] <= 1.2 * b[0] and d[4] >= tfidf
        print(
            f"target K = {k}: default ({DEFAULT_BACKEND}) NPMI {d[1] / b[1]:.0%} of the best ({best}) at "
            f"{d[0] / b[0]:.2f}x its time, doc AUC {d[4]:.3f} against TF-IDF {tfidf:.3f}: {'met' if ok else 'NOT met'}"
        )
    if args.no_sweep:
        return

    works, authors = chunk_labels(chunks)
    for be in ("gensim", DEFAULT_BACKEND):
        with tempfile.TemporaryDirectory() as cache:
            t0 = time.perf_counter()
            sw = topics.sweep(
                m,
                ks=range(5, 45, 5),
                seeds=(0, 1, 2),
                cache_dir=cache,
                n_jobs=2,
                progress=False,
                backend=be,
                works=works,
                authors=authors,
            )
            dt_sweep = time.perf_counter() - t0
        print(
            f"\nsweep K = 5..40 step 5 x 3 seeds = {len(sw.models)} {be} fits, 2 processes, with textlab coherence "
            f"and held-out perplexity: {dt_sweep:.0f} s"
        )
        print(sw.by_k[["k", "npmi", "perplexity", "stability", "auc_topics"]].round(3).to_string(index=False))
    t0 = time.perf_counter()
    cooc2 = coherence.Cooccurrence(m.X, m.vocab)
    ours = [
        coherence.topic_coherence(mdl.topic_word, cooc2, measure=me)
        for mdl in sw.models.values()
        for me in ("npmi", "umass")
    ]
    dt_ours = time.perf_counter() - t0
    tokens = [[w for j, c in zip(row.indices, row.data) for w in [m.vocab[j]] * int(c)] for row in m.X]
    t0 = time.perf_counter()
    d = Dictionary(tokens)
    bow = [d.doc2bow(t) for t in tokens]
    window = max(len(t) for t in tokens)
    theirs = []
    for mdl in sw.models.values():
        top = top_words(mdl.topic_word, m.vocab, n=10)
        theirs.append(
            np.array(
                CoherenceModel(
                    topics=top, texts=tokens, dictionary=d, coherence="c_npmi", topn=10, window_size=window
                ).get_coherence_per_topic()
            )
        )
        theirs.append(
            np.array(
                CoherenceModel(
                    topics=top, corpus=bow, dictionary=d, coherence="u_mass", topn=10
                ).get_coherence_per_topic()
            )
        )
    dt_theirs = time.perf_counter() - t0
    diff = max(float(np.max(np.abs(a - b))) for a, b in zip(ours, theirs))
    print(
        f"coherence of the sweep's {sum(mdl.k for mdl in sw.models.values())} topics, NPMI + UMass: textlab "
        f"{dt_ours:.2f} s, gensim CoherenceModel {dt_theirs:.1f} s ({dt_theirs / dt_ours:.0f}x); "
        f"max |difference| {diff:.1e}"
    )
    print(f"target: sweep with coherence under 120 s: {'met' if dt_sweep < 120 else 'NOT met'} ({dt_sweep:.0f} s)")


if __name__ == "__main__":
    main()
