"""Tests of textlab.corpus.groups: groupings of corpus rows, from a table or from columns."""

import pandas as pd
import pytest

from textlab.core.io import InputError
from textlab.corpus.groups import (
    NoGroupsError,
    candidate_columns,
    check_group_by,
    group_columns,
    label_groups,
    require_groups,
)


def test_label_groups_errors_name_the_table(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text("source,grp\nx.txt,G\n")
    with pytest.raises(ValueError, match="g.csv: no 'group' column"):
        label_groups(pd.DataFrame({"source": ["x.txt"]}), p)
    p.write_text("shelf,group\n1,G\n")
    with pytest.raises(ValueError, match=r"g.csv: key columns \['shelf'\]"):
        label_groups(pd.DataFrame({"source": ["x.txt"]}), p)


def test_group_columns_and_labels_from_columns():
    docs = pd.DataFrame({"author": ["A", "B"], "year": [1920, 1921]})
    assert group_columns("author+year") == ["author", "year"] and group_columns(("author",)) == ["author"]
    assert group_columns(None) is None and group_columns(docs) is None and group_columns("groups.csv") is None
    with pytest.raises(TypeError, match="a grouping is"):
        group_columns(3)
    assert label_groups(docs, ["author", "year"]).tolist() == ["A 1920", "B 1921"]
    with pytest.raises(ValueError, match=r"group by \['party'\]"):
        label_groups(docs, "party")


# ------------------------------------------------------------------ a grouping that labels no row, and what could


def _user_docs():
    """The docs of a user's corpus: files no groups table of the bundled corpus names."""
    return pd.DataFrame(
        {
            "doc_id": ["a-00001", "b-00001", "c-00001"],
            "source": ["a.txt", "b.txt", "c.txt"],
            "author": ["A. Adams", "B. Brown", "A. Adams"],
            "year": [1920, 1920, 1931],
            "work": ["Letters", "Notes", "Letters"],
            "kind": ["primary", "primary", "quotation"],
            "party": ["KPD", "KPD", "KPD"],
            "n_words": [10, 12, 14],
        }
    )


def test_candidate_columns_are_metadata_columns_with_two_values_author_first():
    docs = _user_docs()[["source", "doc_id", "year", "kind", "author", "party", "n_words", "work"]]
    assert candidate_columns(docs) == ["author", "year", "work", "source"]  # not ids, kind, counts, one-valued party


def test_require_groups_passes_labels_through_and_names_the_columns_when_none_has_a_group():
    docs = _user_docs()
    labels = label_groups(docs, "author")
    assert require_groups(labels, docs, "author") is labels
    empty = docs.iloc[:0]
    assert require_groups(label_groups(empty), empty).empty  # no rows: nothing to say
    with pytest.raises(NoGroupsError) as err:
        require_groups(label_groups(docs), docs)  # the bundled table names none of a.txt, b.txt, c.txt
    message = str(err.value)
    assert message.startswith("no row has a group: the groups table data/groups.csv")
    assert "corpus.grouped('author')" in message and "--by author on the command line" in message
    assert "(columns: author, year, work, source)" in message
    table = pd.DataFrame({"source": ["z.txt"], "group": ["Z"]})
    with pytest.raises(NoGroupsError, match="the groups table names none of this corpus's sources"):
        require_groups(label_groups(docs, table), docs, table)
    assert isinstance(err.value, InputError) and isinstance(err.value, ValueError)  # the command line exits 2
    some = pd.DataFrame({"source": ["a.txt"], "group": ["A"]})
    assert require_groups(label_groups(docs, some), docs, some).tolist()[0] == "A"  # one row labelled is enough


def test_check_group_by_names_the_missing_column_and_lets_tables_pass(tmp_path):
    check_group_by("author+year", ["author", "year"])
    check_group_by(["author"], ["author"])
    check_group_by(None, ["author"])
    check_group_by(tmp_path / "groups.csv", ["author"])  # a table: checked when read
    with pytest.raises(ValueError, match=r"group_by 'author\+party': \['party'\] is not a column"):
        check_group_by("author+party", ["author", "year"])
