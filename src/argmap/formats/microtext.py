"""The Argumentative Microtext Corpus's ArgGraph XML in (Peldszus & Stede 2015).

One ``<arggraph>`` holds a short text's elementary discourse units (``<edu>``, the exact words),
its argumentative units (``<adu type="pro|opp">``, proponent or opponent) and the edges between
them (``<edge type=...>``)::

    seg  edu -> adu    the words of the unit
    sup  adu -> adu    support
    exa  adu -> adu    support by example
    reb  adu -> adu    rebut: an attack on the unit
    und  adu -> edge   undercut: an attack on the inference of a sup/exa/reb (or und) edge
    add  adu -> edge   a further premise, linked with the source of the edge it targets

Each ADU becomes a claim quoting its words (its text, and its quote, checked against the
``.txt`` beside the XML); the role is kept as the tag ``proponent`` or ``opponent``; the central
claim (the ADU with no outgoing sup/exa/reb/und/add edge) is of kind thesis. Each sup/exa/reb
edge becomes a reason named by the edge id (so the foreign ids survive), its ``add`` premises
joining it as a linked group; an ``und`` edge puts its source in the ``undercut_by`` of the
reason it targets. What argmap cannot say (an undercut of an undercut; several ADUs that only
together undercut) is listed in the conversion report. docs/formats.md has the table.

`read` takes one ``.xml`` file, or a folder of them (such as ``corpus/en/``): the folder becomes
one map, every id prefixed with its file's stem (``micro_b001.a1``), one source per file.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from argmap.argument_map import ArgumentMap
from argmap.errors import MapLoadError
from argmap.findings import Finding
from argmap.formats import (
    Conversion,
    ConversionReport,
    read_foreign_bytes,
    refuse_lone_surrogates,
)
from argmap.model import ID_PATTERN, Claim, ClaimKind, MapConfig, Reason, Source
from argmap.span import Span

NAME = "microtext"
SUFFIXES: tuple[str, ...] = (".xml",)

EDGE_TYPES = ("seg", "sup", "exa", "reb", "und", "add")
ADU_TYPES = {"pro": "proponent", "opp": "opponent"}
RELATIONS = {"sup": "support", "exa": "support", "reb": "attack"}
"""The edges that become a reason of their own, and its role."""
SCHEMES = {"exa": "example"}

_ID = re.compile(ID_PATTERN)
_HEAD = 4096


def _foreign_error(span: Span, message: str) -> Finding:
    return Finding("AM009", "foreign-syntax", "error", span, message)


def slug(foreign: str) -> str:
    """An argmap id for a foreign id: the id itself when it is one, else a deterministic slug.

    >>> slug("a1"), slug("micro b001:a1"), slug("über")
    ('a1', 'micro-b001-a1', 'uber')
    """
    if len(foreign) <= _SLUG_LENGTH and _ID.match(foreign):
        return foreign
    ascii_text = unicodedata.normalize("NFKD", foreign).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_text).strip("-._")
    return text[:_SLUG_LENGTH].strip("-._") or "x"


_SLUG_LENGTH = 120  # ids may have 200 characters; room for a suffix that makes one unique


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    span: Span
    text: list[str] = field(default_factory=list)


class _Forbidden(Exception):
    def __init__(self, what: str) -> None:
        self.what = what


def parse_elements(data: bytes | str, path: str) -> tuple[_Element, list[_Element]]:
    """The ``<arggraph>`` element and its children, each with its position.

    DTDs and entity declarations are refused (an ArgGraph needs none, and they are how XML
    bombs work); every other XML error is reported where expat found it.
    """
    parser = expat.ParserCreate()
    root: list[_Element] = []
    children: list[_Element] = []
    stack: list[_Element] = []
    problems: list[Finding] = []

    def where() -> Span:
        return Span(path, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = _Element(tag, attrs, where())
        if not stack:
            root.append(element)
            if tag != "arggraph":
                problems.append(
                    _foreign_error(
                        element.span,
                        f"the document element is <{tag}>; expected <arggraph> (ArgGraph XML "
                        "of the Argumentative Microtext Corpus)",
                    )
                )
        elif len(stack) == 1:
            children.append(element)
        else:
            problems.append(
                _foreign_error(
                    element.span,
                    f"<{tag}> inside <{stack[-1].tag}>; expected <edu>, <adu> and <edge> only "
                    "directly inside <arggraph>",
                )
            )
        stack.append(element)

    def end(tag: str) -> None:
        stack.pop()

    def characters(text: str) -> None:
        if stack:
            stack[-1].text.append(text)

    def doctype(*args: object) -> None:
        raise _Forbidden("a document type declaration (<!DOCTYPE>)")

    def entity(*args: object) -> None:
        raise _Forbidden("an entity declaration (<!ENTITY>)")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    if isinstance(data, str):
        refuse_lone_surrogates(data, path)
    try:
        parser.Parse(data.encode("utf-8") if isinstance(data, str) else data, True)
    except LookupError as error:  # an XML declaration naming an encoding Python does not know
        raise MapLoadError(
            [
                _foreign_error(
                    Span(path, 1, 1),
                    f"the XML declaration names an encoding Python does not know ({error}); "
                    "expected encoding='UTF-8'",
                )
            ]
        ) from None
    except ValueError as error:  # one expat cannot decode ("multi-byte encodings are not ...")
        if "encoding" not in str(error):
            raise
        raise MapLoadError(
            [
                _foreign_error(
                    Span(path, 1, 1),
                    f"the XML declaration names an encoding the XML parser cannot read ({error});"
                    " expected encoding='UTF-8'",
                )
            ]
        ) from None
    except expat.ExpatError as error:
        message = expat.errors.messages[error.code] if error.code else str(error)
        raise MapLoadError(
            [
                _foreign_error(
                    Span(path, error.lineno, error.offset + 1),
                    f"not well-formed XML: {message}",
                )
            ]
        ) from None
    except _Forbidden as forbidden:
        raise MapLoadError(
            [
                _foreign_error(
                    where(),
                    f"{forbidden.what} is not allowed in ArgGraph XML; expected plain elements",
                )
            ]
        ) from None
    if problems:
        raise MapLoadError(problems)
    return root[0], children


@dataclass
class ArgGraph:
    """One ``<arggraph>``, checked: its units and edges by id, in document order."""

    id: str
    attrs: dict[str, str]
    edus: dict[str, _Element]
    adus: dict[str, _Element]
    edges: dict[str, _Element]


def _require(element: _Element, name: str, problems: list[Finding]) -> str | None:
    value = element.attrs.get(name)
    if value is None or not value.strip():
        problems.append(
            _foreign_error(element.span, f'<{element.tag}> has no {name}="..."; expected one')
        )
        return None
    return value


def check_graph(root: _Element, children: list[_Element], path: str) -> ArgGraph:
    """Check the elements' ids, types and edge ends; every problem found, each positioned."""
    problems: list[Finding] = []
    edus: dict[str, _Element] = {}
    adus: dict[str, _Element] = {}
    edges: dict[str, _Element] = {}
    seen: dict[str, _Element] = {}
    tables = {"edu": edus, "adu": adus, "edge": edges}
    for element in children:
        table = tables.get(element.tag)
        if table is None:
            problems.append(
                _foreign_error(
                    element.span, f"unknown element <{element.tag}>; expected edu, adu or edge"
                )
            )
            continue
        ident = _require(element, "id", problems)
        if ident is None:
            continue
        if ident in seen:
            first = seen[ident]
            problems.append(
                _foreign_error(
                    element.span,
                    f"the id {ident!r} is used twice (first by <{first.tag}> at "
                    f"{first.span.line}:{first.span.column}); expected unique ids",
                )
            )
            continue
        seen[ident] = element
        table[ident] = element
        if element.tag == "adu":
            kind = _require(element, "type", problems)
            if kind is not None and kind not in ADU_TYPES:
                problems.append(
                    _foreign_error(
                        element.span,
                        f"<adu id={ident!r}> has type {kind!r}; expected pro or opp",
                    )
                )
        elif element.tag == "edge":
            kind = _require(element, "type", problems)
            _require(element, "src", problems)
            _require(element, "trg", problems)
            if kind is not None and kind not in EDGE_TYPES:
                problems.append(
                    _foreign_error(
                        element.span,
                        f"<edge id={ident!r}> has type {kind!r}; expected one of "
                        f"{', '.join(EDGE_TYPES)}",
                    )
                )
    if not problems:
        problems.extend(_edge_end_problems(edus, adus, edges))
        segmented = {e.attrs["trg"] for e in edges.values() if e.attrs["type"] == "seg"}
        for ident, adu in adus.items():
            if ident not in segmented:
                problems.append(
                    _foreign_error(
                        adu.span,
                        f"<adu id={ident!r}> has no words: no seg edge leads to it from an edu",
                    )
                )
        for ident, edu in edus.items():
            if not "".join(edu.text).strip():
                problems.append(_foreign_error(edu.span, f"<edu id={ident!r}> has no text"))
    if problems:
        raise MapLoadError(problems)
    graph_id = root.attrs.get("id") or Path(path).stem
    return ArgGraph(graph_id, dict(root.attrs), edus, adus, edges)


