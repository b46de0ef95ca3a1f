"""The Spark engine: corpus table, tokens and counts on a cluster, with the local engine's results.

The same steps as the local engine (:mod:`textlab.scale.local`), with the same results:

1. :func:`texts_frame`: the corpus table as a Spark DataFrame ``(pos, doc_id, text)`` from a folder of
   ``.txt`` files (read on the executors, strict UTF-8, errors naming the file and line) or from a table
   (a CSV read by Spark's own reader, or a pandas DataFrame sent from here); the ids and their order are
   :func:`textlab.scale.sources.iter_texts`', ``pos`` is the position of the document in that order.
2. :func:`tokens_frame`: each text cleaned, cut into chunks and tokenised by textlab's own functions
   (:class:`textlab.scale.local.TextPipeline`, with the :class:`~textlab.features.tokenize.Tokenizer` fitted
   here, shipped to the executors) in a pandas UDF (``mapInPandas``): ``(pos, chunk, doc_id, tokens)``,
   exactly the local engine's tokens.
3. :func:`count_frame`: Spark ML's ``CountVectorizer`` finds the vocabulary (``min_df``/``max_df``
   as :func:`textlab.scale.local.count_to_disk` means them) and counts every row; the rows are streamed back
   here partition by partition (``toLocalIterator``: memory is a partition, not the corpus) and written
   by :func:`textlab.scale.writer.write_counts` into the same counts folder, vocabulary sorted, so that
   :class:`~textlab.scale.counts.StreamedCounts` and everything after it reads it unchanged.
4. :func:`features_frame`: a counts folder as Spark ML's sparse vectors, for Spark MLlib's LDA
   (the topic backend :mod:`textlab.topics.backends.spark_lda`, ``fit_topics(counts, k, engine="spark")``).

:func:`textlab.scale.engines.build_counts` runs steps 1-3 with ``engine="spark"`` (and ``master=``), through
:func:`count_spark`; :func:`spark_session` starts the session they use.

pyspark is imported inside the functions of this module (and of the Spark topic backend) only: the local path
never loads it. Install with ``pip install textlab[spark]`` (pyspark 4, pyarrow; Java 17).
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from textlab.core.io import InputError, read_text_strict
from textlab.features.tokenize import Tokenizer
from textlab.scale.counts import CountsInfo, StreamedCounts, cached_counts, check_vocab, df_bound
from textlab.scale.local import TextPipeline, is_fitted
from textlab.scale.sources import Source, describe_source, file_id, folder_files, iter_texts
from textlab.scale.writer import CountsWriter, write_counts

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)

__all__ = ["spark_session", "texts_frame", "tokens_frame", "count_frame", "count_spark", "features_frame"]

#: Files of a folder per partition of :func:`texts_frame` (more partitions than cores, for balance).
PARTITION_DOCS = 256

#: Schemas of the frames.
TEXTS_SCHEMA = "pos long, doc_id string, text string"
TOKENS_SCHEMA = "pos long, chunk int, doc_id string, tokens array<string>"


# --------------------------------------------------------------------------- the session


def _is_local(master: str) -> bool:
    return master == "local" or master.startswith("local[") or master.startswith("local-cluster[")


def spark_session(
    master: str | None = "local[2]", *, app_name: str = "textlab", conf: Mapping[str, str] | None = None
) -> SparkSession:
    """A SparkSession for textlab (``getOrCreate``: the running one if there is one).

    Settings (``conf`` overrides them): no web UI or console progress bar, Arrow for pandas
    conversions and UDFs (batches of 256 rows: a batch of texts stays small), 8 shuffle partitions.
    For a local master (``local[n]``), everything binds to the loopback address (127.0.0.1) only, and
    the Python workers run this interpreter (``sys.executable``), so that they import this same textlab.
    Nothing is downloaded at run time (no ``spark.jars.packages``).

    Parameters
    ----------
    master : str or None, default "local[2]"
        A master URL (``"local[2]"``, ``"spark://host:7077"``, ``"yarn"``, ``"k8s://..."``); None: the
        master that ``spark-submit`` was given (``--master``), else ``local[*]``.
    app_name : str
    conf : mapping of str to str, optional
        More Spark settings, e.g. ``{"spark.executor.memory": "4g"}``.

    Returns
    -------
    pyspark.sql.SparkSession

    Examples
    --------
    >>> spark = spark_session("local[2]")  # doctest: +SKIP
    >>> spark.sparkContext.master  # doctest: +SKIP
    'local[2]'
    """
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        running = active.sparkContext.master
        if master is not None and master != running:
            log.warning("a SparkSession on %s is running: it is used, not a new one on %s", running, master)
        return active
    effective = master if master is not None else SparkConf().get("spark.master", "local[*]")
    settings = {
        "spark.app.name": app_name,
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "8",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        "spark.sql.execution.arrow.maxRecordsPerBatch": "256",
        "spark.sql.session.timeZone": "UTC",
    }
    if _is_local(str(effective)):
        settings.update(
            {
                "spark.driver.host": "127.0.0.1",
                "spark.driver.bindAddress": "127.0.0.1",
                "spark.pyspark.python": sys.executable,
                "spark.pyspark.driver.python": sys.executable,
            }
        )
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    settings.update(dict(conf or {}))
    builder = SparkSession.builder
    if master is not None:
        builder = builder.master(master)
    for name, value in settings.items():
        builder = builder.config(name, value)
    t = time.perf_counter()
    spark = builder.getOrCreate()
    log.info("Spark session on %s started in %.1f s", spark.sparkContext.master, time.perf_counter() - t)
    return spark


def _session(spark: SparkSession | None, master: str | None) -> SparkSession:
    return spark if spark is not None else spark_session(master)


@contextlib.contextmanager
def _named_errors() -> Iterator[None]:
    """Errors raised in the Python workers come back as the textlab errors that name the file or document."""
    from pyspark.errors import PythonException

    try:
        yield
    except PythonException as err:
        text = str(err)
        m = re.search(re.escape(f"{InputError.__module__}.{InputError.__qualname__}") + r": (.+)", text)
        if m:
            raise InputError(m.group(1).strip()) from None
        m = re.search(r"RuntimeError: (document .+)", text)
        if m:
            raise RuntimeError(m.group(1).strip()) from err
        raise


# --------------------------------------------------------------------------- the corpus table


def _read_files(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Executor step: ``(pos, doc_id, path)`` -> ``(pos, doc_id, text)``, each file read as strict UTF-8."""
    for frame in batches:
        yield pd.DataFrame(
            {
                "pos": frame["pos"].astype("int64"),
                "doc_id": frame["doc_id"].astype(object),
                "text": [read_text_strict(Path(p)) for p in frame["path"]],
            }
        )


