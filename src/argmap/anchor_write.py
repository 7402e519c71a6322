"""Writing resolved anchors back into the records' YAML files, changing nothing else.

Each anchor is spliced into the file's text: a record without one gets an ``anchor:`` block on
the line after its ``quote:`` value, at the quote's indentation; a record with one has just that
entry replaced (in the style it was written: a block, or a ``{...}`` flow mapping). Every other
byte of the file, comments and blank lines included, stays as it was.

A splice is then proved: the new text is parsed again and must give exactly the old data plus
the new anchor. A record whose anchor cannot be spliced that way (its quote is an alias or comes
from a merge key, the file changed since it was loaded) is refused with the reason, and its file
is left as it is. Files are written atomically (`argmap.output.write_output`).

>>> text = "- id: c1\\n  quote: efg  # the words\\n  note: n\\n"
>>> anchor = Anchor(start=4, end=7, prefix="abcd", suffix="hijk", sha256="ab12")
>>> print(splice_anchor(text, (0, 0), "c1", "efg", anchor, "c.yaml"), end="")
- id: c1
  quote: efg  # the words
  anchor:
    start: 4
    end: 7
    prefix: "abcd"
    suffix: "hijk"
    sha256: "ab12"
  note: n
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from argmap.errors import ArgmapError
from argmap.model import Anchor, Claim, Evidence
from argmap.yamlread import YamlProblem, parse_yaml

if TYPE_CHECKING:
    from argmap.argument_map import ArgumentMap


class SpliceRefused(ArgmapError):
    """An anchor that cannot be written into a file safely; the message says why."""


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar on one line, which reads back as ``text``.

    Quotes, backslashes, line breaks and every character YAML does not allow raw (or that
    argmap's reader refuses, such as U+2028) are escaped.

    >>> print(yaml_string('say "hi"\\n\\u2028'))
    "say \\"hi\\"\\n\\u2028"
    """
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif (
            code < 0x20
            or 0x7F <= code <= 0xA0
            or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)
            or 0xD800 <= code <= 0xDFFF
        ):
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def anchor_data(anchor: Anchor) -> dict[str, Any]:
    """The plain data an anchor is written as (what the file reads back as)."""
    return {
        "start": anchor.start,
        "end": anchor.end,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
        "sha256": anchor.sha256,
    }


def _fields(anchor: Anchor) -> list[str]:
    return [
        f"start: {anchor.start}",
        f"end: {anchor.end}",
        f"prefix: {yaml_string(anchor.prefix)}",
        f"suffix: {yaml_string(anchor.suffix)}",
        f"sha256: {yaml_string(anchor.sha256 or '')}",
    ]


def render_block(anchor: Anchor, indent: int, newline: str = "\n") -> str:
    """``anchor:`` and its fields as a block mapping; the first line is not indented."""
    inner = " " * (indent + 2)
    return "anchor:" + "".join(f"{newline}{inner}{field}" for field in _fields(anchor))


def render_flow(anchor: Anchor) -> str:
    """``anchor: {start: 4, end: 7, ...}`` on one line."""
    return "anchor: {" + ", ".join(_fields(anchor)) + "}"


def _at(node: yaml.Node, loc: tuple[Any, ...]) -> yaml.Node | None:
    for step in loc:
        if isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if not 0 <= step < len(node.value):
                return None
            node = node.value[step]
        elif isinstance(node, yaml.MappingNode) and isinstance(step, str):
            pair = _member(node, step)
            if pair is None:
                return None
            node = pair[1]
        else:
            return None
    return node


