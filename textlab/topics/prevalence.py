"""Topic prevalence: how much of each group's (or period's) text is about each topic, with bootstrap intervals.

Statistics on plain arrays; nothing here fits a model, and any backend's arrays will do:

- ``doc_topic`` (n_docs x n_topics), rows sum to 1: theta (within 0.001, float32 output; renormalised);
- ``groups``, ``units``: one label per document (a missing label leaves its row out);
- ``meta``, a DataFrame of n_docs rows in ``doc_topic`` order (``author``, ``group``, ``year``, ``date`` as
  ``YYYY-MM`` or ``YYYY-MM-DD``, ``doc_id``, ``text``).

Examples
--------
>>> import numpy as np
>>> doc_topic = np.array([[0.9, 0.1], [0.7, 0.3], [0.2, 0.8]])
>>> prevalence(doc_topic, ["A", "A", "B"]).round(2).values.tolist()
[[0.8, 0.2], [0.2, 0.8]]
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from textlab.core import validate
from textlab.topics.labels import ArrayLike

log = logging.getLogger(__name__)

__all__ = [
    "prevalence",
    "bootstrap_prevalence",
    "prevalence_difference",
    "prevalence_over_time",
    "representative_documents",
]


def _doc_topic(a: ArrayLike) -> np.ndarray:
    return validate.stochastic_rows(
        a,
        "doc_topic",
        "n_docs x n_topics, theta",
        "gensim's get_document_topics drops small shares unless minimum_probability=0",
    )


def _codes(g: np.ndarray) -> tuple[list, np.ndarray]:
    """Sorted distinct labels and each row's position among them (-1 for a missing label)."""
    labels = sorted({x for x in g if not validate.is_missing(x)}, key=validate.sort_key)
    pos = {lab: i for i, lab in enumerate(labels)}
    return labels, np.array([-1 if validate.is_missing(x) else pos[x] for x in g], dtype=int)


def _unit_codes(units: Any, n: int) -> np.ndarray:
    """Integer code of each row's resampling unit (every row its own unit when ``units`` is None)."""
    if units is None:
        return np.arange(n)
    u = validate.labels(units, "units", n)
    missing = np.flatnonzero([validate.is_missing(x) for x in u])
    if missing.size:
        raise ValueError(
            f"units has missing labels (row {missing[0]} and {missing.size - 1} more): every row needs a unit"
        )
    return pd.factorize(pd.Series(u, dtype=object))[0]


def _rng(seed: int, *keys: Any) -> np.random.Generator:
    """A generator for one group: the same ``seed`` and group give the same draws whatever the other groups."""
    seed = validate.seed(seed)
    return np.random.default_rng(np.random.SeedSequence([seed, *[zlib.crc32(str(k).encode("utf-8")) for k in keys]]))


