from __future__ import annotations

import pytest

from argmap.argument_map import ArgumentMap
from argmap.checks import check
from argmap.model import Claim


def test_an_unanswered_attack_is_reported_where_it_is_written(lint):
    files = {
        "claims/c.yaml": """
        - id: c1
          text: Tea is healthy.
          attacked_by: [c2]
        - id: c2
          text: Tea stains teeth.
        """
    }
    assert lint(files, "AM205") == [("claims/c.yaml", 4, 17, "AM205", "c1")]
    [finding] = lint.findings(files, "AM205")
    assert finding.message == (
        "claim 'c1' is attacked by 'c2', and nothing answers the attack; "
        "expected an undercut, a counter-attack or stronger support"
    )
    assert (finding.name, finding.severity) == ("contested-claim", "warning")


def test_each_unanswered_attack_is_a_finding(lint):
    files = {
        "claims/c.yaml": """
        id: c1
        kind: thesis
        text: Tea is healthy.
        attacked_by:
          - c2
          - premises: [c3, c2]
        ---
        {id: c2, text: Two.}
        ---
        {id: c3, text: Three.}
        """
    }
    findings = lint.findings(files, "AM205")
    assert [(f.span.line, f.span.column, f.subject) for f in findings] == [
        (6, 5, "c1"),
        (7, 5, "c1"),
    ]
    assert "thesis 'c1' is attacked by 'c3' + 'c2'," in findings[1].message


def test_not_attacked_passes(lint):
    files = {"claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [c2]\n---\nid: c2\ntext: Two.\n"}
    assert lint(files, "AM205") == []


def test_answered_by_an_undercut_of_the_attack(lint):
    files = {
        "claims/c.yaml": """
        - id: c1
          text: Tea is healthy.
          attacked_by:
            - premises: [c2]
              undercut_by: [c3]
        - {id: c2, text: Tea stains teeth.}
        - {id: c3, text: Stained teeth say nothing about health.}
        """
    }
    assert lint(files, "AM205") == []


def test_an_undercut_naming_an_unknown_id_answers_nothing(lint):
    files = {
        "claims/c.yaml": """
        - id: c1
          text: Tea is healthy.
          attacked_by:
            - premises: [c2]
              undercut_by: [c3]
        - {id: c2, text: Tea stains teeth.}
        """
    }
    assert [f.code for f in lint.findings(files, "AM101", "AM205")] == ["AM205", "AM101"]


def test_answered_by_an_attack_on_the_attacker(lint):
    files = {
        "claims/c.yaml": """
        - id: c1
          text: Tea is healthy.
          attacked_by: [c2]
        - id: c2
          text: Tea stains teeth.
          attacked_by: [c3]
        - {id: c3, text: Brushing removes the stains.}
        """
    }
    # c1 is answered; the counter-attack on c2 is itself unanswered.
    assert lint(files, "AM205") == [("claims/c.yaml", 7, 17, "AM205", "c2")]


def test_a_counter_attack_left_out_of_the_graph_answers_nothing():
    # Built in Python (a loaded map cannot name two reasons alike, AM007): c2's attack is
    # named "r", as a reason of c1 already is, and the graph keeps c1's only.
    amap = ArgumentMap(
        claims=[
            Claim(
                id="c1",
                text="Tea is healthy.",
                attacked_by=["c2"],
                supported_by=[{"id": "r", "premises": ["c3"]}],
            ),
            Claim(id="c2", text="Tea stains teeth.", attacked_by=[{"id": "r", "premises": ["c3"]}]),
            Claim(id="c3", text="Brushing removes the stains."),
        ]
    )
    assert [f.subject for f in check(amap, select=["AM205"])] == ["c1", "c2"]


def test_an_undercut_of_the_attackers_own_support_does_not_answer_the_attack(lint):
    files = {
        "claims/c.yaml": """
        - id: c1
          text: Tea is healthy.
          attacked_by: [c2]
        - id: c2
          text: Tea stains teeth.
          supported_by:
            - premises: [c3]
              undercut_by: [c4]
        - {id: c3, text: Three.}
        - {id: c4, text: Four.}
        """
    }
    assert lint(files, "AM205") == [("claims/c.yaml", 4, 17, "AM205", "c1")]


@pytest.mark.parametrize(
    ("own", "attack", "answered"),
    [
        pytest.param("[e_b2]", "[c2]", True, id="grounded-beats-ungrounded"),
        pytest.param("[e_b2]", "[e_c3]", True, id="better-graded-evidence"),
        pytest.param("[e_c3]", "[e_b2]", False, id="worse-graded-evidence"),
        pytest.param("[e_b2]", "[e_b2x]", False, id="equal-strength-is-not-stronger"),
        pytest.param("[a1]", "[c2]", True, id="assumed-beats-ungrounded"),
        pytest.param("[a1]", "[e_c3]", False, id="assumed-loses-to-evidence"),
        pytest.param("[c2]", "[c3]", False, id="both-ungrounded"),
        pytest.param(
            "[e_c3]", "[{premises: [e_b2, nope]}]", True, id="unknown-premise-grounds-nothing"
        ),
        pytest.param("[{premises: [e_b2, e_c3]}]", "[e_b2]", False, id="linked-is-its-weakest"),
    ],
)
def test_answered_by_stronger_support(lint, own, attack, answered):
    files = {
        "claims/c.yaml": f"id: c1\ntext: T.\nsupported_by: {own}\nattacked_by: {attack}\n---\n"
        "{id: c2, text: Two.}\n---\n{id: c3, text: Three.}\n---\n"
        "{id: a1, kind: assumption, text: Assumed.}\n",
        "evidence/e.yaml": lint.evidence("e_b2", "B2")
        + lint.evidence("e_b2x", "B2")
        + lint.evidence("e_c3", "C3"),
    }
    expected = [] if answered else [("claims/c.yaml", 4, 15, "AM205", "c1")]
    assert lint(files, "AM205") == expected


def test_an_attack_naming_only_unknown_ids_is_left_to_unknown_reference(lint):
    files = {"claims/c.yaml": "id: c1\ntext: T.\nattacked_by: [nope]\n"}
    assert [f.code for f in lint.findings(files, "AM101", "AM205")] == ["AM101"]
