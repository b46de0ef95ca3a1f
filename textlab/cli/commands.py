"""What each subcommand does: ``cmd_<name>(args) -> exit status``, called by :func:`textlab.cli.main`."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pandas as pd

from textlab import topics
from textlab.cli.options import check_by, corpus_of, text_options, user_table
from textlab.core import paths
from textlab.core.io import InputError, atomic_write_csv
from textlab.corpus.build import build_bundled
from textlab.corpus.groups import label_groups
from textlab.features.dtm import DTMVectorizer
from textlab.features.rows import comparison_rows, corpus_quoted_share, corpus_spans
from textlab.features.tokenize import Tokenizer
from textlab.scale.engines import build_counts
from textlab.scale.local import counts_metadata
from textlab.study.figures import FIGURES, PAGES, write_figures
from textlab.study.report import accounting_table, lexicon_table, readme_tables, update_readme, words_by
from textlab.study.run import iter_notebooks, notebook_paths, prepare_topic_models, topic_notebook
from textlab.stylometry.attribute import OptionError, attribute, summary
from textlab.topics.backends import DEFAULT_BACKEND
from textlab.topics.coherence import streamed_coherence
from textlab.topics.model import fit_topics
from textlab.topics.prevalence import prevalence
from textlab.vocab.compare import distinctive_terms
from textlab.voices.quotations import quoted_share

log = logging.getLogger(__name__)


QUOTED_SHARE_MAX_WORDS = 20_000_000


_BUILT = "docs.csv, line_report.csv, lexicon_report.csv, build.json"


def _groups_title(args: argparse.Namespace) -> str | None:
    """What the report's "quoted share by comparison group" table is grouped by; None: no such table (a user's
    corpus grouped by author, the default, whose table "by author" the report prints anyway)."""
    if args.by is not None:
        return f"--by {args.by}"
    return "data/groups.csv" if args.folder is None and args.metadata is None else None


def cmd_build(args: argparse.Namespace) -> int:

    check_by(args.by)
    if args.folder is None and args.metadata is None:
        if args.jobs is not None:
            raise InputError("--jobs is for a --folder corpus (the bundled one is built in one process)")
        corpus = build_bundled(args.out)
        print(corpus)
        print(f"wrote {args.out if args.out is not None else paths.PROCESSED}: {_BUILT}")
        return _print_report(corpus if args.by is None else corpus.grouped(args.by), groups=_groups_title(args))
    grouping = {} if args.by is None else {"group_by": args.by}
    table = user_table(args.folder, args.metadata, args.out, n_jobs=args.jobs, progress=not args.quiet, **grouping)
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


def cmd_report(args: argparse.Namespace) -> int:
    user = args.folder is not None or args.metadata is not None
    if args.update_readme and (user or args.by is not None):
        raise InputError(
            "--update-readme refreshes README.md from the bundled corpus and its groups; "
            "leave out --folder/--metadata/--by"
        )
    corpus = corpus_of(args)
    if args.update_readme:
        changed = update_readme(paths.ROOT / "README.md", corpus, registry=FIGURES, pages=PAGES)
        print("README.md tables " + ("updated" if changed else "already current"))
        return 0
    if not args.markdown:
        print(corpus)
    return _print_report(corpus, markdown=args.markdown, groups=_groups_title(args))


# --------------------------------------------------------------------------- vocabulary


def cmd_vocab(args: argparse.Namespace) -> int:

    corpus = corpus_of(
        args
    )  # grouped by --by: by default author for a --folder corpus, data/groups.csv for the bundled
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


def cmd_attribute(args: argparse.Namespace) -> int:
    args.by = args.by or "author"  # the candidates are values of this column
    corpus = corpus_of(args)
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


def cmd_topics(args: argparse.Namespace) -> int:

    for opt, values in (("--ks", args.ks), ("--seeds", args.seeds)):
        dup = sorted({v for v in values if values.count(v) > 1})
        if dup:
            raise InputError(f"{opt}: {dup} given more than once")
    corpus = corpus_of(args)
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
        cols = ["k", "npmi", "umass", "perplexity", "stability", "stable_share", "auc_topics", "below_tfidf"]
        print(sw.by_k[cols].to_string(index=False))
        if sw.auc_tfidf is not None and sw.pairs is not None:
            print(
                f"auc_topics: how well the cosine of topic vectors tells pairs of chunks of one work from pairs of two "
                f"works ({sw.pairs.basis.replace('_', ' ')}); TF-IDF vectors: {sw.auc_tfidf:.3f} (below_tfidf: worse)"
            )
        elif sw.pairs is not None:
            print(f"auc_topics: not computed, {sw.pairs.reason}")
        print(f"\nsuggested K: {k} (perplexity within 1% of the best, then the most stable)")
        if args.backend == DEFAULT_BACKEND and not args.no_topics:
            t = topics.corpus_topics(corpus, k=k, quotations=args.quotations)
            print(f"\nTopics of the corpus model (K = {k}, seed 0; † does not come back in half of 4 refits):")
            print(t[["topic", "label", "relevance", "npmi", "recurrence", "prevalence"]].to_string(index=False))
    return 0


def cmd_counts(args: argparse.Namespace) -> int:

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


def cmd_figures(args: argparse.Namespace) -> int:
    given = args.folder is not None or args.metadata is not None or args.by is not None or text_options(args)
    if given and args.out is None:
        raise InputError(
            "--out is required with --folder/--metadata/--by/--language/--stopwords/--no-lemmas "
            "(figures/ holds the bundled corpus's)"
        )
    paths_written = write_figures(corpus_of(args), args.out)
    for p in paths_written:
        print(p)
    return 0


def cmd_notebooks(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.is_file()]
    if missing:
        raise InputError(f"{missing[0]}: notebook not found")
    check_by(args.by)
    params = {"corpus_folder": args.folder, "metadata": args.metadata, "group_by": args.by, "k": args.k}
    params.update(text_options(args))
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
    nbs = args.paths or notebook_paths()
    if any(topic_notebook(nb) for nb in nbs):
        prepare_topic_models(
            params or None, progress=not getattr(args, "quiet", False)
        )  # the shared models first, then side by side
    for p in iter_notebooks(nbs, timeout=args.timeout, out_dir=args.out, parameters=params or None):
        print(p, flush=True)  # each printed when done (progress without -v)
    return 0
