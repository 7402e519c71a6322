"""Evidence without a source: nothing says where the evidence comes from.

A record's source is its own `source`, or the map's default `source` in argmap.yaml.

Fails::

    # no `source:` here and none in argmap.yaml
    id: e1
    kind: statistic
    summary: 60% of developers use open models.
    reliability: C
    credibility: 3
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem

CODE = "AM302"
NAME = "evidence-without-source"
SEVERITY = "warning"
RATIONALE = "Evidence nobody can look up cannot be checked, so it cannot be graded honestly."


def check(context: CheckContext) -> Iterator[Problem]:
    for item in context.amap.evidence.values():
        if isinstance(item.source, str):
            continue  # a named source; AM101 reports it if it does not exist
        if context.amap.source_of(item) is None:
            yield Problem(
                item.span,
                f"evidence {item.id!r} has no source; expected `source:` with at least a title",
                item.id,
            )
