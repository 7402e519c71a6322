"""AIF JSON in and out: the mapping, what each direction reports, errors, the corpora, the CLI."""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given

from argmap.argument_map import ArgumentMap
from argmap.cli import cli
from argmap.errors import MapLoadError
from argmap.formats import ConversionReport, aif, detect
from argmap.load import load
from argmap.model import Claim, Evidence, MapConfig

from .test_json import SETTINGS, dumped, maps

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO.parent / "shared" / "corpora"
AIF = CORPORA / "aif"
MICROTEXT_AIF = AIF / "microtexts" / "nodesets"
MICROTEXT_XML = CORPORA / "microtexts" / "corpus" / "en"


def corpus_files() -> list[Any]:
    files = [
        *sorted(MICROTEXT_AIF.glob("*.json")),
        *sorted((AIF / "araucaria").glob("*.json")),
        *sorted((AIF / "aifdb-sample").glob("*.json")),
    ]
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_CORPORA))]
    return [pytest.param(f, id=f"{f.parent.name}/{f.name}") for f in files]


NO_CORPORA = "../shared/corpora is not beside this checkout"


def needs_corpora() -> None:
    if not AIF.is_dir():
        pytest.skip(NO_CORPORA)


def nodeset(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str]], **extra: Any) -> str:
    """An AIF text from (nodeID, type, text) triples and (from, to) pairs."""
    document: dict[str, Any] = {
        "nodes": [{"nodeID": n, "type": t, "text": x} for n, t, x in nodes],
        "edges": [
            {"edgeID": str(i), "fromID": a, "toID": b, "formEdgeID": None}
            for i, (a, b) in enumerate(edges, start=1)
        ],
        **extra,
    }
    return json.dumps(document, indent=1)


def read(text: str) -> aif.Conversion:
    return aif.parse_aif(text, "n.json")


def reasons(amap: ArgumentMap) -> list[tuple[str, str, list[str], list[str], str | None]]:
    return [
        (ref.claim.id, ref.role, ref.reason.premises, ref.reason.undercut_by, ref.reason.scheme)
        for ref in amap.reasons()
    ]


def losses(conversion: aif.Conversion | ConversionReport) -> list[str]:
    report = conversion if isinstance(conversion, ConversionReport) else conversion.report
    return [loss.what for loss in report.losses]


# --- reading: the mapping ---------------------------------------------------------------------

TEA = [("1", "I", "Tea is healthy."), ("2", "I", "A trial found so."), ("3", "I", "Tea stains.")]


def test_ra_is_support_and_its_premises_are_one_linked_group() -> None:
    conversion = read(
        nodeset(
            [*TEA, ("9", "RA", "Argument From Expert Opinion")],
            [("2", "9"), ("3", "9"), ("9", "1")],
        )
    )
    assert reasons(conversion.map) == [
        ("1", "support", ["2", "3"], [], "Argument From Expert Opinion")
    ]
    assert conversion.report.lossless
    assert list(conversion.map.claims) == ["1", "2", "3"]
    assert conversion.map.claims["1"].text == "Tea is healthy."


@pytest.mark.parametrize(
    ("node", "scheme"),
    [
        ({"text": "Default Inference"}, None),
        ({"text": "RA"}, None),
        ({"text": "RA", "scheme": "CauseToEffect", "schemeID": "4"}, "CauseToEffect"),
        ({"text": "Example"}, "Example"),
        ({"text": " "}, None),
    ],
)
def test_the_scheme_comes_from_scheme_or_text_unless_generic(
    node: dict[str, str], scheme: str | None
) -> None:
    data = json.loads(nodeset(TEA[:2], [("2", "9"), ("9", "1")]))
    data["nodes"].append({"nodeID": "9", "type": "RA", **node})
    conversion = read(json.dumps(data))
    assert reasons(conversion.map) == [("1", "support", ["2"], [], scheme)]
    assert ("schemeID of 1 scheme nodes" in losses(conversion)) == ("schemeID" in node)


