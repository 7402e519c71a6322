from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import xml.etree.ElementTree as ET

import pytest

from argmap.argument_map import ArgumentMap
from argmap.errors import ArgmapError, OutputExistsError, RenderError, UnknownRecordError
from argmap.findings import Finding
from argmap.load import load
from argmap.model import Claim, Evidence
from argmap.render import (
    ATTACK_COLOUR,
    CONTESTED_FILL,
    LEGEND_NODE,
    STATUS_FILL,
    SUPPORT_COLOUR,
    UNDERCUT_COLOUR,
    VERDICT_FILL,
    WRAP_WIDTH,
    dot_string,
    html_text,
    neighbourhood,
    output_format,
    render,
    run_dot,
    to_dot,
    tooltip_string,
    wrap_lines,
)
from argmap.semantics import VerdictWord
from argmap.span import Span
from argmap.support import Status

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")

SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"

# --- reading graphviz's DOT source back -------------------------------------------------------


def parse_attrs(text: str) -> dict[str, str]:
    """The ``key=value`` list inside one statement's brackets (quoted values without quotes)."""
    attrs: dict[str, str] = {}
    i = 0
    while i < len(text):
        if text[i] in " \t":
            i += 1
            continue
        key_match = re.compile(r"[A-Za-z_]+=").match(text, i)
        assert key_match, f"not an attribute at {text[i:]!r}"
        key = key_match.group()[:-1]
        i = key_match.end()
        if text[i] == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            value, i = text[i + 1 : j], j + 1
        elif text[i] == "<":
            depth, j = 0, i
            while True:
                depth += {"<": 1, ">": -1}.get(text[j], 0)
                j += 1
                if depth == 0:
                    break
            value, i = text[i:j], j
        else:
            bare = re.compile(r"[^\s\]]+").match(text, i)
            assert bare
            value, i = bare.group(), bare.end()
        assert key not in attrs, f"attribute {key} given twice"
        attrs[key] = value
    return attrs


def unquote(name: str) -> str:
    return name[1:-1] if name.startswith('"') else name


def parse_dot(
    source: str,
) -> tuple[dict[str, dict[str, str]], list[tuple[str, str, dict[str, str]]]]:
    """Nodes (name → attributes) and edges (tail, head, attributes) of graphviz's output."""
    nodes: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []
    for line in source.splitlines():
        head, bracket, rest = line.strip().partition(" [")
        if not bracket or head in ("graph", "node", "edge"):
            continue
        assert rest.endswith("]"), line
        attrs = parse_attrs(rest[:-1])
        if " -> " in head:
            tail, _, target = head.partition(" -> ")
            edges.append((unquote(tail), unquote(target), attrs))
        else:
            assert unquote(head) not in nodes, f"node {head} declared twice"
            nodes[unquote(head)] = attrs
    return nodes, edges


def edge(edges, tail, head):
    found = [attrs for t, h, attrs in edges if (t, h) == (tail, head)]
    assert len(found) == 1, f"{tail} -> {head}: {len(found)} edges"
    return found[0]


# --- maps ---------------------------------------------------------------------------------------

MAP = {
    "claims/c.yaml": """
    - id: t
      kind: thesis
      text: The thesis.
      supported_by:
        - e1
        - premises: [c1, a1]
        - premises: [c2]
          undercut_by: [u1]
      attacked_by: [x1]
    - id: h1
      kind: hypothesis
      text: A hypothesis.
      supported_by: [e1]
    - id: c1
      text: A claim.
      supported_by: [e2]
    - id: a1
      kind: assumption
      text: An assumption.
    - id: c2
      text: Another claim.
    - id: u1
      text: An undercutter.
    - id: x1
      text: An attacker.
    """,
    "evidence/e.yaml": """
    - id: e1
      kind: statistic
      summary: A statistic.
      reliability: B
      credibility: 2
    - id: e2
      kind: document
      summary: A document.
      reliability: E
      credibility: 6
    """,
}


@pytest.fixture
def amap(make_map):
    return load(make_map(MAP))


@pytest.fixture
def graph(amap):
    return parse_dot(to_dot(amap, findings=[]).source)


def claim(record_id: str, text: str, **fields) -> Claim:
    return Claim(id=record_id, text=text, **fields)


