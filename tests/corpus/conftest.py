"""Fixtures of the corpus tests: a user's small folder of texts and its metadata."""

import pytest


@pytest.fixture
def user_folder(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text("\nThe party and the class.\n\nA second para-\ngraph.\n", encoding="utf-8")
    (d / "b.txt").write_text("Workers of the world, unite!\n", encoding="utf-8")
    (d / "meta.csv").write_text(
        "file,author,title,date,kind,party\n"
        "a.txt,A. Author,First,1921-03,primary,KAPD\n"
        "b.txt,B. Author,Second,1922,editorial,KPD\n",
        encoding="utf-8",
    )
    return d


@pytest.fixture
def write_meta():
    """``write_meta(folder, text)`` writes ``folder/meta.csv`` and returns its path."""

    def write(folder, text):
        (folder / "meta.csv").write_text(text, encoding="utf-8")
        return folder / "meta.csv"

    return write
