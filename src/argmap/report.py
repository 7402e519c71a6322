"""Findings as text: one line each for people and editors, JSON for programs, GitHub annotations for CI."""

from __future__ import annotations

import json
from collections.abc import Callable

from argmap.findings import Finding
from argmap.output import printable
from argmap.span import Span

_encode_string: Callable[[str], str] = json.encoder.encode_basestring
"""A JSON string literal, quotes included, non-ASCII kept: the C encoder json.dumps uses."""

SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _one_line(text: str) -> str:
    # One finding, one line, whatever a message quotes: editors and grep depend on it.
    return printable(text, terminal=True).replace("\n", "\\n")


def format_text(findings: list[Finding], colour: bool = False) -> str:
    """``path:line:col: CODE message [id]``, one per line, in the order given.

    With ``colour``, the position is bold and the code coloured by severity (ANSI escapes).
    A line break inside a message is shown as ``\\n``, and control characters as symbols.
    """
    import click

    lines = []
    shown_paths: dict[str, str] = {}  # a map's findings fall in a few files: escape each once
    for finding in findings:
        path, line, column = finding.span
        shown = shown_paths.get(path)
        if shown is None:
            shown = shown_paths[path] = _one_line(path)
        where = f"{shown}:{line}:{column}"
        code = finding.code
        if colour:
            where = click.style(where, bold=True)
            code = click.style(code, fg=SEVERITY_COLOURS[finding.severity], bold=True)
        message = finding.message
        if not (message.isascii() and message.isprintable()):  # else `_one_line` changes nothing
            message = _one_line(message)
        subject = f" [{finding.subject}]" if finding.subject else ""
        lines.append(f"{where}: {code} {message}{subject}")
    return "\n".join(lines) + ("\n" if lines else "")


def _json_value(value: object) -> str:
    # What json.dumps(..., ensure_ascii=False) writes for one scalar, with its own C encoder.
    if type(value) is str:
        return _encode_string(value)
    if type(value) is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)  # pragma: no cover - a finding holds no other


def _json_span(span: Span) -> str:
    path, line, column = span
    return (
        "      {\n"
        f'        "path": {_json_value(path)},\n'
        f'        "line": {_json_value(line)},\n'
        f'        "column": {_json_value(column)}\n'
        "      }"
    )


def format_json(findings: list[Finding], colour: bool = False) -> str:
    """A JSON array of objects: code, name, severity, path, line, column, subject, message, related.

    The text ``json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False)``
    gives, written out here: with ``indent`` json encodes in Python, not in C, which took 0.2 s
    for the 25,000 findings of a 100,000-record map (tests/test_report.py holds the two equal).
    """
    if not findings:
        return "[]\n"
    value = _json_value
    items = []
    for f in findings:
        path, line, column = f.span
        related = (
            "[\n" + ",\n".join(_json_span(span) for span in f.related) + "\n    ]"
            if f.related
            else "[]"
        )
        items.append(
            "  {\n"
            f'    "code": {value(f.code)},\n'
            f'    "name": {value(f.name)},\n'
            f'    "severity": {value(f.severity)},\n'
            f'    "path": {value(path)},\n'
            f'    "line": {value(line)},\n'
            f'    "column": {value(column)},\n'
            f'    "subject": {value(f.subject)},\n'
            f'    "message": {value(f.message)},\n'
            f'    "related": {related}\n'
            "  }"
        )
    return "[\n" + ",\n".join(items) + "\n]\n"


def _github_escape(text: str, property_value: bool = False) -> str:
    # The workflow-command escapes: %, CR and LF always; ':' and ',' inside properties.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(findings: list[Finding], colour: bool = False) -> str:
    """GitHub Actions workflow annotations (``::error file=...,line=...,col=...::message``)."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    lines = [
        f"::{level[f.severity]} file={_github_escape(f.span.path, True)},line={f.span.line},"
        f"col={f.span.column},title={_github_escape(f.code + ' ' + f.name, True)}::"
        f"{_github_escape(f.message + (f' [{f.subject}]' if f.subject else ''))}"
        for f in findings
    ]
    return "\n".join(lines) + ("\n" if lines else "")


FORMATTERS: dict[str, Callable[[list[Finding], bool], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}


def summary(findings: list[Finding]) -> str:
    """``3 errors, 1 warning, 2 notes`` (or ``no findings``)."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    words = {"error": "error", "warning": "warning", "info": "note"}
    parts = [f"{n} {words[s]}{'s' if n != 1 else ''}" for s, n in counts.items() if n]
    return ", ".join(parts) if parts else "no findings"
