"""The notebooks' prose about the data, written from the result tables at run time.

Every function here takes the tables a notebook section computes and returns Markdown (a ``str``; the notebooks
show it with ``IPython.display.Markdown``). The wording follows the numbers: a flat curve is called flat, an
interval that includes 0 is said to, a corpus without quotations is told so. Nothing here knows the bundled
corpus: its commentary is in :mod:`textlab.study.bundled_notes`. A section with nothing to show gets a
:class:`Nothing` (its reason, shown in one line) instead of a table or figure, and the prose functions say
nothing about it (``""``), so the reason is shown once. The topic sections' prose is in
:mod:`textlab.study.narrate_topics`.

Examples
--------
>>> print(listing(["party", "class", "war"]))
party, class and war
>>> Nothing("one group (A): nothing to compare it with")._repr_markdown_()
'*Nothing to show here: one group (A): nothing to compare it with.*'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

__all__ = [
    "Nothing",
    "listing",
    "words",
    "corpus_overview",
    "time_and_authors",
    "lexicon",
    "who_speaks",
    "line_accounting",
    "groups",
    "keyness",
    "log_odds",
    "vocabulary_shift",
    "diversity",
    "kwic",
    "collocations",
    "frequency_over_time",
    "quotations_left_in",
    "reuse",
    "quoted_share",
    "attribution",
]


@dataclass(frozen=True)
class Nothing:
    """What a section computes when the corpus gives it nothing to show: the reason, in one line.

    Figure functions (:mod:`textlab.study.figures`) and section tables (:mod:`textlab.study.sections`) return it
    instead of an empty figure or table; a notebook shows it as one line of Markdown, and no file is written
    for it. It is false in a boolean context.

    Examples
    --------
    >>> n = Nothing("no group quotes")
    >>> bool(n), n.reason, isinstance(n, Nothing)
    (False, 'no group quotes', True)
    """

    reason: str

    def __bool__(self) -> bool:
        return False

    def _repr_markdown_(self) -> str:
        return f"*Nothing to show here: {self.reason.rstrip('.')}.*"


def listing(items: Iterable[Any], *, conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``; ``""`` for no items.

    >>> listing([]), listing(["a"]), listing(["a", "b"], conjunction="or")
    ('', 'a', 'a or b')
    """
    xs = [str(x) for x in items]
    if len(xs) <= 1:
        return "".join(xs)
    return f"{', '.join(xs[:-1])} {conjunction} {xs[-1]}"


def words(terms: Iterable[Any], n: int | None = None) -> str:
    """Terms in italics, phrases with spaces: ``*united front*, *party*``.

    >>> words(["united_front", "party", "war"], n=2)
    '*united front*, *party*'
    """
    ts = [str(t).replace("_", " ") for t in terms]
    return ", ".join(f"*{t}*" for t in (ts if n is None else ts[:n]))


def _n(x: float) -> str:
    """A count with thousands separators."""
    return f"{int(round(float(x))):,}"


def _pct(x: float, digits: int = 0) -> str:
    return f"{100 * float(x):.{digits}f}%"


def _share(x: float) -> str:
    """A share of words: a percent with one decimal, or "under 0.1%"."""
    return _pct(x, 1) if x >= 0.001 or x == 0 else "under 0.1%"


# --------------------------------------------------------------------------- notebook 01: the corpus


