"""Command line: ``textlab build | vocab | report | topics | figures | notebooks``.

The subcommands follow the data: ``build`` the corpus table (the bundled
corpus, or a folder of ``.txt`` files and a metadata CSV), compare its
vocabulary by a column (``vocab``), print its ``report`` (lexicon coverage,
line accounting, quoted share), fit and sweep ``topics``, rebuild the
``figures``, run the ``notebooks``. Each subcommand explains itself with ``--help``.
Those that analyse a corpus take the same options: ``--folder`` and
``--metadata`` (a user's corpus; default the bundled one) and ``--by`` (the
column, or columns joined with ``+``, that names the groups compared; default
``author`` for a user's corpus, ``data/groups.csv`` for the bundled one).
Progress bars show on long work (``-q`` hides them); only warnings are logged
unless ``-v``; errors name the file, line, column or option at fault and exit
with status 2.

Examples
--------
>>> args = build_parser().parse_args(["vocab", "--by", "author", "--top", "5"])
>>> args.by, args.top, args.kind
('author', 5, ['primary'])
>>> build_parser().parse_args(["topics", "--folder", "texts", "--metadata", "texts/meta.csv", "--by", "year"]).by
'year'
"""

from __future__ import annotations

import argparse
import inspect
import logging
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from textlab import topics
from textlab.core import paths
from textlab.core.io import InputError, atomic_write_csv
from textlab.corpus.build import build_bundled, load_corpus
from textlab.corpus.groups import group_columns, label_groups
from textlab.corpus.streamed import build_corpus_table
from textlab.corpus.table import COLUMNS, LANGUAGES
from textlab.features.dtm import DTMVectorizer
from textlab.features.rows import comparison_rows, corpus_quoted_share, corpus_spans
from textlab.features.tokenize import Tokenizer
from textlab.scale.engines import build_counts
from textlab.scale.local import counts_metadata
from textlab.study.figures import FIGURES, PAGES, write_figures
from textlab.study.report import accounting_table, lexicon_table, readme_tables, update_readme, words_by
from textlab.study.run import notebook_paths, run_notebooks
from textlab.stylometry.attribute import FEATURES, OptionError, attribute, summary
from textlab.text.segment import KINDS
from textlab.topics.coherence import streamed_coherence
from textlab.topics.corpus import DEFAULT_KS, DEFAULT_SEEDS
from textlab.topics.model import fit_topics
from textlab.topics.prevalence import prevalence
from textlab.vocab.compare import distinctive_terms
from textlab.voices.quotations import quoted_share

log = logging.getLogger("textlab")

_DESCRIPTION = (
    "Text analysis of political writing, from the shell. The subcommands follow the data: build the corpus "
    "table (the bundled corpus, or a folder of .txt files and a metadata CSV), compare its vocabulary by a column, "
    "print its report (lexicon coverage, line accounting, quoted share), fit and sweep topic models, count "
    "a corpus larger than memory (streamed, or on Spark), rebuild the figures, run the notebooks. Every "
    "subcommand that analyses a corpus takes --folder/--metadata (your corpus) and --by (the column that names "
    "the groups compared; author by default). Progress bars show on long work (-q hides them); only warnings are "
    "logged unless -v."
)

