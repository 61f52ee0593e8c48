"""Index search records with Pagefind's Python API, in a process of its own.

    python -m crimebriefs.pagefind_indexer RECORDS_FILE BUNDLE_DIR

The build starts it once the briefs are read, so that Pagefind indexes while Pelican renders the
pages. It writes the bundle into ``BUNDLE_DIR`` and exits 0; on failure it exits 1 with the
reason, in Pagefind's own words, as the last line of its standard error.
"""

import asyncio
import base64
import contextlib
import json
import sys
from itertools import islice
from pathlib import Path

from pagefind.service import PagefindService

from crimebriefs.search_records import read_records

IN_FLIGHT = 64
"""Records sent to Pagefind before waiting for its answers: enough to keep it busy, few enough to hold."""


class PagefindError(Exception):
    """Pagefind refused a request, or stopped."""


class ResponsiveService(PagefindService):
    """Pagefind's service, reading each answer as soon as it comes.

    The package's own reader sleeps a tenth of a second before each answer, which makes a
    thousand records take over a hundred seconds; and it waits forever once Pagefind has stopped.
    """

    async def _wait_for_responses(self) -> None:
        stdout = self._backend.stdout
        said = []  # what Pagefind wrote outside its answers: a panic's message, say
        while True:
            try:
                message = await stdout.readuntil(b",")
            except asyncio.IncompleteReadError as error:
                text = b"".join([*said, error.partial]).decode("utf-8", "replace")
                self._fail_all(PagefindError(" ".join(["Pagefind stopped:", *last_words(text)]).rstrip(":")))
                return
            try:
                response = json.loads(base64.b64decode(message[:-1], validate=True))
                payload = response["payload"]
            except (ValueError, TypeError, KeyError):
                said.append(message)
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
        """Let Pagefind exit once its files are written; return its exit status.

        Pagefind answers that it wrote the files while its last writes may still be under way;
        the package's ``close`` kills it then, leaving some files empty. At the end of its input
        Pagefind exits by itself, once every write is done.
        """
        self._backend.stdin.close()
        status = await self._backend.wait()
        self._poll_task.cancel()
        return status

    def _fail_all(self, error: Exception) -> None:
        for future in self._responses.values():
            if not future.done():
                future.set_exception(error)
        self._responses.clear()


def last_words(text: str) -> list[str]:
    """The lines of a panic's message, without its backtrace."""
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.startswith((" ", "stack backtrace:", "note:"))
    ]


async def index_records(records: Path, bundle: Path) -> int:
    """Index every record of the file into ``bundle``; return the number of records."""
    service = await ResponsiveService().launch()
    try:
        index = await service.create_index({})
        count, pending = 0, read_records(records)
        while batch := list(islice(pending, IN_FLIGHT)):
            await asyncio.gather(*(index.add_html_file(content=record.html, url=record.url) for record in batch))
            count += len(batch)
        await index.write_files(str(bundle.resolve()))
    except BaseException:
        with contextlib.suppress(ProcessLookupError):  # Pagefind has stopped already
            await service.close()
        raise
    if status := await service.finish():
        raise PagefindError(f"Pagefind exited with status {status} after writing {bundle}")
    return count


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    records, bundle = map(Path, argv)
    try:
        asyncio.run(index_records(records, bundle))
    except PagefindError as error:
        print(error, file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - whatever stops the index is the build's message
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
