from __future__ import annotations

import io
import json
import re
import shutil

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import EXIT_BAD_INPUT, EXIT_CLEAN, EXIT_FINDINGS, cli, main, use_colour

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")

FINDING_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>AM\d{3}) (.+)$")

EVIDENCE = """
    id: e1
    kind: statistic
    summary: A trial found so.
    reliability: B
    credibility: 2
    source: {title: A trial}
    """

CLEAN = {
    "claims/c.yaml": """
    id: c1
    kind: thesis
    text: Tea is healthy.
    quote: Tea is healthy.
    supported_by: [e1]
    """,
    "evidence/e.yaml": EVIDENCE,
}

ERRORS = {
    "claims/b.yaml": """
    - id: tea
      kind: thesis
      text: Tea is healthy.
      quote: Tea is healthy.
      supported_by: [e1]
      attacked_by: [stain]
    - id: stain
      text: Tea stains teeth.
    """,
    "claims/a.yaml": """
    id: bare
    text: Nothing supports this.
    quote: Nothing supports this.
    attacked_by: [e1]
    """,
    "evidence/e.yaml": EVIDENCE,
}

WARNINGS = {
    "claims/c.yaml": CLEAN["claims/c.yaml"],
    "evidence/e.yaml": """
    id: e1
    kind: statistic
    summary: A trial found so.
    reliability: B
    credibility: 2
    """,
}

BROKEN = {
    "claims/c.yaml": "id: c1\ntext: [unclosed\n",
    "evidence/e.yaml": "id: e1\nkind: statistic\n",
}


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args, **kwargs):
    result = runner.invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)
    return result


def positions(stdout: str) -> list[tuple[str, int, int, str]]:
    found = []
    for line in stdout.splitlines():
        match = FINDING_LINE.match(line)
        assert match, line
        found.append((match["path"], int(match["line"]), int(match["col"]), match["code"]))
    return found


# --- version and help ---------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(runner, flag):
    result = run(runner, flag)
    assert (result.exit_code, result.stdout) == (0, f"argmap, version {argmap.__version__}\n")


def test_help_names_every_command_and_the_exit_statuses(runner):
    result = run(runner, "--help")
    assert result.exit_code == 0
    for command in ("check", "render", "show", "schema", "checks"):
        assert re.search(rf"^  {command}\b", result.stdout, re.MULTILINE), command
    assert "0 clean, 1 findings of severity error, 2 bad input" in " ".join(result.stdout.split())


@pytest.mark.parametrize("command", ["check", "render", "show", "schema", "checks"])
def test_every_command_has_help(runner, command):
    result = run(runner, command, "-h")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: cli {command}")


def test_an_unknown_option_is_a_usage_error(runner):
    result = run(runner, "check", "--colour")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "No such option '--colour'" in result.stderr


