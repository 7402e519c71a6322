"""The parse cache (argmap.cache) never changes what argmap reports; it only makes re-loads quick."""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
import argmap.cache
from argmap.checks import check
from argmap.cli import cli
from argmap.errors import MapLoadError
from argmap.load import load

REPO = Path(__file__).resolve().parent.parent

CLAIMS = """\
- id: thesis
  text: The thesis.
  supported_by: [fact]
- id: lonely
  text: Nothing supports this.
"""
EVIDENCE = """\
id: fact
kind: statistic
summary: A fact.
reliability: B
credibility: 2
"""


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(home))
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    return home


def _findings(root: Path, cache: bool) -> list[tuple[object, ...]]:
    amap = load(root, cache=cache)
    return [
        (f.code, f.span.path, f.span.line, f.span.column, f.message, f.subject) for f in check(amap)
    ]


def _errors(root: Path) -> list[tuple[str, int]]:
    return [(f.code, f.span.line) for f in check(load(root, cache=True)) if f.severity == "error"]


def _cache_files(home: Path) -> list[Path]:
    return sorted(home.rglob("*.pickle")) if home.exists() else []


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files the loader actually parses (cache misses; argmap.yaml is always read)."""
    import argmap.load as load_module

    parsed: list[str] = []
    real = load_module._parse_file

    def spy(path: Path, display: str, *rest):  # type: ignore[no-untyped-def]
        if not Path(display).name.startswith("argmap."):
            parsed.append(Path(display).name)
        return real(path, display, *rest)

    monkeypatch.setattr(load_module, "_parse_file", spy)
    return parsed


def _copy_article_map(tmp_path: Path) -> Path:
    root = tmp_path / "article"
    for name in ("claims", "evidence", "sources"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "argmap.yaml", root / "argmap.yaml")
    return root


def _generated_map(tmp_path: Path) -> Path:
    spec = importlib.util.spec_from_file_location(
        "argmap_benchmarks_generate_for_cache", REPO / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    out = tmp_path / "generated"
    assert module.main(["--records", "300", "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("which", ["article", "generated"])
def test_same_findings_and_positions_with_and_without_the_cache(
    which: str, tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy_article_map(tmp_path) if which == "article" else _generated_map(tmp_path)
    fresh = _findings(root, cache=False)
    assert _cache_files(cache_home) == []
    cold = _findings(root, cache=True)
    assert _cache_files(cache_home)
    parsed = _spy(monkeypatch)
    warm = _findings(root, cache=True)
    assert parsed == []  # every file came from the cache
    assert fresh and cold == fresh and warm == fresh
    amap = load(root, cache=True)
    plain = load(root)
    assert [c.model_dump() for c in amap.claims.values()] == [
        c.model_dump() for c in plain.claims.values()
    ]
    assert [e.where.record for e in amap.evidence.values()] == [
        e.where.record for e in plain.evidence.values()
    ]


def test_a_changed_file_is_parsed_again_and_the_others_are_not(
    make_map, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_map({"claims/c.yaml": CLAIMS, "evidence/e.yaml": EVIDENCE})
    load(root, cache=True)
    parsed = _spy(monkeypatch)
    # Same size, new content: only the hash can tell.
    (root / "evidence" / "e.yaml").write_text(EVIDENCE.replace("A fact.", "B fact."))
    amap = load(root, cache=True)
    assert parsed == ["e.yaml"]
    assert amap.evidence["fact"].summary == "B fact."
    parsed.clear()
    # Only the modification time changes: the content hash still matches.
    os.utime(root / "claims" / "c.yaml", ns=(1, 1))
    load(root, cache=True)
    assert parsed == []


def test_a_moved_record_keeps_its_new_position(make_map) -> None:
    root = make_map({"claims/c.yaml": CLAIMS, "evidence/e.yaml": EVIDENCE})
    assert _errors(root) == [("AM201", 4)]
    (root / "claims" / "c.yaml").write_text("# a comment\n\n" + CLAIMS)
    assert _errors(root) == [("AM201", 6)]


def test_config_is_read_fresh(make_map) -> None:
    root = make_map({"claims/c.yaml": CLAIMS, "evidence/e.yaml": EVIDENCE})
    assert _errors(root) == [("AM201", 4)]
    (root / "argmap.yaml").write_text("checks:\n  AM201: off\n")
    assert _errors(root) == []
    (root / "argmap.yaml").write_text("checks:\n  AM104: error\n")
    assert _errors(root) == [("AM104", 4), ("AM201", 4)]
    (root / "argmap.yaml").write_text("title: [broken\n")
    with pytest.raises(MapLoadError) as error:
        load(root, cache=True)
    assert {(f.code, Path(f.span.path).name) for f in error.value.findings} == {
        ("AM002", "argmap.yaml")
    }


def test_files_with_errors_are_never_cached(make_map, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = EVIDENCE + "when: yesterday\n"
    root = make_map({"claims/c.yaml": CLAIMS, "evidence/e.yaml": broken})
    expected = None
    for _ in range(2):
        with pytest.raises(MapLoadError) as error:
            load(root, cache=True)
        found = [
            (f.code, Path(f.span.path).relative_to(root).as_posix(), f.span.line, f.span.column)
            for f in error.value.findings
        ]
        assert found == (expected or found)
        expected = found
    assert expected == [("AM006", "evidence/e.yaml", 6, 1)]
    parsed = _spy(monkeypatch)
    with pytest.raises(MapLoadError):
        load(root, cache=True)
    assert parsed == ["e.yaml"]  # c.yaml came from the cache; e.yaml is always re-read


def test_a_new_version_starts_afresh(make_map, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_map({"claims/c.yaml": CLAIMS, "evidence/e.yaml": EVIDENCE})
    load(root, cache=True)
    parsed = _spy(monkeypatch)
    load(root, cache=True)
    assert parsed == []
    monkeypatch.setattr(argmap, "__version__", argmap.__version__ + ".post1")
    load(root, cache=True)
    assert sorted(parsed) == ["c.yaml", "e.yaml"]


def test_a_changed_model_starts_afresh(make_map, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_map({"claims/c.yaml": CLAIMS, "evidence/e.yaml": EVIDENCE})
    load(root, cache=True)
    parsed = _spy(monkeypatch)
    monkeypatch.setattr(argmap.cache, "code_key", lambda: "another model")
    load(root, cache=True)
    assert sorted(parsed) == ["c.yaml", "e.yaml"]


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05K\x01.", b"\x80\x05"])
def test_a_corrupt_cache_is_ignored_and_rewritten(
    make_map, cache_home: Path, garbage: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_map({"claims/c.yaml": CLAIMS, "evidence/e.yaml": EVIDENCE})
    expected = _findings(root, cache=True)
    entries = _cache_files(cache_home)
    assert len(entries) == 2
    for entry in entries:
        entry.write_bytes(garbage)
    assert _findings(root, cache=True) == expected
    assert all(entry.read_bytes() != garbage for entry in entries)  # rewritten
    parsed = _spy(monkeypatch)
    assert _findings(root, cache=True) == expected
    assert parsed == []


def test_an_unwritable_cache_directory_is_no_error(make_map, monkeypatch, tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(blocker / "cache"))
    root = make_map({"claims/c.yaml": CLAIMS, "evidence/e.yaml": EVIDENCE})
    assert _errors(root) == [("AM201", 4)]


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"ARGMAP_CACHE_DIR": "/x/y"}, Path("/x/y")),
        ({"XDG_CACHE_HOME": "/xdg"}, Path("/xdg/argmap")),
        ({"XDG_CACHE_HOME": "relative"}, Path.home() / ".cache" / "argmap"),
        ({}, Path.home() / ".cache" / "argmap"),
    ],
)
def test_cache_dir(environment, expected, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGMAP_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert argmap.cache.cache_dir() == expected


@pytest.mark.parametrize(
    ("arguments", "environment", "cached"),
    [
        (["check", "{map}"], {}, True),
        (["check", "--no-cache", "{map}"], {}, False),
        (["--no-cache", "check", "{map}"], {}, False),
        (["check", "{map}"], {"ARGMAP_NO_CACHE": "1"}, False),
    ],
)
def test_cli_uses_the_cache_unless_told_not_to(
    make_map, cache_home: Path, arguments, environment, cached, monkeypatch
) -> None:
    root = make_map({"claims/c.yaml": CLAIMS, "evidence/e.yaml": EVIDENCE})
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    args = [a.format(map=root) for a in arguments] + ["--format", "json"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 1, first.output
    assert bool(_cache_files(cache_home)) is cached
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 1
    assert json.loads(second.stdout) == json.loads(first.stdout)
    assert [f["code"] for f in json.loads(first.stdout) if f["severity"] == "error"] == ["AM201"]
    # The next command without the flag uses the cache again.
    monkeypatch.delenv("ARGMAP_NO_CACHE", raising=False)
    third = CliRunner().invoke(cli, ["check", str(root), "--format", "json"])
    assert third.exit_code == 1
    assert _cache_files(cache_home)


def _many_files(make_map, count: int):  # type: ignore[no-untyped-def]
    files = {f"evidence/e{i}.yaml": EVIDENCE.replace("fact", f"e{i}") for i in range(count)}
    return make_map(files)


def test_no_progress_bar_in_a_pipe(make_map) -> None:
    root = _many_files(make_map, 60)
    result = CliRunner().invoke(cli, ["check", str(root)])
    assert result.exit_code == 0, result.output
    assert "Reading the map" not in result.stderr


@pytest.mark.parametrize(("count", "shown"), [(60, True), (5, False)])
def test_progress_bar_on_a_terminal(make_map, monkeypatch, count: int, shown: bool) -> None:
    root = _many_files(make_map, count)
    import argmap.cli as cli_module

    # Progress stays off under CI and on a dumb terminal (tests/test_progress.py).
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("ARGMAP_NO_PROGRESS", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(cli_module, "_SHOW_PROGRESS", True)

    class Terminal:
        def __init__(self) -> None:
            self.text = ""

        def write(self, text: str) -> int:
            self.text += text
            return len(text)

        def flush(self) -> None:
            pass

        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(cli_module.sys, "stderr", terminal)
    load_map = cli_module._load(str(root))
    assert len(load_map.evidence) == count
    assert ("Reading the map" in terminal.text) is shown
    if shown:
        assert f"{count}/{count}" in terminal.text


def test_an_entry_keeps_every_position_and_its_sharing(make_map) -> None:
    from argmap.span import Span

    root = make_map({"claims/c.yaml": CLAIMS, "evidence/e.yaml": EVIDENCE})
    records = list(load(root).claims.values())
    read = pickle.loads(argmap.cache.dumps((records, [])))[0]
    for before, after in zip(records, read, strict=True):
        assert after.model_dump() == before.model_dump()
        assert (after.where.record, after.where.prefix) == (
            before.where.record,
            before.where.prefix,
        )
        assert after.where.positions == before.where.positions
        assert {type(span) for span in after.where.positions.values()} == {Span}
    # The records of one file share their table of positions, in memory as in the entry.
    assert all(r.where.table is not None for r in records)
    assert len({id(r.where.table) for r in records}) == 1
    assert len({id(r.where.table) for r in read}) == 1


def _same_record(before, after) -> None:  # type: ignore[no-untyped-def]
    assert type(after) is type(before)
    assert after == before
    assert after.__dict__ == before.__dict__
    assert after.model_fields_set == before.model_fields_set
    assert after.model_dump(exclude_unset=True) == before.model_dump(exclude_unset=True)
    assert after.where == before.where
    assert (after.where.record, after.where.prefix) == (before.where.record, before.where.prefix)
    assert after.where.positions == before.where.positions
    assert after.where.of("text") == before.where.of("text")


LINKED = """\
- id: thesis
  kind: thesis
  text: The thesis.
  source: {title: A book, author: Someone}
  anchor: {start: 1, end: 5}
  supported_by:
    - fact
    - id: linked
      premises: [fact, other]
      undercut_by: [other]
      scheme: argument from analogy
  attacked_by: other
  tags: [a, b]
