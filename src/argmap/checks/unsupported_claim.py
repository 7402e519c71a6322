"""Unsupported claim: nothing is offered for it, neither evidence nor a reason.

Assumptions are exempt: they are taken as given on purpose (and `rests-on-assumption` says
which claims depend on them). So are hypotheses: a source weighs them rather than asserting
them, and one it only argues against needs nothing for it; whatever rests on an unsupported
hypothesis is reported by `ungrounded-support`. A claim whose only reasons name unknown ids is
left to `unknown-reference`.

Fails::

    id: c1
    kind: claim
    text: Tea is healthy.      # and no supported_by

Passes::

    id: c1
    text: Tea is healthy.
    supported_by: [study]      # an evidence record
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.model import ClaimKind

CODE = "AM201"
NAME = "unsupported-claim"
SEVERITY = "error"
RATIONALE = (
    "A claim asserted with no evidence and no reason rests on nothing but its author's say-so."
)

EXEMPT = (ClaimKind.ASSUMPTION, ClaimKind.HYPOTHESIS)


def check(context: CheckContext) -> Iterator[Problem]:
    for claim in context.amap.claims.values():
        if claim.kind in EXEMPT or claim.supported_by:
            continue
        yield Problem(
            claim.span,
            f"{claim.kind.value} {claim.id!r} rests on nothing: no evidence or reason supports "
            "it; expected `supported_by:`, or `kind: assumption` if it is taken as given",
            claim.id,
        )
