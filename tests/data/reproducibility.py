"""A small pipeline whose numbers must be the same on every machine and with any number of workers.

On ``tests/data/small_corpus``: the corpus table built on ``TEXTLAB_JOBS`` workers, its chunks' document-term
matrix, a sweep (K 3 and 4, seeds 0 and 1, fitted on the workers) with backends ``tomotopy`` and ``sklearn``
(held-out perplexity, NPMI, UMass, stability), a fold-in of the held-out chunks, and a bootstrap interval of the
topic shares by author. ``tests/study/test_reproducible.py`` runs it in subprocesses that imitate other CPUs and
worker counts, and compares its output with the stored reference ``reproducibility_reference.json``.

Run as a script, it prints the outputs as JSON (``--raw``: every float at full precision, to measure how far
imitated CPUs differ; default: at the stored precision, :func:`textlab.core.reproducible.stored_number`);
``--write`` writes the reference (once, by hand, when a change of the fit is meant: never by the tests)::

    PYTHONPATH=. .venv/bin/python tests/data/reproducibility.py --write
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REFERENCE = HERE / "reproducibility_reference.json"
CORPUS = HERE / "small_corpus"
BACKENDS = ("tomotopy", "sklearn")


def outputs() -> dict[str, Any]:
    """The pipeline's numbers at full precision: name -> float or list of floats (nested by step)."""
    from textlab import topics
    from textlab.core.pool import resolve_n_jobs
    from textlab.corpus.streamed import build_corpus_table
    from textlab.scale.engines import build_counts
    from textlab.topics.model import fold_in
    from textlab.topics.prevalence import bootstrap_prevalence

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        table = build_corpus_table(CORPUS, CORPUS / "metadata.csv", Path(tmp) / "built", progress=False)
        corpus = table.load()
        # counts on disk, tokenised on the workers, and a streamed fit whose E-step runs on them, in chunks of 16 rows
        info = build_counts(CORPUS, Path(tmp) / "counts", chunk_words=200, min_df=2, chunk_size=4, progress=False)
        streamed = topics.fit_topics(info.counts(), 3, seed=0, passes=3, chunksize=16, progress=False)
        out["streamed"] = {
            "shape": [streamed.doc_topic.shape[0], streamed.topic_word.shape[1]],
            "topic_word": streamed.topic_word[:, :40].ravel().tolist(),
            "doc_topic": streamed.doc_topic[:20].ravel().tolist(),
            "alpha": streamed.alpha.tolist(),
        }
    out["words"] = int(corpus.docs["n_words"].sum())
    chunks, m = topics.corpus_chunk_dtm(corpus, size=200, min_df=2)
    out["dtm"] = {"shape": list(m.X.shape), "nnz": int(m.X.nnz), "sum": int(m.X.sum())}
    jobs = resolve_n_jobs(None)
    out["jobs"] = jobs
    for backend in BACKENDS:
        sw = topics.sweep(m, ks=(3, 4), seeds=(0, 1), backend=backend, holdout=0.2, cache_dir=None, progress=False)
        runs = sw.runs.sort_values(["k", "seed"])
        res: dict[str, Any] = {
            c: runs[c].astype(float).tolist() for c in ("perplexity", "npmi", "umass", "stability", "stable_share")
        }
        model = sw.models[(4, 0)]
        res["topic_word"] = model.topic_word[:, :40].ravel().tolist()
        res["doc_topic"] = model.doc_topic[:20].ravel().tolist()
        theta = fold_in(model.topic_word, m.X[sw.heldout], model.alpha)
        res["fold_in"] = theta.ravel().tolist()
        groups = chunks["group"].to_numpy()[~sw.heldout]
        boot = bootstrap_prevalence(model.doc_topic, groups, n_boot=200, seed=0)
        res["bootstrap"] = boot.select_dtypes("number").to_numpy(dtype=float).ravel().tolist()
        out[backend] = res
    return out


def stored(value: Any) -> Any:
    """``value`` with every float at the stored precision (:func:`textlab.core.reproducible.stored_number`)."""
    from textlab.core.reproducible import stored_number

    if isinstance(value, dict):
        return {k: stored(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stored(v) for v in value]
    if isinstance(value, float):
        return stored_number(value)
    return value


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--raw", action="store_true", help="every float at full precision (to measure differences)")
    p.add_argument("--write", action="store_true", help=f"write the reference {REFERENCE.name} (by hand only)")
    args = p.parse_args(argv)
    from textlab.core.reproducible import run_pinned

    run_pinned([__file__, *(sys.argv[1:] if argv is None else argv)])  # as the command line does
    out = outputs()
    out.pop("jobs") if args.write else None
    text = json.dumps(out if args.raw else stored(out), indent=1 if args.write else None, sort_keys=True)
    if args.write:
        REFERENCE.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
