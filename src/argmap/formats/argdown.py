"""Argdown (``.argdown``) in and out, parsed in pure Python (no Node).

Reading follows Argdown 1.7's own lexer, grammar and model (christianvoigt/argdown,
``argdown-core``): `tokenize` reproduces its token rules (indentation, relation symbols only at
the start of a line, bold and italic ranges that must close), `parse_document` its grammar and
the model its ``ModelPlugin`` builds (equivalence classes of statements by title, "Untitled N"
titles, arguments, premise-conclusion structures, relations, sections), including the two
transformations Argdown applies afterwards: relations going out of a reconstructed argument go
out of its main conclusion, undercuts of it undercut its last inference; and in strict mode a
support between statements is an entailment and an attack a contrary. ``@include(file)`` is
expanded as Argdown's command line does. A file Argdown's parser rejects is refused with a
positioned ``AM009 foreign-syntax`` finding, and so is a {data} block or front matter that is
not YAML key: value pairs (Argdown's data plugin throws on it).

`parse_argdown` maps that model onto argmap (docs/formats.md has the table):

* a statement (equivalence class) is a claim, id = its title slugified (``[Statement 1]`` →
  ``statement-1``; a title that is already a valid id is kept as it is); the title is kept in
  the tag ``argdown:[Statement 1]`` when it differs from the id;
* an argument with a premise-conclusion structure is a reason of its conclusion: each inference
  a reason whose premises (a linked group when several) are the statements above it, named after
  the argument (``<Argument 1>`` → reason id ``argument-1``, earlier inferences
  ``argument-1.1``, ``argument-1.2``...); its inference rules are the scheme, its description the
  note (after ``<Title>:`` when the title is not the id);
* an argument without one ("sketched") is a claim whose text is its description, tagged
  ``argdown:<Title>``, that supports and attacks what Argdown says it does;
* support/attack relations are reasons of their target; undercuts are ``undercut_by`` of the
  inference they attack; contrary and contradictory statements attack each other, the
  relation kept as the reasons' scheme (``contrary``, ``contradictory``; strict mode's
  entailments are supports with scheme ``entails``);
* tags are tags, headings become the tag ``group:Heading > Subheading``, the front matter's
  ``title`` the map's title; ``{argmap: {...}}`` data blocks (what `generate_argdown` writes)
  carry the argmap fields Argdown has no syntax for.

Whatever has no argmap counterpart is listed in the conversion report. `generate_argdown` writes
any map back so that Argdown's own parser accepts it and `parse_argdown` gives the same map.
"""

from __future__ import annotations

import contextlib
import gc
import json
import math
import os
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.constructor import SafeConstructor

from argmap.argument_map import ArgumentMap
from argmap.errors import MapLoadError
from argmap.findings import Finding
from argmap.formats import Conversion, ConversionReport, refuse_lone_surrogates
from argmap.model import ID_PATTERN, Claim, Evidence, MapConfig, Reason
from argmap.span import Span

NAME = "argdown"
SUFFIXES: tuple[str, ...] = (".argdown", ".ad", ".adown", ".argdn")

# --------------------------------------------------------------------------------------------
# Tokens

(
    FRONT_MATTER,
    DATA,
    ESCAPED,
    SPECIAL,
    EMPTYLINE,
    NEWLINE,
    INDENT,
    DEDENT,
    INFERENCE_START,
    INC_SUPPORT,
    INC_ATTACK,
    OUT_SUPPORT,
    OUT_ATTACK,
    CONTRADICTION,
    INC_UNDERCUT,
    OUT_UNDERCUT,
    HEADING,
    STATEMENT_NUMBER,
    OL_ITEM,
    UL_ITEM,
    AST_BOLD_END,
    US_BOLD_END,
    AST_ITALIC_END,
    US_ITALIC_END,
    AST_BOLD_START,
    US_BOLD_START,
    AST_ITALIC_START,
    US_ITALIC_START,
    LINK,
    TAG,
    STATEMENT_DEF,
    STATEMENT_REF,
    STATEMENT_MENTION,
    ARGUMENT_DEF,
    ARGUMENT_REF,
    ARGUMENT_MENTION,
    FREESTYLE,
    UNUSED,
    INFERENCE_END,
    LIST_DELIM,
    EOF,
) = range(41)

_DESCRIBE: dict[int, str] = {
    FRONT_MATTER: "front matter (===)",
    DATA: "a {data} block",
    EMPTYLINE: "an empty line",
    NEWLINE: "a line break",
    INDENT: "an indented line",
    DEDENT: "a less indented line",
    INFERENCE_START: "an inference line (--)",
    INC_SUPPORT: "the relation +>",
    INC_ATTACK: "the relation ->",
    OUT_SUPPORT: "the relation +",
    OUT_ATTACK: "the relation -",
    CONTRADICTION: "the relation ><",
    INC_UNDERCUT: "the relation _>",
    OUT_UNDERCUT: "the relation <_",
    HEADING: "a heading (#)",
    STATEMENT_NUMBER: "a numbered statement",
    OL_ITEM: "a list item (1.)",
    UL_ITEM: "a list item (*)",
    LINK: "a link",
    TAG: "a tag",
    STATEMENT_DEF: "a statement definition [Title]:",
    STATEMENT_REF: "a statement reference [Title]",
    ARGUMENT_DEF: "an argument definition <Title>:",
    ARGUMENT_REF: "an argument reference <Title>",
    INFERENCE_END: "the end of an inference line (--)",
    LIST_DELIM: "a comma",
    EOF: "the end of the file",
}
for _end in (AST_BOLD_END, US_BOLD_END, AST_ITALIC_END, US_ITALIC_END):
    _DESCRIBE[_end] = "the end of bold or italic text"
for _start in (AST_BOLD_START, US_BOLD_START, AST_ITALIC_START, US_ITALIC_START):
    _DESCRIBE[_start] = "the start of bold or italic text (* or _)"

RELATIONS = frozenset(
    {
        INC_SUPPORT,
        INC_ATTACK,
        OUT_SUPPORT,
        OUT_ATTACK,
        CONTRADICTION,
        INC_UNDERCUT,
        OUT_UNDERCUT,
    }
)
_TEXT = frozenset({FREESTYLE, UNUSED, ESCAPED, SPECIAL})
_RANGE_STARTS = {
    AST_BOLD_START: AST_BOLD_END,
    US_BOLD_START: US_BOLD_END,
    AST_ITALIC_START: AST_ITALIC_END,
    US_ITALIC_START: US_ITALIC_END,
}
CONTENT = frozenset(
    {
        *_TEXT,
        LINK,
        TAG,
        ARGUMENT_MENTION,
        STATEMENT_MENTION,
        NEWLINE,
        *_RANGE_STARTS,
    }
)
_STATEMENT_START = CONTENT | {STATEMENT_REF, STATEMENT_DEF}
_ARGUMENT_START = frozenset({ARGUMENT_DEF, ARGUMENT_REF})

_DOT = r"[^\n\r\u2028\u2029]"
_RE_FRONT_MATTER = re.compile(r"===+[\s\S]*?===+")
_RE_ESCAPED = re.compile(r"\\" + _DOT + r" *")
_RE_SPECIAL = re.compile(r"\.\S+?\.[ \t]?|:\S+?:[ \t]?")
_RE_EMPTYLINE = re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}")
_RE_NEWLINE = re.compile(r"[ \t]*(?:\r\n|\n|\r)")
_RE_INFERENCE_START = re.compile(r"[ \t]*--")
_RE_RELATION = re.compile(r"([ \t]*)(\+>|->|<?\+|<?-|><|_>|<_|_(?=\s))")
_RELATION_TYPES = {
    "+>": INC_SUPPORT,
    "->": INC_ATTACK,
    "+": OUT_SUPPORT,
    "<+": OUT_SUPPORT,
    "-": OUT_ATTACK,
    "<-": OUT_ATTACK,
    "><": CONTRADICTION,
    "_>": INC_UNDERCUT,
    "<_": OUT_UNDERCUT,
    "_": OUT_UNDERCUT,
}
_RE_HEADING = re.compile(r"#+ ")
_RE_STATEMENT_NUMBER = re.compile(r"[ \t]*\(([0-9]+)\)")
_RE_OL_ITEM = re.compile(r"([ \t]*)[0-9]+\.(?=\s)")
_RE_UL_ITEM = re.compile(r"([ \t]*)\*(?=\s)")
_END = r"(?:[ \t]|(?=[\n\r)}_.,!?;:\-*]|\Z))"
_RE_RANGE_ENDS = (
    (AST_BOLD_END, re.compile(r"\*\*" + _END)),
    (US_BOLD_END, re.compile(r"__" + _END)),
    (AST_ITALIC_END, re.compile(r"\*" + _END)),
    (US_ITALIC_END, re.compile(r"_" + _END)),
)
_RE_RANGE_STARTS = (
    (AST_BOLD_START, re.compile(r"\*\*(?!\s)")),
    (US_BOLD_START, re.compile(r"__(?!\s)")),
    (AST_ITALIC_START, re.compile(r"\*(?!\s)")),
    (US_ITALIC_START, re.compile(r"_(?!\s)")),
)
_TAG_CHARS = "a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
_RE_TAG = re.compile(r"#(?:\(([^)]+)\)|([" + _TAG_CHARS + r"]+))[ \t]?")
_RE_SPACES = re.compile(r"[ \t]+")
_RE_FREESTYLE = re.compile(r"[^\\@#*_\[\],.:</>(){}\r\n;\-]+")
_RE_UNUSED = re.compile(r"[@#*_\[\],.:</>(){};\-][ \t]?")
_RE_INFERENCE_END = re.compile(r"-{2,}")
_LINE_START_CHARS = frozenset(" \t-+<>_#(*0123456789")


MAX_NESTING = 100
"""Deepest nesting of relations read (Argdown has no limit; a real map needs a dozen)."""


