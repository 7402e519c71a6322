"""A content-addressed cache of parsed and validated map files, so re-checking a map is quick.

Each record file that loaded without a problem gets one cache entry: the records validated from
it (with their positions) and the ids it declares, stored under a name made from the file's
path (as shown in findings), its kind (claims or evidence) and the SHA-256 of its bytes. A later
load hashes each file and reuses the entry of that name when there is one; any other file is
parsed and validated as usual. All entries live in a directory named by argmap's version, the
source of the modules that decide what a file means (model, loader, YAML reader, this module),
and the Python and pydantic versions, so any of those changing starts afresh. Entries are never
updated, only added: delete the cache directory to reclaim its space.

What the cache never changes: files with problems are never stored, so their errors are
reported on every load, exactly positioned; ``argmap.yaml`` is always read fresh; a missing,
unreadable or corrupt cache is ignored (and rewritten), never an error; writing the cache can
fail silently (a read-only home directory just means no cache).

Where: ``$ARGMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/argmap``, else ``~/.cache/argmap``.

Trust: entries are pickles, and unpickling runs code, so the cache directory must be writable
only by the user running argmap (as a user's cache directory is). argmap only unpickles files it
wrote itself in that directory, never a file that came with a map.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

FORMAT = 3
_MODULES = ("model.py", "load.py", "yamlread.py", "cache.py", "entries.py")


def cache_dir() -> Path:
    """The directory argmap keeps its cache in (see the module's docstring)."""
    explicit = os.environ.get("ARGMAP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "argmap"


def code_key() -> str:
    """What the cached records depend on besides the files: argmap, its model, Python, pydantic."""
    import pydantic

    import argmap

    digest = hashlib.sha256()
    for part in (str(FORMAT), argmap.__version__, pydantic.VERSION, sys.version):
        digest.update(part.encode() + b"\0")
    here = Path(__file__).parent
    for name in _MODULES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(b"missing " + name.encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a regular file's bytes, or None when it is not one or cannot be read."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class MapCache:
    """The cache entries of one map: one pickle per record file, named by what it depends on.

    An entry's name is the hash of the file's path as shown, its kind and the SHA-256 of its
    bytes, inside a directory named by `code_key`: an entry is never updated, only written, so a
    changed file costs one small write and an unchanged map no write at all.
    """

    def __init__(self, root: Path, directory: Path | None = None) -> None:
        self.root = root
        self.directory = (directory or cache_dir()) / code_key()[:32]
        self.pending: dict[Path, tuple[list[Any], list[Any]]] = {}

    def _entry(self, display: str, kind: str, digest: str) -> Path:
        name = hashlib.sha256(f"{display}\0{kind}\0{digest}".encode(errors="surrogatepass"))
        hexdigest = name.hexdigest()
        return self.directory / hexdigest[:2] / f"{hexdigest[2:]}.pickle"

    def get(
        self, display: str, kind: str, digest: str | None
    ) -> tuple[list[Any], list[Any]] | None:
        """The records and declared ids of file ``display`` if its bytes hash to ``digest``."""
        if digest is None:
            return None
        try:
            with open(self._entry(display, kind, digest), "rb") as stream:
                stored = pickle.load(stream)  # argmap's own file (module docstring)
            records, ids = stored
            if isinstance(records, list) and isinstance(ids, list):
                return records, ids
        except Exception:  # noqa: BLE001 - a missing or corrupt entry is no entry
            return None
        return None

    def put(self, display: str, kind: str, digest: str, records: list[Any], ids: list[Any]) -> None:
        self.pending[self._entry(display, kind, digest)] = (records, ids)

    def save(self) -> None:
        """Write the new entries atomically; a failure to write is no error."""
        for path, value in self.pending.items():
            if not store_entry(path, dumps(value)):
                return
        self.pending = {}


def dumps(value: Any) -> bytes:
    """``value`` pickled for an entry (`argmap.entries`: each model as its values only)."""
    from argmap.entries import dumps as entry_dumps

    return entry_dumps(value)


def store_entry(path: Path, data: bytes) -> bool:
    """Write one cache file atomically (temporary file + rename); False if it could not be.

    The cache is an optimisation: a read-only or full disk is never an error, and a reader
    never sees half an entry.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except Exception:  # noqa: BLE001 - the cache is an optimisation: never fail over it
        return False
    return True
