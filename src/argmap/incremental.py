"""Re-checking a map after some of its files changed, by checking again only what they touch.

Every check's findings about a record depend only on the records it is linked to, directly or
through others, plus a few facts about the whole map. So argmap splits the map into
*components*: records that reference each other, directly or in a chain, are in one component.
A record references the premises, undercutters and named reasons of its reasons, the record
that supersedes it, and the hypotheses it is rated against; an id that names no record is a
member too (so a file that later declares it joins the component that names it). ``argmap.yaml``
is a member of the component of every id it names (``hypotheses:``, ``expect:``); and in a map
that compares hypotheses, every hypothesis and every rated evidence record are one component.

After a full check, `build_state` keeps, per record file, its bytes' hash and what it declares
and references, the component of every id, and each finding under the component it is about
(its subject's, or the config's for a finding in ``argmap.yaml``). When only record files
changed, `recheck` reads just those files and, from the parse cache, what they held before
(`_edited_records`): a record written exactly as before is no edit, and one that only moved
(a claim inserted above it) keeps its findings at its new positions. It finds the components
the edited records touch, before and after, loads those components (unchanged files come from
the parse cache), checks them as a map of their own and keeps the stored findings of every
other component.

It falls back to a full check (returns None) whenever that reasoning might not hold: no
stored state, a file added, removed or not a record file, ``argmap.yaml`` or a source text
changed, a changed file with any problem, an id declared twice, the whole map's facts changed
(which records are hypotheses, whether the map compares hypotheses or dates its evidence), a
map limit reached, a finding that cannot be placed in a component, or more than a few files
changed. Tests check it against a full check on random edits (``tests/test_incremental.py``).

The state is kept with `marshal` (plain data: it never runs code, unlike a pickle) in argmap's
cache directory, which is trusted as the user's own files are (see `argmap.cache`). For
100,000 records it is 18 MB, read in 0.05 s with the cyclic garbage collector paused (JSON:
0.08 s; pickle: 0.10 s). A re-check stores only its `Change` beside it (kilobytes, where the
whole state took 0.06 s to write), until the changes are a tenth of the state.
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

from argmap.argument_map import ArgumentMap, WholeMap, may_suggest
from argmap.findings import Finding, packed_sort_key
from argmap.layout import CONFIG_NAMES, RECORD_DIR_NAMES
from argmap.model import Claim, ClaimKind, Evidence
from argmap.span import Span

STATE_FORMAT = 3
CONFIG_NODE = "@config"
ACH_NODE = "@ach"
MAX_CHANGED_FILES = 8
"""More changed files than this: a full check is about as quick, and simpler."""
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
    from argmap.timeline import has_date

    return FileFacts(
        digest=digest,
        records=[record.id for record in records],
        reasons=[
            reason.id
            for record in records
            if isinstance(record, Claim)
            for reason in (*record.supported_by, *record.attacked_by)
            if reason.id is not None
        ],
        references=[[record.id, other] for record in records for other in references(record)],
        hypotheses=[
            record.id
            for record in records
            if isinstance(record, Claim) and record.kind is ClaimKind.HYPOTHESIS
        ],
        dated=sum(
            1 for record in records if isinstance(record, Evidence) and has_date(amap, record)
        ),
        rated=[r.id for r in records if isinstance(r, Evidence) and r.consistency],
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
    for facts in files:
        for record in facts.records:
            components.add(record)
        for record, other in facts.references:
            components.union(record, other)
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

    def as_data(self) -> tuple[Any, ...]:
        return (
            STATE_FORMAT,
            self.token,
            self.order,
            {name: facts.as_data() for name, facts in self.files.items()},
            self.others,
            self.components,
            self.findings,
            self.facts,
            self.depends_on,
        )

    @classmethod
    def from_data(cls, data: Sequence[Any]) -> State:
        if data[0] != STATE_FORMAT:
            raise ValueError("another state format")
        _, token, order, files, others, components, findings, facts, depends_on = data
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
    findings: Sequence[Finding],
    walked: dict[str, bytes | None],
    digests: dict[str, str | None],
) -> State | None:
    """The state after a full check of ``amap`` (loaded from ``root``), or None if it cannot be."""
    by_path: dict[str, list[Claim | Evidence]] = {}
    records: list[Claim | Evidence] = [*amap.claims.values(), *amap.evidence.values()]
    for record in records:
        by_path.setdefault(record.span.path, []).append(record)
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
    numbers = components.numbered()
    placed = _place(findings, numbers, _config_display(root))
    if placed is None:
        return None
    return State(order, files, others, numbers, placed, facts)


def _config_display(root: Path) -> str | None:
    """How findings name the map's argmap.yaml (or argmap.yml), if it has one."""
    for name in CONFIG_NAMES:
        if (root / name).exists():
            return _display(root, name)
    return None


