"""`argmap report`: the map, its article and its verdicts as one self-contained HTML page.

The page needs no network: the map is inline SVG from Graphviz, the style and the script are
inline, and the data the script shows is embedded as JSON (``<script type="application/json">``,
with ``<``, ``>`` and ``&`` escaped) and read with ``JSON.parse``. Every text from the map is
escaped here (`html.escape`) or set by the script with ``textContent``, never as markup.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from argmap.argument_map import ArgumentMap
from argmap.findings import SEVERITY_RANK, Finding
from argmap.model import Claim, Evidence, Source
from argmap.semantics.verdicts import Evaluation, VerdictWord, evaluate

UNSUPPORTED_NAME = "unsupported-claim"
CHECKING = "checking and evaluating the map"
LAYOUT = "laying it out with Graphviz"
WRITING = "writing the page"
REPORT_PHASES = (CHECKING, LAYOUT, WRITING)
"""The steps `build_report` reports to its ``phase`` callback, in order."""


@dataclass(frozen=True)
class Passage:
    """A record's quote placed in the article: offsets ``start``-``end``."""

    record: str
    start: int
    end: int


@dataclass
class Article:
    """The map's source text and the passages its records quote."""

    title: str
    display: str
    text: str
    passages: list[Passage] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    """Records whose quote cites this text but could not be placed in it."""


@dataclass(frozen=True)
class Summary:
    claims: int
    unsupported: int
    evidence: int
    findings: int
    least_inconsistent: tuple[str, ...]
    """The hypotheses with the best (least negative) score: more than one on a tie."""


def esc(text: str) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return html.escape(text, quote=True)


