"""gensim ``LdaModel`` on counts on disk, streamed block by block: the topic backend of ``engine="local"``.

A backend of counts on disk (see :mod:`textlab.topics.backends`): :func:`fit` takes a
:class:`~textlab.scale.counts.StreamedCounts` and reads its rows from the memory-mapped files a chunk at a
time, so a corpus larger than memory is fitted as the in-memory gensim backend fits a matrix.
:func:`textlab.topics.model.fit_topics` calls it for counts on disk (a ``StreamedCounts`` or the path of a
counts folder) and turns its arrays into a :class:`~textlab.topics.model.TopicModel` (backend
``"gensim-streamed"``).
"""

from __future__ import annotations

import functools
import logging
import time
from typing import Any

import numpy as np
from gensim.matutils import dirichlet_expectation
from gensim.models import LdaModel
from gensim.models.ldamodel import LdaState, update_dir_prior
from tqdm.auto import tqdm

from textlab.core.pool import ordered_imap, resolve_n_jobs
from textlab.scale.counts import StreamedCounts

log = logging.getLogger(__name__)

NAME = "gensim-streamed"

#: The state of a worker process: the model of the current pass and the counts (set by :func:`_init_fit`).
_FIT: dict[str, Any] = {}

Task = tuple[int, int, list[int], bool]


def _init_fit(lda: Any, counts: StreamedCounts) -> None:
    _FIT["lda"] = lda
    _FIT["counts"] = counts


def _estep(task: Task) -> tuple[Any, ...]:
    return _estep_with(_FIT["lda"], _FIT["counts"], task)


def _estep_with(lda: Any, counts: StreamedCounts, task: Task) -> tuple[Any, ...]:
    """E-step of rows ``start:stop`` with the current topics; a seed of its own makes it independent of the workers."""
    start, stop, seed, collect = task
    lda.random_state = np.random.RandomState(seed)
    bow = counts.bow(start, stop)
    if collect:
        gamma, sstats = lda.inference(bow, collect_sstats=True)
        return sstats, dirichlet_expectation(gamma).sum(axis=0, dtype=np.float64), gamma.shape[0]
    gamma, _ = lda.inference(bow)
    return (gamma,)


