"""The `lint` fixture: load a map written inline, run checks on it, and see where they fire."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from argmap.checks import check
from argmap.findings import Finding
from argmap.load import load

Row = tuple[str, int, int, str, "str | None"]


def rows(findings: list[Finding]) -> list[Row]:
    """The (path, line, column, code, subject) of each finding: what the tests pin."""
    return [(f.span.path, f.span.line, f.span.column, f.code, f.subject) for f in findings]


class Lint:
    """``lint(files, "AM201")`` → rows; ``lint.findings(...)`` → the findings themselves.

    The map is loaded from inside its directory, as ``argmap check`` in it would, so paths in
    findings are relative to the map. With no codes given, every check runs.
    """

    def __init__(self, make_map: Callable[[dict[str, str]], Path], monkeypatch) -> None:
        self.make_map = make_map
        self.monkeypatch = monkeypatch

    def findings(
        self, files: dict[str, str], *select: str, ignore: Sequence[str] = ()
    ) -> list[Finding]:
        root = self.make_map(files)
        self.monkeypatch.chdir(root)
        return check(load("."), select=select, ignore=ignore)

    def __call__(self, files: dict[str, str], *select: str) -> list[Row]:
        return rows(self.findings(files, *select))

    @staticmethod
    def evidence(record_id: str, grade: str = "B2", source: str | None = "{title: A study}") -> str:
        """One evidence record as a one-line YAML list item (a flow mapping)."""
        fields = (
            f"id: {record_id}, kind: statistic, summary: Something was measured., "
            f"reliability: {grade[0]}, credibility: {grade[1]}"
        )
        if source is not None:
            fields += f", source: {source}"
        return f"- {{{fields}}}\n"


@pytest.fixture
def lint(make_map, monkeypatch) -> Lint:
    return Lint(make_map, monkeypatch)
