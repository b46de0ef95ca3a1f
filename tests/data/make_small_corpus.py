"""Write the small test corpus ``tests/data/small_corpus/`` from the bundled corpus (deterministic).

Passages of real text are cut from the cleaned rows of the bundled corpus
(``textlab.load_corpus().docs``): each author and year's ``primary`` rows are
split into paragraphs and sentences, and consecutive sentences of one work are
joined into passages of 700-1,300 words; a few passages per author and year
are taken, evenly spread over the candidates. Two passages of Cliff's block
quotations (``kind`` quotation) are added so that the quotation options have
something to act on. Dates are the source rows' dates, never invented.

Run from the repository root::

    .venv/bin/python tests/data/make_small_corpus.py

The output is the same on every run for the same bundled corpus.
"""

from __future__ import annotations

import csv
import itertools
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "small_corpus"
sys.path.insert(0, str(HERE.parent.parent))

#: (author, year, kind) -> number of passages, and the short label used in file names.
PLAN = {
    ("Herman Gorter", 1920, "primary"): 8,
    ("Leon Trotsky", 1923, "primary"): 4,
    ("Leon Trotsky", 1924, "primary"): 4,
    ("Leon Trotsky", 1925, "primary"): 4,
    ("Leon Trotsky", 1928, "primary"): 2,
    ("Leon Trotsky", 1930, "primary"): 3,
    ("Leon Trotsky", 1931, "primary"): 3,
    ("Tony Cliff", 1993, "primary"): 8,
    ("Tony Cliff", 1993, "quotation"): 2,
}
LABEL = {"Herman Gorter": "gorter", "Leon Trotsky": "trotsky", "Tony Cliff": "cliff"}
MIN_WORDS, MAX_WORDS = 700, 1300
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9'\"\u2018\u201c(])")


def _units(text: str, para0: int) -> list[tuple[str, int]]:
    """Paragraphs of a row's text as ``(text, paragraph number)``, long paragraphs cut into sentences."""
    from textlab.corpus.table import count_words

    out = []
    for k, para in enumerate(re.split(r"\n\s*\n", text)):
        para = " ".join(para.split())
        if not para:
            continue
        if count_words(para) <= 250:
            out.append((para, para0 + k))
        else:
            out += [(s, para0 + k) for s in _SENT.split(para) if s.strip()]
    return out


def _join(units: list[tuple[str, int]]) -> str:
    """Units back into text: sentences of one paragraph joined by a space, paragraphs by a blank line."""
    out = units[0][0]
    for (_, prev), (u, para) in itertools.pairwise(units):
        out += (" " if para == prev else "\n\n") + u
    return out


def _passages(rows) -> list[tuple[str, str, str]]:
    """Candidate passages ``(work, date, text)``: consecutive units of one work, MIN..MAX words."""
    from textlab.corpus.table import count_words

    out = []
    for work, d in rows.groupby("work", sort=False):
        units = []
        for i, r in enumerate(d.itertuples()):
            units += [(u, p, str(r.date)) for u, p in _units(r.text, 100_000 * i)]
        cur: list[tuple[str, int]] = []
        n = 0
        date = None
        for u, p, dt in units:
            w = count_words(u)
            if n + w > MAX_WORDS:
                if n >= MIN_WORDS:
                    out.append((work, date, _join(cur)))
                cur, n = [], 0
                if w > MAX_WORDS:
                    continue
            if not cur:
                date = dt
            cur.append((u, p))
            n += w
        if n >= MIN_WORDS:
            out.append((work, date, _join(cur)))
    return out


def main() -> None:
    import textlab

    docs = textlab.load_corpus().docs.sort_values(["source", "line_start"], kind="mergesort")
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    meta = []
    for (author, year, kind), n in PLAN.items():
        rows = docs[(docs["author"] == author) & (docs["year"] == year) & (docs["kind"] == kind)]
        cands = _passages(rows)
        if len(cands) < n:
            raise SystemExit(f"{author} {year} {kind}: only {len(cands)} passages of {MIN_WORDS}-{MAX_WORDS} words")
        picks = [cands[round(i * (len(cands) - 1) / max(n - 1, 1))] for i in range(n)]
        for k, (work, date, text) in enumerate(picks, 1):
            stem = f"{LABEL[author]}_{year}{'_q' if kind == 'quotation' else ''}_{k:02d}"
            (OUT / f"{stem}.txt").write_text(text + "\n\n", encoding="utf-8")  # a closing blank line, dropped as such
            meta.append(
                {
                    "file": f"{stem}.txt",
                    "author": author,
                    "title": f"{work} (passage {k})",
                    "date": date,
                    "id": stem,
                    "kind": kind,
                    "work": work,
                }
            )
    with open(OUT / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(
            fh, fieldnames=["file", "author", "title", "date", "id", "kind", "work"], lineterminator="\n"
        )
        w.writeheader()
        w.writerows(meta)
    (OUT / "README.md").write_text(
        "Small test corpus for `tests/test_cli.py`, written by `tests/data/make_small_corpus.py` "
        "(do not edit by hand).\n"
        "The text is passages cut from the bundled corpus's cleaned rows (`data/raw/`, see `data/manifest.csv`): "
        "Herman Gorter, *Open Letter to Comrade Lenin* (1920); Leon Trotsky, *The Challenge of the Left Opposition "
        "1923-25*, the 1928 letter on the situation in Russia and *Writings 1930-31*; Tony Cliff, *Trotsky: The Darker "
        "the Night the Brighter the Star* (1993, including two passages of its block quotations, kind `quotation`). "
        "Dates are the source rows' dates. Licences are those of the bundled files (column `licence` of "
        "`data/manifest.csv`): Gorter's text is in the public domain, the 1928 letter is a Marxists Internet Archive "
        "transcription, the other excerpts are copyright and kept, like the bundled corpus, "
        "for non-commercial research.\n",
        encoding="utf-8",
    )
    print(f"{len(meta)} files in {OUT}")


if __name__ == "__main__":
    main()
