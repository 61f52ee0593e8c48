"""The preview server behind ``make devserver``: build, serve on loopback, rebuild on every edit.

livereload serves the output folder, injects its script into every page and tells open
browsers to reload after each rebuild. Pelican stays loaded between rebuilds, with its
content cache on, so a rebuild reads only the files that changed and renders only the
pages they can change (see :mod:`crimebriefs.preview_writer`). An edit to the raw dump runs
the import again first. An edit to the settings or to a plugin's code restarts the whole
process, since Python code cannot be reloaded in place.
"""

import glob
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from jinja2.bccache import Bucket, BytecodeCache
from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from pelican import Pelican
from pelican.log import console
from pelican.log import init as init_logging
from pelican.settings import read_settings
from pelican.writers import Writer
from tornado.ioloop import PeriodicCallback

from crimebriefs.plugin import import_raw_dump, shown
from crimebriefs.preview_writer import PageReusingWriter, PageStamps
from crimebriefs.settings import plugin_settings

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.25
"""How often the sources are checked for changes."""
RECONNECT_SECONDS = 60
"""How long after a restart a browser that reconnects is told to reload (livereload.js retries for up to a minute)."""
RESTARTED = "CRIMEBRIEFS_PREVIEW_RESTARTED"
"""Set in the environment of the process that replaces the server when it restarts."""

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
        if type(writer) is not Writer:
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
            logger.exception(
                "The preview cannot build: fix %s or the plugin named above and save it", self.settings_file
            )
            return False
        return True

    def watched(self) -> list[str]:
        """Glob patterns of the sources whose edits call for a rebuild: the content and the theme."""
        if self.settings is None:
            return []
        return [os.path.join(shown(Path(self.settings[key])), "**", "*") for key in ("PATH", "THEME")]

    def code(self) -> list[str]:
        """Glob patterns of the files whose edits call for a restart: the settings and the plugins' code."""
        plugin_paths = self.settings["PLUGIN_PATHS"] if self.settings else []
        return [self.settings_file, *(os.path.join(shown(Path(path)), "**", "*.py") for path in plugin_paths)]

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
        console.print(f"Preview built{what} in {time.perf_counter() - start:.2f} s", markup=False, highlight=False)
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


def file_stamps(patterns: Sequence[str], ignore: Callable[[str], bool]) -> dict[str, tuple[int, int]]:
    """Every file the glob patterns match, with its modification time and size."""
    stamps = {}
    for pattern in patterns:
        for path in glob.glob(pattern, recursive=True):
            try:
                stat = os.stat(path)
            except FileNotFoundError:
                continue
            if not os.path.isdir(path) and not ignore(path):
                stamps[path] = (stat.st_mtime_ns, stat.st_size)
    return stamps


class SourceWatcher(Watcher):
    """livereload's watcher: polls the site's sources, rebuilds once per batch of edits, restarts on code edits."""

    def __init__(self, site: PreviewSite, code: dict[str, tuple[int, int]], *, restarted: bool = False):
        super().__init__()
        self.site = site
        for pattern in site.watched():
            self.watch(pattern)
        self.stamps = self.snapshot()
        self.code = code
        # After a restart, browsers reconnect by themselves but do not reload: tell them to.
        self.reload_until = time.monotonic() + RECONNECT_SECONDS if restarted else 0.0

    def snapshot(self) -> dict[str, tuple[int, int]]:
        return file_stamps(list(self._tasks), self.ignore)

    def examine(self):
        """Rebuild if a source changed; return the changed path for livereload's message."""
        if file_stamps(self.site.code(), self.ignore) != self.code:
            restart()
        now = self.snapshot()
        changed = sorted(path for path in now.keys() | self.stamps.keys() if now.get(path) != self.stamps.get(path))
        self.stamps = now
        if not changed:
            return None, None
        for written in self.site.build(changed):
            # The import's own writes are not edits: they must not set off another rebuild.
            path = shown(Path(written))
            if os.path.isfile(path):
                stat = os.stat(path)
                self.stamps[path] = (stat.st_mtime_ns, stat.st_size)
        # One changed file is named, so that a stylesheet can be swapped without a reload.
        return (changed[0] if len(changed) == 1 else "*"), None

    def start(self, callback) -> bool:
        """Poll here rather than in livereload, which drops a reload that comes within 3 s of the last."""
        PeriodicCallback(self.poll, POLL_SECONDS * 1000).start()
        return True

    def poll(self) -> None:
        if self.reload_until and LiveReloadHandler.waiters:
            if time.monotonic() <= self.reload_until:
                LiveReloadHandler.reload_waiters("*")
            self.reload_until = 0.0
        path, _ = self.examine()
        if path:
            LiveReloadHandler.reload_waiters(path)


def restart() -> NoReturn:
    """Replace this process by a new one run the same way: Python code cannot be reloaded in place."""
    console.print("The settings or a plugin changed: restarting the preview", markup=False, highlight=False)
    sys.stdout.flush()
    sys.stderr.flush()
    # The listening socket is closed on exec, so that the new process can take the port.
    os.execve(sys.executable, sys.orig_argv, {**os.environ, RESTARTED: "1"})


def serve(settings_file: str = "pelicanconf.py", host: str = "127.0.0.1", port: int = 8000, open_browser=False):
    """Build the site, serve it at http://HOST:PORT/ and rebuild it on every edit, until Ctrl-C."""
    init_logging(level=logging.WARNING)
    site = PreviewSite(settings_file)
    loaded = site.load()
    # Taken before the first build, so that an edit made while it runs still restarts the preview.
    code = file_stamps(site.code(), Watcher().ignore)
    if loaded:
        site.build()
    server = Server(watcher=SourceWatcher(site, code, restarted=os.environ.get(RESTARTED) == "1"))
    console.print(f"Previewing at http://{host}:{port}/ (Ctrl-C to stop)", markup=False, highlight=False)
    output = site.settings["OUTPUT_PATH"] if site.settings else "output"
    server.serve(host=host, port=port, root=output, open_url_delay=0.5 if open_browser else None)
