"""The theme's pages, read as HTML from real builds: what each page shows and links to."""

import json
import re
from collections import Counter
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from tests.paths import SAMPLE_DIR, SAMPLE_PAGE
from tests.sites import SAMPLE_BRIEF, SPANISH_BRIEF, build, make_site, page, run_pelican, write_brief

REVISA = "briefs/ecuador-revisa-su-politica-de-drogas/index.html"
ATOM = "{http://www.w3.org/2005/Atom}"


def soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup(page(site, path), "html.parser")


def card_titles(html: BeautifulSoup) -> list[str]:
    return [h.get_text(strip=True) for h in html.select(".card .card-title")]


def test_home_lists_the_latest_briefs_with_topic_kind_date_authors_and_summary(test_site):
    home = soup(test_site, "index.html")
    cards = home.select("main .card")
    assert card_titles(home)[:3] == [
        "Treatment Courts Spread Across the Andes",
        "La disputa por los puertos del Pacífico reordena el mapa criminal",
        "Court Orders Review of Detention Conditions for Women",
    ]
    first = cards[0]
    assert first.select_one(".badge").get_text() == "Brief"
    assert first.select_one(".topic-link")["href"] == "./topics/drug-policy/"
    assert first.select_one("time")["datetime"] == "2022-06-08"
    assert first.select_one(".byline").get_text(" ", strip=True) == "By Tom Whitcombe 8 June 2022"
    assert first.select_one(".summary").get_text().startswith("Courts that send people arrested")
    assert home.select_one('aside a[href="./topics/"]')


def test_topic_overview_lists_every_topic_with_its_count_and_latest_date(test_site):
    rows = soup(test_site, "topics/index.html").select("table.overview tbody tr")
    table = [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in rows]
    assert table[0] == ["Drug Policy", "5", "8 June 2022"]
    assert sorted(row[0] for row in table) == sorted(
        ["Drug Policy", "Puertos", "Gender and Crime", "Central America", "Colombia", "Prisons", "Illegal Mining"]
    )
    # The most covered first; among equals, the most recent first.
    assert [row[0] for row in table[1:4]] == ["Puertos", "Gender and Crime", "Central America"]


def test_topic_and_tag_pages_chart_their_briefs_per_year(test_site):
    chart = soup(test_site, "topics/drug-policy/index.html").select_one("figure.chart svg")
    assert chart["role"] == "img"
    labels = {chart.select_one(f"#{name}").get_text() for name in chart["aria-labelledby"].split()}
    assert labels == {
        "Briefs per year on Drug Policy",
        "2013: 1; 2014: 0; 2015: 1; 2016: 0; 2017: 1; 2018: 0; 2019: 1; 2020: 0; 2021: 0; 2022: 1",
    }
    assert len(chart.select("rect")) == 5
    tag_chart = soup(test_site, "tags/ecuador/index.html").select_one("figure.chart svg")
    assert tag_chart.select_one("desc").get_text() == (
        "2013: 1; 2014: 0; 2015: 1; 2016: 0; 2017: 1; 2018: 0; 2019: 1; 2020: 0; 2021: 1"
    )


def test_brief_page_links_the_older_and_newer_brief_of_its_topic(test_site):
    nav = soup(test_site, SAMPLE_BRIEF).select_one("nav.topic-nav")
    assert nav.select_one("h2").get_text() == "More on Drug Policy"
    links = {a["rel"][0]: (a.get_text(), a["href"].removeprefix("../../briefs/")) for a in nav.select("a")}
    assert links == {
        "prev": ("Ecuador Debates Drug Possession Thresholds", "ecuador-debates-drug-possession-thresholds/"),
        "next": ("Port Inspections Expand Along the Pacific Coast", "port-inspections-expand-along-the-pacific-coast/"),
    }


def test_brief_page_lists_related_briefs_sharing_its_topic_or_tags(test_site):
    related = soup(test_site, SAMPLE_BRIEF).select("section.related .card")
    # Sharing topic and a tag first, the closest in time first; the older and newer links are not repeated.
    assert card_titles(soup(test_site, SAMPLE_BRIEF).select_one("section.related")) == [
        "Ecuador revisa su política de drogas",
        "Treatment Courts Spread Across the Andes",
        "La disputa por los puertos del Pacífico reordena el mapa criminal",
    ]
    assert related[0]["lang"] == "es"
    assert "lang" not in related[1].attrs


