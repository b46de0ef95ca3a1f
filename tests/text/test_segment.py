"""Tests for textlab/segment.py: the accounting rules and the generic segmenter."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textlab.text.segment import (
    Drop,
    Segmentation,
    SegmentationError,
    Span,
    blank_drops,
    kept_lines,
    segment_whole_file,
    split_lines,
    validate,
)


def span(a, b, **kw):
    base = dict(kind="primary", author="A", work="w", title="t", date="1920", date_basis="written")
    base.update(kw)
    return Span(a, b, **base)


def test_split_lines_counts_like_sed():
    # a form feed or a Unicode line separator must not start a new line
    assert split_lines("a\x0cb\u2028c\nd") == ["a\x0cb\u2028c", "d"]
    assert split_lines("x\n") == ["x"]
    assert split_lines("x\n\n") == ["x", ""]


def test_split_lines_rejects_bytes():
    with pytest.raises(TypeError):
        split_lines(b"abc")


def test_validate_accepts_drop_inside_span():
    seg = Segmentation([span(1, 5)], [Drop(3, 3, "running_head")])
    validate(seg, 5, "f.txt")
    assert kept_lines(seg.spans[0], {3}) == [1, 2, 4, 5]


@pytest.mark.parametrize(
    "seg, n, message",
    [
        (Segmentation([span(1, 2), span(2, 3)], []), 3, "f.txt line 2: in two rows"),
        (Segmentation([span(1, 2)], [Drop(3, 3, "blank"), Drop(3, 4, "blank")]), 4, "f.txt line 3: dropped twice"),
        (Segmentation([span(1, 2)], []), 3, "f.txt line 3: not in any row and not dropped"),
        (Segmentation([span(1, 2, kind="prose")], []), 2, "unknown kind 'prose'"),
        (Segmentation([span(1, 2, date="May 1920")], []), 2, "is not YYYY or YYYY-MM"),
        (Segmentation([span(1, 2, date="1920-13")], []), 2, "is not YYYY or YYYY-MM"),
        (Segmentation([span(1, 2)], [Drop(1, 2, "blank")]), 2, "row keeps no line"),
        (Segmentation([span(1, 2)], [Drop(3, 3, "boring")]), 3, "unknown drop reason"),
        (Segmentation([span(0, 2)], []), 2, "outside 1..2"),
        (Segmentation([span(1, 2, quoted_author="B")], []), 2, "quoted_author set on a 'primary' row"),
    ],
)
def test_validate_names_the_fault(seg, n, message):
    with pytest.raises(SegmentationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate(seg, n, "f.txt")


@given(st.lists(st.sampled_from(["", " ", "x", "word word"]), min_size=0, max_size=40))
def test_whole_file_segmenter_accounts_for_every_line(lines):
    seg = segment_whole_file(lines, author="A", title="T", date="1921")
    if any(line.strip() for line in lines):
        validate(seg, len(lines), "f.txt")
        assert len(seg.spans) == 1
        first, last = seg.spans[0].line_start, seg.spans[0].line_end
        assert lines[first - 1].strip() and lines[last - 1].strip()
    else:
        assert seg.spans == []
        assert sum(d.line_end - d.line_start + 1 for d in seg.drops) == len(lines)


@given(st.lists(st.sampled_from(["", "  ", "a"]), max_size=30))
def test_blank_drops_cover_exactly_the_blank_lines(lines):
    dropped = [i for d in blank_drops(lines) for i in range(d.line_start, d.line_end + 1)]
    assert dropped == [i for i, line in enumerate(lines, 1) if not line.strip()]
