from __future__ import annotations

import pytest


def test_support_only_from_weak_evidence(lint):
    files = {
        "claims/c.yaml": "id: c1\ntext: Tea cures colds.\nsupported_by: [rumour]\n",
        "evidence/e.yaml": lint.evidence("rumour", "E5"),
    }
    assert lint(files, "AM204") == [("claims/c.yaml", 1, 1, "AM204", "c1")]
    [finding] = lint.findings(files, "AM204")
    assert finding.message == (
        "claim 'c1' reaches evidence only through evidence graded unreliable (E) or "
        "improbable (5): rumour (E5); expected better-graded evidence"
    )
    assert (finding.name, finding.severity) == ("weak-only-support", "warning")


@pytest.mark.parametrize(
    ("grade", "weak"),
    [
        ("E5", True),
        ("E1", True),
        ("A5", True),
        ("E6", True),
        ("F5", True),
        pytest.param("F6", False, id="F6-cannot-be-judged-is-not-weak"),
        pytest.param("F1", False, id="F-is-not-E"),
        pytest.param("A6", False, id="6-is-not-5"),
        ("D4", False),
        ("B2", False),
    ],
)
def test_E_or_5_is_weak_but_F_and_6_are_not(lint, grade, weak):
    files = {
        "claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [e1]\n",
        "evidence/e.yaml": lint.evidence("e1", grade),
    }
    assert lint(files, "AM204") == ([("claims/c.yaml", 1, 1, "AM204", "c1")] if weak else [])


@pytest.mark.parametrize(
    ("reasons", "named"),
    [
        pytest.param("[weak, strong]", None, id="one-strong-independent-reason-suffices"),
        pytest.param(
            "[{premises: [weak, strong]}]", "weak (E3)", id="linked-is-as-weak-as-its-weakest"
        ),
        pytest.param("[weak, weak2]", "weak (E3), weak2 (C5)", id="all-weak"),
        pytest.param(
            "[weak, {premises: [strong, x]}]", "weak (E3)", id="strong-but-ungrounded-group"
        ),
        pytest.param("[x]", None, id="unsupported-is-another-check"),
        pytest.param("[{premises: [weak, x]}]", None, id="ungrounded-is-another-check"),
    ],
)
def test_which_chains_count(lint, reasons, named):
    files = {
        "claims/c.yaml": f"id: c\ntext: C.\nsupported_by: {reasons}\n---\nid: x\ntext: X.\n",
        "evidence/e.yaml": lint.evidence("strong", "B2")
        + lint.evidence("weak", "E3")
        + lint.evidence("weak2", "C5"),
    }
    findings = lint.findings(files, "AM204")
    if named is None:
        assert findings == []
    else:
        assert [f.subject for f in findings] == ["c"]
        assert f"(5): {named};" in findings[0].message


def test_claims_up_the_chain_are_weakly_supported_too(lint):
    files = {
        "claims/c.yaml": "id: t\nkind: thesis\ntext: T.\nsupported_by: [c]\n---\n"
        "id: c\ntext: C.\nsupported_by: [rumour]\n",
        "evidence/e.yaml": lint.evidence("rumour", "E5"),
    }
    findings = lint.findings(files, "AM204")
    assert [(f.subject, f.message.split(" reaches")[0]) for f in findings] == [
        ("t", "thesis 't'"),
        ("c", "claim 'c'"),
    ]
    assert all(": rumour (E5);" in f.message for f in findings)


def test_a_strong_chain_anywhere_up_the_tree_suffices(lint):
    files = {
        "claims/c.yaml": "id: t\ntext: T.\nsupported_by: [c, rumour]\n---\n"
        "id: c\ntext: C.\nsupported_by: [survey]\n",
        "evidence/e.yaml": lint.evidence("rumour", "E5") + lint.evidence("survey", "B2"),
    }
    assert lint(files, "AM204") == []
