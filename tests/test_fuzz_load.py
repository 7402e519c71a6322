"""Fuzzing the loader with structure-aware corruptions (docs/security.md, "Fuzzing").

tests/test_properties.py corrupts map files byte by byte; here the corruption knows the shape of
a map: a value anywhere in a valid map (a record field, a reason, the config) is replaced by one
of the wrong type, a huge one, a deeply nested one, or a string of Unicode edge cases (RTL marks
and overrides, combining characters, zero-width joiners, lone surrogates, NUL, C1 controls,
noncharacters), or a key is renamed to one. The map is then written as YAML and loaded.

The property: `load` returns a map that `check` and `to_dot` handle, or raises `MapLoadError`
whose every finding names one of the map's files, a line within it, a column >= 1, a load-error
code and a message. No other exception, ever.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from argmap.checks import check
from argmap.errors import ArgmapError, MapLoadError
from argmap.load import LOAD_ERRORS, load
from argmap.render import to_dot
from fuzzing import corrupted_tree, edge_text, splice_deep

pytestmark = pytest.mark.usefixtures("both_yaml_readers")
"""Every test here runs with each YAML reader (tests/conftest.py)."""

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

VALID: dict[str, Any] = {
    "argmap.yaml": {
        "title": "Tea",
        "source": {"title": "An article", "url": "https://example.org/tea"},
        "checks": {"AM401": "info"},
    },
    "claims/c.yaml": [
        {
            "id": "tea",
            "kind": "thesis",
            "text": "Tea is healthy.",
            "quote": "Tea is healthy.",
            "tags": ["health"],
            "supported_by": ["trial", {"premises": ["anti", "good"], "undercut_by": ["dose"]}],
            "attacked_by": ["stain"],
        },
        {"id": "anti", "text": "Tea holds antioxidants.", "supported_by": ["lab"]},
        {"id": "good", "kind": "assumption", "text": "Antioxidants are good."},
        {"id": "stain", "text": "Tea stains teeth."},
        {"id": "dose", "kind": "hypothesis", "text": "Doses are too small."},
    ],
    "evidence/e.yaml": [
        {
            "id": "trial",
            "kind": "statistic",
            "summary": "A trial found so.",
            "reliability": "B",
            "credibility": 2,
            "source": {"title": "A trial", "date": "2025-07-11"},
        },
        {
            "id": "lab",
            "kind": "document",
            "summary": "Assays.",
            "reliability": "A",
            "credibility": 1,
        },
    ],
}


@st.composite
def corrupted_maps(draw: st.DrawFn) -> dict[str, bytes]:
    """The valid map with structural corruptions in one or more files, as the files' bytes."""
    names = draw(st.lists(st.sampled_from(sorted(VALID)), min_size=1, max_size=3, unique=True))
    files: dict[str, bytes] = {}
    for name, data in VALID.items():
        tree = draw(corrupted_tree(data)) if name in names else data
        text = yaml.safe_dump(tree, allow_unicode=draw(st.booleans()), sort_keys=False, width=60)
        # Lone surrogates dumped with allow_unicode cannot be UTF-8: written as CESU-8 bytes.
        files[name] = splice_deep(text).encode("utf-8", "surrogatepass")
    return files


def _lines(data: bytes) -> int:
    return data.count(b"\n") + data.count(b"\r") + 1


def assert_loads_or_fails_cleanly(files: dict[str, bytes]) -> str:
    """What happened ("loaded", "refused: AM002", ...) once the property holds."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        try:
            amap = load(root)
        except MapLoadError as error:
            assert error.findings
            for finding in error.findings:
                assert finding.code in LOAD_ERRORS, finding
                assert finding.message, finding
                relative = Path(finding.span.path).relative_to(root).as_posix()
                assert relative in files, finding
                assert 1 <= finding.span.line <= _lines(files[relative]) + 1, finding
                assert finding.span.column >= 1, finding
            return f"refused: {error.findings[0].code}"
        try:
            findings = check(amap)
        except ArgmapError as error:  # a `checks:` key naming no check: positioned, exit 2
            assert "argmap.yaml:" in str(error) and "no such check" in str(error), error
            return "refused: no such check"
        for finding in findings:
            assert finding.span.line >= 1 and finding.span.column >= 1, finding
        assert to_dot(amap, findings=findings).source.startswith("digraph argmap {")
    return "loaded"


def test_the_uncorrupted_map_loads_and_checks() -> None:
    files = {n: yaml.safe_dump(d, sort_keys=False).encode() for n, d in VALID.items()}
    assert assert_loads_or_fails_cleanly(files) == "loaded"
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files.items():
            (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / name).write_bytes(data)
        amap = load(tmp)
    assert len(amap.claims) == 5 and len(amap.evidence) == 2


@SETTINGS
@given(corrupted_maps())
def test_structurally_corrupted_maps_load_or_fail_with_positioned_findings(
    files: dict[str, bytes],
) -> None:
    event(assert_loads_or_fails_cleanly(files))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.sampled_from(["claims/c.yaml", "evidence/e.yaml", "argmap.yaml"]),
    st.integers(0, 10_000),
    edge_text,
)
def test_unicode_edge_cases_anywhere_in_a_file_load_or_fail_cleanly(
    name: str, position: int, insert: str
) -> None:
    # Raw, not as YAML would write them: inside keys, indentation, ids and escapes.
    files = {n: yaml.safe_dump(d, sort_keys=False).encode() for n, d in VALID.items()}
    at = position % (len(files[name]) + 1)
    files[name] = files[name][:at] + insert.encode("utf-8", "surrogatepass") + files[name][at:]
    event(assert_loads_or_fails_cleanly(files))
