"""DF-QuAD: SEMANTICS.md §4.3's worked examples, linked premises, cycles and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.digraph import strongly_connected_components
from argmap.semantics.gradual import QBAF, aggregate, combine, dfquad

WORKED = QBAF(
    base={"T": 0.5, "S1": 0.8, "S2": 0.6, "A1": 0.7, "A2": 0.4},
    supporters={"T": ["S1", "S2"]},
    attackers={"T": ["A1"], "A1": ["A2"]},
)


def test_the_worked_example_a1_is_0_42_and_t_is_0_75():
    strength = dfquad(WORKED).strength
    assert {a: round(v, 6) for a, v in strength.items()} == {
        "T": 0.75,
        "S1": 0.8,
        "S2": 0.6,
        "A1": 0.42,
        "A2": 0.4,
    }


def test_the_worked_example_by_hand():
    # A1: v_a = F(0.4) = 0.4, v_s = F() = 0, so 0.7 − 0.7·0.4 = 0.42.
    assert aggregate([0.4]) == 0.4
    assert aggregate([]) == 0
    assert combine(0.7, 0.4, 0.0) == pytest.approx(0.42, abs=1e-12)
    # T: v_a = 0.42; v_s = 1 − 0.2·0.4 = 0.92, so 0.5 + 0.5·|0.92 − 0.42| = 0.75.
    assert aggregate([0.8, 0.6]) == pytest.approx(0.92, abs=1e-12)
    assert combine(0.5, 0.42, 0.92) == pytest.approx(0.75, abs=1e-12)


@pytest.mark.parametrize(
    ("base", "attack", "support", "expected"),
    [
        pytest.param(0.6, 0.9, 0.3, 0.24, id="attack-dominates"),
        pytest.param(0.5, 0.5, 0.5, 0.5, id="neutral"),
        pytest.param(0.3, 1.0, 0.0, 0.0, id="saturating-attack"),
        pytest.param(0.3, 0.0, 1.0, 1.0, id="saturating-support"),
        pytest.param(0.0, 0.2, 0.9, 0.7, id="zero-base-is-net-support"),
        pytest.param(0.0, 0.9, 0.2, 0.0, id="zero-base-net-attack"),
    ],
)
def test_the_combination(base, attack, support, expected):
    assert combine(base, attack, support) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("qbaf", "expected"),
    [
        pytest.param(
            QBAF(base={"a": 0.6, "b": 0.9}, attackers={"a": ["b"]}, supporters={}), 0.06, id="att"
        ),
        pytest.param(
            QBAF(
                base={"a": 0.6, "s": 0.3, "x": 0.9}, attackers={"a": ["x"]}, supporters={"a": ["s"]}
            ),
            0.24,
            id="second-vector",
        ),
        pytest.param(
            QBAF(
                base={"a": 0.5, "s": 0.5, "x": 0.5}, attackers={"a": ["x"]}, supporters={"a": ["s"]}
            ),
            0.5,
            id="third-vector",
        ),
    ],
)
def test_small_frameworks(qbaf, expected):
    assert dfquad(qbaf)["a"] == pytest.approx(expected, abs=1e-12)


def test_linked_premises_multiply_into_the_base():
    qbaf = QBAF(
        base={"r": 1.0, "p": 0.8, "q": 0.5, "u": 0.5, "c": 0.0},
        premises={"r": ["p", "q"]},
        attackers={"r": ["u"]},
        supporters={"c": ["r"]},
    )
    strength = dfquad(qbaf).strength
    assert strength["r"] == pytest.approx(0.8 * 0.5 * (1 - 0.5))
    assert strength["c"] == pytest.approx(0.2)
    assert qbaf.effective_base("r", strength) == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("qbaf", "expected"),
    [
        pytest.param(
            QBAF(base={"a": 1.0, "b": 1.0}, attackers={"a": ["b"], "b": ["a"]}),
            {"a": 0.5, "b": 0.5},
            id="mutual-attack",
        ),
        pytest.param(
            QBAF(base={"a": 0.5, "b": 0.5}, attackers={"a": ["b"], "b": ["a"]}),
            {"a": 1 / 3, "b": 1 / 3},
            id="mutual-attack-at-one-half",
        ),
        pytest.param(QBAF(base={"a": 1.0}, attackers={"a": ["a"]}), {"a": 0.5}, id="self-attack"),
        pytest.param(
            QBAF(
                base={"a": 0.0, "b": 0.0, "ra": 1.0, "rb": 1.0},
                premises={"ra": ["a"], "rb": ["b"]},
                supporters={"a": ["rb"], "b": ["ra"]},
            ),
            {"a": 0.0, "b": 0.0, "ra": 0.0, "rb": 0.0},
            id="a-circle-of-support-lends-itself-nothing",
        ),
    ],
)
def test_cycles_are_iterated_to_a_fixed_point(qbaf, expected):
    result = dfquad(qbaf)
    assert result.strength == pytest.approx(expected, abs=1e-6)
    assert result.unconverged == frozenset()
    assert result.cycles == (frozenset(expected),)
    assert result.iterations >= 1


def test_an_acyclic_framework_needs_no_iteration():
    result = dfquad(WORKED)
    assert (result.cycles, result.unconverged, result.iterations) == ((), frozenset(), 0)


def test_non_convergence_is_reported():
    qbaf = QBAF(base={"a": 1.0, "b": 0.6, "c": 0.2}, attackers={"a": ["b"], "b": ["a"]})
    assert dfquad(qbaf).unconverged == frozenset()
    result = dfquad(qbaf, max_iterations=3)
    assert result.unconverged == frozenset({"a", "b"})
    assert result.iterations == 3
    assert result["c"] == 0.2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"base": {"a": 1.5}}, "base score of 'a' is 1.5; expected 0 to 1"),
        ({"base": {"a": 0.5}, "attackers": {"a": ["z"]}}, "attacker relation names 'z'"),
        ({"base": {"a": 0.5}, "supporters": {"z": []}}, "supporter relation names 'z'"),
        ({"base": {"a": 0.5}, "premises": {"a": ["z"]}}, "premise relation names 'z'"),
    ],
)
def test_bad_frameworks_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        QBAF(**kwargs)


# --- properties ---------------------------------------------------------------------------------

NAMES = [f"x{i}" for i in range(7)]
SCORES = st.floats(0, 1, allow_nan=False)


@st.composite
def qbafs(draw, acyclic=False):
    size = draw(st.integers(1, len(NAMES)))
    names = NAMES[:size]
    base = {n: draw(SCORES) for n in names}
    attackers: dict[str, list[str]] = {}
    supporters: dict[str, list[str]] = {}
    for i, target in enumerate(names):
        pool = names[i + 1 :] if acyclic else names
        if pool:
            attackers[target] = draw(st.lists(st.sampled_from(pool), max_size=3, unique=True))
            supporters[target] = draw(st.lists(st.sampled_from(pool), max_size=3, unique=True))
    return QBAF(base, attackers, supporters)


def with_new(qbaf: QBAF, target: str, score: float, relation: str) -> QBAF:
    base = {**qbaf.base, "new": score}
    attackers = {k: list(v) for k, v in qbaf.attackers.items()}
    supporters = {k: list(v) for k, v in qbaf.supporters.items()}
    (attackers if relation == "attack" else supporters).setdefault(target, []).append("new")
    return QBAF(base, attackers, supporters)


@settings(max_examples=100, deadline=None)
@given(qbafs(), st.data(), st.sampled_from(["attack", "support"]))
def test_a_zero_strength_attacker_or_supporter_changes_nothing(qbaf, data, relation):
    target = data.draw(st.sampled_from(sorted(qbaf.base)))
    before = dfquad(qbaf)
    after = dfquad(with_new(qbaf, target, 0.0, relation))
    assert {a: after[a] for a in qbaf.base} == before.strength


@settings(max_examples=100, deadline=None)
@given(qbafs(acyclic=True), st.data(), SCORES)
def test_adding_a_supporter_never_lowers_strength(qbaf, data, score):
    target = data.draw(st.sampled_from(sorted(qbaf.base)))
    before = dfquad(qbaf)[target]
    assert dfquad(with_new(qbaf, target, score, "support"))[target] >= before


@settings(max_examples=100, deadline=None)
@given(qbafs(acyclic=True), st.data(), SCORES)
def test_adding_an_attacker_never_raises_strength(qbaf, data, score):
    target = data.draw(st.sampled_from(sorted(qbaf.base)))
    before = dfquad(qbaf)[target]
    assert dfquad(with_new(qbaf, target, score, "attack"))[target] <= before


@settings(max_examples=100, deadline=None)
@given(qbafs())
def test_strengths_stay_in_the_unit_interval(qbaf):
    result = dfquad(qbaf)
    assert all(0.0 <= v <= 1.0 for v in result.strength.values())


@settings(max_examples=100, deadline=None)
@given(st.lists(SCORES, max_size=6))
def test_aggregation_is_order_independent_and_is_the_probabilistic_sum(values):
    product = 1.0
    for v in values:
        product *= 1 - v
    assert aggregate(values) == pytest.approx(1 - product, abs=1e-12)
    assert aggregate(values[::-1]) == pytest.approx(aggregate(values), abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(SCORES, SCORES)
def test_equal_attack_and_support_leave_the_base_score(base, v):
    assert combine(base, v, v) == base


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES)), max_size=20))
def test_the_components_are_networkx_s_in_a_topological_order(edges):
    import networkx as nx

    successors: dict[str, list[str]] = {}
    for source, target in edges:
        successors.setdefault(source, []).append(target)
    found = strongly_connected_components(NAMES, successors)
    expected = {frozenset(c) for c in nx.strongly_connected_components(nx.DiGraph(edges))}
    expected |= {frozenset([n]) for n in NAMES if not any(n in c for c in expected)}
    assert {frozenset(c) for c in found} == expected
    where = {node: i for i, component in enumerate(found) for node in component}
    assert all(where[a] <= where[b] for a, b in edges)
    assert all(c == sorted(c, key=NAMES.index) for c in found)
