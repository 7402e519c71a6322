"""GraphML out, for yEd, Gephi, Cytoscape and networkx: the map's graph with every verdict.

The graph is argmap's own (`argmap.graph`): claims and evidence records, a node per reason
(where linked premises meet and undercuts aim), and edges ``premise``, ``supports``,
``attacks`` and ``undercuts``. Every node carries what argmap knows of it as typed GraphML
attributes, each declared once with ``<key attr.name=... attr.type=...>``: the record's fields,
the verdict, strength, grounded label and proof standard from `argmap.semantics`, and the
grounding status from `argmap.support`. Attribute types are GraphML's own (``string``, ``int``,
``double``, ``boolean``, written ``true``/``false``).

Gephi shows ``label`` on each node; in yEd, *Edit → Properties Mapper* maps ``label`` to the
node label and ``verdict`` or ``kind`` to the fill, and *Layout → Hierarchical* draws it.

>>> from argmap.argument_map import ArgumentMap
>>> from argmap.model import Claim
>>> text = generate_graphml(ArgumentMap(claims=[Claim(id="c", text="C.", supported_by=["d"]),
...                                             Claim(id="d", text="D.")]))
>>> import networkx as nx
>>> graph = nx.parse_graphml(text)
>>> sorted(graph.edges(data="relation"))
[('c:for:1', 'c', 'supports'), ('d', 'c:for:1', 'premise')]
>>> graph.nodes["c"]["verdict"], graph.nodes["c:for:1"]["linked"]
('unsupported', False)
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from typing import Any

import networkx as nx

from argmap.argument_map import ArgumentMap
from argmap.formats import ConversionReport
from argmap.formats.json_ import lose_fields
from argmap.model import Claim, Evidence, Source
from argmap.output import write_output
from argmap.semantics import Evaluation, evaluate
from argmap.support import analyze_support

NAME = "graphml"
SUFFIXES: tuple[str, ...] = (".graphml",)
NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

KEYS: tuple[tuple[str, str, str, str], ...] = (
    ("graph", "title", "string", "The map's title."),
    ("graph", "question", "string", "The question the map answers."),
    ("node", "kind", "string", "claim, evidence or reason."),
    ("node", "label", "string", "What to show on the node: a record's text, a reason's role."),
    ("node", "text", "string", "A claim's text or an evidence record's summary."),
    ("node", "claim_kind", "string", "thesis, hypothesis, claim or assumption."),
    ("node", "verdict", "string", "argmap's verdict on a claim (docs/semantics.md)."),
    ("node", "fever", "string", "The verdict as a FEVER label."),
    ("node", "rating", "int", "The verdict on argmap's 1-5 scale."),
    ("node", "strength", "double", "DF-QuAD strength in [0, 1]."),
    ("node", "acceptance", "string", "Grounded label: in, out or undecided."),
    ("node", "proof_standard", "string", "The claim's proof standard."),
    ("node", "standard_met", "boolean", "Whether the claim meets its proof standard."),
    ("node", "status", "string", "Grounding: evidence, supported, assumed or unsupported."),
    ("node", "evidence_kind", "string", "statistic, document, expert_opinion, ..."),
    ("node", "grade", "string", "Admiralty grade, e.g. B2."),
    ("node", "reliability", "string", "Admiralty source reliability A-F."),
    ("node", "credibility", "int", "Admiralty information credibility 1-6."),
    ("node", "as_of", "string", "The date the evidence was true as of."),
    ("node", "superseded_by", "string", "A later evidence record that replaces this one."),
    ("node", "relevance", "string", "low, medium or high."),
    ("node", "quote", "string", "The source's exact words."),
    ("node", "locator", "string", "Where in the source."),
    ("node", "source", "string", "The source: its id in the map's sources, or its title."),
    ("node", "tags", "string", "Tags, separated by '; '."),
    ("node", "note", "string", "The map maker's note."),
    ("node", "role", "string", "A reason's role: support or attack."),
    ("node", "target", "string", "The claim a reason bears on."),
    ("node", "linked", "boolean", "Whether the reason's premises count only together."),
    ("node", "scheme", "string", "The reason's argumentation scheme."),
    ("node", "applicable", "boolean", "Whether the reason counts for the proof standard."),
    ("edge", "relation", "string", "premise, supports, attacks or undercuts."),
)
_TYPES = {(domain, name): kind for domain, name, kind, _ in KEYS}

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CARRIED = frozenset(
    {
        "id",
        "text",
        "summary",
        "kind",
        "proof_standard",
        "supported_by",
        "attacked_by",
        "reliability",
        "credibility",
        "as_of",
        "superseded_by",
        "relevance",
        "quote",
        "locator",
        "tags",
        "note",
        "reason.id",
        "reason.premises",
        "reason.undercut_by",
        "reason.scheme",
        "reason.note",
    }
)


def xml_text(text: str) -> str:
    """``text`` as XML 1.0 can hold it: line ends as ``\\n``; C0 controls (but tab and line feed)
    as their Unicode control pictures; lone surrogates and U+FFFE/U+FFFF as U+FFFD.

    >>> xml_text("a\\r\\nb\\x1bc\\ufffe")
    'a\\nb␛c�'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub(
        lambda m: chr(0x2400 + ord(m.group())) if ord(m.group()) < 0x20 else "\ufffd", text
    )


