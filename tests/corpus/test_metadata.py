"""Tests of textlab.corpus.metadata: a user's metadata CSV read and checked, errors naming file, line and column."""

import re

import pytest

from textlab.core.io import InputError
from textlab.corpus.build import build_corpus
from textlab.corpus.metadata import (
    METADATA_TEMPLATE,
    OPTIONAL_META,
    REQUIRED_META,
    iter_user_specs,
    user_key,
    user_specs,
)


@pytest.mark.parametrize(
    "meta, message",
    [
        ("file,author,date\na.txt,A,1921\n", r"missing column\(s\) \['title'\]"),
        ("file,author,title,date,colour\na.txt,A,T,1921,red\n", r"unknown column\(s\) \['colour'\]"),
        (
            "file,author,title,date\na.txt,A,T,March 1921\n",
            r"meta.csv line 2, column 'date': cannot parse date 'March 1921'",
        ),
        ("file,author,title,date\na.txt,A,T,1921\nb.txt,B,T,1921-13\n", r"meta.csv line 3, column 'date'"),
        (
            "file,id,author,title,date\na.txt,x,A,T,1921\nb.txt,x,B,T,1922\n",
            r"meta.csv line 3: duplicate id 'x' \(first on line 2\)",
        ),
        ("file,author,title,date\nzzz.txt,A,T,1921\n", r"meta.csv line 2: file .*zzz.txt not found"),
        (
            "file,author,title,date,kind\na.txt,A,T,1921,essay\n",
            r"meta.csv line 2, column 'kind': unknown kind 'essay'",
        ),
        ("file,author,title,date\na.txt,,T,1921\n", r"meta.csv line 2: empty 'author'"),
    ],
)
def test_build_corpus_errors_name_file_line_column(user_folder, tmp_path, write_meta, meta, message):
    out = tmp_path / "out"
    with pytest.raises(InputError, match=message):
        build_corpus(user_folder, write_meta(user_folder, meta), out_dir=out)
    assert not out.exists(), "nothing half-written is left behind"


def test_build_corpus_missing_metadata_file(user_folder):
    with pytest.raises(InputError, match=re.escape(str(user_folder / "nope.csv")) + ": metadata file not found"):
        build_corpus(user_folder, user_folder / "nope.csv")


def test_metadata_read_in_blocks_names_lines_across_blocks(user_folder):
    meta = user_folder / "meta.csv"
    rows = ["file,author,title,date,id"] + [f"a.txt,A,T{i},1921,x{i}" for i in range(4)] + ["b.txt,B,T,1922,x1"]
    meta.write_text("\n".join(rows) + "\n", encoding="utf-8")
    specs = iter_user_specs(user_folder, meta, (), chunk_rows=2)
    assert [next(specs).source_id for _ in range(4)] == ["x0", "x1", "x2", "x3"]
    with pytest.raises(InputError, match=r"meta\.csv line 6: duplicate id 'x1' \(first on line 3\)"):
        next(specs)


def test_user_key_follows_the_files_and_the_metadata(user_folder):
    meta = user_folder / "meta.csv"
    specs, key = user_specs(user_folder, meta, ["party"])
    assert [s.source_id for s in specs] == ["a", "b"] and specs[0].extra == {"party": "KAPD"}
    assert user_key(iter(specs), user_folder, meta) == (key, 2)  # streamed or not, one key
    (user_folder / "b.txt").write_text("Workers of all countries, unite!\n", encoding="utf-8")
    assert user_specs(user_folder, meta, ["party"])[1] != key


def test_the_metadata_template_builds_as_it_stands(tmp_path):
    """The shipped template is a working metadata file: every column read, every row built, with its kind."""
    text = METADATA_TEMPLATE.read_text(encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(text, encoding="utf-8")
    files = [line.split(",")[0] for line in text.splitlines()[1:]]
    for i, name in enumerate(files):
        (tmp_path / name).write_text(f"Text number {i} of the template, a few words long.\n", encoding="utf-8")
    corpus = build_corpus(tmp_path, tmp_path / "metadata.csv")
    assert len(corpus.docs) == len(files) == 4
    assert set(REQUIRED_META + OPTIONAL_META) <= set(text.splitlines()[0].split(","))
    assert sorted(corpus.docs["kind"]) == ["editorial", "primary", "primary", "primary"]
    assert corpus.docs.loc[corpus.docs["title"] == "Reply to a critic", "date"].item() == "1791-03"