def evidence(record_id: str, summary: str = "Found so.", **fields) -> Evidence:
    defaults = {"kind": "statistic", "reliability": "B", "credibility": 2}
    return Evidence(id=record_id, summary=summary, **{**defaults, **fields})


# --- visual grammar -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record_id", "expected"),
    [
        ("t", {"shape": "box", "style": "rounded,filled,bold", "peripheries": "2"}),
        ("h1", {"shape": "box", "style": "filled,diagonals,bold"}),
        ("c1", {"shape": "box", "style": "rounded,filled"}),
        ("a1", {"shape": "box", "style": "filled,dashed"}),
        ("e1", {"shape": "note", "style": "filled"}),
    ],
)
def test_each_kind_has_its_own_shape(graph, record_id, expected):
    nodes, _ = graph
    assert {k: nodes[record_id].get(k) for k in expected} == expected


def test_thesis_hypothesis_claim_and_evidence_all_look_different(graph):
    nodes, _ = graph
    looks = {
        r: (nodes[r]["shape"], nodes[r]["style"], nodes[r].get("peripheries"))
        for r in ("t", "h1", "c1", "a1", "e1")
    }
    assert len(set(looks.values())) == 5


@pytest.mark.parametrize(
    ("record_id", "fill"),
    [
        ("t", VERDICT_FILL[VerdictWord.SUPPORTED]),
        ("c1", VERDICT_FILL[VerdictWord.SUPPORTED]),
        ("a1", VERDICT_FILL[VerdictWord.ASSUMED]),
        ("c2", VERDICT_FILL[VerdictWord.UNSUPPORTED]),
        ("x1", VERDICT_FILL[VerdictWord.UNSUPPORTED]),
        ("e1", STATUS_FILL[Status.EVIDENCE]),
    ],
)
def test_fill_colour_is_the_verdict(graph, record_id, fill):
    nodes, _ = graph
    assert nodes[record_id]["fillcolor"] == fill


def test_a_contested_claim_is_orange_and_says_so():
    # Two claims attacking each other: the grounded labelling leaves both undecided.
    amap = ArgumentMap(
        claims=[claim("p", "P.", attacked_by=["q"]), claim("q", "Q.", attacked_by=["p"])]
    )
    nodes, _ = parse_dot(to_dot(amap, findings=[]).source)
    assert nodes["p"]["fillcolor"] == CONTESTED_FILL == VERDICT_FILL[VerdictWord.CONTESTED]
    assert "<I>contested 0</I>" in nodes["p"]["label"]
    assert len({*VERDICT_FILL.values(), STATUS_FILL[Status.EVIDENCE]}) == 7


def test_labels_show_id_kind_verdict_strength_and_text(graph):
    nodes, _ = graph
    assert nodes["t"]["label"] == (
        '<<FONT POINT-SIZE="9"><B>t</B> · thesis · <I>supported 0.835</I></FONT>'
        '<BR ALIGN="LEFT"/>The thesis.<BR ALIGN="LEFT"/>>'
    )
    assert nodes["c2"]["label"] == (
        '<<FONT POINT-SIZE="9"><B>c2</B> · <I>unsupported 0</I></FONT>'
        '<BR ALIGN="LEFT"/>Another claim.<BR ALIGN="LEFT"/>>'
    )


def test_evidence_labels_show_kind_and_admiralty_grade(graph):
    nodes, _ = graph
    assert nodes["e2"]["label"] == (
        '<<FONT POINT-SIZE="9"><B>e2</B> · document · <B>E6</B></FONT>'
        '<BR ALIGN="LEFT"/>A document.<BR ALIGN="LEFT"/>>'
    )


def test_support_is_a_green_arrow(graph):
    _, edges = graph
    assert edge(edges, "e1", "t") == {
        "arrowhead": "normal",
        "color": SUPPORT_COLOUR,
        "tooltip": "e1 supports t",
    }


def test_attack_is_a_red_bar(graph):
    _, edges = graph
    assert edge(edges, "x1", "t") == {
        "arrowhead": "tee",
        "color": ATTACK_COLOUR,
        "tooltip": "x1 attacks t",
    }


