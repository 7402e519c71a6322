"""argmap's own map directory, as a conversion target: claims/, evidence/, argmap.yaml.

`write` turns any `ArgumentMap` (for example one an importer built) into the files a person
would write by hand: records in the field order of docs/format.md, one-premise reasons as bare
ids, defaults left out, at most `RECORDS_PER_FILE` records a file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from argmap.argument_map import ArgumentMap
from argmap.errors import OutputExistsError
from argmap.formats import Conversion, ConversionReport
from argmap.load import load
from argmap.model import Claim, Evidence, Reason

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


def read(path: str | os.PathLike[str]) -> Conversion:
    amap = load(path)
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


class _Dumper(yaml.SafeDumper):
    """Block mappings everywhere; short lists of ids and tags on one line, as people write them."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(item, (str, int)) and len(str(item)) < 60 for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)

# YAML 1.1 reads these as line breaks, and argmap's loader refuses them raw (AM001); PyYAML
# writes them raw in plain and single-quoted style, but escapes them in double quotes.
_BREAKS = ("\x85", "\u2028", "\u2029")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = '"' if any(mark in data for mark in _BREAKS) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


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
    amap: ArgumentMap, path: str | os.PathLike[str], force: bool = False, stem: str = "map"
) -> ConversionReport:
    """Write ``amap`` as a map directory at ``path``.

    A directory that exists and is not empty is refused unless ``force``; with ``force`` only
    claims/, evidence/ and argmap.yaml are replaced. The files are first written to a temporary
    sibling directory, so a failure leaves nothing half-written.
    """
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
        if not target.exists():
            staging.rename(target)
        else:
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
