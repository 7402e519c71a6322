from __future__ import annotations


def test_a_claim_among_its_own_reasons(lint):
    files = {"claims/c.yaml": "id: c1\ntext: Tea is healthy.\nsupported_by: [c1]\n"}
    assert lint(files, "AM102") == [("claims/c.yaml", 3, 16, "AM102", "c1")]
    [finding] = lint.findings(files, "AM102")
    assert finding.message == (
        "claim 'c1' is listed as a reason for itself; expected other claims or evidence"
    )
    assert (finding.name, finding.severity) == ("self-support", "error")


def test_a_claim_in_its_own_linked_group(lint):
    files = {
        "claims/c.yaml": """
        - id: c1
          kind: thesis
          text: Tea is healthy.
          supported_by:
            - premises: [c2, c1]
        - id: c2
          text: Tea has antioxidants.
        """
    }
    assert lint(files, "AM102") == [("claims/c.yaml", 6, 22, "AM102", "c1")]
    assert "thesis 'c1'" in lint.findings(files, "AM102")[0].message


def test_passes_when_the_reasons_are_other_claims(lint):
    files = {
        "claims/c.yaml": """
        - id: c1
          text: Tea is healthy.
          supported_by: [c2]
        - id: c2
          text: Tea has antioxidants.
        """
    }
    assert lint(files, "AM102") == []


def test_a_claim_among_its_own_attackers_is_not_self_support(lint):
    files = {"claims/c.yaml": "id: c1\ntext: This sentence is false.\nattacked_by: [c1]\n"}
    assert lint(files, "AM102") == []


def test_self_support_is_not_also_reported_as_a_circle(lint):
    files = {"claims/c.yaml": "id: c1\ntext: Tea is healthy.\nsupported_by: [c1]\n"}
    assert [f.code for f in lint.findings(files, "AM1", "AM201")] == ["AM102"]
