"""Checks of the bundled corpus by stylometry: whose words are Cliff's quotations, is the Wildcat/Gorter split right?

The study layer may name the bundled books. :func:`quotation_check` asks whether the block quotations of one
source that quote one author (by default Cliff's quotations of Trotsky) read like that author or like the
quoting one; :func:`wildcat_check` asks whether the rows of the Gorter file that the segmentation gives to
Wildcat's 1989 introduction read like each other or like Gorter's letter. Both rest on
:class:`textlab.stylometry.delta.DeltaClassifier`. In this corpus author, period, edition and translator are
confounded (Trotsky and Gorter are read in translation): a Delta signal is evidence about the English text in
hand, not about the author alone.

Examples
--------
>>> CLIFF_SOURCE, GORTER_SOURCE
('cliff_1993_trotsky_darker_the_night.txt', 'gorter_1920_open_letter_to_lenin.txt')
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from textlab.features.chunks import chunk_words
from textlab.study import bundled
from textlab.stylometry.attribution import author_chunks, corpus_docs, style_tokens
from textlab.stylometry.delta import DeltaClassifier, delta_matrix

log = logging.getLogger(__name__)

__all__ = ["CLIFF_SOURCE", "GORTER_SOURCE", "quotation_check", "wildcat_check"]

#: Source files of the bundled corpus used by the checks (named once, in :mod:`textlab.study.bundled`).
CLIFF_SOURCE = bundled.QUOTING_SOURCE
GORTER_SOURCE = bundled.GORTER_SOURCE


def quotation_check(
    corpus: Any,
    *,
    quoted: str = bundled.QUOTED,
    source: str = CLIFF_SOURCE,
    candidates: Sequence[str] = bundled.QUOTATION_CANDIDATES,
    size: int = 500,
    n_mfw: int = 200,
    metric: str = "cosine",
    balanced: bool = True,
    exclude_groups: Sequence[str] = (),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Are the block quotations of ``source`` that quote ``quoted`` closer to one candidate author than the others?

    The quotation rows (``kind == "quotation"``) of ``source`` whose
    ``quoted_author`` matches the regular expression ``quoted`` (case
    ignored; rows with no quoted author are left out) are joined in book order and cut into chunks of ``size`` tokens
    (a chunk may span several quotations). A :class:`DeltaClassifier` fitted
    on the candidates' own chunks (:func:`author_chunks`, same ``size``)
    gives each chunk its distance to each candidate and its attribution.
    ``exclude_groups`` leaves comparison groups out of training (e.g.
    ``["Trotsky 1930-31"]``, which Cliff quotes word for word). A control:
    ``quoted=r"^(?!.*Trotsky)"`` takes the quotations of everyone else.

    Returns
    -------
    per_chunk : pandas.DataFrame
        ``chunk``, ``n_tokens``, ``n_quotations`` (rows drawn on),
        ``first_doc``, ``last_doc``, ``quoted`` (authors quoted), one distance
        column per candidate, ``attributed``, ``margin``.
    summary : pandas.DataFrame
        Per candidate: ``n_chunks`` attributed and ``share``.

    Examples
    --------
    The candidates' own chunks are the rows the bundled table ``data/groups.csv`` groups (by source and
    author), so here the example corpus's rows of Adams and Clark take the names of two bundled books, and
    Clark's block quotation of Adams is said to quote Trotsky:

    >>> from textlab.corpus.examples import example_corpus
    >>> docs = example_corpus().docs
    >>> books = {"A. Adams": ("Leon Trotsky", "trotsky_writings_1930-31.txt"), "C. Clark": ("Tony Cliff", CLIFF_SOURCE)}
    >>> docs = docs[docs["author"].isin(books)]
    >>> docs = docs.assign(author=[books[a][0] for a in docs["author"]], source=[books[a][1] for a in docs["author"]],
    ...                    quoted_author=docs["kind"].map({"quotation": "Leon Trotsky"}))
    >>> per_chunk, summary = quotation_check(docs, size=50, n_mfw=20)
    >>> per_chunk["attributed"].tolist(), summary[["attributed", "n_chunks"]].values.tolist()
    (['Leon Trotsky', 'Leon Trotsky'], [['Leon Trotsky', 2], ['Tony Cliff', 0]])
    """
    if isinstance(candidates, str):
        raise TypeError("candidates must be a sequence of author names, not a str")
    if len(candidates) < 2:
        raise ValueError(f"candidates needs at least 2 authors, got {list(candidates)}")
    docs = corpus_docs(corpus)
    options = getattr(corpus, "text_options", None)
    try:
        pattern = re.compile(quoted, re.IGNORECASE)
    except re.error as e:
        raise ValueError(f"quoted is not a valid regular expression: {quoted!r} ({e})") from None
    q = docs[(docs["kind"] == "quotation") & (docs["source"] == source)]
    if q.empty:
        raise ValueError(f"no quotation rows of {source!r} in this corpus")
    q = q[q["quoted_author"].map(lambda s: isinstance(s, str) and bool(pattern.search(s)))].sort_values("line_start")
    if q.empty:
        raise ValueError(f"no quotation rows of {source!r} quote an author matching {quoted!r}")
    c = chunk_words(style_tokens(q["text"].tolist(), options), size, tail="drop", units=[0] * len(q))
    chunks, first, last = c.words, c.first, c.last
    if not chunks:
        raise ValueError(f"the quotations hold fewer than size={size} tokens")
    train, tt = author_chunks(docs, authors=candidates, size=size, exclude_groups=exclude_groups, text_options=options)
    clf = DeltaClassifier(n_mfw=n_mfw, metric=metric, balanced=balanced).fit(train, tt["label"])
    d = clf.distance_table(chunks)
    ids, who = q["doc_id"].to_numpy(), q["quoted_author"].to_numpy()
    per = pd.DataFrame(
        {
            "chunk": np.arange(len(chunks)),
            "n_tokens": c.sizes,
            "n_quotations": last - first + 1,
            "first_doc": ids[first],
            "last_doc": ids[last],
            "quoted": ["; ".join(sorted(set(who[a : b + 1]))) for a, b in zip(first, last)],
        }
    )
    per = pd.concat([per, d], axis=1)
    counts = per["attributed"].value_counts()
    summary = pd.DataFrame({"attributed": list(clf.classes_)})
    summary["n_chunks"] = [int(counts.get(c, 0)) for c in clf.classes_]
    summary["share"] = summary["n_chunks"] / len(per)
    log.info(
        "quotation_check: %d chunks of quotations of %r; shares %s",
        len(per),
        quoted,
        dict(zip(summary["attributed"], summary["share"].round(3))),
    )
    return per, summary


