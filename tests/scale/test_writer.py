"""Tests of textlab.scale.writer: counts written atomically, or not at all."""

from __future__ import annotations

import numpy as np
import pytest

from textlab.scale.counts import StreamedCounts, cached_counts
from textlab.scale.local import count_to_disk
from textlab.scale.writer import CountsWriter, write_counts


def test_a_failed_write_leaves_no_partial_files_and_keeps_the_previous_result(tmp_path):
    def failing(n):
        for i in range(n):
            yield f"d{i}", ["war", "peace"]
        raise RuntimeError("the source broke")

    out = tmp_path / "counts"
    with pytest.raises(RuntimeError, match="the source broke"):
        count_to_disk(failing(5000), out, key="k", block_docs=100)
    assert not out.exists()  # the folder it made is gone, with every temporary file

    good = count_to_disk([("a", ["war"]), ("b", ["peace"])], out, key="old")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(RuntimeError, match="the source broke"):
        count_to_disk(failing(3000), out, key="new", block_docs=100)
    with pytest.raises(ValueError, match="no terms remain"):  # an error while writing the final files
        count_to_disk([("a", ["war"]), ("b", ["peace"])], out, key="new", min_df=2)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no partial or temporary files
    assert cached_counts(out, "old") is not None and cached_counts(out, "new") is None
    assert StreamedCounts(out).to_dtm().X.toarray().tolist() == [[0, 1], [1, 0]]
    assert good.n_docs == 2


def test_rows_counted_elsewhere_give_the_files_of_token_lists(tmp_path):
    """What the Spark engine sends (column ids into its own vocabulary, counts, tokens) is written as count_to_disk
    writes the same documents' tokens."""
    docs = [("a", ["war", "peace", "war"]), ("b", []), ("c", ["land", "war"])]
    ref = count_to_disk(docs, tmp_path / "ref")
    columns = ["war", "land", "peace"]  # another engine's column order

    def fill(w: CountsWriter) -> dict[str, float]:
        rownnz = np.array([2, 0, 2])
        cols = np.array([0, 2, 1, 0])
        cnt = np.array([2, 1, 1, 1])
        w.add_counted([d for d, _ in docs], rownnz, cols, cnt, columns, 5, [t for _, t in docs])
        return {}

    got = write_counts(
        tmp_path / "got", fill, vocab=None, min_df=1, max_df=1.0, key=None, settings=None, keep_tokens=True
    )
    for name in ("vocab.json", "doc_ids.json", "terms.json", "tokens.npy", "token_offsets.npy"):
        assert (got.out_dir / name).read_bytes() == (ref.out_dir / name).read_bytes(), name
    assert (got.counts().to_dtm().X != ref.counts().to_dtm().X).nnz == 0
