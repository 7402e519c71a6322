"""`argmap.timeline`: dates, superseding, the map as of a day, and `--as-of` on the command line."""

from __future__ import annotations

import datetime

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.argument_map import ArgumentMap
from argmap.checks import check
from argmap.cli import cli
from argmap.load import load
from argmap.model import Claim, Evidence, MapConfig, Source
from argmap.support import Status, analyze_support
from argmap.timeline import (
    DateError,
    Period,
    TimelineError,
    as_of,
    evidence_date,
    has_date,
    parse_date,
    snapshot,
)

D = datetime.date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        pytest.param("2025", D(2025, 1, 1), D(2025, 12, 31), id="year"),
        pytest.param("2025-07", D(2025, 7, 1), D(2025, 7, 31), id="month"),
        pytest.param("2024-02", D(2024, 2, 1), D(2024, 2, 29), id="leap-february"),
        pytest.param("2025-07-15", D(2025, 7, 15), D(2025, 7, 15), id="day"),
        pytest.param(" 2025-07-15 ", D(2025, 7, 15), D(2025, 7, 15), id="spaces-around"),
    ],
)
def test_a_date_names_the_days_of_its_period(text, start, end):
    assert parse_date(text) == Period(start, end, text.strip())


def test_python_dates_and_periods_pass_through():
    assert parse_date(D(2025, 7, 15)) == Period(D(2025, 7, 15), D(2025, 7, 15), "2025-07-15")
    period = parse_date("2025")
    assert parse_date(period) is period


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "July 2025",
            "'July 2025' is not an ISO 8601 date; expected YYYY, YYYY-MM or YYYY-MM-DD "
            "(for example 2025-07-15)",
            id="words",
        ),
        pytest.param(
            "2025-7-1",
            "'2025-7-1' is not an ISO 8601 date; write months and days with two digits "
            "(2025-07-01)",
            id="one-digit-month",
        ),
        pytest.param(
            "2025-07-11T10:00:00",
            "'2025-07-11T10:00:00' is not an ISO 8601 date; write the day without a time "
            "(2025-07-11)",
            id="with-time",
        ),
        pytest.param(
            "2025-13",
            "'2025-13' is not a date: month 13 does not exist (months are 01-12); expected "
            "YYYY, YYYY-MM or YYYY-MM-DD",
            id="month-13",
        ),
        pytest.param(
            "2025-02-29",
            "'2025-02-29' is not a date: February 2025 has 28 days; expected YYYY, YYYY-MM or "
            "YYYY-MM-DD",
            id="not-a-leap-year",
        ),
        pytest.param(
            "0000",
            "'0000' is not a date: there is no year 0; expected YYYY, YYYY-MM or YYYY-MM-DD",
            id="year-zero",
        ),
        pytest.param(
            "",
            "'' is not an ISO 8601 date; expected YYYY, YYYY-MM or YYYY-MM-DD "
            "(for example 2025-07-15)",
            id="empty",
        ),
    ],
)
def test_a_bad_date_says_what_is_wrong_and_what_was_expected(text, message):
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("evidence", "day", "counts"),
    [
        ("2025-07", "2025-07-15", True),  # July may have started before the 15th
        ("2025-07", "2025-06-30", False),
        ("2025-07-20", "2025-07", True),  # as of July 2025 means by the end of July
        ("2025-08-05", "2025-07-15", False),
        ("2024", "2024-01-01", True),
        ("2025-01-01", "2024", False),
        ("2025-07-15", "2025-07-15", True),  # on the day itself
    ],
)
def test_evidence_counts_when_its_period_starts_by_the_end_of_the_day_asked(evidence, day, counts):
    assert parse_date(evidence).counts_by(parse_date(day)) is counts


def release(record_id: str, date: str | None = None, **fields) -> Evidence:
    return Evidence(
        id=record_id,
        kind="event",
        summary="A release.",
        reliability="B",
        credibility=2,
        as_of=date,
        **fields,
    )


