"""Command line: ``textlab build | report | topics | figures | notebooks``.

Each subcommand explains itself with ``--help``; errors name the file, line
or option at fault and exit with status 2.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Optional, Sequence

from textlab.io import InputError

log = logging.getLogger("textlab")


def _cmd_build(args: argparse.Namespace) -> int:
    from textlab.corpus import build_bundled, build_corpus

    if args.folder:
        if not args.metadata:
            raise InputError("--metadata is required with --folder")
        corpus = build_corpus(args.folder, args.metadata, out_dir=args.out)
    else:
        corpus = build_bundled(args.out)
    print(corpus)
    return _print_report(corpus)


def _print_report(corpus, markdown: bool = False) -> int:
    import pandas as pd

    from textlab import report

    if markdown:
        print("\n\n".join(report.readme_tables(corpus).values()))
        return 0
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print("\nLexicon coverage (% of word tokens with 3+ letters known to the English lexicon):")
        print(report.lexicon_table(corpus).to_string())
        print("\nLine accounting (raw lines kept in rows or dropped by reason):")
        print(report.accounting_table(corpus).astype(int).to_string())
        print("\nWords by author and kind:")
        print(report.words_by(corpus.docs, "author", columns="kind").to_string())
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from textlab import paths, report
    from textlab.corpus import load_corpus

    corpus = load_corpus()
    if args.update_readme:
        changed = report.update_readme(paths.ROOT / "README.md", corpus)
        print("README.md tables " + ("updated" if changed else "already current"))
        return 0
    return _print_report(corpus, markdown=args.markdown)


def _cmd_topics(args: argparse.Namespace) -> int:
    import pandas as pd

    from textlab import topics
    from textlab.corpus import load_corpus

    corpus = load_corpus()
    try:
        sw = topics.corpus_sweep(corpus, ks=args.ks, seeds=args.seeds, backend=args.backend,
                                 quotations=args.quotations, progress=not args.quiet)
    except ValueError as err:  # a bad K or seed list: name the option
        raise InputError(f"--ks/--seeds: {err}") from err
    k = topics.suggest_k(sw.by_k)
    with pd.option_context("display.width", 160, "display.max_colwidth", 70, "display.float_format", "{:.3f}".format):
        print(f"Sweep of {args.backend} LDA, {len(sw.runs)} fits (cached in data/processed/topics):")
        print(sw.by_k[["k", "npmi", "umass", "perplexity", "stability", "stable_share"]].to_string(index=False))
        print(f"\nsuggested K: {k} (perplexity within 1% of the best, then the most stable)")
        if args.backend == "gensim" and not args.no_topics:
            t = topics.corpus_topics(corpus, k=k, quotations=args.quotations)
            print(f"\nTopics of the corpus model (K = {k}, seed 0; † does not come back in half of 4 refits):")
            print(t[["topic", "label", "relevance", "npmi", "recurrence", "prevalence"]].to_string(index=False))
    return 0


def _cmd_figures(args: argparse.Namespace) -> int:
    from textlab.corpus import load_corpus
    from textlab.figures import write_figures

    for p in write_figures(load_corpus(), args.out):
        print(p)
    return 0


def _cmd_notebooks(args: argparse.Namespace) -> int:
    from textlab.notebooks import run_notebooks

    for p in run_notebooks(args.paths or None, timeout=args.timeout):
        print(p)
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="textlab", description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress (INFO)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="build the corpus table (bundled, or --folder/--metadata) and print its report")
    p.add_argument("--folder", type=Path, help="folder of .txt files (default: the bundled corpus)")
    p.add_argument("--metadata", type=Path, help="metadata CSV: file,author,title,date[,id,kind,work,book]")
    p.add_argument("--out", type=Path, help="output folder (default: data/processed for the bundled corpus)")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("report", help="print the bundled corpus report: lexicon coverage, line accounting, words")
    p.add_argument("--markdown", action="store_true", help="print the lexicon and accounting tables as Markdown")
    p.add_argument("--update-readme", action="store_true", help="refresh the measured tables in README.md")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("topics", help="sweep LDA over K and seeds on the corpus chunks (cached), suggest K, print topics")
    p.add_argument("--ks", type=int, nargs="+", default=[5, 10, 15, 20, 25, 30, 40], help="numbers of topics to fit")
    p.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2], help="seeds per K")
    p.add_argument("--backend", choices=["gensim", "sklearn", "tomotopy"], default="gensim", help="LDA library")
    p.add_argument("--quotations", choices=["rows", "drop", "keep"], default="rows",
                   help="rows: block quotations out (default); drop: quoted spans cut out too; keep: all in")
    p.add_argument("--no-topics", action="store_true", help="print the sweep only, not the chosen model's topics")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_topics)

    p = sub.add_parser("figures", help="regenerate every figure into figures/ (or --out)")
    p.add_argument("--out", type=Path, help="output folder (default: figures/)")
    p.set_defaults(func=_cmd_figures)

    p = sub.add_parser("notebooks", help="execute the notebooks in place, top to bottom, in order")
    p.add_argument("paths", nargs="*", type=Path, help="notebooks (default: notebooks/*.ipynb, sorted)")
    p.add_argument("--timeout", type=int, default=1200, help="seconds per cell (default 1200)")
    p.set_defaults(func=_cmd_notebooks)

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except InputError as err:
        print(f"textlab: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
