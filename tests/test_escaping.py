"""Every field of a brief is shown as text on every page the theme makes, markup and all."""

import pytest
from bs4 import BeautifulSoup

from tests.sites import build, make_site, page, write_brief

MARK = '<b class="injected" onclick="alert(1)">Q&A</b>'
HOSTILE = "briefs/title-b-classinjected-onclickalert1qab/index.html"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A published build with one brief whose every field carries markup, and a neighbour that lists it."""
    site = make_site(tmp_path_factory.mktemp("hostile"), [])
    fields = {"topic": f"Topic {MARK}", "tags": [f"Tag {MARK}"], "lang": "en"}
    write_brief(site, "title-b-classinjected-onclickalert1qab", "Plain body.", title=f"Title {MARK}",
                date="2020-01-02", authors=[f"Author {MARK}"], kind=f"Kind {MARK}", summary=f"Summary {MARK}",
                **fields)  # fmt: skip
    write_brief(site, "neighbour", "Plain body.", title="Neighbour", date="2020-01-01", authors=["Ana"], **fields)
    odd_lang = 'es" onmouseover="alert(1)'
    write_brief(site, "lang", "Plain body.", title="Odd language", date="2019-01-01", topic="Other",
                authors=["Ana"], lang=odd_lang)  # fmt: skip
    # The check refuses a language the site does not list; listed, it must still be escaped by the theme.
    with (site / "publishconf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"\nCRIMEBRIEFS_LANGUAGES = ('en', 'es', {odd_lang!r})\n")
    build(site, "publishconf.py", siteurl="https://example.org/sub")
    return site


def test_no_page_contains_the_markup_as_markup(hostile_site):
    pages = sorted((hostile_site / "output").rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "<b class" not in html, path
        assert 'onmouseover="' not in html, path


@pytest.mark.parametrize(
    ("path", "selector", "text"),
    [
        (HOSTILE, "h1", f"Title {MARK}"),
        (HOSTILE, "title", f"Title {MARK} · Crime Briefs"),
        (HOSTILE, ".brief .badge", f"Kind {MARK}"),
        (HOSTILE, ".brief .topic-link", f"Topic {MARK}"),
        (HOSTILE, ".byline .authors a", f"Author {MARK}"),
        (HOSTILE, ".tags .tag", f"Tag {MARK}"),
        ("briefs/neighbour/index.html", ".topic-nav a", f"Title {MARK}"),
        ("briefs/neighbour/index.html", ".topic-nav h2", f"More on Topic {MARK}"),
        ("index.html", ".card-title", f"Title {MARK}"),
        ("topics/index.html", "tbody th", f"Topic {MARK}"),
        ("tags/index.html", "tbody th", f"Tag {MARK}"),
        ("authors/index.html", "tbody th", "Ana"),
        ("2020/index.html", ".card .badge", f"Kind {MARK}"),
    ],
)
def test_fields_read_as_the_text_that_was_written(hostile_site, path, selector, text):
    element = BeautifulSoup(page(hostile_site, path), "html.parser").select_one(selector)
    assert element.get_text(strip=True) == text


def test_attributes_hold_the_text_that_was_written(hostile_site):
    html = BeautifulSoup(page(hostile_site, HOSTILE), "html.parser")
    assert html.select_one('meta[property="og:title"]')["content"] == f"Title {MARK}"
    assert html.select_one('meta[property="article:section"]')["content"] == f"Topic {MARK}"
    assert html.select_one('meta[property="article:tag"]')["content"] == f"Tag {MARK}"
    # A summary is Markdown: its markup is dropped, never run.
    assert html.select_one('meta[name="description"]')["content"] == "Summary Q&A"
    odd = BeautifulSoup(page(hostile_site, "briefs/lang/index.html"), "html.parser")
    assert odd.html["lang"] == 'es" onmouseover="alert(1)'