def texts_frame(
    spark: SparkSession,
    source: Source,
    *,
    pattern: str = "*.txt",
    id_column: str = "doc_id",
    text_column: str = "text",
    where: Mapping[str, str | Sequence[str]] | None = None,
    chunk_rows: int = 1000,
    partition_docs: int = PARTITION_DOCS,
) -> DataFrame:
    """The corpus table in Spark ``(pos, doc_id, text)``: documents of :func:`~textlab.scale.sources.iter_texts`.

    A folder: its files are listed here (``pattern``, sorted by relative path; ids as
    :func:`~textlab.scale.sources.iter_texts` gives them) and read on the executors as strict UTF-8
    (:func:`textlab.core.io.read_text_strict`; an error names the file and its line), ``partition_docs``
    files per partition. The folder must be readable at the same path on every node (a shared
    filesystem) or the master local. A table, with ``where``, as :func:`~textlab.scale.sources.iter_texts` reads
    it: a ``.csv`` file (e.g. a :class:`textlab.corpus.streamed.CorpusTable`'s ``docs.csv``) is read by Spark's CSV
    reader (quoted fields across lines, ``""`` for a quote, as pandas writes them; at the same path on every
    node), so the driver never holds it; a pandas DataFrame is sent from here (memory: the table). ``pos``
    is each document's position in that order: partitions hold consecutive positions, in order, and every
    later step keeps them, so results come back in the local path's order.

    Parameters
    ----------
    spark : SparkSession
    source : path or pandas.DataFrame
    pattern, id_column, text_column, where, chunk_rows
        As :func:`textlab.scale.sources.iter_texts`.
    partition_docs : int, default 256

    Returns
    -------
    pyspark.sql.DataFrame
        Columns ``pos`` (long), ``doc_id``, ``text``; lazy (the files are read when it is used).

    Raises
    ------
    InputError
        A missing folder or file, no matching files, a table without its columns (here); a file that is
        not UTF-8 (when the frame is used: the Spark error names the file and line).

    Examples
    --------
    >>> frame = texts_frame(spark_session(), "tests/data/small_corpus")  # doctest: +SKIP
    >>> frame.orderBy("pos").first().doc_id  # doctest: +SKIP
    'cliff_1993_01'
    """
    frame = _source_frame(
        spark,
        source,
        pattern=pattern,
        id_column=id_column,
        text_column=text_column,
        where=where,
        chunk_rows=chunk_rows,
        partition_docs=partition_docs,
    )
    return frame.mapInPandas(_read_files, TEXTS_SCHEMA) if "path" in frame.columns else frame


