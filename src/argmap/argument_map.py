"""`ArgumentMap`: the loaded records of one map, and the one networkx graph built from them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

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


class ReasonRef(NamedTuple):
    """One reason in context: which claim it bears on, for or against, and its node in the graph.

    A named tuple: a map has one per reason (96,000 in the 100k benchmark map), and a tuple is
    made in a third of the time a frozen dataclass takes, in less memory.
    """

    node: str
    claim: Claim
    role: Role
    index: int  # type: ignore[assignment]  # hides tuple.index(), which no one asks of a ref
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


@dataclass(frozen=True)
class ReasonLinks:
    """How the reasons link records, as plain dicts: the edges of `ArgumentMap.graph`.

    `argmap.graph.build_graph` draws the graph from these, so both follow the same rules: a
    reason whose node id is taken (by a record, or by an earlier reason with that ``id``) is
    left out; an id the map does not have gets no link; a premise named twice is linked once;
    and a record that is both a premise and an undercutter of a reason is linked as a premise.
    Checks read these rather than the graph: asking networkx costs a view per question, and
    building the graph of a large map costs more than the checks that would ask.
    """

    reasons: dict[str, ReasonRef]
    """Each reason node, in file order."""
    premises: dict[str, list[str]]
    """Each reason node: its premises the map has (the graph's ``premise`` edges into it)."""
    undercutters: dict[str, list[str]]
    """Each reason node that has undercutters the map has: them (its ``undercuts`` edges). A
    reason with none has no entry: most have none, and an empty list each costs time."""
    bears_on: dict[str, list[str]]
    """Each record: the reason nodes it is a premise or undercutter of (its out-edges)."""
    reasons_for: dict[str, list[str]]
    """Each claim: the reason nodes for and against it (its in-edges)."""
    naming_unknown: list[ReasonRef]
    """Every reason, left out of the graph or not, that names a premise or undercutter the map
    has no record of, in file order (AM101 reports them)."""
    self_supporting: list[ReasonRef]
    """Every support reason, left out of the graph or not, among whose premises is the claim it
    supports, in file order (AM102 reports them)."""


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
        refs: list[ReasonRef] = []
        append = refs.append
        for claim in self.claims.values():
            claim_id = claim.id
            # `reason_node_id`, written out: this runs for each of a large map's reasons.
            for index, reason in enumerate(claim.supported_by):
                node = reason.id if reason.id is not None else f"{claim_id}:for:{index + 1}"
                append(ReasonRef(node, claim, "support", index, reason))
            if claim.attacked_by:
                for index, reason in enumerate(claim.attacked_by):
                    node = reason.id if reason.id is not None else f"{claim_id}:against:{index + 1}"
                    append(ReasonRef(node, claim, "attack", index, reason))
        return tuple(refs)

    @cached_property
    def reason_links(self) -> ReasonLinks:
        """The reasons' links between records (see `ReasonLinks`), worked out once."""
        records = self.claims.keys() | self.evidence.keys()
        reasons: dict[str, ReasonRef] = {}
        premises: dict[str, list[str]] = {}
        undercutters: dict[str, list[str]] = {}
        bears_on: dict[str, list[str]] = {}
        reasons_for: dict[str, list[str]] = {}
        naming_unknown: list[ReasonRef] = []
        self_supporting: list[ReasonRef] = []
        for ref in self._reason_refs:
            node, claim, role, _, reason = ref
            names = reason.premises
            claim_id = claim.id
            if role == "support" and claim_id in names:
                self_supporting.append(ref)
            # Only a named reason's node can be taken: generated names hold a ":", which no
            # record or reason id can (see `reason_node_id`).
            if reason.id is not None and (node in reasons or node in records):
                if not (records.issuperset(names) and records.issuperset(reason.undercut_by)):
                    naming_unknown.append(ref)
                continue
            reasons[node] = ref
            # Not setdefault(key, []) below: that makes a list per call, used or not.
            nodes = reasons_for.get(claim_id)
            if nodes is None:
                reasons_for[claim_id] = [node]
            else:
                nodes.append(node)
            if len(names) == 1:  # most reasons: no duplicate to drop, one id to look up
                known = [names[0]] if names[0] in records else []
            else:
                names = list(dict.fromkeys(names))  # a premise named twice is linked once
                known = [p for p in names if p in records]
            premises[node] = known
            unknown = len(known) < len(names)
            for premise in known:
                nodes = bears_on.get(premise)
                if nodes is None:
                    bears_on[premise] = [node]
                else:
                    nodes.append(node)
            if reason.undercut_by:
                others: list[str] = []
                for undercutter in reason.undercut_by:
                    if undercutter not in records:
                        unknown = True
                    elif undercutter not in known and undercutter not in others:
                        others.append(undercutter)
                        bears_on.setdefault(undercutter, []).append(node)
                if others:
                    undercutters[node] = others
            if unknown:
                naming_unknown.append(ref)
        return ReasonLinks(
            reasons, premises, undercutters, bears_on, reasons_for, naming_unknown, self_supporting
        )

    @cached_property
    def with_own_source(self) -> list[Claim | Evidence]:
        """The records that give a ``source:`` of their own, claims then evidence, in file order.

        Found once: several checks look at every record's own source, and most records (all
        claims, as a rule) have none.
        """
        return [
            record
            for records in (self.claims.values(), self.evidence.values())
            for record in records
            if record.source is not None
        ]

    @cached_property
    def rated_evidence(self) -> list[Evidence]:
        """The evidence records with ``consistency:`` ratings (ACH), in file order.

        Found once: several checks ask whether a map does ACH at all, and most maps don't.
        """
        return [item for item in self.evidence.values() if item.consistency]

    @cached_property
    def graph(self) -> nx.DiGraph:
        """The map as one `networkx.DiGraph` (see `argmap.graph.build_graph`)."""
        from argmap.graph import build_graph

        return build_graph(self)
