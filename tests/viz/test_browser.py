"""Tests for textlab/viz/browser.py: the page's data in Python, then the page itself in a real headless Chromium.

The browser tests drive the written file with playwright and Debian's
Chromium (``apt-get install chromium``; never ``playwright install``). Where
either is missing they are skipped on a developer's machine, but fail when
the environment variable ``CI`` is set, so that CI cannot pass without them.
"""

from __future__ import annotations

import logging
import math
import os
import re
import time
from contextlib import contextmanager

import numpy as np
import pandas as pd
import pytest

from textlab.viz.browser import (
    UNSTABLE_FLAG,
    embedded_terms,
    rank_terms,
    read_topic_browser_data,
    topic_browser_data,
    write_topic_browser,
)

# --------------------------------------------------------------------------- synthetic inputs

VOCAB = [
    "tsar",
    "duma",
    "party",
    "soviet",
    "kulak",
    "thermidor",
    "bureaucracy",
    "comintern",
    "strike",
    "council",
    "opportunism",
    "</script><b>&amp;",
]
TERM_FREQ = [200, 150, 120, 100, 80, 70, 60, 50, 50, 40, 40, 40]  # 1000 tokens: p(w) = count / 1000
TOPIC_WORD = np.array(
    [
        [0.30, 0.065, 0.10, 0.04, 0.02, 0.03, 0.01, 0.02, 0.12, 0.15, 0.09, 0.055],
        [0.01, 0.02, 0.25, 0.18, 0.03, 0.04, 0.05, 0.12, 0.06, 0.14, 0.09, 0.01],
        [0.02, 0.01, 0.03, 0.04, 0.15, 0.20, 0.22, 0.05, 0.08, 0.06, 0.03, 0.11],
    ]
)
LABELS = ["autocracy", "the united front", "Thermidor"]
STABLE = [True, False, True]
GROUPS = ["Adams 1920", "Brown 1928", "Clark 1993"]
N_TERMS = 4
# topic 0, worked by hand from the rows above:
#   by p(w|k): tsar .30, council .15, strike .12, party .10
#   by lift p(w|k)/p(w): council .15/.04 = 3.75, strike .12/.05 = 2.4, opportunism .09/.04 = 2.25, tsar .30/.20 = 1.5
TOP_BY_PROB_0 = ["tsar", "council", "strike", "party"]
TOP_BY_LIFT_0 = ["council", "strike", "opportunism", "tsar"]


def _prevalence() -> pd.DataFrame:
    shares = {"Adams 1920": [0.6, 0.3, 0.1], "Brown 1928": [0.2, 0.5, 0.3], "Clark 1993": [0.1, 0.2, 0.7]}
    rows = []
    for g in GROUPS:
        for k, p in enumerate(shares[g]):
            one_text = g == "Adams 1920"  # a group of one text has no interval (NaN), as bootstrap_prevalence gives
            rows.append(
                {
                    "group": g,
                    "topic": k,
                    "prevalence": p,
                    "low": np.nan if one_text else p - 0.05,
                    "high": np.nan if one_text else p + 0.04,
                }
            )
    return pd.DataFrame(rows)


def _kwargs(**changes) -> dict:
    kw = dict(
        topic_word=TOPIC_WORD,
        vocab=VOCAB,
        term_freq=TERM_FREQ,
        prevalence=_prevalence(),
        labels=LABELS,
        stable=STABLE,
        title="Adams, Brown, Clark",
        n_terms=N_TERMS,
    )
    kw.update(changes)
    return kw


def _oracle(topic_word, term_freq, vocab, k: int, lam: float, n: int) -> list[str]:
    """Top ``n`` words by relevance, straight from the formula on the raw inputs (ties: vocabulary order)."""
    p = np.asarray(topic_word, dtype=float)[k]
    pw = np.asarray(term_freq, dtype=float) / np.sum(term_freq)
    r = lam * np.log(p) + (1 - lam) * np.log(p / pw)
    return [vocab[j] for j in np.argsort(-r, kind="stable")[:n]]