def test_linked_premises_meet_in_one_junction_drawn_as_one_argument(graph):
    nodes, edges = graph
    junction = "reason~t~for~2"
    assert nodes[junction]["label"] == "&amp;"
    assert nodes[junction]["shape"] == "circle"
    assert nodes[junction]["color"] == SUPPORT_COLOUR
    assert nodes[junction]["tooltip"] == "reason t:for:2: c1 + a1 together support t"
    assert nodes[junction]["id"] == "reason-t:for:2"
    for premise in ("c1", "a1"):
        attrs = edge(edges, premise, junction)
        assert (attrs["arrowhead"], attrs["color"]) == ("none", SUPPORT_COLOUR)
    assert edge(edges, junction, "t")["arrowhead"] == "normal"
    # no premise of the group is drawn as an independent reason
    assert [(t, h) for t, h, _ in edges if h == "t" and t in ("c1", "a1")] == []


def test_undercut_is_a_dashed_purple_bar_at_the_reason_it_undercuts(graph):
    nodes, edges = graph
    junction = "reason~t~for~3"
    assert nodes[junction]["label"] == ""  # one premise: a junction, but no "&"
    assert nodes[junction]["tooltip"] == "reason t:for:3: c2 supports t&#10;undercut by u1"
    assert edge(edges, "c2", junction)["arrowhead"] == "none"
    assert edge(edges, junction, "t")["arrowhead"] == "normal"
    assert edge(edges, "u1", junction) == {
        "arrowhead": "tee",
        "color": UNDERCUT_COLOUR,
        "style": "dashed",
        "tooltip": "u1 undercuts t:for:3",
    }


def test_the_three_relations_have_three_edge_styles(graph):
    _, edges = graph
    styles = {
        (a.get("color"), a.get("arrowhead"), a.get("style", "solid"))
        for _, _, a in edges
        if a.get("arrowhead") != "none"
    }
    assert styles == {
        (SUPPORT_COLOUR, "normal", "solid"),
        (ATTACK_COLOUR, "tee", "solid"),
        (UNDERCUT_COLOUR, "tee", "dashed"),
    }


def test_an_attack_by_a_linked_group_uses_a_red_junction_ending_in_a_bar():
    amap = ArgumentMap(
        claims=[
            claim("c", "C.", attacked_by=[{"premises": ["p", "q"]}]),
            claim("p", "P."),
            claim("q", "Q."),
        ]
    )
    nodes, edges = parse_dot(to_dot(amap, findings=[]).source)
    assert nodes["reason~c~against~1"]["color"] == ATTACK_COLOUR
    assert nodes["reason~c~against~1"]["tooltip"] == ("reason c:against:1: p + q together attack c")
    assert edge(edges, "reason~c~against~1", "c")["arrowhead"] == "tee"


def test_a_named_reason_gets_its_own_junction_name():
    amap = ArgumentMap(
        claims=[
            claim("c", "C.", supported_by=[{"id": "r1", "premises": ["p", "q"]}]),
            claim("p", "P."),
            claim("q", "Q."),
        ]
    )
    nodes, edges = parse_dot(to_dot(amap, findings=[]).source)
    assert nodes["reason~r1"]["id"] == "reason-r1"
    assert edge(edges, "reason~r1", "c")["color"] == SUPPORT_COLOUR


def test_unknown_premises_are_left_out_but_a_linked_group_stays_linked():
    amap = ArgumentMap(
        claims=[
            claim("c", "C.", supported_by=[{"premises": ["p", "ghost"]}, "nobody"]),
            claim("p", "P."),
        ]
    )
    nodes, edges = parse_dot(to_dot(amap, findings=[]).source)
    assert set(nodes) == {"c", "p", "reason~c~for~1", LEGEND_NODE}
    assert nodes["reason~c~for~1"]["label"] == "&amp;"
    assert nodes["reason~c~for~1"]["tooltip"] == (
        "reason c:for:1: p + ghost together support c&#10;not drawn: ghost"
    )
    assert [(t, h) for t, h, _ in edges] == [("p", "reason~c~for~1"), ("reason~c~for~1", "c")]


def test_self_support_is_a_loop():
    amap = ArgumentMap(claims=[claim("c", "C.", supported_by=["c"])])
    _, edges = parse_dot(to_dot(amap, findings=[]).source)
    assert [(t, h) for t, h, _ in edges] == [("c", "c")]


