"""The topic notebooks' prose (03, 04, 05's themes, 06), written from the result tables at run time.

As :mod:`textlab.study.narrate`: each function takes tables and returns Markdown whose wording follows the
numbers (a flat perplexity curve is called flat; a difference whose interval includes 0 is not reported as
a change), and says nothing (``""``) about a :class:`~textlab.study.narrate.Nothing`.

Examples
--------
>>> trend(0.8, 0.3, noise=0.05), trend(0.5, 0.52, noise=0.05)
('falls', 'stays about the same')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from textlab.study.narrate import Nothing, listing
from textlab.study.sections import AGREEMENT_OTHER
from textlab.topics.backends import DEFAULT_BACKEND, backend_label
from textlab.topics.docvectors import DocVectorCheck

__all__ = [
    "trend",
    "choosing_k",
    "topics",
    "backend_agreement",
    "document_vectors",
    "takeaways",
    "prevalence_by_group",
    "differences",
    "quotation_themes",
    "profile_distance",
    "themes_over_time",
    "streamed_sample",
    "streamed_topics",
    "streamed_groups",
]


def trend(first: float, last: float, *, noise: float) -> str:
    """``"rises"``, ``"falls"`` or ``"stays about the same"``: a change within ``noise`` is no change."""
    if last - first > noise:
        return "rises"
    if first - last > noise:
        return "falls"
    return "stays about the same"


def _q(name: Any) -> str:
    """A topic's name in quotation marks: names hold commas."""
    return f"“{name}”"


def _names(names: Any, most: int = 8) -> str:
    """Topic names in quotation marks, the first ``most`` of them and how many more."""
    xs = [_q(x) for x in names]
    if len(xs) <= most:
        return listing(xs)
    return f"{', '.join(xs[:most])} and {len(xs) - most} more"


def _num(x: float) -> str:
    """A perplexity or a margin: whole numbers from 100 up, else two or three significant digits."""
    x = float(x)
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.1f}" if abs(x) >= 10 else f"{x:.2f}"


def _sd(row: pd.Series, column: str) -> float:
    v = row.get(column + "_sd", np.nan)
    return 0.0 if v is None or pd.isna(v) else float(v)


