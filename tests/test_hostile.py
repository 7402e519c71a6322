"""Hostile input and failing writes: CSV formulas, paths out of the output directory, symlinks,
a process killed mid-write, two processes writing one file (docs/security.md)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.errors import OutputExistsError
from argmap.grade import class_csv, grade
from argmap.load import load
from argmap.output import csv_safe, write_output

REPO = Path(__file__).resolve().parent.parent


# --- formulas in CSV ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-0.5", "-0.5"),
        ("+3", "+3"),
        (-2.0, "-2.0"),
        (7, "7"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_csv_safe(cell: object, expected: str) -> None:
    assert csv_safe(cell) == expected


def test_grade_csv_neutralises_a_hostile_student_name() -> None:
    amap = load(REPO)
    result = grade(amap, amap)
    names = ["=cmd|' /C calc'!A0", "@evil", "+x", "-y", "ok"]
    rows = list(csv.reader(io.StringIO(class_csv(dict.fromkeys(names, result)))))
    assert [row[0] for row in rows[1:]] == ["'=cmd|' /C calc'!A0", "'@evil", "'+x", "'-y", "ok"]
    assert rows[1][1] == "1.0000"  # numbers untouched


def test_grade_cli_csv_neutralises_a_hostile_folder_name(tmp_path: Path) -> None:
    students = tmp_path / "class"
    hostile = students / "=HYPERLINK(1)"
    for folder in ("claims", "evidence"):
        (hostile / folder).mkdir(parents=True)
        for source in (REPO / folder).glob("*.yaml"):
            (hostile / folder / source.name).write_bytes(source.read_bytes())
    for extra in ("argmap.yaml",):
        (hostile / extra).write_bytes((REPO / extra).read_bytes())
    (hostile / "sources").mkdir()
    (hostile / "sources" / "article.txt").write_bytes((REPO / "sources/article.txt").read_bytes())
    out = tmp_path / "class.csv"
    args = ["grade", str(students), "--reference", str(REPO), "--csv", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["student"] for r in rows] == ["'=HYPERLINK(1)"]


def test_ach_csv_keeps_negative_scores_as_numbers(make_map) -> None:
    # ACH's CSV cells are ids, grades and numbers (ids cannot start with = + - @ by the id
    # pattern); a formula in a summary never reaches the CSV, and negative scores stay numbers.
    root = make_map(
        {
            "argmap.yaml": """
                hypotheses: [h1, h2]
            """,
            "claims/c.yaml": """
                - id: h1
                  kind: hypothesis
                  text: =HYPERLINK("http://evil") It rained.
                - id: h2
                  kind: hypothesis
                  text: The sprinkler ran.
            """,
            "evidence/e.yaml": """
                - id: e1
                  kind: document
                  summary: =HYPERLINK("http://evil") the lawn is wet
                  reliability: B
                  credibility: 2
                  consistency: {h1: I, h2: C}
            """,
        }
    )
    result = CliRunner().invoke(cli, ["ach", str(root), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert not any(cell.startswith(("=", "@", "\t", "\r")) for row in rows for cell in row)
    assert rows[-1][0] == "weighted inconsistency"
    assert float(rows[-1][5]) < 0  # a negative score stays a number, not '-1.41


# --- paths out of the output directory ---------------------------------------------------------

HOSTILE_AIF = {
    "nodes": [
        {"nodeID": "../../evil", "text": "/etc/passwd", "type": "I"},
        {"nodeID": "/etc/passwd", "text": "../../etc/passwd", "type": "I"},
        {"nodeID": "ra", "text": "Default Inference", "type": "RA"},
    ],
    "edges": [
        {"edgeID": "1", "fromID": "../../evil", "toID": "ra"},
        {"edgeID": "2", "fromID": "ra", "toID": "/etc/passwd"},
    ],
    "locutions": [],
}


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_foreign_ids_never_become_paths(tmp_path: Path) -> None:
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    src = work / "hostile.json"
    src.write_text(json.dumps(HOSTILE_AIF), encoding="utf-8")
    before = _tree(tmp_path)
    out = work / "out"
    result = CliRunner().invoke(cli, ["import", str(src), "--from", "aif", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    created = _tree(tmp_path) - before
    assert all(path.startswith("a/b/out") for path in created), created
    assert {p for p in created if p.endswith(".yaml")} <= {
        "a/b/out/argmap.yaml",
        "a/b/out/claims/map.yaml",
        "a/b/out/evidence/map.yaml",
    }
    ids = set(load(out).claims)
    assert all("/" not in i and not i.startswith(".") for i in ids), ids


# --- symlinks ----------------------------------------------------------------------------------


def test_write_output_refuses_a_symlink_without_force(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious", encoding="utf-8")
    link = tmp_path / "out" / "report.html"
    link.parent.mkdir()
    link.symlink_to(outside)
    with pytest.raises(OutputExistsError):
        write_output(link, "new")
    assert outside.read_text(encoding="utf-8") == "precious"


def test_write_output_refuses_a_dangling_symlink_without_force(tmp_path: Path) -> None:
    link = tmp_path / "report.html"
    link.symlink_to(tmp_path / "not-yet")
    with pytest.raises(OutputExistsError):
        write_output(link, "new")
    assert not (tmp_path / "not-yet").exists()


def test_write_output_with_force_replaces_the_link_not_its_target(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious", encoding="utf-8")
    link = tmp_path / "report.html"
    link.symlink_to(outside)
    write_output(link, "new", force=True)
    assert outside.read_text(encoding="utf-8") == "precious"
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8") == "new"


def test_cli_output_onto_a_symlink_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("precious", encoding="utf-8")
    link = tmp_path / "ach.csv"
    link.symlink_to(outside)
    result = CliRunner().invoke(cli, ["ach", str(REPO), "--format", "csv", "-o", str(link)])
    assert result.exit_code == 2, result.output
    assert "already exists" in result.output
    assert outside.read_text(encoding="utf-8") == "precious"


# --- nothing lost: killed mid-write, two writers -----------------------------------------------

SRC = str(REPO / "src")


def _python(script: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("dies_in", ["fsync", "replace"])
def test_a_write_killed_midway_leaves_the_old_file(tmp_path: Path, dies_in: str) -> None:
    target = tmp_path / "export.json"
    target.write_text('{"old": true}\n', encoding="utf-8")
    done = _python(
        f"""
        import os
        from argmap.output import write_output
        os.{dies_in} = lambda *args: os._exit(9)
        write_output({str(target)!r}, "x" * 5_000_000, force=True)
        """
    )
    assert done.returncode == 9, done.stderr
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p != target)
    # A process killed outright cannot clean up: at most its own hidden temporary file remains.
    assert len(leftovers) <= 1
    assert all(name.startswith(".export.json.") and name.endswith(".tmp") for name in leftovers)


def test_two_writers_never_interleave(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    writer = """
        import json, sys
        from argmap.output import write_output
        body = json.dumps({{"who": "{who}", "pad": "{who}" * 2_000_000}})
        for _ in range(15):
            write_output(sys.argv[1], body, force=True)
        """
    env = {**os.environ, "PYTHONPATH": SRC}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(writer.format(who=who)), str(target)], env=env
        )
        for who in ("a", "b")
    ]
    seen: set[str] = set()
    while any(p.poll() is None for p in procs):
        if target.exists():
            seen.add(json.loads(target.read_text(encoding="utf-8"))["who"])
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    final = json.loads(target.read_text(encoding="utf-8"))
    assert final["who"] in {"a", "b"}
    assert final["pad"] == final["who"] * 2_000_000
    assert seen <= {"a", "b"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


# --- docs/security.md points at tests that exist ------------------------------------------------


def test_security_doc_names_only_tests_that_exist() -> None:
    doc = (REPO / "docs" / "security.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"`(tests/[\w/]+\.py)`", doc))
    assert paths and all((REPO / p).is_file() for p in paths), paths
    sources = "".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").rglob("*.py"))
    names = set(re.findall(r"\b(test_\w+)`", doc)) - {Path(p).stem for p in paths}
    missing = sorted(n for n in names if f"def {n}(" not in sources)
    assert names and not missing, missing
