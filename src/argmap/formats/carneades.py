"""Carneades 4 argument graphs in (the YAML of github.com/carneades/carneades-4).

A Carneades graph has ``statements`` (id → text), ``arguments`` (premises, a conclusion, an
optional undercutter and scheme), ``assumptions`` (statements taken as true), ``issues`` (sets
of mutually exclusive positions, decided by a proof standard), ``argument_schemes`` (rules its
inference engine instantiates) and, in most examples, ``tests:`` (or ``labels:``): the labels
Carneades is expected to give, ``in``, ``out`` or ``undecided``::

    statements:
      p: P
      ¬p: ¬P
      q: Q
    issues:
      i1: {positions: [p, ¬p], standard: PE}
    arguments:
      a1: {conclusion: p, premises: [q], undercutter: ¬app(a1)}
    assumptions: [q]
    tests:
      in: [q, p]

The reading (docs/formats.md has the full table):

* a statement is a claim (``kind: assumption`` when assumed), its Carneades id kept as its
  ``locator``; ``¬`` is part of a Carneades id, not an operator, so ``¬p`` is a claim of its own
  (``not-p``), and issues say which statements exclude each other;
* an argument is a reason for its conclusion, named by the argument's id, with its undercutter
  in ``undercut_by`` and its scheme kept; a *convergent* argument is one reason per premise;
* Carneades has no arguments *against* a statement: an argument for one position of an issue
  counts against the others. So each such argument is also an attack reason on every other
  position of its issue (same premises, same undercutter); the positions are tagged with their
  issue and get its proof standard;
* ``tests:``/``labels:`` become argmap.yaml's ``expect:``, which `argmap check` tests (AM801).

What argmap cannot carry is listed in the conversion report: argument weights and weighing
functions, schemes with variables (rules only the Carneades engine instantiates), the language's
templates, issue schemes, and arguments without premises (which rest on a new assumption).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from argmap.argument_map import ArgumentMap
from argmap.errors import MapLoadError
from argmap.findings import Finding
from argmap.formats import Conversion, ConversionReport, read_foreign_text
from argmap.model import (
    ID_PATTERN,
    Claim,
    ClaimKind,
    MapConfig,
    ProofStandard,
    Reason,
    Thresholds,
)
from argmap.span import Span
from argmap.yamlread import YamlDocuments, YamlProblem, parse_yaml

NAME = "carneades"
SUFFIXES: tuple[str, ...] = (".yml", ".yaml")

STANDARDS: dict[str, ProofStandard] = {
    "pe": ProofStandard.PREPONDERANCE,
    "cce": ProofStandard.CLEAR_AND_CONVINCING,
    "brd": ProofStandard.BEYOND_REASONABLE_DOUBT,
    "dv": ProofStandard.DIALECTICAL_VALIDITY,
    "se": ProofStandard.SCINTILLA,
}
"""Carneades' proof standards (PE, CCE, BRD; DV and SE of earlier versions) by lower-case name."""

CARNEADES_THRESHOLDS = Thresholds(alpha=0.0, beta=0.5, gamma=0.3)
"""Carneades 4's own: CCE is "w1 > w2 and w1 − w2 > 0.5", BRD adds "w2 < 0.3" (caes.go)."""

BUILTIN_SCHEMES = ("linked", "convergent", "cumulative", "factorized")
"""The weighing schemes every Carneades 4 graph has (weighing.go)."""

SECTIONS = (
    "meta",
    "statements",
    "arguments",
    "assumptions",
    "issues",
    "argument_schemes",
    "tests",
    "labels",
    "language",
    "issue_schemes",
    "weighing_functions",
    "references",
)
LABELS = ("in", "out", "undecided")

_ID = re.compile(ID_PATTERN)


def _foreign_error(span: Span, message: str) -> Finding:
    return Finding("AM009", "foreign-syntax", "error", span, message)


def normalize(statement: str) -> str:
    """A Carneades statement id as Carneades compares it: without white space.

    >>> normalize("initiates(wfh_order, wfh_required, 1)")
    'initiates(wfh_order,wfh_required,1)'
    """
    return "".join(str(statement).split())


def slug(foreign: str) -> str:
    """An argmap id for a Carneades id (``¬`` read as ``not-``); deterministic.

    >>> slug("¬app(a1)"), slug("holdsAt(wfh_required,3)"), slug("präzedenzfall"), slug("a1.2")
    ('not-app-a1', 'holdsAt-wfh_required-3', 'prazedenzfall', 'a1.2')
    """
    if len(foreign) <= _SLUG_LENGTH and _ID.match(foreign):
        return foreign
    text = foreign.replace("¬", "not-")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-._")
    return re.sub(r"-{2,}", "-", text)[:_SLUG_LENGTH].strip("-._") or "s"


