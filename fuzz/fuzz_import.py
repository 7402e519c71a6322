"""Fuzz one importer with atheris: bytes as a foreign file, read with the format's ``read``.

    python fuzz/fuzz_import.py FORMAT [libFuzzer options] [corpus folder ...]

FORMAT is one of aif, argdown, carneades, json, kialo, microtext (the ``argmap`` importer is the
loader: `fuzz/fuzz_load.py`). Each input is written to a file with the format's suffix and read
with ``argmap.formats.get(FORMAT).read``, which decodes, parses and builds the map: it must
return a `Conversion` or raise `MapLoadError` with findings positioned in that file.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import clean_or_ok

SUFFIX = {
    "aif": ".json",
    "argdown": ".argdown",
    "carneades": ".yml",
    "json": ".json",
    "kialo": ".txt",
    "microtext": ".xml",
}

if len(sys.argv) < 2 or sys.argv[1] not in SUFFIX:
    sys.exit(f"usage: {sys.argv[0]} {{{','.join(SUFFIX)}}} [libFuzzer options] [corpus ...]")
FORMAT = sys.argv.pop(1)

with atheris.instrument_imports(include=["argmap"]):
    from argmap import formats

    READ = formats.get(FORMAT).read

PATH = Path(tempfile.mkdtemp(prefix=f"argmap-fuzz-{FORMAT}-")) / f"input{SUFFIX[FORMAT]}"


def test_one_input(data: bytes) -> None:
    PATH.write_bytes(data)
    clean_or_ok(lambda: READ(PATH), lambda path: path == str(PATH))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