def _realistic(seed: int = 0, k: int = 20, v: int = 6000) -> dict:
    rng = np.random.default_rng(seed)
    tw = rng.dirichlet(np.full(v, 0.05), size=k)
    groups = ["Adams 1920", "Brown 1923-25", "Brown 1928", "Brown 1930-31", "Clark 1993"]
    rows = []
    for g in groups:
        share = rng.dirichlet(np.ones(k))
        for t in range(k):
            rows.append(
                {
                    "group": g,
                    "topic": t,
                    "prevalence": share[t],
                    "low": share[t] * 0.7,
                    "high": min(1.0, share[t] * 1.3),
                }
            )
    return dict(
        topic_word=tw,
        vocab=[f"word{j}" for j in range(v)],
        term_freq=rng.integers(1, 2000, v),
        prevalence=pd.DataFrame(rows),
        labels=[f"theme {t}" for t in range(k)],
        stable=[t % 5 != 3 for t in range(k)],
    )


# --------------------------------------------------------------------------- the Python side


def test_same_inputs_give_same_bytes(tmp_path):
    a = write_topic_browser(tmp_path / "a.html", **_kwargs())
    b = write_topic_browser(
        tmp_path / "sub" / "b.html", **_kwargs(topic_word=TOPIC_WORD.tolist(), term_freq=np.array(TERM_FREQ))
    )
    assert a == tmp_path / "a.html"
    assert a.read_bytes() == b.read_bytes()
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temporary file


def test_embedded_json_parses_back(tmp_path):
    out = write_topic_browser(tmp_path / "t.html", **_kwargs())
    data = read_topic_browser_data(out)
    assert data == topic_browser_data(**_kwargs())
    assert data["title"] == "Adams, Brown, Clark" and data["n_terms"] == N_TERMS
    assert data["groups"] == GROUPS  # order of first appearance, not sorted
    assert [t["label"] for t in data["topics"]] == LABELS
    assert [t["stable"] for t in data["topics"]] == STABLE
    pw = np.asarray(TERM_FREQ) / sum(TERM_FREQ)
    prev = _prevalence()
    for t in data["topics"]:
        k = t["id"]
        words = [data["vocab"][i] for i in t["terms"]]
        assert words == [w for w in VOCAB if w in words]  # vocabulary order
        for i, w in zip(t["terms"], words):
            j = VOCAB.index(w)
            assert t["pwk"][t["terms"].index(i)] == pytest.approx(TOPIC_WORD[k, j], rel=1e-6)
            assert data["pw"][i] == pytest.approx(pw[j], rel=1e-6)
        mine = prev[prev["topic"] == k]
        assert t["overall"] == pytest.approx(mine["prevalence"].mean(), rel=1e-6)
        assert [r["group"] for r in t["prevalence"]] == GROUPS
        for r, (_, row) in zip(t["prevalence"], mine.iterrows()):
            assert r["prevalence"] == pytest.approx(row["prevalence"], rel=1e-6)
            for col in ("low", "high"):
                assert (r[col] is None) if math.isnan(row[col]) else r[col] == pytest.approx(row[col], rel=1e-6)


def test_numbers_are_rounded_to_six_significant_digits(tmp_path):
    tw = np.array([[1 / 3, 2 / 3 - 1e-9, 1e-9]])
    prev = pd.DataFrame({"group": ["A"], "topic": [0], "prevalence": [1 / 7], "low": [0.1], "high": [0.2]})
    data = topic_browser_data(topic_word=tw, vocab=["a", "b", "c"], term_freq=[1, 1, 1], prevalence=prev)
    assert data["topics"][0]["pwk"] == [0.333333, 0.666667, 1e-09]
    assert data["pw"] == [0.333333] * 3
    assert data["topics"][0]["prevalence"][0]["prevalence"] == 0.142857


