"""Support-chain analysis: which claims rest on evidence, which only on assumptions, which on nothing.

A claim is *grounded* when one of its reasons has every premise grounded; evidence records are
grounded in themselves. Linked premises therefore count only together, and an independent reason
counts alone. Computed as a least fixpoint by propagating from the evidence, so it runs in time
linear in the size of the graph and terminates on cycles (a cycle grounds nothing by itself).

Grounding is computed twice: once from evidence only, once letting ``assumption`` claims stand
as well. The difference is exactly the set of claims that hold only if an assumption does.

Strength (for comparing a claim's support with its attackers) is the best reason's weakest
premise, with each evidence record scored from its Admiralty grades by `grade_score`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

import networkx as nx

from argmap.argument_map import ArgumentMap
from argmap.model import ClaimKind, Evidence

RELIABILITY_SCORE = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.5}
CREDIBILITY_SCORE = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.5}
"""F and 6 mean "cannot be judged": scored as an even chance, not as the worst grade."""


def grade_score(evidence: Evidence) -> float:
    """How much an evidence record can carry, in [0, 1]: the mean of its two Admiralty scores.

    >>> from argmap.model import Evidence
    >>> grade_score(Evidence(id="e", kind="statistic", summary="s", reliability="B", credibility=2))
    0.8
    >>> grade_score(Evidence(id="e", kind="statistic", summary="s", reliability="F", credibility=6))
    0.5
    """
    return round(
        (RELIABILITY_SCORE[evidence.reliability] + CREDIBILITY_SCORE[evidence.credibility]) / 2, 6
    )


def is_weak(evidence: Evidence) -> bool:
    """Graded unreliable (E) or improbable (5)."""
    return evidence.reliability == "E" or evidence.credibility == 5


class Status(str, Enum):
    """How a record stands on its support chains."""

    EVIDENCE = "evidence"
    """An evidence record."""
    SUPPORTED = "supported"
    """A chain of reasons from this claim ends in evidence."""
    ASSUMED = "assumed"
    """Holds only if one or more assumptions hold (or is an assumption)."""
    UNSUPPORTED = "unsupported"
    """No chain from this claim ends in evidence or an assumption."""


@dataclass
class SupportAnalysis:
    """The result of `analyze_support` for one map."""

    status: dict[str, Status]
    strength: dict[str, float]
    support_graph: nx.DiGraph = field(repr=False)
    """Records only: premise → conclusion for every support reason whose premises all exist."""

    def supporters(self, record_id: str) -> list[str]:
        return list(self.support_graph.predecessors(record_id))

    def ancestry(self, record_id: str) -> set[str]:
        """Every record that any support chain of ``record_id`` passes through."""
        return nx.ancestors(self.support_graph, record_id)  # type: ignore[no-any-return]


def _propagate(
    graph: nx.DiGraph, seeds: Iterable[str], strength_of: dict[str, float]
) -> dict[str, float]:
    """Least fixpoint: reason fires when all its premises are grounded; strengths are max-min."""
    waiting: dict[str, int] = {}
    for node, kind in graph.nodes(data="kind"):
        if kind == "reason" and graph.nodes[node]["role"] == "support":
            waiting[node] = sum(
                1 for _, _, rel in graph.in_edges(node, data="relation") if rel == "premise"
            )
    grounded: dict[str, float] = {}
    queue: deque[str] = deque()
    for seed in seeds:
        grounded[seed] = strength_of[seed]
        queue.append(seed)
    while queue:
        node = queue.popleft()
        for _, reason, rel in graph.out_edges(node, data="relation"):
            if rel != "premise" or reason not in waiting:
                continue
            if waiting[reason] > 0:
                waiting[reason] -= 1
            if waiting[reason] > 0:
                continue
            premises = [p for p, _, r in graph.in_edges(reason, data="relation") if r == "premise"]
            value = min(grounded[p] for p in premises)
            target = graph.nodes[reason]["target"]
            if value > grounded.get(target, -1.0):
                # Strengths only rise and come from a finite set, so this settles.
                grounded[target] = value
                queue.append(target)
    return grounded


def analyze_support(amap: ArgumentMap) -> SupportAnalysis:
    graph = amap.graph
    from argmap.graph import support_graph

    evidence_score = {item.id: grade_score(item) for item in amap.evidence.values()}
    from_evidence = _propagate(graph, evidence_score, evidence_score)
    assumptions = {
        c.id: 0.5
        for c in amap.claims.values()
        if c.kind is ClaimKind.ASSUMPTION and c.id not in from_evidence
    }
    with_assumptions = _propagate(
        graph, {**evidence_score, **assumptions}, {**evidence_score, **assumptions}
    )

    status: dict[str, Status] = {}
    for record_id in amap.evidence:
        status[record_id] = Status.EVIDENCE
    for claim_id in amap.claims:
        if claim_id in from_evidence:
            status[claim_id] = Status.SUPPORTED
        elif claim_id in with_assumptions:
            status[claim_id] = Status.ASSUMED
        else:
            status[claim_id] = Status.UNSUPPORTED
    strength = {**with_assumptions, **from_evidence}
    return SupportAnalysis(status=status, strength=strength, support_graph=support_graph(graph))
