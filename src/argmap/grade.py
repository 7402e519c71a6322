"""Grading a student's map of an article against a reference map of the same article.

`grade(student, reference)` aligns the two maps' records without looking at ids, scores four
parts of critical reading, each in [0, 1], and says in plain words what to fix
(docs/grading.md):

* **alignment**: a record of one map matches a record of the same sort (claim or evidence) in
  the other when the passages they quote overlap (Jaccard index of their character ranges in
  the article >= `QUOTE_THRESHOLD`), or else when their texts are alike (the mean of rapidfuzz's
  ``token_set_ratio`` and ``ratio`` >= `TEXT_THRESHOLD`). Pairs are assigned one to one,
  greedily: quote matches before text matches, higher scores first, ties by id.
* **thesis**: the mean of (the share of reference theses matched to a student thesis) and (the
  recall of the main reasons: the reference theses' direct premises and its hypotheses).
* **relations**: F1 of (premise, conclusion, relation) triples between claims.
* **unsupported**: of the reference's claims that no chain of reasons grounds in evidence, the
  share whose matched student claim is not grounded in evidence either.
* **evidence**: F1 of (evidence, claim, relation) triples.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from argmap.argument_map import ArgumentMap
from argmap.model import Claim, ClaimKind, Evidence, Source
from argmap.output import SafeCsvWriter

QUOTE_THRESHOLD = 0.5
"""Two quotes match when their character ranges' Jaccard index reaches this."""
TEXT_THRESHOLD = 0.8
"""Two texts match when (token_set_ratio + ratio) / 200 reaches this."""
WEIGHTS: dict[str, float] = {"thesis": 0.3, "relations": 0.3, "unsupported": 0.2, "evidence": 0.2}
"""The overall score is the mean of the parts with these weights."""
KEY_RELATED = 3
"""Batch mode: besides theses and hypotheses, the claims with the most relations are key."""

Relation = Literal["supports", "attacks", "undercuts"]
Triple = tuple[str, str, str]


# --- alignment --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A student record matched to a reference record: by ``quote`` overlap or ``text``."""

    student: str
    reference: str
    by: Literal["quote", "text"]
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "student": self.student,
            "reference": self.reference,
            "by": self.by,
            "score": round(self.score, 4),
        }


_RESOLVED: dict[tuple[str, str, int | None, int | None], tuple[int, int] | None] = {}


def _article(reference: ArgumentMap) -> Any:
    """The reference's default source text (an `argmap.anchoring.SourceText`), if it has one."""
    from argmap.anchoring import SourceTextError, outside_map, read_source_text
    from argmap.limits import outside_sources_allowed

    ref = reference.config.source
    source = reference.config.sources.get(ref) if isinstance(ref, str) else ref
    if not isinstance(source, Source) or source.text is None:
        return None
    root = reference.root if reference.root is not None else Path(".")
    if not outside_sources_allowed() and outside_map(root, source.text) is not None:
        return None  # `argmap check` on the reference says why (AM506)
    try:
        return read_source_text(root / source.text, source.text)
    except SourceTextError:
        return None


def _quotes_article(amap: ArgumentMap, record: Claim | Evidence) -> bool:
    """Whether the record quotes the map's default source (the article)."""
    return record.source is None or record.source == amap.config.source


