"""The grounded labelling: SEMANTICS.md §4.1's worked example and extra cases, and properties."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics.dung import (
    Label,
    characteristic,
    grounded_extension_by_iteration,
    grounded_labelling,
)

IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDECIDED

EXAMPLE_ARGS = ["a", "b", "c", "d", "e", "f"]
EXAMPLE_ATTACKS = [("a", "b"), ("b", "c"), ("d", "e"), ("e", "d"), ("e", "f")]


def test_the_worked_example_iterates_f_to_g_equals_a_c():
    f0 = characteristic(EXAMPLE_ARGS, EXAMPLE_ATTACKS, set())
    f1 = characteristic(EXAMPLE_ARGS, EXAMPLE_ATTACKS, f0)
    f2 = characteristic(EXAMPLE_ARGS, EXAMPLE_ATTACKS, f1)
    assert (f0, f1, f2) == ({"a"}, {"a", "c"}, {"a", "c"})
    assert grounded_extension_by_iteration(EXAMPLE_ARGS, EXAMPLE_ATTACKS) == {"a", "c"}


def test_the_worked_example_labelling_and_queue_trace():
    trace: list[str] = []
    labels = grounded_labelling(EXAMPLE_ARGS, EXAMPLE_ATTACKS, trace=trace)
    assert labels == {"a": IN, "b": OUT, "c": IN, "d": UNDEC, "e": UNDEC, "f": UNDEC}
    # Q=[a] → a IN, b OUT, live[c]: 1→0, push c → c IN; d, e, f never reached.
    assert trace == ["a in", "b out", "c in"]
    assert list(labels) == EXAMPLE_ARGS


@pytest.mark.parametrize(
    ("arguments", "attacks", "expected"),
    [
        pytest.param("ab", [("a", "b"), ("b", "a")], {"a": UNDEC, "b": UNDEC}, id="2-cycle"),
        pytest.param(
            "abc",
            [("a", "b"), ("b", "c"), ("c", "a")],
            {"a": UNDEC, "b": UNDEC, "c": UNDEC},
            id="odd-3-cycle",
        ),
        pytest.param("", [], {}, id="empty-af"),
        pytest.param("a", [("a", "a")], {"a": UNDEC}, id="self-attacker"),
        pytest.param(
            "ab", [("a", "a"), ("a", "b")], {"a": UNDEC, "b": UNDEC}, id="self-attacker-attacks"
        ),
        pytest.param(
            "xa", [("x", "a"), ("a", "a")], {"x": IN, "a": OUT}, id="self-attacker-defeated"
        ),
        pytest.param(
            "abcd",
            [("a", "b"), ("b", "a"), ("b", "c"), ("d", "b")],
            {"a": IN, "b": OUT, "c": IN, "d": IN},
            id="cycle-broken-from-outside",
        ),
        pytest.param(
            "ab", [("a", "b"), ("a", "b"), ("a", "b")], {"a": IN, "b": OUT}, id="repeated-attack"
        ),
        pytest.param("abc", [], {"a": IN, "b": IN, "c": IN}, id="no-attacks"),
    ],
)
def test_extra_cases(arguments, attacks, expected):
    assert grounded_labelling(arguments, attacks) == expected
    grounded = {a for a, label in expected.items() if label is IN}
    assert grounded_extension_by_iteration(arguments, attacks) == grounded


def test_an_attack_on_something_that_is_not_an_argument_is_refused():
    with pytest.raises(ValueError, match="'z', not an argument"):
        grounded_labelling("ab", [("a", "z")])


def test_a_long_chain_is_labelled_without_recursion():
    n = 200_000
    arguments = [f"a{i}" for i in range(n)]
    labels = grounded_labelling(arguments, itertools.pairwise(arguments))
    assert labels["a0"] is IN and labels["a1"] is OUT
    assert labels[f"a{n - 1}"] is (IN if (n - 1) % 2 == 0 else OUT)
    assert UNDEC not in set(labels.values())


# --- properties on random small frameworks ----------------------------------------------------

NAMES = [f"x{i}" for i in range(8)]


@st.composite
def frameworks(draw):
    size = draw(st.integers(0, len(NAMES)))
    arguments = NAMES[:size]
    pairs = list(itertools.product(arguments, repeat=2))
    attacks = draw(st.lists(st.sampled_from(pairs), max_size=20)) if pairs else []
    return arguments, attacks


def attackers_of(arguments, attacks):
    found = {a: set() for a in arguments}
    for attacker, target in attacks:
        found[target].add(attacker)
    return found


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_the_grounded_labelling_is_a_complete_labelling(framework):
    arguments, attacks = framework
    labels = grounded_labelling(arguments, attacks)
    attackers = attackers_of(arguments, attacks)
    for argument in arguments:
        theirs = {labels[b] for b in attackers[argument]}
        # Caminada: in iff every attacker is out; out iff some attacker is in.
        assert (labels[argument] is IN) == (theirs <= {OUT})
        assert (labels[argument] is OUT) == (IN in theirs)


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_in_is_the_least_fixpoint_of_f_and_out_what_it_attacks(framework):
    arguments, attacks = framework
    labels = grounded_labelling(arguments, attacks)
    grounded = grounded_extension_by_iteration(arguments, attacks)
    assert {a for a, label in labels.items() if label is IN} == grounded
    attacked = {t for a, t in attacks if a in grounded}
    assert {a for a, label in labels.items() if label is OUT} == attacked


@settings(max_examples=100, deadline=None)
@given(frameworks())
def test_the_labelling_does_not_depend_on_the_order_of_arguments_or_attacks(framework):
    arguments, attacks = framework
    assert grounded_labelling(arguments[::-1], attacks[::-1]) == grounded_labelling(
        arguments, attacks
    )
