"""Dated after source: an evidence record's ``as_of`` comes after the date of its own source.

A source can only report what was true by the time it was published, so ``as_of`` later than
the source's ``date`` is almost always a typo, or evidence that needs a newer source. Partial
dates compare by the days they cover: ``as_of: 2025-07-11`` with a source dated ``2025-07`` is
fine, ``as_of: 2025-08`` is not. Dates that are not ISO 8601 are left to `bad-date`.

Fails::

    id: e1
    kind: event
    summary: A model was released.
    reliability: B
    credibility: 2
    as_of: 2025-08-05
    source: {title: Release notes, date: 2025-07}

Passes::

    id: e1
    kind: event
    summary: A model was released.
    reliability: B
    credibility: 2
    as_of: 2025-07-11
    source: {title: Release notes, date: 2025-07}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.timeline import DateError, parse_date, source_date

CODE = "AM604"
NAME = "dated-after-source"
SEVERITY = "warning"
RATIONALE = "A source cannot report what only became true after it was published."


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    for evidence in amap.evidence.values():
        if evidence.as_of is None:
            continue
        source = source_date(amap, evidence)
        if source is None:
            continue
        try:
            own, published = parse_date(evidence.as_of), parse_date(source.text)
        except DateError:
            continue
        if own.after(published):
            yield Problem(
                evidence.where.of("as_of"),
                f"evidence {evidence.id!r} is dated {own} (as_of), after its source's date "
                f"{published}; expected as_of on or before {published}, or the later source "
                "that reports it",
                evidence.id,
            )