def corpus_overview(docs: pd.DataFrame) -> str:
    """What the corpus holds: rows, sources, words, authors, years and kinds of text.

    Parameters
    ----------
    docs : DataFrame
        The corpus table (``corpus.docs``: ``source``, ``author``, ``year``, ``kind``, ``n_words``).

    Examples
    --------
    >>> docs = pd.DataFrame({"source": ["a", "a", "b"], "author": ["A", "A", "B"], "year": [1920, 1920, 1920],
    ...                      "kind": ["primary", "quotation", "primary"], "n_words": [100, 20, 80]})
    >>> print(corpus_overview(docs))  # doctest: +NORMALIZE_WHITESPACE
    3 rows from 2 source files, 200 words. Authors: A (120 words) and B (80 words). Every row is of one year,
    1920. Kinds of text, by words: primary 90.0%, quotation 10.0%.
    """
    n_words = int(docs["n_words"].sum())
    by_author = docs.groupby("author")["n_words"].sum().sort_values(ascending=False, kind="stable")
    authors = listing(f"{a} ({_n(w)} words)" for a, w in by_author.items())
    years = pd.to_numeric(docs["year"], errors="coerce").dropna().astype(int)
    if years.empty:
        when = "No row carries a year."
    elif years.nunique() == 1:
        when = f"Every row is of one year, {years.iloc[0]}."
    else:
        when = f"Years {years.min()}-{years.max()} ({years.nunique()} distinct years)."
    kinds = docs.groupby("kind")["n_words"].sum().sort_values(ascending=False, kind="stable") / max(n_words, 1)
    kinds_text = ", ".join(f"{k} {_share(v)}" for k, v in kinds.items())
    return (
        f"{_n(len(docs))} rows from {_n(docs['source'].nunique())} source files, {_n(n_words)} words. "
        f"Authors: {authors}. {when} Kinds of text, by words: {kinds_text}."
    )


def time_and_authors(spans: pd.DataFrame, *, unit: str = "groups") -> str:
    """Whether author and period can be told apart: do the groups' (or authors') years overlap?

    Parameters
    ----------
    spans : DataFrame
        One row per group (or author): ``group``, ``first`` and ``last`` year
        (:func:`textlab.study.choices.group_spans`).
    unit : str
        What the rows are, in the prose: ``"groups"`` or ``"authors"``.

    Examples
    --------
    >>> spans = pd.DataFrame({"group": ["A", "B"], "first": [1920, 1930], "last": [1925, 1931]})
    >>> print(time_and_authors(spans))  # doctest: +NORMALIZE_WHITESPACE
    No two of the 2 groups share a year: each covers its own span of time, so a difference between them is as
    much one of time as of author.
    >>> print(time_and_authors(spans.assign(first=1920, last=1920), unit="authors"))  # doctest: +NORMALIZE_WHITESPACE
    All 2 authors write in the same single year (1920): the corpus shows no change over time, and differences
    between authors are not differences of period.
    """
    s = spans.dropna(subset=["first", "last"])
    if len(s) < 2:
        return ""
    firsts, lasts = s["first"].astype(int), s["last"].astype(int)
    if firsts.nunique() == 1 and lasts.nunique() == 1 and firsts.iloc[0] == lasts.iloc[0]:
        return (
            f"All {len(s)} {unit} write in the same single year ({firsts.iloc[0]}): the corpus shows no change over "
            f"time, and differences between {unit} are not differences of period."
        ).replace("groups write in", "groups are of")
    rows = list(zip(s["group"], firsts, lasts))
    overlapping = [
        (a, b) for i, (a, f1, l1) in enumerate(rows) for (b, f2, l2) in rows[i + 1 :] if f1 <= l2 and f2 <= l1
    ]
    if not overlapping:
        return (
            f"No two of the {len(s)} {unit} share a year: each covers its own span of time, so a difference between "
            "them is as much one of time as of author."
        )
    pairs = "; ".join(f"{a} with {b}" for a, b in overlapping[:3])
    more = f"; {len(overlapping) - 3} more pairs" if len(overlapping) > 3 else ""
    return f"Some {unit} share years ({pairs}{more}): there, a difference between them is not one of period alone."


