from __future__ import annotations

import pytest

TEXT = "Tea is cheap, and it’s healthy.\nDrinkers lived longer in the study.".encode()


def files(quote: str) -> dict[str, str | bytes]:
    return {
        "argmap.yaml": "source: {title: Tea, text: tea.txt}\n",
        "tea.txt": TEXT,
        "claims/c.yaml": f"id: c1\ntext: T.\nquote: {quote}\n",
    }


def test_a_typographic_difference(lint):
    given = files('"it\'s healthy."')
    assert lint(given, "AM503") == [("claims/c.yaml", 3, 8, "AM503", "c1")]
    [finding] = lint.findings(given, "AM503")
    assert finding.message == (
        "quote of claim 'c1' matches tea.txt at 18-31 only with whitespace and typography "
        'ignored: the source has "’" where the quote has "\'"; expected the source\'s exact words'
    )
    assert (finding.name, finding.severity) == ("quote-inexact", "warning")


def test_a_whitespace_difference_across_a_line_break(lint):
    [finding] = lint.findings(files("healthy. Drinkers lived"), "AM503")
    assert finding.message == (
        "quote of claim 'c1' matches tea.txt at 23-46 only with whitespace and typography "
        'ignored: the source has "\\n" where the quote has " "; expected the source\'s exact '
        "words"
    )


def test_an_approximate_match(lint):
    [finding] = lint.findings(files("Drinkers lived much longer in the study."), "AM503")
    assert finding.message == (
        "quote of claim 'c1' matches tea.txt only approximately (score 0.93, at 32-67): the "
        'quote has " much", which the source does not; expected the source\'s exact words'
    )


@pytest.mark.parametrize(
    "quote",
    [
        "Drinkers lived longer in the study.",  # exact
        "Whisky is dangerous for the liver",  # not found: AM502's business
    ],
)
def test_exact_and_missing_quotes_are_not_inexact(lint, quote):
    assert lint(files(quote), "AM503") == []