def wildcat_check(
    corpus: Any,
    *,
    source: str = GORTER_SOURCE,
    authors: Sequence[str] = ("Wildcat", "Herman Gorter"),
    size: int | None = None,
    min_tokens: int = 150,
    n_mfw: int = 100,
    metric: str = "cosine",
    balanced: bool = True,
    exclude: Sequence[str] = (),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Do the rows assigned to Wildcat's introduction read like each other, or like Gorter's letter?

    Pieces: the primary rows of ``source`` by ``authors`` with at least
    ``min_tokens`` tokens; ``size`` (optional) cuts each row into
    consecutive windows of ``size`` tokens (a last window shorter than
    ``min_tokens`` joins the one before), to see *where* in a row the
    attribution changes. Each row is tested leave-one-row-out: the
    :class:`DeltaClassifier` is fitted on the pieces of all other rows,
    labelled by the segmentation, so a piece is never compared with itself or
    with its own row.

    Returns
    -------
    per_piece : pandas.DataFrame
        ``doc_id``, ``line_start``, ``line_end``, ``segment`` (the author the
        segmentation gives), ``start`` (token offset in the row), ``n_tokens``;
        ``d_<author>``: distance to each author's centroid; ``mean_d_<author>``:
        mean distance to that author's pieces; ``attributed``, ``margin``,
        ``agrees`` (attribution == segment) and ``nearest`` (segment of the
        nearest other piece).
    summary : pandas.DataFrame
        Per segment author: ``n_pieces``, ``n_tokens``, ``agree_share`` and
        the mean of each distance column.

    Examples
    --------
    The example corpus's rows of two authors, as if one file held them all:

    >>> from textlab.corpus.examples import example_corpus
    >>> docs = example_corpus().docs.assign(source="one.txt")
    >>> per_piece, summary = wildcat_check(docs, source="one.txt", authors=("A. Adams", "C. Clark"),
    ...                                    min_tokens=100, n_mfw=20)
    >>> len(per_piece), summary[["segment", "n_pieces", "agree_share"]].values.tolist()
    (8, [['A. Adams', 4, 1.0], ['C. Clark', 4, 1.0]])
    """
    if isinstance(authors, str) or isinstance(exclude, str):
        raise TypeError("authors and exclude must be sequences of str, not a str")
    if size is not None and (isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < min_tokens):
        raise ValueError(f"size must be None or an int >= min_tokens ({min_tokens}), got {size!r}")
    docs = corpus_docs(corpus)
    rows = docs[(docs["source"] == source) & (docs["kind"] == "primary") & docs["author"].isin(list(authors))]
    rows = rows.sort_values("line_start")
    toks = style_tokens(rows["text"].tolist(), getattr(corpus, "text_options", None))
    # a row is one piece (size None: a window as long as the longest row) or windows of size; a last window
    # shorter than min_tokens joins the one before, and a row shorter than min_tokens has none (logged)
    window = max([len(tk) for tk in toks] + [1]) if size is None else size
    c = chunk_words(toks, window, tail="merge", min_size=min_tokens)
    pieces = c.words
    cols = {col: rows[col].tolist() for col in ("doc_id", "line_start", "line_end", "author")}
    per = pd.DataFrame(
        [
            {
                "doc_id": cols["doc_id"][i],
                "line_start": cols["line_start"][i],
                "line_end": cols["line_end"][i],
                "segment": cols["author"][i],
                "start": s,
                "n_tokens": n,
            }
            for i, s, n in zip(c.first.tolist(), c.start.tolist(), c.sizes.tolist())
        ]
    )
    if per.empty or per["segment"].nunique() < 2:
        raise ValueError(f"need pieces of at least two of {list(authors)} with >= {min_tokens} tokens")
    seg = per["segment"].to_numpy()
    labels = sorted(set(seg))
    D_c = np.full((len(per), len(labels)), np.nan)
    D_m = np.full((len(per), len(labels)), np.nan)
    nearest = np.empty(len(per), dtype=object)
    for doc_id in per["doc_id"].unique():
        test = np.flatnonzero(per["doc_id"].to_numpy() == doc_id)
        train = np.flatnonzero(per["doc_id"].to_numpy() != doc_id)
        clf = DeltaClassifier(n_mfw=n_mfw, metric=metric, balanced=balanced, exclude=exclude)
        clf.fit([pieces[i] for i in train], seg[train])
        Zt = clf.transform([pieces[i] for i in test])
        Dc = delta_matrix(Zt, clf.centroids_, metric=metric)
        Dp = delta_matrix(Zt, clf.transform([pieces[i] for i in train]), metric=metric)
        for j, c in enumerate(clf.classes_):
            D_c[test, labels.index(c)] = Dc[:, j]
            D_m[test, labels.index(c)] = Dp[:, seg[train] == c].mean(axis=1)
        nearest[test] = seg[train][np.argmin(Dp, axis=1)]
    for j, c in enumerate(labels):
        per[f"d_{c}"] = D_c[:, j]
    for j, c in enumerate(labels):
        per[f"mean_d_{c}"] = D_m[:, j]
    srt = np.sort(D_c, axis=1)
    per["attributed"] = np.asarray(labels, dtype=object)[np.nanargmin(D_c, axis=1)]
    per["margin"] = srt[:, 1] - srt[:, 0]
    per["agrees"] = per["attributed"] == per["segment"]
    per["nearest"] = nearest
    dist_cols = [c for c in per.columns if c.startswith(("d_", "mean_d_"))]
    summary = per.groupby("segment").agg(
        n_pieces=("doc_id", "size"),
        n_tokens=("n_tokens", "sum"),
        agree_share=("agrees", "mean"),
        **{c: (c, "mean") for c in dist_cols},
    )
    summary = summary.reset_index()
    log.info(
        "wildcat_check: %d pieces; agreement with the segmentation %s",
        len(per),
        dict(zip(summary["segment"], summary["agree_share"].round(3))),
    )
    return per, summary