def lexicon(table: pd.DataFrame) -> str:
    """What cleaning did to the share of tokens the lexicon knows (:func:`textlab.study.report.lexicon_table`).

    Examples
    --------
    >>> t = pd.DataFrame({"share_raw": [90.0, 99.0], "share_clean": [97.5, 99.0], "change": [7.5, 0.0]},
    ...                  index=pd.Index(["a.txt", "b.txt"], name="source"))
    >>> print(lexicon(t))  # doctest: +NORMALIZE_WHITESPACE
    After cleaning, the lexicon knows 97.5-99.0% of each source's word tokens (lowest: a.txt). Cleaning raised
    the share most in a.txt, by 7.5 points (from 90.0%); it changed 1 of 2 sources.
    """
    t = table.sort_values("share_clean", kind="stable")
    lo, hi = float(t["share_clean"].min()), float(t["share_clean"].max())
    out = f"After cleaning, the lexicon knows {lo:.1f}-{hi:.1f}% of each source's word tokens (lowest: {t.index[0]})."
    changed = t[t["change"].abs() >= 0.05]
    if changed.empty:
        return out + " Cleaning changed no source's share by a tenth of a point or more."
    row = changed.iloc[int(changed["change"].to_numpy().argmax())]
    top = row.name
    return (
        out + f" Cleaning raised the share most in {top}, by {float(row['change']):.1f} points "
        f"(from {float(row['share_raw']):.1f}%); it changed {len(changed)} of {len(t)} sources."
    )


def who_speaks(docs: pd.DataFrame) -> str:
    """Whose words the rows are: the share of words by kind, and the sources with the most other voices.

    Examples
    --------
    >>> docs = pd.DataFrame({"source": ["a", "b"], "kind": ["primary", "primary"], "n_words": [10, 20]})
    >>> print(who_speaks(docs))  # doctest: +NORMALIZE_WHITESPACE
    Every row is primary text: the corpus marks no other voice (no editors' matter, notes, tables or block
    quotations). Quotations inside the rows are measured in notebook 05.
    """
    total = docs.groupby("kind")["n_words"].sum()
    if set(total.index) <= {"primary"}:
        return (
            "Every row is primary text: the corpus marks no other voice (no editors' matter, notes, tables or block "
            "quotations). Quotations inside the rows are measured in notebook 05."
        )
    share = (total / total.sum()).sort_values(ascending=False, kind="stable")
    others = share.drop("primary", errors="ignore")
    other = docs["n_words"].where(docs["kind"] != "primary", 0).groupby(docs["source"]).sum()
    by_source = other / docs.groupby("source")["n_words"].sum().clip(lower=1)
    most = by_source.sort_values(ascending=False, kind="stable")
    return (
        f"Primary text is {_pct(share.get('primary', 0.0))} of the words; other voices: "
        f"{', '.join(f'{k} {_share(v)}' for k, v in others.items())}. The source with the largest share of other "
        f"voices is {most.index[0]} ({_pct(most.iloc[0])} of its words)."
    )


def line_accounting(table: pd.DataFrame) -> str:
    """Raw lines kept and dropped, by reason (:func:`textlab.study.report.accounting_table`).

    Examples
    --------
    >>> t = pd.DataFrame({"lines": [10, 6], "kept": [8, 5], "dropped_blank": [2, 1]}, index=["a", "b"])
    >>> print(line_accounting(t))
    16 raw lines: 13 kept in rows (81%), 3 dropped: blank 3.
    """
    lines, kept = int(table["lines"].sum()), int(table["kept"].sum())
    drops = {c.removeprefix("dropped_"): int(table[c].sum()) for c in table.columns if c.startswith("dropped_")}
    drops = {k: v for k, v in sorted(drops.items(), key=lambda kv: -kv[1]) if v}
    dropped = sum(drops.values())
    reasons = ", ".join(f"{k.replace('_', ' ')} {_n(v)}" for k, v in drops.items())
    tail = f", {_n(dropped)} dropped: {reasons}." if dropped else "; none dropped."
    return f"{_n(lines)} raw lines: {_n(kept)} kept in rows ({_pct(kept / max(lines, 1))}){tail}"


# --------------------------------------------------------------------------- notebook 02: vocabulary


