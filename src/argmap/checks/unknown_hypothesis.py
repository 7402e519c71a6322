"""Unknown hypothesis: a ``consistency:`` rating names something that is not one of the map's hypotheses.

An evidence record rates itself against the hypotheses the map compares: argmap.yaml's
``hypotheses:`` when it lists them, otherwise every claim of kind ``hypothesis``. A rating of
anything else (a typo, a claim that is not a hypothesis, an evidence record, a hypothesis the
list leaves out) is not in the matrix `argmap ach` prints, so the judgement it records is lost.
The finding points at the rating and names the closest hypothesis.

Fails::

    # evidence/e.yaml   (the map's hypotheses are cloud and trust)
    id: e1
    kind: document
    summary: A report on why firms release open models.
    reliability: B
    credibility: 2
    consistency: {cloud: C, trusst: N}

Passes::

    consistency: {cloud: C, trust: N}
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from argmap.ach import hypotheses, listing
from argmap.checks._base import CheckContext, Problem
from argmap.model import ClaimKind

CODE = "AM701"
NAME = "unknown-hypothesis"
SEVERITY = "error"
RATIONALE = "A rating of something that is not one of the map's hypotheses drops out of the matrix."


def _message(context: CheckContext, name: str, valid: list[str]) -> str:
    amap = context.amap
    listed = bool(amap.config.hypotheses)
    expected = (
        f"expected one of the map's hypotheses ({listing(valid)})"
        if valid
        else "the map has no hypotheses (expected claims with `kind: hypothesis`, or "
        "argmap.yaml `hypotheses:`)"
    )
    claim = amap.claims.get(name)
    if claim is not None and claim.kind is ClaimKind.HYPOTHESIS:
        return (
            f"{name!r} is a hypothesis, but not one of those argmap.yaml's `hypotheses:` lists; "
            f"add it to the list, or {expected}"
        )
    if claim is not None:
        fix = (
            ", or give it `kind: hypothesis`"
            if not listed or name in amap.config.hypotheses
            else ""
        )
        return f"{name!r} is a claim of kind {claim.kind.value}, not a hypothesis; {expected}{fix}"
    if name in amap.evidence:
        return f"{name!r} is an evidence record, not a hypothesis; {expected}"
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    if close:
        return f"no hypothesis has the id {name!r}; did you mean {close[0]!r}?"
    return f"no hypothesis has the id {name!r}; {expected}"


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    if not amap.rated_evidence:
        return
    valid = [claim.id for claim in hypotheses(amap)]
    known = set(valid)
    for item in amap.rated_evidence:
        for name in item.consistency:
            if name not in known:
                yield Problem(
                    item.where.of("consistency", name), _message(context, name, valid), item.id
                )
