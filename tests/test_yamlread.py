"""`argmap.yamlread`: plain data with positions from the event stream, safely and within limits."""

from __future__ import annotations

import math
import os
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import yamlread
from argmap.span import Span
from argmap.yamlread import MAX_ALIAS_EXPANSION, MAX_DEPTH, YamlProblem, line_column, parse_yaml

pytestmark = pytest.mark.usefixtures("both_yaml_readers")
"""Every test here runs with each YAML reader (tests/conftest.py)."""


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as raised:
        parse_yaml(text, "f.yaml")
    return raised.value


def where(text: str) -> tuple[str, int, int]:
    """The code, line and column of the problem that stops ``text``."""
    found = problem(text)
    return found.code, found.span.line, found.span.column


@pytest.fixture(params=["C", "Python"])
def both_parsers(request, monkeypatch):
    """Run a test with libyaml's parser and with PyYAML's own: they must agree."""
    if request.param == "Python":
        monkeypatch.setattr(yamlread, "_EventLoader", yaml.SafeLoader)
    return request.param


# --- data and positions ---------------------------------------------------------------------


def test_data_and_positions_of_every_key_and_value(both_parsers):
    doc = parse_yaml("id: c1\nsupported_by:\n  - e1\n  - premises: [a, b]\n", "c.yaml")
    assert doc.documents == [{"id": "c1", "supported_by": ["e1", {"premises": ["a", "b"]}]}]
    assert doc.positions == {
        (0,): Span("c.yaml", 1, 1),
        (0, "id"): Span("c.yaml", 1, 5),
        (0, "supported_by"): Span("c.yaml", 3, 3),
        (0, "supported_by", 0): Span("c.yaml", 3, 5),
        (0, "supported_by", 1): Span("c.yaml", 4, 5),
        (0, "supported_by", 1, "premises"): Span("c.yaml", 4, 15),
        (0, "supported_by", 1, "premises", 0): Span("c.yaml", 4, 16),
        (0, "supported_by", 1, "premises", 1): Span("c.yaml", 4, 19),
    }
    assert doc.key_positions == {
        (0, "id"): Span("c.yaml", 1, 1),
        (0, "supported_by"): Span("c.yaml", 2, 1),
        (0, "supported_by", 1, "premises"): Span("c.yaml", 4, 5),
    }
    assert doc.problems == []


@pytest.mark.parametrize(
    ("text", "value", "written"),
    [
        ("v: text\n", "text", None),
        ("v: 'yes'\n", "yes", None),
        ("v: yes\n", True, "yes"),
        ("v: Off\n", False, "Off"),
        ("v: 42\n", 42, "42"),
        ("v: 0x1F\n", 31, "0x1F"),
        ("v: 3.5\n", 3.5, "3.5"),
        ("v: ~\n", None, "~"),
        ("v:\n", None, ""),
        ("v: 2025-07-11\n", "2025-07-11", None),  # dates stay text
        ("v: 2025-07-11T10:00:00Z\n", "2025-07-11T10:00:00Z", None),
        ("v: =\n", "=", None),  # PyYAML's safe loader fails on a plain '='
        ("v: <<\n", "<<", None),  # not in key position: text
        ("v: !!str 42\n", "42", None),
        ("v: !!int '42'\n", 42, None),
        ("v: !!float 1\n", 1.0, None),
        ("v: !!bool true\n", True, None),
        ("v: !!null ''\n", None, None),
        ("v: ! 42\n", "42", None),  # the non-specific tag: text
        ("v: " + "1" * 5000 + "\n", "1" * 5000, None),  # past int()'s digit limit: text
    ],
)
def test_scalars_are_read_as_yaml_1_1_safe_load_reads_them(both_parsers, text, value, written):
    doc = parse_yaml(text, "f.yaml")
    assert doc.documents == [{"v": value}]
    assert type(doc.documents[0]["v"]) is type(value)
    assert doc.scalar_text.get((0, "v")) == written


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("1: a\n", ["1"]),
        ("true: a\nyes: b\n", ["true", "yes"]),
        ("~: a\nnull: b\n", ["~", "null"]),
        ("3.50: a\n", ["3.50"]),
        ("'quoted': a\n", ["quoted"]),
        ("!!int 7: a\n", ["7"]),
        ("2025-01-01: a\n", ["2025-01-01"]),
    ],
)
def test_keys_are_always_text_as_written(text, keys):
    [document] = parse_yaml(text, "f.yaml").documents
    assert list(document) == keys