def test_the_date_is_as_of_then_the_records_source_then_a_named_source_then_the_default():
    config_map = ArgumentMap(
        evidence=[
            release("own", "2024-05", source=Source(title="T", date="2020")),
            release("inline", source=Source(title="T", date="2021-03")),
            release("named", source="paper"),
            release("default"),
        ],
        config=MapConfig(
            source="article",
            sources={
                "paper": Source(title="Paper", date="2022"),
                "article": Source(title="Article", date="2025-07"),
            },
        ),
    )
    dates = {e.id: evidence_date(config_map, e) for e in config_map.evidence.values()}
    assert {k: (v.text, v.origin) for k, v in dates.items() if v} == {
        "own": ("2024-05", "as_of"),
        "inline": ("2021-03", "source"),
        "named": ("2022", "sources.paper"),
        "default": ("2025-07", "sources.article"),
    }
    undated = ArgumentMap(evidence=[release("e1", source=Source(title="No date"))])
    assert evidence_date(undated, undated.evidence["e1"]) is None
    for amap in (config_map, undated):
        for e in amap.evidence.values():
            assert has_date(amap, e) is (evidence_date(amap, e) is not None)
    unnamed = ArgumentMap(evidence=[release("a"), release("b", source="nowhere")])
    assert [has_date(unnamed, e) for e in unnamed.evidence.values()] == [False, False]


@given(
    as_of_date=st.none() | st.just("2024-05"),
    own=st.none() | st.sampled_from(["paper", "missing", "inline dated", "inline undated"]),
    default=st.none() | st.sampled_from(["paper", "undated", "missing"]),
)
def test_has_date_says_whether_evidence_date_finds_a_date(as_of_date, own, default):
    sources = {"paper": Source(title="Paper", date="2022"), "undated": Source(title="U")}
    inline = {"inline dated": Source(title="I", date="2021"), "inline undated": Source(title="I")}
    source = inline.get(own, own) if own is not None else None
    amap = ArgumentMap(
        evidence=[release("e", as_of_date, source=source)],
        config=MapConfig(source=default, sources=sources),
    )
    evidence = amap.evidence["e"]
    assert has_date(amap, evidence) == (evidence_date(amap, evidence) is not None)


TWO_RELEASES = {
    "claims/c.yaml": """
    id: open
    text: Labs release open models.
    quote: Labs release open models.
    supported_by:
      - r2024
      - r2026
    """,
    "evidence/e.yaml": """
    - {id: r2024, kind: event, summary: A 2024 release., reliability: B, credibility: 2, as_of: 2024-05-01, source: {title: Notes 2024}}
    - {id: r2026, kind: event, summary: A 2026 release., reliability: B, credibility: 2, as_of: 2026-02, source: {title: Notes 2026}}
    """,
}


def test_evidence_dated_later_is_left_out_with_the_reasons_resting_on_it(make_map):
    amap = load(make_map(TWO_RELEASES))
    moment = snapshot(amap, "2025-01-01")
    assert sorted(moment.map.evidence) == ["r2024"]
    assert [r.premises for r in moment.map.claims["open"].supported_by] == [["r2024"]]
    assert moment.later == {"r2026": parse_date("2026-02")}
    assert (moment.undated, moment.superseded, moment.reasons_removed) == ([], {}, 1)
    assert moment.describe() == "as of 2025-01-01: 1 evidence record dated later left out"
    # The original map is untouched.
    assert [r.premises for r in amap.claims["open"].supported_by] == [["r2024"], ["r2026"]]
    assert sorted(amap.evidence) == ["r2024", "r2026"]


def test_a_claim_whose_only_evidence_is_later_becomes_unsupported(make_map):
    amap = load(make_map(TWO_RELEASES))
    assert analyze_support(as_of(amap, "2023")).status["open"] is Status.UNSUPPORTED
    assert analyze_support(as_of(amap, "2024-05")).status["open"] is Status.SUPPORTED
    rows = [(f.code, f.span.line, f.subject) for f in check(as_of(amap, "2023"), select=["AM2"])]
    assert rows == [("AM201", 2, "open")]
    assert check(amap) == []