def choosing_k(by_k: pd.DataFrame, k: int, *, suggested: int | None = None, tolerance: float = 0.01) -> str:
    """What the sweep says about K: the shape of held-out perplexity, the trend of stability and coherence, and
    the K taken (:func:`textlab.topics.suggest_k`'s rule, with the same ``tolerance``).

    Parameters
    ----------
    by_k : DataFrame
        ``Sweep.by_k``: ``k``, ``perplexity``, ``stable_share``, ``npmi`` and their ``_sd`` columns.
    k : int
        The K the notebook uses.
    suggested : int, optional
        The sweep's suggestion, when ``k`` was given as a parameter.

    Examples
    --------
    >>> t = pd.DataFrame({"k": [5, 10, 15], "perplexity": [1000.0, 1002.0, 999.0], "perplexity_sd": [9.0] * 3,
    ...                   "stable_share": [0.9, 0.7, 0.5], "npmi": [0.10, 0.10, 0.095]})
    >>> print(choosing_k(t, 5))  # doctest: +NORMALIZE_WHITESPACE
    Held-out perplexity is flat: from K = 5 to K = 15 it stays within 9.99 of its lowest (999, at K = 15), the larger
    of 1% of it and the spread between seeds there (9.00), so perplexity alone does not choose K. The share of topics
    that come back in at least half the other runs falls, from 0.90 at K = 5 to 0.50 at K = 15, and mean NPMI stays
    about the same (0.100 to 0.095). `topics.suggest_k` takes, of the K within reach of the lowest perplexity, the
    one whose topics most often come back: K = 5.
    >>> print(choosing_k(t.assign(below_tfidf=[True, False, False]), 10)[:111])
    At K = 5 the topic vectors do not clearly separate chunks of one work from chunks of two works as well as TF-ID
    """
    t = by_k.sort_values("k", kind="stable").reset_index(drop=True)
    ks = [int(x) for x in t["k"]]
    if len(t) == 1:
        return f"One K was fitted (K = {ks[0]}): the sweep has no other number of topics to compare it with."
    aside = ""
    if "below_tfidf" in t.columns:
        flagged = t["below_tfidf"].fillna(False).to_numpy(dtype=bool)
        if flagged.all():
            aside = (
                "At no K do the topic vectors clearly separate chunks of one work from chunks of two works as well as "
                "TF-IDF does (see the section on document vectors): no K is set aside for it, and every comparison of "
                "themes here rests on vectors weaker than word counts. "
            )
        elif flagged.any():
            out_ks = [kk for kk, f in zip(ks, flagged) if f]
            aside = (
                f"At K = {listing(out_ks)} the topic vectors do not clearly separate chunks of one work from chunks of "
                "two works as well as TF-IDF does (their mean AUC over seeds less its spread is below TF-IDF's; see "
                "the section on document vectors), so "
                f"{'that K is' if len(out_ks) == 1 else 'those K are'} set aside; the rest of this paragraph is about "
                f"the other {len(ks) - len(out_ks)}. "
            )
            t = t[~flagged].reset_index(drop=True)
            ks = [int(x) for x in t["k"]]
            if len(t) == 1:
                return aside + f"That leaves K = {ks[0]}."
    p = t["perplexity"].to_numpy(dtype=float)
    ib = int(np.argmin(p))
    best, k_best = float(p[ib]), ks[ib]
    sd = _sd(t.iloc[ib], "perplexity")
    margin = max(tolerance * best, sd)
    within = [kk for kk, v in zip(ks, p) if v <= best + margin]
    reach = (
        f"within {_num(margin)} of its lowest ({_num(best)}, at K = {k_best}), the larger of {tolerance:.0%} of it "
        f"and the spread between seeds there ({_num(sd)})"
    )
    if len(within) == len(ks):
        curve = (
            f"Held-out perplexity is flat: from K = {ks[0]} to K = {ks[-1]} it stays {reach}, so perplexity alone "
            "does not choose K."
        )
    elif within == [ks[-1]]:
        curve = (
            f"Held-out perplexity falls from {_num(p[0])} at K = {ks[0]} to its lowest, {_num(best)}, at the largest K "
            f"tried ({ks[-1]}), and no smaller K comes within reach of it: over this range more topics keep "
            "predicting held-out text better."
        )
    elif within == [ks[0]]:
        curve = (
            f"Held-out perplexity is lowest at the smallest K tried ({ks[0]}, {_num(best)}) and higher for every "
            f"larger K ({_num(p[-1])} at K = {ks[-1]})."
        )
    else:
        start = (
            f"Held-out perplexity {'falls' if p[0] > best else 'moves'} from {_num(p[0])} at K = {ks[0]} to its "
            f"lowest, {_num(best)}, at K = {k_best}."
        )
        tail = ks[ks.index(within[0]) :]
        if tail == within:
            curve = (
                f"{start} From K = {within[0]} on it stays {reach.split(' (')[0]}: beyond K = {within[0]}, more "
                "topics predict held-out text hardly better."
            )
        else:
            others = listing(sorted(set(ks) - set(within)))
            curve = f"{start} The K {reach.split(' (')[0]} are {listing(within)}; {others} are not."
    first, last = t.iloc[0], t.iloc[-1]
    s_trend = trend(
        float(first["stable_share"]),
        float(last["stable_share"]),
        noise=max(_sd(first, "stable_share"), _sd(last, "stable_share"), 0.05),
    )
    n_trend = trend(float(first["npmi"]), float(last["npmi"]), noise=max(_sd(first, "npmi"), _sd(last, "npmi"), 0.01))
    out = (
        f"{curve} The share of topics that come back in at least half the other runs {s_trend}, from "
        f"{first['stable_share']:.2f} at K = {ks[0]} to {last['stable_share']:.2f} at K = {ks[-1]}, and mean NPMI "
        f"{n_trend} ({first['npmi']:.3f} to {last['npmi']:.3f})."
    )
    out = aside + out
    rule = suggested if suggested is not None else k
    out += (
        " `topics.suggest_k` takes, of the K within reach of the lowest perplexity, the one whose topics most "
        f"often come back: K = {rule}."
    )
    if suggested is not None and int(k) != int(suggested):
        out += f" This notebook uses K = {k}, given as a parameter."
    return out


