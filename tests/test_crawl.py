"""The published site served under a sub-path by a plain static host: every internal link and asset answers."""

import json
import re
from dataclasses import dataclass, field
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen
from xml.etree import ElementTree

from bs4 import BeautifulSoup

# Attributes that hold a URL the browser follows or loads.
URL_ATTRIBUTES = ("href", "src", "action", "poster")
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class Crawl:
    site: str
    """The site's URL, without a trailing slash."""
    answers: dict[str, int] = field(default_factory=dict)
    """Every internal URL fetched, with its HTTP status."""
    problems: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)
    anchors: list[tuple[str, str, str]] = field(default_factory=list)
    """(page, target page, fragment) for every link to a place inside a page."""
    ids: dict[str, set[str]] = field(default_factory=dict)

    def run(self, *starts: str) -> "Crawl":
        queue = list(starts)
        while queue:
            url = queue.pop()
            if url in self.answers:
                continue
            status, kind, body = fetch(url)
            self.answers[url] = status
            if status == 200:
                queue.extend(self.follow(url, kind, body))
        return self

    def follow(self, url: str, kind: str, body: bytes) -> list[str]:
        found = []
        for link in links_in(url, kind, body, self):
            target, fragment = urldefrag(urljoin(url, link))
            if urlsplit(target).scheme not in ("http", "https"):
                continue
            if urlsplit(target).netloc != urlsplit(self.site).netloc:
                self.external.add(target)
            elif not (target + "/").startswith(self.site + "/"):
                self.problems.append(f"{url} links outside the sub-path: {link}")
            else:
                found.append(target)
                if fragment:
                    self.anchors.append((url, target, fragment))
        return found


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except HTTPError as error:
        return error.code, "", b""


def links_in(url: str, kind: str, body: bytes, crawl: Crawl) -> list[str]:
    text = body.decode("utf-8")
    if kind == "text/html":
        html = BeautifulSoup(text, "html.parser")
        crawl.ids[url] = {element["id"] for element in html.select("[id]")}
        links = [element[a] for a in URL_ATTRIBUTES for element in html.select(f"[{a}]")]
        links += [src.split()[0] for element in html.select("[srcset]") for src in element["srcset"].split(",")]
        # The search page's script loads the parts of the search index the bundle's folder lists.
        links += [urljoin(bundle["data-bundle"], "crimebriefs-parts.json") for bundle in html.select("[data-bundle]")]
        return links
    if url.endswith("/crimebriefs-parts.json"):
        # Each part is a bundle of Pagefind's, loaded by its script and entry file.
        return [f"{part['path']}{name}" for part in json.loads(text) for name in ("pagefind.js", "pagefind-entry.json")]
    if kind == "text/css":
        return re.findall(r"url\(\s*['\"]?([^'\")]+)", text)
    if kind in ("application/xml", "text/xml", "application/atom+xml"):
        root = ElementTree.fromstring(body)
        return [e.text for e in root.iter(f"{SITEMAP}loc")] + [e.get("href") for e in root.iter(f"{ATOM}link")]
    if url.endswith("/robots.txt"):
        return re.findall(r"^Sitemap: (\S+)", text, flags=re.MULTILINE)
    return []


def test_every_internal_link_and_asset_answers_under_a_sub_path(published_site):
    site = published_site.url
    crawl = Crawl(site).run(f"{site}/", f"{site}/robots.txt")
    failed = {url: status for url, status in crawl.answers.items() if status != 200}
    assert failed == {}
    assert crawl.problems == []
    missing = [f"{page} → {target}#{fragment}" for page, target, fragment in crawl.anchors
               if fragment not in crawl.ids.get(target, set())]  # fmt: skip
    assert missing == []
    # Every page that was built is reachable by following links from the home page.
    built = {
        f"{site}/{path.relative_to(published_site.output).as_posix()}".removesuffix("index.html")
        for path in published_site.output.rglob("*.html")
    }
    assert built - set(crawl.answers) == set()
    assert {f"{site}/sitemap.xml", f"{site}/feeds/all.atom.xml", f"{site}/feeds/topics/drug-policy.atom.xml"} <= set(
        crawl.answers
    )
    assert f"{site}/theme/css/crimebriefs.css" in crawl.answers
    assert f"{site}/pagefind/parts/1/pagefind.js" in crawl.answers


def test_the_static_host_refuses_what_lies_outside_the_sub_path(published_site):
    # The crawl above means something only if a link that forgot the sub-path would fail.
    root = published_site.url.removesuffix("/sub")
    assert fetch(f"{root}/index.html")[0] == 404
    assert fetch(f"{published_site.url}/index.html")[0] == 200
    assert fetch(f"{published_site.url}/pagefind/")[0] == 404
