"""Tests of textlab.corpus.groups: groupings of corpus rows, from a table or from columns."""

import pandas as pd
import pytest

from textlab.corpus.groups import group_columns, label_groups


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
