"""Analysis of Competing Hypotheses (Heuer, *Psychology of Intelligence Analysis*, 1999, ch. 8).

A map declares a question (argmap.yaml ``question:``) and the hypotheses that compete to answer
it (``hypotheses:``, by default every claim of kind ``hypothesis`` in file order). Each evidence
record rates itself against each hypothesis in ``consistency:`` and says how much it bears on
the question in ``relevance:``. `matrix` builds Heuer's matrix from them: evidence as rows,
hypotheses as columns, and under each hypothesis its weighted inconsistency score.

Ratings, on the scale used for diagnosticity:

====  ==================  =====  =========================
CC    very consistent      +2    cell score 0
C     consistent           +1    cell score 0
N     neutral               0    cell score 0
NA    not applicable        --   cell score 0, no scale value
I     inconsistent         -1    cell score -1
II    very inconsistent    -2    cell score -2
====  ==================  =====  =========================

* **Weight** w(e) = credibility(e) x relevance(e), each low 1/sqrt(2), medium 1, high sqrt(2),
  so w is one of 0.5, 0.71, 1, 1.41, 2. Relevance is the record's ``relevance:`` (medium when
  not given). Credibility comes from the Admiralty grade: the lower of the source's level
  (A, B high; C medium; D, E low; F "cannot be judged" medium) and the information's level
  (1, 2 high; 3 medium; 4, 5 low; 6 "cannot be judged" medium). Information is worth no more
  than its source vouches for, and "cannot be judged" is not the worst grade.
* **Weighted inconsistency** WI(h) = sum over e of w(e) x s(e, h), where s is the cell score
  above: only inconsistency counts. The hypothesis with the least negative WI is the most
  likely; the unweighted count (I = 1, II = 2) is kept beside it.
* **Diagnosticity** diag(e) = the highest minus the lowest of e's ratings on the scale above,
  leaving out NA and cells not rated. Evidence is *non-diagnostic* when it cannot change how
  the hypotheses compare: diag 0, rated on fewer than two hypotheses, or inconsistent with
  none of them (the score counts only inconsistency, so C, C, N is non-diagnostic too).
* A cell left empty is **not rated**: shown as "–", it scores nothing (like N) and is left out
  of diagnosticity. Heuer rates every cell; check AM705 lists the cells still empty.

>>> from argmap.model import Claim, Evidence
>>> amap = ArgumentMap(
...     claims=[Claim(id="h1", kind="hypothesis", text="One."),
...             Claim(id="h2", kind="hypothesis", text="Two.")],
...     evidence=[Evidence(id="e1", kind="document", summary="A report.", reliability="B",
...                        credibility=2, relevance="high", consistency={"h1": "CC", "h2": "I"})])
>>> m = matrix(amap)
>>> m.weighted_inconsistency
{'h1': 0.0, 'h2': -2.0}
>>> m.rows[0].weight, m.rows[0].diagnosticity
(2.0, 3)
"""

from __future__ import annotations

import io
import itertools
import math
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from argmap.argument_map import ArgumentMap
from argmap.errors import ArgmapError
from argmap.model import Claim, ClaimKind, Consistency, Evidence
from argmap.output import SafeCsvWriter, printable

Level = Literal["low", "medium", "high"]

LEVEL_STEP: dict[str, int] = {"low": -1, "medium": 0, "high": 1}
"""Each level as a power of sqrt(2): low 1/sqrt(2), medium 1, high sqrt(2)."""

LEVEL_WEIGHT: dict[str, float] = {level: 2 ** (step / 2) for level, step in LEVEL_STEP.items()}

RELIABILITY_LEVEL: dict[str, Level] = {
    "A": "high",
    "B": "high",
    "C": "medium",
    "D": "low",
    "E": "low",
    "F": "medium",
}
"""Admiralty source reliability as an ACH credibility level (F, cannot be judged: medium)."""

CREDIBILITY_LEVEL: dict[int, Level] = {
    1: "high",
    2: "high",
    3: "medium",
    4: "low",
    5: "low",
    6: "medium",
}
"""Admiralty information credibility as an ACH credibility level (6, cannot be judged: medium)."""

RATINGS: tuple[Consistency, ...] = ("CC", "C", "N", "NA", "I", "II")

RATING_WORDS: dict[str, str] = {
    "CC": "very consistent",
    "C": "consistent",
    "N": "neutral",
    "NA": "not applicable",
    "I": "inconsistent",
    "II": "very inconsistent",
}

