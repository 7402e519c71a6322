"""README's ten-line example gives exactly the output README shows."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from argmap.cli import cli
from docs_examples import console_runs, example_files

README = Path(__file__).resolve().parent.parent / "README.md"


def _example() -> tuple[dict[str, str], list[tuple[str, list[str]]]]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## A ten-line map") : text.index("## Commands")]
    return example_files(section), console_runs(section)


def test_readme_example_output_is_what_argmap_prints(tmp_path, monkeypatch):
    files, runs = _example()
    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [command for command, _ in runs] == ["argmap check", "argmap show tea-healthy"]
    for command, expected in runs:
        result = CliRunner().invoke(cli, command.split()[1:])
        printed = (result.stdout + result.stderr).splitlines()
        assert printed == expected, command
