"""Document-term matrices: rows of ``corpus.docs`` -> sparse counts, with the vocabulary kept.

Built on scikit-learn's :class:`~sklearn.feature_extraction.text.CountVectorizer`
with textlab's :class:`~textlab.tokenize.Tokenizer` plugged in as the analyzer,
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
from dataclasses import dataclass
from typing import Optional, Union

import numpy as np
import pandas as pd
import scipy.sparse as sp

from textlab.tokenize import Tokenizer

log = logging.getLogger(__name__)

__all__ = ["DocumentTermMatrix", "DTMVectorizer", "document_term_matrix"]


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
    """

    X: sp.csr_matrix
    vocab: np.ndarray
    docs: pd.DataFrame

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
    """

    def __init__(
        self,
        *,
        tokenizer: Optional[Tokenizer] = None,
        min_df: Union[int, float] = 1,
        max_df: Union[int, float] = 1.0,
        text_column: str = "text",
    ) -> None:
        self.tokenizer = tokenizer
        self.min_df = min_df
        self.max_df = max_df
        self.text_column = text_column
        self.vectorizer_ = None

    def fit(self, docs: pd.DataFrame) -> "DTMVectorizer":
        """Learn phrases (if the tokenizer learns them) and the vocabulary from ``docs``."""
        from sklearn.feature_extraction.text import CountVectorizer

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
        return DocumentTermMatrix(X, vocab, meta)

    def fit_transform(self, docs: pd.DataFrame) -> DocumentTermMatrix:
        return self.fit(docs).transform(docs)


def document_term_matrix(
    docs: pd.DataFrame,
    *,
    tokenizer: Optional[Tokenizer] = None,
    min_df: Union[int, float] = 1,
    max_df: Union[int, float] = 1.0,
) -> DocumentTermMatrix:
    """Document-term matrix of ``docs`` (fit and transform on the same rows)."""
    return DTMVectorizer(tokenizer=tokenizer, min_df=min_df, max_df=max_df).fit_transform(docs)