def test_relevance_ranking_by_hand():
    # p(w|k) = .4 .3 .2 .1 ; p(w) = .5 .1 .3 .1 ; lift = .8 3 .667 1
    # lam = 0.5: r = .5 ln p + .5 ln lift
    #   w0 = .5(-0.9163) + .5(-0.2231) = -0.5697     w1 = .5(-1.2040) + .5(1.0986) = -0.0527
    #   w2 = .5(-1.6094) + .5(-0.4055) = -1.0075     w3 = .5(-2.3026) + .5(0)      = -1.1513
    tw, tf, v = [[0.4, 0.3, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25]], [50, 10, 30, 10], ["w0", "w1", "w2", "w3"]
    assert rank_terms(tw, tf, v, topic=0, lam=1.0, n=4) == ["w0", "w1", "w2", "w3"]
    assert rank_terms(tw, tf, v, topic=0, lam=0.0, n=4) == ["w1", "w3", "w0", "w2"]
    assert rank_terms(tw, tf, v, topic=0, lam=0.5, n=4) == ["w1", "w0", "w2", "w3"]
    assert rank_terms(tw, tf, v, topic=0, lam=0.5, n=2) == ["w1", "w0"]
    assert rank_terms(tw, [1, 1, 1, 1], v, topic=1, lam=0.6, n=3) == ["w0", "w1", "w2"]  # ties: vocabulary order
    # the synthetic topic worked by hand above
    assert rank_terms(TOPIC_WORD, TERM_FREQ, VOCAB, topic=0, lam=1.0, n=N_TERMS) == TOP_BY_PROB_0
    assert rank_terms(TOPIC_WORD, TERM_FREQ, VOCAB, topic=0, lam=0.0, n=N_TERMS) == TOP_BY_LIFT_0


def test_a_word_of_zero_probability_ranks_last():
    tw, v = [[0.7, 0.0, 0.3]], ["a", "b", "c"]
    for lam in (0.0, 0.5, 1.0):
        assert rank_terms(tw, [1, 1000, 1], v, topic=0, lam=lam, n=3)[-1] == "b"


def test_embedded_words_cover_every_slider_position():
    kw = _realistic(seed=3, k=4, v=400)
    emb = embedded_terms(kw["topic_word"], kw["term_freq"], n_terms=10)
    for k, idx in enumerate(emb):
        have = {kw["vocab"][j] for j in idx}
        assert 10 <= len(have) < 400
        for i in range(101):
            assert set(rank_terms(kw["topic_word"], kw["term_freq"], kw["vocab"], topic=k, lam=i / 100, n=10)) <= have
    # the lambda grid the brief names (0, 0.1, ..., 1) is a subset of the slider's
    assert all(len(ix) == 12 for ix in embedded_terms(TOPIC_WORD, TERM_FREQ, n_terms=50))


def test_script_end_in_a_word_or_title_is_escaped(tmp_path):
    vocab = ["</script><script>alert(1)</script>", "<!--", "a&b", "\u2028line", "ok"]
    tw = np.full((1, 5), 0.2)
    prev = pd.DataFrame({"group": ["</script>"], "topic": [0], "prevalence": [1.0], "low": [1.0], "high": [1.0]})
    out = write_topic_browser(
        tmp_path / "x.html",
        topic_word=tw,
        vocab=vocab,
        term_freq=[1] * 5,
        prevalence=prev,
        title="<script>alert('t')</script>",
        n_terms=5,
    )
    page = out.read_text(encoding="utf-8")
    assert page.lower().count("</script") == 2  # the end tags of the data and of the code, nothing else
    assert page.lower().count("<script") == 2
    assert "<!--" not in page and "alert(1)" in page  # present, but escaped
    data = read_topic_browser_data(out)
    assert data["vocab"] == vocab and data["groups"] == ["</script>"]
    assert data["title"] == "<script>alert('t')</script>"
    assert "<title>&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;</title>" in page


def test_page_refers_to_nothing_remote(tmp_path):
    page = write_topic_browser(tmp_path / "t.html", **_realistic(k=5, v=300)).read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page
    assert re.search(r"\b(src|href|srcset|action|poster)\s*=", page, re.I) is None
    assert "url(" not in page and "@import" not in page and "import(" not in page
    assert re.search(r"\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon)\b", page) is None
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_unstable_label_marked_by_flag_unstable_is_not_marked_twice():
    data = topic_browser_data(**_kwargs(labels=["autocracy", "† the united front", "† Thermidor"]))
    assert [t["label"] for t in data["topics"]] == ["autocracy", "the united front", "† Thermidor"]  # topic 2 is stable
    assert [t["stable"] for t in topic_browser_data(**_kwargs(stable=None))["topics"]] == [None, None, None]
    assert [t["label"] for t in topic_browser_data(**_kwargs(labels=None))["topics"]] == [
        "Topic 0",
        "Topic 1",
        "Topic 2",
    ]


def _bad_prevalence(**changes) -> pd.DataFrame:
    p = _prevalence()
    for col, (row, value) in changes.items():
        p[col] = p[col].astype(object)
        p.loc[row, col] = value
    return p


