"""`argmap explain` and `argmap verdicts`: the text, the JSON, the CLI, and docs/semantics.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.argument_map import ArgumentMap
from argmap.cli import cli
from argmap.errors import UnknownRecordError
from argmap.explain import explain, explanation, verdict_table, verdicts_json
from argmap.load import load
from argmap.model import Claim, Evidence
from argmap.semantics import evaluate
from docs_examples import console_runs, example_files

DOCS = Path(__file__).resolve().parent.parent / "docs" / "semantics.md"

MAP = {
    "claims/c.yaml": """
    - id: trend
      text: Labs release open models.
      supported_by:
        - premises: [release, count]
          undercut_by: [exception]
        - id: direct
          premises: [release]
      attacked_by: [doubt]
    - id: doubt
      text: The lists are incomplete.
    - id: exception
      kind: assumption
      text: One lab is the exception.
    """,
    "evidence/e.yaml": """
    - id: release
      kind: event
      summary: A lab released open weights.
      reliability: A
      credibility: 2
    - id: count
      kind: statistic
      summary: 27 models from 8 labs.
      reliability: C
      credibility: 3
    - id: orphan
      kind: document
      summary: Unused.
      reliability: F
      credibility: 6
    """,
}

TREND = """\
trend [claim]: supported, strength 0.927, label out (FEVER: SUPPORTS)
  Labs release open models.
1. Base score: τ = 0 (a claim starts from nothing: only its reasons move it).
2. For it: 2 reasons.
   trend:for:1: release + count
     release: evidence A2 (reliable 1, probably true 0.8), σ 0.9
     count: evidence C3 (fairly reliable 0.6, possibly true 0.6), σ 0.6
     linked: τ = 0.9 × 0.6 = 0.54
     undercut by exception: assumption, assumed, σ 0.5
     weight τ × (1 − σ(exception)) = 0.54 × (1 − 0.5) = 0.27; label out (undercut by exception, \
which is in); not applicable: it is out
   direct: release
     release: evidence A2 (reliable 1, probably true 0.8), σ 0.9
     weight 0.9; label in; applicable
   v_s = F(0.27, 0.9) = 0.927
3. Against it: 1 reason.
   trend:against:1: doubt
     doubt: claim, unsupported, σ 0
     weight 0; label in; not applicable: premise doubt is not established
   v_a = 0
