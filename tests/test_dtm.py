"""Tests for textlab/dtm.py."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textlab.features.dtm import DTMVectorizer, document_term_matrix
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
    vec = DTMVectorizer(min_df=5).fit(primary)
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

    from textlab.features.dtm import DocumentTermMatrix

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


def test_comparison_rows_keep_only_the_speakers_own_words(corpus):
    from textlab.features.dtm import comparison_rows

    rows = comparison_rows(corpus.docs)
    assert set(rows["kind"]) == {"primary"}
    assert set(rows["group"]) == {"Gorter 1920", "Trotsky 1923-25", "Trotsky 1928", "Trotsky 1930-31", "Cliff 1993"}
    assert not rows["author"].isin(["Wildcat", "Naomi Allen", "Pathfinder editors", "The Forty-six"]).any()
    by_group = rows.groupby("group")["author"].unique()
    assert by_group.map(len).max() == 1  # one author per group
    quoted = comparison_rows(corpus.docs, quotations_of=["Cliff 1993"])
    extra = quoted[~quoted["doc_id"].isin(rows["doc_id"])]
    assert set(extra["kind"]) == {"quotation"} and set(extra["group"]) == {"Cliff 1993"}
    assert len(extra) == ((corpus.docs["kind"] == "quotation") & (corpus.docs["author"] == "Tony Cliff")).sum()
    with pytest.raises(TypeError):
        comparison_rows(corpus.docs, kinds="primary")


def test_corpus_dtm_rows_and_works(corpus):
    from textlab.features.dtm import corpus_dtm, corpus_tokens

    m = corpus_dtm(corpus)
    toks = corpus_tokens(corpus)
    assert m.X.shape[0] == len(toks) and m.X.sum() == sum(len(t) for t in toks)
    w = corpus_dtm(corpus, unit="work")
    assert w.X.sum() == m.X.sum() and w.X.shape[0] == m.docs.groupby(["group", "work"]).ngroups
    with pytest.raises(ValueError, match="unit must be"):
        corpus_dtm(corpus, unit="page")


def test_quotations_switch_drops_quoted_spans_or_keeps_them(corpus):
    from textlab.features.dtm import comparison_rows
    from textlab.voices.quotations import corpus_spans

    drop = comparison_rows(corpus.docs, quotations="drop", spans=corpus_spans(corpus))
    assert comparison_rows(corpus.docs).equals(comparison_rows(corpus.docs, quotations="drop"))  # the default
    assert "quoted_words" not in comparison_rows(corpus.docs, quotations="rows").columns  # the text as it is
    keep = comparison_rows(corpus.docs, quotations="keep")
    plain = keep[keep["kind"] == "primary"].set_index("doc_id")
    d = drop.set_index("doc_id")
    # the same primary rows; each loses exactly the words it quoted, and no row gains any
    assert list(d.index) == list(plain.index)
    assert (d["n_words"] + d["quoted_words"] == plain["n_words"]).all()
    assert (d["quoted_words"] >= 0).all() and (keep["quoted_words"] == 0).all()
    by_group = d.groupby("group")["quoted_words"].sum() / plain.groupby("group")["n_words"].sum()
    assert by_group["Cliff 1993"] > 0.02 and by_group["Trotsky 1923-25"] > 0.02  # both quote inline
    # keep puts every group's block quotations back
    assert set(keep.loc[keep["kind"] == "quotation", "group"]) >= {"Cliff 1993"}
    with pytest.raises(ValueError, match="quotations"):
        comparison_rows(corpus.docs, quotations="some")


def test_corpus_rows_drop_reused_passages_too(corpus):
    from textlab.features.dtm import comparison_rows, corpus_rows

    inline = comparison_rows(corpus.docs, quotations="drop")
    both = corpus_rows(corpus)
    assert both["doc_id"].tolist() == inline["doc_id"].tolist()
    # reuse from older texts of other authors (Cliff quoting Trotsky without marks) is cut as well
    cliff = both["group"] == "Cliff 1993"
    assert both.loc[cliff, "quoted_words"].sum() > inline.loc[cliff, "quoted_words"].sum()
    assert (both["quoted_words"] >= inline["quoted_words"]).all()
    with pytest.raises(TypeError, match="Corpus"):
        corpus_rows(corpus.docs)
