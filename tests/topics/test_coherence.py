"""Topic coherence (textlab.topics.coherence): hand-computed cases, agreement with gensim, properties, errors."""

from __future__ import annotations

import logging
import math

import numpy as np
import pytest
import scipy.sparse as sp
from gensim.corpora import Dictionary
from gensim.models.coherencemodel import CoherenceModel
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from textlab.topics.coherence import Cooccurrence, model_coherence, topic_coherence
from textlab.topics.labels import top_words


def gensim_umass(topics, texts, top_n, dictionary=None):
    """gensim's u_mass: the bag-of-words corpus of ``texts``, boolean documents."""
    d = dictionary if dictionary is not None else Dictionary(texts)
    cm = CoherenceModel(
        topics=topics, corpus=[d.doc2bow(t) for t in texts], dictionary=d, coherence="u_mass", topn=top_n
    )
    return np.array(cm.get_coherence_per_topic())


def gensim_npmi(topics, texts, top_n, dictionary=None):
    """gensim's c_npmi with one window per document (window_size >= the longest text)."""
    d = dictionary if dictionary is not None else Dictionary(texts)
    window = max(1, max(len(t) for t in texts))
    cm = CoherenceModel(
        topics=topics, texts=texts, dictionary=d, coherence="c_npmi", topn=top_n, window_size=window, processes=1
    )
    return np.array(cm.get_coherence_per_topic())


GENSIM = {"umass": gensim_umass, "npmi": gensim_npmi}

# --------------------------------------------------------------------------- by hand
#
# Four documents, N = 4:        a  b  c  d
#   d0: a b c                   1  1  1  0
#   d1: a b                     1  1  0  0
#   d2: b c d                   0  1  1  1
#   d3: a d                     1  0  0  1
# D(a) = 3, D(b) = 3, D(c) = 2, D(d) = 2
# D(a,b) = 2 (d0 d1), D(a,c) = 1 (d0), D(a,d) = 1 (d3), D(b,c) = 2 (d0 d2), D(b,d) = 1 (d2), D(c,d) = 1 (d2)
#
# Two topics over (a, b, c, d); top 3 words, heaviest first:
#   topic 0: weights (.5, .3, .2, 0)  -> [a, b, c]
#   topic 1: weights (.3, 0, .1, .6)  -> [d, a, c]

HAND_TEXTS = [["a", "b", "c"], ["a", "b"], ["b", "c", "d"], ["a", "d"]]
HAND_X = np.array([[1, 1, 1, 0], [1, 1, 0, 0], [0, 1, 1, 1], [1, 0, 0, 1]])
HAND_VOCAB = ["a", "b", "c", "d"]
HAND_W = np.array([[0.5, 0.3, 0.2, 0.0], [0.3, 0.0, 0.1, 0.6]])

# UMass: mean over pairs (w_i, w_j), j < i, of log((D(w_i, w_j)/N + 1e-12) / (D(w_j)/N)); eps changes ~1e-12.
#   topic 0 [a, b, c]: (b,a) log((2/4)/(3/4)) = log(2/3) = -0.4054651081
#                      (c,a) log((1/4)/(3/4)) = log(1/3) = -1.0986122887
#                      (c,b) log((2/4)/(3/4)) = log(2/3) = -0.4054651081
#                      mean = -1.9095425049 / 3 = -0.6365141683
#   topic 1 [d, a, c]: (a,d) log((1/4)/(2/4)) = log(1/2) = -0.6931471806
#                      (c,d) log((1/4)/(2/4)) = log(1/2) = -0.6931471806
#                      (c,a) log((1/4)/(3/4)) = log(1/3) = -1.0986122887
#                      mean = -2.4849066498 / 3 = -0.8283022166
HAND_UMASS = [-0.6365141683, -0.8283022166]

# NPMI: mean over pairs of log(p(wi,wj) / (p(wi) p(wj))) / -log p(wi,wj)  (both orders give the same value).
#   topic 0: (a,b) log((1/2)/(3/4 * 3/4)) / -log(1/2) = log2(8/9)     = -0.1699250014
#            (a,c) log((1/4)/(3/4 * 1/2)) / -log(1/4) = log2(2/3) / 2 = -0.2924812504
#            (b,c) log((1/2)/(3/4 * 1/2)) / -log(1/2) = log2(4/3)     =  0.4150374993
#            mean = -0.0473687525 / 3 = -0.0157895842
#   topic 1: (d,a) log((1/4)/(1/2 * 3/4)) / -log(1/4) = log2(2/3) / 2 = -0.2924812504
#            (d,c) log((1/4)/(1/2 * 1/2)) / -log(1/4) = 0
#            (a,c) = -0.2924812504
#            mean = -0.5849625007 / 3 = -0.1949875002
HAND_NPMI = [-0.0157895842, -0.1949875002]


