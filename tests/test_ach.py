"""Analysis of competing hypotheses: the matrix, its scores, its three renderings and `argmap ach`."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.ach import (
    AchMatrix,
    credibility_level,
    diagnosticity,
    format_csv,
    format_markdown,
    format_table,
    hypothesis_ids,
    matrix,
    uses_ach,
    weight,
)
from argmap.argument_map import ArgumentMap
from argmap.cli import cli
from argmap.errors import ArgmapError
from argmap.load import load
from argmap.model import Claim, Evidence

REPO = Path(__file__).resolve().parent.parent
SQRT2 = math.sqrt(2)

# SEMANTICS.md §5's illustrative matrix: H1 state-directed strategy, H2 firm-level commercial
# incentives, H3 misdirection; E1 cred H rel H, E2 cred H rel M, E3 cred M rel L.
HEUER = {
    "argmap.yaml": """
    question: Why do Chinese companies release their AI models open source?
    hypotheses: [h1, h2, h3]
    """,
    "claims/h.yaml": """
    - id: h1
      kind: hypothesis
      text: A state-directed strategy (trust gap, market share).
    - id: h2
      kind: hypothesis
      text: Firm-level commercial incentives.
    - id: h3
      kind: hypothesis
      text: Misdirection.
    """,
    "evidence/e.yaml": """
    - id: e1
      kind: document
      summary: MIT Technology Review 2024 says firms open-source to commercialise faster.
      reliability: B
      credibility: 2
      relevance: high
      consistency: {h1: N, h2: CC, h3: I}
    - id: e2
      kind: event
      summary: R1 has open weights under the MIT licence.
      reliability: B
      credibility: 2
      relevance: medium
      consistency: {h1: C, h2: C, h3: N}
    - id: e3
      kind: event
      summary: The August 2021 hypersonic test surprised US intelligence.
      reliability: C
      credibility: 3
      relevance: low
      consistency: {h1: N, h2: N, h3: C}
    """,
}

HEUER_TABLE = """\
Question: Why do Chinese companies release their AI models open source?

H1  h1  A state-directed strategy (trust gap, market share).
H2  h2  Firm-level commercial incentives.
H3  h3  Misdirection.

evidence  grade  cred.   rel.    weight    H1    H2     H3  diag.
e1        B2     high    high      2.00     N    CC      I  3
e2        B2     high    medium    1.41     C     C      N  1 non-diagnostic
e3        C3     medium  low       0.71     N     N      C  1 non-diagnostic
weighted inconsistency (WI)              0.00  0.00  -2.00
inconsistencies (I 1, II 2)                 0     0      1

Ranking, least inconsistent (most likely) first: H1 0.00 = H2 0.00 > H3 -2.00.
H1 and H2 tie for least inconsistent: no evidence counts against one more than another.
2 of 3 evidence records are non-diagnostic: rated alike on every hypothesis, on fewer than two, or
inconsistent with none, they do not help tell the hypotheses apart.
Ratings: CC very consistent, C consistent, N neutral, NA not applicable, I inconsistent, II very
inconsistent. Weight = credibility x relevance (low 0.71, medium 1, high 1.41). WI = the sum of
weight x (-1 for I, -2 for II): only inconsistency counts, and the least negative hypothesis is the
most likely. diag = highest minus lowest rating (CC +2 ... II -2, NA left out).
"""

HEUER_CSV = """\
evidence,grade,credibility,relevance,weight,h1,h2,h3,diagnosticity,non_diagnostic
e1,B2,high,high,2.0,N,CC,I,3,false
e2,B2,high,medium,1.4142,C,C,N,1,true
e3,C3,medium,low,0.7071,N,N,C,1,true
weighted inconsistency,,,,,0.0,0.0,-2.0,,
"""

HEUER_MARKDOWN = """\
**Question:** Why do Chinese companies release their AI models open source?

