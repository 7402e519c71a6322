"""Reading exercises generated from a map, with an answer key (``argmap quiz``, docs/quiz.md).

Four kinds of question, each asked only where the map has the material for it:

``passage``
    Which passage supports this claim? One quote of an evidence record that is a premise of one
    of the claim's support reasons, and up to three quotes of evidence that is nowhere in the
    claim's support chains (and whose quote differs from every supporting quote).
``supported``
    Is this claim supported by evidence in the text? Yes when the support analysis grounds it
    in evidence (`argmap.support.Status.SUPPORTED`) and its verdict is supported or weakly
    supported; no when nothing grounds it (``UNSUPPORTED``) and its verdict is unsupported.
    Claims that stand only on assumptions, or are contested or refuted, are not asked about.
``relation``
    What relation holds between these two statements? Supports, attacks or undercuts (the first
    is a premise of a reason for the second, of a reason against it, or undercuts a reason
    about it) when exactly one of these links them; unrelated when neither is upstream of the
    other in the graph at all.
``unsupported``
    Which of these claims does the article leave unsupported? Select all: the claims of the
    AM201/AM202 findings are right, the claims a ``supported`` question would answer "yes"
    for are the distractors.

Determinism: every pool is sorted before `random.Random(seed)` samples from it, so the same map
and seed give byte-identical files.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import networkx as nx

from argmap.argument_map import ArgumentMap
from argmap.errors import ArgmapError
from argmap.model import Claim, Evidence
from argmap.output import printable
from argmap.support import Status, analyze_support

KINDS = ("passage", "supported", "relation", "unsupported")
PROMPTS = {
    "passage": "Which passage supports this claim?",
    "supported": "Is this claim supported by evidence in the text?",
    "relation": "What relation holds between these two statements?",
    "unsupported": "Which of these claims does the article leave unsupported? Select all that apply.",
}
RELATIONS = ("supports", "attacks", "undercuts", "unrelated")
RELATION_OPTIONS = (
    "Statement 1 supports statement 2",
    "Statement 1 attacks statement 2",
    "Statement 1 undercuts an argument about statement 2",
    "Neither bears on the other",
)
LETTERS = "ABCDEFGHIJ"
DEFAULT_QUESTIONS = 10
UNRELATED_ENUMERATION_LIMIT = 150
"""Up to this many records, every pair is a candidate for "neither bears on the other"."""
YES_VERDICTS = ("supported", "weakly_supported")


class QuizError(ArgmapError):
    """The map has no material for any question."""


@dataclass
class Question:
    """One exercise: what the worksheet shows, and what the answer key says."""

    kind: str
    statements: list[str]
    """Texts shown above the options (a claim; or statement 1 and statement 2)."""
    subjects: list[str]
    """The ids of those statements."""
    options: list[str]
    option_ids: list[str]
    """Per option: the record id it stands for, or the relation / yes / no it names."""
    answers: list[int]
    """Indices into ``options`` of the right answers."""
    why: list[str] = field(default_factory=list)

    @property
    def prompt(self) -> str:
        return PROMPTS[self.kind]

    @property
    def answer_letters(self) -> str:
        return ", ".join(LETTERS[i] for i in self.answers)


@dataclass
class Quiz:
    title: str
    seed: int
    questions: list[Question]


def _flat(text: str) -> str:
    return " ".join(printable(text).split())


def statement(record: Claim | Evidence) -> str:
    """What a record says: a claim's text, an evidence record's summary."""
    return _flat(record.text if isinstance(record, Claim) else record.summary)


class _Material:
    """What the questions are built from, computed once per map."""

    def __init__(self, amap: ArgumentMap) -> None:
        from argmap.checks import check
        from argmap.semantics import evaluate

        self.amap = amap
        self.graph = amap.graph
        self.support = analyze_support(amap)
        self.evaluation = evaluate(amap)
        self.unsupported_findings = sorted(
            {
                f.subject
                for f in check(amap, select=("AM201", "AM202"))
                if f.subject is not None and f.subject in amap.claims
            }
        )

    def supported(self) -> list[str]:
        """Claims grounded in evidence whose verdict is (weakly) supported: clearly "yes"."""
        return sorted(
            c
            for c in self.amap.claims
            if self.support.status.get(c) is Status.SUPPORTED
            and self.evaluation.verdicts[c].verdict.value in YES_VERDICTS
        )

    def unsupported(self) -> list[str]:
        """Claims nothing grounds, with the verdict unsupported: clearly "no"."""
        return sorted(
            c
            for c in self.amap.claims
            if self.support.status.get(c) is Status.UNSUPPORTED
            and self.evaluation.verdicts[c].verdict.value == "unsupported"
        )

    def direct_supporters(self, claim_id: str) -> list[str]:
        """Premises of the claim's support reasons, sorted."""
        found: set[str] = set()
        for reason, _, relation in self.graph.in_edges(claim_id, data="relation"):
            if relation == "supports":
                found.update(
                    p
                    for p, _, rel in self.graph.in_edges(reason, data="relation")
                    if rel == "premise"
                )
        return sorted(found)

    def relations(self, first: str, second: str) -> set[str]:
        """How ``first`` bears directly on ``second``: supports, attacks, undercuts."""
        found: set[str] = set()
        for node, _, relation in self.graph.in_edges(second, data="relation"):
            if relation not in ("supports", "attacks"):
                continue
            reason = self.graph.nodes[node]["reason"]
            if first in reason.premises:
                found.add(relation)
            if first in reason.undercut_by:
                found.add("undercuts")
        return found

    def links(self, first: str, second: str) -> list[str]:
        """The graph edges that make ``first`` bear on ``second``, as text."""
        out = []
        for _, reason, relation in sorted(self.graph.out_edges(first, data="relation")):
            data = self.graph.nodes[reason]
            if data.get("target") == second:
                onward = "supports" if data["role"] == "support" else "attacks"
                verb = "is a premise of" if relation == "premise" else relation
                out.append(f"{first} {verb} {reason}, which {onward} {second}")
        return out


