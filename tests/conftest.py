"""Shared fixtures: the bundled corpus (built once per test session) and raw lines."""

from __future__ import annotations

import pytest

from textlab.core import paths
from textlab.text.segment import split_lines


@pytest.fixture(scope="session")
def corpus():
    """The bundled corpus, as ``textlab.load_corpus()`` gives it (built if stale)."""
    import textlab

    return textlab.load_corpus()


@pytest.fixture(scope="session")
def raw_lines():
    """``raw_lines(file_name)`` -> the raw file's lines (1-based line i is ``[i - 1]``)."""
    cache: dict[str, list[str]] = {}

    def get(name: str) -> list[str]:
        if name not in cache:
            cache[name] = split_lines((paths.RAW / name).read_text(encoding="utf-8"))
        return cache[name]

    return get


@pytest.fixture(scope="session")
def segmented(raw_lines):
    """``segmented(book_module)`` -> its validated Segmentation of its raw file (once per session)."""
    from textlab.text.segment import validate

    cache: dict[str, object] = {}

    def get(book):
        if book.SOURCE not in cache:
            lines = raw_lines(book.SOURCE)
            seg = book.segment(lines)
            validate(seg, len(lines), book.SOURCE)
            cache[book.SOURCE] = seg
        return cache[book.SOURCE]

    return get