def _place(
    findings: Iterable[Finding], numbers: dict[str, int], config_path: str | None
) -> list[tuple[int, list[Any]]] | None:
    placed = []
    for finding in findings:
        if finding.subject is not None and finding.subject in numbers:
            number = numbers[finding.subject]
        elif config_path is not None and finding.span.path == config_path:
            number = numbers[CONFIG_NODE]
        else:
            return None
        placed.append((number, finding.packed()))
    return placed


def state_path(base_key: str) -> Path:
    from argmap.cache import cache_dir

    return cache_dir() / "states" / f"{base_key}.marshal"


def change_path(base_key: str) -> Path:
    return state_path(base_key).with_suffix(".change")


def read_state(base_key: str) -> State | None:
    """The stored state, with the change stored since it was written in full (if any)."""
    try:
        data = state_path(base_key).read_bytes()
        collecting = gc.isenabled()
        gc.disable()  # a million small objects and no cycles: the collector only costs time
        try:
            state = State.from_data(marshal.loads(data))
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


def write_state(base_key: str, state: State | None) -> None:
    """Store ``state``: only its change when that is small, else in full under a new token."""
    path = state_path(base_key)
    if state is None:
        with contextlib.suppress(OSError):
            path.unlink()
        return
    from argmap.cache import store_entry
    from argmap.recheck import KEEP_RUNS, prune

    change = state.change
    if change is not None and change.size() <= CHANGE_SHARE * (
        len(state.components) + len(state.findings)
    ):
        change.depends_on = state.depends_on
        store_entry(change_path(base_key), marshal.dumps(change.as_data()))
        return
    state.token = os.urandom(16).hex()
    state.change = None
    if store_entry(path, marshal.dumps(state.as_data())):
        with contextlib.suppress(OSError):
            change_path(base_key).unlink()  # a change of the state before: no use any more
        # One state per map and options, and maybe its change: keep the recent ones.
        prune(path.parent, 2 * KEEP_RUNS)


def _read(root: Path, name: str, limits: Any, store: Any) -> list[Claim | Evidence] | None:
    """The records of record file ``name``, or None if it has any problem."""
    from argmap.load import read_record_file

    model = Claim if name.startswith("claims/") else Evidence
    records, _, problems = read_record_file(root / name, _display(root, name), model, limits, store)
    if problems:
        return None
    return [record for record in records if isinstance(record, Claim | Evidence)]


@dataclass
class Rechecked:
    findings: list[Finding]
    records: int
    state: State
    map: ArgumentMap


