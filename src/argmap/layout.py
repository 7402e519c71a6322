"""Where a map's files are: the names every layer that finds them agrees on.

Kept apart from `argmap.load` (which imports pydantic) so that `argmap.recheck` can walk a map
and answer from its cache without importing the model.
"""

from __future__ import annotations

CONFIG_NAMES = ("argmap.yaml", "argmap.yml")
"""The map's settings file, at its root; argmap reads the first that exists."""
RECORD_DIR_NAMES = ("claims", "evidence")
"""The directories of record files, in the order the loader reads them."""
YAML_SUFFIXES = (".yaml", ".yml")
"""The record files in them."""
