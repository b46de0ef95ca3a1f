"""Summary tables of a corpus: what is in it, who speaks, what cleaning changed.

Every function takes a :class:`textlab.corpus.table.Corpus` (or its ``docs``
DataFrame) and returns a plain DataFrame; the figures in
:mod:`textlab.study.figures` plot these tables. The README's generated tables
(:func:`readme_tables`, :func:`update_readme`) include a gallery of the
figures of a registry given to them (:func:`figure_gallery`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeAlias

import pandas as pd

from textlab.core.io import atomic_write_text
from textlab.corpus.table import Corpus

__all__ = [
    "words_by",
    "kind_shares",
    "lexicon_table",
    "accounting_table",
    "before_after",
    "to_markdown",
    "figure_gallery",
    "readme_tables",
    "update_readme",
]

#: A figure of a registry: (function, notebook that shows it, keyword arguments).
Entry: TypeAlias = tuple[Callable[..., Any], str, Mapping[str, Any]]
#: A file that is not a figure: (function, notebook that shows it, what it shows).
Page: TypeAlias = tuple[Callable[..., Any], str, str]


def words_by(docs: pd.DataFrame, by: str | Sequence[str], *, columns: str | None = None) -> pd.DataFrame:
    """Words (sum of ``n_words``) by one or more columns; ``columns`` pivots one of them.

    Examples
    --------
    >>> docs = pd.DataFrame({"author": ["A", "A", "B"], "kind": ["primary", "notes", "primary"],
    ...                      "n_words": [10, 5, 7]})
    >>> words_by(docs, "author", columns="kind")  # doctest: +NORMALIZE_WHITESPACE
    kind    notes  primary
    author
    A           5       10
    B           0        7
    """
    keys = [by] if isinstance(by, str) else list(by)
    if columns is None:
        return docs.groupby(keys)["n_words"].sum().to_frame("words")
    return docs.pivot_table(index=keys, columns=columns, values="n_words", aggfunc="sum", fill_value=0)


def kind_shares(docs: pd.DataFrame, by: str = "source") -> pd.DataFrame:
    """Share of each group's words by ``kind`` (rows sum to 1).

    >>> docs = pd.DataFrame({"source": ["x", "x"], "kind": ["primary", "notes"], "n_words": [3, 1]})
    >>> kind_shares(docs).round(2).values.tolist()
    [[0.25, 0.75]]
    """
    t = words_by(docs, by, columns="kind")
    return t.div(t.sum(axis=1), axis=0)


def lexicon_table(corpus: Corpus) -> pd.DataFrame:
    """Share of word tokens (3+ letters) known to the English lexicon, before and after cleaning, in points.

    Examples
    --------
    >>> lex = pd.DataFrame({"source": ["a.txt"], "tokens_raw": [200], "share_raw": [0.9012],
    ...                     "tokens_clean": [198], "share_clean": [0.95]})
    >>> lexicon_table(Corpus(pd.DataFrame(), pd.DataFrame(), lex, {}))  # doctest: +NORMALIZE_WHITESPACE
            tokens_raw  share_raw  tokens_clean  share_clean  change
    source
    a.txt          200      90.12           198         95.0    4.88
    """
    t = corpus.lexicon.set_index("source")[["tokens_raw", "share_raw", "tokens_clean", "share_clean"]].copy()
    t["share_raw"] = (100 * t["share_raw"]).round(2)
    t["share_clean"] = (100 * t["share_clean"]).round(2)
    t["change"] = (t["share_clean"] - t["share_raw"]).round(2)
    return t


def accounting_table(corpus: Corpus) -> pd.DataFrame:
    """Raw lines per source: kept in rows, and dropped by named reason.

    Examples
    --------
    >>> lines = pd.DataFrame({"source": ["a.txt"] * 3, "line_start": [1, 2, 9], "line_end": [1, 2, 10],
    ...                       "n_lines": [1, 1, 2], "reason": ["heading", "blank", "blank"], "doc_id": ""})
    >>> c = Corpus(pd.DataFrame(), lines, pd.DataFrame(), {"n_lines": {"a.txt": 10}})
    >>> accounting_table(c)  # doctest: +NORMALIZE_WHITESPACE
            lines  kept  dropped_blank  dropped_heading
    source
    a.txt      10     6              3                1
    """
    return corpus.accounting().set_index("source")


def before_after(corpus: Corpus, *, n_chars: int = 300, kind: str = "primary") -> list[tuple[str, str, str]]:
    """For each source, the start of its longest ``kind`` row: raw lines and cleaned text.

    Returns a list of ``(source, raw, cleaned)``, each text cut to ``n_chars``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> raw = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = raw.write_text("TITLE\\nThe Com-\\nmunist party.\\n", encoding="utf-8")
    >>> docs = pd.DataFrame({"doc_id": ["a-00002"], "source": ["a.txt"], "kind": ["primary"], "n_words": [3],
    ...                      "line_start": [2], "line_end": [3], "text": ["The Communist party."]})
    >>> lines = pd.DataFrame({"source": ["a.txt"], "line_start": [1], "line_end": [1], "n_lines": [1],
    ...                       "reason": ["heading"], "doc_id": [""]})
    >>> c = Corpus(docs, lines, pd.DataFrame(), {"corpus_hash": "", "source_paths": {"a.txt": str(raw)}})
    >>> before_after(c, n_chars=12)
    [('a.txt', 'The Com-\\nmun', 'The Communis')]
    """
    out = []
    for source, d in corpus.docs[corpus.docs["kind"] == kind].groupby("source", sort=True):
        longest: Any = d["n_words"].idxmax()  # a row label
        r = d.loc[longest]
        raw = "\n".join(corpus.raw_lines(r["doc_id"]))
        out.append((str(source), raw[:n_chars], str(r["text"])[:n_chars]))
    return out


def to_markdown(df: pd.DataFrame, *, index_label: str = "source") -> str:
    """A DataFrame as a GitHub Markdown table (numbers right-aligned), without extra dependencies.

    >>> print(to_markdown(pd.DataFrame({"words": [1200]}, index=["a.txt"])))
    | source | words |
    | --- | ---: |
    | a.txt | 1,200 |
    """

    cols = [str(c) for c in df.columns]
    ints = [df[c].dtype.kind in "iu" for c in df.columns]
    lines = ["| " + " | ".join([index_label] + cols) + " |", "| --- |" + " ---: |" * len(cols)]
    for idx, *values in df.itertuples():
        cells = [
            f"{int(v):,}" if is_int else (f"{v:,.2f}" if isinstance(v, float) else str(v))
            for v, is_int in zip(values, ints)
        ]
        lines.append("| " + " | ".join([str(idx)] + cells) + " |")
    return "\n".join(lines)


def figure_gallery(registry: Mapping[str, Entry], pages: Mapping[str, Page] | None = None) -> str:
    """A Markdown table of every figure: file (linked), what it shows (its function's first docstring line),
    the notebook that shows it and the function that makes it; then one row per file of ``pages``.

    Parameters
    ----------
    registry : mapping
        File name -> (function, notebook, keyword arguments), as :data:`textlab.study.figures.FIGURES`.
    pages : mapping, optional
        Files that are not figures: file name -> (function, notebook, what it shows), as
        :data:`textlab.study.figures.PAGES`.

    Examples
    --------
    >>> from textlab.study.figures import FIGURES, PAGES
    >>> rows = figure_gallery(FIGURES, PAGES).splitlines()
    >>> rows[0]
    '| figure | what it shows | notebook | made by |'
    >>> len(rows) == 2 + len(FIGURES) + len(PAGES)   # header, rule, one row per figure, the topic browser
    True
    >>> rows[2].split(" | ")[0], rows[2].split(" | ")[-1]
    ('| [01_lexicon_share.png](figures/01_lexicon_share.png)', '`textlab.study.figures.fig_lexicon_share` |')
    """
    lines = ["| figure | what it shows | notebook | made by |", "| --- | --- | --- | --- |"]
    for name, (fn, notebook, _) in sorted(registry.items()):
        doc = " ".join((fn.__doc__ or "").strip().split("\n\n")[0].split())
        lines.append(f"| [{name}](figures/{name}) | {doc} | `notebooks/{notebook}` | `{_made_by(fn)}` |")
    for name, (fn, notebook, shows) in sorted((pages or {}).items()):
        lines.append(f"| [{name}](figures/{name}) | {shows} | `notebooks/{notebook}` | `{_made_by(fn)}` |")
    return "\n".join(lines)


def _made_by(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}.{fn.__name__}"


def readme_tables(
    corpus: Corpus, *, registry: Mapping[str, Entry], pages: Mapping[str, Page] | None = None
) -> dict[str, str]:
    """The README's generated tables, by marker name: ``lexicon-table``, ``accounting-table``, ``figure-gallery``
    (:func:`figure_gallery` of ``registry`` and ``pages``).

    Examples
    --------
    >>> lex = pd.DataFrame({"source": ["a.txt"], "tokens_raw": [200], "share_raw": [0.9012],
    ...                     "tokens_clean": [198], "share_clean": [0.95]})
    >>> lines = pd.DataFrame({"source": ["a.txt"], "line_start": [9], "line_end": [10], "n_lines": [2],
    ...                       "reason": ["blank"], "doc_id": [""]})
    >>> tables = readme_tables(Corpus(pd.DataFrame(), lines, lex, {"n_lines": {"a.txt": 10}}), registry={})
    >>> sorted(tables)
    ['accounting-table', 'figure-gallery', 'lexicon-table']
    >>> print(tables["accounting-table"])
    | source | lines | kept | blank |
    | --- | ---: | ---: | ---: |
    | a.txt | 10 | 8 | 2 |
    """
    acc = accounting_table(corpus).astype(int)
    acc.columns = [c.replace("dropped_", "") for c in acc.columns]
    return {
        "lexicon-table": to_markdown(lexicon_table(corpus)),
        "accounting-table": to_markdown(acc),
        "figure-gallery": figure_gallery(registry, pages),
    }


def update_readme(
    path: str | Path, corpus: Corpus, *, registry: Mapping[str, Entry], pages: Mapping[str, Page] | None = None
) -> bool:
    """Refresh the tables of :func:`readme_tables` between ``<!-- name: ... -->`` and ``<!-- /name -->`` markers;
    True if changed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> lex = pd.DataFrame({"source": ["a.txt"], "tokens_raw": [200], "share_raw": [0.9012],
    ...                     "tokens_clean": [198], "share_clean": [0.95]})
    >>> lines = pd.DataFrame({"source": ["a.txt"], "line_start": [9], "line_end": [10], "n_lines": [2],
    ...                       "reason": ["blank"], "doc_id": [""]})
    >>> c = Corpus(pd.DataFrame(), lines, lex, {"n_lines": {"a.txt": 10}})
    >>> readme = pathlib.Path(tempfile.mkdtemp()) / "README.md"
    >>> markers = ("lexicon-table", "accounting-table", "figure-gallery")
    >>> _ = readme.write_text("".join(f"<!-- {m}: generated -->\\nold\\n<!-- /{m} -->\\n" for m in markers))
    >>> update_readme(readme, c, registry={}), update_readme(readme, c, registry={})  # the second: nothing to change
    (True, False)
    >>> print("\\n".join(readme.read_text().splitlines()[:4]))
    <!-- lexicon-table: generated -->
    | source | tokens_raw | share_raw | tokens_clean | share_clean | change |
    | --- | ---: | ---: | ---: | ---: | ---: |
    | a.txt | 200 | 90.12 | 198 | 95.00 | 4.88 |
    """
    path = Path(path)
    text = old = path.read_text(encoding="utf-8")
    for name, table in readme_tables(corpus, registry=registry, pages=pages).items():
        pattern = re.compile(rf"(<!-- {name}:[^\n]*-->\n).*?(<!-- /{name} -->)", re.S)
        if not pattern.search(text):
            raise ValueError(f"{path}: no <!-- {name}: ... --> marker")
        text = pattern.sub(lambda m: m.group(1) + table + "\n" + m.group(2), text)  # noqa: B023 - called at once
    if text != old:
        atomic_write_text(path, text)
    return text != old
