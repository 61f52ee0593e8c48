"""Real ``pelican content`` builds of the site in temporary folders, and a static host to serve them."""

import functools
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from tests.paths import REPO, SAMPLE_DIR, VARIANTS

FIXTURE_BRIEFS = REPO / "tests" / "fixtures" / "briefs"
SAMPLE_BRIEF = "briefs/ecuador-shifts-security-focus-to-microtrafficking/index.html"
SPANISH_BRIEF = "briefs/la-disputa-por-los-puertos-del-pacifico-reordena-el-mapa-criminal/index.html"
HOSTILE_BRIEF = "briefs/alerttitle-gang-leader-escapes/index.html"


def make_site(root: Path, raw_files: list[Path], briefs: list[Path] = ()) -> Path:
    """A site folder like the repository's, with the given raw files as its dump and briefs beside them."""
    for settings in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(REPO / settings, root / settings)
    for folder in ("theme", "plugins"):
        (root / folder).symlink_to(REPO / folder)
    raw = root / "content" / "raw"
    raw.mkdir(parents=True)
    shutil.copytree(REPO / "content" / "pages", root / "content" / "pages")
    for path in raw_files:
        shutil.copy(path, raw / path.name)
    if briefs:
        (root / "content" / "briefs").mkdir()
        for path in briefs:
            shutil.copy(path, root / "content" / "briefs" / path.name)
    return root


def make_test_site(root: Path) -> Path:
    """The sample page, every text variant of the shared dumps and the hand-written fixture briefs."""
    variants = sorted(VARIANTS.glob("*.txt"))
    site = make_site(root, [*sorted(SAMPLE_DIR.iterdir()), *variants], sorted(FIXTURE_BRIEFS.glob("*.md")))
    # The variants are invented pages: their stand-in originals let the published build credit them.
    with (site / "content" / "raw" / "sources.csv").open("a", encoding="utf-8") as sources:
        sources.writelines(f"{path.name},https://example.org/dump/{path.stem}/\n" for path in variants)
    return site


def write_brief(site: Path, slug: str, body: str, **fields) -> Path:
    """A brief as a contributor writes it, in the site's ``content/briefs/``."""
    folder = site / "content" / "briefs"
    folder.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    path = folder / f"{slug}.md"
    path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
    return path


def run_pelican(site: Path, settings: str = "pelicanconf.py", siteurl: str | None = None):
    # A wide console, so that Pelican's log lines are not wrapped mid-message.
    env = {**os.environ, "COLUMNS": "400"}
    if siteurl is not None:
        env["SITEURL"] = siteurl
    command = [sys.executable, "-m", "pelican", "content", "-s", settings]
    return subprocess.run(command, cwd=site, capture_output=True, text=True, check=False, env=env)


def build(site: Path, settings: str = "pelicanconf.py", siteurl: str | None = None):
    result = run_pelican(site, settings, siteurl)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def page(site: Path, path: str) -> str:
    return (site / "output" / path).read_text(encoding="utf-8")


def all_output(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((site / "output").rglob("*.html")))


class _Handler(SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix`` only; anything outside the prefix is a 404."""

    def __init__(self, *args, prefix: str, **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-site")
        return super().translate_path("/" + path[len(self.prefix) :])

    def list_directory(self, path):
        # Static hosts answer 404 for a folder without index.html; so does this one.
        self.send_error(404)

    def log_message(self, format, *args):
        pass


class StaticHost:
    """A folder served over HTTP on the loopback interface under a path prefix, as a static host would.

    The port is taken when the host is made, so that a site can be built for its URL first.
    """

    def __init__(self, prefix: str = "/"):
        self.prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._thread = None

    @property
    def url(self) -> str:
        """The site's URL as Pelican's SITEURL wants it: no trailing slash."""
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.prefix}".rstrip("/")

    def serve(self, folder: Path) -> "StaticHost":
        self._server.RequestHandlerClass = functools.partial(_Handler, directory=str(folder), prefix=self.prefix)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._thread:
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()


@dataclass(frozen=True)
class Served:
    """A built site and the URL it is served at."""

    root: Path
    url: str

    @property
    def output(self) -> Path:
        return self.root / "output"

    def __call__(self, path: str = "") -> str:
        """The URL of a page of the site, from its path inside it (``topics/``)."""
        return f"{self.url}/{path}"