def _source_name(record: Claim | Evidence) -> str | None:
    if record.source is None:
        return None
    return record.source if isinstance(record.source, str) else record.source.title


def _record_attributes(record: Claim | Evidence) -> dict[str, Any]:
    data: dict[str, Any] = {
        "quote": record.quote,
        "locator": record.locator,
        "source": _source_name(record),
        "tags": "; ".join(record.tags) if record.tags else None,
        "note": record.note,
    }
    return {k: v for k, v in data.items() if v is not None}


def graphml_graph(amap: ArgumentMap, evaluation: Evaluation | None = None) -> nx.DiGraph:
    """The map's graph with plain, typed attributes only (no pydantic objects), ready to write."""
    evaluation = evaluation or evaluate(amap)
    status = analyze_support(amap).status
    graph = nx.DiGraph()
    graph.graph["title"] = amap.title
    if amap.config.question:
        graph.graph["question"] = amap.config.question
    for node, data in amap.graph.nodes(data=True):
        kind = data["kind"]
        attributes: dict[str, Any] = {"kind": kind}
        if kind == "claim":
            claim = data["record"]
            verdict = evaluation[node]
            attributes.update(
                label=claim.text,
                text=claim.text,
                claim_kind=claim.kind.value,
                verdict=verdict.verdict.value,
                fever=verdict.fever.value,
                rating=verdict.rating,
                strength=round(verdict.strength, 6),
                acceptance=verdict.label.value,
                proof_standard=verdict.standard.value,
                standard_met=verdict.test.met,
                status=status[node].value,
                **_record_attributes(claim),
            )
        elif kind == "evidence":
            item = data["record"]
            attributes.update(
                label=item.summary,
                text=item.summary,
                evidence_kind=item.kind.value,
                grade=item.grade,
                reliability=item.reliability,
                credibility=item.credibility,
                strength=round(evaluation.strengths[node], 6),
                acceptance=evaluation.labels[node].value,
                status=status[node].value,
                **_record_attributes(item),
            )
            for name in ("as_of", "superseded_by", "relevance"):
                if getattr(item, name) is not None:
                    attributes[name] = getattr(item, name)
        else:
            reason = data["reason"]
            attributes.update(
                label=data["role"], role=data["role"], target=data["target"], linked=data["linked"]
            )
            judged = evaluation.reasons.get(node)
            if judged is not None:
                attributes.update(
                    strength=round(judged.strength, 6),
                    acceptance=judged.label.value,
                    applicable=judged.applicable,
                )
            if reason.scheme is not None:
                attributes["scheme"] = reason.scheme
            if reason.note is not None:
                attributes["note"] = reason.note
        graph.add_node(node, **attributes)
    for source, target, relation in amap.graph.edges(data="relation"):
        graph.add_edge(source, target, relation=relation)
    return graph


