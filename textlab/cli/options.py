"""The options the subcommands share: argument types, the corpus a subcommand analyses, its text options."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from textlab.core.io import InputError
from textlab.corpus.build import load_corpus
from textlab.corpus.groups import group_columns
from textlab.corpus.streamed import build_corpus_table
from textlab.corpus.table import COLUMNS, LANGUAGES

META_HELP = (
    "metadata CSV, one row per file: file,author,title,date[,id,kind,work,book] "
    "(date as YYYY, YYYY-MM or YYYY-MM-DD; kind defaults to primary)"
)


# --------------------------------------------------------------------------- argument types


def int_at_least(lo: int):
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None
        if n < lo:
            raise argparse.ArgumentTypeError(f"must be at least {lo}, got {n}")
        return n

    parse.__name__ = f"int >= {lo}"
    return parse


def share_arg(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number: {value!r}") from None
    if not 0 <= x <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {x}")
    return x


# --------------------------------------------------------------------------- the corpus of a subcommand


BY_HELP = (
    "column of the corpus table whose values are the groups compared: author, year, work, title, source, ..., "
    "or several joined with + (author+year: one group per author and year); default: author for your corpus, "
    "the comparison groups of data/groups.csv for the bundled one"
)


def add_corpus_options(p: argparse.ArgumentParser, *, by_help: str = BY_HELP) -> None:
    """``--folder``, ``--metadata`` and ``--by`` (``--group-by``, hidden, is the same option): the corpus analysed."""
    g = p.add_argument_group("corpus (default: the bundled corpus, built on first use and cached)")
    g.add_argument(
        "--folder", type=Path, metavar="DIR", help="folder of UTF-8 .txt files of your own corpus (needs --metadata)"
    )
    g.add_argument("--metadata", type=Path, metavar="CSV", help=META_HELP + "; needs --folder")
    g.add_argument("--by", metavar="COLUMN", help=by_help)
    g.add_argument("--group-by", dest="by", metavar="COLUMN", help=argparse.SUPPRESS)  # its earlier name


def check_by(by: str | None) -> None:
    """``--by``: column names of the corpus table (one, or several joined with +), checked before any work."""
    if by is None:
        return
    columns = [c for c in COLUMNS if c != "text"]
    names = group_columns(by)
    missing = [c for c in names or [by] if c not in columns]
    if names is None or not names or missing:
        raise InputError(
            f"--by {by!r}: not a column of the corpus table; available columns: {', '.join(columns)} "
            f"(or several joined with +, e.g. author+year)"
        )


def add_text_options(p: argparse.ArgumentParser) -> None:
    """``--language``, ``--stopwords``, ``--no-lemmas``: how the corpus's texts become tokens (its text options)."""

    def stopwords(value: str) -> str | Path:
        if value in ("default", "none"):
            return value
        if not Path(value).is_file():
            raise argparse.ArgumentTypeError(f"{value!r} is not a file; give default, none or a stopword file")
        return Path(value)

    g = p.add_argument_group("tokens (default: the corpus's own; English, its stopword list, lemmas)")
    names = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
    g.add_argument("--language", choices=list(LANGUAGES), help=f"language of the texts: {names}")
    g.add_argument(
        "--stopwords",
        type=stopwords,
        metavar="default|none|FILE",
        help="default: the language's list (the bundled corpus: with its editions' edits); none: keep every word "
        "(function words too); FILE: one word a line added to the language's list, -word takes one out, "
        "a first line -* starts from an empty list",
    )
    g.add_argument("--no-lemmas", action="store_true", help="count word forms as written, not their lemmas")


def text_options(args: argparse.Namespace) -> dict:
    """The text options given on the command line (:meth:`textlab.corpus.table.Corpus.with_text_options`)."""
    given = {"language": getattr(args, "language", None), "stopwords": getattr(args, "stopwords", None)}
    if getattr(args, "no_lemmas", False):
        given["lemmas"] = False
    return {k: v for k, v in given.items() if v is not None}


#: Words of a --folder corpus up to which ``textlab build`` loads its texts for the quoted share (which needs
#: every text in memory: inline quotations and passages reused across documents); beyond, it is left out.
QUOTED_SHARE_MAX_WORDS = 20_000_000


def user_table(folder: Path | None, metadata: Path | None, out: Path | None = None, **options):
    """The corpus table of ``--folder``/``--metadata``, built streamed and cached (errors naming the option or file)."""

    if metadata is None:
        raise InputError("--folder needs --metadata (the CSV that lists and describes its files)")
    if folder is None:
        raise InputError("--metadata needs --folder (the folder of the .txt files it lists)")
    if not metadata.exists():
        raise InputError(f"{metadata}: metadata file not found (--metadata)")
    if not metadata.is_file():
        raise InputError(f"{metadata}: not a file (--metadata expects a CSV file)")
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder (--folder)")
    try:
        return build_corpus_table(folder, metadata, out, **options)
    except pd.errors.EmptyDataError:
        raise InputError(
            f"{metadata}: the metadata file is empty; it needs a header line file,author,title,date"
        ) from None


def user_corpus(folder: Path | None, metadata: Path | None, by: str | None = None):
    """The corpus of ``--folder``/``--metadata``, in memory, grouped by ``--by`` (default: the table's, author)."""
    table = user_table(folder, metadata, progress=False)
    return table.load() if by is None else table.load(group_by=by)


def corpus_of(args: argparse.Namespace):
    """The corpus of a subcommand: the bundled one (its groups table unless ``--by``), or ``--folder``'s by ``--by``."""
    by = getattr(args, "by", None)
    check_by(by)
    if args.folder is None and args.metadata is None:
        corpus = load_corpus()
        corpus = corpus if by is None else corpus.grouped(by)
        return corpus.with_text_options(**text_options(args))
    return user_corpus(args.folder, args.metadata, by).with_text_options(**text_options(args))


def doc_freq(value: str) -> int | float:
    """``--min-df``/``--max-df``: a whole number counts documents, a number with a point is a share (0-1)."""
    if "." not in value and "e" not in value.lower():
        return int_at_least(1)(value)
    return share_arg(value)
