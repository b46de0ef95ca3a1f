"""A corpus's text options (textlab.corpus.table.TextOptions): set by the bundled build, by a user, on the command line.

The bundled corpus carries its editions' choices (data/stopwords.txt, data/spelling_variants.csv); a user's corpus
gets the plain defaults of its language.
"""

from pathlib import Path

import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from textlab.cli import main
from textlab.core import paths
from textlab.corpus.build import build_corpus, bundled_text_options
from textlab.corpus.table import Corpus, TextOptions
from textlab.features import dtm
from textlab.features import tokenize as tk
from textlab.study.choices import open_corpus

SMALL = Path(__file__).parents[1] / "data" / "small_corpus"
SMALL_ARGS = ["--folder", str(SMALL), "--metadata", str(SMALL / "metadata.csv")]


@pytest.fixture
def essays(tmp_path):
    """A user's English corpus: two authors, one who writes "upon" and "czar"."""
    d = tmp_path / "essays"
    d.mkdir()
    a = "The Czar's ministers relied upon the army while the peasants starved. " * 6
    b = "The Tsar's government and the Duma debated the land question and the war. " * 6
    rows = ["file,author,title,date"]
    for i in range(3):
        (d / f"a{i}.txt").write_text(a, encoding="utf-8")
        (d / f"b{i}.txt").write_text(b, encoding="utf-8")
        rows += [f"a{i}.txt,A. Author,A {i},1920", f"b{i}.txt,B. Author,B {i},1921"]
    (d / "meta.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return build_corpus(d, d / "meta.csv").grouped("author")


def test_a_users_corpus_gets_the_plain_defaults(essays):
    assert essays.text_options == TextOptions()
    vocab = set(dtm.corpus_dtm(essays).vocab)
    assert {"czar", "tsar"} <= vocab  # no spelling table of the bundled editions
    assert "upon" not in vocab and "while" not in vocab  # the language's list drops them by default ...
    plain = essays.with_text_options(stopwords="none")
    vocab = set(dtm.corpus_dtm(plain).vocab)
    assert {"upon", "while", "czar"} <= vocab  # ... and "none" keeps them
    # the bundled corpus's table, given as the corpus's own option, unifies them
    table = essays.with_text_options(spelling_table=bundled_text_options().spelling_table)
    vocab = set(dtm.corpus_dtm(table).vocab)
    assert "tsar" in vocab and "czar" not in vocab


def test_the_bundled_corpus_carries_its_editions_choices(corpus):
    o = corpus.text_options
    assert o == bundled_text_options() and o.language == "en" and o.stopwords == "default" and o.lemmas
    assert Path(o.stopword_edits) == paths.DATA / "stopwords.txt"
    assert Path(o.spelling_table) == paths.DATA / "spelling_variants.csv"
    # its stopword list is scikit-learn's, plus the note furniture, edited by data/stopwords.txt
    sw = tk.default_stopwords("en", o.stopword_edits)
    assert {"front", "third", "interest"}.isdisjoint(sw) and {"ibid", "shall", "mr", "upon"} <= sw
    # a user's English list: scikit-learn's and the furniture of notes (textlab/features/data/stopwords_en.txt)
    furniture = {"ed", "eds", "op", "cit", "ibid", "pp", "vol", "vols", "p", "nos", "cf", "viz"}
    assert tk.default_stopwords() == ENGLISH_STOP_WORDS | furniture
    # the options survive a regrouping and "default" keeps the edits
    assert corpus.grouped("author").text_options == o
    assert corpus.with_text_options(stopwords="default").text_options == o


def test_with_text_options_shares_the_tables_and_checks_its_options(essays):
    de = essays.with_text_options(language="de", lemmas=False)
    assert de.docs is essays.docs and de.groups == "author" and de.key == essays.key
    assert (de.text_options.language, de.text_options.lemmas, essays.text_options.language) == ("de", False, "en")
    with pytest.raises(ValueError, match="unknown text options \\['stopword'\\]"):
        essays.with_text_options(stopword="none")
    with pytest.raises(ValueError, match="language='xx' is not supported"):
        essays.with_text_options(language="xx")
    with pytest.raises(ValueError, match="stopwords='missing.txt': no such file"):
        essays.with_text_options(stopwords="missing.txt")
    with pytest.raises(ValueError, match="lemmas must be True or False"):
        essays.with_text_options(lemmas="yes")
    with pytest.raises(TypeError, match="text_options must be a TextOptions"):
        Corpus(essays.docs, essays.lines, essays.lexicon, essays.info, text_options={"language": "de"})


def test_open_corpus_takes_the_options(tmp_path):
    stop = tmp_path / "stop.txt"
    stop.write_text("party\n", encoding="utf-8")
    c = open_corpus(SMALL, SMALL / "metadata.csv", language="en", stopwords=str(stop), lemmas=False)
    assert c.text_options == TextOptions(stopwords=str(stop), lemmas=False)
    assert "party" not in set(dtm.corpus_dtm(c).vocab)
    assert open_corpus(SMALL, SMALL / "metadata.csv").text_options == TextOptions()


def _fails(capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    return capsys.readouterr().err


def test_command_line_options_reach_the_corpus(capsys):
    argv = ["vocab", "--by", "author", *SMALL_ARGS, "--top", "5", "--n-boot", "50"]
    assert main(argv) == 0
    default = capsys.readouterr().out
    assert main([*argv, "--stopwords", "none", "--no-lemmas"]) == 0
    out = capsys.readouterr().out
    trotsky = out.split("author = Leon Trotsky:")[1].split("author = ")[0]
    assert "\nupon " in trotsky and "\nupon " not in default  # a function word that tells Trotsky apart


def test_command_line_option_errors_exit_2(capsys):
    err = _fails(capsys, ["vocab", "--by", "author", *SMALL_ARGS, "--language", "it"])
    assert "--language" in err and "invalid choice: 'it'" in err and "'ru'" in err
    err = _fails(capsys, ["topics", "--stopwords", "no/such/list.txt"])
    assert "--stopwords" in err and "'no/such/list.txt' is not a file" in err
    assert main(["figures", "--no-lemmas"]) == 2
    assert "--out is required" in capsys.readouterr().err
