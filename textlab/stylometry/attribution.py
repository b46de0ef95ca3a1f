"""Attribution by Delta: cross-validation that holds out whole works, and a corpus's authors compared.

:func:`cross_validate` measures how often a :class:`~textlab.stylometry.delta.DeltaClassifier` attributes a
held-out chunk to its author, with folds that hold out whole works (:func:`group_folds`), so no chapter has
chunks on both sides. On a Corpus: :func:`author_chunks` cuts the authors' own writing into chunks by work,
:func:`author_attribution` cross-validates them and :func:`attribution_grid` tries chunk sizes, numbers of
words and metrics. Author, period, edition and translator may be confounded in a corpus (texts read in
translation): a Delta signal is evidence about the text in hand, not about the author alone.

Examples
--------
>>> X = [list("aab"), list("abb"), list("aaab"), list("abbb"), list("aaaab"), list("abbbb")]
>>> cross_validate(X, list("xyxyxy"), [1, 2, 3, 4, 5, 6], n_splits=3, n_mfw=2).accuracy
1.0
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.model_selection import LeaveOneGroupOut, StratifiedGroupKFold

from textlab.core import validate
from textlab.corpus.table import TextOptions
from textlab.features.chunks import chunk_words
from textlab.features.rows import comparison_rows, corpus_rows
from textlab.features.tokenize import diversity_tokenizer
from textlab.stylometry.delta import Counts, DeltaClassifier, TokenLists, is_count_matrix

log = logging.getLogger(__name__)

__all__ = [
    "group_folds",
    "CVResult",
    "cross_validate",
    "corpus_docs",
    "style_tokens",
    "author_chunks",
    "author_attribution",
    "attribution_grid",
]


# --------------------------------------------------------------------------- cross-validation


def group_folds(
    labels: Sequence[Any] | np.ndarray | pd.Series,
    groups: Sequence[Any] | np.ndarray | pd.Series,
    *,
    n_splits: int | None = 5,
    seed: int = 0,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(train, test) index arrays in which every group (work, document) is wholly on one side.

    ``n_splits=None``: leave one group out. Otherwise scikit-learn's
    ``StratifiedGroupKFold`` (shuffled with ``seed``): about equal label
    shares per fold, every group in exactly one test fold.

    >>> folds = list(group_folds(["a", "a", "b", "b"], ["w1", "w2", "w3", "w4"], n_splits=2))
    >>> sorted(len(test) for _, test in folds)
    [2, 2]
    """
    y = np.asarray(labels)
    g = np.asarray(groups)
    if len(g) != len(y):
        raise ValueError(f"groups has {len(g)} entries but labels has {len(y)}")
    n_groups = len(np.unique(g))
    if n_splits is None:
        if n_groups < 2:
            raise ValueError(f"leave-one-group-out needs at least 2 groups, got {n_groups}")
        splitter = LeaveOneGroupOut()
    else:
        n_splits = validate.integer(n_splits, "n_splits", minimum=2)
        if n_splits > n_groups:
            raise ValueError(f"n_splits={n_splits} is more than the number of groups ({n_groups})")
        splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    dummy = np.zeros((len(y), 1))
    yield from splitter.split(dummy, y, g)


@dataclass
class CVResult:
    """Cross-validated attribution.

    Attributes
    ----------
    predictions : pandas.DataFrame
        One row per chunk (input order): ``label``, ``group``, ``fold``,
        ``predicted``, ``correct``, and ``d_<author>`` (distance to each
        author's centroid in the chunk's fold).
    folds : pandas.DataFrame
        Per fold: ``fold``, ``n_train``, ``n_test``, ``n_test_groups``, ``accuracy``.
    splits : list of (train, test) index arrays

    Examples
    --------
    >>> X = [list("aab"), list("abb"), list("aaab"), list("abbb"), list("aaaab"), list("abbbb")]
    >>> r = cross_validate(X, list("xyxyxy"), [1, 2, 3, 4, 5, 6], n_splits=3, n_mfw=2)
    >>> r.per_label.values.tolist(), r.balanced_accuracy, r.folds["n_test"].tolist(), len(r.splits)
    ([['x', 3, 3, 1.0], ['y', 3, 3, 1.0]], 1.0, [2, 2, 2], 3)
    """

    predictions: pd.DataFrame
    folds: pd.DataFrame
    splits: list = field(repr=False)

    @property
    def accuracy(self) -> float:
        """Share of all chunks attributed to their author."""
        return float(self.predictions["correct"].mean())

    @property
    def per_label(self) -> pd.DataFrame:
        """Per author: ``n_chunks``, ``n_groups`` and ``accuracy`` (recall)."""
        p = self.predictions
        return (
            p.groupby("label")
            .agg(n_chunks=("correct", "size"), n_groups=("group", "nunique"), accuracy=("correct", "mean"))
            .reset_index()
        )

    @property
    def balanced_accuracy(self) -> float:
        """Mean of the per-author accuracies (each author counts once, whatever its size)."""
        return float(self.per_label["accuracy"].mean())

    @property
    def confusion(self) -> pd.DataFrame:
        """Chunks by author (rows) and attribution (columns)."""
        p = self.predictions
        return pd.crosstab(p["label"], p["predicted"], rownames=["author"], colnames=["attributed"])


