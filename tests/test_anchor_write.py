"""Writing anchors into YAML files: only the anchor changes, byte for byte; `argmap anchor`."""

from __future__ import annotations

import difflib
import json
import re
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.anchor_write import SpliceRefused, splice_anchor, write_anchors, yaml_string
from argmap.cli import cli
from argmap.load import load
from argmap.model import Anchor
from argmap.yamlread import parse_yaml

REPO = Path(__file__).resolve().parent.parent
ANCHOR = Anchor(start=4, end=7, prefix='a "b"\n', suffix="h\\ij", sha256="ab12")
BLOCK = [
    "anchor:",
    "  start: 4",
    "  end: 7",
    '  prefix: "a \\"b\\"\\n"',
    '  suffix: "h\\\\ij"',
    '  sha256: "ab12"',
]
FLOW = 'anchor: {start: 4, end: 7, prefix: "a \\"b\\"\\n", suffix: "h\\\\ij", sha256: "ab12"}'


def indented(lines: list[str], indent: int) -> str:
    return "".join(" " * indent + line + "\n" for line in lines)


# --- YAML strings --------------------------------------------------------------------------------


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_every_text_reads_back_as_itself(text):
    assert parse_yaml(f"k: {yaml_string(text)}\n", "t.yaml").documents == [{"k": text}]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("plain", '"plain"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("line\nbreak\ttab\rcr", '"line\\nbreak\\ttab\\rcr"'),
        ("it’s “typographic”", '"it’s “typographic”"'),
        ("\u2028\u0085\x1b\u00a0", '"\\u2028\\u0085\\u001b\\u00a0"'),
        ("  spaces  ", '"  spaces  "'),
    ],
)
def test_yaml_strings(text, written):
    assert yaml_string(text) == written


# --- splicing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "loc"),
    [
        pytest.param(
            "id: c1\ntext: T.\nquote: efg\nnote: n\n",
            "id: c1\ntext: T.\nquote: efg\n" + indented(BLOCK, 0) + "note: n\n",
            (0,),
            id="single-record",
        ),
        pytest.param(
            "# header\n- id: c0\n  text: T.\n\n- id: c1   # the one\n  quote: 'efg'  # quoted\n"
            "\n  # a comment\n  note: n\n",
            "# header\n- id: c0\n  text: T.\n\n- id: c1   # the one\n  quote: 'efg'  # quoted\n"
            + indented(BLOCK, 2)
            + "\n  # a comment\n  note: n\n",
            (0, 1),
            id="list-with-comments",
        ),
        pytest.param(
            "- id: c0\n  text: T.\n- quote: efg\n  id: c1\n",
            "- id: c0\n  text: T.\n- quote: efg\n" + indented(BLOCK, 2) + "  id: c1\n",
            (0, 1),
            id="quote-on-the-dash-line",
        ),
        pytest.param(
            "- id: c0\n  text: T.\n- id: c1\n  quote: >-\n    efg\n\n  note: n\n",
            "- id: c0\n  text: T.\n- id: c1\n  quote: >-\n    efg\n"
            + indented(BLOCK, 2)
            + "\n  note: n\n",
            (0, 1),
            id="block-scalar",
        ),
        pytest.param(
            "id: c1\nquote: efg",
            "id: c1\nquote: efg\n" + indented(BLOCK, 0)[:-1],
            (0,),
            id="no-final-newline",
        ),
        pytest.param(
            "- id: c0\n- {id: c1, quote: efg, note: n}  # flow\n",
            "- id: c0\n- {id: c1, quote: efg, " + FLOW + ", note: n}  # flow\n",
            (0, 1),
            id="flow-record",
        ),
        pytest.param(
            "- id: c0\n- id: c1\n  quote: efg\n  anchor:\n    start: 1\n    end: 2  # old\n"
            "  note: n\n",
            "- id: c0\n- id: c1\n  quote: efg\n  " + indented(BLOCK, 2)[2:-1] + "  # old\n"
            "  note: n\n",
            (0, 1),
            id="replace-block-anchor",
        ),
        pytest.param(
            "- id: c0\n- id: c1\n  quote: efg\n  anchor: {start: 1, end: 2}\n  note: n\n",
            "- id: c0\n- id: c1\n  quote: efg\n  " + FLOW + "\n  note: n\n",
            (0, 1),
            id="replace-flow-anchor",
        ),
        pytest.param(
            "- id: c0\n- id: c1\n  quote: efg\n  anchor:\n  note: n\n",
            "- id: c0\n- id: c1\n  quote: efg\n  " + indented(BLOCK, 2)[2:] + "  note: n\n",
            (0, 1),
            id="replace-empty-anchor",
        ),
        pytest.param(
            "id: c1\r\nquote: efg\r\nnote: n\r\n",
            "id: c1\r\nquote: efg\r\n" + indented(BLOCK, 0).replace("\n", "\r\n") + "note: n\r\n",
            (0,),
            id="crlf",
        ),
        pytest.param(
            "---\nid: c0\n---\n# second\nid: c1\nquote: efg\n",
            "---\nid: c0\n---\n# second\nid: c1\nquote: efg\n" + indented(BLOCK, 0),
            (1,),
            id="second-document",
        ),
    ],
)
def test_splicing_changes_only_the_anchor(before, after, loc):
    assert splice_anchor(before, loc, "c1", "efg", ANCHOR, "c.yaml") == after
    documents = parse_yaml(after, "c.yaml").documents
    record = documents[loc[0]] if len(loc) == 1 else documents[loc[0]][loc[1]]
    assert record["anchor"] == {
        "start": 4,
        "end": 7,
        "prefix": 'a "b"\n',
        "suffix": "h\\ij",
        "sha256": "ab12",
    }