def test_ca_is_attack_and_ca_on_a_scheme_node_is_an_undercut() -> None:
    conversion = read(
        nodeset(
            [
                *TEA,
                ("4", "I", "Stains wash off."),
                ("5", "I", "The trial was small."),
                ("8", "RA", "RA"),
                ("9", "CA", "Default Conflict"),
                ("10", "CA", "Default Conflict"),
                ("11", "CA", "Default Conflict"),
            ],
            [
                ("2", "8"),
                ("8", "1"),
                ("3", "9"),
                ("9", "1"),
                ("4", "10"),
                ("10", "9"),
                ("5", "11"),
                ("11", "8"),
            ],
        )
    )
    assert reasons(conversion.map) == [
        ("1", "support", ["2"], ["5"], None),
        ("1", "attack", ["3"], ["4"], None),
    ]
    assert conversion.report.lossless


def test_a_linked_undercut_becomes_separate_undercutters_and_is_reported() -> None:
    conversion = read(
        nodeset(
            [*TEA, ("4", "I", "Four."), ("5", "I", "Five."), ("8", "RA", ""), ("9", "CA", "")],
            [("2", "8"), ("8", "1"), ("4", "9"), ("5", "9"), ("9", "8")],
        )
    )
    assert reasons(conversion.map) == [("1", "support", ["2"], ["4", "5"], None)]
    assert losses(conversion) == ["linked undercut (AIF CA node 9): 4 + 5 together"]


def test_an_attack_on_an_undercut_is_reported_and_noted() -> None:
    conversion = read(
        nodeset(
            [*TEA, ("4", "I", "Four."), ("8", "RA", ""), ("9", "CA", ""), ("10", "CA", "")],
            [("2", "8"), ("8", "1"), ("3", "9"), ("9", "8"), ("4", "10"), ("10", "9")],
        )
    )
    assert reasons(conversion.map) == [("1", "support", ["2"], ["3"], None)]
    assert losses(conversion) == [
        "attack on an undercut: AIF CA node 10 (4) aims at CA node 9, itself an undercut"
    ]
    assert conversion.map.claims["4"].note == ("AIF: attacks the undercut CA node 9 (CA node 10)")


def test_support_of_an_inference_is_reported_and_noted() -> None:
    conversion = read(
        nodeset(
            [*TEA, ("8", "RA", ""), ("9", "RA", "")],
            [("2", "8"), ("8", "1"), ("3", "9"), ("9", "8")],
        )
    )
    assert reasons(conversion.map) == [("1", "support", ["2"], [], None)]
    assert losses(conversion) == ["support of an inference: AIF RA node 9 (3) aims at RA node 8"]
    assert conversion.map.claims["3"].note == "AIF: supports RA node 8 (RA node 9)"


def test_ma_is_read_as_support_with_scheme_rephrase_and_reported() -> None:
    conversion = read(
        nodeset([*TEA[:2], ("9", "MA", "Default Rephrase")], [("2", "9"), ("9", "1")])
    )
    assert reasons(conversion.map) == [("1", "support", ["2"], [], "rephrase")]
    assert losses(conversion) == ["rephrase (AIF MA node 9) of 2 read as support of 1"]
    document = aif.aif_document(conversion.map, extension=False)
    assert [n["type"] for n in document["nodes"]] == ["I", "I", "MA"]


def test_pa_is_reported_and_noted_on_the_preferred_claim() -> None:
    conversion = read(
        nodeset([*TEA[:2], ("9", "PA", "Default Preference")], [("2", "9"), ("9", "1")])
    )
    assert reasons(conversion.map) == []
    assert losses(conversion) == ["preference (AIF PA node 9) of 2 over 1"]
    assert conversion.map.claims["2"].note == "AIF: preferred to 1 (PA node 9)"


def test_a_scheme_node_with_two_conclusions_gives_two_reasons_and_is_reported() -> None:
    conversion = read(nodeset([*TEA, ("9", "RA", "")], [("2", "9"), ("9", "1"), ("9", "3")]))
    assert reasons(conversion.map) == [
        ("1", "support", ["2"], [], None),
        ("3", "support", ["2"], [], None),
    ]
    assert losses(conversion) == ["RA node 9 with 2 conclusions"]


