from __future__ import annotations

import pytest

RECORDS = """
- {id: old, kind: statistic, summary: S., reliability: B, credibility: 2, superseded_by: NAME}
- {id: new, kind: statistic, summary: S., reliability: B, credibility: 2}
"""
CLAIM = "id: claim1\ntext: T.\nsupported_by: [old, new]\n"


@pytest.mark.parametrize(
    ("name", "why"),
    [
        pytest.param("zzz9", "'old' is superseded by 'zzz9', which does not exist", id="unknown"),
        pytest.param("claim1", "'old' is superseded by 'claim1', which is a claim", id="claim"),
        pytest.param("old", "'old' is superseded by itself", id="itself"),
    ],
)
def test_a_successor_that_is_not_another_evidence_record_is_reported(lint, name, why):
    files = {"evidence/e.yaml": RECORDS.replace("NAME", name), "claims/c.yaml": CLAIM}
    assert lint(files, "AM602") == [("evidence/e.yaml", 2, 90, "AM602", "old")]
    [finding] = lint.findings(files, "AM602")
    assert finding.message == (
        f"evidence {why}; expected the id of the newer evidence record that replaces it"
    )
    assert (finding.name, finding.severity) == ("bad-successor", "error")


def test_an_unknown_successor_close_to_an_evidence_id_is_suggested(lint):
    files = {"evidence/e.yaml": RECORDS.replace("NAME", "neww"), "claims/c.yaml": CLAIM}
    [finding] = lint.findings(files, "AM602")
    assert "which does not exist (did you mean 'new'?)" in finding.message


def test_a_successor_that_is_another_evidence_record_passes(lint):
    files = {"evidence/e.yaml": RECORDS.replace("NAME", "new"), "claims/c.yaml": CLAIM}
    assert lint(files, "AM602") == []
