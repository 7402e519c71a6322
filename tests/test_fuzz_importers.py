"""Fuzzing every importer: corrupted foreign files import or fail with positioned findings.

Each test takes a small valid file of one format, corrupts it (truncation, byte flips, Unicode
edge cases such as RTL overrides, combining marks, zero-width joiners, NUL, lone surrogates
encoded as bytes, invalid UTF-8, huge values, deep nesting) and reads it with the format's
``read``. The only acceptable outcomes are a `Conversion`, or an `ArgmapError` — and when that
error is a `MapLoadError`, every finding has a path and a 1-based line and column.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import formats
from argmap.errors import ArgmapError, MapLoadError
from argmap.formats import Conversion

ARGDOWN = """\
===
title: Pets
===

# Pets

[Cats]: Cats are good pets. #pets
  + <Calm>: Cats are calm.

    (1) Calm animals are good pets.
    (2) Cats are calm.
    ----
    (3) Cats are good pets.
  - [Scratch]: Cats scratch furniture.
    - [Posts]: A scratching post helps.
"""

KIALO = """\
Discussion Title: Are cats good pets?

1. Cats are good pets.
1.1. Pro: Cats are calm \\(mostly\\).
1.2. Con: Cats scratch furniture.
1.2.1. Con: A scratching post helps.
1.2.2. Pro: -> See 1.1.
"""

AIF = json.dumps(
    {
        "nodes": [
            {"nodeID": "1", "text": "Cats are good pets.", "type": "I"},
            {"nodeID": "2", "text": "Cats are calm.", "type": "I"},
            {"nodeID": "3", "text": "Default Inference", "type": "RA"},
            {"nodeID": "4", "text": "Cats scratch furniture.", "type": "I"},
            {"nodeID": "5", "text": "Default Conflict", "type": "CA"},
        ],
        "edges": [
            {"edgeID": "a", "fromID": "2", "toID": "3"},
            {"edgeID": "b", "fromID": "3", "toID": "1"},
            {"edgeID": "c", "fromID": "4", "toID": "5"},
            {"edgeID": "d", "fromID": "5", "toID": "1"},
        ],
        "locutions": [],
    },
    indent=1,
)

MICROTEXT = """\
<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="micro_x1" topic_id="cats" stance="pro">
  <edu id="e1"><![CDATA[Cats are good pets,]]></edu>
  <edu id="e2"><![CDATA[because they are calm.]]></edu>
  <edu id="e3"><![CDATA[They do scratch furniture, though.]]></edu>
  <adu id="a1" type="pro"/>
  <adu id="a2" type="pro"/>
  <adu id="a3" type="opp"/>
  <edge id="c1" src="e1" trg="a1" type="seg"/>
  <edge id="c2" src="e2" trg="a2" type="seg"/>
  <edge id="c3" src="e3" trg="a3" type="seg"/>
  <edge id="c4" src="a2" trg="a1" type="sup"/>
  <edge id="c5" src="a3" trg="a1" type="reb"/>
</arggraph>
"""

CARNEADES = """\
meta:
  title: Dung attack cycle

statements:
  ua: ¬app(a)
  ub: ¬app(b)

arguments:
  a:
    conclusion: ub
    undercutter: ua
  b:
    conclusion: ua
    undercutter: ub

