"""Tests of textlab.voices.lines: raw line numbers of a span of a row's cleaned text."""

from textlab.voices.lines import LineMap


def test_line_map_finds_spans_across_joined_hyphens_and_dropped_lines():
    raw = ["12 RUNNING HEAD", "The party of the work-", "ing class and the class", "PAGE 7", "struggle of the workers."]
    text = "The party of the working class and the class struggle of the workers."
    m = LineMap({"a.txt": raw})
    start = text.index("working")
    assert m.locate(0, text, "a.txt", 1, 5, start, start + len("working class")) == (2, 3, True)
    start = text.index("struggle")
    assert m.locate(0, text, "a.txt", 1, 5, start, len(text)) == (5, 5, True)


def test_line_map_estimates_without_raw_lines():
    text = "one two three four five six seven eight nine ten"
    assert LineMap(None).locate(0, text, "a.txt", 10, 19, 0, 3) == (10, 10, False)
    assert LineMap({"b.txt": ["x"]}).locate(0, text, "a.txt", 10, 19, len(text) - 3, len(text)) == (19, 19, False)
