"""Writing what a full check leaves for the next one, beside the checks when it pays.

A full check with caches leaves two things behind: the parse-cache entries of the files it read
(`argmap.cache.MapCache`) and the state re-checks start from (`argmap.incremental`). On a
100,000-record map that is 0.5 s of a 3 s check, and almost none of it waits for the findings:
pickling the entries does not need them, nor does the state's larger part, what the map
decides (`argmap.incremental.MapFacts`: 0.2 s to work out, 13 MB); only placing the findings in
their components does (0.02 s).

So with ``jobs`` >= 2 a second process, forked once the map is loaded, writes the entries and
the state's map part while this one runs the checks, then sends the component numbers back.
When the findings are known (`CacheWriter.finish`), this process places them and writes them,
under the same token as the map part, which completes the state; it waits for the other process
first, so a check returns with its caches written, exactly as with one process. It is used only
where it pays and is safe: a map of `ASIDE_FROM` records or more, a platform that forks and no
other thread running (a fork copies only the calling thread). Otherwise the same work is done
here, in the same order.

What the other process writes is an optimisation, as the caches are: if it fails it says
nothing, and the next check finds no entries or no state (a map part and findings of two
different tokens are none) and reads the map in full. It ignores Ctrl-C: when this process is
interrupted, it stops waiting for the other one, which finishes the entries it was writing.

>>> with CacheWriter(root, amap, store, walked, digests, base, jobs=2) as writer:  # doctest: +SKIP
...     findings = check(amap)
...     writer.finish([finding.packed() for finding in findings], depends_on=[])
"""

from __future__ import annotations

import marshal
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing_extensions import Self  # typing's own from Python 3.11; pydantic needs it

    from argmap.argument_map import ArgumentMap
    from argmap.cache import MapCache

ASIDE_FROM = 5_000
"""Records a map must have for its caches to be written by another process: on smaller maps
the writing takes less time (5 µs a record) than starting the process."""


class CacheWriter:
    """Writes the parse-cache entries of a loaded map and, if ``base`` is given, the state of
    its full check (`argmap.incremental.write_state` under ``base``): by another process while
    this one checks (see the module's docstring), or here."""

    def __init__(
        self,
        root: Path,
        amap: ArgumentMap,
        store: MapCache | None,
        walked: dict[str, bytes | None],
        digests: dict[str, str | None],
        base: str | None,
        *,
        jobs: int = 1,
    ) -> None:
        """With ``jobs`` >= 2 the other process starts now, if it is used; else ``store`` is
        saved now, as `argmap.load.load` saves its cache, right after loading."""
        self.root = root
        self.amap = amap
        self.store = store
        self.walked = walked
        self.digests = digests
        self.base = base
        self.token = ""
        """Names the state the other process writes the map part of (`new_token`)."""
        self.process: Any = None
        self.receiver: Any = None
        if jobs >= 2 and (store is not None or base is not None) and _can_fork(amap):
            self._fork()
        elif store is not None:
            store.save()

    def _fork(self) -> None:
        import multiprocessing

        from argmap.incremental.state import new_token

        self.token = new_token()
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=self._write_elsewhere, args=(receiver, sender), daemon=True
        )
        process.start()
        sender.close()
        self.process, self.receiver = process, receiver

    def _write_elsewhere(self, receiver: Any, sender: Any) -> None:
        """The other process: the entries, the state's map part, then the component numbers
        (None when no state can be kept) for `finish`."""
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the loading process decides (docstring)
        receiver.close()  # this process's copy: only the other one reads
        try:
            if self.store is not None:
                self.store.save()
            if self.base is None:
                return
            from argmap.incremental import map_facts
            from argmap.incremental.state import store_map_data

            facts = map_facts(self.root, self.amap, self.walked, self.digests)
            placing = None
            if facts is not None and store_map_data(self.base, facts.map_data(self.token)):
                placing = (facts.numbers, facts.config_path)
            sender.send_bytes(marshal.dumps(placing))
        # Say nothing on failure: the caches are an optimisation (module docstring).
        except BaseException:  # noqa: BLE001, S110
            pass
        finally:
            sender.close()

    def finish(self, packed: list[list[Any]], depends_on: list[list[str]]) -> None:
        """Write the state of the check that found these findings (`Finding.packed`, in
        order), with the files outside the map they depend on (`argmap.recheck`'s
        ``depends_on``); wait for the other process first."""
        if self.base is None:
            self.close()
            return
        from argmap.incremental.state import (
            build_state,
            drop_state,
            findings_data,
            place,
            store_findings_data,
            write_state,
        )

        if self.process is None:
            state = build_state(self.root, self.amap, packed, self.walked, self.digests)
            if state is not None:
                state.depends_on = depends_on
            write_state(self.base, state)  # None: no state can be kept, so the old one goes
            return
        try:
            data = self.receiver.recv_bytes()
        except (EOFError, OSError):  # it failed: then it wrote no state, nor will this one
            data = None
        self.close()
        if data is None:
            return
        placing = marshal.loads(data)
        placed = None if placing is None else place(packed, *placing)
        if placed is None:
            drop_state(self.base)  # no state can be kept
        else:
            store_findings_data(self.base, findings_data(self.token, placed, depends_on))

    def close(self) -> None:
        """Stop listening to the other process and wait for it to end."""
        if self.receiver is not None:
            self.receiver.close()
            self.receiver = None
        if self.process is not None:
            self.process.join()
            self.process = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _can_fork(amap: ArgumentMap) -> bool:
    if len(amap.claims) + len(amap.evidence) < ASIDE_FROM:
        return False
    import multiprocessing
    import threading

    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
