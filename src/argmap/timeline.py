"""Time: when each evidence record became known, which record replaced which, and the map as of a day.

An evidence record's date is its ``as_of:``, else its source's ``date:`` (the record's own source,
a named one, or the map's default source). Dates are ISO 8601 calendar dates at one of three
precisions: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; each stands for the period it names, so
``2025-07`` is the whole of July 2025 (`parse_date`).

`as_of` (and `snapshot`, which also says what it left out) gives the map as it stood on a day D:

- Evidence counts when it could have been known by the end of D: its period starts on or before
  D's last day. So evidence dated ``2025-07`` counts as of ``2025-07-15`` (the month is not
  known to have started later), and ``--as-of 2024`` takes in everything dated in 2024.
- Undated evidence does not count: nothing shows it was known by D, and ``--as-of`` counts only
  evidence *dated* on or before D. (The ``undated-evidence`` check points at such records.)
- Evidence whose ``superseded_by`` chain reaches a record that counts as of D is left out: the
  newer record has replaced it. A chain is followed to its end, so ``a -> b -> c`` drops ``a``
  as soon as ``c`` counts, even on a day ``b`` does not.
- Claims are not dated: every claim stays. A reason any premise of which was left out is
  removed whole (linked premises count only together, so what remains of a linked group would
  not be that reason); a left-out record is removed from every ``undercut_by``. Nothing else
  changes, so a claim whose only support was evidence from after D has no support as of D, and
  the checks say so. References to ids the map never had are left alone for `unknown-reference`.
- Findings keep pointing at the lines where things are written: the positions of the reasons
  that remain are renumbered along with them.

>>> from argmap.model import Claim, Evidence
>>> def release(id, date):
...     return Evidence(id=id, kind="event", summary="A release.", reliability="B",
...                     credibility=2, as_of=date)
>>> amap = ArgumentMap(
...     claims=[Claim(id="open", text="Labs release open models.", supported_by=["r24", "r26"])],
...     evidence=[release("r24", "2024-05"), release("r26", "2026-01-02")])
>>> [reason.premises for reason in as_of(amap, "2025-01-01").claims["open"].supported_by]
[['r24']]
>>> snapshot(amap, "2025").describe()
'as of 2025: 1 evidence record dated later left out'
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from argmap.argument_map import ArgumentMap
from argmap.errors import ArgmapError
from argmap.findings import Finding
from argmap.model import Claim, Evidence, Reason, Source, Where, keep_where
from argmap.span import Span

DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


class DateError(ArgmapError, ValueError):
    """A text that is not an ISO 8601 date argmap understands."""


class TimelineError(ArgmapError):
    """The map cannot be evaluated as of a date; ``findings`` says where and why."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        super().__init__(
            f"cannot evaluate the map as of a date: {findings[0]}{more}; run `argmap check` "
            "without --as-of to see every problem"
        )


@dataclass(frozen=True)
class Period:
    """The days an ISO 8601 date names: one day, a whole month, or a whole year."""

    start: datetime.date
    end: datetime.date
    text: str

    def __str__(self) -> str:
        return self.text

    def counts_by(self, other: Period) -> bool:
        """Whether something dated ``self`` could have been known by the end of ``other``."""
        return self.start <= other.end

    def after(self, other: Period) -> bool:
        """Whether every day of ``self`` comes after every day of ``other``."""
        return self.start > other.end


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_LOOSE = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_WITH_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d")


def parse_date(value: str | datetime.date | Period) -> Period:
    """The `Period` an ISO 8601 date names; `DateError` says what is wrong with anything else.

    >>> parse_date("2025-07")
    Period(start=datetime.date(2025, 7, 1), end=datetime.date(2025, 7, 31), text='2025-07')
    >>> parse_date("2025-02-30")
    Traceback (most recent call last):
    ...
    argmap.timeline.DateError: '2025-02-30' is not a date: February 2025 has 28 days; expected YYYY, YYYY-MM or YYYY-MM-DD
    """
    if isinstance(value, Period):
        return value
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return Period(value, value, value.isoformat())
    text = str(value).strip()
    match = _ISO.fullmatch(text)
    if match is None:
        raise DateError(f"{text!r} is not an ISO 8601 date; {_hint(text)}")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if year < 1:
        raise DateError(f"{text!r} is not a date: there is no year 0; expected {DATE_FORMS}")
    if month is None:
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), text)
    if not 1 <= month <= 12:
        raise DateError(
            f"{text!r} is not a date: month {month} does not exist (months are 01-12); "
            f"expected {DATE_FORMS}"
        )
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return Period(datetime.date(year, month, 1), datetime.date(year, month, last), text)
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        raise DateError(
            f"{text!r} is not a date: {name} {year} has {last} days; expected {DATE_FORMS}"
        )
    day_date = datetime.date(year, month, day)
    return Period(day_date, day_date, text)