@pytest.fixture()
def hand():
    return Cooccurrence(HAND_X, HAND_VOCAB)


def test_hand_counts(hand):
    assert hand.n_docs == 4
    assert hand.doc_freq().tolist() == [3, 3, 2, 2]
    assert hand.co_doc_freq(["a", "b", "c", "d"]).tolist() == [[3, 2, 1, 1], [2, 3, 2, 1], [1, 2, 2, 1], [1, 1, 1, 2]]
    assert top_words(HAND_W, HAND_VOCAB, n=3) == [["a", "b", "c"], ["d", "a", "c"]]


def test_hand_umass(hand):
    np.testing.assert_allclose(topic_coherence(HAND_W, hand, measure="umass", top_n=3), HAND_UMASS, rtol=0, atol=1e-9)
    np.testing.assert_allclose(gensim_umass([["a", "b", "c"], ["d", "a", "c"]], HAND_TEXTS, 3), HAND_UMASS, atol=1e-9)


def test_hand_npmi(hand):
    np.testing.assert_allclose(topic_coherence(HAND_W, hand, measure="npmi", top_n=3), HAND_NPMI, rtol=0, atol=1e-9)
    np.testing.assert_allclose(gensim_npmi([["a", "b", "c"], ["d", "a", "c"]], HAND_TEXTS, 3), HAND_NPMI, atol=1e-9)
    assert model_coherence(HAND_W, hand, measure="npmi", top_n=3) == pytest.approx(np.mean(HAND_NPMI), abs=1e-9)


def test_inputs_agree(hand):
    """Word lists, sparse X, from_texts, gensim's measure names and a permuted vocab give the same."""
    lists = [["a", "b", "c"], ["d", "a", "c"]]
    for measure in ("npmi", "umass"):
        ref = topic_coherence(HAND_W, hand, measure=measure, top_n=3)
        np.testing.assert_array_equal(topic_coherence(lists, hand, measure=measure, top_n=3), ref)
        np.testing.assert_array_equal(topic_coherence([t + ["b"] for t in lists], hand, measure=measure, top_n=3), ref)
        np.testing.assert_array_equal(
            topic_coherence(HAND_W, Cooccurrence(sp.csr_matrix(HAND_X * 3), HAND_VOCAB), measure=measure, top_n=3), ref
        )
        from_texts = Cooccurrence.from_texts(HAND_TEXTS)
        np.testing.assert_array_equal(topic_coherence(lists, from_texts, measure=measure, top_n=3), ref)
        np.testing.assert_array_equal(topic_coherence(sp.csr_matrix(HAND_W), hand, measure=measure, top_n=3), ref)
        perm = [3, 1, 0, 2]  # topic_word over another ordering of the same words
        np.testing.assert_array_equal(
            topic_coherence(HAND_W[:, perm], hand, measure=measure, top_n=3, vocab=[HAND_VOCAB[i] for i in perm]), ref
        )
    gname = {"npmi": "c_npmi", "umass": "u_mass"}
    for ours, theirs in gname.items():
        np.testing.assert_array_equal(
            topic_coherence(lists, hand, measure=theirs, top_n=3), topic_coherence(lists, hand, measure=ours, top_n=3)
        )


def test_word_in_every_document():
    """Both words in every document: 0/0. gensim gives -1 (an eps artefact), textlab 0;
    with one such word ~0 in both."""
    texts = [["a", "b", "c"], ["a", "b"], ["b", "a", "d"]]
    cooc = Cooccurrence.from_texts(texts)
    assert topic_coherence([["a", "b"]], cooc, top_n=2).tolist() == [0.0]
    assert gensim_npmi([["a", "b"]], texts, 2).tolist() == [-1.0]
    ours = topic_coherence([["a", "c"]], cooc, top_n=2)
    np.testing.assert_allclose(ours, gensim_npmi([["a", "c"]], texts, 2), atol=1e-9)
    np.testing.assert_allclose(ours, [0.0], atol=1e-9)