def topics(table: pd.DataFrame) -> str:
    """How many of the corpus model's topics come back, which do not, and the one least made of lexicon words.

    Parameters
    ----------
    table : DataFrame
        :func:`textlab.topics.corpus_topics`: ``name``, ``stable``, ``known_share``.

    Examples
    --------
    >>> t = pd.DataFrame({"name": ["war", "peace", "ocr"], "stable": [True, True, False],
    ...                   "known_share": [1.0, 0.9, 0.4]})
    >>> print(topics(t))  # doctest: +NORMALIZE_WHITESPACE
    Of the 3 topics, 2 come back in at least half of the refits with other seeds; 1 does not (marked †): “ocr”.
    The topic least made of lexicon words is “ocr” (40% of its 10 most probable words are English words): it may
    be OCR fragments or names rather than a theme.
    """
    n, stable = len(table), table[table["stable"]]
    unstable = table[~table["stable"]]
    out = f"Of the {n} topics, {len(stable)} come back in at least half of the refits with other seeds"
    if unstable.empty:
        out += ": every topic does."
    else:
        verb = "does" if len(unstable) == 1 else "do"
        out += f"; {len(unstable)} {verb} not (marked †): {_names(unstable['name'])}."
    low = table.iloc[int(table["known_share"].to_numpy(dtype=float).argmin())]
    share = float(low["known_share"])
    out += (
        f" The topic least made of lexicon words is {_q(low['name'])} ({share:.0%} of its 10 most probable words are "
        "English words)"
    )
    out += ": it may be OCR fragments or names rather than a theme." if share < 0.5 else "."
    return out


def backend_agreement(
    similarity: Sequence[float], table: pd.DataFrame, *, match: float = 0.7, names: tuple[str, str] | None = None
) -> str:
    """How well two backends' topics match (cosine of each of the corpus model's topics to its match in the other's).

    ``names``: the two backends as readers know them, the corpus model's first (default: the default backend and
    the one :func:`textlab.study.sections.backend_agreement` compares it with).

    Examples
    --------
    >>> t = pd.DataFrame({"name": ["war", "peace"], "stable": [True, False]})
    >>> print(backend_agreement([0.95, 0.8], t, names=("tomotopy", "gensim")))  # doctest: +NORMALIZE_WHITESPACE
    1 of 2 tomotopy topics has a gensim match at cosine 0.9 or more, 2 at 0.7 or more. The weakest match is
    “peace” (0.80). Every topic that does not come back across seeds still has a match here: the backends cut the
    corpus alike from one seed, and the uncertainty lies between seeds.
    """
    mine, theirs = names if names is not None else (backend_label(DEFAULT_BACKEND), backend_label(AGREEMENT_OTHER))
    sim = np.asarray(similarity, dtype=float)
    n = len(sim)
    strong, ok = int((sim >= 0.9).sum()), int((sim >= match).sum())
    verb = "has" if strong == 1 else "have"
    out = (
        f"{strong} of {n} {mine} topics {verb} a {theirs} match at cosine 0.9 or more, {ok} at {match} or more. "
        f"The weakest match is {_q(table['name'].iloc[int(np.argmin(sim))])} ({sim.min():.2f})."
    )
    unstable = ~table["stable"].to_numpy(dtype=bool)
    if unstable.any() and (sim[unstable] >= match).all():
        out += (
            " Every topic that does not come back across seeds still has a match here: the backends cut the corpus "
            "alike from one seed, and the uncertainty lies between seeds."
        )
    elif unstable.any():
        matched = int((sim[unstable] >= match).sum())
        out += f" Of the {int(unstable.sum())} topics that do not come back across seeds, {matched} have a match here."
    return out