class ArgdownSyntaxError(Exception):
    """Input Argdown's parser rejects: where (a character offset) and what was expected."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


@dataclass
class Tokens:
    """The tokens of one text: parallel lists of type, start and end offset."""

    text: str
    types: list[int]
    starts: list[int]
    ends: list[int]

    def image(self, index: int) -> str:
        return self.text[self.starts[index] : self.ends[index]]


class _Finder:
    """Where the next of some characters or strings is, for offsets that only grow.

    Argdown's tokens for references, comments and data end at the first closing mark after
    them; looking for it afresh at every opening mark makes a line of ``[[[[...`` quadratic.
    Asked with growing start offsets, each answer is found once: the whole text is read once.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, tuple[int, int]] = {}

    def next(self, needle: str, start: int) -> int:
        """The offset of the first ``needle`` at or after ``start``, or -1."""
        since, at = self.found.get(needle, (len(self.text) + 1, -1))
        if since <= start and (at == -1 or at >= start):
            return at
        at = self.text.find(needle, start)
        self.found[needle] = (start, at)
        return at

    def line_end(self, start: int) -> int:
        """Where the line ``start`` is on ends (JavaScript's ``.`` stops there)."""
        ends = [self.next(mark, start) for mark in "\n\r\u2028\u2029"]
        return min((end for end in ends if end >= 0), default=len(self.text))


class _DataEnds:
    """Where a {data} token starting at an offset ends: Argdown's Data pattern
    ``{((?!}\\s[^,}])(.|\\n))*}(?!\\s*(,|}))`` without its backtracking."""

    def __init__(self, text: str) -> None:
        self.stops: list[int] = []
        """Offsets a data body cannot pass: a ``}`` followed by a space and then neither ``,``
        nor ``}``, or a character JavaScript's ``.`` does not match (but ``\\n``)."""
        self.closings: list[int] = []
        """Offsets of the ``}`` that may end a data token: not followed by ``\\s*[,}]``."""
        for match in re.finditer(r"\}|[\r\u2028\u2029]", text):
            at = match.start()
            if match.group() != "}":
                self.stops.append(at)
                continue
            if re.match(r"\}\s[^,}]", text[at : at + 3]):
                self.stops.append(at)
            if not re.match(r"\s*[,}]", text[at + 1 : at + 1 + _lookahead(text, at + 1)]):
                self.closings.append(at)

    def end(self, start: int) -> int:
        """The end of the data token at ``start`` (a ``{``), or -1 if there is none."""
        index = bisect_right(self.stops, start)
        limit = self.stops[index] if index < len(self.stops) else None
        last = bisect_right(self.closings, limit if limit is not None else 1 << 62) - 1
        if last < 0 or self.closings[last] <= start:
            return -1
        closing = self.closings[last]
        if limit is not None and closing > limit:  # pragma: no cover - bisect keeps it <= limit
            return -1
        return closing + 1


def _lookahead(text: str, start: int) -> int:
    """How far ``\\s*[,}]`` can reach from ``start``: past the whitespace, one character."""
    end = start
    while end < len(text) and text[end].isspace():
        end += 1
    return end - start + 1


def tokenize(text: str) -> Tokens:
    """Split Argdown text into tokens as Argdown's lexer does (comments and spaces skipped).

    Indentation becomes INDENT/DEDENT tokens where a relation or list item starts a line; a
    trailing empty line is dropped. Raises `ArgdownSyntaxError` at a character no token matches
    (a backslash at the end of a line). Linear in the length of the text.

    >>> tokens = tokenize("[A]: Tea.\\n  + Coffee.")
    >>> [tokens.image(i) for i in range(len(tokens.types))]
    ['[A]:', 'Tea', '.', '\\n', '', '  +', 'Coffee', '.', '']
    """
    types: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    indents = [0]
    ranges: list[int] = []
    skipped = False  # whether a comment or spaces were skipped since the last token
    inference = False
    length = len(text)
    finder = _Finder(text)
    data_ends = _DataEnds(text) if "{" in text else None
    pos = 0

    def emit(kind: int, start: int, end: int) -> None:
        types.append(kind)
        starts.append(start)
        ends.append(end)

    def indent_or_dedent(width: int, at: int) -> None:
        if width > indents[-1]:
            indents.append(width)
            emit(INDENT, at, at)
        else:
            while len(indents) > 1 and width < indents[-1]:
                indents.pop()
                emit(DEDENT, at, at)

    def remaining_dedents(at: int) -> None:
        while len(indents) > 1:
            indents.pop()
            emit(DEDENT, at, at)

    def trailing_space(end: int) -> int:
        return end + 1 if end < length and text[end] in " \t" else end

    while pos < length:
        last = types[-1] if types else -1
        char = text[pos]
        end = -1
        if char in "</":
            end = _comment_end(text, pos, finder)
            if end >= 0:
                trailing = (
                    _RE_AFTER_COMMENT_EMPTYLINE
                    if last == EMPTYLINE
                    else _RE_AFTER_COMMENT_NEWLINE
                    if last == NEWLINE
                    else None
                )
                if trailing is not None:
                    match = trailing.match(text, end)
                    end = match.end() if match else end
                pos = end
                skipped = True
                continue
        if char == "{" and data_ends is not None:
            end = data_ends.end(pos)
            if end >= 0:
                emit(DATA, pos, end)
                pos = end
                skipped = False
                continue
        match = None
        if inference:
            match = _RE_NEWLINE.match(text, pos) if char in " \t\r\n" else None
            if match:
                emit(NEWLINE, pos, match.end())
            elif char == "\\" and (match := _RE_ESCAPED.match(text, pos)):
                emit(ESCAPED, pos, match.end())
            elif char in ".:" and (match := _RE_SPECIAL.match(text, pos)):
                emit(SPECIAL, pos, match.end())
            elif char == "-" and (match := _RE_INFERENCE_END.match(text, pos)):
                emit(INFERENCE_END, pos, match.end())
                inference = False
            elif char == ",":
                emit(LIST_DELIM, pos, pos + 1)
                pos += 1
                skipped = False
                continue
            elif char in " \t" and (match := _RE_SPACES.match(text, pos)):
                pos = match.end()
                skipped = True
                continue
            elif match := _RE_FREESTYLE.match(text, pos):
                emit(FREESTYLE, pos, match.end())
            elif match := _RE_UNUSED.match(text, pos):
                emit(UNUSED, pos, match.end())
            else:
                raise ArgdownSyntaxError(pos, _unlexable(char))
            pos = match.end()
            skipped = False
            continue
        kind = -1
        if char == "=" and (match := _RE_FRONT_MATTER.match(text, pos)):
            kind, end = FRONT_MATTER, match.end()
        elif char == "\\":
            match = _RE_ESCAPED.match(text, pos)
            if not match:
                raise ArgdownSyntaxError(pos, _unlexable(char))
            kind, end = ESCAPED, match.end()
        elif char in ".:" and (match := _RE_SPECIAL.match(text, pos)):
            kind, end = SPECIAL, match.end()
        elif char in " \t\r\n" and last != EMPTYLINE and (match := _RE_EMPTYLINE.match(text, pos)):
            if match.end() < length:
                remaining_dedents(pos)
            kind, end = EMPTYLINE, match.end()
        elif char in " \t\r\n" and (match := _RE_NEWLINE.match(text, pos)):
            kind, end = NEWLINE, match.end()
        elif (
            char in _LINE_START_CHARS
            and (last in (NEWLINE, EMPTYLINE) or not types)
            and (match := _line_start(text, pos, last, emit, indent_or_dedent, remaining_dedents))
        ):
            if types[-1] == INFERENCE_START:
                inference = True
            pos = match.end()
            skipped = False
            continue
        elif char in "*_" and (found := _range_token(text, pos, ranges, bool(types), skipped)):
            kind, end = found
        elif char == "[":
            kind, end = _bracket(text, pos, finder)
        elif char == "#" and (match := _RE_TAG_WORD.match(text, pos)):
            kind, end = TAG, match.end()
        elif char == "#" and text.startswith("#(", pos):
            closing = finder.next(")", pos + 2)
            if closing > pos + 2:  # #(...) with at least one character inside
                kind, end = TAG, trailing_space(closing + 1)
        elif char == "@":
            kind, end = _mention(text, pos, finder)
        elif char == "<":
            kind, end = _angle(text, pos, finder)
        if kind < 0:
            if char in " \t" and (match := _RE_SPACES.match(text, pos)):
                pos = match.end()
                skipped = True
                continue
            if match := _RE_FREESTYLE.match(text, pos):
                kind, end = FREESTYLE, match.end()
            elif match := _RE_UNUSED.match(text, pos):
                kind, end = UNUSED, match.end()
            else:  # pragma: no cover - every other character is Freestyle or UnusedControlChar
                raise ArgdownSyntaxError(pos, _unlexable(char))
        emit(kind, pos, end)
        pos = end
        skipped = False
    if types and types[-1] == EMPTYLINE:
        for column in (types, starts, ends):
            column.pop()
    remaining_dedents(length)
    return Tokens(text, types, starts, ends)


_RE_AFTER_COMMENT_EMPTYLINE = re.compile(r"(?:[ \t]*\r\n|\n|\r)*")
_RE_AFTER_COMMENT_NEWLINE = re.compile(r"[ \t]*(?:\r\n|\n|\r)(?![ \t]*(?:\r\n|\n|\r))")
_RE_TAG_WORD = re.compile(r"#[" + _TAG_CHARS + r"]+[ \t]?")


def _comment_end(text: str, pos: int, finder: _Finder) -> int:
    """The end of a comment (``<!-- -->``, ``/* */``, ``// ...``) at ``pos``, or -1."""
    if text.startswith("<!--", pos):
        end = finder.next("-->", pos + 4)
        return end + 3 if end >= 0 else -1
    if text.startswith("/*", pos):
        end = finder.next("*/", pos + 2)
        return end + 2 if end >= 0 else -1
    if text.startswith("//", pos):
        end = finder.line_end(pos + 2)
        # A // comment needs a line break after it: at the end of the file it is text.
        return end if end < len(text) and text[end] in "\r\n" else -1
    return -1


def _bracket(text: str, pos: int, finder: _Finder) -> tuple[int, int]:
    """A link, statement definition or statement reference at a ``[``: (kind, end) or (-1, -1)."""
    first = finder.next("]", pos + 1)
    if first > pos + 1 and text.startswith("](", first):  # [text](url), neither empty
        parenthesis = finder.next(")", first + 2)
        if parenthesis > first + 2:
            end = parenthesis + 1
            return LINK, end + 1 if end < len(text) and text[end] in " \t" else end
    closing = first if first > pos + 1 else finder.next("]", pos + 2)
    if closing < 0:
        return -1, -1
    line_end = finder.line_end(pos)
    definition = finder.next("]:", pos + 2)
    if 0 <= definition < line_end:
        return STATEMENT_DEF, definition + 2
    if closing < line_end and text[pos + 1] != "-":
        return STATEMENT_REF, closing + 1
    return -1, -1


def _angle(text: str, pos: int, finder: _Finder) -> tuple[int, int]:
    """An argument definition or reference at a ``<``: (kind, end) or (-1, -1)."""
    line_end = finder.line_end(pos)
    definition = finder.next(">:", pos + 2)
    if 0 <= definition < line_end:
        return ARGUMENT_DEF, definition + 2
    closing = finder.next(">", pos + 2)
    if 0 <= closing < line_end and text[pos + 1] != "-":
        return ARGUMENT_REF, closing + 1
    return -1, -1


def _mention(text: str, pos: int, finder: _Finder) -> tuple[int, int]:
    """``@[Title]`` or ``@<Title>`` at an ``@``: (kind, end) or (-1, -1)."""
    pair = text[pos + 1 : pos + 2]
    if pair not in ("[", "<"):
        return -1, -1
    closing = finder.next("]" if pair == "[" else ">", pos + 3)
    if closing < 0 or closing >= finder.line_end(pos):
        return -1, -1
    end = closing + 1
    end = end + 1 if end < len(text) and text[end] in " \t" else end
    return (STATEMENT_MENTION if pair == "[" else ARGUMENT_MENTION), end


def _unlexable(char: str) -> str:
    if char == "\\":
        return (
            "a backslash at the end of a line escapes nothing; expected a character after it "
            "(write \\\\ for a backslash)"
        )
    return f"unexpected character {char!r}"  # pragma: no cover


def _line_start(
    text: str,
    pos: int,
    last: int,
    emit: Any,
    indent_or_dedent: Any,
    remaining_dedents: Any,
) -> re.Match[str] | None:
    """The tokens that only count at the start of a line (after a line break or empty line)."""
    if last != EMPTYLINE:
        match = _RE_INFERENCE_START.match(text, pos)
        if match:
            remaining_dedents(pos)
            emit(INFERENCE_START, pos, match.end())
            return match
    match = _RE_RELATION.match(text, pos)
    if match:
        indent_or_dedent(len(match.group(1)), pos)
        emit(_RELATION_TYPES[match.group(2)], pos, match.end())
        return match
    if text[pos] == "#":
        match = _RE_HEADING.match(text, pos)
        if match:
            emit(HEADING, pos, match.end())
        return match
    match = _RE_STATEMENT_NUMBER.match(text, pos)
    if match:
        remaining_dedents(pos)
        emit(STATEMENT_NUMBER, pos, match.end())
        return match
    for kind, pattern in ((OL_ITEM, _RE_OL_ITEM), (UL_ITEM, _RE_UL_ITEM)):
        match = pattern.match(text, pos)
        if match:
            indent_or_dedent(len(match.group(1)) + 1, pos)
            emit(kind, pos, match.end())
            return match
    return None


def _range_token(
    text: str, pos: int, ranges: list[int], any_token: bool, skipped: bool
) -> tuple[int, int] | None:
    """A bold or italic end or start at ``pos`` (type and end offset), kept on ``ranges``.

    An end counts only for the range opened last, and only right after a token: not after
    skipped spaces or a comment.
    """
    if ranges and any_token and not skipped:
        for kind, pattern in _RE_RANGE_ENDS:
            if kind == ranges[-1]:
                match = pattern.match(text, pos)
                if match:
                    ranges.pop()
                    return kind, match.end()
                break
    for kind, pattern in _RE_RANGE_STARTS:
        match = pattern.match(text, pos)
        if match:
            ranges.append(_RANGE_STARTS[kind])
            return kind, match.end()
    return None


# --------------------------------------------------------------------------------------------
# The model Argdown builds from the tokens (argdown-core's ModelPlugin)

SUPPORT = "support"
ATTACK = "attack"
UNDERCUT = "undercut"
CONTRADICTORY = "contradictory"
CONTRARY = "contrary"
ENTAILS = "entails"

_RELATION_KIND = {
    INC_SUPPORT: SUPPORT,
    OUT_SUPPORT: SUPPORT,
    INC_ATTACK: ATTACK,
    OUT_ATTACK: ATTACK,
    CONTRADICTION: CONTRADICTORY,
    INC_UNDERCUT: UNDERCUT,
    OUT_UNDERCUT: UNDERCUT,
}
_OUTGOING_FROM_PARENT = frozenset({INC_SUPPORT, INC_ATTACK, CONTRADICTION, INC_UNDERCUT})
"""Relations whose symbol points away from the statement they are written under (``+>``...)."""

_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")


def _normalize(text: str) -> str:
    """Runs of spaces, tabs and line breaks as one space, none at either end."""
    return _WHITESPACE.sub(" ", text).strip(" ")


@dataclass(eq=False)
class Section:
    """A heading and what follows it, up to the next heading of the same or a higher level."""

    level: int
    title: str
    offset: int
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def is_group(self) -> bool:
        return self.data.get("isGroup") is not False

    @property
    def path(self) -> list[str]:
        titles = []
        section: Section | None = self
        while section is not None:
            titles.append(section.title)
            section = section.parent
        return titles[::-1]


@dataclass(eq=False)
class Statement:
    """One occurrence of a statement (a member of its equivalence class) or argument description."""

    role: str
    offset: int
    title: str | None = None
    text: str = ""
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] | None = None
    data_offset: int | None = None
    is_reference: bool = False
    section: Section | None = None


@dataclass(eq=False)
class EquivalenceClass:
    """The statements that share a title: Argdown treats them as one."""

    title: str
    members: list[Statement] = field(default_factory=list)
    section: Section | None = None
    data: dict[str, Any] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)


@dataclass(eq=False)
class PcsStatement:
    """A numbered statement of a premise-conclusion structure."""

    number: int
    statement: Statement
    ec: EquivalenceClass
    inference: Inference | None = None
    """The inference this statement is the conclusion of (None for a premise)."""


@dataclass(eq=False)
class Inference:
    """An inference line (``--`` ... ``--``) and the conclusion under it."""

    argument: Argument
    offset: int
    index: int
    rules: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    data_offset: int | None = None
    conclusion: PcsStatement | None = None

    @property
    def title(self) -> str:
        return self.argument.title


@dataclass(eq=False)
class Argument:
    """An argument: its descriptions and, when reconstructed, its premise-conclusion structure."""

    title: str
    members: list[Statement] = field(default_factory=list)
    pcs: list[PcsStatement] = field(default_factory=list)
    inferences: list[Inference] = field(default_factory=list)
    section: Section | None = None
    data: dict[str, Any] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    pcs_offset: int | None = None
    replaced_pcs: int = 0


Node = EquivalenceClass | Argument | Inference


@dataclass(eq=False)
class Relation:
    """``source`` supports/attacks/undercuts... ``target``; where each occurrence was written.

    An occurrence is (offset of the relation symbol, the node it was written under).
    """

    kind: str
    source: Node
    target: Node
    occurrences: list[tuple[int, Node]]
    moved_from: Argument | None = None
    """The reconstructed argument this relation went out of before Argdown moved it to the
    argument's main conclusion."""


@dataclass
class Document:
    """What Argdown's model holds for one text, as `argdown json` exports it."""

    text: str
    statements: dict[str, EquivalenceClass]
    arguments: dict[str, Argument]
    relations: list[Relation]
    sections: list[Section]
    front_matter: dict[str, Any]
    front_matter_offset: int
    mode: str
    line_starts: list[int]
    notes: list[str] = field(default_factory=list)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of a character offset."""
        return _position(self.line_starts, offset)


_BREAK = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in _BREAK.finditer(text))]


def _position(line_starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect_right(line_starts, offset)
    return line, offset - line_starts[line - 1] + 1


class _Text:
    """The text of a statement, description or heading as its tokens come in."""

    __slots__ = ("pieces", "tag_pieces", "tags")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.tag_pieces: set[int] = set()
        self.tags: list[str] = []

    def add_tag(self, image: str, name: str) -> None:
        self.tag_pieces.add(len(self.pieces))
        self.pieces.append(image)
        if name not in self.tags:
            self.tags.append(name)

    def finish(self) -> str:
        """The text, normalized, without the tags that end it (they are the statement's tags)."""
        pieces = self.pieces
        end = len(pieces)
        while end and (end - 1 in self.tag_pieces or not pieces[end - 1].strip()):
            end -= 1
        kept = pieces[:end] + [
            p for k, p in enumerate(pieces[end:], end) if k not in self.tag_pieces
        ]
        return _normalize("".join(kept))


def _merge(into: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``new`` into ``into`` (lodash's ``merge``: later values win)."""
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value
    return into


_BLOCK_DATA_START = re.compile(r"\{[ \t]*(?:\n\r|\n)")
_BLOCK_DATA_END = re.compile(r"\}\s*\Z")
_FRONT_MATTER_START = re.compile(r"\A\s*={3,}")
_FRONT_MATTER_END = re.compile(r"={3,}\s*\Z")


_SLOW = object()
_NOT_FAST = re.compile(r"[&*!%@`|<]")
"""Anchors, aliases, tags, directives, reserved indicators, block scalars, merge keys: YAML that
`argmap.yamlread.parse_yaml` reads with its limits, not the fast path."""


_FLOW_TOKEN = re.compile(
    r"""\s*(?:([{}\[\],])|(:)(?=\s)|("(?:[^"\\\n]|\\.)*")"""
    r"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)(?=\s*[,}\]])"
    r"|([A-Za-z_][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*)(?=\s*[:,}\]]))"
)
_FLOW_WORDS: dict[str, Any] = {"true": True, "false": False, "null": None}
_YAML_SPECIAL_WORDS = frozenset(
    {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf"}
)


def _flow_data(text: str) -> Any:
    """One line of the flow YAML `_flow` writes, read without a YAML parser; `_SLOW` for
    anything else (then YAML reads it)."""
    tokens = _FLOW_TOKEN.findall(text.rstrip())
    if "".join("".join(t) for t in tokens).replace(" ", "") != text.replace(" ", "").strip():
        return _SLOW
    value, index = _flow_value(tokens, 0, 0)
    return value if index == len(tokens) else _SLOW


def _flow_string(quoted: str) -> Any:
    """A double-quoted flow string's value, or `_SLOW` when YAML may read it otherwise (its
    escapes differ from JSON's for surrogates) or not at all (a raw control character)."""
    if re.search(r"\\u[dD][89a-fA-F]", quoted):
        return _SLOW
    try:
        return json.loads(quoted)
    except ValueError:
        return _SLOW


def _flow_value(tokens: list[tuple[str, ...]], index: int, depth: int) -> tuple[Any, int]:
    if index >= len(tokens) or depth > 32:
        return _SLOW, index
    mark, _, quoted, number, word = tokens[index]
    if quoted:
        string = _flow_string(quoted)
        return (_SLOW, index) if string is _SLOW else (string, index + 1)
    if number:
        if len(number) > 4000:  # int() refuses it: the careful reader makes it text
            return _SLOW, index
        return (float(number) if "." in number else int(number)), index + 1
    if word:
        if word in _FLOW_WORDS:
            return _FLOW_WORDS[word], index + 1
        if word.lower() in _YAML_SPECIAL_WORDS:
            return _SLOW, index
        return word, index + 1
    closing = {"{": "}", "[": "]"}.get(mark)
    if closing is None:
        return _SLOW, index
    index += 1
    items: list[Any] = []
    mapping: dict[str, Any] = {}
    while index < len(tokens) and tokens[index][0] != closing:
        if items or mapping:
            if tokens[index][0] != ",":
                return _SLOW, index
            index += 1
        if closing == "]":
            item, index = _flow_value(tokens, index, depth + 1)
            if item is _SLOW:
                return _SLOW, index
            items.append(item)
            continue
        key = tokens[index][4] or tokens[index][2]
        if not key or index + 1 >= len(tokens) or tokens[index + 1][1] != ":":
            return _SLOW, index
        key = _flow_string(key) if key.startswith('"') else key
        if key is _SLOW or key in mapping or key.lower() in _YAML_SPECIAL_WORDS:
            return _SLOW, index
        item, index = _flow_value(tokens, index + 2, depth + 1)
        if item is _SLOW:
            return _SLOW, index
        mapping[key] = item
    if index >= len(tokens):
        return _SLOW, index
    return (items if closing == "]" else mapping), index + 1


def _fast_yaml(text: str) -> Any:
    """Small, plain YAML (what {data} blocks hold) read by libyaml's composer: the same values
    `argmap.yamlread.parse_yaml` gives, or `_SLOW` when it would need that careful reader (or
    would report a problem, which it then positions)."""

    if "\n" not in text:
        value = _flow_data(text)
        if value is not _SLOW:
            return value
    if len(text) > 4000 or _NOT_FAST.search(text) or text.count("{") + text.count("[") > 32:
        return _SLOW
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return _SLOW
    return _SLOW if node is None and text.strip() else _construct(node)


def _construct(node: Any) -> Any:

    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        tag = node.tag.rsplit(":", 1)[-1]
        if tag in ("str", "timestamp"):
            return node.value
        if tag == "null":
            return None
        if tag == "bool":
            return _CONSTRUCTOR.construct_yaml_bool(node)
        if tag == "int":
            try:
                return _CONSTRUCTOR.construct_yaml_int(node)
            except ValueError:  # thousands of digits: the careful reader makes it text
                return _SLOW
        if tag == "float":
            return _CONSTRUCTOR.construct_yaml_float(node)
        return _SLOW
    if isinstance(node, yaml.SequenceNode) and node.tag.endswith(":seq"):
        items = [_construct(item) for item in node.value]
        return _SLOW if any(item is _SLOW for item in items) else items
    if isinstance(node, yaml.MappingNode) and node.tag.endswith(":map"):
        mapping: dict[str, Any] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.value in mapping:
                return _SLOW  # a key that is no text, or a duplicate key
            item = _construct(value)
            if item is _SLOW:
                return _SLOW
            mapping[key.value] = item
        return mapping
    return _SLOW


try:  # libyaml's composer; the pure-Python one gives the same nodes
    from yaml import CSafeLoader as _LOADER
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _LOADER  # type: ignore[assignment]

_CONSTRUCTOR = SafeConstructor()


def _yaml_data(text: str, base: int, what: str) -> Any:
    """YAML ``text`` (found at offset ``base``) as plain data, or `ArgdownSyntaxError`."""
    from argmap.yamlread import YamlProblem, parse_yaml

    value = _fast_yaml(text)
    if value is not _SLOW:
        return value

    try:
        parsed = parse_yaml(text, "data")
        problem = parsed.problems[0] if parsed.problems else None
    except YamlProblem as error:
        problem = error
        parsed = None
    if problem is not None:
        starts = _line_starts(text)
        line = min(problem.span.line, len(starts))
        offset = base + min(starts[line - 1] + problem.span.column - 1, len(text))
        message = problem.message.replace("YAML syntax error: ", "")
        raise ArgdownSyntaxError(offset, f"{what} is not valid YAML: {message}")
    assert parsed is not None
    return parsed.documents[0] if parsed.documents else None


class _Parser:
    """Argdown's grammar (argdown-core's parser.ts) with the ModelPlugin's actions embedded."""

    def __init__(self, tokens: Tokens) -> None:
        self.text = tokens.text
        self.types = [*tokens.types, EOF]
        self.starts = [*tokens.starts, len(tokens.text)]
        self.ends = [*tokens.ends, len(tokens.text)]
        self.i = 0
        self.statements: dict[str, EquivalenceClass] = {}
        self.arguments: dict[str, Argument] = {}
        self.relations: list[Relation] = []
        self.index: dict[tuple[int, int, str], Relation] = {}
        self.sections: list[Section] = []
        self.section: Section | None = None
        self.front_matter: dict[str, Any] = {}
        self.front_matter_offset = 0
        self.untitled = 0
        self.inference: Inference | None = None
        """The inference read last (Argdown's ``currentInference``)."""
        self.in_pcs = False
        self.depth = 0
        self.notes: list[str] = []

    # -- helpers

    def image(self, index: int) -> str:
        return self.text[self.starts[index] : self.ends[index]]

    def fail(self, expected: str, index: int | None = None) -> ArgdownSyntaxError:
        index = self.i if index is None else index
        if self.types[index] == INDENT and self.types[index + 1] in RELATIONS:
            index += 1  # an indented relation: name the relation
        kind = self.types[index]
        if kind in _DESCRIBE:
            found = _DESCRIBE[kind]
        else:
            image = _normalize(self.image(index))
            found = f"the text {image[:30]!r}" if image else "text"
        return ArgdownSyntaxError(self.starts[index], f"{found} here; expected {expected}")

    def untitled_title(self) -> str:
        self.untitled += 1
        return f"Untitled {self.untitled}"

    def ec(self, title: str) -> EquivalenceClass:
        ec = self.statements.get(title)
        if ec is None:
            ec = self.statements[title] = EquivalenceClass(title)
        return ec

    def argument_node(self, title: str) -> Argument:
        argument = self.arguments.get(title)
        if argument is None:
            argument = self.arguments[title] = Argument(title)
        return argument

    def data(self, index: int) -> dict[str, Any]:
        image = self.image(index)
        base = self.starts[index]
        block = _BLOCK_DATA_START.match(image)
        if block:
            body = _BLOCK_DATA_END.sub("", image[block.end() :])
            base += block.end()
        else:
            body = image
        value = _yaml_data(body, base, "the {data} block")
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ArgdownSyntaxError(
                self.starts[index],
                "a {data} block holds key: value pairs; expected a mapping such as {key: value}",
            )
        return value

    # -- the grammar

    def parse(self) -> None:
        types = self.types
        if types[self.i] == NEWLINE:
            self.i += 1
        if types[self.i] == EMPTYLINE:
            self.i += 1
        previous: Argument | None = None
        if types[self.i] == FRONT_MATTER:
            self.read_front_matter(self.i)
            self.i += 1
            if types[self.i] == NEWLINE:
                self.i += 1
            if types[self.i] != EMPTYLINE:
                if types[self.i] == EOF:
                    raise self.fail("an empty line and then a statement, argument or heading")
                raise self.fail("an empty line after the front matter's closing ===")
            self.i += 1
        while True:
            start = self.i
            previous = self.element(previous)
            if types[self.i] == EOF:
                return
            if types[self.i] != EMPTYLINE:
                raise self.fail(self.separator_expected(start))
            self.i += 1

    def separator_expected(self, start: int) -> str:
        kind = self.types[self.i]
        types = self.types
        if kind in (INDENT, DEDENT) or (kind in RELATIONS and types[self.i - 1] != NEWLINE):
            return "relations indented consistently below the statement or argument they belong to"
        if types[start] in (STATEMENT_REF, ARGUMENT_REF) and kind in _STATEMENT_START:
            return (
                "nothing but tags, a {data} block or indented relations after a reference; "
                "to give the statement or argument its text write [Title]: text or <Title>: text"
            )
        if kind == STATEMENT_NUMBER:
            return "an empty line before a premise-conclusion structure"
        return "an empty line before the next statement, argument or heading"

    def read_front_matter(self, index: int) -> None:
        self.front_matter_offset = self.starts[index]
        image = self.image(index)
        start = _FRONT_MATTER_START.match(image)
        body = _FRONT_MATTER_END.sub("", image[start.end() if start else 0 :])
        value = _yaml_data(
            body, self.starts[index] + (start.end() if start else 0), "the front matter"
        )
        if value is None:
            return
        if not isinstance(value, dict):
            raise ArgdownSyntaxError(
                self.starts[index], "the front matter holds settings; expected key: value pairs"
            )
        self.front_matter = value

    def element(self, previous: Argument | None) -> Argument | None:
        kind = self.types[self.i]
        if kind == HEADING:
            self.heading()
        elif kind == STATEMENT_NUMBER:
            self.pcs(previous)
        elif kind in _ARGUMENT_START:
            return self.argument("top-level")
        elif kind == INDENT and self.types[self.i + 1] in (OL_ITEM, UL_ITEM):
            self.list_items(self.types[self.i + 1])
        elif kind in _STATEMENT_START:
            self.statement("top-level")
        elif kind in RELATIONS or (kind == INDENT and self.types[self.i + 1] in RELATIONS):
            raise self.fail(
                "a statement, argument or heading: a relation belongs directly below the "
                "statement or argument it relates to, with no empty line in between"
            )
        else:
            raise self.fail("a statement, argument, heading or numbered premise")
        return None

    def content(self, into: _Text) -> None:
        """statementContent: text, links, tags, mentions, bold and italic, line breaks."""
        types = self.types
        starts = self.starts
        ends = self.ends
        text = self.text
        pieces = into.pieces
        opened: list[int] = []  # the bold and italic ranges open here, innermost last
        start = i = self.i
        while True:
            kind = types[i]
            if kind in _TEXT:
                pieces.append(text[starts[i] + (kind == ESCAPED) : ends[i]])
            elif kind == NEWLINE:
                pieces.append(" ")
            elif kind == TAG:
                image = text[starts[i] : ends[i]]
                match = _RE_TAG.match(image)
                assert match is not None
                into.add_tag(image, match.group(1) or match.group(2))
            elif kind in (LINK, STATEMENT_MENTION, ARGUMENT_MENTION):
                pieces.append(text[starts[i] : ends[i]])
            elif kind in _RANGE_STARTS:
                opened.append(i)
                pieces.append(text[starts[i] : ends[i]])
            elif opened and kind == _RANGE_STARTS[types[opened[-1]]]:
                opened.pop()
                pieces.append(text[starts[i] : ends[i]])
            else:
                break
            i += 1
        if opened:
            marker = self.image(opened[-1])
            raise ArgdownSyntaxError(
                starts[opened[-1]],
                f"bold or italic text opened with {marker!r} is not closed; expected a "
                f"closing {marker!r} directly after the text (write \\{marker[0]} for a "
                "literal character)",
            )
        if i == start:
            raise self.fail("text")
        self.i = i

    def heading(self) -> None:
        types = self.types
        offset = self.starts[self.i]
        level = len(self.image(self.i).strip())
        self.i += 1
        collected = _Text()
        self.content(collected)
        data: dict[str, Any] = {}
        if types[self.i] == DATA:
            data = self.data(self.i)
            self.i += 1
            if types[self.i] == NEWLINE:
                self.i += 1
        section = Section(level, collected.finish(), offset, tags=collected.tags, data=data)
        previous = self.section
        while previous is not None and previous.level >= level:
            previous = previous.parent
        if previous is not None:
            previous.children.append(section)
            section.parent = previous
        else:
            self.sections.append(section)
        self.section = section

    def statement(self, role: str) -> tuple[Statement, EquivalenceClass]:
        types = self.types
        statement = Statement(role, self.starts[self.i])
        kind = types[self.i]
        if kind == STATEMENT_REF:
            statement.title = self.image(self.i)[1:-1]
            statement.is_reference = True
            self.i += 1
            self.reference_tags(statement)
        else:
            collected = _Text()
            if kind == STATEMENT_DEF:
                statement.title = self.image(self.i)[1:-2]
                self.i += 1
                self.content(collected)
            elif kind in CONTENT:
                self.content(collected)
            else:
                raise self.fail("a statement")
            statement.text = collected.finish()
            statement.tags = collected.tags
        self.statement_data(statement)
        if types[self.i] == INDENT and types[self.i + 1] in RELATIONS:
            if statement.title is None:
                statement.title = self.untitled_title()
            self.relation_block(self.ec(statement.title))
        statement.section = self.section
        if not statement.title:
            statement.title = self.untitled_title()
        ec = self.ec(statement.title)
        ec.members.append(statement)
        for tag in statement.tags:
            if tag not in ec.tags:
                ec.tags.append(tag)
        if statement.data:
            _merge(ec.data, statement.data)
        if self.takes_section(statement, ec.section is None):
            ec.section = statement.section
        return statement, ec

    def reference_tags(self, statement: Statement) -> None:
        types = self.types
        while types[self.i] == TAG:
            match = _RE_TAG.match(self.image(self.i))
            assert match is not None
            name = match.group(1) or match.group(2)
            if name not in statement.tags:
                statement.tags.append(name)
            self.i += 1
        if types[self.i] == NEWLINE:
            self.i += 1

    def statement_data(self, statement: Statement) -> None:
        if self.types[self.i] == DATA:
            statement.data = self.data(self.i)
            statement.data_offset = self.starts[self.i]
            self.i += 1
            if self.types[self.i] == NEWLINE:
                self.i += 1

    @staticmethod
    def takes_section(statement: Statement, unset: bool) -> bool:
        in_group = statement.data.get("isInGroup") if statement.data else None
        takes = in_group is True or (not statement.is_reference and in_group is None and unset)
        return bool(takes and statement.section is not None and statement.section.is_group)

    def argument(self, role: str) -> Argument:
        types = self.types
        description = Statement("argument-description", self.starts[self.i])
        description.section = self.section
        kind = types[self.i]
        if kind == ARGUMENT_DEF:
            title = self.image(self.i)[1:-2]
            self.i += 1
            collected = _Text()
            self.content(collected)
            description.text = collected.finish()
            description.tags = collected.tags
        else:
            title = self.image(self.i)[1:-1]
            description.is_reference = True
            self.i += 1
            self.reference_tags(description)
        description.title = title
        self.statement_data(description)
        if types[self.i] == INDENT and types[self.i + 1] in RELATIONS:
            self.relation_block(self.argument_node(title))
        argument = self.argument_node(title)
        argument.members.append(description)
        for tag in description.tags:
            if tag not in argument.tags:
                argument.tags.append(tag)
        if description.data:
            _merge(argument.data, description.data)
        if self.takes_section(description, argument.section is None):
            argument.section = description.section
        return argument

    def relation_block(self, parent: Node) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ArgdownSyntaxError(
                self.starts[self.i],
                f"relations nest more than {MAX_NESTING} levels deep here; expected at most "
                f"{MAX_NESTING}",
            )
        self.i += 1  # INDENT
        while self.types[self.i] in RELATIONS:
            self.relation(parent)
        if self.types[self.i] != DEDENT:
            raise self.fail("another relation at the same indentation, or the end of the relations")
        self.i += 1
        self.depth -= 1

    def relation(self, parent: Node) -> None:
        symbol = self.types[self.i]
        offset = self.starts[self.i]
        self.i += 1
        kind = self.types[self.i]
        child: Node
        if kind in _ARGUMENT_START:
            if symbol == CONTRADICTION:
                raise self.fail("a statement: >< (contradiction) relates two statements")
            child = self.argument("relation")
        elif kind in _STATEMENT_START:
            child = self.statement("relation")[1]
        else:
            raise self.fail("a statement or an argument after the relation symbol")
        if (
            symbol == OUT_UNDERCUT
            and isinstance(parent, EquivalenceClass)
            and self.inference is not None
        ):
            # Argdown: below a statement, <_ undercuts the inference read last, if any.
            if not self.in_pcs:
                self.notes.append(
                    f"the undercut (<_) below [{parent.title}] undercuts the last inference "
                    f"read before it, <{self.inference.title}>'s, as Argdown reads it"
                )
            parent = self.inference
        if symbol in _OUTGOING_FROM_PARENT:
            self.add_relation(_RELATION_KIND[symbol], parent, child, offset, parent)
        else:
            self.add_relation(_RELATION_KIND[symbol], child, parent, offset, parent)

    def add_relation(self, kind: str, source: Node, target: Node, offset: int, under: Node) -> None:
        key = (id(source), id(target), kind)
        relation = self.index.get(key)
        if relation is None and kind == CONTRADICTORY:
            relation = self.index.get((id(target), id(source), kind))
        if relation is not None:
            relation.occurrences.append((offset, under))
            return
        relation = Relation(kind, source, target, [(offset, under)])
        self.index[key] = relation
        self.relations.append(relation)

    def pcs(self, previous: Argument | None) -> None:
        types = self.types
        argument = previous if previous is not None else self.argument_node(self.untitled_title())
        if argument.pcs:
            argument.replaced_pcs += 1
        argument.pcs = []
        argument.inferences = []
        argument.pcs_offset = self.starts[self.i]
        if self.section is not None and self.section.is_group:
            argument.section = self.section
        self.in_pcs = True
        self.pcs_statement(argument, None)
        tails = 0
        while tails == 0 or types[self.i] in (STATEMENT_NUMBER, INFERENCE_START):
            while types[self.i] == STATEMENT_NUMBER:
                self.pcs_statement(argument, None)
            if types[self.i] != INFERENCE_START:
                raise self.fail(
                    "an inference line (-- or ----) and a conclusion: a premise-conclusion "
                    "structure ends with a conclusion"
                )
            inference = self.inference_line(argument)
            if types[self.i] != STATEMENT_NUMBER:
                raise self.fail("the conclusion, a numbered statement such as (2)")
            self.pcs_statement(argument, inference)
            tails += 1
        self.in_pcs = False

    def pcs_statement(self, argument: Argument, inference: Inference | None) -> None:
        match = _RE_STATEMENT_NUMBER.match(self.image(self.i))
        assert match is not None
        if len(match.group(1)) > 18:  # int() refuses more than 4,300 digits; none needs 19
            raise self.fail("a statement number of at most 18 digits, such as (2)")
        self.i += 1
        statement, ec = self.statement("pcs")
        entry = PcsStatement(int(match.group(1)), statement, ec, inference)
        argument.pcs.append(entry)
        if inference is not None:
            inference.conclusion = entry

    def inference_line(self, argument: Argument) -> Inference:
        types = self.types
        inference = Inference(argument, self.starts[self.i], len(argument.inferences))
        argument.inferences.append(inference)
        self.inference = inference
        self.i += 1
        if types[self.i] == NEWLINE and types[self.i + 1] in _TEXT:
            self.i += 1
        if types[self.i] in _TEXT:
            inference.rules.append(self.rule())
            while types[self.i] == LIST_DELIM:
                self.i += 1
                if types[self.i] not in _TEXT:
                    raise self.fail("an inference rule after the comma")
                inference.rules.append(self.rule())
        if types[self.i] == NEWLINE:
            self.i += 1
        if types[self.i] == DATA:
            inference.data = self.data(self.i)
            inference.data_offset = self.starts[self.i]
            self.i += 1
            if types[self.i] == NEWLINE:
                self.i += 1
        if types[self.i] != INFERENCE_END:
            raise self.fail("the end of the inference line (--) after its rules and {data}")
        self.i += 1
        if types[self.i] != NEWLINE:
            raise self.fail("a line break after the inference line")
        self.i += 1
        if types[self.i] == INDENT and types[self.i + 1] == OUT_UNDERCUT:
            self.i += 1
            while types[self.i] == OUT_UNDERCUT:
                self.relation(inference)
            if types[self.i] != DEDENT:
                raise self.fail("another undercut (<_) or the conclusion")
            self.i += 1
        return inference

    def rule(self) -> str:
        types = self.types
        pieces = []
        while types[self.i] in _TEXT:
            pieces.append(
                self.image(self.i)[1:] if types[self.i] == ESCAPED else self.image(self.i)
            )
            self.i += 1
        return _normalize("".join(pieces))

    def list_items(self, item: int) -> None:
        types = self.types
        self.i += 1  # INDENT
        while types[self.i] == item:
            self.i += 1
            kind = types[self.i]
            if kind in _ARGUMENT_START:
                self.argument("list-item")
            elif kind in _STATEMENT_START:
                self.statement("list-item")
            else:
                raise self.fail("a statement or an argument after the list item's marker")
        if types[self.i] != DEDENT:
            raise self.fail("another list item at the same indentation (lists do not nest)")
        self.i += 1

    # -- after parsing (ModelPlugin.run)

    def finish(self) -> Document:
        nodes: list[EquivalenceClass | Argument] = [
            *self.statements.values(),
            *self.arguments.values(),
        ]
        for node in nodes:
            if node.section is None and node.members:
                node.section = node.members[0].section
        self.move_argument_relations()
        model = self.front_matter.get("model")
        mode = "strict" if isinstance(model, dict) and model.get("mode") == "strict" else "loose"
        if mode == "strict":
            self.strict_relations()
        return Document(
            self.text,
            self.statements,
            self.arguments,
            self.relations,
            self.sections,
            self.front_matter,
            self.front_matter_offset,
            mode,
            _line_starts(self.text),
            self.notes,
        )

    def move_argument_relations(self) -> None:
        """Relations out of a reconstructed argument go out of its main conclusion; undercuts
        of it undercut its last inference (duplicates merged)."""
        kept = []
        index: dict[tuple[int, int, str], Relation] = {
            (id(r.source), id(r.target), r.kind): r for r in self.relations
        }
        for relation in self.relations:
            source = relation.source
            if isinstance(source, Argument) and source.pcs:
                conclusion = source.pcs[-1].ec
                relation.moved_from = source
                relation.source = conclusion
                key = (id(conclusion), id(relation.target), relation.kind)
                existing = index.get(key)
                if existing is not None and existing is not relation:
                    existing.occurrences.extend(relation.occurrences)
                    continue
                index[key] = relation
            target = relation.target
            if relation.kind == UNDERCUT and isinstance(target, Argument) and target.pcs:
                inference = target.inferences[-1]
                relation.target = inference
                key = (id(relation.source), id(inference), UNDERCUT)
                existing = index.get(key)
                if existing is not None and existing is not relation:
                    existing.occurrences.extend(relation.occurrences)
                    continue
                index[key] = relation
            kept.append(relation)
        self.relations = kept

    def strict_relations(self) -> None:
        """Strict mode: support between statements is entailment, attack contrariety."""
        kept = []
        contraries: dict[tuple[int, int], Relation] = {}
        for relation in self.relations:
            both = isinstance(relation.source, EquivalenceClass) and isinstance(
                relation.target, EquivalenceClass
            )
            if both and relation.kind == SUPPORT:
                relation.kind = ENTAILS
            elif both and relation.kind == ATTACK:
                pair = (id(relation.source), id(relation.target))
                existing = contraries.get(pair) or contraries.get(pair[::-1])
                if existing is not None:
                    existing.occurrences.extend(relation.occurrences)
                    continue
                relation.kind = CONTRARY
                contraries[pair] = relation
            kept.append(relation)
        self.relations = kept


def parse_document(text: str) -> Document:
    """Argdown ``text`` as Argdown's own model holds it (statements, arguments, relations).

    Raises `ArgdownSyntaxError` where Argdown's parser would report an error.

    >>> doc = parse_document("[A]: Tea is healthy.\\n  + <B>: It has antioxidants.")
    >>> [(r.kind, r.source.title, r.target.title) for r in doc.relations]
    [('support', 'B', 'A')]
    """
    parser = _Parser(tokenize(text))
    parser.parse()
    return parser.finish()


# --------------------------------------------------------------------------------------------
# @include(file), as Argdown's command line expands it before parsing

_RE_INCLUDE = re.compile(r"@include\(([^)]+)\)")


@dataclass
class _Source:
    """Where the pieces of an expanded text came from, to position errors in the right file."""

    path: str
    text: str = ""
    pieces: list[tuple[int, str, str, int]] = field(default_factory=list)
    """(offset in the expanded text, display path, that file's text, offset in that file)."""

    def add(self, display: str, text: str, start: int, end: int) -> None:
        if end > start:
            self.pieces.append((len(self.text), display, text, start))
            self.text += text[start:end]

    def locate(self, offset: int) -> Span:
        starts = [piece[0] for piece in self.pieces]
        index = max(bisect_right(starts, offset) - 1, 0)
        if not self.pieces:
            return Span(self.path, 1, 1)
        begin, display, text, file_offset = self.pieces[index]
        line, column = _position(_line_starts(text), file_offset + offset - begin)
        return Span(display, line, column)


def _expand(source: _Source, display: str, text: str, seen: list[str], depth: int = 0) -> None:
    """Append ``text`` to ``source``, each ``@include(path)`` replaced by that file's text."""
    from argmap.load import read_text
    from argmap.yamlread import YamlProblem

    directory = os.path.dirname(display)
    done = 0
    for match in _RE_INCLUDE.finditer(text):
        source.add(display, text, done, match.start())
        done = match.end()
        included = os.path.normpath(os.path.join(directory, match.group(1).strip()))
        if os.path.abspath(included) in seen:
            note = f"<!-- Include failed: File '{included}' already included. -->"
            source.add(display, note, 0, len(note))
            continue
        seen.append(os.path.abspath(included))
        if not os.path.isfile(included) or depth >= MAX_NESTING:
            line, column = _position(_line_starts(text), match.start())
            if depth >= MAX_NESTING:
                raise MapLoadError(
                    [
                        _finding(
                            Span(display, line, column),
                            f"includes nest more than {MAX_NESTING} files deep here; expected "
                            f"at most {MAX_NESTING}",
                        )
                    ]
                )
            raise MapLoadError(
                [
                    _finding(
                        Span(display, line, column),
                        f"cannot include {match.group(1).strip()!r}: no such file next to "
                        f"{display}; expected the path of an Argdown file relative to it",
                    )
                ]
            )
        try:
            included_text = read_text(Path(included), included)
        except YamlProblem as problem:
            raise MapLoadError([_unreadable(problem)]) from None
        _expand(source, included, included_text, seen, depth + 1)
    source.add(display, text, done, len(text))


def _unreadable(problem: Any) -> Finding:
    """AM001 from `argmap.load.read_text`, which speaks of map files: here it is Argdown."""
    message = problem.message.replace("YAML file", "Argdown file").replace(
        "a YAML text file", "an Argdown text file"
    )
    if problem.code != "AM001":  # a limit (AM010)
        return Finding(problem.code, "over-limit", "error", problem.span, message)
    return Finding("AM001", "unreadable-file", "error", problem.span, message)


def _finding(span: Span, message: str) -> Finding:
    return Finding("AM009", "foreign-syntax", "error", span, message)


# --------------------------------------------------------------------------------------------
# Argdown → argmap

_ID = re.compile(ID_PATTERN)
_UNNAMED = re.compile(r"(?P<claim>[A-Za-z0-9][A-Za-z0-9_.-]*):(?P<role>for|against):[0-9]+")
"""The title `generate_argdown` gives a reason without an id: the reason's node in the graph."""

_SCHEMES = {ENTAILS: "entails", CONTRARY: "contrary", CONTRADICTORY: "contradictory"}
_CLAIM_KEYS = frozenset(Claim.model_fields) - {"id", "supported_by", "attacked_by"} | {"record"}
_EVIDENCE_KEYS = frozenset(Evidence.model_fields) - {"id", "summary"} | {"record", "text"}
_REASON_KEYS = frozenset({"scheme", "note", "attacks"})
_ARGDOWN_DATA = frozenset({"isInGroup"})
"""Data keys Argdown itself acts on that the import honours (the statement's section)."""


def slugify(title: str) -> str:
    """An argmap id for an Argdown title: the title itself when it is a valid id already, else
    its letters and digits, lowercased, joined by ``-``.

    >>> slugify("Statement 1"), slugify("tea-2"), slugify("Über <Tee>!")
    ('statement-1', 'tea-2', 'uber-tee')
    """
    if len(title) <= 200 and _ID.fullmatch(title):
        return title
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:80].strip("-")
    return slug or "untitled"


@dataclass
class _Entry:
    """A reason on its way into a claim: sorted by where it was written."""

    key: tuple[int, int]
    target: str
    role: str
    premises: list[str]
    id: str | None = None
    scheme: str | None = None
    note: str | None = None
    undercuts: list[tuple[int, str]] = field(default_factory=list)
    from_relation: bool = True


class _Importer:
    """One Argdown `Document` as argmap records, with what cannot be carried reported."""

    def __init__(self, doc: Document, locate: Any, report: ConversionReport) -> None:
        self.doc = doc
        self.locate = locate
        self.report = report
        self.used: set[str] = set()
        self.ids: dict[int, str] = {}
        self.evidence_ids: set[str] = set()
        self.entries: list[_Entry] = []
        self.sequence = 0
        self.synthetic: set[int] = set()
        self.untitled_texts = 0

    def fail(self, offset: int, message: str) -> MapLoadError:
        return MapLoadError([_finding(self.locate(offset), message)])

    def new_id(self, title: str) -> str:
        base = slugify(title)
        candidate, number = base, 1
        while candidate in self.used:
            number += 1
            candidate = f"{base[:190]}-{number}"
        self.used.add(candidate)
        return candidate

    def run(self) -> ArgumentMap:
        doc = self.doc
        config = self.config()
        for argument in doc.arguments.values():
            attacks = self.reason_data(argument).get("attacks") if argument.pcs else None
            if attacks is not None:
                conclusion = argument.pcs[-1]
                if conclusion.ec.members == [conclusion.statement]:
                    self.synthetic.add(id(conclusion.ec))
        for ec in doc.statements.values():
            if id(ec) not in self.synthetic:
                self.ids[id(ec)] = self.new_id(ec.title)
        for argument in doc.arguments.values():
            if not argument.pcs:
                self.ids[id(argument)] = self.new_id(argument.title)
        fields: dict[str, dict[str, Any]] = {}
        for ec in doc.statements.values():
            if id(ec) not in self.synthetic:
                fields[self.ids[id(ec)]] = self.record_fields(ec)
        for argument in doc.arguments.values():
            if not argument.pcs:
                fields[self.ids[id(argument)]] = self.record_fields(argument)
        self.sections(fields)
        undercuts = self.relation_reasons()
        for argument in doc.arguments.values():
            if argument.pcs:
                self.pcs_reasons(argument, undercuts)
        self.sketched_undercuts(undercuts)
        if self.untitled_texts:
            self.report.notes.append(
                f"{self.untitled_texts} statement(s) or argument(s) without text take their "
                "title as their text"
            )
        self.report.notes.extend(doc.notes)
        if doc.mode == "strict":
            self.report.notes.append(
                "strict mode: support between statements is entailment (scheme: entails), "
                "attack is contrariety (scheme: contrary)"
            )
        return self.build(fields, config)

    # -- the map's config

    def config(self) -> MapConfig:
        front = dict(self.doc.front_matter)
        data: dict[str, Any] = {}
        title = front.pop("title", None)
        extra = front.pop("argmap", None)
        model = front.pop("model", None)
        if isinstance(model, dict):
            rest = sorted(key for key in model if key != "mode")
            if rest:
                front["model"] = {key: model[key] for key in rest}
        elif model is not None:
            front["model"] = model
        if extra is not None:
            if not isinstance(extra, dict):
                raise self.fail(
                    self.doc.front_matter_offset,
                    "the front matter's argmap: holds the map's settings; expected key: value "
                    "pairs (see docs/format.md, argmap.yaml)",
                )
            data.update(extra)
        if title is not None:
            data["title"] = str(title)
        if front:
            self.report.lose(
                "front matter settings",
                ", ".join(front),
                "Argdown's own settings (layout, colours, export); argmap has no place for them",
            )
        try:
            return MapConfig.model_validate(data)
        except ValidationError as error:
            raise self.fail(
                self.doc.front_matter_offset, "the front matter: " + _validation(error)
            ) from None

    # -- records

    def sections(self, fields: dict[str, dict[str, Any]]) -> None:
        """Headings are groups (tags); say what of them the tags cannot carry."""
        kept = {tag for values in fields.values() for tag in values.get("tags", ())}
        pending = list(self.doc.sections)
        while pending:
            section = pending.pop(0)
            pending[:0] = section.children
            path = section.path
            name = "#" * section.level + " " + section.title
            if " > " in section.title:
                self.report.lose(
                    "heading", name, "' > ' separates the headings of a group tag; it nests wrongly"
                )
            if not any(
                tag == "group:" + " > ".join(path)
                or tag.startswith("group:" + " > ".join(path) + " > ")
                for tag in kept
            ):
                self.report.lose(
                    "heading", name, "no statement or sketched argument is defined under it"
                )
            if section.tags:
                self.report.lose(
                    "tags of a heading", name, "groups have no tags: " + ", ".join(section.tags)
                )
            extra = {k: v for k, v in section.data.items() if k != "isGroup"}
            if extra:
                self.report.lose(
                    "data of a heading", name, f"groups have no fields: {_flow(extra)}"
                )

    def argmap_data(
        self, node: EquivalenceClass | Argument, allowed: frozenset[str], what: str
    ) -> tuple[dict[str, Any], int]:
        """The ``argmap:`` part of a node's data (checked) and where it was written."""
        value = node.data.get("argmap")
        offset = next(
            (
                m.data_offset
                for m in node.members
                if m.data_offset is not None and "argmap" in (m.data or {})
            ),
            node.members[0].offset if node.members else 0,
        )
        if value is None:
            return {}, offset
        if not isinstance(value, dict):
            raise self.fail(
                offset, f"{{argmap: ...}} holds the fields of {what}; expected a mapping"
            )
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise self.fail(
                offset,
                f"{{argmap: ...}} of {what} has no field {unknown[0]!r}; expected one of: "
                + ", ".join(sorted(allowed)),
            )
        return dict(value), offset

    def reason_data(self, argument: Argument) -> dict[str, Any]:
        return self.argmap_data(argument, _REASON_KEYS, "a reconstructed argument (a reason)")[0]

    def record_fields(self, node: EquivalenceClass | Argument) -> dict[str, Any]:
        is_argument = isinstance(node, Argument)
        name = f"<{node.title}>" if is_argument else f"[{node.title}]"
        record_id = self.ids[id(node)]
        evidence = not is_argument and (node.data.get("argmap") or {}).get("record") == "evidence"
        allowed = _EVIDENCE_KEYS if evidence else _CLAIM_KEYS
        values, offset = self.argmap_data(node, allowed, f"{name}")
        record = values.pop("record", None)
        if record not in (None, "claim", "evidence") or (is_argument and record == "evidence"):
            expected = (
                "claim (an argument is no evidence record)"
                if is_argument
                else ("claim or evidence")
            )
            raise self.fail(offset, f"{name} has record: {record!r}; expected {expected}")
        defined = [m.text for m in node.members if not m.is_reference and m.text]
        text = values.pop("text", None)
        if text is None:
            text = defined[0] if defined else ""
            if len(set(defined)) > 1:
                self.report.lose(
                    "another text of the same " + ("argument" if is_argument else "statement"),
                    name,
                    f"argmap keeps the first of its {len(set(defined))} different texts",
                )
            if not text:
                text = node.title
                self.untitled_texts += 1
        if "tags" not in values:
            tags = list(node.tags)
            if is_argument:
                tags.append(f"argdown:<{node.title}>")
            elif node.title != record_id:
                tags.append(f"argdown:[{node.title}]")
            if node.section is not None:
                tags.append("group:" + " > ".join(node.section.path))
            values["tags"] = tags
        foreign = {k: v for k, v in node.data.items() if k != "argmap" and k not in _ARGDOWN_DATA}
        if foreign:
            flow = _flow(foreign)
            values["note"] = (values["note"] + "\n" if values.get("note") else "") + (
                "Argdown data: " + flow
            )
            self.report.lose("data", name, f"argmap has no field for {flow}; kept in the note")
        values["id"] = record_id
        values["summary" if evidence else "text"] = text
        values["_offset"] = offset
        if evidence:
            self.evidence_ids.add(record_id)
        return values

    def build(self, fields: dict[str, dict[str, Any]], config: MapConfig) -> ArgumentMap:
        reasons: dict[tuple[str, str], list[Reason]] = {}
        for entry in sorted(self.entries, key=lambda e: e.key):
            if entry.target in self.evidence_ids:
                self.report.lose(
                    f"{entry.role} of evidence",
                    entry.target,
                    "argmap's evidence records stand on their own; the reason is dropped",
                )
                continue
            reason = Reason(
                id=entry.id,
                premises=entry.premises,
                undercut_by=[uid for _, uid in sorted(entry.undercuts)],
                scheme=entry.scheme,
                note=entry.note,
            )
            reasons.setdefault((entry.target, entry.role), []).append(reason)
        claims: list[Claim] = []
        evidence: list[Evidence] = []
        for record_id, values in fields.items():
            offset = values.pop("_offset")
            try:
                if record_id in self.evidence_ids:
                    evidence.append(Evidence.model_validate(values))
                else:
                    values["supported_by"] = reasons.get((record_id, "support"), [])
                    values["attacked_by"] = reasons.get((record_id, "attack"), [])
                    claims.append(Claim.model_validate(values))
            except ValidationError as error:
                raise self.fail(offset, f"{record_id}: " + _validation(error)) from None
        return ArgumentMap(claims=claims, evidence=evidence, config=config)

    # -- reasons

    def add(self, entry: _Entry) -> _Entry:
        self.entries.append(entry)
        return entry

    def key(self, relation: Relation, node: Node) -> tuple[int, int]:
        self.sequence += 1
        offset = next(
            (offset for offset, under in relation.occurrences if under is node),
            relation.occurrences[0][0],
        )
        return offset, self.sequence

    def node_name(self, node: Node) -> str:
        if isinstance(node, EquivalenceClass):
            return f"[{node.title}]"
        return f"<{node.title}>"

    def relation_reasons(self) -> dict[int, list[tuple[int, str, Node]]]:
        """Reasons from relations; returns the undercuts by the node they undercut."""
        undercuts: dict[int, list[tuple[int, str, Node]]] = {}
        for relation in self.doc.relations:
            source, target, kind = relation.source, relation.target, relation.kind
            if id(source) in self.synthetic or id(target) in self.synthetic:
                continue
            source_id = self.ids.get(id(source))
            if source_id is None:  # pragma: no cover - reconstructed sources were moved
                self.report.lose("relation", self.node_name(source), "its source is no record")
                continue
            if kind == UNDERCUT:
                if isinstance(target, EquivalenceClass):
                    self.report.lose(
                        "undercut of a statement",
                        self.node_name(target),
                        f"an undercut attacks an inference; {self.node_name(source)}'s is dropped",
                    )
                else:
                    under = self.key(relation, target)[0]
                    undercuts.setdefault(id(target), []).append((under, source_id, target))
                continue
            if isinstance(target, Argument) and target.pcs:
                if kind == ATTACK:
                    under = self.key(relation, target)[0]
                    undercuts.setdefault(id(target.inferences[-1]), []).append(
                        (under, source_id, target)
                    )
                    self.report.lose(
                        "attack on a reconstructed argument",
                        f"<{target.title}>",
                        f"argmap cannot attack an inference except by undercutting it: "
                        f"{self.node_name(source)} undercuts it instead",
                    )
                else:
                    self.report.lose(
                        "support of a reconstructed argument",
                        f"<{target.title}>",
                        f"argmap cannot support an inference; {self.node_name(source)}'s "
                        "support is dropped",
                    )
                continue
            target_id = self.ids[id(target)]
            if relation.moved_from is not None and source_id == target_id:
                continue  # "<A> +> [C]" where A's own conclusion is C: A's reason says it
            role = "support" if kind in (SUPPORT, ENTAILS) else "attack"
            scheme = _SCHEMES.get(kind)
            self.add(
                _Entry(self.key(relation, target), target_id, role, [source_id], scheme=scheme)
            )
            if kind in (CONTRARY, CONTRADICTORY) and source_id != target_id:
                self.add(
                    _Entry(
                        self.key(relation, source), source_id, "attack", [target_id], scheme=scheme
                    )
                )
        return undercuts

    def pcs_reasons(
        self, argument: Argument, undercuts: dict[int, list[tuple[int, str, Node]]]
    ) -> None:
        data = self.reason_data(argument)
        offset = argument.pcs_offset or 0
        attacks = data.get("attacks")
        if attacks is not None and (not isinstance(attacks, str) or attacks not in self.used):
            raise self.fail(
                offset,
                f"<{argument.title}>'s {{argmap: {{attacks: ...}}}} names no statement: "
                f"{attacks!r}; expected the id of the claim the argument attacks",
            )
        main = argument.inferences[-1]
        conclusion_id = attacks if attacks is not None else self.ids.get(id(main.conclusion.ec))  # type: ignore[union-attr]
        base = slugify(argument.title)
        unnamed = _UNNAMED.fullmatch(argument.title)
        if (
            unnamed
            and unnamed["claim"] == conclusion_id
            and (unnamed["role"] == ("against" if attacks is not None else "for"))
        ):
            reason_id = None
        else:
            reason_id = self.new_id(argument.title)
        description = next((m.text for m in argument.members if m.text), "")
        if "note" in data:
            note = data["note"]
        elif description and reason_id is not None and argument.title != reason_id:
            note = f"<{argument.title}>: {description}"
        else:
            note = description or None
        if argument.tags:
            self.report.lose(
                "tags of a reconstructed argument",
                f"<{argument.title}>",
                "it is a reason in argmap, and reasons have no tags: " + ", ".join(argument.tags),
            )
        if argument.replaced_pcs:
            self.report.lose(
                "premise-conclusion structure",
                f"<{argument.title}>",
                "Argdown keeps only the last of its reconstructions",
            )
        extra = {k: v for k, v in argument.data.items() if k not in ("argmap", *_ARGDOWN_DATA)}
        if extra and "note" not in data:
            flow = _flow(extra)
            note = (note + "\n" if note else "") + "Argdown data: " + flow
            self.report.lose(
                "data", f"<{argument.title}>", f"reasons have no field for {flow}; kept in the note"
            )
        elif extra:
            self.report.lose(
                "data", f"<{argument.title}>", f"reasons have no field for {_flow(extra)}"
            )
        start = 0
        for inference in argument.inferences:
            assert inference.conclusion is not None
            end = argument.pcs.index(inference.conclusion)
            premises = self.inference_premises(argument, inference, start, end)
            start = end
            is_main = inference is main
            if is_main:
                target, role = conclusion_id, "attack" if attacks is not None else "support"
                name, scheme, reason_note = reason_id, data.get("scheme"), note
            else:
                target, role = self.ids.get(id(inference.conclusion.ec)), "support"
                name = self.new_id(f"{reason_id or base}.{inference.index + 1}")
                scheme, reason_note = None, None
            if scheme is None and inference.rules:
                scheme = ", ".join(inference.rules)
            extra = {k: v for k, v in inference.data.items() if k != "uses"}
            if extra:
                self.report.lose(
                    "inference data",
                    f"<{argument.title}>",
                    f"reasons have no field for {_flow(extra)}",
                )
            if target is None or None in premises:
                continue
            entry = _Entry(
                (inference.offset, 0),
                target,
                role,
                [p for p in premises if p is not None],
                id=name,
                scheme=scheme,
                note=reason_note,
                from_relation=False,
            )
            entry.undercuts = [(o, u) for o, u, _ in undercuts.get(id(inference), [])]
            self.add(entry)

    def inference_premises(
        self, argument: Argument, inference: Inference, start: int, end: int
    ) -> list[str | None]:
        uses = inference.data.get("uses")
        chosen = argument.pcs[start:end]
        if uses is not None:
            numbers = uses if isinstance(uses, list) else [uses]
            by_number: dict[int, PcsStatement] = {}
            for entry in argument.pcs[:end]:
                by_number.setdefault(entry.number, entry)
            if all(isinstance(n, int) and n in by_number for n in numbers) and numbers:
                chosen = [by_number[n] for n in numbers]
            else:
                self.report.lose(
                    "inference data",
                    f"<{argument.title}>",
                    f"uses: {_flow(uses)} names no premises above the inference; "
                    "the statements above it are its premises",
                )
        return [self.ids.get(id(entry.ec)) for entry in chosen]

    def sketched_undercuts(self, undercuts: dict[int, list[tuple[int, str, Node]]]) -> None:
        """An undercut of a sketched argument undercuts each inference it makes."""
        for argument in self.doc.arguments.values():
            found = undercuts.get(id(argument))
            if argument.pcs or not found:
                continue
            claim_id = self.ids[id(argument)]
            inferences = [e for e in self.entries if e.from_relation and e.premises == [claim_id]]
            if not inferences:
                for _, undercutter, _ in found:
                    self.report.lose(
                        "undercut",
                        f"<{argument.title}>",
                        f"the argument supports or attacks nothing, so {undercutter}'s undercut "
                        "has no inference to attack",
                    )
                continue
            for entry in inferences:
                entry.undercuts.extend((o, u) for o, u, _ in found)


def _validation(error: ValidationError) -> str:
    parts = []
    for problem in error.errors()[:3]:
        where = ".".join(str(part) for part in problem["loc"])
        parts.append(f"{where}: {problem['msg']}" if where else problem["msg"])
    return "; ".join(parts)


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*")
_YAML_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})
_ESCAPE_IN_DATA = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff{}\\[\\]<>]")


def _flow(value: Any) -> str:
    """``value`` as one line of flow YAML that Argdown's lexer keeps in one {data} token.

    >>> _flow({"kind": "statistic", "note": "A {b} <c>", "credibility": 2})
    '{kind: statistic, note: "A \\\\u007bb\\\\u007d \\\\u003cc\\\\u003e", credibility: 2}'
    """
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}[repr(value)]
        text = repr(value)
        # YAML 1.1 reads a float only with a dot: 1e-05 would be text.
        return text.replace("e", ".0e") if "e" in text and "." not in text else text
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return _ESCAPE_IN_DATA.sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False)
    )


