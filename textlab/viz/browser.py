"""An interactive topic browser: one self-contained HTML file that works offline.

:func:`write_topic_browser` writes a page with the list of topics (label,
stability flag, mean share), the top words of the selected topic under a
relevance slider (Sievert and Shirley's LDAvis relevance, ``lambda`` from 0
to 1), and the topic's share of each group with its bootstrap interval.

The file loads nothing: no CDN, script, font or image; its script and style
are inline and its Content-Security-Policy forbids any request (the page
itself is :mod:`textlab.viz.browser_page`). The data is
embedded as JSON in a ``<script type="application/json" id="topic-data">``
element (``<``, ``>`` and ``&`` escaped, so no word can close the element).
Only the words the page can ever show are embedded: for each topic, the
union of its top ``n_terms`` words by relevance at every position of the
slider (``lambda`` = 0, 0.01, ..., 1), with their p(w|k) and p(w), so the page
ranks exactly as LDAvis does. Probabilities are rounded to 6 significant
digits, and the ranking (here and in the page) uses the rounded values.

The same inputs give the same bytes: no timestamp, sorted keys, fixed
number formatting.

Examples
--------
>>> import tempfile, pathlib
>>> import numpy as np, pandas as pd
>>> tw = np.array([[0.5, 0.4, 0.1], [0.1, 0.1, 0.8]])
>>> prev = pd.DataFrame({"group": ["Adams 1920", "Adams 1920", "Brown 1928", "Brown 1928"],
...                      "topic": [0, 1, 0, 1], "prevalence": [0.7, 0.3, 0.2, 0.8],
...                      "low": [0.6, 0.2, 0.1, 0.7], "high": [0.8, 0.4, 0.3, 0.9]})
>>> out = write_topic_browser(pathlib.Path(tempfile.mkdtemp()) / "topics.html", topic_word=tw,
...                           vocab=["tsar", "duma", "party"], term_freq=[60, 20, 120], prevalence=prev,
...                           labels=["autocracy", "the party"], stable=[True, False], n_terms=2)
>>> data = read_topic_browser_data(out)
>>> [t["label"] for t in data["topics"]], [t["stable"] for t in data["topics"]], data["groups"]
(['autocracy', 'the party'], [True, False], ['Adams 1920', 'Brown 1928'])
>>> rank_terms(tw, [60, 20, 120], ["tsar", "duma", "party"], topic=0, lam=0.0, n=2)   # by lift p(w|k) / p(w)
['duma', 'tsar']
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Union

import numpy as np
import pandas as pd
import scipy.sparse as sp

from textlab.core import validate
from textlab.core.io import atomic_write_text
from textlab.viz.browser_page import render_page

log = logging.getLogger(__name__)

__all__ = [
    "write_topic_browser",
    "topic_browser_data",
    "read_topic_browser_data",
    "rank_terms",
    "embedded_terms",
    "UNSTABLE_FLAG",
    "DEFAULT_LAMBDA",
    "LAMBDA_STEP",
]

PathLike = Union[str, "os.PathLike[str]"]

#: Shown beside a topic that did not come back across seeds.
UNSTABLE_FLAG = "† unstable"
#: Where the relevance slider starts: the value Sievert and Shirley's user study found best.
DEFAULT_LAMBDA = 0.6
#: The slider's step; the embedded words cover every position of the slider.
LAMBDA_STEP = 0.01

_N_STEPS = 100  # positions of the slider: lambda = i / _N_STEPS, i = 0 .. _N_STEPS
_TOL = 1e-3  # how far from 1 a row of topic_word may sum (float32 output), as in textlab.core.validate
_PREVALENCE_COLUMNS = ("group", "topic", "prevalence", "low", "high")
_FORMAT = "textlab-topic-browser/1"


# --------------------------------------------------------------------------- checks and numbers


def _r6(x: float) -> float:
    """``x`` rounded to 6 significant digits (the precision embedded in the page).

    >>> _r6(0.123456789), _r6(1.0 / 3e7), _r6(0.0)
    (0.123457, 3.33333e-08, 0.0)
    """
    return float(f"{float(x):.6g}")


_r6_array = np.vectorize(_r6, otypes=[float])


def _topic_word(topic_word: Any) -> np.ndarray:
    if isinstance(topic_word, (str, bytes)) or topic_word is None:
        raise TypeError(f"topic_word must be a 2-D numeric array (n_topics x n_terms), got {type(topic_word).__name__}")
    if sp.issparse(topic_word):
        topic_word = topic_word.toarray()
    try:
        tw = np.asarray(topic_word, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(
            "topic_word must be a 2-D numeric array (n_topics x n_terms); could not read it as numbers"
        ) from None
    if tw.ndim != 2 or tw.shape[0] == 0 or tw.shape[1] == 0:
        raise ValueError(f"topic_word must be a non-empty 2-D array (n_topics x n_terms), got shape {tw.shape}")
    if not np.isfinite(tw).all():
        raise ValueError("topic_word holds NaN or infinite values")
    if (tw < 0).any():
        raise ValueError("topic_word must hold probabilities p(w|k): it has negative values")
    sums = tw.sum(axis=1)
    bad = np.flatnonzero(np.abs(sums - 1) > _TOL)
    if bad.size:
        raise ValueError(
            f"topic_word rows must sum to 1 (p(w|k)); row {bad[0]} sums to {sums[bad[0]]:.6g} "
            "(normalise counts or scikit-learn's components_ by their row sums)"
        )
    return tw / sums[:, None]


def _vocab(vocab: Any, n_terms: int) -> list[str]:
    if isinstance(vocab, (str, bytes)) or vocab is None:
        raise TypeError(f"vocab must be a sequence of {n_terms} str, got {type(vocab).__name__}")
    v = list(vocab)
    if len(v) != n_terms:
        raise ValueError(f"vocab has {len(v)} terms but topic_word has {n_terms} columns")
    for j, w in enumerate(v):
        if not isinstance(w, str):
            raise TypeError(f"vocab must hold str; term {j} is {type(w).__name__} {w!r}")
    seen: set[str] = set()
    for w in v:
        if w in seen:
            raise ValueError(f"vocab has duplicate term {w!r}")
        seen.add(w)
    return v


def _term_share(term_freq: Any, n_terms: int) -> np.ndarray:
    if isinstance(term_freq, (str, bytes)) or term_freq is None:
        raise TypeError(f"term_freq must be a sequence of {n_terms} counts, got {type(term_freq).__name__}")
    try:
        f = np.asarray(term_freq, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"term_freq must be a sequence of {n_terms} counts; could not read it as numbers") from None
    if f.ndim != 1 or len(f) != n_terms:
        raise ValueError(f"term_freq has shape {f.shape} but topic_word has {n_terms} columns (n_terms)")
    if not np.isfinite(f).all() or (f < 0).any():
        raise ValueError("term_freq must hold finite, non-negative counts")
    zero = np.flatnonzero(f == 0)
    if zero.size:
        raise ValueError(
            f"term_freq is 0 for {zero.size} term(s) (first: column {zero[0]}); every term of the "
            "vocabulary needs a corpus count > 0 for its share p(w)"
        )
    return f / f.sum()


def _lam(lam: Any) -> float:
    try:
        lam = float(lam)
    except (TypeError, ValueError):
        raise TypeError(f"lam must be a number between 0 and 1, got {lam!r}") from None
    if not 0 <= lam <= 1:
        raise ValueError(f"lam must be between 0 and 1, got {lam}")
    return lam


def _per_topic(values: Any, name: str, n_topics: int) -> list:
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be a list of {n_topics} values, one per topic, got a str")
    v = list(values)
    if len(v) != n_topics:
        raise ValueError(f"{name} has {len(v)} values but topic_word has {n_topics} topics (rows)")
    return v


def _prevalence(prevalence: Any, n_topics: int) -> tuple[list[str], dict[tuple[str, int], tuple]]:
    """Groups in order of first appearance and ``{(group, topic): (prevalence, low, high)}``."""
    if not isinstance(prevalence, pd.DataFrame):
        raise TypeError(
            f"prevalence must be a pandas DataFrame with columns {list(_PREVALENCE_COLUMNS)}, "
            f"got {type(prevalence).__name__}"
        )
    missing = [c for c in _PREVALENCE_COLUMNS if c not in prevalence.columns]
    if missing:
        raise ValueError(
            f"prevalence is missing column(s) {missing}; it needs {list(_PREVALENCE_COLUMNS)} "
            f"(as textlab.topics.prevalence.bootstrap_prevalence gives); columns are {list(prevalence.columns)}"
        )
    if prevalence.empty:
        raise ValueError("prevalence has no rows")
    groups: list[str] = []
    cells: dict[tuple[str, int], tuple] = {}
    for i, (g, k, p, lo, hi) in enumerate(prevalence[list(_PREVALENCE_COLUMNS)].itertuples(index=False, name=None)):
        where = f"prevalence row {i}"
        if validate.is_missing(g):
            raise ValueError(f"{where}: group is missing")
        g = str(g)
        try:
            kf = float(k)
        except (TypeError, ValueError):
            raise ValueError(f"{where}: topic {k!r} is not an integer topic number") from None
        if isinstance(k, bool) or not kf.is_integer():
            raise ValueError(f"{where}: topic {k!r} is not an integer topic number")
        if not 0 <= kf < n_topics:
            raise ValueError(
                f"{where}: topic {int(kf)} is out of range; topic_word has {n_topics} topics (0..{n_topics - 1})"
            )
        vals: list[float | None] = []
        for name, x in (("prevalence", p), ("low", lo), ("high", hi)):
            if validate.is_missing(x):
                if name == "prevalence":
                    raise ValueError(f"{where}: prevalence is missing")
                vals.append(None)  # no interval (a group of one unit): drawn without whiskers
                continue
            try:
                x = float(x)
            except (TypeError, ValueError):
                raise ValueError(f"{where}: {name} {x!r} is not a number") from None
            if not -1e-9 <= x <= 1 + 1e-9:
                raise ValueError(f"{where}: {name} {x:.6g} is not a share between 0 and 1")
            vals.append(min(max(x, 0.0), 1.0))
        if vals[1] is not None and vals[2] is not None and vals[1] > vals[2] + 1e-12:
            raise ValueError(f"{where}: low {vals[1]:.6g} is above high {vals[2]:.6g}")
        key = (g, int(kf))
        if key in cells:
            raise ValueError(f"{where}: group {g!r} and topic {int(kf)} appear twice")
        if g not in groups:
            groups.append(g)
        cells[key] = tuple(vals)
    return groups, cells


# --------------------------------------------------------------------------- ranking


def _logs(pwk: np.ndarray, pw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``log p(w|k)`` and ``log(p(w|k) / p(w))``, the two terms of relevance, as the page computes them."""
    with np.errstate(divide="ignore"):
        return np.log(pwk), np.log(pwk / pw)