def test_keys_as_text_keep_1_and_true_apart():
    # As data, 1 == True would make these one key; as text they are two.
    doc = parse_yaml("1: a\ntrue: b\n", "f.yaml")
    assert (doc.documents, doc.problems) == ([{"1": "a", "true": "b"}], [])


def test_crlf_and_lone_cr_line_endings_give_editor_positions(both_parsers):
    for text in ("id: c1\r\ntext: T.\r\nnote: n\r\n", "id: c1\rtext: T.\rnote: n\r"):
        doc = parse_yaml(text, "f.yaml")
        assert doc.documents == [{"id": "c1", "text": "T.", "note": "n"}]
        assert doc.positions[(0, "note")] == Span("f.yaml", 3, 7)


def test_columns_count_characters_not_bytes(both_parsers):
    doc = parse_yaml("ééé: [日本, 😀x]\n", "f.yaml")
    assert doc.positions[(0, "ééé", 1)] == Span("f.yaml", 1, 11)


def test_several_documents_each_get_their_index():
    doc = parse_yaml("id: a\n---\n- id: b\n---\n", "f.yaml")
    assert doc.documents == [{"id": "a"}, [{"id": "b"}], None]
    assert doc.positions[(1, 0, "id")] == Span("f.yaml", 3, 7)


@pytest.mark.parametrize(
    ("text", "documents"),
    [("", []), ("# only a comment\n", []), ("---\n", [None]), ("~\n", [None]), ("[]\n", [[]])],
)
def test_empty_input(text, documents):
    assert parse_yaml(text, "f.yaml").documents == documents


def test_aliases_share_their_anchor_value(both_parsers):
    doc = parse_yaml("a: &x [1, 2]\nb: *x\n&k key: v\nc: *k\n", "f.yaml")
    assert doc.documents == [{"a": [1, 2], "b": [1, 2], "key": "v", "c": "key"}]
    assert doc.positions[(0, "b")] == Span("f.yaml", 2, 4)


def test_a_scalar_alias_may_be_a_key():
    assert parse_yaml("a: &k id\n*k : c1\n", "f.yaml").documents == [{"a": "id", "id": "c1"}]


# --- merge keys -----------------------------------------------------------------------------


def test_merge_keys_follow_the_yaml_merge_spec(both_parsers):
    text = (
        "- &a {kind: claim, text: A., note: from a}\n"
        "- &b {kind: thesis, tags: [t]}\n"
        "- <<: [*a, *b]\n"
        "  text: own\n"
    )
    doc = parse_yaml(text, "f.yaml")
    # The written key wins over the merged ones; *a, earlier in the list, wins over *b.
    assert doc.documents[0][2] == {"text": "own", "kind": "claim", "note": "from a", "tags": ["t"]}
    # Merged keys are placed where the merge was written; written keys where they are.
    assert doc.positions[(0, 2, "kind")] == Span("f.yaml", 3, 7)
    assert doc.positions[(0, 2, "note")] == Span("f.yaml", 3, 7)
    assert doc.positions[(0, 2, "text")] == Span("f.yaml", 4, 9)
    assert doc.problems == []


# The examples of https://yaml.org/type/merge.html: all four give the same mapping.
MERGE_SPEC_ANCHORS = (
    "- &CENTER { x: 1, y: 2 }\n- &LEFT { x: 0, y: 2 }\n- &BIG { r: 10 }\n- &SMALL { r: 1 }\n"
)


@pytest.mark.parametrize(
    "example",
    [
        "- # Explicit keys\n  x: 1\n  y: 2\n  r: 10\n  label: center/big\n",
        "- # Merge one map\n  << : *CENTER\n  r: 10\n  label: center/big\n",
        "- # Merge multiple maps\n  << : [ *CENTER, *BIG ]\n  label: center/big\n",
        "- # Override\n  << : [ *BIG, *LEFT, *SMALL ]\n  x: 1\n  label: center/big\n",
    ],
)
def test_the_examples_of_the_merge_key_spec(both_parsers, example):
    doc = parse_yaml(MERGE_SPEC_ANCHORS + example, "f.yaml")
    assert doc.documents[0][4] == {"x": 1, "y": 2, "r": 10, "label": "center/big"}


