"""The notebooks run top to bottom without error, and the committed ones are not stale."""

import json

import pytest

from textlab.study.run import execute_notebook, notebook_paths

NOTEBOOKS = notebook_paths()


def _code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01_corpus.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_was_run_in_order(path):
    nb = json.loads(path.read_text())
    counts = [c.get("execution_count") for c in _code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), "run it top to bottom: make notebooks"
    errors = [o for c in _code_cells(nb) for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(path, tmp_path, corpus):
    out = execute_notebook(path, out=tmp_path / path.name, timeout=600)
    nb = json.loads(out.read_text())
    assert all(c.get("execution_count") for c in _code_cells(nb))
    assert not [o for c in _code_cells(nb) for o in c.get("outputs", []) if o.get("output_type") == "error"]
    # the committed outputs are what the notebook gives today: not stale
    committed = json.loads(path.read_text())
    for i, (new, old) in enumerate(zip(_code_cells(nb), _code_cells(committed))):
        assert new.get("outputs") == old.get("outputs"), (
            f"{path.name}: code cell {i} output is stale: run make notebooks"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_one_parameters_cell_for_papermill(path):
    from papermill import inspect_notebook

    nb = json.loads(path.read_text())
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1 and tagged[0]["cell_type"] == "code"
    params = inspect_notebook(str(path))
    assert {"corpus_folder", "metadata", "group_by", "output_dir"} <= set(params)
    # the defaults are the bundled corpus, shown only (no file written by a plain run)
    assert all(params[p]["default"] == "None" for p in ("corpus_folder", "metadata", "group_by", "output_dir"))
    # no code before the parameters: a user's values must reach every cell
    first_code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    assert first_code is tagged[0]
