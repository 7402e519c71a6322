"""Evidence without a source: nothing says where the evidence comes from.

A record's source is its own ``source:`` (written out, or the name of one of argmap.yaml's
``sources:``), or else the map's default ``source:`` in argmap.yaml. A name that argmap.yaml does
not define is reported by `unknown-reference` instead.

Fails::

    # no `source:` here and none in argmap.yaml
    id: e1
    kind: statistic
    summary: 60% of developers use open models.
    reliability: C
    credibility: 3

Passes::

    id: e1
    kind: statistic
    summary: 60% of developers use open models.
    reliability: C
    credibility: 3
    source: {title: Developer Survey 2024, url: "https://example.org/survey"}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem

CODE = "AM302"
NAME = "evidence-without-source"
SEVERITY = "warning"
RATIONALE = "Evidence nobody can look up cannot be checked, so it cannot be graded honestly."


def check(context: CheckContext) -> Iterator[Problem]:
    default = context.amap.config.source
    for item in context.amap.evidence.values():
        if item.source is None and default is None:
            yield Problem(
                item.span,
                f"evidence {item.id!r} has no source; expected `source:` with at least a title "
                "(or a default `source:` in argmap.yaml)",
                item.id,
            )