@pytest.mark.parametrize(
    ("text", "merged"),
    [
        pytest.param(
            "- &a {name: first, only_a: 1}\n- &b {name: second, only_b: 2}\n- <<: [*a, *b]\n",
            {"name": "first", "only_a": 1, "only_b": 2},
            id="earlier-in-the-list-wins",
        ),
        pytest.param(
            "- &a {name: first}\n- &b {name: second}\n- <<: [*b, *a]\n",
            {"name": "second"},
            id="order-of-the-list-decides",
        ),
        pytest.param(
            "- &a {name: first}\n- <<: [*a, {name: inline}]\n",
            {"name": "first"},
            id="an-alias-before-an-inline-mapping",
        ),
        pytest.param(
            "- &a {name: first}\n- <<: [*a, *a]\n",
            {"name": "first"},
            id="the-same-alias-twice",
        ),
        pytest.param(
            "- &a {name: base, size: 1}\n- &b {<<: *a, name: middle}\n- {<<: *b, size: 3}\n",
            {"name": "middle", "size": 3},
            id="a-merge-of-a-merged-mapping",
        ),
        pytest.param(
            "- &a {name: first}\n- name: own\n  <<: *a\n",
            {"name": "own"},
            id="a-written-key-before-the-merge-wins-too",
        ),
    ],
)
def test_merge_key_precedence(both_parsers, text, merged):
    assert parse_yaml(text, "f.yaml").documents[0][-1] == merged


def test_merge_keys_do_not_use_pyyaml_constructor(monkeypatch):
    # PyYAML 6.0.4 changed SafeConstructor.flatten_mapping (of a merge list, the later mapping's
    # multi-character keys won); argmap merges by itself, so its result cannot change with it.
    def refuse(self, node):
        raise AssertionError("PyYAML's merge was used")

    monkeypatch.setattr(yaml.constructor.SafeConstructor, "flatten_mapping", refuse)
    text = "- &a {name: first}\n- &b {name: second}\n- <<: [*a, *b]\n"
    assert parse_yaml(text, "f.yaml").documents[0][2] == {"name": "first"}


def test_an_inline_merge_and_a_written_key_after_it():
    doc = parse_yaml("<<: {id: x, text: merged}\nid: c1\n", "f.yaml")
    assert doc.documents == [{"id": "c1", "text": "merged"}]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("a: &a 1\n<<: *a\n", "found text or a number"),
        ("<<: [{a: 1}, 2]\n", "found a list holding something other than mappings"),
        ("<<:\n", "found nothing"),
    ],
)
def test_a_merge_of_anything_but_mappings_is_refused(text, found):
    refused = problem(text)
    assert refused.code == "AM003"
    assert "the merge key << takes a mapping or a list of mappings" in refused.message
    assert found in refused.message


def test_two_merge_keys_in_one_mapping_are_a_duplicate_key():
    doc = parse_yaml("<<: {a: 1}\n<<: {b: 2}\n", "f.yaml")
    assert doc.documents == [{"a": 1}]
    assert [(p.code, p.span.line, p.span.column) for p in doc.problems] == [("AM004", 2, 1)]


# --- duplicate keys -------------------------------------------------------------------------


def test_duplicate_keys_are_all_reported_and_the_first_value_kept(both_parsers):
    text = "id: c1\ntext: T.\ntext: U.\nid: c2\ntags:\n  - {x: 1, x: 2}\n"
    doc = parse_yaml(text, "f.yaml")
    assert doc.documents == [{"id": "c1", "text": "T.", "tags": [{"x": 1}]}]
    assert [(p.code, p.span.line, p.span.column) for p in doc.problems] == [
        ("AM004", 3, 1),
        ("AM004", 4, 1),
        ("AM004", 6, 12),
    ]
    assert doc.problems[0].message == (
        "duplicate key 'text' in the same mapping (first written at line 2, column 1); YAML "
        "would silently keep only the last one: expected each key once in a mapping"
    )
    assert doc.positions[(0, "text")] == Span("f.yaml", 2, 7)


