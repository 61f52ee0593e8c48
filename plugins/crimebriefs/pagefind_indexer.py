"""Index search records with Pagefind, in a process of its own.

    python -P plugins/crimebriefs/pagefind_indexer.py WORK_DIR BUNDLE_DIR PREVIOUS_BUNDLE_DIR

The build starts it once the briefs are read, so that Pagefind indexes while Pelican renders the
pages. It writes the bundle into ``BUNDLE_DIR`` and exits 0; on failure it exits 1 with the
reason, in Pagefind's own words, as the last line of its standard error. It imports nothing of
crimebriefs (whose package loads Pelican): ``WORK_DIR`` holds the list of parts and a records
file per part, JSON lines of ``url`` and ``html`` as :func:`crimebriefs.search_records.write_records`
writes them; a part unchanged since ``PREVIOUS_BUNDLE_DIR`` was made is taken from it.

Each part's records are written out as the pages of a small site, which Pagefind's command indexes
as it would the built site; a part with a URL no file would be named by is sent through Pagefind's
Python API instead, which takes each URL as given but costs a third more, in this process and Pagefind's.
"""

import asyncio
import base64
import contextlib
import ctypes
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from pagefind.service import PagefindService, get_executable

CHUNK = 1 << 20
"""Bytes read from Pagefind at a time."""
IN_FLIGHT = 64
"""Records sent to Pagefind before waiting for its answers: enough to keep it busy, few enough to hold."""


class PagefindError(Exception):
    """Pagefind refused a request, or stopped."""


class ResponsiveService(PagefindService):
    """Pagefind's service, reading each answer as soon as it comes, whatever its size.

    The package's own reader sleeps a tenth of a second before each answer, which makes a
    thousand records take over a hundred seconds; it cannot read an answer over 2 MiB (the
    bundle's files); and it waits forever once Pagefind has stopped.
    """

    async def _wait_for_responses(self) -> None:
        stdout, buffer, searched = self._backend.stdout, bytearray(), 0
        said = []  # what Pagefind wrote outside its answers: a panic's message, say
        while True:
            end = buffer.find(b",", searched)  # base64 has no commas: each answer ends at one
            if end < 0:
                searched = len(buffer)
                if not (chunk := await stdout.read(CHUNK)):
                    text = b"".join([*said, buffer]).decode("utf-8", "replace")
                    self._fail_all(stopped(text))
                    return
                buffer += chunk
                continue
            message = bytes(buffer[:end])
            del buffer[: end + 1]
            searched = 0
            try:
                response = json.loads(base64.b64decode(message, validate=True))
                payload = response["payload"]
            except (ValueError, TypeError, KeyError):
                said.append(message + b",")
                continue
            message_id = response.get("message_id")
            if message_id is None and payload.get("original_message"):
                message_id = json.loads(payload["original_message"]).get("message_id")
            future = self._responses.pop(message_id, None)
            if future is None or future.done():
                continue
            if payload["type"] == "Error":
                future.set_exception(PagefindError(payload["message"]))
            else:
                future.set_result(payload)

    async def finish(self) -> int:
        """Let Pagefind exit at the end of its input; return its exit status."""
        self._backend.stdin.close()
        status = await self._backend.wait()
        self._poll_task.cancel()
        return status

    def _fail_all(self, error: Exception) -> None:
        for future in self._responses.values():
            if not future.done():
                future.set_exception(error)
        self._responses.clear()


def read_records(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as file:
        for line in file:
            yield json.loads(line)


def stopped(said: str) -> PagefindError:
    """Pagefind stopped before its work was done, in its own last words, if any."""
    return PagefindError(" ".join(["Pagefind stopped:", *last_words(said)]).rstrip(":"))


def last_words(text: str) -> list[str]:
    """The lines of a panic's message, without its backtrace."""
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.startswith((" ", "stack backtrace:", "note:"))
    ]


PARTS = "crimebriefs-parts.json"


