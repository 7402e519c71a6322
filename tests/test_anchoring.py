"""Quote anchoring: selectors, normalization, folding, approximate search, scoring, resolution."""

from __future__ import annotations

import hashlib
import os
import random
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import anchoring
from argmap.anchoring import (
    ACCEPT_SCORE,
    SourceText,
    SourceTextError,
    Status,
    analyze_quotes,
    context_score,
    describe,
    describe_differences,
    end_errors,
    fold,
    max_errors,
    position_selector,
    quote_selector,
    read_source_text,
    resolve,
    score_match,
    summarize,
)
from argmap.load import load
from argmap.model import Anchor

REPO = Path(__file__).resolve().parent.parent
ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def text_of(text: str) -> SourceText:
    return SourceText.from_string(text)


# --- selectors: the SEMANTICS §3.2 test vector -------------------------------------------------


def test_the_selectors_of_efg_in_the_alphabet():
    assert quote_selector(ALPHABET, 4, 7, context=4) == {
        "type": "TextQuoteSelector",
        "exact": "efg",
        "prefix": "abcd",
        "suffix": "hijk",
    }
    assert position_selector(4, 7) == {"type": "TextPositionSelector", "start": 4, "end": 7}


def test_resolving_efg_gives_the_test_vector():
    source = text_of(ALPHABET)
    result = resolve(source, "efg")
    assert (result.status, result.start, result.end) == (Status.EXACT, 4, 7)
    assert describe(source, 4, 7, context=4) == Anchor(
        start=4, end=7, prefix="abcd", suffix="hijk", sha256=source.sha256
    )


def test_context_is_32_characters_and_stops_at_the_ends_of_the_text():
    text = "x" * 40 + "QUOTE" + "y" * 40
    anchor = resolve(text_of(text), "QUOTE").anchor
    assert anchor is not None
    assert (anchor.start, anchor.end, anchor.prefix, anchor.suffix) == (40, 45, "x" * 32, "y" * 32)
    anchor = resolve(text_of("QUOTE and more"), "QUOTE").anchor
    assert anchor is not None
    assert (anchor.prefix, anchor.suffix) == ("", " and more")


# --- the text offsets refer to -------------------------------------------------------------


def test_the_hash_of_an_nfc_utf8_file_is_its_sha256sum(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("It’s “free” – café\r\nnext".encode())
    source = read_source_text(path, "a.txt")
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source.text == "It’s “free” – café\r\nnext"  # line ends and typography kept


def test_offsets_count_code_points_of_the_nfc_text():
    # "e" + combining acute in the file: NFC makes it one code point, so "x" is at 4, not 5.
    source = text_of("Cafe\u0301 x")
    assert source.text == "Caf\u00e9 x"
    assert (resolve(source, "x").start, resolve(source, "x").end) == (5, 6)
    decomposed_quote = resolve(source, "Cafe\u0301")
    assert (decomposed_quote.status, decomposed_quote.start, decomposed_quote.end) == (
        Status.EXACT,
        0,
        4,
    )


def test_an_emoji_counts_one(tmp_path):
    result = resolve(text_of("🙂 smile"), "smile")
    assert (result.start, result.end) == (2, 7)


# --- reading texts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "it is a directory"),
        (lambda p: p.write_bytes(b"ok\n\xff\xfe"), "byte 0xff on line 2 is not valid UTF-8"),
        (lambda p: os.symlink(p.parent / "nowhere", p), "a broken symlink"),
        (lambda p: os.mkfifo(p), "it is a pipe, socket or device, not a regular file"),
    ],
    ids=["missing", "directory", "not-utf8", "broken-symlink", "fifo"],
)
def test_unreadable_texts_say_why(tmp_path, setup, reason):
    path = tmp_path / "t.txt"
    setup(path)
    with pytest.raises(SourceTextError) as error:
        read_source_text(path, "t.txt")
    assert str(error.value).startswith(reason)


def test_a_byte_order_mark_is_not_part_of_the_text(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(b"\xef\xbb\xbfabc")
    assert read_source_text(path, "t.txt").text == "abc"


def test_texts_are_read_once_until_they_change(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("first version", encoding="utf-8")
    first = read_source_text(path, "t.txt")
    assert read_source_text(path, "t.txt") is first
    path.write_text("second version, longer", encoding="utf-8")
    assert read_source_text(path, "t.txt").text == "second version, longer"


# --- folding -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("plain text", "plain text"),
        ("It\u2019s \u2018so\u2019", "It's 'so'"),
        ("\u201cquoted\u201d \u201equoted\u201c", '"quoted" "quoted"'),
        ("a \u2013 b \u2014 c \u2212 d \u2011e", "a - b - c - d -e"),
        ("wait\u2026", "wait..."),
        ("a\u00a0b\u202fc\td\n\ne  f", "a b c d e f"),
        ("co\u00adop\u200beration", "cooperation"),
        ("line\r\nbreak", "line break"),
    ],
)
def test_folding(text, folded):
    assert fold(text).text == folded