def parse_argdown(text: str, path: str = "<string>") -> Conversion:
    """Argdown ``text`` (read from ``path``) as an argmap map, with the report of the import.

    ``@include(file)`` is expanded relative to ``path``. Raises `MapLoadError` with a positioned
    ``AM009`` finding where Argdown's parser rejects the text (or its data is not valid YAML).
    """
    source = _Source(path)
    if _RE_INCLUDE.search(text):
        _expand(source, path, text, [os.path.abspath(path)])
    else:
        source.add(path, text, 0, len(text))
    refuse_lone_surrogates(source.text, path, source.locate)
    report = ConversionReport(path, "argmap map")
    with _no_cyclic_gc():
        try:
            doc = parse_document(source.text)
        except ArgdownSyntaxError as error:
            raise MapLoadError([_finding(source.locate(error.offset), error.message)]) from None
        amap = _Importer(doc, source.locate, report).run()
    return Conversion(amap, report)


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Reading allocates millions of small objects and no garbage cycles: the cyclic collector
    would only walk them again and again (50,000 statements: 6.9 s with it, 3.2 s without)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read(path: str | os.PathLike[str]) -> Conversion:
    """Import the Argdown file at ``path``; `MapLoadError` (AM001, AM009) if it is not one."""
    from argmap.load import read_text
    from argmap.yamlread import YamlProblem

    display = os.fspath(path)
    try:
        text = read_text(Path(display), display)
    except YamlProblem as problem:
        raise MapLoadError([_unreadable(problem)]) from None
    return parse_argdown(text, display)