def _hint(text: str) -> str:
    timed = _WITH_TIME.match(text)
    if timed:
        return f"write the day without a time ({timed.group(1)})"
    loose = _LOOSE.fullmatch(text)
    if loose:
        year, month, day = loose.groups()
        fixed = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
        return f"write months and days with two digits ({fixed})"
    return f"expected {DATE_FORMS} (for example 2025-07-15)"


class Dated(NamedTuple):
    """Where an evidence record's date comes from, and where that is written."""

    text: str
    origin: str
    """``as_of``, ``source`` (its own), ``sources.NAME`` or ``argmap.yaml source``."""
    span: Span


def _source_date(amap: ArgumentMap, record: Claim | Evidence) -> Dated | None:
    ref = record.source if record.source is not None else amap.config.source
    if ref is None:
        return None
    config = amap.config
    if isinstance(ref, Source):
        if ref.date is None:
            return None
        if record.source is not None:
            return Dated(ref.date, "source", record.where.of("source", "date"))
        return Dated(ref.date, "argmap.yaml source", config.where.of("source", "date"))
    named = config.sources.get(ref)
    if named is None or named.date is None:
        return None
    return Dated(named.date, f"sources.{ref}", config.where.of("sources", ref, "date"))


def evidence_date(amap: ArgumentMap, evidence: Evidence) -> Dated | None:
    """The date an evidence record is known by: its ``as_of``, else its source's date."""
    if evidence.as_of is not None:
        return Dated(evidence.as_of, "as_of", evidence.where.of("as_of"))
    return _source_date(amap, evidence)


def has_date(amap: ArgumentMap, evidence: Evidence) -> bool:
    """Whether `evidence_date` finds a date, without working out where it is written."""
    if evidence.as_of is not None:
        return True
    ref = evidence.source if evidence.source is not None else amap.config.source
    if ref is None or isinstance(ref, Source):
        return ref is not None and ref.date is not None
    named = amap.config.sources.get(ref)
    return named is not None and named.date is not None


def source_date(amap: ArgumentMap, record: Claim | Evidence) -> Dated | None:
    """The date of the source a record cites (or the map's default source), if it has one."""
    return _source_date(amap, record)


def bad_dates(amap: ArgumentMap) -> Iterator[tuple[Span, str, str | None]]:
    """Every date field in the map that is not an ISO 8601 date: (where, why, record id).

    Looks at every ``as_of``, every record's own source, argmap.yaml's ``source`` and each of
    its ``sources``; each date is reported once, where it is written.
    """
    config = amap.config
    # Many records share a date: each text is parsed once.
    problems: dict[str, str | None] = {}

    def problem_of(text: str) -> str | None:
        if text not in problems:
            problems[text] = _date_problem(text)
        return problems[text]

    if isinstance(config.source, Source) and config.source.date is not None:
        problem = problem_of(config.source.date)
        if problem:
            yield config.where.of("source", "date"), f"the map's source date {problem}", None
    for name, source in config.sources.items():
        if source.date is None:
            continue
        problem = problem_of(source.date)
        if problem:
            yield config.where.of("sources", name, "date"), f"source {name!r}: {problem}", None

    def source_date_problem(record: Claim | Evidence) -> tuple[Span, str, str | None] | None:
        if isinstance(record.source, Source) and record.source.date is not None:
            problem = problem_of(record.source.date)
            if problem:
                return (
                    record.where.of("source", "date"),
                    f"source date of {record.id!r}: {problem}",
                    record.id,
                )
        return None

    # A claim has no as_of: only a source of its own can date it, and `with_own_source` lists
    # the claims that have one first; most have none.
    for record in amap.with_own_source:
        if not isinstance(record, Claim):
            break
        found = source_date_problem(record)
        if found:
            yield found
    for evidence in amap.evidence.values():
        if evidence.as_of is not None:
            problem = problem_of(evidence.as_of)
            if problem:
                yield (
                    evidence.where.of("as_of"),
                    f"as_of of {evidence.id!r}: {problem}",
                    evidence.id,
                )
        if evidence.source is not None:
            found = source_date_problem(evidence)
            if found:
                yield found


