"""benchmarks/generate.py writes a valid, realistic map; benchmarks/run.py stays in step with argmap.

Not timing tests: they check the benchmark's inputs and plumbing on a 200-record map.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from argmap.checks import CHECKS, check
from argmap.cli import cli
from argmap.load import load

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"argmap_benchmarks_{name}", BENCHMARKS / name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate = _module("generate.py")
run = _module("run.py")


@pytest.fixture(scope="module")
def small_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "map"
    assert generate.main(["--records", "200", "--out", str(out)]) == 0
    return out


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_generated_map_has_the_promised_shape(small_map):
    manifest = json.loads((small_map / "GENERATED.json").read_text(encoding="utf-8"))
    files = _files(small_map)
    yaml_files = sorted(name for name in files if name.endswith(".yaml"))
    assert (manifest["records"], manifest["claims"], manifest["evidence"]) == (200, 100, 100)
    # One file of theses, then about 100 records a file: one of claims, one of evidence.
    assert [name.split("/")[0] for name in yaml_files] == [
        "argmap.yaml",
        "claims",
        "claims",
        "evidence",
    ]
    assert yaml_files[1] == "claims/000-theses.yaml"
    assert manifest["files"] == 3
    assert manifest["bytes"] == sum(len(files[name]) for name in yaml_files)


def test_generated_map_loads_and_checks(small_map):
    amap = load(small_map)
    assert (len(amap.claims), len(amap.evidence)) == (100, 100)

    reasons = list(amap.reasons())
    supports = [r for r in reasons if r.role == "support"]
    assert any(r.reason.linked for r in supports)
    assert any(r.role == "attack" for r in reasons)
    assert {c.kind.value for c in amap.claims.values()} >= {"thesis", "claim"}
    assert all(
        e.reliability in "ABCDEF" and 1 <= e.credibility <= 6 for e in amap.evidence.values()
    )
    grades = Counter(e.reliability for e in amap.evidence.values())
    assert grades["B"] + grades["C"] > grades["A"] + grades["D"] + grades["E"]
    # Every reference resolves: a benchmark map exercises the checks, not the typo hints.
    for ref in reasons:
        assert all(p in amap for p in [*ref.reason.premises, *ref.reason.undercut_by])

    codes = Counter(finding.code for finding in check(amap))
    assert codes["AM101"] == 0
    assert codes["AM201"] > 0  # unsupported claims are part of the shape
    assert codes["AM401"] > 0  # so are claims without a quote


def test_generated_map_through_the_cli(small_map):
    result = CliRunner().invoke(cli, ["check", str(small_map), "--quiet", "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)
    assert len(findings) == len(check(load(small_map)))


def test_same_seed_same_bytes_other_seed_other_map(tmp_path):
    for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        assert (
            generate.main(["--records", "300", "--out", str(tmp_path / name), "--seed", seed]) == 0
        )
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "map"
    assert generate.main(["--records", "50", "--out", str(out), "--seed", "1"]) == 0
    before = _files(out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")

    assert generate.main(["--records", "60", "--out", str(out), "--seed", "2"]) == 2
    assert "--force" in capsys.readouterr().err
    assert {k: v for k, v in _files(out).items() if k != "notes.txt"} == before

    assert generate.main(["--records", "60", "--out", str(out), "--seed", "2", "--force"]) == 0
    after = _files(out)
    assert after["notes.txt"] == b"mine"  # --force replaces the map and nothing else
    assert json.loads(after["GENERATED.json"])["records"] == 60
    assert len(load(out).claims) == 30


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--records", "1"], "at least 2"),
        (["--records", "many"], "invalid int value"),
    ],
)
def test_bad_usage_exits_2(tmp_path, capsys, argv, message):
    with pytest.raises(SystemExit) as exit_info:
        generate.main([*argv, "--out", str(tmp_path / "map")])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_stage_breakdown_matches_load_and_check(small_map):
    """run.py times argmap's steps one by one; it must do the same work as `load` + `check`."""
    result = run.breakdown(small_map)
    amap = load(small_map)
    assert result["counts"]["claims"] == len(amap.claims)
    assert result["counts"]["evidence"] == len(amap.evidence)
    assert result["counts"]["findings"] == len(check(amap))
    names = [stage["name"] for stage in result["stages"]]
    assert names[:4] == [
        "find files, read argmap.yaml",
        "read files",
        "parse YAML (argmap.yamlread)",
        "validate records (pydantic)",
    ]
    assert sum(name.startswith(run.CHECK_PREFIX) for name in names) == len(CHECKS)
    assert result["end"] > result["ready"]


def test_run_smoke(tmp_path, capsys):
    status = run.main(["--sizes", "200", "--runs", "1", "--data", str(tmp_path), "--no-reference"])
    out = capsys.readouterr().out
    assert status == 0
    assert "| 200 | 3 |" in out  # the whole-process row: 200 records in 3 files
    assert "parse YAML (argmap.yamlread)" in out
    assert (tmp_path / "map-200-seed1" / "GENERATED.json").is_file()


def test_recheck_benchmark_runs_every_scenario_and_agrees_with_an_uncached_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recheck = _module("recheck.py")
    status = recheck.main(["--records", "200", "--runs", "1", "--data", str(tmp_path)])
    printed = capsys.readouterr().out
    assert status == 0, printed
    for scenario in (
        "| cold |",
        "| unchanged |",
        "| one file changed |",
        "| one claim edited |",
        "| a claim inserted first |",
    ):
        assert scenario in printed