def _edge_end_problems(
    edus: dict[str, _Element], adus: dict[str, _Element], edges: dict[str, _Element]
) -> list[Finding]:
    problems = []
    expected_ends = {
        "seg": ("edu", "adu"),
        "sup": ("adu", "adu"),
        "exa": ("adu", "adu"),
        "reb": ("adu", "adu"),
        "und": ("adu", "edge"),
        "add": ("adu", "edge"),
    }
    where = {
        **dict.fromkeys(edus, "edu"),
        **dict.fromkeys(adus, "adu"),
        **dict.fromkeys(edges, "edge"),
    }
    for ident, edge in edges.items():
        kind = edge.attrs["type"]
        for end, expected in zip(("src", "trg"), expected_ends[kind], strict=True):
            target = edge.attrs[end]
            found = where.get(target)
            if found == expected:
                continue
            what = f"the {found} {target!r}" if found else f"{target!r}, which is nothing here"
            problems.append(
                _foreign_error(
                    edge.span,
                    f"<edge id={ident!r} type={kind!r}> has {end} {what}; expected an {expected}",
                )
            )
        if kind in ("und", "add") and edges.get(edge.attrs["trg"]) is not None:
            target_kind = edges[edge.attrs["trg"]].attrs["type"]
            if target_kind == "seg":
                problems.append(
                    _foreign_error(
                        edge.span,
                        f"<edge id={ident!r} type={kind!r}> targets the seg edge "
                        f"{edge.attrs['trg']!r}; expected a sup, exa, reb, und or add edge",
                    )
                )
    if not problems:
        problems.extend(_add_cycles(edges))
    return problems


