"""Execute the notebooks top to bottom, in order, in place (nbclient)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable, Optional

from textlab import paths

log = logging.getLogger(__name__)

__all__ = ["notebook_paths", "execute_notebook", "run_notebooks"]


def notebook_paths() -> list[Path]:
    """The project's notebooks, sorted by name (their numbers give the order)."""
    return sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def execute_notebook(path: Path, *, out: Optional[Path] = None, timeout: int = 1200, kernel_name: str = "python3") -> Path:
    """Run one notebook from a fresh kernel, cells in order; write it to ``out`` (default: in place).

    The working directory is the notebook's folder. Raises
    ``nbclient.exceptions.CellExecutionError`` naming the failing cell.
    """
    import nbformat
    from nbclient import NotebookClient

    from textlab.io import atomic_write_text

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:  # no timings: the same inputs give the same file
        cell.metadata.pop("execution", None)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name=kernel_name, record_timing=False, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    target = Path(out) if out is not None else path
    atomic_write_text(target, nbformat.writes(nb) + "\n")
    return target


def run_notebooks(notebooks: Optional[Iterable[Path]] = None, *, timeout: int = 1200) -> list[Path]:
    """Execute every notebook in order, in place, logging progress."""
    nbs = list(notebooks) if notebooks is not None else notebook_paths()
    done = []
    for i, nb in enumerate(nbs, 1):
        log.info("[%d/%d] executing %s", i, len(nbs), nb)
        done.append(execute_notebook(Path(nb), timeout=timeout))
    return done