def _date_problem(text: str) -> str | None:
    try:
        parse_date(text)
    except DateError as error:
        return str(error)
    return None


def successor(amap: ArgumentMap, evidence: Evidence) -> Evidence | None:
    """The evidence record that ``superseded_by`` names, if it names another evidence record."""
    name = evidence.superseded_by
    if name is None or name == evidence.id:
        return None
    return amap.evidence.get(name)


def superseding_cycles(amap: ArgumentMap) -> list[list[str]]:
    """Each circle of ``superseded_by`` links, as ids from its first member in file order.

    Every record has at most one successor, so each circle is found once by walking forward.
    """
    state: dict[str, int] = {}  # 1 on the current walk, 2 done
    cycles: list[list[str]] = []
    # A walk from a record superseded by nothing ends where it starts, and finds no circle.
    for start in [e.id for e in amap.evidence.values() if e.superseded_by is not None]:
        path: list[str] = []
        current: str | None = start
        while current is not None and current not in state:
            state[current] = 1
            path.append(current)
            following = successor(amap, amap.evidence[current])
            current = following.id if following is not None else None
        if current is not None and state[current] == 1:
            cycles.append(path[path.index(current) :])
        for member in path:
            state[member] = 2
    return cycles


@dataclass
class Snapshot:
    """The map as it stood on a date, and what was left out of it and why."""

    date: Period
    map: ArgumentMap
    later: dict[str, Period] = field(default_factory=dict)
    """Evidence dated after the date, with its date."""
    undated: list[str] = field(default_factory=list)
    """Evidence with no date at all."""
    superseded: dict[str, str] = field(default_factory=dict)
    """Evidence replaced by a record that counts: id -> the replacing record's id."""
    reasons_removed: int = 0
    """Reasons (for or against) removed because a premise was left out."""

    def why_left_out(self, record_id: str) -> str | None:
        """Why ``record_id`` is not in the map as of the date (None if it is, or never was)."""
        if record_id in self.later:
            return (
                f"{record_id!r} does not count as of {self.date}: it is dated "
                f"{self.later[record_id]}"
            )
        if record_id in self.undated:
            return (
                f"{record_id!r} does not count as of {self.date}: it has no date (no `as_of:` "
                "and no dated source)"
            )
        if record_id in self.superseded:
            return (
                f"{record_id!r} does not count as of {self.date}: it is superseded by "
                f"{self.superseded[record_id]!r}"
            )
        return None

    def describe(self) -> str:
        """One line for a reader: the date, and how many records were left out for what."""
        parts = []
        for count, what in (
            (len(self.later), "dated later"),
            (len(self.undated), "undated"),
            (len(self.superseded), "superseded"),
        ):
            if count:
                parts.append(f"{count} evidence record{'s' if count != 1 else ''} {what}")
        if not parts:
            return f"as of {self.date}: all evidence counts"
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"as of {self.date}: {listed} left out"


class _Renumbered(Where):
    """A claim's positions after some of its reasons or undercutters were left out.

    Asks ``base`` for the position the reason (or undercutter) had before renumbering, so
    findings about what remains still point where it is written.
    """

    __slots__ = ("base", "reasons", "undercutters")

    def __init__(
        self,
        base: Where,
        reasons: dict[str, list[int]],
        undercutters: dict[tuple[str, int], list[int]],
    ) -> None:
        positions = base.positions if base.table is None else None
        super().__init__(base.record, positions, base.prefix, base.table, base.start, base.end)
        self.base = base
        self.reasons = reasons
        self.undercutters = undercutters

    def of(self, *loc: Any) -> Span:
        if len(loc) >= 2 and loc[0] in self.reasons and isinstance(loc[1], int):
            kept = self.reasons[loc[0]]
            if 0 <= loc[1] < len(kept):
                old = kept[loc[1]]
                rest = loc[2:]
                if len(rest) >= 2 and rest[0] == "undercut_by" and isinstance(rest[1], int):
                    kept_under = self.undercutters.get((loc[0], old))
                    if kept_under is not None and 0 <= rest[1] < len(kept_under):
                        rest = ("undercut_by", kept_under[rest[1]], *rest[2:])
                loc = (loc[0], old, *rest)
        return self.base.of(*loc)


