"""Hypothesis strategies shared by the fuzz tests (tests/test_fuzz_load.py,
tests/test_fuzz_importers.py): hostile values and Unicode edge cases, and a structural
corruption of any YAML/JSON-shaped tree."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import strategies as st

# Unicode edge cases: bidi marks, embeddings, overrides and isolates; combining marks (also
# stacked, and on nothing); joiners; a BOM mid-text; line and paragraph separators; NEL and other
# C1 controls; NUL and C0 controls; noncharacters; a private-use and a tag character; emoji ZWJ
# sequences; lone surrogates (written as YAML escapes, and as raw CESU-8 bytes below).
EDGE_CHARS = [
    "\u200e",
    "\u200f",
    "\u061c",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u0301",
    "\u0301" * 50,
    "\u20dd",
    "\u200d",
    "\u200c",
    "\u2060",
    "\ufeff",
    "\u2028",
    "\u2029",
    "\x85",
    "\x9b",
    "\x00",
    "\x07",
    "\x1b[2J",
    "\ufffe",
    "\uffff",
    "\U0010ffff",
    "\ue000",
    "\U000e0041",
    "\U0001f469\u200d\U0001f52c",
    "\U0001f3f3\ufe0f\u200d\U0001f308",
    "\ud800",
    "\udfff",
    "a",
    " ",
    ":",
    "#",
    "\\",
    '"',
]
edge_text = st.lists(st.sampled_from(EDGE_CHARS), min_size=1, max_size=6).map("".join)

# Deep nesting is spliced into the YAML text after dumping (the dumper itself would recurse).
DEEP = "zzDEEPzz"

hostile_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([10**400, -(10**400), 0, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", " ", "x" * 200_000, "9" * 5_000, "2025-13-45", "~", "null", "yes"]),
    edge_text,
    st.lists(st.integers() | st.text(max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from([[[]], [{}], {"premises": None}, {"premises": [[["x"]]]}]).map(
        lambda value: _copy(value)  # a fresh copy: the corruption mutates what it draws
    ),
    st.integers(50, 5_000).map(lambda depth: f"{DEEP}{depth}{DEEP}"),
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in ``data`` (keys of dicts, indexes of lists)."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


@st.composite
def corrupted_tree(draw: st.DrawFn, tree: Any) -> Any:
    """A copy of ``tree`` with 1-3 values replaced by hostile ones, keys renamed, or Unicode edge
    cases inserted into strings."""
    tree = _copy(tree)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(tree)
        action = draw(st.sampled_from(["replace", "replace", "rename", "insert", "whole"]))
        if action == "whole" or not paths:
            tree = draw(hostile_values)
            continue
        *parent_path, last = draw(st.sampled_from(paths))
        parent = tree
        for step in parent_path:
            parent = parent[step]
        if action == "rename" and isinstance(parent, dict):
            new_key = draw(edge_text | st.sampled_from([1, None, True, 2.5, "", "id"]))
            parent[new_key] = parent.pop(last)
        elif action == "insert" and isinstance(parent[last], str):
            text = parent[last]
            at = draw(st.integers(0, len(text)))
            parent[last] = text[:at] + draw(edge_text) + text[at:]
        else:
            parent[last] = draw(hostile_values)
    return tree


def splice_deep(text: str) -> str:
    """``text`` with each deep-nesting placeholder (and the quotes a dumper put around it)
    replaced by that many brackets; a placeholder a later corruption broke stays text."""
    return _PLACEHOLDER.sub(lambda m: "[" * int(m[1]) + "]" * int(m[1]), text)


_PLACEHOLDER = re.compile(f"['\"]?{DEEP}(\\d+){DEEP}['\"]?")
