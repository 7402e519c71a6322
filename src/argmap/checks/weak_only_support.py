"""Weak-only support: a claim reaches evidence only through evidence graded weak.

Weak means graded unreliable (E) or improbable (5). Grades F and 6 mean "cannot be judged", not
"worst", so they do not count as weak. A claim is flagged when its chains reach evidence, but no
chain does without weak evidence: a linked reason is only as good as its weakest premise, so one
weak premise in a linked group makes the group weak. The finding names the weak evidence.

Fails::

    # claims/c.yaml
    id: c1
    text: Tea cures colds.
    supported_by: [rumour]
    # evidence/e.yaml
    id: rumour
    kind: testimony
    summary: A forum post says so.
    reliability: E
    credibility: 5

Passes::

    # evidence/e.yaml: the same record graded "cannot be judged"
    id: rumour
    kind: testimony
    summary: A forum post says so.
    reliability: F
    credibility: 6
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.support import Status

CODE = "AM204"
NAME = "weak-only-support"
SEVERITY = "warning"
RATIONALE = "Support from sources graded unreliable or improbable does not make a claim credible."

_FROM_EVIDENCE = (Status.EVIDENCE, Status.SUPPORTED)


def weak_evidence_under(context: CheckContext, claim_id: str) -> list[str]:
    """The weak evidence records that ``claim_id``'s evidence-grounded reasons rest on."""
    amap = context.amap
    analysis = context.support
    seen = {claim_id}
    queue = deque([claim_id])
    found: list[str] = []
    while queue:
        node = queue.popleft()
        for reason in amap.claims[node].supported_by:
            if not all(analysis.status.get(p) in _FROM_EVIDENCE for p in reason.premises):
                continue  # this reason does not reach evidence
            for premise in reason.premises:
                if premise in seen or premise in analysis.well_grounded:
                    continue
                seen.add(premise)
                if premise in amap.evidence:
                    found.append(premise)  # not well grounded, so graded weak
                else:
                    queue.append(premise)
    return sorted(found, key=lambda e: (amap.get(e).span, e))


def check(context: CheckContext) -> Iterator[Problem]:
    analysis = context.support
    claims, evidence = context.amap.claims, context.amap.evidence
    well_grounded = analysis.well_grounded
    for claim_id in analysis.claims_by_status[Status.SUPPORTED]:
        if claim_id in well_grounded:
            continue
        claim = claims[claim_id]
        weak = weak_evidence_under(context, claim.id)
        grades = ", ".join(f"{e} ({evidence[e].grade})" for e in weak)
        yield Problem(
            claim.span,
            f"{claim.kind.value} {claim.id!r} reaches evidence only through evidence graded "
            f"unreliable (E) or improbable (5): {grades}; expected better-graded evidence",
            claim.id,
        )