def test_spanish_brief_speaks_spanish_inside_the_brief_and_english_around_it(test_site):
    html = soup(test_site, SPANISH_BRIEF)
    assert html.html["lang"] == "es"
    assert html.select_one("header.site-header")["lang"] == "en"
    assert html.select_one("footer.site-footer")["lang"] == "en"
    assert html.select_one(".brief .badge-lang").get_text() == "Español"
    assert html.select_one(".brief time").get_text() == "9 de agosto de 2021"
    assert html.select_one(".tags .tags-label").get_text() == "Etiquetas:"
    assert html.select_one(".brief-authors .tags-label").get_text() == "Autores:"
    assert html.select_one("#related-heading").get_text() == "Notas relacionadas"
    # An English brief listed inside the Spanish one says so.
    english = [card for card in html.select(".related .card") if card.get("lang") == "en"]
    assert english and english[0].select_one(".byline").get_text().startswith("By ")
    neighbours = soup(test_site, REVISA).select_one(".topic-nav")
    assert neighbours.select_one("h2").get_text() == "Más sobre Drug Policy"
    assert [label.get_text() for label in neighbours.select(".label")] == ["Anterior", "Siguiente"]


def test_spanish_cards_on_english_pages_carry_their_language(test_site):
    home = soup(test_site, "index.html")
    spanish = [card for card in home.select("main .card") if card.get("lang") == "es"]
    assert {card.select_one(".card-title").get_text(strip=True) for card in spanish} == {
        "La disputa por los puertos del Pacífico reordena el mapa criminal",
        "Ecuador revisa su política de drogas",
    }
    assert all(card.select_one(".byline").get_text().startswith("Por ") for card in spanish)


def test_year_archive_lists_its_briefs_newest_first(test_site):
    year = soup(test_site, "2015/index.html")
    assert year.select_one("h1").get_text() == "2015"
    assert card_titles(year) == [
        "Ecuador Shifts Security Focus to Microtrafficking",
        "Policía Detains Suspects in Bogotá",
    ]
    archives = soup(test_site, "archives/index.html")
    years = [a.get_text() for a in archives.select(".year-list a")]
    assert years == ["2022", "2021", "2020", "2019", "2017", "2015", "2014", "2013"]


def test_only_the_search_page_loads_a_script(test_site):
    output = test_site / "output"
    # JSON-LD is data in a script element that no browser runs; any other script is code.
    with_scripts = sorted(
        str(p.relative_to(output))
        for p in output.rglob("*.html")
        if BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select(
            "script:not([type='application/ld+json'])"
        )
    )
    assert with_scripts == ["search/index.html"]
    scripts = soup(test_site, "search/index.html").select("script")
    assert [(s["src"], s["type"]) for s in scripts] == [("../theme/js/search.js", "module")]


def test_search_index_holds_the_brief_pages_in_their_two_languages(test_site):
    counts = Counter()
    for entry in (test_site / "output" / "pagefind").glob("parts/*/pagefind-entry.json"):
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        counts.update({lang: info["page_count"] for lang, info in languages.items()})
    assert counts == {"en": 9, "es": 2}
    body = soup(test_site, SAMPLE_BRIEF).select("[data-pagefind-body]")
    assert [element["class"] for element in body] == [["brief-body", "prose"]]


def test_search_turned_off_leaves_no_search_page_box_or_index(tmp_path):
    site = make_site(tmp_path, [SAMPLE_DIR / "sources.csv", SAMPLE_PAGE])
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write("\nCRIMEBRIEFS_SEARCH = False\n")
    build(site)
    output = site / "output"
    assert (output / SAMPLE_BRIEF).is_file()
    assert not (output / "search").exists() and not (output / "pagefind").exists()
    assert "search" not in page(site, "index.html").casefold()


def test_preview_build_has_no_absolute_links_feeds_or_sitemap_line(test_site):
    output = test_site / "output"
    assert not (output / "feeds").exists()
    assert "canonical" not in page(test_site, SAMPLE_BRIEF)
    assert page(test_site, "robots.txt") == "User-agent: *\nAllow: /\n"


