from __future__ import annotations

import pytest


def test_a_claim_linked_to_nothing(lint):
    files = {
        "claims/c.yaml": """
        - id: t
          kind: thesis
          text: Tea is healthy.
        - id: c2
          text: Coffee is popular.
        """
    }
    assert lint(files, "AM104") == [("claims/c.yaml", 5, 3, "AM104", "c2")]
    [finding] = lint.findings(files, "AM104")
    assert finding.message == (
        "claim 'c2' is linked to no other claim or evidence; "
        "expected it among another claim's reasons, or reasons of its own"
    )
    assert (finding.name, finding.severity) == ("disconnected-claim", "warning")


def test_a_thesis_may_stand_alone(lint):
    assert lint({"claims/c.yaml": "id: t\nkind: thesis\ntext: T.\n"}, "AM104") == []


@pytest.mark.parametrize("kind", ["claim", "hypothesis", "assumption"])
def test_every_other_kind_must_be_linked(lint, kind):
    files = {"claims/c.yaml": f"id: c\nkind: {kind}\ntext: C.\n"}
    assert lint(files, "AM104") == [("claims/c.yaml", 1, 1, "AM104", "c")]


@pytest.mark.parametrize(
    "link",
    [
        pytest.param("supported_by: [c2]", id="premise-of-a-support"),
        pytest.param("attacked_by: [c2]", id="premise-of-an-attack"),
        pytest.param("supported_by:\n  - premises: [e1]\n    undercut_by: [c2]", id="undercutter"),
    ],
)
def test_any_link_connects_both_ends(lint, link):
    files = {
        "claims/c.yaml": f"id: c1\ntext: One.\n{link}\n---\nid: c2\ntext: Two.\n",
        "evidence/e.yaml": lint.evidence("e1"),
    }
    assert lint(files, "AM104") == []


def test_a_claim_whose_only_reason_names_an_unknown_id_is_left_to_unknown_reference(lint):
    files = {"claims/c.yaml": "id: c1\ntext: One.\nsupported_by: [nope]\n"}
    assert [f.code for f in lint.findings(files, "AM1")] == ["AM101"]
