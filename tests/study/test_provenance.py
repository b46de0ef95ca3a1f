"""Tests for textlab/study/provenance.py: the data hash of a figure, its manifest record, and figures/manifest.json."""

import json
import re
from types import SimpleNamespace

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from textlab.core import paths
from textlab.core.io import sha256_bytes
from textlab.study import provenance
from textlab.study.figures import FIGURES, PAGES
from textlab.study.provenance import RECORD_FIELDS, figure_record, plotted_data_hash, read_manifest, write_manifest

#: Cheap real figures (no topic model) rebuilt against the committed manifest: one per notebook 01, 02, 05.
SAMPLE = ["01_who_speaks.png", "02_log_odds_pair.png", "05_quoted_share.png"]
MANIFEST = paths.FIGURES / provenance.MANIFEST_NAME


def _hash(build, **fig_kw):
    fig = plt.figure(**fig_kw)
    try:
        build(fig)
        return plotted_data_hash(fig)
    finally:
        plt.close(fig)


def _demo(
    fig,
    y=(1.0, 4.0, 9.0),
    xlabel="x",
    ticks=("a", "b", "c"),
    legend="series",
    title="demo",
    points=((1, 2), (3, 4)),
    bars=(2.0, 3.0),
    image=((1, 2), (3, 4)),
    span=(0.0, 1.0),
    note="n = 3",
):
    ax, ax2 = fig.subplots(1, 2)
    ax.plot([0, 1, 2], list(y), label=legend)
    ax.barh(list(ticks[:2]), list(bars))
    ax.scatter(*zip(*points))
    ax.hlines([0, 1], [0, 0], list(span))
    ax.fill_between([0, 1], [0, 1], [1, 2])
    ax.text(1, 1, note)
    ax.annotate("w", (1, 2), xytext=(3, 0), textcoords="offset points")
    ax.set_xticks([0, 1, 2], list(ticks))
    ax.set_xlabel(xlabel)
    ax.legend()
    im = ax2.imshow(np.array(image, dtype=float))
    fig.colorbar(im, ax=ax2)
    fig.suptitle(title)


BASE = _hash(_demo)


@pytest.mark.parametrize(
    "change",
    [
        {"y": (1.0, 4.0, 9.5)},
        {"points": ((1, 2), (3, 4.5))},
        {"bars": (2.0, 3.1)},
        {"image": ((1, 2), (3, 5))},
        {"span": (0.0, 1.5)},
        {"xlabel": "y"},
        {"ticks": ("a", "b", "d")},
        {"legend": "other"},
        {"title": "other"},
        {"note": "n = 4"},
    ],
    ids=lambda c: next(iter(c)),
)
def test_hash_changes_when_one_plotted_value_or_label_changes(change):
    assert _hash(lambda fig: _demo(fig, **change)) != BASE


def test_hash_is_the_same_for_the_same_figure_drawn_twice_and_after_rendering(tmp_path):
    assert _hash(_demo) == BASE
    fig = plt.figure()
    _demo(fig)
    fig.savefig(tmp_path / "a.png", dpi=50)  # drawing (layout, ticks) does not change the hash
    fig.tight_layout()
    assert plotted_data_hash(fig) == BASE
    plt.close(fig)


def test_hash_ignores_size_resolution_and_style():
    assert _hash(_demo, figsize=(3, 2), dpi=50) == BASE
    assert _hash(_demo, figsize=(14, 9), dpi=300) == BASE
    with matplotlib.rc_context(
        {"font.size": 20, "lines.linewidth": 5, "axes.prop_cycle": matplotlib.cycler(color=["k"])}
    ):
        assert _hash(_demo) == BASE


