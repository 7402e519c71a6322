"""Inexact quote: a quote is found in its source text only when differences are overlooked.

Either the quote matches once whitespace and typography are ignored (``'`` for ``’``, ``-`` for
``–``, a line break for a space), or it matches only approximately, with a score of at least 0.75
(see docs/anchoring.md). The finding says what differs, so the quote can be made the source's
exact words.

Fails::

    # sources/tea.txt holds "Tea is healthy, and it’s cheap."
    id: c1
    text: Tea is cheap.
    quote: it's cheap          # ' where the source has ’

Passes::

    quote: it’s cheap
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.anchoring import Status
from argmap.checks._base import CheckContext, Problem
from argmap.checks.quote_not_found import what

CODE = "AM503"
NAME = "quote-inexact"
SEVERITY = "warning"
RATIONALE = "A quote should be the source's exact words, so anyone can find and check it."


def check(context: CheckContext) -> Iterator[Problem]:
    for result in context.quotes.results:
        r = result.resolution
        if r.status is Status.NORMALIZED:
            how = f"at {r.start}-{r.end} only with whitespace and typography ignored"
        elif r.status is Status.FUZZY:
            how = f"only approximately (score {r.score:.2f}, at {r.start}-{r.end})"
        else:
            continue
        yield Problem(
            result.span,
            f"quote of {what(result.record)} matches {r.source.display} {how}: "
            f"{'; '.join(r.differences())}; expected the source's exact words",
            result.record.id,
        )
