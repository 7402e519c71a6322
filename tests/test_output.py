from __future__ import annotations

import os
import stat

import pytest

from argmap.errors import ArgmapError, OutputExistsError
from argmap.output import printable, write_output


def leftovers(directory):
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file_and_returns_its_path(tmp_path):
    target = tmp_path / "map.dot"
    assert write_output(target, "digraph {}\n") == target
    assert target.read_bytes() == b"digraph {}\n"
    assert leftovers(tmp_path) == []


def test_text_is_written_as_utf8_and_bytes_as_they_are(tmp_path):
    write_output(tmp_path / "a.txt", "thé ☕")
    write_output(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "a.txt").read_bytes() == "thé ☕".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"


def test_an_existing_file_is_refused_without_force_and_left_untouched(tmp_path):
    target = tmp_path / "map.svg"
    target.write_text("precious")
    with pytest.raises(OutputExistsError) as raised:
        write_output(target, "new")
    assert str(raised.value) == f"{target} already exists; pass --force to overwrite it"
    assert target.read_text() == "precious"
    assert leftovers(tmp_path) == []


def test_force_replaces_an_existing_file_keeping_its_permissions(tmp_path):
    target = tmp_path / "map.svg"
    target.write_text("old")
    target.chmod(0o600)
    write_output(target, "new", force=True)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path):
    old = os.umask(0o027)
    try:
        write_output(tmp_path / "map.svg", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "map.svg").stat().st_mode) == 0o640


def test_missing_parent_directories_are_created(tmp_path):
    target = tmp_path / "build" / "maps" / "map.dot"
    write_output(target, "x")
    assert target.read_text() == "x"


@pytest.mark.parametrize("force", [False, True])
def test_a_directory_is_never_replaced(tmp_path, force):
    (tmp_path / "out").mkdir()
    with pytest.raises(OutputExistsError, match="is a directory; expected a file name"):
        write_output(tmp_path / "out", "x", force=force)
    assert (tmp_path / "out").is_dir()


def test_a_parent_that_is_a_file_is_an_argmap_error_not_a_traceback(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ArgmapError) as raised:
        write_output(tmp_path / "file" / "map.svg", "x")
    assert str(raised.value).startswith(f"cannot write {tmp_path / 'file' / 'map.svg'}: ")


def test_a_failed_replace_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "map.svg"
    target.write_text("old")

    def failing_replace(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(ArgmapError, match=r"cannot write .*map\.svg: Permission denied"):
        write_output(target, "new", force=True)
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_an_interrupted_write_leaves_no_temporary(tmp_path, monkeypatch):
    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_output(tmp_path / "map.svg", "new")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "terminal", "expected"),
    [
        ("plain text", False, "plain text"),
        ("a\r\nb\rc\nd", False, "a\nb\nc\nd"),
        ("tab\there", False, "tab here"),
        ("nul\x00bell\x07esc\x1b[31m", False, "nul\u2400bell\u2407esc\u241b[31m"),
        ("vt\x0bff\x0c", False, "vt\u240bff\u240c"),
        ("del\x7f", False, "del\u2421"),
        ("lone \ud800 surrogate", False, "lone \ufffd surrogate"),
        ("non\ufffe\uffffchars", False, "non\ufffd\ufffdchars"),
        ("c1 \x85\x9b", False, "c1 \x85\x9b"),
        ("c1 \x85\x9b", True, "c1 \ufffd\ufffd"),
        ("quotes \" ' \\ <b> {a|b} & ☕ 漢字 😀", True, "quotes \" ' \\ <b> {a|b} & ☕ 漢字 😀"),
    ],
)
def test_printable(text, terminal, expected):
    assert printable(text, terminal=terminal) == expected
