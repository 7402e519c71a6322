"""The records of an argument map: claims, evidence, the reasons that link them, and the map's config.

These pydantic models are the map format. Field names are stable: importers, exporters and the
teaching tools build on them. The models hold no I/O; `argmap.load` fills them from YAML and
keeps, beside each record, where in which file every field was written (`Record.where`).

Relations are written on the side of the claim they bear on (as in Argdown's ``<+``/``<-`` and
Kialo's pro/con trees), so a claim's file says everything that speaks for and against it::

    id: trend
    text: Chinese companies are more open than US companies.
    supported_by:
      - chinese-list                    # an independent reason
      - premises: [us-list, no-openai]  # a linked reason: the premises count only together
        undercut_by: [meta-exception]   # accepts the premises, denies they carry the conclusion
    attacked_by:
      - meta-open
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from argmap.span import PositionTable, Span

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


def _id_from_number(value: Any) -> Any:
    # `id: 42` is a natural thing to write; YAML reads it as a number.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


RecordId = Annotated[
    str,
    # The constraints before the validator: then pydantic checks them in its core, with the
    # text, instead of calling two Python functions for each of the 300,000 ids of a large map.
    Field(
        pattern=ID_PATTERN,
        max_length=200,
        description="Stable identifier: letters, digits, '_', '.', '-'; starts with a letter or digit.",
    ),
    BeforeValidator(_id_from_number),
]


class Where:
    """Positions of one record's fields, keyed by their path inside the record.

    ``where.of("supported_by", 1, "premises", 0)`` is where that premise id was written; a path
    that was not written (a default, or a bare id standing for a one-premise reason) falls back to
    its nearest written parent, then to the record itself.

    A record read from YAML keeps entries ``start`` to ``end`` of its file's `PositionTable`,
    which hold paths inside the record: a map keeps the position of every value it loaded, and a
    `Span` for each, in a mapping, took ten times the memory. A record read otherwise (JSON, AIF)
    has ``positions``: where each value starts, by its path in the file (``prefix`` + its path
    inside the record). ``record``, where the record starts, is the table's entry ``start`` when
    not given.
    """

    __slots__ = ("_map", "_record", "end", "prefix", "start", "table")

    LINEAR = 48
    """A record with more entries than this gets an index on its first search."""

    def __init__(
        self,
        record: Span | None,
        positions: dict[tuple[Any, ...], Span] | None = None,
        prefix: tuple[Any, ...] = (),
        table: PositionTable | None = None,
        start: int = 0,
        end: int = 0,
    ) -> None:
        self._record = record
        self.prefix = prefix
        self.table = table
        self.start = start
        self.end = end
        # With a table: None, or an index of its entries by path, made on the first search;
        # without one: ``positions``.
        self._map: dict[tuple[Any, ...], Any] | None = (
            None if table is not None else positions if positions is not None else {}
        )

    @property
    def record(self) -> Span:
        """Where the record starts."""
        record = self._record
        if record is None:  # made when first asked for: most records are never asked
            assert self.table is not None
            record = self._record = self.table.span(self.start)
        return record

    @property
    def positions(self) -> dict[tuple[Any, ...], Span]:
        """Where each value starts, by its path in the file."""
        table = self.table
        if table is None:
            assert self._map is not None
            return self._map
        return {
            self.prefix + table.paths[index]: table.span(index)
            for index in range(self.start, self.end)
        }

    def own(self) -> dict[tuple[Any, ...], Span]:
        """Where each of this record's values starts, by its path inside the record."""
        table = self.table
        if table is not None:
            return {table.paths[index]: table.span(index) for index in range(self.start, self.end)}
        assert self._map is not None
        prefix, size = self.prefix, len(self.prefix)
        return {path[size:]: span for path, span in self._map.items() if path[:size] == prefix}

    def __eq__(self, other: object) -> bool:
        # A record read twice from the same text must compare equal (`argmap.incremental`).
        if not isinstance(other, Where):
            return NotImplemented
        return (self.record, self.prefix, self.own()) == (other.record, other.prefix, other.own())

    __hash__ = None  # type: ignore[assignment]

    def of(self, *loc: Any) -> Span:
        table = self.table
        if table is None:
            positions = self._map
            assert positions is not None
            prefix = self.prefix
            while loc:
                span: Span | None = positions.get(prefix + loc)
                if span is not None:
                    return span
                loc = loc[:-1]
            return self.record
        start, end = self.start, self.end
        if end - start <= self.LINEAR:
            while loc:
                index = table.find(loc, start, end)
                if index >= 0:
                    return table.span(index)
                loc = loc[:-1]
            return self.record
        entries = self._map
        if entries is None:
            paths = table.paths
            entries = self._map = {paths[index]: index for index in range(start, end)}
        while loc:
            found: int = entries.get(loc, -1)
            if found >= 0:
                return table.span(found)
            loc = loc[:-1]
        return self.record


