"""The atheris harnesses of fuzz/ run, each for one second, and find no crash (docs/security.md).

A smoke run that keeps the harnesses working in CI (about 2 s a target); the long runs are
``make fuzz`` (fuzz/run.py). Skipped where atheris is not installed (it is in the ``test`` extra
on Linux x86-64, where PyPI has wheels of it).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip(
    "atheris", reason="atheris is not installed (pip install -e '.[test]' on Linux x86-64)"
)

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.fuzz


def _runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("argmap_fuzz_run", REPO / "fuzz" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RUN = _runner()


@pytest.mark.parametrize("target", RUN.TARGETS)
def test_atheris_harness_runs_a_second_without_a_crash(tmp_path: Path, target: str) -> None:
    result = RUN.run(target, 1, tmp_path)
    log = Path(result["log"]).read_text(encoding="utf-8", errors="replace")
    assert not result["crashed"], log[-4000:]
    assert result["execs"] > 0, log[-4000:]
    assert result["seeds"] >= 1
