"""Quote not found: a quote is not in the source text it cites, even approximately.

Checked for every quote whose source names a ``text:``. The quote is looked for exactly, then
with whitespace and typography ignored, then approximately (see docs/anchoring.md); when the
best approximate match scores below 0.75, the quote is not found, and the closest passage and
its score are given as the likely fix.

Fails::

    # sources/tea.txt holds "Tea drinkers lived longer in the study."
    id: c1
    text: Tea makes you live longer.
    quote: Coffee drinkers died sooner.

Passes::

    quote: Tea drinkers lived longer
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchoring import Status, show
from argmap.checks._base import CheckContext, Problem
from argmap.model import Claim, Evidence

CODE = "AM502"
NAME = "quote-not-found"
SEVERITY = "error"
RATIONALE = "A quote that is not in its source puts words in the source's mouth."


def what(record: Claim | Evidence) -> str:
    """``claim 'c1'``, ``thesis 't'``, ``evidence 'e1'``."""
    kind = record.kind.value if isinstance(record, Claim) else "evidence"
    return f"{kind} {record.id!r}"


def check(context: CheckContext) -> Iterator[Problem]:
    for result in context.quotes.results:
        r = result.resolution
        if r.status is not Status.NOT_FOUND:
            continue
        if r.start is None:
            closest = f"{r.source.display} is empty"
        else:
            closest = (
                f"the closest passage (score {r.score:.2f}, at {r.start}-{r.end}) is "
                f"{show(r.passage)}"
            )
        yield Problem(
            result.span,
            f"quote of {what(result.record)} is not in {r.source.display}; {closest}; expected "
            "the source's own words",
            result.record.id,
        )
