"""The map-directory writer: any map written reads back as the same records."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.argument_map import ArgumentMap
from argmap.errors import OutputExistsError
from argmap.formats import argmap_yaml
from argmap.load import load
from argmap.model import Claim, Evidence
from argmap.yamlread import parse_yaml

REPO = Path(__file__).resolve().parents[2]


def records(amap: ArgumentMap) -> tuple[list[dict[str, object]], ...]:
    return (
        [c.model_dump() for c in amap.claims.values()],
        [e.model_dump() for e in amap.evidence.values()],
    )


def test_the_article_map_round_trips(tmp_path):
    original = load(REPO)
    argmap_yaml.write(original, tmp_path / "copy")
    copy = load(tmp_path / "copy")
    assert records(copy) == records(original)
    assert copy.config.model_dump() == original.config.model_dump()


@pytest.mark.parametrize(
    "text", ["line\u2028break", "next\x85line", "para\u2029", "plain: text #1"]
)
def test_texts_yaml_would_read_as_line_breaks_are_escaped(tmp_path, text):
    amap = ArgumentMap(
        claims=[Claim(id="c", text=text, supported_by=["e"])],
        evidence=[Evidence(id="e", kind="event", summary=text, reliability="B", credibility=2)],
    )
    argmap_yaml.write(amap, tmp_path / "m")
    assert records(load(tmp_path / "m")) == records(amap)


def test_one_premise_reasons_are_bare_ids_and_defaults_are_left_out():
    amap = ArgumentMap(
        claims=[Claim(id="c", text="T.", supported_by=["a"]), Claim(id="a", text="A.")]
    )
    files = argmap_yaml.generate_files(amap)
    assert files["claims/map.yaml"] == (
        "- id: c\n  text: T.\n  supported_by: [a]\n- id: a\n  text: A.\n"
    )


def test_a_non_empty_directory_is_refused_without_force(tmp_path):
    target = tmp_path / "m"
    target.mkdir()
    (target / "mine.txt").write_text("keep", encoding="utf-8")
    amap = ArgumentMap(claims=[Claim(id="c", text="T.")])
    with pytest.raises(OutputExistsError):
        argmap_yaml.write(amap, target)
    argmap_yaml.write(amap, target, force=True)
    assert (target / "mine.txt").read_text(encoding="utf-8") == "keep"
    assert [c.id for c in load(target).claims.values()] == ["c"]


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.text(max_size=30),
    st.sampled_from(["yes", "No", "0x1F", "007", "2025-07", "1e5", "~", "- a", "a: b", "#x", " x"]),
)
_keys = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,8}", fullmatch=True)
_data = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(_keys, _data, min_size=1, max_size=5), min_size=1, max_size=3))
def test_dump_reads_back_as_the_same_data(records):
    assert parse_yaml(argmap_yaml.dump(records), "f.yaml").documents == [records]
