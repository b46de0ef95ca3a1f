"""Benchmark: text reuse (``textlab.voices.reuse.find_reuse``) on the whole bundled corpus, one core.

Run: .venv/bin/python benchmarks/bench_reuse.py

Loads the corpus (built or read from the cache; not timed), then times ``find_reuse`` with its
defaults three times (the first run includes reading the raw files for the line numbers; every
run starts from nothing else) and prints the best and first times, the passages per pair of
sources (``reuse_summary``), the passages Cliff (004) shares with the Writings of 1930-31 (001),
and the five longest passages.
"""

from __future__ import annotations

import time

import pandas as pd

import textlab
from textlab.voices.reuse import find_reuse, reuse_summary

CLIFF = "cliff_1993_trotsky_darker_the_night.txt"
WRITINGS = "trotsky_writings_1930-31.txt"


def main() -> None:
    docs = textlab.load_corpus().docs
    print(f"bundled corpus: {len(docs)} rows, {int(docs['n_words'].sum()):,} words")
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        table = find_reuse(docs)
        times.append(time.perf_counter() - t0)
    print(
        f"find_reuse (n=5, min_words=20, max_gap=8, max_df=10): first {times[0]:.2f} s, best {min(times):.2f} s; "
        f"{len(table)} passages, {int(table['n_words'].sum()):,} words"
    )

    with pd.option_context("display.width", 200, "display.max_columns", 20):
        summary = reuse_summary(table, docs)
        summary["source_a"] = summary["source_a"].str.slice(0, 28)
        summary["source_b"] = summary["source_b"].str.slice(0, 28)
        print("\nper pair of sources:")
        print(summary.drop(columns=["words_a", "words_b"]).to_string(index=False))

        cw = table[(table.source_a == CLIFF) & (table.source_b == WRITINGS)]
        print(
            f"\nCliff (004) and the Writings 1930-31 (001): {len(cw)} passages, {int(cw['n_words'].sum()):,} words "
            f"(longest {int(cw['n_words'].max()) if len(cw) else 0})"
        )

        cols = [
            "doc_id_a",
            "doc_id_b",
            "line_start_a",
            "line_end_a",
            "line_start_b",
            "line_end_b",
            "n_words",
            "similarity",
            "omitted",
            "older",
        ]
        top = table.sort_values(["n_words", "doc_id_a", "doc_id_b"], ascending=[False, True, True]).head(5)
        print("\nfive longest passages:")
        print(top[cols].to_string(index=False))
        for r in top.itertuples():
            print(f"  {r.doc_id_a} / {r.doc_id_b}: {r.text_a}")


if __name__ == "__main__":
    main()