_EPILOG = """\
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

_META_HELP = (
    "metadata CSV, one row per file: file,author,title,date[,id,kind,work,book] "
    "(date as YYYY, YYYY-MM or YYYY-MM-DD; kind defaults to primary)"
)


# --------------------------------------------------------------------------- argument types


def _int_at_least(lo: int):
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


def _share(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number: {value!r}") from None
    if not 0 <= x <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {x}")
    return x


# --------------------------------------------------------------------------- the corpus of a subcommand


_BY_HELP = (
    "column of the corpus table whose values are the groups compared: author, year, work, title, source, ..., "
    "or several joined with + (author+year: one group per author and year); default: author for your corpus, "
    "the comparison groups of data/groups.csv for the bundled one"
)


def _add_corpus_options(p: argparse.ArgumentParser, *, by_help: str = _BY_HELP) -> None:
    """``--folder``, ``--metadata`` and ``--by`` (``--group-by``, hidden, is the same option): the corpus analysed."""
    g = p.add_argument_group("corpus (default: the bundled corpus, built on first use and cached)")
    g.add_argument(
        "--folder", type=Path, metavar="DIR", help="folder of UTF-8 .txt files of your own corpus (needs --metadata)"
    )
    g.add_argument("--metadata", type=Path, metavar="CSV", help=_META_HELP + "; needs --folder")
    g.add_argument("--by", metavar="COLUMN", help=by_help)
    g.add_argument("--group-by", dest="by", metavar="COLUMN", help=argparse.SUPPRESS)  # its earlier name


def _check_by(by: str | None) -> None:
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


def _add_text_options(p: argparse.ArgumentParser) -> None:
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


def _text_options(args: argparse.Namespace) -> dict:
    """The text options given on the command line (:meth:`textlab.corpus.table.Corpus.with_text_options`)."""
    given = {"language": getattr(args, "language", None), "stopwords": getattr(args, "stopwords", None)}
    if getattr(args, "no_lemmas", False):
        given["lemmas"] = False
    return {k: v for k, v in given.items() if v is not None}


#: Words of a --folder corpus up to which ``textlab build`` loads its texts for the quoted share (which needs
#: every text in memory: inline quotations and passages reused across documents); beyond, it is left out.
QUOTED_SHARE_MAX_WORDS = 20_000_000


def _user_table(folder: Path | None, metadata: Path | None, out: Path | None = None, **options):
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


def _user_corpus(folder: Path | None, metadata: Path | None, by: str | None = None):
    """The corpus of ``--folder``/``--metadata``, in memory, grouped by ``--by`` (default: the table's, author)."""
    table = _user_table(folder, metadata, progress=False)
    return table.load() if by is None else table.load(group_by=by)


def _corpus(args: argparse.Namespace):
    """The corpus of a subcommand: the bundled one (its groups table unless ``--by``), or ``--folder``'s by ``--by``."""
    by = getattr(args, "by", None)
    _check_by(by)
    if args.folder is None and args.metadata is None:
        corpus = load_corpus()
        corpus = corpus if by is None else corpus.grouped(by)
        return corpus.with_text_options(**_text_options(args))
    return _user_corpus(args.folder, args.metadata, by).with_text_options(**_text_options(args))


# --------------------------------------------------------------------------- build and report


_BUILT = "docs.csv, line_report.csv, lexicon_report.csv, build.json"


def _groups_title(args: argparse.Namespace) -> str | None:
    """What the report's "quoted share by comparison group" table is grouped by; None: no such table (a user's
    corpus grouped by author, the default, whose table "by author" the report prints anyway)."""
    if args.by is not None:
        return f"--by {args.by}"
    return "data/groups.csv" if args.folder is None and args.metadata is None else None


def _cmd_build(args: argparse.Namespace) -> int:

    _check_by(args.by)
    if args.folder is None and args.metadata is None:
        if args.jobs is not None:
            raise InputError("--jobs is for a --folder corpus (the bundled one is built in one process)")
        corpus = build_bundled(args.out)
        print(corpus)
        print(f"wrote {args.out if args.out is not None else paths.PROCESSED}: {_BUILT}")
        return _print_report(corpus if args.by is None else corpus.grouped(args.by), groups=_groups_title(args))
    grouping = {} if args.by is None else {"group_by": args.by}
    table = _user_table(args.folder, args.metadata, args.out, n_jobs=args.jobs, progress=not args.quiet, **grouping)
    print(table)
    print(f"{'found' if table.cached else 'wrote'} {table.out_dir}: {_BUILT}")
    with_text = table.info["n_words"] <= QUOTED_SHARE_MAX_WORDS
    if not with_text:
        print(
            f"(quoted share left out: it needs every text in memory, and this corpus has more than "
            f"{QUOTED_SHARE_MAX_WORDS:,} words)"
        )
    return _print_report(table.load(text=with_text), groups=_groups_title(args))


def _quoted_share_by_author(corpus):
    """:func:`textlab.voices.quotations.quoted_share` of each author's primary and quotation rows."""

    rows = corpus.docs[corpus.docs["kind"].isin(["primary", "quotation"])]
    if rows.empty:
        return None
    return quoted_share(rows, corpus_spans(corpus), by="author")


def _share_table(t):
    t = t.set_index(t.columns[0])
    t["quoted_share"] = (100 * t["quoted_share"]).round(2)
    return t.rename(columns={"quoted_share": "quoted_%"})


def _print_report(corpus, markdown: bool = False, groups: str | None = "data/groups.csv") -> int:
    """Print the report of ``corpus``; ``groups`` names its grouping, for the quoted share by group (None: none)."""
    if markdown:
        print("\n\n".join(readme_tables(corpus, registry=FIGURES, pages=PAGES).values()))
        return 0
    docs = corpus.docs
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print("\nLexicon coverage (% of word tokens with 3+ letters known to the English lexicon):")
        print(lexicon_table(corpus).to_string())
        print("\nLine accounting (raw lines kept in rows or dropped by reason):")
        print(accounting_table(corpus).astype(int).to_string())
        print("\nWords by author and kind:")
        print(words_by(docs, "author", columns="kind").to_string())
        print("\nRows and words by author and year:")
        print(docs.groupby(["author", "year"]).agg(rows=("doc_id", "size"), words=("n_words", "sum")).to_string())
        by_author = _quoted_share_by_author(corpus) if "text" in docs.columns else None
        if by_author is not None:
            print(
                "\nQuoted share by author (words of its primary and quotation rows that are others': quotation rows,\n"
                "inline quotations of 15+ words, passages reused from older texts of other authors):"
            )
            print(_share_table(by_author).to_string())
        if groups is not None and "text" in docs.columns:
            print(f"\nQuoted share by comparison group ({groups}):")
            print(_share_table(corpus_quoted_share(corpus)).to_string())
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    user = args.folder is not None or args.metadata is not None
    if args.update_readme and (user or args.by is not None):
        raise InputError(
            "--update-readme refreshes README.md from the bundled corpus and its groups; "
            "leave out --folder/--metadata/--by"
        )
    corpus = _corpus(args)
    if args.update_readme:
        changed = update_readme(paths.ROOT / "README.md", corpus, registry=FIGURES, pages=PAGES)
        print("README.md tables " + ("updated" if changed else "already current"))
        return 0
    if not args.markdown:
        print(corpus)
    return _print_report(corpus, markdown=args.markdown, groups=_groups_title(args))


# --------------------------------------------------------------------------- vocabulary


def _cmd_vocab(args: argparse.Namespace) -> int:

    corpus = _corpus(args)  # grouped by --by: by default author for a --folder corpus, data/groups.csv for the bundled
    docs = corpus.docs
    args.by = args.by if args.by is not None else ("group" if corpus.groups is None else str(corpus.groups))
    labels = label_groups(docs, corpus.groups).fillna("").astype(str)
    values = sorted({v for v in labels if v.strip()})
    key = "_by_value"  # the groups table keys on a column of its own, whatever --by is called
    table = pd.DataFrame({key: values, "group": values})
    spans = None
    if args.quotations == "drop":
        spans = corpus_spans(corpus)
    rows = comparison_rows(
        docs.assign(**{key: labels}),
        kinds=args.kind,
        groups=table,
        quotations=args.quotations,
        spans=spans,
    )
    present = sorted(set(rows["group"].astype(str)))
    if len(present) < 2:
        raise InputError(
            f"--by {args.by}: the rows of kind {', '.join(args.kind)} (--kind) hold {len(present)} value(s) "
            f"{present}; a comparison needs at least two groups"
        )
    if args.reference is not None and args.reference not in present:
        raise InputError(
            f"--reference {args.reference!r}: not a value of {args.by} in the compared rows; "
            f"values: {', '.join(present)}"
        )
    m = DTMVectorizer(tokenizer=Tokenizer.from_options(corpus.text_options)).fit_transform(rows)
    groups = m.docs["group"].astype(str).to_numpy()
    against = f"against {args.reference}" if args.reference is not None else "against all other groups"
    print(
        f"Distinctive terms by {args.by}: {len(rows)} rows of kind {', '.join(sorted(set(rows['kind'])))} "
        f"(quotations: {args.quotations}), {len(m.vocab):,} terms."
    )
    print(
        f"Each group {against}: terms it over-uses (signed G2 > 0, p < {args.max_p:g}), seen {args.min_count}+ times, "
        f"in {args.min_doc_share:.0%}+ of its rows; ranked by G2."
    )
    print(
        f"log2_ratio: 1 = twice as frequent; lo..hi: its 95% interval over {args.n_boot} document resamples "
        f"(* = excludes 0); rows: the group's rows that use the term."
    )
    out = []
    targets = [g for g in present if g != args.reference]
    for i, g in enumerate(targets, 1):
        log.info("[%d/%d] %s = %s", i, len(targets), args.by, g)
        in_g = groups == g
        n_rows = int(in_g.sum())
        t = distinctive_terms(
            m.X,
            m.vocab,
            groups,
            target=g,
            reference=args.reference,
            n=args.top,
            min_count=args.min_count,
            min_doc_share=args.min_doc_share,
            max_p=args.max_p,
            n_boot=args.n_boot,
            seed=args.seed,
        )
        words = int(m.docs.loc[in_g, "n_words"].sum()) if "n_words" in m.docs.columns else int(m.X[in_g].sum())
        print(
            f"\n{args.by} = {g}: {n_rows} row{'s' if n_rows != 1 else ''}, {words:,} words, {len(t)} distinctive terms"
        )
        if n_rows < 3:
            print(
                f"  (caution: with {n_rows} row{'s' if n_rows != 1 else ''} the interval cannot show how this "
                f"group's own texts vary)"
            )
        if t.empty:
            print("  (none passes the thresholds; try --min-count, --min-doc-share or --max-p)")
            continue
        show = pd.DataFrame(
            {
                "count": t["a"].astype(int),
                "other": t["b"].astype(int),
                "G2": t["g2"].round(1),
                "log2_ratio": t["log_ratio"].round(2),
                "lo..hi": [
                    f"{lo:.2f}..{hi:.2f}{' *' if r else ''}" for lo, hi, r in zip(t["lo"], t["hi"], t["robust"])
                ],
                "rows": [f"{d}/{n_rows}" for d in t["docs"]],
            },
            index=pd.Index([str(x) for x in t.index], name="term"),
        )
        print(show.to_string())
        out.append(t.reset_index().assign(**{args.by: g}))
    if args.csv is not None:
        table = pd.concat(out, ignore_index=True) if out else pd.DataFrame()
        if not table.empty:
            table = table[[args.by] + [c for c in table.columns if c != args.by]]
        atomic_write_csv(args.csv, table)
        print(f"\nwrote {args.csv}")
    return 0


# --------------------------------------------------------------------------- attribution


def _cmd_attribute(args: argparse.Namespace) -> int:
    args.by = args.by or "author"  # the candidates are values of this column
    corpus = _corpus(args)
    try:
        corpus = corpus.grouped(args.by)
    except ValueError:
        columns = [c for c in corpus.docs.columns if c != "text"]
        raise InputError(f"--by {args.by!r}: not a column of the corpus table; columns: {', '.join(columns)}") from None
    try:
        r = attribute(
            corpus,
            args.candidates,
            args.unknown,
            by=args.by,
            features=args.features,
            n_features=args.n_features,
            chunk=args.chunk,
            min_words=args.min_words,
            metric=args.metric,
            n_boot=args.n_boot,
            min_confidence=args.min_confidence,
            seed=args.seed,
            kinds=args.kind,
            quotations=args.quotations,
            exclude=args.exclude,
        )
    except OptionError as err:
        raise InputError(f"--{err.option.replace('_', '-')}: {err.detail}") from None
    print(summary(r))
    if args.csv is not None:
        atomic_write_csv(args.csv, r)
        print(f"\nwrote {args.csv}")
    return 0


# --------------------------------------------------------------------------- topics, figures, notebooks


def _cmd_topics(args: argparse.Namespace) -> int:

    for opt, values in (("--ks", args.ks), ("--seeds", args.seeds)):
        dup = sorted({v for v in values if values.count(v) > 1})
        if dup:
            raise InputError(f"{opt}: {dup} given more than once")
    corpus = _corpus(args)
    try:
        sw = topics.corpus_sweep(
            corpus,
            ks=args.ks,
            seeds=args.seeds,
            backend=args.backend,
            quotations=args.quotations,
            progress=not args.quiet,
        )
    except ValueError as err:  # a K or seed list the sweep refuses: name the options
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


def _doc_freq(value: str) -> int | float:
    """``--min-df``/``--max-df``: a whole number counts documents, a number with a point is a share (0-1)."""
    if "." not in value and "e" not in value.lower():
        return _int_at_least(1)(value)
    return _share(value)


def _cmd_counts(args: argparse.Namespace) -> int:

    if args.master is not None and args.engine != "spark":
        raise InputError("--master goes with --engine spark")
    if (args.by is None) != (args.metadata is None) or (args.by is not None and args.k is None):
        raise InputError("--by and --metadata go together, with --k: the topic shares of each group of a column")
    info = build_counts(
        args.source,
        args.out,
        chunk_words=args.chunk_words or None,
        min_words=args.min_words,
        min_df=args.min_df,
        max_df=args.max_df,
        n_jobs=args.jobs,
        engine=args.engine,
        master=args.master,
        progress=not args.quiet,
    )
    state = "found up to date, nothing tokenised" if info.cached else f"counted by the {args.engine} engine"
    print(f"{info.n_docs:,} documents x {info.n_terms:,} terms, {info.manifest['n_tokens']:,} tokens in {info.out_dir}")
    print(f"({state})")
    if args.k is None:
        return 0
    meta = None
    if args.by is not None:  # the groups first: a wrong --by or --metadata fails before the fit
        meta = counts_metadata(info.out_dir, args.metadata)
        if args.by not in meta.columns[2:]:
            raise InputError(f"--by {args.by}: not a column of {args.metadata} (columns: {list(meta.columns[2:])})")
    model = fit_topics(
        info.out_dir, args.k, seed=args.seed, engine=args.engine, master=args.master, progress=not args.quiet
    )
    path = model.save(Path(info.out_dir) / f"topics-{model.backend}-k{args.k}-seed{args.seed}.npz")
    npmi = streamed_coherence(model, info.out_dir)
    print(f"\nTopics (K = {args.k}, seed {args.seed}, {model.backend}; saved to {path}):")
    for t, words in enumerate(model.top_words(8)):
        print(f"{t:3d}  NPMI {npmi[t]:6.3f}  {' '.join(words)}")
    if meta is not None:
        prev = prevalence(model.doc_topic, meta[args.by])
        print(f"\nMean topic shares of the documents of each {args.by} (rows sum to 1):")
        with pd.option_context("display.width", 160, "display.float_format", "{:.3f}".format):
            print(prev.to_string())
    return 0


def _cmd_figures(args: argparse.Namespace) -> int:
    given = args.folder is not None or args.metadata is not None or args.by is not None or _text_options(args)
    if given and args.out is None:
        raise InputError(
            "--out is required with --folder/--metadata/--by/--language/--stopwords/--no-lemmas "
            "(figures/ holds the bundled corpus's)"
        )
    paths_written = write_figures(_corpus(args), args.out)
    for p in paths_written:
        print(p)
    return 0


def _cmd_notebooks(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.is_file()]
    if missing:
        raise InputError(f"{missing[0]}: notebook not found")
    _check_by(args.by)
    params = {"corpus_folder": args.folder, "metadata": args.metadata, "group_by": args.by, "k": args.k}
    params.update(_text_options(args))
    params = {k: (str(Path(v).resolve()) if isinstance(v, Path) else v) for k, v in params.items() if v is not None}
    if params:
        if args.out is None:
            raise InputError(
                "--out is required with --folder/--metadata/--by/--k and the token options: the notebooks in "
                "notebooks/ keep the bundled corpus's outputs"
            )
        if ("corpus_folder" in params) != ("metadata" in params):
            raise InputError("--folder and --metadata go together")
        args.out.mkdir(parents=True, exist_ok=True)
        params["output_dir"] = str((args.out / "figures").resolve())
    for nb in args.paths or notebook_paths():  # one at a time: each is printed when done (progress without -v)
        for p in run_notebooks([nb], timeout=args.timeout, out_dir=args.out, parameters=params or None):
            print(p, flush=True)
    return 0


# --------------------------------------------------------------------------- the parser


def _default_of(func, name: str):
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
        prog="textlab", description=textwrap.fill(_DESCRIPTION, 88), epilog=_EPILOG, formatter_class=fmt
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
        _cmd_build,
        progress=True,
    )
    _add_corpus_options(
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
        type=_int_at_least(1),
        metavar="N",
        help="worker processes for a --folder corpus (default: every core); it is streamed from disk, a batch of "
        "files at a time, and found again on disk when its files, metadata and code are unchanged",
    )

    p = add(
        "vocab",
        "compare vocabulary by a column of the corpus table (e.g. author, year, work)",
        "Compare vocabulary by a column of the corpus table: for each value of --by, the words its rows over-use "
        "against all the other rows (or against --reference), by Dunning's log-likelihood G2, kept only when "
        "seen --min-count times and in --min-doc-share of the group's rows, each with a document-bootstrap "
        "interval of its log ratio (textlab.vocab.distinctive_terms). Rows are those of --kind (default: "
        "primary, the authors' own words); --quotations says what happens to quoted words.",
        _cmd_vocab,
        progress=True,
    )
    _add_corpus_options(p)
    _add_text_options(p)
    p.add_argument("--top", type=_int_at_least(1), default=15, metavar="N", help="terms per group (default 15)")
    p.add_argument(
        "--kind",
        nargs="+",
        choices=KINDS,
        default=["primary"],
        metavar="KIND",
        help=f"kinds of rows to compare (default primary); any of: {', '.join(KINDS)}",
    )
    q = _default_of(comparison_rows, "quotations")
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
        "--min-count", type=_int_at_least(1), default=5, metavar="N", help="least count of a term (default 5)"
    )
    p.add_argument(
        "--min-doc-share",
        type=_share,
        default=0.2,
        metavar="SHARE",
        help="least share of the group's rows that use a term, 0-1 (default 0.2)",
    )
    p.add_argument("--max-p", type=_share, default=0.001, metavar="P", help="largest p-value of G2 (default 0.001)")
    p.add_argument(
        "--n-boot", type=_int_at_least(1), default=500, metavar="N", help="bootstrap resamples (default 500)"
    )
    p.add_argument("--seed", type=_int_at_least(0), default=0, help="bootstrap seed (default 0)")
    p.add_argument("--csv", type=Path, metavar="FILE", help="also write every group's terms and statistics to this CSV")

    p = add(
        "report",
        "print the corpus report: lexicon coverage, line accounting, words, quoted share",
        "Print the corpus report: share of word tokens the English lexicon knows before and after cleaning, "
        "raw lines kept or dropped by reason, words by author, kind and year, and the quoted share of each "
        "author (and of each comparison group: for the bundled corpus those of data/groups.csv, for any corpus "
        "those of --by).",
        _cmd_report,
    )
    _add_corpus_options(
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
        _cmd_topics,
    )
    _add_corpus_options(p)
    p.add_argument(
        "--ks",
        type=_int_at_least(2),
        nargs="+",
        default=list(DEFAULT_KS),
        metavar="K",
        help=f"numbers of topics to fit, each at least 2 (default {' '.join(map(str, DEFAULT_KS))})",
    )
    p.add_argument(
        "--seeds",
        type=_int_at_least(0),
        nargs="+",
        default=list(DEFAULT_SEEDS),
        metavar="SEED",
        help=f"seeds per K, 2 or more for stability (default {' '.join(map(str, DEFAULT_SEEDS))})",
    )
    p.add_argument(
        "--backend", choices=["gensim", "sklearn", "tomotopy"], default="gensim", help="LDA library (default gensim)"
    )
    q = _default_of(topics.corpus_sweep, "quotations")
    p.add_argument(
        "--quotations",
        choices=["drop", "rows", "keep"],
        default=q,
        help="drop: block quotations out and quoted spans cut out of the rows; rows: block quotations out; "
        f"keep: all in (default {q}, as textlab.topics.corpus.corpus_sweep and the corpus model)",
    )
    p.add_argument("--no-topics", action="store_true", help="print the sweep only, not the chosen model's topics")
    _add_text_options(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    p = add(
        "counts",
        "stream a folder or CSV of texts into counts on disk (every core, or Spark); optionally fit topics",
        "For corpora larger than memory (textlab.scale.build_counts): stream the texts of SOURCE (a folder of "
        ".txt files, or a CSV with doc_id and text columns), cut them into chunks of --chunk-words, tokenise "
        "them on --jobs processes (or on Spark with --engine spark) and count them once into OUT (a sparse "
        "matrix, the vocabulary, the tokens and a manifest); a second run with the same inputs tokenises "
        "nothing. With --k, fit LDA on the streamed counts, save the model into OUT and print its topics.",
        _cmd_counts,
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
        type=_int_at_least(0),
        default=500,
        metavar="N",
        help="words per chunk, as the topic models cut them (default 500; 0: whole documents)",
    )
    p.add_argument(
        "--min-words", type=_int_at_least(1), default=100, metavar="N", help="shortest chunk kept (default 100)"
    )
    p.add_argument(
        "--min-df",
        type=_doc_freq,
        default=5,
        metavar="N|SHARE",
        help="drop terms in fewer documents (a whole number) or a smaller share of them (default 5)",
    )
    p.add_argument(
        "--max-df",
        type=_doc_freq,
        default=0.5,
        metavar="N|SHARE",
        help="drop terms in more documents, or a larger share of them (default 0.5)",
    )
    p.add_argument("--jobs", type=_int_at_least(1), default=2, metavar="N", help="worker processes (default 2)")
    p.add_argument("--k", type=_int_at_least(2), metavar="K", help="fit LDA with K topics on the counts")
    p.add_argument("--seed", type=_int_at_least(0), default=0, help="seed of the topic model (default 0)")
    p.add_argument("--metadata", type=Path, metavar="CSV", help="with --by: one row per file (column file) of SOURCE")
    p.add_argument("--by", metavar="COLUMN", help="with --k and --metadata: print each group's topic shares")

    p = add(
        "figures",
        "regenerate every figure into figures/ (or --out)",
        "Regenerate every figure of textlab.study.figures.FIGURES, the offline topic browser and the provenance "
        "manifest (figures/manifest.json) from the bundled corpus, or from your corpus (--folder, --metadata, "
        "--by) into --out, and print the files written.",
        _cmd_figures,
        progress=True,
    )
    _add_corpus_options(p)
    p.add_argument(
        "--out", type=Path, metavar="DIR", help="output folder (default: figures/; required with your corpus)"
    )
    _add_text_options(p)

    p = add(
        "notebooks",
        "execute the notebooks top to bottom, in order (in place, or on your corpus into --out)",
        "Execute notebooks top to bottom, in order, and print the notebooks run; a failing cell stops the run "
        "and is named. Without options they run in place on the bundled corpus. With --folder/--metadata "
        "(and --by, --k) each notebook's parameters cell is set as papermill sets it, and the executed "
        "notebooks and their figures go into --out.",
        _cmd_notebooks,
        progress=True,
    )
    p.add_argument(
        "paths", nargs="*", type=Path, metavar="NOTEBOOK", help="notebooks (default: notebooks/*.ipynb, sorted)"
    )
    _add_corpus_options(p)
    p.add_argument("--k", type=_int_at_least(2), metavar="K", help="number of topics (default: the sweep's suggestion)")
    p.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="folder for the executed notebooks and figures/ (required with --folder/--metadata/--by/--k)",
    )
    p.add_argument(
        "--timeout", type=_int_at_least(1), default=1200, metavar="SECONDS", help="seconds per cell (default 1200)"
    )
    _add_text_options(p)

    p = add(
        "attribute",
        "attribute texts of unknown authorship to the nearest candidate, with a margin and a confidence",
        "Attribute each text of unknown authorship (the rows whose --by value is --unknown) to the nearest of the "
        "--candidates (values of --by: their rows are the training texts) by Burrows' or Cosine Delta "
        "(textlab.stylometry.attribute): the distance to each candidate, the margin between the nearest two, "
        "a bootstrap confidence (texts marked uncertain when it is low) and how typical the text is of the "
        "candidate. Short texts are never dropped in silence: they are named.",
        _cmd_attribute,
    )
    _add_corpus_options(p, by_help="column whose values name the candidates and the unknown texts (default author)")
    a, n = p.add_argument, _int_at_least(1)
    a("--candidates", nargs="+", required=True, metavar="VALUE", help="two or more values of --by to choose between")
    a("--unknown", required=True, metavar="VALUE", help="the value of --by that marks the texts to attribute")
    a("--features", choices=FEATURES, default="mfw", help="most frequent words (default), function words, char n-grams")
    a("--n-features", type=n, default=200, metavar="N", help="number of features (default 200)")
    a("--chunk", type=n, metavar="N", help="chunks of N words, a short tail joined to the last (default whole texts)")
    a("--min-words", type=n, metavar="N", help="shortest text used, others named (default: half of --chunk, or 100)")
    a("--metric", choices=["cosine", "burrows"], default="cosine", help="Cosine or Burrows' Delta (default cosine)")
    a("--n-boot", type=n, default=500, metavar="N", help="bootstrap resamples (default 500)")
    a("--min-confidence", type=_share, default=0.9, metavar="P", help="uncertain under this confidence (default 0.9)")
    a("--seed", type=_int_at_least(0), default=0, help="bootstrap seed (default 0)")
    a("--kind", nargs="+", choices=KINDS, default=["primary"], metavar="KIND", help="kinds of rows (default primary)")
    a("--quotations", choices=["drop", "rows", "keep"], default="drop", help="quoted words, as in vocab (default drop)")
    a("--exclude", nargs="+", default=[], metavar="WORD", help="words never used as features (e.g. names)")
    a("--csv", type=Path, metavar="FILE", help="also write the table (with titles and notes) to this CSV")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``textlab`` with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    ``--help`` and argument errors exit through :class:`SystemExit` (0 and 2),
    as argparse does; an :class:`~textlab.core.io.InputError` or an unreadable file
    prints ``textlab: error: ...`` on stderr and returns 2.

    Examples
    --------
    >>> import contextlib, sys
    >>> with contextlib.redirect_stderr(sys.stdout):   # show the error message here
    ...     main(["report", "--folder", "texts"])
    textlab: error: --folder needs --metadata (the CSV that lists and describes its files)
    2
    >>> with contextlib.redirect_stderr(sys.stdout):
    ...     main(["report", "--folder", "texts", "--metadata", "no/such.csv"])
    textlab: error: no/such.csv: metadata file not found (--metadata)
    2
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    # quiet by default: warnings and errors only; -v adds textlab's INFO lines (progress details), not those of
    # the libraries it calls; progress bars are not log lines (-q hides them where the subcommand has it)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    level = log.level
    log.setLevel(logging.INFO if args.verbose else logging.WARNING)
    try:
        return int(args.func(args))
    except InputError as err:
        print(f"textlab: error: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # a file that cannot be read or written: name it
        name = err.filename if err.filename is not None else ""
        print(f"textlab: error: {name}{': ' if name else ''}{err.strerror or err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        print("textlab: interrupted", file=sys.stderr)
        return 130
    finally:
        log.setLevel(level)  # a caller of main() in Python keeps its own logging settings


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
