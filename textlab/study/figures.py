"""Figures of a corpus: one function per figure, each returning a :class:`matplotlib.figure.Figure`.

Every ``fig_*`` function computes its tables from a
:class:`~textlab.corpus.table.Corpus` with textlab's earlier stages
(:mod:`textlab.study.report`, :mod:`textlab.features`, :mod:`textlab.vocab`,
:mod:`textlab.voices`, :mod:`textlab.stylometry`, :mod:`textlab.topics`) and
draws them with :mod:`textlab.viz`: nothing is shown and no global style is
set. The topic figures are in :mod:`textlab.study.figures_topics`.
:data:`FIGURES` lists every figure with the notebook that shows it,
:data:`PAGES` the files that are not figures (the topic browser);
:func:`write_figures` regenerates them all with their provenance manifest.

On the bundled corpus the figures use its own facts (:mod:`textlab.study.bundled`:
colours, short names); the groups a figure compares are the corpus's choices
(:func:`textlab.study.choices.choices`), the same the notebooks make, and its
tables are those of :mod:`textlab.study.sections`. A figure with nothing to
show on a corpus (one group, no periods, no quotations) is a
:class:`~textlab.study.narrate.Nothing`: a notebook shows its reason in one
line and no file is written. :class:`FigureOut` shows a notebook's figures and
writes them under their registry names.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure
from sklearn.decomposition import PCA

from textlab import stylometry
from textlab.core import paths
from textlab.corpus.table import Corpus
from textlab.features.chunks import chunk_words
from textlab.features.dtm import corpus_dtm
from textlab.features.rows import corpus_reuse
from textlab.features.tokenize import diversity_tokenizer
from textlab.study import bundled, checks, sections
from textlab.study.choices import choices
from textlab.study.figures_topics import (
    fig_backend_agreement,
    fig_choosing_k,
    fig_prevalence_by_group,
    fig_quotation_prevalence,
    fig_theme_shift,
    fig_themes_over_time,
    fig_topic_overview,
    write_corpus_topic_browser,
)
from textlab.study.groups import group_colors, group_order, source_labels
from textlab.study.narrate import Nothing, listing
from textlab.study.provenance import MANIFEST_NAME, figure_record, write_manifest
from textlab.study.report import accounting_table, kind_shares, lexicon_table, words_by
from textlab.viz.corpus_plots import (
    plot_lexicon_share,
    plot_line_accounting,
    plot_who_speaks,
    plot_words_by_author_kind,
    plot_words_by_year,
)
from textlab.viz.style import save_figure
from textlab.viz.vocab_plots import (
    plot_frequency_over_time,
    plot_keyness_by_group,
    plot_lexical_diversity,
    plot_log_odds,
    plot_quotations_left_in,
    plot_vocabulary_shift,
)
from textlab.viz.voice_plots import plot_quoted_share, plot_reuse_map, plot_stylometry_map

log = logging.getLogger(__name__)

__all__ = [
    "fig_words_by_author_kind",
    "fig_words_by_year",
    "fig_lexicon_share",
    "fig_who_speaks",
    "fig_line_accounting",
    "fig_keyness_by_group",
    "fig_log_odds_scatter",
    "fig_vocabulary_shift",
    "fig_lexical_diversity",
    "fig_frequency_over_time",
    "fig_quotations_left_in",
    "fig_choosing_k",
    "fig_topic_overview",
    "fig_backend_agreement",
    "fig_prevalence_by_group",
    "fig_theme_shift",
    "fig_themes_over_time",
    "write_corpus_topic_browser",
    "fig_reuse_map",
    "fig_quoted_share",
    "fig_stylometry_map",
    "fig_quotation_prevalence",
    "write_figures",
    "figure_kwargs",
    "FigureOut",
    "Nothing",
    "FIGURES",
    "PAGES",
]

#: What a figure function returns: a figure, or why the corpus gives it nothing to show.
Drawn = Figure | Nothing


# --------------------------------------------------------------------------- the corpus (notebook 01)


def fig_words_by_author_kind(corpus: Corpus) -> Figure:
    """Words by author (as the rows attribute them), split by kind of text.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_words_by_author_kind(example_corpus()).axes[0]
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.get_legend().get_texts()]
    (['A. Adams', 'B. Brown', 'C. Clark'], ['primary', 'quotation'])
    >>> [round(float(bar.get_width()), 2) for bar in ax.patches]  # thousands of words: primary, then quotation
    [4.0, 4.0, 4.04, 0.0, 0.0, 0.12]
    """
    return plot_words_by_author_kind(words_by(corpus.docs, "author", columns="kind"))


def fig_words_by_year(corpus: Corpus, *, kinds: tuple[str, ...] = ("primary",)) -> Figure:
    """Words per year of writing, by author, for the chosen kinds (default: primary text).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_words_by_year(example_corpus()).axes[0]
    >>> len(ax.patches), round(float(sum(bar.get_height() for bar in ax.patches)), 3)  # 12 years x 3 authors; thousands
    (36, 12.036)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['A. Adams', 'B. Brown', 'C. Clark']
    """
    d = corpus.docs[corpus.docs["kind"].isin(kinds)]
    t = d.pivot_table(index="year", columns="author", values="n_words", aggfunc="sum", fill_value=0)
    t = t.reindex(range(int(t.index.min()), int(t.index.max()) + 1), fill_value=0)
    return plot_words_by_year(t, kinds=kinds)


def fig_lexicon_share(corpus: Corpus, *, reference: tuple[str, ...] | None = None) -> Figure:
    """Share of word tokens the English lexicon knows, raw vs cleaned, per source.

    ``reference`` names the clean sources whose cleaned share is drawn as a band
    (the target: OCR sources within one point of it); default: the bundled corpus's clean sources on it, none
    on another corpus.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_lexicon_share(example_corpus(), reference=("adams_1.txt",)).axes[0]
    >>> len(ax.patches), [t.get_text().split()[0] for t in ax.get_xticklabels()][:3]  # 2 bars a source, a band
    (27, ['adams_1', 'adams_2', 'adams_3'])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ["target: clean sources' range, less one point (adams_1)", 'raw (kept lines)', 'cleaned']
    """
    if reference is None:
        reference = bundled.CLEAN_SOURCES if bundled.is_bundled(corpus) else ()
    return plot_lexicon_share(lexicon_table(corpus), labels=source_labels(corpus), reference=tuple(reference))


def fig_who_speaks(corpus: Corpus) -> Figure:
    """Share of each source's words by kind: primary text, quotation, editorial, notes...

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_who_speaks(example_corpus()).axes[0]
    >>> len(ax.get_yticklabels()), ax.get_yticklabels()[-1].get_text(), round(ax.patches[-1].get_width())
    (13, 'clark_q (1931)', 100)
    """
    return plot_who_speaks(kind_shares(corpus.docs, by="source"), labels=source_labels(corpus))


def fig_line_accounting(corpus: Corpus) -> Figure:
    """Raw lines per source: kept in rows or dropped, by named reason.

    Examples
    --------
    Each file of the example corpus is one line of text and a closing blank line:

    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_line_accounting(example_corpus()).axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()], [round(bar.get_width()) for bar in ax.patches][:2]
    (['kept', 'blank'], [50, 50])
    """
    return plot_line_accounting(accounting_table(corpus), labels=source_labels(corpus))


# --------------------------------------------------------------------------- vocabulary (notebook 02)


def fig_keyness_by_group(
    corpus: Corpus, *, n_terms: int = 12, min_doc_share: float = 0.2, n_boot: int = 500, seed: int = 0
) -> Drawn:
    """Each group's most distinctive words against all the others: log ratio with a document-bootstrap interval.

    Words qualify by G2 (p < 0.001) and dispersion (in at least ``min_doc_share``
    of the group's documents); see :func:`textlab.vocab.distinctive_terms` and
    :func:`textlab.study.sections.keyness_tables`. Nothing with one group.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_keyness_by_group(example_corpus(), n_terms=5, n_boot=100)
    >>> [ax.get_title() for ax in fig.axes[:3]]
    ['C. Clark (4 documents)', 'A. Adams (4 documents)', 'B. Brown (4 documents)']
    >>> [t.get_text() for t in fig.axes[1].get_yticklabels()]
    ['program', 'union', 'congress', 'leader', 'member']
    """
    tables = sections.keyness_tables(corpus, n_terms=n_terms, min_doc_share=min_doc_share, n_boot=n_boot, seed=seed)
    if isinstance(tables, Nothing):
        return tables
    g = corpus_dtm(corpus).docs["group"].to_numpy()
    labels = list(tables)
    note = bundled.ONE_DOCUMENT_NOTE if bundled.is_bundled(corpus) and bundled.ONE_DOCUMENT_GROUP in labels else ""
    return plot_keyness_by_group(
        tables,
        {lab: int((g == lab).sum()) for lab in labels},
        colors=group_colors(corpus, labels),
        min_doc_share=min_doc_share,
        n_boot=n_boot,
        note=note,
    )


def fig_log_odds_scatter(
    corpus: Corpus,
    *,
    pair: tuple[str, str] | None = None,
    alpha0: float = 1000.0,
    n_label: int = 12,
) -> Drawn:
    """Monroe et al. (2008) weighted log-odds z-scores of two groups against word frequency.

    ``pair`` (target, reference) defaults to the corpus's choice (:func:`textlab.study.choices.choices`); Nothing
    with one group.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_log_odds_scatter(example_corpus(), pair=("B. Brown", "A. Adams"), n_label=2).axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['|z| <= 1.96', 'more in B. Brown', 'more in A. Adams']
    >>> [t.get_text() for t in ax.texts]  # the two words at each end
    ['cooperative', 'tax', 'union', 'program']
    """
    table = sections.log_odds_table(corpus, pair=pair, alpha0=alpha0)
    if isinstance(table, Nothing):
        return table
    target, reference = sections.pair_of(corpus, pair)  # type: ignore[misc]
    fw, total = table.drop(columns="total"), table["total"]
    colors = group_colors(corpus, (target, reference))
    return plot_log_odds(fw, total, target=target, reference=reference, colors=colors, alpha0=alpha0, n_label=n_label)


def fig_vocabulary_shift(
    corpus: Corpus,
    *,
    periods: tuple[str, str] | None = None,
    n_terms: int = 15,
    min_doc_share: float = 0.2,
    n_boot: int = 500,
    seed: int = 0,
) -> Drawn:
    """Words one author gains and loses between two periods, with document-bootstrap intervals.

    ``periods`` (earlier, later group of one author) default to the corpus's choice
    (:func:`textlab.study.choices.period_pair`); Nothing where the corpus has no such pair.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_vocabulary_shift(example_corpus().grouped("author+year"), n_terms=3, n_boot=100)
    >>> [ax.get_title() for ax in fig.axes]
    ['used less in C. Clark 1931', 'used more in C. Clark 1931']
    >>> fig_vocabulary_shift(example_corpus()).reason  # doctest: +NORMALIZE_WHITESPACE
    "no author has groups of their own at two distinct times (the groups are the corpus's authors); grouping by
    author and year (--group-by author+year) splits an author's years"
    """
    tables = sections.vocabulary_shift_tables(
        corpus, periods=periods, n_terms=n_terms, min_doc_share=min_doc_share, n_boot=n_boot, seed=seed
    )
    if isinstance(tables, Nothing):
        return tables
    lose, gain = tables
    early, late = sections.periods_of(corpus, periods)  # type: ignore[misc]
    colors = group_colors(corpus, (early, late))
    return plot_vocabulary_shift(lose, gain, early=early, late=late, colors=colors, n_terms=n_terms)


def fig_lexical_diversity(
    corpus: Corpus, *, chunk: int = 1000, window: int = 500, n_boot: int = 1000, seed: int = 0
) -> Drawn:
    """Lexical richness by group: TTR falls with length; MTLD and MATTR on equal chunks do not.

    The unit is the work (an article, a chapter, a section): a group's rows of
    one work are joined, cut into ``chunk``-token chunks, and works are resampled
    (:func:`textlab.study.sections.diversity_tables`). Nothing when no work has ``chunk`` tokens.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_lexical_diversity(example_corpus(), n_boot=100)
    >>> [t.get_text().splitlines() for t in fig.axes[1].get_yticklabels()][0]
    ['C. Clark', '4 chunks / 2 works']
    """
    tables = sections.diversity_tables(corpus, chunk=chunk, window=window, n_boot=n_boot, seed=seed)
    if isinstance(tables, Nothing):
        return tables
    per_doc, summary = tables
    colors = group_colors(corpus, [*map(str, per_doc["group"]), *map(str, summary.index)])
    return plot_lexical_diversity(per_doc, summary, colors=colors, chunk=chunk, window=window)


def fig_frequency_over_time(
    corpus: Corpus,
    *,
    terms: tuple[str, ...] | None = None,
    min_words: int = 2000,
    n_boot: int = 1000,
    seed: int = 0,
) -> Drawn:
    """A few words' frequency per 10,000 words by year and author, with intervals (primary rows).

    ``terms`` default to the corpus's choice; terms the corpus lacks give way to its most frequent terms
    (:func:`textlab.study.sections.frequency_tables`). Nothing when fewer than two years have ``min_words`` words.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_frequency_over_time(example_corpus(), terms=("party", "war"), min_words=1000, n_boot=100)
    >>> [ax.get_title() for ax in fig.axes], [t.get_text() for t in fig.axes[0].get_xticklabels()]
    (['“party”', '“war”'], ['1920', '1921', '1923', '1925', '1930', '1931'])
    """
    rates = sections.frequency_tables(corpus, terms=terms, min_words=min_words, n_boot=n_boot, seed=seed)
    if isinstance(rates, Nothing):
        return rates
    m = corpus_dtm(corpus)
    authors = sorted(str(a) for a in m.docs["author"].dropna().unique())
    return plot_frequency_over_time(rates, colors=group_colors(corpus, authors, over_time=True), min_words=min_words)


def fig_quotations_left_in(
    corpus: Corpus, *, group: str | None = None, n_terms: int = 15, n_boot: int = 500, seed: int = 0
) -> Drawn:
    """A group's distinctive words in its own words (quotations dropped), and with its quotations of others left in.

    ``group`` defaults to the group that quotes most; Nothing where no group quotes
    (:func:`textlab.study.sections.quotation_tables`).

    Both panels count works (chapters, articles), not rows, so that the
    quotation rows, which cut a chapter into more pieces, do not change the
    units of dispersion and of the bootstrap.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_quotations_left_in(example_corpus(), group="C. Clark", n_terms=5, n_boot=100)
    >>> [ax.get_title() for ax in fig.axes]
    ['own words: every quotation cut out', 'as printed: quotations in (1 block quotation rows)']
    """
    tables = sections.quotation_tables(corpus, group=group, n_terms=n_terms, n_boot=n_boot, seed=seed)
    if isinstance(tables, Nothing):
        return tables
    own, printed, n_quotation_rows = tables
    group = str(sections.quoting_of(corpus, group))
    color = group_colors(corpus, [group])[group]
    return plot_quotations_left_in(
        own, printed, group=group, color=color, n_quotation_rows=n_quotation_rows, n_terms=n_terms
    )


# --------------------------------------------------------------------------- who speaks (notebook 05)


def fig_reuse_map(corpus: Corpus) -> Drawn:
    """Passages shared between and within the works (text reuse): count and words per pair of sources.

    Nothing when no passage is shared.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_reuse_map(example_corpus())
    >>> fig.texts[0].get_text()
    'Where the corpus reuses itself: 2 passages, 150 words'
    >>> [t.get_text() for t in fig.axes[1].get_yticklabels()]
    ['adams_1-00001 : clark_3-00001', 'adams_3-00001 : clark_q-00001']
    """
    t = corpus_reuse(corpus)
    if t.empty:
        return Nothing("no passage of 20 words or more is shared by two rows")
    short = bundled.SHORT_SOURCES if bundled.is_bundled(corpus) else {}
    present = sorted({short.get(str(x), str(x)) for x in corpus.docs["source"]})
    works = [n for n in short.values() if n in present] + [n for n in present if n not in short.values()]
    passages = t.assign(
        source_a=[short.get(str(x), str(x)) for x in t["source_a"]],
        source_b=[short.get(str(x), str(x)) for x in t["source_b"]],
    )
    return plot_reuse_map(passages, works)


def fig_quoted_share(corpus: Corpus) -> Drawn:
    """How much of each group's text is someone else's words: block quotation rows, and quoted spans in its own rows.

    Nothing when no group quotes (:func:`textlab.study.sections.quoted_share_table`).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_quoted_share(example_corpus()).axes[0]
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['A. Adams', 'B. Brown', 'C. Clark'], ['0.0% quoted', '0.0% quoted', '3.6% quoted'])
    """
    table = sections.quoted_share_table(corpus)
    if isinstance(table, Nothing):
        return table
    t = table.set_index("group")
    return plot_quoted_share(t.loc[group_order(corpus, t.index)])


def fig_stylometry_map(corpus: Corpus, *, size: int = 1000, n_mfw: int = 200) -> Drawn:
    """Chunks of each author's own writing on the first two principal components of their most-frequent-word
    z-scores (author-balanced).

    On the bundled corpus, Cliff's quotations of Trotsky too. Nothing with fewer than two authors or three chunks.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_stylometry_map(example_corpus()).axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['A. Adams (4 chunks)', 'B. Brown (4 chunks)', 'C. Clark (4 chunks)']
    """
    chunks, t = stylometry.author_chunks(corpus, size=size)
    if t["label"].nunique() < 2 or len(chunks) < 3:
        authors = listing(sorted(t["label"].unique())) or "no author"
        return Nothing(f"chunks of {size:,} tokens from {authors} only ({len(chunks)} chunks): nothing to map")
    clf = stylometry.DeltaClassifier(n_mfw=n_mfw).fit(chunks, t["label"])
    pca = PCA(n_components=2, random_state=0).fit(clf.transform(chunks))
    xy = pca.transform(clf.transform(chunks))
    title = f"Stylometric map: {n_mfw} most frequent words, chunks of {size} tokens"
    marked = None
    marked_label = ""
    if bundled.is_bundled(corpus):  # where Cliff's quotations of Trotsky fall
        per_chunk, _ = checks.quotation_check(
            corpus,
            quoted=bundled.QUOTED,
            source=bundled.QUOTING_SOURCE,
            candidates=bundled.QUOTATION_CANDIDATES,
            size=size,
            n_mfw=n_mfw,
        )
        d = corpus.docs
        q = d[
            (d["kind"] == "quotation")
            & (d["source"] == bundled.QUOTING_SOURCE)
            & d["quoted_author"].fillna("").str.contains(bundled.QUOTED)
        ].sort_values("line_start")
        tok = diversity_tokenizer(corpus.text_options)
        q_tokens = chunk_words([tok(x) for x in q["text"]], size, tail="drop", units=[0] * len(q)).words
        if q_tokens:
            marked = pca.transform(clf.transform(q_tokens))
            marked_label = f"{bundled.QUOTATIONS_LABEL} ({len(q_tokens)})"
        if len(per_chunk):
            share = float(per_chunk["attributed"].eq(bundled.QUOTED_AUTHOR).mean())
            title += f";\n{share:.0%} {bundled.QUOTATIONS_NOTE}"
    labels = [str(x) for x in t["label"]]
    return plot_stylometry_map(
        xy,
        labels,
        colors=group_colors(corpus, labels),
        explained=pca.explained_variance_ratio_,
        title=title,
        marked=marked,
        marked_label=marked_label,
    )


# --------------------------------------------------------------------------- the registry


#: Every figure: file name -> (function, notebook that shows it, keyword arguments). The names say what a figure
#: shows, whatever the corpus; the groups it compares are the corpus's choices (:func:`figure_kwargs`).
FIGURES: dict[str, tuple[Callable[..., Drawn], str, dict[str, Any]]] = {
    "01_words_by_author_kind.png": (fig_words_by_author_kind, "01_corpus.ipynb", {}),
    "01_words_by_year.png": (fig_words_by_year, "01_corpus.ipynb", {}),
    "01_lexicon_share.png": (fig_lexicon_share, "01_corpus.ipynb", {}),
    "01_who_speaks.png": (fig_who_speaks, "01_corpus.ipynb", {}),
    "01_line_accounting.png": (fig_line_accounting, "01_corpus.ipynb", {}),
    "02_keyness_by_group.png": (fig_keyness_by_group, "02_vocabulary.ipynb", {}),
    "02_log_odds_pair.png": (fig_log_odds_scatter, "02_vocabulary.ipynb", {}),
    "02_vocabulary_shift.png": (fig_vocabulary_shift, "02_vocabulary.ipynb", {}),
    "02_lexical_diversity.png": (fig_lexical_diversity, "02_vocabulary.ipynb", {}),
    "02_words_over_time.png": (fig_frequency_over_time, "02_vocabulary.ipynb", {}),
    "02_quotations_left_in.png": (fig_quotations_left_in, "02_vocabulary.ipynb", {}),
    "03_choosing_k.png": (fig_choosing_k, "03_topics.ipynb", {}),
    "03_topic_overview.png": (fig_topic_overview, "03_topics.ipynb", {}),
    "03_backend_agreement.png": (fig_backend_agreement, "03_topics.ipynb", {}),
    "04_prevalence_by_group.png": (fig_prevalence_by_group, "04_themes.ipynb", {}),
    "04_theme_shift.png": (fig_theme_shift, "04_themes.ipynb", {}),
    "04_themes_over_time.png": (fig_themes_over_time, "04_themes.ipynb", {}),
    "05_reuse_map.png": (fig_reuse_map, "05_who_speaks.ipynb", {}),
    "05_quoted_share.png": (fig_quoted_share, "05_who_speaks.ipynb", {}),
    "05_stylometry_map.png": (fig_stylometry_map, "05_who_speaks.ipynb", {}),
    "05_topics_with_quotations.png": (fig_quotation_prevalence, "05_who_speaks.ipynb", {}),
}

#: Files that are not figures: file name -> (function, called as ``fn(corpus, path)``; notebook that shows it;
#: what it shows).
PAGES: dict[str, tuple[Callable[..., Path], str, str]] = {
    "topic_browser.html": (
        write_corpus_topic_browser,
        "04_themes.ipynb",
        "Interactive and offline: each topic's words under a relevance slider, its prevalence by group with "
        "intervals; † flags topics that do not come back.",
    ),
}


def figure_kwargs(name: str, corpus: Corpus) -> dict[str, Any]:
    """The keyword arguments a figure of :data:`FIGURES` is drawn with on ``corpus``: the registry's, and the
    corpus's choices (:func:`textlab.study.choices.choices`: ``pair``, ``periods``, ``terms``, and ``group``, the
    group whose quotations are put back) for the parameters the function takes. The notebooks pass the same.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> figure_kwargs("02_log_odds_pair.png", example_corpus())
    {'pair': ('C. Clark', 'A. Adams')}
    >>> figure_kwargs("02_vocabulary_shift.png", example_corpus().grouped("author+year"))
    {'periods': ('C. Clark 1930', 'C. Clark 1931')}
    """
    fn, _, fixed = FIGURES[name]
    c = choices(corpus)
    chosen = {"pair": c.pair, "periods": c.periods, "terms": c.terms, "group": c.quoting}
    params = inspect.signature(fn).parameters
    return {**{k: v for k, v in chosen.items() if k in params}, **fixed}


class FigureOut:
    """A notebook's figures: each is shown, and written into ``output_dir`` under its registry name when one is given.

    A :class:`~textlab.study.narrate.Nothing` is shown as its one-line reason and no file is written. The figure
    written is the one shown: the same object, from the same call.

    Parameters
    ----------
    notebook : str
        The notebook's file name (``"02_vocabulary.ipynb"``): every name shown must be one of its figures in
        :data:`FIGURES` (or :data:`PAGES`).
    output_dir : path, optional
        Where to write; None: show only.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> out = FigureOut("02_vocabulary.ipynb")
    >>> out.show("02_vocabulary_shift.png", fig_vocabulary_shift(example_corpus())).reason[:29]
    'no author has groups of their'
    >>> out.show("01_who_speaks.png", Nothing("x"))  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    ValueError: 01_who_speaks.png is not a figure of 02_vocabulary.ipynb; its figures are
    ['02_keyness_by_group.png', '02_lexical_diversity.png', '02_log_odds_pair.png', '02_quotations_left_in.png',
    '02_vocabulary_shift.png', '02_words_over_time.png']
    """

    def __init__(self, notebook: str, output_dir: str | Path | None = None) -> None:
        self.notebook = notebook
        self.output_dir = Path(output_dir) if output_dir is not None else None
        self.names = sorted(n for n, (_, nb, _) in FIGURES.items() if nb == notebook)
        self.pages = sorted(n for n, (_, nb, _) in PAGES.items() if nb == notebook)
        self.written: list[Path] = []
        self.absent: dict[str, str] = {}

    def show(self, name: str, fig: Drawn) -> Drawn:
        """Write ``fig`` as ``name`` (when there is an output folder and something to draw); return it to show."""
        if name not in self.names:
            raise ValueError(f"{name} is not a figure of {self.notebook}; its figures are {self.names}")
        if isinstance(fig, Nothing):
            self.absent[name] = fig.reason
            log.info("%s: nothing to show (%s)", name, fig.reason)
        elif self.output_dir is not None:
            self.written.append(save_figure(fig, self.output_dir / name))
        return fig

    def page(self, name: str, corpus: Corpus, **kwargs: Any) -> str:
        """Write the page ``name`` of :data:`PAGES` (the topic browser) into the output folder, and say where it
        is, as Markdown; without an output folder, say which command writes it."""
        if name not in self.pages:
            raise ValueError(f"{name} is not a page of {self.notebook}; its pages are {self.pages}")
        write, _, what = PAGES[name]
        if self.output_dir is None:
            return f"`{name}` is written into `figures/` by `python -m textlab figures`. {what}"
        path = write(corpus, self.output_dir / name, **kwargs)
        self.written.append(path)
        return f"Written: [{name}]({path.as_uri()}). {what}"

    def summary(self) -> str:
        """The notebook's figures as Markdown: where they were written, and those with nothing to show."""
        drawn = [n for n in self.names if n not in self.absent]
        if self.output_dir is None:
            out = (
                f"Figures of this notebook, one function each in `textlab.study.figures` (written into `figures/` by "
                f"`python -m textlab figures`): {', '.join(f'`{n}`' for n in drawn) or 'none'}."
            )
        else:
            out = f"Written into `{self.output_dir}`: {', '.join(f'`{p.name}`' for p in self.written) or 'nothing'}."
        if self.absent:
            out += " Not drawn, with nothing to show: " + "; ".join(f"`{n}` ({r})" for n, r in self.absent.items())
            out += "."
        return out