def json_script(data: Any) -> str:
    """``data`` as JSON safe inside ``<script type="application/json">``: no ``</``, no ``<!--``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None (no ``javascript:`` links)."""
    if url and re.match(r"^https?://", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def article_of(amap: ArgumentMap) -> Article | None:
    """The text of the map's default source (else the first text quoted), with its passages."""
    from argmap.anchoring import analyze_quotes

    analysis = analyze_quotes(amap)
    if not analysis.results:
        return None
    default = amap.config.source
    default_source: Source | None = None
    if isinstance(default, Source):
        default_source = default
    elif isinstance(default, str):
        default_source = amap.config.sources.get(default)
    first = analysis.results[0]
    for result in analysis.results:
        if default_source is not None and amap.source_of(result.record) is default_source:
            first = result
            break
    chosen = first.resolution.source
    cited = amap.source_of(first.record)
    title = cited.title if cited is not None else chosen.display
    article = Article(title=title, display=chosen.display, text=chosen.text)
    for result in analysis.results:
        resolution = result.resolution
        if resolution.source.display != chosen.display:
            continue
        start, end = resolution.start, resolution.end
        if resolution.placed and start is not None and end is not None and end > start:
            article.passages.append(Passage(result.record.id, start, end))
            continue
        article.unplaced.append(result.record.id)
    return article


def highlighted(article: Article) -> str:
    """The article as HTML: quoted passages in ``<mark>``, everything else escaped as is.

    The text is cut at every passage boundary; each piece covered by passages becomes one
    ``mark`` naming them all (``data-records``), so overlapping quotes stay visible.
    """
    text = article.text
    cuts = sorted(
        {0, len(text), *(p.start for p in article.passages), *(p.end for p in article.passages)}
    )
    first: dict[str, int] = {}
    out: list[str] = []
    for start, end in itertools.pairwise(cuts):
        piece = text[start:end]
        covering = [p.record for p in article.passages if p.start <= start and end <= p.end]
        if not covering:
            out.append(esc(piece))
            continue
        ids = sorted(dict.fromkeys(covering))
        targets = [r for r in ids if r not in first]
        for r in targets:
            first[r] = start
        anchors = "".join(f'<span class="anchor" id="passage-{esc(r)}"></span>' for r in targets)
        label = "quoted by " + ", ".join(ids)
        out.append(
            f'{anchors}<mark tabindex="0" role="button" data-records="{esc(" ".join(ids))}" '
            f'aria-label="{esc(label)}">{esc(piece)}</mark>'
        )
    paragraphs = "".join(out).split("\n")
    return "\n".join(f"<p>{p}</p>" for p in paragraphs if p.strip())


def sorted_for_report(findings: list[Finding]) -> list[Finding]:
    """Unsupported claims first, then the worst severity first, then by position."""
    return sorted(
        findings,
        key=lambda f: (f.name != UNSUPPORTED_NAME, -SEVERITY_RANK[f.severity], f.sort_key),
    )


def summary_of(amap: ArgumentMap, evaluation: Evaluation, findings: list[Finding]) -> Summary:
    from argmap import ach
    from argmap.errors import ArgmapError

    least: tuple[str, ...] = ()
    if ach.uses_ach(amap):
        try:
            m = ach.matrix(amap)
        except ArgmapError:
            m = None
        if m is not None and m.hypotheses:
            scores = m.weighted_inconsistency
            best = max(scores[h.id] for h in m.hypotheses)
            least = tuple(h.id for h in m.ranking() if scores[h.id] == best)
    unsupported = sum(v.verdict is VerdictWord.UNSUPPORTED for v in evaluation)
    return Summary(
        claims=len(amap.claims),
        unsupported=unsupported,
        evidence=len(amap.evidence),
        findings=len(findings),
        least_inconsistent=least,
    )


def _evidence_rows(amap: ArgumentMap, claim: Claim) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for role, reasons in (("for", claim.supported_by), ("against", claim.attacked_by)):
        for reason in reasons:
            for premise in reason.premises:
                item = amap.evidence.get(premise)
                if item is None:
                    continue
                source = amap.source_of(item)
                rows.append(
                    {
                        "id": item.id,
                        "role": role,
                        "summary": item.summary,
                        "grade": item.grade,
                        "source": source.title if source is not None else None,
                        "url": safe_url(source.url) if source is not None else None,
                    }
                )
    return rows


def record_data(
    amap: ArgumentMap, evaluation: Evaluation, findings: list[Finding]
) -> dict[str, dict[str, Any]]:
    """What the details panel shows for each record, as plain JSON-ready data."""
    from argmap.explain import explain

    by_subject: dict[str, list[dict[str, str]]] = {}
    for finding in sorted_for_report(findings):
        if finding.subject:
            by_subject.setdefault(finding.subject, []).append(
                {"code": finding.code, "severity": finding.severity, "message": finding.message}
            )
    data: dict[str, dict[str, Any]] = {}
    records: list[Claim | Evidence] = [*amap.claims.values(), *amap.evidence.values()]
    for record in records:
        source = amap.source_of(record)
        entry: dict[str, Any] = {
            "id": record.id,
            "quote": record.quote,
            "source": source.title if source is not None else None,
            "url": safe_url(source.url) if source is not None else None,
            "findings": by_subject.get(record.id, []),
            "explain": explain(amap, record.id, evaluation),
        }
        if isinstance(record, Claim):
            verdict = evaluation[record.id]
            entry.update(
                type="claim",
                kind=record.kind.value,
                text=record.text,
                verdict=verdict.verdict.value,
                strength=round(verdict.strength, 3),
                evidence=_evidence_rows(amap, record),
            )
        else:
            entry.update(
                type="evidence",
                kind=record.kind.value,
                text=record.summary,
                grade=record.grade,
                evidence=[],
            )
        data[record.id] = entry
    return data


def map_svg(amap: ArgumentMap, evaluation: Evaluation, findings: list[Finding]) -> str:
    """The map as an inline ``<svg>`` element (Graphviz's prolog and doctype removed)."""
    from argmap.render import run_dot, to_dot

    source = to_dot(amap, findings, evaluation=evaluation).source
    svg = run_dot(source, "svg").decode("utf-8")
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    return svg.replace("<svg ", '<svg role="group" aria-labelledby="map-heading" ', 1)


def _findings_html(findings: list[Finding]) -> str:
    if not findings:
        return "<p>No findings.</p>"
    items = []
    for f in sorted_for_report(findings):
        subject = (
            f' <button type="button" class="goto" data-record="{esc(f.subject)}">'
            f"{esc(f.subject)}</button>"
            if f.subject
            else ""
        )
        items.append(
            f'<li class="finding {esc(f.severity)}"><span class="sev">{esc(f.severity)}</span> '
            f"<code>{esc(f.code)}</code> {esc(f.message)}{subject} "
            f'<span class="where">{esc(str(f.span))}</span></li>'
        )
    return '<ol class="findings">' + "".join(items) + "</ol>"


def _ach_html(amap: ArgumentMap) -> str:
    from argmap import ach
    from argmap.errors import ArgmapError

    if not ach.uses_ach(amap):
        return "<p>The map compares no hypotheses.</p>"
    try:
        m = ach.matrix(amap)
    except ArgmapError as error:
        return f"<p>{esc(str(error))}</p>"
    head = "".join(
        f'<th scope="col"><button type="button" class="goto" data-record="{esc(h.id)}">'
        f"{esc(h.id)}</button></th>"
        for h in m.hypotheses
    )
    rows = []
    for row in m.rows:
        cells = "".join(f"<td>{esc(str(r) if r is not None else '–')}</td>" for r in row.ratings)
        rows.append(
            f'<tr><th scope="row"><button type="button" class="goto" '
            f'data-record="{esc(row.id)}">{esc(row.id)}</button></th>'
            f"<td>{row.weight:.2f}</td>{cells}</tr>"
        )
    scores = "".join(f"<td>{m.weighted_inconsistency[h.id]:.2f}</td>" for h in m.hypotheses)
    question = f"<p>Question: {esc(m.question)}</p>" if m.question else ""
    return (
        f"{question}"
        '<div class="scroll"><table class="ach">'
        "<caption>Evidence (rows) rated against each hypothesis (columns): C consistent, "
        "I inconsistent, N neutral; the score sums the weighted inconsistency "
        "(closer to 0 is less inconsistent).</caption>"
        f'<thead><tr><th scope="col">evidence</th><th scope="col">weight</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody>"
        f'<tfoot><tr><th scope="row">score</th><td></td>{scores}</tr></tfoot>'
        "</table></div>"
    )


def _sources_html(amap: ArgumentMap) -> str:
    items = []
    for name, source in amap.config.sources.items():
        url = safe_url(source.url)
        title = esc(source.title)
        link = (
            f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{title}</a>'
            if url
            else title
        )
        author = f", {esc(source.author)}" if source.author else ""
        date = f" ({esc(source.date)})" if source.date else ""
        items.append(f"<li><code>{esc(name)}</code>: {link}{author}{date}</li>")
    return "<ul>" + "".join(items) + "</ul>" if items else "<p>No named sources.</p>"


def build_report(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    findings: list[Finding] | None = None,
    svg: str | None = None,
    phase: Callable[[str], None] | None = None,
) -> str:
    """The whole report page. ``svg`` (default: lay the map out with Graphviz) is the map.

    ``phase``, if given, is called with the name of each step as it begins (`REPORT_PHASES`).
    """
    from argmap.checks import check

    begin = phase or (lambda name: None)
    begin(CHECKING)
    evaluation = evaluation or evaluate(amap)
    findings = check(amap) if findings is None else findings
    if svg is None:
        begin(LAYOUT)
        svg = map_svg(amap, evaluation, findings)
    begin(WRITING)
    summary = summary_of(amap, evaluation, findings)
    article = article_of(amap)
    data = {"records": record_data(amap, evaluation, findings)}
    title = amap.title or "Argument map"

    buttons = " ".join(
        f'<button type="button" class="goto" data-record="{esc(h)}">{esc(h)}</button>'
        for h in summary.least_inconsistent
    )
    if len(summary.least_inconsistent) == 1:
        least = f'<li id="least">Least inconsistent hypothesis: {buttons}</li>'
    elif summary.least_inconsistent:
        count = len(summary.least_inconsistent)
        least = f'<li id="least">Least inconsistent hypotheses (a tie of {count}): {buttons}</li>'
    else:
        least = ""
    if article is not None:
        covered = len(article.passages)
        unplaced = (
            f"<p>Quotes not placed in the text: {esc(', '.join(article.unplaced))}.</p>"
            if article.unplaced
            else ""
        )
        article_html = (
            f'<p class="note">{esc(article.display)}: {covered} quoted passages are highlighted; '
            "unmarked text is what the map does not cover. Select a highlight to see the record "
            f"that quotes it.</p>{unplaced}"
            f'<div class="text" lang="en">{highlighted(article)}</div>'
        )
        article_title = article.title
    else:
        article_html = "<p>The map names no source text to show.</p>"
        article_title = "no source text"

    return PAGE.format(
        title=esc(title),
        claims=summary.claims,
        unsupported=summary.unsupported,
        evidence=summary.evidence,
        nfindings=summary.findings,
        least=least,
        question=f"<p>{esc(amap.config.question)}</p>" if amap.config.question else "",
        svg=svg,
        article_title=esc(article_title),
        article=article_html,
        findings=_findings_html(findings),
        ach=_ach_html(amap),
        sources=_sources_html(amap),
        data=json_script(data),
        style=STYLE,
        script=SCRIPT,
    )


def write_report(
    amap: ArgumentMap,
    path: str | os.PathLike[str],
    force: bool = False,
    phase: Callable[[str], None] | None = None,
) -> os.PathLike[str]:
    """Write the report to ``path`` (atomically; refuses to overwrite unless ``force``).

    ``phase`` as for `build_report`.
    """
    from argmap.output import write_output

    return write_output(path, build_report(amap, phase=phase), force=force)


STYLE = """
:root { --accent: #0b57d0; --mark: #fff3a3; --mark-on: #ffd24d; color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; background: #fff; }
a { color: var(--accent); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 10; }
header, nav, main, aside, footer { padding: 0 16px; }
header h1 { font-size: 1.5rem; margin: 12px 0 4px; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 4px 0 8px; }
.summary { display: flex; flex-wrap: wrap; gap: 4px 24px; padding: 0; list-style: none; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; }
.scroll { overflow: auto; max-width: 100%; }
#map .scroll { max-height: 80vh; border: 1px solid #ccc; }
#map svg { height: auto; max-width: none; }
#map.fit svg { width: 100%; max-width: 100%; }
#map svg .node[tabindex] { cursor: pointer; }
#map svg .node:focus { outline: none; }
#map svg .node:focus polygon, #map svg .node:focus ellipse, #map svg .node:focus path { stroke: var(--accent); stroke-width: 3px; }
#map svg .node.selected polygon, #map svg .node.selected ellipse, #map svg .node.selected path { stroke: #d00; stroke-width: 4px; }
#article .text { max-height: 80vh; overflow: auto; border: 1px solid #ccc; padding: 0 12px; }
mark { background: var(--mark); cursor: pointer; border-bottom: 2px solid #c9a600; }
mark:focus { outline: 3px solid var(--accent); }
mark.selected { background: var(--mark-on); outline: 2px solid #d00; }
.note { color: #444; font-size: 0.9rem; }
aside#details { position: sticky; bottom: 0; z-index: 5; background: #f7f7fa; border-top: 3px solid var(--accent); max-height: 45vh; overflow: auto; }
aside#details[hidden] { display: none; }
aside pre { white-space: pre-wrap; font-size: 0.85rem; background: #fff; border: 1px solid #ddd; padding: 8px; }
.findings li { margin: 4px 0; }
.sev { font-weight: bold; text-transform: uppercase; font-size: 0.75rem; }
.error .sev { color: #b00020; } .warning .sev { color: #8a5300; } .info .sev { color: #555; }
.where { color: #666; font-size: 0.8rem; }
button.goto { font: inherit; font-size: 0.9em; background: none; border: 1px solid #999; border-radius: 3px; cursor: pointer; padding: 0 4px; }
table.ach { border-collapse: collapse; font-size: 0.9rem; }
table.ach th, table.ach td { border: 1px solid #ccc; padding: 2px 6px; text-align: center; }
table.ach caption { text-align: left; font-size: 0.85rem; color: #444; }
@media (max-width: 900px) {
  .layout { grid-template-columns: minmax(0, 1fr); }
  #map .scroll, #article .text { max-height: 60vh; }
  body { font-size: 15px; }
  aside#details { max-height: 40vh; }
}
@media print {
  nav, .skip, button.goto { border: none; }
  nav, #fit, #details-close, .skip { display: none; }
  .layout { display: block; }
  #map .scroll, #article .text, aside#details { max-height: none; overflow: visible; border: none; position: static; }
  #map svg { max-width: 100%; }
  mark { background: #eee; border-bottom: 1px solid #000; }
  section { break-inside: auto; }
}
"""

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var records = data.records;
  var panel = document.getElementById("details");
  var body = document.getElementById("details-body");
  var heading = document.getElementById("details-heading");

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function link(url, text) {
    var a = el("a", text);
    if (/^https?:\/\//i.test(url)) { a.href = url; a.rel = "noopener noreferrer"; a.target = "_blank"; }
    return a;
  }
  function nodeOf(id) { return document.getElementById("node-" + id); }
  function marksOf(id) {
    return Array.prototype.filter.call(document.querySelectorAll("mark[data-records]"), function (m) {
      return m.getAttribute("data-records").split(" ").indexOf(id) >= 0;
    });
  }
  function clearSelection() {
    document.querySelectorAll(".selected").forEach(function (n) { n.classList.remove("selected"); });
  }
  function scrollInto(node) {
    if (node && node.scrollIntoView) { node.scrollIntoView({ block: "center", inline: "center" }); }
  }
  function show(id, from) {
    var r = records[id];
    if (!r) { return; }
    clearSelection();
    var node = nodeOf(id);
    if (node) { node.classList.add("selected"); }
    var marks = marksOf(id);
    marks.forEach(function (m) { m.classList.add("selected"); });
    heading.textContent = r.type + " " + r.id;
    body.textContent = "";
    body.appendChild(el("p", r.text, "record-text"));
    var facts = el("dl");
    function fact(name, value) {
      if (value === undefined || value === null || value === "") { return; }
      facts.appendChild(el("dt", name)); facts.appendChild(el("dd", value));
    }
    fact("kind", r.kind);
    fact("verdict", r.verdict);
    fact("strength", r.strength);
    fact("grade", r.grade);
    fact("quote", r.quote);
    if (r.source) {
      facts.appendChild(el("dt", "source"));
      var dd = el("dd");
      dd.appendChild(r.url ? link(r.url, r.source) : el("span", r.source));
      facts.appendChild(dd);
    }
    body.appendChild(facts);
    if (r.evidence && r.evidence.length) {
      body.appendChild(el("h3", "Evidence"));
      var list = el("ul");
      r.evidence.forEach(function (e) {
        var li = el("li");
        var b = el("button", e.id, "goto"); b.type = "button"; b.setAttribute("data-record", e.id);
        li.appendChild(b);
        li.appendChild(document.createTextNode(" (" + e.role + ", grade " + e.grade + "): " + e.summary + " "));
        if (e.url) { li.appendChild(link(e.url, e.source || e.url)); }
        else if (e.source) { li.appendChild(el("span", e.source)); }
        list.appendChild(li);
      });
      body.appendChild(list);
    }
    body.appendChild(el("h3", "Findings"));
    if (r.findings.length) {
      var fl = el("ul");
      r.findings.forEach(function (f) { fl.appendChild(el("li", f.severity + " " + f.code + ": " + f.message)); });
      body.appendChild(fl);
    } else {
      body.appendChild(el("p", "None."));
    }
    body.appendChild(el("h3", "Why (argmap explain)"));
    body.appendChild(el("pre", r.explain));
    panel.hidden = false;
    if (from === "mark") { scrollInto(node); }
    else if (from === "node") { scrollInto(marks[0]); }
    else { scrollInto(node); scrollInto(marks[0]); }
    heading.focus({ preventScroll: true });
  }
  function activate(target, handler) {
    target.addEventListener("click", handler);
    target.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); handler(ev); }
    });
  }
  Object.keys(records).forEach(function (id) {
    var node = nodeOf(id);
    if (!node) { return; }
    var r = records[id];
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    node.setAttribute("aria-label", r.type + " " + id + (r.verdict ? ", " + r.verdict : "") + ": " + r.text);
    activate(node, function () { show(id, "node"); });
  });
  document.querySelectorAll("mark[data-records]").forEach(function (m) {
    activate(m, function () { show(m.getAttribute("data-records").split(" ")[0], "mark"); });
  });
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (t && t.classList && t.classList.contains("goto")) { show(t.getAttribute("data-record"), "button"); }
  });
  document.getElementById("details-close").addEventListener("click", function () {
    panel.hidden = true; clearSelection();
  });
  var box = document.getElementById("map-box");
  box.scrollLeft = Math.max(0, (box.scrollWidth - box.clientWidth) / 2);
  var fit = document.getElementById("fit");
  fit.addEventListener("click", function () {
    var on = document.getElementById("map").classList.toggle("fit");
    fit.setAttribute("aria-pressed", on ? "true" : "false");
  });
  document.documentElement.setAttribute("data-ready", "true");
})();
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{title}: argmap report</title>
<style>{style}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header>
<h1>{title}</h1>
{question}
<ul class="summary" aria-label="summary">
<li><strong>{claims}</strong> claims</li>
<li><strong>{unsupported}</strong> unsupported</li>
<li><strong>{evidence}</strong> evidence records</li>
<li><strong>{nfindings}</strong> findings</li>
{least}
</ul>
</header>
<nav aria-label="sections">
<ul>
<li><a href="#map">Map</a></li>
<li><a href="#article">Article</a></li>
<li><a href="#findings">Findings</a></li>
<li><a href="#ach">Competing hypotheses</a></li>
<li><a href="#sources">Sources</a></li>
</ul>
</nav>
<main id="main">
<div class="layout">
<section id="map" aria-labelledby="map-heading">
<h2 id="map-heading">Argument map</h2>
<p class="note">Select a claim or evidence node (click, or Tab then Enter) to see its details and its passage in the article.
<button type="button" id="fit" aria-pressed="false">Fit the map to its box</button></p>
<div class="scroll" id="map-box">{svg}</div>
</section>
<section id="article" aria-labelledby="article-heading">
<h2 id="article-heading">Article: {article_title}</h2>
{article}
</section>
</div>
<section id="findings" aria-labelledby="findings-heading">
<h2 id="findings-heading">Findings</h2>
<p class="note">Unsupported claims first, then by severity.</p>
{findings}
</section>
<section id="ach" aria-labelledby="ach-heading">
<h2 id="ach-heading">Competing hypotheses</h2>
{ach}
</section>
<section id="sources" aria-labelledby="sources-heading">
<h2 id="sources-heading">Sources</h2>
{sources}
</section>
</main>
<aside id="details" aria-labelledby="details-heading" aria-live="polite" hidden>
<h2 id="details-heading" tabindex="-1">Details</h2>
<button type="button" id="details-close">Close details</button>
<div id="details-body"></div>
</aside>
<footer><p class="note">Made by argmap report. Works offline: no part of this page is fetched from the network.</p></footer>
<script type="application/json" id="report-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