def _pick(rng: random.Random, pool: list[str], count: int) -> list[str]:
    return rng.sample(sorted(pool), min(count, len(pool)))


def _passage_questions(m: _Material, rng: random.Random) -> Iterator[Question]:
    amap = m.amap
    quoted = sorted(i for i, e in amap.evidence.items() if e.quote and _flat(e.quote))
    claims = sorted(amap.claims)
    rng.shuffle(claims)
    for claim_id in claims:
        supporters = [i for i in m.direct_supporters(claim_id) if i in quoted]
        if not supporters:
            continue
        upstream = m.support.ancestry(claim_id)
        right_quotes = {_flat(amap.evidence[i].quote or "") for i in upstream if i in quoted}
        others = [
            i
            for i in quoted
            if i not in upstream and _flat(amap.evidence[i].quote or "") not in right_quotes
        ]
        # One option per distinct quote, so no two options read the same.
        by_quote: dict[str, str] = {}
        for i in others:
            by_quote.setdefault(_flat(amap.evidence[i].quote or ""), i)
        distractors = _pick(rng, list(by_quote.values()), 3)
        if not distractors:
            continue
        right = rng.choice(supporters)
        ids = [right, *distractors]
        rng.shuffle(ids)
        reason = m.links(right, claim_id)
        yield Question(
            kind="passage",
            statements=[statement(amap.claims[claim_id])],
            subjects=[claim_id],
            options=[f"“{_flat(amap.evidence[i].quote or '')}”" for i in ids],
            option_ids=ids,
            answers=[ids.index(right)],
            why=[
                (
                    f"{right} ({statement(amap.evidence[right])}) quotes this passage; "
                    f"in the graph, {'; '.join(reason)}."
                ),
                "None of the other passages is quoted by evidence anywhere in the claim's "
                "support chains: " + ", ".join(i for i in ids if i != right) + ".",
            ],
        )


