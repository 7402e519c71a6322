"""DF-QuAD gradual strength (Rago, Toni, Aurisicchio & Baroni, KR 2016; SEMANTICS.md §4.3).

A quantitative bipolar framework gives each argument a base score τ in [0, 1], attackers and
supporters. Its final strength σ combines the base score with the aggregated strength of the
attackers (v_a) and of the supporters (v_s)::

    F(v₁ … vₙ) = F(F(v₁ … vₙ₋₁), vₙ),  F(v, w) = v + w − v·w,  F() = 0,
               that is F(v₁ … vₙ) = 1 − ∏(1 − vᵢ)
    c(τ, v_a, v_s) = τ − τ·|v_s − v_a|          if v_a ≥ v_s
                     τ + (1 − τ)·|v_s − v_a|    if v_a < v_s

so net attack moves τ towards 0 and net support towards 1, by the fraction |v_s − v_a|. A
zero-strength attacker or supporter changes nothing; equal attack and support leave τ.

**Linked premises** (argmap's extension): an argument may also have *premises*, arguments it
needs all of. Its base score is then τ times the product of its premises' strengths, so a linked
reason is as strong as its premises are jointly (the product is the conjunction matching F's
probabilistic sum), and zero when any premise is. Without premises this is plain DF-QuAD.

**Order and cycles.** Arguments are evaluated leaves first, in topological order of the
dependency graph (attacker, supporter or premise → argument), each exactly once. The arguments
of a cycle (a strongly connected component) are evaluated together by damped iteration from
σ⁽⁰⁾ = τ (for an argument with premises, τ times their strengths, those on the cycle taken
at their τ): σ⁽ᵏ⁺¹⁾ = ½·σ⁽ᵏ⁾ + ½·c(…σ⁽ᵏ⁾…), until no strength moves by more than
``epsilon`` or ``max_iterations`` have run. The damped iteration has the same fixed points as
the plain one and settles on cycles (two arguments attacking each other) where the plain one
oscillates. A circle of support lends itself nothing from that start, but where support from
outside enters it, the circle reinforces itself (its members can reach 1): `argmap check`
reports circular support as an error for that reason. DF-QuAD is not guaranteed to converge on cycles (Mossakowski & Neuhaus 2018);
arguments of a cycle that did not settle are listed in `Strengths.unconverged`.

>>> qbaf = QBAF(base={"t": 0.5, "s1": 0.8, "s2": 0.6, "a1": 0.7, "a2": 0.4},
...             supporters={"t": ["s1", "s2"]}, attackers={"t": ["a1"], "a1": ["a2"]})
>>> {a: round(v, 6) for a, v in dfquad(qbaf).strength.items()}
{'t': 0.75, 's1': 0.8, 's2': 0.6, 'a1': 0.42, 'a2': 0.4}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from argmap.digraph import strongly_connected_components

MAX_ITERATIONS = 1000
EPSILON = 1e-9
DAMPING = 0.5
"""The weight of the new value in each damped step of a cycle's iteration."""


def aggregate(values: Iterable[float]) -> float:
    """F: the probabilistic sum of strengths, 1 − ∏(1 − vᵢ); F() = 0.

    Computed in this closed form (not as v + w − v·w step by step), so that in floating point
    too it stays within [0, 1], reaches exactly 1 with a value of 1, and never falls when a
    value is added.

    >>> round(aggregate([0.8, 0.6]), 6), aggregate([1.0, 0.9]), aggregate([])
    (0.92, 1.0, 0.0)
    """
    remaining = 1.0
    for value in values:
        remaining *= 1.0 - value
    return 1.0 - remaining


def combine(base: float, attack: float, support: float) -> float:
    """c(τ, v_a, v_s): move ``base`` towards 0 (net attack) or 1 (net support).

    >>> round(combine(0.6, 0.9, 0.3), 6)
    0.24
    >>> combine(0.5, 0.5, 0.5)
    0.5
    """
    if attack >= support:
        value = base - base * abs(support - attack)
    else:
        value = base + (1.0 - base) * abs(support - attack)
    return min(1.0, max(0.0, value))  # rounding must not leave [0, 1]


