"""What every check is: a module with constants and one generator, typed by `Check`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple, Protocol

from argmap.argument_map import ArgumentMap, ReasonLinks
from argmap.span import Severity, Span
from argmap.support import SupportAnalysis, analyze_support

if TYPE_CHECKING:
    import networkx as nx

    from argmap.anchoring import QuoteAnalysis


class Problem(NamedTuple):
    """What a check yields; the runner stamps the check's code, name and severity on it."""

    span: Span
    message: str
    subject: str | None = None
    related: tuple[Span, ...] = ()


@dataclass
class CheckContext:
    """The map and the analyses checks share, each computed once, on first use."""

    amap: ArgumentMap
    allow_outside_sources: bool | None = None
    """Whether source texts outside the map directory are read (None: the caller's setting,
    `argmap.anchoring.outside_sources_allowed`)."""

    @property
    def graph(self) -> nx.DiGraph:
        return self.amap.graph

    @property
    def links(self) -> ReasonLinks:
        """The graph's edges as plain dicts (`ReasonLinks`): what the checks ask of the graph,
        without networkx building it."""
        return self.amap.reason_links

    @cached_property
    def support(self) -> SupportAnalysis:
        return analyze_support(self.amap)

    @cached_property
    def quotes(self) -> QuoteAnalysis:
        """Every quote citing a source text, resolved against it (each text read once)."""
        from argmap.anchoring import analyze_quotes

        return analyze_quotes(self.amap, allow_outside_sources=self.allow_outside_sources)


class Check(Protocol):
    CODE: str
    NAME: str
    SEVERITY: Severity
    RATIONALE: str

    def check(self, context: CheckContext) -> Iterator[Problem]: ...
