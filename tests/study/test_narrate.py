"""Tests for textlab/study/narrate.py, narrate_topics.py and bundled_notes.py: the prose follows the numbers,
and the bundled corpus's commentary shows on it alone."""

import pandas as pd
import pytest

from textlab.corpus.examples import example_corpus
from textlab.study import bundled_notes, narrate, narrate_topics
from textlab.study.narrate import Nothing


def _sweep(perplexity, stable_share=(0.9, 0.8, 0.7, 0.6), sd=5.0):
    ks = [5, 10, 15, 20][: len(perplexity)]
    return pd.DataFrame(
        {
            "k": ks,
            "perplexity": perplexity,
            "perplexity_sd": [sd] * len(ks),
            "stable_share": list(stable_share)[: len(ks)],
            "npmi": [0.1] * len(ks),
        }
    )


def test_a_flat_curve_is_called_flat_and_a_falling_one_is_not():
    flat = narrate_topics.choosing_k(_sweep([1000.0, 1003.0, 998.0, 1001.0]), 5)
    assert flat.startswith("Held-out perplexity is flat") and "falls from" not in flat
    steep = narrate_topics.choosing_k(_sweep([1400.0, 1100.0, 1002.0, 1000.0]), 15)
    assert "falls from 1,400 at K = 5 to its lowest, 1,000, at K = 20" in steep
    assert "From K = 15 on it stays within 10.0 of its lowest" in steep and "flat" not in steep
    still = narrate_topics.choosing_k(_sweep([1400.0, 1300.0, 1200.0, 1100.0]), 20)
    assert "at the largest K tried (20)" in still and "keep predicting held-out text better" in still
    rising = narrate_topics.choosing_k(_sweep([1000.0, 1100.0, 1200.0, 1300.0]), 5)
    assert "lowest at the smallest K tried (5" in rising
    assert "share of topics that come back in at least half the other runs falls" in steep
    same = narrate_topics.choosing_k(_sweep([1400.0, 1100.0, 1002.0, 1000.0], stable_share=(0.8, 0.8, 0.8, 0.79)), 15)
    assert "come back in at least half the other runs stays about the same" in same
    given = narrate_topics.choosing_k(_sweep([1400.0, 1100.0, 1002.0, 1000.0]), 20, suggested=15)
    assert given.endswith("K = 15. This notebook uses K = 20, given as a parameter.")


def test_an_interval_that_includes_zero_is_no_finding():
    d = pd.DataFrame(
        {
            "label": ["war", "peace"],
            "difference": [0.05, -0.02],
            "low": [-0.01, -0.05],
            "high": [0.1, 0.01],
            "group_a": "A 1930",
            "group_b": "A 1920",
        }
    )
    text = narrate_topics.differences(d)
    assert "do not tell them apart" in text and "more in" not in text
    text = narrate_topics.differences(d.assign(low=[0.01, -0.05]))
    assert "more in A 1930: “war” (+5.0 points, +1.0 to +10.0)" in text and "peace" not in text
    assert "The other topic's interval includes 0." in text
    t = pd.DataFrame({"label": ["war"], "change": [0.01], "change_low": [-0.01], "change_high": [0.03]})
    assert (
        narrate_topics.quotation_themes(t, "A")
        == "Put back, A's quotations change no topic's share beyond its interval."
    )


def test_prose_of_a_section_with_nothing_to_show_is_empty():
    none = Nothing("one group (A): nothing to compare it with")
    assert narrate.keyness(none) == narrate.log_odds(none, None) == narrate.vocabulary_shift(none, None) == ""
    assert narrate.diversity(none) == narrate.frequency_over_time(none) == narrate.quotations_left_in(none, None) == ""
    assert narrate.reuse(none) == narrate.quoted_share(none) == narrate.attribution(none) == ""
    assert narrate_topics.differences(none) == narrate_topics.quotation_themes(none, None) == ""
    assert narrate_topics.profile_distance(none, None) == narrate_topics.themes_over_time(none) == ""
    assert none._repr_markdown_() == "*Nothing to show here: one group (A): nothing to compare it with.*"


def test_the_words_of_the_prose_are_the_tables():
    t = pd.DataFrame({"z": [5.0, 3.0, 0.5, -4.0]}, index=["strike", "wage", "day", "prayer"])
    text = narrate.log_odds(t, ("A", "B"))
    assert "2 lean to A and 1 to B" in text and "*strike*, *wage*" in text and "*prayer*" in text
    assert "day" not in text
    spans = pd.DataFrame({"group": ["A", "B"], "first": [1920, 1921], "last": [1925, 1930]})
    assert "share years (A with B)" in narrate.time_and_authors(spans)


def test_the_bundled_commentary_shows_on_the_bundled_corpus_alone(corpus):
    for key in bundled_notes.NOTES:
        assert bundled_notes.note(corpus, key).startswith("**On the bundled corpus.** ")
        assert bundled_notes.note(example_corpus(), key) == ""
    with pytest.raises(KeyError, match="no note 'nope'"):
        bundled_notes.note(corpus, "nope")


def _check(top, tfidf, **kw):
    base = {"auc_topics": top, "auc_tfidf": tfidf, "n_positive": 8885, "n_negative": 168780}
    base.update(
        {
            "basis": "same_author",
            "flagged": top is not None and top < tfidf,
            "reason": None,
            "n_chunks": 839,
            "sampled": False,
        }
    )
    return {**base, **kw}


def test_document_vectors_prose_says_the_aucs_and_flags_vectors_below_tfidf():
    from textlab.topics.docvectors import DocVectorCheck

    bad = narrate_topics.document_vectors(_check(0.688, 0.810))
    assert "AUC of 0.69" in bad and "with 0.81" in bad and "8,885 pairs of one work and 168,780" in bad
    assert "(0.12 lower; flagged)" in bad and "rest on vectors that separate works less well than word counts do" in bad
    good = narrate_topics.document_vectors(DocVectorCheck(0.83, 0.81, 10, 20, "same_author", False, None, 9, False))
    assert "flagged" not in good and "at least as well as word counts" in good and "0.83" in good
    assert "chance" in narrate_topics.document_vectors(_check(0.52, 0.80)).split("apart)")[1]
    fallback = narrate_topics.document_vectors(_check(0.9, 0.8, basis="any_author"))
    assert "of different authors" in fallback and "No author has two works" in fallback
    assert "No author" not in good
    none = narrate_topics.document_vectors(_check(None, None, reason="only 3 pairs of chunks of the same work"))
    assert none == "The topic vectors could not be checked against the works: only 3 pairs of chunks of the same work."
    assert narrate_topics.document_vectors(Nothing("one work")) == ""
    by_k = pd.DataFrame({"k": [5, 10, 20], "auc_topics": [0.8, 0.75, 0.7], "below_tfidf": [False, True, True]})
    swept = narrate_topics.document_vectors(_check(0.8, 0.77), by_k=by_k)
    assert (
        "from 0.80 at K = 5 to 0.70 at K = 20" in swept
        and "at K = 10 and 20 it is not clearly as high as TF-IDF's on the same chunks" in swept
    )
    assert "at every K it is clearly at least" in narrate_topics.document_vectors(
        _check(0.8, 0.77), by_k=by_k.assign(below_tfidf=False)
    )
