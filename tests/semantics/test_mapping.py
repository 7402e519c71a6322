"""The map read as arguments: base scores, reasons, attacks (direct and derived)."""

from __future__ import annotations

import pytest

from argmap.argument_map import ArgumentMap
from argmap.model import Claim, Evidence
from argmap.semantics.mapping import (
    ASSUMPTION_BASE,
    CLAIM_BASE,
    Attack,
    ReasonShape,
    base_scores,
    map_framework,
)


def ev(record_id: str, grade: str = "B2") -> Evidence:
    return Evidence(
        id=record_id,
        kind="statistic",
        summary="Found so.",
        reliability=grade[0],
        credibility=int(grade[1]),
    )


@pytest.mark.parametrize(
    ("grade", "score"),
    [("A1", 1.0), ("B2", 0.8), ("C3", 0.6), ("D4", 0.4), ("E5", 0.2), ("F6", 0.5), ("A6", 0.75)],
)
def test_evidence_base_scores_come_from_the_admiralty_grades(grade, score):
    assert base_scores(ArgumentMap(evidence=[ev("e", grade)])) == {"e": score}


@pytest.mark.parametrize(
    ("kind", "score"),
    [("claim", 0.0), ("thesis", 0.0), ("hypothesis", 0.0), ("assumption", 0.5)],
)
def test_claim_base_scores_depend_on_the_kind(kind, score):
    amap = ArgumentMap(claims=[Claim(id="c", kind=kind, text="C.")])
    assert base_scores(amap) == {"c": score}
    assert (CLAIM_BASE, ASSUMPTION_BASE) == (0.0, 0.5)


def test_reasons_are_arguments_with_premises_and_undercutters():
    amap = ArgumentMap(
        claims=[
            Claim(
                id="c",
                text="C.",
                supported_by=[{"premises": ["p", "q", "p", "gone"], "undercut_by": ["u"]}],
                attacked_by=[{"id": "obj", "premises": ["x"]}],
            ),
            Claim(id="p", text="P."),
            Claim(id="x", text="X.", attacked_by=["y"]),
            Claim(id="y", text="Y."),
        ],
        evidence=[ev("q"), ev("u")],
    )
    framework = map_framework(amap)
    records = ("c", "p", "x", "y", "q", "u")
    assert framework.arguments == (*records, "c:for:1", "obj", "x:against:1")
    assert framework.reasons["c:for:1"] == ReasonShape(
        "c:for:1", "support", "c", ("p", "q"), ("gone",), ("u",)
    )
    assert framework.reasons_for == {"c": ("c:for:1",), "p": (), "x": (), "y": ()}
    assert framework.reasons_against == {"c": ("obj",), "p": (), "x": ("x:against:1",), "y": ()}
    assert framework.base["c:for:1"] == 0.0  # a premise names no record
    assert framework.base["obj"] == 1.0
    assert framework.attacks == (
        Attack("u", "c:for:1", "undercuts"),
        Attack("obj", "c", "attacks"),
        Attack("x:against:1", "x", "attacks"),
        Attack("x:against:1", "obj", "secondary", "x"),
    )


def test_a_reason_needing_an_undercutter_attacks_what_it_undercuts():
    # r2 needs u; u undercuts r1: the extended attack r2 → r1.
    amap = ArgumentMap(
        claims=[
            Claim(id="a", text="A.", supported_by=[{"premises": ["e"], "undercut_by": ["u"]}]),
            Claim(id="b", text="B.", supported_by=["u"]),
        ],
        evidence=[ev("e"), ev("u")],
    )
    attacks = map_framework(amap).attacks
    assert Attack("b:for:1", "a:for:1", "extended", "u") in attacks


def test_the_qbaf_weighs_claims_by_reasons_and_reasons_by_premises_and_undercuts():
    amap = ArgumentMap(
        claims=[
            Claim(
                id="c",
                text="C.",
                supported_by=[{"premises": ["p", "q"], "undercut_by": ["u"]}],
                attacked_by=["x"],
            ),
            Claim(id="p", text="P."),
            Claim(id="x", text="X."),
        ],
        evidence=[ev("q"), ev("u")],
    )
    qbaf = map_framework(amap).qbaf()
    assert qbaf.supporters["c"] == ["c:for:1"]
    assert qbaf.attackers["c"] == ["c:against:1"]
    assert qbaf.premises["c:for:1"] == ["p", "q"]
    assert qbaf.attackers["c:for:1"] == ["u"]
    assert qbaf.premises["c:against:1"] == ["x"]