def _relevance(logs: tuple[np.ndarray, np.ndarray], lam: float) -> np.ndarray:
    """LDAvis relevance ``lam * log p(w|k) + (1 - lam) * log(p(w|k) / p(w))``; -inf where p(w|k) = 0."""
    log_p, log_lift = logs
    with np.errstate(invalid="ignore"):
        r = lam * log_p + (1 - lam) * log_lift
    return np.where(np.isneginf(log_p), -np.inf, r)


def _top_n(r: np.ndarray, n: int) -> np.ndarray:
    """Column indices of the ``n`` largest values of each row; ties in column (vocabulary) order."""
    n_terms = r.shape[1]
    if n >= n_terms:
        return np.argsort(-r, axis=1, kind="stable")
    kth = -np.partition(-r, n - 1, axis=1)[:, n - 1]  # n-th largest value of each row
    out = np.empty((r.shape[0], n), dtype=int)
    for k in range(r.shape[0]):
        above = np.flatnonzero(r[k] > kth[k])
        tied = np.flatnonzero(r[k] == kth[k])[: n - above.size]
        idx = np.concatenate([above, tied])
        out[k] = idx[np.argsort(-r[k, idx], kind="stable")]
    return out


def rank_terms(
    topic_word: Any, term_freq: Any, vocab: Sequence[str] | np.ndarray, *, topic: int, lam: float, n: int = 30
) -> list[str]:
    """The ``n`` words of ``topic`` with the highest relevance at ``lam``, as the page ranks them.

    ``relevance = lam * log p(w|k) + (1 - lam) * log(p(w|k) / p(w))``, with
    p(w) the word's share of all tokens (``term_freq / term_freq.sum()``):
    ``lam = 1`` ranks by probability in the topic, ``lam = 0`` by lift.
    Ties keep vocabulary order. The page rounds p(w|k) and p(w) to 6
    significant digits before ranking; so does this function.

    Parameters
    ----------
    topic_word : array, shape (n_topics, n_terms)
        p(w|k), rows sum to 1.
    term_freq : array, shape (n_terms,)
        Corpus count of each term (all > 0).
    vocab : sequence of str, length n_terms
    topic : int
    lam : float in [0, 1]
    n : int

    Returns
    -------
    list of str

    >>> tw, tf = [[0.5, 0.4, 0.1], [0.1, 0.1, 0.8]], [60, 20, 120]   # p(w) = 0.3, 0.1, 0.6
    >>> words = ["a", "b", "c"]
    >>> rank_terms(tw, tf, words, topic=0, lam=1.0, n=2), rank_terms(tw, tf, words, topic=0, lam=0.0, n=2)
    (['a', 'b'], ['b', 'a'])
    """
    tw = _topic_word(topic_word)
    v = _vocab(vocab, tw.shape[1])
    pw = _term_share(term_freq, tw.shape[1])
    if isinstance(topic, bool) or not isinstance(topic, (int, np.integer)) or not 0 <= topic < tw.shape[0]:
        raise ValueError(f"topic must be an int in 0..{tw.shape[0] - 1}, got {topic!r}")
    r = _relevance(_logs(_r6_array(tw[topic : topic + 1]), _r6_array(pw)[None, :]), _lam(lam))
    return [v[j] for j in _top_n(r, validate.integer(n, "n"))[0]]


