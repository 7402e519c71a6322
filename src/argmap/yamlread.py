"""Safe, positioned YAML reading.

PyYAML's ``safe_load`` loses positions, silently keeps the last of two equal keys, expands alias
bombs until memory runs out, and its C composer overflows the C stack on deeply nested input.
So argmap builds plain data (dicts, lists, str, int, float, bool, None) itself from the C parser's
event stream: one pass, no recursion, with a position for every key and value, and with hard
limits on nesting depth and alias expansion that stop the parser as soon as they are crossed.
Only PyYAML's parser and scalar constructors are used, so the result does not depend on its
version (PyYAML 6.0.4 changed how ``safe_load`` merges keys, and its libyaml refuses nesting
deeper than 1000 levels on its own; see `parse_yaml`).

Two readers build the same result. argmap's C reader (src/argmap/_fastyaml.c, built when a C
compiler and libyaml's headers are there) reads the common case, plain mappings, lists and
scalars, four times faster; it gives up at the first thing that needs judgement (an anchor, a
tag, a merge key, a duplicate key, a limit, a syntax error), and the Python reader here reads
that file again and reports what it finds. Set ARGMAP_YAML_READER=python to use the Python reader
alone (tests/test_fastyaml.py compares the two on random texts).

Mapping keys are always text, as written (``1:`` is the key ``'1'``, ``yes:`` the key ``'yes'``):
every key in a map is a name. Merge keys (``<<: *defaults`` or ``<<: [*a, *b]``) follow the YAML
1.1 merge key type (https://yaml.org/type/merge.html): a key written in the mapping wins over a
merged one, and a mapping earlier in a merge list wins over a later one.

>>> doc = parse_yaml("id: c1\\ntext: Tea is healthy.\\n", "c.yaml")
>>> doc.documents
[{'id': 'c1', 'text': 'Tea is healthy.'}]
>>> doc.positions[(0, "text")]
Span(path='c.yaml', line=2, column=7)
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from array import array
from collections.abc import Iterable
from typing import Any

import yaml

from argmap.limits import Limits, active, describe, how_to_raise
from argmap.span import PositionTable, Span

try:  # The C parser is ~10x faster; the pure-Python one gives the same events.
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

_fastyaml: Any
try:  # argmap's own C reader of the common case (src/argmap/_fastyaml.c), if it was built
    _fastyaml = importlib.import_module("argmap._fastyaml")
except ImportError:  # pragma: no cover - installed without a C compiler or libyaml's headers
    _fastyaml = None


def _same_libyaml(module: Any) -> bool:
    # The C reader must see the events PyYAML's parser sees: the same libyaml, or not at all.
    try:
        from yaml._yaml import get_version_string
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        return False
    return bool(module.libyaml_version() == get_version_string())


if _fastyaml is not None and not _same_libyaml(_fastyaml):  # pragma: no cover - a mixed install
    _fastyaml = None

READER_VARIABLE = "ARGMAP_YAML_READER"
"""Set to ``python`` to read every file with the Python reader only (tests run both readers)."""

MAX_DEPTH = Limits().depth
"""Deepest nesting of mappings and lists accepted by default (`Limits.depth`). A real map needs
about six."""

MAX_ALIAS_EXPANSION = Limits().alias_expansion
"""Most nodes that aliases may stand for in one file by default, counted as if expanded
(`Limits.alias_expansion`)."""

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_VALUE = "tag:yaml.org,2002:value"
_SCALAR_TAGS = {_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP}
_TEXT_TAGS = {_STR, _TIMESTAMP, _MERGE, _VALUE}
"""Read as text. Dates stay text: the models parse what they need, as the user wrote it. A plain
``<<`` or ``=`` that is not a merge key is text too (PyYAML's safe loader fails on them)."""
_MAP_TAGS = {None, "!", "tag:yaml.org,2002:map"}
_SEQ_TAGS = {None, "!", "tag:yaml.org,2002:seq"}

_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

_NOT_ALLOWED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)
"""Characters YAML does not allow (C0 and C1 controls but tab and line breaks; non-characters),
and the three that YAML 1.1 reads as line breaks although editors do not (NEL, LS, PS): they would
silently change the text and shift every position after them."""

_LINE_BREAKS = {
    0x85: "next line, NEL",
    0x2028: "line separator",
    0x2029: "paragraph separator",
}

