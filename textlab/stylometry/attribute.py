"""Attributing texts of unknown authorship: the nearest candidate by Delta, by how much, and how sure.

:func:`attribute` takes a corpus, the *candidates* (values of a grouping column, ``by``: their rows are the
training texts) and the *unknown* texts (a value of that column, a boolean mask or a list of ``doc_id``), and
gives one row per unknown document:

- ``attributed``: the candidate whose centroid is nearest to the document's profile (Burrows' or Cosine Delta,
  :mod:`textlab.stylometry.delta`, on z-scores standardised with the candidates' texts, every candidate weighing
  the same); the document's profile is its relative frequencies over the whole document;
- ``margin``: the distance to the second-nearest candidate minus the distance to the nearest;
- ``confidence``: the share of ``n_boot`` bootstrap resamples in which the nearest candidate is still
  ``attributed``. Each resample draws again, with replacement, three things at once: each candidate's
  training documents (as many as it has: "other texts by the same authors"), the unknown document's text
  (its consecutive blocks of about ``block`` words, as many as it has: "another sample of this text") and
  the features (as many as there are: "another choice of words"). 1.0: every resample gives the same
  candidate; about ``1 / len(candidates)``: the evidence does not decide. Measured on
  ``tests/data/small_corpus`` (two authors, each text held out in turn, 200 most frequent words): every text
  attributed to its author, 86% of them with a confidence of 0.9 or more, none wrongly so; texts made of half
  of one author's words and half of the other's, or candidates that are one author split in two, stay
  under 0.9;
- ``typicality``: the share of the attributed candidate's own training texts (each left out of its
  candidate's centroid) that are at least as far from that centroid as this document. Near 0: the document is
  farther from the candidate than the candidate's own texts are, and may be by none of the candidates
  (attribution is closed-set: the nearest candidate is named even when none wrote it). A low value is a
  warning; a high one is no proof (a writer who quotes and paraphrases a candidate can sit as near to the
  candidate as the candidate's own texts);
- with chunks, ``chunk_agreement``: the share of the document's chunks whose own nearest candidate is
  ``attributed`` (half or less: the chunks point to different candidates, as in a text of mixed authorship);
- ``uncertain``: True when the confidence is under ``min_confidence`` or, with chunks, no more than half of
  the chunks agree; ``note`` says why in words;
- one distance column per candidate, ``d_<candidate>``.

Features (``features``): ``"mfw"``, the ``n_features`` most frequent words of the candidates' texts;
``"function"``, the most frequent of :data:`FUNCTION_WORDS` (a fixed English list, written down below);
``"char2"`` to ``"char5"``, the most frequent character n-grams of the tokenised text. Words are
:func:`~textlab.stylometry.attribution.style_tokens` (lower case, every word form, nothing removed).

Lengths: ``chunk=None`` compares whole documents; ``chunk=N`` cuts every document into chunks of ``N`` words
with the one chunker (:func:`textlab.features.chunks.chunk_words`, ``tail="merge"``: a short last piece
joins the chunk before). A document of fewer than ``min_words`` words is never left out in silence: a
training text is named in a WARNING and in ``attrs["left_out"]``; an unknown text keeps its row, not
attributed, with the reason in ``note``.

Examples
--------
Two of the example corpus's authors, and a text of each held out as "unknown", in chunks of 250 words:

>>> from textlab.corpus.examples import example_corpus
>>> r = attribute(example_corpus(), ["A. Adams", "B. Brown"], ["adams_4-00001", "brown_4-00001"], chunk=250)
>>> r[["doc_id", "attributed", "confidence", "chunk_agreement", "uncertain"]].values.tolist()
[['adams_4-00001', 'A. Adams', 1.0, 1.0, False], ['brown_4-00001', 'B. Brown', 1.0, 1.0, False]]
>>> r[["d_A. Adams", "d_B. Brown"]].round(3).values.tolist()
[[0.056, 1.944], [1.93, 0.07]]
"""

from __future__ import annotations

import logging
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from textlab.core import validate
from textlab.corpus.groups import group_columns, label_groups
from textlab.features.chunks import chunk_words
from textlab.features.rows import comparison_rows, corpus_spans
from textlab.stylometry.attribution import style_tokens
from textlab.stylometry.delta import METRICS, balanced_weights, delta_matrix, frequency_matrix, zscores

log = logging.getLogger(__name__)

__all__ = ["FEATURES", "FUNCTION_WORDS", "MIN_TEXTS", "OptionError", "char_ngrams", "attribute", "summary"]

#: Feature sets :func:`attribute` knows.
FEATURES = ("mfw", "function", "char2", "char3", "char4", "char5")

