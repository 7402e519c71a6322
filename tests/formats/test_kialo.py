"""The Kialo text-export importer: the tree, links, multi-line texts, errors, the corpus file."""

from __future__ import annotations

import importlib
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.argument_map import ArgumentMap
from argmap.cli import cli
from argmap.errors import MapLoadError
from argmap.formats import argmap_yaml, detect, kialo
from argmap.load import load

REPO = Path(__file__).resolve().parents[2]
EXPORT = REPO.parent / "shared" / "corpora" / "kialo" / "kialoTestFile.txt"


def needs_corpus() -> None:
    if not EXPORT.is_file():
        pytest.skip("../shared/corpora is not beside this checkout")


def convert(text: str) -> kialo.Conversion:
    return kialo.parse_kialo(textwrap.dedent(text).lstrip("\n"), "k.txt")


def relations(amap: ArgumentMap) -> list[tuple[str, str, list[str]]]:
    return [(ref.claim.id, ref.role, ref.reason.premises) for ref in amap.reasons()]


def records(amap: ArgumentMap) -> tuple[list[dict], dict]:
    return [c.model_dump() for c in amap.claims.values()], amap.config.model_dump()


TEA = """
Discussion Title: Is tea good for you?

1. Tea is good for you.
1.1. Pro: Tea is full of antioxidants.
1.1.1. Con: Antioxidant pills do nothing in trials.
1.2. Con: Tea stains your teeth.
1.2.1. Pro: -> See 1.1.1.
1.3. Pro: -> See discussion #42: Coffee is good for you
"""


def test_the_tree_becomes_claims_and_relations():
    conversion = convert(TEA)
    amap = conversion.map
    assert [(c.id, c.kind.value, c.text, c.locator) for c in amap.claims.values()] == [
        ("k1", "thesis", "Tea is good for you.", "1"),
        ("k1.1", "claim", "Tea is full of antioxidants.", "1.1"),
        ("k1.1.1", "claim", "Antioxidant pills do nothing in trials.", "1.1.1"),
        ("k1.2", "claim", "Tea stains your teeth.", "1.2"),
        ("k1.3", "claim", "Coffee is good for you", "1.3"),
    ]
    assert relations(amap) == [
        ("k1", "support", ["k1.1"]),
        ("k1", "support", ["k1.3"]),
        ("k1", "attack", ["k1.2"]),
        ("k1.1", "attack", ["k1.1.1"]),
        ("k1.2", "support", ["k1.1.1"]),  # the link: a relation of the existing claim
    ]
    assert (amap.config.title, amap.config.question) == (
        "Is tea good for you?",
        "Is tea good for you?",
    )


def test_a_link_to_another_discussion_is_a_claim_with_its_title_and_reported():
    conversion = convert(TEA)
    claim = conversion.map.claims["k1.3"]
    assert claim.tags == ["kialo-discussion-42"]
    assert claim.note == "A link to Kialo discussion #42, which this export does not hold."
    [loss] = conversion.report.losses
    assert (loss.what, loss.subject) == ("a link to another discussion", "k1.3")
    assert conversion.report.notes == [
        "1 '-> See' link added as relations of the claims they point to"
    ]


def test_a_discussion_link_without_a_title():
    amap = convert("1. T.\n1.1. Con: -> See discussion #7\n").map
    assert amap.claims["k1.1"].text == "Kialo discussion #7"


def test_links_may_point_forward_and_through_other_links():
    amap = convert(
        """
        1. T.
        1.1. Pro: -> See 1.3.
        1.2. Con: -> See 1.1.
        1.3. Pro: Forward.
        1.3.1. Con: Under the forward claim.
        """
    ).map
    assert list(amap.claims) == ["k1", "k1.3", "k1.3.1"]
    assert relations(amap) == [
        ("k1", "support", ["k1.3"]),
        ("k1", "attack", ["k1.3"]),
        ("k1.3", "attack", ["k1.3.1"]),
    ]


def test_children_of_a_link_belong_to_the_claim_it_points_to():
    amap = convert("1. T.\n1.1. Pro: A.\n1.2. Con: -> See 1.1.\n1.2.1. Con: Against A.\n").map
    assert relations(amap) == [
        ("k1", "support", ["k1.1"]),
        ("k1", "attack", ["k1.1"]),
        ("k1.1", "attack", ["k1.2.1"]),
    ]


def test_a_repeated_relation_is_one_relation():
    conversion = convert("1. T.\n1.1. Pro: A.\n1.2. Pro: -> See 1.1.\n")
    assert relations(conversion.map) == [("k1", "support", ["k1.1"])]
    assert "1.2. repeats the Pro of 1.1. for 1.; it is one relation in the map" in (
        conversion.report.notes
    )


