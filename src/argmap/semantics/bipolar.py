"""Bipolar argumentation: what a support relation adds to the attacks (SEMANTICS.md §4.2).

Dung's frameworks know only attack. To evaluate a framework that also has support, one reads
support one way or another and adds the attacks that reading implies, then labels the result as
a Dung framework (Cayrol & Lagasquie-Schiex 2013).

*Deductive support* a ⇒ b, "if a is accepted, b is" (Boella et al. 2010), adds

* **supported attacks**: a ⇒ … ⇒ x and x → y give a → y (accepting a brings x, which attacks y);
* **mediated attacks**: b ⇒ … ⇒ x and a → x give a → b (b would bring x, which a attacks).

*Necessary support* a ⇒ₙ b, "b cannot be accepted without a" (Nouioua & Risch 2010), is its dual
(a ⇒ₙ b is b ⇒ a read deductively), and adds

* **secondary attacks**: c → a and a ⇒ₙ … ⇒ₙ b give c → b (what b needs is attacked);
* **extended attacks**: x ⇒ₙ … ⇒ₙ a and x → c give a → c (a brings x, which attacks c).

Each derived attack names the argument it goes through (``via``). Derived attacks are built
from the direct attacks only, as in the definitions: they do not derive further attacks.

argmap reads a reason's premises as necessary supports of the reason (see
`argmap.semantics.mapping`).

>>> sorted((d.attacker, d.target, d.kind) for d in deductive_attacks(
...     [("b", "d"), ("e", "c")], [("a", "b"), ("b", "c")]))
[('a', 'd', 'supported'), ('e', 'a', 'mediated'), ('e', 'b', 'mediated')]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

DerivedKind = Literal["supported", "mediated", "secondary", "extended"]


class DerivedAttack(NamedTuple):
    """An attack a support reading adds: ``attacker`` → ``target``, derived through ``via``."""

    attacker: str
    target: str
    kind: DerivedKind
    via: str


def _reach(supports: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Each argument with outgoing supports: what it reaches by one or more support steps."""
    step: dict[str, list[str]] = {}
    for source, target in dict.fromkeys(supports):
        step.setdefault(source, []).append(target)
    reach: dict[str, list[str]] = {}
    for start, first in step.items():
        seen: dict[str, None] = {}
        frontier = list(first)
        while frontier:
            node = frontier.pop()
            if node in seen:
                continue
            seen[node] = None
            frontier.extend(step.get(node, ()))
        reach[start] = list(seen)
    return reach


def deductive_attacks(
    attacks: Iterable[tuple[str, str]], supports: Iterable[tuple[str, str]]
) -> list[DerivedAttack]:
    """The supported and mediated attacks that deductive ``supports`` add to ``attacks``.

    Pairs are (source, target): ("a", "b") in ``supports`` is a ⇒ b. Attacks already direct
    are derived again when a chain implies them; deduplicate when building the framework.
    """
    direct = list(dict.fromkeys(attacks))
    reach = _reach(supports)
    attacks_from: dict[str, list[str]] = {}
    for attacker, target in direct:
        attacks_from.setdefault(attacker, []).append(target)
    reached_from: dict[str, list[str]] = {}
    for start, reached in reach.items():
        for node in reached:
            reached_from.setdefault(node, []).append(start)
    derived: list[DerivedAttack] = []
    for start, reached in reach.items():
        for x in reached:
            for target in attacks_from.get(x, ()):
                derived.append(DerivedAttack(start, target, "supported", x))
    for attacker, x in direct:
        for start in reached_from.get(x, ()):
            derived.append(DerivedAttack(attacker, start, "mediated", x))
    return derived


def necessary_attacks(
    attacks: Iterable[tuple[str, str]], supports: Iterable[tuple[str, str]]
) -> list[DerivedAttack]:
    """The secondary and extended attacks that necessary ``supports`` add to ``attacks``.

    ("a", "b") in ``supports`` is a ⇒ₙ b: b needs a.

    >>> necessary_attacks([("x", "p")], [("p", "r")])
    [DerivedAttack(attacker='x', target='r', kind='secondary', via='p')]
    >>> necessary_attacks([("p", "s")], [("p", "r")])
    [DerivedAttack(attacker='r', target='s', kind='extended', via='p')]
    """
    flipped = [(target, source) for source, target in supports]
    renamed: dict[str, DerivedKind] = {"mediated": "secondary", "supported": "extended"}
    return [
        DerivedAttack(d.attacker, d.target, renamed[d.kind], d.via)
        for d in deductive_attacks(attacks, flipped)
    ]