def test_dialogical_aif_keeps_the_locution_as_quote_speaker_and_note() -> None:
    conversion = read(
        nodeset(
            [
                *TEA[:2],
                ("20", "L", "Ann Smith : Tea is, I think, healthy"),
                ("21", "YA", "Asserting"),
                ("22", "L", "Bob : a trial said so"),
                ("23", "YA", "Popular Conceding"),
                ("24", "TA", "Default Transition"),
                ("25", "YA", "Arguing"),
                ("26", "L", "Bob : unrelated"),
                ("9", "RA", "Default Inference"),
            ],
            [
                ("20", "21"),
                ("21", "1"),
                ("22", "23"),
                ("23", "2"),
                ("20", "24"),
                ("24", "22"),
                ("24", "25"),
                ("25", "9"),
                ("2", "9"),
                ("9", "1"),
            ],
            locutions=[
                {"nodeID": "20", "personID": "7", "start": "00:01", "end": "00:05"},
                {"nodeID": "20", "personID": "7"},
                {"nodeID": "1", "personID": "3"},
            ],
        )
    )
    tea, trial = conversion.map.claims["1"], conversion.map.claims["2"]
    assert (tea.quote, tea.locator, tea.note) == (
        "Tea is, I think, healthy",
        "Ann Smith, 00:01–00:05",
        "AIF: Asserting (locution 20, person 7)",
    )
    assert (trial.quote, trial.locator, trial.note) == (
        "a trial said so",
        "Bob",
        "AIF: Popular Conceding (locution 22)",
    )
    assert reasons(conversion.map) == [("1", "support", ["2"], [], None)]
    assert losses(conversion) == [
        "1 dialogue transitions (TA nodes)",
        "1 illocutions anchoring inferences or conflicts (YA nodes such as Arguing)",
        "1 locutions anchoring no proposition (L nodes)",
        "2 entries of `locutions` (person, time) for nodes that are not L-nodes, or repeating one",
    ]


def test_a_locution_without_a_speaker_is_quoted_whole() -> None:
    conversion = read(
        nodeset(
            [*TEA[:1], ("20", "L", "Ratio:3 to 1"), ("21", "YA", "Asserting")],
            [("20", "21"), ("21", "1")],
        )
    )
    claim = conversion.map.claims["1"]
    assert (claim.quote, claim.locator) == ("Ratio:3 to 1", None)


def test_metadata_argmap_cannot_keep_is_reported() -> None:
    data = json.loads(nodeset(TEA[:2], []))
    data["nodes"][0].update(timestamp="2015-12-14 12:09:13", x=10, y=20)
    data["edges"] = []
    data["participants"] = []
    conversion = read(json.dumps(data))
    assert losses(conversion) == [
        "timestamps of 1 nodes",
        "node fields x, y",
        "document members participants",
    ]


def test_nodeids_that_are_not_ids_are_slugged_uniquely_and_kept_in_a_tag() -> None:
    conversion = read(
        nodeset([("a b", "I", "A."), ("a-b", "I", "B."), ("a/b", "I", "C."), (" ", "I", "D.")], [])
    )
    claims = conversion.map.claims
    assert [(c.id, c.tags) for c in claims.values()] == [
        ("a-b-2", ["aif:a b"]),
        ("a-b", []),
        ("a-b-3", ["aif:a/b"]),
        ("node", ["aif: "]),
    ]
    document = aif.aif_document(conversion.map, extension=False)
    assert [n["nodeID"] for n in document["nodes"]] == ["a b", "a-b", "a/b", " "]


def test_ova_numeric_node_ids_are_read_as_text() -> None:
    text = nodeset(TEA[:2], []).replace('"nodeID": "1"', '"nodeID": 1')
    text = text.replace(
        '"edges": []', '"edges": [{"fromID": 2, "toID": 9}, {"fromID": 9, "toID": 1}]'
    )
    text = text.replace('"nodes": [', '"nodes": [{"nodeID": 9, "type": "RA", "text": "RA"},')
    assert reasons(read(text).map) == [("1", "support", ["2"], [], None)]


# --- reading: malformed files --------------------------------------------------------------------

