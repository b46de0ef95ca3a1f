"""Book modules: the rules that only one bundled book needs.

Each module defines ``SOURCE`` (its file name in ``data/raw``), ``BOOK``,
``segment(lines) -> Segmentation`` and ``clean(text, *, lexicon) -> str``.
``data/manifest.csv`` names the module of each bundled file in its
``segmenter`` column; a user's own corpus uses none of them.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["get_book", "BOOK_MODULES"]

#: The book modules shipped with textlab, by module name.
BOOK_MODULES = (
    "gorter_open_letter",
    "trotsky_writings_1930_31",
    "trotsky_challenge_1923_25",
    "trotsky_letter_1928",
    "cliff_trotsky_1927_40",
)


def get_book(name: str) -> ModuleType:
    """Import the book module ``textlab.books.<name>``.

    Raises
    ------
    ValueError
        If ``name`` is not one of :data:`BOOK_MODULES`.

    Examples
    --------
    >>> book = get_book("trotsky_letter_1928")
    >>> book.__name__, book.SOURCE
    ('textlab.books.trotsky_letter_1928', 'trotsky_letter_on_the_situation_in_russia_1928.txt')
    >>> all(callable(get_book(name).segment) and callable(get_book(name).clean) for name in BOOK_MODULES)
    True
    >>> get_book("os")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown book module 'os'; known: gorter_open_letter, ...
    """
    if name not in BOOK_MODULES:
        raise ValueError(f"unknown book module {name!r}; known: {', '.join(BOOK_MODULES)}")
    return importlib.import_module(f"textlab.books.{name}")
