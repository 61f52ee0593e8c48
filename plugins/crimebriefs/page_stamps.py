"""What each page is rendered from, as a stamp: a page whose stamp has not changed need not be rendered again.

A page is made of its template, the site's *outline* (every content object's metadata and
summary, and the static files: what menus, listings and neighbour links show) and the
*bodies* it shows. A page shows the body of the article or page it is about, and, on one
page of a paginated listing, the bodies of the articles on that page; elsewhere listings
show the outline only, as Pelican's own themes and ours do. When an edit changes a brief's
body alone, the outline stays the same, and only the pages that show that body change: its
own page and the pages of the listings it appears on. Any other edit changes the outline,
and with it every page.

Stamps are digests of text, the same in every process, so they can be kept between builds.
"""

import hashlib

from pelican.contents import Content

CACHE_KEYS = {"CACHE_CONTENT", "LOAD_CONTENT_CACHE", "GZIP_CACHE", "CHECK_MODIFIED_METHOD", "CONTENT_CACHING_LAYER",
              "CACHE_PATH", "CRIMEBRIEFS_PROCESSES", "DEBUG", "PORT", "BIND", "DELETE_OUTPUT_DIRECTORY"}  # fmt: skip
"""Settings that change how a build goes, not what it writes."""


def settings_stamp(settings: dict) -> list[tuple[str, object]]:
    """The settings that change what a build writes, as plain data."""
    return sorted((key, plain(value)) for key, value in settings.items() if key not in CACHE_KEYS)


def digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def outline(context: dict) -> str:
    """What every page may show of the whole site: all metadata and summaries, and the static files."""
    contents = (content for content in context["generated_content"].values() if isinstance(content, Content))
    return digest(
        (
            tuple(sorted(_metadata_stamp(content) for content in contents)),
            tuple(sorted(context["static_content"])),
        )
    )


def _metadata_stamp(content: Content) -> tuple:
    metadata = tuple(sorted((key, plain(value)) for key, value in content.metadata.items()))
    # A summary Pelican derives from the body makes the body part of the outline.
    summary = None if "summary" in content.metadata else digest(content._content)
    return (content.source_path, content.status, content.template, metadata, summary)


def plain(value) -> object:
    """A metadata value or a setting as plain data, the same in every process.

    A set is sorted (its order changes from process to process); a function is known by its
    name, since its text holds its address; anything else by its text.
    """
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    if isinstance(value, set | frozenset):
        return tuple(sorted((plain(item) for item in value), key=repr))
    if isinstance(value, list | tuple):
        return tuple(plain(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((str(key), plain(item)) for key, item in value.items()))
    if callable(value) and not isinstance(value, type):
        return f"{type(value).__module__}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return str(value)


def paginated_lists(settings: dict, template_name, paginated: dict | None, kwargs: dict) -> dict:
    """The lists Pelican's writer shows a page at a time (``articles``, ``dates``); none when it does not paginate."""
    if paginated is None:
        paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}
    return paginated if paginated and template_name in settings["PAGINATED_TEMPLATES"] else {}


def subjects_of(kwargs: dict) -> tuple[Content, ...]:
    """The articles or pages a page is about (``article``, ``page``), whose bodies it shows."""
    return tuple(value for value in kwargs.values() if isinstance(value, Content))


class Stamper:
    """The stamps of one build's pages, over one outline."""

    def __init__(self, outline_stamp: str):
        self.outline = outline_stamp
        self._bodies: dict[int, str] = {}

    def stamp(self, template_name: str, bodies) -> str:
        """The stamp of a page rendered by ``template_name`` showing the bodies of the ``bodies`` content objects."""
        return digest((template_name, self.outline, tuple(self._body(content) for content in bodies)))

    def _body(self, content: Content) -> str:
        key = id(content)
        if key not in self._bodies:
            self._bodies[key] = digest(content._content)
        return self._bodies[key]