| | Id | Hypothesis |
|---|---|---|
| H1 | `h1` | A state-directed strategy (trust gap, market share). |
| H2 | `h2` | Firm-level commercial incentives. |
| H3 | `h3` | Misdirection. |

| Evidence | Grade | Cred. | Rel. | Weight | H1 | H2 | H3 | Diag. |
| --- | --- | --- | --- | ---: | :-: | :-: | :-: | --- |
| `e1` | B2 | high | high | 2.00 | N | CC | I | 3 |
| `e2` | B2 | high | medium | 1.41 | C | C | N | 1 *non-diagnostic* |
| `e3` | C3 | medium | low | 0.71 | N | N | C | 1 *non-diagnostic* |
| **Weighted inconsistency** |  |  |  |  | **0.00** | **0.00** | **-2.00** |  |
| Inconsistencies |  |  |  |  | 0 | 0 | 1 |  |

Ranking, least inconsistent (most likely) first: H1 0.00 = H2 0.00 > H3 -2.00.

H1 and H2 tie for least inconsistent: no evidence counts against one more than another.

2 of 3 evidence records are non-diagnostic: rated alike on every hypothesis, on fewer than two, \
or inconsistent with none, they do not help tell the hypotheses apart.

Ratings: CC very consistent, C consistent, N neutral, NA not applicable, I inconsistent, II very \
inconsistent. Weight = credibility x relevance (low 0.71, medium 1, high 1.41). WI = the sum of \
weight x (-1 for I, -2 for II): only inconsistency counts, and the least negative hypothesis is \
the most likely. diag = highest minus lowest rating (CC +2 ... II -2, NA left out).
"""


@pytest.fixture
def heuer(make_map) -> AchMatrix:
    return matrix(load(make_map(HEUER)))


# --- SEMANTICS.md §5, exactly ------------------------------------------------------------------


def test_the_illustrative_matrix_scores(heuer):
    assert heuer.ids == ["h1", "h2", "h3"]
    assert heuer.weighted_inconsistency == {"h1": 0.0, "h2": 0.0, "h3": -2.0}
    assert heuer.inconsistencies == {"h1": 0, "h2": 0, "h3": 1}
    assert [h.id for h in heuer.ranking()] == ["h1", "h2", "h3"]


def test_the_illustrative_matrix_rows(heuer):
    rows = [
        (r.id, r.credibility, r.relevance, r.ratings, r.diagnosticity, r.diagnostic)
        for r in heuer.rows
    ]
    assert rows == [
        ("e1", "high", "high", ("N", "CC", "I"), 3, True),
        ("e2", "high", "medium", ("C", "C", "N"), 1, False),  # non-diagnostic: drop in step 4
        ("e3", "medium", "low", ("N", "N", "C"), 1, False),  # no inconsistency anywhere
    ]
    assert [r.weight for r in heuer.rows] == [2.0, pytest.approx(SQRT2), pytest.approx(1 / SQRT2)]
    assert heuer.rows[0].weight == 2.0  # exactly: E1 alone makes WI(H3) = -2.0


# --- weights -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("credibility", "relevance", "expected"),
    [
        ("low", "low", 0.5),
        ("high", "high", 2.0),
        ("medium", "medium", 1.0),
        ("low", "high", 1.0),
        ("high", "low", 1.0),
        ("low", "medium", 1 / SQRT2),
        ("medium", "high", SQRT2),
    ],
)
def test_weight_is_credibility_times_relevance(credibility, relevance, expected):
    assert weight(credibility, relevance) == pytest.approx(expected, abs=1e-15)
    assert 0.5 <= weight(credibility, relevance) <= 2.0


def test_the_extreme_weights_are_exact():
    assert (weight("low", "low"), weight("high", "high")) == (0.5, 2.0)


@pytest.mark.parametrize(
    ("grade", "level"),
    [
        ("A1", "high"),
        ("B2", "high"),
        ("A3", "medium"),
        ("C1", "medium"),
        ("C2", "medium"),
        ("C3", "medium"),
        ("D2", "low"),
        ("E1", "low"),
        ("A4", "low"),
        ("B5", "low"),
        ("F2", "medium"),  # F, source cannot be judged: not the worst
        ("A6", "medium"),  # 6, truth cannot be judged: not the worst
        ("F6", "medium"),
        ("F4", "low"),
    ],
)
def test_credibility_is_the_lower_of_the_two_admiralty_levels(grade, level):
    item = Evidence(
        id="e", kind="event", summary="S.", reliability=grade[0], credibility=int(grade[1])
    )
    assert credibility_level(item) == level


def test_relevance_defaults_to_medium_and_the_table_says_so(make_map):
    files = {**HEUER, "evidence/e.yaml": HEUER["evidence/e.yaml"].replace("relevance: high", "")}
    m = matrix(load(make_map(files)))
    assert (m.rows[0].relevance, m.rows[0].relevance_given, m.rows[0].weight) == (
        "medium",
        False,
        pytest.approx(SQRT2),
    )
    assert "1 record gives no relevance: medium assumed." in format_table(m)


# --- diagnosticity ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        (["CC", "II"], 4),
        (["C", "C", "C"], 0),
        (["N", "I"], 1),
        (["C", "NA", "I"], 2),  # NA is left out
        (["NA", "NA", "C"], None),  # one rating left: nothing to compare
        (["I", None, None], None),
        ([None, None], None),
        ([], None),
    ],
)
def test_diagnosticity(ratings, expected):
    assert diagnosticity(ratings) == expected


def _map(ratings: list[dict[str, str]], hypotheses=("h1", "h2", "h3"), **config) -> ArgumentMap:
    from argmap.model import MapConfig

    return ArgumentMap(
        claims=[Claim(id=h, kind="hypothesis", text=f"{h}.") for h in hypotheses],
        evidence=[
            Evidence(
                id=f"e{k}",
                kind="event",
                summary="S.",
                reliability="C",
                credibility=2,
                consistency=rated,
            )
            for k, rated in enumerate(ratings)
        ],
        config=MapConfig(**config),
    )


@pytest.mark.parametrize(
    ("rated", "diagnostic"),
    [
        ({"h1": "C", "h2": "C", "h3": "I"}, True),
        ({"h1": "II", "h2": "I", "h3": "I"}, True),
        ({"h1": "I", "h2": "I", "h3": "I"}, False),  # counts against all alike
        ({"h1": "CC", "h2": "N", "h3": "C"}, False),  # counts against none
        ({"h1": "I", "h2": "NA", "h3": "NA"}, False),  # one rating that counts
        ({"h1": "I"}, False),
    ],
)
def test_non_diagnostic_rows(rated, diagnostic):
    [row] = matrix(_map([rated])).rows
    assert row.diagnostic is diagnostic
    assert (row in matrix(_map([rated])).non_diagnostic) is not diagnostic


# --- which hypotheses, which rows ---------------------------------------------------------------


def test_hypotheses_default_to_every_hypothesis_claim_in_file_order(make_map):
    files = {
        "claims/b.yaml": "- {id: hb, kind: hypothesis, text: B.}\n- {id: c, text: C.}\n",
        "claims/a.yaml": "id: ha\nkind: hypothesis\ntext: A.\n",
        "evidence/e.yaml": "id: e1\nkind: event\nsummary: S.\nreliability: B\ncredibility: 2\n"
        "consistency: {ha: C, hb: I}\n",
    }
    amap = load(make_map(files))
    assert hypothesis_ids(amap) == ["ha", "hb"]
    assert matrix(amap).ids == ["ha", "hb"]


def test_argmap_yaml_sets_the_order_and_unknown_ids_are_left_out(make_map):
    files = {**HEUER, "argmap.yaml": "hypotheses: [h3, nope, h1, h3]\n"}
    m = matrix(load(make_map(files)))
    assert (m.ids, m.unknown) == (["h3", "h1"], ("nope",))
    assert m.rows[0].ratings == ("I", "N")
    assert (
        "argmap.yaml `hypotheses:` lists nope, which is not a hypothesis: left out"
        in format_table(m)
    )


def test_cells_not_rated_are_empty_score_nothing_and_are_counted():
    m = matrix(_map([{"h1": "I", "h3": "C"}, {"h2": "II"}, {}, {"other": "I"}]))
    assert [r.id for r in m.rows] == ["e0", "e1"]
    assert m.rows[0].ratings == ("I", None, "C")
    assert m.unrated == ("e2", "e3")
    assert m.not_rated == 3
    assert m.weighted_inconsistency == {"h1": -1.0, "h2": -2.0, "h3": 0.0}
    table = format_table(m)
    assert "e0 C2 medium medium 1.00 I – C 2" in [
        " ".join(line.split()) for line in table.splitlines()
    ]
    assert "3 cells are not rated (–): scored as no inconsistency" in table
    assert "Not rated against any hypothesis, so not in the matrix: e2, e3." in table
    assert "e0,C2,medium,medium,1.0,I,,C,2,false\n" in format_csv(m)


def test_a_map_without_hypotheses_is_an_error():
    with pytest.raises(ArgmapError, match=r"^the map has no hypotheses to compare; expected"):
        matrix(_map([{"h1": "C"}], hypotheses=()))


def test_no_rated_evidence_gives_an_empty_matrix_that_says_so():
    m = matrix(_map([{}]))
    assert m.rows == () and m.weighted_inconsistency == {"h1": 0.0, "h2": 0.0, "h3": 0.0}
    assert "No evidence record is rated against these hypotheses" in format_table(m)
    assert format_csv(m).splitlines() == [
        "evidence,grade,credibility,relevance,weight,h1,h2,h3,diagnosticity,non_diagnostic",
        "weighted inconsistency,,,,,0.0,0.0,0.0,,",
    ]


@pytest.mark.parametrize(
    ("ratings", "verdict"),
    [
        (
            [{"h1": "N", "h2": "N", "h3": "N"}],
            "All 3 hypotheses tie: no evidence counts against one more than another",
        ),
        ([{"h1": "I", "h2": "N", "h3": "N"}], "H2 and H3 tie for least inconsistent"),
        ([{"h1": "I", "h2": "N", "h3": "II"}], "first: H2 0.00 > H1 -1.00 > H3 -2.00."),
    ],
)
def test_the_verdict_says_when_the_matrix_does_not_discriminate(ratings, verdict):
    assert verdict in " ".join(format_table(matrix(_map(ratings))).split())


# --- renderings ---------------------------------------------------------------------------------


def test_table(heuer):
    assert format_table(heuer) == HEUER_TABLE


def test_csv(heuer):
    assert format_csv(heuer) == HEUER_CSV
    rows = list(csv.DictReader(io.StringIO(format_csv(heuer))))
    assert [r["evidence"] for r in rows] == ["e1", "e2", "e3", "weighted inconsistency"]
    assert float(rows[-1]["h3"]) == -2.0


def test_markdown(heuer):
    assert format_markdown(heuer) == HEUER_MARKDOWN


def test_user_text_cannot_break_the_table_or_the_markdown():
    claims = [
        Claim(id="h1", kind="hypothesis", text="A | pipe *and*\nnew line\x1b[31m"),
        Claim(id="h2", kind="hypothesis", text="B."),
    ]
    amap = ArgumentMap(claims=claims, config=None)
    m = matrix(amap)
    markdown = format_markdown(m)
    assert "| H1 | `h1` | A \\| pipe \\*and\\* new line␛\\[31m |" in markdown
    assert "\x1b" not in format_table(m)


# --- properties ---------------------------------------------------------------------------------

RATING = st.sampled_from(["CC", "C", "N", "NA", "I", "II"])
ROW = st.dictionaries(st.sampled_from(["h1", "h2", "h3"]), RATING)
SETTINGS = settings(max_examples=60, deadline=None)


@SETTINGS
@given(rows=st.lists(ROW, max_size=6), hypothesis=st.sampled_from(["h1", "h2", "h3"]))
def test_adding_an_inconsistent_rating_never_raises_a_score(rows, hypothesis):
    before = matrix(_map(rows)).weighted_inconsistency
    after = matrix(_map([*rows, {hypothesis: "I"}])).weighted_inconsistency
    assert after[hypothesis] < before[hypothesis]
    assert all(after[h] == before[h] for h in before if h != hypothesis)


@SETTINGS
@given(rows=st.lists(ROW, min_size=1, max_size=6), index=st.integers(0, 5), h=st.integers(0, 2))
def test_turning_a_rating_into_i_never_raises_a_score(rows, index, h):
    name = ["h1", "h2", "h3"][h]
    changed = [dict(r) for r in rows]
    target = changed[index % len(changed)]
    if target.get(name) == "II":
        return  # II is already lower than I
    target[name] = "I"
    before = matrix(_map(rows)).weighted_inconsistency
    after = matrix(_map(changed)).weighted_inconsistency
    assert after[name] <= before[name]


@SETTINGS
@given(rating=st.sampled_from(["CC", "C", "N", "I", "II"]), count=st.integers(2, 3))
def test_equal_ratings_have_no_diagnosticity(rating, count):
    rated = dict.fromkeys(["h1", "h2", "h3"][:count], rating)
    [row] = matrix(_map([rated])).rows
    assert (row.diagnosticity, row.diagnostic) == (0, False)


@SETTINGS
@given(rows=st.lists(ROW, max_size=6))
def test_scores_are_never_positive_and_the_count_matches_the_ratings(rows):
    m = matrix(_map(rows))
    for h in m.ids:
        assert m.weighted_inconsistency[h] <= 0
        expected = sum({"I": 1, "II": 2}.get(r.get(h, ""), 0) for r in rows)
        assert m.inconsistencies[h] == expected
    assert m.ranking()[0].id in {
        h for h in m.ids if m.weighted_inconsistency[h] == max(m.weighted_inconsistency.values())
    }


# --- the command --------------------------------------------------------------------------------


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], HEUER_TABLE),
        (["--format", "csv"], HEUER_CSV),
        (["--format", "markdown"], HEUER_MARKDOWN),
    ],
)
def test_cli_prints_each_format(make_map, options, expected):
    result = invoke("ach", make_map(HEUER), *options)
    assert (result.exit_code, result.stdout) == (0, expected)


def test_cli_writes_a_file_and_will_not_clobber_it(make_map, tmp_path):
    root = make_map(HEUER)
    target = tmp_path / "ach.csv"
    assert invoke("ach", root, "--format", "csv", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == HEUER_CSV
    again = invoke("ach", root, "-o", target)
    assert again.exit_code == 2
    assert "already exists; pass --force" in again.stderr
    assert invoke("ach", root, "-o", target, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8") == HEUER_TABLE


def test_cli_without_hypotheses_is_bad_input(make_map):
    root = make_map({"claims/c.yaml": "id: c1\ntext: T.\n"})
    result = invoke("ach", root)
    assert result.exit_code == 2
    assert "the map has no hypotheses to compare" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_on_a_broken_map_exits_2_with_positions(make_map):
    files = {
        **HEUER,
        "evidence/e.yaml": "id: e1\nkind: event\nsummary: S.\nreliability: B\n"
        "credibility: 2\nconsistency: {h1: maybe}\n",
    }
    result = invoke("ach", make_map(files))
    assert result.exit_code == 2
    assert "evidence/e.yaml:6:19: AM006 consistency.h1: expected one of" in result.stderr


def test_cli_unknown_format_is_a_usage_error(make_map):
    assert invoke("ach", make_map(HEUER), "--format", "html").exit_code == 2


# --- the article --------------------------------------------------------------------------------

ARTICLE_HYPOTHESES = [
    "cloud-market-share",
    "faster-commercialization",
    "trust-gap-motive",
    "misdirection",
]


@pytest.fixture(scope="module")
def article() -> ArgumentMap:
    return load(REPO)


def _own(amap: ArgumentMap) -> ArgumentMap:
    """The article map with only the article's own evidence (not evidence/external/)."""
    own = [e for e in amap.evidence.values() if "external" not in Path(e.span.path).parts]
    return ArgumentMap(claims=amap.claims.values(), evidence=own, config=amap.config)