#: Training texts (documents, or chunks) each candidate needs at least.
MIN_TEXTS = 2

#: English function words, the ``features="function"`` set: words that carry grammar rather than subject,
#: which authors use at rates of their own whatever they write about. Articles and determiners, personal,
#: possessive, reflexive, relative, interrogative and indefinite pronouns, prepositions, conjunctions,
#: auxiliary and modal verbs (with their negative contractions), negation, and adverbs of degree, time, place
#: and connection. No noun, no lexical verb, no adjective. Forms as the tokeniser gives them (lower case;
#: ``it's`` is ``it``). English only: for another language, use ``"mfw"`` or character n-grams.
FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    a an the this that these those each every either neither some any no all both few many much more most
    less least several such other another own same
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves one oneself
    who whom whose which what whatever whoever whichever whomever
    something anything nothing everything someone anyone everyone somebody anybody everybody nobody none
    about above across after against along amid among amongst around as at before behind below beneath
    beside besides between beyond by despite down during except for from in inside into like near of off
    on onto out outside over past per since through throughout till to toward towards under underneath
    unlike until unto up upon via with within without
    and but or nor so yet although though because if unless whether while whilst whereas when whenever
    where wherever than then once lest hence therefore thus however moreover furthermore nevertheless
    nonetheless otherwise accordingly consequently indeed
    be am is are was were been being have has had having do does did doing shall should will would may
    might must can could ought
    don't doesn't didn't can't couldn't won't wouldn't shan't shouldn't isn't aren't wasn't weren't hasn't
    haven't hadn't mustn't needn't i'm i've we've they've you've i'll we'll you'll they'll i'd we'd you'd
    they'd
    not never very too also only even just still already again ever always often sometimes seldom here
    there now perhaps rather quite almost merely simply else how why thereby therein whereby wherein
    thereof whereof
    """.split()
)


class OptionError(ValueError):
    """A bad option of :func:`attribute`: ``option`` names it (``"candidates"``, ``"unknown"``, ...).

    >>> err = OptionError("chunk", "must be >= 1, got 0")
    >>> str(err), err.option, err.detail
    ('chunk: must be >= 1, got 0', 'chunk', 'must be >= 1, got 0')
    """

    def __init__(self, option: str, detail: str) -> None:
        super().__init__(f"{option}: {detail}")
        self.option = option
        self.detail = detail


def char_ngrams(words: Sequence[str], n: int) -> list[str]:
    """Character ``n``-grams of words joined by single spaces, with a space before and after (word edges count).

    >>> char_ngrams(["of", "the"], 3)
    [' of', 'of ', 'f t', ' th', 'the', 'he ']
    """
    n = validate.integer(n, "n")
    s = " " + " ".join(words) + " "
    return [s[i : i + n] for i in range(len(s) - n + 1)]


# --------------------------------------------------------------------------- options and selections


def _count(value: Any, name: str) -> int:
    """``value`` as an int >= 1, or an :class:`OptionError` naming ``name``."""
    try:
        return validate.integer(value, name)
    except (TypeError, ValueError) as err:
        raise OptionError(name, str(err).removeprefix(f"{name} ")) from None


def _check_sets(features: str, metric: str, quotations: str) -> None:
    if features not in FEATURES:
        raise OptionError("features", f"must be one of {', '.join(FEATURES)}; got {features!r}")
    if metric not in METRICS:
        raise OptionError("metric", f"must be one of {', '.join(METRICS)}; got {metric!r}")
    if quotations not in ("drop", "rows", "keep"):
        raise OptionError("quotations", f"must be 'drop', 'rows' or 'keep', got {quotations!r}")


def _docs(corpus: Any, by: Any) -> tuple[pd.DataFrame, pd.Index, pd.Series]:
    """The docs table (positional index), its own index, and each row's value of ``by`` as str."""
    docs = corpus.docs if hasattr(corpus, "docs") else corpus
    if not isinstance(docs, pd.DataFrame):
        raise TypeError(f"corpus must be a Corpus or a docs DataFrame, got {type(corpus).__name__}")
    missing = sorted({"doc_id", "kind", "text"} - set(docs.columns))
    if missing:
        raise ValueError(f"the corpus table lacks columns {missing}")
    try:
        cols = group_columns(by)
    except TypeError as err:
        raise OptionError("by", str(err)) from None
    if cols is None:
        raise OptionError("by", f"name a column of the corpus table (or two joined by +), got {by!r}")
    absent = [c for c in cols if c not in docs.columns]
    if absent:
        columns = [c for c in docs.columns if c != "text"]
        raise OptionError("by", f"{absent} not a column of the corpus table; columns: {', '.join(columns)}")
    index = docs.index
    docs = docs.reset_index(drop=True)
    return docs, index, label_groups(docs, cols)