def document_vectors(
    check: DocVectorCheck | Mapping[str, Any] | Nothing, *, by_k: pd.DataFrame | None = None, model: str = "topic"
) -> str:
    """Do the topic vectors tell a work's chunks from other works' chunks, and as well as word counts do?

    Says the two AUCs (:func:`textlab.topics.docvectors.document_vector_check`), what the pairs were and how many,
    and, when the topic vectors are flagged, that comparisons of themes rest on vectors that separate works less
    well than word counts do. With ``by_k`` (``Sweep.by_k``, with ``auc_topics`` and ``below_tfidf``), which
    K of the sweep fall below TF-IDF.

    Parameters
    ----------
    check : DocVectorCheck, or its ``to_dict()``
    by_k : DataFrame, optional
    model : str, default "topic"
        What the vectors are called (``"topic"``: "the topic vectors").

    Examples
    --------
    >>> c = {"auc_topics": 0.71, "auc_tfidf": 0.83, "n_positive": 1520, "n_negative": 20400,
    ...      "basis": "same_author", "flagged": True, "reason": None, "n_chunks": 839, "sampled": False}
    >>> print(document_vectors(c))  # doctest: +NORMALIZE_WHITESPACE
    Do the topic vectors mean something? Of two chunks, the cosine of their topic vectors tells a pair from the
    same work from a pair of two works by the same author with an AUC of 0.71 (0.5 is chance, 1 tells every pair
    apart), and the cosine of their TF-IDF vectors (the same chunks' word counts) with 0.83; 1,520 pairs of one
    work and 20,400 pairs of two works. The topic vectors do worse than word counts (0.12 lower; flagged):
    comparisons of themes here rest on vectors that separate works less well than word counts do, so a difference
    of topic prevalence says less about the texts than the same difference of words would.
    >>> print(document_vectors(dict(c, reason="only 2 pairs of chunks of the same work (at least 10 are needed)")))
    ... # doctest: +NORMALIZE_WHITESPACE
    The topic vectors could not be checked against the works: only 2 pairs of chunks of the same work (at least 10
    are needed).
    """
    if isinstance(check, Nothing):
        return ""
    c = check.to_dict() if isinstance(check, DocVectorCheck) else dict(check)
    if c.get("reason"):
        return f"The {model} vectors could not be checked against the works: {str(c['reason']).rstrip('.')}."
    top, tf = float(c["auc_topics"]), float(c["auc_tfidf"])
    any_author = c["basis"] == "any_author"
    two = "two works (of different authors)" if any_author else "two works by the same author"
    sample = " (a sample of each kind)" if c.get("sampled") else ""
    out = (
        f"Do the {model} vectors mean something? Of two chunks, the cosine of their {model} vectors tells a pair from "
        f"the same work from a pair of {two} with an AUC of {top:.2f} (0.5 is chance, 1 tells every pair apart), and "
        f"the cosine of their TF-IDF vectors (the same chunks' word counts) with {tf:.2f}; {int(c['n_positive']):,} "
        f"pairs of one work and {int(c['n_negative']):,} pairs of two works{sample}."
    )
    if any_author:
        out += (
            " No author has two works with enough chunks, so the pairs of two works are also pairs of two authors: "
            "what tells them apart may be the author as much as the work."
        )
    if c["flagged"]:
        out += (
            f" The {model} vectors do worse than word counts ({tf - top:.2f} lower; flagged): comparisons of themes "
            "here rest on vectors that separate works less well than word counts do, so a difference of topic "
            "prevalence says less about the texts than the same difference of words would."
        )
    else:
        out += f" The {model} vectors separate works at least as well as word counts do."
    if top < 0.6:
        out += f" At {top:.2f}, they do hardly better than chance."
    if (
        by_k is not None
        and {"k", "auc_topics", "below_tfidf"} <= set(by_k.columns)
        and by_k["auc_topics"].notna().any()
    ):
        t = by_k.sort_values("k", kind="stable")
        below = [int(k) for k in t.loc[t["below_tfidf"].astype(bool), "k"]]
        ks = [int(k) for k in t["k"]]
        a0, a1 = float(t["auc_topics"].iloc[0]), float(t["auc_topics"].iloc[-1])
        out += (
            f" Over the sweep (fits on the training chunks), the mean AUC of the {model} vectors goes from {a0:.2f} at "
            f"K = {ks[0]} to {a1:.2f} at K = {ks[-1]}; "
        )
        if not below:
            out += "at every K it is clearly at least TF-IDF's on the same chunks (its mean less the seeds' spread)."
        elif len(below) == len(ks):
            out += "at no K is it clearly as high as TF-IDF's on the same chunks (its mean less the seeds' spread)."
        else:
            out += (
                f"at K = {listing(below)} it is not clearly as high as TF-IDF's on the same chunks (its mean less the "
                "seeds' spread)."
            )
    return out


