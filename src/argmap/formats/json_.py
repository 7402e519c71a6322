"""argmap's own normalized JSON: one file holding a whole map, in and out, with nothing lost.

The document is ``{"argmap": 1, "config": {...}, "claims": [...], "evidence": [...]}``:
``argmap`` is the version of this JSON layout, and every record is its pydantic model dumped
with defaults left out, fields in the order people write them, every reason as a mapping with
``premises``. Reading validates with the same models as the YAML loader and reports problems
at their JSON line and column.

This module also holds what the other JSON-based formats share: reading a JSON file with
positioned errors (`load_json`), the position of any value in a JSON text
(`json_positions`), and listing the record fields a format cannot carry (`lose_fields`).

>>> from argmap.argument_map import ArgumentMap
>>> from argmap.model import Claim
>>> text = generate_json(ArgumentMap(claims=[Claim(id="c", text="C.", supported_by=["d"]),
...                                          Claim(id="d", text="D.")]))
>>> print(text)  # doctest: +ELLIPSIS
{
  "argmap": 1,
  "claims": [
    {
      "id": "c",
      "text": "C.",
      "supported_by": [
        {
          "premises": [
            "d"
          ]
        }
      ]
    },
...
>>> sorted(parse_json(text).claims)
['c', 'd']
"""

from __future__ import annotations

import bisect
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.argument_map import ArgumentMap
from argmap.errors import ArgmapError, MapLoadError
from argmap.findings import Finding, sorted_findings
from argmap.formats import Conversion, ConversionReport
from argmap.limits import FileTooLarge, active, read_capped
from argmap.model import Claim, Evidence, MapConfig
from argmap.output import write_output
from argmap.span import Span
from argmap.yamlread import YamlDocuments, YamlProblem

NAME = "json"
SUFFIXES: tuple[str, ...] = (".json",)
FORMAT_VERSION = 1
"""The version of the JSON layout, written as the document's ``argmap`` member."""

FOREIGN = ("AM009", "foreign-syntax")
_TOP_KEYS = ("argmap", "config", "claims", "evidence")
_FIRST = ("id", "kind", "text", "summary", "quote", "source", "locator")
_VERSION_MARK = re.compile(rb'"argmap"\s*:\s*\d')


def foreign_error(span: Span, message: str, subject: str | None = None) -> Finding:
    """An AM009 finding: the file is not valid in its own format."""
    return Finding(FOREIGN[0], FOREIGN[1], "error", span, message, subject=subject)


# --- reading JSON with positions ---------------------------------------------------------------


