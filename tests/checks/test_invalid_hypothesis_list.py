from __future__ import annotations

import pytest

CLAIMS = """
- {id: cloud, kind: hypothesis, text: Firms open-source to sell cloud services.}
- {id: trust, kind: hypothesis, text: China open-sources to win trust.}
- {id: t, kind: thesis, text: It is a strategy.}
"""
EVIDENCE = "id: e1\nkind: document\nsummary: A report.\nreliability: B\ncredibility: 2\n"


def test_each_bad_entry_is_reported_where_it_is_listed(lint):
    files = {
        "argmap.yaml": "hypotheses: [cloud, trust, t, clod, e1, cloud, zzz]\n",
        "claims/c.yaml": CLAIMS,
        "evidence/e.yaml": EVIDENCE,
    }
    assert lint(files, "AM702") == [
        ("argmap.yaml", 1, 28, "AM702", "t"),
        ("argmap.yaml", 1, 31, "AM702", "clod"),
        ("argmap.yaml", 1, 37, "AM702", "e1"),
        ("argmap.yaml", 1, 41, "AM702", "cloud"),
        ("argmap.yaml", 1, 48, "AM702", "zzz"),
    ]
    findings = lint.findings(files, "AM702")
    assert [f.message for f in findings] == [
        (
            "'t' is a claim of kind thesis; expected a claim of kind hypothesis (give it "
            "`kind: hypothesis`, or leave it out of the list)"
        ),
        "no claim has the id 'clod'; did you mean 'cloud'?",
        (
            "'e1' is an evidence record; expected the id of a claim of kind hypothesis (evidence "
            "is rated against hypotheses in its `consistency:`)"
        ),
        (
            "'cloud' is listed twice in `hypotheses:` (also at argmap.yaml:1:14); expected each "
            "hypothesis once"
        ),
        "no claim has the id 'zzz'; expected the id of a claim of kind hypothesis",
    ]
    assert [f.related for f in findings][:4] == [
        (("claims/c.yaml", 4, 3),),
        (),
        (("evidence/e.yaml", 1, 1),),
        (("argmap.yaml", 1, 14),),
    ]
    assert {(f.name, f.severity) for f in findings} == {("invalid-hypothesis-list", "error")}


def test_a_block_list_points_at_each_line(lint):
    files = {
        "argmap.yaml": "question: Why?\nhypotheses:\n  - cloud\n  - t\n",
        "claims/c.yaml": CLAIMS,
    }
    assert lint(files, "AM702") == [("argmap.yaml", 4, 5, "AM702", "t")]


@pytest.mark.parametrize(
    "config",
    [
        pytest.param("hypotheses: [trust, cloud]\n", id="hypotheses-in-any-order"),
        pytest.param("title: No list\n", id="no-list"),
        pytest.param(None, id="no-argmap-yaml"),
    ],
)
def test_a_list_of_hypotheses_passes(lint, config):
    files = {"claims/c.yaml": CLAIMS}
    if config:
        files["argmap.yaml"] = config
    assert lint(files, "AM702") == []