@pytest.mark.parametrize(
    ("text", "loc", "reason"),
    [
        pytest.param(
            "- id: c0\n  text: &q efg\n- id: c1\n  quote: *q\n",
            (0, 1),
            "its quote is an alias (*name); write the anchor by hand",
            id="alias",
        ),
        pytest.param(
            "- &base {id: c0, quote: efg}\n- <<: *base\n  id: c1\n",
            (0, 1),
            "its quote comes from a merge key (<<), not from the record itself; write the anchor "
            "by hand",
            id="merge",
        ),
        pytest.param(
            "- id: c0\n  quote: efg\n- id: c1\n  quote: efg\n  anchor: *a\n",
            (0, 1),
            "the file no longer parses: alias *a refers to no anchor: expected &a on a value "
            "earlier in the file, outside the value that uses it",
            id="broken",
        ),
        pytest.param(
            "- id: c2\n  quote: efg\n",
            (0, 0),
            "the record is no longer where it was loaded from, with that id and quote (was the "
            "file changed since?)",
            id="moved",
        ),
        pytest.param(
            "- id: c1\n  quote: other words\n",
            (0, 0),
            "the record is no longer where it was loaded from, with that id and quote (was the "
            "file changed since?)",
            id="quote-edited",
        ),
        pytest.param(
            "- id: c0\n  a: &an {start: 1, end: 2}\n- id: c1\n  quote: efg\n  anchor: *an\n",
            (0, 1),
            "its anchor is an alias (*name); write the anchor by hand",
            id="anchor-alias",
        ),
    ],
)
def test_splices_that_cannot_be_proved_are_refused(text, loc, reason):
    with pytest.raises(SpliceRefused) as refused:
        splice_anchor(text, loc, "c1", "efg", ANCHOR, "c.yaml")
    assert str(refused.value) == reason


# --- writing files -------------------------------------------------------------------------------

TEXT = "Tea is healthy. Coffee is not. It’s cheap."


def _map(make_map, claims: str | bytes) -> Path:
    return make_map(
        {
            "argmap.yaml": "source: {title: Tea, text: tea.txt}\n",
            "tea.txt": TEXT.encode(),
            "claims/c.yaml": claims,
        }
    )


def test_write_anchors_writes_each_file_once_and_keeps_its_mode(make_map, monkeypatch):
    root = _map(
        make_map,
        "- id: c1\n  text: T.\n  quote: Coffee is not.\n- id: c2\n  text: T.\n  quote: It's cheap\n",
    )
    path = root / "claims" / "c.yaml"
    path.chmod(0o640)
    monkeypatch.chdir(root)
    amap = load(".")
    from argmap.anchoring import analyze_quotes

    updates = [(r.record, r.resolution.anchor) for r in analyze_quotes(amap).results]
    outcomes = write_anchors(updates)
    assert [(o.record_id, o.path, o.written) for o in outcomes] == [
        ("c1", "claims/c.yaml", True),
        ("c2", "claims/c.yaml", True),
    ]
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    reloaded = load(".")
    assert (reloaded.claims["c1"].anchor.start, reloaded.claims["c2"].anchor.start) == (16, 31)
    assert [p.name for p in path.parent.iterdir()] == ["c.yaml"]  # no temporary file left


