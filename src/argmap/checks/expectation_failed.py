"""Expectation failed: a claim does not come out the way argmap.yaml's ``expect:`` says it should.

A map can state what it expects of itself (Carneades calls these ``tests:``): which claims
should come out with a grounded label (``in``, ``out``, ``undecided``) or a verdict
(``supported``, ``weakly_supported``, ``assumed``, ``contested``, ``unsupported``, ``refuted``).
The labels and verdicts are argmap's own (`argmap.semantics.evaluate`, docs/semantics.md), so an
expectation that fails says either that the map does not say what its author meant, or that
argmap's semantics differ from the ones the expectation was written for (an imported Carneades
graph's published labels, for example). Each failed expectation is reported where argmap.yaml
lists it; an id that names no record is reported too, with the closest id.

Fails::

    # argmap.yaml
    expect:
      in: [c1]

    # claims/c.yaml
    - id: c1
      text: Tea is healthy.
      attacked_by: [c2]
    - id: c2
      text: Tea stains teeth.

Passes::

    expect:
      out: [c1]
      in: [c2]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from argmap.checks._base import CheckContext, Problem

if TYPE_CHECKING:
    from argmap.semantics import Evaluation

CODE = "AM801"
NAME = "expectation-failed"
SEVERITY = "error"
RATIONALE = "A map that states what it expects of itself must come out that way."

LABELS = ("in", "out", "undecided")


def _outcome(evaluation: Evaluation, record_id: str, expected: str) -> tuple[str, str]:
    """What ``record_id`` comes out as, in the terms of ``expected``, and why (may be empty)."""
    if expected in LABELS:
        return evaluation.labels[record_id].value, ""
    verdict = evaluation[record_id]
    return verdict.verdict.value, verdict.rule


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    expectations = amap.config.expect
    if not any(expectations.values()):
        return
    from argmap.semantics import evaluate

    evaluation = evaluate(amap)
    for expected, ids in expectations.items():
        word = expected.replace("_", " ")
        for index, record_id in enumerate(ids):
            span = amap.config.where.of("expect", expected, index)
            if record_id not in amap:
                close = amap.closest_id(record_id)
                hint = f"; did you mean {close!r}?" if close else ""
                yield Problem(
                    span,
                    f"`expect: {expected}` names {record_id!r}, which is no claim or evidence "
                    f"record{hint}",
                    record_id,
                )
                continue
            if expected not in LABELS and record_id not in amap.claims:
                yield Problem(
                    span,
                    f"`expect: {expected}` names evidence record {record_id!r}, but only claims "
                    "have verdicts; expected a label (in, out, undecided) for evidence",
                    record_id,
                )
                continue
            actual, why = _outcome(evaluation, record_id, expected)
            if actual == word:
                continue
            kind = "claim" if record_id in amap.claims else "evidence record"
            because = f": {why}" if why else ""
            yield Problem(
                span,
                f"{kind} {record_id!r} is expected {word} but comes out {actual}{because}",
                record_id,
            )