class _Lines:
    """Offsets to 1-based line and column, counting ``\\r\\n``, ``\\r`` and ``\\n`` as editors do."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def span(self, path: str, offset: int) -> Span:
        index = bisect.bisect_right(self.starts, offset) - 1
        return Span(path, index + 1, offset - self.starts[index] + 1)


_TOKEN = re.compile(
    r'[ \t\n\r]*(?:([{}\[\],:])|("(?:[^"\\]|\\.)*")|([^ \t\n\r{}\[\],:"]+))', re.DOTALL
)


def json_positions(text: str, path: str) -> YamlDocuments:
    """Where every value (and every key) of the JSON ``text`` starts, as `argmap.yamlread` gives.

    Paths start with the document index 0, as in `YamlDocuments`; ``problems`` lists duplicate
    keys (AM004). The text must be valid JSON (`json.loads` first); this only finds positions.

    >>> docs = json_positions('{"a": [1, {"b": 2}],\\n "c": 3}', "x.json")
    >>> docs.positions[(0, "a", 1, "b")], docs.key_positions[(0, "c")]
    (Span(path='x.json', line=1, column=17), Span(path='x.json', line=2, column=2))
    """
    lines = _Lines(text)
    result = YamlDocuments(documents=[])
    # Each open container: [is_object, its path, the next key or index, keys seen]
    stack: list[list[Any]] = []
    key: str | None = None
    key_span: Span | None = None
    expect_key = False

    def place(offset: int) -> tuple[Any, ...]:
        if not stack:
            loc: tuple[Any, ...] = (0,)
        else:
            top = stack[-1]
            if top[0]:
                loc = (*top[1], key)
                if key_span is not None:
                    result.key_positions[loc] = key_span
            else:
                loc = (*top[1], top[2])
                top[2] += 1
        result.positions.setdefault(loc, lines.span(path, offset))
        return loc

    for match in _TOKEN.finditer(text):
        punct, string, other = match.groups()
        offset = match.start(match.lastindex or 0)
        if punct in ("{", "["):
            loc = place(offset)
            stack.append([punct == "{", loc, 0, set()])
            expect_key = punct == "{"
        elif punct in ("}", "]"):
            stack.pop()
            expect_key = False
        elif punct == ",":
            expect_key = bool(stack) and stack[-1][0]
        elif punct == ":":
            expect_key = False
        elif string is not None and expect_key:
            key = json.loads(string)
            key_span = lines.span(path, offset)
            seen = stack[-1][3]
            if key in seen:
                result.problems.append(
                    YamlProblem(
                        "AM004",
                        key_span,
                        f"duplicate key {key!r} in the same object; JSON readers disagree on "
                        "which one counts: expected each key once in an object",
                    )
                )
            seen.add(key)
            expect_key = False
        elif string is not None or other is not None:
            place(offset)
    return result


class _DuplicateKey(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise _DuplicateKey()
    return data


def _constant(name: str) -> Any:
    raise ValueError(name)


def read_json_text(path: str | os.PathLike[str]) -> str:
    """The text of a JSON file, or `MapLoadError` (AM001) saying why it cannot be read."""
    target = Path(path)
    display = str(path)
    if target.is_dir():
        raise ArgmapError(f"{display} is a directory; expected a JSON file")
    try:
        data = read_capped(target, active().file_size)
    except FileTooLarge as error:
        finding = Finding("AM010", "over-limit", "error", Span(display, 1, 1), error.message())
        raise MapLoadError([finding]) from None
    except OSError as error:
        raise MapLoadError(
            [
                Finding(
                    "AM001",
                    "unreadable-file",
                    "error",
                    Span(display, 1, 1),
                    f"cannot read the file: {error.strerror or error}",
                )
            ]
        ) from None
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", errors="replace")
        span = _Lines(before).span(display, len(before))
        raise MapLoadError(
            [
                Finding(
                    "AM001",
                    "unreadable-file",
                    "error",
                    span,
                    f"byte 0x{data[error.start]:02x} is not valid UTF-8; expected a UTF-8 JSON "
                    "file (re-save it as UTF-8)",
                )
            ]
        ) from None


MAX_JSON_DEPTH = 64
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')


def _too_deep(text: str) -> int:
    """The offset of the first ``[`` or ``{`` nested deeper than `MAX_JSON_DEPTH` (else 0)."""
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return token.start()
        elif bracket in "]}":
            depth -= 1
    return 0


def load_json(text: str, path: str, what: str = "JSON") -> Any:
    """Parse ``text`` as strict JSON; `MapLoadError` with one positioned AM009 finding if it is not.

    Duplicate keys and the non-JSON constants ``NaN`` and ``Infinity`` are refused too.

    >>> load_json('{"a": [1,]}', "x.json")
    Traceback (most recent call last):
    ...
    argmap.errors.MapLoadError: x.json:1:10: AM009 JSON syntax error: illegal value; expected valid JSON (check the commas, quotes and brackets near here)
    """
    try:
        return _loads(text, path, what, _pairs)
    except _DuplicateKey:
        # json_positions needs valid JSON: an error later in the text is reported first.
        _loads(text, path, what, None)
        problems = json_positions(text, path).problems
        span = problems[0].span if problems else Span(path, 1, 1)
        message = problems[0].message if problems else "duplicate key in an object"
        raise MapLoadError([foreign_error(span, message)]) from None


def _loads(text: str, path: str, what: str, pairs: Any) -> Any:
    """`json.loads`, its errors (but `_DuplicateKey`) made positioned `MapLoadError` findings."""
    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=_constant)
    except json.JSONDecodeError as error:
        span = _Lines(text).span(path, error.pos)
        problem = error.msg
        if problem == "Expecting value":
            problem = "illegal value" if text[error.pos : error.pos + 1] in "]}," else problem
        message = (
            f"{what} syntax error: {problem[:1].lower() + problem[1:]}; expected valid JSON "
            "(check the commas, quotes and brackets near here)"
        )
        raise MapLoadError([foreign_error(span, message)]) from None
    except RecursionError:
        span = _Lines(text).span(path, _too_deep(text))
        message = (
            f"{what} nests arrays and objects too deeply to read (here is level "
            f"{MAX_JSON_DEPTH + 1}); expected a few levels, as argmap's own files have"
        )
        raise MapLoadError([foreign_error(span, message)]) from None
    except ValueError as error:
        constant = str(error)
        if constant not in ("NaN", "Infinity", "-Infinity"):
            # int() refuses an integer of more than 4,300 digits (Python's limit).
            huge = re.search(r"(?<![\w\".])-?\d{4301,}", text)
            span = _Lines(text).span(path, huge.start() if huge else 0)
            digits = len(huge[0].lstrip("-")) if huge else 0
            message = f"an integer of {digits:,} digits; expected at most 4,300 digits"
            raise MapLoadError([foreign_error(span, message)]) from None
        found = re.search(rf"(?<![\w\"]){re.escape(constant)}(?![\w\"])", text)
        span = _Lines(text).span(path, found.start() if found else 0)
        raise MapLoadError(
            [
                foreign_error(
                    span,
                    f"{constant} is not a JSON number; expected a number, or null",
                )
            ]
        ) from None


def position(docs: YamlDocuments, loc: tuple[Any, ...], path: str) -> Span:
    """Where the value at ``loc`` (without the leading document index) starts, else its parent's."""
    full = (0, *loc)
    while full:
        span = docs.positions.get(full)
        if span is not None:
            return span
        full = full[:-1]
    return Span(path, 1, 1)


# --- record fields ----------------------------------------------------------------------------


def record_json(record: Claim | Evidence) -> dict[str, Any]:
    """A record as JSON-ready data: no defaults, fields in the order people write them."""
    data = record.model_dump(mode="json", exclude_defaults=True)
    if isinstance(record, Evidence):
        data["kind"] = record.kind.value
    ordered = {key: data.pop(key) for key in _FIRST if key in data}
    ordered.update(data)
    return ordered


def config_json(config: MapConfig) -> dict[str, Any]:
    return config.model_dump(mode="json", exclude_defaults=True)


def _listing(ids: list[str], limit: int = 6) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def lose_fields(
    report: ConversionReport,
    amap: ArgumentMap,
    carried: Callable[[Claim | Evidence, str], bool],
    why: str,
    config_why: str | None = None,
    why_for: dict[str, str] | None = None,
) -> None:
    """List in ``report`` every record field (other than defaults) the target cannot carry.

    ``carried(record, field)`` says whether the target carries that field of that record
    (reason fields are asked as ``reason.<field>``); one loss is listed per field, naming the
    records that have it, with ``why_for[field]`` (or ``why``) as the reason.
    """
    holders: dict[str, list[str]] = {}
    records: list[Claim | Evidence] = [*amap.claims.values(), *amap.evidence.values()]
    for record in records:
        kind = "claim" if isinstance(record, Claim) else "evidence"
        for field in record.model_dump(exclude_defaults=True):
            if not carried(record, field):
                holders.setdefault(f"{kind} {field}", []).append(record.id)
    for reason in amap.reasons():
        for field in reason.reason.model_dump(exclude_defaults=True):
            if not carried(reason.claim, f"reason.{field}"):
                holders.setdefault(f"reason {field}", []).append(reason.node)
    for what, ids in holders.items():
        name = what.split(" ", 1)[1]
        report.lose(what, _listing(ids), (why_for or {}).get(name, why))
    config = config_json(amap.config)
    if config:
        report.lose(
            f"map settings ({', '.join(config)})", None, config_why or "the target has no place"
        )


# --- the format -------------------------------------------------------------------------------


def sniff(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` looks like argmap's JSON: a top-level ``"argmap": <version>`` member."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return bool(_VERSION_MARK.search(head))


def generate_json(amap: ArgumentMap) -> str:
    document: dict[str, Any] = {"argmap": FORMAT_VERSION}
    config = config_json(amap.config)
    if config:
        document["config"] = config
    document["claims"] = [record_json(c) for c in amap.claims.values()]
    document["evidence"] = [record_json(e) for e in amap.evidence.values()]
    return safe_json(document)


_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_json(document: Any) -> str:
    """``document`` as indented UTF-8-ready JSON text (a lone surrogate stays a ``\\u`` escape)."""
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def write(amap: ArgumentMap, path: str | os.PathLike[str], force: bool = False) -> ConversionReport:
    write_output(path, generate_json(amap), force=force)
    return ConversionReport("argmap map", str(path))


def read(path: str | os.PathLike[str]) -> Conversion:
    text = read_json_text(path)
    return Conversion(parse_json(text, str(path)), ConversionReport(str(path), "argmap map"))


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def parse_json(text: str, path: str = "<string>") -> ArgumentMap:
    """An `ArgumentMap` from argmap's JSON; `MapLoadError` lists every problem, positioned."""
    from argmap.load import (
        _check_name_findings,
        _duplicate_ids,
        _Parsed,
        _validate,
    )

    data = load_json(text, path)
    docs: YamlDocuments | None = None

    def positions() -> YamlDocuments:
        nonlocal docs
        if docs is None:
            docs = json_positions(text, path)
        return docs

    def at(*loc: Any) -> Span:
        return position(positions(), loc, path)

    if not isinstance(data, dict):
        raise MapLoadError(
            [
                foreign_error(
                    at(),
                    f"the document is {_describe(data)}; expected an object with "
                    '"argmap", "claims" and "evidence"',
                )
            ]
        )
    findings: list[Finding] = []
    version = data.get("argmap")
    if "argmap" not in data:
        findings.append(
            foreign_error(
                at(),
                f'no "argmap" member; expected "argmap": {FORMAT_VERSION} (the version of '
                "argmap's JSON layout) first in the object",
            )
        )
    elif version != FORMAT_VERSION or isinstance(version, bool):
        findings.append(
            foreign_error(
                at("argmap"),
                f'"argmap" is {json.dumps(version)}; expected {FORMAT_VERSION}, the only version '
                "of argmap's JSON layout this argmap reads",
            )
        )
    for key in data:
        if key not in _TOP_KEYS:
            findings.append(
                foreign_error(
                    positions().key_positions.get((0, key), at()),
                    f"unknown member {key!r}; expected only {', '.join(map(repr, _TOP_KEYS))}",
                )
            )

    config = MapConfig()
    if "config" in data:
        if isinstance(data["config"], dict):
            parsed = _Parsed(data["config"], (0, "config"), positions(), path)
            result = _validate(parsed, MapConfig)
            if isinstance(result, list):
                findings.extend(result)
            else:
                assert isinstance(result, MapConfig)
                config = result
            findings.extend(_check_name_findings(parsed))
        else:
            findings.append(
                foreign_error(
                    at("config"), f'"config" is {_describe(data["config"])}; expected an object'
                )
            )

    records: dict[str, list[Any]] = {"claims": [], "evidence": []}
    declared: list[tuple[Any, tuple[Any, ...]]] = []
    for field, model in (("claims", Claim), ("evidence", Evidence)):
        items = data.get(field, [])
        if not isinstance(items, list):
            findings.append(
                foreign_error(
                    at(field), f'"{field}" is {_describe(items)}; expected a list of records'
                )
            )
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                findings.append(
                    Finding(
                        "AM005",
                        "not-a-record",
                        "error",
                        at(field, index),
                        f"{field}[{index}] is {_describe(item)}; expected a record (an object "
                        "with an id)",
                    )
                )
                continue
            declared.extend(_ids_of(item, (field, index)))
            try:
                records[field].append(model.model_validate(item))
                continue
            except ValueError:
                pass
            result = _validate(_Parsed(item, (0, field, index), positions(), path), model)
            if isinstance(result, list):
                findings.extend(result)
    names = [str(i) for i, _ in declared if isinstance(i, (str, int)) and not isinstance(i, bool)]
    if len(set(names)) != len(names):
        findings.extend(_duplicate_ids([(i, at(*loc)) for i, loc in declared]))
    if findings:
        raise MapLoadError(sorted_findings(findings))
    return ArgumentMap(claims=records["claims"], evidence=records["evidence"], config=config)


def _ids_of(item: dict[str, Any], loc: tuple[Any, ...]) -> list[tuple[Any, tuple[Any, ...]]]:
    """The ids a record declares (its own, its named reasons'), with where each is written."""
    found: list[tuple[Any, tuple[Any, ...]]] = []
    if "id" in item:
        found.append((item["id"], (*loc, "id")))
    for field in ("supported_by", "attacked_by"):
        reasons = item.get(field)
        if isinstance(reasons, list):
            for index, reason in enumerate(reasons):
                if isinstance(reason, dict) and "id" in reason:
                    found.append((reason["id"], (*loc, field, index, "id")))
    return found
