"""From a map to a verdict per claim: which claims stand, how strongly, and whether that is enough.

Three readings of the same arguments (`argmap.semantics.mapping`), each answering one question:

1. **Label** (does an objection stand?): the grounded labelling of the attack relation, with the
   attacks necessary support adds (`argmap.semantics.dung`). ``in``: every attack on it is
   answered; ``out``: an attack stands; ``undecided``: the attacks go round in a circle.
2. **Strength** (how strongly?): DF-QuAD (`argmap.semantics.gradual`) from the base scores.
3. **Proof standard** (is it enough?): Carneades (`argmap.semantics.carneades`). A reason is
   *applicable* when its label is ``in`` (no premise defeated, no undercut standing) and every
   premise is *established*: evidence always is, a claim is when it meets its own proof
   standard. The weight of a reason is its DF-QuAD strength. An assumption also counts as one
   applicable argument for itself, of weight its base score: it is taken as given. Claims are
   established leaves first; on a cycle, by iterating from "none established", so a circle of
   claims cannot establish itself. The iteration settles: a premise of an applicable reason is
   ``in`` (secondary attacks put a reason out with any premise), so none of its attack reasons
   applies, and its establishment can only grow as its reasons come to apply. (Should a cycle
   not settle all the same, its claims are established nowhere and contested.)

The verdict, by the first rule that applies:

==================  ============================================================  ===========
contested           label undecided (or on a cycle whose evaluation never settles)  NOT ENOUGH INFO
supported           the proof standard is met, even without granting assumptions  SUPPORTS
assumed             the proof standard is met only when assumptions are granted    NOT ENOUGH INFO
refuted             the applicable case against meets the proof standard           REFUTES
contested           applicable arguments for and against, neither side enough      NOT ENOUGH INFO
weakly supported    an applicable argument for it, not enough for the standard     NOT ENOUGH INFO
assumed             an assumption with nothing applicable for or against it        NOT ENOUGH INFO
unsupported         no applicable argument for it                                  NOT ENOUGH INFO
==================  ============================================================  ===========

>>> from argmap.model import Claim, Evidence
>>> amap = ArgumentMap(
...     claims=[Claim(id="tea", text="Tea is healthy.", supported_by=["trial"],
...                   attacked_by=["stain"]),
...             Claim(id="stain", text="Tea stains teeth.")],
...     evidence=[Evidence(id="trial", kind="statistic", summary="A trial found so.",
...                        reliability="B", credibility=2)])
>>> verdict = evaluate(amap)["tea"]
>>> verdict.verdict.value, round(verdict.strength, 6), verdict.label.value, verdict.fever.value
('supported', 0.8, 'out', 'SUPPORTS')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from argmap.argument_map import ArgumentMap, Role
from argmap.model import ClaimKind, ProofStandard, Thresholds
from argmap.semantics.carneades import StandardTest, apply_standard
from argmap.semantics.dung import Label, grounded_labelling
from argmap.semantics.gradual import Strengths, aggregate, dfquad
from argmap.semantics.mapping import Attack, MapFramework, map_framework


class VerdictWord(str, Enum):
    """What argmap concludes about a claim (see the module docstring for the rules)."""

    SUPPORTED = "supported"
    WEAKLY_SUPPORTED = "weakly supported"
    ASSUMED = "assumed"
    CONTESTED = "contested"
    UNSUPPORTED = "unsupported"
    REFUTED = "refuted"


class Fever(str, Enum):
    """FEVER's three labels (Thorne et al. 2018)."""

    SUPPORTS = "SUPPORTS"
    REFUTES = "REFUTES"
    NOT_ENOUGH_INFO = "NOT ENOUGH INFO"


FEVER_LABEL = {
    VerdictWord.SUPPORTED: Fever.SUPPORTS,
    VerdictWord.REFUTED: Fever.REFUTES,
}

