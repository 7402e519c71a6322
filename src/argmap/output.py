"""Writing results without ever losing what the user has: atomic replace, and no clobbering unasked.

Also `printable`: user text made safe to show, whatever bytes a map file smuggled into it, and
`csv_safe`: a CSV cell that no spreadsheet will run as a formula.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from argmap.errors import ArgmapError, OutputExistsError

_C0_AND_DEL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_C1 = re.compile(r"[\x80-\x9f]")
_NOT_XML = re.compile(r"[\ud800-\udfff\ufffe\uffff]")


def _control_picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def printable(text: str, terminal: bool = False) -> str:
    """``text`` with what cannot be shown replaced by a visible stand-in.

    Line ends become ``\\n``; a tab becomes one space; other control characters become their
    Unicode "control pictures" (``\\x1b`` → ``␛``), so nothing reaches Graphviz's XML parser or a
    terminal as a command; lone surrogates and the non-characters U+FFFE/U+FFFF become ``�``.
    With ``terminal``, C1 controls (which some terminals obey) become ``�`` too.

    >>> printable("a\\r\\nb\\tc\\x1b[31m")
    'a\\nb c␛[31m'
    """
    if text.isascii() and text.isprintable():
        return text  # the common case, decided in C: nothing to replace
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _C0_AND_DEL.sub(_control_picture, text)
    text = _NOT_XML.sub("\ufffd", text)
    if terminal:
        text = _C1.sub("\ufffd", text)
    return text


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(cell: object) -> str:
    """``cell`` as text a spreadsheet shows rather than runs (OWASP's CSV-injection advice).

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    ``'``, so ``=HYPERLINK(...)`` in a claim id or a student's folder name stays text. Numbers,
    and text that reads as one such as ``-0.5``, are left alone (a negative number is no formula).

    >>> csv_safe("=1+1"), csv_safe("-0.5"), csv_safe(3)
    ("'=1+1", '-0.5', '3')
    """
    if isinstance(cell, (int, float)):
        return str(cell)
    text = str(cell)
    try:
        float(text)
    except ValueError:
        pass
    else:
        if text.strip() == text:
            return text
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


class SafeCsvWriter:
    """A `csv.writer` whose every cell goes through `csv_safe` first."""

    def __init__(self, stream: TextIO) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([csv_safe(cell) for cell in row])


def _new_file_mode() -> int:
    # What open() would give a new file: 0o666 less the umask (read without changing it).
    try:
        with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: read it by setting it, and put it straight back
    os.umask(mask)
    return 0o666 & ~mask


def write_output(path: str | os.PathLike[str], data: bytes | str, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically: readers see the old file or the new one, never half.

    Refuses to replace an existing file unless ``force`` is true (`OutputExistsError`); any
    other failure to write (no permission, a parent that is a file) is an `ArgmapError` naming
    the path, and leaves no temporary file behind.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputExistsError(f"{target} is a directory; expected a file name")
    if (target.exists() or target.is_symlink()) and not force:
        raise OutputExistsError(f"{target} already exists; pass --force to overwrite it")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent
    temporary: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=directory
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else _new_file_mode()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise ArgmapError(f"cannot write {target}: {error.strerror or error}") from None
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    return target
