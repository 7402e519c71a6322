"""docs/checks.md, the check modules and the CLI's help stay in sync.

Every load error and check has a section ``## AMxxx name`` in docs/checks.md giving its
severity, its rationale, a minimal map (fenced ```yaml blocks, each one file, named by its first
line ``# path``) and the line ``argmap check`` prints for it (a ```text block). The map is
loaded and checked here, so an example that stops triggering its check fails the suite.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from argmap.checks import CHECKS, check
from argmap.cli import cli
from argmap.errors import MapLoadError
from argmap.limits import parse_limits, using
from argmap.load import LOAD_ERRORS, load

DOCS = Path(__file__).resolve().parent.parent / "docs" / "checks.md"
TEXT = DOCS.read_text(encoding="utf-8")
HEADING = re.compile(r"^## (AM\d{3}) (\S+)$", re.MULTILINE)
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
FILE_HEADER = re.compile(r"^# (\S+)(.*)$")


def sections() -> dict[str, tuple[str, str]]:
    """code -> (name, body) for every ``## AMxxx name`` section."""
    found: dict[str, tuple[str, str]] = {}
    matches = list(HEADING.finditer(TEXT))
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(TEXT)
        code, name = match.groups()
        assert code not in found, f"{code} has two sections"
        found[code] = (name, TEXT[match.end() : end])
    return found


SECTIONS = sections()
EVERY_CODE = {**{c: (n, "error", r) for c, (n, r) in LOAD_ERRORS.items()}} | {
    c: (m.NAME, m.SEVERITY, m.RATIONALE) for c, m in CHECKS.items()
}


def blocks(body: str, language: str) -> list[str]:
    return [text for lang, text in FENCE.findall(body) if lang == language]


def write_example(body: str, root: Path) -> None:
    """Write each ```yaml block of ``body`` under ``root``, verbatim, at the path in its first line."""
    files = blocks(body, "yaml")
    assert files, "expected at least one ```yaml block"
    for text in files:
        header = FILE_HEADER.match(text.splitlines()[0])
        assert header, f"a ```yaml block must start with '# path': {text.splitlines()[0]!r}"
        path = root / header.group(1)
        path.parent.mkdir(parents=True, exist_ok=True)
        # The AM001 example is a file saved in the wrong encoding, as its header says.
        encoding = "latin-1" if "Latin-1" in header.group(2) else "utf-8"
        path.write_bytes(text.encode(encoding))


