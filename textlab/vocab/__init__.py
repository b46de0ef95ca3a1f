"""Stage 6, vocabulary comparisons: group frequencies, keyness, diversity, keywords in context.

:mod:`~textlab.vocab.compare` (frequencies, G2, log ratio, keyness, Fightin' Words, dispersion, bootstrap,
distinctive terms, tf-idf), :mod:`~textlab.vocab.diversity` (TTR, MATTR, MTLD, per group on chunks) and
:mod:`~textlab.vocab.context` (keywords in context, collocations, a term's frequency over time). Their public
names are re-exported here (the module of keyness is :mod:`~textlab.vocab.compare`, so that ``vocab.keyness`` is
the function):

>>> from textlab import vocab
>>> vocab.keyness([[3, 0], [0, 4]], ["tsar", "party"], ["A", "B"], target="A")["a"].tolist()
[3, 0]
"""

from textlab.vocab.compare import (
    ArrayLike,
    as_counts,
    bootstrap_log_ratio,
    dispersion,
    distinctive_terms,
    fightin_words,
    group_counts,
    keyness,
    log_likelihood,
    log_ratio,
    relative_frequencies,
    tfidf_by_group,
)
from textlab.vocab.context import collocations, frequency_over_time, kwic
from textlab.vocab.diversity import chunk_tokens, diversity_by_group, lexical_diversity, mattr, mtld, ttr

__all__ = [
    "ArrayLike",
    "as_counts",
    "bootstrap_log_ratio",
    "chunk_tokens",
    "collocations",
    "dispersion",
    "distinctive_terms",
    "diversity_by_group",
    "fightin_words",
    "frequency_over_time",
    "group_counts",
    "keyness",
    "kwic",
    "lexical_diversity",
    "log_likelihood",
    "log_ratio",
    "mattr",
    "mtld",
    "relative_frequencies",
    "tfidf_by_group",
    "ttr",
]
