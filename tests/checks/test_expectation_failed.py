from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.argument_map import ArgumentMap
from argmap.checks import check
from argmap.cli import cli
from argmap.load import load
from argmap.model import Claim, MapConfig

CLAIMS = """
- {id: sup, text: Backed by a study., supported_by: [e1]}
- {id: weak, text: Backed by a poor study., proof_standard: clear_and_convincing,
   supported_by: [e5]}
- {id: ass, kind: assumption, text: Taken as given.}
- {id: bare, text: Said without a reason.}
- {id: ref, text: Refuted by a study., attacked_by: [e2]}
- {id: con, text: For and against., supported_by: [e1], attacked_by: [e2]}
- {id: loop1, text: One side., attacked_by: [loop2]}
- {id: loop2, text: Other side., attacked_by: [loop1]}
"""
EVIDENCE = """
- {id: e1, kind: statistic, summary: A study found so., reliability: B, credibility: 2}
- {id: e2, kind: statistic, summary: A study found not., reliability: B, credibility: 2}
- {id: e5, kind: statistic, summary: A poor study., reliability: E, credibility: 5}
"""

# What each claim of CLAIMS comes out as: (label, verdict).
OUTCOMES = {
    "sup": ("in", "supported"),
    "weak": ("in", "weakly_supported"),
    "ass": ("in", "assumed"),
    "bare": ("in", "unsupported"),
    "ref": ("out", "refuted"),
    "con": ("out", "contested"),
    "loop1": ("undecided", "contested"),
}
EXPECTABLE = (
    "in",
    "out",
    "undecided",
    "supported",
    "weakly_supported",
    "assumed",
    "contested",
    "unsupported",
    "refuted",
)


def files(expect: str) -> dict[str, str]:
    return {"argmap.yaml": expect, "claims/c.yaml": CLAIMS, "evidence/e.yaml": EVIDENCE}


@pytest.mark.parametrize("claim", sorted(OUTCOMES))
@pytest.mark.parametrize("expected", EXPECTABLE)
def test_every_expectation_is_checked_against_the_label_or_the_verdict(lint, claim, expected):
    rows = lint(files(f"expect:\n  {expected}: [{claim}]\n"), "AM801")
    holds = expected in OUTCOMES[claim]
    column = len(f"  {expected}: [") + 1
    assert rows == ([] if holds else [("argmap.yaml", 2, column, "AM801", claim)])


def test_a_map_meeting_every_expectation_is_clean(lint):
    expect = "expect:\n"
    expect += "  in: [sup, weak, ass, bare, e1]\n  out: [ref, con]\n  undecided: [loop1, loop2]\n"
    expect += "  supported: [sup]\n  weakly_supported: [weak]\n  assumed: [ass]\n"
    expect += "  unsupported: [bare]\n  refuted: [ref]\n  contested: [con, loop1]\n"
    assert lint(files(expect), "AM801") == []


@pytest.mark.parametrize(
    ("expect", "message"),
    [
        pytest.param(
            "in: [ref]",
            "claim 'ref' is expected in but comes out out",
            id="label",
        ),
        pytest.param(
            "undecided: [sup]",
            "claim 'sup' is expected undecided but comes out in",
            id="undecided",
        ),
        pytest.param(
            "out: [e1]",
            "evidence record 'e1' is expected out but comes out in",
            id="evidence-label",
        ),
        pytest.param(
            "supported: [bare]",
            "claim 'bare' is expected supported but comes out unsupported: no argument for it "
            "is applicable",
            id="verdict-with-its-rule",
        ),
        pytest.param(
            "weakly_supported: [sup]",
            "claim 'sup' is expected weakly supported but comes out supported: its proof "
            "standard is met",
            id="verdict-words-with-spaces",
        ),
        pytest.param(
            "supported: [e1]",
            "`expect: supported` names evidence record 'e1', but only claims have verdicts; "
            "expected a label (in, out, undecided) for evidence",
            id="evidence-verdict",
        ),
        pytest.param(
            "in: [supp]",
            "`expect: in` names 'supp', which is no claim or evidence record; did you mean 'sup'?",
            id="typo",
        ),
        pytest.param(
            "in: [zzzzzzz]",
            "`expect: in` names 'zzzzzzz', which is no claim or evidence record",
            id="unknown",
        ),
    ],
)
def test_messages_name_the_claim_what_was_expected_and_what_came_out(lint, expect, message):
    [finding] = lint.findings(files(f"expect:\n  {expect}\n"), "AM801")
    assert finding.message == message
    assert (finding.code, finding.name, finding.severity) == (
        "AM801",
        "expectation-failed",
        "error",
    )