def test_main_exits_with_the_status(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert capsys.readouterr().out == f"argmap, version {argmap.__version__}\n"


# --- check --------------------------------------------------------------------------------------


def test_a_clean_map_exits_0_with_no_output(runner, make_map):
    result = run(runner, "check", make_map(CLEAN))
    assert (result.exit_code, result.stdout) == (EXIT_CLEAN, "")
    assert result.stderr == "argmap: no findings in 2 records\n"


def test_error_findings_exit_1_one_line_each_sorted_by_position(runner, make_map):
    root = make_map(ERRORS)
    result = run(runner, "check", root, "--select", "AM201,AM205")
    assert result.exit_code == EXIT_FINDINGS
    found = positions(result.stdout)
    assert found == [
        (f"{root}/claims/a.yaml", 2, 1, "AM201"),
        (f"{root}/claims/a.yaml", 5, 15, "AM205"),  # where e1 is named in attacked_by
        (f"{root}/claims/b.yaml", 8, 3, "AM201"),
    ]
    lines = result.stdout.splitlines()
    assert lines[0].endswith(" [bare]")
    assert "'bare'" in lines[0]
    assert "'e1'" in lines[1]
    assert lines[2].endswith(" [stain]")
    assert result.stderr == "argmap: 2 errors, 1 warning in 4 records\n"


def test_findings_are_sorted_across_files_and_codes(runner, make_map):
    result = run(runner, "check", make_map(ERRORS))
    found = positions(result.stdout)
    assert found == sorted(found)
    assert [code for *_, code in found] == ["AM201", "AM205", "AM201", "AM401"]


def test_warnings_alone_exit_0(runner, make_map):
    result = run(runner, "check", make_map(WARNINGS))
    assert result.exit_code == EXIT_CLEAN
    assert [code for *_, code in positions(result.stdout)] == ["AM302"]
    assert result.stderr == "argmap: 1 warning in 2 records\n"


def test_quiet_drops_the_summary(runner, make_map):
    result = run(runner, "check", make_map(WARNINGS), "-q")
    assert result.stderr == ""
    assert result.stdout != ""


def test_no_path_means_the_current_directory(runner, make_map, monkeypatch):
    monkeypatch.chdir(make_map(ERRORS))
    result = run(runner, "check", "--select", "AM201")
    assert result.exit_code == EXIT_FINDINGS
    assert positions(result.stdout) == [
        ("claims/a.yaml", 2, 1, "AM201"),
        ("claims/b.yaml", 8, 3, "AM201"),
    ]


def test_no_path_in_an_empty_directory_is_bad_input(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "check")
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stdout == ""
    assert re.match(r"^\.:1:1: AM008 no claims/ or evidence/ directory here", result.stderr)


def test_a_map_that_cannot_be_loaded_exits_2_with_positions(runner, make_map):
    root = make_map(BROKEN)
    result = run(runner, "check", root)
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line.split(": ")[0:2] for line in lines[:-1]] == [
        [f"{root}/claims/c.yaml:3:1", lines[0].split(": ")[1]],
        [f"{root}/evidence/e.yaml:1:1", lines[1].split(": ")[1]],
    ]
    assert lines[0].split(": ")[1].startswith("AM002 ")
    assert lines[1].split(": ")[1].startswith("AM006 ")
    assert lines[-1] == "argmap: the map cannot be loaded: 2 problems"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "path", ["does-not-exist", "claims/c.yaml"], ids=["missing", "a file, not a directory"]
)
def test_a_path_that_is_no_map_exits_2(runner, make_map, path):
    root = make_map(CLEAN)
    result = run(runner, "check", root / path)
    assert result.exit_code == EXIT_BAD_INPUT
    assert f"{root / path}:1:1: AM008 " in result.stderr


def test_json_is_an_array_of_findings(runner, make_map):
    root = make_map(ERRORS)
    result = run(runner, "check", root, "--format", "json", "--select", "AM201")
    assert result.exit_code == EXIT_FINDINGS
    data = json.loads(result.stdout)
    assert [set(item) for item in data] == [
        {"code", "name", "severity", "path", "line", "column", "subject", "message", "related"}
    ] * 2
    assert [(d["path"], d["line"], d["column"], d["code"], d["subject"]) for d in data] == [
        (f"{root}/claims/a.yaml", 2, 1, "AM201", "bare"),
        (f"{root}/claims/b.yaml", 8, 3, "AM201", "stain"),
    ]
    assert {(d["name"], d["severity"]) for d in data} == {("unsupported-claim", "error")}
    assert result.stderr == ""


def test_json_of_a_clean_map_is_an_empty_array(runner, make_map):
    result = run(runner, "check", make_map(CLEAN), "--format", "json")
    assert (result.exit_code, result.stdout) == (EXIT_CLEAN, "[]\n")


def test_json_load_errors_are_json_on_stdout_with_exit_2(runner, make_map):
    result = run(runner, "check", make_map(BROKEN), "--format", "json")
    assert result.exit_code == EXIT_BAD_INPUT
    assert [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)] == [
        ("AM002", 3, 1),
        ("AM006", 1, 1),
    ]
    assert result.stderr == "argmap: the map cannot be loaded: 2 problems\n"


