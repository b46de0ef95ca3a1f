"""The second test corpus of the whole-suite test (tests/test_cli.py): invented, one year, no quotations, and
exactly what its script writes."""

import importlib.util
from pathlib import Path

import pandas as pd

from textlab.study import bundled

DATA = Path(__file__).parents[1] / "data"
FOLDER = DATA / "one_year_corpus"


def test_the_one_year_corpus_is_what_its_script_writes(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_one_year_corpus", DATA / "make_one_year_corpus.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(script, "OUT", tmp_path / "out")
    script.main()
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(p.name for p in FOLDER.iterdir())
    assert all((tmp_path / "out" / n).read_bytes() == (FOLDER / n).read_bytes() for n in written)


def test_the_one_year_corpus_differs_in_kind_from_the_bundled_one():
    meta = pd.read_csv(FOLDER / "metadata.csv", dtype=str)
    assert set(meta["date"]) == {"1887"} and meta["author"].nunique() == 3 and 30 <= len(meta) <= 40
    text = "\n".join((FOLDER / f).read_text(encoding="utf-8") for f in meta["file"])
    assert not set('"“”«»') & set(text)  # no quotation marks: nothing to quote
    names = [*bundled.AUTHOR_COLORS, "Trotsky", "Gorter", "Cliff", "Wildcat", "Lenin"]
    assert not [n for n in names if n in text or n in meta.to_csv()]
    assert all(1000 <= len((FOLDER / f).read_text(encoding="utf-8").split()) <= 1600 for f in meta["file"])