def takeaways(table: pd.DataFrame) -> str:
    """What the model offers later notebooks: the topics that come back, by prevalence, and the † ones.

    Examples
    --------
    >>> t = pd.DataFrame({"name": ["war", "peace", "ocr"], "stable": [True, True, False],
    ...                   "prevalence": [0.2, 0.5, 0.3]})
    >>> print(takeaways(t))
    - 2 themes come back whatever the seed (most prevalent first): “peace” and “war”.
    - 1 topic marked † is shown, not hidden; no conclusion should rest on it alone.
    """
    t = table.sort_values("prevalence", ascending=False, kind="stable")
    stable, unstable = t[t["stable"]], t[~t["stable"]]
    lines = []
    if len(stable):
        lines.append(
            f"- {len(stable)} theme{'s come' if len(stable) != 1 else ' comes'} back whatever the seed (most "
            f"prevalent first): {_names(stable['name'])}."
        )
    else:
        lines.append("- No topic comes back in half the refits: every topic here is one possible cut of the corpus.")
    if len(unstable):
        many = len(unstable) != 1
        lines.append(
            f"- {len(unstable)} topic{'s' if many else ''} marked † {'are' if many else 'is'} shown, not hidden; no "
            f"conclusion should rest on {'them' if many else 'it'} alone."
        )
    return "\n".join(lines)


def prevalence_by_group(prev: pd.DataFrame, order: Sequence[str] | None = None, *, n: int = 2) -> str:
    """Each group's leading themes, and the group most given to one theme.

    Parameters
    ----------
    prev : DataFrame
        :func:`textlab.topics.corpus_prevalence`: ``group``, ``label``, ``prevalence``.

    Examples
    --------
    >>> p = pd.DataFrame({"group": ["A", "A", "B", "B"], "label": ["war", "peace"] * 2,
    ...                   "prevalence": [0.7, 0.3, 0.4, 0.6]})
    >>> print(prevalence_by_group(p))
    - **A**: “war” 70%, “peace” 30%
    - **B**: “peace” 60%, “war” 40%
    <BLANKLINE>
    The group most given to one theme is A: 70% of its text is “war”.
    """
    groups = list(order) if order is not None else sorted(prev["group"].unique())
    lines = []
    for g in groups:
        d = prev[prev["group"] == g].sort_values("prevalence", ascending=False, kind="stable").head(n)
        lines.append(f"- **{g}**: {', '.join(f'{_q(r.label)} {r.prevalence:.0%}' for r in d.itertuples())}")
    top = prev.iloc[int(prev["prevalence"].to_numpy(dtype=float).argmax())]
    lines.append(
        f"\nThe group most given to one theme is {top['group']}: {top['prevalence']:.0%} of its text is "
        f"{_q(top['label'])}."
    )
    return "\n".join(lines)