class _SharedFields(set[str]):
    """The fields a loaded model was given, one set for all the models given the same fields.

    pydantic keeps such a set in every model (200 to 700 bytes: a third of a loaded map's
    models, measured), and reads it only to copy or dump a model; so the loader shares them
    (`share_fields`). A model that is assigned a field gets a set of its own first
    (`_Strict.__setattr__`): the shared one never changes.
    """

    __slots__ = ()


_FIELD_SETS: dict[frozenset[str], _SharedFields] = {}


def _shared(fields: set[str]) -> set[str]:
    key = frozenset(fields)
    shared = _FIELD_SETS.get(key)
    if shared is None:
        shared = _FIELD_SETS[key] = _SharedFields(key)
    return shared


def keep_where(model: BaseModel, where: Where) -> Where:
    """Keep ``where``, the positions of ``model``'s fields, with it (its `where`); return it.

    They go in pydantic's slot for private attributes, undeclared: a declared private attribute
    costs pydantic two Python calls in every validation, 40% of validating a claim. pydantic
    copies, pickles and compares the slot with the model.
    """
    private = model.__pydantic_private__
    if private is None:
        object.__setattr__(model, "__pydantic_private__", {"_where": where})
    else:
        private["_where"] = where
    return where


def _kept_where(model: BaseModel) -> Where | None:
    private = model.__pydantic_private__
    return private.get("_where") if private is not None else None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=False)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "_where":  # pydantic would put it among the fields' values, silently
            raise AttributeError("keep a model's positions with argmap.model.keep_where")
        fields = self.__pydantic_fields_set__
        if type(fields) is _SharedFields:
            object.__setattr__(self, "__pydantic_fields_set__", set(fields))
        super().__setattr__(name, value)


class ClaimKind(str, Enum):
    """What role a claim plays in the argument."""

    THESIS = "thesis"
    """The central conclusion the source argues for."""
    HYPOTHESIS = "hypothesis"
    """One of several competing explanations the source weighs."""
    CLAIM = "claim"
    """An ordinary statement offered as a reason or conclusion."""
    ASSUMPTION = "assumption"
    """Taken as given: may stand without evidence, and every chain resting on it says so."""


class EvidenceKind(str, Enum):
    """What sort of thing an evidence record is."""

    STATISTIC = "statistic"
    DOCUMENT = "document"
    EXPERT_OPINION = "expert_opinion"
    TESTIMONY = "testimony"
    EXAMPLE = "example"
    ANALOGY = "analogy"
    OBSERVATION = "observation"
    EVENT = "event"
    """A dated, checkable occurrence (a release, a publication, an announcement)."""


Reliability = Literal["A", "B", "C", "D", "E", "F"]
"""Admiralty source reliability: A reliable … E unreliable; F cannot be judged (not 'worst')."""

Credibility = Literal[1, 2, 3, 4, 5, 6]
"""Admiralty information credibility: 1 confirmed … 5 improbable; 6 cannot be judged."""

