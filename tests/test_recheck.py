"""The whole-run cache of `argmap.recheck`: reused only while nothing a finding depends on changed."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import recheck
from argmap.cli import cli
from argmap.errors import ArgmapError, MapLoadError
from argmap.recheck import check_map

CLAIMS = """\
- id: t
  kind: thesis
  text: The thesis.
  quote: the quick brown fox
  source: {title: A report, text: sources/article.txt}
  supported_by: [e]
"""
EVIDENCE = """\
- id: e
  kind: statistic
  summary: A number.
  quote: the quick brown fox
  source: {title: A report, text: sources/article.txt}
  reliability: B
  credibility: 2
"""


@pytest.fixture
def article_map(tmp_path: Path) -> Path:
    root = tmp_path / "map"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "article.txt").write_text("Once the quick brown fox jumped.\n", "utf-8")
    (root / "claims").mkdir()
    (root / "evidence").mkdir()
    (root / "claims" / "c.yaml").write_text(CLAIMS, encoding="utf-8")
    (root / "evidence" / "e.yaml").write_text(EVIDENCE, encoding="utf-8")
    return root


def codes(run: recheck.CheckRun) -> list[str]:
    return [finding.code for finding in run.findings]


def test_a_second_check_of_an_unchanged_map_comes_from_the_cache(article_map: Path) -> None:
    first = check_map(article_map, cache=True)
    second = check_map(article_map, cache=True)
    assert not first.from_cache and second.from_cache
    assert second.map is None
    assert second.findings == first.findings
    assert second.records == first.records == 2


def test_without_cache_nothing_is_stored_or_reused(article_map: Path) -> None:
    check_map(article_map, cache=False)
    assert not check_map(article_map, cache=True).from_cache
    assert not check_map(article_map, cache=False).from_cache


def test_changing_a_record_file_changes_the_findings(article_map: Path) -> None:
    assert check_map(article_map, cache=True).findings == []
    claims = article_map / "claims" / "c.yaml"
    claims.write_text(CLAIMS.replace("  supported_by: [e]\n", ""), encoding="utf-8")
    run = check_map(article_map, cache=True)
    assert not run.from_cache
    assert "AM201" in codes(run)


def test_adding_and_removing_a_file_are_changes(article_map: Path) -> None:
    check_map(article_map, cache=True)
    extra = article_map / "claims" / "more.yaml"
    extra.write_text("- id: lone\n  text: Nothing holds this up.\n", encoding="utf-8")
    run = check_map(article_map, cache=True)
    assert not run.from_cache and "AM201" in codes(run)
    extra.unlink()
    again = check_map(article_map, cache=True)
    assert again.from_cache and again.findings == []


def test_a_file_the_loader_skips_still_counts(article_map: Path) -> None:
    check_map(article_map, cache=True)
    (article_map / "claims" / "notes.txt").write_text("not a map file", encoding="utf-8")
    assert not check_map(article_map, cache=True).from_cache


def test_changing_the_config_is_a_change(article_map: Path) -> None:
    check_map(article_map, cache=True)
    (article_map / "argmap.yaml").write_text("checks:\n  AM201: off\n", encoding="utf-8")
    assert not check_map(article_map, cache=True).from_cache


def test_a_changed_source_text_is_a_change(article_map: Path) -> None:
    assert check_map(article_map, cache=True).findings == []
    article = article_map / "sources" / "article.txt"
    article.write_text("Once the slow grey cat slept.\n", encoding="utf-8")
    run = check_map(article_map, cache=True)
    assert not run.from_cache and "AM502" in codes(run)
    article.unlink()
    run = check_map(article_map, cache=True)
    assert not run.from_cache and "AM501" in codes(run)
    assert check_map(article_map, cache=True).from_cache  # still missing: same findings


def test_options_that_change_findings_are_part_of_the_key(article_map: Path) -> None:
    (article_map / "claims" / "c.yaml").write_text(
        CLAIMS.replace("  supported_by: [e]\n", ""), encoding="utf-8"
    )
    everything = check_map(article_map, cache=True)
    selected = check_map(article_map, cache=True, select=["AM3"])
    ignored = check_map(article_map, cache=True, ignore=["AM201"])
    assert not selected.from_cache and not ignored.from_cache
    assert "AM201" in codes(everything)
    assert "AM201" not in codes(selected) and "AM201" not in codes(ignored)
    dated = check_map(article_map, cache=True, as_of="2020-01-01")
    assert not dated.from_cache and dated.as_of is not None
    assert check_map(article_map, cache=True, as_of="2020-01-01").as_of == dated.as_of
    assert not check_map(article_map, cache=True, options={"flag": "1"}).from_cache


def test_the_map_is_named_as_given(article_map: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    absolute = check_map(article_map, cache=True)
    monkeypatch.chdir(article_map.parent)
    relative = check_map("map", cache=True)
    assert not relative.from_cache
    assert {f.span.path for f in relative.findings} <= {
        f.span.path.replace(str(article_map.parent) + os.sep, "") for f in absolute.findings
    }


def test_a_change_in_argmap_itself_is_a_change(
    article_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_map(article_map, cache=True)
    monkeypatch.setattr(recheck, "_fingerprint", "another version of argmap")
    assert not check_map(article_map, cache=True).from_cache


@pytest.mark.parametrize(
    "corrupt",
    [b"{not marshal", b"", marshal.dumps([1, 2]), marshal.dumps({"findings": [["AM201"]]})],
    ids=["garbage", "empty", "another shape", "a truncated finding"],
)
def test_a_corrupt_entry_is_no_entry(article_map: Path, corrupt: bytes) -> None:
    check_map(article_map, cache=True)
    key = recheck.run_key(article_map)
    assert key is not None
    entry = recheck.run_path(key)
    assert entry.is_file()
    entry.write_bytes(corrupt)
    run = check_map(article_map, cache=True)
    assert not run.from_cache and run.findings == []
    assert check_map(article_map, cache=True).from_cache  # rewritten


def test_an_unwritable_cache_is_no_error(
    article_map: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(blocker))
    assert not check_map(article_map, cache=True).from_cache
    assert not check_map(article_map, cache=True).from_cache


def test_a_map_that_fails_to_load_is_never_stored(article_map: Path) -> None:
    broken = article_map / "claims" / "c.yaml"
    broken.write_text("- id: t\n  text: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(MapLoadError):
            check_map(article_map, cache=True)


def test_a_bad_as_of_is_an_error_every_time(article_map: Path) -> None:
    for _ in range(2):
        with pytest.raises(ArgmapError):
            check_map(article_map, cache=True, as_of="not a date")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_the_map_means_no_cache_and_is_never_opened(article_map: Path) -> None:
    os.mkfifo(article_map / "claims" / "pipe.yaml")
    assert recheck.run_key(article_map) is None
    with pytest.raises(MapLoadError):
        check_map(article_map, cache=True)


def test_the_cli_answers_from_the_cache_and_says_the_same(article_map: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["check", str(article_map)])
    second = runner.invoke(cli, ["check", str(article_map)])
    bypass = runner.invoke(cli, ["--no-cache", "check", str(article_map)])
    assert first.exit_code == second.exit_code == bypass.exit_code == 0
    assert first.output == second.output == bypass.output


def test_the_cli_gives_the_same_json_and_exit_status_from_the_cache(article_map: Path) -> None:
    (article_map / "claims" / "c.yaml").write_text(
        CLAIMS.replace("  supported_by: [e]\n", ""), encoding="utf-8"
    )
    runner = CliRunner()
    results = [runner.invoke(cli, ["check", "--format", "json", str(article_map)]) for _ in "ab"]
    assert [r.exit_code for r in results] == [1, 1]
    assert results[0].stdout == results[1].stdout
    assert '"AM201"' in results[0].stdout


def test_only_the_most_recent_runs_are_kept(
    article_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recheck, "KEEP_RUNS", 2)
    claims = article_map / "claims" / "c.yaml"
    for number in range(4):
        claims.write_text(CLAIMS.replace("The thesis.", f"Thesis {number}."), encoding="utf-8")
        check_map(article_map, cache=True)
    assert len(list(recheck._runs_dir().iterdir())) == 2
    assert check_map(article_map, cache=True).from_cache  # the newest is one of them


@pytest.mark.parametrize("library", sorted(recheck._LIBRARIES))
def test_library_versions_are_what_importlib_metadata_says(library: str) -> None:
    from importlib import metadata

    import_name = recheck._LIBRARIES[library]
    assert recheck._library_version(library, import_name) == metadata.version(library)


def test_a_library_that_is_not_installed_is_absent() -> None:
    assert recheck._library_version("no-such-library", "no_such_library") == "absent"


_IMPORTED = """
import sys
from argmap.recheck import check_map
run = check_map(sys.argv[1], cache=True)
print(run.from_cache, run.incremental, *(m for m in ("networkx", "pydantic") if m in sys.modules))
"""


def test_a_check_imports_no_networkx_and_a_stored_run_not_even_pydantic(
    article_map: Path, tmp_path: Path
) -> None:
    # What keeps a re-check quick (docs/performance.md): importing networkx cost 50 ms or more,
    # pydantic and the checks 0.1 s. A fresh process each time, so that nothing is imported yet.
    import subprocess
    import sys

    env = {**os.environ, "ARGMAP_CACHE_DIR": str(tmp_path / "cache")}

    def imported() -> str:
        command = [sys.executable, "-c", _IMPORTED, str(article_map)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    assert imported() == "False False pydantic"  # a full check
    assert imported() == "True False"  # the stored run
    claims = article_map / "claims" / "c.yaml"
    claims.write_text(CLAIMS + "- {id: u, text: Another claim.}\n", encoding="utf-8")
    assert imported() == "False True pydantic"  # a re-check of what changed
