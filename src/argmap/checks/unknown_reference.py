"""Unknown reference: a relation or a source names an id that the map does not have.

Premises (in ``supported_by`` and ``attacked_by``), undercutters (``undercut_by``) must name a
claim or evidence record; a ``source:`` given as a name must be a key of argmap.yaml's
``sources:``. The finding points at the name and suggests the closest id that exists.

Fails::

    # claims/c.yaml
    id: c1
    text: Tea is healthy.
    supported_by: [study-2021]   # no record has this id

Passes::

    # claims/c.yaml
    id: c1
    text: Tea is healthy.
    supported_by: [study-2020]   # evidence/e.yaml defines study-2020
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem

CODE = "AM101"
NAME = "unknown-reference"
SEVERITY = "error"
RATIONALE = "A link to a record that does not exist supports or attacks nothing."


def _missing(context: CheckContext, record_id: str, reason_ids: set[str]) -> str:
    if record_id in reason_ids:
        return (
            f"{record_id!r} names a reason, not a claim or evidence record; expected the id of "
            "a claim or evidence record (list that reason's premises instead)"
        )
    close = context.amap.closest_id(record_id)
    hint = f"did you mean {close!r}?" if close else "expected the id of a claim or evidence record"
    return f"no claim or evidence record has the id {record_id!r}; {hint}"


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    reason_ids: set[str] | None = None
    for ref in context.links.naming_unknown:
        reason = ref.reason
        if reason_ids is None:
            reason_ids = {r.reason.id for r in amap.reasons() if r.reason.id is not None}
        for field in ("premises", "undercut_by"):
            for position, name in enumerate(getattr(reason, field)):
                if name not in amap:
                    yield Problem(
                        ref.claim.where.of(ref.field, ref.index, field, position),
                        _missing(context, name, reason_ids),
                        ref.claim.id,
                    )
    sources = amap.config.sources
    if sources:
        expected = f"expected one of argmap.yaml's sources ({', '.join(sorted(sources))})"
    else:
        expected = "argmap.yaml defines no `sources:`; add it, or write the source out in full"

    def unknown_source(name: str) -> str:
        close = difflib.get_close_matches(name, list(sources), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else expected
        return f"unknown source {name!r}; {hint}"

    for record in amap.with_own_source:
        if isinstance(record.source, str) and record.source not in sources:
            yield Problem(record.where.of("source"), unknown_source(record.source), record.id)
    if isinstance(amap.config.source, str) and amap.config.source not in sources:
        yield Problem(amap.config.where.of("source"), unknown_source(amap.config.source))