def groups(table: pd.DataFrame) -> str:
    """The groups compared: how many, the largest and smallest, and those of one document.

    Parameters
    ----------
    table : DataFrame
        Indexed by group, with ``documents`` and ``words`` columns.

    Examples
    --------
    >>> t = pd.DataFrame({"documents": [30, 1], "words": [20000, 5833]}, index=["A", "B"])
    >>> print(groups(t))  # doctest: +NORMALIZE_WHITESPACE
    2 groups, from A (30 documents, 20,000 words) to B (1 document, 5,833 words). B is a single document: its
    intervals hold only the other groups' variation, so read its words as a description of that document.
    """
    t = table.sort_values("words", ascending=False, kind="stable")
    if len(t) == 1:
        return f"One group, {t.index[0]} ({_n(t['documents'].iloc[0])} documents): nothing to compare it with."

    rows = t.to_dict("index")

    def size(g: str) -> str:
        d = int(rows[g]["documents"])
        return f"{g} ({_n(d)} document{'s' if d != 1 else ''}, {_n(rows[g]['words'])} words)"

    out = f"{len(t)} groups, from {size(str(t.index[0]))} to {size(str(t.index[-1]))}."
    single = [str(g) for g in t.index[t["documents"] == 1]]
    if single:
        verb = "is a single document" if len(single) == 1 else "are single documents"
        out += (
            f" {listing(single)} {verb}: its intervals hold only the other groups' variation, so read its words as a "
            "description of that document."
        )
    return out


def keyness(tables: Mapping[str, pd.DataFrame] | Nothing, sizes: Mapping[str, int] | None = None) -> str:
    """Each group's most distinctive words (:func:`textlab.vocab.distinctive_terms` tables, one per group).

    Examples
    --------
    >>> t = pd.DataFrame({"log_ratio": [3.0, 2.0], "lo": [2.0, -0.5], "hi": [4.0, 3.0]}, index=["war", "army"])
    >>> print(keyness({"A": t, "B": t.iloc[:0]}))
    - **A**: *war*, *army* (2 words in the figure; 1 with an interval that includes 0)
    - **B**: no word passes both tests (G2 and dispersion)
    """
    if isinstance(tables, Nothing):
        return ""
    lines = []
    for g, t in tables.items():
        if t.empty:
            lines.append(f"- **{g}**: no word passes both tests (G2 and dispersion)")
            continue
        crossing = int(((t["lo"] <= 0) & (t["hi"] >= 0)).sum()) if {"lo", "hi"} <= set(t.columns) else 0
        note = f"{len(t)} word{'s' if len(t) != 1 else ''} in the figure"
        if crossing:
            note += f"; {crossing} with an interval that includes 0"
        lines.append(f"- **{g}**: {words(t.index, n=6)} ({note})")
    return "\n".join(lines)


def log_odds(table: pd.DataFrame | Nothing, pair: tuple[str, str] | None, *, z: float = 1.96) -> str:
    """Which words lean to either group of a pair (:func:`textlab.vocab.fightin_words`: ``z`` by term).

    Examples
    --------
    >>> t = pd.DataFrame({"z": [4.0, 2.5, 0.3, -3.0]}, index=["war", "army", "day", "peace"])
    >>> print(log_odds(t, ("A", "B")))
    Of 4 words, 2 lean to A and 1 to B beyond |z| = 1.96. Most A: *war*, *army*. Most B: *peace*.
    >>> print(log_odds(t.assign(z=0.5), ("A", "B")))
    No word's z-score passes 1.96 either way: the data do not tell the two groups' vocabularies apart.
    """
    if isinstance(table, Nothing) or pair is None:
        return ""
    a, b = pair
    t = table.sort_values("z", ascending=False, kind="stable")
    up, down = t[t["z"] > z], t[t["z"] < -z]
    if up.empty and down.empty:
        return f"No word's z-score passes {z} either way: the data do not tell the two groups' vocabularies apart."
    out = f"Of {_n(len(t))} words, {_n(len(up))} lean to {a} and {_n(len(down))} to {b} beyond |z| = {z}."
    if len(up):
        out += f" Most {a}: {words(up.index, n=6)}."
    if len(down):
        out += f" Most {b}: {words(down.index[::-1], n=6)}."
    return out


