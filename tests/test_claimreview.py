"""ClaimReview export: the JSON-LD, the rating scale, and `argmap export`."""

from __future__ import annotations

import datetime
import json

import pytest
from click.testing import CliRunner

from argmap.claimreview import SCALE, SCALE_NAME, claim_reviews, claim_reviews_json, summary
from argmap.cli import cli
from argmap.load import load
from argmap.semantics import VerdictWord
from argmap.semantics.verdicts import RATING

MAP = {
    "argmap.yaml": """
    source:
      title: Tea and you
      author: A. Writer
      publisher: The Daily Cup
      date: 2025-06-01
      url: https://example.org/tea
    sources:
      lab:
        title: Lab notes
        publisher: A lab
    """,
    "claims/c.yaml": """
    - id: tea
      kind: thesis
      text: >-
        Green tea, drunk every day for many years, is good for the heart and the arteries of
        most adults.
      quote: "Tea is good for your heart."
      supported_by: [trial]
    - id: bare
      text: Tea is cheap.
      source: lab
    - id: given
      kind: assumption
      text: People drink what is good for them.
    - id: coffee
      text: Coffee is better.
      attacked_by: [trial]
    """,
    "evidence/e.yaml": """
    id: trial
    kind: statistic
    summary: A trial found so.
    reliability: B
    credibility: 2
    """,
}


@pytest.fixture
def amap(make_map):
    return load(make_map(MAP))


def test_one_review_per_claim_the_source_makes(amap):
    reviews = claim_reviews(amap, date="2025-08-01")
    assert [r["reviewRating"]["alternateName"] for r in reviews] == [
        "supported",
        "unsupported",
        "refuted",
    ]
    assert [r["reviewRating"]["ratingValue"] for r in reviews] == [5, 2, 1]


def test_a_review_has_every_property(amap):
    review = claim_reviews(amap, date="2025-08-01", reviewer="Tea Checkers", url="https://x.org/r")[
        0
    ]
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "Green tea, drunk every day for many years, is good for the heart and the…",
        "itemReviewed": {
            "@type": "Claim",
            "text": "Tea is good for your heart.",
            "author": {"@type": "Person", "name": "A. Writer"},
            "datePublished": "2025-06-01",
            "appearance": {
                "@type": "CreativeWork",
                "name": "Tea and you",
                "url": "https://example.org/tea",
                "publisher": {"@type": "Organization", "name": "The Daily Cup"},
                "datePublished": "2025-06-01",
            },
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 5,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "supported",
            "name": "argmap verdict scale: 1 refuted, 2 unsupported, 3 contested or assumed, "
            "4 weakly supported, 5 supported",
        },
        "author": {"@type": "Organization", "name": "Tea Checkers"},
        "datePublished": "2025-08-01",
        "reviewBody": "Supported: its proof standard is met (argmap strength 0.8 of 1).",
        "url": "https://x.org/r#tea",
    }


def test_the_claim_s_own_source_and_a_publisher_only_author(amap):
    item = claim_reviews(amap)[1]["itemReviewed"]
    assert item == {
        "@type": "Claim",
        "text": "Tea is cheap.",
        "author": {"@type": "Organization", "name": "A lab"},
        "appearance": {
            "@type": "CreativeWork",
            "name": "Lab notes",
            "publisher": {"@type": "Organization", "name": "A lab"},
        },
    }


def test_a_claim_without_a_source_is_reviewed_without_one(make_map):
    amap = load(make_map({"claims/c.yaml": "id: c\ntext: C.\n"}))
    [review] = claim_reviews(amap)
    assert review["itemReviewed"] == {"@type": "Claim", "text": "C."}
    assert review["datePublished"] == datetime.date.today().isoformat()
    assert "url" not in review


def every_node(value):
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from every_node(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from every_node(inner)


def test_the_document_is_json_ld(amap):
    document = json.loads(claim_reviews_json(amap, date="2025-08-01"))
    assert isinstance(document, list) and len(document) == 3
    for review in document:
        assert review["@context"] == "https://schema.org"
        assert all("@type" in node for node in every_node(review))
        assert len(review["claimReviewed"]) < 75
        assert set(review) >= {"claimReviewed", "itemReviewed", "reviewRating", "author"}
        rating = review["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["alternateName"] in {w.value for w in VerdictWord}
    assert claim_reviews_json(amap, date="2025-08-01").endswith("}\n]\n")


def test_the_scale_names_every_verdict_at_its_rating():
    assert set(RATING) == set(VerdictWord)
    for word, rating in RATING.items():
        assert word.value in SCALE[rating].split(" or ")
    assert sorted(SCALE) == [1, 2, 3, 4, 5]
    assert SCALE_NAME.startswith("argmap verdict scale: 1 refuted, ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Short.", "Short."),
        ("Line\nbreaks   and  spaces.", "Line breaks and spaces."),
        ("x" * 80, "x" * 73 + "…"),
        ("word " * 20, "word word word word word word word word word word word word word word…"),
        (
            "Open models, open data, open weights, open code, open licences, open minds, open ends",
            "Open models, open data, open weights, open code, open licences, open…",
        ),
    ],
)
def test_claim_reviewed_is_a_short_summary(text, expected):
    assert summary(text) == expected
    assert len(summary(text)) < 75


# --- argmap export -----------------------------------------------------------------------------


def test_export_prints_to_stdout(make_map):
    result = CliRunner().invoke(
        cli, ["export", str(make_map(MAP)), "--to", "claimreview", "--date", "2025-08-01"]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert [r["datePublished"] for r in json.loads(result.stdout)] == ["2025-08-01"] * 3


def test_export_writes_a_file_and_refuses_to_clobber_it(make_map, tmp_path):
    root, target = str(make_map(MAP)), tmp_path / "out" / "reviews.json"
    args = ["export", root, "--to", "claimreview", "-o", str(target), "--reviewer", "Us"]
    first = CliRunner().invoke(cli, args)
    assert (first.exit_code, first.stderr) == (0, f"argmap: wrote {target}\n")
    assert json.loads(target.read_text(encoding="utf-8"))[0]["author"]["name"] == "Us"
    target.write_text("mine", encoding="utf-8")
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 2
    assert "already exists; pass --force to overwrite it" in again.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    forced = CliRunner().invoke(cli, [*args, "--force"])
    assert forced.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))[0]["@type"] == "ClaimReview"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "claimreview", "--date", "1 Aug"], "'1 Aug' is not a date; expected YYYY-MM-DD"),
        (["--to", "nonsense"], "unknown format 'nonsense'; expected one of: "),
        ([], "pass --to FORMAT (or -o FILE with a suffix that names one)"),
    ],
)
def test_export_usage_errors_exit_2(make_map, args, message):
    result = CliRunner().invoke(cli, ["export", str(make_map(MAP)), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_export_of_a_map_that_does_not_load_exits_2(make_map):
    root = make_map({"claims/c.yaml": "id: c\n"})
    assert CliRunner().invoke(cli, ["export", str(root), "--to", "claimreview"]).exit_code == 2