def test_hash_ignores_floating_point_noise_but_not_a_real_difference():
    def line(y):
        return lambda fig: fig.subplots().plot([0, 1, 2], y)

    assert _hash(line([0.3, 1e-17, 2.0])) == _hash(line([0.1 + 0.2, -1e-17, 2.0])) == _hash(line([0.3, 0.0, 2.0]))
    # the largest difference between imitated CPUs outside a topic model's fit (4e-10 of a value) is noise too
    assert _hash(line([0.3 * (1 + 4e-10), 0.0, 2.0])) == _hash(line([0.3, 0.0, 2.0]))
    assert _hash(line([0.3, 0.0, 2.0])) != _hash(line([0.3, 1e-5, 2.0]))
    assert _hash(line([0.3, 0.0, 2.0])) != _hash(line([0.300001, 0.0, 2.0]))


def test_hash_skips_unknown_artists_and_invisible_ones():
    from matplotlib.offsetbox import AnchoredText
    from matplotlib.table import table

    def plain(fig):
        fig.subplots().plot([1, 2], [3, 4])

    def extra(fig):
        plain(fig)
        ax = fig.axes[0]
        ax.add_artist(AnchoredText("an anchored box", loc="upper left"))  # not a known type: skipped, no error
        table(ax, cellText=[["1"]])
        ax.plot([1, 2], [4, 3], visible=False)  # within the limits, so they stay the same

    assert _hash(extra) == _hash(plain)


def _fig_demo(corpus, *, n=3, labels=("a", "b"), seed=7, obj=object()):  # noqa: B008 - a repr with an address
    fig, ax = plt.subplots()
    ax.plot(range(n))
    return fig


def test_figure_record_has_every_field():
    fig = _fig_demo(None, n=4)
    rec = figure_record("demo.png", _fig_demo, "00_demo.ipynb", {"n": 4}, SimpleNamespace(hash="c0ffee"), fig)
    assert rec["data_hash"] == plotted_data_hash(fig)
    plt.close(fig)
    assert sorted(rec) == sorted(RECORD_FIELDS)
    assert rec["file"] == "demo.png" and rec["notebook"] == "00_demo.ipynb" and rec["corpus_hash"] == "c0ffee"
    assert rec["function"] == f"{__name__}._fig_demo"
    assert rec["parameters"]["n"] == 4 and rec["parameters"]["labels"] == ["a", "b"]  # defaults applied, JSON-safe
    assert rec["parameters"]["obj"] == "<object object>"  # a repr without its memory address
    assert "corpus" not in rec["parameters"] and rec["seed"] == 7
    assert set(rec["versions"]) == {"python", *provenance.PACKAGES}
    assert rec["versions"]["numpy"] == np.__version__ and rec["versions"]["matplotlib"] == matplotlib.__version__
    assert re.fullmatch(r"[0-9a-f]{64}", rec["data_hash"])
    json.dumps(rec, allow_nan=False)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_record_of_every_registered_figure(name):
    import inspect

    fn, notebook, kwargs = FIGURES[name]
    rec = figure_record(name, fn, notebook, kwargs, SimpleNamespace(hash="h"), b"bytes stand in for the figure")
    assert rec["function"] == f"{fn.__module__}.{fn.__name__}" and fn.__module__.startswith("textlab.study.figures")
    assert rec["seed"] == (rec["parameters"]["seed"] if "seed" in inspect.signature(fn).parameters else None)
    json.dumps(rec, allow_nan=False)


def test_manifest_written_twice_is_byte_identical_sorted_and_has_no_timestamp(tmp_path):
    fig = _fig_demo(None)
    recs = [figure_record(n, _fig_demo, "x.ipynb", {}, SimpleNamespace(hash="h"), fig) for n in ("b.png", "a.png")]
    plt.close(fig)
    a = write_manifest(recs, tmp_path / "a.json").read_bytes()
    b = write_manifest(recs[::-1], tmp_path / "b.json").read_bytes()
    assert a == b and a.endswith(b"}\n")
    assert [r["file"] for r in read_manifest(tmp_path / "a.json")] == ["a.png", "b.png"]
    assert not re.search(rb"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", a)
    assert not list(tmp_path.glob(".*.tmp"))
    with pytest.raises(ValueError, match="a.png more than once"):
        write_manifest(recs + recs[1:], tmp_path / "c.json")
    with pytest.raises(ValueError, match="lacks data_hash"):
        write_manifest([{k: v for k, v in recs[0].items() if k != "data_hash"}], tmp_path / "c.json")