def test_a_symlinked_file_stays_a_symlink(make_map, monkeypatch):
    root = _map(make_map, "id: c1\ntext: T.\nquote: Coffee is not.\n")
    real = root / "real.yaml"
    (root / "claims" / "c.yaml").rename(real)
    (root / "claims" / "c.yaml").symlink_to(real)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["anchor", "--write"])
    assert result.exit_code == 0, result.output
    assert (root / "claims" / "c.yaml").is_symlink()
    assert "anchor:\n  start: 16\n" in real.read_text(encoding="utf-8")


def test_a_byte_order_mark_is_kept(make_map, monkeypatch):
    root = _map(make_map, b"\xef\xbb\xbfid: c1\ntext: T.\nquote: Coffee is not.\n")
    monkeypatch.chdir(root)
    assert CliRunner().invoke(cli, ["anchor", "--write"]).exit_code == 0
    data = (root / "claims" / "c.yaml").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid: c1\ntext: T.\nquote: Coffee is not.\nanchor:\n")


def test_an_unwritable_file_is_reported(make_map, monkeypatch):
    root = _map(make_map, "id: c1\ntext: T.\nquote: Coffee is not.\n")
    monkeypatch.chdir(root)
    amap = load(".")
    (root / "claims" / "c.yaml").unlink()
    (root / "claims" / "c.yaml").mkdir()
    [outcome] = write_anchors([(amap.claims["c1"], Anchor(start=16, end=30))])
    assert (outcome.written, outcome.reason) == (False, "cannot read claims/c.yaml: Is a directory")


# --- the command ---------------------------------------------------------------------------------

CLAIMS = """\
- id: c1
  text: T.
  quote: Coffee is not.
- id: c2
  text: T.
  quote: It's cheap
- id: c3
  text: T.
  quote: Whisky is dangerous
- id: c4
  text: T.
  quote: Coffee is nt
"""


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["anchor", *args, str(root)])


def test_the_command_prints_how_each_quote_was_found(make_map):
    root = _map(make_map, CLAIMS)
    result = run(root)
    assert result.exit_code == 1  # c3 is not found
    c = f"{root}/claims/c.yaml"
    assert result.stdout.splitlines() == [
        f"{c}:3:10: c1 exact at 16-30",
        f'{c}:6:10: c2 normalized at 31-41: the source has "’" where the quote has "\'"',
        f'{c}:9:10: c3 not found (closest: 0.63 at 16-29: "Coffee is not")',
        f'{c}:12:10: c4 fuzzy 0.95 at 16-29: the source has "not" where the quote has "nt"',
    ]
    assert result.stderr == (
        "argmap: 4 quotes in source texts: 1 exact, 1 normalized, 1 fuzzy, 1 not found\n"
    )


def test_write_then_nothing_left_to_write(make_map):
    root = _map(make_map, CLAIMS)
    before = (root / "claims" / "c.yaml").read_text(encoding="utf-8")
    result = run(root, "--write")
    assert result.exit_code == 1
    assert result.stderr.endswith("; wrote 3 anchors to 1 file\n")
    assert "c1 exact at 16-30; anchor written" in result.stdout
    after = (root / "claims" / "c.yaml").read_text(encoding="utf-8")
    assert removed_lines(before, after) == []
    again = run(root, "--write")
    assert again.stderr.endswith("; wrote 0 anchors to 0 files\n")
    assert "c1 exact at 16-30 (the recorded anchor)" in again.stdout
    assert (root / "claims" / "c.yaml").read_text(encoding="utf-8") == after


def test_only_the_named_records(make_map):
    root = _map(make_map, CLAIMS + "- id: c5\n  kind: assumption\n  text: A.\n")
    result = run(root, "--only", "c1,c5", "--write")
    assert result.exit_code == 0
    assert [line.split(": ", 1)[1] for line in result.stdout.splitlines()] == [
        "c1 exact at 16-30; anchor written",
        "c5 has no quote citing a source text",
    ]
    assert "anchor:" in (root / "claims" / "c.yaml").read_text(encoding="utf-8").split("c2")[0]
    unknown = run(root, "--only", "c11")
    assert unknown.exit_code == 2
    assert "no claim or evidence record has the id 'c11'; did you mean 'c1'?" in unknown.stderr