def test_a_duplicate_inside_a_dropped_duplicate_value_is_reported_too():
    doc = parse_yaml("a: 1\na:\n  b: 1\n  b: 2\n", "f.yaml")
    assert doc.documents == [{"a": 1}]
    assert [(p.span.line, p.span.column) for p in doc.problems] == [(2, 1), (4, 3)]


def test_each_duplicate_names_where_its_first_key_was_written(both_parsers):
    # Keys written after the first duplicate, inside a nested mapping, and in a list item.
    text = "- id: c1\n  a: {x: 1, y: 2}\n  id: c2\n  b: 3\n  a: 4\n  b: 5\n- {id: c3, id: c4}\n"
    doc = parse_yaml(text, "f.yaml")
    assert doc.documents == [[{"id": "c1", "a": {"x": 1, "y": 2}, "b": 3}, {"id": "c3"}]]
    assert [(p.span.line, p.span.column, p.message[:60]) for p in doc.problems] == [
        (3, 3, "duplicate key 'id' in the same mapping (first written at lin"),
        (5, 3, "duplicate key 'a' in the same mapping (first written at line"),
        (6, 3, "duplicate key 'b' in the same mapping (first written at line"),
        (7, 12, "duplicate key 'id' in the same mapping (first written at lin"),
    ]
    assert [p.message.split("(")[1].split(")")[0] for p in doc.problems] == [
        "first written at line 1, column 3",
        "first written at line 2, column 3",
        "first written at line 4, column 3",
        "first written at line 7, column 4",
    ]


def test_positions_are_made_only_when_asked_for_and_then_kept():
    doc = parse_yaml("- id: c1\n  n: 3\n- 7\n", "f.yaml")
    assert doc.records == {(0, 0): (1, 4)}
    assert doc.span((0, 0, "n")) == Span("f.yaml", 2, 6)
    assert doc.span((0, 1)) == Span("f.yaml", 3, 3)
    assert doc.span((0, 0, "missing")) is None
    assert doc.positions is doc.positions
    assert doc.scalar_text == {(0, 0, "n"): "3", (0, 1): "7"}


@pytest.mark.parametrize("size", [0xFFFE, 0xFFFF, 0x10000])
def test_positions_at_the_end_of_a_long_file(size):
    # A line or column as large as the text is long, where the table widens its numbers.
    lines = parse_yaml("\n" * (size - 2) + "a: 1\n", "f.yaml")
    assert lines.positions[(0, "a")] == Span("f.yaml", size - 1, 4)
    columns = parse_yaml("a: " + " " * (size - 5) + "1\n", "f.yaml")
    assert columns.positions[(0, "a")] == Span("f.yaml", 1, size - 1)


def test_a_stopping_problem_carries_the_duplicate_keys_found_before_it():
    stop = problem("id: c1\nid: c2\ntext: [\n")
    assert stop.code == "AM002"
    assert [(p.code, p.span.line) for p in stop.earlier] == [("AM004", 2)]


# --- unsafe YAML ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("v: !!python/object/apply:os.system ['echo hi']\n", "!!python/object/apply:os.system"),
        ("v: !!python/name:os.system\n", "!!python/name:os.system"),
        ("!!python/object:argmap.model.Claim {id: c1, text: T.}\n", "!!python/object"),
        ("v: !!python/tuple [1, 2]\n", "!!python/tuple"),
        ("v: !!binary aGVsbG8=\n", "!!binary"),
        ("v: !!set {a, b}\n", "!!set"),
        ("v: !!omap [a: 1]\n", "!!omap"),
        ("v: !custom x\n", "!custom"),
        ("!claim\nid: c1\n", "!claim"),
        ("v: !!merge x\n", "!!merge"),
        ("!!python/str k: v\n", "!!python/str"),
    ],
)
def test_object_building_and_unknown_tags_are_refused(both_parsers, text, tag):
    refused = problem(text)
    assert refused.code == "AM003"
    assert f"YAML tag {tag}" in refused.message
    assert "never builds objects" in refused.message


