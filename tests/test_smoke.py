from __future__ import annotations

from argmap.checks import check
from argmap.load import load


def test_minimal_map_loads_and_checks(make_map):
    root = make_map(
        {
            "claims/c.yaml": """
            id: c1
            kind: thesis
            text: Tea is healthy.
            quote: Tea is healthy.
            supported_by: [e1]
            """,
            "evidence/e.yaml": """
            id: e1
            kind: statistic
            summary: A trial found so.
            reliability: B
            credibility: 2
            source: {title: A trial}
            """,
        }
    )
    amap = load(root)
    assert check(amap) == []
    assert sorted(amap.graph.nodes) == ["c1", "c1:for:1", "e1"]