@pytest.mark.parametrize(
    "changes, error, match",
    [
        (dict(vocab=VOCAB[:-1]), ValueError, r"vocab has 11 terms but topic_word has 12 columns"),
        (dict(vocab=VOCAB[:-1] + ["tsar"]), ValueError, r"vocab has duplicate term 'tsar'"),
        (dict(vocab=VOCAB[:-1] + [7]), TypeError, r"vocab must hold str"),
        (dict(topic_word=TOPIC_WORD[:, :-1]), ValueError, r"topic_word rows must sum to 1.*row 0"),
        (dict(topic_word=TOPIC_WORD * 2), ValueError, r"topic_word rows must sum to 1"),
        (dict(topic_word=TOPIC_WORD[0]), ValueError, r"topic_word must be a non-empty 2-D array"),
        (dict(topic_word=-TOPIC_WORD), ValueError, r"topic_word must hold probabilities"),
        (dict(term_freq=TERM_FREQ[:-1]), ValueError, r"term_freq has shape \(11,\) but topic_word has 12 columns"),
        (dict(term_freq=[0] + TERM_FREQ[1:]), ValueError, r"term_freq is 0 for 1 term"),
        (
            dict(prevalence=_prevalence().drop(columns=["low", "high"])),
            ValueError,
            r"prevalence is missing column\(s\) \['low', 'high'\]",
        ),
        (dict(prevalence=_prevalence().iloc[:0]), ValueError, r"prevalence has no rows"),
        (
            dict(prevalence=_bad_prevalence(topic=(4, 3))),
            ValueError,
            r"prevalence row 4: topic 3 is out of range.*0\.\.2",
        ),
        (dict(prevalence=_bad_prevalence(topic=(4, -1))), ValueError, r"prevalence row 4: topic -1 is out of range"),
        (
            dict(prevalence=_bad_prevalence(topic=(4, 1.5))),
            ValueError,
            r"prevalence row 4: topic 1.5 is not an integer",
        ),
        (
            dict(prevalence=_bad_prevalence(topic=(4, 0))),
            ValueError,
            r"prevalence row 4: group 'Brown 1928' and topic 0 appear twice",
        ),
        (
            dict(prevalence=_bad_prevalence(prevalence=(5, 30.0))),
            ValueError,
            r"prevalence row 5: prevalence 30 is not a share",
        ),
        (
            dict(prevalence=_bad_prevalence(prevalence=(5, np.nan))),
            ValueError,
            r"prevalence row 5: prevalence is missing",
        ),
        (dict(prevalence=_bad_prevalence(low=(5, 0.9))), ValueError, r"prevalence row 5: low 0.9 is above high"),
        (dict(prevalence=_bad_prevalence(group=(5, None))), ValueError, r"prevalence row 5: group is missing"),
        (dict(prevalence=_prevalence().to_dict()), TypeError, r"prevalence must be a pandas DataFrame"),
        (dict(labels=LABELS[:2]), ValueError, r"labels has 2 values but topic_word has 3 topics"),
        (dict(stable=[True, False]), ValueError, r"stable has 2 values but topic_word has 3 topics"),
        (dict(stable=[True, "no", True]), TypeError, r"stable must hold bools.*topic 1"),
        (dict(n_terms=0), ValueError, r"n_terms must be >= 1"),
        (dict(n_terms=2.5), TypeError, r"n_terms must be an int"),
    ],
)
def test_bad_input_is_named(tmp_path, changes, error, match):
    with pytest.raises(error, match=match):
        write_topic_browser(tmp_path / "t.html", **_kwargs(**changes))
    assert not (tmp_path / "t.html").exists()


def test_realistic_size_stays_small(tmp_path, caplog):
    t0 = time.perf_counter()
    with caplog.at_level(logging.INFO, logger="textlab.viz.browser"):
        out = write_topic_browser(tmp_path / "big.html", **_realistic())
    took = time.perf_counter() - t0
    size = out.stat().st_size
    assert size < 150_000, f"{size} bytes for K=20, V=6000"
    assert took < 10
    assert f"{size} bytes" in caplog.text  # the log says how big the file is
    data = read_topic_browser_data(out)
    assert len(data["topics"]) == 20 and all(30 <= len(t["terms"]) < 300 for t in data["topics"])