# --------------------------------------------------------------------------------------------
# argmap → Argdown

_RISKY = re.compile(r"[\\@#*_\[\]<>{}/=\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
"""Characters that may make Argdown read a text as something else; without them it is plain."""
_ESCAPE = re.compile(r"[\\@#*_\[\]<>{}/=]")
_SIMPLE_TAG = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
_TAG_TEXT = re.compile(r"[^)]+")
_SIMPLE_RULES = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ]*(?:, [A-Za-z0-9][A-Za-z0-9 ]*)*")
_STATEMENT_TITLE = re.compile(r"[^\-\]\n\r\u2028\u2029][^\]\n\r\u2028\u2029]*")
_ARGUMENT_TITLE = re.compile(r"[^\->\n\r\u2028\u2029][^>\n\r\u2028\u2029]*")
_NOTE_TITLE = re.compile(r"<([^>\n]+)>(?:: (.*))?", re.DOTALL)
_PRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff]")
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff]")
_INDENT = "    "


def _tag_token(tag: str) -> str | None:
    """``#tag`` or ``#(multi word tag)`` as Argdown writes it; None if it cannot."""
    if _SIMPLE_TAG.fullmatch(tag):
        return "#" + tag
    if _TAG_TEXT.fullmatch(tag) and tag == tag.strip() and not _PRINTABLE.search(tag):
        return f"#({tag})"
    return None


