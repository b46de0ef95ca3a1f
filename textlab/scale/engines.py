"""The choice of engine: :func:`build_counts` counts a corpus on this machine or on Spark, with one set of options.

This module is the only place that chooses between the engines. Both run the same first steps here
(:func:`textlab.scale.local.plan_counts`: the hashing pass, the cache key, the phrase sample), then the
counting itself runs in local worker processes (:func:`textlab.scale.local.count_local`) or on Spark
(:func:`textlab.scale.spark.count_spark`), and both write the same counts folder
(:mod:`textlab.scale.counts`), found again by either engine.

Examples
--------
>>> import tempfile, pathlib
>>> from textlab.features.tokenize import Tokenizer
>>> from textlab.scale.counts import StreamedCounts
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "b.txt").write_text("The class struggle.", encoding="utf-8")
>>> _ = (d / "a.txt").write_text("The party and the class.", encoding="utf-8")
>>> info = build_counts(d, d / "counts", tokenizer=Tokenizer(phrases=False), n_jobs=1, progress=False)
>>> info.cached, info.n_docs, info.n_terms
(False, 2, 3)
>>> counts = StreamedCounts(info.out_dir)
>>> counts.vocab.tolist(), list(counts)
(['class', 'party', 'struggle'], [[(0, 1), (1, 1)], [(0, 1), (2, 1)]])
>>> build_counts(d, d / "counts", tokenizer=Tokenizer(phrases=False), n_jobs=1, progress=False).cached
True
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from textlab.core import paths
from textlab.corpus.table import Corpus
from textlab.features.rows import corpus_rows
from textlab.features.tokenize import Tokenizer
from textlab.scale import local, spark
from textlab.scale.counts import CountsInfo, hash_json
from textlab.scale.sources import Pair, Source

__all__ = ["ENGINES", "check_engine", "build_counts", "corpus_counts"]

#: The engines that count (and, in :mod:`textlab.topics.backends`, fit topics on) counts on disk.
ENGINES = ("local", "spark")


def check_engine(engine: str) -> None:
    """Check an ``engine`` option: one of :data:`ENGINES`.

    >>> check_engine("spark")
    >>> check_engine("dask")
    Traceback (most recent call last):
    ...
    ValueError: engine must be 'local' or 'spark', got 'dask'
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be 'local' or 'spark', got {engine!r}")


def build_counts(
    source: Source | Callable[[], Iterable[Pair]],
    out_dir: str | os.PathLike[str],
    *,
    tokenizer: Tokenizer | None = None,
    clean: Callable[[str], str] | None = None,
    clean_key: str | None = None,
    n_jobs: int | None = None,
    chunk_words: int | None = None,
    min_words: int = 100,
    min_df: int | float | str = 1,
    max_df: int | float = 1.0,
    vocab: Sequence[str] | None = None,
    sample_docs: int = 1000,
    seed: int = 0,
    keep_tokens: bool = True,
    chunk_size: int = 64,
    progress: bool = True,
    engine: str = "local",
    master: str | None = None,
    **source_options: Any,
) -> CountsInfo:
    """Stream a corpus from disk, clean and tokenise it on ``n_jobs`` cores and count it into ``out_dir``, once.

    Steps, each on ``n_jobs`` processes that read the files themselves (a folder source; a table is
    read here and its texts sent to them):

    1. a hashing pass: the SHA-256 of every text, combined in order with the ids;
    2. if ``out_dir`` holds counts made from the same texts with the same tokenizer, cleaning and
       settings (:func:`textlab.scale.counts.counts_key`), they are returned at once (``cached=True``; logged):
       nothing is cleaned, tokenised or counted;
    3. else a copy of the tokenizer learns its phrases on a sample: ``sample_docs`` documents drawn at
       random (seeded) once their number is known, read again, cleaned and cut into chunks as the corpus
       will be (the tokenizer passed in is not changed; a fitted tokenizer, or one with
       ``phrases=False``, is used as it is);
    4. each document is read, cleaned, cut into chunks and tokenised in the workers, in order, and
       :func:`textlab.scale.local.count_to_disk` counts the stream.

    Parameters
    ----------
    source : path, DataFrame, or a function returning an iterable of (doc_id, text)
        As :func:`textlab.scale.sources.iter_texts` takes (``source_options`` go to it); a function is called
        once per pass.
    tokenizer : Tokenizer, optional
        Default ``Tokenizer()`` (lemmas, default stopwords, phrases).
    clean : callable str -> str, optional
        Cleaning applied to each text first, in the workers (e.g.
        ``textlab.text.clean.default_pipeline(lexicon)``).
    clean_key : str
        Required with ``clean``: a string that changes whenever the cleaning does (a version, a hash of
        its lexicon); it is part of the cache key, since a function's result cannot be hashed up front.
    chunk_words : int, optional
        Cut texts into chunks of this many words (:func:`textlab.scale.local.chunk_texts`, with ``min_words``),
        as the topic models of :mod:`textlab.topics.model` do (500). Chunk ids are ``"<doc_id>#<n>"``.
    min_df, max_df, vocab, keep_tokens
        As :func:`textlab.scale.local.count_to_disk`.
    sample_docs, seed : int
        The phrase sample: documents (before chunking). A corpus of at most ``sample_docs`` documents
        is its own sample, and its counts equal the in-memory path's. Memory: the sample's texts.
    n_jobs, chunk_size, progress
        As :func:`textlab.core.pool.map_stream` (``chunk_size`` documents go to a worker at a time).
    engine : {"local", "spark"}, default "local"
        ``"spark"``: steps 1-3 run here as above (the same cache key: counts made by either engine answer
        both), and step 4 runs on Spark (:func:`textlab.scale.spark.count_spark`): the texts are cleaned, cut and
        tokenised by the same functions in pandas UDFs on the executors, counted by Spark ML's
        ``CountVectorizer`` and written here in the same files. The counts equal the local engine's.
    master : str, optional
        With ``engine="spark"``: the Spark master URL (``"local[2]"``, ``"spark://host:7077"``, ``"yarn"``);
        None uses the running SparkSession, else the master ``spark-submit`` was given, else ``local[*]``.

    Returns
    -------
    CountsInfo
        ``seconds`` has ``scan`` (hashing pass), ``phrases`` (fitting on the sample) and the steps of
        :func:`textlab.scale.local.count_to_disk` (with Spark: also ``tokenise`` and ``vocab``, the Spark jobs).

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> table = pd.DataFrame({"doc_id": ["a", "b"], "text": ["The party met.", "The workers met."]})
    >>> info = build_counts(table, tempfile.mkdtemp(), tokenizer=Tokenizer(phrases=False), n_jobs=1, progress=False)
    >>> info.n_docs, info.counts().vocab.tolist()
    (2, ['meet', 'party', 'worker'])
    """
    check_engine(engine)
    plan = local.plan_counts(
        source,
        out_dir,
        tokenizer=tokenizer,
        clean=clean,
        clean_key=clean_key,
        n_jobs=n_jobs,
        chunk_words=chunk_words,
        min_words=min_words,
        min_df=min_df,
        max_df=max_df,
        vocab=vocab,
        sample_docs=sample_docs,
        seed=seed,
        keep_tokens=keep_tokens,
        chunk_size=chunk_size,
        progress=progress,
        **source_options,
    )
    if isinstance(plan, CountsInfo):  # up to date on disk
        return plan
    counting: dict[str, Any] = dict(
        vocab=vocab, min_df=min_df, max_df=max_df, key=plan.key, settings=plan.settings, keep_tokens=keep_tokens
    )
    if engine == "spark":
        plan.settings["engine"] = "spark"
        info = spark.count_spark(
            source, out_dir, plan.pipeline, chunked=chunk_words is not None, master=master, **counting, **source_options
        )
    else:
        info = local.count_local(
            source,
            out_dir,
            plan.pipeline,
            n_jobs=n_jobs,
            chunk_size=chunk_size,
            progress=progress,
            total=plan.n_docs,
            **counting,
            **source_options,
        )
    info.seconds = {**plan.seconds, **info.seconds}
    return info


