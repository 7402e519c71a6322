from __future__ import annotations

import pytest

CLAIMS = """
- {id: cloud, kind: hypothesis, text: Firms open-source to sell cloud services.}
- {id: trust, kind: hypothesis, text: China open-sources to win trust.}
- {id: t, kind: thesis, text: It is a strategy.}
"""


def evidence(ratings: str) -> str:
    return (
        "id: e1\nkind: document\nsummary: A report.\nreliability: B\ncredibility: 2\n"
        f"consistency: {ratings}\n"
    )


@pytest.mark.parametrize(
    ("ratings", "column", "message"),
    [
        pytest.param(
            "{cloud: C, trusst: N}",
            33,
            "no hypothesis has the id 'trusst'; did you mean 'trust'?",
            id="typo",
        ),
        pytest.param(
            "{cloud: C, zzz: N}",
            30,
            "no hypothesis has the id 'zzz'; expected one of the map's hypotheses "
            "('cloud', 'trust')",
            id="unknown",
        ),
        pytest.param(
            "{cloud: C, t: I}",
            28,
            "'t' is a claim of kind thesis, not a hypothesis; expected one of the map's "
            "hypotheses ('cloud', 'trust'), or give it `kind: hypothesis`",
            id="a-thesis",
        ),
        pytest.param(
            "{cloud: C, e1: I}",
            29,
            "'e1' is an evidence record, not a hypothesis; expected one of the map's hypotheses "
            "('cloud', 'trust')",
            id="an-evidence-record",
        ),
    ],
)
def test_a_rating_of_something_that_is_not_a_hypothesis(lint, ratings, column, message):
    files = {"claims/c.yaml": CLAIMS, "evidence/e.yaml": evidence(ratings)}
    assert lint(files, "AM701") == [("evidence/e.yaml", 6, column, "AM701", "e1")]
    [finding] = lint.findings(files, "AM701")
    assert finding.message == message
    assert (finding.name, finding.severity) == ("unknown-hypothesis", "error")


def test_a_hypothesis_the_list_leaves_out(lint):
    files = {
        "argmap.yaml": "hypotheses: [cloud]\n",
        "claims/c.yaml": CLAIMS,
        "evidence/e.yaml": evidence("{cloud: C, trust: I}"),
    }
    [finding] = lint.findings(files, "AM701")
    assert finding.message == (
        "'trust' is a hypothesis, but not one of those argmap.yaml's `hypotheses:` lists; add it "
        "to the list, or expected one of the map's hypotheses ('cloud')"
    )


def test_a_map_with_no_hypotheses(lint):
    files = {"claims/c.yaml": "id: t\ntext: T.\n", "evidence/e.yaml": evidence("{h1: C}")}
    [finding] = lint.findings(files, "AM701")
    assert finding.message == (
        "no hypothesis has the id 'h1'; the map has no hypotheses (expected claims with "
        "`kind: hypothesis`, or argmap.yaml `hypotheses:`)"
    )


@pytest.mark.parametrize(
    ("config", "ratings"),
    [
        pytest.param(None, "{cloud: C, trust: II}", id="every-hypothesis"),
        pytest.param("hypotheses: [trust]\n", "{trust: NA}", id="the-listed-one"),
        pytest.param(None, "{}", id="no-ratings"),
    ],
)
def test_ratings_of_the_hypotheses_pass(lint, config, ratings):
    files = {"claims/c.yaml": CLAIMS, "evidence/e.yaml": evidence(ratings)}
    if config:
        files["argmap.yaml"] = config
    assert lint(files, "AM701") == []
