"""Contested claim: an attack on the claim stands unanswered.

An attack is answered when its inference is undercut, when one of its premises is itself
attacked, or when the claim's own support is stronger: grounded in evidence while the attack is
not, or grounded in better-graded evidence (see `argmap.support.grade_score`).

Fails::

    - id: c1
      text: Tea is healthy.
      attacked_by: [c2]
    - id: c2
      text: Tea stains teeth.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem

CODE = "AM205"
NAME = "contested-claim"
SEVERITY = "warning"
RATIONALE = "A claim under an objection nobody answers does not stand as written."


def _is_attacked(context: CheckContext, node: str) -> bool:
    graph = context.graph
    return any(
        graph.nodes[reason].get("role") == "attack"
        for reason, _, rel in graph.in_edges(node, data="relation")
        if rel == "attacks"
    )


def check(context: CheckContext) -> Iterator[Problem]:
    graph = context.graph
    strength = context.support.strength
    for claim in context.amap.claims.values():
        own = strength.get(claim.id)
        unanswered: list[str] = []
        for reason in claim.attacked_by:
            premises = [p for p in reason.premises if p in context.amap]
            if not premises:
                continue  # AM101 reports the unknown ids
            node = next(
                r
                for r, _, rel in graph.in_edges(claim.id, data="relation")
                if rel == "attacks" and graph.nodes[r]["reason"] is reason
            )
            if any(rel == "undercuts" for _, _, rel in graph.in_edges(node, data="relation")):
                continue
            if any(_is_attacked(context, premise) for premise in premises):
                continue
            attack = min((strength.get(p, -1.0) for p in premises), default=-1.0)
            if own is not None and own > attack:
                continue
            unanswered.append(" + ".join(premises))
        if unanswered:
            named = ", ".join(repr(a) for a in unanswered)
            yield Problem(
                claim.span,
                f"{claim.kind.value} {claim.id!r} is attacked by {named}, and nothing answers the attack",
                claim.id,
            )
