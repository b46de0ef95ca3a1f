"""One tokenising pass: ``DTMVectorizer.fit_transform`` counts the tokens it made once, ``Tokenizer.fit`` learns
its phrases from the cached words of the fast path, and both give exactly what the plain two-pass path gives.

The plain paths stay reachable: ``DTMVectorizer.fit(docs).transform(docs)`` (tokenises every text twice) and
``Tokenizer.words`` (the uncached pipeline); the real texts are the bundled corpus's rows.
"""

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textlab.corpus.build import bundled_text_options
from textlab.features import dtm
from textlab.features import tokenize as tk
from textlab.features.dtm import DTMVectorizer, corpus_dtm, corpus_tokens
from textlab.features.tokenize import Tokenizer


def _same_matrix(a, b) -> None:
    """Identical vocabulary, rows and sparse layout (not merely equal counts)."""
    assert a.vocab.tolist() == b.vocab.tolist()
    assert a.X.shape == b.X.shape and a.X.dtype == b.X.dtype and a.X.indices.dtype == b.X.indices.dtype
    assert np.array_equal(a.X.indptr, b.X.indptr)
    assert np.array_equal(a.X.indices, b.X.indices)
    assert np.array_equal(a.X.data, b.X.data)
    pd.testing.assert_frame_equal(a.docs, b.docs)


def _two_pass(docs, **kw):
    """The matrix of fit then transform: every text tokenised in each."""
    return DTMVectorizer(**kw).fit(docs).transform(docs)


@pytest.fixture(scope="module")
def rows(corpus):
    """Real rows cut from the bundled corpus: every 3rd row (all kinds), about 300 of them."""
    return corpus.docs.iloc[::3].reset_index(drop=True)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"min_df": 3, "max_df": 0.5},
        {"min_df": 0.01, "normalize": "stem"},
        {"phrases": False, "stopwords": "none", "lemmas": False},
    ],
)
def test_fit_transform_is_fit_then_transform_on_real_rows(corpus, rows, options):
    opts = dict(options)
    df = {k: opts.pop(k) for k in ("min_df", "max_df") if k in opts}
    one = DTMVectorizer(tokenizer=Tokenizer.from_options(corpus.text_options, **opts), **df)
    m = one.fit_transform(rows)
    _same_matrix(m, _two_pass(rows, tokenizer=Tokenizer.from_options(corpus.text_options, **opts), **df))
    assert m.tokenizer is one.tokenizer_ and one.tokenizer_.fitted
    # fitted as fit leaves it: it counts other rows with the tokenizer it learned
    other = corpus.docs.iloc[1::3].head(50)
    two = DTMVectorizer(tokenizer=Tokenizer.from_options(corpus.text_options, **opts), **df).fit(rows)
    _same_matrix(one.transform(other), two.transform(other))


def test_fit_transform_tokenises_each_text_once(rows, monkeypatch):
    calls = []
    real = tk._FastPath.__call__
    monkeypatch.setattr(tk._FastPath, "__call__", lambda self, text: calls.append(1) or real(self, text))
    DTMVectorizer(tokenizer=Tokenizer.from_options(bundled_text_options())).fit_transform(rows)
    assert len(calls) == len(rows)


def test_a_corpus_matrix_and_its_tokens_come_from_one_pass(corpus, monkeypatch):
    monkeypatch.setattr(dtm, "_CACHE", {})
    calls = []
    real = tk._FastPath.__call__
    monkeypatch.setattr(tk._FastPath, "__call__", lambda self, text: calls.append(1) or real(self, text))
    m, tokens = corpus_dtm(corpus, quotations="keep"), corpus_tokens(corpus, quotations="keep")
    assert len(calls) == len(tokens) == m.X.shape[0]
    assert [sum(t.count(w) for w in ("party", "united_front")) for t in tokens[:40]] == (
        m.column("party")[:40] + m.column("united_front")[:40]
    ).tolist()


def test_fit_learns_the_phrases_of_the_plain_word_stream(corpus, monkeypatch):
    texts = corpus.docs["text"].tolist()
    fast = Tokenizer.from_options(corpus.text_options).fit(texts)
    plain = Tokenizer.from_options(corpus.text_options)
    with monkeypatch.context() as m:  # fit on Tokenizer.words, the uncached pipeline
        m.setattr(tk._FastPath, "words", lambda self, text: plain.words(text))
        plain.fit(texts)
    assert len(fast.phrasegrams) > 100 and fast.phrasegrams == plain.phrasegrams
    assert [fast(t) for t in texts[::5]] == [plain._call_reference(t) for t in texts[::5]]