def _value(kind: str, value: Any) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    if kind == "int":
        return str(int(value))
    return xml_text(str(value))


def generate_graphml(amap: ArgumentMap, report: ConversionReport | None = None) -> str:
    """The map as GraphML text; ``report`` collects what GraphML does not carry."""
    graph = graphml_graph(amap)
    if report is not None:
        _report_losses(amap, report)
    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        f"{{{NAMESPACE}}}graphml", {f"{{{XSI}}}schemaLocation": f"{NAMESPACE} {SCHEMA}"}
    )
    used: set[tuple[str, str]] = {("graph", name) for name in graph.graph}
    for _, data in graph.nodes(data=True):
        used.update(("node", name) for name in data)
    for _, _, data in graph.edges(data=True):
        used.update(("edge", name) for name in data)
    for domain, name, kind, description in KEYS:
        if (domain, name) not in used:
            continue
        key = ET.SubElement(
            root,
            f"{{{NAMESPACE}}}key",
            {"id": name, "for": domain, "attr.name": name, "attr.type": kind},
        )
        ET.SubElement(key, f"{{{NAMESPACE}}}desc").text = description
    body = ET.SubElement(root, f"{{{NAMESPACE}}}graph", {"id": "argmap", "edgedefault": "directed"})

    def add_data(parent: ET.Element, domain: str, data: dict[str, Any]) -> None:
        for domain_, name, kind, _ in KEYS:
            if domain_ == domain and name in data:
                element = ET.SubElement(parent, f"{{{NAMESPACE}}}data", {"key": name})
                element.text = _value(kind, data[name])

    add_data(body, "graph", graph.graph)
    for node, data in graph.nodes(data=True):
        add_data(ET.SubElement(body, f"{{{NAMESPACE}}}node", {"id": node}), "node", data)
    for number, (source, target, data) in enumerate(graph.edges(data=True), start=1):
        element = ET.SubElement(
            body,
            f"{{{NAMESPACE}}}edge",
            {"id": f"e{number}", "source": source, "target": target},
        )
        add_data(element, "edge", data)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _report_losses(amap: ArgumentMap, report: ConversionReport) -> None:
    def carried(record: Claim | Evidence, name: str) -> bool:
        if name == "source":
            return not isinstance(record.source, Source)
        return name in _CARRIED

    lose_fields(
        report,
        amap,
        carried,
        "GraphML attributes hold what argmap shows of a record, not this",
        config_why="only the title and question become graph attributes",
        why_for={
            "anchor": "the quote's place in its source text is not an attribute",
            "consistency": "the ACH ratings against each hypothesis are not attributes",
            "source": "of a source written in the record, only its title is an attribute",
        },
    )
    if report.losses and report.losses[-1].what.startswith("map settings"):
        settings = report.losses.pop()
        config = [
            name
            for name in amap.config.model_dump(exclude_defaults=True)
            if name not in ("title", "question")
        ]
        if config:
            report.lose(f"map settings ({', '.join(config)})", None, settings.why)
    for ref in amap.reasons():
        for name, ids in (
            ("premise", ref.reason.premises),
            ("undercutter", ref.reason.undercut_by),
        ):
            for missing in (i for i in ids if i not in amap):
                report.lose(
                    f"{name} {missing} of reason {ref.node}",
                    ref.claim.id,
                    "it names no record of the map, so there is no node to link",
                )


def write(amap: ArgumentMap, path: str | os.PathLike[str], force: bool = False) -> ConversionReport:
    report = ConversionReport("argmap map", str(path))
    write_output(path, generate_graphml(amap, report), force=force)
    return report
