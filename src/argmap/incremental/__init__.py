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

What is kept between checks, and how it is stored, is `argmap.incremental.state`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.argument_map import ArgumentMap, WholeMap, may_suggest
from argmap.findings import Finding
from argmap.incremental.state import (
    ACH_NODE,
    CONFIG_NODE,
    Change,
    FileFacts,
    MapFacts,
    State,
    _Components,
    _config_display,
    _config_ids,
    _display,
    _merged,
    _whole_facts,
    build_state,
    change_path,
    file_facts,
    findings_path,
    map_facts,
    read_state,
    references,
    state_path,
    write_state,
)
from argmap.layout import RECORD_DIR_NAMES
from argmap.model import Claim, ClaimKind, Evidence
from argmap.span import Span

__all__ = [
    "Change",
    "FileFacts",
    "MapFacts",
    "Rechecked",
    "State",
    "build_state",
    "change_path",
    "findings_path",
    "map_facts",
    "read_state",
    "recheck",
    "state_path",
    "write_state",
]

MAX_CHANGED_FILES = 8
"""More changed files than this: a full check is about as quick, and simpler."""


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
