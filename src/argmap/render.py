"""Draw an argument map with Graphviz.

`to_dot` builds a `graphviz.Digraph` and never runs a program, so tests read its ``.source``;
`render` pipes it through Graphviz's ``dot`` and writes the file atomically.

Visual grammar (the legend in every drawing repeats it):

* claims are rounded boxes; the thesis has a double, heavy border; hypotheses are hexagons;
  assumptions are parallelograms; evidence records are notes showing their Admiralty grade;
* fill colour is the claim's support status: green supported by evidence, yellow holds only on
  assumptions, red rests on nothing, orange contested (an unanswered attack);
* support is a solid green arrow, attack a red arrow ending in a bar, undercut a dashed purple
  arrow to the reason it undercuts; a linked premise group meets in a small "&" node first.

User text is escaped everywhere: labels are HTML-like with every character of user text
entity-escaped, and tooltips are DOT strings with backslashes, quotes and newlines escaped, so no
text can end a string or inject attributes.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import graphviz
import networkx as nx

from argmap.argument_map import ArgumentMap
from argmap.errors import ArgmapError, OutputExistsError, RenderError
from argmap.findings import Finding
from argmap.model import Claim, ClaimKind, Evidence
from argmap.output import write_output
from argmap.support import Status, analyze_support

FORMATS = ("svg", "png", "pdf", "dot")
WRAP_WIDTH = 34

STATUS_FILL = {
    Status.SUPPORTED: "#d8f0d8",
    Status.ASSUMED: "#fff2c2",
    Status.UNSUPPORTED: "#f9d4d4",
    Status.EVIDENCE: "#dde8f6",
}
CONTESTED_FILL = "#ffd9a8"
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
    ClaimKind.HYPOTHESIS: {"shape": "hexagon", "style": "filled"},
    ClaimKind.CLAIM: {"shape": "box", "style": "rounded,filled"},
    ClaimKind.ASSUMPTION: {"shape": "parallelogram", "style": "filled,dashed"},
}

INSTALL_DOT = (
    "Graphviz's `dot` program is not installed (or not on PATH), so the map cannot be drawn "
    "as {fmt}. Install it (Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: "
    "`brew install graphviz`; or run `make install`), or write DOT source with `-o map.dot`."
)


def dot_string(text: str) -> str:
    """``text`` as the inside of a DOT string: shown literally, never interpreted.

    >>> print(dot_string('say "hi" \\\\n'))
    say \\"hi\\" \\\\n
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return graphviz.nohtml(escaped)  # type: ignore[no-any-return]


def _html_lines(text: str, width: int = WRAP_WIDTH) -> str:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, width) or [""])
    return (
        '<BR ALIGN="LEFT"/>'.join(html.escape(line, quote=True) for line in lines)
        + '<BR ALIGN="LEFT"/>'
    )


def _claim_label(claim: Claim, status_word: str) -> str:
    kind = "" if claim.kind is ClaimKind.CLAIM else f" · {claim.kind.value}"
    return (
        f'<<FONT POINT-SIZE="9"><B>{html.escape(claim.id)}</B>{html.escape(kind)}'
        f" · <I>{html.escape(status_word)}</I></FONT>"
        f'<BR ALIGN="LEFT"/>{_html_lines(claim.text)}>'
    )


def _evidence_label(item: Evidence) -> str:
    return (
        f'<<FONT POINT-SIZE="9"><B>{html.escape(item.id)}</B> · {html.escape(item.kind.value)}'
        f" · <B>{html.escape(item.grade)}</B></FONT>"
        f'<BR ALIGN="LEFT"/>{_html_lines(item.summary)}>'
    )


def _tooltip(lines: Iterable[str]) -> str:
    return dot_string("\n".join(lines))


def _legend() -> str:
    rows = [
        ("", "<B>Legend</B>"),
        (STATUS_FILL[Status.SUPPORTED], "claim supported by evidence"),
        (STATUS_FILL[Status.ASSUMED], "holds only if an assumption holds"),
        (STATUS_FILL[Status.UNSUPPORTED], "rests on nothing"),
        (CONTESTED_FILL, "contested: attack unanswered"),
        (STATUS_FILL[Status.EVIDENCE], "evidence (note shape, Admiralty grade)"),
        ("", f'<FONT COLOR="{SUPPORT_COLOUR}">&#8594; supports</FONT>'),
        ("", f'<FONT COLOR="{ATTACK_COLOUR}">&#8867; attacks</FONT>'),
        ("", f'<FONT COLOR="{UNDERCUT_COLOUR}">&#8674; undercuts a reason</FONT>'),
        ("", "&amp; linked premises count only together"),
        ("", "double border: thesis · hexagon: hypothesis · slanted: assumption"),
    ]
    small = '<FONT POINT-SIZE="9">{}</FONT>'
    cells = "".join(
        f'<TR><TD BGCOLOR="{colour}" WIDTH="14"></TD><TD ALIGN="LEFT">{small.format(text)}</TD></TR>'
        if colour
        else f'<TR><TD COLSPAN="2" ALIGN="LEFT">{small.format(text)}</TD></TR>'
        for colour, text in rows
    )
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2">{cells}</TABLE>>'


