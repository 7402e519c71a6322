"""Missing quote: a claim does not say where the source asserts it.

Assumptions are the map maker's own, so they need no quote. Evidence records are exempt too: a
summary of a table or an event is often all there is to quote.

Fails::

    id: c1
    text: Tea is healthy.      # no `quote:`

Passes::

    id: c1
    text: Tea is healthy.
    quote: Drinking tea is good for you.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.model import ClaimKind

CODE = "AM401"
NAME = "missing-quote"
SEVERITY = "info"
RATIONALE = "Without the source's own words a reader cannot tell a faithful map from a paraphrase."


def check(context: CheckContext) -> Iterator[Problem]:
    for claim in context.amap.claims.values():
        if claim.kind is not ClaimKind.ASSUMPTION and not (claim.quote and claim.quote.strip()):
            yield Problem(
                claim.span,
                f"{claim.kind.value} {claim.id!r} has no quote from the source; expected "
                "`quote:` with the source's own words",
                claim.id,
            )
