"""The ``textlab`` command line: its parser, one subparser per subcommand, each explaining itself."""

from __future__ import annotations

import argparse
import inspect
import textwrap
from pathlib import Path

from textlab import topics
from textlab.cli.commands import (
    cmd_attribute,
    cmd_build,
    cmd_counts,
    cmd_figures,
    cmd_notebooks,
    cmd_report,
    cmd_topics,
    cmd_vocab,
)
from textlab.cli.options import add_corpus_options, add_text_options, doc_freq, int_at_least, share_arg
from textlab.features.rows import comparison_rows
from textlab.stylometry.attribute import FEATURES
from textlab.text.segment import KINDS
from textlab.topics.backends import BACKENDS, DEFAULT_BACKEND
from textlab.topics.corpus import DEFAULT_KS, DEFAULT_SEEDS

DESCRIPTION = (
    "Text analysis of political writing, from the shell. The subcommands follow the data: build the corpus "
    "table (the bundled corpus, or a folder of .txt files and a metadata CSV), compare its vocabulary by a column, "
    "print its report (lexicon coverage, line accounting, quoted share), fit and sweep topic models, count "
    "a corpus larger than memory (streamed, or on Spark), rebuild the figures, run the notebooks. Every "
    "subcommand that analyses a corpus takes --folder/--metadata (your corpus) and --by (the column that names "
    "the groups compared; author by default). Progress bars show on long work (-q hides them); only warnings are "
    "logged unless -v."
)

EPILOG = """\
examples (python -m textlab is the same command):
  textlab build                                   # the bundled corpus, into data/processed
  textlab build --folder texts --metadata texts/metadata.csv --out built
  textlab vocab --by author --top 10              # each author's most distinctive words
  textlab vocab --by year --folder texts --metadata texts/metadata.csv
  textlab report                                  # lexicon coverage, line accounting, quoted share
  textlab attribute --folder texts --metadata texts/metadata.csv --candidates A B --unknown Unknown
  textlab topics --ks 5 10 15 --seeds 0 1 2       # sweep LDA over K, suggest one, print its topics
  textlab topics --folder texts --metadata texts/metadata.csv --by author
  textlab counts texts/ counts/ --k 20            # a corpus larger than memory: streamed counts, topics
  textlab counts texts/ counts/ --engine spark --master spark://head:7077
  textlab figures && textlab notebooks

Errors name the file, line, column or option at fault and exit with status 2.
"""


def default_of(func, name: str):
    """The default of a keyword of ``func``: the command line follows the library's defaults."""

    return inspect.signature(func).parameters[name].default


