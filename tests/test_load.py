"""`argmap.load`: a map directory in, an `ArgumentMap` or every problem with its position out.

Wrong input of any kind ends in a `MapLoadError` whose findings name the file, line and column,
say what is wrong and what was expected; ``argmap check`` turns it into exit status 2 with those
lines on stderr and no traceback.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.cli import cli
from argmap.errors import ArgmapError, MapLoadError
from argmap.findings import Finding
from argmap.load import LOAD_ERRORS, load
from argmap.span import Span
from conftest import write_map

pytestmark = pytest.mark.usefixtures("both_yaml_readers")
"""Every test here runs with each YAML reader (tests/conftest.py)."""

C1 = "id: c1\ntext: T.\n"
E1 = "id: e1\nkind: statistic\nsummary: S.\nreliability: B\ncredibility: 2\n"
ID_RULE = "an id uses letters, digits, '_', '.', '-' and starts with a letter or digit"


def billion_laughs() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def load_errors(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    """Load ``root`` from inside it (as ``argmap check`` there would) and return the findings."""
    monkeypatch.chdir(root)
    with pytest.raises(MapLoadError) as raised:
        load(".")
    return raised.value.findings


def positions(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.span.path, f.span.line, f.span.column, f.code) for f in findings]


# Each case: the map's files → the findings, as (path, line, column, code, phrases): every phrase
# must be in the message (what is wrong, and what was expected).
CASES = [
    # --- YAML that does not parse -------------------------------------------------------------
    pytest.param(
        {"claims/c.yaml": "id: c1\ntext: [a, b\n"},
        [("claims/c.yaml", 3, 1, "AM002", ("YAML syntax error", "expected valid YAML"))],
        id="yaml-syntax-error",
    ),
    pytest.param(
        {"claims/c.yaml": "id: c1\n text: x\n"},
        [("claims/c.yaml", 2, 6, "AM002", ("mapping values are not allowed", "indentation"))],
        id="yaml-bad-indentation",
    ),
    pytest.param(
        {"claims/c.yaml": "id: c1\nsupported_by:\n\t- e1\n"},
        [("claims/c.yaml", 3, 1, "AM002", ("tab character in indentation", "expected spaces"))],
        id="tab-indentation",
    ),
    pytest.param(
        {"claims/c.yaml": "- id: c1\n  text: T.\n  tags:\n  \t- x\n"},
        [("claims/c.yaml", 4, 3, "AM002", ("tab character in indentation",))],
        id="tab-after-spaces",
    ),
    pytest.param(
        {"claims/c.yaml": "id: c1\ntext: *t\n"},
        [("claims/c.yaml", 2, 7, "AM002", ("alias *t refers to no anchor", "expected &t"))],
        id="undefined-alias",
    ),
    # --- bytes and characters -----------------------------------------------------------------
    pytest.param(
        {"claims/c.yaml": b"id: c1\ntext: caf\xe9\n"},
        [("claims/c.yaml", 2, 10, "AM001", ("byte 0xe9 is not valid UTF-8", "expected a UTF-8"))],
        id="latin-1-byte",
    ),
    pytest.param(
        {"claims/c.yaml": b"id: c1\ntext: \xc3\xa9\xff\n"},
        [("claims/c.yaml", 2, 8, "AM001", ("byte 0xff is not valid UTF-8",))],
        id="bad-byte-after-multibyte-character",
    ),
    pytest.param(
        {"claims/c.yaml": b"\xef\xbb\xbfid: \xff\n"},
        [("claims/c.yaml", 1, 5, "AM001", ("byte 0xff",))],
        id="bad-byte-after-bom",
    ),
    pytest.param(
        {"claims/c.yaml": "id: c1\ntext: T.\n".encode("utf-16")},
        [("claims/c.yaml", 1, 1, "AM001", ("the file is UTF-16 text", "expected UTF-8"))],
        id="utf-16",
    ),
    pytest.param(
        {"claims/c.yaml": b"id: c1\ntext: a\x00b\n"},
        [("claims/c.yaml", 2, 8, "AM001", ("NUL byte", "expected a YAML text file"))],
        id="nul-byte",
    ),
    pytest.param(
        {"claims/c.yaml": bytes(range(256)) * 4},
        [("claims/c.yaml", 1, 1, "AM001", ("looks like a binary file",))],
        id="binary-file",
    ),
    pytest.param(
        {"claims/c.yaml": "id: c1\ntext: a\x07b\n"},
        [("claims/c.yaml", 2, 8, "AM001", ("control character U+0007", "printable characters"))],
        id="control-character",
    ),
    pytest.param(
        {"claims/c.yaml": "id: c1\ntext: a\u2028b\n"},
        [("claims/c.yaml", 2, 8, "AM001", ("U+2028 (line separator)", "plain space or newline"))],
        id="line-separator",
    ),
    # --- files that hold no record --------------------------------------------------------------
    pytest.param(
        {"claims/c.yaml": ""},
        [("claims/c.yaml", 1, 1, "AM005", ("the file is empty", "expected a claim"))],
        id="empty-file",
    ),
    pytest.param(
        {"evidence/e.yaml": "# to do\n"},
        [("evidence/e.yaml", 1, 1, "AM005", ("the file is empty", "expected an evidence record"))],
        id="comment-only-file",
    ),
    pytest.param(
        {"claims/c.yaml": "~\n"},
        [("claims/c.yaml", 1, 1, "AM005", ("holds nothing (null)", "expected a claim"))],
        id="null-file",
    ),
    pytest.param(
        {"claims/c.yaml": "Tea is healthy.\n"},
        [("claims/c.yaml", 1, 1, "AM005", ("holds text ('Tea is healthy.')", "expected a claim"))],
        id="top-level-text",
    ),
    pytest.param(
        {"evidence/e.yaml": "42\n"},
        [("evidence/e.yaml", 1, 1, "AM005", ("holds a number (42)", "expected an evidence"))],
        id="top-level-number",
    ),
    pytest.param(
        {"claims/c.yaml": "- id: c1\n  text: T.\n- c2\n- [x]\n"},
        [
            ("claims/c.yaml", 3, 3, "AM005", ("list item is text ('c2')", "expected a claim")),
            ("claims/c.yaml", 4, 3, "AM005", ("list item is a list of 1 item",)),
        ],
        id="list-item-not-a-mapping",
    ),
    pytest.param(
        {"claims/c.yaml": "[]\n"},
        [("claims/c.yaml", 1, 1, "AM005", ("the list is empty", "expected a claim"))],
        id="empty-list",
    ),
    # --- unsafe YAML ------------------------------------------------------------------------------
    pytest.param(
        {"claims/c.yaml": "id: c1\ntext: !!python/object/apply:os.system ['true']\n"},
        [
            (
                "claims/c.yaml",
                2,
                7,
                "AM003",
                ("YAML tag !!python/object/apply:os.system is not allowed", "plain data only"),
            )
        ],
        id="python-object-tag",
    ),
    pytest.param(
        {"claims/c.yaml": "!claim\nid: c1\ntext: T.\n"},
        [("claims/c.yaml", 1, 1, "AM003", ("YAML tag !claim is not allowed",))],
        id="local-tag",
    ),
    pytest.param(
        {"claims/c.yaml": billion_laughs()},
        [("claims/c.yaml", 5, 36, "AM003", ("alias bomb", "repeat small pieces only"))],
        id="alias-bomb",
    ),
    pytest.param(
        {"claims/c.yaml": C1 + "note: " + "[" * 100 + "]" * 100 + "\n"},
        [("claims/c.yaml", 3, 70, "AM003", ("nesting is deeper than 64 levels",))],
        id="deep-nesting",
    ),
    pytest.param(
        {"claims/c.yaml": "? [a]\n: b\n"},
        [("claims/c.yaml", 1, 3, "AM003", ("cannot be used as a key", "plain key"))],
        id="list-as-key",
    ),
    pytest.param(
        {"claims/c.yaml": "<<: 1\nid: c1\ntext: T.\n"},
        [("claims/c.yaml", 1, 5, "AM003", ("the merge key << takes a mapping",))],
        id="merge-of-a-number",
    ),
    # --- duplicate keys and ids -------------------------------------------------------------------
    pytest.param(
        {"claims/c.yaml": "id: c1\ntext: T.\ntext: U.\n"},
        [
            (
                "claims/c.yaml",
                3,
                1,
                "AM004",
                ("duplicate key 'text'", "first written at line 2, column 1", "each key once"),
            )
        ],
        id="duplicate-key",
    ),
    pytest.param(
        {"claims/c.yaml": "id: c1\nid: c2\ntext: T.\nnote: a\nnote: b\nfoo: 1\n"},
        [
            ("claims/c.yaml", 2, 1, "AM004", ("duplicate key 'id'",)),
            ("claims/c.yaml", 5, 1, "AM004", ("duplicate key 'note'",)),
            ("claims/c.yaml", 6, 1, "AM006", ("unknown field 'foo'",)),
        ],
        id="duplicate-keys-and-more-in-one-file",
    ),
    pytest.param(
        {"claims/a.yaml": C1, "claims/b.yaml": "# b\nid: c1\ntext: U.\n"},
        [
            (
                "claims/b.yaml",
                2,
                5,
                "AM007",
                ("duplicate id 'c1'", "also defined at claims/a.yaml:1:5", "every id once"),
            )
        ],
        id="duplicate-id-across-files",
    ),
    pytest.param(
        {"claims/c.yaml": C1, "evidence/e.yaml": E1.replace("e1", "c1")},
        [("evidence/e.yaml", 1, 5, "AM007", ("also defined at claims/c.yaml:1:5",))],
        id="duplicate-id-claim-and-evidence",
    ),
    pytest.param(
        {
            "claims/c.yaml": "- id: c1\n  text: T.\n  supported_by:\n"
            "    - {id: c2, premises: [c3]}\n- id: c2\n  text: U.\n"
        },
        [("claims/c.yaml", 5, 7, "AM007", ("also defined at claims/c.yaml:4:12",))],
        id="duplicate-id-of-a-named-reason",
    ),
    pytest.param(
        {"claims/a.yaml": "id: 42\ntext: T.\n", "claims/b.yaml": "id: '42'\ntext: U.\n"},
        [("claims/b.yaml", 1, 5, "AM007", ("duplicate id '42'",))],
        id="duplicate-id-number-and-text",
    ),
    # --- fields -----------------------------------------------------------------------------------
    pytest.param(
        {"claims/c.yaml": "id: c1\ntext: [a]\n"},
        [("claims/c.yaml", 2, 7, "AM006", ("text: expected text", "found a list of 1 item"))],
        id="wrong-type-text",
    ),
    pytest.param(
        {"claims/c.yaml": C1 + "tags: x\n"},
        [("claims/c.yaml", 3, 7, "AM006", ("tags: expected a list", "found text ('x')"))],
        id="wrong-type-list",
    ),
    pytest.param(
        {"claims/c.yaml": "id: c1\n"},
        [("claims/c.yaml", 1, 1, "AM006", ("missing required field 'text' in a claim",))],
        id="missing-field",
    ),
    pytest.param(
        {"evidence/e.yaml": "id: e1\nkind: statistic\n"},
        [
            (
                "evidence/e.yaml",
                1,
                1,
                "AM006",
                ("missing required fields 'summary', 'reliability', 'credibility'",),
            )
        ],
        id="missing-fields",
    ),
    pytest.param(
        {"evidence/e.yaml": "id: e1\nkind: stat\n"},
        [
            ("evidence/e.yaml", 1, 1, "AM006", ("missing required fields 'summary'",)),
            ("evidence/e.yaml", 2, 7, "AM006", ("kind: expected one of 'statistic'",)),
        ],
        id="missing-fields-and-a-wrong-one",
    ),
    pytest.param(
        {"claims/c.yaml": C1 + "suported_by: [c1]\n"},
        [("claims/c.yaml", 3, 1, "AM006", ("unknown field 'suported_by'", "'supported_by'?"))],
        id="unknown-field",
    ),
    pytest.param(
        {"claims/c.yaml": C1 + "source: {title: B, autor: A}\n"},
        [("claims/c.yaml", 3, 20, "AM006", ("unknown field 'autor' in a source", "'author'?"))],
        id="unknown-field-in-a-source",
    ),
    pytest.param(
        {"claims/c.yaml": C1 + "supported_by:\n  - premise: [c2]\n"},
        [
            ("claims/c.yaml", 4, 5, "AM006", ("unknown field 'premise' in a reason", "'premises'")),
            ("claims/c.yaml", 4, 5, "AM006", ("missing required field 'premises' in a reason",)),
        ],
        id="unknown-field-in-a-reason",
    ),
    pytest.param(
        {"claims/c.yaml": C1 + "reliability: B\n"},
        [("claims/c.yaml", 3, 1, "AM006", ("belongs to evidence records, which go in evidence/",))],
        id="evidence-field-in-a-claim",
    ),
    pytest.param(
        {"claims/c.yaml": "id: c 1\ntext: T.\n"},
        [("claims/c.yaml", 1, 5, "AM006", ("'c 1' is not a valid id", ID_RULE))],
        id="id-with-a-space",
    ),
    pytest.param(
        {"claims/c.yaml": C1 + "supported_by: [{premises: [a/b]}]\n"},
        [("claims/c.yaml", 3, 28, "AM006", ("'a/b' is not a valid id", ID_RULE))],
        id="premise-id-with-a-slash",
    ),
    pytest.param(
        {"claims/c.yaml": "id: " + "a" * 201 + "\ntext: T.\n"},
        [("claims/c.yaml", 1, 5, "AM006", ("too long (201 characters)", "at most 200"))],
        id="id-too-long",
    ),
    pytest.param(
        {"claims/c.yaml": "id: c1\ntext: yes\n"},
        [
            (
                "claims/c.yaml",
                2,
                7,
                "AM006",
                ("YAML 1.1 reads as true", 'put it in quotes if it is text: "yes"'),
            )
        ],
        id="bare-yes-as-text",
    ),
    pytest.param(
        {"claims/c.yaml": "id: c1\ntext: 3.50\n"},
        [("claims/c.yaml", 2, 7, "AM006", ("found a number (3.50)", '"3.50"'))],
        id="number-as-text",
    ),
    pytest.param(
        {"claims/c.yaml": "id: c1\ntext:\n"},
        [("claims/c.yaml", 2, 6, "AM006", ("found nothing", "write it after the colon"))],
        id="no-text",
    ),
    pytest.param(
        {"evidence/e.yaml": E1.replace("credibility: 2", "credibility: yes")},
        [("evidence/e.yaml", 5, 14, "AM006", ("expected one of 1, 2, 3, 4, 5 or 6", "yes"))],
        id="bare-yes-as-credibility",
    ),
    pytest.param(
        {"evidence/e.yaml": E1.replace("credibility: 2", "credibility: '2'")},
        [("evidence/e.yaml", 5, 14, "AM006", ("write it as a number, without quotes",))],
        id="quoted-credibility",
    ),
    pytest.param(
        {"claims/c.yaml": C1 + "kind: thesys\n"},
        [("claims/c.yaml", 3, 7, "AM006", ("expected one of 'thesis'", "did you mean 'thesis'?"))],
        id="kind-typo",
    ),
    pytest.param(
        {"claims/c.yaml": C1 + "supported_by: [{premises: []}]\n"},
        [("claims/c.yaml", 3, 27, "AM006", ("expected at least 1 item, found an empty list",))],
        id="no-premises",
    ),
    pytest.param(
        {"claims/c.yaml": C1 + "source: [a]\n"},
        [("claims/c.yaml", 3, 9, "AM006", ("expected an id (text) or a source (a mapping",))],
        id="source-as-a-list",
    ),
    pytest.param(
        {"claims/c.yaml": C1 + "supported_by: [42]\n"},
        [("claims/c.yaml", 3, 16, "AM006", ("expected a reason", 'in quotes: "42"'))],
        id="number-as-a-reason",
    ),
    pytest.param(
        {"claims/c.yaml": b"id: c1\r\ntext: T.\r\nfoo: 1\r\n"},
        [("claims/c.yaml", 3, 1, "AM006", ("unknown field 'foo'",))],
        id="crlf-positions",
    ),
    pytest.param(
        {"claims/c.yml": "id: c1\n", "claims/sub/d.yaml": "id: d1\n"},
        [
            ("claims/c.yml", 1, 1, "AM006", ("missing required field 'text'",)),
            ("claims/sub/d.yaml", 1, 1, "AM006", ("missing required field 'text'",)),
        ],
        id="yml-and-subdirectories-are-read",
    ),
    # --- argmap.yaml ------------------------------------------------------------------------------
    pytest.param(
        {"argmap.yaml": "title: [a]\n", "claims/c.yaml": C1},
        [("argmap.yaml", 1, 8, "AM006", ("title: expected text",))],
        id="config-wrong-type",
    ),
    pytest.param(
        {"argmap.yaml": "checks:\n  unsuported-claim: warning\n", "claims/c.yaml": C1},
        [
            (
                "argmap.yaml",
                2,
                3,
                "AM006",
                ("no such check: 'unsuported-claim'", "did you mean 'unsupported-claim'?"),
            )
        ],
        id="config-unknown-check",
    ),
    pytest.param(
        {"argmap.yaml": "checks:\n  am201: warning\n  zzz: info\n", "claims/c.yaml": C1},
        [
            ("argmap.yaml", 2, 3, "AM006", ("no such check: 'am201'", "did you mean 'AM201'?")),
            ("argmap.yaml", 3, 3, "AM006", ("no such check: 'zzz'", "expected a code such as")),
        ],
        id="config-unknown-checks",
    ),
    pytest.param(
        {"argmap.yaml": "checks:\n  AM004: 'off'\n", "claims/c.yaml": C1},
        [("argmap.yaml", 2, 3, "AM006", ("load errors (AM0xx) cannot be configured",))],
        id="config-load-error-as-check",
    ),
    pytest.param(
        {"argmap.yaml": "checks: {AM201: loud}\n", "claims/c.yaml": C1},
        [("argmap.yaml", 1, 17, "AM006", ("expected one of 'error', 'warning', 'info' or 'off'",))],
        id="config-bad-severity",
    ),
    pytest.param(
        {"argmap.yaml": "titel: x\n", "claims/c.yaml": C1},
        [("argmap.yaml", 1, 1, "AM006", ("unknown field 'titel' in argmap.yaml", "'title'?"))],
        id="config-unknown-field",
    ),
    pytest.param(
        {"argmap.yaml": "sources:\n  a b: {title: T}\n", "claims/c.yaml": C1},
        [("argmap.yaml", 2, 3, "AM006", ("sources: 'a b' is not a valid id", ID_RULE))],
        id="config-bad-source-id",
    ),
    pytest.param(
        {"argmap.yaml": "- title: x\n", "claims/c.yaml": C1},
        [("argmap.yaml", 1, 1, "AM005", ("holds a list of 1 item", "a mapping of settings"))],
        id="config-list",
    ),
    pytest.param(
        {"argmap.yaml": "title: a\n---\ntitle: b\n", "claims/c.yaml": C1},
        [("argmap.yaml", 3, 1, "AM005", ("holds 2 YAML documents", "expected one mapping"))],
        id="config-two-documents",
    ),
    pytest.param(
        {"argmap.yaml": "title: a\ntitle: b\n", "claims/c.yaml": C1},
        [("argmap.yaml", 2, 1, "AM004", ("duplicate key 'title'",))],
        id="config-duplicate-key",
    ),
    pytest.param(
        {"argmap.yaml": "title: [\n", "claims/c.yaml": C1},
        [("argmap.yaml", 2, 1, "AM002", ("YAML syntax error",))],
        id="config-syntax-error",
    ),
    pytest.param(
        {"argmap.yaml": "title: a\n", "argmap.yml": "title: b\n", "claims/c.yaml": C1},
        [("argmap.yml", 1, 1, "AM008", ("both argmap.yaml and argmap.yml exist", "expected one"))],
        id="config-twice",
    ),
    # --- the map as a whole -----------------------------------------------------------------------
    pytest.param(
        {"claims/README.md": "Claims go here.\n"},
        [(".", 1, 1, "AM008", ("the map has no records", "expected YAML files in claims/"))],
        id="no-records",
    ),
    pytest.param(
        {
            "evidence/e.yaml": "id: e1\nkind: statistic\nsumary: S.\nreliability: B\n"
            "credibility: 2\n",
            "claims/b.yaml": "id: b\ntext: [\n",
            "claims/a.yaml": "id: a\n",
            "argmap.yaml": "checks: {AM999: off}\n",
        },
        [
            ("argmap.yaml", 1, 10, "AM006", ("no such check: 'AM999'",)),
            ("claims/a.yaml", 1, 1, "AM006", ("missing required field 'text'",)),
            ("claims/b.yaml", 3, 1, "AM002", ("YAML syntax error",)),
            ("evidence/e.yaml", 1, 1, "AM006", ("missing required field 'summary'",)),
            ("evidence/e.yaml", 3, 1, "AM006", ("unknown field 'sumary'", "'summary'?")),
        ],
        id="several-errors-in-several-files",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_bad_input_is_reported_with_its_position(make_map, monkeypatch, files, expected):
    findings = load_errors(make_map(files), monkeypatch)
    assert positions(findings) == [row[:4] for row in expected]
    for finding, (*_, phrases) in zip(findings, expected, strict=True):
        for phrase in phrases:
            assert phrase in finding.message, finding.message
        assert (finding.name, finding.severity) == (LOAD_ERRORS[finding.code][0], "error")


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_argmap_check_on_bad_input_exits_2_with_the_positions(
    make_map, monkeypatch, files, expected
):
    monkeypatch.chdir(make_map(files))
    result = CliRunner().invoke(cli, ["check", "."], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    *lines, summary = result.stderr.splitlines()
    assert [line.split(" ", 2)[:2] for line in lines] == [
        [f"{path}:{line}:{column}:", code] for path, line, column, code, _ in expected
    ]
    count = len(expected)
    assert summary == f"argmap: the map cannot be loaded: {count} problem{'s' * (count != 1)}"
    assert "Traceback" not in result.output


def test_findings_of_several_files_are_sorted_and_summarised(make_map, monkeypatch):
    files = {"claims/b.yaml": "id: b\n", "claims/a.yaml": "id: a\nfoo: 1\n"}
    monkeypatch.chdir(make_map(files))
    with pytest.raises(MapLoadError) as raised:
        load(".")
    findings = raised.value.findings
    assert findings == sorted(findings, key=lambda f: (f.span.path, f.span.line, f.span.column))
    assert positions(findings) == [
        ("claims/a.yaml", 1, 1, "AM006"),
        ("claims/a.yaml", 2, 1, "AM006"),
        ("claims/b.yaml", 1, 1, "AM006"),
    ]
    assert str(raised.value) == (
        "claims/a.yaml:1:1: AM006 missing required field 'text' in a claim (required: id, text)"
        " (and 2 more)"
    )
    assert isinstance(raised.value, ArgmapError)


def test_a_duplicate_id_names_both_positions(make_map, monkeypatch):
    files = {"claims/a.yaml": C1, "claims/b.yaml": "\n\nid: c1\ntext: U.\n"}
    [finding] = load_errors(make_map(files), monkeypatch)
    assert finding.span == Span("claims/b.yaml", 3, 5)
    assert finding.related == (Span("claims/a.yaml", 1, 5),)
    assert finding.subject == "c1"


def test_a_duplicate_id_is_found_even_when_the_record_has_other_errors(make_map, monkeypatch):
    files = {"claims/a.yaml": C1, "claims/b.yaml": "id: c1\n"}
    assert positions(load_errors(make_map(files), monkeypatch)) == [
        ("claims/b.yaml", 1, 1, "AM006"),
        ("claims/b.yaml", 1, 5, "AM007"),
    ]


def test_paths_are_shown_as_the_map_was_named(make_map):
    root = make_map({"claims/c.yaml": "id: c1\n"})
    with pytest.raises(MapLoadError) as raised:
        load(root)
    [finding] = raised.value.findings
    assert finding.span.path == (root / "claims" / "c.yaml").as_posix()


# --- input that is accepted ---------------------------------------------------------------------


def test_a_utf8_byte_order_mark_is_accepted_and_not_a_column(make_map, monkeypatch):
    monkeypatch.chdir(make_map({"claims/c.yaml": b"\xef\xbb\xbfid: c1\ntext: T.\n"}))
    claim = load(".").claims["c1"]
    assert (claim.span, claim.where.of("id"), claim.where.of("text")) == (
        Span("claims/c.yaml", 1, 1),
        Span("claims/c.yaml", 1, 5),
        Span("claims/c.yaml", 2, 7),
    )


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_crlf_and_cr_line_endings_are_accepted_with_editor_positions(
    make_map, monkeypatch, newline
):
    text = newline.join([b"id: c1", b"text: T.", b"supported_by:", b"  - c2", b""])
    monkeypatch.chdir(make_map({"claims/c.yaml": text, "claims/d.yaml": "id: c2\ntext: U.\n"}))
    claim = load(".").claims["c1"]
    assert claim.text == "T."
    assert claim.where.of("supported_by", 0) == Span("claims/c.yaml", 4, 5)


def test_a_number_as_id_is_read_as_text(make_map, monkeypatch):
    files = {
        "claims/c.yaml": "- id: 42\n  text: T.\n- id: c1\n  text: U.\n  supported_by: ['42']\n"
    }
    monkeypatch.chdir(make_map(files))
    amap = load(".")
    assert list(amap.claims) == ["42", "c1"]
    assert amap.claims["c1"].supported_by[0].premises == ["42"]


def test_several_documents_in_one_file_are_several_records(make_map, monkeypatch):
    monkeypatch.chdir(make_map({"claims/c.yaml": f"{C1}---\n- id: c2\n  text: U.\n---\n"}))
    amap = load(".")
    assert {k: c.span for k, c in amap.claims.items()} == {
        "c1": Span("claims/c.yaml", 1, 1),
        "c2": Span("claims/c.yaml", 4, 3),
    }


def test_merge_keys_and_anchors_are_accepted(make_map, monkeypatch):
    files = {
        "evidence/e.yaml": (
            "- &base {id: e1, kind: statistic, summary: S., reliability: B, credibility: 2}\n"
            "- <<: *base\n"
            "  id: e2\n"
            "  credibility: 3\n"
        )
    }
    monkeypatch.chdir(make_map(files))
    evidence = load(".").evidence
    assert [(e.id, e.grade) for e in evidence.values()] == [("e1", "B2"), ("e2", "B3")]
    assert evidence["e2"].where.of("summary") == Span("evidence/e.yaml", 2, 7)


def _every_path(value: object, loc: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    paths = [loc]
    if isinstance(value, dict):
        for key, item in value.items():
            paths += _every_path(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            paths += _every_path(item, (*loc, index))
    return paths


@pytest.mark.parametrize("reasons", [2, 40])  # a small record is searched, a large one indexed
def test_a_loaded_record_keeps_the_position_of_every_value_it_was_read_from(
    make_map, monkeypatch, reasons
):
    listed = "".join(f"    - premises: [e{i}, e{i + 1}]\n" for i in range(reasons))
    text = (
        "- id: c0\n  text: T.\n"
        f"- id: c1\n  text: U.\n  tags: [a, b]\n  supported_by:\n    - e0\n{listed}"
        "  attacked_by: [c0]\n"
    )
    monkeypatch.chdir(make_map({"claims/c.yaml": text}))
    claim = load(".", cache=False).claims["c1"]
    from argmap.yamlread import parse_yaml

    doc = parse_yaml(text, "claims/c.yaml")
    record = doc.documents[0][1]
    assert claim.span == doc.positions[(0, 1)]
    for path in _every_path(record):
        assert claim.where.of(*path) == doc.positions[(0, 1, *path)], path
    assert claim.where.positions == {
        loc: span for loc, span in doc.positions.items() if loc[:2] == (0, 1)
    }
    # Paths never written fall back to the nearest written parent.
    parent = doc.positions[(0, 1, "supported_by", 0)]
    assert claim.where.of("supported_by", 0, "premises", 0) == parent
    assert claim.where.of("proof_standard") == claim.span


def test_positions_survive_the_cache(make_map, monkeypatch, tmp_path):
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    text = "- id: c1\n  text: T.\n  supported_by: [e1]\n- id: c2\n  text: U.\n"
    monkeypatch.chdir(make_map({"claims/c.yaml": text, "evidence/e.yaml": E1}))
    fresh = load(".", cache=True).claims
    cached = load(".", cache=True).claims
    for key in ("c1", "c2"):
        assert cached[key].span == fresh[key].span
        assert cached[key].where.of("supported_by", 0) == fresh[key].where.of("supported_by", 0)
        assert cached[key].where.of("text") == fresh[key].where.of("text")


def test_values_a_map_repeats_are_kept_once(make_map, monkeypatch):
    files = {
        "claims/a.yaml": "id: a\ntext: Same.\ntags: [policy]\nlocator: p. 3\n",
        "claims/b.yaml": "id: b\ntext: Same.\ntags: [policy]\nlocator: p. 3\n",
    }
    monkeypatch.chdir(make_map(files))
    a, b = load(".").claims.values()
    assert a.tags[0] is b.tags[0] and a.locator is b.locator


def test_a_record_that_is_an_alias_is_positioned_where_the_alias_is(make_map, monkeypatch):
    files = {"claims/c.yaml": "- &c {id: c1, text: T.}\n- *c\n"}
    monkeypatch.chdir(make_map(files))
    with pytest.raises(MapLoadError) as raised:
        load(".")
    [finding] = raised.value.findings
    assert (finding.code, finding.span, finding.related) == (
        "AM007",
        Span("claims/c.yaml", 2, 3),
        (Span("claims/c.yaml", 1, 11),),
    )


def test_a_bare_off_in_checks_turns_the_check_off(make_map, monkeypatch):
    files = {"argmap.yaml": "checks:\n  AM201: off\n  missing-quote: no\n", "claims/c.yaml": C1}
    monkeypatch.chdir(make_map(files))
    assert load(".").config.checks == {"AM201": "off", "missing-quote": "off"}


def test_checks_by_code_and_by_name_are_accepted(make_map, monkeypatch):
    files = {
        "argmap.yaml": "checks:\n  AM201: warning\n  missing-quote: info\n",
        "claims/c.yaml": C1,
    }
    monkeypatch.chdir(make_map(files))
    assert load(".").config.checks == {"AM201": "warning", "missing-quote": "info"}


def test_hidden_and_non_yaml_files_are_not_read(make_map, monkeypatch):
    files = {
        "claims/c.yaml": C1,
        "claims/.draft.yaml": "id: [",
        "claims/notes.txt": "\x00\x01",
        "claims/.git/x.yaml": "id: [",
    }
    monkeypatch.chdir(make_map(files))
    assert list(load(".").claims) == ["c1"]


def test_symlinked_files_and_directories_are_followed(make_map, monkeypatch, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "s.yaml").write_text("id: s1\ntext: S.\n", encoding="utf-8")
    root = make_map({"claims/c.yaml": C1})
    os.symlink(shared, root / "claims" / "shared")
    os.symlink(shared / "s.yaml", root / "claims" / "link.yaml")
    os.symlink(shared / "s.yaml", root / "evidence" / "nope.yml")  # a claim in evidence/
    findings = load_errors(root, monkeypatch)
    assert positions(findings) == [
        ("claims/shared/s.yaml", 1, 5, "AM007"),
        ("evidence/nope.yml", 1, 1, "AM006"),
        ("evidence/nope.yml", 1, 5, "AM007"),
        ("evidence/nope.yml", 2, 1, "AM006"),
    ]


# --- the map directory --------------------------------------------------------------------------


def test_a_map_directory_that_does_not_exist(tmp_path):
    with pytest.raises(MapLoadError) as raised:
        load(tmp_path / "nope")
    [finding] = raised.value.findings
    assert (finding.span, finding.code) == (Span(str(tmp_path / "nope"), 1, 1), "AM008")
    assert finding.message == (
        "no such directory; expected the path of a map directory (holding claims/ and evidence/)"
    )


def test_a_map_path_that_is_a_symlink_loop(tmp_path):
    os.symlink("loop", tmp_path / "loop")
    with pytest.raises(MapLoadError) as raised:
        load(tmp_path / "loop")
    [finding] = raised.value.findings
    assert (finding.span, finding.code) == (Span(str(tmp_path / "loop"), 1, 1), "AM008")
    assert finding.message.startswith("a broken symlink or a symlink loop; expected the path")


def test_a_file_given_instead_of_a_directory(make_map):
    config = make_map({"argmap.yaml": "title: T\n"}) / "argmap.yaml"
    with pytest.raises(MapLoadError) as raised:
        load(config)
    assert [(f.span, f.code, f.message) for f in raised.value.findings] == [
        (
            Span(str(config), 1, 1),
            "AM008",
            "this is a file; expected a map directory holding claims/ and evidence/",
        )
    ]


def test_a_directory_without_claims_or_evidence(tmp_path, monkeypatch):
    (tmp_path / "notes.yaml").write_text(C1, encoding="utf-8")
    [finding] = load_errors(tmp_path, monkeypatch)
    assert (finding.span, finding.code) == (Span(".", 1, 1), "AM008")
    assert "no claims/ or evidence/ directory here; expected a map directory" in finding.message


def test_claims_as_a_file(tmp_path, monkeypatch):
    (tmp_path / "claims").write_text(C1, encoding="utf-8")
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "e.yaml").write_text(E1, encoding="utf-8")
    [finding] = load_errors(tmp_path, monkeypatch)
    assert (finding.span, finding.code) == (Span("claims", 1, 1), "AM008")
    assert finding.message == "claims is a file; expected a directory of YAML files"


def link_claims_to_itself(root: Path) -> None:
    os.symlink(root / "claims", root / "claims" / "loop")


def link_to_the_map_root(root: Path) -> None:
    os.symlink("..", root / "claims" / "up")


def link_file_to_itself(root: Path) -> None:
    os.symlink("self.yaml", root / "claims" / "self.yaml")


def link_directory_to_itself(root: Path) -> None:
    os.symlink("ring", root / "claims" / "ring")


def link_evidence_to_itself(root: Path) -> None:
    (root / "evidence").rmdir()
    os.symlink("evidence", root / "evidence")


def link_to_nowhere(root: Path) -> None:
    os.symlink("nowhere.yaml", root / "claims" / "gone.yaml")


def make_a_pipe(root: Path) -> None:
    os.mkfifo(root / "claims" / "pipe.yaml")  # reading it would block forever


def make_a_yaml_directory(root: Path) -> None:
    (root / "claims" / "dir.yaml").mkdir()
    (root / "claims" / "dir.yaml" / "d.yaml").write_text("id: d1\ntext: D.\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("setup", "expected", "phrase"),
    [
        (
            link_claims_to_itself,
            ("claims/loop", 1, 1, "AM008"),
            "symlink loop: this directory leads back to claims/, which is already being read",
        ),
        (
            link_to_the_map_root,
            ("claims/up", 1, 1, "AM008"),
            "symlink loop: this directory leads back to the map directory",
        ),
        (
            link_file_to_itself,
            ("claims/self.yaml", 1, 1, "AM008"),
            "symlink loop: this link leads back to itself; expected a link to a YAML file",
        ),
        (
            link_directory_to_itself,
            ("claims/ring", 1, 1, "AM008"),
            "symlink loop: this link leads back to itself",
        ),
        (
            link_evidence_to_itself,
            ("evidence", 1, 1, "AM008"),
            "symlink loop: this link leads back to itself; expected a directory",
        ),
        (
            link_to_nowhere,
            ("claims/gone.yaml", 1, 1, "AM001"),
            "broken symlink: it points to nowhere.yaml, which does not exist",
        ),
        (
            make_a_pipe,
            ("claims/pipe.yaml", 1, 1, "AM001"),
            "this is a pipe, socket or device, not a regular file; expected a YAML file",
        ),
    ],
)
def test_links_loops_and_special_files(make_map, monkeypatch, setup, expected, phrase):
    root = make_map({"claims/c.yaml": C1})
    setup(root)
    started = time.perf_counter()
    [finding] = load_errors(root, monkeypatch)
    assert time.perf_counter() - started < 2.0
    assert positions([finding]) == [expected]
    assert phrase in finding.message


def test_a_directory_named_like_a_yaml_file_is_a_directory(make_map, monkeypatch):
    root = make_map({"claims/c.yaml": C1})
    make_a_yaml_directory(root)
    monkeypatch.chdir(root)
    assert sorted(load(".").claims) == ["c1", "d1"]


def test_argmap_yaml_as_a_self_link_or_a_directory(make_map, monkeypatch):
    root = make_map({"claims/c.yaml": C1})
    os.symlink("argmap.yaml", root / "argmap.yaml")
    [finding] = load_errors(root, monkeypatch)
    assert positions([finding]) == [("argmap.yaml", 1, 1, "AM008")]
    (root / "argmap.yaml").unlink()
    (root / "argmap.yaml").mkdir()
    [finding] = load_errors(root, monkeypatch)
    assert (finding.code, finding.message) == ("AM001", "this is a directory; expected a YAML file")


# --- safety -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        "id: c1\ntext: !!python/object/apply:os.system ['touch {marker}']\n",
        "id: c1\ntext: !!python/object/apply:builtins.open ['{marker}', 'w']\n",
        "!!python/object/new:pathlib.Path ['{marker}']\n",
        "id: c1\ntext: T.\nnote: !!python/object/apply:subprocess.call [[touch, '{marker}']]\n",
    ],
)
def test_object_tags_are_never_executed(make_map, monkeypatch, tmp_path, template):
    marker = tmp_path / "executed"
    root = make_map({"claims/c.yaml": template.format(marker=marker)})
    [finding] = load_errors(root, monkeypatch)
    assert finding.code == "AM003"
    assert "is not allowed" in finding.message
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(billion_laughs(), ("claims/c.yaml", 5, 36, "AM003"), id="alias-bomb"),
        pytest.param(
            "[" * 100_000 + "]" * 100_000, ("claims/c.yaml", 1, 65, "AM003"), id="deep-lists"
        ),
        pytest.param(
            "{a: " * 100_000 + "}" * 100_000,
            ("claims/c.yaml", 1, 257, "AM003"),
            id="deep-mappings",
        ),
        pytest.param("- " * 100_000 + "x\n", ("claims/c.yaml", 1, 129, "AM003"), id="deep-block"),
    ],
)
def test_bombs_are_refused_in_well_under_a_second_with_bounded_memory(
    make_map, monkeypatch, text, expected
):
    root = make_map({"claims/c.yaml": text})
    monkeypatch.chdir(root)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(MapLoadError) as raised:
            load(".")
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert positions(raised.value.findings) == [expected]
    assert elapsed < 2.0
    assert peak < 50_000_000


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.binary(max_size=200)
    | st.text(alphabet=st.sampled_from("id: c1\ntext-[]{}&*!|>'\"#,é\t\x00"), max_size=80)
)
def test_any_file_content_loads_or_fails_with_positioned_findings(make_map, monkeypatch, content):
    root = make_map({"claims/c.yaml": content})
    monkeypatch.chdir(root)
    try:
        load(".")
    except MapLoadError as error:
        assert error.findings
        for finding in error.findings:
            assert finding.code in LOAD_ERRORS
            assert finding.span.path in ("claims/c.yaml", ".")
            assert finding.span.line >= 1 and finding.span.column >= 1
            assert finding.message


# -- reading a large map with a second process (load(jobs=2), argmap.load.read_ahead)


def _many_files(root: Path, files: int = 70) -> Path:
    """A map of ``files`` claim files (and one evidence file), every claim linked to the next."""
    texts = {}
    for index in range(files):
        texts[f"claims/c{index:03}.yaml"] = (
            f"# file {index}\n"
            f"- id: c{index}\n  text: Claim {index} says yes, 2012-01, {index}.\n"
            f"  supported_by: [c{index + 1}, {{premises: [e1], id: r{index}}}]\n"
            f"  tags: [t{index % 3}, shared]\n"
            f"- {{id: d{index}, text: 'Flow {index}', attacked_by: [c{index}]}}\n"
        )
    texts["evidence/e.yaml"] = (
        "id: e1\nkind: statistic\nsummary: S.\nreliability: B\ncredibility: 2\n"
    )
    return write_map(root, texts)


def _loaded(amap) -> list[tuple]:
    return [
        (record.model_dump(), record.where.record, record.where.of("text"), record.model_fields_set)
        for record in (*amap.claims.values(), *amap.evidence.values())
    ]


def _read_ahead_used(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from argmap import load as load_module

    used: list[int] = []
    real = load_module.read_ahead

    def counting(*args, **kwargs):
        ahead = real(*args, **kwargs)
        used.append(0 if ahead is None else ahead.first)
        return ahead

    monkeypatch.setattr(load_module, "read_ahead", counting)
    return used


def test_two_processes_load_what_one_loads(tmp_path, monkeypatch):
    root = _many_files(tmp_path / "map")
    used = _read_ahead_used(monkeypatch)
    steps: list[list[int]] = [[], []]
    one = load(root, progress=steps[0].append)
    two = load(root, progress=steps[1].append, jobs=2)
    assert used == [0, 42]  # the second process read files 42 to 70
    assert _loaded(two) == _loaded(one)
    assert steps[0] == steps[1]


def test_two_processes_report_what_one_reports(tmp_path, monkeypatch):
    root = _many_files(tmp_path / "map")
    (root / "claims" / "c060.yaml").write_text("- id: c60\n  text: [unclosed\n", encoding="utf-8")
    (root / "claims" / "c065.yaml").write_text("- id: c1\n  text: Twice.\n", encoding="utf-8")
    (root / "claims" / "c066.yaml").write_text("- id: c66\n  txt: Misspelt.\n", encoding="utf-8")
    used = _read_ahead_used(monkeypatch)
    with pytest.raises(MapLoadError) as one:
        load(root)
    with pytest.raises(MapLoadError) as two:
        load(root, jobs=2)
    assert used == [0, 42]
    assert two.value.findings == one.value.findings
    assert {f.code for f in one.value.findings} >= {"AM002", "AM006", "AM007"}


def test_two_processes_stop_at_the_map_limits_as_one_does(tmp_path, monkeypatch):
    from argmap.limits import Limits

    root = _many_files(tmp_path / "map")
    big = root / "claims" / "c050.yaml"
    big.write_text(big.read_text(encoding="utf-8") + f"# {'x' * 400}\n", encoding="utf-8")
    sizes = sorted(path.stat().st_size for path in root.glob("*/*.yaml"))
    # Each crossed in the second process's part of the map (files 42 to 70).
    for limits in (
        Limits(total_records=100),
        Limits(total_size=sum(sizes[:55])),
        Limits(file_size=sizes[-2]),
    ):
        with pytest.raises(MapLoadError) as one:
            load(root, limits=limits)
        with pytest.raises(MapLoadError) as two:
            load(root, limits=limits, jobs=2)
        assert two.value.findings == one.value.findings, limits
        assert all(f.code == "AM010" for f in one.value.findings)
        assert all(int(Path(f.span.path).name[1:4]) >= 42 for f in one.value.findings), limits


def test_a_second_process_that_fails_costs_time_not_files(tmp_path, monkeypatch, capfd):
    from argmap import load as load_module
    from argmap.limits import Limits
    from argmap.model import Claim

    def failing(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(load_module, "read_record_file", failing)
    root = _many_files(tmp_path / "map")
    ahead = load_module.read_ahead(
        [(root / "claims", Claim, path) for path in sorted(root.glob("claims/*.yaml"))],
        root,
        Limits(),
        None,
        2,
    )
    assert ahead is not None and ahead.result(ahead.first, None) is None  # it sent nothing
    assert capfd.readouterr().err == ""  # and said nothing
    monkeypatch.undo()
    assert _loaded(load(root, jobs=2)) == _loaded(load(root))


def test_a_load_that_stops_early_stops_the_second_process(tmp_path, capfd):
    from argmap.limits import Limits

    root = _many_files(tmp_path / "map")
    # Crossed in this process's part: the other one's files are not wanted.
    with pytest.raises(MapLoadError) as one:
        load(root, limits=Limits(total_records=20))
    with pytest.raises(MapLoadError) as two:
        load(root, limits=Limits(total_records=20), jobs=2)
    assert two.value.findings == one.value.findings
    assert capfd.readouterr().err == ""


def test_the_second_process_fills_the_parse_cache_too(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    root = _many_files(tmp_path / "map")
    used = _read_ahead_used(monkeypatch)
    cold = load(root, cache=True, jobs=2)
    from argmap import load as load_module

    def never(*args, **kwargs):
        raise AssertionError("a file was parsed again")

    monkeypatch.setattr(load_module, "_parse_file", never)
    warm = load(root, cache=True, jobs=2)  # every file from the cache's pack, in one process
    assert used == [42, 0]
    assert _loaded(warm) == _loaded(cold)


def test_small_maps_and_one_job_read_in_one_process(tmp_path, monkeypatch):
    used = _read_ahead_used(monkeypatch)
    load(_many_files(tmp_path / "small", files=20), jobs=2)
    load(_many_files(tmp_path / "large"), jobs=1)
    assert used == [0, 0]


def test_check_jobs_is_one_or_two(tmp_path):
    root = _many_files(tmp_path / "map")
    runner = CliRunner()
    one = runner.invoke(cli, ["check", str(root), "--no-cache", "--jobs", "1"])
    two = runner.invoke(cli, ["check", str(root), "--no-cache", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1  # c70 is unknown
    assert one.output == two.output
    bad = runner.invoke(cli, ["check", str(root), "--jobs", "3"])
    assert bad.exit_code == 2 and "--jobs" in bad.output
