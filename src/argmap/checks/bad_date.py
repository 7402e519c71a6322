"""Bad date: a date in the map that is not an ISO 8601 calendar date argmap can compare.

Every evidence record's ``as_of:`` and every source's ``date:`` (a record's own source,
argmap.yaml's ``source`` and each of its ``sources``) must be ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``, and a real day: ``2025-02-30`` is not one. ``argmap check --as-of`` cannot place
a record on the timeline without its date, so it refuses to run on a map with one of these.

Fails::

    id: e1
    kind: event
    summary: A model was released.
    reliability: B
    credibility: 2
    as_of: July 2025              # not ISO 8601

Passes::

    id: e1
    kind: event
    summary: A model was released.
    reliability: B
    credibility: 2
    as_of: 2025-07                # the month is enough
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.timeline import bad_dates

CODE = "AM601"
NAME = "bad-date"
SEVERITY = "error"
RATIONALE = "A date that is not YYYY, YYYY-MM or YYYY-MM-DD cannot be put on a timeline."


def check(context: CheckContext) -> Iterator[Problem]:
    for span, message, subject in bad_dates(context.amap):
        yield Problem(span, message, subject)