def test_json_output(make_map):
    root = _map(make_map, CLAIMS)
    result = run(root, "--format", "json", "--only", "c2")
    data = json.loads(result.stdout)
    assert data["sources"] == []
    [quote] = data["quotes"]
    assert {
        k: quote[k] for k in ("id", "status", "start", "end", "exact", "prefix", "written")
    } == {
        "id": "c2",
        "status": "normalized",
        "start": 31,
        "end": 41,
        "exact": "It’s cheap",
        "prefix": "Tea is healthy. Coffee is not. ",
        "written": False,
    }


def test_an_unreadable_source_text_fails_the_run(make_map):
    root = make_map(
        {
            "argmap.yaml": "source: {title: Tea, text: missing.txt}\n",
            "claims/c.yaml": "id: c1\ntext: T.\nquote: Q.\n",
        }
    )
    result = run(root)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{root}/argmap.yaml:1:28: source text {root}/missing.txt cannot be read: no such file\n"
    )


def test_a_map_that_does_not_load_exits_2(make_map):
    result = run(make_map({"claims/c.yaml": "id: c1\n"}))
    assert result.exit_code == 2


# --- the article map, copied -----------------------------------------------------------------

ANCHOR_LINE = re.compile(
    r'^ *(anchor:|start: \d+|end: \d+|prefix: ".*"|suffix: ".*"|sha256: "[0-9a-f]{64}")$'
)


def removed_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line for line in diff if line.startswith("- ")]


def added_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line[2:] for line in diff if line.startswith("+ ")]


@pytest.fixture
def article_copy(tmp_path) -> Path:
    """A copy of the repo's article map with its recorded anchors taken out."""
    root = tmp_path / "article"
    root.mkdir()
    for name in ("claims", "evidence", "sources"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "argmap.yaml", root / "argmap.yaml")
    for path in root.rglob("*.yaml"):
        path.write_text(strip_anchors(path.read_text(encoding="utf-8")), encoding="utf-8")
    return root


def strip_anchors(text: str) -> str:
    """``text`` without its ``anchor:`` blocks (the key line and the lines indented under it)."""
    kept: list[str] = []
    inside: int | None = None
    for line in text.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip(" "))
        if inside is not None and line.strip() and indent > inside:
            continue
        inside = None
        if line.lstrip(" ").startswith("anchor:"):
            inside = indent
            continue
        kept.append(line)
    return "".join(kept)


def yaml_files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*.yaml"))
    }


def test_writing_the_article_map_only_adds_anchor_blocks(article_copy, monkeypatch):
    monkeypatch.chdir(article_copy)
    before = yaml_files(article_copy)
    result = CliRunner().invoke(cli, ["anchor", "--write"])
    assert result.exit_code == 0, result.output
    after = yaml_files(article_copy)
    assert sorted(after) == sorted(before)
    added = 0
    for name in before:
        assert removed_lines(before[name], after[name]) == [], name
        lines = added_lines(before[name], after[name])
        assert all(ANCHOR_LINE.match(line) for line in lines), name
        added += len(lines)
    amap = load(".")
    article = amap.config.sources["article"]
    cited = [r for r in (*amap.claims.values(), *amap.evidence.values()) if r.quote]
    cited = [r for r in cited if amap.source_of(r) is article]
    assert added == 6 * len(cited)
    text = (article_copy / "sources" / "article.txt").read_text(encoding="utf-8")
    for record in cited:
        assert record.anchor is not None
        assert text[record.anchor.start : record.anchor.end] == record.quote
    check = CliRunner().invoke(cli, ["check", "--select", "AM5"])
    assert (check.exit_code, check.stdout) == (0, "")
    # The anchors recorded in the repo are exactly what `argmap anchor --write` produces.
    assert after == {name: (REPO / name).read_text(encoding="utf-8") for name in after}


