"""Peak memory of argmap on the worst inputs its limits admit or refuse (docs/security.md).

Each case is written to a temporary folder and read by a fresh ``argmap`` process
(``argmap --no-cache check MAP --quiet``, or ``argmap import``); its peak resident set size is
the child's ``ru_maxrss`` (``os.wait4``). The table goes to stdout as Markdown.

    python3 benchmarks/limits_rss.py [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from argmap.limits import Limits

LIMITS = Limits()
MiB = 1024 * 1024


def _write(root: Path, name: str, data: bytes | str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def baseline(root: Path) -> list[str]:
    _write(root, "claims/c.yaml", "id: c1\ntext: Tea is healthy.\n")
    return ["check", str(root)]


def one_long_string(root: Path) -> list[str]:
    """A file just under the file limit holding one value: refused by the string limit."""
    head = "id: c1\ntext: "
    _write(root, "claims/c.yaml", head + "x" * (LIMITS.file_size - len(head) - 1) + "\n")
    return ["check", str(root)]


def long_strings(root: Path) -> list[str]:
    """A file just under the file limit of values just under the string limit: loads."""
    size = LIMITS.string_length - 1
    count = LIMITS.file_size // (size + 40)
    text = "".join(f"- id: c{n}\n  text: {'x' * size}\n" for n in range(count))
    _write(root, "claims/c.yaml", text)
    return ["check", str(root)]


def many_values(root: Path) -> list[str]:
    """A file just under the file limit of the tiniest values: refused by the values limit."""
    head = "- id: c1\n  text: T.\n  tags: ["
    count = (LIMITS.file_size - len(head) - 2) // 2
    _write(root, "claims/c.yaml", head + "a," * (count - 1) + "a]\n")
    return ["check", str(root)]


def values_just_under(root: Path) -> list[str]:
    """One record with just under the values limit of tiny values: loads (and fails AM006)."""
    head = "- id: c1\n  text: T.\n  tags: ["
    count = LIMITS.values_per_file - 8  # the list, the record, four keys and values, the tags
    _write(root, "claims/c.yaml", head + "a," * (count - 1) + "a]\n")
    return ["check", str(root)]


def many_records(root: Path) -> list[str]:
    """The records-per-file limit of minimal records in one file: loads."""
    text = "".join(f"- {{id: c{n}, text: T.}}\n" for n in range(LIMITS.records_per_file))
    _write(root, "claims/c.yaml", text)
    return ["check", str(root)]


def alias_bomb(root: Path) -> list[str]:
    """The billion laughs: refused at the alias-expansion limit."""
    lines = ["id: c1", "text: T.", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    _write(root, "claims/c.yaml", "\n".join(lines) + "\n")
    return ["check", str(root)]


def deep_nesting(root: Path) -> list[str]:
    """A file just under the file limit of ``[[[[...``: refused at the depth limit."""
    half = (LIMITS.file_size - 20) // 2
    _write(root, "claims/c.yaml", "id: c1\ntext: T.\nx: " + "[" * half + "]" * half + "\n")
    return ["check", str(root)]


def huge_file(root: Path) -> list[str]:
    """A 200 MB map file: refused by its size, unread."""
    _write(root, "claims/a.yaml", "id: c1\ntext: T.\n")
    with open(root / "claims" / "huge.yaml", "wb") as handle:
        handle.write(b"- {id: x, text: T.}\n" * (200_000_000 // 20))
    return ["check", str(root)]


def huge_foreign_file(root: Path) -> list[str]:
    """A 200 MB Argdown file to import: refused by its size, unread."""
    with open(root / "debate.argdown", "wb") as handle:
        handle.write(b"[Tea]: Tea is healthy.\n" * (200_000_000 // 23))
    return ["import", str(root / "debate.argdown"), "-o", str(root / "out")]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "baseline": baseline,
    "one-long-string": one_long_string,
    "long-strings": long_strings,
    "many-values": many_values,
    "values-just-under": values_just_under,
    "many-records": many_records,
    "alias-bomb": alias_bomb,
    "deep-nesting": deep_nesting,
    "huge-file": huge_file,
    "huge-foreign-file": huge_foreign_file,
}


def measure(args: list[str]) -> tuple[int, float, int, str]:
    """Exit status, seconds, peak RSS in KiB, and the code of the first finding of one run."""
    argmap = shutil.which("argmap") or "argmap"
    command = [argmap, "--no-cache", *args]
    if args[0] == "check":
        command.append("--quiet")
    # GNU time is a small C program: the peak it reports is argmap's own. Without it, the
    # child's ru_maxrss counts this (small) process's peak too, since the child starts as a
    # vfork of it.
    timer = ["/usr/bin/time", "-f", "peak-kib %M"] if os.path.exists("/usr/bin/time") else []
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*timer, *command],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1"},
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    peak = usage.ru_maxrss
    for line in text.splitlines():
        if line.startswith("peak-kib "):
            peak = int(line.split()[1])
    first = next((line for line in text.splitlines() if " AM" in line), "")
    code = first.split(" AM", 1)[1][:3] if first else ""
    return process.returncode, seconds, peak, f"AM{code}" if code else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), help="Run these cases only.")
    parser.add_argument("--make", nargs=2, metavar=("CASE", "DIR"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.make:
        # Inputs are made in a process of their own: a child started by a process that once
        # held a large input would report that process's peak as its own (vfork shares it).
        name, folder = options.make
        print(json.dumps(CASES[name](Path(folder))))
        return
    print("| case | input | exit | finding | seconds | peak RSS |")
    print("|---|---:|---:|---|---:|---:|")
    for name in CASES:
        if options.only and name not in options.only:
            continue
        with tempfile.TemporaryDirectory(prefix=f"argmap-rss-{name}-") as folder:
            made = subprocess.run(
                [sys.executable, __file__, "--make", name, folder],
                check=True,
                capture_output=True,
                text=True,
            )
            args = json.loads(made.stdout)
            root = Path(folder)
            size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
            status, seconds, peak, code = measure(args)
        shown = f"{size / MiB:.1f} MiB" if size >= MiB else f"{size} B"
        print(
            f"| {name} | {shown} | {status} | {code} | {seconds:.2f} | {peak / 1024:.0f} MiB |",
            flush=True,
        )


if __name__ == "__main__":
    main()
