"""Tests for textlab/features/tokenize.py: offline tokenising with options, phrases and edition spellings.

The bundled corpus's edition choices (its stopword edits and spelling table) are its text options
(``textlab.corpus.build.bundled_text_options``); ``Tokenizer()`` has a user's English corpus's defaults.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textlab.corpus.build import bundled_text_options
from textlab.features import tokenize as tk
from textlab.features.tokenize import Tokenizer


def bundled(**settings):
    """A tokenizer with the bundled corpus's text options."""
    return Tokenizer.from_options(bundled_text_options(), **settings)


def test_defaults_on_a_real_sentence():
    # 001 preface, lines 4-8 (cleaned): lemmas, no stopwords, no numbers
    text = (
        "His departure from Turkey in mid-1933 coincided with his decision "
        "that a new revolutionary International was needed"
    )
    # "mid-1933": the word part is a token, the year a number (dropped by default)
    assert Tokenizer(phrases=False)(text) == [
        "departure",
        "turkey",
        "mid",
        "coincide",
        "decision",
        "new",
        "revolutionary",
        "international",
        "need",
    ]


def test_possessives_hyphens_and_case():
    tok = Tokenizer(phrases=False, normalize=None, stopwords=None)
    assert tok("Trotsky's petty-bourgeois critics") == ["trotsky", "petty-bourgeois", "critics"]
    assert Tokenizer(phrases=False, normalize=None, stopwords=None, lowercase=False)("Trotsky's Party") == [
        "Trotsky",
        "Party",
    ]


def test_numbers_kept_or_dropped():
    text = "In 1917 some 138,000 workers"
    assert "1917" not in Tokenizer(phrases=False)(text)
    assert Tokenizer(phrases=False, keep_numbers=True)(text) == ["1917", "138,000", "worker"]


def test_stopword_options():
    text = "the front of the third international"
    assert bundled(phrases=False, normalize=None)(text) == [
        "front",
        "third",
        "international",
    ]  # the bundled corpus takes them out of sklearn's list
    assert Tokenizer(phrases=False, normalize=None)(text) == ["international"]  # a user's corpus: the plain list
    assert Tokenizer(phrases=False, normalize=None, stopwords=None)(text) == [
        "the",
        "front",
        "of",
        "the",
        "third",
        "international",
    ]
    assert Tokenizer(phrases=False, normalize=None, stopwords=["front"])(text) == [
        "the",
        "of",
        "the",
        "third",
        "international",
    ]
    assert "ibid" in tk.default_stopwords() and "cit" in tk.default_stopwords()  # note furniture: every corpus


def test_stem_lemma_or_neither():
    text = "revolutionary revolutions bureaucracies"
    assert Tokenizer(phrases=False, normalize="lemma")(text) == ["revolutionary", "revolution", "bureaucracy"]
    assert Tokenizer(phrases=False, normalize="stem")(text) == ["revolutionari", "revolut", "bureaucraci"]
    assert Tokenizer(phrases=False, normalize=None)(text) == ["revolutionary", "revolutions", "bureaucracies"]


def test_edition_spellings_are_unified():
    tok = bundled(phrases=False, normalize=None)
    # 001 writes czar (Pathfinder), 002/004 tsar; 003 writes Bucharin; 004 writes -ise and -our
    assert tok("czar czarism Bucharin organise organisation labour") == tok(
        "tsar tsarism Bukharin organize organization labor"
    )
    assert tok("Alma Ata") == tok("Alma-Ata") == ["alma-ata"]
    # without the bundled table (a user's corpus) only the English rules unify spellings
    plain = Tokenizer(phrases=False, normalize=None)
    assert plain("czar Bucharin Alma Ata organise labour") == ["czar", "bucharin", "alma", "ata", "organize", "labor"]
    for word in ("exercise", "rise", "four", "our", "devour"):
        assert tk.normalize_spelling(word) == word


def test_phrases_learned_on_the_corpus(corpus):
    tok = Tokenizer.from_options(corpus.text_options).fit(corpus.select(kind="primary")["text"])
    for phrase in ("united_front", "left_opposition", "third_international", "five-year_plan"):
        assert phrase in tok.phrasegrams, phrase
    assert not any(p.startswith(("i_", "the_")) or p.endswith("_the") for p in tok.phrasegrams)
    assert "united_front" in tok("the tactic of the united front")


def test_bad_options_and_inputs_fail_loudly():
    with pytest.raises(ValueError, match="normalize must be"):
        Tokenizer(normalize="porter")
    with pytest.raises(ValueError, match="stopwords='english': no such file"):
        Tokenizer(stopwords="english")
    with pytest.raises(TypeError, match="not a single str"):
        Tokenizer().fit("a text")
    with pytest.raises(TypeError, match="text must be str"):
        Tokenizer(phrases=False)(["a", "list"])


def test_spelling_table_errors_name_the_line(tmp_path):
    bad = tmp_path / "v.csv"
    bad.write_text("variant,canonical\nczar,tsar\nfoo,\n")
    with pytest.raises(ValueError, match=r"v.csv line 3: empty variant or canonical"):
        tk.load_spelling_variants(bad)