def recheck(
    root: Path,
    state: State,
    walked: dict[str, bytes | None],
    digests: dict[str, str | None],
    *,
    select: Sequence[str],
    ignore: Sequence[str],
    limits: Any,
) -> Rechecked | None:
    """The findings of the map at ``root`` now, from ``state`` and the files that changed.

    None when a full check is needed instead (see the module's docstring for when).
    """
    from argmap.cache import MapCache
    from argmap.checks import check
    from argmap.load import load_config

    changed = _changed_record_files(state, digests)
    if changed is None:
        return None
    store = MapCache(root)
    config, problems = load_config(root, limits, store)
    if problems:
        return None
    changed_records: dict[str, list[Claim | Evidence]] = {}
    for name in changed:
        content = walked[name]
        read = (
            None
            if content is None or len(content) > limits.file_size
            else _read(root, name, limits, store)
        )
        if read is None:
            return None
        changed_records[name] = read
    probe = ArgumentMap(config=config, root=root)
    new_files = dict(state.files)
    for name, read in changed_records.items():
        content = walked[name] or b""
        new_files[name] = file_facts(probe, digests[name] or "", len(content), read)
    total = _records_if_loadable(new_files.values(), limits)
    config_hypotheses = list(config.hypotheses)
    whole = _whole_facts(config_hypotheses, new_files.values())
    if total is None or whole != state.facts:
        return None

    edits = {
        name: _edited_records(state, new_files, name, changed_records[name], probe, store, limits)
        for name in changed
    }
    touched = _touched_components(state, edits, compares_hypotheses=bool(whole[0]))
    was_touched = [i for i, number in state.components.items() if number in touched]
    members = {*was_touched, *(i for edit in edits.values() for i in edit.after.records)}
    wanted: list[Claim | Evidence] = []
    for name in state.order:  # the loader's order, so the part's records are in map order
        read = changed_records.get(name)
        if read is None and any(i in members for i in new_files[name].records):
            read = _read(root, name, limits, store)
            if read is None:
                return None
        wanted.extend(record for record in read or () if record.id in members)
    store.save()
    part = ArgumentMap(
        claims=[r for r in wanted if isinstance(r, Claim)],
        evidence=[r for r in wanted if isinstance(r, Evidence)],
        config=config,
        root=root,
    )
    part.whole = WholeMap(
        record_ids=frozenset().union(*(f.records for f in new_files.values())),
        evidence_ids=frozenset().union(
            *(f.records for name, f in new_files.items() if name.startswith("evidence/"))
        ),
        dates_evidence=bool(whole[2]),
    )
    fresh = check(part, select=select, ignore=ignore)

    # The part's components, numbered after every other one, which keeps its number. A
    # reference into or out of the part would have made both ends members, so the part links
    # only to itself and untouched components lose no link.
    components = _Components()
    _link_part(components, part, wanted, members, config_hypotheses, bool(whole[0]))
    first = max(state.components.values(), default=-1) + 1
    fresh_numbers = {node: first + number for node, number in components.numbered().items()}
    numbers = state.components.copy()  # a C copy, then a few deletions: 100k ids in 2 ms
    for i in was_touched:
        del numbers[i]
    numbers.update(fresh_numbers)
    fresh_placed = _place_part_findings(fresh, fresh_numbers, numbers, _config_display(root))
    if fresh_placed is None:
        return None
    shifted = {state.components[i] for edit in edits.values() for i in edit.moved_ids} - touched
    stored = _stored_findings(state, edits, touched, shifted, {_display(root, n) for n in changed})
    if stored is None:
        return None
    kept, moved_findings = stored
    placed = _merged(kept, fresh_placed + moved_findings)
    findings = [Finding.unpacked(item) for _, item in placed]
    new_state = State(state.order, new_files, state.others, numbers, placed, whole)
    new_state.token = state.token
    previous = state.change or Change(state.token, {}, {}, [], [], state.facts)
    new_state.change = previous.then(
        {name: new_files[name] for name in changed},
        was_touched,
        fresh_numbers,
        touched | shifted,
        fresh_placed + moved_findings,
        whole,
    )
    return Rechecked(findings, total, new_state, part)


def _stored_findings(
    state: State,
    edits: dict[str, _Edit],
    touched: set[int],
    shifted: set[int],
    changed_files: set[str],
) -> tuple[list[tuple[int, list[Any]]], list[tuple[int, list[Any]]]] | None:
    """The stored findings of untouched components: those kept as they are, and those of the
    ``shifted`` components (with a record that only moved), moved with it. None when a finding
    cannot be placed: a position in a changed file that no unedited record holds, or one that
    moved with a record of another component (do not guess)."""
    moved = {old: new for edit in edits.values() for old, new in edit.moved.items()}
    still = {span for edit in edits.values() for span in edit.still}
    kept: list[tuple[int, list[Any]]] = []
    moved_findings: list[tuple[int, list[Any]]] = []
    for number, packed in state.findings:
        if number in touched:
            continue
        if number not in shifted and packed[3] not in changed_files and not packed[8]:
            kept.append((number, packed))  # the common case, decided without a call
            continue
        moved_to = _moved_finding(packed, changed_files, moved, still)
        if moved_to is None:
            return None
        if number in shifted:
            moved_findings.append((number, moved_to))
        elif moved_to is packed:
            kept.append((number, packed))
        else:
            return None
    return kept, moved_findings


def _moved_finding(
    packed: list[Any], changed_files: set[str], moved: dict[Span, Span], still: set[Span]
) -> list[Any] | None:
    """``packed`` (a stored finding) with each position in a changed file where it is now.

    The finding itself when none moved; None when a position is in a changed file but held by
    no record that only moved or stayed (an edited record's: its component was touched, so this
    should not happen).
    """
    code, name, severity, path, line, column, message, subject, related = packed
    if path not in changed_files and all(other[0] not in changed_files for other in related):
        return packed

    def now(span: Span) -> Span | None:
        if span.path not in changed_files or span in still:
            return span
        return moved.get(span)

    where = now(Span(path, line, column))
    others = [now(Span(*other)) for other in related]
    if where is None:
        return None
    moved_others: list[list[Any]] = []
    for other in others:
        if other is None:
            return None
        moved_others.append(list(other))
    if where == (path, line, column) and moved_others == [list(other) for other in related]:
        return packed
    return [code, name, severity, *where, message, subject, moved_others]


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


