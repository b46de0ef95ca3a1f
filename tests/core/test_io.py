"""Tests for textlab/io.py: strict reads that name the line, atomic writes."""

import os

import pandas as pd
import pytest

from textlab.core.io import InputError, atomic_write_bytes, atomic_write_csv, read_text_strict, sha256_file


def test_read_text_strict_names_line_of_bad_byte(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(b"line one\nline two\nbad \xff byte\n")
    with pytest.raises(InputError, match=r"bad.txt line 3: not UTF-8"):
        read_text_strict(p)


def test_read_text_strict_rejects_empty_and_binary(tmp_path):
    (tmp_path / "e.txt").write_bytes(b" \n\n")
    with pytest.raises(InputError, match="e.txt: file is empty"):
        read_text_strict(tmp_path / "e.txt")
    (tmp_path / "b.txt").write_bytes(b"ok\n\x00\x01")
    with pytest.raises(InputError, match="b.txt line 2: NUL byte"):
        read_text_strict(tmp_path / "b.txt")


def test_read_text_strict_strips_bom(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffHello".encode("utf-8"))
    assert read_text_strict(tmp_path / "bom.txt") == "Hello"


def test_atomic_write_leaves_old_file_on_failure(tmp_path, monkeypatch):
    p = tmp_path / "out.bin"
    atomic_write_bytes(p, b"old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write_bytes(p, b"new")
    assert p.read_bytes() == b"old"
    assert [f.name for f in tmp_path.iterdir()] == ["out.bin"]  # no temporary left behind


def test_atomic_write_csv_roundtrip(tmp_path):
    df = pd.DataFrame({"a": [1, 2], "text": ["x,\ny", "z"]})
    atomic_write_csv(tmp_path / "t.csv", df)
    assert pd.read_csv(tmp_path / "t.csv").equals(df)
    assert len(sha256_file(tmp_path / "t.csv")) == 64