def paginated_site(tmp_path):
    site = make_site(tmp_path, [])
    for day in (1, 2, 3):
        write_brief(site, f"one-{day}", "Text.", title=f"Brief {day} by author 1", date=f"2020-01-0{day}",
                    topic="Prisons", authors=["Author 1"], lang="en")  # fmt: skip
    write_brief(site, "twelve", "Text.", title="The brief by author 12", date="2020-01-10", topic="Prisons",
                authors=["Author 12"], lang="en")  # fmt: skip
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write("\nDEFAULT_PAGINATION = 2\n")
    return site


def test_page_two_of_author_1_never_collides_with_author_12(tmp_path):
    site = paginated_site(tmp_path)
    build(site)
    first = soup(site, "authors/author-1/index.html")
    assert card_titles(first) == ["Brief 3 by author 1", "Brief 2 by author 1"]
    assert first.select_one('a[rel="next"]')["href"] == "../../authors/author-1/page/2/"
    second = soup(site, "authors/author-1/page/2/index.html")
    assert card_titles(second) == ["Brief 1 by author 1"]
    assert second.select_one('a[rel="prev"]')["href"] == "../../../../authors/author-1/"
    assert card_titles(soup(site, "authors/author-12/index.html")) == ["The brief by author 12"]
    assert card_titles(soup(site, "page/2/index.html")) == ["Brief 2 by author 1", "Brief 1 by author 1"]


def test_pelicans_own_page_names_would_crash_on_the_same_authors(tmp_path):
    site = paginated_site(tmp_path)
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            'AUTHOR_URL = AUTHOR_SAVE_AS = "author/{slug}.html"\n'
            'PAGINATION_PATTERNS = ((1, "{name}{extension}", "{name}{extension}"),'
            ' (2, "{name}{number}{extension}", "{name}{number}{extension}"))\n'
        )
    result = run_pelican(site)
    assert result.returncode != 0
    assert re.search(r"Failed to overwrite \S*author/author-12\.html", result.stdout + result.stderr)


def test_published_pages_have_canonical_links_open_graph_tags_and_feed_links(published_site):
    url = published_site.url
    brief = BeautifulSoup(page(published_site.root, SAMPLE_BRIEF), "html.parser")
    address = f"{url}/briefs/ecuador-shifts-security-focus-to-microtrafficking/"
    assert brief.select_one('link[rel="canonical"]')["href"] == address
    meta = {m["property"]: m["content"] for m in brief.select("meta[property]") if not m["property"].endswith(":tag")}
    assert meta == {
        "og:url": address,
        "og:site_name": "Crime Briefs",
        "og:title": "Ecuador Shifts Security Focus to Microtrafficking",
        "og:description": brief.select_one('meta[name="description"]')["content"],
        "og:type": "article",
        "article:published_time": "2015-09-22T00:00:00-05:00",
        "article:section": "Drug Policy",
    }
    assert meta["og:description"].startswith("Ecuador's authorities say")
    topic = BeautifulSoup(page(published_site.root, "topics/drug-policy/index.html"), "html.parser")
    feeds = [link["href"] for link in topic.select('link[rel="alternate"][type="application/atom+xml"]')]
    assert feeds == [f"{url}/feeds/all.atom.xml", f"{url}/feeds/topics/drug-policy.atom.xml"]
    assert topic.select_one(".listing-meta a")["href"] == f"{url}/feeds/topics/drug-policy.atom.xml"


def test_published_feeds_sitemap_and_robots_name_the_published_addresses(published_site):
    url = published_site.url
    feed = ElementTree.fromstring(page(published_site.root, "feeds/topics/drug-policy.atom.xml"))
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == [
        "Treatment Courts Spread Across the Andes",
        "Ecuador revisa su política de drogas",
        "Port Inspections Expand Along the Pacific Coast",
        "Ecuador Shifts Security Focus to Microtrafficking",
        "Ecuador Debates Drug Possession Thresholds",
    ]
    everything = ElementTree.fromstring(page(published_site.root, "feeds/all.atom.xml"))
    assert len(list(everything.iter(f"{ATOM}entry"))) == 11
    sitemap = ElementTree.fromstring(page(published_site.root, "sitemap.xml"))
    locations = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    built = {p.parent.name for p in (published_site.output / "briefs").glob("*/index.html")}
    assert {f"{url}/briefs/{slug}/" for slug in built} <= locations
    assert f"{url}/search/" not in locations and f"{url}/" in locations
    assert page(published_site.root, "robots.txt") == f"User-agent: *\nAllow: /\nSitemap: {url}/sitemap.xml\n"
