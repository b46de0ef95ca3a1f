"""Argument and array checks shared by the analysis stages.

Each check takes the value and the name of the argument it came in as, returns the value in the form the
computation needs (a float array, an int, ...) and raises ``TypeError`` (wrong kind of value) or ``ValueError``
(right kind, wrong content) with a message that names the argument and, where it helps, the likely cause. The
topic statistics, coherence, chunking and stylometry use these instead of private copies, so one argument is
checked the same way everywhere.

Examples
--------
>>> stochastic_rows([[0.2, 0.8], [0.5, 0.5]], "doc_topic", "n_docs x n_topics").tolist()
[[0.2, 0.8], [0.5, 0.5]]
>>> integer(0, "n_boot")
Traceback (most recent call last):
...
ValueError: n_boot must be >= 1, got 0
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = [
    "ROW_SUM_TOLERANCE",
    "stochastic_rows",
    "finite_matrix",
    "nonnegative_vector",
    "labels",
    "terms",
    "token_lists",
    "integer",
    "share",
    "seed",
    "is_missing",
    "sort_key",
]

#: How far from 1 a row of probabilities may sum: float32 output (gensim's) sums to 1 +- 1e-6 .. 1e-4.
ROW_SUM_TOLERANCE = 1e-3


def stochastic_rows(a: Any, name: str, shape: str, hint: str = "") -> np.ndarray:
    """``a`` as a 2-D float array whose rows are probability distributions, renormalised exactly.

    Rows that sum to 1 within :data:`ROW_SUM_TOLERANCE` are accepted and divided by their sums.

    Parameters
    ----------
    a : array-like or scipy sparse matrix
    name : str
        The argument's name, for the messages.
    shape : str
        What its rows and columns are (e.g. ``"n_docs x n_topics, theta"``), for the messages.
    hint : str, optional
        The likely cause of rows that do not sum to 1, added to that message.

    Returns
    -------
    numpy.ndarray of float, the shape of ``a``

    Examples
    --------
    >>> stochastic_rows([[0.3, 0.7]], "topic_word", "n_topics x n_terms").tolist()
    [[0.3, 0.7]]
    >>> stochastic_rows([[1.0, 1.0]], "topic_word", "n_topics x n_terms", "normalise the counts")
    Traceback (most recent call last):
    ...
    ValueError: topic_word rows must sum to 1 (n_topics x n_terms); row 0 sums to 2 (normalise the counts)
    """
    if isinstance(a, (str, bytes)) or a is None:
        raise TypeError(f"{name} must be a 2-D numeric array ({shape}), got {type(a).__name__}")
    if sp.issparse(a):
        a = cast(Any, a).toarray()
    try:
        arr = np.asarray(a, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a 2-D numeric array ({shape}); could not read it as numbers") from None
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-dimensional ({shape}), got shape {arr.shape}")
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} is empty: shape {arr.shape} ({shape})")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} holds NaN or infinite values")
    if (arr < 0).any():
        raise ValueError(f"{name} must hold probabilities (no negative values)")
    sums = arr.sum(axis=1)
    bad = np.flatnonzero(np.abs(sums - 1) > ROW_SUM_TOLERANCE)
    if bad.size:
        raise ValueError(
            f"{name} rows must sum to 1 ({shape}); row {bad[0]} sums to {sums[bad[0]]:.6g}"
            f"{' (' + hint + ')' if hint else ''}"
        )
    return arr / sums[:, None]


def finite_matrix(a: Any, name: str, shape: str = "rows x columns") -> np.ndarray:
    """``a`` as a 2-D float array of finite real numbers (any sign).

    Dense or scipy sparse input, nested lists, a DataFrame of numeric columns; booleans count as 0 and 1.

    Parameters
    ----------
    a : array-like or scipy sparse matrix
    name : str
        The argument's name, for the messages.
    shape : str, default "rows x columns"
        What its rows and columns are (e.g. ``"n_chunks x n_words"``), for the messages.

    Returns
    -------
    numpy.ndarray of float

    Examples
    --------
    >>> finite_matrix([[1, -2], [3, 4]], "Z").tolist()
    [[1.0, -2.0], [3.0, 4.0]]
    >>> finite_matrix([1.0, 2.0], "Z", "n_chunks x n_words")
    Traceback (most recent call last):
    ...
    ValueError: Z must be 2-dimensional (n_chunks x n_words), got shape (2,)
    """
    if isinstance(a, (str, bytes)) or a is None:
        raise TypeError(f"{name} must be a 2-D numeric array ({shape}), got {type(a).__name__}")
    arr = cast(Any, a).toarray() if sp.issparse(a) else np.asarray(a)
    if arr.dtype == object:
        try:
            arr = arr.astype(np.float64)  # e.g. a DataFrame of mixed numeric columns
        except (TypeError, ValueError):
            raise TypeError(f"{name} must hold real numbers ({shape}); could not read it as numbers") from None
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers ({shape}), got dtype {arr.dtype}")
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 2-dimensional ({shape}), got shape {arr.shape}")
    arr = arr.astype(np.float64, copy=False)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must hold finite values (found NaN or infinite)")
    return arr


def nonnegative_vector(values: Any, name: str, n: int, what: str) -> np.ndarray:
    """A 1-D float vector of ``n`` finite non-negative values (weights, lengths, counts).

    Parameters
    ----------
    values : sequence of numbers
    name : str
        The argument's name, for the messages.
    n : int
        The length it must have.
    what : str
        What has ``n`` entries (e.g. ``"doc_topic's rows (n_docs)"``), for the messages.

    Examples
    --------
    >>> nonnegative_vector([3, 0, 2], "weights", 3, "doc_topic's rows (n_docs)").tolist()
    [3.0, 0.0, 2.0]
    >>> nonnegative_vector([1, 2], "weights", 3, "doc_topic's rows (n_docs)")
    Traceback (most recent call last):
    ...
    ValueError: weights has shape (2,) but doc_topic's rows (n_docs) has 3
    """
    if isinstance(values, (str, bytes)) or values is None:
        raise TypeError(f"{name} must be a sequence of {n} numbers, got {type(values).__name__}")
    try:
        v = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a sequence of {n} numbers; could not read it as numbers") from None
    if v.ndim != 1 or len(v) != n:
        raise ValueError(f"{name} has shape {v.shape} but {what} has {n}")
    if not np.isfinite(v).all() or (v < 0).any():
        raise ValueError(f"{name} must hold finite, non-negative numbers")
    return v


def labels(values: Any, name: str, n: int, *, rows: str = "doc_topic") -> np.ndarray:
    """One label per row of ``rows`` (a group, a unit, a date), as an object array; missing labels are kept.

    Parameters
    ----------
    values : sequence (list, array, Series)
    name : str
        The argument's name, for the messages.
    n : int
        The number of rows.
    rows : str, default "doc_topic"
        What the rows are, for the messages.

    Examples
    --------
    >>> labels(["A", None, "B"], "groups", 3).tolist()
    ['A', None, 'B']
    >>> labels(["A", "B"], "groups", 3)
    Traceback (most recent call last):
    ...
    ValueError: groups has 2 labels but doc_topic has 3 rows
    """
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or not hasattr(values, "__iter__"):
        raise TypeError(f"{name} must be a sequence of {n} labels, one per row of {rows}, got {type(values).__name__}")
    if isinstance(values, pd.DataFrame) or isinstance(values, np.ndarray) and values.ndim != 1:
        raise ValueError(f"{name} must be 1-dimensional: one label per row of {rows}")
    g = np.empty(len(values), dtype=object)
    g[:] = list(values)
    if len(g) != n:
        raise ValueError(f"{name} has {len(g)} labels but {rows} has {n} rows")
    return g


def terms(vocab: Any, n: int | None = None, *, name: str = "vocab", what: str = "X") -> np.ndarray:
    """The terms of a vocabulary as a 1-D array of str (one per column of ``what``), checked.

    Parameters
    ----------
    vocab : sequence of str
        A str is refused (it would be read as its letters).
    n : int, optional
        The number of columns it must name.
    name, what : str
        The argument's name and the matrix whose columns it names, for the messages.

    Returns
    -------
    numpy.ndarray of str (``vocab`` itself when it is one)

    Examples
    --------
    >>> terms(["tsar", "party"], 2).tolist()
    ['tsar', 'party']
    >>> terms(["tsar", "party"], 3, what="topic_word")
    Traceback (most recent call last):
    ...
    ValueError: vocab has 2 terms but topic_word has 3 columns
    """
    if isinstance(vocab, (str, bytes)):
        raise TypeError(f"{name} must be a sequence of str (one per column), not a single {type(vocab).__name__}")
    if isinstance(vocab, np.ndarray) and vocab.dtype.kind == "U":
        out = vocab
    else:
        try:
            items = list(vocab)
        except TypeError:
            raise TypeError(f"{name} must be a sequence of str, got {type(vocab).__name__}") from None
        bad = next((t for t in items if not isinstance(t, str)), None)
        if bad is not None:
            raise TypeError(f"{name} must hold str terms, found {bad!r} ({type(bad).__name__})")
        out = np.array(items, dtype=str) if items else np.array([], dtype=str)
    if out.ndim != 1:
        raise ValueError(f"{name} must be 1-dimensional, got shape {out.shape}")
    if n is not None and len(out) != n:
        raise ValueError(f"{name} has {len(out)} terms but {what} has {n} columns")
    return out


def token_lists(value: Any, name: str = "token_lists") -> list[list[str]]:
    """A sequence of token lists (one list of str per document) as a list of lists.

    A str, or a str where a token list should be, is refused: it would be read as its letters.

    Examples
    --------
    >>> token_lists([("a", "b"), ["c"]])
    [['a', 'b'], ['c']]
    >>> token_lists([["a"], "b c"], "X")
    Traceback (most recent call last):
    ...
    TypeError: X[1] is a str; each item must be a list of tokens
    """
    if isinstance(value, str):
        raise TypeError(f"{name} must be a sequence of token lists, not a str")
    out = []
    for i, toks in enumerate(value):
        if isinstance(toks, str):
            raise TypeError(f"{name}[{i}] is a str; each item must be a list of tokens")
        out.append(list(toks))
    return out


def integer(value: Any, name: str, minimum: int = 1) -> int:
    """``value`` as an int of at least ``minimum`` (a bool is not an int here).

    Examples
    --------
    >>> integer(np.int64(5), "n")
    5
    >>> integer(2.0, "n")
    Traceback (most recent call last):
    ...
    TypeError: n must be an int, got float
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def share(value: float, name: str, *, strict: bool = False) -> float:
    """``value`` as a float between 0 and 1 (a probability, a share, a weight); ``strict``: 0 and 1 excluded.

    Examples
    --------
    >>> share(0.6, "lam")
    0.6
    >>> share(1.0, "ci", strict=True)
    Traceback (most recent call last):
    ...
    ValueError: ci must be strictly between 0 and 1, got 1.0
    """
    ok = (0 < value < 1) if strict else (0 <= value <= 1)
    if not ok:
        raise ValueError(f"{name} must be {'strictly ' if strict else ''}between 0 and 1, got {value}")
    return float(value)


def seed(value: Any, name: str = "seed") -> int:
    """A random seed: a non-negative int.

    Examples
    --------
    >>> seed(3)
    3
    >>> seed(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be a non-negative int, got -1
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise ValueError(f"{name} must be a non-negative int, got {value!r}")
    return int(value)


def is_missing(x: Any) -> bool:
    """True for a missing label: None, ``pd.NA``, ``pd.NaT`` or a float NaN.

    Examples
    --------
    >>> [is_missing(x) for x in (None, float("nan"), pd.NA, "", 0)]
    [True, True, True, False, False]
    """
    return x is None or x is pd.NA or x is pd.NaT or (isinstance(x, (float, np.floating)) and bool(np.isnan(x)))


def sort_key(x: Any) -> tuple[int, float, str]:
    """Sort key putting numbers in numeric order before everything else in string order (years, months, names).

    Examples
    --------
    >>> sorted([10, "B", 9, "A", 1930.5], key=sort_key)
    [9, 10, 1930.5, 'A', 'B']
    """
    if isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, bool):
        return (0, float(x), "")
    return (1, 0.0, str(x))