def vocabulary_shift(tables: tuple[pd.DataFrame, pd.DataFrame] | Nothing, periods: tuple[str, str] | None) -> str:
    """Words one author uses less and more between two periods (two :func:`textlab.vocab.distinctive_terms`).

    Examples
    --------
    >>> gain = pd.DataFrame({"lo": [1.0], "hi": [2.0]}, index=["exile"])
    >>> print(vocabulary_shift((gain.iloc[:0], gain), ("A 1920", "A 1930")))
    From A 1920 to A 1930, 1 word rises past the tests (*exile*); none falls.
    """
    if isinstance(tables, Nothing) or periods is None:
        return ""
    lose, gain = tables
    early, late = periods
    if lose.empty and gain.empty:
        return f"No word passes the tests either way: the data show no change of vocabulary from {early} to {late}."

    def part(t: pd.DataFrame, verb: str) -> str:
        if t.empty:
            return f"none {verb}s"
        many = len(t) != 1
        return f"{len(t)} word{'s' if many else ''} {verb}{'' if many else 's'} past the tests ({words(t.index, n=6)})"

    rise, fall = part(gain, "rise"), part(lose, "fall")
    if gain.empty:
        return f"From {early} to {late}, {fall}; {rise}."
    return f"From {early} to {late}, {rise}; {fall}."


def diversity(summary: pd.DataFrame | Nothing, *, measure: str = "mtld") -> str:
    """Which groups the data rank by lexical richness: do the intervals of ``measure`` overlap?

    Parameters
    ----------
    summary : DataFrame
        :func:`textlab.vocab.diversity_by_group`'s summary, indexed by group (``mtld``, ``mtld_lo``, ``mtld_hi``,
        ``n_docs``).

    Examples
    --------
    >>> s = pd.DataFrame({"mtld": [90.0, 70.0], "mtld_lo": [85.0, 60.0], "mtld_hi": [95.0, 80.0], "n_docs": [9, 3]},
    ...                  index=["A", "B"])
    >>> print(diversity(s))  # doctest: +NORMALIZE_WHITESPACE
    MTLD is highest for A (90, interval 85-95) and lowest for B (70, interval 60-80); their intervals do not
    overlap: the data rank A above B. The widest interval is B's (3 works).
    """
    if isinstance(summary, Nothing) or summary.empty:
        return ""
    s = summary.dropna(subset=[measure]).sort_values(measure, ascending=False, kind="stable")
    if len(s) < 2:
        return ""
    top, low = s.index[0], s.index[-1]
    name = measure.upper()

    rows = s.to_dict("index")

    def iv(g: Any) -> str:
        r = rows[g]
        return f"{r[measure]:.0f}, interval {r[measure + '_lo']:.0f}-{r[measure + '_hi']:.0f}"

    apart = float(s.loc[top, measure + "_lo"]) > float(s.loc[low, measure + "_hi"])
    verdict = (
        f"their intervals do not overlap: the data rank {top} above {low}"
        if apart
        else "their intervals overlap: the data do not rank even these two"
    )
    widest = (s[measure + "_hi"] - s[measure + "_lo"]).idxmax()
    works = f" ({_n(rows[widest]['n_docs'])} works)" if "n_docs" in s.columns else ""
    return (
        f"{name} is highest for {top} ({iv(top)}) and lowest for {low} ({iv(low)}); {verdict}. "
        f"The widest interval is {widest}'s{works}."
    )


def kwic(hits: pd.DataFrame, query: str) -> str:
    """Who uses a word: keyword-in-context hits by author and kind of row.

    Examples
    --------
    >>> hits = pd.DataFrame({"author": ["A", "A", "B"], "kind": ["primary", "quotation", "primary"]})
    >>> print(kwic(hits, "war"))
    3 matches of `war`: A 2 (primary 1, quotation 1), B 1 (primary 1).
    """
    if hits.empty:
        return f"No match of `{query}` in any row."
    parts = []
    for author, d in sorted(hits.groupby("author"), key=lambda kv: (-len(kv[1]), str(kv[0]))):
        kinds = d["kind"].value_counts().sort_index()
        parts.append(f"{author} {len(d)} ({', '.join(f'{k} {v}' for k, v in kinds.items())})")
    return f"{_n(len(hits))} match{'es' if len(hits) != 1 else ''} of `{query}`: {', '.join(parts)}."