BAD: list[tuple[str, tuple[int, int, str]]] = [
    ('{"nodes": [', (1, 12, "AM009")),
    ("[]", (1, 1, "AM009")),
    ('{"edges": []}', (1, 1, "AM009")),
    ('{"nodes": 3, "edges": []}', (1, 11, "AM009")),
    ('{"nodes": [],\n "edges": {}}', (2, 11, "AM009")),
    ('{"nodes": [], "edges": []}', (1, 11, "AM009")),
    ('{"nodes": [3], "edges": []}', (1, 12, "AM009")),
    ('{"nodes": [{"type": "I", "text": "x"}], "edges": []}', (1, 12, "AM009")),
    ('{"nodes": [{"nodeID": true, "type": "I", "text": "x"}], "edges": []}', (1, 23, "AM009")),
    ('{"nodes": [{"nodeID": "1", "type": "X", "text": "x"}], "edges": []}', (1, 36, "AM009")),
    ('{"nodes": [{"nodeID": "1", "type": "I"}], "edges": []}', (1, 12, "AM009")),
    ('{"nodes": [{"nodeID": "1", "type": "I", "text": ""}], "edges": []}', (1, 49, "AM009")),
    ('{"nodes": [{"nodeID": "1", "type": "I", "text": 5}], "edges": []}', (1, 49, "AM009")),
    (
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "a\\ud800"}], "edges": []}',
        (1, 49, "AM009"),
    ),
    (
        (
            '{"nodes": [\n {"nodeID": "1", "type": "I", "text": "x"},\n'
            ' {"nodeID": "1", "type": "I", "text": "y"}], "edges": []}'
        ),
        (3, 13, "AM009"),
    ),
    (
        (
            '{"nodes": [{"nodeID": "1", "type": "I", "text": "x"}],\n'
            ' "edges": [{"fromID": "1", "toID": "7"}]}'
        ),
        (2, 36, "AM009"),
    ),
    (
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "x"}],\n "edges": [{"fromID": "1"}]}',
        (2, 12, "AM009"),
    ),
    ('{"nodes": [{"nodeID": "1", "type": "I", "text": "x"}],\n "edges": [3]}', (2, 12, "AM009")),
    (
        (
            '{"nodes": [{"nodeID": "1", "type": "I", "text": "x"},\n'
            ' {"nodeID": "2", "type": "I", "text": "y"}],\n'
            ' "edges": [{"fromID": "1", "toID": "2"}]}'
        ),
        (3, 12, "AM009"),
    ),
    (
        (
            '{"nodes": [{"nodeID": "1", "type": "I", "text": "x"},\n'
            ' {"nodeID": "9", "type": "RA", "text": "RA"}],\n'
            ' "edges": [{"fromID": "1", "toID": "9"}]}'
        ),
        (2, 2, "AM009"),
    ),
    (
        (
            '{"nodes": [{"nodeID": "1", "type": "I", "text": "x"},\n'
            ' {"nodeID": "9", "type": "CA", "text": "CA"}],\n'
            ' "edges": [{"fromID": "9", "toID": "1"}]}'
        ),
        (2, 2, "AM009"),
    ),
    (
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "x", "argmap": 3}], "edges": []}',
        (1, 64, "AM009"),
    ),
    (
        (
            '{"nodes": [{"nodeID": "1", "type": "I", "text": "x",\n'
            '  "argmap": {"claim": {"kind": "thesys"}}}], "edges": []}'
        ),
        (2, 32, "AM006"),
    ),
    (
        (
            '{"nodes": [{"nodeID": "1", "type": "I", "text": "x",\n'
            '  "argmap": {"claim": {"text": "y"}}}], "edges": []}'
        ),
        (2, 32, "AM009"),
    ),
    (
        (
            '{"nodes": [{"nodeID": "1", "type": "I", "text": "x"}], "edges": [],\n'
            ' "argmap": {"format": 9}}'
        ),
        (2, 12, "AM009"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD)
def test_malformed_nodesets_fail_with_a_positioned_error(
    text: str, expected: tuple[int, int, str]
) -> None:
    with pytest.raises(MapLoadError) as caught:
        read(text)
    first = caught.value.findings[0]
    assert (first.span.path, first.span.line, first.span.column, first.code) == (
        "n.json",
        *expected,
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"nodes": [', ["AIF JSON syntax error", "expected valid JSON"]),
        ('{"edges": []}', ['without "nodes"', "expected an AIF nodeset"]),
        (
            '{"nodes": [{"nodeID": "1", "type": "X", "text": "x"}], "edges": []}',
            ["'X' is not an AIF node type", "expected one of I, RA, CA"],
        ),
        (
            (
                '{"nodes": [{"nodeID": "1", "type": "I", "text": "x"}],'
                ' "edges": [{"fromID": "1", "toID": "7"}]}'
            ),
            ["toID '7' names no node", "expected the nodeID of one of its nodes"],
        ),
        (
            (
                '{"nodes": [{"nodeID": "1", "type": "I", "text": "x"},'
                ' {"nodeID": "9", "type": "RA", "text": "RA"}], "edges": [{"fromID": "1", "toID": "9"}]}'
            ),
            ["RA-node 9 (inference) has no conclusion", "expected one"],
        ),
    ],
)
def test_error_messages_name_the_problem_and_the_expectation(text: str, words: list[str]) -> None:
    with pytest.raises(MapLoadError) as caught:
        read(text)
    for word in words:
        assert word in caught.value.findings[0].message


def test_every_structural_problem_is_reported_at_once() -> None:
    text = nodeset([("1", "I", "x"), ("9", "RA", "RA")], [("1", "9"), ("1", "7"), ("8", "1")])
    with pytest.raises(MapLoadError) as caught:
        read(text)
    assert [f.code for f in caught.value.findings] == ["AM009", "AM009"]


# --- writing ---------------------------------------------------------------------------------


def small_map() -> ArgumentMap:
    return ArgumentMap(
        claims=[
            Claim(
                id="tea",
                kind="thesis",
                text="Tea is healthy.",
                supported_by=[
                    {"premises": ["trial", "dose"], "scheme": "Argument From Expert Opinion"}
                ],
                attacked_by=[{"premises": ["stain"], "undercut_by": ["wash"]}],
            ),
            Claim(id="dose", text="The dose was usual.", quote="usual dose"),
            Claim(id="stain", text="Tea stains."),
            Claim(id="wash", text="Stains wash off."),
        ],
        evidence=[
            Evidence(
                id="trial", kind="statistic", summary="A trial.", reliability="B", credibility=2
            )
        ],
        config=MapConfig(title="Tea"),
    )


def test_the_document_has_i_nodes_scheme_nodes_and_a_quote_as_locution() -> None:
    document = aif.aif_document(small_map())
    nodes = [(n["nodeID"], n["type"], n["text"]) for n in document["nodes"]]
    assert nodes == [
        ("tea", "I", "Tea is healthy."),
        ("dose", "I", "The dose was usual."),
        ("dose:L", "L", "usual dose"),
        ("dose:YA", "YA", "Asserting"),
        ("stain", "I", "Tea stains."),
        ("wash", "I", "Stains wash off."),
        ("trial", "I", "A trial."),
        ("tea:for:1", "RA", "Argument From Expert Opinion"),
        ("tea:against:1", "CA", "Default Conflict"),
        ("tea:against:1:undercut:1", "CA", "Default Conflict"),
    ]
    edges = [(e["fromID"], e["toID"]) for e in document["edges"]]
    assert edges == [
        ("dose:L", "dose:YA"),
        ("dose:YA", "dose"),
        ("trial", "tea:for:1"),
        ("dose", "tea:for:1"),
        ("tea:for:1", "tea"),
        ("stain", "tea:against:1"),
        ("tea:against:1", "tea"),
        ("wash", "tea:against:1:undercut:1"),
        ("tea:against:1:undercut:1", "tea:against:1"),
    ]
    assert [e["edgeID"] for e in document["edges"]] == [str(i) for i in range(1, 10)]
    assert document["locutions"] == []
    assert document["argmap"] == {"format": 1, "config": {"title": "Tea"}}
    by_id = {n["nodeID"]: n for n in document["nodes"]}
    assert by_id["tea"]["argmap"] == {"claim": {"kind": "thesis"}}
    assert by_id["trial"]["argmap"] == {
        "evidence": {"kind": "statistic", "reliability": "B", "credibility": 2}
    }
    assert "argmap" not in by_id["stain"]


def test_the_report_lists_what_aif_has_no_field_for() -> None:
    report = ConversionReport("m", "aif")
    aif.generate_aif(small_map(), report)
    assert [(loss.what, loss.subject) for loss in report.losses] == [
        ("claim kind", "tea"),
        ("evidence kind", "trial"),
        ("evidence reliability", "trial"),
        ("evidence credibility", "trial"),
        ("map settings (title)", None),
    ]
    assert all("argmap" in loss.why for loss in report.losses)


def test_without_the_extension_other_tools_get_plain_aif() -> None:
    text = aif.generate_aif(small_map(), extension=False)
    assert '"argmap"' not in text
    back = read(text).map
    assert reasons(back) == reasons(small_map())
    assert back.claims["dose"].quote == "usual dose"
    assert back.claims["trial"].text == "A trial."


def test_references_to_missing_records_are_reported_not_linked() -> None:
    amap = ArgumentMap(
        claims=[
            Claim(
                id="a",
                text="A.",
                supported_by=[{"premises": ["ghost"]}, {"premises": ["b", "ghost"]}],
                attacked_by=[{"premises": ["b"], "undercut_by": ["ghost"]}],
            ),
            Claim(id="b", text="B."),
        ]
    )
    report = ConversionReport("m", "aif")
    document = aif.aif_document(amap, report)
    assert losses(report) == [
        "premise ghost of reason a:for:1",
        "reason a:for:1",
        "premise ghost of reason a:for:2",
        "undercutter ghost of reason a:against:1",
    ]
    assert {e["fromID"] for e in document["edges"]} <= {n["nodeID"] for n in document["nodes"]}


def test_a_generic_scheme_name_is_reported_and_kept_in_the_extension() -> None:
    amap = ArgumentMap(
        claims=[
            Claim(id="a", text="A.", supported_by=[{"premises": ["b"], "scheme": "RA"}]),
            Claim(id="b", text="B."),
        ]
    )
    report = ConversionReport("m", "aif")
    back = read(aif.generate_aif(amap, report)).map
    assert losses(report) == ["scheme 'RA' of reason a:for:1"]
    assert reasons(back) == reasons(amap)


@SETTINGS
@given(maps())
def test_any_map_round_trips_through_aif_exactly(amap: ArgumentMap) -> None:
    back = read(aif.generate_aif(amap)).map
    assert dumped(back) == dumped(amap)


@SETTINGS
@given(maps())
def test_any_map_keeps_claims_relations_and_groups_in_plain_aif(amap: ArgumentMap) -> None:
    back = read(aif.generate_aif(amap, extension=False)).map
    records = [*amap.claims.values(), *amap.evidence.values()]
    assert [(r.id, r.text if isinstance(r, Claim) else r.summary) for r in records] == [
        (c.id, c.text) for c in back.claims.values()
    ]
    plain = [(c, role, p, u) for c, role, p, u, _ in reasons(amap)]
    assert [(c, role, p, u) for c, role, p, u, _ in reasons(back)] == plain


# --- the corpora ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", corpus_files())
def test_every_corpus_file_imports_and_round_trips(path: Path) -> None:
    first = aif.read(path)
    assert first.map.claims
    text = aif.generate_aif(first.map)
    again = aif.parse_aif(text, "again.json")
    assert dumped(again.map) == dumped(first.map)
    # Reading back what argmap wrote loses nothing new (an MA node is reported each time).
    assert all(loss.what.startswith("rephrase") for loss in again.report.losses)
    plain = aif.parse_aif(aif.generate_aif(first.map, extension=False), "plain.json").map
    assert [(c.id, c.text) for c in plain.claims.values()] == [
        (c.id, c.text) for c in first.map.claims.values()
    ]
    assert reasons(plain) == reasons(first.map)


def test_the_corpora_import_whole_and_fast() -> None:
    needs_corpora()
    counts = {}
    for name, pattern in (
        ("microtexts", "microtexts/nodesets/*.json"),
        ("araucaria", "araucaria/*.json"),
        ("aifdb-sample", "aifdb-sample/*.json"),
    ):
        files = sorted(AIF.glob(pattern))
        start = time.perf_counter()
        maps_ = [aif.read(f).map for f in files]
        elapsed = time.perf_counter() - start
        counts[name] = (
            len(files),
            sum(len(m.claims) for m in maps_),
            sum(1 for m in maps_ for _ in m.reasons()),
        )
        assert elapsed < 5, f"{name}: {elapsed:.2f} s"
    assert counts == {
        "microtexts": (110, 566, 374),
        "araucaria": (150, 1037, 467),
        "aifdb-sample": (2, 18, 13),
    }


def test_the_dialogical_sample_keeps_its_anchoring() -> None:
    needs_corpora()
    conversion = aif.read(AIF / "aifdb-sample" / "6064-original.json")
    claim = conversion.map.claims["111829"]
    assert (claim.text, claim.quote, claim.locator, claim.note) == (
        "McMillan was / was not wrong",
        "Was he wrong",
        "CL",
        "AIF: Pure Questioning (locution 111831, person 409)",
    )
    assert sum(1 for c in conversion.map.claims.values() if c.quote) == 9
    assert losses(conversion)[:3] == [
        "8 dialogue transitions (TA nodes)",
        "5 illocutions anchoring inferences or conflicts (YA nodes such as Arguing)",
        "7 locutions anchoring no proposition (L nodes)",
    ]
    rebuilt = aif.read(AIF / "aifdb-sample" / "6064-reconstructed.json")
    assert [loss.what.split(" (")[0] for loss in rebuilt.report.losses][:3] == ["rephrase"] * 3


# --- the microtexts: AIF against the corpus's own XML --------------------------------------------


def xml_structure(path: Path) -> tuple[list[Any], list[Any], int]:
    """The argument of a microtext XML in argmap's terms, by EDU position and by text.

    sup/exa → support (exa: scheme Example), reb → attack, und → an undercut of the edge's
    reason, add → a co-premise of the edge's reason (or undercut); an undercut of an undercut
    has no argmap form and is counted instead.
    """
    root = ET.parse(path).getroot()
    edus = [e.get("id") for e in root.iter("edu")]
    texts = {e.get("id"): e.text or "" for e in root.iter("edu")}
    edges = {e.get("id"): e.attrib for e in root.iter("edge")}
    position = {e["trg"]: edus.index(e["src"]) for e in edges.values() if e["type"] == "seg"}
    text = {adu: texts[edus[i]] for adu, i in position.items()}
    found: dict[str, list[Any]] = {}
    for key, edge in edges.items():
        if edge["type"] in ("sup", "exa", "reb"):
            role = "attack" if edge["type"] == "reb" else "support"
            scheme = "Example" if edge["type"] == "exa" else None
            found[key] = [role, {edge["src"]}, edge["trg"], set(), scheme]
    undercuts = {k: {e["src"]} for k, e in edges.items() if e["type"] == "und"}
    for edge in edges.values():
        if edge["type"] == "add":
            target = found[edge["trg"]][1] if edge["trg"] in found else undercuts[edge["trg"]]
            target.add(edge["src"])
    lost = 0
    for key, edge in edges.items():
        if edge["type"] == "und":
            if edge["trg"] in found:
                found[edge["trg"]][3] |= undercuts[key]
            else:
                lost += 1

    def shaped(name: dict[str, Any]) -> list[Any]:
        return sorted(
            (role, sorted(name[p] for p in premises), name[target], sorted(name[u] for u in u_), s)
            for role, premises, target, u_, s in found.values()
        )

    return shaped(position), shaped(text), lost


def aif_structure(conversion: aif.Conversion) -> tuple[list[Any], list[Any], int]:
    amap = conversion.map
    order = {claim: i for i, claim in enumerate(amap.claims)}
    text = {claim: amap.claims[claim].text for claim in amap.claims}

    def shaped(name: dict[str, Any]) -> list[Any]:
        return sorted(
            (
                ref.role,
                sorted(name[p] for p in ref.reason.premises),
                name[ref.claim.id],
                sorted(name[u] for u in ref.reason.undercut_by),
                ref.reason.scheme,
            )
            for ref in amap.reasons()
        )

    lost = sum(1 for w in losses(conversion) if w.startswith("attack on an undercut"))
    return shaped(order), shaped(text), lost


KNOWN_TEXT_DIFFERENCES = {
    "nodeset6385": "segmented differently: 'and' ends one unit in AIF, starts the next in XML",
    "nodeset6429": "segmented differently: the dashes around 'in Japan ...'",
    "nodeset6455": "its I-node texts are rotated by one against the XML's EDUs",
}


def microtext_pairs() -> list[Any]:
    index = AIF / "microtexts" / "aif2arggraph.json"
    if not index.is_file() or not MICROTEXT_XML.is_dir():
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=NO_CORPORA))]
    pairs = json.loads(index.read_text())
    return [
        pytest.param(MICROTEXT_AIF / f"{n}.json", MICROTEXT_XML / f"{x}.xml", id=n)
        for n, x in sorted(pairs.items())
        if (MICROTEXT_AIF / f"{n}.json").is_file()
    ]


