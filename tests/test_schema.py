from __future__ import annotations

import json
import re
import textwrap

import pytest

from argmap.errors import MapLoadError
from argmap.load import load
from argmap.model import ID_PATTERN, ClaimKind, EvidenceKind
from argmap.schema import SCHEMA_KINDS, json_schema, json_schema_text
from argmap.yamlread import parse_yaml


def test_kinds():
    assert SCHEMA_KINDS == ("claims", "evidence", "config")


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_schema_is_draft_2020_12_with_a_title(kind):
    schema = json_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"].startswith(("argmap claims file", "argmap evidence file", "argmap.yaml"))


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_the_text_is_the_schema_as_json(kind):
    text = json_schema_text(kind)
    assert text.endswith("}\n")
    assert json.loads(text) == json_schema(kind)


def test_an_unknown_kind_names_the_kinds():
    with pytest.raises(ValueError, match="no schema kind 'rules'; expected one of: claims, evi"):
        json_schema("rules")


def test_a_claims_file_holds_a_claim_or_a_list_of_them():
    schema = json_schema("claims")
    assert schema["anyOf"] == [
        {"$ref": "#/$defs/Claim"},
        {"type": "array", "items": {"$ref": "#/$defs/Claim"}},
    ]


def test_claim_structure():
    claim = json_schema("claims")["$defs"]["Claim"]
    assert claim["required"] == ["id", "text"]
    assert claim["additionalProperties"] is False
    assert set(claim["properties"]) == {
        "id",
        "quote",
        "source",
        "locator",
        "anchor",
        "tags",
        "note",
        "kind",
        "text",
        "proof_standard",
        "supported_by",
        "attacked_by",
    }
    assert json_schema("claims")["$defs"]["ClaimKind"]["enum"] == [k.value for k in ClaimKind]
    assert claim["properties"]["text"]["minLength"] == 1


def test_ids_keep_their_pattern_and_may_be_numbers():
    claim = json_schema("claims")["$defs"]["Claim"]
    assert claim["properties"]["id"]["anyOf"] == [
        {"type": "string", "pattern": ID_PATTERN, "maxLength": 200},
        {"type": "integer", "minimum": 0},
    ]
    assert "pattern" in json_schema("config")["properties"]["sources"]["propertyNames"]


def test_reasons_may_be_bare_ids_or_premise_groups():
    schema = json_schema("claims")
    supported_by = schema["$defs"]["Claim"]["properties"]["supported_by"]
    array, single = supported_by["anyOf"]
    assert single["type"] == "string"
    assert single["pattern"] == ID_PATTERN
    assert array["items"]["anyOf"][1] == {"$ref": "#/$defs/Reason"}
    reason = schema["$defs"]["Reason"]
    assert reason["required"] == ["premises"]
    assert reason["properties"]["premises"]["minItems"] == 1
    assert set(reason["properties"]) == {"id", "premises", "undercut_by", "scheme", "note"}


def test_evidence_structure():
    schema = json_schema("evidence")
    evidence = schema["$defs"]["Evidence"]
    assert sorted(evidence["required"]) == ["credibility", "id", "kind", "reliability", "summary"]
    assert evidence["additionalProperties"] is False
    assert schema["$defs"]["EvidenceKind"]["enum"] == [k.value for k in EvidenceKind]
    assert evidence["properties"]["reliability"]["enum"] == ["A", "B", "C", "D", "E", "F"]
    assert evidence["properties"]["credibility"]["enum"] == [1, 2, 3, 4, 5, 6]


def test_config_structure():
    schema = json_schema("config")
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {
        "title",
        "question",
        "source",
        "sources",
        "hypotheses",
        "checks",
        "thresholds",
        "expect",
        "note",
    }
    severity, bare_off = schema["properties"]["checks"]["additionalProperties"]["anyOf"]
    assert severity["enum"] == ["error", "warning", "info", "off"]
    assert bare_off == {"const": False}


# --- the schema accepts exactly what the loader accepts ----------------------------------------


@pytest.fixture
def validator():
    """A validator for one kind of file (skips when the `jsonschema` package is not installed)."""
    jsonschema = pytest.importorskip("jsonschema")

    def make(kind):
        schema = json_schema(kind)
        jsonschema.Draft202012Validator.check_schema(schema)
        return jsonschema.Draft202012Validator(schema)

    return make


CLAIMS = [
    ("minimal", "id: c1\ntext: Tea is healthy.", True),
    ("a list", "- {id: c1, text: A.}\n- {id: c2, text: B.}", True),
    (
        "every field",
        """
        id: c1
        kind: thesis
        text: T.
        quote: "Tea is healthy."
        source: {title: A book, author: Me, date: 2025-07-11, url: "https://x"}
        locator: p. 4
        tags: [a, b]
        note: n
        supported_by:
          - e1
          - premises: [c2, c3]
            undercut_by: [c4]
            id: r1
            scheme: argument from analogy
            note: n
        attacked_by: [c5]
        """,
        True,
    ),
    ("a number as id", "id: 42\ntext: T.", True),
    ("a single bare reason", "id: c1\ntext: T.\nsupported_by: e1", True),
    ("a named source", "id: c1\ntext: T.\nsource: book", True),
    ("a year as date", "id: c1\ntext: T.\nsource: {title: B, date: 2025}", True),
    ("no text", "id: c1", False),
    ("empty text", "id: c1\ntext: ''", False),
    ("an unknown field", "id: c1\ntext: T.\nsupport: [e1]", False),
    ("an unknown kind", "id: c1\ntext: T.\nkind: opinion", False),
    ("an id with a space", "id: c 1\ntext: T.", False),
    ("a negative id", "id: -1\ntext: T.", False),
    ("true as id", "id: true\ntext: T.", False),
    ("a number as reason", "id: c1\ntext: T.\nsupported_by: [42]", False),
    ("no premises", "id: c1\ntext: T.\nsupported_by: [{premises: []}]", False),
    ("a bad premise id", "id: c1\ntext: T.\nsupported_by: [{premises: [a b]}]", False),
    ("a typo in a reason", "id: c1\ntext: T.\nsupported_by: [{premise: [e1]}]", False),
    ("a source without title", "id: c1\ntext: T.\nsource: {author: Me}", False),
]

