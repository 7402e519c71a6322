"""The registry and runner in argmap.checks: selecting, configuring, ordering and stamping."""

from __future__ import annotations

import importlib
import re
from types import SimpleNamespace

import pytest

from argmap.argument_map import ArgumentMap
from argmap.checks import CHECKS, Problem, check, configured_severities, get
from argmap.errors import ArgmapError
from argmap.model import Claim
from argmap.span import Span

# One finding each from AM101, AM201, AM205, AM301 and AM401 (and nothing else).
MAP = {
    "claims/c.yaml": """
    - id: t
      kind: thesis
      text: Tea is healthy.
      quote: Tea is healthy.
      supported_by: [e1, e9]
      attacked_by: [c2, e3]
    - id: c2
      kind: claim
      text: Tea stains teeth.
    """,
    "evidence/e.yaml": """
    - {id: e1, kind: statistic, summary: S., reliability: C, credibility: 3, source: {title: A}}
    - {id: e2, kind: statistic, summary: S., reliability: B, credibility: 2, source: {title: B}}
    - {id: e3, kind: statistic, summary: S., reliability: B, credibility: 2, source: {title: C}}
    """,
}
ALL = [
    ("claims/c.yaml", 6, 22, "AM101", "t"),
    ("claims/c.yaml", 7, 21, "AM205", "t"),
    ("claims/c.yaml", 8, 3, "AM201", "c2"),
    ("claims/c.yaml", 8, 3, "AM401", "c2"),
    ("evidence/e.yaml", 3, 3, "AM301", "e2"),
]


def codes(rows):
    return [row[3] for row in rows]


def test_every_check_runs_by_default_and_findings_are_sorted_by_position(lint):
    assert lint(MAP) == ALL


@pytest.mark.parametrize(
    ("select", "expected"),
    [
        pytest.param(("AM2",), ["AM205", "AM201"], id="family-prefix"),
        pytest.param(("AM20",), ["AM205", "AM201"], id="longer-prefix"),
        pytest.param(("AM201",), ["AM201"], id="code"),
        pytest.param(("unsupported-claim",), ["AM201"], id="name"),
        pytest.param(("orphan",), ["AM301"], id="name-prefix"),
        pytest.param(("AM1", "missing-quote"), ["AM101", "AM401"], id="several"),
        pytest.param(("AM9",), [], id="nothing-matches"),
    ],
)
def test_select(lint, select, expected):
    assert codes(lint(MAP, *select)) == expected


@pytest.mark.parametrize(
    ("ignore", "expected"),
    [
        pytest.param(("AM2",), ["AM101", "AM401", "AM301"], id="family-prefix"),
        pytest.param(("AM401",), ["AM101", "AM205", "AM201", "AM301"], id="code"),
        pytest.param(("contested-claim", "AM3"), ["AM101", "AM201", "AM401"], id="name-and-code"),
    ],
)
def test_ignore(lint, ignore, expected):
    assert codes(rows_of(lint.findings(MAP, ignore=ignore))) == expected


def test_ignore_wins_over_select(lint):
    assert codes(rows_of(lint.findings(MAP, "AM2", ignore=["AM205"]))) == ["AM201"]


def rows_of(findings):
    return [(f.span.path, f.span.line, f.span.column, f.code, f.subject) for f in findings]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        pytest.param('AM401: "off"', ["AM101", "AM205", "AM201", "AM301"], id="code-off"),
        pytest.param('missing-quote: "off"', ["AM101", "AM205", "AM201", "AM301"], id="name-off"),
        pytest.param("AM205: warning", [c for _, _, _, c, _ in ALL], id="unchanged"),
    ],
)
def test_argmap_yaml_turns_checks_off(lint, setting, expected):
    files = {**MAP, "argmap.yaml": f"checks:\n  {setting}\n"}
    assert codes(lint(files)) == expected


def test_a_bare_off_turns_a_check_off(lint):
    files = {**MAP, "argmap.yaml": "checks: {AM401: off}\n"}
    assert "AM401" not in codes(lint(files))


def test_argmap_yaml_changes_severities(lint):
    files = {**MAP, "argmap.yaml": "checks:\n  unsupported-claim: warning\n  AM401: error\n"}
    severities = {f.code: f.severity for f in lint.findings(files)}
    assert severities == {
        "AM101": "error",
        "AM201": "warning",
        "AM205": "warning",
        "AM301": "warning",
        "AM401": "error",
    }


