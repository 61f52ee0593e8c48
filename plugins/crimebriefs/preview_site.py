"""The site the preview server shows: one Pelican instance, rebuilt as its sources change.

Pelican stays loaded between rebuilds with its content cache on, so a rebuild reads only the
files that changed, reuses the compiled templates, and renders only the pages an edit can
change (see :mod:`crimebriefs.preview_writer`). An edit to the raw dump runs the import again
before the rebuild.
"""

import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache
from pelican import Pelican
from pelican.settings import read_settings
from pelican.writers import Writer

from crimebriefs.parallel_writer import ParallelWriter
from crimebriefs.plugin import import_raw_dump, say, shown
from crimebriefs.preview_writer import PageReusingWriter, PageStamps
from crimebriefs.settings import plugin_settings

logger = logging.getLogger(__name__)

# The content cache makes rebuilds quick. The first build of a process reads every file
# afresh, since the plugin code or the settings that made the cache may have changed since.
CACHE_SETTINGS = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": False, "GZIP_CACHE": False}


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates, kept in memory; Jinja compiles a template again when its source changes."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class PreviewPelican(Pelican):
    """Pelican, remembering between runs what each page was last written from."""

    def __init__(self, settings: dict):
        self.page_stamps: PageStamps = {}
        super().__init__(settings)

    def _get_writer(self):
        writer = super()._get_writer()
        if type(writer) not in (Writer, ParallelWriter):
            # A plugin's own writer renders every page, as it does in `make html`.
            return writer
        return PageReusingWriter(self.output_path, self.settings, self.page_stamps)


@dataclass
class PreviewSite:
    """The site being previewed: one Pelican instance, rebuilt as its sources change."""

    settings_file: str
    settings: dict | None = None
    pelican: PreviewPelican | None = None

    def load(self) -> bool:
        """Read the settings and start Pelican (which imports the raw dump); False if that failed."""
        try:
            self.settings = read_settings(self.settings_file, override=dict(CACHE_SETTINGS))
            # Pelican makes new Jinja environments for every run: keep the compiled templates.
            self.settings["JINJA_ENVIRONMENT"]["bytecode_cache"] = MemoryBytecodeCache()
            self.pelican = PreviewPelican(self.settings)
        except Exception:
            logger.exception("The preview cannot build: fix %s or the plugin named above, and save", self.settings_file)
            return False
        return True

    def sources(self) -> list[str]:
        """The folders whose edits call for a rebuild: the content and the theme."""
        if self.settings is None:
            return []
        return [shown(Path(self.settings[key])) for key in ("PATH", "THEME")]

    def code(self) -> list[str]:
        """The settings file and the plugin folders, whose edits call for a restart."""
        plugin_paths = self.settings["PLUGIN_PATHS"] if self.settings else []
        return [self.settings_file, *(shown(Path(path)) for path in plugin_paths)]

    def build(self, changed: Sequence[str] = ()) -> list[str]:
        """Build after ``changed`` source files (none: the first build); return the files the import wrote."""
        if self.pelican is None and not self.load():
            return []
        start = time.perf_counter()
        written = self._prepare(changed)
        try:
            self.pelican.run()
        except Exception:
            logger.exception("The rebuild failed; fix the file and save it again (the last good build is served)")
            # Pages may be half-written: render every page next time.
            self.pelican.page_stamps.clear()
            return written
        # From now on the cache holds what this process read.
        self.settings["LOAD_CONTENT_CACHE"] = True
        what = f" after a change to {', '.join(changed[:3])}{' …' if len(changed) > 3 else ''}" if changed else ""
        say(f"Preview built{what} in {time.perf_counter() - start:.2f} s")
        return written

    def _prepare(self, changed: Sequence[str]) -> list[str]:
        raw_dir = plugin_settings(self.settings).raw_dir
        if any(_inside(path, self.settings["THEME"]) for path in changed):
            # A template may show anything: render every page again.
            self.pelican.page_stamps.clear()
        if not any(_inside(path, raw_dir) for path in changed):
            return []
        report = import_raw_dump(self.pelican)
        if report is None:
            return []
        return [outcome.file for outcome in report.imported + report.updated if outcome.file]


def _inside(path: str, folder: str | Path) -> bool:
    return os.path.abspath(path).startswith(os.path.abspath(folder) + os.sep)
