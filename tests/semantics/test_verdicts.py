"""Verdicts: the rules that give each word, on small maps, and a sanity check of the article map."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.argument_map import ArgumentMap
from argmap.load import load
from argmap.model import Claim, Evidence, MapConfig, ProofStandard, Thresholds
from argmap.semantics import Fever, Label, VerdictWord, evaluate

REPO = Path(__file__).resolve().parents[2]

SUP, WEAK, ASSUMED = VerdictWord.SUPPORTED, VerdictWord.WEAKLY_SUPPORTED, VerdictWord.ASSUMED
CONT, UNSUP, REF = VerdictWord.CONTESTED, VerdictWord.UNSUPPORTED, VerdictWord.REFUTED
IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDECIDED


def c(record_id: str, **fields) -> Claim:
    return Claim(id=record_id, text=f"{record_id.upper()}.", **fields)


def e(record_id: str, grade: str = "B2") -> Evidence:
    return Evidence(
        id=record_id,
        kind="statistic",
        summary="Found so.",
        reliability=grade[0],
        credibility=int(grade[1]),
    )


def amap(*records, **config) -> ArgumentMap:
    claims = [r for r in records if isinstance(r, Claim)]
    evidence = [r for r in records if isinstance(r, Evidence)]
    return ArgumentMap(claims, evidence, MapConfig(**config) if config else None)


CCE = "clear_and_convincing"

CASES = {
    "evidence": (amap(c("c", supported_by=["e"]), e("e")), SUP, IN, 0.8),
    "bare-claim": (amap(c("c")), UNSUP, IN, 0.0),
    "assumption": (amap(c("c", kind="assumption")), ASSUMED, IN, 0.5),
    "via-assumption": (
        amap(c("c", supported_by=["a"]), c("a", kind="assumption")),
        ASSUMED,
        IN,
        0.5,
    ),
    "refuted-by-evidence": (amap(c("c", attacked_by=["e"]), e("e")), REF, OUT, 0.0),
    "objection-outweighed": (
        amap(c("c", supported_by=["e1"], attacked_by=["e2"]), e("e1"), e("e2", "C3")),
        SUP,
        OUT,
        0.2,
    ),
    "objection-not-outweighed-enough-for-cce": (
        amap(
            c("c", proof_standard=CCE, supported_by=["e1"], attacked_by=["e2"]),
            e("e1"),
            e("e2", "C3"),
        ),
        CONT,
        OUT,
        0.2,
    ),
    "weak-evidence-under-cce": (
        amap(c("c", proof_standard=CCE, supported_by=["e"]), e("e", "E5")),
        WEAK,
        IN,
        0.2,
    ),
    "mutual-attack": (amap(c("c", attacked_by=["q"]), c("q", attacked_by=["c"])), CONT, UNDEC, 0.0),
    "objection-answered-by-counter-attack": (
        amap(
            c("c", supported_by=["e1"], attacked_by=["x"]),
            c("x", attacked_by=["y"]),
            c("y", supported_by=["e2"]),
            e("e1"),
            e("e2"),
        ),
        SUP,
        IN,
        0.8,
    ),
    "bare-objection-stands-but-does-not-apply": (
        amap(c("c", supported_by=["e"], attacked_by=["x"]), c("x"), e("e")),
        SUP,
        OUT,
        0.8,
    ),
    "undercut-reason": (
        amap(c("c", supported_by=[{"premises": ["e1"], "undercut_by": ["e2"]}]), e("e1"), e("e2")),
        UNSUP,
        IN,
        0.16,
    ),
    "linked-with-a-bare-premise": (
        amap(c("c", supported_by=[{"premises": ["e", "p"]}]), c("p"), e("e")),
        UNSUP,
        IN,
        0.0,
    ),
    "linked-premises-multiply": (
        amap(c("c", supported_by=[{"premises": ["e1", "e2"]}]), e("e1"), e("e2", "C3")),
        SUP,
        IN,
        0.48,
    ),
    "missing-premise": (
        amap(c("c", supported_by=[{"premises": ["e", "gone"]}]), e("e")),
        UNSUP,
        IN,
        0.0,
    ),
    "scintilla-despite-a-stronger-objection": (
        amap(
            c("c", proof_standard="scintilla", supported_by=["e1"], attacked_by=["e2"]),
            e("e1", "C3"),
            e("e2"),
        ),
        SUP,
        OUT,
        0.0,
    ),
    "dialectical-validity-with-an-objection": (
        amap(
            c("c", proof_standard="dialectical_validity", supported_by=["e1"], attacked_by=["e2"]),
            e("e1"),
            e("e2", "C3"),
        ),
        CONT,
        OUT,
        0.2,
    ),
    "beyond-reasonable-doubt-with-gamma-raised": (
        amap(
            c(
                "c",
                proof_standard="beyond_reasonable_doubt",
                supported_by=["e1"],
                attacked_by=["e2"],
            ),
            e("e1", "A1"),
            e("e2", "E5"),
            thresholds=Thresholds(gamma=0.25),
        ),
        SUP,
        OUT,
        0.8,
    ),
    "default-standard-from-the-config": (
        amap(c("c", supported_by=["e"]), e("e", "E5"), thresholds=Thresholds(default_standard=CCE)),
        WEAK,
        IN,
        0.2,
    ),
    "self-support": (amap(c("c", supported_by=["c"])), UNSUP, IN, 0.0),
}


@pytest.mark.parametrize(("name"), list(CASES))
def test_each_rule(name):
    the_map, word, label, strength = CASES[name]
    verdict = evaluate(the_map)["c"]
    assert (verdict.verdict, verdict.label, round(verdict.strength, 6)) == (word, label, strength)
    fever = {SUP: Fever.SUPPORTS, REF: Fever.REFUTES}.get(word, Fever.NOT_ENOUGH_INFO)
    assert verdict.fever is fever
    assert verdict.converged


def test_the_supported_rule_and_its_numbers():
    the_map = amap(
        c("c", supported_by=["e1", "e2"], attacked_by=["e3"]),
        *(e(i) for i in ("e1", "e2")),
        e("e3", "D4"),
    )
    verdict = evaluate(the_map)["c"]
    assert verdict.to_dict() == {
        "id": "c",
        "kind": "claim",
        "verdict": "supported",
        "fever": "SUPPORTS",
        "rating": 5,
        "strength": 0.56,
        "label": "out",
        "proof_standard": "preponderance",
        "standard_met": True,
        "strongest_for": 0.8,
        "strongest_against": 0.4,
        "base": 0.0,
        "support": 0.96,
        "attack": 0.4,
        "rule": "its proof standard is met",
        "on_cycle": False,
        "converged": True,
    }
    assert [r.node for r in verdict.reasons_for] == ["c:for:1", "c:for:2"]
    assert [(r.applicable, r.label) for r in verdict.reasons_against] == [(True, IN)]


def test_a_refutation_names_the_case_against():
    verdict = evaluate(amap(c("c", attacked_by=["e"]), e("e")))["c"]
    assert verdict.rule == (
        "the case against it meets its proof standard "
        "(preponderance of evidence: strongest against 0.8 > strongest for 0)"
    )


def test_a_circle_of_support_that_evidence_enters_is_established_all_round():
    the_map = amap(
        c("a", supported_by=["e", "b"]),
        c("b", supported_by=["a"]),
        c("x", supported_by=["x"]),
        e("e"),
    )
    evaluation = evaluate(the_map)
    assert [(v.id, v.verdict, v.on_cycle, v.converged) for v in evaluation] == [
        ("a", SUP, True, True),
        ("b", SUP, True, True),
        ("x", UNSUP, True, True),
    ]
    assert evaluation["x"].strength == 0.0


def test_a_premise_that_is_attacked_cannot_feed_a_cycle():
    # b rests on a, and b attacks a: a is out (b's attack stands), so b's reason, which needs a,
    # is out too, and nothing goes round.
    the_map = amap(
        c("a", proof_standard="dialectical_validity", supported_by=["e"], attacked_by=["b"]),
        c("b", supported_by=["a"]),
        e("e"),
    )
    evaluation = evaluate(the_map)
    assert [(v.id, v.verdict, v.label, v.on_cycle) for v in evaluation] == [
        ("a", SUP, OUT, True),
        ("b", UNSUP, IN, True),
    ]
    assert evaluation.reasons["b:for:1"].label is OUT


def test_a_cycle_whose_establishment_did_not_settle_would_be_contested(monkeypatch):
    # Establishment settles on every map (docs/semantics.md); the fallback is still defined.
    from argmap.semantics import verdicts

    flips = iter(range(1_000))
    monkeypatch.setattr(
        verdicts._Establisher, "decide", lambda self, claim, est, grant: next(flips) % 3 == 0
    )
    the_map = amap(c("a", supported_by=["b"]), c("b", supported_by=["a"]))
    evaluation = evaluate(the_map)
    assert [(v.id, v.verdict, v.converged) for v in evaluation] == [
        ("a", CONT, False),
        ("b", CONT, False),
    ]
    assert evaluation.unsettled == frozenset({"a", "b"})
    assert "does not settle" in evaluation["a"].rule


def test_the_evaluation_covers_every_argument():
    the_map = amap(c("c", supported_by=["e"], attacked_by=["x"]), c("x"), e("e"))
    evaluation = evaluate(the_map)
    assert set(evaluation.labels) == {"c", "x", "e", "c:for:1", "c:against:1"}
    assert evaluation.established == frozenset({"c", "e"})
    assert len(evaluation) == 2
    assert evaluation.summary() == "2 claims: 1 supported, 1 unsupported"
    assert evaluate(ArgumentMap()).summary() == "0 claims"


def test_assumptions_count_only_when_granted():
    # c rests on evidence and an assumption together: assumed, not supported.
    the_map = amap(
        c("c", supported_by=[{"premises": ["e", "a"]}]), c("a", kind="assumption"), e("e")
    )
    evaluation = evaluate(the_map)
    assert (evaluation["c"].verdict, round(evaluation["c"].strength, 6)) == (ASSUMED, 0.4)
    assert evaluation["c"].rule == (
        "its proof standard is met only when the map's assumptions are granted"
    )
    assert evaluation["a"].assumption_counted


def test_the_article_map_gets_honest_verdicts():
    evaluation = evaluate(load(REPO))
    words = {v.id: v.verdict for v in evaluation}
    assert set(words) == set(load(REPO).claims)
    for grounded in ("cloud-market-share", "faster-commercialization", "economic-motives"):
        assert words[grounded] is SUP, grounded
    for speculative in ("strategic-play", "misdirection", "trust-gap-motive", "deliberate-choice"):
        assert words[speculative] not in (SUP, WEAK), speculative
    for assumption in ("state-decides", "openness-builds-trust"):
        assert words[assumption] is ASSUMED
    assert all(v.converged and 0.0 <= v.strength <= 1.0 for v in evaluation)


# --- properties on random maps, cycles included -------------------------------------------------

CLAIM_IDS = [f"c{i}" for i in range(5)]
EVIDENCE_IDS = ["e0", "e1", "e2"]
RECORD_IDS = CLAIM_IDS + EVIDENCE_IDS


@st.composite
def random_maps(draw):
    def reasons():
        found = []
        for _ in range(draw(st.integers(0, 2))):
            premises = draw(st.lists(st.sampled_from(RECORD_IDS), min_size=1, max_size=2))
            undercut = draw(st.lists(st.sampled_from(RECORD_IDS), max_size=1))
            found.append({"premises": premises, "undercut_by": undercut})
        return found

    claims = [
        Claim(
            id=i,
            kind=draw(st.sampled_from(["claim", "claim", "assumption", "hypothesis"])),
            text="T.",
            proof_standard=draw(st.none() | st.sampled_from(list(ProofStandard))),
            supported_by=reasons(),
            attacked_by=reasons(),
        )
        for i in CLAIM_IDS
    ]
    evidence = [
        Evidence(
            id=i,
            kind="statistic",
            summary="S.",
            reliability=draw(st.sampled_from("ABCDEF")),
            credibility=draw(st.integers(1, 6)),
        )
        for i in EVIDENCE_IDS
    ]
    return ArgumentMap(claims, evidence)


@settings(max_examples=150, deadline=None)
@given(random_maps())
def test_verdicts_follow_their_rules_on_any_map(the_map):
    evaluation = evaluate(the_map)
    attackers = {a: set() for a in evaluation.labels}
    for attack in evaluation.framework.attacks:
        attackers[attack.target].add(attack.attacker)
    for argument, label in evaluation.labels.items():
        theirs = {evaluation.labels[b] for b in attackers[argument]}
        assert (label is IN) == (theirs <= {OUT})
        assert (label is OUT) == (IN in theirs)
    for reason in evaluation.reasons.values():
        if reason.applicable:
            # The lemma that makes establishment settle: premises of applicable reasons are in.
            assert reason.label is IN
            assert all(evaluation.labels[p] is IN for p in reason.premises)
            assert set(reason.premises) <= evaluation.established
    for verdict in evaluation:
        assert 0.0 <= verdict.strength <= 1.0
        assert verdict.converged or verdict.id in evaluation.strengths.unconverged
        if verdict.label is UNDEC:
            assert verdict.verdict is CONT
        if verdict.verdict in (SUP, ASSUMED) and verdict.label is not UNDEC:
            assert verdict.test.met
        if verdict.verdict is SUP:
            assert verdict.fever is Fever.SUPPORTS
        if verdict.verdict is REF:
            assert verdict.label is OUT and verdict.test.con and not verdict.test.met
        assert (verdict.id in evaluation.established) == (
            verdict.verdict in (SUP, ASSUMED) and verdict.test.met
        )
