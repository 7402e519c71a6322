"""Safe, positioned YAML reading.

PyYAML's ``safe_load`` loses positions, silently keeps the last of two equal keys, expands alias
bombs until memory runs out, and its C composer overflows the C stack on deeply nested input.
So argmap builds plain data (dicts, lists, str, int, float, bool, None) itself from the C parser's
event stream: one pass, no recursion, with a position for every key and value, and with hard
limits on nesting depth and alias expansion that stop the parser as soon as they are crossed.

>>> doc = parse_yaml("id: c1\\ntext: Tea is healthy.\\n", "c.yaml")
>>> doc.documents
[{'id': 'c1', 'text': 'Tea is healthy.'}]
>>> doc.positions[(0, "text")]
Span(path='c.yaml', line=2, column=7)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from argmap.model import Span

try:  # The C parser is ~10x faster; the pure-Python one gives the same events.
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted. A real map needs about six."""

MAX_ALIAS_EXPANSION = 100_000
"""Most nodes that aliases may stand for in one file, counted as if expanded."""

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALAR_TAGS = {_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP}
_MAP_TAGS = {None, "!", "tag:yaml.org,2002:map"}
_SEQ_TAGS = {None, "!", "tag:yaml.org,2002:seq"}

_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class YamlProblem(Exception):
    """One problem in a YAML text, at a 1-based position."""

    def __init__(self, code: str, span: Span, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.span = span
        self.message = message


@dataclass
class YamlDocuments:
    """The documents of one YAML file, with positions.

    ``positions`` maps a path into the data (document index first) to where that value starts;
    ``key_positions`` maps the same path to where its key was written (mapping members only).
    """

    documents: list[Any]
    positions: dict[tuple[Any, ...], Span] = field(default_factory=dict)
    key_positions: dict[tuple[Any, ...], Span] = field(default_factory=dict)


def _resolve_plain(value: str) -> str:
    resolvers = _IMPLICIT.get(value[0] if value else "", [])
    for tag, regexp in resolvers:
        if regexp.match(value):
            return str(tag)
    return _STR


def _construct_scalar(tag: str, value: str) -> Any:
    if tag in (_STR, _TIMESTAMP):
        # Dates stay text: the models parse what they need, and a date is written as the user wrote it.
        return value
    if tag == _NULL:
        return None
    node = yaml.ScalarNode(tag, value)
    if tag == _BOOL:
        return _CONSTRUCTOR.construct_yaml_bool(node)
    if tag == _INT:
        return _CONSTRUCTOR.construct_yaml_int(node)
    return _CONSTRUCTOR.construct_yaml_float(node)


def _span(path: str, mark: Any) -> Span:
    # PyYAML marks count from 0; argmap reports from 1.
    return Span(path, mark.line + 1, mark.column + 1)


class _Container:
    __slots__ = ("anchor", "key", "key_span", "loc", "nodes_at_start", "value")

    def __init__(self, value: Any, loc: tuple[Any, ...], anchor: str | None, nodes: int) -> None:
        self.value = value
        self.loc = loc
        self.anchor = anchor
        self.nodes_at_start = nodes
        self.key: Any = _NO_KEY
        self.key_span: Span | None = None


_NO_KEY = object()


def _describe_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def parse_yaml(text: str, path: str) -> YamlDocuments:
    """Parse ``text`` (the contents of ``path``) into plain data with positions.

    Raises `YamlProblem` for the first problem found: a syntax error, a duplicate key, a tag that
    would construct an object, nesting deeper than `MAX_DEPTH`, or aliases that would expand to
    more than `MAX_ALIAS_EXPANSION` nodes.
    """
    result = YamlDocuments(documents=[])
    positions = result.positions
    key_positions = result.key_positions
    stack: list[_Container] = []
    anchors: dict[str, tuple[Any, int]] = {}
    nodes = 0
    expanded = 0
    document: Any = None
    has_document = False

    def place(value: Any, start: Any, size: int = 1) -> None:
        nonlocal document, has_document
        span = _span(path, start)
        if not stack:
            loc: tuple[Any, ...] = (len(result.documents),)
            document = value
            has_document = True
            positions[loc] = span
            return
        top = stack[-1]
        if isinstance(top.value, list):
            loc = (*top.loc, len(top.value))
            top.value.append(value)
            positions[loc] = span
            return
        if top.key is _NO_KEY:
            if not isinstance(value, (str, int, float, bool)) and value is not None:
                raise YamlProblem(
                    "AM003",
                    span,
                    "a mapping or list cannot be used as a key; expected a plain key such as `id:`",
                )
            if value in top.value:
                key_loc = (*top.loc, value)
                first = key_positions[key_loc]
                raise YamlProblem(
                    "AM004",
                    span,
                    f"duplicate key {value!r} in the same mapping (first written at line "
                    f"{first.line}, column {first.column}); YAML would silently keep only the "
                    "last one: keep one key",
                )
            top.key = value
            top.key_span = span
            return
        loc = (*top.loc, top.key)
        top.value[top.key] = value
        positions[loc] = span
        assert top.key_span is not None
        key_positions[loc] = top.key_span
        top.key = _NO_KEY

    def current_loc() -> tuple[Any, ...]:
        if not stack:
            return (len(result.documents),)
        top = stack[-1]
        if isinstance(top.value, list):
            return (*top.loc, len(top.value))
        return (*top.loc, top.key)

    events = yaml.parse(text, Loader=_EventLoader)
    try:
        event: Any
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                nodes += 1
                tag = event.tag
                if tag is None or tag == "!":
                    # The C parser reports a plain scalar's style as '' and the Python one as None.
                    if event.implicit[0] and not event.style:
                        tag = _resolve_plain(event.value)
                    else:
                        tag = _STR
                elif tag not in _SCALAR_TAGS:
                    raise YamlProblem(
                        "AM003",
                        _span(path, event.start_mark),
                        f"YAML tag {_describe_tag(tag)} is not allowed: argmap reads plain data "
                        "only (text, numbers, true/false, lists, mappings) and never builds objects",
                    )
                try:
                    value = _construct_scalar(tag, event.value)
                except (ValueError, yaml.YAMLError) as error:
                    raise YamlProblem(
                        "AM003",
                        _span(path, event.start_mark),
                        f"{event.value!r} is not a valid {_describe_tag(tag)}: {error}",
                    ) from None
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                place(value, event.start_mark)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                nodes += 1
                is_map = kind is yaml.MappingStartEvent
                if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
                    raise YamlProblem(
                        "AM003",
                        _span(path, event.start_mark),
                        f"YAML tag {_describe_tag(event.tag)} is not allowed: argmap reads plain "
                        "data only (text, numbers, true/false, lists, mappings) and never builds "
                        "objects",
                    )
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(
                        "AM003",
                        _span(path, event.start_mark),
                        f"nesting is deeper than {MAX_DEPTH} levels; expected a map record, "
                        "which needs fewer than ten",
                    )
                container: Any = {} if is_map else []
                loc = current_loc()
                place(container, event.start_mark)
                stack.append(_Container(container, loc, event.anchor, nodes))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()
                if done.anchor:
                    anchors[done.anchor] = (done.value, nodes - done.nodes_at_start + 1)
            elif kind is yaml.AliasEvent:
                if event.anchor not in anchors:  # pragma: no cover - the parser rejects these
                    raise YamlProblem(
                        "AM002", _span(path, event.start_mark), f"unknown alias *{event.anchor}"
                    )
                value, size = anchors[event.anchor]
                # An alias costs what it stands for, so nested aliases count as expanded.
                nodes += size
                expanded += size
                if expanded > MAX_ALIAS_EXPANSION:
                    raise YamlProblem(
                        "AM003",
                        _span(path, event.start_mark),
                        f"aliases here would expand to more than {MAX_ALIAS_EXPANSION:,} nodes "
                        "(an 'alias bomb'); expected aliases that repeat small pieces only",
                    )
                place(value, event.start_mark, size)
            elif kind is yaml.DocumentEndEvent:
                if has_document:
                    result.documents.append(document)
                document = None
                has_document = False
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(error, text, path) from None
    except yaml.reader.ReaderError as error:
        line, column = _line_column(text, error.position)
        raise YamlProblem(
            "AM001",
            Span(path, line, column),
            f"character U+{_code_point(error.character):04X} is not allowed in YAML text; "
            "expected printable characters only",
        ) from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML raises marked errors for text
        raise YamlProblem("AM002", Span(path, 1, 1), f"YAML error: {error}") from None
    finally:
        # Stop libyaml at once: on a refused file the rest is never scanned.
        close = getattr(events, "close", None)
        if close is not None:
            close()
    return result


def _code_point(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    span = _span(path, mark) if mark is not None else Span(path, 1, 1)
    problem = error.problem or "invalid YAML"
    lines = text.splitlines()
    line_text = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    if "\t" in indent or "'\\t'" in problem:
        return YamlProblem(
            "AM002",
            Span(path, span.line, indent.index("\t") + 1 if "\t" in indent else span.column),
            "tab character in indentation; YAML indents with spaces only: replace the tab "
            "with spaces",
        )
    context = f" ({error.context})" if error.context else ""
    return YamlProblem(
        "AM002",
        span,
        f"YAML syntax error: {problem}{context}; expected valid YAML (check the indentation, "
        "quotes and colons near here)",
    )
