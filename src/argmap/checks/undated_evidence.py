"""Undated evidence: in a map that dates its evidence, a record with no date at all.

A record's date is its ``as_of:``, else its source's ``date:`` (its own source, a named one or
argmap.yaml's default ``source``). ``argmap check --as-of DATE`` counts only evidence dated on
or before DATE, so a record with no date is left out at every date. The check speaks only when
some other evidence in the map is dated: in a map that dates nothing, ``--as-of`` is not in use.

Fails::

    - {id: e1, kind: event, summary: A 2024 release., reliability: B, credibility: 2, as_of: 2024-05}
    - {id: e2, kind: event, summary: Another release., reliability: B, credibility: 2}

Passes::

    - {id: e1, kind: event, summary: A 2024 release., reliability: B, credibility: 2, as_of: 2024-05}
    - {id: e2, kind: event, summary: Another release., reliability: B, credibility: 2, as_of: 2025}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.timeline import has_date

CODE = "AM605"
NAME = "undated-evidence"
SEVERITY = "info"
RATIONALE = (
    "Evidence with no date never counts under --as-of, since nothing shows when it was known."
)


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    # `as_of` first: a record with one is dated, whatever its source.
    undated = [e for e in amap.evidence.values() if e.as_of is None and not has_date(amap, e)]
    if amap.whole is not None:  # part of a map (argmap.incremental): ask about the whole
        dates_evidence = amap.whole.dates_evidence
    else:
        dates_evidence = len(undated) < len(amap.evidence)
    if not undated or not dates_evidence:
        return
    for evidence in undated:
        yield Problem(
            evidence.span,
            f"evidence {evidence.id!r} has no date (no `as_of:`, and its source has no "
            "`date:`), so `--as-of` leaves it out at every date; expected `as_of:` or a dated "
            "source",
            evidence.id,
        )