def neighbourhood(amap: ArgumentMap, focus: str, depth: int) -> set[str]:
    """Records within ``depth`` relation steps of ``focus``, in either direction."""
    amap.get(focus)  # raises UnknownRecordError with a suggestion
    graph = amap.graph
    records = nx.Graph()
    records.add_nodes_from(n for n, kind in graph.nodes(data="kind") if kind != "reason")
    for reason, kind in graph.nodes(data="kind"):
        if kind != "reason":
            continue
        target = graph.nodes[reason]["target"]
        for source in graph.predecessors(reason):
            records.add_edge(source, target)
    return set(nx.single_source_shortest_path_length(records, focus, cutoff=depth))


def to_dot(
    amap: ArgumentMap,
    findings: list[Finding] | None = None,
    focus: str | None = None,
    depth: int = 2,
    legend: bool = True,
) -> graphviz.Digraph:
    """The map as a `graphviz.Digraph` (nothing is run; see ``.source``).

    ``findings`` (default: run the checks) mark contested claims and fill the tooltips;
    ``focus``/``depth`` keep only the records within ``depth`` steps of one record.
    """
    if findings is None:
        from argmap.checks import check

        findings = check(amap)
    support = analyze_support(amap)
    by_subject: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.subject:
            by_subject.setdefault(finding.subject, []).append(finding)
    contested = {f.subject for f in findings if f.name == "contested-claim" and f.subject}
    keep = neighbourhood(amap, focus, depth) if focus is not None else None

    dot = graphviz.Digraph(
        name="argmap",
        graph_attr={
            "rankdir": "BT",
            "label": dot_string(amap.title + (f" (around {focus})" if focus else "")),
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
        return keep is None or node in keep

    for claim in amap.claims.values():
        if not shown(claim.id):
            continue
        status = support.status[claim.id]
        is_contested = claim.id in contested
        fill = CONTESTED_FILL if is_contested else STATUS_FILL[status]
        word = "contested" if is_contested else status.value
        notes = [f"{f.code} {f.message}" for f in by_subject.get(claim.id, [])]
        attrs: dict[str, Any] = dict(CLAIM_SHAPES[claim.kind])
        if focus == claim.id:
            attrs["penwidth"] = "3"
        dot.node(
            claim.id,
            label=_claim_label(claim, word),
            fillcolor=fill,
            tooltip=_tooltip([claim.text, *notes]),
            id=f"node-{claim.id}",
            **attrs,
        )
    for item in amap.evidence.values():
        if not shown(item.id):
            continue
        notes = [f"{f.code} {f.message}" for f in by_subject.get(item.id, [])]
        dot.node(
            item.id,
            label=_evidence_label(item),
            shape="note",
            style="filled",
            fillcolor=STATUS_FILL[Status.EVIDENCE],
            tooltip=_tooltip([item.summary, f"grade {item.grade}", *notes]),
            id=f"node-{item.id}",
        )

    for ref in amap.reasons():
        if not shown(ref.claim.id):
            continue
        premises = [p for p in ref.reason.premises if p in amap and shown(p)]
        undercutters = [u for u in ref.reason.undercut_by if u in amap and shown(u)]
        if not premises:
            continue
        colour = SUPPORT_COLOUR if ref.role == "support" else ATTACK_COLOUR
        head = "normal" if ref.role == "support" else "tee"
        verb = "supports" if ref.role == "support" else "attacks"
        if len(premises) == 1 and not undercutters:
            dot.edge(
                premises[0],
                ref.claim.id,
                color=colour,
                arrowhead=head,
                tooltip=dot_string(f"{premises[0]} {verb} {ref.claim.id}"),
            )
            continue
        # A junction stands for the reason itself: linked premises meet there, undercuts aim at it.
        # DOT reads "a:b" in an edge as node a, port b; record ids never contain "~".
        junction = ref.node.replace(":", "~")
        dot.node(
            junction,
            label="&amp;" if len(premises) > 1 else "",
            shape="circle",
            width="0.25",
            height="0.25",
            fixedsize="true",
            fontsize="9",
            style="filled",
            fillcolor="white",
            color=colour,
            tooltip=dot_string(
                f"reason {ref.node}: " + " + ".join(premises) + f" {verb} {ref.claim.id}"
            ),
            id=f"reason-{ref.node}",
        )
        for premise in premises:
            dot.edge(premise, junction, color=colour, arrowhead="none")
        dot.edge(junction, ref.claim.id, color=colour, arrowhead=head)
        for undercutter in undercutters:
            dot.edge(
                undercutter,
                junction,
                color=UNDERCUT_COLOUR,
                style="dashed",
                arrowhead="tee",
                tooltip=dot_string(f"{undercutter} undercuts {ref.node}"),
            )

    if legend:
        with dot.subgraph(name="cluster_legend") as box:
            box.attr(label="", style="rounded", color="#999999")
            box.node("argmap-legend", label=_legend(), shape="plain")
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
        raise RenderError(
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
) -> Path:
    """Draw ``amap`` into ``path`` (format from ``fmt`` or the suffix); returns the path written.

    Raises `RenderError` when Graphviz is missing or fails, `OutputExistsError` when ``path``
    exists and ``force`` is false.
    """
    fmt = output_format(path, fmt)
    target = Path(path)
    if target.exists() and not force:
        # Checked before the layout too, so a refusal costs nothing.
        raise OutputExistsError(f"{target} already exists; pass --force to overwrite it")
    dot = to_dot(amap, findings=findings, focus=focus, depth=depth)
    if fmt == "dot":
        return write_output(target, dot.source, force=force)
    data = run_dot(dot.source, fmt, timeout)
    return write_output(target, data, force=force)
