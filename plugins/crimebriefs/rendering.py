"""A raw page → its brief file's bytes and what an import reports of it: the work an import hands to other processes.

Whoever takes a page reads it (unless it is a crawl record, read already), digests it, parses it and
renders its brief; for a page with no brief yet, it also writes the brief to a temporary file in the
briefs folder, to be renamed into place with the others at the end of the import, and works out the
slug its name is made from. So the process that runs the import is left with the names, the outcomes and
the report. This module imports only the reader, the parser and the Markdown writer (not Pelican), so
that a worker is ready soon after it starts; and what it hands back is small (a few fields; the file's
bytes only when no temporary file holds them).
"""

import os
from dataclasses import dataclass

from crimebriefs.errors import ReadError
from crimebriefs.files import sha256, write_temporary
from crimebriefs.manifest import FileStat, file_stat
from crimebriefs.markdown_file import render_file
from crimebriefs.model import RawPage, Status
from crimebriefs.parse import parse_page
from crimebriefs.read import read_page
from crimebriefs.slugs import base_slug

NEW_BRIEF = "new-brief"
"""What a temporary file is named after when its brief's name is not known yet."""


# Neither record is frozen: thousands go to the workers and back, and a frozen dataclass is pickled through
# Python code, at twice the cost. Neither is changed once made.
@dataclass(slots=True)
class ToParse:
    """A page the import must parse."""

    origin: str
    """The raw page, as a path (with ``:LINE`` for a crawl record)."""
    key: str
    source_url: str | None
    page: RawPage | None = None
    """The page, when it is read already (a crawl record); else the file at ``origin`` is read."""
    raw: str | None = None
    """The page's digest, when it is read already."""
    first: str | None = None
    """The origin of an earlier record of the same page, if any."""
    known_raw: str | None = None
    """The digest of the page the folder's brief was written from by this same code: a page with this digest
    is not parsed again."""
    write_into: str | None = None
    """The briefs folder, when the page has no brief yet: its brief is written to a temporary file there."""


@dataclass(slots=True)
class Rendered:
    """What an import needs of a page it gave to :func:`render_page`."""

    raw: str | None
    """The page's digest; none when it could not be read."""
    status: Status | None = None
    """None when the page was not parsed: it could not be read, or its digest is the known one."""
    reason: str | None = None
    """Why it could not be read, is a draft or was skipped."""
    unreadable: bool = False
    """Whether the file could not be read at all."""
    warnings: tuple[str, ...] = ()
    data: bytes | None = None
    """The brief file's bytes; none for a skipped page, or when ``temporary`` holds them."""
    digest: str | None = None
    """The SHA-256 of ``data``, in hex."""
    temporary: str | None = None
    """The temporary file holding the brief file's bytes in the briefs folder, when the item asked for one."""
    written: FileStat | None = None
    """The temporary file's size, time and inode."""
    slug: str | None = None
    """The slug a new brief's name is made from, before collisions are resolved; none for a skipped page."""


def page_digest(page: RawPage) -> str:
    """Everything of a page its brief is made from."""
    parts = (page.key, page.source_url or "", str(page.is_html), *page.notes, page.text)
    return sha256("\0".join(parts).encode("utf-8", "surrogatepass"))


def render_page(item: ToParse) -> Rendered:
    """Read the page if need be, parse it and, unless it is skipped, render its brief file."""
    page, raw = item.page, item.raw
    if page is None:
        found = read_page(item.origin, item.key, item.source_url)
        if isinstance(found, ReadError):
            return Rendered(None, reason=found.reason, unreadable=found.unreadable)
        page, raw = found, page_digest(found)
        if raw == item.known_raw:
            return Rendered(raw)
    brief = parse_page(page)
    if brief.status is Status.SKIPPED:
        return Rendered(raw, brief.status, brief.reason, warnings=tuple(brief.warnings))
    data = render_file(brief).encode("utf-8")
    rendered = Rendered(
        raw,
        brief.status,
        brief.reason,
        warnings=tuple(brief.warnings),
        data=data,
        digest=sha256(data),
        slug=base_slug(brief),
    )
    if item.write_into is not None:
        temporary, written = write_temporary(os.path.join(item.write_into, NEW_BRIEF), data)
        rendered.temporary, rendered.written, rendered.data = temporary, file_stat(written), None
    return rendered