def _interleave(rng: random.Random, pools: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Items of each pool (shuffled), taken in turn from each non-empty pool (in shuffled order)."""
    order = sorted(k for k, pool in pools.items() if pool)
    rng.shuffle(order)
    queues = {}
    for key in order:
        items = sorted(pools[key])
        rng.shuffle(items)
        queues[key] = items
    out: list[tuple[str, str]] = []
    while any(queues.values()):
        for key in order:
            if queues[key]:
                out.append((key, queues[key].pop()))
    return out


def _supported_questions(m: _Material, rng: random.Random) -> Iterator[Question]:
    from argmap.explain import explanation

    pools = {"yes": m.supported(), "no": m.unsupported()}
    for answer, claim_id in _interleave(rng, pools):
        trace = explanation(m.amap, claim_id, m.evaluation)
        if answer == "yes":
            grounds = sorted(i for i in m.support.ancestry(claim_id) if i in m.amap.evidence)
            analysis = (
                "Support analysis: supported: a chain of reasons from it ends in evidence "
                f"(evidence upstream: {', '.join(grounds)})."
            )
        else:
            analysis = (
                "Support analysis: unsupported: no chain of reasons from it ends in evidence "
                "or an assumption."
            )
        yield Question(
            kind="supported",
            statements=[statement(m.amap.claims[claim_id])],
            subjects=[claim_id],
            options=["Yes", "No"],
            option_ids=["yes", "no"],
            answers=[0 if answer == "yes" else 1],
            why=[analysis, f"Verdict trace: {trace.heading[0]}. {trace.steps[-1].title}"],
        )


def _relation_questions(m: _Material, rng: random.Random) -> Iterator[Question]:
    amap = m.amap
    records = sorted([*amap.claims, *amap.evidence])
    pools: dict[str, list[str]] = {r: [] for r in RELATIONS}
    linked: set[tuple[str, str]] = set()
    for node, data in m.graph.nodes(data=True):
        if data.get("kind") == "reason":
            linked.update((other, data["target"]) for other in m.graph.predecessors(node))
    for first, second in sorted(linked):
        found = m.relations(first, second)
        if first != second and len(found) == 1 and (second, first) not in linked:
            pools[found.pop()].append(f"{first}\t{second}")
    if len(records) <= UNRELATED_ENUMERATION_LIMIT:
        candidates = [(a, b) for i, a in enumerate(records) for b in records[i + 1 :]]
    else:  # a large map: a sample of pairs, not all n² of them
        candidates = sorted({tuple(sorted(rng.sample(records, 2))) for _ in range(2000)})  # type: ignore[misc]
    upstream = {r: nx.ancestors(m.graph, r) for r in {r for pair in candidates for r in pair}}
    for first, second in candidates:
        if first not in upstream[second] and second not in upstream[first]:
            pools["unrelated"].append(f"{first}\t{second}")
    for relation, pair in _interleave(rng, pools):
        first, second = pair.split("\t")
        if relation == "unrelated":
            if rng.random() < 0.5:
                first, second = second, first
            why = [
                (
                    f"No chain of edges in the graph leads from {first} to {second} or from "
                    f"{second} to {first}: neither bears on the other."
                )
            ]
        else:
            why = [f"In the graph: {'; '.join(m.links(first, second))}."]
        yield Question(
            kind="relation",
            statements=[statement(amap.get(first)), statement(amap.get(second))],
            subjects=[first, second],
            options=list(RELATION_OPTIONS),
            option_ids=list(RELATIONS),
            answers=[RELATIONS.index(relation)],
            why=why,
        )


def _unsupported_questions(m: _Material, rng: random.Random) -> Iterator[Question]:
    right_pool = m.unsupported_findings  # AM201/AM202 subjects
    wrong_pool = [c for c in m.supported() if c not in right_pool]
    if not right_pool or not wrong_pool:
        return
    right = _pick(rng, right_pool, rng.randint(1, min(3, len(right_pool))))
    wrong = _pick(rng, wrong_pool, 5 - len(right))
    ids = [*right, *wrong]
    rng.shuffle(ids)
    yield Question(
        kind="unsupported",
        statements=[],
        subjects=[],
        options=[statement(m.amap.claims[i]) for i in ids],
        option_ids=ids,
        answers=sorted(ids.index(i) for i in right),
        why=[
            f"Unsupported (AM201/AM202 findings): {', '.join(sorted(right))}.",
            f"Supported by evidence (support analysis and verdict): {', '.join(sorted(wrong))}.",
        ],
    )


GENERATORS = {
    "passage": _passage_questions,
    "supported": _supported_questions,
    "relation": _relation_questions,
    "unsupported": _unsupported_questions,
}


def generate(amap: ArgumentMap, seed: int = 0, count: int = DEFAULT_QUESTIONS) -> Quiz:
    """Up to ``count`` questions, the kinds taken in turn; `QuizError` if the map offers none."""
    material = _Material(amap)
    rng = random.Random(seed)
    streams = {kind: GENERATORS[kind](material, rng) for kind in KINDS}
    questions: list[Question] = []
    while streams and len(questions) < count:
        for kind in KINDS:
            stream = streams.get(kind)
            if stream is None or len(questions) >= count:
                continue
            question = next(stream, None)
            if question is None:
                del streams[kind]
            else:
                questions.append(question)
    if not questions:
        raise QuizError(
            "the map has no material for a quiz: expected evidence with quotes supporting "
            "claims, claims supported or unsupported by evidence, or relations between records"
        )
    return Quiz(amap.title, seed, questions)


# Output ------------------------------------------------------------------------------------


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&#|])")


def md(text: str) -> str:
    r"""Map text made literal in Markdown: its punctuation backslash-escaped (CommonMark).

    >>> md("<script> *x*")
    '\\<script\\> \\*x\\*'
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _count(quiz: Quiz) -> str:
    n = len(quiz.questions)
    return f"{n} question{'s' if n != 1 else ''}, seed {quiz.seed}"


def _md_statements(question: Question) -> list[str]:
    if len(question.statements) == 2:
        return [
            f"> **Statement 1:** {md(question.statements[0])}",
            ">",
            f"> **Statement 2:** {md(question.statements[1])}",
        ]
    return [f"> {md(text)}" for text in question.statements]


def worksheet_markdown(quiz: Quiz) -> str:
    out = [
        f"# Quiz: {md(_flat(quiz.title))}",
        "",
        f"{_count(quiz)}. The answers are in the answer key.",
        "",
    ]
    for number, question in enumerate(quiz.questions, 1):
        out += [f"## {number}. {question.prompt}", ""]
        if question.statements:
            out += [*_md_statements(question), ""]
        box = "[ ]" if question.kind == "unsupported" else "( )"
        out += [f"- {box} {LETTERS[i]}. {md(option)}" for i, option in enumerate(question.options)]
        out.append("")
    return "\n".join(out)


def key_markdown(quiz: Quiz) -> str:
    out = [f"# Answer key: {md(_flat(quiz.title))}", "", f"{_count(quiz)}.", ""]
    for number, question in enumerate(quiz.questions, 1):
        out += [f"## {number}. {question.prompt}", "", f"**Answer: {question.answer_letters}**", ""]
        out += [f"- {LETTERS[i]}. {md(question.options[i])}" for i in question.answers]
        out.append("")
        if question.subjects:
            out += [f"About: {', '.join(question.subjects)}", ""]
        out += ["Why:", "", *(f"- {md(line)}" for line in question.why), ""]
    return "\n".join(out)


_CSS = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 1rem auto; padding: 0 1rem;
       line-height: 1.45; }