_BREAK = re.compile(r"\r\n|\r|\n")


class YamlProblem(Exception):
    """One problem in a YAML text, at a 1-based position.

    ``earlier`` holds the problems that did not stop the parse (duplicate keys) found before this
    one, so a caller can report them all.
    """

    def __init__(self, code: str, span: Span, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.span = span
        self.message = message
        self.earlier: list[YamlProblem] = []

    def __repr__(self) -> str:
        return f"YamlProblem({self.code!r}, {self.span!r}, {self.message!r})"


class YamlDocuments:
    """The documents of one YAML file, with positions.

    ``positions`` maps a path into the data (document index first) to where that value starts;
    ``key_positions`` maps the same path to where its key was written (mapping members only);
    ``scalar_text`` maps the path of a plain scalar that YAML read as something other than text
    (``yes`` → True, ``3.5``, an empty value → None) to its text as written; ``problems`` lists the
    problems that did not stop the parse (a duplicate key: the first value is kept), in file order.

    The parser keeps positions compactly (``table``, a `PositionTable`): the three mappings are
    made from it on first use. A record's positions are entries ``start`` to ``end`` of the table
    (``records``, by the record's path: a mapping that is a document or an item of a top-level
    list), with paths inside the record, so the loader keeps the table, not the mappings, beside
    each record (`argmap.model.Where`).
    """

    def __init__(
        self,
        documents: list[Any],
        positions: dict[tuple[Any, ...], Span] | None = None,
        key_positions: dict[tuple[Any, ...], Span] | None = None,
        scalar_text: dict[tuple[Any, ...], str] | None = None,
        problems: list[YamlProblem] | None = None,
        table: PositionTable | None = None,
    ) -> None:
        self.documents = documents
        self.problems = problems if problems is not None else []
        self.table = table if table is not None else PositionTable("")
        self.records: dict[tuple[Any, ...], tuple[int, int]] = {}
        self.key_lines = array(self.table.lines.typecode)
        """The line of each entry's key (0: none), then its column, in ``key_columns``."""
        self.key_columns = array(self.table.columns.typecode)
        self.texts: dict[int, str] = {}
        """``scalar_text`` by entry."""
        self.outside: dict[tuple[Any, ...], int] = {}
        """The entry of each value outside any record, by its path."""
        self._positions = positions
        self._key_positions = key_positions
        self._scalar_text = scalar_text

    def __repr__(self) -> str:
        return f"YamlDocuments({self.documents!r}, problems={self.problems!r})"

    @property
    def positions(self) -> dict[tuple[Any, ...], Span]:
        if self._positions is None:
            self._materialise()
        assert self._positions is not None
        return self._positions

    @property
    def key_positions(self) -> dict[tuple[Any, ...], Span]:
        if self._key_positions is None:
            self._materialise()
        assert self._key_positions is not None
        return self._key_positions

    @property
    def scalar_text(self) -> dict[tuple[Any, ...], str]:
        if self._scalar_text is None:
            self._materialise()
        assert self._scalar_text is not None
        return self._scalar_text

    def _full_paths(self) -> list[tuple[Any, ...]]:
        full = list(self.table.paths)
        for base, (start, end) in self.records.items():
            for index in range(start, end):
                full[index] = base + full[index]
        return full

    def _materialise(self) -> None:
        table = self.table
        full = self._full_paths()
        positions: dict[tuple[Any, ...], Span] = {}
        key_positions: dict[tuple[Any, ...], Span] = {}
        key_lines, key_columns = self.key_lines, self.key_columns
        for index, loc in enumerate(full):
            positions[loc] = table.span(index)
            if key_lines[index]:
                key_positions[loc] = Span(table.path, key_lines[index], key_columns[index])
        if self._positions is None:
            self._positions = positions
        if self._key_positions is None:
            self._key_positions = key_positions
        if self._scalar_text is None:
            self._scalar_text = {full[index]: text for index, text in self.texts.items()}

    def span_in(self, record: tuple[Any, ...], loc: tuple[Any, ...]) -> Span | None:
        """``span(record + loc)``, for the path ``loc`` inside the record at path ``record``."""
        entries = self.records.get(record)
        if entries is None:
            return self.span(record + loc)
        index = self.table.find(loc, *entries)
        return self.table.span(index) if index >= 0 else None

    def span(self, loc: tuple[Any, ...]) -> Span | None:
        """``positions.get(loc)``, found in ``table`` without making ``positions``."""
        if self._positions is not None:
            return self._positions.get(loc)
        index = self.outside.get(loc)
        if index is None:
            for cut in (1, 2):
                found = self.records.get(loc[:cut])
                if found is not None:
                    index = self.table.find(loc[cut:], *found)
                    break
        return None if index is None or index < 0 else self.table.span(index)


def _resolve_plain(value: str) -> str:
    resolvers = _IMPLICIT.get(value[0] if value else "", [])
    for tag, regexp in resolvers:
        if regexp.match(value):
            return str(tag)
    return _STR


def _construct_scalar(tag: str, value: str) -> Any:
    if tag in _TEXT_TAGS:
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


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


_NO_KEY = object()
"""A mapping waiting for its next key."""
_DISCARD = object()
"""The key of a duplicate: its value is read (it may hold anchors) and then dropped."""
_MERGE_KEY = object()
"""The key ``<<``: its value is merged into the mapping when the mapping ends."""


_PATHS: dict[tuple[Any, ...], tuple[Any, ...]] = {}
"""One tuple for each path inside a record (``("supported_by", 3, "premises", 0)``): records
share them, whatever file they are in. A cache: emptied when it grows large."""
_MAX_PATHS = 1 << 16


def _path(parent: tuple[Any, ...], key: Any) -> tuple[Any, ...]:
    """The shared tuple of path ``(*parent, key)``."""
    loc = (*parent, key)
    shared = _PATHS.get(loc)
    if shared is None:
        if len(_PATHS) >= _MAX_PATHS:
            _PATHS.clear()
        if isinstance(key, str):  # so that a search for a key written in the code compares `is`
            loc = (*parent, sys.intern(key))
        shared = _PATHS[loc] = loc
    return shared


class _Container:
    __slots__ = (
        "anchor",
        "base",
        "children",
        "first",
        "inside",
        "is_map",
        "key",
        "key_column",
        "key_line",
        "loc",
        "merge_span",
        "merges",
        "nodes_at_start",
        "value",
    )

    def __init__(
        self,
        value: Any,
        loc: tuple[Any, ...],
        anchor: str | None,
        nodes: int,
        first: int,
        base: tuple[Any, ...] | None,
        inside: bool,
    ) -> None:
        self.value = value
        self.is_map = isinstance(value, dict)
        self.loc = loc
        """The path inside the record (the path in the file outside any record)."""
        self.anchor = anchor
        self.nodes_at_start = nodes
        self.first = first
        """The entry of the first value inside: every later entry is inside, until the end."""
        self.base = base
        """The path in the file of a record (a mapping that is a document or an item of a
        top-level list); None for any other container."""
        self.inside = inside
        """Whether this is a record or inside one (then ``loc`` is a path inside the record)."""
        self.children: dict[Any, int] | None = None
        """The entry of each key, made at the first duplicate key."""
        self.key: Any = _NO_KEY
        self.key_line = 0
        self.key_column = 0
        self.merges: list[tuple[Any, Span]] = []
        self.merge_span: Span | None = None


def _describe_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _not_allowed_tag(tag: str, span: Span) -> YamlProblem:
    return YamlProblem(
        "AM003",
        span,
        f"YAML tag {_shorten(_describe_tag(tag), 60)} is not allowed: argmap reads plain data "
        "only (text, numbers, true/false, lists, mappings) and never builds objects; expected "
        "the value without the tag",
    )


def _describe_merged(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list holding something other than mappings"
    return "text or a number" if isinstance(value, (str, int, float)) else "a value"


SHARED_TEXT = 64
"""Values up to this long can be shared (`SharedTexts`)."""


class SharedTexts:
    """Values to keep as one string each, however often they are written, across files.

    Those of the keys ``fields`` (and the items of lists under them), up to `SHARED_TEXT`
    characters: a tag or a locator written in thousands of records is then kept once.
    """

    __slots__ = ("fields", "texts")

    def __init__(self, fields: Iterable[str]) -> None:
        self.fields = frozenset(fields)
        self.texts: dict[str, str] = {}


def parse_yaml(
    text: str, path: str, limits: Limits | None = None, shared: SharedTexts | None = None
) -> YamlDocuments:
    """Parse ``text`` (the contents of ``path``) into plain data with positions.

    Raises `YamlProblem` for the first problem that stops the parse: a character YAML does not
    allow, a syntax error, a tag that would construct an object, or a limit of ``limits``
    (default: `argmap.limits.active`) crossed: nesting deeper than ``depth`` (`MAX_DEPTH`),
    aliases that would expand to more than ``alias_expansion`` nodes (`MAX_ALIAS_EXPANSION`),
    a value or key longer than ``string_length`` characters, more than ``records_per_file``
    records (documents and items of top-level lists) or ``values_per_file`` values. Each stops the parser where it is crossed.
    A duplicate key does not stop it: it is listed in ``problems`` (and in the ``earlier`` of a
    later `YamlProblem`). ``shared`` makes equal values of some keys one string (`SharedTexts`).

    The libyaml in PyYAML 6.0.4 stops with an error of its own at the 1001st level of nesting,
    and its scanner reads up to 1024 characters of a line ahead of the events it has handed out
    (to tell whether a ``[`` starts a key): so on a line of ``[[[[...`` it fails before argmap has
    seen the 65th level. Then the text is read again by PyYAML's pure-Python parser, which gives
    the same events, as lazily, without that limit: the result is the one earlier versions give
    (here `MAX_DEPTH` refuses the 65th level). That parser is slower, but only a text that is
    refused anyway is read twice, and only up to where it is refused.
    """
    limits = limits if limits is not None else active()
    if _fastyaml is not None and os.environ.get(READER_VARIABLE) != "python":
        fast = _read_common(text, path, limits, shared)
        if fast is not None:
            return fast
    bad = _NOT_ALLOWED.search(text)
    if bad is not None:
        raise _character_problem(text, bad.start(), path)
    try:
        return _read_events(text, path, _EventLoader, limits, shared)
    except _ParserNestingLimit:
        return _read_events(text, path, yaml.SafeLoader, limits, shared)


SHORT_WORDS = 5
"""The longest plain scalar starting with a letter that YAML 1.1 may read as other than text:
``false`` (its booleans and nulls are the only such words; tests/test_fastyaml.py checks)."""


def _resolve_first() -> bytes:
    # By the first character of a plain scalar: 0 always text, 1 may not be (a number, a date, a
    # null...), 2 may not be if at most SHORT_WORDS long (a word such as ``yes`` or ``null``).
    table = bytearray(128)
    for first in _IMPLICIT:
        if len(first) == 1 and ord(first) < 128:
            table[ord(first)] = 2 if first.isalpha() else 1
    return bytes(table)


_RESOLVE_FIRST = _resolve_first()


def _plain_value(text: str) -> Any:
    """The value of a plain scalar, as `_read_events` makes it (text if it is not of a type)."""
    tag = _resolve_plain(text)
    if tag in _TEXT_TAGS:
        return text
    try:
        return _construct_scalar(tag, text)
    except (ArithmeticError, LookupError, ValueError, yaml.YAMLError):
        return text


def _read_common(
    text: str, path: str, limits: Limits, shared: SharedTexts | None
) -> YamlDocuments | None:
    """`_read_events`'s result, read by the C reader; None where only `_read_events` may read
    ``text``: anchors, aliases, tags, merge keys, duplicate keys, a limit crossed, bad syntax, a
    character YAML or argmap does not allow.

    The C reader gives up at the first of these, so each problem is still found and reported by
    the Python reader alone, with its positions and messages. It sees every character of a text
    it reads: libyaml refuses those `_NOT_ALLOWED` lists but NEL, LS and PS, which it looks for.
    """
    size = len(text) + 1
    typecode = "H" if size <= 0xFFFF else "I" if size <= 0xFFFFFFFF else "Q"
    width = array(typecode).itemsize
    try:
        found = _fastyaml.read(
            text,
            width,
            min(limits.depth, sys.maxsize),
            min(limits.string_length, sys.maxsize),
            min(limits.records_per_file, sys.maxsize),
            min(limits.values_per_file, sys.maxsize),
            shared.fields if shared is not None else frozenset(),
            shared.texts if shared is not None else {},
            SHARED_TEXT,
            _PATHS,
            _MAX_PATHS,
            _plain_value,
            _RESOLVE_FIRST,
            SHORT_WORDS,
        )
    except UnicodeEncodeError:  # a lone surrogate: not allowed, the Python reader says so
        return None
    if found is None:
        return None
    documents, paths, lines, columns, key_lines, key_columns, texts, outside, records = found
    table = PositionTable(path, typecode)
    table.paths = paths
    table.lines.frombytes(lines)
    table.columns.frombytes(columns)
    result = YamlDocuments(documents, table=table)
    result.key_lines.frombytes(key_lines)
    result.key_columns.frombytes(key_columns)
    result.texts = texts
    result.outside = outside
    result.records = records
    return result


class _ParserNestingLimit(Exception):
    """libyaml refused nesting deeper than its own limit before argmap's limit was reached."""


def _is_nesting_limit(error: yaml.MarkedYAMLError) -> bool:
    # libyaml 0.2.6 (PyYAML 6.0.4): "exceeded maximum nesting depth"; libyaml's own repository:
    # "Maximum nesting level reached". PyYAML's Python parser has no such limit.
    return "nesting" in (error.problem or "").lower()


def _limit_problem(code: str, span: Span, message: str, field: str, needed: int) -> YamlProblem:
    return YamlProblem(code, span, f"{message}, or {how_to_raise(field, needed)}")


def _read_events(
    text: str, path: str, loader: Any, limits: Limits, shared: SharedTexts | None = None
) -> YamlDocuments:
    """`parse_yaml` on a text with allowed characters only, with the event parser of ``loader``."""
    max_depth = limits.depth
    max_expansion = limits.alias_expansion
    max_string = limits.string_length
    max_records = limits.records_per_file
    max_values = limits.values_per_file
    records = 0
    values = 0

    def too_many_values(span: Span) -> YamlProblem:
        return _limit_problem(
            "AM010",
            span,
            f"more than {describe('values_per_file', max_values)} values (keys, texts, lists, "
            "mappings) in one file (the limit of values per file); expected fewer records per "
            "file (split the file)",
            "values_per_file",
            max_values * 2,
        )

    # A line or column is at most one more than the text is long: 16 bits for most files.
    size = len(text) + 1
    table = PositionTable(path, "H" if size <= 0xFFFF else "I" if size <= 0xFFFFFFFF else "Q")
    result = YamlDocuments(documents=[], table=table)
    paths = table.paths
    lines = table.lines
    columns = table.columns
    key_lines = result.key_lines
    key_columns = result.key_columns
    texts = result.texts
    outside = result.outside
    record_entries = result.records
    problems = result.problems
    stack: list[_Container] = []
    # anchor → (value, nodes it stands for, its text if it is a scalar: for use as a key)
    anchors: dict[str, tuple[Any, int, str | None]] = {}
    nodes = 0
    expanded = 0
    document: Any = None
    has_document = False

    def set_key(top: _Container, key: str, line: int, column: int, merge: bool) -> None:
        if merge:
            span = Span(path, line, column)
            if top.merge_span is not None:
                duplicate(top, "<<", span, top.merge_span)
                return
            top.merge_span = span
            top.key = _MERGE_KEY
            top.key_line = line
            top.key_column = column
            return
        if key in top.value:
            children = top.children
            if children is None:
                # Every entry since the mapping began is inside it; its keys are one level down.
                depth = len(top.loc) + 1
                children = top.children = {
                    paths[index][-1]: index
                    for index in range(top.first, len(paths))
                    if len(paths[index]) == depth
                }
            first = children[key]
            duplicate(
                top,
                key,
                Span(path, line, column),
                Span(path, key_lines[first], key_columns[first]),
            )
            return
        top.key = key
        top.key_line = line
        top.key_column = column

    def duplicate(top: _Container, key: str, span: Span, first: Span) -> None:
        problems.append(
            YamlProblem(
                "AM004",
                span,
                f"duplicate key {key!r} in the same mapping (first written at line {first.line}, "
                f"column {first.column}); YAML would silently keep only the last one: expected "
                "each key once in a mapping",
            )
        )
        top.key = _DISCARD
        top.key_line = span.line
        top.key_column = span.column

    def count_record(line: int, column: int) -> None:
        nonlocal records
        records += 1
        if records > max_records:
            raise _limit_problem(
                "AM010",
                Span(path, line, column),
                f"more than {describe('records_per_file', max_records)} records in one file "
                "(the limit of records per file); expected fewer records per file (split the "
                "file)",
                "records_per_file",
                max_records * 2,
            )

    add_path = paths.append
    add_line = lines.append
    add_column = columns.append
    add_key_line = key_lines.append
    add_key_column = key_columns.append
    shared_paths = _PATHS

    def add(loc: tuple[Any, ...], line: int, column: int, key_line: int, key_column: int) -> int:
        index = len(paths)
        add_path(loc)
        add_line(line)
        add_column(column)
        add_key_line(key_line)
        add_key_column(key_column)
        return index

    def place(
        value: Any, line: int, column: int
    ) -> tuple[tuple[Any, ...], int, tuple[Any, ...] | None]:
        """Put ``value`` where the parse is; return its path, its entry (-1: none) and, if it
        is a record (a mapping that is a document or an item of a top-level list), its path in
        the file: then its own path is ``()``, where the paths of the values inside it start."""
        nonlocal document, has_document
        if stack:
            top = stack[-1]
            if top.is_map:  # the most common case first, and `add` written out: it is hot
                key = top.key
                top.key = _NO_KEY
                if key is _DISCARD:
                    return (*top.loc, _DISCARD), -1, None
                if key is _MERGE_KEY:
                    top.merges.append((value, Span(path, line, column)))
                    return (*top.loc, _MERGE_KEY), -1, None
                top.value[key] = value
                index = len(paths)
                loc = (*top.loc, key)
                if top.inside:
                    shared = shared_paths.get(loc)
                    loc = shared if shared is not None else _path(top.loc, key)
                else:
                    outside[loc] = index
                add_path(loc)
                add_line(line)
                add_column(column)
                add_key_line(top.key_line)
                add_key_column(top.key_column)
                if top.children is not None:
                    top.children[key] = index
                return loc, index, None
            item = len(top.value)
            if len(stack) == 1:
                count_record(line, column)
                if isinstance(value, dict):
                    top.value.append(value)
                    return (), add((), line, column, 0, 0), (*top.loc, item)
            top.value.append(value)
            if top.inside:
                loc = _path(top.loc, item)
                return loc, add(loc, line, column, 0, 0), None
            loc = (*top.loc, item)
            outside[loc] = index = add(loc, line, column, 0, 0)
            return loc, index, None
        loc = (len(result.documents),)
        document = value
        has_document = True
        if isinstance(value, dict):
            count_record(line, column)
            return (), add((), line, column, 0, 0), loc
        outside[loc] = index = add(loc, line, column, 0, 0)
        return loc, index, None

    def merge(done: _Container) -> None:
        # The YAML 1.1 merge spec (and PyYAML up to 6.0.3): keys written in the mapping win over
        # merged ones, and earlier mappings in a merge list over later ones.
        target = done.value
        for value, span in done.merges:
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if not isinstance(source, dict):
                    raise YamlProblem(
                        "AM003",
                        span,
                        f"the merge key << takes a mapping or a list of mappings (usually an "
                        f"alias such as *defaults); found {_describe_merged(value)}",
                    )
                for key, item in source.items():
                    if key not in target:
                        target[key] = item
                        line, column = span.line, span.column
                        if done.inside:
                            add(_path(done.loc, key), line, column, line, column)
                        else:
                            loc = (*done.loc, key)
                            outside[loc] = add(loc, line, column, line, column)

    shared_fields = shared.fields if shared is not None else frozenset()
    shared_texts = shared.texts if shared is not None else {}
    scalar_event = yaml.ScalarEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    events = yaml.parse(text, Loader=loader)
    try:
        event: Any
        for event in events:
            kind = type(event)
            if kind is scalar_event:
                nodes += 1
                values += 1
                # PyYAML marks count from 0; argmap reports from 1.
                mark = event.start_mark
                line = mark.line + 1
                column = mark.column + 1
                if values > max_values:
                    raise too_many_values(Span(path, line, column))
                if len(event.value) > max_string:
                    raise _limit_problem(
                        "AM010",
                        Span(path, line, column),
                        f"this value is {len(event.value):,} characters long, more than the "
                        f"limit of {describe('string_length', max_string)} characters for one "
                        "value; expected a shorter text (quote less, or keep long texts in a "
                        "source's `text:` file)",
                        "string_length",
                        len(event.value),
                    )
                tag = event.tag
                # The C parser reports a plain scalar's style as '' and the Python one as None.
                plain = tag is None and event.implicit[0] and not event.style
                if tag is not None and tag != "!" and tag not in _SCALAR_TAGS:
                    raise _not_allowed_tag(tag, Span(path, line, column))
                top = stack[-1] if stack else None
                if top is not None and top.is_map and top.key is _NO_KEY:
                    # A key: always text, as written.
                    key = event.value
                    if (plain and key == "<<") or key in top.value:
                        set_key(top, key, line, column, plain and key == "<<")
                    else:  # `set_key`'s common case, written out: it is hot
                        top.key = key
                        top.key_line = line
                        top.key_column = column
                    if event.anchor:
                        anchors[event.anchor] = (key, 1, key)
                    continue
                if tag is None or tag == "!":
                    tag = _resolve_plain(event.value) if plain else _STR
                try:
                    value = event.value
                    if tag not in _TEXT_TAGS:  # text needs no constructing: most values
                        value = _construct_scalar(tag, value)
                    elif shared_fields and top is not None:
                        field = top.key if top.is_map else top.loc[-1] if top.loc else None
                        if field in shared_fields and len(value) <= SHARED_TEXT:
                            value = shared_texts.setdefault(value, value)
                except (ArithmeticError, LookupError, ValueError, yaml.YAMLError) as error:
                    if plain:  # e.g. an integer of 5,000 digits: then it is text
                        value = event.value
                    else:
                        raise YamlProblem(
                            "AM003",
                            Span(path, line, column),
                            f"{_shorten(event.value)!r} is not a valid {_describe_tag(tag)} "
                            f"({_shorten(str(error), 80)}); expected a value of that type, or "
                            "no tag",
                        ) from None
                if event.anchor:
                    anchors[event.anchor] = (value, 1, event.value)
                _, index, _ = place(value, line, column)
                if plain and index >= 0 and not isinstance(value, str):
                    texts[index] = event.value
            elif kind is mapping_start or kind is sequence_start:
                nodes += 1
                values += 1
                mark = event.start_mark
                line = mark.line + 1
                column = mark.column + 1
                if values > max_values:
                    raise too_many_values(Span(path, line, column))
                is_map = kind is mapping_start
                if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
                    raise _not_allowed_tag(event.tag, Span(path, line, column))
                if stack and stack[-1].is_map and stack[-1].key is _NO_KEY:
                    raise YamlProblem(
                        "AM003",
                        Span(path, line, column),
                        "a mapping or list cannot be used as a key; expected a plain key such "
                        "as `id:`",
                    )
                if len(stack) >= max_depth:
                    raise _limit_problem(
                        "AM003",
                        Span(path, line, column),
                        f"nesting is deeper than {max_depth} levels; expected a map record, "
                        "which needs fewer than ten",
                        "depth",
                        max_depth * 2,
                    )
                container: Any = {} if is_map else []
                inside = bool(stack) and stack[-1].inside
                loc, _, base = place(container, line, column)
                stack.append(
                    _Container(
                        container,
                        loc,
                        event.anchor,
                        nodes,
                        len(paths),
                        base,
                        inside or base is not None,
                    )
                )
            elif kind is mapping_end or kind is sequence_end:
                done = stack.pop()
                if done.merges:
                    merge(done)
                if done.base is not None:
                    record_entries[done.base] = (done.first - 1, len(paths))
                if done.anchor:
                    anchors[done.anchor] = (done.value, nodes - done.nodes_at_start + 1, None)
            elif kind is yaml.AliasEvent:
                values += 1
                span = _span(path, event.start_mark)
                if values > max_values:
                    raise too_many_values(span)
                if event.anchor not in anchors:
                    raise YamlProblem(
                        "AM002",
                        span,
                        f"alias *{event.anchor} refers to no anchor: expected &{event.anchor} "
                        "on a value earlier in the file, outside the value that uses it",
                    )
                value, size, as_text = anchors[event.anchor]
                # An alias costs what it stands for, so nested aliases count as expanded.
                nodes += size
                expanded += size
                if expanded > max_expansion:
                    raise _limit_problem(
                        "AM003",
                        span,
                        f"aliases here would expand to more than {max_expansion:,} nodes "
                        "(an 'alias bomb'); expected aliases that repeat small pieces only",
                        "alias_expansion",
                        max_expansion * 2,
                    )
                top = stack[-1] if stack else None
                if top is not None and top.is_map and top.key is _NO_KEY:
                    if as_text is None:
                        raise YamlProblem(
                            "AM003",
                            span,
                            f"alias *{event.anchor} stands for a mapping or list, which cannot "
                            "be used as a key; expected a plain key such as `id:`",
                        )
                    set_key(top, as_text, span.line, span.column, False)
                    continue
                _, index, base = place(value, span.line, span.column)
                if base is not None:  # a record that is an alias: no positions inside it
                    record_entries[base] = (index, index + 1)
            elif kind is yaml.DocumentEndEvent:
                if has_document:
                    result.documents.append(document)
                document = None
                has_document = False
                # Anchors belong to their document (YAML 1.1 §3.2.2.2): an alias in the next
                # one to an anchor here is undefined, as PyYAML's own loaders say.
                anchors.clear()
    except YamlProblem as stop:
        stop.earlier = list(problems)
        raise
    except yaml.MarkedYAMLError as error:
        if loader is not yaml.SafeLoader and _is_nesting_limit(error):
            raise _ParserNestingLimit from None
        syntax = _syntax_problem(error, text, path)
        syntax.earlier = list(problems)
        raise syntax from None
    except yaml.reader.ReaderError as error:  # pragma: no cover - the scan above finds these
        character = _character_problem(text, text.find(_character(error.character)), path)
        character.earlier = list(problems)
        raise character from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML raises marked errors for text
        other = YamlProblem("AM002", Span(path, 1, 1), f"YAML error: {error}")
        other.earlier = list(problems)
        raise other from None
    finally:
        # Stop libyaml at once: on a refused file the rest is never scanned.
        close = getattr(events, "close", None)
        if close is not None:
            close()
    return result


def _character(character: int | str) -> str:  # pragma: no cover - see the ReaderError above
    return chr(character) if isinstance(character, int) else character


def line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[offset]``, counting lines as YAML and editors do.

    >>> line_column("a\\r\\nbc\\rd", 6)
    (3, 1)
    """
    line = 1
    line_start = 0
    for match in _BREAK.finditer(text, 0, offset):
        line += 1
        line_start = match.end()
    return line, offset - line_start + 1


def _character_problem(text: str, offset: int, path: str) -> YamlProblem:
    offset = max(offset, 0)
    line, column = line_column(text, offset)
    code = ord(text[offset]) if offset < len(text) else 0
    span = Span(path, line, column)
    if code in _LINE_BREAKS:
        return YamlProblem(
            "AM001",
            span,
            f"character U+{code:04X} ({_LINE_BREAKS[code]}) is not allowed: YAML 1.1 reads it "
            "as a line break, which silently changes the text; expected a plain space or newline "
            "in its place",
        )
    if code == 0:
        return YamlProblem(
            "AM001",
            span,
            "NUL character: this looks like a binary file; expected a YAML text file",
        )
    what = "non-character" if code >= 0xD800 else "control character"
    return YamlProblem(
        "AM001",
        span,
        f"{what} U+{code:04X} is not allowed in YAML text; expected printable characters only "
        "(delete it)",
    )


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    span = _span(path, mark) if mark is not None else Span(path, 1, 1)
    problem = error.problem or "invalid YAML"
    lines = _BREAK.split(text)
    line_text = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    at_mark = line_text[span.column - 1 : span.column]
    if "\t" in indent or at_mark == "\t" or "'\\t'" in problem:
        column = indent.index("\t") + 1 if "\t" in indent else span.column
        return YamlProblem(
            "AM002",
            Span(path, span.line, column),
            "tab character in indentation; YAML indents with spaces only: expected spaces in "
            "place of the tab",
        )
    context = f" ({error.context})" if error.context else ""
    return YamlProblem(
        "AM002",
        span,
        f"YAML syntax error: {problem}{context}; expected valid YAML (check the indentation, "
        "quotes and colons near here)",
    )
