"""The local engine: texts streamed from disk, cleaned, cut and tokenised on every core, counted to disk once.

Each step is bounded in memory by a batch (a chunk of documents), never by the corpus:

1. the texts come from a source (:mod:`textlab.scale.sources`: a folder of ``.txt`` files, a table);
   :func:`chunk_texts` cuts them into fixed-size chunks as :func:`textlab.topics.model.chunk_rows` does.
2. :func:`tokenize_stream` tokenises them in a process pool (``n_jobs`` workers, ``fork`` where the
   platform has it), batch by batch, and yields ``(doc_id, tokens)`` in input order: exactly what the
   serial :class:`~textlab.features.tokenize.Tokenizer` gives (:func:`textlab.core.pool.map_stream` is the same
   ordered pool for any text -> value function).
3. :func:`count_to_disk` counts the token stream into the counts format of :mod:`textlab.scale.counts`.
4. :func:`plan_counts` and :func:`count_local` are the two halves of
   :func:`textlab.scale.engines.build_counts` on this engine: a hashing pass keys the result (a second call
   with the same inputs returns the counts on disk without tokenising again) and fits the tokenizer's phrases
   on a sample; then the workers read, clean, cut and tokenise every document (:class:`TextPipeline`) and
   :func:`count_to_disk` counts them. (The Spark engine, :mod:`textlab.scale.spark`, runs the same
   :class:`TextPipeline` on its executors after the same :func:`plan_counts`.)
5. :func:`counts_metadata` gives each row of counts its document's metadata, from the metadata table alone.

Phrases. :class:`~textlab.features.tokenize.Tokenizer` learns its phrases (gensim ``Phrases``) from texts it
holds in memory, so :func:`plan_counts` fits it on a sample: at most ``sample_docs`` documents drawn
at random (seeded) after the hashing pass has counted them (memory: the sample). A corpus of at most
``sample_docs`` documents is its own sample, and then the counts equal the in-memory path's
(:class:`textlab.features.dtm.DTMVectorizer` fitting phrases on all the texts). :func:`tokenize_stream` itself
takes a tokenizer fitted beforehand (or one with ``phrases=False``), on whatever texts the caller chose.

Examples
--------
>>> import tempfile
>>> tok = Tokenizer(phrases=False)
>>> stream = tokenize_stream([("a", "The party and the class."), ("b", "The class struggle.")], tok, progress=False)
>>> info = count_to_disk(stream, tempfile.mkdtemp())
>>> info.n_docs, info.n_terms, StreamedCounts(info.out_dir).vocab.tolist()
(2, 3, ['class', 'party', 'struggle'])
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import logging
import os
import random
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from textlab.core.io import InputError
from textlab.core.pool import map_stream, resolve_n_jobs
from textlab.features.chunks import chunk_spans
from textlab.features.tokenize import Tokenizer
from textlab.scale.counts import CountsInfo, StreamedCounts, cached_counts, check_df, check_vocab, counts_key, hash_json
from textlab.scale.sources import Pair, Source, describe_source, read_unit, source_units
from textlab.scale.writer import CountsWriter, write_counts

log = logging.getLogger(__name__)

__all__ = [
    "chunk_texts",
    "TextPipeline",
    "is_fitted",
    "tokenize_stream",
    "count_to_disk",
    "CountsPlan",
    "plan_counts",
    "count_local",
    "counts_metadata",
]


# --------------------------------------------------------------------------- chunks and the tokenising pipeline


def chunk_texts(pairs: Iterable[Pair], *, size: int = 500, min_words: int = 100) -> Iterator[Pair]:
    """Cut each text into chunks of ``size`` words, as :func:`~textlab.features.chunks.chunk_rows` does.

    The rule is textlab's one chunker's (:func:`textlab.features.chunks.chunk_spans`, ``tail="merge"``): a
    remainder shorter than ``min_words`` joins the previous chunk; a text shorter than ``min_words`` is left out
    (logged at WARNING with the count). Chunk ids are ``"<doc_id>#<n>"``; chunk texts are the words
    joined by single spaces.

    >>> list(chunk_texts([("a", "w " * 1150), ("b", "short text")], size=500, min_words=200))[1][0]
    'a#1'
    >>> [len(t.split()) for _, t in chunk_texts([("a", "w " * 1150)], size=500, min_words=200)]
    [500, 650]
    """
    if size < 1 or min_words < 1:
        raise ValueError(f"size and min_words must be >= 1, got size={size}, min_words={min_words}")
    return _chunk_pairs(pairs, size, min_words)


def _chunk_pairs(pairs: Iterable[Pair], size: int, min_words: int) -> Iterator[Pair]:
    dropped = dropped_words = 0
    for doc_id, text in pairs:
        chunks = _chunks(text, size, min_words)
        if not chunks:
            dropped += 1
            dropped_words += len(text.split())
        for i, chunk in enumerate(chunks):
            yield f"{doc_id}#{i}", chunk
    if dropped:
        log.warning("chunks: %d texts under %d words left out (%d words)", dropped, min_words, dropped_words)


def _chunks(text: str, size: int, min_words: int) -> list[str]:
    """The chunks of one text (:func:`chunk_texts`, :class:`TextPipeline`): none when shorter than ``min_words``."""
    words = text.split()
    return [" ".join(words[s:e]) for s, e in chunk_spans(len(words), size, tail="merge", min_size=min_words)]


class TextPipeline:
    """What a worker does to a document: read, clean, cut into chunks, tokenise -> ``[(chunk or None, tokens)]``.

    The workers of the local engine (:func:`count_local`) and the executors of the Spark engine
    (:func:`textlab.scale.spark.tokens_frame`) run the same pipeline, pickled, so both give the same tokens.

    Parameters
    ----------
    tokenizer : callable str -> list of str
        A fitted :class:`~textlab.features.tokenize.Tokenizer` (or one with ``phrases=False``).
    clean : callable str -> str, optional
        Applied to each text first.
    size : int, optional
        Cut the text into chunks of ``size`` words (as :func:`chunk_texts`); None: the text is one unit.
    min_words : int
        With ``size``: a remainder shorter than this joins the previous chunk, a shorter text gives no chunk.

    Examples
    --------
    >>> steps = TextPipeline(Tokenizer(phrases=False), str.upper, 3, 2)
    >>> steps("the workers of the party met")
    [(0, ['worker']), (1, ['party', 'meet'])]
    >>> TextPipeline(Tokenizer(phrases=False), None, None, 100)("The parties met.")
    [(None, ['party', 'meet'])]
    """

    def __init__(
        self,
        tokenizer: Callable[[str], list[str]],
        clean: Callable[[str], str] | None,
        size: int | None,
        min_words: int,
    ) -> None:
        self.tokenizer = tokenizer
        self.clean = clean
        self.size = size
        self.min_words = min_words

    def texts(self, payload: str | Path) -> list[tuple[int | None, str]]:
        """The texts to tokenise of a unit (a text or a file): ``[(None, text)]``, or its chunks numbered."""
        text = read_unit(payload)
        if self.clean is not None:
            text = self.clean(text)
        if self.size is None:
            return [(None, text)]
        return list(enumerate(_chunks(text, self.size, self.min_words)))

    def __call__(self, payload: str | Path) -> list[tuple[int | None, list[str]]]:
        return [(i, self.tokenizer(t)) for i, t in self.texts(payload)]


class _Digest:
    """Worker step of the hashing pass: a text's (or file's) SHA-256, characters and words."""

    def __call__(self, payload: str | Path) -> tuple[bytes, int, int]:
        text = read_unit(payload)
        return hashlib.sha256(text.encode("utf-8")).digest(), len(text), len(text.split())


def is_fitted(tokenizer: Tokenizer) -> bool:
    """Whether a tokenizer can tokenise as it is: it learns no phrases, or it has learned them (``fit``).

    >>> is_fitted(Tokenizer(phrases=False)), is_fitted(Tokenizer())
    (True, False)
    """
    return tokenizer.fitted


def tokenize_stream(
    pairs: Iterable[Pair],
    tokenizer: Tokenizer,
    *,
    n_jobs: int | None = None,
    chunk_size: int = 256,
    chunk_chars: int = 4_000_000,
    progress: bool = True,
    total: int | None = None,
) -> Iterator[tuple[str, list[str]]]:
    """Tokenise ``(doc_id, text)`` pairs on ``n_jobs`` cores; yield ``(doc_id, tokens)`` in input order.

    The tokens are exactly ``tokenizer(text)``. The tokenizer must be fitted first when it learns
    phrases (``Tokenizer.fit`` on a sample or a first pass: see the module notes); it is copied into
    each worker with its settings, phrases and caches. Memory and batching as
    :func:`textlab.core.pool.map_stream`.

    Raises
    ------
    ValueError
        If the tokenizer learns phrases and has not been fitted.

    >>> tok = Tokenizer(phrases=False)
    >>> list(tokenize_stream([("a", "The parties met."), ("b", "Workers!")], tok, n_jobs=1, progress=False))
    [('a', ['party', 'meet']), ('b', ['worker'])]
    """
    if not isinstance(tokenizer, Tokenizer) and not callable(tokenizer):
        raise TypeError(f"tokenizer must be a Tokenizer, got {type(tokenizer).__name__}")
    if isinstance(tokenizer, Tokenizer) and not is_fitted(tokenizer):
        raise ValueError(
            "the tokenizer learns phrases but is not fitted: call tokenizer.fit(texts) on a sample first "
            "(build_counts does it on a reservoir sample), or use Tokenizer(phrases=False)"
        )
    return map_stream(
        tokenizer,
        pairs,
        n_jobs=n_jobs,
        chunk_size=chunk_size,
        chunk_chars=chunk_chars,
        progress=progress,
        total=total,
        desc="tokenising",
    )


# --------------------------------------------------------------------------- counting to disk


def count_to_disk(
    token_stream: Iterable[tuple[str, Sequence[str]]],
    out_dir: str | os.PathLike[str],
    *,
    vocab: Sequence[str] | None = None,
    min_df: int | float | str = 1,
    max_df: int | float = 1.0,
    key: str | None = None,
    settings: Mapping[str, Any] | None = None,
    keep_tokens: bool = True,
    block_docs: int = 2000,
) -> CountsInfo:
    """Count a stream of ``(doc_id, tokens)`` into a sparse document-term matrix on disk, written atomically.

    One pass over the stream: each block of ``block_docs`` documents becomes CSR rows of provisional term
    ids, appended to files; then the vocabulary is sorted (and pruned with ``min_df``/``max_df``, as
    scikit-learn's ``CountVectorizer`` does) and the rows are rewritten block by block into the final
    files. Memory: a block of documents, the vocabulary and its document frequencies; never the corpus.

    Files in ``out_dir``: ``counts.npz`` (a CSR matrix that :func:`scipy.sparse.load_npz` reads: int32
    counts and column ids, int64 row pointers; stored uncompressed so :class:`StreamedCounts` can memory-map
    it), ``vocab.json`` (the column terms, sorted), ``doc_ids.json``, with ``keep_tokens`` the tokenised corpus
    (``tokens.npy``: the token ids of all documents in order, into ``terms.json``, every distinct token sorted;
    ``token_offsets.npy``: where each document starts), and ``manifest.json`` (key, settings, sizes), written
    last. The files are built in a temporary folder inside ``out_dir`` and moved into place only when
    complete; on any error nothing of the new result is left, and a previous result stays.

    Parameters
    ----------
    token_stream : iterable of (str, list of str)
        E.g. :func:`tokenize_stream`; it is not read at all when the cache answers.
    out_dir : path
    vocab : sequence of str, optional
        Fixed columns, in this order (tokens outside are not counted; ``min_df``/``max_df`` are not applied).
    min_df, max_df : int or float
        Drop terms in fewer / more documents than this (an int counts documents, a float is a share).
    key : str, optional
        The inputs' cache key (:func:`textlab.scale.counts.counts_key`). When ``out_dir`` holds a complete result
        made under the same key, it is returned (``cached=True``) without reading the stream.
    settings : mapping, optional
        Extra JSON values to record in the manifest.
    keep_tokens : bool, default True
        Also write the tokenised corpus.
    block_docs : int, default 2000
        Documents counted at a time.

    Returns
    -------
    CountsInfo

    Examples
    --------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> info = count_to_disk([("a", ["war", "peace", "war"]), ("b", ["land"])], out, key="k1")
    >>> info.cached, info.n_docs, info.n_terms, info.nnz
    (False, 2, 3, 3)
    >>> StreamedCounts(out).to_dtm().X.toarray().tolist()
    [[0, 1, 2], [1, 0, 0]]
    >>> count_to_disk(iter(()), out, key="k1").cached  # same key: the stream is not read
    True
    """
    out = Path(out_dir)
    if key is not None:
        hit = cached_counts(out, key)
        if hit is not None:
            log.info("counts in %s are up to date (key %s): not tokenising or counting again", out, key[:12])
            return hit
    vocab = check_vocab(vocab, min_df, max_df)
    if block_docs < 1:
        raise ValueError(f"block_docs must be >= 1, got {block_docs}")
    it: Iterator[tuple[str, Sequence[str]]] = iter(())

    def fill(w: CountsWriter) -> dict[str, float]:
        nonlocal it
        t_count = 0.0
        it = iter(token_stream)
        while True:
            block = list(itertools.islice(it, block_docs))  # waits for the tokenisers
            if not block:
                break
            t = time.perf_counter()
            w.add(block)
            t_count += time.perf_counter() - t
        return {"count": t_count}

    try:
        return write_counts(
            out, fill, vocab=vocab, min_df=min_df, max_df=max_df, key=key, settings=settings, keep_tokens=keep_tokens
        )
    finally:
        close = getattr(it, "close", None)
        if close is not None:
            close()  # a generator of tokenize_stream: its workers stop now, not when it is collected


# --------------------------------------------------------------------------- build_counts on this engine


@dataclass
class CountsPlan:
    """What :func:`plan_counts` settled before counting: the cache key, the fitted pipeline, the manifest's record.

    Attributes
    ----------
    key : str
        The cache key of the counts (:func:`textlab.scale.counts.counts_key`).
    pipeline : TextPipeline
        What each document goes through (the tokenizer with its phrases learned).
    settings : dict
        The settings and input description the manifest records (``engine`` is added for Spark).
    n_docs : int
        Documents of the source.
    seconds : dict
        ``scan`` (the hashing pass) and ``phrases`` (fitting on the sample).
    """

    key: str
    pipeline: TextPipeline
    settings: dict[str, Any]
    n_docs: int
    seconds: dict[str, float] = field(default_factory=dict)


def plan_counts(
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
    **source_options: Any,
) -> CountsInfo | CountsPlan:
    """Steps 1-3 of :func:`textlab.scale.engines.build_counts`, the same for both engines: the counts on disk when
    they are up to date, else the plan of the count.

    1. a hashing pass on ``n_jobs`` processes (that read a folder's files themselves): the SHA-256 of every
       text, combined in order with the ids;
    2. if ``out_dir`` holds counts made from the same texts with the same tokenizer, cleaning and settings
       (:func:`textlab.scale.counts.counts_key`), they are returned (``cached=True``; logged);
    3. else a copy of the tokenizer learns its phrases on a sample: ``sample_docs`` documents drawn at random
       (seeded) once their number is known, read again, cleaned and cut into chunks as the corpus will be (the
       tokenizer passed in is not changed; a fitted tokenizer, or one with ``phrases=False``, is used as it is).

    Parameters are those of :func:`textlab.scale.engines.build_counts` (its ``engine`` and ``master`` aside).

    Returns
    -------
    CountsInfo or CountsPlan

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("The party met.", encoding="utf-8")
    >>> plan = plan_counts(d, d / "counts", tokenizer=Tokenizer(phrases=False), n_jobs=1, progress=False)
    >>> plan.n_docs, plan.pipeline("The parties met.")
    (1, [(None, ['party', 'meet'])])
    """
    if clean is not None and not clean_key:
        raise ValueError("clean needs a clean_key: a string that changes whenever the cleaning does")
    if vocab is None:
        check_df("min_df", min_df)
        check_df("max_df", max_df)
    if chunk_words is not None and (chunk_words < 1 or min_words < 1):
        raise ValueError(f"chunk_words and min_words must be >= 1, got {chunk_words}, {min_words}")
    jobs = resolve_n_jobs(n_jobs)
    tok = tokenizer if tokenizer is not None else Tokenizer()
    needs_fit = not is_fitted(tok)

    t0 = time.perf_counter()
    h = hashlib.sha256()
    n_docs = n_chars = n_words = 0
    for doc_id, (digest, nc, nw) in map_stream(
        _Digest(),
        source_units(source, **source_options),
        n_jobs=jobs,
        chunk_size=chunk_size,
        progress=progress,
        desc="hashing",
    ):
        d = str(doc_id).encode("utf-8")
        h.update(b"%d:" % len(d) + d + digest)
        n_chars += nc
        n_words += nw
        n_docs += 1
    t_scan = time.perf_counter() - t0
    if n_docs == 0:
        raise InputError(f"{describe_source(source)}: no documents")
    settings = {
        "chunk_words": chunk_words,
        "min_words": min_words if chunk_words is not None else None,
        "clean": clean_key,
        "min_df": min_df,
        "max_df": max_df,
        "vocab": hash_json(list(vocab)) if vocab is not None else None,
        "phrase_sample": {"docs": sample_docs, "seed": seed} if needs_fit else None,
        "keep_tokens": keep_tokens,
    }
    input_hash = h.hexdigest()
    key = counts_key(input_hash, tok, **settings)
    hit = cached_counts(out_dir, key)
    if hit is not None:
        log.info("counts in %s are up to date (input %s): not tokenising again", out_dir, input_hash[:12])
        hit.seconds = {"scan": t_scan}
        return hit

    t = time.perf_counter()
    steps = TextPipeline(tok, clean, chunk_words, min_words)
    if needs_fit:
        # the sample: a seeded choice of documents, drawn now that their number is known
        picks = range(n_docs) if n_docs <= sample_docs else set(random.Random(seed).sample(range(n_docs), sample_docs))
        chosen = [payload for i, (_, payload) in enumerate(source_units(source, **source_options)) if i in picks]
        sample = [text for payload in chosen for _, text in steps.texts(payload)]
        del chosen
        tok = copy.deepcopy(tok)
        tok.fit(sample)
        steps = TextPipeline(tok, clean, chunk_words, min_words)
        log.info("phrases learned on %d texts from %d of %d documents", len(sample), len(picks), n_docs)
        del sample
    t_phrases = time.perf_counter() - t
    record = {
        **settings,
        "input_sha256": input_hash,
        "input_docs": n_docs,
        "input_words": n_words,
        "input_chars": n_chars,
        "source": describe_source(source),
        "phrases": sorted(tok.phrasegrams),
    }
    return CountsPlan(key, steps, record, n_docs, {"scan": t_scan, "phrases": t_phrases})


def count_local(
    source: Source | Callable[[], Iterable[Pair]],
    out_dir: str | os.PathLike[str],
    pipeline: TextPipeline,
    *,
    vocab: Sequence[str] | None,
    min_df: int | float | str,
    max_df: int | float,
    key: str,
    settings: Mapping[str, Any],
    keep_tokens: bool,
    n_jobs: int | None = None,
    chunk_size: int = 64,
    progress: bool = True,
    total: int | None = None,
    **source_options: Any,
) -> CountsInfo:
    """Step 4 of :func:`textlab.scale.engines.build_counts` on this engine: tokenise on ``n_jobs`` cores and count.

    Each document is read, cleaned, cut into chunks and tokenised by ``pipeline`` in the workers, in order
    (:func:`textlab.core.pool.map_stream`, ``chunk_size`` documents to a worker at a time), and
    :func:`count_to_disk` counts the stream; chunk ids are ``"<doc_id>#<n>"``. ``total``: the documents, for the
    progress bar. The Spark engine's step 4 is :func:`textlab.scale.spark.count_spark`.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("The party met.", encoding="utf-8")
    >>> steps = TextPipeline(Tokenizer(phrases=False), None, None, 100)
    >>> info = count_local(d, d / "counts", steps, vocab=None, min_df=1, max_df=1.0, key="k", settings={},
    ...                    keep_tokens=True, n_jobs=1, progress=False)
    >>> info.n_docs, info.n_terms
    (1, 2)
    """
    units = source_units(source, **source_options)
    results = map_stream(
        pipeline,
        units,
        n_jobs=resolve_n_jobs(n_jobs),
        chunk_size=chunk_size,
        progress=progress,
        total=total,
        desc="tokenising",
    )
    return count_to_disk(
        _flatten(results, pipeline.size is not None, pipeline.min_words),
        out_dir,
        vocab=vocab,
        min_df=min_df,
        max_df=max_df,
        key=key,
        settings=settings,
        keep_tokens=keep_tokens,
    )


def _flatten(
    results: Iterable[tuple[str, list[tuple[int | None, list[str]]]]], chunked: bool, min_words: int
) -> Iterator[tuple[str, list[str]]]:
    """``(doc_id, [(chunk, tokens), ...])`` -> ``(doc_id or "doc_id#chunk", tokens)``; logs the texts left out."""
    dropped = 0
    for doc_id, parts in results:
        if not parts:
            dropped += 1
        for i, tokens in parts:
            yield (f"{doc_id}#{i}" if chunked else doc_id), tokens
    if dropped:
        log.info("chunks: %d texts under %d words left out", dropped, min_words)


# --------------------------------------------------------------------------- metadata of the rows


def counts_metadata(
    counts: StreamedCounts | str | os.PathLike[str],
    metadata: str | os.PathLike[str] | pd.DataFrame,
    *,
    id_column: str = "file",
) -> pd.DataFrame:
    """The metadata of the document of each row of counts on disk (a chunk's document is its id before ``#``).

    For grouping a streamed model's topic shares (e.g. ``topic_stats.prevalence(model.doc_topic,
    meta["author"])``) without a corpus table in memory: only the metadata table is read.

    Parameters
    ----------
    counts : StreamedCounts or path of a counts folder
    metadata : path of a CSV, or DataFrame
        One row per document; ``id_column`` holds the document ids of :func:`~textlab.scale.sources.iter_texts`
        (a folder's file names, with or without ``.txt``, or a table's ``doc_id``).
    id_column : str, default "file"

    Returns
    -------
    pandas.DataFrame
        One row per row of the counts, in their order: ``row_id`` (the chunk or document id), ``doc_id`` and the
        metadata columns (as strings).

    Raises
    ------
    InputError
        Naming the metadata file and its missing column, or the first documents it does not list.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = count_to_disk([("a#0", ["tsar"]), ("a#1", ["court"]), ("b#0", ["party"])], d)
    >>> meta = pd.DataFrame({"file": ["a.txt", "b.txt"], "author": ["Adams", "Baker"]})
    >>> counts_metadata(d, meta)[["row_id", "doc_id", "author"]].values.tolist()
    [['a#0', 'a', 'Adams'], ['a#1', 'a', 'Adams'], ['b#0', 'b', 'Baker']]
    """
    c = counts if isinstance(counts, StreamedCounts) else StreamedCounts(counts)
    name = "DataFrame" if isinstance(metadata, pd.DataFrame) else str(metadata)
    if isinstance(metadata, pd.DataFrame):
        meta = metadata.astype(str)
    else:
        try:
            meta = pd.read_csv(metadata, dtype=str, keep_default_na=False)
        except (OSError, ValueError) as err:
            raise InputError(f"{name}: cannot read the metadata ({err})") from err
    if id_column not in meta.columns:
        raise InputError(f"{name}: no column {id_column!r} (columns: {list(meta.columns)})")
    ids = meta[id_column].str.replace(r"\.txt$", "", regex=True)
    if ids.duplicated().any():
        raise InputError(f"{name}: {id_column} {sorted(set(ids[ids.duplicated()]))[:5]} listed more than once")
    rows = pd.Series(c.doc_ids, name="row_id")
    docs = rows.str.replace(r"#\d+$", "", regex=True).rename("doc_id")
    missing = sorted(set(docs) - set(ids))
    if missing:
        raise InputError(f"{name}: {len(missing)} documents of {c.path} not listed in {id_column}, e.g. {missing[:5]}")
    table = meta.drop(columns=[id_column]).set_index(ids.to_numpy())
    out = table.loc[docs.tolist()].reset_index(drop=True)
    out.insert(0, "doc_id", docs.to_numpy())
    out.insert(0, "row_id", rows.to_numpy())
    return out