def test_an_object_tag_is_never_executed(tmp_path: Path, both_parsers):
    marker = tmp_path / "executed"
    text = (
        f"- !!python/object/apply:os.system ['touch {marker}']\n"
        f"- !!python/object/apply:builtins.open ['{marker}', 'w']\n"
    )
    assert where(text) == ("AM003", 1, 3)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("v: !!int abc\n", "AM003", "'abc' is not a valid !!int"),
        ("v: !!float x\n", "AM003", "'x' is not a valid !!float"),
        ("v: !!bool maybe\n", "AM003", "'maybe' is not a valid !!bool"),
        ("v: !!int ''\n", "AM003", "'' is not a valid !!int"),
        ("v: !!int 0b\n", "AM003", "'0b' is not a valid !!int"),
        ("v: !!int 1:x\n", "AM003", "'1:x' is not a valid !!int"),
        ("v: !!float ''\n", "AM003", "'' is not a valid !!float"),
    ],
)
def test_a_value_that_its_tag_cannot_read(text, code, message):
    refused = problem(text)
    assert (refused.code, refused.span) == (code, Span("f.yaml", 1, 4))
    assert message in refused.message


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("? [a, b]\n: v\n", 1, 3),
        ("? {a: 1}\n: v\n", 1, 3),
        ("a: &m {x: 1}\n*m : 2\n", 2, 1),
    ],
)
def test_a_mapping_or_list_as_a_key_is_refused(text, line, column):
    refused = problem(text)
    assert (refused.code, refused.span.line, refused.span.column) == ("AM003", line, column)
    assert "cannot be used as a key; expected a plain key" in refused.message


@pytest.mark.parametrize(
    ("text", "column"),
    [("v: *nope\n", 4), ("v: &a [1, *a]\n", 11), ("v: &a {k: *a}\n", 11)],
)
def test_an_alias_to_no_anchor_or_to_its_own_value_is_refused(both_parsers, text, column):
    refused = problem(text)
    assert (refused.code, refused.span.line, refused.span.column) == ("AM002", 1, column)
    assert "refers to no anchor: expected &" in refused.message


def billion_laughs(levels: int = 9) -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    previous = "a"
    for name in "bcdefghijklmnop"[:levels]:
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def test_aliases_may_expand_to_the_limit_and_no_further():
    # An anchor standing for 100 nodes (a list and 99 items), used n times.
    piece = "[" + ", ".join(["x"] * 99) + "]"
    uses = MAX_ALIAS_EXPANSION // 100
    ok = f"a: &a {piece}\nb: [" + ", ".join(["*a"] * uses) + "]\n"
    assert len(parse_yaml(ok, "f.yaml").documents[0]["b"]) == uses
    refused = problem(f"a: &a {piece}\nb: [" + ", ".join(["*a"] * (uses + 1)) + "]\n")
    assert refused.code == "AM003"
    assert refused.span == Span("f.yaml", 2, 5 + 4 * uses)
    assert refused.message == (
        "aliases here would expand to more than 100,000 nodes (an 'alias bomb'); expected "
        "aliases that repeat small pieces only, or if you trust this input, raise the limit "
        "with `argmap --limit alias-expansion=200000` (or ARGMAP_LIMITS=alias-expansion=200000)"
    )