def _changed_record_files(state: State, digests: dict[str, str | None]) -> list[str] | None:
    """The record files whose bytes changed, or None if anything else changed (or too much)."""
    if digests.keys() != state.files.keys() | state.others.keys():
        return None  # a file added or removed
    changed = []
    for name, digest in digests.items():
        if name in state.files:
            if digest != state.files[name].digest:
                changed.append(name)
        elif digest != state.others[name]:
            return None  # argmap.yaml, or a file the loader may read differently
    if not changed or len(changed) > MAX_CHANGED_FILES:
        return None
    if any(name.split("/", 1)[0] not in RECORD_DIR_NAMES for name in changed):
        return None
    return changed


def _records_if_loadable(files: Iterable[FileFacts], limits: Any) -> int | None:
    """How many records the map has, or None if loading it would fail (an id declared twice,
    a limit of the whole map): the full load then reports it."""
    files = list(files)
    total = sum(len(item.records) for item in files)
    size = sum(item.size for item in files)
    if total > limits.total_records or size > limits.total_size:
        return None
    # One set built in C (set.union) is five times quicker than adding id by id in Python.
    declared = _declared(files)
    if len(declared) != total + sum(len(item.reasons) for item in files):
        return None
    return total


def _declared(files: Iterable[FileFacts]) -> set[str]:
    """Every record and named reason id the files declare."""
    files = list(files)
    return set().union(*(item.records for item in files), *(item.reasons for item in files))


@dataclass
class _Edit:
    """What an edit of one record file did to its records (`_edited_records`)."""

    before: FileFacts
    """The facts of the edited records (changed, added or removed) as they were..."""
    after: FileFacts
    """... and as they are."""
    moved: dict[Span, Span] = field(default_factory=dict)
    """Where each position of a record that only moved was, and is now."""
    moved_ids: list[str] = field(default_factory=list)
    still: set[Span] = field(default_factory=set)
    """The positions of the records that neither changed nor moved."""


def _edited_records(
    state: State,
    new_files: dict[str, FileFacts],
    name: str,
    records: list[Claim | Evidence],
    probe: ArgumentMap,
    store: Any,
    limits: Any,
) -> _Edit:
    """Which records of file ``name`` the edit changed, which it only moved, which it left.

    A record written exactly as before, at the same place, has the same findings unless its
    component changes. One that holds the same values, written the same way but elsewhere (a
    record inserted above it moved it down), has them too, at its new positions, as long as the
    records it comes between keep their order. So when the parse cache still holds the file as
    it was, only the records that differ, came or went count as edited: appending a claim to a
    file of a hundred re-checks one, and inserting one at the top re-checks one and moves the
    findings of the others. Without the file as it was, every record of the file is edited.
    """
    before, after = state.files[name], new_files[name]
    old = _cached_records(store, name, before.digest, limits)
    if old is None:
        return _Edit(before, after)
    was = {record.id: record for record in old}
    now = {record.id: record for record in records}
    edit = _Edit(before, after)
    edited: set[str] = set()
    for i in was.keys() | now.keys():
        old_record, new_record = was.get(i), now.get(i)
        if old_record is None or new_record is None or not _same_values(old_record, new_record):
            edited.add(i)
            continue
        old_where, new_where = old_record.where, new_record.where
        old_own, new_own = old_where.own(), new_where.own()
        if old_own.keys() != new_own.keys():
            edited.add(i)
        elif old_where.record == new_where.record and old_own == new_own:
            edit.still.add(old_where.record)
            edit.still.update(old_own.values())
        else:
            edit.moved_ids.append(i)
            edit.moved[old_where.record] = new_where.record
            edit.moved.update((old_own[path], new_own[path]) for path in old_own)
    if edit.moved_ids and not _same_order(old, records, edited):
        edited.update(edit.moved_ids)  # records moved past each other: check them again
        edit.moved, edit.moved_ids = {}, []
    edit.before = file_facts(probe, before.digest, 0, [r for r in old if r.id in edited])
    edit.after = file_facts(probe, after.digest, 0, [r for r in records if r.id in edited])
    return edit


