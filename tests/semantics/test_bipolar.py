"""Derived attacks of bipolar frameworks: Boella et al.'s example and the necessary-support dual."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics.bipolar import DerivedAttack, deductive_attacks, necessary_attacks
from argmap.semantics.dung import Label, grounded_labelling


def test_boellas_example_one_supported_and_two_mediated_attacks():
    # supports a ⇒ b ⇒ c, attacks b → d and e → c (SEMANTICS.md §4.2)
    derived = deductive_attacks([("b", "d"), ("e", "c")], [("a", "b"), ("b", "c")])
    assert sorted(derived) == [
        DerivedAttack("a", "d", "supported", "b"),
        DerivedAttack("e", "a", "mediated", "c"),
        DerivedAttack("e", "b", "mediated", "c"),
    ]


def test_boellas_example_labelled_with_its_derived_attacks():
    attacks = [("b", "d"), ("e", "c")]
    derived = deductive_attacks(attacks, [("a", "b"), ("b", "c")])
    pairs = attacks + [(d.attacker, d.target) for d in derived]
    labels = grounded_labelling("abcde", pairs)
    IN, OUT = Label.IN, Label.OUT
    assert labels == {"a": OUT, "b": OUT, "c": OUT, "d": IN, "e": IN}


@pytest.mark.parametrize(
    ("attacks", "supports", "expected"),
    [
        pytest.param(
            [("x", "p")],
            [("p", "r")],
            [DerivedAttack("x", "r", "secondary", "p")],
            id="secondary: what a reason needs is attacked",
        ),
        pytest.param(
            [("x", "a")],
            [("a", "b"), ("b", "c")],
            [DerivedAttack("x", "b", "secondary", "a"), DerivedAttack("x", "c", "secondary", "a")],
            id="secondary along a chain",
        ),
        pytest.param(
            [("p", "s")],
            [("p", "r")],
            [DerivedAttack("r", "s", "extended", "p")],
            id="extended: what a reason needs attacks",
        ),
        pytest.param([("x", "y")], [("p", "r")], [], id="unrelated"),
        pytest.param([], [], [], id="empty"),
    ],
)
def test_necessary_support(attacks, supports, expected):
    assert sorted(necessary_attacks(attacks, supports)) == sorted(expected)


def test_support_cycles_terminate():
    derived = deductive_attacks([("x", "a")], [("a", "b"), ("b", "a")])
    assert sorted((d.attacker, d.target) for d in derived) == [("x", "a"), ("x", "b")]


NAMES = list("abcdef")
PAIRS = st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES)), max_size=8)


def closure(supports):
    """(a, b) for every support chain a ⇒ … ⇒ b of one or more steps."""
    reach = set(supports)
    while True:
        longer = {(a, d) for a, b in reach for c, d in supports if b == c} - reach
        if not longer:
            return reach
        reach |= longer


@settings(max_examples=200, deadline=None)
@given(PAIRS, PAIRS)
def test_necessary_support_adds_exactly_the_secondary_and_extended_attacks(attacks, supports):
    chains = closure(supports)
    secondary = {(c, b) for c, a in attacks for a2, b in chains if a2 == a}
    extended = {(a, c) for x, a in chains for x2, c in attacks if x2 == x}
    found = necessary_attacks(attacks, supports)
    assert {(d.attacker, d.target) for d in found if d.kind == "secondary"} == secondary
    assert {(d.attacker, d.target) for d in found if d.kind == "extended"} == extended


@settings(max_examples=200, deadline=None)
@given(PAIRS, PAIRS)
def test_deductive_support_adds_exactly_the_supported_and_mediated_attacks(attacks, supports):
    chains = closure(supports)
    supported = {(a, b) for a, x in chains for x2, b in attacks if x2 == x}
    mediated = {(a, b) for a, x in attacks for b, x2 in chains if x2 == x}
    found = deductive_attacks(attacks, supports)
    assert {(d.attacker, d.target) for d in found if d.kind == "supported"} == supported
    assert {(d.attacker, d.target) for d in found if d.kind == "mediated"} == mediated
