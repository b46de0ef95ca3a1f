"""Stage 6, stylometry: Burrows' and cosine Delta, attribution with cross-validation, maps of chunks.

The functions users call are here: ``from textlab import stylometry; stylometry.author_attribution(corpus)``,
``stylometry.attribute(corpus, ["A", "B"], "Unknown")``.
Modules: :mod:`~textlab.stylometry.delta` (frequencies, z-scores, Delta, the classifier),
:mod:`~textlab.stylometry.attribution` (cross-validation holding out works; a corpus's authors),
:mod:`~textlab.stylometry.attribute` (texts of unknown authorship: the nearest candidate and how sure),
:mod:`~textlab.stylometry.maps` (principal components, clustering, a scatter plot).

Examples
--------
>>> from textlab import stylometry
>>> clf = stylometry.DeltaClassifier(n_mfw=2).fit([list("aab"), list("abb"), list("aaab"), list("abbb")], list("xyxy"))
>>> clf.predict([list("aaaab")]).tolist()
['x']
"""

from textlab.stylometry.attribute import FUNCTION_WORDS, OptionError, attribute
from textlab.stylometry.attribution import (
    CVResult,
    attribution_grid,
    author_attribution,
    author_chunks,
    corpus_docs,
    cross_validate,
    group_folds,
    style_tokens,
)
from textlab.stylometry.delta import (
    METRICS,
    DeltaClassifier,
    balanced_weights,
    delta_matrix,
    frequency_matrix,
    is_count_matrix,
    most_frequent_words,
    zscores,
)
from textlab.stylometry.maps import linkage_matrix, pca_projection, plot_projection

__all__ = [
    "METRICS",
    "most_frequent_words",
    "frequency_matrix",
    "zscores",
    "balanced_weights",
    "delta_matrix",
    "is_count_matrix",
    "DeltaClassifier",
    "group_folds",
    "CVResult",
    "cross_validate",
    "corpus_docs",
    "style_tokens",
    "author_chunks",
    "author_attribution",
    "attribution_grid",
    "attribute",
    "FUNCTION_WORDS",
    "OptionError",
    "pca_projection",
    "linkage_matrix",
    "plot_projection",
]
