"""Checking a map, with the last run's findings reused when nothing they depend on has changed.

`check_map` is what ``argmap check`` does: load, take the ``--as-of`` snapshot, run the checks.
With ``cache=True`` it first looks for a stored run with the same *key*, and answers from it
without importing the loader, pydantic or networkx; otherwise it checks the map and stores the
run. The key is a SHA-256 over

* argmap's own code (the bytes of every module in the package), its version, Python's version and
  the versions of the libraries whose behaviour shows in findings (pydantic, PyYAML, networkx,
  rapidfuzz);
* how the map was named and the working directory (findings show paths that way);
* the options that change findings: ``select``, ``ignore``, ``as_of``, the active
  `argmap.limits` and anything else the caller passes in ``options``;
* the map itself: the path and bytes of every file under ``claims/`` and ``evidence/`` (whatever
  its name, so even a file the loader skips counts) and of ``argmap.yaml`` / ``argmap.yml``,
  walked in sorted order. A file that cannot be read, or is not a regular file (a FIFO, a
  broken link), means no cache for this run: the full check reports it properly.

Files outside the map that findings depend on (the source texts quotes are checked against) are
only known after a full run, so the stored run lists them with their SHA-256 (or "missing"), and
is used only while each of them is still the same. Runs that fail to load are never stored.

Stored runs are plain data kept with `marshal` (never pickles: nothing in them runs code; for
25,000 findings it writes in 0.002 s and reads in 0.008 s, JSON took 0.03 and 0.04 s), one file per key
under ``<cache dir>/runs/``, written atomically, the 32 most recent kept; a missing, unreadable
or corrupt entry is no entry, and failing to write one is no error. ``--no-cache`` /
``ARGMAP_NO_CACHE=1`` bypasses it.

>>> run = check_map("tests/fixtures/minimal")   # doctest: +SKIP
>>> run.records, [f.code for f in run.findings]  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.findings import Finding
from argmap.layout import CONFIG_NAMES, RECORD_DIR_NAMES

if TYPE_CHECKING:
    from argmap.argument_map import ArgumentMap

FORMAT = 2
KEEP_RUNS = 32
"""Stored runs kept (the most recent); older ones are deleted as new ones are written."""
_LIBRARIES = {
    "pydantic": "pydantic",
    "PyYAML": "yaml",
    "networkx": "networkx",
    "rapidfuzz": "rapidfuzz",
}
"""The libraries whose behaviour shows in findings: distribution name -> import name."""


@dataclass
class CheckRun:
    """What checking a map found: the findings, how many records, and how it was done."""

    findings: list[Finding]
    records: int
    as_of: str | None = None
    """``--as-of``'s description of the snapshot (`argmap.timeline.Snapshot.describe`), if any."""
    from_cache: bool = False
    """Whether the whole run was answered from a stored one."""
    incremental: bool = False
    """Whether only the components that changed files touch were checked (`argmap.incremental`)."""
    checked: int | None = None
    """How many records the checks ran on (None: none, the run came from the cache)."""
    map: ArgumentMap | None = field(default=None, repr=False)
    """The loaded map (None when the run came from the cache)."""


