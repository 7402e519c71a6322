from __future__ import annotations

import pytest

CLAIMS = """
- {id: cloud, kind: hypothesis, text: Firms open-source to sell cloud services.}
- {id: trust, kind: hypothesis, text: China open-sources to win trust.}
"""


def evidence(ratings: str | None) -> str:
    text = "id: e1\nkind: document\nsummary: A report.\nreliability: B\ncredibility: 2\n"
    return text + (f"consistency: {ratings}\n" if ratings is not None else "")


def test_a_hypothesis_nothing_is_rated_against(lint):
    files = {"claims/c.yaml": CLAIMS, "evidence/e.yaml": evidence("{cloud: C}")}
    assert lint(files, "AM703") == [("claims/c.yaml", 3, 3, "AM703", "trust")]
    [finding] = lint.findings(files, "AM703")
    assert finding.message == (
        "no evidence is rated against hypothesis 'trust'; expected `consistency: {trust: ...}` "
        "(CC, C, N, I or II) on the evidence records that bear on it"
    )
    assert (finding.name, finding.severity) == ("unrated-hypothesis", "warning")


def test_not_applicable_everywhere_is_not_a_rating(lint):
    files = {"claims/c.yaml": CLAIMS, "evidence/e.yaml": evidence("{cloud: C, trust: NA}")}
    [finding] = lint.findings(files, "AM703")
    assert finding.message.startswith(
        "no evidence is rated against hypothesis 'trust' (only NA, not applicable); expected"
    )


def test_a_declared_analysis_with_no_ratings_yet(lint):
    files = {
        "argmap.yaml": "hypotheses: [trust, cloud]\n",
        "claims/c.yaml": CLAIMS,
        "evidence/e.yaml": evidence(None),
    }
    assert [row[4] for row in lint(files, "AM703")] == ["cloud", "trust"]


@pytest.mark.parametrize(
    ("config", "ratings"),
    [
        pytest.param(None, None, id="a-map-that-does-no-ach"),
        pytest.param(None, "{cloud: I, trust: N}", id="both-rated"),
        pytest.param("hypotheses: [cloud]\n", "{cloud: II}", id="only-the-listed-one"),
    ],
)
def test_every_compared_hypothesis_rated_passes(lint, config, ratings):
    files = {"claims/c.yaml": CLAIMS, "evidence/e.yaml": evidence(ratings)}
    if config:
        files["argmap.yaml"] = config
    assert lint(files, "AM703") == []
