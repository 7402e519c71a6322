"""Circular support: a chain of reasons leads back to where it started.

Each tangle of mutually supporting claims (a strongly connected component of the support graph)
is reported once, with the shortest cycle through its first claim in file order, at the link
that closes that cycle: the premise, in the first claim's ``supported_by``, that leads back to
it. The other links of the cycle are given as related positions. Premises of a linked group
count as links too. A claim among its own reasons is `self-support` (AM102) instead.

The circle is reported even when evidence also enters it: then one direction of the circle is
redundant at best, and usually a mapping mistake (which claim is the reason for which?).

Fails::

    - id: a
      text: The Bible is true.
      supported_by: [b]
    - id: b
      text: The Bible says it is true.
      supported_by: [a]

Passes::

    - id: a
      text: The Bible is true.
      supported_by: [b]
    - id: b
      text: The Bible says it is true.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from itertools import chain, pairwise

from argmap.argument_map import reason_node_id
from argmap.checks._base import CheckContext, Problem
from argmap.digraph import strongly_connected_components
from argmap.span import Span

CODE = "AM103"
NAME = "circular-support"
SEVERITY = "error"
RATIONALE = "Claims that support each other in a circle give no reason to believe any of them."


def link_span(context: CheckContext, premise: str, conclusion: str) -> Span:
    """Where ``premise`` is written among the reasons for ``conclusion``."""
    claim = context.amap.claims[conclusion]
    reason_node = context.support.conclusions(premise)[conclusion]
    for index, reason in enumerate(claim.supported_by):
        if reason_node_id(claim.id, "support", index, reason) == reason_node:
            position = reason.premises.index(premise)
            return claim.where.of("supported_by", index, "premises", position)
    return claim.span  # pragma: no cover - every support edge comes from a reason


def on_cycles(links: Mapping[str, Collection[str]]) -> set[str]:
    """The records that may lie on a cycle of ``links`` (premise → conclusions, a conclusion
    any number of times: each is counted as a link of its own).

    What is left after trimming, again and again, every record no link enters, then of the rest
    every record no link leaves: no record of a cycle is ever trimmed, and on a map with few
    cycles almost all are, so the cycles are then looked for in a small graph rather than in the
    whole support graph.
    """
    entering = Counter(chain.from_iterable(links.values()))
    stack = [record for record in links if record not in entering]
    while stack:
        for conclusion in links.get(stack.pop(), ()):
            entering[conclusion] -= 1
            if not entering[conclusion]:
                stack.append(conclusion)
    downstream = {record for record, count in entering.items() if count}
    # Of those, few: now trim the ones no link leaves.
    into: dict[str, list[str]] = {}
    leaving: dict[str, int] = {}
    for premise in downstream:
        conclusions = [c for c in links.get(premise, ()) if c in downstream]
        leaving[premise] = len(conclusions)
        for conclusion in conclusions:
            into.setdefault(conclusion, []).append(premise)
    stack = [record for record, count in leaving.items() if not count]
    while stack:
        for premise in into.get(stack.pop(), ()):
            leaving[premise] -= 1
            if not leaving[premise]:
                stack.append(premise)
    return {record for record, count in leaving.items() if count}


def tangles(successors: dict[str, list[str]]) -> list[set[str]]:
    """The strongly connected components of more than one record.

    By hand rather than networkx's: the graph is the few records `on_cycles` leaves, and not
    importing networkx at all keeps ``argmap check`` (a re-check of one file most of all) quick.
    """
    components = strongly_connected_components(successors, successors)
    return [set(component) for component in components if len(component) > 1]


def shortest_paths(
    successors: dict[str, list[str]], start: str, within: set[str]
) -> dict[str, list[str]]:
    """The shortest path from ``start`` to each record of ``within`` it reaches (breadth first,
    each record's links in order: as `networkx.single_source_shortest_path` finds them)."""
    paths = {start: [start]}
    level = [start]
    while level:
        following = []
        for node in level:
            for child in successors[node]:
                if child in within and child not in paths:
                    paths[child] = [*paths[node], child]
                    following.append(child)
        level = following
    return paths


def check(context: CheckContext) -> Iterator[Problem]:
    support = context.support
    amap = context.amap
    # Each support reason's link from each premise, as the grounding read them, with no dict of
    # conclusions per record made; and claims only: nothing supports evidence, so no evidence
    # record lies on a cycle (it would be trimmed first).
    links = support.index.supports(amap.claims)
    core = on_cycles(links)
    if not core:
        return
    # The support graph of those records only, each record's links in the support graph's
    # order: the shortest paths below break ties the same way.
    successors = {
        premise: [c for c in support.conclusions(premise) if c in core]
        for premise in links
        if premise in core
    }

    def order(node: str) -> tuple[Span, str]:
        return amap.get(node).span, node

    for component in tangles(successors):
        start = min(component, key=order)
        paths = shortest_paths(successors, start, component)
        last = min(
            (p for p in component if start in successors[p]),
            key=lambda p: (len(paths[p]), order(p)),
        )
        cycle = [*paths[last], start]
        steps = list(pairwise(cycle))
        closing = steps[-1]
        yield Problem(
            link_span(context, *closing),
            f"circular support: {' -> '.join(cycle)} (each is a reason for the next); "
            "expected a chain that ends in evidence",
            start,
            tuple(link_span(context, *step) for step in steps[:-1]),
        )