def test_committed_manifest_lists_exactly_the_figures_and_they_exist(corpus):
    from textlab.study.figures import figure_kwargs

    records = read_manifest(MANIFEST)
    names = [r["file"] for r in records]
    assert names == sorted([*FIGURES, *PAGES]), "rebuild with `python -m textlab figures`"
    for r in records:
        assert sorted(r) == sorted(RECORD_FIELDS), r["file"]
        assert (paths.FIGURES / r["file"]).is_file(), r["file"]
        fn, notebook, _ = FIGURES[r["file"]] if r["file"] in FIGURES else (*PAGES[r["file"]][:2], {})
        kwargs = figure_kwargs(r["file"], corpus) if r["file"] in FIGURES else {}  # the groups the figure compares
        assert r["notebook"] == notebook and r["function"] == f"{fn.__module__}.{fn.__name__}", r["file"]
        rebuilt = figure_record(r["file"], fn, notebook, kwargs, SimpleNamespace(hash=""), b"")
        assert r["parameters"] == rebuilt["parameters"], f"{r['file']}: parameters changed since the build"
        assert (paths.NOTEBOOKS / notebook).exists()
    browser = next(r for r in records if r["file"] == "topic_browser.html")
    assert browser["data_hash"] == sha256_bytes((paths.FIGURES / "topic_browser.html").read_bytes())
    assert (
        MANIFEST.read_text(encoding="utf-8")
        == json.dumps(json.loads(MANIFEST.read_text(encoding="utf-8")), sort_keys=True, indent=1, ensure_ascii=False)
        + "\n"
    )


def test_a_rebuild_of_sample_figures_plots_the_data_the_manifest_records(corpus, tmp_path):
    records = {r["file"]: r for r in read_manifest(MANIFEST)}
    assert {records[n]["corpus_hash"] for n in SAMPLE} == {corpus.hash}, (
        "figures are stale: `python -m textlab figures`"
    )
    # a copy of the manifest with one hash altered: the check must notice it (and rebuild each figure only once)
    doc = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for r in doc["figures"]:
        if r["file"] == SAMPLE[0]:
            r["data_hash"] = "0" * 64
    altered = tmp_path / "manifest.json"
    altered.write_text(json.dumps(doc), encoding="utf-8")
    got = provenance.check_figures(corpus, SAMPLE, altered, registry=FIGURES)
    assert got["file"].tolist() == SAMPLE
    assert got["same"].tolist() == [False, True, True]
    assert (got["rebuilt"] == [records[n]["data_hash"] for n in SAMPLE]).all(), got[["file", "rebuilt"]].to_string()
    assert got["corpus_same"].all()


def test_check_figures_names_what_it_cannot_check(corpus, tmp_path):
    with pytest.raises(ValueError, match="no_such_figure.png"):
        provenance.check_figures(corpus, ["01_who_speaks.png", "no_such_figure.png"], MANIFEST, registry=FIGURES)
    doc = json.loads(MANIFEST.read_text(encoding="utf-8"))
    doc["figures"] = [r for r in doc["figures"] if r["file"] != "05_reuse_map.png"]
    partial = tmp_path / "manifest.json"
    partial.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValueError, match="not in the figure manifest .*05_reuse_map.png"):
        provenance.check_figures(corpus, ["05_reuse_map.png"], partial, registry=FIGURES)
    with pytest.raises(ValueError, match="not a figure manifest"):
        (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
        provenance.check_figures(corpus, SAMPLE, tmp_path / "bad.json", registry=FIGURES)
