from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from argmap.checks.circular_support import on_cycles, shortest_paths, tangles

TWO_CYCLE = """
- id: a
  text: The Bible is true.
  supported_by: [b]
- id: b
  text: The Bible says it is true.
  supported_by: [a]
"""


def test_a_two_cycle_is_reported_once_at_the_link_that_closes_it(lint):
    files = {"claims/c.yaml": TWO_CYCLE}
    assert lint(files, "AM103") == [("claims/c.yaml", 4, 18, "AM103", "a")]
    [finding] = lint.findings(files, "AM103")
    assert finding.message == (
        "circular support: a -> b -> a (each is a reason for the next); "
        "expected a chain that ends in evidence"
    )
    assert (finding.name, finding.severity) == ("circular-support", "error")
    # The other link of the circle: where b names a.
    assert [(s.line, s.column) for s in finding.related] == [(7, 18)]


def test_a_three_cycle_is_reported_once_with_its_path(lint):
    files = {
        "claims/c.yaml": """
        - id: a
          text: A.
          supported_by: [c]
        - id: b
          text: B.
          supported_by: [a]
        - id: c
          text: C.
          supported_by: [b]
        """
    }
    assert lint(files, "AM103") == [("claims/c.yaml", 4, 18, "AM103", "a")]
    [finding] = lint.findings(files, "AM103")
    assert finding.message.startswith("circular support: a -> b -> c -> a ")
    assert [(s.line, s.column) for s in finding.related] == [(7, 18), (10, 18)]


def test_the_cycle_starts_at_the_first_claim_in_file_order(lint):
    files = {
        "claims/a.yaml": "id: z\ntext: Z.\nsupported_by: [y]\n",
        "claims/b.yaml": "id: y\ntext: Y.\nsupported_by: [z]\n",
    }
    [finding] = lint.findings(files, "AM103")
    assert (finding.span.path, finding.span.line, finding.span.column) == ("claims/a.yaml", 3, 16)
    assert finding.message.startswith("circular support: z -> y -> z ")


def test_two_separate_cycles_are_reported_separately(lint):
    files = {
        "claims/c.yaml": TWO_CYCLE,
        "claims/d.yaml": """
        - id: c
          text: C.
          supported_by: [d]
        - id: d
          text: D.
          supported_by: [c]
        """,
    }
    assert lint(files, "AM103") == [
        ("claims/c.yaml", 4, 18, "AM103", "a"),
        ("claims/d.yaml", 4, 18, "AM103", "c"),
    ]


def test_one_tangle_of_two_cycles_is_reported_once_with_the_shortest_cycle(lint):
    files = {
        "claims/c.yaml": """
        - id: a
          text: A.
          supported_by: [b, c]
        - id: b
          text: B.
          supported_by: [a]
        - id: c
          text: C.
          supported_by: [b]
        """
    }
    [finding] = lint.findings(files, "AM103")
    assert (finding.span.line, finding.span.column) == (4, 18)
    assert finding.message.startswith("circular support: a -> b -> a ")


def test_a_cycle_through_a_linked_premise_group(lint):
    files = {
        "claims/c.yaml": """
        - id: a
          text: A.
          supported_by:
            - premises: [e1, b]
        - id: b
          text: B.
          supported_by: [a]
        """,
        "evidence/e.yaml": lint.evidence("e1"),
    }
    assert lint(files, "AM103") == [("claims/c.yaml", 5, 22, "AM103", "a")]


def test_a_cycle_with_evidence_coming_in_is_still_circular(lint):
    files = {
        "claims/c.yaml": """
        - id: a
          text: A.
          supported_by: [e1, b]
        - id: b
          text: B.
          supported_by: [a]
        """,
        "evidence/e.yaml": lint.evidence("e1"),
    }
    assert lint(files, "AM103") == [("claims/c.yaml", 4, 22, "AM103", "a")]


def test_a_chain_is_not_a_cycle(lint):
    files = {
        "claims/c.yaml": """
        - id: a
          text: A.
          supported_by: [b]
        - id: b
          text: B.
          supported_by: [c]
        - id: c
          text: C.
          attacked_by: [a]
        """
    }
    assert lint(files, "AM103") == []


def test_attacks_do_not_make_a_support_cycle(lint):
    files = {
        "claims/c.yaml": """
        - id: a
          text: A.
          attacked_by: [b]
        - id: b
          text: B.
          attacked_by: [a]
        """
    }
    assert lint(files, "AM103") == []


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=40))
def test_trimming_keeps_every_cycle(edges):
    links: dict[str, dict[str, str]] = {}
    for premise, conclusion in edges:
        links.setdefault(str(premise), {}).setdefault(str(conclusion), "reason")
    whole = nx.DiGraph([(p, c) for p, cs in links.items() for c in cs])
    core = on_cycles(links)
    # A link named twice (two reasons with the same premise) trims the same way.
    assert on_cycles({p: [*cs, *cs] for p, cs in links.items()}) == core
    tangles = [c for c in nx.strongly_connected_components(whole) if len(c) > 1]
    assert all(c <= core for c in tangles)
    found = nx.strongly_connected_components(whole.subgraph(core))
    assert sorted(map(sorted, tangles)) == sorted(sorted(c) for c in found if len(c) > 1)


@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=30), st.integers(0, 9))
def test_tangles_and_shortest_paths_are_networkx_s(edges, start):
    successors: dict[str, list[str]] = {}
    for premise, conclusion in edges:
        successors.setdefault(str(premise), [])
        successors.setdefault(str(conclusion), [])
        if str(conclusion) not in successors[str(premise)]:
            successors[str(premise)].append(str(conclusion))
    graph = nx.DiGraph([(p, c) for p, cs in successors.items() for c in cs])
    expected = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert sorted(map(sorted, tangles(successors))) == sorted(map(sorted, expected))
    if str(start) in graph:
        for component in [*expected, set(graph)]:
            if str(start) in component:
                sub = graph.subgraph(component)
                found = shortest_paths(successors, str(start), component)
                assert found == nx.single_source_shortest_path(sub, str(start))
