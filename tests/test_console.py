"""The installed `argmap` executable: exit statuses and output survive its fast exit."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import write_map

RUN = [sys.executable, "-c", "from argmap.cli import console_main; console_main()"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*RUN, *args], capture_output=True, text=True, cwd=cwd, check=False)


@pytest.fixture
def bad_and_good(tmp_path):
    good = write_map(
        tmp_path / "good",
        {
            "claims/c.yaml": "id: t\nkind: thesis\ntext: T.\nquote: T.\nsupported_by: [e]\n",
            "evidence/e.yaml": "id: e\nkind: event\nsummary: S.\nreliability: B\ncredibility: 2\n"
            "source: {title: X}\n",
        },
    )
    unsupported = write_map(
        tmp_path / "unsupported", {"claims/c.yaml": "id: t\ntext: T.\nquote: T.\n"}
    )
    broken = write_map(tmp_path / "broken", {"claims/c.yaml": "id: [\n"})
    return good, unsupported, broken


def test_exit_statuses_and_output_of_the_executable(bad_and_good):
    good, unsupported, broken = bad_and_good
    clean = run("check", str(good))
    assert (clean.returncode, clean.stdout) == (0, "")
    findings = run("check", str(unsupported), "--format", "json")
    assert findings.returncode == 1
    assert '"code": "AM201"' in findings.stdout
    failed = run("check", str(broken))
    assert failed.returncode == 2
    assert "claims/c.yaml:2:1: AM002" in failed.stderr
    assert "Traceback" not in failed.stderr
    usage = run("check", "--format", "nope")
    assert usage.returncode == 2


def test_version_is_quick_to_answer():
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("argmap, version ")


def test_a_closed_pipe_is_not_an_error(bad_and_good):
    _, unsupported, _ = bad_and_good
    script = textwrap.dedent(
        f"""
        import subprocess, sys
        p = subprocess.Popen({[*RUN, "check", str(unsupported)]!r}, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        p.stdout.close()
        sys.exit(0 if p.wait() in (0, 1) and b"Traceback" not in p.stderr.read() else 3)
        """
    )
    assert subprocess.run([sys.executable, "-c", script], check=False).returncode == 0


def test_the_executable_leaves_without_freeing_the_map(bad_and_good):
    """A map freed object by object on the way out cost 0.14 s of a 100,000-record check."""
    good, unsupported, _ = bad_and_good
    script = textwrap.dedent(
        """
        import sys, weakref
        import argmap.recheck
        from argmap.cli import console_main

        checking = argmap.recheck.check_map

        def check_map(*args, **kwargs):
            run = checking(*args, **kwargs)
            weakref.finalize(run.map, print, "freed", file=sys.stderr)
            return run

        argmap.recheck.check_map = check_map
        console_main()
        """
    )
    for root, status in ((good, 0), (unsupported, 1)):
        done = subprocess.run(
            [sys.executable, "-c", script, "check", "--no-cache", str(root)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == status, done.stderr
        assert "freed" not in done.stderr
        assert "argmap:" in done.stderr  # the summary: the command ran
