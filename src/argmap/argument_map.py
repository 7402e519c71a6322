"""`ArgumentMap`: the loaded records of one map, and the one networkx graph built from them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from argmap.errors import ArgmapError, UnknownRecordError
from argmap.model import Claim, Evidence, MapConfig, Reason, Source

if TYPE_CHECKING:
    import networkx as nx

Role = Literal["support", "attack"]

CLOSE_ID_RATIO = 0.6
"""How alike (difflib's ratio) an existing id must be to an unknown one to be suggested."""


def _lengths_may_match(record_id: str, candidate: str) -> bool:
    # A ratio of 0.6 needs the shorter string to be at least 3/7 of the longer one, so ids far
    # off in length are skipped before difflib compares them one by one.
    return len(record_id) * 3 / 7 <= len(candidate) <= len(record_id) * 7 / 3


def may_suggest(record_id: str, candidate: str) -> bool:
    """Whether `ArgumentMap.closest_id` could answer ``candidate`` for ``record_id``.

    It could if ``candidate`` is alike enough, whatever else the map holds; so an id that comes
    or goes changes no suggestion for an unknown id it is not alike to.

    >>> may_suggest("cloud-share", "cloud-shares"), may_suggest("cloud-share", "trust-gap")
    (True, False)
    """
    if not _lengths_may_match(record_id, candidate):
        return False
    # The same comparison, argument order included, as difflib.get_close_matches makes; the
    # two quick ratios are upper bounds of the ratio that rule most pairs out cheaply.
    matcher = difflib.SequenceMatcher(None, candidate, record_id)
    return (
        matcher.real_quick_ratio() >= CLOSE_ID_RATIO
        and matcher.quick_ratio() >= CLOSE_ID_RATIO
        and matcher.ratio() >= CLOSE_ID_RATIO
    )


@dataclass(frozen=True)
class ReasonRef:
    """One reason in context: which claim it bears on, for or against, and its node in the graph."""

    node: str
    claim: Claim
    role: Role
    index: int
    reason: Reason

    @property
    def field(self) -> str:
        return "supported_by" if self.role == "support" else "attacked_by"


def reason_node_id(claim_id: str, role: Role, index: int, reason: Reason) -> str:
    """The graph node of a reason: its own ``id`` if it has one, else ``claim:for:N`` / ``claim:against:N``.

    Record ids cannot contain ``:``, so the generated names never clash with them.

    >>> reason_node_id("trend", "support", 0, Reason(premises=["us-list"]))
    'trend:for:1'
    """
    if reason.id is not None:
        return reason.id
    return f"{claim_id}:{'for' if role == 'support' else 'against'}:{index + 1}"


@dataclass(frozen=True)
class WholeMap:
    """Facts about a whole map that checks of a part of it need (see `ArgumentMap.whole`)."""

    record_ids: frozenset[str]
    """Every claim and evidence id of the whole map (for did-you-mean suggestions)."""
    evidence_ids: frozenset[str]
    """Those of evidence records."""
    dates_evidence: bool
    """Whether any evidence record of the whole map has a date (AM605)."""


class ArgumentMap:
    """Claims and evidence records, the map's config, and the graph they form.

    >>> amap = ArgumentMap(
    ...     claims=[Claim(id="c1", text="Tea is healthy.", supported_by=["e1"])],
    ...     evidence=[Evidence(id="e1", kind="statistic", summary="A study found so.",
    ...                        reliability="B", credibility=2)],
    ... )
    >>> sorted(amap.graph.predecessors("c1:for:1"))
    ['e1']
    """

    def __init__(
        self,
        claims: Iterable[Claim] = (),
        evidence: Iterable[Evidence] = (),
        config: MapConfig | None = None,
        root: Path | None = None,
    ) -> None:
        self.config = config or MapConfig()
        self.root = root
        self.whole: WholeMap | None = None
        """Set when this map holds only some components of a larger one (`argmap.incremental`):
        what the checks must know of the whole map."""
        self.claims: dict[str, Claim] = {}
        self.evidence: dict[str, Evidence] = {}
        for claim in claims:
            self._add(self.claims, claim)
        for item in evidence:
            self._add(self.evidence, item)

    def _add(self, table: dict[str, Claim] | dict[str, Evidence], record: Claim | Evidence) -> None:
        if record.id in self.claims or record.id in self.evidence:
            raise ArgmapError(f"duplicate id {record.id!r}")
        table[record.id] = record  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<ArgumentMap {len(self.claims)} claims, {len(self.evidence)} evidence records>"

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.claims or record_id in self.evidence

    @property
    def title(self) -> str:
        if self.config.title:
            return self.config.title
        return self.root.resolve().name if self.root else "argument map"

    def get(self, record_id: str) -> Claim | Evidence:
        """The claim or evidence record with this id; `UnknownRecordError` names the closest id."""
        record = self.claims.get(record_id) or self.evidence.get(record_id)
        if record is None:
            raise UnknownRecordError(record_id, self.closest_id(record_id))
        return record

    def closest_id(self, record_id: str) -> str | None:
        """The existing id most like ``record_id`` (difflib ratio >= 0.6), if any."""
        ids = self.whole.record_ids if self.whole is not None else (*self.claims, *self.evidence)
        known = [i for i in ids if _lengths_may_match(record_id, i)]
        matches = difflib.get_close_matches(record_id, known, n=1, cutoff=CLOSE_ID_RATIO)
        return matches[0] if matches else None

    def is_evidence_id(self, record_id: str) -> bool:
        """Whether an evidence record of the map (the whole map, see `whole`) has this id."""
        if self.whole is not None:
            return record_id in self.whole.evidence_ids
        return record_id in self.evidence

    def source_of(self, record: Claim | Evidence) -> Source | None:
        """The source a record quotes: its own, a named one from argmap.yaml, or the map's default."""
        ref = record.source if record.source is not None else self.config.source
        if ref is None or isinstance(ref, Source):
            return ref
        return self.config.sources.get(ref)

    def reasons(self) -> Iterator[ReasonRef]:
        """Every reason for and against every claim, in file order."""
        return iter(self._reason_refs)

    @cached_property
    def _reason_refs(self) -> tuple[ReasonRef, ...]:
        # Read once, like `graph`: several checks walk every reason of a large map.
        refs = []
        for claim in self.claims.values():
            for role, reasons in (("support", claim.supported_by), ("attack", claim.attacked_by)):
                for index, reason in enumerate(reasons):
                    node = reason_node_id(claim.id, role, index, reason)  # type: ignore[arg-type]
                    refs.append(ReasonRef(node, claim, role, index, reason))  # type: ignore[arg-type]
        return tuple(refs)

    @cached_property
    def graph(self) -> nx.DiGraph:
        """The map as one `networkx.DiGraph` (see `argmap.graph.build_graph`)."""
        from argmap.graph import build_graph

        return build_graph(self)
