"""Tests of textlab.stylometry.maps: principal components, clustering and the scatter plot of chunks."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from scipy.cluster.hierarchy import dendrogram, fcluster

from tests.stylometry.synthetic import synthetic_authors
from textlab.stylometry import maps as sty
from textlab.stylometry.delta import DeltaClassifier


def test_pca_linkage_and_plot():
    tokens, labels, _ = synthetic_authors(5, n_docs=3, chunks_per_doc=2, size=300)
    clf = DeltaClassifier(n_mfw=40).fit(tokens, labels)
    Z = clf.transform(tokens)
    coords = sty.pca_projection(Z, labels=labels)
    assert list(coords.columns) == ["pc1", "pc2", "label"] and len(coords) == len(tokens)
    assert 0 < sum(coords.attrs["explained_variance_ratio"]) <= 1
    # the two planted authors separate on PC1
    m = coords.groupby("label")["pc1"].agg(["min", "max"])
    assert m.loc["A", "max"] < m.loc["B", "min"] or m.loc["B", "max"] < m.loc["A", "min"]
    L = sty.linkage_matrix(Z)
    assert L.shape == (len(tokens) - 1, 4)
    assert len(dendrogram(L, no_plot=True)["leaves"]) == len(tokens)
    cl = fcluster(L, 2, "maxclust")
    assert pd.crosstab(np.asarray(labels), cl).max(axis=1).sum() == len(tokens)
    before = plt.get_fignums()
    fig = sty.plot_projection(coords, title="synthetic")
    assert isinstance(fig, Figure) and plt.get_fignums() == before


def test_projection_checks_its_input():
    with pytest.raises(ValueError, match=r"n_components must be an int in 1\.\.2"):
        sty.pca_projection(np.eye(2), n_components=3)
    with pytest.raises(ValueError, match="method must be"):
        sty.linkage_matrix(np.eye(3), method="ward")
    with pytest.raises(ValueError, match="coords has no column 'pc2'"):
        sty.plot_projection(pd.DataFrame({"pc1": [0.0]}))
