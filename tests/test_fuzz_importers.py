"""Fuzzing every importer: corrupted foreign files import or fail with positioned findings.

Each test takes a small valid file of one format, corrupts it (truncation, byte flips, Unicode
edge cases such as RTL overrides, combining marks, zero-width joiners, NUL, lone surrogates
encoded as bytes, invalid UTF-8, huge values, deep nesting) and reads it with the format's
``read``. The only acceptable outcomes are a `Conversion`, or an `ArgmapError` — and when that
error is a `MapLoadError`, every finding has a path and a 1-based line and column.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from argmap import formats
from argmap.errors import MapLoadError
from argmap.formats import Conversion, aif, argdown, carneades, json_, kialo, microtext
from fuzzing import corrupted_tree, edge_text, splice_deep

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


def assert_positioned(error: MapLoadError, path: str) -> str:
    """Every finding of ``error`` is in the file ``path``, at line and column >= 1, with an AMxxx
    code and a message; returns the first code (for hypothesis' statistics)."""
    assert error.findings, "a MapLoadError without findings"
    for finding in error.findings:
        assert finding.span.path == path, finding
        assert finding.span.line >= 1 and finding.span.column >= 1, finding
        assert re.fullmatch(r"AM\d{3}", finding.code), finding
        assert finding.message, finding
    return error.findings[0].code


def _read(name: str, suffix: str, data: bytes) -> str:
    """Read ``data`` as a ``name`` file: a `Conversion` or a positioned `MapLoadError`, only."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / suffix
        path.write_bytes(data)
        try:
            result = formats.get(name).read(path)
        except MapLoadError as error:
            return "refused: " + assert_positioned(error, str(path))
        assert isinstance(result, Conversion)
        return "imported"


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


@pytest.mark.parametrize("encoding", ["UTF-7", "shift_jis", "big5"])
def test_an_xml_encoding_expat_cannot_read_is_a_positioned_error(
    tmp_path: Path, encoding: str
) -> None:
    # Found by atheris (fuzz/fuzz_import.py microtext): encoding='UTF-7' made expat raise
    # ValueError("multi-byte encodings are not supported").
    path = tmp_path / "bad.xml"
    path.write_text(MICROTEXT.replace("UTF-8", encoding), encoding="utf-8")
    with pytest.raises(MapLoadError) as error:
        formats.get("microtext").read(path)
    [finding] = error.value.findings
    assert (finding.code, finding.span.line, finding.span.column) == ("AM009", 1, 1)
    assert "cannot read" in finding.message


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


# --- structure-aware corruptions and Unicode edge cases ----------------------------------------

TREES = {
    "aif": json.loads(AIF),
    "json": json.loads(ARGMAP_JSON),
    "carneades": yaml.safe_load(CARNEADES),
}


@pytest.mark.parametrize("name", sorted(TREES))
def test_corrupted_trees_import_or_fail_cleanly(name: str) -> None:
    # Values of the wrong type, huge, deeply nested or of Unicode edge cases, anywhere in a
    # JSON or YAML file; lone surrogates as \ud800 escapes or as raw (invalid) bytes.
    _, suffix = SAMPLES[name]

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
    @given(tree=corrupted_tree(TREES[name]), ascii_only=st.booleans())
    def run(tree: Any, ascii_only: bool) -> None:
        if name == "carneades":
            text = yaml.safe_dump(tree, allow_unicode=not ascii_only, sort_keys=False)
        else:
            text = json.dumps(tree, ensure_ascii=ascii_only, indent=draw_indent(tree))
        event(_read(name, suffix, splice_deep(text).encode("utf-8", "surrogatepass")))

    run()


def draw_indent(tree: Any) -> int | None:
    return None if isinstance(tree, dict) and len(tree) % 2 else 1


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_unicode_edge_cases_anywhere_import_or_fail_cleanly(name: str) -> None:
    text, suffix = SAMPLES[name]

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(position=st.integers(0, len(text)), insert=edge_text)
    def run(position: int, insert: str) -> None:
        mutated = text[:position] + insert + text[position:]
        event(_read(name, suffix, mutated.encode("utf-8", "surrogatepass")))

    run()


PARSERS = {
    "argdown": lambda text, path: argdown.parse_argdown(text, path),
    "kialo": lambda text, path: kialo.parse_kialo(text, path),
    "carneades": lambda text, path: carneades.parse_carneades(text, path),
    "aif": lambda text, path: aif.parse_aif(text, path),
    "json": lambda text, path: json_.parse_json(text, path),
    "microtext": lambda text, path: microtext.parse_microtext(text, path),
}


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_parse_functions_given_any_text_return_or_fail_cleanly(name: str) -> None:
    # The parse_x(text) entry points take a str, which (unlike a UTF-8 file) can hold lone
    # surrogates; edge cases go in at any position.
    text, _ = SAMPLES[name]

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(position=st.integers(0, len(text)), insert=edge_text)
    def run(position: int, insert: str) -> None:
        try:
            PARSERS[name](text[:position] + insert + text[position:], "given.txt")
        except MapLoadError as error:
            event("refused: " + assert_positioned(error, "given.txt"))
        else:
            event("parsed")

    run()


@pytest.mark.parametrize("name", ["argdown", "kialo", "microtext"])
def test_a_lone_surrogate_in_parsed_text_is_a_positioned_error(name: str) -> None:
    # Found by test_parse_functions_given_any_text_return_or_fail_cleanly: Kialo raised
    # pydantic's ValidationError, microtext UnicodeEncodeError, Argdown built a map holding it.
    text, _ = SAMPLES[name]
    at = text.index("Cats") + 2
    with pytest.raises(MapLoadError) as error:
        PARSERS[name](text[:at] + "\ud800" + text[at:], "given.txt")
    [finding] = error.value.findings
    line = text[:at].count("\n") + 1
    column = at - text.rfind("\n", 0, at)
    assert (finding.code, finding.span.path) == ("AM009", "given.txt")
    assert (finding.span.line, finding.span.column) == (line, column)
    assert "lone surrogate \\ud800" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "<A>\n\n(" + "9" * 5000 + ") P.\n----\n(2) C.\n",
        "[S]: text {x: " + "9" * 5000 + "}\n",
        "[S]: text {x: [" + "9" * 5000 + ", a: b]}\n",
    ],
    ids=["statement-number", "flow-data", "yaml-data"],
)
def test_argdown_with_an_integer_of_thousands_of_digits_imports_or_fails_cleanly(
    tmp_path: Path, text: str
) -> None:
    # Found by the fuzz tests: int() refuses more than 4,300 digits (ValueError).
    path = tmp_path / "big.argdown"
    path.write_text(text, encoding="utf-8")
    try:
        amap = formats.get("argdown").read(path).map
    except MapLoadError as error:
        [finding] = error.findings
        assert (finding.span.line, finding.span.column) == (3, 1)
        assert "at most 18 digits" in finding.message
    else:
        assert "statement-number" not in text and len(amap.claims) == 1


@pytest.mark.parametrize("name", ["aif", "json"])
def test_a_json_integer_of_thousands_of_digits_is_a_positioned_error(
    tmp_path: Path, name: str
) -> None:
    # Found by the fuzz tests: the message said "Exceeds the limit ... is not a JSON number" at 1:1.
    path = tmp_path / "big.json"
    path.write_text('{"nodes": [],\n  "x": -' + "9" * 5000 + "}", encoding="utf-8")
    with pytest.raises(MapLoadError) as error:
        formats.get(name).read(path)
    [finding] = error.value.findings
    assert (finding.code, finding.span.line, finding.span.column) == ("AM009", 2, 8)
    assert finding.message == "an integer of 5,000 digits; expected at most 4,300 digits"


def test_the_argmap_importer_reads_a_corrupted_map_or_fails_cleanly() -> None:
    # The `argmap` importer is the loader (tests/test_fuzz_load.py fuzzes it in depth); here
    # through the importer's own entry point, with files positioned relative to the folder.
    valid = {
        "claims/c.yaml": b"- id: a\n  kind: thesis\n  text: Cats are good pets.\n"
        b"  supported_by: [b]\n- {id: b, text: Cats are calm.}\n",
        "evidence/e.yaml": b"id: e\nkind: document\nsummary: S.\nreliability: A\ncredibility: 1\n",
    }

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(name=st.sampled_from(sorted(valid)), data=st.data())
    def run(name: str, data: st.DataObject) -> None:
        files = {**valid, name: data.draw(corrupted(valid[name]))}
        with tempfile.TemporaryDirectory() as folder:
            for file, content in files.items():
                (Path(folder) / file).parent.mkdir(parents=True, exist_ok=True)
                (Path(folder) / file).write_bytes(content)
            try:
                result = formats.get("argmap").read(folder)
            except MapLoadError as error:
                for finding in error.findings:
                    assert finding.span.path.startswith(folder), finding
                    assert finding.span.line >= 1 and finding.span.column >= 1, finding
                    assert re.fullmatch(r"AM\d{3}", finding.code) and finding.message, finding
            else:
                assert isinstance(result, Conversion)

    run()


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("statements:\n  ? ''\n  : Some text.\n  b: B.\n", (2, 5)),
        ("statements:\n  ' ': Some text.\n  b: B.\n", (2, 3)),
        ("statements:\n  &4 : x\n  b: B.\n", (2, 3)),
        ("statements:\n  b: B.\nassumptions: [b, '']\n", (3, 18)),
    ],
    ids=["empty-key", "blank-key", "anchored-null-key", "empty-assumption"],
)
def test_a_carneades_statement_with_an_empty_id_is_a_positioned_error(
    tmp_path: Path, text: str, position: tuple[int, int]
) -> None:
    # Found by atheris (fuzz/fuzz_import.py carneades): an anchored empty key (`&4:`) became a
    # claim with empty text and pydantic's ValidationError escaped.
    path = tmp_path / "empty.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MapLoadError) as error:
        formats.get("carneades").read(path)
    [finding] = error.value.findings
    assert (finding.code, (finding.span.line, finding.span.column)) == ("AM009", position)
    assert "empty id" in finding.message


def test_a_blank_carneades_wording_template_falls_back_to_the_id(tmp_path: Path) -> None:
    path = tmp_path / "blank.yml"
    path.write_text("language:\n  rain/0: '   '\nassumptions: [rain]\n", encoding="utf-8")
    [claim] = formats.get("carneades").read(path).map.claims.values()
    assert claim.text == "rain"


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ('===\nmap: {"a\x01b": {isGroup: true}}\n===\n\n[S]: text\n', (2, 9)),
        ('[S]: text {"a\x01b": 1}\n', (1, 14)),
        ('[S]: text {x: "a\x01b"}\n', (1, 17)),
    ],
    ids=["front-matter-key", "data-key", "data-value"],
)
def test_a_control_character_in_a_quoted_argdown_data_key_is_a_positioned_error(
    tmp_path: Path, text: str, position: tuple[int, int]
) -> None:
    # Found by atheris (fuzz/fuzz_import.py argdown): a raw control character in a quoted key of
    # a flow mapping made the fast {data} reader's json.loads raise JSONDecodeError.
    path = tmp_path / "ctl.argdown"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MapLoadError) as error:
        formats.get("argdown").read(path)
    [finding] = error.value.findings
    assert (finding.code, (finding.span.line, finding.span.column)) == ("AM009", position)
    assert "U+0001" in finding.message


def test_a_kialo_link_to_a_link_that_points_nowhere_is_a_positioned_error(tmp_path: Path) -> None:
    # Found by atheris (fuzz/fuzz_import.py kialo): following 1.1 -> 1.2 -> 9.9 raised KeyError.
    path = tmp_path / "chain.txt"
    path.write_text(
        "Discussion Title: T\n\n1. Thesis.\n1.1. Pro: -> See 1.2.\n1.2. Pro: -> See 9.9.\n",
        encoding="utf-8",
    )
    with pytest.raises(MapLoadError) as error:
        formats.get("kialo").read(path)
    [finding] = error.value.findings
    assert (finding.code, finding.span.line) == ("AM009", 5)
    assert finding.message == "'-> See 9.9.' points to no claim in this export"
