"""Build the one networkx graph the semantics and renderers work from.

Its edges are `ArgumentMap.reason_links`, which the checks read as plain dicts instead: on a
large map, building the graph costs more than all the checks that would ask it.

The graph is bipartite in the way AIF is: records (claims, evidence) on one side, reasons on
the other, because a reason is what a linked premise group shares and what an undercut attacks.

Nodes
    ``kind="claim"`` (with ``claim_kind``), ``kind="evidence"`` (with ``grade``), and
    ``kind="reason"`` (with ``role`` = support/attack, ``target``, ``linked``).
    Every record node carries the pydantic record as ``record``.
Edges
    premise → reason: ``relation="premise"``; reason → claim: ``relation="supports"`` or
    ``"attacks"``; undercutter → reason: ``relation="undercuts"``.

References to ids that do not exist get no edge: networkx would quietly add an empty node for
them. The ``unknown-reference`` check reports them from the records instead, and a reason node
keeps the `Reason` itself (``reason``), so analyses can still count the premises it names.

>>> from argmap.model import Claim
>>> amap_graph = build_graph(ArgumentMap(claims=[
...     Claim(id="a", text="A."), Claim(id="b", text="B.", supported_by=["a"])]))
>>> sorted(amap_graph.edges(data="relation"))
[('a', 'b:for:1', 'premise'), ('b:for:1', 'b', 'supports')]
"""

from __future__ import annotations

import networkx as nx

from argmap.argument_map import ArgumentMap


def build_graph(amap: ArgumentMap) -> nx.DiGraph:
    graph = nx.DiGraph(title=amap.title)
    for claim in amap.claims.values():
        graph.add_node(claim.id, kind="claim", claim_kind=claim.kind.value, record=claim)
    for item in amap.evidence.values():
        graph.add_node(item.id, kind="evidence", grade=item.grade, record=item)
    # Which reason links which records is worked out once, for the checks too (`ReasonLinks`).
    links = amap.reason_links
    for node, ref in links.reasons.items():
        graph.add_node(
            node,
            kind="reason",
            role=ref.role,
            target=ref.claim.id,
            linked=ref.reason.linked,
            reason=ref.reason,
        )
        graph.add_edge(
            node, ref.claim.id, relation="supports" if ref.role == "support" else "attacks"
        )
        for premise in links.premises[node]:
            graph.add_edge(premise, node, relation="premise")
        for undercutter in links.undercutters.get(node, ()):
            # A DiGraph holds one edge per pair: a record that is both a premise of a reason
            # and its undercutter stays a premise, so grounding still sees every premise.
            graph.add_edge(undercutter, node, relation="undercuts")
    return graph


def support_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """Records only, with an edge premise → conclusion for every support: for cycle finding.

    Each edge's ``reason`` is the first reason (in file order) that links the two, so a finding
    about the edge can point at where it was written.

    >>> from argmap.model import Claim
    >>> amap = ArgumentMap(claims=[
    ...     Claim(id="a", text="A.", supported_by=[{"premises": ["b", "c"]}]),
    ...     Claim(id="b", text="B."), Claim(id="c", text="C.")])
    >>> sorted(support_graph(build_graph(amap)).edges(data="reason"))
    [('b', 'a', 'a:for:1'), ('c', 'a', 'a:for:1')]
    """
    direct = nx.DiGraph()
    direct.add_nodes_from(n for n, kind in graph.nodes(data="kind") if kind != "reason")
    first: dict[tuple[str, str], str] = {}
    predecessors = graph.pred  # adjacency views directly: in_edges() builds a view per call
    for reason, target, relation in graph.edges(data="relation"):
        if relation != "supports":
            continue
        for premise, edge in predecessors[reason].items():
            if edge.get("relation") == "premise":
                first.setdefault((premise, target), reason)
    direct.add_edges_from(
        (premise, target, {"reason": reason}) for (premise, target), reason in first.items()
    )
    return direct
