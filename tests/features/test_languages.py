"""Languages, stopwords and lemmas as options of the tokenizer and of a corpus (textlab.features.tokenize).

Each language's expected tokens below were checked by hand: the stopwords are the language's function words of
the sentence, the lemmas the dictionary forms (simplemma's, read against a dictionary of the language).
"""

import hashlib

import numpy as np
import pytest

from textlab.corpus.examples import example_corpus
from textlab.corpus.table import LANGUAGES, TextOptions
from textlab.features import dtm
from textlab.features import tokenize as tk
from textlab.features.tokenize import Tokenizer, diversity_tokenizer
from textlab.topics.corpus import corpus_chunk_dtm

#: One sentence a language: (text, tokens with the defaults, word forms with stopwords="none" and lemmas=False).
SENTENCES = {
    "en": (
        "The workers were marching upon the factories while the parties argued.",
        ["worker", "march", "factory", "party", "argue"],
        ["the", "workers", "were", "marching", "upon", "the", "factories", "while", "the", "parties", "argued"],
    ),
    "de": (
        "Die Arbeiter gingen mit ihren Parteien auf die Straßen der Städte.",
        ["arbeiter", "gehen", "partei", "straße", "stadt"],
        ["die", "arbeiter", "gingen", "mit", "ihren", "parteien", "auf", "die", "straßen", "der", "städte"],
    ),
    "fr": (
        "Les ouvriers allaient avec leurs partis dans les rues de l'usine.",
        ["ouvrier", "aller", "parti", "rue", "usine"],  # l'usine: the elided article goes
        ["les", "ouvriers", "allaient", "avec", "leurs", "partis", "dans", "les", "rues", "de", "usine"],
    ),
    "nl": (
        "De arbeiders liepen met hun partijen door de straten van de steden.",
        ["arbeider", "lopen", "partij", "straat", "stad"],
        ["de", "arbeiders", "liepen", "met", "hun", "partijen", "door", "de", "straten", "van", "de", "steden"],
    ),
    "es": (
        "Los obreros iban con sus partidos por las calles de las ciudades.",
        ["obrero", "partido", "calle", "ciudad"],  # iban -> ir, a stopword once lemmatised
        ["los", "obreros", "iban", "con", "sus", "partidos", "por", "las", "calles", "de", "las", "ciudades"],
    ),
    "ru": (
        "Рабочие шли со своими партиями по улицам городов.",
        ["рабочий", "идти", "свой", "партия", "улица", "город"],
        ["рабочие", "шли", "со", "своими", "партиями", "по", "улицам", "городов"],
    ),
}


def test_every_supported_language_has_a_sentence():
    assert sorted(SENTENCES) == sorted(LANGUAGES) and len(LANGUAGES) >= 6


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_stopwords_and_lemmas_of_each_language(language):
    text, tokens, forms = SENTENCES[language]
    assert Tokenizer(language=language, phrases=False)(text) == tokens
    assert Tokenizer(language=language, phrases=False, stopwords="none", lemmas=False)(text) == forms
    # the same through a corpus's text options
    assert Tokenizer.from_options(TextOptions(language=language), phrases=False)(text) == tokens
    # stems are the language's too
    assert Tokenizer(language=language, phrases=False, normalize="stem")(text) == [
        tk.stem(w, language) for w in Tokenizer(language=language, phrases=False, lemmas=False)(text)
    ]


def test_a_language_lists_its_own_stopwords():
    for language, words in {"de": ("der", "und"), "fr": ("les", "et"), "ru": ("и", "по"), "nl": ("de", "van")}.items():
        sw = tk.default_stopwords(language)
        assert all(w in sw for w in words), language
        assert "the" not in sw, language
    # content words the package's lists hold are taken back for every corpus of the language
    assert "état" not in tk.default_stopwords("fr") and "trabajo" not in tk.default_stopwords("es")
    assert "люди" not in tk.default_stopwords("ru")


def test_english_spelling_rules_apply_to_english_only():
    assert Tokenizer(phrases=False, normalize=None)("organisation labour") == ["organization", "labor"]
    assert Tokenizer(language="fr", phrases=False, normalize=None)("organisation labour") == ["organisation", "labour"]


@pytest.mark.parametrize("make", [lambda: Tokenizer(language="it"), lambda: TextOptions(language="it")])
def test_an_unsupported_language_names_the_option_and_the_languages(make):
    with pytest.raises(ValueError, match=r"language='it' is not supported; supported languages: en \(English\)"):
        make()
    with pytest.raises(ValueError) as err:
        make()
    assert all(f"{code} ({name})" in str(err.value) for code, name in LANGUAGES.items())