# --------------------------------------------------------------------------- the page in a real browser

CHROMIUM = os.environ.get("TEXTLAB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOW_TO_INSTALL = (
    "install them with `apt-get install -y chromium` (Debian's Chromium at /usr/bin/chromium, or set "
    "TEXTLAB_CHROMIUM) and `python -m pip install -e '.[test]'` (playwright from PyPI); do not run "
    "`playwright install`: these tests drive the system Chromium"
)


def _unavailable(why: str) -> None:
    message = f"{why}: the topic-browser tests need playwright and a headless Chromium; {HOW_TO_INSTALL}"
    if os.environ.get("CI", "") not in ("", "0", "false"):
        pytest.fail(f"CI is set, so this does not skip: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def chromium():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed")
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as err:  # noqa: BLE001 - any launch failure means no browser to test in
            _unavailable(f"Chromium at {CHROMIUM} did not start ({type(err).__name__}: {str(err)[:300]})")
        yield b
        b.close()


@contextmanager
def _open(chromium, path):
    """The page at ``path``; on leaving, no console error, no uncaught exception, no request but the file itself."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=10_000)
        yield page
        page.wait_for_timeout(50)
        assert errors == []
        assert set(requests) == {path.as_uri()}, f"requests besides the file: {requests}"
    finally:
        context.close()


def _words(page) -> list[str]:
    return page.eval_on_selector_all("#terms li", "els => els.map(e => e.getAttribute('data-word'))")


def _set_lambda(page, value: str) -> None:
    page.eval_on_selector(
        "#lambda", "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }", value
    )


def _select(page, k: int) -> None:
    page.click(f'#topic-list button[data-topic="{k}"]')
    assert page.get_attribute(f'#topic-list button[data-topic="{k}"]', "aria-pressed") == "true"


@pytest.fixture
def synthetic_page(tmp_path):
    return write_topic_browser(tmp_path / "topics.html", **_kwargs())


def test_browser_ranks_words_by_the_slider(chromium, synthetic_page):
    with _open(chromium, synthetic_page) as page:
        assert page.input_value("#lambda") == "0.6" and page.text_content("#lambda-value") == "0.60"
        assert len(_words(page)) == N_TERMS
        _select(page, 0)
        assert page.text_content("#topic-title") == "autocracy"
        _set_lambda(page, "1")
        assert page.text_content("#lambda-value") == "1.00"
        assert _words(page) == TOP_BY_PROB_0  # by p(w|k)
        _set_lambda(page, "0")
        assert _words(page) == TOP_BY_LIFT_0  # by lift p(w|k)/p(w)
        for k in range(3):
            _select(page, k)
            _set_lambda(page, "1")
            assert _words(page) == [VOCAB[j] for j in np.argsort(-TOPIC_WORD[k], kind="stable")[:N_TERMS]]
            _set_lambda(page, "0")
            lift = TOPIC_WORD[k] / (np.asarray(TERM_FREQ) / sum(TERM_FREQ))
            assert _words(page) == [VOCAB[j] for j in np.argsort(-lift, kind="stable")[:N_TERMS]]
            for i in range(0, 101, 5):
                _set_lambda(page, str(i / 100))
                assert _words(page) == _oracle(TOPIC_WORD, TERM_FREQ, VOCAB, k, i / 100, N_TERMS), (k, i)
        # the word that tries to close the script element is shown as text, not parsed as markup
        _select(page, 2)
        _set_lambda(page, "0")
        assert "</script><b>&amp;" in _words(page)
        assert page.eval_on_selector_all("#terms b", "els => els.length") == 0
        assert "</script><b>&amp;" in page.inner_text("#terms")


def test_browser_slider_works_from_the_keyboard(chromium, synthetic_page):
    with _open(chromium, synthetic_page) as page:
        _select(page, 1)
        page.focus("#lambda")
        page.keyboard.press("End")
        assert page.text_content("#lambda-value") == "1.00"
        assert _words(page) == _oracle(TOPIC_WORD, TERM_FREQ, VOCAB, 1, 1.0, N_TERMS)
        page.keyboard.press("ArrowLeft")
        assert page.text_content("#lambda-value") == "0.99"
        page.keyboard.press("PageDown")
        assert page.text_content("#lambda-value") == "0.89"
        assert _words(page) == _oracle(TOPIC_WORD, TERM_FREQ, VOCAB, 1, 0.89, N_TERMS)
        page.keyboard.press("Home")
        assert page.text_content("#lambda-value") == "0.00"
        assert _words(page) == _oracle(TOPIC_WORD, TERM_FREQ, VOCAB, 1, 0.0, N_TERMS)
        # Tab reaches the topic list; the arrow keys move through it
        page.focus('#topic-list button[data-topic="1"]')
        page.keyboard.press("ArrowDown")
        assert page.get_attribute('#topic-list button[data-topic="2"]', "aria-pressed") == "true"
        assert page.evaluate("document.activeElement.getAttribute('data-topic')") == "2"
        assert page.text_content("#topic-title") == "Thermidor"
        page.keyboard.press("Home")
        assert page.text_content("#topic-title") == "autocracy"
        assert page.evaluate("document.activeElement.getAttribute('data-topic')") == "0"
        assert page.get_attribute('#topic-list button[data-topic="0"]', "tabindex") == "0"
        assert page.get_attribute('#topic-list button[data-topic="1"]', "tabindex") == "-1"


def test_browser_prevalence_rows_match_the_table(chromium, synthetic_page):
    prev = _prevalence()
    with _open(chromium, synthetic_page) as page:
        for k in range(3):
            _select(page, k)
            rows = page.eval_on_selector_all(
                "#prevalence [data-group]",
                "els => els.map(e => "
                "[e.dataset.group, e.dataset.prevalence, e.dataset.low, e.dataset.high, e.innerText])",
            )
            mine = prev[prev["topic"] == k]
            assert [r[0] for r in rows] == mine["group"].tolist() == GROUPS
            for (_, p, lo, hi, text), (_, want) in zip(rows, mine.iterrows()):
                assert float(p) == pytest.approx(want["prevalence"], rel=1e-6)
                assert f"{100 * want['prevalence']:.1f}%" in text
                if math.isnan(want["low"]):
                    assert lo == hi == "" and "no interval" in text
                else:
                    assert float(lo) == pytest.approx(want["low"], rel=1e-6)
                    assert float(hi) == pytest.approx(want["high"], rel=1e-6)
                    assert f"({100 * want['low']:.1f}%\u2013{100 * want['high']:.1f}%)" in text
            whiskers = page.eval_on_selector_all("#prevalence .whisker", "els => els.length")
            assert whiskers == 2  # Adams 1920 is one text: no interval, no whisker


def test_browser_flags_the_unstable_topic(chromium, synthetic_page):
    with _open(chromium, synthetic_page) as page:
        buttons = page.eval_on_selector_all("#topic-list button[data-topic]", "els => els.map(e => e.innerText)")
        assert len(buttons) == 3
        assert UNSTABLE_FLAG in buttons[1] and UNSTABLE_FLAG not in buttons[0] + buttons[2]
        assert "the united front" in buttons[1] and "33.3%" in buttons[1]  # mean of .3, .5, .2 over the groups
        _select(page, 0)
        assert not page.is_visible("#topic-flag")
        _select(page, 1)
        assert page.is_visible("#topic-flag") and page.text_content("#topic-flag") == UNSTABLE_FLAG
        assert page.is_visible("#flag-note")
        _select(page, 2)
        assert not page.is_visible("#topic-flag")


def test_browser_realistic_size_loads_fast(chromium, tmp_path):
    kw = _realistic()
    out = write_topic_browser(tmp_path / "big.html", **kw)
    t0 = time.perf_counter()
    with _open(chromium, out) as page:
        loaded = time.perf_counter() - t0
        assert loaded < 5, f"the page took {loaded:.2f} s to load"
        assert len(_words(page)) == 30
        t1 = time.perf_counter()
        for k in (0, 3, 19):
            _select(page, k)
            for lam in ("0", "0.37", "1"):
                _set_lambda(page, lam)
                assert _words(page) == rank_terms(
                    kw["topic_word"], kw["term_freq"], kw["vocab"], topic=k, lam=float(lam), n=30
                ), (k, lam)
        assert time.perf_counter() - t1 < 5
        assert UNSTABLE_FLAG in page.inner_text('#topic-list button[data-topic="3"]')
        assert page.eval_on_selector_all("#prevalence [data-group]", "els => els.length") == 5
