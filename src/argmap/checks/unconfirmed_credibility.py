"""Unconfirmed credibility: information graded 1 ("confirmed") with no independent second source.

In the Admiralty system, 1 means confirmed by other independent sources. This check asks for at
least one other evidence record, on a claim the record also bears on, whose source differs.

Fails::

    # the only evidence for c1
    id: e1
    kind: statistic
    summary: 60% of developers use open models.
    reliability: B
    credibility: 1
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.model import Evidence

CODE = "AM303"
NAME = "unconfirmed-credibility"
SEVERITY = "warning"
RATIONALE = (
    "Credibility 1 means 'confirmed by independent sources'; one source cannot confirm itself."
)


def _source_key(context: CheckContext, item: Evidence) -> tuple[str | None, ...]:
    source = context.amap.source_of(item)
    if source is None:
        return (item.id,)
    return (source.url or None, source.title.casefold())


def _evidence_beside(context: CheckContext, item: Evidence) -> set[str]:
    """Other evidence records that bear on a claim this record bears on."""
    graph = context.graph
    beside: set[str] = set()
    for reason in graph.successors(item.id):
        target = graph.nodes[reason].get("target")
        for sibling in graph.predecessors(target):
            beside.update(p for p in graph.predecessors(sibling) if p in context.amap.evidence)
    beside.discard(item.id)
    return beside


def check(context: CheckContext) -> Iterator[Problem]:
    evidence = context.amap.evidence
    for item in evidence.values():
        if item.credibility != 1:
            continue
        own = _source_key(context, item)
        if not any(
            _source_key(context, evidence[o]) != own for o in _evidence_beside(context, item)
        ):
            yield Problem(
                item.where.of("credibility"),
                f"evidence {item.id!r} is graded 1 (confirmed), but no evidence from an "
                "independent source bears on the same claim; expected 2 or a second source",
                item.id,
            )
