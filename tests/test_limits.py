"""`argmap.limits`: every limit admits input just under it and refuses input just over it with a
positioned AM010 (AM003 for nesting and aliases) that says how to raise it (docs/security.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.errors import MapLoadError
from argmap.findings import Finding
from argmap.formats import read_foreign_bytes, read_foreign_text
from argmap.limits import (
    GiB,
    Limits,
    MiB,
    active,
    from_environment,
    parse_limits,
    parse_value,
    read_capped,
    using,
)
from argmap.load import load
from argmap.span import Span

pytestmark = pytest.mark.usefixtures("both_yaml_readers")
"""Every test here runs with each YAML reader (tests/conftest.py)."""

RECORD = "- {{id: c{0}, text: T.}}\n"


def records(count: int, start: int = 0) -> str:
    return "".join(RECORD.format(n) for n in range(start, start + count))


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    (root / "claims").mkdir(exist_ok=True)
    return root


def refused(root: Path, limits: Limits, monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    monkeypatch.chdir(root)
    with pytest.raises(MapLoadError) as caught:
        load(".", limits=limits)
    return caught.value.findings


def where(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.span.path, f.span.line, f.span.column, f.code) for f in findings]


# --- the settings ---------------------------------------------------------------------------------


def test_the_defaults_are_documented_numbers():
    assert Limits() == Limits(
        file_size=16 * MiB,
        records_per_file=50_000,
        values_per_file=1_000_000,
        string_length=1 * MiB,
        total_records=1_000_000,
        total_size=1 * GiB,
        depth=64,
        alias_expansion=100_000,
    )
    assert active() == Limits()


@pytest.mark.parametrize(
    ("text", "value"),
    [("16MiB", 16 * MiB), ("2k", 2000), ("100_000", 100_000), ("1,000", 1000), ("1 GiB", GiB)],
)
def test_values_take_units(text, value):
    assert parse_value(text) == value


@pytest.mark.parametrize("text", ["", "x", "1.5MiB", "-3", "0", "12 parsecs"])
def test_values_that_are_not_sizes_are_refused(text):
    with pytest.raises(ValueError, match=r"expected|at least 1"):
        parse_value(text)


def test_settings_and_the_environment():
    assert parse_limits(["file-size=32MiB", "string_length=10"]) == Limits(
        file_size=32 * MiB, string_length=10
    )
    with pytest.raises(ValueError, match="NAME one of file-size"):
        parse_limits(["size=3"])
    environ = {"ARGMAP_LIMITS": "depth=10, records-per-file=5"}
    assert from_environment(environ) == Limits(depth=10, records_per_file=5)
    assert from_environment({}) == Limits()


def test_using_holds_limits_for_a_block_only():
    with using(Limits(depth=3)):
        assert active().depth == 3
    assert active() == Limits()


# --- one file --------------------------------------------------------------------------------------


def test_a_file_may_be_as_large_as_the_limit_and_no_larger(tmp_path, monkeypatch):
    text = records(3)
    size = len(text.encode())
    root = write(tmp_path, {"claims/c.yaml": text})
    assert len(load(root, limits=Limits(file_size=size)).claims) == 3
    [finding] = refused(root, Limits(file_size=size - 1), monkeypatch)
    assert where([finding]) == [("claims/c.yaml", 1, 1, "AM010")]
    assert finding.name == "over-limit"
    assert finding.message == (
        f"the file is {size} bytes ({size} bytes), more than the limit of {size - 1} bytes for "
        "one file; expected a smaller file, or if you trust this input, raise the limit with "
        "`argmap --limit file-size=1MiB` (or ARGMAP_LIMITS=file-size=1MiB)"
    )


def test_a_huge_file_is_refused_by_its_size_unread(tmp_path, monkeypatch):
    root = write(tmp_path, {"claims/ok.yaml": records(1)})
    huge = root / "claims" / "huge.yaml"
    with open(huge, "wb") as handle:  # sparse: 4 GiB that would take seconds to read
        handle.truncate(4 * GiB)
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    for cache in (False, True):  # the cache hashes files: never one over the limit
        monkeypatch.chdir(root)
        with pytest.raises(MapLoadError) as caught:
            load(".", cache=cache)
        [finding] = caught.value.findings
        assert where([finding]) == [("claims/huge.yaml", 1, 1, "AM010")]
        assert "the file is 4 GiB (4,294,967,296 bytes)" in finding.message
        assert "`argmap --limit file-size=4096MiB`" in finding.message


def test_read_capped_never_reads_past_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "f"
    path.write_bytes(b"12345")
    assert read_capped(path, 5) == b"12345"
    # A file that grows after its size was taken (or reports none) is cut off at limit + 1.
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((0,) * 10))
    from argmap.limits import FileTooLarge

    with pytest.raises(FileTooLarge) as caught:
        read_capped(path, 4)
    assert caught.value.size is None
    assert "grew past the limit of 4 bytes" in caught.value.message()
    # ... and read in full when it grew but stays within the limit.
    assert read_capped(path, 5) == b"12345"


def test_argmap_yaml_has_the_file_limit_too(tmp_path, monkeypatch):
    root = write(
        tmp_path, {"argmap.yaml": "title: " + "x" * 100 + "\n", "claims/c.yaml": records(1)}
    )
    assert where(refused(root, Limits(file_size=50), monkeypatch)) == [
        ("argmap.yaml", 1, 1, "AM010")
    ]


def test_records_per_file(tmp_path, monkeypatch):
    root = write(tmp_path, {"claims/c.yaml": records(4)})
    assert len(load(root, limits=Limits(records_per_file=4)).claims) == 4
    [finding] = refused(root, Limits(records_per_file=3), monkeypatch)
    assert where([finding]) == [("claims/c.yaml", 4, 3, "AM010")]  # the fourth record
    assert finding.message.startswith(
        "more than 3 records in one file (the limit of records per file); expected fewer "
        "records per file (split the file), or if you trust this input, raise the limit with "
        "`argmap --limit records-per-file=6`"
    )


def test_records_per_file_counts_documents(tmp_path, monkeypatch):
    root = write(tmp_path, {"claims/c.yaml": "id: a\ntext: T.\n---\nid: b\ntext: T.\n"})
    assert len(load(root, limits=Limits(records_per_file=2)).claims) == 2
    assert where(refused(root, Limits(records_per_file=1), monkeypatch)) == [
        ("claims/c.yaml", 4, 1, "AM010")
    ]


def test_values_per_file(tmp_path, monkeypatch):
    # A record of one mapping, two keys and two values: 5 values; the list around them: 1.
    root = write(tmp_path, {"claims/c.yaml": records(2)})
    assert len(load(root, limits=Limits(values_per_file=11)).claims) == 2
    [finding] = refused(root, Limits(values_per_file=10), monkeypatch)
    assert where([finding]) == [("claims/c.yaml", 2, 18, "AM010")]  # the 11th: "T."
    assert "more than 10 values (keys, texts, lists, mappings) in one file" in finding.message
    assert "`argmap --limit values-per-file=20`" in finding.message


def test_aliases_count_as_values(tmp_path, monkeypatch):
    text = "- id: c1\n  text: &t T.\n  tags: [*t, *t, *t]\n"
    root = write(tmp_path, {"claims/c.yaml": text})
    assert len(load(root, limits=Limits(values_per_file=11)).claims) == 1
    assert where(refused(root, Limits(values_per_file=10), monkeypatch)) == [
        ("claims/c.yaml", 3, 18, "AM010")
    ]


def test_string_length(tmp_path, monkeypatch):
    root = write(tmp_path, {"claims/c.yaml": "id: c1\ntext: '" + "x" * 20 + "'\n"})
    assert load(root, limits=Limits(string_length=20)).claims["c1"].text == "x" * 20
    [finding] = refused(root, Limits(string_length=19), monkeypatch)
    assert where([finding]) == [("claims/c.yaml", 2, 7, "AM010")]
    assert finding.message == (
        "this value is 20 characters long, more than the limit of 19 characters for one value; "
        "expected a shorter text (quote less, or keep long texts in a source's `text:` file), "
        "or if you trust this input, raise the limit with `argmap --limit string-length=20` (or "
        "ARGMAP_LIMITS=string-length=20)"
    )


def test_string_length_counts_keys_too(tmp_path, monkeypatch):
    root = write(tmp_path, {"claims/c.yaml": "id: c1\ntext: T.\n" + "k" * 30 + ": 1\n"})
    assert where(refused(root, Limits(string_length=29), monkeypatch)) == [
        ("claims/c.yaml", 3, 1, "AM010")
    ]


def test_depth_and_aliases_are_limits_too(tmp_path, monkeypatch):
    root = write(tmp_path, {"claims/c.yaml": "id: c1\ntext: T.\nnote: [[[x]]]\n"})
    # The record is level 1, [ 2, [[ 3, [[[ 4.
    with pytest.raises(MapLoadError) as deep_enough:
        load(root, limits=Limits(depth=4))
    assert [f.code for f in deep_enough.value.findings] == ["AM006"]  # note is text: loaded
    [finding] = refused(root, Limits(depth=3), monkeypatch)
    assert where([finding]) == [("claims/c.yaml", 3, 9, "AM003")]
    assert "nesting is deeper than 3 levels" in finding.message
    assert "`argmap --limit depth=6`" in finding.message
    bomb = "id: c1\ntext: &t T.\ntags: [*t, *t, *t]\n"
    root = write(tmp_path / "bomb", {"claims/c.yaml": bomb})
    assert load(root, limits=Limits(alias_expansion=3)).claims["c1"].tags == ["T."] * 3
    [finding] = refused(root, Limits(alias_expansion=2), monkeypatch)
    assert where([finding]) == [("claims/c.yaml", 3, 16, "AM003")]
    assert "`argmap --limit alias-expansion=4`" in finding.message


# --- the whole map ---------------------------------------------------------------------------------


def test_total_records(tmp_path, monkeypatch):
    root = write(tmp_path, {"claims/a.yaml": records(3), "claims/b.yaml": records(3, start=3)})
    assert len(load(root, limits=Limits(total_records=6)).claims) == 6
    [finding] = refused(root, Limits(total_records=4), monkeypatch)
    assert where([finding]) == [("claims/b.yaml", 2, 3, "AM010")]  # the fifth record
    assert finding.message.startswith(
        "this record is one more than the limit of 4 records in a whole map, so argmap stops "
        "reading here; expected a smaller map, or if you trust this input, raise the limit "
        "with `argmap --limit total-records=8`"
    )


def test_total_size_stops_reading_before_the_file_that_crosses_it(tmp_path, monkeypatch):
    files = {f"claims/{n}.yaml": records(1, start=n) for n in range(3)}
    root = write(tmp_path, files)
    total = sum((root / name).stat().st_size for name in files)
    assert len(load(root, limits=Limits(total_size=total)).claims) == 3
    [finding] = refused(root, Limits(total_size=total - 1), monkeypatch)
    assert where([finding]) == [("claims/2.yaml", 1, 1, "AM010")]
    assert f"the map's YAML files come to {total} bytes, more than the limit of" in (
        finding.message
    )


def test_the_map_cannot_raise_its_own_limits(tmp_path, monkeypatch):
    config = "title: T\nlimits: {string_length: 1000000000}\n"
    root = write(tmp_path, {"argmap.yaml": config, "claims/c.yaml": "id: c1\ntext: " + "x" * 30})
    codes = [f.code for f in refused(root, Limits(string_length=20), monkeypatch)]
    assert sorted(codes) == ["AM006", "AM010"]  # `limits:` is no setting; the limit held


def test_cached_files_are_held_to_the_limits_of_the_run(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    root = write(tmp_path / "map", {"claims/c.yaml": "id: c1\ntext: " + "x" * 30 + "\n"})
    assert len(load(root, cache=True).claims) == 1  # now cached under the defaults
    monkeypatch.chdir(root)
    with pytest.raises(MapLoadError) as caught:
        load(".", cache=True, limits=Limits(string_length=20))
    assert [f.code for f in caught.value.findings] == ["AM010"]


def test_a_source_text_over_the_file_limit_is_not_read(tmp_path, monkeypatch):
    from argmap.checks import check

    root = write(
        tmp_path,
        {
            "argmap.yaml": "source: {title: T, text: t.txt}\n",
            "t.txt": "Tea is healthy. " * 10,
            "claims/c.yaml": "id: c1\ntext: T.\nquote: Tea is healthy.\n",
        },
    )
    with using(Limits(file_size=100)):
        [finding] = check(load(root), select=["AM501"])
    assert "it is 160 bytes, more than the limit of 100 bytes for one file" in finding.message


# --- files to import -------------------------------------------------------------------------------


def test_foreign_files_have_the_file_limit(tmp_path):
    path = tmp_path / "debate.txt"
    path.write_bytes(b"1. Tea is healthy.\n")
    assert read_foreign_text(path, limits=Limits(file_size=19)) == "1. Tea is healthy.\n"
    with pytest.raises(MapLoadError) as caught:
        read_foreign_bytes(path, limits=Limits(file_size=18))
    [finding] = caught.value.findings
    assert (finding.code, finding.span) == ("AM010", Span(str(path), 1, 1))
    with using(Limits(file_size=18)), pytest.raises(MapLoadError):
        read_foreign_text(path)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("debate.argdown", "[Tea]: Tea is healthy.\n"),
        ("debate.json", '{"nodes": [], "edges": []}\n'),
        ("debate.txt", "1. Tea is healthy.\n"),
        ("graph.yaml", "statements:\n  s1: {text: Tea}\n"),
        ("micro.xml", "<arggraph id='m'><edu id='e1'>Tea.</edu></arggraph>\n"),
    ],
)
def test_every_importer_refuses_a_file_over_the_limit(tmp_path, name, text):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["--limit", "file-size=10", "import", str(source), "-o", out])
    assert result.exit_code == 2, result.output
    assert f"{source}:1:1: AM010 the file is" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


# --- the command line ------------------------------------------------------------------------------


def test_cli_limits_are_positioned_errors_with_status_2(tmp_path):
    root = write(tmp_path, {"claims/c.yaml": "id: c1\ntext: " + "x" * 30 + "\n"})
    ok = CliRunner().invoke(cli, ["check", str(root)])
    assert "AM010" not in ok.output
    result = CliRunner().invoke(cli, ["--limit", "string-length=20", "check", str(root)])
    assert result.exit_code == 2
    assert f"{root}/claims/c.yaml:2:7: AM010 this value is 30 characters long" in result.output
    assert "`argmap --limit string-length=30`" in result.output
    assert "Traceback" not in result.output
    assert active() == Limits()  # the run's limits end with the run


def test_cli_limits_from_the_environment_and_the_option(tmp_path, monkeypatch):
    root = write(tmp_path, {"claims/c.yaml": "id: c1\ntext: " + "x" * 30 + "\n"})
    monkeypatch.setenv("ARGMAP_LIMITS", "string-length=20")
    assert CliRunner().invoke(cli, ["check", str(root)]).exit_code == 2
    raised = CliRunner().invoke(cli, ["--limit", "string-length=1MiB", "check", str(root)])
    assert "AM010" not in raised.output  # the option wins over the environment


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--limit", "bogus=1"], "", "Invalid value for '--limit': 'bogus=1'"),
        (["--limit", "depth=deep"], "", "'deep' is not a number"),
        ([], "depth=0", "ARGMAP_LIMITS: '0': a limit must be at least 1"),
    ],
)
def test_cli_bad_limits_are_usage_errors(tmp_path, monkeypatch, args, env, message):
    monkeypatch.setenv("ARGMAP_LIMITS", env)
    result = CliRunner().invoke(cli, [*args, "check", str(tmp_path)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