@given(st.text(alphabet="ab ’“”–…\u00a0\n\u00ad", max_size=30))
@settings(max_examples=200, deadline=None)
def test_folded_characters_map_back_into_the_original(text):
    folded = fold(text)
    assert len(folded.starts) == len(folded.ends) == len(folded.text)
    assert folded.starts == sorted(folded.starts)
    for i, char in enumerate(folded.text):
        original = text[folded.starts[i] : folded.ends[i]]
        assert fold(original).text.strip(" ") == char.strip(" ") or char in ".'\"-"


# --- approximate search ----------------------------------------------------------------------


def _brute_end_errors(text: str, pattern: str) -> list[int]:
    """Sellers' dynamic programme: the reference for Myers' algorithm."""
    m = len(pattern)
    column = list(range(m + 1))
    out = []
    for char in text:
        new = [0]
        for i in range(1, m + 1):
            cost = 0 if pattern[i - 1] == char else 1
            new.append(min(column[i - 1] + cost, column[i] + 1, new[i - 1] + 1))
        column = new
        out.append(column[m])
    return out


@given(st.text(alphabet="abc", max_size=40), st.text(alphabet="abc", min_size=1, max_size=70))
@settings(max_examples=300, deadline=None)
def test_myers_agrees_with_the_dynamic_programme(text, pattern):
    assert end_errors(text, pattern) == _brute_end_errors(text, pattern)


def test_anchored_errors_are_plain_edit_distances_of_prefixes():
    from rapidfuzz.distance import Levenshtein

    text, pattern = "kitten sitting", "sitting"
    assert end_errors(text, pattern, anchored=True) == [
        Levenshtein.distance(pattern, text[:j]) for j in range(1, len(text) + 1)
    ]


@pytest.mark.parametrize(
    ("window", "context", "score"),
    [
        ("abcd", "abcd", 1.0),
        ("xxabcd", "abcd", 1.0),  # the best match inside the window
        ("abXd", "abcd", 0.75),
        ("", "abcd", 0.0),
        ("abcd", "", 0.0),
    ],
)
def test_context_score(window, context, score):
    assert context_score(window, context) == score


def test_max_errors_is_half_the_quote_capped_at_256():
    assert (max_errors(10), max_errors(11), max_errors(1000)) == (5, 5.5, 256)


# --- scoring: the Hypothesis formula ------------------------------------------------------------


def test_score_without_context_counts_only_the_errors():
    # (50 * (1 - 1/4) + 20 + 20 + 2) / 92
    assert score_match("abcdefgh", 4, 0, 4, 1) == pytest.approx((37.5 + 42) / 92)


def test_the_worked_example_of_the_docs():
    before = text_of("Tea is healthy. Coffee is not good for sleep. Water is best.")
    anchor = describe(before, 16, 44)
    assert (anchor.prefix, anchor.suffix) == ("Tea is healthy. ", ". Water is best.")
    after = text_of("Tea is healthy, say most studies. Coffee is no good for sleep. Water is best.")
    result = resolve(after, "Coffee is not good for sleep", anchor)
    assert (result.status, result.start, result.end) == (Status.FUZZY, 34, 61)
    assert result.passage == "Coffee is no good for sleep"
    quote, prefix, suffix, position = 1 - 1 / 28, 0.25, 1.0, 1 - 18 / 77
    expected = (50 * quote + 20 * prefix + 20 * suffix + 2 * position) / 92
    assert result.score == pytest.approx(expected)
    assert round(result.score, 2) == 0.81
    assert result.differences() == ['the source has "no" where the quote has "not"']


def test_the_acceptance_threshold():
    # Without context, score = (50q + 42) / 92 >= 0.75 needs q >= 0.54: 4 errors in 10 pass
    # (q = 0.6, score 0.783), 5 errors in 10 do not (q = 0.5, score 0.728).
    text = text_of("zzzz 0123456789 zzzz")
    four = resolve(text, "0123abcd89")
    assert four.status is Status.FUZZY
    assert four.score == pytest.approx((50 * 0.6 + 42) / 92)
    five = resolve(text, "0123abcde9")
    assert five.status is Status.NOT_FOUND
    assert five.score < ACCEPT_SCORE


# --- resolution ----------------------------------------------------------------------------------

SOURCE = "It’s cheap – and it’s “good”.\nTea is healthy. Coffee is not. Tea is healthy, they say."