def test_word_in_no_document(caplog):
    """A vocabulary column of zeros: umass follows gensim (a pair whose w_j is absent scores 0); npmi gives nan."""
    texts = HAND_TEXTS
    vocab = HAND_VOCAB + ["ghost"]
    cooc = Cooccurrence(np.hstack([HAND_X, np.zeros((4, 1), int)]), vocab)
    topics = [["ghost", "a", "b"], ["a", "ghost", "b"], ["a", "b", "c"]]
    d = Dictionary(texts + [["ghost"]])  # "ghost" is in the dictionary but in no document of the corpus
    np.testing.assert_allclose(
        topic_coherence(topics, cooc, measure="umass", top_n=3),
        gensim_umass(topics, texts, 3, dictionary=d),
        atol=1e-12,
    )
    with caplog.at_level(logging.WARNING, logger="textlab.topics.coherence"):
        out = topic_coherence(topics, cooc, measure="npmi", top_n=3)
    assert np.isnan(out[:2]).all() and np.isfinite(out[2])
    assert "ghost" in caplog.text


# --------------------------------------------------------------------------- real corpus vs gensim


@pytest.fixture(scope="module")
def real(corpus):
    from sklearn.decomposition import LatentDirichletAllocation

    from textlab.features.dtm import document_term_matrix

    docs = corpus.docs[corpus.docs.kind == "primary"].head(60)
    m = document_term_matrix(docs)
    texts = [m.tokenizer(t) for t in docs["text"]]
    lda = LatentDirichletAllocation(n_components=8, random_state=0, max_iter=10).fit(m.X)
    return {
        "dtm": m,
        "texts": texts,
        "dictionary": Dictionary(texts),
        "W": lda.components_,
        "cooc": Cooccurrence(m.X, m.vocab),
    }


def test_real_fixture_counts(real):
    """X of the DTM and gensim's texts describe the same documents (so the comparison is like with like)."""
    m, texts, cooc = real["dtm"], real["texts"], real["cooc"]
    assert m.X.shape[0] == len(texts) == cooc.n_docs == 60
    d = real["dictionary"]
    assert sorted(d.token2id) == m.vocab.tolist()
    assert cooc.doc_freq(m.vocab.tolist()).tolist() == [d.dfs[d.token2id[w]] for w in m.vocab]
    assert (cooc.doc_freq() < cooc.n_docs).all()  # no word in every document: no degenerate npmi pair


@pytest.mark.parametrize("measure", ["umass", "npmi"])
@pytest.mark.parametrize("top_n", [2, 5, 10, 20])
def test_real_lda_topics_match_gensim(real, measure, top_n):
    topics = top_words(real["W"], real["dtm"].vocab, n=top_n)
    ours = topic_coherence(real["W"], real["cooc"], measure=measure, top_n=top_n)
    theirs = GENSIM[measure](topics, real["texts"], top_n, dictionary=real["dictionary"])
    assert ours.shape == (8,)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-6)
    mean = model_coherence(real["W"], real["cooc"], measure=measure, top_n=top_n)
    assert mean == pytest.approx(float(np.mean(theirs)), abs=1e-6)


@pytest.mark.parametrize("measure", ["umass", "npmi"])
@pytest.mark.parametrize("top_n", [3, 10])
def test_real_random_topics_match_gensim(real, measure, top_n):
    rng = np.random.default_rng(20240617 + top_n)
    vocab = real["dtm"].vocab
    topics = [vocab[rng.choice(len(vocab), size=top_n, replace=False)].tolist() for _ in range(6)]
    ours = topic_coherence(topics, real["cooc"], measure=measure, top_n=top_n)
    theirs = GENSIM[measure](topics, real["texts"], top_n, dictionary=real["dictionary"])
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-6)


def test_real_sweep_reuses_counts(real):
    """A second pass over the same models counts nothing new and gives identical values."""
    cooc = Cooccurrence(real["dtm"].X, real["dtm"].vocab)
    first = [topic_coherence(real["W"][k:], cooc, measure="npmi", top_n=10) for k in range(3)]
    n = cooc.n_cached
    assert 0 < n <= 8 * 10
    again = [topic_coherence(real["W"][k:], cooc, measure="npmi", top_n=10) for k in range(3)]
    assert cooc.n_cached == n
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)


# --------------------------------------------------------------------------- properties


@st.composite
def corpus_and_topics(draw, max_docs=10, max_terms=7):
    n_docs = draw(st.integers(1, max_docs))
    n_terms = draw(st.integers(3, max_terms))
    X = draw(arrays(np.int64, (n_docs, n_terms), elements=st.integers(0, 3)))
    K = draw(st.integers(1, 4))
    W = draw(arrays(np.float64, (K, n_terms), elements=st.floats(0, 1, allow_nan=False)))
    top_n = draw(st.integers(2, n_terms))
    return X, W, top_n