def _source_frame(
    spark: SparkSession, source: Source, *, partition_docs: int = PARTITION_DOCS, **source_options: Any
) -> DataFrame:
    """:func:`texts_frame` before the files are read: a folder gives ``(pos, doc_id, path)``."""
    if partition_docs < 1:
        raise ValueError(f"partition_docs must be >= 1, got {partition_docs}")
    if not isinstance(source, pd.DataFrame) and Path(source).is_dir():
        if source_options.get("where") is not None:
            raise TypeError(f"where applies to tables, and {source} is a folder")
        folder = Path(source)
        files = folder_files(folder, source_options.get("pattern", "*.txt"))
        rows: list[tuple[int, str, str]] = [(i, file_id(folder, p), str(p.resolve())) for i, p in enumerate(files)]
        return _frame(spark, rows, "pos long, doc_id string, path string", partition_docs)
    if next(iter(iter_texts(source, **source_options)), None) is None:  # errors as the local path's
        raise InputError(f"{describe_source(source)}: no documents")
    if not isinstance(source, pd.DataFrame):
        return _csv_frame(spark, Path(source), partition_docs, **source_options)
    rows = [(i, doc_id, text) for i, (doc_id, text) in enumerate(iter_texts(source, **source_options))]
    return _frame(spark, rows, TEXTS_SCHEMA, partition_docs)