def _moves(t: pd.DataFrame, value: str, lo: str, hi: str) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Rows whose interval excludes 0, up and down (largest first), and the number whose interval includes it."""
    clear = t[(t[lo] > 0) | (t[hi] < 0)]
    up = clear[clear[value] > 0].sort_values(value, ascending=False, kind="stable")
    down = clear[clear[value] < 0].sort_values(value, kind="stable")
    return up, down, len(t) - len(clear)


def _listed(t: pd.DataFrame, value: str, lo: str, hi: str, most: int = 8) -> str:
    """Topics with their change and interval, the first ``most`` of them and how many more."""
    out = ", ".join(_points(r, value, lo, hi) for r in t.head(most).itertuples())
    return out + (f" and {len(t) - most} more" if len(t) > most else "")


def _points(r: Any, value: str, lo: str, hi: str) -> str:
    v, a, b = (100 * getattr(r, c) for c in (value, lo, hi))
    return f"{_q(r.label)} ({v:+.1f} points, {a:+.1f} to {b:+.1f})"


def differences(diff: pd.DataFrame | Nothing) -> str:
    """Which topics' shares differ between two groups beyond their intervals
    (:func:`textlab.study.sections.theme_difference`: ``difference`` = a minus b, ``low``, ``high``, the groups
    in ``group_a`` and ``group_b``).

    Examples
    --------
    >>> d = pd.DataFrame({"label": ["war", "peace", "† odd"], "difference": [0.10, -0.05, 0.02],
    ...                   "low": [0.02, -0.09, -0.01], "high": [0.18, -0.01, 0.05], "group_a": "A", "group_b": "B"})
    >>> print(differences(d))  # doctest: +NORMALIZE_WHITESPACE
    Topics whose share differs between A and B with a 95% interval that excludes 0 (in percentage points of the
    group's text): more in A: “war” (+10.0 points, +2.0 to +18.0); more in B: “peace” (-5.0 points, -9.0 to -1.0).
    The other topic's interval includes 0.
    >>> print(differences(d.assign(low=-1.0, high=1.0)))
    No topic's difference between A and B has an interval that excludes 0: by theme, the data do not tell them apart.
    """
    if isinstance(diff, Nothing) or diff.empty:
        return ""
    a, b = str(diff["group_a"].iloc[0]), str(diff["group_b"].iloc[0])
    up, down, rest = _moves(diff, "difference", "low", "high")
    if up.empty and down.empty:
        return (
            f"No topic's difference between {a} and {b} has an interval that excludes 0: by theme, the data do not "
            "tell them apart."
        )
    parts = []
    if len(up):
        parts.append(f"more in {a}: " + _listed(up, "difference", "low", "high"))
    if len(down):
        parts.append(f"more in {b}: " + _listed(down, "difference", "low", "high"))
    out = (
        f"Topics whose share differs between {a} and {b} with a 95% interval that excludes 0 (in percentage points "
        f"of the group's text): {'; '.join(parts)}."
    )
    flagged = [str(x) for x in pd.concat([up, down])["label"] if str(x).startswith("†")]
    if flagged:
        verb = "does" if len(flagged) == 1 else "do"
        out += f" Of these, {_names(flagged)} {verb} not come back across seeds."
    if rest:
        out += (
            f" The other {rest} topics' intervals include 0."
            if rest != 1
            else " The other topic's interval includes 0."
        )
    return out


def quotation_themes(table: pd.DataFrame | Nothing, group: str | None) -> str:
    """Which topics the quotations move in a group's text (:func:`textlab.topics.corpus_quotation_prevalence`).

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["war", "peace"], "change": [0.08, -0.01], "change_low": [0.03, -0.04],
    ...                   "change_high": [0.12, 0.02]})
    >>> print(quotation_themes(t, "A"))  # doctest: +NORMALIZE_WHITESPACE
    Put back, A's quotations raise “war” (+8.0 points, +3.0 to +12.0). The other topic's change has an interval
    that includes 0.
    """
    if isinstance(table, Nothing) or group is None:
        return ""
    up, down, rest = _moves(table, "change", "change_low", "change_high")
    if up.empty and down.empty:
        return f"Put back, {group}'s quotations change no topic's share beyond its interval."
    parts = []
    if len(up):
        parts.append("raise " + _listed(up, "change", "change_low", "change_high"))
    if len(down):
        parts.append("lower " + _listed(down, "change", "change_low", "change_high"))
    out = f"Put back, {group}'s quotations {' and '.join(parts)}."
    if rest:
        out += (
            f" The other {rest} topics' changes have intervals that include 0."
            if rest != 1
            else " The other topic's change has an interval that includes 0."
        )
    return out


def profile_distance(distance: Mapping[str, Any] | Nothing, group: str | None) -> str:
    """Whether a group's quotations move its topic profile towards another group's.

    Examples
    --------
    >>> d = {"other": "B", "own words": 0.8, "as printed": 0.6}
    >>> print(profile_distance(d, "A"))  # doctest: +NORMALIZE_WHITESPACE
    Put back, A's quotations move its topic profile towards B's: the distance (sum of absolute differences of
    topic shares) falls from 0.800 to 0.600 (-25%).
    """
    if isinstance(distance, Nothing) or group is None:
        return ""
    own, printed = float(distance["own words"]), float(distance["as printed"])
    way = "towards" if printed < own else "away from" if printed > own else "neither towards nor away from"
    verb = "falls" if printed < own else "rises" if printed > own else "stays"
    change = f" ({(printed - own) / own:+.0%})" if own else ""
    return (
        f"Put back, {group}'s quotations move its topic profile {way} {distance['other']}'s: the distance (sum of "
        f"absolute differences of topic shares) {verb} from {own:.3f} to {printed:.3f}{change}."
    )


def themes_over_time(tables: tuple | Nothing) -> str:
    """The theme whose yearly share varies most for one author (:func:`textlab.study.sections.themes_over_time`:
    yearly and monthly prevalence, the topics chosen, the author, the group by month).

    Examples
    --------
    >>> p = pd.DataFrame({"author": "A", "year": [1920, 1930] * 2, "topic": [0, 0, 1, 1], "label": ["war"] * 2
    ...                   + ["peace"] * 2, "prevalence": [0.1, 0.6, 0.3, 0.25]})
    >>> print(themes_over_time((p, None, [0, 1], "A", "A")))
    A's themes over 2 years (1920-1930). The one that moves most is “war”: from 10% in 1920 to 60% in 1930.
    """
    if isinstance(tables, Nothing):
        return ""
    prev, _, chosen, author, _ = tables
    if not len(chosen):
        return ""
    d = prev[prev["author"] == author]
    years = sorted(int(y) for y in d["year"].unique())
    top = d[d["topic"] == chosen[0]].sort_values("prevalence", kind="stable")
    lo, hi = top.iloc[0], top.iloc[-1]
    a, b = (lo, hi) if int(lo["year"]) < int(hi["year"]) else (hi, lo)
    return (
        f"{author}'s themes over {len(years)} years ({years[0]}-{years[-1]}). The one that moves most is "
        f"{_q(top['label'].iloc[0])}: from {a['prevalence']:.0%} in {int(a['year'])} to {b['prevalence']:.0%} in "
        f"{int(b['year'])}."
    )


def streamed_sample(n_rows: int, sample: int = 1000) -> str:
    """Whether the streamed path's phrases were learned on every row or on a sample.

    >>> print(streamed_sample(500))  # doctest: +NORMALIZE_WHITESPACE
    The phrases are learned on a seeded sample of at most 1,000 rows; this corpus has 500, so the sample is
    every row and the two paths' phrases are the same.
    """
    if n_rows <= sample:
        return (
            f"The phrases are learned on a seeded sample of at most {sample:,} rows; this corpus has {n_rows:,}, so "
            "the sample is every row and the two paths' phrases are the same."
        )
    return (
        f"The phrases are learned on a seeded sample of at most {sample:,} rows; this corpus has {n_rows:,}, so the "
        "counts are those of the sample's phrases and may differ from the in-memory path's."
    )


def streamed_topics(agree: pd.DataFrame, stable: pd.Series) -> str:
    """How closely the streamed fit's topics match the corpus model's, stable and † topics apart.

    Examples
    --------
    >>> a = pd.DataFrame({"similarity": [0.95, 0.9, 0.5]})
    >>> print(streamed_topics(a, pd.Series([True, True, False])))  # doctest: +NORMALIZE_WHITESPACE
    Stable topics: 2, matched at a median cosine of 0.93 (lowest 0.90). Topics marked †: 1, median 0.50 (lowest
    0.50). The stable topics match more closely than the † ones, which also change between the corpus model's
    own seeds.
    """
    s = np.asarray(stable, dtype=bool)
    sim = agree["similarity"].to_numpy(dtype=float)
    parts = []
    for name, mask in (("Stable topics", s), ("Topics marked †", ~s)):
        if mask.any():
            x = sim[mask]
            parts.append(
                f"{name}: {int(mask.sum())}, {'matched at a ' if name.startswith('S') else ''}median "
                f"{'cosine of ' if name.startswith('S') else ''}{np.median(x):.2f} (lowest {x.min():.2f})."
            )
    out = " ".join(parts)
    if s.any() and (~s).any():
        closer = np.median(sim[s]) > np.median(sim[~s])
        out += (
            " The stable topics match more closely than the † ones, which also change between the corpus model's "
            "own seeds."
            if closer
            else " The † topics match as closely as the stable ones here."
        )
    return out


def streamed_groups(table: pd.DataFrame) -> str:
    """How far each group's leading theme moves between the in-memory and the streamed fit.

    Parameters
    ----------
    table : DataFrame
        Indexed by group: ``its share, in memory``, ``its share, streamed``, ``largest difference over all topics``.

    Examples
    --------
    >>> t = pd.DataFrame({"its share, in memory": [0.5, 0.3], "its share, streamed": [0.48, 0.1],
    ...                   "largest difference over all topics": [0.03, 0.2]}, index=["A", "B"])
    >>> print(streamed_groups(t))  # doctest: +NORMALIZE_WHITESPACE
    The in-memory fit's top topic of each group moves by 0.02-0.20 between the fits, most for B (0.30 to 0.10);
    over all topics the largest difference is 0.20 (B). A finding that rests on where two topics meet depends on
    the fit.
    """
    rows = table.to_dict("index")
    move = (table["its share, streamed"] - table["its share, in memory"]).abs()
    g = move.idxmax()
    big = table["largest difference over all topics"]
    return (
        f"The in-memory fit's top topic of each group moves by {move.min():.2f}-{move.max():.2f} between the fits, "
        f"most for {g} ({rows[g]['its share, in memory']:.2f} to {rows[g]['its share, streamed']:.2f}); "
        f"over all topics the largest difference is {big.max():.2f} ({big.idxmax()}). A finding that rests on where "
        "two topics meet depends on the fit."
    )
