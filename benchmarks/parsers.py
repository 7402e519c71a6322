"""How fast could argmap read YAML? Each candidate parser on the same map files, in one process.

    python benchmarks/parsers.py                       # the 100,000-record map from run.py
    python benchmarks/parsers.py --records 10000 --runs 5

Candidates (each timed only if importable; install the optional ones into a scratch
directory and put it on PYTHONPATH, e.g. ``pip install --target /tmp/fastyaml yaml-rs``):

- ``argmap`` — what argmap does: `argmap.yamlread.parse_yaml`, libyaml's event stream turned
  into data with the line and column of every key and value (the loader's errors, duplicate
  keys, alias budget and depth limit all live here), by argmap's C reader (src/argmap/_fastyaml.c)
  where it was built, and by the Python reader alone (``ARGMAP_YAML_READER=python``);
- ``argmap + validate`` — the above plus the pydantic records (`argmap.load.read_record_file`);
- ``parallel (2 processes)`` — the same with a fork pool of two, records pickled back;
- ``PyYAML CSafeLoader`` — libyaml composing nodes in C: data only, no positions;
- ``yaml_rs``, ``ryaml``, ``yaml12`` (py-yaml12), Rust parsers on PyPI: data only.

Prints the median of ``--runs`` runs, MB/s and the ratio to argmap's own parser. The page
cache is warmed first; the garbage collector is paused, as the CLI pauses it.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


# benchmarks/run.py's helpers (generated maps, timing a process, tables); benchmarks/ is no package.
sys.path.insert(0, str(HERE))
import run

_ROOT = Path()


def _validated(file: Path) -> int:
    from argmap.limits import active
    from argmap.load import _display_path, read_record_file
    from argmap.model import Claim, Evidence

    gc.disable()
    model = Claim if file.parent.name == "claims" else Evidence
    records, _, problems = read_record_file(file, _display_path(file, _ROOT), model, active())
    assert not problems, problems[:1]
    return len(records)


def candidates(files: list[Path]) -> dict[str, Callable[[], object]]:
    texts = [file.read_text(encoding="utf-8") for file in files]
    found: dict[str, Callable[[], object]] = {}
    from argmap import yamlread
    from argmap.yamlread import parse_yaml

    reader = "C reader" if yamlread._fastyaml is not None else "Python reader, C reader not built"
    found[f"argmap, {reader} (positions)"] = lambda: [parse_yaml(t, "f.yaml") for t in texts]

    def python_reader() -> object:
        os.environ[yamlread.READER_VARIABLE] = "python"
        try:
            return [parse_yaml(text, "f.yaml") for text in texts]
        finally:
            del os.environ[yamlread.READER_VARIABLE]

    if yamlread._fastyaml is not None:
        found["argmap, Python reader (positions)"] = python_reader
    found["argmap + validate"] = lambda: [_validated(file) for file in files]

    def parallel() -> object:
        with get_context("fork").Pool(2) as pool:
            return pool.map(_validated, files, chunksize=8)

    found["argmap + validate, 2 processes"] = parallel
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found["PyYAML CSafeLoader (no positions)"] = lambda: [
        yaml.load(text, Loader=loader) for text in texts
    ]
    for module_name, function_name in (("yaml_rs", "loads"), ("ryaml", "loads")):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        function: Callable[[str], object] = getattr(module, function_name)

        def parse_all(parse: Callable[[str], object] = function) -> object:
            return [parse(text) for text in texts]

        found[f"{module_name} (no positions)"] = parse_all
    try:
        yaml12 = importlib.import_module("yaml12")
    except ImportError:
        pass
    else:
        found["py-yaml12 (no positions)"] = lambda: [yaml12.parse_yaml(text) for text in texts]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    global _ROOT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=REPO / "bench-data")
    args = parser.parse_args(argv)
    root, _ = run.ensure_map(args.data, args.records, args.seed)
    _ROOT = root
    files = sorted((root / "claims").glob("*.yaml")) + sorted((root / "evidence").glob("*.yaml"))
    megabytes = sum(file.stat().st_size for file in files) / 1e6
    gc.disable()
    rows = []
    base = None
    for name, function in candidates(files).items():
        seconds = []
        for _ in range(args.runs):
            start = time.perf_counter()
            function()
            seconds.append(time.perf_counter() - start)
            gc.collect()
        median = statistics.median(seconds)
        base = base or median
        rows.append((name, f"{median:.2f} s", f"{megabytes / median:.1f}", f"{median / base:.2f}"))
    print(f"{len(files)} files, {megabytes:.1f} MB ({args.records:,} records); {run.machine()}")
    print()
    print(run.table(("parser", f"median of {args.runs}", "MB/s", "x argmap"), rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
