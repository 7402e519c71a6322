"""`argmap.findings`: the packed form argmap's caches keep, and the order findings are shown in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from argmap.findings import Finding, packed_sort_key, sorted_findings
from argmap.span import Span

spans = st.builds(
    Span,
    st.sampled_from(["a.yaml", "b.yaml", "claims/c.yaml"]),
    st.integers(1, 9),
    st.integers(1, 9),
)
findings = st.builds(
    Finding,
    code=st.sampled_from(["AM101", "AM201", "AM602"]),
    name=st.just("a-check"),
    severity=st.sampled_from(["error", "warning", "info"]),
    span=spans,
    message=st.text(max_size=20),
    subject=st.none() | st.sampled_from(["", "a", "b"]),
    related=st.lists(spans, max_size=2).map(tuple),
)


@given(findings)
def test_a_packed_finding_unpacks_to_itself_and_sorts_the_same(finding: Finding) -> None:
    packed = finding.packed()
    assert Finding.unpacked(packed) == finding
    assert packed_sort_key(packed) == finding.sort_key


@given(st.lists(findings, max_size=12))
def test_sorting_packed_findings_gives_the_order_of_sorted_findings(items: list[Finding]) -> None:
    packed = sorted((f.packed() for f in items), key=packed_sort_key)
    assert [Finding.unpacked(p) for p in packed] == sorted_findings(items)
