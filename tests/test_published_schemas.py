"""The JSON Schemas in schemas/ are exactly what `argmap schema` generates from the models."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.schema import json_schema_text

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@pytest.mark.parametrize(
    ("kind", "file"),
    [("claims", "claims"), ("evidence", "evidence"), ("config", "argmap")],
)
def test_published_schema_is_up_to_date(kind: str, file: str) -> None:
    published = (SCHEMAS / f"{file}.schema.json").read_text(encoding="utf-8")
    assert published == json_schema_text(kind), (
        f"schemas/{file}.schema.json is stale: run `argmap schema {kind} "
        f"-o schemas/{file}.schema.json --force`"
    )