def _without(claim: Claim, dropped: set[str]) -> tuple[Claim, int]:
    """``claim`` without the reasons that rest on a dropped record, and how many went."""
    reasons: dict[str, list[int]] = {}
    undercutters: dict[tuple[str, int], list[int]] = {}
    update: dict[str, list[Reason]] = {}
    removed = 0
    for name in ("supported_by", "attacked_by"):
        kept: list[Reason] = []
        indices: list[int] = []
        changed = False
        for index, reason in enumerate(getattr(claim, name)):
            if any(premise in dropped for premise in reason.premises):
                removed += 1
                changed = True
                continue
            if any(u in dropped for u in reason.undercut_by):
                left = [k for k, u in enumerate(reason.undercut_by) if u not in dropped]
                undercutters[(name, index)] = left
                reason = reason.model_copy(
                    update={"undercut_by": [reason.undercut_by[k] for k in left]}
                )
                changed = True
            kept.append(reason)
            indices.append(index)
        reasons[name] = indices
        if changed:
            update[name] = kept
    if not update:
        return claim, 0
    copy = claim.model_copy(update=update)
    keep_where(copy, _Renumbered(claim.where, reasons, undercutters))
    return copy, removed


def _check_timeline(amap: ArgumentMap) -> None:
    """Raise `TimelineError` if the map's dates or superseding links make a date undecidable."""
    from argmap.checks import bad_date, superseding_cycle

    findings = [
        Finding(bad_date.CODE, bad_date.NAME, "error", span, message, subject)
        for span, message, subject in bad_dates(amap)
    ]
    for cycle in superseding_cycles(amap):
        span, message, related = superseding_cycle.describe(amap, cycle)
        findings.append(
            Finding(
                superseding_cycle.CODE,
                superseding_cycle.NAME,
                "error",
                span,
                message,
                cycle[0],
                related,
            )
        )
    if findings:
        from argmap.findings import sorted_findings

        raise TimelineError(sorted_findings(findings))


def snapshot(amap: ArgumentMap, date: str | datetime.date | Period) -> Snapshot:
    """The map as it stood on ``date``, with what was left out (see the module docstring).

    Raises `DateError` for a ``date`` that is not ISO 8601, and `TimelineError` when a date in
    the map is not one or ``superseded_by`` links go round in a circle.
    """
    day = parse_date(date)
    _check_timeline(amap)
    result = Snapshot(date=day, map=amap)
    counts: dict[str, bool] = {}
    for evidence in amap.evidence.values():
        dated = evidence_date(amap, evidence)
        if dated is None:
            result.undated.append(evidence.id)
            counts[evidence.id] = False
            continue
        period = parse_date(dated.text)
        counts[evidence.id] = period.counts_by(day)
        if not counts[evidence.id]:
            result.later[evidence.id] = period
    for evidence in amap.evidence.values():
        if not counts[evidence.id]:
            continue
        seen = {evidence.id}
        following = successor(amap, evidence)
        while following is not None and following.id not in seen:
            if counts[following.id]:
                result.superseded[evidence.id] = following.id
                break
            seen.add(following.id)
            following = successor(amap, following)
    dropped = {*result.later, *result.undated, *result.superseded}
    claims = []
    for claim in amap.claims.values():
        kept, removed = _without(claim, dropped) if dropped else (claim, 0)
        result.reasons_removed += removed
        claims.append(kept)
    config = amap.config.model_copy(update={"title": f"{amap.title} (as of {day})"})
    result.map = ArgumentMap(
        claims=claims,
        evidence=[e for e in amap.evidence.values() if e.id not in dropped],
        config=config,
        root=amap.root,
    )
    return result


def as_of(amap: ArgumentMap, date: str | datetime.date | Period) -> ArgumentMap:
    """A new `ArgumentMap`: ``amap`` as it stood on ``date`` (YYYY, YYYY-MM or YYYY-MM-DD).

    Only evidence dated on or before the date counts, and evidence superseded by a record that
    counts is left out; see the module docstring for the rules, `snapshot` for what was left out.
    """
    return snapshot(amap, date).map