def fit(
    counts: StreamedCounts,
    k: int,
    *,
    seed: int = 0,
    passes: int = 10,
    iterations: int = 100,
    alpha: str | float = "auto",
    eta: str | float | None = None,
    chunksize: int = 1000,
    decay: float = 0.0,
    offset: float = 1.0,
    gamma_threshold: float = 0.001,
    n_jobs: int | None = None,
    progress: bool = True,
    master: str | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
    """Fit LDA with ``k`` topics on counts on disk; see :mod:`textlab.topics.backends` for the contract.

    gensim's ``LdaModel`` (variational Bayes, Hoffman et al. 2010) with the settings of textlab's gensim
    backend (:mod:`textlab.topics.backends.gensim_lda`: ``alpha="auto"``, ``eta`` 1/k, ``decay=0``, 10 passes of
    up to 100 iterations), run in batch mode so that it stays batch VB whatever the corpus size: each
    pass runs the E-step over every document, ``chunksize`` rows at a time, read from the memory-mapped
    counts, adds up the sufficient statistics and then makes one full M-step (``rho`` = 1 with
    ``decay=0``) and one update of ``alpha``. (The in-memory backend reaches batch VB by making the one
    chunk hold every document, which a streamed corpus cannot.) Memory: a chunk of rows and a few K x V
    arrays, plus the N x K topic shares returned.

    The E-step of the chunks runs in ``n_jobs`` processes. Each chunk starts its document shares from a
    random state seeded with ``(seed, pass, chunk)``, and the statistics are added in chunk order, so the
    result depends on ``seed`` and ``chunksize`` but not on ``n_jobs``. It is not identical to
    :func:`textlab.topics.model.fit_topics` with the gensim backend (whose random draws run in one sequence),
    only equivalent.

    Parameters
    ----------
    counts : StreamedCounts
    k : int
        Topics (>= 2; checked by :func:`textlab.topics.model.fit_topics`).
    seed : int
    passes, iterations, alpha, eta, decay, offset, gamma_threshold
        As gensim's ``LdaModel``.
    chunksize : int, default 1000
        Rows per E-step task.
    n_jobs : int, optional
        Worker processes; default textlab's (:func:`textlab.core.pool.resolve_n_jobs`).
    progress : bool
    master : str, optional
        Not used: this engine runs here (taken so that one call runs on either engine).

    Returns
    -------
    (topic_word, doc_topic, alpha, params)
        In the counts' vocabulary and row order; ``params`` the settings used, with ``"update": "batch"``
        and the counts folder.

    Examples
    --------
    Skipped in the doctests, which fit no topic model:

    >>> from textlab.scale.local import count_to_disk  # doctest: +SKIP
    >>> info = count_to_disk([("a", ["war", "peace", "war"]), ("b", ["land", "bread"])], "/tmp/c")  # doctest: +SKIP
    >>> topic_word, doc_topic, alpha, params = fit(info.counts(), 2, passes=2, progress=False)  # doctest: +SKIP
    >>> topic_word.shape, doc_topic.shape, alpha.shape, params["update"]  # doctest: +SKIP
    ((2, 4), (2, 2), (2,), 'batch')
    """
    c = counts
    if passes < 1 or iterations < 1 or chunksize < 1:
        raise ValueError(f"passes, iterations and chunksize must be >= 1, got {passes}, {iterations}, {chunksize}")
    jobs = resolve_n_jobs(n_jobs)
    n = c.n_docs
    spans = [(s, min(n, s + chunksize)) for s in range(0, n, chunksize)]
    jobs = min(jobs, len(spans))
    glog = logging.getLogger("gensim")
    level = glog.level
    glog.setLevel(max(level, logging.ERROR))  # as the backend: gensim's per-pass chatter stays out of the log
    t0 = time.perf_counter()
    try:
        lda = LdaModel(
            None,
            num_topics=int(k),
            id2word=c.id2word,
            random_state=int(seed),
            passes=passes,
            iterations=iterations,
            alpha=alpha,
            eta=eta,
            chunksize=chunksize,
            eval_every=None,
            update_every=0,
            decay=decay,
            offset=offset,
            gamma_threshold=gamma_threshold,
        )
        lda.state.numdocs = n  # what LdaModel.update does first
        with tqdm(total=(passes + 1) * len(spans), desc=f"LDA K={k}", unit="chunk", disable=not progress) as bar:
            for pass_ in range(passes):
                sstats = np.zeros(lda.state.sstats.shape, dtype=lda.dtype)
                logphat = np.zeros(int(k), dtype=np.float64)
                tasks = ((a, b, [int(seed), pass_, i], True) for i, (a, b) in enumerate(spans))
                local = functools.partial(_estep_with, lda, c)
                for part, lp, _ in ordered_imap(
                    _estep, tasks, n_jobs=jobs, initializer=_init_fit, initargs=(lda, c), local=local
                ):
                    sstats += part
                    logphat += lp
                    bar.update()
                rho = pow(offset + pass_ + (lda.num_updates / chunksize), -decay)
                if lda.optimize_alpha:
                    lda.alpha = update_dir_prior(lda.alpha, float(n), (logphat / n).astype(lda.dtype), rho)
                other = LdaState(lda.eta, lda.state.sstats.shape, lda.dtype)
                other.sstats[...] = sstats
                other.numdocs = n
                lda.do_mstep(rho, other, pass_ > 0)
            gamma = np.empty((n, int(k)), dtype=np.float64)
            tasks = ((a, b, [int(seed), passes, i], False) for i, (a, b) in enumerate(spans))
            local = functools.partial(_estep_with, lda, c)
            results = ordered_imap(_estep, tasks, n_jobs=jobs, initializer=_init_fit, initargs=(lda, c), local=local)
            for (a, b), (g,) in zip(spans, results):
                gamma[a:b] = g
                bar.update()
    finally:
        glog.setLevel(level)
    topic_word = np.asarray(lda.get_topics(), dtype=np.float64)
    topic_word /= topic_word.sum(axis=1, keepdims=True)
    gamma /= gamma.sum(axis=1, keepdims=True)
    params = {
        "passes": passes,
        "iterations": iterations,
        "alpha": alpha if isinstance(alpha, str) else float(alpha),
        "eta": eta if eta is None or isinstance(eta, str) else float(eta),
        "chunksize": chunksize,
        "decay": decay,
        "offset": offset,
        "gamma_threshold": gamma_threshold,
        "update": "batch",
        "counts": str(c.path),
    }
    log.info(
        "LDA K=%d on %d streamed documents: %d passes in %.1f s (%d processes)",
        k,
        n,
        passes,
        time.perf_counter() - t0,
        jobs,
    )
    return topic_word, gamma, np.asarray(lda.alpha, dtype=np.float64), params
