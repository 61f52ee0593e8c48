"""A raw page → its brief file's bytes and what an import reports of it: the work an import hands to other processes.

This module imports only the parser and the Markdown writer, so that a worker process is ready to
work soon after it starts; and what it hands back is small (the file's bytes and a few fields, not the
parsed body), so that sending it back costs little.
"""

from dataclasses import dataclass

from crimebriefs.files import sha256
from crimebriefs.markdown_file import render_file
from crimebriefs.model import RawPage, Status
from crimebriefs.parse import parse_page


@dataclass(frozen=True, slots=True)
class ToParse:
    """A page the import must parse."""

    page: RawPage
    raw: str
    """The page's digest."""
    first: str | None
    """The origin of an earlier record of the same page, if any."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """What an import needs of a parsed page."""

    status: Status
    reason: str | None
    """Why it is a draft or was skipped."""
    warnings: tuple[str, ...]
    title: str | None
    source_url: str | None
    data: bytes | None
    """The brief file's bytes; none for a skipped page."""
    digest: str | None
    """The SHA-256 of ``data``, in hex."""


def render_page(item: ToParse) -> Rendered:
    """Parse a page and, unless it is skipped, render its brief file."""
    brief = parse_page(item.page)
    data = digest = None
    if brief.status is not Status.SKIPPED:
        data = render_file(brief).encode("utf-8")
        digest = sha256(data)
    return Rendered(brief.status, brief.reason, tuple(brief.warnings), brief.title, brief.source_url, data, digest)
