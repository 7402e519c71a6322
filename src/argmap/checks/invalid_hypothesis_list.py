"""Invalid hypothesis list: argmap.yaml's ``hypotheses:`` names something that is not a hypothesis.

``hypotheses:`` lists the claims that compete to answer the map's ``question:``, in the order
`argmap ach` compares them. Each entry must be the id of a claim of kind ``hypothesis``, listed
once: an unknown id, an evidence record, a claim of another kind, or an id listed twice is
reported at its place in the list. (`argmap ach` leaves unknown ids out and shows the rest.)

Fails::

    # argmap.yaml   (claims/ defines hypotheses cloud and trust, and a thesis t)
    hypotheses: [cloud, trust, t, clod]

Passes::

    hypotheses: [cloud, trust]
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.model import ClaimKind
from argmap.span import Span

CODE = "AM702"
NAME = "invalid-hypothesis-list"
SEVERITY = "error"
RATIONALE = "The hypotheses a map compares must be claims of kind hypothesis, each listed once."


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    where = amap.config.where
    hypothesis_claims: list[str] | None = None  # found when first needed: few maps list any
    first: dict[str, Span] = {}
    for index, name in enumerate(amap.config.hypotheses):
        span = where.of("hypotheses", index)
        if name in first:
            yield Problem(
                span,
                f"{name!r} is listed twice in `hypotheses:` (also at {first[name]}); expected "
                "each hypothesis once",
                name,
                (first[name],),
            )
            continue
        first[name] = span
        claim = amap.claims.get(name)
        if claim is not None and claim.kind is ClaimKind.HYPOTHESIS:
            continue
        if claim is not None:
            message = (
                f"{name!r} is a claim of kind {claim.kind.value}; expected a claim of kind "
                "hypothesis (give it `kind: hypothesis`, or leave it out of the list)"
            )
            yield Problem(span, message, name, (claim.span,))
            continue
        if name in amap.evidence:
            message = (
                f"{name!r} is an evidence record; expected the id of a claim of kind hypothesis "
                "(evidence is rated against hypotheses in its `consistency:`)"
            )
            yield Problem(span, message, name, (amap.evidence[name].span,))
            continue
        if hypothesis_claims is None:
            hypothesis_claims = [
                c.id for c in amap.claims.values() if c.kind is ClaimKind.HYPOTHESIS
            ]
        close = difflib.get_close_matches(name, hypothesis_claims, n=1, cutoff=0.6)
        hint = (
            f"did you mean {close[0]!r}?"
            if close
            else "expected the id of a claim of kind hypothesis"
        )
        yield Problem(span, f"no claim has the id {name!r}; {hint}", name)