def _add_cycles(edges: dict[str, _Element]) -> list[Finding]:
    problems = []
    for ident, edge in edges.items():
        seen = {ident}
        current = edge
        while current.attrs["type"] in ("add", "und"):
            target = current.attrs["trg"]
            if target in seen:
                problems.append(
                    _foreign_error(
                        edge.span,
                        f"<edge id={ident!r}> leads back to itself through und/add edges; "
                        "expected each chain to end at a sup, exa or reb edge",
                    )
                )
                break
            seen.add(target)
            current = edges[target]
    return problems


class _Builder:
    """Claims from one checked `ArgGraph`, with ids prefixed by ``prefix``."""

    def __init__(
        self, graph: ArgGraph, prefix: str, source: str | None, report: ConversionReport
    ) -> None:
        self.graph = graph
        self.prefix = prefix
        self.source = source
        self.report = report
        self.reasons: dict[str, tuple[str, Reason]] = {}
        """sup/exa/reb edge id -> (the claim it bears on, its reason)."""

    def id(self, foreign: str) -> str:
        return self.prefix + slug(foreign)

    def root(self, edge_id: str) -> str:
        """The edge an add edge (or a chain of them) joins."""
        edges = self.graph.edges
        while edges[edge_id].attrs["type"] == "add":
            edge_id = edges[edge_id].attrs["trg"]
        return edge_id

    def claims(self) -> list[Claim]:
        graph = self.graph
        words: dict[str, list[str]] = {a: [] for a in graph.adus}
        for edge in graph.edges.values():
            if edge.attrs["type"] == "seg":
                words[edge.attrs["trg"]].append(edge.attrs["src"])
        used = {edu for edus in words.values() for edu in edus}
        for ident, edu in graph.edus.items():
            if ident not in used:
                text = " ".join("".join(edu.text).split())
                self.report.lose(
                    "an edu in no adu",
                    f"{graph.id} {ident}",
                    f"{text!r} is not argumentative in the corpus's analysis, so no claim has it",
                )
        outgoing = {
            e.attrs["src"] for e in graph.edges.values() if e.attrs["type"] in EDGE_TYPES[1:]
        }
        claims: dict[str, Claim] = {}
        for ident, adu in graph.adus.items():
            edus = sorted(words[ident], key=list(graph.edus).index)
            text = " ".join("".join(graph.edus[e].text).strip() for e in edus)
            claims[ident] = Claim(
                id=self.id(ident),
                kind=ClaimKind.CLAIM if ident in outgoing else ClaimKind.THESIS,
                text=text,
                quote=text,
                source=self.source,
                locator=", ".join(edus),
                tags=[ADU_TYPES[adu.attrs["type"]]],
            )
        self._relate(claims)
        return list(claims.values())

    def _relate(self, claims: dict[str, Claim]) -> None:
        edges = self.graph.edges
        for ident, edge in edges.items():
            kind = edge.attrs["type"]
            if kind not in RELATIONS:
                continue
            reason = Reason(
                id=self.id(ident),
                premises=[self.id(edge.attrs["src"])],
                scheme=SCHEMES.get(kind),
            )
            target = claims[edge.attrs["trg"]]
            (target.supported_by if RELATIONS[kind] == "support" else target.attacked_by).append(
                reason
            )
            self.reasons[ident] = (edge.attrs["trg"], reason)
        # Undercuts, with the further premises that join them.
        undercutters: dict[str, list[str]] = {}
        for ident, edge in edges.items():
            if edge.attrs["type"] == "und":
                undercutters[ident] = [edge.attrs["src"]]
        for edge in edges.values():
            if edge.attrs["type"] != "add":
                continue
            joined = self.root(edge.attrs["trg"])
            source = self.id(edge.attrs["src"])
            if joined in self.reasons:
                self.reasons[joined][1].premises.append(source)
            else:
                undercutters[joined].append(edge.attrs["src"])
        for ident, sources in undercutters.items():
            self._undercut(ident, sources, claims)

    def _undercut(self, ident: str, sources: list[str], claims: dict[str, Claim]) -> None:
        edges = self.graph.edges
        target = self.root(edges[ident].attrs["trg"])
        names = " + ".join(sources)
        subject = f"{self.graph.id} {ident}"
        if target not in self.reasons:
            # An undercut of an undercut: argmap's undercutters are records, not reasons.
            undercut = edges[target]
            for source in sources:
                claim = claims[source]
                line = (
                    f"In the corpus, this unit undercuts the undercut {target} "
                    f"({undercut.attrs['src']} against {undercut.attrs['trg']}); argmap cannot "
                    "undercut an undercut, so the relation is not in the map."
                )
                claim.note = f"{claim.note}\n{line}" if claim.note else line
            self.report.lose(
                "an undercut of an undercut",
                subject,
                f"{names} undercut{'s' if len(sources) == 1 else ''} the undercut {target}; "
                "argmap undercuts only reasons for or against a claim, so the relation is left "
                "out (a note on the claim says so)",
            )
            return
        reason = self.reasons[target][1]
        for source in sources:
            undercutter = self.id(source)
            if undercutter not in reason.undercut_by:
                reason.undercut_by.append(undercutter)
        if len(sources) > 1:
            self.report.lose(
                "a linked undercut",
                subject,
                f"{names} undercut {target} only together; argmap's undercutters each count on "
                "their own, so each is an undercutter of its own",
            )