def check_map(
    path: str | os.PathLike[str] = ".",
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    as_of: str | None = None,
    cache: bool = False,
    options: Mapping[str, str] | None = None,
    load_progress: Callable[[int], None] | None = None,
    check_progress: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> CheckRun:
    """Load the map at ``path`` and check it (``argmap check``), reusing a stored run if allowed.

    Raises `argmap.errors.MapLoadError` when the map cannot be loaded and
    `argmap.errors.ArgmapError` for a bad ``as_of``, exactly as `argmap.load` and
    `argmap.timeline.snapshot` do. ``jobs`` is `argmap.load.load`'s; with 2, the caches of a
    large map are also written beside the checks (`argmap.cache_writer`).
    """
    root = Path(path)
    key = base = None
    walked: dict[str, bytes | None] = {}
    digests: dict[str, str | None] = {}
    if cache:
        walked = dict(_map_files(root))
        digests = file_digests(walked)
        base = base_key(root, select=select, ignore=ignore, as_of=as_of, options=options)
        key = _content_key(base, digests) if base is not None else None
        if key is not None:
            stored = _read_run(key)
            if stored is not None:
                return stored
        if key is not None and base is not None and as_of is None:
            run = _recheck_changed_files(root, base, key, walked, digests, select, ignore)
            if run is not None:
                return run
    from argmap.cache_writer import CacheWriter
    from argmap.checks import check
    from argmap.errors import MapLoadError
    from argmap.load import load

    store = None
    if cache:
        from argmap.cache import MapCache

        store = MapCache(root)
    try:
        amap = load(
            root, cache=store if store is not None else False, progress=load_progress, jobs=jobs
        )
    except MapLoadError:
        if store is not None:
            store.save()  # the files that loaded without a problem, as `load` does
        raise
    # The state is kept for the map as it is, not as of a date.
    state_base = base if key is not None and as_of is None else None
    with CacheWriter(root, amap, store, walked, digests, state_base, jobs=jobs) as writer:
        description = None
        if as_of is not None:
            from argmap.timeline import snapshot

            moment = snapshot(amap, as_of)
            amap, description = moment.map, moment.describe()
        findings = check(amap, select=select, ignore=ignore, progress=check_progress)
        records = len(amap.claims) + len(amap.evidence)
        run = CheckRun(findings, records, description, map=amap, checked=records)
        if key is not None and base is not None:
            depends_on = external_files(amap)
            packed = [finding.packed() for finding in findings]
            _write_run(key, run, depends_on, packed)
            writer.finish(packed, [[name, _file_state(name)] for name in depends_on])
    return run


def _recheck_changed_files(
    root: Path,
    base: str,
    key: str,
    walked: dict[str, bytes | None],
    digests: dict[str, str | None],
    select: Sequence[str],
    ignore: Sequence[str],
) -> CheckRun | None:
    """The run from the last stored state and the files changed since (`argmap.incremental`)."""
    from argmap import incremental
    from argmap.limits import active

    state = incremental.read_state(base)
    if state is None or any(_file_state(name) != was for name, was in state.depends_on):
        return None
    result = incremental.recheck(
        root, state, walked, digests, select=select, ignore=ignore, limits=active()
    )
    if result is None:
        return None
    depends_on = sorted({name for name, _ in state.depends_on} | set(external_files(result.map)))
    result.state.depends_on = [[name, _file_state(name)] for name in depends_on]
    checked = len(result.map.claims) + len(result.map.evidence)
    run = CheckRun(result.findings, result.records, None, incremental=True, checked=checked)
    _write_run(key, run, depends_on, [packed for _, packed in result.state.findings])
    incremental.write_state(base, result.state)
    return run


def run_key(
    root: Path,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    as_of: str | None = None,
    options: Mapping[str, str] | None = None,
) -> str | None:
    """The key of a check of ``root`` with these options, or None when it cannot be cached."""
    base = base_key(root, select=select, ignore=ignore, as_of=as_of, options=options)
    return None if base is None else _content_key(base, file_digests(dict(_map_files(root))))


def base_key(
    root: Path,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    as_of: str | None = None,
    options: Mapping[str, str] | None = None,
) -> str | None:
    """The key of everything but the map's files, or None when the run cannot be cached."""
    digest = hashlib.sha256()

    def add(*parts: str) -> None:
        for part in parts:
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")

    add(f"format {FORMAT}", code_fingerprint())
    # Findings show paths as the map was named, which may be relative to the working directory.
    try:
        add("root", os.fspath(root), "cwd", os.getcwd())
    except OSError:  # the working directory is gone
        return None
    add("select", *sorted(select), "ignore", *sorted(ignore), "as_of", as_of or "")
    add("limits", _limits_key())
    for name, value in sorted((options or {}).items()):
        add(name, value)
    return digest.hexdigest()


def file_digests(walked: Mapping[str, bytes | None]) -> dict[str, str | None]:
    """The SHA-256 (hex) of every walked file's bytes; None for a file that could not be read.

    Computed once per run: the run's key, the incremental re-check and its state all use them.
    """
    return {
        name: None if content is None else hashlib.sha256(content).hexdigest()
        for name, content in walked.items()
    }


def _content_key(base: str, digests: Mapping[str, str | None]) -> str | None:
    digest = hashlib.sha256(base.encode())
    for relative, file_digest in digests.items():
        if file_digest is None:
            return None
        digest.update(relative.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(file_digest.encode())
    return digest.hexdigest()


def _limits_key() -> str:
    try:
        from argmap.limits import active, outside_sources_allowed
    except ImportError:  # pragma: no cover - limits are part of argmap
        return ""
    return f"{active().key()};outside-sources={outside_sources_allowed()}"


_fingerprint: str | None = None


def code_fingerprint() -> str:
    """A hash of argmap's code and of the versions that decide what it finds."""
    global _fingerprint
    if _fingerprint is None:
        import argmap

        digest = hashlib.sha256()
        digest.update(f"{argmap.__version__}\0{sys.version}\0".encode())
        for library, import_name in _LIBRARIES.items():
            digest.update(f"{library} {_library_version(library, import_name)}\0".encode())
        package = Path(argmap.__file__).parent
        for module in sorted(package.rglob("*.py")):
            digest.update(module.relative_to(package).as_posix().encode() + b"\0")
            digest.update(module.read_bytes())
        _fingerprint = digest.hexdigest()
    return _fingerprint


def _library_version(library: str, module: str) -> str:
    """The installed version of ``library``, read from its ``.dist-info`` folder's name.

    importlib.metadata would answer too, but importing it (and the email package it reads
    metadata with) takes 0.01-0.02 s, a tenth of a cached re-check; the folder beside the
    package says the same. importlib.metadata stays the fallback for any other layout.
    """
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return "absent"
    folder = os.path.dirname(next(iter(spec.submodule_search_locations)))
    prefix = library.lower().replace("-", "_") + "-"
    try:
        names = os.listdir(folder)
    except OSError:
        names = []
    for name in names:
        if name.endswith(".dist-info") and name.lower().startswith(prefix):
            return name[len(prefix) : -len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "absent"


def _map_files(root: Path) -> Iterator[tuple[str, bytes | None]]:
    """Every file of the map as (path relative to the root, bytes or None if unreadable)."""
    for name in CONFIG_NAMES:
        config = root / name
        if os.path.lexists(config):
            yield name, _read_regular(config)
    for name in RECORD_DIR_NAMES:
        directory = root / name
        if not os.path.lexists(directory):
            yield f"{name}/ absent", b""
            continue
        seen: set[tuple[int, int]] = set()
        yield from _walk(directory, name, seen)


def _walk(
    directory: Path, relative: str, seen: set[tuple[int, int]]
) -> Iterator[tuple[str, bytes | None]]:
    try:
        status = os.stat(directory)
    except OSError:
        yield relative, None
        return
    if not stat.S_ISDIR(status.st_mode):
        yield relative, _read_regular(directory)
        return
    if (status.st_dev, status.st_ino) in seen:  # a link back up: the loader reports the loop
        yield relative, None
        return
    seen.add((status.st_dev, status.st_ino))
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        yield relative, None
        return
    for entry in entries:
        child = f"{relative}/{entry.name}"
        if entry.is_dir():  # follows links, as the loader does
            yield from _walk(Path(entry.path), child, seen)
        else:
            yield child, _read_regular(Path(entry.path))


def _read_regular(path: Path) -> bytes | None:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # never open a FIFO or device: it could block
        return path.read_bytes()
    except OSError:
        return None


def external_files(amap: ArgumentMap) -> list[str]:
    """The files outside ``claims/`` and ``evidence/`` that this map's findings depend on."""
    from argmap.anchoring import sources_with_text

    root = amap.root if amap.root is not None else Path()
    paths = {str(root / source.text) for source, _, _ in sources_with_text(amap) if source.text}
    return sorted(paths)


def _file_state(path: str) -> str:
    content = _read_regular(Path(path))
    return "missing" if content is None else hashlib.sha256(content).hexdigest()


def _runs_dir() -> Path:
    from argmap.cache import cache_dir

    return cache_dir() / "runs"


def run_path(key: str) -> Path:
    """Where the run with this key is stored."""
    return _runs_dir() / f"{key}.marshal"


def _read_run(key: str) -> CheckRun | None:
    try:
        stored = marshal.loads(run_path(key).read_bytes())
        for path, state in stored["depends_on"]:
            if _file_state(path) != state:
                return None
        findings = [Finding.unpacked(item) for item in stored["findings"]]
        return CheckRun(findings, int(stored["records"]), stored["as_of"], from_cache=True)
    except Exception:  # noqa: BLE001 - a missing or corrupt entry is no entry
        return None


def _write_run(
    key: str, run: CheckRun, depends_on: list[str], packed: list[list[Any]] | None = None
) -> None:
    """Store ``run``; ``packed``, if given, is its findings already packed, in order."""
    stored = {
        "format": FORMAT,
        "records": run.records,
        "as_of": run.as_of,
        "depends_on": [[path, _file_state(path)] for path in depends_on],
        "findings": packed if packed is not None else [f.packed() for f in run.findings],
    }
    from argmap.cache import store_entry

    if store_entry(run_path(key), marshal.dumps(stored)):
        prune(_runs_dir(), KEEP_RUNS)


def prune(directory: Path, keep: int) -> None:
    """Delete all but the ``keep`` most recently written entries of ``directory``.

    A stored run of a 100,000-record map is 8 MB, and every edit makes a new one: without this,
    re-checking a large map all day would fill the disk.
    """
    try:
        entries = [(entry.stat().st_mtime_ns, entry.path) for entry in os.scandir(directory)]
    except OSError:
        return
    entries.sort(reverse=True)
    for _, path in entries[keep:]:
        with contextlib.suppress(OSError):
            os.unlink(path)
