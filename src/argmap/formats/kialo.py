"""Kialo's text export in: a numbered tree of pro and con claims.

Kialo (kialo.com) exports a discussion as plain text::

    Discussion Title: Can Religious Faith and Science Co-exist?

    1. Religious Faith \\(Theology\\) and Science Can Co-exist.
    1.1. Con: Religious faith promotes unscientific thought.
    1.1.1. Con: Some religious texts promote experimentation and scientific thought.
    1.1.2. Pro: -> See 1.3.4.
    1.1.3. Con: -> See discussion #8515: Jesus probably did not exist as an historical person

A top-level number (``1.``) is a thesis; a deeper one is a claim for (``Pro:``) or against
(``Con:``) the claim one level up. ``-> See 1.3.4.`` says that claim 1.3.4, written elsewhere in
the tree, also speaks for or against this parent: the relation is added to the existing claim,
not a copy. ``-> See discussion #N: title`` points to another discussion, which the export does
not hold: it becomes a claim with that title (and the loss is reported). A line that does not
start with a number continues the text above it (texts may span lines). Kialo writes its texts
in Markdown with backslash escapes (``\\(``); they are read as the characters they stand for.

Each claim's id is ``k`` and its number (``k1.1.2``), and its ``locator`` the number as Kialo
wrote it. A malformed line (a number without its ``Pro:``/``Con:``, a parent that is not there,
a link to nothing) stops the import with every problem positioned.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from argmap.argument_map import ArgumentMap
from argmap.errors import MapLoadError
from argmap.findings import Finding
from argmap.formats import (
    Conversion,
    ConversionReport,
    read_foreign_text,
    refuse_lone_surrogates,
)
from argmap.model import Claim, ClaimKind, MapConfig, Reason
from argmap.span import Span

NAME = "kialo"
SUFFIXES: tuple[str, ...] = (".txt",)

ID_PREFIX = "k"

_TITLE = re.compile(r"^Discussion Title:[ \t]*(.*)$")
_NODE = re.compile(r"^(\d+(?:\.\d+)*)\.(?:[ \t]+(.*))?$")
_ROLE = re.compile(r"^(Pro|Con):(?:[ \t]+(.*))?$")
_SUSPECT = re.compile(r"^\d+(?:\.\d+)*\.?[ \t]*(?:pro|con)\b", re.IGNORECASE)
"""A line that means to be a node (a number and a role) but is not written as one."""
_LINK = re.compile(r"^->[ \t]*See[ \t]+(\d+(?:\.\d+)*)\.?[ \t]*$")
_DISCUSSION = re.compile(r"^->[ \t]*See[ \t]+discussion[ \t]+#(\d+)(?::[ \t]*(.*))?$")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _foreign_error(span: Span, message: str) -> Finding:
    return Finding("AM009", "foreign-syntax", "error", span, message)


def unescape(text: str) -> str:
    r"""Markdown's backslash escapes read as the characters they stand for.

    >>> unescape(r"Religious Faith \(Theology\) and 5 \* 3")
    'Religious Faith (Theology) and 5 * 3'
    """
    return _ESCAPE.sub(r"\1", text)


def claim_id(number: str) -> str:
    """The argmap id of Kialo's claim ``number``.

    >>> claim_id("1.1.2")
    'k1.1.2'
    """
    return f"{ID_PREFIX}{number}"


@dataclass
class _Node:
    number: str
    role: str | None
    """``Pro``, ``Con``, or None for a thesis."""
    span: Span
    lines: list[str] = field(default_factory=list)
    link: str | None = None
    """The number a ``-> See`` line points to."""
    link_span: Span | None = None
    discussion: tuple[str, str] | None = None
    """(number, title) of a ``-> See discussion #N`` line."""

    @property
    def parent(self) -> str | None:
        return self.number.rpartition(".")[0] or None

    @property
    def text(self) -> str:
        return unescape("\n".join(self.lines).strip())


