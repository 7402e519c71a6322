"""`argmap.model`: the map format as pydantic models, built in Python (no YAML here)."""

from __future__ import annotations

import pickle

import pytest
from pydantic import ValidationError

from argmap.model import (
    ID_PATTERN,
    Claim,
    ClaimKind,
    Evidence,
    EvidenceKind,
    MapConfig,
    Reason,
    Source,
    Span,
    Where,
    share_fields,
)

EVIDENCE = {"id": "e1", "kind": "statistic", "summary": "S.", "reliability": "B", "credibility": 2}


def error_types(model, data) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    return [(tuple(e["loc"]), e["type"]) for e in raised.value.errors()]


@pytest.mark.parametrize(
    "value",
    ["c1", "C", "7", "a.b-c_d", "2025-07-11", "x" * 200, 42, 0],
)
def test_valid_ids(value):
    assert Claim(id=value, text="T.").id == str(value)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("a b", "string_pattern_mismatch"),
        ("-a", "string_pattern_mismatch"),
        ("_a", "string_pattern_mismatch"),
        (".a", "string_pattern_mismatch"),
        ("a:b", "string_pattern_mismatch"),  # ':' is kept for generated reason nodes
        ("a/b", "string_pattern_mismatch"),
        ("é", "string_pattern_mismatch"),
        ("", "string_pattern_mismatch"),
        (-1, "string_pattern_mismatch"),
        ("x" * 201, "string_too_long"),
        (True, "string_type"),
        (1.5, "string_type"),
        (None, "string_type"),
        (["a"], "string_type"),
    ],
)
def test_invalid_ids(value, kind):
    assert error_types(Claim, {"id": value, "text": "T."}) == [(("id",), kind)]


def test_the_id_pattern_is_the_documented_one():
    assert ID_PATTERN == r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


def test_reasons_may_be_bare_ids_or_linked_groups():
    claim = Claim.model_validate(
        {
            "id": "c",
            "text": "T.",
            "supported_by": ["e1", {"premises": ["a", "b"], "undercut_by": ["u"], "id": "r"}],
            "attacked_by": "x",
        }
    )
    assert claim.supported_by == [
        Reason(premises=["e1"]),
        Reason(id="r", premises=["a", "b"], undercut_by=["u"]),
    ]
    assert [r.linked for r in claim.supported_by] == [False, True]
    assert claim.attacked_by == [Reason(premises=["x"])]
    assert claim.kind is ClaimKind.CLAIM


@pytest.mark.parametrize(
    ("reasons", "expected"),
    [
        ([{"premises": []}], [(("supported_by", 0, "premises"), "too_short")]),
        ([{}], [(("supported_by", 0, "premises"), "missing")]),
        (
            [{"premises": ["a"], "premise": ["b"]}],
            [(("supported_by", 0, "premise"), "extra_forbidden")],
        ),
        ([42], [(("supported_by", 0), "model_type")]),
        (3, [(("supported_by",), "list_type")]),
        ([{"premises": "a"}], [(("supported_by", 0, "premises"), "list_type")]),
    ],
)
def test_invalid_reasons(reasons, expected):
    assert error_types(Claim, {"id": "c", "text": "T.", "supported_by": reasons}) == expected


def test_a_claim_needs_text():
    assert error_types(Claim, {"id": "c"}) == [(("text",), "missing")]
    assert error_types(Claim, {"id": "c", "text": ""}) == [(("text",), "string_too_short")]


def test_unknown_fields_are_refused_everywhere():
    assert error_types(Claim, {"id": "c", "text": "T.", "summary": "x"}) == [
        (("summary",), "extra_forbidden")
    ]
    assert error_types(Source, {"title": "T", "autor": "x"}) == [(("autor",), "extra_forbidden")]
    assert error_types(MapConfig, {"titel": "x"}) == [(("titel",), "extra_forbidden")]


@pytest.mark.parametrize("credibility", [1, 2, 3, 4, 5, 6])
@pytest.mark.parametrize("reliability", ["A", "B", "C", "D", "E", "F"])
def test_every_admiralty_grade(reliability, credibility):
    evidence = Evidence(**{**EVIDENCE, "reliability": reliability, "credibility": credibility})
    assert evidence.grade == f"{reliability}{credibility}"


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("credibility", 0, "literal_error"),
        ("credibility", 7, "literal_error"),
        ("credibility", "2", "literal_error"),
        # pydantic's Literal[1, ...] alone would take True as 1 ("confirmed"): refused.
        ("credibility", True, "literal_error"),
        ("credibility", False, "literal_error"),
        ("reliability", "G", "literal_error"),
        ("reliability", "b", "literal_error"),
        ("kind", "opinion", "enum"),
        ("summary", "", "string_too_short"),
    ],
)
def test_invalid_evidence(field, value, kind):
    assert error_types(Evidence, {**EVIDENCE, field: value}) == [((field,), kind)]


