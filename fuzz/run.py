"""Build the seed corpora and run every atheris harness for a fixed time, one after another.

    python fuzz/run.py [--seconds 60] [--work build/fuzz] [TARGET ...]

TARGETs are ``load`` (`fuzz/fuzz_load.py`) and the importers aif, argdown, carneades, json,
kialo, microtext (`fuzz/fuzz_import.py`); all by default. Seeds come from this repository's own
map, the student maps under tests/fixtures, the inline samples of tests/test_fuzz_importers.py,
and the real files in ../shared/corpora when that folder is there. They are copied into
``WORK/corpus/TARGET`` (which libFuzzer then grows with the inputs it finds interesting); never
commit it. A crash leaves its input in ``WORK/artifacts`` and makes the exit status 1. The table
printed at the end gives, per target, the executions, the seeds and new inputs, and crashes.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPORA = REPO.parent / "shared" / "corpora"
IMPORTERS = ("aif", "argdown", "carneades", "json", "kialo", "microtext")
TARGETS = ("load", *IMPORTERS)
MAX_LEN = 16_384  # libFuzzer's -max_len: longer seeds are cut there
SEEDS_PER_SOURCE = 40
FOREIGN = {
    "aif": ("aif", "*.json"),
    "argdown": ("argdown", "*.argdown"),
    "carneades": ("carneades", "*.yml"),
    "kialo": ("kialo", "*.txt"),
    "microtext": ("microtexts", "*.xml"),
}
LOAD_FILES = {"claims": 0, "evidence": 1}  # fuzz_load.py: first byte 0 claims, 1 evidence, 2 config


def _samples() -> dict[str, bytes]:
    """The small valid files of tests/test_fuzz_importers.py, by format."""
    path = REPO / "tests" / "test_fuzz_importers.py"
    spec = importlib.util.spec_from_file_location("argmap_fuzz_samples", path)
    if spec is None or spec.loader is None or not path.is_file():
        return {}
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))  # it imports tests/fuzzing.py
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return {name: text.encode("utf-8") for name, (text, _) in module.SAMPLES.items()}


def _map_folders() -> Iterator[Path]:
    yield REPO
    yield from sorted((REPO / "tests" / "fixtures" / "student-maps").glob("*"))


def _load_seeds() -> Iterator[bytes]:
    for folder in _map_folders():
        for name, selector in LOAD_FILES.items():
            for path in sorted((folder / name).glob("*.yaml")):
                yield bytes([selector]) + path.read_bytes()
        if (folder / "argmap.yaml").is_file():
            yield b"\x02" + (folder / "argmap.yaml").read_bytes()


def _json_seeds() -> Iterator[bytes]:
    from argmap import formats
    from argmap.load import load

    for folder in _map_folders():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "map.json"
            try:
                formats.get("json").write(load(folder), out)
            except Exception as error:  # noqa: BLE001 (a seed less: the fuzzing itself can go on)
                print(f"no JSON seed from {folder}: {error!r}", file=sys.stderr)
                continue
            yield out.read_bytes()


def _foreign_seeds(target: str) -> Iterator[bytes]:
    if target not in FOREIGN or not CORPORA.is_dir():
        return
    folder, pattern = FOREIGN[target]
    files = sorted(p for p in (CORPORA / folder).rglob(pattern) if p.stat().st_size <= MAX_LEN)
    # An even spread over the corpus, the same every time.
    step = max(1, len(files) // SEEDS_PER_SOURCE)
    yield from (p.read_bytes() for p in files[::step][:SEEDS_PER_SOURCE])
    if target == "kialo":  # the one Kialo export is large: its head is still a Kialo file
        yield from (p.read_bytes()[:MAX_LEN] for p in (CORPORA / folder).rglob(pattern))


def seeds(target: str) -> list[bytes]:
    found: list[bytes] = []
    if target == "load":
        found += _load_seeds()
    else:
        sample = _samples().get(target)
        found += [sample] if sample else []
        found += _foreign_seeds(target)
        if target == "json":
            found += _json_seeds()
    return found


def build_corpus(target: str, folder: Path) -> int:
    """Write the seeds of ``target`` into ``folder`` (named by content); how many there are."""
    folder.mkdir(parents=True, exist_ok=True)
    found = seeds(target)
    for data in found:
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return len(found)


def harness(target: str) -> list[str]:
    if target == "load":
        return [sys.executable, str(HERE / "fuzz_load.py")]
    return [sys.executable, str(HERE / "fuzz_import.py"), target]


def run(target: str, seconds: int, work: Path) -> dict[str, object]:
    corpus = work / "corpus" / target
    artifacts = work / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    seeded = build_corpus(target, corpus)
    command = [
        *harness(target),
        f"-max_total_time={seconds}",
        f"-max_len={MAX_LEN}",
        "-timeout=20",
        "-rss_limit_mb=2048",
        "-print_final_stats=1",
        f"-artifact_prefix={artifacts}/{target}-",
        str(corpus),
    ]
    log = work / f"{target}.log"
    with log.open("w", encoding="utf-8") as out:
        out.write(" ".join(command) + "\n")
        out.flush()
        done = subprocess.run(command, check=False, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    text = log.read_text(encoding="utf-8", errors="replace")

    def stat(name: str) -> int:
        match = re.search(rf"stat::{name}:\s+(\d+)", text)
        return int(match[1]) if match else 0

    crashed = done.returncode != 0 or "==ERROR" in text or "Uncaught Python exception" in text
    return {
        "target": target,
        "seconds": seconds,
        "execs": stat("number_of_executed_units"),
        "seeds": seeded,
        "new": stat("new_units_added"),
        "crashed": crashed,
        "log": log,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=", ".join(TARGETS))
    parser.add_argument("--seconds", type=int, default=60, help="per target (default 60)")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "fuzz")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.targets) - set(TARGETS))
    if unknown:
        parser.error(f"unknown target {', '.join(unknown)}; expected some of: {', '.join(TARGETS)}")
    results = [run(target, args.seconds, args.work) for target in args.targets or TARGETS]
    table = io.StringIO()
    table.write(f"{'target':<10} {'seconds':>7} {'execs':>10} {'seeds':>6} {'new':>6}  result\n")
    for r in results:
        verdict = f"CRASH (see {r['log']})" if r["crashed"] else "no crash"
        table.write(
            f"{r['target']:<10} {r['seconds']:>7} {r['execs']:>10} {r['seeds']:>6} "
            f"{r['new']:>6}  {verdict}\n"
        )
    print(table.getvalue(), end="")
    return 1 if any(r["crashed"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