EVIDENCE = [
    ("minimal", "id: e1\nkind: statistic\nsummary: S.\nreliability: B\ncredibility: 2", True),
    ("cannot be judged", "id: e1\nkind: event\nsummary: S.\nreliability: F\ncredibility: 6", True),
    ("a list", "- {id: e1, kind: example, summary: S., reliability: A, credibility: 1}", True),
    (
        "reliability G",
        "id: e1\nkind: statistic\nsummary: S.\nreliability: G\ncredibility: 2",
        False,
    ),
    (
        "credibility 7",
        "id: e1\nkind: statistic\nsummary: S.\nreliability: B\ncredibility: 7",
        False,
    ),
    (
        "credibility yes",
        "id: e1\nkind: statistic\nsummary: S.\nreliability: B\ncredibility: yes",
        False,
    ),
    (
        "credibility as text",
        "id: e1\nkind: statistic\nsummary: S.\nreliability: B\ncredibility: '2'",
        False,
    ),
    ("an unknown kind", "id: e1\nkind: rumour\nsummary: S.\nreliability: B\ncredibility: 2", False),
    ("no summary", "id: e1\nkind: statistic\nreliability: B\ncredibility: 2", False),
    ("no grades", "id: e1\nkind: statistic\nsummary: S.", False),
    ("text", "id: e1\nkind: statistic\ntext: S.\nreliability: B\ncredibility: 2", False),
]

CONFIG = [
    ("empty settings", "title: T", True),
    (
        "every setting",
        """
        title: T
        question: Q?
        source: book
        sources:
          book: {title: A book, text: sources/book.txt}
        checks: {AM201: 'off', missing-quote: warning}
        note: n
        """,
        True,
    ),
    ("a bare off", "checks: {AM201: off, AM401: no}", True),
    ("a bad severity", "checks: {AM201: loud}", False),
    ("on is not a severity", "checks: {AM201: on}", False),
    ("an unknown setting", "titel: T", False),
    ("a bad source key", "sources: {'a b': {title: B}}", False),
]


def loads(make_map, path: str, text: str) -> bool:
    files = {path: text}
    if path == "argmap.yaml":
        files["claims/c.yaml"] = "id: c\ntext: C.\n"
    try:
        load(make_map(files))
    except MapLoadError as error:
        assert {f.code for f in error.findings} <= {"AM006"}, error.findings
        return False
    return True


def data_of(text: str):
    return parse_yaml(textwrap.dedent(text), "x.yaml").documents[0]


@pytest.mark.parametrize(
    ("kind", "path", "text", "valid"),
    [("claims", "claims/c.yaml", text, valid) for _, text, valid in CLAIMS]
    + [("evidence", "evidence/e.yaml", text, valid) for _, text, valid in EVIDENCE]
    + [("config", "argmap.yaml", text, valid) for _, text, valid in CONFIG],
    ids=[f"claims: {n}" for n, _, _ in CLAIMS]
    + [f"evidence: {n}" for n, _, _ in EVIDENCE]
    + [f"config: {n}" for n, _, _ in CONFIG],
)
def test_schema_and_loader_agree(make_map, validator, kind, path, text, valid):
    assert loads(make_map, path, text) is valid
    errors = [e.message for e in validator(kind).iter_errors(data_of(text))]
    assert (errors == []) is valid, errors


def test_a_whole_map_validates(make_map, validator):
    files = {
        "argmap.yaml": "title: Tea\nsource: {title: An article}\n",
        "claims/c.yaml": """
            - id: tea
              kind: thesis
              text: Tea is healthy.
              quote: Tea is healthy.
              supported_by: [trial, {premises: [a, b], undercut_by: [c]}]
            - {id: a, text: A., kind: assumption}
            - {id: b, text: B.}
            - {id: c, text: C., kind: hypothesis}
            """,
        "evidence/e.yaml": """
            id: trial
            kind: statistic
            summary: A trial found so.
            reliability: B
            credibility: 2
            """,
    }
    load(make_map(files))
    for kind, path in [
        ("config", "argmap.yaml"),
        ("claims", "claims/c.yaml"),
        ("evidence", "evidence/e.yaml"),
    ]:
        assert list(validator(kind).iter_errors(data_of(files[path]))) == []


def test_the_id_pattern_is_the_model_s():
    assert re.fullmatch(ID_PATTERN[1:-1], "kimi-k2.release_2")
