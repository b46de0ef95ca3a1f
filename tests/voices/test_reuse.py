"""Tests of textlab.voices.reuse: shared passages between rows, on hand-made texts and on the bundled corpus."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textlab.voices.reuse import RESULT_COLUMNS, find_reuse, mark_reused, reuse_summary

ORIG = (
    "The bureaucracy has raised itself above the masses and the party. It rules over both by means of "
    "the apparatus of repression, and it does so in the name of the revolution which it has betrayed from "
    "the very first day. Its history is the history of the strangling of the soviets and of the party "
    "by a caste of functionaries who fear the workers more than anything else in the world."
)
FILLER_A = "Preface by the editors, who thank many people for their generous help. "
FILLER_B = "Cliff opens his chapter with a long quotation from an article: "
TAIL_A = " Notes follow below, with acknowledgements."
TAIL_B = " So wrote Trotsky in exile, far from Moscow."


def _docs(*texts: str, ids=None, **cols) -> pd.DataFrame:
    ids = ids or [f"d{k}" for k in range(len(texts))]
    return pd.DataFrame({"doc_id": ids, "text": list(texts), **cols})


def _pairs(t: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(t.doc_id_a, t.doc_id_b))


# --------------------------------------------------------------------------- hand-made cases


def test_exact_copy_found_with_exact_offsets():
    a = FILLER_A + ORIG + TAIL_A
    b = FILLER_B + ORIG[:-1] + TAIL_B  # the copy without its final full stop
    t = find_reuse(_docs(a, b), raw=None)
    assert list(t.columns) == RESULT_COLUMNS
    assert len(t) == 1
    r = t.iloc[0]
    assert (r.start_a, r.end_a) == (len(FILLER_A), len(FILLER_A) + len(ORIG) - 1)
    assert (r.start_b, r.end_b) == (len(FILLER_B), len(FILLER_B) + len(ORIG) - 1)
    assert r.n_words == r.n_words_a == r.n_words_b == 72
    assert r.similarity == 1.0 and r.omitted == 0
    assert r.text_a.startswith("The bureaucracy") and " \u2026 " in r.text_a and r.text_a.endswith("in the world")


def test_noisy_copy_with_ellipsis_is_one_passage_with_its_real_ends():
    copy = (
        "The bureaucracy has raised itseIf above the masses and the party. It rules over both by means of "
        "the apparatus of repression, and it does so in the narne of the revolution which it has betrayed frOln "
        "the very first day \u2026 by a caste of func tionaries who fear the workers more than anything "
        "else in the world"
    )
    a = FILLER_A + ORIG + TAIL_A
    b = FILLER_B + copy + "." + TAIL_B
    t = find_reuse(_docs(a, b), raw=None)
    assert len(t) == 1
    r = t.iloc[0]
    assert (r.start_b, r.end_b) == (len(FILLER_B), len(FILLER_B) + len(copy))
    assert (r.start_a, r.end_a) == (len(FILLER_A), len(FILLER_A) + len(ORIG) - 1)
    assert r.omitted == 15  # "Its history is ... of the party" is left out at the ellipsis
    assert r.matched == 72 - 15 and r.similarity == 1.0  # damaged and split words count as matched
    assert r.n_words == r.n_words_b == 58 and r.n_words_a == 72


def test_large_omission_without_ellipsis_splits_the_passage():
    left, right = ORIG.split(" Its history")
    b = (
        FILLER_B
        + left
        + " and then he went on about other matters for a long while and at length concluded: Its history"
        + right
    )
    t = find_reuse(_docs(FILLER_A + ORIG, b), raw=None)
    assert len(t) == 2


def test_empty_and_single_row():
    assert find_reuse(_docs(), raw=None).empty
    assert find_reuse(_docs(ORIG), raw=None).empty
    t = find_reuse(_docs(ORIG, None, ORIG, ids=[3, 1, 2]), raw=None)  # non-string ids, a missing text
    assert _pairs(t) == [("2", "3")]


def test_unrelated_texts_give_nothing():
    a = "The peasantry is the least international of all classes of bourgeois society. " * 3
    b = "Sylvia herself knew Russian, French and Spanish, and was also assisting with secretarial work. " * 3
    t = find_reuse(_docs(a, b), raw=None)
    assert t.empty and list(t.columns) == RESULT_COLUMNS


def test_passage_shorter_than_min_words_is_not_reported():
    short = "the apparatus of repression and it does so in the name of the revolution which it betrayed"  # 17 words
    a = "Alpha beta gamma delta. " + short + " epsilon zeta eta."
    b = "Theta iota kappa lambda. " + short + " mu nu xi omicron."
    assert find_reuse(_docs(a, b), min_words=20, raw=None).empty
    t = find_reuse(_docs(a, b), min_words=15, raw=None)
    assert t["n_words"].tolist() == [17]


def test_older_side_and_orientation():
    a, b = FILLER_A + ORIG, FILLER_B + ORIG
    t = find_reuse(_docs(a, b, ids=["zz", "aa"], date=["1931-02", "1993"]), raw=None)
    r = t.iloc[0]
    assert (r.doc_id_a, r.doc_id_b, r.older) == ("aa", "zz", "b")
    assert find_reuse(_docs(a, b, date=["1931-02", "1931"]), raw=None)["older"].tolist() == ["same"]
    assert find_reuse(_docs(a, b, date=["1931-02", "1931-01"]), raw=None)["older"].tolist() == ["b"]
    assert find_reuse(_docs(a, b, year=[1930, 1993]), raw=None)["older"].tolist() == ["a"]
    assert find_reuse(_docs(a, b), raw=None)["older"].tolist() == ["unknown"]


def test_three_rows_and_determinism():
    docs = _docs(FILLER_A + ORIG, FILLER_B + ORIG, "Again: " + ORIG[:200], date=["1936", "1993", "1993"])
    t1 = find_reuse(docs, raw=None)
    t2 = find_reuse(docs, raw=None)
    t3 = find_reuse(docs.iloc[::-1].reset_index(drop=True), raw=None)
    pd.testing.assert_frame_equal(t1, t2)
    pd.testing.assert_frame_equal(t1, t3)
    assert _pairs(t1) == [("d0", "d1"), ("d0", "d2"), ("d1", "d2")]


def test_pairs_option_and_stop_shingles():
    docs = _docs(FILLER_A + ORIG, FILLER_B + ORIG, "Again: " + ORIG, source=["s1", "s2", "s2"], author=["T", "C", "T"])
    assert _pairs(find_reuse(docs, raw=None)) == [("d0", "d1"), ("d0", "d2"), ("d1", "d2")]
    assert _pairs(find_reuse(docs, pairs="across_sources", raw=None)) == [("d0", "d1"), ("d0", "d2")]
    assert _pairs(find_reuse(docs, pairs="within_source", raw=None)) == [("d1", "d2")]
    assert _pairs(find_reuse(docs, pairs="across_authors", raw=None)) == [("d0", "d1"), ("d1", "d2")]
    # a passage in all three rows is made of stop-shingles when max_df is 2 rows
    assert find_reuse(docs, max_df=2, raw=None).empty
    assert len(find_reuse(docs, max_df=1.0, raw=None)) == 3


def test_raw_line_numbers_from_a_mapping():
    raw = [
        "Chapter One",
        "",
        "Cliff opens with a quotation: The bureau-",
        "cracy has raised itself above the masses and the",
        "party. It rules over both by means of the apparatus of",
        "repression, and it does so in the name of the",
        "revolution which it has betrayed. [12] Then he goes on.",
    ]
    text = (
        "Chapter One\n\nCliff opens with a quotation: "
        "The bureaucracy has raised itself above the masses and the party. "
        "It rules over both by means of the apparatus of repression, and it does so in the name of the revolution "
        "which it has betrayed. Then he goes on."
    )
    other = "Editors' preface. " + ORIG
    docs = pd.DataFrame(
        {
            "doc_id": ["c", "t"],
            "source": ["cliff.txt", "t.txt"],
            "line_start": [11, 1],
            "line_end": [17, 1],
            "text": [text, other],
        }
    )
    lines = ["x"] * 10 + raw  # the row is lines 11-17 of its file
    t = find_reuse(docs, raw={"cliff.txt": "\n".join(lines) + "\n"})  # a raw text ...
    r = t.iloc[0]
    assert (r.line_start_a, r.line_end_a) == (13, 17)
    assert (r.line_start_b, r.line_end_b) == (1, 1)  # no raw text for t.txt: estimated within its one line
    assert r.line_basis == "estimate"
    t = find_reuse(docs, raw={"cliff.txt": lines, "t.txt": [other]})  # ... or a list of raw lines
    assert (t.iloc[0].line_start_a, t.iloc[0].line_end_a, t.iloc[0].line_basis) == (13, 17, "text")
    t = find_reuse(docs.drop(columns=["line_start", "line_end"]), raw=None)
    assert t["line_start_a"].isna().all() and t.iloc[0].line_basis == "none"


# --------------------------------------------------------------------------- summary and marks


def test_reuse_summary_and_mark_reused():
    docs = _docs(
        FILLER_A + ORIG,
        FILLER_B + ORIG,
        "Again: " + ORIG,
        source=["s1", "s2", "s2"],
        author=["Trotsky", "Cliff", "Cliff"],
        date=["1936", "1993", "1993"],
    )
    t = find_reuse(docs, raw=None)
    s = reuse_summary(t, docs)
    assert s[["source_a", "source_b", "n_passages"]].values.tolist() == [["s1", "s2", 2], ["s2", "s2", 1]]
    row = s.iloc[0]
    assert row.reused_a == 72 and row.reused_b == 144 and row.words_b == 72 + 11 + 73
    marks = mark_reused(docs, t)
    assert marks["d0"] == []  # the oldest text takes from nobody
    assert marks["d1"] == [(len(FILLER_B), len(FILLER_B) + len(ORIG) - 1)]
    assert marks["d2"] == [(7, 7 + len(ORIG) - 1)]
    both = mark_reused(docs, t, older_only=False, other_author=False)
    assert both["d0"] == [(len(FILLER_A), len(FILLER_A) + len(ORIG) - 1)]


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"n": 1}, ValueError, "n must be >= 2"),
        ({"n": 5.0}, TypeError, "n must be an int"),
        ({"min_words": 3}, ValueError, "min_words"),
        ({"max_gap": -1}, ValueError, "max_gap"),
        ({"max_df": 1}, ValueError, "max_df"),
        ({"max_df": 1.5}, ValueError, "max_df"),
        ({"max_df": "10"}, TypeError, "max_df"),
        ({"pairs": "across"}, ValueError, "pairs must be one of"),
        ({"pairs": "across_authors"}, ValueError, "'author'"),
        ({"text_column": "body"}, ValueError, "missing column"),
        ({"raw": 3}, TypeError, "raw"),
        ({"raw": "/no/such/folder"}, ValueError, "does not exist"),
    ],
)
def test_bad_parameters(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        find_reuse(_docs("a b c", "d e f"), **kwargs)


def test_bad_docs():
    with pytest.raises(TypeError, match="DataFrame"):
        find_reuse([{"doc_id": "a", "text": "x"}])
    with pytest.raises(ValueError, match="doc_id"):
        find_reuse(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(ValueError, match="duplicate doc_id 'a'"):
        find_reuse(_docs("x", "y", ids=["a", "a"]))
    with pytest.raises(TypeError, match="text of doc_id 'b'"):
        find_reuse(_docs("x", 3, ids=["a", "b"]))
    with pytest.raises(ValueError, match="missing column"):
        reuse_summary(pd.DataFrame({"doc_id_a": []}), _docs("x"))
    with pytest.raises(TypeError, match="older_only"):
        mark_reused(_docs("x"), find_reuse(_docs("x", "y"), raw=None), older_only="yes")


# --------------------------------------------------------------------------- properties


def _edit_distance(s: str, t: str) -> int:
    prev = list(range(len(t) + 1))
    for i, c in enumerate(s, 1):
        cur = [i]
        for j, d in enumerate(t, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (c != d)))
        prev = cur
    return prev[-1]


def _vocab(size: int) -> list[str]:
    """Made-up words at least two edits apart (so no two are near-equal for the aligner)."""
    rnd = random.Random(1917)
    out: list[str] = []
    while len(out) < size:
        w = "".join(rnd.choice("bdfgklmnprstvz") + rnd.choice("aeiou") for _ in range(rnd.randint(2, 4)))
        if all(_edit_distance(w, v) >= 2 for v in out):
            out.append(w)
    return out


VOCAB = _vocab(100)


@st.composite
def insertion_case(draw):
    # A's words are all different and B's own words are not A's: the passage's true ends are well defined
    words_a = draw(st.lists(st.sampled_from(VOCAB[:60]), min_size=30, max_size=60, unique=True))
    m = draw(st.integers(20, len(words_a)))
    s = draw(st.integers(0, len(words_a) - m))
    words_b = draw(st.lists(st.sampled_from(VOCAB[60:]), min_size=0, max_size=80))
    at = draw(st.integers(0, len(words_b)))
    return words_a, s, m, words_b, at


def _word_index(text: str, offset: int) -> int:
    return len(re.findall(r"\w+", text[:offset]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(insertion_case())
def test_inserted_passage_is_found(case):
    words_a, s, m, words_b, at = case
    passage = words_a[s : s + m]
    b_words = words_b[:at] + passage + words_b[at:]
    a, b = " ".join(words_a), " ".join(b_words)
    t = find_reuse(_docs(a, b), raw=None)
    hits = []
    for r in t.itertuples():
        ia0, ia1 = _word_index(a, r.start_a), _word_index(a, r.end_a)
        ib0, ib1 = _word_index(b, r.start_b), _word_index(b, r.end_b)
        if ib0 <= at + 2 and ib1 >= at + m - 2 and ia0 <= s + 2 and ia1 >= s + m - 2:
            hits.append((ia0, ia1, ib0, ib1))
    assert hits, (t[["start_a", "end_a", "start_b", "end_b"]].values.tolist(), s, m, at)
    # the passage found does not run far past the insertion
    assert any(abs(ib0 - at) <= 2 and abs(ib1 - (at + m)) <= 2 for _, _, ib0, ib1 in hits)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(VOCAB), min_size=5, max_size=60), min_size=2, max_size=4),
    st.randoms(use_true_random=False),
)
def test_result_does_not_depend_on_row_order(chunks, rnd):
    shared = " ".join(VOCAB[:25])
    texts = [" ".join(c[: len(c) // 2]) + " " + shared + " " + " ".join(c[len(c) // 2 :]) for c in chunks]
    docs = _docs(*texts, ids=[f"r{k}" for k in range(len(texts))])
    shuffled = docs.sample(frac=1, random_state=rnd.randint(0, 1000)).reset_index(drop=True)
    t1, t2 = find_reuse(docs, raw=None), find_reuse(shuffled, raw=None)
    pd.testing.assert_frame_equal(t1, t2)
    assert len(t1) >= len(texts) * (len(texts) - 1) // 2


# --------------------------------------------------------------------------- the bundled corpus

CLIFF = "cliff_1993_trotsky_darker_the_night.txt"
WRITINGS = "trotsky_writings_1930-31.txt"


@pytest.fixture(scope="module")
def reuse(corpus):
    return find_reuse(corpus.docs)


def _letters(s: str) -> str:
    return re.sub(r"[\W\d_]+", "", s).lower()


def test_cliff_quotes_the_1930_31_writings(reuse):
    t = reuse[(reuse.source_a == CLIFF) & (reuse.source_b == WRITINGS)]
    assert len(t) >= 15  # the seeds README: "about twenty places"
    assert (t["n_words"] >= 20).all() and t["n_words"].sum() >= 1000
    assert (t["older"] == "b").all()
    ramzin = t[t.text_a.str.startswith("The Ramzins, the Osadchys and the Mensheviks have confessed")]
    assert len(ramzin) == 1
    r = ramzin.iloc[0]
    assert (r.line_start_a, r.line_end_a, r.line_start_b, r.line_end_b) == (2031, 2044, 7796, 7807)
    assert r.n_words >= 110 and r.similarity > 0.95


def test_line_numbers_hold_the_passage_ends(corpus, reuse, raw_lines):
    texts = dict(zip(corpus.docs.doc_id, corpus.docs.text))
    t = reuse[reuse.line_basis == "text"]
    assert len(t) >= 0.9 * len(reuse)
    ok = 0
    for r in t.itertuples():
        good = True
        for side in ("a", "b"):
            lines = raw_lines(getattr(r, f"source_{side}"))
            passage = texts[getattr(r, f"doc_id_{side}")][getattr(r, f"start_{side}") : getattr(r, f"end_{side}")]
            words = re.findall(r"[^\W\d_]+", passage)
            first, last = _letters(words[0])[:3], _letters(words[-1])[-3:]  # a word split at a line end: its own part
            l0, l1 = getattr(r, f"line_start_{side}"), getattr(r, f"line_end_{side}")
            good &= first in _letters(lines[l0 - 1]) and last in _letters(lines[l1 - 1])
        ok += good
    assert ok >= 0.95 * len(t)


def test_introduction_overlaps_the_legacy(corpus, reuse, raw_lines):
    docs = corpus.docs[corpus.docs.source == CLIFF]
    lines = raw_lines(CLIFF)
    legacy = max(i for i, ln in enumerate(lines, 1) if ln.strip() == "The Legacy")  # the heading, not the contents line
    assert legacy > 14000
    intro = set(docs[docs.title.str.startswith("Introduction") & (docs.kind != "notes")].doc_id)
    late = reuse[reuse.doc_id_a.isin(intro) & (reuse.source_b == CLIFF) & (reuse.line_start_b >= legacy)]
    assert len(late) >= 3
    assert late["n_words"].sum() >= 150
    assert late.doc_id_b.nunique() >= 2


def test_diary_passage_quoted_more_than_once(reuse):
    diary = "I think that the work in which I am engaged now"
    t = reuse[
        (reuse.source_a == CLIFF)
        & (reuse.source_b == CLIFF)
        & reuse.text_a.str.startswith(diary)
        & reuse.text_b.str.startswith(diary)
    ]
    places = set(t.doc_id_a) | set(t.doc_id_b)
    assert len(places) >= 3  # the introduction, the chapter on the Nazis, The Legacy
    longest = t.sort_values("n_words").iloc[-1]
    assert longest.n_words >= 200 and longest.omitted > 0  # one copy leaves words out at an ellipsis
    assert (longest.line_start_a, longest.line_start_b) == (3824, 14260)


def test_marks_on_the_corpus(corpus, reuse):
    marks = mark_reused(corpus.docs, reuse)
    assert set(marks) == set(corpus.docs.doc_id)
    cliff_marked = sum(e - s for i, sp in marks.items() if i.startswith("cliff") for s, e in sp)
    assert cliff_marked > 5000
    # nothing in 001 is marked as taken from Cliff, who is younger
    t = reuse[(reuse.source_a == CLIFF) & (reuse.source_b == WRITINGS)]
    for r in t.itertuples():
        assert not any(s < r.end_b and r.start_b < e for s, e in marks[r.doc_id_b])
