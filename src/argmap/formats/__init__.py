"""Foreign formats in and out: one module per format, each with the networkx readwrite split.

A format module defines ``NAME``, ``SUFFIXES`` and any of:

* ``read(path) -> Conversion``: a foreign file (or folder) into an `ArgumentMap`; a reader of
  folders may take ``progress=``, called with the number of files, then with 1 after each;
* ``write(amap, path, force=False) -> ConversionReport``: an `ArgumentMap` out to a file;
* ``sniff(path) -> bool`` / ``sniff_folder(path) -> bool``: whether a file or folder whose
  suffix several formats share is in this format;

usually built from ``parse_x(text)`` and ``generate_x(amap)``. Nothing is dropped silently: what
a direction cannot carry is listed in the `ConversionReport`, and the CLI's exit status says
whether anything was lost.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from argmap.argument_map import ArgumentMap
from argmap.errors import ArgmapError, MapLoadError
from argmap.findings import Finding
from argmap.limits import FileTooLarge, Limits, active, read_capped
from argmap.span import Span

# name -> module path; modules are imported on first use.
_MODULES: dict[str, str] = {
    "argmap": "argmap.formats.argmap_yaml",
    "argdown": "argmap.formats.argdown",
    "carneades": "argmap.formats.carneades",
    "kialo": "argmap.formats.kialo",
    "microtext": "argmap.formats.microtext",
    "json": "argmap.formats.json_",
    "aif": "argmap.formats.aif",
    "graphml": "argmap.formats.graphml",
    "mermaid": "argmap.formats.mermaid",
}


def register(name: str, module: str) -> None:
    """Make the format module ``module`` (a dotted path) available as ``name``."""
    _MODULES[name] = module


def names() -> list[str]:
    return sorted(_MODULES)


def get(name: str) -> ModuleType:
    """The module of format ``name``; `ArgmapError` naming the known formats otherwise."""
    if name not in _MODULES:
        raise ArgmapError(f"unknown format {name!r}; expected one of: {', '.join(names())}")
    return importlib.import_module(_MODULES[name])


def readers() -> list[str]:
    return [n for n in names() if hasattr(get(n), "read")]


def writers() -> list[str]:
    return [n for n in names() if hasattr(get(n), "write")]


@dataclass(frozen=True)
class Loss:
    """One thing a conversion could not carry: what, about which record, and why."""

    what: str
    subject: str | None = None
    why: str = ""

    def __str__(self) -> str:
        subject = f" [{self.subject}]" if self.subject else ""
        why = f": {self.why}" if self.why else ""
        return f"{self.what}{subject}{why}"


@dataclass
class ConversionReport:
    """What one conversion did and what it could not carry."""

    source: str
    target: str
    losses: list[Loss] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lose(self, what: str, subject: str | None = None, why: str = "") -> None:
        self.losses.append(Loss(what, subject, why))

    @property
    def lossless(self) -> bool:
        return not self.losses

    def text(self) -> str:
        head = f"{self.source} -> {self.target}: "
        if self.lossless:
            lines = [head + "nothing lost"]
        else:
            lines = [
                head
                + f"{len(self.losses)} thing{'s' if len(self.losses) != 1 else ''} not carried:"
            ]
            lines += [f"  - {loss}" for loss in self.losses]
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines) + "\n"


@dataclass
class Conversion:
    """An imported map and the report of its import.

    ``files`` holds other files of the map, {path inside the map directory: bytes}: the source
    texts an importer found beside its input, copied so that the map's ``text:`` paths stay
    inside it (`argmap.formats.argmap_yaml.write` writes them).
    """

    map: ArgumentMap
    report: ConversionReport
    files: dict[str, bytes] = field(default_factory=dict)


def foreign_error(span: Span, message: str) -> Finding:
    """A positioned AM009 finding about a file being imported."""
    return Finding("AM009", "foreign-syntax", "error", span, message)


def read_foreign_bytes(path: str | os.PathLike[str], limits: Limits | None = None) -> bytes:
    """The bytes of a file to import, or `MapLoadError` saying why it cannot be read.

    A file larger than ``limits.file_size`` (default: `argmap.limits.active`) is refused with
    AM010 by its size, before it is read.
    """
    limit = (limits if limits is not None else active()).file_size
    try:
        return read_capped(path, limit)
    except FileTooLarge as error:
        finding = Finding("AM010", "over-limit", "error", Span(str(path), 1, 1), error.message())
        raise MapLoadError([finding]) from None
    except OSError as error:
        span = Span(str(path), 1, 1)
        raise MapLoadError(
            [foreign_error(span, f"cannot read the file: {error.strerror}")]
        ) from None


def read_foreign_text(
    path: str | os.PathLike[str], expected: str | None = None, limits: Limits | None = None
) -> str:
    """A file to import as UTF-8 text (a byte order mark is dropped), or a positioned `MapLoadError`.

    ``expected`` names what the file should be, for the message ("a Kialo export"); ``limits``
    as for `read_foreign_bytes`.
    """
    data = read_foreign_bytes(path, limits)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", "replace").removeprefix("\ufeff")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        hint = f"; expected {expected} saved as UTF-8" if expected else ""
        raise MapLoadError(
            [foreign_error(Span(str(path), line, column), f"not UTF-8 text{hint}")]
        ) from None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def refuse_lone_surrogates(
    text: str, path: str, locate: Callable[[int], Span] | None = None
) -> None:
    """`MapLoadError` at the first lone surrogate in ``text`` (half of a UTF-16 pair: no UTF-8
    file holds one, but a ``str`` handed to a ``parse_x`` function can). ``locate`` turns an
    offset into a position, when lines are not simply ``\\n``-separated."""
    found = _LONE_SURROGATE.search(text)
    if found is None:
        return
    before = text[: found.start()]
    span = (
        locate(found.start())
        if locate is not None
        else Span(path, before.count("\n") + 1, found.start() - (before.rfind("\n") + 1) + 1)
    )
    raise MapLoadError(
        [
            foreign_error(
                span,
                f"a lone surrogate \\u{ord(found[0]):04x} (half of a UTF-16 pair), which is not "
                "text; expected valid Unicode",
            )
        ]
    )


def detect(path: str | os.PathLike[str]) -> str:
    """The format of ``path`` from its suffix (or, for a folder, its contents)."""
    target = Path(path)
    if target.is_dir():
        if (target / "claims").is_dir() or (target / "evidence").is_dir():
            return "argmap"
        for name in names():
            sniff_folder = getattr(get(name), "sniff_folder", None)
            if sniff_folder is not None and sniff_folder(target):
                return name
        raise ArgmapError(
            f"cannot tell the format of folder {target}; pass --from ({', '.join(readers())})"
        )
    suffix = "".join(target.suffixes[-1:]).lower()
    matches = [n for n in names() if suffix in getattr(get(n), "SUFFIXES", ())]
    if len(matches) == 1:
        return matches[0]
    for name in matches:
        sniff = getattr(get(name), "sniff", None)
        if sniff is not None and sniff(target):
            return name
    raise ArgmapError(
        f"cannot tell the format of {target} from its suffix {suffix or '(none)'}; "
        f"pass --from/--to ({', '.join(names())})"
    )
