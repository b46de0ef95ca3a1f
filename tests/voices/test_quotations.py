"""Tests of textlab.voices.quotations: inline quotation spans, dropping spans, quoted share."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from textlab.voices.quotations import drop_spans, inline_quotations, quoted_share, quoted_spans

LONG = "the proletariat can take power only when the majority of the working class stands behind its party"  # 17 words


def test_double_and_single_marks_and_the_apostrophe_is_not_a_mark():
    t = f"Trotsky's answer was \"{LONG}\" and Cliff's gloss: '{LONG}'. Not 'a short phrase' though."
    spans = inline_quotations(t, min_words=15)
    assert [t[s:e] for s, e in spans] == [f'"{LONG}"', f"'{LONG}'"]


def test_short_quotations_and_unpaired_marks_are_not_reported():
    assert inline_quotations('a "short one" here', min_words=3) == []
    assert inline_quotations('an opening " mark ' + "word " * 50, min_words=3) == []
    assert inline_quotations('"' + "word " * 500 + 'end"', min_words=3, max_words=400) == []


def test_drop_spans_removes_exactly_the_spans():
    t = "keep this [drop me] and this [and me] end"
    spans = [(t.index("[drop"), t.index("me]") + 3), (t.index("[and"), t.index("[and") + 8)]
    assert drop_spans(t, spans) == "keep this and this end"
    with pytest.raises(ValueError, match="outside"):
        drop_spans("abc", [(1, 9)])


@given(
    st.lists(st.sampled_from(["word", "party", "class", "soviet"]), min_size=15, max_size=40),
    st.lists(st.sampled_from(["before", "text"]), min_size=1, max_size=10),
)
def test_a_planted_quotation_is_found_and_dropped(quote, before):
    inner = " ".join(quote)
    t = " ".join(before) + f' wrote "{inner}" after'
    spans = inline_quotations(t, min_words=15)
    assert [t[s:e] for s, e in spans] == [f'"{inner}"']
    assert inner not in drop_spans(t, spans) and drop_spans(t, spans).endswith("after")


def test_quoted_share_counts_quotation_rows_and_spans():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "group": ["G", "G", "H"],
            "kind": ["primary", "quotation", "primary"],
            "text": [f'he said "{LONG}" today', "ten words of a block quotation stand in this row", "no quote"],
        }
    )
    t = quoted_share(docs, quoted_spans(docs)).set_index("group")
    # G: 20 + 10 words; quoted 10 (row b) + 17 (span in a) = 27 / 30
    assert t.loc["G", "words"] == 30 and t.loc["G", "quotation_rows"] == 10 and t.loc["G", "quoted_spans"] == 17
    assert t.loc["G", "quoted_share"] == pytest.approx(27 / 30)
    assert t.loc["H", "quoted_share"] == 0
