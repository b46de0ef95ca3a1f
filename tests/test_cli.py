"""Tests for textlab.cli: every subcommand's help, its errors, and the whole chain on a small shipped corpus.

The small corpus (``tests/data/small_corpus``, written by ``tests/data/make_small_corpus.py``) holds passages of
the bundled texts: 3 authors, 8 years, 38 files of 600-1,500 words.
"""

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from textlab.cli import build_parser, main

SMALL = Path(__file__).parent / "data" / "small_corpus"
META = SMALL / "metadata.csv"
AUTHORS = ["Herman Gorter", "Leon Trotsky", "Tony Cliff"]
SMALL_ARGS = ["--folder", str(SMALL), "--metadata", str(META)]


def _fails(capsys, argv) -> str:
    """Run ``argv``; it must exit with status 2 (returned, or argparse's SystemExit). Returns stderr."""
    try:
        rc = main(argv)
    except SystemExit as e:
        rc = e.code
    assert rc == 2
    captured = capsys.readouterr()
    assert captured.err.strip(), "an error must be explained on stderr"
    return captured.err


# --------------------------------------------------------------------------- the small corpus


def test_small_corpus_is_a_few_dozen_documents_of_several_authors_and_years():
    from textlab.corpus.table import count_words

    meta = pd.read_csv(META, dtype=str, keep_default_na=False)
    files = sorted(p.name for p in SMALL.glob("*.txt"))
    assert 30 <= len(files) <= 40 and sorted(meta["file"]) == files
    assert {"file", "author", "title", "date"} <= set(meta.columns)
    assert sorted(meta["author"].unique()) == AUTHORS
    years = meta.assign(year=meta["date"].str[:4]).groupby("author")["year"].nunique()
    assert years["Leon Trotsky"] >= 5 and meta["date"].str[:4].nunique() >= 6
    words = [count_words((SMALL / f).read_text(encoding="utf-8")) for f in files]
    assert all(600 <= w <= 1500 for w in words), words
    assert sum(p.stat().st_size for p in SMALL.iterdir()) < 400_000
    assert "make_small_corpus.py" in (SMALL / "README.md").read_text(encoding="utf-8")


def test_build_small_corpus_prints_rows_authors_years_and_line_accounting(tmp_path, capsys):
    out_dir = tmp_path / "built"
    assert main(["build", *SMALL_ARGS, "--out", str(out_dir)]) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert "<CorpusTable 38 docs" in out and f"wrote {out_dir}" in out
    assert all(a in out for a in AUTHORS)
    for year in ("1920", "1923", "1924", "1925", "1928", "1930", "1931", "1993"):
        assert year in out
    assert "Line accounting" in out and "dropped_blank" in out and "Lexicon coverage" in out
    assert "Quoted share by author" in out and "comparison group" not in out  # groups.csv is the bundled corpus's
    assert "clean and segment" in captured.err and "38/38" in captured.err  # the progress bar, on stderr
    docs = pd.read_csv(out_dir / "docs.csv")
    assert len(docs) == 38 and sorted(docs["author"].unique()) == AUTHORS
    assert docs.groupby("author")["year"].nunique().to_dict() == {
        "Herman Gorter": 1,
        "Leon Trotsky": 6,
        "Tony Cliff": 1,
    }
    assert (out_dir / "build.json").exists() and (out_dir / "line_report.csv").exists()
    assert main(["build", *SMALL_ARGS, "--out", str(out_dir), "--jobs", "1"]) == 0
    again = capsys.readouterr()
    assert f"found {out_dir}" in again.out and "clean and segment" not in again.err  # not cleaned again


def test_build_quiet_hides_progress(tmp_path, capsys):
    assert main(["build", "-q", *SMALL_ARGS, "--out", str(tmp_path / "built")]) == 0
    assert "clean and segment" not in capsys.readouterr().err


def test_build_jobs_is_for_a_folder_corpus(capsys):
    assert main(["build", "--jobs", "2"]) == 2
    assert "--jobs is for a --folder corpus" in capsys.readouterr().err