def embedded_terms(topic_word: Any, term_freq: Any, *, n_terms: int = 30) -> list[np.ndarray]:
    """For each topic, the vocabulary indices (sorted) of every word the page can show.

    The union over the slider's positions (``lambda`` = 0, 0.01, ..., 1) of
    the topic's top ``n_terms`` words by relevance (on the rounded values,
    as in :func:`rank_terms`).

    >>> [ix.tolist() for ix in embedded_terms([[0.5, 0.4, 0.1], [0.1, 0.1, 0.8]], [60, 20, 120], n_terms=1)]
    [[0, 1], [2]]
    """
    tw = _topic_word(topic_word)
    pw = _term_share(term_freq, tw.shape[1])
    return _embedded(_r6_array(tw), _r6_array(pw), validate.integer(n_terms, "n_terms"))


def _embedded(tw6: np.ndarray, pw6: np.ndarray, n: int) -> list[np.ndarray]:
    keep = np.zeros(tw6.shape, dtype=bool)
    rows = np.arange(tw6.shape[0])[:, None]
    logs = _logs(tw6, pw6[None, :])
    for i in range(_N_STEPS + 1):
        keep[rows, _top_n(_relevance(logs, i / _N_STEPS), n)] = True
    return [np.flatnonzero(row) for row in keep]


