"""A Pelican writer for the preview server that renders again only the pages an edit can change.

Each page is stamped with what it is made of: its template, the site's *outline* (every
content object's metadata and summary, and the static files: what menus, listings and
neighbour links show) and the *bodies* it shows. A page shows the body of the article or
page it is about, and, on one page of a paginated listing, the bodies of the articles on
that page; elsewhere listings show the outline only, as Pelican's own themes do. When an
edit changes a brief's body alone, the outline stays the same and only the pages that show
that body are rendered again: its own page and the pages of the listings it appears on. Any
other edit changes the outline, and every page is rendered again. ``make html`` and
``make publish`` never use this writer.
"""

import os

from pelican.contents import Content
from pelican.utils import sanitised_join
from pelican.writers import Writer

PageStamps = dict[str, int]
"""Output file name → the stamp of what it was last rendered from."""


def outline_stamp(context: dict) -> int:
    """What every page may show of the whole site: all metadata and summaries, and the static files."""
    contents = (content for content in context["generated_content"].values() if isinstance(content, Content))
    return hash(
        (
            tuple(sorted(_metadata_stamp(content) for content in contents)),
            tuple(sorted(context["static_content"])),
        )
    )


def _metadata_stamp(content: Content) -> tuple:
    metadata = tuple(sorted((key, _plain(value)) for key, value in content.metadata.items()))
    # A summary Pelican derives from the body makes the body part of the outline.
    summary = None if "summary" in content.metadata else hash(content._content)
    return (content.source_path, content.status, content.template, metadata, summary)


def _plain(value) -> object:
    """A metadata value as something hashable and comparable, whatever its type."""
    if isinstance(value, list | tuple | set):
        return tuple(_plain(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((str(key), _plain(item)) for key, item in value.items()))
    return str(value)


class PageReusingWriter(Writer):
    """Pelican's writer, which leaves a page alone when its stamp is the one it was last rendered with."""

    def __init__(self, output_path: str, settings: dict, stamps: PageStamps):
        super().__init__(output_path, settings=settings)
        self.stamps = stamps
        self.outline: int | None = None
        self.kept: set[str] = set()
        """Output paths whose text on disk is up to date: Pelican's write of them goes nowhere."""

    def write_file(self, name, template, context, *args, paginated=None, template_name=None, **kwargs):
        if self.outline is None:
            # The writer is made once every content object is read: the outline is the same for every page.
            self.outline = outline_stamp(context)
        if template_name in self.settings["PAGINATED_TEMPLATES"]:
            listed = paginated or {key: kwargs[key] for key in ("articles", "dates") if key in kwargs}
        else:
            listed = {}
        subjects = tuple(value for value in kwargs.values() if isinstance(value, Content))
        page_template = _StampedTemplate(self, template, subjects, tuple(listed))
        return super().write_file(
            name, page_template, context, *args, paginated=paginated, template_name=template_name, **kwargs
        )

    def render(self, template, localcontext: dict, bodies: tuple[Content, ...]) -> str:
        """The page's text, or nothing when the text on disk is still right."""
        name = localcontext["output_file"]
        stamp = hash((template.name, self.outline, tuple(hash(content._content) for content in bodies)))
        path = sanitised_join(self.output_path, name)
        if self.stamps.get(name) == stamp and os.path.isfile(path):
            self.kept.add(path)
            return ""
        self.stamps.pop(name, None)
        text = template.render(localcontext)
        self.stamps[name] = stamp
        return text

    def _open_w(self, filename, encoding, override=False):
        if filename in self.kept:
            self.kept.discard(filename)
            return open(os.devnull, "w", encoding=encoding)
        return super()._open_w(filename, encoding, override)


class _StampedTemplate:
    """Stands in for a Jinja template in Pelican's writer, which only calls ``render``."""

    def __init__(self, writer: PageReusingWriter, template, subjects: tuple[Content, ...], listed: tuple[str, ...]):
        self.writer, self.template, self.subjects, self.listed = writer, template, subjects, listed
        self.name = template.name

    def render(self, localcontext: dict) -> str:
        # On a paginated listing, Pelican puts each page's articles in ``<key>_page``.
        pages = (localcontext[f"{key}_page"].object_list for key in self.listed)
        bodies = (*self.subjects, *(content for page in pages for content in page))
        return self.writer.render(self.template, localcontext, bodies)