blockquote { border-left: 4px solid #888; margin: 0.5rem 0; padding: 0.2rem 0.8rem; }
ol.options { list-style: none; padding-left: 0.5rem; }
.why { color: #333; }
@media print { section { break-inside: avoid; } }
"""


def _page(title: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            "<main>",
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _html_statements(question: Question) -> list[str]:
    if len(question.statements) == 2:
        return [
            f"<blockquote><strong>Statement {n}:</strong> {html.escape(text)}</blockquote>"
            for n, text in enumerate(question.statements, 1)
        ]
    return [f"<blockquote>{html.escape(text)}</blockquote>" for text in question.statements]


def worksheet_html(quiz: Quiz) -> str:
    title = f"Quiz: {_flat(quiz.title)}"
    body = [f"<h1>{html.escape(title)}</h1>", f"<p>{html.escape(_count(quiz))}.</p>"]
    for number, question in enumerate(quiz.questions, 1):
        box = "☐" if question.kind == "unsupported" else "○"
        body += [
            f'<section aria-labelledby="q{number}">',
            f'<h2 id="q{number}">{number}. {html.escape(question.prompt)}</h2>',
            *_html_statements(question),
            '<ol class="options">',
            *(
                f"<li>{box} {LETTERS[i]}. {html.escape(option)}</li>"
                for i, option in enumerate(question.options)
            ),
            "</ol>",
            "</section>",
        ]
    return _page(title, body)


def key_html(quiz: Quiz) -> str:
    title = f"Answer key: {_flat(quiz.title)}"
    body = [f"<h1>{html.escape(title)}</h1>", f"<p>{html.escape(_count(quiz))}.</p>"]
    for number, question in enumerate(quiz.questions, 1):
        body += [
            f'<section aria-labelledby="q{number}">',
            f'<h2 id="q{number}">{number}. {html.escape(question.prompt)}</h2>',
            f"<p><strong>Answer: {html.escape(question.answer_letters)}</strong></p>",
            "<ul>",
            *(
                f"<li>{LETTERS[i]}. {html.escape(question.options[i])}</li>"
                for i in question.answers
            ),
            "</ul>",
        ]
        if question.subjects:
            body.append(f"<p>About: {html.escape(', '.join(question.subjects))}</p>")
        body += [
            "<p>Why:</p>",
            '<ul class="why">',
            *(f"<li>{html.escape(line)}</li>" for line in question.why),
            "</ul>",
            "</section>",
        ]
    return _page(title, body)


FORMATS = {
    "markdown": (".md", worksheet_markdown, key_markdown),
    "html": (".html", worksheet_html, key_html),
}


def files(quiz: Quiz, fmt: str) -> dict[str, str]:
    """The worksheet and the answer key: file name → text."""
    suffix, worksheet, key = FORMATS[fmt]
    return {f"quiz{suffix}": worksheet(quiz), f"answers{suffix}": key(quiz)}
