"""A function over a stream of items on every core, the results handed back in the items' order.

Small jobs never leave the process. Once the work done here has taken a while, worker
processes are started in the background; until they are up, and whenever the next result
is not ready, this process takes the next piece of work itself, so starting them never
makes a job wait. Only a bounded number of items is in flight, so a long stream (a crawl)
is never held in memory. The workers are new Python processes ("spawn"): they hold nothing
of this one (no locks, no threads), which is safe inside a threaded program such as the
preview server. Only where nothing but this thread runs as they start (a large job starts
them at once) are they forks of this process, which are ready at once, with the code
loaded already, and hold no lock another thread could have left taken. Either way they are
this process's children, so their time and memory count in its resource usage.
"""

import importlib
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

CHUNK_SECONDS = 0.02
"""About how long a piece of work sent at once should take: long enough to be worth a round trip to a
worker, short enough that this process never waits long for one it could have done itself."""
MAX_CHUNK = 32
AHEAD = 8
"""Pieces of work in flight: enough to keep every worker busy, few enough to bound memory."""
PARENT_CHECK_SECONDS = 0.5
START_AFTER_SECONDS = 0.1
"""Work done here before workers are started: below this, starting them costs more than it saves. A worker
that loads only what the function needs is ready in about 0.15 s."""


def cores() -> int:
    """The cores this process may run on (fewer than the machine's in a container or under taskset)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class _Chunk:
    values: list = field(default_factory=list)
    left: int = 0
    """Its items not yet handed back."""
    future: Future | None = None
    results: list | None = None


@dataclass
class _Workers:
    """A process pool started in a thread, so that this process goes on working while it starts."""

    count: int
    module: str
    """The module that defines the function, loaded by each worker as it starts."""
    pool: ProcessPoolExecutor | None = None
    ready: threading.Event = field(default_factory=threading.Event)
    broken: bool = False
    closed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        if _alone():
            self._start("fork")
        else:
            threading.Thread(target=self._start, args=("spawn",), daemon=True).start()

    def _start(self, method: str) -> None:
        try:
            pool = ProcessPoolExecutor(
                self.count,
                mp_context=multiprocessing.get_context(method),
                initializer=_follow_parent,
                initargs=(os.getpid(),),
            )
        except (OSError, ValueError):
            self.broken = True  # no workers here: the work goes on in this process
            self.ready.set()
            return
        try:
            # The pool starts its processes on demand: a call each brings them all up, with the code loaded.
            for started in [pool.submit(_load, self.module) for _ in range(self.count)]:
                started.result()
        except (OSError, BrokenProcessPool, ImportError):
            self.broken = True
        else:
            with self.lock:
                if not self.closed:
                    self.pool = pool
        finally:
            if self.pool is None:
                pool.shutdown(wait=True, cancel_futures=True)
            self.ready.set()

    def usable(self) -> bool:
        return self.ready.is_set() and self.pool is not None and not self.broken

    def close(self) -> None:
        """Stop the workers, waiting for ones still starting to be up and stopped: a process cut off as it
        starts, when this one exits, fails loudly (a traceback on the terminal, semaphores reported leaked)."""
        with self.lock:
            self.closed = True
        self.ready.wait()  # a start that finds the workers closed stops them itself
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _alone() -> bool:
    """Whether this process may fork its workers: on Linux, with nothing running but this, its main thread."""
    return (
        sys.platform.startswith("linux")
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
    )


def _follow_parent(parent: int) -> None:
    """In a worker: end it when the process that started it is gone (killed, say), rather than wait forever.

    A worker waits for work on a pipe whose other end it holds too, so it would never see the end of it.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _load(module: str) -> None:
    importlib.import_module(module)


def _apply(function: Callable, values: list) -> list:
    return [function(value) for value in values]


