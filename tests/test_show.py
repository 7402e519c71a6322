from __future__ import annotations

import pytest

from argmap.argument_map import ArgumentMap
from argmap.errors import UnknownRecordError
from argmap.findings import Finding
from argmap.load import load
from argmap.model import Claim, Evidence
from argmap.show import MAX_TEXT, support_tree
from argmap.span import Span

MAP = {
    "claims/c.yaml": """
    - id: tea
      kind: thesis
      text: Tea is healthy.
      supported_by:
        - trial
        - premises: [antiox, antiox-good]
          undercut_by: [dose]
      attacked_by: [stain]
    - id: antiox
      text: Tea holds antioxidants.
      supported_by: [lab]
    - id: antiox-good
      kind: assumption
      text: Antioxidants are good for you.
    - id: stain
      text: Tea stains teeth.
    - id: dose
      kind: hypothesis
      text: The doses are too small to matter.
      attacked_by: [trial]
    """,
    "evidence/e.yaml": """
    - id: trial
      kind: statistic
      summary: A trial found lower blood pressure.
      reliability: B
      credibility: 2
    - id: lab
      kind: document
      summary: Assays measure catechins.
      reliability: A
      credibility: 1
    """,
}

TREE = """\
tea [thesis, supported] Tea is healthy.  ⇒ supported 0.9
├── supports: trial [statistic, B2: usually reliable, probably true] A trial found lower blood pressure.
├── supports together:
│   ├── antiox [claim, supported] Tea holds antioxidants.  ⇒ supported 1
│   │   └── supports: lab [document, A1: reliable, confirmed] Assays measure catechins.
│   ├── antiox-good [assumption, assumed] Antioxidants are good for you.  ⇒ assumed 0.5
│   └── undercut by: dose [hypothesis, unsupported] The doses are too small to matter.  ⇒ refuted 0
│       └── attacks: trial [statistic, B2: usually reliable, probably true] A trial found lower blood pressure.
└── attacks: stain [claim, unsupported] Tea stains teeth.  ⇒ unsupported 0"""


@pytest.fixture
def amap(make_map):
    return load(make_map(MAP))


def test_the_support_tree_of_a_small_map(amap):
    assert support_tree(amap, "tea", findings=[]) == TREE


def test_findings_are_marked_at_their_records(amap):
    findings = [
        Finding("AM401", "missing-quote", "info", Span("c.yaml", 1, 1), "m", subject="stain"),
        Finding("AM201", "unsupported-claim", "error", Span("c.yaml", 1, 1), "m", subject="stain"),
        Finding("AM303", "unconfirmed-credibility", "info", Span("e", 1, 1), "m", subject="lab"),
        Finding("AM101", "unknown-reference", "error", Span("c.yaml", 1, 1), "m"),
    ]
    lines = support_tree(amap, "tea", findings=findings).splitlines()
    assert lines[4].endswith("Assays measure catechins.  <- AM303 unconfirmed-credibility")
    assert lines[-1] == (
        "└── attacks: stain [claim, unsupported] Tea stains teeth.  ⇒ unsupported 0"
        "  <- AM201 unsupported-claim; AM401 missing-quote"
    )
    assert sum("<-" in line for line in lines) == 2


def test_findings_default_to_running_the_checks(amap):
    from argmap.checks import check

    assert support_tree(amap, "tea") == support_tree(amap, "tea", findings=check(amap))


def test_attacks_can_be_left_out(amap):
    assert support_tree(amap, "tea", findings=[], attacks=False) == (
        "tea [thesis, supported] Tea is healthy.  ⇒ supported 0.9\n"
        "├── supports: trial [statistic, B2: usually reliable, probably true] "
        "A trial found lower blood pressure.\n"
        "└── supports together:\n"
        "    ├── antiox [claim, supported] Tea holds antioxidants.  ⇒ supported 1\n"
        "    │   └── supports: lab [document, A1: reliable, confirmed] Assays measure catechins.\n"
        "    ├── antiox-good [assumption, assumed] Antioxidants are good for you.  ⇒ assumed 0.5\n"
        "    └── undercut by: dose [hypothesis, unsupported] The doses are too small to matter."
        "  ⇒ refuted 0"
    )


def test_a_subtree_starts_from_any_claim(amap):
    assert support_tree(amap, "dose", findings=[]) == (
        "dose [hypothesis, unsupported] The doses are too small to matter.  ⇒ refuted 0\n"
        "└── attacks: trial [statistic, B2: usually reliable, probably true] "
        "A trial found lower blood pressure."
    )


def test_evidence_is_a_leaf(amap):
    assert support_tree(amap, "lab", findings=[]) == (
        "lab [document, A1: reliable, confirmed] Assays measure catechins."
    )


def claims(*items: Claim) -> ArgumentMap:
    return ArgumentMap(claims=items)


def c(record_id: str, text: str = "", **fields) -> Claim:
    return Claim(id=record_id, text=text or f"{record_id.upper()}.", **fields)


def test_an_undercut_single_premise_reason_gets_its_own_branch():
    amap = claims(c("a", supported_by=[{"premises": ["b"], "undercut_by": ["u"]}]), c("b"), c("u"))
    assert support_tree(amap, "a", findings=[]) == (
        "a [claim, unsupported] A.  ⇒ unsupported 0\n"
        "└── supports:\n"
        "    ├── b [claim, unsupported] B.  ⇒ unsupported 0\n"
        "    └── undercut by: u [claim, unsupported] U.  ⇒ unsupported 0"
    )


