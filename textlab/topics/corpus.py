"""A corpus's topic models: its chunks and their counts, the sweep over K, the corpus model, tables of its topics.

Every function takes a Corpus (e.g. :func:`textlab.load_corpus`, :func:`textlab.corpus.examples.example_corpus`)
and works on the chunks of its comparison rows (:func:`textlab.features.chunks.corpus_chunks`): the sweep over
K (:func:`corpus_sweep`, :func:`chosen_k`), the models with one K and several seeds (:func:`corpus_models`; the
first seed's is *the corpus model*, :func:`corpus_model`), and tables of its topics (:func:`corpus_topics`),
their prevalence by group or over time (:func:`corpus_prevalence`, :func:`corpus_prevalence_difference`) and a
group's prevalence with its quotations of others put back (:func:`corpus_quotation_prevalence`). Fits are cached
on disk (:func:`textlab.topics.selection.fit_models`) and results in memory, so the notebooks' many calls fit once.

Examples
--------
>>> from textlab.corpus.examples import example_corpus
>>> chunks, m, model = corpus_model(example_corpus(), k=3, cache_dir=None)
>>> len(chunks), model.k
(24, 3)
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from textlab.corpus.table import Corpus
from textlab.features.chunks import chunk_dtm, corpus_chunks
from textlab.features.dtm import DocumentTermMatrix
from textlab.features.tokenize import Tokenizer
from textlab.text.lexicon import english_words
from textlab.topics.backends import DEFAULT_BACKEND
from textlab.topics.coherence import Cooccurrence, topic_coherence
from textlab.topics.docvectors import chunk_labels
from textlab.topics.labels import top_relevant, topic_labels
from textlab.topics.model import TopicModel, counts_in_vocab, fold_in
from textlab.topics.prevalence import bootstrap_prevalence, prevalence_difference, prevalence_over_time
from textlab.topics.selection import Sweep, fit_models, suggest_k, sweep
from textlab.topics.stability import flag_unstable, topic_stability

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_SEEDS",
    "DEFAULT_KS",
    "corpus_chunk_dtm",
    "corpus_sweep",
    "chosen_k",
    "corpus_models",
    "corpus_model",
    "NAME_MIN_WORDS",
    "load_corpus_topic_names",
    "topic_name_rows",
    "known_share",
    "corpus_topics",
    "corpus_prevalence",
    "corpus_quotation_prevalence",
    "corpus_prevalence_difference",
]

#: Seeds of the sweep; the corpus model is the first seed's fit on every chunk.
DEFAULT_SEEDS = (0, 1, 2)
#: K values of the sweep in notebook 03.
DEFAULT_KS = (5, 10, 15, 20, 25, 30, 40)

_MEMO: dict[tuple, Any] = {}


def _memo(key: tuple, make: Callable[[], Any]) -> Any:
    if key not in _MEMO:
        while len(_MEMO) >= 8:  # bounded memory
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = make()
    return _MEMO[key]


def corpus_chunk_dtm(
    corpus: Corpus,
    *,
    size: int = 500,
    min_df: int | float | str = "auto",
    max_df: int | float = 0.5,
    quotations: str = "drop",
) -> tuple[pd.DataFrame, DocumentTermMatrix]:
    """Chunks of a corpus's comparison rows (:func:`corpus_chunks`) and their counts (kept in memory).

    Counted with the corpus's tokenizer (:meth:`Tokenizer.from_options` of its ``text_options``, phrases learned
    on the chunks); kept in memory keyed on the corpus's rows (``Corpus.key``) and text options.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> chunks, m = corpus_chunk_dtm(example_corpus())
    >>> len(chunks), m.X.shape, m.vocab[:3].tolist()
    (24, (24, 32), ['army', 'congress', 'cooperative'])
    """

    def make() -> tuple[pd.DataFrame, DocumentTermMatrix]:
        chunks = corpus_chunks(corpus, size=size, quotations=quotations)
        tokenizer = Tokenizer.from_options(corpus.text_options)
        return chunks, chunk_dtm(chunks, min_df=min_df, max_df=max_df, tokenizer=tokenizer)

    return _memo(("chunks", corpus.key, corpus.text_options.key, size, min_df, max_df, quotations), make)


def corpus_sweep(
    corpus: Corpus,
    *,
    ks: Sequence[int] = DEFAULT_KS,
    seeds: Sequence[int] = DEFAULT_SEEDS,
    backend: str = DEFAULT_BACKEND,
    size: int = 500,
    quotations: str = "drop",
    progress: bool = False,
    **params: Any,
) -> Sweep:
    """:func:`sweep` over a corpus's chunks (:func:`corpus_chunk_dtm`); fits are cached on disk.

    The chunks' works and authors (:func:`textlab.topics.docvectors.chunk_labels`) are passed on, so each run's
    document vectors are checked against TF-IDF's (``auc_topics``, ``below_tfidf``, ``Sweep.auc_tfidf``).

    Examples
    --------
    Keywords of :func:`sweep` are passed on: here nothing is cached (``cache_dir=None``), in this process:

    >>> from textlab.corpus.examples import example_corpus
    >>> sw = corpus_sweep(example_corpus(), ks=(2, 3), seeds=(0, 1), cache_dir=None, n_jobs=1)
    >>> sw.runs[["k", "seed"]].values.tolist(), suggest_k(sw.by_k)
    ([[2, 0], [2, 1], [3, 0], [3, 1]], 3)
    """
    chunks, m = corpus_chunk_dtm(corpus, size=size, quotations=quotations)
    works, authors = chunk_labels(chunks)
    key = (
        "sweep",
        corpus.key,
        corpus.text_options.key,
        tuple(ks),
        tuple(seeds),
        backend,
        size,
        quotations,
        json.dumps(params, sort_keys=True),
    )
    return _memo(
        key,
        lambda: sweep(
            m, ks=ks, seeds=seeds, backend=backend, progress=progress, works=works, authors=authors, **params
        ),
    )


def chosen_k(corpus: Corpus, *, quotations: str = "drop") -> int:
    """:func:`suggest_k` of the corpus's default sweep (:func:`corpus_sweep`): the K of the corpus model.

    Examples
    --------
    The default sweep (K from 5 to 40, three seeds) is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> chosen_k(example_corpus())  # doctest: +SKIP
    5
    """
    return suggest_k(corpus_sweep(corpus, quotations=quotations).by_k)


def corpus_models(
    corpus: Corpus,
    *,
    k: int | None = None,
    seeds: Sequence[int] = (0, 1, 2, 3, 4),
    backend: str = DEFAULT_BACKEND,
    quotations: str = "drop",
    size: int = 500,
    cache_dir: str | os.PathLike | None = "default",
    n_jobs: int | None = None,
    progress: bool = False,
    **params: Any,
) -> list[TopicModel]:
    """Models of a corpus's chunks (all of them) with ``k`` topics, one per seed, in seed order.

    The first is the corpus model (:func:`corpus_model`); the others show which of its topics
    come back (:func:`textlab.topics.stability.topic_stability`). ``k=None``: :func:`chosen_k`.
    Cached on disk and in memory.

    Examples
    --------
    Two seeds find the same three topics (``cache_dir=None``: nothing is written):

    >>> from textlab.corpus.examples import example_corpus
    >>> models = corpus_models(example_corpus(), k=3, seeds=(0, 1), cache_dir=None, n_jobs=1)
    >>> [m.seed for m in models], len({frozenset(ws) for m in models for ws in m.top_words(3)})
    ([0, 1], 3)
    """
    _, m = corpus_chunk_dtm(corpus, size=size, quotations=quotations)
    k = chosen_k(corpus, quotations=quotations) if k is None else int(k)

    def make() -> list[TopicModel]:
        fitted = fit_models(
            m,
            [k],
            seeds,
            backend=backend,
            cache_dir=cache_dir,
            tag="-all",
            n_jobs=n_jobs,
            progress=progress,
            desc=f"fitting {backend} LDA, k={k}",
            **params,
        )
        return [fitted[(k, s)] for s in seeds]

    key = (
        "models",
        corpus.key,
        corpus.text_options.key,
        k,
        tuple(seeds),
        backend,
        size,
        quotations,
        json.dumps(params, sort_keys=True),
        str(cache_dir),
    )
    return _memo(key, make)


def corpus_model(
    corpus: Corpus,
    *,
    k: int | None = None,
    seed: int = 0,
    backend: str = DEFAULT_BACKEND,
    size: int = 500,
    quotations: str = "drop",
    cache_dir: str | os.PathLike | None = "default",
    **params: Any,
) -> tuple[pd.DataFrame, DocumentTermMatrix, TopicModel]:
    """The corpus's topic model on every chunk: ``(chunks, dtm, model)``, rows aligned (cached on disk, in memory).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> chunks, m, model = corpus_model(example_corpus(), k=3, cache_dir=None)
    >>> model.doc_topic.shape, sorted(sorted(ws) for ws in model.top_words(3))
    ((24, 3), [['army', 'defense', 'soldier'], ['congress', 'program', 'union'], ['cooperative', 'market', 'tax']])
    >>> chunks.assign(topic=model.doc_topic.argmax(axis=1)).groupby("group")["topic"].nunique().tolist()
    [1, 1, 1]
    """
    chunks, m = corpus_chunk_dtm(corpus, size=size, quotations=quotations)
    k = chosen_k(corpus, quotations=quotations) if k is None else int(k)
    model = corpus_models(
        corpus, k=k, seeds=(seed,), backend=backend, size=size, quotations=quotations, cache_dir=cache_dir, **params
    )[0]
    return chunks, m, model


def load_corpus_topic_names(
    path: str | os.PathLike | None = None,
    *,
    k: int,
    seed: int = 0,
    backend: str = DEFAULT_BACKEND,
    quotations: str = "drop",
) -> dict[int, str]:
    """Names a reader gave the corpus model's topics, from a table (the bundled corpus's is ``data/topic_names.csv``).

    Columns ``k,seed,backend,topic,name``, and optionally ``quotations`` (the
    selection the model was fitted on; a table without the column means
    ``"rows"``) and ``top_words`` (the topic's top words by relevance when it
    was named, space-separated: :func:`corpus_topics` applies a name only while
    at least :data:`NAME_MIN_WORDS` of them are among its top 10). Only the rows of the model asked for count, so names
    written for one model never land on another's topics.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = Path(d) / "topic_names.csv"
    ...     _ = path.write_text("k,seed,backend,topic,name,quotations\\n3,0,gensim,0,farming,drop\\n"
    ...                         "3,0,gensim,2,war,drop\\n5,0,gensim,0,other,drop\\n", encoding="utf-8")
    ...     names = (load_corpus_topic_names(path, k=3, backend="gensim"),
    ...              load_corpus_topic_names(path, k=3, backend="gensim", quotations="rows"))
    >>> names
    ({0: 'farming', 2: 'war'}, {})
    """
    return {
        t: name
        for t, (name, _) in topic_name_rows(path, k=k, seed=seed, backend=backend, quotations=quotations).items()
    }


def topic_name_rows(
    path: str | os.PathLike | None, *, k: int, seed: int, backend: str, quotations: str
) -> dict[int, tuple[str, tuple[str, ...]]]:
    """The rows of the names table for one model: topic -> (name, the top words it was named by).

    As :func:`load_corpus_topic_names` (``path=None`` or no file: no names), with the
    words of its ``top_words`` column, which :func:`corpus_topics` checks against the topic's words now.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = Path(d) / "topic_names.csv"
    ...     _ = path.write_text("k,seed,backend,quotations,topic,name,top_words\\n"
    ...                         "3,0,gensim,drop,1,land,land peasant\\n", encoding="utf-8")
    ...     topic_name_rows(path, k=3, seed=0, backend="gensim", quotations="drop")
    {1: ('land', ('land', 'peasant'))}
    """
    if path is None:
        return {}
    p = Path(path)
    if not p.exists():
        return {}
    t = pd.read_csv(p, dtype=str, keep_default_na=False)
    need = {"k", "seed", "backend", "topic", "name"}
    if not need <= set(t.columns):
        raise ValueError(f"{p}: needs columns {sorted(need)}, has {list(t.columns)}")
    out: dict[int, tuple[str, tuple[str, ...]]] = {}
    for i, r in enumerate(t.to_dict("records"), start=2):
        try:
            rk, rs, rt = int(r["k"]), int(r["seed"]), int(r["topic"])
        except ValueError as e:
            raise ValueError(f"{p} line {i}: k, seed and topic must be integers ({e})") from e
        rq = r.get("quotations", "") or "rows"
        if rq not in ("rows", "drop", "keep"):
            raise ValueError(f"{p} line {i}: quotations must be rows, drop or keep, got {rq!r}")
        if (rk, rs, r["backend"], rq) != (k, seed, backend, quotations):
            continue
        if rt in out:
            raise ValueError(f"{p} line {i}: topic {rt} of k={k}, seed={seed}, {backend} is named twice")
        if not 0 <= rt < k:
            raise ValueError(f"{p} line {i}: topic {rt} is out of range for k={k}")
        out[rt] = (r["name"].strip(), tuple(r.get("top_words", "").split()))
    return out


#: A name from the names table stays on its topic while this many of the words it was named by
#: are among the topic's 10 top words by relevance (lambda 0.6).
NAME_MIN_WORDS = 3


def known_share(words: Sequence[str], english: frozenset | None = None) -> float:
    """Share of ``words`` that the English lexicon knows: a topic of OCR fragments ("tio ill ith") scores low.

    A phrase or hyphenated word is known when each part is (or is a number).

    >>> known_share(["united_front", "five-year_plan", "tio", "ith"])
    0.5
    """
    E = english_words() if english is None else english
    if not words:
        raise ValueError("words is empty")
    ok = [all(p in E or p.isdigit() for p in re.split(r"[_\-']", w.lower()) if p) for w in words]
    return sum(ok) / len(ok)


def corpus_topics(
    corpus: Corpus,
    *,
    k: int | None = None,
    seed: int = 0,
    backend: str = DEFAULT_BACKEND,
    n_words: int = 8,
    quotations: str = "drop",
    stability_seeds: Sequence[int] = (1, 2, 3, 4),
    names: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """One row per topic of the corpus model: name, flagged label, top words, coherence, stability, prevalence.

    Columns: ``topic``, ``name`` (from the names table ``names``, by default the corpus's own
    :attr:`~textlab.corpus.table.Corpus.topic_names`, else its top 3 words by relevance),
    ``named`` (True where the name comes from the table),
    ``label`` (the name, with "† " when the topic does not come back), ``prob``,
    ``relevance`` (lambda 0.6), ``frex``, ``npmi`` (top 10 words), ``recurrence``
    and ``mean_similarity`` (against fits with ``stability_seeds``), ``stable``,
    ``prevalence`` (mean share over chunks), ``known_share`` (:func:`known_share` of its
    10 most probable words: no topic should be mostly OCR fragments).

    Examples
    --------
    The model and its refits are cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> t = corpus_topics(example_corpus(), k=3)  # doctest: +SKIP
    >>> t["name"].tolist(), t["stable"].tolist()  # doctest: +SKIP
    (['cooperative / tax / market', 'program / union / congress', 'soldier / defense / army'], [True, True, True])
    """
    k = chosen_k(corpus, quotations=quotations) if k is None else int(k)
    chunks, m, model = corpus_model(corpus, k=k, seed=seed, backend=backend, quotations=quotations)
    others = corpus_models(corpus, k=k, seeds=tuple(stability_seeds), backend=backend, quotations=quotations)
    term_freq = np.asarray(m.X.sum(axis=0)).ravel()
    # names from the table, for this model and selection, and only while the topic keeps the words it was named by
    given = {}
    top10 = top_relevant(model.topic_word, term_freq, model.vocab, n=10)
    table = names if names is not None else corpus.topic_names
    for t, (name, words) in topic_name_rows(table, k=k, seed=seed, backend=backend, quotations=quotations).items():
        if words and len(set(words) & set(top10[t])) < min(NAME_MIN_WORDS, len(words)):
            log.warning(
                "topic %d is no longer the topic named %r (its top words were %s, now %s): name not used",
                t,
                name,
                " ".join(words),
                " ".join(top10[t][:5]),
            )
            continue
        given[t] = name
    # a topic nobody named is called by its top 3 words by relevance (lambda 0.6): its most probable
    # words ("trotsky", "question") are shared by many topics and tell them apart badly
    auto = {
        i: " / ".join(w.replace("_", " ") for w in ws[:3])
        for i, ws in enumerate(top_relevant(model.topic_word, term_freq, model.vocab, n=3))
    }
    topic_names = {i: given.get(i) or auto[i] for i in range(k)}
    seen: dict[str, int] = {}
    for i in range(k):  # labels are keys of tables: two topics never share one
        seen[topic_names[i]] = seen.get(topic_names[i], 0) + 1
        if seen[topic_names[i]] > 1:
            topic_names[i] = f"{topic_names[i]} ({i})"
    labels = topic_labels(model.topic_word, term_freq, model.vocab, n=n_words, names=topic_names)
    labels["named"] = [bool(given.get(i)) for i in labels["topic"]]
    stab = topic_stability(model.topic_word, [o.topic_word for o in others])
    out = flag_unstable(labels, stab)
    out["npmi"] = topic_coherence(model.topic_word, Cooccurrence(m.X, m.vocab), measure="npmi", top_n=10)
    out = out.merge(stab[["topic", "recurrence", "mean_similarity"]], on="topic")
    out["prevalence"] = model.doc_topic.mean(axis=0)
    out["known_share"] = [known_share(ws) for ws in model.top_words(10)]
    return out[
        [
            "topic",
            "name",
            "named",
            "label",
            "prob",
            "relevance",
            "frex",
            "npmi",
            "recurrence",
            "mean_similarity",
            "stable",
            "prevalence",
            "known_share",
        ]
    ]


def corpus_prevalence(
    corpus: Corpus,
    *,
    by: str = "group",
    k: int | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    quotations: str = "drop",
    time: str | None = None,
    min_docs: int = 1,
) -> pd.DataFrame:
    """Topic prevalence in the corpus model by a chunk column, with document-bootstrap intervals.

    The resampled unit is the corpus row (``doc_id``) a chunk was cut from, so
    the chunks of one long chapter are not counted as independent evidence; a
    group of one row (a single letter) has no interval. With ``time`` ("year" or
    "month"), prevalence by ``by`` and time (:func:`textlab.topics.prevalence.prevalence_over_time`).
    Every chunk weighs alike. Adds the topic ``label`` (with its stability flag).

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> p = corpus_prevalence(example_corpus(), k=3, n_boot=100)  # doctest: +SKIP
    >>> p.loc[p["group"] == "A. Adams", ["label", "prevalence"]].round(2).values.tolist()  # doctest: +SKIP
    [['cooperative / tax / market', 0.0], ['program / union / congress', 1.0], ['soldier / defense / army', 0.0]]
    """
    chunks, _, model = corpus_model(corpus, k=k, quotations=quotations)
    labels = corpus_topics(corpus, k=model.k, quotations=quotations).set_index("topic")["label"]
    if time is None:
        t = bootstrap_prevalence(
            model.doc_topic, chunks[by].to_numpy(), units=chunks["doc_id"].to_numpy(), n_boot=n_boot, seed=seed
        )
    else:
        t = prevalence_over_time(
            model.doc_topic, chunks, by=by, time=time, units="doc_id", n_boot=n_boot, seed=seed, min_docs=min_docs
        )
    return t.assign(label=t["topic"].map(labels))


def corpus_quotation_prevalence(
    corpus: Corpus, group: str, *, k: int | None = None, n_boot: int = 1000, seed: int = 0
) -> pd.DataFrame:
    """A group's topic prevalence in its own words and with its quotations of others put back, under one model.

    The corpus model (fitted with ``quotations="drop"``) is kept fixed. "Own words" are the
    group's chunks the model was fitted on; "with quotations" are the chunks of the group's
    rows as printed (inline quotations kept, block quotations put back:
    ``quotations="rows", quotations_of=[group]``). The topic shares of both are inferred
    the same way with the topics held fixed (:func:`fold_in`), so the difference is what
    the quotations add, not a difference of inference. Intervals resample corpus rows.

    Returns one row per topic: ``topic``, ``label``, ``own`` / ``own_low`` / ``own_high``,
    ``with_quotations`` / ``with_low`` / ``with_high``, ``change`` (with minus own) and
    ``change_low`` / ``change_high`` (a paired interval: the group's works, e.g. the chapters of a book, are
    resampled and both sides recomputed on the same draw), ``n_own`` and ``n_with`` (chunks).

    Parameters
    ----------
    corpus : Corpus
    group : str
        A comparison group of the corpus (a value of the chunks' ``group`` column).

    Examples
    --------
    Clark quotes Adams; with the quotations put back, Adams's topic gains in Clark's text. The corpus model is
    cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> t = corpus_quotation_prevalence(example_corpus(), "C. Clark", k=3, n_boot=100)  # doctest: +SKIP
    >>> t[["own", "with_quotations"]].round(2).values.tolist(), t["label"].iloc[1]  # doctest: +SKIP
    ([[0.0, 0.0], [0.0, 0.11], [1.0, 0.88]], 'program / union / congress')
    """
    chunks, m, model = corpus_model(corpus, k=k)
    labels = corpus_topics(corpus, k=model.k).set_index("topic")["label"]
    mine = (chunks["group"] == group).to_numpy()
    if not mine.any():
        raise ValueError(f"group {group!r} has no chunks; groups are {sorted(chunks['group'].dropna().unique())}")
    # both sides inferred the same way (fold_in), so the difference is the text's, not the inference's
    own = fold_in(model.topic_word, m.X[mine], model.alpha)
    printed = corpus_chunks(corpus, quotations="rows", quotations_of=[group])
    printed = printed[printed["group"] == group].reset_index(drop=True)
    if m.tokenizer is None:
        raise ValueError("the corpus chunks' counts carry no tokenizer")
    theta = fold_in(model.topic_word, counts_in_vocab(printed["text"].tolist(), m.tokenizer, model.vocab), model.alpha)
    a = bootstrap_prevalence(
        own,
        np.array([group] * len(own)),
        units=chunks.loc[chunks["group"] == group, "doc_id"].to_numpy(),
        n_boot=n_boot,
        seed=seed,
    )
    b = bootstrap_prevalence(
        theta, np.array([group] * len(theta)), units=printed["doc_id"].to_numpy(), n_boot=n_boot, seed=seed
    )
    out = pd.DataFrame({"topic": np.arange(model.k)})
    out["label"] = out["topic"].map(labels)
    out["own"], out["own_low"], out["own_high"] = a["prevalence"].to_numpy(), a["low"].to_numpy(), a["high"].to_numpy()
    out["with_quotations"], out["with_low"], out["with_high"] = (
        b["prevalence"].to_numpy(),
        b["low"].to_numpy(),
        b["high"].to_numpy(),
    )
    out["change"] = out["with_quotations"] - out["own"]
    out["change_low"], out["change_high"] = _paired_change_interval(
        own, chunks.loc[mine, "work"].to_numpy(), theta, printed["work"].to_numpy(), n_boot=n_boot, seed=seed
    )
    out["n_own"], out["n_with"] = len(own), len(theta)
    return out


def _paired_change_interval(
    a: np.ndarray, units_a: np.ndarray, b: np.ndarray, units_b: np.ndarray, *, n_boot: int, seed: int, ci: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of mean(b) - mean(a) per column, resampling the units (works) both sides share."""
    units = np.array(sorted(set(units_a) | set(units_b)), dtype=object)
    ia = {u: np.flatnonzero(units_a == u) for u in units}
    ib = {u: np.flatnonzero(units_b == u) for u in units}
    rng = np.random.default_rng(seed)
    diffs = np.empty((n_boot, a.shape[1]))
    for r in range(n_boot):
        draw = rng.integers(0, len(units), len(units))
        ra = np.concatenate([ia[units[i]] for i in draw])
        rb = np.concatenate([ib[units[i]] for i in draw])
        diffs[r] = b[rb].mean(axis=0) - a[ra].mean(axis=0)
    q = (1 - ci) / 2
    return np.quantile(diffs, q, axis=0), np.quantile(diffs, 1 - q, axis=0)


def corpus_prevalence_difference(
    corpus: Corpus,
    a: str,
    b: str,
    *,
    by: str = "group",
    k: int | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    quotations: str = "drop",
) -> pd.DataFrame:
    """Prevalence of each topic in group ``a`` minus group ``b`` (rows of column ``by``), with its interval.

    Examples
    --------
    The corpus model is cached in ``data/processed/topics``, so this is not run here:

    >>> from textlab.corpus.examples import example_corpus
    >>> t = corpus_prevalence_difference(example_corpus(), "A. Adams", "B. Brown", k=3, n_boot=100)  # doctest: +SKIP
    >>> t[["label", "difference"]].round(2).values.tolist()  # doctest: +SKIP
    [['cooperative / tax / market', -0.99], ['program / union / congress', 0.99], ['soldier / defense / army', 0.0]]
    """
    chunks, _, model = corpus_model(corpus, k=k, quotations=quotations)
    labels = corpus_topics(corpus, k=model.k, quotations=quotations).set_index("topic")["label"]
    t = prevalence_difference(
        model.doc_topic, chunks[by].to_numpy(), a, b, units=chunks["doc_id"].to_numpy(), n_boot=n_boot, seed=seed
    )
    return t.assign(label=t["topic"].map(labels))
