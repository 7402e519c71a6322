"""Drawing maps too large to lay out in full: strategy choice, the overview, the time limit."""

from __future__ import annotations

import os
import re
import shutil
import stat
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from argmap.argument_map import ArgumentMap
from argmap.cli import cli
from argmap.errors import ArgmapError, RenderError
from argmap.model import Claim, Evidence
from argmap.overview import UNATTACHED, collapse, roots_of, to_overview_dot
from argmap.render import LEGEND_NODE, LayoutTimeoutError, render
from argmap.support import analyze_support

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<B>"x"</B> & \\N ]'


def claim(record_id: str, text: str = "Said so.", **fields) -> Claim:
    return Claim(id=record_id, text=text, **fields)


def evidence(record_id: str) -> Evidence:
    return Evidence(
        id=record_id, summary="Found so.", kind="statistic", reliability="B", credibility=2
    )


@pytest.fixture
def amap() -> ArgumentMap:
    """Thesis T (a, b) and hypothesis H (c, attacked by x); a has a chain below it; o, e9 stray."""
    return ArgumentMap(
        claims=[
            claim("T", HOSTILE, kind="thesis", supported_by=["a", "b"]),
            claim("H", kind="hypothesis", supported_by=["c"]),
            claim("a", supported_by=["a1"]),
            claim("a1", supported_by=["a2", "e2"]),
            claim("a2", supported_by=["e1"]),
            claim("b", supported_by=["e3"]),
            claim("c", supported_by=["e4"], attacked_by=["x"]),
            claim("x"),
            claim("o"),
        ],
        evidence=[evidence(e) for e in ["e1", "e2", "e3", "e4", "e9"]],
    )


def counts(amap: ArgumentMap, depth: int) -> dict[str | None, tuple[int, int, int]]:
    overview = collapse(amap, analyze_support(amap).status, depth=depth)
    return {s.owner: (len(s.claims), len(s.evidence), s.unsupported) for s in overview.summaries}


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        (0, {"T": (4, 3, 0), "H": (2, 1, 1), None: (1, 1, 1)}),
        (
            1,
            {"a": (2, 2, 0), "b": (0, 1, 0), "c": (1, 1, 1), None: (1, 1, 1)},
        ),
        (2, {"a1": (1, 2, 0), "b": (0, 1, 0), "c": (0, 1, 0), None: (1, 1, 1)}),
        (
            9,
            {
                "a1": (0, 1, 0),
                "a2": (0, 1, 0),
                "b": (0, 1, 0),
                "c": (0, 1, 0),
                None: (1, 1, 1),
            },
        ),
    ],
)
def test_collapsed_counts(amap, depth, expected):
    assert counts(amap, depth) == expected


def test_every_record_is_kept_or_counted_once(amap):
    for depth in range(4):
        overview = collapse(amap, analyze_support(amap).status, depth=depth)
        collapsed = [r for s in overview.summaries for r in [*s.claims, *s.evidence]]
        assert len(collapsed) == len(set(collapsed)) == overview.collapsed
        assert set(collapsed) | set(overview.kept) == {*amap.claims, *amap.evidence}
        assert not set(collapsed) & set(overview.kept)


def test_the_depth_is_lowered_to_fit_the_limit(amap):
    status = analyze_support(amap).status
    assert collapse(amap, status, depth=2).depth == 2
    # depth 2: 7 kept + 4 summaries; depth 1: 5 + 4; depth 0: 2 + 3.
    assert collapse(amap, status, depth=2, limit=9).depth == 1
    assert collapse(amap, status, depth=2, limit=1).depth == 0


def test_roots_without_theses_are_the_top_claims():
    amap = ArgumentMap(claims=[claim("top", supported_by=["mid"]), claim("mid"), claim("lone")])
    assert roots_of(amap) == ["top", "lone"]


