"""Quote anchoring: where each quote sits in its source's text, as W3C Web Annotation selectors.

A source names a local copy of its text (``text: sources/article.txt``, relative to the map
root). Each quote citing it is anchored to that text as a ``TextQuoteSelector`` (the exact words,
with up to `CONTEXT_LENGTH` characters of prefix and suffix) and a ``TextPositionSelector``
(``start`` inclusive, ``end`` exclusive), recorded in the record's ``anchor:`` with the text's
SHA-256, so a later change of the source is noticed and the quote re-anchored, not lost.

**The text offsets refer to.** The file decoded as UTF-8 (a byte order mark dropped), in Unicode
NFC, and nothing else: line ends, whitespace and typography are kept. Offsets count code points
(Python ``str`` indices). For a UTF-8 file that is already NFC (almost every file) that is the file
itself, so ``text[start:end]`` of its contents is the quote and ``sha256`` is its ``sha256sum``.

**Matching order** (`resolve`), first success wins:

1. the record's ``anchor:``, when its ``sha256`` is the text's (or not given) and the text at
   ``start``-``end`` is the quote;
2. the quote's exact words (NFC, without leading and trailing whitespace, such as the line
   break a YAML ``>`` block leaves); several places are ambiguous, unless the anchor's prefix,
   suffix and position pick one;
3. the same, ignoring differences of whitespace (runs of any spaces, line breaks, no-break
   spaces), of typographic quotation marks and apostrophes (’ ‘ “ ” vs ' "), dashes (– — vs -),
   the ellipsis (… vs ...) and invisible characters (soft hyphens, zero-width spaces): the
   match is mapped back to offsets in the text (see `fold`);
4. the best approximate match (on the folded text too), found and scored as the Hypothesis
   client's ``matchQuote`` does: candidates within ``min(256, len/2)`` edit errors, each scored
   ``(50·quote + 20·prefix + 20·suffix + 2·position) / 92``; accepted from `ACCEPT_SCORE`,
   otherwise the quote is not found and the best candidate is the closest passage.

>>> text = "abcdefghijklmnopqrstuvwxyz"
>>> quote_selector(text, 4, 7, context=4)
{'type': 'TextQuoteSelector', 'exact': 'efg', 'prefix': 'abcd', 'suffix': 'hijk'}
>>> position_selector(4, 7)
{'type': 'TextPositionSelector', 'start': 4, 'end': 7}
>>> r = resolve(SourceText.from_string(text), "efg")
>>> (r.status.value, r.start, r.end)
('exact', 4, 7)
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.limits import active as active_limits
from argmap.limits import format_size, how_to_raise, outside_sources_allowed
from argmap.model import Anchor, Claim, Evidence, Source
from argmap.span import Span

if TYPE_CHECKING:
    from argmap.argument_map import ArgumentMap

CONTEXT_LENGTH = 32
"""Characters of prefix and suffix recorded around a quote (Hypothesis' ``contextLen``)."""

ACCEPT_SCORE = 0.75
"""The lowest `score_match` at which an approximate match is accepted as the quote's place."""

MAX_ERRORS_CAP = 256
"""Hypothesis' cap on the edit errors an approximate match may have: min(256, len(quote)/2)."""

QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50, 20, 20, 2

FULL_SCAN_LIMIT = 20_000
"""Texts up to this many characters are searched approximately end to end; longer ones first
narrowed to a few regions by rapidfuzz (windows the quote's length, ranked by edit distance)."""

CANDIDATE_LIMIT = 50
"""Most approximate candidates scored per quote (the ones with fewest errors)."""


# --- reading source texts ---------------------------------------------------------------------


class SourceTextError(Exception):
    """A source's ``text:`` file cannot be used; the message says why and what was expected."""


@dataclass(eq=False)
class SourceText:
    """A source text as anchors refer to it: decoded, NFC, with its SHA-256."""

    text: str
    display: str = "<text>"

    @classmethod
    def from_string(cls, text: str, display: str = "<text>") -> SourceText:
        return cls(normalize(text), display)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def folded(self) -> Folded:
        return fold(self.text)


def normalize(text: str) -> str:
    """The form quotes and texts are compared in: Unicode NFC.

    >>> normalize("Cafe\\u0301") == "Caf\\u00e9"
    True
    """
    return unicodedata.normalize("NFC", text)


_TEXT_CACHE: dict[tuple[str, int, int, str], SourceText] = {}
_TEXT_CACHE_SIZE = 64


def read_source_text(path: Path, display: str) -> SourceText:
    """Read the text file at ``path`` (cached by real path, size and modification time).

    Raises `SourceTextError` when the file is missing, not a file, unreadable or not UTF-8.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        what = "a broken symlink" if path.is_symlink() else "no such file"
        raise SourceTextError(f"{what}") from None
    except OSError as error:
        raise SourceTextError(f"cannot read it: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceTextError("it is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise SourceTextError("it is a pipe, socket or device, not a regular file")
    limit = active_limits().file_size
    if info.st_size > limit:
        raise SourceTextError(
            f"it is {format_size(info.st_size)}, more than the limit of {format_size(limit)} for "
            f"one file ({how_to_raise('file_size', info.st_size)})"
        )
    key = (os.path.realpath(path), info.st_mtime_ns, info.st_size, display)
    cached = _TEXT_CACHE.get(key)
    if cached is not None:
        return cached
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceTextError(f"cannot read it: {error.strerror or error}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceTextError(
            f"byte 0x{data[error.start]:02x} on line {line} is not valid UTF-8 (re-save it as UTF-8)"
        ) from None
    source = SourceText(normalize(decoded), display)
    if len(_TEXT_CACHE) >= _TEXT_CACHE_SIZE:
        _TEXT_CACHE.pop(next(iter(_TEXT_CACHE)))
    _TEXT_CACHE[key] = source
    return source


# --- selectors ------------------------------------------------------------------------------


def quote_selector(
    text: str, start: int, end: int, context: int = CONTEXT_LENGTH
) -> dict[str, str]:
    """The W3C ``TextQuoteSelector`` of ``text[start:end]``, with ``context`` characters around."""
    return {
        "type": "TextQuoteSelector",
        "exact": text[start:end],
        "prefix": text[max(0, start - context) : start],
        "suffix": text[end : end + context],
    }


def position_selector(start: int, end: int) -> dict[str, Any]:
    """The W3C ``TextPositionSelector`` (code points; start inclusive, end exclusive)."""
    return {"type": "TextPositionSelector", "start": start, "end": end}


def describe(source: SourceText, start: int, end: int, context: int = CONTEXT_LENGTH) -> Anchor:
    """The `Anchor` of ``source.text[start:end]``: position, context and the text's hash.

    >>> a = describe(SourceText.from_string("abcdefghijklmnopqrstuvwxyz"), 4, 7, context=4)
    >>> (a.start, a.end, a.prefix, a.suffix)
    (4, 7, 'abcd', 'hijk')
    """
    text = source.text
    return Anchor(
        start=start,
        end=end,
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        sha256=source.sha256,
    )


# --- folding: whitespace, typography, invisible characters -------------------------------------

FOLDED_CHARACTERS: dict[str, str] = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
}
"""Typographic characters and their plain forms; the invisible ones fold to nothing."""

_NEEDS_FOLDING = re.compile("[" + "".join(FOLDED_CHARACTERS) + r"]|[^\S ]| {2}")


@dataclass(frozen=True)
class Folded:
    """A text folded for matching: ``text[i]`` came from ``original[starts[i]:ends[i]]``."""

    text: str
    starts: list[int]
    ends: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The offsets in the original text of ``text[start:end]`` (non-empty)."""
        return self.starts[start], self.ends[end - 1]

    def index(self, original: int) -> int:
        """The folded offset nearest after original offset ``original``."""
        return bisect.bisect_left(self.starts, original)


def fold(text: str) -> Folded:
    """``text`` with every whitespace run made one space and typography made plain.

    >>> f = fold("It\\u2019s  \\u201cfree\\u201d\\u00a0\\u2013 now")
    >>> f.text
    'It\\'s "free" - now'
    >>> f.span(5, 11)  # '"free"' in the folded text is '“free”' at 6-12 in the original
    (6, 12)
    """
    if _NEEDS_FOLDING.search(text) is None:
        positions = list(range(len(text)))
        return Folded(text, positions, [p + 1 for p in positions])
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if out and out[-1] == " ":
                ends[-1] = index + 1
                continue
            out.append(" ")
            starts.append(index)
            ends.append(index + 1)
            continue
        plain = FOLDED_CHARACTERS.get(char)
        if plain is None:
            out.append(char)
            starts.append(index)
            ends.append(index + 1)
            continue
        for piece in plain:
            out.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return Folded("".join(out), starts, ends)


def fold_quote(quote: str) -> str:
    """A quote folded as `fold` folds texts, without leading or trailing space."""
    return fold(normalize(quote)).text.strip(" ")


# --- approximate search ------------------------------------------------------------------------


def end_errors(text: str, pattern: str, anchored: bool = False) -> list[int]:
    """For each ``j`` in 1..len(text): the fewest edits turning ``pattern`` into a substring of
    ``text`` that ends at ``j`` (Myers' bit-parallel algorithm, on Python integers).

    With ``anchored``, the substring must start at 0 (plain edit distance of each prefix).

    >>> end_errors("xabcx", "abc")
    [3, 2, 1, 0, 1]
    >>> end_errors("abd", "abc", anchored=True)
    [2, 1, 1]
    """
    m = len(pattern)
    if m == 0:
        return [0] * len(text)
    peq: dict[str, int] = {}
    for i, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    carry = 1 if anchored else 0
    out: list[int] = []
    append = out.append
    get = peq.get
    for char in text:
        eq = get(char, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        append(score)
    return out


def best_errors(text: str, pattern: str) -> int:
    """The fewest edits turning ``pattern`` into some non-empty-ended substring of ``text``."""
    return min(end_errors(text, pattern))


def context_score(window: str, context: str) -> float:
    """Hypothesis' ``textMatchScore``: how well ``context`` matches somewhere in ``window``."""
    if not context or not window:
        return 0.0
    return 1 - best_errors(window, context) / len(context)


@dataclass(frozen=True)
class Candidate:
    """A place the quote may be: ``text[start:end]`` with ``errors`` edits, and its score."""

    start: int
    end: int
    errors: int
    score: float = 0.0


def score_match(
    text: str,
    quote_length: int,
    start: int,
    end: int,
    errors: int,
    prefix: str = "",
    suffix: str = "",
    hint: int | None = None,
) -> float:
    """Hypothesis' ``matchQuote`` score of a candidate, in [0, 1].

    ``(50·quote + 20·prefix + 20·suffix + 2·position) / 92``, where quote is ``1 - errors/len``,
    prefix and suffix how well the text just before and after matches the expected context (1.0
    when none is expected), and position ``1 - |start - hint| / len(text)`` (1.0 without a hint).

    >>> score_match("abcdefghijklmnopqrstuvwxyz", 3, 4, 7, 0, prefix="abcd", suffix="hijk", hint=4)
    1.0
    >>> round(score_match("abcdefghijklmnopqrstuvwxyz", 4, 4, 7, 1), 4)
    0.8641
    """
    quote_score = 1 - errors / quote_length
    prefix_score = (
        context_score(text[max(0, start - len(prefix)) : start], prefix) if prefix else 1.0
    )
    suffix_score = context_score(text[end : end + len(suffix)], suffix) if suffix else 1.0
    position_score = 1.0
    if hint is not None and text:
        position_score = 1.0 - abs(start - hint) / len(text)
    total = (
        QUOTE_WEIGHT * quote_score
        + PREFIX_WEIGHT * prefix_score
        + SUFFIX_WEIGHT * suffix_score
        + POSITION_WEIGHT * position_score
    )
    return total / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)


def max_errors(quote_length: int) -> float:
    """Hypothesis' bound on a candidate's edit errors: ``min(256, len(quote) / 2)``."""
    return min(MAX_ERRORS_CAP, quote_length / 2)


def _regions(text: str, pattern: str, limit: float) -> list[tuple[int, int]]:
    """Where in ``text`` to search for ``pattern`` approximately: all of a short text; for a
    long one, around the windows rapidfuzz ranks closest."""
    n, m = len(text), len(pattern)
    if n <= FULL_SCAN_LIMIT or m >= n:
        return [(0, n)]
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    step = max(1, m // 4)
    starts = list(range(0, n - m + 1, step))
    if starts[-1] != n - m:
        starts.append(n - m)
    windows = [text[s : s + m] for s in starts]
    ranked = process.extract(pattern, windows, scorer=Levenshtein.distance, limit=10)
    margin = step + int(limit) + 1
    spans = sorted(
        (max(0, starts[i] - margin), min(n, starts[i] + m + margin)) for _, _, i in ranked
    )
    merged: list[tuple[int, int]] = []
    for low, high in spans:
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _start_of(text: str, pattern: str, end: int, errors: int) -> int:
    """The start of the longest ``text[start:end]`` that is ``errors`` edits from ``pattern``."""
    from rapidfuzz.distance import Levenshtein

    low = max(0, end - len(pattern) - errors)
    for start in range(low, end + 1):
        if Levenshtein.distance(pattern, text[start:end], score_cutoff=errors) <= errors:
            return start
    return max(0, end - len(pattern))  # pragma: no cover - the search guarantees a start


def approximate_candidates(text: str, pattern: str, limit: float) -> list[Candidate]:
    """Places in ``text`` within ``limit`` edits of ``pattern``: each local minimum of the errors
    by end position (a run of equal minima gives all of them), fewest errors first."""
    found: list[tuple[int, int]] = []
    for low, high in _regions(text, pattern, limit):
        errors = end_errors(text[low:high], pattern)
        count = len(errors)
        for j, value in enumerate(errors):
            if value > limit:
                continue
            if j > 0 and errors[j - 1] < value:
                continue
            # The end of a run of equal values must be followed by a rise (or the region's end).
            k = j
            while k + 1 < count and errors[k + 1] == value:
                k += 1
            if k + 1 < count and errors[k + 1] < value:
                continue
            found.append((value, low + j + 1))
    found.sort()
    candidates = []
    seen: set[tuple[int, int]] = set()
    for value, end in found[:CANDIDATE_LIMIT]:
        start = _start_of(text, pattern, end, value)
        if (start, end) not in seen:
            seen.add((start, end))
            candidates.append(Candidate(start, end, value))
    return candidates


# --- resolution ------------------------------------------------------------------------------


class Status(str, Enum):
    """How a quote was found in its source text."""

    EXACT = "exact"
    NORMALIZED = "normalized"
    FUZZY = "fuzzy"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not-found"


@dataclass(frozen=True)
class Resolution:
    """Where a quote is in its source text, and how it was found.

    ``start``/``end`` (offsets in the text) are set when the quote was placed (exact, normalized,
    fuzzy) and, for a quote not found, give the closest passage; ``places`` lists every place of
    an ambiguous quote; ``score`` is 1.0 for an exact or normalized match, else `score_match`.
    """

    status: Status
    source: SourceText
    quote: str
    start: int | None = None
    end: int | None = None
    score: float = 0.0
    places: tuple[tuple[int, int], ...] = ()
    via_anchor: bool = False
    chosen_by_context: bool = False

    @property
    def placed(self) -> bool:
        return self.status in (Status.EXACT, Status.NORMALIZED, Status.FUZZY)

    @property
    def passage(self) -> str:
        if self.start is None or self.end is None:
            return ""
        return self.source.text[self.start : self.end]

    @property
    def anchor(self) -> Anchor | None:
        """The anchor to record for a placed quote."""
        if not self.placed or self.start is None or self.end is None:
            return None
        return describe(self.source, self.start, self.end)

    def differences(self, limit: int = 3) -> list[str]:
        """What differs between the quote and the passage found, in words."""
        return describe_differences(self.passage, normalize(self.quote).strip(), limit)


def _occurrences(text: str, quote: str) -> list[int]:
    found = []
    position = text.find(quote)
    while position != -1:
        found.append(position)
        position = text.find(quote, position + 1)
    return found


def _context(anchor: Anchor | None) -> tuple[str, str, int | None]:
    if anchor is None:
        return "", "", None
    return anchor.prefix, anchor.suffix, anchor.start


def _pick(
    text: str, quote_length: int, spans: list[tuple[int, int]], anchor: Anchor | None
) -> tuple[tuple[int, int] | None, bool]:
    """One of several exact places, chosen by the anchor's context; None if it cannot choose."""
    if len(spans) == 1:
        return spans[0], False
    if anchor is None:
        return None, False
    prefix, suffix, hint = _context(anchor)
    scored = sorted(
        ((score_match(text, quote_length, s, e, 0, prefix, suffix, hint), s, e) for s, e in spans),
        key=lambda item: (-item[0], item[1]),
    )
    if scored[0][0] == scored[1][0]:
        return None, False
    return (scored[0][1], scored[0][2]), True


def resolve(source: SourceText, quote: str, anchor: Anchor | None = None) -> Resolution:
    """Find ``quote`` in ``source``, in the documented order (see the module docstring).

    >>> text = SourceText.from_string("It\\u2019s open. It is free. It is fast.")
    >>> r = resolve(text, "It's open.")
    >>> (r.status.value, r.start, r.end, r.passage)
    ('normalized', 0, 10, 'It’s open.')
    >>> resolve(text, "It is").places
    ((11, 16), (23, 28))
    >>> r = resolve(text, "It is fre.")
    >>> (r.status.value, r.passage, round(r.score, 3))
    ('fuzzy', 'It is free.', 0.946)
    """
    text = source.text
    wanted = normalize(quote).strip()
    # 1. The recorded anchor, if the text is the one it was made for and it holds the quote.
    if (
        anchor is not None
        and anchor.sha256 in (None, source.sha256)
        and 0 <= anchor.start <= anchor.end <= len(text)
        and text[anchor.start : anchor.end] == wanted
    ):
        return Resolution(
            Status.EXACT, source, quote, anchor.start, anchor.end, 1.0, via_anchor=True
        )
    # 2. The exact words.
    spans = [(s, s + len(wanted)) for s in _occurrences(text, wanted)] if wanted else []
    if spans:
        chosen, by_context = _pick(text, len(wanted), spans, anchor)
        if chosen is None:
            return Resolution(Status.AMBIGUOUS, source, quote, score=1.0, places=tuple(spans))
        return Resolution(Status.EXACT, source, quote, *chosen, 1.0, chosen_by_context=by_context)
    # 3. The words, ignoring whitespace and typography.
    folded = source.folded
    pattern = fold_quote(quote)
    if not pattern:
        return Resolution(Status.NOT_FOUND, source, quote)
    spans = [folded.span(s, s + len(pattern)) for s in _occurrences(folded.text, pattern)]
    if spans:
        chosen, by_context = _pick(text, len(wanted), spans, anchor)
        if chosen is None:
            return Resolution(Status.AMBIGUOUS, source, quote, score=1.0, places=tuple(spans))
        return Resolution(
            Status.NORMALIZED, source, quote, *chosen, 1.0, chosen_by_context=by_context
        )
    # 4. The best approximate match, scored as Hypothesis does.
    best = best_approximate(folded, pattern, anchor)
    if best is None:
        return Resolution(Status.NOT_FOUND, source, quote)
    start, end = folded.span(best.start, best.end)
    if best.score >= ACCEPT_SCORE:
        return Resolution(Status.FUZZY, source, quote, start, end, best.score)
    return Resolution(Status.NOT_FOUND, source, quote, *whole_words(text, start, end), best.score)


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``-``end`` without a word cut at either end, nor the space next to it.

    >>> text = "xt Tea drinkers lived long"
    >>> whole_words(text, 1, 24)
    (3, 21)
    """
    low, high = start, end
    if 0 < low < high and text[low - 1].isalnum() and text[low].isalnum():
        while low < high and text[low].isalnum():
            low += 1
    if low < high < len(text) and text[high - 1].isalnum() and text[high].isalnum():
        while high > low and text[high - 1].isalnum():
            high -= 1
    while low < high and text[low].isspace():
        low += 1
    while high > low and text[high - 1].isspace():
        high -= 1
    return (low, high) if low < high else (start, end)


def best_approximate(folded: Folded, pattern: str, anchor: Anchor | None) -> Candidate | None:
    """The best-scored approximate place of ``pattern`` in the folded text.

    Candidates within `max_errors` are scored; if there are none, the places with the fewest
    errors are (their scores fall below `ACCEPT_SCORE`), so a quote not found still gets its
    closest passage.
    """
    text = folded.text
    if not text:
        return None
    m = len(pattern)
    candidates = approximate_candidates(text, pattern, max_errors(m))
    if not candidates:
        candidates = approximate_candidates(text, pattern, m)
    if not candidates:  # pragma: no cover - with m errors allowed every end qualifies
        return None
    prefix, suffix, hint = _context(anchor)
    prefix, suffix = fold(prefix).text, fold(suffix).text
    hint = folded.index(hint) if hint is not None else None
    scored = [
        Candidate(
            c.start,
            c.end,
            c.errors,
            score_match(text, m, c.start, c.end, c.errors, prefix, suffix, hint),
        )
        for c in candidates
    ]
    from rapidfuzz.distance import Indel

    def cuts(c: Candidate) -> int:
        # How many of the passage's ends fall inside a word.
        return int(c.start > 0 and text[c.start - 1].isalnum() and text[c.start].isalnum()) + int(
            c.end < len(text) and text[c.end - 1].isalnum() and text[c.end].isalnum()
        )

    # Equal scores: the passage that cuts no word, then the one with the fewest insertions and
    # deletions (so "fre." finds "free." rather than "free"), then the earliest.
    scored.sort(
        key=lambda c: (-c.score, cuts(c), Indel.distance(pattern, text[c.start : c.end]), c.start)
    )
    return scored[0]


# --- describing differences ----------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def show(text: str, limit: int = 60) -> str:
    """``text`` in double quotes, whitespace other than a space escaped, shortened to ``limit``.

    >>> show("a\\u00a0b\\nc")
    '"a\\\\u00a0b\\\\nc"'
    """
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    escaped = []
    for char in text:
        if char == "\n":
            escaped.append("\\n")
        elif char == "\t":
            escaped.append("\\t")
        elif (char.isspace() and char != " ") or char in "\u00ad\u200b\u200c\u200d\u2060\ufeff":
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def describe_differences(source: str, quote: str, limit: int = 3) -> list[str]:
    """How ``source`` (the passage found) and ``quote`` differ, word by word, in words.

    >>> describe_differences("It\\u2019s completely free.", "It's totally free.")
    ['the source has "’" where the quote has "\\'"', 'the source has "completely" where the quote has "totally"']
    """
    ours, theirs = _TOKEN.findall(source), _TOKEN.findall(quote)
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    found: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        here, there = "".join(ours[i1:i2]), "".join(theirs[j1:j2])
        if tag == "replace":
            found.append(f"the source has {show(here)} where the quote has {show(there)}")
        elif tag == "delete":
            found.append(f"the source has {show(here)}, which the quote leaves out")
        else:
            found.append(f"the quote has {show(there)}, which the source does not")
    if len(found) > limit:
        rest = len(found) - limit
        found = [*found[:limit], f"and {rest} more difference{'s' if rest != 1 else ''}"]
    return found


# --- a whole map ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceProblem:
    """A source whose ``text:`` cannot be read: where it is named, and why.

    ``outside`` is the real path of a text refused because it lies outside the map directory
    (AM506), else None (AM501: it cannot be read).
    """

    span: Span
    path: str
    reason: str
    name: str | None = None
    outside: str | None = None


def outside_map(root: Path, relative: str) -> str | None:
    """The real path of the source text ``relative`` (as written in ``text:``) when it lies
    outside the map directory ``root`` once symlinks are followed, else None.

    >>> outside_map(Path("."), "sources/tea.txt") is None
    True
    >>> outside_map(Path("."), "/etc/hostname")
    '/etc/hostname'
    """
    base = os.path.realpath(root)
    real = os.path.realpath(os.path.join(base, relative))
    if real == base or real.startswith(base.rstrip(os.sep) + os.sep):
        return None
    return real


@dataclass(frozen=True)
class QuoteResult:
    """One record's quote, resolved against its source text."""

    record: Claim | Evidence
    resolution: Resolution

    @property
    def span(self) -> Span:
        return self.record.where.of("quote")

    @property
    def stale(self) -> str | None:
        """Why the record's recorded anchor no longer fits the text, if it does not."""
        anchor = self.record.anchor
        resolution = self.resolution
        if anchor is None or not resolution.placed:
            return None
        source = resolution.source
        if anchor.sha256 is not None and anchor.sha256 != source.sha256:
            return f"{source.display} has changed since it was written (its sha256 differs)"
        if (anchor.start, anchor.end) != (resolution.start, resolution.end):
            return (
                f"the text at {anchor.start}-{anchor.end} of {source.display} is not the quote "
                f"but {show(source.text[anchor.start : anchor.end], 40)}"
            )
        return None

    @property
    def needs_writing(self) -> bool:
        """Whether `argmap anchor --write` would change the record's anchor."""
        new = self.resolution.anchor
        return new is not None and new != self.record.anchor


@dataclass
class QuoteAnalysis:
    """Every quote of a map that cites a source text, resolved; and the unreadable texts."""

    results: list[QuoteResult] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)


def _display(root: Path, relative: str) -> str:
    if str(root) == ".":
        return Path(os.path.normpath(relative)).as_posix()
    return Path(os.path.normpath(root / relative)).as_posix()


def sources_with_text(amap: ArgumentMap) -> Iterator[tuple[Source, Span, str | None]]:
    """Every source that names a text, where its ``text:`` is written, and its name."""
    config = amap.config
    for name, source in config.sources.items():
        if source.text is not None:
            yield source, config.where.of("sources", name, "text"), name
    if isinstance(config.source, Source) and config.source.text is not None:
        yield config.source, config.where.of("source", "text"), None
    for record in amap.with_own_source:
        if isinstance(record.source, Source) and record.source.text is not None:
            yield record.source, record.where.of("source", "text"), record.id


def analyze_quotes(
    amap: ArgumentMap,
    only: Collection[str] | None = None,
    *,
    allow_outside_sources: bool | None = None,
) -> QuoteAnalysis:
    """Resolve every quote that cites a source text (each text read once); ``only``: these ids.

    A text that lies outside the map directory (an absolute path, ``../``, or a symlink leading
    out) is not read but listed as a problem with ``outside`` set, unless
    ``allow_outside_sources`` (default: `outside_sources_allowed`) says it may be: a map from
    elsewhere must not make argmap read, and quote back, any file its user can read.
    """
    root = amap.root if amap.root is not None else Path(".")
    allowed = outside_sources_allowed(allow_outside_sources)
    analysis = QuoteAnalysis()
    texts: dict[int, SourceText | None] = {}
    for source, span, name in sources_with_text(amap):
        assert source.text is not None
        display = _display(root, source.text)
        outside = None if allowed else outside_map(root, source.text)
        if outside is not None:
            texts[id(source)] = None
            if os.path.isabs(source.text):
                how = "it is an absolute path"
            elif os.path.normpath(source.text).split(os.sep)[0] == os.pardir:
                how = "it climbs out with ../"
            else:
                how = f"a symlink on the way leads to {outside}"
            analysis.problems.append(SourceProblem(span, display, how, name, outside))
            continue
        try:
            texts[id(source)] = read_source_text(root / source.text, display)
        except SourceTextError as error:
            texts[id(source)] = None
            analysis.problems.append(SourceProblem(span, display, str(error), name))
    if not any(text is not None for text in texts.values()):
        return analysis  # no text to find quotes in: no need to look at every record
    records: list[Claim | Evidence] = [*amap.claims.values(), *amap.evidence.values()]
    for record in records:
        if only is not None and record.id not in only:
            continue
        if not record.quote or not record.quote.strip():
            continue
        cited = amap.source_of(record)
        if cited is None or cited.text is None:
            continue
        text = texts.get(id(cited))
        if text is None:
            continue
        analysis.results.append(QuoteResult(record, resolve(text, record.quote, record.anchor)))
    return analysis


def places(spans: Collection[tuple[int, int]]) -> str:
    """``10-15, 40-45 and 90-95``."""
    shown = [f"{s}-{e}" for s, e in spans]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def summarize(result: QuoteResult) -> str:
    """One line on how a quote was resolved: ``exact at 4-7``, ``fuzzy 0.91 at ...``."""
    r = result.resolution
    where = f"at {r.start}-{r.end}"
    if r.status is Status.EXACT:
        how = "the recorded anchor" if r.via_anchor else None
        if r.chosen_by_context:
            how = "chosen by the recorded anchor's context"
        line = f"exact {where}" + (f" ({how})" if how else "")
    elif r.status is Status.NORMALIZED:
        line = f"normalized {where}: " + "; ".join(r.differences())
    elif r.status is Status.FUZZY:
        line = f"fuzzy {r.score:.2f} {where}: " + "; ".join(r.differences())
    elif r.status is Status.AMBIGUOUS:
        line = f"ambiguous: {len(r.places)} places: {places(r.places)}"
    elif r.start is not None:
        line = f"not found (closest: {r.score:.2f} {where}: {show(r.passage)})"
    else:
        line = "not found"
    stale = result.stale
    if stale is not None:
        anchor = result.record.anchor
        assert anchor is not None
        line += f"; anchor stale (was {anchor.start}-{anchor.end}: {stale})"
    return line


def result_dict(result: QuoteResult) -> dict[str, Any]:
    """One resolved quote as plain data (``argmap anchor --format json``)."""
    r = result.resolution
    anchor = r.anchor
    span = result.span
    return {
        "id": result.record.id,
        "path": span.path,
        "line": span.line,
        "column": span.column,
        "source": r.source.display,
        "status": r.status.value,
        "score": round(r.score, 4),
        "start": r.start,
        "end": r.end,
        "exact": r.passage if r.start is not None else None,
        "prefix": anchor.prefix if anchor else None,
        "suffix": anchor.suffix if anchor else None,
        "sha256": r.source.sha256,
        "places": [list(p) for p in r.places],
        "differences": r.differences() if r.status in (Status.NORMALIZED, Status.FUZZY) else [],
        "stale": result.stale,
    }