RATING_VALUE: dict[str, int] = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
"""Each rating on the diagnosticity scale; NA has no place on it."""

INCONSISTENT = frozenset({"I", "II"})

NOT_RATED = "–"

WRAP = 100
"""Width of the notes under the terminal table."""


def credibility_level(item: Evidence) -> Level:
    """The ACH credibility of an evidence record: the lower of its two Admiralty levels.

    >>> credibility_level(Evidence(id="e", kind="event", summary="S.", reliability="C",
    ...                            credibility=2))
    'medium'
    """
    source = RELIABILITY_LEVEL[item.reliability]
    information = CREDIBILITY_LEVEL[item.credibility]
    return source if LEVEL_STEP[source] < LEVEL_STEP[information] else information


def relevance_level(item: Evidence) -> Level:
    """The record's ``relevance:``, medium when it gives none."""
    return item.relevance or "medium"


def weight(credibility: Level, relevance: Level) -> float:
    """credibility x relevance, computed as a power of two so that the products are exact.

    >>> [weight("low", "low"), weight("medium", "medium"), weight("high", "high")]
    [0.5, 1.0, 2.0]
    """
    return float(2 ** ((LEVEL_STEP[credibility] + LEVEL_STEP[relevance]) / 2))


def cell_score(rating: Consistency | None) -> int:
    """Heuer's inconsistency score of one cell: -2 for II, -1 for I, else 0 (not rated too)."""
    return {"I": -1, "II": -2}.get(rating or "", 0)


def diagnosticity(ratings: Iterable[Consistency | None]) -> int | None:
    """Highest minus lowest rating (CC +2 ... II -2), or None when fewer than two count.

    NA and cells not rated do not count.

    >>> diagnosticity(["C", "C", "NA"]), diagnosticity(["CC", "II"]), diagnosticity(["C", None])
    (0, 4, None)
    """
    values = [RATING_VALUE[r] for r in ratings if r is not None and r in RATING_VALUE]
    return max(values) - min(values) if len(values) >= 2 else None


def listing(ids: Sequence[str], limit: int = 6) -> str:
    """Ids for a message: quoted, comma-separated, the first ``limit`` of a long list.

    >>> listing(["h1", "h2"]), listing([f"h{k}" for k in range(9)], limit=2)
    ("'h1', 'h2'", "'h0', 'h1' and 7 more")
    """
    shown = ", ".join(repr(i) for i in ids[:limit])
    return shown if len(ids) <= limit else f"{shown} and {len(ids) - limit} more"


def uses_ach(amap: ArgumentMap) -> bool:
    """Whether the map does ACH: argmap.yaml lists hypotheses, or some evidence is rated."""
    return bool(amap.config.hypotheses) or bool(amap.rated_evidence)


def hypothesis_ids(amap: ArgumentMap) -> list[str]:
    """The ids the map compares: argmap.yaml's ``hypotheses:`` (each once), else its hypotheses.

    The listed ids are returned as written, even those that name no hypothesis (AM702 reports
    them); `hypotheses` keeps only the claims of kind hypothesis.
    """
    if amap.config.hypotheses:
        return list(dict.fromkeys(amap.config.hypotheses))
    return [c.id for c in amap.claims.values() if c.kind is ClaimKind.HYPOTHESIS]


def hypotheses(amap: ArgumentMap) -> list[Claim]:
    """The claims the map compares, in order (see `hypothesis_ids`)."""
    found = [amap.claims.get(i) for i in hypothesis_ids(amap)]
    return [c for c in found if c is not None and c.kind is ClaimKind.HYPOTHESIS]


@dataclass(frozen=True)
class AchRow:
    """One evidence record in the matrix: its ratings (aligned with the hypotheses) and weight."""

    evidence: Evidence
    ratings: tuple[Consistency | None, ...]
    credibility: Level
    relevance: Level
    relevance_given: bool
    weight: float
    diagnosticity: int | None

    @property
    def id(self) -> str:
        return self.evidence.id

    @property
    def counts_against(self) -> bool:
        """Whether some hypothesis is rated I or II: only then can the record lower a score."""
        return any(r in INCONSISTENT for r in self.ratings)

    @property
    def diagnostic(self) -> bool:
        """Whether the record can tell the hypotheses apart: ratings that differ, one of them I or II.

        Ratings all alike (diag 0), or fewer than two that count, tell nothing apart; nor do
        ratings that differ only in how consistent they are, because the score counts only
        inconsistency (SEMANTICS §5: C, C, N is non-diagnostic).
        """
        return bool(self.diagnosticity) and self.counts_against


