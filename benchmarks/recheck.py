"""Time ``argmap check`` cold, re-run on an unchanged map, and re-run after one file changed.

    python benchmarks/recheck.py                      # 100,000 records, 5 runs of each
    python benchmarks/recheck.py --records 10000 --runs 7

The map comes from ``benchmarks/generate.py`` (cached in ``bench-data/`` like ``run.py``'s) and
is copied to a temporary directory, since one scenario edits it. Every run is a whole process,
``argmap check MAP --quiet`` (findings as text, as people run it) with its own cache directory
(``ARGMAP_CACHE_DIR``):

- **cold**: an empty cache directory for each run (nothing parsed before);
- **unchanged**: the same cache directory, filled by one untimed run first;
- **one file changed**: before each run one claims file gets a claim appended that no earlier
  run has seen, so exactly one file differs from what the caches hold;
- **one claim edited**: the text of one claim in the middle of that file changes (no line
  moves, so one record differs, and its component is checked again);
- **a claim inserted first**: a new claim goes in at the top of that file, which moves every
  other record of the file down (their findings move with them).

In the last three, each run edits the file once more (a claim appended after the last run's,
the same claim's text changed again, a claim inserted above the last run's), starting from
the original file.

The table gives the median, minimum and maximum wall time, the median's ratio to cold, and
the peak resident memory (GNU ``/usr/bin/time -f %M``). Each scenario must print the same
findings as a ``--no-cache`` run of the same map (for "one file changed": of the map as
edited), or the benchmark fails (exit 1).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

EXTRA_CLAIM = "\n- id: benchmark-extra-claim\n  text: A claim added by benchmarks/recheck.py.\n"


# benchmarks/run.py's helpers (generated maps, timing a process, tables); benchmarks/ is no package.
sys.path.insert(0, str(HERE))
import run


def _check(command: list[str], root: Path, cache: Path, time_path: str | None) -> Any:
    os.environ["ARGMAP_CACHE_DIR"] = str(cache)
    result = run.run_process([*command, "check", str(root), "--quiet"], time_path)
    if result.status not in (0, 1):
        raise SystemExit(f"recheck: argmap exited {result.status}: {result.stderr[-500:]}")
    return result


def _extra_claim(index: int) -> str:
    return EXTRA_CLAIM.replace("extra-claim", f"extra-claim-{index}")


def _say(scenario: str, result: Any) -> None:
    peak = result.peak_kib / 1024
    print(
        f"recheck: {scenario}: {result.seconds:.2f} s, {peak:.0f} MiB", file=sys.stderr, flush=True
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="Map size (default 100,000).")
    parser.add_argument("--runs", type=int, default=5, help="Timed runs per scenario (default 5).")
    parser.add_argument("--seed", type=int, default=1, help="Generator seed (default: 1).")
    parser.add_argument(
        "--data", type=Path, default=REPO / "bench-data", help="Where generated maps are kept."
    )
    args = parser.parse_args(argv)

    time_path = run.gnu_time()
    command = run.argmap_command()
    source, _ = run.ensure_map(args.data, args.records, args.seed)
    with tempfile.TemporaryDirectory(prefix="argmap-recheck-") as tmp:
        root = Path(tmp) / "map"
        shutil.copytree(source, root)
        run.warm_cache(root)
        edited = max((root / "claims").glob("*.yaml"))
        original = edited.read_bytes()

        def expected() -> str:
            reference = _check([*command, "--no-cache"], root, Path(tmp) / "none", time_path)
            return str(reference.stdout)

        times: dict[str, list[Any]] = {
            "cold": [],
            "unchanged": [],
            "one file changed": [],
            "one claim edited": [],
            "a claim inserted first": [],
        }
        failures: list[str] = []
        plain = expected()
        for index in range(args.runs):
            result = _check(command, root, Path(tmp) / f"cold-{index}", time_path)
            times["cold"].append(result)
            _say("cold", result)
            if result.stdout != plain:
                failures.append("cold")
        warm = Path(tmp) / "warm"
        _check(command, root, warm, time_path)
        for _ in range(args.runs):
            result = _check(command, root, warm, time_path)
            times["unchanged"].append(result)
            _say("unchanged", result)
            if result.stdout != plain:
                failures.append("unchanged")
        text = original.decode("utf-8")
        # A claim's text on one line, unquoted, past the middle of the file: prefixing a word
        # keeps it valid YAML and keeps every line where it was.
        one_line_text = re.compile(
            r"^  text: (?=[^'\"\n])[^\n]*\n(?=  [a-z_]+:|- |\n|\Z)", re.MULTILINE
        )
        found = one_line_text.search(text, len(text) // 2) or one_line_text.search(text)
        if found is None:
            raise SystemExit(f"recheck: no one-line claim text to edit in {edited}")
        middle = found.start() + len("  text: ")
        # Each run edits the file once more, as a person at work does; every scenario starts
        # from the original file, re-checked so that argmap's state holds it.
        for scenario, edit in (
            # Claims never seen before, so neither cache has this file's new bytes.
            ("one file changed", lambda i: text + "".join(map(_extra_claim, range(i + 1)))),
            ("one claim edited", lambda i: f"{text[:middle]}Edited {i} {text[middle:]}"),
            (
                "a claim inserted first",
                lambda i: "".join(_extra_claim(j).lstrip("\n") for j in range(i, -1, -1)) + text,
            ),
        ):
            edited.write_bytes(original)
            # Without the stored runs the check goes through the state, which then holds the
            # original file (a stored run answers without touching the state).
            shutil.rmtree(warm / "runs", ignore_errors=True)
            _check(command, root, warm, time_path)
            for index in range(args.runs):
                edited.write_bytes(edit(index).encode("utf-8"))
                wanted = expected()
                result = _check(command, root, warm, time_path)
                times[scenario].append(result)
                _say(scenario, result)
                if result.stdout != wanted:
                    failures.append(scenario)
        edited.write_bytes(original)

    cold = statistics.median(r.seconds for r in times["cold"])
    print(f"argmap check on {args.records:,} records; {args.runs} runs each; {run.machine()}")
    print()
    rows = []
    for scenario, results in times.items():
        seconds = [r.seconds for r in results]
        median = statistics.median(seconds)
        rows.append(
            (
                scenario,
                run.seconds(median),
                f"{run.seconds(min(seconds))}-{run.seconds(max(seconds))}",
                f"{median / cold:.2f}",
                f"{max(r.peak_kib for r in results) / 1024:.0f} MiB",
            )
        )
    print(run.table(("scenario", "median", "min-max", "x cold", "peak RSS"), rows))
    if failures:
        print(f"recheck: findings differed from a --no-cache run in: {sorted(set(failures))}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
