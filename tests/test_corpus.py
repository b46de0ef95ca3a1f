"""Tests for textlab/corpus.py: the bundled corpus table and build_corpus on a user's folder."""

import re

import pandas as pd
import pytest

from textlab.core import paths
from textlab.core.io import InputError
from textlab.corpus.table import COLUMNS, build_corpus, build_corpus_table
from textlab.text.segment import DATE_BASES, KINDS, SegmentationError

# ----------------------------------------------------------------------------- bundled


def test_columns_and_types(corpus):
    d = corpus.docs
    assert list(d.columns[: len(COLUMNS)]) == COLUMNS
    assert d["doc_id"].is_unique
    assert set(d["kind"]) <= set(KINDS)
    assert set(d["date_basis"]) <= set(DATE_BASES)
    assert d["date"].str.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?").all()
    assert (d["year"] == d["date"].str[:4].astype(int)).all()
    assert (d["line_start"] <= d["line_end"]).all()
    assert d.loc[d["kind"] != "quotation", "quoted_author"].isna().all()


def test_every_source_is_in_the_table(corpus):
    m = pd.read_csv(paths.MANIFEST)
    assert sorted(corpus.docs["source"].unique()) == sorted(m["file"])
    assert set(corpus.info["n_lines"]) == set(m["file"])


def test_line_accounting_covers_every_raw_line_once(corpus, raw_lines):
    corpus.check_accounting()
    for source, n in corpus.info["n_lines"].items():
        assert n == len(raw_lines(source))
        d = corpus.docs[corpus.docs["source"] == source]
        dropped = corpus.lines[corpus.lines["source"] == source]
        marks = [0] * (n + 1)
        for a, b in zip(d["line_start"], d["line_end"]):
            for i in range(a, b + 1):
                marks[i] += 1
        for a, b in zip(dropped["line_start"], dropped["line_end"]):
            for i in range(a, b + 1):
                marks[i] += 1 if marks[i] == 0 else 0  # a drop inside a row replaces, not adds
        assert marks[1:] == [1] * n, f"{source}: a line is missing from rows and report"


def test_check_accounting_fails_when_a_row_is_lost(corpus):
    from textlab.corpus.table import Corpus

    broken = Corpus(corpus.docs.iloc[1:], corpus.lines, corpus.lexicon, corpus.info)
    with pytest.raises(SegmentationError, match="not in any row and not dropped"):
        broken.check_accounting()


def test_drop_reasons_are_named(corpus):
    assert corpus.lines["reason"].ne("").all()
    assert (corpus.lines["n_lines"] == corpus.lines["line_end"] - corpus.lines["line_start"] + 1).all()


def test_text_is_cleaned_and_counted(corpus):
    d = corpus.docs
    assert (d["n_words"] > 0).mean() > 0.99
    assert not d["text"].str.contains("\n\n\n", regex=False).any()
    assert not d["text"].str.contains(r"[ \t]{2,}").any()


def test_doc_ids_are_stable_across_rebuilds(corpus, tmp_path):
    from textlab.corpus.table import build_bundled

    again = build_bundled(tmp_path)
    pd.testing.assert_frame_equal(
        again.docs.reset_index(drop=True), corpus.docs.reset_index(drop=True), check_dtype=False
    )
    assert again.hash == corpus.hash
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "build.json",
        "docs.csv",
        "lexicon_report.csv",
        "line_report.csv",
    ]


def test_raw_lines_gives_back_the_source(corpus, raw_lines):
    r = corpus.docs.iloc[0]
    got = corpus.raw_lines(r["doc_id"], keep_dropped=True)
    assert got == raw_lines(r["source"])[r["line_start"] - 1 : r["line_end"]]


def test_select(corpus):
    sel = corpus.select(kind="primary", author="Leon Trotsky")
    assert len(sel) > 0 and set(sel["kind"]) == {"primary"}
    with pytest.raises(KeyError, match="no column 'speaker'"):
        corpus.select(speaker="x")


# ----------------------------------------------------------------------------- a user's corpus


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


def test_build_corpus_from_folder(user_folder, tmp_path):
    out = tmp_path / "out"
    c = build_corpus(user_folder, user_folder / "meta.csv", out_dir=out, extra_columns=["party"])
    d = c.docs.set_index("doc_id")
    assert list(d.index) == ["a-00002", "b-00001"]
    assert d.loc["a-00002", "date"] == "1921-03" and d.loc["b-00001", "date"] == "1922"
    assert d.loc["b-00001", "kind"] == "editorial" and d.loc["a-00002", "party"] == "KAPD"
    assert d.loc["a-00002", "line_end"] == 5
    c.check_accounting()
    assert (out / "build.json").exists()
    assert c.lines["reason"].tolist() == ["blank"]  # the leading blank line of a.txt


