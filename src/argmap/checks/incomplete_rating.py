"""Incomplete rating: an evidence record rated against some of the map's hypotheses, not all.

In Heuer's matrix every cell is a judgement: how consistent is this evidence with that
hypothesis? A record rated against some hypotheses and silent on others leaves cells empty.
`argmap ach` shows them as "–" and scores them as no inconsistency, which quietly favours the
hypotheses nobody checked. Rate every cell (NA when the evidence does not apply).

Fails::

    # evidence/e.yaml   (the map's hypotheses are cloud and trust)
    id: e1
    kind: document
    summary: A report on why firms release open models.
    reliability: B
    credibility: 2
    consistency: {cloud: CC}

Passes::

    consistency: {cloud: CC, trust: N}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.ach import hypotheses, listing
from argmap.checks._base import CheckContext, Problem

CODE = "AM705"
NAME = "incomplete-rating"
SEVERITY = "info"
RATIONALE = "Heuer's matrix rates every cell; an empty cell is a judgement not yet made."


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    if not amap.rated_evidence:
        return
    ids = [claim.id for claim in hypotheses(amap)]
    for item in amap.rated_evidence:  # a record rated against nothing is missing no rating
        missing = [h for h in ids if h not in item.consistency]
        if missing and len(missing) < len(ids):
            yield Problem(
                item.where.of("consistency"),
                f"evidence {item.id!r} is not rated against {listing(missing)}; expected a "
                "rating for every hypothesis (CC, C, N, NA, I or II)",
                item.id,
            )