def test_sentence_splitter_trained_on_the_corpus(corpus):
    split = tk.train_sentence_splitter(corpus.docs["text"].head(200))
    assert split.tokenize("The party met in Moscow. It voted. Then it split.") == [
        "The party met in Moscow.",
        "It voted.",
        "Then it split.",
    ]


WORDS = st.lists(
    st.sampled_from(["The", "party", "and", "Trotsky's", "1917", "a", "front", "czar", "x", "of", "workers"]),
    max_size=25,
).map(" ".join)


@settings(max_examples=60)
@given(WORDS, st.integers(1, 6))
def test_properties(text, min_length):
    tok = Tokenizer(phrases=False, min_length=min_length)
    out = tok(text)
    assert all(t == t.lower() for t in out)
    assert all(len(t) >= min_length for t in out)
    assert not set(out) & tok._stop
    assert out == tok(text)  # deterministic


# ---- the fast path of Tokenizer.__call__ gives exactly what the plain reference pipeline gives


@pytest.fixture(scope="module")
def fitted(corpus):
    """The bundled corpus's tokeniser fitted on every row of it, and those texts."""
    texts = corpus.docs["text"].tolist()
    return Tokenizer.from_options(corpus.text_options).fit(texts), texts


def test_fast_path_equals_reference_on_the_whole_corpus(fitted):
    tok, texts = fitted
    assert len(tok.phrasegrams) > 100
    for i, text in enumerate(texts):
        assert tok(text) == tok._call_reference(text), i
    assert tok._fast is not None and tok._fast.phrase_re is not None  # the regex walk ran, not gensim's


def test_fast_path_equals_reference_with_other_options(fitted):
    _, texts = fitted
    sample = texts[::7]
    for kw in (
        {"normalize": "stem"},
        {"normalize": None, "stopwords": None, "keep_numbers": True, "min_length": 1},
        {"lowercase": False, "spelling": False},
        {"phrases": False},
    ):
        tok = bundled(**kw).fit(sample)
        assert [tok(t) for t in sample] == [tok._call_reference(t) for t in sample], kw


def test_connector_word_phrases_by_hand():
    # "rank and file" is learned with its connector inside; "the" neither opens nor closes a phrase
    texts = ["the rank and file of the party"] * 20 + ["rank workers", "file notes", "a party line"]
    tok = Tokenizer(normalize=None, phrase_min_count=5, phrase_threshold=0.1).fit(texts)
    assert "rank_and_file" in tok.phrasegrams
    cases = [
        "The rank and file.",
        "the rank-and-file rank and file",
        "rank and and file",
        "rank — and file",
        "rank and\n\nfile of the party",
        "of the rank and",
        "and file rank and file the",
        "rank and file rank",
        "rank's and File's",
        "rank and the file",
        "1930s rank and file's rank and",
        "",
    ]
    for text in cases:
        assert tok(text) == tok._call_reference(text), text
    assert tok("The rank and file.") == ["rank_and_file"]
    assert tok("rank — and file") == ["rank_and_file"]  # a chunk with no word in between changes nothing
    assert tok("rank and and file") == ["rank", "file"]  # not a learned phrase: the words stay


def test_fast_path_chunks_of_several_words_and_pairs():
    texts = ["the working class of the country"] * 20 + ["working people", "class war", "Alma Ata"]
    tok = bundled(phrase_min_count=5, phrase_threshold=0.1).fit(texts)
    assert "working_class" in tok.phrasegrams
    for text in [
        "working-class working/class working,class",
        "working\u2014class (working) class.",
        "Alma Ata working class",
        "alma,ata working class",
        "class working class working",
        "working class-working class",
    ]:
        assert tok(text) == tok._call_reference(text), text
    assert tok("working\u2014class") == ["working_class"]


def test_fast_path_caches_are_bounded_and_follow_settings(fitted, monkeypatch):
    tok, texts = fitted
    monkeypatch.setattr(tk, "_CACHE_MAX", 50)
    tok = bundled().fit(texts[:50])
    for text in texts[:30]:
        assert tok(text) == tok._call_reference(text)
        assert len(tok._fast.chunk_words) <= 50 + len(text.split()) * 2
    before = tok(texts[0])
    tok.min_length = 6  # a setting changes: the caches go
    assert tok._fast is None
    assert tok(texts[0]) == tok._call_reference(texts[0]) != before
    import pickle

    clone = pickle.loads(pickle.dumps(tok))
    assert clone._fast is None and clone(texts[1]) == tok(texts[1])


def test_fast_path_falls_back_to_gensims_phraser(monkeypatch):
    monkeypatch.setattr(
        tk._FastPath, "_phrase_words", staticmethod(lambda phraser: None)
    )  # "not of the connector shape"
    texts = ["the rank and file of the party"] * 20 + ["rank workers", "file notes"]
    tok = Tokenizer(phrase_min_count=5, phrase_threshold=0.1).fit(texts)
    assert (
        tok("The rank and file of the Party's")
        == tok._call_reference("The rank and file of the Party's")
        == ["rank_and_file", "party"]
    )
    assert tok._fast.phraser is tok._phraser


def test_isation_spellings_of_rarer_words_are_unified():
    from textlab.features.tokenize import normalize_spelling

    assert normalize_spelling("collectivisation") == "collectivization"
    assert normalize_spelling("industrialisation") == "industrialization"
    assert normalize_spelling("rise") == "rise"  # a short suffix still needs a common candidate
