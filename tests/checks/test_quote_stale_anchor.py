from __future__ import annotations

import hashlib

import pytest

TEXT = "Tea is healthy. Coffee is not."
SHA = hashlib.sha256(TEXT.encode()).hexdigest()


def files(anchor: str, quote: str = "Coffee is not.") -> dict[str, str | bytes]:
    return {
        "argmap.yaml": "source: {title: Tea, text: tea.txt}\n",
        "tea.txt": TEXT.encode(),
        "claims/c.yaml": f"id: c1\ntext: T.\nquote: {quote}\nanchor: {anchor}\n",
    }


def test_a_text_that_changed(lint):
    given = files('{start: 0, end: 14, sha256: "1c5e"}')
    assert lint(given, "AM505") == [("claims/c.yaml", 4, 9, "AM505", "c1")]
    [finding] = lint.findings(given, "AM505")
    assert finding.message == (
        "anchor of claim 'c1' is stale: tea.txt has changed since it was written (its sha256 "
        "differs); the quote is now at 16-30 (was 0-14); expected an anchor that fits the text "
        "(run `argmap anchor --write`)"
    )
    assert (finding.name, finding.severity) == ("quote-stale-anchor", "warning")


def test_a_changed_text_where_the_quote_did_not_move(lint):
    [finding] = lint.findings(files('{start: 16, end: 30, sha256: "1c5e"}'), "AM505")
    assert "; the quote is still at 16-30;" in finding.message


def test_offsets_that_do_not_hold_the_quote(lint):
    [finding] = lint.findings(files(f'{{start: 3, end: 17, sha256: "{SHA}"}}'), "AM505")
    assert finding.message.startswith(
        "anchor of claim 'c1' is stale: the text at 3-17 of tea.txt is not the quote but "
        '" is healthy. C"; the quote is now at 16-30 (was 3-17);'
    )


@pytest.mark.parametrize(
    "anchor",
    [
        f'{{start: 16, end: 30, prefix: "Tea is healthy. ", suffix: "", sha256: "{SHA}"}}',
        "{start: 16, end: 30}",  # written by hand, without a hash: it holds the quote
    ],
)
def test_fitting_anchors(lint, anchor):
    assert lint(files(anchor), "AM505") == []


def test_no_stale_finding_for_a_quote_not_found(lint):
    assert (
        lint(files('{start: 0, end: 3, sha256: "1c5e"}', quote="Whisky is a danger"), "AM505") == []
    )
