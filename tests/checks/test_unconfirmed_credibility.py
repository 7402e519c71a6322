from __future__ import annotations

import pytest

CONFIRMED = """
id: e1
kind: statistic
summary: 60% of developers use open models.
reliability: B
credibility: 1
source: {title: Developer Survey 2024, url: "https://example.org/survey"}
"""


def test_confirmed_by_nothing_else(lint):
    files = {
        "claims/c.yaml": "id: c1\ntext: Open models are popular.\nsupported_by: [e1]\n",
        "evidence/e.yaml": CONFIRMED,
    }
    assert lint(files, "AM303") == [("evidence/e.yaml", 6, 14, "AM303", "e1")]
    [finding] = lint.findings(files, "AM303")
    assert finding.message == (
        "evidence 'e1' is graded 1 (confirmed), but no evidence from an independent source "
        "bears on the same claim the same way; expected credibility 2, or a second source"
    )
    assert (finding.name, finding.severity) == ("unconfirmed-credibility", "warning")


@pytest.mark.parametrize(
    ("second", "confirmed"),
    [
        pytest.param("{title: Model Hub Statistics}", True, id="other-title"),
        pytest.param("{title: developer survey 2024}", False, id="same-title-any-case"),
        pytest.param(
            '{title: The Survey, url: "https://EXAMPLE.org/survey/"}', False, id="same-url"
        ),
        pytest.param(
            '{title: Developer Survey 2024, url: "https://example.org/mirror"}',
            True,
            id="same-title-other-url",
        ),
        pytest.param(None, False, id="second-record-has-no-source"),
    ],
)
def test_a_second_record_on_the_same_claim_must_come_from_another_source(lint, second, confirmed):
    files = {
        "claims/c.yaml": "id: c1\ntext: Open models are popular.\nsupported_by: [e1, e2]\n",
        "evidence/e.yaml": "- "
        + CONFIRMED.strip().replace("\n", "\n  ")
        + "\n"
        + lint.evidence("e2", source=second),
    }
    assert [f.subject for f in lint.findings(files, "AM303")] == ([] if confirmed else ["e1"])


@pytest.mark.parametrize(
    ("claim", "confirmed"),
    [
        pytest.param(
            "supported_by: [e1]\nattacked_by: [e2]", False, id="an-attack-does-not-confirm"
        ),
        pytest.param(
            "supported_by: [{premises: [e1, e2]}]", False, id="a-linked-co-premise-does-not"
        ),
        pytest.param("attacked_by: [e1, e2]", True, id="two-attacks-confirm-each-other"),
        pytest.param(
            "supported_by: [{premises: [c2], undercut_by: [e1, e2]}]", True, id="two-undercutters"
        ),
        pytest.param(
            "supported_by: [{premises: [c2], undercut_by: [e1]}, e2]",
            False,
            id="undercutter-and-support",
        ),
    ],
)
def test_only_evidence_bearing_the_same_way_confirms(lint, claim, confirmed):
    files = {
        "claims/c.yaml": f"id: c1\ntext: T.\n{claim}\n---\nid: c2\ntext: Two.\n",
        "evidence/e.yaml": lint.evidence("e1", "B1", "{title: One}")
        + lint.evidence("e2", "B2", "{title: Two}"),
    }
    assert [f.subject for f in lint.findings(files, "AM303")] == ([] if confirmed else ["e1"])


def test_a_record_without_source_is_confirmed_by_any_sourced_one(lint):
    files = {
        "claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [e1, e2]\n",
        "evidence/e.yaml": lint.evidence("e1", "B1", None) + lint.evidence("e2", "B2"),
    }
    assert lint(files, "AM303") == []


def test_records_sharing_the_map_default_source_do_not_confirm_each_other(lint):
    files = {
        "argmap.yaml": "source: {title: The article}\n",
        "claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [e1, e2]\n",
        "evidence/e.yaml": lint.evidence("e1", "B1", None) + lint.evidence("e2", "B1", None),
    }
    assert lint(files, "AM303") == [
        ("evidence/e.yaml", 1, 92, "AM303", "e1"),
        ("evidence/e.yaml", 2, 92, "AM303", "e2"),
    ]


@pytest.mark.parametrize("grade", ["A2", "B3", "F6"])
def test_other_credibilities_need_no_confirmation(lint, grade):
    files = {
        "claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [e1]\n",
        "evidence/e.yaml": lint.evidence("e1", grade),
    }
    assert lint(files, "AM303") == []