def test_evidence_needs_every_grade_field():
    assert error_types(Evidence, {"id": "e"}) == [
        (("kind",), "missing"),
        (("summary",), "missing"),
        (("reliability",), "missing"),
        (("credibility",), "missing"),
    ]
    assert {k.value for k in EvidenceKind} >= {"statistic", "event", "expert_opinion"}


@pytest.mark.parametrize(
    ("value", "expected"), [(2025, "2025"), ("2025-07", "2025-07"), (None, None)]
)
def test_a_source_date_is_text(value, expected):
    assert Source(title="T", date=value).date == expected


def test_a_source_is_an_id_or_a_mapping():
    assert Claim(id="c", text="T.", source="book").source == "book"
    assert Claim(id="c", text="T.", source=42).source == "42"
    assert Claim(id="c", text="T.", source={"title": "B"}).source == Source(title="B")
    assert error_types(Claim, {"id": "c", "text": "T.", "source": {"author": "Me"}})[-1] == (
        ("source", "Source", "title"),
        "missing",
    )


def test_map_config_defaults_and_settings():
    config = MapConfig.model_validate(
        {
            "title": "T",
            "source": "book",
            "sources": {"book": {"title": "B"}, 7: {"title": "Seven"}},
            "checks": {"AM201": "warning", "missing-quote": "off"},
        }
    )
    assert list(config.sources) == ["book", "7"]
    assert config.checks == {"AM201": "warning", "missing-quote": "off"}
    assert MapConfig().checks == {} and MapConfig().sources == {}


def test_a_bare_off_in_checks_means_off():
    # YAML 1.1 reads a bare `off` (and `no`, `false`) as false: as a setting it can only mean off.
    assert MapConfig(checks={"AM201": False}).checks == {"AM201": "off"}
    assert error_types(MapConfig, {"checks": {"AM201": True}}) == [
        (("checks", "AM201"), "literal_error")
    ]
    assert error_types(MapConfig, {"checks": {"AM201": "loud"}}) == [
        (("checks", "AM201"), "literal_error")
    ]
    assert error_types(MapConfig, {"checks": 3}) == [(("checks",), "dict_type")]


def test_sources_keys_are_ids():
    assert error_types(MapConfig, {"sources": {"a b": {"title": "T"}}}) == [
        (("sources", "a b", "[key]"), "string_pattern_mismatch")
    ]


def test_span_prints_as_path_line_column():
    assert str(Span("claims/c.yaml", 3, 7)) == "claims/c.yaml:3:7"


def test_where_falls_back_to_the_nearest_written_parent():
    record = Span("c.yaml", 1, 1)
    where = Where(
        record,
        {
            (0, "supported_by"): Span("c.yaml", 4, 3),
            (0, "supported_by", 1): Span("c.yaml", 5, 5),
            (0, "supported_by", 1, "premises", 0): Span("c.yaml", 5, 17),
        },
        prefix=(0,),
    )
    assert where.of("supported_by", 1, "premises", 0) == Span("c.yaml", 5, 17)
    assert where.of("supported_by", 1, "premises", 1) == Span("c.yaml", 5, 5)
    assert where.of("supported_by", 0) == Span("c.yaml", 4, 3)
    assert where.of("text") == record
    assert where.of() == record


def test_records_built_in_python_have_a_stand_in_position():
    claim = Claim(id="c", text="T.")
    assert claim.span == Span("<memory>", 1, 1)
    assert claim.where.of("text") == Span("<memory>", 1, 1)
    assert MapConfig().where.record == Span("argmap.yaml", 1, 1)


def test_shared_sets_of_given_fields_never_change_behind_a_models_back():
    one = Claim.model_validate({"id": "a", "text": "T.", "supported_by": ["b"]})
    two = Claim.model_validate({"id": "c", "text": "U.", "supported_by": ["d"]})
    share_fields(one)
    share_fields(two)
    assert one.model_fields_set is two.model_fields_set
    assert one.supported_by[0].model_fields_set is two.supported_by[0].model_fields_set
    one.note = "n."
    assert one.model_fields_set == {"id", "text", "supported_by", "note"}
    assert two.model_fields_set == {"id", "text", "supported_by"}
    copy = two.model_copy(update={"tags": ["x"]})
    assert copy.model_fields_set == {"id", "text", "supported_by", "tags"}
    assert two.model_fields_set == {"id", "text", "supported_by"}
    assert pickle.loads(pickle.dumps(two)) == two
    assert two.model_dump(exclude_unset=True) == {
        "id": "c",
        "text": "U.",
        "supported_by": [{"premises": ["d"]}],
    }


def test_positions_are_kept_with_keep_where_only() -> None:
    from argmap.model import Where, keep_where
    from argmap.span import Span

    claim = Claim(id="c", text="T.")
    with pytest.raises(AttributeError, match="keep_where"):
        claim._where = Where(Span("m.json", 2, 3))
    where = keep_where(claim, Where(Span("m.json", 2, 3)))
    assert claim.where is where and claim.where.record == Span("m.json", 2, 3)
    assert claim.model_copy().where is where