def corpus_counts(
    corpus: Corpus,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    size: int = 500,
    min_words: int = 100,
    min_df: int | float | str = "auto",
    max_df: int | float = 0.5,
    quotations: str = "drop",
    engine: str = "local",
    master: str | None = None,
    n_jobs: int | None = None,
    progress: bool = False,
) -> CountsInfo:
    """The counts of :func:`~textlab.topics.corpus.corpus_chunk_dtm` (the topic models' chunks), by the streamed path.

    The corpus's comparison rows (:func:`textlab.features.rows.corpus_rows`, with ``quotations``) go through
    :func:`build_counts`: chunks of ``size`` words, the corpus's tokenizer (``Tokenizer.from_options`` of its
    ``text_options``), ``min_df``/``max_df``, on ``engine``.
    The chunk ids, the vocabulary and the counts equal the in-memory path's (while the corpus has at most
    ``build_counts``' ``sample_docs`` rows, so that its phrases are learned on every chunk).

    Parameters
    ----------
    corpus : textlab.corpus.table.Corpus
    out_dir : path, optional
        The counts folder; default ``data/processed/counts/<corpus key>-<settings>`` (reused when up to date).
    engine, master
        As :func:`build_counts`.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> from textlab.topics.corpus import corpus_chunk_dtm
    >>> corpus = example_corpus()
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     counts = corpus_counts(corpus, d, n_jobs=1).counts()
    ...     chunks, m = corpus_chunk_dtm(corpus)
    ...     same = counts.vocab.tolist() == m.vocab.tolist() and (counts.to_dtm().X != m.X).nnz == 0
    >>> counts.n_docs, same, counts.doc_ids[:2].tolist()
    (24, True, ['adams_1-00001#0', 'adams_1-00001#1'])
    """
    rows = corpus_rows(corpus, quotations=quotations)
    if out_dir is None:
        tag = hash_json([size, min_words, min_df, max_df, quotations])[:8]
        out_dir = paths.PROCESSED / "counts" / f"{corpus.key[:16]}-{tag}"
    return build_counts(
        rows[["doc_id", "text"]],
        out_dir,
        tokenizer=Tokenizer.from_options(corpus.text_options),
        chunk_words=size,
        min_words=min_words,
        min_df=min_df,
        max_df=max_df,
        engine=engine,
        master=master,
        n_jobs=n_jobs,
        progress=progress,
    )
