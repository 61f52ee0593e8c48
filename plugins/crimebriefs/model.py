"""The records that flow through crimebriefs: a raw page in, a brief out."""

import datetime
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class RawPage:
    """One page of a dump, decoded, before any parsing."""

    origin: str
    """Where the page came from, for messages: a path, with ``:LINE`` for a crawl record."""
    key: str
    """The page's identity inside its dump folder; stable across imports."""
    text: str
    """The page's visible text or, when ``is_html``, its HTML."""
    source_url: str | None = None
    """The original URL, from ``sources.csv``, ``--url`` or the record itself."""
    notes: tuple[str, ...] = ()
    """What reading had to do to get the text (an encoding fallback, say)."""
    is_html: bool = False
    """Whether ``text`` is a saved page's HTML rather than its visible text."""


class Status(StrEnum):
    """What becomes of a page."""

    PUBLISHED = "published"
    DRAFT = "draft"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of prose, as the author wrote it."""

    text: str
    """The paragraph as plain text."""
    markdown: str | None = None
    """The paragraph as Markdown when the page's HTML gave it links, emphasis or images,
    made from cleaned markup with every text escaped; ``None`` renders ``text``."""


@dataclass(frozen=True)
class Heading:
    """A subhead inside the body (``InSight Crime Analysis``)."""

    text: str
    level: int = 2
    """Its Markdown level: 2 for ``##``; a page's deeper HTML headings keep their depth."""


@dataclass(frozen=True)
class Structured:
    """A list, quotation, table, figure or code block from a page's HTML."""

    text: str
    """Its visible text, for the language guess."""
    markdown: str
    """The block as Markdown, made from cleaned markup with every text escaped."""


@dataclass(frozen=True)
class SeeAlso:
    """A promotion of other coverage, turned into a link to the local tag page."""

    label: str
    """The label in natural case: ``See also``, ``Vea también``."""
    tag: str
    """The tag it points to: ``Microtrafficking``."""


Block = Paragraph | Heading | SeeAlso | Structured


@dataclass
class Brief:
    """A page after parsing: everything the Markdown file and the JSON interface carry."""

    origin: str
    """The raw page it came from, for messages."""
    key: str
    """The raw page's identity inside its dump folder."""
    status: Status
    """Published, draft (something an editor must add) or skipped (not an article)."""
    reason: str | None = None
    """Why a page is a draft or was skipped."""
    title: str | None = None
    """The headline, as written."""
    kind: str | None = None
    """The source's label for the piece: Brief, Analysis, Noticias del Día..."""
    topic: str | None = None
    """One topic, country, region or person, in natural case; Pelican's category."""
    date: datetime.date | None = None
    """The publication date (or latest update, for profiles)."""
    authors: list[str] = field(default_factory=list)
    """Authors in natural case, people or organisations."""
    lang: str | None = None
    """Language code: ``en`` or ``es``."""
    tags: list[str] = field(default_factory=list)
    """Tags named by see-also lines, in order of first appearance."""
    summary: str | None = None
    """The first paragraph as plain text, trimmed to a sentence boundary."""
    source_url: str | None = None
    """The original's URL."""
    publisher: str | None = None
    """Who first published it, for the attribution the reuse terms require."""
    license: str | None = None
    """The licence under which it is republished."""
    blocks: list[Block] = field(default_factory=list)
    """The body, block by block."""
    review: str | None = None
    """For drafts: what an editor must add before the brief can be published."""
    warnings: list[str] = field(default_factory=list)
    """Things the parser noticed and worked around, for the import report."""
