"""Readable, safe file names for briefs: from the title, else the source URL, else the file.

Pelican's ``slugify`` is repeated here rather than imported: loading ``pelican.utils`` loads all of
Pelican, which a process that only imports pages (a worker of the import) must not pay for. A test
holds the two equal.
"""

import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from markupsafe import Markup
from unidecode import unidecode

from crimebriefs.model import Brief

MAX_LENGTH = 80
SLUG_REGEX_SUBSTITUTIONS = (
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
)
"""Pelican's default ``SLUG_REGEX_SUBSTITUTIONS``."""
_SUBSTITUTIONS = tuple(
    (re.compile(unicodedata.normalize("NFKC", pattern), re.IGNORECASE), unicodedata.normalize("NFKC", replacement))
    for pattern, replacement in SLUG_REGEX_SUBSTITUTIONS
)
# Names Windows refuses for files, whatever the extension; a checkout there must not fail.
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)$")
_SEPARATORS = re.compile(r"[/\\\x00-\x1f]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(value: str) -> str:
    """Pelican's ``slugify(value, regex_subs=SLUG_REGEX_SUBSTITUTIONS)``, step for step."""
    if value.isascii() and "<" not in value and "&" not in value:
        # What stripping tags and entities, NFKC and unidecode make of plain ASCII text: its words, single-spaced.
        value = " ".join(value.split())
    else:
        value = unidecode(unicodedata.normalize("NFKC", Markup(value).striptags()))
    for pattern, replacement in _SUBSTITUTIONS:
        value = pattern.sub(replacement, value)
    return value.lower().strip()


def make_slug(text: str) -> str:
    """A slug of lower-case ASCII letters, digits and single hyphens; never empty."""
    # Separators and control characters part words; Pelican's slugify would glue them.
    text = _SEPARATORS.sub(" ", text)
    slug = _NOT_SLUG.sub("-", slugify(text)).strip("-")
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
