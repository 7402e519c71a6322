"""Load a map directory into an `ArgumentMap`, or fail with every problem found, each positioned.

Parsing (YAML text → plain data with positions, `argmap.yamlread`), validation (plain data →
pydantic records) and assembly (records → `ArgumentMap`) are separate steps, so each can be
measured and replaced on its own.

Load errors have codes in the AM0xx family (docs/checks.md lists them):

======  =====================  ==========================================================
AM001   unreadable-file        not UTF-8 text, a NUL byte, a control character, an OS error
AM002   yaml-syntax            YAML that does not parse; tabs in indentation
AM003   unsafe-yaml            object-building tags, alias bombs, nesting too deep, odd keys
AM004   duplicate-key          the same key twice in one mapping
AM005   not-a-record           empty file, top-level text or number, list of non-records
AM006   invalid-field          missing, unknown or wrongly typed fields
AM007   duplicate-id           two records (or named reasons) with the same id
AM008   bad-map-directory      no map here, no records, a symlink loop
AM009   foreign-syntax         a file to import (``argmap import``) not valid in its own format
AM010   over-limit             a file, value or map larger than a limit of `argmap.limits.Limits`
======  =====================  ==========================================================
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from argmap.argument_map import ArgumentMap
from argmap.errors import MapLoadError
from argmap.findings import Finding, sorted_findings
from argmap.layout import CONFIG_NAMES, RECORD_DIR_NAMES, YAML_SUFFIXES
from argmap.limits import FileTooLarge, Limits, active, describe, format_size, how_to_raise
from argmap.limits import read_capped as _read_capped
from argmap.model import (
    ID_PATTERN,
    Claim,
    Evidence,
    MapConfig,
    Reason,
    Source,
    Where,
    keep_where,
    share_fields,
)
from argmap.span import Span
from argmap.yamlread import SharedTexts, YamlDocuments, YamlProblem, line_column, parse_yaml

if TYPE_CHECKING:
    from argmap.cache import MapCache

RECORD_DIRS: dict[str, type[Claim | Evidence]] = dict(
    zip(RECORD_DIR_NAMES, (Claim, Evidence), strict=True)
)

SHARED_FIELDS = frozenset(
    ("tags", "locator", "source", "title", "author", "publisher", "date", "as_of", "scheme", "note")
)
"""Fields whose values maps repeat: a loaded map keeps each once (`argmap.yamlread.SharedTexts`)."""

LOAD_ERRORS: dict[str, tuple[str, str]] = {
    "AM001": ("unreadable-file", "A map file must be UTF-8 text that argmap can read."),
    "AM002": ("yaml-syntax", "A map file must be valid YAML, indented with spaces."),
    "AM003": (
        "unsafe-yaml",
        "Maps hold plain data: no object tags, alias bombs or absurd nesting.",
    ),
    "AM004": ("duplicate-key", "YAML silently keeps the last of two equal keys; say it once."),
    "AM005": ("not-a-record", "A map file holds one record (a mapping) or a list of records."),
    "AM006": ("invalid-field", "Every field must be one the format defines, of the right type."),
    "AM007": ("duplicate-id", "An id names exactly one record, or references are ambiguous."),
    "AM008": ("bad-map-directory", "A map is a directory with claims/ and evidence/ records."),
    "AM009": ("foreign-syntax", "A file to import must be valid in its own format."),
    "AM010": (
        "over-limit",
        "Input past a size limit is refused before it can exhaust memory (see --limit).",
    ),
}


def _load_error(code: str, span: Span, message: str, **extra: Any) -> Finding:
    return Finding(code, LOAD_ERRORS[code][0], "error", span, message, **extra)


def _problem_finding(problem: YamlProblem) -> Finding:
    return _load_error(problem.code, problem.span, problem.message)


@dataclass
class _Parsed:
    """One record's plain data, where it came from, and the positions of its file."""

    data: Any
    loc: tuple[Any, ...]
    doc: YamlDocuments
    path: str


def _display_path(path: Path, root: Path) -> str:
    """The path as the user can open it: relative to where they are when they named the map so."""
    return (
        Path(os.path.normpath(path)).as_posix()
        if str(root) != "."
        else path.relative_to(root).as_posix()
    )