@dataclass(frozen=True)
class AchMatrix:
    """Heuer's matrix: hypotheses as columns, evidence records as rows, scores underneath."""

    question: str | None
    hypotheses: tuple[Claim, ...]
    rows: tuple[AchRow, ...]
    unrated: tuple[str, ...] = ()
    """Evidence records not rated against any of the hypotheses (not rows of the matrix)."""
    unknown: tuple[str, ...] = ()
    """Ids in argmap.yaml's ``hypotheses:`` that name no hypothesis (left out)."""
    weighted_inconsistency: dict[str, float] = field(default_factory=dict)
    inconsistencies: dict[str, int] = field(default_factory=dict)
    """The unweighted score: how many I (1 each) and II (2 each) a hypothesis has."""

    @property
    def ids(self) -> list[str]:
        return [h.id for h in self.hypotheses]

    @property
    def not_rated(self) -> int:
        """How many cells of the matrix are empty."""
        return sum(rating is None for row in self.rows for rating in row.ratings)

    @property
    def non_diagnostic(self) -> list[AchRow]:
        return [row for row in self.rows if not row.diagnostic]

    def ranking(self) -> list[Claim]:
        """The hypotheses, least inconsistent (most likely) first; ties keep the map's order."""
        scores = self.weighted_inconsistency
        return sorted(self.hypotheses, key=lambda h: -scores[h.id])


def matrix(amap: ArgumentMap) -> AchMatrix:
    """The ACH matrix of ``amap``.

    Raises `ArgmapError` when the map has no hypotheses to compare.
    """
    listed = hypothesis_ids(amap)
    claims = hypotheses(amap)
    if not claims:
        raise ArgmapError(
            "the map has no hypotheses to compare; expected claims with `kind: hypothesis`, "
            "or argmap.yaml `hypotheses:` listing the ids of the claims that compete to answer "
            "its `question:`"
        )
    ids = [h.id for h in claims]
    rows: list[AchRow] = []
    unrated: list[str] = []
    for item in amap.evidence.values():
        ratings = tuple(item.consistency.get(h) for h in ids)
        if all(r is None for r in ratings):
            unrated.append(item.id)
            continue
        cred, rel = credibility_level(item), relevance_level(item)
        rows.append(
            AchRow(
                evidence=item,
                ratings=ratings,
                credibility=cred,
                relevance=rel,
                relevance_given=item.relevance is not None,
                weight=weight(cred, rel),
                diagnosticity=diagnosticity(ratings),
            )
        )
    # Rounded far below what is shown, so that equal sums reached in another order tie.
    scores = {
        h: round(math.fsum(row.weight * cell_score(row.ratings[k]) for row in rows), 9) + 0.0
        for k, h in enumerate(ids)
    }
    counts = {h: -sum(cell_score(row.ratings[k]) for row in rows) for k, h in enumerate(ids)}
    return AchMatrix(
        question=amap.config.question,
        hypotheses=tuple(claims),
        rows=tuple(rows),
        unrated=tuple(unrated),
        unknown=tuple(i for i in listed if i not in ids),
        weighted_inconsistency=scores,
        inconsistencies=counts,
    )


# --- renderings -----------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value + 0.0:.2f}"


def _one_line(text: str, limit: int | None = None) -> str:
    flat = " ".join(printable(text, terminal=True).split())
    if limit is not None and len(flat) > limit:
        return flat[: limit - 3] + "..."
    return flat


def _diag_text(row: AchRow) -> str:
    shown = NOT_RATED if row.diagnosticity is None else str(row.diagnosticity)
    return shown if row.diagnostic else f"{shown} non-diagnostic"


def _labels(m: AchMatrix) -> list[str]:
    return [f"H{k}" for k in range(1, len(m.hypotheses) + 1)]


