"""Tests for textlab/study/figures.py: every registered figure builds from the corpus, is labelled and rebuilds
byte for byte; write_figures writes the registry, the pages and the manifest."""

import importlib

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from textlab.corpus.examples import example_corpus
from textlab.study import bundled, figures
from textlab.study.figures import FIGURES, PAGES, write_figures
from textlab.viz.style import PALETTE, save_figure


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_builds_with_labels(corpus, name):
    fn, notebook, kwargs = FIGURES[name]
    fig = fn(corpus, **kwargs)
    try:
        assert isinstance(fig, Figure)
        ax = fig.axes[0]
        assert (fig.get_suptitle() or ax.get_title()) and any(a.get_xlabel() or a.get_ylabel() for a in fig.axes)
        assert any(a.patches or a.lines or a.collections for a in fig.axes), "the figure plots something"
    finally:
        plt.close(fig)


def test_save_is_byte_reproducible(corpus, tmp_path):
    fn, _, kwargs = FIGURES["01_who_speaks.png"]
    a = save_figure(fn(corpus, **kwargs), tmp_path / "a.png").read_bytes()
    b = save_figure(fn(corpus, **kwargs), tmp_path / "b.png").read_bytes()
    assert a == b
    assert b"tIME" not in a and b"Software" not in a  # no timestamp, no version tag


def test_importing_figures_sets_no_global_style():
    before = dict(matplotlib.rcParams)
    importlib.reload(figures)
    assert dict(matplotlib.rcParams) == before


def test_write_figures_writes_every_listed_figure(corpus, tmp_path):
    written = write_figures(corpus, tmp_path)
    assert sorted(p.name for p in written) == sorted([*FIGURES, *PAGES, "manifest.json"])
    assert all(p.stat().st_size > 5000 for p in written)


def _colors(fig):
    """The colours of the interval lines of every panel, as hex."""
    return [matplotlib.colors.to_hex(c.get_colors()[0]) for ax in fig.axes for c in ax.collections[:1]]


def test_the_bundled_corpus_draws_its_groups_in_their_own_colours(corpus):
    fig = FIGURES["02_keyness_by_group.png"][0](corpus, n_boot=20)
    try:
        titles = [ax.get_title().split(" (")[0] for ax in fig.axes if ax.get_title()]
        assert titles == list(bundled.GROUPS)  # the usual order
        assert _colors(fig)[: len(titles)] == [bundled.GROUP_COLORS[g] for g in titles]
        assert bundled.ONE_DOCUMENT_NOTE in fig.axes[len(titles)].texts[0].get_text()
    finally:
        plt.close(fig)


def test_a_users_corpus_gets_colours_by_sorted_group_name_and_no_bundled_note():
    fig = FIGURES["02_keyness_by_group.png"][0](example_corpus(), n_terms=5, n_boot=20)
    try:
        titles = [ax.get_title().split(" (")[0] for ax in fig.axes if ax.get_title()]
        assert titles == ["C. Clark", "A. Adams", "B. Brown"]  # largest first
        by_name = dict(zip(sorted(titles), PALETTE))
        assert _colors(fig)[:3] == [by_name[g] for g in titles]
        assert fig.axes[3].texts[0].get_text().endswith("Hollow: crosses 0.\n")
    finally:
        plt.close(fig)


def test_a_users_corpus_keeps_its_source_names_in_the_reuse_map():
    fig = FIGURES["05_reuse_map.png"][0](example_corpus())
    try:
        works = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert works == sorted(str(s) for s in example_corpus().docs["source"].unique())
    finally:
        plt.close(fig)


def test_the_bundled_reuse_map_names_its_works_shortly(corpus):
    fig = FIGURES["05_reuse_map.png"][0](corpus)
    try:
        assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == list(bundled.SHORT_SOURCES.values())
    finally:
        plt.close(fig)
