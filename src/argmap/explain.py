"""Why a claim got its verdict, step by step, with every number needed to check it by hand.

`explanation` gives the steps as data (`Explanation`); `explain` gives them as text. The steps
for a claim follow the evaluation (`argmap.semantics.verdicts`): its base score; each reason for
and against it, with its premises, their grades or verdicts, the reason's weight, its label and
whether it applies; the aggregated v_s and v_a and the DF-QuAD combination; the label; the
proof-standard test; and the verdict rule. An evidence record gets its base score from its
grades, and a reason (by its node id, such as ``trend:for:1``) its weight and label.

>>> from argmap.model import Claim, Evidence
>>> amap = ArgumentMap(
...     claims=[Claim(id="tea", text="Tea is healthy.", supported_by=["trial"])],
...     evidence=[Evidence(id="trial", kind="statistic", summary="A trial found so.",
...                        reliability="B", credibility=2)])
>>> print(explain(amap, "tea"))  # doctest: +NORMALIZE_WHITESPACE
tea [claim]: supported, strength 0.8, label in (FEVER: SUPPORTS)
  Tea is healthy.
1. Base score: τ = 0 (a claim starts from nothing: only its reasons move it).
2. For it: 1 reason.
   tea:for:1: trial
     trial: evidence B2 (usually reliable 0.8, probably true 0.8), σ 0.8
     weight 0.8; label in; applicable
   v_s = 0.8
3. Against it: no reasons. v_a = 0
4. Strength: v_a 0 < v_s 0.8, so σ = τ + (1 − τ)·(v_s − v_a) = 0 + 1 × 0.8 = 0.8
5. Label in: nothing attacks it.
6. Proof standard: preponderance of evidence (the map's default). Applicable for: tea:for:1 0.8;
   against: none. preponderance of evidence: strongest for 0.8 > strongest against 0: met.
7. Verdict: supported: its proof standard is met. FEVER: SUPPORTS.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.argument_map import ArgumentMap
from argmap.model import (
    CREDIBILITY_WORDS,
    RELIABILITY_WORDS,
    Claim,
    ClaimKind,
    Evidence,
)
from argmap.output import printable
from argmap.semantics.carneades import STANDARD_WORDS, num
from argmap.semantics.dung import Label
from argmap.semantics.gradual import aggregate
from argmap.semantics.mapping import Attack
from argmap.semantics.verdicts import Evaluation, ReasonEval, Verdict, evaluate
from argmap.support import CREDIBILITY_SCORE, RELIABILITY_SCORE

BASE_WHY = {
    ClaimKind.ASSUMPTION: "an assumption is taken as given, at an even chance",
    ClaimKind.THESIS: "a thesis starts from nothing: only its reasons move it",
    ClaimKind.HYPOTHESIS: "a hypothesis starts from nothing: only its reasons move it",
    ClaimKind.CLAIM: "a claim starts from nothing: only its reasons move it",
}


@dataclass
class Step:
    """One step of an explanation: a title line and the lines under it."""

    title: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Explanation:
    """What `explain` prints: a heading and numbered steps."""

    subject: str
    heading: list[str]
    steps: list[Step]

    def text(self) -> str:
        out = list(self.heading)
        for number, step in enumerate(self.steps, 1):
            out.append(f"{number}. {step.title}")
            out.extend(f"   {line}" for line in step.lines)
        return "\n".join(out)


def _flat(text: str) -> str:
    return " ".join(printable(text, terminal=True).split())


def _grade(item: Evidence) -> str:
    reliability = RELIABILITY_SCORE[item.reliability]
    credibility = CREDIBILITY_SCORE[item.credibility]
    return (
        f"{item.grade} ({RELIABILITY_WORDS[item.reliability]} {num(reliability)}, "
        f"{CREDIBILITY_WORDS[item.credibility]} {num(credibility)})"
    )


def _record(amap: ArgumentMap, evaluation: Evaluation, record_id: str) -> str:
    """One premise or undercutter: what it is and how strong."""
    if record_id not in amap:
        return f"{record_id}: no such record (counts as 0)"
    sigma = num(evaluation.strengths[record_id])
    label = evaluation.labels[record_id]
    on = "" if label is Label.IN else f", label {label.value}"
    record = amap.get(record_id)
    if isinstance(record, Evidence):
        return f"{record_id}: evidence {_grade(record)}, σ {sigma}{on}"
    verdict = evaluation.verdicts[record_id]
    return f"{record_id}: {record.kind.value}, {verdict.verdict.value}, σ {sigma}{on}"


def _why_label(evaluation: Evaluation, node: str) -> str:
    """Why ``node`` has its label, from the attacks on it (direct and derived)."""
    label = evaluation.labels[node]
    attacks = evaluation.attackers[node]
    if not attacks:
        return "nothing attacks it"
    if label is Label.IN:
        return "every attack on it is out: " + ", ".join(dict.fromkeys(a.attacker for a in attacks))
    wanted = Label.IN if label is Label.OUT else Label.UNDECIDED
    deciding = [a for a in attacks if evaluation.labels[a.attacker] is wanted]
    return "; ".join(_attack_words(a, wanted) for a in deciding)


def _attack_words(attack: Attack, state: Label) -> str:
    which = f"which is {state.value}"
    if attack.kind == "undercuts":
        return f"undercut by {attack.attacker}, {which}"
    if attack.kind == "secondary":
        return f"its premise {attack.via} is attacked by {attack.attacker}, {which}"
    if attack.kind == "extended":
        return f"{attack.attacker}, {which}, needs {attack.via}, which undercuts it"
    return f"attacked by {attack.attacker}, {which}"


def _reason_lines(amap: ArgumentMap, evaluation: Evaluation, reason: ReasonEval) -> list[str]:
    written = [*reason.premises, *reason.missing]
    joiner = " + " if len(written) > 1 else ""
    lines = [f"{reason.node}: {joiner.join(written) if joiner else written[0]}"]
    for premise in written:
        lines.append("  " + _record(amap, evaluation, premise))
    if len(written) > 1:
        factors = " × ".join(num(evaluation.strengths[p]) if p in amap else "0" for p in written)
        lines.append(f"  linked: τ = {factors} = {num(reason.base)}")
    weight = f"weight {num(reason.strength)}"
    if reason.undercutters:
        for undercutter in reason.undercutters:
            lines.append("  undercut by " + _record(amap, evaluation, undercutter))
        cut = [evaluation.strengths[u] for u in reason.undercutters]
        names = ", ".join(f"σ({u})" for u in reason.undercutters)
        symbol = f"F({names})" if len(cut) > 1 else names
        weight = (
            f"weight τ × (1 − {symbol}) = {num(reason.base)} × (1 − {num(aggregate(cut))}) "
            f"= {num(reason.strength)}"
        )
    label = f"label {reason.label.value}"
    if reason.label is not Label.IN:
        label += f" ({_why_label(evaluation, reason.node)})"
    if reason.applicable:
        applies = "applicable"
    elif reason.missing:
        applies = "not applicable: " + ", ".join(reason.missing) + " does not exist"
    elif reason.label is not Label.IN:
        applies = f"not applicable: it is {reason.label.value}"
    else:
        several = len(reason.unestablished) > 1
        applies = (
            f"not applicable: premise{'s' if several else ''} {', '.join(reason.unestablished)} "
            f"{'are' if several else 'is'} not established"
        )
    lines.append(f"  {weight}; {label}; {applies}")
    return lines


def _aggregate_words(values: list[float]) -> str:
    if not values:
        return "0"
    if len(values) == 1:
        return num(values[0])
    return "F(" + ", ".join(num(v) for v in values) + ")"


def _claim_steps(amap: ArgumentMap, evaluation: Evaluation, verdict: Verdict) -> Explanation:
    claim = amap.claims[verdict.id]
    heading = [
        (
            f"{claim.id} [{claim.kind.value}]: {verdict.verdict.value}, strength "
            f"{num(verdict.strength)}, label {verdict.label.value} (FEVER: {verdict.fever.value})"
        ),
        f"  {_flat(claim.text)}",
    ]
    steps = [Step(f"Base score: τ = {num(verdict.base)} ({BASE_WHY[claim.kind]}).")]
    for title, reasons, total, symbol in (
        ("For it", verdict.reasons_for, verdict.support, "v_s"),
        ("Against it", verdict.reasons_against, verdict.attack, "v_a"),
    ):
        weights = [r.strength for r in reasons]
        if not reasons:
            steps.append(Step(f"{title}: no reasons. {symbol} = 0"))
            continue
        step = Step(f"{title}: {len(reasons)} reason{'s' if len(reasons) != 1 else ''}.")
        for reason in reasons:
            step.lines.extend(_reason_lines(amap, evaluation, reason))
        aggregated = _aggregate_words(weights)
        equals = "" if aggregated == num(total) else f" = {num(total)}"
        step.lines.append(f"{symbol} = {aggregated}{equals}")
        steps.append(step)

    v_s, v_a, tau = verdict.support, verdict.attack, verdict.base
    if v_a >= v_s:
        formula = (
            f"v_a {num(v_a)} ≥ v_s {num(v_s)}, so σ = τ − τ·|v_s − v_a| = "
            f"{num(tau)} − {num(tau)} × {num(abs(v_s - v_a))} = {num(verdict.strength)}"
        )
    else:
        formula = (
            f"v_a {num(v_a)} < v_s {num(v_s)}, so σ = τ + (1 − τ)·(v_s − v_a) = "
            f"{num(tau)} + {num(1 - tau)} × {num(v_s - v_a)} = {num(verdict.strength)}"
        )
    if verdict.on_cycle:
        formula += " (on a cycle: found by iteration"
        formula += ")" if verdict.converged else "; it did not settle)"
    steps.append(Step(f"Strength: {formula}"))
    steps.append(Step(f"Label {verdict.label.value}: {_why_label(evaluation, claim.id)}."))

    test = verdict.test
    default = " (the map's default)" if verdict.standard_is_default else ""
    applicable_for = [f"{r.node} {num(r.strength)}" for r in verdict.reasons_for if r.applicable]
    if verdict.assumption_counted:
        applicable_for.append(f"the assumption itself {num(verdict.base)}")
    applicable_against = [
        f"{r.node} {num(r.strength)}" for r in verdict.reasons_against if r.applicable
    ]
    steps.append(
        Step(
            f"Proof standard: {STANDARD_WORDS[test.standard]}{default}. "
            f"Applicable for: {', '.join(applicable_for) or 'none'}; "
            f"against: {', '.join(applicable_against) or 'none'}. "
            f"{test.why}: {'met' if test.met else 'not met'}."
        )
    )
    steps.append(
        Step(f"Verdict: {verdict.verdict.value}: {verdict.rule}. FEVER: {verdict.fever.value}.")
    )
    return Explanation(claim.id, heading, steps)


def _uses(evaluation: Evaluation, record_id: str) -> list[str]:
    uses: list[str] = []
    for node, reason in evaluation.reasons.items():
        relation = "for" if reason.role == "support" else "against"
        if record_id in reason.premises:
            uses.append(f"premise of {node} ({relation} {reason.target})")
        if record_id in reason.undercutters:
            uses.append(f"undercuts {node} ({relation} {reason.target})")
    return uses


def _evidence_steps(evaluation: Evaluation, item: Evidence) -> Explanation:
    reliability = RELIABILITY_SCORE[item.reliability]
    credibility = CREDIBILITY_SCORE[item.credibility]
    sigma = evaluation.strengths[item.id]
    heading = [
        f"{item.id} [evidence, {item.kind.value}]: grade {item.grade}, strength {num(sigma)}",
        f"  {_flat(item.summary)}",
    ]
    steps = [
        Step(
            f"Base score: τ = (reliability {item.reliability}, "
            f"{RELIABILITY_WORDS[item.reliability]}, {num(reliability)} + credibility "
            f"{item.credibility}, {CREDIBILITY_WORDS[item.credibility]}, {num(credibility)}) / 2"
            f" = {num(evaluation.framework.base[item.id])}."
        ),
        Step(
            f"Evidence is never attacked itself: label {evaluation.labels[item.id].value}, "
            f"σ = τ = {num(sigma)}, established."
        ),
    ]
    uses = _uses(evaluation, item.id)
    steps.append(Step("Used as: " + ("; ".join(uses) if uses else "nothing (orphan evidence).")))
    return Explanation(item.id, heading, steps)


def _reason_steps(amap: ArgumentMap, evaluation: Evaluation, node: str) -> Explanation:
    reason = evaluation.reasons[node]
    relation = "for" if reason.role == "support" else "against"
    heading = [f"{node} [reason {relation} {reason.target}]: weight {num(reason.strength)}"]
    return Explanation(node, heading, [Step("Reason:", _reason_lines(amap, evaluation, reason))])


def explanation(
    amap: ArgumentMap, record_id: str, evaluation: Evaluation | None = None
) -> Explanation:
    """The steps that explain ``record_id``'s verdict (a claim), grade (evidence) or weight (a reason).

    Raises `argmap.errors.UnknownRecordError` (naming the closest id) for an unknown id.

    >>> from argmap.model import Claim
    >>> found = explanation(ArgumentMap(claims=[Claim(id="c", text="C.")]), "c")
    >>> found.heading[0], found.steps[-1].title
    ('c [claim]: unsupported, strength 0, label in (FEVER: NOT ENOUGH INFO)', 'Verdict: unsupported: no argument for it is applicable. FEVER: NOT ENOUGH INFO.')
    """
    evaluation = evaluation or evaluate(amap)
    if record_id in evaluation.reasons and record_id not in amap:
        return _reason_steps(amap, evaluation, record_id)
    record = amap.get(record_id)
    if isinstance(record, Claim):
        return _claim_steps(amap, evaluation, evaluation.verdicts[record.id])
    return _evidence_steps(evaluation, record)


def explain(amap: ArgumentMap, record_id: str, evaluation: Evaluation | None = None) -> str:
    """`explanation` as text: a heading, then numbered steps."""
    return explanation(amap, record_id, evaluation).text()


HEADERS = ("claim", "verdict", "strength", "label", "proof standard", "FEVER")


def verdict_rows(evaluation: Evaluation) -> list[tuple[str, ...]]:
    """One row per claim: id, verdict, strength (3 decimals), label, standard and outcome, FEVER."""
    rows: list[tuple[str, ...]] = []
    for verdict in evaluation:
        standard = verdict.standard.value.replace("_", " ")
        rows.append(
            (
                _flat(verdict.id),
                verdict.verdict.value,
                f"{verdict.strength:.3f}",
                verdict.label.value,
                f"{standard}: {'met' if verdict.test.met else 'not met'}",
                verdict.fever.value,
            )
        )
    return rows


def verdict_table(evaluation: Evaluation) -> str:
    """Every claim's verdict as an aligned text table, in file order (strength right-aligned).

    >>> from argmap.model import Claim
    >>> print(verdict_table(evaluate(ArgumentMap(claims=[Claim(id="c1", text="C.")]))))
    claim  verdict      strength  label  proof standard          FEVER
    c1     unsupported     0.000  in     preponderance: not met  NOT ENOUGH INFO
    """
    rows = [HEADERS, *verdict_rows(evaluation)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i == 2 else cell.ljust(widths[i]) for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def verdicts_json(evaluation: Evaluation) -> str:
    """Every claim's verdict as a JSON array of objects (`Verdict.to_dict`), in file order."""
    import json

    return json.dumps([v.to_dict() for v in evaluation], indent=2, ensure_ascii=False) + "\n"