4. Strength: v_a 0 < v_s 0.927, so σ = τ + (1 − τ)·(v_s − v_a) = 0 + 1 × 0.927 = 0.927
5. Label out: attacked by trend:against:1, which is in.
6. Proof standard: preponderance of evidence (the map's default). Applicable for: direct 0.9; \
against: none. preponderance of evidence: strongest for 0.9 > strongest against 0: met.
7. Verdict: supported: its proof standard is met. FEVER: SUPPORTS."""


@pytest.fixture
def amap(make_map):
    return load(make_map(MAP))


def test_a_claim_is_explained_step_by_step(amap):
    assert explain(amap, "trend") == TREND


def test_the_steps_are_data_too(amap):
    found = explanation(amap, "trend")
    assert found.subject == "trend"
    assert [step.title.split(":")[0] for step in found.steps] == [
        "Base score",
        "For it",
        "Against it",
        "Strength",
        "Label out",
        "Proof standard",
        "Verdict",
    ]
    assert found.text() == explain(amap, "trend")


def test_evidence_is_explained_by_its_grades_and_uses(amap):
    assert explain(amap, "count") == (
        "count [evidence, statistic]: grade C3, strength 0.6\n"
        "  27 models from 8 labs.\n"
        "1. Base score: τ = (reliability C, fairly reliable, 0.6 + credibility 3, possibly true, "
        "0.6) / 2 = 0.6.\n"
        "2. Evidence is never attacked itself: label in, σ = τ = 0.6, established.\n"
        "3. Used as: premise of trend:for:1 (for trend)"
    )
    assert explain(amap, "orphan").endswith("3. Used as: nothing (orphan evidence).")


def test_an_undercutter_s_uses_are_listed():
    amap = ArgumentMap(
        claims=[Claim(id="c", text="C.", supported_by=[{"premises": ["e"], "undercut_by": ["u"]}])],
        evidence=[
            Evidence(id=i, kind="statistic", summary="S.", reliability="B", credibility=2)
            for i in ("e", "u")
        ],
    )
    assert explain(amap, "u").endswith("3. Used as: undercuts c:for:1 (for c)")


def test_a_reason_is_explained_by_its_node_id(amap):
    assert explain(amap, "direct") == (
        "direct [reason for trend]: weight 0.9\n"
        "1. Reason:\n"
        "   direct: release\n"
        "     release: evidence A2 (reliable 1, probably true 0.8), σ 0.9\n"
        "     weight 0.9; label in; applicable"
    )


def test_an_unknown_id_names_the_closest(amap):
    with pytest.raises(UnknownRecordError, match="did you mean 'trend'"):
        explain(amap, "trnd")


def test_a_missing_premise_and_an_undecided_label_are_explained():
    amap = ArgumentMap(
        claims=[
            Claim(id="p", text="P.", attacked_by=["q"], supported_by=[{"premises": ["gone"]}]),
            Claim(id="q", text="Q.", attacked_by=["p"]),
        ]
    )
    text = explain(amap, "p")
    assert "     gone: no such record (counts as 0)\n" in text
    assert "not applicable: gone does not exist" in text
    assert "5. Label undecided: attacked by p:against:1, which is undecided." in text
    assert text.endswith(
        "7. Verdict: contested: the grounded labelling leaves it undecided: an attack on it is "
        "neither defeated nor standing (the attacks go round in a circle). "
        "FEVER: NOT ENOUGH INFO."
    )


def test_the_verdict_table_and_json(amap):
    evaluation = evaluate(amap)
    assert verdict_table(evaluation).splitlines() == [
        "claim      verdict      strength  label  proof standard          FEVER",
        "trend      supported       0.927  out    preponderance: met      SUPPORTS",
        "doubt      unsupported     0.000  in     preponderance: not met  NOT ENOUGH INFO",
        "exception  assumed         0.500  in     preponderance: met      NOT ENOUGH INFO",
    ]
    data = json.loads(verdicts_json(evaluation))
    assert [(d["id"], d["verdict"], d["label"], d["fever"]) for d in data] == [
        ("trend", "supported", "out", "SUPPORTS"),
        ("doubt", "unsupported", "in", "NOT ENOUGH INFO"),
        ("exception", "assumed", "in", "NOT ENOUGH INFO"),
    ]
    assert set(data[0]) >= {"id", "verdict", "strength", "label", "fever", "proof_standard"}


# --- the commands -------------------------------------------------------------------------------


@pytest.fixture
def runner():
    return CliRunner()


def test_verdicts_prints_a_table_and_a_summary(runner, make_map):
    result = runner.invoke(cli, ["verdicts", str(make_map(MAP))])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("trend      supported       0.927")
    assert result.stderr == "argmap: 3 claims: 1 supported, 1 assumed, 1 unsupported\n"
    quiet = runner.invoke(cli, ["verdicts", "-q", str(make_map(MAP))])
    assert (quiet.exit_code, quiet.stderr) == (0, "")


def test_verdicts_json_is_one_object_per_claim(runner, make_map):
    result = runner.invoke(cli, ["verdicts", "--format", "json", str(make_map(MAP))])
    assert (result.exit_code, result.stderr) == (0, "")
    assert [d["id"] for d in json.loads(result.stdout)] == ["trend", "doubt", "exception"]


DATED = {
    "claims/c.yaml": """
    id: c
    text: C.
    supported_by: [old]
    attacked_by: [new]
    """,
    "evidence/e.yaml": """
    - {id: old, kind: event, summary: Old., reliability: B, credibility: 2, as_of: 2024-01-01}
    - {id: new, kind: event, summary: New., reliability: A, credibility: 1, as_of: 2025-09-01}
    """,
}


@pytest.mark.parametrize(
    ("args", "verdict"),
    [([], "refuted"), (["--as-of", "2025-07-15"], "supported")],
)
def test_verdicts_as_of_a_date_count_only_the_evidence_known_then(runner, make_map, args, verdict):
    root = str(make_map(DATED))
    result = runner.invoke(cli, ["verdicts", "--format", "json", root, *args])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["verdict"] == verdict
    explained = runner.invoke(cli, ["explain", "c", root, *args])
    assert explained.stdout.startswith(f"c [claim]: {verdict}")


def test_verdicts_as_of_says_what_it_left_out(runner, make_map):
    result = runner.invoke(cli, ["verdicts", str(make_map(DATED)), "--as-of", "2025-07-15"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1].startswith("argmap: as of 2025-07-15: ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["explain", "nope"], "no claim or evidence record has the id 'nope'"),
        (["explain", "new", "--as-of", "2025-01-01"], "new"),
        (["verdicts", "--as-of", "July"], "July"),
    ],
)
def test_bad_input_exits_2(runner, make_map, monkeypatch, args, message):
    monkeypatch.chdir(make_map(DATED))
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_unloadable_map_exits_2(runner, make_map):
    root = str(make_map({"claims/c.yaml": "id: c\n"}))
    for command in (["verdicts", root], ["explain", "c", root]):
        assert runner.invoke(cli, command).exit_code == 2


def test_explain_prints_the_explanation(runner, make_map):
    result = runner.invoke(cli, ["explain", "trend", str(make_map(MAP))])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == TREND + "\n"


# --- docs/semantics.md -------------------------------------------------------------------------


def _worked_example() -> tuple[dict[str, str], list[tuple[str, list[str]]], str]:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Worked example") : text.index("### Reading `argmap explain`")]
    return example_files(section), console_runs(section), text


@pytest.fixture
def worked_example(tmp_path, monkeypatch):
    files, runs, text = _worked_example()
    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return runs, text


def test_the_docs_worked_example_prints_what_the_docs_show(worked_example):
    runs, _ = worked_example
    assert [command for command, _ in runs] == ["argmap verdicts", "argmap explain tea-healthy"]
    for command, expected in runs:
        result = CliRunner().invoke(cli, command.split()[1:])
        assert (result.stdout + result.stderr).splitlines() == expected, command


def _json_blocks(text: str) -> list[object]:
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", text, re.DOTALL)]


def test_the_docs_json_examples_are_what_argmap_writes(worked_example):
    _, text = worked_example
    verdict, review = _json_blocks(text)
    amap = load(".")
    assert verdict == evaluate(amap)["tea-healthy"].to_dict()
    exported = CliRunner().invoke(cli, ["export", "--to", "claimreview", "--date", "2025-08-01"])
    assert json.loads(exported.stdout)[0] == review