RATING = {
    VerdictWord.REFUTED: 1,
    VerdictWord.UNSUPPORTED: 2,
    VerdictWord.CONTESTED: 3,
    VerdictWord.ASSUMED: 3,
    VerdictWord.WEAKLY_SUPPORTED: 4,
    VerdictWord.SUPPORTED: 5,
}
"""The 1-5 scale of ClaimReview exports: how well the map backs the claim."""


@dataclass(frozen=True)
class ReasonEval:
    """One reason, evaluated: its weight, its label, and whether it counts for the standard."""

    node: str
    role: Role
    target: str
    premises: tuple[str, ...]
    missing: tuple[str, ...]
    """Premises that name no record: the reason can never apply."""
    undercutters: tuple[str, ...]
    base: float
    """The product of the premises' strengths (0 with a missing premise)."""
    strength: float
    """DF-QuAD: ``base`` weakened by the undercutters."""
    label: Label
    applicable: bool
    unestablished: tuple[str, ...]
    """Premises that are not established (so the reason does not apply)."""


@dataclass(frozen=True)
class Verdict:
    """The evaluation of one claim."""

    id: str
    kind: ClaimKind
    verdict: VerdictWord
    rule: str
    """The rule that produced ``verdict``, in words."""
    strength: float
    base: float
    support: float
    """v_s: the aggregated strength of the claim's support reasons."""
    attack: float
    """v_a: the aggregated strength of its attack reasons."""
    label: Label
    test: StandardTest
    """Its proof standard tested on the applicable arguments for and against it."""
    standard_is_default: bool
    reasons_for: tuple[ReasonEval, ...]
    reasons_against: tuple[ReasonEval, ...]
    assumption_counted: bool
    """An assumption counted as an argument for itself (its base score)."""
    on_cycle: bool
    converged: bool

    @property
    def fever(self) -> Fever:
        return FEVER_LABEL.get(self.verdict, Fever.NOT_ENOUGH_INFO)

    @property
    def rating(self) -> int:
        return RATING[self.verdict]

    @property
    def standard(self) -> ProofStandard:
        return self.test.standard

    def to_dict(self) -> dict[str, Any]:
        """The verdict as JSON-ready data (strengths rounded to 6 decimals)."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "verdict": self.verdict.value,
            "fever": self.fever.value,
            "rating": self.rating,
            "strength": round(self.strength, 6),
            "label": self.label.value,
            "proof_standard": self.standard.value,
            "standard_met": self.test.met,
            "strongest_for": round(self.test.mwp, 6),
            "strongest_against": round(self.test.mwc, 6),
            "base": round(self.base, 6),
            "support": round(self.support, 6),
            "attack": round(self.attack, 6),
            "rule": self.rule,
            "on_cycle": self.on_cycle,
            "converged": self.converged,
        }


@dataclass(frozen=True)
class Evaluation:
    """Every claim's verdict, and the labels and strengths of every argument behind them."""

    verdicts: dict[str, Verdict]
    framework: MapFramework
    labels: dict[str, Label]
    strengths: Strengths
    reasons: dict[str, ReasonEval]
    attackers: dict[str, list[Attack]]
    thresholds: Thresholds
    established: frozenset[str]
    """Records established (evidence, and claims meeting their standard, assumptions granted)."""
    unsettled: frozenset[str]
    """Claims on a cycle whose establishment did not settle."""

    def __getitem__(self, claim_id: str) -> Verdict:
        return self.verdicts[claim_id]

    def __iter__(self) -> Iterator[Verdict]:
        return iter(self.verdicts.values())

    def __len__(self) -> int:
        return len(self.verdicts)

    def counts(self) -> Counter[VerdictWord]:
        return Counter(v.verdict for v in self.verdicts.values())

    def summary(self) -> str:
        """``40 claims: 9 supported, 1 weakly supported, ...`` in the order of `VerdictWord`."""
        counts = self.counts()
        parts = [f"{counts[word]} {word.value}" for word in VerdictWord if counts[word]]
        total = len(self.verdicts)
        return f"{total} claim{'s' if total != 1 else ''}" + (
            ": " + ", ".join(parts) if parts else ""
        )