def test_nesting_may_reach_the_limit_and_no_further(both_parsers):
    deepest = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    value = parse_yaml(deepest, "f.yaml").documents[0]
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == []
    refused = problem("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert (refused.code, refused.span) == ("AM003", Span("f.yaml", 1, MAX_DEPTH + 1))
    assert refused.message.startswith(
        "nesting is deeper than 64 levels; expected a map record, which needs fewer than ten, "
        "or if you trust this input, raise the limit with `argmap --limit depth=128`"
    )


@pytest.mark.parametrize(
    ("text", "span"),
    [
        pytest.param(billion_laughs(9), (5, 36), id="billion-laughs"),
        pytest.param(billion_laughs(15), (5, 36), id="quadrillion-laughs"),
        pytest.param("[" * 100_000 + "]" * 100_000, (1, 65), id="deep-flow-list"),
        pytest.param("[" * 100_000, (1, 65), id="deep-unclosed-list"),
        pytest.param("k: " + "[" * 100_000, (1, 67), id="deep-flow-list-as-a-value"),
        # A block key that finds no ':' within 1024 characters: a syntax error comes first.
        pytest.param("a:\n" + "[" * 100_000, (2, 1026), id="deep-flow-list-as-a-key"),
        pytest.param("{a: " * 100_000 + "}" * 100_000, (1, 257), id="deep-flow-mapping"),
        pytest.param("- " * 100_000 + "x\n", (1, 129), id="deep-block-list"),
        pytest.param("k: &a [*a, ", (1, 8), id="self-alias"),
    ],
)
def test_bombs_are_refused_at_once_with_bounded_memory(text, span):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        refused = problem(text)
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert (refused.span.line, refused.span.column) == span
    assert refused.code in ("AM002", "AM003")
    assert elapsed < 2.0
    assert peak < 50_000_000


class LibyamlNestingLimit(yaml.SafeLoader):
    """PyYAML's Python parser with the nesting limit of libyaml 0.2.6 (PyYAML 6.0.4's C parser):
    an error at the 1001st flow level, found while scanning up to 1024 characters ahead."""

    def fetch_flow_collection_start(self, TokenClass):
        if self.flow_level >= 1000:
            mark = self.get_mark()
            raise yaml.scanner.ScannerError(
                "while increasing flow level", mark, "exceeded maximum nesting depth", mark
            )
        super().fetch_flow_collection_start(TokenClass)


@pytest.mark.parametrize("parser", ["C", "libyaml-0.2.6-like"])
@pytest.mark.parametrize(
    ("text", "expected", "earlier"),
    [
        pytest.param("[" * 2000, ("AM003", 1, 65), [], id="deep-list"),
        pytest.param("k: " + "[" * 2000, ("AM003", 1, 67), [], id="deep-list-as-a-value"),
        pytest.param(
            "a: 1\na: 2\nb: " + "[" * 2000,
            ("AM003", 3, 67),
            [("AM004", 2, 1)],
            id="after-a-duplicate-key",
        ),
        pytest.param("a:\n" + "[" * 2000, ("AM002", 2, 1026), [], id="deep-list-as-a-key"),
    ],
)
def test_a_parser_with_a_nesting_limit_of_its_own_gives_the_same_answer(
    monkeypatch, parser, text, expected, earlier
):
    if parser != "C":
        with pytest.raises(yaml.MarkedYAMLError, match="exceeded maximum nesting depth"):
            for _ in yaml.parse(text, Loader=LibyamlNestingLimit):
                pass
        monkeypatch.setattr(yamlread, "_EventLoader", LibyamlNestingLimit)
    refused = problem(text)
    assert (refused.code, refused.span.line, refused.span.column) == expected
    assert [(p.code, p.span.line, p.span.column) for p in refused.earlier] == earlier
    monkeypatch.setattr(yamlread, "_EventLoader", yaml.SafeLoader)
    assert where(text) == expected


# --- characters, tabs and syntax ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "message"),
    [
        (
            "id: c1\ntext: é\x07x\n",
            (2, 8),
            (
                "control character U+0007 is not allowed in YAML text; expected printable "
                "characters only (delete it)"
            ),
        ),
        ("ééé: 日本 \x1b\n", (1, 9), "control character U+001B"),
        ("a: \x7f\n", (1, 4), "control character U+007F"),
        ("a: x\x00y\n", (1, 5), "NUL character: this looks like a binary file"),
        ("a\r\nb: \x0c\n", (2, 4), "control character U+000C"),
        ("a: x\ufffe\n", (1, 5), "non-character U+FFFE"),
        (
            "text: a\u2028b\nnote: n\n",
            (1, 8),
            (
                "character U+2028 (line separator) is not allowed: YAML 1.1 reads it as a line "
                "break, which silently changes the text; expected a plain space or newline in "
                "its place"
            ),
        ),
        ("quote: 'a\u2029b'\n", (1, 10), "U+2029 (paragraph separator)"),
        ("quote: a\x85b\n", (1, 9), "U+0085 (next line, NEL)"),
    ],
)
def test_characters_yaml_does_not_allow_are_refused_at_their_position(text, span, message):
    refused = problem(text)
    assert (refused.code, refused.span.line, refused.span.column) == ("AM001", *span)
    assert message in refused.message


