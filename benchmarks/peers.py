"""argmap beside the two peers a user would otherwise pick, on the same synthetic map.

    python benchmarks/peers.py                        # 5,000 and 50,000 statements, 3 runs each
    python benchmarks/peers.py --sizes 5000 --runs 5

``benchmarks/generate.py`` writes a map of N records (statements); ``argmap export`` writes the
same map as Argdown text and as AIF JSON. Then, alternating the tools run by run (so a slow
moment of the machine hits them all alike), each run is one whole process:

- argmap: ``argmap check MAP --quiet --format json --no-cache`` (a cold check: no cache at all),
  and the same check again on the unchanged map with argmap's caches warm (`argmap.recheck`);
- Argdown: ``argdown json FILE.argdown OUTDIR`` from ``@argdown/cli``, installed with npm into
  ``benchmarks/.peers/`` (gitignored) on first use;
- arguebuf: ``arguebuf.load.aif`` on the AIF JSON plus ``arguebuf.dump.networkx``, in a venv
  at ``benchmarks/.peers/venv`` made with pip on first use.

The table gives each tool's median wall time, its ratio to argmap's (above 1: argmap is
faster) and its peak resident memory (GNU ``/usr/bin/time -f %M``). A peer that cannot be
installed or fails is reported as such, and argmap's numbers are still given.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PEERS = HERE / ".peers"
DATA = REPO / "bench-data" / "peers"

ARGUEBUF_SCRIPT = """\
import json
import sys
import arguebuf
with open(sys.argv[1], encoding="utf-8") as stream:
    graph = arguebuf.load.aif(json.load(stream))
nx_graph = arguebuf.dump.networkx(graph)
print(len(graph.atom_nodes), len(graph.scheme_nodes), nx_graph.number_of_nodes())
"""


# benchmarks/run.py's helpers (generated maps, timing a process, tables); benchmarks/ is no package.
sys.path.insert(0, str(HERE))
import run


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def install_argdown() -> list[str] | None:
    """The command that runs Argdown's CLI, installing it first if need be; None if it cannot."""
    binary = PEERS / "node_modules" / ".bin" / "argdown"
    if not binary.exists():
        if shutil.which("npm") is None:
            _say("peers: Argdown skipped: npm is not installed (Node.js is needed)")
            return None
        PEERS.mkdir(parents=True, exist_ok=True)
        _say("peers: installing @argdown/cli into benchmarks/.peers/ ...")
        result = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "@argdown/cli"],
            cwd=PEERS,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not binary.exists():
            _say(
                f"peers: Argdown skipped: npm install @argdown/cli failed:\n{result.stderr[-2000:]}"
            )
            return None
    return [str(binary)]


def install_arguebuf() -> list[str] | None:
    """The Python of a venv with arguebuf, making it first if need be; None if it cannot."""
    python = PEERS / "venv" / "bin" / "python"
    probe = [str(python), "-c", "import arguebuf, networkx"]
    if python.exists() and subprocess.run(probe, capture_output=True, check=False).returncode == 0:
        return [str(python)]
    PEERS.mkdir(parents=True, exist_ok=True)
    _say("peers: installing arguebuf into benchmarks/.peers/venv ...")
    steps = [
        [sys.executable, "-m", "venv", str(PEERS / "venv")],
        [str(python), "-m", "pip", "install", "--quiet", "arguebuf", "networkx"],
    ]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            _say(f"peers: arguebuf skipped: {' '.join(step[:4])} failed:\n{result.stderr[-2000:]}")
            return None
    if subprocess.run(probe, capture_output=True, check=False).returncode != 0:
        _say("peers: arguebuf skipped: installed, but `import arguebuf` fails")
        return None
    return [str(python)]