def test_an_edited_source_is_reanchored_not_lost(article_copy, monkeypatch):
    monkeypatch.chdir(article_copy)
    assert CliRunner().invoke(cli, ["anchor", "--write"]).exit_code == 0
    article = article_copy / "sources" / "article.txt"
    text = article.read_text(encoding="utf-8")
    release = "On July 11, 2025, news broke"
    inserted = "A paragraph inserted by an editor.\n"
    text = text.replace(release, inserted + release, 1)
    text = text.replace("open source and completely free", "open source and totally free", 1)
    article.write_text(text, encoding="utf-8")
    shift = len(inserted)

    amap = load(".")
    old = {i: amap.evidence[i].anchor for i in ("kimi-k2-release", "kimi-k2-open-free")}
    check = CliRunner().invoke(cli, ["check", "--select", "AM5", "--format", "json"])
    findings = {(f["code"], f["subject"]): f["message"] for f in json.loads(check.stdout)}
    release_anchor, free_anchor = old["kimi-k2-release"], old["kimi-k2-open-free"]
    assert (
        f"the quote is now at {release_anchor.start + shift}-{release_anchor.end + shift} "
        in (findings[("AM505", "kimi-k2-release")])
    )
    new_free = f"{free_anchor.start + shift}-{free_anchor.end + shift - 3}"
    assert f"the quote is now at {new_free} " in findings[("AM505", "kimi-k2-open-free")]
    assert findings[("AM503", "kimi-k2-open-free")].startswith(
        "quote of evidence 'kimi-k2-open-free' matches sources/article.txt only approximately "
    )
    assert (
        'the source has "totally" where the quote has "completely"'
        in (findings[("AM503", "kimi-k2-open-free")])
    )
    # The quotes before the inserted paragraph did not move: stale only by their hash.
    assert "the quote is still at" in findings[("AM505", "conventional-view")]

    written = CliRunner().invoke(cli, ["anchor", "--write"])
    assert written.exit_code == 0
    amap = load(".")
    assert amap.evidence["kimi-k2-release"].anchor.start == release_anchor.start + shift
    assert amap.evidence["kimi-k2-open-free"].anchor.end == free_anchor.end + shift - 3
    after = CliRunner().invoke(cli, ["check", "--select", "AM5", "--format", "json"])
    assert [(f["code"], f["subject"]) for f in json.loads(after.stdout)] == [
        ("AM503", "kimi-k2-open-free")
    ]


def test_the_example_in_docs_anchoring_md_prints_what_it_shows(tmp_path, monkeypatch):
    docs = (REPO / "docs" / "anchoring.md").read_text(encoding="utf-8")
    section = docs[docs.index("## `argmap anchor`") :]
    blocks = re.findall(r"^```(\w+)\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)
    files = [body for _, body in blocks if body.startswith("# ") and "/" in body.split("\n")[0]]
    files += [body for _, body in blocks if body.startswith("# argmap.yaml")]
    for body in files:
        header, content = body.split("\n", 1)
        path = tmp_path / header[2:].split(" ")[0]
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".txt":
            content = content.rstrip("\n")  # the text has no final line break
        path.write_text(content if path.suffix == ".txt" else body, encoding="utf-8")
    (tmp_path / "evidence").mkdir()
    printed = next(b for _, b in blocks if b.startswith("claims/c.yaml:2:29:"))
    summary = next(b for _, b in blocks if b.startswith("argmap: "))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["anchor"])
    assert (result.exit_code, result.stdout, result.stderr) == (1, printed, summary)


def test_control_characters_in_a_text_are_shown_not_obeyed(make_map):
    root = make_map(
        {
            "argmap.yaml": "source: {title: T, text: t.txt}\n",
            "t.txt": b"Coffee \x1b[2J is not good.",
            "claims/c.yaml": "id: c1\ntext: T.\nquote: Coffee is not good.\n",
        }
    )
    result = run(root)
    assert "\x1b" not in result.stdout
    assert result.stdout.endswith(
        'c1 fuzzy 0.86 at 0-24: the source has " \u241b[2J", which the quote leaves out\n'
    )


def test_a_refused_write_is_reported_and_fails_the_run(make_map):
    root = _map(make_map, "id: c1\ntext: &q Coffee is not.\nquote: *q\n")
    before = (root / "claims" / "c.yaml").read_bytes()
    result = run(root, "--write")
    assert result.exit_code == 1
    assert result.stdout.endswith(
        "c1 exact at 16-30; anchor not written: its quote is an alias (*name); write the anchor "
        "by hand\n"
    )
    assert result.stderr.endswith("; wrote 0 anchors to 0 files, 1 not written\n")
    assert (root / "claims" / "c.yaml").read_bytes() == before
