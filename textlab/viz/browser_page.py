"""The page of the topic browser (:mod:`textlab.viz.browser`): HTML, CSS and JavaScript, see :func:`render_page`.

One self-contained file: the script and style are inline, and the
Content-Security-Policy allows only that script (by its hash) and inline
style, so the page requests nothing. The data sits in a
``<script type="application/json" id="topic-data">`` element that the script
reads; see :func:`textlab.viz.browser.topic_browser_data` for its fields.

Examples
--------
>>> page = render_page(title="Two topics", data_json='{"topics": []}')
>>> page.startswith("<!DOCTYPE html>"), "<title>Two topics</title>" in page, "src=" in page
(True, True, False)
"""

from __future__ import annotations

import base64
import hashlib
import html

__all__ = ["PAGE", "STYLE", "SCRIPT", "csp_hash", "render_page"]

#: The page's markup, with ``@@CSP_SCRIPT@@``, ``@@TITLE@@``, ``@@STYLE@@``, ``@@SCRIPT@@`` and ``@@DATA@@`` to fill.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src '@@CSP_SCRIPT@@'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@@TITLE@@</title>
<style>@@STYLE@@</style>
</head>
<body>
<header><h1>@@TITLE@@</h1></header>
<noscript><p class="note">This page needs JavaScript to draw the topics.</p></noscript>
<main>
<nav aria-labelledby="topics-heading">
<h2 id="topics-heading">Topics</h2>
<p class="note">Share: mean over the groups. Arrow keys move through the list.</p>
<ul id="topic-list" role="list"></ul>
</nav>
<section aria-labelledby="topic-title" id="topic-panel">
<h2><span id="topic-title" aria-live="polite"></span> <span id="topic-flag" class="flag" hidden></span></h2>
<p id="flag-note" class="note" hidden>This topic did not come back when the model was fitted again with other seeds: read it with care.</p>
<div class="panels">
<div class="panel">
<h3 id="terms-heading">Top words</h3>
<div class="control">
<label for="lambda">Relevance &lambda;</label>
<input type="range" id="lambda" min="0" max="1" step="0.01" value="0.6" aria-describedby="lambda-help">
<output id="lambda-value" for="lambda">0.60</output>
</div>
<p id="lambda-help" class="note">&lambda; = 1 ranks words by their probability in the topic, p(w|k); &lambda; = 0 by lift, p(w|k)/p(w), which favours words rare in the corpus. Sievert and Shirley (2014) found &lambda; &asymp; 0.6 easiest to read.</p>
<p class="legend" aria-hidden="true"><span class="key k-topic"></span>p(w|k) <span class="key k-corpus"></span>p(w) in the corpus</p>
<ol id="terms" aria-labelledby="terms-heading"></ol>
</div>
<div class="panel">
<h3 id="prevalence-heading">Share of each group</h3>
<p class="note">Bar: the topic&rsquo;s share of the group; whiskers: its bootstrap interval.</p>
<div id="prevalence" role="table" aria-labelledby="prevalence-heading"></div>
<div id="prevalence-axis" class="axis" aria-hidden="true"></div>
</div>
</div>
</section>
</main>
<script type="application/json" id="topic-data">@@DATA@@</script>
<script>@@SCRIPT@@</script>
</body>
</html>
"""  # noqa: E501 - the page's markup, written as it is served

#: The page's CSS.
STYLE = """
:root { --ink: #1b1b1b; --muted: #555; --line: #d0d0d0; --topic: #2a5d8f; --corpus: #b8b8b8; --accent: #b00020; --sel: #e8f0f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
header { padding: 0.6rem 1rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.3rem; margin: 0; }
h2 { font-size: 1.15rem; margin: 0.2rem 0 0.4rem; }
h3 { font-size: 1rem; margin: 0.2rem 0 0.4rem; }
main { display: grid; grid-template-columns: minmax(14rem, 20rem) 1fr; gap: 1rem; padding: 0.8rem 1rem; }
@media (max-width: 50rem) { main { grid-template-columns: 1fr; } }
.note { color: var(--muted); font-size: 0.85rem; margin: 0.2rem 0 0.5rem; }
#topic-list { list-style: none; margin: 0; padding: 0; max-height: 80vh; overflow-y: auto; border: 1px solid var(--line); }
#topic-list li { margin: 0; }
#topic-list button { display: grid; grid-template-columns: 1fr auto; gap: 0 0.5rem; width: 100%; text-align: left; padding: 0.35rem 0.5rem;
  border: 0; border-bottom: 1px solid #eee; background: #fff; color: inherit; font: inherit; cursor: pointer; }
#topic-list button:hover { background: #f4f4f4; }
#topic-list button[aria-pressed="true"] { background: var(--sel); box-shadow: inset 4px 0 0 var(--topic); }
#topic-list button:focus-visible, input[type=range]:focus-visible { outline: 3px solid #f2a900; outline-offset: -3px; }
.t-label { font-weight: 600; }
.t-share { font-variant-numeric: tabular-nums; color: var(--muted); }
.t-mini { grid-column: 1 / -1; height: 4px; background: #eee; margin-top: 0.2rem; }
.t-mini span { display: block; height: 100%; background: var(--topic); }
.flag { color: var(--accent); font-weight: 600; font-size: 0.85rem; white-space: nowrap; }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(27rem, 1fr)); gap: 1.5rem; }
.control { display: flex; align-items: center; gap: 0.6rem; }
.control input { flex: 1; max-width: 18rem; }
output { font-variant-numeric: tabular-nums; font-weight: 600; min-width: 2.5rem; }
.legend { font-size: 0.8rem; color: var(--muted); margin: 0 0 0.3rem; }
.key { display: inline-block; width: 0.9rem; height: 0.6rem; margin: 0 0.25rem 0 0.6rem; vertical-align: middle; }
.k-topic { background: var(--topic); } .k-corpus { background: var(--corpus); }
#terms { margin: 0; padding-left: 2.2rem; }
#terms li { padding: 0.05rem 0; }
.row { display: grid; grid-template-columns: 8rem minmax(6rem, 1fr) 8.5rem; gap: 0.5rem; align-items: center; }
.word { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.num { font-variant-numeric: tabular-nums; font-size: 0.8rem; color: var(--muted); text-align: right; white-space: nowrap; }
.track { position: relative; height: 0.8rem; background: #f3f3f3; }
.bar { position: absolute; left: 0; top: 0; bottom: 0; background: var(--topic); }
.pw { position: absolute; left: 0; top: 35%; height: 30%; background: var(--corpus); }
#prevalence .row { grid-template-columns: 8rem minmax(6rem, 1fr) 9.5rem; padding: 0.2rem 0; }
.g-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ptrack { position: relative; height: 1.1rem; background: #f3f3f3; }
.pbar { position: absolute; left: 0; top: 20%; bottom: 20%; background: var(--topic); opacity: 0.85; }
.whisker { position: absolute; top: 50%; height: 2px; margin-top: -1px; background: var(--ink); }
.whisker::before, .whisker::after { content: ""; position: absolute; top: -5px; width: 2px; height: 12px; background: var(--ink); }
.whisker::before { left: -1px; } .whisker::after { right: -1px; }
.axis { display: grid; grid-template-columns: 8rem minmax(6rem, 1fr) 9.5rem; gap: 0.5rem; font-size: 0.75rem; color: var(--muted); }
.axis .ticks { display: flex; justify-content: space-between; border-top: 1px solid var(--line); }
"""  # noqa: E501 - the page's CSS

#: The page's JavaScript: reads the data, draws the topic list, the words under the slider and the groups.
SCRIPT = """
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("topic-data").textContent);
  var topics = DATA.topics, vocab = DATA.vocab, pw = DATA.pw, N = DATA.n_terms;
  var list = document.getElementById("topic-list");
  var slider = document.getElementById("lambda");
  var lamOut = document.getElementById("lambda-value");
  var terms = document.getElementById("terms");
  var prev = document.getElementById("prevalence");
  var axis = document.getElementById("prevalence-axis");
  var titleEl = document.getElementById("topic-title");
  var flagEl = document.getElementById("topic-flag");
  var flagNote = document.getElementById("flag-note");
  var FLAG = "\\u2020 unstable";
  var current = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function pct(x) {
    if (x === null || x === undefined) { return "\\u2013"; }
    var v = 100 * x;
    return (v !== 0 && v < 1 ? v.toFixed(2) : v.toFixed(1)) + "%";
  }
  function times(x) { return "\\u00d7" + (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)); }
  function niceMax(x) {
    if (!(x > 0)) { return 1; }
    var e = Math.pow(10, Math.floor(Math.log(x) / Math.LN10)), steps = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
    for (var i = 0; i < steps.length; i++) { if (steps[i] * e >= x * (1 - 1e-9)) { return steps[i] * e; } }
    return 10 * e;
  }
  // LDAvis relevance: lambda * log p(w|k) + (1 - lambda) * log(p(w|k) / p(w)); -Infinity where p(w|k) = 0
  function relevance(pwk, p, lam) {
    if (!(pwk > 0)) { return -Infinity; }
    return lam * Math.log(pwk) + (1 - lam) * Math.log(pwk / p);
  }
  function ranked(t, lam) {
    var rows = [];
    for (var i = 0; i < t.terms.length; i++) {
      var j = t.terms[i];
      rows.push({ j: j, pwk: t.pwk[i], r: relevance(t.pwk[i], pw[j], lam) });
    }
    rows.sort(function (a, b) { return a.r > b.r ? -1 : a.r < b.r ? 1 : a.j - b.j; });  // ties: vocabulary order
    return rows.slice(0, N);
  }
  function lambda() {
    var v = parseFloat(slider.value);
    return isNaN(v) ? DATA.lambda : Math.min(1, Math.max(0, v));
  }

  function drawTopics() {
    var top = 0;
    topics.forEach(function (t) { if (t.overall > top) { top = t.overall; } });
    topics.forEach(function (t, k) {
      var li = el("li"), b = el("button");
      b.type = "button";
      b.setAttribute("data-topic", String(t.id));
      b.setAttribute("aria-pressed", "false");
      b.tabIndex = -1;
      var name = el("span", "t-label", t.label);
      if (t.stable === false) { name.appendChild(document.createTextNode(" ")); name.appendChild(el("span", "flag", FLAG)); }
      b.appendChild(name);
      b.appendChild(el("span", "t-share", pct(t.overall)));
      var mini = el("span", "t-mini"), fill = el("span");
      fill.style.width = (top > 0 && t.overall !== null ? 100 * t.overall / top : 0) + "%";
      mini.setAttribute("aria-hidden", "true");
      mini.appendChild(fill);
      b.appendChild(mini);
      b.addEventListener("click", function () { select(k, false); });
      li.appendChild(b);
      list.appendChild(li);
    });
    list.addEventListener("keydown", function (ev) {
      var k = current;
      if (ev.key === "ArrowDown" || ev.key === "ArrowRight") { k = Math.min(topics.length - 1, current + 1); }
      else if (ev.key === "ArrowUp" || ev.key === "ArrowLeft") { k = Math.max(0, current - 1); }
      else if (ev.key === "Home") { k = 0; }
      else if (ev.key === "End") { k = topics.length - 1; }
      else { return; }
      ev.preventDefault();
      select(k, true);
    });
  }

  function drawTerms() {
    var lam = lambda();
    lamOut.textContent = lam.toFixed(2);
    slider.setAttribute("aria-valuetext", "lambda " + lam.toFixed(2));
    var rows = ranked(topics[current], lam), top = 0;
    rows.forEach(function (r) { top = Math.max(top, r.pwk); });
    terms.textContent = "";
    rows.forEach(function (r) {
      var li = el("li", "row"), word = vocab[r.j], lift = r.pwk / pw[r.j];
      li.setAttribute("data-word", word);
      li.setAttribute("data-pwk", String(r.pwk));
      li.setAttribute("data-pw", String(pw[r.j]));
      li.appendChild(el("span", "word", word));
      var track = el("span", "track"), bar = el("span", "bar"), mark = el("span", "pw");
      track.setAttribute("aria-hidden", "true");
      bar.style.width = (top > 0 ? 100 * r.pwk / top : 0) + "%";
      mark.style.width = (top > 0 ? Math.min(100, 100 * pw[r.j] / top) : 0) + "%";
      track.appendChild(bar);
      track.appendChild(mark);
      li.appendChild(track);
      li.appendChild(el("span", "num", pct(r.pwk) + " \\u00b7 lift " + times(lift)));
      li.title = word + ": p(w|k) " + pct(r.pwk) + ", p(w) " + pct(pw[r.j]) + ", lift " + times(lift);
      terms.appendChild(li);
    });
  }

  function drawPrevalence() {
    var rows = topics[current].prevalence, top = 0;
    rows.forEach(function (r) { top = Math.max(top, r.prevalence || 0, r.high || 0); });
    top = niceMax(top);
    prev.textContent = "";
    rows.forEach(function (r) {
      var row = el("div", "row");
      row.setAttribute("role", "row");
      row.setAttribute("data-group", r.group);
      row.setAttribute("data-prevalence", r.prevalence === null ? "" : String(r.prevalence));
      row.setAttribute("data-low", r.low === null ? "" : String(r.low));
      row.setAttribute("data-high", r.high === null ? "" : String(r.high));
      var g = el("span", "g-label", r.group);
      g.setAttribute("role", "rowheader");
      g.title = r.group;
      row.appendChild(g);
      var track = el("span", "ptrack");
      track.setAttribute("aria-hidden", "true");
      if (r.prevalence !== null) {
        var bar = el("span", "pbar");
        bar.style.width = (100 * r.prevalence / top) + "%";
        track.appendChild(bar);
      }
      if (r.low !== null && r.high !== null) {
        var w = el("span", "whisker");
        w.style.left = (100 * r.low / top) + "%";
        w.style.width = (100 * (r.high - r.low) / top) + "%";
        track.appendChild(w);
      }
      row.appendChild(track);
      var text = r.prevalence === null ? "no estimate"
        : pct(r.prevalence) + (r.low !== null && r.high !== null ? " (" + pct(r.low) + "\\u2013" + pct(r.high) + ")" : " (no interval)");
      var cell = el("span", "num", text);
      cell.setAttribute("role", "cell");
      row.appendChild(cell);
      prev.appendChild(row);
    });
    axis.textContent = "";
    axis.appendChild(el("span"));
    var ticks = el("span", "ticks");
    ticks.appendChild(el("span", "", "0%"));
    ticks.appendChild(el("span", "", pct(top / 2)));
    ticks.appendChild(el("span", "", pct(top)));
    axis.appendChild(ticks);
    axis.appendChild(el("span"));
  }

  function select(k, focus) {
    current = k;
    var t = topics[k];
    var buttons = list.querySelectorAll("button[data-topic]");
    for (var i = 0; i < buttons.length; i++) {
      var on = i === k;
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
      buttons[i].tabIndex = on ? 0 : -1;
    }
    if (focus) { buttons[k].focus(); }
    buttons[k].scrollIntoView({ block: "nearest" });
    titleEl.textContent = t.label;
    flagEl.textContent = FLAG;
    flagEl.hidden = t.stable !== false;
    flagNote.hidden = t.stable !== false;
    drawTerms();
    drawPrevalence();
  }

  slider.step = String(DATA.lambda_step);
  slider.value = String(DATA.lambda);
  slider.addEventListener("input", drawTerms);
  slider.addEventListener("change", drawTerms);
  slider.addEventListener("keydown", function (ev) {  // PageUp / PageDown: 0.1 at a time
    if (ev.key !== "PageUp" && ev.key !== "PageDown") { return; }
    ev.preventDefault();
    var v = Math.round(100 * lambda()) + (ev.key === "PageUp" ? 10 : -10);
    slider.value = String(Math.min(100, Math.max(0, v)) / 100);
    drawTerms();
  });
  drawTopics();
  if (topics.length) { select(0, false); }
  document.body.setAttribute("data-ready", "true");
})();
"""  # noqa: E501 - the page's JavaScript


def csp_hash(source: str) -> str:
    """The Content-Security-Policy source (``sha256-...``) that allows an inline script or style of this text.

    Examples
    --------
    >>> csp_hash("")
    'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='
    """
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


def render_page(*, title: str, data_json: str) -> str:
    """The page: :data:`PAGE` with its title (escaped), style, script, the script's CSP hash and the data.

    Parameters
    ----------
    title : str
        Plain text (escaped here).
    data_json : str
        The JSON the script reads, already safe inside a ``<script>`` element (no ``<``, ``>`` or ``&``).

    Examples
    --------
    >>> page = render_page(title="<b>topics</b>", data_json="{}")
    >>> "<h1>&lt;b&gt;topics&lt;/b&gt;</h1>" in page, csp_hash(SCRIPT) in page
    (True, True)
    """
    return (
        PAGE.replace("@@CSP_SCRIPT@@", csp_hash(SCRIPT))
        .replace("@@TITLE@@", html.escape(title))
        .replace("@@STYLE@@", STYLE)
        .replace("@@SCRIPT@@", SCRIPT)
        .replace("@@DATA@@", data_json)
    )  # the data last: it may hold any text