def _verdict_lines(m: AchMatrix) -> list[str]:
    """The ranking, and whether it tells the leaders apart."""
    labels = dict(zip(m.ids, _labels(m), strict=True))
    scores = m.weighted_inconsistency
    ranked = m.ranking()
    chain = f"{labels[ranked[0].id]} {_number(scores[ranked[0].id])}"
    for before, h in itertools.pairwise(ranked):
        sign = "=" if scores[h.id] == scores[before.id] else ">"
        chain += f" {sign} {labels[h.id]} {_number(scores[h.id])}"
    lines = [f"Ranking, least inconsistent (most likely) first: {chain}."]
    top = [h.id for h in ranked if scores[h.id] == scores[ranked[0].id]]
    if len(top) == len(ranked) and len(top) > 1:
        lines.append(
            f"{'Both' if len(top) == 2 else f'All {len(top)}'} hypotheses tie: no evidence counts against one more than another, "
            "so the matrix does not tell them apart."
        )
    elif len(top) > 1:
        named = ", ".join(labels[h] for h in top[:-1]) + f" and {labels[top[-1]]}"
        lines.append(
            f"{named} tie for least inconsistent: no evidence counts against one more than another."
        )
    return lines


def _notes(m: AchMatrix) -> list[str]:
    notes = []
    count = len(m.non_diagnostic)
    if m.rows:
        notes.append(
            f"{count} of {len(m.rows)} evidence record{'s' if len(m.rows) != 1 else ''} "
            f"{'is' if count == 1 else 'are'} non-diagnostic: rated alike on every hypothesis, "
            f"on fewer than two, or inconsistent with none, {'it does' if count == 1 else 'they do'} "
            "not help tell the hypotheses apart."
        )
    else:
        notes.append(
            "No evidence record is rated against these hypotheses; add `consistency:` to the "
            "evidence records."
        )
    if m.not_rated:
        notes.append(
            f"{m.not_rated} cell{'s are' if m.not_rated != 1 else ' is'} not rated ({NOT_RATED}): "
            "scored as no inconsistency, left out of diagnosticity."
        )
    defaulted = sum(not row.relevance_given for row in m.rows)
    if defaulted:
        notes.append(
            f"{defaulted} record{'s give' if defaulted != 1 else ' gives'} no relevance: "
            "medium assumed."
        )
    if m.unrated:
        notes.append(
            f"Not rated against any hypothesis, so not in the matrix: {', '.join(m.unrated)}."
        )
    if m.unknown:
        notes.append(
            f"argmap.yaml `hypotheses:` lists {', '.join(m.unknown)}, which "
            f"{'is not a hypothesis' if len(m.unknown) == 1 else 'are not hypotheses'}: left out "
            "(see AM702)."
        )
    return notes


KEY = (
    "Ratings: CC very consistent, C consistent, N neutral, NA not applicable, I inconsistent, "
    "II very inconsistent. Weight = credibility x relevance (low 0.71, medium 1, high 1.41). "
    "WI = the sum of weight x (-1 for I, -2 for II): only inconsistency counts, and the least "
    "negative hypothesis is the most likely. diag = highest minus lowest rating "
    "(CC +2 ... II -2, NA left out)."
)


def format_table(m: AchMatrix) -> str:
    """The matrix as a plain-text table for a terminal, with a legend and notes."""
    labels = _labels(m)
    lines: list[str] = []
    if m.question:
        lines += [f"Question: {_one_line(m.question)}", ""]
    width = max(len(h.id) for h in m.hypotheses)
    for label, h in zip(labels, m.hypotheses, strict=True):
        lines.append(f"{label:<3} {h.id:<{width}}  {_one_line(h.text, max(40, WRAP - width - 6))}")
    lines.append("")

    score_cells = [_number(m.weighted_inconsistency[h]) for h in m.ids]
    count_cells = [str(m.inconsistencies[h]) for h in m.ids]
    header = ["evidence", "grade", "cred.", "rel.", "weight", *labels, "diag."]
    body = [
        [
            row.id,
            row.evidence.grade,
            row.credibility,
            row.relevance,
            _number(row.weight),
            *(r or NOT_RATED for r in row.ratings),
            _diag_text(row),
        ]
        for row in m.rows
    ]
    footer = [
        ["weighted inconsistency (WI)", "", "", "", "", *score_cells, ""],
        ["inconsistencies (I 1, II 2)", "", "", "", "", *count_cells, ""],
    ]
    widths = [max(len(r[c]) for r in [header, *body]) for c in range(len(header))]
    for k in range(len(labels)):
        widths[5 + k] = max(widths[5 + k], *(len(r[5 + k]) for r in footer))
    # A footer row's label spans the five columns before the hypotheses.
    label_width = sum(widths[:5]) + 2 * 4
    longest = max(len(r[0]) for r in footer)
    if longest > label_width:
        widths[0] += longest - label_width
        label_width = longest
    numeric = set(range(4, 5 + len(labels)))  # the weight, the ratings and the scores

    def line(cells: list[str], footer_row: bool = False) -> str:
        parts = [cells[0].ljust(label_width)] if footer_row else []
        for k, cell in enumerate(cells):
            if footer_row and k < 5:
                continue
            if k == len(cells) - 1:
                parts.append(cell)
            elif k in numeric:
                parts.append(cell.rjust(widths[k]))
            else:
                parts.append(cell.ljust(widths[k]))
        return "  ".join(parts).rstrip()

    lines.append(line(header))
    lines += [line(r) for r in body]
    lines += [line(r, footer_row=True) for r in footer]
    lines.append("")
    for text in [*_verdict_lines(m), *_notes(m), KEY]:
        lines += textwrap.wrap(text, width=WRAP, break_on_hyphens=False)
    return "\n".join(lines) + "\n"