def test_tabs_and_a_byte_order_mark_inside_text_are_fine():
    doc = parse_yaml("text:\tT.\nnote: [a,\tb]\nquote: 'x\ufeffy'\n", "f.yaml")
    assert doc.documents == [{"text": "T.", "note": ["a", "b"], "quote": "x\ufeffy"}]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("id: c1\nsupported_by:\n\t- e1\n", (3, 1)),
        ("source:\n  title: x\n\tauthor: y\n", (3, 1)),
        ("a:\n  \t- b\n", (2, 3)),
        ("-\tid: c1\n", (1, 2)),
        ("a:\n  -\tb\n", (2, 4)),
    ],
)
def test_a_tab_in_indentation_is_named_and_placed(both_parsers, text, span):
    refused = problem(text)
    assert (refused.code, refused.span.line, refused.span.column) == ("AM002", *span)
    assert refused.message == (
        "tab character in indentation; YAML indents with spaces only: expected spaces in "
        "place of the tab"
    )


@pytest.mark.parametrize(
    ("text", "span", "what"),
    [
        ("id: c1\ntext: [a, b\n", (3, 1), "did not find expected ',' or ']'"),
        ("id: c1\ntext: 'abc\n", (3, 1), "found unexpected end of stream"),
        ("id: c1\n text: x\n", (2, 6), "mapping values are not allowed in this context"),
        ("id: c1\ntext: a: b\n", (2, 8), "mapping values are not allowed in this context"),
        ("- a\nb: c\n", (2, 1), "did not find expected '-' indicator"),
        ("a: @b\n", (1, 4), "found character that cannot start any token"),
        ('a: "\\q"\n', (1, 5), "found unknown escape character"),
        ("%YAML 2.0\n---\na: 1\n", (1, 1), "found incompatible YAML document"),
    ],
)
def test_syntax_errors_say_where_and_what(text, span, what):
    refused = problem(text)
    assert (refused.code, refused.span.line, refused.span.column) == ("AM002", *span)
    assert refused.message.startswith(f"YAML syntax error: {what}")
    assert refused.message.endswith(
        "; expected valid YAML (check the indentation, quotes and colons near here)"
    )


def test_line_column_counts_every_kind_of_line_break():
    text = "a\r\nb\rc\nd"
    assert [line_column(text, text.index(c)) for c in "abcd"] == [(1, 1), (2, 1), (3, 1), (4, 1)]
    assert line_column("ab", 1) == (1, 2)


# --- properties -----------------------------------------------------------------------------

plain_data = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"))),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(st.characters(codec="ascii"), max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(plain_data)
def test_what_safe_dump_writes_reads_back_the_same(data):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if _NOT_TEXT_SAFE(text):
        return
    [document] = parse_yaml(text, "f.yaml").documents
    assert _same(document, yaml.safe_load(text))
    assert _same(document, data)


def _NOT_TEXT_SAFE(text: str) -> bool:
    # safe_dump may write characters that YAML itself refuses to read back (e.g. U+FFFE).
    return yamlread._NOT_ALLOWED.search(text) is not None


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isinf(a) and a == b)
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab:-[]{}&*!?|>'\"#%@, \t\n\r\x07\u2028é")))
def test_any_text_is_read_or_refused_with_a_position(text):
    try:
        doc = parse_yaml(text, "f.yaml")
    except YamlProblem as refused:
        lines = max(text.count("\n") + text.count("\r") + 1, 1)
        assert refused.code in ("AM001", "AM002", "AM003")
        assert 1 <= refused.span.line <= lines + 1
        assert refused.span.column >= 1
        assert refused.message
        return
    for span in doc.positions.values():
        assert span.line >= 1 and span.column >= 1


def test_an_alias_cannot_reach_an_anchor_of_an_earlier_document():
    with pytest.raises(YamlProblem) as problem:
        parse_yaml("a: &x 1\n---\nb: *x\n", "f.yaml")
    assert (problem.value.code, problem.value.span.line) == ("AM002", 3)


def test_the_c_reader_is_built_where_it_is_required() -> None:
    # .ci/run requires it, so that CI runs every loader test with both readers.
    if not os.environ.get("ARGMAP_REQUIRE_C_READER"):
        pytest.skip("ARGMAP_REQUIRE_C_READER is not set (the C reader is optional)")
    assert yamlread._fastyaml is not None, "argmap._fastyaml was not built (see setup.py)"
