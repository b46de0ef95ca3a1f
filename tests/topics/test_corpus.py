"""Tests of textlab.topics.corpus on the bundled corpus: names, the corpus model's tables, notebook 04's claims."""

from __future__ import annotations

import numpy as np
import pytest

from textlab.corpus.examples import example_corpus
from textlab.corpus.table import Corpus
from textlab.topics import corpus as topics
from textlab.topics.backends import DEFAULT_BACKEND
from textlab.topics.labels import top_relevant


def test_known_share_counts_phrases_by_their_parts():
    assert topics.known_share(["party", "tio", "ith", "ria"], english=frozenset({"party"})) == 0.25
    assert topics.known_share(["five-year_plan", "1042"], english=frozenset({"five", "year", "plan"})) == 1.0
    with pytest.raises(ValueError, match="empty"):
        topics.known_share([])


def test_topic_names_table_applies_only_to_its_model(tmp_path):
    p = tmp_path / "names.csv"
    p.write_text("k,seed,backend,topic,name\n3,0,gensim,0,land\n3,0,gensim,2, party \n4,0,gensim,0,other model\n")
    # a table without a quotations column was written for models of quotations="rows"
    assert topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim", quotations="rows") == {
        0: "land",
        2: "party",
    }
    assert topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim") == {}
    assert topics.load_corpus_topic_names(p, k=3, seed=1, backend="gensim", quotations="rows") == {}
    assert topics.load_corpus_topic_names(tmp_path / "none.csv", k=3, seed=0, backend="gensim") == {}
    p.write_text("k,seed,backend,topic,name\n3,0,gensim,0,land\n3,0,gensim,0,again\n")
    with pytest.raises(ValueError, match="names.csv line 3: topic 0"):
        topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim", quotations="rows")
    p.write_text("k,seed,backend,topic,name\n3,0,gensim,7,land\n")
    with pytest.raises(ValueError, match="line 2: topic 7 is out of range"):
        topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim", quotations="rows")
    p.write_text("k,seed,backend,topic,name\n3,0,gensim,x,land\n")
    with pytest.raises(ValueError, match="line 2"):
        topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim")
    # names are kept per selection of the text: a table without the column was written for "rows"
    p.write_text(
        "k,seed,backend,quotations,topic,name,top_words\n3,0,gensim,drop,1,land,land peasant\n"
        "3,0,gensim,rows,1,other,x\n"
    )
    assert topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim") == {1: "land"}
    assert topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim", quotations="rows") == {1: "other"}
    p.write_text("k,seed,backend,quotations,topic,name\n3,0,gensim,all,1,land\n")
    with pytest.raises(ValueError, match="line 2: quotations"):
        topics.load_corpus_topic_names(p, k=3, seed=0, backend="gensim")


def test_corpus_topics_flag_every_unstable_topic(corpus):
    t = topics.corpus_topics(corpus)
    k = topics.chosen_k(corpus)
    assert t["topic"].tolist() == list(range(k))
    assert (t["label"].str.startswith("† ") == ~t["stable"]).all()
    assert t["stable"].tolist() == (t["recurrence"] >= 0.5).tolist()
    assert t["npmi"].between(-1, 1).all()
    assert t["prevalence"].sum() == pytest.approx(1.0)
    # no topic is mostly OCR fragments: most of its 10 most probable words are English (or names the lexicon knows)
    assert (t["known_share"] >= 0.5).all(), t.loc[t["known_share"] < 0.5, ["topic", "prob"]]
    # names from the corpus's own table (data/topic_names.csv) where they are given for this model, else the top words
    named = topics.load_corpus_topic_names(corpus.topic_names, k=k, seed=0, backend=DEFAULT_BACKEND)
    rows = topics.topic_name_rows(corpus.topic_names, k=k, seed=0, backend=DEFAULT_BACKEND, quotations="drop")
    assert named, "the bundled corpus names some of its topics"
    # a name stays on its topic only while the topic keeps the words it was named by
    _, m, model = topics.corpus_model(corpus)
    top10 = top_relevant(model.topic_word, np.asarray(m.X.sum(axis=0)).ravel(), model.vocab, n=10)
    keeps = {
        i: not words or len(set(words) & set(top10[i])) >= min(topics.NAME_MIN_WORDS, len(words))
        for i, (_, words) in rows.items()
    }
    assert t["named"].tolist() == [i in named and keeps[i] for i in range(k)]
    for r in t.itertuples():
        assert r.name == (
            named[r.topic] if r.named else " / ".join(w.replace("_", " ") for w in r.relevance.split(", ")[:3])
        )


