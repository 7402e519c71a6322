"""`argmap quiz`: reproducible exercises whose answer key is right by the map, checked independently."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.argument_map import ArgumentMap
from argmap.checks import check
from argmap.cli import cli
from argmap.load import load
from argmap.model import Claim, Evidence, Reason
from argmap.quiz import RELATIONS, Question, Quiz, QuizError, files, generate
from argmap.semantics import evaluate
from argmap.support import Status, analyze_support

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "quiz.md"


@pytest.fixture(scope="module")
def article_map() -> ArgumentMap:
    return load(REPO)


@pytest.fixture(scope="module")
def article_quizzes(article_map: ArgumentMap) -> list[Quiz]:
    return [generate(article_map, seed=seed, count=40) for seed in range(6)]


SMALL = {
    "claims/c.yaml": """
        - id: thesis
          kind: thesis
          text: Tea is good for you.
          supported_by: [healthy, cheap]
          attacked_by: [bitter]
        - id: healthy
          text: Tea is healthy.
          supported_by:
            - premises: [trial]
              undercut_by: [sponsor]
        - id: cheap
          text: Tea is cheap.
        - id: bitter
          text: Tea is bitter.
        - id: sponsor
          text: The trial was paid for by a tea company.
        - id: weather
          text: It rains a lot in Assam.
        - id: kettles
          text: Kettles are common.
          supported_by: [survey]
    """,
    "evidence/e.yaml": """
        - id: trial
          kind: statistic
          summary: A trial found tea drinkers healthier.
          quote: Tea drinkers were healthier.
          reliability: B
          credibility: 2
        - id: survey
          kind: statistic
          summary: A survey counted kettles.
          quote: Nine homes in ten own a kettle.
          reliability: B
          credibility: 2
        - id: rain
          kind: observation
          summary: Rain gauges in Assam.
          quote: It rained 300 days last year.
          reliability: B
          credibility: 2
    """,
}


# Independent reference answers, computed from the records rather than the graph ----------------


def _support_closure(amap: ArgumentMap, claim_id: str) -> set[str]:
    """Every record named, directly or further up, in the support reasons of ``claim_id``."""
    seen: set[str] = set()
    todo = [claim_id]
    while todo:
        current = amap.claims.get(todo.pop())
        if current is None:
            continue
        for reason in current.supported_by:
            for premise in reason.premises:
                if premise not in seen:
                    seen.add(premise)
                    todo.append(premise)
    return seen


def _relation(amap: ArgumentMap, first: str, second: str) -> set[str]:
    claim = amap.claims.get(second)
    found: set[str] = set()
    if claim is None:
        return found
    for name, reasons in (("supports", claim.supported_by), ("attacks", claim.attacked_by)):
        for reason in reasons:
            if first in reason.premises:
                found.add(name)
            if first in reason.undercut_by:
                found.add("undercuts")
    return found


def _bears_on(amap: ArgumentMap) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from([*amap.claims, *amap.evidence])
    for claim in amap.claims.values():
        for reason in [*claim.supported_by, *claim.attacked_by]:
            for other in [*reason.premises, *reason.undercut_by]:
                graph.add_edge(other, claim.id)
    return graph


def assert_key_is_right(amap: ArgumentMap, question: Question) -> None:
    chosen = [question.option_ids[i] for i in question.answers]
    others = [o for i, o in enumerate(question.option_ids) if i not in question.answers]
    assert len(set(question.options)) == len(question.options), "options repeat"
    if question.kind == "passage":
        (claim_id,) = question.subjects
        (right,) = chosen
        claim = amap.claims[claim_id]
        assert any(right in r.premises for r in claim.supported_by)
        assert question.options[question.answers[0]] == f"“{amap.evidence[right].quote}”"
        closure = _support_closure(amap, claim_id)
        supporting_quotes = {amap.evidence[i].quote for i in closure if i in amap.evidence}
        assert others
        for wrong in others:
            assert wrong not in closure
            assert amap.evidence[wrong].quote not in supporting_quotes
    elif question.kind == "supported":
        (claim_id,) = question.subjects
        status = analyze_support(amap).status[claim_id]
        verdict = evaluate(amap).verdicts[claim_id].verdict.value
        if chosen == ["yes"]:
            assert status is Status.SUPPORTED
            assert verdict in ("supported", "weakly_supported")
        else:
            assert chosen == ["no"]
            assert status is Status.UNSUPPORTED and verdict == "unsupported"
    elif question.kind == "relation":
        first, second = question.subjects
        (relation,) = chosen
        assert question.option_ids == list(RELATIONS)
        if relation == "unrelated":
            graph = _bears_on(amap)
            assert not nx.has_path(graph, first, second)
            assert not nx.has_path(graph, second, first)
        else:
            assert _relation(amap, first, second) == {relation}
    else:
        assert question.kind == "unsupported"
        flagged = {f.subject for f in check(amap) if f.code in ("AM201", "AM202")}
        assert chosen and set(chosen) <= flagged
        status = analyze_support(amap).status
        assert others
        for wrong in others:
            assert wrong not in flagged and status[wrong] is Status.SUPPORTED


def test_every_answer_in_the_article_quizzes_is_right(article_map, article_quizzes):
    for quiz in article_quizzes:
        for question in quiz.questions:
            assert_key_is_right(article_map, question)


def test_the_article_quiz_asks_every_kind_of_question(article_quizzes):
    kinds = [q.kind for q in article_quizzes[0].questions]
    assert kinds[:4] == ["passage", "supported", "relation", "unsupported"]
    for quiz in article_quizzes:
        relations = {q.option_ids[q.answers[0]] for q in quiz.questions if q.kind == "relation"}
        assert relations == set(RELATIONS)
        assert {q.option_ids[q.answers[0]] for q in quiz.questions if q.kind == "supported"} == {
            "yes",
            "no",
        }


def test_every_answer_in_a_small_map_quiz_is_right(make_map):
    amap = load(make_map(SMALL))
    for seed in range(10):
        quiz = generate(amap, seed=seed, count=50)
        for question in quiz.questions:
            assert_key_is_right(amap, question)
    relations = {
        (tuple(q.subjects), q.option_ids[q.answers[0]])
        for seed in range(10)
        for q in generate(amap, seed=seed, count=50).questions
        if q.kind == "relation" and q.option_ids[q.answers[0]] != "unrelated"
    }
    assert relations == {
        (("healthy", "thesis"), "supports"),
        (("cheap", "thesis"), "supports"),
        (("bitter", "thesis"), "attacks"),
        (("sponsor", "healthy"), "undercuts"),
        (("trial", "healthy"), "supports"),
        (("survey", "kettles"), "supports"),
    }


@st.composite
def small_maps(draw: st.DrawFn) -> ArgumentMap:
    n_claims = draw(st.integers(1, 6))
    n_evidence = draw(st.integers(0, 4))
    claim_ids = [f"c{i}" for i in range(n_claims)]
    evidence_ids = [f"e{i}" for i in range(n_evidence)]
    ids = claim_ids + evidence_ids
    reason = st.builds(
        lambda premises, undercut: Reason(premises=premises, undercut_by=undercut),
        st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True),
        st.lists(st.sampled_from(ids), max_size=1),
    )
    claims = [
        Claim(
            id=cid,
            kind=draw(st.sampled_from(["claim", "claim", "thesis", "assumption"])),
            text=f"Claim {cid}.",
            supported_by=draw(st.lists(reason, max_size=2)),
            attacked_by=draw(st.lists(reason, max_size=1)),
        )
        for cid in claim_ids
    ]
    evidence = [
        Evidence(
            id=eid,
            kind="statistic",
            summary=f"Evidence {eid}.",
            quote=draw(st.sampled_from([None, f"Quote {eid}.", "Shared quote."])),
            reliability=draw(st.sampled_from("ABCDEF")),
            credibility=draw(st.integers(1, 6)),
        )
        for eid in evidence_ids
    ]
    return ArgumentMap(claims=claims, evidence=evidence)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_maps(), st.integers(0, 3))
def test_every_answer_in_generated_maps_is_right(amap, seed):
    try:
        quiz = generate(amap, seed=seed, count=12)
    except QuizError:
        return
    for question in quiz.questions:
        assert_key_is_right(amap, question)


def test_large_maps_sample_unrelated_pairs_and_stay_right(make_map, monkeypatch):
    monkeypatch.setattr("argmap.quiz.UNRELATED_ENUMERATION_LIMIT", 3)
    amap = load(make_map(SMALL))
    quizzes = [generate(amap, seed=seed, count=50) for seed in range(3)]
    for quiz in quizzes:
        for question in quiz.questions:
            assert_key_is_right(amap, question)
    assert any(q.option_ids[q.answers[0]] == "unrelated" for q in quizzes[0].questions)


def test_passage_distractors_are_never_supporting_passages(make_map):
    amap = load(make_map(SMALL))
    passages = {
        (q.subjects[0], tuple(sorted(q.option_ids)))
        for seed in range(20)
        for q in generate(amap, seed=seed, count=50).questions
        if q.kind == "passage"
    }
    # thesis rests on trial (through healthy), so trial is never a distractor for it.
    assert passages == {
        ("healthy", ("rain", "survey", "trial")),
        ("kettles", ("rain", "survey", "trial")),
    }


@pytest.mark.parametrize(
    ("files_", "kinds"),
    [
        # claims only, no relations: nothing but "is it supported?" (no) questions.
        (
            {"claims/c.yaml": "- {id: a, text: A.}\n- {id: b, text: B.}\n"},
            {"supported", "relation"},
        ),
        # one claim, no evidence, nothing to relate: only "no".
        ({"claims/c.yaml": "- {id: a, text: A.}\n"}, {"supported"}),
    ],
)
def test_only_kinds_the_map_has_material_for(make_map, files_, kinds):
    quiz = generate(load(make_map(files_)), seed=0, count=20)
    assert {q.kind for q in quiz.questions} == kinds


def test_questions_option_limits_the_count(article_map):
    assert [len(generate(article_map, seed=0, count=n).questions) for n in (1, 3, 7)] == [1, 3, 7]
    # A map with less material gives fewer questions, not an error.
    one_claim = ArgumentMap(claims=[Claim(id="a", text="A.")])
    assert len(generate(one_claim, seed=0, count=5).questions) == 1


def test_same_seed_same_quiz_other_seed_other_quiz(article_map):
    for fmt in ("markdown", "html"):
        one = files(generate(article_map, seed=5), fmt)
        again = files(generate(load(REPO), seed=5), fmt)
        other = files(generate(article_map, seed=6), fmt)
        assert one == again
        assert (
            one["quiz" + (".md" if fmt == "markdown" else ".html")]
            != other["quiz" + (".md" if fmt == "markdown" else ".html")]
        )


def test_cli_files_are_byte_identical_for_one_seed(tmp_path):
    runner = CliRunner()
    for name in ("a", "b"):
        result = runner.invoke(
            cli, ["quiz", str(REPO), "--seed", "9", "--format", "html", "-o", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.output
    for name in ("quiz.html", "answers.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


HOSTILE = {
    "claims/c.yaml": """
        - id: evil
          text: "<script>alert('x')</script> & <b>bold</b>"
          supported_by: [proof]
        - id: other
          text: "\\"quoted\\" <img src=x onerror=alert(1)>"
          supported_by: [decoy]
        - id: lonely
          text: Nothing backs <this>.
    """,
    "evidence/e.yaml": """
        - id: proof
          kind: document
          summary: "<iframe src=evil>"
          quote: "</li><script>steal()</script>"
          reliability: A
          credibility: 1
        - id: decoy
          kind: document
          summary: A decoy.
          quote: "<style>body{display:none}</style>"
          reliability: A
          credibility: 1
    """,
}


def test_html_escapes_hostile_texts(make_map):
    quiz = generate(load(make_map(HOSTILE)), seed=0, count=50)
    assert {q.kind for q in quiz.questions} == {"passage", "supported", "relation", "unsupported"}
    for text in files(quiz, "html").values():
        assert "<script" not in text and "<img" not in text and "<iframe" not in text
        assert text.count("<style>") == 1 and "</li><script>" not in text
        assert re.findall(r"<(/?[a-z0-9]+)", text) and set(re.findall(r"<(/?[a-z0-9]+)", text)) <= {
            "html", "/html", "head", "/head", "meta", "title", "/title", "style", "/style",
            "body", "/body", "main", "/main", "h1", "/h1", "h2", "/h2", "p", "/p", "section",
            "/section", "blockquote", "/blockquote", "strong", "/strong", "ol", "/ol", "ul",
            "/ul", "li", "/li",
        }  # fmt: skip
    worksheet = files(quiz, "html")["quiz.html"]
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
        in worksheet
    )


def test_markdown_escapes_hostile_texts(make_map):
    quiz = generate(load(make_map(HOSTILE)), seed=0, count=50)
    for text in files(quiz, "markdown").values():
        assert "<" not in text.replace("\\<", "")
        assert "&" not in text.replace("\\&", "")
    worksheet = files(quiz, "markdown")["quiz.md"]
    assert "\\<script\\>alert('x')\\</script\\> \\& \\<b\\>bold\\</b\\>" in worksheet


def test_cli_writes_both_files_and_refuses_to_clobber(tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    args = ["quiz", str(REPO), "--seed", "1", "--questions", "4", "-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["answers.md", "quiz.md"]
    before = (out / "quiz.md").read_bytes()
    assert before.count(b"\n## ") == 4

    again = runner.invoke(cli, [*args[:3], "2", *args[4:]])
    assert again.exit_code == 2
    assert "already exist; pass --force" in again.stderr
    assert (out / "quiz.md").read_bytes() == before

    forced = runner.invoke(cli, [*args[:3], "2", *args[4:], "--force"])
    assert forced.exit_code == 0
    assert (out / "quiz.md").read_bytes() != before


def test_cli_refuses_when_only_the_key_exists(tmp_path):
    (tmp_path / "answers.md").write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["quiz", str(REPO), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "answers.md already exists" in result.stderr
    assert not (tmp_path / "quiz.md").exists()
    assert (tmp_path / "answers.md").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(
    ("files_", "extra", "message"),
    [
        ({"claims/c.yaml": "- id: [broken\n"}, [], "cannot be loaded"),
        # an assumption alone: nothing to ask about it
        (
            {"claims/c.yaml": "- {id: a, kind: assumption, text: A.}\n"},
            [],
            "no material for a quiz",
        ),
        ({"claims/c.yaml": "- {id: a, text: A.}\n"}, ["--questions", "0"], "--questions"),
        ({"claims/c.yaml": "- {id: a, text: A.}\n"}, ["--format", "pdf"], "--format"),
    ],
)
def test_cli_bad_input_exits_2(make_map, tmp_path, files_, extra, message):
    root = make_map(files_)
    result = CliRunner().invoke(cli, ["quiz", str(root), "-o", str(tmp_path / "q"), *extra])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "q").exists()


def test_cli_needs_an_output(make_map):
    result = CliRunner().invoke(cli, ["quiz", str(make_map({}))])
    assert result.exit_code == 2
    assert "--output" in result.stderr


# docs/quiz.md's example is what argmap prints ------------------------------------------------


def _doc_example() -> tuple[list[str], dict[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    command = re.search(r"```console\n\$ (argmap quiz .*?)\n", text)
    assert command is not None
    blocks = dict(re.findall(r"<!-- (\S+) -->\n````markdown\n(.*?)````\n", text, re.DOTALL))
    return command.group(1).split()[1:], blocks


def test_docs_example_is_what_argmap_writes(tmp_path, monkeypatch):
    args, blocks = _doc_example()
    assert sorted(blocks) == ["answers.md", "quiz.md"]
    monkeypatch.chdir(REPO)
    out = tmp_path / "quiz"
    index = args.index("-o")
    args[index + 1] = str(out)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    for name, block in blocks.items():
        assert (out / name).read_text(encoding="utf-8") == block, name