def test_named_reasons_are_named():
    amap = claims(c("a", attacked_by=[{"id": "r1", "premises": ["b", "x"]}, "b"]), c("b"), c("x"))
    assert support_tree(amap, "a", findings=[]) == (
        "a [claim, unsupported] A.  ⇒ unsupported 0\n"
        "├── attacks together (reason r1):\n"
        "│   ├── b [claim, unsupported] B.  ⇒ unsupported 0\n"
        "│   └── x [claim, unsupported] X.  ⇒ unsupported 0\n"
        "└── attacks: b [claim, unsupported] B.  ⇒ unsupported 0"
    )


def test_a_cycle_is_shown_once_and_not_followed():
    amap = claims(
        c("a", supported_by=["b"]), c("b", supported_by=["c"]), c("c", supported_by=["a"])
    )
    assert support_tree(amap, "a", findings=[]) == (
        "a [claim, unsupported] A.  ⇒ unsupported 0\n"
        "└── supports: b [claim, unsupported] B.  ⇒ unsupported 0\n"
        "    └── supports: c [claim, unsupported] C.  ⇒ unsupported 0\n"
        "        └── supports: a (circular: already above)"
    )


def test_self_support_is_circular():
    amap = claims(c("a", supported_by=["a"], attacked_by=["a"]))
    assert support_tree(amap, "a", findings=[]) == (
        "a [claim, unsupported] A.  ⇒ contested 0\n"
        "├── supports: a (circular: already above)\n"
        "└── attacks: a (circular: already above)"
    )


def test_a_claim_reached_twice_is_expanded_once():
    amap = claims(
        c("top", supported_by=["left", "right"]),
        c("left", supported_by=["shared"]),
        c("right", supported_by=["shared"]),
        c("shared", supported_by=["base"]),
        c("base"),
    )
    assert support_tree(amap, "top", findings=[]) == (
        "top [claim, unsupported] TOP.  ⇒ unsupported 0\n"
        "├── supports: left [claim, unsupported] LEFT.  ⇒ unsupported 0\n"
        "│   └── supports: shared [claim, unsupported] SHARED.  ⇒ unsupported 0\n"
        "│       └── supports: base [claim, unsupported] BASE.  ⇒ unsupported 0\n"
        "└── supports: right [claim, unsupported] RIGHT.  ⇒ unsupported 0\n"
        "    └── supports: shared [claim, unsupported] SHARED.  ⇒ unsupported 0  (reasons shown above)"
    )


def test_layers_of_diamonds_stay_linear():
    # 20 layers of two claims, each supported by both claims of the layer below: 2**20 paths.
    layers = [[f"l{i}a", f"l{i}b"] for i in range(20)]
    items = [c("top", supported_by=layers[0])]
    for i, layer in enumerate(layers):
        below = layers[i + 1] if i + 1 < len(layers) else []
        items += [c(record_id, supported_by=below) for record_id in layer]
    lines = support_tree(claims(*items), "top", findings=[]).splitlines()
    assert len(lines) == 1 + 2 * len(layers) + 2 * (len(layers) - 1)


def test_unknown_references_suggest_the_closest_id():
    amap = claims(c("tea", supported_by=["tee", "zzz"]))
    assert support_tree(amap, "tea", findings=[]) == (
        "tea [claim, unsupported] TEA.  ⇒ unsupported 0\n"
        "├── supports: tee (no such record; did you mean 'tea'?)\n"
        "└── supports: zzz (no such record)"
    )


def test_an_unknown_id_names_the_closest(amap):
    with pytest.raises(UnknownRecordError) as raised:
        support_tree(amap, "stian", findings=[])
    assert raised.value.suggestion == "stain"
    assert (
        str(raised.value) == "no claim or evidence record has the id 'stian'; did you mean 'stain'?"
    )


def test_depth_is_bounded():
    items = [c(f"c{i}", supported_by=[f"c{i + 1}"]) for i in range(10)] + [c("c10")]
    lines = support_tree(claims(*items), "c0", findings=[], max_depth=3).splitlines()
    assert (
        lines[-1]
        == "        └── supports: c3 [claim, unsupported] C3.  ⇒ unsupported 0  (deeper reasons not shown)"
    )
    assert len(lines) == 4


def test_texts_are_flattened_shortened_and_made_safe_for_a_terminal():
    long = "word " * 40
    amap = ArgumentMap(
        claims=[c("a", "first line\nsecond\tline \x1b[2J\x9b", supported_by=["e"])],
        evidence=[Evidence(id="e", kind="statistic", summary=long, reliability="F", credibility=6)],
    )
    lines = support_tree(amap, "a", findings=[]).splitlines()
    assert (
        lines[0] == "a [claim, supported] first line second line \u241b[2J\ufffd  ⇒ supported 0.5"
    )
    summary = lines[1].split("cannot be judged] ", 1)[1]
    assert len(summary) == MAX_TEXT
    assert summary == ("word " * 20)[:97] + "..."
    assert lines[1].startswith(
        "└── supports: e [statistic, F6: reliability cannot be judged, truth cannot be judged] "
    )
