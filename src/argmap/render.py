"""Draw an argument map with Graphviz.

`to_dot` builds a `graphviz.Digraph` and never runs a program, so tests read its ``.source``;
`render` pipes it through Graphviz's ``dot`` and writes the file atomically.

Visual grammar (the legend in every drawing repeats it):

* claims are rounded boxes; the thesis has a double, heavy border; hypotheses are boxes with
  cut corners; assumptions have a dashed border; evidence records are notes showing their
  Admiralty grade;
* fill colour is the claim's verdict (`argmap.semantics`): green supported, pale green weakly
  supported, yellow assumed (holds only if assumptions do), orange contested, red unsupported,
  grey refuted; evidence is blue;
* every label shows the record's id, kind, verdict and strength over its text, wrapped to
  `WRAP_WIDTH`;
* support is a solid green arrow, attack a red line ending in a bar, undercut a dashed purple
  line ending in a bar at the reason it undercuts; a linked premise group meets in a small "&"
  junction first, so it reads as one argument (an undercut reason gets a junction too);
* tooltips (in SVG) repeat the full text, the verdict with its label and proof standard, the
  grade in words and every finding on the record.

User text is escaped everywhere, so it shows exactly as written and can never end a string,
open a tag or inject attributes: labels are HTML-like with every character of user text
entity-escaped and backslashes doubled (`html_text`); tooltips escape what Graphviz would
interpret (`tooltip_string`); control characters are shown as Unicode control pictures.
"""

from __future__ import annotations

import html
import itertools
import os
import shutil
import subprocess
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import graphviz
import networkx as nx

from argmap.argument_map import ArgumentMap
from argmap.errors import ArgmapError, OutputExistsError, RenderError
from argmap.findings import Finding
from argmap.model import CREDIBILITY_WORDS, RELIABILITY_WORDS, Claim, ClaimKind, Evidence
from argmap.output import printable, write_output
from argmap.semantics import Evaluation, Verdict, VerdictWord, evaluate
from argmap.semantics.carneades import STANDARD_WORDS, num
from argmap.support import Status

FORMATS = ("svg", "png", "pdf", "dot")
STRATEGIES = ("auto", "full", "overview")
FULL_LIMIT = 5000
"""``auto`` draws a map in full up to this many records (dot: ~4 s at 5,000; docs/performance.md)."""
OVERVIEW_LIMIT = 2000
"""The overview lowers its depth until it draws at most this many nodes."""
FAST_LAYOUT_FROM = 2000
"""From this many records on, the full layout draws straight edges and limits dot's crossing
and network-simplex passes: spline routing was most of dot's time (5,000 records: ~9 s -> ~5 s
under load; docs/performance.md)."""
FAST_LAYOUT = {"splines": "line", "mclimit": "0.1", "nslimit": "1", "nslimit1": "1"}
WRAP_WIDTH = 34
DRAWING = "drawing the map"
LAYOUT = "laying it out with Graphviz"
OVERVIEW = "collapsing it into an overview"
OVERVIEW_LAYOUT = "laying the overview out with Graphviz"
RENDER_PHASES = (DRAWING, LAYOUT, OVERVIEW, OVERVIEW_LAYOUT)
"""The steps `render` reports to its ``phase`` callback, in the order they can happen."""
LEGEND_NODE = "argmap~legend"
"""The legend's node name: "~" is not allowed in record ids, so no record can take it."""

STATUS_FILL = {
    Status.SUPPORTED: "#d8f0d8",
    Status.ASSUMED: "#fff2c2",
    Status.UNSUPPORTED: "#f9d4d4",
    Status.EVIDENCE: "#dde8f6",
}
CONTESTED_FILL = "#ffd9a8"
VERDICT_FILL = {
    VerdictWord.SUPPORTED: STATUS_FILL[Status.SUPPORTED],
    VerdictWord.WEAKLY_SUPPORTED: "#ecf5c4",
    VerdictWord.ASSUMED: STATUS_FILL[Status.ASSUMED],
    VerdictWord.CONTESTED: CONTESTED_FILL,
    VerdictWord.UNSUPPORTED: STATUS_FILL[Status.UNSUPPORTED],
    VerdictWord.REFUTED: "#d6d6d6",
}
"""Claims are filled by their verdict; evidence keeps ``STATUS_FILL[Status.EVIDENCE]``."""
SUPPORT_COLOUR = "#2e7d32"
ATTACK_COLOUR = "#c62828"
UNDERCUT_COLOUR = "#6a1b9a"

