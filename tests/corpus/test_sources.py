"""Tests of textlab.corpus.sources: one source file -> rows, and the code key of the corpus cache."""

import functools

import pytest

from textlab.core import paths
from textlab.corpus import sources
from textlab.corpus.sources import CORPUS_CODE, SourceSpec, code_key, process_source
from textlab.text.lexicon import Lexicon
from textlab.text.segment import segment_whole_file


def test_cache_key_covers_every_module_the_build_imports():
    """The corpus cache is keyed on CORPUS_CODE only: every textlab module the build imports must be in it."""
    import ast

    keyed = {p.relative_to(paths.PACKAGE).as_posix() for pat in CORPUS_CODE for p in paths.PACKAGE.glob(pat)}
    todo, seen = ["corpus/build.py", "corpus/streamed.py"], set()
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


def test_code_key_fails_when_a_pattern_names_no_file(monkeypatch):
    assert len(code_key()) == 64
    monkeypatch.setattr(sources, "CORPUS_CODE", (*CORPUS_CODE, "corpus_moved/*.py"))
    with pytest.raises(RuntimeError, match="corpus_moved"):
        code_key()


def test_process_source_accounts_for_every_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("\n\nThe party and the class.\nA second line.\n\n", encoding="utf-8")
    seg = functools.partial(segment_whole_file, author="A. Adams", title="T", date="1920-05", kind="primary", work="W")
    spec = SourceSpec(path, "a", "Book", seg, lambda text, lexicon: text.upper(), extra={"party": "X"})
    rows, drops, lex, n = process_source(spec, Lexicon.from_texts([path.read_text(encoding="utf-8")]))
    assert n == 5 and [(r["doc_id"], r["line_start"], r["line_end"]) for r in rows] == [("a-00003", 3, 4)]
    assert rows[0]["text"] == "THE PARTY AND THE CLASS.\nA SECOND LINE." and rows[0]["party"] == "X"
    assert rows[0]["year"] == 1920 and rows[0]["n_words"] == 8
    assert sum(d["n_lines"] for d in drops) == 3 and lex["source"] == "a.txt" and lex["tokens_raw"] == 7


def test_a_users_corpus_key_ignores_the_bundled_data_tables(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "DATA", tmp_path)
    (tmp_path / "groups.csv").write_text("source,group\na.txt,A\n", encoding="utf-8")
    user, bundled = code_key(), code_key(data_tables=True)
    (tmp_path / "groups.csv").write_text("source,group\na.txt,B\n", encoding="utf-8")
    assert code_key() == user  # a user's table is not rebuilt when the bundled groups change
    assert code_key(data_tables=True) != bundled  # the bundled table is
