"""Unrated hypothesis: no evidence is rated against one of the hypotheses the map compares.

Once a map does an analysis of competing hypotheses (argmap.yaml lists ``hypotheses:``, or some
evidence record has ``consistency:``), every hypothesis needs evidence rated against it (CC, C,
N, I or II; NA says the evidence does not apply, so it does not count). A hypothesis nothing is
rated against scores no inconsistency in `argmap ach`, the best score there is, only because
nobody looked.

Fails::

    # claims/h.yaml
    - id: cloud
      kind: hypothesis
      text: Firms open-source to sell cloud services.
    - id: trust
      kind: hypothesis
      text: China open-sources to win trust.

    # evidence/e.yaml
    id: e1
    kind: document
    summary: A report on why firms release open models.
    reliability: B
    credibility: 2
    consistency: {cloud: C}      # nothing about trust

Passes::

    consistency: {cloud: C, trust: N}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.ach import RATING_VALUE, hypotheses, uses_ach
from argmap.checks._base import CheckContext, Problem

CODE = "AM703"
NAME = "unrated-hypothesis"
SEVERITY = "warning"
RATIONALE = "A hypothesis nothing is rated against scores no inconsistency, so it looks as likely as the best."


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    if not uses_ach(amap):
        return
    rated: set[str] = set()
    applicable: set[str] = set()
    for item in amap.rated_evidence:
        for name, rating in item.consistency.items():
            rated.add(name)
            if rating in RATING_VALUE:
                applicable.add(name)
    for claim in hypotheses(amap):
        if claim.id in applicable:
            continue
        only_na = " (only NA, not applicable)" if claim.id in rated else ""
        yield Problem(
            claim.span,
            f"no evidence is rated against hypothesis {claim.id!r}{only_na}; expected "
            f"`consistency: {{{claim.id}: ...}}` (CC, C, N, I or II) on the evidence records "
            "that bear on it",
            claim.id,
        )
