"""Fixtures of the scale tests: rows of the bundled corpus and a tokenizer fitted on them."""

from __future__ import annotations

import pandas as pd
import pytest

from textlab.features.tokenize import Tokenizer


@pytest.fixture(scope="module")
def rows(corpus) -> pd.DataFrame:
    """The first 50 primary rows of the bundled corpus."""
    docs = corpus.docs
    return docs[docs["kind"] == "primary"].head(50)[["doc_id", "text"]].reset_index(drop=True)


@pytest.fixture(scope="module")
def tok(rows) -> Tokenizer:
    """The default tokenizer with phrases learned on the rows (a low count, so that phrases occur)."""
    t = Tokenizer(phrase_min_count=3).fit(rows["text"].tolist())
    assert len(t.phrasegrams) > 20
    return t
