"""`argmap grade`: alignment, the four parts, feedback, batch mode and the CLI."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.argument_map import ArgumentMap
from argmap.cli import cli
from argmap.grade import (
    TEXT_THRESHOLD,
    WEIGHTS,
    Match,
    align,
    grade,
    jaccard,
    key_claims,
    main_reasons,
    text_similarity,
    triples,
)
from argmap.load import load
from argmap.model import Claim, Evidence, Reason

REPO = Path(__file__).resolve().parent.parent
STUDENTS = REPO / "tests" / "fixtures" / "student-maps"


@cache
def article() -> ArgumentMap:
    return load(REPO)


def _renamed(record_id: str) -> str:
    return f"s-{record_id}"


def student_copy(
    reference: ArgumentMap,
    drop_reason: tuple[str, str, int] | None = None,
    drop_claim: str | None = None,
) -> ArgumentMap:
    """A copy of ``reference`` with every id renamed, less one reason or one claim."""

    def reasons(claim: Claim, field: str) -> list[Reason]:
        kept = []
        for index, reason in enumerate(getattr(claim, field)):
            if drop_reason == (claim.id, field, index) or drop_claim in reason.premises:
                continue
            kept.append(
                reason.model_copy(
                    update={
                        "id": None,
                        "premises": [_renamed(p) for p in reason.premises],
                        "undercut_by": [_renamed(u) for u in reason.undercut_by if u != drop_claim],
                    }
                )
            )
        return kept

    claims = [
        c.model_copy(
            update={
                "id": _renamed(c.id),
                "supported_by": reasons(c, "supported_by"),
                "attacked_by": reasons(c, "attacked_by"),
            }
        )
        for c in reference.claims.values()
        if c.id != drop_claim
    ]
    evidence = [e.model_copy(update={"id": _renamed(e.id)}) for e in reference.evidence.values()]
    return ArgumentMap(
        claims=claims, evidence=evidence, config=reference.config, root=reference.root
    )


def scores(student: ArgumentMap) -> dict[str, float]:
    return {name: part.score for name, part in grade(student, article()).parts.items()}


def triples_back(student: ArgumentMap, table: str) -> set[tuple[str, str, str]]:
    found = {(p[2:], c[2:], r) for p, c, r in triples(student)}
    return {t for t in found if t[0] in getattr(article(), table)}


def reference_triples(table: str) -> set[tuple[str, str, str]]:
    return {t for t in triples(article()) if t[0] in getattr(article(), table)}


# --- the article against itself ------------------------------------------------------------------


def test_identical_maps_score_one_with_nothing_to_say() -> None:
    result = grade(article(), load(REPO))
    assert result.score == 1.0
    assert {name: part.score for name, part in result.parts.items()} == dict.fromkeys(WEIGHTS, 1.0)
    assert (result.missing, result.extra, result.feedback) == ([], [], [])
    assert all(m.student == m.reference for m in result.alignment)
    assert len(result.alignment) == len(article().claims) + len(article().evidence)


def test_renamed_copy_aligns_by_quote_or_text_not_ids() -> None:
    result = grade(student_copy(article()), article())
    assert result.score == 1.0
    assert {(m.student, m.reference) for m in result.alignment} == {
        (_renamed(r), r) for r in [*article().claims, *article().evidence]
    }
    by = {m.reference: m.by for m in result.alignment}
    assert by["strategic-play"] == "quote"
    assert by["state-decides"] == "text"  # an assumption: no quote to place


# --- damage lowers exactly the parts it belongs to -------------------------------------------


def _reasons_where(premise_table: str) -> list[tuple[str, str, int]]:
    amap = article()
    table = getattr(amap, premise_table)
    return [
        (claim.id, field, index)
        for claim in amap.claims.values()
        for field in ("supported_by", "attacked_by")
        for index, reason in enumerate(getattr(claim, field))
        if all(p in table for p in reason.premises + reason.undercut_by)
    ]


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_dropping_a_relation_between_claims_lowers_only_relations(data: st.DataObject) -> None:
    where = data.draw(st.sampled_from(_reasons_where("claims")))
    student = student_copy(article(), drop_reason=where)
    got = scores(student)
    changed = triples_back(student, "claims") != reference_triples("claims")
    assert changed
    assert got["relations"] < 1.0
    assert (got["thesis"], got["unsupported"], got["evidence"]) == (1.0, 1.0, 1.0)


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_dropping_an_evidence_link_lowers_only_evidence(data: st.DataObject) -> None:
    where = data.draw(st.sampled_from(_reasons_where("evidence")))
    student = student_copy(article(), drop_reason=where)
    got = scores(student)
    assert got["evidence"] < 1.0
    assert (got["thesis"], got["relations"], got["unsupported"]) == (1.0, 1.0, 1.0)


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(sorted(load(REPO).claims)))
def test_dropping_a_claim_lowers_the_parts_it_belongs_to(claim_id: str) -> None:
    student = student_copy(article(), drop_claim=claim_id)
    result = grade(student, article())
    got = {name: part.score for name, part in result.parts.items()}
    key = claim_id in main_reasons(article()) or article().claims[claim_id].kind.value == "thesis"
    assert (got["thesis"] < 1.0) == key
    assert (got["relations"] < 1.0) == (
        triples_back(student, "claims") != reference_triples("claims")
    )
    assert (got["evidence"] < 1.0) == (
        triples_back(student, "evidence") != reference_triples("evidence")
    )
    assert got["unsupported"] == 1.0
    assert {"kind": "claim", "id": claim_id} in [
        {"kind": m["kind"], "id": m.get("id")} for m in result.missing
    ]


# --- alignment ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 10), (0, 10), 1.0),
        ((0, 10), (5, 15), 1 / 3),
        ((0, 10), (10, 20), 0.0),
        ((3, 3), (3, 3), 1.0),
    ],
)
def test_jaccard(a: tuple[int, int], b: tuple[int, int], expected: float) -> None:
    assert jaccard(a, b) == pytest.approx(expected)


def test_align_is_one_to_one_quote_first_then_best_text() -> None:
    student = {"x": "Tea is healthy.", "y": "Tea is very healthy indeed.", "z": "Cats purr."}
    reference = {"r1": "Tea is healthy.", "r2": "Dogs bark loudly at night."}
    matches = align(student, reference, {"z": (0, 10)}, {"r2": (2, 10)})
    assert matches == [Match("x", "r1", "text", 1.0), Match("z", "r2", "quote", 0.8)]


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("Tea is healthy.", "tea is  HEALTHY.", True),
        ("Open-source AI speeds up commercialization.", "Open-source AI speeds it up.", False),
        ("Tea is healthy.", "Coffee is bitter.", False),
    ],
)
def test_text_similarity_threshold(a: str, b: str, alike: bool) -> None:
    assert (text_similarity(a, b) >= TEXT_THRESHOLD) == alike


def test_key_claims_are_theses_hypotheses_then_most_related() -> None:
    keys = key_claims(article())
    assert keys[:5] == [
        "strategic-play",
        "misdirection",
        "cloud-market-share",
        "faster-commercialization",
        "trust-gap-motive",
    ]
    assert len(keys) == 8


# --- the fixtures --------------------------------------------------------------------------------


@cache
def fixture_grade(name: str) -> dict[str, object]:
    return grade(load(STUDENTS / name), article()).to_dict()


def _part(name: str, part: str) -> float:
    parts = fixture_grade(name)["parts"]
    assert isinstance(parts, dict)
    return float(parts[part]["score"])


def test_near_perfect_copy_finds_thesis_and_all_but_the_added_assumption() -> None:
    assert _part("alice", "thesis") == 0.9375  # (1 + 7/8) / 2: state-decides is not in the text
    assert _part("alice", "unsupported") == 1.0
    assert fixture_grade("alice")["extra"] == []
    alignment = fixture_grade("alice")["alignment"]
    assert isinstance(alignment, list)
    assert {(m["student"], m["reference"], m["by"]) for m in alignment} >= {
        ("t1", "strategic-play", "quote"),
        ("mit", "mit-tr-report", "quote"),
    }


def test_missing_the_misdirection_hypothesis() -> None:
    assert _part("bob", "thesis") == 0.875
    assert _part("bob", "relations") < _part("alice", "relations")
    feedback = fixture_grade("bob")["feedback"]
    assert isinstance(feedback, list)
    assert (
        "You missed the reference's main reason 'China's open-sourcing of AI may be a "
        "misdirection: a show of openness that buil…' (quoted at line 23)." in feedback
    )


def test_unsupported_claim_treated_as_backed_by_evidence() -> None:
    assert _part("carol", "unsupported") == 0.6
    assert _part("carol", "evidence") < _part("alice", "evidence")
    feedback = fixture_grade("carol")["feedback"]
    assert isinstance(feedback, list)
    treated = [f for f in feedback if f.startswith("You treated 'There are deeper tactics")]
    assert treated == [
        (
            "You treated 'There are deeper tactics at play.' as supported by 'A 2024 MIT Technology "
            "Review article concluded that Chinese companies open-sour…', but that evidence only "
            'says "The article reports that a 2024 MIT Technology Review article concluded that '
            "Chinese companies open-source AI to gain cloud market share and to commercialize "
            'faster". In the reference nothing in the article backs it with evidence: the '
            "article only asserts it."
        )
    ]


def test_wrong_relations_and_unmarked_thesis() -> None:
    result = fixture_grade("dave")
    assert _part("dave", "thesis") == pytest.approx((0 + 5 / 8) / 2)
    assert result["parts"]["relations"]["precision"] == 0.25  # type: ignore[index]
    assert result["extra"] == [
        {"kind": "relation", "triple": ["economic", "cloud", "supports"]},
        {"kind": "relation", "triple": ["economic", "commercialization", "supports"]},
        {"kind": "relation", "triple": ["misdirection", "main", "attacks"]},
    ]
    feedback = result["feedback"]
    assert isinstance(feedback, list)
    assert (
        "Your claim 'China open-sources its AI as a strategic play, both geopolitical and "
        "economic.' is the reference's thesis: mark it `kind: thesis`." in feedback
    )
    assert sum("it is the other way round" in f for f in feedback) == 2
    assert (
        "Your relation 'The open-sourcing may be a misdirection.' → 'China open-sources its AI "
        "as a strategic play, both geopolitical and economic.' (attacks) is not in the "
        "reference." in feedback
    )
    by = {m["student"]: m["by"] for m in result["alignment"]}  # type: ignore[union-attr]
    assert (by["cloud"], by["main"]) == ("text", "quote")


# --- the command -------------------------------------------------------------------------------


def test_cli_json_has_score_parts_missing_extra_alignment() -> None:
    result = CliRunner().invoke(
        cli, ["grade", str(STUDENTS / "bob"), "--reference", str(REPO), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"score", "parts", "missing", "extra", "alignment", "feedback"}
    assert set(data["parts"]) == set(WEIGHTS)
    assert {"kind": "claim", "id": "misdirection"} in [
        {"kind": m["kind"], "id": m.get("id")} for m in data["missing"]
    ]


def test_cli_text_shows_parts_feedback_and_alignment() -> None:
    result = CliRunner().invoke(cli, ["grade", str(STUDENTS / "alice"), "--reference", str(REPO)])
    assert result.exit_code == 0, result.output
    assert "  thesis       0.94  (weight 0.3)" in result.output
    assert "  t1 -> strategic-play  quote 1.00" in result.output


def test_cli_unloadable_student_is_bad_input(make_map) -> None:  # type: ignore[no-untyped-def]
    root = make_map({"claims/c.yaml": "id: [broken\n"})
    result = CliRunner().invoke(cli, ["grade", str(root), "--reference", str(REPO)])
    assert result.exit_code == 2
    assert "claims/c.yaml:2:1: AM002" in result.output
    assert "the map cannot be loaded" in result.output


def test_cli_folder_without_maps_is_bad_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["grade", str(tmp_path), "--reference", str(REPO)])
    assert result.exit_code == 2
    assert "holds no map directory" in result.output


def test_batch_writes_csv_and_markdown_without_clobbering(tmp_path: Path) -> None:
    out_csv, out_md = tmp_path / "class.csv", tmp_path / "class.md"
    args = ["grade", str(STUDENTS), "--reference", str(REPO), "--csv", str(out_csv)]
    args += ["--markdown", str(out_md)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert [r["student"] for r in rows] == ["alice", "bob", "carol", "dave"]
    assert [r["thesis"] for r in rows] == ["0.9375", "0.8750", "0.9375", "0.3125"]
    assert "misdirection" in rows[1]["missed_key_claims"].split()
    markdown = out_md.read_text(encoding="utf-8")
    assert "| alice | 0.58 |" in markdown
    assert "- `misdirection` (hypothesis) " in markdown
    trust_gap = [line for line in markdown.splitlines() if line.startswith("- `trust-gap-motive`")]
    assert trust_gap[-1].endswith(": dave")
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 2
    assert "already exists; pass --force" in again.output
    assert CliRunner().invoke(cli, [*args, "--force"]).exit_code == 0


def test_batch_markdown_on_stdout() -> None:
    result = CliRunner().invoke(cli, ["grade", str(STUDENTS), "--reference", str(REPO)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Class summary: China Keeps Open Sourcing")
    assert "## Relations most often wrong (missed or added)" in result.output


def test_evidence_copy_is_unchanged_by_grading() -> None:
    # grading reads the maps and writes nothing into them
    before = [e.model_dump() for e in article().evidence.values()]
    grade(student_copy(article()), article())
    assert [e.model_dump() for e in article().evidence.values()] == before
    assert isinstance(next(iter(article().evidence.values())), Evidence)


def test_batch_with_an_unloadable_student_is_bad_input(tmp_path: Path) -> None:
    good = tmp_path / "class" / "alice"
    bad = tmp_path / "class" / "zed" / "claims"
    good.mkdir(parents=True)
    bad.mkdir(parents=True)
    for sub in ("claims", "evidence"):
        (good / sub).mkdir()
        for path in (STUDENTS / "alice" / sub).iterdir():
            (good / sub / path.name).write_bytes(path.read_bytes())
    (bad / "c.yaml").write_text("- id: c1\n  text: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["grade", str(tmp_path / "class"), "--reference", str(REPO)])
    assert result.exit_code == 2
    assert "zed/claims/c.yaml:3:1: AM002" in result.output


def test_dangling_references_in_the_student_map_are_graded(make_map) -> None:  # type: ignore[no-untyped-def]
    root = make_map(
        {
            "claims/c.yaml": """\
                id: t
                kind: thesis
                text: China open-sources its AI as a strategic and economic play.
                quote: "China is buying something with these releases."
                supported_by: [nowhere]
            """
        }
    )
    result = grade(load(root), article())
    assert result.parts["relations"].score == 0.0
    assert result.parts["thesis"].score == 0.0625  # not the thesis passage: (0 + 1/8) / 2
