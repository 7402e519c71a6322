"""Weak-only support: every evidence record under a claim is graded unreliable (E) or improbable (5).

Grades F and 6 mean "cannot be judged", not "worst", so they do not count as weak.

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
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.support import is_weak

CODE = "AM204"
NAME = "weak-only-support"
SEVERITY = "warning"
RATIONALE = "Support from sources graded unreliable or improbable does not make a claim credible."


def check(context: CheckContext) -> Iterator[Problem]:
    evidence = context.amap.evidence
    for claim in context.amap.claims.values():
        under = sorted(node for node in context.support.ancestry(claim.id) if node in evidence)
        if under and all(is_weak(evidence[node]) for node in under):
            grades = ", ".join(f"{node} ({evidence[node].grade})" for node in under)
            yield Problem(
                claim.span,
                f"{claim.kind.value} {claim.id!r} is supported only by evidence graded unreliable (E) or improbable (5): {grades}",
                claim.id,
            )