def test_the_article_compares_its_four_explanations_in_its_order(article):
    assert article.config.hypotheses == ARTICLE_HYPOTHESES
    assert matrix(article).ids == ARTICLE_HYPOTHESES


def test_every_record_of_the_article_is_rated_against_every_explanation(article):
    own = _own(article)
    assert len(own.evidence) == 18
    for item in own.evidence.values():
        assert list(item.consistency) == ARTICLE_HYPOTHESES, item.id
        assert item.relevance is not None, item.id


def test_nothing_the_article_offers_tells_its_explanations_apart(article):
    m = matrix(_own(article))
    assert set(m.weighted_inconsistency.values()) == {0.0}
    assert [r.id for r in m.rows if r.diagnostic] == []
    # What leans one way only leans: consistent with some, inconsistent with none.
    leaning = {r.id: r.diagnosticity for r in m.rows if r.diagnosticity}
    assert leaning == {
        "deepseek-r1-market-reaction": 1,
        "tiktok-users-stay": 1,
        "hypersonic-opacity": 1,
        "quantum-opacity": 1,
        "mit-tr-report": 1,
        "mit-tr-commercialization": 2,
        "mit-tr-cloud": 2,
        "us-list-similarly-long": 1,
        "meta-llama-open": 1,
    }


def test_docs_show_the_article_matrix_as_argmap_ach_prints_it(article):
    docs = (REPO / "docs" / "ach.md").read_text(encoding="utf-8")
    actual = format_table(matrix(article)).splitlines()
    own = set(_own(article).evidence)
    shown = [line for line in actual if line.split(" ")[0] in own]
    assert len(shown) == 18
    for line in shown:
        assert f"\n{line}\n" in docs, line