def _member(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _last_content(node: yaml.Node) -> int:
    """Offset just after the last character written for ``node`` (not its trailing breaks)."""
    if isinstance(node, yaml.ScalarNode):
        return int(node.end_mark.index)
    if isinstance(node, yaml.MappingNode):
        children = [item for pair in node.value for item in pair]
    else:
        children = list(node.value)
    if getattr(node, "flow_style", False) or not children:
        return int(node.end_mark.index)
    return max(_last_content(child) for child in children)


def _data_at(documents: list[Any], loc: tuple[Any, ...]) -> Any:
    data: Any = documents
    for step in loc:
        data = data[step]
    return data


def splice_anchor(
    text: str, loc: tuple[Any, ...], record_id: str, quote: str, anchor: Anchor, path: str
) -> str:
    """``text`` (a YAML file) with the record at ``loc`` given ``anchor``; nothing else changed.

    Raises `SpliceRefused` when the record at ``loc`` is not the one expected (id and quote), or
    when the splice would not read back as exactly the old data plus the anchor.
    """
    try:
        before = parse_yaml(text, path)
    except YamlProblem as problem:
        raise SpliceRefused(f"the file no longer parses: {problem.message}") from None
    try:
        data = _data_at(before.documents, loc)
    except (IndexError, KeyError, TypeError):
        data = None
    if not isinstance(data, dict) or str(data.get("id")) != record_id or data.get("quote") != quote:
        raise SpliceRefused(
            "the record is no longer where it was loaded from, with that id and quote "
            "(was the file changed since?)"
        )
    documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    if not loc or not isinstance(loc[0], int) or loc[0] >= len(documents):
        raise SpliceRefused("the record's document is not in the file")  # pragma: no cover
    mapping = _at(documents[loc[0]], loc[1:])
    if not isinstance(mapping, yaml.MappingNode):
        raise SpliceRefused("the record is not a mapping written in the file")  # pragma: no cover
    quote_pair = _member(mapping, "quote")
    if quote_pair is None:
        raise SpliceRefused(
            "its quote comes from a merge key (<<), not from the record itself; write the anchor "
            "by hand"
        )
    quote_key, quote_value = quote_pair
    if quote_value.start_mark.index < quote_key.end_mark.index:
        raise SpliceRefused("its quote is an alias (*name); write the anchor by hand")
    newline = "\r\n" if "\r\n" in text else "\n"
    existing = _member(mapping, "anchor")
    if existing is not None:
        key, value = existing
        if value.start_mark.index < key.end_mark.index:
            raise SpliceRefused("its anchor is an alias (*name); write the anchor by hand")
        colon = text.find(":", key.end_mark.index)
        end = max(colon + 1, _last_content(value))
        flow = mapping.flow_style or (isinstance(value, yaml.MappingNode) and value.flow_style)
        replacement = (
            render_flow(anchor) if flow else render_block(anchor, key.start_mark.column, newline)
        )
        spliced = text[: key.start_mark.index] + replacement + text[end:]
    elif mapping.flow_style:
        at = quote_value.end_mark.index
        spliced = text[:at] + ", " + render_flow(anchor) + text[at:]
    else:
        last = _last_content(quote_value)
        while last > quote_value.start_mark.index and text[last - 1] in " \t\r\n":
            last -= 1
        line_end = text.find("\n", last)
        if line_end == -1:
            line_end = len(text)
        elif line_end > 0 and text[line_end - 1] == "\r":
            line_end -= 1
        indent = quote_key.start_mark.column
        block = newline + " " * indent + render_block(anchor, indent, newline)
        spliced = text[:line_end] + block + text[line_end:]
    _prove(before.documents, spliced, loc, anchor, path)
    return spliced


def _prove(
    documents: list[Any], spliced: str, loc: tuple[Any, ...], anchor: Anchor, path: str
) -> None:
    """Refuse unless ``spliced`` reads back as ``documents`` with the anchor set at ``loc``."""
    expected = copy.deepcopy(documents)
    _data_at(expected, loc)["anchor"] = anchor_data(anchor)
    try:
        after = parse_yaml(spliced, path)
    except YamlProblem as problem:  # pragma: no cover - a splice that breaks the YAML
        raise SpliceRefused(f"the anchor would not parse there: {problem.message}") from None
    if after.problems or after.documents != expected:  # pragma: no cover - a defensive proof
        raise SpliceRefused("the file would not read back as before plus the anchor")


@dataclass(frozen=True)
class Outcome:
    """What happened to one record's anchor: written, or refused and why."""

    record_id: str
    path: str
    written: bool
    reason: str | None = None


_BOM = "\ufeff"


def write_anchors(updates: Iterable[tuple[Claim | Evidence, Anchor]]) -> list[Outcome]:
    """Write each record's new anchor into its file; one atomic write per file changed."""
    from argmap.output import write_output

    by_file: dict[str, list[tuple[Claim | Evidence, Anchor]]] = {}
    for record, anchor in updates:
        by_file.setdefault(record.span.path, []).append((record, anchor))
    outcomes: list[Outcome] = []
    for path, items in by_file.items():
        try:
            raw = Path(path).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = f"cannot read {path}: {getattr(error, 'strerror', None) or error}"
            outcomes.extend(Outcome(r.id, path, False, reason) for r, _ in items)
            continue
        bom = _BOM if raw.startswith(_BOM) else ""
        text = raw[len(bom) :]
        done: list[Outcome] = []
        for record, anchor in items:
            assert record.quote is not None
            try:
                text = splice_anchor(
                    text, record.where.prefix, record.id, record.quote, anchor, path
                )
            except SpliceRefused as refused:
                done.append(Outcome(record.id, path, False, str(refused)))
            else:
                done.append(Outcome(record.id, path, True))
        if any(outcome.written for outcome in done):
            try:
                write_output(os.path.realpath(path), bom + text, force=True)
            except ArgmapError as error:
                done = [
                    Outcome(o.record_id, path, False, str(error)) if o.written else o for o in done
                ]
        outcomes.extend(done)
    return outcomes


def run_anchor(
    amap: ArgumentMap, only: list[str], write: bool, fmt: str = "text"
) -> tuple[str, str, bool]:
    """What ``argmap anchor`` prints: (report, summary line, whether anything failed).

    Raises `UnknownRecordError` for an id in ``only`` that the map does not have.
    """
    from argmap.anchoring import Status, analyze_quotes, result_dict, summarize
    from argmap.output import printable

    for record_id in only:
        amap.get(record_id)
    analysis = analyze_quotes(amap, only=set(only) if only else None)
    outcomes: dict[str, Outcome] = {}
    if write:
        updates = []
        for result in analysis.results:
            new = result.resolution.anchor
            if new is not None and result.needs_writing:
                updates.append((result.record, new))
        outcomes = {o.record_id: o for o in write_anchors(updates)}
    results = sorted(analysis.results, key=lambda r: r.span)
    counts = {status.value: 0 for status in Status}
    for result in results:
        counts[result.resolution.status.value] += 1
    refused = [o for o in outcomes.values() if not o.written]
    failed = bool(analysis.problems or refused or counts.get(Status.NOT_FOUND.value))
    if fmt == "json":
        quotes = []
        for result in results:
            item = result_dict(result)
            outcome = outcomes.get(result.record.id)
            item["written"] = outcome.written if outcome else False
            item["not_written"] = outcome.reason if outcome and not outcome.written else None
            quotes.append(item)
        sources = [
            {
                "path": p.span.path,
                "line": p.span.line,
                "column": p.span.column,
                "text": p.path,
                "reason": p.reason,
            }
            for p in analysis.problems
        ]
        report = json.dumps({"sources": sources, "quotes": quotes}, indent=2, ensure_ascii=False)
        report += "\n"
    else:
        lines = [
            f"{p.span}: source text {p.path} cannot be read: {p.reason}" for p in analysis.problems
        ]
        for result in results:
            line = f"{result.span}: {result.record.id} {summarize(result)}"
            outcome = outcomes.get(result.record.id)
            if outcome is not None:
                line += (
                    "; anchor written"
                    if outcome.written
                    else f"; anchor not written: {outcome.reason}"
                )
            lines.append(line)
        if only:
            quoted = {result.record.id for result in results}
            lines += [
                f"{amap.get(i).span}: {i} has no quote citing a source text"
                for i in only
                if i not in quoted
            ]
        # One quote, one line, whatever the texts hold: no raw line breaks or control characters.
        report = "".join(
            printable(line, terminal=True).replace("\n", "\\n") + "\n" for line in lines
        )
    total = len(results)
    words = {"not-found": "not found"}
    parts = [f"{n} {words.get(k, k)}" for k, n in counts.items() if n]
    note = f"{total} quote{'s' if total != 1 else ''} in source texts"
    note += f": {', '.join(parts)}" if parts else ""
    if analysis.problems:
        count = len(analysis.problems)
        note += f"; {count} source text{'s' if count != 1 else ''} cannot be read"
    if write:
        written = [o for o in outcomes.values() if o.written]
        files = len({o.path for o in written})
        note += (
            f"; wrote {len(written)} anchor{'s' if len(written) != 1 else ''} to {files} "
            f"file{'s' if files != 1 else ''}"
        )
        if refused:
            note += f", {len(refused)} not written"
    return report, note, failed
