"""Superseding cycle: ``superseded_by`` links that go round in a circle.

Each record may name the newer record that replaces it, and following those links must end at
the newest one. In a circle every record replaces another, so none of them is the current one,
and ``--as-of`` refuses to run until the circle is broken. Reported once per circle, at the
link of its first record in file order, with the other links as related positions.

Fails::

    - {id: e1, kind: statistic, summary: S1., reliability: B, credibility: 2, superseded_by: e2}
    - {id: e2, kind: statistic, summary: S2., reliability: B, credibility: 2, superseded_by: e1}

Passes::

    - {id: e1, kind: statistic, summary: S1., reliability: B, credibility: 2, superseded_by: e2}
    - {id: e2, kind: statistic, summary: S2., reliability: B, credibility: 2}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.argument_map import ArgumentMap
from argmap.checks._base import CheckContext, Problem
from argmap.span import Span
from argmap.timeline import superseding_cycles

CODE = "AM603"
NAME = "superseding-cycle"
SEVERITY = "error"
RATIONALE = "If every record in a circle replaces another, none of them is the current one."


def describe(amap: ArgumentMap, cycle: list[str]) -> tuple[Span, str, tuple[Span, ...]]:
    """Where a circle is reported, what to say, and where its other links are written."""
    spans = [amap.evidence[member].where.of("superseded_by") for member in cycle]
    path = " -> ".join([*cycle, cycle[0]])
    message = (
        f"superseded_by goes round in a circle: {path}; expected each chain to end at the "
        "newest record (remove the link on that one)"
    )
    return spans[0], message, tuple(spans[1:])


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    for cycle in superseding_cycles(amap):
        span, message, related = describe(amap, cycle)
        yield Problem(span, message, cycle[0], related)