def test_a_linked_reason_is_removed_whole_when_one_premise_is_later(make_map):
    files = {
        "claims/c.yaml": """
        id: c1
        text: Both releases together show a trend.
        supported_by:
          - premises: [r2024, r2026]
        """,
        "evidence/e.yaml": TWO_RELEASES["evidence/e.yaml"],
    }
    claim = as_of(load(make_map(files)), "2025").claims["c1"]
    assert claim.supported_by == []


def test_a_later_undercutter_undercuts_nothing_yet_and_positions_follow_the_reasons(make_map):
    files = {
        "claims/c.yaml": """
        id: c1
        text: T.
        supported_by:
          - r2026
          - premises: [r2024]
            undercut_by: [u2026, u2024]
        attacked_by:
          - u2026
          - u2024
        """,
        "evidence/e.yaml": TWO_RELEASES["evidence/e.yaml"]
        + """
    - {id: u2024, kind: event, summary: U., reliability: B, credibility: 2, as_of: 2024}
    - {id: u2026, kind: event, summary: U., reliability: B, credibility: 2, as_of: 2026}
    """,
    }
    original = load(make_map(files))
    claim = as_of(original, "2025-06").claims["c1"]
    [reason] = claim.supported_by
    assert (reason.premises, reason.undercut_by) == (["r2024"], ["u2024"])
    assert [r.premises for r in claim.attacked_by] == [["u2024"]]
    old = original.claims["c1"].where
    # Reason 0 now is the one written second; its undercutter 0 was written second in its list.
    assert claim.where.of("supported_by", 0) == old.of("supported_by", 1)
    assert claim.where.of("supported_by", 0, "undercut_by", 0) == old.of(
        "supported_by", 1, "undercut_by", 1
    )
    assert claim.where.of("attacked_by", 0, "premises", 0) == old.of(
        "attacked_by", 1, "premises", 0
    )
    assert claim.where.of("text") == old.of("text")
    assert claim.span == original.claims["c1"].span


def test_findings_as_of_a_date_point_at_the_lines_where_things_are_written(make_map, monkeypatch):
    files = {
        "claims/c.yaml": """
        id: c1
        text: T.
        quote: T.
        supported_by:
          - r2026
          - nowhere
        """,
        "evidence/e.yaml": TWO_RELEASES["evidence/e.yaml"],
    }
    monkeypatch.chdir(make_map(files))
    amap = load(".")
    [now] = [(f.span.line, f.span.column) for f in check(amap, select=["AM101"])]
    [then] = [(f.span.line, f.span.column) for f in check(as_of(amap, "2025"), select=["AM101"])]
    assert now == then == (7, 5)


def test_undated_evidence_does_not_count(make_map):
    files = {
        "claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [dated, undated]\n",
        "evidence/e.yaml": """
        - {id: dated, kind: event, summary: S., reliability: B, credibility: 2, as_of: 2020}
        - {id: undated, kind: event, summary: S., reliability: B, credibility: 2, source: {title: T}}
        """,
    }
    moment = snapshot(load(make_map(files)), "2030")
    assert sorted(moment.map.evidence) == ["dated"]
    assert moment.undated == ["undated"]
    assert moment.describe() == "as of 2030: 1 evidence record undated left out"


SUPERSEDING = """
- {id: v1, kind: statistic, summary: 40%., reliability: B, credibility: 2, as_of: 2023, superseded_by: v2}
- {id: v2, kind: statistic, summary: 50%., reliability: B, credibility: 2, as_of: 2024, superseded_by: v3}
- {id: v3, kind: statistic, summary: 60%., reliability: B, credibility: 2, as_of: 2025}
"""


@pytest.mark.parametrize(
    ("day", "kept", "superseded"),
    [
        pytest.param("2022", [], {}, id="before-any"),
        pytest.param("2023-06", ["v1"], {}, id="only-the-first"),
        pytest.param("2024", ["v2"], {"v1": "v2"}, id="second-replaces-first"),
        pytest.param("2025", ["v3"], {"v1": "v2", "v2": "v3"}, id="third-replaces-both"),
    ],
)
def test_a_superseding_chain_keeps_only_the_newest_record_that_counts(
    make_map, day, kept, superseded
):
    files = {
        "claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [v1, v2, v3]\n",
        "evidence/e.yaml": SUPERSEDING,
    }
    moment = snapshot(load(make_map(files)), day)
    assert sorted(moment.map.evidence) == kept
    assert moment.superseded == superseded
    assert [r.premises[0] for r in moment.map.claims["c1"].supported_by] == kept


