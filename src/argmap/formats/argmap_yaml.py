"""argmap's own map directory, as a conversion target: claims/, evidence/, argmap.yaml.

`write` turns any `ArgumentMap` (for example one an importer built) into the files a person
would write by hand: records in the field order of docs/format.md, one-premise reasons as bare
ids, defaults left out, at most `RECORDS_PER_FILE` records a file.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from argmap.argument_map import ArgumentMap
from argmap.errors import ArgmapError, OutputExistsError
from argmap.formats import Conversion, ConversionReport
from argmap.load import load
from argmap.model import Claim, Evidence, Reason
from argmap.yamlread import _resolve_plain

NAME = "argmap"
SUFFIXES: tuple[str, ...] = ()
RECORDS_PER_FILE = 200

_FIRST = (
    "id",
    "kind",
    "text",
    "summary",
    "quote",
    "source",
    "locator",
    "reliability",
    "credibility",
)


def read(path: str | os.PathLike[str], progress: Callable[[int], None] | None = None) -> Conversion:
    """The map in directory ``path``; ``progress`` as for `argmap.load.load`."""
    amap = load(path, progress=progress)
    return Conversion(amap, ConversionReport(str(path), NAME))


def _reason(reason: Reason) -> Any:
    data = reason.model_dump(mode="json", exclude_defaults=True)
    if set(data) == {"premises"} and len(reason.premises) == 1:
        return reason.premises[0]
    return data


def record_data(record: Claim | Evidence) -> dict[str, Any]:
    """A record as plain data in the order people write it, without default values."""
    data = record.model_dump(mode="json", exclude_defaults=True)
    if isinstance(record, Claim):
        for field in ("supported_by", "attacked_by"):
            if field in data:
                data[field] = [_reason(r) for r in getattr(record, field)]
    if isinstance(record, Evidence):
        # kind, reliability and credibility are required: keep them even when they equal a default.
        data["kind"] = record.kind.value
    ordered = {key: data.pop(key) for key in _FIRST if key in data}
    ordered.update(data)
    return ordered


# A small emitter of its own: the records are plain data of a known shape, and PyYAML's
# Python representer took two thirds of a 50,000-statement import. Every text it cannot write
# plain is written as a JSON string, which is also a valid YAML double-quoted scalar.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.,;()/'’-]*")
_PLAIN_IN_LIST = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _./'’-]*")
_STR_TAG = "tag:yaml.org,2002:str"
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _text(value: str, plain: re.Pattern[str] = _PLAIN) -> str:
    # Plain only where YAML would read the text back as text (not 7, yes, 0x1F or 2025-07).
    if plain.fullmatch(value) and not value.endswith(" ") and _resolve_plain(value) == _STR_TAG:
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    # JSON leaves these raw; YAML reads them as line breaks or refuses them.
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _scalar(value: Any, plain: re.Pattern[str] = _PLAIN) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}[repr(value)]
        text = repr(value)
        # YAML 1.1 reads 1e+16 as text: its floats need a dot.
        return text.replace("e", ".0e", 1) if "e" in text and "." not in text else text
    return _text(str(value), plain)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _flow_list(items: list[Any]) -> str | None:
    """``[a, b]`` for a short list of scalars, else None."""
    if not all(_is_scalar(i) and len(str(i)) < 60 for i in items):
        return None
    return "[" + ", ".join(_scalar(i, _PLAIN_IN_LIST) for i in items) + "]"


def _emit(value: Any, indent: int, lines: list[str], lead: str) -> None:
    """Append ``value`` to ``lines``; ``lead`` is the text before it on its first line."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            lines.append(lead + "{}")
            return
        first = True
        for key, item in value.items():
            start = lead if first else pad
            first = False
            name = _text(str(key))
            if _is_scalar(item):
                lines.append(f"{start}{name}: {_scalar(item)}")
            elif isinstance(item, list) and (flow := _flow_list(item)) is not None:
                lines.append(f"{start}{name}: {flow}")
            elif isinstance(item, dict) and not item:
                lines.append(f"{start}{name}: {{}}")
            else:
                lines.append(f"{start}{name}:")
                _emit(item, indent + 2, lines, " " * (indent + 2))
        return
    if isinstance(value, list):
        if not value:
            lines.append(lead + "[]")
            return
        for position, item in enumerate(value):
            start = (lead if position == 0 else pad) + "- "
            if _is_scalar(item):
                lines.append(start + _scalar(item))
            else:
                _emit(item, indent + 2, lines, start)
        return
    lines.append(lead + _scalar(value))


