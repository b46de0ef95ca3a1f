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
colours, short names, the groups its narrative compares); on another corpus
they fall back on its largest groups and most frequent words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from sklearn.decomposition import PCA

from textlab import stylometry, vocab
from textlab.core import paths
from textlab.corpus.table import Corpus
from textlab.features.chunks import chunk_words
from textlab.features.dtm import corpus_dtm
from textlab.features.rows import corpus_quoted_share, corpus_reuse, corpus_rows
from textlab.features.tokenize import diversity_tokenizer
from textlab.study import bundled, checks
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
from textlab.study.groups import comparison_groups, group_colors, group_order, pick_groups, source_labels
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
    "FIGURES",
    "PAGES",
]


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


def fig_lexicon_share(corpus: Corpus, *, reference: tuple[str, ...] = ()) -> Figure:
    """Share of word tokens the English lexicon knows, raw vs cleaned, per source.

    ``reference`` names the clean sources whose cleaned share is drawn as a band
    (the target: OCR sources within one point of it).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_lexicon_share(example_corpus(), reference=("adams_1.txt",)).axes[0]
    >>> len(ax.patches), [t.get_text().split()[0] for t in ax.get_xticklabels()][:3]  # 2 bars a source, a band
    (27, ['adams_1', 'adams_2', 'adams_3'])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ["target: clean sources' range, less one point (adams_1)", 'raw (kept lines)', 'cleaned']
    """
    return plot_lexicon_share(lexicon_table(corpus), labels=source_labels(corpus), reference=reference)


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
) -> Figure:
    """Each group's most distinctive words against all the others: log ratio with a document-bootstrap interval.

    Words qualify by G2 (p < 0.001) and dispersion (in at least ``min_doc_share``
    of the group's documents); see :func:`textlab.vocab.distinctive_terms`.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_keyness_by_group(example_corpus(), n_terms=5, n_boot=100)
    >>> [ax.get_title() for ax in fig.axes[:3]]
    ['C. Clark (4 documents)', 'A. Adams (4 documents)', 'B. Brown (4 documents)']
    >>> [t.get_text() for t in fig.axes[1].get_yticklabels()]
    ['program', 'union', 'congress', 'leader', 'member']
    """
    m = corpus_dtm(corpus)
    g = m.docs["group"].to_numpy()
    labels = comparison_groups(corpus)[:6]
    tables = {
        lab: vocab.distinctive_terms(
            m.X, m.vocab, g, target=lab, n=n_terms, min_doc_share=min_doc_share, n_boot=n_boot, seed=seed
        )
        for lab in labels
    }
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
    target: str = bundled.PAIR[0],
    reference: str = bundled.PAIR[1],
    alpha0: float = 1000.0,
    n_label: int = 12,
) -> Figure:
    """Monroe et al. (2008) weighted log-odds z-scores of two groups against word frequency.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_log_odds_scatter(example_corpus(), target="B. Brown", reference="A. Adams", n_label=2).axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['|z| <= 1.96', 'more in B. Brown', 'more in A. Adams']
    >>> [t.get_text() for t in ax.texts]  # the two words at each end
    ['cooperative', 'tax', 'union', 'program']
    """
    target, reference = pick_groups(corpus, (target, reference))
    m = corpus_dtm(corpus)
    g = m.docs["group"].to_numpy()
    keep = (g == target) | (g == reference)
    fw = vocab.fightin_words(m.X[keep], m.vocab, g[keep], target=target, reference=reference, alpha0=alpha0)
    total = pd.Series(np.asarray(m.X[keep].sum(axis=0)).ravel(), index=m.vocab).loc[fw.index]
    fw = fw[total > 0]
    total = total[total > 0]
    colors = group_colors(corpus, (target, reference))
    return plot_log_odds(fw, total, target=target, reference=reference, colors=colors, alpha0=alpha0, n_label=n_label)


def fig_vocabulary_shift(
    corpus: Corpus,
    *,
    early: str = bundled.PERIODS[0],
    late: str = bundled.PERIODS[1],
    n_terms: int = 15,
    min_doc_share: float = 0.2,
    n_boot: int = 500,
    seed: int = 0,
) -> Figure:
    """Words one author gains and loses between two periods, with document-bootstrap intervals.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_vocabulary_shift(example_corpus(), early="A. Adams", late="C. Clark", n_terms=3, n_boot=100)
    >>> [ax.get_title() for ax in fig.axes], [t.get_text() for t in fig.axes[1].get_yticklabels()]
    (['used less in C. Clark', 'used more in C. Clark'], ['soldier', 'defense', 'army'])
    """
    early, late = pick_groups(corpus, (early, late))
    m = corpus_dtm(corpus)
    g = m.docs["group"].to_numpy()
    keep = (g == early) | (g == late)
    X, gg = m.X[keep], g[keep]
    gain = vocab.distinctive_terms(
        X, m.vocab, gg, target=late, reference=early, n=n_terms, min_doc_share=min_doc_share, n_boot=n_boot, seed=seed
    )
    lose = vocab.distinctive_terms(
        X, m.vocab, gg, target=early, reference=late, n=n_terms, min_doc_share=min_doc_share, n_boot=n_boot, seed=seed
    )
    colors = group_colors(corpus, (early, late))
    return plot_vocabulary_shift(lose, gain, early=early, late=late, colors=colors, n_terms=n_terms)


