"""Tests for textlab/cli.py."""

import pytest

from textlab.cli import main


def test_report_prints_tables(corpus, capsys):
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "Lexicon coverage" in out and "Line accounting" in out


def test_build_user_corpus_error_exits_2(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("text\n")
    (tmp_path / "m.csv").write_text("file,author,title,date\na.txt,A,T,someday\n")
    assert main(["build", "--folder", str(tmp_path), "--metadata", str(tmp_path / "m.csv"), "--out", str(tmp_path / "o")]) == 2
    assert "m.csv line 2, column 'date'" in capsys.readouterr().err


def test_help_explains_itself(capsys):
    with pytest.raises(SystemExit) as e:
        main(["build", "--help"])
    assert e.value.code == 0
    assert "--metadata" in capsys.readouterr().out


def test_topics_prints_the_sweep_the_suggested_k_and_the_topics(corpus, capsys):
    from textlab import topics

    assert main(["topics", "--quiet"]) == 0
    out = capsys.readouterr().out
    k = topics.chosen_k(corpus)
    assert f"suggested K: {k}" in out and "perplexity" in out and "stable_share" in out
    assert all(lab in out for lab in topics.corpus_topics(corpus)["label"])


def test_topics_bad_k_names_the_option(capsys):
    assert main(["topics", "--ks", "1", "--seeds", "0", "--quiet"]) == 2
    assert "--ks/--seeds" in capsys.readouterr().err