def test_tooltips_carry_the_text_the_verdict_the_grade_and_the_findings(amap):
    findings = [
        Finding("AM201", "unsupported-claim", "error", Span("c.yaml", 1, 1), "bare", subject="c2"),
        Finding("AM401", "missing-quote", "info", Span("c.yaml", 1, 1), "no quote", subject="c2"),
        Finding("AM303", "x", "info", Span("e.yaml", 1, 1), "graded 6", subject="e2"),
    ]
    nodes, _ = parse_dot(to_dot(amap, findings=findings).source)
    assert nodes["c2"]["tooltip"] == (
        "Another claim.&#10;verdict: unsupported (NOT ENOUGH INFO), strength 0, label in; "
        "preponderance of evidence not met&#10;AM201 bare&#10;AM401 no quote"
    )
    assert nodes["e2"]["tooltip"] == (
        "A document.&#10;grade E6: unreliable, truth cannot be judged&#10;AM303 graded 6"
    )
    assert nodes["c1"]["tooltip"] == (
        "A claim.&#10;verdict: supported (SUPPORTS), strength 0.35, label in; "
        "preponderance of evidence met"
    )


def test_findings_default_to_running_the_checks(amap):
    from argmap.checks import check

    findings = check(amap)
    assert to_dot(amap).source == to_dot(amap, findings=findings).source


def test_every_record_node_has_an_svg_id(graph):
    nodes, _ = graph
    for name, attrs in nodes.items():
        if name != LEGEND_NODE:
            assert attrs["id"] in (f"node-{name}", "reason-" + name[7:].replace("~", ":"))


def test_the_legend_explains_shapes_colours_and_edges(amap):
    source = to_dot(amap, findings=[]).source
    nodes, _ = parse_dot(source)
    assert "subgraph cluster_legend {" in source
    legend = nodes[LEGEND_NODE]["label"]
    assert nodes[LEGEND_NODE]["shape"] == "plain"
    for fill in (*VERDICT_FILL.values(), STATUS_FILL[Status.EVIDENCE]):
        assert f'BGCOLOR="{fill}"' in legend
    for colour in (SUPPORT_COLOUR, ATTACK_COLOUR, UNDERCUT_COLOUR):
        assert f'COLOR="{colour}"' in legend
    for word in VerdictWord:
        assert f"{word.value}: " in legend
    for word in ("evidence", "strength", "supports"):
        assert word in legend
    for word in ("attacks", "undercuts", "linked premises", "thesis", "hypothesis", "assumption"):
        assert word in legend


def test_the_legend_can_be_left_out(amap):
    source = to_dot(amap, findings=[], legend=False).source
    assert "cluster_legend" not in source
    assert LEGEND_NODE not in parse_dot(source)[0]


def test_a_record_cannot_take_the_legend_s_place():
    amap = ArgumentMap(claims=[claim("argmap-legend", "A."), claim("legend", "B.")])
    nodes, _ = parse_dot(to_dot(amap, findings=[]).source)
    assert {"argmap-legend", "legend", LEGEND_NODE} <= set(nodes)


def test_the_title_is_the_map_title(make_map):
    root = make_map({**MAP, "argmap.yaml": 'title: "Tea <b>&</b> \\\\N health"\n'})
    dot = to_dot(load(root), findings=[])
    assert "label=<Tea &lt;b&gt;&amp;&lt;/b&gt; \\\\N health>" in dot.source


# --- wrapping -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Short.", ["Short."]),
        (
            "Tea is healthy for most adults when drunk in moderate amounts.",
            ["Tea is healthy for most adults", "when drunk in moderate amounts."],
        ),
        ("one\ntwo", ["one", "two"]),
        ("one\r\n\r\ntwo", ["one", "", "two"]),
        ("", [""]),
        ("x" * 40, ["x" * WRAP_WIDTH, "x" * 6]),
    ],
)
def test_wrap_lines(text, lines):
    assert wrap_lines(text) == lines


def test_long_texts_are_wrapped_in_the_label():
    amap = ArgumentMap(
        claims=[claim("c", "Tea is healthy for most adults when drunk in moderate amounts.")]
    )
    nodes, _ = parse_dot(to_dot(amap, findings=[]).source)
    assert nodes["c"]["label"].endswith(
        '<BR ALIGN="LEFT"/>Tea is healthy for most adults<BR ALIGN="LEFT"/>'
        'when drunk in moderate amounts.<BR ALIGN="LEFT"/>>'
    )


# --- escaping -----------------------------------------------------------------------------------

