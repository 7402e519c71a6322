from __future__ import annotations

import pytest


def evidence(extra: str) -> str:
    return "id: e1\nkind: event\nsummary: S.\nreliability: B\ncredibility: 2\n" + extra


@pytest.mark.parametrize(
    ("extra", "position", "message"),
    [
        pytest.param(
            "as_of: July 2025\n",
            (6, 8),
            "as_of of 'e1': 'July 2025' is not an ISO 8601 date; expected YYYY, YYYY-MM or "
            "YYYY-MM-DD (for example 2025-07-15)",
            id="as-of-in-words",
        ),
        pytest.param(
            "as_of: 2025-02-30\n",
            (6, 8),
            "as_of of 'e1': '2025-02-30' is not a date: February 2025 has 28 days; expected "
            "YYYY, YYYY-MM or YYYY-MM-DD",
            id="as-of-no-such-day",
        ),
        pytest.param(
            "source: {title: T, date: 2025-7}\n",
            (6, 26),
            "source date of 'e1': '2025-7' is not an ISO 8601 date; write months and days with "
            "two digits (2025-07)",
            id="own-source",
        ),
    ],
)
def test_a_bad_date_on_an_evidence_record_is_reported_where_it_is_written(
    lint, extra, position, message
):
    files = {"evidence/e.yaml": evidence(extra)}
    assert lint(files, "AM601") == [("evidence/e.yaml", *position, "AM601", "e1")]
    [finding] = lint.findings(files, "AM601")
    assert finding.message == message
    assert (finding.name, finding.severity) == ("bad-date", "error")


def test_bad_dates_in_argmap_yaml_and_on_claims_sources_are_reported(lint):
    files = {
        "argmap.yaml": """
        source: {title: Article, date: 2025-13}
        sources:
          paper: {title: Paper, date: "20250711"}
        """,
        "claims/c.yaml": "id: c1\ntext: T.\nsource: {title: T, date: 25 May}\n",
    }
    assert lint(files, "AM601") == [
        ("argmap.yaml", 2, 32, "AM601", None),
        ("argmap.yaml", 4, 31, "AM601", None),
        ("claims/c.yaml", 3, 26, "AM601", "c1"),
    ]
    messages = [f.message for f in lint.findings(files, "AM601")]
    assert messages[0].startswith("the map's source date '2025-13' is not a date: month 13")
    assert messages[1].startswith("source 'paper': '20250711' is not an ISO 8601 date")


@pytest.mark.parametrize("date", ["2025", "2025-07", "2025-07-11", "2024-02-29"])
def test_good_dates_pass(lint, date):
    files = {"evidence/e.yaml": evidence(f"as_of: {date}\nsource: {{title: T, date: {date}}}\n")}
    assert lint(files, "AM601") == []