class _Establisher:
    """Which claims meet their proof standard, leaves first (see the module docstring)."""

    def __init__(
        self,
        amap: ArgumentMap,
        framework: MapFramework,
        labels: Mapping[str, Label],
        strength: Mapping[str, float],
        components: list[list[str]],
        cyclic: frozenset[str],
    ) -> None:
        self.amap = amap
        self.framework = framework
        self.labels = labels
        self.strength = strength
        self.components = components
        self.cyclic = cyclic
        thresholds = amap.config.thresholds
        self.thresholds = thresholds
        self.standards = {
            c.id: c.proof_standard or thresholds.default_standard for c in amap.claims.values()
        }

    def applicable(self, node: str, established: Mapping[str, bool]) -> bool:
        shape = self.framework.reasons[node]
        return (
            self.labels[node] is Label.IN
            and not shape.missing
            and all(established.get(p, False) for p in shape.premises)
        )

    def counts_as_assumed(self, claim_id: str, grant: bool) -> bool:
        return grant and self.amap.claims[claim_id].kind is ClaimKind.ASSUMPTION

    def test(self, claim_id: str, established: Mapping[str, bool], grant: bool) -> StandardTest:
        fw = self.framework
        pro = [
            self.strength[r] for r in fw.reasons_for[claim_id] if self.applicable(r, established)
        ]
        if self.counts_as_assumed(claim_id, grant):
            pro.append(fw.base[claim_id])
        con = [
            self.strength[r]
            for r in fw.reasons_against[claim_id]
            if self.applicable(r, established)
        ]
        return apply_standard(self.standards[claim_id], pro, con, self.thresholds)

    def decide(self, claim_id: str, established: Mapping[str, bool], grant: bool) -> bool:
        if self.labels[claim_id] is Label.UNDECIDED:
            return False
        return self.test(claim_id, established, grant).met

    def run(self, grant: bool) -> tuple[dict[str, bool], set[str]]:
        established: dict[str, bool] = dict.fromkeys(self.amap.evidence, True)
        unsettled: set[str] = set()
        for members in self.components:
            claims = [m for m in members if m in self.amap.claims]
            if not claims:
                continue
            if members[0] not in self.cyclic:
                established[claims[0]] = self.decide(claims[0], established, grant)
                continue
            established.update(dict.fromkeys(claims, False))
            seen: set[frozenset[str]] = {frozenset()}
            for _ in range(2 * len(claims) + 2):
                new = {c: self.decide(c, established, grant) for c in claims}
                if all(new[c] == established[c] for c in claims):
                    break
                established.update(new)
                state = frozenset(c for c in claims if new[c])
                if state in seen:
                    unsettled.update(claims)
                    break
                seen.add(state)
            else:
                unsettled.update(claims)
            if unsettled.intersection(claims):
                established.update(dict.fromkeys(claims, False))
        return established, unsettled


def _verdict_word(
    test: StandardTest,
    label: Label,
    unsettled: bool,
    without_assumptions: bool,
    assumption_counted: bool,
    thresholds: Thresholds,
) -> tuple[VerdictWord, str]:
    if unsettled:
        return VerdictWord.CONTESTED, (
            "it is on a cycle of arguments whose evaluation does not settle, so neither side "
            "can be established"
        )
    if label is Label.UNDECIDED:
        return VerdictWord.CONTESTED, (
            "the grounded labelling leaves it undecided: an attack on it is neither defeated "
            "nor standing (the attacks go round in a circle)"
        )
    if test.met:
        if without_assumptions:
            return VerdictWord.SUPPORTED, "its proof standard is met"
        return VerdictWord.ASSUMED, (
            "its proof standard is met only when the map's assumptions are granted"
        )
    if test.con:
        refutation = apply_standard(test.standard, test.con, test.pro, thresholds, against=True)
        if refutation.met:
            return VerdictWord.REFUTED, (
                f"the case against it meets its proof standard ({refutation.why})"
            )
    real_pro = len(test.pro) - (1 if assumption_counted else 0)
    if test.pro and test.con:
        return VerdictWord.CONTESTED, (
            "applicable arguments stand for and against it, and neither side meets its proof "
            "standard"
        )
    if real_pro > 0:
        return VerdictWord.WEAKLY_SUPPORTED, (
            "an applicable argument is for it, but not enough for its proof standard"
        )
    if assumption_counted:
        return VerdictWord.ASSUMED, "an assumption, taken as given"
    return VerdictWord.UNSUPPORTED, "no argument for it is applicable"


