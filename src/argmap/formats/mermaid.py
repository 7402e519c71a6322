"""Mermaid flowchart out: the map as a diagram that renders in GitHub Markdown.

``flowchart BT``, conclusions above their reasons, as argmap draws maps with Graphviz:

* node shapes by kind: a claim is a rounded box, the thesis a box with double sides
  (``[[...]]``), a hypothesis a hexagon (``{{...}}``), an assumption a parallelogram
  (``[/.../]``), evidence a cylinder (``[(...)]``) showing its Admiralty grade;
* a class per verdict (``classDef supported``, ...) fills claims as ``argmap render`` does;
* support is ``-->``, attack ``--x``, undercut ``-.->`` aimed at the reason's junction; a linked
  premise group (or an undercut reason) meets in a small circle first, so it reads as one
  argument; a reason's scheme labels its arrow; ``linkStyle`` colours the three relations.

Every label is quoted and every character Mermaid could read as syntax is written as one of
its entity codes (``#quot;``, ``#35;``, ``#lt;``, ...), line breaks as ``<br>``; node ids are
generated (``n1``, ``n2``, ...), so no record id can collide with a keyword such as ``end``
or start a ``o``/``x`` edge. A comment line before each node names its record.

>>> from argmap.argument_map import ArgumentMap
>>> from argmap.model import Claim
>>> print(generate_mermaid(ArgumentMap(claims=[
...     Claim(id="c", text='Say "hi"; #1', supported_by=["d"]), Claim(id="d", text="D.")])))
... # doctest: +ELLIPSIS
---
title: "argument map"
---
flowchart BT
  %% n1: c
  n1("c · unsupported<br>Say #quot;hi#quot;#59; #35;1")
  %% n2: d
  n2("d · unsupported<br>D.")
  n2 --> n1
...
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

from argmap.argument_map import ArgumentMap
from argmap.formats import ConversionReport
from argmap.formats.json_ import lose_fields
from argmap.model import Claim, ClaimKind, Evidence
from argmap.output import printable, write_output
from argmap.semantics import Evaluation, VerdictWord, evaluate

NAME = "mermaid"
SUFFIXES: tuple[str, ...] = (".mmd", ".mermaid")

SUPPORT_COLOUR = "#2e7d32"
ATTACK_COLOUR = "#c62828"
UNDERCUT_COLOUR = "#6a1b9a"
VERDICT_CLASS = {
    VerdictWord.SUPPORTED: ("supported", "#d8f0d8"),
    VerdictWord.WEAKLY_SUPPORTED: ("weakly_supported", "#ecf5c4"),
    VerdictWord.ASSUMED: ("assumed", "#fff2c2"),
    VerdictWord.CONTESTED: ("contested", "#ffd9a8"),
    VerdictWord.UNSUPPORTED: ("unsupported", "#f9d4d4"),
    VerdictWord.REFUTED: ("refuted", "#d6d6d6"),
}
EVIDENCE_CLASS = ("evidence", "#dde8f6")
REASON_CLASS = ("reason", "#ffffff")
SHAPES = {
    ClaimKind.CLAIM: ('("', '")'),
    ClaimKind.THESIS: ('[["', '"]]'),
    ClaimKind.HYPOTHESIS: ('{{"', '"}}'),
    ClaimKind.ASSUMPTION: ('[/"', '"/]'),
}
EVIDENCE_SHAPE = ('[("', '")]')
REASON_SHAPE = ('(("', '"))')
MAX_TEXT = 50_000
"""Mermaid's default ``maxTextSize``: a longer diagram is refused by GitHub's renderer."""
MAX_EDGES = 500
"""Mermaid's default ``maxEdges``."""

_ENTITIES = {
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    '"': "#quot;",
    "#": "#35;",
    ";": "#59;",
    "`": "#96;",
    ":": "#58;",
    "%": "#37;",
    "\u2028": "#8232;",
    "\u2029": "#8233;",
    "\ufb02": "#64258;",
    "\u00b6": "#182;",
    "\n": "<br>",
}
_CARRIED = frozenset(
    {
        "id",
        "text",
        "summary",
        "kind",
        "reliability",
        "credibility",
        "supported_by",
        "attacked_by",
        "reason.premises",
        "reason.undercut_by",
        "reason.scheme",
        "reason.id",
    }
)


def label(text: str) -> str:
    """``text`` as the inside of a quoted Mermaid label: shown exactly, never read as syntax.

    >>> label('a "b" <c> & #d; `e`\\nf')
    'a #quot;b#quot; #lt;c#gt; #amp; #35;d#59; #96;e#96;<br>f'
    """
    return "".join(_ENTITIES.get(ch, ch) for ch in printable(text, terminal=True))


def _claim_label(claim: Claim, evaluation: Evaluation) -> str:
    head = claim.id if claim.kind is ClaimKind.CLAIM else f"{claim.id} ({claim.kind.value})"
    return label(f"{head} · {evaluation[claim.id].verdict.value}\n{claim.text}")


def _evidence_label(item: Evidence) -> str:
    return label(f"{item.id} · {item.grade}\n{item.summary}")