async def index_parts(work: Path, bundle: Path, previous: Path) -> int:
    """Index each part the build listed in ``work/PARTS`` into ``bundle``; return the number of parts indexed.

    Pagefind holds all it indexes in memory until it writes the index, some 200 KB a brief. So
    that a site of any size fits, the briefs come in parts, each a bundle of its own in
    ``bundle/parts/N/``, listed in ``bundle/PARTS``; the search page merges them. One part is
    held at a time, and a part whose records are those of the ``previous`` bundle's part is
    taken from it as it is.
    """
    parts = json.loads((work / PARTS).read_text(encoding="utf-8"))
    try:
        before = {part["path"]: part["digest"] for part in json.loads((previous / PARTS).read_text(encoding="utf-8"))}
    except (OSError, ValueError, TypeError, KeyError):
        before = {}
    indexed = 0
    for number, part in enumerate(parts):
        folder, old = bundle / part["path"], previous / part["path"]
        if before.get(part["path"]) == part["digest"] and (old / "pagefind-entry.json").is_file():
            # Linked, not copied: the old bundle is removed once the new one is in place.
            shutil.copytree(old, folder, copy_function=link_or_copy)
            continue
        records = list(read_records(work / part["records"]))
        files = [page_file(record["url"]) for record in records]
        site = work / "pages" / str(number)
        # Two URLs apart only in case would be one file on some file systems.
        apart = None not in files and len({file.casefold() for file in files}) == len(files)
        if not apart or not write_pages(records, files, site):
            await index_part(records, folder)
        else:
            index_pages(site, folder)
        indexed += 1
    listing = [{"path": part["path"], "digest": part["digest"]} for part in parts]
    (bundle / PARTS).write_text(json.dumps(listing) + "\n", encoding="utf-8")
    return indexed


def link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


SAFE_URL = re.compile(r"/(?:[A-Za-z0-9._~-]+/)*(?:[A-Za-z0-9._~-]+\.html)?")
"""A URL whose file, in a site, Pagefind's command names by that same URL: plain characters, no dot folders."""


def page_file(url: str) -> str | None:
    """The file of the page at ``url`` in a site Pagefind's command indexes, or None when it would name it otherwise."""
    if not SAFE_URL.fullmatch(url) or any(part in (".", "..") for part in url.split("/")):
        return None
    if url.endswith("/"):
        return url[1:] + "index.html"
    # Pagefind names a folder's index page by the folder.
    return None if url.endswith("/index.html") or url == "/index.html" else url[1:]


def write_pages(records: list[dict], files: list[str], site: Path) -> bool:
    """Write each record as the page ``files`` names in ``site``; False when they cannot all be written
    (a URL's file where another's folder is, say)."""
    try:
        for record, file in zip(records, files, strict=True):
            path = site / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record["html"], encoding="utf-8")
    except OSError:
        shutil.rmtree(site, ignore_errors=True)
        return False
    return True


def index_pages(site: Path, bundle: Path) -> None:
    """Index the pages of ``site`` with Pagefind's command into ``bundle``."""
    executable = get_executable()
    if executable is None:
        raise FileNotFoundError("Could not find pagefind binary")
    # Pagefind's command takes settings from PAGEFIND_* variables and from a file in its working folder.
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    done = subprocess.run(
        [str(executable), "--site", str(site), "--output-path", str(bundle), "--silent"],
        cwd=site,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        preexec_fn=_end_with_parent,
    )
    if done.returncode != 0:
        raise stopped((done.stderr + done.stdout).decode("utf-8", "replace"))
    shutil.rmtree(site, ignore_errors=True)


def _end_with_parent() -> None:
    """In Pagefind's process, before it starts: end it when this one ends, as a build that stops it ends this one."""
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


PR_SET_PDEATHSIG = 1
try:
    # Loaded here: a process just forked must not load a library (another thread may hold the loader's lock).
    _LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
except OSError:
    _LIBC = None


async def index_part(records: Iterable[dict], bundle: Path) -> int:
    """Index the records into one bundle; return how many there were."""
    service = await ResponsiveService().launch()
    try:
        index = await service.create_index({})
        count, pending = 0, iter(records)
        while batch := list(islice(pending, IN_FLIGHT)):
            await asyncio.gather(*(index.add_html_file(content=record["html"], url=record["url"]) for record in batch))
            count += len(batch)
        # Pagefind's own write_files answers before its last writes are done, and exits without
        # finishing them: some files would be left empty. The files are written here instead.
        files = await index.get_files()
    except BaseException:
        with contextlib.suppress(ProcessLookupError):  # Pagefind has stopped already
            await service.close()
        raise
    await service.finish()
    for file in files:
        path = bundle / file["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file["content"])
    return count


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    work, bundle, previous = map(Path, argv)
    try:
        asyncio.run(index_parts(work, bundle, previous))
    except PagefindError as error:
        print(error, file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - whatever stops the index is the build's message
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
