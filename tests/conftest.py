"""Shared fixtures: small maps written inline as {relative path: YAML text}."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

MapFactory = Callable[[dict[str, str]], Path]


def write_map(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` ({"claims/c.yaml": "...", ...}) under ``root``; YAML is dedented."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "claims").mkdir(exist_ok=True)
    (root / "evidence").mkdir(exist_ok=True)
    return root


@pytest.fixture
def make_map(tmp_path: Path) -> MapFactory:
    counter = iter(range(1_000_000))

    def factory(files: dict[str, str]) -> Path:
        return write_map(tmp_path / f"map{next(counter)}", files)

    return factory


def has_dot() -> bool:
    return shutil.which("dot") is not None


needs_dot = pytest.mark.skipif(not has_dot(), reason="Graphviz `dot` is not installed")


@pytest.fixture(autouse=True)
def _private_parse_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Tests never read or write the user's real parse cache (~/.cache/argmap)."""
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "argmap-cache"))


@pytest.fixture(scope="module", params=["c", "python"])
def both_yaml_readers(request: pytest.FixtureRequest):
    """Run a module's tests with each YAML reader of `argmap.yamlread`.

    ``c`` is argmap's C reader of the common case (with the Python reader taking over wherever it
    gives up); ``python`` is the Python reader alone. Every behaviour of the loader must be the same
    with both. Module-scoped (hypothesis refuses function-scoped fixtures in its tests), so it sets
    the variable itself; subprocesses inherit it.
    """
    from argmap import yamlread

    if request.param == "c" and yamlread._fastyaml is None:
        pytest.skip("argmap's C reader (argmap._fastyaml) was not built: no C compiler or libyaml")
    before = os.environ.get(yamlread.READER_VARIABLE)
    if request.param == "python":
        os.environ[yamlread.READER_VARIABLE] = "python"
    else:
        os.environ.pop(yamlread.READER_VARIABLE, None)
    yield request.param
    if before is None:
        os.environ.pop(yamlread.READER_VARIABLE, None)
    else:
        os.environ[yamlread.READER_VARIABLE] = before
