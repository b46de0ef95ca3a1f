"""Stability of fitted topics: do they come back when the model is fitted again with other seeds?

Statistics on plain arrays (``topic_word``, n_topics x n_terms, rows sum to 1: p(w | k)); nothing here fits a
model, and any backend's arrays will do. :func:`similarity_matrix` compares topics, :func:`align_topics`
matches two runs one-to-one, :func:`topic_stability` counts how often each topic of a reference run comes
back, and :func:`flag_unstable` marks the labels of the topics that do not.

Examples
--------
>>> ref = [[0.8, 0.1, 0.1], [0.1, 0.1, 0.8]]
>>> align_topics(ref, [[0.1, 0.1, 0.8], [0.8, 0.1, 0.1]])[0].tolist()
[1, 0]
>>> topic_stability(ref, [ref])["stable"].tolist()
[True, True]
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment
from scipy.special import rel_entr

from textlab.core import validate
from textlab.topics.labels import ArrayLike, top_words, topic_word_matrix

log = logging.getLogger(__name__)

__all__ = [
    "METRICS",
    "DEFAULT_THRESHOLDS",
    "UNSTABLE_MARKER",
    "similarity_matrix",
    "align_topics",
    "topic_agreement",
    "topic_stability",
    "model_stability",
    "flag_unstable",
]

#: Similarities :func:`similarity_matrix` knows.
METRICS = ("cosine", "jensen_shannon")

#: Similarity at or above which a matched topic counts as the same topic come back (see :func:`topic_stability`).
DEFAULT_THRESHOLDS = {"cosine": 0.7, "jensen_shannon": 0.45}

#: Put before the label of a topic that does not come back in other runs (:func:`flag_unstable`).
UNSTABLE_MARKER = "† "


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
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}, got {metric!r}")
    ref = topic_word_matrix(reference, "reference")
    oth = topic_word_matrix(other, "other")
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
    # rounded to 12 decimals: a tie (two topics that got no tokens are both uniform) is then broken by topic order,
    # not by the last bits of a matrix product, which differ between BLAS kernels and processors
    return np.round(np.clip(sim, 0.0, 1.0), 12)


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
    ref, oth = topic_word_matrix(reference, "reference"), topic_word_matrix(other, "other")
    words = validate.terms(vocab, ref.shape[1], what="reference")
    if oth.shape[1] != ref.shape[1]:
        raise ValueError(f"other has {oth.shape[1]} terms, reference {ref.shape[1]}: fit both on one vocabulary")
    perm, sim = align_topics(ref, oth, metric=metric)
    ref_top, oth_top = top_words(ref, words, n=n), top_words(oth, words, n=n)
    return pd.DataFrame(
        {
            "topic": np.arange(ref.shape[0]),
            "match": perm,
            "similarity": sim,
            "reference_words": [" ".join(w) for w in ref_top],
            "other_words": [" ".join(oth_top[j]) if j >= 0 else "" for j in perm],
        }
    )


def _runs(others: Any) -> list:
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
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}, got {metric!r}")
    threshold = DEFAULT_THRESHOLDS[metric] if threshold is None else validate.share(threshold, "threshold")
    min_recurrence = validate.share(min_recurrence, "min_recurrence")
    runs = _runs(others)
    ref = topic_word_matrix(reference, "reference")
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