@pytest.mark.parametrize(
    ("quote", "status", "passage"),
    [
        ("Coffee is not.", Status.EXACT, "Coffee is not."),
        ("It's cheap - and", Status.NORMALIZED, "It’s cheap – and"),
        ('it’s "good".  Tea', Status.NORMALIZED, "it’s “good”.\nTea"),
        ("Coffee is nt", Status.FUZZY, "Coffee is not"),
        ("Coffee is not healthy", Status.FUZZY, "Coffee is not. Tea"),
        ("Tea is healthy", Status.AMBIGUOUS, ""),
        ("Whisky is dangerous for your liver", Status.NOT_FOUND, "Coffee is not. Tea is"),
    ],
)
def test_resolution(quote, status, passage):
    result = resolve(text_of(SOURCE), quote)
    assert result.status is status
    assert result.passage == passage
    if result.start is not None:
        assert SOURCE[result.start : result.end] == passage


def test_ambiguous_places_are_listed_and_not_anchored():
    result = resolve(text_of(SOURCE), "Tea is healthy")
    assert result.places == ((30, 44), (61, 75))
    assert result.anchor is None
    assert summarize_line(result) == "ambiguous: 2 places: 30-44 and 61-75"


def summarize_line(resolution) -> str:
    from argmap.anchoring import QuoteResult
    from argmap.model import Claim

    return summarize(QuoteResult(Claim(id="c", text="T.", quote=resolution.quote), resolution))


@pytest.mark.parametrize(
    ("anchor", "start"),
    [
        pytest.param(Anchor(start=0, end=0, suffix=". Coffee"), 30, id="suffix-picks-first"),
        pytest.param(Anchor(start=0, end=0, suffix=", they say"), 61, id="suffix-picks-second"),
        pytest.param(Anchor(start=60, end=74), 61, id="position-picks-nearest"),
    ],
)
def test_an_anchor_picks_one_of_several_places(anchor, start):
    result = resolve(text_of(SOURCE), "Tea is healthy", anchor)
    assert (result.status, result.start, result.chosen_by_context) == (Status.EXACT, start, True)


def test_a_valid_anchor_is_trusted_without_searching():
    source = text_of(SOURCE)
    anchor = describe(source, 61, 75)
    result = resolve(source, "Tea is healthy", anchor)
    assert (result.status, result.start, result.via_anchor) == (Status.EXACT, 61, True)
    # A hand-written anchor without a hash is checked against the text just the same.
    result = resolve(source, "Tea is healthy", Anchor(start=61, end=75))
    assert (result.start, result.via_anchor) == (61, True)


def test_an_anchor_for_another_text_is_not_trusted():
    source = text_of(SOURCE)
    anchor = Anchor(start=0, end=14, sha256="0" * 64)
    result = resolve(source, "Coffee is not.", anchor)
    assert (result.status, result.start, result.via_anchor) == (Status.EXACT, 46, False)


def test_a_quote_is_reanchored_after_a_paragraph_is_inserted():
    before = text_of("Intro.\nTea is healthy. Coffee is not.")
    anchor = resolve(before, "Coffee is not.").anchor
    assert anchor is not None and anchor.start == 23
    after = text_of("Intro.\nA new paragraph here.\nTea is healthy. Coffee is not.")
    result = resolve(after, "Coffee is not.", anchor)
    assert (result.status, result.start, result.end) == (Status.EXACT, 45, 59)


def test_a_quote_with_a_changed_word_is_reanchored_fuzzily():
    before = text_of("Intro. Kimi K2 is open source and completely free. The end.")
    anchor = resolve(before, "open source and completely free").anchor
    after = text_of("Intro. Kimi K2 is open source and totally free. The end.")
    result = resolve(after, "open source and completely free", anchor)
    assert result.status is Status.FUZZY
    assert result.passage == "open source and totally free"
    assert result.differences() == ['the source has "totally" where the quote has "completely"']


def test_an_empty_text_finds_nothing():
    result = resolve(text_of(""), "anything")
    assert (result.status, result.start) == (Status.NOT_FOUND, None)


def test_a_quote_of_typography_alone_is_not_found():
    result = resolve(text_of("abc"), "\u00ad")
    assert result.status is Status.NOT_FOUND


def test_a_long_text_is_narrowed_with_rapidfuzz_and_still_found():
    rng = random.Random(7)
    words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9))) for _ in range(9000)]
    text = " ".join(words)
    assert len(text) > anchoring.FULL_SCAN_LIMIT
    start = text.index(words[6000])
    original = text[start : start + 80]
    misquoted = original[:30] + "XY" + original[32:]
    result = resolve(text_of(text), misquoted)
    assert (result.status, result.start, result.end) == (Status.FUZZY, start, start + 80)


