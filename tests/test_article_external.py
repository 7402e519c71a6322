"""Evidence from outside the article (evidence/external/): kept apart, dated, attached, and timed.

The records there confirm or contest the article's facts with sources of their own. Each is
dated with ``as_of`` so that ``argmap check --as-of 2025-07-15`` (the article's time) shows what
was knowable when it was written, while plain ``argmap check`` counts what came after.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.argument_map import ArgumentMap
from argmap.checks import check
from argmap.cli import cli
from argmap.load import load
from argmap.model import Evidence, Source
from argmap.timeline import as_of, parse_date, snapshot

REPO = Path(__file__).resolve().parent.parent
ARTICLE_DAY = "2025-07-15"

COUNTER = {
    # id: (claim, how it bears on it)
    "openai-gpt-oss": ("us-trending-away", "attack"),
    "openai-whisper-large-v3": ("us-trending-away", "undercut"),
    "perplexity-r1-1776": ("us-trending-away", "undercut"),
    "meta-llama-first-release": ("trend-more-transparent", "undercut"),
    "meta-llama-4-release": ("trend-more-transparent", "undercut"),
}
CONFIRMING = {
    "moonshot-kimi-k2": {"ai-open-trend", "kimi-impressive"},
    "deepseek-r1-open-weights": {"ai-open-trend"},
    "hypersonic-test-unannounced": {"mum-on-other-tech"},
}


@pytest.fixture(scope="module")
def article_map() -> ArgumentMap:
    return load(REPO)


def external(amap: ArgumentMap) -> list[Evidence]:
    return [e for e in amap.evidence.values() if "external" in e.tags]


def test_external_evidence_lives_in_its_own_folder_and_is_tagged(article_map) -> None:
    records = external(article_map)
    assert {e.id for e in records} == {*COUNTER, *CONFIRMING}
    for record in records:
        assert record.span.path.startswith(f"{REPO.as_posix()}/evidence/external/"), record.id
    for record in article_map.evidence.values():
        in_folder = "/evidence/external/" in record.span.path
        assert in_folder == ("external" in record.tags), record.id


def test_external_evidence_is_citable_dated_graded_and_explained(article_map) -> None:
    article = article_map.config.sources["article"]
    for record in external(article_map):
        source = article_map.source_of(record)
        assert isinstance(source, Source) and source is not article, record.id
        assert source.title and source.publisher and source.date, record.id
        assert source.url and source.url.startswith("https://"), record.id
        assert record.quote and record.note, record.id
        assert record.as_of is not None
        assert not parse_date(record.as_of).after(parse_date(source.date)), record.id
        # Graded from what the sources show: none is "confirmed" (1) without a second record.
        assert record.credibility == 2, record.id


def test_counter_evidence_attacks_or_undercuts_the_claims_it_undermines(article_map) -> None:
    for record_id, (claim_id, how) in COUNTER.items():
        claim = article_map.claims[claim_id]
        if how == "attack":
            assert [record_id] in [r.premises for r in claim.attacked_by], record_id
        else:
            assert any(record_id in r.undercut_by for r in claim.supported_by), record_id


def test_confirming_evidence_supports_the_claims_it_confirms(article_map) -> None:
    for record_id, claims in CONFIRMING.items():
        supported = {
            c.id
            for c in article_map.claims.values()
            for r in c.supported_by
            if record_id in r.premises
        }
        assert supported == claims, record_id


def test_the_map_with_external_evidence_has_no_time_or_structure_findings(article_map) -> None:
    codes = {f.code for f in check(article_map)}
    assert not {c for c in codes if c.startswith(("AM1", "AM3", "AM6"))}


def test_as_of_the_articles_time_only_what_was_knowable_counts(article_map) -> None:
    moment = snapshot(article_map, ARTICLE_DAY)
    # gpt-oss (5 August 2025) came after the article; everything else was out by mid-July 2025.
    assert moment.later == {"openai-gpt-oss": parse_date("2025-08-05")}
    assert (moment.undated, moment.superseded) == ([], {})
    then = moment.map
    assert "openai-gpt-oss" not in then.evidence
    assert {e.id for e in external(then)} == {*COUNTER, *CONFIRMING} - {"openai-gpt-oss"}
    assert then.claims["us-trending-away"].attacked_by == []
    assert [r.premises for r in article_map.claims["us-trending-away"].attacked_by] == [
        ["openai-gpt-oss"]
    ]


def test_check_counts_gpt_oss_and_check_as_of_the_articles_time_does_not(article_map) -> None:
    def contested(amap: ArgumentMap) -> list[str]:
        return [f.message for f in check(amap, select=["AM205"]) if f.subject == "us-trending-away"]

    expected = (
        "claim 'us-trending-away' is attacked by 'openai-gpt-oss', and nothing answers the "
        "attack; expected an undercut, a counter-attack or stronger support"
    )
    assert contested(article_map) == [expected]
    assert contested(as_of(article_map, ARTICLE_DAY)) == []


def test_the_command_line_shows_the_same_difference() -> None:
    runner = CliRunner()
    now = runner.invoke(cli, ["check", str(REPO), "--select", "AM205"])
    then = runner.invoke(cli, ["check", str(REPO), "--select", "AM205", "--as-of", ARTICLE_DAY])
    assert (now.exit_code, then.exit_code) == (0, 0)
    attacked = "AM205 claim 'us-trending-away' is attacked by 'openai-gpt-oss'"
    assert attacked in now.stdout
    assert attacked not in then.stdout
    assert then.stderr.endswith(
        f"argmap: as of {ARTICLE_DAY}: 1 evidence record dated later left out\n"
    )


def test_before_the_article_only_the_outside_record_counts(article_map) -> None:
    # The article's own evidence is dated by its source, July 2025: as of June it did not exist.
    then = as_of(article_map, "2025-06-30")
    assert {e.id for e in then.evidence.values()} == {
        e.id
        for e in article_map.evidence.values()
        if "external" in e.tags or e.source == "mit-technology-review-2024"
    } - {"openai-gpt-oss", "moonshot-kimi-k2"}


def test_the_article_example_in_docs_time_md_is_what_argmap_prints(monkeypatch) -> None:
    text = (REPO / "docs" / "time.md").read_text(encoding="utf-8")
    [session] = [block for block in text.split("```console\n")[1:] if "--select AM205" in block]
    session = session.split("```")[0]
    commands = session.split("$ argmap ")[1:]
    assert len(commands) == 2
    monkeypatch.chdir(REPO)
    for command in commands:
        line, *shown = command.rstrip("\n").split("\n")
        result = CliRunner().invoke(cli, line.split())
        assert result.stdout.splitlines() + result.stderr.splitlines() == shown, line