def _meta(folder, text):
    (folder / "meta.csv").write_text(text, encoding="utf-8")
    return folder / "meta.csv"


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
def test_build_corpus_errors_name_file_line_column(user_folder, tmp_path, meta, message):
    out = tmp_path / "out"
    with pytest.raises(InputError, match=message):
        build_corpus(user_folder, _meta(user_folder, meta), out_dir=out)
    assert not out.exists(), "nothing half-written is left behind"


def test_build_corpus_rejects_non_utf8_and_empty_files(user_folder):
    (user_folder / "a.txt").write_bytes(b"fine\nstill fine\ncaf\xe9\n")
    with pytest.raises(InputError, match=r"a.txt line 3: not UTF-8"):
        build_corpus(user_folder, _meta(user_folder, "file,author,title,date\na.txt,A,T,1921\n"))
    (user_folder / "a.txt").write_text("  \n")
    with pytest.raises(InputError, match=r"a.txt: file is empty"):
        build_corpus(user_folder, _meta(user_folder, "file,author,title,date\na.txt,A,T,1921\n"))


def test_build_corpus_missing_metadata_file(user_folder):
    with pytest.raises(InputError, match=re.escape(str(user_folder / "nope.csv")) + ": metadata file not found"):
        build_corpus(user_folder, user_folder / "nope.csv")


def test_lexicon_target_ocr_within_one_point_of_clean_sources(corpus):
    """Issue target: each OCR source, cleaned, within one point of the clean sources (003, 004)."""
    t = corpus.lexicon.set_index("source")
    clean_sources = ["trotsky_letter_on_the_situation_in_russia_1928.txt", "cliff_1993_trotsky_darker_the_night.txt"]
    ocr = [
        "trotsky_writings_1930-31.txt",
        "trotsky_challenge_of_the_left_opposition_1923-25.txt",
        "gorter_1920_open_letter_to_lenin.txt",
    ]
    floor = t.loc[clean_sources, "share_clean"].min() - 0.01
    for s in ocr:
        assert t.loc[s, "share_clean"] >= floor, s
        assert t.loc[s, "share_clean"] > t.loc[s, "share_raw"], s
    # cleaning must not damage the clean sources
    for s in clean_sources:
        assert t.loc[s, "share_clean"] >= t.loc[s, "share_raw"] - 0.001


def test_cache_key_covers_every_module_the_build_imports():
    """The corpus cache is keyed on CORPUS_CODE only: every textlab module the build imports must be in it."""
    import ast

    from textlab.core import paths
    from textlab.corpus import table as corpus_mod

    keyed = {p.relative_to(paths.PACKAGE).as_posix() for pat in corpus_mod.CORPUS_CODE for p in paths.PACKAGE.glob(pat)}
    todo, seen = ["corpus.py"], set()
    while todo:
        f = todo.pop()
        if f in seen:
            continue
        seen.add(f)
        for node in ast.walk(ast.parse((paths.PACKAGE / f).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("textlab"):
                mods = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                for m in mods:
                    rel = m.split(".", 1)[1].replace(".", "/") if "." in m else "__init__"
                    for cand in (f"{rel}.py", f"{rel}/__init__.py"):
                        if (paths.PACKAGE / cand).exists():
                            todo.append(cand)
    todo = [p.relative_to(paths.PACKAGE).as_posix() for p in (paths.PACKAGE / "books").glob("*.py")]
    assert seen | set(todo) <= keyed, sorted((seen | set(todo)) - keyed)


# ----------------------------------------------------------------------------- a user's corpus, streamed


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
    from textlab.corpus import table as corpus_mod

    meta = user_folder / "meta.csv"
    first = build_corpus_table(user_folder, meta, tmp_path / "t", extra_columns=["party"], n_jobs=1, progress=False)
    assert not first.cached and first.info["n_docs"] == 2

    def fail(*args, **kwargs):
        raise AssertionError("cleaned again")

    with monkeypatch.context() as m:
        m.setattr(corpus_mod, "_process_source", fail)
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


def test_metadata_read_in_blocks_names_lines_across_blocks(user_folder):
    from textlab.corpus.table import _iter_user_specs

    meta = user_folder / "meta.csv"
    rows = ["file,author,title,date,id"] + [f"a.txt,A,T{i},1921,x{i}" for i in range(4)] + ["b.txt,B,T,1922,x1"]
    meta.write_text("\n".join(rows) + "\n", encoding="utf-8")
    specs = _iter_user_specs(user_folder, meta, (), chunk_rows=2)
    assert [next(specs).source_id for _ in range(4)] == ["x0", "x1", "x2", "x3"]
    with pytest.raises(InputError, match=r"meta\.csv line 6: duplicate id 'x1' \(first on line 3\)"):
        next(specs)
