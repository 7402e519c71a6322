"""Self-support: a claim is listed among its own reasons.

Also when it is one premise of a linked group: the group then needs the claim to prove itself.
A claim among its own *attackers* is not self-support (and is left alone).

Fails::

    id: c1
    text: Tea is healthy.
    supported_by: [c1]

Passes::

    id: c1
    text: Tea is healthy.
    supported_by: [c2]
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem

CODE = "AM102"
NAME = "self-support"
SEVERITY = "error"
RATIONALE = "A claim cannot be its own reason; that is begging the question."


def check(context: CheckContext) -> Iterator[Problem]:
    for ref in context.links.self_supporting:
        for position, premise in enumerate(ref.reason.premises):
            if premise == ref.claim.id:
                span = ref.claim.where.of(ref.field, ref.index, "premises", position)
                yield Problem(
                    span,
                    f"{ref.claim.kind.value} {premise!r} is listed as a reason for itself; "
                    "expected other claims or evidence",
                    premise,
                )