_UTF_BOMS = {
    b"\xef\xbb\xbf": "",
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def _position_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte ``offset`` of UTF-8 ``data``."""
    before = data[:offset].decode("utf-8", errors="replace")
    return line_column(before, len(before))


def read_text(path: Path, display: str, limits: Limits | None = None) -> str:
    """Read a map file as text, or raise `YamlProblem` saying exactly what is wrong with it.

    A file larger than ``limits.file_size`` (default: `argmap.limits.active`) is refused (AM010)
    by its size, before it is read.
    """
    limit = (limits if limits is not None else active()).file_size
    try:
        data = _read_capped(path, limit)
    except FileTooLarge as error:
        raise YamlProblem("AM010", Span(display, 1, 1), error.message()) from None
    except OSError as error:
        raise YamlProblem(
            "AM001",
            Span(display, 1, 1),
            f"cannot read the file: {error.strerror or error}; expected a readable YAML file",
        ) from None
    for bom, encoding in _UTF_BOMS.items():
        if data.startswith(bom):
            if encoding:
                raise YamlProblem(
                    "AM001",
                    Span(display, 1, 1),
                    f"the file is {encoding} text; expected UTF-8 (re-save it as UTF-8)",
                )
            data = data[len(bom) :]  # a UTF-8 byte order mark is allowed, and not a column
            break
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _position_of_offset(data, nul)
        raise YamlProblem(
            "AM001",
            Span(display, line, column),
            "NUL byte: this looks like a binary file; expected a YAML text file",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position_of_offset(data, error.start)
        raise YamlProblem(
            "AM001",
            Span(display, line, column),
            f"byte 0x{data[error.start]:02x} is not valid UTF-8; expected a UTF-8 text file "
            "(re-save it as UTF-8)",
        ) from None


def _records_of(doc: YamlDocuments, path: str, what: str) -> Iterator[_Parsed | Finding]:
    for problem in doc.problems:
        yield _problem_finding(problem)
    if not doc.documents:
        yield _load_error(
            "AM005",
            Span(path, 1, 1),
            f"the file is empty; expected {what} (a mapping with `id:`) or a list of them",
        )
        return
    if all(document is None for document in doc.documents):
        yield _load_error(
            "AM005",
            doc.positions.get((0,), Span(path, 1, 1)),
            f"the file holds nothing (null); expected {what} (a mapping with `id:`) or a list "
            "of them",
        )
        return
    for index, document in enumerate(doc.documents):
        span = doc.span((index,)) or Span(path, 1, 1)
        if isinstance(document, dict):
            yield _Parsed(document, (index,), doc, path)
        elif isinstance(document, list):
            if not document:
                yield _load_error(
                    "AM005",
                    span,
                    f"the list is empty; expected {what} (a mapping with `id:`) in it",
                )
            for item_index, item in enumerate(document):
                loc = (index, item_index)
                if isinstance(item, dict):
                    yield _Parsed(item, loc, doc, path)
                else:
                    yield _load_error(
                        "AM005",
                        doc.positions.get(loc, span),
                        f"list item is {_describe(item)}; expected {what} (a mapping with `id:`)",
                    )
        elif document is None:
            continue
        else:
            yield _load_error(
                "AM005",
                span,
                f"the file holds {_describe(document)}; expected {what} (a mapping with `id:`) "
                "or a list of them",
            )


def _describe(value: Any, raw: str | None = None) -> str:
    """What ``value`` is, in words; ``raw`` is how it was written, when YAML changed it."""
    if value is None:
        return "nothing (null)" if not raw else f"nothing ({raw}, which YAML reads as null)"
    if isinstance(value, bool):
        if raw and raw.lower() not in ("true", "false"):
            return f"true/false ({raw}, which YAML 1.1 reads as {str(value).lower()})"
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({_shorten(raw or str(value))})"
    if isinstance(value, str):
        return f"text ({_shorten(value)!r})"
    if isinstance(value, list):
        if not value:
            return "an empty list"
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    return "a mapping"


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


_MODEL_NAMES = frozenset({"Claim", "Evidence", "MapConfig", "Source", "Reason"})


def _split_loc(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], list[Any]]:
    """A pydantic error location split into the part that exists in the data and the rest.

    pydantic adds the names of union members, of converted values, of a missing field and
    ``[key]`` (for a mapping's key) to ``loc``; they land in the rest.
    """
    found: list[Any] = []
    rest: list[Any] = []
    current = data
    for part in loc:
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list)
            and isinstance(part, int)
            and not isinstance(part, bool)
            and 0 <= part < len(current)
        ):
            current = current[part]
            found.append(part)
        else:
            rest.append(part)
    return tuple(found), rest


def _value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _field_names(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def _nested_model(model: type[BaseModel], path: tuple[Any, ...]) -> type[BaseModel]:
    """The model that holds the field at ``path`` (for naming the valid keys of a nested mapping)."""
    named = [part for part in path if isinstance(part, str)]
    if named and named[0] in ("supported_by", "attacked_by") and len(path) >= 2:
        return Reason
    if named and named[0] in ("source", "sources"):
        return Source
    return model


def _kind_name(model: type[BaseModel]) -> str:
    names = {
        "Claim": "a claim",
        "Evidence": "an evidence record",
        "MapConfig": "argmap.yaml",
        "Source": "a source",
        "Reason": "a reason",
    }
    return names.get(model.__name__, model.__name__)


def _span_at(parsed: _Parsed, path: tuple[Any, ...], key: bool = False) -> Span:
    """Where the value (or, with ``key``, the key) at ``path`` was written, else its nearest parent."""
    full = parsed.loc + path
    if key:
        span = parsed.doc.key_positions.get(full)
        if span is not None:
            return span
    positions = parsed.doc.positions
    while len(full) > len(parsed.loc):
        span = positions.get(full)
        if span is not None:
            return span
        full = full[:-1]
    return positions.get(parsed.loc, Span(parsed.path, 1, 1))


ID_RULE = "an id uses letters, digits, '_', '.', '-' and starts with a letter or digit"


def _options(expected: str) -> list[str]:
    """The choices in pydantic's ``'a', 'b' or 'c'`` (or ``1, 2 or 3``)."""
    return [quoted or number for quoted, number in re.findall(r"'([^']*)'|(-?\d+)", expected)]


def _problem_message(
    label: str,
    problem: Any,
    value: Any,
    raw: str | None,
    union: type[BaseModel] | None,
) -> str:
    kind = problem["type"]
    ctx = problem.get("ctx") or {}
    found = _describe(value, raw)
    written = raw if raw is not None else str(value).lower() if isinstance(value, bool) else None
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        return f"{label}: {_shorten(str(value))!r} is not a valid id: {ID_RULE}"
    if kind == "string_type":
        expected = "text"
        if union is not None:
            expected = f"an id (text) or {_kind_name(union)} (a mapping with its fields)"
        if isinstance(value, bool) and written is not None:
            return (
                f"{label}: expected {expected}, found {found}; put it in quotes if it is text: "
                f'"{written}"'
            )
        if isinstance(value, (int, float)) and not isinstance(value, bool) and union is None:
            shown = raw or str(value)
            return (
                f"{label}: expected {expected}, found {found}; put it in quotes if it is text: "
                f'"{_shorten(shown)}"'
            )
        if value is None:
            return f"{label}: expected {expected}, found nothing; write it after the colon"
        return f"{label}: expected {expected}, found {found}"
    if kind in ("too_long", "too_short", "string_too_long"):
        unit = "characters" if isinstance(value, str) else "items"
        if kind != "too_short":
            actual = ctx.get("actual_length", len(value) if isinstance(value, str) else None)
            return f"{label}: too long ({actual} {unit}); expected at most {ctx.get('max_length')}"
        least = ctx.get("min_length")
        return f"{label}: expected at least {least} item{'s' if least != 1 else ''}, found {found}"
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", ""))
        options = _options(expected)
        hint = ""
        if isinstance(value, bool) and written in options:
            hint = f'; put it in quotes: "{written}"'
        elif isinstance(value, str):
            if value in options:
                hint = "; write it as a number, without quotes"
            else:
                close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
                if not close:
                    lowered = {option.lower(): option for option in options}
                    close = [lowered[value.lower()]] if value.lower() in lowered else []
                hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"{label}: expected one of {expected}; found {found}{hint}"
    if kind == "list_type":
        return f"{label}: expected a list, found {found}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        model = ctx.get("class_name")
        if model == "Reason":
            hint = ""
            if isinstance(value, int) and not isinstance(value, bool):
                hint = f'; write an id that is a number in quotes: "{raw or value}"'
            return (
                f"{label}: expected a reason (an id, or a mapping with `premises:`), found "
                f"{found}{hint}"
            )
        what = {"Source": "a source"}.get(str(model), "a mapping")
        if what != "a mapping":
            what += " (a mapping with its fields)"
        return f"{label}: expected {what}, found {found}"
    return f"{label}: {_lower_first(str(problem['msg']))}; found {found}"


def _validation_findings(
    error: ValidationError, parsed: _Parsed, model: type[BaseModel]
) -> Iterator[Finding]:
    problems: list[tuple[tuple[Any, ...], list[Any], list[Any], Any]] = []
    for problem in error.errors(include_url=False):
        loc = tuple(problem["loc"])
        path, rest = _split_loc(parsed.data, loc)
        kind = problem["type"]
        tags = [part for part in rest if part != "[key]"]
        if kind == "missing" and tags:
            tags = tags[:-1]  # the missing field's own name
        problems.append((path, rest, tags, problem))
    at_path: dict[tuple[Any, ...], int] = {}
    for path, _, _, _ in problems:
        at_path[path] = at_path.get(path, 0) + 1

    seen: set[tuple[Any, ...]] = set()
    missing: dict[tuple[Any, ...], list[str]] = {}
    unions: dict[tuple[Any, ...], type[BaseModel]] = {}
    kept = []
    for path, rest, tags, problem in problems:
        kind = problem["type"]
        if tags:
            # A union (an id or a source): keep the member that matches what was written.
            value = _value_at(parsed.data, path)
            models = [tag for tag in tags if tag in _MODEL_NAMES]
            if isinstance(value, dict) and not models:
                continue  # the id member, complaining about a mapping
            if (
                not isinstance(value, dict)
                and models
                and kind == "model_type"
                and at_path[path] > 1
            ):
                unions[path] = Source if models[0] == "Source" else Reason
                continue  # the mapping member, complaining about an id
        kept.append((path, rest, problem))

    for path, rest, problem in kept:
        kind = problem["type"]
        if kind == "missing":
            missing.setdefault(path, []).append(str(problem["loc"][-1]))
            continue
        is_key = "[key]" in rest
        dedupe = (path, kind, is_key)
        if dedupe in seen and kind != "extra_forbidden":
            continue  # one message per field: a union reports once per member
        seen.add(dedupe)
        label = ".".join(str(part) for part in path) or "record"
        if kind == "extra_forbidden":
            key = path[-1] if path else problem["loc"][-1]
            owner = _nested_model(model, path[:-1]) if len(path) > 1 else model
            valid = _field_names(owner)
            close = difflib.get_close_matches(str(key), valid, n=1, cutoff=0.5)
            hint = (
                f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(valid)}"
            )
            other = Evidence if owner is Claim else Claim if owner is Evidence else None
            if other is not None and key in other.model_fields and not close:
                belongs = "evidence records, which go in evidence/"
                if other is Claim:
                    belongs = "claims, which go in claims/"
                hint = f"{key!r} belongs to {belongs}; {hint}"
            yield _load_error(
                "AM006",
                _span_at(parsed, path, key=True),
                f"unknown field {key!r} in {_kind_name(owner)}; {hint}",
            )
            continue
        if is_key:
            key = path[-1] if path else ""
            parent = ".".join(str(part) for part in path[:-1]) or "record"
            message = (
                f"{parent}: {_shorten(str(key))!r} is not a valid id: {ID_RULE}"
                if problem["type"] == "string_pattern_mismatch"
                else f"{parent}: key {_shorten(str(key))!r}: {_lower_first(str(problem['msg']))}"
            )
            yield _load_error("AM006", _span_at(parsed, path, key=True), message)
            continue
        value = problem.get("input")
        raw = parsed.doc.scalar_text.get(parsed.loc + path)
        yield _load_error(
            "AM006",
            _span_at(parsed, path),
            _problem_message(label, problem, value, raw, unions.get(path)),
        )

    for path, names in missing.items():
        owner = _nested_model(model, path) if path else model
        required = [n for n, f in owner.model_fields.items() if f.is_required()]
        plural = "s" if len(names) > 1 else ""
        listed = ", ".join(repr(name) for name in names)
        yield _load_error(
            "AM006",
            _span_at(parsed, path),
            f"missing required field{plural} {listed} in {_kind_name(owner)} "
            f"(required: {', '.join(required)})",
        )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _validate(parsed: _Parsed, model: type[BaseModel]) -> BaseModel | list[Finding]:
    try:
        # `model_validate` without its Python wrapper: a large map validates 100,000 records.
        record: Claim | Evidence | MapConfig = model.__pydantic_validator__.validate_python(
            parsed.data
        )
    except ValidationError as error:
        return list(_validation_findings(error, parsed, model))
    doc = parsed.doc
    entries = doc.records.get(parsed.loc)
    if entries is not None:  # read from YAML: the file's compact table (`argmap.model.Where`)
        start, end = entries
        table = doc.table
        keep_where(record, Where(None, None, parsed.loc, table, start, end))
        if not isinstance(record, MapConfig):
            share_fields(record)
    else:
        record_span = doc.positions.get(parsed.loc, Span(parsed.path, 1, 1))
        keep_where(record, Where(record_span, doc.positions, parsed.loc))
    return record


def _shown_real(real: str, root: Path) -> str:
    base = os.path.realpath(root)
    if real == base:
        return "the map directory"
    if real.startswith(base + os.sep):
        return Path(os.path.relpath(real, base)).as_posix() + "/"
    return real


def _yaml_files(directory: Path, root: Path, findings: list[Finding]) -> list[Path]:
    """Every YAML file under ``directory``, following symlinks but never around a loop."""
    files: list[Path] = []
    seen: set[str] = set()

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else directory
        findings.append(
            _load_error(
                "AM001",
                Span(_display_path(where, root), 1, 1),
                f"cannot read the directory: {error.strerror or error}; expected a readable "
                "directory of YAML files",
            )
        )

    for current, dirnames, filenames in os.walk(directory, onerror=unreadable, followlinks=True):
        real = os.path.realpath(current)
        # A link back to a directory being read, or to one of its parents, would go round.
        if real in seen or any(other.startswith(real + os.sep) for other in seen):
            findings.append(
                _load_error(
                    "AM008",
                    Span(_display_path(Path(current), root), 1, 1),
                    f"symlink loop: this directory leads back to {_shown_real(real, root)}, "
                    "which is already being read; expected no link back (remove the link)",
                )
            )
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if name.endswith(YAML_SUFFIXES):
                files.append(Path(current) / name)
            elif _is_link_loop(Path(current) / name):
                # A directory link that loops is listed as a file; it is part of the map.
                findings.append(
                    _load_error(
                        "AM008",
                        Span(_display_path(Path(current) / name, root), 1, 1),
                        "symlink loop: this link leads back to itself; expected a link to a "
                        "directory or file (remove the link)",
                    )
                )
    return files


def _is_link_loop(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def _check_file_path(path: Path, display: str) -> Finding | None:
    try:
        info = os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return _load_error(
                "AM008",
                Span(display, 1, 1),
                "symlink loop: this link leads back to itself; expected a link to a YAML file "
                "(remove the link)",
            )
        if error.errno == errno.ENOENT and os.path.islink(path):
            return _load_error(
                "AM001",
                Span(display, 1, 1),
                f"broken symlink: it points to {os.readlink(path)}, which does not exist; "
                "expected a link to a YAML file",
            )
        return _load_error(
            "AM001",
            Span(display, 1, 1),
            f"cannot read the file: {error.strerror or error}; expected a readable YAML file",
        )
    if not stat.S_ISREG(info.st_mode):
        what = (
            "a directory"
            if stat.S_ISDIR(info.st_mode)
            else "a pipe, socket or device, not a regular file"
        )
        return _load_error("AM001", Span(display, 1, 1), f"this is {what}; expected a YAML file")
    return None


def _parse_file(
    path: Path, display: str, limits: Limits, shared: SharedTexts | None = None
) -> YamlDocuments | list[Finding]:
    problem = _check_file_path(path, display)
    if problem is not None:
        return [problem]
    try:
        return parse_yaml(read_text(path, display, limits), display, limits, shared)
    except YamlProblem as error:
        return [_problem_finding(p) for p in (*error.earlier, error)]


def _check_name_findings(parsed: _Parsed) -> list[Finding]:
    """Each key of argmap.yaml's ``checks:`` that names no check, with the closest name."""
    checks = parsed.data.get("checks")
    if not isinstance(checks, dict):
        return []
    from argmap.checks import CHECKS

    valid = [*CHECKS, *(module.NAME for module in CHECKS.values())]
    lowered = {name.lower(): name for name in valid}
    load_names = {name for name, _ in LOAD_ERRORS.values()}
    findings = []
    for key in checks:
        if key in valid:
            continue
        if str(key).upper() in LOAD_ERRORS or key in load_names:
            hint = (
                "load errors (AM0xx) cannot be configured: a map that does not load is not checked"
            )
        else:
            close = difflib.get_close_matches(str(key).lower(), list(lowered), n=1, cutoff=0.6)
            hint = (
                f"did you mean {lowered[close[0]]!r}?"
                if close
                else "expected a code such as AM201 or a name such as unsupported-claim "
                "(see `argmap checks`)"
            )
        findings.append(
            _load_error(
                "AM006",
                _span_at(parsed, ("checks", key), key=True),
                f"in `checks:`, no such check: {_shorten(str(key))!r}; {hint}",
            )
        )
    return findings


def load_config(
    root: Path, limits: Limits | None = None, store: Any = None
) -> tuple[MapConfig, list[Finding]]:
    """Read ``argmap.yaml`` (or ``argmap.yml``) at the map root; a map without one gets defaults.

    Limits come from ``limits`` (default: `argmap.limits.active`), never from the file itself.
    ``store`` is the map's `argmap.cache.MapCache` (or None), as for `read_record_file`.
    """
    limits = limits if limits is not None else active()
    present = [root / name for name in CONFIG_NAMES]
    present = [path for path in present if path.exists() or path.is_symlink()]
    if not present:
        return MapConfig(), []
    path = present[0]
    display = _display_path(path, root)
    digest = None
    if store is not None and len(present) == 1:
        # A large map's argmap.yaml lists hundreds of sources: 0.03 s to parse at every re-check.
        from argmap.cache import file_digest

        digest = file_digest(path)
        if digest is not None:
            digest = _cache_key(digest, limits)
        hit = store.get(display, MapConfig.__name__, digest)
        if hit is not None and len(hit[0]) == 1 and isinstance(hit[0][0], MapConfig):
            return hit[0][0], []
    config, findings = _read_config(path, display, present, root, limits)
    if store is not None and digest is not None and not findings:
        store.put(display, MapConfig.__name__, digest, [config], [])
    return config, findings


def _read_config(
    path: Path, display: str, present: list[Path], root: Path, limits: Limits
) -> tuple[MapConfig, list[Finding]]:
    findings: list[Finding] = []
    for other in present[1:]:
        findings.append(
            _load_error(
                "AM008",
                Span(_display_path(other, root), 1, 1),
                f"both {path.name} and {other.name} exist, and argmap reads {path.name} only; "
                "expected one settings file (merge them, then delete this one)",
            )
        )
    parsed = _parse_file(path, display, limits)
    if isinstance(parsed, list):
        return MapConfig(), findings + parsed
    findings.extend(_problem_finding(problem) for problem in parsed.problems)
    documents = [
        (index, document) for index, document in enumerate(parsed.documents) if document is not None
    ]
    if not documents:
        return MapConfig(), findings
    if len(documents) > 1:
        second = documents[1][0]
        findings.append(
            _load_error(
                "AM005",
                parsed.positions.get((second,), Span(display, 1, 1)),
                f"{path.name} holds {len(documents)} YAML documents; expected one mapping of "
                "settings (remove the `---` line and merge them)",
            )
        )
    index, document = documents[0]
    if not isinstance(document, dict):
        span = parsed.positions.get((index,), Span(display, 1, 1))
        findings.append(
            _load_error(
                "AM005",
                span,
                f"{path.name} holds {_describe(document)}; expected a mapping of settings "
                "(title, question, source, sources, checks)",
            )
        )
        return MapConfig(), findings
    item = _Parsed(document, (index,), parsed, display)
    findings.extend(_check_name_findings(item))
    result = _validate(item, MapConfig)
    if isinstance(result, list):
        return MapConfig(), findings + result
    assert isinstance(result, MapConfig)
    return (MapConfig() if findings else result), findings


def _record_dir_problem(directory: Path, root: Path) -> Finding | None:
    """Why ``claims/`` or ``evidence/`` exists but is not a readable directory, if it is so."""
    if directory.is_dir() or not (directory.is_symlink() or directory.exists()):
        return None
    display = _display_path(directory, root)
    if _is_link_loop(directory):
        message = "symlink loop: this link leads back to itself; expected a directory"
    elif directory.is_symlink() and not directory.exists():
        message = (
            f"broken symlink: it points to {os.readlink(directory)}, which does not exist; "
            "expected a directory of YAML files"
        )
    else:
        message = f"{directory.name} is a file; expected a directory of YAML files"
    return _load_error("AM008", Span(display, 1, 1), message)


def load(
    path: str | os.PathLike[str] = ".",
    *,
    cache: bool | MapCache = False,
    progress: Callable[[int], None] | None = None,
    limits: Limits | None = None,
    jobs: int = 1,
) -> ArgumentMap:
    """Load the map in directory ``path``.

    ``cache=True`` reuses the records of files unchanged since an earlier load (`argmap.cache`);
    ``cache`` may also be the map's `argmap.cache.MapCache`, which the load then fills and leaves
    to the caller to save (`argmap.cache_writer` saves it while the map is checked);
    ``progress``, if given, is called with the number of record files about to be read, then
    with 1 after each of them. ``limits`` bound what is read (`argmap.limits.Limits`; default:
    `argmap.limits.active`, the defaults unless the caller set others): a file past one is
    refused with AM010 (or AM003 for nesting and aliases) and, past a limit of the whole map,
    nothing more is read. The map's own argmap.yaml cannot change them. ``jobs=2`` lets a second
    process read the second half of a large map's files meanwhile (`read_ahead`); the result is
    the same.

    Raises `MapLoadError` listing every problem found (each with file, line and column) when any
    file cannot be read, parsed or validated.

    >>> amap = load("tests/fixtures/minimal")  # doctest: +SKIP
    """
    root = Path(path)
    if not root.exists():
        what = "a broken symlink or a symlink loop" if root.is_symlink() else "no such directory"
        raise MapLoadError(
            [
                _load_error(
                    "AM008",
                    Span(str(root), 1, 1),
                    f"{what}; expected the path of a map directory (holding claims/ and evidence/)",
                )
            ]
        )
    if not root.is_dir():
        raise MapLoadError(
            [
                _load_error(
                    "AM008",
                    Span(str(root), 1, 1),
                    "this is a file; expected a map directory holding claims/ and evidence/",
                )
            ]
        )
    limits = limits if limits is not None else active()
    store = None
    if cache is True:
        from argmap.cache import MapCache

        store = MapCache(root)
    elif cache is not False:
        store = cache
    config, findings = load_config(root, limits, store)
    record_dirs = [(root / name, model) for name, model in RECORD_DIRS.items()]
    for directory, _ in record_dirs:
        problem = _record_dir_problem(directory, root)
        if problem is not None:
            findings.append(problem)
    if not any(directory.is_dir() for directory, _ in record_dirs):
        if not findings:
            findings.append(
                _load_error(
                    "AM008",
                    Span(str(root), 1, 1),
                    "no claims/ or evidence/ directory here; expected a map directory "
                    "(see docs/format.md), or pass the map's path",
                )
            )
        raise MapLoadError(sorted_findings(findings))

    records: dict[str, list[BaseModel]] = {"claims": [], "evidence": []}
    raw_ids: list[tuple[Any, Span]] = []
    shared = SharedTexts(SHARED_FIELDS)
    listed = [
        (directory, model, file)
        for directory, model in record_dirs
        if directory.is_dir()
        for file in _yaml_files(directory, root, findings)
    ]
    if progress is not None:
        progress(len(listed))
    ahead = read_ahead(listed, root, limits, store, jobs)
    try:
        total_size = 0
        total_records = 0
        for index, (directory, model, file) in enumerate(listed):
            display = _display_path(file, root)
            size = _file_size(file)
            if size > limits.file_size:
                too_large = FileTooLarge(size, limits.file_size)
                findings.append(_load_error("AM010", Span(display, 1, 1), too_large.message()))
                if progress is not None:
                    progress(1)
                continue
            total_size += size
            if total_size > limits.total_size:
                findings.append(_over_total_size(display, total_size, limits))
                break
            read = ahead.result(index, store) if ahead is not None else None
            if read is None:
                read = read_record_file(file, display, model, limits, store, shared)
            file_records, file_ids, problems = read
            findings.extend(problems)
            total_records += len(file_records)
            if total_records > limits.total_records:
                findings.append(_over_total_records(display, file_records, total_records, limits))
                break
            records[directory.name].extend(file_records)
            raw_ids.extend(file_ids)
            if progress is not None:
                progress(1)
    finally:
        if ahead is not None:
            ahead.close()
    if store is not None and cache is True:
        store.save()

    claims = [r for r in records["claims"] if isinstance(r, Claim)]
    evidence = [r for r in records["evidence"] if isinstance(r, Evidence)]
    findings.extend(_duplicate_ids(raw_ids))
    if not findings and not claims and not evidence:
        findings.append(
            _load_error(
                "AM008",
                Span(str(root), 1, 1),
                "the map has no records; expected YAML files in claims/ and evidence/",
            )
        )
    if findings:
        raise MapLoadError(sorted_findings(findings))
    return ArgumentMap(claims=claims, evidence=evidence, config=config, root=root)


READ_AHEAD_FROM = 64
"""Record files a map must have to be shared with a second process (`read_ahead`)."""

_FileResult = tuple[list[BaseModel], list[tuple[Any, Span]], list[Finding]]


class _ReadAhead:
    """Files ``first`` onwards of a load, read by another process (`read_ahead`)."""

    def __init__(self, process: Any, receiver: Any, first: int) -> None:
        self.process = process
        self.receiver = receiver
        self.first = first
        self.results: list[tuple[str | None, bytes, list[Finding]]] | None = None
        """By file: the name of its new parse-cache entry (or None), the entry, its problems."""

    def result(self, index: int, store: Any) -> _FileResult | None:
        """What the other process read of file ``index``; None if it did not read it (then
        this process reads it: so a process that failed costs time, never a file)."""
        if index < self.first:
            return None
        if self.results is None:
            self.results = []
            try:
                data = self.receiver.recv_bytes()
            except (EOFError, OSError):  # it failed: read here
                data = None
            self.close()
            if data is not None:
                import pickle

                # argmap's own bytes, from the process it forked (`_read_elsewhere`).
                self.results = pickle.loads(data)
        offset = index - self.first
        if offset >= len(self.results):
            return None
        from argmap.cache import read_entry

        name, entry, problems = self.results[offset]
        read = read_entry(entry)
        if read is None:  # pragma: no cover - bytes it made itself
            return None
        if name is not None and store is not None:
            store.put_entry(name, entry)  # as it is: no need to pickle the records again
        return read[0], read[1], problems

    def close(self) -> None:
        if self.process is None:
            return
        if self.results is None:  # the load stopped before its files (a limit): not wanted
            self.process.terminate()
        self.receiver.close()
        self.process.join()
        self.process = None


def read_ahead(
    listed: list[tuple[Path, type[Claim | Evidence], Path]],
    root: Path,
    limits: Limits,
    store: Any,
    jobs: int,
) -> _ReadAhead | None:
    """Start a second process reading the last 40% of ``listed`` (``jobs`` >= 2), or None.

    Only where it pays and is safe: at least `READ_AHEAD_FROM` files, none of them in a pack of
    parse-cache entries (reading those back here is faster than receiving them), a platform that
    forks, and no other thread running (a fork copies only the calling thread). The other
    process reads the files as `read_record_file` does, within the size limits (files past the
    map's ``total_size`` are left to this process, which stops there), with a cache of its own
    whose new entries come back with the records, and writes nothing; each file comes back as
    its parse-cache entry (`argmap.entries`). Measured on the 100,000-record map: loaded in
    1.23 s instead of 1.49 s, and in 1.59 s instead of 1.93 s while filling the parse cache
    (docs/performance.md).
    """
    if jobs < 2 or len(listed) < READ_AHEAD_FROM:
        return None
    import multiprocessing
    import threading

    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    if store is not None and store.has_pack():
        return None
    # This process reads the first 60%: the other one also pickles what it read and this one
    # unpickles it, so with an even split this one waited for it (100k records: 1.35 -> 1.2 s).
    first = int(len(listed) * 0.6)
    total = sum(_file_size(file) for _, _, file in listed[:first])
    elsewhere = []
    for _, model, file in listed[first:]:
        size = _file_size(file)
        total += size
        if size > limits.file_size or total > limits.total_size:
            break  # this process reads it, and says what is wrong, in order
        elsewhere.append((file, _display_path(file, root), model))
    if not elsewhere:
        return None
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_read_elsewhere,
        args=(sender, elsewhere, root, limits, store is not None),
        daemon=True,
    )
    process.start()
    sender.close()
    return _ReadAhead(process, receiver, first)


def _read_elsewhere(
    sender: Any,
    files: list[tuple[Path, str, type[Claim | Evidence]]],
    root: Path,
    limits: Limits,
    cached: bool,
) -> None:
    """`read_ahead`'s other process: each file as `read_record_file` reads it, sent as the
    parse-cache entry of its records (`argmap.entries`), that entry's name if it is a new one,
    and its problems."""
    import pickle

    from argmap.cache import MapCache
    from argmap.entries import dumps_entry

    try:
        store = MapCache(root) if cached else None
        shared = SharedTexts(SHARED_FIELDS)
        results = []
        for file, display, model in files:
            records, ids, problems = read_record_file(file, display, model, limits, store, shared)
            name = None
            if store is not None and store.pending:
                name = next(iter(store.pending))  # the entry it just added: this file's
                store.pending.clear()
            results.append((name, dumps_entry(records, ids), problems))
        sender.send_bytes(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    # Say nothing on failure: the loading process reads these files itself, and meets any
    # problem there, where it is reported.
    except BaseException:  # noqa: BLE001, S110
        pass
    finally:
        sender.close()


def read_record_file(
    file: Path,
    display: str,
    model: type[Claim | Evidence],
    limits: Limits,
    store: Any = None,
    shared: SharedTexts | None = None,
) -> tuple[list[BaseModel], list[tuple[Any, Span]], list[Finding]]:
    """One file of ``claims/`` or ``evidence/``: its records, the ids it declares, its problems.

    ``store`` is the map's `argmap.cache.MapCache` (or None): a file whose bytes it has seen is
    not parsed again, and a file read without a problem is added to it. ``shared`` keeps values
    often repeated between the files of a map as one string each (`argmap.yamlread.SharedTexts`).
    The size limit of one file is checked by the caller, the limits of the whole map too.
    """
    what = "a claim" if model is Claim else "an evidence record"
    digest = None
    if store is not None:
        from argmap.cache import file_digest

        digest = file_digest(file)
        if digest is not None:
            digest = _cache_key(digest, limits)
        hit = store.get(display, model.__name__, digest)
        if hit is not None:
            return hit[0], hit[1], []
    parsed = _parse_file(file, display, limits, shared)
    if isinstance(parsed, list):
        return [], [], parsed
    file_records: list[BaseModel] = []
    file_ids: list[tuple[Any, Span]] = []
    problems: list[Finding] = []
    for item in _records_of(parsed, display, what):
        if isinstance(item, Finding):
            problems.append(item)
            continue
        file_ids.extend(_declared_ids(item))
        result = _validate(item, model)
        if isinstance(result, list):
            problems.extend(result)
        else:
            file_records.append(result)
    if store is not None and digest is not None and not problems:
        store.put(display, model.__name__, digest, file_records, file_ids)
    return file_records, file_ids, problems


def cached_record_file(
    store: Any, display: str, model: type[Claim | Evidence], digest: str, limits: Limits
) -> list[BaseModel] | None:
    """The records `read_record_file` stored for file ``display`` when its bytes hashed to
    ``digest`` (SHA-256, hex), or None if ``store`` no longer holds them."""
    hit = store.get(display, model.__name__, _cache_key(digest, limits))
    return None if hit is None else hit[0]


def _cache_key(digest: str, limits: Limits) -> str:
    return f"{digest};{limits.key()}"  # a file is cached for the limits it passed


def _file_size(path: Path) -> int:
    """The size of the file at ``path`` by its ``stat`` (0 when it has none: then reading it says
    what is wrong)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _over_total_size(display: str, total: int, limits: Limits) -> Finding:
    return _load_error(
        "AM010",
        Span(display, 1, 1),
        f"with this file the map's YAML files come to {format_size(total)}, more than the limit "
        f"of {describe('total_size', limits.total_size)} for a whole map, so argmap stops "
        f"reading here; expected a smaller map, or {how_to_raise('total_size', total * 2)}",
    )


def _over_total_records(
    display: str, file_records: list[BaseModel], total: int, limits: Limits
) -> Finding:
    over = total - limits.total_records
    record = file_records[len(file_records) - over] if 0 < over <= len(file_records) else None
    span = record.span if isinstance(record, (Claim, Evidence)) else Span(display, 1, 1)
    return _load_error(
        "AM010",
        span,
        f"this record is one more than the limit of "
        f"{describe('total_records', limits.total_records)} records in a whole map, so argmap "
        f"stops reading here; expected a smaller map, or "
        f"{how_to_raise('total_records', limits.total_records * 2)}",
    )


def _declared_ids(parsed: _Parsed) -> list[tuple[Any, Span]]:
    """The ids a record declares (its own and its named reasons'), read before validation.

    Reading them from the raw data lets a duplicate be reported even when one of the two
    records has other errors.
    """
    data = parsed.data
    declared = []
    if "id" in data:
        doc = parsed.doc
        entries = doc.records.get(parsed.loc)
        table = doc.table
        if (
            entries is not None
            and entries[0] + 1 < entries[1]
            and table.paths[entries[0] + 1] == _ID
        ):
            # Written first, as nearly every record writes it: the entry after the record's.
            declared.append((data["id"], table.span(entries[0] + 1)))
        else:
            declared.append((data["id"], _declared_at(parsed, _ID)))
    for field in ("supported_by", "attacked_by"):
        reasons = data.get(field)
        if type(reasons) is list:
            for index, reason in enumerate(reasons):
                if type(reason) is dict and "id" in reason:
                    declared.append((reason["id"], _declared_at(parsed, (field, index, "id"))))
    return declared


_ID = ("id",)


def _declared_at(parsed: _Parsed, loc: tuple[Any, ...]) -> Span:
    doc = parsed.doc
    return doc.span_in(parsed.loc, loc) or doc.span(parsed.loc) or Span(parsed.path, 1, 1)


def _duplicate_ids(declared: list[tuple[Any, Span]]) -> Iterator[Finding]:
    first: dict[str, Span] = {}
    for raw, span in declared:
        if not isinstance(raw, (str, int)) or isinstance(raw, bool):
            continue
        name = str(raw)
        if name in first:
            earlier = first[name]
            yield _load_error(
                "AM007",
                span,
                f"duplicate id {name!r}: also defined at {earlier}; expected every id once",
                subject=name,
                related=(earlier,),
            )
        else:
            first[name] = span
