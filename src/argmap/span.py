"""Where something was written, and how much a finding matters: the two light types every layer shares.

Kept apart from `argmap.model` so that findings can be read and printed (a cached re-check, see
`argmap.recheck`) without importing pydantic.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Severity = Literal["error", "warning", "info"]


class Span(NamedTuple):
    """Where something was written: a path and a 1-based line and column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"