def _ranges(amap: ArgumentMap, article: Any) -> dict[str, tuple[int, int]]:
    """Each record's quote placed in the article: its character range."""
    from argmap.anchoring import resolve

    found: dict[str, tuple[int, int]] = {}
    if article is None:
        return found
    records: list[Claim | Evidence] = [*amap.claims.values(), *amap.evidence.values()]
    for record in records:
        if not record.quote or not record.quote.strip() or not _quotes_article(amap, record):
            continue
        anchor = record.anchor
        key = (
            article.sha256,
            record.quote,
            anchor.start if anchor else None,
            anchor.end if anchor else None,
        )
        if key not in _RESOLVED:
            if len(_RESOLVED) > 4096:
                _RESOLVED.clear()
            result = resolve(article, record.quote, anchor)
            placed = result.placed and result.start is not None and result.end is not None
            _RESOLVED[key] = (result.start, result.end) if placed else None  # type: ignore[assignment]
        span = _RESOLVED[key]
        if span is not None:
            found[record.id] = span
    return found


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two character ranges: |intersection| / |union|.

    >>> jaccard((0, 10), (5, 15))
    0.3333333333333333
    """
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else float(a == b)


def text_similarity(a: str, b: str) -> float:
    """(token_set_ratio + ratio) / 200 after lower-casing: 1.0 for the same words in order."""
    from rapidfuzz import fuzz

    a, b = " ".join(a.lower().split()), " ".join(b.lower().split())
    return (fuzz.token_set_ratio(a, b) + fuzz.ratio(a, b)) / 200


def align(
    student: dict[str, str],
    reference: dict[str, str],
    student_ranges: dict[str, tuple[int, int]],
    reference_ranges: dict[str, tuple[int, int]],
) -> list[Match]:
    """Match ids of ``student`` to ids of ``reference`` (each: id -> text), one to one, greedily."""
    candidates: list[tuple[int, float, str, str, Literal["quote", "text"]]] = []
    for s_id, s_text in student.items():
        for r_id, r_text in reference.items():
            s_range, r_range = student_ranges.get(s_id), reference_ranges.get(r_id)
            if s_range is not None and r_range is not None:
                overlap = jaccard(s_range, r_range)
                if overlap >= QUOTE_THRESHOLD:
                    candidates.append((0, -overlap, s_id, r_id, "quote"))
                    continue
            alike = text_similarity(s_text, r_text)
            if alike >= TEXT_THRESHOLD:
                candidates.append((1, -alike, s_id, r_id, "text"))
    candidates.sort()
    used_s: set[str] = set()
    used_r: set[str] = set()
    matches: list[Match] = []
    for _, negative, s_id, r_id, by in candidates:
        if s_id in used_s or r_id in used_r:
            continue
        used_s.add(s_id)
        used_r.add(r_id)
        matches.append(Match(s_id, r_id, by, -negative))
    return sorted(matches, key=lambda m: m.reference)


# --- the parts --------------------------------------------------------------------------------


def triples(amap: ArgumentMap) -> set[Triple]:
    """Every (premise, conclusion, relation) of the map, premises of linked reasons one by one."""
    found: set[Triple] = set()
    for claim in amap.claims.values():
        for role, reasons in (("supports", claim.supported_by), ("attacks", claim.attacked_by)):
            for reason in reasons:
                for premise in reason.premises:
                    found.add((premise, claim.id, role))
                for undercutter in reason.undercut_by:
                    found.add((undercutter, claim.id, "undercuts"))
    return {t for t in found if t[0] in amap}


def f1(
    found: set[Triple], expected: set[Triple], counted: set[Triple]
) -> tuple[float, float, float]:
    """(precision, recall, F1): ``counted`` are the found triples precision is taken over."""
    if not expected and not counted:
        return 1.0, 1.0, 1.0
    right = len(found & expected)
    precision = right / len(counted) if counted else 1.0
    recall = right / len(expected) if expected else 1.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


@dataclass
class Part:
    """One part of the grade: its score in [0, 1], its weight and how it was reached."""

    name: str
    score: float
    weight: float
    detail: str
    numbers: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 4),
            "weight": self.weight,
            "detail": self.detail,
            **{k: round(v, 4) for k, v in self.numbers.items()},
        }


@dataclass
class GradeResult:
    """The grade of one student map: parts, overall score, alignment, what is missing or extra."""

    score: float
    parts: dict[str, Part]
    alignment: list[Match]
    missing: list[dict[str, Any]]
    extra: list[dict[str, Any]]
    feedback: list[str]
    student_title: str = ""
    reference_title: str = ""
    missed_key: list[str] = field(default_factory=list)
    """Key reference claims (theses, hypotheses, most related) with no match in the student map."""
    wrong_relations: list[str] = field(default_factory=list)
    """Relations, in reference ids and words, the student missed or added."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "student": self.student_title,
            "reference": self.reference_title,
            "score": round(self.score, 4),
            "parts": {name: part.to_dict() for name, part in self.parts.items()},
            "missing": self.missing,
            "extra": self.extra,
            "alignment": [m.to_dict() for m in self.alignment],
            "feedback": self.feedback,
        }

    def text(self) -> str:
        """The grade as plain text: scores, feedback, then the alignment."""
        lines = [f"Grade of {self.student_title} against {self.reference_title}", ""]
        lines.append(f"Overall: {self.score:.2f}")
        for name, part in self.parts.items():
            lines.append(f"  {name:<12} {part.score:.2f}  (weight {part.weight}) {part.detail}")
        lines += ["", "Feedback:"]
        lines += [f"- {item}" for item in self.feedback] or ["- Nothing to fix."]
        lines += ["", "Alignment (student -> reference, by, score):"]
        lines += [f"  {m.student} -> {m.reference}  {m.by} {m.score:.2f}" for m in self.alignment]
        return "\n".join(lines) + "\n"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _words(amap: ArgumentMap, record_id: str) -> str:
    record = amap.get(record_id)
    return _short(record.text if isinstance(record, Claim) else record.summary)