@dataclass
class KialoTree:
    """The lines of one export, read: its title and its nodes in file order."""

    title: str | None
    nodes: dict[str, _Node]


def _read_node(
    match: re.Match[str], line: str, lineno: int, path: str, problems: list[Finding]
) -> _Node | None:
    number, rest = match.group(1), match.group(2) or ""
    span = Span(path, lineno, 1)
    rest_column = len(line) - len(rest) + 1
    depth = number.count(".") + 1
    role_match = _ROLE.match(rest)
    role = role_match.group(1) if role_match else None
    if depth == 1 and role is not None:
        problems.append(
            _foreign_error(
                Span(path, lineno, rest_column),
                f"the thesis {number}. has a role ({role}:); expected the top-level claim "
                "without Pro: or Con:",
            )
        )
        return None
    if depth > 1 and role is None:
        problems.append(
            _foreign_error(
                Span(path, lineno, rest_column),
                f"claim {number}. has no role; expected 'Pro:' or 'Con:' after the number",
            )
        )
        return None
    text = (role_match.group(2) or "") if role_match else rest
    text_column = len(line) - len(text) + 1
    node = _Node(number, role, span)
    if text.startswith("->"):
        link = _LINK.match(text)
        discussion = _DISCUSSION.match(text)
        if link:
            node.link = link.group(1)
            node.link_span = Span(path, lineno, text_column + text.index(link.group(1)))
        elif discussion:
            node.discussion = (discussion.group(1), unescape((discussion.group(2) or "").strip()))
        else:
            problems.append(
                _foreign_error(
                    Span(path, lineno, text_column),
                    f"a malformed link {text!r}; expected '-> See 1.2.3.' or "
                    "'-> See discussion #123: title'",
                )
            )
            return None
    else:
        node.lines.append(text)
    return node


def parse_tree(text: str, path: str = "<kialo>") -> KialoTree:
    """Read the lines of a Kialo export; every malformed line is reported, positioned."""
    problems: list[Finding] = []
    title: str | None = None
    nodes: dict[str, _Node] = {}
    current: _Node | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if lineno == 1 and line.startswith("\ufeff"):
            line = line[1:]
        title_match = _TITLE.match(line)
        if title_match and not nodes and title is None:
            title = unescape(title_match.group(1).strip()) or None
            continue
        match = _NODE.match(line)
        if match is None:
            if _SUSPECT.match(line):
                problems.append(
                    _foreign_error(
                        Span(path, lineno, 1),
                        f"{_shorten(line)!r} is not a claim line; expected a number ending "
                        "in '.', a space, then 'Pro:' or 'Con:' (as in '1.2. Pro: ...')",
                    )
                )
                continue
            if current is None:
                if line.strip():
                    problems.append(
                        _foreign_error(
                            Span(path, lineno, 1),
                            f"{_shorten(line)!r} comes before the first claim; expected "
                            "'Discussion Title: ...' or a thesis such as '1. ...'",
                        )
                    )
                continue
            if current.link is not None or current.discussion is not None:
                if line.strip():
                    problems.append(
                        _foreign_error(
                            Span(path, lineno, 1),
                            f"text after the link of {current.number}.; expected the link "
                            "alone on its line",
                        )
                    )
                continue
            current.lines.append(line)
            continue
        node = _read_node(match, line, lineno, path, problems)
        if node is None:
            current = None
            continue
        first = nodes.get(node.number)
        if first is not None:
            problems.append(
                _foreign_error(
                    node.span,
                    f"the number {node.number}. is used twice (first on line "
                    f"{first.span.line}); expected each claim numbered once",
                )
            )
            current = None
            continue
        if node.parent is not None and node.parent not in nodes:
            problems.append(
                _foreign_error(
                    node.span,
                    f"claim {node.number}. has no parent: no {node.parent}. above it",
                )
            )
        nodes[node.number] = node
        current = node
    for node in nodes.values():
        if node.link is None:
            if node.discussion is None and not node.text:
                problems.append(_foreign_error(node.span, f"claim {node.number}. has no text"))
            continue
        assert node.link_span is not None
        target = nodes.get(node.link)
        if target is None:
            problems.append(
                _foreign_error(
                    node.link_span, f"'-> See {node.link}.' points to no claim in this export"
                )
            )
        elif _resolve(nodes, node.number) is None:
            problems.append(
                _foreign_error(
                    node.link_span, f"'-> See {node.link}.' leads round a circle of links"
                )
            )
    if problems:
        raise MapLoadError(sorted(problems, key=lambda f: (f.span.line, f.span.column)))
    return KialoTree(title, nodes)


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _resolve(nodes: dict[str, _Node], number: str) -> str | None:
    """The number of the claim a node stands for: itself, or what its links lead to (None when
    they lead round a circle; a number of no claim when a link on the way points nowhere)."""
    seen = set()
    while number in nodes and nodes[number].link is not None:
        if number in seen:
            return None
        seen.add(number)
        target = nodes[number].link
        assert target is not None
        number = target
    return number


