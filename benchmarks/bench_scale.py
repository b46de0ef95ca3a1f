"""Benchmark: the streamed local path and the Spark path (textlab.scale) on the bundled corpus x 1-64.

Run: .venv/bin/python benchmarks/bench_scale.py [--sizes 1 4 16 64] [--quick] [--jobs 2] [--engines local spark]

The primary rows of the bundled corpus (``data/processed/docs.csv``, 519 rows, about 400,000 words)
are written N times to a temporary folder as ``.txt`` files, one file per row and copy, streamed row
by row from the CSV (memory: one block of rows). Each size then runs in a fresh Python process, so
that its peak memory is its own, through the stages of the local path:

* ``scan``: list the files and hash every text in ``--jobs`` worker processes that read the files
  themselves (the cache key);
* ``phrases``: read a seeded sample of 1,000 files again, cut them into 500-word chunks and learn the
  tokenizer's phrases on them (one core);
* ``tok+count``: the workers read each file, cut it into 500-word chunks (as the topic models do) and
  tokenise them (the default ``Tokenizer``: lemmas, stopwords, phrases); the main process counts the
  token stream, in order, into sparse rows on disk: one fused pass; ``count`` is the part of it spent
  counting in the main process;
* ``final``: sort and prune the vocabulary (``min_df=5``, ``max_df=0.5``, as ``chunk_dtm``) and write
  ``counts.npz``, the tokens and the manifest;
* ``fit``: LDA with K = 20 on the streamed counts (``fit_topics`` on the counts folder: batch variational Bayes,
  the E-step on ``--jobs`` processes); for time, fewer passes than the default 10: ``--passes``
  (default 3) of at most ``--iterations`` (default 50) per document, ``chunksize=500``;
* ``coh``: NPMI of the 20 topics (top 10 words), document co-occurrence counted block by block;
* ``rerun``: the whole counting call again with the same inputs: it finds the counts on disk and
  only re-hashes the texts (no tokenising).

Rates are input words (whitespace-separated words of the chunks) per second of ``tok+count``, and
of the whole path (``total``: scan to coherence). Peak memory is the peak resident set size
(``resource.getrusage``, ``ru_maxrss``; not tracemalloc, which misses numpy and C allocations) of the
size's main process, and separately the largest of its worker processes (forked, so pages they share
with the main process count in both: the sum is an upper bound). Last, the largest size is run again
with one worker (``--jobs 1``, everything in one process) for the speed-up of ``--jobs`` over one.
The ``other`` column is the CPU time that processes other than the benchmark's used while a size ran
(from ``/proc/stat``), in cores: a busy machine makes the speed-up (and the times) look worse.

Caveat: the copies are identical, so after the first copy the tokenizer's per-word caches always
hit; a corpus of new text of the same size tokenises more slowly (see bench_tokenize.py: the
first pass over the bundled corpus runs at about a seventh of the speed with filled caches).

The Spark engine (``--engines spark``; both by default) runs the same calls with ``engine="spark"`` on
a local Spark of ``--jobs`` cores (``local[<jobs>]``, loopback only), in a fresh process per size too:
the hashing pass and the phrase sample run on the driver as for the local engine; ``tokenise`` is the
Spark job that reads, cuts and tokenises the files in pandas UDFs (persisted); ``count`` is
``CountVectorizer`` finding the vocabulary plus counting every row and streaming the rows back to be
written; ``final`` as above; ``fit`` is Spark MLlib's online LDA in batch, ``--passes`` iterations over
every document (K = 20); ``coh`` is the same streamed coherence on the counts folder. For the local
engine ``tokenise`` is the fused pass minus ``count`` (the main process waiting for the tokenisers).
``build`` is the whole counting call (scan to manifest). Memory for Spark: ``RSS main`` is the Python
driver's peak, ``RSS wrk`` the largest peak of the Python workers (forked by Spark's daemon; alive at the
end, as Spark reuses them), ``RSS jvm`` the JVM's peak (``VmHWM`` in ``/proc/<pid>/status``; driver and
executors are one JVM in local mode). The Spark session's start-up, with a first job that starts the
Python workers and imports textlab in them (together 15-30 s on 2 busy cores), is not in the stages; it
is printed after the table. The speed-up run (one worker) is made for the local engine only.

Targets (local engine): cost grows no faster than linearly with the corpus (time per word at each size within
15% of the smallest size's, or lower); peak memory at 64x under 2 GiB; at 64x, ``--jobs 2`` at
least 1.6 times as fast as one worker.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GIB = 1024**3


def replicate(folder: Path, copies: int) -> tuple[int, int]:
    """Write ``copies`` copies of every primary row as ``r<copy>-<doc_id>.txt``; -> (files, words)."""
    from textlab import load_corpus
    from textlab.core import paths
    from textlab.scale.sources import iter_texts

    load_corpus()  # builds data/processed/docs.csv if it is missing or stale
    folder.mkdir(parents=True, exist_ok=True)
    n = words = 0
    for doc_id, text in iter_texts(paths.PROCESSED / "docs.csv", where={"kind": ["primary"]}, chunk_rows=100):
        w = len(text.split())
        for r in range(copies):
            (folder / f"r{r:03d}-{doc_id}.txt").write_text(text, encoding="utf-8")
            n += 1
            words += w
    return n, words


def child(args: argparse.Namespace) -> None:
    """One size in this (fresh) process: run the stages, print one JSON line."""
    import logging

    from textlab.features.tokenize import Tokenizer
    from textlab.scale.counts import StreamedCounts
    from textlab.scale.engines import build_counts
    from textlab.topics.coherence import streamed_coherence
    from textlab.topics.model import fit_topics

    logging.basicConfig(level=logging.WARNING)
    folder, out = Path(args.child), Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    opts = dict(
        chunk_words=500, min_words=100, min_df=5, max_df=0.5, sample_docs=1000, n_jobs=args.jobs, progress=False
    )
    engine = args.engine
    t_start = 0.0
    session = None
    if engine == "spark":
        import warnings

        from textlab.scale import spark as tspark

        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
        t = time.perf_counter()
        session = tspark.spark_session(f"local[{args.jobs}]", app_name="bench_scale")
        session.sparkContext.setLogLevel("ERROR")
        # start the Python workers (imports of textlab and its tokenizer) once, as a long-lived cluster has them
        session.range(4 * args.jobs, numPartitions=2 * args.jobs).mapInPandas(warm_up, "id long").count()
        t_start = time.perf_counter() - t
        opts.update(engine="spark", master=f"local[{args.jobs}]")
    t0 = time.perf_counter()
    info = build_counts(folder, out, tokenizer=Tokenizer(), **opts)
    t_counts = time.perf_counter() - t0
    t = time.perf_counter()
    again = build_counts(folder, out, tokenizer=Tokenizer(), **opts)
    t_rerun = time.perf_counter() - t
    assert again.cached and not info.cached
    counts = StreamedCounts(out)
    t = time.perf_counter()
    model = fit_topics(
        counts,
        20,
        seed=0,
        passes=args.passes,
        iterations=args.iterations,
        chunksize=500,
        n_jobs=args.jobs,
        progress=False,
        engine=engine,
    )
    t_fit = time.perf_counter() - t
    t = time.perf_counter()
    npmi = float(streamed_coherence(model, counts, measure="npmi", top_n=10).mean())
    t_coh = time.perf_counter() - t
    s = info.seconds
    if engine == "spark":
        tokenise, count = s["tokenise"], s["vocab"] + s["count"]
    else:
        tokenise, count = s["tokenise_count"] - s["count"], s["count"]
    jvm = workers = 0
    if session is not None:
        jvm_pid = session.sparkContext._gateway.proc.pid  # spark-submit execs java: this is the JVM
        jvm = peak_rss(jvm_pid)
        workers = max((peak_rss(p) for p in descendants(jvm_pid)), default=0)
    result = {
        "engine": engine,
        "start": t_start,
        "tokenise": tokenise,
        "count_stage": count,
        "rss_jvm": jvm,
        "jobs": args.jobs,
        "docs": info.n_docs,
        "terms": info.n_terms,
        "words": info.manifest["settings"]["input_words"],
        "tokens": info.manifest["n_tokens_all"],
        "scan": s["scan"],
        "phrases": s["phrases"],
        "tok_count": s["tokenise_count"],
        "count": s["count"],
        "final": s["finalise"],
        "counts_total": t_counts,
        "fit": t_fit,
        "coh": t_coh,
        "total": t_counts + t_fit + t_coh,
        "rerun": t_rerun,
        "npmi": npmi,
        "rss_main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "rss_worker": workers if session is not None else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
        "disk": sum(p.stat().st_size for p in out.iterdir()),
    }
    print("RESULT " + json.dumps(result), flush=True)
    if session is not None:
        session.stop()


def warm_up(batches):
    """A Spark task that imports what tokenising needs (the Python workers start and stay)."""
    from textlab.features.tokenize import Tokenizer

    Tokenizer(phrases=False)("The workers met.")
    yield from batches


def peak_rss(pid: int) -> int:
    """Peak resident set size of a process in bytes (``VmHWM`` of ``/proc/<pid>/status``); 0 if unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (children, their children...), from ``/proc``."""
    parent: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parent[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parent.items() if pp == p]
        out += kids
        todo += kids
    return out


def run_child(folder: Path, out: Path, jobs: int, args: argparse.Namespace, engine: str = "local") -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        str(folder),
        "--out",
        str(out),
        "--engine",
        engine,
        "--jobs",
        str(jobs),
        "--passes",
        str(args.passes),
        "--iterations",
        str(args.iterations),
    ]
    return run_result(cmd)


def run_result(cmd: list[str]) -> dict:
    """Run a size in a fresh process; -> its ``RESULT`` JSON line, plus ``other`` (cores other processes used)."""
    busy0, own0 = busy_seconds(), own_seconds()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    other = max(0.0, (busy_seconds() - busy0) - (own_seconds() - own0)) / wall
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"size run failed: {' '.join(cmd)}")
    line = next(x for x in reversed(proc.stdout.splitlines()) if x.startswith("RESULT "))
    return {**json.loads(line[len("RESULT ") :]), "other": other}


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (all but idle and iowait), from /proc/stat; 0 elsewhere."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    ticks = [int(x) for x in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def own_seconds() -> float:
    """CPU seconds of this process and of its finished children (the size runs and their workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def mib(b: float) -> str:
    return f"{b / 2**20:,.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", help="copies of the corpus (default 1 4 16 64)")
    ap.add_argument(
        "--quick", action="store_true", help="one LDA pass of at most 20 iterations; sizes 1 and 4 unless --sizes"
    )
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--passes", type=int, default=3, help="LDA passes (default 3)")
    ap.add_argument("--iterations", type=int, default=50, help="LDA iterations per document (default 50)")
    ap.add_argument("--no-speedup", action="store_true", help="do not rerun the largest size with one worker")
    ap.add_argument("--workdir", help="folder for the copies and counts (default: a temporary folder, removed)")
    ap.add_argument(
        "--engines", nargs="+", choices=["local", "spark"], default=["local", "spark"], help="engines (default both)"
    )
    ap.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    if args.quick:
        args.passes, args.iterations = 1, 20
    if args.sizes is None:
        args.sizes = [1, 4] if args.quick else [1, 4, 16, 64]
    sizes = sorted(set(args.sizes))
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="bench_scale-"))
    print(
        f"{os.cpu_count()} cores; sizes {sizes}; --jobs {args.jobs}; LDA K=20, {args.passes} passes, "
        f"{args.iterations} iterations, chunksize 500; 500-word chunks, min_df 5, max_df 0.5; workdir {work}"
    )
    head = (
        f"{'engine':>6s} {'size':>4s} {'chunks':>7s} {'words':>11s} {'tokens':>10s} {'terms':>6s} | {'scan':>5s} "
        f"{'phras':>5s} {'tokenise':>8s} {'count':>5s} {'final':>5s} {'build':>6s} {'fit':>6s} {'coh':>5s} "
        f"{'total':>6s} {'rerun':>5s} | {'tokens/s':>9s} {'words/s all':>11s} {'us/word':>7s} | {'RSS main':>8s} "
        f"{'RSS wrk':>7s} {'RSS jvm':>7s} {'disk':>5s} {'other':>5s}"
    )
    print("seconds per stage; RSS and disk in MiB")
    print(head)
    engines = [e for e in ("local", "spark") if e in args.engines]
    results: dict[tuple[str, int], dict] = {}
    replicated = 0.0
    try:
        for n in sizes:
            folder = work / f"x{n}"
            t = time.perf_counter()
            replicate(folder, n)
            replicated += time.perf_counter() - t
            for engine in engines:
                out = work / f"counts-{engine}-x{n}"
                r = results[engine, n] = run_child(folder, out, args.jobs, args, engine)
                tok_count = r["tokenise"] + r["count_stage"]
                print(
                    f"{engine:>6s} {n:>3d}x {r['docs']:>7,d} {r['words']:>11,d} {r['tokens']:>10,d} "
                    f"{r['terms']:>6,d} | {r['scan']:5.1f} {r['phrases']:5.1f} {r['tokenise']:8.1f} "
                    f"{r['count_stage']:5.1f} {r['final']:5.1f} {r['counts_total']:6.1f} {r['fit']:6.1f} "
                    f"{r['coh']:5.1f} {r['total']:6.1f} {r['rerun']:5.1f} | {r['tokens'] / tok_count:>9,.0f} "
                    f"{r['words'] / r['total']:>11,.0f} {1e6 * r['total'] / r['words']:7.2f} | "
                    f"{mib(r['rss_main']):>8s} {mib(r['rss_worker']):>7s} "
                    f"{mib(r['rss_jvm']) if engine == 'spark' else '-':>7s} {mib(r['disk']):>5s} {r['other']:5.2f}",
                    flush=True,
                )
                if n != sizes[-1]:
                    shutil.rmtree(out, ignore_errors=True)
            if n != sizes[-1]:
                shutil.rmtree(folder, ignore_errors=True)
        big = sizes[-1]
        print()
        for engine in engines:
            per_word = {n: results[engine, n]["total"] / results[engine, n]["words"] for n in sizes}
            worst = max(per_word[n] / per_word[sizes[0]] for n in sizes)
            print(
                f"{engine}: cost per word relative to the smallest size: "
                + ", ".join(f"{n}x {per_word[n] / per_word[sizes[0]]:.2f}" for n in sizes)
                + f" -> linear or better: {'met' if worst <= 1.15 else 'NOT met'} (worst {worst:.2f}; target <= 1.15)"
            )
            r = results[engine, big]
            peak = r["rss_main"] + r["rss_worker"] + r["rss_jvm"]
            verdict = "met" if peak < 2 * GIB else "NOT met"
            where = "the target's 64x" if big == 64 else f"{big}x only (64x not run)"
            jvm = f", JVM {mib(r['rss_jvm'])} MiB" if engine == "spark" else ""
            print(
                f"{engine}: peak memory at {big}x: main {mib(r['rss_main'])} MiB, largest worker "
                f"{mib(r['rss_worker'])} MiB{jvm}, sum {mib(peak)} MiB -> under 2 GiB: {verdict} at {where}"
            )
        if "spark" in engines:
            print(
                "spark: session start-up (not in the stages): "
                + ", ".join(f"{n}x {results['spark', n]['start']:.1f} s" for n in sizes)
            )
        if "local" in engines and not args.no_speedup and args.jobs > 1:
            r = results["local", big]
            one = run_child(work / f"x{big}", work / f"counts-local-x{big}-1", 1, args)
            stages = [("tok+count", "tok_count"), ("fit", "fit"), ("coh", "coh"), ("total", "total")]
            speed = {name: one[key] / r[key] for name, key in stages}
            print(
                f"local: one worker at {big}x: tok+count {one['tok_count']:.1f} s, fit {one['fit']:.1f} s, "
                f"total {one['total']:.1f} s (RSS main {mib(one['rss_main'])} MiB; "
                f"other load {one['other']:.2f} cores); "
                f"speed-up of --jobs {args.jobs}: " + ", ".join(f"{name} {v:.2f}x" for name, v in speed.items())
            )
            where = "at 64x" if big == 64 else f"at {big}x only (64x not run)"
            print(
                f"speed-up >= 1.6 over one worker (whole path): {'met' if speed['total'] >= 1.6 else 'NOT met'} {where}"
            )
        for engine in engines:
            print(
                f"{engine}: NPMI of the K=20 fits: "
                + ", ".join(f"{n}x {results[engine, n]['npmi']:.3f}" for n in sizes)
            )
        print(f"(replicating the corpus took {replicated:.1f} s, not counted)")
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
