"""AIF JSON (the AIFdb / OVA / Araucaria nodeset format), in and out.

An AIF nodeset is bipartite, as argmap's graph is: I-nodes (propositions) on one side, scheme
nodes on the other: RA (an inference: support), CA (a conflict: attack), MA (a rephrase), PA (a
preference). A relation always runs I → S → I; the I-nodes into one RA are one linked premise
group; a CA whose target is a scheme node is an undercut of that inference (or conflict).
Dialogical AIF adds L-nodes (locutions: "Speaker : words"), YA-nodes (illocutions such as
Asserting, which anchor an I-node or an inference in a locution), TA-nodes (transitions between
locutions) and a ``locutions`` list (person, time, place in a transcript).

Reading:

* I-node → claim; its ``nodeID`` is the claim id when it is a valid argmap id (AIFdb's numeric
  ids are), else a slug of it, with the original kept in the tag ``aif:<nodeID>``;
* RA → a support reason of its conclusion, every I-node into it a premise (so several form one
  linked group), its scheme (``scheme`` or the text, unless generic) the reason's ``scheme``;
* CA → I → an attack reason; CA → RA/CA → that reason's ``undercut_by`` (argmap undercutters
  are single records: the premises of a linked undercut become separate undercutters, reported);
* MA → a support reason with scheme ``rephrase`` (reported: argmap has no rephrase relation);
* PA, supports of inferences and attacks on undercuts have no argmap form: reported, and noted
  on the records involved;
* L → YA → I: the locution's words become the claim's ``quote``, the speaker its ``locator``, the
  illocution (with locution and person) a line of its ``note``; TA-nodes, YA-nodes anchoring
  inferences and unanchored locutions are reported.

Writing: claims and evidence become I-nodes (evidence: its summary), each reason an RA (or MA,
for scheme ``rephrase``) or CA with its premises, each undercutter a CA aimed at the reason's
node, each quote an L-node anchored by an Asserting YA-node. What AIF has no field for (claim
kinds, evidence grades, sources, notes, the map's settings) is kept under the key ``"argmap"``
of the node (and of the document), which argmap reads back and other AIF tools ignore; the
conversion report lists it as not carried by AIF.

A malformed file (not JSON, an edge to a missing node, a scheme node without premise or
conclusion) fails with AM009 at the offending line and column.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from argmap.argument_map import ArgumentMap
from argmap.errors import MapLoadError
from argmap.findings import Finding, sorted_findings
from argmap.formats import Conversion, ConversionReport
from argmap.formats.json_ import (
    config_json,
    foreign_error,
    json_positions,
    load_json,
    lose_fields,
    position,
    read_json_text,
    record_json,
    safe_json,
)
from argmap.model import ID_PATTERN, Claim, Evidence, MapConfig, Reason
from argmap.output import write_output
from argmap.span import Span
from argmap.yamlread import YamlDocuments

NAME = "aif"
SUFFIXES: tuple[str, ...] = (".json",)
EXTENSION = "argmap"
"""The key, on a node and on the document, of the fields argmap keeps that AIF has none for."""
EXTENSION_FORMAT = 1

SCHEME_TYPES = ("RA", "CA", "MA", "PA")
DIALOGUE_TYPES = ("L", "YA", "TA")
NODE_TYPES = ("I", *SCHEME_TYPES, *DIALOGUE_TYPES)
DEFAULT_TEXT = {
    "RA": "Default Inference",
    "CA": "Default Conflict",
    "MA": "Default Rephrase",
    "PA": "Default Preference",
}
GENERIC_SCHEMES = frozenset({*SCHEME_TYPES, *DEFAULT_TEXT.values(), "", "YA", "TA"})
"""Scheme-node texts that name no scheme: they become no ``scheme`` on the reason."""
REPHRASE = "rephrase"
"""The scheme of a support reason read from (and written back as) an MA node."""
ASSERTING = "Asserting"

_NODE_KEYS = frozenset({"nodeID", "text", "type", "timestamp", "scheme", "schemeID", EXTENSION})
_EDGE_KEYS = frozenset({"edgeID", "fromID", "toID", "formEdgeID"})
_TOP_KEYS = frozenset({"nodes", "edges", "locutions", EXTENSION})
_ID = re.compile(ID_PATTERN)
_SPEAKER = re.compile(r"^(?P<speaker>[^\s:][^:\n]{0,58}?)\s+:\s+(?P<words>.+)$", re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")
_NODES_MARK = re.compile(rb'"nodes"\s*:\s*\[')
_ARGMAP_JSON_MARK = re.compile(rb'"argmap"\s*:\s*\d')

_NATIVE = frozenset({"id", "text", "summary", "supported_by", "attacked_by", "quote"})
_NATIVE_REASON = frozenset({"reason.premises", "reason.undercut_by", "reason.scheme"})


# --- reading -----------------------------------------------------------------------------------


@dataclass
class _Node:
    key: str
    type: str
    text: str
    index: int
    data: dict[str, Any]


@dataclass
class _Draft:
    """A record being built from an I-node."""

    node: _Node
    id: str
    extension: tuple[str, dict[str, Any]] | None = None
    supported_by: list[dict[str, Any]] = field(default_factory=list)
    attacked_by: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    quote: str | None = None
    locator: str | None = None

    @property
    def is_evidence(self) -> bool:
        return self.extension is not None and self.extension[0] == "evidence"


class _Reader:
    """One AIF text being read: its data, positions on demand, and what it loses."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self._docs: YamlDocuments | None = None
        self.errors: list[Finding] = []
        self.report = ConversionReport(path, "argmap map")

    def at(self, *loc: Any) -> Span:
        if self._docs is None:
            self._docs = json_positions(self.text, self.path)
        return position(self._docs, loc, self.path)

    @property
    def docs(self) -> YamlDocuments:
        self.at()
        assert self._docs is not None
        return self._docs

    def error(self, message: str, *loc: Any, subject: str | None = None) -> None:
        self.errors.append(foreign_error(self.at(*loc), message, subject))

    def stop(self) -> None:
        if self.errors:
            raise MapLoadError(sorted_findings(self.errors))