def fig_lexical_diversity(
    corpus: Corpus, *, chunk: int = 1000, window: int = 500, n_boot: int = 1000, seed: int = 0
) -> Figure:
    """Lexical richness by group: TTR falls with length; MTLD and MATTR on equal chunks do not.

    The unit is the work (an article, a chapter, a section): a group's rows of
    one work are joined, cut into ``chunk``-token chunks, and works are resampled.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_lexical_diversity(example_corpus(), n_boot=100)
    >>> [t.get_text().splitlines() for t in fig.axes[1].get_yticklabels()][0]
    ['C. Clark', '4 chunks / 2 works']
    """
    rows = corpus_rows(corpus)
    tok = diversity_tokenizer(corpus.text_options)
    toks = [tok(t) for t in rows["text"]]
    per_work = rows.assign(_t=pd.Series(toks, index=rows.index)).groupby(["group", "work"], sort=False)["_t"].sum()
    per_doc = vocab.lexical_diversity(per_work.tolist(), window=window).assign(group=per_work.index.get_level_values(0))
    _, summary = vocab.diversity_by_group(
        toks,
        rows["group"].to_numpy(),
        units=rows["work"].to_numpy(),
        chunk=chunk,
        window=window,
        n_boot=n_boot,
        seed=seed,
    )
    summary = summary.set_index("group").loc[[x for x in comparison_groups(corpus) if x in set(summary["group"])]]
    colors = group_colors(corpus, [*map(str, per_doc["group"]), *map(str, summary.index)])
    return plot_lexical_diversity(per_doc, summary, colors=colors, chunk=chunk, window=window)


def fig_frequency_over_time(
    corpus: Corpus,
    *,
    terms: tuple[str, ...] = bundled.TERMS,
    min_words: int = 2000,
    n_boot: int = 1000,
    seed: int = 0,
) -> Figure:
    """A few words' frequency per 10,000 words by year and author, with intervals (primary rows).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_frequency_over_time(example_corpus(), terms=("party", "war"), min_words=1000, n_boot=100)
    >>> [ax.get_title() for ax in fig.axes], [t.get_text() for t in fig.axes[0].get_xticklabels()]
    (['“party”', '“war”'], ['1920', '1921', '1923', '1925', '1930', '1931'])
    """
    m = corpus_dtm(corpus)
    if not all(t in set(m.vocab) for t in terms):  # another corpus: its most frequent terms
        known = [t for t in terms if t in set(m.vocab)]
        top = [str(m.vocab[i]) for i in np.argsort(-np.asarray(m.X.sum(axis=0)).ravel(), kind="stable")]
        terms = tuple(known + [t for t in top if t not in known][: len(terms) - len(known)])
        log.info("terms not in this corpus's vocabulary: following %s", terms)
    rates = {
        term: vocab.frequency_over_time(
            m.X, m.vocab, m.docs, term, lengths=m.docs["n_words"], min_words=min_words, n_boot=n_boot, seed=seed
        )
        for term in terms
    }
    authors = sorted(str(a) for a in m.docs["author"].dropna().unique())
    return plot_frequency_over_time(rates, colors=group_colors(corpus, authors, over_time=True), min_words=min_words)


def fig_quotations_left_in(
    corpus: Corpus, *, group: str = bundled.QUOTING, n_terms: int = 15, n_boot: int = 500, seed: int = 0
) -> Figure:
    """A group's distinctive words in its own words (quotations dropped), and with its quotations of others left in.

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
    (group,) = pick_groups(corpus, (group,))
    tables = []
    n_quotation_rows = 0
    for quoted in ((), (group,)):
        # own words: every quotation cut out (the default); as printed: inline quotations and block quotations in
        rows = corpus_dtm(corpus, quotations_of=quoted, quotations="rows" if quoted else "drop")
        m = rows.aggregate(["group", "work"])
        g = m.docs["group"].to_numpy()
        tables.append(vocab.distinctive_terms(m.X, m.vocab, g, target=group, n=n_terms, n_boot=n_boot, seed=seed))
        n_quotation_rows = int((rows.docs["kind"] == "quotation").sum())
    own, printed = tables
    color = group_colors(corpus, [group])[group]
    return plot_quotations_left_in(
        own, printed, group=group, color=color, n_quotation_rows=n_quotation_rows, n_terms=n_terms
    )


# --------------------------------------------------------------------------- who speaks (notebook 05)


def fig_reuse_map(corpus: Corpus) -> Figure:
    """Passages shared between and within the works (text reuse): count and words per pair of sources.

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
    short = bundled.SHORT_SOURCES if bundled.is_bundled(corpus) else {}
    present = sorted({short.get(str(x), str(x)) for x in corpus.docs["source"]})
    works = [n for n in short.values() if n in present] + [n for n in present if n not in short.values()]
    passages = t.assign(
        source_a=[short.get(str(x), str(x)) for x in t["source_a"]],
        source_b=[short.get(str(x), str(x)) for x in t["source_b"]],
    )
    return plot_reuse_map(passages, works)