def generate_mermaid(
    amap: ArgumentMap, report: ConversionReport | None = None, evaluation: Evaluation | None = None
) -> str:
    """The map as Mermaid flowchart text; ``report`` collects what the drawing does not carry."""
    evaluation = evaluation or evaluate(amap)
    lines = ["---", f"title: {json.dumps(printable(amap.title))}", "---", "flowchart BT"]
    ids: dict[str, str] = {}
    classes: dict[str, list[str]] = {}

    def node(record_id: str, shape: tuple[str, str], text: str, css: str) -> None:
        ids[record_id] = f"n{len(ids) + 1}"
        lines.append(f"  %% {ids[record_id]}: {printable(record_id)}")
        lines.append(f"  {ids[record_id]}{shape[0]}{text}{shape[1]}")
        classes.setdefault(css, []).append(ids[record_id])

    for claim in amap.claims.values():
        css = VERDICT_CLASS[evaluation[claim.id].verdict][0]
        node(claim.id, SHAPES[claim.kind], _claim_label(claim, evaluation), css)
    for item in amap.evidence.values():
        node(item.id, EVIDENCE_SHAPE, _evidence_label(item), EVIDENCE_CLASS[0])

    styles: dict[str, list[int]] = {"support": [], "attack": [], "undercut": []}
    edges = 0

    def link(source: str, arrow: str, target: str, style: str, text: str | None = None) -> None:
        nonlocal edges
        middle = f'{arrow}|"{label(text)}"|' if text else arrow
        lines.append(f"  {source} {middle} {target}")
        styles[style].append(edges)
        edges += 1

    junctions = 0
    for ref in amap.reasons():
        reason = ref.reason
        premises = [ids[p] for p in reason.premises if p in ids]
        undercutters = [ids[u] for u in reason.undercut_by if u in ids]
        missing = [p for p in (*reason.premises, *reason.undercut_by) if p not in ids]
        for name in missing:
            if report is not None:
                report.lose(
                    f"reference {name} in reason {ref.node}",
                    ref.claim.id,
                    "it names no record of the map, so there is no node to draw",
                )
        if not premises:
            continue
        style = "support" if ref.role == "support" else "attack"
        arrow = "-->" if ref.role == "support" else "--x"
        target = ids[ref.claim.id]
        if not reason.linked and not reason.undercut_by:
            link(premises[0], arrow, target, style, reason.scheme)
            continue
        junctions += 1
        junction = f"r{junctions}"
        lines.append(f"  %% {junction}: reason {printable(ref.node)}")
        lines.append(
            f"  {junction}{REASON_SHAPE[0]}{label('&' if reason.linked else ' ')}{REASON_SHAPE[1]}"
        )
        classes.setdefault(REASON_CLASS[0], []).append(junction)
        for premise in premises:
            link(premise, "---", junction, style)
        link(junction, arrow, target, style, reason.scheme)
        for undercutter in undercutters:
            link(undercutter, "-.->", junction, "undercut")

    for name, fill in [*VERDICT_CLASS.values(), EVIDENCE_CLASS, REASON_CLASS]:
        stroke = "#555555" if name != "reason" else "#888888"
        lines.append(f"  classDef {name} fill:{fill},stroke:{stroke},color:#000000")
    for name, members in classes.items():
        for chunk in _chunks(members, 50):
            lines.append(f"  class {','.join(chunk)} {name}")
    colours = {"support": SUPPORT_COLOUR, "attack": ATTACK_COLOUR, "undercut": UNDERCUT_COLOUR}
    for style, numbers in styles.items():
        for chunk in _chunks([str(n) for n in numbers], 50):
            lines.append(f"  linkStyle {','.join(chunk)} stroke:{colours[style]},stroke-width:2px")
    text = "\n".join(lines) + "\n"
    if report is not None:
        _report_losses(amap, report)
        if len(text) > MAX_TEXT:
            report.notes.append(
                f"the diagram is {len(text):,} characters; Mermaid (and GitHub) refuse more than "
                f"{MAX_TEXT:,} by default: draw part of the map, or raise maxTextSize"
            )
        if edges > MAX_EDGES:
            report.notes.append(
                f"the diagram has {edges} edges; Mermaid refuses more than {MAX_EDGES} by default"
            )
    return text


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _report_losses(amap: ArgumentMap, report: ConversionReport) -> None:
    lose_fields(
        report,
        amap,
        lambda record, name: name in _CARRIED,
        "a Mermaid drawing shows ids, texts, kinds, grades, verdicts and relations only",
        config_why="only the title is drawn",
    )
    if report.losses and report.losses[-1].what.startswith("map settings"):
        settings = report.losses.pop()
        rest = [n for n in amap.config.model_dump(exclude_defaults=True) if n != "title"]
        if rest:
            report.lose(f"map settings ({', '.join(rest)})", None, settings.why)


def write(amap: ArgumentMap, path: str | os.PathLike[str], force: bool = False) -> ConversionReport:
    report = ConversionReport("argmap map", str(path))
    write_output(path, generate_mermaid(amap, report), force=force)
    return report