def _reparse(line: str) -> tuple[str, list[str]] | None:
    """The text and tags Argdown reads from a one-line statement or argument definition."""
    try:
        doc = parse_document(line + "\n")  # as in a file: a // comment runs to the line break
    except ArgdownSyntaxError:
        return None
    nodes: list[EquivalenceClass | Argument] = [*doc.statements.values(), *doc.arguments.values()]
    if len(nodes) != 1 or len(nodes[0].members) != 1:
        return None
    member = nodes[0].members[0]
    return member.text, member.tags


def _heading_title(title: str) -> str | None:
    try:
        doc = parse_document("# " + title + "\n")
    except ArgdownSyntaxError:
        return None
    return doc.sections[0].title if len(doc.sections) == 1 else None


class _Exporter:
    """An `ArgumentMap` as Argdown lines; what Argdown syntax cannot say goes into
    ``{argmap: ...}`` data blocks, so that `parse_argdown` gives the same map back."""

    def __init__(self, amap: ArgumentMap, report: ConversionReport) -> None:
        self.amap = amap
        self.report = report
        self.arguments = {
            claim.id
            for claim in amap.claims.values()
            if any(_is_argument_tag(tag) for tag in claim.tags)
        }
        self.demoted: set[str] = set()
        self.plain: dict[tuple[str, str, int], bool] = {}
        self.alone: dict[str, list[Reason]] = {}
        """The reasons each record is the only premise of."""
        for _, _, _, reason in self.reasons():
            if len(reason.premises) == 1:
                self.alone.setdefault(reason.premises[0], []).append(reason)
        self.titles: dict[str, str] = {}
        self.reason_names: dict[tuple[str, str, int], str] = {}
        """The id each named reason is written under: its own, unless another record or reason
        has it (`name_reasons`)."""
        self.conclusions: dict[tuple[str, str, int], str] = {}
        """The title of the statement each attack written as an argument concludes."""
        self.with_data = 0
        self.strict = False

    def is_argument(self, record_id: str) -> bool:
        return record_id in self.arguments and record_id not in self.demoted

    # -- deciding what is written as a relation and what as a reconstructed argument

    def reasons(self) -> Iterator[tuple[Claim, str, int, Reason]]:
        for claim in self.amap.claims.values():
            for role, reasons in (("support", claim.supported_by), ("attack", claim.attacked_by)):
                for index, reason in enumerate(reasons):
                    yield claim, role, index, reason

    def choose_mode(self) -> None:
        native = other = 0
        for claim, _, _, reason in self.reasons():
            if len(reason.premises) != 1 or reason.id or reason.note or reason.undercut_by:
                continue
            if self.is_argument(claim.id) or self.is_argument(reason.premises[0]):
                continue
            if reason.scheme in ("entails", "contrary"):
                native += 1
            elif reason.scheme is None:
                other += 1
        self.strict = native > 0 and other == 0

    def uniform_undercuts(self, premise: str) -> bool:
        return len({tuple(reason.undercut_by) for reason in self.alone.get(premise, [])}) <= 1

    def eligible(self, target: str, role: str, reason: Reason) -> bool:
        if len(reason.premises) != 1 or reason.id is not None or reason.note is not None:
            return False
        premise = reason.premises[0]
        premise_argument = self.is_argument(premise)
        if reason.undercut_by and not (premise_argument and self.uniform_undercuts(premise)):
            return False
        both_statements = not premise_argument and not self.is_argument(target)
        if reason.scheme is None:
            return not (self.strict and both_statements)
        if reason.scheme == "entails":
            return role == "support" and self.strict and both_statements
        if reason.scheme == "contrary":
            return role == "attack" and self.strict and both_statements
        if reason.scheme == "contradictory":
            return role == "attack" and both_statements
        return False

    def partition(self) -> None:
        while True:
            plain: dict[tuple[str, str, int], bool] = {}
            for claim in self.amap.claims.values():
                for role, reasons in (
                    ("support", claim.supported_by),
                    ("attack", claim.attacked_by),
                ):
                    prefix = True
                    written: set[tuple[str, str | None]] = set()
                    for index, reason in enumerate(reasons):
                        # Argdown keeps one relation of a kind between two nodes.
                        key = (reason.premises[0], reason.scheme)
                        prefix = (
                            prefix and self.eligible(claim.id, role, reason) and key not in written
                        )
                        written.add(key)
                        plain[(claim.id, role, index)] = prefix
            self.mirror(plain)
            demote = set()
            for claim, role, index, reason in self.reasons():
                if plain[(claim.id, role, index)]:
                    continue
                for record_id in (claim.id, *reason.premises):
                    if self.is_argument(record_id):
                        demote.add(record_id)
            if not demote:
                self.plain = plain
                return
            self.demoted |= demote

    def mirror(self, plain: dict[tuple[str, str, int], bool]) -> None:
        """A contrary or contradictory pair is one Argdown relation: both halves plain, or none."""
        changed = True
        while changed:
            changed = False
            used: set[tuple[str, int]] = set()
            for claim, role, index, reason in self.reasons():
                if not plain[(claim.id, role, index)] or reason.scheme not in (
                    "contrary",
                    "contradictory",
                ):
                    continue
                other = self.amap.claims.get(reason.premises[0])
                match = None
                if other is not None:
                    for j, candidate in enumerate(other.attacked_by):
                        if (
                            candidate.premises == [claim.id]
                            and candidate.scheme == reason.scheme
                            and plain.get((other.id, "attack", j))
                            and (other.id, j) not in used
                            and (other.id, j) != (claim.id, index)
                        ):
                            match = j
                            break
                if match is None:
                    reasons = claim.attacked_by
                    for k in range(index, len(reasons)):
                        plain[(claim.id, "attack", k)] = False
                    changed = True
                else:
                    used.add((other.id, match))  # type: ignore[union-attr]

    # -- titles, texts, data

    def title_of(self, record: Claim | Evidence) -> str:
        argument = self.is_argument(record.id)
        pattern = _ARGUMENT_TITLE if argument else _STATEMENT_TITLE
        for tag in record.tags:
            title = _title_in_tag(tag, argument)
            if (
                title is not None
                and pattern.fullmatch(title)
                and title == title.strip()
                and slugify(title) == record.id
                # `<claim:for:2>` is the title of a reason without id (`reconstruction`).
                and not (argument and _UNNAMED.fullmatch(title))
            ):
                return title
        return record.id

    def name_reasons(self) -> None:
        """The titles of the reasons written as arguments, and of the statements attacks conclude.

        argmap has one namespace for the ids of records and named reasons; Argdown has one for
        statements and one for arguments, and merges what shares a title. A reason whose id is
        also a record's or an earlier reason's (a map argmap's loader refuses: AM007) is
        written under a free id, so that neither merges with the other, and the report says
        so. An attack's conclusion, a statement of its own, takes a title no statement has.
        """
        records = self.amap.claims.keys() | self.amap.evidence.keys()
        taken = records | {reason.id for *_, reason in self.reasons() if reason.id is not None}
        named: set[str] = set()
        statements = {
            title for record_id, title in self.titles.items() if not self.is_argument(record_id)
        }
        for claim, role, index, reason in self.reasons():
            if self.plain[(claim.id, role, index)]:
                continue
            key = (claim.id, role, index)
            name = reason.id
            if name is not None:
                if name in records or name in named:
                    whose = "a record's" if name in records else "another reason's"
                    number = 2
                    while (free := f"{name[:190]}-{number}") in taken:
                        number += 1
                    taken.add(free)
                    self.report.lose(
                        "reason id",
                        claim.id,
                        f"{name!r} is also {whose} id, which argmap's loader refuses (AM007 "
                        f"duplicate-id); written as <{free}>, it comes back as {free!r}",
                    )
                    name = free
                named.add(name)
                self.reason_names[key] = name
            if role == "attack":
                base = f"{name or _unnamed_title(claim.id, role, index)} conclusion"
                title, number = base, 1
                while title in statements:
                    number += 1
                    title = f"{base} {number}"
                statements.add(title)
                self.conclusions[key] = title

    def line(self, head: str, text: str, tags: list[str]) -> tuple[str, str, list[str]]:
        """The definition line ``head text #tags``, and the text and tags Argdown reads from it.

        Plain text is written as it is; other text is read back first, and escaped where
        Argdown would read it otherwise. What still differs goes into the line's data.
        """
        tokens = [_tag_token(tag) for tag in tags]
        written_tags = [tag for tag, token in zip(tags, tokens, strict=True) if token]
        suffix = "".join(" " + token for token in tokens if token)
        visible = _normalize(_PRINTABLE.sub(" ", text)) or "…"
        if not _RISKY.search(visible) and all(_SIMPLE_TAG.fullmatch(t) for t in written_tags):
            read = (visible, list(dict.fromkeys(written_tags)))
            line = f"{head} {visible}{suffix}"
        else:
            line = f"{head} {_unopened(visible)}{suffix}"
            found = _reparse(line)
            if found is None or found[0] != visible:
                escaped = _ESCAPE.sub(lambda m: "\\" + m.group(), visible)
                line = f"{head} {escaped}{suffix}"
                found = _reparse(line)
            if found is None:  # pragma: no cover - escaped text always parses
                line = f"{head} …"
                found = ("…", [])
            read = found
        return line, read[0], read[1]

    def definition(self, record: Claim | Evidence, group_tag: str | None) -> str:
        """The record's definition line: title, text, tags, and data for what they cannot say.

        The first title tag (``argdown:[...]`` or ``argdown:<...>``) and the first group tag
        are said by the title and the heading above; if the line would not give back the
        record's exact text and tags, its data holds them.
        """
        argument = self.is_argument(record.id)
        title = self.titles[record.id]
        head = f"<{title}>:" if argument else f"[{title}]:"
        title_tag = f"argdown:<{title}>" if argument else f"argdown:[{title}]"
        consumed = {
            next((i for i, tag in enumerate(record.tags) if _title_in_tag(tag, argument)), -1),
            next((i for i, tag in enumerate(record.tags) if tag.startswith("group:")), -1)
            if group_tag is not None
            else -1,
        }
        content_tags = [tag for index, tag in enumerate(record.tags) if index not in consumed]
        if isinstance(record, Evidence):
            text = record.summary
            data = record.model_dump(mode="json", exclude_defaults=True)
            data = {"record": "evidence", **data}
            for key in ("id", "summary", "tags"):
                data.pop(key, None)
            data["kind"] = record.kind.value
        else:
            text = record.text
            data = record.model_dump(mode="json", exclude_defaults=True)
            for key in ("id", "text", "tags", "supported_by", "attacked_by"):
                data.pop(key, None)
        line, read_text, read_tags = self.line(head, text, content_tags)
        expected = list(read_tags)
        if argument or title != record.id:
            expected.append(title_tag)
        if group_tag is not None:
            expected.append(group_tag)
        if read_text != text:
            data["text"] = text
        if expected != record.tags:
            data["tags"] = list(record.tags)
        if data:
            self.with_data += 1
            line += " " + _flow({"argmap": data})
        return line

    # -- writing

    def run(self) -> list[str]:
        amap = self.amap
        self.choose_mode()
        self.partition()
        records: list[Claim | Evidence] = [*amap.claims.values(), *amap.evidence.values()]
        for record in records:
            self.titles[record.id] = self.title_of(record)
        self.name_reasons()
        lines: list[str] = []
        front = self.front_matter()
        if front:
            lines += ["===", *front, "===", ""]
        tree = _GroupTree()
        for record in records:
            tag = next((t for t in record.tags if t.startswith("group:")), None)
            # Deeper groups than headings can sensibly nest keep their exact tags as data.
            tree.add(tag[6:].split(" > ")[:MAX_NESTING] if tag else [], record)
        blocks = list(self.blocks(tree, [], []))
        if not blocks:
            blocks = [["# (empty map)"]]
            self.report.lose("everything", None, "the map has no records; Argdown needs one")
        for index, block in enumerate(blocks):
            if index:
                lines.append("")
            lines += block
        if self.with_data:
            self.report.notes.append(
                f"{self.with_data} statement(s) and argument(s) carry argmap fields Argdown has "
                "no syntax for in {argmap: ...} data blocks"
            )
        return lines

    def front_matter(self) -> list[str]:
        """``argmap.yaml`` as front matter: its title for Argdown, the rest under ``argmap:``."""
        config = self.amap.config.model_dump(mode="json", exclude_defaults=True)
        front: dict[str, Any] = {}
        if "title" in config:
            front["title"] = config.pop("title")
        if config:
            front["argmap"] = config
        if self.strict:
            front["model"] = {"mode": "strict"}
        if not front:
            return []
        text = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100)
        if "===" in text or _NOT_YAML.search(text):
            text = _flow(front).replace("=", "\\u003d")  # '=' only occurs in quoted strings
        return text.rstrip("\n").split("\n")

    def blocks(
        self, tree: _GroupTree, path: list[str], read_path: list[str]
    ) -> Iterator[list[str]]:
        group_tag = "group:" + " > ".join(read_path) if read_path else None
        if path:
            yield ["#" * len(path) + " " + _heading_text(path[-1])]
        for record in tree.records:
            yield self.record_block(record, group_tag)
            if isinstance(record, Claim):
                yield from self.argument_blocks(record)
        for name, child in tree.children.items():
            title = _heading_title(_heading_text(name)) or name
            yield from self.blocks(child, [*path, name], [*read_path, title])

    def reference(self, record_id: str) -> str:
        title = self.titles[record_id]
        return f"<{title}>" if self.is_argument(record_id) else f"[{title}]"

    def known(self, record_id: str, what: str, subject: str) -> bool:
        if record_id in self.amap:
            return True
        self.report.lose(
            what,
            subject,
            f"{record_id!r} is no record of the map; Argdown would make it a new statement",
        )
        return False

    def record_block(self, record: Claim | Evidence, group_tag: str | None) -> list[str]:
        lines = [self.definition(record, group_tag)]
        if isinstance(record, Claim):
            for role, reasons in (("support", record.supported_by), ("attack", record.attacked_by)):
                for index, reason in enumerate(reasons):
                    if not self.plain[(record.id, role, index)]:
                        continue
                    premise = reason.premises[0]
                    if not self.known(premise, "reason", record.id):
                        continue
                    if reason.scheme == "contradictory":
                        symbol = "><"
                    else:
                        symbol = "<+" if role == "support" else "<-"
                    lines.append(f"{_INDENT}{symbol} {self.reference(premise)}")
        if self.is_argument(record.id):
            alone = self.alone.get(record.id)
            undercuts = alone[0].undercut_by if alone else []
            lines += self.undercut_lines(undercuts, record.id)
        return lines

    def undercut_lines(self, undercuts: list[str], subject: str) -> list[str]:
        lines = []
        for index, undercutter in enumerate(undercuts):
            if undercutter in undercuts[:index]:
                self.report.lose(
                    "undercut", subject, f"{undercutter!r} is listed twice; Argdown keeps it once"
                )
            elif self.known(undercutter, "undercut", subject):
                lines.append(f"{_INDENT}<_ {self.reference(undercutter)}")
        return lines

    def argument_blocks(self, claim: Claim) -> Iterator[list[str]]:
        for role, reasons in (("support", claim.supported_by), ("attack", claim.attacked_by)):
            for index, reason in enumerate(reasons):
                if self.plain[(claim.id, role, index)]:
                    continue
                premises = [p for p in reason.premises if self.known(p, "premise", claim.id)]
                if not premises:
                    continue
                yield from self.reconstruction(claim, role, index, reason, premises)

    def reconstruction(
        self, claim: Claim, role: str, index: int, reason: Reason, premises: list[str]
    ) -> Iterator[list[str]]:
        name = self.reason_names.get((claim.id, role, index))
        title = name or _unnamed_title(claim.id, role, index)
        description = None
        note = reason.note
        if note is not None and name is not None:
            match = _NOTE_TITLE.fullmatch(note)
            if (
                match
                and _ARGUMENT_TITLE.fullmatch(match[1])
                and match[1] == match[1].strip()
                and match[1] != name
                and slugify(match[1]) == name
                # Argdown would read it back as the title of a reason without id.
                and not _UNNAMED.fullmatch(match[1])
            ):
                title, description = match[1], match[2]
        elif note is not None:
            description = note
        data: dict[str, Any] = {}
        if role == "attack":
            data["attacks"] = claim.id
        head = f"<{title}>"
        expected_note: str | None = None  # what parse_argdown will make the note
        if description:
            line, read_text, read_tags = self.line(head + ":", description, [])
            if not read_tags:
                head = line
                titled = name is not None and title != name
                expected_note = f"<{title}>: {read_text}" if titled else read_text
        if expected_note != note:
            data["note"] = note
            head = f"<{title}>"
        scheme_line = "----"
        if reason.scheme is not None:
            if _SIMPLE_RULES.fullmatch(reason.scheme):
                scheme_line = f"-- {reason.scheme} --"
            else:
                data["scheme"] = reason.scheme
        if data:
            self.with_data += 1
            head += " " + _flow({"argmap": data})
        yield [head, *self.undercut_lines(reason.undercut_by, title)]
        pcs = [f"({number}) {self.reference(p)}" for number, p in enumerate(premises, 1)]
        pcs.append(scheme_line)
        number = len(premises) + 1
        if role == "support":
            pcs.append(f"({number}) {self.reference(claim.id)}")
        else:
            target = self.titles[claim.id]
            pcs.append(
                f"({number}) [{self.conclusions[(claim.id, role, index)]}]: "
                f"It is not the case that @[{target}]."
            )
            pcs.append(f"{_INDENT}>< {self.reference(claim.id)}")
        yield pcs