def write_figures(corpus: Corpus, out_dir: str | Path | None = None) -> list[Path]:
    """Regenerate every figure in :data:`FIGURES` into ``out_dir`` (default ``figures/``), the files of
    :data:`PAGES` (the topic browser), and ``manifest.json``: one provenance record per file
    (:func:`textlab.study.provenance.figure_record`). Each figure is drawn with :func:`figure_kwargs`, as the
    notebooks draw it; a figure with nothing to show on this corpus is not written (and logged).

    Returns the paths written, the manifest last.

    Examples
    --------
    Every figure, the topic models' among them (cached in ``data/processed/topics``; some 30 s on the example
    corpus), so this is not run here:

    >>> import tempfile
    >>> from textlab.corpus.examples import example_corpus
    >>> with tempfile.TemporaryDirectory() as d:  # doctest: +SKIP
    ...     written = write_figures(example_corpus(), d)
    >>> len(written), written[-2].name, written[-1].name  # doctest: +SKIP
    (22, 'topic_browser.html', 'manifest.json')
    """
    out = Path(out_dir) if out_dir is not None else paths.FIGURES
    written, records = [], []
    for i, (name, (fn, notebook, _)) in enumerate(sorted(FIGURES.items()), 1):
        log.info("[%d/%d] %s (%s)", i, len(FIGURES), name, fn.__name__)
        kwargs = figure_kwargs(name, corpus)
        fig = fn(corpus, **kwargs)
        if isinstance(fig, Nothing):
            log.info("%s: nothing to show (%s): not written", name, fig.reason)
            continue
        records.append(figure_record(name, fn, notebook, kwargs, corpus, fig))  # before save closes it
        written.append(save_figure(fig, out / name))
    for name, (write, notebook, _) in sorted(PAGES.items()):
        written.append(write(corpus, out / name))
        log.info("wrote %s", written[-1])
        records.append(figure_record(name, write, notebook, {}, corpus, written[-1].read_bytes()))
    written.append(write_manifest(records, out / MANIFEST_NAME))
    return written
