"""Tests for textlab/study/figures_topics.py: the topic browser of the corpus model."""

from textlab.study.figures_topics import write_corpus_topic_browser
from textlab.topics.corpus import corpus_topics
from textlab.viz.browser import read_topic_browser_data


def test_topic_browser_of_the_corpus_model_carries_its_topics_and_flags(corpus, tmp_path):
    path = write_corpus_topic_browser(corpus, tmp_path / "b.html")
    data = read_topic_browser_data(path)
    table = corpus_topics(corpus)
    text = path.read_text()
    assert "http://" not in text and "https://" not in text
    assert len(data["topics"]) == len(table)
    assert [t["label"] for t in data["topics"]] == table["name"].tolist()
    assert [t["stable"] for t in data["topics"]] == table["stable"].tolist()
    assert path.read_bytes() == write_corpus_topic_browser(corpus, tmp_path / "c.html").read_bytes()
