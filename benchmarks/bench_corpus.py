"""Benchmark: building a user's corpus table, streamed (build_corpus_table) and in memory (build_corpus), x 1-64.

Run: .venv/bin/python benchmarks/bench_corpus.py [--sizes 1 4 16 64] [--jobs 2] [--no-memory] [--no-speedup]

The five raw files of the bundled corpus (``data/raw``, 92,307 lines, about 511,000 words, three of them OCR
or a scrambled PDF extraction) are cut into pieces of 300 lines and written N times to a temporary
folder as a user's corpus (one ``.txt`` file per piece and copy, and a metadata CSV): the generic
pipeline, no book module, so every raw line goes through the generic cleaning. Each size then runs in
a fresh Python process, so that its peak memory is its own:

* ``streamed``: :func:`textlab.corpus.streamed.build_corpus_table` on ``--jobs`` worker processes: the two lexicon
  passes and the cleaning pass, ``docs.csv`` and the reports written a block at a time;
* ``in memory``: :func:`textlab.corpus.build.build_corpus` with ``out_dir`` (one process, every text held);
* ``rerun``: ``build_corpus_table`` again on the same inputs: it hashes the files and finds the table.

Printed per size: files, raw words, wall seconds, raw words per second, peak resident set size
(``VmHWM``) of the main process and the largest of the worker processes (``ru_maxrss`` of the
children; forked, so pages shared with the main process count in both). Last, the largest size is
built again with one worker for the speed-up of ``--jobs`` over one. The ``other`` column is the CPU
time other processes used while a size ran, in cores (a busy machine makes every time look worse).

Caveat: the copies are identical, so the lexicon's counts grow N-fold but its number of word types does
not, and the cleaning's per-word caches hit after the first copy; new text of the same size cleans
more slowly and gives a larger lexicon (word types grow with the square root of the words, roughly).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench_scale import mib, peak_rss, run_result

ROOT = Path(__file__).resolve().parent.parent
PIECE_LINES = 300


def replicate(folder: Path, copies: int) -> tuple[int, int]:
    """Write ``copies`` copies of each 300-line piece of the raw files, with metadata.csv; -> (files, words)."""
    from textlab.core import paths
    from textlab.corpus.build import read_manifest

    folder.mkdir(parents=True, exist_ok=True)
    meta = [("file", "author", "title", "date")]
    n = words = 0
    for r in read_manifest().itertuples():
        lines = (paths.RAW / str(r.file)).read_text(encoding="utf-8").split("\n")
        stem = Path(str(r.file)).stem
        for k in range(0, len(lines), PIECE_LINES):
            text = "\n".join(lines[k : k + PIECE_LINES])
            if not text.strip():
                continue
            w = len(text.split())
            for c in range(copies):
                name = f"r{c:03d}-{stem}-{k // PIECE_LINES:03d}.txt"
                (folder / name).write_text(text + "\n", encoding="utf-8")
                meta.append((name, str(r.author), name[:-4], str(r.years)[:4]))
                n += 1
                words += w
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(meta)
    return n, words


def child(args: argparse.Namespace) -> None:
    """One size and mode in this (fresh) process: build, print one JSON line."""
    from textlab.corpus.build import build_corpus
    from textlab.corpus.streamed import build_corpus_table

    folder, out = Path(args.child), Path(args.out)
    t0 = time.perf_counter()
    if args.mode == "memory":
        corpus = build_corpus(folder, folder / "metadata.csv", out_dir=out)
        n_docs = len(corpus.docs)
    else:
        table = build_corpus_table(folder, folder / "metadata.csv", out, n_jobs=args.jobs, progress=False)
        n_docs = table.info["n_docs"]
    wall = time.perf_counter() - t0
    result = {
        "wall": wall,
        "n_docs": n_docs,
        "rss_main": peak_rss(os.getpid()) or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "rss_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
    }
    print("RESULT " + json.dumps(result))


def run_child(folder: Path, out: Path, mode: str, jobs: int) -> dict:
    cmd = [sys.executable, __file__, "--child", str(folder), "--out", str(out), "--mode", mode, "--jobs", str(jobs)]
    return run_result(cmd)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sizes", type=int, nargs="+", default=[1, 4, 16, 64], help="copies of the corpus (default 1 4 16 64)"
    )
    ap.add_argument("--jobs", type=int, default=2, help="worker processes of the streamed build (default 2)")
    ap.add_argument("--no-memory", action="store_true", help="leave out the in-memory build")
    ap.add_argument("--no-speedup", action="store_true", help="do not rebuild the largest size with one worker")
    ap.add_argument("--mode", default="streamed", help=argparse.SUPPRESS)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    work = Path(tempfile.mkdtemp(prefix="bench_corpus-"))
    print(f"build of a user's corpus table (raw bundled files in {PIECE_LINES}-line pieces); --jobs {args.jobs}")
    print("seconds; words/s of raw words; RSS in MiB (main / largest worker); other = cores used by other processes")
    print(f"{'size':>4} {'files':>6} {'words':>10} {'mode':>9} {'s':>7} {'words/s':>10} {'RSS':>11} {'other':>5}")
    try:
        rows = []
        for size in sorted(set(args.sizes)):
            folder = work / f"x{size}"
            files, words = replicate(folder, size)
            modes = [("streamed", args.jobs), ("rerun", args.jobs)] + ([] if args.no_memory else [("memory", 1)])
            for mode, jobs in modes:
                out = work / f"out{size}-memory" if mode == "memory" else work / f"out{size}"
                r = run_child(folder, out, mode, jobs)
                rss = f"{mib(r['rss_main'])}/{mib(r['rss_worker'])}" if mode != "memory" else mib(r["rss_main"])
                print(
                    f"{size:>4} {files:>6} {words:>10,} {mode:>9} {r['wall']:7.1f} {words / r['wall']:10,.0f} "
                    f"{rss:>11} {r['other']:5.2f}",
                    flush=True,
                )
                rows.append((size, mode, r, words))
            shutil.rmtree(work / f"out{size}-memory", ignore_errors=True)
        streamed = [(s, r, w) for s, m, r, w in rows if m == "streamed"]
        base = streamed[0][1]["wall"] / streamed[0][2]
        print(
            "time per word of the streamed build, relative to the smallest size: "
            + ", ".join(f"{s}x {r['wall'] / w / base:.2f}" for s, r, w in streamed)
        )
        if not args.no_speedup and args.jobs > 1:
            size, r, _ = streamed[-1]
            shutil.rmtree(work / f"out{size}", ignore_errors=True)
            one = run_child(work / f"x{size}", work / f"out{size}", "streamed", 1)
            print(
                f"speed-up at {size}x, --jobs {args.jobs} over one worker: {one['wall'] / r['wall']:.2f} "
                f"({one['wall']:.1f} s vs {r['wall']:.1f} s; other {one['other']:.2f} cores)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
