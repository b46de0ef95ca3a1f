"""The look textlab's figures share: a local style, fixed colours, and PNG files that rebuild byte for byte.

No global style is set at import and nothing is shown: :func:`styled` draws a
figure under a local ``rc_context`` and lets go of pyplot's reference;
:func:`save_figure` writes PNG bytes without timestamps or software tags, so a
rebuild from the same inputs and versions gives the same file.

Examples
--------
>>> palette_colors(["b", "a", "b"])
{'a': '#1f77b4', 'b': '#ff7f0e'}
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, cast

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from textlab.core.io import atomic_write_bytes

__all__ = ["KIND_COLORS", "PALETTE", "STYLE", "styled", "palette_colors", "kinds_in", "save_figure"]

#: Fixed colours per kind of text, so every figure reads the same way.
KIND_COLORS = {
    "primary": "#1f4e79",
    "quotation": "#e07b39",
    "editorial": "#7f7f7f",
    "notes": "#b9b9b9",
    "table": "#9c6fb6",
    "index": "#d9c77a",
    "front_matter": "#e8e8e8",
}

#: Colours of groups that have none of their own: matplotlib's default cycle (tab10), in this order.
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)

#: The local style every figure is drawn under (:func:`styled`).
STYLE: dict[str, Any] = {
    "figure.dpi": 100,
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "svg.hashsalt": "textlab",
}


def styled(fn: Callable[..., Figure]) -> Callable[..., Figure]:
    """Decorate a function that draws a figure: draw it under :data:`STYLE`, then let go of pyplot's reference.

    The caller owns the figure: a notebook shows the returned value once (not once more as an open pyplot
    figure), and a loop of figures does not pile up in memory.

    Examples
    --------
    >>> @styled
    ... def demo() -> Figure:
    ...     fig, ax = plt.subplots()
    ...     ax.set_title(str(plt.rcParams["font.size"]))
    ...     return fig
    >>> fig = demo()
    >>> fig.axes[0].get_title(), plt.fignum_exists(fig.number)
    ('9.0', False)
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Figure:
        with plt.rc_context(cast(Any, STYLE)):
            fig = fn(*args, **kwargs)
        plt.close(fig)
        return fig

    return wrapper


def palette_colors(names: Iterable[str]) -> dict[str, str]:
    """A colour for each distinct name from :data:`PALETTE`, given in sorted order (the same names, the same
    colours, whatever order they come in).

    Examples
    --------
    >>> palette_colors(["Clark", "Adams", "Brown"])
    {'Adams': '#1f77b4', 'Brown': '#ff7f0e', 'Clark': '#2ca02c'}
    """
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(sorted(set(names)))}


def kinds_in(colors: Mapping[str, Any], present: Iterable[Any]) -> list[str]:
    """The kinds of ``colors`` (in its order) that are in ``present``.

    Examples
    --------
    >>> kinds_in(KIND_COLORS, ["notes", "primary", "other"])
    ['primary', 'notes']
    """
    have = set(present)
    return [k for k in colors if k in have]


def save_figure(fig: Figure, path: str | Path, *, dpi: int = 150) -> Path:
    """Write ``fig`` as PNG atomically, without timestamp or software metadata; close it.

    Examples
    --------
    The same figure gives the same bytes:

    >>> import tempfile
    >>> def bars() -> Figure:
    ...     fig, ax = plt.subplots()
    ...     ax.bar(["a", "b"], [1, 2])
    ...     return fig
    >>> with tempfile.TemporaryDirectory() as d:
    ...     a = save_figure(bars(), Path(d) / "a.png", dpi=50).read_bytes()
    ...     b = save_figure(bars(), Path(d) / "b.png", dpi=50).read_bytes()
    >>> a[1:4], a == b
    (b'PNG', True)
    """
    path = Path(path)
    buf = io.BytesIO()
    # tight: the canvas grows to hold long tick labels (topic labels) rather than cutting them at the edge
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None}, bbox_inches="tight", pad_inches=0.15)
    plt.close(fig)
    atomic_write_bytes(path, buf.getvalue())
    return path
