"""What every fuzz harness shares: the one property they check.

An operation on fuzzed input may succeed, or raise `MapLoadError` whose findings each name the
file, a 1-based line and column, an ``AMxxx`` code and a message. Anything else (another
exception, a finding without a position) is a bug: the harness lets it escape, atheris reports
it as a crash and saves the input under the artifact prefix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

CODE = re.compile(r"^AM\d{3}$")
# An `ArgmapError` that is not a `MapLoadError` (a `checks:` entry naming no check) must still
# start with ``path:line:col: ``.
POSITIONED = re.compile(r"^(?P<path>.+?):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): \S")


def clean_or_ok(operation: Callable[[], Any], where: Callable[[str], bool]) -> None:
    """Run ``operation``; a `MapLoadError` must carry positioned findings (``where`` checks paths)."""
    from argmap.errors import ArgmapError, MapLoadError

    try:
        operation()
    except MapLoadError as error:
        if not error.findings:
            raise AssertionError("MapLoadError without findings") from error
        for finding in error.findings:
            span = finding.span
            if not (
                CODE.match(finding.code)
                and where(span.path)
                and span.line >= 1
                and span.column >= 1
                and finding.message
            ):
                raise AssertionError(f"unpositioned finding: {finding!r}") from error
    except ArgmapError as error:
        match = POSITIONED.match(str(error))
        if match is None or not where(match["path"]):
            raise AssertionError(f"an error without a position: {error}") from error
