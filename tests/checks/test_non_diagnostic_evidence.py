from __future__ import annotations

import pytest

CLAIMS = """
- {id: cloud, kind: hypothesis, text: Firms open-source to sell cloud services.}
- {id: trust, kind: hypothesis, text: China open-sources to win trust.}
- {id: cover, kind: hypothesis, text: Openness is a cover.}
"""


def evidence(ratings: str) -> str:
    return (
        "id: e1\nkind: event\nsummary: Open weights.\nreliability: B\ncredibility: 2\n"
        f"consistency: {ratings}\n"
    )


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        pytest.param(
            "{cloud: C, trust: C, cover: C}",
            "evidence 'e1' is rated C against every hypothesis, so it cannot tell them apart; "
            "expected evidence inconsistent with some hypotheses and not others",
            id="all-alike",
        ),
        pytest.param(
            "{cloud: I, trust: I, cover: NA}",
            "evidence 'e1' is rated I against every hypothesis (NA and empty cells aside), so it "
            "cannot tell them apart; expected evidence inconsistent with some hypotheses and not "
            "others",
            id="all-alike-but-na",
        ),
        pytest.param(
            "{cloud: CC, trust: N, cover: C}",
            "evidence 'e1' is inconsistent with none of the hypotheses, and only inconsistency "
            "counts, so it cannot tell them apart; expected evidence inconsistent with some "
            "hypotheses and not others",
            id="inconsistent-with-none",
        ),
        pytest.param(
            "{cloud: I, trust: NA, cover: NA}",
            "evidence 'e1' is rated against fewer than two hypotheses (NA and empty cells do not "
            "count), so it cannot tell them apart; expected ratings against at least two",
            id="one-rating-that-counts",
        ),
    ],
)
def test_non_diagnostic(lint, ratings, message):
    files = {"claims/c.yaml": CLAIMS, "evidence/e.yaml": evidence(ratings)}
    assert lint(files, "AM704") == [("evidence/e.yaml", 6, 14, "AM704", "e1")]
    [finding] = lint.findings(files, "AM704")
    assert finding.message == message
    assert (finding.name, finding.severity) == ("non-diagnostic-evidence", "info")


def test_a_block_mapping_is_pointed_at_its_first_rating(lint):
    files = {
        "claims/c.yaml": CLAIMS,
        "evidence/e.yaml": evidence("\n  cloud: N\n  trust: N\n  cover: N"),
    }
    assert lint(files, "AM704") == [("evidence/e.yaml", 7, 3, "AM704", "e1")]


@pytest.mark.parametrize(
    "ratings",
    [
        pytest.param("{cloud: C, trust: C, cover: I}", id="against-one"),
        pytest.param("{cloud: II, trust: I, cover: I}", id="against-one-more"),
        pytest.param("{cloud: I, trust: N}", id="not-every-cell"),
    ],
)
def test_diagnostic(lint, ratings):
    files = {"claims/c.yaml": CLAIMS, "evidence/e.yaml": evidence(ratings)}
    assert lint(files, "AM704") == []


def test_a_map_without_hypotheses_has_nothing_to_tell_apart(lint):
    files = {"claims/c.yaml": "id: t\ntext: T.\n", "evidence/e.yaml": evidence("{h: C}")}
    assert lint(files, "AM704") == []