# --------------------------------------------------------------------------- the data


def topic_browser_data(
    *,
    topic_word: Any,
    vocab: Sequence[str] | np.ndarray,
    term_freq: Sequence[float] | np.ndarray,
    prevalence: pd.DataFrame,
    labels: Sequence[str] | None = None,
    stable: Sequence[bool] | None = None,
    title: str = "textlab topics",
    n_terms: int = 30,
) -> dict:
    """The data that :func:`write_topic_browser` embeds in the page, as a dict (see that function).

    Keys: ``format``, ``title``, ``n_terms``, ``lambda`` (where the slider
    starts), ``lambda_step``, ``groups`` (in order of first appearance in
    ``prevalence``), ``vocab`` and ``pw`` (the embedded words in vocabulary
    order and their p(w)), and ``topics``: one dict per topic with ``id``,
    ``label``, ``stable`` (True, False or None when unknown), ``overall``
    (mean of its share over the groups, each group weighing alike),
    ``terms`` (indices into ``vocab``), ``pwk`` (their p(w|k)) and
    ``prevalence`` (one dict per group: ``group``, ``prevalence``, ``low``,
    ``high``; None where the table has no value). Numbers are rounded to 6
    significant digits.

    Examples
    --------
    >>> prev = pd.DataFrame({"group": ["A", "A", "B", "B"], "topic": [0, 1, 0, 1],
    ...                      "prevalence": [0.7, 0.3, 0.2, 0.8], "low": [0.6, 0.2, 0.1, 0.7],
    ...                      "high": [0.8, 0.4, 0.3, 0.9]})
    >>> d = topic_browser_data(topic_word=[[0.5, 0.4, 0.1], [0.1, 0.1, 0.8]], vocab=["tsar", "duma", "party"],
    ...                        term_freq=[60, 20, 120], prevalence=prev, n_terms=1)
    >>> d["groups"], d["vocab"], d["pw"]
    (['A', 'B'], ['tsar', 'duma', 'party'], [0.3, 0.1, 0.6])
    >>> t = d["topics"][0]
    >>> t["label"], t["stable"], t["overall"], [d["vocab"][j] for j in t["terms"]], t["pwk"]
    ('Topic 0', None, 0.45, ['tsar', 'duma'], [0.5, 0.4])
    >>> t["prevalence"][1]
    {'group': 'B', 'prevalence': 0.2, 'low': 0.1, 'high': 0.3}
    """
    tw = _topic_word(topic_word)
    n_topics, n_vocab = tw.shape
    v = _vocab(vocab, n_vocab)
    pw = _term_share(term_freq, n_vocab)
    n = validate.integer(n_terms, "n_terms")
    if not isinstance(title, str):
        raise TypeError(f"title must be a str, got {type(title).__name__}")
    groups, cells = _prevalence(prevalence, n_topics)
    if labels is None:
        names = [f"Topic {k}" for k in range(n_topics)]
    else:
        names = [str(x) for x in _per_topic(labels, "labels", n_topics)]
    if stable is None:
        flags: list[bool | None] = [None] * n_topics
    else:
        flags = []
        for k, s in enumerate(_per_topic(stable, "stable", n_topics)):
            if not isinstance(s, (bool, np.bool_)):
                raise TypeError(
                    f"stable must hold bools (True: the topic comes back across seeds); topic {k} has {s!r}"
                )
            flags.append(bool(s))
    # a label that textlab.topics.stability.flag_unstable already marked: the page shows the flag on its own
    names = [x[2:] if f is False and x.startswith("† ") else x for x, f in zip(names, flags)]

    tw6, pw6 = _r6_array(tw), _r6_array(pw)
    per_topic = _embedded(tw6, pw6, n)
    used = np.unique(np.concatenate(per_topic))
    pos = {int(j): i for i, j in enumerate(used)}
    topics = []
    for k in range(n_topics):
        rows = []
        shares = []
        for g in groups:
            p, lo, hi = cells.get((g, k), (None, None, None))
            rows.append(
                {
                    "group": g,
                    "prevalence": None if p is None else _r6(p),
                    "low": None if lo is None else _r6(lo),
                    "high": None if hi is None else _r6(hi),
                }
            )
            if p is not None:
                shares.append(p)
        topics.append(
            {
                "id": k,
                "label": names[k],
                "stable": flags[k],
                "overall": _r6(math.fsum(shares) / len(shares)) if shares else None,
                "terms": [pos[int(j)] for j in per_topic[k]],
                "pwk": [float(x) for x in tw6[k, per_topic[k]]],
                "prevalence": rows,
            }
        )
    log.debug("topic browser: %d topics, %d groups, %d of %d words embedded", n_topics, len(groups), used.size, n_vocab)
    return {
        "format": _FORMAT,
        "title": title,
        "n_terms": n,
        "lambda": DEFAULT_LAMBDA,
        "lambda_step": LAMBDA_STEP,
        "groups": groups,
        "vocab": [v[j] for j in used],
        "pw": [float(x) for x in pw6[used]],
        "topics": topics,
    }


