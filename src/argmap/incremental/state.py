"""The *state* `argmap.incremental` keeps between checks of a map, and how it is stored.

After a full check, `build_state` records per record file its bytes' hash and what it declares
and references (`FileFacts`), the component of every id, each finding under the component it is
about, and the facts about the whole map that findings depend on (`State`). A re-check stores
only its `Change` beside the state written in full, until the changes are a tenth of it.

The state is kept with `marshal` (plain data: it never runs code, unlike a pickle) in argmap's
cache directory, which is trusted as the user's own files are (see `argmap.cache`). For
100,000 records it is 18 MB, read in 0.05 s with the cyclic garbage collector paused (JSON:
0.08 s; pickle: 0.10 s); a change is kilobytes, where the whole state took 0.06 s to write.
It is kept in two files, each written atomically and both named by the state's token: what the
map decides (`MapFacts`, 13 MB) and the findings (5 MB), so that the first can be written
before the findings are known (`argmap.cache_writer`); files of two different tokens are no
state.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import marshal
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.argument_map import ArgumentMap
from argmap.findings import packed_sort_key
from argmap.layout import CONFIG_NAMES
from argmap.model import Claim, ClaimKind, Evidence

STATE_FORMAT = 4
CONFIG_NODE = "@config"
ACH_NODE = "@ach"
CHANGE_SHARE = 0.1
"""A state's change is stored alone while it is at most this share of the state (`Change`)."""


@dataclass
class FileFacts:
    """What one record file contributes to the whole map."""

    digest: str
    records: list[str]
    reasons: list[str]
    """Named reasons declared in the file (they share the records' id space)."""
    references: list[list[str]]
    """(record id, id it references) pairs."""
    hypotheses: list[str]
    dated: int
    """Evidence records with a date."""
    rated: list[str]
    """Evidence records rated against hypotheses (``consistency:``)."""
    size: int

    def as_data(self) -> tuple[Any, ...]:
        return (
            self.digest,
            self.records,
            self.reasons,
            self.references,
            self.hypotheses,
            self.dated,
            self.rated,
            self.size,
        )

    @classmethod
    def from_data(cls, data: Sequence[Any]) -> FileFacts:
        return cls(*data)


def references(record: Claim | Evidence) -> Iterable[str]:
    """The ids ``record`` names: what it rests on, is attacked or superseded by, is rated against."""
    if isinstance(record, Claim):
        for reason in (*record.supported_by, *record.attacked_by):
            yield from reason.premises
            yield from reason.undercut_by
            if reason.id is not None:
                yield reason.id
    else:
        if record.superseded_by is not None:
            yield record.superseded_by
        yield from record.consistency


def file_facts(
    amap: ArgumentMap, digest: str, size: int, records: Sequence[Claim | Evidence]
) -> FileFacts:
    """What ``records`` (one file's) contribute to the map, in one pass over them.

    The same as asking `references` and each record's kind and ratings in turn; one loop
    takes half the time, which every full check with the cache pays for every record.
    """
    from argmap.timeline import has_date

    ids: list[str] = []
    reasons: list[str] = []
    linked: list[list[str]] = []
    hypotheses: list[str] = []
    rated: list[str] = []
    dated = 0
    hypothesis = ClaimKind.HYPOTHESIS
    link = linked.append
    for record in records:
        name = record.id
        ids.append(name)
        if isinstance(record, Claim):
            if record.kind is hypothesis:
                hypotheses.append(name)
            for group in (record.supported_by, record.attacked_by):
                for reason in group:
                    for other in reason.premises:
                        link([name, other])
                    for other in reason.undercut_by:
                        link([name, other])
                    if reason.id is not None:
                        link([name, reason.id])
                        reasons.append(reason.id)
        else:
            if record.superseded_by is not None:
                link([name, record.superseded_by])
            if record.consistency:
                linked.extend([name, other] for other in record.consistency)
                rated.append(name)
            if record.as_of is not None or has_date(amap, record):
                dated += 1
    return FileFacts(
        digest=digest,
        records=ids,
        reasons=reasons,
        references=linked,
        hypotheses=hypotheses,
        dated=dated,
        rated=rated,
        size=size,
    )


