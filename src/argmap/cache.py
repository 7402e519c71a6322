"""A content-addressed cache of parsed and validated map files, so re-checking a map is quick.

Each record file that loaded without a problem gets one cache entry: the records validated from
it (with their positions) and the ids it declares, stored under a name made from the file's
path (as shown in findings), its kind (claims or evidence) and the SHA-256 of its bytes. A later
load hashes each file and reuses the entry of that name when there is one; any other file is
parsed and validated as usual. All entries live in a directory named by argmap's version, the
source of the modules that decide what a file means (model, loader, YAML reader, this module,
`argmap.entries`), and the Python and pydantic versions, so any of those changing starts
afresh. A load that adds many entries at once (the first of a map) writes them as one file,
the map's pack, which the next such load of the map replaces (`MapCache`); other entries are
never updated, only added: delete the cache directory to reclaim its space.

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
import functools
import hashlib
import marshal
import mmap
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from argmap.span import Span

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


PACK_AT = 32
"""A load with this many new entries or more writes them as one pack (`MapCache.save`)."""
_PACK_MAGIC = b"argmap pack 1\n"


class MapCache:
    """The cache entries of one map: one pickle per record file, named by what it depends on.

    An entry's name is the hash of the file's path as shown, its kind and the SHA-256 of its
    bytes, inside a directory named by `code_key`: an entry is never updated, only written, so a
    changed file costs one small write and an unchanged map no write at all.

    A load that adds many entries at once (the first load of a map, a checkout that changed
    many files) writes them into one file instead, the map's *pack* (``packs/`` in that
    directory, named by the map's absolute path): creating a file costs 0.05 to 0.9 ms of
    kernel time, and a first load of a 1,000-file map spent more time creating its entries
    than pickling them. The pack ends with an index of its entries (name -> offset and
    length); a new pack also takes the entries this load read from the one it replaces, so
    it always holds what the map's last such load read. An entry is looked for in the pack
    first, then as a file (where a smaller save put it, or one the pack held broken): either
    way it is the same entry, named by the same hash.
    """

    def __init__(self, root: Path, directory: Path | None = None) -> None:
        self.root = root
        self.directory = (directory or cache_dir()) / code_key()[:32]
        self.pending: dict[str, tuple[list[Any], list[Any]] | bytes] = {}
        self._pack: _Pack | None = None
        self._from_pack: set[str] = set()
        """The entries this load read from the pack: a new pack keeps them (`save`)."""

    def _name(self, display: str, kind: str, digest: str) -> str:
        name = hashlib.sha256(f"{display}\0{kind}\0{digest}".encode(errors="surrogatepass"))
        return name.hexdigest()

    def _file(self, name: str) -> Path:
        return self.directory / name[:2] / f"{name[2:]}.pickle"

    def _pack_path(self) -> Path:
        try:
            where = os.path.abspath(self.root)
        except OSError:  # no working directory: then no pack
            where = ""
        name = hashlib.sha256(where.encode(errors="surrogatepass")).hexdigest()[:32]
        return self.directory / "packs" / f"{name}.pack"

    def get(
        self, display: str, kind: str, digest: str | None
    ) -> tuple[list[Any], list[Any]] | None:
        """The records and declared ids of file ``display`` if its bytes hash to ``digest``."""
        if digest is None:
            return None
        name = self._name(display, kind, digest)
        # The pack first: after a map's first load, that is where nearly every entry is.
        if self._pack is None:
            self._pack = _Pack.open(self._pack_path())
        packed = self._pack.read(name)
        if packed is not None:
            found = _entry(packed)
            if found is not None:
                self._from_pack.add(name)
                return found
        try:
            with open(self._file(name), "rb") as stream:
                return _entry(stream.read())
        except OSError:  # no such entry
            return None

    def put_entry(self, name: str, data: bytes) -> None:
        """Add an entry already pickled (`read_entry` reads it), under the name `put` gives it."""
        self.pending[name] = data

    def has_pack(self) -> bool:
        """Whether the map has a pack of entries (from an earlier load that added many)."""
        return self._pack_path().is_file()

    def put(self, display: str, kind: str, digest: str, records: list[Any], ids: list[Any]) -> None:
        self.pending[self._name(display, kind, digest)] = (records, ids)

    def save(self) -> None:
        """Write the new entries atomically; a failure to write is no error."""
        if len(self.pending) >= PACK_AT:
            kept = self._pack.entries(self._from_pack) if self._pack is not None else iter(())
            new = ((name, _pickled(value)) for name, value in self.pending.items())

            def write(stream: IO[bytes]) -> None:
                _write_pack(stream, kept, new)
                self._close_pack()  # before the new pack replaces it (Windows cannot, mapped)

            store_entry(self._pack_path(), write)
            self.pending = {}
            self._close_pack()
            return
        self._close_pack()
        for name, value in self.pending.items():
            if not store_entry(self._file(name), _pickled(value)):
                return
        self.pending = {}

    def _close_pack(self) -> None:
        """Let go of the pack (a later `get` opens it again)."""
        if self._pack is not None and self._pack.data is not None:
            self._pack.data.close()
        self._pack = None
        self._from_pack = set()


class _Pack:
    """A map's pack of entries (`MapCache`), mapped into memory to read them from.

    The file is `_PACK_MAGIC`, the entries one after the other, an index (marshal: name ->
    offset and length) and the index's length (8 bytes): it is written entry by entry, never
    held in memory whole.
    """

    def __init__(
        self, data: mmap.mmap | None = None, index: dict[str, tuple[int, int]] | None = None
    ) -> None:
        self.data = data
        self.index = index or {}

    @classmethod
    def open(cls, path: Path) -> _Pack:
        """The pack at ``path``; an empty one if there is none or it is not a pack."""
        try:
            with open(path, "rb") as stream:
                data = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # no pack, or an empty file
            return cls()
        try:
            if data[: len(_PACK_MAGIC)] != _PACK_MAGIC:
                raise ValueError("not a pack")
            end = len(data) - 8
            size = int.from_bytes(data[end:], "little")
            index = marshal.loads(data[end - size : end])
            if not isinstance(index, dict):
                raise TypeError("not an index")
            return cls(data, index)
        except Exception:  # noqa: BLE001 - a corrupt pack is no pack
            data.close()
            return cls()

    def read(self, name: str) -> bytes | None:
        """The bytes of entry ``name``; None if the pack has no such entry (or a broken one)."""
        place = self.index.get(name)
        if place is None or self.data is None:
            return None
        try:
            offset, length = place
            data = self.data[offset : offset + length]
        except Exception:  # noqa: BLE001 - a corrupt index is no entry
            return None
        return data if len(data) == length else None

    def entries(self, names: Iterable[str]) -> Iterable[tuple[str, bytes]]:
        for name in names:
            data = self.read(name)
            if data is not None:
                yield name, data


def _write_pack(stream: IO[bytes], *parts: Iterable[tuple[str, bytes]]) -> None:
    stream.write(_PACK_MAGIC)
    offset = len(_PACK_MAGIC)
    index: dict[str, tuple[int, int]] = {}
    for entries in parts:
        for name, data in entries:
            stream.write(data)
            index[name] = (offset, len(data))
            offset += len(data)
    trailer = marshal.dumps(index)
    stream.write(trailer)
    stream.write(len(trailer).to_bytes(8, "little"))


def dumps(value: Any) -> bytes:
    """``value`` pickled as entries are (`argmap.entries`: each model as its values only)."""
    from argmap.entries import dumps as entry_dumps

    return entry_dumps(value)


def _dumps(records: list[Any], ids: list[Any]) -> bytes:
    from argmap.entries import dumps_entry

    return dumps_entry(records, ids)


def _pickled(value: tuple[list[Any], list[Any]] | bytes) -> bytes:
    return value if isinstance(value, bytes) else _dumps(*value)


def read_entry(data: bytes) -> tuple[list[Any], list[Any]] | None:
    """The records and declared ids of an entry (`argmap.entries.dumps_entry`); None if corrupt."""
    return _entry(data)


def _entry(data: bytes) -> tuple[list[Any], list[Any]] | None:
    """An entry's records and declared ids (`argmap.entries.dumps_entry`); None if corrupt."""
    try:
        records, raw, paths, lines, columns = pickle.loads(data)  # argmap's own (docstring)
        if not isinstance(records, list):
            return None
        span = functools.partial(tuple.__new__, Span)  # Span(path, line, column), in C
        return records, list(
            zip(raw, map(span, zip(paths, lines, columns, strict=True)), strict=True)
        )
    except Exception:  # noqa: BLE001 - a corrupt entry is no entry
        return None


def store_entry(path: Path, data: bytes | Callable[[IO[bytes]], None]) -> bool:
    """Write one cache file atomically (temporary file + rename); False if it could not be.

    ``data`` is the file's bytes, or a function that writes them to the stream it is given.
    The cache is an optimisation: a read-only or full disk is never an error, and a reader
    never sees half an entry.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(descriptor, "wb") as stream:
                if callable(data):
                    data(stream)
                else:
                    stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except Exception:  # noqa: BLE001 - the cache is an optimisation: never fail over it
        return False
    return True