def _candidates(candidates: Any, values: set[str], by: str, kinds: Sequence[str]) -> list[str]:
    if isinstance(candidates, str) or not isinstance(candidates, Sequence | np.ndarray | pd.Series | pd.Index):
        raise OptionError("candidates", f"give a list of values of {by}, got {candidates!r}")
    cands = [str(c) for c in candidates]
    if len(cands) < 2:
        raise OptionError("candidates", f"give at least two values of {by} to choose between, got {cands}")
    dup = sorted({c for c in cands if cands.count(c) > 1})
    if dup:
        raise OptionError("candidates", f"{dup} given more than once")
    bad = [c for c in cands if c not in values]
    if bad:
        raise OptionError(
            "candidates",
            f"{bad} not a value of {by} among the rows of kind {', '.join(kinds)}; values: {', '.join(sorted(values))}",
        )
    return cands


def _unknown(
    unknown: Any,
    docs: pd.DataFrame,
    index: pd.Index,
    labels: pd.Series,
    in_kinds: np.ndarray,
    cands: list[str],
    by: str,
) -> np.ndarray:
    """A boolean array over the docs: the unknown documents."""
    if isinstance(unknown, pd.Series) and unknown.dtype == bool:  # a mask such as docs["author"] == "X"
        aligned = unknown.reindex(index)
        if aligned.isna().any() or len(unknown) != len(index):
            raise OptionError("unknown", "the mask's index is not the corpus table's index")
        unknown = aligned.to_numpy(dtype=bool)
    if isinstance(unknown, (str, int, np.integer)) and not isinstance(unknown, bool):
        value = str(unknown)
        if value in cands:
            raise OptionError("unknown", f"{value!r} is also a candidate; the unknown texts must be other rows")
        sel = (labels.to_numpy() == value) & in_kinds
        if not sel.any():
            values = sorted(set(labels[in_kinds]))
            raise OptionError(
                "unknown", f"no row of {by} {value!r} among the compared rows; values: {', '.join(values)}"
            )
        return sel
    if unknown is None or not isinstance(unknown, Sequence | np.ndarray | pd.Series | pd.Index):
        raise OptionError(
            "unknown", f"give a value of {by}, a boolean mask over the documents or a list of doc_ids; got {unknown!r}"
        )
    items = list(unknown)
    if items and all(isinstance(x, (bool, np.bool_)) for x in items):
        if len(items) != len(docs):
            raise OptionError("unknown", f"the mask has {len(items)} entries but the corpus has {len(docs)} documents")
        sel = np.asarray(items, dtype=bool)
        if not sel.any():
            raise OptionError("unknown", "the mask selects no document")
        return sel
    ids = [str(x) for x in items]
    if not ids:
        raise OptionError("unknown", "the list of doc_ids is empty")
    known = set(docs["doc_id"].astype(str))
    missing = [d for d in ids if d not in known]
    if missing:
        raise OptionError("unknown", f"doc_ids not in the corpus: {missing[:10]}{' ...' if len(missing) > 10 else ''}")
    return docs["doc_id"].astype(str).isin(ids).to_numpy()


def _texts(corpus: Any, docs: pd.DataFrame, use: np.ndarray, by: str, quotations: str) -> pd.DataFrame:
    """The rows used, with other people's words cut out as ``quotations`` says (all of them kept)."""
    sub = docs[use]
    spans = corpus_spans(corpus) if quotations == "drop" and hasattr(corpus, "key") else None
    return comparison_rows(
        sub,
        kinds=sorted(set(sub["kind"].astype(str))),
        groups=by,
        quotations="rows" if quotations == "keep" else quotations,
        spans=spans,
    )


# --------------------------------------------------------------------------- distances


def _weighted_delta(Z: np.ndarray, C: np.ndarray, G: np.ndarray, metric: str) -> np.ndarray:
    """Delta of each row ``i`` of ``Z`` (n x W) to the centroids ``C[i]`` (n x k x W), feature ``j`` counted
    ``G[i, j]`` times (a resample of the features): array (n x k)."""
    if metric == "burrows":
        return np.einsum("ij,ikj->ik", G, np.abs(Z[:, None, :] - C)) / G.sum(axis=1, keepdims=True)
    dot = np.einsum("ij,ikj->ik", G * Z, C)
    nz = np.sqrt((G * Z**2).sum(axis=1))
    nc = np.sqrt(np.einsum("ij,ikj->ik", G, C**2))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.clip(1.0 - dot / (nz[:, None] * nc), 0.0, 2.0)