def build_parser() -> argparse.ArgumentParser:
    """The ``textlab`` argument parser (one subparser per subcommand).

    Examples
    --------
    >>> parser = build_parser()
    >>> print(parser.format_usage().strip())
    usage: textlab [-h] [-v] COMMAND ...
    >>> args = parser.parse_args(["topics", "--ks", "5", "10", "--seeds", "0", "1", "--backend", "sklearn"])
    >>> args.command, args.ks, args.seeds, args.backend, args.no_topics
    ('topics', [5, 10], [0, 1], 'sklearn', False)
    """

    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="textlab", description=textwrap.fill(DESCRIPTION, 88), epilog=EPILOG, formatter_class=fmt
    )
    verbose = "log progress details (INFO lines); by default only warnings and errors are logged"
    parser.add_argument("-v", "--verbose", action="store_true", help=verbose)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=verbose)
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", title="commands (textlab COMMAND --help explains each)"
    )

    def add(name: str, summary: str, description: str, func, *, progress: bool = False) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name, help=summary, description=textwrap.fill(description, 88), parents=[common], formatter_class=fmt
        )
        if progress:
            p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
        p.set_defaults(func=func, progress=progress)
        return p

    p = add(
        "build",
        "build the corpus table (bundled, or --folder/--metadata) and print its report",
        "Build the corpus table: segment, clean and attribute every raw file, account for every raw line, and "
        "print the report (lexicon coverage, line accounting, words by author, kind and year, quoted share). "
        "Without --folder/--metadata: the bundled corpus (data/raw, checked against data/manifest.csv), saved to "
        "data/processed. With them: one row per listed .txt file, cleaned by the generic pipeline. --by groups "
        "the rows for the report's quoted share by comparison group (printed for the bundled corpus's groups, "
        "or with --by); the table itself does not depend on it.",
        cmd_build,
        progress=True,
    )
    add_corpus_options(
        p,
        by_help="column(s) grouping the rows for the report's quoted share by comparison group, e.g. year or "
        "author+year (default: data/groups.csv for the bundled corpus; for yours, only the table by author)",
    )
    p.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="output folder for docs.csv, line_report.csv, lexicon_report.csv and build.json "
        "(default: data/processed for the bundled corpus, data/processed/corpora/<build key> for a --folder one)",
    )
    p.add_argument(
        "--jobs",
        type=int_at_least(1),
        metavar="N",
        help="worker processes for a --folder corpus (default: TEXTLAB_JOBS, else every core); it is streamed "
        "from disk, a batch of files at a time, and found again on disk when its files, metadata and code are "
        "unchanged",
    )

    p = add(
        "vocab",
        "compare vocabulary by a column of the corpus table (e.g. author, year, work)",
        "Compare vocabulary by a column of the corpus table: for each value of --by, the words its rows over-use "
        "against all the other rows (or against --reference), by Dunning's log-likelihood G2, kept only when "
        "seen --min-count times and in --min-doc-share of the group's rows, each with a document-bootstrap "
        "interval of its log ratio (textlab.vocab.distinctive_terms). Rows are those of --kind (default: "
        "primary, the authors' own words); --quotations says what happens to quoted words.",
        cmd_vocab,
        progress=True,
    )
    add_corpus_options(p)
    add_text_options(p)
    p.add_argument("--top", type=int_at_least(1), default=15, metavar="N", help="terms per group (default 15)")
    p.add_argument(
        "--kind",
        nargs="+",
        choices=KINDS,
        default=["primary"],
        metavar="KIND",
        help=f"kinds of rows to compare (default primary); any of: {', '.join(KINDS)}",
    )
    q = default_of(comparison_rows, "quotations")
    p.add_argument(
        "--quotations",
        choices=["drop", "rows", "keep"],
        default=q,
        help="drop: block quotation rows left out, and inline quotations and passages reused from older "
        "texts of other authors cut out of the rows; rows: only the block quotation rows left out; "
        f"keep: everything in, quotation rows put back (default {q}, as textlab.features.rows.comparison_rows)",
    )
    p.add_argument(
        "--reference", metavar="VALUE", help="compare each group with this value of --by, not with all the others"
    )
    p.add_argument(
        "--min-count", type=int_at_least(1), default=5, metavar="N", help="least count of a term (default 5)"
    )
    p.add_argument(
        "--min-doc-share",
        type=share_arg,
        default=0.2,
        metavar="SHARE",
        help="least share of the group's rows that use a term, 0-1 (default 0.2)",
    )
    p.add_argument("--max-p", type=share_arg, default=0.001, metavar="P", help="largest p-value of G2 (default 0.001)")
    p.add_argument("--n-boot", type=int_at_least(1), default=500, metavar="N", help="bootstrap resamples (default 500)")
    p.add_argument("--seed", type=int_at_least(0), default=0, help="bootstrap seed (default 0)")
    p.add_argument("--csv", type=Path, metavar="FILE", help="also write every group's terms and statistics to this CSV")

    p = add(
        "report",
        "print the corpus report: lexicon coverage, line accounting, words, quoted share",
        "Print the corpus report: share of word tokens the English lexicon knows before and after cleaning, "
        "raw lines kept or dropped by reason, words by author, kind and year, and the quoted share of each "
        "author (and of each comparison group: for the bundled corpus those of data/groups.csv, for any corpus "
        "those of --by).",
        cmd_report,
    )
    add_corpus_options(
        p,
        by_help="column(s) grouping the rows for the quoted share by comparison group, e.g. year or author+year "
        "(default: data/groups.csv for the bundled corpus; for yours, only the table by author)",
    )
    p.add_argument("--markdown", action="store_true", help="print the lexicon and accounting tables as Markdown")
    p.add_argument(
        "--update-readme", action="store_true", help="refresh the measured tables in README.md (bundled corpus)"
    )

    p = add(
        "topics",
        "sweep LDA over K and seeds on the corpus chunks (cached), suggest K, print topics",
        "Fit LDA topic models on 500-word chunks of the corpus's comparison rows (the bundled corpus, or "
        "--folder/--metadata; rows grouped by --by) for every K of --ks and seed of --seeds (fits cached in "
        "data/processed/topics), print coherence (NPMI, UMass), held-out perplexity and stability by K, suggest "
        "a K, and print the topics of the corpus model at that K.",
        cmd_topics,
    )
    add_corpus_options(p)
    p.add_argument(
        "--ks",
        type=int_at_least(2),
        nargs="+",
        default=list(DEFAULT_KS),
        metavar="K",
        help=f"numbers of topics to fit, each at least 2 (default {' '.join(map(str, DEFAULT_KS))})",
    )
    p.add_argument(
        "--seeds",
        type=int_at_least(0),
        nargs="+",
        default=list(DEFAULT_SEEDS),
        metavar="SEED",
        help=f"seeds per K, 2 or more for stability (default {' '.join(map(str, DEFAULT_SEEDS))})",
    )
    p.add_argument(
        "--backend",
        choices=sorted(BACKENDS),
        default=DEFAULT_BACKEND,
        help=f"LDA library (default {DEFAULT_BACKEND}, collapsed Gibbs sampling; docs/topic_models.md says why)",
    )
    q = default_of(topics.corpus_sweep, "quotations")
    p.add_argument(
        "--quotations",
        choices=["drop", "rows", "keep"],
        default=q,
        help="drop: block quotations out and quoted spans cut out of the rows; rows: block quotations out; "
        f"keep: all in (default {q}, as textlab.topics.corpus.corpus_sweep and the corpus model)",
    )
    p.add_argument("--no-topics", action="store_true", help="print the sweep only, not the chosen model's topics")
    add_text_options(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    p = add(
        "counts",
        "stream a folder or CSV of texts into counts on disk (every core, or Spark); optionally fit topics",
        "For corpora larger than memory (textlab.scale.build_counts): stream the texts of SOURCE (a folder of "
        ".txt files, or a CSV with doc_id and text columns), cut them into chunks of --chunk-words, tokenise "
        "them on --jobs processes (or on Spark with --engine spark) and count them once into OUT (a sparse "
        "matrix, the vocabulary, the tokens and a manifest); a second run with the same inputs tokenises "
        "nothing. With --k, fit LDA on the streamed counts, save the model into OUT and print its topics.",
        cmd_counts,
        progress=True,
    )
    p.add_argument("source", type=Path, metavar="SOURCE", help="folder of UTF-8 .txt files, or a .csv of doc_id,text")
    p.add_argument("out", type=Path, metavar="OUT", help="folder for the counts (created; reused when up to date)")
    p.add_argument(
        "--engine", choices=["local", "spark"], default="local", help="local processes or Spark (default local)"
    )
    p.add_argument("--master", metavar="URL", help="Spark master URL with --engine spark (default local[*])")
    p.add_argument(
        "--chunk-words",
        type=int_at_least(0),
        default=500,
        metavar="N",
        help="words per chunk, as the topic models cut them (default 500; 0: whole documents)",
    )
    p.add_argument(
        "--min-words", type=int_at_least(1), default=100, metavar="N", help="shortest chunk kept (default 100)"
    )
    p.add_argument(
        "--min-df",
        type=doc_freq,
        default=5,
        metavar="N|SHARE",
        help="drop terms in fewer documents (a whole number) or a smaller share of them (default 5)",
    )
    p.add_argument(
        "--max-df",
        type=doc_freq,
        default=0.5,
        metavar="N|SHARE",
        help="drop terms in more documents, or a larger share of them (default 0.5)",
    )
    p.add_argument(
        "--jobs", type=int_at_least(1), metavar="N", help="worker processes (default: TEXTLAB_JOBS, else every core)"
    )
    p.add_argument("--k", type=int_at_least(2), metavar="K", help="fit LDA with K topics on the counts")
    p.add_argument("--seed", type=int_at_least(0), default=0, help="seed of the topic model (default 0)")
    p.add_argument("--metadata", type=Path, metavar="CSV", help="with --by: one row per file (column file) of SOURCE")
    p.add_argument("--by", metavar="COLUMN", help="with --k and --metadata: print each group's topic shares")

    p = add(
        "figures",
        "regenerate every figure into figures/ (or --out)",
        "Regenerate every figure of textlab.study.figures.FIGURES, the offline topic browser and the provenance "
        "manifest (figures/manifest.json) from the bundled corpus, or from your corpus (--folder, --metadata, "
        "--by) into --out, and print the files written.",
        cmd_figures,
        progress=True,
    )
    add_corpus_options(p)
    p.add_argument(
        "--out", type=Path, metavar="DIR", help="output folder (default: figures/; required with your corpus)"
    )
    add_text_options(p)

    p = add(
        "notebooks",
        "execute the notebooks top to bottom, in order (in place, or on your corpus into --out)",
        "Execute notebooks top to bottom, in order, and print the notebooks run; a failing cell stops the run "
        "and is named. Without options they run in place on the bundled corpus. With --folder/--metadata "
        "(and --by, --k) each notebook's parameters cell is set as papermill sets it, and the executed "
        "notebooks and their figures go into --out.",
        cmd_notebooks,
        progress=True,
    )
    p.add_argument(
        "paths", nargs="*", type=Path, metavar="NOTEBOOK", help="notebooks (default: notebooks/*.ipynb, sorted)"
    )
    add_corpus_options(p)
    p.add_argument("--k", type=int_at_least(2), metavar="K", help="number of topics (default: the sweep's suggestion)")
    p.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="folder for the executed notebooks and figures/ (required with --folder/--metadata/--by/--k)",
    )
    p.add_argument(
        "--timeout", type=int_at_least(1), default=1200, metavar="SECONDS", help="seconds per cell (default 1200)"
    )
    add_text_options(p)

    p = add(
        "attribute",
        "attribute texts of unknown authorship to the nearest candidate, with a margin and a confidence",
        "Attribute each text of unknown authorship (the rows whose --by value is --unknown) to the nearest of the "
        "--candidates (values of --by: their rows are the training texts) by Burrows' or Cosine Delta "
        "(textlab.stylometry.attribute): the distance to each candidate, the margin between the nearest two, "
        "a bootstrap confidence (texts marked uncertain when it is low) and how typical the text is of the "
        "candidate. Short texts are never dropped in silence: they are named.",
        cmd_attribute,
    )
    add_corpus_options(p, by_help="column whose values name the candidates and the unknown texts (default author)")
    a, n = p.add_argument, int_at_least(1)
    a("--candidates", nargs="+", required=True, metavar="VALUE", help="two or more values of --by to choose between")
    a("--unknown", required=True, metavar="VALUE", help="the value of --by that marks the texts to attribute")
    a("--features", choices=FEATURES, default="mfw", help="most frequent words (default), function words, char n-grams")
    a("--n-features", type=n, default=200, metavar="N", help="number of features (default 200)")
    a("--chunk", type=n, metavar="N", help="chunks of N words, a short tail joined to the last (default whole texts)")
    a("--min-words", type=n, metavar="N", help="shortest text used, others named (default: half of --chunk, or 100)")
    a("--metric", choices=["cosine", "burrows"], default="cosine", help="Cosine or Burrows' Delta (default cosine)")
    a("--n-boot", type=n, default=500, metavar="N", help="bootstrap resamples (default 500)")
    a(
        "--min-confidence",
        type=share_arg,
        default=0.9,
        metavar="P",
        help="uncertain under this confidence (default 0.9)",
    )
    a("--seed", type=int_at_least(0), default=0, help="bootstrap seed (default 0)")
    a("--kind", nargs="+", choices=KINDS, default=["primary"], metavar="KIND", help="kinds of rows (default primary)")
    a("--quotations", choices=["drop", "rows", "keep"], default="drop", help="quoted words, as in vocab (default drop)")
    a("--exclude", nargs="+", default=[], metavar="WORD", help="words never used as features (e.g. names)")
    a("--csv", type=Path, metavar="FILE", help="also write the table (with titles and notes) to this CSV")
    return parser
