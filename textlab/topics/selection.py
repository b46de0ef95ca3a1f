"""Choosing the number of topics: many fits (K and seeds) cached on disk, a sweep of their quality, the K it supports.

:func:`fit_models` fits every (k, seed) on the same counts in parallel processes and caches each fit on disk
under :func:`cache_key` (the counts' hash, the backend, k, seed and the settings it really uses), so a second
run with the same inputs fits nothing. :func:`sweep` tabulates coherence, held-out perplexity and stability of
every run (and, given the chunks' works, how well its document vectors tell works apart:
:mod:`textlab.topics.docvectors`), and :func:`suggest_k` picks the K a sweep supports.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"k": [5, 10], "perplexity": [110.0, 100.0], "stable_share": [1.0, 0.8], "npmi": [0.1, 0.1]})
>>> suggest_k(t)
10
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import importlib.metadata
import inspect
import json
import logging
import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from tqdm.auto import tqdm

from textlab.core import paths
from textlab.core.pool import resolve_n_jobs
from textlab.features.dtm import DocumentTermMatrix
from textlab.topics.backends import DEFAULT_BACKEND, get_backend
from textlab.topics.coherence import Cooccurrence, topic_coherence
from textlab.topics.docvectors import DocumentPairs, document_pairs, tfidf_vectors, vector_auc
from textlab.topics.model import (
    FORMAT_VERSION,
    TopicModel,
    as_counts,
    fit_topics,
    heldout_mask,
    matrix_hash,
    perplexity,
)
from textlab.topics.stability import model_stability, topic_stability

log = logging.getLogger(__name__)

__all__ = ["Sweep", "cache_key", "fit_models", "sweep", "suggest_k"]


@dataclass
class Sweep:
    """The result of :func:`sweep`.

    Attributes
    ----------
    runs : pandas.DataFrame
        One row per (k, seed): ``npmi``, ``umass`` (mean over topics), ``perplexity`` (held-out),
        ``stability`` (mean similarity of the run's topics to their matches in the other seeds' runs),
        ``stable_share`` (share of its topics that come back in at least half the other runs),
        ``auc_topics`` (how well the cosine of its document vectors tells pairs of training chunks of one work
        from pairs of two works: :mod:`textlab.topics.docvectors`; NaN without works or with too few pairs) and
        ``below_tfidf`` (True when that AUC is below :attr:`auc_tfidf`).
    by_k : pandas.DataFrame
        Per k: means over seeds, and the spread (``*_sd``); ``below_tfidf`` is True unless the K's document vectors
        are clearly as good as TF-IDF's: the mean ``auc_topics`` less its spread over seeds is below
        :attr:`auc_tfidf`.
    models : dict
        (k, seed) -> :class:`TopicModel` fitted on the training documents.
    heldout : numpy.ndarray of bool
        Documents left out of every fit.
    auc_tfidf : float or None
        The same AUC for TF-IDF vectors of the training chunks' counts (it does not depend on K); None without
        works or with too few pairs.
    pairs : DocumentPairs or None
        The pairs of training chunks scored (their basis, counts, or why none were), None without works.

    Examples
    --------
    >>> X = sp.csr_matrix(np.array([[0, 3, 0, 4], [1, 2, 0, 5], [0, 4, 1, 3], [0, 4, 0, 4],
    ...                             [3, 0, 6, 0], [4, 1, 4, 0], [5, 0, 3, 1], [4, 0, 4, 0]]))
    >>> m = DocumentTermMatrix(X, np.array(["congress", "court", "party", "tsar"]),
    ...                        pd.DataFrame({"doc_id": list("abcdefgh")}))
    >>> sw = sweep(m, ks=(2,), seeds=(0, 1), holdout=0.25, top_n=2, cache_dir=None, n_jobs=1, progress=False)
    >>> sw.runs[["k", "seed"]].values.tolist(), sorted(sw.models), int(sw.heldout.sum())
    ([[2, 0], [2, 1]], [(2, 0), (2, 1)], 2)
    """

    runs: pd.DataFrame
    by_k: pd.DataFrame
    models: dict
    heldout: np.ndarray
    auc_tfidf: float | None = None
    pairs: DocumentPairs | None = None


def _effective_params(backend: str, params: dict) -> dict:
    """The settings a fit really uses: the backend's defaults updated with ``params``, and the library's version.

    A cached fit is found again only with the same settings, so changing a backend's default or
    upgrading its library refits instead of loading a model made another way.
    """
    adapter = get_backend(backend)
    sig = inspect.signature(adapter.fit)
    unknown = set(params) - set(sig.parameters)
    if unknown:
        raise TypeError(
            f"backend {backend!r} takes no parameter(s) {sorted(unknown)}; it takes "
            f"{sorted(p for p in sig.parameters if p not in ('X', 'k', 'seed'))}"
        )
    out = {n: p.default for n, p in sig.parameters.items() if p.kind is p.KEYWORD_ONLY and n != "seed"}
    out.update(params)
    dist = {"gensim": "gensim", "sklearn": "scikit-learn", "tomotopy": "tomotopy"}.get(backend, backend)
    try:
        out["_version"] = importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        out["_version"] = None
    return out


def cache_key(corpus_hash: str, backend: str, k: int, seed: int, params: dict) -> str:
    """The key a fit is cached under: a hash of the counts' hash, the backend, k, seed and the settings it uses.

    The settings are the backend's defaults updated with ``params``, with the backend library's version, so a
    changed default or an upgraded library refits; a setting the backend does not take raises TypeError.

    Parameters
    ----------
    corpus_hash : str
        :func:`textlab.topics.model.matrix_hash` of the counts.
    backend : str
    k, seed : int
    params : dict
        Settings passed to the backend's ``fit``.

    Examples
    --------
    >>> cache_key("h", "sklearn", 3, 0, {}) == cache_key("h", "sklearn", 3, 0, {"max_iter": 30})  # the default
    True
    >>> len(cache_key("h", "sklearn", 3, 0, {"max_iter": 31}))
    20
    """
    blob = json.dumps(
        {
            "corpus": corpus_hash,
            "backend": backend,
            "k": k,
            "seed": seed,
            "params": _effective_params(backend, params),
            "format": FORMAT_VERSION,
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


def _fit_one(job: tuple) -> TopicModel:
    X, vocab, ids, k, backend, seed, params, path = job
    if path is not None and Path(path).exists():
        try:
            return TopicModel.load(path)
        except ValueError as e:  # a damaged cache file is refitted, not trusted
            log.warning("refitting: %s", e)
    model = fit_topics(X, k, backend=backend, seed=seed, vocab=vocab, doc_ids=ids, **params)
    if path is not None:
        model.save(path)
    return model


def _run_jobs(jobs: list[tuple], *, n_jobs: int, progress: bool, desc: str) -> dict[tuple[int, int], TopicModel]:
    """Run :func:`_fit_one` jobs (cached ones are loaded), in ``n_jobs`` processes; -> (k, seed) -> model."""
    cached = sum(1 for j in jobs if j[-1] is not None and Path(j[-1]).exists())
    log.info("%s: %d fits, %d of them cached", desc, len(jobs), cached)
    models: dict[tuple[int, int], TopicModel] = {}
    with tqdm(total=len(jobs), desc=desc, disable=not progress) as bar:
        if n_jobs > 1 and len(jobs) - cached > 1:
            ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
            with cf.ProcessPoolExecutor(max_workers=n_jobs, mp_context=ctx) as pool:
                futures = {pool.submit(_fit_one, j): (j[3], j[5]) for j in jobs}
                for fut in cf.as_completed(futures):
                    models[futures[fut]] = fut.result()
                    bar.update()
        else:
            for j in jobs:
                models[(j[3], j[5])] = _fit_one(j)
                bar.update()
    return dict(sorted(models.items()))


def _cache_folder(cache_dir: str | os.PathLike | None) -> Path | None:
    if cache_dir is None:
        return None
    folder = paths.PROCESSED / "topics" if cache_dir == "default" else Path(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def fit_models(
    data: DocumentTermMatrix | sp.spmatrix | np.ndarray,
    ks: Sequence[int],
    seeds: Sequence[int],
    *,
    backend: str = DEFAULT_BACKEND,
    vocab: Sequence[str] | np.ndarray | None = None,
    doc_ids: Sequence[str] | np.ndarray | None = None,
    cache_dir: str | os.PathLike | None = "default",
    tag: str = "",
    n_jobs: int | None = None,
    progress: bool = False,
    desc: str | None = None,
    **params: Any,
) -> dict[tuple[int, int], TopicModel]:
    """Fit every (k, seed) on the same counts (:func:`~textlab.topics.model.fit_topics`), cached on disk.

    Each fit is saved in ``cache_dir`` (default ``data/processed/topics``; ``None``: no cache) as
    ``<backend>-k<k>-s<seed><tag>-<key>.npz``, the key from :func:`cache_key`, and loaded from there the next
    time (a damaged file is refitted). Fits not cached run in ``n_jobs`` processes; each fit is single-threaded
    and seeded, so the models do not depend on ``n_jobs``.

    Parameters
    ----------
    data : DocumentTermMatrix, or a count matrix with ``vocab`` (and ``doc_ids``)
    ks, seeds : sequences of int
    backend : str, default DEFAULT_BACKEND ("tomotopy")
    cache_dir : path, "default" or None
    tag : str
        Put in the file names after the seed (e.g. ``"-all"`` for fits on every document).
    n_jobs : int, optional
        Worker processes; default textlab's (:func:`textlab.core.pool.resolve_n_jobs`: ``TEXTLAB_JOBS``, else
        every core).
    progress : bool, default False
        Show a progress bar.
    desc : str, optional
        Its label (default ``"fitting <backend> LDA"``).
    **params
        Passed to the backend's ``fit``.

    Returns
    -------
    dict
        (k, seed) -> :class:`~textlab.topics.model.TopicModel`, sorted.

    Examples
    --------
    >>> X = np.array([[4, 3, 0, 0], [5, 2, 0, 1], [0, 0, 6, 3], [0, 1, 4, 4]])
    >>> models = fit_models(X, [2], [0, 1], vocab=["tsar", "court", "party", "congress"], backend="sklearn",
    ...                     cache_dir=None, n_jobs=1)
    >>> sorted(models), models[(2, 1)].seed
    ([(2, 0), (2, 1)], 1)
    """
    X, vocab_arr, ids = as_counts(data, vocab, doc_ids)
    folder = _cache_folder(cache_dir)
    corpus_hash = matrix_hash(X, vocab_arr, ids) if folder is not None else ""
    jobs = []
    for k in ks:
        for s in seeds:
            path = None
            if folder is not None:
                path = folder / f"{backend}-k{k}-s{s}{tag}-{cache_key(corpus_hash, backend, k, s, params)}.npz"
            jobs.append((X, vocab_arr, ids, k, backend, s, params, path))
    return _run_jobs(jobs, n_jobs=resolve_n_jobs(n_jobs), progress=progress, desc=desc or f"fitting {backend} LDA")


def sweep(
    data: DocumentTermMatrix,
    *,
    ks: Sequence[int] = (5, 10, 15, 20, 25, 30, 40),
    seeds: Sequence[int] = (0, 1, 2),
    backend: str = DEFAULT_BACKEND,
    holdout: float = 0.1,
    split_seed: int = 0,
    top_n: int = 10,
    cache_dir: str | os.PathLike | None = "default",
    n_jobs: int | None = None,
    progress: bool = True,
    works: Sequence[Any] | np.ndarray | None = None,
    authors: Sequence[Any] | np.ndarray | None = None,
    **params: Any,
) -> Sweep:
    """Fit every (k, seed) on the same training documents; coherence, held-out perplexity and stability per run.

    Coherence (NPMI and UMass over each topic's ``top_n`` words) uses the
    co-occurrence of all the documents, counted once
    (:class:`textlab.topics.coherence.Cooccurrence`) and reused for every run.
    Stability aligns each run's topics with those of the other seeds at the
    same k (:func:`textlab.topics.stability.topic_stability`). Each fit is cached
    in ``cache_dir`` (default ``data/processed/topics``; ``None``: no cache)
    under a key of the counts' hash, the backend, k, seed and ``params`` (:func:`fit_models`), so a
    second sweep with the same inputs fits nothing. ``n_jobs`` fits run in
    parallel processes; each fit is single-threaded and seeded, so results do
    not depend on ``n_jobs``.

    Given ``works`` (and ``authors``: one label of each per document of ``data``, e.g.
    :func:`textlab.topics.docvectors.chunk_labels`; without authors, one author wrote everything), each run's
    document vectors are checked on the training documents (:mod:`textlab.topics.docvectors`, pairs drawn with
    ``split_seed``): ``auc_topics`` per run, the TF-IDF AUC once (:attr:`Sweep.auc_tfidf`), and runs below it
    flagged (``below_tfidf``). A cached fit is checked from its stored document vectors.

    Examples
    --------
    The example corpus's three authors write about three subjects; nothing is cached (``cache_dir=None``):

    >>> from textlab.corpus.examples import example_corpus
    >>> from textlab.features.chunks import chunk_dtm, corpus_chunks
    >>> m = chunk_dtm(corpus_chunks(example_corpus()))
    >>> sw = sweep(m, ks=(2, 3), seeds=(0, 1), cache_dir=None, n_jobs=1, progress=False)
    >>> sw.by_k["k"].tolist(), sorted(sw.models), int(sw.heldout.sum()), suggest_k(sw.by_k)
    ([2, 3], [(2, 0), (2, 1), (3, 0), (3, 1)], 2, 3)
    """
    if not isinstance(data, DocumentTermMatrix):
        raise TypeError(
            f"data must be a DocumentTermMatrix (textlab.features.chunks.chunk_dtm), got {type(data).__name__}"
        )
    ks = [int(k) for k in ks]
    seeds = [int(s) for s in seeds]
    if not ks or not seeds or min(ks) < 2:
        raise ValueError(f"ks (each >= 2) and seeds must be non-empty, got ks={ks}, seeds={seeds}")
    X, vocab, ids = as_counts(data)
    mask = heldout_mask(X.shape[0], share=holdout, seed=split_seed)
    Xtr, Xte, ids_tr = X[~mask], X[mask], ids[~mask]
    log.info(
        "sweep: %d fits of %s on %d training documents, %d held out",
        len(ks) * len(seeds),
        backend,
        Xtr.shape[0],
        Xte.shape[0],
    )
    models = fit_models(
        Xtr,
        ks,
        seeds,
        backend=backend,
        vocab=vocab,
        doc_ids=ids_tr,
        cache_dir=cache_dir,
        n_jobs=n_jobs,
        progress=progress,
        **params,
    )
    cooc = Cooccurrence(X, vocab)
    pairs, auc_tfidf = _training_pairs(Xtr, mask, works, authors, seed=split_seed)
    rows = []
    for k in ks:
        for s in seeds:
            m = models[(k, s)]
            others = [models[(k, o)].topic_word for o in seeds if o != s]
            stab = model_stability(m.topic_word, others) if others else np.nan
            auc_topics = _run_auc(m, ids_tr, pairs)
            share = float(topic_stability(m.topic_word, others)["stable"].mean()) if others else np.nan
            rows.append(
                {
                    "k": k,
                    "seed": s,
                    "stable_share": share,
                    "npmi": float(np.mean(topic_coherence(m.topic_word, cooc, measure="npmi", top_n=top_n))),
                    "umass": float(np.mean(topic_coherence(m.topic_word, cooc, measure="umass", top_n=top_n))),
                    "perplexity": perplexity(m, Xte, seed=split_seed),
                    "stability": stab,
                    "auc_topics": auc_topics,
                    "below_tfidf": auc_tfidf is not None and bool(auc_topics < auc_tfidf),
                }
            )
    runs = pd.DataFrame(rows)
    agg = runs.groupby("k")[["npmi", "umass", "perplexity", "stability", "stable_share", "auc_topics"]]
    by_k = agg.mean().join(agg.std(ddof=1).add_suffix("_sd")).reset_index()
    # a K's document vectors count as below TF-IDF's unless they are clearly as good: the mean over seeds less
    # their spread (the same allowance for the seeds as suggest_k makes for perplexity)
    clear = by_k["auc_topics"] - by_k["auc_topics_sd"].fillna(0.0)
    by_k["below_tfidf"] = (clear < auc_tfidf) if auc_tfidf is not None else False
    return Sweep(runs=runs, by_k=by_k, models=models, heldout=mask, auc_tfidf=auc_tfidf, pairs=pairs)


def _training_pairs(
    Xtr: sp.csr_matrix,
    mask: np.ndarray,
    works: Sequence[Any] | np.ndarray | None,
    authors: Sequence[Any] | np.ndarray | None,
    *,
    seed: int,
) -> tuple[DocumentPairs | None, float | None]:
    """The pairs of training documents a sweep scores, and the TF-IDF vectors' AUC on them (None, None: no works)."""
    if works is None:
        if authors is not None:
            raise ValueError("sweep: authors were given without works; give works (one label per document) too")
        return None, None
    w = np.asarray(works, dtype=object)
    a = np.full(len(w), "", dtype=object) if authors is None else np.asarray(authors, dtype=object)
    for name, labels in (("works", w), ("authors", a)):
        if labels.shape != mask.shape:
            raise ValueError(f"sweep: {name} has {len(labels)} labels but there are {len(mask)} documents")
    pairs = document_pairs(w[~mask], a[~mask], seed=seed)
    if not pairs.computable:
        log.info("sweep: document vectors not checked: %s", pairs.reason)
    return pairs, vector_auc(tfidf_vectors(Xtr), pairs)


def _run_auc(model: TopicModel, ids_tr: np.ndarray, pairs: DocumentPairs | None) -> float:
    """AUC of a run's document vectors on the sweep's pairs; NaN when there are none."""
    if pairs is None or not pairs.computable:
        return float("nan")
    if not np.array_equal(model.doc_ids.astype(str), ids_tr.astype(str)):
        raise ValueError("a fit's documents are not the sweep's training documents (a stale cache file?)")
    value = vector_auc(model.doc_topic, pairs)
    return float("nan") if value is None else value


def suggest_k(by_k: pd.DataFrame, *, tolerance: float = 0.01) -> int:
    """The K a sweep supports: among the K whose held-out perplexity is within reach of the best,
    the one whose topics most often come back (``stable_share``); ties go to the higher mean NPMI,
    then to the smaller K.

    Within reach means no more than the best perplexity plus the larger of
    ``tolerance`` (a share of it) and the spread over seeds at the best K
    (``perplexity_sd``, when the table has it): perplexities closer than the
    seeds' own spread are not told apart, so a change of one seed's fit cannot
    move the choice from one K to another.

    Perplexity alone keeps rising in K long after the topics stop being
    reproducible; stability alone prefers the fewest topics. The rule takes
    the models that predict held-out text about as well as any, and of those
    the most reproducible.

    When the table says whether each K's document vectors separate works less
    well than TF-IDF (``below_tfidf``, :mod:`textlab.topics.docvectors`), those
    K are set aside first, unless every K is: every comparison of themes
    averages the document vectors, so a K whose vectors carry less of the
    texts' content than their word counts do is not a model to compare with.

    >>> t = pd.DataFrame({"k": [5, 10, 15], "perplexity": [120.0, 100.5, 100.0],
    ...                   "stable_share": [1.0, 0.8, 0.6], "npmi": [0.1, 0.1, 0.1]})
    >>> suggest_k(t)
    10
    >>> suggest_k(t.assign(perplexity_sd=[1.0, 1.0, 25.0]))  # seeds spread more than K=5's gap
    5
    >>> suggest_k(t.assign(below_tfidf=[False, True, False]))  # K=10's document vectors do worse than TF-IDF
    15
    """
    need = {"k", "perplexity", "stable_share", "npmi"}
    if not isinstance(by_k, pd.DataFrame) or not need <= set(by_k.columns):
        raise ValueError(f"by_k must be Sweep.by_k, a DataFrame with columns {sorted(need)}")
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be a share in [0, 1), got {tolerance!r}")
    if "below_tfidf" in by_k.columns:
        flagged = by_k["below_tfidf"].fillna(False).to_numpy(dtype=bool)
        if not flagged.all():
            by_k = by_k[~flagged]
    best = by_k.iloc[int(np.argmin(by_k["perplexity"].to_numpy()))]
    spread = (
        float(best["perplexity_sd"]) if "perplexity_sd" in by_k.columns and pd.notna(best.get("perplexity_sd")) else 0.0
    )
    ok = by_k[by_k["perplexity"] <= best["perplexity"] + max(tolerance * best["perplexity"], spread)]
    ranked = ok.sort_values(["stable_share", "npmi", "k"], ascending=[False, False, True], kind="stable")
    return int(ranked["k"].iloc[0])
