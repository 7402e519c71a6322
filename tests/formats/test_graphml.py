"""GraphML export: well-formed GraphML with declared, typed keys; networkx reads it back whole."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given

from argmap.argument_map import ArgumentMap
from argmap.cli import cli
from argmap.formats import ConversionReport, detect, graphml
from argmap.load import load
from argmap.model import Claim, Evidence, MapConfig
from argmap.semantics import evaluate

from .test_json import SETTINGS, maps

REPO = Path(__file__).resolve().parents[2]
G = "{http://graphml.graphdrawing.org/xmlns}"
TYPES = {"boolean", "int", "long", "float", "double", "string"}
NMTOKEN = re.compile(r"^[\w.:-]+$")


def validate(text: str) -> ET.Element:
    """Check ``text`` against the GraphML structure (graphml.xsd): element order, declared keys
    with a known ``attr.type``, data only under keys declared for that element, values that
    parse as their type, unique NMTOKEN node ids, and edges between declared nodes."""
    root = ET.fromstring(text)
    assert root.tag == f"{G}graphml"
    children = list(root)
    tags = [child.tag for child in children]
    assert tags == sorted(tags, key=lambda t: t != f"{G}key"), "keys come before the graph"
    assert tags.count(f"{G}graph") == 1
    keys: dict[str, tuple[str, str]] = {}
    for key in root.findall(f"{G}key"):
        assert key.get("id") not in keys
        assert key.get("for") in ("graph", "node", "edge", "all")
        assert key.get("attr.type") in TYPES
        assert key.get("attr.name")
        keys[key.get("id", "")] = (key.get("for", ""), key.get("attr.type", ""))
    graph = root.find(f"{G}graph")
    assert graph is not None and graph.get("edgedefault") == "directed"

    def check_data(element: ET.Element, domain: str) -> None:
        for data in element.findall(f"{G}data"):
            scope, kind = keys[data.get("key", "")]
            assert scope in (domain, "all")
            value = data.text or ""
            if kind == "boolean":
                assert value in ("true", "false")
            elif kind in ("int", "long"):
                int(value)
            elif kind in ("float", "double"):
                assert math.isfinite(float(value))

    check_data(graph, "graph")
    nodes = set()
    for node in graph.findall(f"{G}node"):
        identifier = node.get("id", "")
        assert NMTOKEN.match(identifier) and identifier not in nodes
        nodes.add(identifier)
        check_data(node, "node")
    for edge in graph.findall(f"{G}edge"):
        assert edge.get("source") in nodes and edge.get("target") in nodes
        check_data(edge, "edge")
    assert {child.tag for child in graph} <= {f"{G}data", f"{G}node", f"{G}edge"}
    return root


def tea() -> ArgumentMap:
    return ArgumentMap(
        claims=[
            Claim(
                id="tea",
                kind="thesis",
                text="Tea is healthy.",
                supported_by=[{"premises": ["trial", "dose"], "scheme": "expert opinion"}],
                attacked_by=[{"premises": ["stain"], "undercut_by": ["wash"]}],
                tags=["a", "b"],
            ),
            Claim(id="dose", text="The dose was usual.", quote="usual dose"),
            Claim(id="stain", text="Tea stains <teeth> & \x1b."),
            Claim(id="wash", text="Stains wash off.\r\nMostly."),
        ],
        evidence=[
            Evidence(
                id="trial",
                kind="statistic",
                summary="A trial.",
                reliability="B",
                credibility=2,
                as_of="2025",
            )
        ],
        config=MapConfig(title="Tea", question="Is tea healthy?"),
    )


def test_attributes_are_typed_and_read_back_by_networkx() -> None:
    text = graphml.generate_graphml(tea())
    validate(text)
    graph = nx.parse_graphml(text)
    assert (graph.graph["title"], graph.graph["question"]) == ("Tea", "Is tea healthy?")
    assert graph.nodes["tea"] == {
        "kind": "claim",
        "label": "Tea is healthy.",
        "text": "Tea is healthy.",
        "claim_kind": "thesis",
        "verdict": "unsupported",
        "fever": "NOT ENOUGH INFO",
        "rating": 2,
        "strength": 0.0,
        "acceptance": "in",
        "proof_standard": "preponderance",
        "standard_met": False,
        "status": "unsupported",
        "tags": "a; b",
    }
    assert graph.nodes["trial"] == {
        "kind": "evidence",
        "label": "A trial.",
        "text": "A trial.",
        "evidence_kind": "statistic",
        "grade": "B2",
        "reliability": "B",
        "credibility": 2,
        "strength": 0.8,
        "acceptance": "in",
        "status": "evidence",
        "as_of": "2025",
    }
    assert graph.nodes["tea:for:1"] == {
        "kind": "reason",
        "label": "support",
        "role": "support",
        "target": "tea",
        "linked": True,
        "scheme": "expert opinion",
        "strength": 0.0,
        "acceptance": "in",
        "applicable": False,
    }
    assert sorted(graph.edges(data="relation")) == [
        ("dose", "tea:for:1", "premise"),
        ("stain", "tea:against:1", "premise"),
        ("tea:against:1", "tea", "attacks"),
        ("tea:for:1", "tea", "supports"),
        ("trial", "tea:for:1", "premise"),
        ("wash", "tea:against:1", "undercuts"),
    ]


def test_text_is_kept_as_xml_can_hold_it() -> None:
    graph = nx.parse_graphml(graphml.generate_graphml(tea()))
    assert graph.nodes["stain"]["text"] == "Tea stains <teeth> & ␛."
    assert graph.nodes["wash"]["text"] == "Stains wash off.\nMostly."
    assert graph.nodes["dose"]["quote"] == "usual dose"


def test_keys_are_declared_once_each_with_a_description() -> None:
    root = validate(graphml.generate_graphml(tea()))
    keys = root.findall(f"{G}key")
    assert [k.get("id") for k in keys][:5] == ["title", "question", "kind", "label", "text"]
    assert all(k.get("id") == k.get("attr.name") for k in keys)
    assert all(k.findtext(f"{G}desc") for k in keys)
    assert {k.get("attr.name"): k.get("attr.type") for k in keys}["standard_met"] == "boolean"


def test_the_report_lists_what_graphml_does_not_carry() -> None:
    amap = ArgumentMap(
        claims=[
            Claim(
                id="a",
                text="A.",
                anchor={"start": 0, "end": 2},
                supported_by=[{"premises": ["e", "ghost"]}],
            )
        ],
        evidence=[
            Evidence(
                id="e",
                kind="statistic",
                summary="S.",
                reliability="B",
                credibility=2,
                source={"title": "T", "url": "https://example.org"},
                consistency={"a": "C"},
            )
        ],
        config=MapConfig(title="T", hypotheses=["a"]),
    )
    report = ConversionReport("m", "graphml")
    graphml.generate_graphml(amap, report)
    assert [(loss.what, loss.subject) for loss in report.losses] == [
        ("claim anchor", "a"),
        ("evidence source", "e"),
        ("evidence consistency", "e"),
        ("map settings (hypotheses)", None),
        ("premise ghost of reason a:for:1", "a"),
    ]
    nothing = ConversionReport("m", "graphml")
    graphml.generate_graphml(ArgumentMap(claims=[Claim(id="c", text="C.")]), nothing)
    assert nothing.lossless


@SETTINGS
@given(maps())
def test_any_map_exports_valid_graphml_with_its_whole_graph(amap: ArgumentMap) -> None:
    text = graphml.generate_graphml(amap)
    validate(text)
    graph = nx.parse_graphml(text)
    assert set(graph.nodes) == set(amap.graph.nodes)
    assert set(graph.edges(data="relation")) == set(amap.graph.edges(data="relation"))
    verdicts = evaluate(amap)
    for claim in amap.claims.values():
        node = graph.nodes[claim.id]
        assert node["verdict"] == verdicts[claim.id].verdict.value
        assert node["text"] == graphml.xml_text(claim.text)


def test_the_article_map_exports_with_every_verdict() -> None:
    amap = load(REPO)
    text = graphml.generate_graphml(amap)
    validate(text)
    graph = nx.parse_graphml(text)
    assert graph.number_of_nodes() == amap.graph.number_of_nodes()
    assert graph.number_of_edges() == amap.graph.number_of_edges()
    verdicts = evaluate(amap)
    assert {c: graph.nodes[c]["verdict"] for c in amap.claims} == {
        c: verdicts[c].verdict.value for c in amap.claims
    }


def test_cli_exports_by_suffix_and_refuses_to_clobber(tmp_path: Path) -> None:
    out = tmp_path / "map.graphml"
    assert detect(out) == "graphml"
    runner = CliRunner()
    result = runner.invoke(cli, ["export", str(REPO), "-o", str(out)])
    assert result.exit_code == 1, result.output  # anchors, ACH ratings, ...
    assert "claim anchor" in result.output
    validate(out.read_text(encoding="utf-8"))
    again = runner.invoke(cli, ["export", str(REPO), "-o", str(out)])
    assert again.exit_code == 2
    assert "already exists" in again.output


@pytest.mark.parametrize(
    ("text", "shown"),
    [("a\r\nb\rc", "a\nb\nc"), ("\x00\x08\x0b", "␀␈␋"), ("\ufffe\uffff", "\ufffd\ufffd")],
)
def test_xml_text(text: str, shown: str) -> None:
    assert graphml.xml_text(text) == shown
