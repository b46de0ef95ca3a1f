"""Maps of chunks: principal components and hierarchical clustering of their z-scores, and a scatter plot.

The z-scores come from :func:`textlab.stylometry.delta.zscores` or :meth:`DeltaClassifier.transform
<textlab.stylometry.delta.DeltaClassifier.transform>`. :func:`pca_projection` and :func:`linkage_matrix` give the
data of a map and of a dendrogram; :func:`plot_projection` draws the map (it draws, so it may later move to
:mod:`textlab.viz`).

Examples
--------
>>> pca_projection([[1.0, 0.0], [-1.0, 0.0]], n_components=1).round(3)["pc1"].tolist()
[1.0, -1.0]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from scipy.cluster.hierarchy import linkage as _scipy_linkage
from scipy.spatial.distance import squareform

from textlab.core import validate
from textlab.stylometry.delta import delta_matrix

__all__ = ["pca_projection", "linkage_matrix", "plot_projection"]


def pca_projection(Z: Any, *, labels: Sequence | None = None, n_components: int = 2) -> pd.DataFrame:
    """Principal components of the z-scores: DataFrame (n_chunks x ``pc1..pcK``), plus ``label`` if given.

    Centred columns, SVD; each component's sign is fixed so that its largest
    loading is positive (the same data give the same map).
    ``attrs["explained_variance_ratio"]`` holds each component's share of the
    variance.

    >>> t = pca_projection([[1.0, 2.0], [3.0, 2.0]], labels=["a", "b"], n_components=1)
    >>> t.round(3).values.tolist(), t.attrs["explained_variance_ratio"]
    ([[-1.0, 'a'], [1.0, 'b']], [1.0])
    """
    Z = validate.finite_matrix(Z, "Z", "n_chunks x n_words")
    k_max = min(Z.shape)
    n_components = validate.integer(n_components, "n_components")
    if n_components > k_max:
        raise ValueError(f"n_components must be an int in 1..{k_max}, got {n_components!r}")
    C = Z - Z.mean(axis=0)
    U, S, Vt = np.linalg.svd(C, full_matrices=False)
    sign = np.sign(Vt[np.arange(len(Vt)), np.argmax(np.abs(Vt), axis=1)])
    sign[sign == 0] = 1
    coords = (U * S * sign)[:, :n_components]
    t = pd.DataFrame(coords, columns=[f"pc{i + 1}" for i in range(n_components)])
    if labels is not None:
        lab = list(labels)
        if len(lab) != len(t):
            raise ValueError(f"labels has {len(lab)} entries but Z has {len(t)} rows")
        t["label"] = lab
    var = S**2
    t.attrs["explained_variance_ratio"] = (
        (var / var.sum())[:n_components].tolist() if var.sum() > 0 else [0.0] * n_components
    )
    return t


def linkage_matrix(Z: Any, *, metric: str = "cosine", method: str = "average") -> np.ndarray:
    """Hierarchical clustering of chunks on their Delta distances: scipy linkage array ((n-1) x 4).

    For :func:`scipy.cluster.hierarchy.dendrogram`. ``method`` is one of
    scipy's methods for arbitrary distances (``"average"``, ``"complete"``,
    ``"single"``, ``"weighted"``); Ward needs Euclidean distances and is refused.

    >>> linkage_matrix([[1.0, 0.0], [0.9, 0.1], [-1.0, 0.0]], metric="burrows").round(2).tolist()
    [[0.0, 1.0, 0.1, 2.0], [2.0, 3.0, 1.0, 3.0]]
    """
    if method not in ("average", "complete", "single", "weighted"):
        raise ValueError(f"method must be 'average', 'complete', 'single' or 'weighted', got {method!r}")
    D = delta_matrix(Z, metric=metric)
    if D.shape[0] < 2:
        raise ValueError("Z needs at least 2 rows to cluster")
    if np.isnan(D).any():
        raise ValueError("some distances are NaN (a z-score row of all zeros under metric='cosine')")
    D = (D + D.T) / 2
    np.fill_diagonal(D, 0.0)
    return _scipy_linkage(squareform(D, checks=False), method=method)


def plot_projection(coords: pd.DataFrame, *, hue: str = "label", title: str | None = None) -> Figure:
    """Scatter plot of :func:`pca_projection` coordinates, one colour per ``hue`` value: a matplotlib Figure.

    The figure is not shown and no global style is set.

    >>> fig = plot_projection(pca_projection([[1.0, 0.0], [-1.0, 0.2], [0.0, 0.5]], labels=["a", "b", "a"]))
    >>> len(fig.axes[0].collections)
    2
    """
    for col in ("pc1", "pc2"):
        if col not in coords.columns:
            raise ValueError(f"coords has no column {col!r}: use pca_projection(..., n_components=2)")
    fig = Figure(figsize=(6, 5))
    ax = fig.add_subplot()
    groups = coords.groupby(hue, sort=True) if hue in coords.columns else [("chunks", coords)]
    for name, d in groups:
        ax.scatter(d["pc1"], d["pc2"], s=14, alpha=0.7, label=str(name))
    ev = coords.attrs.get("explained_variance_ratio", [])
    ax.set_xlabel("PC1" + (f" ({ev[0]:.0%})" if len(ev) > 0 else ""))
    ax.set_ylabel("PC2" + (f" ({ev[1]:.0%})" if len(ev) > 1 else ""))
    ax.legend(fontsize="small")
    if title:
        ax.set_title(title)
    return fig
