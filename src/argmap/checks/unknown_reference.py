"""Unknown reference: a relation or a source names an id that the map does not have.

Fails::

    # claims/c.yaml
    id: c1
    text: Tea is healthy.
    supported_by: [study-2021]   # no record has this id
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem

CODE = "AM101"
NAME = "unknown-reference"
SEVERITY = "error"
RATIONALE = "A link to a record that does not exist supports or attacks nothing."


def _hint(context: CheckContext, record_id: str) -> str:
    close = context.amap.closest_id(record_id)
    return (
        f"; did you mean {close!r}?" if close else "; expected the id of a claim or evidence record"
    )


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    for ref in amap.reasons():
        where = ref.claim.where
        for position, premise in enumerate(ref.reason.premises):
            if premise not in amap:
                span = where.of(ref.field, ref.index, "premises", position)
                yield Problem(
                    span,
                    f"{premise!r} is not a claim or evidence id{_hint(context, premise)}",
                    ref.claim.id,
                )
        for position, undercutter in enumerate(ref.reason.undercut_by):
            if undercutter not in amap:
                span = where.of(ref.field, ref.index, "undercut_by", position)
                yield Problem(
                    span,
                    f"{undercutter!r} is not a claim or evidence id{_hint(context, undercutter)}",
                    ref.claim.id,
                )
    known = sorted(amap.config.sources)
    for record in [*amap.claims.values(), *amap.evidence.values()]:
        if isinstance(record.source, str) and record.source not in amap.config.sources:
            choices = (
                ", ".join(known) if known else "none are defined; add `sources:` to argmap.yaml"
            )
            yield Problem(
                record.where.of("source"),
                f"unknown source {record.source!r}; expected one of argmap.yaml's sources ({choices})",
                record.id,
            )
    if isinstance(amap.config.source, str) and amap.config.source not in amap.config.sources:
        yield Problem(
            amap.config.where.of("source"),
            f"unknown source {amap.config.source!r}; expected a key of `sources:`",
        )