def _graph_from(data: bytes | str, path: str) -> ArgGraph:
    root, children = parse_elements(data, path)
    return check_graph(root, children, path)


def _source(graph: ArgGraph, text: Path | None) -> Source:
    details = "; ".join(f"{k}: {v}" for k, v in graph.attrs.items() if k != "id")
    return Source(
        title=graph.id,
        text=str(text) if text is not None else None,
        note=f"Argumentative Microtext Corpus ArgGraph ({details})"
        if details
        else "Argumentative Microtext Corpus ArgGraph",
    )


def parse_microtext(
    data: bytes | str, path: str = "<microtext>", text: Path | None = None
) -> Conversion:
    """One ArgGraph XML document as a map; ``text`` is the path of its plain text, if any."""
    report = ConversionReport(path, NAME)
    graph = _graph_from(data, path)
    key = slug(graph.id)
    claims = _Builder(graph, "", None, report).claims()
    config = MapConfig(title=graph.id, source=key, sources={key: _source(graph, text)})
    if text is None:
        report.notes.append(
            "no plain text beside the XML: quotes cannot be checked against their source"
        )
    return Conversion(ArgumentMap(claims=claims, config=config), report)


def _text_beside(xml: Path) -> Path | None:
    text = xml.with_suffix(".txt")
    return text.resolve() if text.is_file() else None


