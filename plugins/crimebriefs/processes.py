"""Work shared among forked processes, so that a build uses every core where Pelican alone uses one.

The processes are forked from the build, so they start with everything it has read: the
settings, the templates, every article. Only small things travel back: what each item gave.
"""

import logging
import multiprocessing
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

ITEMS_PER_PROCESS = 8
"""Fewer items than this per process cost more to hand out than they save."""

_work: tuple[Callable, Sequence] | None = None
"""The function and items of the current map, inherited by the forked processes."""


def usable(processes: int, items: int) -> int:
    """How many processes to share ``items`` among: 1 where forking costs more than it saves, or cannot be done."""
    if processes <= 1 or items < 2 * ITEMS_PER_PROCESS or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(processes, items // ITEMS_PER_PROCESS)


def map_forked(function: Callable[[T], R], items: Sequence[T], processes: int) -> list[R]:
    """``[function(item) for item in items]``, in that order, shared among ``processes`` forked processes.

    An exception raised for any item is raised here, after the processes are stopped.
    """
    global _work
    if processes <= 1:
        return [function(item) for item in items]
    with spinner_paused():
        if threading.active_count() > 1:
            # A process forked while another thread runs (the preview server's) may inherit a lock held for ever.
            return [function(item) for item in items]
        # Whatever is buffered would otherwise be written again by every process.
        sys.stdout.flush()
        sys.stderr.flush()
        _work = (function, items)
        logger.debug("%s: %d items in %d processes", getattr(function, "__qualname__", function), len(items), processes)
        try:
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                # Small chunks keep every process busy to the end when some items take longer than others.
                chunk = max(1, len(items) // (processes * 16))
                return pool.map(_run, range(len(items)), chunksize=chunk)
        finally:
            _work = None


def _run(index: int):
    function, items = _work
    return function(items[index])


@contextmanager
def spinner_paused() -> Iterator[None]:
    """Stop the "Generating..." spinner ``pelican`` shows while it works: a thread of rich's draws it."""
    from pelican.log import console

    lives = list(getattr(console, "_live_stack", ()))
    threads = [thread for live in lives if (thread := getattr(live, "_refresh_thread", None)) is not None]
    for live in reversed(lives):
        live.stop()
    for thread in threads:
        thread.join()
    try:
        yield
    finally:
        for live in lives:
            live.start()
