"""Contested claim: an attack on the claim stands unanswered.

An attack is answered when its inference is undercut (``undercut_by`` on the attack), when one
of its premises is itself attacked, or when the claim's own support is stronger: grounded while
the attack is not, or grounded in better-graded evidence (strengths compare the weakest link of
the best chain; see `argmap.support.grade_score`). Each unanswered attack is reported at the
place it is written, so a claim with two unanswered attacks gets two findings.

Fails::

    - id: c1
      text: Tea is healthy.
      attacked_by: [c2]
    - id: c2
      text: Tea stains teeth.

Passes::

    - id: c1
      text: Tea is healthy.
      attacked_by:
        - premises: [c2]
          undercut_by: [c3]
    - id: c2
      text: Tea stains teeth.
    - id: c3
      text: Stained teeth say nothing about health.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.argument_map import ReasonLinks, reason_node_id
from argmap.checks._base import CheckContext, Problem
from argmap.model import Claim

CODE = "AM205"
NAME = "contested-claim"
SEVERITY = "warning"
RATIONALE = "A claim under an objection nobody answers does not stand as written."


def is_attacked(links: ReasonLinks, claim: Claim | None) -> bool:
    """Whether an attack on ``claim`` is in the graph (a reason whose node id is taken is not)."""
    if claim is None:
        return False  # evidence, or no record
    for index, reason in enumerate(claim.attacked_by):
        ref = links.reasons.get(reason_node_id(claim.id, "attack", index, reason))
        if ref is not None and ref.claim is claim and ref.role == "attack":
            return True
    return False


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    strength = context.support.strength
    links = context.links
    # The records an attack in the graph points at (asked of the few premises of attacks, not
    # worked out for every reason), and the reasons an undercut does.
    attacked: dict[str, bool] = {}

    def answered_by_attack(premise: str) -> bool:
        if premise not in attacked:
            attacked[premise] = is_attacked(links, amap.claims.get(premise))
        return attacked[premise]

    undercut = links.undercutters
    for claim in amap.claims.values():
        if not claim.attacked_by:
            continue
        own = strength.get(claim.id)
        for index, reason in enumerate(claim.attacked_by):
            premises = [p for p in reason.premises if p in amap]
            if not premises:
                continue  # AM101 reports the unknown ids
            if undercut.get(reason_node_id(claim.id, "attack", index, reason)):
                continue
            if any(answered_by_attack(premise) for premise in premises):
                continue
            # An unknown premise is not grounded: the attack is then as weak as can be.
            attack = min(strength.get(p, -1.0) for p in reason.premises)
            if own is not None and own > attack:
                continue
            by = " + ".join(repr(p) for p in reason.premises)
            yield Problem(
                claim.where.of("attacked_by", index),
                f"{claim.kind.value} {claim.id!r} is attacked by {by}, and nothing answers the "
                "attack; expected an undercut, a counter-attack or stronger support",
                claim.id,
            )
