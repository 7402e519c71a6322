from __future__ import annotations

import pytest


def test_evidence_no_claim_names(lint):
    files = {"evidence/e.yaml": lint.evidence("e0") + lint.evidence("e1")}
    files["claims/c.yaml"] = "id: c1\ntext: T.\nsupported_by: [e0]\n"
    assert lint(files, "AM301") == [("evidence/e.yaml", 2, 3, "AM301", "e1")]
    [finding] = lint.findings(files, "AM301")
    assert finding.message == (
        "evidence 'e1' supports, attacks or undercuts no claim; "
        "expected its id in some claim's `supported_by`, `attacked_by` or `undercut_by`"
    )
    assert (finding.name, finding.severity) == ("orphan-evidence", "warning")


@pytest.mark.parametrize(
    "use",
    [
        pytest.param("supported_by: [e1]", id="supports"),
        pytest.param("attacked_by: [e1]", id="attacks"),
        pytest.param("supported_by: [{premises: [c2, e1]}]", id="linked-premise"),
        pytest.param("supported_by: [{premises: [c2], undercut_by: [e1]}]", id="undercuts"),
        pytest.param("attacked_by: [{premises: [c2], undercut_by: [e1]}]", id="undercuts-attack"),
    ],
)
def test_any_use_counts(lint, use):
    files = {
        "claims/c.yaml": f"id: c1\ntext: T.\n{use}\n---\nid: c2\ntext: Two.\n",
        "evidence/e.yaml": lint.evidence("e1"),
    }
    assert lint(files, "AM301") == []


def test_a_map_of_evidence_only(lint):
    files = {
        "evidence/e.yaml": "id: e1\nkind: event\nsummary: S.\nreliability: A\ncredibility: 1\n"
    }
    assert lint(files, "AM301") == [("evidence/e.yaml", 1, 1, "AM301", "e1")]
