"""A Pelican writer for the preview server that renders again only the pages an edit can change.

Each page is stamped with what it is made of (see :mod:`crimebriefs.page_stamps`); a page
whose stamp is the one it was last rendered with is left as it is on disk. ``make html`` and
``make publish`` use :class:`crimebriefs.parallel_writer.ParallelWriter`, which keeps stamps
between builds only when Pelican's content cache is loaded.
"""

import os

from pelican.contents import Content
from pelican.utils import sanitised_join
from pelican.writers import Writer

from crimebriefs.page_stamps import Stamper, outline, paginated_lists, subjects_of

PageStamps = dict[str, str]
"""Output file name → the stamp of what it was last rendered from."""


class PageReusingWriter(Writer):
    """Pelican's writer, which leaves a page alone when its stamp is the one it was last rendered with."""

    def __init__(self, output_path: str, settings: dict, stamps: PageStamps):
        super().__init__(output_path, settings=settings)
        self.stamps = stamps
        self.stamper: Stamper | None = None
        self.kept: set[str] = set()
        """Output paths whose text on disk is up to date: Pelican's write of them goes nowhere."""

    def write_file(self, name, template, context, *args, paginated=None, template_name=None, **kwargs):
        if self.stamper is None:
            # The writer is made once every content object is read: the outline is the same for every page.
            self.stamper = Stamper(outline(context))
        listed = paginated_lists(self.settings, template_name, paginated, kwargs)
        page_template = _StampedTemplate(self, template, subjects_of(kwargs), tuple(listed))
        return super().write_file(
            name, page_template, context, *args, paginated=paginated, template_name=template_name, **kwargs
        )

    def render(self, template, localcontext: dict, bodies: tuple[Content, ...]) -> str:
        """The page's text, or nothing when the text on disk is still right."""
        name = localcontext["output_file"]
        stamp = self.stamper.stamp(template.name, bodies)
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
