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

With Pelican's content cache loaded (``LOAD_CONTENT_CACHE``), a page whose stamp (see
:mod:`crimebriefs.page_stamps`) is the one it was last written with is not rendered again;
the stamps, and the audit of each page, are kept in the cache folder (``CACHE_CONTENT``).
"""

import json
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pelican
from pelican.paginator import Paginator
from pelican.plugins import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from crimebriefs import audit, processes
from crimebriefs.files import write_atomic
from crimebriefs.page_stamps import Stamper, digest, outline, paginated_lists, settings_stamp, subjects_of
from crimebriefs.settings import plugin_settings

STAMPS_NAME = "crimebriefs-pages.json"
"""In the cache folder: each page's stamp and what the audit found on it."""

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
    bodies: tuple = ()
    """The content objects whose bodies the page shows."""

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
        lists = paginated_lists(self.settings, template_name, paginated, kwargs)
        for page_name, page_kwargs in self._paginate(name, url, template_name, lists, kwargs):
            path = sanitised_join(self.output_path, page_name)
            skipped = not self._claim(path, override_output)
            shown = (item for key in lists for item in page_kwargs[f"{key}_page"].object_list)
            bodies = (*subjects_of(kwargs), *shown)
            self.pages.append(Page(page_name, path, skipped, template, context, page_kwargs, relative_urls, bodies))
        return None

    def _paginate(self, name, url, template_name, lists: dict, kwargs):
        """Each page's file and variables, as Pelican's writer paginates ``lists``."""
        if not lists:
            yield name, kwargs
            return
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {key: Paginator(name, url, value, self.settings, per_page) for key, value in lists.items()}
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
        if not pages:
            return
        output = Path(self.output_path)
        self.expected = audit.expectations(output)
        caching = self.settings.get("CACHE_CONTENT") or self.settings.get("LOAD_CONTENT_CACHE")
        if caching:
            stamper = Stamper(digest((outline(pages[0].context), self.build_stamp())))
            stamps = [stamper.stamp(page.template.name, page.bodies) for page in pages]
        else:
            # Without Pelican's cache no stamp is read or kept: working them out would only cost time.
            stamps = [None] * len(pages)
        previous = self.previous_stamps()
        # Until the pages are written, no page on disk can be trusted to match its stamp.
        self.stamps_file.unlink(missing_ok=True)
        todo = [i for i, page in enumerate(pages) if not self.is_current(page, stamps[i], previous)]
        results = dict(zip(todo, self.render_pages([pages[i] for i in todo]), strict=True))
        checked, written = {}, {}
        for i, page in enumerate(pages):
            misses = results[i] if i in results else previous[page.name]["misses"]
            if misses is not None:
                checked[page.name] = misses
            written[page.name] = {"stamp": stamps[i], "misses": misses}
        audit.record_checked(output, checked)
        if self.settings.get("CACHE_CONTENT"):
            self.stamps_file.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.stamps_file, json.dumps(written, ensure_ascii=False).encode("utf-8"))
        if len(todo) < len(pages):
            logger.info("crimebriefs: %d of %d pages were unchanged and left as they are", len(pages) - len(todo),
                        len(pages))  # fmt: skip
        for page in pages:
            if not page.skipped:
                logger.info('Writing "%s"', page.path)
            signals.content_written.send(page.path, context=page.local_context())

    def render_pages(self, pages: list[Page]) -> list[list[str] | None]:
        count = processes.usable(plugin_settings(self.settings).processes, len(pages))
        return processes.map_forked(self._render, pages, count)

    @property
    def stamps_file(self) -> Path:
        return Path(self.settings["CACHE_PATH"]) / STAMPS_NAME

    def previous_stamps(self) -> dict[str, dict]:
        """The stamps of the last build, when Pelican's content cache is loaded."""
        if not self.settings.get("LOAD_CONTENT_CACHE"):
            return {}
        try:
            return json.loads(self.stamps_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def is_current(self, page: Page, stamp: str, previous: dict[str, dict]) -> bool:
        """Whether the page on disk was written from what it would be written from now."""
        before = previous.get(page.name)
        return (
            isinstance(before, dict)
            and before.get("stamp") == stamp
            and "misses" in before
            and (page.skipped or os.path.isfile(page.path))
        )

    def build_stamp(self) -> str:
        """What every page depends on besides the content: the theme, the settings and the code."""
        folders = [self.settings["THEME"], *(self.settings.get("THEME_TEMPLATES_OVERRIDES") or ())]
        theme = sorted((str(path), path.read_bytes()) for folder in folders for path in Path(folder).rglob("*")
                       if path.is_file())  # fmt: skip
        return digest((pelican.__version__, theme, settings_stamp(self.settings), code_files()))

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
        if expected is None:
            return None
        article = page.kwargs.get("article")
        # The content is the one the template was given: Pelican's local site URL is still this page's.
        if article is not None and audit.shows_verbatim(text, article.content):
            return []
        return audit.check_html(text.encode("utf-8"), expected)


def code_files() -> list[tuple[str, bytes]]:
    """The source of the plugins, ours among them: their code may change what any page shows."""
    here = Path(__file__).parent
    names = ("pelican.plugins.", "crimebriefs")
    plugins = [module for name, module in list(sys.modules.items()) if name.startswith(names)]
    files = {Path(module.__file__) for module in plugins if getattr(module, "__file__", None)} | set(here.rglob("*.py"))
    return sorted((str(path), path.read_bytes()) for path in files if path.is_file())


def writer_class(pelican) -> type[Writer]:
    """``get_writer``: the writer of every build."""
    return ParallelWriter


def render_pages(generator, writer) -> None:
    """``page_writer_finalized``: the articles and pages generators are done; render what they asked for."""
    if isinstance(writer, ParallelWriter) and writer.pages is not None:
        writer.render_all()