assumptions: []
"""

ARGMAP_JSON = json.dumps(
    {
        "argmap": 1,
        "config": {"title": "Pets"},
        "claims": [
            {
                "id": "c1",
                "kind": "thesis",
                "text": "Cats are good pets.",
                "supported_by": [{"premises": ["c2"]}],
                "attacked_by": [{"premises": ["c3"]}],
            },
            {"id": "c2", "text": "Cats are calm."},
            {"id": "c3", "text": "Cats scratch furniture.", "tags": ["x"]},
        ],
        "evidence": [],
    },
    indent=1,
)

SAMPLES: dict[str, tuple[str, str]] = {
    "argdown": (ARGDOWN, "sample.argdown"),
    "kialo": (KIALO, "sample.txt"),
    "aif": (AIF, "sample.json"),
    "microtext": (MICROTEXT, "sample.xml"),
    "carneades": (CARNEADES, "sample.yml"),
    "json": (ARGMAP_JSON, "sample.json"),
}

INSERTS = [
    "\u200f".encode(),  # RIGHT-TO-LEFT MARK
    "\u202e".encode(),  # RIGHT-TO-LEFT OVERRIDE
    "\u0301\u0301\u0301".encode(),  # combining acute accents
    "\u200d".encode(),  # ZERO WIDTH JOINER
    "\ufeff".encode(),  # BOM / zero width no-break space
    b"\x00",
    b"\xed\xa0\x80",  # a lone surrogate, as CESU bytes: invalid UTF-8
    b"\xff\xfe",
    b"\r",
    b"\x1b[31m",
    b'"',
    b"<",
    b"]",
    b"\n1.1.1.1. Pro: ",
    b"x" * 100_000,
    b"[" * 3_000,
    b"{" * 3_000,
    b"<a>" * 2_000,
    b"  " * 500 + b"- ",
    b"99999999999999999999999999999",
]


@st.composite
def corrupted(draw: st.DrawFn, sample: bytes) -> bytes:
    data = bytearray(sample)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "duplicate"]))
        if action == "truncate":
            del data[at:]
        elif action == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(INSERTS))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif action == "duplicate":
            data[at:at] = data[max(0, at - 40) : at]
    return bytes(data)


def _read(name: str, suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / suffix
        path.write_bytes(data)
        try:
            result = formats.get(name).read(path)
        except MapLoadError as error:
            assert error.findings, "a MapLoadError without findings"
            for finding in error.findings:
                assert finding.span.line >= 1 and finding.span.column >= 1, finding
                assert finding.message
        except ArgmapError as error:
            assert str(error)
        else:
            assert isinstance(result, Conversion)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_samples_are_valid(name: str) -> None:
    text, suffix = SAMPLES[name]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / suffix
        path.write_text(text, encoding="utf-8")
        conversion = formats.get(name).read(path)
    assert len(conversion.map.claims) >= 2


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_corrupted_files_import_or_fail_cleanly(name: str) -> None:
    text, suffix = SAMPLES[name]

    @settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=corrupted(text.encode("utf-8")))
    def run(data: bytes) -> None:
        _read(name, suffix, data)

    run()


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize("insert", INSERTS, ids=range(len(INSERTS)))
def test_every_insert_at_every_third_line(name: str, insert: bytes) -> None:
    text, suffix = SAMPLES[name]
    lines = text.encode("utf-8").splitlines(keepends=True)
    for at in range(0, len(lines), 3):
        for column in (0, 2):
            line = lines[at]
            mutated = [*lines[:at], line[:column] + insert + line[column:], *lines[at + 1 :]]
            _read(name, suffix, b"".join(mutated))


@pytest.mark.parametrize("name", ["aif", "json"])
def test_json_nested_too_deeply_is_a_positioned_error(tmp_path: Path, name: str) -> None:
    # Found by this fuzzer: 3,000 nested brackets made json.loads raise RecursionError.
    path = tmp_path / "deep.json"
    path.write_text('{"nodes": ' + "[" * 3000 + "]" * 3000 + "}", encoding="utf-8")
    with pytest.raises(MapLoadError) as error:
        formats.get(name).read(path)
    [finding] = error.value.findings
    assert (finding.code, finding.span.line, finding.span.column) == ("AM009", 1, 74)
    assert "too deeply" in finding.message


@pytest.mark.parametrize(
    ("name", "suffix", "text"),
    [
        # Found by fuzzing: a name longer than an id may be (200) failed pydantic validation.
        (
            "carneades",
            "long.yml",
            CARNEADES.replace("assumptions: []", f"assumptions: [{'a' * 300}]"),
        ),
        ("microtext", "long.xml", MICROTEXT.replace('id="micro_x1"', f'id="{"m" * 300}"')),
    ],
)
def test_foreign_names_longer_than_an_id_are_shortened(
    tmp_path: Path, name: str, suffix: str, text: str
) -> None:
    path = tmp_path / suffix
    path.write_text(text, encoding="utf-8")
    amap = formats.get(name).read(path).map
    ids = [*amap.claims, *amap.config.sources]
    assert ids and max(len(i) for i in ids) <= 120


def test_an_unknown_xml_encoding_is_a_positioned_error(tmp_path: Path) -> None:
    # Found by fuzzing: encoding='UDF-8' made expat raise LookupError.
    path = tmp_path / "bad.xml"
    path.write_text(MICROTEXT.replace("UTF-8", "UDF-8"), encoding="utf-8")
    with pytest.raises(MapLoadError) as error:
        formats.get("microtext").read(path)
    [finding] = error.value.findings
    assert (finding.code, finding.span.line, finding.span.column) == ("AM009", 1, 1)
    assert "UDF-8" in finding.message


@pytest.mark.parametrize("name", ["aif", "json"])
def test_a_duplicate_key_before_a_syntax_error_reports_the_syntax_error(
    tmp_path: Path, name: str
) -> None:
    # Found by fuzzing: the duplicate-key path assumed the rest of the text was valid JSON
    # (IndexError, JSONDecodeError).
    path = tmp_path / "dup.json"
    path.write_text('{"a": 1, "a": 2,\n "b": [}', encoding="utf-8")
    with pytest.raises(MapLoadError) as error:
        formats.get(name).read(path)
    [finding] = error.value.findings
    assert (finding.code, finding.span.line) == ("AM009", 2)
    assert "syntax error" in finding.message