CLAIM_SHAPES = {
    ClaimKind.THESIS: {
        "shape": "box",
        "style": "rounded,filled,bold",
        "peripheries": "2",
        "penwidth": "2",
    },
    # Boxes keep long wrapped texts compact; hexagons and parallelograms doubled a map's width.
    ClaimKind.HYPOTHESIS: {"shape": "box", "style": "filled,diagonals,bold"},
    ClaimKind.CLAIM: {"shape": "box", "style": "rounded,filled"},
    ClaimKind.ASSUMPTION: {"shape": "box", "style": "filled,dashed"},
}

INSTALL_DOT = (
    "Graphviz's `dot` program is not installed (or not on PATH), so the map cannot be drawn "
    "as {fmt}. Install it (Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: "
    "`brew install graphviz`; or run `make install`), or write DOT source with `-o map.dot`."
)


def dot_string(text: str) -> str:
    """``text`` as the inside of a quoted DOT string, so that it can never end the string.

    Backslashes are doubled and quotes escaped; line ends become DOT's ``\\n``. The result is
    marked `graphviz.nohtml`, so text in angle brackets is never taken for an HTML label.

    >>> print(dot_string('say "hi" \\\\n'))
    say \\"hi\\" \\\\n
    """
    escaped = printable(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return graphviz.nohtml(escaped)  # type: ignore[no-any-return]


def tooltip_string(text: str) -> str:
    """``text`` as a DOT tooltip that Graphviz shows exactly as written, on several lines.

    Graphviz (2.43 at least) expands backslash escapes in tooltips twice, so a backslash is
    written four times; quotes, ``&``, ``<``, ``>`` and line ends are written as XML character
    references, which Graphviz passes through to the SVG's ``xlink:title``.

    >>> print(tooltip_string('a "b" & \\\\N\\nc'))
    a &#34;b&#34; &#38; \\\\\\\\N&#10;c
    """
    escaped = (
        printable(text)
        .replace("\\", "\\\\\\\\")
        .replace("&", "&#38;")
        .replace('"', "&#34;")
        .replace("<", "&#60;")
        .replace(">", "&#62;")
        .replace("\n", "&#10;")
    )
    return graphviz.nohtml(escaped)  # type: ignore[no-any-return]


def html_text(text: str) -> str:
    """One line of user text for an HTML-like label: shown literally.

    Characters are entity-escaped, so no text can open a tag or end the label (``]`` too, which
    Graphviz mishandles); backslashes are doubled, because Graphviz expands ``\\N`` (the node
    name) and ``\\G`` even in HTML labels.

    >>> html_text('<B>"x"</B> \\\\N & co')
    '&lt;B&gt;&quot;x&quot;&lt;/B&gt; \\\\\\\\N &amp; co'
    """
    escaped = html.escape(printable(text).replace("\n", " ").replace("\\", "\\\\"), quote=True)
    # Graphviz drops a text that is only "]" characters (and "]" alone in a <FONT> is a syntax
    # error to it); as a character reference it is shown.
    return escaped.replace("]", "&#93;")


def wrap_lines(text: str, width: int = WRAP_WIDTH) -> list[str]:
    """``text`` as the lines a label shows: its own line breaks kept, long lines wrapped."""
    lines: list[str] = []
    for paragraph in printable(text).split("\n"):
        lines.extend(textwrap.wrap(paragraph, width) or [""])
    return lines


def _html_lines(text: str, width: int = WRAP_WIDTH) -> str:
    return "".join(f'{html_text(line)}<BR ALIGN="LEFT"/>' for line in wrap_lines(text, width))


def _claim_label(claim: Claim, verdict: Verdict) -> str:
    kind = "" if claim.kind is ClaimKind.CLAIM else f" · {claim.kind.value}"
    status = f"{verdict.verdict.value} {num(verdict.strength)}"
    return (
        f'<<FONT POINT-SIZE="9"><B>{html_text(claim.id)}</B>{html_text(kind)}'
        f" · <I>{html_text(status)}</I></FONT>"
        f'<BR ALIGN="LEFT"/>{_html_lines(claim.text)}>'
    )


def _evidence_label(item: Evidence) -> str:
    return (
        f'<<FONT POINT-SIZE="9"><B>{html_text(item.id)}</B> · {html_text(item.kind.value)}'
        f" · <B>{html_text(item.grade)}</B></FONT>"
        f'<BR ALIGN="LEFT"/>{_html_lines(item.summary)}>'
    )


def _title_label(title: str) -> str:
    return "<" + "<BR/>".join(html_text(line) for line in wrap_lines(title, 80)) + ">"


def _grade_words(item: Evidence) -> str:
    return (
        f"grade {item.grade}: {RELIABILITY_WORDS[item.reliability]}, "
        f"{CREDIBILITY_WORDS[item.credibility]}"
    )


def _verdict_words(verdict: Verdict) -> str:
    test = verdict.test
    return (
        f"verdict: {verdict.verdict.value} ({verdict.fever.value}), strength "
        f"{num(verdict.strength)}, label {verdict.label.value}; "
        f"{STANDARD_WORDS[test.standard]} {'met' if test.met else 'not met'}"
    )


def _tooltip(lines: Iterable[str]) -> str:
    return tooltip_string("\n".join(lines))


def _legend() -> str:
    small = '<FONT POINT-SIZE="9">{}</FONT>'

    def table(rows: list[tuple[str, str]]) -> str:
        cells = "".join(
            f'<TR>{symbol}<TD ALIGN="LEFT">{small.format(text)}</TD></TR>' for symbol, text in rows
        )
        return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">{cells}</TABLE>'

    def swatch(colour: str) -> str:
        return (
            f'<TD BGCOLOR="{colour}" BORDER="1" COLOR="#888888" WIDTH="20" HEIGHT="12" '
            'FIXEDSIZE="TRUE"></TD>'
        )

    def symbol(text: str, colour: str = "black") -> str:
        return f'<TD ALIGN="CENTER"><FONT COLOR="{colour}" POINT-SIZE="13">{text}</FONT></TD>'

    meanings = {
        VerdictWord.SUPPORTED: "meets its proof standard on evidence",
        VerdictWord.WEAKLY_SUPPORTED: "some support, short of its standard",
        VerdictWord.ASSUMED: "holds only if an assumption holds",
        VerdictWord.CONTESTED: "for and against, neither enough",
        VerdictWord.UNSUPPORTED: "nothing applicable for it",
        VerdictWord.REFUTED: "the case against it is enough",
    }
    fills = table(
        [
            (swatch(VERDICT_FILL[word]), f"{word.value}: {meaning}")
            for word, meaning in meanings.items()
        ]
        + [
            (swatch(STATUS_FILL[Status.EVIDENCE]), "evidence, with its Admiralty grade"),
            ("<TD></TD>", "number: strength, 0 to 1"),
        ]
    )
    edges = table(
        [
            (symbol("&#8594;", SUPPORT_COLOUR), "supports"),
            (symbol("&#8867;", ATTACK_COLOUR), "attacks"),
            (symbol("&#8674;", UNDERCUT_COLOUR), "undercuts: denies a reason carries its claim"),
            (symbol("&amp;"), "linked premises: they count only together"),
        ]
    )
    shapes = small.format(
        'double border: thesis · cut corners: hypothesis<BR ALIGN="LEFT"/>'
        'dashed: assumption · folded corner: evidence<BR ALIGN="LEFT"/>'
    )
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0">'
        f'<TR><TD ALIGN="LEFT"><B>{small.format("Legend")}</B></TD></TR>'
        f'<TR><TD ALIGN="LEFT">{fills}</TD></TR>'
        f'<TR><TD ALIGN="LEFT">{edges}</TD></TR>'
        f'<TR><TD ALIGN="LEFT">{shapes}</TD></TR>'
        "</TABLE>>"
    )


