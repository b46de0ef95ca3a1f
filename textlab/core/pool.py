"""An ordered process pool: ``map`` over a stream of documents on every core, results in input order.

Shared by the streamed steps (:func:`textlab.corpus.streamed.build_corpus_table`, :mod:`textlab.scale.local`): work goes
to the workers in batches, at most ``2 * n_jobs`` batches are under way, so memory is bounded by the batch
size, never by the number of documents; a progress bar counts the documents.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import functools
import itertools
import multiprocessing
import numbers
import os
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import Any

from textlab.core.io import InputError
from textlab.core.reproducible import JOBS_ENV

__all__ = ["map_stream", "ordered_imap", "resolve_n_jobs"]

_WORKER_FN: dict[str, Any] = {}


def _set_worker(fn: Callable[[Any], Any]) -> None:
    _WORKER_FN["fn"] = fn


def _run_batch(batch: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return _apply_batch(_WORKER_FN["fn"], batch)


def _apply_batch(fn: Callable[[Any], Any], batch: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    out = []
    for doc_id, item in batch:
        try:
            out.append((doc_id, fn(item)))
        except InputError:
            raise  # it names the file already
        except Exception as err:
            raise RuntimeError(f"document {doc_id!r}: {type(err).__name__}: {err}") from err
    return out


def _mp_context() -> Any:
    """``fork`` where the platform has it (workers inherit the fitted tokenizer and its caches), else the default."""
    return multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def resolve_n_jobs(n_jobs: int | None) -> int:
    """The number of worker processes that ``n_jobs`` asks for: ``None`` or ``-1`` is textlab's default.

    The default is the environment variable ``TEXTLAB_JOBS`` (:data:`textlab.core.reproducible.JOBS_ENV`), a
    positive whole number, where it is set, else every core. This is the one place that decides it: every
    function of textlab whose ``n_jobs`` is not given, and the command line's ``--jobs``, come here. Results do
    not depend on it (work is split among the workers in batches fixed by the data, and gathered in order).

    >>> resolve_n_jobs(2)
    2
    >>> import os; os.environ["TEXTLAB_JOBS"] = "3"
    >>> resolve_n_jobs(None), resolve_n_jobs(-1)
    (3, 3)
    >>> os.environ["TEXTLAB_JOBS"] = "many"
    >>> resolve_n_jobs(None)
    Traceback (most recent call last):
    ...
    textlab.core.io.InputError: TEXTLAB_JOBS='many': the number of worker processes must be a whole number >= 1
    >>> del os.environ["TEXTLAB_JOBS"]
    >>> resolve_n_jobs(0)
    Traceback (most recent call last):
    ...
    ValueError: n_jobs must be a positive int, -1 or None (textlab's default), got 0
    """
    if n_jobs is None or n_jobs == -1:
        given = os.environ.get(JOBS_ENV, "").strip()
        if not given:
            return os.cpu_count() or 1
        if not given.isdigit() or int(given) < 1:
            raise InputError(f"{JOBS_ENV}={given!r}: the number of worker processes must be a whole number >= 1")
        return int(given)
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, numbers.Integral) or n_jobs < 1:
        raise ValueError(f"n_jobs must be a positive int, -1 or None (textlab's default), got {n_jobs!r}")
    return int(n_jobs)


def ordered_imap(
    work: Callable[[Any], Any],
    tasks: Iterable[Any],
    *,
    n_jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple = (),
    local: Callable[[Any], Any] | None = None,
) -> Iterator[Any]:
    """``map(work, tasks)`` in ``n_jobs`` processes, in task order, with at most ``2 * n_jobs`` tasks under way.

    Tasks are drawn from ``tasks`` only as results are taken, so memory holds a few tasks and results,
    whatever the number of tasks. Each worker runs ``initializer(*initargs)`` first (forked workers get
    ``initargs`` without pickling). ``n_jobs == 1`` runs ``local`` (``work`` with the state of
    ``initargs`` bound, so no module state is touched) in this process.

    >>> list(ordered_imap(abs, [-3, 1, -2], n_jobs=1))
    [3, 1, 2]
    """
    if n_jobs == 1:
        yield from map(local if local is not None else work, tasks)
        return
    it = iter(tasks)
    pool = cf.ProcessPoolExecutor(
        max_workers=n_jobs, mp_context=_mp_context(), initializer=initializer, initargs=initargs
    )
    pending: collections.deque[cf.Future] = collections.deque()
    try:
        for task in itertools.islice(it, 2 * n_jobs):
            pending.append(pool.submit(work, task))
        while pending:
            result = pending.popleft().result()
            for task in itertools.islice(it, 1):
                pending.append(pool.submit(work, task))
            yield result
    finally:
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _batches(pairs: Iterable[tuple[Any, Any]], batch_docs: int, batch_chars: int) -> Iterator[list[tuple[Any, Any]]]:
    batch: list[tuple[Any, Any]] = []
    chars = 0
    for pair in pairs:
        batch.append(pair)
        item = pair[1]
        if isinstance(item, str):
            chars += len(item)
        elif isinstance(item, os.PathLike):
            chars += os.stat(item).st_size  # a file the worker reads: its bytes, about its characters
        if len(batch) >= batch_docs or chars >= batch_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def map_stream(
    fn: Callable[[Any], Any],
    pairs: Iterable[tuple[str, Any]],
    *,
    n_jobs: int | None = None,
    chunk_size: int = 256,
    chunk_chars: int = 4_000_000,
    progress: bool = True,
    total: int | None = None,
    desc: str = "documents",
) -> Iterator[tuple[str, Any]]:
    """Apply ``fn`` to the texts of ``(doc_id, text)`` pairs in a process pool; yield ``(doc_id, fn(text))`` in order.

    (The items may be anything ``fn`` takes, e.g. file paths that the workers read themselves.)

    Documents go to the workers in batches of ``chunk_size`` documents (fewer when a batch reaches
    ``chunk_chars`` characters, or bytes when the items are file paths); at most ``2 * n_jobs`` batches
    are under way, so memory is bounded by the batch size, not by the number of documents. Workers are
    forked where the platform allows it (``fn`` may then be any callable, a closure or a fitted object;
    elsewhere it must pickle). ``n_jobs=1`` runs in this process; ``None`` or ``-1``: textlab's default
    (:func:`resolve_n_jobs`).

    Raises
    ------
    RuntimeError
        Naming the document whose ``fn`` failed (the original error is its cause in-process).

    >>> list(map_stream(str.upper, [("a", "x"), ("b", "y")], n_jobs=1, progress=False))
    [('a', 'X'), ('b', 'Y')]
    """
    jobs = resolve_n_jobs(n_jobs)  # the settings are checked at the call, not at the first document
    if chunk_size < 1 or chunk_chars < 1:
        raise ValueError(f"chunk_size and chunk_chars must be >= 1, got {chunk_size}, {chunk_chars}")
    if total is None and isinstance(pairs, Sized):
        total = len(pairs)
    return _map_stream(fn, pairs, jobs, chunk_size, chunk_chars, progress, total, desc)


def _map_stream(
    fn: Callable[[Any], Any],
    pairs: Iterable[tuple[str, Any]],
    jobs: int,
    chunk_size: int,
    chunk_chars: int,
    progress: bool,
    total: int | None,
    desc: str,
) -> Iterator[tuple[str, Any]]:
    from tqdm.auto import tqdm

    batches = _batches(pairs, chunk_size, chunk_chars)
    results = ordered_imap(
        _run_batch,
        batches,
        n_jobs=jobs,
        initializer=_set_worker,
        initargs=(fn,),
        local=functools.partial(_apply_batch, fn),
    )
    with tqdm(total=total, desc=desc, unit="doc", disable=not progress) as bar:
        for batch in results:
            bar.update(len(batch))
            yield from batch
