"""Ungrounded support: a claim has reasons, but every chain of them ends in a claim that rests on nothing.

The finding names the weak links: the unsupported claims at the end of the chains.

Fails::

    - id: c1
      text: Tea is healthy.
      supported_by: [c2]
    - id: c2
      text: Tea has antioxidants.   # itself unsupported: the weak link
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from argmap.checks._base import CheckContext, Problem
from argmap.model import ClaimKind
from argmap.support import Status

CODE = "AM202"
NAME = "ungrounded-support"
SEVERITY = "error"
RATIONALE = "Support that never reaches evidence only moves the question one step back."


def weak_links(context: CheckContext, claim_id: str) -> list[str]:
    """The nearest unsupported claims with no reasons at all, found along the claim's support chains."""
    analysis = context.support
    reverse = analysis.support_graph.reverse(copy=False)
    order = nx.single_source_shortest_path_length(reverse, claim_id)
    links = [
        node
        for node in order
        if node != claim_id
        and analysis.status.get(node) is Status.UNSUPPORTED
        and not analysis.supporters(node)
    ]
    links.sort(key=lambda node: (order[node], context.amap.get(node).span))
    return links


def check(context: CheckContext) -> Iterator[Problem]:
    analysis = context.support
    for claim in context.amap.claims.values():
        if (
            claim.kind is ClaimKind.ASSUMPTION
            or analysis.status[claim.id] is not Status.UNSUPPORTED
        ):
            continue
        if not analysis.supporters(claim.id):
            continue  # AM201 reports it
        links = weak_links(context, claim.id)
        if links:
            named = ", ".join(repr(link) for link in links[:3])
            more = f" and {len(links) - 3} more" if len(links) > 3 else ""
            detail = f"weak link{'s' if len(links) > 1 else ''}: {named}{more}"
        else:
            detail = "its only reasons go round in a circle"
        yield Problem(
            claim.span,
            f"{claim.kind.value} {claim.id!r} is supported only through claims that rest on nothing ({detail})",
            claim.id,
        )
