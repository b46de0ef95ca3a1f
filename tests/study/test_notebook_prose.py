"""The notebooks hold no prose about the bundled corpus: its commentary is in textlab.study.bundled_notes, shown
by cells tagged ``bundled-only``; every figure is shown, and written, through its registry name, once."""

import json
import re

import pytest

from textlab.study import bundled, bundled_notes
from textlab.study.figures import FIGURES
from textlab.study.run import notebook_paths

NOTEBOOKS = notebook_paths()

#: The bundled corpus's authors, groups, books and findings: no notebook cell may name them.
BUNDLED = (
    "Trotsky",
    "Gorter",
    "Cliff",
    "Wildcat",
    "Lenin",
    "Thermidor",
    "bureaucra",
    "Left Opposition",
    "K = 15",
    "839 chunks",
    *bundled.GROUPS,
    *bundled.SHORT_SOURCES,
)


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_cell_names_the_bundled_corpus(path):
    for i, cell in enumerate(_cells(path)):
        source = "".join(cell["source"])
        assert [w for w in BUNDLED if w.lower() in source.lower()] == [], f"{path.name} cell {i}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_bundled_commentary_cells_are_tagged_and_marked(path):
    for i, cell in enumerate(_cells(path)):
        source = "".join(cell["source"])
        tagged = "bundled-only" in cell.get("metadata", {}).get("tags", [])
        assert tagged == ("bundled_notes." in source and cell["cell_type"] == "code"), f"{path.name} cell {i}"
        if tagged:
            assert source.startswith("# On the bundled corpus only"), f"{path.name} cell {i}"


def test_every_note_is_shown_and_every_note_shown_exists():
    used = {
        k for p in NOTEBOOKS for c in _cells(p) for k in re.findall(r'note\(corpus, "([^"]+)"\)', "".join(c["source"]))
    }
    assert used == set(bundled_notes.NOTES)


def test_every_figure_is_shown_once_in_its_notebook_under_its_registry_name():
    shown = {}
    for p in NOTEBOOKS:
        for c in _cells(p):
            for name in re.findall(r'out\.show\("([^"]+)"', "".join(c["source"])):
                assert name not in shown, f"{name} shown twice"
                shown[name] = p.name
        assert not any("write_notebook_figures" in "".join(c["source"]) for c in _cells(p))
    assert shown == {name: notebook for name, (_, notebook, _) in FIGURES.items()}
    assert not [n for n in FIGURES if re.search(r"trotsky|gorter|cliff|wildcat|\d{4}", n)]  # named by what they show
