"""Ambiguous quote: a quote occurs in several places of its source text.

A short quote ("Yes.", "the trust gap") can stand in many places; a reader, and `argmap anchor`,
cannot tell which one the record means. A recorded ``anchor:`` picks one (its prefix, suffix
and position are compared with each place's); without one, the finding lists the places.

Fails::

    # sources/tea.txt holds "Tea is healthy. Coffee is not. Tea is healthy, they say."
    id: c1
    text: Tea is healthy.
    quote: Tea is healthy

Passes::

    quote: Tea is healthy, they say
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchoring import Status, places
from argmap.checks._base import CheckContext, Problem
from argmap.checks.quote_not_found import what

CODE = "AM504"
NAME = "quote-ambiguous"
SEVERITY = "warning"
RATIONALE = "A quote found in several places does not say which passage the record rests on."


def check(context: CheckContext) -> Iterator[Problem]:
    for result in context.quotes.results:
        r = result.resolution
        if r.status is not Status.AMBIGUOUS:
            continue
        start, end = r.places[0]
        yield Problem(
            result.span,
            f"quote of {what(result.record)} occurs {len(r.places)} times in "
            f"{r.source.display}, at {places(r.places)}; expected words found once: quote more "
            f"of the passage, or pick one with `anchor: {{start: {start}, end: {end}}}`",
            result.record.id,
        )