def test_a_chain_is_followed_past_a_record_that_does_not_count_yet(make_map):
    # v1 -> v2 -> v3, but v2 is dated after v3: as of 2025 v3 counts and replaces v1 anyway.
    evidence = SUPERSEDING.replace("as_of: 2024", "as_of: 2027")
    files = {"claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [v1]\n", "evidence/e.yaml": evidence}
    moment = snapshot(load(make_map(files)), "2025")
    assert sorted(moment.map.evidence) == ["v3"]
    assert moment.superseded == {"v1": "v3"}
    assert moment.why_left_out("v1") == "'v1' does not count as of 2025: it is superseded by 'v3'"
    assert moment.why_left_out("v2") == "'v2' does not count as of 2025: it is dated 2027"
    assert moment.why_left_out("v3") is None
    assert moment.describe() == (
        "as of 2025: 1 evidence record dated later and 1 evidence record superseded left out"
    )


def test_a_successor_that_is_no_evidence_record_replaces_nothing(make_map):
    files = {
        "claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [e1, e2, e3]\n",
        "evidence/e.yaml": """
        - {id: e1, kind: event, summary: S., reliability: B, credibility: 2, as_of: 2020, superseded_by: nobody}
        - {id: e2, kind: event, summary: S., reliability: B, credibility: 2, as_of: 2020, superseded_by: c1}
        - {id: e3, kind: event, summary: S., reliability: B, credibility: 2, as_of: 2020, superseded_by: e3}
        """,
    }
    moment = snapshot(load(make_map(files)), "2021")
    assert sorted(moment.map.evidence) == ["e1", "e2", "e3"]
    assert moment.describe() == "as of 2021: all evidence counts"


def test_a_bad_date_in_the_map_stops_an_as_of_evaluation_with_its_position(make_map, monkeypatch):
    files = {
        "claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [e1]\n",
        "evidence/e.yaml": """
        id: e1
        kind: event
        summary: S.
        reliability: B
        credibility: 2
        as_of: 2025-02-30
        """,
    }
    monkeypatch.chdir(make_map(files))
    with pytest.raises(TimelineError) as caught:
        as_of(load("."), "2025")
    [finding] = caught.value.findings
    assert (finding.span.path, finding.span.line, finding.span.column, finding.code) == (
        "evidence/e.yaml",
        7,
        8,
        "AM601",
    )
    assert str(caught.value) == (
        "cannot evaluate the map as of a date: evidence/e.yaml:7:8: AM601 as_of of 'e1': "
        "'2025-02-30' is not a date: February 2025 has 28 days; expected YYYY, YYYY-MM or "
        "YYYY-MM-DD [e1]; run `argmap check` without --as-of to see every problem"
    )


def test_a_superseding_cycle_stops_an_as_of_evaluation(make_map):
    files = {
        "claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [a]\n",
        "evidence/e.yaml": """
        - {id: a, kind: event, summary: S., reliability: B, credibility: 2, as_of: 2020, superseded_by: b}
        - {id: b, kind: event, summary: S., reliability: B, credibility: 2, as_of: 2020, superseded_by: a}
        """,
    }
    with pytest.raises(TimelineError) as caught:
        as_of(load(make_map(files)), "2021")
    assert [(f.code, f.subject) for f in caught.value.findings] == [("AM603", "a")]


def test_a_bad_day_asked_for_is_a_date_error():
    with pytest.raises(DateError):
        as_of(ArgumentMap(), "yesterday")