@given(
    st.text(alphabet="abcdef ", min_size=20, max_size=200),
    st.integers(0, 180),
    st.integers(5, 30),
)
@settings(max_examples=150, deadline=None)
def test_an_exact_slice_is_found_where_it_is_or_reported_ambiguous(text, start, length):
    piece = text[start : start + length]
    quote = piece.strip()  # a quote's outer whitespace is not part of it
    if len(quote) < 5:
        return
    begin = start + len(piece) - len(piece.lstrip())
    result = resolve(text_of(text), quote)
    if text.find(quote, text.find(quote) + 1) == -1:
        assert (result.status, result.start, result.end) == (
            Status.EXACT,
            begin,
            begin + len(quote),
        )
    else:
        assert result.status is Status.AMBIGUOUS
        assert (begin, begin + len(quote)) in result.places


# --- differences ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "quote", "differences"),
    [
        ("It’s free", "It's free", ['the source has "’" where the quote has "\'"']),
        ("a\u00a0b", "a b", ['the source has "\\u00a0" where the quote has " "']),
        ("one two three", "one three", ['the source has "two ", which the quote leaves out']),
        ("one three", "one two three", ['the quote has "two ", which the source does not']),
        (
            "a b c d e",
            "A B C D E",
            [
                'the source has "a" where the quote has "A"',
                'the source has "b" where the quote has "B"',
                'the source has "c" where the quote has "C"',
                "and 2 more differences",
            ],
        ),
    ],
)
def test_describe_differences(source, quote, differences):
    assert describe_differences(source, quote) == differences


# --- a whole map -------------------------------------------------------------------------------


def test_every_quote_of_the_article_anchors_exactly():
    amap = load(REPO)
    article = amap.config.sources["article"]
    analysis = analyze_quotes(amap)
    assert analysis.problems == []
    cited = [r for r in analysis.results if amap.source_of(r.record) is article]
    assert len(cited) >= 60
    assert {r.record.id: r.resolution.status for r in cited} == {
        r.record.id: Status.EXACT for r in cited
    }


def test_sources_named_inline_and_by_default_are_all_read(make_map):
    root = make_map(
        {
            "argmap.yaml": """\
                source: {title: Default, text: default.txt}
                sources:
                  named: {title: Named, text: texts/named.txt}
                """,
            "default.txt": b"Default words here.",
            "texts/named.txt": b"Named words here.",
            "inline.txt": b"Inline words here.",
            "claims/c.yaml": """\
                - {id: c1, text: T., quote: Default words}
                - {id: c2, text: T., quote: Named words, source: named}
                - {id: c3, text: T., quote: Inline words, source: {title: I, text: inline.txt}}
                - {id: c4, text: T., quote: Not checked, source: {title: No text}}
                - {id: c5, text: T., quote: "   "}
                """,
        }
    )
    analysis = analyze_quotes(load(root))
    assert [
        (r.record.id, r.resolution.status, r.resolution.source.display) for r in analysis.results
    ] == [
        ("c1", Status.EXACT, f"{root.as_posix()}/default.txt"),
        ("c2", Status.EXACT, f"{root.as_posix()}/texts/named.txt"),
        ("c3", Status.EXACT, f"{root.as_posix()}/inline.txt"),
    ]
    assert analyze_quotes(load(root), only={"c2"}).results[0].record.id == "c2"


def test_the_line_break_a_folded_yaml_block_leaves_is_not_part_of_the_quote(make_map):
    root = make_map(
        {
            "argmap.yaml": "source: {title: T, text: t.txt}\n",
            "t.txt": b"Before. Coffee is not good for sleep. After.",
            "claims/c.yaml": "id: c1\ntext: T.\nquote: >\n  Coffee is not\n  good for sleep.\n",
        }
    )
    amap = load(root)
    assert amap.claims["c1"].quote == "Coffee is not good for sleep.\n"
    [result] = analyze_quotes(amap).results
    assert (result.resolution.status, result.resolution.start) == (Status.EXACT, 8)


def test_all_quote_checks_share_one_analysis(make_map, monkeypatch):
    from argmap.checks import check

    root = make_map(
        {
            "argmap.yaml": "source: {title: T, text: t.txt}\n",
            "t.txt": b"Tea is healthy. Tea is healthy.",
            "claims/c.yaml": "- {id: c1, text: T., quote: Tea is healthy}\n"
            "- {id: c2, text: T., quote: Tea is wealthy}\n",
        }
    )
    calls = []
    real = anchoring.analyze_quotes
    monkeypatch.setattr(
        anchoring, "analyze_quotes", lambda amap, **kw: calls.append(1) or real(amap, **kw)
    )
    codes = [f.code for f in check(load(root), select=["AM5"])]
    assert (codes, len(calls)) == (["AM504", "AM503"], 1)