def test_vocab_by_author_prints_each_authors_distinctive_terms(tmp_path, capsys):
    csv = tmp_path / "terms.csv"
    assert main(["vocab", "--by", "author", *SMALL_ARGS, "--top", "5", "--n-boot", "100", "--csv", str(csv)]) == 0
    out = capsys.readouterr().out
    assert "Distinctive terms by author: 36 rows of kind primary" in out  # the 2 quotation files stay out
    for a in AUTHORS:
        assert f"author = {a}:" in out
    t = pd.read_csv(csv)
    assert sorted(t["author"].unique()) == AUTHORS
    assert t.groupby("author").size().between(1, 5).all()
    assert (t["g2"] > 0).all() and (t["p"] < 0.001).all()
    gorter = t.loc[t["author"] == "Herman Gorter", "term"].tolist()
    assert gorter[0] in out and any(w in " ".join(gorter) for w in ("tactic", "western_europe", "left_wing"))


def test_vocab_by_year_against_a_reference_with_quotations(capsys):
    argv = [
        "vocab",
        "--by",
        "year",
        *SMALL_ARGS,
        "--reference",
        "1993",
        "--kind",
        "primary",
        "quotation",
        "--quotations",
        "drop",
        "--top",
        "3",
        "--n-boot",
        "50",
    ]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "38 rows of kind primary, quotation (quotations: drop)" in out and "against 1993" in out
    assert "year = 1920:" in out and "year = 1931:" in out and "year = 1993:" not in out


def test_vocab_groups_a_users_corpus_by_author_by_default(capsys):
    assert main(["vocab", *SMALL_ARGS, "--top", "2", "--n-boot", "20", "--min-count", "3"]) == 0
    out = capsys.readouterr().out
    assert "Distinctive terms by author: 36 rows" in out
    assert all(f"author = {a}:" in out for a in AUTHORS)