def prepare(size: int, argmap: list[str]) -> tuple[Path, Path, Path]:
    """The map of ``size`` statements as argmap YAML, Argdown and AIF JSON (made when missing)."""
    base = DATA / str(size)
    folder, argdown, aif = base / "map", base / "map.argdown", base / "map.json"
    if not (folder.is_dir() and argdown.exists() and aif.exists()):
        if base.exists():
            shutil.rmtree(base)
        base.mkdir(parents=True)
        run.generate.main(["--records", str(size), "--out", str(folder)])
        for target, name in ((argdown, "argdown"), (aif, "aif")):
            # Exit status 1 says the conversion lost something (reported); the file is written.
            result = subprocess.run(
                [*argmap, "export", str(folder), "--to", name, "-o", str(target)],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode not in (0, 1) or not target.exists():
                raise SystemExit(f"peers: argmap export --to {name} failed:\n{result.stderr}")
    for path in (*folder.rglob("*.yaml"), argdown, aif):  # into the page cache
        path.read_bytes()
    return folder, argdown, aif


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,50000", help="Statements, comma-separated.")
    parser.add_argument("--runs", type=int, default=3, help="Runs per tool and size.")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    time_path = run.gnu_time()
    argmap = run.argmap_command()
    argdown = install_argdown()
    arguebuf = install_arguebuf()
    script = PEERS / "arguebuf_load.py"
    if arguebuf is not None:
        script.write_text(ARGUEBUF_SCRIPT)
    rows = []
    failures = 0
    for size in sizes:
        folder, argdown_file, aif_file = prepare(size, argmap)
        out_dir = DATA / str(size) / "argdown-out"
        tools: dict[str, list[str] | None] = {
            "argmap check": [*argmap, "check", str(folder), "--quiet", "--format", "json", "--no-cache"],
            # The same check again on the unchanged map: answered from argmap's caches
            # (argmap.recheck), filled by one untimed run below. Peers have no such cache.
            "argmap check, unchanged re-check": [
                "env", f"ARGMAP_CACHE_DIR={DATA / str(size) / 'argmap-cache'}",
                *argmap, "check", str(folder), "--quiet", "--format", "json",
            ],
            "Argdown json": None if argdown is None else [*argdown, "json", str(argdown_file), str(out_dir)],
            "arguebuf load+networkx": None if arguebuf is None else [*arguebuf, str(script), str(aif_file)],
        }  # fmt: skip
        warm_command = tools["argmap check, unchanged re-check"]
        assert warm_command is not None
        run.run_process(warm_command, time_path)  # fills the cache; not timed
        times: dict[str, list[float]] = {name: [] for name in tools}
        peaks: dict[str, list[int]] = {name: [] for name in tools}
        broken: dict[str, str] = {}
        for index in range(args.runs):
            for name, command in tools.items():
                if command is None or name in broken:
                    continue
                result = run.run_process(command, time_path)
                ok = result.status in ((0, 1) if name.startswith("argmap") else (0,))
                if not ok:
                    broken[name] = f"exit {result.status}: {result.stderr.strip()[-300:]}"
                    failures += 1
                    continue
                times[name].append(result.seconds)
                peaks[name].append(result.peak_kib)
                _say(f"peers: {size:,} {name} run {index + 1}: {result.seconds:.2f} s")
        base = statistics.median(times["argmap check"]) if times["argmap check"] else None
        for name, command in tools.items():
            if command is None:
                rows.append((size, name, "not installed", "", ""))
            elif name in broken:
                rows.append((size, name, f"failed ({broken[name][:80]})", "", ""))
            else:
                median = statistics.median(times[name])
                ratio = f"{median / base:.2f}x" if base else ""
                peak = f"{max(peaks[name]) / 1024:.0f} MiB" if any(peaks[name]) else "?"
                rows.append((size, name, f"{median:.2f} s", ratio, peak))
    print(f"Median of {args.runs} runs each, tools alternated; ratio = tool / argmap.\n")
    print("| statements | tool | median wall time | ratio to argmap | peak memory |")
    print("|---:|---|---:|---:|---:|")
    for size, name, median_text, ratio, peak in rows:
        print(f"| {size:,} | {name} | {median_text} | {ratio} | {peak} |")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
