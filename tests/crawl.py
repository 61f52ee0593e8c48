"""Serve a built site under a sub-path, as GitHub Pages serves a project site, and crawl it.

    with serve_under(site / "output", "/repo/") as base:   # http://127.0.0.1:PORT/repo/
        ...build with SITEURL = base without its last slash...
        result = crawl(base)
        assert not result.broken

The crawl follows every same-origin link and asset of HTML pages (``href``, ``src``,
``srcset``), stylesheets (``url()``, ``@import``), feeds (Atom and RSS links, and the links
inside entries) and sitemaps (``<loc>``). A link to the same host outside the sub-path is
followed too, so that it shows up as broken, as it would be on GitHub Pages.
"""

import re
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

HOST = "127.0.0.1"
LINK_ATTRIBUTES = ("href", "src", "srcset", "poster")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
NOT_FETCHED = ("mailto:", "javascript:", "data:", "tel:")


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Files of one folder under one URL prefix; anything else, and folders without an index, are 404."""

    def __init__(self, *args, prefix: str, **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def send_head(self):
        if not (urlsplit(self.path).path + "/").startswith(self.prefix):
            self.send_error(404, "Outside the site")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        # The prefix without its last slash, so that /repo/x becomes /x.
        return super().translate_path(path[len(self.prefix) - 1 :])

    def list_directory(self, path):
        self.send_error(404, "No index file here")

    def log_message(self, format, *args):
        """Quiet: a failing test reports the broken links itself."""


@contextmanager
def serve_under(folder: Path, prefix: str = "/repo/") -> Iterator[str]:
    """Serve ``folder`` at ``http://127.0.0.1:PORT{prefix}`` on a free port; yield that URL."""
    handler = partial(_SubPathHandler, directory=str(folder), prefix=prefix)
    server = ThreadingHTTPServer((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Crawl:
    """What a crawl found."""

    fetched: dict[str, str] = field(default_factory=dict)
    """Every same-origin URL that answered 200, with its content type."""
    broken: list[tuple[str, int, str]] = field(default_factory=list)
    """(URL, status, the page that links to it) for every same-origin URL that did not answer 200."""
    external: set[str] = field(default_factory=set)
    """Links to other sites, not fetched."""

    def pages(self) -> list[str]:
        return sorted(url for url, kind in self.fetched.items() if kind == "text/html")


def crawl(start: str, *, also: Iterable[str] = (), limit: int = 10_000) -> Crawl:
    """Fetch ``start`` (and the ``also`` URLs) and everything on the same origin they lead to, up to ``limit`` URLs."""
    origin = urlsplit(start)[:2]
    result = Crawl()
    seen = {start, *also}
    queue = deque((url, "(start)") for url in dict.fromkeys([start, *also]))
    while queue and len(seen) <= limit:
        url, referrer = queue.popleft()
        status, kind, body = _get(url)
        if status != 200:
            result.broken.append((url, status, referrer))
            continue
        result.fetched[url] = kind
        for link in links(body, kind, url):
            link = urldefrag(link)[0]
            if urlsplit(link)[:2] != origin:
                result.external.add(link)
            elif link not in seen:
                seen.add(link)
                queue.append((link, url))
    return result


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def links(body: bytes, kind: str, url: str) -> list[str]:
    """The absolute URLs a document links to or loads."""
    if kind == "text/html":
        found, base = _html_links(body.decode("utf-8", "replace"))
        url = urljoin(url, base) if base else url
    elif kind == "text/css":
        found = [first or second for first, second in CSS_URL.findall(body.decode("utf-8", "replace"))]
    elif kind.endswith("xml"):
        found = _xml_links(body)
    else:
        found = []
    return [urljoin(url, link) for link in found if link and not link.lower().startswith(NOT_FETCHED)]


def _html_links(html: str) -> tuple[list[str], str | None]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attribute in LINK_ATTRIBUTES:
            value = tag.get(attribute)
            if not value:
                continue
            if attribute == "srcset":
                found.extend(candidate.split()[0] for candidate in value.split(",") if candidate.strip())
            else:
                found.append(value.strip())
    base = soup.find("base", href=True)
    return found, base["href"] if base else None


def _xml_links(body: bytes) -> list[str]:
    """Atom ``<link href>``, RSS ``<link>``, sitemap ``<loc>``, and the links inside feed entries."""
    found = []
    for element in ET.fromstring(body).iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name == "link":
            found.append(element.get("href") or (element.text or "").strip())
        elif name == "loc":
            found.append((element.text or "").strip())
        elif name in ("content", "summary", "description") and element.text:
            found.extend(_html_links(element.text)[0])
    return found
