"""Tests of textlab.corpus.streamed: build_corpus_table, streamed from disk, equals build_corpus byte for byte."""

import pandas as pd
import pytest

from textlab.core import paths
from textlab.core.io import InputError
from textlab.corpus import streamed
from textlab.corpus.build import build_corpus
from textlab.corpus.streamed import build_corpus_table


@pytest.fixture(scope="module")
def ocr_folder(tmp_path_factory):
    """A user's folder of raw OCR text: the first 3,000 lines of two bundled OCR books, 300 lines per file."""
    d = tmp_path_factory.mktemp("ocr")
    meta = ["file,author,title,date"]
    for book, date in [
        ("trotsky_writings_1930-31.txt", "1930"),
        ("trotsky_challenge_of_the_left_opposition_1923-25.txt", "1923"),
    ]:
        lines = (paths.RAW / book).read_text(encoding="utf-8").split("\n")[:3000]
        for k in range(0, len(lines), 300):
            name = f"{book[:-4]}-{k // 300:02d}.txt"
            (d / name).write_text("\n".join(lines[k : k + 300]) + "\n", encoding="utf-8")
            meta.append(f"{name},Leon Trotsky,{name[:-4]},{date}")
    (d / "meta.csv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def ocr_built(ocr_folder, tmp_path_factory):
    """build_corpus of the OCR folder, in memory and saved."""
    out = tmp_path_factory.mktemp("built")
    return build_corpus(ocr_folder, ocr_folder / "meta.csv", out_dir=out), out


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_build_corpus_table_equals_build_corpus(ocr_folder, ocr_built, tmp_path, n_jobs):
    """Streamed (two passes for the lexicon, small batches, 1 or 2 workers), the table is build_corpus's, byte
    for byte: the reduced pair table changes no cleaning decision on raw OCR text."""
    corpus, out = ocr_built
    table = build_corpus_table(
        ocr_folder, ocr_folder / "meta.csv", tmp_path / "t", n_jobs=n_jobs, chunk_chars=30_000, progress=False
    )
    assert not table.cached
    for name in ("docs.csv", "line_report.csv", "lexicon_report.csv"):
        assert (tmp_path / "t" / name).read_bytes() == (out / name).read_bytes(), name
    assert table.info["corpus_hash"] == corpus.info["corpus_hash"]
    assert table.info["build_key"] == corpus.info["build_key"]  # one key, built from the metadata streamed or not
    assert table.info["source_paths"] == corpus.info["source_paths"]
    assert {k: table.info[k] for k in ("n_lines", "n_docs", "n_words")} == {
        k: corpus.info[k] for k in ("n_lines", "n_docs", "n_words")
    }
    loaded = table.load()
    # read back, text columns are pandas strings (missing: NaN), not Python objects (missing: None)
    pd.testing.assert_frame_equal(loaded.docs, corpus.docs.astype(loaded.docs.dtypes.to_dict()))
    pd.testing.assert_frame_equal(loaded.lines, corpus.lines, check_dtype=False)
    loaded.check_accounting()
    assert "text" not in table.metadata().columns
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == [
        "build.json",
        "docs.csv",
        "lexicon_report.csv",
        "line_report.csv",
    ]


def test_build_corpus_table_is_reused_and_rebuilt_when_a_file_changes(user_folder, tmp_path, monkeypatch):
    meta = user_folder / "meta.csv"
    first = build_corpus_table(user_folder, meta, tmp_path / "t", extra_columns=["party"], n_jobs=1, progress=False)
    assert not first.cached and first.info["n_docs"] == 2

    def fail(*args, **kwargs):
        raise AssertionError("cleaned again")

    with monkeypatch.context() as m:
        m.setattr(streamed, "process_source", fail)
        again = build_corpus_table(user_folder, meta, tmp_path / "t", extra_columns=["party"], n_jobs=1)
    assert again.cached and again.info == first.info
    (tmp_path / "t" / "docs.csv").unlink()  # a table with a file missing is built again
    assert not build_corpus_table(user_folder, meta, tmp_path / "t", extra_columns=["party"], n_jobs=1).cached
    (user_folder / "b.txt").write_text("Workers of all countries, unite!\n", encoding="utf-8")
    changed = build_corpus_table(user_folder, meta, tmp_path / "t", extra_columns=["party"], n_jobs=1, progress=False)
    assert not changed.cached and changed.info["corpus_hash"] != first.info["corpus_hash"]
    assert changed.load().docs.set_index("doc_id").loc["b-00001", "party"] == "KPD"


def test_build_corpus_table_bad_file_names_it_and_leaves_nothing(user_folder, tmp_path):
    (user_folder / "b.txt").write_bytes(b"Workers\n\xff of the world\n")
    out = tmp_path / "t"
    with pytest.raises(InputError, match=r"b\.txt.*line 2"):
        build_corpus_table(user_folder, user_folder / "meta.csv", out, extra_columns=["party"], n_jobs=2)
    assert not out.exists() or list(out.iterdir()) == []


def test_build_corpus_table_default_folder_is_keyed(user_folder, monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "PROCESSED", tmp_path / "processed")
    table = build_corpus_table(user_folder, user_folder / "meta.csv", extra_columns=["party"], n_jobs=1)
    assert table.out_dir == tmp_path / "processed" / "corpora" / table.info["build_key"][:16]


def test_build_corpus_table_groups_by_author_unless_told_otherwise(user_folder, tmp_path):
    meta = user_folder / "meta.csv"
    options = dict(extra_columns=["party"], n_jobs=1, progress=False)
    table = build_corpus_table(user_folder, meta, tmp_path / "t", **options)
    assert table.group_by == "author" and table.load().groups == "author"
    assert table.load(group_by="author+year").groups == "author+year"
    assert table.load(group_by=None).groups is None  # data/groups.csv, as the bundled corpus
    by_party = build_corpus_table(user_folder, meta, tmp_path / "t", group_by="party", **options)
    assert by_party.cached and by_party.info == table.info  # the grouping is not part of the table
    assert by_party.load().groups == "party" and by_party.load(text=False).groups == "party"
    with pytest.raises(ValueError, match=r"group_by 'author\+decade': \['decade'\] is not a column"):
        build_corpus_table(user_folder, meta, tmp_path / "other", group_by="author+decade", **options)
    assert not (tmp_path / "other").exists()  # checked before anything is built
    with pytest.raises(ValueError, match=r"group_by \['decade'\]: not columns"):
        table.load(group_by="decade")
