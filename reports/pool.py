"""Reports rendered by a pool of worker processes, off the process that handles updates.

Rendering the compiled report of a large agency (workbook, PDF and charts) is seconds of pure
Python. In the bot's own process it would hold the interpreter lock all that time, and every
other official's update would wait behind it. The pool renders in other processes: the
update that asked for the report waits for it (its step completes with the files), the others
go on. ``workers=0`` renders in the calling thread (the CLI's one-off commands, and tests that
want no child processes).

Only plain data crosses to a worker: the renderers (``reports.workbooks``, ``report_pdf``,
``esr``, ``charts``) take values, not sessions, and return bytes. The local zone goes along, so
that a time a renderer writes is in the agency's zone as in the calling thread.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import tzinfo
from typing import Any, TypeVar

from bot.domain.clock import local_zone, use_zone

log = logging.getLogger(__name__)
T = TypeVar("T")
PARENT_CHECK = 1.0  # seconds between a worker's looks at whether the bot is still there


class ReportPool:
    def __init__(self, workers: int = 0) -> None:
        self.workers = max(0, workers)
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def render(self, renderer: Callable[..., T], /, **values: Any) -> T:
        """``renderer(**values)`` in a worker process (here with no workers). A worker that
        died (killed, out of memory) is replaced and the rendering tried once more."""
        if self.workers == 0:
            return renderer(**values)
        for attempt in (1, 2):
            try:
                return self._pool().submit(_in_zone, local_zone(), renderer, values).result()
            except BrokenProcessPool:
                log.warning("a report worker died; starting the pool again")
                self._discard()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                # Spawned, not forked: the bot's process has threads and an event loop that a
                # fork would copy half-way.
                self._executor = ProcessPoolExecutor(
                    self.workers, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_end_with, initargs=(os.getpid(),))
            return self._executor

    def _discard(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _end_with(parent: int) -> None:
    """In a worker: end once the process that started it is gone. A bot killed outright
    (SIGKILL, out of memory) cannot stop its pool, and a worker waiting for work would wait
    forever: it holds both ends of its own queue, so it never reads an end of file."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _in_zone(zone: tzinfo, renderer: Callable[..., T], values: dict[str, Any]) -> T:
    use_zone(zone)
    return renderer(**values)