def test_each_failed_expectation_is_reported_where_it_is_listed(lint):
    expect = "expect:\n  in:\n    - sup\n    - ref\n  out: [sup, con, bare]\n"
    assert lint(files(expect), "AM801") == [
        ("argmap.yaml", 4, 7, "AM801", "ref"),
        ("argmap.yaml", 5, 9, "AM801", "sup"),
        ("argmap.yaml", 5, 19, "AM801", "bare"),
    ]


def test_contradictory_expectations_fail_one_way(lint):
    assert lint(files("expect: {in: [sup], out: [sup]}\n"), "AM801") == [
        ("argmap.yaml", 1, 27, "AM801", "sup")
    ]


def test_no_expectations_no_findings(lint):
    assert lint(files("title: T\n"), "AM801") == []
    assert lint(files("expect: {in: []}\n"), "AM801") == []


def test_an_unknown_outcome_is_a_load_error(make_map):
    root = make_map(files("expect:\n  true: [sup]\n"))
    result = CliRunner().invoke(cli, ["check", str(root)])
    assert result.exit_code == 2
    assert "AM006" in result.output
    assert "argmap.yaml:2:3" in result.output


def test_the_check_can_be_turned_off(lint):
    rows = lint(files("expect: {in: [ref]}\nchecks: {AM801: 'off'}\n"))
    assert [row for row in rows if row[3] == "AM801"] == []


def test_a_map_built_in_memory_is_checked_at_argmap_yaml():
    amap = ArgumentMap(
        claims=[Claim(id="c", text="C.", attacked_by=["d"]), Claim(id="d", text="D.")],
        config=MapConfig(expect={"in": ["c"], "out": ["d"]}),
    )
    found = [(f.span, f.subject, f.message) for f in check(amap, select=["AM801"])]
    assert [(str(span), subject) for span, subject, _ in found] == [
        ("argmap.yaml:1:1", "c"),
        ("argmap.yaml:1:1", "d"),
    ]
    assert found[1][2] == "claim 'd' is expected out but comes out in"


def test_argmap_check_fails_on_a_failed_expectation(make_map):
    root = make_map(files("expect: {in: [ref]}\n"))
    result = CliRunner().invoke(cli, ["check", str(root), "--select", "AM801"])
    assert result.exit_code == 1
    assert "AM801 claim 'ref' is expected in but comes out out [ref]" in result.output
    clean = make_map(files("expect: {out: [ref]}\n"))
    result = CliRunner().invoke(cli, ["check", str(clean), "--select", "AM801"])
    assert result.exit_code == 0


def test_the_example_in_docs_formats_gives_the_documented_output(tmp_path, monkeypatch):
    docs = Path(__file__).resolve().parents[2] / "docs" / "formats.md"
    text = docs.read_text(encoding="utf-8")
    section = text[text.index("## Expected results (`expect:`)") :]
    blocks = re.findall(r"^```(\w+)\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)
    for language, body in blocks:
        if language == "yaml":
            path = tmp_path / body.splitlines()[0].removeprefix("# ")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
    [expected] = [body for language, body in blocks if language == "text"]
    monkeypatch.chdir(tmp_path)
    assert [str(f) for f in check(load("."), select=["AM801"])] == expected.splitlines()
