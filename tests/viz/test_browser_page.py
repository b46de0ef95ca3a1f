"""Tests for textlab/viz/browser_page.py: the page's template is filled and allows only its own script."""

import re

from textlab.viz.browser_page import PAGE, SCRIPT, STYLE, csp_hash, render_page


def test_render_page_fills_every_placeholder_and_escapes_the_title():
    page = render_page(title='A & B <"topics">', data_json='{"x":"\\u003c/script\\u003e"}')
    assert "@@" not in page and set(re.findall(r"@@\w+@@", PAGE)) == {
        "@@CSP_SCRIPT@@",
        "@@TITLE@@",
        "@@STYLE@@",
        "@@SCRIPT@@",
        "@@DATA@@",
    }
    assert page.count("A &amp; B &lt;&quot;topics&quot;&gt;") == 2  # the title and the heading
    assert STYLE in page and SCRIPT in page and '{"x":"\\u003c/script\\u003e"}' in page


def test_the_policy_allows_the_pages_script_and_nothing_else():
    page = render_page(title="t", data_json="{}")
    csp = re.search(r'content="(default-src[^"]+)"', page).group(1)
    assert f"script-src '{csp_hash(SCRIPT)}'" in csp and "default-src 'none'" in csp
    assert csp_hash(SCRIPT) != csp_hash(SCRIPT + " ")
