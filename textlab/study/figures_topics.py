"""The topic figures of the notebooks (03, 04 and 05) and the topic browser, each made from a corpus.

Every ``fig_*`` function computes its tables from a
:class:`~textlab.corpus.table.Corpus` with :mod:`textlab.topics` (the corpus
model and its sweep are cached in ``data/processed/topics``) and draws them
with :mod:`textlab.viz.topic_plots`. :data:`textlab.study.figures.FIGURES`
lists them with the other figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from textlab import topics as topics_mod
from textlab.core import paths
from textlab.corpus.table import Corpus
from textlab.features.dtm import corpus_dtm
from textlab.study import bundled
from textlab.study.groups import group_colors, group_order, pick_groups
from textlab.topics.stability import align_topics, similarity_matrix
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
    """Coherence, held-out perplexity and stability against the number of topics, per seed (gensim sweep).

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
    return plot_topic_overview(topics_mod.corpus_topics(corpus, k=k))


def fig_backend_agreement(corpus: Corpus, *, k: int | None = None) -> Figure:
    """Cosine similarity of the gensim model's topics to their best matches among scikit-learn's (same chunks and K).

    Examples
    --------
    The models are cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_backend_agreement(example_corpus(), k=3)  # doctest: +SKIP
    >>> fig.texts[0].get_text()  # doctest: +SKIP
    'Do the backends agree? 3 of 3 gensim topics have a scikit-learn match with cosine >= 0.7'
    """
    t = topics_mod.corpus_topics(corpus, k=k)
    g = topics_mod.corpus_models(corpus, k=k, seeds=(0,))[0]
    sk = topics_mod.corpus_models(corpus, k=g.k, seeds=(0,), backend="sklearn")[0]
    perm, sim = align_topics(g.topic_word, sk.topic_word)
    full = similarity_matrix(g.topic_word, sk.topic_word)[:, perm]
    sk_words = [" / ".join(w.replace("_", " ") for w in ws[:3]) for ws in sk.top_words(3)]
    return plot_backend_agreement(full, sim, t, [sk_words[perm[i]] for i in range(g.k)])


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
    a: str = bundled.PERIODS[1],
    b: str = bundled.PERIODS[0],
    k: int | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> Figure:
    """Difference in each topic's share between two groups, with its interval; hollow where it includes 0.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_theme_shift(example_corpus(), a="A. Adams", b="B. Brown", k=3, n_boot=100)  # doctest: +SKIP
    >>> fig.texts[0].get_text()  # doctest: +SKIP
    'How the themes move: A. Adams against B. Brown'
    """
    a, b = pick_groups(corpus, (a, b))
    d = topics_mod.corpus_prevalence_difference(corpus, a, b, k=k, n_boot=n_boot, seed=seed)
    table = topics_mod.corpus_topics(corpus, k=k)
    return plot_theme_shift(d, table, a=a, b=b, colors=group_colors(corpus, (a, b)))


def fig_themes_over_time(
    corpus: Corpus,
    *,
    author: str = bundled.AUTHOR,
    group: str = bundled.PERIODS[1],
    k: int | None = None,
    n_topics: int = 6,
    n_boot: int = 1000,
    seed: int = 0,
) -> Figure:
    """Trotsky's most changing themes by year (all his groups) and by month in 1930-31, with intervals.

    On another corpus: the author with the most words, and the largest group, by month where dates have months.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_themes_over_time(example_corpus(), author="A. Adams", group="A. Adams", k=3, n_topics=3,
    ...                            n_boot=100)  # doctest: +SKIP
    >>> len(fig.axes), fig.axes[2].get_title()  # doctest: +SKIP
    (6, '2: soldier / defense / army')
    """
    prev = topics_mod.corpus_prevalence(corpus, by="author", time="year", k=k, n_boot=n_boot, seed=seed)
    if author not in set(prev["author"]):
        author = str(corpus_dtm(corpus).docs.groupby("author")["n_words"].sum().idxmax())
    (group,) = pick_groups(corpus, (group,))
    prev = prev[prev["author"] == author]
    spread = prev.groupby("topic")["prevalence"].agg(lambda v: v.max() - v.min()).sort_values(ascending=False)
    chosen = spread.index[:n_topics].tolist()
    monthly = topics_mod.corpus_prevalence(corpus, by="group", time="month", k=k, n_boot=n_boot, seed=seed)
    monthly = monthly[monthly["group"] == group]
    return plot_themes_over_time(prev, monthly, chosen, author=author, group=group, n_topics=n_topics)


def fig_quotation_prevalence(
    corpus: Corpus, *, group: str = bundled.QUOTING, k: int | None = None, n_boot: int = 1000, seed: int = 0
) -> Figure:
    """A group's topic prevalence in its own words and with its quotations put back, under the same corpus model.

    :func:`textlab.topics.corpus.corpus_quotation_prevalence`: both sides inferred with the topics held fixed;
    the right panel is the change with its paired interval over works.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> fig = fig_quotation_prevalence(example_corpus(), group="C. Clark", k=3, n_boot=100)  # doctest: +SKIP
    >>> len(fig.axes), fig.axes[0].get_yticklabels()[1].get_text()  # doctest: +SKIP
    (2, 'program / union / congress')
    """
    (group,) = pick_groups(corpus, (group,))
    t = topics_mod.corpus_quotation_prevalence(corpus, group, k=k, n_boot=n_boot, seed=seed)
    return plot_quotation_prevalence(t, group=group, color=group_colors(corpus, [group])[group])


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
        "(gensim LDA, seed 0)",
    )
