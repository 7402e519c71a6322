"""Disconnected claim: a claim that bears on nothing and that nothing bears on.

A claim is linked when it has reasons (for or against), or is a premise or undercutter of a
reason. A thesis may stand alone (a map of one claim is still a map); any other claim, an
assumption included, should be linked.

Fails::

    - id: t
      kind: thesis
      text: Tea is healthy.
    - id: c2
      text: Coffee is popular.   # linked to nothing

Passes::

    - id: t
      kind: thesis
      text: Tea is healthy.
      attacked_by: [c2]
    - id: c2
      text: Tea stains teeth.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.model import ClaimKind

CODE = "AM104"
NAME = "disconnected-claim"
SEVERITY = "warning"
RATIONALE = "A claim linked to nothing plays no part in the argument: a missing link or clutter."


def check(context: CheckContext) -> Iterator[Problem]:
    reasons_for, bears_on = context.links.reasons_for, context.links.bears_on
    claims = context.amap.claims
    for claim_id in claims:  # the ids alone: touching each record costs more than the lookups
        if claim_id in reasons_for or claim_id in bears_on:
            continue
        claim = claims[claim_id]
        if claim.kind is not ClaimKind.THESIS:
            yield Problem(
                claim.span,
                f"{claim.kind.value} {claim.id!r} is linked to no other claim or evidence; "
                "expected it among another claim's reasons, or reasons of its own",
                claim.id,
            )
