"""Reading the examples in README.md and docs/*.md, so tests can run them and compare output."""

from __future__ import annotations

import re


def example_files(section: str) -> dict[str, str]:
    """The ```yaml blocks of ``section``, keyed by the path each names in its first-line comment."""
    files = {}
    for block in re.findall(r"```yaml\n(.*?)```", section, re.DOTALL):
        first, _, _ = block.partition("\n")
        files[first.removeprefix("# ").strip()] = block
    return files


def console_runs(section: str) -> list[tuple[str, list[str]]]:
    """The ```console block of ``section`` as (command after "$ ", lines it printed) pairs."""
    console = re.search(r"```console\n(.*?)```", section, re.DOTALL)
    assert console is not None, "no ```console block"
    runs: list[tuple[str, list[str]]] = []
    for line in console.group(1).splitlines():
        if line.startswith("$ "):
            runs.append((line[2:], []))
        else:
            runs[-1][1].append(line)
    return runs