def example_output(code: str, root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The lines `argmap check` prints for ``code`` on the example map written at ``root``."""
    monkeypatch.chdir(root)
    try:
        amap = load(".")
    except MapLoadError as error:
        return [str(f) for f in error.findings if f.code == code]
    return [str(f) for f in check(amap, select=[code])]


def test_every_load_error_and_check_has_a_section_and_no_section_is_stale():
    assert sorted(SECTIONS) == sorted(EVERY_CODE)


def test_the_sections_are_in_code_order():
    assert list(SECTIONS) == sorted(SECTIONS)


@pytest.mark.parametrize("code", sorted(EVERY_CODE))
def test_each_section_names_the_check_its_severity_and_rationale(code):
    name, severity, rationale = EVERY_CODE[code]
    heading_name, body = SECTIONS[code]
    assert heading_name == name
    assert body.lstrip().startswith(f"**Severity:** {severity}. {rationale}\n")


def foreign_example_output(body: str, root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The AM009 lines `argmap import` prints for the foreign file of ``body`` (AM009's example).

    The file is the section's one non-YAML block, named by its first line (an Argdown comment:
    ``// debate.argdown``).
    """
    [(language, text)] = [
        (lang, t) for lang, t in FENCE.findall(body) if lang not in ("yaml", "text")
    ]
    name = text.splitlines()[0].removeprefix("// ")
    (root / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["import", name, "--from", language, "-o", "out"])
    assert result.exit_code == 2, result.output
    return [line for line in result.output.splitlines() if " AM009 " in line]


@pytest.mark.parametrize("code", sorted(EVERY_CODE))
def test_each_example_gives_exactly_the_documented_output(code, tmp_path, monkeypatch):
    _, body = SECTIONS[code]
    [expected] = blocks(body, "text")
    if code == "AM009":  # a file to import, not a map to load
        actual = foreign_example_output(body, tmp_path, monkeypatch)
    else:
        write_example(body, tmp_path)
        # An example may be read with lower limits, as `argmap --limit NAME=VALUE` says (AM010).
        lowered = parse_limits(re.findall(r"`argmap --limit (\S+=\S+)`:", body))
        with using(lowered):
            actual = example_output(code, tmp_path, monkeypatch)
    assert actual, f"the example in docs/checks.md does not trigger {code}"
    if code in LOAD_ERRORS:
        # load.py owns the wording of load errors: pin where and which, not every word.
        assert [line.split(f" {code} ")[0] for line in actual] == [
            line.split(f" {code} ")[0] for line in expected.splitlines()
        ]
    else:
        assert actual == expected.splitlines()


def test_the_configuration_example_works(tmp_path, monkeypatch):
    intro = TEXT[: HEADING.search(TEXT).start()]
    [config] = [b for b in blocks(intro, "yaml") if b.startswith("# argmap.yaml")]
    (tmp_path / "argmap.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "c.yaml").write_text("id: c1\nkind: thesis\ntext: Tea is healthy.\n")
    monkeypatch.chdir(tmp_path)
    findings = check(load("."))
    assert [(f.code, f.severity) for f in findings] == [("AM201", "warning")]


def test_the_intro_names_every_family_and_exit_status():
    intro = TEXT[: HEADING.search(TEXT).start()]
    families = {code[:3] for code in EVERY_CODE}
    for family in families:
        assert f"| {family}xx |" in intro
    for status in ("| 0 |", "| 1 |", "| 2 |"):
        assert status in intro


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_each_check_module_is_complete(code):
    module = CHECKS[code]
    assert code == module.CODE
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", module.NAME)
    assert module.SEVERITY in ("error", "warning", "info")
    assert module.RATIONALE and module.RATIONALE.endswith(".")
    assert "\n" not in module.RATIONALE
    doc = inspect.getdoc(module)
    assert doc and "\nFails::\n" in doc, (
        f"{module.__name__} needs a docstring with a Fails:: example"
    )
    assert callable(module.check)


def test_codes_and_names_are_unique():
    codes = [*LOAD_ERRORS, *(m.CODE for m in CHECKS.values())]
    names = [*(n for n, _ in LOAD_ERRORS.values()), *(m.NAME for m in CHECKS.values())]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))


def test_load_error_codes_are_the_am0_family():
    assert all(re.fullmatch(r"AM0\d\d", code) for code in LOAD_ERRORS)
    assert not any(code.startswith("AM0") for code in CHECKS)


def commands(group: click.Group, prefix: str = "argmap") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = [(prefix, group)]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += commands(command, f"{prefix} {name}")
        else:
            found.append((f"{prefix} {name}", command))
    return found


@pytest.mark.parametrize(("path", "command"), commands(cli), ids=lambda v: str(v))
def test_every_command_has_help(path, command):
    assert command.help and command.help.strip(), f"`{path}` has no help text"
    assert command.get_short_help_str(), f"`{path}` has no short help"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"`{path} {param.opts[0]}` has no help text"


@pytest.mark.parametrize(
    ("files", "status"),
    [
        pytest.param(
            {"claims/c.yaml": "id: c1\nkind: thesis\ntext: T.\nquote: T.\nsupported_by: [e1]\n"},
            0,
            id="notes-and-warnings-only",
        ),
        pytest.param({"claims/c.yaml": "id: c1\ntext: T.\n"}, 1, id="an-error"),
        pytest.param({"claims/c.yaml": "id: c1\n"}, 2, id="cannot-load"),
        pytest.param(
            {"claims/c.yaml": "id: c1\ntext: T.\n", "argmap.yaml": "checks: {nope: warning}\n"},
            2,
            id="unknown-check-in-argmap-yaml",
        ),
    ],
)
def test_the_exit_statuses_are_as_documented(make_map, files, status):
    evidence = "id: e1\nkind: statistic\nsummary: S.\nreliability: E\ncredibility: 5\n"
    root = make_map({"evidence/e.yaml": evidence, **files})
    result = CliRunner().invoke(cli, ["check", "-q", str(root)])
    assert result.exit_code == status, result.output
