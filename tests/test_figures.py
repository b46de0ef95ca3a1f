"""Tests for textlab/figures.py: every figure builds, is labelled, and is byte-reproducible."""

import matplotlib
import pytest
from matplotlib.figure import Figure

from textlab.study import figures


@pytest.mark.parametrize("name", sorted(figures.FIGURES))
def test_figure_builds_with_labels(corpus, name):
    fn, notebook, kwargs = figures.FIGURES[name]
    fig = fn(corpus, **kwargs)
    try:
        assert isinstance(fig, Figure)
        ax = fig.axes[0]
        title = fig._suptitle.get_text() if fig._suptitle is not None else ""
        assert (title or ax.get_title()) and any(a.get_xlabel() or a.get_ylabel() for a in fig.axes)
        assert any(a.patches or a.lines or a.collections for a in fig.axes), "the figure plots something"
    finally:
        matplotlib.pyplot.close(fig)


def test_save_is_byte_reproducible(corpus, tmp_path):
    fn, _, kwargs = figures.FIGURES["01_who_speaks.png"]
    a = figures.save_figure(fn(corpus, **kwargs), tmp_path / "a.png").read_bytes()
    b = figures.save_figure(fn(corpus, **kwargs), tmp_path / "b.png").read_bytes()
    assert a == b
    assert b"tIME" not in a and b"Software" not in a  # no timestamp, no version tag


def test_importing_figures_sets_no_global_style():
    before = dict(matplotlib.rcParams)
    import importlib

    importlib.reload(figures)
    assert dict(matplotlib.rcParams) == before


def test_write_figures_writes_every_listed_figure(corpus, tmp_path):
    written = figures.write_figures(corpus, tmp_path)
    assert sorted(p.name for p in written) == sorted([*figures.FIGURES, "topic_browser.html", "manifest.json"])
    assert all(p.stat().st_size > 5000 for p in written)


def test_topic_browser_of_the_corpus_model_carries_its_topics_and_flags(corpus, tmp_path):
    from textlab import topics
    from textlab.viz import browser

    path = figures.write_topic_browser(corpus, tmp_path / "b.html")
    data = browser.read_topic_browser_data(path)
    table = topics.corpus_topics(corpus)
    text = path.read_text()
    assert "http://" not in text and "https://" not in text
    assert len(data["topics"]) == len(table)
    assert [t["label"] for t in data["topics"]] == table["name"].tolist()
    assert [t["stable"] for t in data["topics"]] == table["stable"].tolist()
    assert path.read_bytes() == figures.write_topic_browser(corpus, tmp_path / "c.html").read_bytes()
