"""Writing files so that a crash never leaves one half-written."""

import hashlib
import os
import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"
FLUSH_SECONDS = 0.25
"""How often a batch's files are flushed to disk while it lasts."""


class _Batch:
    """Complete temporary files waiting for a flush to disk before they are renamed into place.

    While the batch lasts, a thread flushes what was written so far every :data:`FLUSH_SECONDS`, so
    the disk writes as the files come rather than all at the end; the flush at the end, which alone
    decides that the files may be renamed, then has little left to write.
    """

    def __init__(self) -> None:
        self.pending: list[tuple[str, Path | str]] = []
        self.done = threading.Event()
        self.flusher: threading.Thread | None = None

    def add(self, temporary: str, path: Path | str) -> None:
        self.pending.append((temporary, path))
        if self.flusher is None:
            self.flusher = threading.Thread(target=self._flush, daemon=True)
            self.flusher.start()

    def _flush(self) -> None:
        flushed = 0
        while not self.done.wait(FLUSH_SECONDS):
            if len(self.pending) > flushed:
                flushed = len(self.pending)
                os.sync()

    def end(self) -> None:
        """Flush every file to disk, then rename each into place in order; remove any not renamed."""
        self.done.set()
        renamed = 0
        try:
            if self.pending:
                os.sync()  # whatever flush the thread is still making, this one covers every file
            for temporary, path in self.pending:
                os.replace(temporary, path)
                renamed += 1
        finally:
            for temporary, _ in self.pending[renamed:]:
                Path(temporary).unlink(missing_ok=True)
            if self.flusher is not None:
                self.flusher.join()


_batch: ContextVar[_Batch | None] = ContextVar("_batch", default=None)


def sha256(data: bytes) -> str:
    """Hex digest, to recognise a file the import wrote."""
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> os.stat_result:
    """Write to a hidden temporary file beside ``path``, then rename it over ``path``; returns the file's stat.

    Inside :func:`batched_writes` the rename waits for the end of the batch. A rename keeps the
    file's size, modification time and inode, so the stat is that of ``path`` once it is in place.
    """
    batch = _batch.get()
    if batch is not None:
        temporary, written = write_temporary(path, data)
        batch.add(temporary, path)
        return written
    with _staged(path, data) as (temporary, written):
        os.replace(temporary, path)
    return written


def put_in_place(temporary: str, path: Path | str) -> None:
    """Rename a complete file made by :func:`write_temporary` (in ``path``'s folder) over ``path``, as
    :func:`write_atomic` does: at the end of the batch, or now once it is flushed to disk."""
    batch = _batch.get()
    if batch is not None:
        batch.add(temporary, path)
        return
    try:
        handle = os.open(temporary, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def batched_writes() -> Iterator[None]:
    """Let every :func:`write_atomic` inside wait, then flush them all to disk at once and rename them in order.

    Flushing each file on its own costs a disk round trip per file; one flush for thousands of
    files keeps the same promise: a file is renamed into place only once its bytes are on disk.
    """
    batch = _Batch()
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
        batch.end()


def write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet: :class:`FileExistsError` if it does, whoever made it meanwhile."""
    with _staged(path, data) as (temporary, _):
        # A hard link is made whole or not at all, and never replaces an existing file.
        os.link(temporary, path)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files a write killed before its rename left in ``folder``; returns them.

    Only for a caller that holds the folder alone (the import, under its lock).
    """
    leftovers = [path for path in folder.glob(f".*{TEMPORARY_SUFFIX}") if path.is_file()]
    for path in leftovers:
        path.unlink(missing_ok=True)
    return leftovers


@contextmanager
def _staged(path: Path, data: bytes) -> Iterator[tuple[str, os.stat_result]]:
    """``data`` in a complete hidden temporary file beside ``path``, and its stat; the file is removed afterwards."""
    temporary, written = write_temporary(path, data, durable=True)
    try:
        yield temporary, written
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_temporary(path: Path | str, data: bytes, durable: bool = False) -> tuple[str, os.stat_result]:
    """A hidden temporary file beside ``path`` holding ``data``, flushed to disk when ``durable``, and its stat.

    Any process may write one; the import's cleanup (:func:`remove_leftovers`) removes those never put in place.
    """
    folder, name = os.path.split(path)
    while True:
        # Any name nobody has will do (O_EXCL makes sure): a pseudo-random one costs no system call.
        temporary = os.path.join(folder, f".{name}.{random.getrandbits(32):08x}{TEMPORARY_SUFFIX}")
        try:
            # Created new, like mkstemp, but with the permissions the umask gives any new file.
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:
            continue
        break
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
        if durable:
            os.fsync(handle)
        written = os.fstat(handle)
    except BaseException:
        os.close(handle)
        Path(temporary).unlink(missing_ok=True)
        raise
    os.close(handle)
    return temporary, written
