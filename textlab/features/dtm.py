"""Document-term matrices: rows of ``corpus.docs`` -> sparse counts, with the vocabulary kept.

Built on scikit-learn's :class:`~sklearn.feature_extraction.text.CountVectorizer`
with textlab's :class:`~textlab.features.tokenize.Tokenizer` plugged in as the analyzer,
``fit``/``transform`` style: the vocabulary (and the tokenizer's phrases) are
learned on one selection of rows and applied to any other.

Examples
--------
>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["The party and the class.", "The class struggle."]})
>>> m = DTMVectorizer(tokenizer=Tokenizer(phrases=False)).fit_transform(docs)
>>> m.vocab.tolist(), m.X.toarray().tolist()
(['class', 'party', 'struggle'], [[1, 1, 0], [1, 0, 1]])
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from textlab.corpus.table import Corpus
from textlab.features.rows import corpus_rows
from textlab.features.tokenize import Tokenizer

log = logging.getLogger(__name__)

__all__ = ["DocumentTermMatrix", "DTMVectorizer", "document_term_matrix", "corpus_dtm", "corpus_tokens"]


@dataclass
class DocumentTermMatrix:
    """Counts of terms in documents.

    Attributes
    ----------
    X : scipy.sparse.csr_matrix, shape (n_docs, n_terms)
        Term counts.
    vocab : numpy.ndarray of str, shape (n_terms,)
        The terms, in column order (sorted).
    docs : pandas.DataFrame, n_docs rows
        The metadata rows the matrix was built from (without ``text``), in row order.

    Examples
    --------
    >>> import pandas as pd
    >>> m = DocumentTermMatrix(sp.csr_matrix([[2, 0, 1], [0, 3, 1]]), np.array(["class", "party", "tsar"]),
    ...                        pd.DataFrame({"doc_id": ["a", "b"], "author": ["X", "Y"]}))
    >>> m.column("party").tolist(), m.doc_ids, m.subset([False, True]).X.toarray().tolist()
    ([0, 3], ['a', 'b'], [[0, 3, 1]])
    """

    X: sp.csr_matrix
    vocab: np.ndarray
    docs: pd.DataFrame
    tokenizer: Tokenizer | None = None

    def __post_init__(self) -> None:
        if self.X.shape != (len(self.docs), len(self.vocab)):
            raise ValueError(
                f"X has shape {self.X.shape} but there are {len(self.docs)} docs and {len(self.vocab)} terms"
            )

    def subset(self, mask) -> DocumentTermMatrix:
        """The rows where ``mask`` (boolean, n_docs) is true, vocabulary unchanged."""
        m = np.asarray(mask, dtype=bool)
        if m.shape != (len(self.docs),):
            raise ValueError(f"mask must have {len(self.docs)} booleans, got shape {m.shape}")
        return DocumentTermMatrix(self.X[m], self.vocab, self.docs[m].reset_index(drop=True), self.tokenizer)

    def aggregate(self, by: Sequence[str]) -> DocumentTermMatrix:
        """Sum the rows that share the values of ``by`` (e.g. ``["group", "work"]``): one row per unit.

        Units keep the order of their first row; ``docs`` keeps the first row's
        metadata, sums ``n_words`` if present, and counts ``n_rows``.

        >>> import pandas as pd
        >>> m = DocumentTermMatrix(sp.csr_matrix([[1, 0], [2, 1], [0, 4]]), np.array(["a", "b"]),
        ...                        pd.DataFrame({"doc_id": ["x1", "x2", "y1"], "work": ["X", "X", "Y"]}))
        >>> agg = m.aggregate(["work"])
        >>> agg.X.toarray().tolist(), agg.docs["n_rows"].tolist()
        ([[3, 1], [0, 4]], [2, 1])
        """
        by = [by] if isinstance(by, str) else list(by)
        missing = [c for c in by if c not in self.docs.columns]
        if missing:
            raise KeyError(f"aggregate: docs has no column(s) {missing}")
        keys = pd.MultiIndex.from_frame(self.docs[by].astype(str))
        codes, uniques = pd.factorize(keys)
        S = sp.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(len(uniques), len(codes)))
        X = (S @ self.X).tocsr().astype(self.X.dtype)
        first = self.docs.groupby(codes, sort=True).head(1).reset_index(drop=True)
        first = first.assign(n_rows=np.bincount(codes))
        if "n_words" in first.columns:
            first["n_words"] = np.bincount(codes, weights=self.docs["n_words"].to_numpy()).astype(int)
        return DocumentTermMatrix(X, self.vocab, first, self.tokenizer)

    @property
    def doc_ids(self) -> list[str]:
        return self.docs["doc_id"].tolist()

    def column(self, term: str) -> np.ndarray:
        """Counts of ``term`` per document, shape (n_docs,)."""
        idx = np.searchsorted(self.vocab, term)
        if idx >= len(self.vocab) or self.vocab[idx] != term:
            raise KeyError(f"term {term!r} is not in the vocabulary ({len(self.vocab)} terms)")
        return np.asarray(self.X[:, idx].todense()).ravel()


def _check_docs(docs: pd.DataFrame, text_column: str) -> None:
    if not isinstance(docs, pd.DataFrame):
        raise TypeError(f"docs must be a pandas DataFrame of corpus rows, got {type(docs).__name__}")
    for col in ("doc_id", text_column):
        if col not in docs.columns:
            raise KeyError(f"docs has no column {col!r}; columns are {list(docs.columns)}")


class DTMVectorizer:
    """Learn a vocabulary from corpus rows and count terms (scikit-learn ``CountVectorizer`` inside).

    Parameters
    ----------
    tokenizer : Tokenizer, optional
        Default: ``Tokenizer()`` (lemmas, default stopwords, phrases learned in ``fit``).
    min_df, max_df : int or float
        As in ``CountVectorizer``: drop terms in fewer / more documents (counts or shares).
    text_column : str, default "text"

    Examples
    --------
    The vocabulary is learned on some rows and counted in others (words it never saw are not counted):

    >>> import pandas as pd
    >>> train = pd.DataFrame({"doc_id": ["a", "b"], "text": ["The party and the class.", "The class struggle."]})
    >>> new = pd.DataFrame({"doc_id": ["c"], "text": ["A new party of a new class."]})
    >>> vec = DTMVectorizer(tokenizer=Tokenizer(phrases=False)).fit(train)
    >>> m = vec.transform(new)
    >>> m.vocab.tolist(), m.X.toarray().tolist()
    (['class', 'party', 'struggle'], [[1, 1, 0]])
    """

    def __init__(
        self,
        *,
        tokenizer: Tokenizer | None = None,
        min_df: int | float = 1,
        max_df: int | float = 1.0,
        text_column: str = "text",
    ) -> None:
        self.tokenizer = tokenizer
        self.min_df = min_df
        self.max_df = max_df
        self.text_column = text_column
        self.vectorizer_: Any = None

    def fit(self, docs: pd.DataFrame) -> DTMVectorizer:
        """Learn phrases (if the tokenizer learns them) and the vocabulary from ``docs``."""
        _check_docs(docs, self.text_column)
        tok = self.tokenizer if self.tokenizer is not None else Tokenizer()
        texts = docs[self.text_column].tolist()
        if tok.phrases and not tok.phrasegrams:
            tok.fit(texts)
        self.tokenizer_ = tok
        self.vectorizer_ = CountVectorizer(analyzer=tok, min_df=self.min_df, max_df=self.max_df, lowercase=False)
        self.vectorizer_.fit(texts)
        log.info("vocabulary: %d terms from %d documents", len(self.vectorizer_.vocabulary_), len(texts))
        return self

    def transform(self, docs: pd.DataFrame) -> DocumentTermMatrix:
        """Count the learned vocabulary in ``docs`` (any selection of corpus rows)."""
        if self.vectorizer_ is None:
            raise RuntimeError("DTMVectorizer is not fitted: call fit(docs) first")
        _check_docs(docs, self.text_column)
        X = self.vectorizer_.transform(docs[self.text_column].tolist()).tocsr()
        vocab = np.asarray(self.vectorizer_.get_feature_names_out(), dtype=str)
        meta = docs.drop(columns=[self.text_column]).reset_index(drop=True)
        return DocumentTermMatrix(X, vocab, meta, self.tokenizer_)

    def fit_transform(self, docs: pd.DataFrame) -> DocumentTermMatrix:
        """:meth:`fit` then :meth:`transform` of the same ``docs``, each text tokenised once.

        The matrix (vocabulary, counts, row order) is the one ``fit(docs).transform(docs)`` gives.

        >>> import pandas as pd
        >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["The party and the party.", "A class."]})
        >>> m = DTMVectorizer(tokenizer=Tokenizer(phrases=False)).fit_transform(docs)
        >>> m.vocab.tolist(), m.X.toarray().tolist()
        (['class', 'party'], [[0, 2], [1, 0]])
        """
        return self._fit_transform_tokens(docs)[0]

    def _fit_transform_tokens(self, docs: pd.DataFrame) -> tuple[DocumentTermMatrix, list[list[str]]]:
        """:meth:`fit_transform` and the token lists it counted (one tokenising pass)."""
        _check_docs(docs, self.text_column)
        tok = self.tokenizer if self.tokenizer is not None else Tokenizer()
        texts = docs[self.text_column].tolist()
        if tok.phrases and not tok.phrasegrams:
            tok.fit(texts)
        self.tokenizer_ = tok
        tokens = list(map(tok, texts))
        # the vocabulary and counts of the token lists as they are; the tokenizer is the analyzer of later texts
        vec = CountVectorizer(analyzer=_as_given, min_df=self.min_df, max_df=self.max_df, lowercase=False)
        X = vec.fit_transform(tokens).tocsr()
        X.sort_indices()  # as transform leaves them (fit_transform renumbers the columns in place)
        vec.set_params(analyzer=tok)
        self.vectorizer_ = vec
        log.info("vocabulary: %d terms from %d documents", len(vec.vocabulary_), len(texts))
        vocab = np.asarray(vec.get_feature_names_out(), dtype=str)
        meta = docs.drop(columns=[self.text_column]).reset_index(drop=True)
        return DocumentTermMatrix(X, vocab, meta, tok), tokens


def _as_given(tokens: list[str]) -> list[str]:
    """The analyzer of token lists already made: each is counted as it is."""
    return tokens


def document_term_matrix(
    docs: pd.DataFrame,
    *,
    tokenizer: Tokenizer | None = None,
    min_df: int | float = 1,
    max_df: int | float = 1.0,
) -> DocumentTermMatrix:
    """Document-term matrix of ``docs`` (fit and transform on the same rows).

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"],
    ...                      "text": ["The workers' party.", "Party and class.", "The class struggle."]})
    >>> m = document_term_matrix(docs, tokenizer=Tokenizer(phrases=False), min_df=2)  # terms in 2+ documents
    >>> m.vocab.tolist(), m.X.toarray().tolist()
    (['class', 'party'], [[0, 1], [1, 1], [1, 0]])
    """
    return DTMVectorizer(tokenizer=tokenizer, min_df=min_df, max_df=max_df).fit_transform(docs)


#: The two latest selections: per corpus key (:attr:`textlab.corpus.table.Corpus.key`), text options
#: (:attr:`textlab.corpus.table.TextOptions.key`) and selection of rows, the matrix and the token lists.
_CACHE: dict[tuple, tuple[DocumentTermMatrix, list[list[str]]]] = {}


def _cached(
    corpus: Corpus, kinds: tuple, quotations_of: tuple, min_df, quotations: str
) -> tuple[DocumentTermMatrix, list[list[str]]]:
    options = corpus.text_options
    key = (corpus.key, options.key, kinds, quotations_of, min_df, quotations)
    if key not in _CACHE:
        rows = corpus_rows(corpus, kinds=kinds, quotations_of=quotations_of, quotations=quotations)
        log.info(
            "document-term matrix of %d rows (kinds %s, quotations %s, quotation rows of %s)",
            len(rows),
            kinds,
            quotations,
            quotations_of or "none",
        )
        vec = DTMVectorizer(tokenizer=Tokenizer.from_options(options), min_df=min_df)
        dtm, tokens = vec._fit_transform_tokens(rows)
        while len(_CACHE) >= 2:  # bounded memory: the two latest selections
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = (dtm, tokens)
    return _CACHE[key]


def corpus_dtm(
    corpus: Corpus,
    *,
    kinds: Sequence[str] = ("primary",),
    quotations_of: Sequence[str] = (),
    quotations: str = "drop",
    min_df: int | float = 1,
    unit: str = "row",
) -> DocumentTermMatrix:
    """Document-term matrix of a corpus's comparison rows (:func:`~textlab.features.rows.corpus_rows`).

    The corpus's own tokenizer counts the words: :meth:`Tokenizer.from_options` of its
    :attr:`~textlab.corpus.table.Corpus.text_options` (language, stopwords, lemmas, its edition spellings).

    ``quotations``: ``"drop"`` (default) leaves the block quotation rows out
    and cuts quoted spans out of the rows (inline quotations and passages
    reused from older texts of other authors,
    :func:`textlab.features.rows.corpus_spans`); ``"rows"`` only leaves the block
    quotation rows out; ``"keep"`` keeps them and puts
    every group's block quotations back. ``docs`` carries the ``group``
    column. ``unit="work"`` sums the rows of each work of a group
    (:meth:`DocumentTermMatrix.aggregate`): use it when two selections cut
    the same text into rows differently (with and without quotations), so
    that dispersion and bootstrap count the same units. The result is kept in
    memory for the two latest selections (keyed on the corpus's content,
    :attr:`textlab.corpus.table.Corpus.key`, so a corpus with rows left out
    gets its own, and on its text options), so the figures and a notebook do not tokenise twice.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> corpus = example_corpus()
    >>> m = corpus_dtm(corpus)
    >>> m.X.shape, m.docs.groupby("group")["n_words"].sum().to_dict()
    ((12, 38), {'A. Adams': 4000, 'B. Brown': 4000, 'C. Clark': 4006})
    >>> corpus_dtm(corpus, unit="work").docs[["group", "work", "n_rows"]].values.tolist()[:2]
    [['A. Adams', 'Letters', 2], ['A. Adams', 'Theses', 2]]

    Other text options, another matrix (here every word is counted, as written):

    >>> corpus_dtm(corpus.with_text_options(stopwords="none", lemmas=False)).X.shape
    (12, 57)
    """
    if unit not in ("row", "work"):
        raise ValueError(f"unit must be 'row' or 'work', got {unit!r}")
    m = _cached(corpus, tuple(kinds), tuple(quotations_of), min_df, quotations)[0]
    return m.aggregate(["group", "work"]) if unit == "work" else m


def corpus_tokens(
    corpus: Corpus,
    *,
    kinds: Sequence[str] = ("primary",),
    quotations_of: Sequence[str] = (),
    quotations: str = "drop",
    min_df: int | float = 1,
) -> list[list[str]]:
    """The token lists behind :func:`corpus_dtm` (same rows, same order, same tokenizer).

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> corpus = example_corpus()
    >>> tokens = corpus_tokens(corpus)
    >>> len(tokens), tokens[0][:4]
    (12, ['worker', 'wage', 'worker', 'worker'])
    >>> tokens[0].count("worker"), int(corpus_dtm(corpus).column("worker")[0])
    (74, 74)
    """
    return _cached(corpus, tuple(kinds), tuple(quotations_of), min_df, quotations)[1]
