from __future__ import annotations

import pytest

ASSUMPTIONS = """
---
id: a1
kind: assumption
text: Developers pick the cheapest model.
---
id: a2
kind: assumption
text: Cheap means open.
---
id: x
text: Unsupported.
"""


def test_a_claim_resting_on_an_assumption(lint):
    files = {
        "claims/c.yaml": """
        - id: c1
          text: Open models spread fastest.
          supported_by: [a1]
        - id: a1
          kind: assumption
          text: Developers pick the cheapest model.
        """
    }
    # The assumption itself is not reported: it is taken as given on purpose.
    assert lint(files, "AM203") == [("claims/c.yaml", 2, 3, "AM203", "c1")]
    [finding] = lint.findings(files, "AM203")
    assert finding.message == (
        "claim 'c1' holds only if an assumption does: it rests on assumption 'a1', not on evidence"
    )
    assert (finding.name, finding.severity) == ("rests-on-assumption", "info")


@pytest.mark.parametrize(
    ("reasons", "named"),
    [
        pytest.param("[a1]", "assumption 'a1'", id="direct"),
        pytest.param("[{premises: [e1, a1]}]", "assumption 'a1'", id="linked-with-evidence"),
        pytest.param("[{premises: [a1, a2]}]", "assumptions 'a1', 'a2'", id="linked-two"),
        pytest.param("[a2, a1]", "assumptions 'a1', 'a2'", id="independent-two-in-file-order"),
        pytest.param("[a1, {premises: [a2, x]}]", "assumption 'a1'", id="only-the-ones-that-help"),
        pytest.param("[a1, e1]", None, id="evidence-suffices"),
        pytest.param("[{premises: [a1, x]}]", None, id="unsupported-is-not-assumed"),
        pytest.param("[x]", None, id="unsupported"),
    ],
)
def test_which_assumptions_are_named(lint, reasons, named):
    files = {
        "claims/c.yaml": f"id: c\ntext: C.\nsupported_by: {reasons}\n" + ASSUMPTIONS,
        "evidence/e.yaml": lint.evidence("e1"),
    }
    findings = lint.findings(files, "AM203")
    if named is None:
        assert findings == []
    else:
        assert [(f.span.line, f.subject) for f in findings] == [(1, "c")]
        assert f"rests on {named}, not on evidence" in findings[0].message


def test_every_claim_up_the_chain_says_so(lint):
    files = {
        "claims/c.yaml": "id: t\nkind: thesis\ntext: T.\nsupported_by: [c]\n---\n"
        "id: c\ntext: C.\nsupported_by: [a1]\n" + ASSUMPTIONS,
    }
    findings = lint.findings(files, "AM203")
    assert [(f.subject, f.message.split(":")[0]) for f in findings] == [
        ("t", "thesis 't' holds only if an assumption does"),
        ("c", "claim 'c' holds only if an assumption does"),
    ]
    assert all("rests on assumption 'a1'" in f.message for f in findings)


def test_an_assumption_grounded_in_evidence_is_no_longer_taken_on_trust(lint):
    files = {
        "claims/c.yaml": """
        - id: c1
          text: Open models spread fastest.
          supported_by: [a1]
        - id: a1
          kind: assumption
          text: Developers pick the cheapest model.
          supported_by: [survey]
        """,
        "evidence/e.yaml": lint.evidence("survey"),
    }
    assert lint(files, "AM203") == []
