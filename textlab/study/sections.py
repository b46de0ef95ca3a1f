"""What each section of the notebooks computes from a corpus: a table, or :class:`~textlab.study.narrate.Nothing`.

A section that compares two groups, two periods of one author, or a group's words with and without its
quotations has nothing to show on a corpus of one group, of one period, or without quotations. Each function
here takes the corpus and the section's choice (``None``: the corpus's own, :func:`textlab.study.choices.choices`)
and returns the section's table, or a :class:`~textlab.study.narrate.Nothing` whose reason the notebook shows in
one line. The figures (:mod:`textlab.study.figures`) draw these same tables, and the prose
(:mod:`textlab.study.narrate`) is written from them. Results are kept in memory for the latest calls, keyed on
the corpus's content (:attr:`textlab.corpus.table.Corpus.key`) and the arguments, so a notebook's table, its
prose and its figure compute once.

Examples
--------
>>> from textlab.corpus.examples import example_corpus
>>> corpus = example_corpus()
>>> pair_of(corpus, None), periods_of(corpus, None)  # doctest: +NORMALIZE_WHITESPACE
(('C. Clark', 'A. Adams'), Nothing(reason="no author has groups of their own at two distinct times (the groups are
the corpus's authors); grouping by author and year (--group-by author+year) splits an author's years"))
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from textlab import stylometry, vocab
from textlab import topics as topics_mod
from textlab.corpus.table import Corpus
from textlab.features.dtm import corpus_dtm, corpus_tokens
from textlab.features.rows import corpus_quoted_share, corpus_reuse, corpus_rows
from textlab.features.tokenize import diversity_tokenizer
from textlab.study.choices import choices, group_spans
from textlab.study.groups import comparison_groups
from textlab.study.narrate import Nothing
from textlab.topics.stability import align_topics, similarity_matrix
from textlab.voices.reuse import reuse_summary

log = logging.getLogger(__name__)

__all__ = [
    "view",
    "pair_of",
    "periods_of",
    "quoting_of",
    "why_no_periods",
    "phrases",
    "tokens_example",
    "keyness_tables",
    "distinctive",
    "log_odds_table",
    "log_odds_extremes",
    "vocabulary_shift_tables",
    "diversity_tables",
    "diversity_summary",
    "frequency_tables",
    "quotation_tables",
    "reuse_table",
    "reuse_passages",
    "quoted_share_table",
    "attribution",
    "theme_difference",
    "theme_shift",
    "pair_themes",
    "quotation_themes",
    "profile_distance",
    "backend_agreement",
    "themes_over_time",
]

_MEMO: dict[tuple, Any] = {}

#: Why a corpus without quotations has no quotation section.
#: the backend whose topics the corpus model's are matched against (the default backend's predecessor)
AGREEMENT_OTHER = "gensim"

NO_QUOTATIONS = (
    "no group quotes: the corpus has no quotation rows, no inline quotations and no passages reused from older "
    "texts of other authors"
)


def _key(corpus: Corpus) -> tuple:
    """What a section's result depends on: the corpus's rows and grouping, and its text options where it has any."""
    return (corpus.key, corpus.text_options.key)


def _memo(key: tuple, make: Callable[[], Any]) -> Any:
    if key not in _MEMO:
        while len(_MEMO) >= 24:  # bounded memory: the latest sections
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = make()
    return _MEMO[key]


def view(
    table: pd.DataFrame | Nothing,
    columns: Sequence[str] | None = None,
    *,
    sort: str | Sequence[str] | None = None,
    ascending: bool | Sequence[bool] = True,
    where: str | None = None,
    why: bool = False,
) -> pd.DataFrame | Nothing | None:
    """A section's table as a notebook shows it: rows where the boolean column ``where`` holds, sorted, some
    columns. For a Nothing: None (the section's figure already says why in its one line), or, with ``why``, the
    Nothing itself, for a section without a figure.

    >>> t = pd.DataFrame({"label": ["a", "b"], "difference": [0.2, -0.1], "excludes_zero": [True, False]})
    >>> view(t, ["label"], sort="difference", where="excludes_zero")["label"].tolist()
    ['a']
    >>> view(Nothing("one group"), ["label"]) is None, view(Nothing("one group"), why=True)
    (True, Nothing(reason='one group'))
    """
    if isinstance(table, Nothing):
        return table if why else None
    t = table[table[where].astype(bool)] if where is not None else table
    if sort is not None:
        t = t.sort_values(sort, ascending=ascending, kind="stable")
    return t[list(columns)] if columns is not None else t


# --------------------------------------------------------------------------- the choices, or why there is none


def pair_of(corpus: Corpus, pair: Sequence[str] | None = None) -> tuple[str, str] | Nothing:
    """``pair`` (default: the corpus's choice), or Nothing with one group.

    >>> from textlab.corpus.examples import example_corpus
    >>> pair_of(example_corpus(), ["A. Adams", "B. Brown"])
    ('A. Adams', 'B. Brown')
    """
    chosen = pair if pair is not None else choices(corpus).pair
    if chosen is None:
        return Nothing(f"one group ({comparison_groups(corpus)[0]}): nothing to compare it with")
    a, b = chosen
    return (str(a), str(b))


def why_no_periods(corpus: Corpus) -> str:
    """Why the corpus offers no earlier and later group of one author, in one line.

    >>> from textlab.corpus.examples import example_corpus
    >>> why_no_periods(example_corpus().grouped("author+year"))
    'no author has groups of their own at two distinct times'
    """
    docs = corpus_dtm(corpus).docs
    years = pd.to_numeric(docs["year"], errors="coerce").dropna().astype(int)
    if years.nunique() <= 1:
        return f"every document is of one year ({years.iloc[0] if len(years) else 'none given'}): no change over time"
    per_author = docs.assign(year=pd.to_numeric(docs["year"], errors="coerce")).groupby("author")["year"].nunique()
    if (per_author <= 1).all():
        return "each author's documents are of a single year: no author can be followed over time"
    if getattr(corpus, "groups", None) == "author":
        return (
            "no author has groups of their own at two distinct times (the groups are the corpus's authors); grouping "
            "by author and year (--group-by author+year) splits an author's years"
        )
    return "no author has groups of their own at two distinct times"


def periods_of(corpus: Corpus, periods: Sequence[str] | None = None) -> tuple[str, str] | Nothing:
    """``periods`` (default: the corpus's choice, :func:`textlab.study.choices.period_pair`), or Nothing.

    >>> from textlab.corpus.examples import example_corpus
    >>> periods_of(example_corpus().grouped("author+year"))
    ('C. Clark 1930', 'C. Clark 1931')
    """
    chosen = periods if periods is not None else choices(corpus).periods
    if chosen is None:
        return Nothing(why_no_periods(corpus))
    a, b = chosen
    return (str(a), str(b))


def quoting_of(corpus: Corpus, group: str | None = None) -> str | Nothing:
    """``group`` (default: the group that quotes most), or Nothing where no group quotes.

    >>> from textlab.corpus.examples import example_corpus
    >>> quoting_of(example_corpus())
    'C. Clark'
    """
    chosen = group if group is not None else choices(corpus).quoting
    return Nothing(NO_QUOTATIONS) if chosen is None else str(chosen)


# --------------------------------------------------------------------------- vocabulary (notebook 02)


def keyness_tables(
    corpus: Corpus, *, n_terms: int = 12, min_doc_share: float = 0.2, n_boot: int = 500, seed: int = 0
) -> dict[str, pd.DataFrame] | Nothing:
    """Each of the first six comparison groups against all the others (:func:`textlab.vocab.distinctive_terms`).

    >>> from textlab.corpus.examples import example_corpus
    >>> t = keyness_tables(example_corpus(), n_terms=3, n_boot=50)
    >>> {g: x.index.tolist() for g, x in t.items()}["A. Adams"]
    ['program', 'union', 'congress']
    """
    labels = comparison_groups(corpus)[:6]
    if len(labels) < 2:
        return Nothing(f"one group ({labels[0]}): no other group to set its words against")

    def make() -> dict[str, pd.DataFrame]:
        m = corpus_dtm(corpus)
        g = m.docs["group"].to_numpy()
        return {
            lab: vocab.distinctive_terms(
                m.X, m.vocab, g, target=lab, n=n_terms, min_doc_share=min_doc_share, n_boot=n_boot, seed=seed
            )
            for lab in labels
        }

    return _memo(("keyness", _key(corpus), n_terms, min_doc_share, n_boot, seed), make)


def phrases(corpus: Corpus, n: int = 12) -> pd.Series:
    """The multi-word phrases the tokenizer learned on the corpus's compared rows, most frequent first, with their
    counts in those rows.

    >>> from textlab.corpus.examples import example_corpus
    >>> phrases(example_corpus()).empty  # the example corpus's texts are too short and plain for phrases
    True
    """
    counts = pd.Series([t for toks in corpus_tokens(corpus) for t in toks if "_" in t], dtype=object).value_counts()
    return counts.head(n).rename("count").rename_axis("phrase")


def tokens_example(corpus: Corpus, *, max_words: int = 40) -> tuple[str, list[str]]:
    """A sentence of the corpus (the first of at most ``max_words`` words holding its most frequent phrase, else
    its most frequent term) and its tokens as the corpus's tokenizer reads it.

    >>> from textlab.corpus.examples import example_corpus
    >>> sentence, tokens = tokens_example(example_corpus())
    >>> "party" in tokens
    True
    """
    m = corpus_dtm(corpus)
    tok = m.tokenizer
    top = phrases(corpus, n=1)
    wanted = str(top.index[0]) if len(top) else str(m.vocab[int(np.argmax(np.asarray(m.X.sum(axis=0)).ravel()))])
    for text in corpus_rows(corpus)["text"]:
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(str(text).split())):
            if len(sentence.split()) <= max_words and tok is not None and wanted in tok(sentence):
                return sentence, tok(sentence)
    return "", []


def distinctive(
    corpus: Corpus, group: str, *, n: int = 10, min_doc_share: float = 0.2, n_boot: int = 500, seed: int = 0
) -> pd.DataFrame | Nothing:
    """One group's distinctive words against all the others (:func:`textlab.vocab.distinctive_terms`), or
    Nothing with one group.

    >>> from textlab.corpus.examples import example_corpus
    >>> distinctive(example_corpus(), "A. Adams", n=2, n_boot=50).index.tolist()
    ['program', 'union']
    """
    groups = comparison_groups(corpus)
    if len(groups) < 2:
        return Nothing(f"one group ({groups[0]}): no other group to set its words against")
    m = corpus_dtm(corpus)
    return vocab.distinctive_terms(
        m.X,
        m.vocab,
        m.docs["group"].to_numpy(),
        target=group,
        n=n,
        min_doc_share=min_doc_share,
        n_boot=n_boot,
        seed=seed,
    )


def log_odds_table(
    corpus: Corpus, *, pair: Sequence[str] | None = None, alpha0: float = 1000.0
) -> pd.DataFrame | Nothing:
    """Fightin' Words of a pair (:func:`textlab.vocab.fightin_words`), words both use or either uses, with their
    ``total`` count in the pair; Nothing with one group.

    >>> from textlab.corpus.examples import example_corpus
    >>> log_odds_table(example_corpus(), pair=("B. Brown", "A. Adams")).index[:2].tolist()
    ['cooperative', 'tax']
    """
    chosen = pair_of(corpus, pair)
    if isinstance(chosen, Nothing):
        return chosen
    target, reference = chosen

    def make() -> pd.DataFrame:
        m = corpus_dtm(corpus)
        g = m.docs["group"].to_numpy()
        keep = (g == target) | (g == reference)
        fw = vocab.fightin_words(m.X[keep], m.vocab, g[keep], target=target, reference=reference, alpha0=alpha0)
        total = pd.Series(np.asarray(m.X[keep].sum(axis=0)).ravel(), index=m.vocab).loc[fw.index]
        return fw.assign(total=total)[total > 0]

    return _memo(("log_odds", _key(corpus), chosen, alpha0), make)


def log_odds_extremes(table: pd.DataFrame | Nothing, pair: Sequence[str] | None, n: int = 10) -> pd.DataFrame | Nothing:
    """The ``n`` words most on each side of a pair's Fightin' Words table, side by side.

    >>> t = pd.DataFrame({"z": [3.0, 0.1, -2.0]}, index=pd.Index(["war", "day", "peace"], name="term"))
    >>> log_odds_extremes(t, ("A", "B"), n=1).values.tolist()
    [['war', 3.0, 'peace', -2.0]]
    """
    if isinstance(table, Nothing) or pair is None:
        return table if isinstance(table, Nothing) else Nothing("no pair of groups")
    a, b = pair
    t = table.sort_values("z", ascending=False, kind="stable")[["z"]]
    return pd.concat({a: t.head(n).reset_index(), b: t.tail(n)[::-1].reset_index()}, axis=1)


def vocabulary_shift_tables(
    corpus: Corpus,
    *,
    periods: Sequence[str] | None = None,
    n_terms: int = 15,
    min_doc_share: float = 0.2,
    n_boot: int = 500,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame] | Nothing:
    """Words one author uses less (first table) and more (second) in the later of two periods; Nothing where the
    corpus has no earlier and later group of one author.

    >>> from textlab.corpus.examples import example_corpus
    >>> lose, gain = vocabulary_shift_tables(example_corpus().grouped("author+year"), n_terms=3, n_boot=50)
    >>> len(lose) <= 3 and len(gain) <= 3
    True
    """
    chosen = periods_of(corpus, periods)
    if isinstance(chosen, Nothing):
        return chosen
    early, late = chosen

    def make() -> tuple[pd.DataFrame, pd.DataFrame]:
        m = corpus_dtm(corpus)
        g = m.docs["group"].to_numpy()
        keep = (g == early) | (g == late)
        X, gg = m.X[keep], g[keep]
        gain, lose = (
            vocab.distinctive_terms(
                X, m.vocab, gg, target=a, reference=b, n=n_terms, min_doc_share=min_doc_share, n_boot=n_boot, seed=seed
            )
            for a, b in ((late, early), (early, late))
        )
        return lose, gain

    return _memo(("shift", _key(corpus), chosen, n_terms, min_doc_share, n_boot, seed), make)


def diversity_tables(
    corpus: Corpus, *, chunk: int = 1000, window: int = 500, n_boot: int = 1000, seed: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame] | Nothing:
    """Lexical richness per work (TTR, MTLD, MATTR) and per group on chunks of ``chunk`` tokens
    (:func:`textlab.vocab.diversity_by_group`, indexed by group in the figures' order); Nothing when no work
    has a chunk's worth of tokens.

    >>> from textlab.corpus.examples import example_corpus
    >>> per_work, summary = diversity_tables(example_corpus(), n_boot=50)
    >>> summary.index.tolist(), diversity_tables(example_corpus(), chunk=50_000)
    (['C. Clark', 'A. Adams', 'B. Brown'], Nothing(reason='no work has 50,000 tokens: no chunk to measure'))
    """

    def make() -> tuple[pd.DataFrame, pd.DataFrame] | Nothing:
        rows = corpus_rows(corpus)
        tok = diversity_tokenizer(corpus.text_options)
        toks = [tok(t) for t in rows["text"]]
        work_tokens = rows.assign(_t=pd.Series(toks, index=rows.index)).groupby(["group", "work"], sort=False)["_t"]
        per_work = work_tokens.sum()
        _, summary = vocab.diversity_by_group(
            toks,
            rows["group"].to_numpy(),
            units=rows["work"].to_numpy(),
            chunk=chunk,
            window=window,
            n_boot=n_boot,
            seed=seed,
        )
        if summary.empty:
            return Nothing(f"no work has {chunk:,} tokens: no chunk to measure")
        per_doc = vocab.lexical_diversity(per_work.tolist(), window=window).assign(
            group=per_work.index.get_level_values(0)
        )
        summary = summary.set_index("group")
        return per_doc, summary.loc[[x for x in comparison_groups(corpus) if x in set(summary.index)]]

    return _memo(("diversity", _key(corpus), chunk, window, n_boot, seed), make)


def diversity_summary(
    corpus: Corpus, *, chunk: int = 1000, n_boot: int = 1000, seed: int = 0
) -> pd.DataFrame | Nothing:
    """The per-group part of :func:`diversity_tables`: chunks, works, MTLD and MATTR with their intervals.

    >>> from textlab.corpus.examples import example_corpus
    >>> diversity_summary(example_corpus(), n_boot=50).columns.tolist()[:3]
    ['n_docs', 'n_chunks', 'mtld']
    """
    tables = diversity_tables(corpus, chunk=chunk, n_boot=n_boot, seed=seed)
    if isinstance(tables, Nothing):
        return tables
    return tables[1][["n_docs", "n_chunks", "mtld", "mtld_lo", "mtld_hi", "mattr", "mattr_lo", "mattr_hi"]]


def frequency_tables(
    corpus: Corpus,
    *,
    terms: Sequence[str] | None = None,
    min_words: int = 2000,
    n_boot: int = 1000,
    seed: int = 0,
) -> dict[str, pd.DataFrame] | Nothing:
    """Each term's rate per 10,000 words by author and year (:func:`textlab.vocab.frequency_over_time`);
    ``terms`` default to the corpus's choice, and terms the corpus lacks give way to its most frequent ones.
    Nothing when fewer than two years have ``min_words`` words.

    >>> from textlab.corpus.examples import example_corpus
    >>> t = frequency_tables(example_corpus(), terms=("party",), min_words=1000, n_boot=50)
    >>> t["party"][["author", "year"]].values.tolist()[:2]
    [['A. Adams', 1920], ['A. Adams', 1921]]
    """
    m = corpus_dtm(corpus)
    years = m.docs.assign(year=pd.to_numeric(m.docs["year"], errors="coerce")).groupby(["author", "year"])["n_words"]
    enough = years.sum()
    enough = enough[enough >= min_words]
    if enough.index.get_level_values("year").nunique() < 2:
        all_years = sorted(pd.to_numeric(m.docs["year"], errors="coerce").dropna().astype(int).unique())
        if len(all_years) <= 1:
            return Nothing(f"every document is of one year ({all_years[0] if all_years else 'none given'})")
        return Nothing(f"fewer than two years have {min_words:,} words or more of one author: nothing to follow")
    wanted = tuple(terms) if terms is not None else choices(corpus).terms
    vocab_set = set(m.vocab)
    if not all(t in vocab_set for t in wanted):  # terms the corpus lacks: its most frequent terms instead
        known = [t for t in wanted if t in vocab_set]
        top = [str(m.vocab[i]) for i in np.argsort(-np.asarray(m.X.sum(axis=0)).ravel(), kind="stable")]
        wanted = tuple(known + [t for t in top if t not in known][: len(wanted) - len(known)])
        log.info("terms not in this corpus's vocabulary: following %s", wanted)

    def make() -> dict[str, pd.DataFrame]:
        return {
            term: vocab.frequency_over_time(
                m.X, m.vocab, m.docs, term, lengths=m.docs["n_words"], min_words=min_words, n_boot=n_boot, seed=seed
            )
            for term in wanted
        }

    return _memo(("frequency", _key(corpus), wanted, min_words, n_boot, seed), make)


def quotation_tables(
    corpus: Corpus, *, group: str | None = None, n_terms: int = 15, n_boot: int = 500, seed: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame, int] | Nothing:
    """A group's distinctive words in its own words and with its quotations left in, by work, and its number of
    quotation rows; Nothing where no group quotes.

    >>> from textlab.corpus.examples import example_corpus
    >>> own, printed, n_rows = quotation_tables(example_corpus(), n_terms=3, n_boot=50)
    >>> n_rows
    1
    """
    chosen = quoting_of(corpus, group)
    if isinstance(chosen, Nothing):
        return chosen

    def make() -> tuple[pd.DataFrame, pd.DataFrame, int]:
        tables = []
        n_quotation_rows = 0
        for quoted in ((), (chosen,)):
            # own words: every quotation cut out (the default); as printed: inline and block quotations in
            rows = corpus_dtm(corpus, quotations_of=quoted, quotations="rows" if quoted else "drop")
            m = rows.aggregate(["group", "work"])
            g = m.docs["group"].to_numpy()
            tables.append(vocab.distinctive_terms(m.X, m.vocab, g, target=chosen, n=n_terms, n_boot=n_boot, seed=seed))
            n_quotation_rows = int((rows.docs["kind"] == "quotation").sum())
        return tables[0], tables[1], n_quotation_rows

    return _memo(("quotations", _key(corpus), chosen, n_terms, n_boot, seed), make)


# --------------------------------------------------------------------------- who speaks (notebook 05)


def reuse_table(corpus: Corpus) -> pd.DataFrame | Nothing:
    """Passages shared by two rows, per pair of sources (:func:`textlab.voices.reuse.reuse_summary`); Nothing
    when there are none.

    >>> from textlab.corpus.examples import example_corpus
    >>> reuse_table(example_corpus())["n_passages"].tolist()
    [1, 1]
    """
    shared = corpus_reuse(corpus)
    if shared.empty:
        return Nothing("no passage of 20 words or more is shared by two rows")
    return reuse_summary(shared, corpus.docs)


def reuse_passages(corpus: Corpus, n: int = 8) -> pd.DataFrame | Nothing:
    """The ``n`` longest passages shared by two rows, or Nothing when there are none.

    >>> from textlab.corpus.examples import example_corpus
    >>> reuse_passages(example_corpus())["n_words"].tolist()
    [120, 30]
    """
    shared = corpus_reuse(corpus)
    if shared.empty:
        return Nothing("no passage of 20 words or more is shared by two rows")
    cols = ["doc_id_a", "line_start_a", "doc_id_b", "line_start_b", "n_words", "similarity", "older", "text_a"]
    return shared.sort_values(["n_words", "doc_id_a"], ascending=[False, True]).head(n)[cols]


def quoted_share_table(corpus: Corpus) -> pd.DataFrame | Nothing:
    """Each group's share of others' words (:func:`textlab.features.rows.corpus_quoted_share`); Nothing when no
    group quotes.

    >>> from textlab.corpus.examples import example_corpus
    >>> quoted_share_table(example_corpus())["group"].tolist()
    ['A. Adams', 'B. Brown', 'C. Clark']
    """
    t = corpus_quoted_share(corpus)
    return Nothing(NO_QUOTATIONS) if t.empty or float(t["quoted_share"].max()) <= 0 else t


def _chunk_check(t: pd.DataFrame, *, size: int, need: int) -> Nothing | None:
    authors = t.groupby("label").agg(chunks=("unit", "size"), works=("unit", "nunique"))
    if len(authors) < 2:
        who = f" ({authors.index[0]})" if len(authors) else ""
        return Nothing(f"one author{who} has chunks of {size:,} tokens: no other author to tell apart")
    few = authors[(authors["chunks"] < need) | (authors["works"] < 2)]
    if len(few):
        listed = ", ".join(f"{a}: {r.chunks} chunks from {r.works} works" for a, r in few.iterrows())
        return Nothing(
            f"too few chunks of {size:,} tokens for cross-validation by work ({listed}; each author needs "
            f"{need} chunks from 2 works or more)"
        )
    return None


def attribution(corpus: Corpus, *, size: int = 1000, n_mfw: int = 200, n_splits: int = 5, seed: int = 0) -> Any:
    """Cross-validated attribution of the authors' chunks (:func:`textlab.stylometry.author_attribution`), or
    Nothing with one author or too few chunks for ``n_splits`` folds.

    >>> from textlab.corpus.examples import example_corpus
    >>> attribution(example_corpus())  # doctest: +NORMALIZE_WHITESPACE
    Nothing(reason='too few chunks of 1,000 tokens for cross-validation by work (A. Adams: 4 chunks from 2
    works, B. Brown: 4 chunks from 2 works, C. Clark: 4 chunks from 2 works; each author needs 5 chunks from 2
    works or more)')
    """
    _, t = stylometry.author_chunks(corpus, size=size)
    why = _chunk_check(t, size=size, need=n_splits)
    if why is not None:
        return why
    return _memo(
        ("attribution", _key(corpus), size, n_mfw, n_splits, seed),
        lambda: stylometry.author_attribution(corpus, size=size, n_mfw=n_mfw, n_splits=n_splits, seed=seed),
    )


# --------------------------------------------------------------------------- topics (notebooks 03-05)


def theme_difference(
    corpus: Corpus, groups: tuple[str, str] | Nothing, *, k: int | None = None, n_boot: int = 1000, seed: int = 0
) -> pd.DataFrame | Nothing:
    """Each topic's share in ``groups[0]`` minus ``groups[1]``, with its interval
    (:func:`textlab.topics.corpus_prevalence_difference`); a Nothing passes through.

    >>> theme_difference(None, Nothing("one group"))
    Nothing(reason='one group')
    """
    if isinstance(groups, Nothing):
        return groups
    a, b = groups

    def make() -> pd.DataFrame:
        d = topics_mod.corpus_prevalence_difference(corpus, a, b, k=k, n_boot=n_boot, seed=seed)
        return d.assign(group_a=a, group_b=b)

    return _memo(("difference", _key(corpus), a, b, k, n_boot, seed), make)


def theme_shift(
    corpus: Corpus, *, periods: Sequence[str] | None = None, k: int | None = None, n_boot: int = 1000, seed: int = 0
) -> pd.DataFrame | Nothing:
    """Each topic's share in the later of two periods of one author minus the earlier (:func:`theme_difference`);
    Nothing where the corpus has no such periods.

    >>> from textlab.corpus.examples import example_corpus
    >>> theme_shift(example_corpus())
    Nothing(reason="no author has groups of their own at two distinct times (the groups are the corpus's authors); \
grouping by author and year (--group-by author+year) splits an author's years")
    """
    chosen = periods_of(corpus, periods)
    return (
        chosen if isinstance(chosen, Nothing) else theme_difference(corpus, chosen[::-1], k=k, n_boot=n_boot, seed=seed)
    )


def pair_themes(
    corpus: Corpus, *, pair: Sequence[str] | None = None, k: int | None = None, n_boot: int = 1000, seed: int = 0
) -> pd.DataFrame | Nothing:
    """Each topic's share in the pair's second group minus its first (:func:`theme_difference`); Nothing with one
    group.

    >>> from textlab.corpus.examples import example_corpus
    >>> pair_themes(example_corpus(), pair=("A. Adams", "B. Brown"), k=3)["group_a"].iloc[0]  # doctest: +SKIP
    'B. Brown'
    """
    chosen = pair_of(corpus, pair)
    return (
        chosen if isinstance(chosen, Nothing) else theme_difference(corpus, chosen[::-1], k=k, n_boot=n_boot, seed=seed)
    )


def quotation_themes(
    corpus: Corpus, *, group: str | None = None, k: int | None = None, n_boot: int = 1000, seed: int = 0
) -> pd.DataFrame | Nothing:
    """A group's topic shares in its own words and with its quotations put back
    (:func:`textlab.topics.corpus_quotation_prevalence`); Nothing where no group quotes.

    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> quotation_themes(example_corpus(), k=3, n_boot=100)["change"].round(2).tolist()  # doctest: +SKIP
    [0.0, 0.11, -0.12]
    """
    chosen = quoting_of(corpus, group)
    if isinstance(chosen, Nothing):
        return chosen
    return _memo(
        ("quotation_themes", _key(corpus), chosen, k, n_boot, seed),
        lambda: topics_mod.corpus_quotation_prevalence(corpus, chosen, k=k, n_boot=n_boot, seed=seed),
    )


def profile_distance(
    corpus: Corpus, *, group: str | None = None, pair: Sequence[str] | None = None, k: int | None = None
) -> dict[str, Any] | Nothing:
    """How far a quoting group's topic profile is from another group's, in its own words and as printed: the sum
    of absolute differences of topic shares. The other group is the pair's member that is not the quoting one.

    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> profile_distance(example_corpus(), k=3)["other"]  # doctest: +SKIP
    'A. Adams'
    """
    chosen = quoting_of(corpus, group)
    if isinstance(chosen, Nothing):
        return chosen
    two = pair_of(corpus, pair)
    if isinstance(two, Nothing):
        return two
    other = two[0] if two[0] != chosen else two[1]
    with_q = quotation_themes(corpus, group=chosen, k=k)
    if isinstance(with_q, Nothing):
        return with_q
    chunks, _, model = topics_mod.corpus_model(corpus, k=k)
    profile = model.doc_topic[(chunks["group"] == other).to_numpy()].mean(axis=0)
    return {
        "other": other,
        "own words": round(float(abs(with_q["own"] - profile).sum()), 3),
        "as printed": round(float(abs(with_q["with_quotations"] - profile).sum()), 3),
    }


def backend_agreement(
    corpus: Corpus, *, k: int | None = None, other: str = AGREEMENT_OTHER
) -> tuple[np.ndarray, np.ndarray, pd.DataFrame, list]:
    """The corpus model's topics (the default backend) against another backend's (``other``, same chunks and K):
    the full cosine matrix in matched order, each topic's matched cosine, the topic table, and the matched topics'
    top words.

    The models are cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> full, sim, table, words = backend_agreement(example_corpus(), k=3)  # doctest: +SKIP
    >>> full.shape, len(sim), len(table), len(words)  # doctest: +SKIP
    ((3, 3), 3, 3, 3)
    """

    def make() -> tuple[np.ndarray, np.ndarray, pd.DataFrame, list]:
        t = topics_mod.corpus_topics(corpus, k=k)
        g = topics_mod.corpus_models(corpus, k=k, seeds=(0,))[0]
        sk = topics_mod.corpus_models(corpus, k=g.k, seeds=(0,), backend=other)[0]
        perm, sim = align_topics(g.topic_word, sk.topic_word)
        full = similarity_matrix(g.topic_word, sk.topic_word)[:, perm]
        sk_words = [" / ".join(w.replace("_", " ") for w in ws[:3]) for ws in sk.top_words(3)]
        return full, sim, t, [sk_words[perm[i]] for i in range(g.k)]

    return _memo(("backends", _key(corpus), k, other), make)


def themes_over_time(
    corpus: Corpus,
    *,
    periods: Sequence[str] | None = None,
    author: str | None = None,
    k: int | None = None,
    n_topics: int = 6,
    n_boot: int = 1000,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame, list[int], str, str] | Nothing:
    """One author's topic shares by year and one of its groups' by month: the ``n_topics`` whose yearly share
    varies most. The author is the periods' (default: the corpus's choice), else ``author``, else the author with
    the most words over two years or more; the monthly group is the later period, else the author's largest group.
    Nothing when no author writes in two years.

    Returns ``(by_year, by_month, topics, author, group)``.

    Every document of the example corpus grouped by author is of its author's one group, and Adams writes in two
    years (the corpus model is cached in ``data/processed/topics``, so this is not run here):

    >>> from textlab.corpus.examples import example_corpus
    >>> themes_over_time(example_corpus(), author="A. Adams", k=3, n_topics=2)[2:]  # doctest: +SKIP
    ([1, 0], 'A. Adams', 'A. Adams')
    """
    docs = corpus_dtm(corpus).docs.assign(year=lambda d: pd.to_numeric(d["year"], errors="coerce"))
    years = docs.groupby("author")["year"].nunique()
    chosen = periods_of(corpus, periods)
    group = None
    if not isinstance(chosen, Nothing):
        spans = group_spans(docs).set_index("group")
        author, group = str(spans.loc[chosen[1], "author"]), chosen[1]
    elif author is None:
        words = docs.groupby("author")["n_words"].sum()
        over_time = words[years.reindex(words.index).fillna(0) >= 2]
        if over_time.empty:
            return Nothing(why_no_periods(corpus))
        author = str(over_time.sort_values(ascending=False, kind="stable").index[0])
    if years.get(author, 0) < 2:
        return Nothing(f"{author}'s documents are of one year: nothing to follow over time")
    if group is None:
        own = docs[docs["author"] == author].groupby("group")["n_words"].sum()
        group = str(own.sort_values(ascending=False, kind="stable").index[0])

    def make() -> tuple[pd.DataFrame, pd.DataFrame, list[int], str, str]:
        prev = topics_mod.corpus_prevalence(corpus, by="author", time="year", k=k, n_boot=n_boot, seed=seed)
        prev = prev[prev["author"] == author]
        spread = prev.groupby("topic")["prevalence"].agg(lambda v: v.max() - v.min()).sort_values(ascending=False)
        picked = [int(t) for t in spread.index[:n_topics]]
        monthly = topics_mod.corpus_prevalence(corpus, by="group", time="month", k=k, n_boot=n_boot, seed=seed)
        return prev, monthly[monthly["group"] == group], picked, author, group

    return _memo(("over_time", _key(corpus), author, group, k, n_topics, n_boot, seed), make)
