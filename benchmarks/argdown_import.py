"""Time the Argdown importer on a large generated Argdown file.

    python benchmarks/argdown_import.py [--records 50000] [--runs 3] [--seed 1] [--keep DIR]

Generates a map of N records with `generate.py` (half claims, half evidence), exports it to
Argdown with argmap's own exporter (every record becomes a statement, every linked, named or
undercut reason a reconstructed argument, the fields Argdown has no syntax for {argmap: ...}
data blocks), then reads that file back ``--runs`` times, each in a fresh process, and prints
the median, minimum and maximum of `argmap.formats.argdown.read` (tokenize, parse, map onto
argmap's records; no interpreter start-up, no writing). It also checks that the file comes
back as the same map: a benchmark of a wrong import would mean nothing.

Exit status: 0 measured; 1 the round trip changed the map; 2 bad usage.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from argmap.argument_map import ArgumentMap

ROOT = Path(__file__).resolve().parent.parent
TIMED = """
import sys, time
from argmap.formats import argdown
start = time.perf_counter()
conversion = argdown.read(sys.argv[1])
print(time.perf_counter() - start, len(conversion.map.claims) + len(conversion.map.evidence))
"""


def export(records: int, seed: int, workdir: Path) -> Path:
    """Generate a map of ``records`` records and write it as an Argdown file; its path."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate  # type: ignore[import-not-found]
    from argmap.formats import argdown
    from argmap.load import load

    folder = workdir / f"map-{records}"
    if generate.main(
        ["--records", str(records), "--out", str(folder), "--seed", str(seed), "--force"]
    ):
        raise SystemExit(2)
    amap = load(folder)
    target = workdir / f"map-{records}.argdown"
    started = time.perf_counter()
    report = argdown.write(amap, target, force=True)
    print(
        f"argdown: exported {records:,} records to {target} "
        f"({target.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.2f} s; "
        + ("nothing lost" if report.lossless else f"{len(report.losses)} losses"),
        file=sys.stderr,
    )
    back = argdown.read(target).map
    if dumped(back) != dumped(amap):
        print("argdown: the file does not read back as the same map", file=sys.stderr)
        raise SystemExit(1)
    return target


def dumped(amap: ArgumentMap) -> tuple[dict[str, Any], dict[str, Any]]:
    records = {r.id: r.model_dump() for r in (*amap.claims.values(), *amap.evidence.values())}
    return records, amap.config.model_dump()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the Argdown importer on a generated file.")
    parser.add_argument("--records", type=int, default=50_000, help="Records (default: 50000).")
    parser.add_argument("--runs", type=int, default=3, help="Timed reads (default: 3).")
    parser.add_argument("--seed", type=int, default=1, help="Random seed (default: 1).")
    parser.add_argument("--keep", type=Path, help="Write the map and file here, and keep them.")
    args = parser.parse_args(argv)
    if args.records < 2 or args.runs < 1:
        parser.error("--records must be at least 2 and --runs at least 1")
    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.keep or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        target = export(args.records, args.seed, workdir)
        times = []
        for _ in range(args.runs):
            done = subprocess.run(
                [sys.executable, "-c", TIMED, str(target)],
                check=True,
                capture_output=True,
                text=True,
            )
            seconds, count = done.stdout.split()
            times.append(float(seconds))
    print(
        f"argdown: read {int(count):,} statements in {statistics.median(times):.2f} s "
        f"(median of {len(times)}; min {min(times):.2f} s, max {max(times):.2f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
