"""Tests for textlab/viz/style.py, and for what every viz module promises: drawing only, no bundled names."""

import importlib
import re
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest

from textlab.viz import style
from textlab.viz.style import KIND_COLORS, PALETTE, kinds_in, palette_colors, save_figure, styled

VIZ = Path(style.__file__).parent
VIZ_MODULES = sorted(p.stem for p in VIZ.glob("*.py") if p.stem != "__init__")


def _bars():
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    return fig


def test_save_figure_is_byte_reproducible_and_has_no_timestamp(tmp_path):
    a = save_figure(_bars(), tmp_path / "a.png").read_bytes()
    b = save_figure(_bars(), tmp_path / "sub" / "b.png").read_bytes()
    assert a == b and a[1:4] == b"PNG"
    assert b"tIME" not in a and b"Software" not in a


def test_styled_draws_under_the_local_style_and_lets_go_of_the_figure():
    seen = {}

    @styled
    def demo():
        seen.update(font=plt.rcParams["font.size"], top=plt.rcParams["axes.spines.top"])
        return _bars()

    before = dict(matplotlib.rcParams)
    fig = demo()
    assert seen == {"font": 9.0, "top": False}
    assert dict(matplotlib.rcParams) == before and not plt.fignum_exists(fig.number)


def test_palette_colours_go_by_sorted_name():
    assert palette_colors(["b", "a", "c", "a"]) == {"a": PALETTE[0], "b": PALETTE[1], "c": PALETTE[2]}
    many = palette_colors(f"g{i:02d}" for i in range(12))
    assert many["g10"] == PALETTE[0] and len(set(many.values())) == len(PALETTE)
    assert kinds_in(KIND_COLORS, ["notes", "quotation", "primary"]) == ["primary", "quotation", "notes"]


@pytest.mark.parametrize("name", VIZ_MODULES)
def test_importing_a_viz_module_sets_no_global_style(name):
    before = dict(matplotlib.rcParams)
    importlib.reload(importlib.import_module(f"textlab.viz.{name}"))
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize("name", VIZ_MODULES)
def test_viz_draws_without_a_corpus_or_the_bundled_books(name):
    source = (VIZ / f"{name}.py").read_text(encoding="utf-8")
    assert re.search(r"Trotsky|Cliff|Gorter|Wildcat", source) is None
    imports = re.findall(r"^(?:from|import) (textlab\.[\w.]+)", source, re.M)
    assert all(m.startswith(("textlab.core", "textlab.viz")) for m in imports), imports
    assert "plt.show" not in source and "print(" not in source