def _line(article: Any, span: tuple[int, int] | None) -> int | None:
    if article is None or span is None:
        return None
    return int(article.text.count("\n", 0, span[0]) + 1)


def key_claims(reference: ArgumentMap) -> list[str]:
    """Theses, hypotheses, then the `KEY_RELATED` claims with the most relations."""
    keys = [c.id for c in reference.claims.values() if c.kind is ClaimKind.THESIS]
    keys += [c.id for c in reference.claims.values() if c.kind is ClaimKind.HYPOTHESIS]
    degree: Counter[str] = Counter()
    for premise, conclusion, _ in triples(reference):
        degree[premise] += 1
        degree[conclusion] += 1
    ranked = sorted((c for c in reference.claims if c not in keys), key=lambda c: (-degree[c], c))
    return keys + ranked[:KEY_RELATED]


def main_reasons(reference: ArgumentMap) -> list[str]:
    """The reference theses' direct premises and its hypotheses (part thesis, `grade`)."""
    found: list[str] = []
    for claim in reference.claims.values():
        if claim.kind is ClaimKind.THESIS:
            found += [p for r in claim.supported_by for p in r.premises if p in reference]
    found += [c.id for c in reference.claims.values() if c.kind is ClaimKind.HYPOTHESIS]
    return list(dict.fromkeys(found))


def _relation_words(amap: ArgumentMap, triple: Triple) -> str:
    premise, conclusion, relation = triple
    return f"'{_words(amap, premise)}' {relation} '{_words(amap, conclusion)}'"


