"""An overview of a map too large to draw in full: subtrees collapsed into counted summary nodes.

`collapse` keeps every thesis and hypothesis (the *roots*; a map without any uses its top claims,
the claims that support or attack nothing) and the claims up to ``depth`` reason steps below
them; everything further down (premises, undercutters and evidence, recursively) is collapsed
into one summary node per kept claim: "N claims, M evidence records (k unsupported)". Records
that no root reaches are collapsed into one summary node of their own. The depth is lowered
until the drawing holds at most ``limit`` nodes, so the layout stays fast.

`to_overview_dot` draws the result: one cluster ("page") per root, holding the claims first
reached from it and their summary nodes; reasons are plain arrows (support green, attack red,
undercut dashed purple) from premise to claim.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import graphviz

import argmap.render as r
from argmap.argument_map import ArgumentMap
from argmap.model import ClaimKind
from argmap.support import Status

DEFAULT_DEPTH = 2
UNATTACHED = "argmap~unattached"
"""The summary node of records no root reaches ("~" is never in a record id)."""


@dataclass
class Summary:
    """What one summary node stands for."""

    owner: str | None
    """The kept claim the collapsed records lie below; None for the unattached records."""
    claims: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    unsupported: int = 0

    @property
    def node(self) -> str:
        return UNATTACHED if self.owner is None else f"summary~{self.owner}"

    @property
    def size(self) -> int:
        return len(self.claims) + len(self.evidence)

    def words(self) -> str:
        claims = f"{len(self.claims):,} claim{'' if len(self.claims) == 1 else 's'}"
        evidence = f"{len(self.evidence):,} evidence record{'' if len(self.evidence) == 1 else 's'}"
        text = f"{claims}, {evidence} ({self.unsupported:,} unsupported)"
        return text if self.owner is not None else f"{text} not below any thesis or hypothesis"


@dataclass
class Overview:
    """The result of `collapse`."""

    roots: list[str]
    kept: dict[str, str]
    """Each kept claim -> the root whose cluster it is drawn in."""
    depth: int
    summaries: list[Summary]

    @property
    def collapsed(self) -> int:
        return sum(s.size for s in self.summaries)

    def describe(self) -> str:
        records = "record" if self.collapsed == 1 else "records"
        nodes = "node" if len(self.summaries) == 1 else "nodes"
        return (
            f"collapsed {self.collapsed:,} {records} into {len(self.summaries):,} summary {nodes} "
            f"(kept {len(self.kept):,} claims up to depth {self.depth} below "
            f"{len(self.roots):,} theses and hypotheses); use --focus ID to draw one part in full"
        )


def _children(amap: ArgumentMap) -> dict[str, list[str]]:
    """Each claim -> the records one reason step below it (premises and undercutters)."""
    below: dict[str, list[str]] = {}
    for ref in amap.reasons():
        below.setdefault(ref.claim.id, []).extend([*ref.reason.premises, *ref.reason.undercut_by])
    return below


def roots_of(amap: ArgumentMap) -> list[str]:
    """Theses and hypotheses, in file order; without any, the claims that bear on nothing."""
    roots = [
        c.id for c in amap.claims.values() if c.kind in (ClaimKind.THESIS, ClaimKind.HYPOTHESIS)
    ]
    if roots:
        return roots
    used = {p for ref in amap.reasons() for p in (*ref.reason.premises, *ref.reason.undercut_by)}
    return [c for c in amap.claims if c not in used]


def collapse(
    amap: ArgumentMap,
    status: dict[str, Status],
    depth: int = DEFAULT_DEPTH,
    limit: int | None = None,
) -> Overview:
    """Collapse ``amap`` below ``depth`` (lowered until at most ``limit`` nodes are drawn)."""
    below = _children(amap)
    roots = roots_of(amap)
    root_set = set(roots)
    # Breadth first from all roots at once: each record belongs to the root (and the kept
    # claim) that reaches it first, so nothing is counted twice.
    level: dict[str, int] = {}
    page: dict[str, str] = {}
    parent: dict[str, str] = {}
    queue: deque[str] = deque()
    for root in roots:
        level[root], page[root] = 0, root
        queue.append(root)
    order: list[str] = []
    while queue:
        node = queue.popleft()
        order.append(node)
        for child in below.get(node, ()):
            if child in level or child in root_set or child not in amap:
                continue
            level[child], page[child], parent[child] = level[node] + 1, page[node], node
            queue.append(child)

    def build(keep_depth: int) -> Overview:
        kept = {
            n: page[n]
            for n in order
            if n in amap.claims and (n in root_set or level[n] <= keep_depth)
        }
        summaries: dict[str | None, Summary] = {}
        owner_of: dict[str, str] = {}
        for node in order:
            if node in kept:
                continue
            up = parent[node]
            owner = up if up in kept else owner_of[up]
            owner_of[node] = owner
            _count(summaries.setdefault(owner, Summary(owner)), amap, status, node)
        for record in [*amap.claims, *amap.evidence]:
            if record not in level:
                _count(summaries.setdefault(None, Summary(None)), amap, status, record)
        ordered = [summaries[k] for k in kept if k in summaries]
        if None in summaries:
            ordered.append(summaries[None])
        return Overview(roots, kept, keep_depth, ordered)

    overview = build(depth)
    while limit is not None and overview.depth > 0:
        if len(overview.kept) + len(overview.summaries) <= limit:
            break
        overview = build(overview.depth - 1)
    return overview


def _count(summary: Summary, amap: ArgumentMap, status: dict[str, Status], record: str) -> None:
    if record in amap.claims:
        summary.claims.append(record)
        if status.get(record) is Status.UNSUPPORTED:
            summary.unsupported += 1
    else:
        summary.evidence.append(record)


def to_overview_dot(
    amap: ArgumentMap, status: dict[str, Status], overview: Overview
) -> graphviz.Digraph:
    """The overview as a `graphviz.Digraph`: one cluster per thesis or hypothesis."""
    dot = graphviz.Digraph(
        name="argmap",
        graph_attr={
            "rankdir": "BT",
            "label": r._title_label(f"{amap.title} (overview: {overview.describe()})"),
            "labelloc": "t",
            "fontname": "Helvetica",
            "fontsize": "16",
            "nodesep": "0.3",
            "ranksep": "0.5",
        },
        node_attr={"fontname": "Helvetica", "fontsize": "11", "margin": "0.12,0.06"},
        edge_attr={"fontname": "Helvetica", "fontsize": "9"},
    )
    by_owner = {s.owner: s for s in overview.summaries}
    pages: dict[str, list[str]] = {root: [] for root in overview.roots}
    for node, root in overview.kept.items():
        pages[root].append(node)
    for number, (root, nodes) in enumerate(pages.items(), start=1):
        with dot.subgraph(name=f"cluster_page{number}") as box:
            box.attr(
                label=r._title_label(f"{number}. {root}"),
                style="rounded",
                color="#999999",
                id=f"page-{root}",
            )
            for node in nodes:
                claim = amap.claims[node]
                word = status.get(node, Status.UNSUPPORTED)
                kind = "" if claim.kind is ClaimKind.CLAIM else f" · {claim.kind.value}"
                box.node(
                    node,
                    label=(
                        f'<<FONT POINT-SIZE="9"><B>{r.html_text(node)}</B>{r.html_text(kind)}'
                        f" · <I>{r.html_text(word.value)}</I></FONT>"
                        f'<BR ALIGN="LEFT"/>{r._html_lines(claim.text)}>'
                    ),
                    fillcolor=r.STATUS_FILL[word],
                    tooltip=r._tooltip([claim.text, f"grounding: {word.value}"]),
                    id=f"node-{node}",
                    **r.CLAIM_SHAPES[claim.kind],
                )
                if node in by_owner:
                    _summary_node(box, by_owner[node])
                    dot.edge(
                        by_owner[node].node,
                        node,
                        color="#888888",
                        style="dashed",
                        arrowhead="empty",
                    )
    if None in by_owner:
        _summary_node(dot, by_owner[None])
    for ref in amap.reasons():
        if ref.claim.id not in overview.kept:
            continue
        colour = r.SUPPORT_COLOUR if ref.role == "support" else r.ATTACK_COLOUR
        head = "normal" if ref.role == "support" else "tee"
        for premise in ref.reason.premises:
            if premise in overview.kept:
                dot.edge(premise, ref.claim.id, color=colour, arrowhead=head)
        for undercutter in ref.reason.undercut_by:
            if undercutter in overview.kept:
                dot.edge(
                    undercutter,
                    ref.claim.id,
                    color=r.UNDERCUT_COLOUR,
                    style="dashed",
                    arrowhead="tee",
                )
    return dot


def _summary_node(graph: graphviz.Digraph, summary: Summary) -> None:
    shown = ", ".join([*summary.claims[:5], *summary.evidence[:5]])
    graph.node(
        summary.node,
        label="<" + r._html_lines(summary.words()) + ">",
        shape="folder",
        style="filled",
        fillcolor="#eeeeee",
        tooltip=r._tooltip([summary.words(), f"for example: {shown}"]),
        id=f"summary-{summary.owner or 'unattached'}",
    )