def cross_validate(
    X: TokenLists | Counts,
    labels: Sequence[Any] | np.ndarray | pd.Series,
    groups: Sequence[Any] | np.ndarray | pd.Series,
    *,
    n_splits: int | None = 5,
    n_mfw: int = 200,
    metric: str = "cosine",
    balanced: bool = True,
    exclude: Sequence[str] = (),
    vocab: Sequence[str] | None = None,
    seed: int = 0,
) -> CVResult:
    """Attribution accuracy by cross-validation that holds out whole groups (works, documents).

    In each fold (:func:`group_folds`) a :class:`DeltaClassifier` is fitted
    on the training chunks only (words, z-score parameters, centroids) and
    predicts the held-out chunks. An author with no chunk left in training
    cannot be attributed (logged).

    Parameters
    ----------
    X : sequence of token lists, or count matrix (n_chunks x n_vocab)
    labels : sequence (n_chunks,)
        Author of each chunk.
    groups : sequence (n_chunks,)
        Unit held out together, e.g. the work each chunk comes from.
    n_splits : int or None, default 5
        None: leave one group out.
    n_mfw, metric, balanced, exclude : see :class:`DeltaClassifier`.
    vocab : column names of a count matrix.
    seed : int, default 0
        Seed of the fold shuffle.

    Examples
    --------
    >>> X = [list("aab"), list("abb"), list("aaab"), list("abbb"), list("aaaab"), list("abbbb")]
    >>> r = cross_validate(X, list("xyxyxy"), [1, 2, 3, 4, 5, 6], n_splits=3, n_mfw=2)
    >>> r.accuracy, r.confusion.values.tolist()
    (1.0, [[3, 0], [0, 3]])
    """
    y = np.asarray(labels)
    g = np.asarray(groups)
    counts = is_count_matrix(X)
    if counts and not sp.issparse(X):
        X = np.asarray(X, dtype=float)
    n = cast(Any, X).shape[0] if counts else len(X)
    if len(y) != n:
        raise ValueError(f"labels has {len(y)} entries but X has {n} chunks")
    if not counts:
        X = validate.token_lists(X, "X")
    classes = list(np.unique(y))
    dist = np.full((n, len(classes)), np.nan)
    fold = np.full(n, -1)
    pred = np.empty(n, dtype=object)
    folds, splits = [], []
    for k, (train, test) in enumerate(group_folds(y, g, n_splits=n_splits, seed=seed)):
        splits.append((train, test))
        missing = set(y[test].tolist()) - set(y[train].tolist())
        if missing:
            log.warning(
                "fold %d: no training chunk of %s; their chunks cannot be attributed to them", k, sorted(missing)
            )
        clf = DeltaClassifier(n_mfw=n_mfw, metric=metric, balanced=balanced, exclude=exclude)
        clf.fit(_take(X, train), y[train], vocab=vocab)
        D = clf.distances(_take(X, test))
        for j, c in enumerate(clf.classes_):
            dist[test, classes.index(c)] = D[:, j]
        pred[test] = clf.classes_[np.argmin(D, axis=1)]
        fold[test] = k
        folds.append(
            {
                "fold": k,
                "n_train": len(train),
                "n_test": len(test),
                "n_test_groups": len(np.unique(g[test])),
                "accuracy": float((pred[test] == y[test]).mean()),
            }
        )
    p = pd.DataFrame({"label": y, "group": g, "fold": fold, "predicted": pred})
    p["correct"] = p["predicted"] == p["label"]
    for j, c in enumerate(classes):
        p[f"d_{c}"] = dist[:, j]
    result = CVResult(p, pd.DataFrame(folds), splits)
    log.info(
        "cross_validate: %d chunks, %d folds, accuracy %.3f (balanced %.3f), n_mfw=%d, %s",
        n,
        len(folds),
        result.accuracy,
        result.balanced_accuracy,
        n_mfw,
        metric,
    )
    return result