@pytest.mark.parametrize(("aif_path", "xml_path"), microtext_pairs())
def test_microtext_aif_has_the_argument_of_its_xml(aif_path: Path, xml_path: Path) -> None:
    by_position, by_text, lost = xml_structure(xml_path)
    got_position, got_text, got_lost = aif_structure(aif.read(aif_path))
    assert got_position == by_position
    assert got_lost == lost
    if aif_path.stem not in KNOWN_TEXT_DIFFERENCES:
        assert got_text == by_text
    else:
        assert got_text != by_text


# --- files and the CLI -------------------------------------------------------------------------


def test_sniff_and_detect_tell_aif_from_argmap_json(tmp_path: Path) -> None:
    nodes = tmp_path / "n.json"
    nodes.write_text(nodeset(TEA[:1], []))
    ours = tmp_path / "a.json"
    ours.write_text('{"argmap": 1, "claims": [{"id": "nodes", "text": "\\"nodes\\": ["}]}')
    exported = tmp_path / "x.json"
    exported.write_text(aif.generate_aif(small_map()))
    assert aif.sniff(nodes) and aif.sniff(exported) and not aif.sniff(ours)
    assert not aif.sniff(tmp_path / "missing.json")
    assert (detect(nodes), detect(exported), detect(ours)) == ("aif", "aif", "json")