def grade(student: ArgumentMap, reference: ArgumentMap) -> GradeResult:
    """Grade ``student`` against ``reference`` (maps of the same article); see the module doc."""
    from argmap.support import Status, analyze_support

    article = _article(reference)
    s_ranges, r_ranges = _ranges(student, article), _ranges(reference, article)
    claim_matches = align(
        {c.id: c.text for c in student.claims.values()},
        {c.id: c.text for c in reference.claims.values()},
        s_ranges,
        r_ranges,
    )
    evidence_matches = align(
        {e.id: e.summary for e in student.evidence.values()},
        {e.id: e.summary for e in reference.evidence.values()},
        s_ranges,
        r_ranges,
    )
    matches = claim_matches + evidence_matches
    to_ref = {m.student: m.reference for m in matches}
    to_student = {m.reference: m.student for m in matches}
    feedback: list[str] = []
    later: list[str] = []  # missed records that are not key: said last
    missing: list[dict[str, Any]] = []
    extra: list[dict[str, Any]] = []

    # (a) thesis and main reasons
    theses = [c.id for c in reference.claims.values() if c.kind is ClaimKind.THESIS]
    theses_found = [
        t
        for t in theses
        if t in to_student and student.claims[to_student[t]].kind is ClaimKind.THESIS
    ]
    reasons = main_reasons(reference)
    reasons_found = [r for r in reasons if r in to_student]
    thesis_share = len(theses_found) / len(theses) if theses else 1.0
    reason_share = len(reasons_found) / len(reasons) if reasons else 1.0
    for t in theses:
        if t in to_student and t not in theses_found:
            feedback.append(
                f"Your claim '{_words(student, to_student[t])}' is the reference's thesis: "
                "mark it `kind: thesis`."
            )
    thesis_part = Part(
        "thesis",
        (thesis_share + reason_share) / 2,
        WEIGHTS["thesis"],
        f"thesis found {len(theses_found)}/{len(theses)}, "
        f"main reasons and hypotheses found {len(reasons_found)}/{len(reasons)}",
        {"thesis_found": thesis_share, "reasons_found": reason_share},
    )

    # missing and extra records
    for record_id in [*reference.claims, *reference.evidence]:
        if record_id in to_student:
            continue
        line = _line(article, r_ranges.get(record_id))
        kind = "claim" if record_id in reference.claims else "evidence"
        where = f" (quoted at line {line})" if line is not None else ""
        missing.append(
            {"kind": kind, "id": record_id, "text": _words(reference, record_id), "line": line}
        )
        if record_id in theses or record_id in reasons:
            what = "thesis" if record_id in theses else "main reason"
            feedback.append(
                f"You missed the reference's {what} '{_words(reference, record_id)}'{where}."
            )
        else:
            later.append(
                f"You missed the reference's {kind} '{_words(reference, record_id)}'{where}."
            )
    for record_id in [*student.claims, *student.evidence]:
        if record_id not in to_ref:
            kind = "claim" if record_id in student.claims else "evidence"
            extra.append({"kind": kind, "id": record_id, "text": _words(student, record_id)})
            feedback.append(
                f"Your {kind} '{_words(student, record_id)}' matches nothing in the reference: "
                "check that the article says it, and quote the passage."
            )

    # (b) relations between claims, (d) evidence links
    s_triples, r_triples = triples(student), triples(reference)
    mapped = {(to_ref[p], to_ref[c], rel) for p, c, rel in s_triples if p in to_ref and c in to_ref}
    wrong_relations: list[str] = []
    parts: dict[str, Part] = {"thesis": thesis_part}
    for name, premise_table in (("relations", reference.claims), ("evidence", reference.evidence)):
        expected = {t for t in r_triples if t[0] in premise_table}
        found = {t for t in mapped if t[0] in premise_table}
        precision, recall, score = f1(found, expected, found)
        what = "relations between claims" if name == "relations" else "evidence links"
        parts[name] = Part(
            name,
            score,
            WEIGHTS[name],
            f"F1 of {what}: precision {precision:.2f}, recall {recall:.2f}",
            {"precision": precision, "recall": recall},
        )
        for triple in sorted(found - expected):
            premise, conclusion, relation = triple
            s_p, s_c = to_student[premise], to_student[conclusion]
            wrong_relations.append(_relation_words(reference, triple))
            others = sorted(r for (p, c, r) in expected if (p, c) == (premise, conclusion))
            if (conclusion, premise, relation) in expected:
                feedback.append(
                    f"You have '{_words(student, s_p)}' {relation} '{_words(student, s_c)}', "
                    "but in the reference it is the other way round."
                )
            elif others:
                feedback.append(
                    f"You have '{_words(student, s_p)}' {relation} '{_words(student, s_c)}', "
                    f"but in the reference it {others[0]} it."
                )
            elif name == "evidence":
                targets = sorted(c for (p, c, _) in expected if p == premise)
                elsewhere = (
                    f"; the reference attaches it to '{_words(reference, targets[0])}'"
                    if targets
                    else ""
                )
                feedback.append(
                    f"Your evidence link '{_words(student, s_p)}' → '{_words(student, s_c)}' "
                    f"({relation}) is not in the reference{elsewhere}."
                )
            else:
                feedback.append(
                    f"Your relation '{_words(student, s_p)}' → '{_words(student, s_c)}' "
                    f"({relation}) is not in the reference."
                )
            extra.append({"kind": "relation", "triple": [s_p, s_c, relation]})
        for triple in sorted(expected - found):
            premise, conclusion, relation = triple
            wrong_relations.append(_relation_words(reference, triple))
            missing.append({"kind": "relation", "triple": list(triple)})
            if premise in to_student and conclusion in to_student:
                if any((p, c) == (premise, conclusion) for p, c, _ in found):
                    continue  # already said: the relation's type is wrong
                feedback.append(
                    f"In the reference {_relation_words(reference, triple)}; "
                    "your map does not link them."
                )

    # (c) unsupported claims
    s_support, r_support = analyze_support(student), analyze_support(reference)
    ungrounded = [
        c
        for c in reference.claims
        if r_support.status[c] is not Status.SUPPORTED and c in to_student
    ]
    agreed = 0
    for claim_id in ungrounded:
        s_id = to_student[claim_id]
        if s_support.status[s_id] is not Status.SUPPORTED:
            agreed += 1
            continue
        backing = sorted(e for e in s_support.ancestry(s_id) if e in student.evidence)
        via = ""
        if backing:
            ev = backing[0]
            said = reference.get(to_ref[ev]) if ev in to_ref else student.evidence[ev]
            assert isinstance(said, Evidence)
            says = _short(said.summary, 200)
            via = f" by '{_words(student, ev)}', but that evidence only says \"{says.rstrip('.')}\""
        feedback.append(
            f"You treated '{_words(student, s_id)}' as supported{via}. In the reference nothing "
            "in the article backs it with evidence: the article only asserts it."
        )
    parts["unsupported"] = Part(
        "unsupported",
        agreed / len(ungrounded) if ungrounded else 1.0,
        WEIGHTS["unsupported"],
        f"of the reference's claims without evidence that you mapped, you left {agreed}/"
        f"{len(ungrounded)} without evidence too",
    )
    feedback += later
    parts = {name: parts[name] for name in WEIGHTS}
    overall = sum(p.score * p.weight for p in parts.values()) / sum(WEIGHTS.values())
    keys = key_claims(reference)
    return GradeResult(
        score=overall,
        parts=parts,
        alignment=matches,
        missing=missing,
        extra=extra,
        feedback=feedback,
        student_title=student.title,
        reference_title=reference.title,
        missed_key=[k for k in keys if k not in to_student],
        wrong_relations=wrong_relations,
    )


