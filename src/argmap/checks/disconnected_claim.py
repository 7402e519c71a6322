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
    links = context.links
    for claim in context.amap.claims.values():
        if claim.kind is ClaimKind.THESIS:
            continue
        if claim.id not in links.reasons_for and claim.id not in links.bears_on:
            yield Problem(
                claim.span,
                f"{claim.kind.value} {claim.id!r} is linked to no other claim or evidence; "
                "expected it among another claim's reasons, or reasons of its own",
                claim.id,
            )
