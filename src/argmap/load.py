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
======  =====================  ==========================================================
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from argmap.argument_map import ArgumentMap
from argmap.errors import MapLoadError
from argmap.findings import Finding, sorted_findings
from argmap.model import Claim, Evidence, MapConfig, Span, Where
from argmap.yamlread import YamlDocuments, YamlProblem, parse_yaml

CONFIG_NAMES = ("argmap.yaml", "argmap.yml")
RECORD_DIRS: dict[str, type[Claim | Evidence]] = {"claims": Claim, "evidence": Evidence}
YAML_SUFFIXES = (".yaml", ".yml")

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
}


def _load_error(code: str, span: Span, message: str, **extra: Any) -> Finding:
    return Finding(code, LOAD_ERRORS[code][0], "error", span, message, **extra)


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


def _position_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def read_text(path: Path, display: str) -> str:
    """Read a map file as text, or raise `YamlProblem` saying exactly what is wrong with it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise YamlProblem(
            "AM001", Span(display, 1, 1), f"cannot read the file: {error.strerror or error}"
        ) from None
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _position_of_offset(data, nul)
        raise YamlProblem(
            "AM001",
            Span(display, line, column),
            "NUL byte: this looks like a binary file; expected a YAML text file",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position_of_offset(data, error.start)
        raise YamlProblem(
            "AM001",
            Span(display, line, column),
            f"byte 0x{data[error.start]:02x} is not valid UTF-8; expected a UTF-8 text file "
            "(re-save it as UTF-8)",
        ) from None
    return text.removeprefix("\ufeff")


def _records_of(doc: YamlDocuments, path: str, what: str) -> Iterator[_Parsed | Finding]:
    if not doc.documents:
        yield _load_error(
            "AM005",
            Span(path, 1, 1),
            f"the file is empty; expected {what} (a mapping with `id:`) or a list of them",
        )
        return
    for index, document in enumerate(doc.documents):
        span = doc.positions.get((index,), Span(path, 1, 1))
        if isinstance(document, dict):
            yield _Parsed(document, (index,), doc, path)
        elif isinstance(document, list):
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


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text ({shown!r})"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The part of a pydantic error location that exists in the data.

    pydantic adds the names of union members and of converted values to ``loc``; they are skipped.
    """
    found: list[Any] = []
    current = data
    for part in loc:
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            current = current[part]
            found.append(part)
    return tuple(found)


def _field_names(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def _nested_model(model: type[BaseModel], path: tuple[Any, ...]) -> type[BaseModel]:
    """The model that holds the field at ``path`` (for naming the valid keys of a nested mapping)."""
    from argmap.model import Reason, Source

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


def _validation_findings(
    error: ValidationError, parsed: _Parsed, model: type[BaseModel]
) -> Iterator[Finding]:
    problems = [
        (_data_path(parsed.data, tuple(problem["loc"])), problem)
        for problem in error.errors(include_url=False)
    ]
    paths = {path for path, _ in problems}
    seen: set[tuple[Any, ...]] = set()
    for path, problem in problems:
        kind = problem["type"]
        if kind != "extra_forbidden" and path in seen:
            continue  # one message per field: a union reports once per member
        if any(other[: len(path)] == path and len(other) > len(path) for other in paths):
            # A union member that failed deeper inside explains this field better.
            continue
        seen.add(path)
        full = parsed.loc + path
        span = parsed.doc.positions.get(full) or parsed.doc.positions.get(
            parsed.loc, Span(parsed.path, 1, 1)
        )
        field = ".".join(str(part) for part in path) or "record"
        if kind == "extra_forbidden":
            key = path[-1] if path else problem["loc"][-1]
            owner = _nested_model(model, path[:-1]) if len(path) > 1 else model
            valid = _field_names(owner)
            close = difflib.get_close_matches(str(key), valid, n=1, cutoff=0.5)
            hint = (
                f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(valid)}"
            )
            span = parsed.doc.key_positions.get(full, span)
            yield _load_error(
                "AM006", span, f"unknown field {key!r} in {_kind_name(owner)}; {hint}"
            )
        elif kind == "missing":
            missing = problem["loc"][-1]
            owner = _nested_model(model, path) if path else model
            required = [n for n, f in owner.model_fields.items() if f.is_required()]
            yield _load_error(
                "AM006",
                span,
                f"missing required field {missing!r} in {_kind_name(owner)} "
                f"(required: {', '.join(required)})",
            )
        else:
            value = problem.get("input")
            yield _load_error(
                "AM006",
                span,
                f"{field}: {_lower_first(problem['msg'])}; found {_describe(value)}",
            )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _validate(parsed: _Parsed, model: type[BaseModel]) -> BaseModel | list[Finding]:
    try:
        record = model.model_validate(parsed.data)
    except ValidationError as error:
        return list(_validation_findings(error, parsed, model))
    record_span = parsed.doc.positions.get(parsed.loc, Span(parsed.path, 1, 1))
    assert isinstance(record, (Claim, Evidence, MapConfig))
    record._where = Where(record_span, parsed.doc.positions, parsed.loc)
    return record