def evaluate(amap: ArgumentMap) -> Evaluation:
    """Label, weigh and judge every claim of ``amap`` (see the module docstring).

    >>> from argmap.model import Claim
    >>> amap = ArgumentMap(claims=[Claim(id="a", kind="assumption", text="A."),
    ...                           Claim(id="c", text="C.", supported_by=["a"])])
    >>> [(v.id, v.verdict.value, round(v.strength, 6)) for v in evaluate(amap)]
    [('a', 'assumed', 0.5), ('c', 'assumed', 0.5)]
    """
    framework = map_framework(amap)
    labels = grounded_labelling(framework.arguments, framework.attack_pairs())
    qbaf = framework.qbaf()
    strengths = dfquad(qbaf)
    components, cyclic = qbaf.components
    establisher = _Establisher(amap, framework, labels, strengths.strength, components, cyclic)
    granted, unsettled = establisher.run(grant=True)
    evidence_only, _ = establisher.run(grant=False)

    reasons: dict[str, ReasonEval] = {}
    for node, shape in framework.reasons.items():
        unestablished = tuple(p for p in shape.premises if not granted.get(p, False))
        reasons[node] = ReasonEval(
            node=node,
            role=shape.role,
            target=shape.target,
            premises=shape.premises,
            missing=shape.missing,
            undercutters=shape.undercutters,
            base=qbaf.effective_base(node, strengths.strength),
            strength=strengths[node],
            label=labels[node],
            applicable=establisher.applicable(node, granted),
            unestablished=unestablished,
        )

    thresholds = amap.config.thresholds
    verdicts: dict[str, Verdict] = {}
    for claim in amap.claims.values():
        test = establisher.test(claim.id, granted, grant=True)
        assumption_counted = establisher.counts_as_assumed(claim.id, grant=True)
        word, rule = _verdict_word(
            test,
            labels[claim.id],
            claim.id in unsettled,
            evidence_only.get(claim.id, False),
            assumption_counted,
            thresholds,
        )
        for_ids = framework.reasons_for[claim.id]
        against_ids = framework.reasons_against[claim.id]
        verdicts[claim.id] = Verdict(
            id=claim.id,
            kind=claim.kind,
            verdict=word,
            rule=rule,
            strength=strengths[claim.id],
            base=framework.base[claim.id],
            support=aggregate(strengths[r] for r in for_ids),
            attack=aggregate(strengths[r] for r in against_ids),
            label=labels[claim.id],
            test=test,
            standard_is_default=claim.proof_standard is None,
            reasons_for=tuple(reasons[r] for r in for_ids),
            reasons_against=tuple(reasons[r] for r in against_ids),
            assumption_counted=assumption_counted,
            on_cycle=claim.id in cyclic,
            converged=claim.id not in unsettled and claim.id not in strengths.unconverged,
        )
    return Evaluation(
        verdicts=verdicts,
        framework=framework,
        labels=labels,
        strengths=strengths,
        reasons=reasons,
        attackers=framework.attackers_of(),
        thresholds=thresholds,
        established=frozenset(r for r, ok in granted.items() if ok),
        unsettled=frozenset(unsettled),
    )