def _same_order(
    old: Sequence[Claim | Evidence], new: Sequence[Claim | Evidence], edited: set[str]
) -> bool:
    # A check may report a cycle at whichever of its records comes first in the map: records
    # that only moved must keep their order for their findings to stay as they were.
    return [r.id for r in old if r.id not in edited] == [r.id for r in new if r.id not in edited]


def _cached_records(
    store: Any, name: str, digest: str, limits: Any
) -> list[Claim | Evidence] | None:
    """The records of file ``name`` as they were when its bytes hashed to ``digest``, if cached."""
    from argmap.load import cached_record_file

    model = Claim if name.startswith("claims/") else Evidence
    hit = cached_record_file(store, _display(store.root, name), model, digest, limits)
    if hit is None:
        return None
    return [record for record in hit if isinstance(record, Claim | Evidence)]


def _same_values(old: Claim | Evidence, new: Claim | Evidence) -> bool:
    """Whether two versions of a record hold the same values, given the same way."""
    return (
        type(old) is type(new)
        and old.__dict__ == new.__dict__
        and old.model_fields_set == new.model_fields_set
    )


def _touched_components(
    state: State, edits: dict[str, _Edit], compares_hypotheses: bool
) -> set[int]:
    """The components of every id the edited records declared or named, before and after.

    ``edits`` holds, for each changed file, the facts of its edited records as they were and
    as they are (`_edited_records`). An id only named so far is a member of the component that
    names it, so a file that now declares it touches that component. In a map that compares
    hypotheses, an edited hypothesis or rated evidence record touches the hypotheses'
    component, even when its ratings name no hypothesis. An id that comes or goes touches every
    component naming an unknown id it could be suggested for (its did-you-mean may change).
    """
    touched_ids: set[str] = set()
    for edit in edits.values():
        for version in (edit.before, edit.after):
            touched_ids.update(version.records)
            touched_ids.update(version.reasons)
            touched_ids.update(other for _, other in version.references)
            if compares_hypotheses and (version.hypotheses or version.rated):
                touched_ids.add(ACH_NODE)
    came_or_went = {
        i for edit in edits.values() for i in set(edit.before.records) ^ set(edit.after.records)
    }
    if came_or_went:
        # A finding about an id no record has suggests the closest id of the whole map
        # ("did you mean ...?"), so an id that comes or goes touches every component naming an
        # unknown id it could be suggested for.
        unknown = state.components.keys() - _declared(state.files.values())
        touched_ids.update(
            node
            for node in unknown
            if node not in (CONFIG_NODE, ACH_NODE)
            and any(may_suggest(node, other) for other in came_or_went)
        )
    return {state.components[i] for i in touched_ids if i in state.components}


def _link_part(
    components: _Components,
    part: ArgumentMap,
    records: Iterable[Claim | Evidence],
    members: set[str],
    config_hypotheses: Iterable[str],
    compares_hypotheses: bool,
) -> None:
    """`_link` for the records of a part (from the records themselves, not file facts)."""
    if CONFIG_NODE in members:
        for name in _config_ids(part):
            components.union(CONFIG_NODE, name)
    if compares_hypotheses and ACH_NODE in members:
        for name in config_hypotheses:
            components.union(ACH_NODE, name)
    for record in records:
        components.add(record.id)
        for other in references(record):
            components.union(record.id, other)
        hypothesis = isinstance(record, Claim) and record.kind is ClaimKind.HYPOTHESIS
        rater = isinstance(record, Evidence) and bool(record.consistency)
        if compares_hypotheses and (hypothesis or rater):
            components.union(ACH_NODE, record.id)


def _place_part_findings(
    findings: Iterable[Finding],
    fresh_numbers: dict[str, int],
    numbers: dict[str, int],
    config_path: str | None,
) -> list[tuple[int, list[Any]]] | None:
    """The part's findings under their components; None if one cannot be placed.

    The part was checked alone: a finding about something outside it (such as a line of
    argmap.yaml naming a record the part lacks) is not a finding about the map, and is dropped.
    """
    placed = []
    for finding in findings:
        if finding.subject is not None and finding.subject in fresh_numbers:
            number = fresh_numbers[finding.subject]
        elif finding.subject is not None and finding.subject in numbers:
            continue
        elif config_path is not None and finding.span.path == config_path:
            if CONFIG_NODE not in fresh_numbers:
                continue
            number = fresh_numbers[CONFIG_NODE]
        else:
            return None
        placed.append((number, finding.packed()))
    return placed