def test_github_annotations(runner, make_map, monkeypatch):
    monkeypatch.chdir(make_map(ERRORS))
    result = run(runner, "check", "--format", "github", "--select", "AM201")
    assert result.exit_code == EXIT_FINDINGS
    lines = result.stdout.splitlines()
    assert [line.split("::")[1] for line in lines] == [
        "error file=claims/a.yaml,line=2,col=1,title=AM201 unsupported-claim",
        "error file=claims/b.yaml,line=8,col=3,title=AM201 unsupported-claim",
    ]
    assert lines[0].split("::", 2)[2].endswith(" [bare]")
    assert result.stderr == ""


def test_github_load_errors_are_annotations_on_stdout(runner, make_map, monkeypatch):
    monkeypatch.chdir(make_map(BROKEN))
    result = run(runner, "check", "--format", "github")
    assert result.exit_code == EXIT_BAD_INPUT
    assert [line.split("::")[1] for line in result.stdout.splitlines()] == [
        "error file=claims/c.yaml,line=3,col=1,title=AM002 yaml-syntax",
        "error file=evidence/e.yaml,line=1,col=1,title=AM006 invalid-field",
    ]


@pytest.mark.parametrize(
    ("options", "codes"),
    [
        ([], {"AM201", "AM205"}),
        (["--select", "AM2"], {"AM201", "AM205"}),
        (["--select", "AM20"], {"AM201", "AM205"}),
        (["--select", "AM201"], {"AM201"}),
        (["--select", "contested-claim"], {"AM205"}),
        (["--select", "contested"], {"AM205"}),
        (["--select", "AM201,AM205"], {"AM201", "AM205"}),
        (["--select", "AM201", "--select", "AM205"], {"AM201", "AM205"}),
        (["--ignore", "AM201"], {"AM205"}),
        (["--ignore", "AM2"], set()),
        (["--select", "AM2", "--ignore", "AM205"], {"AM201"}),
        (["--select", "AM1"], set()),
    ],
)
def test_select_and_ignore_by_code_prefix_or_name(runner, make_map, options, codes):
    root = make_map(ERRORS)
    result = run(runner, "check", root, "--ignore", "AM4,AM3", *options)
    assert {code for *_, code in positions(result.stdout)} == codes
    assert result.exit_code == (EXIT_FINDINGS if "AM201" in codes else EXIT_CLEAN)


@pytest.mark.parametrize("option", ["--select", "--ignore"])
@pytest.mark.parametrize("value", ["AM9", "XX", "AM201,nonsense"])
def test_an_unknown_prefix_is_a_usage_error(runner, make_map, option, value):
    result = run(runner, "check", make_map(CLEAN), option, value)
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stdout == ""
    bad = value.split(",")[-1]
    assert f"{option} '{bad}' matches no check" in result.stderr


def test_an_unknown_check_in_the_config_is_bad_input(runner, make_map):
    result = run(runner, "check", make_map({**CLEAN, "argmap.yaml": "checks: {AM999: error}\n"}))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "AM999" in result.stderr
    assert "Traceback" not in result.stderr


def test_checks_lists_every_code_once(runner):
    from argmap.checks import CHECKS
    from argmap.load import LOAD_ERRORS

    result = run(runner, "checks")
    assert result.exit_code == 0
    codes = [line.split()[0] for line in result.stdout.splitlines()]
    assert codes == [*LOAD_ERRORS, *CHECKS]


# --- colour -------------------------------------------------------------------------------------


class Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("tty", "no_colour", "expected"),
    [
        (True, None, True),
        (False, None, False),
        (True, "1", False),
        (True, "yes", False),
        (False, "1", False),
        (True, "", True),  # https://no-color.org: set *and not empty*
    ],
)
def test_use_colour(monkeypatch, tty, no_colour, expected):
    if no_colour is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_colour)
    assert use_colour(Stream(tty)) is expected


