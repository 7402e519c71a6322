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

from argmap.argument_map import reason_node_id
from argmap.checks._base import CheckContext, Problem

CODE = "AM205"
NAME = "contested-claim"
SEVERITY = "warning"
RATIONALE = "A claim under an objection nobody answers does not stand as written."


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    strength = context.support.strength
    links = context.links
    # The records an attack in the graph points at, and the reasons an undercut does.
    attacked = {ref.claim.id for ref in links.reasons.values() if ref.role == "attack"}
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
            if any(premise in attacked for premise in premises):
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
