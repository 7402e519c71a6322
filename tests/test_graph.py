"""The one networkx graph: record and reason nodes, and premise/supports/attacks/undercuts edges."""

from __future__ import annotations

from argmap.argument_map import ArgumentMap
from argmap.graph import build_graph, support_graph
from argmap.model import Claim, Evidence, MapConfig


def ev(record_id: str, grade: str = "B2") -> Evidence:
    return Evidence(
        id=record_id,
        kind="statistic",
        summary="Measured.",
        reliability=grade[0],
        credibility=int(grade[1]),
    )


MAP = ArgumentMap(
    claims=[
        Claim(
            id="t",
            kind="thesis",
            text="T.",
            supported_by=["e1", {"premises": ["c", "e2"], "undercut_by": ["u"]}],
            attacked_by=[{"id": "objection", "premises": ["x"]}],
        ),
        Claim(id="c", text="C."),
        Claim(id="u", text="U."),
        Claim(id="x", kind="hypothesis", text="X."),
    ],
    evidence=[ev("e1", "A1"), ev("e2", "F6")],
    config=MapConfig(title="Tea"),
)


def test_nodes_and_their_attributes():
    graph = build_graph(MAP)
    assert graph.graph["title"] == "Tea"
    assert dict(graph.nodes(data="kind")) == {
        "t": "claim",
        "c": "claim",
        "u": "claim",
        "x": "claim",
        "e1": "evidence",
        "e2": "evidence",
        "t:for:1": "reason",
        "t:for:2": "reason",
        "objection": "reason",
    }
    assert graph.nodes["x"]["claim_kind"] == "hypothesis"
    assert graph.nodes["e2"]["grade"] == "F6"
    assert graph.nodes["t"]["record"] is MAP.claims["t"]
    linked = graph.nodes["t:for:2"]
    assert (linked["role"], linked["target"], linked["linked"]) == ("support", "t", True)
    assert linked["reason"] is MAP.claims["t"].supported_by[1]
    attack = graph.nodes["objection"]
    assert (attack["role"], attack["target"], attack["linked"]) == ("attack", "t", False)


def test_edges_and_their_relations():
    assert sorted(build_graph(MAP).edges(data="relation")) == [
        ("c", "t:for:2", "premise"),
        ("e1", "t:for:1", "premise"),
        ("e2", "t:for:2", "premise"),
        ("objection", "t", "attacks"),
        ("t:for:1", "t", "supports"),
        ("t:for:2", "t", "supports"),
        ("u", "t:for:2", "undercuts"),
        ("x", "objection", "premise"),
    ]


def test_unknown_ids_get_no_node():
    amap = ArgumentMap(
        claims=[
            Claim(
                id="c",
                text="C.",
                supported_by=[{"premises": ["e1", "nope"], "undercut_by": ["nada"]}],
                attacked_by=["zilch"],
            )
        ],
        evidence=[ev("e1")],
    )
    graph = build_graph(amap)
    assert sorted(graph.nodes) == ["c", "c:against:1", "c:for:1", "e1"]
    assert all(graph.nodes[n] for n in graph.nodes)  # no empty, attribute-less nodes
    assert sorted(graph.edges) == [("c:against:1", "c"), ("c:for:1", "c"), ("e1", "c:for:1")]


def test_a_named_reason_that_clashes_with_a_record_id_keeps_the_record():
    amap = ArgumentMap(
        claims=[Claim(id="c", text="C.", supported_by=[{"id": "e1", "premises": ["e1"]}])],
        evidence=[ev("e1")],
    )
    graph = build_graph(amap)
    assert graph.nodes["e1"]["kind"] == "evidence"
    assert sorted(graph.nodes) == ["c", "e1"]


def test_a_record_that_is_premise_and_undercutter_of_one_reason_stays_a_premise():
    amap = ArgumentMap(
        claims=[
            Claim(id="c", text="C.", supported_by=[{"premises": ["e1"], "undercut_by": ["e1"]}])
        ],
        evidence=[ev("e1")],
    )
    assert build_graph(amap).edges["e1", "c:for:1"]["relation"] == "premise"


