"""The topic figures of the notebooks (03, 04 and 05) and the topic browser, each made from a corpus.

Every ``fig_*`` function computes its tables from a
:class:`~textlab.corpus.table.Corpus` with :mod:`textlab.topics` (the corpus
model and its sweep are cached in ``data/processed/topics``) and draws them
with :mod:`textlab.viz.topic_plots`. :data:`textlab.study.figures.FIGURES`
lists them with the other figures. The tables of the figures that compare groups come from
:mod:`textlab.study.sections`; where the corpus gives such a figure nothing to show (no periods, no
quotations) it returns a :class:`~textlab.study.narrate.Nothing`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from textlab import topics as topics_mod
from textlab.core import paths
from textlab.corpus.table import Corpus
from textlab.study import sections
from textlab.study.groups import group_colors, group_order
from textlab.study.narrate import Nothing
from textlab.topics.backends import DEFAULT_BACKEND, backend_label
from textlab.viz.browser import write_topic_browser
from textlab.viz.topic_plots import (
    plot_backend_agreement,
    plot_choosing_k,
    plot_prevalence_by_group,
    plot_quotation_prevalence,
    plot_theme_shift,
    plot_themes_over_time,
    plot_topic_overview,
)

__all__ = [
    "fig_choosing_k",
    "fig_topic_overview",
    "fig_backend_agreement",
    "fig_prevalence_by_group",
    "fig_theme_shift",
    "fig_themes_over_time",
    "fig_quotation_prevalence",
    "write_corpus_topic_browser",
]


def fig_choosing_k(corpus: Corpus, *, ks: Sequence[int] = topics_mod.DEFAULT_KS) -> Figure:
    """Coherence, held-out perplexity and stability against the number of topics, per seed (the default backend).

    Examples
    --------
    The sweep's fits are cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_choosing_k(example_corpus(), ks=(2, 3, 4))  # doctest: +SKIP
    >>> len(fig.axes), "dashed: K = 3 " in fig.texts[0].get_text()  # doctest: +SKIP
    (4, True)
    """
    sw = topics_mod.corpus_sweep(corpus, ks=tuple(ks))
    return plot_choosing_k(sw.runs, sw.by_k, k_star=topics_mod.suggest_k(sw.by_k), heldout=sw.heldout)


def fig_topic_overview(corpus: Corpus, *, k: int | None = None) -> Figure:
    """The corpus model's topics: prevalence, coherence and how often each comes back; † marks the unstable.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_topic_overview(example_corpus(), k=3)  # doctest: +SKIP
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]  # doctest: +SKIP
    ['2: soldier / defense / army', '1: program / union / congress', '0: cooperative / tax / market']
    """
    return plot_topic_overview(topics_mod.corpus_topics(corpus, k=k), backend=backend_label(DEFAULT_BACKEND))


def fig_backend_agreement(corpus: Corpus, *, k: int | None = None, other: str = sections.AGREEMENT_OTHER) -> Figure:
    """Cosine similarity of the corpus model's topics to their best matches among another backend's (same chunks, K).

    Examples
    --------
    The models are cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_backend_agreement(example_corpus(), k=3)  # doctest: +SKIP
    >>> fig.texts[0].get_text()  # doctest: +SKIP
    'Do the backends agree? 3 of 3 tomotopy topics have a gensim match with cosine >= 0.7'
    """
    full, sim, t, sk_words = sections.backend_agreement(corpus, k=k, other=other)
    return plot_backend_agreement(full, sim, t, sk_words, names=(backend_label(DEFAULT_BACKEND), backend_label(other)))


def fig_prevalence_by_group(corpus: Corpus, *, k: int | None = None, n_boot: int = 1000, seed: int = 0) -> Figure:
    """Each topic's share of each author and period, with intervals that resample corpus rows.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_prevalence_by_group(example_corpus(), k=3, n_boot=100)  # doctest: +SKIP
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]  # doctest: +SKIP
    ['A. Adams', 'B. Brown', 'C. Clark']
    """
    prev = topics_mod.corpus_prevalence(corpus, k=k, n_boot=n_boot, seed=seed)
    table = topics_mod.corpus_topics(corpus, k=k)
    groups = group_order(corpus, prev["group"])
    return plot_prevalence_by_group(prev, table, groups=groups, colors=group_colors(corpus, groups))


def fig_theme_shift(
    corpus: Corpus,
    *,
    periods: tuple[str, str] | None = None,
    k: int | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> Figure | Nothing:
    """Difference in each topic's share between the later and the earlier of two periods of one author, with its
    interval; hollow where it includes 0.

    ``periods`` default to the corpus's choice (:func:`textlab.study.choices.period_pair`); Nothing where the
    corpus has no earlier and later group of one author.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_theme_shift(example_corpus().grouped("author+year"), k=3, n_boot=100)  # doctest: +SKIP
    >>> fig.texts[0].get_text()  # doctest: +SKIP
    'How the themes move: C. Clark 1931 against C. Clark 1930'
    """
    chosen = sections.periods_of(corpus, periods)
    if isinstance(chosen, Nothing):
        return chosen
    b, a = chosen
    d = sections.theme_difference(corpus, (a, b), k=k, n_boot=n_boot, seed=seed)
    table = topics_mod.corpus_topics(corpus, k=k)
    return plot_theme_shift(d, table, a=a, b=b, colors=group_colors(corpus, (a, b)))


def fig_themes_over_time(
    corpus: Corpus,
    *,
    periods: tuple[str, str] | None = None,
    author: str | None = None,
    k: int | None = None,
    n_topics: int = 6,
    n_boot: int = 1000,
    seed: int = 0,
) -> Figure | Nothing:
    """One author's most changing themes by year (all the author's groups) and by month in one group, with intervals.

    The author of the periods (default: the corpus's choice) and the later period; without periods, ``author`` or
    the author with the most words over two years or more, and the author's largest group
    (:func:`textlab.study.sections.themes_over_time`). Nothing when no author writes in two years.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_themes_over_time(example_corpus(), author="A. Adams", k=3, n_topics=3, n_boot=100)  # doctest: +SKIP
    >>> len(fig.axes), fig.axes[2].get_title()  # doctest: +SKIP
    (6, '2: soldier / defense / army')
    """
    tables = sections.themes_over_time(
        corpus, periods=periods, author=author, k=k, n_topics=n_topics, n_boot=n_boot, seed=seed
    )
    if isinstance(tables, Nothing):
        return tables
    prev, monthly, chosen, author, group = tables
    return plot_themes_over_time(prev, monthly, chosen, author=author, group=group, n_topics=n_topics)


def fig_quotation_prevalence(
    corpus: Corpus, *, group: str | None = None, k: int | None = None, n_boot: int = 1000, seed: int = 0
) -> Figure | Nothing:
    """A group's topic prevalence in its own words and with its quotations put back, under the same corpus model.

    :func:`textlab.topics.corpus.corpus_quotation_prevalence`: both sides inferred with the topics held fixed;
    the right panel is the change with its paired interval over works. ``group`` defaults to the group that
    quotes most; Nothing where no group quotes.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_quotation_prevalence(example_corpus(), group="C. Clark", k=3, n_boot=100)  # doctest: +SKIP
    >>> len(fig.axes), fig.axes[0].get_yticklabels()[1].get_text()  # doctest: +SKIP
    (2, 'program / union / congress')
    """
    t = sections.quotation_themes(corpus, group=group, k=k, n_boot=n_boot, seed=seed)
    if isinstance(t, Nothing):
        return t
    chosen = str(sections.quoting_of(corpus, group))
    return plot_quotation_prevalence(t, group=chosen, color=group_colors(corpus, [chosen])[chosen])


def write_corpus_topic_browser(corpus: Corpus, path: str | Path | None = None, *, k: int | None = None) -> Path:
    """Write the corpus model's interactive topic browser (``figures/topic_browser.html``).

    The page is :func:`textlab.viz.browser.write_topic_browser`'s, filled with the corpus model's topics, their
    names and stability, and their prevalence by group (groups in the figures' order).

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> import tempfile
    >>> from textlab.corpus.examples import example_corpus
    >>> with tempfile.TemporaryDirectory() as d:  # doctest: +SKIP
    ...     path = write_corpus_topic_browser(example_corpus(), Path(d) / "browser.html", k=3)
    ...     print(path.name, "<html" in path.read_text(encoding="utf-8").lower())
    browser.html True
    """
    _, m, model = topics_mod.corpus_model(corpus, k=k)
    table = topics_mod.corpus_topics(corpus, k=k)
    prev = topics_mod.corpus_prevalence(corpus, k=k)
    order = {g: i for i, g in enumerate(group_order(corpus, prev["group"]))}
    prev = prev.sort_values(["group", "topic"], key=lambda c: c.map(order) if c.name == "group" else c)
    target = Path(path) if path is not None else paths.FIGURES / "topic_browser.html"
    return write_topic_browser(
        target,
        topic_word=model.topic_word,
        vocab=model.vocab,
        term_freq=np.asarray(m.X.sum(axis=0)).ravel(),
        prevalence=prev[["group", "topic", "prevalence", "low", "high"]],
        labels=table["name"].tolist(),
        stable=table["stable"].tolist(),
        title=f"textlab: {model.k} topics of the {'bundled ' if corpus.groups is None else ''}corpus "
        f"({backend_label(model.backend)} LDA, seed 0)",
    )
