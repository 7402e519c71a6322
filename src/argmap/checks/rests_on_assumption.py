"""Rests on assumption: a claim holds only if one or more assumptions hold.

Assumptions may stand without evidence; this check makes every claim that leans on one say so.
It fires on claims grounded with the assumptions taken as given but not by evidence alone, and
names the assumptions its grounded chains reach (stopping at claims that evidence grounds).

Fails::

    - id: c1
      text: Open models spread fastest.
      supported_by: [a1]
    - id: a1
      kind: assumption
      text: Developers pick the cheapest model.

Passes::

    - id: c1
      text: Open models spread fastest.
      supported_by: [a1]
    - id: a1
      kind: assumption
      text: Developers pick the cheapest model.
      supported_by: [survey]   # evidence: the assumption no longer needs taking on trust
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.model import ClaimKind
from argmap.support import Status

CODE = "AM203"
NAME = "rests-on-assumption"
SEVERITY = "info"
RATIONALE = "A reader should know which conclusions stand only if an unproven assumption does."

_GROUNDED = (Status.EVIDENCE, Status.SUPPORTED, Status.ASSUMED)


def assumptions_under(context: CheckContext, claim_id: str) -> list[str]:
    """The assumptions that ``claim_id``'s grounded (with assumptions) reasons rest on."""
    amap = context.amap
    status = context.support.status
    seen = {claim_id}
    queue = deque([claim_id])
    found: list[str] = []
    while queue:
        node = queue.popleft()
        for reason in amap.claims[node].supported_by:
            if not all(status.get(p) in _GROUNDED for p in reason.premises):
                continue  # this reason does not hold even with the assumptions
            for premise in reason.premises:
                if premise in seen or status[premise] is not Status.ASSUMED:
                    continue
                seen.add(premise)
                if amap.claims[premise].kind is ClaimKind.ASSUMPTION:
                    found.append(premise)
                else:
                    queue.append(premise)
    return sorted(found, key=lambda a: (amap.get(a).span, a))


def check(context: CheckContext) -> Iterator[Problem]:
    claims = context.amap.claims
    for claim_id in context.support.claims_by_status[Status.ASSUMED]:
        claim = claims[claim_id]
        if claim.kind is ClaimKind.ASSUMPTION:
            continue
        found = assumptions_under(context, claim.id)
        named = ", ".join(repr(a) for a in found)
        plural = "s" if len(found) > 1 else ""
        yield Problem(
            claim.span,
            f"{claim.kind.value} {claim.id!r} holds only if an assumption does: it rests on "
            f"assumption{plural} {named}, not on evidence",
            claim.id,
        )
