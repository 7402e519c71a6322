"""Superseded still cited: a reason names evidence that a newer record supersedes.

``argmap check`` evaluates the map as written, so a superseded record that a reason still names
counts alongside the record that replaced it; ``argmap check --as-of DATE`` leaves it out as soon
as its replacement counts. Citing both can be deliberate (keeping what a source first said next
to the correction); this note makes sure it is.

Fails::

    # claims/c.yaml; evidence/e.yaml holds e1 (superseded_by: e2) and e2
    id: c1
    text: Most developers use open models.
    supported_by: [e1]

Passes::

    id: c1
    text: Most developers use open models.
    supported_by: [e2]
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem
from argmap.timeline import successor

CODE = "AM606"
NAME = "superseded-still-cited"
SEVERITY = "info"
RATIONALE = "Without --as-of a superseded record still counts wherever a reason names it."


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    successors = {
        e.id: newer
        for e in amap.evidence.values()
        if e.superseded_by is not None and (newer := successor(amap, e)) is not None
    }
    if not successors:
        return
    for ref in amap.reasons():
        reason = ref.reason
        if successors.keys().isdisjoint(reason.premises) and successors.keys().isdisjoint(
            reason.undercut_by
        ):
            continue  # the common case, decided in C
        for field in ("premises", "undercut_by"):
            for position, name in enumerate(getattr(reason, field)):
                newer = successors.get(name)
                if newer is None:
                    continue
                yield Problem(
                    ref.claim.where.of(ref.field, ref.index, field, position),
                    f"{name!r} is superseded by {newer.id!r} but still cited here: `argmap "
                    f"check` counts both, `--as-of` leaves {name!r} out once {newer.id!r} "
                    "counts; expected the newer record, or both on purpose",
                    ref.claim.id,
                )