def collocations(table: pd.DataFrame, node: str) -> str:
    """Each group's strongest collocates of ``node`` (:func:`textlab.vocab.collocations`, by G2).

    Examples
    --------
    >>> t = pd.DataFrame({"group": ["A", "A", "B"], "collocate": ["war", "army", "peace"], "O": [5, 3, 4],
    ...                   "g2": [20.0, 9.0, 12.0]})
    >>> print(collocations(t, "party"))
    Strongest collocates of *party* (log-likelihood): A: *war*, *army*; B: *peace*.
    """
    if table.empty:
        return f"*{node.replace('_', ' ')}* has no collocate seen often enough in any group."
    parts = []
    for g, d in table.groupby("group", sort=True):
        parts.append(f"{g}: {words(d.sort_values('g2', ascending=False, kind='stable')['collocate'], n=4)}")
    return f"Strongest collocates of *{node.replace('_', ' ')}* (log-likelihood): {'; '.join(parts)}."


def frequency_over_time(rates: Mapping[str, pd.DataFrame] | Nothing) -> str:
    """Where each followed word peaks (:func:`textlab.vocab.frequency_over_time` tables, one per term).

    Examples
    --------
    >>> t = pd.DataFrame({"author": ["A", "A"], "year": [1920, 1930], "rate": [1.0, 6.0], "lo": [0.5, 4.0],
    ...                   "hi": [1.5, 8.0]})
    >>> print(frequency_over_time({"war": t}))  # doctest: +NORMALIZE_WHITESPACE
    - *war*: highest in 1930 (A, 6.0 per 10,000 words, interval 4.0-8.0), lowest in 1920 (A, 1.0); the two
    intervals do not overlap.
    """
    if isinstance(rates, Nothing):
        return ""
    lines = []
    for term, t in rates.items():
        t = t.dropna(subset=["rate"])
        if t.empty:
            lines.append(f"- {words([term])}: no year with enough words")
            continue
        rate = t["rate"].to_numpy(dtype=float)
        hi, lo = t.iloc[int(rate.argmax())], t.iloc[int(rate.argmin())]
        if float(hi["rate"]) == 0:
            lines.append(f"- {words([term])}: not used in any year shown")
            continue
        apart = float(hi["lo"]) > float(lo["hi"])
        lines.append(
            f"- {words([term])}: highest in {int(hi['year'])} ({hi['author']}, {float(hi['rate']):.1f} per 10,000 "
            f"words, interval {float(hi['lo']):.1f}-{float(hi['hi']):.1f}), lowest in {int(lo['year'])} "
            f"({lo['author']}, {float(lo['rate']):.1f}); the two intervals "
            f"{'do not overlap' if apart else 'overlap: the data do not tell these years apart'}."
        )
    return "\n".join(lines)


def quotations_left_in(tables: tuple | Nothing, group: str | None) -> str:
    """How a group's distinctive words change when its quotations are left in: words in one list only
    (:func:`textlab.study.sections.quotation_tables`: own words, as printed, ...).

    Examples
    --------
    >>> own = pd.DataFrame(index=["war", "army"])
    >>> print(quotations_left_in((own, pd.DataFrame(index=["war", "soviet"])), "A"))
    Left in, the quotations bring 1 word into A's list (*soviet*) and push 1 out (*army*).
    """
    if isinstance(tables, Nothing) or group is None:
        return ""
    own, printed = tables[0], tables[1]
    came = [t for t in printed.index if t not in set(own.index)]
    went = [t for t in own.index if t not in set(printed.index)]
    if not came and not went:
        return f"{group}'s list is the same with and without its quotations."
    return (
        f"Left in, the quotations bring {len(came)} word{'s' if len(came) != 1 else ''} into {group}'s list"
        f"{f' ({words(came)})' if came else ''} and push {len(went)} out{f' ({words(went)})' if went else ''}."
    )


# --------------------------------------------------------------------------- notebook 05: who speaks


