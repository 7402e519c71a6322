"""Carneades proof standards: SEMANTICS.md §4.4's test vector and the boundaries."""

from __future__ import annotations

import pytest

from argmap.model import ProofStandard, Thresholds
from argmap.semantics.carneades import apply_standard, meets, num

SE, PE, CCE, BRD, DV = (
    ProofStandard.SCINTILLA,
    ProofStandard.PREPONDERANCE,
    ProofStandard.CLEAR_AND_CONVINCING,
    ProofStandard.BEYOND_REASONABLE_DOUBT,
    ProofStandard.DIALECTICAL_VALIDITY,
)


@pytest.mark.parametrize(
    ("con", "expected"),
    [
        pytest.param([0.15], {SE: True, PE: True, CCE: True, BRD: True, DV: False}, id="con-0.15"),
        pytest.param(
            [0.35], {SE: True, PE: True, CCE: False, BRD: False, DV: False}, id="con-0.35"
        ),
    ],
)
def test_the_test_vector(con, expected):
    # pro weights {0.6, 0.5}, all applicable; α = 0.4, β = 0.3, γ = 0.2 (the defaults).
    assert {s: meets(s, [0.6, 0.5], con) for s in ProofStandard} == expected
    assert {s: meets(s, [0.6, 0.5], con, Thresholds()) for s in ProofStandard} == expected


@pytest.mark.parametrize(
    ("standard", "pro", "con", "met"),
    [
        (SE, [], [], False),
        (SE, [0.0], [0.9], True),
        (PE, [], [], False),
        (PE, [0.5], [0.5], False),
        (PE, [0.5], [], True),
        (CCE, [0.4], [], False),
        (CCE, [0.41], [0.11], False),
        (CCE, [0.41], [0.1], True),
        (BRD, [0.9], [0.2], False),
        (BRD, [0.9], [0.19], True),
        (DV, [0.1], [], True),
        (DV, [0.9], [0.0], False),
        (DV, [], [], False),
    ],
)
def test_the_boundaries_are_strict(standard, pro, con, met):
    assert meets(standard, pro, con) is met


def test_thresholds_are_parameters():
    strict = Thresholds(alpha=0.7, beta=0.1, gamma=0.5)
    assert meets(CCE, [0.6], [], strict) is False
    assert meets(CCE, [0.8], [0.65], strict) is True
    assert meets(BRD, [0.8], [0.65], strict) is False


@pytest.mark.parametrize(
    ("standard", "pro", "con", "why"),
    [
        (SE, [0.3, 0.2], [], "scintilla of evidence: 2 applicable arguments for it"),
        (SE, [], [0.2], "scintilla of evidence: no applicable argument for it"),
        (PE, [0.8], [0.3], "preponderance of evidence: strongest for 0.8 > strongest against 0.3"),
        (
            CCE,
            [0.6, 0.5],
            [0.35],
            "clear and convincing: strongest for 0.6 > α 0.4, and lead 0.6 − 0.35 = 0.25 ≤ β 0.3",
        ),
        (
            BRD,
            [0.6],
            [0.15],
            (
                "beyond reasonable doubt: strongest for 0.6 > α 0.4, and lead 0.6 − 0.15 = 0.45 "
                "> β 0.3, and strongest against 0.15 < γ 0.2"
            ),
        ),
        (
            DV,
            [0.6],
            [0.15],
            (
                "dialectical validity: 1 applicable for, 1 applicable against; "
                "needs at least one for and none against"
            ),
        ),
    ],
)
def test_each_test_says_what_it_compared(standard, pro, con, why):
    test = apply_standard(standard, pro, con)
    assert test.why == why
    assert (test.mwp, test.mwc) == (max(pro, default=0.0), max(con, default=0.0))


def test_the_case_against_is_worded_as_such():
    test = apply_standard(PE, [0.9], [0.2], against=True)
    assert (test.met, test.why) == (
        True,
        "preponderance of evidence: strongest against 0.9 > strongest for 0.2",
    )


@pytest.mark.parametrize(
    ("value", "text"), [(0.0, "0"), (1.0, "1"), (0.25, "0.25"), (2 / 3, "0.667"), (-0.0, "0")]
)
def test_numbers_are_shown_with_at_most_three_decimals(value, text):
    assert num(value) == text
