"""Writing files so that a crash never leaves one half-written."""

import hashlib
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"
_batch: ContextVar[list[tuple[str, Path]] | None] = ContextVar("_batch", default=None)
"""Complete temporary files waiting for one flush to disk before they are renamed into place."""


def sha256(data: bytes) -> str:
    """Hex digest, to recognise a file the import wrote."""
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> os.stat_result:
    """Write to a hidden temporary file beside ``path``, then rename it over ``path``; returns the file's stat.

    Inside :func:`batched_writes` the rename waits for the end of the batch. A rename keeps the
    file's size, modification time and inode, so the stat is that of ``path`` once it is in place.
    """
    pending = _batch.get()
    if pending is not None:
        temporary, written = _write_temporary(path, data, durable=False)
        pending.append((temporary, path))
        return written
    with _staged(path, data) as (temporary, written):
        os.replace(temporary, path)
    return written


@contextmanager
def batched_writes() -> Iterator[None]:
    """Let every :func:`write_atomic` inside wait, then flush them all to disk at once and rename them in order.

    Flushing each file on its own costs a disk round trip per file; one flush for thousands of
    files keeps the same promise: a file is renamed into place only once its bytes are on disk.
    """
    pending: list[tuple[str, Path]] = []
    token = _batch.set(pending)
    try:
        yield
    finally:
        _batch.reset(token)
        try:
            if pending:
                os.sync()
            for temporary, path in pending:
                os.replace(temporary, path)
        finally:
            for temporary, _ in pending:
                Path(temporary).unlink(missing_ok=True)


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
    temporary, written = _write_temporary(path, data, durable=True)
    try:
        yield temporary, written
    finally:
        Path(temporary).unlink(missing_ok=True)


def _write_temporary(path: Path, data: bytes, durable: bool) -> tuple[str, os.stat_result]:
    """A hidden temporary file beside ``path`` holding ``data``, flushed to disk when ``durable``, and its stat."""
    while True:
        temporary = str(path.parent / f".{path.name}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")
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
