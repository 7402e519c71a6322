"""JSON Schemas for map files, generated from the pydantic models.

Point a YAML language server at them for validation and completion in an editor::

    # .vscode/settings.json
    "yaml.schemas": {"schemas/claims.schema.json": "claims/**/*.yaml",
                     "schemas/evidence.schema.json": "evidence/**/*.yaml",
                     "schemas/argmap.schema.json": "argmap.yaml"}
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from argmap.model import Claim, Evidence, MapConfig

SCHEMA_KINDS = ("claims", "evidence", "config")
_TITLES = {
    "claims": "argmap claims file (one claim or a list of claims)",
    "evidence": "argmap evidence file (one evidence record or a list of them)",
    "config": "argmap.yaml (map metadata and check settings)",
}


def json_schema(kind: str = "claims") -> dict[str, Any]:
    """The JSON Schema of one kind of map file: ``claims``, ``evidence`` or ``config``.

    >>> json_schema("evidence")["title"]
    'argmap evidence file (one evidence record or a list of them)'
    """
    adapter: TypeAdapter[Any]
    if kind == "claims":
        adapter = TypeAdapter(Claim | list[Claim])
    elif kind == "evidence":
        adapter = TypeAdapter(Evidence | list[Evidence])
    elif kind == "config":
        adapter = TypeAdapter(MapConfig)
    else:
        raise ValueError(f"no schema kind {kind!r}; expected one of: {', '.join(SCHEMA_KINDS)}")
    schema = adapter.json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": _TITLES[kind],
        **schema,
    }


def json_schema_text(kind: str = "claims") -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