def test_texts_may_span_lines_and_markdown_escapes_are_read():
    amap = convert(
        "1. Faith \\(theology\\) and science.\n"
        "1.1. Pro: First line.\n"
        "Second line with 3.5 million \\[sic\\].\n"
        "\n"
        "Third paragraph.\n"
        "\n"
    ).map
    assert amap.claims["k1"].text == "Faith (theology) and science."
    assert amap.claims["k1.1"].text == (
        "First line.\nSecond line with 3.5 million [sic].\n\nThird paragraph."
    )


def test_several_theses_and_no_title():
    amap = convert("1. One.\n2. Two.\n2.1. Con: Not two.\n").map
    assert [(c.id, c.kind.value) for c in amap.claims.values()] == [
        ("k1", "thesis"),
        ("k2", "thesis"),
        ("k2.1", "claim"),
    ]
    assert (amap.config.title, amap.config.question) == (None, None)


def test_a_title_that_is_not_a_question_is_not_one():
    amap = convert("Discussion Title: Tea\n\n1. T.\n").map
    assert (amap.config.title, amap.config.question) == ("Tea", None)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        pytest.param(
            "1. T.\n1.1 Pro: A.\n",
            [(2, 1)],
            "'1.1 Pro: A.' is not a claim line; expected a number ending in '.', a space, then "
            "'Pro:' or 'Con:' (as in '1.2. Pro: ...')",
            id="no-dot",
        ),
        pytest.param(
            "1. T.\n1.1. Pro A.\n",
            [(2, 6)],
            "claim 1.1. has no role; expected 'Pro:' or 'Con:' after the number",
            id="no-colon",
        ),
        pytest.param(
            "1. T.\n1.1. Maybe: A.\n",
            [(2, 6)],
            "claim 1.1. has no role; expected 'Pro:' or 'Con:' after the number",
            id="unknown-role",
        ),
        pytest.param(
            "1. Pro: T.\n",
            [(1, 4)],
            "the thesis 1. has a role (Pro:); expected the top-level claim without Pro: or Con:",
            id="thesis-with-role",
        ),
        pytest.param(
            "1. T.\n1.2.1. Pro: A.\n",
            [(2, 1)],
            "claim 1.2.1. has no parent: no 1.2. above it",
            id="no-parent",
        ),
        pytest.param(
            "1. T.\n1.1. Pro: A.\n1.1. Con: B.\n",
            [(3, 1)],
            "the number 1.1. is used twice (first on line 2); expected each claim numbered once",
            id="duplicate",
        ),
        pytest.param(
            "1. T.\n1.1. Pro: -> See 1.9.\n",
            [(2, 18)],
            "'-> See 1.9.' points to no claim in this export",
            id="link-to-nothing",
        ),
        pytest.param(
            "1. T.\n1.1. Pro: -> See 1.2.\n1.2. Pro: -> See 1.1.\n",
            [(2, 18), (3, 18)],
            "'-> See 1.2.' leads round a circle of links",
            id="link-circle",
        ),
        pytest.param(
            "1. T.\n1.1. Pro: -> See there\n",
            [(2, 11)],
            "a malformed link '-> See there'; expected '-> See 1.2.3.' or "
            "'-> See discussion #123: title'",
            id="malformed-link",
        ),
        pytest.param(
            "1. T.\n1.1. Pro: -> See 1.\nmore words\n",
            [(3, 1)],
            "text after the link of 1.1.; expected the link alone on its line",
            id="text-after-link",
        ),
        pytest.param(
            "Some preamble.\n1. T.\n",
            [(1, 1)],
            "'Some preamble.' comes before the first claim; expected 'Discussion Title: ...' or "
            "a thesis such as '1. ...'",
            id="preamble",
        ),
        pytest.param("1. T.\n1.1. Con:\n", [(2, 1)], "claim 1.1. has no text", id="no-text"),
        pytest.param(
            "Discussion Title: X\n\n",
            [(1, 1)],
            "no claims: expected a thesis such as '1. ...'",
            id="empty",
        ),
    ],
)
def test_malformed_lines_are_positioned(text, where, message):
    with pytest.raises(MapLoadError) as caught:
        kialo.parse_kialo(text, "k.txt")
    findings = caught.value.findings
    assert [(f.span.path, f.span.line, f.span.column, f.code) for f in findings] == [
        ("k.txt", line, column, "AM009") for line, column in where
    ]
    assert findings[0].message == message


def test_every_malformed_line_is_reported_at_once():
    with pytest.raises(MapLoadError) as caught:
        kialo.parse_kialo("1. T.\n1.1 Pro: A.\n1.2. Maybe: B.\n1.3. Pro: -> See 1.8.\n", "k.txt")
    assert [f.span.line for f in caught.value.findings] == [2, 3, 4]


