"""Readable, safe file names for briefs: from the title, else the source URL, else the file."""

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from crimebriefs.model import Brief

MAX_LENGTH = 80
# Names Windows refuses for files, whatever the extension; a checkout there must not fail.
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)$")


def make_slug(text: str) -> str:
    """A slug of lower-case ASCII letters, digits and single hyphens; never empty."""
    # Separators and control characters part words; Pelican's slugify would glue them.
    text = re.sub(r"[/\\\x00-\x1f]+", " ", text)
    slug = slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")
    if len(slug) > MAX_LENGTH:
        cut = slug[: MAX_LENGTH + 1]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_LENGTH]).strip("-")
    if _RESERVED.match(slug):
        slug += "-brief"
    return slug or "brief"


def base_slug(brief: Brief) -> str:
    """The slug a brief asks for before collisions are resolved."""
    return slug_for(brief.title, brief.source_url, brief.key)


def slug_for(title: str | None, source_url: str | None, key: str) -> str:
    """The slug of a brief with this title, source URL and raw page key, before collisions are resolved."""
    if title:
        return make_slug(title)
    if source_url:
        segments = [s for s in urlsplit(source_url).path.split("/") if s]
        if segments:
            return make_slug(unquote(segments[-1]))
    return make_slug(PurePosixPath(key.split("#")[0]).stem)