def test_the_support_graph_links_premises_to_conclusions():
    direct = support_graph(build_graph(MAP))
    assert sorted(direct.nodes) == ["c", "e1", "e2", "t", "u", "x"]
    # Linked premises each get an edge; undercutters and attackers get none.
    assert sorted(direct.edges(data="reason")) == [
        ("c", "t", "t:for:2"),
        ("e1", "t", "t:for:1"),
        ("e2", "t", "t:for:2"),
    ]


def test_the_support_graph_names_the_first_reason_linking_two_records():
    amap = ArgumentMap(
        claims=[
            Claim(
                id="c",
                text="C.",
                supported_by=[
                    {"premises": ["e1", "e2"]},
                    "e1",
                    {"id": "named", "premises": ["e1"]},
                ],
            )
        ],
        evidence=[ev("e1"), ev("e2")],
    )
    assert support_graph(build_graph(amap)).edges["e1", "c"]["reason"] == "c:for:1"


def test_the_map_caches_its_graph():
    assert MAP.graph is MAP.graph
    assert sorted(MAP.graph.edges) == sorted(build_graph(MAP).edges)


TANGLED = ArgumentMap(
    claims=[
        Claim(
            id="c",
            text="C.",
            supported_by=[
                {"premises": ["e1", "e1", "d", "nope"], "undercut_by": ["e2", "e1", "e2", "zip"]},
                {"id": "shared", "premises": ["e2"]},
                {"id": "e2", "premises": ["d"]},  # clashes with a record: left out
            ],
            attacked_by=[{"id": "shared", "premises": ["d"]}, "d", {"premises": ["c"]}],
        ),
        Claim(id="d", text="D.", supported_by=["e1", "c"], attacked_by=["e2"]),
    ],
    evidence=[ev("e1"), ev("e2")],
)


def test_the_reason_links_are_the_graph_s_edges_in_its_order():
    graph = build_graph(TANGLED)
    links = TANGLED.reason_links
    assert list(links.reasons) == [n for n, kind in graph.nodes(data="kind") if kind == "reason"]
    for node in links.reasons:
        relations = graph.pred[node].items()
        assert links.premises[node] == [p for p, e in relations if e["relation"] == "premise"]
        undercuts = [u for u, e in relations if e["relation"] == "undercuts"]
        assert links.undercutters.get(node) == (undercuts or None)
    records = [*TANGLED.claims, *TANGLED.evidence]
    assert {r: links.bears_on.get(r, []) for r in records} == {
        r: list(graph.succ[r]) for r in records
    }
    assert {c: links.reasons_for.get(c, []) for c in TANGLED.claims} == {
        c: list(graph.pred[c]) for c in TANGLED.claims
    }


def test_the_reason_links_name_the_reasons_that_name_unknown_ids_or_their_own_claim():
    amap = ArgumentMap(
        claims=[
            Claim(
                id="c",
                text="C.",
                supported_by=[
                    "e1",
                    {"premises": ["e1", "ghost"]},
                    {"premises": ["e1"], "undercut_by": ["phantom"]},
                    {"premises": ["e1", "c"]},
                ],
                attacked_by=["c"],
            ),
            # Both named "r": the second is left out of the graph, and still counts here.
            Claim(id="d", text="D.", supported_by=[{"id": "r", "premises": ["c"]}]),
            Claim(id="f", text="F.", supported_by=[{"id": "r", "premises": ["f", "nobody"]}]),
        ],
        evidence=[ev("e1")],
    )
    links = amap.reason_links
    assert "r" in links.reasons and links.reasons["r"].claim.id == "d"
    assert [r.node for r in links.naming_unknown] == ["c:for:2", "c:for:3", "r"]
    assert [(r.node, r.claim.id) for r in links.self_supporting] == [("c:for:4", "c"), ("r", "f")]


def test_the_records_with_a_source_of_their_own_are_claims_then_evidence_in_file_order():
    amap = ArgumentMap(
        claims=[Claim(id="c1", text="C."), Claim(id="c2", text="C.", source="paper")],
        evidence=[
            ev("e1"),
            Evidence(
                id="e2",
                kind="statistic",
                summary="Measured.",
                reliability="B",
                credibility=2,
                source={"title": "T"},
            ),
            ev("e3"),
        ],
    )
    assert [r.id for r in amap.with_own_source] == ["c2", "e2"]