def test_fit_fills_the_caches_that_tokenising_uses(corpus):
    texts = corpus.docs["text"].head(100).tolist()
    tok = Tokenizer.from_options(corpus.text_options)
    tok.fit(texts)
    fp = tok._fast
    assert fp is not None and fp.phrase_re is not None  # the fast path of the learned phrases
    chunks = set(texts[0].split())
    assert chunks <= set(fp.chunk_words)  # words found in fit, not found again
    assert tok(texts[0]) == tok._call_reference(texts[0]) and tok._fast is fp
    tok.min_length = 4  # a setting changes: the caches go, and a new fit starts afresh
    assert tok._fast is None
    assert tok.fit(texts)(texts[1]) == tok._call_reference(texts[1])


_PIECES = [
    "The", "party", "and", "of", "the", "Trotsky's", "petty-bourgeois", "1917", "138,000", "czar", "Alma", "Ata",
    "alma,ata", "rank", "file", "l'état", "l\u2019homme", "--", "\u2014", "(working)", "class.", "Bucharin",
    "organisation", "labour", "рабочих", "mid-1933", "x", "a", "qu'il", "—and",
]  # fmt: skip
_SPACES = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003"])
TEXTS = st.lists(st.tuples(st.sampled_from(_PIECES), _SPACES), max_size=30).map(
    lambda parts: "".join(p + s for p, s in parts)
)


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.sampled_from(["bundled", "en", "fr"]))
def test_cached_words_are_the_plain_words(text, which):
    tok = Tokenizer.from_options(bundled_text_options()) if which == "bundled" else Tokenizer(language=which)
    fp = tk._FastPath(tok)
    assert fp.words(text) == tok.words(text)
    assert fp.words(text) == tok.words(text)  # from the caches the second time


@settings(max_examples=40, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=12), st.sampled_from([1, 2]))
def test_fit_transform_is_fit_then_transform_on_random_texts(texts, min_df):
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})

    def tok():
        return Tokenizer.from_options(bundled_text_options(), phrase_min_count=2, phrase_threshold=0.1)

    try:
        expected = _two_pass(docs, tokenizer=tok(), min_df=min_df)
    except ValueError as err:  # no term left: the one pass refuses the same way
        with pytest.raises(ValueError, match=re.escape(str(err))):
            DTMVectorizer(tokenizer=tok(), min_df=min_df).fit_transform(docs)
        return
    _same_matrix(DTMVectorizer(tokenizer=tok(), min_df=min_df).fit_transform(docs), expected)


def _gensim_and_ours(sentences, connectors, **kw):
    from gensim.models.phrases import Phrases

    theirs = Phrases(sentences, connector_words=connectors, **kw).freeze()
    ours = tk._freeze(Phrases(sentences, connector_words=connectors, **kw))
    assert type(ours) is type(theirs)
    for name in ("threshold", "min_count", "delimiter", "scoring", "connector_words"):
        assert getattr(ours, name) == getattr(theirs, name), name
    return list(theirs.phrasegrams.items()), list(ours.phrasegrams.items())


def test_phrases_scored_from_the_frequent_candidates_are_gensims(corpus):
    tok = Tokenizer.from_options(corpus.text_options)
    sentences = [tok.words(t) for t in corpus.docs["text"]]
    connectors = frozenset(tok.stopword_set)
    for kw in ({"min_count": 10, "threshold": 10.0}, {"min_count": 3, "threshold": 0.5}):
        theirs, ours = _gensim_and_ours(sentences, connectors, **kw)
        assert len(theirs) > 100 and ours == theirs, kw  # the same phrases, scores and order


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(["a", "b", "c", "d", "of", "the", "x_y"]), max_size=15), max_size=20),
    st.integers(1, 4),
    st.sampled_from([0.01, 0.5, 1.0, 3.0]),
)
def test_phrases_scored_from_the_frequent_candidates_on_random_sentences(sentences, min_count, threshold):
    theirs, ours = _gensim_and_ours(sentences, frozenset({"of", "the"}), min_count=min_count, threshold=threshold)
    assert ours == theirs