def test_docs_show_the_illustrative_matrix_and_its_three_outputs_exactly():
    import textwrap

    docs = (REPO / "docs" / "ach.md").read_text(encoding="utf-8")
    for path, text in HEUER.items():
        assert f"# {path}\n{textwrap.dedent(text).strip()}\n```" in docs, path
    for output in (HEUER_TABLE, HEUER_CSV, HEUER_MARKDOWN):
        assert f"\n{output}```" in docs


def test_two_hypotheses_that_tie_are_both_named():
    table = format_table(matrix(_map([{"h1": "C", "h2": "C"}], hypotheses=("h1", "h2"))))
    assert "Both hypotheses tie: no evidence counts against one more than another" in " ".join(
        table.split()
    )


def test_uses_ach_asks_the_rated_evidence_found_once():
    def ev(record_id, **fields):
        return Evidence(
            id=record_id, kind="statistic", summary="S.", reliability="B", credibility=2, **fields
        )

    rated = ev("e2", consistency={"h": "C"})
    amap = ArgumentMap(
        claims=[Claim(id="h", kind="hypothesis", text="H.")], evidence=[ev("e1"), rated]
    )
    assert amap.rated_evidence == [rated]
    assert uses_ach(amap)
    assert not uses_ach(ArgumentMap(evidence=[ev("e")]))
