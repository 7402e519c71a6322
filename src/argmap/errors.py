"""argmap's exceptions. Everything a user can cause is an `ArgmapError`, never a bare traceback."""

from __future__ import annotations

from argmap.findings import Finding


class ArgmapError(Exception):
    """Base of every error argmap raises on purpose."""


class MapLoadError(ArgmapError):
    """The map could not be loaded; ``findings`` says where and why, each with a position."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        first = findings[0] if findings else None
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        super().__init__(f"{first}{more}" if first else "the map could not be loaded")


class UnknownRecordError(ArgmapError, KeyError):
    """An id that names no claim or evidence record in the map."""

    def __init__(self, record_id: str, suggestion: str | None = None) -> None:
        self.record_id = record_id
        self.suggestion = suggestion
        hint = f"; did you mean {suggestion!r}?" if suggestion else ""
        super().__init__(f"no claim or evidence record has the id {record_id!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class OutputExistsError(ArgmapError):
    """Refusing to overwrite a file the user already has."""


class RenderError(ArgmapError):
    """Graphviz could not draw the map (for example: `dot` is not installed)."""
