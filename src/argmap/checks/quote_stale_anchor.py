"""Stale anchor: a record's recorded ``anchor:`` no longer fits its source text.

``argmap anchor --write`` records where each quote is (offsets, context and the text's SHA-256).
When the source text changes (a paragraph inserted, a typo fixed) the offsets may point
elsewhere; the quote is found again (re-anchored), and this says where it is now, so the
anchor can be updated with ``argmap anchor --write``.

Fails::

    # sources/tea.txt holds "Tea is healthy."; the anchor was written for another text
    id: c1
    text: Tea is healthy.
    quote: Tea is healthy
    anchor: {start: 20, end: 34, sha256: "0000"}

Passes after ``argmap anchor --write``::

    anchor: {start: 0, end: 14, prefix: "", suffix: ".", sha256: "..."}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.checks.quote_not_found import what

CODE = "AM505"
NAME = "quote-stale-anchor"
SEVERITY = "warning"
RATIONALE = "An anchor that no longer fits its text misleads every tool that trusts its offsets."


def check(context: CheckContext) -> Iterator[Problem]:
    for result in context.quotes.results:
        reason = result.stale
        if reason is None:
            continue
        r = result.resolution
        anchor = result.record.anchor
        assert anchor is not None
        moved = (
            f"the quote is still at {r.start}-{r.end}"
            if (anchor.start, anchor.end) == (r.start, r.end)
            else f"the quote is now at {r.start}-{r.end} (was {anchor.start}-{anchor.end})"
        )
        yield Problem(
            result.record.where.of("anchor"),
            f"anchor of {what(result.record)} is stale: {reason}; {moved}; "
            "expected an anchor that fits the text (run `argmap anchor --write`)",
            result.record.id,
        )
