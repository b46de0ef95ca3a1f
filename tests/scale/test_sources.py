"""Tests of textlab.scale.sources: texts streamed from a folder, a CSV in blocks of rows, or a DataFrame."""

from __future__ import annotations

import pandas as pd
import pytest

from textlab.core.io import InputError
from textlab.scale.sources import (
    describe_source,
    file_id,
    folder_files,
    hash_texts,
    iter_texts,
    read_unit,
    scan_texts,
    source_units,
)


def test_iter_texts_streams_a_sorted_folder_a_csv_in_chunks_and_a_frame(tmp_path, monkeypatch):
    for name, text in [("b.txt", "second"), ("a.txt", "first"), ("c.md", "not text"), ("sub/d.txt", "deep")]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    it = iter_texts(tmp_path)
    assert iter(it) is it  # a stream, not a list
    assert list(it) == [("a", "first"), ("b", "second")]
    assert [d for d, _ in iter_texts(tmp_path, pattern="**/*.txt")] == ["a", "b", "sub/d"]

    table = pd.DataFrame(
        {
            "doc_id": ["x", "y", "z", "w", "v"],
            "kind": ["primary", "notes", "primary", "primary", "quotation"],
            "text": ['with, "quotes"\nand a line', "b", "", "d", "e"],
        }
    )
    table.to_csv(tmp_path / "docs.csv", index=False)
    sizes = []
    read_csv = pd.read_csv

    def spy(*args, **kwargs):
        sizes.append(kwargs.get("chunksize"))
        return read_csv(*args, **kwargs)

    monkeypatch.setattr(pd, "read_csv", spy)
    want = [("x", 'with, "quotes"\nand a line'), ("z", ""), ("w", "d")]
    assert list(iter_texts(tmp_path / "docs.csv", where={"kind": ["primary"]}, chunk_rows=2)) == want
    assert sizes == [2]  # read in chunks of rows, never whole
    assert list(iter_texts(table, where={"kind": "primary"})) == want


def test_a_folders_files_and_ids_are_those_iter_texts_gives(tmp_path):
    for name in ["b.txt", "a.txt", "sub/c.txt", "d.md"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"text of {name}", encoding="utf-8")
    files = folder_files(tmp_path, "**/*.txt")
    assert [file_id(tmp_path, p) for p in files] == [d for d, _ in iter_texts(tmp_path, pattern="**/*.txt")]
    # the units the workers read: a folder's files (read by them), a table's texts, a function's pairs
    units = list(source_units(tmp_path, pattern="**/*.txt"))
    assert [(d, read_unit(u)) for d, u in units] == list(iter_texts(tmp_path, pattern="**/*.txt"))
    assert all(not isinstance(u, str) for _, u in units)
    table = pd.DataFrame({"doc_id": ["x"], "kind": ["primary"], "text": ["one"]})
    assert list(source_units(table, where={"kind": "primary"})) == [("x", "one")]
    assert list(source_units(lambda: iter([("y", "two")]))) == [("y", "two")]
    with pytest.raises(TypeError, match="apply to tables"):
        source_units(tmp_path, where={"kind": "primary"})
    assert describe_source(table) == "DataFrame of 1 rows" and describe_source(tmp_path) == str(tmp_path)


def test_scan_texts_hashes_counts_and_samples_a_stream():
    pairs = [(f"d{i}", f"text number {i}") for i in range(20)]
    s = scan_texts(pairs, sample_docs=5, seed=1)
    assert (s.n_docs, s.n_words) == (20, 60) and len(s.sample) == 5
    assert s.sample == scan_texts(pairs, sample_docs=5, seed=1).sample  # seeded
    assert s.sha256 == hash_texts(pairs) != hash_texts(pairs[::-1])  # the order counts


def test_bad_input_raises_an_error_naming_the_file(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(InputError, match="nowhere: no such folder"):
        iter_texts(missing)
    with pytest.raises(InputError, match="no files matching"):
        iter_texts(tmp_path)
    (tmp_path / "good.txt").write_text("The party met.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("first line\ncaf\xe9 au lait\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.txt line 2: not UTF-8"):
        list(iter_texts(tmp_path))
    (tmp_path / "t.csv").write_text("id,body\na,text\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.csv: no column\(s\) \['doc_id', 'text'\]"):
        list(iter_texts(tmp_path / "t.csv"))
    (tmp_path / "u.csv").write_bytes("doc_id,text\na,caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"u\.csv: not UTF-8"):
        list(iter_texts(tmp_path / "u.csv"))
