"""How much argmap reads from one input before refusing it: one frozen `Limits`.

Every limit is checked while reading, so a file or map past one is refused with a positioned
load error (AM010, or AM003 for nesting and aliases) before it can take memory or time out of
proportion, and the message says how to raise the limit. The defaults are generous: a map of
1,000,000 records, a map file of 16 MiB (about 50,000 records of a few hundred bytes), a text of
1 MiB in one value (docs/security.md says why each is where it is).

Limits come from the caller, never from the map: ``load(path, limits=...)``, the importers'
`argmap.formats.read_foreign_bytes` / ``read_foreign_text``, and on the command line
``argmap --limit NAME=VALUE`` (repeatable) or ``ARGMAP_LIMITS="NAME=VALUE,..."``. A map's own
argmap.yaml cannot raise them: a hostile map would.

>>> parse_limits(["file-size=32MiB", "string-length=2_000_000"]).file_size
33554432
>>> format_size(16 * MiB)
'16 MiB'
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB


@dataclass(frozen=True)
class Limits:
    """The most argmap reads of one input; see docs/security.md for why each default is so."""

    file_size: int = 16 * MiB
    """Bytes of one map file (or argmap.yaml) or one file to import, checked before reading."""
    records_per_file: int = 50_000
    """Records in one map file (documents and items of top-level lists)."""
    values_per_file: int = 1_000_000
    """YAML values in one map file: every mapping, list, key, scalar and alias (a record of a
    real map has 15 to 20). Parsed, a value takes about 300 bytes, so this bounds a file's
    memory where the file size cannot: 16 MiB of ``[1,1,1,...`` is 8 million values."""
    string_length: int = 1 * MiB
    """Characters of one YAML value or key (a scalar)."""
    total_records: int = 1_000_000
    """Records in the whole map."""
    total_size: int = 1 * GiB
    """Bytes of all the map's YAML files together, checked before reading them."""
    depth: int = 64
    """Nesting of YAML mappings and lists (a record needs about six)."""
    alias_expansion: int = 100_000
    """Nodes the aliases of one YAML file may stand for, counted as if expanded."""

    def key(self) -> str:
        """A short text that differs whenever a limit does (for cache entry names)."""
        return ",".join(str(getattr(self, f.name)) for f in fields(self))


SIZES = frozenset({"file_size", "total_size"})
"""The limits counted in bytes (shown as KiB, MiB, GiB)."""

ENVIRONMENT = "ARGMAP_LIMITS"

_UNITS = {
    "": 1,
    "k": 1000,
    "m": 1000**2,
    "g": 1000**3,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "kib": KiB,
    "mib": MiB,
    "gib": GiB,
}
_NUMBER = re.compile(r"\s*(\d[\d_,]*)\s*([a-zA-Z]*)\s*")


def option_name(field: str) -> str:
    """``file_size`` → ``file-size``, as written on the command line."""
    return field.replace("_", "-")


def names() -> list[str]:
    return [option_name(f.name) for f in fields(Limits)]


def format_size(size: int) -> str:
    """A byte count for people: ``16 MiB``, ``1.5 GiB``, ``900 bytes``."""
    for unit, factor in (("GiB", GiB), ("MiB", MiB), ("KiB", KiB)):
        if size >= factor:
            value = size / factor
            shown = f"{value:.1f}".removesuffix(".0")
            return f"{shown} {unit}"
    return f"{size:,} byte{'s' if size != 1 else ''}"


def describe(field: str, value: int) -> str:
    """A limit's value as the messages show it."""
    return format_size(value) if field in SIZES else f"{value:,}"


def parse_value(text: str) -> int:
    """``16MiB`` → 16777216, ``100_000`` → 100000, ``2k`` → 2000; `ValueError` otherwise."""
    match = _NUMBER.fullmatch(text)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in _UNITS:
        raise ValueError(
            f"{text!r} is not a number; expected digits with an optional unit "
            "(k, M, G = 1000s; KiB, MiB, GiB = 1024s), such as 16MiB or 200000"
        )
    value = int(match.group(1).replace("_", "").replace(",", "")) * _UNITS[unit]
    if value < 1:
        raise ValueError(f"{text!r}: a limit must be at least 1")
    return value


def parse_limits(settings: Iterable[str], base: Limits | None = None) -> Limits:
    """``base`` (the defaults) with each ``NAME=VALUE`` of ``settings`` applied; `ValueError`."""
    known = {option_name(f.name): f.name for f in fields(Limits)}
    changes: dict[str, int] = {}
    for setting in settings:
        name, equals, value = setting.partition("=")
        field = known.get(name.strip().lower().replace("_", "-"))
        if not equals or field is None:
            raise ValueError(
                f"{setting!r}: expected NAME=VALUE with NAME one of {', '.join(known)}"
            )
        changes[field] = parse_value(value)
    return replace(base or Limits(), **changes)


def from_environment(environ: dict[str, str] | None = None) -> Limits:
    """The defaults with ``ARGMAP_LIMITS`` (``NAME=VALUE,NAME=VALUE``) applied."""
    text = (environ if environ is not None else os.environ).get(ENVIRONMENT, "")
    parts = [part for part in re.split(r"[;\s]+|,(?=\s*[a-zA-Z_-]+\s*=)", text) if part.strip()]
    return parse_limits(parts)


_ACTIVE: ContextVar[Limits] = ContextVar("argmap_limits", default=Limits())  # noqa: B039 - frozen


def active() -> Limits:
    """The limits in force where none are passed: the defaults, or what `using` set."""
    return _ACTIVE.get()


@contextlib.contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    """Within the block, ``limits`` are in force where none are passed."""
    token = _ACTIVE.set(limits)
    try:
        yield limits
    finally:
        _ACTIVE.reset(token)


def suggest(field: str, needed: int) -> str:
    """A value of limit ``field`` that admits ``needed``, as the command line takes it."""
    if field in SIZES:
        return f"{-(-needed // MiB)}MiB"
    return str(needed)


_ALLOW_OUTSIDE: ContextVar[bool] = ContextVar("argmap_allow_outside_sources", default=False)


@contextlib.contextmanager
def allowing_outside_sources(allowed: bool = True) -> Iterator[None]:
    """Within the block, whether source texts outside the map directory are read where no caller
    says (`argmap.anchoring.analyze_quotes`, AM506; the CLI's ``--allow-outside-sources`` holds
    it for one run). The default is no: a map must not make argmap read files outside it."""
    token = _ALLOW_OUTSIDE.set(allowed)
    try:
        yield
    finally:
        _ALLOW_OUTSIDE.reset(token)


def outside_sources_allowed(allowed: bool | None = None) -> bool:
    """``allowed`` if given, else what `allowing_outside_sources` holds (default: False)."""
    return _ALLOW_OUTSIDE.get() if allowed is None else allowed


def how_to_raise(field: str, needed: int | None = None) -> str:
    """The end of every limit message: how to raise this limit if the input is trusted."""
    setting = f"{option_name(field)}={suggest(field, needed) if needed else 'N'}"
    return (
        f"if you trust this input, raise the limit with `argmap --limit {setting}` "
        f"(or {ENVIRONMENT}={setting})"
    )


class FileTooLarge(Exception):
    """A file larger than the limit; ``size`` is its size when known from the file system."""

    def __init__(self, size: int | None, limit: int) -> None:
        super().__init__(size)
        self.size = size
        self.limit = limit

    def message(self, what: str = "file") -> str:
        limit = format_size(self.limit)
        if self.size is None:
            return (
                f"the {what} grew past the limit of {limit} for one file while it was read; "
                f"expected a smaller file, or {how_to_raise('file_size')}"
            )
        return (
            f"the {what} is {format_size(self.size)} ({self.size:,} bytes), more than the limit "
            f"of {limit} for one file; expected a smaller file, or "
            f"{how_to_raise('file_size', self.size)}"
        )


def read_capped(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the file at ``path``, or `FileTooLarge` without reading it when it is bigger.

    The size is taken from the open file (``fstat``) before anything is read, and never more
    than ``limit + 1`` bytes are read, so a file that grows meanwhile (or a device whose size
    the file system does not know) is refused too. `OSError` when it cannot be read.
    """
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise FileTooLarge(size, limit)
        # The size it has and a byte more, to see whether it grew: reading `limit + 1` at once
        # made a buffer of the limit (16 MiB) for every file, 3x the time of reading a map.
        data = handle.read(size + 1)
        if len(data) > size:  # it grew, or its size is unknown (a device): read on to the limit
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:
        raise FileTooLarge(None, limit)
    return data
