from __future__ import annotations

import pytest

CLAIMS = """
- {id: cloud, kind: hypothesis, text: Firms open-source to sell cloud services.}
- {id: trust, kind: hypothesis, text: China open-sources to win trust.}
- {id: cover, kind: hypothesis, text: Openness is a cover.}
"""


def evidence(ratings: str) -> str:
    return (
        "id: e1\nkind: document\nsummary: A report.\nreliability: B\ncredibility: 2\n"
        f"consistency: {ratings}\n"
    )


def test_cells_left_empty(lint):
    files = {"claims/c.yaml": CLAIMS, "evidence/e.yaml": evidence("{trust: CC}")}
    assert lint(files, "AM705") == [("evidence/e.yaml", 6, 14, "AM705", "e1")]
    [finding] = lint.findings(files, "AM705")
    assert finding.message == (
        "evidence 'e1' is not rated against 'cloud', 'cover'; expected a rating for every "
        "hypothesis (CC, C, N, NA, I or II)"
    )
    assert (finding.name, finding.severity) == ("incomplete-rating", "info")


def test_only_the_hypotheses_the_map_compares_count(lint):
    files = {
        "argmap.yaml": "hypotheses: [cloud, trust]\n",
        "claims/c.yaml": CLAIMS,
        "evidence/e.yaml": evidence("{cloud: I, trust: N}"),
    }
    assert lint(files, "AM705") == []


@pytest.mark.parametrize(
    "ratings",
    [
        pytest.param("{cloud: C, trust: NA, cover: I}", id="every-cell"),
        pytest.param("{}", id="not-in-the-matrix-at-all"),
        pytest.param("{clod: C}", id="only-an-unknown-hypothesis"),
    ],
)
def test_passes(lint, ratings):
    files = {"claims/c.yaml": CLAIMS, "evidence/e.yaml": evidence(ratings)}
    assert lint(files, "AM705") == []
