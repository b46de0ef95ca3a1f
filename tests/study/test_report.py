"""Tests for textlab/study/report.py: the corpus tables and the README's generated tables."""

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from textlab.core import paths
from textlab.study import report
from textlab.study.figures import FIGURES, PAGES


@given(
    st.lists(
        st.tuples(st.sampled_from("ABC"), st.sampled_from(["primary", "notes", "quotation"]), st.integers(0, 1000)),
        min_size=1,
        max_size=30,
    )
)
def test_kind_shares_sum_to_one_and_words_by_sums(rows):
    docs = pd.DataFrame(rows, columns=["source", "kind", "n_words"])
    t = report.words_by(docs, "source", columns="kind")
    assert t.values.sum() == docs["n_words"].sum()
    if docs["n_words"].sum() and (docs.groupby("source")["n_words"].sum() > 0).all():
        s = report.kind_shares(docs)
        assert ((s.sum(axis=1) - 1).abs() < 1e-9).all()


def test_lexicon_table_in_points(corpus):
    t = report.lexicon_table(corpus)
    assert t["share_clean"].between(50, 100).all()
    assert (t["change"] == (t["share_clean"] - t["share_raw"]).round(2)).all()


def test_before_after_one_per_source(corpus):
    out = report.before_after(corpus, n_chars=100)
    assert sorted(s for s, _, _ in out) == sorted(corpus.docs["source"].unique())
    assert all(len(a) <= 100 and len(b) <= 100 for _, a, b in out)


def test_readme_tables_are_current(corpus):
    """The README quotes the measured tables; `make figures` refreshes them."""
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    for name, table in report.readme_tables(corpus, registry=FIGURES, pages=PAGES).items():
        assert f"<!-- {name}:" in readme
        assert table in readme, f"README table {name} is stale: run make figures"


def test_update_readme_rewrites_only_between_markers(corpus, tmp_path):
    p = tmp_path / "R.md"
    p.write_text(
        "intro\n<!-- lexicon-table: x -->\nold\n<!-- /lexicon-table -->\n"
        "<!-- accounting-table: x -->\n<!-- /accounting-table -->\n"
        "<!-- figure-gallery: x -->\n<!-- /figure-gallery -->\nend\n"
    )
    assert report.update_readme(p, corpus, registry=FIGURES, pages=PAGES) is True
    text = p.read_text()
    assert text.startswith("intro\n") and text.endswith("end\n") and "old" not in text
    assert report.figure_gallery(FIGURES, PAGES) in text
    assert report.update_readme(p, corpus, registry=FIGURES, pages=PAGES) is False


def test_figure_gallery_lists_every_figure_with_its_notebook_and_function():
    rows = report.figure_gallery(FIGURES, PAGES).splitlines()[2:]
    assert len(rows) == len(FIGURES) + len(PAGES)  # and the topic browser
    for name, (fn, notebook, _) in [*FIGURES.items(), *PAGES.items()]:
        line = next(r for r in rows if r.startswith(f"| [{name}]"))
        assert f"notebooks/{notebook}" in line and f"`{fn.__module__}.{fn.__name__}`" in line
        assert fn.__module__.startswith("textlab.study.figures")
        assert (paths.ROOT / "notebooks" / notebook).exists()
    browser = next(r for r in rows if r.startswith("| [topic_browser.html]"))
    assert "`textlab.study.figures_topics.write_corpus_topic_browser`" in browser


def test_figure_gallery_of_another_registry():
    def fig_demo(corpus):
        """Words by author.

        More text that the gallery leaves out.
        """

    rows = report.figure_gallery({"00_demo.png": (fig_demo, "00_demo.ipynb", {})}).splitlines()
    cells = rows[2].split(" | ")
    assert cells == [
        "| [00_demo.png](figures/00_demo.png)",
        "Words by author.",
        "`notebooks/00_demo.ipynb`",
        f"`{__name__}.fig_demo` |",
    ]