def _standardised(F: np.ndarray, mean: np.ndarray, sd: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        Z = (F - mean) / sd
    return np.where(sd > 0, Z, 0.0)  # a feature of constant rate in the training texts carries no evidence


def _training_resamples(
    F: np.ndarray, y: np.ndarray, doc: np.ndarray, cands: list[str], n_boot: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Training mean, sd and centroids of ``n_boot`` resamples of each candidate's training documents.

    Each resample draws, for each candidate, as many of its documents as it has, with replacement, and takes all
    their units (chunks); the mean and sd are weighted so that every candidate weighs the same, as in
    :func:`textlab.stylometry.delta.zscores` with :func:`~textlab.stylometry.delta.balanced_weights`.
    Returns arrays (n_boot x W), (n_boot x W) and (n_boot x k x W).
    """
    units = {}
    for cand in cands:
        docs_c = np.unique(doc[y == cand])
        units[cand] = [np.flatnonzero((doc == d) & (y == cand)) for d in docs_c]
    W = F.shape[1]
    means, sds, C = np.empty((n_boot, W)), np.empty((n_boot, W)), np.empty((n_boot, len(cands), W))
    for b in range(n_boot):
        parts, labels = [], []
        for cand in cands:
            picked = rng.integers(0, len(units[cand]), len(units[cand]))
            idx = np.concatenate([units[cand][p] for p in picked])
            parts.append(idx)
            labels.append(np.full(len(idx), cand, dtype=object))
        idx, lab = np.concatenate(parts), np.concatenate(labels)
        Fb = F[idx]
        w = balanced_weights(lab)
        w = w / w.sum()
        mean = w @ Fb
        var = (w @ (Fb - mean) ** 2) / max(1.0 - float(w @ w), 1e-12)
        sd = np.sqrt(var)
        sd[sd <= 1e-9 * np.abs(mean)] = 0.0
        Zb = _standardised(Fb, mean, sd)
        means[b], sds[b] = mean, sd
        C[b] = np.vstack([Zb[lab == cand].mean(axis=0) for cand in cands])
    return means, sds, C


def _nearest(D: np.ndarray) -> np.ndarray:
    return np.argmin(np.where(np.isnan(D), np.inf, D), axis=1)


def _paired_delta(A: np.ndarray, B: np.ndarray, metric: str) -> np.ndarray:
    """Delta of each row of ``A`` to the same row of ``B``."""
    return np.array([delta_matrix(a[None], b[None], metric=metric)[0, 0] for a, b in zip(A, B)])


# --------------------------------------------------------------------------- the candidates' model


@dataclass(frozen=True)
class _Texts:
    """The documents used, their words and their units (whole documents or chunks)."""

    doc_ids: np.ndarray  # per document
    titles: list[Any]
    words: list[list[str]]
    label: np.ndarray  # value of ``by``
    is_unknown: np.ndarray
    has_unit: np.ndarray  # long enough to have a unit
    unit_doc: np.ndarray  # per unit: its document
    unit_ft: list[list[str]]  # per unit: its feature tokens


@dataclass(frozen=True)
class _Model:
    """Features, z-score reference and centroids of the candidates' texts, and their bootstrap resamples."""

    vocab: list[str]
    F_train: np.ndarray
    weights: np.ndarray
    C: np.ndarray  # (k x W)
    own: list[np.ndarray]  # per candidate: leave-one-out distances of its texts to its centroid
    boot_mean: np.ndarray  # (n_boot x W)
    boot_sd: np.ndarray
    boot_C: np.ndarray  # (n_boot x k x W)
    boot_G: np.ndarray  # (n_boot x W): times each feature is drawn


def _units(
    rows: pd.DataFrame,
    labels: np.ndarray,
    is_unknown: np.ndarray,
    char: int,
    skip: set[str],
    chunk: int | None,
    min_words: int,
) -> _Texts:
    words = style_tokens(rows["text"].astype(str).tolist())
    if char and skip:
        words = [[w for w in ws if w not in skip] for ws in words]
    if chunk is None:  # whole documents, of at least min_words words
        has_unit = np.array([len(w) >= min_words for w in words], dtype=bool)
        unit_doc = np.flatnonzero(has_unit)
        unit_words = [words[i] for i in unit_doc]
    else:  # the one chunker: a short last piece joins the chunk before; a document under min_words has none
        c = chunk_words(words, chunk, tail="merge", min_size=min_words)
        unit_words, unit_doc = c.words, c.first
        has_unit = np.isin(np.arange(len(words)), unit_doc)
    return _Texts(
        doc_ids=rows["doc_id"].astype(str).to_numpy(),
        titles=rows["title"].tolist() if "title" in rows.columns else [None] * len(rows),
        words=words,
        label=labels,
        is_unknown=is_unknown,
        has_unit=has_unit,
        unit_doc=np.asarray(unit_doc, dtype=np.int64),
        unit_ft=[char_ngrams(w, char) if char else w for w in unit_words],
    )


def _fit(
    t: _Texts, cands: list[str], features: str, n_features: int, skip: set[str], metric: str, n_boot: int, seed: int
) -> _Model:
    in_train = ~t.is_unknown[t.unit_doc]
    y = t.label[t.unit_doc][in_train]
    train_ft = [f for f, keep in zip(t.unit_ft, in_train) if keep]
    counts = Counter(tok for f in train_ft for tok in f)
    for w in skip:
        counts.pop(w, None)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if features == "function":
        ranked = [kv for kv in ranked if kv[0] in FUNCTION_WORDS]
    vocab = [w for w, _ in ranked[:n_features]]
    if len(vocab) < n_features:
        log.info(
            "attribute: %d features of the %r set in the training texts (%d asked)", len(vocab), features, n_features
        )
    F_train = frequency_matrix(train_ft, vocab)
    varies = np.ptp(F_train, axis=0) > 0 if vocab else np.zeros(0, dtype=bool)
    if not varies.any():
        raise OptionError("features", f"no feature of the {features!r} set varies across the training texts")
    vocab = [w for w, v in zip(vocab, varies) if v]
    F_train = F_train[:, varies]
    weights = balanced_weights(y)
    Z = zscores(F_train, weights=weights)
    C = np.vstack([Z[y == cand].mean(axis=0) for cand in cands])
    own = []
    for k, cand in enumerate(cands):
        Zc = Z[y == cand]
        own.append(_paired_delta(Zc, (len(Zc) * C[k] - Zc) / (len(Zc) - 1), metric))
    rng = np.random.default_rng([seed, 0])  # shared by every unknown document
    boot_mean, boot_sd, boot_C = _training_resamples(F_train, y, t.unit_doc[in_train], cands, n_boot, rng)
    W = len(vocab)
    boot_G = rng.multinomial(W, np.full(W, 1.0 / W), size=n_boot).astype(float)
    return _Model(vocab, F_train, weights, C, own, boot_mean, boot_sd, boot_C, boot_G)


def _attribute_one(
    t: _Texts,
    i: int,
    m: _Model,
    cands: list[str],
    *,
    metric: str,
    block: int,
    min_confidence: float,
    seed: int,
    chunked: bool,
    min_words: int,
) -> dict[str, Any]:
    """The result row of unknown document ``i``."""
    words = t.words[i]
    units = np.flatnonzero(t.unit_doc == i)
    rec: dict[str, Any] = {
        "doc_id": t.doc_ids[i],
        "title": t.titles[i],
        "n_words": len(words),
        "n_chunks": len(units),
    }
    if not t.has_unit[i]:
        rec["note"] = f"too short: {len(words)} words, under min_words={min_words}; not attributed"
        return rec
    doc_ft = t.unit_ft[units[0]] if len(units) == 1 else [tok for u in units for tok in t.unit_ft[u]]
    D = delta_matrix(
        zscores(frequency_matrix([doc_ft], m.vocab), reference=m.F_train, weights=m.weights), m.C, metric=metric
    )[0]
    if np.isnan(D).all():
        rec["note"] = "none of the features occurs in it: not attributed"
        return rec
    best = int(_nearest(D[None])[0])
    rec["attributed"] = cands[best]
    rec["margin"] = float(np.diff(np.sort(D)[:2])[0])
    # the bootstrap: the document's blocks drawn again with replacement, with resample b of the candidates'
    # documents and of the features
    W = len(m.vocab)
    col = {w: j for j, w in enumerate(m.vocab)}
    idx = np.array([col.get(tok, -1) for tok in doc_ft])
    n_blocks = max(1, len(words) // block)
    parts = np.array_split(idx, n_blocks)
    B = np.vstack([np.bincount(p[p >= 0], minlength=W) for p in parts]).astype(float)
    lens = np.array([len(p) for p in parts], dtype=float)
    rng = np.random.default_rng([seed, zlib.crc32(str(t.doc_ids[i]).encode("utf-8"))])
    n_boot = len(m.boot_G)
    M = rng.multinomial(n_blocks, np.full(n_blocks, 1.0 / n_blocks), size=n_boot).astype(float)
    Z_boot = _standardised((M @ B) / (M @ lens)[:, None], m.boot_mean, m.boot_sd)
    rec["confidence"] = float((_nearest(_weighted_delta(Z_boot, m.boot_C, m.boot_G, metric)) == best).mean())
    if chunked:
        Zu = zscores(frequency_matrix([t.unit_ft[u] for u in units], m.vocab), reference=m.F_train, weights=m.weights)
        Du = delta_matrix(Zu, m.C, metric=metric)
        rec["chunk_agreement"] = float((_nearest(Du) == best).mean())
        d_unit = float(np.nanmean(Du[:, best]))
    else:
        d_unit = float(D[best])
    rec["typicality"] = float((m.own[best] >= d_unit).mean())
    notes = []
    if rec["confidence"] < min_confidence:
        notes.append(f"uncertain: {rec['confidence']:.0%} of {n_boot} resamples agree (under {min_confidence:.0%})")
    if chunked and rec["chunk_agreement"] <= 0.5:
        notes.append(f"uncertain: {rec['chunk_agreement']:.0%} of its {len(units)} chunks are nearest to {cands[best]}")
    if rec["typicality"] == 0:
        notes.append(f"farther from {cands[best]} than any of its {len(m.own[best])} own training texts")
    rec["uncertain"] = any(n.startswith("uncertain") for n in notes)
    rec["note"] = "; ".join(notes)
    rec.update({f"d_{cand}": float(d) for cand, d in zip(cands, D)})
    return rec


# --------------------------------------------------------------------------- attribution


def attribute(
    corpus: Any,
    candidates: Sequence[Any],
    unknown: Any,
    *,
    by: str = "author",
    features: str = "mfw",
    n_features: int = 200,
    chunk: int | None = None,
    min_words: int | None = None,
    metric: str = "cosine",
    n_boot: int = 500,
    block: int = 50,
    min_confidence: float = 0.9,
    seed: int = 0,
    kinds: Sequence[str] = ("primary",),
    quotations: str = "drop",
    exclude: Sequence[str] = (),
) -> pd.DataFrame:
    """Attribute each unknown document to the nearest candidate, with its margin and a bootstrap confidence.

    See the module docstring for what each column means. The training texts are the rows of ``kinds`` whose
    value of ``by`` is a candidate, less any row selected as unknown.

    Parameters
    ----------
    corpus : Corpus or its docs DataFrame
        Columns ``doc_id``, ``kind``, ``text``, the columns of ``by`` and, if present, ``title``.
    candidates : sequence
        Values of ``by`` (at least two): the candidates' rows are the training texts.
    unknown : value of ``by``, boolean mask over the documents, or list of doc_ids
        The documents to attribute. A value of ``by`` selects its rows of ``kinds``; a mask or a list selects
        exactly those rows, whatever their kind (a row of a candidate so selected is left out of the training
        texts: a held-out test).
    by : str, default "author"
        Column of the corpus table (or columns joined by ``+``) whose values are the candidates.
    features : {"mfw", "function", "char2", "char3", "char4", "char5"}, default "mfw"
        Most frequent words, function words only (:data:`FUNCTION_WORDS`), or character n-grams.
    n_features : int, default 200
        Number of features: the most frequent of the set in the candidates' texts (features whose rate does
        not vary across the training texts are dropped).
    chunk : int, optional
        Words per training chunk (and per chunk of an unknown text, for ``chunk_agreement``); default whole
        documents.
    min_words : int, optional
        Shortest document used, and shortest last piece of a chunked one (a shorter tail joins the chunk
        before); default ``chunk // 2`` with chunks, else 100.
    metric : {"cosine", "burrows"}, default "cosine"
        Cosine Delta (Smith & Aldridge 2011) or Burrows' Delta (Burrows 2002).
    n_boot : int, default 500
        Bootstrap resamples for ``confidence``.
    block : int, default 50
        Words per block of the text resampled by the bootstrap (blocks keep the words of a passage together).
    min_confidence : float, default 0.9
        A document with a lower confidence (or, with chunks, half or fewer of its chunks agreeing) is marked
        ``uncertain``.
    seed : int, default 0
        Seed of the bootstrap; each document draws from ``seed`` and its ``doc_id``, so its result does not
        depend on the other documents attributed with it.
    kinds : sequence of str, default ("primary",)
        Kinds of rows used as training texts (and selected by a value of ``by``).
    quotations : {"drop", "rows", "keep"}, default "drop"
        As :func:`textlab.features.rows.comparison_rows`: by default quoted words are cut out of every text
        (for a Corpus, passages reused from older texts of other authors too), so a text is its author's words.
    exclude : sequence of str
        Words never used as features (e.g. names); with character n-grams, left out of the texts first.

    Returns
    -------
    pandas.DataFrame
        One row per unknown document, in corpus order: ``doc_id``, ``title``, ``n_words``, ``n_chunks``,
        ``attributed``, ``margin``, ``confidence``, ``typicality``, ``chunk_agreement``, ``uncertain``,
        ``note`` and ``d_<candidate>`` for each candidate. ``attrs`` holds the settings, the ``features``
        used, the training texts per candidate (``n_train``) and the training documents ``left_out`` (too
        short). A document too short to attribute has ``attributed`` missing and its reason in ``note``.

    Raises
    ------
    OptionError
        Naming the option at fault: an unknown candidate value, an empty unknown selection, a candidate
        without enough text, a bad feature set, number or metric.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> c = example_corpus()
    >>> r = attribute(c, ["A. Adams", "C. Clark"], ["adams_1-00001", "clark_1-00001"], chunk=250, n_boot=100)
    >>> r[["attributed", "n_chunks", "confidence", "chunk_agreement"]].values.tolist()
    [['A. Adams', 4, 1.0, 1.0], ['C. Clark', 4, 1.0, 1.0]]
    >>> r.attrs["n_train"], r.attrs["vocab"][:4]
    ({'A. Adams': 12, 'C. Clark': 12}, ['that', 'of', 'party', 'workers'])

    Function words only, on whole documents, with B. Brown's rows as the unknown texts: Brown is neither
    candidate, and the result says so (no attribution is certain, and each text is farther from its nearest
    candidate than any of that candidate's own texts):

    >>> r = attribute(c, ["A. Adams", "C. Clark"], "B. Brown", features="function", n_boot=100)
    >>> r[["attributed", "uncertain", "typicality"]].values.tolist()
    [['C. Clark', True, 0.0], ['C. Clark', True, 0.0], ['C. Clark', True, 0.0], ['C. Clark', True, 0.0]]
    >>> r["confidence"].tolist(), set(r.attrs["vocab"]) <= FUNCTION_WORDS
    ([0.5, 0.41, 0.54, 0.57], True)

    Errors name the option:

    >>> try:
    ...     attribute(c, ["A. Adams", "D. Doe"], "B. Brown")
    ... except OptionError as err:
    ...     print(err)
    candidates: ['D. Doe'] not a value of author among the rows of kind primary; values: A. Adams, B. Brown, C. Clark
    """
    _check_sets(features, metric, quotations)
    n_features, n_boot, block = _count(n_features, "n_features"), _count(n_boot, "n_boot"), _count(block, "block")
    chunk = None if chunk is None else _count(chunk, "chunk")
    min_words = (
        (max(1, chunk // 2) if chunk is not None else 100) if min_words is None else _count(min_words, "min_words")
    )
    min_confidence = validate.share(min_confidence, "min_confidence")
    seed = validate.seed(seed)
    if isinstance(kinds, str) or isinstance(exclude, str):
        raise TypeError("kinds and exclude must be sequences of str, not a str")
    docs, index, labels = _docs(corpus, by)
    kind = docs["kind"].astype(str)
    in_kinds = (kind.isin(list(kinds)) | (kind.eq("quotation") & (quotations == "keep"))).to_numpy()
    cands = _candidates(candidates, set(labels[in_kinds]), by, kinds)
    sel = _unknown(unknown, docs, index, labels, in_kinds, cands, by)
    of_cands = labels.isin(cands).to_numpy()
    train = of_cands & in_kinds & ~sel
    if (sel & of_cands).any():
        log.info(
            "attribute: %d selected rows of the candidates held out of their training texts",
            int((sel & of_cands).sum()),
        )
    rows = _texts(corpus, docs, train | sel, by, quotations)
    pos = rows.index.to_numpy()
    char = int(features[4:]) if features.startswith("char") else 0
    skip = {str(w) for w in exclude}
    t = _units(rows, labels.to_numpy()[pos], sel[pos], char, skip, chunk, min_words)
    left_out = [str(d) for d, k, u in zip(t.doc_ids, t.has_unit, t.is_unknown) if not k and not u]
    if left_out:
        log.warning(
            "attribute: %d training documents under min_words=%d words left out: %s",
            len(left_out),
            min_words,
            ", ".join(left_out),
        )
    n_train = {cand: int((t.label[t.unit_doc][~t.is_unknown[t.unit_doc]] == cand).sum()) for cand in cands}
    for cand, n in n_train.items():
        if n < MIN_TEXTS:
            n_docs = int(((t.label == cand) & ~t.is_unknown).sum())
            what = (
                f"documents of at least min_words={min_words} words (of its {n_docs})"
                if chunk is None
                else f"chunks of {chunk} words (from its {n_docs} documents; one under min_words={min_words} "
                "words has none)"
            )
            raise OptionError(
                "candidates",
                f"{cand!r} has {n} training {what}; each candidate needs at least {MIN_TEXTS}: add texts, or give "
                + ("a smaller min_words" if chunk is None else "a smaller chunk"),
            )
    model = _fit(t, cands, features, n_features, skip, metric, n_boot, seed)
    out = [
        _attribute_one(
            t,
            i,
            model,
            cands,
            metric=metric,
            block=block,
            min_confidence=min_confidence,
            seed=seed,
            chunked=chunk is not None,
            min_words=min_words,
        )
        for i in np.flatnonzero(t.is_unknown).tolist()
    ]
    columns = ["doc_id", "title", "n_words", "n_chunks", "attributed", "margin", "confidence", "typicality"]
    columns += ["chunk_agreement", "uncertain", "note"] + [f"d_{cand}" for cand in cands]
    result = pd.DataFrame(out, columns=columns)
    result["uncertain"] = result["uncertain"].astype("boolean")
    result["note"] = result["note"].fillna("")
    short = result.loc[result["attributed"].isna(), "doc_id"].tolist()
    if short:
        log.warning("attribute: %d unknown documents not attributed (too short): %s", len(short), ", ".join(short))
    result.attrs.update(
        {
            "by": by,
            "candidates": cands,
            "features": features,
            "vocab": model.vocab,
            "metric": metric,
            "chunk": chunk,
            "min_words": min_words,
            "n_boot": n_boot,
            "min_confidence": min_confidence,
            "n_train": n_train,
            "left_out": left_out,
        }
    )
    log.info(
        "attribute: %d unknown documents, candidates %s, %d %s features, %s Delta: %d uncertain",
        len(result),
        cands,
        len(model.vocab),
        features,
        metric,
        int(result["uncertain"].fillna(False).sum()),
    )
    return result


def summary(result: pd.DataFrame) -> str:
    """An :func:`attribute` result in words: the settings, what the columns mean, the table, the verdicts.

    Every statement is made from the result (its rows and ``attrs``): the number of documents, the candidates
    and their training texts, the uncertain attributions and why, the documents left out or not attributed.

    Examples
    --------
    >>> from textlab.corpus.examples import example_corpus
    >>> r = attribute(example_corpus(), ["A. Adams", "C. Clark"], "B. Brown", features="function", n_boot=100)
    >>> print(summary(r).splitlines()[0])
    Attribution of 4 documents to the nearest of 2 candidates by cosine Delta on 17 function words, whole \
documents of at least 100 words (training texts: A. Adams 4, C. Clark 4).
    >>> print(summary(r).splitlines()[-5])
    0 of 4 attributed with confidence; 4 uncertain.
    """
    a = result.attrs
    what = {"mfw": "most frequent words", "function": "function words"}.get(
        a["features"], f"character {a['features'][4:]}-grams"
    )
    units = (
        f"whole documents of at least {a['min_words']} words"
        if a["chunk"] is None
        else f"chunks of {a['chunk']} words (a tail under {a['min_words']} words joins the chunk before)"
    )
    n = len(result)
    lines = [
        f"Attribution of {n} document{'s' if n != 1 else ''} to the nearest of {len(a['candidates'])} candidates by "
        f"{a['metric']} Delta on {len(a['vocab'])} {what}, {units} (training "
        f"texts: {', '.join(f'{c} {k}' for c, k in a['n_train'].items())}).",
        f"confidence: share of {a['n_boot']} bootstrap resamples (of the candidates' documents, of the text's "
        f"passages and of the features) that give the same candidate; under {a['min_confidence']:.0%}: uncertain.",
        "margin: distance to the second-nearest candidate minus distance to the nearest; typicality: share of the "
        "candidate's own texts at least as far from it (near 0: perhaps by none of the candidates).",
    ]
    if a["left_out"]:
        lines.append(f"Training documents left out (under {a['min_words']} words): {', '.join(a['left_out'])}.")
    show = result.drop(columns=["title", "note"] + (["chunk_agreement"] if a["chunk"] is None else []))
    show["uncertain"] = show["uncertain"].map({True: "uncertain", False: ""}).fillna("")
    with pd.option_context("display.width", 200, "display.max_columns", 30, "display.float_format", "{:.3f}".format):
        lines += ["", show.set_index("doc_id").to_string(), ""]
    done = result[result["attributed"].notna()]
    doubtful = int(done["uncertain"].fillna(False).astype(bool).sum())
    lines.append(f"{len(done) - doubtful} of {n} attributed with confidence; {doubtful} uncertain.")
    if len(done) < n:
        lines.append(f"{n - len(done)} not attributed.")
    lines += [f"  {d}: {note}" for d, note in zip(result["doc_id"], result["note"]) if note]
    return "\n".join(lines)