def test_stopwords_none_and_files(tmp_path):
    text = "Upon the front the workers and the bourgeois met"
    assert Tokenizer(phrases=False, stopwords="none", normalize=None)(text) == text.lower().split()
    edits = tmp_path / "stop.txt"
    edits.write_text("# mine\nworkers\n-upon\n-front\n", encoding="utf-8")
    assert Tokenizer(phrases=False, stopwords=edits, normalize=None)(text) == ["upon", "front", "bourgeois", "met"]
    assert Tokenizer(phrases=False, stopwords=str(edits), normalize=None)(text) == ["upon", "front", "bourgeois", "met"]
    whole = tmp_path / "whole.txt"  # "-*" first: the file is the whole list
    whole.write_text("-*\nthe\nand\n", encoding="utf-8")
    assert tk.default_stopwords("en", whole) == {"the", "and"}
    mine = Tokenizer(phrases=False, stopwords=whole, normalize=None)
    assert mine(text) == ["upon", "front", "workers", "bourgeois", "met"]
    late = tmp_path / "late.txt"
    late.write_text("the\n-*\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"late.txt line 2: '-\*'"):
        Tokenizer(stopwords=late)
    with pytest.raises(ValueError, match="stopwords='no/such.txt': no such file"):
        Tokenizer(stopwords="no/such.txt")
    with pytest.raises(ValueError, match="lemmas must be True or False"):
        Tokenizer(lemmas="no")


def test_an_edited_stopword_file_is_read_again(tmp_path):
    f = tmp_path / "stop.txt"
    f.write_text("party\n", encoding="utf-8")
    assert "party" in Tokenizer(stopwords=f).stopword_set
    f.write_text("workers\n", encoding="utf-8")
    tok = Tokenizer(stopwords=f)
    assert "party" not in tok.stopword_set and "workers" in tok.stopword_set


def test_a_spelling_table_is_an_option(tmp_path):
    table = tmp_path / "spellings.csv"
    table.write_text("variant,canonical\nczar,tsar\nalma ata,alma-ata\n", encoding="utf-8")
    text = "The Czar travelled to Alma Ata"
    assert Tokenizer(phrases=False)(text) == ["czar", "travel", "alma", "ata"]
    tok = Tokenizer(phrases=False, spelling_table=table)
    assert tok(text) == tok._call_reference(text) == ["tsar", "travel", "alma-ata"]
    table_options = TextOptions(spelling_table=str(table))
    assert diversity_tokenizer(table_options)(text) == ["the", "tsar", "travelled", "to", "alma-ata"]
    assert diversity_tokenizer()(text) == ["the", "czar", "travelled", "to", "alma", "ata"]


def test_repr_names_the_language_and_the_stopword_choice(tmp_path):
    assert repr(Tokenizer()) == "Tokenizer(normalize='lemma', stopwords=default, min_length=2, phrases=False)"
    f = tmp_path / "mine.txt"
    f.write_text("x\n", encoding="utf-8")
    shown = repr(Tokenizer(language="de", stopwords=f, lemmas=False))
    assert "language='de', normalize=None, stopwords=mine.txt" in shown


# ---- corpus-level counts use the corpus's text options, and their caches key on them


def test_corpus_counts_follow_the_text_options_and_a_change_is_a_cache_miss(tmp_path):
    c = example_corpus()
    first = dtm.corpus_dtm(c)
    assert dtm.corpus_dtm(c) is first  # same rows, same options: the cache answers
    plain = c.with_text_options(stopwords="none", lemmas=False)
    m = dtm.corpus_dtm(plain)
    assert m is not first and "the" in set(m.vocab) and "the" not in set(first.vocab)
    assert "workers" in set(m.vocab) and "workers" not in set(first.vocab)  # word forms, not lemmas
    assert dtm.corpus_tokens(plain)[0][:3] != dtm.corpus_tokens(c)[0][:3]
    assert dtm.corpus_dtm(c).vocab.tolist() == first.vocab.tolist()  # and back
    # an edited stopword file: a new key, a new matrix
    f = tmp_path / "stop.txt"
    f.write_text("worker\n", encoding="utf-8")
    mine = c.with_text_options(stopwords=str(f))
    assert "worker" not in set(dtm.corpus_dtm(mine).vocab)
    f.write_text("wage\nstrike\n", encoding="utf-8")
    vocab = set(dtm.corpus_dtm(mine).vocab)
    assert "worker" in vocab and "wage" not in vocab
    # the topic models' chunks too
    _, a = corpus_chunk_dtm(c)
    _, b = corpus_chunk_dtm(plain)
    assert a.tokenizer is not None and b.tokenizer is not None
    assert a.tokenizer.normalize == "lemma" and b.tokenizer.normalize is None and b.tokenizer.stopword_set == set()


def _matrix_hash(m):
    X = m.X.tocsr().copy()
    X.sort_indices()
    h = hashlib.sha256()
    for a in (X.indptr, X.indices, X.data):
        h.update(np.asarray(a, dtype=np.int64).tobytes())
    h.update("\n".join(m.vocab.tolist()).encode())
    h.update("\n".join(m.doc_ids).encode())
    return h.hexdigest()


def test_the_bundled_corpus_matrix_is_unchanged(corpus):
    # Measured with this function on `textlab.load_corpus()` at commit 9f77343 (before the bundled corpus's
    # stopword edits and spelling table became its text options), when they were every corpus's defaults:
    # shape (498, 11580), 154,138 tokens.
    m = dtm.corpus_dtm(corpus)
    assert m.X.shape == (498, 11580) and int(m.X.sum()) == 154_138
    assert _matrix_hash(m) == "3d8247967bec7ba6576dd626b0387638bb128060937f34f47c81e3121aef730d"
    assert m.tokenizer is not None and m.tokenizer("Czar Bucharin front") == ["tsar", "bukharin", "front"]
