"""Non-diagnostic evidence: an evidence record whose ratings cannot tell the hypotheses apart.

Heuer's step 4: evidence consistent with every hypothesis has no diagnostic value, however
much it seems to matter, and should not sway the judgement. A record is non-diagnostic when
its ratings are all alike (diagnosticity 0), when fewer than two of them count (NA and empty
cells do not), or when it is inconsistent with none of the hypotheses: the score counts only
inconsistency, so evidence that counts against nothing leaves every score where it was. The
finding is a note: the record may still matter to the argument, just not to the comparison.

Fails::

    # evidence/e.yaml   (the map's hypotheses are cloud and trust)
    id: e1
    kind: event
    summary: The model was released with open weights.
    reliability: B
    credibility: 2
    consistency: {cloud: C, trust: C}

Passes::

    consistency: {cloud: C, trust: I}
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.ach import AchRow, hypotheses, matrix, uses_ach
from argmap.checks._base import CheckContext, Problem

CODE = "AM704"
NAME = "non-diagnostic-evidence"
SEVERITY = "info"
RATIONALE = (
    "Evidence that counts against every hypothesis alike, or against none, cannot tell them apart."
)


def _message(row: AchRow) -> str:
    expected = "expected evidence inconsistent with some hypotheses and not others"
    if row.diagnosticity is None:
        return (
            f"evidence {row.id!r} is rated against fewer than two hypotheses (NA and empty cells "
            "do not count), so it cannot tell them apart; expected ratings against at least two"
        )
    if row.diagnosticity == 0:
        [rating] = {r for r in row.ratings if r not in (None, "NA")}
        aside = " (NA and empty cells aside)" if any(r in (None, "NA") for r in row.ratings) else ""
        return (
            f"evidence {row.id!r} is rated {rating} against every hypothesis{aside}, so it "
            f"cannot tell them apart; {expected}"
        )
    return (
        f"evidence {row.id!r} is inconsistent with none of the hypotheses, and only "
        f"inconsistency counts, so it cannot tell them apart; {expected}"
    )


def check(context: CheckContext) -> Iterator[Problem]:
    amap = context.amap
    if not uses_ach(amap) or not hypotheses(amap):
        return  # no hypotheses to tell apart: AM701 and AM702 say why
    for row in matrix(amap).non_diagnostic:
        yield Problem(row.evidence.where.of("consistency"), _message(row), row.id)
