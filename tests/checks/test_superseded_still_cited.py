from __future__ import annotations

EVIDENCE = """
- {id: old, kind: statistic, summary: 40%., reliability: B, credibility: 2, as_of: 2023, superseded_by: new}
- {id: new, kind: statistic, summary: 50%., reliability: B, credibility: 2, as_of: 2024}
"""


def test_each_reference_to_a_superseded_record_is_noted_where_it_is_written(lint):
    files = {
        "claims/c.yaml": """
        id: c1
        text: Most developers use open models.
        supported_by: [old, new]
        attacked_by:
          - premises: [c2]
            undercut_by: [old]
        ---
        id: c2
        text: Few do.
        """,
        "evidence/e.yaml": EVIDENCE,
    }
    assert lint(files, "AM606") == [
        ("claims/c.yaml", 4, 16, "AM606", "c1"),
        ("claims/c.yaml", 7, 19, "AM606", "c1"),
    ]
    finding = lint.findings(files, "AM606")[0]
    assert finding.message == (
        "'old' is superseded by 'new' but still cited here: `argmap check` counts both, "
        "`--as-of` leaves 'old' out once 'new' counts; expected the newer record, or both on "
        "purpose"
    )
    assert (finding.name, finding.severity) == ("superseded-still-cited", "info")


def test_citing_only_the_newer_record_passes(lint):
    files = {
        "claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [new]\n",
        "evidence/e.yaml": EVIDENCE,
    }
    assert lint(files, "AM606") == []


def test_a_successor_that_does_not_exist_is_left_to_am602(lint):
    files = {
        "claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [old]\n",
        "evidence/e.yaml": EVIDENCE.replace("superseded_by: new", "superseded_by: gone"),
    }
    assert lint(files, "AM606") == []
