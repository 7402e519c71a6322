"""Writing a full check's caches beside the checks (`argmap.cache_writer`), or here.

Each test compares what a check with the other process leaves behind with what one process
leaves, or shows that a failure there costs a later check time and nothing else.
"""

from __future__ import annotations

import importlib
import multiprocessing
import threading
from pathlib import Path

import pytest

from argmap import cache_writer, incremental, recheck
from argmap.cache import MapCache
from argmap.errors import MapLoadError
from argmap.load import load
from argmap.recheck import check_map
from conftest import write_map

# The module: ``argmap.load`` is also the name of its function.
load_module = importlib.import_module("argmap.load")


def _map(root: Path, files: int = 6) -> Path:
    """A map of ``files`` claim files, one unsupported claim each, and one evidence file."""
    texts = {
        f"claims/c{index}.yaml": (
            f"- id: c{index}\n  text: Claim {index}.\n  supported_by: [c{index + 1}, e1]\n"
            f"- id: lone{index}\n  text: Nothing holds this up.\n"
        )
        for index in range(files)
    }
    texts["evidence/e.yaml"] = (
        "id: e1\nkind: statistic\nsummary: S.\nreliability: B\ncredibility: 2\n"
    )
    return write_map(root, texts)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every map of any size is written aside; the list counts the processes started."""
    monkeypatch.setattr(cache_writer, "ASIDE_FROM", 1)
    started: list[int] = []
    real = cache_writer.CacheWriter._fork

    def counting(self: cache_writer.CacheWriter) -> None:
        real(self)
        started.append(self.process.pid)

    monkeypatch.setattr(cache_writer.CacheWriter, "_fork", counting)
    return started


def _cache(monkeypatch: pytest.MonkeyPatch, where: Path) -> None:
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(where))


def _state(root: Path) -> tuple:
    base = recheck.base_key(root)
    assert base is not None
    state = incremental.read_state(base)
    assert state is not None
    # All but the format and the token, which is random.
    return state.map_data()[2:], state.findings_data()[2:]


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file was parsed again")

    monkeypatch.setattr(load_module, "_parse_file", never)


def test_two_processes_leave_the_caches_one_leaves(tmp_path, monkeypatch, forks):
    root = _map(tmp_path / "map")
    _cache(monkeypatch, tmp_path / "one")
    alone = check_map(root, cache=True, jobs=1)
    state_alone = _state(root)
    _cache(monkeypatch, tmp_path / "two")
    aside = check_map(root, cache=True, jobs=2)
    assert len(forks) == 1
    assert aside.findings == alone.findings
    assert "AM201" in [finding.code for finding in aside.findings]
    assert _state(root) == state_alone
    _no_parsing(monkeypatch)  # every entry is in the cache the other process wrote
    assert load(root, cache=True).claims == alone.map.claims


def test_a_re_check_starts_from_the_state_the_other_process_wrote(tmp_path, monkeypatch, forks):
    root = _map(tmp_path / "map")
    _cache(monkeypatch, tmp_path / "cache")
    check_map(root, cache=True, jobs=2)
    edited = root / "claims" / "c2.yaml"
    edited.write_text(edited.read_text("utf-8").replace("Claim 2.", "Claim two."), "utf-8")
    again = check_map(root, cache=True, jobs=2)
    assert again.incremental
    assert again.findings == check_map(root).findings


def test_a_failing_other_process_says_nothing_and_costs_the_next_check_time(
    tmp_path, monkeypatch, capfd, forks
):
    root = _map(tmp_path / "map")
    _cache(monkeypatch, tmp_path / "cache")

    def failing(*args: object) -> None:
        raise RuntimeError("broken")

    monkeypatch.setattr(incremental, "map_facts", failing)  # only the other process asks
    run = check_map(root, cache=True, jobs=2)
    assert forks and run.findings == check_map(root).findings
    assert capfd.readouterr().err == ""
    base = recheck.base_key(root)
    assert base is not None and incremental.read_state(base) is None
    monkeypatch.undo()
    _cache(monkeypatch, tmp_path / "cache")
    edited = root / "claims" / "c2.yaml"
    edited.write_text(edited.read_text("utf-8") + "- id: extra\n  text: More.\n", "utf-8")
    later = check_map(root, cache=True, jobs=2)
    assert not later.incremental and later.findings == check_map(root).findings


@pytest.mark.parametrize("failure", [RuntimeError("a bug"), KeyboardInterrupt()])
def test_a_check_that_fails_leaves_the_entries_and_no_state(tmp_path, monkeypatch, forks, failure):
    root = _map(tmp_path / "map")
    _cache(monkeypatch, tmp_path / "cache")
    import argmap.checks

    def failing(*args: object, **kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(argmap.checks, "check", failing)
    with pytest.raises(type(failure)):
        check_map(root, cache=True, jobs=2)
    assert len(forks) == 1 and not multiprocessing.active_children()  # it was waited for
    base = recheck.base_key(root)
    assert base is not None and incremental.read_state(base) is None
    _no_parsing(monkeypatch)
    assert len(load(root, cache=True).claims) == 12


def test_small_maps_one_job_and_running_threads_write_here(tmp_path, monkeypatch, forks):
    root = _map(tmp_path / "map")
    monkeypatch.setattr(cache_writer, "ASIDE_FROM", 100)
    _cache(monkeypatch, tmp_path / "small")
    check_map(root, cache=True, jobs=2)
    monkeypatch.setattr(cache_writer, "ASIDE_FROM", 1)
    _cache(monkeypatch, tmp_path / "one-job")
    check_map(root, cache=True, jobs=1)
    _cache(monkeypatch, tmp_path / "threads")
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        check_map(root, cache=True, jobs=2)
    finally:
        release.set()
        waiting.join()
    assert forks == []
    assert _state(root)  # written all the same


def test_a_check_as_of_a_date_keeps_no_state(tmp_path, monkeypatch, forks):
    root = _map(tmp_path / "map")
    _cache(monkeypatch, tmp_path / "cache")
    run = check_map(root, cache=True, jobs=2, as_of="2020")
    assert forks and run.as_of is not None
    base = recheck.base_key(root)
    assert base is not None and incremental.read_state(base) is None
    _no_parsing(monkeypatch)  # the entries are written all the same
    load(root, cache=True)


def test_a_map_that_fails_to_load_still_caches_its_good_files(tmp_path, monkeypatch):
    root = _map(tmp_path / "map")
    (root / "claims" / "broken.yaml").write_text("- id: x\n  text: [unclosed\n", "utf-8")
    _cache(monkeypatch, tmp_path / "cache")
    with pytest.raises(MapLoadError):
        check_map(root, cache=True, jobs=2)
    parsed: list[str] = []
    real = load_module._parse_file

    def counting(file: Path, *args: object) -> object:
        parsed.append(file.name)
        return real(file, *args)

    monkeypatch.setattr(load_module, "_parse_file", counting)
    with pytest.raises(MapLoadError):
        check_map(root, cache=True, jobs=2)
    assert parsed == ["broken.yaml"]


def test_a_load_given_the_cache_leaves_saving_it_to_the_caller(tmp_path, monkeypatch):
    root = _map(tmp_path / "map")
    _cache(monkeypatch, tmp_path / "cache")
    store = MapCache(root)
    load(root, cache=store)
    assert len(store.pending) == 7
    assert not (tmp_path / "cache").exists()
    store.save()
    _no_parsing(monkeypatch)
    assert len(load(root, cache=True).claims) == 12


def test_findings_that_fit_no_component_drop_the_stored_state(tmp_path, monkeypatch, forks):
    root = _map(tmp_path / "map")
    _cache(monkeypatch, tmp_path / "cache")
    check_map(root, cache=True, jobs=2)
    assert _state(root)
    from argmap.incremental import state as state_module

    monkeypatch.setattr(state_module, "place", lambda *args: None)
    (root / "claims" / "new.yaml").write_text("- id: new\n  text: New.\n", "utf-8")
    run = check_map(root, cache=True, jobs=2)  # a file added: a full check
    assert len(forks) == 2 and not run.incremental
    base = recheck.base_key(root)
    assert base is not None and incremental.read_state(base) is None
    assert not incremental.state_path(base).exists()
