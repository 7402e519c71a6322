from __future__ import annotations

from argmap.span import Span


def record(record_id: str, successor: str | None) -> str:
    link = f", superseded_by: {successor}" if successor else ""
    return (
        f"- {{id: {record_id}, kind: statistic, summary: S., reliability: B, credibility: 2"
        f"{link}}}\n"
    )


def test_a_circle_is_reported_once_at_its_first_link_with_the_others_related(lint):
    files = {
        "evidence/e.yaml": record("a", "b") + record("b", "c") + record("c", "a"),
        "evidence/f.yaml": record("x", "a"),  # leads into the circle, is not part of it
    }
    assert lint(files, "AM603") == [("evidence/e.yaml", 1, 88, "AM603", "a")]
    [finding] = lint.findings(files, "AM603")
    assert finding.message == (
        "superseded_by goes round in a circle: a -> b -> c -> a; expected each chain to end at "
        "the newest record (remove the link on that one)"
    )
    assert finding.related == (Span("evidence/e.yaml", 2, 88), Span("evidence/e.yaml", 3, 88))
    assert (finding.name, finding.severity) == ("superseding-cycle", "error")


def test_two_circles_are_two_findings(lint):
    files = {
        "evidence/e.yaml": record("a", "b") + record("b", "a") + record("c", "d") + record("d", "c")
    }
    assert [row[4] for row in lint(files, "AM603")] == ["a", "c"]


def test_a_chain_that_ends_passes_and_a_self_link_is_left_to_am602(lint):
    files = {"evidence/e.yaml": record("a", "b") + record("b", "c") + record("c", "c")}
    assert lint(files, "AM603") == []