VOCAB7 = [f"w{i}" for i in range(7)]
MEASURE = st.sampled_from(["npmi", "umass"])


@settings(max_examples=40, deadline=None)
@given(corpus_and_topics())
def test_npmi_bounded_umass_nonpositive(data):
    X, W, top_n = data
    cooc = Cooccurrence(X, VOCAB7[: X.shape[1]])
    npmi = topic_coherence(W, cooc, measure="npmi", top_n=top_n)
    umass = topic_coherence(W, cooc, measure="umass", top_n=top_n)
    assert npmi.shape == umass.shape == (W.shape[0],)
    absent = (cooc.doc_freq()[np.argsort(-W, axis=1, kind="stable")[:, :top_n]] == 0).any(axis=1)
    assert np.array_equal(np.isnan(npmi), absent)  # nan exactly where a top word is in no document
    ok = npmi[~absent]
    assert ((ok >= -1 - 1e-9) & (ok <= 1 + 1e-9)).all()
    assert np.isfinite(umass).all() and (umass <= 1e-9).all()


@settings(max_examples=40, deadline=None)
@given(corpus_and_topics(), st.randoms(use_true_random=False), MEASURE)
def test_permuting_documents_changes_nothing(data, rnd, measure):
    X, W, top_n = data
    vocab = VOCAB7[: X.shape[1]]
    order = list(range(X.shape[0]))
    rnd.shuffle(order)
    a = topic_coherence(W, Cooccurrence(X, vocab), measure=measure, top_n=top_n)
    b = topic_coherence(W, Cooccurrence(X[order], vocab), measure=measure, top_n=top_n)
    np.testing.assert_array_equal(a, b)


@settings(max_examples=40, deadline=None)
@given(corpus_and_topics(), st.randoms(use_true_random=False), MEASURE)
def test_permuting_topics_permutes_output(data, rnd, measure):
    X, W, top_n = data
    cooc = Cooccurrence(X, VOCAB7[: X.shape[1]])
    order = list(range(W.shape[0]))
    rnd.shuffle(order)
    a = topic_coherence(W, cooc, measure=measure, top_n=top_n)
    b = topic_coherence(W[order], cooc, measure=measure, top_n=top_n)
    np.testing.assert_array_equal(a[order], b)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_words_always_together_have_npmi_one(data):
    n_docs = data.draw(st.integers(2, 10))
    pattern = data.draw(arrays(bool, n_docs))
    assume(pattern.any() and not pattern.all())  # in some documents, not in all (that is 0/0)
    m = data.draw(st.integers(2, 4))
    together = data.draw(arrays(np.int64, (n_docs, m), elements=st.integers(1, 5))) * pattern[:, None]
    others = data.draw(arrays(np.int64, (n_docs, 3), elements=st.integers(0, 2)))
    cooc = Cooccurrence(np.hstack([others, together]), VOCAB7[: 3 + m])
    topic = VOCAB7[3 : 3 + m]
    np.testing.assert_allclose(topic_coherence([topic], cooc, measure="npmi", top_n=m), [1.0], atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(corpus_and_topics(), st.lists(st.tuples(st.integers(0, 2**32 - 1), MEASURE), min_size=1, max_size=5))
def test_reused_cooccurrence_equals_fresh(data, calls):
    X, _, top_n = data
    vocab = VOCAB7[: X.shape[1]]
    shared = Cooccurrence(X, vocab)
    for seed, measure in calls:
        W = np.random.default_rng(seed).random((3, X.shape[1]))
        np.testing.assert_array_equal(
            topic_coherence(W, shared, measure=measure, top_n=top_n),
            topic_coherence(W, Cooccurrence(X, vocab), measure=measure, top_n=top_n),
        )
        ids = np.argsort(-W, axis=1, kind="stable")[:, :top_n].ravel()
        np.testing.assert_array_equal(shared.co_doc_freq(ids), Cooccurrence(X, vocab).co_doc_freq(ids))


WORDS = st.sampled_from(["tsar", "party", "kulak", "front", "soviet", "class"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=8), min_size=1, max_size=8), st.data())
def test_random_texts_match_gensim(texts, data):
    vocab = sorted({w for t in texts for w in t})
    assume(len(vocab) >= 2)
    top_n = data.draw(st.integers(2, len(vocab)))
    topics = [data.draw(st.permutations(vocab))[:top_n] for _ in range(data.draw(st.integers(1, 3)))]
    cooc = Cooccurrence.from_texts(texts)
    np.testing.assert_allclose(
        topic_coherence(topics, cooc, measure="umass", top_n=top_n),
        gensim_umass(topics, texts, top_n),
        rtol=0,
        atol=1e-9,
    )
    assume(all(any(w not in t for t in texts) for w in vocab))  # no word in every document (see above)
    np.testing.assert_allclose(
        topic_coherence(topics, cooc, measure="npmi", top_n=top_n), gensim_npmi(topics, texts, top_n), rtol=0, atol=1e-9
    )


