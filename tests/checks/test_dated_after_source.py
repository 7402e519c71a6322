from __future__ import annotations

import pytest


def evidence(as_of: str, source_date: str | None) -> str:
    source = f"{{title: Notes, date: {source_date}}}" if source_date else "{title: Notes}"
    return (
        "id: e1\nkind: event\nsummary: S.\nreliability: B\ncredibility: 2\n"
        f"as_of: {as_of}\nsource: {source}\n"
    )


def test_as_of_after_the_source_date_is_reported_at_the_as_of(lint):
    files = {"evidence/e.yaml": evidence("2025-08-05", "2025-07")}
    assert lint(files, "AM604") == [("evidence/e.yaml", 6, 8, "AM604", "e1")]
    [finding] = lint.findings(files, "AM604")
    assert finding.message == (
        "evidence 'e1' is dated 2025-08-05 (as_of), after its source's date 2025-07; expected "
        "as_of on or before 2025-07, or the later source that reports it"
    )
    assert (finding.name, finding.severity) == ("dated-after-source", "warning")


@pytest.mark.parametrize(
    ("as_of", "source_date"),
    [
        pytest.param("2025-07-11", "2025-07", id="inside-the-month"),
        pytest.param("2025", "2025-07-15", id="a-year-that-overlaps"),
        pytest.param("2021-10-16", "2021-10-18", id="before"),
        pytest.param("2030", None, id="undated-source"),
        pytest.param("soon", "2025", id="bad-date-left-to-am601"),
    ],
)
def test_as_of_on_or_before_the_source_or_not_comparable_passes(lint, as_of, source_date):
    assert lint({"evidence/e.yaml": evidence(as_of, source_date)}, "AM604") == []


def test_the_source_can_be_argmap_yamls_default(lint):
    files = {
        "argmap.yaml": "source: {title: Article, date: 2025-07}\n",
        "evidence/e.yaml": "id: e1\nkind: event\nsummary: S.\nreliability: B\ncredibility: 2\n"
        "as_of: 2026\n",
    }
    assert lint(files, "AM604") == [("evidence/e.yaml", 6, 8, "AM604", "e1")]
