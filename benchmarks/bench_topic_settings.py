"""Benchmark: the default backend's settings, each measured by the sweep on the bundled corpus (2 cores).

Run: .venv/bin/python benchmarks/bench_topic_settings.py

For each setting of tomotopy (textlab's default backend) the sweep of notebook 03 is made with K = 10, 20, 30, 40
and seeds 0, 1, 2 (two processes, nothing cached): per K, mean NPMI, held-out perplexity, the share of topics that
come back in other seeds, and the document-vector AUC (pairs of chunks of one work against pairs of two works of
the same author, ``textlab.topics.docvectors``; TF-IDF's AUC on the same pairs is printed once). The settings:
the chosen defaults (alpha = 0.01 learned, eta = 0.05, 500 iterations, fold-in); tomotopy's own topic-word prior
(eta = 0.01) and a larger one (0.1); tomotopy's own document prior (alpha = 0.1); twice the
iterations; a prior kept fixed (optim_interval = 0); the chain's last state as the document vectors instead of
fold-in. ``docs/topic_models.md`` quotes the table.
"""

from __future__ import annotations

import argparse
import tempfile
import time

import pandas as pd

import textlab
from textlab import topics
from textlab.topics.docvectors import chunk_labels

SETTINGS: dict[str, dict] = {
    "defaults": {},
    "eta 0.01": {"eta": 0.01},
    "eta 0.1": {"eta": 0.1},
    "alpha 0.1": {"alpha": 0.1},
    "1000 iterations": {"iterations": 1000},
    "alpha fixed": {"optim_interval": 0},
    "last state": {"doc_vectors": "sample"},
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ks", type=int, nargs="+", default=[10, 20, 30, 40])
    ap.add_argument("--settings", nargs="+", default=list(SETTINGS), choices=list(SETTINGS))
    args = ap.parse_args()
    corpus = textlab.load_corpus()
    chunks, m = topics.corpus_chunk_dtm(corpus)
    works, authors = chunk_labels(chunks)
    rows = []
    for name in args.settings:
        with tempfile.TemporaryDirectory() as cache:
            t0 = time.perf_counter()
            sw = topics.sweep(
                m,
                ks=args.ks,
                seeds=(0, 1, 2),
                cache_dir=cache,
                n_jobs=2,
                progress=False,
                works=works,
                authors=authors,
                **SETTINGS[name],
            )
            dt = time.perf_counter() - t0
        t = sw.by_k[["k", "npmi", "perplexity", "stable_share", "auc_topics"]].assign(setting=name)
        rows.append(t)
        print(f"{name}: {dt:.0f} s for {len(sw.runs)} fits; TF-IDF AUC {sw.auc_tfidf:.3f}", flush=True)
        print(t.round(3).to_string(index=False), flush=True)
    table = pd.concat(rows)
    print("\nmean over K:")
    print(table.groupby("setting", sort=False)[["npmi", "perplexity", "stable_share", "auc_topics"]].mean().round(3))


if __name__ == "__main__":
    main()