def _key(value: Any) -> str | None:
    """A node id as text (OVA writes numbers), or None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    return value if isinstance(value, str) and value != "" else None


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}" if value else "empty text"
    return "a list" if isinstance(value, list) else "an object"


def _scheme_of(node: _Node) -> str | None:
    """The scheme a scheme node names: its ``scheme`` member, else its text; None if generic."""
    scheme = node.data.get("scheme")
    name = scheme if isinstance(scheme, str) and scheme.strip() else node.text
    return None if name.strip() in GENERIC_SCHEMES else name


def _listing(items: list[str], limit: int = 6) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _slug(raw: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", raw).strip("-._")[:120]
    return slug or "node"


def _read_nodes(reader: _Reader, data: dict[str, Any]) -> dict[str, _Node]:
    nodes: dict[str, _Node] = {}
    items = data["nodes"]
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            reader.error(
                f"node {index + 1} is {_describe(item)}; expected an object", "nodes", index
            )
            continue
        key = _key(item.get("nodeID"))
        if key is None:
            where = ("nodes", index, "nodeID") if "nodeID" in item else ("nodes", index)
            reader.error(
                f"node {index + 1} has no usable nodeID (found "
                f"{_describe(item.get('nodeID')) if 'nodeID' in item else 'none'}); expected "
                "text or a number that names the node",
                *where,
            )
            continue
        kind = item.get("type")
        if kind not in NODE_TYPES:
            where = ("nodes", index, "type") if "type" in item else ("nodes", index)
            found = _describe(kind) if "type" in item else "no type"
            reader.error(
                f"node {key}: {found} is not an AIF node type; expected one of "
                f"{', '.join(NODE_TYPES)}",
                *where,
                subject=key,
            )
            continue
        text = item.get("text")
        if text is None and kind != "I":
            text = ""
        if not isinstance(text, str):
            where = ("nodes", index, "text") if "text" in item else ("nodes", index)
            reader.error(
                f"{kind}-node {key}: its text is {_describe(text) if 'text' in item else 'missing'}"
                "; expected text",
                *where,
                subject=key,
            )
            continue
        if kind == "I" and not text:
            reader.error(
                f"I-node {key} has no text; expected the proposition it stands for",
                "nodes",
                index,
                "text",
                subject=key,
            )
            continue
        bad = _SURROGATE.search(text)
        if bad is not None:
            reader.error(
                f"{kind}-node {key}: its text holds a lone surrogate "
                f"\\u{ord(bad.group()):04x} (half of a UTF-16 pair), which is not text; "
                "expected valid Unicode",
                "nodes",
                index,
                "text",
                subject=key,
            )
            continue
        if key in nodes:
            first = reader.at("nodes", nodes[key].index)
            reader.error(
                f"duplicate nodeID {key!r}: also the id of the node at line {first.line}, "
                f"column {first.column}; expected every nodeID once",
                "nodes",
                index,
                "nodeID",
                subject=key,
            )
            continue
        nodes[key] = _Node(key, kind, text, index, item)
    return nodes


def _read_edges(
    reader: _Reader, data: dict[str, Any], nodes: dict[str, _Node]
) -> list[tuple[str, str, int]]:
    edges: list[tuple[str, str, int]] = []
    for index, item in enumerate(data["edges"]):
        if not isinstance(item, dict):
            reader.error(
                f"edge {index + 1} is {_describe(item)}; expected an object", "edges", index
            )
            continue
        ends: list[str] = []
        for end in ("fromID", "toID"):
            key = _key(item.get(end))
            if key is None:
                where = ("edges", index, end) if end in item else ("edges", index)
                reader.error(
                    f"edge {index + 1} has no usable {end} (found "
                    f"{_describe(item.get(end)) if end in item else 'none'}); expected the "
                    "nodeID of a node",
                    *where,
                )
            elif key not in nodes:
                reader.error(
                    f"edge {index + 1}: {end} {key!r} names no node of the nodeset; expected "
                    "the nodeID of one of its nodes",
                    "edges",
                    index,
                    end,
                    subject=key,
                )
            else:
                ends.append(key)
        if len(ends) != 2:
            continue
        source, target = ends
        if nodes[source].type == "I" and nodes[target].type == "I":
            reader.error(
                f"edge {index + 1} links I-node {source} straight to I-node {target}; AIF links "
                "propositions only through a scheme node (RA, CA, MA or PA)",
                "edges",
                index,
            )
            continue
        edges.append((source, target, index))
    return edges


def _check_scheme_nodes(
    reader: _Reader,
    nodes: dict[str, _Node],
    ins: dict[str, list[str]],
    outs: dict[str, list[str]],
) -> None:
    names = {
        "RA": "inference",
        "CA": "conflict",
        "MA": "rephrase",
        "PA": "preference",
    }
    for node in nodes.values():
        if node.type not in SCHEME_TYPES:
            continue
        what = f"{node.type}-node {node.key} ({names[node.type]})"
        sources = ("I", *SCHEME_TYPES) if node.type == "PA" else ("I",)
        if not [s for s in ins[node.key] if nodes[s].type in sources]:
            reader.error(
                f"{what} has no premise: no edge into it from an I-node; expected at least one",
                "nodes",
                node.index,
                subject=node.key,
            )
        targets = [t for t in outs[node.key] if nodes[t].type in ("I", *SCHEME_TYPES)]
        if not targets:
            reader.error(
                f"{what} has no conclusion: no edge from it to an I-node or scheme node; "
                "expected one",
                "nodes",
                node.index,
                subject=node.key,
            )


def _record_ids(nodes: dict[str, _Node], preset: dict[str, str]) -> dict[str, str]:
    """Claim ids for the I-nodes: ``preset`` (from argmap's extension), else the nodeID itself
    when it is a valid id, else a unique slug of it."""
    ids: dict[str, str] = dict(preset)
    taken = {n.key for n in nodes.values() if n.type == "I" and _valid_id(n.key)}
    taken.update(preset.values())
    for node in nodes.values():
        if node.type != "I" or node.key in preset:
            continue
        if _valid_id(node.key) and node.key not in preset.values():
            ids[node.key] = node.key
            continue
        base = _slug(node.key)
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        ids[node.key] = candidate
    return ids


def _valid_reason_fields(reader: _Reader, node: _Node, fields: dict[str, Any]) -> bool:
    try:
        Reason.model_validate({**fields, "premises": ["p"]})
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            loc = tuple(problem["loc"])
            label = ".".join(str(part) for part in loc)
            reader.error(
                f'{node.type}-node {node.key}: "{EXTENSION}.reason.{label}": '
                f"{problem['msg'][:1].lower() + problem['msg'][1:]}",
                "nodes",
                node.index,
                EXTENSION,
                "reason",
                *loc,
                subject=node.key,
            )
        return False
    return True


def _valid_id(key: str) -> bool:
    return len(key) <= 200 and _ID.match(key) is not None


def _extension(reader: _Reader, node: _Node, allowed: tuple[str, ...]) -> tuple[str, Any] | None:
    value = node.data.get(EXTENSION)
    if value is None:
        return None
    if not isinstance(value, dict) or len(value) != 1 or next(iter(value)) not in allowed:
        reader.error(
            f'{node.type}-node {node.key}: "{EXTENSION}" is {_describe(value)} with keys '
            f"{', '.join(map(repr, value)) if isinstance(value, dict) else '-'}; expected an "
            f"object with one of {', '.join(map(repr, allowed))} (argmap's own fields)",
            "nodes",
            node.index,
            EXTENSION,
            subject=node.key,
        )
        return None
    kind, fields = next(iter(value.items()))
    if not isinstance(fields, dict):
        reader.error(
            f'{node.type}-node {node.key}: "{EXTENSION}.{kind}" is {_describe(fields)}; '
            "expected an object of argmap fields",
            "nodes",
            node.index,
            EXTENSION,
            kind,
            subject=node.key,
        )
        return None
    native = sorted(set(fields) & {"text", "summary", "supported_by", "attacked_by"})
    if kind == "reason":
        native = sorted(set(fields) & {"premises", "undercut_by"})
    if native:
        reader.error(
            f'{node.type}-node {node.key}: "{EXTENSION}.{kind}" holds {", ".join(native)}, '
            "which the AIF node and its edges say; expected only the fields AIF has no place for",
            "nodes",
            node.index,
            EXTENSION,
            kind,
            native[0],
            subject=node.key,
        )
        return None
    return kind, fields


class _Importer:
    def __init__(self, text: str, path: str) -> None:
        self.reader = _Reader(text, path)

    def lose(self, what: str, subject: str | None = None, why: str = "") -> None:
        self.reader.report.lose(what, subject, why)

    def run(self) -> Conversion:
        reader = self.reader
        data = load_json(reader.text, reader.path, "AIF JSON")
        if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
            found = (
                _describe(data)
                if not isinstance(data, dict)
                else f'an object whose "nodes" is {_describe(data.get("nodes"))}'
                if "nodes" in data
                else 'an object without "nodes"'
            )
            loc = ("nodes",) if isinstance(data, dict) and "nodes" in data else ()
            reader.error(
                f'the document is {found}; expected an AIF nodeset: an object with "nodes" and '
                '"edges" lists',
                *loc,
            )
            reader.stop()
        if not isinstance(data.get("edges", []), list):
            reader.error(f'"edges" is {_describe(data["edges"])}; expected a list', "edges")
        locutions = data.get("locutions") or []
        if not isinstance(locutions, list):
            reader.error(f'"locutions" is {_describe(locutions)}; expected a list', "locutions")
            locutions = []
        data.setdefault("edges", [])
        reader.stop()

        nodes = _read_nodes(reader, data)
        reader.stop()  # else an edge to a node refused above would be reported as well
        edges = _read_edges(reader, data, nodes)
        reader.stop()
        if not any(n.type == "I" for n in nodes.values()):
            reader.error(
                "the nodeset has no I-node; expected at least one proposition to import", "nodes"
            )
            reader.stop()
        ins: dict[str, list[str]] = {key: [] for key in nodes}
        outs: dict[str, list[str]] = {key: [] for key in nodes}
        for source, target, _ in edges:
            if target not in outs[source]:
                outs[source].append(target)
                ins[target].append(source)
        _check_scheme_nodes(reader, nodes, ins, outs)
        reader.stop()

        self.nodes, self.ins, self.outs = nodes, ins, outs
        extensions: dict[str, tuple[str, dict[str, Any]]] = {}
        preset: dict[str, str] = {}
        for node in nodes.values():
            if node.type != "I":
                continue
            ext = _extension(reader, node, ("claim", "evidence"))
            if ext is None:
                continue
            extensions[node.key] = ext
            if "id" in ext[1]:
                wanted = ext[1]["id"]
                if not isinstance(wanted, str) or not _valid_id(wanted):
                    reader.error(
                        f'I-node {node.key}: "{EXTENSION}.{ext[0]}.id" is {_describe(wanted)}; '
                        "expected an argmap id (letters, digits, '_', '.', '-')",
                        "nodes",
                        node.index,
                        EXTENSION,
                        ext[0],
                        "id",
                        subject=node.key,
                    )
                elif wanted in preset.values():
                    reader.error(
                        f'I-node {node.key}: "{EXTENSION}.{ext[0]}.id" {wanted!r} is the id of '
                        "another node too; expected every id once",
                        "nodes",
                        node.index,
                        EXTENSION,
                        ext[0],
                        "id",
                        subject=wanted,
                    )
                else:
                    preset[node.key] = wanted
        reader.stop()
        ids = _record_ids(nodes, preset)
        drafts: dict[str, _Draft] = {}
        for node in nodes.values():
            if node.type != "I":
                continue
            draft = _Draft(node, ids[node.key], extension=extensions.get(node.key))
            if draft.id != node.key and draft.extension is None:
                draft.tags.append(f"aif:{node.key}")
            drafts[node.key] = draft
        reason_ext: dict[str, dict[str, Any]] = {}
        for node in nodes.values():
            if node.type in SCHEME_TYPES:
                ext = _extension(reader, node, ("reason",))
                if ext is not None and _valid_reason_fields(reader, node, ext[1]):
                    reason_ext[node.key] = ext[1]
        config = self._config(data)
        reader.stop()
        self.drafts = drafts

        made = self._reasons(reason_ext)
        self._undercuts(made)
        self._dialogue(locutions)
        self._other_losses(data, edges)
        claims, evidence = self._records()
        reader.report.notes.append(
            "I-node ids are the claim ids; the ids of scheme nodes and edges are not kept "
            "(argmap names a reason by its claim)"
        )
        return Conversion(
            ArgumentMap(claims=claims, evidence=evidence, config=config), reader.report
        )

    def _config(self, data: dict[str, Any]) -> MapConfig:
        from argmap.load import _Parsed, _validate

        reader = self.reader
        ext = data.get(EXTENSION)
        if ext is None:
            return MapConfig()
        if not isinstance(ext, dict) or ext.get("format") != EXTENSION_FORMAT:
            reader.error(
                f'"{EXTENSION}" is {_describe(ext)}; expected {{"format": {EXTENSION_FORMAT}, '
                '"config": {...}}, as argmap writes it',
                EXTENSION,
            )
            return MapConfig()
        config = ext.get("config", {})
        if not isinstance(config, dict):
            reader.error(f'"{EXTENSION}.config" is {_describe(config)}; expected an object')
            return MapConfig()
        try:
            return MapConfig.model_validate(config)
        except ValidationError:
            result = _validate(
                _Parsed(config, (0, EXTENSION, "config"), reader.docs, reader.path), MapConfig
            )
            assert isinstance(result, list)
            reader.errors.extend(result)
            return MapConfig()

    def _premises(self, key: str) -> list[str]:
        return [s for s in self.ins[key] if self.nodes[s].type == "I"]

    def _ids(self, keys: list[str]) -> list[str]:
        return [self.drafts[k].id for k in keys]

    def _note(self, keys: list[str], line: str) -> None:
        for key in keys:
            self.drafts[key].notes.append(line)

    def _reasons(self, reason_ext: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        """Support and attack reasons from the scheme nodes whose conclusion is an I-node."""
        made: dict[str, list[dict[str, Any]]] = {}
        for node in self.nodes.values():
            if node.type not in SCHEME_TYPES:
                continue
            premises = self._premises(node.key)
            premise_ids = self._ids(premises)
            if node.type == "PA":
                self._preference(node)
                continue
            for target in self.outs[node.key]:
                if self.nodes[target].type != "I":
                    continue
                draft = self.drafts[target]
                if draft.is_evidence:
                    self.lose(
                        f"{node.type} node {node.key} aimed at {draft.id}",
                        draft.id,
                        "the I-node is an argmap evidence record, which takes no reasons",
                    )
                    continue
                reason: dict[str, Any] = {"premises": premise_ids}
                scheme = _scheme_of(node)
                if node.type == "MA":
                    scheme = REPHRASE if scheme is None else f"{REPHRASE}: {scheme}"
                    self.lose(
                        f"rephrase (AIF MA node {node.key}) of {' + '.join(premise_ids)} read "
                        f"as support of {draft.id}",
                        draft.id,
                        f"argmap has no rephrase relation; kept as a support reason with scheme "
                        f"{REPHRASE!r}, which is written back as an MA node",
                    )
                if scheme is not None:
                    reason["scheme"] = scheme
                extra = reason_ext.get(node.key, {})
                reason.update(
                    (k, v) for k, v in extra.items() if k != "id" or not made.get(node.key)
                )
                role = draft.attacked_by if node.type == "CA" else draft.supported_by
                role.append(reason)
                made.setdefault(node.key, []).append(reason)
            if len(made.get(node.key, [])) > 1:
                self.lose(
                    f"{node.type} node {node.key} with {len(made[node.key])} conclusions",
                    ", ".join(self.drafts[t].id for t in self.outs[node.key] if t in self.drafts),
                    "argmap gives each conclusion its own reason; they are no longer one node",
                )
        return made

    def _preference(self, node: _Node) -> None:
        def name(key: str) -> str:
            found = self.nodes[key]
            return self.drafts[key].id if found.type == "I" else f"{found.type} node {key}"

        over = [name(s) for s in self.ins[node.key] if self.nodes[s].type != "YA"]
        under = [name(t) for t in self.outs[node.key]]
        self.lose(
            f"preference (AIF PA node {node.key}) of {' + '.join(over)} over {', '.join(under)}",
            ", ".join(over),
            "argmap has no preferences; noted on the preferred claims",
        )
        self._note(
            self._premises(node.key), f"AIF: preferred to {', '.join(under)} (PA node {node.key})"
        )

    def _undercuts(self, made: dict[str, list[dict[str, Any]]]) -> None:
        """Scheme nodes aimed at scheme nodes: undercuts, and what argmap cannot represent."""
        for node in self.nodes.values():
            if node.type not in ("RA", "CA", "MA"):
                continue
            premises = self._premises(node.key)
            premise_ids = self._ids(premises)
            for target in self.outs[node.key]:
                aimed = self.nodes[target]
                if aimed.type not in SCHEME_TYPES:
                    continue
                reasons = made.get(target, [])
                if node.type == "CA" and reasons:
                    for reason in reasons:
                        undercut = reason.setdefault("undercut_by", [])
                        undercut.extend(p for p in premise_ids if p not in undercut)
                    if len(premise_ids) > 1:
                        self.lose(
                            f"linked undercut (AIF CA node {node.key}): "
                            f"{' + '.join(premise_ids)} together",
                            ", ".join(premise_ids),
                            "argmap undercutters stand alone; each premise became an undercutter "
                            "of its own",
                        )
                    continue
                if node.type == "CA" and aimed.type == "CA":
                    what = (
                        f"attack on an undercut: AIF CA node {node.key} ({' + '.join(premise_ids)})"
                        f" aims at CA node {target}, itself an undercut"
                    )
                    why = "argmap cannot attack an undercut; noted on the attacking claims"
                    line = f"AIF: attacks the undercut CA node {target} (CA node {node.key})"
                elif node.type in ("RA", "MA"):
                    what = (
                        f"support of an inference: AIF {node.type} node {node.key} "
                        f"({' + '.join(premise_ids)}) aims at {aimed.type} node {target}"
                    )
                    why = "argmap reasons cannot be supported; noted on the supporting claims"
                    line = f"AIF: supports {aimed.type} node {target} ({node.type} node {node.key})"
                else:
                    what = (
                        f"AIF {node.type} node {node.key} ({' + '.join(premise_ids)}) aimed at "
                        f"{aimed.type} node {target}"
                    )
                    why = "argmap has no such relation; noted on the claims"
                    line = f"AIF: {node.type} node {node.key} aims at {aimed.type} node {target}"
                self.lose(what, ", ".join(premise_ids), why)
                self._note(premises, line)

    def _dialogue(self, locutions: list[Any]) -> None:
        """Anchor I-nodes in their locutions; count what of the dialogue argmap cannot keep."""
        nodes = self.nodes
        entries: dict[str, dict[str, Any]] = {}
        extra_entries = 0
        other_entries = 0
        for entry in locutions:
            key = _key(entry.get("nodeID")) if isinstance(entry, dict) else None
            if key is None or key not in nodes or nodes[key].type != "L":
                other_entries += 1
            elif key in entries:
                extra_entries += 1
            else:
                entries[key] = entry
        used: set[str] = set()
        inference_anchors: list[str] = []
        for node in nodes.values():
            if node.type != "YA":
                continue
            speakers = [s for s in self.ins[node.key] if nodes[s].type == "L"]
            text = node.text.strip()
            illocution = text if text not in GENERIC_SCHEMES else _scheme_of(node) or "YA"
            for target in self.outs[node.key]:
                if nodes[target].type in SCHEME_TYPES:
                    inference_anchors.append(node.key)
                    used.update(speakers)
                    continue
                if nodes[target].type != "I":
                    continue
                draft = self.drafts[target]
                used.update(speakers)
                if draft.extension is not None:
                    continue  # written by argmap: its fields are in the extension
                if not speakers:
                    draft.notes.append(f"AIF: {illocution} (YA node {node.key})")
                for locution in speakers:
                    self._anchor(draft, nodes[locution], illocution, entries.get(locution))
        unanchored = [n.key for n in nodes.values() if n.type == "L" and n.key not in used]
        transitions = [n.key for n in nodes.values() if n.type == "TA"]
        if transitions:
            self.lose(
                f"{len(transitions)} dialogue transitions (TA nodes)",
                _listing(transitions),
                "argmap keeps no dialogue structure",
            )
        if inference_anchors:
            self.lose(
                f"{len(inference_anchors)} illocutions anchoring inferences or conflicts "
                "(YA nodes such as Arguing)",
                _listing(inference_anchors),
                "argmap reasons have no locution",
            )
        if unanchored:
            self.lose(
                f"{len(unanchored)} locutions anchoring no proposition (L nodes)",
                _listing(unanchored),
                "argmap keeps locutions only as the quotes of claims",
            )
        if other_entries or extra_entries:
            self.lose(
                f"{other_entries + extra_entries} entries of `locutions` (person, time) for "
                "nodes that are not L-nodes, or repeating one",
                None,
                "argmap reads only the first entry of each L-node anchoring a claim",
            )

    def _anchor(
        self, draft: _Draft, locution: _Node, illocution: str, entry: dict[str, Any] | None
    ) -> None:
        match = _SPEAKER.match(locution.text.strip())
        speaker = match.group("speaker").strip() if match else None
        words = (match.group("words") if match else locution.text).strip()
        details = [f"locution {locution.key}"]
        start = end = None
        if entry is not None:
            person = _key(entry.get("personID"))
            if person is not None:
                details.append(f"person {person}")
            start, end = entry.get("start"), entry.get("end")
            if isinstance(entry.get("source"), str) and entry["source"]:
                details.append(f"source {entry['source']}")
        draft.notes.append(f"AIF: {illocution} ({', '.join(details)})")
        if draft.quote is not None or not words:
            return
        draft.quote = words
        place = [speaker] if speaker else []
        times = [str(t) for t in (start, end) if t not in (None, "")]
        if times:
            place.append("–".join(times))
        draft.locator = ", ".join(place) or None

    def _other_losses(self, data: dict[str, Any], edges: list[tuple[str, str, int]]) -> None:
        nodes = self.nodes
        stamped = [n.key for n in nodes.values() if "timestamp" in n.data]
        if stamped:
            self.lose(
                f"timestamps of {len(stamped)} nodes",
                None,
                "argmap records have no annotation time",
            )
        scheme_ids = [n.key for n in nodes.values() if "schemeID" in n.data]
        if scheme_ids:
            self.lose(
                f"schemeID of {len(scheme_ids)} scheme nodes",
                _listing(scheme_ids),
                "a reason's scheme is kept by name only",
            )
        keys = sorted({k for n in nodes.values() for k in n.data if k not in _NODE_KEYS})
        if keys:
            self.lose(f"node fields {', '.join(keys)}", None, "argmap has no place for them")
        edge_keys = sorted(
            {k for e in data["edges"] if isinstance(e, dict) for k in e if k not in _EDGE_KEYS}
        )
        forms = [e for e in data["edges"] if isinstance(e, dict) and e.get("formEdgeID")]
        if edge_keys or forms:
            listed = ", ".join([*edge_keys, *(["formEdgeID"] if forms else [])])
            self.lose(f"edge fields {listed}", None, "argmap edges carry no data")
        top = sorted(k for k in data if k not in _TOP_KEYS)
        if top:
            self.lose(f"document members {', '.join(top)}", None, "argmap has no place for them")
        odd = Counter(
            f"{nodes[s].type}→{nodes[t].type}"
            for s, t, _ in edges
            if not _meaningful(nodes[s].type, nodes[t].type)
        )
        for pair, count in sorted(odd.items()):
            self.lose(
                f"{count} edges {pair}", None, "they have no meaning in AIF that argmap reads"
            )

    def _records(self) -> tuple[list[Claim], list[Evidence]]:
        from argmap.load import _Parsed, _validate

        reader = self.reader
        claims: list[Claim] = []
        evidence: list[Evidence] = []
        for draft in self.drafts.values():
            node = draft.node
            if draft.extension is not None:
                kind, data = draft.extension
                data = dict(data)
                loc: tuple[Any, ...] = (0, "nodes", node.index, EXTENSION, kind)
            else:
                kind, data = "claim", {}
                loc = (0, "nodes", node.index)
                if draft.tags:
                    data["tags"] = draft.tags
                if draft.quote is not None:
                    data["quote"] = draft.quote
                if draft.locator is not None:
                    data["locator"] = draft.locator
            if draft.notes:
                old = data.get("note")
                lines = ([old] if isinstance(old, str) and old else []) + draft.notes
                data["note"] = "\n".join(lines)
            data["id"] = draft.id
            if kind == "evidence":
                data["summary"] = node.text
                model: type[Claim | Evidence] = Evidence
            else:
                data["text"] = node.text
                data["supported_by"] = draft.supported_by
                data["attacked_by"] = draft.attacked_by
                model = Claim
            try:
                record = model.model_validate(data)
            except ValidationError:
                result = _validate(_Parsed(data, loc, reader.docs, reader.path), model)
                assert isinstance(result, list)
                reader.errors.extend(result)
                continue
            if isinstance(record, Evidence):
                evidence.append(record)
            else:
                claims.append(record)
        reader.stop()
        return claims, evidence


def _meaningful(source: str, target: str) -> bool:
    if source == "I" or target == "I":
        return (source == "I" and target in SCHEME_TYPES) or (
            source in (*SCHEME_TYPES, "YA") and target == "I"
        )
    if source in SCHEME_TYPES:
        return target in SCHEME_TYPES
    return source in DIALOGUE_TYPES and target in (*DIALOGUE_TYPES, *SCHEME_TYPES)


def parse_aif(text: str, path: str = "<string>") -> Conversion:
    """An AIF JSON nodeset as an `ArgumentMap`, with the report of what it could not carry.

    >>> conversion = parse_aif('''{"nodes": [
    ...   {"nodeID": "1", "text": "Tea is healthy.", "type": "I"},
    ...   {"nodeID": "2", "text": "A trial found so.", "type": "I"},
    ...   {"nodeID": "3", "text": "Default Inference", "type": "RA"}],
    ...  "edges": [{"edgeID": "1", "fromID": "2", "toID": "3"},
    ...            {"edgeID": "2", "fromID": "3", "toID": "1"}]}''')
    >>> conversion.map.claims["1"].supported_by
    [Reason(id=None, premises=['2'], undercut_by=[], scheme=None, note=None)]
    >>> conversion.report.lossless
    True
    """
    return _Importer(text, path).run()


def read(path: str | os.PathLike[str]) -> Conversion:
    return parse_aif(read_json_text(path), str(path))


def sniff(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` looks like an AIF nodeset: a ``"nodes": [`` member, not argmap's JSON."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 20)
    except OSError:
        return False
    return bool(_NODES_MARK.search(head)) and not _ARGMAP_JSON_MARK.search(head[:4096])


# --- writing -----------------------------------------------------------------------------------


class _Ids:
    """Unique node ids: the wanted one if it is free, else with a counter."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, wanted: str) -> str:
        candidate, number = wanted, 1
        while candidate in self.taken:
            number += 1
            candidate = f"{wanted}~{number}"
        self.taken.add(candidate)
        return candidate


def _wanted_node_id(record: Claim | Evidence) -> str:
    """The record's id, or the AIF nodeID an import kept in an ``aif:`` tag (one that is not a
    valid id, so the import had to slug it)."""
    for tag in record.tags:
        if tag.startswith("aif:") and len(tag) > 4 and not _valid_id(tag[4:]):
            return tag[4:]
    return record.id


def _carries_scheme(scheme: str | None) -> bool:
    """Whether a scheme node's text reads back as this scheme (a generic name does not)."""
    return scheme is not None and scheme.strip() not in GENERIC_SCHEMES


def _is_rephrase(reason: Reason) -> bool:
    scheme = reason.scheme or ""
    return len(reason.premises) == 1 and (scheme == REPHRASE or scheme.startswith(f"{REPHRASE}: "))


def aif_document(
    amap: ArgumentMap, report: ConversionReport | None = None, extension: bool = True
) -> dict[str, Any]:
    """The map as an AIF nodeset (plain data); ``report`` collects what AIF cannot carry.

    With ``extension`` (the default), the fields AIF has no place for are kept under
    ``"argmap"`` keys, so argmap reads the file back whole.
    """
    report = report if report is not None else ConversionReport("argmap map", NAME)
    ids = _Ids()
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    node_of: dict[str, str] = {}

    def edge(source: str, target: str) -> None:
        edges.append(
            {"edgeID": str(len(edges) + 1), "fromID": source, "toID": target, "formEdgeID": None}
        )

    records: list[Claim | Evidence] = [*amap.claims.values(), *amap.evidence.values()]
    for record in records:
        node_of[record.id] = ids.claim(record.id)
    for record in records:
        wanted = _wanted_node_id(record)
        if wanted != record.id and wanted not in ids.taken:
            ids.taken.discard(node_of[record.id])
            node_of[record.id] = ids.claim(wanted)
    for record in records:
        key = node_of[record.id]
        is_claim = isinstance(record, Claim)
        node: dict[str, Any] = {
            "nodeID": key,
            "text": record.text if isinstance(record, Claim) else record.summary,
            "type": "I",
        }
        if extension:
            data = record_json(record)
            for native in ("text", "summary", "supported_by", "attacked_by"):
                data.pop(native, None)
            if key == record.id:
                data.pop("id")
            if data or not is_claim:
                node[EXTENSION] = {"claim" if is_claim else "evidence": data}
        nodes.append(node)
        if record.quote is not None:
            locution = ids.claim(f"{key}:L")
            anchor = ids.claim(f"{key}:YA")
            nodes.append({"nodeID": locution, "text": record.quote, "type": "L"})
            nodes.append({"nodeID": anchor, "text": ASSERTING, "type": "YA", "scheme": ASSERTING})
            edge(locution, anchor)
            edge(anchor, key)

    for ref in amap.reasons():
        reason = ref.reason
        present = [p for p in reason.premises if p in node_of]
        for missing in (p for p in reason.premises if p not in node_of):
            report.lose(
                f"premise {missing} of reason {ref.node}",
                ref.claim.id,
                "it names no record of the map, so AIF has no node to link",
            )
        if not present:
            report.lose(
                f"reason {ref.node}",
                ref.claim.id,
                "none of its premises is a record of the map; an AIF scheme node needs one",
            )
            continue
        kind = "CA" if ref.role == "attack" else "MA" if _is_rephrase(reason) else "RA"
        scheme: str | None = reason.scheme
        if kind == "MA":
            scheme = (reason.scheme or "")[len(REPHRASE) + 2 :] or None
        named = scheme if _carries_scheme(scheme) else None
        read_back = named
        if kind == "MA":
            read_back = REPHRASE if named is None else f"{REPHRASE}: {named}"
        key = ids.claim(ref.node)
        node = {"nodeID": key, "text": named or DEFAULT_TEXT[kind], "type": kind}
        if named:
            node["scheme"] = named
        if read_back != reason.scheme:
            report.lose(
                f"scheme {reason.scheme!r} of reason {ref.node}",
                ref.claim.id,
                "a blank or generic name reads as no scheme in AIF"
                + (f'; kept under the node\'s "{EXTENSION}" key' if extension else ""),
            )
        if extension:
            data = reason.model_dump(mode="json", exclude_defaults=True)
            for name in ("premises", "undercut_by"):
                data.pop(name, None)
            if read_back == reason.scheme:
                data.pop("scheme", None)
            if data:
                node[EXTENSION] = {"reason": data}
        nodes.append(node)
        for premise in present:
            edge(node_of[premise], key)
        edge(key, node_of[ref.claim.id])
        for number, undercutter in enumerate(reason.undercut_by, start=1):
            if undercutter not in node_of:
                report.lose(
                    f"undercutter {undercutter} of reason {ref.node}",
                    ref.claim.id,
                    "it names no record of the map, so AIF has no node to link",
                )
                continue
            conflict = ids.claim(f"{ref.node}:undercut:{number}")
            nodes.append({"nodeID": conflict, "text": DEFAULT_TEXT["CA"], "type": "CA"})
            edge(node_of[undercutter], conflict)
            edge(conflict, key)

    why = (
        f'AIF has no field for it; kept under the node\'s "{EXTENSION}" key, which only argmap '
        "reads back"
        if extension
        else "AIF has no field for it"
    )
    lose_fields(
        report,
        amap,
        lambda record, name: (
            name in _NATIVE or name in _NATIVE_REASON or (extension and name == "reason.id")
        ),
        why,
        config_why=(
            f'AIF has no place for them; kept under the document\'s "{EXTENSION}" key'
            if extension
            else "AIF has no place for them"
        ),
    )
    document: dict[str, Any] = {"nodes": nodes, "edges": edges, "locutions": []}
    config = config_json(amap.config)
    if extension and config:
        document[EXTENSION] = {"format": EXTENSION_FORMAT, "config": config}
    return document


def generate_aif(
    amap: ArgumentMap, report: ConversionReport | None = None, extension: bool = True
) -> str:
    """The map as AIF JSON text (see `aif_document`)."""
    return safe_json(aif_document(amap, report, extension))


def write(amap: ArgumentMap, path: str | os.PathLike[str], force: bool = False) -> ConversionReport:
    report = ConversionReport("argmap map", str(path))
    text = generate_aif(amap, report)
    write_output(path, text, force=force)
    return report