def test_corpus_prevalence_intervals_resample_rows(corpus):
    p = topics.corpus_prevalence(corpus, n_boot=200)
    k = topics.chosen_k(corpus)
    assert len(p) == 5 * k
    assert p.groupby("group")["prevalence"].sum().round(6).eq(1).all()
    one_row = p[p["group"] == "Trotsky 1928"]
    assert one_row["low"].isna().all()  # one letter: no interval, not a false [p, p]
    rest = p[p["group"] != "Trotsky 1928"]
    assert ((rest["low"] <= rest["prevalence"] + 1e-12) & (rest["prevalence"] <= rest["high"] + 1e-12)).all()


def test_quotations_put_back_move_cliff_towards_trotsky(corpus):
    t = topics.corpus_quotation_prevalence(corpus, "Cliff 1993", n_boot=200)
    chunks, _, model = topics.corpus_model(corpus)
    assert len(t) == model.k and t["n_with"].iloc[0] > t["n_own"].iloc[0]  # block quotations add chunks
    assert t["own"].sum() == pytest.approx(1) and t["with_quotations"].sum() == pytest.approx(1)
    assert np.allclose(t["change"], t["with_quotations"] - t["own"])
    assert ((t["change_low"] <= t["change"] + 1e-12) & (t["change"] <= t["change_high"] + 1e-12)).all()
    # fold-in of Cliff's own chunks agrees with the model's own inference of them
    fitted = model.doc_topic[(chunks["group"] == "Cliff 1993").to_numpy()].mean(axis=0)
    assert np.abs(fitted - t["own"].to_numpy()).max() < 0.03
    # most of Cliff's quotations are Trotsky's: put back, they bring Cliff's themes nearer Trotsky's own
    trotsky = model.doc_topic[(chunks["group"] == "Trotsky 1930-31").to_numpy()].mean(axis=0)
    assert np.abs(t["with_quotations"] - trotsky).sum() < np.abs(t["own"] - trotsky).sum()
    with pytest.raises(ValueError, match="no chunks"):
        topics.corpus_quotation_prevalence(corpus, "Nobody 2000", n_boot=10)


def _topic_with(table, word):
    """The topic whose top words by relevance include ``word`` (topics are found by their words, not by number)."""
    hits = table[table["relevance"].str.split(", ").apply(lambda ws: word in ws)]
    assert len(hits) == 1, f"{word!r} is a top word of {len(hits)} topics"
    return int(hits["topic"].iloc[0])


def test_notebook_04_claims_hold(corpus):
    """What notebook 04 says in prose, checked on the model it describes (a refit that breaks a claim fails here)."""
    table = topics.corpus_topics(corpus)
    prev = topics.corpus_prevalence(corpus, n_boot=200)
    gorter = prev[prev["group"] == "Gorter 1920"].set_index("topic")["prevalence"]
    assert gorter.idxmax() == _topic_with(table, "western_europe") and gorter.max() > 0.6  # "two-thirds one topic"
    shift = topics.corpus_prevalence_difference(corpus, "Trotsky 1930-31", "Trotsky 1923-25", n_boot=200).set_index(
        "topic"
    )
    economy, landau, regime = (_topic_with(table, w) for w in ("world_market", "landau", "bonapartism"))
    # the economy falls; the Landau group and the French opposition, and class, regime and Bonapartism, rise
    assert shift.loc[economy, "high"] < 0 < min(shift.loc[landau, "low"], shift.loc[regime, "low"])
    assert table.set_index("topic").loc[[economy, landau, regime], "stable"].all()


def test_quotation_prevalence_names_its_group(corpus):
    with pytest.raises(TypeError, match="group"):
        topics.corpus_quotation_prevalence(corpus)  # no bundled default: the group is the caller's


def test_a_corpus_without_one_authors_rows_gets_its_own_chunks():
    """The corpus-level caches key on the rows a Corpus holds (Corpus.key), not on the build's hash."""
    full = example_corpus()
    docs = full.docs[full.docs["author"] != "C. Clark"]
    part = Corpus(docs, full.lines, full.lexicon, full.info, groups=full.groups)
    assert part.hash == full.hash and part.key != full.key  # same build, other rows
    chunks_full, _ = topics.corpus_chunk_dtm(full)
    chunks_part, m_part = topics.corpus_chunk_dtm(part)
    assert "C. Clark" in set(chunks_full["author"])
    assert "C. Clark" not in set(chunks_part["author"]) and m_part.X.shape[0] == len(chunks_part) < len(chunks_full)
