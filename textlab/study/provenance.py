"""Provenance of the figures: which function, inputs and versions made each file, and a hash of what it plots.

``figures/manifest.json`` lists every file :func:`textlab.study.figures.write_figures`
writes, one record each (see :func:`figure_record`): the notebook that shows
it, the function that makes it, the corpus hash, the parameters (defaults
applied) and seed, the versions of the packages that made it, and
``data_hash``, a hash of the data the figure draws (:func:`plotted_data_hash`),
not of its pixels. :func:`check_figures` rebuilds the figures of a registry
(such as :data:`textlab.study.figures.FIGURES`) in memory and compares their
data hashes with the manifest. Nothing in the manifest carries a
timestamp, so a rebuild from the same inputs and versions writes the same bytes.

>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.plot([1, 2, 3], [1, 4, 9])
>>> len(plotted_data_hash(fig))
64
>>> plt.close(fig)
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import json
import logging
import math
import platform
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.category import StrCategoryLocator
from matplotlib.patches import Rectangle
from matplotlib.ticker import FixedLocator

from textlab.core import paths
from textlab.core.io import atomic_write_text, sha256_bytes
from textlab.core.reproducible import STORED_DIGITS

log = logging.getLogger(__name__)

__all__ = [
    "MANIFEST_NAME",
    "PACKAGES",
    "SIGNIFICANT_DIGITS",
    "plotted_data_hash",
    "package_versions",
    "figure_record",
    "write_manifest",
    "read_manifest",
    "check_figures",
]

#: File name of the figure manifest, in the figures folder.
MANIFEST_NAME = "manifest.json"

#: Distributions whose versions every record carries (``python`` is the interpreter).
PACKAGES = (
    "textlab",
    "numpy",
    "scipy",
    "pandas",
    "matplotlib",
    "scikit-learn",
    "gensim",
    "nltk",
    "simplemma",
    "tomotopy",
)

#: Numbers enter :func:`plotted_data_hash` rounded to this many significant digits: the precision of stored
#: numbers, :data:`textlab.core.reproducible.STORED_DIGITS`, chosen so that another CPU cannot change a hash.
SIGNIFICANT_DIGITS = STORED_DIGITS

#: Fields of every manifest record.
RECORD_FIELDS = ("file", "notebook", "function", "corpus_hash", "parameters", "seed", "versions", "data_hash")

# parameters that say where to write, not what to draw: left out of a record's parameters
_NOT_PARAMETERS = ("corpus", "path")


# --------------------------------------------------------------------------- data hash


def _numbers(values: Any) -> str:
    """Canonical text of an array of numbers: shape, then each value to :data:`SIGNIFICANT_DIGITS` digits.

    Values smaller than ``10**-SIGNIFICANT_DIGITS`` times the largest magnitude
    in the same array count as 0 (a sum that should be 0 comes out as 1e-17 or
    -1e-17 from one run to the next); -0 is 0; masked values are ``nan``.
    Values that are not numbers (dates, strings) enter as their ``str``.

    >>> _numbers([1.0, 0.1 + 0.2, -0.0, 1e-17])
    '(4,):1,0.3,0,0'
    >>> _numbers([[1, 2], [3, float("nan")]])
    '(2, 2):1,2,3,nan'
    """
    a: np.ndarray
    try:
        a = np.ma.filled(np.ma.asarray(values, dtype=float), np.nan)
    except (TypeError, ValueError):
        a = np.asarray(values, dtype=object)
        return f"{a.shape}:" + ",".join(str(v) for v in a.ravel().tolist())
    flat = a.ravel()
    finite = np.isfinite(flat)
    top = float(np.abs(flat[finite]).max()) if finite.any() else 0.0
    flat = np.where(finite & (np.abs(flat) <= top * 10.0**-SIGNIFICANT_DIGITS), 0.0, flat)
    fmt = f"%.{SIGNIFICANT_DIGITS}g"
    return f"{a.shape}:" + ",".join(fmt % (v + 0.0) for v in flat.tolist())


class _Feed:
    """Lines of canonical text fed to a SHA-256, one ``tag=value`` per call."""

    def __init__(self) -> None:
        self._h = hashlib.sha256()

    def text(self, tag: str, value: Any) -> None:
        self._h.update(f"{tag}={value!s}\n".encode())

    def numbers(self, tag: str, values: Any) -> None:
        self.text(tag, _numbers(values))

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def _visible(artist: Any) -> bool:
    return bool(getattr(artist, "get_visible", lambda: True)())


def _feed_text(feed: _Feed, tag: str, t: Any, *, position: bool = True) -> None:
    if t is None or not _visible(t) or not t.get_text():
        return
    feed.text(tag, t.get_text())
    if position:
        feed.numbers(tag + ".xy", t.get_position())
        xy = getattr(t, "xy", None)  # an Annotation: the point it annotates
        if xy is not None:
            feed.numbers(tag + ".annotated", xy)


def _feed_legend(feed: _Feed, tag: str, leg: Any) -> None:
    if leg is None or not _visible(leg):
        return
    _feed_text(feed, tag + ".title", leg.get_title(), position=False)
    for t in leg.get_texts():
        _feed_text(feed, tag + ".entry", t, position=False)


def _feed_patch(feed: _Feed, tag: str, p: Any) -> None:
    if isinstance(p, Rectangle):
        feed.numbers(tag + ".rect", [p.get_x(), p.get_y(), p.get_width(), p.get_height()])
    else:
        feed.numbers(tag + ".path", p.get_patch_transform().transform(p.get_path().vertices))


def _feed_collection(feed: _Feed, tag: str, c: Any) -> None:
    if hasattr(c, "get_coordinates"):  # QuadMesh (pcolormesh, a colorbar's colours): its grid, not one path per cell
        feed.numbers(tag + ".grid", c.get_coordinates())
    elif hasattr(c, "get_segments"):  # LineCollection (hlines, vlines)
        for s in c.get_segments():
            feed.numbers(tag + ".segment", s)
    else:
        for p in c.get_paths():
            feed.numbers(tag + ".path", p.vertices)
    feed.numbers(tag + ".offsets", c.get_offsets())
    sizes = getattr(c, "get_sizes", lambda: None)()
    if sizes is not None and len(sizes):
        feed.numbers(tag + ".sizes", sizes)
    arr = c.get_array()
    if arr is not None:
        feed.numbers(tag + ".array", arr)


def _feed_image(feed: _Feed, tag: str, im: Any) -> None:
    arr = im.get_array()
    if arr is not None:
        feed.numbers(tag + ".array", arr)
    if hasattr(im, "get_extent"):
        feed.numbers(tag + ".extent", im.get_extent())


def _feed_axis(feed: _Feed, tag: str, axis: Any, ax: Any) -> None:
    feed.text(tag + ".scale", axis.get_scale())
    feed.numbers(tag + ".limits", ax.get_xlim() if axis is ax.xaxis else ax.get_ylim())
    if not (ax.axison and axis.get_visible()):
        return
    _feed_text(feed, tag + ".label", axis.label, position=False)
    # tick labels a figure sets (categories, words, years) are data; automatic numeric ticks depend on the
    # figure's size (how many fit) and only restate the limits, so they are left out
    if isinstance(axis.get_major_locator(), (FixedLocator, StrCategoryLocator)):
        feed.numbers(tag + ".ticks", axis.get_majorticklocs())
        for t in axis.get_majorticklabels():
            feed.text(tag + ".ticklabel", t.get_text())


def _feed_axes(feed: _Feed, tag: str, ax: Any) -> None:
    if not _visible(ax):
        return
    for loc in ("left", "center", "right"):
        title = ax.get_title(loc)
        if title:
            feed.text(f"{tag}.title.{loc}", title)
    for name in ("x", "y"):
        _feed_axis(feed, f"{tag}.{name}", getattr(ax, f"{name}axis"), ax)
    for i, line in enumerate(ax.lines):
        if _visible(line):
            feed.numbers(f"{tag}.line{i}", line.get_xydata())
    for i, p in enumerate(ax.patches):
        if _visible(p):
            _feed_patch(feed, f"{tag}.patch{i}", p)
    for i, c in enumerate(ax.collections):
        if _visible(c):
            _feed_collection(feed, f"{tag}.collection{i}", c)
    for i, im in enumerate(ax.images):
        if _visible(im):
            _feed_image(feed, f"{tag}.image{i}", im)
    for i, t in enumerate(ax.texts):
        _feed_text(feed, f"{tag}.text{i}", t)
    _feed_legend(feed, f"{tag}.legend", ax.get_legend())
    skipped = sorted({type(a).__name__ for a in ax.artists})
    if skipped:
        log.debug("%s: artists of type %s are not part of the data hash", tag, ", ".join(skipped))


def _feed_figure(feed: _Feed, tag: str, fig: Any) -> None:
    for i, t in enumerate(fig.texts):  # suptitle, supxlabel, fig.text(): strings only (their place is layout)
        _feed_text(feed, f"{tag}.text{i}", t, position=False)
    for i, leg in enumerate(fig.legends):
        _feed_legend(feed, f"{tag}.legend{i}", leg)
    for i, im in enumerate(fig.images):
        if _visible(im):
            _feed_image(feed, f"{tag}.image{i}", im)
    for i, ax in enumerate(fig.axes):
        _feed_axes(feed, f"{tag}.axes{i}", ax)
    for i, sub in enumerate(getattr(fig, "subfigs", [])):
        _feed_figure(feed, f"{tag}.subfigure{i}", sub)


def plotted_data_hash(fig: Any) -> str:
    """SHA-256 (hex) of the data a matplotlib figure draws, read from its artists, not its pixels.

    For the figure (its texts, such as the suptitle, legends, images, and
    subfigures) and then every Axes in ``fig.axes`` order (colorbars
    included), the hash reads what is visible:

    * titles, axis labels, axis scales and view limits;
    * tick positions and labels set by the figure (fixed ticks and
      categorical axes); automatic numeric ticks are left out, since how many
      fit depends on the figure's size and they only restate the limits;
    * ``Line2D`` x-y data; ``Rectangle`` x, y, width and height (bars, spans)
      and the vertices of other patches;
    * collections: paths (or segments, or a mesh's grid), offsets (scatter
      points), sizes and colour-mapped arrays;
    * images: array and extent;
    * texts and annotations: string and position (figure-level texts: string);
    * legend titles and entries.

    Numbers are rounded to :data:`SIGNIFICANT_DIGITS` significant digits
    (and values that small relative to the largest in their array count as
    0), so floating-point noise from one run to the next does not change the
    hash, but a changed number does. Colours, fonts, markers, layout, size and
    resolution are style, not data, and are left out; so are artists of other
    types (``ax.artists``, tables, spines), which are skipped.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, drawn or not.

    Returns
    -------
    str
        64 hex digits, the same for the same data in any run.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> def bars(heights, title="counts", size=(4, 3)):
    ...     fig, ax = plt.subplots(figsize=size)
    ...     ax.bar(["a", "b", "c"], heights)
    ...     ax.set_title(title)
    ...     plt.close(fig)
    ...     return plotted_data_hash(fig)
    >>> bars([1, 2, 3]) == bars([1, 2, 3], size=(9, 6))
    True
    >>> bars([1, 2, 3]) == bars([1, 2, 4])
    False
    >>> bars([1, 2, 3]) == bars([1, 2, 3], title="words")
    False
    >>> bars([0.3, 2, 3]) == bars([0.1 + 0.2, 2, 3])  # the same to 10 digits
    True
    """
    feed = _Feed()
    _feed_figure(feed, "figure", fig)
    return feed.hexdigest()


# --------------------------------------------------------------------------- records and the manifest


def package_versions(packages: Sequence[str] = PACKAGES) -> dict[str, str | None]:
    """Installed versions of ``packages`` and of Python; ``None`` for a package that is not installed.

    >>> v = package_versions(("numpy", "no-such-package-xyz"))
    >>> sorted(v), v["no-such-package-xyz"]
    (['no-such-package-xyz', 'numpy', 'python'], None)
    """
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in packages:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = None
    return out


def _json_safe(value: Any) -> Any:
    """``value`` as JSON can hold it: tuples and sets as lists, numpy scalars and arrays as numbers and lists,
    other objects as their ``repr`` without memory addresses.

    >>> _json_safe({"a": (1, 2), "b": np.int64(3), "c": {2, 1}, 4: None})
    {'a': [1, 2], 'b': 3, 'c': [1, 2], '4': None}
    """
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, np.generic):
        return _json_safe(value.item())
    if isinstance(value, np.ndarray):
        return _json_safe(value.tolist())
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_json_safe(v) for v in value), key=repr)
    if isinstance(value, Path):
        return value.as_posix()
    return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(value))


def _parameters(fn: Callable[..., Any], kwargs: Mapping[str, Any]) -> dict[str, Any]:
    bound = inspect.signature(fn).bind_partial(**kwargs)
    bound.apply_defaults()
    return {k: _json_safe(v) for k, v in bound.arguments.items() if k not in _NOT_PARAMETERS}


def figure_record(
    name: str, fn: Callable[..., Any], notebook: str, kwargs: Mapping[str, Any], corpus: Any, fig: Any
) -> dict[str, Any]:
    """The manifest record of one figure file.

    Parameters
    ----------
    name : str
        The file name in ``figures/`` (``"01_who_speaks.png"``).
    fn : callable
        The function that made it, called as ``fn(corpus, **kwargs)``.
    notebook : str
        The notebook that shows it.
    kwargs : mapping
        The keyword arguments it was called with.
    corpus : textlab.Corpus
        The corpus it was made from (only ``corpus.hash`` is read).
    fig : matplotlib.figure.Figure or bytes
        The figure (hashed with :func:`plotted_data_hash`), or the bytes of a
        file that is not a figure (the HTML topic browser), hashed as they are.

    Returns
    -------
    dict
        ``file``, ``notebook``, ``function`` (``module.qualname``),
        ``corpus_hash``, ``parameters`` (the keyword arguments with the
        function's defaults applied, without ``corpus`` and an output
        ``path``; JSON-safe), ``seed`` (the ``seed`` parameter, or ``None`` if
        the function has none), ``versions`` (:func:`package_versions`) and
        ``data_hash``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from types import SimpleNamespace
    >>> def fig_demo(corpus, *, n=3, seed=0, colors=("red",)):
    ...     fig, ax = plt.subplots()
    ...     ax.plot(range(n))
    ...     return fig
    >>> fig = fig_demo(None, n=4)
    >>> r = figure_record("demo.png", fig_demo, "00_demo.ipynb", {"n": 4}, SimpleNamespace(hash="abc"), fig)
    >>> plt.close(fig)
    >>> r["parameters"], r["seed"], r["corpus_hash"], r["function"].rsplit(".", 1)[-1]
    ({'n': 4, 'seed': 0, 'colors': ['red']}, 0, 'abc', 'fig_demo')
    >>> sorted(r["versions"])[:3]
    ['gensim', 'matplotlib', 'nltk']
    """
    params = _parameters(fn, kwargs)
    has_seed = "seed" in inspect.signature(fn).parameters
    data_hash = sha256_bytes(bytes(fig)) if isinstance(fig, (bytes, bytearray)) else plotted_data_hash(fig)
    return {
        "file": str(name),
        "notebook": str(notebook),
        "function": f"{fn.__module__}.{fn.__qualname__}",
        "corpus_hash": str(corpus.hash),
        "parameters": params,
        "seed": params.get("seed") if has_seed else None,
        "versions": package_versions(),
        "data_hash": data_hash,
    }


def _default_manifest() -> Path:
    return paths.FIGURES / MANIFEST_NAME


def write_manifest(records: Iterable[Mapping[str, Any]], path: str | Path | None = None) -> Path:
    """Write the records as ``figures/manifest.json`` (or ``path``), atomically; return the path.

    JSON with sorted keys, records sorted by file, a trailing newline and no
    timestamp: the same records give the same bytes.

    Raises
    ------
    ValueError
        If a record lacks a field of :data:`RECORD_FIELDS` or two records name the same file.

    Examples
    --------
    >>> import tempfile
    >>> rec = {f: None for f in RECORD_FIELDS}
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_manifest([dict(rec, file="b.png"), dict(rec, file="a.png")], Path(d) / "m.json")
    ...     [r["file"] for r in read_manifest(p)]
    ['a.png', 'b.png']
    """
    records = [dict(r) for r in records]
    for r in records:
        missing = [f for f in RECORD_FIELDS if f not in r]
        if missing:
            raise ValueError(f"manifest record {r.get('file', '?')!r} lacks {', '.join(missing)}")
    files = [r["file"] for r in records]
    dupes = sorted({f for f in files if files.count(f) > 1})
    if dupes:
        raise ValueError(f"manifest lists {', '.join(dupes)} more than once")
    doc = {
        "about": "Provenance of every file in figures/: rebuilt by `python -m textlab figures`; "
        "data_hash is textlab.study.provenance.plotted_data_hash of the figure (sha256 of the bytes for HTML).",
        "figures": sorted(records, key=lambda r: r["file"]),
    }
    target = Path(path) if path is not None else _default_manifest()
    atomic_write_text(target, json.dumps(_json_safe(doc), sort_keys=True, indent=1, ensure_ascii=False) + "\n")
    log.info("wrote %s (%d records)", target, len(records))
    return target


def read_manifest(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The records of ``figures/manifest.json`` (or ``path``), sorted by file.

    Raises
    ------
    ValueError
        If the file is not a manifest (no ``figures`` list), naming the file.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> rec = dict.fromkeys(RECORD_FIELDS, None)
    >>> p = write_manifest([dict(rec, file="b.png", seed=1), dict(rec, file="a.png", seed=0)], d / "manifest.json")
    >>> [(r["file"], r["seed"]) for r in read_manifest(p)]
    [('a.png', 0), ('b.png', 1)]
    >>> _ = (d / "other.json").write_text('{"records": []}')
    >>> read_manifest(d / "other.json")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: ...other.json: not a figure manifest (no 'figures' list)
    """
    target = Path(path) if path is not None else _default_manifest()
    doc = json.loads(target.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or not isinstance(doc.get("figures"), list):
        raise ValueError(f"{target}: not a figure manifest (no 'figures' list)")
    return doc["figures"]


def check_figures(
    corpus: Any,
    names: Iterable[str] | None = None,
    manifest_path: str | Path | None = None,
    *,
    registry: Mapping[str, tuple[Callable[..., Any], str, Mapping[str, Any]]],
) -> pd.DataFrame:
    """Rebuild figures of ``registry`` in memory (no file is written) and compare their data hashes with the manifest.

    Parameters
    ----------
    corpus : textlab.Corpus
        The corpus to rebuild from.
    names : iterable of str, optional
        File names of ``registry``; default all of them.
    manifest_path : path, optional
        Default ``figures/manifest.json``.
    registry : mapping
        File name -> (function, notebook, keyword arguments): how each figure is made, as
        :data:`textlab.study.figures.FIGURES`.

    Returns
    -------
    pandas.DataFrame
        One row per figure, in the order given: ``file``, ``function``,
        ``recorded`` and ``rebuilt`` (the data hashes), ``same`` (equal),
        ``corpus_same`` (the manifest's corpus hash is this corpus's) and
        ``versions_same`` (the manifest's package versions are the installed
        ones). A difference with ``corpus_same`` and ``versions_same`` true
        means the code changed what the figure draws, or it is not reproducible.

    Raises
    ------
    ValueError
        If a name is not in ``registry`` or not in the manifest (checked before any figure is built), naming it.

    Examples
    --------
    Record one figure of a tiny corpus in a manifest, then check it against a rebuild:

    >>> import tempfile
    >>> from textlab.corpus.table import Corpus
    >>> from textlab.study.figures import FIGURES
    >>> docs = pd.DataFrame({"author": ["A. Adams", "B. Brown", "B. Brown"],
    ...                      "kind": ["primary", "primary", "quotation"], "n_words": [120, 300, 40]})
    >>> corpus = Corpus(docs, pd.DataFrame(), pd.DataFrame(), {"corpus_hash": "abc"})
    >>> name = "01_words_by_author_kind.png"
    >>> fn, notebook, kwargs = FIGURES[name]
    >>> rec = figure_record(name, fn, notebook, kwargs, corpus, fn(corpus, **kwargs))
    >>> manifest = write_manifest([rec], Path(tempfile.mkdtemp()) / "manifest.json")
    >>> got = check_figures(corpus, [name], manifest, registry=FIGURES)
    >>> got.loc[0, ["same", "corpus_same", "versions_same"]].tolist()
    [True, True, True]

    One word more in a row, under the same corpus hash: the figure draws other data.

    >>> changed = Corpus(docs.assign(n_words=[121, 300, 40]), pd.DataFrame(), pd.DataFrame(), {"corpus_hash": "abc"})
    >>> check_figures(changed, [name], manifest, registry=FIGURES).loc[0, ["same", "corpus_same"]].tolist()
    [False, True]
    >>> check_figures(corpus, ["01_words_by_year.png"], manifest, registry=FIGURES)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: not in the figure manifest ...manifest.json: 01_words_by_year.png
    """
    records = {r["file"]: r for r in read_manifest(manifest_path)}
    names = list(registry) if names is None else [names] if isinstance(names, str) else list(names)
    unknown = [n for n in names if n not in registry]
    if unknown:
        raise ValueError(f"not in the figure registry: {', '.join(map(str, unknown))}")
    unlisted = [n for n in names if n not in records]
    if unlisted:
        raise ValueError(f"not in the figure manifest {manifest_path or _default_manifest()}: {', '.join(unlisted)}")
    versions = package_versions()
    rows = []
    for i, name in enumerate(names, 1):
        fn, _, kwargs = registry[name]
        log.info("[%d/%d] rebuilding %s", i, len(names), name)
        fig = fn(corpus, **kwargs)
        try:
            rebuilt = plotted_data_hash(fig)
        finally:
            plt.close(fig)
        rec = records[name]
        rows.append(
            {
                "file": name,
                "function": rec.get("function"),
                "recorded": rec.get("data_hash"),
                "rebuilt": rebuilt,
                "same": rec.get("data_hash") == rebuilt,
                "corpus_same": rec.get("corpus_hash") == corpus.hash,
                "versions_same": rec.get("versions") == versions,
            }
        )
        if not rows[-1]["same"]:
            log.warning(
                "%s: data hash %s differs from the manifest's %s", name, rebuilt[:12], str(rec.get("data_hash"))[:12]
            )
    return pd.DataFrame(
        rows, columns=["file", "function", "recorded", "rebuilt", "same", "corpus_same", "versions_same"]
    )