def test_vocab_by_several_columns_joined_with_plus(capsys):
    argv = ["vocab", *SMALL_ARGS, "--by", "author+year", "--top", "2", "--n-boot", "20", "--min-count", "3"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Distinctive terms by author+year" in out
    assert "author+year = Leon Trotsky 1923:" in out and "author+year = Herman Gorter 1920:" in out


# --------------------------------------------------------------------------- the same corpus options everywhere

ANALYSES = ["build", "vocab", "report", "topics", "figures", "notebooks"]


@pytest.mark.parametrize("command", ANALYSES)
def test_every_analysis_takes_folder_metadata_and_by_and_the_old_group_by(command, capsys):
    parser = build_parser()
    args = parser.parse_args([command, "--folder", "F", "--metadata", "M.csv", "--by", "author+year"])
    assert (args.folder, args.metadata, args.by) == (Path("F"), Path("M.csv"), "author+year")
    assert parser.parse_args([command, "--group-by", "year"]).by == "year"  # the earlier name, kept
    assert parser.parse_args([command]).by is None  # the default: author for yours, data/groups.csv for the bundled
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert "--by COLUMN" in out and "--folder DIR" in out and "--metadata CSV" in out
    assert "--group-by" not in out  # hidden


@pytest.mark.parametrize("command", ANALYSES)
def test_a_bad_by_names_the_option_and_the_columns_before_any_work(command, tmp_path, capsys):
    argv = [command, "--by", "author+party", *SMALL_ARGS]
    if command in ("figures", "notebooks"):
        argv += ["--out", str(tmp_path / "out")]
    err = _fails(capsys, argv)
    assert "--by 'author+party': not a column of the corpus table; available columns:" in err
    assert all(c in err for c in ("author", "year", "work", "source"))
    assert not (tmp_path / "out").exists()


def test_topics_on_a_users_corpus(capsys):
    from textlab import topics
    from textlab.study.choices import open_corpus
    from textlab.topics.backends import DEFAULT_BACKEND

    argv = ["topics", *SMALL_ARGS, "--by", "author", "--ks", "2", "3", "--seeds", "0", "1", "--quiet"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    corpus = open_corpus(SMALL, META, "author")
    sweep = topics.corpus_sweep(corpus, ks=(2, 3), seeds=(0, 1))
    k = topics.suggest_k(sweep.by_k)
    assert f"suggested K: {k}" in out and f"Sweep of {DEFAULT_BACKEND} LDA, 4 fits" in out
    assert "auc_topics" in out and f"TF-IDF vectors: {sweep.auc_tfidf:.3f}" in out
    assert all(lab in out for lab in topics.corpus_topics(corpus, k=k)["label"])
    assert "Gorter 1920" not in out and "Cliff 1993" not in out  # not the bundled corpus's groups


def test_report_by_a_column_adds_the_quoted_share_of_its_groups(capsys):
    assert main(["report", *SMALL_ARGS, "--by", "year"]) == 0
    out = capsys.readouterr().out
    share = out.split("Quoted share by comparison group (--by year):")[1]
    assert all(y in share for y in ("1920", "1923", "1931", "1993")) and "quoted_%" in share
    assert "--update-readme" in _fails(capsys, ["report", "--update-readme", "--by", "year"])


# --------------------------------------------------------------------------- logging: quiet unless -v


def _run_textlab(argv, cwd):
    """``python -m textlab ARGV`` in a fresh process (logging is set up once per process), from ``cwd``."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.run(
        [sys.executable, "-m", "textlab", *argv], capture_output=True, text=True, env=env, cwd=cwd, check=False
    )


def test_the_command_line_logs_warnings_only_unless_verbose(tmp_path):
    quiet = _run_textlab(["build", *SMALL_ARGS, "--out", str(tmp_path / "a")], tmp_path)
    assert quiet.returncode == 0, quiet.stderr
    assert "<CorpusTable 38 docs" in quiet.stdout
    assert "clean and segment" in quiet.stderr  # the progress bars stay
    assert not [line for line in quiet.stderr.splitlines() if "INFO" in line], quiet.stderr
    verbose = _run_textlab(["build", "-v", *SMALL_ARGS, "--out", str(tmp_path / "b")], tmp_path)
    assert verbose.returncode == 0, verbose.stderr
    info = [line for line in verbose.stderr.splitlines() if line.startswith("INFO textlab")]
    assert any("built corpus table" in line for line in info), verbose.stderr


# ------------------------------------------------------------------ errors name the file, line, column or option


def test_build_user_corpus_error_exits_2(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("text\n")
    (tmp_path / "m.csv").write_text("file,author,title,date\na.txt,A,T,someday\n")
    assert (
        main(["build", "--folder", str(tmp_path), "--metadata", str(tmp_path / "m.csv"), "--out", str(tmp_path / "o")])
        == 2
    )
    assert "m.csv line 2, column 'date'" in capsys.readouterr().err


def test_missing_metadata_file_is_named(tmp_path, capsys):
    err = _fails(capsys, ["build", "--folder", str(SMALL), "--metadata", str(tmp_path / "nowhere.csv")])
    assert "nowhere.csv: metadata file not found" in err


def test_missing_required_column_is_named(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("The party and the class.\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text("file,author,title\na.txt,A,T\n", encoding="utf-8")
    err = _fails(capsys, ["build", "--folder", str(tmp_path), "--metadata", str(tmp_path / "m.csv")])
    assert "m.csv: missing column(s) ['date']" in err


def test_metadata_errors_name_line_and_column(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("The party and the class.\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text("file,author,title,date,kind\na.txt,A,T,1921,speech\n", encoding="utf-8")
    err = _fails(capsys, ["vocab", "--by", "author", "--folder", str(tmp_path), "--metadata", str(tmp_path / "m.csv")])
    assert "m.csv line 2, column 'kind'" in err
    (tmp_path / "m.csv").write_text("file,author,title,date\nb.txt,A,T,1921\n", encoding="utf-8")
    assert "m.csv line 2: file" in _fails(
        capsys, ["report", "--folder", str(tmp_path), "--metadata", str(tmp_path / "m.csv")]
    )
    (tmp_path / "m.csv").write_text("", encoding="utf-8")
    assert "m.csv: the metadata file is empty" in _fails(
        capsys, ["build", "--folder", str(tmp_path), "--metadata", str(tmp_path / "m.csv")]
    )


def test_folder_and_metadata_go_together(capsys):
    assert "--folder needs --metadata" in _fails(capsys, ["build", "--folder", str(SMALL)])
    assert "--metadata needs --folder" in _fails(capsys, ["report", "--metadata", str(META)])


def test_vocab_bad_by_column_names_the_option_and_the_columns(capsys):
    err = _fails(capsys, ["vocab", "--by", "party", *SMALL_ARGS])
    assert "--by 'party'" in err and "available columns:" in err
    assert all(c in err for c in ("author", "year", "work", "source"))


def test_vocab_bad_values_name_the_option(capsys):
    assert "--reference '1850'" in _fails(capsys, ["vocab", "--by", "year", "--reference", "1850", *SMALL_ARGS])
    assert "--by kind" in _fails(capsys, ["vocab", "--by", "kind", *SMALL_ARGS])  # one group only
    assert "--kind" in _fails(capsys, ["vocab", "--by", "author", "--kind", "speech"])
    assert "--top" in _fails(capsys, ["vocab", "--by", "author", "--top", "0"])
    assert "--min-doc-share" in _fails(capsys, ["vocab", "--by", "author", "--min-doc-share", "2"])


def test_topics_bad_k_names_the_option(capsys):
    assert "argument --ks: must be at least 2, got 1" in _fails(
        capsys, ["topics", "--ks", "1", "--seeds", "0", "--quiet"]
    )
    assert "argument --ks: invalid int value: 'ten'" in _fails(capsys, ["topics", "--ks", "ten"])
    assert "--ks: [5] given more than once" in _fails(capsys, ["topics", "--ks", "5", "5", "--quiet"])
    assert "argument --seeds" in _fails(capsys, ["topics", "--seeds", "-1"])


def test_report_update_readme_is_for_the_bundled_corpus(capsys):
    assert "--update-readme" in _fails(capsys, ["report", "--update-readme", *SMALL_ARGS])


def test_notebooks_missing_notebook_is_named(tmp_path, capsys):
    assert "nope.ipynb: notebook not found" in _fails(capsys, ["notebooks", str(tmp_path / "nope.ipynb")])


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize(
    "command, options",
    [
        ("build", ["--folder", "--metadata", "--out", "--quiet"]),
        ("vocab", ["--by", "--folder", "--metadata", "--top", "--kind", "--quotations", "--reference", "--csv"]),
        ("report", ["--folder", "--metadata", "--markdown", "--update-readme"]),
        ("topics", ["--ks", "--seeds", "--backend", "--quotations", "--no-topics", "--quiet", "--folder", "--by"]),
        ("figures", ["--out"]),
        ("notebooks", ["--timeout", "NOTEBOOK"]),
        (
            "counts",
            ["SOURCE", "OUT", "--engine", "--master", "--chunk-words", "--min-df", "--max-df", "--k", "--quiet"],
        ),
    ],
)
def test_help_explains_itself(command, options, capsys):
    with pytest.raises(SystemExit) as e:
        main([command, "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: textlab {command}")
    description = out.split("\n\n")[1]
    assert len(description.split()) >= 12, description  # a sentence or more, not just the usage line
    assert all(o in out for o in options)


def test_top_level_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert all(c in out for c in ("build", "vocab", "report", "topics", "counts", "figures", "notebooks", "examples"))


# --------------------------------------------------------------------------- the bundled corpus


def test_report_prints_tables(corpus, capsys):
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "Lexicon coverage" in out and "Line accounting" in out
    assert "Quoted share by author" in out and "Quoted share by comparison group" in out and "Cliff 1993" in out


def test_report_on_the_small_corpus(capsys):
    assert main(["report", *SMALL_ARGS]) == 0
    out = capsys.readouterr().out
    share = out.split("Quoted share by author")[1]
    assert all(a in share for a in AUTHORS) and "quoted_%" in share


def test_topics_prints_the_sweep_the_suggested_k_and_the_topics(corpus, capsys):
    from textlab import topics

    assert main(["topics", "--quiet"]) == 0
    out = capsys.readouterr().out
    k = topics.chosen_k(corpus)
    assert f"suggested K: {k}" in out and "perplexity" in out and "stable_share" in out
    assert all(lab in out for lab in topics.corpus_topics(corpus)["label"])


#: What only the bundled corpus's commentary and findings say: its authors, groups, books and numbers. A run on
#: another corpus must show none of them, except where the corpus's own data holds the string.
BUNDLED_STRINGS = (
    "Trotsky",
    "Gorter",
    "Cliff",
    "Wildcat",
    "Gorter 1920",
    "Trotsky 1923-25",
    "Trotsky 1928",
    "Trotsky 1930-31",
    "Cliff 1993",
    "K = 15",
    "Thermidor",
    "Left Opposition",
    "Pathfinder",
    "**On the bundled corpus.**",
)
#: The figures each test corpus has nothing to show for: small_corpus shares no passage between rows; the
#: one-year corpus has no quotations and no change over time.
ABSENT = {
    "small_corpus": {"05_reuse_map.png"},
    "one_year_corpus": {
        "02_vocabulary_shift.png",
        "02_words_over_time.png",
        "02_quotations_left_in.png",
        "04_theme_shift.png",
        "04_themes_over_time.png",
        "05_quoted_share.png",
        "05_topics_with_quotations.png",
    },
}


def _shown_text(nb: dict) -> str:
    """Everything a reader of an executed notebook sees: its cells' sources and every output's text."""
    parts = []
    for c in nb["cells"]:
        parts.append("".join(c["source"]))
        for o in c.get("outputs", []):
            parts.append("".join(o.get("text", "")))
            for kind in ("text/plain", "text/markdown", "text/html"):
                parts.append("".join(o.get("data", {}).get(kind, "")))
    return "\n".join(parts)


@pytest.mark.parametrize("name, group_by", [("small_corpus", "author+year"), ("one_year_corpus", None)])
def test_the_whole_suite_runs_on_a_users_corpus_from_the_command_line(tmp_path, capsys, name, group_by):
    """Every notebook, then every figure, on a corpus that is not the bundled one: nothing is tied to its texts.

    The executed notebooks name none of the bundled corpus's authors, groups or findings (but where the corpus's
    own metadata or texts hold them: small_corpus is cut from the bundled books); every figure written is
    non-empty, named by what it shows, and the one the notebook shows (the same bytes as ``textlab figures``
    draws with the same choices); a figure with nothing to show is not written and says why in one line.
    """
    import json

    from textlab import topics
    from textlab.features.rows import corpus_rows
    from textlab.study.choices import open_corpus
    from textlab.study.figures import FIGURES
    from textlab.study.run import notebook_paths

    folder = Path(__file__).parent / "data" / name
    args = ["--folder", str(folder), "--metadata", str(folder / "metadata.csv")]
    args += ["--by", group_by] if group_by else []
    assert main(["notebooks", *args, "--out", str(tmp_path / "run")]) == 0
    corpus = open_corpus(folder, folder / "metadata.csv", group_by)
    own = "\n".join([*map(str, corpus.docs["text"]), folder.joinpath("metadata.csv").read_text(encoding="utf-8")])
    own += "\n".join(str(g) for g in corpus_rows(corpus)["group"].unique())  # group labels: "Herman Gorter 1920"
    forbidden = [w for w in BUNDLED_STRINGS if w not in own and not (w == "K = 15" and topics.chosen_k(corpus) == 15)]
    assert "Wildcat" in forbidden and "**On the bundled corpus.**" in forbidden
    absent = ABSENT[name]
    for nb in notebook_paths():
        done = json.loads((tmp_path / "run" / nb.name).read_text())
        code = [c for c in done["cells"] if c["cell_type"] == "code"]
        assert all(c.get("execution_count") for c in code), nb.name
        assert not [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"], nb.name
        injected = [c for c in done["cells"] if "injected-parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(injected) == 1 and str(folder) in "".join(injected[0]["source"])
        shown = _shown_text(done)
        assert [w for w in forbidden if w in shown] == [], nb.name
        for figure in absent:  # a figure with nothing to show says why, in one line, where the notebook shows it
            if FIGURES[figure][1] == nb.name:
                assert f"`{figure}` (" in shown and "*Nothing to show here: " in shown, (nb.name, figure)
    written = {p.name: p for p in (tmp_path / "run" / "figures").iterdir()}
    assert sorted(written) == sorted({*FIGURES, "topic_browser.html"} - absent)
    assert all(p.stat().st_size > 5000 for p in written.values())
    assert not [n for n in written if any(w.lower() in n.lower() for w in ("trotsky", "gorter", "cliff", "wildcat"))]
    assert main(["figures", *args, "--out", str(tmp_path / "fig")]) == 0
    manifest = json.loads((tmp_path / "fig" / "manifest.json").read_text())
    assert {r["file"] for r in manifest["figures"]} == set(written)
    for n in sorted(set(written) - {"topic_browser.html"}):  # the notebook's figure is the one the command draws
        assert (tmp_path / "fig" / n).read_bytes() == written[n].read_bytes(), n
    capsys.readouterr()
    assert main(["notebooks", *args]) == 2  # a user's run must not overwrite the bundled notebooks
    assert "--out is required" in capsys.readouterr().err


# --------------------------------------------------------------------------- counts of a corpus larger than memory


def test_counts_streams_a_folder_fits_topics_and_answers_again_from_disk(tmp_path, capsys):
    from textlab.scale.counts import StreamedCounts
    from textlab.topics.model import TopicModel

    out = tmp_path / "counts"
    assert main(["counts", str(SMALL), str(out), "--min-df", "2", "--k", "3", "-q"]) == 0
    printed = capsys.readouterr().out
    counts = StreamedCounts(out)
    assert f"{counts.n_docs:,} documents x {counts.n_terms:,} terms" in printed and "counted by the local" in printed
    assert counts.doc_ids[0].endswith("#0") and counts.n_docs > 38  # 500-word chunks of the 38 files
    model = TopicModel.load(out / "topics-gensim-streamed-k3-seed0.npz")
    assert model.k == 3 and model.doc_ids.tolist() == counts.doc_ids.tolist()
    assert len([ln for ln in printed.splitlines() if "NPMI" in ln]) == 3
    argv = ["counts", str(SMALL), str(out), "--min-df", "2", "--k", "3", "--metadata", str(META), "--by", "author"]
    assert main([*argv, "-q"]) == 0
    printed = capsys.readouterr().out
    assert "found up to date, nothing tokenised" in printed
    shares = printed.split("Mean topic shares")[1]
    assert all(a in shares for a in AUTHORS)
    assert main(["counts", str(SMALL), str(tmp_path / "whole"), "--chunk-words", "0", "--min-df", "0.1", "-q"]) == 0
    assert StreamedCounts(tmp_path / "whole").n_docs == 38


def test_counts_errors_name_the_path_or_the_option(tmp_path, capsys):
    assert str(tmp_path / "missing") in _fails(capsys, ["counts", str(tmp_path / "missing"), str(tmp_path / "c")])
    assert "--master goes with --engine spark" in _fails(
        capsys, ["counts", str(SMALL), str(tmp_path / "c"), "--master", "local[2]"]
    )
    assert "--max-df" in _fails(capsys, ["counts", str(SMALL), str(tmp_path / "c"), "--max-df", "1.5"])
    assert "--engine" in _fails(capsys, ["counts", str(SMALL), str(tmp_path / "c"), "--engine", "dask"])
    assert "--by and --metadata go together" in _fails(capsys, ["counts", str(SMALL), str(tmp_path / "c"), "--by", "x"])
    bad = ["counts", str(SMALL), str(tmp_path / "c"), "--k", "2", "--metadata", str(META), "--by", "party", "-q"]
    assert "--by party: not a column" in _fails(capsys, bad)
    other = tmp_path / "meta.csv"
    other.write_text("file,author\ngorter_1920_01.txt,Herman Gorter\n")
    bad = ["counts", str(SMALL), str(tmp_path / "c"), "--k", "2", "--metadata", str(other), "--by", "author", "-q"]
    assert "not listed in file" in _fails(capsys, bad)


# --------------------------------------------------------------------------- attribute


def _relabelled(tmp_path, relabel) -> tuple[Path, dict]:
    """A copy of the small corpus's metadata with ``relabel(meta)`` applied; returns its path and the true authors."""
    meta = pd.read_csv(META, dtype=str, keep_default_na=False)
    truth = dict(zip(meta["id"], meta["author"]))
    relabel(meta)
    path = tmp_path / "metadata.csv"
    meta.to_csv(path, index=False)
    return path, truth


def test_attribute_sends_relabelled_rows_back_to_their_authors(tmp_path, capsys):
    def relabel(meta):  # every fourth primary row of Gorter and of Trotsky becomes "Unknown"
        for author in AUTHORS[:2]:
            rows = meta.index[(meta["author"] == author) & (meta["kind"] == "primary")]
            meta.loc[rows[::4], "author"] = "Unknown"

    path, truth = _relabelled(tmp_path, relabel)
    csv = tmp_path / "attributed.csv"
    argv = ["attribute", "--folder", str(SMALL), "--metadata", str(path), "--candidates", *AUTHORS[:2]]
    assert main([*argv, "--unknown", "Unknown", "--csv", str(csv)]) == 0
    out = capsys.readouterr().out
    t = pd.read_csv(csv)
    assert len(t) == 7 and (t["attributed"] == t["doc_id"].str.rsplit("-", n=1).str[0].map(truth)).all()
    for doc_id, author in zip(t["doc_id"], t["attributed"]):
        assert any(line.startswith(doc_id) and author in line for line in out.splitlines())
    assert "Attribution of 7 documents to the nearest of 2 candidates by cosine Delta on 200 most frequent" in out
    confident = int((~t["uncertain"]).sum())
    assert confident >= 6 and f"{confident} of 7 attributed with confidence; {7 - confident} uncertain." in out


def test_attribute_one_author_split_in_two_is_uncertain(tmp_path, capsys):
    def relabel(meta):  # Trotsky's rows: every fifth "Unknown", the others alternately "T even" and "T odd"
        rows = meta.index[meta["author"] == "Leon Trotsky"]
        meta.loc[rows, "author"] = ["Unknown" if i % 5 == 0 else ("T even", "T odd")[i % 2] for i in range(len(rows))]

    path, _ = _relabelled(tmp_path, relabel)
    argv = ["attribute", "--folder", str(SMALL), "--metadata", str(path), "--candidates", "T even", "T odd"]
    assert main([*argv, "--unknown", "Unknown", "--chunk", "500", "--features", "function"]) == 0
    out = capsys.readouterr().out
    assert "0 of 4 attributed with confidence; 4 uncertain." in out
    assert len([line for line in out.splitlines() if ": uncertain: " in line]) == 4
    assert "function words, chunks of 500 words (a tail under 250 words joins the chunk before)" in out


def test_attribute_errors_name_the_option(capsys):
    argv = ["attribute", *SMALL_ARGS, "--candidates", "Herman Gorter", "Leon Trotsky"]
    assert "--candidates: ['Nobody'] not a value of author" in _fails(
        capsys, ["attribute", *SMALL_ARGS, "--candidates", "Herman Gorter", "Nobody", "--unknown", "Tony Cliff"]
    )
    assert "--unknown: no row of author 'Nobody'" in _fails(capsys, [*argv, "--unknown", "Nobody"])
    assert "--unknown: 'Leon Trotsky' is also a candidate" in _fails(capsys, [*argv, "--unknown", "Leon Trotsky"])
    assert "--by 'party': not a column" in _fails(capsys, [*argv, "--unknown", "X", "--by", "party"])
    err = _fails(capsys, [*argv, "--unknown", "Tony Cliff", "--chunk", "5000"])
    assert "--candidates: 'Herman Gorter' has 0 training chunks of 5000 words" in err and "a smaller chunk" in err
    assert "--features" in _fails(capsys, [*argv, "--unknown", "Tony Cliff", "--features", "words"])
    assert "--unknown" in _fails(capsys, argv)  # required


def test_attribute_help_explains_itself(capsys):
    with pytest.raises(SystemExit) as e:
        main(["attribute", "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: textlab attribute")
    for option in ("--candidates", "--unknown", "--by", "--features", "--n-features", "--chunk", "--metric", "--csv"):
        assert option in out
    assert "mfw" in out and "function" in out and "char3" in out and "burrows" in out