_SLUG_LENGTH = 120  # ids may have 200 characters; room for a "-2" that makes one unique


class _Ids:
    """Unique argmap ids for Carneades names, first come first served."""

    def __init__(self) -> None:
        self.by_name: dict[tuple[str, str], str] = {}
        self.taken: set[str] = set()

    def get(self, space: str, name: str) -> str:
        key = (space, name)
        found = self.by_name.get(key)
        if found is not None:
            return found
        base = slug(name)
        candidate, number = base, 1
        while candidate in self.taken:
            number += 1
            candidate = f"{base}-{number}"
        self.taken.add(candidate)
        self.by_name[key] = candidate
        return candidate


def _split_term(term: str) -> tuple[str, list[str]] | None:
    """``name(arg, arg(x))`` as its name and top-level arguments; None for an atom."""
    match = re.fullmatch(r"\s*([^\s(),]+)\s*\((.*)\)\s*", term)
    if match is None:
        return None
    name, inner = match.groups()
    args, depth, current = [], 0, ""
    for character in inner:
        if character == "," and depth == 0:
            args.append(current.strip())
            current = ""
            continue
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth < 0:
            return None
        current += character
    if depth != 0:
        return None
    args.append(current.strip())
    return name, args


def wording(term: str, language: dict[str, str]) -> str | None:
    """A statement in words from the graph's ``language`` templates, or None.

    >>> wording("man(socrates)", {"man/1": "%s is a man."})
    'socrates is a man.'
    >>> wording("rain", {"rain/0": "It rained."})
    'It rained.'
    """
    parts = _split_term(term)
    name, args = parts if parts is not None else (term.strip(), [])
    template = language.get(f"{name}/{len(args)}")
    if template is None or template.count("%s") + template.count("%v") != len(args):
        return None
    words = [(wording(arg, language) or arg).rstrip(".") for arg in args]
    pieces = re.split(r"%[sv]", template)
    return pieces[0] + "".join(w + piece for w, piece in zip(words, pieces[1:], strict=True))


@dataclass
class _Argument:
    name: str
    conclusion: str
    premises: list[tuple[str | None, str]]
    undercutter: str | None
    scheme: str | None
    notes: list[str] = field(default_factory=list)