- id: other
  text: Another claim.
"""


def test_an_entry_restores_each_record_as_it_was(make_map) -> None:
    from argmap.model import Claim, Evidence
    from argmap.span import Span

    root = make_map(
        {
            "claims/c.yaml": LINKED,
            "evidence/e.yaml": EVIDENCE,
            "argmap.yaml": "title: T\nsources:\n  s1: {title: S}\nthresholds: {alpha: 0.5}\n",
        }
    )
    amap = load(root)
    records: list[Claim | Evidence] = [*amap.claims.values(), *amap.evidence.values()]
    ids = [("thesis", records[0].span), (42, records[1].where.of("text"))]
    read, read_ids = pickle.loads(argmap.cache.dumps((records, ids)))
    assert read_ids == ids
    # As MapCache stores them: the ids' Spans apart, made again as Spans.
    entry, entry_ids = argmap.cache._entry(argmap.cache._dumps(records, ids))
    assert entry_ids == ids and [type(span) for _, span in entry_ids] == [Span, Span]
    assert entry == records
    assert argmap.cache._entry(argmap.cache._dumps(records, [])) == (records, [])
    for before, after in zip(records, read, strict=True):
        _same_record(before, after)
    # Reasons, sources and anchors come back as the models they were, given fields and all.
    thesis = read[0]
    assert isinstance(thesis, Claim)
    assert thesis.supported_by[1].model_fields_set == {"id", "premises", "undercut_by", "scheme"}
    assert thesis.supported_by[0].model_fields_set == {"premises"}
    assert thesis.source is not None and thesis.source.model_fields_set == {"title", "author"}
    # Sets of given fields are shared again, with the loader's (`argmap.model.share_fields`).
    assert thesis.model_fields_set is records[0].model_fields_set
    assert thesis.supported_by[0].model_fields_set is thesis.attacked_by[0].model_fields_set
    # A restored record is a model like any other: assigning a field leaves the others alone.
    thesis.note = "Changed."
    assert thesis.model_fields_set >= {"note"} and "note" not in read[1].model_fields_set
    config = pickle.loads(argmap.cache.dumps(([amap.config], [])))[0][0]
    assert config == amap.config
    assert config.model_fields_set == amap.config.model_fields_set
    assert config.where == amap.config.where and config.where.of("sources", "s1") == (
        amap.config.where.of("sources", "s1")
    )


def test_an_entry_keeps_other_models_as_pickle_would() -> None:
    from argmap.model import Claim, Where, keep_where
    from argmap.span import Span

    built = Claim(id="c", text="Made in Python.")  # no positions at all
    positioned = Claim.model_validate({"id": "d", "text": "From JSON."})
    keep_where(
        positioned,
        Where(
            Span("m.json", 2, 3),
            {(0,): Span("m.json", 2, 3), (0, "text"): Span("m.json", 4, 5)},
            (0,),
        ),
    )
    assigned = Claim.model_validate({"id": "e", "text": "T."})
    assigned.note = "Assigned later."
    read = pickle.loads(argmap.cache.dumps([built, positioned, assigned]))
    assert read == [built, positioned, assigned]
    assert read[0].where.record == Span("<memory>", 1, 1)
    assert read[1].where.of("text") == Span("m.json", 4, 5)
    assert read[1].where.record == Span("m.json", 2, 3)
    assert [r.model_fields_set for r in read] == [
        {"id", "text"},
        {"id", "text"},
        {"id", "text", "note"},
    ]


def test_an_entry_of_a_model_that_changed_is_no_entry(make_map, monkeypatch) -> None:
    """Values that no longer fit the model's fields make the entry no entry, never half a record."""
    import argmap.entries
    from argmap.model import Claim

    root = make_map({"claims/c.yaml": CLAIMS, "evidence/e.yaml": EVIDENCE})
    expected = _findings(root, cache=True)
    parsed = _spy(monkeypatch)
    monkeypatch.setitem(argmap.entries._FIELDS, Claim, ("id", "text"))
    assert _findings(root, cache=True) == expected
    assert parsed == ["c.yaml"]  # the claims entry did not fit: read afresh


