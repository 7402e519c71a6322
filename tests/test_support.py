"""Grounding (supported / assumed / unsupported), grade scores and strengths."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.argument_map import ArgumentMap
from argmap.graph import build_graph, support_graph
from argmap.model import Claim, Evidence
from argmap.support import Status, SupportIndex, analyze_support, grade_score, is_weak

S, A, U, E = Status.SUPPORTED, Status.ASSUMED, Status.UNSUPPORTED, Status.EVIDENCE


def ev(record_id: str, grade: str = "B2") -> Evidence:
    return Evidence(
        id=record_id,
        kind="statistic",
        summary="Measured.",
        reliability=grade[0],
        credibility=int(grade[1]),
    )


def claim(record_id: str, *reasons: Any, kind: str = "claim") -> Claim:
    """A claim with support reasons: a str is one premise, a list a linked group."""
    supported_by = [r if isinstance(r, str) else {"premises": list(r)} for r in reasons]
    return Claim(id=record_id, kind=kind, text="T.", supported_by=supported_by)


def assumption(record_id: str, *reasons: Any) -> Claim:
    return claim(record_id, *reasons, kind="assumption")


def statuses(claims: list[Claim], evidence: list[Evidence] = ()) -> dict[str, Status]:
    return analyze_support(ArgumentMap(claims=claims, evidence=evidence)).status


@pytest.mark.parametrize(
    ("grade", "score"),
    [
        ("A1", 1.0),
        ("B2", 0.8),
        ("C3", 0.6),
        ("D4", 0.4),
        ("E5", 0.2),
        pytest.param("F6", 0.5, id="F6-is-an-even-chance-not-zero"),
        pytest.param("F1", 0.75, id="F-is-0.5"),
        pytest.param("A6", 0.75, id="6-is-0.5"),
        ("E1", 0.6),
        ("B5", 0.5),
    ],
)
def test_grade_score(grade, score):
    assert grade_score(ev("e", grade)) == score


@pytest.mark.parametrize(
    ("grade", "weak"),
    [("E5", True), ("E1", True), ("A5", True), ("F6", False), ("F1", False), ("D4", False)],
)
def test_is_weak(grade, weak):
    assert is_weak(ev("e", grade)) is weak


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        pytest.param([claim("c", "e1")], {"c": S}, id="evidence"),
        pytest.param([claim("c")], {"c": U}, id="nothing"),
        pytest.param([claim("c", "d"), claim("d", "e1")], {"c": S, "d": S}, id="chain"),
        pytest.param([claim("c", "d"), claim("d")], {"c": U, "d": U}, id="chain-to-nothing"),
        pytest.param([claim("c", "a"), assumption("a")], {"c": A, "a": A}, id="assumption"),
        pytest.param(
            [claim("c", "a"), assumption("a", "e1")], {"c": S, "a": S}, id="grounded-assumption"
        ),
        pytest.param([claim("c", ["e1", "e2"])], {"c": S}, id="linked-all-grounded"),
        pytest.param([claim("c", ["e1", "d"]), claim("d")], {"c": U, "d": U}, id="linked-one-not"),
        pytest.param(
            [claim("c", ["e1", "a"]), assumption("a")],
            {"c": A, "a": A},
            id="linked-with-assumption",
        ),
        pytest.param([claim("c", "d", "e1"), claim("d")], {"c": S, "d": U}, id="independent-one"),
        pytest.param([claim("c", ["e1", "nope"])], {"c": U}, id="linked-unknown-premise"),
        pytest.param([claim("c", "nope", "e1")], {"c": S}, id="independent-unknown-premise"),
        pytest.param([claim("c", "c")], {"c": U}, id="self-support"),
        pytest.param([claim("a", "b"), claim("b", "a")], {"a": U, "b": U}, id="cycle-alone"),
        pytest.param(
            [claim("a", "b", "e1"), claim("b", "a")], {"a": S, "b": S}, id="cycle-with-entry"
        ),
        pytest.param(
            [claim("a", "c"), claim("b", "a"), claim("c", "b"), claim("t", "c")],
            {"a": U, "b": U, "c": U, "t": U},
            id="three-cycle-alone",
        ),
        pytest.param(
            [claim("a", "c"), claim("b", "a", "e1"), claim("c", "b")],
            {"a": S, "b": S, "c": S},
            id="three-cycle-entered-anywhere",
        ),
        pytest.param(
            [claim("a", ["b", "e1"]), claim("b", "a")], {"a": U, "b": U}, id="linked-cycle-alone"
        ),
        pytest.param(
            [claim("a", ["b", "e1"]), claim("b", "a", "e2")],
            {"a": S, "b": S},
            id="linked-cycle-entered",
        ),
        pytest.param(
            [claim("a", "b", "x"), claim("b", "a"), assumption("x")],
            {"a": A, "b": A, "x": A},
            id="cycle-entered-by-an-assumption",
        ),
    ],
)
def test_statuses(claims, expected):
    result = statuses(claims, [ev("e1"), ev("e2")])
    assert result == {"e1": E, "e2": E, **expected}


def test_a_premise_that_grows_stronger_twice_is_counted_once():
    # Regression: `a` is grounded by e_weak, then raised by e_strong; counting it twice made
    # the linked reason [a, b] fire with b ungrounded (a KeyError).
    result = analyze_support(
        ArgumentMap(
            claims=[claim("a", "e_weak", "e_strong"), claim("b"), claim("c", ["a", "b"])],
            evidence=[ev("e_weak", "F6"), ev("e_strong", "A1")],
        )
    )
    assert (result.status["c"], result.strength["a"]) == (U, 1.0)


@pytest.mark.parametrize(
    ("claims", "evidence", "expected"),
    [
        pytest.param([claim("c", "a1")], [ev("a1", "A1")], 1.0, id="one-premise"),
        pytest.param(
            [claim("c", ["a1", "c3"])], [ev("a1", "A1"), ev("c3", "C3")], 0.6, id="min-of-linked"
        ),
        pytest.param(
            [claim("c", "c3", "a1")], [ev("a1", "A1"), ev("c3", "C3")], 1.0, id="max-of-reasons"
        ),
        pytest.param(
            [claim("c", ["d", "b2"], "c3"), claim("d", "a1")],
            [ev("a1", "A1"), ev("b2", "B2"), ev("c3", "C3")],
            0.8,
            id="max-min-down-a-chain",
        ),
        pytest.param([claim("c", "f6")], [ev("f6", "F6")], 0.5, id="cannot-be-judged"),
        pytest.param([claim("c", "x"), assumption("x")], [], 0.5, id="assumption"),
        pytest.param(
            [claim("c", ["x", "b2"]), assumption("x")],
            [ev("b2", "B2")],
            0.5,
            id="linked-assumption",
        ),
        pytest.param(
            # d is first grounded weakly, then more strongly: c must see the stronger value.
            [claim("c", ["d", "b2"]), claim("d", "f6", "e2"), claim("e2", "a1")],
            [ev("f6", "F6"), ev("b2", "B2"), ev("a1", "A1")],
            0.8,
            id="raised-after-firing",
        ),
    ],
)
def test_strength_is_max_over_reasons_of_min_over_premises(claims, evidence, expected):
    assert analyze_support(ArgumentMap(claims=claims, evidence=evidence)).strength["c"] == expected


def test_strength_holds_only_grounded_records():
    result = analyze_support(ArgumentMap(claims=[claim("c", "d"), claim("d")], evidence=[ev("e")]))
    assert result.strength == {"e": 0.8}


def test_supporters_ancestry_and_support_graph():
    result = analyze_support(
        ArgumentMap(
            claims=[
                claim("t", ["c", "e1"], "nope"),
                claim("c", "e2"),
                Claim(id="x", text="X.", attacked_by=["e3"]),
            ],
            evidence=[ev("e1"), ev("e2"), ev("e3")],
        )
    )
    assert sorted(result.supporters("t")) == ["c", "e1"]
    assert result.ancestry("t") == {"c", "e1", "e2"}
    assert result.supporters("x") == []  # attacks are not support
    assert sorted(result.support_graph.nodes) == ["c", "e1", "e2", "e3", "t", "x"]


def test_well_grounded_avoids_weak_evidence():
    result = analyze_support(
        ArgumentMap(
            claims=[
                claim("weak_only", "e_weak"),
                claim("mixed", "e_weak", "e_ok"),
                claim("linked", ["e_weak", "e_ok"]),
                claim("unjudged", "e_f6"),
            ],
            evidence=[ev("e_weak", "E5"), ev("e_ok", "B2"), ev("e_f6", "F6")],
        )
    )
    assert result.well_grounded == {"mixed", "unjudged", "e_ok", "e_f6"}


# A property check: the linear-time propagation agrees with the naive fixpoint.

EVIDENCE_IDS = ["e0", "e1", "e2"]
CLAIM_IDS = ["c0", "c1", "c2", "c3", "c4"]
GRADES = ["A1", "B2", "C3", "E5", "F6", "A6"]


NAMES = st.sampled_from([*EVIDENCE_IDS, *CLAIM_IDS, "missing"])
SMALL_MAPS = st.builds(
    lambda grades, claims: ArgumentMap(
        claims=[
            claim(c, *reasons, kind=kind)
            for c, (kind, reasons) in zip(CLAIM_IDS, claims, strict=True)
        ],
        evidence=[ev(e, grade) for e, grade in zip(EVIDENCE_IDS, grades, strict=True)],
    ),
    st.lists(st.sampled_from(GRADES), min_size=3, max_size=3),
    st.lists(
        st.tuples(
            st.sampled_from(["claim", "claim", "assumption"]),
            st.lists(st.lists(NAMES, min_size=1, max_size=3), max_size=3),
        ),
        min_size=5,
        max_size=5,
    ),
)


def naive(amap: ArgumentMap, seeds: dict[str, float]) -> dict[str, float]:
    value = dict(seeds)
    changed = True
    while changed:
        changed = False
        for c in amap.claims.values():
            for reason in c.supported_by:
                if all(p in value for p in reason.premises):
                    lent = min(value[p] for p in reason.premises)
                    if lent > value.get(c.id, -1.0):
                        value[c.id] = lent
                        changed = True
    return value


@settings(max_examples=150, deadline=None)
@given(SMALL_MAPS)
def test_propagation_agrees_with_the_naive_fixpoint(amap):
    result = analyze_support(amap)
    scores = {e.id: grade_score(e) for e in amap.evidence.values()}
    from_evidence = naive(amap, scores)
    assumed = {
        c.id: 0.5
        for c in amap.claims.values()
        if c.kind.value == "assumption" and c.id not in from_evidence
    }
    with_assumptions = naive(amap, {**scores, **assumed})
    for c in amap.claims:
        expected = S if c in from_evidence else A if c in with_assumptions else U
        assert result.status[c] == expected
    assert result.strength == {**with_assumptions, **from_evidence}
    strong = naive(amap, {e: s for e, s in scores.items() if not is_weak(amap.evidence[e])})
    assert result.well_grounded == set(strong)
    for status in (S, A, U):
        assert result.claims_by_status[status] == [
            c for c in amap.claims if result.status[c] is status
        ]


def links_of_the_graph(amap: ArgumentMap) -> dict[str, dict[str, str]]:
    edges = support_graph(build_graph(amap))
    return {p: {c: e["reason"] for c, e in edges.succ[p].items()} for p in edges if edges.succ[p]}


@settings(max_examples=100, deadline=None)
@given(SMALL_MAPS)
def test_the_index_and_the_links_are_the_graph_s(amap):
    assert SupportIndex.of_map(amap) == SupportIndex.of(build_graph(amap))
    assert analyze_support(amap).links == links_of_the_graph(amap)


def test_links_leave_attacks_and_undercuts_out_and_one_premise_reasons_stand_alone():
    amap = ArgumentMap(
        claims=[
            Claim(id="c", text="C.", supported_by=[{"premises": ["e1", "e1"]}], attacked_by=["e2"]),
            Claim(
                id="d",
                text="D.",
                supported_by=[{"premises": ["e1", "c"], "undercut_by": ["e2"]}, "e1", "ghost"],
            ),
        ],
        evidence=[ev("e1"), ev("e2")],
    )
    result = analyze_support(amap)
    assert (
        result.links
        == links_of_the_graph(amap)
        == {
            "e1": {"c": "c:for:1", "d": "d:for:1"},
            "c": {"d": "d:for:1"},
        }
    )
    assert result.conclusions("e2") == {}
    assert result.index.alone == {"e1": ["c", "d"]}
    assert result.index.supports({"c", "d"}) == {"c": ["d"]}
    assert result.index.supports({"e1"}) == {"e1": ["c", "d", "d"]}
