"""Bad successor: ``superseded_by`` names no evidence record, a claim, or the record itself.

``superseded_by`` says which newer evidence record replaces this one; ``--as-of`` leaves this
one out once the newer one counts. A name that is not another evidence record replaces nothing,
so the old record would silently count at every date.

Fails::

    id: e1
    kind: statistic
    summary: 55% of developers used open models in 2024.
    reliability: B
    credibility: 2
    superseded_by: e3             # no evidence record has this id

Passes::

    id: e1
    kind: statistic
    summary: 55% of developers used open models in 2024.
    reliability: B
    credibility: 2
    superseded_by: e2             # evidence/e.yaml defines e2, the 2025 figure
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem

CODE = "AM602"
NAME = "bad-successor"
SEVERITY = "error"
RATIONALE = "A record superseded by nothing that exists is replaced by nothing, and counts forever."


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    for evidence in amap.evidence.values():
        name = evidence.superseded_by
        if name is None or (name in amap.evidence and name != evidence.id):
            continue
        if name == evidence.id:
            why = f"evidence {evidence.id!r} is superseded by itself"
        elif name in amap.claims:
            why = f"evidence {evidence.id!r} is superseded by {name!r}, which is a claim"
        else:
            close = amap.closest_id(name)
            hint = f" (did you mean {close!r}?)" if close and amap.is_evidence_id(close) else ""
            why = f"evidence {evidence.id!r} is superseded by {name!r}, which does not exist{hint}"
        yield Problem(
            evidence.where.of("superseded_by"),
            f"{why}; expected the id of the newer evidence record that replaces it",
            evidence.id,
        )
