"""Formal semantics of argument maps: which claims stand, how strongly, and whether that is enough.

The pieces, each usable on its own:

* `argmap.semantics.dung`: Dung frameworks and the grounded labelling, in linear time;
* `argmap.semantics.bipolar`: the attacks that deductive or necessary support adds;
* `argmap.semantics.gradual`: DF-QuAD gradual strength, with linked premises and cycles;
* `argmap.semantics.carneades`: Carneades proof standards;
* `argmap.semantics.mapping`: an `ArgumentMap` read as arguments, attacks and base scores;
* `argmap.semantics.verdicts`: all of it together, one `Verdict` per claim.

docs/semantics.md describes the reading and the rules, with a worked example.

>>> from argmap.argument_map import ArgumentMap
>>> from argmap.model import Claim
>>> evaluate(ArgumentMap(claims=[Claim(id="c", text="C.")]))["c"].verdict.value
'unsupported'
"""

from __future__ import annotations

from argmap.semantics.dung import Label
from argmap.semantics.verdicts import (
    Evaluation,
    Fever,
    ReasonEval,
    Verdict,
    VerdictWord,
    evaluate,
)

__all__ = ["Evaluation", "Fever", "Label", "ReasonEval", "Verdict", "VerdictWord", "evaluate"]
