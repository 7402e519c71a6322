"""Property tests: any valid map loads, checks, shows and draws; any corrupted map fails cleanly."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.checks import check
from argmap.errors import ArgmapError, MapLoadError
from argmap.findings import Finding
from argmap.load import LOAD_ERRORS, load
from argmap.model import ClaimKind, EvidenceKind
from argmap.render import to_dot, wrap_lines
from argmap.show import support_tree


def _conftest_write_map() -> Any:
    # By path: with tests/checks/conftest.py also around, `import conftest` may find that one.
    spec = importlib.util.spec_from_file_location(
        "argmap_tests_conftest", Path(__file__).with_name("conftest.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_map


write_map = _conftest_write_map()
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SVG = "{http://www.w3.org/2000/svg}"
RAW_REFUSED = re.compile("[\x80-\x9f\u2028\u2029]")

# --- valid maps ---------------------------------------------------------------------------------

HOSTILE = [
    '"',
    "'",
    "\\",
    "{",
    "}",
    "|",
    "<",
    ">",
    "[",
    "]",
    "&",
    ";",
    ":",
    "#",
    "%",
    "-",
    "*",
    "!",
    "\n",
    "\t",
    "\r",
    "\r\n",
    " ",
    "  ",
    "\\N",
    "\\G",
    "\\L",
    "\\n",
    "\\l",
    "&amp;",
    "&#38;",
    '"] [color=red',
    "> <B>x</B> <",
    "\x00",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufeff",
    "\ufffe",
    "\u202e",
    "😀",
    "漢字",
    "é",
    "yes",
    "no",
    "~",
    "null",
    "0x1F",
    "1e3",
    "2025-07-11",
    "- ",
    "? ",
    "---",
    "...",
]

TEXT = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.characters(blacklist_categories=("Cs",))),
    min_size=1,
    max_size=24,
).map("".join)

ID = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,7}", fullmatch=True)


@st.composite
def maps(draw: Any) -> dict[str, Any]:
    """A map as {"claims": [...], "evidence": [...]} of plain records, every id unique."""
    ids = draw(st.lists(ID, min_size=1, max_size=8, unique_by=str.lower))
    n_claims = draw(st.integers(1, len(ids)))
    claim_ids, evidence_ids = ids[:n_claims], ids[n_claims:]
    reference = st.sampled_from([*ids, "ghost"]) if draw(st.booleans()) else st.sampled_from(ids)
    names = iter(range(1000))

    def reason() -> Any:
        premises = draw(st.lists(reference, min_size=1, max_size=3))
        undercut_by = draw(st.lists(reference, max_size=2))
        if len(premises) == 1 and not undercut_by and draw(st.booleans()):
            return premises[0]
        item: dict[str, Any] = {"premises": premises}
        if undercut_by:
            item["undercut_by"] = undercut_by
        if draw(st.booleans()):
            item["id"] = f"reason~{next(names)}".replace("~", "-")
        if draw(st.booleans()):
            item["scheme"] = draw(TEXT)
        return item

    claims = []
    for claim_id in claim_ids:
        record: dict[str, Any] = {
            "id": claim_id,
            "kind": draw(st.sampled_from([k.value for k in ClaimKind])),
            "text": draw(TEXT),
        }
        if draw(st.booleans()):
            record["quote"] = draw(TEXT)
        record["supported_by"] = [reason() for _ in range(draw(st.integers(0, 3)))]
        record["attacked_by"] = [reason() for _ in range(draw(st.integers(0, 2)))]
        claims.append(record)
    evidence = []
    for evidence_id in evidence_ids:
        record = {
            "id": evidence_id,
            "kind": draw(st.sampled_from([k.value for k in EvidenceKind])),
            "summary": draw(TEXT),
            "reliability": draw(st.sampled_from("ABCDEF")),
            "credibility": draw(st.integers(1, 6)),
        }
        if draw(st.booleans()):
            record["source"] = {"title": draw(TEXT), "date": "2025-07-11"}
        evidence.append(record)
    return {"claims": claims, "evidence": evidence}


def files_of(amap: dict[str, Any]) -> dict[str, bytes]:
    """One file per kind, or two for claims: a single record as a mapping, several as a list."""
    files: dict[str, bytes] = {}
    claims = amap["claims"]
    half = (len(claims) + 1) // 2
    for path, records in [
        ("claims/a.yaml", claims[:half]),
        ("claims/sub/b.yml", claims[half:]),
        ("evidence/e.yaml", amap["evidence"]),
    ]:
        if records:
            data = records[0] if len(records) == 1 else records
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            if RAW_REFUSED.search(text):
                # Written raw, these are refused by argmap (YAML 1.1 reads NEL, LS and PS as line
                # breaks); escaped, as in a map written with care, they are text like any other.
                text = yaml.safe_dump(data, allow_unicode=False, sort_keys=False)
            files[path] = text.encode("utf-8")
    return files


def exercise(root: Path) -> list[Finding]:
    amap = load(root)
    findings = check(amap)
    for finding in findings:
        assert finding.span.line >= 1
        assert finding.span.column >= 1
    source = to_dot(amap, findings=findings).source
    assert source.startswith("digraph argmap {")
    for claim_id in amap.claims:
        support_tree(amap, claim_id, findings=findings)
    return findings


@SETTINGS
@given(maps())
def test_valid_maps_load_check_show_and_draw(amap):
    with tempfile.TemporaryDirectory() as tmp:
        root = write_map(Path(tmp), files_of(amap))
        loaded = load(root)
        assert {c.id: c.text for c in loaded.claims.values()} == {
            c["id"]: c["text"] for c in amap["claims"]
        }
        assert {e.id: e.summary for e in loaded.evidence.values()} == {
            e["id"]: e["summary"] for e in amap["evidence"]
        }
        exercise(root)


def body_lines(group: ET.Element) -> list[str]:
    return [
        (t.text or "").replace("\xa0", " ")
        for t in group.iter(f"{SVG}text")
        if t.get("font-size") == "11.00"
    ]


@needs_dot
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_valid_maps_render_to_svg_showing_every_text(amap):
    with tempfile.TemporaryDirectory() as tmp:
        loaded = load(write_map(Path(tmp), files_of(amap)))
    source = to_dot(loaded, findings=[]).source
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=False)
    assert (done.returncode, done.stderr.decode()) == (0, "")
    svg = ET.fromstring(done.stdout)
    groups = {g.get("id"): g for g in svg.iter(f"{SVG}g")}
    for record in [*loaded.claims.values(), *loaded.evidence.values()]:
        text = record.text if hasattr(record, "text") else record.summary
        expected = [line for line in wrap_lines(text) if line.strip()]
        shown = [line for line in body_lines(groups[f"node-{record.id}"]) if line.strip()]
        assert shown == [line.replace("\xa0", " ") for line in expected]


# --- corrupted maps -----------------------------------------------------------------------------

VALID = {
    "argmap.yaml": b"title: Tea\nsource: {title: An article}\nchecks: {AM401: info}\n",
    "claims/c.yaml": (
        b'- id: tea\n  kind: thesis\n  text: "Tea is \\"healthy\\" <b>&</b>."\n'
        b"  quote: Tea is healthy.\n  supported_by:\n    - trial\n"
        b"    - premises: [anti, good]\n      undercut_by: [dose]\n  attacked_by: [stain]\n"
        b"- id: anti\n  text: Tea holds antioxidants.\n  supported_by: [lab]\n"
        b"- {id: good, kind: assumption, text: Antioxidants are good.}\n"
        b"- id: stain\n  text: |\n    Tea stains\n    teeth.\n"
        b"- id: dose\n  kind: hypothesis\n  text: 'Doses are too small: \xe2\x98\x95'\n"
    ),
    "evidence/e.yaml": (
        b"id: trial\nkind: statistic\nsummary: A trial found so.\nreliability: B\n"
        b"credibility: 2\nsource:\n  title: A trial\n  date: 2025-07-11\n"
        b"---\nid: lab\nkind: document\nsummary: Assays.\nreliability: A\ncredibility: 2\n"
    ),
}


def corrupt(data: bytes, how: str, position: int, blob: bytes) -> bytes:
    at = position % (len(data) + 1)
    lines = data.splitlines(keepends=True) or [b""]
    line = position % len(lines)
    if how == "truncate":
        return data[:at]
    if how == "flip":
        if not data:
            return blob
        at = position % len(data)
        return data[:at] + bytes([data[at] ^ (blob[0] or 0xFF)]) + data[at + 1 :]
    if how == "insert":
        return data[:at] + blob + data[at:]
    if how == "tab":
        return data[:at] + b"\t" + data[at:]
    if how == "delete-line":
        return b"".join(lines[:line] + lines[line + 1 :])
    if how == "duplicate-line":
        return b"".join(lines[: line + 1] + lines[line:])
    raise AssertionError(how)


CORRUPTION = st.tuples(
    st.sampled_from(sorted(VALID)),
    st.sampled_from(["truncate", "flip", "insert", "tab", "delete-line", "duplicate-line"]),
    st.integers(0, 10_000),
    st.binary(min_size=1, max_size=8),
)


def assert_clean_failure_or_success(root: Path) -> None:
    try:
        load(root)
    except MapLoadError as error:
        assert error.findings
        for finding in error.findings:
            assert finding.code in LOAD_ERRORS
            assert finding.severity == "error"
            assert isinstance(finding.span.path, str)
            assert finding.span.path
            assert finding.span.line >= 1
            assert finding.span.column >= 1
            assert finding.message
        return
    try:
        exercise(root)
    except ArgmapError as error:
        # A `checks:` key that names no check is found when the checks are configured; it must
        # still say where it is (the CLI exits 2 with this message).
        assert re.match(r"^\S+argmap\.yaml:\d+:\d+: in `checks:`, no such check", str(error))


def test_the_uncorrupted_map_is_valid():
    with tempfile.TemporaryDirectory() as tmp:
        findings = exercise(write_map(Path(tmp), VALID))
    assert "AM101" not in {f.code for f in findings}


@SETTINGS
@given(st.lists(CORRUPTION, min_size=1, max_size=3))
def test_corrupted_maps_load_or_fail_with_positioned_findings(corruptions):
    files = dict(VALID)
    for path, how, position, blob in corruptions:
        files[path] = corrupt(files[path], how, position, blob)
    with tempfile.TemporaryDirectory() as tmp:
        assert_clean_failure_or_success(write_map(Path(tmp), files))


@SETTINGS
@given(maps(), st.data())
def test_corrupted_generated_maps_load_or_fail_with_positioned_findings(amap, data):
    files = files_of(amap)
    path = data.draw(st.sampled_from(sorted(files)))
    _, how, position, blob = data.draw(CORRUPTION)
    files[path] = corrupt(files[path], how, position, blob)
    with tempfile.TemporaryDirectory() as tmp:
        assert_clean_failure_or_success(write_map(Path(tmp), files))