HOSTILE = [
    'He said "no".',
    "back\\slash \\N \\G \\E \\T \\H \\L",
    "\\n and \\l stay text",
    "ends in a backslash\\",
    "<B>bold</B> & <i>",
    "{a|b} <port> | x",
    '"] [color=red',
    "> <B>x</B> <",
    '"> <FONT COLOR="red">x',
    "&amp; &#38; &lt; it's",
    "line one\nline two",
    "ünïcødé 漢字 😀 \u202ertl",
]


def hostile_map(texts):
    return ArgumentMap(
        claims=[claim(f"c{i}", text) for i, text in enumerate(texts)],
        evidence=[evidence(f"e{i}", text) for i, text in enumerate(texts)],
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_never_becomes_dot_attributes_or_markup(text):
    nodes, _ = parse_dot(to_dot(hostile_map([text]), findings=[]).source)
    assert set(nodes["c0"]) == {"label", "fillcolor", "id", "shape", "style", "tooltip"}
    assert set(nodes["e0"]) == {"label", "fillcolor", "id", "shape", "style", "tooltip"}
    body = nodes["c0"]["label"].split('</FONT><BR ALIGN="LEFT"/>', 1)[1]
    assert (
        body == "".join(f'{html_text(line)}<BR ALIGN="LEFT"/>' for line in text.split("\n")) + ">"
    )
    assert "<B>x</B>" not in nodes["c0"]["label"]
    assert 'COLOR="red"' not in nodes["c0"]["label"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("a < b > c", "a &lt; b &gt; c"),
        ("\"quoted\" & 'single'", "&quot;quoted&quot; &amp; &#x27;single&#x27;"),
        ("\\N \\G", "\\\\N \\\\G"),
        ("{|}", "{|}"),
        ("esc\x1b bell\x07", "esc\u241b bell\u2407"),
    ],
)
def test_html_text(text, expected):
    assert html_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ('"] [color=red', "&#34;] [color=red"),
        ("a\\b", "a\\\\\\\\b"),
        ("<b> & </b>", "&#60;b&#62; &#38; &#60;/b&#62;"),
        ("one\ntwo", "one&#10;two"),
    ],
)
def test_tooltip_string(text, expected):
    assert tooltip_string(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [('say "hi"', 'say \\"hi\\"'), ("a\\b", "a\\\\b"), ("one\ntwo", "one\\ntwo"), ("<x>", "<x>")],
)
def test_dot_string(text, expected):
    assert dot_string(text) == expected
    assert f'label="{expected}"' in _one_label_graph(dot_string(text))


def _one_label_graph(label: str) -> str:
    import graphviz

    graph = graphviz.Digraph()
    graph.node("n", label=label)
    return graph.source


def svg_of(amap: ArgumentMap) -> ET.Element:
    source = to_dot(amap, findings=[]).source
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=True)
    assert done.stderr == b""
    return ET.fromstring(done.stdout)


def node_group(svg: ET.Element, svg_id: str) -> ET.Element:
    found = [g for g in svg.iter(f"{SVG}g") if g.get("id") == svg_id]
    assert len(found) == 1
    return found[0]


def body_lines(group: ET.Element) -> list[str]:
    """The text lines under a node's header (header runs are 9 pt, the text 11 pt)."""
    return [
        (t.text or "").replace("\xa0", " ")
        for t in group.iter(f"{SVG}text")
        if t.get("font-size") == "11.00"
    ]


@needs_dot
def test_dot_parses_the_source_of_hostile_texts():
    source = to_dot(hostile_map(HOSTILE), findings=[]).source
    done = subprocess.run(
        ["dot", "-Tcanon"], input=source.encode(), capture_output=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, b"")
    attributes = [line.strip() for line in done.stdout.decode().splitlines()]
    assert not [a for a in attributes if a.startswith(("color=red", "COLOR="))]


@needs_dot
def test_svg_shows_hostile_texts_exactly_as_written():
    svg = svg_of(hostile_map(HOSTILE))
    for i, text in enumerate(HOSTILE):
        assert all(len(line) < WRAP_WIDTH for line in text.split("\n"))
        for svg_id in (f"node-c{i}", f"node-e{i}"):
            assert body_lines(node_group(svg, svg_id)) == text.split("\n")