def test_configured_severities_start_from_each_checks_default():
    amap = ArgumentMap()
    assert configured_severities(amap) == {code: c.SEVERITY for code, c in CHECKS.items()}
    amap.config.checks = {"AM201": "off", "contested-claim": "info"}
    severities = configured_severities(amap)
    assert (severities["AM201"], severities["AM205"], severities["AM101"]) == (
        None,
        "info",
        "error",
    )


@pytest.mark.parametrize(
    ("key", "message"),
    [
        pytest.param(
            "unsuported-claim",
            "argmap.yaml:2:3: AM006 in `checks:`, no such check: 'unsuported-claim'; "
            "did you mean 'unsupported-claim'?",
            id="typo",
        ),
        pytest.param(
            "AM002",
            "argmap.yaml:2:3: AM006 in `checks:`, no such check: 'AM002'; load errors (AM0xx) cannot "
            "be configured: a map that does not load is not checked",
            id="load-error",
        ),
        pytest.param(
            "zzz",
            "argmap.yaml:2:3: AM006 in `checks:`, no such check: 'zzz'; expected a code such as AM201 "
            "or a name such as unsupported-claim (see `argmap checks`)",
            id="nothing-close",
        ),
    ],
)
def test_an_unknown_check_in_argmap_yaml_is_an_error_with_its_position(lint, key, message):
    files = {**MAP, "argmap.yaml": f"checks:\n  {key}: warning\n"}
    with pytest.raises(ArgmapError, match=f"^{re.escape(message)}$"):
        lint(files)


def test_the_runner_stamps_code_name_and_severity(monkeypatch):
    """A check yields only a position and a message; it cannot mislabel itself."""

    def fake_check(context):
        yield Problem(Span("claims/c.yaml", 3, 5), "something is off", "c1")

    fake = SimpleNamespace(
        CODE="AM999", NAME="fake-check", SEVERITY="info", RATIONALE="r", check=fake_check
    )
    monkeypatch.setattr("argmap.checks.CHECKS", {"AM999": fake})
    amap = ArgumentMap(claims=[Claim(id="c1", text="T.")])
    [finding] = check(amap)
    assert (finding.code, finding.name, finding.severity) == ("AM999", "fake-check", "info")
    assert (finding.span, finding.message, finding.subject) == (
        Span("claims/c.yaml", 3, 5),
        "something is off",
        "c1",
    )
    amap.config.checks = {"fake-check": "error"}
    assert [f.severity for f in check(amap)] == ["error"]
    assert "code" not in Problem._fields and "severity" not in Problem._fields


def test_findings_from_several_files_and_checks_are_sorted(lint):
    files = {
        "claims/b.yaml": "id: b\ntext: B.\n",
        "claims/a.yaml": "id: a\ntext: A.\nsupported_by: [b, nope]\n",
    }
    assert lint(files) == [
        ("claims/a.yaml", 1, 1, "AM202", "a"),
        ("claims/a.yaml", 1, 1, "AM401", "a"),
        ("claims/a.yaml", 3, 19, "AM101", "a"),
        ("claims/b.yaml", 1, 1, "AM201", "b"),
        ("claims/b.yaml", 1, 1, "AM401", "b"),
    ]


@pytest.mark.parametrize("key", ["AM201", "unsupported-claim"])
def test_get_by_code_or_name(key):
    assert get(key) is importlib.import_module("argmap.checks.unsupported_claim")


def test_get_unknown():
    with pytest.raises(ArgmapError, match=r"^no such check: 'AM999'; "):
        get("AM999")


def test_the_registry_is_keyed_by_each_modules_code_in_families():
    families = {
        "1": "structure",
        "2": "support chains",
        "3": "evidence",
        "4": "quoting",
        "5": "quote anchoring",
        "6": "time",
        "7": "competing hypotheses",
        "8": "verdicts",
    }
    for code, module in CHECKS.items():
        assert code == module.CODE
        assert re.fullmatch(r"AM[1-8]\d\d", code), code
        assert code[2] in families
        assert module.__name__ == "argmap.checks." + module.NAME.replace("-", "_")