def _csv_frame(
    spark: SparkSession,
    path: Path,
    partition_docs: int,
    *,
    id_column: str = "doc_id",
    text_column: str = "text",
    where: Mapping[str, str | Sequence[str]] | None = None,
    **_: Any,
) -> DataFrame:
    """A CSV table read by Spark's own reader (not through the driver), rows numbered in file order and
    spread over partitions of consecutive positions, as :func:`_frame` spreads them."""
    from pyspark.sql import functions as F

    frame = spark.read.options(header=True, multiLine=True, escape='"', mode="FAILFAST", encoding="UTF-8").csv(
        str(path.resolve())
    )
    for col, want in (where or {}).items():
        frame = frame.filter(F.col(f"`{col}`").isin([want] if isinstance(want, str) else list(want)))
    texts = frame.select(*(F.coalesce(F.col(f"`{c}`"), F.lit("")) for c in (id_column, text_column)))
    indexed = texts.rdd.zipWithIndex().map(lambda r: (r[1], (r[0][0], r[0][1])))
    n = indexed.count()
    slices = max(1, min(n, max(spark.sparkContext.defaultParallelism, math.ceil(n / partition_docs))))
    ranged = indexed.repartitionAndSortWithinPartitions(slices, partitionFunc=lambda pos: pos * slices // n)
    return spark.createDataFrame(ranged.map(lambda kv: (kv[0], kv[1][0], kv[1][1])), TEXTS_SCHEMA)


def _frame(spark: SparkSession, rows: list[tuple[int, str, str]], schema: str, partition_docs: int) -> DataFrame:
    """Rows as a DataFrame of consecutive slices in order, about ``partition_docs`` rows a partition (at least
    one partition per core)."""
    parallel = spark.sparkContext.defaultParallelism
    slices = max(1, min(len(rows), max(parallel, math.ceil(len(rows) / partition_docs))))
    return spark.createDataFrame(spark.sparkContext.parallelize(rows, slices), schema)


# --------------------------------------------------------------------------- tokens


class _Tokenise:
    """Executor step of :func:`tokens_frame`: clean, cut and tokenise (:class:`~textlab.scale.local.TextPipeline`)."""

    def __init__(self, pipeline: TextPipeline, chunked: bool) -> None:
        self.pipeline = pipeline
        self.chunked = chunked

    def __call__(self, batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in batches:
            pos: list[int] = []
            chunk: list[int] = []
            ids: list[str] = []
            toks: list[list[str]] = []
            payloads = frame["text"].tolist() if "text" in frame.columns else [Path(p) for p in frame["path"]]
            for p, doc_id, text in zip(frame["pos"].tolist(), frame["doc_id"].tolist(), payloads):
                try:
                    parts = self.pipeline(text)
                except InputError:
                    raise
                except Exception as err:
                    raise RuntimeError(f"document {doc_id!r}: {type(err).__name__}: {err}") from err
                for i, tokens in parts:
                    pos.append(p)
                    chunk.append(0 if i is None else i)
                    ids.append(f"{doc_id}#{i}" if self.chunked else doc_id)
                    toks.append(tokens)
            yield pd.DataFrame(
                {
                    "pos": np.asarray(pos, dtype=np.int64),
                    "chunk": np.asarray(chunk, dtype=np.int32),
                    "doc_id": pd.Series(ids, dtype=object),
                    "tokens": pd.Series(toks, dtype=object),
                }
            )


def tokens_frame(
    texts: DataFrame,
    tokenizer: Tokenizer | Callable[[str], list[str]],
    *,
    clean: Callable[[str], str] | None = None,
    chunk_words: int | None = None,
    min_words: int = 100,
) -> DataFrame:
    """Clean, cut into chunks and tokenise the texts of :func:`texts_frame` on the executors, in a pandas UDF.

    Each text goes through what :func:`textlab.scale.engines.build_counts` does to it in its workers
    (``clean``, then :func:`textlab.scale.local.chunk_texts`' cutting with ``chunk_words``/``min_words``, then
    ``tokenizer``), in ``mapInPandas``; the tokenizer (fitted beforehand when it learns phrases) and
    ``clean`` are pickled to the executors, so the tokens are exactly the local path's. A text shorter
    than ``min_words`` gives no chunk.

    Parameters
    ----------
    texts : DataFrame
        ``(pos, doc_id, text)``, as :func:`texts_frame` makes it (or ``(pos, doc_id, path)``: the files
        are read in the same step, strict UTF-8).
    tokenizer : Tokenizer
    clean : callable, optional
    chunk_words, min_words
        As :func:`textlab.scale.engines.build_counts`: chunk ids are ``"<doc_id>#<n>"``.

    Returns
    -------
    pyspark.sql.DataFrame
        ``(pos, chunk, doc_id, tokens)``: one row per document (``chunk`` 0) or per chunk, in order.

    Examples
    --------
    >>> spark = spark_session()  # doctest: +SKIP
    >>> texts = spark.createDataFrame([(0, "a", "The parties met.")], TEXTS_SCHEMA)  # doctest: +SKIP
    >>> tokens_frame(texts, Tokenizer(phrases=False)).first().tokens  # doctest: +SKIP
    ['party', 'meet']
    """
    if isinstance(tokenizer, Tokenizer) and not is_fitted(tokenizer):
        raise ValueError(
            "the tokenizer learns phrases but is not fitted: call tokenizer.fit(texts) on a sample first "
            "(build_counts does it on a seeded sample), or use Tokenizer(phrases=False)"
        )
    if chunk_words is not None and (chunk_words < 1 or min_words < 1):
        raise ValueError(f"chunk_words and min_words must be >= 1, got {chunk_words}, {min_words}")
    step = _Tokenise(TextPipeline(tokenizer, clean, chunk_words, min_words), chunk_words is not None)
    return texts.mapInPandas(step, TOKENS_SCHEMA)


# --------------------------------------------------------------------------- counts


def _spark_df_bounds(min_df: int | float | str, max_df: int | float, n_docs: int) -> tuple[float, float]:
    """``min_df``/``max_df`` as whole numbers of documents for ``CountVectorizer(minDF, maxDF)`` (both >= 1).

    A document frequency is a whole number, so ``df >= lo`` is ``df >= ceil(lo)`` and ``df <= hi`` is
    ``df <= floor(hi)``, with ``lo``, ``hi`` as :func:`textlab.scale.local.count_to_disk` computes them (an
    int counts documents, a float is a share). Spark reads a value >= 1 as documents.
    """
    hi, lo = df_bound(max_df, n_docs), df_bound(min_df, n_docs)
    if hi < lo:
        raise ValueError("max_df corresponds to < documents than min_df")
    lo_docs, hi_docs = max(1, math.ceil(lo)), math.floor(hi)
    if hi_docs < lo_docs:
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    return float(lo_docs), float(hi_docs)


def count_frame(
    tokens: DataFrame,
    out_dir: str | os.PathLike[str],
    *,
    vocab: Sequence[str] | None = None,
    min_df: int | float | str = 1,
    max_df: int | float = 1.0,
    key: str | None = None,
    settings: Mapping[str, Any] | None = None,
    keep_tokens: bool = True,
) -> CountsInfo:
    """Count the tokens of :func:`tokens_frame` with Spark ML's ``CountVectorizer`` into a counts folder.

    The tokens are computed once (persisted, memory and disk); ``CountVectorizer`` (``vocabSize``
    unlimited, ``minDF``/``maxDF`` from ``min_df``/``max_df`` with :func:`textlab.scale.local.count_to_disk`'s
    meaning) finds the vocabulary, which is sorted as the local path sorts it, and a
    ``CountVectorizerModel`` of the sorted vocabulary counts every row, so the column ids are the local
    path's. The rows come back partition by partition in ``pos`` order (``toLocalIterator``) and
    :func:`textlab.scale.writer.write_counts` writes them (and, with ``keep_tokens``, the tokens) in the files of
    :func:`textlab.scale.local.count_to_disk`, atomically, ``manifest.json`` last. With the same ``key`` as a
    complete result in ``out_dir``, that result is returned without running anything.

    Parameters
    ----------
    tokens : DataFrame
        ``(pos, chunk, doc_id, tokens)``.
    out_dir : path
        On the driver's filesystem.
    vocab, min_df, max_df, key, settings, keep_tokens
        As :func:`textlab.scale.local.count_to_disk`.

    Returns
    -------
    textlab.scale.counts.CountsInfo
        ``seconds``: ``tokenise`` (the tokens job), ``vocab`` (fitting ``CountVectorizer``), ``count``
        (counting rows and writing them here), ``finalise``.

    Examples
    --------
    >>> spark = spark_session()  # doctest: +SKIP
    >>> texts = texts_frame(spark, "tests/data/small_corpus")  # doctest: +SKIP
    >>> info = count_frame(tokens_frame(texts, Tokenizer(phrases=False)), "/tmp/counts")  # doctest: +SKIP
    >>> StreamedCounts(info.out_dir).n_docs  # doctest: +SKIP
    38
    """
    from pyspark import StorageLevel
    from pyspark.ml.feature import CountVectorizer, CountVectorizerModel
    from pyspark.sql import functions as F

    out = Path(out_dir)
    if key is not None:
        hit = cached_counts(out, key)
        if hit is not None:
            log.info("counts in %s are up to date (key %s): not tokenising or counting again", out, key[:12])
            return hit
    vocab = check_vocab(vocab, min_df, max_df)

    seconds: dict[str, float] = {}
    persisted = tokens.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        with _named_errors():
            t = time.perf_counter()
            n_docs = persisted.count()  # runs the tokenising once; later jobs read the persisted rows
            seconds["tokenise"] = time.perf_counter() - t
            if n_docs == 0:
                raise ValueError("the token stream holds no documents")
            t = time.perf_counter()
            if vocab is None:
                lo, hi = _spark_df_bounds(min_df, max_df, n_docs)
                cv = CountVectorizer(inputCol="tokens", outputCol="features", vocabSize=2**31 - 1, minDF=lo, maxDF=hi)
                try:
                    found = list(cv.fit(persisted).vocabulary)
                except Exception as err:
                    if "vocabulary size should be > 0" not in str(err).lower():
                        raise
                    found = []
                if not found:
                    if persisted.where(F.size("tokens") > 0).limit(1).count() == 0:
                        raise ValueError(
                            "empty vocabulary: the documents hold no tokens (only stopwords, or empty texts?)"
                        ) from None
                    raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.") from None
                terms = np.array(found, dtype=str)
                columns = [found[i] for i in np.argsort(terms, kind="stable").tolist()]  # the local path's order
            else:
                columns = list(vocab)
            n_types = None
            if not keep_tokens:
                n_types = persisted.select(F.explode("tokens").alias("t")).distinct().count()
            seconds["vocab"] = time.perf_counter() - t
            model = CountVectorizerModel.from_vocabulary(columns, inputCol="tokens", outputCol="features")
            rows = model.transform(persisted).select(
                "pos", "doc_id", F.size("tokens").alias("n"), "features", *(["tokens"] if keep_tokens else [])
            )

            def fill(w: CountsWriter) -> dict[str, float]:
                t0 = time.perf_counter()
                _stream_rows(rows, w, columns, keep_tokens)
                return {**seconds, "count": time.perf_counter() - t0}

            return write_counts(
                out,
                fill,
                vocab=columns,
                min_df=min_df,
                max_df=max_df,
                key=key,
                settings=settings,
                keep_tokens=keep_tokens,
                pruned=vocab is None,
                n_types=n_types,
            )
    finally:
        persisted.unpersist()


def _stream_rows(
    rows: DataFrame, w: CountsWriter, columns: Sequence[str], keep_tokens: bool, block: int = 2000
) -> None:
    """Rows of counts from Spark, in ``pos`` order, block by block into the writer."""
    last = -1
    buf: list[Any] = []

    def flush() -> None:
        if not buf:
            return
        nnz = np.fromiter((len(r.features.indices) for r in buf), dtype=np.int64, count=len(buf))
        cols = np.concatenate([np.asarray(r.features.indices, dtype=np.int64) for r in buf])
        cnt = np.concatenate([np.asarray(r.features.values) for r in buf]).astype(np.int64)
        toks = [list(r.tokens) for r in buf] if keep_tokens else None
        n_tokens = int(sum(r.n for r in buf))
        w.add_counted([r.doc_id for r in buf], nnz, cols, cnt, columns, n_tokens, toks)
        buf.clear()

    for r in rows.toLocalIterator(prefetchPartitions=True):
        if r.pos < last:
            raise RuntimeError(f"internal error: rows out of order (position {r.pos} after {last})")
        last = r.pos
        buf.append(r)
        if len(buf) >= block:
            flush()
    flush()


def count_spark(
    source: Any,
    out_dir: str | os.PathLike[str],
    pipeline: TextPipeline,
    *,
    chunked: bool,
    vocab: Sequence[str] | None,
    min_df: int | float | str,
    max_df: int | float,
    key: str,
    settings: Mapping[str, Any],
    keep_tokens: bool,
    master: str | None = None,
    spark: SparkSession | None = None,
    **source_options: Any,
) -> CountsInfo:
    """Step 4 of :func:`textlab.scale.engines.build_counts` with ``engine="spark"``: tokenise and count on Spark.

    ``pipeline`` holds the fitted tokenizer, the cleaning and the chunking that the local engine's
    workers would run; :func:`texts_frame`, :func:`tokens_frame` and :func:`count_frame` run them.
    Called by :func:`textlab.scale.engines.build_counts` after its hashing pass, cache check and phrase sample.

    Examples
    --------
    >>> from textlab.scale.engines import build_counts
    >>> info = build_counts("tests/data/small_corpus", "/tmp/c", engine="spark", master="local[2]")  # doctest: +SKIP
    """
    session = _session(spark, master)
    if callable(source) and not isinstance(source, pd.DataFrame):
        source = pd.DataFrame(list(source()), columns=["doc_id", "text"])  # a function's pairs, as a table
        source_options = {}  # as the local engine: a function's pairs are taken as they are
    texts = _source_frame(session, source, **source_options)  # a folder's files are read as they are tokenised
    tokens = tokens_frame(
        texts, pipeline.tokenizer, clean=pipeline.clean, chunk_words=pipeline.size, min_words=pipeline.min_words
    )
    if chunked != (pipeline.size is not None):
        raise ValueError("internal error: chunked and the pipeline's chunk size disagree")
    return count_frame(
        tokens,
        out_dir,
        vocab=vocab,
        min_df=min_df,
        max_df=max_df,
        key=key,
        settings=settings,
        keep_tokens=keep_tokens,
    )


# --------------------------------------------------------------------------- topics


def features_frame(spark: SparkSession, counts: StreamedCounts | str | os.PathLike[str]) -> DataFrame:
    """A counts folder as a Spark DataFrame ``(pos, features)`` of sparse count vectors, for Spark ML.

    The rows are read here block by block (:class:`textlab.scale.counts.StreamedCounts`) and sent to Spark in
    Arrow batches; the vectors are built on the executors.

    Examples
    --------
    >>> features_frame(spark_session(), "/tmp/counts").count()  # doctest: +SKIP
    38
    """
    from pyspark.ml.linalg import SparseVector, VectorUDT
    from pyspark.sql import functions as F

    c = counts if isinstance(counts, StreamedCounts) else StreamedCounts(counts)
    pos: list[int] = []
    idx: list[np.ndarray] = []
    val: list[np.ndarray] = []
    for s, X in c.iter_blocks():
        for i in range(X.shape[0]):
            a, b = X.indptr[i], X.indptr[i + 1]
            pos.append(s + i)
            idx.append(X.indices[a:b].astype(np.int32))
            val.append(X.data[a:b].astype(np.float64))
    table = pd.DataFrame({"pos": np.asarray(pos, dtype=np.int64), "indices": idx, "values": val})
    frame = spark.createDataFrame(table, "pos long, indices array<int>, values array<double>")
    size = c.n_terms
    to_vector = F.udf(lambda i, v: SparseVector(size, i, v), VectorUDT())  # no type hints: a plain Python UDF
    return frame.select("pos", to_vector("indices", "values").alias("features"))
