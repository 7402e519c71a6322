"""The map as formal arguments: one node per record and one per reason (docs/semantics.md).

A reason is an argument in the Carneades sense: premises that count only together, a
conclusion (the claim it is for or against), and exceptions (its undercutters). So the
arguments of the frameworks are the map graph's nodes, records and reasons alike:

* an **attack reason** attacks its claim (``attacks``);
* an **undercutter** attacks the reason it undercuts (``undercuts``);
* each **premise** is a *necessary* support of its reason: the reason cannot stand without it.
  Read as necessary support (§4.2), this adds *secondary* attacks (whatever attacks a premise
  attacks the reason too, so a reason falls with any of its premises) and *extended* attacks
  (a reason that needs a record attacks what that record undercuts);
* a **support reason** supports its claim *defeasibly*: the claim does not need it (it may stand
  on other reasons), and accepting the reason does not force the claim either, so this support
  adds no attack. What support does is weigh: in DF-QuAD strength, and in the proof standards.

Base scores (τ): evidence gets `argmap.support.grade_score` of its Admiralty grades; claims
`CLAIM_BASE`; assumptions `ASSUMPTION_BASE`; reasons `REASON_BASE`, multiplied by the strengths
of their premises. A premise that names no record makes its reason's base 0.

>>> from argmap.model import Claim
>>> amap = ArgumentMap(claims=[
...     Claim(id="c", text="C.", attacked_by=["x"]), Claim(id="x", text="X.", attacked_by=["y"]),
...     Claim(id="y", text="Y.")])
>>> sorted((a.attacker, a.target, a.kind) for a in map_framework(amap).attacks)
... # doctest: +NORMALIZE_WHITESPACE
[('c:against:1', 'c', 'attacks'), ('x:against:1', 'c:against:1', 'secondary'),
 ('x:against:1', 'x', 'attacks')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from argmap.argument_map import ArgumentMap, Role
from argmap.model import ClaimKind
from argmap.semantics.bipolar import necessary_attacks
from argmap.semantics.gradual import QBAF
from argmap.support import ASSUMPTION_SCORE, grade_score

CLAIM_BASE = 0.0
"""A claim, hypothesis or thesis is the argument's own say-so: whatever backs it is written as
its reasons, so it starts from nothing and DF-QuAD gives it its net support,
σ = max(0, v_s − v_a). At 0.5, a bare assertion would lend half a certain reason to every claim
it is a premise of, and a few of them together would make a conclusion look near certain."""
ASSUMPTION_BASE = ASSUMPTION_SCORE
"""An assumption is taken as given, not as proven: an even chance, 0.5, as in
`argmap.support`."""
REASON_BASE = 1.0
"""A reason carries what its premises carry: its base is the product of their strengths."""


class Attack(NamedTuple):
    """One attack of the framework: ``kind`` is attacks, undercuts, secondary or extended."""

    attacker: str
    target: str
    kind: str
    via: str | None = None
    """For a derived attack, the record it goes through (the premise or the undercutter)."""


@dataclass(frozen=True)
class ReasonShape:
    """One reason node: what it bears on, its premises (existing and missing), its undercutters."""

    node: str
    role: Role
    target: str
    premises: tuple[str, ...]
    """The premises that name records, distinct, in the order written."""
    missing: tuple[str, ...]
    """The premises that name no record."""
    undercutters: tuple[str, ...]


@dataclass(frozen=True)
class MapFramework:
    """The map's arguments, attacks (direct and derived), supports and base scores."""

    arguments: tuple[str, ...]
    """Records in file order (claims, then evidence), then reasons in file order."""
    reasons: dict[str, ReasonShape]
    reasons_for: dict[str, tuple[str, ...]]
    """Each claim's support reasons, in file order."""
    reasons_against: dict[str, tuple[str, ...]]
    """Each claim's attack reasons, in file order."""
    attacks: tuple[Attack, ...]
    """Direct attacks, then the derived ones; distinct (attacker, target) pairs."""
    base: dict[str, float]

    def attack_pairs(self) -> list[tuple[str, str]]:
        return [(a.attacker, a.target) for a in self.attacks]

    def attackers_of(self) -> dict[str, list[Attack]]:
        """Each argument's attacks on it, in the order of `attacks`."""
        found: dict[str, list[Attack]] = {a: [] for a in self.arguments}
        for attack in self.attacks:
            found[attack.target].append(attack)
        return found

    def qbaf(self) -> QBAF:
        """The framework for DF-QuAD: claims weighed by their reasons, reasons by premises and undercuts."""
        attackers: dict[str, list[str]] = {}
        supporters: dict[str, list[str]] = {}
        premises: dict[str, list[str]] = {}
        for claim, reasons in self.reasons_for.items():
            supporters[claim] = list(reasons)
        for claim, reasons in self.reasons_against.items():
            attackers[claim] = list(reasons)
        for node, shape in self.reasons.items():
            premises[node] = list(shape.premises)
            attackers[node] = list(shape.undercutters)
        return QBAF(self.base, attackers, supporters, premises)


