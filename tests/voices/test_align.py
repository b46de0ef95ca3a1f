"""Tests of textlab.voices.align: word matching, shingle seeds and the alignment behind find_reuse."""

from textlab.voices.align import Aligner, Vocabulary, merge_passages, normalize_word, promising_seeds, shingle_seeds


def test_normalize_word():
    assert normalize_word("Trotsky\u2019s") == "trotsky"
    assert normalize_word("CZAR") == "czar"
    assert normalize_word("1930") is None


def test_vocabulary_ids_offsets_and_ellipses():
    vocab = Vocabulary()
    t = vocab.doc("The party's line... 1917, the Party")
    assert [vocab.words[i] for i in t.ids] == ["the", "party", "line", "the", "party"]
    assert t.starts == [0, 4, 12, 26, 30] and t.ends == [3, 11, 16, 29, 35]
    assert t.ell == [False, False, False, True, False, False]  # the ellipsis lies before the fourth word


def test_aligner_matches_near_and_split_words_and_resynchronises():
    vocab = Vocabulary()
    a = vocab.doc("the history of the party and of the class struggle in every country of the world")
    b = vocab.doc("the his tory of the partv and of THE class struggle in each country of the world")
    aligner = Aligner(vocab.words, n=3, max_gap=4, max_ellipsis=20)
    end_a, end_b, matched, omitted = aligner.walk(a.ids, b.ids, a.ell, b.ell, 0, 0, False)
    assert (end_a, end_b) == (len(a.ids), len(b.ids)) and omitted == 0
    assert matched == len(a.ids) - 1  # "every" / "each" is a gap, resynchronised


def test_seeds_pair_rows_and_skip_stop_shingles():
    vocab = Vocabulary()
    parsed = [vocab.doc(t) for t in ["a b c d e f", "x a b c d y", "a b c q r s", "p q r s t u"]]
    kw = {"n": 3, "pairs": "any", "sources": ["s1", "s2", "s3", "s4"], "authors": [None] * 4}
    seeds = shingle_seeds(parsed, vocab, df_limit=10, **kw)
    assert sorted(seeds[(0, 1)]) == [(0, 1), (1, 2)] and seeds[(0, 2)] == [(0, 0)] and seeds[(2, 3)] == [(3, 1)]
    stopped = shingle_seeds(parsed, vocab, df_limit=2, **kw)  # "a b c" is in three rows: a stop-shingle
    assert stopped[(0, 1)] == [(1, 2)] and (0, 2) not in stopped
    assert promising_seeds(seeds[(0, 1)], n=3, max_gap=2, max_jump=2, min_cover=4) == [(0, 1), (1, 2)]
    assert promising_seeds(seeds[(0, 2)], n=3, max_gap=2, max_jump=2, min_cover=4) == []


def test_merge_passages_joins_overlaps_on_both_sides_only():
    got = merge_passages([[0, 10, 0, 10, 10, 0], [8, 20, 8, 20, 12, 1], [8, 20, 40, 52, 12, 0]])
    assert got == [(0, 20, 0, 20, 20, 1), (8, 20, 40, 52, 12, 0)]