def prevalence(
    doc_topic: ArrayLike,
    groups: Sequence[Any] | np.ndarray | pd.Series,
    *,
    weights: Sequence[float] | np.ndarray | pd.Series | None = None,
) -> pd.DataFrame:
    """Mean topic share of each group's documents: DataFrame (n_groups x n_topics), rows sum to 1.

    ``prevalence[g, k] = sum_i w_i theta_ik / sum_i w_i`` over the documents
    ``i`` of group ``g``. With ``weights=None`` every document weighs alike,
    so the row answers "what is a document of this group about"; with
    ``weights=doc_lengths`` it is the share of the group's *tokens* in each
    topic, where one long document can dominate a group. The two agree on
    chunks of equal length. Rows whose group label is missing (NaN, None)
    are left out, as :func:`textlab.vocab.keyness.label_groups` leaves them. Groups
    are sorted (numbers in numeric order).

    Parameters
    ----------
    doc_topic : array, shape (n_docs, n_topics)
    groups : sequence, length n_docs
    weights : array, shape (n_docs,), optional
        Non-negative weight of each document, e.g. its length in tokens.

    >>> theta = [[1.0, 0.0], [0.5, 0.5], [0.2, 0.8]]
    >>> prevalence(theta, ["A", "A", "B"], weights=[1, 3, 2]).values.tolist()   # A: (1*1 + 3*0.5) / 4
    [[0.625, 0.375], [0.2, 0.8]]
    """
    theta = _doc_topic(doc_topic)
    g = validate.labels(groups, "groups", theta.shape[0])
    w = (
        np.ones(theta.shape[0])
        if weights is None
        else validate.nonnegative_vector(weights, "weights", theta.shape[0], "doc_topic's rows (n_docs)")
    )
    labels, codes = _codes(g)
    if not labels:
        raise ValueError("groups labels no document: every label is missing")
    n_groups = len(labels)
    totals = np.bincount(codes[codes >= 0], weights=w[codes >= 0], minlength=n_groups)
    if (totals == 0).any():
        raise ValueError(f"weights sum to 0 in group {labels[int(np.flatnonzero(totals == 0)[0])]!r}")
    sums = np.zeros((n_groups, theta.shape[1]))
    np.add.at(sums, codes[codes >= 0], w[codes >= 0, None] * theta[codes >= 0])
    return pd.DataFrame(
        sums / totals[:, None],
        index=pd.Index(labels, name="group"),
        columns=pd.RangeIndex(theta.shape[1], name="topic"),
    )