class _Components:
    """Which ids end up in one component: the ids and their links, labelled at the end.

    Adjacency lists and one depth-first walk: for 100,000 records and 110,000 links it takes
    half the time union-find with path compression did, since each link costs two appends
    instead of two walks up the tree.
    """

    def __init__(self) -> None:
        self.links: dict[str, list[str]] = {}

    def add(self, node: str) -> None:
        self.links.setdefault(node, [])

    def union(self, a: str, b: str) -> None:
        self.links.setdefault(a, []).append(b)
        self.links.setdefault(b, []).append(a)

    def numbered(self) -> dict[str, int]:
        """Every id with the number of its component."""
        links = self.links
        result: dict[str, int] = {}
        count = 0
        for start in links:
            if start in result:
                continue
            number = result[start] = count
            count += 1
            stack = [start]
            while stack:
                for other in links[stack.pop()]:
                    if other not in result:
                        result[other] = number
                        stack.append(other)
        return result


def _link(
    components: _Components,
    files: Iterable[FileFacts],
    config_ids: Iterable[str],
    compares_hypotheses: bool,
    config_hypotheses: Iterable[str],
) -> None:
    components.add(CONFIG_NODE)
    for name in config_ids:
        components.union(CONFIG_NODE, name)
    if compares_hypotheses:
        for name in config_hypotheses:
            components.union(ACH_NODE, name)
    links = components.links  # `_Components.add` and `union` inlined: 100,000s of calls
    for facts in files:
        for record in facts.records:
            links.setdefault(record, [])
        for record, other in facts.references:
            links.setdefault(record, []).append(other)
            links.setdefault(other, []).append(record)
        if compares_hypotheses:
            # Rated evidence is judged against all the hypotheses (AM701, AM704, AM705), and a
            # hypothesis against all the ratings (AM703): one component.
            for hypothesis in facts.hypotheses:
                components.union(ACH_NODE, hypothesis)
            for rater in facts.rated:
                components.union(ACH_NODE, rater)


def _config_ids(amap: ArgumentMap) -> list[str]:
    config = amap.config
    return [*config.hypotheses, *(name for names in config.expect.values() for name in names)]


def _compares_hypotheses(amap_config_hypotheses: Sequence[str], files: Iterable[FileFacts]) -> bool:
    return bool(amap_config_hypotheses) or any(facts.rated for facts in files)


@dataclass
class State:
    """What `recheck` needs from the last full or incremental check of a map."""

    order: list[str]
    """Record files (relative to the map) in the order the loader reads them."""
    files: dict[str, FileFacts]
    others: dict[str, str | None]
    """Every other file of the map (argmap.yaml, files the loader skips): its hash."""
    components: dict[str, int]
    findings: list[tuple[int, list[Any]]]
    facts: tuple[Any, ...]
    depends_on: list[list[str]] = field(default_factory=list)
    """Files outside the map the findings depend on, with their hashes (`argmap.recheck`)."""
    token: str = ""
    """Names this state as written in full, so that a `Change` is applied to it only."""
    change: Change | None = None
    """What changed since the state named by `token` was written in full (`write_state`)."""

    def map_data(self) -> tuple[Any, ...]:
        """What the map decides, as stored (`write_state`)."""
        return _map_data(
            self.token, self.order, self.files, self.others, self.components, self.facts
        )

    def findings_data(self) -> tuple[Any, ...]:
        """The findings and the files outside the map they depend on, as stored."""
        return findings_data(self.token, self.findings, self.depends_on)

    @classmethod
    def from_data(cls, map_data: Sequence[Any], findings_data: Sequence[Any]) -> State:
        """The state stored as ``map_data`` and ``findings_data`` (raises on anything else,
        parts of two states included: callers treat that as no state)."""
        if map_data[0] != STATE_FORMAT or findings_data[0] != STATE_FORMAT:
            raise ValueError("another state format")
        _, token, order, files, others, components, facts = map_data
        _, findings_token, findings, depends_on = findings_data
        if findings_token != token:
            raise ValueError("the findings of another state")
        return cls(
            order,
            {name: FileFacts.from_data(item) for name, item in files.items()},
            others,
            components,
            [(number, item) for number, item in findings],
            _facts(facts),
            [list(pair) for pair in depends_on],
            token,
        )

    def applied(self, change: Change) -> State:
        """This state, written in full, with ``change`` applied (in place)."""
        if change.token != self.token:
            raise ValueError("a change of another state")
        self.files.update(change.files)
        for name, number in change.components.items():
            if number is None:
                self.components.pop(name, None)
            else:
                self.components[name] = number
        dropped = set(change.dropped)
        kept = [item for item in self.findings if item[0] not in dropped]
        self.findings = _merged(kept, change.added)
        self.facts = change.facts
        self.depends_on = change.depends_on
        self.change = change
        return self


