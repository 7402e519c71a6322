"""Missing source text: a source's ``text:`` names a file argmap cannot read.

A source (in argmap.yaml's ``sources:`` or ``source:``, or written out in a record) may name a
local copy of its text, relative to the map root, so that every quote citing it is checked
against it (AM502-AM505). A path to nothing, a directory, or a file that is not UTF-8 text
leaves those quotes unchecked; this says so, where the path is written.

Fails::

    # argmap.yaml
    source:
      title: Tea and health
      text: sources/tea.txt     # no such file

Passes when ``sources/tea.txt`` is a UTF-8 text file beside argmap.yaml's directory.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem

CODE = "AM501"
NAME = "quote-source-missing"
SEVERITY = "error"
RATIONALE = "A source text that cannot be read leaves every quote citing it unchecked."


def check(context: CheckContext) -> Iterator[Problem]:
    for problem in context.quotes.problems:
        if problem.outside is not None:
            continue  # AM506
        yield Problem(
            problem.span,
            f"source text {problem.path} cannot be read: {problem.reason}; expected a UTF-8 text "
            "file at that path, relative to the map's directory",
            problem.name,
        )
