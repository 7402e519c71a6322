from __future__ import annotations

import pytest

RECORD = "id: e1\nkind: statistic\nsummary: S.\nreliability: C\ncredibility: 3\n"
USE = {"claims/c.yaml": "id: c1\ntext: T.\nsupported_by: [e1]\n"}


def test_evidence_with_no_source_anywhere(lint):
    files = {**USE, "evidence/e.yaml": RECORD}
    assert lint(files, "AM302") == [("evidence/e.yaml", 1, 1, "AM302", "e1")]
    [finding] = lint.findings(files, "AM302")
    assert finding.message == (
        "evidence 'e1' has no source; expected `source:` with at least a title "
        "(or a default `source:` in argmap.yaml)"
    )
    assert (finding.name, finding.severity) == ("evidence-without-source", "warning")


@pytest.mark.parametrize(
    ("config", "source"),
    [
        pytest.param("", "source: {title: Developer Survey}", id="own-source"),
        pytest.param(
            "sources: {survey: {title: Developer Survey}}", "source: survey", id="named-source"
        ),
        pytest.param("source: {title: The article}", "", id="map-default-source"),
        pytest.param(
            "source: article\nsources: {article: {title: The article}}",
            "",
            id="map-default-named-source",
        ),
    ],
)
def test_a_source_from_the_record_or_the_map(lint, config, source):
    files = {**USE, "argmap.yaml": config + "\n", "evidence/e.yaml": RECORD + source + "\n"}
    assert lint(files, "AM302") == []


@pytest.mark.parametrize(
    ("config", "source"),
    [
        pytest.param("", "source: survey", id="record-names-an-unknown-source"),
        pytest.param("source: article", "", id="map-default-names-an-unknown-source"),
    ],
)
def test_an_unknown_source_name_is_left_to_unknown_reference(lint, config, source):
    files = {**USE, "argmap.yaml": config + "\n", "evidence/e.yaml": RECORD + source + "\n"}
    assert [f.code for f in lint.findings(files, "AM101", "AM302")] == ["AM101"]