def _take(X: Any, idx: np.ndarray) -> Any:
    if sp.issparse(X):
        return sp.csr_matrix(X)[idx]
    if isinstance(X, np.ndarray):
        return X[idx]
    return [X[i] for i in idx]


# --------------------------------------------------------------------------- the corpus


@functools.lru_cache(maxsize=4)
def _tokenizer(options: TextOptions | None) -> Callable[[str], list[str]]:
    return diversity_tokenizer(options)


def corpus_docs(corpus: Any) -> pd.DataFrame:
    """The docs table of a Corpus (or a docs DataFrame itself), checked to have the columns the checks read.

    Those are ``source``, ``author``, ``kind``, ``work``, ``text``, ``doc_id`` and ``line_start``.

    >>> from textlab.corpus.examples import example_corpus
    >>> len(corpus_docs(example_corpus())) == len(example_corpus().docs)
    True
    """
    docs = corpus.docs if hasattr(corpus, "docs") else corpus
    if not isinstance(docs, pd.DataFrame):
        raise TypeError(f"corpus must be a Corpus or a docs DataFrame, got {type(corpus).__name__}")
    need = {"source", "author", "kind", "work", "text", "doc_id", "line_start"}
    if need - set(docs.columns):
        raise ValueError(f"corpus docs lack columns {sorted(need - set(docs.columns))}")
    return docs


def style_tokens(texts: Sequence[str], text_options: TextOptions | None = None) -> list[list[str]]:
    """Token lists of ``texts`` for stylometry: :func:`textlab.features.tokenize.diversity_tokenizer`'s tokens.

    Word forms as written (lower-cased), no stopword removed: function words are the evidence. ``text_options``
    (a corpus's) give the language and the spelling table of its editions.

    >>> style_tokens(["We are the party of the class."])
    [['we', 'are', 'the', 'party', 'of', 'the', 'class']]
    """
    tok = _tokenizer(text_options)
    return [tok(t) for t in texts]


def author_chunks(
    corpus: Any,
    *,
    authors: Sequence[str] | None = None,
    kinds: Sequence[str] = ("primary",),
    size: int = 1000,
    exclude_groups: Sequence[str] = (),
    quotations: str = "drop",
    text_options: TextOptions | None = None,
) -> tuple[list[list[str]], pd.DataFrame]:
    """Chunks of the authors' own writing: the comparison rows (:func:`~textlab.features.rows.comparison_rows`) by work.

    Rows of one work are joined in order and cut into chunks of exactly ``size``
    tokens of :func:`textlab.features.tokenize.diversity_tokenizer`
    (:func:`textlab.features.chunks.chunk_words`, ``tail="drop"``: each work's short tail is left out, and
    logged).

    Parameters
    ----------
    corpus : Corpus or its docs DataFrame
    authors : sequence of str, optional
        Keep these authors (default: every author of the comparison groups).
    kinds : row kinds to use, default primary only.
    size : tokens per chunk.
    exclude_groups : comparison groups to leave out (e.g. a group another group quotes word for word).
    quotations : {"drop", "rows", "keep"}, default "drop"
        As :func:`textlab.features.rows.comparison_rows`: by default quoted spans are cut out of the rows
        (for a Corpus, passages reused from older texts of other authors too), so a chunk is the author's own words.
    text_options : TextOptions, optional
        The language and spelling table of the tokens (:func:`style_tokens`); default: the corpus's own
        (``corpus.text_options``; for a docs DataFrame, a user's English corpus's).

    Returns
    -------
    chunks : list of list of str
    table : pandas.DataFrame
        One row per chunk: ``label`` (author), ``unit`` (work), ``row`` and ``row_end`` (positions, among the
        rows used, of the first and last row the chunk draws on), ``start`` (token offset in its work),
        ``n_tokens``, ``group``, ``source`` and ``doc_id`` (the chunk's first row);
        ``attrs["tail_tokens"]``: the tokens left out as short tails.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> chunks, t = author_chunks(example_corpus(), size=500)
    >>> len(chunks), len(chunks[0]), t.groupby("label").size().to_dict()
    (24, 500, {'A. Adams': 8, 'B. Brown': 8, 'C. Clark': 8})
    >>> t[["label", "unit", "doc_id"]].iloc[0].tolist()
    ['A. Adams', 'Letters', 'adams_1-00001']
    """
    if isinstance(authors, str) or isinstance(exclude_groups, str):
        raise TypeError("authors and exclude_groups must be sequences of str, not a str")
    docs = corpus_docs(corpus)
    rows = (
        corpus_rows(corpus, kinds=kinds, quotations=quotations)
        if hasattr(corpus, "docs")
        else comparison_rows(docs, kinds=kinds, quotations=quotations)
    )
    if authors is not None:
        unknown = set(authors) - set(rows["author"])
        if unknown:
            raise ValueError(
                f"authors {sorted(unknown)} have no comparison rows; authors are {sorted(set(rows['author']))}"
            )
        rows = rows[rows["author"].isin(list(authors))]
    rows = rows[~rows["group"].isin(list(exclude_groups))].sort_values(["source", "line_start"])
    c = chunk_words(
        style_tokens(rows["text"].tolist(), text_options or getattr(corpus, "text_options", None)),
        size,
        tail="drop",
        units=list(zip(rows["author"].tolist(), rows["work"].tolist())),
    )
    t = pd.DataFrame(
        [
            {"label": key[0], "unit": key[1], "row": a, "row_end": b, "start": s, "n_tokens": len(w)}
            for key, a, b, s, w in zip(c.unit, c.first.tolist(), c.last.tolist(), c.start.tolist(), c.words)
        ],
        columns=["label", "unit", "row", "row_end", "start", "n_tokens"],
    )
    t.attrs["tail_tokens"] = c.dropped_words
    for col in ("group", "source", "doc_id"):
        t[col] = rows[col].to_numpy()[t["row"].to_numpy()] if len(t) else []
    return c.words, t


