from __future__ import annotations

import pytest


def test_a_claim_without_a_quote(lint):
    files = {"claims/c.yaml": "id: c1\ntext: Tea is healthy.\n"}
    assert lint(files, "AM401") == [("claims/c.yaml", 1, 1, "AM401", "c1")]
    [finding] = lint.findings(files, "AM401")
    assert finding.message == (
        "claim 'c1' has no quote from the source; expected `quote:` with the source's own words"
    )
    assert (finding.name, finding.severity) == ("missing-quote", "info")


@pytest.mark.parametrize(
    ("kind", "quote", "reported"),
    [
        ("claim", "Drinking tea is good for you.", False),
        ("thesis", None, True),
        ("hypothesis", None, True),
        pytest.param("assumption", None, False, id="assumption-exempt"),
        pytest.param("claim", "'   '", True, id="blank-quote"),
        pytest.param("claim", "''", True, id="empty-quote"),
    ],
)
def test_which_claims_need_a_quote(lint, kind, quote, reported):
    text = f"id: c1\nkind: {kind}\ntext: T.\n" + (f"quote: {quote}\n" if quote else "")
    expected = [("claims/c.yaml", 1, 1, "AM401", "c1")] if reported else []
    assert lint({"claims/c.yaml": text}, "AM401") == expected


def test_evidence_needs_no_quote(lint):
    assert lint({"evidence/e.yaml": lint.evidence("e1")}, "AM401") == []
