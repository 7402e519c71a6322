"""argmap's C reader (src/argmap/_fastyaml.c) gives exactly what the Python reader gives.

`argmap.yamlread.parse_yaml` reads a file with the C reader first and falls back to the Python
reader wherever the C reader gives up. The property: on any text, both paths give the same data
(types included), the same positions of every value and key, the same texts of non-text plain
scalars, the same records and values outside them, or the same problem (code, position, message,
and the problems found before it).
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import yamlread
from argmap.limits import Limits
from argmap.yamlread import SharedTexts, YamlDocuments, YamlProblem, parse_yaml

pytestmark = pytest.mark.skipif(
    yamlread._fastyaml is None,
    reason="argmap's C reader (argmap._fastyaml) was not built: no C compiler or libyaml headers",
)

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))


@contextmanager
def python_reader() -> Iterator[None]:
    before = os.environ.get(yamlread.READER_VARIABLE)
    os.environ[yamlread.READER_VARIABLE] = "python"
    try:
        yield
    finally:
        if before is None:
            del os.environ[yamlread.READER_VARIABLE]
        else:
            os.environ[yamlread.READER_VARIABLE] = before


def outcome(text: str, limits: Limits | None = None, shared: bool = False) -> Any:
    """Everything `parse_yaml` gives for ``text``, in a form that compares types too."""
    fields = SharedTexts(["tags", "kind"]) if shared else None
    try:
        result = parse_yaml(text, "m.yaml", limits, fields)
    except YamlProblem as problem:
        return ("problem", _problem(problem), [_problem(p) for p in problem.earlier])
    return ("documents", *describe(result))


def _problem(problem: YamlProblem) -> tuple[Any, ...]:
    return (problem.code, problem.span, problem.message)


def describe(result: YamlDocuments) -> tuple[Any, ...]:
    table = result.table
    return (
        repr(result.documents),  # repr tells True from 1 and 1.0, and nan from nan
        sorted(result.positions.items(), key=repr),
        sorted(result.key_positions.items(), key=repr),
        sorted(result.scalar_text.items(), key=repr),
        [_problem(p) for p in result.problems],
        table.path,
        table.paths,
        table.lines.typecode,
        list(table.lines),
        list(table.columns),
        list(result.key_lines),
        list(result.key_columns),
        sorted(result.texts.items()),
        sorted(result.outside.items(), key=repr),
        sorted(result.records.items(), key=repr),
    )


def both(text: str, limits: Limits | None = None, shared: bool = False) -> tuple[Any, Any]:
    fast = outcome(text, limits, shared)
    with python_reader():
        slow = outcome(text, limits, shared)
    return fast, slow


def used_c_reader(text: str) -> bool:
    """Whether the C reader read ``text`` itself (rather than giving it to the Python reader)."""
    return yamlread._read_common(text, "m.yaml", Limits(), None) is not None


SAMPLE = """\
# claims about tea
- id: c1
  text: "Tea is healthy: it \\"helps\\"."
  tags: [health, tea]
  supported_by:
    - e1
    - premises: [e2, c2]
      undercut_by: [c3]
- id: c2
  text: >
    Folded text
    over lines.
  date: 2012-01
  n: 3
  rate: 0.5
  ok: yes
  empty:
  nothing: null
  old: 0o17
  octal: 017
  time: 1:20
  big: 123456789012345678901234567890
  inf: .inf
  '1': one
  nested: {a: [1, {b: c}], d: ~}
---
id: c4
text: |
  Literal
  text.
