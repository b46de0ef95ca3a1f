"""Groups of corpus rows: how a comparison of authors (or periods, or parties) groups the rows of a corpus.

A grouping is either a table (a CSV path or a DataFrame: key columns of the corpus table and a ``group``
column; the bundled corpus's is ``data/groups.csv``) or columns of the corpus table (``"author"``,
``"author+year"``, ``["author", "year"]``). :func:`group_columns` tells which; :func:`label_groups` labels
each row with its group.

Examples
--------
>>> docs = pd.DataFrame({"author": ["A", "B", "A"], "year": [1920, 1920, 1930]})
>>> group_columns("author+year")
['author', 'year']
>>> label_groups(docs, "author+year").tolist()
['A 1920', 'B 1920', 'A 1930']
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, cast

import pandas as pd

from textlab.core import paths

__all__ = ["group_columns", "label_groups"]


def group_columns(spec: Any, docs: pd.DataFrame | None = None) -> list[str] | None:
    """The columns a grouping spec names, or None when it is a table (path, DataFrame or the default).

    A str is a column name when it has no path separator and no ``.csv`` ending (``"author"``,
    ``"author+year"`` for two columns); a list or tuple of str names columns.

    >>> group_columns("author"), group_columns("author+year"), group_columns(["author"])
    (['author'], ['author', 'year'], ['author'])
    >>> group_columns("data/groups.csv") is None
    True
    """
    if spec is None or isinstance(spec, (pd.DataFrame, os.PathLike)):
        return None
    if isinstance(spec, str):
        if "/" in spec or "\\" in spec or spec.endswith(".csv"):
            return None
        return [c.strip() for c in spec.split("+") if c.strip()]
    if isinstance(spec, (list, tuple)) and all(isinstance(c, str) for c in spec):
        return list(spec)
    raise TypeError(
        f"a grouping is a column name, a list of them, a table path or a DataFrame; got {type(spec).__name__}"
    )


def label_groups(
    docs: pd.DataFrame, table: str | os.PathLike | pd.DataFrame | Sequence[str] | None = None, *, column: str = "group"
) -> pd.Series:
    """Label corpus rows with a group name: from an editable table, or from columns of ``docs``.

    ``table`` is one of:

    * ``None``: the bundled corpus's table ``data/groups.csv``;
    * a path or a DataFrame: a table with a ``group`` column and one or more
      key columns that are columns of ``docs`` (for the bundled corpus:
      ``source`` and ``author``); a row gets the group whose keys all match,
      else NaN (left out of the comparison);
    * the name of a column of ``docs`` (``"author"``), or a list of them
      (``["author", "year"]``, joined with a space): every row is labelled,
      which is what a user's own corpus needs.

    Returns a Series aligned with ``docs``.

    >>> docs = pd.DataFrame({"author": ["A", "B", "A"], "year": [1920, 1920, 1930]})
    >>> table = pd.DataFrame({"author": ["A", "A"], "year": [1920, 1930], "group": ["A early", "A late"]})
    >>> label_groups(docs, table).tolist()
    ['A early', nan, 'A late']
    >>> label_groups(docs, "author").tolist(), label_groups(docs, ["author", "year"]).tolist()
    (['A', 'B', 'A'], ['A 1920', 'B 1920', 'A 1930'])
    """
    columns = group_columns(table, docs)
    if columns is not None:
        missing = [c for c in columns if c not in docs.columns]
        if missing:
            raise ValueError(f"group by {missing}: not columns of the corpus table; columns are {list(docs.columns)}")
        values = docs[columns[0]].astype(str)
        for c in columns[1:]:
            values = values + " " + docs[c].astype(str)
        return pd.Series(values.to_numpy(), index=docs.index, name=column)
    if table is None:
        table = paths.DATA / "groups.csv"
    name = str(table) if not isinstance(table, pd.DataFrame) else "groups table"
    if not isinstance(table, pd.DataFrame):
        table = pd.read_csv(cast(Any, table), dtype=str, keep_default_na=False)
    if column not in table.columns:
        raise ValueError(f"{name}: no {column!r} column; columns are {list(table.columns)}")
    keys = [c for c in table.columns if c != column and c != "note"]
    missing = [k for k in keys if k not in docs.columns]
    if not keys or missing:
        raise ValueError(f"{name}: key columns {missing or keys} are not columns of docs ({list(docs.columns)})")
    left = docs[keys].astype(str).reset_index(drop=True)
    right = table[keys + [column]].astype(str).drop_duplicates(subset=keys)
    merged = left.merge(right, on=keys, how="left", sort=False)
    return pd.Series(merged[column].to_numpy(), index=docs.index, name=column)
