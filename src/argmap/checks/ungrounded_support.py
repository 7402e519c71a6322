"""Ungrounded support: a claim has reasons, but no chain of them reaches evidence or an assumption.

A linked reason is grounded only if all its premises are, an independent one if its one premise
is; so the claim fails when every reason has some premise that is not grounded. The finding
names the weak links: the nearest claims along those chains that have no usable reasons at all
(none, or only ones naming unknown ids). When there are none, every chain goes round a circle.

Fails::

    - id: c1
      text: Tea is healthy.
      supported_by: [c2]
    - id: c2
      text: Tea has antioxidants.   # itself unsupported: the weak link

Passes::

    - id: c1
      text: Tea is healthy.
      supported_by: [c2]
    - id: c2
      kind: assumption
      text: Tea has antioxidants.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.model import ClaimKind
from argmap.support import Status

CODE = "AM202"
NAME = "ungrounded-support"
SEVERITY = "error"
RATIONALE = "Support that never reaches evidence only moves the question one step back."


def _complete_reasons(context: CheckContext, claim_id: str) -> list[list[str]]:
    """The premises of each of the claim's support reasons that names only existing records."""
    amap = context.amap
    return [
        reason.premises
        for reason in amap.claims[claim_id].supported_by
        if all(premise in amap for premise in reason.premises)
    ]


def weak_links(context: CheckContext, claim_id: str) -> list[str]:
    """The nearest ungrounded claims with no usable reasons, along ``claim_id``'s support chains.

    Only ungrounded claims are walked through: a grounded premise is not why a reason fails.
    """
    status = context.support.status
    distance = {claim_id: 0}
    queue = deque([claim_id])
    links: list[str] = []
    while queue:
        node = queue.popleft()
        reasons = _complete_reasons(context, node)
        if not reasons and node != claim_id:
            links.append(node)
            continue
        for premises in reasons:
            for premise in premises:
                if status.get(premise) is Status.UNSUPPORTED and premise not in distance:
                    distance[premise] = distance[node] + 1
                    queue.append(premise)
    links.sort(key=lambda node: (distance[node], context.amap.get(node).span, node))
    return links


def check(context: CheckContext) -> Iterator[Problem]:
    claims = context.amap.claims
    for claim_id in context.support.claims_by_status[Status.UNSUPPORTED]:
        claim = claims[claim_id]
        if claim.kind is ClaimKind.ASSUMPTION:
            continue
        if not _complete_reasons(context, claim.id):
            continue  # no reasons: AM201; only reasons naming unknown ids: AM101
        links = weak_links(context, claim.id)
        if links:
            named = ", ".join(repr(link) for link in links[:3])
            more = f" and {len(links) - 3} more" if len(links) > 3 else ""
            detail = f"weak link{'s' if len(links) > 1 else ''}: {named}{more}"
        else:
            detail = "its only reasons go round in a circle"
        yield Problem(
            claim.span,
            f"{claim.kind.value} {claim.id!r} is supported only through claims that rest on "
            f"nothing ({detail}); expected a chain that ends in evidence or an assumption",
            claim.id,
        )