def author_attribution(
    corpus: Any,
    *,
    authors: Sequence[str] | None = None,
    size: int = 1000,
    n_mfw: int = 200,
    metric: str = "cosine",
    balanced: bool = True,
    n_splits: int | None = 5,
    seed: int = 0,
) -> CVResult:
    """Cross-validated attribution of the authors' chunks (:func:`author_chunks`), holding out whole works.

    ``predictions`` gains the chunks' ``source`` and ``doc_id``.

    Examples
    --------
    Leave one work out, on the 10 most frequent words: one of Brown's 16 chunks is attributed to Clark.

    >>> from textlab.corpus.examples import example_corpus
    >>> r = author_attribution(example_corpus(), size=250, n_mfw=10, n_splits=None)
    >>> round(r.accuracy, 3), r.confusion.values.tolist()
    (0.979, [[16, 0, 0], [0, 15, 1], [0, 0, 16]])
    """
    chunks, t = author_chunks(corpus, authors=authors, size=size)
    r = cross_validate(
        chunks, t["label"], t["unit"], n_splits=n_splits, n_mfw=n_mfw, metric=metric, balanced=balanced, seed=seed
    )
    r.predictions.insert(2, "source", t["source"].to_numpy())
    r.predictions.insert(3, "doc_id", t["doc_id"].to_numpy())
    return r


def attribution_grid(
    corpus: Any,
    *,
    sizes: Sequence[int] = (500, 1000, 2000),
    n_mfws: Sequence[int] = (50, 100, 200, 500),
    metrics: Sequence[str] = ("cosine", "burrows"),
    balanced: bool = True,
    n_splits: int | None = 5,
    seed: int = 0,
) -> pd.DataFrame:
    """Cross-validated accuracy for each chunk size, ``n_mfw`` and metric: one row per setting.

    Columns ``size``, ``n_mfw``, ``metric``, ``n_chunks``, ``accuracy``,
    ``balanced_accuracy`` and one ``acc_<author>`` column per author.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> g = attribution_grid(example_corpus(), sizes=(100, 500), n_mfws=(5, 20), metrics=("cosine",), n_splits=None)
    >>> g[["size", "n_mfw", "n_chunks"]].values.tolist()
    [[100, 5, 120], [100, 20, 120], [500, 5, 24], [500, 20, 24]]
    >>> g["accuracy"].round(3).tolist()
    [0.733, 1.0, 0.792, 1.0]
    """
    rows = []
    for size in sizes:
        chunks, t = author_chunks(corpus, size=size)
        for n_mfw in n_mfws:
            for metric in metrics:
                r = cross_validate(
                    chunks,
                    t["label"],
                    t["unit"],
                    n_splits=n_splits,
                    n_mfw=n_mfw,
                    metric=metric,
                    balanced=balanced,
                    seed=seed,
                )
                row = {
                    "size": size,
                    "n_mfw": n_mfw,
                    "metric": metric,
                    "n_chunks": len(chunks),
                    "accuracy": r.accuracy,
                    "balanced_accuracy": r.balanced_accuracy,
                }
                row.update({f"acc_{a}": acc for a, acc in zip(r.per_label["label"], r.per_label["accuracy"])})
                rows.append(row)
    return pd.DataFrame(rows)
