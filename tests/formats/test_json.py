"""argmap's own JSON: lossless both ways, positioned errors, JSON positions, the CLI.

`maps()` here generates whole argument maps for the other format tests too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.argument_map import ArgumentMap
from argmap.cli import cli
from argmap.errors import MapLoadError
from argmap.formats import detect, json_
from argmap.load import load
from argmap.model import (
    Claim,
    ClaimKind,
    Evidence,
    EvidenceKind,
    MapConfig,
    ProofStandard,
    Source,
)

REPO = Path(__file__).resolve().parents[2]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- generated maps ---------------------------------------------------------------------------

HOSTILE = [
    '"',
    "'",
    "\\",
    "{",
    "}",
    "[",
    "]",
    "<",
    ">",
    "&",
    ";",
    ":",
    "#",
    "%",
    "`",
    "|",
    "\n",
    "\t",
    "\r\n",
    " ",
    "\x1b",
    "\x85",
    "\u2028",
    "\ufeff",
    "😀",
    "漢字",
    "end",
    "-->",
    "#quot;",
    "&amp;",
    "%%{init: {}}%%",
    "style x:#f00;",
    "CL : ",
    "nodes",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.characters(blacklist_categories=("Cs",))),
    min_size=1,
    max_size=12,
).map("".join)
ID = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,7}", fullmatch=True)


@st.composite
def maps(draw: Any) -> ArgumentMap:
    """A valid map: unique ids, reasons naming existing records (each at most once per list)."""
    ids = draw(st.lists(ID, min_size=1, max_size=7, unique_by=str.lower))
    n_claims = draw(st.integers(1, len(ids)))
    claim_ids, evidence_ids = ids[:n_claims], ids[n_claims:]
    names = iter(range(1000))

    def optional(strategy: Any) -> Any:
        return draw(st.one_of(st.none(), strategy))

    def reason() -> dict[str, Any]:
        premises = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        item: dict[str, Any] = {"premises": premises}
        undercut = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
        if undercut:
            item["undercut_by"] = undercut
        if draw(st.booleans()):
            item["id"] = f"reason-no-{next(names)}"
        scheme = optional(st.one_of(TEXT, st.sampled_from(["rephrase", "rephrase: Analogy"])))
        if scheme is not None:
            item["scheme"] = scheme
        note = optional(TEXT)
        if note is not None:
            item["note"] = note
        return item

    claims = []
    for claim_id in claim_ids:
        record: dict[str, Any] = {
            "id": claim_id,
            "kind": draw(st.sampled_from(list(ClaimKind))),
            "text": draw(TEXT),
            "supported_by": [reason() for _ in range(draw(st.integers(0, 2)))],
            "attacked_by": [reason() for _ in range(draw(st.integers(0, 2)))],
        }
        for field, strategy in (
            ("quote", TEXT),
            ("locator", TEXT),
            ("note", TEXT),
            ("tags", st.lists(TEXT, min_size=1, max_size=2)),
            ("proof_standard", st.sampled_from(list(ProofStandard))),
        ):
            value = optional(strategy)
            if value is not None:
                record[field] = value
        claims.append(Claim.model_validate(record))
    evidence = []
    for evidence_id in evidence_ids:
        item: dict[str, Any] = {
            "id": evidence_id,
            "kind": draw(st.sampled_from(list(EvidenceKind))),
            "summary": draw(TEXT),
            "reliability": draw(st.sampled_from("ABCDEF")),
            "credibility": draw(st.integers(1, 6)),
        }
        if draw(st.booleans()):
            item["source"] = {"title": draw(TEXT), "date": "2025-07-11"}
        if draw(st.booleans()):
            item["quote"] = draw(TEXT)
        if draw(st.booleans()):
            item["consistency"] = {claim_ids[0]: draw(st.sampled_from(["CC", "C", "I"]))}
        evidence.append(Evidence.model_validate(item))
    config = MapConfig()
    if draw(st.booleans()):
        config = MapConfig(
            title=draw(TEXT),
            question=optional(TEXT),
            sources={"s1": Source(title=draw(TEXT))},
        )
    return ArgumentMap(claims=claims, evidence=evidence, config=config)


def dumped(amap: ArgumentMap) -> tuple[list[Any], list[Any], Any]:
    """Everything a map holds, as plain data, in order."""
    return (
        [c.model_dump() for c in amap.claims.values()],
        [e.model_dump() for e in amap.evidence.values()],
        amap.config.model_dump(),
    )


# --- round trips --------------------------------------------------------------------------------


@SETTINGS
@given(maps())
def test_any_map_round_trips_exactly(amap: ArgumentMap) -> None:
    text = json_.generate_json(amap)
    back = json_.parse_json(text, "m.json")
    assert dumped(back) == dumped(amap)
    assert json_.generate_json(back) == text


def test_the_article_map_round_trips_and_the_text_is_stable() -> None:
    amap = load(REPO)
    text = json_.generate_json(amap)
    assert dumped(json_.parse_json(text)) == dumped(amap)
    data = json.loads(text)
    assert list(data) == ["argmap", "config", "claims", "evidence"]
    assert data["argmap"] == json_.FORMAT_VERSION
    assert len(data["claims"]) == len(amap.claims)
    assert len(data["evidence"]) == len(amap.evidence)


def test_records_are_written_without_defaults_in_reading_order() -> None:
    amap = ArgumentMap(
        claims=[Claim(id="c", text="C.", supported_by=["e"], tags=["t"])],
        evidence=[Evidence(id="e", kind="statistic", summary="S.", reliability="B", credibility=2)],
    )
    data = json.loads(json_.generate_json(amap))
    assert "config" not in data
    assert data["claims"] == [
        {"id": "c", "text": "C.", "tags": ["t"], "supported_by": [{"premises": ["e"]}]}
    ]
    assert list(data["evidence"][0]) == ["id", "kind", "summary", "reliability", "credibility"]


def test_a_lone_surrogate_escape_is_refused_with_its_position() -> None:
    with pytest.raises(MapLoadError) as caught:
        json_.parse_json('{"argmap": 1, "claims": [{"id": "c", "text": "a\\ud800b"}]}', "m.json")
    finding = caught.value.findings[0]
    assert (finding.span.line, finding.span.column, finding.code) == (1, 46, "AM006")


# --- errors ----------------------------------------------------------------------------------

BAD = [
    ('{"argmap": 1, "claims": [}', [(1, 26, "AM009")]),
    ('{"argmap": 1,\n "claims": [],\n "claims": []}', [(3, 2, "AM009")]),
    ('{"argmap": 1, "claims": [{"id": "a", "text": NaN}]}', [(1, 46, "AM009")]),
    ("[1, 2]", [(1, 1, "AM009")]),
    ('{"claims": []}', [(1, 1, "AM009")]),
    ('{"argmap": 2, "claims": []}', [(1, 12, "AM009")]),
    ('{"argmap": true}', [(1, 12, "AM009")]),
    ('{"argmap": 1, "claims": {}}', [(1, 25, "AM009")]),
    ('{"argmap": 1, "extra": 1}', [(1, 15, "AM009")]),
    ('{"argmap": 1, "config": []}', [(1, 25, "AM009")]),
    ('{"argmap": 1, "claims": [3]}', [(1, 26, "AM005")]),
    (
        (
            '{"argmap": 1,\n "claims": [\n  {"id": "a", "text": "A", "kind": "thesys"},\n'
            '  {"id": "a", "text": "B", "bogus": 1}\n ]}'
        ),
        [(3, 36, "AM006"), (4, 10, "AM007"), (4, 28, "AM006")],
    ),
    (
        (
            '{"argmap": 1, "evidence": [{"id": "e", "kind": "statistic", "summary": "s",\n'
            '  "reliability": "G", "credibility": 2}]}'
        ),
        [(2, 18, "AM006")],
    ),
    ('{"argmap": 1, "config": {"checks": {"AM999": "off"}}}', [(1, 37, "AM006")]),
    (
        (
            '{"argmap": 1, "claims": [{"id": "a", "text": "A", "supported_by": '
            '[{"id": "a", "premises": ["a"]}]}]}'
        ),
        [(1, 75, "AM007")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD)
def test_bad_input_fails_with_positioned_findings(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    with pytest.raises(MapLoadError) as caught:
        json_.parse_json(text, "m.json")
    found = [(f.span.line, f.span.column, f.code) for f in caught.value.findings]
    assert found == expected
    assert all(f.span.path == "m.json" for f in caught.value.findings)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"argmap": 1, "claims": [}', ["JSON syntax error", "expected valid JSON"]),
        ('{"argmap": 2}', ['"argmap" is 2', "expected 1"]),
        ('{"argmap": 1, "extra": 1}', ["unknown member 'extra'", "expected only"]),
        ('{"a": 1, "a": 2}', ["duplicate key 'a'", "each key once"]),
        ('{"argmap": 1, "claims": [1e999, NaN]}', ["NaN is not a JSON number"]),
    ],
)
def test_messages_say_what_is_wrong_and_what_was_expected(text: str, words: list[str]) -> None:
    with pytest.raises(MapLoadError) as caught:
        json_.parse_json(text, "m.json")
    message = caught.value.findings[0].message
    for word in words:
        assert word in message


def test_positions_count_characters_and_crlf_lines() -> None:
    text = '{"argmap": 1,\r\n "claims": [{"id": "a", "text": "é😀", "kind": 1}]}'
    with pytest.raises(MapLoadError) as caught:
        json_.parse_json(text, "m.json")
    assert [(f.span.line, f.span.column) for f in caught.value.findings] == [(2, 47)]


def test_json_positions_maps_every_value_and_key() -> None:
    docs = json_.json_positions('{"a": [1, {"b": "x\\"y"}],\n "c": null}', "x.json")
    spans = {loc: (s.line, s.column) for loc, s in docs.positions.items()}
    assert spans == {
        (0,): (1, 1),
        (0, "a"): (1, 7),
        (0, "a", 0): (1, 8),
        (0, "a", 1): (1, 11),
        (0, "a", 1, "b"): (1, 17),
        (0, "c"): (2, 7),
    }
    assert (docs.key_positions[(0, "c")].line, docs.key_positions[(0, "c")].column) == (2, 2)


# --- files and the CLI ----------------------------------------------------------------------------


def test_sniff_tells_argmap_json_from_other_json(tmp_path: Path) -> None:
    ours = tmp_path / "a.json"
    ours.write_text(json_.generate_json(ArgumentMap(claims=[Claim(id="c", text="C.")])))
    other = tmp_path / "b.json"
    other.write_text('{"nodes": [], "edges": []}')
    assert json_.sniff(ours) and not json_.sniff(other)
    assert not json_.sniff(tmp_path / "missing.json")
    assert detect(ours) == "json"


def test_cli_export_then_import_gives_the_same_map(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "map.json"
    result = runner.invoke(cli, ["export", str(REPO), "--to", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "nothing lost" in result.output
    back = tmp_path / "back"
    result = runner.invoke(cli, ["import", str(out), "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert dumped(load(back))[:2] == dumped(load(REPO))[:2]


def test_cli_import_of_a_bad_file_exits_2_with_the_position(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"argmap": 1,\n "claims": [{"id": "a"}]}')
    result = CliRunner().invoke(
        cli, ["import", str(bad), "--from", "json", "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert f"{bad}:2:13: AM006 missing required field 'text'" in result.output
    assert "Traceback" not in result.output


def test_unreadable_bytes_are_positioned(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"argmap": 1,\n "x": "\xff"}')
    with pytest.raises(MapLoadError) as caught:
        json_.read(bad)
    finding = caught.value.findings[0]
    assert (finding.span.line, finding.span.column, finding.code) == (2, 8, "AM001")


def test_the_example_in_the_docs_reads() -> None:
    docs = (REPO / "docs" / "formats.md").read_text(encoding="utf-8")
    section = docs.split("## argmap JSON (`json`)", 1)[1]
    example = section.split("```json\n", 1)[1].split("```", 1)[0]
    amap = json_.parse_json(example, "formats.md")
    assert list(amap.claims) == ["tea"] and list(amap.evidence) == ["trial"]
    assert amap.claims["tea"].supported_by[0].premises == ["trial"]
