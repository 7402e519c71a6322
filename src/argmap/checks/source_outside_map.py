"""Source text outside the map: a source's ``text:`` leads out of the map directory.

A map may come from anyone, and the quote checks show passages of the texts they read, so
argmap reads a source's local text only inside the map directory: a path that is absolute,
climbs out with ``../``, or passes a symlink that leads out is not read, and its quotes go
unchecked until it is moved into the map, or the run allows it with ``--allow-outside-sources``
(library: ``allow_outside_sources=True``). Class folders that share one article beside the maps
(``text: ../article.txt``) are the usual honest case: allow it for maps you trust.

Fails::

    # argmap.yaml
    source:
      title: Tea and health
      text: ../tea.txt     # outside the map directory

Passes when the text is inside the map (``text: sources/tea.txt``), or with
``argmap check --allow-outside-sources``.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import CheckContext, Problem

CODE = "AM506"
NAME = "source-outside-map"
SEVERITY = "error"
RATIONALE = "A map must not make argmap read files outside it unless its user allows that."


def check(context: CheckContext) -> Iterator[Problem]:
    for problem in context.quotes.problems:
        if problem.outside is None:
            continue
        yield Problem(
            problem.span,
            f"source text {problem.path} lies outside the map directory ({problem.reason}), so "
            "argmap did not read it and the quotes citing it are unchecked; expected a path "
            "inside the map (copy the text into it), or run with --allow-outside-sources if you "
            "trust this map",
            problem.name,
        )