def read(path: str | os.PathLike[str], progress: Callable[[int], None] | None = None) -> Conversion:
    """A ``.xml`` file, or a folder of them as one map (ids prefixed by each file's stem).

    For a folder, ``progress`` (if given) is called with the number of files about to be read,
    then with 1 after each of them.
    """
    target = Path(path)
    if not target.is_dir():
        conversion = parse_microtext(read_foreign_bytes(target), str(path), _text_beside(target))
        copied = _copy_texts(conversion, target.parent)
        if copied:
            conversion.report.notes.append(
                f"the plain text beside the XML is copied into the map as {copied[0]}, where "
                "its quotes are checked"
            )
        return conversion
    files = sorted(p for p in target.glob("*.xml") if p.is_file())
    report = ConversionReport(str(path), NAME)
    if not files:
        raise MapLoadError(
            [_foreign_error(Span(str(path), 1, 1), "the folder has no .xml files to import")]
        )
    claims: list[Claim] = []
    sources: dict[str, Source] = {}
    problems: list[Finding] = []
    missing_text = []
    if progress is not None:
        progress(len(files))
    for file in files:
        try:
            graph = _graph_from(read_foreign_bytes(file), str(file))
        except MapLoadError as error:
            problems.extend(error.findings)
        else:
            key = slug(file.stem)
            plain = _text_beside(file)
            if plain is None:
                missing_text.append(file.name)
            sources[key] = _source(graph, plain)
            claims.extend(_Builder(graph, f"{key}.", key, report).claims())
        if progress is not None:
            progress(1)
    if problems:
        raise MapLoadError(problems)
    report.notes.append(
        f"{len(files)} files, one map: each id is prefixed with its file's stem; each file's "
        "plain text is copied into the map's sources/ folder, where its quotes are checked"
    )
    if missing_text:
        report.notes.append(f"no plain text beside: {', '.join(missing_text)}")
    config = MapConfig(title=target.resolve().name, sources=sources)
    conversion = Conversion(ArgumentMap(claims=claims, config=config), report)
    _copy_texts(conversion, target)
    return conversion


def _copy_texts(conversion: Conversion, folder: Path) -> list[str]:
    """Point each source's ``text:`` at a copy inside the map (``sources/KEY.txt``, written with
    the map from `Conversion.files`), so the map is whole and its quotes are checked without
    reading outside it (docs/security.md); the paths of the copies.

    Only a text inside ``folder`` (the corpus being imported), once symlinks are followed, is
    copied: a link beside the XML that leads elsewhere is not, and its source keeps no text.
    """
    base = os.path.realpath(folder)
    sources = conversion.map.config.sources
    copied = []
    for key, source in list(sources.items()):
        if source.text is None:
            continue
        real = os.path.realpath(source.text)
        if not real.startswith(base.rstrip(os.sep) + os.sep):
            conversion.report.lose(
                "a source's plain text",
                key,
                f"{source.text} lies outside {folder} (a symlink leads out), so it is not copied",
            )
            sources[key] = source.model_copy(update={"text": None})
            continue
        relative = f"sources/{key}.txt"
        conversion.files[relative] = read_foreign_bytes(real)
        sources[key] = source.model_copy(update={"text": relative})
        copied.append(relative)
    return copied


def sniff(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is ArgGraph XML (its first few kilobytes hold ``<arggraph``)."""
    try:
        with open(path, "rb") as handle:
            return b"<arggraph" in handle.read(_HEAD)
    except OSError:
        return False


def sniff_folder(path: str | os.PathLike[str]) -> bool:
    """Whether the folder holds ArgGraph XML files."""
    return any(sniff(p) for p in sorted(Path(path).glob("*.xml"))[:5])
