"""Tests of textlab.features.rows: the rows a comparison uses, and a corpus's reuse and quoted spans."""

import pandas as pd
import pytest

from textlab.corpus.examples import example_corpus
from textlab.corpus.table import Corpus
from textlab.features import rows as rows_mod
from textlab.features.rows import comparison_rows, corpus_quoted_share, corpus_reuse, corpus_rows, corpus_spans
from textlab.voices.quotations import quoted_share, quoted_spans


def test_comparison_rows_keep_only_the_speakers_own_words(corpus):
    rows = comparison_rows(corpus.docs)
    assert set(rows["kind"]) == {"primary"}
    assert set(rows["group"]) == {"Gorter 1920", "Trotsky 1923-25", "Trotsky 1928", "Trotsky 1930-31", "Cliff 1993"}
    assert not rows["author"].isin(["Wildcat", "Naomi Allen", "Pathfinder editors", "The Forty-six"]).any()
    by_group = rows.groupby("group")["author"].unique()
    assert by_group.map(len).max() == 1  # one author per group
    quoted = comparison_rows(corpus.docs, quotations_of=["Cliff 1993"])
    extra = quoted[~quoted["doc_id"].isin(rows["doc_id"])]
    assert set(extra["kind"]) == {"quotation"} and set(extra["group"]) == {"Cliff 1993"}
    assert len(extra) == ((corpus.docs["kind"] == "quotation") & (corpus.docs["author"] == "Tony Cliff")).sum()
    with pytest.raises(TypeError):
        comparison_rows(corpus.docs, kinds="primary")


def test_quotations_switch_drops_quoted_spans_or_keeps_them(corpus):
    drop = comparison_rows(corpus.docs, quotations="drop", spans=corpus_spans(corpus))
    assert comparison_rows(corpus.docs).equals(comparison_rows(corpus.docs, quotations="drop"))  # the default
    assert "quoted_words" not in comparison_rows(corpus.docs, quotations="rows").columns  # the text as it is
    keep = comparison_rows(corpus.docs, quotations="keep")
    plain = keep[keep["kind"] == "primary"].set_index("doc_id")
    d = drop.set_index("doc_id")
    # the same primary rows; each loses exactly the words it quoted, and no row gains any
    assert list(d.index) == list(plain.index)
    assert (d["n_words"] + d["quoted_words"] == plain["n_words"]).all()
    assert (d["quoted_words"] >= 0).all() and (keep["quoted_words"] == 0).all()
    by_group = d.groupby("group")["quoted_words"].sum() / plain.groupby("group")["n_words"].sum()
    assert by_group["Cliff 1993"] > 0.02 and by_group["Trotsky 1923-25"] > 0.02  # both quote inline
    # keep puts every group's block quotations back
    assert set(keep.loc[keep["kind"] == "quotation", "group"]) >= {"Cliff 1993"}
    with pytest.raises(ValueError, match="quotations"):
        comparison_rows(corpus.docs, quotations="some")


def test_corpus_rows_drop_reused_passages_too(corpus):
    inline = comparison_rows(corpus.docs, quotations="drop")
    both = corpus_rows(corpus)
    assert both["doc_id"].tolist() == inline["doc_id"].tolist()
    # reuse from older texts of other authors (Cliff quoting Trotsky without marks) is cut as well
    cliff = both["group"] == "Cliff 1993"
    assert both.loc[cliff, "quoted_words"].sum() > inline.loc[cliff, "quoted_words"].sum()
    assert (both["quoted_words"] >= inline["quoted_words"]).all()
    with pytest.raises(TypeError, match="Corpus"):
        corpus_rows(corpus.docs)


def test_cliff_quotes_far_more_than_trotsky(corpus):
    rows = comparison_rows(corpus.docs, quotations="keep")
    t = quoted_share(rows, quoted_spans(rows)).set_index("group")
    both = corpus_quoted_share(corpus).set_index("group")
    assert (both["quoted_spans"] >= t["quoted_spans"]).all()
    assert t.loc["Cliff 1993", "quoted_share"] > 0.25  # block quotations alone are about a quarter of the book
    assert (t.drop("Cliff 1993")["quoted_share"] < 0.15).all()


def test_a_corpus_without_one_authors_rows_gets_its_own_reuse():
    """Reuse and spans are kept on the rows: without Clark's rows, the corpus has no reuse and no Clark spans."""
    full = example_corpus()
    assert len(corpus_reuse(full)) == 2 and corpus_spans(full)["clark_3-00001"]
    docs = full.docs[full.docs["author"] != "C. Clark"]
    part = Corpus(docs, full.lines, full.lexicon, full.info, groups=full.groups)
    assert corpus_reuse(part).empty
    assert set(corpus_spans(part)) == set(docs["doc_id"]) and not any(corpus_spans(part).values())
    assert corpus_quoted_share(part)["group"].tolist() == ["A. Adams", "B. Brown"]
    assert len(corpus_reuse(full)) == 2


def test_corpus_reuse_is_found_once_for_the_same_rows(monkeypatch):
    first = corpus_reuse(example_corpus())
    monkeypatch.setattr(rows_mod, "find_reuse", lambda docs: pd.DataFrame())
    assert corpus_reuse(example_corpus()) is first  # another object, the same rows


# ------------------------------------------------------------------ a user's corpus grouped by nothing


def _entry_points():
    """Every entry point that compares groups, as a user calls it on a corpus."""
    from textlab import stylometry, topics
    from textlab.features import chunks, dtm

    return {
        "comparison_rows": lambda c: comparison_rows(c.docs),
        "corpus_rows": corpus_rows,
        "corpus_quoted_share": corpus_quoted_share,
        "dtm.corpus_dtm": dtm.corpus_dtm,
        "chunks.corpus_chunks": chunks.corpus_chunks,
        "stylometry.author_attribution": lambda c: stylometry.author_attribution(c, size=250, n_splits=2),
        "topics.corpus_chunk_dtm": topics.corpus_chunk_dtm,
    }


@pytest.mark.parametrize("name", list(_entry_points()))
def test_a_corpus_grouped_by_nothing_says_which_column_to_group_by(name):
    """A user's corpus left with the bundled groups table (groups=None) names none of its files: every entry
    point says so, and which columns could group it, instead of "n_splits=5 is more than the number of groups
    (0)" or "empty vocabulary"."""
    from textlab.corpus.groups import NoGroupsError

    ungrouped = example_corpus().grouped(None)
    with pytest.raises(NoGroupsError) as err:
        _entry_points()[name](ungrouped)
    message = str(err.value)
    assert message.startswith("no row has a group: the groups table data/groups.csv")
    assert "corpus.grouped('author')" in message and "--by author" in message
    assert "columns: author, year, work" in message
    assert "n_splits" not in message and "vocabulary" not in message


def test_the_readme_one_liners_run_on_a_users_corpus_as_built(tmp_path):
    """build_corpus groups a user's corpus by author: the matrix has every author's rows, attribution runs."""
    from textlab import stylometry
    from textlab.corpus.build import build_corpus
    from textlab.corpus.examples import write_example_corpus
    from textlab.features import dtm

    corpus = build_corpus(tmp_path, write_example_corpus(tmp_path))
    m = dtm.corpus_dtm(corpus)
    assert sorted(set(m.docs["group"])) == ["A. Adams", "B. Brown", "C. Clark"] and m.X.shape[1] > 10
    r = stylometry.author_attribution(corpus, size=250, n_mfw=10, n_splits=2)
    assert sorted(r.confusion.index) == ["A. Adams", "B. Brown", "C. Clark"] and r.accuracy > 0.9