def base_scores(amap: ArgumentMap) -> dict[str, float]:
    """τ of every record: claims and assumptions by kind, evidence by its grades.

    >>> from argmap.model import Claim, Evidence
    >>> base_scores(ArgumentMap(
    ...     claims=[Claim(id="c", text="C."), Claim(id="a", kind="assumption", text="A.")],
    ...     evidence=[Evidence(id="e", kind="event", summary="E.", reliability="F",
    ...                        credibility=6)]))
    {'c': 0.0, 'a': 0.5, 'e': 0.5}
    """
    base: dict[str, float] = {}
    for claim in amap.claims.values():
        base[claim.id] = ASSUMPTION_BASE if claim.kind is ClaimKind.ASSUMPTION else CLAIM_BASE
    for item in amap.evidence.values():
        base[item.id] = grade_score(item)
    return base


def map_framework(amap: ArgumentMap) -> MapFramework:
    """Read ``amap``'s graph as arguments (see the module docstring)."""
    graph = amap.graph
    base = base_scores(amap)
    reasons: dict[str, ReasonShape] = {}
    reasons_for: dict[str, list[str]] = {c: [] for c in amap.claims}
    reasons_against: dict[str, list[str]] = {c: [] for c in amap.claims}
    for ref in amap.reasons():
        data = graph.nodes.get(ref.node, {})
        if data.get("kind") != "reason" or ref.node in reasons:
            continue  # a reason id that is also a record's, or named twice: the loader reports it
        target = data["target"]
        in_graph = {source: rel for source, _, rel in graph.in_edges(ref.node, data="relation")}
        written = list(dict.fromkeys(data["reason"].premises))
        premises = tuple(p for p in written if in_graph.get(p) == "premise")
        missing = tuple(p for p in written if p not in amap)
        undercutters = tuple(u for u, rel in in_graph.items() if rel == "undercuts")
        role: Role = data["role"]
        reasons[ref.node] = ReasonShape(ref.node, role, target, premises, missing, undercutters)
        (reasons_for if role == "support" else reasons_against)[target].append(ref.node)
        base[ref.node] = 0.0 if missing else REASON_BASE

    arguments = (*amap.claims, *amap.evidence, *reasons)
    direct: list[Attack] = []
    supports: list[tuple[str, str]] = []
    for node, shape in reasons.items():
        if shape.role == "attack":
            direct.append(Attack(node, shape.target, "attacks"))
        direct.extend(Attack(u, node, "undercuts") for u in shape.undercutters)
        supports.extend((p, node) for p in shape.premises)
    seen = {(a.attacker, a.target) for a in direct}
    derived: list[Attack] = []
    for extra in necessary_attacks([(a.attacker, a.target) for a in direct], supports):
        if (extra.attacker, extra.target) not in seen:
            seen.add((extra.attacker, extra.target))
            derived.append(Attack(extra.attacker, extra.target, extra.kind, extra.via))
    return MapFramework(
        arguments=arguments,
        reasons=reasons,
        reasons_for={c: tuple(r) for c, r in reasons_for.items()},
        reasons_against={c: tuple(r) for c, r in reasons_against.items()},
        attacks=(*direct, *derived),
        base=base,
    )
