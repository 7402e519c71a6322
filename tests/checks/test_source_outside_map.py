from __future__ import annotations

import pytest
from click.testing import CliRunner

from argmap.anchoring import analyze_quotes
from argmap.checks import check
from argmap.cli import cli
from argmap.limits import allowing_outside_sources
from argmap.load import load

CLAIM = "id: c1\ntext: T.\nquote: Tea is healthy.\n"
TEXT = b"Tea is healthy."


def test_a_text_that_climbs_out_is_not_read(lint, tmp_path):
    (tmp_path / "tea.txt").write_bytes(TEXT)
    files = {"argmap.yaml": "source:\n  title: Tea\n  text: ../tea.txt\n", "claims/c.yaml": CLAIM}
    assert lint(files, "AM5") == [("argmap.yaml", 3, 9, "AM506", None)]
    [finding] = lint.findings(files, "AM506")
    assert finding.message == (
        "source text ../tea.txt lies outside the map directory (it climbs out with ../), so "
        "argmap did not read it and the quotes citing it are unchecked; expected a path inside "
        "the map (copy the text into it), or run with --allow-outside-sources if you trust this "
        "map"
    )
    assert (finding.name, finding.severity) == ("source-outside-map", "error")


def test_an_absolute_path_is_not_read(lint, tmp_path):
    text = tmp_path / "tea.txt"
    text.write_bytes(TEXT)
    files = {"argmap.yaml": f"source: {{title: Tea, text: '{text}'}}\n", "claims/c.yaml": CLAIM}
    [finding] = lint.findings(files, "AM5")
    assert finding.code == "AM506"
    assert "(it is an absolute path)" in finding.message


def test_a_symlink_that_leads_out_is_not_read(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "tea.txt").write_bytes(TEXT)
    root = tmp_path / "linked"
    (root / "sources").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "argmap.yaml").write_text("source: {title: Tea, text: sources/tea.txt}\n")
    (root / "claims" / "c.yaml").write_text(CLAIM)
    (root / "sources" / "tea.txt").symlink_to(outside / "tea.txt")
    [finding] = check(load(root), select=["AM5"])
    assert finding.code == "AM506"
    assert f"a symlink on the way leads to {outside / 'tea.txt'}" in finding.message


def test_a_record_source_is_refused_where_its_text_is_written(lint):
    files = {
        "claims/c.yaml": "- {id: c1, text: T., quote: Q., source: {title: Own, text: /etc/hostname}}\n"
    }
    assert lint(files, "AM5") == [("claims/c.yaml", 1, 60, "AM506", "c1")]


def test_texts_inside_the_map_pass_and_symlinks_within_it_too(lint):
    files = {
        "argmap.yaml": "sources:\n  a: {title: A, text: claims/../tea.txt}\n",
        "tea.txt": TEXT,
        "claims/c.yaml": "- {id: c1, text: T., quote: Tea is healthy., source: a}\n",
    }
    assert lint(files, "AM5") == []


@pytest.fixture
def class_folder(tmp_path):
    """Two maps in a class folder, sharing the article beside them (the honest use of ../)."""
    (tmp_path / "article.txt").write_bytes(TEXT)
    root = tmp_path / "student"
    (root / "claims").mkdir(parents=True)
    (root / "argmap.yaml").write_text("source: {title: Tea, text: ../article.txt}\n")
    (root / "claims" / "c.yaml").write_text("id: c1\ntext: T.\nquote: Tea is wealthy.\n")
    return root


def test_the_library_reads_outside_texts_only_when_allowed(class_folder):
    amap = load(class_folder)
    assert [f.code for f in check(amap, select=["AM5"])] == ["AM506"]
    allowed = check(amap, select=["AM5"], allow_outside_sources=True)
    assert [f.code for f in allowed] == ["AM503"]  # read: the quote is checked
    assert [r.record.id for r in analyze_quotes(amap, allow_outside_sources=True).results] == ["c1"]
    with allowing_outside_sources():
        assert [f.code for f in check(amap, select=["AM5"])] == ["AM503"]
    assert [f.code for f in check(amap, select=["AM5"])] == ["AM506"]


def test_the_cli_flag_allows_them_for_one_run(class_folder):
    refused = CliRunner().invoke(cli, ["check", str(class_folder), "--select", "AM5"])
    assert refused.exit_code == 1
    assert "AM506" in refused.output and "--allow-outside-sources" in refused.output
    allowed = CliRunner().invoke(
        cli, ["check", str(class_folder), "--select", "AM5", "--allow-outside-sources"]
    )
    assert "AM506" not in allowed.output and "AM503" in allowed.output
    again = CliRunner().invoke(cli, ["check", str(class_folder), "--select", "AM5"])
    assert "AM506" in again.output  # the flag held for its own run only
    anchored = CliRunner().invoke(cli, ["anchor", str(class_folder), "--allow-outside-sources"])
    assert "c1" in anchored.output and "Traceback" not in anchored.output
