"""Tests for textlab/study/sections.py and the figures' "nothing to show": a section without data says why, once,
and no file is written for it."""

import json

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from textlab.corpus.examples import example_corpus
from textlab.corpus.table import Corpus
from textlab.study import figures, sections
from textlab.study.figures import FIGURES, FigureOut, Nothing


def _only(corpus: Corpus, authors, groups="author") -> Corpus:
    """The corpus with the rows of ``authors`` only."""
    keep = corpus.docs["author"].isin(authors)
    return Corpus(corpus.docs[keep], corpus.lines, corpus.lexicon, corpus.info, groups=groups)


@pytest.fixture(scope="module")
def one_group():
    return _only(example_corpus(), ["A. Adams"])


@pytest.fixture(scope="module")
def no_quotations():
    return _only(example_corpus(), ["A. Adams", "B. Brown"])


def test_a_corpus_of_one_group_compares_nothing_and_says_so(one_group):
    for fig in (
        figures.fig_keyness_by_group(one_group, n_boot=20),
        figures.fig_log_odds_scatter(one_group),
        figures.fig_vocabulary_shift(one_group, n_boot=20),
        figures.fig_stylometry_map(one_group),
    ):
        assert isinstance(fig, Nothing), fig
    assert "one group (A. Adams)" in sections.keyness_tables(one_group).reason
    assert "one group (A. Adams)" in sections.pair_of(one_group).reason
    assert "A. Adams" in figures.fig_stylometry_map(one_group).reason
    assert isinstance(sections.distinctive(one_group, "A. Adams"), Nothing)
    # what does not compare groups still draws
    assert isinstance(figures.fig_words_by_author_kind(one_group), Figure)
    plt.close("all")


def test_a_corpus_without_quotations_draws_no_quotation_figure(no_quotations):
    assert sections.quoting_of(no_quotations) == Nothing(sections.NO_QUOTATIONS)
    for fig in (
        figures.fig_quotations_left_in(no_quotations, n_boot=20),
        figures.fig_quoted_share(no_quotations),
        figures.fig_reuse_map(no_quotations),
    ):
        assert isinstance(fig, Nothing), fig
    assert sections.reuse_table(no_quotations).reason.startswith("no passage of 20 words")
    # with quotations (Clark quotes Adams), the same figures draw
    assert isinstance(figures.fig_quotations_left_in(example_corpus(), n_boot=20), Figure)
    assert isinstance(figures.fig_reuse_map(example_corpus()), Figure)
    plt.close("all")


def test_periods_are_one_authors_groups_or_nothing():
    corpus = example_corpus()
    why = figures.fig_vocabulary_shift(corpus, n_boot=20)  # grouped by author: no author at two times
    assert isinstance(why, Nothing) and "author+year" in why.reason
    by_year = corpus.grouped("author+year")
    fig = figures.fig_vocabulary_shift(by_year, n_boot=20)
    early, late = sections.periods_of(by_year)
    assert early.rsplit(" ", 1)[0] == late.rsplit(" ", 1)[0]  # one author
    assert [ax.get_title() for ax in fig.axes] == [f"used less in {late}", f"used more in {late}"]
    plt.close(fig)
    one_year = Corpus(
        corpus.docs.assign(year=1900, date="1900"), corpus.lines, corpus.lexicon, corpus.info, groups="author+year"
    )
    assert sections.periods_of(one_year).reason.startswith("every document is of one year (1900)")
    assert isinstance(figures.fig_frequency_over_time(one_year, n_boot=20), Nothing)


def test_figure_out_writes_what_it_shows_and_nothing_for_a_section_without_data(tmp_path, no_quotations):
    out = FigureOut("02_vocabulary.ipynb", tmp_path)
    fig = figures.fig_keyness_by_group(no_quotations, n_boot=20)
    assert out.show("02_keyness_by_group.png", fig) is fig
    none = figures.fig_quotations_left_in(no_quotations, n_boot=20)
    assert out.show("02_quotations_left_in.png", none) is none
    assert sorted(p.name for p in tmp_path.iterdir()) == ["02_keyness_by_group.png"]
    assert out.written == [tmp_path / "02_keyness_by_group.png"]
    summary = out.summary()
    assert "`02_keyness_by_group.png`" in summary and "`02_quotations_left_in.png` (no group quotes" in summary
    assert none._repr_markdown_().count("\n") == 0  # one line
    with pytest.raises(ValueError, match="not a figure of 02_vocabulary.ipynb"):
        out.show("05_reuse_map.png", fig)
    shown_only = FigureOut("02_vocabulary.ipynb")  # no output folder: shows, writes nothing
    assert shown_only.show("02_keyness_by_group.png", fig) is fig and shown_only.written == []
    plt.close("all")


def test_figure_kwargs_are_the_notebooks_choices(corpus):
    from textlab.study.choices import BUNDLED

    assert figures.figure_kwargs("02_log_odds_pair.png", corpus) == {"pair": BUNDLED.pair}
    assert figures.figure_kwargs("04_theme_shift.png", corpus) == {"periods": BUNDLED.periods}
    assert figures.figure_kwargs("05_topics_with_quotations.png", corpus) == {"group": BUNDLED.quoting}
    assert figures.figure_kwargs("02_words_over_time.png", corpus) == {"terms": BUNDLED.terms}
    assert all(n in FIGURES for n in ("02_vocabulary_shift.png", "02_quotations_left_in.png"))


def test_write_figures_leaves_out_what_has_nothing_to_show(tmp_path, no_quotations, monkeypatch):
    cheap = {n: FIGURES[n] for n in ("01_who_speaks.png", "02_quotations_left_in.png", "05_reuse_map.png")}
    monkeypatch.setattr(figures, "FIGURES", cheap)
    monkeypatch.setattr(figures, "PAGES", {})
    written = figures.write_figures(no_quotations, tmp_path)
    assert [p.name for p in written] == ["01_who_speaks.png", "manifest.json"]
    assert [r["file"] for r in json.loads(written[-1].read_text())["figures"]] == ["01_who_speaks.png"]
