"""The one result type: a finding at a position, from a check or from loading."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap.span import Severity, Span

SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, order=False)
class Finding:
    """Something worth telling the map's author, at a 1-based ``path:line:column``.

    ``related`` holds further positions that belong to the same finding (the first definition of a
    duplicate id, the other links of a cycle), so a reader can jump to each of them.
    """

    code: str
    name: str
    severity: Severity
    span: Span
    message: str
    subject: str | None = None
    related: tuple[Span, ...] = field(default=())

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.span.path, self.span.line, self.span.column, self.code, self.subject or "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "path": self.span.path,
            "line": self.span.line,
            "column": self.span.column,
            "subject": self.subject,
            "message": self.message,
            "related": [{"path": s.path, "line": s.line, "column": s.column} for s in self.related],
        }

    def packed(self) -> list[Any]:
        """The finding as a flat list of plain values, the compact form argmap's caches keep.

        >>> finding = Finding("AM201", "unsupported-claim", "error", Span("c.yaml", 2, 3), "m", "a")
        >>> Finding.unpacked(finding.packed()) == finding
        True
        """
        return [
            self.code,
            self.name,
            self.severity,
            *self.span,
            self.message,
            self.subject,
            [list(span) for span in self.related],
        ]

    @classmethod
    def unpacked(cls, data: list[Any]) -> Finding:
        """The finding `packed` gave (raises on anything else: callers treat that as no entry)."""
        code, name, severity, path, line, column, message, subject, related = data
        # A re-check unpacks every stored finding (25,000 for a 100,000-record map): filling
        # the instance's __dict__ at once, and building the Span as its NamedTuple does, is
        # 2.3x faster than a frozen dataclass's __init__, which sets each field through
        # object.__setattr__ (0.029 s -> 0.012 s for 25,000).
        finding = object.__new__(cls)
        object.__setattr__(
            finding,
            "__dict__",
            {
                "code": code,
                "name": name,
                "severity": severity,
                "span": tuple.__new__(Span, (path, line, column)),  # Span(...), minus a call
                "message": message,
                "subject": subject,
                "related": tuple(Span(*span) for span in related) if related else (),
            },
        )
        return finding

    def __str__(self) -> str:
        subject = f" [{self.subject}]" if self.subject else ""
        return f"{self.span}: {self.code} {self.message}{subject}"


def packed_sort_key(packed: list[Any]) -> tuple[str, int, int, str, str]:
    """`Finding.sort_key` of a finding in its `Finding.packed` form."""
    code, _, _, path, line, column, _, subject, _ = packed
    return (path, line, column, code, subject or "")


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key)


def worst_severity(findings: list[Finding]) -> str | None:
    if not findings:
        return None
    return max((f.severity for f in findings), key=SEVERITY_RANK.__getitem__)