def _packs(home: Path) -> list[Path]:
    return sorted(home.rglob("*.pack")) if home.exists() else []


@pytest.fixture
def packed_map(make_map, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A map of three record files, with loads of two or more new entries written as a pack."""
    monkeypatch.setattr(argmap.cache, "PACK_AT", 2)
    return make_map(
        {
            "claims/c.yaml": CLAIMS,
            "evidence/e.yaml": EVIDENCE,
            "evidence/f.yaml": EVIDENCE.replace("fact", "other-fact"),
        }
    )


def test_many_new_entries_are_written_as_one_pack(
    packed_map: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = _findings(packed_map, cache=False)
    assert _findings(packed_map, cache=True) == fresh
    assert _cache_files(cache_home) == []
    assert len(_packs(cache_home)) == 1
    parsed = _spy(monkeypatch)
    assert _findings(packed_map, cache=True) == fresh
    assert parsed == []  # every file came from the pack
    # One file changed: its entry is a file of its own, and the pack stays as it was.
    pack = _packs(cache_home)[0].read_bytes()
    (packed_map / "evidence" / "e.yaml").write_text(EVIDENCE.replace("A fact.", "B fact."))
    changed = _findings(packed_map, cache=True)
    assert parsed == ["e.yaml"]
    assert len(_cache_files(cache_home)) == 1 and _packs(cache_home)[0].read_bytes() == pack
    parsed.clear()
    assert _findings(packed_map, cache=True) == changed
    assert parsed == []


def test_a_new_pack_keeps_the_entries_read_from_the_old_one(
    packed_map: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(packed_map, cache=True)
    for name in ("e", "f"):
        path = packed_map / "evidence" / f"{name}.yaml"
        path.write_text(path.read_text().replace("reliability: B", "reliability: C"))
    parsed = _spy(monkeypatch)
    expected = _findings(packed_map, cache=True)
    assert sorted(parsed) == ["e.yaml", "f.yaml"]
    assert len(_packs(cache_home)) == 1 and _cache_files(cache_home) == []
    parsed.clear()
    assert _findings(packed_map, cache=True) == expected
    assert parsed == []  # c.yaml's entry came over from the old pack


@pytest.mark.parametrize(
    "damage",
    ["empty", "garbage", "truncated", "a broken entry", "a broken index"],
)
def test_a_corrupt_pack_is_ignored_and_rewritten(
    packed_map: Path, cache_home: Path, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _findings(packed_map, cache=True)
    (pack,) = _packs(cache_home)
    data = pack.read_bytes()
    broken = {
        "empty": b"",
        "garbage": b"not a pack at all",
        "truncated": data[: len(data) // 2],
        "a broken entry": data[:20] + b"\xff" * 40 + data[60:],
        "a broken index": data[:-40] + b"\x00" * 32 + data[-8:],
    }[damage]
    pack.write_bytes(broken)
    assert _findings(packed_map, cache=True) == expected
    parsed = _spy(monkeypatch)
    assert _findings(packed_map, cache=True) == expected
    assert parsed == []  # what could not be read was written again
