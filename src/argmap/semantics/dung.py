"""Dung's abstract argumentation: the grounded labelling, computed in linear time.

An argumentation framework is a set of arguments and an attack relation between them (Dung
1995). A labelling gives each argument ``in``, ``out`` or ``undecided``; it is *complete* when an
argument is ``in`` exactly when all its attackers are ``out``, and ``out`` exactly when some
attacker is ``in`` (Caminada 2006). The grounded labelling is the complete labelling with the
fewest ``in``: its ``in`` arguments are the grounded extension, the least fixed point of the
characteristic function F(S) = {a | S defends a}. It is unique, always exists, and is sceptical:
an argument is ``in`` only if nothing can be said against it that is not answered.

`grounded_labelling` computes it by queue propagation in O(|A| + |R|) (SEMANTICS.md §4.1):
unattacked arguments are ``in``; whatever an ``in`` argument attacks is ``out``; an argument all of
whose attackers are ``out`` joins the queue; what is never reached is ``undecided``.
`grounded_extension_by_iteration` is the textbook iteration of F from the empty set, kept as
the reference the tests compare against.

>>> labels = grounded_labelling("abcdef", [("a", "b"), ("b", "c"), ("d", "e"), ("e", "d"), ("e", "f")])
>>> {a: label.value for a, label in labels.items()}  # doctest: +NORMALIZE_WHITESPACE
{'a': 'in', 'b': 'out', 'c': 'in', 'd': 'undecided', 'e': 'undecided', 'f': 'undecided'}
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from enum import Enum


class Label(str, Enum):
    """The status of an argument in a labelling."""

    IN = "in"
    """Accepted: every attacker is out."""
    OUT = "out"
    """Defeated: some attacker is in."""
    UNDECIDED = "undecided"
    """Neither: an attack on it is itself unresolved (typically a cycle of attacks)."""


def _index(
    arguments: Iterable[str], attacks: Iterable[tuple[str, str]]
) -> tuple[list[str], dict[str, list[str]], dict[str, int]]:
    order = list(dict.fromkeys(arguments))
    targets: dict[str, list[str]] = {a: [] for a in order}
    attackers = dict.fromkeys(order, 0)
    seen: set[tuple[str, str]] = set()
    for attacker, target in attacks:
        if attacker not in targets or target not in targets:
            unknown = attacker if attacker not in targets else target
            raise ValueError(
                f"attack ({attacker!r}, {target!r}) names {unknown!r}, not an argument"
            )
        if (attacker, target) in seen:
            continue
        seen.add((attacker, target))
        targets[attacker].append(target)
        attackers[target] += 1
    return order, targets, attackers


def grounded_labelling(
    arguments: Iterable[str],
    attacks: Iterable[tuple[str, str]],
    trace: list[str] | None = None,
) -> dict[str, Label]:
    """The grounded labelling of the framework ⟨arguments, attacks⟩, in argument order.

    Repeated attacks count once; an attack naming something that is not an argument is a
    `ValueError`. A self-attacker counts itself as a live attacker, so it is never ``in``.
    ``trace``, when given, receives one entry per labelling step (``"a in"``, ``"b out"``), in
    the order the algorithm takes them.

    >>> {a: l.value for a, l in grounded_labelling("ab", [("a", "a"), ("a", "b")]).items()}
    {'a': 'undecided', 'b': 'undecided'}
    >>> steps = []
    >>> _ = grounded_labelling("abc", [("a", "b"), ("b", "c")], trace=steps)
    >>> steps
    ['a in', 'b out', 'c in']
    """
    order, targets, live = _index(arguments, attacks)
    label: dict[str, Label | None] = dict.fromkeys(order)
    queue = [a for a in order if live[a] == 0]
    queue.reverse()  # popped from the end: first argument first, so traces read in file order
    while queue:
        a = queue.pop()
        if label[a] is not None:
            continue
        label[a] = Label.IN
        if trace is not None:
            trace.append(f"{a} in")
        for b in targets[a]:
            if label[b] is None:
                label[b] = Label.OUT
                if trace is not None:
                    trace.append(f"{b} out")
                for c in targets[b]:
                    if label[c] is None:
                        live[c] -= 1
                        if live[c] == 0:
                            queue.append(c)
    return {a: found or Label.UNDECIDED for a, found in label.items()}


def characteristic(
    arguments: Iterable[str], attacks: Iterable[tuple[str, str]], accepted: Collection[str]
) -> set[str]:
    """F(S): the arguments that ``accepted`` defends (each of their attackers is attacked by S).

    >>> sorted(characteristic("abc", [("a", "b"), ("b", "c")], set()))
    ['a']
    >>> sorted(characteristic("abc", [("a", "b"), ("b", "c")], {"a"}))
    ['a', 'c']
    """
    order, targets, _ = _index(arguments, attacks)
    attackers: dict[str, list[str]] = {a: [] for a in order}
    for a in order:
        for b in targets[a]:
            attackers[b].append(a)
    attacked_by_s = {b for a in accepted for b in targets[a]}
    return {a for a in order if all(b in attacked_by_s for b in attackers[a])}


def grounded_extension_by_iteration(
    arguments: Iterable[str], attacks: Iterable[tuple[str, str]]
) -> set[str]:
    """The grounded extension as ⋃ Fⁱ(∅): iterate F from the empty set until it is stable.

    Quadratic; the reference `grounded_labelling` is tested against.

    >>> sorted(grounded_extension_by_iteration("abcdef",
    ...     [("a", "b"), ("b", "c"), ("d", "e"), ("e", "d"), ("e", "f")]))
    ['a', 'c']
    """
    order = list(dict.fromkeys(arguments))
    pairs = list(attacks)
    current: set[str] = set()
    while True:
        following = characteristic(order, pairs, current)
        if following == current:
            return current
        current = following