def test_describe_says_what_was_collapsed(amap):
    overview = collapse(amap, analyze_support(amap).status, depth=1)
    assert overview.describe() == (
        "collapsed 9 records into 4 summary nodes (kept 5 claims up to depth 1 below "
        "2 theses and hypotheses); use --focus ID to draw one part in full"
    )


def node_attrs(source: str, name: str) -> str:
    match = re.search(rf'^\s*"?{re.escape(name)}"? \[(.*)\]$', source, re.MULTILINE)
    assert match, f"no node {name} in the source"
    return match.group(1)


def test_overview_source_has_pages_summaries_and_escaped_text(amap):
    status = analyze_support(amap).status
    source = to_overview_dot(amap, status, collapse(amap, status, depth=1)).source
    # One cluster ("page") per thesis or hypothesis, each holding its root.
    assert re.findall(r"subgraph cluster_page(\d+)", source) == ["1", "2"]
    for root in ["T", "H"]:
        assert f'id="page-{root}"' in source
        assert f'id="node-{root}"' in node_attrs(source, root)
    label = node_attrs(source, "summary~a")
    assert "2 claims, 2 evidence records (0 unsupported)" in label
    assert "1 claim, 1 evidence record (1 unsupported)" in node_attrs(source, "summary~c")
    assert "not below any thesis or hypothesis" in node_attrs(source, UNATTACHED)
    thesis = node_attrs(source, "T")
    assert "&lt;B&gt;&quot;x&quot;&lt;/B&gt; &amp; \\\\N &#93;" in thesis
    assert '<B>"x"' not in thesis
    assert '"summary~a" -> a' in source
    assert "x -> c" not in source  # x is collapsed at depth 1
    assert LEGEND_NODE not in source


@pytest.mark.parametrize(
    ("strategy", "full_limit", "focus", "drawn"),
    [
        ("auto", 100, None, "full"),
        ("auto", 14, None, "full"),
        ("auto", 13, None, "overview"),
        ("full", 1, None, "full"),
        ("overview", 100, None, "overview"),
        ("auto", 1, "a2", "full"),
        ("overview", 1, "a2", "full"),
    ],
)
def test_the_strategy_choice(amap, tmp_path, strategy, full_limit, focus, drawn):
    said: list[str] = []
    written = render(
        amap,
        tmp_path / "map.dot",
        strategy=strategy,
        full_limit=full_limit,
        focus=focus,
        findings=[],
        notify=said.append,
    )
    source = written.read_text()
    assert ("summary~" in source) == (drawn == "overview")
    assert (LEGEND_NODE in source) == (drawn == "full")
    assert len(said) == (drawn == "overview")
    if focus:
        assert 'id="node-a1"' in source
        assert 'id="node-T"' not in source


def test_an_unknown_strategy_is_refused(amap, tmp_path):
    with pytest.raises(ArgmapError, match="unknown strategy 'huge'; expected one of: auto, full"):
        render(amap, tmp_path / "map.dot", strategy="huge")


def fake_dot(directory, monkeypatch, script: str) -> None:
    """A `dot` that runs ``script``, first on PATH."""
    path = directory / "dot"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{directory}{os.pathsep}{os.environ.get('PATH', '')}")


SLOW_FULL = (
    'src=$(cat)\ncase "$src" in *summary~*) echo "<svg>overview</svg>"; exit 0;; esac\n'
    "exec sleep 10\n"
)
"""Draws an overview at once; sleeps on anything else (the full map)."""


def test_a_slow_full_layout_falls_back_to_the_overview(amap, tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, SLOW_FULL)
    said: list[str] = []
    written = render(amap, tmp_path / "map.svg", findings=[], timeout=0.3, notify=said.append)
    assert written.read_text() == "<svg>overview</svg>\n"
    assert said[0] == (
        "Graphviz took longer than 0 s to lay out the map; drawing the overview instead"
    )
    assert said[1].startswith("collapsed 7 records into 4 summary nodes (kept 7 claims")


