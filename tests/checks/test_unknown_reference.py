from __future__ import annotations

import pytest

E1 = "- {id: study-2020, kind: statistic, summary: S., reliability: B, credibility: 2}\n"


def test_unknown_premise_is_reported_at_the_name_with_the_closest_id(lint):
    files = {
        "claims/c.yaml": """
        id: c1
        text: Tea is healthy.
        supported_by: [study-2021]
        """,
        "evidence/e.yaml": E1,
    }
    assert lint(files, "AM101") == [("claims/c.yaml", 4, 16, "AM101", "c1")]
    [finding] = lint.findings(files, "AM101")
    assert finding.message == (
        "no claim or evidence record has the id 'study-2021'; did you mean 'study-2020'?"
    )
    assert (finding.name, finding.severity) == ("unknown-reference", "error")


def test_the_map_passes_when_every_reference_exists(lint):
    files = {
        "claims/c.yaml": """
        id: c1
        text: Tea is healthy.
        supported_by: [study-2020]
        attacked_by:
          - premises: [c2]
            undercut_by: [study-2020]
        ---
        id: c2
        text: Tea stains teeth.
        """,
        "evidence/e.yaml": E1,
    }
    assert lint(files, "AM101") == []


@pytest.mark.parametrize(
    ("claim", "position"),
    [
        pytest.param("supported_by: [nope]", (3, 16), id="bare-support"),
        pytest.param("supported_by: nope", (3, 15), id="scalar-support"),
        pytest.param("attacked_by: [nope]", (3, 15), id="bare-attack"),
        pytest.param("supported_by:\n  - premises: [c1, nope]", (4, 20), id="linked-premise"),
        pytest.param("attacked_by:\n  - premises: [nope, c1]", (4, 16), id="linked-attack"),
        pytest.param(
            "supported_by:\n  - premises: [c1]\n    undercut_by: [nope]", (5, 19), id="undercut-by"
        ),
        pytest.param(
            "attacked_by:\n  - premises: [c1]\n    undercut_by: [c1, nope]",
            (5, 23),
            id="undercut-of-attack",
        ),
    ],
)
def test_every_kind_of_reference_is_checked(lint, claim, position):
    text = "id: c0\ntext: Zero.\n" + claim + "\n---\nid: c1\ntext: One.\n"
    assert lint({"claims/c.yaml": text}, "AM101") == [("claims/c.yaml", *position, "AM101", "c0")]


def test_no_suggestion_when_no_id_is_close(lint):
    files = {"claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [zzzzzzzz]\n", "evidence/e.yaml": E1}
    [finding] = lint.findings(files, "AM101")
    assert finding.message == (
        "no claim or evidence record has the id 'zzzzzzzz'; "
        "expected the id of a claim or evidence record"
    )


def test_a_named_reason_is_not_a_record(lint):
    files = {
        "claims/c.yaml": """
        - id: c1
          text: One.
          supported_by:
            - id: via-study
              premises: [study-2020]
        - id: c2
          text: Two.
          supported_by: [via-study]
        """,
        "evidence/e.yaml": E1,
    }
    [finding] = lint.findings(files, "AM101")
    assert (finding.span.line, finding.span.column, finding.subject) == (9, 18, "c2")
    assert "'via-study' names a reason, not a claim or evidence record" in finding.message


def test_every_unknown_id_is_reported_once(lint):
    files = {
        "claims/c.yaml": """
        id: c1
        text: T.
        supported_by: [a, b]
        attacked_by: [a]
        """,
    }
    assert lint(files, "AM101") == [
        ("claims/c.yaml", 4, 16, "AM101", "c1"),
        ("claims/c.yaml", 4, 19, "AM101", "c1"),
        ("claims/c.yaml", 5, 15, "AM101", "c1"),
    ]


SOURCES = """
sources:
  survey: {title: Developer Survey}
  hub: {title: Model Hub}
"""


def test_unknown_source_name_on_a_record(lint):
    files = {
        "argmap.yaml": SOURCES,
        "evidence/e.yaml": """
        id: e1
        kind: statistic
        summary: S.
        reliability: B
        credibility: 2
        source: servey
        """,
    }
    assert lint(files, "AM101") == [("evidence/e.yaml", 7, 9, "AM101", "e1")]
    [finding] = lint.findings(files, "AM101")
    assert finding.message == "unknown source 'servey'; did you mean 'survey'?"


def test_unknown_source_name_lists_the_sources_when_none_is_close(lint):
    files = {"argmap.yaml": SOURCES, "claims/c.yaml": "id: c1\ntext: T.\nsource: paper\n"}
    [finding] = lint.findings(files, "AM101")
    assert (finding.span.line, finding.span.column, finding.subject) == (3, 9, "c1")
    assert (
        finding.message
        == "unknown source 'paper'; expected one of argmap.yaml's sources (hub, survey)"
    )


def test_unknown_source_name_without_any_sources(lint):
    [finding] = lint.findings({"claims/c.yaml": "id: c1\ntext: T.\nsource: paper\n"}, "AM101")
    assert finding.message == (
        "unknown source 'paper'; argmap.yaml defines no `sources:`; "
        "add it, or write the source out in full"
    )


def test_unknown_default_source_in_argmap_yaml(lint):
    files = {
        "argmap.yaml": "source: artcle\n" + SOURCES.replace("hub", "article"),
        "claims/c.yaml": "id: c1\ntext: T.\n",
    }
    assert lint(files, "AM101") == [("argmap.yaml", 1, 9, "AM101", None)]
    assert lint.findings(files, "AM101")[0].message == (
        "unknown source 'artcle'; did you mean 'article'?"
    )


def test_known_source_names_pass(lint):
    files = {
        "argmap.yaml": "source: hub\n" + SOURCES,
        "claims/c.yaml": "id: c1\ntext: T.\nsource: survey\n",
    }
    assert lint(files, "AM101") == []
