"""Tests of textlab.features.dtm: document-term matrices, and a corpus's matrix kept in memory on its content."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textlab.corpus.examples import example_corpus
from textlab.corpus.table import Corpus
from textlab.features import dtm
from textlab.features.dtm import DocumentTermMatrix, DTMVectorizer, corpus_dtm, corpus_tokens, document_term_matrix
from textlab.features.tokenize import Tokenizer


def _docs(texts):
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "author": "A", "text": texts})


def test_counts_by_hand():
    m = document_term_matrix(
        _docs(["Workers of the world, unite!", "The workers' party.", "A party of workers"]),
        tokenizer=Tokenizer(phrases=False, normalize=None),
    )
    assert m.vocab.tolist() == ["party", "unite", "workers", "world"]
    assert m.X.toarray().tolist() == [[0, 1, 1, 1], [1, 0, 1, 0], [1, 0, 1, 0]]
    assert m.doc_ids == ["d0", "d1", "d2"] and "text" not in m.docs.columns
    assert m.column("workers").tolist() == [1, 1, 1]
    with pytest.raises(KeyError, match="'capital' is not in the vocabulary"):
        m.column("capital")


def test_min_df_and_max_df():
    docs = _docs(["party class", "party state", "party class"])
    tok = Tokenizer(phrases=False, normalize=None)
    assert document_term_matrix(docs, tokenizer=tok, min_df=2).vocab.tolist() == ["class", "party"]
    assert document_term_matrix(docs, tokenizer=tok, max_df=0.9).vocab.tolist() == ["class", "state"]


def test_fit_on_one_selection_transform_another(corpus):
    primary = corpus.select(kind="primary", author="Leon Trotsky")
    quotes = corpus.select(kind="quotation")
    vec = DTMVectorizer(tokenizer=Tokenizer.from_options(corpus.text_options), min_df=5).fit(primary)
    a, b = vec.transform(primary), vec.transform(quotes)
    assert a.X.shape[1] == b.X.shape[1] and (a.vocab == b.vocab).all()
    assert b.X.shape[0] == len(quotes)
    assert "united_front" in set(a.vocab)


def test_wrong_input_types_fail_loudly():
    with pytest.raises(TypeError, match="docs must be a pandas DataFrame"):
        document_term_matrix(["a text"])
    with pytest.raises(KeyError, match="no column 'text'"):
        document_term_matrix(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(RuntimeError, match="not fitted"):
        DTMVectorizer().transform(_docs(["x"]))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["party", "class", "state", "the", "of", "worker"]), max_size=12).map(" ".join),
        min_size=1,
        max_size=8,
    )
)
def test_row_sums_equal_in_vocabulary_token_counts(texts):
    tok = Tokenizer(phrases=False, normalize=None)
    if not any(tok(t) for t in texts):
        return  # an empty vocabulary: CountVectorizer refuses, as it should
    m = document_term_matrix(_docs(texts), tokenizer=tok)
    vocab = set(m.vocab)
    expected = [sum(t in vocab for t in tok(x)) for x in texts]
    assert np.asarray(m.X.sum(axis=1)).ravel().tolist() == expected


def test_aggregate_sums_rows_of_a_unit():
    import scipy.sparse as sp

    m = DocumentTermMatrix(
        sp.csr_matrix(np.array([[1, 0], [2, 1], [0, 4], [1, 1]])),
        np.array(["a", "b"]),
        pd.DataFrame({"doc_id": list("wxyz"), "work": ["B", "A", "B", "A"], "n_words": [10, 20, 30, 40]}),
    )
    agg = m.aggregate(["work"])
    assert agg.docs["work"].tolist() == ["B", "A"] and agg.docs["n_words"].tolist() == [40, 60]
    assert agg.X.toarray().tolist() == [[1, 4], [3, 2]] and agg.X.sum() == m.X.sum()
    with pytest.raises(ValueError, match="X has shape"):
        DocumentTermMatrix(m.X, np.array(["a"]), m.docs)


def test_corpus_dtm_rows_and_works(corpus):
    m = corpus_dtm(corpus)
    toks = corpus_tokens(corpus)
    assert m.X.shape[0] == len(toks) and m.X.sum() == sum(len(t) for t in toks)
    w = corpus_dtm(corpus, unit="work")
    assert w.X.sum() == m.X.sum() and w.X.shape[0] == m.docs.groupby(["group", "work"]).ngroups
    with pytest.raises(ValueError, match="unit must be"):
        corpus_dtm(corpus, unit="page")


def test_a_corpus_without_one_authors_rows_gets_its_own_matrix():
    """The cache is keyed on the rows: a Corpus with an author's rows left out (same build, same info) must not get
    the cached matrix of the full corpus (it did when the cache was keyed on the build's hash)."""
    full = example_corpus()
    assert corpus_dtm(full).X.shape[0] == 12  # cached
    docs = full.docs[full.docs["author"] != "C. Clark"]
    part = Corpus(docs, full.lines, full.lexicon, full.info, groups=full.groups)
    m = corpus_dtm(part)
    assert m.X.shape[0] == 8 and set(m.docs["group"]) == {"A. Adams", "B. Brown"}
    assert len(corpus_tokens(part)) == 8
    assert corpus_dtm(full).X.shape[0] == 12 and "C. Clark" in set(corpus_dtm(full).docs["group"])


def test_corpus_matrix_is_kept_for_the_same_rows(monkeypatch):
    c = example_corpus()
    first = corpus_dtm(c)
    calls = []
    monkeypatch.setattr(dtm, "corpus_rows", lambda *a, **k: calls.append(1))
    again = corpus_dtm(example_corpus())  # another object, the same rows: the cached matrix
    assert again is first and not calls
