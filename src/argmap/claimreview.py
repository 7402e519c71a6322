"""schema.org ClaimReview JSON-LD: one fact-check review per claim of the map (docs/semantics.md).

Each claim the source makes (every claim but the map maker's assumptions) becomes one
ClaimReview (SEMANTICS.md §2.1):

* ``claimReviewed``: the claim's text, shortened at a word to fewer than 75 characters; never the
  verdict;
* ``itemReviewed``: a ``Claim`` with the claim's quote (or text), its source's author (a
  ``Person``; a ``Organization`` when only a publisher is known), the source's date, and an
  ``appearance``: the source as a ``CreativeWork``, with its URL when the map knows it;
* ``reviewRating``: a ``Rating`` whose ``alternateName`` is the verdict word, ``ratingValue``
  on argmap's documented 1-5 scale (`SCALE`), ``bestRating`` 5, ``worstRating`` 1 and ``name``
  spelling the scale out;
* ``author``: the reviewer (an ``Organization``, "argmap" unless told otherwise);
  ``datePublished``: the review's date (today unless told); ``url``: the page of the full review,
  when given, with ``#claim-id`` appended;
* ``reviewBody``: the verdict rule in one sentence.

The file is a JSON array of these objects, each with its own ``@context``, so any one of them
can be pasted into a page's ``<script type="application/ld+json">`` as it is.

>>> from argmap.model import Claim, Evidence
>>> amap = ArgumentMap(
...     claims=[Claim(id="tea", text="Tea is healthy.", supported_by=["trial"])],
...     evidence=[Evidence(id="trial", kind="statistic", summary="A trial found so.",
...                        reliability="B", credibility=2)])
>>> [review] = claim_reviews(amap, date="2025-08-01")
>>> review["claimReviewed"], review["reviewRating"]["alternateName"], review["reviewRating"]["ratingValue"]
('Tea is healthy.', 'supported', 5)
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from argmap.argument_map import ArgumentMap
from argmap.model import Claim, ClaimKind, Source
from argmap.output import printable
from argmap.semantics.carneades import num
from argmap.semantics.verdicts import Evaluation, VerdictWord, evaluate

SUMMARY_LIMIT = 75
"""Google's advice: ``claimReviewed`` ideally under 75 characters."""

SCALE = {
    1: "refuted",
    2: "unsupported",
    3: "contested or assumed",
    4: "weakly supported",
    5: "supported",
}
"""argmap's 1-5 rating scale: how well the map backs the claim (`argmap.semantics.verdicts.RATING`)."""

SCALE_NAME = "argmap verdict scale: " + ", ".join(f"{n} {words}" for n, words in SCALE.items())


def summary(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """``text`` on one line, shortened at a word boundary to fewer than ``limit`` characters.

    >>> summary("Open-source AI speeds up Chinese AI companies' path to commercialization.")
    "Open-source AI speeds up Chinese AI companies' path to commercialization."
    >>> summary("China's open-sourcing of cutting-edge AI models is a deliberate strategic play.")
    "China's open-sourcing of cutting-edge AI models is a deliberate strategic…"
    """
    flat = " ".join(printable(text).split())
    if len(flat) < limit:
        return flat
    room = limit - 2  # with the ellipsis, one character under the limit
    cut = flat[:room]
    if flat[room] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


def _party(source: Source) -> dict[str, str] | None:
    if source.author:
        return {"@type": "Person", "name": source.author}
    if source.publisher:
        return {"@type": "Organization", "name": source.publisher}
    return None


def _item(amap: ArgumentMap, claim: Claim) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim", "text": " ".join((claim.quote or claim.text).split())}
    source = amap.source_of(claim)
    if source is None:
        return item
    author = _party(source)
    if author is not None:
        item["author"] = author
    if source.date:
        item["datePublished"] = source.date
    appearance: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
    if source.url:
        appearance["url"] = source.url
    if source.publisher:
        appearance["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.date:
        appearance["datePublished"] = source.date
    item["appearance"] = appearance
    return item


def claim_reviews(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    *,
    reviewer: str = "argmap",
    date: str | None = None,
    url: str | None = None,
) -> list[dict[str, Any]]:
    """One ClaimReview (as JSON-ready data) per claim of ``amap``, in file order.

    ``date`` is the review's ISO date (default: today); ``url`` the page of the full review.
    """
    evaluation = evaluation or evaluate(amap)
    published = date or datetime.date.today().isoformat()
    reviews: list[dict[str, Any]] = []
    for claim in amap.claims.values():
        if claim.kind is ClaimKind.ASSUMPTION:
            continue
        verdict = evaluation[claim.id]
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": summary(claim.text),
            "itemReviewed": _item(amap, claim),
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": verdict.rating,
                "bestRating": 5,
                "worstRating": 1,
                "alternateName": verdict.verdict.value,
                "name": SCALE_NAME,
            },
            "author": {"@type": "Organization", "name": reviewer},
            "datePublished": published,
            "reviewBody": _body(verdict.verdict, verdict.rule, verdict.strength),
        }
        if url:
            review["url"] = f"{url}#{claim.id}"
        reviews.append(review)
    return reviews


def _body(word: VerdictWord, rule: str, strength: float) -> str:
    return f"{word.value.capitalize()}: {rule} (argmap strength {num(strength)} of 1)."


def claim_reviews_json(
    amap: ArgumentMap,
    evaluation: Evaluation | None = None,
    *,
    reviewer: str = "argmap",
    date: str | None = None,
    url: str | None = None,
) -> str:
    """`claim_reviews` as a JSON-LD document: an array, two-space indented, UTF-8 text."""
    reviews = claim_reviews(amap, evaluation, reviewer=reviewer, date=date, url=url)
    return json.dumps(reviews, indent=2, ensure_ascii=False) + "\n"