def test_use_colour_of_a_stream_without_isatty(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_colour(object()) is False


def test_output_to_a_pipe_has_no_colour(runner, make_map, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = run(runner, "check", make_map(ERRORS))
    assert "\x1b[" not in result.stdout
    assert "\x1b[" not in result.stderr


def test_a_terminal_gets_coloured_findings(runner, make_map, monkeypatch):
    monkeypatch.setattr("argmap.cli.use_colour", lambda stream: True)
    result = run(runner, "check", make_map(ERRORS), "--select", "AM201", color=True)
    assert "\x1b[31m" in result.stdout  # errors in red


def test_load_errors_on_a_terminal_are_coloured_too(runner, make_map, monkeypatch):
    monkeypatch.setattr("argmap.cli.use_colour", lambda stream: True)
    result = run(runner, "check", make_map(BROKEN), color=True)
    assert "\x1b[31m" in result.stderr


# --- render -------------------------------------------------------------------------------------


def test_render_dot_needs_no_graphviz(runner, make_map, tmp_path, monkeypatch):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "map.dot"
    result = run(runner, "render", make_map(CLEAN), "-o", out)
    assert result.exit_code == 0
    assert result.stderr == f"argmap: wrote {out}\n"
    assert out.read_text().startswith("digraph argmap {")


def test_render_without_dot_says_how_to_install_it(runner, make_map, tmp_path, monkeypatch):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "map.svg"
    result = run(runner, "render", make_map(CLEAN), "-o", out)
    assert result.exit_code == EXIT_BAD_INPUT
    assert "Graphviz's `dot` program is not installed" in result.stderr
    assert "apt-get install graphviz" in result.stderr
    assert not out.exists()


@needs_dot
@pytest.mark.parametrize(("suffix", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG")])
def test_render_picture(runner, make_map, tmp_path, suffix, magic):
    out = tmp_path / f"map.{suffix}"
    result = run(runner, "render", make_map(ERRORS), "-o", out)
    assert result.exit_code == 0
    assert out.read_bytes().startswith(magic)


def test_render_format_option_overrides_the_suffix(runner, make_map, tmp_path):
    out = tmp_path / "map.txt"
    result = run(runner, "render", make_map(CLEAN), "-o", out, "--format", "dot")
    assert result.exit_code == 0
    assert out.read_text().startswith("digraph argmap {")


def test_render_refuses_an_unknown_suffix(runner, make_map, tmp_path):
    result = run(runner, "render", make_map(CLEAN), "-o", tmp_path / "map.jpg")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "expected one of: .svg, .png, .pdf, .dot" in result.stderr


def test_render_needs_an_output(runner, make_map):
    result = run(runner, "render", make_map(CLEAN))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "Missing option '-o' / '--output'" in result.stderr


def test_render_refuses_to_clobber_without_force(runner, make_map, tmp_path):
    out = tmp_path / "map.dot"
    out.write_text("precious")
    result = run(runner, "render", make_map(CLEAN), "-o", out)
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr == f"Error: {out} already exists; pass --force to overwrite it\n"
    assert out.read_text() == "precious"


def test_render_force_replaces(runner, make_map, tmp_path):
    out = tmp_path / "map.dot"
    out.write_text("old")
    result = run(runner, "render", make_map(CLEAN), "-o", out, "--force")
    assert result.exit_code == 0
    assert out.read_text().startswith("digraph argmap {")


def test_render_focus_and_depth(runner, make_map, tmp_path):
    out = tmp_path / "map.dot"
    result = run(runner, "render", make_map(ERRORS), "-o", out, "--focus", "stain", "--depth", "1")
    assert result.exit_code == 0
    source = out.read_text()
    assert "(around stain)" in source
    assert "\tstain [" in source
    assert "\ttea [" in source
    assert "\tbare [" not in source
    assert "\te1 [" not in source


def test_render_unknown_focus_names_the_closest_id(runner, make_map, tmp_path):
    out = tmp_path / "map.dot"
    result = run(runner, "render", make_map(ERRORS), "-o", out, "--focus", "stian")
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr == (
        "Error: no claim or evidence record has the id 'stian'; did you mean 'stain'?\n"
    )
    assert not out.exists()


def test_render_negative_depth_is_a_usage_error(runner, make_map, tmp_path):
    result = run(runner, "render", make_map(CLEAN), "-o", tmp_path / "m.dot", "--depth", "-1")
    assert result.exit_code == EXIT_BAD_INPUT


def test_render_a_broken_map_exits_2(runner, make_map, tmp_path):
    out = tmp_path / "map.dot"
    result = run(runner, "render", make_map(BROKEN), "-o", out)
    assert result.exit_code == EXIT_BAD_INPUT
    assert "AM002" in result.stderr
    assert not out.exists()


def test_render_into_an_impossible_place_exits_2(runner, make_map, tmp_path):
    (tmp_path / "file").write_text("x")
    result = run(runner, "render", make_map(CLEAN), "-o", tmp_path / "file" / "map.dot")
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr.startswith(f"Error: cannot write {tmp_path / 'file' / 'map.dot'}: ")


# --- show ---------------------------------------------------------------------------------------


def test_show_prints_the_support_tree(runner, make_map):
    result = run(runner, "show", "tea", make_map(ERRORS))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "tea [thesis, supported] Tea is healthy.  ⇒ supported 0.8\n"
        "├── supports: e1 [statistic, B2: usually reliable, probably true] A trial found so.\n"
        "└── attacks: stain [claim, unsupported] Tea stains teeth.  ⇒ unsupported 0"
        "  <- AM201 unsupported-claim; AM401 missing-quote\n"
    )


def test_show_without_attacks(runner, make_map):
    result = run(runner, "show", "tea", make_map(ERRORS), "--no-attacks")
    assert len(result.stdout.splitlines()) == 2


def test_show_uses_the_current_directory(runner, make_map, monkeypatch):
    monkeypatch.chdir(make_map(ERRORS))
    result = run(runner, "show", "e1")
    assert result.exit_code == 0
    assert result.stdout.startswith("e1 [statistic, B2: usually reliable, probably true]")


def test_show_an_unknown_id_suggests_the_closest(runner, make_map):
    result = run(runner, "show", "stian", make_map(ERRORS))
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stdout == ""
    assert result.stderr == (
        "Error: no claim or evidence record has the id 'stian'; did you mean 'stain'?\n"
    )


def test_show_a_broken_map_exits_2(runner, make_map):
    result = run(runner, "show", "c1", make_map(BROKEN))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "AM002" in result.stderr


# --- schema -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["claims", "evidence", "config"])
def test_schema_prints_json_schema(runner, kind):
    from argmap.schema import json_schema

    result = run(runner, "schema", kind)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema(kind)


def test_schema_defaults_to_claims(runner):
    assert run(runner, "schema").stdout == run(runner, "schema", "claims").stdout


def test_schema_unknown_kind_is_a_usage_error(runner):
    result = run(runner, "schema", "rules")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "'rules' is not one of 'claims', 'evidence', 'config'" in result.stderr


def test_schema_output_refuses_to_clobber(runner, tmp_path):
    out = tmp_path / "claims.schema.json"
    result = run(runner, "schema", "claims", "-o", out)
    assert (result.exit_code, result.stdout) == (0, "")
    written = out.read_text()
    assert json.loads(written)["title"].startswith("argmap claims file")

    result = run(runner, "schema", "evidence", "-o", out)
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr == f"Error: {out} already exists; pass --force to overwrite it\n"
    assert out.read_text() == written

    result = run(runner, "schema", "evidence", "-o", out, "--force")
    assert result.exit_code == 0
    assert json.loads(out.read_text())["title"].startswith("argmap evidence file")
