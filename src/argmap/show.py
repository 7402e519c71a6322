"""The support tree of one claim, as indented text for a terminal.

>>> from argmap.model import Claim, Evidence
>>> amap = ArgumentMap(
...     claims=[Claim(id="c1", text="Tea is healthy.", supported_by=["e1"])],
...     evidence=[Evidence(id="e1", kind="statistic", summary="A trial found so.",
...                        reliability="B", credibility=2)])
>>> print(support_tree(amap, "c1", findings=[]))
c1 [claim, supported] Tea is healthy.  ⇒ supported 0.8
└── supports: e1 [statistic, B2: usually reliable, probably true] A trial found so.
"""

from __future__ import annotations

from argmap.argument_map import ArgumentMap
from argmap.findings import Finding
from argmap.model import CREDIBILITY_WORDS, RELIABILITY_WORDS, Claim, Evidence, Reason
from argmap.output import printable
from argmap.semantics import Evaluation, evaluate
from argmap.semantics.carneades import num
from argmap.support import SupportAnalysis, analyze_support

MAX_TEXT = 100


def _short(text: str) -> str:
    flat = " ".join(printable(text, terminal=True).split())
    return flat if len(flat) <= MAX_TEXT else flat[: MAX_TEXT - 3] + "..."


def _marks(record_id: str, findings_by_id: dict[str, list[Finding]]) -> str:
    found = sorted({(f.code, f.name) for f in findings_by_id.get(record_id, [])})
    if not found:
        return ""
    return "  <- " + "; ".join(f"{code} {name}" for code, name in found)


def _describe(
    record: Claim | Evidence,
    support: SupportAnalysis,
    findings_by_id: dict[str, list[Finding]],
    evaluation: Evaluation,
) -> str:
    if isinstance(record, Evidence):
        grade = (
            f"{record.grade}: {RELIABILITY_WORDS[record.reliability]}, "
            f"{CREDIBILITY_WORDS[record.credibility]}"
        )
        head = f"{record.id} [{record.kind.value}, {grade}] {_short(record.summary)}"
    else:
        verdict = evaluation[record.id]
        head = (
            f"{record.id} [{record.kind.value}, {support.status[record.id].value}] "
            f"{_short(record.text)}  ⇒ {verdict.verdict.value} {num(verdict.strength)}"
        )
    return head + _marks(record.id, findings_by_id)


def support_tree(
    amap: ArgumentMap,
    record_id: str,
    findings: list[Finding] | None = None,
    attacks: bool = True,
    max_depth: int = 50,
    evaluation: Evaluation | None = None,
) -> str:
    """Every reason for (and, with ``attacks``, against) ``record_id``, down to the evidence.

    Each claim is followed by its verdict and strength (``⇒ supported 0.8``; see
    `argmap.semantics`), from ``evaluation`` (default: evaluate the map). A reason with one
    premise is one branch; a linked group, or a reason that is undercut, gets a branch of its
    own holding its premises and its undercutters. A record already on the
    path above is marked circular and not followed, and a claim whose reasons were already
    shown elsewhere in the tree is not expanded again, so the tree is never longer than the map.
    Raises `argmap.errors.UnknownRecordError` (naming the closest id) for an unknown id.
    """
    root = amap.get(record_id)
    if findings is None:
        from argmap.checks import check

        findings = check(amap)
    findings_by_id: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.subject:
            findings_by_id.setdefault(finding.subject, []).append(finding)
    support = analyze_support(amap)
    evaluation = evaluation or evaluate(amap)
    lines = [_describe(root, support, findings_by_id, evaluation)]
    expanded: set[str] = {root.id}

    def reasons_of(claim: Claim) -> list[tuple[str, Reason]]:
        entries = [("supports", r) for r in claim.supported_by]
        if attacks:
            entries += [("attacks", r) for r in claim.attacked_by]
        return entries

    def emit(
        record_id: str, head: str, child_indent: str, on_path: tuple[str, ...], depth: int
    ) -> None:
        if record_id not in amap:
            close = amap.closest_id(record_id)
            hint = f"; did you mean {close!r}?" if close else ""
            lines.append(f"{head}{record_id} (no such record{hint})")
            return
        if record_id in on_path:
            lines.append(f"{head}{record_id} (circular: already above)")
            return
        record = amap.get(record_id)
        line = head + _describe(record, support, findings_by_id, evaluation)
        if not isinstance(record, Claim) or not reasons_of(record):
            lines.append(line)
        elif record_id in expanded:
            lines.append(f"{line}  (reasons shown above)")
        elif depth >= max_depth:
            lines.append(f"{line}  (deeper reasons not shown)")
        else:
            lines.append(line)
            expanded.add(record_id)
            emit_reasons(record, child_indent, (*on_path, record_id), depth + 1)

    def emit_reasons(claim: Claim, indent: str, on_path: tuple[str, ...], depth: int) -> None:
        entries = reasons_of(claim)
        for position, (verb, reason) in enumerate(entries):
            last = position == len(entries) - 1
            branch = indent + ("└── " if last else "├── ")
            below = indent + ("    " if last else "│   ")
            named = f" (reason {reason.id})" if reason.id else ""
            if not reason.linked and not reason.undercut_by:
                emit(reason.premises[0], f"{branch}{verb}{named}: ", below, on_path, depth)
                continue
            together = " together" if reason.linked else ""
            lines.append(f"{branch}{verb}{together}{named}:")
            members = [("", p) for p in reason.premises]
            members += [("undercut by: ", u) for u in reason.undercut_by]
            for k, (label, member) in enumerate(members):
                inner_last = k == len(members) - 1
                emit(
                    member,
                    below + ("└── " if inner_last else "├── ") + label,
                    below + ("    " if inner_last else "│   "),
                    on_path,
                    depth,
                )

    if isinstance(root, Claim):
        emit_reasons(root, "", (root.id,), 1)
    return "\n".join(lines)