# --------------------------------------------------------------------------- errors


def test_error_mismatched_shapes(hand):
    with pytest.raises(ValueError, match="topic_word has 5 columns but cooc has 4 terms"):
        topic_coherence(np.ones((2, 5)), hand, top_n=3)
    with pytest.raises(ValueError, match="topic_word must be 2-dimensional"):
        topic_coherence(np.ones(4), hand, top_n=3)
    with pytest.raises(ValueError, match="vocab has 3 terms but X has 4 columns"):
        Cooccurrence(HAND_X, ["a", "b", "c"])
    with pytest.raises(ValueError, match="vocab has 3 terms but topic_word has 4 columns"):
        topic_coherence(HAND_W, hand, top_n=3, vocab=["a", "b", "c"])
    with pytest.raises(ValueError, match="X must be 2-dimensional"):
        Cooccurrence(np.ones(4), HAND_VOCAB)
    with pytest.raises(ValueError, match=r"topic_word\[0\] has 2 words, fewer than top_n=3"):
        topic_coherence([["a", "b"], ["a", "b", "c"]], hand, top_n=3)
    with pytest.raises(ValueError, match="top_n=5 is larger than the 4 words"):
        topic_coherence(HAND_W, hand, top_n=5)


def test_error_unknown_measure(hand):
    with pytest.raises(ValueError, match="measure must be 'npmi' or 'umass'.*'c_v'"):
        topic_coherence(HAND_W, hand, measure="c_v", top_n=3)


def test_error_top_n(hand):
    for bad in (1, 0, -3):
        with pytest.raises(ValueError, match=f"top_n must be at least 2.*got {bad}"):
            topic_coherence(HAND_W, hand, top_n=bad)
    for bad in (2.0, "3", True):
        with pytest.raises(TypeError, match="top_n must be an int"):
            topic_coherence(HAND_W, hand, top_n=bad)


def test_error_words_not_in_vocabulary(hand):
    with pytest.raises(ValueError, match=r"topic_word\[1\]: 1 word\(s\) not in the vocabulary.*'ghost'"):
        topic_coherence([["a", "b"], ["c", "ghost"]], hand, top_n=2)
    with pytest.raises(ValueError, match=r"topic_word \(top words\).*'zz'"):
        topic_coherence(HAND_W, hand, top_n=2, vocab=["a", "zz", "c", "d"])
    with pytest.raises(ValueError, match="'nope'"):
        hand.doc_freq(["a", "nope"])


def test_error_types_and_values(hand):
    with pytest.raises(TypeError, match="cooc must be a Cooccurrence"):
        topic_coherence(HAND_W, HAND_X, top_n=2)
    with pytest.raises(TypeError, match="not one list of words"):
        topic_coherence(["a", "b", "c"], hand, top_n=2)
    with pytest.raises(ValueError, match="X must hold counts"):
        Cooccurrence(-HAND_X, HAND_VOCAB)
    with pytest.raises(TypeError, match="vocab must be a sequence of str"):
        Cooccurrence(HAND_X, "abcd")
    with pytest.raises(ValueError, match="'b' appears more than once"):
        Cooccurrence(HAND_X, ["a", "b", "b", "d"])
    with pytest.raises(ValueError, match="topic_word must hold finite"):
        topic_coherence(np.array([[np.nan, 1, 2, 3]]), hand, top_n=2)
    with pytest.raises(ValueError, match="vocab names the columns"):
        topic_coherence([["a", "b"]], hand, top_n=2, vocab=HAND_VOCAB)
    with pytest.raises(ValueError, match=r"ids must be column ids in \[0, 4\)"):
        hand.co_doc_freq([0, 4])
    with pytest.raises(TypeError, match="text 1 is a str"):
        Cooccurrence.from_texts([["a"], "b c"])
    assert math.isnan(model_coherence([["a", "b"]], Cooccurrence(np.array([[1, 0, 0]]), ["a", "b", "c"]), top_n=2))
