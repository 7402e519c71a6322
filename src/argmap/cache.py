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
import copyreg
import functools
import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
from itertools import chain
from pathlib import Path
from typing import Any

from argmap.span import Span

FORMAT = 2
_MODULES = ("model.py", "load.py", "yamlread.py", "cache.py")


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
    """``value`` pickled, with the positions of its records' fields written compactly.

    A file's records share one dict of positions (`argmap.model.Where`) holding a span per
    field written. Pickled as they are, those spans are most of the work of writing and of
    reading an entry: each is a named tuple, so a Python call to reduce and one to rebuild.
    Here each such dict is written once, as a list of its keys and one flat tuple of its spans'
    values, which pickle's C code handles alone; `_spans` rebuilds it in one pass when read.
    """
    from argmap.model import Where

    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    if getattr(Where, "__slots__", None) == _WHERE_SLOTS:
        shared: dict[int, _Positions] = {}
        pickler.dispatch_table = {
            **copyreg.dispatch_table,
            Where: functools.partial(_reduce_where, shared),
        }
    pickler.dump(value)
    return stream.getvalue()


_WHERE_SLOTS = ("positions", "prefix", "record")
"""The `argmap.model.Where` that `_reduce_where` knows; any other is pickled as it is."""


class _Positions:
    """One dict of positions as `dumps` writes it: once, however many records share it."""

    __slots__ = ("compact", "positions")

    def __init__(self, positions: dict[Any, Span]) -> None:
        self.positions = positions
        # A dict of positions holds spans (see its annotation), each made of three values:
        # checked on the first, so that a Where come to hold anything else is pickled as it is.
        first = next(iter(positions.values()), None)
        self.compact = first is None or (type(first) is Span and len(first) == 3)

    def __reduce__(self) -> tuple[Any, ...]:
        # The spans' values in one flat tuple: one object for pickle to write, not one each.
        flat = tuple(chain.from_iterable(self.positions.values()))
        return _spans, (list(self.positions), flat)


def _reduce_where(shared: dict[int, _Positions], where: Any) -> tuple[Any, ...]:
    positions = where.positions
    # Kept in ``shared`` with the dict it stands for, so that the id is not reused meanwhile.
    written = shared.get(id(positions))
    if written is None or written.positions is not positions:
        written = shared[id(positions)] = _Positions(positions)
    if not written.compact:
        return where.__reduce_ex__(pickle.HIGHEST_PROTOCOL)  # type: ignore[no-any-return]
    # What pickle does for a Where by itself (a new object, then its slots set, all in C),
    # with its positions in their compact form.
    state = {"positions": written, "prefix": where.prefix, "record": where.record}
    return copyreg.__newobj__, (type(where),), (None, state)  # type: ignore[attr-defined]


def _spans(keys: list[Any], flat: tuple[Any, ...]) -> dict[Any, Span]:
    """A dict of positions read from an entry (see `dumps`)."""
    values = iter(flat)
    return dict(zip(keys, map(_as_span, zip(values, values, values, strict=True)), strict=True))


_as_span = functools.partial(tuple.__new__, Span)
"""A span from a plain tuple, without a Python call (``Span(*values)`` is one)."""


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