def format_csv(m: AchMatrix) -> str:
    """One row per evidence record, one column per hypothesis (by id), a final score row."""
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer)
    writer.writerow(
        [
            "evidence",
            "grade",
            "credibility",
            "relevance",
            "weight",
            *m.ids,
            "diagnosticity",
            "non_diagnostic",
        ]
    )
    for row in m.rows:
        writer.writerow(
            [
                row.id,
                row.evidence.grade,
                row.credibility,
                row.relevance,
                round(row.weight, 4),
                *(r or "" for r in row.ratings),
                "" if row.diagnosticity is None else row.diagnosticity,
                "false" if row.diagnostic else "true",
            ]
        )
    writer.writerow(
        [
            "weighted inconsistency",
            "",
            "",
            "",
            "",
            *(round(m.weighted_inconsistency[h], 4) + 0.0 for h in m.ids),
            "",
            "",
        ]
    )
    return buffer.getvalue()


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"})


def _markdown_text(text: str, limit: int | None = None) -> str:
    return _one_line(text, limit).translate(_MARKDOWN_SPECIAL)


def _markdown_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def format_markdown(m: AchMatrix) -> str:
    """The matrix as Markdown: the question, the hypotheses, one table, then the notes."""
    labels = _labels(m)
    lines: list[str] = []
    if m.question:
        lines += [f"**Question:** {_markdown_text(m.question)}", ""]
    lines += ["| | Id | Hypothesis |", "|---|---|---|"]
    for label, h in zip(labels, m.hypotheses, strict=True):
        lines.append(_markdown_row([label, f"`{h.id}`", _markdown_text(h.text)]))
    lines.append("")
    lines.append(_markdown_row(["Evidence", "Grade", "Cred.", "Rel.", "Weight", *labels, "Diag."]))
    lines.append(
        _markdown_row(["---", "---", "---", "---", "---:", *(":-:" for _ in labels), "---"])
    )
    for row in m.rows:
        diag = NOT_RATED if row.diagnosticity is None else str(row.diagnosticity)
        lines.append(
            _markdown_row(
                [
                    f"`{row.id}`",
                    row.evidence.grade,
                    row.credibility,
                    row.relevance,
                    _number(row.weight),
                    *(r or NOT_RATED for r in row.ratings),
                    diag if row.diagnostic else f"{diag} *non-diagnostic*",
                ]
            )
        )
    blank = ["", "", "", ""]
    lines.append(
        _markdown_row(
            [
                "**Weighted inconsistency**",
                *blank,
                *(f"**{_number(m.weighted_inconsistency[h])}**" for h in m.ids),
                "",
            ]
        )
    )
    lines.append(
        _markdown_row(["Inconsistencies", *blank, *(str(m.inconsistencies[h]) for h in m.ids), ""])
    )
    lines.append("")
    lines += [*_verdict_lines(m), *_notes(m), KEY]
    return "\n\n".join(_paragraphs(lines)) + "\n"


def _paragraphs(lines: list[str]) -> list[str]:
    """Join runs of table lines; every other line is a paragraph of its own."""
    out: list[str] = []
    block: list[str] = []
    for text in lines:
        if text.startswith("|"):
            block.append(text)
            continue
        if block:
            out.append("\n".join(block))
            block = []
        if text:
            out.append(text)
    if block:
        out.append("\n".join(block))
    return out


FORMATS: dict[str, Callable[[AchMatrix], str]] = {
    "table": format_table,
    "csv": format_csv,
    "markdown": format_markdown,
}