---
plain text document
---
- [a, b]
- - c
"""


def test_the_c_reader_reads_a_whole_sample_as_the_python_reader() -> None:
    assert used_c_reader(SAMPLE)
    fast, slow = both(SAMPLE)
    assert fast == slow
    assert fast[0] == "documents"


def test_shared_texts_are_the_same_values() -> None:
    text = "- {id: a, tags: [x, y], kind: k}\n- {id: b, tags: [x], kind: k}\n"
    fast, slow = both(text, shared=True)
    assert fast == slow
    result = parse_yaml(text, "m.yaml", None, SharedTexts(["tags", "kind"]))
    first, second = result.documents[0]
    assert first["tags"][0] is second["tags"][0]
    assert first["kind"] is second["kind"]


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchor and alias
        "a: !!str 1\n",  # a tag
        "a: !custom 1\n",  # a tag that is refused
        "base: &b {x: 1}\nc:\n  <<: *b\n",  # a merge key
        "a: 1\na: 2\n",  # a duplicate key
        "? [a]\n: 1\n",  # a list as a key
        "a: [1, 2\n",  # a syntax error
        "a:\n\t- 1\n",  # a tab
        "- a\n" * 3,  # more records than the limit below
        "a: " + "x" * 50 + "\n",  # a longer value than the limit below
        "a: " + "[" * 70 + "]" * 70 + "\n",  # deeper than the limit
        # characters argmap does not allow: libyaml refuses all but NEL, LS and PS itself
        "a: b\x85c\n",
        "a: b\u2028c\n",
        "a: b\u2029c\n",
        "a: \x01\n",
        "a: \x7f\n",
        "a: \x9f\n",
        "a: \ufffe\n",
        "a: \ud800\n",
        "a: b\x00\n",
        "# \x0b\na: b\n",
    ],
)
def test_the_c_reader_gives_up_where_the_python_reader_judges(text: str) -> None:
    limits = Limits(records_per_file=2, string_length=40)
    assert yamlread._read_common(text, "m.yaml", limits, None) is None
    fast, slow = both(text, limits)
    assert fast == slow


def test_a_large_file_keeps_wide_positions() -> None:
    text = "".join(f"- id: c{index}\n  text: t\n" for index in range(8000))
    assert len(text) > 0xFFFF
    fast, slow = both(text)
    assert fast == slow
    assert parse_yaml(text, "m.yaml").table.lines.typecode == "I"


def test_short_words_is_the_longest_word_yaml_reads_as_other_than_text() -> None:
    # The C reader asks Python for a plain scalar that starts with a letter only when it is at
    # most SHORT_WORDS long: true of PyYAML's resolvers for letters, which list whole words.
    longest = 0
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
        if not first.isalpha():
            continue
        for _, regexp in resolvers:
            body = re.sub(r"\s", "", regexp.pattern)
            match = re.fullmatch(r"\^\(\?:(.*)\)\$", body)
            assert match is not None, regexp.pattern
            for word in match.group(1).split("|"):
                assert re.fullmatch(r"[A-Za-z]*|~", word), word
                longest = max(longest, len(word))
    assert longest == yamlread.SHORT_WORDS


SCALARS = st.one_of(
    st.text(alphabet=string.printable + "éß中\u200d\u0301", max_size=12),
    st.sampled_from(
        [
            "yes",
            "No",
            "on",
            "OFF",
            "null",
            "~",
            "",
            "1_000",
            "0x1F",
            "017",
            "0o17",
            "1:20",
            "-1",
            "+.5",
            ".nan",
            "-.inf",
            "2012-01-02",
            "2012-01-02 10:00:00",
            "<<",
            "=",
            "1e3",
            "3.",
            "-",
            "#",
            ": x",
            "a: b",
            "'q'",
            '"q"',
            "- x",
            "[x]",
            "{x}",
            "&a",
            "*a",
            "!t",
            "|",
            ">",
        ]
    ),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
)

TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.text(alphabet=string.ascii_letters + "_- 1", max_size=6), children, max_size=4
        ),
    ),
    max_leaves=20,
)

NOISE = st.sampled_from(
    [*":-&*!|>[]{},#'\"?%@` \n\t\r\x85\u2028\x00\x7f\ufeff\ud800", "<<: ", "---\n", "  ", "- "]
)


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    """A YAML text as people and tools write them, sometimes damaged a little."""
    documents = draw(st.lists(TREES, min_size=1, max_size=3))
    text = yaml.safe_dump_all(
        documents,
        default_flow_style=draw(st.sampled_from([False, True, None])),
        allow_unicode=draw(st.booleans()),
        indent=draw(st.sampled_from([2, 4])),
        width=draw(st.sampled_from([20, 80, 1000])),
        explicit_start=draw(st.booleans()),
        default_style=draw(st.sampled_from([None, None, "'", '"', "|"])),
        sort_keys=False,
    )
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:where] + draw(NOISE) + text[where:]
        else:
            text = text[:where] + text[where + draw(st.integers(1, 4)) :]
    return text


@SETTINGS
@given(yaml_texts())
def test_both_readers_give_the_same_on_any_text(text: str) -> None:
    fast, slow = both(text, shared=True)
    assert fast == slow


@SETTINGS
@given(yaml_texts(), st.integers(1, 8), st.integers(1, 30), st.integers(1, 40))
def test_both_readers_give_the_same_under_any_limits(
    text: str, depth: int, string_length: int, values: int
) -> None:
    limits = Limits(
        depth=depth,
        string_length=string_length,
        values_per_file=values,
        records_per_file=max(1, values // 4),
    )
    fast, slow = both(text, limits)
    assert fast == slow
