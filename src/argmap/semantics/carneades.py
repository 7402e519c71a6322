"""Carneades proof standards: when is the case for a claim enough? (SEMANTICS.md §4.4)

Given the weights of the *applicable* arguments for a claim (pro) and against it (con), with
mwp and mwc the strongest of each (0 when there is none), and the map's thresholds α, β, γ:

==========================  ==================================================================
scintilla                   at least one applicable argument for it
preponderance               mwp > mwc
clear_and_convincing        mwp > α and mwp − mwc > β
beyond_reasonable_doubt     mwp > α and mwp − mwc > β and mwc < γ
dialectical_validity        at least one applicable argument for it and none against it
==========================  ==================================================================

(Gordon, Prakken & Walton 2007; Gordon & Walton 2009; as formalised in CarneadesDSL by van
Gijzel & Nilsson 2012, whose example thresholds α = 0.4, β = 0.3, γ = 0.2 are argmap's
defaults.) What counts as applicable, and where the weights come from, is decided by
`argmap.semantics.verdicts`.

>>> test = apply_standard(ProofStandard.CLEAR_AND_CONVINCING, [0.6, 0.5], [0.15])
>>> test.met, test.why
(True, 'clear and convincing: strongest for 0.6 > α 0.4, and lead 0.6 − 0.15 = 0.45 > β 0.3')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from argmap.model import ProofStandard, Thresholds

STANDARD_WORDS = {
    ProofStandard.SCINTILLA: "scintilla of evidence",
    ProofStandard.PREPONDERANCE: "preponderance of evidence",
    ProofStandard.CLEAR_AND_CONVINCING: "clear and convincing",
    ProofStandard.BEYOND_REASONABLE_DOUBT: "beyond reasonable doubt",
    ProofStandard.DIALECTICAL_VALIDITY: "dialectical validity",
}


def num(value: float) -> str:
    """A weight as a person reads it: at most three decimals, no trailing zeros.

    >>> num(0.45), num(0.0), num(1 / 3), num(0.4999999)
    ('0.45', '0', '0.333', '0.5')
    """
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@dataclass(frozen=True)
class StandardTest:
    """One proof-standard test: the inputs, the outcome and the comparison in words."""

    standard: ProofStandard
    pro: tuple[float, ...]
    """Weights of the applicable arguments for the claim."""
    con: tuple[float, ...]
    """Weights of the applicable arguments against it."""
    met: bool
    why: str

    @property
    def mwp(self) -> float:
        """The strongest applicable argument for (0 when there is none)."""
        return max(self.pro, default=0.0)

    @property
    def mwc(self) -> float:
        """The strongest applicable argument against (0 when there is none)."""
        return max(self.con, default=0.0)


def _sign(holds: bool, strict: str, otherwise: str) -> str:
    return strict if holds else otherwise


def apply_standard(
    standard: ProofStandard,
    pro: Sequence[float],
    con: Sequence[float],
    thresholds: Thresholds | None = None,
    *,
    against: bool = False,
) -> StandardTest:
    """Test ``standard`` on the weights of the applicable arguments for and against a claim.

    With ``against``, ``pro`` is the case against the claim and ``con`` the case for it (the
    test of the claim's negation), and the words say so.

    >>> apply_standard(ProofStandard.PREPONDERANCE, [0.3], [0.5]).why
    'preponderance of evidence: strongest for 0.3 ≤ strongest against 0.5'
    >>> apply_standard(ProofStandard.PREPONDERANCE, [0.5], [0.3], against=True).why
    'preponderance of evidence: strongest against 0.5 > strongest for 0.3'
    >>> apply_standard(ProofStandard.DIALECTICAL_VALIDITY, [0.6], [0.15]).met
    False
    """
    limits = thresholds or Thresholds()
    mwp, mwc = max(pro, default=0.0), max(con, default=0.0)
    alpha, beta, gamma = limits.alpha, limits.beta, limits.gamma
    name = STANDARD_WORDS[standard]
    side, other = ("against", "for") if against else ("for", "against")
    if standard is ProofStandard.SCINTILLA:
        met = len(pro) > 0
        count = len(pro)
        why = (
            f"{name}: {count} applicable argument{'s' if count != 1 else ''} {side} it"
            if met
            else f"{name}: no applicable argument {side} it"
        )
    elif standard is ProofStandard.DIALECTICAL_VALIDITY:
        met = len(pro) > 0 and len(con) == 0
        why = (
            f"{name}: {len(pro)} applicable {side}, {len(con)} applicable {other}; "
            f"needs at least one {side} and none {other}"
        )
    elif standard is ProofStandard.PREPONDERANCE:
        met = mwp > mwc
        why = (
            f"{name}: strongest {side} {num(mwp)} {_sign(met, '>', '≤')} "
            f"strongest {other} {num(mwc)}"
        )
    else:
        clear = mwp > alpha
        lead = mwp - mwc > beta
        met = clear and lead
        why = (
            f"{name}: strongest {side} {num(mwp)} {_sign(clear, '>', '≤')} α {num(alpha)}, and "
            f"lead {num(mwp)} − {num(mwc)} = {num(mwp - mwc)} {_sign(lead, '>', '≤')} β {num(beta)}"
        )
        if standard is ProofStandard.BEYOND_REASONABLE_DOUBT:
            doubt = mwc < gamma
            met = met and doubt
            why += f", and strongest {other} {num(mwc)} {_sign(doubt, '<', '≥')} γ {num(gamma)}"
    return StandardTest(standard, tuple(pro), tuple(con), met, why)


def meets(
    standard: ProofStandard,
    pro: Sequence[float],
    con: Sequence[float],
    thresholds: Thresholds | None = None,
) -> bool:
    """Whether ``standard`` is met: `apply_standard` without the words.

    >>> meets(ProofStandard.BEYOND_REASONABLE_DOUBT, [0.6, 0.5], [0.35])
    False
    """
    return apply_standard(standard, pro, con, thresholds).met
