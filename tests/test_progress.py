"""Progress for long work: the library's callbacks, and the CLI's bars (only on a terminal).

The library never prints: `argmap.checks.check`, the folder readers and `argmap.load.load` take
``progress`` (called with a count, then with 1 per step); `argmap.render.render` and
`argmap.report_html.build_report` take ``phase`` (called with each step's name). The CLI draws
them on stderr only when stderr is a terminal, CI is unset and TERM is not dumb.
"""

from __future__ import annotations

import os
import select
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap.cli as cli_module
from argmap.checks import CHECKS, check
from argmap.cli import cli, show_progress
from argmap.errors import MapLoadError
from argmap.formats import argmap_yaml, microtext
from argmap.load import load
from argmap.render import (
    DRAWING,
    LAYOUT,
    OVERVIEW,
    OVERVIEW_LAYOUT,
    LayoutTimeoutError,
    render,
)
from argmap.report_html import REPORT_PHASES, build_report

CLAIM = """\
id: tea
kind: thesis
text: We should drink more tea.
supported_by: [e0]
"""

EVIDENCE = """\
id: {id}
kind: statistic
summary: A fact.
reliability: B
credibility: 2
"""


def xml(n: int) -> str:
    return textwrap.dedent(
        f"""\
        <?xml version='1.0' encoding='UTF-8'?>
        <arggraph id="t{n}">
          <edu id="e1"><![CDATA[We should drink more tea.]]></edu>
          <adu id="a1" type="pro"/>
          <edge id="s1" src="e1" trg="a1" type="seg"/>
        </arggraph>
        """
    )


def tea_map(make_map, evidence: int = 3) -> Path:  # type: ignore[no-untyped-def]
    files = {f"evidence/e{i}.yaml": EVIDENCE.format(id=f"e{i}") for i in range(evidence)}
    return make_map({"claims/tea.yaml": CLAIM, **files})


class Recorder:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def __call__(self, step: int) -> None:
        self.calls.append(step)

    def assert_counted(self, total: int) -> None:
        assert self.calls == [total] + [1] * total