class _OrderedMap:
    def __init__(self, function: Callable, workers: int, at_once: bool = False):
        self.function = function
        self.workers = _Workers(workers, function.__module__) if workers > 0 else None
        self.started = False
        if at_once and self.workers is not None:
            self.started = True
            self.workers.start()
        self.busy = 0.0
        """Seconds of work done in this process."""
        self.chunk_size = 1
        """Items per piece of work, set from the time an item takes."""
        self.sent: deque[_Chunk] = deque()
        """Pieces of work complete, in order, whose items are not all handed back."""

    def run_here(self, chunk: _Chunk) -> None:
        start = time.perf_counter()
        chunk.results = _apply(self.function, chunk.values)
        spent = time.perf_counter() - start
        self.busy += spent
        self.chunk_size = max(1, min(MAX_CHUNK, int(CHUNK_SECONDS * len(chunk.values) / max(spent, 1e-6))))
        if self.workers is not None and not self.started and self.busy > START_AFTER_SECONDS:
            self.started = True
            self.workers.start()

    def send(self, chunk: _Chunk) -> None:
        """Queue a complete piece of work: for a free worker, else for this process."""
        self.sent.append(chunk)
        self._dispatch()
        if self.workers is None or not self.started:
            self.run_here(chunk)

    def _dispatch(self) -> None:
        """Hand waiting pieces to the workers, oldest first, while one is free (or about to be)."""
        workers = self.workers
        if workers is None or not workers.usable():
            return
        # Each worker has one piece and one waiting: more would wait where this process cannot take them back.
        room = 2 * workers.count - sum(1 for c in self.sent if c.future is not None and not c.future.done())
        for chunk in self.sent:
            if room <= 0:
                break
            if chunk.future is None and chunk.results is None:
                try:
                    chunk.future = workers.pool.submit(_apply, self.function, chunk.values)
                except BrokenProcessPool:
                    workers.broken = True
                    return
                room -= 1

    def results(self, chunk: _Chunk) -> list:
        while chunk.results is None:
            if chunk.future is None:
                self.run_here(chunk)
            elif chunk.future.done():
                try:
                    chunk.results = chunk.future.result()
                except BrokenProcessPool:
                    self.workers.broken = True
                    self.run_here(chunk)
            else:
                # Rather than wait, take the latest piece no worker has, leaving the earlier ones to them.
                waiting = next((c for c in reversed(self.sent) if c.future is None and c.results is None), None)
                if waiting is not None:
                    self.run_here(waiting)
                    self._dispatch()
                else:
                    wait([chunk.future], return_when=FIRST_COMPLETED)
            self._dispatch()
        return chunk.results

    def close(self) -> None:
        if self.started:
            self.workers.close()


def _ready(chunk: _Chunk | None, filling: _Chunk | None, crowded: bool) -> bool:
    if chunk is None:
        return True
    if chunk is filling:
        return False
    return crowded or chunk.results is not None or (chunk.future is not None and chunk.future.done())


def map_in_order(
    function: Callable[[Any], Any],
    items: Iterable,
    wanted: Callable[[Any], bool],
    *,
    workers: int | None = None,
    at_once: bool = False,
) -> Iterator[tuple[Any, Any]]:
    """``(item, function(item))`` for each item, in order; ``(item, None)`` for an item not ``wanted``.

    ``function`` must be defined at the top of a module, so that workers can load it. ``workers``
    is how many processes besides this one may work: by default one per core, less this one.
    ``at_once`` starts them now, for a caller that knows much work is coming, rather than once the
    work done here has taken a while.
    """
    mapping = _OrderedMap(function, (cores() if workers is None else workers + 1) - 1, at_once)
    slots: deque[tuple[Any, _Chunk | None, int]] = deque()
    filling: _Chunk | None = None

    def hand_back() -> tuple[Any, Any]:
        item, chunk, index = slots.popleft()
        if chunk is None:
            return item, None
        result = mapping.results(chunk)[index]
        chunk.left -= 1
        if chunk.left == 0:
            mapping.sent.popleft()
        return item, result

    try:
        for item in items:
            if wanted(item):
                if filling is None:
                    filling = _Chunk()
                slots.append((item, filling, len(filling.values)))
                filling.values.append(item)
                filling.left += 1
                if len(filling.values) >= mapping.chunk_size:
                    mapping.send(filling)
                    filling = None
            else:
                slots.append((item, None, 0))
            # Hand back what needs no waiting; wait only when too much is in flight.
            while slots and _ready(slots[0][1], filling, len(mapping.sent) > AHEAD):
                yield hand_back()
        if filling is not None:
            mapping.send(filling)
        while slots:
            yield hand_back()
    finally:
        mapping.close()
