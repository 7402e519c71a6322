from __future__ import annotations

import pytest

CLAIM = "id: c1\ntext: T.\nquote: Tea is healthy.\n"


def test_a_missing_text_file(lint):
    files = {
        "argmap.yaml": "source:\n  title: Tea\n  text: sources/tea.txt\n",
        "claims/c.yaml": CLAIM,
    }
    assert lint(files, "AM501") == [("argmap.yaml", 3, 9, "AM501", None)]
    [finding] = lint.findings(files, "AM501")
    assert finding.message == (
        "source text sources/tea.txt cannot be read: no such file; expected a UTF-8 text file "
        "at that path, relative to the map's directory"
    )
    assert (finding.name, finding.severity) == ("quote-source-missing", "error")


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({"sources/tea.txt/x": b"a directory"}, "it is a directory"),
        ({"sources/tea.txt": b"caf\xe9"}, "byte 0xe9 on line 1 is not valid UTF-8"),
    ],
)
def test_what_is_wrong_with_the_file(lint, files, reason):
    files = {"argmap.yaml": "source: {title: Tea, text: sources/tea.txt}\n", **files}
    [finding] = lint.findings({**files, "claims/c.yaml": CLAIM}, "AM501")
    assert f"cannot be read: {reason}" in finding.message


def test_each_source_is_reported_once_where_its_text_is_named(lint):
    files = {
        "argmap.yaml": "sources:\n  tea: {title: Tea, text: gone.txt}\n",
        "claims/c.yaml": """\
            - {id: c1, text: T., quote: Q., source: tea}
            - {id: c2, text: T., quote: Q., source: tea}
            - {id: c3, text: T., quote: Q., source: {title: Own, text: own.txt}}
            """,
    }
    assert lint(files, "AM501") == [
        ("argmap.yaml", 2, 27, "AM501", "tea"),
        ("claims/c.yaml", 3, 60, "AM501", "c3"),
    ]


def test_a_readable_text_and_sources_without_text_pass(lint):
    files = {
        "argmap.yaml": "sources:\n  tea: {title: Tea, text: tea.txt}\n  other: {title: Other}\n",
        "tea.txt": b"Tea is healthy.",
        "claims/c.yaml": "- {id: c1, text: T., quote: Q., source: other}\n",
    }
    assert lint(files, "AM501") == []
