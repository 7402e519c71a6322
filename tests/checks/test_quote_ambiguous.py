from __future__ import annotations

TEXT = b"Tea is healthy. Coffee is not. Tea is healthy, they say."


def files(claim: str) -> dict[str, str | bytes]:
    return {
        "argmap.yaml": "source: {title: Tea, text: tea.txt}\n",
        "tea.txt": TEXT,
        "claims/c.yaml": claim,
    }


def test_a_quote_in_two_places(lint):
    given = files("id: c1\ntext: T.\nquote: Tea is healthy\n")
    assert lint(given, "AM504") == [("claims/c.yaml", 3, 8, "AM504", "c1")]
    [finding] = lint.findings(given, "AM504")
    assert finding.message == (
        "quote of claim 'c1' occurs 2 times in tea.txt, at 0-14 and 31-45; expected words found "
        "once: quote more of the passage, or pick one with `anchor: {start: 0, end: 14}`"
    )
    assert (finding.name, finding.severity) == ("quote-ambiguous", "warning")


def test_ambiguous_once_typography_is_ignored(lint):
    given = files("id: c1\ntext: T.\nquote: Tea  is healthy\n")
    [finding] = lint.findings(given, "AM504")
    assert "occurs 2 times in tea.txt, at 0-14 and 31-45;" in finding.message


def test_an_anchor_picks_the_place(lint):
    for anchor in ("{start: 31, end: 45}", '{start: 0, end: 0, suffix: ", they say."}'):
        claim = f"id: c1\ntext: T.\nquote: Tea is healthy\nanchor: {anchor}\n"
        assert lint(files(claim), "AM504") == []


def test_a_longer_quote_is_unique(lint):
    assert lint(files("id: c1\ntext: T.\nquote: Tea is healthy, they\n"), "AM504") == []
