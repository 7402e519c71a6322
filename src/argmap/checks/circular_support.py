"""Circular support: a chain of reasons leads back to where it started.

Each tangle of mutually supporting claims is reported once, with one cycle through it, at the
link that closes the cycle.

Fails::

    - id: a
      text: The Bible is true.
      supported_by: [b]
    - id: b
      text: The Bible says it is true.
      supported_by: [a]
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from argmap.checks._base import CheckContext, Problem
from argmap.model import Claim

CODE = "AM103"
NAME = "circular-support"
SEVERITY = "error"
RATIONALE = "Claims that support each other in a circle give no reason to believe any of them."


def check(context: CheckContext) -> Iterator[Problem]:
    direct = context.support.support_graph
    for component in nx.strongly_connected_components(direct):
        if len(component) < 2:
            continue  # a one-claim loop is self-support (AM102)
        # Start at the first claim in file order so the report is stable.
        start = min(component, key=lambda n: (context.amap.get(n).span, n))
        sub = direct.subgraph(component)
        cycle = nx.find_cycle(sub, source=start)
        path = [edge[0] for edge in cycle] + [cycle[-1][1]]
        premise, conclusion = cycle[-1][0], cycle[-1][1]
        claim = context.amap.get(conclusion)
        assert isinstance(claim, Claim)
        span = claim.span
        for index, reason in enumerate(claim.supported_by):
            if premise in reason.premises:
                span = claim.where.of(
                    "supported_by", index, "premises", reason.premises.index(premise)
                )
                break
        related = tuple(context.amap.get(node).span for node in path[:-1])
        yield Problem(span, "circular support: " + " -> ".join(path), conclusion, related)
