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
