"""The preview server behind ``make devserver``: build, serve on loopback, rebuild on every edit.

livereload serves the output folder, injects its script into every page and tells open
browsers to reload after each rebuild of the site (:mod:`crimebriefs.preview_site`). An edit
to the settings or to a plugin's code restarts the whole process, since Python code cannot
be reloaded in place.
"""

import glob
import logging
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import watchfiles
from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from pelican.log import init as init_logging
from tornado.ioloop import IOLoop, PeriodicCallback
from watchfiles import Change, DefaultFilter

from crimebriefs.plugin import say, shown
from crimebriefs.preview_site import PreviewSite

DEFAULT_FILTER = DefaultFilter()
"""Editors' swap and backup files, caches and version control folders are not edits."""

RECONNECT_SECONDS = 60
"""How long after a restart a browser that reconnects is told to reload (livereload.js retries for up to a minute)."""
RESTARTED = "CRIMEBRIEFS_PREVIEW_RESTARTED"
"""Set in the environment of the process that replaces the server when it restarts."""


def file_stamps(paths: Sequence[str], suffix: str = "") -> dict[str, tuple[int, int]]:
    """Every file among ``paths`` and inside them (ending in ``suffix``), with its modification time and size."""
    files = (
        [path] if os.path.isfile(path) else glob.glob(os.path.join(path, "**", f"*{suffix}"), recursive=True)
        for path in paths
    )
    stamps = {}
    for path in (path for found in files for path in found):
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            continue
        if not os.path.isdir(path) and DEFAULT_FILTER(Change.modified, path):
            stamps[path] = (stat.st_mtime_ns, stat.st_size)
    return stamps


def code_stamps(site: PreviewSite) -> dict[str, tuple[int, int]]:
    return file_stamps(site.code(), ".py")


class SourceWatcher(Watcher):
    """livereload's watcher: rebuilds once per batch of edits to the sources, restarts on edits to the code.

    A thread waits for the file system's events (watchfiles) instead of polling every file.
    """

    def __init__(self, site: PreviewSite, code: dict[str, tuple[int, int]], *, restarted: bool = False):
        super().__init__()
        self.site = site
        for folder in site.sources():
            self.watch(folder)
        self.stamps = file_stamps(site.sources())
        self.code = code
        self.restarted = restarted

    def examine(self):
        """Rebuild if a source changed; return the changed path for livereload's message."""
        if code_stamps(self.site) != self.code:
            restart()
        now = file_stamps(self.site.sources())
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
        """Start waiting for edits; True tells livereload not to poll (it would drop reloads within 3 s)."""
        loop = IOLoop.current()
        folders = [path for path in (*self.site.sources(), *self.site.code()) if os.path.exists(path)]
        threading.Thread(target=self._wait_for_edits, args=(loop, folders), daemon=True).start()
        if self.restarted:
            # After a restart, browsers reconnect by themselves but do not reload: tell them to.
            deadline = time.monotonic() + RECONNECT_SECONDS
            reloader = PeriodicCallback(lambda: self._reload_reconnected(reloader, deadline), 100)
            reloader.start()
        return True

    def _wait_for_edits(self, loop: IOLoop, folders: list[str]) -> None:
        for _ in watchfiles.watch(*folders, raise_interrupt=False):
            loop.add_callback(self.rebuild)

    def rebuild(self) -> None:
        path, _ = self.examine()
        if path:
            LiveReloadHandler.reload_waiters(path)

    def _reload_reconnected(self, reloader: PeriodicCallback, deadline: float) -> None:
        if time.monotonic() > deadline:
            reloader.stop()
        elif LiveReloadHandler.waiters:
            reloader.stop()
            LiveReloadHandler.reload_waiters("*")


def restart() -> NoReturn:
    """Replace this process by a new one run the same way: Python code cannot be reloaded in place."""
    say("The settings or a plugin changed: restarting the preview")
    sys.stdout.flush()
    sys.stderr.flush()
    # The listening socket is closed on exec, so that the new process can take the port.
    os.execve(sys.executable, sys.orig_argv, {**os.environ, RESTARTED: "1"})


def serve(settings_file: str = "pelicanconf.py", host: str = "127.0.0.1", port: int = 8000, open_browser=False):
    """Build the site, serve it at http://HOST:PORT/ and rebuild it on every edit, until Ctrl-C."""
    init_logging(level=logging.WARNING)
    # livereload prints its own log lines; Pelican's handler would print them a second time.
    logging.getLogger("livereload").propagate = False
    site = PreviewSite(settings_file)
    loaded = site.load()
    # Taken before the first build, so that an edit made while it runs still restarts the preview.
    code = code_stamps(site)
    if loaded:
        site.build()
    server = Server(watcher=SourceWatcher(site, code, restarted=os.environ.get(RESTARTED) == "1"))
    say(f"Previewing at http://{host}:{port}/ (Ctrl-C to stop)")
    output = site.settings["OUTPUT_PATH"] if site.settings else "output"
    server.serve(host=host, port=port, root=output, open_url_delay=0.5 if open_browser else None)