def _unnamed_title(claim_id: str, role: str, index: int) -> str:
    """The title of a reason without id: its node in argmap's graph (`reason_node_id`)."""
    return f"{claim_id}:{'for' if role == 'support' else 'against'}:{index + 1}"


def _is_argument_tag(tag: str) -> bool:
    return tag.startswith("argdown:<") and tag.endswith(">")


def _title_in_tag(tag: str, argument: bool) -> str | None:
    opening, closing = ("<", ">") if argument else ("[", "]")
    if tag.startswith(f"argdown:{opening}") and tag.endswith(closing) and len(tag) > 10:
        return tag[9:-1]
    return None


def _unopened(text: str) -> str:
    """``text`` with what could open a token that runs on past its line escaped.

    A line is checked on its own (`_reparse`), but a ``{``, ``/*``, ``<!--``, ``#(`` or ``===``
    left open there would swallow the lines after it in the whole document, and a ``[`` would
    reach for the ``]`` of the line's {data} block. Backslashes are escaped too: the text's own
    ``\\{`` written as ``\\\\{`` would read back the same on its own line, an escaped backslash
    and a ``{`` that opens nothing there, and open a {data} block in the document.
    """
    return _OPENERS.sub(lambda m: "\\" + m.group(), text)


_OPENERS = re.compile(r"\\|\{|\[(?![^\]]+?\]\([^)]+?\))|/(?=\*)|<(?=!--)|#(?=\()|=(?==)")


