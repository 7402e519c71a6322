"""Where something was written, and how much a finding matters: the two light types every layer shares.

Kept apart from `argmap.model` so that findings can be read and printed (a cached re-check, see
`argmap.recheck`) without importing pydantic.
"""

from __future__ import annotations

from array import array
from typing import Any, Literal, NamedTuple

Severity = Literal["error", "warning", "info"]


class Span(NamedTuple):
    """Where something was written: a path and a 1-based line and column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class PositionTable:
    """Where each value of one file starts, kept compactly for as long as its records live.

    Entry ``i`` is a value at ``paths[i]`` (a path inside its record, or inside the file for a
    value outside any record), written at line ``lines[i]``, column ``columns[i]``. A
    `Span` per value, keyed by its full path, costs ten times the memory, and a loaded map keeps
    the positions of every value (`argmap.model.Where`); so Spans are made only when asked for.
    Equal paths are one shared tuple (`argmap.yamlread` interns them).
    """

    __slots__ = ("columns", "lines", "path", "paths")

    def __init__(self, path: str, typecode: str = "I") -> None:
        self.path = path
        self.paths: list[tuple[Any, ...]] = []
        self.lines = array(typecode)
        self.columns = array(typecode)

    def span(self, index: int) -> Span:
        return Span(self.path, self.lines[index], self.columns[index])

    def find(self, path: tuple[Any, ...], start: int, end: int) -> int:
        """The entry of ``path`` among entries ``start`` to ``end`` (one record), or -1."""
        try:
            return self.paths.index(path, start, end)
        except ValueError:
            return -1

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.path, self.paths, self.lines, self.columns)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.path, self.paths, self.lines, self.columns = state