def fig_quoted_share(corpus: Corpus) -> Figure:
    """How much of each group's text is someone else's words: block quotation rows, and quoted spans in its own rows.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_quoted_share(example_corpus()).axes[0]
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['A. Adams', 'B. Brown', 'C. Clark'], ['0.0% quoted', '0.0% quoted', '3.6% quoted'])
    """
    t = corpus_quoted_share(corpus).set_index("group")
    return plot_quoted_share(t.loc[group_order(corpus, t.index)])


def fig_stylometry_map(corpus: Corpus, *, size: int = 1000, n_mfw: int = 200) -> Figure:
    """Chunks of each author's own writing, and Cliff's quotations of Trotsky, on the first two principal
    components of their most-frequent-word z-scores (author-balanced).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> ax = fig_stylometry_map(example_corpus()).axes[0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['A. Adams (4 chunks)', 'B. Brown (4 chunks)', 'C. Clark (4 chunks)']
    """
    chunks, t = stylometry.author_chunks(corpus, size=size)
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


#: Every figure: file name -> (function, notebook that shows it, keyword arguments).
FIGURES: dict[str, tuple[Callable[..., Figure], str, dict[str, Any]]] = {
    "01_words_by_author_kind.png": (fig_words_by_author_kind, "01_corpus.ipynb", {}),
    "01_words_by_year.png": (fig_words_by_year, "01_corpus.ipynb", {}),
    "01_lexicon_share.png": (fig_lexicon_share, "01_corpus.ipynb", {"reference": bundled.CLEAN_SOURCES}),
    "01_who_speaks.png": (fig_who_speaks, "01_corpus.ipynb", {}),
    "01_line_accounting.png": (fig_line_accounting, "01_corpus.ipynb", {}),
    "02_keyness_by_group.png": (fig_keyness_by_group, "02_vocabulary.ipynb", {}),
    "02_log_odds_trotsky_cliff.png": (fig_log_odds_scatter, "02_vocabulary.ipynb", {}),
    "02_trotsky_1923_vs_1930.png": (fig_vocabulary_shift, "02_vocabulary.ipynb", {}),
    "02_lexical_diversity.png": (fig_lexical_diversity, "02_vocabulary.ipynb", {}),
    "02_words_over_time.png": (fig_frequency_over_time, "02_vocabulary.ipynb", {}),
    "02_cliff_quotations_left_in.png": (fig_quotations_left_in, "02_vocabulary.ipynb", {}),
    "03_choosing_k.png": (fig_choosing_k, "03_topics.ipynb", {}),
    "03_topic_overview.png": (fig_topic_overview, "03_topics.ipynb", {}),
    "03_backend_agreement.png": (fig_backend_agreement, "03_topics.ipynb", {}),
    "04_prevalence_by_group.png": (fig_prevalence_by_group, "04_themes.ipynb", {}),
    "04_trotsky_theme_shift.png": (fig_theme_shift, "04_themes.ipynb", {}),
    "04_themes_over_time.png": (fig_themes_over_time, "04_themes.ipynb", {}),
    "05_reuse_map.png": (fig_reuse_map, "05_who_speaks.ipynb", {}),
    "05_quoted_share.png": (fig_quoted_share, "05_who_speaks.ipynb", {}),
    "05_stylometry_map.png": (fig_stylometry_map, "05_who_speaks.ipynb", {}),
    "05_cliff_topics_with_quotations.png": (fig_quotation_prevalence, "05_who_speaks.ipynb", {}),
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


def write_figures(corpus: Corpus, out_dir: str | Path | None = None) -> list[Path]:
    """Regenerate every figure in :data:`FIGURES` into ``out_dir`` (default ``figures/``), the files of
    :data:`PAGES` (the topic browser), and ``manifest.json``: one provenance record per file
    (:func:`textlab.study.provenance.figure_record`).

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
    (23, 'topic_browser.html', 'manifest.json')
    """
    out = Path(out_dir) if out_dir is not None else paths.FIGURES
    written, records = [], []
    for i, (name, (fn, notebook, kwargs)) in enumerate(sorted(FIGURES.items()), 1):
        log.info("[%d/%d] %s (%s)", i, len(FIGURES), name, fn.__name__)
        fig = fn(corpus, **kwargs)
        records.append(figure_record(name, fn, notebook, kwargs, corpus, fig))  # before save closes it
        written.append(save_figure(fig, out / name))
    for name, (write, notebook, _) in sorted(PAGES.items()):
        written.append(write(corpus, out / name))
        log.info("wrote %s", written[-1])
        records.append(figure_record(name, write, notebook, {}, corpus, written[-1].read_bytes()))
    written.append(write_manifest(records, out / MANIFEST_NAME))
    return written
