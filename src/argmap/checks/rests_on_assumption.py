"""Rests on assumption: a claim holds only if one or more assumptions hold.

Assumptions may stand without evidence; this check makes every chain that leans on one say so.

Fails::

    - id: c1
      text: Open models spread fastest.
      supported_by: [a1]
    - id: a1
      kind: assumption
      text: Developers pick the cheapest model.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.model import ClaimKind
from argmap.support import Status

CODE = "AM203"
NAME = "rests-on-assumption"
SEVERITY = "info"
RATIONALE = "A reader should know which conclusions stand only if an unproven assumption does."


def check(context: CheckContext) -> Iterator[Problem]:
    analysis = context.support
    for claim in context.amap.claims.values():
        if claim.kind is ClaimKind.ASSUMPTION or analysis.status[claim.id] is not Status.ASSUMED:
            continue
        assumptions = sorted(
            node
            for node in analysis.ancestry(claim.id)
            if analysis.status.get(node) is Status.ASSUMED
            and context.amap.claims.get(node) is not None
            and context.amap.claims[node].kind is ClaimKind.ASSUMPTION
        )
        named = ", ".join(repr(a) for a in assumptions)
        yield Problem(
            claim.span,
            f"{claim.kind.value} {claim.id!r} holds only if assumption{'s' if len(assumptions) > 1 else ''} {named} hold{'' if len(assumptions) > 1 else 's'}",
            claim.id,
        )