def test_read_refuses_text_that_is_not_utf8(tmp_path):
    path = tmp_path / "k.txt"
    path.write_bytes(b"1. T.\n1.1. Pro: caf\xe9.\n")
    with pytest.raises(MapLoadError) as caught:
        kialo.read(path)
    [finding] = caught.value.findings
    assert (finding.span.line, finding.span.column, finding.code) == (2, 14, "AM009")


def test_sniffing(tmp_path):
    export = tmp_path / "k.txt"
    export.write_text("\ufeffDiscussion Title: X\n\n1. T.\n", encoding="utf-8")
    prose = tmp_path / "p.txt"
    prose.write_text("Yes, it's annoying to separate your rubbish.\n")
    assert kialo.sniff(export) and not kialo.sniff(prose)
    assert not kialo.sniff(tmp_path / "missing.txt")
    assert detect(export) == "kialo"


def test_cli_import(tmp_path):
    export = tmp_path / "k.txt"
    export.write_text(textwrap.dedent(TEA).lstrip("\n"), encoding="utf-8")
    out = tmp_path / "map"
    result = CliRunner().invoke(cli, ["import", str(export), "-o", str(out)])
    assert result.exit_code == 1  # the link to discussion #42
    assert "1 thing not carried" in result.output
    assert records(load(out)) == records(kialo.read(export).map)
    bad = tmp_path / "bad.txt"
    bad.write_text("1. T.\n1.1. Pro: -> See 1.5.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(bad), "-o", str(tmp_path / "m2")])
    assert result.exit_code == 2
    assert f"{bad}:2:18: AM009 '-> See 1.5.' points to no claim in this export" in result.output


# --- the corpus file ------------------------------------------------------------------------------


def test_the_corpus_export_imports_and_round_trips(tmp_path):
    needs_corpus()
    conversion = kialo.read(EXPORT)
    amap = conversion.map
    assert len(amap.claims) == 719  # 780 numbered lines less 61 links
    assert [c.id for c in amap.claims.values() if c.kind.value == "thesis"] == ["k1"]
    assert amap.config.title == "Can Religious Faith and Science Co-exist?"
    assert sum(1 for _ in amap.reasons()) == 718 + 61
    assert amap.claims["k1"].text == "Religious Faith (Theology) and Science Can Co-exist."
    assert sorted(loss.subject or "" for loss in conversion.report.losses) == [
        "k1.7.8.10.2.6.1.1.1.3.2.4",
        "k1.8.1.1",
    ]
    multi_line = amap.claims["k1.7.8.10.2.6.1.1.2.1"].text
    assert multi_line.endswith("leads to infinity for 'Value of action'.")
    assert "\nThe value of the reward is infinite." in multi_line
    argmap_yaml.write(amap, tmp_path / "map")
    assert records(load(tmp_path / "map")) == records(amap)


def test_the_corpus_export_through_aif_and_back():
    needs_corpus()
    try:
        aif = importlib.import_module("argmap.formats.aif")
    except ImportError:
        pytest.skip("the AIF format is not there")
    amap = kialo.read(EXPORT).map
    back = aif.parse_aif(aif.generate_aif(amap)).map
    assert records(back) == records(amap)


# --- property: any tree imports and round-trips ---------------------------------------------------

WORDS = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() and not t.lstrip()[:1].isdigit() and not t.lstrip().startswith("->"))


@st.composite
def exports(draw: st.DrawFn) -> tuple[str, int, int]:
    """A Kialo export: a random tree, some of its lines links to earlier claims."""
    lines = [f"1. {draw(WORDS)}"]
    numbers = ["1"]
    children: dict[str, int] = {"1": 0}
    links = 0
    for _ in range(draw(st.integers(min_value=0, max_value=15))):
        parent = draw(st.sampled_from(numbers))
        children[parent] += 1
        number = f"{parent}.{children[parent]}"
        role = draw(st.sampled_from(["Pro", "Con"]))
        if len(numbers) > 1 and draw(st.booleans()):
            target = draw(st.sampled_from([n for n in numbers if n != parent]))
            lines.append(f"{number}. {role}: -> See {target}.")
            links += 1
            continue
        lines.append(f"{number}. {role}: {draw(WORDS)}")
        numbers.append(number)
        children[number] = 0
    return "Discussion Title: Generated\n\n" + "\n".join(lines) + "\n", len(numbers), links


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(export=exports())
def test_any_tree_imports_and_round_trips(export, tmp_path_factory):
    text, claims, _ = export
    amap = kialo.parse_kialo(text, "k.txt").map
    assert len(amap.claims) == claims
    out = tmp_path_factory.mktemp("map") / "map"
    argmap_yaml.write(amap, out)
    assert records(load(out)) == records(amap)