def neighbourhood(amap: ArgumentMap, focus: str, depth: int) -> set[str]:
    """Records within ``depth`` relation steps of ``focus``, in either direction.

    A reason is one step from each of its premises and undercutters to its claim; the premises
    of a linked group, and the undercutters of a reason, are one step from each premise too,
    since together they make one argument.
    Raises `argmap.errors.UnknownRecordError` (naming the closest id) for an unknown ``focus``.
    """
    amap.get(focus)
    graph = amap.graph
    records = nx.Graph()
    records.add_nodes_from(n for n, kind in graph.nodes(data="kind") if kind != "reason")
    for reason, kind in graph.nodes(data="kind"):
        if kind != "reason":
            continue
        target = graph.nodes[reason]["target"]
        premises: list[str] = []
        undercutters: list[str] = []
        for source, _, relation in graph.in_edges(reason, data="relation"):
            records.add_edge(source, target)
            (premises if relation == "premise" else undercutters).append(source)
        records.add_edges_from(itertools.combinations(premises, 2))
        records.add_edges_from(itertools.product(undercutters, premises))
    return set(nx.single_source_shortest_path_length(records, focus, cutoff=depth))


def to_dot(
    amap: ArgumentMap,
    findings: list[Finding] | None = None,
    focus: str | None = None,
    depth: int = 2,
    legend: bool = True,
    evaluation: Evaluation | None = None,
) -> graphviz.Digraph:
    """The map as a `graphviz.Digraph` (nothing is run; see ``.source``).

    ``evaluation`` (default: evaluate the map) gives each claim its verdict, strength and
    colour; ``findings`` (default: run the checks) fill the tooltips;
    ``focus``/``depth`` keep only the records within ``depth`` steps of one record (an unknown
    ``focus`` raises `argmap.errors.UnknownRecordError`, naming the closest id).
    """
    keep = neighbourhood(amap, focus, max(depth, 0)) if focus is not None else None
    if findings is None:
        from argmap.checks import check

        findings = check(amap)
    evaluation = evaluation or evaluate(amap)
    by_subject: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.subject:
            by_subject.setdefault(finding.subject, []).append(finding)

    dot = graphviz.Digraph(
        name="argmap",
        graph_attr={
            "rankdir": "BT",
            "label": _title_label(amap.title + (f" (around {focus})" if focus else "")),
            "labelloc": "t",
            "fontname": "Helvetica",
            "fontsize": "16",
            "nodesep": "0.3",
            "ranksep": "0.5",
        },
        node_attr={"fontname": "Helvetica", "fontsize": "11", "margin": "0.12,0.06"},
        edge_attr={"fontname": "Helvetica", "fontsize": "9"},
    )

    def shown(node: str) -> bool:
        return node in amap and (keep is None or node in keep)

    def notes(record_id: str) -> list[str]:
        return [f"{f.code} {f.message}" for f in by_subject.get(record_id, [])]

    for claim in amap.claims.values():
        if not shown(claim.id):
            continue
        verdict = evaluation[claim.id]
        attrs: dict[str, Any] = dict(CLAIM_SHAPES[claim.kind])
        if focus == claim.id:
            attrs["penwidth"] = "3"
        dot.node(
            claim.id,
            label=_claim_label(claim, verdict),
            fillcolor=VERDICT_FILL[verdict.verdict],
            tooltip=_tooltip([claim.text, _verdict_words(verdict), *notes(claim.id)]),
            id=f"node-{claim.id}",
            **attrs,
        )
    for item in amap.evidence.values():
        if not shown(item.id):
            continue
        dot.node(
            item.id,
            label=_evidence_label(item),
            shape="note",
            style="filled",
            fillcolor=STATUS_FILL[Status.EVIDENCE],
            tooltip=_tooltip([item.summary, _grade_words(item), *notes(item.id)]),
            id=f"node-{item.id}",
            **({"penwidth": "3"} if focus == item.id else {}),
        )

    for ref in amap.reasons():
        if not shown(ref.claim.id):
            continue
        premises = [p for p in ref.reason.premises if shown(p)]
        undercutters = [u for u in ref.reason.undercut_by if shown(u)]
        if not premises:
            continue
        colour = SUPPORT_COLOUR if ref.role == "support" else ATTACK_COLOUR
        head = "normal" if ref.role == "support" else "tee"
        verb = "supports" if ref.role == "support" else "attacks"
        if not ref.reason.linked and not undercutters:
            dot.edge(
                premises[0],
                ref.claim.id,
                color=colour,
                arrowhead=head,
                tooltip=_tooltip([f"{premises[0]} {verb} {ref.claim.id}"]),
            )
            continue
        # A junction stands for the reason itself: linked premises meet there, undercuts aim at
        # it. It is drawn even when only one premise is in view, so a linked group never looks
        # like an independent reason. Record ids never contain "~" (nor ":", which DOT would read
        # as a port in an edge), so junction names cannot clash with records.
        junction = "reason~" + ref.node.replace(":", "~")
        hidden = [p for p in ref.reason.premises if p not in premises]
        together = f"together {verb.removesuffix('s')}" if ref.reason.linked else verb
        about = [f"reason {ref.node}: {' + '.join(ref.reason.premises)} {together} {ref.claim.id}"]
        if hidden:
            about.append(f"not drawn: {', '.join(hidden)}")
        if ref.reason.undercut_by:
            about.append(f"undercut by {', '.join(ref.reason.undercut_by)}")
        dot.node(
            junction,
            label="&amp;" if ref.reason.linked else "",
            shape="circle",
            width="0.25",
            height="0.25",
            fixedsize="true",
            fontsize="9",
            style="filled",
            fillcolor="white",
            color=colour,
            tooltip=_tooltip(about),
            id=f"reason-{ref.node}",
        )
        for premise in premises:
            dot.edge(premise, junction, color=colour, arrowhead="none", tooltip=_tooltip(about))
        dot.edge(junction, ref.claim.id, color=colour, arrowhead=head, tooltip=_tooltip(about))
        for undercutter in undercutters:
            dot.edge(
                undercutter,
                junction,
                color=UNDERCUT_COLOUR,
                style="dashed",
                arrowhead="tee",
                tooltip=_tooltip([f"{undercutter} undercuts {ref.node}"]),
            )

    if legend:
        with dot.subgraph(name="cluster_legend") as box:
            box.attr(label="", style="rounded", color="#999999")
            box.node(LEGEND_NODE, label=_legend(), shape="plain")
    return dot


