"""Tests of textlab.core.validate: each check returns the value it checked or names the argument at fault."""

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from textlab.core import validate


def test_stochastic_rows_renormalise_and_name_the_cause():
    a = validate.stochastic_rows(sp.csr_matrix([[0.2, 0.8], [0.5, 0.5005]]), "theta", "n_docs x n_topics")
    assert np.allclose(a.sum(axis=1), 1) and a[1, 0] == pytest.approx(0.5 / 1.0005)
    with pytest.raises(ValueError, match=r"theta rows must sum to 1 \(n x k\); row 1 sums to 1.5 \(a hint\)"):
        validate.stochastic_rows([[0.5, 0.5], [1.0, 0.5]], "theta", "n x k", "a hint")
    with pytest.raises(ValueError, match="theta must hold probabilities"):
        validate.stochastic_rows([[1.5, -0.5]], "theta", "n x k")
    with pytest.raises(ValueError, match="theta is empty"):
        validate.stochastic_rows(np.zeros((0, 3)), "theta", "n x k")
    with pytest.raises(TypeError, match="could not read it as numbers"):
        validate.stochastic_rows([["a", "b"]], "theta", "n x k")
    with pytest.raises(TypeError, match="theta must be a 2-D numeric array"):
        validate.stochastic_rows(None, "theta", "n x k")


def test_finite_matrix_takes_any_real_numbers():
    assert validate.finite_matrix(pd.DataFrame({"a": [1, 2], "b": [0.5, -1.0]}), "W").tolist() == [[1, 0.5], [2, -1]]
    assert validate.finite_matrix(sp.csr_matrix([[True, False]]), "W").tolist() == [[1.0, 0.0]]
    with pytest.raises(ValueError, match="W must hold finite values"):
        validate.finite_matrix([[np.inf, 1.0]], "W")
    with pytest.raises(TypeError, match="W must hold real numbers"):
        validate.finite_matrix(np.array([[1j, 2]]), "W")
    with pytest.raises(TypeError, match="W must hold real numbers"):
        validate.finite_matrix([["a", "b"]], "W")
    with pytest.raises(ValueError, match=r"W must be 2-dimensional \(K x V\), got shape \(2,\)"):
        validate.finite_matrix([1, 2], "W", "K x V")


def test_vectors_labels_and_terms():
    assert validate.nonnegative_vector((1, 2), "w", 2, "rows").tolist() == [1.0, 2.0]
    with pytest.raises(ValueError, match="w must hold finite, non-negative numbers"):
        validate.nonnegative_vector([1, -2], "w", 2, "rows")
    with pytest.raises(TypeError, match="w must be a sequence of 2 numbers"):
        validate.nonnegative_vector("ab", "w", 2, "rows")
    g = validate.labels(("A", None, "B"), "groups", 3, rows="the chunks")
    assert g.dtype == object and g.tolist() == ["A", None, "B"]
    with pytest.raises(TypeError, match="one per row of the chunks"):
        validate.labels("AB", "groups", 2, rows="the chunks")
    with pytest.raises(ValueError, match="groups must be 1-dimensional"):
        validate.labels(np.zeros((2, 2)), "groups", 2)
    v = np.array(["a", "b"])
    assert validate.terms(v, 2) is v and validate.terms(("a", "b")).tolist() == ["a", "b"]
    with pytest.raises(TypeError, match="vocab must hold str terms, found 3"):
        validate.terms(["a", 3])
    with pytest.raises(TypeError, match="not a single str"):
        validate.terms("ab")
    with pytest.raises(ValueError, match="vocab has 2 terms but X has 3 columns"):
        validate.terms(["a", "b"], 3)


def test_token_lists_numbers_and_missing_values():
    assert validate.token_lists((("a",), [])) == [["a"], []]
    with pytest.raises(TypeError, match="docs must be a sequence of token lists, not a str"):
        validate.token_lists("a b", "docs")
    assert validate.integer(np.int32(3), "n") == 3 and validate.integer(0, "n", minimum=0) == 0
    with pytest.raises(TypeError, match="n must be an int, got bool"):
        validate.integer(True, "n")
    with pytest.raises(ValueError, match="top_n must be >= 2, got 1"):
        validate.integer(1, "top_n", minimum=2)
    assert validate.share(0, "lam") == 0.0
    with pytest.raises(ValueError, match="ci must be strictly between 0 and 1, got 0"):
        validate.share(0, "ci", strict=True)
    assert validate.seed(np.int64(7)) == 7
    with pytest.raises(ValueError, match="seed must be a non-negative int, got 1.5"):
        validate.seed(1.5)
    assert [validate.is_missing(x) for x in (pd.NaT, np.float32("nan"), "nan")] == [True, True, False]
    assert sorted(["1931-02", 1930, "1930-12", 1929.5], key=validate.sort_key) == [1929.5, 1930, "1930-12", "1931-02"]
