"""Benchmark: LDA backends and a full sweep on the bundled corpus (2 cores).

Run: .venv/bin/python benchmarks/bench_topics.py [--seeds 5]

1. K = 20 with each backend (gensim, the default; scikit-learn; tomotopy if installed), one fit per
   seed on the same 90% of the chunks: wall time, NPMI (top 10 words, co-occurrence in all chunks,
   ``textlab.topics.coherence``) and held-out perplexity (document completion on the other 10%), median
   over the seeds.
2. The full sweep that notebook 03 would make (K = 5..40 step 5, 3 seeds, gensim, two processes,
   nothing cached), timed with its coherence, then the same models' coherence scored again with
   gensim's ``CoherenceModel`` (NPMI over whole documents and UMass, as textlab computes them).

The last lines say whether the targets are met: the default backend's NPMI within 10% of the best
backend's, and the sweep with coherence in under two minutes.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import tempfile
import time

import numpy as np

import textlab
from textlab import topics
from textlab.topics import coherence
from textlab.topics.labels import top_words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=5, help="fits per backend at K = 20 (median reported)")
    ap.add_argument("--no-sweep", action="store_true", help="skip the full sweep")
    args = ap.parse_args()
    corpus = textlab.load_corpus()
    chunks, m = topics.corpus_chunk_dtm(corpus)
    mask = topics.heldout_mask(m.X.shape[0], share=0.1, seed=0)
    Xtr, Xte = m.X[~mask], m.X[mask]
    cooc = coherence.Cooccurrence(m.X, m.vocab)
    print(
        f"bundled corpus: {m.X.shape[0]} chunks x {m.X.shape[1]} terms ({int(m.X.sum()):,} tokens); "
        f"{int(mask.sum())} held out; {os.cpu_count()} cores"
    )
    backends = ["gensim", "sklearn"] + (["tomotopy"] if importlib.util.find_spec("tomotopy") else [])
    print(f"\nK = 20, median over seeds 0..{args.seeds - 1}")
    print(f"{'backend':<10s} {'time (s)':>9s} {'NPMI':>8s} {'perplexity':>11s}")
    npmi_of = {}
    for be in backends:
        rows = []
        for seed in range(args.seeds):
            t0 = time.perf_counter()
            mdl = topics.fit_topics(Xtr, 20, vocab=m.vocab, backend=be, seed=seed)
            dt = time.perf_counter() - t0
            rows.append(
                (dt, coherence.model_coherence(mdl.topic_word, cooc, measure="npmi"), topics.perplexity(mdl, Xte))
            )
        med = np.median(np.array(rows), axis=0)
        npmi_of[be] = med[1]
        print(f"{be:<10s} {med[0]:9.1f} {med[1]:8.4f} {med[2]:11.0f}")
    best = max(npmi_of, key=npmi_of.get)
    share = npmi_of["gensim"] / npmi_of[best]
    print(
        f"target: default (gensim) NPMI within 10% of the best ({best}): "
        f"{'met' if share >= 0.9 else 'NOT met'} ({share:.0%} of it)"
    )
    if args.no_sweep:
        return

    with tempfile.TemporaryDirectory() as cache:
        t0 = time.perf_counter()
        sw = topics.sweep(m, ks=range(5, 45, 5), seeds=(0, 1, 2), cache_dir=cache, n_jobs=2, progress=False)
        dt_sweep = time.perf_counter() - t0
    t0 = time.perf_counter()
    cooc2 = coherence.Cooccurrence(m.X, m.vocab)
    ours = [
        coherence.topic_coherence(mdl.topic_word, cooc2, measure=me)
        for mdl in sw.models.values()
        for me in ("npmi", "umass")
    ]
    dt_ours = time.perf_counter() - t0
    from gensim.corpora import Dictionary
    from gensim.models.coherencemodel import CoherenceModel

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
        f"\nsweep K = 5..40 step 5 x 3 seeds = {len(sw.models)} gensim fits, 2 processes, with textlab coherence "
        f"and held-out perplexity: {dt_sweep:.0f} s"
    )
    print(
        f"coherence of the sweep's {sum(mdl.k for mdl in sw.models.values())} topics, NPMI + UMass: textlab "
        f"{dt_ours:.2f} s, gensim CoherenceModel {dt_theirs:.1f} s ({dt_theirs / dt_ours:.0f}x); "
        f"max |difference| {diff:.1e}"
    )
    print(f"target: sweep with coherence under 120 s: {'met' if dt_sweep < 120 else 'NOT met'} ({dt_sweep:.0f} s)")


if __name__ == "__main__":
    main()