def test_the_map_as_of_a_date_is_titled_so_and_keeps_its_root_and_sources(make_map):
    amap = load(make_map({**TWO_RELEASES, "argmap.yaml": "title: Releases\n"}))
    then = as_of(amap, "2025-01-01")
    assert then.title == "Releases (as of 2025-01-01)"
    assert (then.root, then.config.sources) == (amap.root, amap.config.sources)


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(dates, st.sampled_from(["day", "month", "year"])), max_size=8),
    dates,
    dates,
)
def test_what_counts_only_grows_with_the_date_when_nothing_is_superseded(records, first, second):
    def text(day: datetime.date, precision: str) -> str:
        return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[
            precision
        ]

    evidence = [release(f"e{i}", text(day, p)) for i, (day, p) in enumerate(records)]
    claim = Claim(id="c", text="T.", supported_by=[e.id for e in evidence])
    amap = ArgumentMap(claims=[claim], evidence=evidence)
    early, late = sorted([first, second])
    then, later = as_of(amap, early), as_of(amap, late)
    assert set(then.evidence) <= set(later.evidence)
    assert [r.premises[0] for r in later.claims["c"].supported_by] == list(later.evidence)
    # Far enough ahead, everything dated counts and the map is the map as written.
    assert set(as_of(amap, "9999").evidence) == set(amap.evidence)


# The command line.


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_check_as_of_differs_from_check(make_map):
    root = str(make_map(TWO_RELEASES))
    now = invoke("check", root)
    assert now.exit_code == 0
    assert now.stderr == "argmap: no findings in 3 records\n"
    then = invoke("check", root, "--as-of", "2025-01-01")
    assert then.exit_code == 0
    assert then.stderr == (
        "argmap: no findings in 2 records\n"
        "argmap: as of 2025-01-01: 1 evidence record dated later left out\n"
    )
    before = invoke("check", root, "--as-of", "2023")
    assert before.exit_code == 1
    assert "AM201 claim 'open' rests on nothing" in before.stdout


@pytest.mark.parametrize(
    ("command", "value"),
    [
        (["check"], "2025-13-01"),
        (["check"], "last week"),
        (["show", "open"], "2025-02-30"),
        (["render", "-o", "out.dot"], "2025-7"),
    ],
)
def test_a_bad_as_of_date_is_bad_usage(make_map, command, value):
    root = str(make_map(TWO_RELEASES))
    result = invoke(*command, root, "--as-of", value)
    assert result.exit_code == 2
    assert f"Invalid value for '--as-of': {parse_error(value)}" in result.stderr


def parse_error(value: str) -> str:
    with pytest.raises(DateError) as caught:
        parse_date(value)
    return str(caught.value)


def test_a_bad_date_in_the_map_under_as_of_exits_2_naming_it(make_map):
    files = {**TWO_RELEASES, "evidence/bad.yaml": "id: b\nkind: event\nsummary: S.\n"}
    files["evidence/bad.yaml"] += "reliability: B\ncredibility: 2\nas_of: soon\n"
    files["claims/c.yaml"] = TWO_RELEASES["claims/c.yaml"] + "  - b\n"
    root = make_map(files)
    result = invoke("check", str(root), "--as-of", "2025")
    assert result.exit_code == 2
    assert "AM601 as_of of 'b': 'soon' is not an ISO 8601 date" in result.stderr
    assert invoke("check", str(root), "-q").exit_code == 1  # without --as-of: an error finding


def test_show_as_of_a_date_explains_a_record_that_does_not_count_yet(make_map):
    root = str(make_map(TWO_RELEASES))
    result = invoke("show", "r2026", root, "--as-of", "2025")
    assert result.exit_code == 2
    assert "Error: 'r2026' does not count as of 2025: it is dated 2026-02" in result.stderr
    tree = invoke("show", "open", root, "--as-of", "2025")
    assert tree.exit_code == 0
    assert "r2024" in tree.stdout
    assert "r2026" not in tree.stdout


def test_render_as_of_a_date_draws_the_map_as_it_stood(make_map, tmp_path):
    root = str(make_map({**TWO_RELEASES, "argmap.yaml": "title: Releases\n"}))
    out = tmp_path / "then.dot"
    result = invoke("render", root, "-o", str(out), "--as-of", "2025")
    assert result.exit_code == 0, result.output
    dot = out.read_text(encoding="utf-8")
    assert "Releases (as of 2025)" in dot
    assert "r2024" in dot
    assert "r2026" not in dot