@needs_dot
def test_svg_tooltips_show_hostile_texts_exactly_as_written():
    svg = svg_of(hostile_map(HOSTILE))
    for i, text in enumerate(HOSTILE):
        anchors = list(node_group(svg, f"node-c{i}").iter(f"{SVG}a"))
        verdict = (
            "verdict: unsupported (NOT ENOUGH INFO), strength 0, label in; "
            "preponderance of evidence not met"
        )
        assert [a.get(XLINK_TITLE) for a in anchors] == [f"{text}\n{verdict}"]


@needs_dot
def test_svg_shows_control_characters_as_pictures():
    svg = svg_of(ArgumentMap(claims=[claim("c", "esc\x1b[31m nul\x00\ttab\r\nnext")]))
    assert body_lines(node_group(svg, "node-c")) == ["esc\u241b[31m nul\u2400 tab", "next"]


@needs_dot
def test_svg_shows_ids_that_are_dot_keywords_or_numbers():
    ids = ["graph", "node", "edge", "subgraph", "strict", "digraph", "42", "1.5", "a.b-c_d"]
    amap = ArgumentMap(
        claims=[
            claim(i, f"Text of {i}.", supported_by=[ids[0]] if i != ids[0] else []) for i in ids
        ]
    )
    svg = svg_of(amap)
    for record_id in ids:
        assert body_lines(node_group(svg, f"node-{record_id}")) == [f"Text of {record_id}."]


# --- focus --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("focus", "depth", "expected"),
    [
        ("c1", 0, {"c1"}),
        ("c1", 1, {"c1", "e2", "t", "a1"}),  # a co-premise is part of the same argument
        ("c2", 1, {"c2", "t", "u1"}),  # so is an undercut of it
        ("c1", 2, {"c1", "e2", "t", "a1", "e1", "c2", "u1", "x1"}),
        ("e2", 1, {"e2", "c1"}),
        ("h1", 2, {"h1", "e1", "t"}),
    ],
)
def test_neighbourhood(amap, focus, depth, expected):
    assert neighbourhood(amap, focus, depth) == expected


def test_focus_draws_only_the_neighbourhood_and_marks_the_focus(amap):
    dot = to_dot(amap, findings=[], focus="c1", depth=1)
    nodes, edges = parse_dot(dot.source)
    assert set(nodes) == {"c1", "e2", "t", "a1", "reason~t~for~2", LEGEND_NODE}
    assert nodes["c1"]["penwidth"] == "3"
    assert "penwidth" not in nodes["a1"]
    assert {(t, h) for t, h, _ in edges} == {
        ("e2", "c1"),
        ("c1", "reason~t~for~2"),
        ("a1", "reason~t~for~2"),
        ("reason~t~for~2", "t"),
    }
    assert "(around c1)" in dot.source


def test_focus_keeps_a_linked_group_linked_when_a_premise_is_out_of_view():
    amap = ArgumentMap(
        claims=[
            claim("c", "C.", supported_by=[{"premises": ["p", "q"]}, "f"]),
            claim("p", "P.", supported_by=["f"]),
            claim("q", "Q."),
            claim("f", "F."),
        ]
    )
    nodes, edges = parse_dot(to_dot(amap, findings=[], focus="f", depth=1).source)
    assert set(nodes) - {LEGEND_NODE} == {"f", "p", "c", "reason~c~for~1"}
    assert nodes["reason~c~for~1"]["label"] == "&amp;"
    assert nodes["reason~c~for~1"]["tooltip"] == (
        "reason c:for:1: p + q together support c&#10;not drawn: q"
    )
    assert ("p", "c") not in {(t, h) for t, h, _ in edges}


def test_focus_on_evidence_thickens_its_border(amap):
    nodes, _ = parse_dot(to_dot(amap, findings=[], focus="e2", depth=0).source)
    assert set(nodes) == {"e2", LEGEND_NODE}
    assert nodes["e2"]["penwidth"] == "3"


def test_an_unknown_focus_names_the_closest_id(amap):
    with pytest.raises(UnknownRecordError) as raised:
        to_dot(amap, focus="e22")
    assert raised.value.suggestion == "e2"
    assert str(raised.value) == "no claim or evidence record has the id 'e22'; did you mean 'e2'?"


# --- formats and files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "requested", "expected"),
    [
        ("map.svg", None, "svg"),
        ("map.PNG", None, "png"),
        ("out/map.pdf", None, "pdf"),
        ("map.dot", None, "dot"),
        ("map.gv", None, "dot"),
        ("map.txt", "svg", "svg"),
        ("map", "dot", "dot"),
    ],
)
def test_output_format(path, requested, expected):
    assert output_format(path, requested) == expected


