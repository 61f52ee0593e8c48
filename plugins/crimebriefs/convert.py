"""Files → JSON records, one per page: the stable interface of ``crimebriefs convert --json``.

A text or HTML file is one page; a crawl file gives one record per line.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from crimebriefs.errors import ReadError
from crimebriefs.markdown_file import render_body, render_file
from crimebriefs.model import Brief, Status
from crimebriefs.parse import parse_page
from crimebriefs.read import read_file, read_sources

RECORD_KEYS = (
    "status", "reason", "title", "kind", "topic", "date", "authors", "lang", "tags",
    "source_url", "summary", "body", "markdown",
)  # fmt: skip


@dataclass(frozen=True)
class Converted:
    """One page given to ``convert``: its brief, or why there is none."""

    path: Path
    """The file it is in."""
    brief: Brief | None
    error: ReadError | None = None

    @property
    def origin(self) -> str:
        """The file, with ``:LINE`` for a crawl record."""
        return self.brief.origin if self.brief else self.error.origin


def convert_paths(paths: list[Path], url: str | None = None) -> Iterator[Converted]:
    """Parse each file in order, a page at a time; URLs from ``url`` (one file) or each folder's sources.csv."""
    sources_by_folder: dict[Path, dict[str, str]] = {}
    for path in paths:
        if url is None:
            folder = path.parent
            if folder not in sources_by_folder:
                sources_by_folder[folder] = read_sources(folder)[0]
            source_url = sources_by_folder[folder].get(path.name)
        else:
            source_url = url
        for page in read_file(path, path.name, source_url):
            if isinstance(page, ReadError):
                yield Converted(path, None, page)
            else:
                yield Converted(path, parse_page(page))


def to_record(converted: Converted) -> dict:
    """The JSON object for one page; a field not known is null, a list not known is empty."""
    brief = converted.brief
    if brief is None:
        record = dict.fromkeys(RECORD_KEYS)
        record.update(status=Status.SKIPPED.value, reason=converted.error.reason, authors=[], tags=[])
    else:
        written = brief.status is not Status.SKIPPED
        record = {
            "status": brief.status.value,
            "reason": brief.reason,
            "title": brief.title,
            "kind": brief.kind,
            "topic": brief.topic,
            "date": brief.date.isoformat() if brief.date else None,
            "authors": list(brief.authors),
            "lang": brief.lang,
            "tags": list(brief.tags),
            "source_url": brief.source_url,
            "summary": brief.summary,
            "body": render_body(brief.blocks) if written else None,
            "markdown": render_file(brief) if written else None,
        }
    record["file"] = str(converted.path)
    record["origin"] = converted.origin
    record["warnings"] = [] if brief is None else list(brief.warnings)
    return record