# --- a class -----------------------------------------------------------------------------------


def class_csv(results: dict[str, GradeResult]) -> str:
    """One row per student: overall score, each part, and the key claims missed."""
    stream = io.StringIO()
    writer = SafeCsvWriter(stream)
    writer.writerow(["student", "score", *WEIGHTS, "missed_key_claims"])
    for name, result in results.items():
        writer.writerow(
            [
                name,
                f"{result.score:.4f}",
                *(f"{result.parts[p].score:.4f}" for p in WEIGHTS),
                " ".join(result.missed_key),
            ]
        )
    return stream.getvalue()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def class_markdown(results: dict[str, GradeResult], reference: ArgumentMap, top: int = 10) -> str:
    """The class summary: scores, who missed which key claim, the relations most often wrong."""
    lines = [f"# Class summary: {_cell(reference.title)}", "", "## Scores", ""]
    lines.append("| student | overall | " + " | ".join(WEIGHTS) + " |")
    lines.append("|---|---:|" + "---:|" * len(WEIGHTS))
    for name, result in results.items():
        scores = " | ".join(f"{result.parts[p].score:.2f}" for p in WEIGHTS)
        lines.append(f"| {_cell(name)} | {result.score:.2f} | {scores} |")
    lines += ["", "## Key claims missed", ""]
    for key in key_claims(reference):
        who = [name for name, result in results.items() if key in result.missed_key]
        kind = reference.claims[key].kind.value
        names = ", ".join(who) if who else "nobody"
        lines.append(f"- `{key}` ({kind}) '{_cell(_words(reference, key))}': {_cell(names)}")
    lines += ["", "## Relations most often wrong (missed or added)", ""]
    counts: Counter[str] = Counter(w for r in results.values() for w in r.wrong_relations)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    if not ranked:
        lines.append("Every student got every relation right.")
    for words, count in ranked:
        lines.append(f"- {count}/{len(results)} students: {_cell(words)}")
    return "\n".join(lines) + "\n"


def student_dirs(folder: Path) -> list[Path]:
    """The map directories in ``folder`` (those with claims/, evidence/ or argmap.yaml)."""
    return sorted(p for p in folder.iterdir() if p.is_dir() and is_map_dir(p))


def is_map_dir(path: Path) -> bool:
    return any((path / name).exists() for name in ("claims", "evidence", "argmap.yaml"))


def grade_all(
    students: Iterable[tuple[str, ArgumentMap]], reference: ArgumentMap
) -> dict[str, GradeResult]:
    return {name: grade(amap, reference) for name, amap in students}