def output_format(path: str | os.PathLike[str], requested: str | None = None) -> str:
    """The output format: ``requested``, else the file suffix (svg, png, pdf or dot)."""
    fmt = (requested or Path(path).suffix.lstrip(".")).lower()
    if fmt == "gv":
        fmt = "dot"
    if fmt not in FORMATS:
        shown = fmt or "(none)"
        raise ArgmapError(
            f"cannot tell the output format from {os.fspath(path)!r} (suffix {shown}); "
            f"expected one of: {', '.join('.' + f for f in FORMATS)}"
        )
    return fmt


class LayoutTimeoutError(RenderError):
    """Graphviz did not finish the layout within the time limit."""


def run_dot(source: str, fmt: str, timeout: float | None = 120.0) -> bytes:
    """Lay out DOT ``source`` with Graphviz's ``dot`` into ``fmt`` bytes, within ``timeout`` seconds."""
    executable = shutil.which("dot")
    if executable is None:
        raise RenderError(INSTALL_DOT.format(fmt=fmt.upper()))
    try:
        done = subprocess.run(
            [executable, f"-T{fmt}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LayoutTimeoutError(
            f"Graphviz took longer than {timeout:.0f} s to lay out the map; "
            "draw part of it with --focus ID --depth N"
        ) from None
    except OSError as error:
        raise RenderError(f"cannot run Graphviz's dot ({executable}): {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RenderError(
            f"Graphviz failed to draw the map: {message or 'exit ' + str(done.returncode)}"
        )
    return done.stdout


def render(
    amap: ArgumentMap,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    findings: list[Finding] | None = None,
    focus: str | None = None,
    depth: int = 2,
    force: bool = False,
    timeout: float | None = 120.0,
    strategy: str = "auto",
    full_limit: int = FULL_LIMIT,
    overview_limit: int = OVERVIEW_LIMIT,
    notify: Callable[[str], None] | None = None,
    phase: Callable[[str], None] | None = None,
) -> Path:
    """Draw ``amap`` into ``path`` (format from ``fmt`` or the suffix); returns the path written.

    ``strategy``: ``full`` draws every record; ``overview`` collapses subtrees into counted
    summary nodes (`argmap.overview`); ``auto`` draws in full up to ``full_limit`` records
    and the overview beyond. ``--focus`` always draws its neighbourhood in full. When the full
    layout takes longer than ``timeout`` seconds under ``auto``, the overview is drawn instead.
    ``notify`` receives one line for the user on what was collapsed or fallen back on;
    ``phase``, if given, is called with the name of each step as it begins (`RENDER_PHASES`), so
    a caller can show progress while Graphviz runs (the library never prints).

    Raises `RenderError` when Graphviz is missing or fails (`LayoutTimeoutError` when it takes
    too long), `OutputExistsError` when ``path`` exists and ``force`` is false.
    """
    if strategy not in STRATEGIES:
        raise ArgmapError(
            f"unknown strategy {strategy!r}; expected one of: {', '.join(STRATEGIES)}"
        )
    fmt = output_format(path, fmt)
    target = Path(path)
    if target.exists() and not force:
        # Checked before the layout too, so a refusal costs nothing.
        raise OutputExistsError(f"{target} already exists; pass --force to overwrite it")
    say = notify or (lambda line: None)
    begin = phase or (lambda name: None)
    records = len(amap.claims) + len(amap.evidence)
    full = focus is not None or strategy == "full" or (strategy == "auto" and records <= full_limit)
    if full:
        begin(DRAWING)
        dot = to_dot(amap, findings=findings, focus=focus, depth=depth)
        if focus is None and records >= FAST_LAYOUT_FROM:
            dot.graph_attr.update(FAST_LAYOUT)
        if fmt == "dot":
            return write_output(target, dot.source, force=force)
        try:
            begin(LAYOUT)
            data = run_dot(dot.source, fmt, timeout)
        except LayoutTimeoutError as error:
            if focus is not None or strategy == "full":
                raise
            say(f"{error.args[0].split(';')[0]}; drawing the overview instead")
        else:
            return write_output(target, data, force=force)
    from argmap.overview import collapse, to_overview_dot
    from argmap.support import analyze_support

    # Grounding (`argmap.support`), not verdicts: evaluating 50,000 records takes seconds.
    begin(OVERVIEW)
    status = analyze_support(amap).status
    overview = collapse(amap, status, limit=overview_limit)
    dot = to_overview_dot(amap, status, overview)
    say(overview.describe())
    if fmt == "dot":
        return write_output(target, dot.source, force=force)
    try:
        begin(OVERVIEW_LAYOUT)
        data = run_dot(dot.source, fmt, timeout)
    except LayoutTimeoutError:
        raise LayoutTimeoutError(
            f"Graphviz took longer than {timeout:.0f} s to lay out even the overview of the map; "
            "draw part of it with --focus ID --depth N, or allow more time with --timeout"
        ) from None
    return write_output(target, data, force=force)