def dump(data: Any) -> str:
    """``data`` (plain dicts, lists and scalars) as block-style YAML that argmap reads back exactly.

    >>> print(dump([{"id": "c1", "text": "Tea: healthy?", "supported_by": ["e1", {"premises": ["a", "b"]}]}]), end="")
    - id: c1
      text: "Tea: healthy?"
      supported_by:
        - e1
        - premises: [a, b]
    """
    lines: list[str] = []
    _emit(data, 0, lines, "")
    return "\n".join(lines) + "\n"


def _chunks(records: Sequence[Any], size: int) -> Iterable[tuple[int, Sequence[Any]]]:
    for start in range(0, len(records), size):
        yield start // size + 1, records[start : start + size]


def generate_files(amap: ArgumentMap, stem: str = "map") -> dict[str, str]:
    """The map's files as {relative path: YAML text}."""
    files: dict[str, str] = {}
    config = amap.config.model_dump(mode="json", exclude_defaults=True)
    if config:
        files["argmap.yaml"] = dump(config)
    for folder, records in (
        ("claims", list(amap.claims.values())),
        ("evidence", list(amap.evidence.values())),
    ):
        chunks = list(_chunks(records, RECORDS_PER_FILE))
        for number, chunk in chunks:
            name = f"{stem}.yaml" if len(chunks) == 1 else f"{stem}-{number:04d}.yaml"
            files[f"{folder}/{name}"] = dump([record_data(r) for r in chunk])
        if not chunks:
            files[f"{folder}/.keep"] = ""
    return files


def write(
    amap: ArgumentMap,
    path: str | os.PathLike[str],
    force: bool = False,
    stem: str = "map",
    files: dict[str, bytes] | None = None,
) -> ConversionReport:
    """Write ``amap`` as a map directory at ``path``, with ``files`` ({relative path: bytes},
    such as `Conversion.files`) beside its records.

    A directory that exists and is not empty is refused unless ``force``; with ``force`` only
    claims/, evidence/, argmap.yaml and the paths of ``files`` are replaced. The files are first
    written to a temporary sibling directory, so a failure leaves nothing half-written.
    """
    extra = dict(files or {})
    for relative in extra:
        parts = Path(relative).parts
        if (
            Path(relative).is_absolute()
            or ".." in parts
            or parts[:1] in (("claims",), ("evidence",))
        ):
            raise ArgmapError(f"{relative!r} is not a path for a file beside a map's records")
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise OutputExistsError(f"{target} is a file; expected a directory for the map")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise OutputExistsError(
            f"{target} already exists and is not empty; pass --force to replace its map"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for relative, text in generate_files(amap, stem).items():
            file = staging / relative
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
        for relative, data in extra.items():
            file = staging / relative
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(data)
        if not target.exists():
            staging.rename(target)
        else:
            for relative in extra:
                old = target / relative
                old.parent.mkdir(parents=True, exist_ok=True)
                if old.is_dir() and not old.is_symlink():
                    shutil.rmtree(old)
                (staging / relative).replace(old)
            for name in ("claims", "evidence", "argmap.yaml"):
                old = target / name
                if old.is_dir() and not old.is_symlink():
                    shutil.rmtree(old)
                elif old.exists() or old.is_symlink():
                    old.unlink()
                if (staging / name).exists():
                    (staging / name).rename(old)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return ConversionReport("argmap map", str(target))
