"""Groups of corpus rows: how a comparison of authors (or periods, or parties) groups the rows of a corpus.

A grouping is either a table (a CSV path or a DataFrame: key columns of the corpus table and a ``group``
column; the bundled corpus's is ``data/groups.csv``) or columns of the corpus table (``"author"``,
``"author+year"``, ``["author", "year"]``). :func:`group_columns` tells which; :func:`label_groups` labels
each row with its group. A user's corpus is grouped by ``"author"`` unless told otherwise (``group_by=`` of
:func:`textlab.corpus.build.build_corpus` and :func:`textlab.corpus.streamed.build_corpus_table`); the bundled
corpus by its table. When a grouping labels no row at all (a table that names none of the corpus's sources),
:func:`require_groups` raises :class:`NoGroupsError`, saying which columns could group the rows instead.

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
from textlab.core.io import InputError

__all__ = ["NoGroupsError", "group_columns", "label_groups", "candidate_columns", "check_group_by", "require_groups"]

#: Columns of a corpus table that never name groups: ids, positions, texts, counts, how a date was found.
_NOT_GROUPS = frozenset({"doc_id", "line_start", "line_end", "text", "n_words", "date_basis", "quoted_author", "kind"})
#: The columns most often compared, offered first (then the others in table order).
_FIRST = ("author", "year", "work")


class NoGroupsError(InputError):
    """No row of a corpus has a group: its grouping (a table) names none of its rows.

    A subclass of :class:`~textlab.core.io.InputError` (and so of :class:`ValueError`); the message names the
    columns that could group the rows instead (:func:`require_groups`).
    """


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


def candidate_columns(docs: pd.DataFrame) -> list[str]:
    """Columns of a corpus table that could group its rows: metadata columns with two or more values.

    ``author``, ``year`` and ``work`` come first, then the others (``date``, ``title``, ``source``, a user's
    extra columns such as ``party``) in table order; ids, line numbers, texts, counts and ``kind`` are left out.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["a.txt", "b.txt"], "author": ["A", "B"],
    ...                      "year": [1920, 1920], "party": ["KPD", "KAPD"], "text": ["x", "y"]})
    >>> candidate_columns(docs)
    ['author', 'source', 'party']
    """
    names = [c for c in _FIRST if c in docs.columns] + [c for c in docs.columns if c not in _FIRST]
    out = []
    for c in names:
        if c in _NOT_GROUPS:
            continue
        values = docs[c].dropna().astype(str).str.strip()
        if values[values != ""].nunique() >= 2:
            out.append(str(c))
    return out


def check_group_by(group_by: Any, columns: Sequence[str]) -> None:
    """Check that the columns a grouping names (:func:`group_columns`) are among ``columns``; a table passes.

    The check a build makes before it starts, so a misspelt ``group_by`` fails at once, naming the columns.

    >>> check_group_by("author+year", ["author", "year", "title"])
    >>> check_group_by("party", ["author", "year"])
    Traceback (most recent call last):
    ...
    ValueError: group_by 'party': ['party'] is not a column of the corpus table; columns are ['author', 'year']
    """
    cols = group_columns(group_by)
    missing = [c for c in cols or () if c not in columns]
    if missing:
        raise ValueError(
            f"group_by {group_by!r}: {missing} is not a column of the corpus table; columns are {list(columns)}"
        )


def require_groups(labels: pd.Series, docs: pd.DataFrame, grouping: Any = None) -> pd.Series:
    """``labels`` (:func:`label_groups` of ``docs``) if any row has a group; else :class:`NoGroupsError`.

    Every comparison of groups selects its rows through :func:`textlab.features.rows.comparison_rows`, which calls
    this: a corpus whose grouping labels no row (a user's corpus grouped by the bundled ``data/groups.csv``) fails
    here, with a message that names the columns it could be grouped by, not later with an empty matrix.

    Raises
    ------
    NoGroupsError
        If ``docs`` has rows and none of them has a group.

    Examples
    --------
    >>> docs = pd.DataFrame({"source": ["a.txt", "b.txt"], "author": ["A", "B"], "year": [1920, 1921]})
    >>> require_groups(label_groups(docs, "author"), docs, "author").tolist()
    ['A', 'B']
    >>> require_groups(label_groups(docs), docs)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    textlab.corpus.groups.NoGroupsError: no row has a group: the groups table data/groups.csv (the bundled \
corpus's) names none of this corpus's sources; group by a column, e.g. corpus.grouped('author') \
(columns: author, year, source) or --by author on the command line
    """
    if len(labels) == 0 or labels.notna().any():
        return labels
    if grouping is None:
        what = "the groups table data/groups.csv (the bundled corpus's)"
    elif isinstance(grouping, pd.DataFrame):
        what = "the groups table"
    else:
        what = f"the groups table {grouping}"
    columns = candidate_columns(docs)
    first = columns[0] if columns else "author"
    raise NoGroupsError(
        f"no row has a group: {what} names none of this corpus's sources; group by a column, e.g. "
        f"corpus.grouped({first!r}) (columns: {', '.join(columns) or 'none with two or more values'}) "
        f"or --by {first} on the command line"
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