def _facts(data: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(tuple(f) if isinstance(f, list) else f for f in data)


def findings_data(
    token: str, placed: list[tuple[int, list[Any]]], depends_on: list[list[str]]
) -> tuple[Any, ...]:
    """`State.findings_data` of the state named by ``token``, with these findings (`place`)."""
    return (STATE_FORMAT, token, placed, depends_on)


def _map_data(
    token: str,
    order: list[str],
    files: dict[str, FileFacts],
    others: dict[str, str | None],
    components: dict[str, int],
    facts: tuple[Any, ...],
) -> tuple[Any, ...]:
    data = {name: item.as_data() for name, item in files.items()}
    return (STATE_FORMAT, token, order, data, others, components, facts)


@dataclass
class Change:
    """What incremental re-checks changed in a state since it was written in full.

    Rewriting the whole state after each edit cost 0.06 s on a 100,000-record map (18 MB); the
    change since it was written in full is a few kilobytes. Changes accumulate, one on top of
    the other, until they are a tenth of the state: then the state is written in full again.
    """

    token: str
    files: dict[str, FileFacts]
    components: dict[str, int | None]
    """New component numbers; None for an id no component holds any more."""
    dropped: list[int]
    """Components whose findings are gone (from the state written in full, or added since)."""
    added: list[tuple[int, list[Any]]]
    facts: tuple[Any, ...]
    depends_on: list[list[str]] = field(default_factory=list)

    def then(
        self,
        files: dict[str, FileFacts],
        gone: Iterable[str],
        numbers: dict[str, int],
        touched: set[int],
        placed: list[tuple[int, list[Any]]],
        facts: tuple[Any, ...],
    ) -> Change:
        """This change followed by one more re-check's."""
        components = dict(self.components)
        components.update(dict.fromkeys(gone))
        components.update(numbers)
        return Change(
            self.token,
            {**self.files, **files},
            components,
            sorted(set(self.dropped) | touched),
            [item for item in self.added if item[0] not in touched] + placed,
            facts,
        )

    def size(self) -> int:
        return len(self.files) + len(self.components) + len(self.dropped) + len(self.added)

    def as_data(self) -> tuple[Any, ...]:
        return (
            STATE_FORMAT,
            self.token,
            {name: facts.as_data() for name, facts in self.files.items()},
            self.components,
            self.dropped,
            self.added,
            self.facts,
            self.depends_on,
        )

    @classmethod
    def from_data(cls, data: Sequence[Any]) -> Change:
        if data[0] != STATE_FORMAT:
            raise ValueError("another state format")
        _, token, files, components, dropped, added, facts, depends_on = data
        return cls(
            token,
            {name: FileFacts.from_data(item) for name, item in files.items()},
            components,
            list(dropped),
            [(number, item) for number, item in added],
            _facts(facts),
            [list(pair) for pair in depends_on],
        )


def _whole_facts(config_hypotheses: Sequence[str], files: Iterable[FileFacts]) -> tuple[Any, ...]:
    facts = list(files)
    return (
        _compares_hypotheses(config_hypotheses, facts),
        tuple(sorted(h for item in facts for h in item.hypotheses)),
        any(item.dated for item in facts),
    )


def _relative(root: Path, display: str) -> str:
    base = os.path.normpath(os.path.abspath(root))
    return Path(os.path.relpath(os.path.normpath(os.path.abspath(display)), base)).as_posix()


def _display(root: Path, relative: str) -> str:
    from argmap.load import _display_path

    return _display_path(root / relative, root)


def build_state(
    root: Path,
    amap: ArgumentMap,
    packed: Iterable[list[Any]],
    walked: dict[str, bytes | None],
    digests: dict[str, str | None],
) -> State | None:
    """The state after a full check of ``amap`` (loaded from ``root``) that found these findings
    (`Finding.packed`, in order), or None if it cannot be kept."""
    facts = map_facts(root, amap, walked, digests)
    return None if facts is None else facts.state(packed)


@dataclass
class MapFacts:
    """What a state holds that the map alone decides: all of it but the findings.

    Computing it takes 0.2 s for 100,000 records and placing the findings 0.02 s, so it can be
    done before the findings are known, by another process (`argmap.cache_writer`).
    """

    order: list[str]
    files: dict[str, FileFacts]
    others: dict[str, str | None]
    numbers: dict[str, int]
    facts: tuple[Any, ...]
    config_path: str | None
    """How findings name the map's argmap.yaml (or argmap.yml), if it has one."""

    def state(self, packed: Iterable[list[Any]]) -> State | None:
        """The state with these findings (`Finding.packed`, in order), or None if one of them
        belongs to no component."""
        placed = place(packed, self.numbers, self.config_path)
        if placed is None:
            return None
        return State(self.order, self.files, self.others, self.numbers, placed, self.facts)

    def map_data(self, token: str) -> tuple[Any, ...]:
        """`State.map_data` of the state these facts are part of, named by ``token``."""
        return _map_data(token, self.order, self.files, self.others, self.numbers, self.facts)


def map_facts(
    root: Path,
    amap: ArgumentMap,
    walked: dict[str, bytes | None],
    digests: dict[str, str | None],
) -> MapFacts | None:
    """`MapFacts` of ``amap`` (loaded from ``root``, whose files were ``walked``), or None if a
    state cannot be kept for it."""
    by_path: dict[str, list[Claim | Evidence]] = {}
    records: list[Claim | Evidence] = [*amap.claims.values(), *amap.evidence.values()]
    for record in records:
        # The file's table names it: asking `record.span` would make a Span for every record.
        where = record.where
        path = where.table.path if where.table is not None else where.record.path
        by_path.setdefault(path, []).append(record)
    by_file = {_relative(root, path): found for path, found in by_path.items()}
    order = list(by_file)
    files: dict[str, FileFacts] = {}
    others: dict[str, str | None] = {}
    for name, content in walked.items():
        digest = digests[name]
        if name in by_file:
            if digest is None or content is None:
                return None
            files[name] = file_facts(amap, digest, len(content), by_file[name])
        else:
            others[name] = digest
    if set(files) != set(by_file):
        return None  # a record from a file the walk did not see: do not guess
    components = _Components()
    config_hypotheses = list(amap.config.hypotheses)
    facts = _whole_facts(config_hypotheses, files.values())
    _link(components, files.values(), _config_ids(amap), facts[0], config_hypotheses)
    return MapFacts(order, files, others, components.numbered(), facts, _config_display(root))


def _config_display(root: Path) -> str | None:
    """How findings name the map's argmap.yaml (or argmap.yml), if it has one."""
    for name in CONFIG_NAMES:
        if (root / name).exists():
            return _display(root, name)
    return None


def place(
    packed: Iterable[list[Any]], numbers: dict[str, int], config_path: str | None
) -> list[tuple[int, list[Any]]] | None:
    """Each finding (`Finding.packed`) with the number of the component it is about (in
    ``numbers``, `MapFacts.numbers`), or None if one of them is about none.

    ``config_path``: how findings name the map's argmap.yaml, whose findings belong to the
    config's component."""
    placed = []
    config_number = numbers[CONFIG_NODE]
    for finding in packed:
        subject = finding[7]
        if subject is not None and subject in numbers:
            number = numbers[subject]
        elif config_path is not None and finding[3] == config_path:
            number = config_number
        else:
            return None
        placed.append((number, finding))
    return placed


def state_path(base_key: str) -> Path:
    """Where the state's part the map decides is kept (`MapFacts`)."""
    from argmap.cache import cache_dir

    return cache_dir() / "states" / f"{base_key}.marshal"


def findings_path(base_key: str) -> Path:
    """Where the state's findings are kept."""
    return state_path(base_key).with_suffix(".findings")


def change_path(base_key: str) -> Path:
    return state_path(base_key).with_suffix(".change")


def read_state(base_key: str) -> State | None:
    """The stored state, with the change stored since it was written in full (if any)."""
    try:
        map_data = state_path(base_key).read_bytes()
        findings_data = findings_path(base_key).read_bytes()
        collecting = gc.isenabled()
        gc.disable()  # a million small objects and no cycles: the collector only costs time
        try:
            state = State.from_data(marshal.loads(map_data), marshal.loads(findings_data))
        finally:
            if collecting:
                gc.enable()
    except Exception:  # noqa: BLE001 - a missing or corrupt state is no state
        return None
    try:
        change = Change.from_data(marshal.loads(change_path(base_key).read_bytes()))
    except Exception:  # noqa: BLE001 - a missing or corrupt change is no change
        return state
    if change.token != state.token:
        return state  # a change of an older state; this one was written since
    try:
        return state.applied(change)
    except Exception:  # noqa: BLE001 - a change that does not fit is no state at all
        return None


def new_token() -> str:
    """A token for a state about to be written in full."""
    return os.urandom(16).hex()


def write_state(base_key: str, state: State | None) -> None:
    """Store ``state``: only its change when that is small, else in full under a new token.
    None: no state can be kept, so the stored one goes."""
    if state is None:
        drop_state(base_key)
        return
    change = state.change
    if change is not None and change.size() <= CHANGE_SHARE * (
        len(state.components) + len(state.findings)
    ):
        from argmap.cache import store_entry

        change.depends_on = state.depends_on
        store_entry(change_path(base_key), marshal.dumps(change.as_data()))
        return
    state.token = new_token()
    state.change = None
    if store_map_data(base_key, state.map_data()):
        store_findings_data(base_key, state.findings_data())


def store_map_data(base_key: str, data: tuple[Any, ...]) -> bool:
    """Store the part of a state the map decides (`State.map_data`, `MapFacts.map_data`)."""
    from argmap.cache import store_entry

    return store_entry(state_path(base_key), marshal.dumps(data))


def store_findings_data(base_key: str, data: tuple[Any, ...]) -> None:
    """Store the findings of a state (`State.findings_data`), which completes it."""
    from argmap.cache import store_entry
    from argmap.recheck import KEEP_RUNS, prune

    if store_entry(findings_path(base_key), marshal.dumps(data)):
        with contextlib.suppress(OSError):
            change_path(base_key).unlink()  # a change of the state before: no use any more
        # One state per map and options (two files, and maybe a change): keep the recent ones.
        prune(state_path(base_key).parent, 3 * KEEP_RUNS)


def drop_state(base_key: str) -> None:
    """Forget the stored state (the next check is a full one)."""
    for path in (state_path(base_key), findings_path(base_key), change_path(base_key)):
        with contextlib.suppress(OSError):
            path.unlink()


def _packed_order(placed: tuple[int, list[Any]]) -> tuple[str, int, int, str, str]:
    return packed_sort_key(placed[1])


def _merged(
    ordered: list[tuple[int, list[Any]]], more: list[tuple[int, list[Any]]]
) -> list[tuple[int, list[Any]]]:
    """``ordered`` (placed findings in `sorted_findings`' order) with ``more`` merged in.

    A state's findings are kept in that order, so that a re-check need not sort 25,000 of them
    to add the few it found: each goes in by bisection, after any equal to it, just where a
    stable sort of ``ordered + more`` puts it.
    """
    more = sorted(more, key=_packed_order)
    if len(more) > 64:
        return sorted(ordered + more, key=_packed_order)
    merged = list(ordered)
    for item in more:
        bisect.insort_right(merged, item, key=_packed_order)
    return merged
