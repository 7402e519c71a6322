from __future__ import annotations

import json

import click
import pytest

from argmap.findings import Finding
from argmap.report import (
    FORMATTERS,
    format_github,
    format_json,
    format_text,
    summary,
)
from argmap.span import Span

UNSUPPORTED = Finding(
    "AM201",
    "unsupported-claim",
    "error",
    Span("claims/c.yaml", 3, 1),
    "claim 'c1' rests on nothing",
    subject="c1",
)
CYCLE = Finding(
    "AM103",
    "circular-support",
    "warning",
    Span("claims/c.yaml", 9, 5),
    "'a' and 'b' support each other",
    subject="a",
    related=(Span("claims/d.yaml", 2, 3),),
)
NO_SUBJECT = Finding(
    "AM101", "unknown-reference", "info", Span("argmap.yaml", 1, 9), "unknown source 'x'"
)
FINDINGS = [UNSUPPORTED, CYCLE, NO_SUBJECT]


def test_text_is_one_line_per_finding_in_the_order_given():
    assert format_text(FINDINGS) == (
        "claims/c.yaml:3:1: AM201 claim 'c1' rests on nothing [c1]\n"
        "claims/c.yaml:9:5: AM103 'a' and 'b' support each other [a]\n"
        "argmap.yaml:1:9: AM101 unknown source 'x'\n"
    )


@pytest.mark.parametrize("formatter", [format_text, format_github])
def test_no_findings_is_no_output(formatter):
    assert formatter([]) == ""


def test_colour_styles_position_and_code_and_keeps_the_words():
    coloured = format_text(FINDINGS, colour=True)
    assert coloured != format_text(FINDINGS)
    assert click.unstyle(coloured) == format_text(FINDINGS)
    first = coloured.splitlines()[0]
    assert first.startswith(click.style("claims/c.yaml:3:1", bold=True) + ": ")
    assert click.style("AM201", fg="red", bold=True) in first
    assert click.style("AM103", fg="yellow", bold=True) in coloured.splitlines()[1]
    assert click.style("AM101", fg="cyan", bold=True) in coloured.splitlines()[2]


def test_text_keeps_each_finding_on_one_line():
    finding = Finding(
        "AM006", "invalid-field", "error", Span("c.yaml", 1, 1), "found 'a\nb' and \x1b[2J"
    )
    assert format_text([finding]) == "c.yaml:1:1: AM006 found 'a\\nb' and \u241b[2J\n"
    assert click.unstyle(format_text([finding], colour=True)) == format_text([finding])


def test_text_is_the_finding_as_a_string():
    assert format_text(FINDINGS).splitlines() == [str(f) for f in FINDINGS]


def test_text_without_colour_has_no_escape_codes():
    assert "\x1b" not in format_text(FINDINGS, colour=False)


def test_json_is_an_array_of_objects_with_the_documented_keys():
    data = json.loads(format_json(FINDINGS))
    assert isinstance(data, list)
    assert [set(item) for item in data] == [
        {"code", "name", "severity", "path", "line", "column", "subject", "message", "related"}
    ] * 3
    assert data[1] == {
        "code": "AM103",
        "name": "circular-support",
        "severity": "warning",
        "path": "claims/c.yaml",
        "line": 9,
        "column": 5,
        "subject": "a",
        "message": "'a' and 'b' support each other",
        "related": [{"path": "claims/d.yaml", "line": 2, "column": 3}],
    }
    assert data[2]["subject"] is None
    assert data[2]["related"] == []


def test_json_of_no_findings_is_an_empty_array():
    assert format_json([]) == "[]\n"


@pytest.mark.parametrize(
    "findings",
    [
        FINDINGS,
        [CYCLE, CYCLE],
        [
            Finding(
                "AM103",
                "circular-support",
                "error",
                Span('claims/"q"\\thé.yaml', 10, 200),
                'tab\tnew\nline \x00 \x7f \u2028 "quoted" \\ ☕ \ud800',
                subject="é",
                related=(Span("a.yaml", 1, 2), Span("b\n.yaml", 3, 4), Span("c.yaml", 5, 6)),
            )
        ],
    ],
)
def test_json_is_what_json_dumps_writes(findings):
    # format_json writes the text out itself (json's indenting encoder is slow): the same bytes.
    expected = json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False) + "\n"
    assert format_json(findings) == expected


def test_json_keeps_non_ascii_text_readable():
    finding = Finding("AM201", "unsupported-claim", "error", Span("claims/thé.yaml", 1, 1), "☕")
    text = format_json([finding])
    assert "claims/thé.yaml" in text
    assert json.loads(text)[0]["message"] == "☕"


def test_github_annotations_carry_level_file_line_col_and_title():
    assert format_github(FINDINGS) == (
        "::error file=claims/c.yaml,line=3,col=1,title=AM201 unsupported-claim::"
        "claim 'c1' rests on nothing [c1]\n"
        "::warning file=claims/c.yaml,line=9,col=5,title=AM103 circular-support::"
        "'a' and 'b' support each other [a]\n"
        "::notice file=argmap.yaml,line=1,col=9,title=AM101 unknown-reference::"
        "unknown source 'x'\n"
    )


@pytest.mark.parametrize(
    ("path", "message", "expected"),
    [
        (
            "claims/a,b.yaml",
            "plain",
            "::error file=claims/a%2Cb.yaml,line=2,col=4,title=AM201 unsupported-claim::plain",
        ),
        (
            "C:/maps/c.yaml",
            "x",
            "::error file=C%3A/maps/c.yaml,line=2,col=4,title=AM201 unsupported-claim::x",
        ),
        (
            "claims/100%.yaml",
            "100% sure",
            (
                "::error file=claims/100%25.yaml,line=2,col=4,title=AM201 unsupported-claim::"
                "100%25 sure"
            ),
        ),
        (
            "c.yaml",
            "two\nlines\r\nhere",
            "::error file=c.yaml,line=2,col=4,title=AM201 unsupported-claim::two%0Alines%0D%0Ahere",
        ),
        (
            "c.yaml",
            "colons: and, commas stay in the message",
            (
                "::error file=c.yaml,line=2,col=4,title=AM201 unsupported-claim::"
                "colons: and, commas stay in the message"
            ),
        ),
        (
            "c.yaml",
            "::warning::not a second command",
            (
                "::error file=c.yaml,line=2,col=4,title=AM201 unsupported-claim::"
                "::warning::not a second command"
            ),
        ),
    ],
)
def test_github_escaping(path, message, expected):
    finding = Finding("AM201", "unsupported-claim", "error", Span(path, 2, 4), message)
    out = format_github([finding])
    assert out == expected + "\n"
    assert out.count("\n") == 1  # one finding, one line: a newline can never start a command


def test_formatters_registry_names_the_cli_formats():
    expected = {"text": format_text, "json": format_json, "github": format_github}
    assert expected == FORMATTERS


@pytest.mark.parametrize(
    ("severities", "expected"),
    [
        ([], "no findings"),
        (["error"], "1 error"),
        (["error", "error", "warning"], "2 errors, 1 warning"),
        (["info", "warning", "info"], "1 warning, 2 notes"),
        (["info", "error", "warning", "warning"], "1 error, 2 warnings, 1 note"),
    ],
)
def test_summary(severities, expected):
    findings = [Finding("AM201", "x", s, Span("c.yaml", 1, 1), "m") for s in severities]
    assert summary(findings) == expected
