from __future__ import annotations

import pytest


def test_support_only_through_an_unsupported_claim_names_the_weak_link(lint):
    files = {
        "claims/c.yaml": """
        - id: c1
          text: Tea is healthy.
          supported_by: [c2]
        - id: c2
          text: Tea has antioxidants.
        """
    }
    assert lint(files, "AM202") == [("claims/c.yaml", 2, 3, "AM202", "c1")]
    [finding] = lint.findings(files, "AM202")
    assert finding.message == (
        "claim 'c1' is supported only through claims that rest on nothing (weak link: 'c2'); "
        "expected a chain that ends in evidence or an assumption"
    )
    assert (finding.name, finding.severity) == ("ungrounded-support", "error")
    # The weak link itself is unsupported-claim's finding.
    assert lint(files, "AM201") == [("claims/c.yaml", 5, 3, "AM201", "c2")]


def test_every_claim_up_the_chain_names_the_same_weak_link(lint):
    files = {
        "claims/c.yaml": """
        - id: t
          kind: thesis
          text: T.
          supported_by: [c1]
        - id: c1
          text: One.
          supported_by: [c2]
        - id: c2
          text: Two.
        """
    }
    findings = lint.findings(files, "AM202")
    assert [(f.span.line, f.subject) for f in findings] == [(2, "t"), (6, "c1")]
    assert all("(weak link: 'c2')" in f.message for f in findings)


CLAIM_WITH = (
    "id: c\ntext: C.\nsupported_by:\n{reasons}\n---\nid: x\ntext: X.\n---\nid: y\ntext: Y.\n"
)


@pytest.mark.parametrize(
    ("reasons", "weak"),
    [
        pytest.param("  - premises: [e1, x]", "weak link: 'x'", id="linked-one-premise-bad"),
        pytest.param("  - premises: [e1, e2]", None, id="linked-all-grounded"),
        pytest.param("  - x\n  - e1", None, id="independent-one-grounded-suffices"),
        pytest.param("  - x\n  - y", "weak links: 'x', 'y'", id="independent-none-grounded"),
        pytest.param("  - premises: [x, y]", "weak links: 'x', 'y'", id="linked-none-grounded"),
        pytest.param("  - premises: [e1, x]\n  - y", "weak links: 'x', 'y'", id="mixed"),
    ],
)
def test_linked_and_independent_reasons(lint, reasons, weak):
    files = {
        "claims/c.yaml": CLAIM_WITH.format(reasons=reasons),
        "evidence/e.yaml": lint.evidence("e1") + lint.evidence("e2"),
    }
    findings = lint.findings(files, "AM202")
    if weak is None:
        assert findings == []
    else:
        [finding] = findings
        assert (finding.span.line, finding.subject) == (1, "c")
        assert f"({weak})" in finding.message


def test_a_grounded_premise_is_not_walked_through(lint):
    # s is grounded (by e1), so its other, unsupported reason z is not why c fails: y is.
    files = {
        "claims/c.yaml": """
        - id: c
          text: C.
          supported_by:
            - premises: [s, y]
        - id: s
          text: S.
          supported_by: [e1, z]
        - id: y
          text: Y.
        - id: z
          text: Z.
        """,
        "evidence/e.yaml": lint.evidence("e1"),
    }
    [finding] = lint.findings(files, "AM202")
    assert "(weak link: 'y')" in finding.message


def test_the_weak_links_are_the_nearest_first_and_at_most_three_are_named(lint):
    files = {
        "claims/c.yaml": """
        - id: c
          text: C.
          supported_by: [d, w1]
        - id: d
          text: D.
          supported_by: [w2, w3, w4]
        - {id: w1, text: W1.}
        - {id: w2, text: W2.}
        - {id: w3, text: W3.}
        - {id: w4, text: W4.}
        """
    }
    [first, _] = lint.findings(files, "AM202")
    assert first.subject == "c"
    assert "(weak links: 'w1', 'w2', 'w3' and 1 more)" in first.message


def test_a_circle_is_its_own_weak_link(lint):
    files = {
        "claims/c.yaml": """
        - id: a
          text: A.
          supported_by: [b]
        - id: b
          text: B.
          supported_by: [a]
        """
    }
    findings = lint.findings(files, "AM202")
    assert [f.subject for f in findings] == ["a", "b"]
    assert all("(its only reasons go round in a circle)" in f.message for f in findings)


def test_a_claim_whose_reasons_name_unknown_ids_is_a_weak_link(lint):
    files = {
        "claims/c.yaml": """
        - id: c
          text: C.
          supported_by: [x]
        - id: x
          text: X.
          supported_by: [nope]
        """
    }
    [finding] = lint.findings(files, "AM202")
    assert (finding.subject, "(weak link: 'x')" in finding.message) == ("c", True)
    assert [f.code for f in lint.findings(files, "AM101", "AM201")] == ["AM101"]


def test_a_reason_with_an_unknown_premise_is_left_to_unknown_reference(lint):
    files = {
        "claims/c.yaml": "id: c\ntext: C.\nsupported_by:\n  - premises: [e1, nope]\n",
        "evidence/e.yaml": lint.evidence("e1"),
    }
    assert [f.code for f in lint.findings(files, "AM1", "AM2")] == ["AM101"]


@pytest.mark.parametrize(
    "premise",
    [
        pytest.param("e1", id="evidence"),
        pytest.param("a1", id="assumption"),
    ],
)
def test_chains_that_end_in_evidence_or_an_assumption_pass(lint, premise):
    files = {
        "claims/c.yaml": f"""
        - id: c1
          text: One.
          supported_by: [c2]
        - id: c2
          text: Two.
          supported_by: [{premise}]
        - id: a1
          kind: assumption
          text: Assumed.
        """,
        "evidence/e.yaml": lint.evidence("e1"),
    }
    assert lint(files, "AM202") == []


def test_an_assumption_is_never_ungrounded(lint):
    files = {
        "claims/c.yaml": """
        - id: a1
          kind: assumption
          text: Assumed.
          supported_by: [x]
        - id: x
          text: X.
        """
    }
    assert lint(files, "AM202") == []
