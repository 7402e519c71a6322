"""Orphan evidence: an evidence record that supports, attacks and undercuts nothing.

Being a premise of any reason (for or against a claim), or undercutting one, counts as use.

Fails::

    # evidence/e.yaml, and no claim names e1
    id: e1
    kind: statistic
    summary: 60% of developers use open models.
    reliability: C
    credibility: 3

Passes::

    # claims/c.yaml
    id: c1
    text: Open models are popular.
    supported_by: [e1]
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem

CODE = "AM301"
NAME = "orphan-evidence"
SEVERITY = "warning"
RATIONALE = "Evidence that bears on no claim is either a missing link or clutter."


def check(context: CheckContext) -> Iterator[Problem]:
    bears_on = context.links.bears_on
    evidence = context.amap.evidence
    for record_id in evidence:  # the ids alone: touching each record costs more than the lookup
        if record_id not in bears_on:
            item = evidence[record_id]
            yield Problem(
                item.span,
                f"evidence {item.id!r} supports, attacks or undercuts no claim; expected its id "
                "in some claim's `supported_by`, `attacked_by` or `undercut_by`",
                item.id,
            )