@pytest.mark.parametrize(
    ("strategy", "focus"), [("full", None), ("auto", "a")], ids=["full", "focus"]
)
def test_no_fallback_when_the_full_drawing_was_asked_for(
    amap, tmp_path, monkeypatch, strategy, focus
):
    fake_dot(tmp_path, monkeypatch, SLOW_FULL)
    with pytest.raises(LayoutTimeoutError, match="longer than 0 s"):
        render(amap, tmp_path / "map.svg", findings=[], timeout=0.3, strategy=strategy, focus=focus)
    assert not (tmp_path / "map.svg").exists()


def test_a_slow_overview_is_a_clear_error(amap, tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, "exec sleep 10\n")
    with pytest.raises(RenderError) as raised:
        render(amap, tmp_path / "map.svg", findings=[], timeout=0.3)
    assert str(raised.value) == (
        "Graphviz took longer than 0 s to lay out even the overview of the map; draw part of "
        "it with --focus ID --depth N, or allow more time with --timeout"
    )
    assert not (tmp_path / "map.svg").exists()


MAP_FILES = {
    "claims/c.yaml": """
        - id: T
          kind: thesis
          text: The thesis.
          supported_by: [a]
        - id: a
          text: A.
          supported_by: [b]
        - id: b
          text: B.
          supported_by: [e1]
        """,
    "evidence/e.yaml": """
        - id: e1
          kind: statistic
          summary: Found so.
          reliability: B
          credibility: 2
        """,
}


def test_cli_overview_strategy(make_map, tmp_path):
    out = tmp_path / "map.dot"
    result = CliRunner().invoke(
        cli, ["render", str(make_map(MAP_FILES)), "-o", str(out), "--strategy", "overview"]
    )
    assert result.exit_code == 0, result.output
    assert "argmap: collapsed 1 record into 1 summary node (kept 3 claims" in result.stderr
    assert '"summary~b" -> b' in out.read_text()


def test_cli_falls_back_and_says_so(make_map, tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, SLOW_FULL)
    out = tmp_path / "map.svg"
    result = CliRunner().invoke(
        cli, ["render", str(make_map(MAP_FILES)), "-o", str(out), "--timeout", "0.3"]
    )
    assert result.exit_code == 0, result.output
    assert "drawing the overview instead" in result.stderr
    assert out.read_text() == "<svg>overview</svg>\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timeout", "0.3"], "lay out even the overview"),
        (["--timeout", "0.3", "--strategy", "full"], "longer than 0 s to lay out the map"),
        (["--strategy", "huge"], "Invalid value for '--strategy'"),
        (["--timeout", "0"], "Invalid value for '--timeout'"),
    ],
)
def test_cli_errors_exit_2(make_map, tmp_path, monkeypatch, args, message):
    fake_dot(tmp_path, monkeypatch, "exec sleep 10\n")
    out = tmp_path / "map.svg"
    result = CliRunner().invoke(cli, ["render", str(make_map(MAP_FILES)), "-o", str(out), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not out.exists()


@needs_dot
def test_real_dot_draws_the_overview(amap, tmp_path):
    written = render(amap, tmp_path / "map.svg", strategy="overview", findings=[])
    ids = {g.get("id") for g in ET.fromstring(written.read_bytes()).iter(f"{SVG}g")}
    assert {"node-T", "node-H", "summary-a1", "summary-unattached", "page-T", "page-H"} <= ids


@pytest.mark.parametrize(
    ("fast_from", "focus", "fast"), [(5, None, True), (100, None, False), (5, "a", False)]
)
def test_big_full_layouts_draw_straight_edges(amap, tmp_path, monkeypatch, fast_from, focus, fast):
    monkeypatch.setattr("argmap.render.FAST_LAYOUT_FROM", fast_from)
    source = render(amap, tmp_path / "map.dot", findings=[], focus=focus).read_text()
    assert ("splines=line" in source) == fast
    assert ("nslimit=1" in source) == fast
