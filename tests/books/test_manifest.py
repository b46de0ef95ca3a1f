"""The raw data are immutable and recorded in data/manifest.csv."""

import hashlib

import pandas as pd
import pytest

from textlab.books import BOOK_MODULES, get_book
from textlab.core import paths
from textlab.core.io import InputError
from textlab.corpus.build import read_manifest

REQUIRED = [
    "file",
    "sha256",
    "source_id",
    "segmenter",
    "author",
    "title",
    "publisher",
    "years",
    "source",
    "licence",
    "notes",
]


def test_manifest_columns_and_rows():
    m = pd.read_csv(paths.MANIFEST, dtype=str, keep_default_na=False)
    assert [c for c in REQUIRED if c not in m.columns] == []
    assert len(m) == 5
    assert m["source_id"].is_unique and m["file"].is_unique
    assert (m[REQUIRED] != "").all().all(), "every manifest field is filled"


def test_raw_files_match_their_hashes():
    m = pd.read_csv(paths.MANIFEST, dtype=str)
    for r in m.itertuples():
        digest = hashlib.sha256((paths.RAW / r.file).read_bytes()).hexdigest()
        assert digest == r.sha256, f"{r.file} changed: raw data must never be modified"
    assert sorted(p.name for p in paths.RAW.glob("*.txt")) == sorted(m["file"])


def test_read_manifest_detects_a_changed_file(tmp_path):
    m = pd.read_csv(paths.MANIFEST, dtype=str)
    m.loc[0, "sha256"] = "0" * 64
    bad = tmp_path / "manifest.csv"
    m.to_csv(bad, index=False)
    with pytest.raises(InputError, match="differs from .* line 2"):
        read_manifest(bad)


def test_every_book_module_names_its_raw_file():
    m = pd.read_csv(paths.MANIFEST, dtype=str).set_index("segmenter")
    assert sorted(m.index) == sorted(BOOK_MODULES)
    for name in BOOK_MODULES:
        book = get_book(name)
        assert book.SOURCE == m.loc[name, "file"]
        assert callable(book.segment) and callable(book.clean) and book.BOOK


def test_get_book_rejects_unknown():
    with pytest.raises(ValueError, match="unknown book module 'nope'"):
        get_book("nope")
