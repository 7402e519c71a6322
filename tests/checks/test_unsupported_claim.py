from __future__ import annotations

import pytest


def test_a_claim_with_no_support(lint):
    files = {"claims/c.yaml": "id: c1\nkind: claim\ntext: Tea is healthy.\n"}
    assert lint(files, "AM201") == [("claims/c.yaml", 1, 1, "AM201", "c1")]
    [finding] = lint.findings(files, "AM201")
    assert finding.message == (
        "claim 'c1' rests on nothing: no evidence or reason supports it; "
        "expected `supported_by:`, or `kind: assumption` if it is taken as given"
    )
    assert (finding.name, finding.severity) == ("unsupported-claim", "error")


def test_passes_with_evidence(lint):
    files = {
        "claims/c.yaml": "id: c1\ntext: Tea is healthy.\nsupported_by: [study]\n",
        "evidence/e.yaml": lint.evidence("study"),
    }
    assert lint(files, "AM201") == []


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("thesis", [("claims/c.yaml", 1, 1, "AM201", "c1")]),
        ("claim", [("claims/c.yaml", 1, 1, "AM201", "c1")]),
        pytest.param("assumption", [], id="assumption-exempt"),
        pytest.param("hypothesis", [], id="hypothesis-exempt"),
    ],
)
def test_which_kinds_need_support(lint, kind, expected):
    files = {"claims/c.yaml": f"id: c1\nkind: {kind}\ntext: T.\n"}
    assert lint(files, "AM201") == expected


def test_each_claim_in_a_list_is_reported_at_its_own_position(lint):
    files = {
        "claims/c.yaml": """
        - id: c1
          text: One.
          attacked_by: [c2]
        - id: c2
          text: Two.
        """
    }
    # Being attacked is not support; attacking is not being supported.
    assert lint(files, "AM201") == [
        ("claims/c.yaml", 2, 3, "AM201", "c1"),
        ("claims/c.yaml", 5, 3, "AM201", "c2"),
    ]


def test_support_from_another_claim_counts_here(lint):
    files = {
        "claims/c.yaml": """
        - id: c1
          text: One.
          supported_by: [c2]
        - id: c2
          text: Two.
        """
    }
    # c1 has a reason (whether it is grounded is ungrounded-support's question).
    assert lint(files, "AM201") == [("claims/c.yaml", 5, 3, "AM201", "c2")]


def test_a_reason_naming_an_unknown_id_is_left_to_unknown_reference(lint):
    files = {"claims/c.yaml": "id: c1\ntext: One.\nsupported_by: [nope]\n"}
    assert [f.code for f in lint.findings(files, "AM101", "AM2")] == ["AM101"]