@dataclass(frozen=True)
class QBAF:
    """A quantitative bipolar framework: base scores, attackers, supporters and premises.

    Every argument has a base score in [0, 1]; the other maps are from an argument to the
    arguments that attack it, support it, or are its (linked) premises.
    """

    base: Mapping[str, float]
    attackers: Mapping[str, Sequence[str]] = field(default_factory=dict)
    supporters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    premises: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for argument, score in self.base.items():
            if not 0.0 <= score <= 1.0:
                raise ValueError(f"base score of {argument!r} is {score}; expected 0 to 1")
        for name, relation in (
            ("attacker", self.attackers),
            ("supporter", self.supporters),
            ("premise", self.premises),
        ):
            for argument, others in relation.items():
                for other in (argument, *others):
                    if other not in self.base:
                        raise ValueError(f"{name} relation names {other!r}, not an argument")

    def effective_base(self, argument: str, strength: Mapping[str, float]) -> float:
        """τ times the product of the premises' strengths (τ itself without premises)."""
        value = self.base[argument]
        for premise in self.premises.get(argument, ()):
            value *= strength[premise]
        return value

    def value(self, argument: str, strength: Mapping[str, float]) -> float:
        """c(τ', F(attackers), F(supporters)) for ``argument``, from the given strengths."""
        return combine(
            self.effective_base(argument, strength),
            aggregate(strength[a] for a in self.attackers.get(argument, ())),
            aggregate(strength[s] for s in self.supporters.get(argument, ())),
        )

    def dependents(self) -> dict[str, list[str]]:
        """Each argument → the arguments it attacks, supports or is a premise of."""
        found: dict[str, list[str]] = {a: [] for a in self.base}
        for relation in (self.attackers, self.supporters, self.premises):
            for argument, others in relation.items():
                for other in others:
                    found[other].append(argument)
        return found

    @cached_property
    def components(self) -> tuple[list[list[str]], frozenset[str]]:
        """The strongly connected components, dependencies first, and the arguments on cycles.

        A component is a cycle when it has two or more arguments or one that bears on itself.
        """
        dependents = self.dependents()
        order = strongly_connected_components(self.base, dependents)
        cyclic: set[str] = set()
        for members in order:
            if len(members) > 1 or members[0] in dependents[members[0]]:
                cyclic.update(members)
        return order, frozenset(cyclic)


@dataclass(frozen=True)
class Strengths:
    """The result of `dfquad`: each argument's final strength, and how cycles went."""

    strength: dict[str, float]
    cycles: tuple[frozenset[str], ...] = ()
    """The cycles (strongly connected components) that were evaluated by iteration."""
    unconverged: frozenset[str] = frozenset()
    """Arguments of a cycle whose iteration did not settle within the bound."""
    iterations: int = 0
    """The most iterations any one cycle took."""

    def __getitem__(self, argument: str) -> float:
        return self.strength[argument]


def dfquad(
    qbaf: QBAF,
    *,
    max_iterations: int = MAX_ITERATIONS,
    epsilon: float = EPSILON,
    damping: float = DAMPING,
) -> Strengths:
    """The DF-QuAD strength of every argument of ``qbaf`` (see the module docstring).

    >>> result = dfquad(QBAF(base={"a": 1.0, "b": 1.0}, attackers={"a": ["b"], "b": ["a"]}))
    >>> {a: round(v, 6) for a, v in result.strength.items()}, result.unconverged
    ({'a': 0.5, 'b': 0.5}, frozenset())
    """
    components, cyclic = qbaf.components
    strength: dict[str, float] = {}
    cycles: list[frozenset[str]] = []
    unconverged: set[str] = set()
    most = 0
    for members in components:
        if members[0] not in cyclic:
            strength[members[0]] = qbaf.value(members[0], strength)
            continue
        cycles.append(frozenset(members))
        for member in members:
            strength[member] = qbaf.base[member]
        # An argument with premises starts from its effective base, the premises on the cycle
        # taken at their base scores: a reason on a circle of claims starts from nothing.
        start = {m: qbaf.effective_base(m, strength) for m in members if qbaf.premises.get(m)}
        strength.update(start)
        settled = False
        steps = 0
        while steps < max_iterations:
            steps += 1
            new = {
                m: (1.0 - damping) * strength[m] + damping * qbaf.value(m, strength)
                for m in members
            }
            moved = max(abs(new[m] - strength[m]) for m in members)
            strength.update(new)
            if moved < epsilon:
                settled = True
                break
        most = max(most, steps)
        if not settled:
            unconverged.update(members)
    ordered = {argument: strength[argument] for argument in qbaf.base}
    return Strengths(ordered, tuple(cycles), frozenset(unconverged), most)
