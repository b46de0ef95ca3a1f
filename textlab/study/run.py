"""Execute the notebooks top to bottom, in order: in place on the bundled corpus, or with parameters into a folder.

Parameters are injected as papermill does (a cell tagged ``injected-parameters`` after the cell tagged
``parameters``), so ``papermill`` itself runs the same notebooks the same way; execution is nbclient's, without
timings, so the same inputs give the same files. Kernels start in the pinned environment of
:mod:`textlab.core.reproducible` (one BLAS thread, the same numeric kernels on every CPU), whoever calls.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from textlab import topics
from textlab.core import paths
from textlab.core.io import atomic_write_text
from textlab.core.pool import resolve_n_jobs
from textlab.core.reproducible import pinned_environment
from textlab.study.choices import open_corpus
from textlab.study.sections import AGREEMENT_OTHER

log = logging.getLogger(__name__)

__all__ = [
    "notebook_paths",
    "execute_notebook",
    "topic_notebook",
    "prepare_topic_models",
    "run_notebooks",
    "iter_notebooks",
]


def notebook_paths() -> list[Path]:
    """The project's notebooks, sorted by name (their numbers give the order).

    Examples
    --------
    >>> names = [p.name for p in notebook_paths()]
    >>> names[0], names == sorted(names), all(p.parent == paths.NOTEBOOKS for p in notebook_paths())
    ('01_corpus.ipynb', True, True)
    """
    return sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def execute_notebook(
    path: Path,
    *,
    out: Path | None = None,
    timeout: int = 1200,
    kernel_name: str = "python3",
    parameters: dict[str, Any] | None = None,
) -> Path:
    """Run one notebook from a fresh kernel, cells in order; write it to ``out`` (default: in place).

    ``parameters`` (names of the notebook's parameters cell) are injected after that cell, as papermill
    does; a name the cell does not define is an error. The working directory is the notebook's folder; the
    kernel's environment is :func:`textlab.core.reproducible.pinned_environment` (``TEXTLAB_JOBS`` passes on).
    Raises ``nbclient.exceptions.CellExecutionError`` naming the failing cell.

    Examples
    --------
    A notebook whose first cell, tagged ``parameters``, sets ``k`` (skipped in the doctests: it starts a
    Jupyter kernel):

    >>> import tempfile, nbformat  # doctest: +SKIP
    >>> d = Path(tempfile.mkdtemp())  # doctest: +SKIP
    >>> cells = [nbformat.v4.new_code_cell("k = 2", metadata={"tags": ["parameters"]}),
    ...          nbformat.v4.new_code_cell("print(k * 10)")]  # doctest: +SKIP
    >>> spec = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}  # doctest: +SKIP
    >>> nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=spec), d / "demo.ipynb")  # doctest: +SKIP
    >>> out = execute_notebook(d / "demo.ipynb", out=d / "run.ipynb", parameters={"k": 3})  # doctest: +SKIP
    >>> nbformat.read(out, as_version=4).cells[-1].outputs[0]["text"]  # doctest: +SKIP
    '30\\n'
    >>> execute_notebook(d / "demo.ipynb", parameters={"n": 3})  # doctest: +SKIP
    Traceback (most recent call last):
    ...
    ValueError: demo.ipynb: no parameters ['n'] in its parameters cell; it has ['k']
    """
    # imported here: nbformat's schema validation takes seconds to import, which no other command needs
    import nbformat
    from nbclient import NotebookClient
    from papermill import inspect_notebook
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    path = Path(path)
    if parameters:
        nb = load_notebook_node(str(path))
        known = set(inspect_notebook(str(path)))
        unknown = sorted(set(parameters) - known)
        if unknown:
            raise ValueError(f"{path.name}: no parameters {unknown} in its parameters cell; it has {sorted(known)}")
        nb = parameterize_notebook(nb, parameters, kernel_name=kernel_name, language="python")
        nb.metadata.pop("papermill", None)
    else:
        nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:  # no timings: the same inputs give the same file
        cell.metadata.pop("execution", None)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute(env=pinned_environment())
    target = Path(out) if out is not None else path
    atomic_write_text(target, nbformat.writes(nb) + "\n")
    return target


def run_notebooks(
    notebooks: Iterable[Path] | None = None,
    *,
    timeout: int = 1200,
    out_dir: Path | None = None,
    parameters: dict[str, Any] | None = None,
) -> list[Path]:
    """Execute every notebook in order, logging progress: in place, or into ``out_dir`` with ``parameters``.

    Each notebook receives only the parameters its parameters cell defines (the topic notebooks take ``k``,
    the others not).

    Examples
    --------
    With ``d / "demo.ipynb"`` the notebook of :func:`execute_notebook`'s example, whose parameters cell sets
    only ``k`` (skipped in the doctests: it starts a Jupyter kernel):

    >>> done = run_notebooks([d / "demo.ipynb"], out_dir=d / "out", parameters={"k": 4, "seed": 1})  # doctest: +SKIP
    >>> [p.name for p in done], nbformat.read(done[0], as_version=4).cells[-1].outputs[0]["text"]  # doctest: +SKIP
    (['demo.ipynb'], '40\\n')
    """
    from papermill import inspect_notebook

    nbs = list(notebooks) if notebooks is not None else notebook_paths()
    done = []
    for i, nb in enumerate(nbs, 1):
        log.info("[%d/%d] executing %s", i, len(nbs), nb)
        given = None
        if parameters:
            known = set(inspect_notebook(str(nb)))
            given = {k: v for k, v in parameters.items() if k in known}
        target = Path(out_dir) / Path(nb).name if out_dir is not None else None
        done.append(execute_notebook(Path(nb), out=target, timeout=timeout, parameters=given))
    return done


def topic_notebook(path: Path) -> bool:
    """Whether a notebook's code imports :mod:`textlab.topics` (it fits or loads topic models).

    >>> [topic_notebook(p) for p in notebook_paths()][:3]
    [False, False, True]
    """
    text = Path(path).read_text(encoding="utf-8")
    return "from textlab import topics" in text or "import textlab.topics" in text or "from textlab.topics" in text


def prepare_topic_models(parameters: dict[str, Any] | None = None, *, progress: bool = False) -> int:
    """Fit, into the topic-model cache, the models that several notebooks share; return the K they use.

    The sweep of notebook 03 (:func:`textlab.topics.corpus.corpus_sweep`), the corpus model with its refits
    (:func:`textlab.topics.corpus.corpus_topics`) and the model of the backend it is compared with. Notebooks 03,
    04 and 05 then load them from the cache (``data/processed/topics``), so notebooks can run side by side
    without fitting the same models twice. The results are those the notebooks would fit themselves: a fit is the
    same whoever makes it (seeded, one thread, :mod:`textlab.core.reproducible`).

    ``parameters``: the notebooks' parameters (``corpus_folder``, ``metadata``, ``group_by``, ``k``, ``language``,
    ``stopwords``, ``lemmas``); none for the bundled corpus.
    """
    p = parameters or {}
    corpus = open_corpus(
        p.get("corpus_folder"),
        p.get("metadata"),
        p.get("group_by"),
        language=p.get("language"),
        stopwords=p.get("stopwords"),
        lemmas=p.get("lemmas"),
    )
    sweep = topics.corpus_sweep(corpus, progress=progress)
    k = int(p["k"]) if p.get("k") is not None else topics.suggest_k(sweep.by_k)
    topics.corpus_topics(corpus, k=k)
    topics.corpus_models(corpus, k=k, seeds=(0,), backend=AGREEMENT_OTHER)
    log.info("topic models for the notebooks ready: K = %d", k)
    return k


def iter_notebooks(
    notebooks: Iterable[Path] | None = None,
    *,
    timeout: int = 1200,
    out_dir: Path | None = None,
    parameters: dict[str, Any] | None = None,
    n_jobs: int | None = None,
) -> Iterator[Path]:
    """Execute the notebooks, ``n_jobs`` at a time (default ``TEXTLAB_JOBS``, else every core); yield each path in
    the order given as soon as it and those before it are done.

    Each notebook runs in its own kernel and writes only its own file, so running them side by side gives the
    same files as one after the other; call :func:`prepare_topic_models` first so that they do not fit the same
    topic models at once.
    """
    nbs = list(notebooks) if notebooks is not None else notebook_paths()
    jobs = min(resolve_n_jobs(n_jobs), max(1, len(nbs)))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(run_notebooks, [nb], timeout=timeout, out_dir=out_dir, parameters=parameters) for nb in nbs
        ]
        for f in futures:
            yield f.result()[0]