def _boot_group(
    theta: np.ndarray, w: np.ndarray, units: np.ndarray, n_boot: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray | None, int]:
    """Point estimate (n_topics), bootstrap replicates (n_boot x n_topics, None for one unit), number of units.

    Resamples the group's units with replacement; a unit brings all its rows.
    """
    _, local = np.unique(units, return_inverse=True)
    m = int(local.max()) + 1
    sums = np.zeros((m, theta.shape[1]))
    np.add.at(sums, local, w[:, None] * theta)
    tot = np.bincount(local, weights=w, minlength=m)
    point = sums.sum(axis=0) / tot.sum()
    if m < 2:
        return point, None, m
    boots = np.empty((n_boot, theta.shape[1]))
    batch = max(1, min(n_boot, 2_000_000 // m))  # bound memory: batch x m counts at a time
    for s in range(0, n_boot, batch):
        b = min(batch, n_boot - s)
        draws = rng.integers(0, m, size=(b, m)) + m * np.arange(b)[:, None]
        counts = np.bincount(draws.ravel(), minlength=b * m).reshape(b, m).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            boots[s : s + b] = (counts @ sums) / (counts @ tot)[:, None]  # 0/0 if every drawn row weighs 0
    return point, boots, m


def _interval(boots: np.ndarray | None, ci: float, n_topics: int) -> tuple[np.ndarray, np.ndarray]:
    if boots is None:
        return np.full(n_topics, np.nan), np.full(n_topics, np.nan)
    q = (1 - ci) / 2
    lo, hi = np.nanquantile(boots, [q, 1 - q], axis=0)
    return lo, hi


def _prepare(
    doc_topic: ArrayLike, groups: Any, weights: Any, units: Any, n_boot: int, ci: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int, float]:
    theta = _doc_topic(doc_topic)
    n = theta.shape[0]
    g = validate.labels(groups, "groups", n)
    w = (
        np.ones(n)
        if weights is None
        else validate.nonnegative_vector(weights, "weights", n, "doc_topic's rows (n_docs)")
    )
    u = _unit_codes(units, n)
    return theta, g, w, u, validate.integer(n_boot, "n_boot"), validate.share(ci, "ci", strict=True)


def _bootstrap_cells(
    theta: np.ndarray,
    codes: np.ndarray,
    labels: Sequence[Any],
    w: np.ndarray,
    u: np.ndarray,
    n_boot: int,
    ci: float,
    seed: int,
) -> list[dict]:
    """Point estimate and interval of every labelled cell; one row per cell and topic."""
    rows, single = [], []
    for c, lab in enumerate(labels):
        idx = np.flatnonzero(codes == c)
        if w[idx].sum() == 0:
            raise ValueError(f"weights sum to 0 in group {lab!r}")
        point, boots, m = _boot_group(theta[idx], w[idx], u[idx], n_boot, _rng(seed, lab))
        lo, hi = _interval(boots, ci, theta.shape[1])
        if boots is None:
            single.append(lab)
        for k in range(theta.shape[1]):
            rows.append(
                {
                    "cell": lab,
                    "topic": k,
                    "prevalence": point[k],
                    "low": lo[k],
                    "high": hi[k],
                    "n_docs": len(idx),
                    "n_units": m,
                }
            )
    if single:
        log.warning("%d group(s) with a single unit get no interval (NaN): %s", len(single), single[:5])
    return rows


_BOOT_COLUMNS = ["topic", "prevalence", "low", "high", "n_docs", "n_units"]


def bootstrap_prevalence(
    doc_topic: ArrayLike,
    groups: Sequence[Any] | np.ndarray | pd.Series,
    *,
    weights: Sequence[float] | np.ndarray | pd.Series | None = None,
    n_boot: int = 500,
    ci: float = 0.95,
    seed: int = 0,
    units: Sequence[Any] | np.ndarray | pd.Series | None = None,
) -> pd.DataFrame:
    """:func:`prevalence` of each group with a percentile interval from resampling its documents.

    Within each group, documents are drawn with replacement (``n_boot``
    times) and the prevalence recomputed. ``units`` (one label per row, e.g.
    ``meta["work"]``) makes a unit what is drawn: all the chunks of one
    chapter come in or stay out together. Use it whenever rows are chunks
    of longer texts: chunks of one text share its subject, and treating them
    as independent gives intervals that are far too narrow. A unit that
    spans two groups is resampled within each. A group of a single unit has
    no interval (NaN): one text cannot show how its group varies.

    Each group draws from its own stream of ``seed`` (keyed by its label),
    so its interval does not change when other groups are added or dropped.

    Parameters
    ----------
    doc_topic : array, shape (n_docs, n_topics)
    groups, units : sequences, length n_docs
    weights : array, shape (n_docs,), optional (see :func:`prevalence`)

    Returns
    -------
    pandas.DataFrame, one row per group and topic: ``group``, ``topic``,
    ``prevalence``, ``low``, ``high``, ``n_docs``, ``n_units``.

    >>> theta = [[0.9, 0.1], [0.7, 0.3], [0.2, 0.8], [0.4, 0.6]]
    >>> t = bootstrap_prevalence(theta, ["A", "A", "B", "B"], n_boot=100)
    >>> t[["group", "topic", "prevalence"]].round(2).values.tolist()
    [['A', 0, 0.8], ['A', 1, 0.2], ['B', 0, 0.3], ['B', 1, 0.7]]
    >>> bool((t["low"] <= t["prevalence"]).all() and (t["prevalence"] <= t["high"]).all())
    True
    """
    theta, g, w, u, n_boot, ci = _prepare(doc_topic, groups, weights, units, n_boot, ci)
    labels, codes = _codes(g)
    if not labels:
        raise ValueError("groups labels no document: every label is missing")
    rows = _bootstrap_cells(theta, codes, labels, w, u, n_boot, ci, seed)
    return pd.DataFrame(rows, columns=["cell", *_BOOT_COLUMNS]).rename(columns={"cell": "group"})


def prevalence_difference(
    doc_topic: ArrayLike,
    groups: Sequence[Any] | np.ndarray | pd.Series,
    a: Hashable,
    b: Hashable,
    *,
    weights: Sequence[float] | np.ndarray | pd.Series | None = None,
    n_boot: int = 500,
    ci: float = 0.95,
    seed: int = 0,
    units: Sequence[Any] | np.ndarray | pd.Series | None = None,
) -> pd.DataFrame:
    """Difference of each topic's prevalence between groups ``a`` and ``b``, with a bootstrap interval.

    Groups ``a`` and ``b`` are resampled independently (by document or by
    ``units``, as in :func:`bootstrap_prevalence`) and the interval is the
    percentile interval of the ``n_boot`` differences ``a - b``. Columns:
    ``topic``, ``a``, ``b`` (the two prevalences), ``difference``, ``low``,
    ``high``, ``excludes_zero`` (the interval lies wholly above or below 0;
    False when there is no interval, i.e. a group of a single unit).
    ``a`` may equal ``b``: its two bootstraps are still independent.

    Parameters
    ----------
    doc_topic : array, shape (n_docs, n_topics)
    groups, units : sequences, length n_docs
    a, b : group labels
    weights : array, shape (n_docs,), optional (see :func:`prevalence`)

    >>> theta = [[0.9, 0.1], [0.8, 0.2], [0.1, 0.9], [0.2, 0.8]]
    >>> d = prevalence_difference(theta, ["A", "A", "B", "B"], "A", "B", n_boot=200)
    >>> d[["difference", "excludes_zero"]].round(2).values.tolist()
    [[0.7, True], [-0.7, True]]
    """
    theta, g, w, u, n_boot, ci = _prepare(doc_topic, groups, weights, units, n_boot, ci)
    labels, codes = _codes(g)
    for name, lab in (("a", a), ("b", b)):
        if validate.is_missing(lab) or lab not in labels:
            raise ValueError(f"{name}={lab!r} is not a group; groups are {labels}")
    est = {}
    for i, (name, lab) in enumerate((("a", a), ("b", b))):
        idx = np.flatnonzero(codes == labels.index(lab))
        if w[idx].sum() == 0:
            raise ValueError(f"weights sum to 0 in group {lab!r}")
        est[name] = _boot_group(
            theta[idx], w[idx], u[idx], n_boot, _rng(seed, lab, i)
        )  # i: a group with itself draws twice
    (pa, ba, _), (pb, bb, _) = est["a"], est["b"]
    diff_boots = None if ba is None or bb is None else ba - bb
    if diff_boots is None:
        log.warning("a group of a single unit: the difference %r - %r has no interval", a, b)
    lo, hi = _interval(diff_boots, ci, theta.shape[1])
    return pd.DataFrame(
        {
            "topic": np.arange(theta.shape[1]),
            "a": pa,
            "b": pb,
            "difference": pa - pb,
            "low": lo,
            "high": hi,
            "excludes_zero": (lo > 0) | (hi < 0),
        }
    )


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _months(dates: pd.Series) -> np.ndarray:
    """``YYYY-MM`` of each ``YYYY-MM`` or ``YYYY-MM-DD`` date; NaN where the date is missing or only a year."""
    out = np.empty(len(dates), dtype=object)
    n_year = 0
    for i, d in enumerate(dates.tolist()):
        if validate.is_missing(d) or str(d).strip() == "":
            out[i] = np.nan
            continue
        m = _DATE.match(str(d).strip())
        if m is None:
            raise ValueError(f"meta['date'], row {i}: {d!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD")
        if m.group(2) is None:
            n_year += 1
            out[i] = np.nan
        else:
            out[i] = f"{m.group(1)}-{m.group(2)}"
    if n_year:
        log.info("%d rows dated by year only have no month and are left out", n_year)
    return out


def prevalence_over_time(
    doc_topic: ArrayLike,
    meta: pd.DataFrame,
    *,
    by: str | None = "author",
    time: str = "year",
    weights: Sequence[float] | np.ndarray | pd.Series | None = None,
    n_boot: int = 500,
    ci: float = 0.95,
    seed: int = 0,
    units: str | Sequence[Any] | np.ndarray | pd.Series | None = None,
    min_docs: int = 1,
) -> pd.DataFrame:
    """Prevalence of every topic in each cell of ``by`` x ``time`` (e.g. author x year), with intervals.

    ``time`` is a column of ``meta``; ``time="month"`` uses a ``month``
    column if there is one, else derives ``YYYY-MM`` from the ``date``
    column (rows dated by year only are then left out). ``by=None`` makes one
    series of all documents. ``units`` is a column name of ``meta`` or one
    label per row (see :func:`bootstrap_prevalence`). Cells with fewer than
    ``min_docs`` documents, and rows missing ``by`` or ``time``, are left out.

    Parameters
    ----------
    doc_topic : array, shape (n_docs, n_topics)
    meta : pandas.DataFrame, n_docs rows in doc_topic's order
    by, time : column names of ``meta`` (``time="month"``: see above)
    weights : array, shape (n_docs,), optional (see :func:`prevalence`)
    units : column name or sequence of length n_docs, optional

    Returns
    -------
    pandas.DataFrame, one row per cell and topic: the ``by`` column, the
    ``time`` column, ``topic``, ``prevalence``, ``low``, ``high``,
    ``n_docs``, ``n_units``; sorted by ``by``, ``time``, ``topic``.

    >>> meta = pd.DataFrame({"author": ["A", "A", "A", "B"], "date": ["1930-01", "1930-01-15", "1930-02", "1930-01"]})
    >>> theta = [[0.9, 0.1], [0.7, 0.3], [0.5, 0.5], [0.2, 0.8]]
    >>> t = prevalence_over_time(theta, meta, time="month", n_boot=50)
    >>> t[t.topic == 0][["author", "month", "prevalence", "n_docs"]].values.tolist()
    [['A', '1930-01', 0.8, 2], ['A', '1930-02', 0.5, 1], ['B', '1930-01', 0.2, 1]]
    """
    theta = _doc_topic(doc_topic)
    n = theta.shape[0]
    if not isinstance(meta, pd.DataFrame):
        raise TypeError(f"meta must be a pandas DataFrame, got {type(meta).__name__}")
    if len(meta) != n:
        raise ValueError(f"meta has {len(meta)} rows but doc_topic has {n}")
    if by is not None and by not in meta.columns:
        raise KeyError(f"by: meta has no column {by!r}; columns are {list(meta.columns)}")
    if by is not None and by == time:
        raise ValueError(f"by and time are the same column {by!r}")
    if time == "month" and "month" not in meta.columns:
        if "date" not in meta.columns:
            raise KeyError(f"time='month' needs a 'date' (or 'month') column; meta's columns are {list(meta.columns)}")
        t = _months(meta["date"])
    elif time in meta.columns:
        t = validate.labels(meta[time], "time", n)
    else:
        raise KeyError(f"time: meta has no column {time!r}; columns are {list(meta.columns)}")
    b = validate.labels(meta[by], "by", n) if by is not None else np.full(n, "all", dtype=object)
    if isinstance(units, str):
        if units not in meta.columns:
            raise KeyError(f"units: meta has no column {units!r}; columns are {list(meta.columns)}")
        units = meta[units].tolist()
    min_docs = validate.integer(min_docs, "min_docs")
    cells = np.empty(n, dtype=object)
    cells[:] = [np.nan if validate.is_missing(x) or validate.is_missing(y) else (x, y) for x, y in zip(b, t)]
    theta, _, w, u, n_boot, ci = _prepare(theta, cells, weights, units, n_boot, ci)
    labels = sorted(
        {c for c in cells if not validate.is_missing(c)},
        key=lambda c: (validate.sort_key(c[0]), validate.sort_key(c[1])),
    )
    sizes = {c: 0 for c in labels}
    for c in cells:
        if not validate.is_missing(c):
            sizes[c] += 1
    labels = [c for c in labels if sizes[c] >= min_docs]
    pos = {c: i for i, c in enumerate(labels)}
    codes = np.array([pos.get(c, -1) if not validate.is_missing(c) else -1 for c in cells], dtype=int)
    by_name = by if by is not None else "by"
    columns = ([by_name] if by is not None else []) + [time, *_BOOT_COLUMNS]
    rows = _bootstrap_cells(theta, codes, labels, w, u, n_boot, ci, seed) if labels else []
    out = pd.DataFrame(rows, columns=["cell", *_BOOT_COLUMNS])
    out.insert(0, time, [c[1] for c in out["cell"]])
    out.insert(0, by_name, [c[0] for c in out["cell"]])
    return out.drop(columns="cell")[columns].reset_index(drop=True)


# --------------------------------------------------------------------------- documents


def _passage(text: Any, limit: int) -> str:
    """The first ``limit`` characters of ``text`` (whitespace collapsed), cut at a word boundary, "…" if cut."""
    if validate.is_missing(text):
        return ""
    t = " ".join(str(text).split())
    if len(t) <= limit:
        return t
    cut = t[:limit]
    if t[limit] != " ":  # the limit falls inside a word: go back to the last space, if any
        space = cut.rfind(" ")
        cut = cut[:space] if space > 0 else cut
    return cut.rstrip() + "…"


def representative_documents(
    doc_topic: ArrayLike,
    meta: pd.DataFrame,
    topic: int,
    *,
    n: int = 5,
    text_column: str = "text",
    passage_chars: int = 300,
    min_length: float | None = None,
    doc_lengths: Sequence[float] | np.ndarray | pd.Series | None = None,
) -> pd.DataFrame:
    """The ``n`` documents with the highest share of ``topic``, with their metadata and a passage to read.

    ``min_length`` leaves out documents shorter than that many tokens (a
    short document can be "all" one topic on a dozen words): lengths are
    ``doc_lengths`` if given, else the number of words of ``text_column``.
    Returns ``row`` (position in ``doc_topic``), the columns of ``meta``
    but ``text_column``, ``length`` (when ``doc_lengths`` is given),
    ``share`` (theta of the topic) and ``passage``: the first
    ``passage_chars`` characters of the text, whitespace collapsed, cut at a
    word boundary, with "…" appended when cut. Ties keep row order.

    Parameters
    ----------
    doc_topic : array, shape (n_docs, n_topics)
    meta : pandas.DataFrame, n_docs rows in doc_topic's order, with ``text_column``
    topic : int, 0 .. n_topics - 1
    doc_lengths : array, shape (n_docs,), optional

    >>> meta = pd.DataFrame({"doc_id": ["d1", "d2"], "text": ["The kulaks and the grain strike.", "Short."]})
    >>> representative_documents([[0.3, 0.7], [0.9, 0.1]], meta, 1, n=1, passage_chars=20).values.tolist()
    [[0, 'd1', 0.7, 'The kulaks and the…']]
    """
    theta = _doc_topic(doc_topic)
    n_docs, n_topics = theta.shape
    if not isinstance(meta, pd.DataFrame):
        raise TypeError(f"meta must be a pandas DataFrame, got {type(meta).__name__}")
    if len(meta) != n_docs:
        raise ValueError(f"meta has {len(meta)} rows but doc_topic has {n_docs}")
    if isinstance(topic, bool) or not isinstance(topic, (int, np.integer)) or not 0 <= topic < n_topics:
        raise ValueError(f"topic must be an int from 0 to {n_topics - 1}, got {topic!r}")
    if text_column not in meta.columns:
        raise KeyError(f"text_column: meta has no column {text_column!r}; columns are {list(meta.columns)}")
    n = validate.integer(n, "n")
    passage_chars = validate.integer(passage_chars, "passage_chars")
    lengths = (
        None
        if doc_lengths is None
        else validate.nonnegative_vector(doc_lengths, "doc_lengths", n_docs, "doc_topic's rows (n_docs)")
    )
    keep = np.ones(n_docs, dtype=bool)
    if min_length is not None:
        have = (
            lengths
            if lengths is not None
            else np.array([0 if validate.is_missing(x) else len(str(x).split()) for x in meta[text_column]])
        )
        keep = have >= min_length
    share = theta[:, int(topic)]
    idx = np.flatnonzero(keep)
    idx = idx[np.argsort(-share[idx], kind="stable")][:n]
    out = meta.iloc[idx].drop(columns=text_column).reset_index(drop=True)
    out.insert(0, "row", idx)
    if lengths is not None:
        out["length"] = lengths[idx]
    out["share"] = share[idx]
    out["passage"] = [_passage(x, passage_chars) for x in meta[text_column].iloc[idx]]
    return out
