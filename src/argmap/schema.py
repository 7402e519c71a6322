"""JSON Schemas for map files, generated from the pydantic models.

Point a YAML language server at them for validation and completion in an editor::

    # .vscode/settings.json
    "yaml.schemas": {"schemas/claims.schema.json": "claims/**/*.yaml",
                     "schemas/evidence.schema.json": "evidence/**/*.yaml",
                     "schemas/argmap.schema.json": "argmap.yaml"}
"""

from __future__ import annotations

import json
from typing import Any, get_args

from pydantic import TypeAdapter

from argmap.model import ID_PATTERN, Claim, Evidence, MapConfig, RecordId

_ID_FIELD = next(m for m in get_args(RecordId) if hasattr(m, "description"))
ID_DESCRIPTION: str = _ID_FIELD.description
ID_MAX_LENGTH: int = next(m.max_length for m in _ID_FIELD.metadata if hasattr(m, "max_length"))

SCHEMA_KINDS = ("claims", "evidence", "config")
_TITLES = {
    "claims": "argmap claims file (one claim or a list of claims)",
    "evidence": "argmap evidence file (one evidence record or a list of them)",
    "config": "argmap.yaml (map metadata and check settings)",
}


def _id_text_schema() -> dict[str, Any]:
    return {
        "type": "string",
        "pattern": ID_PATTERN,
        "maxLength": ID_MAX_LENGTH,
        "description": ID_DESCRIPTION,
    }


def _record_id_schema() -> dict[str, Any]:
    """What the loader accepts as an id: a patterned string, or a whole number (``id: 42``)."""
    return {
        "anyOf": [
            {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX_LENGTH},
            {"type": "integer", "minimum": 0},
        ],
        "description": ID_DESCRIPTION,
    }


def _is_record_id(node: dict[str, Any]) -> bool:
    return node.get("description") == ID_DESCRIPTION and "maxLength" in node


def _fix_ids(node: Any) -> Any:
    """Put back what pydantic's validation-mode schema drops for `argmap.model.RecordId`.

    The id pattern goes missing (the field also has a before-validator), and ids written as
    numbers, which the loader accepts, would be refused.
    """
    if isinstance(node, list):
        return [_fix_ids(item) for item in node]
    if not isinstance(node, dict):
        return node
    if _is_record_id(node):
        if node.get("type") == "string":
            return _record_id_schema()
        return {**node, "pattern": ID_PATTERN}  # propertyNames: keys are always text
    return {key: _fix_ids(value) for key, value in node.items()}


def _bare_id_reasons(schema: dict[str, Any]) -> None:
    """A reason may be written as a bare id, and a single one without a list (``supported_by: e1``)."""
    claim = schema.get("$defs", {}).get("Claim")
    if claim is None:
        return
    for name in ("supported_by", "attacked_by"):
        field = claim["properties"][name]
        items = field.pop("items")
        field.pop("type")
        field["anyOf"] = [
            {"type": "array", "items": {"anyOf": [_id_text_schema(), items]}},
            _id_text_schema(),
        ]


def _dates_as_text(schema: dict[str, Any]) -> None:
    """``date: 2025`` is read as a number and kept as text; the schema says so."""
    source = schema.get("$defs", {}).get("Source")
    if source is not None:
        source["properties"]["date"]["anyOf"].insert(1, {"type": "integer"})


def _bare_off(schema: dict[str, Any]) -> None:
    """``AM401: off`` unquoted is YAML 1.1's false, which the loader takes for "off"."""
    checks = schema.get("properties", {}).get("checks")
    if checks is not None:
        setting = checks["additionalProperties"]
        checks["additionalProperties"] = {"anyOf": [setting, {"const": False}]}


def json_schema(kind: str = "claims") -> dict[str, Any]:
    """The JSON Schema of one kind of map file: ``claims``, ``evidence`` or ``config``.

    A map file holds one record or a list of them; the schema accepts exactly what the loader
    does, field for field (bare ids for reasons, numbers for ids included).

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
    schema: dict[str, Any] = _fix_ids(adapter.json_schema(mode="validation"))
    _bare_id_reasons(schema)
    _dates_as_text(schema)
    _bare_off(schema)
    schema.pop("title", None)  # the model's class name; ours says what file it is for
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": _TITLES[kind],
        **schema,
    }


def json_schema_text(kind: str = "claims") -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
