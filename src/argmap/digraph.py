"""Directed graphs as plain dicts of successors: what argmap needs of them without networkx.

Importing networkx takes 50 ms or more, which a re-check of one file cannot afford
(docs/performance.md); the gradual semantics and the circular-support check share this.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence


def strongly_connected_components(
    nodes: Iterable[str], successors: Mapping[str, Sequence[str]]
) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively, in topological order.

    A component comes after every component with an edge into it; its members keep the order
    of ``nodes``. Linear in nodes and edges, and no recursion, so long chains are fine.

    >>> strongly_connected_components("abcd", {"a": ["b"], "b": ["c"], "c": ["b"], "d": ["a"]})
    [['d'], ['a'], ['b', 'c']]
    """
    position = {node: i for i, node in enumerate(dict.fromkeys(nodes))}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in position:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work: list[tuple[str, Iterator[str]]] = [(root, iter(successors.get(root, ())))]
        while work:
            node, children = work[-1]
            descended = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors.get(child, ()))))
                    descended = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if descended:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                members.sort(key=position.__getitem__)
                found.append(members)
    found.reverse()
    return found