@pytest.mark.parametrize(
    ("path", "shown"), [("map.txt", "suffix txt"), ("map", "suffix (none)"), ("m.jpeg", "jpeg")]
)
def test_an_unknown_output_format_names_the_choices(path, shown):
    with pytest.raises(ArgmapError) as raised:
        output_format(path)
    assert shown in str(raised.value)
    assert "expected one of: .svg, .png, .pdf, .dot" in str(raised.value)


@pytest.fixture
def no_dot(tmp_path, monkeypatch):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_without_dot_pictures_fail_with_install_advice(amap, tmp_path, no_dot):
    with pytest.raises(RenderError) as raised:
        render(amap, tmp_path / "map.svg")
    message = str(raised.value)
    assert "Graphviz's `dot` program is not installed" in message
    assert "apt-get install graphviz" in message
    assert "brew install graphviz" in message
    assert "-o map.dot" in message
    assert not (tmp_path / "map.svg").exists()


def test_without_dot_dot_source_is_still_written(amap, tmp_path, no_dot):
    written = render(amap, tmp_path / "map.dot")
    assert written == tmp_path / "map.dot"
    assert written.read_text() == to_dot(amap).source


def test_an_existing_output_is_refused_before_any_work(amap, tmp_path, monkeypatch):
    target = tmp_path / "map.svg"
    target.write_text("precious")

    def no_layout(*args, **kwargs):
        raise AssertionError("laid out a map it will not write")

    monkeypatch.setattr("argmap.render.to_dot", no_layout)
    with pytest.raises(OutputExistsError):
        render(amap, target)
    assert target.read_text() == "precious"


def test_force_replaces_an_existing_output(amap, tmp_path):
    target = tmp_path / "map.dot"
    target.write_text("old")
    render(amap, target, force=True)
    assert target.read_text().startswith("digraph argmap {")


@needs_dot
@pytest.mark.parametrize(
    ("suffix", "magic"),
    [("svg", b"<?xml"), ("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF")],
)
def test_render_writes_each_format(amap, tmp_path, suffix, magic):
    out = tmp_path / "out"
    written = render(amap, out / f"map.{suffix}")
    assert written.read_bytes().startswith(magic)
    assert sorted(p.name for p in out.iterdir()) == [f"map.{suffix}"]


@needs_dot
def test_rendered_svg_holds_every_record_and_the_legend(amap, tmp_path):
    svg = ET.fromstring(render(amap, tmp_path / "map.svg").read_bytes())
    ids = {g.get("id") for g in svg.iter(f"{SVG}g")}
    assert {f"node-{r}" for r in [*amap.claims, *amap.evidence]} <= ids
    assert {"reason-t:for:2", "reason-t:for:3"} <= ids
    texts = "".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    assert "Legend" in texts


@needs_dot
def test_run_dot_reports_graphviz_errors():
    with pytest.raises(RenderError, match=r"Graphviz failed to draw the map: .*syntax error"):
        run_dot("digraph { a -> }", "svg")


def fake_dot(directory, monkeypatch, script: str) -> None:
    """A `dot` that runs ``script``, first on PATH."""
    path = directory / "dot"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{directory}{os.pathsep}{os.environ.get('PATH', '')}")


def test_a_failing_dot_is_a_render_error(tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, "echo 'Error: out of memory' >&2\nexit 3\n")
    with pytest.raises(RenderError) as raised:
        run_dot("digraph {}", "svg")
    assert str(raised.value) == "Graphviz failed to draw the map: Error: out of memory"


def test_a_silent_failing_dot_names_its_exit_status(tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, "exit 7\n")
    with pytest.raises(RenderError, match=r"Graphviz failed to draw the map: exit 7$"):
        run_dot("digraph {}", "svg")


def test_a_slow_dot_times_out(tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, "exec sleep 10\n")
    with pytest.raises(RenderError, match=r"longer than 0 s .* --focus ID --depth N"):
        run_dot("digraph {}", "svg", timeout=0.2)


def test_dot_gets_the_source_and_the_format(tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, 'echo "$1"; cat\n')
    assert run_dot("digraph { ☕ }", "png") == "-Tpng\ndigraph { ☕ }".encode()