def build_map(tree: KialoTree, report: ConversionReport) -> ArgumentMap:
    """The claims of a read export, with a relation for every Pro/Con line and link."""
    nodes = tree.nodes
    claims: dict[str, Claim] = {}
    for node in nodes.values():
        if node.link is not None:
            continue
        text = node.text
        note = None
        tags: list[str] = []
        if node.discussion is not None:
            number, title = node.discussion
            text = title or f"Kialo discussion #{number}"
            tags = [f"kialo-discussion-{number}"]
            note = f"A link to Kialo discussion #{number}, which this export does not hold."
            report.lose(
                "a link to another discussion",
                claim_id(node.number),
                f"discussion #{number} is not in this export; the claim holds its title only",
            )
        claims[node.number] = Claim(
            id=claim_id(node.number),
            kind=ClaimKind.THESIS if node.role is None else ClaimKind.CLAIM,
            text=text,
            locator=node.number,
            tags=tags,
            note=note,
        )
    seen: set[tuple[str, str, str]] = set()
    for node in nodes.values():
        if node.role is None or node.parent is None:
            continue
        parent = _resolve(nodes, node.parent)
        premise = _resolve(nodes, node.number)
        assert parent is not None and premise is not None
        key = (parent, node.role, premise)
        if key in seen:
            report.notes.append(
                f"{node.number}. repeats the {node.role} of {premise}. for {parent}.; "
                "it is one relation in the map"
            )
            continue
        seen.add(key)
        reason = Reason(premises=[claim_id(premise)])
        target = claims[parent]
        (target.supported_by if node.role == "Pro" else target.attacked_by).append(reason)
    question = tree.title if tree.title and tree.title.endswith("?") else None
    config = MapConfig(title=tree.title, question=question)
    return ArgumentMap(claims=claims.values(), config=config)


def parse_kialo(text: str, path: str = "<kialo>") -> Conversion:
    """A Kialo text export as a map, with the report of what it could not carry."""
    report = ConversionReport(path, NAME)
    refuse_lone_surrogates(text, path)
    tree = parse_tree(text, path)
    if not tree.nodes:
        raise MapLoadError(
            [_foreign_error(Span(path, 1, 1), "no claims: expected a thesis such as '1. ...'")]
        )
    links = sum(1 for n in tree.nodes.values() if n.link is not None)
    if links:
        report.notes.append(
            f"{links} '-> See' link{'s' if links != 1 else ''} added as relations of the "
            "claims they point to"
        )
    return Conversion(build_map(tree, report), report)


def read(path: str | os.PathLike[str]) -> Conversion:
    text = read_foreign_text(path, "a Kialo export")
    return parse_kialo(text, str(path))


def sniff(path: str | os.PathLike[str]) -> bool:
    """Whether a ``.txt`` file is a Kialo export: it starts with a title or a thesis ``1.``."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    for line in head.lstrip("\ufeff").splitlines():
        if line.strip():
            return bool(_TITLE.match(line) or re.match(r"^1\.[ \t]", line))
    return False
