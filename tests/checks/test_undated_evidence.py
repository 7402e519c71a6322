from __future__ import annotations


def record(record_id: str, extra: str = "") -> str:
    return (
        f"- {{id: {record_id}, kind: event, summary: S., reliability: B, credibility: 2{extra}}}\n"
    )


def test_undated_evidence_is_noted_when_other_evidence_is_dated(lint):
    files = {
        "evidence/e.yaml": record("dated", ", as_of: 2024")
        + record("by-source", ", source: {title: T, date: 2023}")
        + record("undated", ", source: {title: T}"),
    }
    assert lint(files, "AM605") == [("evidence/e.yaml", 3, 3, "AM605", "undated")]
    [finding] = lint.findings(files, "AM605")
    assert finding.message == (
        "evidence 'undated' has no date (no `as_of:`, and its source has no `date:`), so "
        "`--as-of` leaves it out at every date; expected `as_of:` or a dated source"
    )
    assert (finding.name, finding.severity) == ("undated-evidence", "info")


def test_a_map_that_dates_nothing_gets_no_note(lint):
    assert lint({"evidence/e.yaml": record("a") + record("b")}, "AM605") == []


def test_the_maps_default_source_dates_every_record_without_one(lint):
    files = {
        "argmap.yaml": "source: {title: Article, date: 2025-07}\n",
        "evidence/e.yaml": record("a") + record("b", ", as_of: 2024"),
    }
    assert lint(files, "AM605") == []