RELIABILITY_WORDS: dict[str, str] = {
    "A": "reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_WORDS: dict[int, str] = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


class Source(_Strict):
    """A document a quote comes from."""

    title: str = Field(description="Title of the work.")
    author: str | None = Field(default=None, description="Author(s), as credited.")
    publisher: str | None = Field(default=None, description="Publisher or outlet.")
    date: str | None = Field(
        default=None, description="Publication date, ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)."
    )
    url: str | None = Field(default=None, description="Where the work can be read.")
    text: str | None = Field(
        default=None,
        description="Path (relative to the map root) of a local copy of the text, for quote checks.",
    )
    note: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_text(cls, value: Any) -> Any:
        # YAML 1.1 reads 2025-07-11 as a date and 2025 as an int; a date is text here.
        return value if value is None or isinstance(value, str) else str(value)


SourceRef = Annotated[
    RecordId | Source,
    Field(description="A source: the id of one of argmap.yaml's `sources`, or the source itself."),
]


class Reason(_Strict):
    """One reason for (or objection to) a claim: one premise, or several that count only together.

    In YAML a reason is either a bare id (one premise) or a mapping with ``premises``.
    """

    id: RecordId | None = Field(
        default=None,
        description="Optional name of this inference, e.g. to refer to it from elsewhere.",
    )
    premises: list[RecordId] = Field(
        min_length=1,
        description="Claim or evidence ids. Several premises form a linked group: they count only together.",
    )
    undercut_by: list[RecordId] = Field(
        default_factory=list,
        description="Claims or evidence that accept the premises but deny they bear on the conclusion.",
    )
    scheme: str | None = Field(
        default=None, description="Argumentation scheme, e.g. 'argument from analogy'."
    )
    note: str | None = None

    @property
    def linked(self) -> bool:
        return len(self.premises) > 1


def _reason_from_id(value: Any) -> Any:
    return {"premises": [value]} if isinstance(value, str) else value


class Anchor(_Strict):
    """Where a quote sits in its source's text: W3C Web Annotation selectors, resolved.

    ``start``/``end`` (a TextPositionSelector) count Unicode code points in the source text
    after normalization; ``prefix``/``suffix`` (with the quote, a TextQuoteSelector) are up to 32
    characters around it; ``sha256`` is the hash of the normalized text the offsets refer to, so
    a changed source is noticed and the quote re-anchored. Written by ``argmap anchor --write``.
    """

    start: int = Field(ge=0, description="Offset of the quote's first character (inclusive).")
    end: int = Field(ge=0, description="Offset after the quote's last character (exclusive).")
    prefix: str = Field(default="", description="Up to 32 characters before the quote.")
    suffix: str = Field(default="", description="Up to 32 characters after the quote.")
    sha256: str | None = Field(
        default=None, description="SHA-256 of the normalized source text the offsets refer to."
    )


class Record(_Strict):
    """What claims and evidence records share."""

    id: RecordId
    quote: str | None = Field(
        default=None, description="The source's exact words that carry this record."
    )
    source: SourceRef | None = Field(
        default=None,
        description="Where the quote is from; defaults to the map's `source` in argmap.yaml.",
    )
    locator: str | None = Field(
        default=None, description="Where in the source: page, paragraph, section, timestamp."
    )
    anchor: Anchor | None = Field(
        default=None, description="The quote's resolved place in its source text (see Anchor)."
    )
    tags: list[str] = Field(default_factory=list)
    note: str | None = None

    @property
    def where(self) -> Where:
        """Positions of this record's fields (a stand-in at line 1 for records built in Python)."""
        return _kept_where(self) or keep_where(self, Where(Span("<memory>", 1, 1)))

    @property
    def span(self) -> Span:
        return self.where.record


class ProofStandard(str, Enum):
    """How much support a claim needs before it counts as established (Carneades)."""

    SCINTILLA = "scintilla"
    """At least one applicable argument for it."""
    PREPONDERANCE = "preponderance"
    """The strongest argument for it outweighs the strongest against it."""
    CLEAR_AND_CONVINCING = "clear_and_convincing"
    """Preponderance, with the case for it above alpha and ahead by more than beta."""
    BEYOND_REASONABLE_DOUBT = "beyond_reasonable_doubt"
    """Clear and convincing, and the strongest case against it below gamma."""
    DIALECTICAL_VALIDITY = "dialectical_validity"
    """An applicable argument for it and none against it."""


class Claim(Record):
    """A statement the source makes (or that the map maker adds as an assumption)."""

    kind: ClaimKind = ClaimKind.CLAIM
    text: str = Field(min_length=1, description="The claim, as one self-contained statement.")
    proof_standard: ProofStandard | None = Field(
        default=None,
        description="How much support the claim needs to count as established (default: the "
        "map's `thresholds.default_standard`).",
    )
    supported_by: list[Reason] = Field(
        default_factory=list, description="Reasons for this claim: ids or linked premise groups."
    )
    attacked_by: list[Reason] = Field(
        default_factory=list, description="Objections to this claim: ids or linked premise groups."
    )

    @field_validator("supported_by", "attacked_by", mode="before")
    @classmethod
    def _bare_ids_are_reasons(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            return [_reason_from_id(item) for item in value]
        return value


Consistency = Literal["CC", "C", "N", "NA", "I", "II"]
"""An ACH rating of one evidence record against one hypothesis (Heuer 1999)."""

Relevance = Literal["low", "medium", "high"]


class Evidence(Record):
    """Something outside the argument's own say-so: a statistic, a document, an observed event."""

    kind: EvidenceKind
    summary: str = Field(min_length=1, description="What this evidence shows, in one sentence.")
    reliability: Reliability = Field(
        description="Admiralty source reliability A-F (F: cannot be judged)."
    )
    credibility: Credibility = Field(
        description="Admiralty information credibility 1-6 (6: cannot be judged)."
    )
    as_of: str | None = Field(
        default=None,
        description="The date the evidence was true as of, ISO 8601 (default: its source's date). "
        "`argmap check --as-of DATE` counts only evidence dated on or before DATE.",
    )
    superseded_by: RecordId | None = Field(
        default=None, description="A later evidence record that replaces this one."
    )
    consistency: dict[RecordId, Consistency] = Field(
        default_factory=dict,
        description="Analysis of competing hypotheses: this evidence rated against each "
        "hypothesis id: CC very consistent, C consistent, N neutral, NA not applicable, "
        "I inconsistent, II very inconsistent.",
    )
    relevance: Relevance | None = Field(
        default=None,
        description="How much this evidence bears on the question (weights the ACH matrix).",
    )

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of_as_text(cls, value: Any) -> Any:
        return value if value is None or isinstance(value, str) else str(value)

    @field_validator("credibility", mode="before")
    @classmethod
    def _credibility_not_bool(cls, value: Any) -> Any:
        # pydantic's Literal[1, ...] takes True for 1, so `credibility: yes` would read as
        # "confirmed"; a true/false is never a grade.
        if isinstance(value, bool):
            raise PydanticCustomError(
                "literal_error",
                "Input should be {expected}",
                {"expected": "1, 2, 3, 4, 5 or 6"},
            )
        return value

    @property
    def grade(self) -> str:
        """The two-character Admiralty code, e.g. ``B2``."""
        return f"{self.reliability}{self.credibility}"


SeveritySetting = Literal["error", "warning", "info", "off"]


class Thresholds(_Strict):
    """Proof-standard parameters (Gordon & Walton; CarneadesDSL's example values as defaults)."""

    alpha: float = Field(
        default=0.4, ge=0, le=1, description="Clear and convincing: minimum case for."
    )
    beta: float = Field(default=0.3, ge=0, le=1, description="Clear and convincing: minimum lead.")
    gamma: float = Field(
        default=0.2, ge=0, le=1, description="Beyond reasonable doubt: maximum case against."
    )
    default_standard: ProofStandard = Field(
        default=ProofStandard.PREPONDERANCE,
        description="The proof standard of claims that do not name one.",
    )


ExpectedOutcome = Literal[
    "in",
    "out",
    "undecided",
    "supported",
    "weakly_supported",
    "assumed",
    "contested",
    "unsupported",
    "refuted",
]
"""What a map can expect of a claim: a grounded label, or a verdict (docs/semantics.md)."""


class MapConfig(_Strict):
    """``argmap.yaml``: what the map is of, and how to check it."""

    title: str | None = None
    question: str | None = Field(default=None, description="The question the map answers.")
    source: SourceRef | None = Field(
        default=None, description="The document the map is of; the default source of every quote."
    )
    sources: dict[RecordId, Source] = Field(
        default_factory=dict, description="Named sources that records can cite by id."
    )
    hypotheses: list[RecordId] = Field(
        default_factory=list,
        description="The competing hypotheses that answer `question`, in the order to compare "
        "them (default: every claim of kind hypothesis, in file order).",
    )
    checks: dict[str, SeveritySetting] = Field(
        default_factory=dict,
        description="Per check (code such as AM201, or name such as unsupported-claim): "
        "a severity, or 'off'.",
    )
    thresholds: Thresholds = Field(
        default_factory=lambda: Thresholds(),
        description="Parameters of the proof standards (Carneades' alpha, beta, gamma).",
    )
    expect: dict[ExpectedOutcome, list[RecordId]] = Field(
        default_factory=dict,
        description="What the map expects of itself: the claims that should come out with each "
        "label (in, out, undecided) or verdict (supported, weakly_supported, assumed, contested, "
        "unsupported, refuted). `argmap check` reports each one that fails (AM801).",
    )
    note: str | None = None

    @field_validator("checks", mode="before")
    @classmethod
    def _bare_off(cls, value: Any) -> Any:
        # YAML 1.1 reads a bare `off` (or `no`, `false`) as false; as a setting it can only mean off.
        if isinstance(value, dict):
            return {key: "off" if setting is False else setting for key, setting in value.items()}
        return value

    @property
    def where(self) -> Where:
        return _kept_where(self) or keep_where(self, Where(Span("argmap.yaml", 1, 1)))


def share_fields(record: Record) -> None:
    """Make ``record`` and the models inside it share their sets of given fields (`_SharedFields`)."""
    assign = object.__setattr__
    assign(record, "__pydantic_fields_set__", _shared(record.__pydantic_fields_set__))
    for inner in (record.source, record.anchor):
        if isinstance(inner, BaseModel):
            assign(inner, "__pydantic_fields_set__", _shared(inner.__pydantic_fields_set__))
    if isinstance(record, Claim):
        for reasons in (record.supported_by, record.attacked_by):
            for reason in reasons:
                assign(reason, "__pydantic_fields_set__", _shared(reason.__pydantic_fields_set__))
