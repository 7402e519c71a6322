"""Orphan evidence: an evidence record that supports, attacks and undercuts nothing.

Fails::

    # evidence/e.yaml, and no claim names e1
    id: e1
    kind: statistic
    summary: 60% of developers use open models.
    reliability: C
    credibility: 3
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem

CODE = "AM301"
NAME = "orphan-evidence"
SEVERITY = "warning"
RATIONALE = "Evidence that bears on no claim is either a missing link or clutter."


def check(context: CheckContext) -> Iterator[Problem]:
    graph = context.graph
    for item in context.amap.evidence.values():
        if graph.out_degree(item.id) == 0:
            yield Problem(
                item.span, f"evidence {item.id!r} supports, attacks or undercuts no claim", item.id
            )