def fake_dot(directory: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    path = directory / "dot"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{directory}{os.pathsep}{os.environ.get('PATH', '')}")


@pytest.fixture
def terminal_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """An environment where progress may show: not CI, a capable terminal, not turned off."""
    for name in ("CI", "ARGMAP_NO_PROGRESS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(cli_module, "_SHOW_PROGRESS", True)


# --- the library's callbacks --------------------------------------------------------------------


def test_the_checks_count_every_enabled_check(make_map) -> None:
    amap = load(tea_map(make_map))
    progress = Recorder()
    check(amap, progress=progress)
    progress.assert_counted(len(CHECKS))


def test_the_checks_count_only_the_selected_ones(make_map) -> None:
    amap = load(tea_map(make_map))
    progress = Recorder()
    check(amap, select=["AM2"], ignore=["AM201"], progress=progress)
    expected = sum(1 for code in CHECKS if code.startswith("AM2") and code != "AM201")
    assert expected > 1
    progress.assert_counted(expected)


def test_a_microtext_folder_counts_its_files(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"t{n}.xml").write_text(xml(n), encoding="utf-8")
    progress = Recorder()
    conversion = microtext.read(tmp_path, progress=progress)
    assert len(conversion.map.claims) == 3
    progress.assert_counted(3)


def test_a_microtext_folder_counts_files_that_fail_too(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_text(xml(1), encoding="utf-8")
    (tmp_path / "b.xml").write_text("<arggraph", encoding="utf-8")
    progress = Recorder()
    with pytest.raises(MapLoadError):
        microtext.read(tmp_path, progress=progress)
    progress.assert_counted(2)


def test_importing_an_argmap_folder_counts_its_files(make_map) -> None:
    progress = Recorder()
    argmap_yaml.read(tea_map(make_map, evidence=4), progress=progress)
    progress.assert_counted(5)


def test_render_names_its_steps(make_map, tmp_path: Path, monkeypatch) -> None:
    amap = load(tea_map(make_map))
    steps: list[str] = []
    render(amap, tmp_path / "map.dot", phase=steps.append)
    assert steps == [DRAWING]
    fake_dot(tmp_path, monkeypatch, "cat >/dev/null\necho '<svg/>'\n")
    steps.clear()
    render(amap, tmp_path / "map.svg", phase=steps.append)
    assert steps == [DRAWING, LAYOUT]


def test_render_names_the_overview_when_the_layout_times_out(make_map, tmp_path, monkeypatch):
    amap = load(tea_map(make_map))
    fake_dot(tmp_path, monkeypatch, "exec sleep 10\n")
    steps: list[str] = []
    with pytest.raises(LayoutTimeoutError, match="even the overview"):
        render(amap, tmp_path / "map.svg", timeout=0.2, phase=steps.append)
    assert steps == [DRAWING, LAYOUT, OVERVIEW, OVERVIEW_LAYOUT]


def test_the_report_names_its_steps(make_map, tmp_path: Path, monkeypatch) -> None:
    amap = load(tea_map(make_map))
    fake_dot(tmp_path, monkeypatch, "cat >/dev/null\necho '<svg/>'\n")
    steps: list[str] = []
    build_report(amap, phase=steps.append)
    assert tuple(steps) == REPORT_PHASES
    steps.clear()
    build_report(amap, svg="<svg/>", phase=steps.append)
    assert steps == [REPORT_PHASES[0], REPORT_PHASES[-1]]


# --- when the CLI draws progress ----------------------------------------------------------------


class Terminal:
    def __init__(self, tty: bool = True) -> None:
        self.tty = tty
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return self.tty


def test_progress_shows_only_on_a_terminal(terminal_env, monkeypatch) -> None:
    assert show_progress(Terminal())
    assert not show_progress(Terminal(tty=False))
    assert not show_progress(object())


@pytest.mark.parametrize(
    ("name", "value"), [("CI", "true"), ("TERM", "dumb"), ("ARGMAP_NO_PROGRESS", "1")]
)
def test_progress_stays_off_under_ci_a_dumb_terminal_or_when_asked(
    terminal_env, monkeypatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    assert not show_progress(Terminal())


def test_the_no_progress_flag_turns_it_off(terminal_env, make_map, monkeypatch) -> None:
    seen: list[bool] = []
    real_call = cli_module._Progress.__call__

    def spy(self, step: int) -> None:  # type: ignore[no-untyped-def]
        seen.append(show_progress(Terminal()))
        real_call(self, step)

    monkeypatch.setattr(cli_module._Progress, "__call__", spy)
    root = tea_map(make_map)
    CliRunner().invoke(cli, ["--no-progress", "--no-cache", "check", str(root)])
    assert seen and not any(seen)
    seen.clear()
    CliRunner().invoke(cli, ["--no-cache", "check", str(root)])
    assert seen and all(seen)


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{map}"],
        ["import", "{folder}", "-o", "{out}"],
        ["render", "{map}", "-o", "{out}/map.svg"],
        ["report", "{map}", "-o", "{out}/map.html"],
    ],
)
def test_the_cli_is_silent_in_a_pipe(terminal_env, make_map, tmp_path, monkeypatch, command):
    monkeypatch.setattr(cli_module, "PROGRESS_DELAY", 0)
    fake_dot(tmp_path, monkeypatch, "cat >/dev/null\nsleep 0.3\necho '<svg/>'\n")
    folder = tmp_path / "xml"
    folder.mkdir()
    for n in range(60):
        (folder / f"t{n}.xml").write_text(xml(n), encoding="utf-8")
    values = {"map": tea_map(make_map, evidence=60), "folder": folder, "out": tmp_path / "out"}
    args = [part.format(**values) for part in command]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    assert "\r" not in result.stderr
    assert "\x1b" not in result.stderr
    for label in ("Reading the map", "Checking the map", "Importing", "Graphviz"):
        assert label not in result.stderr


def test_importing_a_folder_draws_a_bar_on_a_terminal(terminal_env, tmp_path, monkeypatch):
    for n in range(5):
        (tmp_path / f"t{n}.xml").write_text(xml(n), encoding="utf-8")
    monkeypatch.setattr(cli_module, "PROGRESS_DELAY", 0)
    terminal = Terminal()
    monkeypatch.setattr(cli_module.sys, "stderr", terminal)
    with pytest.raises(SystemExit) as done:
        cli_module.main(["import", str(tmp_path), "-o", str(tmp_path / "out")])
    assert done.value.code == 0
    assert "Importing" in terminal.text
    assert "5/5" in terminal.text


# --- on a real terminal (a pseudo-terminal) -----------------------------------------------------

needs_pty = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")

RUN = "import sys, argmap.cli as c; c.PROGRESS_DELAY = 0; c.main(sys.argv[1:])"


def on_a_terminal(args: list[str], stdout: Path, path: str | None = None) -> tuple[int, str]:
    """Run argmap with stderr on a pseudo-terminal; its exit status and what the terminal got."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "ARGMAP_NO_PROGRESS")}
    env["TERM"] = "xterm"
    if path is not None:
        env["PATH"] = path
    main, tty = os.openpty()
    with stdout.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", RUN, *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=tty,
            env=env,
        )
    os.close(tty)
    received = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main], [], [], 1)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            received += chunk
    finally:
        os.close(main)
        status = process.wait(timeout=30)
    return status, received.decode("utf-8", "replace").replace("\r\n", "\n")


@needs_pty
def test_check_draws_bars_on_a_terminal_and_keeps_stdout_clean(make_map, tmp_path) -> None:
    root = tea_map(make_map, evidence=60)
    status, terminal = on_a_terminal(["--no-cache", "check", str(root)], tmp_path / "out.txt")
    assert status == 0, terminal
    assert "Reading the map" in terminal and "61/61" in terminal
    assert "Checking the map" in terminal and f"{len(CHECKS)}/{len(CHECKS)}" in terminal
    # Each bar ends its line, so the summary starts on a line of its own.
    assert "\nargmap: " in terminal
    assert terminal.index("61/61") < terminal.index("Checking the map")
    findings = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "AM" in findings and "\r" not in findings and "\x1b" not in findings


@needs_pty
def test_render_shows_the_layout_running_then_erases_it(make_map, tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, "cat >/dev/null\nsleep 1\necho '<svg/>'\n")
    root = tea_map(make_map)
    target = tmp_path / "map.svg"
    status, terminal = on_a_terminal(
        ["--no-cache", "render", str(root), "-o", str(target)],
        tmp_path / "out.txt",
        os.environ["PATH"],
    )
    assert status == 0, terminal
    assert "argmap: laying it out with Graphviz" in terminal
    assert terminal.endswith(f"\r\x1b[Kargmap: wrote {target}\n")
    assert target.read_text() == "<svg/>\n"
