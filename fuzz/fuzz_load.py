"""Fuzz the map loader with atheris: bytes as one file of a map, loaded and checked.

The first byte of an input picks the file it becomes (``claims/c.yaml``, ``evidence/e.yaml`` or
``argmap.yaml``); the rest is its content. The other two files hold a small valid map. The map is
loaded with `argmap.load.load` and, when it loads, checked with `argmap.checks.check`.

    python fuzz/fuzz_load.py [libFuzzer options] [corpus folder ...]

`fuzz/run.py` builds a seed corpus and runs every harness for a fixed time (``make fuzz``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import clean_or_ok

with atheris.instrument_imports(include=["argmap"]):
    from argmap.checks import check
    from argmap.load import load

TARGETS = ("claims/c.yaml", "evidence/e.yaml", "argmap.yaml")
VALID = {
    "argmap.yaml": b"title: Tea\nsource: {title: An article}\n",
    "claims/c.yaml": (
        b"- id: tea\n  kind: thesis\n  text: Tea is healthy.\n  supported_by: [trial]\n"
        b"  attacked_by: [stain]\n- {id: stain, text: Tea stains teeth.}\n"
    ),
    "evidence/e.yaml": b"id: trial\nkind: statistic\nsummary: A trial found so.\n",
}

ROOT = Path(tempfile.mkdtemp(prefix="argmap-fuzz-load-"))
(ROOT / "claims").mkdir()
(ROOT / "evidence").mkdir()


def _in_map(path: str) -> bool:
    return path.startswith(str(ROOT))


def _load_and_check() -> None:
    check(load(ROOT))


def test_one_input(data: bytes) -> None:
    if not data:
        return
    target = TARGETS[data[0] % len(TARGETS)]
    for name, content in VALID.items():
        (ROOT / name).write_bytes(data[1:] if name == target else content)
    clean_or_ok(_load_and_check, _in_map)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
