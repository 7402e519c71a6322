"""The check registry and the runner that stamps each check's identity onto its findings.

Codes come in families: AM0xx loading (see `argmap.load`), AM1xx structure, AM2xx support
chains, AM3xx evidence, AM4xx quoting, AM5xx quote anchoring, AM6xx time (dates, superseding),
AM7xx competing hypotheses, AM8xx verdicts and expectations. ``--select AM2`` and ``--ignore
AM104`` match by prefix.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence

from argmap.argument_map import ArgumentMap
from argmap.checks import (
    bad_date,
    bad_successor,
    circular_support,
    contested_claim,
    dated_after_source,
    disconnected_claim,
    evidence_without_source,
    expectation_failed,
    incomplete_rating,
    invalid_hypothesis_list,
    missing_quote,
    non_diagnostic_evidence,
    orphan_evidence,
    quote_ambiguous,
    quote_inexact,
    quote_not_found,
    quote_source_missing,
    quote_stale_anchor,
    rests_on_assumption,
    self_support,
    source_outside_map,
    superseded_still_cited,
    superseding_cycle,
    unconfirmed_credibility,
    undated_evidence,
    ungrounded_support,
    unknown_hypothesis,
    unknown_reference,
    unrated_hypothesis,
    unsupported_claim,
    weak_only_support,
)
from argmap.checks._base import Check, CheckContext, Problem
from argmap.errors import ArgmapError
from argmap.findings import Finding, sorted_findings
from argmap.span import Severity

CHECKS: dict[str, Check] = {
    module.CODE: module
    for module in (
        unknown_reference,
        self_support,
        circular_support,
        disconnected_claim,
        unsupported_claim,
        ungrounded_support,
        rests_on_assumption,
        weak_only_support,
        contested_claim,
        orphan_evidence,
        evidence_without_source,
        unconfirmed_credibility,
        missing_quote,
        quote_source_missing,
        quote_not_found,
        quote_inexact,
        quote_ambiguous,
        quote_stale_anchor,
        source_outside_map,
        bad_date,
        bad_successor,
        superseding_cycle,
        dated_after_source,
        undated_evidence,
        superseded_still_cited,
        unknown_hypothesis,
        invalid_hypothesis_list,
        unrated_hypothesis,
        non_diagnostic_evidence,
        incomplete_rating,
        expectation_failed,
    )
}

__all__ = ["CHECKS", "Check", "CheckContext", "Problem", "check", "get"]


def get(code_or_name: str) -> Check:
    """The check with this code (``AM201``) or name (``unsupported-claim``)."""
    for check_module in CHECKS.values():
        if code_or_name in (check_module.CODE, check_module.NAME):
            return check_module
    raise ArgmapError(f"no such check: {code_or_name!r}; {_expected(code_or_name)}")


def _expected(code_or_name: str) -> str:
    from argmap.load import LOAD_ERRORS

    if code_or_name in LOAD_ERRORS or code_or_name in {n for n, _ in LOAD_ERRORS.values()}:
        return "load errors (AM0xx) cannot be configured: a map that does not load is not checked"
    known = [*CHECKS, *(c.NAME for c in CHECKS.values())]
    close = difflib.get_close_matches(code_or_name, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return "expected a code such as AM201 or a name such as unsupported-claim (see `argmap checks`)"


def _matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


def _enabled(names: Sequence[str], select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether a check named ``names`` (its code and name) passes ``select`` and ``ignore``."""
    if select and not any(_matches(n, select) for n in names):
        return False
    return not (ignore and any(_matches(n, ignore) for n in names))


def configured_severities(amap: ArgumentMap) -> dict[str, Severity | None]:
    """Each check's severity after argmap.yaml's ``checks:`` settings (None: turned off)."""
    severities: dict[str, Severity | None] = {code: c.SEVERITY for code, c in CHECKS.items()}
    for key, setting in amap.config.checks.items():
        try:
            target = get(key)
        except ArgmapError as error:
            where = amap.config.where.of("checks", key)
            raise ArgmapError(f"{where}: in `checks:`, {error}") from None
        severities[target.CODE] = None if setting == "off" else setting
    return severities


def check(
    amap: ArgumentMap,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    progress: Callable[[int], None] | None = None,
    allow_outside_sources: bool | None = None,
) -> list[Finding]:
    """Run every enabled check on ``amap``; findings sorted by position.

    ``select`` and ``ignore`` are code prefixes (``AM2``, ``AM104``) or check names.
    ``progress``, if given, is called with the number of checks about to run, then with 1 after
    each of them (the CLI draws a bar with it; the library never prints).
    ``allow_outside_sources``: read source texts outside the map directory (AM506 otherwise;
    default: `argmap.anchoring.outside_sources_allowed`, which is False unless set).

    >>> from argmap.model import Claim
    >>> [f.code for f in check(ArgumentMap(claims=[Claim(id="t", kind="thesis", text="T.")]))]
    ['AM201', 'AM401']
    """
    severities = configured_severities(amap)
    context = CheckContext(amap, allow_outside_sources)
    findings: list[Finding] = []
    enabled: list[tuple[str, Check, Severity]] = []
    for code, check_module in CHECKS.items():
        severity = severities[code]
        if severity is not None and _enabled((code, check_module.NAME), select, ignore):
            enabled.append((code, check_module, severity))
    if progress is not None:
        progress(len(enabled))
    for code, check_module, severity in enabled:
        for problem in check_module.check(context):
            findings.append(
                Finding(
                    code=code,
                    name=check_module.NAME,
                    severity=severity,
                    span=problem.span,
                    message=problem.message,
                    subject=problem.subject,
                    related=problem.related,
                )
            )
        if progress is not None:
            progress(1)
    return sorted_findings(findings)