def reuse(summary: pd.DataFrame | Nothing) -> str:
    """Where the corpus reuses itself (:func:`textlab.voices.reuse.reuse_summary`: one row per pair of sources).

    Examples
    --------
    >>> s = pd.DataFrame({"source_a": ["a", "a"], "source_b": ["b", "a"], "n_passages": [3, 1], "words": [90, 25]})
    >>> print(reuse(s))  # doctest: +NORMALIZE_WHITESPACE
    4 shared passages, 115 words, over 2 pairs of sources. Between two sources the most is a and b (3 passages,
    90 words); within one source, a (1 passage, 25 words).
    """
    if isinstance(summary, Nothing) or summary.empty:
        return ""
    s = summary.sort_values(["words", "n_passages"], ascending=False, kind="stable")
    out = (
        f"{_n(s['n_passages'].sum())} shared passages, {_n(s['words'].sum())} words, over {len(s)} pair"
        f"{'s' if len(s) != 1 else ''} of sources."
    )
    between = s[s["source_a"] != s["source_b"]]
    within = s[s["source_a"] == s["source_b"]]

    def one(r: Any) -> str:
        return f"{_n(r['n_passages'])} passage{'s' if r['n_passages'] != 1 else ''}, {_n(r['words'])} words"

    parts = []
    if len(between):
        r = between.iloc[0]
        parts.append(f"Between two sources the most is {r['source_a']} and {r['source_b']} ({one(r)})")
    if len(within):
        r = within.iloc[0]
        parts.append(f"within one source, {r['source_a']} ({one(r)})")
    return out + " " + "; ".join(parts) + "."


def quoted_share(table: pd.DataFrame | Nothing) -> str:
    """How much of each group's text is others' words (:func:`textlab.features.rows.corpus_quoted_share`).

    Examples
    --------
    >>> t = pd.DataFrame({"group": ["A", "B", "C"], "quoted_share": [0.3, 0.05, 0.0]})
    >>> print(quoted_share(t))
    A quotes most: 30.0% of its words are others'. The least: B (5.0%). No quotation found in C.
    """
    if isinstance(table, Nothing):
        return ""
    t = table.sort_values("quoted_share", ascending=False, kind="stable")
    some, none = t[t["quoted_share"] > 0], t[t["quoted_share"] <= 0]
    if some.empty:
        return "No group quotes: no quotation rows, inline quotations or reused passages were found."
    top = some.iloc[0]
    out = f"{top['group']} quotes most: {_pct(top['quoted_share'], 1)} of its words are others'."
    if len(some) > 1:
        low = some.iloc[-1]
        out += f" The least: {low['group']} ({_pct(low['quoted_share'], 1)})."
    if len(none):
        out += f" No quotation found in {listing(none['group'])}."
    return out


def attribution(cv: Any) -> str:
    """Cross-validated attribution against chance (:class:`textlab.stylometry.attribution.CVResult`).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> per = pd.DataFrame({"label": ["A", "B"], "n_chunks": [10, 4], "accuracy": [1.0, 0.5]})
    >>> cv = SimpleNamespace(accuracy=0.857, balanced_accuracy=0.75, per_label=per)
    >>> print(attribution(cv))  # doctest: +NORMALIZE_WHITESPACE
    Of 14 chunks, 86% are attributed to their author (balanced over authors: 75%; chance with 2 authors: 50%).
    Recognised least often: B (50% of 4 chunks).
    """
    if isinstance(cv, Nothing):
        return ""
    per = cv.per_label.sort_values(["accuracy", "label"], kind="stable")
    n = len(per)
    chance = 1 / max(n, 1)
    verdict = (
        "" if cv.balanced_accuracy > chance else " No better than chance: the style does not tell these authors apart."
    )
    worst = per.iloc[0]
    return (
        f"Of {_n(per['n_chunks'].sum())} chunks, {_pct(cv.accuracy)} are attributed to their author (balanced over "
        f"authors: {_pct(cv.balanced_accuracy)}; chance with {n} authors: {_pct(chance)}).{verdict} Recognised least "
        f"often: {worst['label']} ({_pct(worst['accuracy'])} of {_n(worst['n_chunks'])} chunks)."
    )
