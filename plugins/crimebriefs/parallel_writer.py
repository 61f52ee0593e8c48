"""A Pelican writer that renders the site's pages in one process per core.

Pelican renders and writes each page as its generators ask for it, one after another. This
writer takes the pages of the articles and pages generators as they are asked for, then,
once both generators are done (``page_writer_finalized``), renders them all at once, shared
among forked processes (:mod:`crimebriefs.processes`). Each process also audits the pages of
republished briefs it has just rendered, from the text in hand rather than from the disk.

Everything else is Pelican's: the pagination, the local context of each page, the refusal to
write a file twice, the ``content_written`` signal (sent from the build's own process, in
the order the pages were asked for, once they are on disk), and any page asked for later,
which is written at once.
"""

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from pelican.paginator import Paginator
from pelican.plugins import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from crimebriefs import audit, processes
from crimebriefs.settings import plugin_settings

logger = logging.getLogger(__name__)


@dataclass
class Page:
    """One page to render: what Pelican's writer would render it from."""

    name: str
    """Its file, relative to the output folder."""
    path: str
    """Its file in the output folder."""
    skipped: bool
    template: object
    context: dict
    kwargs: dict = field(default_factory=dict)
    relative_urls: bool = False

    def local_context(self) -> dict:
        """The page's context, made as Pelican's writer makes it."""
        local = self.context.copy()
        local["localsiteurl"] = local.get("localsiteurl", None)
        if self.relative_urls:
            relative_url = path_to_url(get_relative_path(self.name))
            local["SITEURL"] = relative_url
            local["localsiteurl"] = relative_url
        local["output_file"] = self.name
        local.update(self.kwargs)
        return local


class ParallelWriter(Writer):
    """Pelican's writer, rendering the pages of the articles and pages generators all at once."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.pages: list[Page] | None = []
        """The pages asked for and not yet rendered; None once they are, when pages are written at once."""

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):  # fmt: skip
        if self.pages is None:
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)  # fmt: skip
        if not name:
            return None
        for page_name, page_kwargs in self._paginate(name, url, template_name, paginated, kwargs):
            path = sanitised_join(self.output_path, page_name)
            skipped = not self._claim(path, override_output)
            self.pages.append(Page(page_name, path, skipped, template, context, page_kwargs, relative_urls))
        return None

    def _paginate(self, name, url, template_name, paginated, kwargs):
        """Each page's file and variables, as Pelican's writer paginates a listing."""
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            yield name, kwargs
            return
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {key: Paginator(name, url, value, self.settings, per_page) for key, value in paginated.items()}
        for number in range(next(iter(paginators.values())).num_pages):
            page_kwargs = kwargs.copy()
            for key, paginator in paginators.items():
                page = paginator.page(number + 1)
                page_kwargs[f"{key}_paginator"] = paginator
                page_kwargs[f"{key}_page"] = page
                last = number + 1 == paginator.num_pages
                page_kwargs[f"{key}_previous_page"] = paginator.page(number) if number > 0 else None
                page_kwargs[f"{key}_next_page"] = None if last else paginator.page(number + 2)
            yield page.save_as, page_kwargs

    def _claim(self, path: str, override: bool) -> bool:
        """Whether the page is written, by the rules of Pelican's ``_open_w``, which refuses to write a file twice."""
        if path in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{path}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', path)
            return False
        if path in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{path}" as Pelican has already written to it previously '
                "(set `override=True` if intended)"
            )
        if override:
            self._overridden_files.add(path)
        self._written_files.add(path)
        return True

    def render_all(self) -> None:
        """Render and write every page asked for so far; later pages are written at once."""
        pages, self.pages = self.pages or [], None
        output = Path(self.output_path)
        self.expected = audit.expectations(output)
        count = processes.usable(plugin_settings(self.settings).processes, len(pages))
        results = processes.map_forked(self._render, pages, count)
        checked = {page.name: misses for page, misses in zip(pages, results, strict=True) if misses is not None}
        audit.record_checked(output, checked)
        for page in pages:
            if not page.skipped:
                logger.info('Writing "%s"', page.path)
            signals.content_written.send(page.path, context=page.local_context())

    def _render(self, page: Page) -> list[str] | None:
        """Render and write one page; what it misses of its attribution, when it is audited."""
        local = page.local_context()
        if local["localsiteurl"]:
            # As Pelican's writer does, so that articles adjust their links to this page.
            page.context["localsiteurl"] = local["localsiteurl"]
        text = page.template.render(local)
        if not page.skipped:
            os.makedirs(os.path.dirname(page.path), exist_ok=True)
            with open(page.path, "w", encoding="utf-8") as handle:
                handle.write(text)
        expected = self.expected.get(page.name)
        return None if expected is None else audit.check_html(text.encode("utf-8"), expected)


def writer_class(pelican) -> type[Writer]:
    """``get_writer``: the writer of every build."""
    return ParallelWriter


def render_pages(generator, writer) -> None:
    """``page_writer_finalized``: the articles and pages generators are done; render what they asked for."""
    if isinstance(writer, ParallelWriter) and writer.pages is not None:
        writer.render_all()
