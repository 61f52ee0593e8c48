"""Writing files so that a crash never leaves one half-written."""

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"


def sha256(data: bytes) -> str:
    """Hex digest, to recognise a file the import wrote."""
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a hidden temporary file beside ``path``, then rename it over ``path``."""
    with _staged(path, data) as temporary:
        os.replace(temporary, path)


def write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet: :class:`FileExistsError` if it does, whoever made it meanwhile."""
    with _staged(path, data) as temporary:
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
def _staged(path: Path, data: bytes) -> Iterator[str]:
    """``data`` in a complete hidden temporary file beside ``path``, removed afterwards."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        yield temporary
    finally:
        Path(temporary).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