def _json_for_html(data: dict) -> str:
    """Deterministic JSON that cannot close its ``<script>`` element (``<``, ``>``, ``&`` as ``\\uXXXX``)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def write_topic_browser(
    path: PathLike,
    *,
    topic_word: Any,
    vocab: Sequence[str] | np.ndarray,
    term_freq: Sequence[float] | np.ndarray,
    prevalence: pd.DataFrame,
    labels: Sequence[str] | None = None,
    stable: Sequence[bool] | None = None,
    title: str = "textlab topics",
    n_terms: int = 30,
) -> Path:
    """Write an interactive topic browser to ``path``: one HTML file that works offline.

    The page lists the topics (label, a ``† unstable`` flag on a topic that
    does not come back across seeds, mean share over the groups); for the
    selected topic it draws its top ``n_terms`` words under a relevance
    slider (``lambda`` 0..1 in steps of 0.01, starting at 0.6) and its share
    of each group with the interval as whiskers. Controls work from the
    keyboard (arrow keys move through the topics and the slider). Elements a
    test can drive: buttons ``#topic-list button[data-topic]``, the slider
    ``#lambda`` and its value ``#lambda-value``, the word list ``#terms``
    (one ``li`` per word, ``data-word``), the groups ``#prevalence`` (one row
    per group, ``data-group``, ``data-prevalence``, ``data-low``,
    ``data-high``), ``#topic-title`` and ``#topic-flag``.

    Parameters
    ----------
    path : str or path-like
        Where to write (atomically, through :func:`textlab.core.io.atomic_write_text`).
    topic_word : array, shape (n_topics, n_terms)
        p(w|k): rows sum to 1 (within 0.001; renormalised).
    vocab : sequence of str, length n_terms
        Distinct words.
    term_freq : array, shape (n_terms,)
        Corpus count of each word (all > 0); p(w) is its share.
    prevalence : pandas.DataFrame
        Columns ``group``, ``topic`` (0..n_topics-1), ``prevalence``, ``low``,
        ``high``: topic shares between 0 and 1, one row per group and topic,
        as :func:`textlab.topics.prevalence.bootstrap_prevalence` gives. Groups are
        shown in their order of first appearance; ``low``/``high`` may be
        NaN (no interval).
    labels : list of n_topics str, optional
        Topic names (default ``Topic 0``, ``Topic 1``, ...).
    stable : list of n_topics bool, optional
        False flags a topic as unstable. Without it no topic is flagged.
    title : str
    n_terms : int
        Words shown per topic.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ValueError, TypeError
        On bad input; the message names the parameter.

    Examples
    --------
    >>> import tempfile
    >>> prev = pd.DataFrame({"group": ["A", "A", "B", "B"], "topic": [0, 1, 0, 1],
    ...                      "prevalence": [0.7, 0.3, 0.2, 0.8], "low": [0.6, 0.2, 0.1, 0.7],
    ...                      "high": [0.8, 0.4, 0.3, 0.9]})
    >>> tw = [[0.5, 0.4, 0.1], [0.1, 0.1, 0.8]]   # p(w|k) of two topics
    >>> out = write_topic_browser(Path(tempfile.mkdtemp()) / "topics.html", topic_word=tw,
    ...                           vocab=["tsar", "duma", "party"], term_freq=[60, 20, 120], prevalence=prev,
    ...                           title="Two topics", n_terms=1)
    >>> page = out.read_text(encoding="utf-8")
    >>> page.startswith("<!DOCTYPE html>"), "default-src 'none'" in page, "src=" in page   # loads nothing
    (True, True, False)
    >>> read_topic_browser_data(out)["title"], out.name
    ('Two topics', 'topics.html')
    >>> write_topic_browser(out, topic_word=[[0.5, 0.4]], vocab=["tsar", "duma"], term_freq=[1, 1], prevalence=prev)
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: topic_word rows must sum to 1 (p(w|k)); row 0 sums to 0.9 (normalise counts ...)
    """
    data = topic_browser_data(
        topic_word=topic_word,
        vocab=vocab,
        term_freq=term_freq,
        prevalence=prevalence,
        labels=labels,
        stable=stable,
        title=title,
        n_terms=n_terms,
    )
    page = render_page(title=title, data_json=_json_for_html(data))
    path = Path(path)
    atomic_write_text(path, page)
    n_words = sum(len(t["terms"]) for t in data["topics"])
    log.info(
        "wrote topic browser %s: %d topics, %d groups, %d words embedded, %d bytes",
        path,
        len(data["topics"]),
        len(data["groups"]),
        n_words,
        len(page.encode("utf-8")),
    )
    return path


_DATA_RE = re.compile(r'<script type="application/json" id="topic-data">(.*?)</script>', re.DOTALL)


def read_topic_browser_data(path: PathLike) -> dict:
    """The data embedded in a page written by :func:`write_topic_browser` (see :func:`topic_browser_data`).

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> prev = pd.DataFrame({"group": ["A"], "topic": [0], "prevalence": [1.0], "low": [None], "high": [None]})
    >>> page = write_topic_browser(d / "t.html", topic_word=[[0.75, 0.25]], vocab=["tsar", "duma"],
    ...                            term_freq=[3, 1], prevalence=prev, labels=["autocracy"])
    >>> data = read_topic_browser_data(page)
    >>> data["format"], data["topics"][0]["label"], data["topics"][0]["prevalence"]
    ('textlab-topic-browser/1', 'autocracy', [{'group': 'A', 'high': None, 'low': None, 'prevalence': 1.0}])
    >>> _ = (d / "other.html").write_text("<html></html>")
    >>> read_topic_browser_data(d / "other.html")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: ...other.html: no topic data (not a page written by write_topic_browser)
    """
    text = Path(path).read_text(encoding="utf-8")
    m = _DATA_RE.search(text)
    if m is None:
        raise ValueError(f"{path}: no topic data (not a page written by write_topic_browser)")
    return json.loads(m.group(1))
