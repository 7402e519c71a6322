"""argmap: lint, evaluate and draw argument maps kept as YAML claims and evidence records.

>>> import argmap
>>> amap = argmap.load("path/to/map")            # doctest: +SKIP
>>> findings = argmap.check(amap)                # doctest: +SKIP
>>> argmap.render(amap, "map.svg")               # doctest: +SKIP
>>> import networkx as nx; nx.is_directed_acyclic_graph(amap.graph)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "ArgumentMap",
    "Claim",
    "Evidence",
    "Finding",
    "MapLoadError",
    "__version__",
    "check",
    "load",
    "render",
    "to_dot",
]

if TYPE_CHECKING:
    from argmap.argument_map import ArgumentMap
    from argmap.checks import check
    from argmap.errors import MapLoadError
    from argmap.findings import Finding
    from argmap.load import load
    from argmap.model import Claim, Evidence
    from argmap.render import render, to_dot

_LAZY = {
    "ArgumentMap": "argmap.argument_map",
    "check": "argmap.checks",
    "MapLoadError": "argmap.errors",
    "Finding": "argmap.findings",
    "load": "argmap.load",
    "Claim": "argmap.model",
    "Evidence": "argmap.model",
    "render": "argmap.render",
    "to_dot": "argmap.render",
}


def __getattr__(name: str) -> Any:
    # Imported on first use, so `argmap --version` does not pay for pydantic and networkx.
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