def _heading_text(title: str) -> str:
    if not _RISKY.search(title) and _heading_title(title) == title:
        return title
    if _heading_title(_unopened(title)) == title:
        return _unopened(title)
    return _ESCAPE.sub(lambda m: "\\" + m.group(), _normalize(_PRINTABLE.sub(" ", title))) or "…"


class _GroupTree:
    """Records by group path, in the order the groups first occur."""

    def __init__(self) -> None:
        self.records: list[Claim | Evidence] = []
        self.children: dict[str, _GroupTree] = {}

    def add(self, path: list[str], record: Claim | Evidence) -> None:
        node = self
        for name in path:
            node = node.children.setdefault(name, _GroupTree())
        node.records.append(record)


def generate_argdown(amap: ArgumentMap) -> Iterator[str]:
    """The lines of ``amap`` as an Argdown document (see `write` for the report)."""
    with _no_cyclic_gc():
        lines = _Exporter(amap, ConversionReport("argmap map", NAME)).run()
    yield from lines


def write(amap: ArgumentMap, path: str | os.PathLike[str], force: bool = False) -> ConversionReport:
    """Write ``amap`` as an Argdown file at ``path``; the report lists what could not be carried."""
    from argmap.output import write_output

    report = ConversionReport("argmap map", os.fspath(path))
    with _no_cyclic_gc():
        lines = _Exporter(amap, report).run()
    write_output(path, "\n".join(lines) + "\n", force=force)
    return report