class _Reader:
    """One Carneades YAML document read into claims, checking as it goes."""

    def __init__(self, doc: YamlDocuments, path: str, report: ConversionReport) -> None:
        self.doc = doc
        self.path = path
        self.report = report
        self.problems: list[Finding] = []
        self.ids = _Ids()
        self.data: dict[str, Any] = {}
        self.assumed_in_statements: list[str] = []
        self.labels_written: dict[str, str] = {}
        self.strict_standards = False

    # --- positions and problems -------------------------------------------------------------

    def span(self, *loc: Any) -> Span:
        while loc:
            found = self.doc.positions.get((0, *loc))
            if found is not None:
                return found
            loc = loc[:-1]
        return self.doc.positions.get((0,), Span(self.path, 1, 1))

    def key_span(self, *loc: Any) -> Span:
        return self.doc.key_positions.get((0, *loc)) or self.span(*loc)

    def fail(self, span: Span, message: str) -> None:
        self.problems.append(_foreign_error(span, message))

    def mapping(self, value: Any, loc: tuple[Any, ...], what: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(self.span(*loc), f"{what} is {_describe(value)}; expected a mapping")
            return {}
        return value

    def names(self, value: Any, loc: tuple[Any, ...], what: str) -> list[tuple[str, Span]]:
        """A list of statement names (a single name counts as a list of one)."""
        if value is None:
            return []
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return [(str(value), self.span(*loc))]
        if not isinstance(value, list):
            self.fail(self.span(*loc), f"{what} is {_describe(value)}; expected a list of ids")
            return []
        found = []
        for index, item in enumerate(value):
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                found.append((str(item), self.span(*loc, index)))
            else:
                self.fail(self.span(*loc, index), f"{what} holds {_describe(item)}; expected an id")
        return found

    # --- reading ----------------------------------------------------------------------------

    def read(self) -> ArgumentMap:
        documents = [d for d in self.doc.documents if d is not None]
        if len(documents) > 1:
            second = next(i for i, d in enumerate(self.doc.documents) if d is not None and i > 0)
            self.fail(
                self.doc.positions.get((second,), Span(self.path, 1, 1)),
                f"the file holds {len(documents)} YAML documents; expected one graph",
            )
        if not documents or not isinstance(documents[0], dict):
            what = _describe(documents[0]) if documents else "empty"
            self.fail(
                Span(self.path, 1, 1),
                f"the file is {what}; expected a Carneades graph (a mapping with statements, "
                "arguments, ...)",
            )
            raise MapLoadError(self.problems)
        self.data = documents[0]
        if not any(key in SECTIONS for key in self.data):
            self.fail(
                Span(self.path, 1, 1),
                f"no Carneades section here; expected a graph with some of: {', '.join(SECTIONS)}",
            )
            raise MapLoadError(self.problems)
        for key in self.data:
            if key not in SECTIONS:
                self.report.lose(
                    f"the section {key!r}",
                    None,
                    f"not part of the Carneades 4 format argmap knows ({', '.join(SECTIONS)})",
                )
        amap = self.build()
        if self.problems:
            raise MapLoadError(sorted(self.problems, key=lambda f: f.sort_key))
        return amap

    def build(self) -> ArgumentMap:
        language = self.language()
        claims = self.statements(language)
        assumed = self.assumptions(claims, language)
        for name in assumed:
            claims[name].kind = ClaimKind.ASSUMPTION
        schemes = self.schemes()
        arguments = self.arguments(claims, schemes)
        issues = self.issues(claims)
        synthetic = self.relate(claims, arguments, issues)
        expect = self.expectations(claims)
        config = self.config(expect)
        return ArgumentMap(claims=[*claims.values(), *synthetic], config=config)

    def language(self) -> dict[str, str]:
        language = self.mapping(self.data.get("language"), ("language",), "`language`")
        templates = {k: str(v) for k, v in language.items() if isinstance(v, (str, int, float))}
        if templates:
            self.report.lose(
                f"the language ({len(templates)} predicate templates)",
                None,
                "used to word the statements that have no text; argmap keeps the words, not "
                "the templates",
            )
        return templates

    def claim(self, name: str, text: str, locator: str) -> Claim:
        # Text of white space only (a blank wording template): the id stands for it.
        words = " ".join(text.split()) or " ".join(locator.split()) or name
        return Claim(id=self.ids.get("statement", name), text=words, locator=locator)

    def statements(self, language: dict[str, str]) -> dict[str, Claim]:
        statements = self.mapping(self.data.get("statements"), ("statements",), "`statements`")
        claims: dict[str, Claim] = {}
        for key, value in statements.items():
            loc = ("statements", key)
            name = normalize(key)
            if not name:
                self.fail(self.key_span(*loc), "a statement with an empty id; expected an id")
                continue
            if name in claims:
                self.fail(
                    self.key_span(*loc),
                    f"the statement {key!r} is written twice (Carneades ignores white space in "
                    "ids); expected each statement once",
                )
                continue
            text: Any = value
            note = None
            if isinstance(value, dict):
                text = value.get("text")
                for extra, content in value.items():
                    if extra == "assumed":
                        if content is True:
                            self.assumed_in_statements.append(name)
                        elif content not in (False, None):
                            self.fail(
                                self.span(*loc, extra),
                                f"`assumed` of statement {key!r} is {_describe(content)}; "
                                "expected true or false",
                            )
                    elif extra == "label":
                        if content in LABELS:
                            self.labels_written[name] = str(content)
                        else:
                            self.fail(
                                self.span(*loc, extra),
                                f"`label` of statement {key!r} is {content!r}; expected in, out "
                                "or undecided",
                            )
                    elif extra == "meta":
                        note = _flatten(content)
                    elif extra != "text":
                        self.report.lose(f"the field {extra!r} of statement", key, "not carried")
            elif isinstance(value, list):
                self.fail(
                    self.span(*loc),
                    f"statement {key!r} is {_describe(value)}; expected its text or a mapping "
                    "with `text`",
                )
                continue
            if text is None or not str(text).strip():
                text = wording(name, language) or key
            claim = self.claim(name, " ".join(str(text).split()), key)
            claim.note = note
            claims[name] = claim
        return claims

    def assumptions(self, claims: dict[str, Claim], language: dict[str, str]) -> list[str]:
        assumed = list(self.assumed_in_statements)
        for written, span in self.names(
            self.data.get("assumptions"), ("assumptions",), "`assumptions`"
        ):
            name = normalize(written)
            if not name:
                self.fail(span, "`assumptions` holds an empty id; expected a statement id")
                continue
            if name not in claims:
                # A fact of the graph's theory: a statement in its own right.
                claims[name] = self.claim(name, wording(name, language) or written, written)
            assumed.append(name)
        return list(dict.fromkeys(assumed))

    def schemes(self) -> dict[str, dict[str, Any]]:
        raw = self.data.get("argument_schemes")
        found: dict[str, dict[str, Any]] = {}
        entries: list[tuple[tuple[Any, ...], Any]] = []
        if isinstance(raw, list):
            entries = [(("argument_schemes", i), item) for i, item in enumerate(raw)]
        elif isinstance(raw, dict):
            entries = [
                (("argument_schemes", k), {"id": k, **v} if isinstance(v, dict) else v)
                for k, v in raw.items()
            ]
        elif raw is not None:
            self.fail(
                self.span("argument_schemes"),
                f"`argument_schemes` is {_describe(raw)}; expected a list of schemes",
            )
        for loc, scheme in entries:
            if not isinstance(scheme, dict) or not isinstance(scheme.get("id"), (str, int)):
                self.fail(self.span(*loc), "an argument scheme without an `id`; expected one")
                continue
            ident = str(scheme["id"])
            found[ident] = scheme
            variables = scheme.get("variables") or []
            rule = [
                k for k in ("premises", "conclusions", "exceptions", "assumptions") if k in scheme
            ]
            if variables or rule:
                listed = f" (variables {', '.join(map(str, variables))})" if variables else ""
                self.report.lose(
                    "an argument scheme with variables",
                    ident,
                    f"a rule{listed} that the Carneades engine instantiates to make arguments; "
                    "argmap does not instantiate schemes, so the arguments it would make are "
                    "missing",
                )
            if scheme.get("weight") is not None:
                self.report.lose(
                    "the weight of an argument scheme",
                    ident,
                    f"{_flatten(scheme['weight'])}: argmap weighs a reason by its premises "
                    "(DF-QuAD), not by Carneades' weighing functions",
                )
        for section in ("issue_schemes", "weighing_functions", "references"):
            value = self.data.get(section)
            if value:
                self.report.lose(
                    f"the {section.replace('_', ' ')}",
                    None,
                    f"{len(value) if isinstance(value, (dict, list)) else 1} "
                    "entries the Carneades engine uses; argmap has nothing like them",
                )
        return found

    def statement(
        self, claims: dict[str, Claim], written: Any, span: Span, what: str
    ) -> str | None:
        if not isinstance(written, (str, int, float)) or isinstance(written, bool):
            self.fail(span, f"{what} is {_describe(written)}; expected a statement id")
            return None
        name = normalize(str(written))
        if name not in claims:
            self.fail(span, f"{what} {str(written)!r} is not a statement of the graph")
            return None
        return name

    def arguments(
        self, claims: dict[str, Claim], schemes: dict[str, dict[str, Any]]
    ) -> list[_Argument]:
        arguments = self.mapping(self.data.get("arguments"), ("arguments",), "`arguments`")
        found = []
        weighed: dict[str, list[str]] = {}
        for key, value in arguments.items():
            loc = ("arguments", key)
            if not isinstance(value, dict):
                self.fail(
                    self.span(*loc), f"argument {key!r} is {_describe(value)}; expected a mapping"
                )
                continue
            if "conclusion" not in value:
                self.fail(self.key_span(*loc), f"argument {key!r} has no `conclusion`")
                continue
            conclusion = self.statement(
                claims, value["conclusion"], self.span(*loc, "conclusion"), "the conclusion"
            )
            premises: list[tuple[str | None, str]] = []
            raw = value.get("premises")
            items: list[tuple[str | None, Any, Span]] = []
            if isinstance(raw, dict):
                items = [(str(r), s, self.span(*loc, "premises", r)) for r, s in raw.items()]
            elif isinstance(raw, list):
                items = [(None, s, self.span(*loc, "premises", i)) for i, s in enumerate(raw)]
            elif raw is not None:
                items = [(None, raw, self.span(*loc, "premises"))]
            for role, written, span in items:
                name = self.statement(claims, written, span, "the premise")
                if name is not None:
                    premises.append((role, name))
            undercutter = None
            if value.get("undercutter") not in (None, ""):
                undercutter = self.statement(
                    claims, value["undercutter"], self.span(*loc, "undercutter"), "the undercutter"
                )
            scheme = value.get("scheme")
            if scheme is not None:
                scheme = str(scheme)
                if scheme not in schemes and scheme not in BUILTIN_SCHEMES:
                    self.fail(
                        self.span(*loc, "scheme"),
                        f"argument {key!r} names the scheme {scheme!r}, which the graph does "
                        f"not define; expected one of its argument_schemes or "
                        f"{', '.join(BUILTIN_SCHEMES)}",
                    )
                elif scheme in ("cumulative", "factorized"):
                    weighed.setdefault(scheme, []).append(str(key))
            argument = _Argument(str(key), conclusion or "", premises, undercutter, scheme)
            for extra, content in value.items():
                if extra in ("conclusion", "premises", "undercutter", "scheme"):
                    continue
                if extra == "meta":
                    argument.notes.append(f"meta: {_flatten(content)}")
                elif extra in ("weight", "weigth"):
                    self.report.lose(
                        "the weight of an argument", str(key), f"{content}: argmap has no weights"
                    )
                else:
                    self.report.lose(f"the field {extra!r} of argument", str(key), "not carried")
            if conclusion is not None:
                found.append(argument)
        for scheme, names in weighed.items():
            self.report.lose(
                f"the {scheme} weighing",
                ", ".join(names),
                "Carneades weighs these arguments by how many of their premises are in; argmap "
                "reads them as linked reasons, which need every premise",
            )
        return found

    def issues(self, claims: dict[str, Claim]) -> dict[str, tuple[str, list[str]]]:
        """Each statement at issue -> (the issue, every position of it)."""
        issues = self.mapping(self.data.get("issues"), ("issues",), "`issues`")
        positions: dict[str, tuple[str, list[str]]] = {}
        for key, value in issues.items():
            loc = ("issues", key)
            if not isinstance(value, dict):
                self.fail(
                    self.span(*loc), f"issue {key!r} is {_describe(value)}; expected a mapping"
                )
                continue
            standard = None
            if value.get("standard") not in (None, ""):
                written = str(value["standard"])
                standard = STANDARDS.get(written.lower())
                if standard is None:
                    self.fail(
                        self.span(*loc, "standard"),
                        f"issue {key!r} has the proof standard {written!r}; expected PE, CCE, "
                        "BRD, DV or SE",
                    )
            names = []
            for written, span in self.names(
                value.get("positions"), (*loc, "positions"), "`positions`"
            ):
                name = self.statement(claims, written, span, "the position")
                if name is None:
                    continue
                if name in positions:
                    self.fail(
                        span,
                        f"statement {written!r} is a position of issues {positions[name][0]!r} "
                        f"and {key!r}; expected one issue",
                    )
                    continue
                names.append(name)
                positions[name] = (str(key), names)
            for name in names:
                claim = claims[name]
                claim.tags.append(f"issue-{slug(str(key))}")
                claim.proof_standard = standard
            if standard in (
                ProofStandard.CLEAR_AND_CONVINCING,
                ProofStandard.BEYOND_REASONABLE_DOUBT,
            ):
                self.strict_standards = True
            for extra in value:
                if extra not in ("positions", "standard"):
                    self.report.lose(f"the field {extra!r} of issue", str(key), "not carried")
        return positions

    def relate(
        self,
        claims: dict[str, Claim],
        arguments: list[_Argument],
        issues: dict[str, tuple[str, list[str]]],
    ) -> list[Claim]:
        synthetic: list[Claim] = []
        for argument in arguments:
            premises = [self.ids.get("statement", p) for _, p in argument.premises]
            if not premises:
                stand_in = Claim(
                    id=self.ids.get("premise", f"{argument.name}-applies"),
                    kind=ClaimKind.ASSUMPTION,
                    text=f"Argument {argument.name} applies (it has no premises).",
                    tags=["carneades-no-premises"],
                    note=f"Stands in for the empty premises of Carneades argument "
                    f"{argument.name}: argmap's reasons need at least one premise.",
                )
                synthetic.append(stand_in)
                premises = [stand_in.id]
                self.report.lose(
                    "an argument without premises",
                    argument.name,
                    f"argmap's reasons need a premise, so it rests on the new assumption "
                    f"{stand_in.id!r}",
                )
            roles = [f"{r}: {p}" for r, p in argument.premises if r is not None]
            notes = list(argument.notes)
            if roles:
                notes.insert(0, f"premise roles: {', '.join(roles)}")
            undercut = (
                [self.ids.get("statement", argument.undercutter)] if argument.undercutter else []
            )
            groups = [[p] for p in premises] if argument.scheme == "convergent" else [premises]
            reason_ids = [self.ids.get("argument", argument.name)]
            for number in range(2, len(groups) + 1):
                reason_ids.append(self.ids.get("argument", f"{argument.name}-{number}"))
            conclusion = claims[argument.conclusion]
            for reason_id, group in zip(reason_ids, groups, strict=True):
                conclusion.supported_by.append(
                    Reason(
                        id=reason_id,
                        premises=group,
                        undercut_by=undercut,
                        scheme=argument.scheme,
                        note="; ".join(notes) or None,
                    )
                )
            at_issue = issues.get(argument.conclusion)
            if at_issue is None:
                continue
            issue, positions = at_issue
            for other in positions:
                if other == argument.conclusion:
                    continue
                for group in groups:
                    claims[other].attacked_by.append(
                        Reason(
                            premises=group,
                            undercut_by=undercut,
                            scheme=argument.scheme,
                            note=f"Carneades argument {argument.name} for "
                            f"{conclusion.locator}, another position of issue {issue}",
                        )
                    )
        return synthetic

    def expectations(self, claims: dict[str, Claim]) -> dict[str, list[str]]:
        expect: dict[str, list[str]] = {label: [] for label in LABELS}
        for name, label in self.labels_written.items():
            expect[label].append(self.ids.get("statement", name))
        unknown: list[str] = []
        for section in ("tests", "labels"):
            block = self.mapping(self.data.get(section), (section,), f"`{section}`")
            for label, listed in block.items():
                if label not in LABELS:
                    self.fail(
                        self.key_span(section, label),
                        f"`{section}` has {label!r}; expected in, out or undecided",
                    )
                    continue
                for written, _ in self.names(listed, (section, label), f"`{section}: {label}`"):
                    name = normalize(written)
                    if name not in claims:
                        unknown.append(written)
                    ident = self.ids.get("statement", name)
                    if ident not in expect[label]:
                        expect[label].append(ident)
        if unknown:
            self.report.notes.append(
                "expected labels name statements the graph does not hold (the Carneades engine "
                f"derives them from its schemes): {', '.join(unknown)}; `argmap check` reports "
                "them (AM801)"
            )
        return {label: ids for label, ids in expect.items() if ids}

    def config(self, expect: dict[str, list[str]]) -> MapConfig:
        meta = self.mapping(self.data.get("meta"), ("meta",), "`meta`")
        title = meta.get("title")
        notes = [f"{k}: {_flatten(v)}" for k, v in meta.items() if k != "title"]
        config = MapConfig(
            title=" ".join(str(title).split()) if title is not None else None,
            note="\n".join(notes) or None,
            expect=expect,
        )
        if self.strict_standards:
            config.thresholds = CARNEADES_THRESHOLDS.model_copy()
            self.report.notes.append(
                "thresholds set to Carneades 4's (alpha 0, beta 0.5, gamma 0.3), so CCE and BRD "
                "mean what they mean there"
            )
        return config


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text {str(value)[:40]!r}"


def _flatten(value: Any) -> str:
    """Metadata as one line of text."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_flatten(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_flatten(v) for v in value)
    return " ".join(str(value).split())


def _yaml_findings(problems: list[YamlProblem]) -> list[Finding]:
    return [_foreign_error(p.span, p.message) for p in problems]


def parse_carneades(text: str, path: str = "<carneades>") -> Conversion:
    """A Carneades 4 YAML graph as a map, with the report of what it could not carry."""
    report = ConversionReport(path, NAME)
    try:
        doc = parse_yaml(text, path)
    except YamlProblem as problem:
        raise MapLoadError(_yaml_findings([*problem.earlier, problem])) from None
    if doc.problems:
        raise MapLoadError(_yaml_findings(doc.problems))
    reader = _Reader(doc, path, report)
    amap = reader.read()
    if not amap.claims:
        report.notes.append(
            "the graph has no statements: the map has no records, which `argmap check` reports "
            "(AM008)"
        )
    return Conversion(amap, report)


def read(path: str | os.PathLike[str]) -> Conversion:
    text = read_foreign_text(path)
    return parse_carneades(text, str(path))


def sniff(path: str | os.PathLike[str]) -> bool:
    """Whether a YAML file is a Carneades graph: a top-level Carneades section at column 1."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(8192)
    except OSError:
        return False
    keys = set(re.findall(r"^([a-z_]+):", head, re.MULTILINE))
    return bool(keys & {"statements", "arguments", "argument_schemes", "issues", "assumptions"})