def _yaml_files(directory: Path, root: Path, findings: list[Finding]) -> list[Path]:
    """Every YAML file under ``directory``, following symlinks but never around a loop."""
    files: list[Path] = []
    seen: set[str] = set()
    for current, dirnames, filenames in os.walk(directory, followlinks=True):
        real = os.path.realpath(current)
        if real in seen:
            findings.append(
                _load_error(
                    "AM008",
                    Span(_display_path(Path(current), root), 1, 1),
                    f"symlink loop: this directory leads back to {real}; remove the link",
                )
            )
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith(YAML_SUFFIXES):
                continue
            files.append(Path(current) / name)
    return files


def _check_file_path(path: Path, display: str) -> Finding | None:
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == 40:  # ELOOP
            return _load_error(
                "AM008", Span(display, 1, 1), "symlink loop: this link points back to itself"
            )
        return _load_error(
            "AM001", Span(display, 1, 1), f"cannot read the file: {error.strerror or error}"
        )
    return None


def _parse_file(path: Path, display: str) -> YamlDocuments | Finding:
    problem = _check_file_path(path, display)
    if problem is not None:
        return problem
    try:
        return parse_yaml(read_text(path, display), display)
    except YamlProblem as error:
        return _load_error(error.code, error.span, error.message)


def load_config(root: Path) -> tuple[MapConfig, list[Finding]]:
    """Read ``argmap.yaml`` (or ``argmap.yml``) at the map root; a map without one gets defaults."""
    for name in CONFIG_NAMES:
        path = root / name
        if not path.exists() and not path.is_symlink():
            continue
        display = _display_path(path, root)
        parsed = _parse_file(path, display)
        if isinstance(parsed, Finding):
            return MapConfig(), [parsed]
        if not parsed.documents or parsed.documents == [None]:
            return MapConfig(), []
        document = parsed.documents[0]
        if not isinstance(document, dict):
            span = parsed.positions.get((0,), Span(display, 1, 1))
            return MapConfig(), [
                _load_error(
                    "AM005",
                    span,
                    f"argmap.yaml holds {_describe(document)}; expected a mapping of settings "
                    "(title, question, source, sources, checks)",
                )
            ]
        result = _validate(_Parsed(document, (0,), parsed, display), MapConfig)
        if isinstance(result, list):
            return MapConfig(), result
        assert isinstance(result, MapConfig)
        return result, []
    return MapConfig(), []


def load(path: str | os.PathLike[str] = ".") -> ArgumentMap:
    """Load the map in directory ``path``.

    Raises `MapLoadError` listing every problem found (each with file, line and column) when any
    file cannot be read, parsed or validated.

    >>> amap = load("tests/fixtures/minimal")  # doctest: +SKIP
    """
    root = Path(path)
    if not root.exists():
        raise MapLoadError(
            [_load_error("AM008", Span(str(root), 1, 1), "no such file or directory")]
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
    config, findings = load_config(root)
    record_dirs = [(root / name, model) for name, model in RECORD_DIRS.items()]
    if not any(directory.is_dir() for directory, _ in record_dirs):
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
    for directory, model in record_dirs:
        if not directory.is_dir():
            continue
        what = "a claim" if model is Claim else "an evidence record"
        for file in _yaml_files(directory, root, findings):
            display = _display_path(file, root)
            parsed = _parse_file(file, display)
            if isinstance(parsed, Finding):
                findings.append(parsed)
                continue
            for item in _records_of(parsed, display, what):
                if isinstance(item, Finding):
                    findings.append(item)
                    continue
                raw_ids.extend(_declared_ids(item))
                result = _validate(item, model)
                if isinstance(result, list):
                    findings.extend(result)
                else:
                    records[directory.name].append(result)

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


def _declared_ids(parsed: _Parsed) -> Iterator[tuple[Any, Span]]:
    """The ids a record declares (its own and its named reasons'), read before validation.

    Reading them from the raw data lets a duplicate be reported even when one of the two
    records has other errors.
    """
    positions = parsed.doc.positions
    fallback = positions.get(parsed.loc, Span(parsed.path, 1, 1))
    if "id" in parsed.data:
        yield parsed.data["id"], positions.get((*parsed.loc, "id"), fallback)
    for field in ("supported_by", "attacked_by"):
        reasons = parsed.data.get(field)
        if not isinstance(reasons, list):
            continue
        for index, reason in enumerate(reasons):
            if isinstance(reason, dict) and "id" in reason:
                loc = (*parsed.loc, field, index, "id")
                yield reason["id"], positions.get(loc, fallback)


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