def test_cli_import_writes_a_loadable_map_and_exits_1_for_losses(tmp_path: Path) -> None:
    needs_corpora()
    out = tmp_path / "map"
    report = tmp_path / "report.txt"
    source = MICROTEXT_AIF / "nodeset6361.json"
    result = CliRunner().invoke(
        cli, ["import", str(source), "-o", str(out), "--report", str(report)]
    )
    assert result.exit_code == 1, result.output
    assert "linked undercut (AIF CA node 119934)" in report.read_text()
    loaded = load(out)
    assert dumped(loaded)[:2] == dumped(aif.read(source).map)[:2]


def test_cli_export_to_aif_and_back_keeps_the_article_map(tmp_path: Path) -> None:
    out = tmp_path / "article.json"
    runner = CliRunner()
    result = runner.invoke(cli, ["export", str(REPO), "--to", "aif", "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "evidence reliability" in result.output
    back = tmp_path / "back"
    result = runner.invoke(cli, ["import", str(out), "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert dumped(load(back)) == dumped(load(REPO))


def test_cli_import_of_a_broken_nodeset_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "x"}],\n "edges": [{"fromID": "1", "toID": "7"}]}'
    )
    result = CliRunner().invoke(cli, ["import", str(bad), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert f"{bad}:2:36: AM009 edge 1: toID '7' names no node" in result.output
    assert "Traceback" not in result.output
