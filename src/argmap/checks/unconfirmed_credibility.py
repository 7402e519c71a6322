"""Unconfirmed credibility: information graded 1 ("confirmed") with no independent second source.

In the Admiralty system, 1 means confirmed by other independent sources. This check asks for
another evidence record that bears on the same claim the same way (another reason for it when
this record is a reason for it, another attack when an attack, another undercutter of the same
reason when an undercutter), from a source that is known and differs from this record's. Two
sources are the same when their URLs match, or (without URLs) their titles do. A premise of the
same linked group does not count: it says something else, which the group needs as well.

Fails::

    # the only evidence for c1
    id: e1
    kind: statistic
    summary: 60% of developers use open models.
    reliability: B
    credibility: 1
    source: {title: Developer Survey 2024}

Passes::

    # a second reason for c1, from another source
    id: e2
    kind: statistic
    summary: Most downloads are of open models.
    reliability: B
    credibility: 2
    source: {title: Model Hub Statistics 2024}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.model import Evidence, Source

CODE = "AM303"
NAME = "unconfirmed-credibility"
SEVERITY = "warning"
RATIONALE = (
    "Credibility 1 means 'confirmed by independent sources'; one source cannot confirm itself."
)


def _same_source(a: Source, b: Source) -> bool:
    if a.url and b.url:
        return a.url.strip().rstrip("/").casefold() == b.url.strip().rstrip("/").casefold()
    return a.title.strip().casefold() == b.title.strip().casefold()


def _evidence_beside(context: CheckContext, item: Evidence) -> set[str]:
    """Other evidence records that bear the same way on what this record bears on."""
    links = context.links
    evidence = context.amap.evidence
    beside: set[str] = set()
    for reason in links.bears_on.get(item.id, ()):
        if item.id not in links.premises[reason]:  # so it undercuts the reason
            beside.update(links.undercutters[reason])
            continue
        role = links.reasons[reason].role
        for sibling in links.reasons_for[links.reasons[reason].claim.id]:
            if sibling == reason or links.reasons[sibling].role != role:
                continue
            beside.update(links.premises[sibling])
    beside.discard(item.id)
    return {record_id for record_id in beside if record_id in evidence}


def _confirmed(context: CheckContext, item: Evidence) -> bool:
    amap = context.amap
    own = amap.source_of(item)
    for other_id in _evidence_beside(context, item):
        other = amap.source_of(amap.evidence[other_id])
        if other is not None and (own is None or not _same_source(own, other)):
            return True
    return False


def check(context: CheckContext) -> Iterator[Problem]:
    for item in context.amap.evidence.values():
        if item.credibility == 1 and not _confirmed(context, item):
            yield Problem(
                item.where.of("credibility"),
                f"evidence {item.id!r} is graded 1 (confirmed), but no evidence from an "
                "independent source bears on the same claim the same way; expected "
                "credibility 2, or a second source",
                item.id,
            )
