from __future__ import annotations

import pytest

TEXT = b"Tea drinkers lived longer in the study, and they slept better."
CONFIG = "source: {title: Tea, text: tea.txt}\n"


def files(quote: str, text: bytes = TEXT) -> dict[str, str | bytes]:
    return {
        "argmap.yaml": CONFIG,
        "tea.txt": text,
        "claims/c.yaml": f"id: c1\ntext: T.\nquote: {quote}\n",
    }


def test_a_quote_not_in_the_text(lint):
    given = files("Coffee drinkers slept worse than anyone.")
    assert lint(given, "AM502") == [("claims/c.yaml", 3, 8, "AM502", "c1")]
    [finding] = lint.findings(given, "AM502")
    assert finding.message == (
        "quote of claim 'c1' is not in tea.txt; the closest passage (score 0.69, at 0-32) is "
        '"Tea drinkers lived longer in the"; expected the source\'s own words'
    )
    assert (finding.name, finding.severity) == ("quote-not-found", "error")


def test_an_empty_text(lint):
    [finding] = lint.findings(files("Anything.", b""), "AM502")
    assert "quote of claim 'c1' is not in tea.txt; tea.txt is empty;" in finding.message


@pytest.mark.parametrize(
    "quote",
    [
        "Tea drinkers lived longer",  # exact
        "they slept  better",  # whitespace
        "Tea drinkers lived longr",  # close enough: inexact, not missing
    ],
)
def test_quotes_that_are_found(lint, quote):
    assert lint(files(quote), "AM502") == []


def test_quotes_of_evidence_and_of_sources_without_text(lint):
    given = {
        "argmap.yaml": "sources:\n  tea: {title: Tea, text: tea.txt}\n  other: {title: Other}\n",
        "tea.txt": TEXT,
        "evidence/e.yaml": """\
            - {id: e1, kind: statistic, summary: S., reliability: B, credibility: 2,
               source: tea, quote: Nothing like it}
            - {id: e2, kind: statistic, summary: S., reliability: B, credibility: 2,
               source: other, quote: Nothing like it}
            """,
    }
    assert lint(given, "AM502") == [("evidence/e.yaml", 2, 24, "AM502", "e1")]
    [finding] = lint.findings(given, "AM502")
    assert finding.message.startswith("quote of evidence 'e1' is not in tea.txt;")
